// Planning with the market and the pantry: prices from products in stock,
// pantry food already paid for, and a plan's purchases recomputed
// independently from its recipes' ingredients.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "hearth/planner/solver.h"
#include "hearth/planner/verify.h"
#include "hearth/service/plan_builder.h"
#include "hearth/service/plan_pricing.h"
#include "hearth/service/plan_report.h"
#include "hearth/service/plan_verify.h"
#include "test_catalog.h"

namespace hearth {
namespace {

const Catalog& Cat() { return TestCatalog(); }

Product MakeProduct(const std::string& id, int ndb, double package_g, double price, std::optional<int64_t> stock) {
  Product p;
  p.id = id;
  p.vendor_id = "v";
  p.name = id;
  p.food = FoodId{ndb};
  p.package_g = package_g;
  p.price = price;
  p.stock = stock;
  return p;
}

Date Day(const char* s) { return *ParseDate(s); }

TEST(PlanPricing, CheapestProductInStockPerEdibleKg) {
  // Bananas, raw: SR28 lists a refuse share (the peel).
  const Food* banana = Cat().foods().Find(FoodId{9040});
  ASSERT_NE(banana, nullptr);
  ASSERT_GT(banana->refuse_pct, 10);
  const double edible = 1 - banana->refuse_pct / 100;
  Market m;
  m.products = {MakeProduct("cheap-but-sold-out", 9040, 1000, 0.5, 0), MakeProduct("kilo", 9040, 1000, 3.0, 5),
                MakeProduct("half", 9040, 500, 1.4, std::nullopt)};
  Result<PlanPricing> p = PlanPricingFrom(Cat(), &m, {}, Day("2026-11-26"), 7, "USD");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->prices, "market");
  ASSERT_TRUE(p->foods.at(FoodId{9040}).price_per_kg.has_value());
  EXPECT_NEAR(*p->foods.at(FoodId{9040}).price_per_kg, 1.4 / (0.5 * edible), 1e-9);
  EXPECT_NEAR(*BuyPricePerKg(Cat(), *p, FoodId{9040}), 1.4 / (0.5 * edible), 1e-9);
  // A food the market does not sell falls back to the default price.
  EXPECT_EQ(BuyPricePerKg(Cat(), *p, FoodId{20044}), Cat().costs().Find(FoodId{20044})->price_per_kg);
}

TEST(PlanPricing, ProductInAnotherCurrencyIsNamed) {
  Market m;
  m.products = {MakeProduct("rice-eu", 20044, 1000, 2, std::nullopt)};
  m.products[0].currency = "EUR";
  Result<PlanPricing> p = PlanPricingFrom(Cat(), &m, {}, Day("2026-11-26"), 7, "USD");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "product \"rice-eu\" of vendor \"v\": is priced in EUR, the plan in USD");
}

TEST(PlanPricing, ExpiredLotsDoNotCountAndLotsEndingInThePlanAreExpiring) {
  std::vector<PantryItem> pantry(4);
  pantry[0] = {1, FoodId{20044}, 1000, Day("2026-11-25"), "", ""};  // Expired the day before.
  pantry[1] = {2, FoodId{20044}, 300, Day("2026-11-26"), "", ""};   // Good on day 1 only.
  pantry[2] = {3, FoodId{20044}, 200, Day("2026-12-03"), "", ""};   // The day after a 7-day plan.
  pantry[3] = {4, FoodId{20044}, 50, std::nullopt, "", ""};         // Keeps.
  Result<PlanPricing> p = PlanPricingFrom(Cat(), nullptr, pantry, Day("2026-11-26"), 7, "USD");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->prices, "default");
  EXPECT_DOUBLE_EQ(p->foods.at(FoodId{20044}).pantry_g, 550);
  EXPECT_DOUBLE_EQ(p->foods.at(FoodId{20044}).expiring_g, 300);
}

// The foods most used by the recipes, most used first.
std::vector<FoodId> CommonFoods(size_t n) {
  std::map<FoodId, int> uses;
  for (const Recipe& r : Cat().recipes()) {
    for (const Ingredient& ing : r.ingredients) ++uses[ing.food];
  }
  std::vector<std::pair<int, FoodId>> v;
  for (const auto& [f, k] : uses) {
    if (BuyPricePerKg(Cat(), std::nullopt, f).value_or(0) > 0) v.push_back({-k, f});
  }
  std::sort(v.begin(), v.end());
  std::vector<FoodId> out;
  for (size_t i = 0; i < n && i < v.size(); ++i) out.push_back(v[i].second);
  return out;
}

