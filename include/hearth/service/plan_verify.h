// VerifyPlan: the product's independent check of a plan. Every total is
// recomputed from the recipes' ingredients and SR28 composition (not from
// the numbers the solver saw), per day and per person, and every hard rule
// is checked again: exclusions (allergens, diet, foods, dislikes when hard)
// from the ingredients themselves, slots, servings, variety, per-meal caps,
// cooking time, budget and each hard nutrient bound.
//
// Thread safety: pure function of its arguments.
#ifndef HEARTH_SERVICE_PLAN_VERIFY_H_
#define HEARTH_SERVICE_PLAN_VERIFY_H_

#include <array>
#include <string>
#include <vector>

#include "hearth/core/nutrients.h"
#include "hearth/planner/instance.h"
#include "hearth/result.h"
#include "hearth/service/catalog.h"
#include "hearth/service/plan_builder.h"

namespace hearth {

using NutrientTotals = std::array<double, kNumNutrients>;

struct VerifiedPlan {
  // day_totals[day][person]: what that person eats that day.
  std::vector<std::vector<NutrientTotals>> day_totals;
  // Per person, the average over the days.
  std::vector<NutrientTotals> average;
  double cost = 0;        // Money for the whole period, all people.
  double co2e_kg = 0;     // kg CO2e for the whole period, all people.
  double minutes = 0;     // Active cooking minutes over the period.
  // Planning with the pantry: per pantry food (order of BuiltInstance::pantry),
  // what the plan uses, takes from the pantry and must buy; `cost` includes
  // the purchases (bought_g at the food's price) and nothing for pantry food.
  struct PantryUse {
    FoodId food;
    double used_g = 0, from_pantry_g = 0, bought_g = 0, left_g = 0;
    double expiring_left_g = 0;  // Expiring food the plan leaves unused.
  };
  std::vector<PantryUse> pantry;
  std::vector<std::string> violations;  // Broken hard rules (empty = verified).
  bool ok() const { return violations.empty(); }
};

// Recomputes and checks `plan` (cells as in `built.instance`). Errors only
// for a plan that does not fit the instance (wrong cell count, unknown
// recipe); broken rules are listed in `violations`.
Result<VerifiedPlan> VerifyPlan(const Catalog& catalog, const std::vector<PlanMember>& household,
                                const BuiltInstance& built, const planner::Plan& plan);

}  // namespace hearth

#endif  // HEARTH_SERVICE_PLAN_VERIFY_H_
