// Sensitivity of a plan instance.
//
// ShadowPrices solves the LP relaxation of the whole-week MILP of
// mip_solver.cc (integrality dropped, servings continuous). Per cell c and
// allowed recipe r (slot fits, not excluded, within the time limit, fixed
// cells honoured) there is a choice x_cr in [0, 1] and servings s_cr with
// smin * x_cr <= s_cr <= top_r * x_cr (top_r: the highest serving the
// per-meal caps allow). That set is the cone over [smin, top_r], so the LP
// has instead two columns per (c, r), x_lo at smin and x_hi at top_r
// (x_cr = x_lo + x_hi, s_cr = smin x_lo + top_r x_hi; one column at a fixed
// serving), and no linking rows:
//   cell       sum_r x_cr = 1
//   day rows   lo <= sum_cells s_cr * A(r, k) <= hi on every day (daily rows
//              per person, energy shares as kcal_per_unit*n - f*energy)
//   week rows  days*lo <= sum_plan s_cr * W(r, k) <= days*hi (averages)
//   budget     sum_plan s_cr * money(r) <= budget
//   variety    sum x_cr per recipe per week / per day <= max uses
//   minutes    sum_day x_cr * minutes(r) <= max minutes per day
// A soft row gets two slack columns at its penalty, so it never makes the LP
// infeasible. The objective is the solvers': unit_cost * s + use_cost * x.
//
// CLP's row duals y satisfy reduced cost = c - y'a, so for a minimisation y
// is the objective change per unit the row's binding bound moves up (y >= 0
// at a lower bound, <= 0 at an upper bound). Prices aggregate those duals:
//   daily        sum over days of y (the bound moved on every day);
//   weekly       y * days (the average moved by one = the total by days);
//   energy share sum over days of y * 0.01 * E_d, where E_d is that day's
//                energy for the row's person in the LP optimum: moving the
//                fraction f by 0.01 changes the row kcal*n - f*E by -0.01*E,
//                which to first order is the row's bound moving by 0.01*E;
//   budget       y; minutes: sum over days of y.
// A row whose minimum binds on some days and maximum on others is reported
// twice (at_min true and false).
//
// MaxReachable solves a one-day LP of the same shape (fixed cells and week
// rules ignored; the day's variety and cooking-time limits kept).
//
// Alternatives evaluates every candidate (recipe, serving) of the cell as
// CheckInstancePlan would, with the same sums in the same order, so the
// change is exact; what the swap cannot touch is checked once (a plain
// CheckInstancePlan per candidate took ~90 us, too slow for 300 recipes x 4
// levels).
#include "hearth/planner/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "hearth/planner/verify.h"
#include "planner/day_model.h"
#include "hearth/planner/lp.h"

