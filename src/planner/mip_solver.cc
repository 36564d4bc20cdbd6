// The baseline: the whole plan as one MILP (binary recipe-in-cell, integer
// serving steps) handed to CBC. Kept for comparison with the decomposition.
#include <chrono>
#include <cmath>

#include "hearth/planner/solver.h"
#include "hearth/planner/verify.h"
#include "planner/day_model.h"
#include "hearth/planner/lp.h"

namespace hearth::planner {
namespace {

class CbcMipSolver final : public Solver {
 public:
  std::string_view name() const override { return "cbc-mip"; }

  Result<SolveOutcome> Solve(const PlanInstance& inst, const SolveOptions& options) override {
    const auto t0 = std::chrono::steady_clock::now();
    HEARTH_ASSIGN_OR_RETURN(const DayModel dm, BuildDayModel(inst));
    SolveOutcome out;
    out.solver = "cbc-mip";
    LinearProgram lp;
    const int days = dm.days;
    const int slots = dm.slots;
    const bool stepped = !dm.continuous;
    const double step = stepped ? inst.plan.servings.step : 1.0;
    // Rows.
    std::vector<int> cell_row(static_cast<size_t>(days * slots));
    for (int c = 0; c < days * slots; ++c) cell_row[static_cast<size_t>(c)] = lp.AddRow(1, 1);
    std::vector<int> day_row(static_cast<size_t>(days * dm.num_rows));
    for (int d = 0; d < days; ++d) {
      for (int k = 0; k < dm.num_rows; ++k) {
        day_row[static_cast<size_t>(d * dm.num_rows + k)] =
            lp.AddRow(dm.row_lo[static_cast<size_t>(k)], dm.row_hi[static_cast<size_t>(k)]);
      }
    }
    std::vector<int> week_row(static_cast<size_t>(dm.num_week));
    for (int k = 0; k < dm.num_week; ++k) {
      week_row[static_cast<size_t>(k)] = lp.AddRow(dm.week_lo[static_cast<size_t>(k)], dm.week_hi[static_cast<size_t>(k)]);
    }
    const int budget_row = std::isfinite(dm.budget) ? lp.AddRow(-kInf, dm.budget) : -1;
    // Soft rows: a slack each way at the row's penalty.
    auto add_slacks = [&](int row, double penalty) {
      if (penalty >= kInf) return;
      const std::vector<int> r1 = {row};
      for (double sign : {1.0, -1.0}) {
        const std::vector<double> v1 = {sign};
        lp.AddColumn(penalty, 0, kInf, false, r1, v1);
      }
    };
    for (int d = 0; d < days; ++d) {
      for (int k = 0; k < dm.num_rows; ++k) add_slacks(day_row[static_cast<size_t>(d * dm.num_rows + k)], dm.row_pen[static_cast<size_t>(k)]);
    }
    for (int k = 0; k < dm.num_week; ++k) add_slacks(week_row[static_cast<size_t>(k)], dm.week_pen[static_cast<size_t>(k)]);
    std::vector<int> minutes_row(static_cast<size_t>(days), -1);
    if (std::isfinite(dm.max_minutes)) {
      for (int d = 0; d < days; ++d) minutes_row[static_cast<size_t>(d)] = lp.AddRow(-kInf, dm.max_minutes);
    }
    const int num_recipes = static_cast<int>(inst.recipes.size());
    std::vector<int> var_week_row(static_cast<size_t>(num_recipes), -1);
    std::vector<int> var_day_row(static_cast<size_t>(num_recipes * days), -1);
    const bool limit_week = dm.max_week < days * slots;
    const bool limit_day = dm.max_day < slots;
    for (int r : dm.usable) {
      if (limit_week) var_week_row[static_cast<size_t>(r)] = lp.AddRow(-kInf, dm.max_week);
      if (limit_day) {
        for (int d = 0; d < days; ++d) var_day_row[static_cast<size_t>(r * days + d)] = lp.AddRow(-kInf, dm.max_day);
      }
    }
    // Per serving-variable link rows: smin*x <= k*step <= smax*x.
    struct Var {
      int cell, recipe, x_col, k_col;
    };
    std::vector<Var> vars;
    std::vector<int> rows;
    std::vector<double> vals;
    const double kmin = stepped ? std::ceil(dm.smin / step - 1e-9) : dm.smin;
    for (int d = 0; d < days; ++d) {
      for (int s = 0; s < slots; ++s) {
        const int c = d * slots + s;
        const int fixed_r = dm.fixed_recipe[static_cast<size_t>(c)];
        for (int r : dm.slot_recipes[static_cast<size_t>(s)]) {
          if (fixed_r >= 0 && r != fixed_r) continue;
          // Highest serving step: the grid's, or lower under a per-meal cap.
          const double top = dm.levels[static_cast<size_t>(dm.TopLevel(r))];
          const double kmax = stepped ? std::floor(top / step + 1e-9) : top;
          const int fixed_l = dm.fixed_level[static_cast<size_t>(c)];
          const double kfix = fixed_l < 0 ? -1.0
                                          : (stepped ? std::round(dm.levels[static_cast<size_t>(fixed_l)] / step)
                                                     : dm.levels[static_cast<size_t>(fixed_l)]);
          const int link_lo = lp.AddRow(0, kInf);   // k - kmin x >= 0
          const int link_hi = lp.AddRow(-kInf, 0);  // k - kmax x <= 0
          rows = {cell_row[static_cast<size_t>(c)], link_lo, link_hi};
          vals = {1.0, -kmin, -kmax};
          if (limit_week && !dm.FreeUse(r)) {
            rows.push_back(var_week_row[static_cast<size_t>(r)]);
            vals.push_back(1.0);
          }
          if (limit_day && !dm.FreeUse(r)) {
            rows.push_back(var_day_row[static_cast<size_t>(r * days + d)]);
            vals.push_back(1.0);
          }
          if (minutes_row[static_cast<size_t>(d)] >= 0 && dm.minutes[static_cast<size_t>(r)] != 0) {
            rows.push_back(minutes_row[static_cast<size_t>(d)]);
            vals.push_back(dm.minutes[static_cast<size_t>(r)]);
          }
          const int x_col = lp.AddColumn(dm.use_cost[static_cast<size_t>(r)], 0, 1, true, rows, vals);
          rows = {link_lo, link_hi};
          vals = {1.0, 1.0};
          for (int k = 0; k < dm.num_rows; ++k) {
            const double a = dm.A(r, k);
            if (a != 0) {
              rows.push_back(day_row[static_cast<size_t>(d * dm.num_rows + k)]);
              vals.push_back(step * a);
            }
          }
          for (int k = 0; k < dm.num_week; ++k) {
            const double a = dm.W(r, k);
            if (a != 0) {
              rows.push_back(week_row[static_cast<size_t>(k)]);
              vals.push_back(step * a);
            }
          }
          if (budget_row >= 0) {
            rows.push_back(budget_row);
            vals.push_back(step * dm.money[static_cast<size_t>(r)]);
          }
          const int k_col = lp.AddColumn(step * dm.unit_cost[static_cast<size_t>(r)], kfix < 0 ? 0.0 : kfix,
                                         kfix < 0 ? kmax : kfix, stepped, rows, vals);
          vars.push_back({c, r, x_col, k_col});
        }
      }
    }
    MipOptions mo;
    mo.time_limit_s = options.time_limit_s;
    mo.threads = options.threads;
    mo.seed = options.seed;
    mo.relative_gap = options.gap_target;
    mo.verbose = options.verbose;
    HEARTH_ASSIGN_OR_RETURN(MipResult mr, SolveMip(lp, mo));
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (mr.status == MipStatus::kInfeasible) {
      out.status = SolveStatus::kInfeasible;
      return out;
    }
    if (mr.has_bound) out.bound = mr.bound;
    if (mr.x.empty()) {
      out.status = SolveStatus::kTimeLimitNoPlan;
      return out;
    }
    Plan plan;
    plan.cells.resize(static_cast<size_t>(days * slots));
    for (const Var& v : vars) {
      if (mr.x[static_cast<size_t>(v.x_col)] > 0.5) {
        double sv = mr.x[static_cast<size_t>(v.k_col)];
        if (stepped) sv = std::round(sv) * step;
        plan.cells[static_cast<size_t>(v.cell)] = {v.recipe, sv};
      }
    }
    const PlanCheck check = CheckInstancePlan(inst, plan);
    if (!check.ok()) {
      out.status = SolveStatus::kTimeLimitNoPlan;
      return out;
    }
    out.objective = check.total();
    out.soft_penalty = check.soft_penalty;
    out.plan = std::move(plan);
    out.incumbents.push_back({out.seconds, out.objective});
    out.status = mr.status == MipStatus::kOptimal ? SolveStatus::kOptimal : SolveStatus::kFeasible;
    if (out.bound) out.bound = std::min(*out.bound, out.objective);
    return out;
  }
};

}  // namespace

std::unique_ptr<Solver> MakeCbcMipSolver() { return std::make_unique<CbcMipSolver>(); }

}  // namespace hearth::planner
