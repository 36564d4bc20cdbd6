// The shipped reference data loaded through the real importers: SR28 spot
// values, food search, recipe nutrition recomputed independently, derived
// allergens, and bad recipe files.
#include <gtest/gtest.h>

#include "test_catalog.h"

#include <cmath>
#include <filesystem>
#include <fstream>

#include "hearth/core/exclusions.h"
#include "hearth/service/catalog.h"

namespace hearth {
namespace {

const Catalog& Cat() { return TestCatalog(); }

const Food& FoodAt(int ndb) {
  const Food* f = Cat().foods().Find(FoodId{ndb});
  if (!f) {
    ADD_FAILURE() << "no food " << ndb;
    std::abort();
  }
  return *f;
}

TEST(Sr28, TablesAreWhole) {
  EXPECT_EQ(Cat().foods().foods().size(), 8789u);
  size_t measures = 0;
  for (const Food& f : Cat().foods().foods()) measures += f.measures.size();
  EXPECT_EQ(measures, 15438u);
}

TEST(Sr28, SpotValues) {
  const Food& apple = FoodAt(9003);
  EXPECT_EQ(apple.name, "Apples, raw, with skin");
  EXPECT_DOUBLE_EQ(apple.per_100g[Index(NutrientId::kEnergyKcal)], 52);
  EXPECT_EQ(apple.group, "Fruits and Fruit Juices");
  ASSERT_TRUE(FoodAt(1001).fdc_id.has_value());  // Butter, salted ↔ FoodData Central.
  EXPECT_EQ(*FoodAt(1001).fdc_id, 173410);
  const Food& egg = FoodAt(1123);
  EXPECT_EQ(egg.name, "Egg, whole, raw, fresh");
  EXPECT_DOUBLE_EQ(egg.per_100g[Index(NutrientId::kEnergyKcal)], 143);
  EXPECT_DOUBLE_EQ(egg.per_100g[Index(NutrientId::kProtein)], 12.56);
  EXPECT_DOUBLE_EQ(FoodAt(16069).per_100g[Index(NutrientId::kEnergyKcal)], 352);  // Lentils, raw.
  // A value SR28 does not report is marked so, not silently zero.
  EXPECT_FALSE(FoodAt(9003).Reported(NutrientId::kVitaminD) && FoodAt(9003).per_100g[Index(NutrientId::kVitaminD)] > 0);
}

TEST(FoodSearch, LentilsFindsSr28LentilsFirst) {
  auto hits = Cat().foods().Search("lentils", 5);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].food->id, FoodId{16069});
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(hits[i].food->name.rfind("Lentils", 0), 0u) << hits[i].food->name;
  EXPECT_EQ(Cat().foods().Search("apple", 1).at(0).food->id, FoodId{9003});
  EXPECT_EQ(Cat().foods().Search("oats", 1).at(0).food->id, FoodId{20038});
  EXPECT_TRUE(Cat().foods().Search("xyzzy-not-a-food").empty());
}

TEST(Recipes, AtLeast150LoadWithoutErrors) {
  for (const auto& e : Cat().recipe_report().errors) ADD_FAILURE() << e;
  EXPECT_GE(Cat().recipes().size(), 150u);
  int per_meal[kNumMealTypes] = {};
  int vegan = 0, vegetarian = 0;
  for (size_t i = 0; i < Cat().recipes().size(); ++i) {
    for (MealType m : Cat().recipes()[i].meal_types) ++per_meal[static_cast<int>(m)];
    vegan += FitsDiet(Cat().facts(i).traits, Diet::kVegan);
    vegetarian += FitsDiet(Cat().facts(i).traits, Diet::kVegetarian);
  }
  for (int m = 0; m < kNumMealTypes; ++m) EXPECT_GE(per_meal[m], 20) << MealTypeKey(static_cast<MealType>(m));
  EXPECT_GE(vegetarian, 40);
  EXPECT_GE(vegan, 20);
}

