// The hearth command end to end: real binary, real shipped data.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_util.h"

namespace {

using hearth::testing::CliRun;
using hearth::testing::Examples;
using hearth::testing::Hearth;

// The acceptance example: a 30-year-old woman's targets with their sources.
TEST(HearthCli, TargetsForAWomanOf30ShowValuesAndSources) {
  CliRun r = Hearth("targets --age 30 --sex female --weight-kg 60 --height-cm 165 --activity active");
  ASSERT_EQ(r.code, 0) << r.out;
  struct Want {
    const char* name;
    const char* value;
    const char* source;
  };
  const Want wants[] = {
      {"Iron ", "18.0", "RDA · dri_values_long.csv row"},
      {"Calcium ", "1,000", "RDA · dri_values_long.csv row"},
      {"Vitamin C ", "75.0", "RDA · dri_values_long.csv row"},
      {"Folate (DFE) ", "400", "RDA · dri_values_long.csv row"},
      {"Vitamin D ", "15.0", "RDA · dri_values_long.csv row"},
      {"Potassium ", "2,600", "AI · sodium_potassium_2019.csv row"},
      {"Sodium ", "2,300", "CDRR · sodium_potassium_2019.csv row"},
  };
  for (const Want& w : wants) {
    size_t at = r.out.find("\n" + std::string(w.name));
    ASSERT_NE(at, std::string::npos) << w.name << "\n" << r.out;
    std::string line = r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1);
    EXPECT_NE(line.find(w.value), std::string::npos) << line;
    EXPECT_NE(line.find(w.source), std::string::npos) << line;
  }
}

TEST(HearthCli, TargetsJsonCarriesKindsAndRows) {
  CliRun r = Hearth("targets --profile " + Examples() + "ana-30-female.json --json");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  bool iron = false;
  for (const auto& n : j["nutrients"]) {
    if (n["nutrient"] == "iron_mg") {
      iron = true;
      EXPECT_EQ(n["min"]["value"], 18);
      EXPECT_EQ(n["min"]["kind"], "RDA");
      EXPECT_EQ(n["min"]["source"]["table"], "data/dri/dri_values_long.csv");
      EXPECT_GT(n["min"]["source"]["row"].get<int>(), 1);
    }
  }
  EXPECT_TRUE(iron);
}

TEST(HearthCli, ConditionsChangeTargets) {
  CliRun r = Hearth("targets --profile " + Examples() + "ben-58-male-hypertension.json --json");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  for (const auto& n : j["nutrients"]) {
    if (n["nutrient"] == "sodium_mg") {
      EXPECT_EQ(n["max"]["value"], 1500);
      EXPECT_EQ(n["max"]["kind"], "override");
    }
  }
  EXPECT_EQ(j["conditions"], nlohmann::json({"hypertension", "type2_diabetes"}));
  EXPECT_EQ(j["excluded_allergens"], nlohmann::json({"peanut"}));
}

TEST(HearthCli, RecipesListJsonHasAtLeast150WithNutrition) {
  CliRun r = Hearth("recipes list --json");
  ASSERT_EQ(r.code, 0) << r.out.substr(0, 500);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j.size(), 150u);
  for (const auto& rec : j) {
    EXPECT_GT(rec["nutrition_per_serving"]["energy_kcal"].get<double>(), 0) << rec["id"];
    EXPECT_FALSE(rec["meal_types"].empty());
    // Money says its currency: the shipped prices' (USDA ERS).
    EXPECT_EQ(rec["cost_currency"], "USD") << rec["id"];
    EXPECT_TRUE(rec["cost_per_serving"].is_null() || rec["cost_per_serving"].get<double>() > 0) << rec["id"];
  }
}

TEST(HearthCli, RecipesFiltersHold) {
  CliRun r = Hearth("recipes list --diet vegan --without peanut,soy --meal breakfast --json");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j.empty());
  for (const auto& rec : j) {
    auto diets = rec["diets"];
    EXPECT_NE(std::find(diets.begin(), diets.end(), "vegan"), diets.end()) << rec["id"];
    for (const auto& a : rec["allergens"]) {
      EXPECT_NE(a, "peanut");
      EXPECT_NE(a, "soy");
    }
    auto meals = rec["meal_types"];
    EXPECT_NE(std::find(meals.begin(), meals.end(), "breakfast"), meals.end());
  }
}

