#include "planner/local_search.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hearth::planner {

PlanSearch::PlanSearch(const DayModel& dm, int days, bool week)
    : dm_(dm), days_(days), week_(week), unit_(&dm.unit_cost), use_(&dm.use_cost) {
  cells_.assign(static_cast<size_t>(days_ * dm_.slots), SearchCell{});
  day_tot_.assign(static_cast<size_t>(days_ * dm_.num_rows), 0.0);
  day_min_.assign(static_cast<size_t>(days_), 0.0);
  week_tot_.assign(static_cast<size_t>(dm_.num_week), 0.0);
  week_uses_.assign(dm_.unit_cost.size(), 0);
  scratch_.resize(static_cast<size_t>(std::max(dm_.num_rows, dm_.num_week)));
  set_penalty(penalty_);
}

void PlanSearch::set_penalty(double m) {
  penalty_ = m;
  row_w_.resize(static_cast<size_t>(dm_.num_rows));
  for (size_t k = 0; k < row_w_.size(); ++k) {
    row_w_[k] = dm_.row_pen[k] < kInf ? dm_.row_pen[k] : m / dm_.row_scale[k];
  }
  week_w_.resize(static_cast<size_t>(dm_.num_week));
  for (size_t k = 0; k < week_w_.size(); ++k) {
    week_w_[k] = dm_.week_pen[k] < kInf ? dm_.week_pen[k] : m / dm_.week_scale[k];
  }
}

namespace {
inline double Outside(double t, double lo, double hi) {
  if (t < lo) return lo - t;
  if (t > hi) return t - hi;
  return 0.0;
}
}  // namespace

double PlanSearch::DayCost(const double* t, double minutes) const {
  double v = 0;
  for (int k = 0; k < dm_.num_rows; ++k) {
    const size_t i = static_cast<size_t>(k);
    v += row_w_[i] * Outside(t[k], dm_.row_lo[i], dm_.row_hi[i]);
  }
  if (minutes > dm_.max_minutes) v += penalty_ * (minutes - dm_.max_minutes) / std::max(1.0, dm_.max_minutes);
  return v;
}

double PlanSearch::WeekCost(const double* t, double spend) const {
  if (!week_) return 0;
  double v = 0;
  for (int k = 0; k < dm_.num_week; ++k) {
    const size_t i = static_cast<size_t>(k);
    v += week_w_[i] * Outside(t[k], dm_.week_lo[i], dm_.week_hi[i]);
  }
  v += penalty_ * RowViolation(spend, -kInf, dm_.budget, dm_.budget_scale);
  return v;
}

double PlanSearch::F() const {
  double f = objective_;
  for (int d = 0; d < days_; ++d) f += DayCost(&day_tot_[static_cast<size_t>(d * dm_.num_rows)], day_min_[static_cast<size_t>(d)]);
  f += WeekCost(week_tot_.data(), spend_);
  for (const SearchCell& c : cells_) {
    if (c.recipe < 0) f += penalty_ * 1e3;
  }
  return f;
}

bool PlanSearch::Allowed(int c, int recipe) const {
  const int fixed = FixedRecipe(c);
  if (fixed >= 0 && recipe != fixed) return false;
  if (dm_.FreeUse(recipe)) return true;
  if (week_ && week_uses_[static_cast<size_t>(recipe)] >= dm_.max_week) return false;
  if (dm_.max_day < dm_.slots) {
    const int d = c / dm_.slots;
    int n = 0;
    for (int s = 0; s < dm_.slots; ++s) {
      if (cells_[static_cast<size_t>(d * dm_.slots + s)].recipe == recipe) ++n;
    }
    if (n >= dm_.max_day) return false;
  }
  return true;
}

int PlanSearch::RandomRecipe(int c, Rng& rng) const {
  if (FixedRecipe(c) >= 0) return Allowed(c, FixedRecipe(c)) ? FixedRecipe(c) : -1;
  const std::vector<int>& cand = dm_.slot_recipes[static_cast<size_t>(c % dm_.slots)];
  if (cand.empty()) return -1;
  for (int tries = 0; tries < 50; ++tries) {
    const int r = cand[static_cast<size_t>(rng.Below(static_cast<int>(cand.size())))];
    if (Allowed(c, r)) return r;
  }
  return -1;
}

int PlanSearch::RandomLevel(int c, int recipe, Rng& rng) const {
  if (FixedLevel(c) >= 0) return FixedLevel(c);
  return rng.Below(dm_.TopLevel(recipe) + 1);
}

