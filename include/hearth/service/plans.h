// The plan use cases, shared by the CLI (`hearth plan`, `plan explain`,
// `plan swap`) and the server: make a plan for a request (household, model,
// solve, independent verification, report), load a saved plan document
// (rebuilt and reported again), explain it or one of its meals, and swap a
// meal for a recipe of the user's choice with the rest re-optimised.
//
// Contracts:
// - A plan returned here has passed VerifyPlan. A solve without a plan and a
//   plan that does not verify are FailedPrecondition errors, not outcomes.
// - Errors about the caller's input are InvalidArgument and name the field.
//   The names are those of the API request (docs/plan-json.md: "day",
//   "slot", "recipe", "servings", "time_limit_s", "max_minutes_per_day");
//   the CLI passes its option names instead (PlanFieldNames).
// - The same request (with its seed) gives the same plan: the solver runs
//   with a fixed work budget (about 2 s on one core for a week) or the
//   request's time limit, whichever ends first.
//
// Target hearth::plan_service: it reads and writes plan documents
// (hearth::plan_json, which sits above hearth::service), so it is its own
// target in this folder, like hearth::shop_service.
//
// Thread safety: pure functions of their arguments over a loaded (immutable)
// Catalog; each call makes its own solver, so calls may run concurrently.
#ifndef HEARTH_SERVICE_PLANS_H_
#define HEARTH_SERVICE_PLANS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/json/plan_json.h"
#include "hearth/planner/solver.h"
#include "hearth/result.h"
#include "hearth/service/catalog.h"
#include "hearth/service/plan_builder.h"
#include "hearth/service/plan_report.h"

namespace hearth {

// How errors name the caller's fields. Defaults: the API request's JSON
// names; the CLI uses its options ("--day", "--time-limit", ...).
struct PlanFieldNames {
  std::string day = "day";
  std::string slot = "slot";
  std::string recipe = "recipe";
  std::string servings = "servings";
  std::string time_limit = "time_limit_s";
  std::string max_minutes = "max_minutes_per_day";
};

// Alternatives listed when explaining one meal.
inline constexpr int kMealAlternatives = 5;

// A solved (or reloaded), verified and reported plan.
struct MadePlan {
  PlanRequest request;
  std::vector<PlanMember> household;
  BuiltInstance built;
  planner::SolveOutcome outcome;  // outcome.plan is set.
  PlanReport report;

