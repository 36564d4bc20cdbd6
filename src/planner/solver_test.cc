#include "hearth/planner/solver.h"

#include <functional>
#include <memory>

#include <gtest/gtest.h>

#include "hearth/planner/generator.h"
#include "hearth/planner/instance_io.h"
#include "hearth/planner/verify.h"
#include "planner/test_util.h"

namespace hearth::planner {
namespace {

using SolverFactory = std::unique_ptr<Solver> (*)();

class SolverTest : public ::testing::TestWithParam<SolverFactory> {
 protected:
  static PlanInstance Tiny() {
    Result<PlanInstance> r = ParseInstanceJson(testing::ReadFixture("tiny.json"));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }
  static void ExpectProvenOptimal(const PlanInstance& inst, const SolveOutcome& out, double brute) {
    ASSERT_TRUE(out.plan.has_value());
    EXPECT_TRUE(testing::IndependentlyFeasible(inst, *out.plan));
    const double objective = testing::IndependentTotal(inst, *out.plan);
    EXPECT_NEAR(objective, brute, 1e-6 * std::max(1.0, brute));
    EXPECT_NEAR(out.objective, objective, 1e-9);
    EXPECT_EQ(out.status, SolveStatus::kOptimal);
    ASSERT_TRUE(out.bound.has_value());
    EXPECT_LE(*out.bound, brute + 1e-6 * std::max(1.0, brute));
    EXPECT_GE(*out.bound, brute - 1e-3 * std::max(1.0, brute));
  }
};

TEST_P(SolverTest, TinyMatchesBruteForce) {
  const PlanInstance inst = Tiny();
  const double brute = testing::BruteForceOptimum(inst);
  ASSERT_LT(brute, kInf);
  Result<SolveOutcome> out = GetParam()()->Solve(inst, {.time_limit_s = 20});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ExpectProvenOptimal(inst, *out, brute);
}

TEST_P(SolverTest, GeneratedOneDayMatchesBruteForce) {
  for (std::uint64_t seed : {1u, 2u}) {
    const PlanInstance inst = GenerateInstance({.recipes = 12, .seed = seed, .days = 1});
    const double brute = testing::BruteForceOptimum(inst);
    ASSERT_LT(brute, kInf) << "the generator plants a feasible plan";
    Result<SolveOutcome> out = GetParam()()->Solve(inst, {.time_limit_s = 20});
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ExpectProvenOptimal(inst, *out, brute);
  }
}

// Soft rows: the impossible energy band no longer ends in "no plan"; the
// optimum trades its penalty against cost exactly as the brute force does.
TEST_P(SolverTest, SoftRowsMatchBruteForce) {
  PlanInstance inst = Tiny();
  inst.plan.daily[0].min = 5000;  // Unreachable with these recipes.
  inst.plan.daily[0].max = 6000;
  inst.plan.daily[0].penalty = 0.01;          // Per kcal short.
  inst.plan.weekly_average[0].min = 20;       // Vitamin D: out of reach too.
  inst.plan.weekly_average[0].penalty = 0.5;  // Per ug of the average.
  const double brute = testing::BruteForceOptimum(inst);
  ASSERT_LT(brute, kInf);
  Result<SolveOutcome> out = GetParam()()->Solve(inst, {.time_limit_s = 20});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ExpectProvenOptimal(inst, *out, brute);
  EXPECT_GT(out->soft_penalty, 0);
  EXPECT_NEAR(out->soft_penalty, *testing::IndependentPenalty(inst, *out->plan), 1e-9);
}

// Generated one-day instances with every minimum raised out of reach and
// made soft: the pricing search's penalised values and bound must still
// give the exhaustive optimum.
TEST_P(SolverTest, GeneratedSoftOneDayMatchesBruteForce) {
  for (std::uint64_t seed : {1u, 2u}) {
    PlanInstance inst = GenerateInstance({.recipes = 12, .seed = seed, .days = 1});
    for (std::vector<NutrientRow>* rows : {&inst.plan.daily, &inst.plan.weekly_average}) {
      for (NutrientRow& row : *rows) {
        if (std::isfinite(row.min)) row.min = std::min(row.min * 1.3, row.max);
        row.penalty = 1.0 / std::max(1.0, std::isfinite(row.min) ? row.min : row.max);
      }
    }
    for (EnergyShareRow& row : inst.plan.energy_share) row.penalty = 0.01;
    inst.plan.budget_per_week.reset();
    const double brute = testing::BruteForceOptimum(inst);
    ASSERT_LT(brute, kInf);
    Result<SolveOutcome> out = GetParam()()->Solve(inst, {.time_limit_s = 20});
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ExpectProvenOptimal(inst, *out, brute);
  }
}

// A household of two with their own rows, a per-meal cap, a cooking-time
// limit and a fixed cell: the solvers agree with exhaustive search.
TEST_P(SolverTest, HouseholdCapsTimeAndFixedCellMatchBruteForce) {
  PlanInstance inst = Tiny();
  inst.people = {{"a", 1.0}, {"b", 0.5}};
  // Person b: a protein minimum on their half share, and a soft one.
  inst.plan.daily.push_back({.nutrient = 1, .min = 20, .max = kInf, .penalty = kInf, .person = 1});
  inst.plan.energy_share.push_back({.nutrient = 1, .kcal_per_unit = 4, .min = 0.12, .max = kInf, .penalty = 0.05, .person = 1});
  inst.plan.per_meal.push_back({.nutrient = 3, .max = 450, .person = 0});  // Sodium per meal.
  const double minutes[] = {5, 10, 45, 25, 2};
  for (size_t r = 0; r < inst.recipes.size(); ++r) inst.recipes[r].minutes = minutes[r];
  inst.plan.max_minutes_per_day = 40;
  inst.plan.objective.minutes = 0.01;
  inst.plan.budget_per_week = 30;
  inst.plan.fixed.push_back({.cell = 1, .recipe = 3, .servings = std::nullopt});  // Salmon, day 1 dinner.
  const double brute = testing::BruteForceOptimum(inst);
  ASSERT_LT(brute, kInf);
  Result<SolveOutcome> out = GetParam()()->Solve(inst, {.time_limit_s = 20});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE(out->plan.has_value());
  EXPECT_TRUE(testing::IndependentlyFeasible(inst, *out->plan));
  EXPECT_NEAR(testing::IndependentTotal(inst, *out->plan), brute, 1e-6 * std::max(1.0, brute));
  EXPECT_NEAR(out->objective, brute, 1e-6 * std::max(1.0, brute));
  EXPECT_EQ(out->plan->cells[1].recipe, 3);
  if (out->bound) {
    EXPECT_LE(*out->bound, brute + 1e-6 * std::max(1.0, brute));
  }
}

// A fixed cell the model cannot honour is an error that names it.
TEST_P(SolverTest, ImpossibleFixedCellIsAnError) {
  PlanInstance inst = Tiny();
  inst.plan.fixed.push_back({.cell = 0, .recipe = 2, .servings = std::nullopt});  // Lentils are no breakfast.
  Result<SolveOutcome> out = GetParam()()->Solve(inst, {.time_limit_s = 5});
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("fixed[0]"), std::string::npos) << out.status().ToString();
}

TEST_P(SolverTest, InfeasibleInstanceHasNoPlan) {
  PlanInstance inst = Tiny();
  inst.plan.daily[0].min = 5000;
  inst.plan.daily[0].max = 6000;
  Result<SolveOutcome> out = GetParam()()->Solve(inst, {.time_limit_s = 5});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_FALSE(out->plan.has_value());
  EXPECT_TRUE(out->status == SolveStatus::kInfeasible || out->status == SolveStatus::kTimeLimitNoPlan);
}

TEST_P(SolverTest, SameSeedSamePlan) {
  // The one-MILP baseline is slow: give it the tiny fixture.
  const bool baseline = GetParam()()->name() == "cbc-mip";
  const PlanInstance inst = baseline ? Tiny() : GenerateInstance({.recipes = 60, .seed = 4});
  SolveOptions options{.time_limit_s = 60, .seed = 7};
  Result<SolveOutcome> a = GetParam()()->Solve(inst, options);
  Result<SolveOutcome> b = GetParam()()->Solve(inst, options);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->plan.has_value(), b->plan.has_value());
  ASSERT_TRUE(a->plan.has_value());
  EXPECT_TRUE(VerifyInstancePlan(inst, *a->plan).ok());
  ASSERT_EQ(a->plan->cells.size(), b->plan->cells.size());
  for (size_t c = 0; c < a->plan->cells.size(); ++c) {
    EXPECT_EQ(a->plan->cells[c].recipe, b->plan->cells[c].recipe) << "cell " << c;
    EXPECT_EQ(a->plan->cells[c].servings, b->plan->cells[c].servings) << "cell " << c;
  }
}

TEST(DecompositionSolverTest, TimeLimitIsRespected) {
  const PlanInstance inst = GenerateInstance({.recipes = 3000, .seed = 2});
  const double limit = 0.5;
  Result<SolveOutcome> out = MakeDecompositionSolver()->Solve(inst, {.time_limit_s = limit});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  // Generous slack: sanitizer builds, a shared machine, one last pricing step.
  EXPECT_LT(out->seconds, limit + 1.5);
  if (out->plan) {
    EXPECT_TRUE(testing::IndependentlyFeasible(inst, *out->plan));
    EXPECT_NEAR(out->objective, testing::IndependentObjective(inst, *out->plan), 1e-9);
  }
}

INSTANTIATE_TEST_SUITE_P(Solvers, SolverTest, ::testing::Values(&MakeDecompositionSolver, &MakeCbcMipSolver),
                         [](const ::testing::TestParamInfo<SolverFactory>& p) {
                           return std::string(p.param()->name() == "cbc-mip" ? "CbcMip" : "Decomposition");
                         });

}  // namespace
}  // namespace hearth::planner