namespace hearth::planner {
namespace {

// A dual of at most this magnitude counts as zero: the row does not bind.
constexpr double kDualZero = 1e-9;

bool AtBound(double activity, double bound) {
  return std::isfinite(bound) && std::fabs(activity - bound) <= kRuleTolerance * std::max(1.0, std::fabs(bound));
}

// Highest serving of recipe `r` the per-meal caps allow: the highest grid
// level, or (continuous servings) the exact cap.
double TopServings(const PlanInstance& inst, const DayModel& dm, int r) {
  if (!dm.continuous) return dm.levels[static_cast<size_t>(dm.TopLevel(r))];
  double top = dm.smax;
  const RecipeDef& rd = inst.recipes[static_cast<size_t>(r)];
  for (const MealCapRow& cap : inst.plan.per_meal) {
    const double per_serving = rd.nutrients[static_cast<size_t>(cap.nutrient)] * inst.share(cap.person);
    if (per_serving > 0) top = std::min(top, cap.max / per_serving);
  }
  return std::max(top, dm.smin);
}

// The servings of the columns of (cell, recipe `r`): a fixed level, or the
// two ends of [smin, top] (one when they coincide). Any point of
// {(x, s): 0 <= x <= 1, smin x <= s <= top x} is a x_lo (1, smin) + x_hi
// (1, top) with x_lo + x_hi = x, so two columns at the ends are the same LP
// as a choice and a servings column linked by two rows.
std::vector<double> ServingEnds(const PlanInstance& inst, const DayModel& dm, int r, int fixed_level) {
  if (fixed_level >= 0) return {dm.levels[static_cast<size_t>(fixed_level)]};
  const double top = TopServings(inst, dm, r);
  if (top <= dm.smin) return {dm.smin};
  return {dm.smin, top};
}

// What one day row of the DayModel stands for.
struct DayRowInfo {
  RowKind kind = RowKind::kDaily;
  int index = 0;   // Into plan.daily or plan.energy_share.
  int person = 0;
  bool skip = false;  // Energy share without an energy nutrient: not a rule.
};

// Mirrors the row order of BuildDayModel: daily rows, then per energy-share
// row its min and its max (when finite).
std::vector<DayRowInfo> DayRows(const PlanInstance& inst) {
  std::vector<DayRowInfo> rows;
  for (size_t k = 0; k < inst.plan.daily.size(); ++k) {
    rows.push_back({RowKind::kDaily, static_cast<int>(k), inst.plan.daily[k].person, false});
  }
  const bool has_energy = inst.energy_nutrient >= 0;
  for (size_t k = 0; k < inst.plan.energy_share.size(); ++k) {
    const EnergyShareRow& row = inst.plan.energy_share[k];
    const DayRowInfo info{RowKind::kEnergyShare, static_cast<int>(k), row.person, !has_energy};
    if (std::isfinite(row.min)) rows.push_back(info);
    if (std::isfinite(row.max)) rows.push_back(info);
  }
  return rows;
}

// An LP row whose dual is reported.
struct PricedRow {
  int lp_row = 0;
  RowKind kind = RowKind::kDaily;
  int index = 0;
  int day = 0;
  int person = 0;
};

struct Relaxation {
  LinearProgram lp;
  std::vector<PricedRow> priced;
  // A column: recipe `recipe` on day `day` at `servings`.
  struct Column {
    int day, recipe, col;
    double servings;
  };
  std::vector<Column> cols;
};

// Adds the two slack columns of a soft row (no-op for a hard row).
void AddSlacks(LinearProgram& lp, int row, double penalty) {
  if (penalty >= kInf) return;
  const int rows[] = {row};
  for (double sign : {1.0, -1.0}) {
    const double vals[] = {sign};
    lp.AddColumn(penalty, 0, kInf, false, rows, vals);
  }
}

// Row indices of the relaxation (-1 = no such row).
struct RelaxationRows {
  std::vector<int> cell;      // Per cell.
  std::vector<int> day;       // Per day and DayModel row.
  std::vector<int> week;      // Per week row.
  int budget = -1;
  std::vector<int> minutes;   // Per day.
  std::vector<int> use_week;  // Per recipe.
  std::vector<int> use_day;   // Per recipe and day.
};

// Adds every row (and the slacks of soft rows) and lists the priced ones.
RelaxationRows AddRelaxationRows(const PlanInstance& inst, const DayModel& dm, Relaxation& rx) {
  LinearProgram& lp = rx.lp;
  const int days = dm.days;
  RelaxationRows rows;
  rows.cell.resize(static_cast<size_t>(days * dm.slots));
  for (int& row : rows.cell) row = lp.AddRow(1, 1);
  const std::vector<DayRowInfo> infos = DayRows(inst);
  rows.day.assign(static_cast<size_t>(days * dm.num_rows), -1);
  for (int d = 0; d < days; ++d) {
    for (int k = 0; k < dm.num_rows; ++k) {
      const size_t ki = static_cast<size_t>(k);
      if (infos[ki].skip) continue;
      const int row = lp.AddRow(dm.row_lo[ki], dm.row_hi[ki]);
      rows.day[static_cast<size_t>(d * dm.num_rows + k)] = row;
      AddSlacks(lp, row, dm.row_pen[ki]);
      rx.priced.push_back({row, infos[ki].kind, infos[ki].index, d, infos[ki].person});
    }
  }
  for (int k = 0; k < dm.num_week; ++k) {
    const size_t ki = static_cast<size_t>(k);
    const int row = lp.AddRow(dm.week_lo[ki], dm.week_hi[ki]);
    rows.week.push_back(row);
    AddSlacks(lp, row, dm.week_pen[ki]);
    rx.priced.push_back({row, RowKind::kWeekly, k, 0, inst.plan.weekly_average[ki].person});
  }
  if (std::isfinite(dm.budget)) {
    rows.budget = lp.AddRow(-kInf, dm.budget);
    rx.priced.push_back({rows.budget, RowKind::kBudget, 0, 0, 0});
  }
  rows.minutes.assign(static_cast<size_t>(days), -1);
  if (std::isfinite(dm.max_minutes)) {
    for (int d = 0; d < days; ++d) {
      rows.minutes[static_cast<size_t>(d)] = lp.AddRow(-kInf, dm.max_minutes);
      rx.priced.push_back({rows.minutes[static_cast<size_t>(d)], RowKind::kMinutes, 0, d, 0});
    }
  }
  rows.use_week.assign(inst.recipes.size(), -1);
  rows.use_day.assign(inst.recipes.size() * static_cast<size_t>(days), -1);
  for (int r : dm.usable) {
    if (dm.FreeUse(r)) continue;  // "No meal" has no variety limit.
    if (dm.max_week < days * dm.slots) rows.use_week[static_cast<size_t>(r)] = lp.AddRow(-kInf, dm.max_week);
    if (dm.max_day < dm.slots) {
      for (int d = 0; d < days; ++d) rows.use_day[static_cast<size_t>(r * days + d)] = lp.AddRow(-kInf, dm.max_day);
    }
  }
  return rows;
}

// Adds the column of recipe `r` in cell `c` (day `d`) at `servings`.
void AddRecipeColumn(const DayModel& dm, const RelaxationRows& rows, int c, int d, int r, double servings,
                     Relaxation& rx) {
  const size_t ri = static_cast<size_t>(r);
  std::vector<int> index = {rows.cell[static_cast<size_t>(c)]};
  std::vector<double> value = {1.0};
  auto add = [&](int row, double v) {
    if (row >= 0 && v != 0) {
      index.push_back(row);
      value.push_back(v);
    }
  };
  add(rows.use_week[ri], 1.0);
  add(rows.use_day[ri * static_cast<size_t>(dm.days) + static_cast<size_t>(d)], 1.0);
  add(rows.minutes[static_cast<size_t>(d)], dm.minutes[ri]);
  for (int k = 0; k < dm.num_rows; ++k) add(rows.day[static_cast<size_t>(d * dm.num_rows + k)], servings * dm.A(r, k));
  for (int k = 0; k < dm.num_week; ++k) add(rows.week[static_cast<size_t>(k)], servings * dm.W(r, k));
  add(rows.budget, servings * dm.money[ri]);
  const int col = rx.lp.AddColumn(dm.use_cost[ri] + servings * dm.unit_cost[ri], 0, 1, false, index, value);
  rx.cols.push_back({d, r, col, servings});
}

Relaxation BuildRelaxation(const PlanInstance& inst, const DayModel& dm) {
  Relaxation rx;
  const RelaxationRows rows = AddRelaxationRows(inst, dm, rx);
  for (int d = 0; d < dm.days; ++d) {
    for (int s = 0; s < dm.slots; ++s) {
      const int c = d * dm.slots + s;
      const int fixed_r = dm.fixed_recipe[static_cast<size_t>(c)];
      for (int r : dm.slot_recipes[static_cast<size_t>(s)]) {
        if (fixed_r >= 0 && r != fixed_r) continue;
        for (double servings : ServingEnds(inst, dm, r, dm.fixed_level[static_cast<size_t>(c)])) {
          AddRecipeColumn(dm, rows, c, d, r, servings, rx);
        }
      }
    }
  }
  return rx;
}

// Solved LP: objective, primal values, duals and row activities.
struct LpSolution {
  double objective = 0;
  std::vector<double> x, y, activity;
};

// Solves `lp` (integrality ignored) with CLP. FailedPrecondition when
// infeasible; an unbounded LP is returned with objective -inf.
Result<LpSolution> SolveRelaxation(const LinearProgram& lp) {
  HEARTH_ASSIGN_OR_RETURN(const std::unique_ptr<LpEngine> engine, MakeLpEngine(lp));
  HEARTH_ASSIGN_OR_RETURN(const LpStatus status, engine->Solve());
  LpSolution sol;
  switch (status) {
    case LpStatus::kOptimal: break;
    case LpStatus::kInfeasible:
      return Status::FailedPrecondition("the LP relaxation is infeasible",
                                        "no fractional plan keeps the hard rules");
    case LpStatus::kUnbounded: sol.objective = -kInf; return sol;
    case LpStatus::kOther: return Status::Internal("CLP stopped without an optimum");
  }
  sol.objective = engine->objective();
  sol.x = engine->primal();
  sol.y = engine->duals();
  sol.activity.assign(static_cast<size_t>(lp.num_rows()), 0.0);
  for (int j = 0; j < lp.num_cols(); ++j) {
    const double xj = sol.x[static_cast<size_t>(j)];
    if (xj == 0) continue;
    for (int e = lp.col_start[static_cast<size_t>(j)]; e < lp.col_start[static_cast<size_t>(j) + 1]; ++e) {
      sol.activity[static_cast<size_t>(lp.row_index[static_cast<size_t>(e)])] += lp.value[static_cast<size_t>(e)] * xj;
    }
  }
  return sol;
}

// Per day and person, the energy of the LP optimum (for energy-share prices).
std::vector<double> DayEnergy(const PlanInstance& inst, const Relaxation& rx, const LpSolution& sol) {
  const int people = inst.num_people();
  std::vector<double> energy(static_cast<size_t>(inst.plan.days * people), 0.0);
  if (inst.energy_nutrient < 0) return energy;
  for (const Relaxation::Column& v : rx.cols) {
    const double kcal = sol.x[static_cast<size_t>(v.col)] * v.servings *
                        inst.recipes[static_cast<size_t>(v.recipe)].nutrients[static_cast<size_t>(inst.energy_nutrient)];
    for (int p = 0; p < people; ++p) energy[static_cast<size_t>(v.day * people + p)] += kcal * inst.share(p);
  }
  return energy;
}


// Slack of a hard rule, as in verify.cc.
double RuleSlack(double bound) { return kRuleTolerance * std::max(1.0, std::fabs(bound)); }

// verify.cc's CheckRange without messages: clears `ok` on a hard violation,
// adds a soft row's penalty to `soft`.
void CheckRangeFast(double value, double lo, double hi, double penalty, bool& ok, double& soft) {
  double shortfall = 0;
  if (std::isfinite(lo) && value < lo - RuleSlack(lo)) {
    shortfall = lo - value;
  } else if (std::isfinite(hi) && value > hi + RuleSlack(hi)) {
    shortfall = value - hi;
  } else {
    return;
  }
  if (std::isfinite(penalty)) {
    soft += penalty * shortfall;
  } else {
    ok = false;
  }
}

// CheckInstancePlan of a plan that differs from `plan` in one cell, without
// building messages: what does not depend on the swapped cell is checked
// once, the rest recomputed per candidate with the verifier's sums in the
// verifier's order, so totals are the same numbers CheckInstancePlan gives.
class SwapEvaluator {
 public:
  // REQUIRES: `cell` is in range and not fixed; plan has the instance's cells.
  SwapEvaluator(const PlanInstance& inst, const Plan& plan, int cell)
      : inst_(inst), trial_(plan), cell_(cell), day_(cell / inst.num_slots()),
        width_(inst.nutrients.size() * static_cast<size_t>(inst.num_people())) {
    const PlanSpec& p = inst.plan;
    const int slots = inst.num_slots();
    for (const FixedCell& f : p.fixed) {
      if (f.cell < 0 || f.cell >= inst.num_cells()) continue;
      const PlanCell& c = plan.cells[static_cast<size_t>(f.cell)];
      if (c.recipe != f.recipe || (f.servings && std::fabs(c.servings - *f.servings) > RuleSlack(*f.servings))) {
        others_ok_ = false;
      }
    }
    for (int c = 0; c < inst.num_cells() && others_ok_; ++c) {
      if (c == cell) continue;
      const PlanCell& pc = plan.cells[static_cast<size_t>(c)];
      others_ok_ = pc.recipe >= 0 && static_cast<size_t>(pc.recipe) < inst.recipes.size() &&
                   CellOk(pc.recipe, pc.servings, c % slots);
    }
    if (!others_ok_) return;
    totals_.assign(static_cast<size_t>(p.days) * width_, 0.0);
    for (int d = 0; d < p.days; ++d) {
      if (d == day_) continue;
      DayTotals(d, totals_.data() + static_cast<size_t>(d) * width_);
      others_ok_ = others_ok_ && DayLimitsOk(d);
    }
    week_uses_.assign(inst.recipes.size(), 0);
    for (const PlanCell& c : plan.cells) {
      if (c.recipe >= 0 && static_cast<size_t>(c.recipe) < week_uses_.size() &&
          !inst.recipes[static_cast<size_t>(c.recipe)].skip) {
        ++week_uses_[static_cast<size_t>(c.recipe)];
      }
    }
    if (p.max_uses_per_week) {
      for (int uses : week_uses_) over_week_ += uses > *p.max_uses_per_week ? 1 : 0;
    }
  }

