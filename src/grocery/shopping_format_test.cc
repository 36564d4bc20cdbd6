// The shopping list's encodings: JSON document fields, CSV (RFC 4180) and
// the text, from a hand-built list.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hearth/json/shopping_json.h"

namespace hearth {
namespace {

grocery::ShoppingList SampleList() {
  grocery::ShoppingList l;
  l.currency = "USD";
  l.start = *ParseDate("2026-03-02");
  l.home = {45, 7};
  l.solver_status = "optimal";
  grocery::ShoppingLine line;
  line.food = FoodId{20040};
  line.food_name = "Rice, brown, long-grain, raw";
  line.aisle = grocery::Aisle::kBakeryGrains;
  line.vendor_id = "acre";
  line.product_id = "rice-1kg";
  line.product_name = "Rice \"Brown\", 1 kg bag";
  line.package_g = 1000;
  line.price = 2.5;
  line.quantity = 3;
  line.cost = 7.5;
  line.purchased_g = 3000;
  line.origin = "Valley Farm, Millbrook";
  line.origin_location = GeoPoint{45.1, 7.1};
  line.production = Production::kLocalFarm;
  line.food_miles_km = 13.6;
  line.co2e_per_kg = 4;
  line.co2e_source = grocery::FigureSource::kDefault;
  line.co2e_kg = 12;
  line.local = true;
  grocery::VendorBasket b;
  b.vendor_id = "acre";
  b.vendor_name = "Green Acre, Farm";
  b.kind = VendorKind::kFarm;
  b.distance_km = 2;
  b.cost = 7.5;
  b.co2e_kg = 12;
  b.aisles.push_back({grocery::Aisle::kBakeryGrains, {line}, 7.5});
  l.vendors.push_back(b);
  grocery::UnavailableFood u;
  u.food = FoodId{2038};
  u.food_name = "Spices, saffron";
  u.aisle = grocery::Aisle::kSpicesCondiments;
  u.edible_g = 2;
  u.purchased_g = 2;
  u.estimated_cost = 0.01;
  l.unavailable.push_back(u);
  l.totals.cost = 7.5;
  l.totals.vendors_visited = 1;
  return l;
}

TEST(ShoppingFormatTest, JsonCarriesLinesSourcesAndUnavailable) {
  nlohmann::json j = ShoppingListToJson(SampleList());
  EXPECT_EQ(j["format"], "hearth-shopping");
  EXPECT_EQ(j["start"], "2026-03-02");
  const nlohmann::json& line = j["vendors"][0]["aisles"][0]["lines"][0];
  EXPECT_EQ(j["vendors"][0]["aisles"][0]["aisle"], "bakery_grains");
  EXPECT_EQ(line["food"], "20040");
  EXPECT_EQ(line["quantity"], 3);
  EXPECT_EQ(line["sourcing"]["sources"]["co2e"], "default");
  EXPECT_EQ(line["sourcing"]["sources"]["food_miles"], "vendor");
  EXPECT_EQ(line["sourcing"]["production"], "local_farm");
  EXPECT_DOUBLE_EQ(line["sourcing"]["food_miles_km"].get<double>(), 13.6);
  EXPECT_EQ(j["unavailable"][0]["food"], "02038");
  EXPECT_EQ(j["unavailable"][0]["cost_source"], "default");
  EXPECT_EQ(j["vendors"][0]["round_trip_km"], 4.0);
}

TEST(ShoppingFormatTest, CsvQuotesFieldsAndListsUnavailableFoods) {
  const std::string csv = ShoppingListToCsv(SampleList());
  const size_t first_end = csv.find("\r\n");
  ASSERT_NE(first_end, std::string::npos);
  EXPECT_EQ(csv.substr(0, csv.find(',')), "status");
  EXPECT_NE(csv.find("buy,acre,\"Green Acre, Farm\",farm,2.00,bakery_grains,20040,\"Rice, brown, long-grain, raw\","
                     "rice-1kg,\"Rice \"\"Brown\"\", 1 kg bag\",1000.0,3,2.50,7.50,USD,vendor,"
                     "\"Valley Farm, Millbrook\",local_farm,false,13.60,4.000,12.000,default,true\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("unavailable,,,,,spices_condiments,02038,\"Spices, saffron\",,,2.0,,,0.01,USD,default"),
            std::string::npos)
      << csv;
}

TEST(ShoppingFormatTest, TextGroupsByVendorAndAisle) {
  const std::string t = ShoppingListToText(SampleList());
  const size_t vendor = t.find("Green Acre, Farm (farm, 2.0 km)");
  const size_t aisle = t.find("  Bakery & grains");
  const size_t item = t.find("3 × Rice \"Brown\", 1 kg bag (1.00 kg) @ $2.50 = $7.50");
  ASSERT_NE(vendor, std::string::npos) << t;
  ASSERT_NE(aisle, std::string::npos) << t;
  ASSERT_NE(item, std::string::npos) << t;
  EXPECT_LT(vendor, aisle);
  EXPECT_LT(aisle, item);
  EXPECT_NE(t.find("12.00 kg CO2e (default)"), std::string::npos) << t;
  EXPECT_NE(t.find("Spices, saffron: 2 g · about $0.01"), std::string::npos) << t;
}

}  // namespace
}  // namespace hearth
