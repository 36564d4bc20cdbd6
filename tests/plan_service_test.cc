// The plan service over the real catalogue: plans made for the example
// profiles are checked against totals recomputed here from the recipes'
// ingredients and SR28 values (not from the solver or the report), a swap
// keeps the user's choice and verifies, and API request bodies fail with
// errors that name their JSON field.
#include "hearth/service/plans.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "hearth/core/exclusions.h"
#include "hearth/planner/verify.h"
#include "hearth/service/plan_verify.h"
#include "test_catalog.h"

namespace hearth {
namespace {

using json = nlohmann::json;

const Catalog& Cat() { return TestCatalog(); }

// An example profile as the API receives it: the file's JSON object.
json ProfileJson(const std::string& file) {
  std::ifstream in(std::string(HEARTH_TEST_DATA_DIR) + "/../examples/profiles/" + file);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// Nutrients of `servings` of recipe `id`, from its ingredients and SR28.
NutrientVector FromIngredients(const std::string& id, double servings) {
  const Recipe& r = Cat().recipes().at(static_cast<size_t>(Cat().FindRecipe(id)));
  NutrientVector v{};
  for (const Ingredient& ing : r.ingredients) {
    const Food* f = Cat().foods().Find(ing.food);
    for (int n = 0; n < kNumNutrients; ++n) v[n] += f->per_100g[n] * ing.grams / 100.0 * servings / r.servings;
  }
  return v;
}

void ExpectNear(double want, double got, const std::string& what) {
  EXPECT_NEAR(got, want, 1e-6 * std::max(1.0, std::fabs(want))) << what;
}

// Recomputes every person's day totals from the plan's cells and checks the
// report's coverage against them and the targets: the averages, the bounds
// and the days it says are below or above them; and the hard rules
// (exclusions, slots) for every member.
void ExpectReportHoldsUp(const MadePlan& made) {
  const planner::PlanInstance& in = made.built.instance;
  ASSERT_TRUE(made.outcome.plan.has_value());
  const planner::Plan& plan = *made.outcome.plan;
  const int days = in.plan.days, slots = in.num_slots();
  ASSERT_EQ(static_cast<int>(plan.cells.size()), days * slots);
  const size_t people = made.household.size();
  std::vector<std::vector<NutrientVector>> totals(static_cast<size_t>(days),
                                                  std::vector<NutrientVector>(people, NutrientVector{}));
  for (size_t c = 0; c < plan.cells.size(); ++c) {
    const planner::RecipeDef& def = in.recipes[static_cast<size_t>(plan.cells[c].recipe)];
    if (def.skip) continue;
    const int ri = Cat().FindRecipe(def.id);
    ASSERT_GE(ri, 0) << def.id;
    const Recipe& recipe = Cat().recipes()[static_cast<size_t>(ri)];
    const std::string& slot = in.plan.slots[c % static_cast<size_t>(slots)];
    EXPECT_TRUE(recipe.Fits(*MealTypeFromKey(slot))) << def.id << " in " << slot;
    for (size_t q = 0; q < people; ++q) {
      EXPECT_FALSE(ExclusionReason(recipe, Cat().facts(static_cast<size_t>(ri)), made.household[q].targets,
                                   Cat().foods())
                       .has_value())
          << def.id << " for " << made.household[q].id;
      totals[c / static_cast<size_t>(slots)][q] +=
          FromIngredients(def.id, plan.cells[c].servings * in.share(static_cast<int>(q)));
    }
  }
  ASSERT_EQ(made.report.coverage.size(), people);
  for (size_t q = 0; q < people; ++q) {
    const Targets& t = made.household[q].targets;
    const std::vector<CoverageRow>& rows = made.report.coverage[q].nutrients;
    size_t r = 0;
    for (const NutrientTarget& nt : t.nutrients) {
      if (!nt.min && !nt.max) continue;
      ASSERT_LT(r, rows.size());
      const CoverageRow& row = rows[r++];
      const std::string what = made.household[q].id + " " + std::string(Info(nt.nutrient).key);
      ASSERT_EQ(row.nutrient, nt.nutrient) << what;
      // The report's bounds are the member's targets.
      EXPECT_EQ(row.min.has_value(), nt.min.has_value()) << what;
      EXPECT_EQ(row.max.has_value(), nt.max.has_value()) << what;
      if (nt.min) {
        EXPECT_EQ(*row.min, nt.min->value) << what;
      }
      if (nt.max) {
        EXPECT_EQ(*row.max, nt.max->value) << what;
      }
      const size_t n = static_cast<size_t>(Index(nt.nutrient));
      double sum = 0;
      int surely_below = 0, maybe_below = 0, surely_above = 0, maybe_above = 0;
      for (int d = 0; d < days; ++d) {
        const double v = totals[static_cast<size_t>(d)][q][n];
        ExpectNear(v, made.report.day_totals[static_cast<size_t>(d)][q][n], what + " day " + std::to_string(d + 1));
        sum += v;
        if (nt.min) {
          surely_below += v < nt.min->value * (1 - 1e-3);
          maybe_below += v < nt.min->value * (1 + 1e-3);
        }
        if (nt.max) {
          surely_above += v > nt.max->value * (1 + 1e-3);
          maybe_above += v > nt.max->value * (1 - 1e-3);
        }
      }
      const double avg = sum / days;
      ExpectNear(avg, row.average, what + " average");
      if (nt.averaging == Averaging::kDaily) {
        // Every day outside a bound is counted, and no day inside it.
        EXPECT_GE(row.days_below_min, surely_below) << what;
        EXPECT_LE(row.days_below_min, maybe_below) << what;
        EXPECT_GE(row.days_above_max, surely_above) << what;
        EXPECT_LE(row.days_above_max, maybe_above) << what;
      }
      if (row.status == CoverageStatus::kOk && nt.averaging == Averaging::kDaily) {
        EXPECT_EQ(surely_below + surely_above, 0) << what << " is reported ok but misses a bound";
      }
      if (row.days_below_min > 0 || row.days_above_max > 0) {
        EXPECT_NE(row.status, CoverageStatus::kOk) << what;
      }
    }
    EXPECT_EQ(r, rows.size());
  }
  // The objective the report states is the plan's, recomputed from the model.
  ExpectNear(planner::CheckInstancePlan(in, plan).total(), made.report.objective, "objective");
}

PlanRequest Request(const std::vector<std::string>& files, int days) {
  json body = {{"profiles", json::array()}, {"days", days}, {"seed", 3}, {"time_limit_s", 2}};
  for (const std::string& f : files) body["profiles"].push_back(ProfileJson(f));
  Result<PlanRequest> req = PlanRequestFromJson(body);
  EXPECT_TRUE(req.ok()) << req.status().ToString();
  return req.ok() ? *req : PlanRequest{};
}

TEST(PlanService, MakePlanForAWomanOf30IsWhatItsReportSays) {
  Result<MadePlan> made = MakePlan(Cat(), Request({"ana-30-female.json"}, 2));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->request.household[0].id, "Ana");
  ExpectReportHoldsUp(*made);
  // The document reads back and reloads to the same report.
  Result<PlanDocument> doc = ParsePlanDocument(made->Document().dump());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  Result<MadePlan> loaded = LoadPlan(Cat(), *doc);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->outcome.solver, "saved plan");
  ExpectNear(made->report.objective, loaded->report.objective, "reloaded objective");
  ExpectNear(made->report.cost, loaded->report.cost, "reloaded cost");
  ExpectReportHoldsUp(*loaded);
  // `plan explain --json`, whole and for one meal.
  Result<json> whole = ExplainPlanJson(Cat(), *doc);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  EXPECT_EQ(*whole, ExplanationToJson(loaded->report));
  Result<json> meal = ExplainPlanJson(Cat(), *doc, MealRef{2, "lunch"});
  ASSERT_TRUE(meal.ok()) << meal.status().ToString();
  EXPECT_EQ((*meal)["recipe"], doc->cells[5].recipe) << meal->dump(2);
  Result<json> bad = ExplainPlanJson(Cat(), *doc, MealRef{3, "lunch"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "day 3 is outside 1-2 (the plan has 2 days)");
}

TEST(PlanService, MakePlanForAHouseholdIsWhatItsReportSays) {
  Result<MadePlan> made =
      MakePlan(Cat(), Request({"ben-58-male-hypertension.json", "eli-9-male-vegan.json"}, 2));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  ASSERT_EQ(made->household.size(), 2u);
  ExpectReportHoldsUp(*made);
}

TEST(PlanService, SwapMealFixesTheCellAndTheNewPlanVerifies) {
  Result<MadePlan> made = MakePlan(Cat(), Request({"ana-30-female.json"}, 2));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  Result<PlanDocument> doc = ParsePlanDocument(made->Document().dump());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  // Day 2 lunch (cell 5) becomes its first alternative, one serving.
  Result<MealExplanation> e = ExplainPlanMeal(*made, 2, "lunch");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_FALSE(e->alternatives.empty());
  const std::string pick = e->alternatives.front().recipe_id;
  Result<SwappedPlan> s = SwapMeal(Cat(), *doc, SwapRequest{2, "lunch", pick, 1.0});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const MadePlan& p = s->plan;
  const planner::PlanCell& cell = p.outcome.plan->cells[5];
  EXPECT_EQ(p.built.instance.recipes[static_cast<size_t>(cell.recipe)].id, pick);
  EXPECT_EQ(cell.servings, 1.0);
  ASSERT_EQ(p.request.fixed.size(), 1u);
  EXPECT_EQ(p.request.fixed[0].day, 1);
  EXPECT_EQ(p.request.fixed[0].slot, "lunch");
  EXPECT_EQ(p.request.fixed[0].recipe, pick);
  Result<VerifiedPlan> v = VerifyPlan(Cat(), p.household, p.built, *p.outcome.plan);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(v->ok()) << v->violations.front();
  ExpectReportHoldsUp(p);
  ExpectNear(made->report.objective, s->objective_before, "objective before");
  ExpectNear(p.report.objective, s->objective_after, "objective after");
  ExpectNear(s->objective_after - s->objective_before, s->objective_change, "objective change");
  const json d = s->Document();
  EXPECT_EQ(d["swap"]["day"], 2);
  EXPECT_EQ(d["swap"]["slot"], "lunch");
  EXPECT_EQ(d["swap"]["recipe"], pick);
  EXPECT_EQ(d["plan"]["cells"][5]["recipe"], pick);
  // The new document keeps the choice when loaded again.
  Result<PlanDocument> again = ParsePlanDocument(d.dump());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->request.fixed.size(), 1u);
  EXPECT_EQ(again->cells[5].recipe, pick);
  Result<MadePlan> loaded = LoadPlan(Cat(), *again);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();

