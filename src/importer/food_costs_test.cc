#include "hearth/importer/food_costs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "hearth/importer/csv.h"

namespace hearth {
namespace {

const std::string kShippedDataDir = HEARTH_TEST_DATA_DIR;
const std::string kCostsDir = kShippedDataDir + "/costs";

// ERS 2022: fresh apples $1.8541 per pound, yield 0.9.
constexpr double kKgPerLb = 0.45359237;
constexpr double kApplePricePerLb = 1.8541;
constexpr double kAppleYield = 0.9;

const FoodCostTable& RealTable() {
  static const FoodCostTable table = [] {
    Result<FoodCostTable> t = LoadFoodCosts(kCostsDir);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? std::move(t).value() : FoodCostTable();
  }();
  return table;
}

const FoodCost& Get(int32_t ndb) {
  const FoodCost* c = RealTable().Find(FoodId{ndb});
  EXPECT_NE(c, nullptr) << ndb;
  static const FoodCost kEmpty;
  return c ? *c : kEmpty;
}

TEST(FoodCosts, LoadsEverySr28Food) {
  EXPECT_EQ(RealTable().size(), 8789u);
  EXPECT_GT(RealTable().priced_count(), 8000u);
  EXPECT_EQ(RealTable().Find(FoodId{99999}), nullptr);
}

TEST(FoodCosts, FootprintSpotChecks) {
  // Beef (beef herd) is 59.6 kg CO2e/kg in Poore & Nemecek 2018.
  for (int32_t beef : {23572, 13293, 13970}) {
    EXPECT_GT(Get(beef).co2e_per_kg, 20) << beef;
    EXPECT_EQ(Get(beef).co2e_category, "Beef (beef herd)") << beef;
    EXPECT_EQ(Get(beef).co2e_basis, "category") << beef;
  }
  // Lentils (Other Pulses 1.6) and split peas (Peas 0.8).
  EXPECT_LT(Get(16069).co2e_per_kg, 2);
  EXPECT_EQ(Get(16069).co2e_category, "Other Pulses");
  EXPECT_LT(Get(16085).co2e_per_kg, 2);
  EXPECT_EQ(Get(16085).co2e_category, "Peas");
  EXPECT_EQ(Get(1009).co2e_category, "Cheese");  // Cheddar.
  EXPECT_NEAR(Get(1009).co2e_per_kg, 21.2, 1e-9);
  EXPECT_EQ(Get(16126).co2e_category, "Tofu");
  EXPECT_EQ(Get(20444).co2e_category, "Rice");
  EXPECT_EQ(Get(1123).co2e_category, "Eggs");
  EXPECT_EQ(Get(4053).co2e_category, "Olive Oil");
  EXPECT_EQ(Get(2010).co2e_basis, "group_default");  // Cinnamon: spices default.
  // Water and salt: zero, no category.
  for (int32_t zero : {14411, 2047}) {
    EXPECT_EQ(Get(zero).co2e_per_kg, 0) << zero;
    EXPECT_EQ(Get(zero).co2e_basis, "zero") << zero;
    EXPECT_EQ(Get(zero).co2e_category, "") << zero;
  }
}

TEST(FoodCosts, PriceSpotChecks) {
  // Apples, raw, with skin: ERS price per purchased kg divided by the ERS yield.
  const FoodCost& apple = Get(9003);
  EXPECT_EQ(apple.price_basis, "ers_2022");
  ASSERT_TRUE(apple.price_per_kg.has_value());
  EXPECT_NEAR(*apple.price_per_kg, kApplePricePerLb / kKgPerLb / kAppleYield, 1e-3);
  // Lentils: ERS dried lentils, eaten by dry weight.
  EXPECT_EQ(Get(16069).price_basis, "ers_2022");
  EXPECT_NEAR(*Get(16069).price_per_kg, 1.8390 / kKgPerLb, 1e-3);
  // Tap water costs (about) nothing; salt is cheap.
  EXPECT_EQ(Get(14411).price_per_kg.value_or(-1), 0);
  EXPECT_LT(Get(2047).price_per_kg.value_or(-1), 3);
  EXPECT_GE(Get(2047).price_per_kg.value_or(-1), 0);
  EXPECT_EQ(Get(23572).price_basis, "assumption");  // Ground beef.
  EXPECT_GT(*Get(23572).price_per_kg, *Get(16069).price_per_kg);
}

TEST(FoodCosts, FootprintsUseThePooreNemecekProducts) {
  Result<CsvTable> cats = CsvTable::ReadFile(kCostsDir + "/footprint_categories.csv");
  ASSERT_TRUE(cats.ok()) << cats.status().ToString();
  ASSERT_EQ(cats->rows().size(), 43u);
  const int c_name = cats->Column("category").value_or(-1);
  const int c_total = cats->Column("kg_co2e_per_kg").value_or(-1);
  ASSERT_GE(c_name, 0);
  ASSERT_GE(c_total, 0);
  std::map<std::string, double> totals;
  for (const CsvRow& r : cats->rows())
    totals[r.fields[c_name]] = ParseNumber(r.fields[c_total]).value_or(-1);
  EXPECT_DOUBLE_EQ(totals["Beef (beef herd)"], 59.6);
  EXPECT_DOUBLE_EQ(totals["Other Pulses"], 1.6);

  // Each footprint is its product's total times the stated factor.
  Result<CsvTable> fp = CsvTable::ReadFile(kCostsDir + "/food_footprints.csv");
  ASSERT_TRUE(fp.ok()) << fp.status().ToString();
  const int c_cat = fp->Column("category").value_or(-1);
  const int c_value = fp->Column("kg_co2e_per_kg").value_or(-1);
  const int c_factor = fp->Column("factor").value_or(-1);
  ASSERT_GE(c_factor, 0);
  for (const CsvRow& r : fp->rows()) {
    const std::string& cat = r.fields[c_cat];
    if (cat.empty()) continue;
    ASSERT_EQ(totals.count(cat), 1u) << "line " << r.line << ": " << cat;
    EXPECT_NEAR(ParseNumber(r.fields[c_value]).value_or(-1),
                totals[cat] * ParseNumber(r.fields[c_factor]).value_or(-1), 1e-3)
        << "line " << r.line;
  }
}

TEST(FoodCosts, EveryRecipeFoodHasAPriceAndAFootprint) {
  std::set<int32_t> foods;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kShippedDataDir + "/recipes")) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    std::ifstream in(entry.path());
    nlohmann::json doc = nlohmann::json::parse(in);
    for (const auto& recipe : doc.at("recipes")) {
      for (const auto& ing : recipe.at("ingredients")) {
        std::optional<FoodId> id = ParseFoodId(ing.at("food").get<std::string>());
        ASSERT_TRUE(id.has_value()) << entry.path() << " " << ing.dump();
        foods.insert(id->ndb);
      }
    }
  }
  EXPECT_GE(files, 1);
  EXPECT_GE(foods.size(), 300u);
  for (int32_t ndb : foods) {
    const FoodCost* c = RealTable().Find(FoodId{ndb});
    ASSERT_NE(c, nullptr) << FormatFoodId(FoodId{ndb});
    EXPECT_TRUE(c->price_per_kg.has_value()) << FormatFoodId(FoodId{ndb});
    EXPECT_FALSE(c->co2e_basis.empty()) << FormatFoodId(FoodId{ndb});
  }
}