void PlanSearch::Recompute() {
  std::fill(day_tot_.begin(), day_tot_.end(), 0.0);
  std::fill(day_min_.begin(), day_min_.end(), 0.0);
  std::fill(week_tot_.begin(), week_tot_.end(), 0.0);
  std::fill(week_uses_.begin(), week_uses_.end(), 0);
  spend_ = 0;
  objective_ = 0;
  for (size_t c = 0; c < cells_.size(); ++c) {
    const SearchCell& cell = cells_[c];
    if (cell.recipe < 0) continue;
    const int d = static_cast<int>(c) / dm_.slots;
    const double sv = dm_.levels[static_cast<size_t>(cell.level)];
    const double* a = dm_.ARow(cell.recipe);
    for (int k = 0; k < dm_.num_rows; ++k) day_tot_[static_cast<size_t>(d * dm_.num_rows + k)] += sv * a[k];
    day_min_[static_cast<size_t>(d)] += dm_.minutes[static_cast<size_t>(cell.recipe)];
    const double* w = dm_.WRow(cell.recipe);
    for (int k = 0; k < dm_.num_week; ++k) week_tot_[static_cast<size_t>(k)] += sv * w[k];
    spend_ += sv * dm_.money[static_cast<size_t>(cell.recipe)];
    objective_ += sv * (*unit_)[static_cast<size_t>(cell.recipe)] + (*use_)[static_cast<size_t>(cell.recipe)];
    ++week_uses_[static_cast<size_t>(cell.recipe)];
  }
}

void PlanSearch::BuildCandidates() {
  candidates_.assign(static_cast<size_t>(dm_.slots), {});
  for (int s = 0; s < dm_.slots; ++s) {
    std::vector<Candidate>& list = candidates_[static_cast<size_t>(s)];
    for (int r : dm_.slot_recipes[static_cast<size_t>(s)]) {
      for (int l = 0; l <= dm_.TopLevel(r); ++l) {
        list.push_back({dm_.levels[static_cast<size_t>(l)] * (*unit_)[static_cast<size_t>(r)] +
                            (*use_)[static_cast<size_t>(r)],
                        r, l});
      }
    }
    // Ties in recipe and level order, so that the order is the same everywhere.
    std::sort(list.begin(), list.end(), [](const Candidate& x, const Candidate& y) {
      return x.cost < y.cost || (x.cost == y.cost && (x.recipe < y.recipe ||
                                                      (x.recipe == y.recipe && x.level < y.level)));
    });
  }
}

void PlanSearch::Load(const std::vector<SearchCell>& cells, Rng& rng) {
  if (candidates_.empty()) BuildCandidates();
  cells_ = cells;
  cells_.resize(static_cast<size_t>(days_ * dm_.slots));
  // Drop cells that break variety, a fixed choice or a per-meal cap, then
  // fill the empty ones.
  std::vector<SearchCell> wanted = cells_;
  std::fill(cells_.begin(), cells_.end(), SearchCell{});
  Recompute();
  for (size_t c = 0; c < cells_.size(); ++c) {
    const int ci = static_cast<int>(c);
    SearchCell w = wanted[c];
    if (w.recipe < 0 || !Allowed(ci, w.recipe) || w.level > dm_.TopLevel(w.recipe)) continue;
    if (FixedLevel(ci) >= 0) w.level = FixedLevel(ci);
    cells_[c] = w;
    ++week_uses_[static_cast<size_t>(w.recipe)];
  }
  for (size_t c = 0; c < cells_.size(); ++c) {
    if (cells_[c].recipe >= 0) continue;
    const int r = RandomRecipe(static_cast<int>(c), rng);
    if (r < 0) continue;
    cells_[c] = {r, RandomLevel(static_cast<int>(c), r, rng)};
    ++week_uses_[static_cast<size_t>(r)];
  }
  Recompute();
}

double PlanSearch::violation() const {
  double v = 0;
  for (int d = 0; d < days_; ++d) {
    for (int k = 0; k < dm_.num_rows; ++k) {
      if (dm_.Soft(k)) continue;
      v += RowViolation(day_tot_[static_cast<size_t>(d * dm_.num_rows + k)], dm_.row_lo[static_cast<size_t>(k)],
                        dm_.row_hi[static_cast<size_t>(k)], dm_.row_scale[static_cast<size_t>(k)]);
    }
    v += RowViolation(day_min_[static_cast<size_t>(d)], -kInf, dm_.max_minutes, std::max(1.0, dm_.max_minutes));
  }
  if (week_) {
    for (int k = 0; k < dm_.num_week; ++k) {
      if (dm_.week_pen[static_cast<size_t>(k)] < kInf) continue;
      v += RowViolation(week_tot_[static_cast<size_t>(k)], dm_.week_lo[static_cast<size_t>(k)],
                        dm_.week_hi[static_cast<size_t>(k)], dm_.week_scale[static_cast<size_t>(k)]);
    }
    v += RowViolation(spend_, -kInf, dm_.budget, dm_.budget_scale);
  }
  for (const SearchCell& c : cells_) {
    if (c.recipe < 0) v += 1e3;  // An empty cell: no allowed recipe.
  }
  return v;
}

