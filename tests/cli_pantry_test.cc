// hearth pantry end to end: the real binary, the shipped data and a fresh
// SQLite database per test (--db in a temporary directory).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_util.h"
#include "hearth/storage/store.h"

namespace {

namespace fs = std::filesystem;
using hearth::testing::CliRun;
using hearth::testing::Examples;
using nlohmann::json;

const std::string kRice = "20044 Rice, white, long-grain, regular, raw, enriched";

fs::path MakeTempDir() {
  std::string templ = (fs::temp_directory_path() / "hearth-pantry-XXXXXX").string();
  if (!mkdtemp(templ.data())) return {};
  return templ;
}

class PantryCli : public ::testing::Test {
 protected:
  // One saved one-day plan shared by the cook tests (planning takes seconds).
  static void SetUpTestSuite() {
    plan_dir_ = MakeTempDir();
    plan_path_ = (plan_dir_ / "plan.json").string();
    CliRun r = hearth::testing::Hearth("plan --profile " + Examples() +
                                       "ana-30-female.json --days 1 --time-limit 2 --out " + plan_path_);
    plan_made_ = r.code == 0;
    plan_output_ = r.out;
  }
  static void TearDownTestSuite() { fs::remove_all(plan_dir_); }

  void SetUp() override {
    dir_ = MakeTempDir();
    ASSERT_FALSE(dir_.empty());
    db_ = (dir_ / "pantry.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  CliRun Run(const std::string& args) { return hearth::testing::Hearth("--db " + db_ + " " + args); }

  // The pantry's items (pantry list --json).
  json Items(const std::string& pantry = "home") {
    CliRun r = Run("pantry list --json --pantry " + pantry);
    EXPECT_EQ(r.code, 0) << r.out;
    return json::parse(r.out)["items"];
  }
  // Grams of each item by id.
  std::map<int64_t, double> GramsById() {
    std::map<int64_t, double> out;
    for (const json& it : Items()) out[it["id"].get<int64_t>()] = it["grams"].get<double>();
    return out;
  }
  // Adds an item and returns its id (parsed from "Added item N ...").
  int64_t Add(const std::string& args) {
    CliRun r = Run("pantry add " + args);
    EXPECT_EQ(r.code, 0) << r.out;
    const std::string head = "Added item ";
    EXPECT_EQ(r.out.rfind(head, 0), 0u) << r.out;
    return std::stoll(r.out.substr(head.size()));
  }

  static fs::path plan_dir_;
  static std::string plan_path_;
  static bool plan_made_;
  static std::string plan_output_;
  fs::path dir_;
  std::string db_;
};

fs::path PantryCli::plan_dir_;
std::string PantryCli::plan_path_;
bool PantryCli::plan_made_ = false;
std::string PantryCli::plan_output_;

TEST_F(PantryCli, AddConvertsUnitsToGrams) {
  CliRun kg = Run("pantry add 20044 1 kg --expires 2031-01-31 --location cupboard");
  ASSERT_EQ(kg.code, 0) << kg.out;
  EXPECT_EQ(kg.out, "Added item 1 to pantry \"home\": 1,000 g (5 1/3 cup) of " + kRice +
                        ", expires 2031-01-31, in cupboard.\n");
  // SR28: 1 cup of 20044 weighs 185 g; 1 large egg (01123) 50 g.
  const int64_t cups = Add("20044 2 cups");
  const int64_t eggs = Add("01123 3 large --location fridge --note \"from the market\"");
  const int64_t oz = Add("\"Egg, whole, raw, fresh\" 4 oz");  // An exact name.
  std::map<int64_t, json> by_id;
  for (const json& it : Items()) by_id[it["id"].get<int64_t>()] = it;
  ASSERT_EQ(by_id.size(), 4u);
  EXPECT_DOUBLE_EQ(by_id[1]["grams"].get<double>(), 1000);
  EXPECT_EQ(by_id[1]["expiry"], "2031-01-31");
  EXPECT_EQ(by_id[1]["location"], "cupboard");
  EXPECT_DOUBLE_EQ(by_id[cups]["grams"].get<double>(), 370);
  EXPECT_EQ(by_id[cups]["expiry"], nullptr);
  EXPECT_EQ(by_id[cups]["state"], "keeps");
  EXPECT_EQ(by_id[cups]["household"], "2 cup");
  EXPECT_DOUBLE_EQ(by_id[eggs]["grams"].get<double>(), 150);
  EXPECT_EQ(by_id[eggs]["food"], "01123");
  EXPECT_EQ(by_id[eggs]["note"], "from the market");
  EXPECT_NEAR(by_id[oz]["grams"].get<double>(), 4 * 28.349523125, 1e-9);

  // The text table: id, food, grams, household measure, expiry, days left, location.
  CliRun list = Run("pantry list");
  ASSERT_EQ(list.code, 0) << list.out;
  EXPECT_EQ(list.out.rfind("id  food", 0), 0u) << list.out;
  const size_t row = list.out.find("\n 1  " + kRice + "  1,000  5 1/3 cup ");
  ASSERT_NE(row, std::string::npos) << list.out;
  const std::string line = list.out.substr(row + 1, list.out.find('\n', row + 1) - row - 1);
  EXPECT_NE(line.find(" 2031-01-31 "), std::string::npos) << line;
  EXPECT_EQ(line.substr(line.size() - 8), "cupboard") << line;
  EXPECT_NE(list.out.find("  150  3 large "), std::string::npos) << list.out;

  // Another pantry is separate.
  Add("20044 500 --pantry kitchen");
  EXPECT_EQ(Items("kitchen").size(), 1u);
  EXPECT_EQ(Items().size(), 4u);
}

TEST_F(PantryCli, UseTakesEarliestExpiryFirst) {
  const int64_t keeps = Add("20044 500");
  const int64_t later = Add("20044 300 --expires 2031-01-10");
  const int64_t sooner = Add("20044 200 --expires 2030-12-01");
  const int64_t expired = Add("20044 100 --expires 2020-01-01");
  const int64_t other = Add("01123 100 --expires 2000-01-01");
  // The expired lot first, then the soonest, then the later; the lot that
  // keeps is untouched.
  CliRun r = Run("pantry use 20044 350 g");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "Used 350 g of " + kRice + " from pantry \"home\":\n" +
                       "  100 g from item " + std::to_string(expired) + " (expires 2020-01-01, used up)\n" +
                       "  200 g from item " + std::to_string(sooner) + " (expires 2030-12-01, used up)\n" +
                       "  50.0 g from item " + std::to_string(later) + " (expires 2031-01-10, 250 g left)\n");
  std::map<int64_t, double> g = GramsById();
  EXPECT_EQ(g, (std::map<int64_t, double>{{keeps, 500}, {later, 250}, {other, 100}}));

  // Household units for use too: 1 cup = 185 g, from the 250 g lot first.
  ASSERT_EQ(Run("pantry use 20044 1 cup").code, 0);
  g = GramsById();
  EXPECT_DOUBLE_EQ(g[later], 65);
  EXPECT_DOUBLE_EQ(g[keeps], 500);

  // Listing order: expiry (expired first), then keeps.
  json items = Items();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["id"], other);
  EXPECT_EQ(items[0]["state"], "expired");
  EXPECT_LT(items[0]["days_left"].get<int>(), 0);
  EXPECT_EQ(items[1]["id"], later);
  EXPECT_EQ(items[2]["id"], keeps);

