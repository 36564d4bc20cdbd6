#include "hearth/importer/food_traits.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "hearth/importer/csv.h"

namespace hearth {
namespace {

const std::string kDataDir = HEARTH_TEST_DATA_DIR;
const std::string kRulesPath = kDataDir + "/food_traits.json";

// ---------------------------------------------------------------------------
// Term matching.

TEST(MatchesTerm, WordBoundariesPluralsPrefixesAndNegations) {
  struct Row {
    const char* text;
    const char* term;
    bool match;
  };
  const Row kRows[] = {
      {"egg, whole, raw", "egg", true},
      {"eggs, scrambled", "egg", true},
      {"eggplant, raw", "egg", false},
      {"eggnog", "egg", false},
      {"peanut butter, smooth", "butter", true},
      {"squash, winter, butternut", "butter", false},
      {"buckwheat groats", "wheat", false},
      {"bread, whole-wheat", "wheat", true},
      {"ham, sliced", "ham", true},
      {"graham crackers", "ham", false},
      {"hamburger, plain", "ham", false},
      {"peaches, canned", "peach", true},
      {"nuts, almonds", "almond*", true},
      {"trout almondine", "almond*", true},
      {"doughnuts, plain", "nut", false},
      {"mixed nuts, with peanuts", "peanut", true},
      {"mixed nuts, without peanuts", "peanut", false},
      {"wine, non-alcoholic", "alcoholic", false},
      {"vanilla extract, imitation, no alcohol", "alcohol", false},
      {"bread, gluten-free, white", "gluten", false},
      {"crackers, gluten free", "gluten", false},
      {"vital wheat gluten", "gluten", true},
      {"pasta, homemade, made without egg", "egg", false},
      {"cheese, parmesan", "cheese, parmesan", true},
      {"chickpeas, canned", "chicken", false},
      {"", "egg", false},
  };
  for (const auto& row : kRows) {
    EXPECT_EQ(MatchesTerm(row.text, row.term), row.match) << row.text << " / " << row.term;
  }
}

// ---------------------------------------------------------------------------
// Loading and validation.

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("hearth_food_traits_test_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path;
  }

