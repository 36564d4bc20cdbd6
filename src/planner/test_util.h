// Helpers shared by the planner tests: reading fixture instances and an
// independent recomputation of plan totals.
#ifndef HEARTH_PLANNER_TEST_UTIL_H_
#define HEARTH_PLANNER_TEST_UTIL_H_

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
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

// A deliberately plain re-implementation of the model's rules, independent
// of verify.cc and of the solvers' compiled model. Returns the soft-row
// penalty of `plan`, or nullopt if it breaks a hard rule.
inline std::optional<double> IndependentPenalty(const PlanInstance& inst, const Plan& plan) {
  const PlanSpec& p = inst.plan;
  const int slots = static_cast<int>(p.slots.size());
  if (static_cast<int>(plan.cells.size()) != p.days * slots) return std::nullopt;
  const int people = inst.people.empty() ? 1 : static_cast<int>(inst.people.size());
  auto share = [&](int q) { return inst.people.empty() ? 1.0 : inst.people[static_cast<size_t>(q)].share; };
  double eaten = 0;
  for (int q = 0; q < people; ++q) eaten += share(q);
  double penalty = 0;
  bool ok = true;
  // Hard: within [lo, hi] with relative tolerance. Soft: add the penalty.
  auto check = [&](double v, double lo, double hi, double pen) {
    const double tl = 1e-6 * std::max(1.0, std::fabs(lo));
    const double th = 1e-6 * std::max(1.0, std::fabs(hi));
    if (v >= lo - tl && v <= hi + th) return;
    if (pen == kInf) {
      ok = false;
    } else {
      penalty += pen * (v < lo ? lo - v : v - hi);
    }
  };
  for (const FixedCell& f : p.fixed) {
    const PlanCell& c = plan.cells[static_cast<size_t>(f.cell)];
    if (c.recipe != f.recipe || (f.servings && std::fabs(c.servings - *f.servings) > 1e-9)) return std::nullopt;
  }
  std::map<int, int> week_uses;
  std::vector<std::vector<double>> week(static_cast<size_t>(people), std::vector<double>(inst.nutrients.size(), 0.0));
  double money = 0;
  for (int d = 0; d < p.days; ++d) {
    std::vector<std::vector<double>> day(static_cast<size_t>(people), std::vector<double>(inst.nutrients.size(), 0.0));
    std::map<int, int> day_uses;
    double minutes = 0;
    for (int s = 0; s < slots; ++s) {
      const PlanCell& c = plan.cells[static_cast<size_t>(d * slots + s)];
      if (c.recipe < 0 || c.recipe >= static_cast<int>(inst.recipes.size())) return std::nullopt;
      const RecipeDef& r = inst.recipes[static_cast<size_t>(c.recipe)];
      if (std::count(r.slots.begin(), r.slots.end(), s) == 0) return std::nullopt;
      if (IsExcluded(inst, c.recipe)) return std::nullopt;
      if (c.servings < p.servings.min - 1e-9 || c.servings > p.servings.max + 1e-9) return std::nullopt;
      if (p.servings.step > 0) {
        const double k = c.servings / p.servings.step;
        if (std::fabs(k - std::round(k)) > 1e-6) return std::nullopt;
      }
      for (int q = 0; q < people; ++q) {
        for (size_t n = 0; n < inst.nutrients.size(); ++n) {
          day[static_cast<size_t>(q)][n] += c.servings * share(q) * r.nutrients[n];
        }
      }
      for (const MealCapRow& cap : p.per_meal) {
        check(c.servings * share(cap.person) * r.nutrients[static_cast<size_t>(cap.nutrient)], -kInf, cap.max, kInf);
      }
      money += c.servings * eaten * r.cost;
      minutes += r.minutes;
      ++day_uses[c.recipe];
      ++week_uses[c.recipe];
    }
    if (p.max_minutes_per_day) check(minutes, -kInf, *p.max_minutes_per_day, kInf);
    for (const auto& [r, n] : day_uses) {
      if (p.max_uses_per_day && n > *p.max_uses_per_day) return std::nullopt;
    }
    for (const NutrientRow& row : p.daily) {
      check(day[static_cast<size_t>(row.person)][static_cast<size_t>(row.nutrient)], row.min, row.max, row.penalty);
    }
    for (const EnergyShareRow& row : p.energy_share) {
      const std::vector<double>& t = day[static_cast<size_t>(row.person)];
      const double energy = inst.energy_nutrient >= 0 ? t[static_cast<size_t>(inst.energy_nutrient)] : 0;
      const double v = row.kcal_per_unit * t[static_cast<size_t>(row.nutrient)];
      if (std::isfinite(row.min)) check(v, row.min * energy, kInf, row.penalty);
      if (std::isfinite(row.max)) check(v, -kInf, row.max * energy, row.penalty);
    }
    for (int q = 0; q < people; ++q) {
      for (size_t n = 0; n < inst.nutrients.size(); ++n) week[static_cast<size_t>(q)][n] += day[static_cast<size_t>(q)][n];
    }
  }
  for (const auto& [r, n] : week_uses) {
    if (p.max_uses_per_week && n > *p.max_uses_per_week) return std::nullopt;
  }
  for (const NutrientRow& row : p.weekly_average) {
    check(week[static_cast<size_t>(row.person)][static_cast<size_t>(row.nutrient)] / p.days, row.min, row.max,
          row.penalty);
  }
  if (p.budget_per_week) check(money, -kInf, *p.budget_per_week, kInf);
  if (!ok) return std::nullopt;
  return penalty;
}

// True if `plan` keeps every hard rule.
inline bool IndependentlyFeasible(const PlanInstance& inst, const Plan& plan) {
  return IndependentPenalty(inst, plan).has_value();
}

// The objective terms recomputed from scratch (without soft penalties).
inline double IndependentObjective(const PlanInstance& inst, const Plan& plan) {
  double eaten = 0;
  if (inst.people.empty()) eaten = 1;
  for (const Person& q : inst.people) eaten += q.share;
  double total = 0;
  for (const PlanCell& c : plan.cells) {
    const RecipeDef& r = inst.recipes[static_cast<size_t>(c.recipe)];
    total += c.servings * eaten * (inst.plan.objective.cost * r.cost + inst.plan.objective.co2e_kg * r.co2e_kg);
    total += inst.plan.objective.dislike * inst.plan.dislike[static_cast<size_t>(c.recipe)];
    total += inst.plan.objective.minutes * r.minutes;
  }
  return total;
}

// What the solvers minimise: objective terms plus soft penalties; +inf if a
// hard rule breaks.
inline double IndependentTotal(const PlanInstance& inst, const Plan& plan) {
  const std::optional<double> pen = IndependentPenalty(inst, plan);
  return pen ? IndependentObjective(inst, plan) + *pen : kInf;
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
      best = std::min(best, IndependentTotal(inst, plan));
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
