#include "hearth/importer/conditions.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "hearth/importer/csv.h"

namespace hearth {
namespace {

namespace fs = std::filesystem;

const std::string kConditionsDir = HEARTH_TEST_DATA_DIR "/conditions";

// The shipped conditions, loaded once.
std::vector<Condition> LoadShipped() {
  auto r = LoadConditionsDir(kConditionsDir);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return {};
  return std::move(r).value();
}

const std::vector<Condition>& Shipped() {
  static const std::vector<Condition> conditions = LoadShipped();
  return conditions;
}

const Condition* Find(std::string_view id) {
  for (const Condition& c : Shipped()) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::optional<double> Target(const Condition& c, NutrientId n, RuleKind kind) {
  for (const TargetRule& t : c.targets) {
    if (t.nutrient == n && t.kind == kind) return t.value;
  }
  return std::nullopt;
}

std::optional<double> MealShare(const Condition& c, NutrientId n) {
  for (const MealSpreadRule& m : c.meal_spread) {
    if (m.nutrient == n) return m.max_share;
  }
  return std::nullopt;
}

// The documented semantics of FoodExclusionRule (condition.h), applied to an
// SR28 long description and food group code.
bool Excludes(const Condition& c, std::string_view long_desc, std::string_view group) {
  std::string name(long_desc);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  auto contains = [&](const std::string& k) { return name.find(k) != std::string::npos; };
  for (const FoodExclusionRule& r : c.exclude_foods) {
    if (!r.groups.empty() && std::find(r.groups.begin(), r.groups.end(), group) == r.groups.end()) {
      continue;
    }
    if (std::any_of(r.any_of.begin(), r.any_of.end(), contains) &&
        std::none_of(r.none_of.begin(), r.none_of.end(), contains)) {
      return true;
    }
  }
  return false;
}

template <typename T>
bool Has(const std::vector<T>& v, T x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(ShippedConditions, LoadSortedWithCitationsAndDisclaimer) {
  const auto& all = Shipped();
  std::vector<std::string> ids;
  for (const Condition& c : all) ids.push_back(c.id);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  for (std::string_view want :
       {"celiac", "ckd_stage_3", "ckd_stage_4", "ckd_stage_5", "gout", "hyperlipidemia",
        "hypertension", "lactation", "lactose_intolerance", "osteoporosis", "pregnancy",
        "type2_diabetes"}) {
    EXPECT_NE(Find(want), nullptr) << want;
  }
  for (const Condition& c : all) {
    SCOPED_TRACE(c.id);
    EXPECT_FALSE(c.name.empty());
    EXPECT_FALSE(c.summary.empty());
    ASSERT_FALSE(c.citations.empty());
    for (const Citation& cit : c.citations) {
      EXPECT_FALSE(cit.text.empty());
      EXPECT_TRUE(cit.url.empty() || cit.url.rfind("https://", 0) == 0) << cit.url;
    }
    ASSERT_FALSE(c.notes.empty());
    EXPECT_EQ(c.notes[0].rfind("Decision support for ", 0), 0u) << c.notes[0];
    EXPECT_NE(c.notes[0].find("not "), std::string::npos) << c.notes[0];
    // Every rule carries a reason for the user.
    for (const TargetRule& t : c.targets) EXPECT_FALSE(t.note.empty());
    for (const FoodExclusionRule& r : c.exclude_foods) EXPECT_FALSE(r.note.empty());
    for (const MealSpreadRule& m : c.meal_spread) EXPECT_FALSE(m.note.empty());
  }
}

TEST(ShippedConditions, Hypertension) {
  const Condition* c = Find("hypertension");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->applies_to_life_stage, "");
  EXPECT_EQ(Target(*c, NutrientId::kSodium, RuleKind::kMax), 1500);
  EXPECT_EQ(Target(*c, NutrientId::kPotassium, RuleKind::kMin), 3500);
  EXPECT_EQ(Target(*c, NutrientId::kSaturatedFat, RuleKind::kMaxPctEnergy), 6);
  EXPECT_EQ(Target(*c, NutrientId::kFiber, RuleKind::kMinPer1000Kcal), 14);
}

TEST(ShippedConditions, Type2Diabetes) {
  const Condition* c = Find("type2_diabetes");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(MealShare(*c, NutrientId::kCarbohydrate), 0.4);
  EXPECT_EQ(Target(*c, NutrientId::kFiber, RuleKind::kMinPer1000Kcal), 14);
  EXPECT_EQ(Target(*c, NutrientId::kSaturatedFat, RuleKind::kMaxPctEnergy), 10);
  EXPECT_EQ(Target(*c, NutrientId::kSodium, RuleKind::kMax), 2300);
}

TEST(ShippedConditions, ChronicKidneyDisease) {
  struct Row {
    const char* id;
    double phosphorus_max;
    std::optional<double> potassium_max;
  };
  const Row rows[] = {
      {"ckd_stage_3", 1000, std::nullopt},
      {"ckd_stage_4", 800, 3000},
      {"ckd_stage_5", 800, 3000},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.id);
    const Condition* c = Find(row.id);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(Target(*c, NutrientId::kProtein, RuleKind::kMinPerKgBody), 0.55);
    EXPECT_EQ(Target(*c, NutrientId::kProtein, RuleKind::kMaxPerKgBody), 0.6);
    EXPECT_EQ(Target(*c, NutrientId::kSodium, RuleKind::kMax), 2300);
    EXPECT_EQ(Target(*c, NutrientId::kPhosphorus, RuleKind::kMax), row.phosphorus_max);
    EXPECT_EQ(Target(*c, NutrientId::kPotassium, RuleKind::kMax), row.potassium_max);
  }
}

TEST(ShippedConditions, Celiac) {
  const Condition* c = Find("celiac");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(Has(c->require_diets, Diet::kGlutenFree));
  EXPECT_TRUE(Has(c->exclude_allergens, Allergen::kGluten));
  EXPECT_TRUE(Excludes(*c, "Bread, rye", "1800"));
  EXPECT_TRUE(Excludes(*c, "Barley, pearled, cooked", "2000"));
  EXPECT_TRUE(Excludes(*c, "Wheat flour, white, all-purpose, enriched, bleached", "2000"));
  EXPECT_FALSE(Excludes(*c, "Buckwheat groats, roasted, cooked", "2000"));
  EXPECT_FALSE(
      Excludes(*c, "Chicken, broilers or fryers, breast, meat only, cooked, roasted", "0500"));
  EXPECT_FALSE(Excludes(*c, "Rice, brown, long-grain, cooked", "2000"));
}

TEST(ShippedConditions, LactoseIntolerance) {
  const Condition* c = Find("lactose_intolerance");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(Target(*c, NutrientId::kCalcium, RuleKind::kMin), 1000);
  EXPECT_TRUE(Excludes(*c, "Milk, whole, 3.25% milkfat, with added vitamin D", "0100"));
  EXPECT_TRUE(Excludes(*c, "Cream, fluid, heavy whipping", "0100"));
  EXPECT_TRUE(Excludes(*c, "Ice creams, vanilla", "1900"));
  EXPECT_TRUE(Excludes(*c, "Cheese, ricotta, whole milk", "0100"));
  EXPECT_TRUE(Excludes(*c, "Yogurt, greek, plain, nonfat", "0100"));
  EXPECT_TRUE(Excludes(*c, "Whey, sweet, dried", "0100"));
  EXPECT_FALSE(Excludes(*c, "Cheese, cheddar", "0100"));
  EXPECT_FALSE(Excludes(*c, "Cheese, parmesan, hard", "0100"));
  EXPECT_FALSE(Excludes(*c, "Cheese, swiss", "0100"));
  EXPECT_FALSE(Excludes(*c, "Butter, salted", "0100"));
  EXPECT_FALSE(Excludes(*c, "Cheese, cottage, lowfat, 1% milkfat, lactose reduced", "0100"));
  EXPECT_FALSE(Excludes(*c, "Milk, lactose free, reduced fat", "0100"));
  EXPECT_FALSE(Excludes(*c, "Soymilk, original and vanilla, unfortified", "1600"));
  EXPECT_FALSE(Excludes(*c, "Egg, whole, raw, fresh", "0100"));
}

TEST(ShippedConditions, Pregnancy) {
  const Condition* c = Find("pregnancy");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->applies_to_life_stage, "pregnancy");
  for (const char* fish :
       {"Fish, swordfish, raw", "Fish, shark, mixed species, raw",
        "Fish, mackerel, king, cooked, dry heat", "Fish, tilefish, raw",
        "Fish, roughy, orange, raw", "Fish, tuna, fresh, bigeye, raw", "Fish, marlin, raw"}) {
    EXPECT_TRUE(Excludes(*c, fish, "1500")) << fish;
  }
  EXPECT_FALSE(Excludes(*c, "Fish, salmon, Atlantic, wild, cooked, dry heat", "1500"));
  EXPECT_FALSE(Excludes(*c, "Fish, tuna, light, canned in water, drained solids", "1500"));
  EXPECT_FALSE(Excludes(*c, "Fish, mackerel, Atlantic, cooked, dry heat", "1500"));
  EXPECT_TRUE(Excludes(*c, "Alcoholic beverage, wine, table, red", "1400"));
  EXPECT_TRUE(Excludes(*c, "Alcoholic beverage, distilled, rum, 80 proof", "1400"));
  EXPECT_FALSE(Excludes(*c, "Beverages, wine, non-alcoholic", "1400"));
  EXPECT_FALSE(Excludes(*c, "Vinegar, red wine", "0200"));
  EXPECT_TRUE(Excludes(*c, "Alfalfa seeds, sprouted, raw", "1100"));
  EXPECT_FALSE(Excludes(*c, "Mung beans, mature seeds, sprouted, cooked, stir-fried", "1100"));
  EXPECT_TRUE(Excludes(*c, "Milk, producer, fluid, 3.7% milkfat", "0100"));
  EXPECT_TRUE(Excludes(*c, "Cheese, fresh, queso fresco", "0100"));
  EXPECT_FALSE(Excludes(*c, "Cheese, cheddar", "0100"));
  EXPECT_TRUE(Excludes(*c, "Fish, salmon, chinook, smoked, (lox), regular", "1500"));
  EXPECT_TRUE(Excludes(*c, "Beef, variety meats and by-products, liver, cooked, braised", "1300"));
  EXPECT_FALSE(Excludes(*c, "Egg, whole, cooked, hard-boiled", "0100"));
}

TEST(ShippedConditions, Lactation) {
  const Condition* c = Find("lactation");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->applies_to_life_stage, "lactation");
  EXPECT_TRUE(Excludes(*c, "Fish, swordfish, cooked, dry heat", "1500"));
  EXPECT_FALSE(
      Excludes(*c, "Fish, sardine, Atlantic, canned in oil, drained solids with bone", "1500"));
  EXPECT_FALSE(Excludes(*c, "Alcoholic beverage, wine, table, red", "1400"));
}

