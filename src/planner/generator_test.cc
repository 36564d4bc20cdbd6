#include "hearth/planner/generator.h"

#include <gtest/gtest.h>

#include "hearth/planner/instance_io.h"

namespace hearth::planner {
namespace {

TEST(GeneratorTest, SameSeedSameInstance) {
  const std::string a = InstanceToJson(GenerateInstance({.recipes = 200, .seed = 5}));
  const std::string b = InstanceToJson(GenerateInstance({.recipes = 200, .seed = 5}));
  const std::string c = InstanceToJson(GenerateInstance({.recipes = 200, .seed = 6}));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(GeneratorTest, HasTheDocumentedShape) {
  const PlanInstance inst = GenerateInstance({.recipes = 300, .seed = 1});
  EXPECT_EQ(inst.recipes.size(), 300u);
  EXPECT_EQ(inst.plan.days, 7);
  EXPECT_EQ(inst.num_slots(), 4);
  int daily_rows = 0;
  for (const NutrientRow& r : inst.plan.daily) daily_rows += (r.min > -kInf) + (r.max < kInf);
  EXPECT_GE(daily_rows, 28);
  int share_rows = 0;
  for (const EnergyShareRow& r : inst.plan.energy_share) share_rows += (r.min > -kInf) + (r.max < kInf);
  EXPECT_EQ(share_rows, 8);
  EXPECT_EQ(inst.plan.weekly_average.size(), 8u);
  EXPECT_EQ(inst.plan.max_uses_per_week, 2);
  EXPECT_EQ(inst.plan.max_uses_per_day, 1);
  EXPECT_EQ(inst.plan.exclude_allergens.size(), 2u);
  EXPECT_TRUE(inst.plan.budget_per_week.has_value());
  int excluded = 0;
  for (int r = 0; r < 300; ++r) excluded += IsExcluded(inst, r) ? 1 : 0;
  EXPECT_GT(excluded, 0);
  EXPECT_LT(excluded, 150);
  // The output parses under the format's rules.
  EXPECT_TRUE(ParseInstanceJson(InstanceToJson(inst)).ok());
}

}  // namespace
}  // namespace hearth::planner