// Per-serving nutrition equals the sum over ingredients, recomputed here
// from the SR28 values without ComputeRecipeFacts.
TEST(Recipes, NutritionEqualsSumOverIngredients) {
  for (size_t i = 0; i < Cat().recipes().size(); ++i) {
    const Recipe& r = Cat().recipes()[i];
    for (const auto& info : AllNutrients()) {
      double sum = 0;
      for (const Ingredient& ing : r.ingredients) {
        sum += FoodAt(ing.food.ndb).per_100g[Index(info.id)] * ing.grams / 100.0;
      }
      double per_serving = sum / r.servings;
      EXPECT_NEAR(Cat().facts(i).per_serving[Index(info.id)], per_serving, 1e-9 * (1 + per_serving))
          << r.id << " " << info.key;
    }
    double kcal = Cat().facts(i).per_serving[Index(NutrientId::kEnergyKcal)];
    EXPECT_GT(kcal, 20) << r.id;
    EXPECT_LT(kcal, 2000) << r.id;
  }
}

TEST(Recipes, DefaultCostAndFootprintFromIngredients) {
  for (size_t i = 0; i < Cat().recipes().size(); ++i) {
    const Recipe& r = Cat().recipes()[i];
    double money = 0, co2e = 0;
    for (const Ingredient& ing : r.ingredients) {
      const FoodCost* fc = Cat().costs().Find(ing.food);
      ASSERT_NE(fc, nullptr) << r.id;
      ASSERT_TRUE(fc->price_per_kg.has_value()) << r.id << " " << ing.food.ndb;
      money += *fc->price_per_kg * ing.grams / 1000;
      co2e += fc->co2e_per_kg * ing.grams / 1000;
    }
    ASSERT_TRUE(Cat().facts(i).cost_per_serving.has_value()) << r.id;
    EXPECT_NEAR(*Cat().facts(i).cost_per_serving, money / r.servings, 1e-9) << r.id;
    EXPECT_NEAR(Cat().facts(i).co2e_kg_per_serving, co2e / r.servings, 1e-9) << r.id;
    EXPECT_GT(money / r.servings, 0.02) << r.id;
    EXPECT_LT(money / r.servings, 25) << r.id;
  }
}

Recipe MakeRecipe(std::string id, std::vector<std::pair<int, double>> ings) {
  Recipe r;
  r.id = std::move(id);
  r.name = r.id;
  r.servings = 2;
  r.meal_types = {MealType::kLunch};
  for (auto [ndb, g] : ings) r.ingredients.push_back({FoodId{ndb}, g, "", false});
  return r;
}

TEST(Recipes, AllergensAndDietsAreDerivedFromFoods) {
  // Peanut butter on bread → peanut, wheat, gluten; tofu stir-fry → soy.
  RecipeFacts pb = ComputeRecipeFacts(MakeRecipe("pb", {{16098, 32}, {18069, 60}}), Cat().foods());
  EXPECT_TRUE(pb.traits.Has(Allergen::kPeanut));
  EXPECT_TRUE(pb.traits.Has(Allergen::kWheat));
  EXPECT_TRUE(pb.traits.Has(Allergen::kGluten));
  EXPECT_FALSE(FitsDiet(pb.traits, Diet::kGlutenFree));
  RecipeFacts tofu = ComputeRecipeFacts(MakeRecipe("tofu", {{16426, 200}, {11282, 100}, {4053, 10}}), Cat().foods());
  EXPECT_TRUE(tofu.traits.Has(Allergen::kSoy));
  EXPECT_TRUE(FitsDiet(tofu.traits, Diet::kVegan));
  RecipeFacts omelette = ComputeRecipeFacts(MakeRecipe("om", {{1123, 100}, {1001, 10}}), Cat().foods());
  EXPECT_TRUE(omelette.traits.Has(Allergen::kEgg));
  EXPECT_TRUE(omelette.traits.Has(Allergen::kMilk));
  EXPECT_FALSE(FitsDiet(omelette.traits, Diet::kVegan));
  EXPECT_TRUE(FitsDiet(omelette.traits, Diet::kVegetarian));
  // Every shipped recipe: an ingredient's allergen shows on the recipe.
  for (size_t i = 0; i < Cat().recipes().size(); ++i) {
    for (const Ingredient& ing : Cat().recipes()[i].ingredients) {
      uint32_t a = FoodAt(ing.food.ndb).traits.allergens;
      EXPECT_EQ(Cat().facts(i).traits.allergens & a, a) << Cat().recipes()[i].id;
    }
  }
}