TEST(ShippedConditions, Hyperlipidemia) {
  const Condition* c = Find("hyperlipidemia");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(Target(*c, NutrientId::kSaturatedFat, RuleKind::kMaxPctEnergy), 6);
  EXPECT_EQ(Target(*c, NutrientId::kTransFat, RuleKind::kMaxPctEnergy), 1);
  EXPECT_EQ(Target(*c, NutrientId::kFiber, RuleKind::kMinPer1000Kcal), 14);
}

TEST(ShippedConditions, Osteoporosis) {
  const Condition* c = Find("osteoporosis");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(Target(*c, NutrientId::kCalcium, RuleKind::kMin), 1200);
}

TEST(ShippedConditions, Gout) {
  const Condition* c = Find("gout");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(Excludes(*c, "Beef, variety meats and by-products, kidneys, raw", "1300"));
  EXPECT_TRUE(Excludes(*c, "Chicken, liver, all classes, cooked, simmered", "0500"));
  EXPECT_TRUE(Excludes(*c, "Veal, variety meats and by-products, thymus, cooked, braised", "1700"));
  EXPECT_FALSE(
      Excludes(*c, "Beans, kidney, red, mature seeds, cooked, boiled, without salt", "1600"));
  EXPECT_FALSE(Excludes(
      *c, "Chicken, roasting, meat and skin and giblets and neck, cooked, roasted", "0500"));
  EXPECT_FALSE(Excludes(*c, "Beef, ground, 85% lean meat / 15% fat, raw", "1300"));
}

