#include "hearth/core/traits.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hearth {
namespace {

TEST(Traits, AllergenKeysAreUniqueAndRoundTrip) {
  std::set<std::string> keys;
  for (int i = 0; i < kNumAllergens; ++i) {
    const auto a = static_cast<Allergen>(i);
    EXPECT_TRUE(keys.insert(std::string(AllergenKey(a))).second) << AllergenKey(a);
    ASSERT_TRUE(AllergenFromKey(AllergenKey(a)).has_value()) << AllergenKey(a);
    EXPECT_EQ(*AllergenFromKey(AllergenKey(a)), a);
  }
  EXPECT_EQ(AllergenKey(Allergen::kTreeNut), "tree_nut");
  EXPECT_EQ(AllergenKey(Allergen::kMolluscs), "molluscs");
  EXPECT_FALSE(AllergenFromKey("nuts").has_value());
  EXPECT_FALSE(AllergenFromKey("").has_value());
}

TEST(Traits, DietKeysAreUniqueAndRoundTrip) {
  std::set<std::string> keys;
  for (int i = 0; i < kNumDiets; ++i) {
    const auto d = static_cast<Diet>(i);
    EXPECT_TRUE(keys.insert(std::string(DietKey(d))).second) << DietKey(d);
    ASSERT_TRUE(DietFromKey(DietKey(d)).has_value()) << DietKey(d);
    EXPECT_EQ(*DietFromKey(DietKey(d)), d);
  }
  EXPECT_EQ(DietKey(Diet::kGlutenFree), "gluten_free");
  EXPECT_FALSE(DietFromKey("paleo").has_value());
}

TEST(Traits, HasAddAndOr) {
  FoodTraits a;
  a.Add(Allergen::kPeanut);
  a.meat = true;
  FoodTraits b;
  b.Add(Allergen::kMolluscs);
  b.alcohol = true;
  b.non_kosher_species = true;
  a |= b;
  EXPECT_TRUE(a.Has(Allergen::kPeanut));
  EXPECT_TRUE(a.Has(Allergen::kMolluscs));
  EXPECT_FALSE(a.Has(Allergen::kMilk));
  EXPECT_TRUE(a.meat);
  EXPECT_TRUE(a.alcohol);
  EXPECT_TRUE(a.non_kosher_species);
  EXPECT_FALSE(a.pork);
  EXPECT_EQ(AllergensOf(a), (std::vector<Allergen>{Allergen::kPeanut, Allergen::kMolluscs}));
}

// One row per kind of content: which diets it still fits.
struct DietRow {
  const char* what;
  FoodTraits traits;
  // vegan, vegetarian, pescatarian, halal, kosher, gluten_free, dairy_free
  bool fits[kNumDiets];
};

FoodTraits With(bool FoodTraits::*flag) {
  FoodTraits t;
  t.*flag = true;
  return t;
}
FoodTraits With(Allergen a) {
  FoodTraits t;
  t.Add(a);
  return t;
}
FoodTraits Both(FoodTraits a, const FoodTraits& b) {
  a |= b;
  return a;
}

TEST(FitsDiet, TruthTable) {
  const DietRow kRows[] = {
      // fits: vegan, vegetarian, pescatarian, halal, kosher, gluten_free, dairy_free.
      {"nothing", FoodTraits{}, {true, true, true, true, true, true, true}},
      {"meat", With(&FoodTraits::meat), {false, false, false, true, true, true, true}},
      {"pork",
       Both(With(&FoodTraits::pork), With(&FoodTraits::meat)),
       {false, false, false, false, false, true, true}},
      {"fish",
       Both(With(&FoodTraits::fish), With(Allergen::kFish)),
       {false, false, true, true, true, true, true}},
      {"shellfish",
       Both(With(&FoodTraits::shellfish), With(Allergen::kShellfish)),
       {false, false, true, true, false, true, true}},
      {"molluscs",
       Both(With(&FoodTraits::shellfish), With(Allergen::kMolluscs)),
       {false, false, true, true, false, true, true}},
      {"dairy",
       Both(With(&FoodTraits::dairy), With(Allergen::kMilk)),
       {false, true, true, true, true, true, false}},
      {"milk allergen only", With(Allergen::kMilk), {false, true, true, true, true, true, false}},
      {"egg",
       Both(With(&FoodTraits::egg), With(Allergen::kEgg)),
       {false, true, true, true, true, true, true}},
      {"honey", With(&FoodTraits::honey), {false, true, true, true, true, true, true}},
      {"alcohol", With(&FoodTraits::alcohol), {true, true, true, false, true, true, true}},
      {"gluten",
       Both(With(&FoodTraits::gluten), With(Allergen::kGluten)),
       {true, true, true, true, true, false, true}},
      {"wheat allergen only", With(Allergen::kWheat), {true, true, true, true, true, false, true}},
      {"blood", With(&FoodTraits::blood), {false, false, false, false, false, true, true}},
      {"meat and dairy",
       Both(With(&FoodTraits::meat), With(&FoodTraits::dairy)),
       {false, false, false, true, false, true, false}},
      {"fish and dairy",
       Both(With(&FoodTraits::fish), With(&FoodTraits::dairy)),
       {false, false, true, true, true, true, false}},
      {"non-kosher species",
       Both(With(&FoodTraits::meat), With(&FoodTraits::non_kosher_species)),
       {false, false, false, true, false, true, true}},
      {"non-halal species",
       Both(With(&FoodTraits::meat), With(&FoodTraits::non_halal_species)),
       {false, false, false, false, true, true, true}},
      {"peanut", With(Allergen::kPeanut), {true, true, true, true, true, true, true}},
      {"soy and sesame",
       Both(With(Allergen::kSoy), With(Allergen::kSesame)),
       {true, true, true, true, true, true, true}},
  };
  for (const auto& row : kRows) {
    for (int d = 0; d < kNumDiets; ++d) {
      const auto diet = static_cast<Diet>(d);
      EXPECT_EQ(FitsDiet(row.traits, diet), row.fits[d]) << row.what << " / " << DietKey(diet);
    }
    std::vector<Diet> expected;
    for (int d = 0; d < kNumDiets; ++d) {
      if (row.fits[d]) expected.push_back(static_cast<Diet>(d));
    }
    EXPECT_EQ(DietsOf(row.traits), expected) << row.what;
  }
}

TEST(FitsDiet, KosherMeatAndDairyAcrossFoods) {
  // A recipe's traits are the OR of its foods': beef and cheese separately
  // are each kosher-compatible, together they are not.
  const FoodTraits beef = With(&FoodTraits::meat);
  const FoodTraits cheese = Both(With(&FoodTraits::dairy), With(Allergen::kMilk));
  EXPECT_TRUE(FitsDiet(beef, Diet::kKosher));
  EXPECT_TRUE(FitsDiet(cheese, Diet::kKosher));
  EXPECT_FALSE(FitsDiet(Both(beef, cheese), Diet::kKosher));
}

}  // namespace
}  // namespace hearth
