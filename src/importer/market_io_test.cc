#include "hearth/importer/market_io.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace hearth {
namespace {

using ::testing::HasSubstr;

// A few SR28 foods with their real household measures.
const FoodDb& SampleFoods() {
  static const FoodDb db = [] {
    std::vector<Food> foods;
    Food milk;
    milk.id = FoodId{1077};
    milk.name = "Milk, whole, 3.25% milkfat, with added vitamin D";
    milk.measures = {{1, "cup", 244}, {1, "quart", 976}, {1, "fl oz", 30.5}};
    foods.push_back(milk);
    Food oil;
    oil.id = FoodId{4053};
    oil.name = "Oil, olive, salad or cooking";
    oil.measures = {{1, "tablespoon", 13.5}, {1, "cup", 216}, {1, "tsp", 4.5}};
    foods.push_back(oil);
    Food sauce;
    sauce.id = FoodId{16123};
    sauce.name = "Soy sauce made from soy and wheat (shoyu)";
    sauce.measures = {{1, "tbsp", 16}};
    foods.push_back(sauce);
    Food egg;
    egg.id = FoodId{1123};
    egg.name = "Egg, whole, raw, fresh";
    egg.measures = {{1, "large", 50}, {1, "medium", 44}};
    foods.push_back(egg);
    Food apple;
    apple.id = FoodId{9003};
    apple.name = "Apples, raw, with skin";
    apple.measures = {{1, "cup, quartered or chopped", 125}, {1, "medium (3\" dia)", 182}};
    foods.push_back(apple);
    return FoodDb(std::move(foods));
  }();
  return db;
}

const std::string kVendorsHeader = "id,name,kind,lat,lon,opening_hours\n";
const std::string kVendors = kVendorsHeader +
                             "green-acre,Green Acre Farm,market_stall,44.1,-72.8,Sa 08:00-13:00\n"
                             "main-grocer,Main Street Grocer,grocer,44.12,-72.85,\n";
const std::string kProductsHeader =
    "vendor_id,id,name,food,package_g,package_ml,price,currency,stock,origin,origin_lat,origin_lon,"
    "production,organic,gmo,certifications,co2e_per_kg,updated_at\n";
const std::string kGoodProduct1 =
    "green-acre,apples-1kg,\"Apples, 1 kg bag\",09003,1000,,4.09,USD,40,Green Acre Farm,44.1,-72.8,local_farm,"
    "true,false,Certified Naturally Grown;  Animal Welfare Approved ,0.4,2026-11-20\n";
const std::string kGoodProduct2 = "main-grocer,eggs-12,Eggs (12),01123,600,,3.50,,,,,,imported,,,,,2026-11-21T07:30:00Z\n";

MarketImportOptions SkipBadRows() {
  MarketImportOptions o;
  o.skip_bad_rows = true;
  return o;
}
MarketImportOptions InCurrency(std::string currency) {
  MarketImportOptions o;
  o.currency = std::move(currency);
  return o;
}
MarketImportOptions WithVendors(std::vector<std::string> ids) {
  MarketImportOptions o;
  o.existing_vendor_ids = std::move(ids);
  return o;
}

MarketImport Import(std::vector<MarketSource> sources, MarketImportOptions options = {}) {
  return ImportMarket(sources, SampleFoods(), options);
}

MarketImport ImportCsv(const std::string& products, MarketImportOptions options = {}) {
  return Import({{"vendors.csv", kVendors}, {"products.csv", products}}, options);
}

std::string Errors(const MarketImport& m) { return m.report.FormatErrors(); }

TEST(MarketImport, ReadsGoodCsv) {
  MarketImport m = ImportCsv(kProductsHeader + kGoodProduct1 + kGoodProduct2);
  ASSERT_TRUE(m.report.ok()) << Errors(m);
  EXPECT_EQ(m.report.vendors_read, 2);
  EXPECT_EQ(m.report.products_imported, 2);
  ASSERT_EQ(m.market.vendors.size(), 2u);
  EXPECT_EQ(m.market.vendors[0].kind, VendorKind::kMarketStall);
  EXPECT_EQ(m.market.vendors[0].location, (GeoPoint{44.1, -72.8}));
  EXPECT_EQ(m.market.vendors[0].opening_hours, "Sa 08:00-13:00");
  ASSERT_EQ(m.market.products.size(), 2u);
  const Product& apples = m.market.products[0];
  EXPECT_EQ(apples.name, "Apples, 1 kg bag");
  EXPECT_EQ(apples.food, FoodId{9003});
  EXPECT_EQ(apples.package_g, 1000);
  EXPECT_FALSE(apples.package_ml.has_value());
  EXPECT_EQ(apples.price, 4.09);
  EXPECT_EQ(apples.stock, 40);
  EXPECT_EQ(apples.origin_location, (GeoPoint{44.1, -72.8}));
  EXPECT_EQ(apples.production, Production::kLocalFarm);
  EXPECT_TRUE(apples.organic);
  EXPECT_EQ(apples.gmo, false);
  EXPECT_EQ(apples.certifications, (std::vector<std::string>{"Certified Naturally Grown", "Animal Welfare Approved"}));
  EXPECT_EQ(apples.co2e_per_kg, 0.4);
  const Product& eggs = m.market.products[1];
  EXPECT_EQ(eggs.currency, "USD");  // Empty = the market's currency.
  EXPECT_FALSE(eggs.stock.has_value());
  EXPECT_FALSE(eggs.origin_location.has_value());
  EXPECT_FALSE(eggs.gmo.has_value());
  EXPECT_FALSE(eggs.organic);
  EXPECT_FALSE(eggs.co2e_per_kg.has_value());
  EXPECT_EQ(eggs.updated_at, "2026-11-21T07:30:00Z");
}

TEST(MarketImport, ColumnOrderIsFree) {
  MarketImport m = Import({{"v.csv", "lon,lat,kind,name,id\n-72.8,44.1,farm,Farm,farm-1\n"},
                           {"p.csv", "price,production,food,name,id,vendor_id,package_g\n2.5,local_farm,1123,Eggs,e6,farm-1,300\n"}});
  ASSERT_TRUE(m.report.ok()) << Errors(m);
  EXPECT_EQ(m.market.vendors.at(0).kind, VendorKind::kFarm);
  EXPECT_EQ(m.market.products.at(0).package_g, 300);
}

TEST(MarketImport, QuotedNameWithCommaAndNewlineKeepsLineNumbers) {
  std::string products = kProductsHeader +
                         "green-acre,a1,\"Apples, crisp\nand sweet\",09003,1000,,4,USD,,,,,local_farm,,,,,\n"
                         "green-acre,a2,Apples,09003,1000,,abc,USD,,,,,local_farm,,,,,\n";
  MarketImport m = ImportCsv(products);
  ASSERT_EQ(m.report.errors.size(), 1u) << Errors(m);
  EXPECT_EQ(m.report.errors[0], "products.csv line 4: column price: \"abc\" is not a number");
  EXPECT_TRUE(m.market.products.empty());

  m = ImportCsv(products, SkipBadRows());
  ASSERT_EQ(m.market.products.size(), 1u);
  EXPECT_EQ(m.market.products[0].name, "Apples, crisp\nand sweet");
}

TEST(MarketImport, UnknownAndMissingColumns) {
  MarketImport m = Import({{"vendors.csv", "id,name,kind,lat,lon,colour\n"},
                           {"products.csv", "vendor_id,id,name,food,price,production\n"}});
  EXPECT_EQ(Errors(m),
            "vendors.csv line 1: column colour: unknown column (expected: id, name, kind, lat, lon, opening_hours)\n"
            "products.csv line 1: column package_g: required column missing (or package_ml)\n");
  m = Import({{"vendors.csv", "id,name,kind,lat\n"}});
  EXPECT_EQ(Errors(m), "vendors.csv line 1: column lon: required column missing\n");
  m = Import({{"vendors.csv", "id,name,kind,lat,lon,lon\n"}});
  EXPECT_EQ(Errors(m), "vendors.csv line 1: column lon: duplicate column\n");
}

TEST(MarketImport, EveryBadVendorFieldIsReported) {
  MarketImport m = Import({{"vendors.csv", kVendorsHeader +
                                               "Green Acre,,shop,91,-181,\n"
                                               "ok-1,OK,farm,x,inf,\n"
                                               "ok-1,OK again,farm,1,2\n"}});
  EXPECT_EQ(Errors(m),
            "vendors.csv line 2: column name: is required\n"
            "vendors.csv line 2: column id: \"Green Acre\" is not a valid vendor id (use a-z, 0-9, - and _)\n"
            "vendors.csv line 2: column kind: unknown kind \"shop\" (expected market_stall, grocer, farm or "
            "community_kitchen)\n"
            "vendors.csv line 2: column lat: must be between -90 and 90\n"
            "vendors.csv line 2: column lon: must be between -180 and 180\n"
            "vendors.csv line 3: column lat: \"x\" is not a number\n"
            "vendors.csv line 3: column lon: \"inf\" is not a finite number\n"
            "vendors.csv line 4: column *: has 5 fields, the header has 6\n");
  EXPECT_TRUE(m.market.vendors.empty());
  EXPECT_EQ(m.report.vendors_read, 3);
}

TEST(MarketImport, DuplicateIds) {
  MarketImport m = Import({{"vendors.csv", kVendors + "green-acre,Again,farm,1,2,\n"},
                           {"products.csv", kProductsHeader + kGoodProduct1 + kGoodProduct1}});
  EXPECT_EQ(Errors(m),
            "vendors.csv line 4: column id: duplicate vendor \"green-acre\" (also at vendors.csv line 2)\n"
            "products.csv line 3: column id: duplicate product \"apples-1kg\" of vendor \"green-acre\" (also at "
            "products.csv line 2)\n");
  // The same product id at two vendors is fine.
  std::string other = kGoodProduct1;
  other.replace(0, std::string("green-acre").size(), "main-grocer");
  EXPECT_TRUE(ImportCsv(kProductsHeader + kGoodProduct1 + other).report.ok());
}

TEST(MarketImport, EveryBadProductFieldIsReported) {
  std::string products = kProductsHeader +
                         "green-acre,p1,Thing,99999,,,-1,EUR,2.5,,95,,greenhouses,maybe,no,,-3,2026-02-30\n"
                         "green-acre,p2,Thing,apple,0,-5,1e999,,-1,,,200,local_farm,,,,nan,26-11-2026\n";
  MarketImport m = ImportCsv(products);
  EXPECT_EQ(Errors(m),
            "products.csv line 2: column food: unknown SR28 food 99999\n"
            "products.csv line 2: column package_g: product \"p1\": the package size is missing: give package_g or "
            "package_ml\n"
            "products.csv line 2: column price: must be >= 0\n"
            "products.csv line 2: column currency: product \"p1\": priced in EUR, but the market's currency is USD\n"
            "products.csv line 2: column stock: must be a whole number of packages\n"
            "products.csv line 2: column origin_lat: must be between -90 and 90\n"
            "products.csv line 2: column origin_lon: origin_lat and origin_lon go together: give both or neither\n"
            "products.csv line 2: column production: unknown production \"greenhouses\" (expected local_farm, "
            "greenhouse, lab_grown, imported or wild_caught)\n"
            "products.csv line 2: column organic: \"maybe\" is not true or false\n"
            "products.csv line 2: column gmo: \"no\" is not true or false\n"
            "products.csv line 2: column co2e_per_kg: must be >= 0\n"
            "products.csv line 2: column updated_at: \"2026-02-30\" is not an ISO 8601 date or date-time\n"
            "products.csv line 3: column food: \"apple\" is not an SR28 NDB number\n"
            "products.csv line 3: column package_g: must be > 0\n"
            "products.csv line 3: column package_ml: must be > 0\n"
            "products.csv line 3: column price: \"1e999\" is not a number\n"
            "products.csv line 3: column stock: must be >= 0\n"
            "products.csv line 3: column origin_lon: must be between -180 and 180\n"
            "products.csv line 3: column origin_lat: origin_lat and origin_lon go together: give both or neither\n"
            "products.csv line 3: column co2e_per_kg: \"nan\" is not a finite number\n"
            "products.csv line 3: column updated_at: \"26-11-2026\" is not an ISO 8601 date or date-time\n");
  EXPECT_TRUE(m.market.vendors.empty());  // Strict: nothing imports.
  EXPECT_TRUE(m.market.products.empty());
}

TEST(MarketImport, RequiredFieldsAndUnknownVendor) {
  std::string products = kProductsHeader + "nobody,p1,Eggs,01123,600,,3,,,,,,imported,,,,,\n" +
                         ",,,,600,,,,,,,,,,,,,\n";
  MarketImport m = ImportCsv(products);
  EXPECT_EQ(Errors(m),
            "products.csv line 2: column vendor_id: product \"p1\": vendor \"nobody\" is neither in the imported "
            "vendors nor in the market\n"
            "products.csv line 3: column vendor_id: is required\n"
            "products.csv line 3: column id: is required\n"
            "products.csv line 3: column name: is required\n"
            "products.csv line 3: column food: is required\n"
            "products.csv line 3: column price: is required\n"
            "products.csv line 3: column production: is required\n");
  // A vendor already in the market (the store) is fine.
  m = Import({{"products.csv", kProductsHeader + "nobody,p1,Eggs,01123,600,,3,,,,,,imported,,,,,\n"}},
             WithVendors({"nobody"}));
  EXPECT_TRUE(m.report.ok()) << Errors(m);
  EXPECT_EQ(m.market.products.size(), 1u);
}

TEST(MarketImport, ValidTimestamps) {
  for (const char* ok : {"2026-11-20", "2026-11-20T07:30", "2026-11-20T07:30:15", "2026-11-20T07:30:15.250Z",
                         "2026-11-20T07:30:00-05:00", "2026-11-20T07:30:00+0100", "2024-02-29"}) {
    std::string p = kProductsHeader + "main-grocer,e,Eggs,01123,600,,3,,,,,,imported,,,,," + ok + "\n";
    EXPECT_TRUE(ImportCsv(p).report.ok()) << ok << ": " << Errors(ImportCsv(p));
  }
  for (const char* bad : {"2026-11-20 07:30", "2026-11-20T25:00", "2026-11-20T07:30Z1", "2025-02-29", "today",
                          "2026-11-20T07:30:00+5"}) {
    std::string p = kProductsHeader + "main-grocer,e,Eggs,01123,600,,3,,,,,,imported,,,,," + bad + "\n";
    EXPECT_FALSE(ImportCsv(p).report.ok()) << bad;
  }
}

TEST(MarketImport, MillilitresBecomeGramsByDensity) {
  std::string products = kProductsHeader +
                         "main-grocer,milk,Milk 1 l,01077,,1000,1.2,,,,,,local_farm,,,,,\n"
                         "main-grocer,oil,Olive oil 500 ml,04053,,500,5.5,,,,,,imported,,,,,\n"
                         "main-grocer,soy,Soy sauce 150 ml,16123,,150,2,,,,,,imported,,,,,\n"
                         "main-grocer,both,Milk 2 l,01077,2070,2000,2.2,,,,,,local_farm,,,,,\n";
  MarketImport m = ImportCsv(products);
  ASSERT_TRUE(m.report.ok()) << Errors(m);
  ASSERT_EQ(m.market.products.size(), 4u);
  EXPECT_NEAR(m.market.products[0].package_g, 1000 * 244 / 236.588, 1e-9);  // By the cup.
  EXPECT_EQ(m.market.products[0].package_ml, 1000);
  EXPECT_NEAR(m.market.products[1].package_g, 500 * 216 / 236.588, 1e-9);  // Cup before tablespoon.
  EXPECT_NEAR(m.market.products[2].package_g, 150 * 16 / 14.787, 1e-9);     // Only a tbsp.
  EXPECT_EQ(m.market.products[3].package_g, 2070);                          // Both given: kept.

  m = ImportCsv(kProductsHeader + "main-grocer,eggs,Liquid egg,01123,,500,4,,,,,,imported,,,,,\n");
  EXPECT_EQ(Errors(m),
            "products.csv line 2: column package_ml: product \"eggs\": food 01123 (Egg, whole, raw, fresh) has no "
            "volume measure in SR28 to convert millilitres to grams; give package_g\n");
}

TEST(MarketImport, FoodDensityRule) {
  EXPECT_NEAR(*FoodDensity(*SampleFoods().Find(FoodId{1077})), 244 / 236.588, 1e-12);
  EXPECT_FALSE(FoodDensity(*SampleFoods().Find(FoodId{1123})).has_value());
  Food f;
  f.measures = {{2, "cups", 100}, {1, "large", 3}};
  EXPECT_NEAR(*FoodDensity(f), 100 / (2 * 236.588), 1e-12);
  f.measures = {{1, "lb", 453.6}, {1, "liter", 1030}};  // "lb" is not a litre.
  EXPECT_NEAR(*FoodDensity(f), 1.03, 1e-12);
  f.measures = {{1, "cupcake", 50}};
  EXPECT_FALSE(FoodDensity(f).has_value());
  // Heavy cream (SR28 01053): the whipped cup is skipped for the fluid one.
  f.measures = {{1, "cup, whipped", 120}, {1, "cup, fluid (yields 2 cups whipped)", 238}, {1, "tbsp", 15}};
  EXPECT_NEAR(*FoodDensity(f), 238 / 236.588, 1e-12);
}

TEST(MarketImport, OtherCurrencyByOption) {
  std::string products = kProductsHeader + "main-grocer,e,Eggs,01123,600,,3,EUR,,,,,imported,,,,,\n" +
                         "main-grocer,f,Eggs,01123,600,,3,,,,,,imported,,,,,\n";
  MarketImport m = ImportCsv(products, InCurrency("EUR"));
  ASSERT_TRUE(m.report.ok()) << Errors(m);
  EXPECT_EQ(m.market.products[1].currency, "EUR");
  m = ImportCsv(products);
  EXPECT_EQ(Errors(m),
            "products.csv line 2: column currency: product \"e\": priced in EUR, but the market's currency is USD\n");
}

TEST(MarketImport, SkipBadRowsKeepsTheGoodOnes) {
  std::string vendors = kVendors + "bad vendor,Bad,farm,1,2,\n";
  std::string products = kProductsHeader + kGoodProduct1 + "green-acre,p2,Thing,09003,100,,abc,,,,,,imported,,,,,\n" +
                         "bad vendor,p3,Thing,09003,100,,1,,,,,,imported,,,,,\n" + kGoodProduct2;
  MarketImport m = Import({{"vendors.csv", vendors}, {"products.csv", products}}, SkipBadRows());
  EXPECT_EQ(Errors(m),
            "vendors.csv line 4: column id: \"bad vendor\" is not a valid vendor id (use a-z, 0-9, - and _)\n"
            "products.csv line 3: column price: \"abc\" is not a number\n"
            "products.csv line 4: column vendor_id: product \"p3\": vendor \"bad vendor\" was skipped because of its "
            "errors\n");
  EXPECT_EQ(m.report.vendors_read, 3);
  EXPECT_EQ(m.report.vendors_imported, 2);
  EXPECT_EQ(m.report.products_read, 4);
  EXPECT_EQ(m.report.products_imported, 2);
  ASSERT_EQ(m.market.products.size(), 2u);
  EXPECT_EQ(m.market.products[0].id, "apples-1kg");
  EXPECT_EQ(m.market.products[1].id, "eggs-12");

  // Strict: the same files import nothing, and the skipped vendor's product is
  // not reported twice.
  m = Import({{"vendors.csv", vendors}, {"products.csv", products}});
  EXPECT_EQ(m.report.errors.size(), 2u) << Errors(m);
  EXPECT_TRUE(m.market.vendors.empty());
  EXPECT_EQ(m.report.products_imported, 0);
}

TEST(MarketImport, ErrorListIsCapped) {
  std::string products = kProductsHeader;
  for (int i = 0; i < 60; ++i) products += "green-acre,p" + std::to_string(i) + ",X,09003,100,,-1,,,,,,imported,,,,,\n";
  MarketImport m = ImportCsv(products);
  EXPECT_EQ(m.report.errors.size(), 60u);
  std::string text = m.report.FormatErrors();
  EXPECT_THAT(text, HasSubstr("products.csv line 51: column price: must be >= 0\nand 10 more\n"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("line 52")));
}

TEST(MarketImport, CsvSyntaxAndUnrecognisedFiles) {
  MarketImport m = Import({{"vendors.csv", kVendorsHeader + "a,\"oops,farm,1,2,\n"}, {"notes.txt", "hello\n"}});
  EXPECT_EQ(Errors(m),
            "vendors.csv line 2: unterminated quoted field\n"
            "notes.txt: not a market file: neither JSON nor a CSV whose header has \"vendor_id\" (products) or "
            "\"kind\" (vendors)\n");
  EXPECT_EQ(*DetectMarketFile({"x", " \n{\"format\":1}"}), MarketFileKind::kJson);
  EXPECT_EQ(*DetectMarketFile({"x", "\"id\",\"kind\"\r\n"}), MarketFileKind::kVendorsCsv);
  EXPECT_EQ(*DetectMarketFile({"x", "id,vendor_id,kind\n"}), MarketFileKind::kProductsCsv);
}

const char* kJson = R"({
  "format": "hearth-market", "version": 1, "currency": "USD",
  "vendors": [
    {"id": "green-acre", "name": "Green Acre Farm", "kind": "market_stall", "lat": 44.1, "lon": -72.8,
     "opening_hours": "Sa 08:00-13:00"}
  ],
  "products": [
    {"vendor_id": "green-acre", "id": "apples", "name": "Apples", "food": "09003", "package_g": 1000,
     "price": 4.09, "stock": 40, "production": "local_farm", "organic": true, "gmo": false,
     "certifications": ["Certified Naturally Grown"], "co2e_per_kg": 0.4, "updated_at": "2026-11-20",
     "origin": "Green Acre Farm", "origin_lat": 44.1, "origin_lon": -72.8},
    {"vendor_id": "green-acre", "id": "milk", "name": "Milk", "food": 1077, "package_ml": 1000,
     "price": 1.5, "production": "local_farm", "gmo": null}
  ]
})";

