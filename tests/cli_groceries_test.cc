// The grocery flow end to end from the shipped demo data, through the real
// binary and one real SQLite file: import the demo market and pantry, plan a
// household's days with the market's prices and the pantry, shop for the
// plan, cook a day and see the pantry drop by what the cook took.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_util.h"

namespace {

using hearth::testing::CliRun;
using hearth::testing::Examples;
using hearth::testing::Hearth;
using json = nlohmann::json;

std::string Data() { return std::string(HEARTH_TEST_DATA_DIR); }

std::map<std::string, double> PantryGrams(const std::string& db) {
  CliRun r = Hearth("--db " + db + " pantry list --json");
  EXPECT_EQ(r.code, 0) << r.out;
  std::map<std::string, double> by_item;
  const json list = json::parse(r.out);
  for (const json& it : list["items"]) by_item[std::to_string(it["id"].get<long>())] = it["grams"];
  return by_item;
}

TEST(HearthCliGroceries, DemoMarketAndPantryToPlanShopAndCook) {
  char dir_tmpl[] = "/tmp/hearth-groceries-XXXXXX";
  ASSERT_NE(mkdtemp(dir_tmpl), nullptr);
  const std::string dir = dir_tmpl;
  const std::string db = dir + "/hearth.db", plan = dir + "/plan.json";
  const std::string h = "--db " + db + " ";

  CliRun r = Hearth(h + "market import " + Data() + "/market/demo/vendors.csv " + Data() + "/market/demo/products.csv");
  ASSERT_EQ(r.code, 0) << r.out;
  r = Hearth(h + "pantry import " + Data() + "/demo/pantry.csv");
  ASSERT_EQ(r.code, 0) << r.out;
  const std::map<std::string, double> before = PantryGrams(db);
  ASSERT_FALSE(before.empty());

  r = Hearth(h + "plan --profile " + Examples() + "ben-58-male-hypertension.json --household " + Examples() +
             "ana-30-female.json --days 2 --time-limit 3 --market --pantry --start 2026-11-26 --json --out " + plan);
  ASSERT_EQ(r.code, 0) << r.out;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["totals"]["prices"], "market");
  EXPECT_EQ(doc["request"]["pricing"]["prices"], "market");
  EXPECT_EQ(doc["request"]["start_date"], "2026-11-26");
  ASSERT_TRUE(doc.contains("pantry"));
  double from_pantry = 0;
  for (const json& l : doc["pantry"]) {
    // The document rounds to 4 significant digits.
    EXPECT_NEAR(l["from_pantry_g"].get<double>() + l["left_g"].get<double>(), l["pantry_g"].get<double>(),
                0.002 * l["pantry_g"].get<double>() + 0.01);
    from_pantry += l["from_pantry_g"].get<double>();
  }
  EXPECT_GT(from_pantry, 0);  // The plan uses what is at home.

  r = Hearth(h + "shop --plan " + plan + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const json list = json::parse(r.out);
  ASSERT_FALSE(list["vendors"].empty());
  for (const json& v : list["vendors"]) {
    for (const json& a : v["aisles"]) {
      for (const json& l : a["lines"]) {
        EXPECT_GT(l["quantity"].get<double>(), 0);
        EXPECT_TRUE(l["sourcing"]["sources"]["co2e"] == "vendor" || l["sourcing"]["sources"]["co2e"] == "default");
      }
    }
  }
  // The text groups by vendor with provenance and totals.
  r = Hearth(h + "shop --plan " + plan);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("Subtotal"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Totals:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Sourcing:"), std::string::npos) << r.out;

  r = Hearth(h + "pantry cook --plan " + plan + " --day 1 --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const json cooked = json::parse(r.out);
  ASSERT_FALSE(cooked["takes"].empty()) << r.out;
  std::map<std::string, double> taken;
  for (const json& t : cooked["takes"]) taken[std::to_string(t["item"].get<long>())] += t["grams_taken"].get<double>();
  const std::map<std::string, double> after = PantryGrams(db);
  for (const auto& [item, grams] : before) {
    const double now = after.count(item) ? after.at(item) : 0;
    const double took = taken.count(item) ? taken.at(item) : 0;
    EXPECT_NEAR(now, grams - took, 0.05) << "item " << item;
  }
  std::remove(plan.c_str());
}

}  // namespace