  std::filesystem::path dir_;
};

Food MakeFood(int32_t ndb, std::string group_code, std::string name) {
  Food f;
  f.id = FoodId{ndb};
  f.group_code = std::move(group_code);
  f.name = std::move(name);
  return f;
}

// Wraps one rule in an otherwise valid file.
std::string WithRule(const std::string& rule) {
  return R"({"version": 1, "group_defaults": [], "rules": [)" + rule + R"(], "overrides": []})";
}

TEST_F(LoaderTest, ReportsBadFilesByEntryAndField) {
  struct Row {
    const char* what;
    std::string text;
    std::string message;  // After "<path>: ".
  };
  const std::string kOkRule =
      R"({"id": "a", "any_of": ["x"], "allergens": ["milk"], "reason": "r"})";
  const std::vector<Row> kRows = {
      {"malformed json", "{\"version\": 1,", "malformed JSON at byte 15"},
      {"not an object", "[]", "top level: must be an object"},
      {"missing list", R"({"version": 1, "group_defaults": [], "rules": []})",
       "top level: missing field \"overrides\""},
      {"unknown top-level field",
       R"({"version": 1, "group_defaults": [], "rules": [], "overrides": [], "extra": 1})",
       "top level: unknown field \"extra\""},
      {"bad version", R"({"version": 2, "group_defaults": [], "rules": [], "overrides": []})",
       "version: unsupported version (want 1)"},
      {"unknown allergen",
       WithRule(kOkRule +
                R"(, {"id": "b", "any_of": ["x"], "allergens": ["milk", "penut"], "reason": "r"})"),
       "rules[1].allergens[1]: unknown allergen \"penut\""},
      {"unknown trait",
       WithRule(R"({"id": "a", "any_of": ["x"], "contains": ["vegan"], "reason": "r"})"),
       "rules[0].contains[0]: unknown trait \"vegan\""},
      {"typo in field name",
       WithRule(
           R"({"id": "a", "any_of": ["x"], "non_of": ["y"], "allergens": ["milk"], "reason": "r"})"),
       "rules[0]: unknown field \"non_of\""},
      {"missing reason", WithRule(R"({"id": "a", "any_of": ["x"], "allergens": ["milk"]})"),
       "rules[0]: missing field \"reason\""},
      {"empty reason",
       WithRule(R"({"id": "a", "any_of": ["x"], "allergens": ["milk"], "reason": " "})"),
       "rules[0].reason: must not be empty"},
      {"term not a string",
       WithRule(R"({"id": "a", "any_of": ["x", 3], "allergens": ["milk"], "reason": "r"})"),
       "rules[0].any_of[1]: must be a string"},
      {"upper-case term",
       WithRule(R"({"id": "a", "any_of": ["Milk"], "allergens": ["milk"], "reason": "r"})"),
       "rules[0].any_of[0]: term \"Milk\" is not lower case"},
      {"star inside term",
       WithRule(
           R"({"id": "a", "none_of": ["a*b"], "any_of": ["x"], "allergens": ["milk"], "reason": "r"})"),
       "rules[0].none_of[0]: term \"a*b\" has '*' before its end"},
      {"bad group code",
       WithRule(R"({"id": "a", "groups": ["100"], "allergens": ["milk"], "reason": "r"})"),
       "rules[0].groups[0]: bad food group code \"100\" (want 4 digits)"},
      {"matches everything", WithRule(R"({"id": "a", "allergens": ["milk"], "reason": "r"})"),
       "rules[0]: needs at least one of \"groups\", \"any_of\", \"all_of\""},
      {"adds nothing", WithRule(R"({"id": "a", "any_of": ["x"], "reason": "r"})"),
       "rules[0]: adds nothing (give \"allergens\" or \"contains\")"},
      {"duplicate id", WithRule(kOkRule + ", " + kOkRule), "rules[1].id: duplicate rule id \"a\""},
      {"allergens not a list",
       WithRule(R"({"id": "a", "any_of": ["x"], "allergens": "milk", "reason": "r"})"),
       "rules[0].allergens: must be an array of strings"},
      {"bad group default",
       R"({"version": 1, "group_defaults": [{"group": "13", "contains": ["meat"], "reason": "r"}], "rules": [], "overrides": []})",
       "group_defaults[0].group: bad food group code \"13\" (want 4 digits)"},
      {"duplicate group default",
       R"({"version": 1, "group_defaults": [{"group": "1300", "contains": ["meat"], "reason": "r"},
           {"group": "1300", "contains": ["meat"], "reason": "r"}], "rules": [], "overrides": []})",
       "group_defaults[1].group: duplicate group \"1300\""},
      {"bad ndb",
       R"({"version": 1, "group_defaults": [], "rules": [], "overrides": [{"ndb": "1x", "allergens": ["egg"], "reason": "r"}]})",
       "overrides[0].ndb: bad NDB number \"1x\" (want 1 to 5 digits)"},
      {"ndb too long",
       R"({"version": 1, "group_defaults": [], "rules": [], "overrides": [{"ndb": "123456", "allergens": ["egg"], "reason": "r"}]})",
       "overrides[0].ndb: bad NDB number \"123456\" (want 1 to 5 digits)"},
      {"ndb as number",
       R"({"version": 1, "group_defaults": [], "rules": [], "overrides": [{"ndb": 1001, "allergens": ["egg"], "reason": "r"}]})",
       "overrides[0].ndb: must be a string"},
      {"duplicate ndb",
       R"({"version": 1, "group_defaults": [], "rules": [], "overrides": [{"ndb": "1001", "allergens": ["egg"], "reason": "r"},
           {"ndb": "01001", "allergens": ["egg"], "reason": "r"}]})",
       "overrides[1].ndb: duplicate override for NDB 01001"},
      {"unknown removed allergen",
       R"({"version": 1, "group_defaults": [], "rules": [], "overrides": [{"ndb": "1001", "remove_allergens": ["nuts"], "reason": "r"}]})",
       "overrides[0].remove_allergens[0]: unknown allergen \"nuts\""},
      {"override changes nothing",
       R"({"version": 1, "group_defaults": [], "rules": [], "overrides": [{"ndb": "1001", "reason": "r"}]})",
       "overrides[0]: changes nothing"},
  };
  for (size_t i = 0; i < kRows.size(); ++i) {
    const std::string path = Write("bad" + std::to_string(i) + ".json", kRows[i].text);
    const auto rules = LoadFoodTraitRules(path);
    ASSERT_FALSE(rules.ok()) << kRows[i].what;
    EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument) << kRows[i].what;
    EXPECT_EQ(rules.status().message(), path + ": " + kRows[i].message) << kRows[i].what;
  }
}

