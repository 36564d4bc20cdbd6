// Builds the planner's solver-neutral model (a PlanInstance) from hearth's own
// data: a profile's targets, the recipe library and its derived facts. The
// same model is written by `hearth instance export` in the plan-instance
// format and solved by `hearth plan`.
//
// Thread safety: pure functions of their arguments.
#ifndef HEARTH_SERVICE_PLAN_BUILDER_H_
#define HEARTH_SERVICE_PLAN_BUILDER_H_

#include <string>
#include <vector>

#include "hearth/core/profile.h"
#include "hearth/core/targets.h"
#include "hearth/planner/instance.h"
#include "hearth/result.h"
#include "hearth/service/catalog.h"

namespace hearth {

struct PlanRequestOptions {
  int days = 7;  // 1-28.
  // Meal slots, each filled by recipes whose meal types include it.
  std::vector<std::string> slots = {"breakfast", "lunch", "dinner", "snack"};
  double servings_min = 0.5;  // Servings per cell. Default: 0.5-2 in half steps.
  double servings_max = 2.0;
  double servings_step = 0.5;
  int max_uses_per_week = 2;  // Variety. Default: a recipe at most twice a week,
  int max_uses_per_day = 1;   // and once a day.
  // Penalty per unit of a missed bound, relative to the scale of the row; +inf
  // makes every bound hard (the plan-instance format has no soft rows).
  bool hard_bounds = true;
};

// The model, plus why each excluded recipe was excluded (recipe id → reason).
struct BuiltInstance {
  planner::PlanInstance instance;
  std::vector<std::pair<std::string, std::string>> excluded;
};

// Fails with InvalidArgument naming the option when `options` is out of range.
Result<BuiltInstance> BuildPlanInstance(const Catalog& catalog, const Profile& profile,
                                        const Targets& targets, const PlanRequestOptions& options);

}  // namespace hearth

#endif  // HEARTH_SERVICE_PLAN_BUILDER_H_