  struct Outcome {
    bool ok = false;
    double total = 0;  // Objective plus soft penalties.
  };

  Outcome Evaluate(int recipe, double servings) {
    Outcome out;
    if (!others_ok_ || !CellOk(recipe, servings, cell_ % inst_.num_slots())) return out;
    PlanCell& target = trial_.cells[static_cast<size_t>(cell_)];
    const PlanCell old = target;
    target = {recipe, servings};
    out.ok = DayLimitsOk(day_) && WeekUsesOk(old.recipe, recipe);
    double* today = totals_.data() + static_cast<size_t>(day_) * width_;
    std::fill(today, today + width_, 0.0);
    DayTotals(day_, today);
    double soft = 0;
    const PlanSpec& p = inst_.plan;
    const size_t num_nutrients = inst_.nutrients.size();
    for (int d = 0; d < p.days && out.ok; ++d) DayRows(totals_.data() + static_cast<size_t>(d) * width_, out.ok, soft);
    for (const NutrientRow& row : p.weekly_average) {
      const size_t i = static_cast<size_t>(row.person) * num_nutrients + static_cast<size_t>(row.nutrient);
      double week = 0;
      for (int d = 0; d < p.days; ++d) week += totals_[static_cast<size_t>(d) * width_ + i];
      CheckRangeFast(week / p.days, row.min, row.max, row.penalty, out.ok, soft);
    }
    if (p.budget_per_week) {
      const double eaten = inst_.total_share();
      double spend = 0;
      for (const PlanCell& c : trial_.cells) spend += c.servings * eaten * inst_.recipes[static_cast<size_t>(c.recipe)].cost;
      CheckRangeFast(spend, -kInf, *p.budget_per_week, kInf, out.ok, soft);
    }
    out.total = PlanObjective(inst_, trial_) + soft;
    target = old;
    return out;
  }

