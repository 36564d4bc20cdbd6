#include "hearth/core/units.h"

#include <gtest/gtest.h>

namespace hearth {
namespace {

Food Onion() {
  Food f;
  f.id = FoodId{11282};
  f.name = "Onions, raw";
  f.measures = {{1, "cup, chopped", 160}, {1, "medium (2-1/2\" dia)", 110}, {1, "tbsp chopped", 10}};
  return f;
}

TEST(FormatFraction, QuartersAndThirds) {
  EXPECT_EQ(FormatFraction(1.5), "1 1/2");
  EXPECT_EQ(FormatFraction(0.25), "1/4");
  EXPECT_EQ(FormatFraction(2.0), "2");
  EXPECT_EQ(FormatFraction(0.34), "1/3");
  EXPECT_EQ(FormatFraction(0.97), "1");
}

TEST(ToGrams, MassUnitsAndHouseholdMeasures) {
  Food onion = Onion();
  EXPECT_DOUBLE_EQ(*ToGrams(onion, 2, "kg"), 2000);
  EXPECT_NEAR(*ToGrams(onion, 1, "lb"), 453.59, 0.01);
  EXPECT_DOUBLE_EQ(*ToGrams(onion, 2, "cup, chopped"), 320);
  EXPECT_DOUBLE_EQ(*ToGrams(onion, 0.5, "cup"), 80);
  EXPECT_DOUBLE_EQ(*ToGrams(onion, 1, "medium"), 110);
}

TEST(ToGrams, UnknownUnitNamesFoodAndMeasures) {
  Result<double> r = ToGrams(Onion(), 1, "bushel");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "no conversion from \"bushel\" to grams for 11282 Onions, raw: use g, kg, oz, lb or one "
            "of: cup, chopped; medium (2-1/2\" dia); tbsp chopped");
  EXPECT_FALSE(ToGrams(Onion(), -1, "g").ok());
}

TEST(HouseholdAmount, PicksAReadableMeasure) {
  EXPECT_EQ(*HouseholdAmount(Onion(), 240), "1 1/2 cup, chopped");
  EXPECT_EQ(*HouseholdAmount(Onion(), 110), "1 medium (2-1/2\" dia)");
  Food bare;
  EXPECT_FALSE(HouseholdAmount(bare, 100).has_value());
}

}  // namespace
}  // namespace hearth