// Every shipped name rule must hit at least one SR28 food, so that a typo in a
// keyword or a group code cannot silently switch a rule off.
TEST(ShippedConditions, EveryFoodRuleMatchesSomeSr28Food) {
  auto foods = CsvTable::ReadFile(HEARTH_TEST_DATA_DIR "/sr28/foods.csv");
  ASSERT_TRUE(foods.ok()) << foods.status().ToString();
  auto desc = foods->RequireColumn("long_desc");
  auto group = foods->RequireColumn("food_group_code");
  ASSERT_TRUE(desc.ok() && group.ok());
  for (const Condition& c : Shipped()) {
    for (size_t i = 0; i < c.exclude_foods.size(); ++i) {
      Condition only_rule;
      only_rule.exclude_foods = {c.exclude_foods[i]};
      const bool hit = std::any_of(
          foods->rows().begin(), foods->rows().end(),
          [&](const CsvRow& r) { return Excludes(only_rule, r.fields[*desc], r.fields[*group]); });
      EXPECT_TRUE(hit) << c.id << " exclude_foods[" << i << "] matches no SR28 food";
    }
  }
}

// ---- Error messages -------------------------------------------------------

// A valid minimal condition; "@" is replaced by further top-level fields.
std::string Doc(std::string_view extra) {
  std::string base =
      R"({"format":"hearth-condition","version":1,"id":"x","name":"X","summary":"S",)"
      R"("citations":[{"id":"c1","text":"T"}]@})";
  base.replace(base.find('@'), 1, extra);
  return base;
}

