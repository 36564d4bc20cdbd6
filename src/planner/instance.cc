#include "hearth/planner/instance.h"

#include <algorithm>
#include <cmath>

namespace hearth::planner {

bool IsExcluded(const PlanInstance& instance, int r) {
  const RecipeDef& recipe = instance.recipes[static_cast<size_t>(r)];
  const PlanSpec& plan = instance.plan;
  auto listed = [](const std::vector<std::string>& list, const std::string& x) {
    return std::find(list.begin(), list.end(), x) != list.end();
  };
  if (listed(plan.exclude_recipes, recipe.id)) return true;
  for (const std::string& a : recipe.allergens) {
    if (listed(plan.exclude_allergens, a)) return true;
  }
  for (const std::string& t : recipe.tags) {
    if (listed(plan.exclude_tags, t)) return true;
  }
  return false;
}

std::vector<double> ServingLevels(const ServingsSpec& servings) {
  std::vector<double> levels;
  if (servings.step <= 0) return levels;
  const double eps = 1e-9;
  const auto first = static_cast<long>(std::ceil(servings.min / servings.step - eps));
  const auto last = static_cast<long>(std::floor(servings.max / servings.step + eps));
  for (long k = first; k <= last; ++k) levels.push_back(static_cast<double>(k) * servings.step);
  return levels;
}

double PlanInstance::total_share() const {
  if (people.empty()) return 1.0;
  double total = 0;
  for (const Person& p : people) total += p.share;
  return total;
}

bool PlanInstance::uses_extensions() const {
  auto soft = [](const auto& rows) {
    return std::any_of(rows.begin(), rows.end(), [](const auto& r) { return std::isfinite(r.penalty); });
  };
  const bool minutes = std::any_of(recipes.begin(), recipes.end(),
                                   [](const RecipeDef& r) { return r.minutes != 0 || r.skip; });
  return !people.empty() || soft(plan.daily) || soft(plan.weekly_average) || soft(plan.energy_share) ||
         !plan.per_meal.empty() || plan.max_minutes_per_day.has_value() || !plan.fixed.empty() ||
         plan.objective.minutes != 0 || minutes;
}

double PlanObjective(const PlanInstance& instance, const Plan& plan) {
  const ObjectiveWeights& w = instance.plan.objective;
  const double eaten = instance.total_share();
  double total = 0;
  for (const PlanCell& cell : plan.cells) {
    const RecipeDef& r = instance.recipes[static_cast<size_t>(cell.recipe)];
    total += cell.servings * eaten * (w.cost * r.cost + w.co2e_kg * r.co2e_kg) +
             w.dislike * instance.plan.dislike[static_cast<size_t>(cell.recipe)] + w.minutes * r.minutes;
  }
  return total;
}

}  // namespace hearth::planner