void PlanSearch::Assign(int c, int recipe, int level) {
  SearchCell& cell = cells_[static_cast<size_t>(c)];
  const int d = c / dm_.slots;
  double* dt = &day_tot_[static_cast<size_t>(d * dm_.num_rows)];
  if (cell.recipe >= 0) {
    const double sv = dm_.levels[static_cast<size_t>(cell.level)];
    const double* a = dm_.ARow(cell.recipe);
    for (int k = 0; k < dm_.num_rows; ++k) dt[k] -= sv * a[k];
    day_min_[static_cast<size_t>(d)] -= dm_.minutes[static_cast<size_t>(cell.recipe)];
    const double* w = dm_.WRow(cell.recipe);
    for (int k = 0; k < dm_.num_week; ++k) week_tot_[static_cast<size_t>(k)] -= sv * w[k];
    spend_ -= sv * dm_.money[static_cast<size_t>(cell.recipe)];
    objective_ -= sv * (*unit_)[static_cast<size_t>(cell.recipe)] + (*use_)[static_cast<size_t>(cell.recipe)];
    --week_uses_[static_cast<size_t>(cell.recipe)];
  }
  cell = {recipe, level};
  const double sv = dm_.levels[static_cast<size_t>(level)];
  const double* a = dm_.ARow(recipe);
  for (int k = 0; k < dm_.num_rows; ++k) dt[k] += sv * a[k];
  day_min_[static_cast<size_t>(d)] += dm_.minutes[static_cast<size_t>(recipe)];
  const double* w = dm_.WRow(recipe);
  for (int k = 0; k < dm_.num_week; ++k) week_tot_[static_cast<size_t>(k)] += sv * w[k];
  spend_ += sv * dm_.money[static_cast<size_t>(recipe)];
  objective_ += sv * (*unit_)[static_cast<size_t>(recipe)] + (*use_)[static_cast<size_t>(recipe)];
  ++week_uses_[static_cast<size_t>(recipe)];
}