  // --expiring-within keeps expired lots and those due within DAYS.
  CliRun soon = Run("pantry list --json --expiring-within 3");
  ASSERT_EQ(soon.code, 0) << soon.out;
  json s = json::parse(soon.out)["items"];
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0]["id"], other);
}

TEST_F(PantryCli, NotEnoughChangesNothing) {
  Add("20044 1 kg --expires 2030-01-01");
  Add("20044 100");
  const json before = Items();
  CliRun r = Run("pantry use 20044 2 kg");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "hearth pantry use: not enough " + kRice +
                       " in pantry \"home\": asked for 2,000 g, there are 1,100 g in 2 lots\n");
  EXPECT_EQ(Items(), before);
  CliRun none = Run("pantry use 01123 1 large");
  EXPECT_EQ(none.code, 1);
  EXPECT_EQ(none.out, "hearth pantry use: not enough 01123 Egg, whole, raw, fresh in pantry \"home\": "
                      "asked for 50.0 g, there is none\n");
  EXPECT_EQ(Items(), before);
}

TEST_F(PantryCli, AdjustSetsAndRemoves) {
  const int64_t id = Add("01123 6 large");
  CliRun r = Run("pantry adjust " + std::to_string(id) + " 2 large");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "Item " + std::to_string(id) + " (01123 Egg, whole, raw, fresh): 300 g → 100 g.\n");
  EXPECT_DOUBLE_EQ(GramsById()[id], 100);
  ASSERT_EQ(Run("pantry adjust " + std::to_string(id) + " 0").code, 0);
  EXPECT_TRUE(Items().empty());
  CliRun gone = Run("pantry adjust " + std::to_string(id) + " 10");
  EXPECT_EQ(gone.code, 1);
  EXPECT_EQ(gone.out, "hearth pantry adjust: no item " + std::to_string(id) + " in pantry \"home\"\n");
}

