// PlanSearch: penalised local search over the cells of one or more days.
// The state is a recipe and a serving level per cell; the search minimises
//   F = sum_cells (servings * unit[r] + use[r]) + S + M * V
// where S is the penalty of soft rows and V the scaled violation of the hard
// day rows and cooking-time limit (and, for whole plans, of the week rows and
// the budget). Variety limits, per-meal caps and fixed cells are never broken
// by a move.
// Used for the first plan and for plan repair and polish (days = D, week rows
// on); days = 1 without week rows searches a single day menu.
//
// Thread safety: not thread-safe; one object per thread.
#ifndef HEARTH_PLANNER_LOCAL_SEARCH_H_
#define HEARTH_PLANNER_LOCAL_SEARCH_H_

#include <vector>

#include "planner/day_model.h"
#include "planner/rng.h"

namespace hearth::planner {

struct SearchCell {
  int recipe = -1;
  int level = 0;  // Index into DayModel::levels.
  friend bool operator==(const SearchCell& a, const SearchCell& b) {
    return a.recipe == b.recipe && a.level == b.level;
  }
};

class PlanSearch {
 public:
  // `week` enables the week rows, the budget and max_uses_per_week.
  PlanSearch(const DayModel& dm, int days, bool week);

  void set_penalty(double m);
  // Replaces the per-serving and per-use costs (e.g. by reduced costs for
  // pricing). The vectors must outlive the search. Call before Load().
  void set_costs(const std::vector<double>* unit, const std::vector<double>* use) {
    unit_ = unit;
    use_ = use;
    candidates_.clear();
  }
  double penalty() const { return penalty_; }

  // Loads cells (days * slots); cells with recipe -1 are filled at random.
  void Load(const std::vector<SearchCell>& cells, Rng& rng);
  // Best-improvement descent over all cells (or, with day >= 0, over the
  // cells of that day only) until no move improves F.
  void Descend(Rng& rng, int day = -1);
  // Reassigns `k` random cells of one random day at random; returns the day.
  int Perturb(Rng& rng, int k);

  double objective() const { return objective_; }
  double violation() const;
  bool feasible() const { return violation() <= 0.0; }
  double F() const;
  const std::vector<SearchCell>& cells() const { return cells_; }

 private:
  bool ImproveCell(int c);
  // Sorts each slot's (recipe, level) choices by their cost under the
  // current costs, so that a move search can stop at the first choice whose
  // cost alone rules it out.
  void BuildCandidates();
  // Weighted violation (soft penalties + M * scaled hard violations) of one
  // day's totals and minutes, and of the week totals and spend.
  double DayCost(const double* t, double minutes) const;
  double WeekCost(const double* t, double spend) const;
  void Assign(int c, int recipe, int level);
  void Recompute();
  bool Allowed(int c, int recipe) const;
  int RandomRecipe(int c, Rng& rng) const;
  int RandomLevel(int c, int recipe, Rng& rng) const;
  // Fixed cells apply to whole plans only (not to single day menus).
  int FixedRecipe(int c) const { return week_ ? dm_.fixed_recipe[static_cast<size_t>(c)] : -1; }
  int FixedLevel(int c) const { return week_ ? dm_.fixed_level[static_cast<size_t>(c)] : -1; }

  const DayModel& dm_;
  int days_;
  bool week_;
  const std::vector<double>* unit_ = nullptr;
  const std::vector<double>* use_ = nullptr;
  double penalty_ = 1e4;
  std::vector<SearchCell> cells_;
  std::vector<double> row_w_, week_w_;  // Weight per unit of violation.
  std::vector<double> day_tot_;   // days * num_rows
  std::vector<double> day_min_;   // Cooking minutes per day.
  std::vector<double> week_tot_;  // num_week
  double spend_ = 0;
  double objective_ = 0;
  std::vector<int> week_uses_;    // Per recipe.
  struct Candidate {
    double cost;  // servings * unit + use.
    int recipe;
    int level;
  };
  std::vector<std::vector<Candidate>> candidates_;  // Per slot, by cost.
  std::vector<double> scratch_;
};

// Scaled violation of lo <= t <= hi.
inline double RowViolation(double t, double lo, double hi, double scale) {
  if (t < lo) return (lo - t) / scale;
  if (t > hi) return (t - hi) / scale;
  return 0.0;
}

// Soft penalties of a menu (one SearchCell per slot).
double MenuSoftCost(const DayModel& dm, const std::vector<SearchCell>& menu);

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_LOCAL_SEARCH_H_