TEST_F(LoaderTest, MissingFileIsNotFound) {
  const auto rules = LoadFoodTraitRules((dir_ / "absent.json").string());
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), StatusCode::kNotFound);
}

TEST_F(LoaderTest, AppliesGroupsRulesOverridesAndImplications) {
  const std::string path = Write("ok.json", R"({
    "version": 1,
    "group_defaults": [{"group": "1000", "name": "Pork Products", "contains": ["pork"], "reason": "pig"}],
    "rules": [
      {"id": "flour", "any_of": ["flour"], "none_of": ["rice flour"], "allergens": ["wheat"], "reason": "r"},
      {"id": "cheese", "groups": ["0100"], "all_of": ["cheese", "cheddar"], "contains": ["dairy"], "reason": "r"},
      {"id": "seafood", "not_groups": ["1100"], "any_of": ["seafood"], "contains": ["shellfish"], "reason": "r"}
    ],
    "overrides": [{"ndb": "20081", "name": "flour", "remove_allergens": ["gluten"], "contains": ["honey"], "reason": "test"}]
  })");
  const auto rules = LoadFoodTraitRules(path);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->rules.size(), 3u);

  const Food bacon = MakeFood(10123, "1000", "Pork, cured, bacon");
  const FoodTraits b = DeriveFoodTraits(*rules, bacon);
  EXPECT_TRUE(b.pork);
  EXPECT_TRUE(b.meat);  // pork => meat
  EXPECT_EQ(ExplainFoodTraits(*rules, bacon), std::vector<std::string>{"group:1000"});

  const Food cheddar = MakeFood(1009, "0100", "Cheese, cheddar");
  const FoodTraits c = DeriveFoodTraits(*rules, cheddar);
  EXPECT_TRUE(c.dairy);
  EXPECT_TRUE(c.Has(Allergen::kMilk));  // dairy <=> milk
  const Food cheddar_elsewhere = MakeFood(99999, "2200", "Cheese, cheddar");
  EXPECT_FALSE(DeriveFoodTraits(*rules, cheddar_elsewhere).dairy);

  const Food rice_flour = MakeFood(20061, "2000", "Rice flour, white");
  EXPECT_EQ(DeriveFoodTraits(*rules, rice_flour).allergens, 0u);

  const Food wheat_flour = MakeFood(20082, "2000", "Wheat flour, white");
  const FoodTraits w = DeriveFoodTraits(*rules, wheat_flour);
  EXPECT_TRUE(w.Has(Allergen::kWheat));
  EXPECT_TRUE(w.Has(Allergen::kGluten));  // wheat => gluten
  EXPECT_TRUE(w.gluten);

  // The override removes gluten, which also removes wheat (it implies gluten).
  const Food overridden = MakeFood(20081, "2000", "Wheat flour, white");
  const FoodTraits o = DeriveFoodTraits(*rules, overridden);
  EXPECT_EQ(DescribeFoodTraits(o), "allergens=[] contains=[honey]");
  EXPECT_EQ(ExplainFoodTraits(*rules, overridden),
            (std::vector<std::string>{"rule:flour", "override:20081"}));

  const Food seafood = MakeFood(1, "2200", "Seafood platter");
  const FoodTraits s = DeriveFoodTraits(*rules, seafood);
  EXPECT_EQ(DescribeFoodTraits(s), "allergens=[shellfish,molluscs] contains=[shellfish]");
  const Food seaweed = MakeFood(2, "1100", "Seafood seaweed");
  EXPECT_EQ(DeriveFoodTraits(*rules, seaweed).allergens, 0u);
}