  // The plan document (docs/plan-json.md), as `hearth plan --json` prints it.
  nlohmann::json Document() const;
};

// Household, model (with the request's fixed cells), solve, verification
// and report. `start` seeds the solver (a swap starts from the old plan).
// Errors: a member whose targets cannot be computed, a fixed cell that
// cannot hold its recipe ("fixed[0].recipe: ..."), no plan within the limits
// or a plan that does not verify (FailedPrecondition).
Result<MadePlan> MakePlan(const Catalog& catalog, PlanRequest request, std::optional<planner::Plan> start = {},
                          const PlanFieldNames& names = {});

// A saved plan rebuilt with `catalog`: the model and household of its
// request, its cells, and the outcome it stands for (its objective
// recomputed, the saved bound and status, solver "saved plan"). Errors from
// RebuildSavedPlan (a recipe that is gone or no longer allowed).
struct RebuiltPlan {
  PlanDocument document;
  SavedPlan saved;
  planner::SolveOutcome outcome;
};
Result<RebuiltPlan> RebuildPlan(const Catalog& catalog, const PlanDocument& document);

// Verifies and reports a rebuilt plan (FailedPrecondition if it no longer
// verifies).
Result<MadePlan> ReportRebuiltPlan(const Catalog& catalog, const RebuiltPlan& rebuilt);

// RebuildPlan, then ReportRebuiltPlan.
Result<MadePlan> LoadPlan(const Catalog& catalog, const PlanDocument& document);

// The cell index (day, then slot) of `day` (1-based) and `slot` in a plan
// of `request`. InvalidArgument naming the field: "day 9 is outside 1-7
// (the plan has 7 days)", "slot brunch is not a slot of the plan
// (breakfast, lunch, dinner, snack)".
Result<int> PlanCell(const PlanRequest& request, int day, std::string_view slot, const PlanFieldNames& names = {});

// One meal of a made plan explained, with kMealAlternatives alternatives.
// Errors from PlanCell.
Result<MealExplanation> ExplainPlanMeal(const MadePlan& plan, int day, std::string_view slot,
                                        const PlanFieldNames& names = {});

// `plan explain --json` of a saved plan: the explanation of the whole plan,
// or, with `meal` (day 1-based, slot), of that meal. Errors from LoadPlan
// and PlanCell.
struct MealRef {
  int day = 0;  // 1-based.
  std::string slot;
};
Result<nlohmann::json> ExplainPlanJson(const Catalog& catalog, const PlanDocument& document,
                                       const std::optional<MealRef>& meal = {}, const PlanFieldNames& names = {});

// Fix one meal of a saved plan and re-optimise the rest.
struct SwapRequest {
  int day = 0;  // 1-based.
  std::string slot;
  std::string recipe;              // Recipe id (or "none-<slot>" for an optional slot).
  std::optional<double> servings;  // nullopt = re-chosen by the solver.
};

// Where a swap goes: the cell and the recipe's index in the model.
struct SwapTarget {
  int cell = 0;
  int recipe = 0;
};
// Checks a swap against a rebuilt plan, in this order: the cell (PlanCell's
// InvalidArgument), the recipe (PlannableRecipe: NotFound, or
// FailedPrecondition naming why it cannot go there), the servings
// (InvalidArgument "servings must be one of 0.5, 1, 1.5, 2").
Result<SwapTarget> ResolveSwap(const Catalog& catalog, const RebuiltPlan& rebuilt, const SwapRequest& swap,
                               const PlanFieldNames& names = {});

struct SwappedPlan {
  MadePlan plan;  // Its request keeps the choice in `fixed` (replacing any earlier one for the cell).
  SwapRequest swap;
  std::string recipe_name;
  double objective_before = 0;  // Of the saved plan, recomputed.
  double objective_after = 0;   // Of the new plan (its report's objective).
  double objective_change = 0;  // after - before.

  // The "swap" member of `plan swap --json`: day, slot, recipe and the
  // objective before, after and its change (rounded for display).
  nlohmann::json SwapJson() const;
  // The new plan document with the "swap" member.
  nlohmann::json Document() const;
};
// ResolveSwap, then the solve starting from the saved plan with the cell
// fixed, then verification and report (as MakePlan).
Result<SwappedPlan> SwapMeal(const Catalog& catalog, const RebuiltPlan& rebuilt, const SwapRequest& swap,
                             const PlanFieldNames& names = {});
// RebuildPlan, then the above.
Result<SwappedPlan> SwapMeal(const Catalog& catalog, const PlanDocument& document, const SwapRequest& swap,
                             const PlanFieldNames& names = {});

// The id of a household member: the profile's name, else `fallback`, made
// unique among `taken` ("Ana", "Ana 2").
std::string MemberIdFor(const Profile& profile, std::string_view fallback,
                        const std::vector<PlanRequest::Member>& taken);

// Limits on an API request.
struct PlanRequestLimits {
  double max_time_limit_s = 30;  // Larger time limits are capped to this.
  size_t max_profiles = 12;
};

// Parses an API request body (docs/plan-json.md, "API request"):
//   {"profiles": [<profile>...], "days": 7, "seed": 1, "time_limit_s": 10,
//    "max_minutes_per_day": null, "optional_slots": ["snack"],
//    "fixed": [{"day": 1, "slot": "lunch", "recipe": "id", "servings": 1}]}
// Only "profiles" is required. Errors are InvalidArgument naming the JSON
// field ("days: must be an integer between 1 and 28", "profiles[1]:
// weight_kg: -3 is outside 2-350 kg"); unknown fields are errors. Recipes of
// fixed cells are checked by MakePlan.
Result<PlanRequest> PlanRequestFromJson(const nlohmann::json& body, const PlanRequestLimits& limits = {});

}  // namespace hearth

#endif  // HEARTH_SERVICE_PLANS_H_