 private:
  // The cell's own rules: slot, exclusion, servings, per-meal caps.
  bool CellOk(int recipe, double sv, int slot) const {
    const RecipeDef& r = inst_.recipes[static_cast<size_t>(recipe)];
    const ServingsSpec& spec = inst_.plan.servings;
    if (std::find(r.slots.begin(), r.slots.end(), slot) == r.slots.end() || IsExcluded(inst_, recipe)) return false;
    if (!std::isfinite(sv) || sv < spec.min - RuleSlack(spec.min) || sv > spec.max + RuleSlack(spec.max)) return false;
    if (spec.step > 0 && std::fabs(std::round(sv / spec.step) * spec.step - sv) > RuleSlack(sv)) return false;
    for (const MealCapRow& cap : inst_.plan.per_meal) {
      const double v = sv * inst_.share(cap.person) * r.nutrients[static_cast<size_t>(cap.nutrient)];
      if (std::isfinite(cap.max) && v > cap.max + RuleSlack(cap.max)) return false;
    }
    return true;
  }

  void DayTotals(int d, double* day) const {
    const int slots = inst_.num_slots();
    const size_t num_nutrients = inst_.nutrients.size();
    for (int s = 0; s < slots; ++s) {
      const PlanCell& cell = trial_.cells[static_cast<size_t>(d * slots + s)];
      const RecipeDef& r = inst_.recipes[static_cast<size_t>(cell.recipe)];
      for (int q = 0; q < inst_.num_people(); ++q) {
        const double eats = cell.servings * inst_.share(q);
        for (size_t n = 0; n < num_nutrients; ++n) day[static_cast<size_t>(q) * num_nutrients + n] += eats * r.nutrients[n];
      }
    }
  }