TEST(MarketImport, ReadsJson) {
  MarketImport m = Import({{"market.json", kJson}});
  ASSERT_TRUE(m.report.ok()) << Errors(m);
  ASSERT_EQ(m.market.products.size(), 2u);
  EXPECT_EQ(m.market.products[0].certifications, std::vector<std::string>{"Certified Naturally Grown"});
  EXPECT_EQ(m.market.products[1].food, FoodId{1077});
  EXPECT_NEAR(m.market.products[1].package_g, 1000 * 244 / 236.588, 1e-9);
  EXPECT_FALSE(m.market.products[1].gmo.has_value());
}

TEST(MarketImport, JsonErrorsNameTheirPath) {
  std::string bad = R"({"format": "hearth-market", "version": 1,
    "vendors": [{"id": "v", "name": "V", "kind": "grocer", "lat": "north", "lon": 0, "colour": "red"}, 7],
    "products": [
      {"vendor_id": "v", "id": "a", "name": "A", "food": "09003", "package_g": 10, "price": 1, "production": "imported"},
      {"vendor_id": "v", "id": "b", "name": "B", "food": "09003", "package_g": 10, "price": 1, "production": "imported"},
      {"vendor_id": "v", "id": "c", "name": "C", "food": "09003", "package_g": 10, "price": 1, "production": "imported"},
      {"vendor_id": "v", "id": "d", "name": "D", "food": "09003", "package_g": 10, "price": -1,
       "production": "imported", "organic": "yes", "certifications": "MSC", "stock": 1.5}
    ]})";
  MarketImport m = Import({{"market.json", bad}});
  EXPECT_EQ(Errors(m),
            "market.json: vendors[0].colour: unknown field\n"
            "market.json: vendors[0].lat: \"north\" is not a number\n"
            "market.json: vendors[1]: must be an object\n"
            "market.json: products[3].price: must be >= 0\n"
            "market.json: products[3].stock: must be a whole number of packages\n"
            "market.json: products[3].organic: must be true or false\n"
            "market.json: products[3].certifications: must be an array of strings\n");
  EXPECT_TRUE(m.market.products.empty());
}

