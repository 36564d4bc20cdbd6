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
// Buckets of the last slot's scan, and the largest band / spread ratio for
// which a row is worth bucketing by.
constexpr int kBuckets = 64;
constexpr double kBucketMaxRatio = 0.75;
// Cutoffs of the complete search's passes, as fractions of the way from the
// Lagrangian value to the cutoff asked for.
constexpr double kDeepening[] = {0.25, 0.5, 0.75, 1.0};
// Feasibility tolerance of the reachability tests, relative to a row's scale.
constexpr double kFeasTol = 1e-9;

using Clock = std::chrono::steady_clock;

// A (recipe, serving level) choice for one slot, valued by the Lagrangian.
struct Item {
  double lag;
  int recipe;
  int level;
};

// Depth-first branch and bound over the slots for fixed multipliers. Depth d
// fills slot order[d] (short lists first, so that the long ones sit at the
// deep levels where sorted order cuts them off early). A node is cut when its
// Lagrangian value plus the least of each remaining slot reaches the cutoff,
// or when a hard row can no longer land in its band (row reachability). The
// last slot is not walked item by item: its items are kept in buckets of one
// hard two-sided row (the one whose band is narrowest next to the spread of
// what the last slot's items give it: in practice energy), and a node reads
// only the buckets that can land that row in its band, each in Lagrangian
// order, testing the rows that have failed most often first.
class MenuSearch {
 public:
  // `phi`: each recipe's Lagrangian value per serving; `constant`: the
  // multipliers' constant term. Menus go to `result`.
  MenuSearch(const DayModel& dm, const std::vector<double>& phi, const std::vector<double>& g,
             const std::vector<double>& h, double constant, Clock::time_point deadline,
             PricingResult* result);

  // False if some slot has no item (no menu exists).
  bool has_items() const { return has_items_; }
  // Only menus below the cutoff are wanted; without `enumerate` it follows
  // each menu found down.
  double cutoff() const { return cut_; }
  void set_cutoff(double cut) { cut_ = cut; }
  long nodes() const { return nodes_; }

  // Searches the first `width` items of each slot. Returns false if it
  // stopped at `limit` nodes, at the deadline or (with `enumerate`) at more
  // than `max_menus` menus.
  bool Run(size_t width, long limit, bool enumerate, size_t max_menus);
  // After a stopped Run: a bound on every menu. The explored part holds
  // none below the cutoff, and each open subtree starts at the next item
  // (in Lagrangian order) of its depth.
  double OpenBound() const;

 private:
  void BuildItems(const std::vector<double>& phi);
  void BuildReach();
  void BuildLeafBuckets();
  // Whether the totals after depth d can still land every hard row in its band.
  bool Reachable(int d, const double* totals);
  // Every completion of the node at depth leaf_ - 1 (totals in tot_[leaf_],
  // Lagrangian and true values `lag0`, `true0`) by one of the first `width`
  // items of the last slot. Returns the items looked at.
  long ScanLeaf(size_t width, double lag0, double true0);
  // Records the menu in chosen_ (search order) with `value` if it is new.
  void Record(double value);
  bool RecipeFull(int recipe, int depth) const;

  const DayModel& dm_;
  const std::vector<double>& g_;
  const std::vector<double>& h_;
  const double constant_;
  const Clock::time_point deadline_;
  PricingResult* result_;
  const int nr_, slots_, leaf_;
  bool has_items_ = true;
  bool enumerate_ = false;

  std::vector<int> order_;
  std::vector<std::vector<Item>> items_;
  std::vector<double> slot_min_;
  // Suffix sums over depths d.. of the least Lagrangian value, and the
  // reachability band of each row after depth d - 1: [reach_lo, reach_hi]
  // is the row's band widened by the most and least the depths from d on
  // can add.
  std::vector<double> rest_, reach_lo_, reach_hi_;
  // Hard rows in the order each depth tests them, and how often each failed
  // there (the leaf scan's at index slots_).
  std::vector<std::vector<int>> test_rows_;
  std::vector<long> fails_;

