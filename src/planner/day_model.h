// DayModel: the instance compiled for the algorithms. Every day has the same
// rows, so a plan is D day menus linked by week rows (weekly averages,
// budget, variety). Rows are dense per recipe:
//   day rows   lo_k <= sum_cells servings * A(r, k) <= hi_k   (daily and
//              energy-share rows, the latter as kcal_per_unit*n - f*energy)
//   week rows  lo_k <= sum_plan servings * W(r, k) <= hi_k    (bounds x days)
//
// Thread safety: immutable after BuildDayModel.
#ifndef HEARTH_PLANNER_DAY_MODEL_H_
#define HEARTH_PLANNER_DAY_MODEL_H_

#include <vector>

#include "hearth/planner/instance.h"

namespace hearth::planner {

struct DayModel {
  int days = 0;
  int slots = 0;
  bool continuous = false;
  double smin = 0, smax = 0;
  // Serving amounts the search uses: the grid, or (continuous) a fine grid
  // of kContinuousLevels points over [min, max].
  std::vector<double> levels;

  int num_rows = 0;
  std::vector<double> row_lo, row_hi, row_scale;
  std::vector<char> row_nonneg;  // Every coefficient of the row is >= 0.
  std::vector<double> a;         // Recipe-major, num_rows per recipe.

  int num_week = 0;
  std::vector<double> week_lo, week_hi, week_scale;
  std::vector<double> w;  // Recipe-major, num_week per recipe.

  std::vector<double> unit_cost;  // Objective per serving.
  std::vector<double> use_cost;   // Objective per use (dislike).
  std::vector<double> money;      // Budget money per serving.
  double budget = kInf;
  double budget_scale = 1;
  int max_week = 1 << 20;
  int max_day = 1 << 20;

  std::vector<int> usable;                     // Recipes not excluded and with a slot.
  std::vector<std::vector<int>> slot_recipes;  // Usable recipes per slot.

  double A(int r, int k) const { return a[static_cast<size_t>(r * num_rows + k)]; }
  double W(int r, int k) const { return w[static_cast<size_t>(r * num_week + k)]; }
  const double* ARow(int r) const { return a.data() + static_cast<size_t>(r) * static_cast<size_t>(num_rows); }
  const double* WRow(int r) const { return w.data() + static_cast<size_t>(r) * static_cast<size_t>(num_week); }
};

// Levels used for continuous servings.
inline constexpr int kContinuousLevels = 7;

DayModel BuildDayModel(const PlanInstance& instance);

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_DAY_MODEL_H_