// ---------------------------------------------------------------------------
// The shipped mapping over the real SR28 table.

class RealData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto rules = LoadFoodTraitRules(kRulesPath);
    ASSERT_TRUE(rules.ok()) << rules.status().ToString();
    rules_ = new FoodTraitRules(std::move(rules).value());
    auto table = CsvTable::ReadFile(kDataDir + "/sr28/foods.csv");
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    const int ndb = *table->Column("ndb_no");
    const int group = *table->Column("food_group_code");
    const int desc = *table->Column("long_desc");
    foods_ = new std::map<int32_t, Food>();
    for (const auto& row : table->rows()) {
      Food f =
          MakeFood(std::stoi(row.fields[static_cast<size_t>(ndb)]),
                   row.fields[static_cast<size_t>(group)], row.fields[static_cast<size_t>(desc)]);
      (*foods_)[f.id.ndb] = std::move(f);
    }
  }
  static void TearDownTestSuite() {
    delete rules_;
    delete foods_;
    rules_ = nullptr;
    foods_ = nullptr;
  }

  static FoodTraits Traits(const Food& f) { return DeriveFoodTraits(*rules_, f); }

  static FoodTraitRules* rules_;
  static std::map<int32_t, Food>* foods_;
};

FoodTraitRules* RealData::rules_ = nullptr;
std::map<int32_t, Food>* RealData::foods_ = nullptr;

TEST_F(RealData, TableIsComplete) { EXPECT_EQ(foods_->size(), 8789u); }

// Hand-picked foods with their full expected traits.
struct Expected {
  int32_t ndb;
  const char* name_prefix;  // Guards against NDB typos.
  const char* traits;       // DescribeFoodTraits output.
};

