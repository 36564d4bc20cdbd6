// Reading `mealplan-instance` JSON (version 1) and writing solution JSON, as
// specified in the plan-instance format. Every rule of the format is checked;
// the first violation is reported with its JSON path, e.g.
// `plan.daily[3].nutrient: unknown nutrient "vit_x"`.
//
// Thread safety: free functions without shared state.
#ifndef HEARTH_PLANNER_INSTANCE_IO_H_
#define HEARTH_PLANNER_INSTANCE_IO_H_

#include <string>
#include <string_view>

#include "hearth/planner/instance.h"
#include "hearth/planner/solver.h"
#include "hearth/result.h"
#include "hearth/status.h"

namespace hearth::planner {

// Parses and validates an instance. Errors are InvalidArgument with message
// "<json path>: <problem>" (path "$" for the document itself).
Result<PlanInstance> ParseInstanceJson(std::string_view text);

// Reads `path` and parses it. NotFound if the file cannot be read; the
// message then names the file.
Result<PlanInstance> ReadInstanceFile(const std::string& path);

// Serialises `instance` in the instance format (round-trips through
// ParseInstanceJson). REQUIRES: !instance.uses_extensions() (the format has
// no soft rows, people, per-meal caps, time limit or fixed cells).
std::string InstanceToJson(const PlanInstance& instance);

// The solution JSON: status, objective (recomputed from the plan), bound,
// gap, seconds and the plan cells, plus extra keys (solver name).
std::string SolutionToJson(const PlanInstance& instance, const SolveOutcome& outcome);

// Writes `text` to `path`; NotFound/Internal on failure.
Status WriteTextFile(const std::string& path, const std::string& text);

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_INSTANCE_IO_H_