TEST(ParseCondition, AcceptsMinimalAndFullDocuments) {
  auto min = ParseCondition(Doc(""), "ok.json");
  ASSERT_TRUE(min.ok()) << min.status().ToString();
  EXPECT_EQ(min->id, "x");
  EXPECT_EQ(min->citations[0].url, "");
  EXPECT_TRUE(min->targets.empty());

  auto full = ParseCondition(
      Doc(R"(,"applies_to_life_stage":"pregnancy",)"
          R"("targets":[{"nutrient":"protein_g","kind":"min_per_kg_body","value":0.55,"citation":"c1","note":"n"},)"
          R"({"nutrient":"protein_g","kind":"max_per_kg_body","value":0.6,"citation":"c1"}],)"
          R"("exclude_allergens":["gluten","milk"],"require_diets":["gluten_free"],)"
          R"("exclude_foods":[{"any_of":["shark"],"none_of":["fin"],"groups":["1500"],"citation":"c1"}],)"
          R"("meal_spread":[{"nutrient":"carbohydrate_g","max_share":0.4,"citation":"c1"}],)"
          R"("notes":["a","b"])"),
      "ok.json");
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  EXPECT_EQ(full->applies_to_life_stage, "pregnancy");
  ASSERT_EQ(full->targets.size(), 2u);
  EXPECT_EQ(full->targets[0].kind, RuleKind::kMinPerKgBody);
  EXPECT_EQ(full->targets[0].value, 0.55);
  EXPECT_EQ(full->targets[0].note, "n");
  EXPECT_EQ(full->targets[1].note, "");
  EXPECT_EQ(full->exclude_allergens, (std::vector<Allergen>{Allergen::kGluten, Allergen::kMilk}));
  EXPECT_EQ(full->require_diets, std::vector<Diet>{Diet::kGlutenFree});
  ASSERT_EQ(full->exclude_foods.size(), 1u);
  EXPECT_EQ(full->exclude_foods[0].groups, std::vector<std::string>{"1500"});
  EXPECT_EQ(full->meal_spread[0].max_share, 0.4);
  EXPECT_EQ(full->notes.size(), 2u);
}

TEST(ParseCondition, ReportsInvalidJsonWithPosition) {
  auto r = ParseCondition("{\"format\": }", "bad.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(
      r.status().message().rfind("bad.json: invalid JSON: parse error at line 1, column 12", 0), 0u)
      << r.status().message();
}