// ---------------------------------------------------------------------------
// Bad files.

const char kGoodFootprints[] =
    "ndb_no,category,kg_co2e_per_kg,basis,factor,rule\n"
    "01001,Milk,11.2,category,4,rule:butter\n"
    "02047,,0,zero,1,zero:salt\n";
const char kGoodPrices[] =
    "ndb_no,price_per_kg,basis,purchase_price_per_kg\n"
    "01001,10,assumption,10\n"
    "02047,1.1,assumption,1.1\n";

class FoodCostsFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("hearth_food_costs_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  Result<FoodCostTable> Load() { return LoadFoodCosts(dir_.string()); }

  std::filesystem::path dir_;
};

TEST_F(FoodCostsFiles, GoodFilesLoad) {
  Write("food_footprints.csv", kGoodFootprints);
  Write("food_prices.csv", kGoodPrices);
  Result<FoodCostTable> t = Load();
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->size(), 2u);
  EXPECT_EQ(t->priced_count(), 2u);
  const FoodCost* butter = t->Find(FoodId{1001});
  ASSERT_NE(butter, nullptr);
  EXPECT_EQ(butter->co2e_category, "Milk");
  EXPECT_DOUBLE_EQ(butter->co2e_per_kg, 11.2);
  EXPECT_EQ(butter->price_per_kg, 10.0);
  EXPECT_EQ(butter->price_basis, "assumption");
}

