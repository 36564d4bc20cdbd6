// The default solver: day-menu Dantzig-Wolfe decomposition.
//
//   1. A penalised local search over the whole plan gives a first verified
//      plan within milliseconds.
//   2. Column generation: the master LP (CLP) chooses a convex combination of
//      day menus for the D identical days subject to the week rows (weekly
//      averages, budget, max uses per week); pricing finds day menus of
//      negative reduced cost, first by local search, then exactly by
//      Lagrangian branch and bound (pricing.h). Every exact pricing gives a
//      proven lower bound z_LP + D * min reduced cost.
//   3. Integer master (CBC) over the generated menus; if the gap is small
//      enough, every menu whose reduced cost is below (best plan - z_LP) is
//      enumerated first, which makes the integer master exact.
//   4. Iterated local search repairs and improves the plan; its day menus go
//      back to the master.
// All choices are driven by one seeded generator; phases are bounded by work
// counts, and the time limit only cuts them short.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "hearth/planner/lp.h"
#include "hearth/planner/solver.h"
#include "hearth/planner/verify.h"
#include "planner/day_model.h"
#include "planner/local_search.h"
#include "planner/pricing.h"
#include "planner/rng.h"

namespace hearth::planner {
namespace {

using Clock = std::chrono::steady_clock;

// Process CPU time in seconds (the anytime profile reports it beside wall
// time: on a shared machine wall time overstates the work).
double ProcessCpuSeconds() {
  timespec ts{};
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) return 0;
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Tuning constants.
// Days menus added per pricing round at most.
constexpr int kMaxColumnsPerRound = 12;
// Branch-and-bound nodes of the first exact pricing calls (~0.1 s); the
// budget grows fourfold whenever a call ends without a menu or a proof.
constexpr long kPricingNodeLimit = 1'000'000;
// Most menus enumerated for the exact integer master.
constexpr size_t kMaxEnumeratedMenus = 30'000;
// During the proof, an integer master once this many new menus arrived.
constexpr size_t kNewColumnsPerMaster = 6;
// Iterated local search stops after this many non-improving kicks (polish:
// for catalogues of up to 1,000 usable recipes, scaled down beyond, never
// below the minimum).
constexpr int kIlsPatience = 400;
constexpr int kPolishMinPatience = 40;
// Above this many usable recipes, iterated local search repairs a kick
// within its day before descending over the whole plan.
constexpr size_t kDayFirstRecipes = 500;
// Non-improving kicks of the search for the first plan, for catalogues of up
// to 1,000 usable recipes (scaled down beyond, never below the minimum).
constexpr int kFirstIlsPatience = 30;
constexpr int kFirstIlsMinPatience = 6;
// Heuristic pricing runs first in every round (starts and kicks per start),
// and wider when exact pricing stops without menus or proof.
constexpr int kHeuristicPricingStarts = 4;
constexpr int kHeuristicPricingKicks = 12;
constexpr int kHeuristicRetryStarts = 32;
constexpr int kHeuristicRetryKicks = 24;
// The first integer master runs after at most this many pricing rounds.
constexpr int kEarlyRounds = 8;

struct Column {
  std::vector<SearchCell> menu;  // One per slot.
  double cost = 0;
  std::vector<double> week;  // Contribution to each week row.
  double money = 0;
  std::vector<std::pair<int, int>> uses;  // (recipe, count).
};

class Decomposition {
 public:
  Decomposition(const PlanInstance& inst, DayModel dm, const SolveOptions& options)
      : inst_(inst),
        options_(options),
        dm_(std::move(dm)),
        rng_(options.seed),
        start_(Clock::now()),
        cpu_start_(ProcessCpuSeconds()) {
    deadline_ = start_ + std::chrono::microseconds(static_cast<long long>(options.time_limit_s * 1e6));
    double day = 0;
    for (int r : dm_.usable) day += std::fabs(dm_.unit_cost[static_cast<size_t>(r)]) * dm_.smax + dm_.use_cost[static_cast<size_t>(r)];
    day = dm_.usable.empty() ? 1.0 : day / static_cast<double>(dm_.usable.size()) * dm_.slots;
    day_scale_ = std::max(1e-3, day);
    penalty_ = 1e3 * day_scale_;
  }

  Result<SolveOutcome> Run();