  int bucket_row_ = -1;
  double bucket_lo_ = 0, bucket_width_ = 1;
  std::vector<int> bucket_start_, bucket_items_;
  // The last slot's items in bucket order, with what each adds to every row.
  std::vector<double> leaf_lag_, leaf_vals_;

  double cut_ = kInf;
  long nodes_ = 0;
  std::vector<SearchCell> chosen_;
  std::vector<double> tot_, minutes_, lag_acc_, true_acc_;
  std::vector<size_t> pos_;
  std::set<std::vector<int>> found_;
  int depth_ = 0;  // Where the last Run stopped.
};

MenuSearch::MenuSearch(const DayModel& dm, const std::vector<double>& phi,
                       const std::vector<double>& g, const std::vector<double>& h, double constant,
                       Clock::time_point deadline, PricingResult* result)
    : dm_(dm),
      g_(g),
      h_(h),
      constant_(constant),
      deadline_(deadline),
      result_(result),
      nr_(dm.num_rows),
      slots_(dm.slots),
      leaf_(dm.slots - 1),
      chosen_(static_cast<size_t>(slots_)),
      tot_(static_cast<size_t>((slots_ + 1) * nr_), 0.0),
      minutes_(static_cast<size_t>(slots_ + 1), 0.0),
      lag_acc_(static_cast<size_t>(slots_ + 1), 0.0),
      true_acc_(static_cast<size_t>(slots_ + 1), 0.0),
      pos_(static_cast<size_t>(slots_), 0) {
  BuildItems(phi);
  if (!has_items_) return;
  BuildReach();
  if (slots_ >= 2) BuildLeafBuckets();
}

void MenuSearch::BuildItems(const std::vector<double>& phi) {
  order_.resize(static_cast<size_t>(slots_));
  for (int s = 0; s < slots_; ++s) order_[static_cast<size_t>(s)] = s;
  std::stable_sort(order_.begin(), order_.end(), [&](int x, int y) {
    return dm_.slot_recipes[static_cast<size_t>(x)].size() <
           dm_.slot_recipes[static_cast<size_t>(y)].size();
  });
  items_.assign(static_cast<size_t>(slots_), {});
  slot_min_.assign(static_cast<size_t>(slots_), kInf);
  for (int d = 0; d < slots_; ++d) {
    std::vector<Item>& list = items_[static_cast<size_t>(d)];
    for (int r : dm_.slot_recipes[static_cast<size_t>(order_[static_cast<size_t>(d)])]) {
      const double p = phi[static_cast<size_t>(r)];
      for (int l = 0; l <= dm_.TopLevel(r); ++l) {
        list.push_back({dm_.levels[static_cast<size_t>(l)] * p + h_[static_cast<size_t>(r)], r, l});
      }
    }
    std::sort(list.begin(), list.end(), [](const Item& x, const Item& y) {
      return x.lag < y.lag || (x.lag == y.lag && (x.recipe < y.recipe ||
                                                  (x.recipe == y.recipe && x.level < y.level)));
    });
    if (list.empty()) {
      has_items_ = false;
      return;
    }
    slot_min_[static_cast<size_t>(d)] = list.front().lag;
  }
}

