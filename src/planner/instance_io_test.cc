#include "hearth/planner/instance_io.h"

#include <functional>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hearth/planner/generator.h"
#include "planner/test_util.h"

namespace hearth::planner {
namespace {

using Json = nlohmann::json;

TEST(InstanceIoTest, ParsesTinyFixture) {
  Result<PlanInstance> r = ParseInstanceJson(testing::ReadFixture("tiny.json"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->name, "tiny-2x2");
  EXPECT_EQ(r->recipes.size(), 5u);
  EXPECT_EQ(r->plan.days, 2);
  EXPECT_EQ(r->num_cells(), 4);
  EXPECT_EQ(r->energy_nutrient, 0);
  ASSERT_EQ(r->recipes[1].slots.size(), 2u);
  EXPECT_EQ(r->recipes[1].slots[1], 1);
  EXPECT_TRUE(IsExcluded(*r, 4));
  EXPECT_FALSE(IsExcluded(*r, 0));
  ASSERT_TRUE(r->plan.budget_per_week.has_value());
  EXPECT_DOUBLE_EQ(*r->plan.budget_per_week, 12.0);
  EXPECT_EQ(r->plan.energy_share[0].max, 0.30);
}

struct BadCase {
  const char* label;
  std::function<void(Json&)> mutate;
  const char* message;
};

TEST(InstanceIoTest, RejectsMalformedWithJsonPath) {
  const BadCase cases[] = {
      {"unknown daily nutrient", [](Json& j) { j["plan"]["daily"][2]["nutrient"] = "vit_x"; },
       "plan.daily[2].nutrient: unknown nutrient \"vit_x\""},
      {"short nutrient list", [](Json& j) { j["recipes"][3]["nutrients"].erase(1); },
       "recipes[3].nutrients: has 3 values, expected 4"},
      {"negative nutrient", [](Json& j) { j["recipes"][1]["nutrients"][2] = -1; },
       "recipes[1].nutrients[2]: must be >= 0"},
      {"missing cost", [](Json& j) { j["recipes"][0].erase("cost"); }, "recipes[0].cost: missing key"},
      {"duplicate recipe", [](Json& j) { j["recipes"][2]["id"] = "oats"; },
       "recipes[2].id: duplicate recipe id \"oats\""},
      {"duplicate nutrient", [](Json& j) { j["nutrients"][1]["id"] = "energy_kcal"; },
       "nutrients[1].id: duplicate nutrient id \"energy_kcal\""},
      {"bad format", [](Json& j) { j["format"] = "other"; }, "format: must be \"mealplan-instance\""},
      {"bad version", [](Json& j) { j["version"] = 2; }, "version: must be 1"},
      {"days out of range", [](Json& j) { j["plan"]["days"] = 29; }, "plan.days: must be an integer in 1..28"},
      {"missing plan", [](Json& j) { j.erase("plan"); }, "plan: missing key"},
      {"min above max", [](Json& j) { j["plan"]["daily"][0]["min"] = 5000; }, "plan.daily[0]: min > max"},
      {"weekly unknown", [](Json& j) { j["plan"]["weekly_average"][0]["nutrient"] = "b12"; },
       "plan.weekly_average[0].nutrient: unknown nutrient \"b12\""},
      {"energy share without energy",
       [](Json& j) {
         j["nutrients"][0]["id"] = "energy_kj";
         j["plan"]["daily"].erase(0);
       },
       "plan.energy_share: requires nutrient \"energy_kcal\""},
      {"dislike length", [](Json& j) { j["plan"]["dislike"].push_back(1); },
       "plan.dislike: has 6 values, expected 5"},
      {"servings type", [](Json& j) { j["plan"]["servings"]["min"] = "half"; },
       "plan.servings.min: must be a number"},
      {"servings grid empty", [](Json& j) { j["plan"]["servings"] = {{"min", 0.6}, {"max", 0.9}, {"step", 0.5}}; },
       "plan.servings.step: no multiple of step lies in [min, max]"},
      {"slot not string", [](Json& j) { j["recipes"][4]["slots"][0] = 3; }, "recipes[4].slots[0]: must be a string"},
      {"negative budget", [](Json& j) { j["plan"]["budget_per_week"] = -1; },
       "plan.budget_per_week: must be >= 0"},
      {"variety not integer", [](Json& j) { j["plan"]["variety"]["max_uses_per_week"] = 1.5; },
       "plan.variety.max_uses_per_week: must be an integer >= 0"},
      {"exclude tag type", [](Json& j) { j["plan"]["exclude"]["tags"] = {1}; },
       "plan.exclude.tags[0]: must be a string"},
      {"share negative factor", [](Json& j) { j["plan"]["energy_share"][0]["kcal_per_unit"] = -4; },
       "plan.energy_share[0].kcal_per_unit: must be >= 0"},
      {"recipes not array", [](Json& j) { j["recipes"] = Json::object(); }, "recipes: must be an array"},
  };
  const Json base = Json::parse(testing::ReadFixture("tiny.json"));
  for (const BadCase& c : cases) {
    Json j = base;
    c.mutate(j);
    Result<PlanInstance> r = ParseInstanceJson(j.dump());
    ASSERT_FALSE(r.ok()) << c.label;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.label;
    EXPECT_EQ(r.status().message(), c.message) << c.label;
  }
}

TEST(InstanceIoTest, RejectsInvalidJsonText) {
  Result<PlanInstance> r = ParseInstanceJson("{\"format\": ");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("$: invalid JSON", 0), 0u) << r.status().message();
  Result<PlanInstance> arr = ParseInstanceJson("[]");
  ASSERT_FALSE(arr.ok());
  EXPECT_EQ(arr.status().message(), "$: must be an object");
}

TEST(InstanceIoTest, OptionalKeysMayBeAbsentOrNull) {
  Json j = Json::parse(testing::ReadFixture("tiny.json"));
  j["plan"]["budget_per_week"] = nullptr;
  j["plan"].erase("variety");
  j["plan"].erase("dislike");
  j["plan"]["variety"] = {{"max_uses_per_day", 1}};
  Result<PlanInstance> r = ParseInstanceJson(j.dump());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->plan.budget_per_week.has_value());
  EXPECT_FALSE(r->plan.max_uses_per_week.has_value());
  EXPECT_EQ(r->plan.max_uses_per_day, 1);
  EXPECT_EQ(r->plan.dislike, std::vector<double>(5, 0.0));
}

TEST(InstanceIoTest, ReadMissingFileIsNotFound) {
  Result<PlanInstance> r = ReadInstanceFile("/nonexistent/instance.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST(InstanceIoTest, GeneratedInstanceRoundTrips) {
  const PlanInstance a = GenerateInstance({.recipes = 60, .seed = 3, .days = 7});
  const std::string text = InstanceToJson(a);
  Result<PlanInstance> b = ParseInstanceJson(text);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(InstanceToJson(*b), text);
  EXPECT_EQ(b->recipes.size(), 60u);
}

TEST(InstanceIoTest, SolutionJsonFollowsSpec) {
  Result<PlanInstance> inst = ParseInstanceJson(testing::ReadFixture("tiny.json"));
  ASSERT_TRUE(inst.ok());
  SolveOutcome out;
  out.status = SolveStatus::kFeasible;
  out.plan = Plan{{{0, 1.0}, {2, 1.0}, {1, 1.0}, {3, 0.5}}};
  out.objective = 999;  // Deliberately wrong: the writer recomputes.
  out.bound = 5.0;
  out.seconds = 0.25;
  const Json j = Json::parse(SolutionToJson(*inst, out));
  const double expected = PlanObjective(*inst, *out.plan);
  EXPECT_EQ(j["status"], "feasible");
  EXPECT_DOUBLE_EQ(j["objective"].get<double>(), expected);
  EXPECT_DOUBLE_EQ(j["bound"].get<double>(), 5.0);
  ASSERT_EQ(j["plan"].size(), 4u);
  EXPECT_EQ(j["plan"][3]["day"], 1);
  EXPECT_EQ(j["plan"][3]["slot"], "dinner");
  EXPECT_EQ(j["plan"][3]["recipe"], "salmon");
  EXPECT_DOUBLE_EQ(j["plan"][3]["servings"].get<double>(), 0.5);
  SolveOutcome none;
  none.status = SolveStatus::kInfeasible;
  const Json k = Json::parse(SolutionToJson(*inst, none));
  EXPECT_EQ(k["status"], "infeasible");
  EXPECT_TRUE(k["bound"].is_null());
  EXPECT_TRUE(k["plan"].empty());
}

}  // namespace
}  // namespace hearth::planner