 private:
  double Elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  double CpuElapsed() const { return ProcessCpuSeconds() - cpu_start_; }
  bool OutOfTime() const { return Clock::now() >= deadline_; }
  // The work budget (SolveOptions::work_limit) in pricing nodes.
  bool OutOfWork() const { return options_.work_limit > 0 && nodes_used_ >= options_.work_limit; }
  long NodeBudget(long want) const {
    return options_.work_limit > 0 ? std::max(1L, std::min(want, options_.work_limit - nodes_used_)) : want;
  }
  Clock::time_point At(double fraction) const {
    return start_ + std::chrono::microseconds(static_cast<long long>(options_.time_limit_s * fraction * 1e6));
  }
  void Log(const char* what) const {
    if (!options_.verbose) return;
    std::fprintf(stderr, "[%.3fs cpu %.3fs] %-10s best %.6g bound %.6g columns %zu nodes %ld\n",
                 Elapsed(), CpuElapsed(), what, best_obj_, bound_, columns_.size(), nodes_used_);
  }
  bool GapClosed() const {
    return best_plan_.has_value() && bound_ > -kInf &&
           (best_obj_ - bound_) <= options_.gap_target * std::max(1e-9, std::fabs(best_obj_));
  }

  Plan ToPlan(const std::vector<SearchCell>& cells) const {
    Plan p;
    for (const SearchCell& c : cells) p.cells.push_back({c.recipe, dm_.levels[static_cast<size_t>(c.level)]});
    return p;
  }
  // Verifies and keeps `cells` if better than the incumbent.
  bool Offer(const std::vector<SearchCell>& cells);
  Status BuildMaster();
  int AddColumn(const std::vector<SearchCell>& menu);
  // Generates columns until no improving menu is found. With `escalate`, a
  // pricing call that ends without proof is retried with 4x the nodes.
  Status ColumnGeneration(Clock::time_point until, bool escalate, int max_iterations = 1 << 30);
  // Solves the integer master; `bound` (optional) receives its proven bound.
  Status IntegerMaster(double seconds, double* bound = nullptr);
  // Keeps the plan in step with the columns while the proof goes on: a short
  // integer master once enough menus arrived since the last one, or, when
  // pricing has `stalled`, as soon as there is any menu it has not seen.
  Status MasterIfDue(bool stalled) {
    const size_t fresh = columns_.size() - master_columns_;
    // (Under a work budget only the former: there the proof leads.)
    if (options_.work_limit > 0) stalled = false;
    if (fresh == 0 || (!stalled && fresh < kNewColumnsPerMaster)) return Status::Ok();
    const double remaining = std::chrono::duration<double>(deadline_ - Clock::now()).count();
    return IntegerMaster(std::min(0.5, remaining * 0.05));
  }
  void Ils(std::vector<SearchCell> start, int patience);
  // Non-improving kicks of a polish: fewer for large catalogues, whose
  // descents cost in proportion to the recipes.
  int PolishPatience() const {
    return std::max(
        kPolishMinPatience,
        static_cast<int>(kIlsPatience * 1000 / std::max<size_t>(1000, dm_.usable.size())));
  }
  // Local search for day menus of reduced cost below `cutoff` (first in each
  // round, and wider when exact pricing stopped without menus or proof);
  // returns the columns added.
  int HeuristicPricing(double cutoff, int starts = kHeuristicPricingStarts,
                       int kicks = kHeuristicPricingKicks);
  void AddPlanColumns(const std::vector<SearchCell>& cells);
  // Enumerates at most `max_menus` menus; does nothing if there are more.
  Status EnumerateForExactness(size_t max_menus);

  const PlanInstance& inst_;
  SolveOptions options_;
  DayModel dm_;
  Rng rng_;
  Clock::time_point start_, deadline_;
  double cpu_start_ = 0;
  double day_scale_ = 1, penalty_ = 1;

  std::optional<Plan> best_plan_;
  std::vector<SearchCell> best_cells_;
  double best_obj_ = kInf;
  double best_soft_ = 0;
  double bound_ = -kInf;
  bool proven_infeasible_ = false;
  std::vector<Incumbent> incumbents_;