TEST_F(FoodCostsFiles, FoodWithoutPriceRowIsUnpriced) {
  Write("food_footprints.csv", kGoodFootprints);
  Write("food_prices.csv", "ndb_no,price_per_kg,basis\n01001,10,ers_2022\n");
  Result<FoodCostTable> t = Load();
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->priced_count(), 1u);
  EXPECT_FALSE(t->Find(FoodId{2047})->price_per_kg.has_value());
  EXPECT_EQ(t->Find(FoodId{2047})->price_basis, "");
}

TEST_F(FoodCostsFiles, MissingFileIsNotFound) {
  Write("food_footprints.csv", kGoodFootprints);
  Result<FoodCostTable> t = Load();
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
}

TEST_F(FoodCostsFiles, BadRowsNameFileLineAndColumn) {
  struct Row {
    const char* footprints;  // nullptr: kGoodFootprints.
    const char* prices;      // nullptr: kGoodPrices.
    const char* message;
  };
  const Row kRows[] = {
      {nullptr, "ndb_no,price_per_kg,basis\n01001,10,assumption\n02047,-1,assumption\n",
       "food_prices.csv line 3: column price_per_kg: not a non-negative number"},
      {nullptr, "ndb_no,price_per_kg,basis\n01001,ten,assumption\n",
       "food_prices.csv line 2: column price_per_kg: not a non-negative number"},
      {nullptr, "ndb_no,price_per_kg,basis\n01001,,assumption\n",
       "food_prices.csv line 2: column price_per_kg: not a non-negative number"},
      {nullptr, "ndb_no,price_per_kg,basis\n01001,10,guess\n",
       "food_prices.csv line 2: column basis: unknown basis \"guess\" (expected ers_2022 or "
       "assumption)"},
      {nullptr, "ndb_no,price_per_kg,basis\n09999,1,assumption\n",
       "food_prices.csv line 2: column ndb_no: food 09999 has no row in food_footprints.csv"},
      {nullptr, "ndb_no,price_per_kg,basis\n01001,1,assumption\n1001,2,assumption\n",
       "food_prices.csv line 3: column ndb_no: duplicate food 01001"},
      {nullptr, "ndb_no,price_per_kg,basis\n01001,1\n",
       "food_prices.csv line 2: column *: wrong number of fields"},
      {nullptr, "ndb_no,price,basis\n01001,1,assumption\n",
       "food_prices.csv: missing column: price_per_kg"},
      {"ndb_no,category,kg_co2e_per_kg,basis\n01001,Milk,x,category\n", nullptr,
       "food_footprints.csv line 2: column kg_co2e_per_kg: not a non-negative number"},
      {"ndb_no,category,kg_co2e_per_kg,basis\n01001,Milk,nan,category\n", nullptr,
       "food_footprints.csv line 2: column kg_co2e_per_kg: not a non-negative number"},
      {"ndb_no,category,kg_co2e_per_kg,basis\n01001,Milk,2.8,category\n1x,Milk,2.8,category\n",
       nullptr, "food_footprints.csv line 3: column ndb_no: not an NDB number"},
      {"ndb_no,category,kg_co2e_per_kg,basis\n01001,Milk,2.8,guess\n", nullptr,
       "food_footprints.csv line 2: column basis: unknown basis \"guess\" (expected category, "
       "group_default or zero)"},
      {"ndb_no,category,kg_co2e_per_kg,basis\n01001,,2.8,group_default\n", nullptr,
       "food_footprints.csv line 2: column category: empty for basis \"group_default\""},
      {"ndb_no,category,kg_co2e_per_kg,basis\n02047,,0.5,zero\n", nullptr,
       "food_footprints.csv line 2: column kg_co2e_per_kg: must be 0 for basis \"zero\""},
      {"ndb_no,category,kg_co2e_per_kg,basis\n01001,Milk,2.8,category\n01001,Milk,2.8,category\n",
       nullptr, "food_footprints.csv line 3: column ndb_no: duplicate food 01001"},
      {"ndb_no,category,basis\n01001,Milk,category\n", nullptr,
       "food_footprints.csv: missing column: kg_co2e_per_kg"},
  };
  for (const Row& row : kRows) {
    Write("food_footprints.csv", row.footprints ? row.footprints : kGoodFootprints);
    Write("food_prices.csv", row.prices ? row.prices : kGoodPrices);
    Result<FoodCostTable> t = Load();
    ASSERT_FALSE(t.ok()) << row.message;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument) << row.message;
    EXPECT_EQ(t.status().message(), row.message);
  }
}

}  // namespace
}  // namespace hearth
