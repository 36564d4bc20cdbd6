#include "hearth/importer/pantry_io.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "hearth/importer/sr28.h"

namespace hearth {
namespace {

const FoodDb& Sr28Foods() {
  static const FoodDb* db = [] {
    Result<std::vector<Food>> foods = LoadSr28(std::string(HEARTH_TEST_DATA_DIR) + "/sr28");
    EXPECT_TRUE(foods.ok()) << foods.status().ToString();
    return new FoodDb(foods.ok() ? std::move(foods).value() : std::vector<Food>{});
  }();
  return *db;
}

TEST(PantryCsv, ReadsNumbersDescriptionsAndHouseholdUnits) {
  const std::string csv =
      "food,quantity,unit,expiry,location,note\n"
      "20044,2,kg,,cupboard,long-grain\n"
      "\"Egg, whole, raw, fresh\",6,large,2026-12-20,fridge,\n"
      "9003,3,medium,2027-01-05,fridge,\"crisp, red\"\n"
      "01077,1,cup,2026-12-01,fridge,\n"
      "20044,1,lb,,,\n"
      "16027,500,,,,\n";
  Result<std::vector<PantryItem>> items = ParsePantryCsv(csv, "pantry.csv", Sr28Foods());
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 6u);
  EXPECT_EQ((*items)[0].food, FoodId{20044});
  EXPECT_DOUBLE_EQ((*items)[0].grams, 2000);
  EXPECT_FALSE((*items)[0].expiry.has_value());
  EXPECT_EQ((*items)[0].location, "cupboard");
  EXPECT_EQ((*items)[1].food, FoodId{1123});
  EXPECT_DOUBLE_EQ((*items)[1].grams, 300);  // 6 × 50 g.
  EXPECT_EQ(FormatDate(*(*items)[1].expiry), "2026-12-20");
  EXPECT_DOUBLE_EQ((*items)[2].grams, 3 * 182);  // "medium (3" dia)".
  EXPECT_EQ((*items)[2].note, "crisp, red");
  EXPECT_DOUBLE_EQ((*items)[3].grams, 244);
  EXPECT_NEAR((*items)[4].grams, 453.59237, 1e-9);
  EXPECT_DOUBLE_EQ((*items)[5].grams, 500);  // No unit: grams.
}

TEST(PantryCsv, ReportsEveryBadFieldWithLineAndColumn) {
  const std::string csv =
      "food,quantity,unit,expiry\n"
      "20044,1,kg,\n"
      "Rise,1,kg,\n"
      "20044,2,bucket,\n"
      "16027,-3,kg,\n"
      "16027,nan,kg,\n"
      "16027,0,kg,\n"
      "16027,1,kg,2026-13-01\n"
      "99999,abc,kg,\n";
  Result<std::vector<PantryItem>> items = ParsePantryCsv(csv, "pantry.csv", Sr28Foods());
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = items.status().message();
  EXPECT_NE(m.find("pantry.csv: 8 problems"), std::string::npos) << m;
  EXPECT_NE(m.find("pantry.csv line 3: column food: unknown food \"Rise\""), std::string::npos) << m;
  EXPECT_NE(m.find("pantry.csv line 4: column unit: no conversion from \"bucket\" to grams for 20044"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("one of: cup"), std::string::npos) << m;
  EXPECT_NE(m.find("pantry.csv line 5: column quantity: must be a positive finite number, got -3"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("pantry.csv line 6: column quantity: must be a positive finite number, got nan"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("pantry.csv line 7: column quantity: must be a positive finite number, got 0"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("pantry.csv line 8: column expiry: \"2026-13-01\" is not a date"), std::string::npos) << m;
  EXPECT_NE(m.find("pantry.csv line 9: column food: unknown food \"99999\""), std::string::npos) << m;
  EXPECT_NE(m.find("pantry.csv line 9: column quantity: \"abc\" is not a number"), std::string::npos) << m;
}

TEST(PantryCsv, MultiLineRecordsKeepTheirStartingLine) {
  const std::string csv =
      "food,quantity,unit,note\n"
      "20044,1,kg,\"two\nlines\"\n"
      "Rise,1,kg,\n";
  Result<std::vector<PantryItem>> items = ParsePantryCsv(csv, "p.csv", Sr28Foods());
  ASSERT_FALSE(items.ok());
  EXPECT_NE(items.status().message().find("p.csv line 4: column food"), std::string::npos)
      << items.status().message();
}

TEST(PantryCsv, RejectsMissingAndUnknownColumns) {
  Result<std::vector<PantryItem>> items = ParsePantryCsv("food,amount\n20044,1\n", "p.csv", Sr28Foods());
  ASSERT_FALSE(items.ok());
  EXPECT_NE(items.status().message().find("unknown column \"amount\""), std::string::npos);
  EXPECT_NE(items.status().message().find("missing column \"quantity\""), std::string::npos);
}

TEST(PantryJson, ReadsItemsAndNamesPathsInErrors) {
  const std::string good = R"({"format":"hearth-pantry","version":1,"items":[
      {"food":"20044","quantity":1.5,"unit":"kg","location":"cupboard"},
      {"food":1123,"quantity":12,"unit":"large","expiry":"2026-12-20"},
      {"food":"Apples, raw, with skin","quantity":400}]})";
  Result<std::vector<PantryItem>> items = ParsePantryJson(good, "p.json", Sr28Foods());
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 3u);
  EXPECT_DOUBLE_EQ((*items)[0].grams, 1500);
  EXPECT_DOUBLE_EQ((*items)[1].grams, 600);
  EXPECT_EQ((*items)[2].food, FoodId{9003});

  const std::string bad = R"({"format":"hearth-pantry","version":1,"items":[
      {"food":"20044","quantity":-1,"unit":"kg"},
      {"food":"Nothing like it","quantity":1},
      {"food":"20044","quantity":1,"unit":"handful"},
      {"food":"20044","quantity":"lots"},
      {"food":"20044","quantity":1,"expiry":"soon","colour":"red"}]})";
  items = ParsePantryJson(bad, "p.json", Sr28Foods());
  ASSERT_FALSE(items.ok());
  const std::string& m = items.status().message();
  EXPECT_NE(m.find("p.json: items[0].quantity: must be a positive finite number"), std::string::npos) << m;
  EXPECT_NE(m.find("p.json: items[1].food: unknown food \"Nothing like it\""), std::string::npos) << m;
  EXPECT_NE(m.find("p.json: items[2].unit: no conversion from \"handful\""), std::string::npos) << m;
  EXPECT_NE(m.find("p.json: items[3].quantity: \"lots\" is not a number"), std::string::npos) << m;
  EXPECT_NE(m.find("p.json: items[4].expiry: \"soon\" is not a date"), std::string::npos) << m;
  EXPECT_NE(m.find("p.json: items[4].colour: unknown field"), std::string::npos) << m;

  items = ParsePantryJson(R"({"format":"other","version":2,"items":{}})", "p.json", Sr28Foods());
  ASSERT_FALSE(items.ok());
  EXPECT_NE(items.status().message().find("format: must be \"hearth-pantry\""), std::string::npos);
  EXPECT_NE(items.status().message().find("version: must be 1"), std::string::npos);
  EXPECT_NE(items.status().message().find("items: must be an array"), std::string::npos);
  items = ParsePantryJson("{not json", "p.json", Sr28Foods());
  ASSERT_FALSE(items.ok());
  EXPECT_NE(items.status().message().find("p.json: not valid JSON"), std::string::npos);
  // A NUL byte would end nlohmann's input early: the rest must not be ignored.
  items = ParsePantryJson(std::string(R"({"format":"hearth-pantry","version":1,"items":[]})") + '\0' + "junk",
                          "p.json", Sr28Foods());
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.status().message(), "p.json: not valid JSON: a NUL byte at byte 50");
}

TEST(PantryFiles, RoundTripBothFormats) {
  std::vector<PantryItem> items(3);
  items[0].food = FoodId{20044};
  items[0].grams = 1234.5678;
  items[0].location = "cupboard, top shelf";
  items[0].note = "say \"rice\"";
  items[1].food = FoodId{1123};
  items[1].grams = 300;
  items[1].expiry = ParseDate("2026-12-20");
  items[2].food = FoodId{9003};
  items[2].grams = 1.0 / 3;
  const std::string dir = ::testing::TempDir() + "pantry_io_test_" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  for (const std::string name : {"/p.csv", "/p.json"}) {
    ASSERT_TRUE(WritePantryFile(dir + name, items, Sr28Foods()).ok());
    Result<std::vector<PantryItem>> back = ReadPantryFile(dir + name, Sr28Foods());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, items) << name;
  }
  Result<std::vector<PantryItem>> missing = ReadPantryFile(dir + "/none.csv", Sr28Foods());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hearth