TEST_F(PantryCli, ErrorsNameTheProblemAndChangeNothing) {
  Add("20044 100");
  const json before = Items();
  struct Case {
    std::string args;
    int code;
    std::string message;
  };
  const Case cases[] = {
      {"pantry add 99999 1 kg", 1, "hearth pantry add: no SR28 food with NDB number 99999\n"},
      {"pantry add xyzzyplugh 1 kg", 1, "hearth pantry add: no food matches \"xyzzyplugh\"; try: hearth foods search\n"},
      {"pantry add 20044 1 large", 1,
       "hearth pantry add: no conversion from \"large\" to grams for " + kRice +
           ": use g, kg, oz, lb or one of: cup\n"},
      {"pantry add 20044 -1 kg", 1,
       "hearth pantry add: " + kRice + ": the amount must be a number more than 0, got -1\n"},
      {"pantry add 20044 0", 1, "hearth pantry add: " + kRice + ": the amount must be a number more than 0, got 0\n"},
      {"pantry use 20044 -5", 1, "hearth pantry use: " + kRice + ": the amount must be a number more than 0, got -5\n"},
      {"pantry add 20044 1 kg --expires 2026-13-01", 2,
       "hearth pantry add: --expires \"2026-13-01\" is not a date; use YYYY-MM-DD\n"
       "Usage: hearth pantry add FOOD AMOUNT [UNIT] [--expires YYYY-MM-DD] [--location L] [--note N] "
       "[--pantry NAME] (see --help)\n"},
      {"pantry add 20044 lots", 2,
       "hearth pantry add: AMOUNT \"lots\" is not a number\n"
       "Usage: hearth pantry add FOOD AMOUNT [UNIT] [--expires YYYY-MM-DD] [--location L] [--note N] "
       "[--pantry NAME] (see --help)\n"},
  };
  for (const Case& c : cases) {
    CliRun r = Run(c.args);
    EXPECT_EQ(r.code, c.code) << c.args << "\n" << r.out;
    EXPECT_EQ(r.out, c.message) << c.args;
  }
  // An ambiguous name lists candidates with their numbers.
  CliRun amb = Run("pantry add rice 1 kg");
  EXPECT_EQ(amb.code, 1);
  EXPECT_EQ(amb.out.rfind("hearth pantry add: \"rice\" matches ", 0), 0u) << amb.out;
  EXPECT_NE(amb.out.find("give an NDB number, e.g. one of:\n  20"), std::string::npos) << amb.out;
  EXPECT_NE(amb.out.find(kRice), std::string::npos) << amb.out;
  EXPECT_EQ(Items(), before);
}

TEST_F(PantryCli, DatabaseFromEnvironmentAndBadDatabase) {
  setenv("HEARTH_DB", db_.c_str(), 1);
  CliRun r = hearth::testing::Hearth("pantry add 20044 250");
  unsetenv("HEARTH_DB");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(Items().size(), 1u);  // The same file through --db.

  const std::string junk = (dir_ / "notes.txt").string();
  { std::ofstream(junk) << "shopping: rice, eggs, milk; this is plain text and not a database at all\n"; }
  CliRun bad = hearth::testing::Hearth("--db " + junk + " pantry list");
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.out, "hearth pantry list: opening database " + junk +
                         ": the file is not a hearth database (SQLite: file is not a database)\n");
}

// The plan's meals: recipe id → servings eaten by the whole household.
std::map<std::string, double> MealsOfDay1(const json& doc) {
  std::map<std::string, double> out;
  for (const json& cell : doc["plan"]["cells"]) {
    if (cell["day"] != 1) continue;
    double total = 0;
    for (const auto& [who, s] : cell["servings_per_person"].items()) total += s.get<double>();
    if (total > 0) out[cell["recipe"].get<std::string>()] += total;
  }
  return out;
}

