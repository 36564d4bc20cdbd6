#include "planner/day_model.h"

#include <algorithm>
#include <cmath>

namespace hearth::planner {

DayModel BuildDayModel(const PlanInstance& inst) {
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

  // Day rows: daily rows, then energy-share rows (min and max as separate rows).
  struct Coef {
    int nutrient;
    double k;       // Multiplier of the nutrient.
    double energy;  // Multiplier of energy (subtracted).
  };
  std::vector<Coef> coefs;
  for (const NutrientRow& row : p.daily) {
    coefs.push_back({row.nutrient, 1.0, 0.0});
    dm.row_lo.push_back(row.min);
    dm.row_hi.push_back(row.max);
  }
  for (const EnergyShareRow& row : p.energy_share) {
    if (std::isfinite(row.min)) {
      coefs.push_back({row.nutrient, row.kcal_per_unit, row.min});
      dm.row_lo.push_back(0);
      dm.row_hi.push_back(kInf);
    }
    if (std::isfinite(row.max)) {
      coefs.push_back({row.nutrient, row.kcal_per_unit, row.max});
      dm.row_lo.push_back(-kInf);
      dm.row_hi.push_back(0);
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
      dm.a[r * coefs.size() + k] = v;
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
  }
  for (size_t r = 0; r < nr; ++r) {
    for (size_t k = 0; k < p.weekly_average.size(); ++k) {
      dm.w[r * p.weekly_average.size() + k] =
          inst.recipes[r].nutrients[static_cast<size_t>(p.weekly_average[k].nutrient)];
    }
  }
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
  for (size_t r = 0; r < nr; ++r) {
    dm.unit_cost[r] = ow.cost * inst.recipes[r].cost + ow.co2e_kg * inst.recipes[r].co2e_kg;
    dm.use_cost[r] = ow.dislike * p.dislike[r];
    dm.money[r] = inst.recipes[r].cost;
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
    if (dm.max_week == 0 || dm.max_day == 0) continue;
    dm.usable.push_back(static_cast<int>(r));
    for (int s : inst.recipes[r].slots) dm.slot_recipes[static_cast<size_t>(s)].push_back(static_cast<int>(r));
  }
  return dm;
}

}  // namespace hearth::planner
