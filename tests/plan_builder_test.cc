// Plans built from hearth's own data and solved by the planner, checked
// independently: every total is recomputed from the recipes' ingredients and
// SR28 values (not from solver output or recipe facts) against the targets.
#include <gtest/gtest.h>

#include "test_catalog.h"

#include <cmath>

#include "hearth/json/profile_json.h"
#include "hearth/planner/instance_io.h"
#include "hearth/planner/solver.h"
#include "hearth/core/exclusions.h"
#include "hearth/service/plan_builder.h"

namespace hearth {
namespace {

const Catalog& Cat() { return TestCatalog(); }

Profile Example(const std::string& file) { return ExampleProfile(file); }

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

bool Within(double value, const std::optional<Bound>& lo, const std::optional<Bound>& hi) {
  const double tol = 1e-6;
  if (lo && value < lo->value * (1 - tol) - tol) return false;
  if (hi && value > hi->value * (1 + tol) + tol) return false;
  return true;
}

void PlanAndCheck(const std::string& profile_file, const Profile& p) {
  Result<Targets> t = Cat().TargetsFor(p);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  PlanRequestOptions opts;
  opts.hard_bounds = true;  // The instance format has only hard rows.
  Result<BuiltInstance> b = BuildPlanInstance(Cat(), p, *t, opts);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  // The model is a valid plan instance: it survives the format's own reader.
  Result<planner::PlanInstance> in = planner::ParseInstanceJson(planner::InstanceToJson(b->instance));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  planner::SolveOptions so;
  so.time_limit_s = 30;
  so.seed = 7;
  Result<planner::SolveOutcome> out = planner::MakeDecompositionSolver()->Solve(*in, so);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE(out->plan.has_value()) << profile_file << ": no plan, status "
                                     << planner::SolveStatusName(out->status);
  const int days = in->plan.days, slots = in->num_slots();
  ASSERT_EQ(static_cast<int>(out->plan->cells.size()), days * slots);

  std::vector<NutrientVector> day_totals(static_cast<size_t>(days), NutrientVector{});
  NutrientVector week{};
  for (int d = 0; d < days; ++d) {
    for (int s = 0; s < slots; ++s) {
      const planner::PlanCell& cell = out->plan->cells[static_cast<size_t>(d * slots + s)];
      const std::string& id = in->recipes[static_cast<size_t>(cell.recipe)].id;
      size_t ri = static_cast<size_t>(Cat().FindRecipe(id));
      // Never a recipe the profile excludes (allergens, diet, conditions).
      EXPECT_FALSE(ExclusionReason(Cat().recipes()[ri], Cat().facts(ri), *t, Cat().foods()).has_value()) << id;
      EXPECT_TRUE(Cat().recipes()[ri].Fits(*MealTypeFromKey(in->plan.slots[static_cast<size_t>(s)]))) << id;
      NutrientVector v = FromIngredients(id, cell.servings);
      day_totals[static_cast<size_t>(d)] += v;
      week += v;
    }
  }
  for (const NutrientTarget& nt : t->nutrients) {
    if (nt.averaging == Averaging::kDaily) {
      for (int d = 0; d < days; ++d) {
        EXPECT_TRUE(Within(day_totals[static_cast<size_t>(d)][Index(nt.nutrient)], nt.min, nt.max))
            << profile_file << " day " << d << " " << Info(nt.nutrient).key << " = "
            << day_totals[static_cast<size_t>(d)][Index(nt.nutrient)];
      }
    } else {
      EXPECT_TRUE(Within(week[Index(nt.nutrient)] / days, nt.min, nt.max))
          << profile_file << " weekly " << Info(nt.nutrient).key;
    }
  }
  for (const EnergyShareTarget& s : t->energy_shares) {
    for (int d = 0; d < days; ++d) {
      const NutrientVector& v = day_totals[static_cast<size_t>(d)];
      double share = s.kcal_per_unit * v[Index(s.nutrient)] / v[Index(NutrientId::kEnergyKcal)];
      EXPECT_TRUE(Within(share, s.min_fraction, s.max_fraction))
          << profile_file << " day " << d << " share of " << Info(s.nutrient).key << " = " << share;
    }
  }
}

TEST(PlanFromProfile, WomanOf30MeetsEveryTarget) {
  PlanAndCheck("ana-30-female.json", Example("ana-30-female.json"));
}

TEST(PlanBuilder, ExclusionsAreExplained) {
  Profile p = Example("chen-26-pregnant-vegetarian.json");
  Result<Targets> t = Cat().TargetsFor(p);
  ASSERT_TRUE(t.ok());
  Result<BuiltInstance> b = BuildPlanInstance(Cat(), p, *t, PlanRequestOptions{});
  ASSERT_TRUE(b.ok());
  ASSERT_FALSE(b->excluded.empty());
  EXPECT_EQ(b->excluded.size(), b->instance.plan.exclude_recipes.size());
  for (const auto& [id, why] : b->excluded) {
    EXPECT_FALSE(why.empty()) << id;
    size_t ri = static_cast<size_t>(Cat().FindRecipe(id));
    EXPECT_FALSE(FitsDiet(Cat().facts(ri).traits, Diet::kVegetarian) &&
                 !Cat().facts(ri).traits.Has(Allergen::kSesame) && why.rfind("pregnancy", 0) != 0 &&
                 why.find("excluded") == std::string::npos && why.find(":") == std::string::npos)
        << id << ": " << why;
  }
  PlanRequestOptions bad;
  bad.days = 0;
  EXPECT_EQ(BuildPlanInstance(Cat(), p, *t, bad).status().message(), "days: must be 1-28");
  bad = PlanRequestOptions{};
  bad.slots = {"brunch"};
  EXPECT_EQ(BuildPlanInstance(Cat(), p, *t, bad).status().message(),
            "slots[0]: unknown meal slot \"brunch\" (breakfast, lunch, dinner, snack)");
  bad = PlanRequestOptions{};
  bad.optional_slots = {"brunch"};
  EXPECT_EQ(BuildPlanInstance(Cat(), p, *t, bad).status().message(),
            "optional_slots[0]: \"brunch\" is not one of the plan's meal slots");
}

// A household's budget is the members' weekly budgets together, scaled to
// the plan's days; one member without a budget means no budget.
TEST(PlanBuilder, HouseholdBudgetIsTheMembersSum) {
  Profile ben = Example("ben-58-male-hypertension.json");  // 60 a week.
  Profile ana = Example("ana-30-female.json");
  ana.budget_per_week = 45;
  PlanRequestOptions opts;
  opts.days = 14;
  Result<BuiltInstance> b = BuildPlanInstance(
      Cat(), std::vector<PlanMember>{{"Ben", ben, *Cat().TargetsFor(ben)}, {"Ana", ana, *Cat().TargetsFor(ana)}}, opts);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  ASSERT_TRUE(b->instance.plan.budget_per_week.has_value());
  EXPECT_DOUBLE_EQ(*b->instance.plan.budget_per_week, (60.0 + 45.0) * 2);
  ana.budget_per_week.reset();
  b = BuildPlanInstance(
      Cat(), std::vector<PlanMember>{{"Ben", ben, *Cat().TargetsFor(ben)}, {"Ana", ana, *Cat().TargetsFor(ana)}}, opts);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_FALSE(b->instance.plan.budget_per_week.has_value());
}

// An optional slot gets one "no meal" recipe: only that slot, nothing in it.
TEST(PlanBuilder, OptionalSlotGetsANoMealRecipe) {
  const Profile ana = Example("ana-30-female.json");
  PlanRequestOptions opts;
  opts.optional_slots = {"snack"};
  Result<BuiltInstance> b = BuildPlanInstance(Cat(), ana, *Cat().TargetsFor(ana), opts);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  int found = 0;
  for (const planner::RecipeDef& r : b->instance.recipes) {
    if (!r.skip) continue;
    ++found;
    EXPECT_EQ(r.id, "none-snack");
    EXPECT_EQ(r.slots, std::vector<int>{3});
    EXPECT_EQ(r.cost, 0);
    for (double n : r.nutrients) EXPECT_EQ(n, 0);
  }
  EXPECT_EQ(found, 1);
  EXPECT_EQ(b->instance.plan.dislike.size(), b->instance.recipes.size());
}

}  // namespace
}  // namespace hearth
