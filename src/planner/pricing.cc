#include "planner/pricing.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace hearth::planner {
namespace {
// Items per slot of the narrow first search.
constexpr size_t kNarrowWidth = 25;
// Recipes per slot in the pricing LP that sets the multipliers.
constexpr size_t kLpCandidates = 150;
}  // namespace

// Multiplier bounds of a scaled day row: sign from the row's open side, and
// for a soft row at most its penalty (so the Lagrangian stays a bound on the
// penalised day value).
double ExactPricer::Clip(int k, double m) const {
  const size_t i = static_cast<size_t>(k);
  if (!std::isfinite(dm_.row_hi[i])) m = std::max(m, 0.0);
  if (!std::isfinite(dm_.row_lo[i])) m = std::min(m, 0.0);
  if (dm_.row_pen[i] < kInf) {
    const double cap = dm_.row_pen[i] * dm_.row_scale[i];
    m = std::clamp(m, -cap, cap);
  }
  return m;
}

ExactPricer::ExactPricer(const DayModel& dm)
    : dm_(dm), mu_(static_cast<size_t>(dm.num_rows), 0.0), phi_(dm.unit_cost.size(), 0.0) {}

bool ExactPricer::LpMultipliers(const std::vector<double>& g, const std::vector<double>& h, bool* infeasible) {
  *infeasible = false;
  const double s_lo = dm_.levels.front();
  // Candidate filtering: the LP holds, per slot, the recipes with the best
  // Lagrangian values under the current multipliers. Any multipliers give a
  // valid bound; these are optimal for the restricted LP and near-optimal
  // for the full one (the subgradient polish then runs on all recipes).
  const int nr = dm_.num_rows;
  for (int r : dm_.usable) {
    const double* a = dm_.ARow(r);
    double v = g[static_cast<size_t>(r)];
    for (int k = 0; k < nr; ++k) v -= mu_[static_cast<size_t>(k)] * a[k] / dm_.row_scale[static_cast<size_t>(k)];
    phi_[static_cast<size_t>(r)] = v;
  }
  std::unique_ptr<LpEngine> lp = MakeLpEngine();
  std::vector<int> slot_row(static_cast<size_t>(dm_.slots));
  for (int s = 0; s < dm_.slots; ++s) slot_row[static_cast<size_t>(s)] = lp->AddRow(1, 1);
  std::vector<int> day_row;
  std::vector<int> rows;
  std::vector<double> vals;
  for (int k = 0; k < nr; ++k) {
    const size_t i = static_cast<size_t>(k);
    day_row.push_back(lp->AddRow(dm_.row_lo[i], dm_.row_hi[i]));
    if (dm_.row_pen[i] < kInf) {  // Slack columns price the soft row's violation.
      rows.assign(1, day_row.back());
      for (double sign : {1.0, -1.0}) {
        vals.assign(1, sign);
        lp->AddColumn(dm_.row_pen[i], 0, kInf, rows, vals);
      }
    }
  }
  std::vector<std::pair<double, int>> ranked;
  for (int s = 0; s < dm_.slots; ++s) {
    ranked.clear();
    for (int r : dm_.slot_recipes[static_cast<size_t>(s)]) {
      const double p = phi_[static_cast<size_t>(r)];
      ranked.emplace_back(std::min(s_lo * p, Top(r) * p) + h[static_cast<size_t>(r)], r);
    }
    const size_t keep = std::min(ranked.size(), kLpCandidates);
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(keep), ranked.end());
    for (size_t i = 0; i < keep; ++i) {
      const int r = ranked[i].second;
      for (double sv : {s_lo, Top(r)}) {
        rows.assign(1, slot_row[static_cast<size_t>(s)]);
        vals.assign(1, 1.0);
        const double* a = dm_.ARow(r);
        for (int k = 0; k < nr; ++k) {
          if (a[k] != 0) {
            rows.push_back(day_row[static_cast<size_t>(k)]);
            vals.push_back(sv * a[k]);
          }
        }
        lp->AddColumn(sv * g[static_cast<size_t>(r)] + h[static_cast<size_t>(r)], 0, 1, rows, vals);
      }
    }
  }
  Result<LpStatus> st = lp->Solve();
  if (!st.ok() || *st != LpStatus::kOptimal) return false;  // Infeasible here proves nothing.
  const std::vector<double> y = lp->duals();
  for (int k = 0; k < nr; ++k) {
    mu_[static_cast<size_t>(k)] = Clip(k, y[static_cast<size_t>(day_row[static_cast<size_t>(k)])] * dm_.row_scale[static_cast<size_t>(k)]);
  }
  return true;
}