  // Cooking minutes and uses per day of day `d`.
  bool DayLimitsOk(int d) const {
    const PlanSpec& p = inst_.plan;
    const int slots = inst_.num_slots();
    const PlanCell* cells = trial_.cells.data() + static_cast<size_t>(d * slots);
    if (p.max_minutes_per_day) {
      double minutes = 0;
      for (int s = 0; s < slots; ++s) minutes += inst_.recipes[static_cast<size_t>(cells[s].recipe)].minutes;
      if (minutes > *p.max_minutes_per_day + RuleSlack(*p.max_minutes_per_day)) return false;
    }
    if (p.max_uses_per_day) {
      for (int s = 0; s < slots; ++s) {
        if (inst_.recipes[static_cast<size_t>(cells[s].recipe)].skip) continue;  // "No meal" has no limit.
        int uses = 0;
        for (int t = 0; t < slots; ++t) uses += cells[t].recipe == cells[s].recipe ? 1 : 0;
        if (uses > *p.max_uses_per_day) return false;
      }
    }
    return true;
  }

  // Daily and energy-share rows of one day's totals.
  void DayRows(const double* day, bool& ok, double& soft) const {
    const PlanSpec& p = inst_.plan;
    const size_t num_nutrients = inst_.nutrients.size();
    auto total = [&](int person, int nutrient) {
      return day[static_cast<size_t>(person) * num_nutrients + static_cast<size_t>(nutrient)];
    };
    for (const NutrientRow& row : p.daily) CheckRangeFast(total(row.person, row.nutrient), row.min, row.max, row.penalty, ok, soft);
    if (inst_.energy_nutrient < 0) return;
    for (const EnergyShareRow& row : p.energy_share) {
      const double energy = total(row.person, inst_.energy_nutrient);
      const double v = row.kcal_per_unit * total(row.person, row.nutrient);
      if (std::isfinite(row.min)) CheckRangeFast(v, row.min * energy, kInf, row.penalty, ok, soft);
      if (std::isfinite(row.max)) CheckRangeFast(v, -kInf, row.max * energy, row.penalty, ok, soft);
    }
  }