TEST(HearthCli, RecipeShowScalesIngredients) {
  CliRun one = Hearth("recipes show hk-red-lentil-dal --servings 1 --json");
  CliRun four = Hearth("recipes show hk-red-lentil-dal --servings 4 --json");
  ASSERT_EQ(one.code, 0) << one.out;
  ASSERT_EQ(four.code, 0) << four.out;
  auto a = nlohmann::json::parse(one.out), b = nlohmann::json::parse(four.out);
  ASSERT_EQ(a["ingredients"].size(), b["ingredients"].size());
  for (size_t i = 0; i < a["ingredients"].size(); ++i) {
    EXPECT_NEAR(b["ingredients"][i]["grams"].get<double>(), 4 * a["ingredients"][i]["grams"].get<double>(),
                0.02 * b["ingredients"][i]["grams"].get<double>() + 0.01);
  }
  EXPECT_EQ(a["nutrition_per_serving"], b["nutrition_per_serving"]);
}

TEST(HearthCli, FoodsSearchAndShow) {
  CliRun s = Hearth("foods search lentils --limit 3");
  ASSERT_EQ(s.code, 0);
  EXPECT_NE(s.out.find("16069  Lentils, raw"), std::string::npos) << s.out;
  CliRun show = Hearth("foods show 09003 --json");
  ASSERT_EQ(show.code, 0);
  EXPECT_EQ(nlohmann::json::parse(show.out)["per_100g"]["energy_kcal"], 52);
}

struct Misuse {
  const char* args;
  int code;
  const char* message;  // Must appear in the output.
};

constexpr Misuse kMisuses[] = {
    {"", 2, "A subcommand is required"},
    {"frobnicate", 2, "hearth: unknown command \"frobnicate\""},
    {"targets --age 30", 2, "give --profile FILE, or at least --age, --sex, --weight-kg and --height-cm"},
    {"targets --age 30 --sex robot --weight-kg 60 --height-cm 165", 2, "--sex: robot not in {female,male}"},
    {"recipes list --meal brunch", 2, "--meal: brunch not in {breakfast,lunch,dinner,snack}"},
    {"targets --age 300 --sex female --weight-kg 60 --height-cm 165", 1,
     "hearth: age_years: 300 is outside 0-120 years"},
    {"targets --age 30 --sex female --weight-kg 60 --height-cm 165 --condition scurvy", 1,
     "hearth: conditions[0]: unknown condition \"scurvy\""},
    {"foods show 99999", 1, "hearth: no SR28 food with id \"99999\""},
    {"recipes show no-such-recipe", 1, "hearth: no recipe with id \"no-such-recipe\""},
    {"recipes list --diet carnivore", 1, "hearth: --diet: unknown diet \"carnivore\""},
    {"targets --profile /nonexistent.json", 2, "File does not exist: /nonexistent.json"},
};