void MenuSearch::BuildReach() {
  const size_t nr = static_cast<size_t>(nr_);
  const double s_lo = dm_.levels.front();
  rest_.assign(static_cast<size_t>(slots_ + 1), 0.0);
  std::vector<double> add_min((static_cast<size_t>(slots_) + 1) * nr, 0.0), add_max(add_min);
  for (int d = slots_ - 1; d >= 0; --d) {
    const size_t here = static_cast<size_t>(d) * nr, next = here + nr;
    rest_[static_cast<size_t>(d)] =
        rest_[static_cast<size_t>(d + 1)] + slot_min_[static_cast<size_t>(d)];
    std::vector<double> mn(nr, kInf), mx(nr, -kInf);
    for (int r : dm_.slot_recipes[static_cast<size_t>(order_[static_cast<size_t>(d)])]) {
      const double* a = dm_.ARow(r);
      const double top = dm_.levels[static_cast<size_t>(dm_.TopLevel(r))];
      for (size_t k = 0; k < nr; ++k) {
        mn[k] = std::min({mn[k], s_lo * a[k], top * a[k]});
        mx[k] = std::max({mx[k], s_lo * a[k], top * a[k]});
      }
    }
    for (size_t k = 0; k < nr; ++k) {
      add_min[here + k] = add_min[next + k] + mn[k];
      add_max[here + k] = add_max[next + k] + mx[k];
    }
  }
  reach_lo_.resize(add_min.size());
  reach_hi_.resize(add_min.size());
  for (size_t i = 0; i < add_min.size(); ++i) {
    const size_t k = i % nr;
    const double slack = kFeasTol * dm_.row_scale[k];
    reach_lo_[i] = dm_.row_lo[k] - slack - add_max[i];
    reach_hi_[i] = dm_.row_hi[k] + slack - add_min[i];
  }
  std::vector<int> hard;
  for (int k = 0; k < nr_; ++k) {
    if (!dm_.Soft(k)) hard.push_back(k);
  }
  test_rows_.assign(static_cast<size_t>(slots_ + 1), hard);
  fails_.assign(static_cast<size_t>(slots_ + 1) * nr, 0);
}

void MenuSearch::BuildLeafBuckets() {
  const std::vector<Item>& list = items_[static_cast<size_t>(leaf_)];
  double best_ratio = kBucketMaxRatio;
  for (int k = 0; k < nr_; ++k) {
    const size_t i = static_cast<size_t>(k);
    if (dm_.Soft(k) || !std::isfinite(dm_.row_lo[i]) || !std::isfinite(dm_.row_hi[i])) continue;
    double mn = kInf, mx = -kInf;
    for (const Item& it : list) {
      const double v = dm_.levels[static_cast<size_t>(it.level)] * dm_.A(it.recipe, k);
      mn = std::min(mn, v);
      mx = std::max(mx, v);
    }
    if (mx > mn && (dm_.row_hi[i] - dm_.row_lo[i]) / (mx - mn) < best_ratio) {
      best_ratio = (dm_.row_hi[i] - dm_.row_lo[i]) / (mx - mn);
      bucket_row_ = k;
      bucket_lo_ = mn;
      bucket_width_ = (mx - mn) / kBuckets;
    }
  }
  const int nb = bucket_row_ >= 0 ? kBuckets : 1;
  std::vector<int> of(list.size(), 0);
  bucket_start_.assign(static_cast<size_t>(nb + 1), 0);
  for (size_t j = 0; j < list.size(); ++j) {
    if (bucket_row_ >= 0) {
      const double v =
          dm_.levels[static_cast<size_t>(list[j].level)] * dm_.A(list[j].recipe, bucket_row_);
      of[j] = std::clamp(static_cast<int>(std::floor((v - bucket_lo_) / bucket_width_)), 0, nb - 1);
    }
    ++bucket_start_[static_cast<size_t>(of[j] + 1)];
  }
  for (int b = 0; b < nb; ++b)
    bucket_start_[static_cast<size_t>(b + 1)] += bucket_start_[static_cast<size_t>(b)];
  bucket_items_.resize(list.size());
  std::vector<int> fill(bucket_start_.begin(), bucket_start_.end() - 1);
  for (size_t j = 0; j < list.size(); ++j) {
    bucket_items_[static_cast<size_t>(fill[static_cast<size_t>(of[j])]++)] = static_cast<int>(j);
  }
  const size_t nr = static_cast<size_t>(nr_);
  leaf_lag_.resize(list.size());
  leaf_vals_.resize(list.size() * nr);
  for (size_t q = 0; q < list.size(); ++q) {
    const Item& it = list[static_cast<size_t>(bucket_items_[q])];
    leaf_lag_[q] = it.lag;
    const double sv = dm_.levels[static_cast<size_t>(it.level)];
    const double* a = dm_.ARow(it.recipe);
    for (size_t k = 0; k < nr; ++k) leaf_vals_[q * nr + k] = sv * a[k];
  }
}