  // Weekly uses with one use moved from `old` (maybe no recipe) to `now`.
  // REQUIRES: old != now.
  bool WeekUsesOk(int old, int now) const {
    if (!inst_.plan.max_uses_per_week) return true;
    const int max = *inst_.plan.max_uses_per_week;
    int over = over_week_;
    if (old >= 0 && inst_.recipes[static_cast<size_t>(old)].skip) old = -1;  // "No meal" has no limit.
    if (inst_.recipes[static_cast<size_t>(now)].skip) return over == 0;
    if (old >= 0 && static_cast<size_t>(old) < week_uses_.size()) {
      const int before = week_uses_[static_cast<size_t>(old)];
      over += (before - 1 > max ? 1 : 0) - (before > max ? 1 : 0);
    }
    const int before = week_uses_[static_cast<size_t>(now)];
    over += (before + 1 > max ? 1 : 0) - (before > max ? 1 : 0);
    return over == 0;
  }

  const PlanInstance& inst_;
  Plan trial_;
  const int cell_;
  const int day_;
  const size_t width_;            // Nutrients x people.
  bool others_ok_ = true;         // Every rule not touched by the swap holds.
  std::vector<double> totals_;    // Per day, per person and nutrient.
  std::vector<int> week_uses_;    // Of the plan, per recipe.
  int over_week_ = 0;             // Recipes over max_uses_per_week in the plan.
};
}  // namespace

Result<LpSensitivity> ShadowPrices(const PlanInstance& instance) {
  HEARTH_ASSIGN_OR_RETURN(const DayModel dm, BuildDayModel(instance));
  const Relaxation rx = BuildRelaxation(instance, dm);
  HEARTH_ASSIGN_OR_RETURN(const LpSolution sol, SolveRelaxation(rx.lp));
  if (!std::isfinite(sol.objective)) return Status::Internal("the LP relaxation is unbounded");
  const std::vector<double> energy = DayEnergy(instance, rx, sol);
  // (kind, index, at_min) -> price.
  std::map<std::tuple<RowKind, int, bool>, double> prices;
  for (const PricedRow& pr : rx.priced) {
    const size_t i = static_cast<size_t>(pr.lp_row);
    const double y = sol.y[i];
    const double act = sol.activity[i];
    bool at_min = true;
    if (y > kDualZero && AtBound(act, rx.lp.row_lower[i])) {
      at_min = true;
    } else if (y < -kDualZero && AtBound(act, rx.lp.row_upper[i])) {
      at_min = false;
    } else {
      continue;
    }
    double per_unit = 1.0;
    if (pr.kind == RowKind::kWeekly) per_unit = dm.days;
    if (pr.kind == RowKind::kEnergyShare) {
      per_unit = 0.01 * energy[static_cast<size_t>(pr.day * instance.num_people() + pr.person)];
    }
    prices[{pr.kind, pr.index, at_min}] += y * per_unit;
  }
  LpSensitivity out;
  out.lp_objective = sol.objective;
  for (const auto& [key, price] : prices) {
    out.prices.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), price, true});
  }
  std::stable_sort(out.prices.begin(), out.prices.end(),
                   [](const RowPrice& a, const RowPrice& b) { return std::fabs(a.price) > std::fabs(b.price); });
  return out;
}