TEST(PlanWithPantry, RecipeCostLeavesOutPantryFoodAndRowsPriceTheExcess) {
  const Profile ana = ExampleProfile("ana-30-female.json");
  Result<Targets> t = Cat().TargetsFor(ana);
  ASSERT_TRUE(t.ok());
  const FoodId food = CommonFoods(1).front();
  PlanRequestOptions o;
  o.days = 3;
  o.pricing = PlanPricing{};
  o.pricing->prices = "default";
  o.pricing->foods[food] = {std::nullopt, 600, 200};
  Result<BuiltInstance> b = BuildPlanInstance(Cat(), ana, *t, o);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  ASSERT_EQ(b->pantry.size(), 1u);
  const BuiltInstance::PantryFood& pf = b->pantry[0];
  const double price = *BuyPricePerKg(Cat(), std::nullopt, food);
  const planner::PlanSpec& spec = b->instance.plan;
  ASSERT_GE(pf.max_row, 0);
  ASSERT_GE(pf.min_row, 0);
  EXPECT_DOUBLE_EQ(spec.weekly_average[static_cast<size_t>(pf.max_row)].max, 600.0 / 3);
  EXPECT_NEAR(spec.weekly_average[static_cast<size_t>(pf.max_row)].penalty, ana.weights.cost * price / 1000 * 3, 1e-12);
  EXPECT_DOUBLE_EQ(spec.weekly_average[static_cast<size_t>(pf.min_row)].min, 200.0 / 3);
  int checked = 0;
  for (const planner::RecipeDef& d : b->instance.recipes) {
    const int ri = Cat().FindRecipe(d.id);
    if (ri < 0) continue;
    const Recipe& r = Cat().recipes()[static_cast<size_t>(ri)];
    double cost = 0, grams = 0;
    for (const Ingredient& ing : r.ingredients) {
      if (ing.food == food) {
        grams += ing.grams / r.servings;
      } else if (auto p = BuyPricePerKg(Cat(), std::nullopt, ing.food)) {
        cost += *p * ing.grams / r.servings / 1000;
      }
    }
    EXPECT_NEAR(d.cost, cost, 1e-9) << d.id;
    EXPECT_NEAR(d.nutrients[static_cast<size_t>(pf.column)], grams, 1e-9) << d.id;
    checked += grams > 0;
  }
  EXPECT_GT(checked, 3);
}

TEST(PlanWithPantry, SolvedPlanUsesThePantryAndPaysOnlyForTheRest) {
  const Profile ana = ExampleProfile("ana-30-female.json");
  Result<Targets> t = Cat().TargetsFor(ana);
  ASSERT_TRUE(t.ok());
  std::vector<PlanMember> household = {{"Ana", ana, *t}};
  PlanRequestOptions o;
  o.days = 3;
  o.pricing = PlanPricing{};
  o.pricing->prices = "default";
  const std::vector<FoodId> foods = CommonFoods(8);
  for (size_t i = 0; i < foods.size(); ++i) o.pricing->foods[foods[i]] = {std::nullopt, 150, i % 2 ? 150.0 : 0.0};
  Result<BuiltInstance> b = BuildPlanInstance(Cat(), household, o);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  planner::SolveOptions so;
  so.time_limit_s = 20;
  so.work_limit = 200000;
  so.seed = 3;
  Result<planner::SolveOutcome> out = planner::MakeDecompositionSolver()->Solve(b->instance, so);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE(out->plan.has_value());
  Result<VerifiedPlan> v = VerifyPlan(Cat(), household, *b, *out->plan);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(v->ok());

  // Independently: every food the plan uses, from the recipes' ingredients.
  std::map<FoodId, double> used;
  for (const planner::PlanCell& cell : out->plan->cells) {
    const Recipe& r = Cat().recipes()[static_cast<size_t>(Cat().FindRecipe(b->instance.recipes[static_cast<size_t>(cell.recipe)].id))];
    for (const Ingredient& ing : r.ingredients) used[ing.food] += ing.grams / r.servings * cell.servings;
  }
  double cost = 0;
  bool any_from_pantry = false;
  for (const auto& [food, g] : used) {
    const double price = BuyPricePerKg(Cat(), std::nullopt, food).value_or(0);
    auto it = o.pricing->foods.find(food);
    const double have = it == o.pricing->foods.end() ? 0 : it->second.pantry_g;
    any_from_pantry |= have > 0 && g > 0;
    cost += std::max(0.0, g - have) * price / 1000;
  }
  EXPECT_TRUE(any_from_pantry);
  EXPECT_NEAR(v->cost, cost, 1e-6 * std::max(1.0, cost));
  ASSERT_EQ(v->pantry.size(), b->pantry.size());
  for (const VerifiedPlan::PantryUse& u : v->pantry) {
    EXPECT_NEAR(u.used_g, used[u.food], 1e-6);
    EXPECT_NEAR(u.from_pantry_g + u.left_g, 150, 1e-6);
    EXPECT_NEAR(u.bought_g, std::max(0.0, used[u.food] - 150), 1e-6);
  }

  // The report's terms add up to what the solver minimised, with pantry rows
  // counted as cost and unused expiring food, not as deviation.
  Result<PlanReport> report = BuildPlanReport(Cat(), household, *b, *out, *v);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const planner::PlanCheck check = planner::CheckInstancePlan(b->instance, *out->plan);
  EXPECT_NEAR(report->objective, check.total(), 1e-6 * std::max(1.0, check.total()));
  EXPECT_NEAR(report->cost, cost, 1e-6 * std::max(1.0, cost));
  EXPECT_EQ(report->pantry.size(), b->pantry.size());
  double expiring = 0;
  for (const PantryLine& l : report->pantry) expiring += 0.5 * l.expiring_left_g / 1000 * l.price_per_kg;
  const auto term = std::find_if(report->terms.begin(), report->terms.end(),
                                 [](const ObjectiveTerm& term_) { return term_.term == "expiring_pantry"; });
  ASSERT_NE(term, report->terms.end());
  EXPECT_NEAR(term->amount, expiring, 1e-9);
}

}  // namespace
}  // namespace hearth
