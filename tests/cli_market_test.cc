// End-to-end tests of `hearth market import|list|export` on a real SQLite
// file: the shipped demo market, a file with a bad line (strict and
// --skip-bad-rows), list filters and an export round trip.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_util.h"

namespace hearth {
namespace {

using ::hearth::testing::Hearth;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kDemo = std::string(HEARTH_TEST_DATA_DIR) + "/market/demo/";

class CliMarket : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "hearth-market-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs `hearth --db <temp file> ARGS`.
  ::hearth::testing::CliRun Market(const std::string& args) { return Hearth("--db " + dir_ + "/hearth.db market " + args); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  std::string dir_;
};

const char* kVendors =
    "id,name,kind,lat,lon,opening_hours\n"
    "corner-shop,Corner Shop,grocer,44.2,-72.55,Mo-Sa 08:00-20:00\n";
const char* kProducts =
    "vendor_id,id,name,food,package_g,price,production\n"
    "corner-shop,oats,\"Oats, rolled, 1 kg\",08120,1000,3.50,imported\n"
    "corner-shop,rice,Rice 1 kg,20444,1000,abc,imported\n"
    "corner-shop,eggs,Eggs (12),01123,600,4.20,local_farm\n";

TEST_F(CliMarket, ImportsTheDemoMarketAndListsIt) {
  auto r = Market("import " + kDemo + "products.csv " + kDemo + "vendors.csv");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("hearth market import: imported 8 vendors and "));

  r = Market("list --vendor ridge-meats-stall");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("Cultivated chicken breast, 250 g"));
  EXPECT_THAT(r.out, HasSubstr("lab_grown"));
  EXPECT_THAT(r.out, HasSubstr("3.8"));        // The vendor's own CO2e...
  EXPECT_THAT(r.out, HasSubstr("(default)"));  // ...and the defaults for the rest.
  EXPECT_THAT(r.out, Not(HasSubstr("main-street-grocer")));

  r = Market("list --food 09040 --json");
  ASSERT_EQ(r.code, 0) << r.out;
  nlohmann::json bananas = nlohmann::json::parse(r.out);
  ASSERT_GE(bananas.size(), 2u);
  for (const auto& p : bananas) {
    EXPECT_EQ(p["food"], "09040");
    EXPECT_EQ(p["origin"], "Ecuador");
    EXPECT_EQ(p["production"], "imported");
    EXPECT_NEAR(p["price_per_kg"].get<double>(), p["price"].get<double>() / p["package_g"].get<double>() * 1000,
                1e-9);
  }
  r = Market("list --food \"bananas\"");
  EXPECT_THAT(r.out, HasSubstr("Bananas, 1 kg"));
  EXPECT_THAT(r.out, Not(HasSubstr("Apples")));

  r = Market("list --vendor nobody");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, HasSubstr("hearth market list: no vendor \"nobody\" in the market"));
}

TEST_F(CliMarket, ABadLineImportsNothing) {
  std::string vendors = Write("vendors.csv", kVendors);
  std::string products = Write("products.csv", kProducts);
  auto r = Market("import " + vendors + " " + products);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_THAT(r.out, HasSubstr("hearth market import: 1 error in the market files; nothing was imported"));
  EXPECT_THAT(r.out, HasSubstr(products + " line 3: column price: \"abc\" is not a number"));
  r = Market("list");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("The market is empty"));

  r = Market("import --skip-bad-rows " + vendors + " " + products);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("imported 1 vendor and 2 products; skipped 1 row with errors:"));
  EXPECT_THAT(r.out, HasSubstr(products + " line 3: column price: \"abc\" is not a number"));
  r = Market("list --json");
  nlohmann::json list = nlohmann::json::parse(r.out);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["id"], "eggs");  // Ordered by (vendor, id).
  EXPECT_EQ(list[1]["name"], "Oats, rolled, 1 kg");

  // Products alone may name a vendor already in the store.
  std::string more = Write("more.csv", "vendor_id,id,name,food,package_g,price,production\n"
                                       "corner-shop,rice,Rice 1 kg,20444,1000,2.80,imported\n");
  r = Market("import " + more);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(Market("list --json").out).size(), 3u);
}

TEST_F(CliMarket, CurrencyAndUnrecognisedFiles) {
  std::string vendors = Write("vendors.csv", kVendors);
  std::string products = Write("p.csv", "vendor_id,id,name,food,package_g,price,currency,production\n"
                                        "corner-shop,oats,Oats,08120,1000,3.50,EUR,imported\n");
  auto r = Market("import " + vendors + " " + products);
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, HasSubstr("column currency: product \"oats\": priced in EUR, but the market's currency is USD"));
  r = Market("import --currency EUR " + vendors + " " + products);
  EXPECT_EQ(r.code, 0) << r.out;
  r = Market("import " + Write("notes.txt", "hello\n"));
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, HasSubstr("notes.txt: not a market file"));
  r = Market("import " + dir_ + "/missing.csv");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, HasSubstr("hearth market import: cannot open file: " + dir_ + "/missing.csv"));
}

TEST_F(CliMarket, ExportRoundTrip) {
  ASSERT_EQ(Market("import " + kDemo + "vendors.csv " + kDemo + "products.csv").code, 0);
  auto r = Market("export --json " + dir_ + "/market.json");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("hearth market export: wrote 8 vendors and "));
  r = Market("export --csv " + dir_ + "/csv");
  ASSERT_EQ(r.code, 0) << r.out;
  std::string before = Market("list --json").out;

  // Into fresh databases, from each export: the same market.
  std::string db2 = dir_ + "/second.db";
  r = Hearth("--db " + db2 + " market import " + dir_ + "/market.json");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(Hearth("--db " + db2 + " market list --json").out, before);
  std::string db3 = dir_ + "/third.db";
  r = Hearth("--db " + db3 + " market import " + dir_ + "/csv/vendors.csv " + dir_ + "/csv/products.csv");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(Hearth("--db " + db3 + " market list --json").out, before);
  // And the CSV export of the re-imported market is byte for byte the same.
  ASSERT_EQ(Hearth("--db " + db3 + " market export --csv " + dir_ + "/csv2").code, 0);
  EXPECT_EQ(Read(dir_ + "/csv2/products.csv"), Read(dir_ + "/csv/products.csv"));

  r = Market("import");  // No file: wrong usage.
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("Usage:"));
  r = Market("export");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("hearth market export: give exactly one of --json FILE or --csv DIR"));
}

}  // namespace
}  // namespace hearth