struct ErrorCase {
  std::string json;
  std::string message;
};

TEST(ParseCondition, ReportsFileAndPathOfEachError) {
  const std::string t0 =
      R"("targets":[{"nutrient":"sodium_mg","kind":"max","value":1500,"citation":"c1"})";
  const ErrorCase cases[] = {
      {"[]", "bad.json: expected an object at the top level, got array"},
      {"{}", "bad.json: missing field \"format\""},
      {R"({"format":"recipe","version":1})",
       "bad.json: format: expected \"hearth-condition\", got \"recipe\""},
      {R"({"format":"hearth-condition"})", "bad.json: missing field \"version\""},
      {R"({"format":"hearth-condition","version":2})",
       "bad.json: version: unsupported version 2 (expected 1)"},
      {Doc(R"(,"colour":"red")"), "bad.json: unknown field \"colour\""},
      {R"({"format":"hearth-condition","version":1,"id":"Hyper Tension"})",
       "bad.json: id: must be lower-case letters, digits and '_', starting with a letter; got "
       "\"Hyper Tension\""},
      {R"({"format":"hearth-condition","version":1,"id":"x"})", "bad.json: missing field \"name\""},
      {R"({"format":"hearth-condition","version":1,"id":"x","name":7})",
       "bad.json: name: expected a string, got number"},
      {R"({"format":"hearth-condition","version":1,"id":"x","name":""})",
       "bad.json: name: must not be empty"},
      {Doc(R"(,"applies_to_life_stage":"infancy")"),
       "bad.json: applies_to_life_stage: unknown life stage \"infancy\" (expected \"\", "
       "\"pregnancy\" or \"lactation\")"},
      {R"({"format":"hearth-condition","version":1,"id":"x","name":"X","summary":"S"})",
       "bad.json: missing field \"citations\""},
      {R"({"format":"hearth-condition","version":1,"id":"x","name":"X","summary":"S","citations":[]})",
       "bad.json: citations: must not be empty"},
      {R"({"format":"hearth-condition","version":1,"id":"x","name":"X","summary":"S",)"
       R"("citations":[{"id":"c1","text":"T"},{"id":"c1","text":"U"}]})",
       "bad.json: citations[1].id: duplicate citation id \"c1\""},
      {R"({"format":"hearth-condition","version":1,"id":"x","name":"X","summary":"S",)"
       R"("citations":[{"id":"c1","text":"T","doi":"10.1/x"}]})",
       "bad.json: citations[0]: unknown field \"doi\""},
      {R"({"format":"hearth-condition","version":1,"id":"x","name":"X","summary":"S",)"
       R"("citations":[{"id":"c1"}]})",
       "bad.json: citations[0]: missing field \"text\""},
      {Doc(R"(,"targets":{})"), "bad.json: targets: expected an array, got object"},
      {Doc(R"(,"targets":[3])"), "bad.json: targets[0]: expected an object, got number"},
      {Doc("," + t0 +
           R"(,)"
           R"({"nutrient":"potassium_mg","kind":"min","value":3500,"citation":"c1"},)"
           R"({"nutrient":"vit_x","kind":"min","value":1,"citation":"c1"}])"),
       "bad.json: targets[2].nutrient: unknown nutrient \"vit_x\""},
      {Doc(R"(,"targets":[{"nutrient":"sodium_mg","kind":"maximum","value":1,"citation":"c1"}])"),
       "bad.json: targets[0].kind: unknown kind \"maximum\" (expected one of min, max, "
       "min_pct_energy, max_pct_energy, min_per_kg_body, max_per_kg_body, min_per_1000kcal, "
       "max_per_1000kcal)"},
      {Doc(R"(,"targets":[{"nutrient":"sodium_mg","kind":"max_pct_energy","value":1,"citation":"c1"}])"),
       "bad.json: targets[0].kind: max_pct_energy needs a nutrient that provides energy; sodium_mg "
       "does not"},
      {Doc(R"(,"targets":[{"nutrient":"sodium_mg","kind":"max","citation":"c1"}])"),
       "bad.json: targets[0]: missing field \"value\""},
      {Doc(R"(,"targets":[{"nutrient":"sodium_mg","kind":"max","value":"1500","citation":"c1"}])"),
       "bad.json: targets[0].value: expected a number, got string"},
      {Doc(R"(,"targets":[{"nutrient":"sodium_mg","kind":"max","value":-5,"citation":"c1"}])"),
       "bad.json: targets[0].value: must not be negative, got -5"},
      {Doc(R"(,"targets":[{"nutrient":"fat_g","kind":"max_pct_energy","value":120,"citation":"c1"}])"),
       "bad.json: targets[0].value: a percentage of energy must be at most 100, got 120"},
      {Doc(R"(,"targets":[{"nutrient":"sodium_mg","kind":"max","value":1500}])"),
       "bad.json: targets[0]: missing field \"citation\""},
      {Doc(R"(,"targets":[{"nutrient":"sodium_mg","kind":"max","value":1500,"citation":"nope"}])"),
       "bad.json: targets[0].citation: unknown citation \"nope\""},
      {Doc(R"(,"targets":[{"nutrient":"sodium_mg","kind":"max","value":1500,"citation":"c1","why":""}])"),
       "bad.json: targets[0]: unknown field \"why\""},
      {Doc("," + t0 + R"(,{"nutrient":"sodium_mg","kind":"max","value":2300,"citation":"c1"}])"),
       "bad.json: targets[1]: duplicate rule: targets[0] already sets sodium_mg max"},
      {Doc(R"(,"targets":[{"nutrient":"protein_g","kind":"max_per_kg_body","value":0.6,"citation":"c1"},)"
           R"({"nutrient":"protein_g","kind":"min_per_kg_body","value":0.8,"citation":"c1"}])"),
       "bad.json: targets[1]: protein_g min_per_kg_body 0.8 is above max_per_kg_body 0.6 of "
       "targets[0]"},
      {Doc(R"(,"exclude_allergens":["gluten","nuts"])"),
       "bad.json: exclude_allergens[1]: unknown allergen \"nuts\""},
      {Doc(R"(,"exclude_allergens":["milk","milk"])"),
       "bad.json: exclude_allergens[1]: duplicate allergen \"milk\""},
      {Doc(R"(,"exclude_allergens":[1])"),
       "bad.json: exclude_allergens[0]: expected a string, got number"},
      {Doc(R"(,"require_diets":["keto"])"), "bad.json: require_diets[0]: unknown diet \"keto\""},
      {Doc(R"(,"exclude_foods":[{"citation":"c1"}])"),
       "bad.json: exclude_foods[0]: missing field \"any_of\""},
      {Doc(R"(,"exclude_foods":[{"any_of":[],"citation":"c1"}])"),
       "bad.json: exclude_foods[0].any_of: must not be empty"},
      {Doc(R"(,"exclude_foods":[{"any_of":["swordfish",""],"citation":"c1"}])"),
       "bad.json: exclude_foods[0].any_of[1]: must not be empty"},
      {Doc(R"(,"exclude_foods":[{"any_of":["swordfish","Shark"],"citation":"c1"}])"),
       "bad.json: exclude_foods[0].any_of[1]: keywords are matched against lower-cased food names "
       "and must be lower case; got \"Shark\""},
      {Doc(R"(,"exclude_foods":[{"any_of":["shark"],"none_of":["Fin"],"citation":"c1"}])"),
       "bad.json: exclude_foods[0].none_of[0]: keywords are matched against lower-cased food names "
       "and must be lower case; got \"Fin\""},
      {Doc(R"(,"exclude_foods":[{"any_of":["shark"],"groups":["15"],"citation":"c1"}])"),
       "bad.json: exclude_foods[0].groups[0]: expected a four-digit SR28 food group code, got "
       "\"15\""},
      {Doc(R"(,"exclude_foods":[{"any_of":["shark"],"citation":"fda"}])"),
       "bad.json: exclude_foods[0].citation: unknown citation \"fda\""},
      {Doc(R"(,"meal_spread":[{"nutrient":"carbs","max_share":0.4,"citation":"c1"}])"),
       "bad.json: meal_spread[0].nutrient: unknown nutrient \"carbs\""},
      {Doc(R"(,"meal_spread":[{"nutrient":"carbohydrate_g","max_share":1.5,"citation":"c1"}])"),
       "bad.json: meal_spread[0].max_share: must be above 0 and at most 1, got 1.5"},
      {Doc(R"(,"meal_spread":[{"nutrient":"carbohydrate_g","max_share":0,"citation":"c1"}])"),
       "bad.json: meal_spread[0].max_share: must be above 0 and at most 1, got 0"},
      {Doc(R"(,"meal_spread":[{"nutrient":"carbohydrate_g","max_share":0.4,"citation":"c1"},)"
           R"({"nutrient":"carbohydrate_g","max_share":0.5,"citation":"c1"}])"),
       "bad.json: meal_spread[1]: duplicate rule: meal_spread[0] already limits carbohydrate_g"},
      {Doc(R"(,"meal_spread":[{"nutrient":"carbohydrate_g","max_share":0.4,"citation":"x"}])"),
       "bad.json: meal_spread[0].citation: unknown citation \"x\""},
      {Doc(R"(,"notes":"see a doctor")"), "bad.json: notes: expected an array, got string"},
      {Doc(R"(,"notes":[null])"), "bad.json: notes[0]: expected a string, got null"},
  };
  for (const ErrorCase& tc : cases) {
    SCOPED_TRACE(tc.json);
    auto r = ParseCondition(tc.json, "bad.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), tc.message);
  }
}

TEST(RuleKindKey, NamesEveryKind) {
  EXPECT_EQ(RuleKindKey(RuleKind::kMin), "min");
  EXPECT_EQ(RuleKindKey(RuleKind::kMaxPctEnergy), "max_pct_energy");
  EXPECT_EQ(RuleKindKey(RuleKind::kMinPerKgBody), "min_per_kg_body");
  EXPECT_EQ(RuleKindKey(RuleKind::kMaxPer1000Kcal), "max_per_1000kcal");
}

// ---- Directories ----------------------------------------------------------

class LoadConditionsDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("hearth_conditions_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }

  static std::string WithId(const std::string& id) {
    std::string d = Doc("");
    d.replace(d.find("\"x\""), 3, "\"" + id + "\"");
    return d;
  }

  fs::path dir_;
};

TEST_F(LoadConditionsDirTest, SortsByIdAndIgnoresOtherFiles) {
  Write("a.json", WithId("zeta"));
  Write("z.json", WithId("alpha"));
  Write("README.md", "not a condition");
  Write("notes.json.bak", "{");
  fs::create_directories(dir_ / "sub.json");
  auto r = LoadConditionsDir(dir_.string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].id, "alpha");
  EXPECT_EQ((*r)[1].id, "zeta");
}

