#include "hearth/planner/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hearth/planner/generator.h"
#include "hearth/planner/instance_io.h"
#include "hearth/planner/solver.h"
#include "hearth/planner/verify.h"
#include "planner/test_util.h"

namespace hearth::planner {
namespace {

constexpr int kEnergy = 0;
constexpr int kProtein = 1;

// `days` days of the given slots; nutrients energy_kcal and protein_g; the
// objective is money.
PlanInstance Base(int days, std::vector<std::string> slots, ServingsSpec servings) {
  PlanInstance inst;
  inst.name = "hand";
  inst.nutrients = {{"energy_kcal", "kcal"}, {"protein_g", "g"}};
  inst.energy_nutrient = kEnergy;
  inst.plan.days = days;
  inst.plan.slots = std::move(slots);
  inst.plan.servings = servings;
  inst.plan.objective.cost = 1;
  return inst;
}

void AddRecipe(PlanInstance& inst, const std::string& id, std::vector<int> slots, double kcal, double protein,
               double cost) {
  RecipeDef r;
  r.id = id;
  r.name = id;
  r.slots = std::move(slots);
  r.nutrients = {kcal, protein};
  r.cost = cost;
  inst.recipes.push_back(std::move(r));
  inst.plan.dislike.push_back(0);
}

NutrientRow Row(int nutrient, double min, double max, double penalty = kInf, int person = 0) {
  NutrientRow row;
  row.nutrient = nutrient;
  row.min = min;
  row.max = max;
  row.penalty = penalty;
  row.person = person;
  return row;
}

PlanInstance Tiny() {
  Result<PlanInstance> r = ParseInstanceJson(testing::ReadFixture("tiny.json"));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

double LpObjective(const PlanInstance& inst) {
  Result<LpSensitivity> s = ShadowPrices(inst);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? s->lp_objective : kInf;
}

// One slot, servings exactly 1: A (10 g protein, 1 money) and B (30 g, 4).
// With protein >= 20 the LP mixes x_B = 0.5 (objective 2.5); raising the
// minimum by one gram needs 1/20 more of B at 3 extra: price 0.15.
PlanInstance ProteinMix() {
  PlanInstance inst = Base(1, {"main"}, {1, 1, 0});
  AddRecipe(inst, "a", {0}, 500, 10, 1);
  AddRecipe(inst, "b", {0}, 400, 30, 4);
  inst.plan.daily = {Row(kProtein, 20, kInf)};
  return inst;
}

TEST(SensitivityShadowPrices, HandComputedProteinMinimum) {
  Result<LpSensitivity> s = ShadowPrices(ProteinMix());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NEAR(s->lp_objective, 2.5, 1e-9);
  ASSERT_EQ(s->prices.size(), 1u);
  const RowPrice& p = s->prices[0];
  EXPECT_EQ(p.kind, RowKind::kDaily);
  EXPECT_EQ(p.row, 0);
  EXPECT_TRUE(p.at_min);
  EXPECT_TRUE(p.binding);
  EXPECT_NEAR(p.price, 0.15, 1e-9);
}

TEST(SensitivityShadowPrices, DailyPriceSumsOverDays) {
  PlanInstance inst = ProteinMix();
  inst.plan.days = 3;
  Result<LpSensitivity> s = ShadowPrices(inst);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NEAR(s->lp_objective, 7.5, 1e-9);
  ASSERT_EQ(s->prices.size(), 1u);
  EXPECT_NEAR(s->prices[0].price, 3 * 0.15, 1e-9);
}

TEST(SensitivityShadowPrices, BindingMaximumHasNegativePrice) {
  // Energy at most 450 kcal: A has 500, B 400, so x_B >= 0.5 (objective
  // 2.5); one more kcal allowed saves 1/100 of B's extra 3: price -0.03.
  PlanInstance inst = ProteinMix();
  inst.plan.daily = {Row(kEnergy, -kInf, 450)};
  Result<LpSensitivity> s = ShadowPrices(inst);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NEAR(s->lp_objective, 2.5, 1e-9);
  ASSERT_EQ(s->prices.size(), 1u);
  EXPECT_FALSE(s->prices[0].at_min);
  EXPECT_NEAR(s->prices[0].price, -0.03, 1e-9);
}

TEST(SensitivityShadowPrices, HandComputedEnergyShare) {
  // A: 500 kcal, 10 g protein (8 % of energy), 1 money; B: 400 kcal, 40 g
  // (40 %), 3 money. Protein >= 20 % of energy: 40 + 120 t - 500 f + 100 f t
  // >= 0 with t = x_B, so t = (500 f - 40) / (120 + 100 f) = 3/7 at f = 0.2
  // and dt/df = 64000 / 140^2. Objective 1 + 2 t; per 0.01 of energy the
  // price is 0.01 * 2 * 64000 / 19600 = 32 / 490.
  PlanInstance inst = Base(1, {"main"}, {1, 1, 0});
  AddRecipe(inst, "a", {0}, 500, 10, 1);
  AddRecipe(inst, "b", {0}, 400, 40, 3);
  EnergyShareRow row;
  row.nutrient = kProtein;
  row.kcal_per_unit = 4;
  row.min = 0.2;
  inst.plan.energy_share = {row};
  Result<LpSensitivity> s = ShadowPrices(inst);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NEAR(s->lp_objective, 1 + 6.0 / 7, 1e-9);
  ASSERT_EQ(s->prices.size(), 1u);
  EXPECT_EQ(s->prices[0].kind, RowKind::kEnergyShare);
  EXPECT_TRUE(s->prices[0].at_min);
  EXPECT_NEAR(s->prices[0].price, 32.0 / 490, 1e-9);
}

TEST(SensitivityShadowPrices, SoftRowPriceIsItsPenalty) {
  // Buying protein through B costs 0.15 per gram; a shortfall costs 0.05.
  PlanInstance inst = ProteinMix();
  inst.plan.daily[0].penalty = 0.05;
  Result<LpSensitivity> s = ShadowPrices(inst);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NEAR(s->lp_objective, 1 + 0.05 * 10, 1e-9);
  ASSERT_EQ(s->prices.size(), 1u);
  EXPECT_NEAR(s->prices[0].price, 0.05, 1e-9);

  // Out of reach of any recipe: infeasible when hard, priced when soft.
  inst.plan.daily[0].min = 50;
  s = ShadowPrices(inst);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NEAR(s->lp_objective, 1 + 0.05 * 40, 1e-9);
  inst.plan.daily[0].penalty = kInf;
  s = ShadowPrices(inst);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
}

TEST(SensitivityShadowPrices, WeeklyAndBudgetHandComputed) {
  // Two days; weekly average protein >= 20 is the daily case over two days:
  // objective 5, and raising the average by one raises the week total by 2:
  // price 2 * 0.15.
  PlanInstance inst = ProteinMix();
  inst.plan.days = 2;
  inst.plan.weekly_average = {inst.plan.daily[0]};
  inst.plan.daily.clear();
  Result<LpSensitivity> s = ShadowPrices(inst);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NEAR(s->lp_objective, 5, 1e-9);
  ASSERT_EQ(s->prices.size(), 1u);
  EXPECT_EQ(s->prices[0].kind, RowKind::kWeekly);
  EXPECT_NEAR(s->prices[0].price, 0.3, 1e-9);

  // Objective now CO2e (A 1 kg, B 0 kg) under a budget of 5 money for the
  // two days: x_B total = (5 - 2) / 3 = 1, objective 2 - 1 = 1; one more
  // unit of money buys 1/3 more of B: price -1/3.
  inst = ProteinMix();
  inst.plan.days = 2;
  inst.plan.daily.clear();
  inst.plan.objective = {};
  inst.plan.objective.co2e_kg = 1;
  inst.recipes[0].co2e_kg = 1;
  inst.plan.budget_per_week = 5;
  s = ShadowPrices(inst);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NEAR(s->lp_objective, 1, 1e-9);
  ASSERT_EQ(s->prices.size(), 1u);
  EXPECT_EQ(s->prices[0].kind, RowKind::kBudget);
  EXPECT_FALSE(s->prices[0].at_min);
  EXPECT_NEAR(s->prices[0].price, -1.0 / 3, 1e-9);
}

// Moves the bound a price refers to by `delta` units of that price (energy
// shares: delta hundredths of energy).
void MoveBound(PlanInstance& inst, RowKind kind, int row, bool at_min, double delta) {
  const size_t i = static_cast<size_t>(row);
  switch (kind) {
    case RowKind::kDaily: (at_min ? inst.plan.daily[i].min : inst.plan.daily[i].max) += delta; break;
    case RowKind::kWeekly:
      (at_min ? inst.plan.weekly_average[i].min : inst.plan.weekly_average[i].max) += delta;
      break;
    case RowKind::kEnergyShare:
      (at_min ? inst.plan.energy_share[i].min : inst.plan.energy_share[i].max) += 0.01 * delta;
      break;
    case RowKind::kBudget: *inst.plan.budget_per_week += delta; break;
    case RowKind::kMinutes: *inst.plan.max_minutes_per_day += delta; break;
  }
}

// The LP value is convex in the bounds, so every dual is a subgradient: the
// left difference quotient <= price <= the right one. Where the two agree
// (no kink) the price must equal them.
struct DifferenceCheck {
  int prices = 0;
  int smooth = 0;  // Prices at a point without a kink.
};

DifferenceCheck ExpectPricesMatchDifferences(const PlanInstance& inst, double eps) {
  Result<LpSensitivity> s = ShadowPrices(inst);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  if (!s.ok()) return {};
  int smooth = 0;
  for (const RowPrice& p : s->prices) {
    PlanInstance up = inst, down = inst;
    MoveBound(up, p.kind, p.row, p.at_min, eps);
    MoveBound(down, p.kind, p.row, p.at_min, -eps);
    const double right = (LpObjective(up) - s->lp_objective) / eps;
    const double left = (s->lp_objective - LpObjective(down)) / eps;
    const double tol = 1e-5 * std::max(1.0, std::fabs(p.price));
    const std::string what = "kind " + std::to_string(static_cast<int>(p.kind)) + " row " + std::to_string(p.row) +
                             (p.at_min ? " min" : " max");
    EXPECT_TRUE(p.binding) << what;
    EXPECT_LE(left, p.price + tol) << what << " right " << right;
    EXPECT_GE(right, p.price - tol) << what << " left " << left;
    if (std::fabs(right - left) <= tol) {
      EXPECT_NEAR(p.price, right, tol) << what;
      ++smooth;
    }
  }
  for (size_t i = 1; i < s->prices.size(); ++i) {
    EXPECT_GE(std::fabs(s->prices[i - 1].price), std::fabs(s->prices[i].price));
  }
  return {static_cast<int>(s->prices.size()), smooth};
}

TEST(SensitivityShadowPrices, TinyFixtureMatchesFiniteDifferences) {
  const PlanInstance inst = Tiny();
  const double brute = testing::BruteForceOptimum(inst);
  EXPECT_LE(LpObjective(inst), brute + 1e-9) << "the relaxation is a lower bound";
  const DifferenceCheck check = ExpectPricesMatchDifferences(inst, 1e-3);
  EXPECT_GT(check.prices, 0);
  EXPECT_EQ(check.smooth, check.prices);

  // A row that is not reported has price 0, which must also sit between the
  // one-sided differences of both of its bounds.
  Result<LpSensitivity> s = ShadowPrices(inst);
  ASSERT_TRUE(s.ok());
  for (int k = 0; k < static_cast<int>(inst.plan.daily.size()); ++k) {
    for (bool at_min : {true, false}) {
      const NutrientRow& row = inst.plan.daily[static_cast<size_t>(k)];
      if (!std::isfinite(at_min ? row.min : row.max)) continue;
      const bool reported = std::any_of(s->prices.begin(), s->prices.end(), [&](const RowPrice& p) {
        return p.kind == RowKind::kDaily && p.row == k && p.at_min == at_min;
      });
      if (reported) continue;
      PlanInstance up = inst, down = inst;
      MoveBound(up, RowKind::kDaily, k, at_min, 1e-3);
      MoveBound(down, RowKind::kDaily, k, at_min, -1e-3);
      EXPECT_GE(LpObjective(up) - s->lp_objective, -1e-8) << "daily " << k;
      EXPECT_LE(s->lp_objective - LpObjective(down), 1e-8) << "daily " << k;
    }
  }
}

TEST(SensitivityShadowPrices, GeneratedSoftInstanceMatchesFiniteDifferences) {
  PlanInstance inst = GenerateInstance({.recipes = 30, .seed = 3, .days = 2});
  // Half the rows soft, tightened so that some of them are priced by their
  // penalty; a cooking-time limit that binds.
  for (size_t k = 0; k < inst.plan.daily.size(); k += 2) {
    NutrientRow& row = inst.plan.daily[k];
    row.penalty = 0.01;
    if (std::isfinite(row.min) && row.min * 1.3 < row.max) row.min *= 1.3;
  }
  for (size_t k = 0; k < inst.plan.weekly_average.size(); k += 2) inst.plan.weekly_average[k].penalty = 0.02;
  for (size_t r = 0; r < inst.recipes.size(); ++r) inst.recipes[r].minutes = static_cast<double>(10 + 7 * (r % 5));
  inst.plan.max_minutes_per_day = 70;
  Result<LpSensitivity> s = ShadowPrices(inst);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  for (RowKind kind : {RowKind::kDaily, RowKind::kWeekly, RowKind::kMinutes}) {
    EXPECT_TRUE(std::any_of(s->prices.begin(), s->prices.end(), [&](const RowPrice& p) { return p.kind == kind; }))
        << "kind " << static_cast<int>(kind);
  }
  const DifferenceCheck check = ExpectPricesMatchDifferences(inst, 1e-4);
  EXPECT_EQ(check.smooth, check.prices);
}

TEST(SensitivityShadowPrices, FixedCellIsHonoured) {
  // Fixing the expensive recipe B in the only cell: no mix, protein 30 is
  // slack, so no price at all.
  PlanInstance inst = ProteinMix();
  inst.plan.fixed = {{0, 1, std::nullopt}};
  Result<LpSensitivity> s = ShadowPrices(inst);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NEAR(s->lp_objective, 4, 1e-9);
  EXPECT_TRUE(s->prices.empty());
}

TEST(SensitivityShadowPrices, BrokenFixedCellIsInvalidArgument) {
  PlanInstance inst = ProteinMix();
  inst.plan.fixed = {{5, 0, std::nullopt}};
  Result<LpSensitivity> s = ShadowPrices(inst);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
}

// Breakfast: A (400 kcal, 10 g), B (300 kcal, 20 g); dinner: C (600 kcal,
// 30 g), D (500 kcal, 40 g); servings 0.5..1.5.
PlanInstance TwoSlotDay() {
  PlanInstance inst = Base(1, {"breakfast", "dinner"}, {0.5, 1.5, 0.5});
  AddRecipe(inst, "a", {0}, 400, 10, 1);
  AddRecipe(inst, "b", {0}, 300, 20, 1);
  AddRecipe(inst, "c", {1}, 600, 30, 1);
  AddRecipe(inst, "d", {1}, 500, 40, 1);
  return inst;
}

TEST(SensitivityMaxReachable, WithoutEnergyMaximumTakesTheTopServings) {
  Result<double> v = MaxReachable(TwoSlotDay(), 0, kProtein);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_NEAR(*v, 1.5 * 20 + 1.5 * 40, 1e-9);
}

TEST(SensitivityMaxReachable, HandComputedUnderEnergyMaximum) {
  // B and D at 1.5 give 90 g in 1200 kcal. With at most 1000 kcal, the 200
  // kcal come off B (20/300 g per kcal, less than D's 40/500): B at
  // 1.5 - 2/3, protein 60 + 20 * 5/6.
  PlanInstance inst = TwoSlotDay();
  inst.plan.daily = {Row(kEnergy, 800, 1000), Row(kProtein, 10, kInf)};
  Result<double> v = MaxReachable(inst, 0, kProtein);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_NEAR(*v, 60 + 20 * 5.0 / 6, 1e-7);
}

TEST(SensitivityMaxReachable, UsesThePersonsShareAndEnergyMaximum) {
  // The second person eats half of every cell and may have 500 kcal: half
  // of the previous day.
  PlanInstance inst = TwoSlotDay();
  inst.people = {{"a", 1.0}, {"b", 0.5}};
  inst.plan.daily = {Row(kEnergy, -kInf, 2000, kInf, 0), Row(kEnergy, -kInf, 500, kInf, 1)};
  Result<double> v = MaxReachable(inst, 1, kProtein);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_NEAR(*v, (60 + 20 * 5.0 / 6) / 2, 1e-7);
  // The first person's 2000 kcal do not bind: 90 g.
  v = MaxReachable(inst, 0, kProtein);
  ASSERT_TRUE(v.ok());
  EXPECT_NEAR(*v, 90, 1e-7);
}

TEST(SensitivityMaxReachable, BoundsEveryGridDayMenu) {
  // The LP is a relaxation: no day menu on the grid within the energy
  // maximum gets more.
  const PlanInstance inst = Tiny();
  Result<double> v = MaxReachable(inst, 0, kProtein);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  const std::vector<double> levels = ServingLevels(inst.plan.servings);
  double best = 0;
  for (int b = 0; b < static_cast<int>(inst.recipes.size()); ++b) {
    for (int d = 0; d < static_cast<int>(inst.recipes.size()); ++d) {
      const RecipeDef& rb = inst.recipes[static_cast<size_t>(b)];
      const RecipeDef& rd = inst.recipes[static_cast<size_t>(d)];
      if (b == d || IsExcluded(inst, b) || IsExcluded(inst, d)) continue;
      if (std::count(rb.slots.begin(), rb.slots.end(), 0) == 0 || std::count(rd.slots.begin(), rd.slots.end(), 1) == 0) {
        continue;
      }
      for (double lb : levels) {
        for (double ld : levels) {
          if (lb * rb.nutrients[kEnergy] + ld * rd.nutrients[kEnergy] > 1200) continue;
          best = std::max(best, lb * rb.nutrients[kProtein] + ld * rd.nutrients[kProtein]);
        }
      }
    }
  }
  EXPECT_GE(*v, best - 1e-9);
}

TEST(SensitivityMaxReachable, IndicesOutOfRangeAreInvalid) {
  const PlanInstance inst = TwoSlotDay();
  EXPECT_EQ(MaxReachable(inst, 1, kProtein).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(MaxReachable(inst, 0, 2).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(MaxReachable(inst, -1, 0).status().code(), StatusCode::kInvalidArgument);
}

// The reference for Alternatives: every other recipe and level in one cell,
// scored by `score` (the plan's total, or nullopt if it breaks a hard rule),
// the best level per recipe, best first (ties within `tie` keep recipe order).
std::vector<Alternative> ReferenceAlternatives(const PlanInstance& inst, const Plan& plan, int cell,
                                               const std::function<std::optional<double>(const Plan&)>& score,
                                               double tie) {
  const double base = *score(plan);
  std::vector<Alternative> out;
  for (int r = 0; r < static_cast<int>(inst.recipes.size()); ++r) {
    if (r == plan.cells[static_cast<size_t>(cell)].recipe) continue;
    std::optional<Alternative> best;
    for (double level : ServingLevels(inst.plan.servings)) {
      Plan trial = plan;
      trial.cells[static_cast<size_t>(cell)] = {r, level};
      const std::optional<double> total = score(trial);
      if (!total) continue;
      const double change = *total - base;
      if (!best || change < best->objective_change - tie) best = Alternative{r, level, change};
    }
    if (best) out.push_back(*best);
  }
  std::stable_sort(out.begin(), out.end(), [tie](const Alternative& x, const Alternative& y) {
    return x.objective_change < y.objective_change - tie;
  });
  return out;
}

// Independent brute force (test_util's own rules) over one cell of a plan of
// an instance without soft rows, people, caps or cooking time.
std::vector<Alternative> BruteForceAlternatives(const PlanInstance& inst, const Plan& plan, int cell) {
  return ReferenceAlternatives(
      inst, plan, cell,
      [&](const Plan& p) -> std::optional<double> {
        if (!testing::IndependentlyFeasible(inst, p)) return std::nullopt;
        return testing::IndependentObjective(inst, p);
      },
      1e-12);
}

TEST(SensitivityAlternatives, TinyFixtureMatchesBruteForce) {
  const PlanInstance inst = Tiny();
  Result<SolveOutcome> solved = MakeCbcMipSolver()->Solve(inst, {.time_limit_s = 20});
  ASSERT_TRUE(solved.ok() && solved->plan) << solved.status().ToString();
  const Plan& plan = *solved->plan;
  int listed = 0;
  for (int cell = 0; cell < inst.num_cells(); ++cell) {
    const std::vector<Alternative> got = Alternatives(inst, plan, cell, 100);
    const std::vector<Alternative> want = BruteForceAlternatives(inst, plan, cell);
    ASSERT_EQ(got.size(), want.size()) << "cell " << cell;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].recipe, want[i].recipe) << "cell " << cell << " #" << i;
      EXPECT_EQ(got[i].servings, want[i].servings) << "cell " << cell << " #" << i;
      EXPECT_NEAR(got[i].objective_change, want[i].objective_change, 1e-9) << "cell " << cell << " #" << i;
    }
    listed += static_cast<int>(got.size());
    if (!got.empty()) {
      const std::vector<Alternative> first = Alternatives(inst, plan, cell, 1);
      ASSERT_EQ(first.size(), 1u);
      EXPECT_EQ(first[0].recipe, got[0].recipe);
    }
  }
  EXPECT_GT(listed, 0);
}

TEST(SensitivityAlternatives, SoftPenaltiesCountAndHardRulesFilter) {
  // One cell, protein >= 20 soft at 0.2 per gram, protein <= 60 hard.
  // Plan: B at 1 (30 g, 4 money). A at 1: 1 + 0.2 * 10 = 3 (at 0.5: 0.5 +
  // 0.2 * 15 = 3.5); C at 1: 2 (at 0.5: 1 + 0.2 * 10 = 3). D has 200 g at
  // any level (hard violation); E is excluded; F fits another slot.
  PlanInstance inst = Base(1, {"main", "side"}, {0.5, 1, 0.5});
  AddRecipe(inst, "a", {0}, 500, 10, 1);
  AddRecipe(inst, "b", {0}, 400, 30, 4);
  AddRecipe(inst, "c", {0}, 450, 20, 2);
  AddRecipe(inst, "d", {0}, 450, 200, 0.1);
  AddRecipe(inst, "e", {0}, 450, 30, 0.1);
  AddRecipe(inst, "f", {1}, 100, 0, 0.1);
  inst.plan.exclude_recipes = {"e"};
  inst.plan.daily = {Row(kProtein, 20, kInf, 0.2), Row(kProtein, -kInf, 60)};
  Plan plan;
  plan.cells = {{1, 1.0}, {5, 0.5}};
  const PlanCheck before = CheckInstancePlan(inst, plan);
  ASSERT_TRUE(before.ok());
  ASSERT_NEAR(before.total(), 4.05, 1e-9);

  const std::vector<Alternative> alts = Alternatives(inst, plan, 0, 5);
  ASSERT_EQ(alts.size(), 2u);
  EXPECT_EQ(alts[0].recipe, 2);
  EXPECT_EQ(alts[0].servings, 1.0);
  EXPECT_NEAR(alts[0].objective_change, 2 - 4, 1e-9);
  EXPECT_EQ(alts[1].recipe, 0);
  EXPECT_EQ(alts[1].servings, 1.0);
  EXPECT_NEAR(alts[1].objective_change, 3 - 4, 1e-9);
  EXPECT_EQ(Alternatives(inst, plan, 0, 1).size(), 1u);
  EXPECT_TRUE(Alternatives(inst, plan, 0, 0).empty());
  // The side slot has no other recipe.
  EXPECT_TRUE(Alternatives(inst, plan, 1, 5).empty());
}

TEST(SensitivityAlternatives, FixedCellHasNone) {
  PlanInstance inst = ProteinMix();
  inst.plan.daily.clear();
  inst.plan.fixed = {{0, 1, std::nullopt}};
  Plan plan;
  plan.cells = {{1, 1.0}};
  EXPECT_TRUE(Alternatives(inst, plan, 0, 3).empty());
  inst.plan.fixed.clear();
  ASSERT_EQ(Alternatives(inst, plan, 0, 3).size(), 1u);
}

TEST(SensitivityAlternatives, VarietyAndBudgetAreKept) {
  // Two days, one slot, at most one use of a recipe per week and a budget
  // of 5: with A on day 0, day 1 may not switch to A; B (4) would spend 5.
  // C (3.5) fits; D (5) breaks the budget.
  PlanInstance inst = Base(2, {"main"}, {1, 1, 0});
  AddRecipe(inst, "a", {0}, 500, 10, 1);
  AddRecipe(inst, "b", {0}, 400, 30, 4);
  AddRecipe(inst, "c", {0}, 400, 30, 3.5);
  AddRecipe(inst, "d", {0}, 400, 30, 5);
  AddRecipe(inst, "e", {0}, 400, 30, 2);
  inst.plan.max_uses_per_week = 1;
  inst.plan.budget_per_week = 5;
  Plan plan;
  plan.cells = {{0, 1.0}, {4, 1.0}};
  const std::vector<Alternative> alts = Alternatives(inst, plan, 1, 10);
  ASSERT_EQ(alts.size(), 2u);
  EXPECT_EQ(alts[0].recipe, 2);
  EXPECT_NEAR(alts[0].objective_change, 1.5, 1e-9);
  EXPECT_EQ(alts[1].recipe, 1);
  EXPECT_NEAR(alts[1].objective_change, 2, 1e-9);
}

// Every candidate through CheckInstancePlan (exact totals, no tolerance).
std::vector<Alternative> CheckedAlternatives(const PlanInstance& inst, const Plan& plan, int cell) {
  return ReferenceAlternatives(
      inst, plan, cell,
      [&](const Plan& p) -> std::optional<double> {
        const PlanCheck check = CheckInstancePlan(inst, p);
        if (!check.ok()) return std::nullopt;
        return check.total();
      },
      0.0);
}

// A generated instance with every extension: two people, soft rows, a
// per-meal cap, a cooking-time limit, a fixed cell, a tight budget; and a
// random plan that keeps the hard rules, with the limits set just above it
// so that some swaps break them (every hard rule rejects some swap).
struct Scenario {
  PlanInstance inst;
  Plan plan;
};

Scenario ExtendedScenario(std::uint64_t seed) {
  Scenario sc;
  PlanInstance& inst = sc.inst;
  inst = GenerateInstance({.recipes = 40, .seed = seed, .days = 3});
  inst.people = {{"a", 1.0}, {"b", 0.6}};
  const size_t rows = inst.plan.daily.size();
  for (size_t k = 0; k < rows; ++k) {
    NutrientRow copy = inst.plan.daily[k];
    copy.person = 1;
    copy.min *= 0.6;
    copy.max *= 0.6;
    inst.plan.daily.push_back(copy);
  }
  for (NutrientRow& row : inst.plan.daily) row.penalty = 0.01 * (1 + row.nutrient % 3);
  for (NutrientRow& row : inst.plan.weekly_average) row.penalty = 0.05;
  for (EnergyShareRow& row : inst.plan.energy_share) row.penalty = 0.002;
  std::mt19937 rng(static_cast<unsigned>(seed));
  for (RecipeDef& r : inst.recipes) r.minutes = static_cast<double>(5 + rng() % 40);
  inst.plan.objective.minutes = 0.01;

  const std::vector<double> levels = ServingLevels(inst.plan.servings);
  const int slots = inst.num_slots();
  sc.plan.cells.resize(static_cast<size_t>(inst.num_cells()));
  std::vector<int> week_uses(inst.recipes.size(), 0);
  for (int c = 0; c < inst.num_cells(); ++c) {
    std::vector<int> options;
    for (int r = 0; r < static_cast<int>(inst.recipes.size()); ++r) {
      const RecipeDef& rd = inst.recipes[static_cast<size_t>(r)];
      bool used_today = false;
      for (int t = c - c % slots; t < c; ++t) used_today = used_today || sc.plan.cells[static_cast<size_t>(t)].recipe == r;
      if (std::count(rd.slots.begin(), rd.slots.end(), c % slots) > 0 && !IsExcluded(inst, r) && !used_today &&
          week_uses[static_cast<size_t>(r)] < *inst.plan.max_uses_per_week) {
        options.push_back(r);
      }
    }
    EXPECT_FALSE(options.empty());
    const int r = options[rng() % options.size()];
    ++week_uses[static_cast<size_t>(r)];
    sc.plan.cells[static_cast<size_t>(c)] = {r, levels[rng() % levels.size()]};
  }
  // Limits just above the plan.
  double spend = 0, cap = 0, minutes = 0;
  for (int c = 0; c < inst.num_cells(); ++c) {
    const PlanCell& pc = sc.plan.cells[static_cast<size_t>(c)];
    const RecipeDef& rd = inst.recipes[static_cast<size_t>(pc.recipe)];
    spend += pc.servings * inst.total_share() * rd.cost;
    cap = std::max(cap, pc.servings * 0.6 * rd.nutrients[1]);
    double day_minutes = 0;
    for (int t = c - c % slots; t < c - c % slots + slots; ++t) {
      day_minutes += inst.recipes[static_cast<size_t>(sc.plan.cells[static_cast<size_t>(t)].recipe)].minutes;
    }
    minutes = std::max(minutes, day_minutes);
  }
  inst.plan.budget_per_week = spend * 1.02;
  inst.plan.per_meal = {{1, cap, 1}};
  inst.plan.max_minutes_per_day = minutes + 5;
  inst.plan.fixed = {{1, sc.plan.cells[1].recipe, sc.plan.cells[1].servings}};
  return sc;
}

TEST(SensitivityAlternatives, MatchesCheckInstancePlanWithEveryExtension) {
  for (std::uint64_t seed : {1u, 2u}) {
    const Scenario sc = ExtendedScenario(seed);
    const PlanCheck check = CheckInstancePlan(sc.inst, sc.plan);
    ASSERT_TRUE(check.ok()) << check.violations.front();
    ASSERT_GT(check.soft_penalty, 0);
    EXPECT_TRUE(Alternatives(sc.inst, sc.plan, 1, 100).empty()) << "fixed cell";
    size_t listed = 0;
    for (int cell = 0; cell < sc.inst.num_cells(); ++cell) {
      if (cell == 1) continue;
      const std::vector<Alternative> got = Alternatives(sc.inst, sc.plan, cell, 1000);
      const std::vector<Alternative> want = CheckedAlternatives(sc.inst, sc.plan, cell);
      ASSERT_EQ(got.size(), want.size()) << "seed " << seed << " cell " << cell;
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].recipe, want[i].recipe) << "seed " << seed << " cell " << cell << " #" << i;
        EXPECT_EQ(got[i].servings, want[i].servings) << "seed " << seed << " cell " << cell << " #" << i;
        EXPECT_EQ(got[i].objective_change, want[i].objective_change) << "seed " << seed << " cell " << cell;
      }
      listed += got.size();
    }
    EXPECT_GT(listed, 0u);
  }
}

}  // namespace
}  // namespace hearth::planner