Result<double> MaxReachable(const PlanInstance& instance, int person, int nutrient) {
  if (person < 0 || person >= instance.num_people()) {
    return Status::InvalidArgument("no such person", std::to_string(person));
  }
  if (nutrient < 0 || static_cast<size_t>(nutrient) >= instance.nutrients.size()) {
    return Status::InvalidArgument("no such nutrient", std::to_string(nutrient));
  }
  HEARTH_ASSIGN_OR_RETURN(const DayModel dm, BuildDayModel(instance));
  const double share = instance.share(person);
  const int e = instance.energy_nutrient;
  double energy_max = kInf;
  if (e >= 0) {
    for (const NutrientRow& row : instance.plan.daily) {
      if (row.nutrient == e && row.person == person) energy_max = std::min(energy_max, row.max);
    }
  }
  LinearProgram lp;
  const int energy_row = std::isfinite(energy_max) ? lp.AddRow(-kInf, energy_max) : -1;
  const int minutes_row = std::isfinite(dm.max_minutes) ? lp.AddRow(-kInf, dm.max_minutes) : -1;
  std::vector<int> use_row(instance.recipes.size(), -1);
  if (dm.max_day < dm.slots) {
    for (int r : dm.usable) {
      if (!dm.FreeUse(r)) use_row[static_cast<size_t>(r)] = lp.AddRow(-kInf, dm.max_day);
    }
  }
  std::vector<int> rows;
  std::vector<double> vals;
  for (int s = 0; s < dm.slots; ++s) {
    const int slot_row = lp.AddRow(1, 1);
    for (int r : dm.slot_recipes[static_cast<size_t>(s)]) {
      const RecipeDef& rd = instance.recipes[static_cast<size_t>(r)];
      for (double servings : ServingEnds(instance, dm, r, -1)) {
        rows = {slot_row};
        vals = {1.0};
        if (use_row[static_cast<size_t>(r)] >= 0) {
          rows.push_back(use_row[static_cast<size_t>(r)]);
          vals.push_back(1.0);
        }
        if (minutes_row >= 0 && rd.minutes != 0) {
          rows.push_back(minutes_row);
          vals.push_back(rd.minutes);
        }
        if (energy_row >= 0) {
          rows.push_back(energy_row);
          vals.push_back(servings * share * rd.nutrients[static_cast<size_t>(e)]);
        }
        lp.AddColumn(-servings * share * rd.nutrients[static_cast<size_t>(nutrient)], 0, 1, false, rows, vals);
      }
    }
  }
  Result<LpSolution> sol = SolveRelaxation(lp);
  if (!sol.ok()) {
    if (sol.status().code() != StatusCode::kFailedPrecondition) return sol.status();
    return Status::FailedPrecondition("no day menu keeps the energy maximum and the day's limits");
  }
  return -sol->objective;
}

