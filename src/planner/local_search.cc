#include "planner/local_search.h"

#include <algorithm>
#include <numeric>

namespace hearth::planner {

PlanSearch::PlanSearch(const DayModel& dm, int days, bool week)
    : dm_(dm), days_(days), week_(week), unit_(&dm.unit_cost), use_(&dm.use_cost) {
  cells_.assign(static_cast<size_t>(days_ * dm_.slots), SearchCell{});
  day_tot_.assign(static_cast<size_t>(days_ * dm_.num_rows), 0.0);
  week_tot_.assign(static_cast<size_t>(dm_.num_week), 0.0);
  week_uses_.assign(dm_.unit_cost.size(), 0);
  scratch_.resize(static_cast<size_t>(std::max(dm_.num_rows, dm_.num_week)));
}

bool PlanSearch::Allowed(int c, int recipe) const {
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
  const std::vector<int>& cand = dm_.slot_recipes[static_cast<size_t>(c % dm_.slots)];
  if (cand.empty()) return -1;
  for (int tries = 0; tries < 50; ++tries) {
    const int r = cand[static_cast<size_t>(rng.Below(static_cast<int>(cand.size())))];
    if (Allowed(c, r)) return r;
  }
  return -1;
}

void PlanSearch::Recompute() {
  std::fill(day_tot_.begin(), day_tot_.end(), 0.0);
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
    const double* w = dm_.WRow(cell.recipe);
    for (int k = 0; k < dm_.num_week; ++k) week_tot_[static_cast<size_t>(k)] += sv * w[k];
    spend_ += sv * dm_.money[static_cast<size_t>(cell.recipe)];
    objective_ += sv * (*unit_)[static_cast<size_t>(cell.recipe)] + (*use_)[static_cast<size_t>(cell.recipe)];
    ++week_uses_[static_cast<size_t>(cell.recipe)];
  }
}

void PlanSearch::Load(const std::vector<SearchCell>& cells, Rng& rng) {
  cells_ = cells;
  cells_.resize(static_cast<size_t>(days_ * dm_.slots));
  // Drop cells that break variety, then fill the empty ones.
  std::vector<SearchCell> wanted = cells_;
  std::fill(cells_.begin(), cells_.end(), SearchCell{});
  Recompute();
  for (size_t c = 0; c < cells_.size(); ++c) {
    const int ci = static_cast<int>(c);
    if (wanted[c].recipe >= 0 && Allowed(ci, wanted[c].recipe)) {
      cells_[c] = wanted[c];
      ++week_uses_[static_cast<size_t>(wanted[c].recipe)];
    }
  }
  for (size_t c = 0; c < cells_.size(); ++c) {
    if (cells_[c].recipe >= 0) continue;
    const int r = RandomRecipe(static_cast<int>(c), rng);
    if (r < 0) continue;
    cells_[c] = {r, rng.Below(static_cast<int>(dm_.levels.size()))};
    ++week_uses_[static_cast<size_t>(r)];
  }
  Recompute();
}