// L(mu) = sum_slots min_items [s (g_r - sum_k mu_k a_rk / scale_k) + h_r] + sum_k mu_k t_k / scale_k
// with t_k = lo_k if mu_k > 0, hi_k if mu_k < 0. Fills the subgradient.
double ExactPricer::Lagrangian(const std::vector<double>& g, const std::vector<double>& h,
                               std::vector<double>* subgrad) {
  const int nr = dm_.num_rows;
  const double s_lo = dm_.levels.front();
  for (int r : dm_.usable) {
    const double* a = dm_.ARow(r);
    double v = g[static_cast<size_t>(r)];
    for (int k = 0; k < nr; ++k) v -= mu_[static_cast<size_t>(k)] * a[k] / dm_.row_scale[static_cast<size_t>(k)];
    phi_[static_cast<size_t>(r)] = v;
  }
  double total = 0;
  std::vector<double> tot(static_cast<size_t>(nr), 0.0);
  for (int s = 0; s < dm_.slots; ++s) {
    double best = kInf;
    int best_r = -1;
    double best_sv = 0;
    for (int r : dm_.slot_recipes[static_cast<size_t>(s)]) {
      const double p = phi_[static_cast<size_t>(r)];
      const double sv = p >= 0 ? s_lo : Top(r);
      const double v = sv * p + h[static_cast<size_t>(r)];
      if (v < best) {
        best = v;
        best_r = r;
        best_sv = sv;
      }
    }
    if (best_r < 0) return kInf;
    total += best;
    const double* a = dm_.ARow(best_r);
    for (int k = 0; k < nr; ++k) tot[static_cast<size_t>(k)] += best_sv * a[k];
  }
  for (int k = 0; k < nr; ++k) {
    const double m = mu_[static_cast<size_t>(k)];
    const double sc = dm_.row_scale[static_cast<size_t>(k)];
    const double lo = dm_.row_lo[static_cast<size_t>(k)];
    const double hi = dm_.row_hi[static_cast<size_t>(k)];
    if (m > 0) total += m * lo / sc;
    if (m < 0) total += m * hi / sc;
    if (subgrad != nullptr) {
      const double t = tot[static_cast<size_t>(k)];
      double sgk = 0;
      if (t < lo) sgk = (lo - t) / sc;
      else if (t > hi) sgk = (hi - t) / sc;
      else if (m > 0) sgk = (lo - t) / sc;
      else if (m < 0) sgk = (hi - t) / sc;
      (*subgrad)[static_cast<size_t>(k)] = sgk;
    }
  }
  return total;
}