bool MenuSearch::Reachable(int d, const double* totals) {
  std::vector<int>& rows = test_rows_[static_cast<size_t>(d)];
  long* fails = &fails_[static_cast<size_t>(d * nr_)];
  const double* lo = &reach_lo_[static_cast<size_t>((d + 1) * nr_)];
  const double* hi = &reach_hi_[static_cast<size_t>((d + 1) * nr_)];
  for (size_t q = 0; q < rows.size(); ++q) {
    const int k = rows[q];
    if (totals[k] > hi[k] || totals[k] < lo[k]) {
      ++fails[k];
      if (q > 0 && fails[k] > fails[rows[q - 1]]) std::swap(rows[q], rows[q - 1]);
      return false;
    }
  }
  return true;
}

bool MenuSearch::RecipeFull(int recipe, int depth) const {
  if (dm_.max_day >= slots_ || dm_.FreeUse(recipe)) return false;
  int n = 0;
  for (int q = 0; q < depth; ++q) n += chosen_[static_cast<size_t>(q)].recipe == recipe ? 1 : 0;
  return n >= dm_.max_day;
}

void MenuSearch::Record(double value) {
  std::vector<int> key;
  for (const SearchCell& c : chosen_) {
    key.push_back(c.recipe);
    key.push_back(c.level);
  }
  if (!found_.insert(key).second) return;
  if (!enumerate_) cut_ = value;
  std::vector<SearchCell> menu(static_cast<size_t>(slots_));
  for (int q = 0; q < slots_; ++q)
    menu[static_cast<size_t>(order_[static_cast<size_t>(q)])] = chosen_[static_cast<size_t>(q)];
  result_->menus.push_back(std::move(menu));
  result_->values.push_back(value);
}