double PlanSearch::violation() const {
  double v = 0;
  for (int d = 0; d < days_; ++d) {
    for (int k = 0; k < dm_.num_rows; ++k) {
      v += RowViolation(day_tot_[static_cast<size_t>(d * dm_.num_rows + k)], dm_.row_lo[static_cast<size_t>(k)],
                        dm_.row_hi[static_cast<size_t>(k)], dm_.row_scale[static_cast<size_t>(k)]);
    }
  }
  if (week_) {
    for (int k = 0; k < dm_.num_week; ++k) {
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
  const double* w = dm_.WRow(recipe);
  for (int k = 0; k < dm_.num_week; ++k) week_tot_[static_cast<size_t>(k)] += sv * w[k];
  spend_ += sv * dm_.money[static_cast<size_t>(recipe)];
  objective_ += sv * (*unit_)[static_cast<size_t>(recipe)] + (*use_)[static_cast<size_t>(recipe)];
  ++week_uses_[static_cast<size_t>(recipe)];
}

bool PlanSearch::ImproveCell(int c) {
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
  double obj_base = 0;
  if (cur.recipe >= 0) {
    const double sv = dm_.levels[static_cast<size_t>(cur.level)];
    const double* a = dm_.ARow(cur.recipe);
    for (int k = 0; k < nr; ++k) base_day[static_cast<size_t>(k)] -= sv * a[k];
    const double* w = dm_.WRow(cur.recipe);
    for (int k = 0; k < nw; ++k) base_week[static_cast<size_t>(k)] -= sv * w[k];
    base_spend -= sv * dm_.money[static_cast<size_t>(cur.recipe)];
    obj_base = -(sv * (*unit_)[static_cast<size_t>(cur.recipe)] + (*use_)[static_cast<size_t>(cur.recipe)]);
  }
  double v_rel = 0;
  for (int k = 0; k < nr; ++k) {
    v_rel += RowViolation(dt[k], dm_.row_lo[static_cast<size_t>(k)], dm_.row_hi[static_cast<size_t>(k)],
                          dm_.row_scale[static_cast<size_t>(k)]);
  }
  for (int k = 0; k < nw; ++k) {
    v_rel += RowViolation(week_tot_[static_cast<size_t>(k)], dm_.week_lo[static_cast<size_t>(k)],
                          dm_.week_hi[static_cast<size_t>(k)], dm_.week_scale[static_cast<size_t>(k)]);
  }
  if (week_) v_rel += RowViolation(spend_, -kInf, dm_.budget, dm_.budget_scale);
  if (cur.recipe < 0) v_rel += 1e3;

  const double m = penalty_;
  const double eps = 1e-9 * (1.0 + std::abs(objective_));
  double best_delta = -eps;
  int best_r = -1, best_l = -1;
  const double* lo = dm_.row_lo.data();
  const double* hi = dm_.row_hi.data();
  const double* sc = dm_.row_scale.data();
  const int num_levels = static_cast<int>(dm_.levels.size());
  // Temporarily remove this cell so that Allowed() sees the other cells only.
  if (cur.recipe >= 0) {
    --week_uses_[static_cast<size_t>(cur.recipe)];
    cells_[static_cast<size_t>(c)].recipe = -1;
  }
  for (int r : dm_.slot_recipes[static_cast<size_t>(s)]) {
    if (!Allowed(c, r)) continue;
    const double* a = dm_.ARow(r);
    const double* w = dm_.WRow(r);
    const double u = (*unit_)[static_cast<size_t>(r)];
    const double h = (*use_)[static_cast<size_t>(r)];
    const double money = dm_.money[static_cast<size_t>(r)];
    for (int l = 0; l < num_levels; ++l) {
      if (r == cur.recipe && l == cur.level) continue;
      const double sv = dm_.levels[static_cast<size_t>(l)];
      const double dobj = sv * u + h + obj_base;
      // The violation can at most drop by v_rel.
      const double limit = best_delta - dobj;  // Need m * (v_new - v_rel) < limit.
      if (-m * v_rel >= limit) continue;
      const double cap = limit / m + v_rel;  // v_new must stay below this.
      double v_new = 0;
      int k = 0;
      for (; k < nr; ++k) {
        v_new += RowViolation(base_day[static_cast<size_t>(k)] + sv * a[k], lo[k], hi[k], sc[k]);
        if (v_new >= cap) break;
      }
      if (k < nr) continue;
      for (k = 0; k < nw; ++k) {
        v_new += RowViolation(base_week[static_cast<size_t>(k)] + sv * w[k], dm_.week_lo[static_cast<size_t>(k)],
                              dm_.week_hi[static_cast<size_t>(k)], dm_.week_scale[static_cast<size_t>(k)]);
        if (v_new >= cap) break;
      }
      if (k < nw) continue;
      if (week_) v_new += RowViolation(base_spend + sv * money, -kInf, dm_.budget, dm_.budget_scale);
      if (v_new >= cap) continue;
      best_delta = dobj + m * (v_new - v_rel);
      best_r = r;
      best_l = l;
    }
  }
  if (cur.recipe >= 0) {
    ++week_uses_[static_cast<size_t>(cur.recipe)];
    cells_[static_cast<size_t>(c)].recipe = cur.recipe;
  }
  if (best_r < 0) return false;
  Assign(c, best_r, best_l);
  return true;
}

void PlanSearch::Descend(Rng& rng) {
  std::vector<int> order(cells_.size());
  std::iota(order.begin(), order.end(), 0);
  for (int pass = 0; pass < 200; ++pass) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[static_cast<size_t>(rng.Below(static_cast<int>(i)))]);
    bool improved = false;
    for (int c : order) improved = ImproveCell(c) || improved;
    if (!improved) break;
  }
  Recompute();  // Shed rounding drift.
}

void PlanSearch::Perturb(Rng& rng, int k) {
  const int d = rng.Below(days_);
  for (int i = 0; i < k; ++i) {
    const int c = d * dm_.slots + rng.Below(dm_.slots);
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
    Assign(c, r, rng.Below(static_cast<int>(dm_.levels.size())));
  }
}

}  // namespace hearth::planner
