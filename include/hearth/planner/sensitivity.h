// What a plan's constraints cost and what else could fill a meal:
//   - ShadowPrices: duals of the plan's LP relaxation (cells choose a
//     fraction of each allowed recipe, servings continuous), per row, in the
//     objective's units per unit of the row's bound.
//   - MaxReachable: the most of one nutrient one person can get in a day
//     from the allowed recipes within that person's energy maximum (an LP),
//     which explains a shortfall ("at most 62 % reachable").
//   - Alternatives: for one cell, the best other recipes with the change of
//     the objective if the cell alone is swapped (servings re-chosen).
//
// Thread safety: pure functions of their arguments.
#ifndef HEARTH_PLANNER_SENSITIVITY_H_
#define HEARTH_PLANNER_SENSITIVITY_H_

#include <optional>
#include <vector>

#include "hearth/planner/instance.h"
#include "hearth/result.h"

namespace hearth::planner {

enum class RowKind { kDaily, kWeekly, kEnergyShare, kBudget, kMinutes };

struct RowPrice {
  RowKind kind = RowKind::kDaily;
  int row = 0;           // Index into plan.daily / weekly_average / energy_share (0 for budget, minutes).
  bool at_min = true;    // Which bound binds (false: the maximum).
  // Objective change per unit the bound moves up: for a daily row, the bound
  // raised by one unit on every day; for a weekly average, the average
  // raised by one unit; for energy shares, one percentage point (0.01) of
  // energy on every day; for the budget, one unit of money. Positive for a
  // binding minimum (raising it costs), negative for a binding maximum.
  double price = 0;
  bool binding = false;  // The row is at its bound in the LP optimum.
};

struct LpSensitivity {
  double lp_objective = 0;  // The relaxation's optimum (a lower bound).
  std::vector<RowPrice> prices;  // Binding rows only, largest |price| first.
};

// NotFound-free: InvalidArgument for a broken instance, Internal if the LP
// library fails, FailedPrecondition if the relaxation is infeasible (a hard
// rule no fractional plan can keep).
Result<LpSensitivity> ShadowPrices(const PlanInstance& instance);

// The largest day total of `nutrient` for `person` the allowed recipes can
// give (each slot filled, servings within the grid's range and per-meal
// caps, the person's energy maximum held when there is one). +inf if
// unbounded. InvalidArgument for indices out of range.
Result<double> MaxReachable(const PlanInstance& instance, int person, int nutrient);

struct Alternative {
  int recipe = 0;
  double servings = 0;
  double objective_change = 0;  // New total objective minus the plan's (incl. soft penalties).
};

// Up to `k` alternatives for `cell` (not the current recipe), best first;
// only swaps that keep every hard rule (variety, exclusions, caps, limits)
// with the other cells unchanged. REQUIRES: `plan` has the instance's cells.
std::vector<Alternative> Alternatives(const PlanInstance& instance, const Plan& plan, int cell, int k);

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_SENSITIVITY_H_
