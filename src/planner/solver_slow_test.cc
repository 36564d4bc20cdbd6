// Larger solver checks; labelled `slow` (run with `ctest -L slow`).
#include <gtest/gtest.h>

#include "hearth/planner/generator.h"
#include "hearth/planner/solver.h"
#include "hearth/planner/verify.h"
#include "planner/test_util.h"

namespace hearth::planner {
namespace {

TEST(DecompositionSolverTest, PlansVerifyAndBoundIsBelowObjective) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const PlanInstance inst = GenerateInstance({.recipes = 150, .seed = seed});
    Result<SolveOutcome> out = MakeDecompositionSolver()->Solve(inst, {.time_limit_s = 20, .seed = seed});
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ASSERT_TRUE(out->plan.has_value()) << "seed " << seed;
    EXPECT_TRUE(testing::IndependentlyFeasible(inst, *out->plan)) << "seed " << seed;
    const double objective = testing::IndependentObjective(inst, *out->plan);
    EXPECT_NEAR(out->objective, objective, 1e-9 * objective);
    ASSERT_TRUE(out->bound.has_value());
    EXPECT_LE(*out->bound, objective + 1e-9);
    EXPECT_GT(*out->bound, 0.5 * objective) << "the decomposition bound should be tight";
    ASSERT_FALSE(out->incumbents.empty());
    EXPECT_DOUBLE_EQ(out->incumbents.back().objective, out->objective);
  }
}

TEST(DecompositionSolverTest, SameSeedSamePlanOnLargerInstance) {
  const PlanInstance inst = GenerateInstance({.recipes = 300, .seed = 9});
  const SolveOptions options{.time_limit_s = 120, .seed = 3};
  Result<SolveOutcome> a = MakeDecompositionSolver()->Solve(inst, options);
  Result<SolveOutcome> b = MakeDecompositionSolver()->Solve(inst, options);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(a->plan && b->plan);
  ASSERT_EQ(a->plan->cells.size(), b->plan->cells.size());
  for (size_t c = 0; c < a->plan->cells.size(); ++c) {
    EXPECT_EQ(a->plan->cells[c].recipe, b->plan->cells[c].recipe) << "cell " << c;
    EXPECT_EQ(a->plan->cells[c].servings, b->plan->cells[c].servings) << "cell " << c;
  }
}

}  // namespace
}  // namespace hearth::planner
