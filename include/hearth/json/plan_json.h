// The plan document (docs/plan-json.md): what `hearth plan --json` prints
// and `--out` saves. It holds the request (the household's profiles and the
// options), the plan's cells and the whole PlanReport, so a saved plan can be
// explained again or re-optimised around a swap: RebuildSavedPlan turns the
// request back into the same model with the same catalogue.
//
// This target sits above the service layer (it encodes service types); the
// plain encoders below it are in encode.h.
//
// Thread safety: pure functions.
#ifndef HEARTH_JSON_PLAN_JSON_H_
#define HEARTH_JSON_PLAN_JSON_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/profile.h"
#include "hearth/planner/instance.h"
#include "hearth/result.h"
#include "hearth/service/catalog.h"
#include "hearth/service/plan_builder.h"
#include "hearth/service/plan_report.h"

namespace hearth {

inline constexpr std::string_view kPlanFormat = "hearth-plan";
inline constexpr int kPlanFormatVersion = 1;

// What was asked for: enough to rebuild the model.
struct PlanRequest {
  struct Member {
    std::string id;  // Shown in the plan (the profile's name, else the file name).
    Profile profile;
  };
  std::vector<Member> household;  // The first member leads (weights, budget).
  int days = 7;
  std::vector<std::string> slots = PlanRequestOptions{}.slots;
  std::uint64_t seed = 1;
  double time_limit_s = 10;
  int threads = 1;
  std::optional<double> max_minutes_per_day;
  std::vector<std::string> optional_slots;  // Slots that may stay empty.
  // The user's own choices (from `plan swap`), kept by every later solve.
  struct Fixed {
    int day = 0;  // 0-based (1-based in the file).
    std::string slot;
    std::string recipe;
    std::optional<double> servings;
  };
  std::vector<Fixed> fixed;
  // Planned with the market and/or the pantry: the prices and stock as they
  // were (a snapshot, so the saved plan rebuilds the same model).
  std::optional<PlanPricing> pricing;
  std::string start_date;  // YYYY-MM-DD of day 1 when planned with a pantry; else empty.

  PlanRequestOptions Options() const;
};

// A plan read back from its document.
struct PlanDocument {
  PlanRequest request;
  struct Cell {
    int day = 0;  // 0-based (1-based in the file).
    std::string slot;
    std::string recipe;
    double servings = 0;
  };
  std::vector<Cell> cells;  // Cell order: day, then slot.
  std::string status;       // The solver status when it was made.
  std::optional<double> bound;  // Its proven lower bound, when known.
};

// The household of a request with each member's targets. Errors name the
// member (FailedPrecondition if targets cannot be computed).
Result<std::vector<PlanMember>> HouseholdOf(const Catalog& catalog, const PlanRequest& request);

// The whole document for a solved request.
nlohmann::json PlanDocumentToJson(const PlanRequest& request, const PlanReport& report);
// Parts of the document, reused by `plan explain --json`.
nlohmann::json ExplanationToJson(const PlanReport& report);
nlohmann::json MealToJson(const PlanReport& report, const ReportMeal& meal);
nlohmann::json MealExplanationToJson(const PlanReport& report, const MealExplanation& meal);

// Parses a plan document. Errors are InvalidArgument naming the JSON path,
// e.g. "plan.cells[3].recipe: must be a string".
Result<PlanDocument> ParsePlanDocument(std::string_view text);
// Reads and parses a plan file; errors are prefixed with the path.
Result<PlanDocument> ReadPlanFile(const std::string& path);

// The model (with the request's fixed cells), household and plan of a saved
// document, rebuilt with `catalog`.
// Fails with NotFound naming the cell ("plan.cells[3].recipe: recipe \"x\" is
// not in the catalogue") when a recipe no longer exists, and with
// FailedPrecondition when it is no longer allowed in its cell; the same for
// fixed cells ("request.fixed[0].recipe: ...").
struct SavedPlan {
  std::vector<PlanMember> household;
  BuiltInstance built;
  planner::Plan plan;
};
Result<SavedPlan> RebuildSavedPlan(const Catalog& catalog, const PlanDocument& doc);

// Index of recipe `id` in `built.instance` when it may fill `slot` (0-based
// slot index): NotFound if the catalogue has no such recipe,
// FailedPrecondition naming the reason if it is excluded or does not fit the
// slot. `what` prefixes the message (a JSON path or an option).
Result<int> PlannableRecipe(const Catalog& catalog, const BuiltInstance& built, const std::string& id, int slot,
                            const std::string& what);

}  // namespace hearth

#endif  // HEARTH_JSON_PLAN_JSON_H_