const Expected kExpected[] = {
    {16098, "Peanut butter, smooth style", "allergens=[peanut] contains=[]"},
    {16087, "Peanuts, all types, raw", "allergens=[peanut] contains=[]"},
    {16126, "Tofu, firm", "allergens=[soy] contains=[]"},
    {16120, "Soymilk, original", "allergens=[soy] contains=[]"},
    {11211, "Edamame, frozen", "allergens=[soy] contains=[]"},
    {16123, "Soy sauce made from soy and wheat", "allergens=[wheat,soy,gluten] contains=[gluten]"},
    {16124, "Soy sauce made from soy (tamari)", "allergens=[soy] contains=[]"},
    {1123, "Egg, whole, raw, fresh", "allergens=[egg] contains=[egg]"},
    {1009, "Cheese, cheddar", "allergens=[milk] contains=[dairy]"},
    {1077, "Milk, whole", "allergens=[milk] contains=[dairy]"},
    {1001, "Butter, salted", "allergens=[milk] contains=[dairy]"},
    {15076, "Fish, salmon, Atlantic, wild, raw", "allergens=[fish] contains=[fish]"},
    {15088, "Fish, sardine", "allergens=[fish] contains=[fish]"},
    {15109, "Fish, surimi", "allergens=[fish] contains=[fish]"},
    {15149, "Crustaceans, shrimp", "allergens=[shellfish] contains=[shellfish]"},
    {15147, "Crustaceans, lobster", "allergens=[shellfish] contains=[shellfish]"},
    {15164, "Mollusks, mussel", "allergens=[molluscs] contains=[shellfish]"},
    {15157, "Mollusks, clam", "allergens=[molluscs] contains=[shellfish]"},
    {90560, "Mollusks, snail", "allergens=[molluscs] contains=[shellfish,non_kosher_species]"},
    {20081, "Wheat flour, white, all-purpose", "allergens=[wheat,gluten] contains=[gluten]"},
    {20080, "Wheat flour, whole-grain", "allergens=[wheat,gluten] contains=[gluten]"},
    {20012, "Bulgur, dry", "allergens=[wheat,gluten] contains=[gluten]"},
    {20140, "Spelt, uncooked", "allergens=[wheat,gluten] contains=[gluten]"},
    {20005, "Barley, pearled, raw", "allergens=[gluten] contains=[gluten]"},
    {8120, "Cereals, oats", "allergens=[gluten] contains=[gluten]"},
    {18069, "Bread, white, commercially prepared", "allergens=[wheat,gluten] contains=[gluten]"},
    {20044, "Rice, white, long-grain, regular, raw", "allergens=[] contains=[]"},
    {20036, "Rice, brown, long-grain, raw", "allergens=[] contains=[]"},
    {20035, "Quinoa, uncooked", "allergens=[] contains=[]"},
    {9003, "Apples, raw, with skin", "allergens=[] contains=[]"},
    {11090, "Broccoli, raw", "allergens=[] contains=[]"},
    {16069, "Lentils, raw", "allergens=[] contains=[]"},
    {4053, "Oil, olive", "allergens=[] contains=[]"},
    {4044, "Oil, soybean, salad or cooking", "allergens=[] contains=[]"},
    {4042, "Oil, peanut", "allergens=[peanut] contains=[]"},
    {4058, "Oil, sesame", "allergens=[sesame] contains=[]"},
    {12061, "Nuts, almonds", "allergens=[tree_nut] contains=[]"},
    {12155, "Nuts, walnuts, english", "allergens=[tree_nut] contains=[]"},
    {12195, "Nuts, almond butter", "allergens=[tree_nut] contains=[]"},
    {12104, "Nuts, coconut meat, raw", "allergens=[] contains=[]"},
    {12036, "Seeds, sunflower seed kernels, dried", "allergens=[] contains=[]"},
    {12166, "Seeds, sesame butter, tahini", "allergens=[sesame] contains=[]"},
    {16158, "Hummus, commercial", "allergens=[sesame] contains=[]"},
    {16076, "Lupins, mature seeds, raw", "allergens=[lupin] contains=[]"},
    {11143, "Celery, raw", "allergens=[celery] contains=[]"},
    {2046, "Mustard, prepared, yellow", "allergens=[mustard] contains=[]"},
    {10123, "Pork, cured, bacon", "allergens=[] contains=[meat,pork]"},
    {7254, "Turkey bacon, unprepared", "allergens=[] contains=[meat]"},
    {4002, "Lard", "allergens=[] contains=[meat,pork]"},
    {19177, "Gelatins, dry powder, unsweetened", "allergens=[] contains=[meat,pork]"},
    {13000, "Beef, grass-fed, strip steaks", "allergens=[] contains=[meat]"},
    {5006, "Chicken, broilers or fryers, meat and skin, raw", "allergens=[] contains=[meat]"},
    {19296, "Honey", "allergens=[] contains=[honey]"},
    {14084, "Alcoholic beverage, wine, table, all", "allergens=[sulphites] contains=[alcohol]"},
    {14003, "Alcoholic beverage, beer, regular, all",
     "allergens=[gluten,sulphites] contains=[alcohol,gluten]"},
    {2050, "Vanilla extract", "allergens=[] contains=[alcohol]"},
    {2052, "Vanilla extract, imitation, no alcohol", "allergens=[] contains=[]"},
    {6971, "Sauce, worcestershire", "allergens=[fish] contains=[fish]"},
    {4589, "Fish oil, cod liver", "allergens=[fish] contains=[fish]"},
    {80200, "Frog legs, raw", "allergens=[] contains=[meat,non_kosher_species,non_halal_species]"},
    {14555, "Water, bottled, generic", "allergens=[] contains=[]"},
    {11601, "Yam, raw", "allergens=[] contains=[]"},
    // Words that look like allergens or meat but are not.
    {11209, "Eggplant, raw", "allergens=[] contains=[]"},
    {11482, "Squash, winter, acorn, raw", "allergens=[] contains=[]"},
    {11485, "Squash, winter, butternut, raw", "allergens=[] contains=[]"},
    {12117, "Nuts, coconut milk, raw", "allergens=[] contains=[]"},
    {18372, "Leavening agents, baking soda", "allergens=[] contains=[]"},
    {22121, "MORNINGSTAR FARMS Grillers Vegan", "allergens=[soy] contains=[]"},
    {16171, "Refried beans, canned, vegetarian", "allergens=[] contains=[]"},
    {21141, "BURGER KING, Vanilla Shake", "allergens=[milk] contains=[dairy]"},
    {21287, "LITTLE CAESARS 14\" Original Round Cheese Pizza",
     "allergens=[milk,wheat,gluten] contains=[dairy,gluten]"},
    {4531, "Oil, soybean lecithin", "allergens=[soy] contains=[]"},
    {18350, "Rolls, hamburger or hotdog, plain", "allergens=[wheat,gluten] contains=[gluten]"},
    {28068, "KEEBLER, CLUB, Original Crackers", "allergens=[wheat,gluten] contains=[gluten]"},
    {3823, "Infant formula, MEAD JOHNSON, PROSOBEE", "allergens=[soy] contains=[]"},
    // Mixed and processed foods.
    {16103, "Refried beans, canned, traditional style", "allergens=[] contains=[meat,pork]"},
    {21251, "BURGER KING, Cheeseburger",
     "allergens=[milk,wheat,gluten,mustard] contains=[meat,dairy,gluten]"},
    {21237, "McDONALD'S, BIG MAC",
     "allergens=[wheat,sesame,gluten,mustard] contains=[meat,gluten]"},
    {6016, "Soup, cream of chicken, canned, condensed",
     "allergens=[milk,wheat,gluten,celery] contains=[meat,dairy,gluten]"},
    {21105, "Fast foods, fish sandwich, with tartar sauce",
     "allergens=[egg,fish,wheat,gluten] contains=[fish,egg,gluten]"},
    {6176, "Sauce, oyster", "allergens=[molluscs] contains=[shellfish]"},
    {19116, "Candies, marshmallows", "allergens=[egg] contains=[meat,pork,egg]"},
    {14553, "Beverages, Wine, non-alcoholic", "allergens=[] contains=[alcohol]"},
    {9297, "Raisins, golden seedless", "allergens=[sulphites] contains=[]"},
    {11270, "Mustard greens, raw", "allergens=[mustard] contains=[]"},
    // Species rules.
    {15010, "Fish, catfish", "allergens=[fish] contains=[fish,non_kosher_species]"},
    {17177, "Game meat, rabbit", "allergens=[] contains=[meat,non_kosher_species]"},
    {35007, "Bear, black, meat",
     "allergens=[] contains=[meat,non_kosher_species,non_halal_species]"},
    {43497, "Jellyfish, dried, salted",
     "allergens=[shellfish,molluscs] contains=[shellfish,non_kosher_species]"},
};