PricingResult ExactPricer::Solve(const std::vector<double>& g, const std::vector<double>& h, double upper,
                                 double cutoff, long node_limit, std::chrono::steady_clock::time_point deadline,
                                 bool enumerate, size_t max_menus, bool want_proof) {
  PricingResult result;
  const int nr = dm_.num_rows;
  const int slots = dm_.slots;
  // 1. Multipliers: the pricing LP's duals, then projected subgradient
  // (Polyak steps) to polish or, if CLP failed, to find them.
  bool lp_infeasible = false;
  const bool lp_ok = LpMultipliers(g, h, &lp_infeasible);
  if (lp_ok && lp_infeasible) {
    result.lower_bound = kInf;  // Not even a fractional menu keeps the day rows.
    result.exact = true;
    return result;
  }
  std::vector<double> sg(static_cast<size_t>(nr), 0.0);
  std::vector<double> best_mu = mu_;
  double best_l = Lagrangian(g, h, &sg);
  if (best_l == kInf) {
    result.lower_bound = kInf;
    result.exact = true;
    return result;
  }
  double theta = 1.0;
  int stall = 0;
  const int iterations = lp_ok ? 20 : 150;
  for (int it = 0; it < iterations; ++it) {
    double norm = 0;
    for (double x : sg) norm += x * x;
    if (norm < 1e-18) break;
    const double target = std::isfinite(upper) ? upper : best_l + std::max(1.0, std::fabs(best_l)) * 0.1;
    const double gap = std::max(target - best_l, 1e-6 * std::max(1.0, std::fabs(best_l)));
    const double step = theta * gap / norm;
    for (int k = 0; k < nr; ++k) {
      mu_[static_cast<size_t>(k)] = Clip(k, mu_[static_cast<size_t>(k)] + step * sg[static_cast<size_t>(k)]);
    }
    const double l = Lagrangian(g, h, &sg);
    if (l > best_l + 1e-12 * std::max(1.0, std::fabs(best_l))) {
      best_l = l;
      best_mu = mu_;
      stall = 0;
    } else if (++stall >= 10) {
      theta *= 0.5;
      stall = 0;
      if (theta < 1e-4) break;
    }
  }
  mu_ = best_mu;
  best_l = Lagrangian(g, h, nullptr);
  result.lower_bound = best_l;

  // 2. Branch and bound over the slots with Lagrangian item values.
  const double s_lo = dm_.levels.front();
  double constant = 0;
  for (int k = 0; k < nr; ++k) {
    const double m = mu_[static_cast<size_t>(k)];
    const double sc = dm_.row_scale[static_cast<size_t>(k)];
    if (m > 0) constant += m * dm_.row_lo[static_cast<size_t>(k)] / sc;
    if (m < 0) constant += m * dm_.row_hi[static_cast<size_t>(k)] / sc;
  }
  std::vector<std::vector<Item>> items(static_cast<size_t>(slots));
  std::vector<double> slot_min(static_cast<size_t>(slots), kInf);
  // Reachability: per slot, per row, the least and most one item can add.
  std::vector<double> add_min(static_cast<size_t>(slots * nr), kInf), add_max(static_cast<size_t>(slots * nr), -kInf);
  // Search depth d fills slot order[d]: short lists first, so that the long
  // ones sit at the deep levels where sorted order cuts them off early.
  std::vector<int> order(static_cast<size_t>(slots));
  for (int s = 0; s < slots; ++s) order[static_cast<size_t>(s)] = s;
  std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
    return dm_.slot_recipes[static_cast<size_t>(x)].size() < dm_.slot_recipes[static_cast<size_t>(y)].size();
  });
  for (int s = 0; s < slots; ++s) {
    std::vector<Item>& list = items[static_cast<size_t>(s)];
    for (int r : dm_.slot_recipes[static_cast<size_t>(order[static_cast<size_t>(s)])]) {
      const double p = phi_[static_cast<size_t>(r)];
      for (int l = 0; l <= dm_.TopLevel(r); ++l) {
        list.push_back({dm_.levels[static_cast<size_t>(l)] * p + h[static_cast<size_t>(r)], r, l});
      }
      const double* a = dm_.ARow(r);
      for (int k = 0; k < nr; ++k) {
        const double x1 = s_lo * a[k], x2 = Top(r) * a[k];
        double& mn = add_min[static_cast<size_t>(s * nr + k)];
        double& mx = add_max[static_cast<size_t>(s * nr + k)];
        mn = std::min({mn, x1, x2});
        mx = std::max({mx, x1, x2});
      }
    }
    std::sort(list.begin(), list.end(), [](const Item& x, const Item& y) {
      return x.lag < y.lag || (x.lag == y.lag && (x.recipe < y.recipe || (x.recipe == y.recipe && x.level < y.level)));
    });
    if (list.empty()) {
      result.lower_bound = kInf;
      result.exact = true;
      return result;
    }
    slot_min[static_cast<size_t>(s)] = list.front().lag;
  }
  // Suffix sums over slots s+1.. of the minimum Lagrangian value and reachability.
  std::vector<double> rest(static_cast<size_t>(slots + 1), 0.0);
  std::vector<double> rest_min(static_cast<size_t>((slots + 1) * nr), 0.0), rest_max(static_cast<size_t>((slots + 1) * nr), 0.0);
  for (int s = slots - 1; s >= 0; --s) {
    rest[static_cast<size_t>(s)] = rest[static_cast<size_t>(s + 1)] + slot_min[static_cast<size_t>(s)];
    for (int k = 0; k < nr; ++k) {
      rest_min[static_cast<size_t>(s * nr + k)] = rest_min[static_cast<size_t>((s + 1) * nr + k)] + add_min[static_cast<size_t>(s * nr + k)];
      rest_max[static_cast<size_t>(s * nr + k)] = rest_max[static_cast<size_t>((s + 1) * nr + k)] + add_max[static_cast<size_t>(s * nr + k)];
    }
  }
  double best_cut = cutoff;
  std::vector<SearchCell> chosen(static_cast<size_t>(slots));
  std::vector<double> tot(static_cast<size_t>((slots + 1) * nr), 0.0);
  std::vector<double> minutes(static_cast<size_t>(slots + 1), 0.0);
  long nodes = 0;
  const double feas_tol = 1e-9;
  std::vector<size_t> pos(static_cast<size_t>(slots), 0);
  std::vector<double> lag_acc(static_cast<size_t>(slots + 1), 0.0), true_acc(static_cast<size_t>(slots + 1), 0.0);
  std::set<std::vector<int>> found;
  int depth = 0;  // Where the last search stopped.
  // Depth-first search over the first `width` items of each slot (all items
  // when width is unlimited). Returns false if it stopped at the node limit.
  auto search = [&](size_t width, long limit) {
    bool aborted = false;
    long local = 0;
    depth = 0;
    lag_acc[0] = constant;
    pos[0] = 0;
    while (depth >= 0) {
      const std::vector<Item>& list = items[static_cast<size_t>(depth)];
      const size_t end = std::min(width, list.size());
      size_t& i = pos[static_cast<size_t>(depth)];
      bool descended = false;
      while (i < end) {
        const Item& it = list[i++];
        const double lag = lag_acc[static_cast<size_t>(depth)] + it.lag;
        if (lag + rest[static_cast<size_t>(depth + 1)] >= best_cut) {
          i = end;
          break;
        }
        ++nodes;
        if ((++local & 1023) == 0 && (local > limit || std::chrono::steady_clock::now() > deadline)) {
          --i;  // This item's subtree stays open.
          aborted = true;
          break;
        }
        if (dm_.max_day < slots && !dm_.FreeUse(it.recipe)) {
          int n = 0;
          for (int q = 0; q < depth; ++q) n += chosen[static_cast<size_t>(q)].recipe == it.recipe ? 1 : 0;
          if (n >= dm_.max_day) continue;
        }
        const double sv = dm_.levels[static_cast<size_t>(it.level)];
        const double* a = dm_.ARow(it.recipe);
        const double* t0 = &tot[static_cast<size_t>(depth * nr)];
        double* t1 = &tot[static_cast<size_t>((depth + 1) * nr)];
        minutes[static_cast<size_t>(depth + 1)] = minutes[static_cast<size_t>(depth)] + dm_.minutes[static_cast<size_t>(it.recipe)];
        if (minutes[static_cast<size_t>(depth + 1)] > dm_.max_minutes) continue;
        bool ok = true;
        for (int k = 0; k < nr; ++k) {
          const double t = t0[k] + sv * a[k];
          t1[k] = t;
          if (dm_.Soft(k)) continue;
          const double slack = feas_tol * dm_.row_scale[static_cast<size_t>(k)];
          if (t + rest_min[static_cast<size_t>((depth + 1) * nr + k)] > dm_.row_hi[static_cast<size_t>(k)] + slack ||
              t + rest_max[static_cast<size_t>((depth + 1) * nr + k)] < dm_.row_lo[static_cast<size_t>(k)] - slack) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        chosen[static_cast<size_t>(depth)] = {it.recipe, it.level};
        const double tv = true_acc[static_cast<size_t>(depth)] + sv * g[static_cast<size_t>(it.recipe)] +
                          h[static_cast<size_t>(it.recipe)];
        if (depth == slots - 1) {
          bool exact_ok = true;
          for (int k = 0; k < nr && exact_ok; ++k) {
            exact_ok = dm_.Soft(k) ||
                       (t1[k] >= dm_.row_lo[static_cast<size_t>(k)] && t1[k] <= dm_.row_hi[static_cast<size_t>(k)]);
          }
          const double leaf = tv + dm_.DaySoftCost(t1);
          if (exact_ok && leaf < best_cut) {
            std::vector<int> key;
            for (const SearchCell& c : chosen) {
              key.push_back(c.recipe);
              key.push_back(c.level);
            }
            if (found.insert(key).second) {
              if (!enumerate) best_cut = leaf;
              std::vector<SearchCell> menu(static_cast<size_t>(slots));
              for (int q = 0; q < slots; ++q) menu[static_cast<size_t>(order[static_cast<size_t>(q)])] = chosen[static_cast<size_t>(q)];
              result.menus.push_back(std::move(menu));
              result.values.push_back(leaf);
              if (enumerate && result.menus.size() > max_menus) aborted = true;
            }
          }
          if (aborted) break;
          continue;
        }
        lag_acc[static_cast<size_t>(depth + 1)] = lag;
        true_acc[static_cast<size_t>(depth + 1)] = tv;
        pos[static_cast<size_t>(depth + 1)] = 0;
        ++depth;
        descended = true;
        break;
      }
      if (aborted) break;
      if (!descended) --depth;
    }
    return !aborted;
  };
  // A narrow search first finds good menus quickly and lowers the cutoff for
  // the complete one.
  if (!enumerate) {
    search(kNarrowWidth, node_limit / 8);
    if (!result.menus.empty() && !want_proof) {
      result.nodes = nodes;
      return result;  // Columns found; the Lagrangian value is the bound.
    }
  }
  const bool complete = search(static_cast<size_t>(-1), node_limit);
  const bool aborted = !complete;
  result.nodes = nodes;
  // The search enumerates the serving grid; with continuous servings only
  // the Lagrangian value (which allows any amount in [min, max]) is a bound.
  if (!aborted && !dm_.continuous) {
    result.exact = true;
    result.lower_bound = enumerate ? best_l : std::max(best_l, best_cut);
  } else if (aborted && !enumerate && !dm_.continuous && depth >= 0) {
    // A stopped depth-first search still bounds every menu: the explored
    // part has none below best_cut, and each open subtree starts at the
    // next item of its depth (items are in Lagrangian order).
    double open = best_cut;
    for (int d = 0; d <= depth && d < slots; ++d) {
      const std::vector<Item>& list = items[static_cast<size_t>(d)];
      const size_t p = pos[static_cast<size_t>(d)];
      if (p < list.size()) {
        open = std::min(open, lag_acc[static_cast<size_t>(d)] + list[p].lag + rest[static_cast<size_t>(d + 1)]);
      }
    }
    result.lower_bound = std::max(best_l, open);
  }
  return result;
}

}  // namespace hearth::planner
