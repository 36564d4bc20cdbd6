// The hearth command end to end: real binary, real shipped data.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace {

struct CliRun {
  int code;
  std::string out;  // stdout and stderr together
};

CliRun Hearth(const std::string& args) {
  std::string cmd = std::string(HEARTH_BINARY) + " --data-dir " + HEARTH_TEST_DATA_DIR + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string Examples() { return std::string(HEARTH_TEST_DATA_DIR) + "/../examples/profiles/"; }

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
                          "recipes show"}) {
    CliRun r = Hearth(std::string(cmd) + " --help");
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << cmd;
  }
}

}  // namespace
