// `hearth shop`: the real binary on a real plan (a short `hearth plan` run)
// and a real SQLite database per test (market and pantry written through
// the Store).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli_util.h"
#include "hearth/storage/store.h"

namespace hearth::testing {
namespace {

using nlohmann::json;

std::string TempDir() {
  static const std::string dir = [] {
    std::string tmpl = ::testing::TempDir() + "hearth-shop-XXXXXX";
    char* d = mkdtemp(tmpl.data());
    return std::string(d ? d : ::testing::TempDir().c_str());
  }();
  return dir;
}

// One saved plan for all tests: Ana, 2 days.
const std::string& PlanFile() {
  static const std::string path = [] {
    std::string p = TempDir() + "/plan.json";
    CliRun r = Hearth("--db " + TempDir() + "/plan.db plan --profile " + Examples() +
                      "ana-30-female.json --days 2 --time-limit 2 --out " + p);
    EXPECT_EQ(r.code, 0) << r.out;
    return p;
  }();
  return path;
}

std::string NewDb(const std::string& name) {
  std::string p = TempDir() + "/" + name + ".db";
  std::remove(p.c_str());
  return p;
}

const GeoPoint kNear{45.0, 7.0};
const GeoPoint kFar{45.2, 7.0};  // About 22 km north.

// What the plan needs, from a run over an empty market: every food comes
// back unavailable with its purchased grams.
std::map<std::string, double> Needs() {
  static const std::map<std::string, double> needs = [] {
    CliRun r = Hearth("--db " + NewDb("empty") + " shop --plan " + PlanFile() + " --start 2026-03-02 --json");
    EXPECT_EQ(r.code, 0) << r.out;
    std::map<std::string, double> m;
    json j = json::parse(r.out);
    for (const json& u : j["unavailable"]) m[u["food"]] = u["purchased_g"];
    return m;
  }();
  return needs;
}

// Two vendors selling every needed food in 250 g packages; "far" is 10 %
// cheaper.
Market TwoVendorMarket(const std::string& currency = "USD") {
  Market m;
  Vendor near{"near-grocer", "Near Grocer", VendorKind::kGrocer, kNear, "Mo-Sa 08:00-20:00"};
  Vendor far{"far-farm", "Far Farm", VendorKind::kFarm, kFar, "Sa 07:00-13:00"};
  m.vendors = {near, far};
  for (const auto& [food, grams] : Needs()) {
    for (const Vendor* v : {&near, &far}) {
      Product p;
      p.id = "p-" + food;
      p.vendor_id = v->id;
      p.name = "Food " + food + ", 250 g";
      p.food = *ParseFoodId(food);
      p.package_g = 250;
      p.price = v == &far ? 0.9 : 1.0;
      p.currency = currency;
      p.origin = "Somewhere, Valley";
      m.products.push_back(p);
    }
  }
  return m;
}

void Store(const std::string& db, const Market& m, const std::vector<PantryItem>& pantry = {}) {
  Result<std::unique_ptr<storage::Store>> s = storage::OpenStore(db);
  ASSERT_TRUE(s.ok()) << s.status().message();
  Status st = (*s)->UpsertMarket(m);
  ASSERT_TRUE(st.ok()) << st.message();
  for (const PantryItem& it : pantry) ASSERT_TRUE((*s)->AddPantryItem("home", it).ok());
}

std::string Shop(const std::string& db, const std::string& args) {
  return "--db " + db + " shop --plan " + PlanFile() + " --start 2026-03-02 " + args;
}

std::set<std::string> VendorsOf(const json& j) {
  std::set<std::string> s;
  for (const json& v : j["vendors"]) s.insert(v["id"]);
  return s;
}

TEST(HearthCliShop, EmptyMarketListsEveryFoodAsUnavailableWithAnEstimate) {
  ASSERT_FALSE(Needs().empty());
  CliRun r = Hearth("--db " + NewDb("empty2") + " shop --plan " + PlanFile() + " --start 2026-03-02 --json");
  ASSERT_EQ(r.code, 0) << r.out;
  json j = json::parse(r.out);
  EXPECT_EQ(j["format"], "hearth-shopping");
  EXPECT_TRUE(j["vendors"].empty());
  EXPECT_EQ(j["solver_status"], "none");
  EXPECT_EQ(j["meals"].size(), 8u);  // 2 days × 4 slots.
  for (const json& u : j["unavailable"]) {
    EXPECT_TRUE(u["estimated_cost"].is_number()) << u.dump();
    EXPECT_GT(u["purchased_g"].get<double>(), 0);
  }
  EXPECT_GT(j["totals"]["unavailable_estimate"].get<double>(), 0);
}

TEST(HearthCliShop, DistanceWeightChoosesTheVendor) {
  const std::string db = NewDb("two");
  Store(db, TwoVendorMarket());
  // From the near vendor's door: a 44 km round trip at 1 per km outweighs 10 %.
  CliRun r = Hearth(Shop(db, "--from 45.0,7.0 --weights distance=1 --json"));
  ASSERT_EQ(r.code, 0) << r.out;
  json j = json::parse(r.out);
  EXPECT_EQ(VendorsOf(j), std::set<std::string>{"near-grocer"});
  EXPECT_TRUE(j["unavailable"].empty()) << j["unavailable"].dump();
  // Whole packages cover each need.
  double packages = 0;
  for (const json& a : j["vendors"][0]["aisles"]) {
    for (const json& l : a["lines"]) {
      EXPECT_GE(l["purchased_g"].get<double>() + 1e-6, Needs().at(l["food"]) - 0.1) << l.dump();
      EXPECT_LT(l["purchased_g"].get<double>(), Needs().at(l["food"]) + 250) << l.dump();
      EXPECT_EQ(l["sourcing"]["sources"]["co2e"], "default");
      packages += l["quantity"].get<double>();
    }
  }
  EXPECT_NEAR(j["totals"]["cost"].get<double>(), packages * 1.0, 1e-6);

  r = Hearth(Shop(db, "--from 45.0,7.0 --weights cost=1,co2e=0,distance=0,vendors=0 --json"));
  ASSERT_EQ(r.code, 0) << r.out;
  j = json::parse(r.out);
  EXPECT_EQ(VendorsOf(j), std::set<std::string>{"far-farm"});
  EXPECT_NEAR(j["totals"]["travel_km"].get<double>(), 2 * DistanceKm(kNear, kFar), 0.01);
}

TEST(HearthCliShop, PantryComesFirst) {
  const std::string db = NewDb("pantry");
  auto [food, grams] = *Needs().begin();
  Store(db, TwoVendorMarket(),
        {{0, *ParseFoodId(food), 100000, std::nullopt, "cupboard", ""},
         {0, *ParseFoodId(food), 100000, *ParseDate("2026-02-01"), "fridge", "expired"}});
  CliRun r = Hearth(Shop(db, "--json"));
  ASSERT_EQ(r.code, 0) << r.out;
  json j = json::parse(r.out);
  for (const json& v : j["vendors"])
    for (const json& a : v["aisles"])
      for (const json& l : a["lines"]) EXPECT_NE(l["food"], food) << "bought although the pantry has it";
  ASSERT_EQ(j["pantry_used"].size(), 1u);
  EXPECT_EQ(j["pantry_used"][0]["food"], food);
  EXPECT_EQ(j["pantry_used"][0]["location"], "cupboard");
  // --pantry names another (empty) pantry: the food is bought.
  r = Hearth(Shop(db, "--pantry elsewhere --json"));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(json::parse(r.out)["pantry_used"].empty());
}

TEST(HearthCliShop, TextCsvAndOut) {
  const std::string db = NewDb("formats");
  Store(db, TwoVendorMarket());
  CliRun text = Hearth(Shop(db, "--local-first"));
  ASSERT_EQ(text.code, 0) << text.out;
  for (const char* s : {"Shopping list for the plan from 2026-03-02", "Subtotal", "Totals: $", "% local",
                        "Meal footprints:", "Objective", "nonlocal"}) {
    EXPECT_NE(text.out.find(s), std::string::npos) << s << "\n" << text.out;
  }
  const std::string out = TempDir() + "/list.csv";
  CliRun csv = Hearth(Shop(db, "--csv --out " + out));
  ASSERT_EQ(csv.code, 0) << csv.out;
  EXPECT_NE(csv.out.find("Saved the shopping list to " + out), std::string::npos);
  std::ifstream f(out);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string body = ss.str();
  EXPECT_EQ(body.rfind("status,vendor_id,vendor_name,", 0), 0u) << body;
  EXPECT_NE(body.find("\r\nbuy,"), std::string::npos);
  EXPECT_NE(body.find("\"Somewhere, Valley\""), std::string::npos);
}

TEST(HearthCliShop, BadOptionsAreUsageErrorsNamingThem) {
  const std::string db = NewDb("usage");
  const std::pair<std::string, std::string> cases[] = {
      {"--weights speed=2", "unknown weight \"speed\""},
      {"--weights cost=-1", "weight \"cost\": must be >= 0"},
      {"--weights co2e=abc", "\"abc\" is not a number"},
      {"--from 45.0", "--from \"45.0\""},
      {"--from 95,7", "--from \"95,7\""},
      {"--csv --json", "--csv and --json"},
  };
  for (const auto& [args, message] : cases) {
    CliRun r = Hearth(Shop(db, args));
    EXPECT_EQ(r.code, 2) << args << "\n" << r.out;
    EXPECT_NE(r.out.find(message), std::string::npos) << args << "\n" << r.out;
    EXPECT_NE(r.out.find("Usage: hearth shop"), std::string::npos) << r.out;
  }
  CliRun date = Hearth("--db " + db + " shop --plan " + PlanFile() + " --start 2026-13-01");
  EXPECT_EQ(date.code, 2) << date.out;
  EXPECT_NE(date.out.find("--start \"2026-13-01\": expected a date YYYY-MM-DD"), std::string::npos) << date.out;
  CliRun missing = Hearth("--db " + db + " shop");
  EXPECT_EQ(missing.code, 2) << missing.out;
}

TEST(HearthCliShop, OtherCurrencyAndUnknownRecipeFail) {
  const std::string db = NewDb("eur");
  Store(db, TwoVendorMarket("EUR"));
  CliRun r = Hearth(Shop(db, ""));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("product \"p-"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("priced in EUR, the plan's currency is USD"), std::string::npos) << r.out;

  json plan = json::parse(std::ifstream(PlanFile()));
  plan["plan"]["cells"][1]["recipe"] = "no-such-recipe";
  const std::string broken = TempDir() + "/broken.json";
  std::ofstream(broken) << plan.dump();
  r = Hearth("--db " + NewDb("broken") + " shop --plan " + broken);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("recipe \"no-such-recipe\" is not in the catalogue"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace hearth::testing
