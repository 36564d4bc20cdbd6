#include "planner/day_model.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace hearth::planner {

Result<DayModel> BuildDayModel(const PlanInstance& inst) {
  DayModel dm;
  const PlanSpec& p = inst.plan;
  dm.days = p.days;
  dm.slots = inst.num_slots();
  dm.smin = p.servings.min;
  dm.smax = p.servings.max;
  dm.continuous = p.servings.step <= 0;
  if (dm.continuous) {
    for (int i = 0; i < kContinuousLevels; ++i) {
      dm.levels.push_back(dm.smin + (dm.smax - dm.smin) * i / (kContinuousLevels - 1));
    }
    dm.levels.erase(std::unique(dm.levels.begin(), dm.levels.end()), dm.levels.end());
  } else {
    dm.levels = ServingLevels(p.servings);
  }
  const size_t nr = inst.recipes.size();
  const int e = inst.energy_nutrient;

  // Day rows: daily rows, then energy-share rows (min and max as separate
  // rows), each for its person.
  struct Coef {
    int nutrient;
    double k;       // Multiplier of the nutrient.
    double energy;  // Multiplier of energy (subtracted).
    int person;
  };
  std::vector<Coef> coefs;
  for (const NutrientRow& row : p.daily) {
    coefs.push_back({row.nutrient, 1.0, 0.0, row.person});
    dm.row_lo.push_back(row.min);
    dm.row_hi.push_back(row.max);
    dm.row_pen.push_back(row.penalty);
  }
  for (const EnergyShareRow& row : p.energy_share) {
    if (std::isfinite(row.min)) {
      coefs.push_back({row.nutrient, row.kcal_per_unit, row.min, row.person});
      dm.row_lo.push_back(0);
      dm.row_hi.push_back(kInf);
      dm.row_pen.push_back(row.penalty);
    }
    if (std::isfinite(row.max)) {
      coefs.push_back({row.nutrient, row.kcal_per_unit, row.max, row.person});
      dm.row_lo.push_back(-kInf);
      dm.row_hi.push_back(0);
      dm.row_pen.push_back(row.penalty);
    }
  }
  dm.num_rows = static_cast<int>(coefs.size());
  dm.a.assign(nr * coefs.size(), 0.0);
  for (size_t r = 0; r < nr; ++r) {
    const std::vector<double>& n = inst.recipes[r].nutrients;
    for (size_t k = 0; k < coefs.size(); ++k) {
      const Coef& c = coefs[k];
      double v = c.k * n[static_cast<size_t>(c.nutrient)];
      if (c.energy != 0 && e >= 0) v -= c.energy * n[static_cast<size_t>(e)];
      dm.a[r * coefs.size() + k] = v * inst.share(c.person);
    }
  }
  dm.row_nonneg.assign(coefs.size(), 1);
  dm.row_scale.assign(coefs.size(), 1.0);
  for (size_t k = 0; k < coefs.size(); ++k) {
    double mean_abs = 0;
    for (size_t r = 0; r < nr; ++r) {
      const double v = dm.a[r * coefs.size() + k];
      if (v < 0) dm.row_nonneg[k] = 0;
      mean_abs += std::fabs(v);
    }
    mean_abs /= std::max<size_t>(1, nr);
    double scale = mean_abs * dm.slots;
    if (std::isfinite(dm.row_lo[k])) scale = std::max(scale, std::fabs(dm.row_lo[k]));
    if (std::isfinite(dm.row_hi[k])) scale = std::max(scale, std::fabs(dm.row_hi[k]));
    dm.row_scale[k] = std::max(scale, 1e-9);
  }

  // Week rows: weekly averages times days.
  dm.num_week = static_cast<int>(p.weekly_average.size());
  dm.w.assign(nr * p.weekly_average.size(), 0.0);
  for (const NutrientRow& row : p.weekly_average) {
    dm.week_lo.push_back(row.min * p.days);
    dm.week_hi.push_back(row.max * p.days);
    dm.week_pen.push_back(row.penalty / p.days);
  }
  for (size_t r = 0; r < nr; ++r) {
    for (size_t k = 0; k < p.weekly_average.size(); ++k) {
      const NutrientRow& row = p.weekly_average[k];
      dm.w[r * p.weekly_average.size() + k] =
          inst.recipes[r].nutrients[static_cast<size_t>(row.nutrient)] * inst.share(row.person);
    }
  }
  dm.has_soft = std::any_of(dm.row_pen.begin(), dm.row_pen.end(), [](double x) { return x < kInf; }) ||
                std::any_of(dm.week_pen.begin(), dm.week_pen.end(), [](double x) { return x < kInf; });
  for (size_t k = 0; k < p.weekly_average.size(); ++k) {
    double scale = 1e-9;
    if (std::isfinite(dm.week_lo[k])) scale = std::max(scale, std::fabs(dm.week_lo[k]));
    if (std::isfinite(dm.week_hi[k])) scale = std::max(scale, std::fabs(dm.week_hi[k]));
    dm.week_scale.push_back(scale);
  }

  const ObjectiveWeights& ow = p.objective;
  dm.unit_cost.resize(nr);
  dm.use_cost.resize(nr);
  dm.money.resize(nr);
  dm.minutes.resize(nr);
  dm.free_use.resize(nr);
  const double eaten = inst.total_share();
  for (size_t r = 0; r < nr; ++r) {
    const RecipeDef& rd = inst.recipes[r];
    dm.unit_cost[r] = eaten * (ow.cost * rd.cost + ow.co2e_kg * rd.co2e_kg);
    dm.use_cost[r] = ow.dislike * p.dislike[r] + ow.minutes * rd.minutes;
    dm.money[r] = eaten * rd.cost;
    dm.minutes[r] = rd.minutes;
    dm.free_use[r] = rd.skip ? 1 : 0;
  }
  if (p.max_minutes_per_day) dm.max_minutes = *p.max_minutes_per_day;
  // Per-meal caps: levels are ascending, so the allowed ones are a prefix.
  dm.top_level.assign(nr, static_cast<int>(dm.levels.size()) - 1);
  for (size_t r = 0; r < nr; ++r) {
    for (const MealCapRow& cap : p.per_meal) {
      const double per_serving = inst.recipes[r].nutrients[static_cast<size_t>(cap.nutrient)] * inst.share(cap.person);
      int& top = dm.top_level[r];
      while (top >= 0 && dm.levels[static_cast<size_t>(top)] * per_serving > cap.max + kRuleTolerance * std::max(1.0, std::fabs(cap.max))) {
        --top;
      }
    }
  }
  if (p.budget_per_week) {
    dm.budget = *p.budget_per_week;
    dm.budget_scale = std::max(1.0, std::fabs(dm.budget));
  }
  if (p.max_uses_per_week) dm.max_week = *p.max_uses_per_week;
  if (p.max_uses_per_day) dm.max_day = *p.max_uses_per_day;

  dm.slot_recipes.resize(static_cast<size_t>(dm.slots));
  for (size_t r = 0; r < nr; ++r) {
    if (IsExcluded(inst, static_cast<int>(r)) || inst.recipes[r].slots.empty()) continue;
    if ((dm.max_week == 0 || dm.max_day == 0) && !dm.free_use[r]) continue;
    if (dm.top_level[r] < 0) continue;
    if (dm.minutes[r] > dm.max_minutes) continue;
    dm.usable.push_back(static_cast<int>(r));
    for (int s : inst.recipes[r].slots) dm.slot_recipes[static_cast<size_t>(s)].push_back(static_cast<int>(r));
  }

  dm.fixed_recipe.assign(static_cast<size_t>(inst.num_cells()), -1);
  dm.fixed_level.assign(static_cast<size_t>(inst.num_cells()), -1);
  for (size_t i = 0; i < p.fixed.size(); ++i) {
    const FixedCell& f = p.fixed[i];
    const std::string where = "fixed[" + std::to_string(i) + "]";
    if (f.cell < 0 || f.cell >= inst.num_cells()) return Status::InvalidArgument(where, "no such cell");
    if (f.recipe < 0 || static_cast<size_t>(f.recipe) >= nr) return Status::InvalidArgument(where, "no such recipe");
    const std::vector<int>& list = dm.slot_recipes[static_cast<size_t>(f.cell % dm.slots)];
    const std::string& id = inst.recipes[static_cast<size_t>(f.recipe)].id;
    if (std::find(list.begin(), list.end(), f.recipe) == list.end()) {
      return Status::InvalidArgument(where, "recipe " + id + " is not allowed in slot " +
                                                p.slots[static_cast<size_t>(f.cell % dm.slots)] +
                                                " (excluded, another meal type, or over a per-meal or time limit)");
    }
    dm.fixed_recipe[static_cast<size_t>(f.cell)] = f.recipe;
    if (f.servings) {
      const int level = LevelOf(dm, *f.servings);
      if (level < 0 || level > dm.TopLevel(f.recipe)) {
        return Status::InvalidArgument(where, "servings of " + id + " must be one of the allowed amounts");
      }
      dm.fixed_level[static_cast<size_t>(f.cell)] = level;
    }
    dm.has_fixed = true;
  }
  return dm;
}

double DayModel::DaySoftCost(const double* t) const {
  if (!has_soft) return 0;
  double cost = 0;
  for (int k = 0; k < num_rows; ++k) {
    const size_t i = static_cast<size_t>(k);
    if (row_pen[i] >= kInf) continue;
    if (t[k] < row_lo[i]) cost += row_pen[i] * (row_lo[i] - t[k]);
    else if (t[k] > row_hi[i]) cost += row_pen[i] * (t[k] - row_hi[i]);
  }
  return cost;
}

int LevelOf(const DayModel& dm, double servings) {
  for (size_t l = 0; l < dm.levels.size(); ++l) {
    if (std::fabs(dm.levels[l] - servings) <= 1e-9 * std::max(1.0, servings)) return static_cast<int>(l);
  }
  return -1;
}

}  // namespace hearth::planner