TEST_F(RealData, HandPickedFoods) {
  EXPECT_GE(std::size(kExpected), 40u);
  for (const auto& e : kExpected) {
    const auto it = foods_->find(e.ndb);
    ASSERT_NE(it, foods_->end()) << e.ndb;
    const Food& f = it->second;
    EXPECT_TRUE(f.name.starts_with(e.name_prefix)) << e.ndb << ": " << f.name;
    EXPECT_EQ(DescribeFoodTraits(Traits(f)), e.traits) << e.ndb << " " << f.name;
  }
}

// Diet fit of some foods, as a planner would ask it.
TEST_F(RealData, DietFit) {
  struct Row {
    int32_t ndb;
    Diet diet;
    bool fits;
  };
  const Row kRows[] = {
      {16069, Diet::kVegan, true},        // Lentils.
      {19296, Diet::kVegan, false},       // Honey.
      {19296, Diet::kVegetarian, true},   // Honey.
      {1123, Diet::kVegan, false},        // Egg.
      {1123, Diet::kVegetarian, true},    // Egg.
      {15076, Diet::kPescatarian, true},  // Salmon.
      {15076, Diet::kVegetarian, false},  // Salmon.
      {15149, Diet::kKosher, false},      // Shrimp.
      {15076, Diet::kKosher, true},       // Salmon.
      {15010, Diet::kKosher, false},      // Catfish: no scales.
      {10123, Diet::kHalal, false},       // Bacon.
      {10123, Diet::kKosher, false},      // Bacon.
      {13000, Diet::kHalal, true},        // Beef (slaughter is out of scope).
      {14084, Diet::kHalal, false},       // Wine.
      {14084, Diet::kVegan, true},        // Wine (fining agents are out of scope).
      {20081, Diet::kGlutenFree, false},  // Wheat flour.
      {20044, Diet::kGlutenFree, true},   // Rice.
      {1009, Diet::kDairyFree, false},    // Cheddar.
      {16120, Diet::kDairyFree, true},    // Soymilk.
      {19177, Diet::kVegetarian, false},  // Gelatin.
      {80200, Diet::kHalal, false},       // Frog legs.
  };
  for (const auto& row : kRows) {
    const Food& f = foods_->at(row.ndb);
    EXPECT_EQ(FitsDiet(Traits(f), row.diet), row.fits) << f.name << " / " << DietKey(row.diet);
  }
}

