// The shipped demo market (data/market/demo) loaded through the real importer
// with the real SR28 table: no errors, every recipe food sold somewhere, and
// the variety the demo promises.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "hearth/importer/market_io.h"
#include "test_catalog.h"

namespace hearth {
namespace {

const std::string kDemo = std::string(HEARTH_TEST_DATA_DIR) + "/market/demo/";

const MarketImport& Demo() {
  static const MarketImport* m = [] {
    Result<MarketImport> r =
        ImportMarketFiles({kDemo + "vendors.csv", kDemo + "products.csv"}, TestCatalog().foods(), {});
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      std::abort();
    }
    return new MarketImport(std::move(r).value());
  }();
  return *m;
}

TEST(DemoMarket, LoadsWithoutErrors) {
  EXPECT_TRUE(Demo().report.ok()) << Demo().report.FormatErrors();
  EXPECT_EQ(Demo().market.vendors.size(), 8u);
  EXPECT_GT(Demo().market.products.size(), 500u);
  EXPECT_EQ(Demo().report.products_imported, Demo().report.products_read);
}

TEST(DemoMarket, EveryRecipeFoodIsSold) {
  std::map<int32_t, std::set<std::string>> sellers;
  for (const Product& p : Demo().market.products) sellers[p.food.ndb].insert(p.vendor_id);
  std::set<int32_t> recipe_foods;
  for (const Recipe& r : TestCatalog().recipes()) {
    for (const Ingredient& i : r.ingredients) recipe_foods.insert(i.food.ndb);
  }
  ASSERT_GT(recipe_foods.size(), 300u);
  size_t at_two = 0;
  for (int32_t ndb : recipe_foods) {
    const FoodCost* cost = TestCatalog().costs().Find(FoodId{ndb});
    ASSERT_NE(cost, nullptr) << ndb;
    if (cost->price_per_kg == 0.0) continue;  // Tap water is free: nobody sells it.
    EXPECT_TRUE(sellers.contains(ndb)) << FormatFoodId(FoodId{ndb}) << " is not sold";
    at_two += sellers[ndb].size() >= 2;
  }
  EXPECT_GT(at_two, recipe_foods.size() * 3 / 4);  // Most foods at two vendors or more.
}

TEST(DemoMarket, VendorsProductsAndPrices) {
  std::map<std::string, int> per_vendor;
  std::set<VendorKind> kinds;
  for (const Vendor& v : Demo().market.vendors) {
    per_vendor[v.id] = 0;
    kinds.insert(v.kind);
  }
  EXPECT_EQ(kinds.size(), 4u);
  std::set<Production> productions;
  int organic = 0, declared_co2e = 0, certified = 0, by_volume = 0;
  for (const Product& p : Demo().market.products) {
    ASSERT_TRUE(per_vendor.contains(p.vendor_id)) << p.vendor_id;
    ++per_vendor[p.vendor_id];
    EXPECT_GT(p.price, 0) << p.vendor_id << "/" << p.id;
    EXPECT_GT(p.package_g, 0) << p.vendor_id << "/" << p.id;
    EXPECT_EQ(p.currency, "USD");
    productions.insert(p.production);
    organic += p.organic;
    declared_co2e += p.co2e_per_kg.has_value();
    certified += !p.certifications.empty();
    by_volume += p.package_ml.has_value();
  }
  for (const auto& [id, n] : per_vendor) EXPECT_GT(n, 0) << id << " sells nothing";
  EXPECT_EQ(productions.size(), 5u);  // Local farm, greenhouse, lab-grown, imported, wild-caught.
  EXPECT_GT(organic, 50);
  EXPECT_GT(certified, 50);
  EXPECT_GT(declared_co2e, 0);
  EXPECT_LT(declared_co2e, 20);  // Most products use the default footprint.
  EXPECT_GT(by_volume, 20);

  // Vendors sit 3-12 km apart (the market stalls share the square).
  const auto& v = Demo().market.vendors;
  for (size_t i = 0; i < v.size(); ++i) {
    for (size_t j = i + 1; j < v.size(); ++j) {
      if (v[i].kind == VendorKind::kMarketStall && v[j].kind == VendorKind::kMarketStall) continue;
      double d = DistanceKm(v[i].location, v[j].location);
      EXPECT_GE(d, 3) << v[i].id << " " << v[j].id;
      EXPECT_LE(d, 12) << v[i].id << " " << v[j].id;
    }
  }
}

TEST(DemoMarket, RoundTripsThroughJson) {
  MarketImport again = ImportMarket({{"demo.json", WriteMarketJson(Demo().market)}}, TestCatalog().foods(), {});
  ASSERT_TRUE(again.report.ok()) << again.report.FormatErrors();
  EXPECT_EQ(again.market.vendors, Demo().market.vendors);
  EXPECT_EQ(again.market.products, Demo().market.products);
}

}  // namespace
}  // namespace hearth