  // Wrong swaps name the field; nothing is solved.
  Result<RebuiltPlan> rebuilt = RebuildPlan(Cat(), *doc);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  struct Case {
    SwapRequest swap;
    StatusCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{9, "lunch", pick, std::nullopt}, StatusCode::kInvalidArgument, "day 9 is outside 1-2 (the plan has 2 days)"},
      {{1, "brunch", pick, std::nullopt},
       StatusCode::kInvalidArgument,
       "slot brunch is not a slot of the plan (breakfast, lunch, dinner, snack)"},
      {{1, "lunch", "no-such-recipe", std::nullopt},
       StatusCode::kNotFound,
       "recipe: recipe \"no-such-recipe\" is not in the catalogue"},
      {{1, "lunch", pick, 0.7}, StatusCode::kInvalidArgument, "servings must be one of 0.5, 1, 1.5, 2"},
  };
  for (const Case& c : cases) {
    Result<SwappedPlan> r = SwapMeal(Cat(), *rebuilt, c.swap);
    ASSERT_FALSE(r.ok()) << c.message;
    EXPECT_EQ(r.status().code(), c.code) << c.message;
    EXPECT_EQ(r.status().message(), c.message);
  }
  // The CLI's names for the same fields.
  PlanFieldNames cli{"--day", "--slot", "--recipe", "--servings", "--time-limit", "--max-minutes"};
  EXPECT_EQ(ResolveSwap(Cat(), *rebuilt, cases[0].swap, cli).status().message(),
            "--day 9 is outside 1-2 (the plan has 2 days)");
  EXPECT_EQ(ResolveSwap(Cat(), *rebuilt, cases[3].swap, cli).status().message(),
            "--servings must be one of 0.5, 1, 1.5, 2");
}

