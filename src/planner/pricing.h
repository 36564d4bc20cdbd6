// Exact pricing of one day's menu for column generation:
//   min  sum_slots servings * g[r] + h[r]
//   s.t. the day rows, slot lists and max_uses_per_day,
// by Lagrangian relaxation of the day rows (multipliers from a pricing LP,
// polished by projected subgradient, warm-started from the previous call)
// and a depth-first branch and bound over the slots whose nodes are bounded
// by the Lagrangian item values and pruned by row reachability; the last
// slot is scanned by buckets of its narrowest row (energy). The complete
// search raises its cutoff in passes from the Lagrangian value, so a search
// stopped by its node budget still proves the last cutoff it finished.
// Soft day rows: a menu's value includes their penalties; their multipliers
// are capped by the penalty (so the Lagrangian still bounds the penalised
// value) and the reachability pruning skips them. Cooking minutes prune the
// search; per-meal caps limit each recipe's serving levels.
//
// Thread safety: not thread-safe; one object per thread.
#ifndef HEARTH_PLANNER_PRICING_H_
#define HEARTH_PLANNER_PRICING_H_

#include <chrono>
#include <memory>
#include <vector>

#include "planner/day_model.h"
#include "planner/local_search.h"
#include "hearth/planner/lp.h"

namespace hearth::planner {

struct PricingResult {
  // Feasible menus (one SearchCell per slot) with value < cutoff, best last.
  std::vector<std::vector<SearchCell>> menus;
  std::vector<double> values;
  // A proven lower bound on the value of every feasible menu (+inf if there
  // is none), assuming the search was exact; see `exact`.
  double lower_bound = -kInf;
  bool exact = false;  // The branch and bound finished.
  long nodes = 0;
};

class ExactPricer {
 public:
  explicit ExactPricer(const DayModel& dm);

  // `upper`: the value of a known feasible menu (or +inf), used as the
  // subgradient target. `cutoff`: only menus below it are wanted.
  // With `enumerate`, the cutoff stays fixed and every feasible menu below
  // it is returned (at most `max_menus`, else the result is not exact).
  // Without `want_proof`, the search stops as soon as a narrow first pass
  // over the best items of each slot has found menus below the cutoff.
  PricingResult Solve(const std::vector<double>& g, const std::vector<double>& h, double upper, double cutoff,
                      long node_limit, std::chrono::steady_clock::time_point deadline, bool enumerate = false,
                      size_t max_menus = 0, bool want_proof = false);

 private:
  double Lagrangian(const std::vector<double>& g, const std::vector<double>& h, std::vector<double>* subgrad);

  // Multipliers from the pricing LP (slot convexity rows + day rows over
  // the end points of the serving range) over the best candidates per slot.
  // Returns false if CLP failed (the subgradient then takes over).
  bool LpMultipliers(const std::vector<double>& g, const std::vector<double>& h, bool* infeasible);

  double Clip(int k, double m) const;
  // The highest serving amount recipe r may take.
  double Top(int r) const { return dm_.levels[static_cast<size_t>(dm_.TopLevel(r))]; }

  const DayModel& dm_;
  std::vector<double> mu_;  // Multipliers of the scaled day rows.

  std::vector<double> phi_;
};

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_PRICING_H_
