// The plan report checked against numbers recomputed here from the recipe
// facts and the targets: totals, percentages, shortfalls (none hidden),
// household servings, determinism, alternatives and the plan document.
#include "hearth/service/plan_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "hearth/json/plan_json.h"
#include "hearth/json/profile_json.h"
#include "hearth/planner/solver.h"
#include "hearth/planner/verify.h"
#include "test_catalog.h"

namespace hearth {
namespace {

const Catalog& Cat() { return TestCatalog(); }

Profile Example(const std::string& file) { return ExampleProfile(file); }

PlanRequest Request(const std::vector<std::string>& files, int days) {
  PlanRequest req;
  for (const std::string& f : files) {
    Profile p = Example(f);
    req.household.push_back({p.name, p});
  }
  req.days = days;
  req.time_limit_s = 2;
  req.seed = 3;
  return req;
}

struct Planned {
  std::vector<PlanMember> household;
  BuiltInstance built;
  planner::SolveOutcome outcome;
  VerifiedPlan verified;
  PlanReport report;
};

Planned Plan(const PlanRequest& req, long work_limit = 0) {
  Planned out;
  Result<std::vector<PlanMember>> h = HouseholdOf(Cat(), req);
  EXPECT_TRUE(h.ok()) << h.status().ToString();
  out.household = *h;
  Result<BuiltInstance> b = BuildPlanInstance(Cat(), out.household, req.Options());
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  out.built = *b;
  planner::SolveOptions so;
  so.time_limit_s = req.time_limit_s;
  so.seed = req.seed;
  so.work_limit = work_limit;
  Result<planner::SolveOutcome> s = planner::MakeDecompositionSolver()->Solve(out.built.instance, so);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  out.outcome = *s;
  EXPECT_TRUE(out.outcome.plan.has_value());
  Result<VerifiedPlan> v = VerifyPlan(Cat(), out.household, out.built, *out.outcome.plan);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  out.verified = *v;
  EXPECT_TRUE(out.verified.ok()) << out.verified.violations.front();
  Result<PlanReport> r = BuildPlanReport(Cat(), out.household, out.built, out.outcome, out.verified);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  out.report = *r;
  return out;
}

// Day totals per person recomputed from the catalogue's recipe facts.
std::vector<std::vector<NutrientVector>> Recompute(const Planned& p) {
  const planner::PlanInstance& in = p.built.instance;
  std::vector<std::vector<NutrientVector>> days(static_cast<size_t>(in.plan.days),
                                                std::vector<NutrientVector>(p.household.size(), NutrientVector{}));
  for (size_t c = 0; c < p.outcome.plan->cells.size(); ++c) {
    const planner::PlanCell& cell = p.outcome.plan->cells[c];
    const int ri = Cat().FindRecipe(in.recipes[static_cast<size_t>(cell.recipe)].id);
    const NutrientVector& per = Cat().facts(static_cast<size_t>(ri)).per_serving;
    for (size_t q = 0; q < p.household.size(); ++q) {
      days[c / static_cast<size_t>(in.num_slots())][q] += Scaled(per, cell.servings * in.share(static_cast<int>(q)));
    }
  }
  return days;
}

void ExpectNear(double want, double got, const std::string& what) {
  EXPECT_NEAR(got, want, 1e-6 * std::max(1.0, std::fabs(want))) << what;
}

TEST(PlanReport, TotalsAndPercentagesMatchRecipeFacts) {
  Planned p = Plan(Request({"ana-30-female.json"}, 3));
  const PlanReport& r = p.report;
  auto days = Recompute(p);
  ASSERT_EQ(r.day_totals.size(), 3u);
  double cost = 0;
  for (const ReportMeal& m : r.meals) {
    const int ri = Cat().FindRecipe(m.recipe_id);
    ASSERT_GE(ri, 0);
    const double want = m.servings * Cat().facts(static_cast<size_t>(ri)).cost_per_serving.value_or(0);
    ExpectNear(want, m.cost, "meal cost " + m.recipe_id);
    cost += want;
  }
  ExpectNear(cost, r.cost, "plan cost");
  ASSERT_EQ(r.coverage.size(), 1u);
  for (const CoverageRow& row : r.coverage[0].nutrients) {
    const size_t n = static_cast<size_t>(Index(row.nutrient));
    double sum = 0;
    for (size_t d = 0; d < days.size(); ++d) {
      ExpectNear(days[d][0][n], r.day_totals[d][0][n], "day total " + std::string(Info(row.nutrient).key));
      sum += days[d][0][n];
    }
    const double avg = sum / 3;
    ExpectNear(avg, row.average, "average " + std::string(Info(row.nutrient).key));
    // Energy against the requirement, the others against their minimum.
    const double ref = row.nutrient == NutrientId::kEnergyKcal ? p.household[0].targets.energy_kcal
                       : row.min                             ? *row.min
                                                             : *row.max;
    ExpectNear(avg / ref * 100, row.percent, "percent " + std::string(Info(row.nutrient).key));
  }
  // The objective's terms add up to what the solver minimised.
  double sum = 0;
  for (const ObjectiveTerm& t : r.terms) {
    ExpectNear(t.weight * t.amount, t.value, "term " + t.term);
    sum += t.value;
  }
  ExpectNear(p.outcome.objective, sum, "objective");
  ExpectNear(r.objective, sum, "report objective");
  ASSERT_TRUE(r.bound.has_value());
  EXPECT_LE(*r.bound, r.objective + 1e-6);
  // Each "why" share is the meal's part of that day's total.
  for (const ReportMeal& m : r.meals) {
    EXPECT_LE(m.why.size(), 3u);
    for (const Contribution& c : m.why) {
      const double total = days[static_cast<size_t>(m.day)][0][static_cast<size_t>(Index(c.nutrient))];
      ExpectNear(c.amount / total * 100, c.percent_of_day, "why " + m.recipe_id);
      EXPECT_NE(std::find(r.tight.begin(), r.tight.end(), c.nutrient), r.tight.end());
    }
  }
}

// Every target the plan misses is a shortfall with a reason: recompute each
// day's totals against each person's bounds, independently of the report.
void ExpectNoHiddenShortfall(const Planned& p) {
  auto days = Recompute(p);
  const double tol = 1e-5;
  for (size_t q = 0; q < p.household.size(); ++q) {
    for (const NutrientTarget& t : p.household[q].targets.nutrients) {
      const size_t n = static_cast<size_t>(Index(t.nutrient));
      double sum = 0;
      std::set<int> below, above;
      for (size_t d = 0; d < days.size(); ++d) {
        const double v = days[d][q][n];
        sum += v;
        if (t.averaging != Averaging::kDaily) continue;
        if (t.min && v < t.min->value * (1 - tol)) below.insert(static_cast<int>(d));
        if (t.max && v > t.max->value * (1 + tol)) above.insert(static_cast<int>(d));
      }
      const double avg = sum / static_cast<double>(days.size());
      const bool weekly_low = t.averaging == Averaging::kWeekly && t.min && avg < t.min->value * (1 - tol);
      const bool weekly_high = t.averaging == Averaging::kWeekly && t.max && avg > t.max->value * (1 + tol);
      auto find = [&](bool below_min) -> const Shortfall* {
        for (const Shortfall& s : p.report.shortfalls) {
          if (s.person == static_cast<int>(q) && s.nutrient == t.nutrient && s.below_min == below_min) return &s;
        }
        return nullptr;
      };
      const std::string what = p.household[q].id + " " + std::string(Info(t.nutrient).key);
      if (!below.empty() || weekly_low) {
        const Shortfall* s = find(true);
        ASSERT_NE(s, nullptr) << what << " is below its minimum but not reported";
        EXPECT_FALSE(s->reason.empty()) << what;
        for (int d : below) EXPECT_NE(std::find(s->days.begin(), s->days.end(), d), s->days.end()) << what;
        if (s->reachable_percent && *s->reachable_percent < 99) {
          EXPECT_NE(s->reason.find("reachable with the recipes"), std::string::npos) << s->reason;
        }
      }
      if (!above.empty() || weekly_high) {
        const Shortfall* s = find(false);
        ASSERT_NE(s, nullptr) << what << " is above its maximum but not reported";
        EXPECT_FALSE(s->reason.empty()) << what;
      }
    }
  }
}

TEST(PlanReport, PregnantVegetarianShortfallsAreAllListedWithReasons) {
  Planned p = Plan(Request({"chen-26-pregnant-vegetarian.json"}, 3));
  ExpectNoHiddenShortfall(p);
  // Gap-closing foods respect her restrictions (vegetarian, no sesame).
  const Targets& t = p.household[0].targets;
  for (NutrientId n : {NutrientId::kIron, NutrientId::kVitaminD, NutrientId::kCholine}) {
    std::vector<Shortfall::Food> foods = FoodsRichIn(Cat(), p.household, n, 3);
    ASSERT_FALSE(foods.empty()) << Info(n).key;
    for (const Shortfall::Food& f : foods) {
      const Food* food = Cat().foods().Find(*ParseFoodId(f.id));
      ASSERT_NE(food, nullptr);
      EXPECT_FALSE(food->traits.allergens & t.excluded_allergens) << f.name;
      for (Diet d : t.required_diets) EXPECT_TRUE(FitsDiet(food->traits, d)) << f.name;
      EXPECT_TRUE(food->manufacturer.empty()) << f.name;
    }
  }
}

TEST(PlanReport, HouseholdTotalsAndServingsPerPerson) {
  Planned p = Plan(Request({"ana-30-female.json", "eli-9-male-vegan.json"}, 2));
  const PlanReport& r = p.report;
  ASSERT_EQ(r.people.size(), 2u);
  ASSERT_EQ(r.coverage.size(), 2u);
  const double eli_share = p.built.instance.share(1);
  EXPECT_EQ(r.people[1].share, eli_share);
  for (const ReportMeal& m : r.meals) {
    ASSERT_EQ(m.servings_per_person.size(), 2u);
    EXPECT_DOUBLE_EQ(m.servings_per_person[0], m.servings);
    EXPECT_DOUBLE_EQ(m.servings_per_person[1], eli_share * m.servings);
  }
  auto days = Recompute(p);
  for (size_t d = 0; d < days.size(); ++d) {
    for (size_t q = 0; q < 2; ++q) {
      for (NutrientId n : {NutrientId::kEnergyKcal, NutrientId::kCalcium, NutrientId::kIron, NutrientId::kVitaminD}) {
        ExpectNear(days[d][q][static_cast<size_t>(Index(n))], r.day_totals[d][q][static_cast<size_t>(Index(n))],
                   "household total");
      }
    }
  }
  ExpectNoHiddenShortfall(p);
}

// The report and its JSON are functions of the plan: the same outcome gives
// byte-identical documents, and so does the same seed when the solver runs
// to completion (a one-slot day).
TEST(PlanReport, SameSeedGivesIdenticalJson) {
  // Two full days, every slot: the gap does not close, so the run ends at
  // its work budget (long before the generous time limit), and the same
  // seed must give the same plan.
  PlanRequest req = Request({"ana-30-female.json"}, 2);
  req.time_limit_s = 300;
  Planned a = Plan(req, 1'000'000);
  Planned b = Plan(req, 1'000'000);
  ASSERT_TRUE(a.outcome.plan && b.outcome.plan);
  for (size_t c = 0; c < a.outcome.plan->cells.size(); ++c) {
    EXPECT_EQ(a.outcome.plan->cells[c].recipe, b.outcome.plan->cells[c].recipe) << "cell " << c;
    EXPECT_EQ(a.outcome.plan->cells[c].servings, b.outcome.plan->cells[c].servings) << "cell " << c;
  }
  EXPECT_EQ(PlanDocumentToJson(req, a.report).dump(), PlanDocumentToJson(req, b.report).dump());
  Result<PlanReport> again = BuildPlanReport(Cat(), a.household, a.built, a.outcome, a.verified);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(PlanDocumentToJson(req, a.report).dump(), PlanDocumentToJson(req, *again).dump());
}

TEST(PlanReport, AlternativesObjectiveChangesMatchReevaluation) {
  Planned p = Plan(Request({"ana-30-female.json"}, 2));
  const planner::Plan& plan = *p.outcome.plan;
  const double before = planner::CheckInstancePlan(p.built.instance, plan).total();
  for (int cell : {0, 2, 5}) {
    MealExplanation e = ExplainMeal(p.report, p.built, plan, cell, 5);
    EXPECT_EQ(e.meal.cell, cell);
    ASSERT_FALSE(e.alternatives.empty());
    EXPECT_LE(e.alternatives.size(), 5u);
    for (const MealAlternative& a : e.alternatives) {
      EXPECT_NE(a.recipe_id, e.meal.recipe_id);
      planner::Plan swapped = plan;
      int index = -1;
      for (size_t r = 0; r < p.built.instance.recipes.size(); ++r) {
        if (p.built.instance.recipes[r].id == a.recipe_id) index = static_cast<int>(r);
      }
      ASSERT_GE(index, 0);
      swapped.cells[static_cast<size_t>(cell)] = {index, a.servings};
      planner::PlanCheck check = planner::CheckInstancePlan(p.built.instance, swapped);
      EXPECT_TRUE(check.ok()) << a.recipe_id;
      EXPECT_NEAR(check.total() - before, a.objective_change, 1e-6 * std::max(1.0, std::fabs(before)))
          << a.recipe_id;
    }
  }
}

TEST(PlanDocument, RoundTripRebuildsTheSamePlan) {
  PlanRequest req = Request({"ana-30-female.json", "eli-9-male-vegan.json"}, 2);
  req.max_minutes_per_day = 90;
  Planned p = Plan(req);
  const std::string text = PlanDocumentToJson(req, p.report).dump(2);
  Result<PlanDocument> doc = ParsePlanDocument(text);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->request.days, 2);
  EXPECT_EQ(doc->request.seed, req.seed);
  EXPECT_EQ(doc->request.max_minutes_per_day, 90);
  ASSERT_EQ(doc->request.household.size(), 2u);
  EXPECT_EQ(doc->request.household[1].id, "Eli");
  Result<SavedPlan> saved = RebuildSavedPlan(Cat(), *doc);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  ASSERT_EQ(saved->plan.cells.size(), p.outcome.plan->cells.size());
  for (size_t c = 0; c < saved->plan.cells.size(); ++c) {
    EXPECT_EQ(saved->built.instance.recipes[static_cast<size_t>(saved->plan.cells[c].recipe)].id,
              p.built.instance.recipes[static_cast<size_t>(p.outcome.plan->cells[c].recipe)].id);
    EXPECT_EQ(saved->plan.cells[c].servings, p.outcome.plan->cells[c].servings);
  }
  EXPECT_NEAR(planner::CheckInstancePlan(saved->built.instance, saved->plan).total(), p.outcome.objective, 1e-6);

