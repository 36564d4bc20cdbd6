#include "planner/pricing.h"

#include <chrono>
#include <functional>

#include <gtest/gtest.h>

#include "hearth/planner/generator.h"
#include "planner/day_model.h"
#include "planner/rng.h"

namespace hearth::planner {
namespace {

// Least value of any feasible day menu, by exhaustive search.
double BruteForceDay(const DayModel& dm, const std::vector<double>& g, const std::vector<double>& h) {
  double best = kInf;
  std::vector<SearchCell> menu(static_cast<size_t>(dm.slots));
  std::function<void(int, std::vector<double>&, double)> rec = [&](int s, std::vector<double>& tot, double v) {
    if (s == dm.slots) {
      for (int k = 0; k < dm.num_rows; ++k) {
        if (tot[static_cast<size_t>(k)] < dm.row_lo[static_cast<size_t>(k)] ||
            tot[static_cast<size_t>(k)] > dm.row_hi[static_cast<size_t>(k)]) {
          return;
        }
      }
      best = std::min(best, v);
      return;
    }
    for (int r : dm.slot_recipes[static_cast<size_t>(s)]) {
      bool dup = false;
      for (int q = 0; q < s; ++q) dup = dup || menu[static_cast<size_t>(q)].recipe == r;
      if (dup && dm.max_day <= 1) continue;
      for (int l = 0; l < static_cast<int>(dm.levels.size()); ++l) {
        const double sv = dm.levels[static_cast<size_t>(l)];
        for (int k = 0; k < dm.num_rows; ++k) tot[static_cast<size_t>(k)] += sv * dm.A(r, k);
        menu[static_cast<size_t>(s)] = {r, l};
        rec(s + 1, tot, v + sv * g[static_cast<size_t>(r)] + h[static_cast<size_t>(r)]);
        for (int k = 0; k < dm.num_rows; ++k) tot[static_cast<size_t>(k)] -= sv * dm.A(r, k);
      }
    }
  };
  std::vector<double> tot(static_cast<size_t>(dm.num_rows), 0.0);
  rec(0, tot, 0.0);
  return best;
}

// A one-day pricing problem on a generated instance (with a planted, hence
// feasible, day) and reduced-cost-like coefficients: some recipes pay to be
// used.
struct DayProblem {
  PlanInstance instance;
  DayModel dm;
  std::vector<double> g, h;
  double optimum = kInf;  // By exhaustive search.
};
DayProblem RandomDayProblem(int recipes, std::uint64_t seed, Rng& rng) {
  DayProblem p;
  p.instance = GenerateInstance({.recipes = recipes, .seed = seed, .days = 1});
  p.dm = *BuildDayModel(p.instance);
  p.g.resize(p.instance.recipes.size());
  p.h.resize(p.instance.recipes.size());
  for (size_t r = 0; r < p.g.size(); ++r) {
    p.g[r] = p.dm.unit_cost[r] * rng.Uniform(0.3, 1.5) - 0.5 * rng.Uniform();
    p.h[r] = p.dm.use_cost[r] * rng.Uniform();
  }
  p.optimum = BruteForceDay(p.dm, p.g, p.h);
  return p;
}

TEST(ExactPricerTest, MatchesBruteForceAndStoppedSearchStillBounds) {
  const auto far = std::chrono::steady_clock::now() + std::chrono::hours(1);
  Rng rng(11);
  int stopped_early = 0;
  for (int trial = 0; trial < 4; ++trial) {
    const auto [instance, dm, g, h, brute] = RandomDayProblem(20, 1 + static_cast<std::uint64_t>(trial % 3), rng);
    ASSERT_LT(brute, kInf) << "trial " << trial;
    ExactPricer pricer(dm);
    const PricingResult full = pricer.Solve(g, h, kInf, kInf, 1L << 40, far, false, 0, true);
    ASSERT_TRUE(full.exact);
    ASSERT_FALSE(full.menus.empty());
    EXPECT_NEAR(full.values.back(), brute, 1e-9);
    EXPECT_NEAR(full.lower_bound, brute, 1e-9);
    ExactPricer stopped_pricer(dm);
    const PricingResult stopped = stopped_pricer.Solve(g, h, kInf, kInf, 1, far, false, 0, true);
    EXPECT_LE(stopped.lower_bound, brute + 1e-9) << "trial " << trial;
    EXPECT_LE(stopped.nodes, full.nodes) << "trial " << trial;
    stopped_early += stopped.exact ? 0 : 1;
  }
  EXPECT_GT(stopped_early, 0) << "the node limit should have cut some search short";
}

// With a cutoff, the complete search raises it in passes from the Lagrangian
// value; wherever the node budget stops it, the bound it reports must hold.
TEST(ExactPricerTest, StoppedSearchBoundHoldsAtEveryBudget) {
  const auto far = std::chrono::steady_clock::now() + std::chrono::hours(1);
  Rng rng(5);
  int stopped = 0;
  for (int trial = 0; trial < 3; ++trial) {
    const auto [instance, dm, g, h, brute] = RandomDayProblem(24, 7 + static_cast<std::uint64_t>(trial), rng);
    ASSERT_LT(brute, kInf) << "trial " << trial;
    ExactPricer full_pricer(dm);
    const PricingResult full =
        full_pricer.Solve(g, h, kInf, brute + 1.0, 1L << 40, far, false, 0, true);
    ASSERT_TRUE(full.exact);
    ASSERT_FALSE(full.values.empty());
    EXPECT_NEAR(full.values.back(), brute, 1e-9) << "trial " << trial;
    // Cutoffs just below the optimum (no menu, at most a proof) and above it.
    for (double cutoff : {brute - 1e-6, brute + 1.0}) {
      for (long limit = 1; limit <= full.nodes * 4; limit *= 2) {
        ExactPricer pricer(dm);
        const PricingResult r = pricer.Solve(g, h, kInf, cutoff, limit, far, false, 0, true);
        EXPECT_LE(r.lower_bound, brute + 1e-9) << "trial " << trial << " limit " << limit;
        for (double v : r.values) {
          EXPECT_GE(v, brute - 1e-9) << "trial " << trial << " limit " << limit;
        }
        if (cutoff < brute) {
          EXPECT_TRUE(r.menus.empty()) << "trial " << trial << " limit " << limit;
        }
        stopped += r.exact ? 0 : 1;
      }
    }
  }
  EXPECT_GT(stopped, 3) << "the budgets should stop some searches inside their passes";
}
}  // namespace
}  // namespace hearth::planner
