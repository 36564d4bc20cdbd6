#include "hearth/core/nutrients.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hearth {
namespace {

TEST(Nutrients, KeysAreUniqueAndRoundTrip) {
  std::set<std::string> keys;
  for (const auto& n : AllNutrients()) {
    EXPECT_TRUE(keys.insert(std::string(n.key)).second) << n.key;
    ASSERT_TRUE(NutrientFromKey(n.key).has_value());
    EXPECT_EQ(*NutrientFromKey(n.key), n.id);
  }
  EXPECT_EQ(keys.size(), static_cast<size_t>(kNumNutrients));
  EXPECT_FALSE(NutrientFromKey("vit_x").has_value());
}

TEST(Nutrients, UnitsMatchSr28Tags) {
  // The SR28 column tag ends with the unit; the registry must agree with it.
  for (const auto& n : AllNutrients()) {
    std::string tag(n.sr28_tag);
    std::string unit(n.unit == "µg" ? "ug" : n.unit);
    for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(tag.ends_with("_" + unit)) << n.key << " " << tag;
  }
}

}  // namespace
}  // namespace hearth