TEST(PlanService, FixedCellsOfARequestAreKept) {
  json body = {{"profiles", {ProfileJson("ana-30-female.json")}},
               {"days", 1},
               {"time_limit_s", 2},
               {"optional_slots", {"snack"}},
               {"fixed", {{{"day", 1}, {"slot", "snack"}, {"recipe", "none-snack"}}}}};
  Result<PlanRequest> req = PlanRequestFromJson(body);
  ASSERT_TRUE(req.ok()) << req.status().ToString();
  Result<MadePlan> made = MakePlan(Cat(), *req);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->built.instance.recipes[static_cast<size_t>(made->outcome.plan->cells[3].recipe)].id, "none-snack");
  ExpectReportHoldsUp(*made);
  // A fixed recipe that is not in the catalogue, or not for that slot, is named.
  body["fixed"][0]["recipe"] = "no-such-recipe";
  Result<MadePlan> gone = MakePlan(Cat(), *PlanRequestFromJson(body));
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(gone.status().message(), "fixed[0].recipe: recipe \"no-such-recipe\" is not in the catalogue");
}

TEST(PlanService, RequestBodyFieldsAndIds) {
  json ana = ProfileJson("ana-30-female.json");
  json nameless = ana;
  nameless.erase("name");
  json body = {{"profiles", {ana, ana, nameless}},
               {"days", 3},
               {"seed", 42},
               {"time_limit_s", 120},
               {"max_minutes_per_day", 60},
               {"optional_slots", {"snack", "snack"}}};
  Result<PlanRequest> req = PlanRequestFromJson(body);
  ASSERT_TRUE(req.ok()) << req.status().ToString();
  ASSERT_EQ(req->household.size(), 3u);
  EXPECT_EQ(req->household[0].id, "Ana");
  EXPECT_EQ(req->household[1].id, "Ana 2");
  EXPECT_EQ(req->household[2].id, "person 3");
  EXPECT_EQ(req->days, 3);
  EXPECT_EQ(req->seed, 42u);
  EXPECT_EQ(req->time_limit_s, 30);  // Capped.
  EXPECT_EQ(req->max_minutes_per_day, 60);
  EXPECT_EQ(req->optional_slots, std::vector<std::string>{"snack"});
  EXPECT_EQ(req->threads, 1);
  EXPECT_EQ(PlanRequestFromJson({{"profiles", {ana}}})->days, 7);
}