TEST(MarketImport, JsonDocumentErrors) {
  EXPECT_THAT(Errors(Import({{"m.json", "{\"format\": "}})), HasSubstr("m.json: not valid JSON: "));
  EXPECT_EQ(Errors(Import({{"m.json", std::string(R"({"format": "hearth-market", "version": 1})") + '\0' + "]"}})),
            "m.json: not valid JSON: a NUL byte at byte 42\n");
  // A number beyond double is reported, not thrown.
  EXPECT_THAT(Errors(Import({{"m.json", R"({"vendors": [{"lat": 1e400}]})"}})),
              HasSubstr("m.json: not valid JSON: "));
  EXPECT_EQ(Errors(Import({{"m.json", R"({"format": "recipes", "version": 2, "currency": "EUR", "extra": 1,
                                          "vendors": {}})"}})),
            "m.json: extra: unknown field (expected: format, version, currency, vendors, products)\n"
            "m.json: format: must be \"hearth-market\"\n"
            "m.json: version: must be 1\n"
            "m.json: currency: the document is priced in EUR, but the market's currency is USD\n"
            "m.json: vendors: must be an array\n");
}

TEST(MarketImport, JsonStringsAreTrimmedLikeCsvFields) {
  MarketImport m = Import({{"m.json", R"({"format": "hearth-market", "version": 1,
      "vendors": [{"id": "a", "name": " Green Acre\t", "kind": "farm", "lat": 1, "lon": 2, "opening_hours": "  "}],
      "products": [{"vendor_id": "a", "id": "p", "name": "Apples ", "food": "09003", "package_g": 1000,
                    "price": 1, "production": "local_farm", "certifications": [" Fairtrade ", " "],
                    "updated_at": "2026-11-21"}]})"}});
  ASSERT_TRUE(m.report.ok()) << Errors(m);
  ASSERT_EQ(m.market.vendors.size(), 1u);
  EXPECT_EQ(m.market.vendors[0].name, "Green Acre");
  EXPECT_EQ(m.market.vendors[0].opening_hours, "");
  ASSERT_EQ(m.market.products.size(), 1u);
  EXPECT_EQ(m.market.products[0].name, "Apples");
  EXPECT_EQ(m.market.products[0].certifications, std::vector<std::string>{"Fairtrade"});
  // The CSV export reads back equal.
  MarketImport again = Import({{"v.csv", WriteVendorsCsv(m.market.vendors)},
                               {"p.csv", WriteProductsCsv(m.market.products)}});
  ASSERT_TRUE(again.report.ok()) << Errors(again);
  EXPECT_EQ(again.market.vendors, m.market.vendors);
  EXPECT_EQ(again.market.products, m.market.products);
}

TEST(MarketImport, VendorsFromJsonProductsFromCsv) {
  MarketImport m = Import({{"market.json", kJson}, {"products.csv", kProductsHeader + kGoodProduct1}});
  // The CSV's product has another id than the JSON's: no duplicate, and its
  // vendor comes from the JSON document.
  EXPECT_TRUE(m.report.ok()) << Errors(m);
  EXPECT_EQ(m.market.products.size(), 3u);
}

void ExpectSameMarket(const Market& a, const Market& b) {
  EXPECT_EQ(a.vendors, b.vendors);
  ASSERT_EQ(a.products.size(), b.products.size());
  for (size_t i = 0; i < a.products.size(); ++i) EXPECT_EQ(a.products[i], b.products[i]) << a.products[i].id;
}

TEST(MarketImport, CsvRoundTrip) {
  MarketImport first = Import({{"market.json", kJson},
                               {"products.csv", kProductsHeader + kGoodProduct1 + kGoodProduct2 +
                                                    "main-grocer,q,\"Say \"\"hi\"\", x\",01077,,946.353,0.1,,,,,,"
                                                    "greenhouse,,true,,3.333333333333333,\n"},
                               {"vendors.csv", kVendors.substr(0, kVendorsHeader.size()) +
                                                   "main-grocer,\"Main, Street\",grocer,44.12,-72.85,\"Mo-Fr 08:00-20:00\"\n"}});
  ASSERT_TRUE(first.report.ok()) << Errors(first);
  MarketImport second = Import({{"v.csv", WriteVendorsCsv(first.market.vendors)},
                                {"p.csv", WriteProductsCsv(first.market.products)}});
  ASSERT_TRUE(second.report.ok()) << Errors(second);
  ExpectSameMarket(first.market, second.market);
}

TEST(MarketImport, JsonRoundTripAndFiles) {
  MarketImport first = Import({{"market.json", kJson}, {"v.csv", kVendors.substr(0, kVendorsHeader.size()) +
                                                                     "main-grocer,Main,grocer,44.12,-72.85,\n"},
                               {"p.csv", kProductsHeader + kGoodProduct2}});
  ASSERT_TRUE(first.report.ok()) << Errors(first);
  MarketImport second = Import({{"again.json", WriteMarketJson(first.market)}});
  ASSERT_TRUE(second.report.ok()) << Errors(second);
  ExpectSameMarket(first.market, second.market);

  std::string dir = ::testing::TempDir() + "/market_io_test_" + std::to_string(::getpid());
  ASSERT_TRUE(WriteMarketCsvDir(first.market, dir + "/csv").ok());
  ASSERT_TRUE(WriteMarketJsonFile(first.market, dir + "/m.json").ok());
  Result<MarketImport> from_csv =
      ImportMarketFiles({dir + "/csv/products.csv", dir + "/csv/vendors.csv"}, SampleFoods(), {});
  ASSERT_TRUE(from_csv.ok());
  ASSERT_TRUE(from_csv->report.ok()) << from_csv->report.FormatErrors();
  ExpectSameMarket(first.market, from_csv->market);
  Result<MarketImport> from_json = ImportMarketFiles({dir + "/m.json"}, SampleFoods(), {});
  ASSERT_TRUE(from_json.ok());
  ExpectSameMarket(first.market, from_json->market);
  Result<MarketImport> missing = ImportMarketFiles({dir + "/nope.csv"}, SampleFoods(), {});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hearth