  // Master.
  std::unique_ptr<LpEngine> lp_;
  int conv_row_ = 0;
  std::vector<int> week_row_;  // Per week row, master row or -1.
  int budget_row_ = -1;
  std::map<int, int> variety_row_;  // recipe -> master row
  bool limit_week_ = false;
  int num_artificial_ = 0;
  std::vector<Column> columns_;
  std::vector<int> column_lp_;  // LP column of each Column.
  std::set<std::vector<int>> seen_;
  double lp_obj_ = kInf;
  std::vector<double> duals_;
  bool lp_converged_ = false;  // Exact pricing found no improving menu.
  bool enumerated_ = false;
  size_t master_columns_ = 0;  // Columns when the integer master last ran.
  ExactPricer pricer_{dm_};
  std::vector<double> g_, h_;
  long node_limit_ = kPricingNodeLimit;
  long nodes_used_ = 0;
};

bool Decomposition::Offer(const std::vector<SearchCell>& cells) {
  for (const SearchCell& c : cells) {
    if (c.recipe < 0) return false;
  }
  Plan p = ToPlan(cells);
  const PlanCheck check = CheckInstancePlan(inst_, p);
  if (!check.ok()) return false;
  const double obj = check.total();
  if (obj >= best_obj_ - 1e-12 * std::max(1.0, std::fabs(obj))) return false;
  best_obj_ = obj;
  best_soft_ = check.soft_penalty;
  best_plan_ = std::move(p);
  best_cells_ = cells;
  incumbents_.push_back({Elapsed(), obj, CpuElapsed()});
  Log("plan");
  return true;
}

Status Decomposition::BuildMaster() {
  lp_ = MakeLpEngine();
  conv_row_ = lp_->AddRow(dm_.days, dm_.days);
  const double art = penalty_;
  std::vector<int> rows(1);
  std::vector<double> vals(1);
  rows[0] = conv_row_;
  vals[0] = 1.0;
  lp_->AddColumn(art, 0, kInf, rows, vals);
  ++num_artificial_;
  week_row_.assign(static_cast<size_t>(dm_.num_week), -1);
  for (int k = 0; k < dm_.num_week; ++k) {
    const double lo = dm_.week_lo[static_cast<size_t>(k)], hi = dm_.week_hi[static_cast<size_t>(k)];
    if (!std::isfinite(lo) && !std::isfinite(hi)) continue;
    const int row = lp_->AddRow(lo, hi);
    week_row_[static_cast<size_t>(k)] = row;
    rows[0] = row;
    // A soft row's slack costs its penalty (per week_scale units); a hard
    // row's is an artificial at the big-M cost.
    const double pen = dm_.week_pen[static_cast<size_t>(k)];
    const double slack_cost = pen < kInf ? pen * dm_.week_scale[static_cast<size_t>(k)] : art;
    if (std::isfinite(lo)) {
      vals[0] = dm_.week_scale[static_cast<size_t>(k)];
      lp_->AddColumn(slack_cost, 0, kInf, rows, vals);
      ++num_artificial_;
    }
    if (std::isfinite(hi)) {
      vals[0] = -dm_.week_scale[static_cast<size_t>(k)];
      lp_->AddColumn(slack_cost, 0, kInf, rows, vals);
      ++num_artificial_;
    }
  }
  if (std::isfinite(dm_.budget)) {
    budget_row_ = lp_->AddRow(-kInf, dm_.budget);
    rows[0] = budget_row_;
    vals[0] = -dm_.budget_scale;
    lp_->AddColumn(art, 0, kInf, rows, vals);
    ++num_artificial_;
  }
  limit_week_ = dm_.max_week < dm_.days * dm_.slots;
  return Status::Ok();
}

int Decomposition::AddColumn(const std::vector<SearchCell>& menu) {
  std::vector<int> key;
  for (const SearchCell& c : menu) {
    key.push_back(c.recipe);
    key.push_back(c.level);
  }
  if (!seen_.insert(key).second) return -1;
  Column col;
  col.menu = menu;
  col.week.assign(static_cast<size_t>(dm_.num_week), 0.0);
  std::map<int, int> uses;
  for (const SearchCell& c : menu) {
    const double sv = dm_.levels[static_cast<size_t>(c.level)];
    col.cost += sv * dm_.unit_cost[static_cast<size_t>(c.recipe)] + dm_.use_cost[static_cast<size_t>(c.recipe)];
    col.money += sv * dm_.money[static_cast<size_t>(c.recipe)];
    for (int k = 0; k < dm_.num_week; ++k) col.week[static_cast<size_t>(k)] += sv * dm_.W(c.recipe, k);
    if (!dm_.FreeUse(c.recipe)) ++uses[c.recipe];
  }
  col.cost += MenuSoftCost(dm_, menu);
  col.uses.assign(uses.begin(), uses.end());
  std::vector<int> rows = {conv_row_};
  std::vector<double> vals = {1.0};
  for (int k = 0; k < dm_.num_week; ++k) {
    if (week_row_[static_cast<size_t>(k)] >= 0 && col.week[static_cast<size_t>(k)] != 0) {
      rows.push_back(week_row_[static_cast<size_t>(k)]);
      vals.push_back(col.week[static_cast<size_t>(k)]);
    }
  }
  if (budget_row_ >= 0) {
    rows.push_back(budget_row_);
    vals.push_back(col.money);
  }
  if (limit_week_) {
    for (const auto& [r, n] : col.uses) {
      auto it = variety_row_.find(r);
      if (it == variety_row_.end()) it = variety_row_.emplace(r, lp_->AddRow(-kInf, dm_.max_week)).first;
      rows.push_back(it->second);
      vals.push_back(n);
    }
  }
  column_lp_.push_back(lp_->AddColumn(col.cost, 0, kInf, rows, vals));
  columns_.push_back(std::move(col));
  lp_converged_ = false;
  return static_cast<int>(columns_.size()) - 1;
}

void Decomposition::AddPlanColumns(const std::vector<SearchCell>& cells) {
  for (int d = 0; d < dm_.days; ++d) {
    std::vector<SearchCell> menu(cells.begin() + d * dm_.slots, cells.begin() + (d + 1) * dm_.slots);
    AddColumn(menu);
  }
}

Status Decomposition::ColumnGeneration(Clock::time_point until, bool escalate, int max_iterations) {
  const int nr = static_cast<int>(dm_.unit_cost.size());
  g_.assign(static_cast<size_t>(nr), 0.0);
  h_.assign(static_cast<size_t>(nr), 0.0);
  const double rc_tol = 1e-7 * day_scale_;
  for (int iter = 0; iter < max_iterations; ++iter) {
    if (Clock::now() >= until || OutOfTime() || OutOfWork()) return Status::Ok();
    HEARTH_ASSIGN_OR_RETURN(LpStatus st, lp_->Solve());
    // Numerical trouble in the master ends column generation; the plans
    // found so far and the bound proven so far stand.
    if (st != LpStatus::kOptimal) return Status::Ok();
    lp_obj_ = lp_->objective();
    duals_ = lp_->duals();
    const double sigma = duals_[static_cast<size_t>(conv_row_)];
    const double yb = budget_row_ >= 0 ? duals_[static_cast<size_t>(budget_row_)] : 0.0;
    for (int r = 0; r < nr; ++r) {
      double g = dm_.unit_cost[static_cast<size_t>(r)] - yb * dm_.money[static_cast<size_t>(r)];
      for (int k = 0; k < dm_.num_week; ++k) {
        const int row = week_row_[static_cast<size_t>(k)];
        if (row >= 0) g -= duals_[static_cast<size_t>(row)] * dm_.W(r, k);
      }
      g_[static_cast<size_t>(r)] = g;
      h_[static_cast<size_t>(r)] = dm_.use_cost[static_cast<size_t>(r)];
    }
    for (const auto& [r, row] : variety_row_) h_[static_cast<size_t>(r)] -= duals_[static_cast<size_t>(row)];

    int added = 0;
    // Exact pricing: new menus or a proof that none has negative reduced cost.
    // A narrow search over each slot's best items first; the complete search
    // (the proof) only when it finds nothing or when a bound is due.
    const bool want_proof = escalate && iter % 5 == 4;
    // The local search on the reduced costs first: it finds day menus for a
    // fraction of the exact search's cost, and the master LP converges on
    // them; the exact search runs when it finds none or a bound is due.
    // Not under a work budget (counted in exact pricing nodes): there the
    // exact search prices first, so that its menus and its proof come within
    // the budget (on the shipped data's few hundred recipes it is cheap).
    if (!want_proof && options_.work_limit == 0) {
      added = HeuristicPricing(sigma - rc_tol, kHeuristicPricingStarts, kHeuristicPricingKicks);
      if (added > 0) {
        if (options_.verbose) {
          std::fprintf(stderr, "  heuristic pricing: lp %.6g added %d\n", lp_obj_, added);
        }
        if (escalate) HEARTH_RETURN_IF_ERROR(MasterIfDue(false));
        continue;
      }
    }
    PricingResult pr = pricer_.Solve(g_, h_, kInf, sigma - rc_tol, NodeBudget(node_limit_), std::min(until, deadline_), false, 0,
                                     want_proof);
    nodes_used_ += pr.nodes;
    if (pr.lower_bound == kInf) {
      proven_infeasible_ = pr.exact;  // No day menu keeps the day rows.
      return Status::Ok();
    }
    if (pr.lower_bound > -kInf) {
      const double lb = lp_obj_ + dm_.days * std::min(0.0, pr.lower_bound - sigma);
      bound_ = std::max(bound_, lb);
    }
    for (size_t i = pr.menus.size(); i-- > 0 && added < kMaxColumnsPerRound;) {
      if (AddColumn(pr.menus[i]) >= 0) ++added;
    }
    if (options_.verbose) {
      std::fprintf(stderr, "  pricing: lp %.6g sigma %.6g min_rc_lb %.6g exact %d nodes %ld menus %zu\n", lp_obj_,
                   sigma, pr.lower_bound - sigma, pr.exact ? 1 : 0, pr.nodes, pr.menus.size());
    }
    Log("pricing");
    // Exact pricing stopped without menus or proof: a wider local search.
    if (added == 0 && !pr.exact) {
      // (Under a work budget the narrower one: exact pricing leads there.)
      added = options_.work_limit == 0
                  ? HeuristicPricing(sigma - rc_tol, kHeuristicRetryStarts, kHeuristicRetryKicks)
                  : HeuristicPricing(sigma - rc_tol);
      if (options_.verbose) {
        std::fprintf(stderr, "  heuristic pricing after exact: added %d\n", added);
      }
      Log("heuristic");
    }
    if (escalate) HEARTH_RETURN_IF_ERROR(MasterIfDue(added == 0));
    if (added == 0) {
      lp_converged_ = pr.exact;
      if (pr.exact || !escalate) return Status::Ok();
      node_limit_ *= 4;
    }
  }
  return Status::Ok();
}

Status Decomposition::IntegerMaster(double seconds, double* bound) {
  if (columns_.empty() || seconds <= 0) return Status::Ok();
  master_columns_ = columns_.size();
  LinearProgram mip;
  const int conv = mip.AddRow(dm_.days, dm_.days);
  std::vector<int> week(static_cast<size_t>(dm_.num_week), -1);
  for (int k = 0; k < dm_.num_week; ++k) {
    if (week_row_[static_cast<size_t>(k)] >= 0) {
      week[static_cast<size_t>(k)] = mip.AddRow(dm_.week_lo[static_cast<size_t>(k)], dm_.week_hi[static_cast<size_t>(k)]);
    }
  }
  for (int k = 0; k < dm_.num_week; ++k) {
    const double pen = dm_.week_pen[static_cast<size_t>(k)];
    const int row = week[static_cast<size_t>(k)];
    if (row < 0 || pen >= kInf) continue;
    // Soft week row: continuous slack at its penalty.
    const std::vector<int> slack_rows = {row};
    for (double sign : {1.0, -1.0}) {
      const std::vector<double> slack_vals = {sign};
      mip.AddColumn(pen, 0, kInf, false, slack_rows, slack_vals);
    }
  }
  const int num_slack = mip.num_cols();
  const int budget = budget_row_ >= 0 ? mip.AddRow(-kInf, dm_.budget) : -1;
  std::map<int, int> variety;
  if (limit_week_) {
    for (const Column& c : columns_) {
      for (const auto& [r, n] : c.uses) {
        if (!variety.count(r)) variety[r] = mip.AddRow(-kInf, dm_.max_week);
      }
    }
  }
  for (const Column& c : columns_) {
    std::vector<int> rows = {conv};
    std::vector<double> vals = {1.0};
    for (int k = 0; k < dm_.num_week; ++k) {
      if (week[static_cast<size_t>(k)] >= 0 && c.week[static_cast<size_t>(k)] != 0) {
        rows.push_back(week[static_cast<size_t>(k)]);
        vals.push_back(c.week[static_cast<size_t>(k)]);
      }
    }
    if (budget >= 0) {
      rows.push_back(budget);
      vals.push_back(c.money);
    }
    for (const auto& [r, n] : c.uses) {
      if (limit_week_) {
        rows.push_back(variety[r]);
        vals.push_back(n);
      }
    }
    // A menu can fill at most max_week / (its uses) days.
    double ub = dm_.days;
    for (const auto& [r, n] : c.uses) ub = std::min(ub, std::floor(static_cast<double>(dm_.max_week) / n));
    mip.AddColumn(c.cost, 0, ub, true, rows, vals);
  }
  MipOptions mo;
  mo.time_limit_s = seconds;
  mo.threads = options_.threads;
  mo.seed = options_.seed;
  mo.relative_gap = options_.gap_target * 0.5;
  // CBC 2.10's preprocessing has crashed (null read in CglPreProcess::
  // postProcess) on a master given a fraction of a second, apparently when
  // the limit expires inside it; short masters go without it. (Without it
  // CBC's proven bound on the exact master is weaker, so long ones keep it.)
  mo.preprocess = seconds >= 1.0;
  // Start from the incumbent when its days are all columns.
  if (!best_cells_.empty()) {
    std::map<std::vector<int>, int> index;
    for (size_t j = 0; j < columns_.size(); ++j) {
      std::vector<int> key;
      for (const SearchCell& c : columns_[j].menu) {
        key.push_back(c.recipe);
        key.push_back(c.level);
      }
      index[key] = static_cast<int>(j);
    }
    std::vector<double> start(columns_.size() + static_cast<size_t>(num_slack), 0.0);
    bool complete = true;
    for (int d = 0; d < dm_.days && complete; ++d) {
      std::vector<int> key;
      for (int s = 0; s < dm_.slots; ++s) {
        key.push_back(best_cells_[static_cast<size_t>(d * dm_.slots + s)].recipe);
        key.push_back(best_cells_[static_cast<size_t>(d * dm_.slots + s)].level);
      }
      auto it = index.find(key);
      if (it == index.end()) complete = false;
      else start[static_cast<size_t>(num_slack + it->second)] += 1.0;
    }
    if (complete) mo.start = std::move(start);
  }
  Result<MipResult> solved = SolveMip(mip, mo);
  if (!solved.ok()) {
    // The master is a heuristic here: keep the incumbent and go on.
    if (options_.verbose) std::fprintf(stderr, "integer master failed: %s\n", solved.status().ToString().c_str());
    return Status::Ok();
  }
  const MipResult& mr = *solved;
  if (bound != nullptr) {
    if (mr.status == MipStatus::kInfeasible) *bound = kInf;
    else if (mr.has_bound) *bound = mr.bound;
  }
  if (mr.x.empty()) return Status::Ok();
  std::vector<SearchCell> cells;
  for (size_t j = 0; j < columns_.size(); ++j) {
    const int n = static_cast<int>(std::lround(mr.x[static_cast<size_t>(num_slack) + j]));
    for (int i = 0; i < n; ++i) cells.insert(cells.end(), columns_[j].menu.begin(), columns_[j].menu.end());
  }
  if (static_cast<int>(cells.size()) == dm_.days * dm_.slots) Offer(cells);
  Log("master");
  return Status::Ok();
}

// Every menu that can be part of a plan better than the incumbent has
// reduced cost <= best - z_LP. When there are few enough, add them all: the
// integer master over them is then exact, and its bound is a bound for the
// whole problem.
Status Decomposition::EnumerateForExactness(size_t max_menus) {
  if (!lp_converged_ || !best_plan_ || dm_.continuous || enumerated_) return Status::Ok();
  const double sigma = duals_[static_cast<size_t>(conv_row_)];
  const double upper = best_obj_;
  const double delta = upper - lp_obj_ + dm_.days * 1e-7 * day_scale_;
  if (delta < 0) return Status::Ok();
  // Node budget: at least the last pricing budget, more for larger caps.
  const long enumeration_nodes = std::max(node_limit_, 16 * kPricingNodeLimit) * 4 *
                                 static_cast<long>(std::max<size_t>(1, max_menus / kMaxEnumeratedMenus));
  if (OutOfWork()) return Status::Ok();
  PricingResult pr = pricer_.Solve(g_, h_, kInf, sigma + delta, NodeBudget(enumeration_nodes), deadline_, true,
                                   max_menus);
  nodes_used_ += pr.nodes;
  if (options_.verbose) {
    std::fprintf(stderr, "  enumeration: cap %zu menus %zu exact %d converged %d\n", max_menus, pr.menus.size(),
                 pr.exact ? 1 : 0, lp_converged_ ? 1 : 0);
  }
  if (!pr.exact) return Status::Ok();
  enumerated_ = true;
  for (const std::vector<SearchCell>& m : pr.menus) AddColumn(m);
  Log("enumerated");
  const double remaining = std::chrono::duration<double>(deadline_ - Clock::now()).count();
  // Every plan better than `upper` is a combination of the columns now in
  // the master, so min(upper, the master's proven bound) bounds the optimum.
  double master_bound = -kInf;
  HEARTH_RETURN_IF_ERROR(IntegerMaster(remaining, &master_bound));
  if (master_bound > -kInf) bound_ = std::max(bound_, std::min(upper, master_bound));
  return Status::Ok();
}

int Decomposition::HeuristicPricing(double cutoff, int starts, int kicks) {
  // Starts: the menus of lowest reduced cost in the master, then empty ones.
  std::vector<std::pair<double, size_t>> ranked;
  for (size_t j = 0; j < columns_.size(); ++j) {
    double rc = MenuSoftCost(dm_, columns_[j].menu);
    for (const SearchCell& c : columns_[j].menu) {
      rc += dm_.levels[static_cast<size_t>(c.level)] * g_[static_cast<size_t>(c.recipe)] + h_[static_cast<size_t>(c.recipe)];
    }
    ranked.emplace_back(rc, j);
  }
  std::sort(ranked.begin(), ranked.end());
  PlanSearch day(dm_, 1, false);
  day.set_costs(&g_, &h_);
  day.set_penalty(penalty_);
  int added = 0;
  for (int start = 0; start < starts && added < kMaxColumnsPerRound && !OutOfTime(); ++start) {
    const size_t pick = static_cast<size_t>(start);
    day.Load(pick < ranked.size() ? columns_[ranked[pick].second].menu
                                  : std::vector<SearchCell>(static_cast<size_t>(dm_.slots)),
             rng_);
    for (int kick = 0; kick < kicks && added < kMaxColumnsPerRound; ++kick) {
      if (kick > 0) day.Perturb(rng_, 2);
      day.Descend(rng_);
      if (day.feasible() && day.F() < cutoff && AddColumn(day.cells()) >= 0) ++added;
    }
  }
  return added;
}

void Decomposition::Ils(std::vector<SearchCell> start, int patience) {
  PlanSearch ws(dm_, dm_.days, true);
  ws.set_penalty(penalty_);
  ws.Load(start, rng_);
  ws.Descend(rng_);
  for (int esc = 0; esc < 4 && !ws.feasible(); ++esc) {
    ws.set_penalty(ws.penalty() * 10);
    ws.Descend(rng_);
  }
  ws.set_penalty(penalty_);
  if (ws.feasible()) Offer(ws.cells());
  std::vector<SearchCell> cur = ws.cells();
  double cur_f = ws.F();
  int fails = 0;
  // A full descent costs the plan's cells times the catalogue: on large
  // catalogues a kick is first repaired within its day.
  const bool day_first = dm_.usable.size() > kDayFirstRecipes;
  while (fails < patience && !OutOfTime() && !GapClosed()) {
    const int day = ws.Perturb(rng_, 2 + rng_.Below(2));
    if (day_first) {
      // Repair the kicked day first, and descend over the whole plan only
      // if that already beats the current plan (most kicks do not).
      ws.Descend(rng_, day);
      if (ws.F() < cur_f) ws.Descend(rng_);
    } else {
      ws.Descend(rng_);
    }
    if (ws.feasible()) Offer(ws.cells());
    if (ws.F() < cur_f - 1e-9 * std::max(1.0, std::fabs(cur_f))) {
      cur = ws.cells();
      cur_f = ws.F();
      fails = 0;
    } else {
      ++fails;
      ws.Load(cur, rng_);
    }
  }
}

Result<SolveOutcome> Decomposition::Run() {
  SolveOutcome out;
  out.solver = "decomposition";
  bool empty_slot = false;
  for (const std::vector<int>& list : dm_.slot_recipes) empty_slot = empty_slot || list.empty();
  // A plan to start from: the caller's (e.g. before a swap), else empty.
  std::vector<SearchCell> start(static_cast<size_t>(dm_.days * dm_.slots));
  if (options_.start && options_.start->cells.size() == start.size()) {
    for (size_t c = 0; c < start.size(); ++c) {
      const PlanCell& pc = options_.start->cells[c];
      const int level = LevelOf(dm_, pc.servings);
      if (pc.recipe >= 0 && level >= 0) start[c] = {pc.recipe, level};
    }
  }
  if (!empty_slot) {
    // A bound that needs no search: every cell costs at least its cheapest
    // recipe and serving (rows, variety and penalties only add).
    double trivial = 0;
    for (int s = 0; s < dm_.slots; ++s) {
      double cheapest = kInf;
      for (int r : dm_.slot_recipes[static_cast<size_t>(s)]) {
        for (int l = 0; l <= dm_.TopLevel(r); ++l) {
          cheapest = std::min(cheapest, dm_.levels[static_cast<size_t>(l)] * dm_.unit_cost[static_cast<size_t>(r)] +
                                            dm_.use_cost[static_cast<size_t>(r)]);
        }
      }
      trivial += cheapest;
    }
    bound_ = trivial * dm_.days;
  }
  if (empty_slot) {
    proven_infeasible_ = true;
  } else if (dm_.has_fixed) {
    // Fixed cells break the symmetry of the days: the plan comes from local
    // search around the user's choices, and the bound from the day-menu
    // relaxation of the same model without them (still a valid bound).
    Ils(start, kIlsPatience);
    HEARTH_RETURN_IF_ERROR(BuildMaster());
    if (!best_cells_.empty()) AddPlanColumns(best_cells_);
    HEARTH_RETURN_IF_ERROR(ColumnGeneration(At(0.5), true));
    if (!best_cells_.empty()) Ils(best_cells_, kIlsPatience);
  } else {
    // 1. First plan.
    // Its kicks cost in proportion to the catalogue: fewer for large ones.
    const int patience = std::max(kFirstIlsMinPatience,
                                  static_cast<int>(kFirstIlsPatience * 1000 / std::max<size_t>(1000, dm_.usable.size())));
    Ils(start, patience);
    // 2. Column generation.
    HEARTH_RETURN_IF_ERROR(BuildMaster());
    if (!best_cells_.empty()) {
      AddPlanColumns(best_cells_);
    } else {
      // No plan yet: find any day menu, or prove that none exists.
      PricingResult pr = pricer_.Solve(dm_.unit_cost, dm_.use_cost, kInf, kInf, kPricingNodeLimit, deadline_);
      if (pr.menus.empty() && (pr.exact || pr.lower_bound == kInf)) proven_infeasible_ = true;
      for (const std::vector<SearchCell>& m : pr.menus) AddColumn(m);
    }
    // Heuristic column generation for a few rounds: a good integer master
    // early matters more than the last LP digits. (Rounds, not seconds, so
    // that a seed gives the same plan on any machine.)
    if (!proven_infeasible_) HEARTH_RETURN_IF_ERROR(ColumnGeneration(At(0.4), false, kEarlyRounds));
    if (!proven_infeasible_) {
      // 3. A good plan early: the integer master over the menus so far.
      double remaining = std::chrono::duration<double>(deadline_ - Clock::now()).count();
      HEARTH_RETURN_IF_ERROR(IntegerMaster(std::min(remaining * 0.3, 1.0 + remaining * 0.05)));
      // Polish that plan before the proof, which can take all the time
      // there is: the plan is what the user gets.
      if (!GapClosed() && !best_cells_.empty()) {
        Ils(best_cells_, PolishPatience());
        AddPlanColumns(best_cells_);
      }
      // 4. The proof: exact pricing with growing budgets (leaving time for a
      //    last integer master), then menu enumeration and the exact master.
      size_t columns_before = columns_.size();
      if (!GapClosed()) HEARTH_RETURN_IF_ERROR(ColumnGeneration(At(0.85), true));  // Time cuts only the proof.
      if (!GapClosed() && columns_.size() > columns_before) {
        remaining = std::chrono::duration<double>(deadline_ - Clock::now()).count();
        HEARTH_RETURN_IF_ERROR(IntegerMaster(remaining * 0.7));
      }
      if (!GapClosed()) HEARTH_RETURN_IF_ERROR(EnumerateForExactness(kMaxEnumeratedMenus));
      // 5. Local search polish with what time is left; a better plan shrinks
      //    the enumeration, and time left allows a larger one.
      size_t cap = kMaxEnumeratedMenus;
      for (int round = 0; round < 3 && !OutOfTime() && !GapClosed() && !best_cells_.empty(); ++round) {
        const double before = best_obj_;
        Ils(best_cells_, kIlsPatience);
        const bool improved = best_obj_ < before - 1e-9 * std::max(1.0, std::fabs(before));
        if (improved) {
          AddPlanColumns(best_cells_);
          HEARTH_RETURN_IF_ERROR(ColumnGeneration(deadline_, true));
        } else if (enumerated_ || OutOfWork() || (options_.work_limit == 0 && Clock::now() > At(0.5))) {
          break;
        } else {
          cap *= 4;
        }
        if (!GapClosed()) HEARTH_RETURN_IF_ERROR(EnumerateForExactness(cap));
      }
    }
  }
  out.seconds = Elapsed();
  out.cpu_seconds = CpuElapsed();
  out.incumbents = incumbents_;
  if (best_plan_) {
    out.plan = best_plan_;
    out.objective = best_obj_;
    out.soft_penalty = best_soft_;
    if (bound_ > -kInf) out.bound = std::min(bound_, best_obj_);
    out.status = GapClosed() ? SolveStatus::kOptimal : SolveStatus::kFeasible;
  } else {
    out.status = proven_infeasible_ ? SolveStatus::kInfeasible : SolveStatus::kTimeLimitNoPlan;
    if (bound_ > -kInf && !proven_infeasible_) out.bound = bound_;
  }
  return out;
}

class DecompositionSolver final : public Solver {
 public:
  std::string_view name() const override { return "decomposition"; }
  Result<SolveOutcome> Solve(const PlanInstance& instance, const SolveOptions& options) override {
    HEARTH_ASSIGN_OR_RETURN(DayModel dm, BuildDayModel(instance));
    Decomposition d(instance, std::move(dm), options);
    return d.Run();
  }
};

}  // namespace

std::unique_ptr<Solver> MakeDecompositionSolver() { return std::make_unique<DecompositionSolver>(); }

}  // namespace hearth::planner