std::vector<Alternative> Alternatives(const PlanInstance& instance, const Plan& plan, int cell, int k) {
  std::vector<Alternative> out;
  if (k <= 0 || cell < 0 || cell >= instance.num_cells()) return out;
  if (plan.cells.size() != static_cast<size_t>(instance.num_cells())) return out;
  for (const FixedCell& f : instance.plan.fixed) {
    if (f.cell == cell) return out;
  }
  const ServingsSpec& spec = instance.plan.servings;
  std::vector<double> levels = ServingLevels(spec);
  if (spec.step <= 0) {  // The solvers' grid for continuous servings.
    for (int i = 0; i < kContinuousLevels; ++i) levels.push_back(spec.min + (spec.max - spec.min) * i / (kContinuousLevels - 1));
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  }
  const int slot = cell % instance.num_slots();
  const double base = CheckInstancePlan(instance, plan).total();
  const int current = plan.cells[static_cast<size_t>(cell)].recipe;
  SwapEvaluator evaluator(instance, plan, cell);
  for (int r = 0; r < static_cast<int>(instance.recipes.size()); ++r) {
    const std::vector<int>& fits = instance.recipes[static_cast<size_t>(r)].slots;
    if (r == current || std::find(fits.begin(), fits.end(), slot) == fits.end() || IsExcluded(instance, r)) continue;
    std::optional<Alternative> best;
    for (double servings : levels) {
      const SwapEvaluator::Outcome o = evaluator.Evaluate(r, servings);
      if (!o.ok) continue;
      const double change = o.total - base;
      if (!best || change < best->objective_change) best = Alternative{r, servings, change};
    }
    if (best) out.push_back(*best);
  }
  std::sort(out.begin(), out.end(), [](const Alternative& a, const Alternative& b) {
    return a.objective_change != b.objective_change ? a.objective_change < b.objective_change : a.recipe < b.recipe;
  });
  if (out.size() > static_cast<size_t>(k)) out.resize(static_cast<size_t>(k));
  return out;
}

}  // namespace hearth::planner
