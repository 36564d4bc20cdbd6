// DayModel: the instance compiled for the algorithms. Every day has the same
// rows, so a plan is D day menus linked by week rows (weekly averages,
// budget, variety). Rows are dense per recipe:
//   day rows   lo_k <= sum_cells servings * A(r, k) <= hi_k   (daily and
//              energy-share rows, the latter as kcal_per_unit*n - f*energy;
//              one set per person, A scaled by the person's share)
//   week rows  lo_k <= sum_plan servings * W(r, k) <= hi_k    (bounds x days)
// A row with a finite penalty is soft: each unit outside [lo, hi] costs
// `penalty` in the objective. Cooking minutes count per use against a hard
// day limit; per-meal caps become each recipe's highest allowed level.
//
// Thread safety: immutable after BuildDayModel.
#ifndef HEARTH_PLANNER_DAY_MODEL_H_
#define HEARTH_PLANNER_DAY_MODEL_H_

#include <vector>

#include "hearth/planner/instance.h"
#include "hearth/result.h"

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
  std::vector<double> row_pen;   // Per unit of violation; +inf = hard.
  std::vector<char> row_nonneg;  // Every coefficient of the row is >= 0.
  std::vector<double> a;         // Recipe-major, num_rows per recipe.

  int num_week = 0;
  std::vector<double> week_lo, week_hi, week_scale;
  std::vector<double> week_pen;  // Per unit of the week total; +inf = hard.
  std::vector<double> w;  // Recipe-major, num_week per recipe.

  std::vector<double> unit_cost;  // Objective per serving.
  std::vector<double> use_cost;   // Objective per use (dislike).
  std::vector<double> money;      // Budget money per serving.
  std::vector<double> minutes;    // Cooking minutes per use.
  double max_minutes = kInf;      // Per day.
  std::vector<int> top_level;     // Per recipe: highest allowed level index.
  std::vector<char> free_use;     // Per recipe: exempt from variety (no meal).
  // Per cell: the fixed recipe (-1 = free) and level (-1 = free).
  std::vector<int> fixed_recipe, fixed_level;
  double budget = kInf;
  double budget_scale = 1;
  int max_week = 1 << 20;
  int max_day = 1 << 20;

  std::vector<int> usable;                     // Recipes not excluded and with a slot.
  bool has_soft = false;                       // Some row is soft.
  bool has_fixed = false;
  std::vector<std::vector<int>> slot_recipes;  // Usable recipes per slot.

  double A(int r, int k) const { return a[static_cast<size_t>(r * num_rows + k)]; }
  double W(int r, int k) const { return w[static_cast<size_t>(r * num_week + k)]; }
  const double* ARow(int r) const { return a.data() + static_cast<size_t>(r) * static_cast<size_t>(num_rows); }
  const double* WRow(int r) const { return w.data() + static_cast<size_t>(r) * static_cast<size_t>(num_week); }
  int TopLevel(int r) const { return top_level[static_cast<size_t>(r)]; }
  bool FreeUse(int r) const { return free_use[static_cast<size_t>(r)] != 0; }
  bool Soft(int k) const { return row_pen[static_cast<size_t>(k)] < kInf; }
  // Soft penalty of day totals `t` (num_rows values).
  double DaySoftCost(const double* t) const;
};

// Maps serving amounts to level indices; -1 if `servings` is not a level.
int LevelOf(const DayModel& dm, double servings);

// Levels used for continuous servings.
inline constexpr int kContinuousLevels = 7;

// Fails with InvalidArgument if a fixed cell cannot be honoured (recipe not
// allowed there, servings not on the grid).
Result<DayModel> BuildDayModel(const PlanInstance& instance);

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_DAY_MODEL_H_