TEST(PlanService, RequestBodyErrorsNameTheirField) {
  json ana = ProfileJson("ana-30-female.json");
  json bad_weight = ana;
  bad_weight["weight_kg"] = -3;
  json bad_diet = ana;
  bad_diet["diet"] = "carnivore";
  struct Case {
    json body;
    std::string message;  // The whole message, or its start when ending in "…".
  };
  const std::vector<Case> cases = {
      {json::array(), "request body: must be a JSON object"},
      {json::object(), "profiles: is missing"},
      {{{"profiles", json::array()}}, "profiles: must be an array of 1 to 12 profile objects"},
      {{{"profiles", {ana, 7}}}, "profiles[1]: must be a profile object (docs/profile-format.md)"},
      {{{"profiles", {ana, bad_weight}}}, "profiles[1]: weight_kg…"},
      {{{"profiles", {bad_diet}}}, "profiles[0]: diet…"},
      {{{"profiles", {ana}}, {"days", 0}}, "days: must be an integer between 1 and 28"},
      {{{"profiles", {ana}}, {"days", 29}}, "days: must be an integer between 1 and 28"},
      {{{"profiles", {ana}}, {"days", "7"}}, "days: must be an integer between 1 and 28"},
      {{{"profiles", {ana}}, {"days", 2.5}}, "days: must be an integer between 1 and 28"},
      {{{"profiles", {ana}}, {"seed", -1}}, "seed…"},
      {{{"profiles", {ana}}, {"time_limit_s", 0}}, "time_limit_s: must be a number of seconds, at least 0.001"},
      {{{"profiles", {ana}}, {"max_minutes_per_day", 0}}, "max_minutes_per_day: must be a number between 1 and 1440"},
      {{{"profiles", {ana}}, {"optional_slots", "snack"}}, "optional_slots: must be an array of meal slots"},
      {{{"profiles", {ana}}, {"optional_slots", {"snack", "brunch"}}},
       "optional_slots[1]: \"brunch\" is not a meal slot (breakfast, lunch, dinner, snack)"},
      {{{"profiles", {ana}}, {"fixed", {{{"day", 1}, {"slot", "tea"}, {"recipe", "x"}}}}},
       "fixed[0].slot: \"tea\" is not a meal slot (breakfast, lunch, dinner, snack)"},
      {{{"profiles", {ana}}, {"days", 2}, {"fixed", {{{"day", 3}, {"slot", "lunch"}, {"recipe", "x"}}}}},
       "fixed[0].day: must be an integer between 1 and 2"},
      {{{"profiles", {ana}}, {"fixed", {{{"day", 1}, {"slot", "lunch"}}}}}, "fixed[0].recipe: is missing"},
      {{{"profiles", {ana}}, {"fixed", {{{"day", 1}, {"slot", "lunch"}, {"recipe", "x"}, {"serving", 1}}}}},
       "fixed[0].serving: unknown field"},
      {{{"profiles", {ana}},
        {"fixed", {{{"day", 1}, {"slot", "lunch"}, {"recipe", "x"}}, {{"day", 1}, {"slot", "lunch"}, {"recipe", "y"}}}}},
       "fixed[1]: day 1 lunch is fixed twice"},
      {{{"profiles", {ana}}, {"threads", 4}}, "threads: unknown field"},
  };
  for (const Case& c : cases) {
    Result<PlanRequest> r = PlanRequestFromJson(c.body);
    ASSERT_FALSE(r.ok()) << c.body.dump();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.body.dump();
    const std::string ellipsis = "…";
    if (c.message.ends_with(ellipsis)) {
      const std::string start = c.message.substr(0, c.message.size() - ellipsis.size());
      EXPECT_EQ(r.status().message().substr(0, start.size()), start) << r.status().message();
    } else {
      EXPECT_EQ(r.status().message(), c.message);
    }
  }
}

}  // namespace
}  // namespace hearth