TEST_F(LoadConditionsDirTest, NamesTheBadFile) {
  Write("a.json", WithId("fine"));
  const std::string bad =
      Write("b.json",
            Doc(R"(,"targets":[{"nutrient":"sodium_mg","kind":"max","value":1,"citation":"c1"},)"
                R"({"nutrient":"fiber_g","kind":"min","value":1,"citation":"c1"},)"
                R"({"nutrient":"vit_x","kind":"min","value":1,"citation":"c1"}])"));
  auto r = LoadConditionsDir(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), bad + ": targets[2].nutrient: unknown nutrient \"vit_x\"");
}

TEST_F(LoadConditionsDirTest, RejectsDuplicateIds) {
  const std::string first = Write("a.json", WithId("same"));
  const std::string second = Write("b.json", WithId("same"));
  auto r = LoadConditionsDir(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            second + ": id: duplicate condition id \"same\" (also in " + first + ")");
}

TEST_F(LoadConditionsDirTest, MissingDirectoryIsNotFound) {
  const std::string missing = (dir_ / "nope").string();
  auto r = LoadConditionsDir(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), "no such directory: " + missing);
}

TEST_F(LoadConditionsDirTest, EmptyDirectoryGivesNoConditions) {
  auto r = LoadConditionsDir(dir_.string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->empty());
}

}  // namespace
}  // namespace hearth
