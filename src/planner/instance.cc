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

double PlanObjective(const PlanInstance& instance, const Plan& plan) {
  const ObjectiveWeights& w = instance.plan.objective;
  double total = 0;
  for (const PlanCell& cell : plan.cells) {
    const RecipeDef& r = instance.recipes[static_cast<size_t>(cell.recipe)];
    total += cell.servings * (w.cost * r.cost + w.co2e_kg * r.co2e_kg) +
             w.dislike * instance.plan.dislike[static_cast<size_t>(cell.recipe)];
  }
  return total;
}

}  // namespace hearth::planner