TEST(HearthCli, WrongUsageIsOneLineAndTheUsage) {
  for (const Misuse& m : kMisuses) {
    CliRun r = Hearth(m.args);
    EXPECT_EQ(r.code, m.code) << m.args << "\n" << r.out;
    EXPECT_NE(r.out.find(m.message), std::string::npos) << m.args << "\n" << r.out;
    if (m.code == 2) {
      EXPECT_NE(r.out.find("Usage:"), std::string::npos) << r.out;
      EXPECT_LE(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r.out;
    }
  }
}

TEST(HearthCli, HelpOnEveryCommand) {
  for (const char* cmd : {"", "foods", "foods search", "foods show", "targets", "recipes", "recipes list",
                          "recipes show", "plan", "plan explain", "plan swap"}) {
    CliRun r = Hearth(std::string(cmd) + " --help");
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << cmd;
  }
}

// `hearth plan`: short runs (2 days, 2 s) of the real solver.
const std::string kAnaPlan = "plan --profile " + Examples() + "ana-30-female.json --days 2 --time-limit 2";

std::string TempPath(const std::string& name) {
  static const std::string dir = [] {
    std::string tmpl = ::testing::TempDir() + "hearth-cli-XXXXXX";
    char* d = mkdtemp(tmpl.data());
    return std::string(d ? d : ::testing::TempDir().c_str());
  }();
  return dir + "/" + name;
}

TEST(HearthCliPlan, TextHasEverySection) {
  CliRun r = Hearth(kAnaPlan);
  ASSERT_EQ(r.code, 0) << r.out;
  for (const char* section :
       {"Week plan (2 days)", "breakfast", "Coverage — Ana", "% of target", "█", "Totals: $", "kg CO2e",
        "min active cooking", "Objective (minimised; your weights)", "deviation penalties", "× 10.00",
        "lower bound", "gap", "Explanation", "Binding constraints:", "Shortfalls:", "Shadow prices",
        "objective points", "Why these recipes", "% of the day's"}) {
    EXPECT_NE(r.out.find(section), std::string::npos) << section << "\n" << r.out;
  }
}

TEST(HearthCliPlan, JsonHasTheDocumentedKeys) {
  CliRun r = Hearth(kAnaPlan + " --json");
  ASSERT_EQ(r.code, 0) << r.out.substr(0, 2000);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format"], "hearth-plan");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["request"]["household"][0]["id"], "Ana");
  EXPECT_EQ(j["request"]["household"][0]["profile"]["name"], "Ana");
  EXPECT_EQ(j["request"]["options"]["days"], 2);
  EXPECT_EQ(j["request"]["options"]["seed"], 1);
  EXPECT_EQ(j["people"][0]["targets"]["calcium_mg"]["min"], 1000);
  ASSERT_EQ(j["plan"]["cells"].size(), 8u);
  for (const auto& c : j["plan"]["cells"]) {
    for (const char* k : {"day", "slot", "recipe", "name", "servings", "servings_per_person", "cost", "why"}) {
      EXPECT_TRUE(c.contains(k)) << k;
    }
    EXPECT_EQ(c["servings_per_person"]["Ana"], c["servings"]);
  }
  ASSERT_EQ(j["days"].size(), 2u);
  EXPECT_GT(j["days"][0]["people"][0]["totals"]["energy_kcal"].get<double>(), 1000);
  ASSERT_EQ(j["coverage"].size(), 1u);
  for (const auto& row : j["coverage"][0]["nutrients"]) {
    for (const char* k : {"nutrient", "average", "min", "max", "percent", "status"}) EXPECT_TRUE(row.contains(k));
  }
  for (const char* k : {"cost", "currency", "co2e_kg", "minutes"}) EXPECT_TRUE(j["totals"].contains(k)) << k;
  ASSERT_EQ(j["objective"]["terms"].size(), 5u);
  EXPECT_EQ(j["objective"]["terms"][0]["term"], "cost");
  EXPECT_EQ(j["objective"]["terms"][1]["weight"], 0.2);
  EXPECT_EQ(j["objective"]["terms"][4]["term"], "deviation");
  EXPECT_TRUE(j["objective"]["bound"].is_number());
  EXPECT_TRUE(j["objective"]["gap"].is_number());
  for (const char* k : {"tight_nutrients", "binding", "shortfalls", "meals", "notes"}) {
    EXPECT_TRUE(j["explanation"].contains(k)) << k;
  }
  ASSERT_FALSE(j["explanation"]["binding"].empty());
  EXPECT_FALSE(j["explanation"]["binding"][0]["text"].get<std::string>().empty());
}

TEST(HearthCliPlan, SaveExplainAndSwap) {
  const std::string saved = TempPath("ana.json");
  CliRun plan = Hearth(kAnaPlan + " --out " + saved);
  ASSERT_EQ(plan.code, 0) << plan.out;
  EXPECT_NE(plan.out.find("Week plan"), std::string::npos);
  EXPECT_NE(plan.out.find("Saved the plan to " + saved), std::string::npos);

  CliRun explain = Hearth("plan explain --plan " + saved);
  ASSERT_EQ(explain.code, 0) << explain.out;
  EXPECT_NE(explain.out.find("Binding constraints:"), std::string::npos) << explain.out;
  EXPECT_NE(explain.out.find("Why these recipes"), std::string::npos) << explain.out;

  CliRun meal = Hearth("plan explain --plan " + saved + " --day 2 --slot lunch --json");
  ASSERT_EQ(meal.code, 0) << meal.out;
  auto m = nlohmann::json::parse(meal.out);
  EXPECT_EQ(m["day"], 2);
  EXPECT_EQ(m["slot"], "lunch");
  ASSERT_FALSE(m["alternatives"].empty());
  EXPECT_LE(m["alternatives"].size(), 5u);
  const std::string pick = m["alternatives"][0]["recipe"];
  CliRun text = Hearth("plan explain --plan " + saved + " --day 2 --slot lunch");
  ASSERT_EQ(text.code, 0) << text.out;
  EXPECT_NE(text.out.find("Why this recipe:"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(pick), std::string::npos) << text.out;

  const std::string swapped = TempPath("ana-swapped.json");
  CliRun swap = Hearth("plan swap --plan " + saved + " --day 2 --slot lunch --recipe " + pick + " --out " + swapped +
                       " --json");
  ASSERT_EQ(swap.code, 0) << swap.out;
  auto s = nlohmann::json::parse(swap.out);
  EXPECT_EQ(s["plan"]["cells"][5]["day"], 2);
  EXPECT_EQ(s["plan"]["cells"][5]["slot"], "lunch");
  EXPECT_EQ(s["plan"]["cells"][5]["recipe"], pick);
  EXPECT_EQ(s["request"]["fixed"][0]["recipe"], pick);
  EXPECT_TRUE(s["swap"]["objective_change"].is_number());
  // The saved new plan reads back, verifies and keeps the user's choice.
  CliRun again = Hearth("plan explain --plan " + swapped + " --day 2 --slot lunch --json");
  ASSERT_EQ(again.code, 0) << again.out;
  EXPECT_EQ(nlohmann::json::parse(again.out)["recipe"], pick);
  CliRun swap_text = Hearth("plan swap --plan " + saved + " --day 1 --slot dinner --recipe " +
                            s["plan"]["cells"][2]["recipe"].get<std::string>());
  ASSERT_EQ(swap_text.code, 0) << swap_text.out;
  EXPECT_NE(swap_text.out.find("Swapped day 1 dinner"), std::string::npos) << swap_text.out;
  EXPECT_NE(swap_text.out.find("Objective "), std::string::npos) << swap_text.out;
}

// A person's own recipe from the command line: checked like the library's,
// kept in the database's local recipe book, planned with (a swap to it is
// verified against the targets), and removed.
TEST(HearthCliRecipes, OwnRecipeIsAddedPlannedAndRemoved) {
  const std::string db = "--db " + TempPath("own-recipes.db") + " ";  // A global option: before the command.
  // The same recipe the server's tests add (tests/data/recipes/).
  const nlohmann::json dal =
      nlohmann::json::parse(std::ifstream(std::string(HEARTH_TEST_FIXTURES_DIR) + "/recipes/my-lentil-rice.json"));
  const auto write = [](const std::string& name, const nlohmann::json& j) {
    const std::string path = TempPath(name);
    std::ofstream(path) << j.dump();
    return path;
  };

  // Refused, with the field named, and nothing kept.
  nlohmann::json bad = dal;
  bad["ingredients"][1]["grams"] = -5;
  CliRun r = Hearth(db + "recipes add " + write("bad.json", bad));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("ingredients[1].grams"), std::string::npos) << r.out;
  bad = dal;
  bad["id"] = "hk-red-lentil-dal";
  r = Hearth(db + "recipes add " + write("library-id.json", bad));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("is a recipe of the library"), std::string::npos) << r.out;
  r = Hearth(db + "recipes add " + TempPath("none.json"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("cannot open"), std::string::npos) << r.out;
  r = Hearth(db + "recipes list --mine --json");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(nlohmann::json::parse(r.out).empty()) << r.out;

  // Added: nutrition derived from the foods, listed as mine, a second add refused.
  const std::string file = write("dal.json", dal);
  r = Hearth(db + "recipes add " + file + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const nlohmann::json added = nlohmann::json::parse(r.out);
  EXPECT_TRUE(added["mine"].get<bool>());
  EXPECT_GT(added["nutrition_per_serving"]["energy_kcal"].get<double>(), 300);
  r = Hearth(db + "recipes add " + file);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("already have a recipe"), std::string::npos) << r.out;
  r = Hearth(db + "recipes list --mine --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const nlohmann::json mine = nlohmann::json::parse(r.out);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["id"], "my-lentil-rice");
  r = Hearth(db + "recipes list");
  EXPECT_NE(r.out.find("my-lentil-rice (mine)"), std::string::npos) << r.out;
  // Another database does not have it.
  EXPECT_EQ(Hearth("recipes show my-lentil-rice").code, 1);

  // A plan swapped to it, re-optimised and verified, and read back.
  const std::string saved = TempPath("own-plan.json");
  ASSERT_EQ(Hearth(db + kAnaPlan + " --out " + saved).code, 0);
  const std::string swapped = TempPath("own-swapped.json");
  r = Hearth(db + "plan swap --plan " + saved + " --day 1 --slot dinner --recipe my-lentil-rice --out " + swapped +
             " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const nlohmann::json s = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& cell : s["plan"]["cells"]) {
    if (cell["day"] == 1 && cell["slot"] == "dinner") found = cell["recipe"] == "my-lentil-rice";
  }
  EXPECT_TRUE(found) << r.out;
  r = Hearth(db + "plan explain --plan " + swapped + " --day 1 --slot dinner --json");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["recipe"], "my-lentil-rice");

  // Removed: gone from the book; a plan that used it says what is missing.
  r = Hearth(db + "recipes remove hk-red-lentil-dal");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("library recipe"), std::string::npos) << r.out;
  r = Hearth(db + "recipes remove my-lentil-rice");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(Hearth(db + "recipes remove my-lentil-rice").code, 1);
  EXPECT_EQ(Hearth(db + "recipes show my-lentil-rice").code, 1);
  r = Hearth(db + "plan explain --plan " + swapped);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("my-lentil-rice"), std::string::npos) << r.out;
}

