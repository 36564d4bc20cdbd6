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
    const double objective = testing::IndependentObjective(inst, *out.plan);
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
