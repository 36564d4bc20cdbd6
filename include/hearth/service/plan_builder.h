// Builds the planner's solver-neutral model (a PlanInstance) from hearth's own
// data: a profile's targets, the recipe library and its derived facts. The
// same model is written by `hearth instance export` in the plan-instance
// format and solved by `hearth plan`.
//
// Thread safety: pure functions of their arguments.
#ifndef HEARTH_SERVICE_PLAN_BUILDER_H_
#define HEARTH_SERVICE_PLAN_BUILDER_H_

#include <optional>
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
  // Hard bounds: every nutrient bound must hold or there is no plan (the
  // plan-instance format has only hard rows). Default (false): bounds are
  // soft, a missed one costs the first person's `deviation` weight per % of
  // the bound per day, so a plan always comes back and says what it missed.
  bool hard_bounds = false;
  // Active cooking minutes per day, at most (all meals of the day).
  std::optional<double> max_minutes_per_day;
  // Slots that may stay empty ("no snack"): the model gets a "no meal"
  // recipe for each, id "none-<slot>", with zero nutrients and cost.
  std::vector<std::string> optional_slots;
};

// Id prefix of the "no meal" recipes of optional slots ("none-snack").
inline constexpr std::string_view kNoMealPrefix = "none-";

// One person of a household with their targets.
struct PlanMember {
  std::string id;  // Shown in the plan, e.g. the profile's name.
  Profile profile;
  Targets targets;
};

// The model, plus why each excluded recipe was excluded (recipe id → reason;
// in a household, a recipe any member cannot eat is excluded).
struct BuiltInstance {
  planner::PlanInstance instance;
  std::vector<std::pair<std::string, std::string>> excluded;
};

// Fails with InvalidArgument naming the option when `options` is out of range.
Result<BuiltInstance> BuildPlanInstance(const Catalog& catalog, const Profile& profile,
                                        const Targets& targets, const PlanRequestOptions& options);

// A household: everyone eats each meal's recipe, person p a fixed share of
// the first person's servings (their energy requirement relative to the
// first person's, in quarter servings between 0.25 and 3). Every person's
// targets are rows of the model. The objective weights and dislike mode are
// the first person's; everyone's dislikes count; the budget is the sum of
// the members' budgets (none when a member has none).
Result<BuiltInstance> BuildPlanInstance(const Catalog& catalog, const std::vector<PlanMember>& household,
                                        const PlanRequestOptions& options);

// The share of `member` relative to `first` (quarter steps, 0.25-3).
double HouseholdShare(const Targets& first, const Targets& member);

}  // namespace hearth

#endif  // HEARTH_SERVICE_PLAN_BUILDER_H_