// Profiles and plans the command line keeps in its database: a stored
// profile plans like its file, every plan is kept, and --plan takes the id.
TEST(HearthCliStored, ProfilesAndPlansAreKeptInTheDatabase) {
  const std::string db = "--db " + TempPath("stored.db") + " ";
  CliRun r = Hearth(db + "profiles add " + Examples() + "ana-30-female.json");
  ASSERT_EQ(r.code, 0) << r.out;
  nlohmann::json bad = nlohmann::json::parse(std::ifstream(Examples() + "ana-30-female.json"));
  bad["weight_kg"] = -3;
  const std::string bad_file = TempPath("bad-profile.json");
  std::ofstream(bad_file) << bad.dump();
  r = Hearth(db + "profiles add " + bad_file);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("weight_kg"), std::string::npos) << r.out;
  r = Hearth(db + "profiles list --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const nlohmann::json profiles = nlohmann::json::parse(r.out);
  ASSERT_EQ(profiles.size(), 1u) << "the refused profile was not kept";
  const std::string profile = std::to_string(profiles[0]["id"].get<int64_t>());

  // Every command that takes a profile takes the id too, with the same result.
  const std::string ana = Examples() + "ana-30-female.json";
  for (const std::string& args :
       {std::string("targets --json --profile "), std::string("instance export --days 1 --profile ")}) {
    CliRun by_file = Hearth(db + args + ana);
    CliRun by_stored = Hearth(db + args + profile);
    ASSERT_EQ(by_file.code, 0) << args << by_file.out;
    ASSERT_EQ(by_stored.code, 0) << args << by_stored.out;
    EXPECT_EQ(nlohmann::json::parse(by_stored.out), nlohmann::json::parse(by_file.out)) << args;
  }
  std::string crisis = "crisis --json --start 2026-11-26 --pantry ";
  crisis += HEARTH_TEST_DATA_DIR;
  crisis += "/demo/pantry.csv --people ";
  CliRun crisis_file = Hearth(db + crisis + ana);
  CliRun crisis_stored = Hearth(db + crisis + profile);
  ASSERT_EQ(crisis_file.code, 0) << crisis_file.out;
  ASSERT_EQ(crisis_stored.code, 0) << crisis_stored.out;
  EXPECT_EQ(nlohmann::json::parse(crisis_stored.out), nlohmann::json::parse(crisis_file.out));
  r = Hearth(db + "targets --profile 999");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("no stored profile 999 on this machine"), std::string::npos) << r.out;

  // Planned by id: the same plan as from the file (same seed, same solver budget).
  r = Hearth(db + "plan --profile " + profile + " --days 2 --time-limit 2 --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const nlohmann::json by_id = nlohmann::json::parse(r.out);
  CliRun from_file = Hearth(db + kAnaPlan + " --json");
  ASSERT_EQ(from_file.code, 0) << from_file.out;
  EXPECT_EQ(by_id["request"]["household"][0]["profile"],
            nlohmann::json::parse(from_file.out)["request"]["household"][0]["profile"]);
  r = Hearth(db + "plans list --json");
  ASSERT_EQ(r.code, 0) << r.out;
  nlohmann::json plans = nlohmann::json::parse(r.out);
  ASSERT_EQ(plans.size(), 2u) << r.out;
  EXPECT_EQ(plans[0]["days"], 2);
  EXPECT_GT(plans[1]["id"].get<int64_t>(), 0);
  const std::string first = std::to_string(plans[1]["id"].get<int64_t>());  // Newest first.
  EXPECT_NEAR(plans[1]["objective"].get<double>(), by_id["objective"]["value"].get<double>(), 1e-9);

  // --plan ID: explained, swapped (the new plan is kept too), removed.
  r = Hearth(db + "plan explain --plan " + first + " --day 1 --slot lunch --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string pick = nlohmann::json::parse(r.out)["alternatives"][0]["recipe"];
  const std::string swap_file = TempPath("swapped-text.json");
  r = Hearth(db + "plan swap --plan " + first + " --day 1 --slot lunch --recipe " + pick +
             " --out " + swap_file);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("Kept as plan "), std::string::npos) << r.out;
  {  // The printed swap writes the same document as --json: with its swap.
    std::ifstream in(swap_file);
    const nlohmann::json doc = nlohmann::json::parse(in);
    EXPECT_EQ(doc["swap"]["recipe"], pick) << doc["swap"].dump();
  }
  plans = nlohmann::json::parse(Hearth(db + "plans list --json").out);
  ASSERT_EQ(plans.size(), 3u);
  const std::string swapped = std::to_string(plans[0]["id"].get<int64_t>());
  r = Hearth(db + "plan explain --plan " + swapped + " --day 1 --slot lunch --json");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["recipe"], pick);
  ASSERT_EQ(Hearth(db + "plans remove " + first).code, 0);
  r = Hearth(db + "plan explain --plan " + first);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("no stored plan " + first), std::string::npos) << r.out;
  EXPECT_EQ(nlohmann::json::parse(Hearth(db + "plans list --json").out).size(), 2u);
  ASSERT_EQ(Hearth(db + "profiles remove " + profile).code, 0);
  r = Hearth(db + "plan --profile " + profile + " --days 1");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("no stored profile " + profile), std::string::npos) << r.out;
}