TEST_F(RealData, GroupInvariants) {
  for (const auto& [ndb, f] : *foods_) {
    const FoodTraits t = Traits(f);
    const std::string& g = f.group_code;
    if (g == "1300" || g == "0500" || g == "1700" || g == "0700") {
      EXPECT_TRUE(t.meat) << ndb << " " << f.name;
    }
    if (g == "1000") {
      EXPECT_TRUE(t.pork && t.meat) << ndb << " " << f.name;
    }
    if (g == "0900" || g == "1100" || g == "1200" || g == "2000" || g == "0200") {
      EXPECT_FALSE(t.meat || t.pork || t.fish || t.shellfish || t.blood) << ndb << " " << f.name;
    }
    if (g == "0900" || g == "1100") {
      EXPECT_FALSE(t.Has(Allergen::kPeanut) || t.Has(Allergen::kTreeNut)) << ndb << " " << f.name;
    }
    if (g == "1500") {
      EXPECT_TRUE(t.fish || t.shellfish || t.meat) << ndb << " " << f.name;
    }
    if (f.name.starts_with("Fish, ")) {
      EXPECT_TRUE(t.Has(Allergen::kFish)) << ndb << " " << f.name;
    }
    if (f.name.starts_with("Crustaceans, ")) {
      EXPECT_TRUE(t.Has(Allergen::kShellfish)) << ndb << " " << f.name;
    }
    if (f.name.starts_with("Mollusks, ")) {
      EXPECT_TRUE(t.Has(Allergen::kMolluscs)) << ndb << " " << f.name;
    }
    if (f.name.starts_with("Cheese, ") || f.name.starts_with("Milk, ") ||
        f.name.starts_with("Yogurt, ") || f.name.starts_with("Butter, ")) {
      EXPECT_TRUE(t.Has(Allergen::kMilk)) << ndb << " " << f.name;
    }
    if (f.name.starts_with("Egg, ")) {
      EXPECT_TRUE(t.Has(Allergen::kEgg)) << ndb << " " << f.name;
    }
    if (f.name.starts_with("Peanut")) {
      EXPECT_TRUE(t.Has(Allergen::kPeanut)) << ndb << " " << f.name;
    }
    if (f.name.find("Tofu") != std::string::npos) {
      EXPECT_TRUE(t.Has(Allergen::kSoy)) << ndb << " " << f.name;
    }
    if (f.name.starts_with("Alcoholic beverage")) {
      EXPECT_TRUE(t.alcohol) << ndb << " " << f.name;
    }
    // Implications hold for every food.
    EXPECT_EQ(t.dairy, t.Has(Allergen::kMilk)) << ndb;
    EXPECT_EQ(t.egg, t.Has(Allergen::kEgg)) << ndb;
    EXPECT_EQ(t.fish, t.Has(Allergen::kFish)) << ndb;
    EXPECT_EQ(t.gluten, t.Has(Allergen::kGluten)) << ndb;
    EXPECT_EQ(t.shellfish, t.Has(Allergen::kShellfish) || t.Has(Allergen::kMolluscs)) << ndb;
    if (t.Has(Allergen::kWheat)) {
      EXPECT_TRUE(t.Has(Allergen::kGluten)) << ndb;
    }
    if (t.pork) {
      EXPECT_TRUE(t.meat) << ndb;
    }
  }
}

