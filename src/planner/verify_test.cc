#include "hearth/planner/verify.h"

#include <gtest/gtest.h>

#include "hearth/planner/instance_io.h"
#include "planner/test_util.h"

namespace hearth::planner {
namespace {

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<PlanInstance> r = ParseInstanceJson(testing::ReadFixture("tiny.json"));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    inst_ = std::move(r).value();
  }
  // Recipes: 0 oats, 1 eggs, 2 lentils, 3 salmon, 4 peanut toast (excluded).
  PlanInstance inst_;
};

TEST_F(VerifyTest, AcceptsFeasiblePlanAndRecomputesObjective) {
  const Plan plan{{{0, 1.0}, {2, 1.0}, {1, 1.0}, {3, 1.0}}};
  const PlanCheck check = CheckInstancePlan(inst_, plan);
  EXPECT_TRUE(check.ok()) << (check.violations.empty() ? "" : check.violations[0]);
  // By hand: oats .8+.5*.2, lentils 1.2+.5*.3+.1*1, eggs 1.5+.5*.6+.1*3, salmon 4+.5*1.1.
  EXPECT_NEAR(check.objective, 0.9 + 1.45 + 2.1 + 4.55, 1e-12);
  EXPECT_TRUE(VerifyInstancePlan(inst_, plan).ok());
  EXPECT_TRUE(testing::IndependentlyFeasible(inst_, plan));
}

struct Broken {
  const char* label;
  Plan plan;
  const char* first_violation;
};

TEST_F(VerifyTest, ReportsEachBrokenRule) {
  const Broken cases[] = {
      {"day variety", {{{1, 1.0}, {1, 1.0}, {0, 1.0}, {3, 1.0}}},
       "day 0: recipe eggs used 2 times > max_uses_per_day 1"},
      {"off-grid servings", {{{0, 0.75}, {2, 1.0}, {1, 1.0}, {3, 1.0}}},
       "day 0 slot breakfast: servings 0.75 not a multiple of step 0.5"},
      {"energy too low", {{{0, 0.5}, {2, 0.5}, {1, 1.0}, {3, 1.0}}}, "day 0 daily[0] energy_kcal 500 < min 800"},
      {"slot not allowed", {{{2, 1.0}, {2, 1.0}, {1, 1.0}, {3, 1.0}}},
       "day 0 slot breakfast: recipe lentils not allowed in this slot"},
      {"excluded", {{{4, 1.0}, {2, 1.0}, {1, 1.0}, {3, 1.0}}}, "day 0 slot breakfast: recipe pb is excluded"},
      {"weekly average", {{{0, 1.0}, {2, 1.0}, {0, 1.0}, {2, 1.0}}}, "weekly_average[0] vitamin_d_ug 0.5 < min 3"},
      {"budget", {{{1, 1.0}, {3, 1.5}, {0, 0.5}, {3, 1.5}}}, "spend 13.9 > max 12"},
  };
  for (const Broken& c : cases) {
    const PlanCheck check = CheckInstancePlan(inst_, c.plan);
    ASSERT_FALSE(check.ok()) << c.label;
    EXPECT_EQ(check.violations.front(), c.first_violation) << c.label;
    EXPECT_FALSE(testing::IndependentlyFeasible(inst_, c.plan)) << c.label;
    EXPECT_EQ(VerifyInstancePlan(inst_, c.plan).code(), StatusCode::kInvalidArgument) << c.label;
  }
}

TEST_F(VerifyTest, ToleranceIsRelative) {
  // 1e-7 relative over a max is accepted, 1e-5 is not.
  inst_.plan.daily[0].max = 1000 * (1 - 1e-7);
  EXPECT_TRUE(VerifyInstancePlan(inst_, Plan{{{0, 1.0}, {2, 1.0}, {1, 1.0}, {3, 1.0}}}).ok());
  inst_.plan.daily[0].max = 1000 * (1 - 1e-5);
  EXPECT_FALSE(VerifyInstancePlan(inst_, Plan{{{0, 1.0}, {2, 1.0}, {1, 1.0}, {3, 1.0}}}).ok());
}

TEST_F(VerifyTest, SoftRowsArePenalisedNotViolations) {
  inst_.plan.daily[0].penalty = 2.0;
  // Day 0 has 575 kcal: 225 short of the soft minimum of 800.
  const PlanCheck check = CheckInstancePlan(inst_, Plan{{{1, 1.0}, {3, 0.5}, {0, 1.0}, {2, 1.0}}});
  EXPECT_TRUE(check.ok()) << (check.violations.empty() ? "" : check.violations[0]);
  EXPECT_NEAR(check.soft_penalty, 2.0 * 225, 1e-9);
}

TEST_F(VerifyTest, WrongCellCount) {
  EXPECT_FALSE(VerifyInstancePlan(inst_, Plan{{{0, 1.0}}}).ok());
}

}  // namespace
}  // namespace hearth::planner