  // A recipe that no longer exists, and broken documents, name the JSON path.
  nlohmann::json j = nlohmann::json::parse(text);
  j["plan"]["cells"][3]["recipe"] = "no-such-recipe";
  Result<PlanDocument> gone = ParsePlanDocument(j.dump());
  ASSERT_TRUE(gone.ok());
  Result<SavedPlan> fail = RebuildSavedPlan(Cat(), *gone);
  ASSERT_FALSE(fail.ok());
  EXPECT_EQ(fail.status().message(), "plan.cells[3].recipe: recipe \"no-such-recipe\" is not in the catalogue");
  j["plan"]["cells"][3]["recipe"] = 7;
  EXPECT_EQ(ParsePlanDocument(j.dump()).status().message(), "plan.cells[3].recipe: must be a string");
  j["plan"]["cells"].erase(0);
  EXPECT_EQ(ParsePlanDocument(j.dump()).status().message(),
            "plan.cells: has 7 cells, expected 8 (2 days × 4 slots)");
  j["request"]["options"]["days"] = 40;
  EXPECT_EQ(ParsePlanDocument(j.dump()).status().message(), "request.options.days: 40 is outside 1-28");
  EXPECT_EQ(ParsePlanDocument("{").status().message(), "plan document: not valid JSON");
}

TEST(PlanReport, FormatServings) {
  EXPECT_EQ(FormatServings(1.5), "1½");
  EXPECT_EQ(FormatServings(0.75), "¾");
  EXPECT_EQ(FormatServings(2), "2");
  EXPECT_EQ(FormatServings(1.25), "1¼");
}

}  // namespace
}  // namespace hearth