TEST_F(PantryCli, CookUsesTheRecomputedIngredients) {
  ASSERT_TRUE(plan_made_) << plan_output_;
  json doc = json::parse(std::ifstream(plan_path_));
  const std::map<std::string, double> meals = MealsOfDay1(doc);
  ASSERT_FALSE(meals.empty());
  // Grams each food needs: `recipes show --servings S` scales the recipe's
  // ingredients to S servings (rounded for display: hence the tolerance).
  std::map<std::string, double> need;
  for (const auto& [recipe, servings] : meals) {
    char s[32];
    std::snprintf(s, sizeof s, "%.17g", servings);
    CliRun r = hearth::testing::Hearth("recipes show " + recipe + " --servings " + s + " --json");
    ASSERT_EQ(r.code, 0) << r.out;
    const json recipe_json = json::parse(r.out);
    for (const json& ing : recipe_json["ingredients"]) need[ing["food"]] += ing["grams"].get<double>();
  }
  ASSERT_GE(need.size(), 3u);

  // Stock every food with 50 g more than needed, except the first, which
  // gets half of what it needs (a shortfall), and the second, which gets two
  // lots: a small one expiring first, then the rest. (Stocked through the
  // store itself: one CLI run per food would take long.)
  std::map<std::string, double> stocked;
  std::map<std::string, int64_t> lot;
  int64_t small_lot = 0, untouched = 0;
  std::string short_food, split_food;
  {
    auto store = hearth::storage::OpenStore(db_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto add = [&](const std::string& food, double grams, std::optional<std::string> expiry) {
      hearth::PantryItem it;
      it.food = *hearth::ParseFoodId(food);
      it.grams = grams;
      if (expiry) it.expiry = hearth::ParseDate(*expiry);
      auto id = (*store)->AddPantryItem("home", it);
      EXPECT_TRUE(id.ok()) << id.status().ToString();
      return id.ok() ? *id : 0;
    };
    int i = 0;
    for (const auto& [food, grams] : need) {
      if (grams <= 0) continue;
      double amount = i == 0 ? grams / 2 : grams + 50;
      if (i == 0) short_food = food;
      if (i == 1) {
        split_food = food;
        small_lot = add(food, 10, "2030-01-01");
        amount -= 10;
      }
      lot[food] = add(food, amount, i == 1 ? std::optional<std::string>("2030-06-01") : std::nullopt);
      stocked[food] = amount;
      ++i;
    }
    untouched = add("14429", 1000, std::nullopt);  // Water: in none of the recipes.
  }

  CliRun cook = Run("pantry cook --plan " + plan_path_ + " --day 1 --json");
  ASSERT_EQ(cook.code, 0) << cook.out;
  json report = json::parse(cook.out);
  EXPECT_EQ(report["meals"].size(), meals.size());
  ASSERT_EQ(report["shortfalls"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["shortfalls"][0]["food"], short_food);
  EXPECT_NEAR(report["shortfalls"][0]["grams_missing"].get<double>(), need[short_food] / 2,
              0.01 + 1e-3 * need[short_food]);

  std::map<int64_t, double> after = GramsById();
  EXPECT_EQ(after.count(lot[short_food]), 0u);  // Used up.
  EXPECT_EQ(after.count(small_lot), 0u);        // The first-expiring lot went first.
  for (const auto& [food, amount] : stocked) {
    if (food == short_food) continue;
    const double left = (food == split_food ? amount + 10 : amount) - need[food];
    ASSERT_EQ(after.count(lot[food]), 1u) << food;
    EXPECT_NEAR(after[lot[food]], left, 0.01 + 1e-3 * need[food]) << food;
  }
  if (need.count("14429") == 0) {
    EXPECT_DOUBLE_EQ(after[untouched], 1000);
  }

  // One slot only; an empty pantry is not an error: everything is a shortfall.
  ASSERT_TRUE(fs::remove(db_));
  CliRun one = Run("pantry cook --plan " + plan_path_ + " --day 1 --slot breakfast");
  ASSERT_EQ(one.code, 0) << one.out;
  EXPECT_NE(one.out.find("Cooked on day 1 from pantry \"home\":\n  breakfast: "), std::string::npos) << one.out;
  EXPECT_EQ(one.out.find("  lunch: "), std::string::npos) << one.out;
  EXPECT_NE(one.out.find("The pantry lacked (cooked with what there was):"), std::string::npos) << one.out;

  CliRun bad_day = Run("pantry cook --plan " + plan_path_ + " --day 2");
  EXPECT_EQ(bad_day.code, 2);
  EXPECT_EQ(bad_day.out.rfind("hearth pantry cook: --day 2 is outside 1-1 (the plan has 1 days)\n", 0), 0u)
      << bad_day.out;
  CliRun bad_slot = Run("pantry cook --plan " + plan_path_ + " --day 1 --slot brunch");
  EXPECT_EQ(bad_slot.code, 2);
  EXPECT_EQ(bad_slot.out.rfind("hearth pantry cook: the plan has no slot \"brunch\"; its slots are breakfast, "
                               "lunch, dinner, snack\n",
                               0),
            0u)
      << bad_slot.out;
}

}  // namespace
