// Helpers shared by the planner tests: reading fixture instances and an
// independent recomputation of plan totals.
#ifndef HEARTH_PLANNER_TEST_UTIL_H_
#define HEARTH_PLANNER_TEST_UTIL_H_

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "hearth/planner/instance.h"

namespace hearth::planner::testing {

inline std::string FixturePath(const std::string& name) {
  return std::string(HEARTH_TEST_FIXTURES_DIR) + "/instances/" + name;
}

inline std::string ReadFixture(const std::string& name) {
  std::ifstream in(FixturePath(name));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A deliberately plain re-implementation of the format's rules, independent
// of verify.cc: returns true if `plan` keeps every hard rule.
inline bool IndependentlyFeasible(const PlanInstance& inst, const Plan& plan) {
  const PlanSpec& p = inst.plan;
  const int slots = static_cast<int>(p.slots.size());
  if (static_cast<int>(plan.cells.size()) != p.days * slots) return false;
  auto within = [](double v, double lo, double hi) {
    const double tl = 1e-6 * std::max(1.0, std::fabs(lo));
    const double th = 1e-6 * std::max(1.0, std::fabs(hi));
    return v >= lo - tl && v <= hi + th;
  };
  std::map<int, int> week_uses;
  std::vector<double> week(inst.nutrients.size(), 0.0);
  double money = 0;
  for (int d = 0; d < p.days; ++d) {
    std::vector<double> day(inst.nutrients.size(), 0.0);
    std::map<int, int> day_uses;
    for (int s = 0; s < slots; ++s) {
      const PlanCell& c = plan.cells[static_cast<size_t>(d * slots + s)];
      if (c.recipe < 0 || c.recipe >= static_cast<int>(inst.recipes.size())) return false;
      const RecipeDef& r = inst.recipes[static_cast<size_t>(c.recipe)];
      if (std::count(r.slots.begin(), r.slots.end(), s) == 0) return false;
      if (IsExcluded(inst, c.recipe)) return false;
      if (c.servings < p.servings.min - 1e-9 || c.servings > p.servings.max + 1e-9) return false;
      if (p.servings.step > 0) {
        const double k = c.servings / p.servings.step;
        if (std::fabs(k - std::round(k)) > 1e-6) return false;
      }
      for (size_t n = 0; n < day.size(); ++n) day[n] += c.servings * r.nutrients[n];
      money += c.servings * r.cost;
      ++day_uses[c.recipe];
      ++week_uses[c.recipe];
    }
    for (const auto& [r, n] : day_uses) {
      if (p.max_uses_per_day && n > *p.max_uses_per_day) return false;
    }
    for (const NutrientRow& row : p.daily) {
      if (!within(day[static_cast<size_t>(row.nutrient)], row.min, row.max)) return false;
    }
    const double energy = inst.energy_nutrient >= 0 ? day[static_cast<size_t>(inst.energy_nutrient)] : 0;
    for (const EnergyShareRow& row : p.energy_share) {
      const double v = row.kcal_per_unit * day[static_cast<size_t>(row.nutrient)];
      if (!within(v, row.min * energy, row.max * energy)) return false;
    }
    for (size_t n = 0; n < day.size(); ++n) week[n] += day[n];
  }
  for (const auto& [r, n] : week_uses) {
    if (p.max_uses_per_week && n > *p.max_uses_per_week) return false;
  }
  for (const NutrientRow& row : p.weekly_average) {
    if (!within(week[static_cast<size_t>(row.nutrient)] / p.days, row.min, row.max)) return false;
  }
  if (p.budget_per_week && !within(money, -kInf, *p.budget_per_week)) return false;
  return true;
}

// The objective recomputed from scratch.
inline double IndependentObjective(const PlanInstance& inst, const Plan& plan) {
  double total = 0;
  for (const PlanCell& c : plan.cells) {
    const RecipeDef& r = inst.recipes[static_cast<size_t>(c.recipe)];
    total += c.servings * (inst.plan.objective.cost * r.cost + inst.plan.objective.co2e_kg * r.co2e_kg);
    total += inst.plan.objective.dislike * inst.plan.dislike[static_cast<size_t>(c.recipe)];
  }
  return total;
}

// Exhaustive search over every plan (only for tiny instances). Returns the
// optimal objective, or +inf if no plan keeps the rules.
inline double BruteForceOptimum(const PlanInstance& inst) {
  const int slots = static_cast<int>(inst.plan.slots.size());
  std::vector<double> levels = ServingLevels(inst.plan.servings);
  std::vector<std::vector<PlanCell>> options(static_cast<size_t>(slots));
  for (int r = 0; r < static_cast<int>(inst.recipes.size()); ++r) {
    for (int s : inst.recipes[static_cast<size_t>(r)].slots) {
      for (double l : levels) options[static_cast<size_t>(s)].push_back({r, l});
    }
  }
  Plan plan;
  plan.cells.resize(static_cast<size_t>(inst.plan.days * slots));
  double best = kInf;
  std::function<void(size_t)> rec = [&](size_t c) {
    if (c == plan.cells.size()) {
      if (IndependentlyFeasible(inst, plan)) best = std::min(best, IndependentObjective(inst, plan));
      return;
    }
    for (const PlanCell& o : options[c % static_cast<size_t>(slots)]) {
      plan.cells[c] = o;
      rec(c + 1);
    }
  };
  rec(0);
  return best;
}

}  // namespace hearth::planner::testing

#endif  // HEARTH_PLANNER_TEST_UTIL_H_