TEST(HearthCliPlan, UnwritableDatabaseCostsNeitherThePrintedPlanNorTheFile) {
  // A database under a regular file cannot be created.
  const std::string blocker = TempPath("not-a-directory");
  std::ofstream(blocker) << "x";
  const std::string db = "--db " + blocker + "/hearth.db ";
  const std::string out = TempPath("made-without-db.json");
  std::filesystem::remove(out);
  CliRun r = Hearth(db + kAnaPlan + " --out " + out);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("Coverage"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Saved the plan to " + out), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Kept as plan"), std::string::npos) << r.out;
  EXPECT_NE(
      r.out.find("hearth plan: the plan above was made but not kept in " + blocker + "/hearth.db"),
      std::string::npos)
      << r.out;
  std::ifstream in(out);
  ASSERT_TRUE(in.good());
  const nlohmann::json doc = nlohmann::json::parse(in);
  EXPECT_EQ(doc["request"]["options"]["days"], 2);
}

TEST(HearthCliPlan, BadInputsExitWithClearMessages) {
  const std::string saved = TempPath("bad-base.json");
  ASSERT_EQ(Hearth(kAnaPlan + " --out " + saved).code, 0);
  std::ifstream in(saved);
  auto doc = nlohmann::json::parse(in);
  const std::string broken = TempPath("broken.json");
  doc["plan"]["cells"][1]["servings"] = "two";
  std::ofstream(broken) << doc.dump();
  const std::string missing = TempPath("does-not-exist.json");
  struct Case {
    std::string args;
    int code;
    std::string message;
  };
  const Case cases[] = {
      {"plan swap --plan " + saved + " --day 1 --slot lunch --recipe no-such-recipe", 1,
       "hearth plan swap: --recipe: recipe \"no-such-recipe\" is not in the catalogue\n"},
      {"plan swap --plan " + saved + " --day 9 --slot lunch --recipe hk-red-lentil-dal", 2,
       "hearth plan swap: --day 9 is outside 1-2 (the plan has 2 days)\n"},
      {"plan swap --plan " + saved + " --day 1 --slot brunch --recipe hk-red-lentil-dal", 2,
       "hearth plan swap: --slot brunch is not a slot of the plan (breakfast, lunch, dinner, snack)\n"},
      {"plan explain --plan " + saved + " --day 0 --slot lunch", 2,
       "hearth plan explain: --day 0 is outside 1-2 (the plan has 2 days)\n"},
      {"plan explain --plan " + saved + " --day 1", 2, "hearth plan explain: give --day and --slot together\n"},
      {"plan explain --plan " + missing, 1, "hearth plan explain: cannot open file: " + missing + "\n"},
      {"plan explain --plan " + broken, 1,
       "hearth plan explain: " + broken + ": plan.cells[1].servings: must be a number\n"},
      {"plan --days 3", 2, "hearth plan: --profile FILE is required\n"},
  };
  for (const Case& c : cases) {
    CliRun r = Hearth(c.args);
    EXPECT_EQ(r.code, c.code) << c.args << "\n" << r.out;
    EXPECT_EQ(r.out.substr(0, c.message.size()), c.message) << c.args;
    if (c.code == 2) {
      EXPECT_NE(r.out.find("Usage: hearth plan"), std::string::npos) << r.out;
    }
  }
}

}  // namespace