TEST(Exclusions, ConditionsAndAllergiesExcludeRecipes) {
  Profile p;
  p.age_years = 28;
  p.sex = Sex::kFemale;
  p.height_cm = 163;
  p.weight_kg = 60;
  p.pregnancy_trimester = 2;
  p.allergies = {Allergen::kPeanut};
  p.diets = {Diet::kPescatarian};
  Result<Targets> t = Cat().TargetsFor(p);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  auto reason = [&](const Recipe& r) { return ExclusionReason(r, ComputeRecipeFacts(r, Cat().foods()), *t, Cat().foods()); };
  // Swordfish (15110) is high in mercury: excluded in pregnancy.
  auto sw = reason(MakeRecipe("sw", {{15110, 150}, {11282, 50}}));
  ASSERT_TRUE(sw.has_value());
  EXPECT_NE(sw->find("15110"), std::string::npos) << *sw;
  EXPECT_EQ(*reason(MakeRecipe("pb", {{16098, 32}})), "contains peanut");
  auto beef = reason(MakeRecipe("beef", {{13047, 100}}));
  ASSERT_TRUE(beef.has_value());
  EXPECT_EQ(beef->rfind("not pescatarian: contains 13047", 0), 0u) << *beef;
  EXPECT_FALSE(reason(MakeRecipe("salmon", {{15076, 120}, {20044, 80}})).has_value());
}

class BadRecipeFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("hearth-bad-recipes-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::filesystem::path dir_;
};

std::string RecipeJson(const std::string& id, const std::string& ingredient) {
  return R"({"id": ")" + id + R"(", "name": "Test", "servings": 2, "time_active_min": 5,
    "time_total_min": 10, "meal_types": ["lunch"], "cuisine": "test",
    "ingredients": [)" + ingredient + R"(], "steps": ["Cook."],
    "source": {"collection": "test", "path": "", "license": "CC0-1.0"}})";
}

TEST_F(BadRecipeFiles, EachBadRecipeIsNamedAndTheOthersLoad) {
  Write("a.json", R"({"format": "hearth-recipes", "version": 1, "recipes": [)" +
                      RecipeJson("good-one", R"({"food": "09003", "grams": 150, "text": "1 apple"})") + "," +
                      RecipeJson("unknown-food", R"({"food": "99999", "grams": 150, "text": "x"})") + "," +
                      RecipeJson("negative", R"({"food": "09003", "grams": -5, "text": "x"})") + "," +
                      RecipeJson("bad-field", R"({"food": "09003", "grams": "lots", "text": "x"})") + "," +
                      R"({"id": "no-meals", "name": "x", "servings": 1, "time_active_min": 1, "time_total_min": 1,
                          "meal_types": ["brunch"], "cuisine": "x", "ingredients": [], "steps": [], "source": {}})" +
                      "]}");
  Write("b.json", "{ not json");
  Write("c.json", R"({"format": "hearth-recipes", "version": 1, "recipes": [)" +
                      RecipeJson("good-one", R"({"food": "09003", "grams": 150, "text": "1 apple"})") + "," +
                      RecipeJson("good-two", R"({"food": "16069", "grams": 100, "text": "lentils"})") + "]}");
  ImportReport report;
  Result<std::vector<Recipe>> r = LoadRecipesDir(dir_.string(), Cat().foods(), report);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].id, "good-one");
  EXPECT_EQ((*r)[1].id, "good-two");
  std::vector<std::string> want = {
      "a.json: recipe unknown-food: ingredients[0].food: unknown SR28 food \"99999\"",
      "a.json: recipe negative: ingredients[0].grams: must be > 0, got -5",
      "a.json: recipe bad-field: ingredients[0].grams: must be a number",
      "a.json: recipe no-meals: meal_types[0]: unknown meal type \"brunch\" (breakfast, lunch, dinner, snack)",
      "b.json: not valid JSON",
      "c.json: recipe good-one: id: duplicate of a recipe loaded earlier",
  };
  EXPECT_EQ(report.errors, want);
  EXPECT_EQ(report.loaded, 2);
}

}  // namespace
}  // namespace hearth
