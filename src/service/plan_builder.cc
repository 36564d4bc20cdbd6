#include "hearth/service/plan_builder.h"

#include <algorithm>

#include "core/text.h"
#include "hearth/core/exclusions.h"

namespace hearth {

namespace {

// Whether a dislike (a recipe id, or food words such as "anchovies") hits a
// recipe: every word, plural-folded, occurs in its name or one food's name.
bool Dislikes(const std::string& dislike, const Recipe& r, const FoodDb& foods) {
  if (dislike == r.id) return true;
  std::vector<std::string> want = text::StemmedWords(dislike);
  if (want.empty()) return false;
  auto hits = [&](const std::string& name) {
    std::vector<std::string> have = text::StemmedWords(name);
    return std::all_of(want.begin(), want.end(), [&](const std::string& w) {
      return std::find(have.begin(), have.end(), w) != have.end();
    });
  };
  if (hits(r.name)) return true;
  for (const Ingredient& ing : r.ingredients) {
    const Food* f = foods.Find(ing.food);
    if (f && hits(f->name)) return true;
  }
  return false;
}

}  // namespace

Result<BuiltInstance> BuildPlanInstance(const Catalog& catalog, const Profile& profile,
                                        const Targets& targets, const PlanRequestOptions& o) {
  if (o.days < 1 || o.days > 28) return Status::InvalidArgument("days", "must be 1-28");
  if (o.slots.empty()) return Status::InvalidArgument("slots", "needs at least one meal slot");
  for (size_t i = 0; i < o.slots.size(); ++i) {
    if (!MealTypeFromKey(o.slots[i])) {
      return Status::InvalidArgument("slots[" + std::to_string(i) + "]",
                                     "unknown meal slot \"" + o.slots[i] + "\" (breakfast, lunch, dinner, snack)");
    }
  }
  if (!(o.servings_min > 0) || o.servings_max < o.servings_min || o.servings_step < 0) {
    return Status::InvalidArgument("servings", "need 0 < min <= max and step >= 0");
  }
  BuiltInstance out;
  planner::PlanInstance& in = out.instance;
  in.name = "hearth-" + (profile.name.empty() ? std::string("profile") : text::Lower(profile.name)) + "-" +
            std::to_string(o.days) + "d";

  // Nutrients: every registry nutrient that carries a bound.
  std::vector<int> column(kNumNutrients, -1);
  auto use = [&](NutrientId n) {
    if (column[Index(n)] < 0) {
      column[Index(n)] = static_cast<int>(in.nutrients.size());
      in.nutrients.push_back({std::string(Info(n).key), std::string(Info(n).unit)});
    }
    return column[Index(n)];
  };
  use(NutrientId::kEnergyKcal);
  for (const NutrientTarget& t : targets.nutrients) {
    if (t.min || t.max) use(t.nutrient);
  }
  for (const EnergyShareTarget& s : targets.energy_shares) use(s.nutrient);
  in.energy_nutrient = column[Index(NutrientId::kEnergyKcal)];

  planner::PlanSpec& plan = in.plan;
  plan.days = o.days;
  plan.slots = o.slots;
  plan.servings = {o.servings_min, o.servings_max, o.servings_step};
  plan.max_uses_per_week = o.max_uses_per_week;
  plan.max_uses_per_day = o.max_uses_per_day;
  plan.budget_per_week = profile.budget_per_week;
  plan.objective = {profile.weights.cost, profile.weights.co2e_kg, profile.weights.dislike};
  const double penalty = o.hard_bounds ? planner::kInf : profile.weights.deviation;

  for (size_t i = 0; i < catalog.recipes().size(); ++i) {
    const Recipe& r = catalog.recipes()[i];
    const RecipeFacts& f = catalog.facts(i);
    planner::RecipeDef d;
    d.id = r.id;
    d.name = r.name;
    for (size_t s = 0; s < o.slots.size(); ++s) {
      if (r.Fits(*MealTypeFromKey(o.slots[s]))) d.slots.push_back(static_cast<int>(s));
    }
    if (d.slots.empty()) continue;
    d.nutrients.assign(in.nutrients.size(), 0);
    for (const auto& info : AllNutrients()) {
      int c = column[Index(info.id)];
      if (c >= 0) d.nutrients[static_cast<size_t>(c)] = f.per_serving[Index(info.id)];
    }
    d.cost = f.cost_per_serving.value_or(0);
    d.co2e_kg = f.co2e_kg_per_serving;
    for (Allergen a : f.allergens) d.allergens.emplace_back(AllergenKey(a));
    for (Diet di : f.diets) d.tags.emplace_back(DietKey(di));
    d.tags.insert(d.tags.end(), r.tags.begin(), r.tags.end());
    std::optional<std::string> why = ExclusionReason(r, f, targets, catalog.foods());
    double dislike = 0;
    for (const std::string& dl : profile.dislikes) {
      if (!Dislikes(dl, r, catalog.foods())) continue;
      if (profile.dislikes_hard) {
        if (!why) why = "disliked (\"" + dl + "\")";
      } else {
        dislike += 1;
      }
    }
    if (why) {
      plan.exclude_recipes.push_back(r.id);
      out.excluded.emplace_back(r.id, *why);
    }
    plan.dislike.push_back(dislike);
    in.recipes.push_back(std::move(d));
  }
  if (in.recipes.empty()) return Status::FailedPrecondition("no recipe fits the requested meal slots");

  for (const NutrientTarget& t : targets.nutrients) {
    if (!t.min && !t.max) continue;
    planner::NutrientRow row;
    row.nutrient = column[Index(t.nutrient)];
    if (t.min) row.min = t.min->value;
    if (t.max) row.max = t.max->value;
    row.penalty = penalty;
    (t.averaging == Averaging::kDaily ? plan.daily : plan.weekly_average).push_back(row);
  }
  for (const EnergyShareTarget& s : targets.energy_shares) {
    planner::EnergyShareRow row;
    row.nutrient = column[Index(s.nutrient)];
    row.kcal_per_unit = s.kcal_per_unit;
    if (s.min_fraction) row.min = s.min_fraction->value;
    if (s.max_fraction) row.max = s.max_fraction->value;
    row.penalty = penalty;
    plan.energy_share.push_back(row);
  }
  return out;
}

}  // namespace hearth