long MenuSearch::ScanLeaf(size_t width, double lag0, double true0) {
  long scanned = 0;
  const size_t nr = static_cast<size_t>(nr_);
  const double* t0 = &tot_[static_cast<size_t>(leaf_) * nr];
  double* t1 = &tot_[static_cast<size_t>(leaf_ + 1) * nr];
  const std::vector<Item>& list = items_[static_cast<size_t>(leaf_)];
  std::vector<int>& rows = test_rows_[static_cast<size_t>(slots_)];
  long* fails = &fails_[static_cast<size_t>(slots_) * nr];
  int b0 = 0, b1 = static_cast<int>(bucket_start_.size()) - 2;
  if (bucket_row_ >= 0) {
    const size_t kb = static_cast<size_t>(bucket_row_);
    const double slack = kFeasTol * dm_.row_scale[kb];
    const double wlo = dm_.row_lo[kb] - t0[kb] - slack, whi = dm_.row_hi[kb] - t0[kb] + slack;
    // Bucket indices of the window's ends, clamped before the conversion.
    const auto bucket_of = [&](double v) {
      return static_cast<int>(std::floor(std::clamp((v - bucket_lo_) / bucket_width_, -1.0, 1.0 * kBuckets)));
    };
    b0 = std::max(b0, bucket_of(wlo));
    b1 = std::min(b1, bucket_of(whi));
  }
  for (int b = b0; b <= b1; ++b) {
    for (int q = bucket_start_[static_cast<size_t>(b)];
         q < bucket_start_[static_cast<size_t>(b + 1)]; ++q) {
      const size_t j = static_cast<size_t>(bucket_items_[static_cast<size_t>(q)]);
      if (j >= width || lag0 + leaf_lag_[static_cast<size_t>(q)] >= cut_) break;
      ++scanned;
      const double* v = &leaf_vals_[static_cast<size_t>(q) * nr];
      bool ok = true;
      for (size_t r = 0; r < rows.size(); ++r) {
        const int k = rows[r];
        const double t = t0[k] + v[k];
        if (t < dm_.row_lo[static_cast<size_t>(k)] || t > dm_.row_hi[static_cast<size_t>(k)]) {
          ++fails[k];
          if (r > 0 && fails[k] > fails[rows[r - 1]]) std::swap(rows[r], rows[r - 1]);
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const Item& it = list[j];
      if (RecipeFull(it.recipe, leaf_)) continue;
      if (minutes_[static_cast<size_t>(leaf_)] + dm_.minutes[static_cast<size_t>(it.recipe)] >
          dm_.max_minutes)
        continue;
      const double sv = dm_.levels[static_cast<size_t>(it.level)];
      for (size_t k = 0; k < nr; ++k) t1[k] = t0[k] + v[k];
      const double value = true0 + sv * g_[static_cast<size_t>(it.recipe)] +
                           h_[static_cast<size_t>(it.recipe)] + dm_.DaySoftCost(t1);
      if (value < cut_) {
        chosen_[static_cast<size_t>(leaf_)] = {it.recipe, it.level};
        Record(value);
      }
    }
  }
  return scanned;
}

bool MenuSearch::Run(size_t width, long limit, bool enumerate, size_t max_menus) {
  enumerate_ = enumerate;
  const size_t nr = static_cast<size_t>(nr_);
  bool stopped = false;
  long local = 0;
  long next_check = 1024;
  auto too_many = [&] { return enumerate_ && result_->menus.size() > max_menus; };
  depth_ = 0;
  lag_acc_[0] = constant_;
  pos_[0] = 0;
  while (depth_ >= 0) {
    const size_t d = static_cast<size_t>(depth_);
    const std::vector<Item>& list = items_[d];
    const size_t end = std::min(width, list.size());
    size_t& i = pos_[d];
    bool descended = false;
    while (i < end) {
      const Item& it = list[i++];
      const double lag = lag_acc_[d] + it.lag;
      if (lag + rest_[d + 1] >= cut_) {
        i = end;
        break;
      }
      ++nodes_;
      if (++local >= next_check) {
        next_check = local + 1024;
        if (local > limit || Clock::now() > deadline_) {
          --i;  // This item's subtree stays open.
          stopped = true;
          break;
        }
      }
      if (RecipeFull(it.recipe, depth_)) continue;
      minutes_[d + 1] = minutes_[d] + dm_.minutes[static_cast<size_t>(it.recipe)];
      if (minutes_[d + 1] > dm_.max_minutes) continue;
      const double sv = dm_.levels[static_cast<size_t>(it.level)];
      const double* a = dm_.ARow(it.recipe);
      const double* t0 = &tot_[d * nr];
      double* t1 = &tot_[(d + 1) * nr];
      for (size_t k = 0; k < nr; ++k) t1[k] = t0[k] + sv * a[k];
      if (!Reachable(depth_, t1)) continue;
      chosen_[d] = {it.recipe, it.level};
      const double tv = true_acc_[d] + sv * g_[static_cast<size_t>(it.recipe)] +
                        h_[static_cast<size_t>(it.recipe)];
      if (depth_ == leaf_) {  // Only with a single slot; deeper leaves are scanned.
        bool exact_ok = true;
        for (size_t k = 0; k < nr && exact_ok; ++k) {
          exact_ok =
              dm_.Soft(static_cast<int>(k)) || (t1[k] >= dm_.row_lo[k] && t1[k] <= dm_.row_hi[k]);
        }
        const double value = tv + dm_.DaySoftCost(t1);
        if (exact_ok && value < cut_) Record(value);
        if (too_many()) {
          stopped = true;
          break;
        }
        continue;
      }
      if (depth_ == leaf_ - 1) {
        const long scanned = ScanLeaf(width, lag, tv);
        nodes_ += scanned;
        local += scanned;
        // This item's subtree is done; the next one stays open.
        if (too_many() || local > limit || (local >= next_check && Clock::now() > deadline_)) {
          stopped = true;
          break;
        }
        if (local >= next_check) next_check = local + 1024;
        continue;
      }
      lag_acc_[d + 1] = lag;
      true_acc_[d + 1] = tv;
      pos_[d + 1] = 0;
      ++depth_;
      descended = true;
      break;
    }
    if (stopped) break;
    if (!descended) --depth_;
  }
  return !stopped;
}

double MenuSearch::OpenBound() const {
  double open = cut_;
  for (int d = 0; d <= depth_ && d < slots_; ++d) {
    const std::vector<Item>& list = items_[static_cast<size_t>(d)];
    const size_t p = pos_[static_cast<size_t>(d)];
    if (p < list.size()) {
      open = std::min(
          open, lag_acc_[static_cast<size_t>(d)] + list[p].lag + rest_[static_cast<size_t>(d + 1)]);
    }
  }
  return open;
}

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
  double constant = 0;
  for (int k = 0; k < nr; ++k) {
    const double m = mu_[static_cast<size_t>(k)];
    const double sc = dm_.row_scale[static_cast<size_t>(k)];
    if (m > 0) constant += m * dm_.row_lo[static_cast<size_t>(k)] / sc;
    if (m < 0) constant += m * dm_.row_hi[static_cast<size_t>(k)] / sc;
  }
  MenuSearch search(dm_, phi_, g, h, constant, deadline, &result);
  if (!search.has_items()) {
    result.lower_bound = kInf;
    result.exact = true;
    return result;
  }
  search.set_cutoff(cutoff);
  // A narrow search first finds good menus quickly and lowers the cutoff for
  // the complete one.
  if (!enumerate) {
    search.Run(kNarrowWidth, node_limit / 8, false, 0);
    if (!result.menus.empty() && !want_proof) {
      result.nodes = search.nodes();
      return result;  // Columns found; the Lagrangian value is the bound.
    }
  }
  // The complete search deepens its cutoff from the Lagrangian value up:
  // the nodes below a cutoff grow steeply with its distance from that value,
  // so the first passes are cheap, and each one that finds no menu proves
  // its cutoff a bound on every menu. A search stopped by its budget thus
  // still leaves a bound close to what it had time for, and a pass that
  // finds menus ends with the least of them (the cutoff follows each find).
  // The search enumerates the serving grid; with continuous servings only
  // the Lagrangian value (which allows any amount in [min, max]) is a bound.
  double proven = best_l;
  bool complete = true;
  const double target = search.cutoff();
  const bool deepen = !enumerate && !dm_.continuous && std::isfinite(target) && target > best_l;
  for (double f : kDeepening) {
    if (!deepen && f < 1) continue;
    search.set_cutoff(f < 1 ? best_l + (target - best_l) * f : target);
    const size_t found_before = result.menus.size();
    complete = search.Run(static_cast<size_t>(-1), std::max(1L, node_limit - search.nodes()),
                          enumerate, max_menus);
    if (!complete || result.menus.size() > found_before) break;
    proven = search.cutoff();
    search.set_cutoff(target);
  }
  result.nodes = search.nodes();
  if (dm_.continuous) return result;
  if (complete) {
    result.exact = true;
    result.lower_bound = enumerate ? best_l : std::max(best_l, search.cutoff());
  } else if (!enumerate) {
    result.lower_bound = std::max(proven, search.OpenBound());
  }
  return result;
}

}  // namespace hearth::planner