bool PlanSearch::ImproveCell(int c) {
  if (FixedLevel(c) >= 0) return false;  // Recipe and servings are the user's.
  const int d = c / dm_.slots;
  const int s = c % dm_.slots;
  const SearchCell cur = cells_[static_cast<size_t>(c)];
  const int nr = dm_.num_rows;
  const int nw = week_ ? dm_.num_week : 0;
  const double* dt = &day_tot_[static_cast<size_t>(d * nr)];
  // Totals without this cell.
  std::vector<double> base_day(dt, dt + nr);
  std::vector<double> base_week(week_tot_.begin(), week_tot_.begin() + nw);
  double base_spend = spend_;
  double base_min = day_min_[static_cast<size_t>(d)];
  double obj_base = 0;
  if (cur.recipe >= 0) {
    const double sv = dm_.levels[static_cast<size_t>(cur.level)];
    const double* a = dm_.ARow(cur.recipe);
    for (int k = 0; k < nr; ++k) base_day[static_cast<size_t>(k)] -= sv * a[k];
    const double* w = dm_.WRow(cur.recipe);
    for (int k = 0; k < nw; ++k) base_week[static_cast<size_t>(k)] -= sv * w[k];
    base_spend -= sv * dm_.money[static_cast<size_t>(cur.recipe)];
    base_min -= dm_.minutes[static_cast<size_t>(cur.recipe)];
    obj_base = -(sv * (*unit_)[static_cast<size_t>(cur.recipe)] + (*use_)[static_cast<size_t>(cur.recipe)]);
  }
  // The weighted violation now (day and week parts this cell touches).
  double v_rel = DayCost(dt, day_min_[static_cast<size_t>(d)]) + WeekCost(week_tot_.data(), spend_);
  if (cur.recipe < 0) v_rel += penalty_ * 1e3;

  const double eps = 1e-9 * (1.0 + std::abs(objective_));
  double best_delta = -eps;
  int best_r = -1, best_l = -1;
  const double* lo = dm_.row_lo.data();
  const double* hi = dm_.row_hi.data();
  const double* rw = row_w_.data();
  // Temporarily remove this cell so that Allowed() sees the other cells only.
  if (cur.recipe >= 0) {
    --week_uses_[static_cast<size_t>(cur.recipe)];
    cells_[static_cast<size_t>(c)].recipe = -1;
  }
  // Choices in ascending cost: once the cost change alone exceeds the best
  // move plus the violation there is to remove, no later choice can win.
  for (const Candidate& cand : candidates_[static_cast<size_t>(s)]) {
    const double dobj = cand.cost + obj_base;
    const double cap = best_delta - dobj + v_rel;  // v_new must stay below this.
    if (cap <= 0) break;
    const int r = cand.recipe;
    const int l = cand.level;
    if (r == cur.recipe && l == cur.level) continue;
    if (!Allowed(c, r)) continue;
    const double* a = dm_.ARow(r);
    const double* w = dm_.WRow(r);
    const double money = dm_.money[static_cast<size_t>(r)];
    const double minutes = base_min + dm_.minutes[static_cast<size_t>(r)];
    const double min_cost =
        minutes > dm_.max_minutes ? penalty_ * (minutes - dm_.max_minutes) / std::max(1.0, dm_.max_minutes) : 0.0;
    const double sv = dm_.levels[static_cast<size_t>(l)];
    double v_new = min_cost;
    int k = 0;
    for (; k < nr && v_new < cap; ++k) {
      v_new += rw[k] * Outside(base_day[static_cast<size_t>(k)] + sv * a[k], lo[k], hi[k]);
    }
    if (v_new >= cap) continue;
    for (k = 0; k < nw && v_new < cap; ++k) {
      v_new += week_w_[static_cast<size_t>(k)] *
               Outside(base_week[static_cast<size_t>(k)] + sv * w[k],
                       dm_.week_lo[static_cast<size_t>(k)], dm_.week_hi[static_cast<size_t>(k)]);
    }
    if (v_new >= cap) continue;
    if (week_) {
      v_new += penalty_ * RowViolation(base_spend + sv * money, -kInf, dm_.budget, dm_.budget_scale);
    }
    if (v_new >= cap) continue;
    best_delta = dobj + v_new - v_rel;
    best_r = r;
    best_l = l;
  }
  if (cur.recipe >= 0) {
    ++week_uses_[static_cast<size_t>(cur.recipe)];
    cells_[static_cast<size_t>(c)].recipe = cur.recipe;
  }
  if (best_r < 0) return false;
  Assign(c, best_r, best_l);
  return true;
}

void PlanSearch::Descend(Rng& rng, int day) {
  std::vector<int> order(day >= 0 ? static_cast<size_t>(dm_.slots) : cells_.size());
  std::iota(order.begin(), order.end(), day >= 0 ? day * dm_.slots : 0);
  for (int pass = 0; pass < 200; ++pass) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[static_cast<size_t>(rng.Below(static_cast<int>(i)))]);
    bool improved = false;
    for (int c : order) improved = ImproveCell(c) || improved;
    if (!improved) break;
  }
  Recompute();  // Shed rounding drift.
}

int PlanSearch::Perturb(Rng& rng, int k) {
  const int d = rng.Below(days_);
  for (int i = 0; i < k; ++i) {
    const int c = d * dm_.slots + rng.Below(dm_.slots);
    if (FixedLevel(c) >= 0) continue;
    const SearchCell cur = cells_[static_cast<size_t>(c)];
    if (cur.recipe >= 0) {
      --week_uses_[static_cast<size_t>(cur.recipe)];
      cells_[static_cast<size_t>(c)].recipe = -1;
    }
    int r = RandomRecipe(c, rng);
    if (cur.recipe >= 0) {
      ++week_uses_[static_cast<size_t>(cur.recipe)];
      cells_[static_cast<size_t>(c)].recipe = cur.recipe;
    }
    if (r < 0) continue;
    Assign(c, r, RandomLevel(c, r, rng));
  }
  return d;
}

double MenuSoftCost(const DayModel& dm, const std::vector<SearchCell>& menu) {
  if (!dm.has_soft) return 0;
  std::vector<double> t(static_cast<size_t>(dm.num_rows), 0.0);
  for (const SearchCell& c : menu) {
    const double sv = dm.levels[static_cast<size_t>(c.level)];
    const double* a = dm.ARow(c.recipe);
    for (int k = 0; k < dm.num_rows; ++k) t[static_cast<size_t>(k)] += sv * a[k];
  }
  return dm.DaySoftCost(t.data());
}

}  // namespace hearth::planner