namespace {

TEST(HearthCliPlan, OptionalSlotCanBeLeftEmptyAndIsSavedAsSuch) {
  const std::string saved = TempPath("ana-optional.json");
  CliRun plan = Hearth("plan --profile " + Examples() + "ana-30-female.json --days 2 --time-limit 3 --optional snack --out " +
                       saved + " --json");
  ASSERT_EQ(plan.code, 0) << plan.out;
  auto doc = nlohmann::json::parse(plan.out);
  EXPECT_EQ(doc["request"]["options"]["optional_slots"], nlohmann::json::array({"snack"}));
  for (const auto& c : doc["plan"]["cells"]) {
    const bool none = c["recipe"].get<std::string>().rfind("none-", 0) == 0;
    EXPECT_EQ(c["skipped"].get<bool>(), none) << c.dump();
    if (none) {
      EXPECT_EQ(c["slot"], "snack") << c.dump();
    }
  }

  // Emptying day 1's snack: the saved document rebuilds and says so.
  CliRun swap = Hearth("plan swap --plan " + saved + " --day 1 --slot snack --recipe none-snack --json");
  ASSERT_EQ(swap.code, 0) << swap.out;
  auto s = nlohmann::json::parse(swap.out);
  const auto& cell = s["plan"]["cells"][3];
  EXPECT_EQ(cell["day"], 1);
  EXPECT_EQ(cell["slot"], "snack");
  EXPECT_EQ(cell["recipe"], "none-snack");
  EXPECT_TRUE(cell["skipped"].get<bool>());
  EXPECT_EQ(cell["servings"], 0);
  EXPECT_EQ(cell["cost"], 0);
  CliRun text = Hearth("plan swap --plan " + saved + " --day 1 --slot snack --recipe none-snack");
  ASSERT_EQ(text.code, 0) << text.out;
  EXPECT_NE(text.out.find("no snack"), std::string::npos) << text.out;

  CliRun bad = Hearth("plan --profile " + Examples() + "ana-30-female.json --optional brunch");
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find("hearth plan: --optional: \"brunch\" is not a meal slot"), std::string::npos) << bad.out;
}

}  // namespace