TEST_F(RealData, GlutenFreeLabelledFoodsHaveNoGluten) {
  for (const auto& [ndb, f] : *foods_) {
    std::string lower = f.name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("gluten-free") != std::string::npos ||
        lower.find("gluten free") != std::string::npos) {
      EXPECT_TRUE(FitsDiet(Traits(f), Diet::kGlutenFree)) << ndb << " " << f.name;
    }
  }
}

TEST_F(RealData, EveryRuleOverrideAndGroupIsUsed) {
  std::set<std::string> fired;
  for (const auto& [ndb, f] : *foods_) {
    for (const auto& why : ExplainFoodTraits(*rules_, f)) fired.insert(why);
  }
  for (const auto& g : rules_->group_defaults) {
    EXPECT_TRUE(fired.count("group:" + g.group_code))
        << "group default never applies: " << g.group_code;
  }
  for (const auto& r : rules_->rules) {
    EXPECT_TRUE(fired.count("rule:" + r.id)) << "rule never matches: " << r.id;
  }
  for (const auto& o : rules_->overrides) {
    const auto it = foods_->find(o.id.ndb);
    ASSERT_NE(it, foods_->end()) << "override for an NDB not in SR28: " << o.id.ndb;
    // What an override removes stays removed.
    const FoodTraits t = Traits(it->second);
    EXPECT_EQ(t.allergens & o.remove.allergens, 0u) << o.id.ndb;
  }
}

}  // namespace
}  // namespace hearth

namespace hearth {
namespace {

// The word index only skips rules that cannot match: deriving every SR28
// food with and without it gives the same traits.
TEST(FoodTraitIndex, SameTraitsAsTryingEveryRule) {
  Result<FoodTraitRules> indexed = LoadFoodTraitRules(std::string(HEARTH_TEST_DATA_DIR) + "/food_traits.json");
  ASSERT_TRUE(indexed.ok()) << indexed.status().ToString();
  ASSERT_TRUE(indexed->index.built);
  FoodTraitRules plain = *indexed;
  plain.index = {};
  Result<CsvTable> foods = CsvTable::ReadFile(std::string(HEARTH_TEST_DATA_DIR) + "/sr28/foods.csv");
  ASSERT_TRUE(foods.ok());
  int n = 0;
  for (const CsvRow& row : foods->rows()) {
    Food f;
    f.id = *ParseFoodId(row.fields[*foods->Column("ndb_no")]);
    f.group_code = row.fields[*foods->Column("food_group_code")];
    f.name = row.fields[*foods->Column("long_desc")];
    FoodTraits a = DeriveFoodTraits(*indexed, f), b = DeriveFoodTraits(plain, f);
    EXPECT_EQ(DescribeFoodTraits(a), DescribeFoodTraits(b)) << f.name;
    ++n;
  }
  EXPECT_EQ(n, 8789);
}

}  // namespace
}  // namespace hearth
