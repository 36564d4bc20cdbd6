#include "hearth/service/plan_builder.h"

#include <algorithm>
#include <cmath>
#include <map>

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

std::optional<double> BuyPricePerKg(const Catalog& catalog, const std::optional<PlanPricing>& pricing, FoodId food) {
  if (pricing) {
    auto it = pricing->foods.find(food);
    if (it != pricing->foods.end() && it->second.price_per_kg) return it->second.price_per_kg;
  }
  const FoodCost* fc = catalog.costs().Find(food);
  if (fc && fc->price_per_kg) return fc->price_per_kg;
  return std::nullopt;
}

Result<BuiltInstance> BuildPlanInstance(const Catalog& catalog, const Profile& profile, const Targets& targets,
                                        const PlanRequestOptions& o) {
  return BuildPlanInstance(catalog, std::vector<PlanMember>{{profile.name, profile, targets}}, o);
}

double HouseholdShare(const Targets& first, const Targets& member) {
  if (!(first.energy_kcal > 0) || !(member.energy_kcal > 0)) return 1.0;
  return std::clamp(std::round(member.energy_kcal / first.energy_kcal * 4.0) / 4.0, 0.25, 3.0);
}

Result<BuiltInstance> BuildPlanInstance(const Catalog& catalog, const std::vector<PlanMember>& household,
                                        const PlanRequestOptions& o) {
  if (household.empty()) return Status::InvalidArgument("household", "needs at least one person");
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
  if (o.max_minutes_per_day && !(*o.max_minutes_per_day > 0)) {
    return Status::InvalidArgument("max_minutes_per_day", "must be a positive number of minutes");
  }
  const Profile& lead = household.front().profile;
  BuiltInstance out;
  planner::PlanInstance& in = out.instance;
  std::string name = household.front().id.empty() ? std::string("profile") : text::Lower(household.front().id);
  if (household.size() > 1) name += "-household-" + std::to_string(household.size());
  in.name = "hearth-" + name + "-" + std::to_string(o.days) + "d";
  if (household.size() > 1) {
    for (size_t p = 0; p < household.size(); ++p) {
      const PlanMember& m = household[p];
      in.people.push_back({m.id.empty() ? "person " + std::to_string(p + 1) : m.id,
                           p == 0 ? 1.0 : HouseholdShare(household.front().targets, m.targets)});
    }
  }

  // Nutrients: every registry nutrient that carries a bound for someone.
  std::vector<int> column(kNumNutrients, -1);
  auto use = [&](NutrientId n) {
    if (column[Index(n)] < 0) {
      column[Index(n)] = static_cast<int>(in.nutrients.size());
      in.nutrients.push_back({std::string(Info(n).key), std::string(Info(n).unit)});
    }
    return column[Index(n)];
  };
  use(NutrientId::kEnergyKcal);
  for (const PlanMember& m : household) {
    for (const NutrientTarget& t : m.targets.nutrients) {
      if (t.min || t.max) use(t.nutrient);
    }
    for (const EnergyShareTarget& s : m.targets.energy_shares) use(s.nutrient);
    for (const MealSpreadRule& r : m.targets.meal_spread) use(r.nutrient);
  }
  in.energy_nutrient = column[Index(NutrientId::kEnergyKcal)];

  // Pantry foods: one column each (the household's grams per serving).
  out.pricing = o.pricing;
  std::map<FoodId, int> pantry_column;
  if (o.pricing) {
    if (!(o.pricing->expiry_bonus >= 0)) return Status::InvalidArgument("pricing.expiry_bonus", "must be >= 0");
    for (const auto& [food, supply] : o.pricing->foods) {
      if (supply.price_per_kg && !(*supply.price_per_kg >= 0)) {
        return Status::InvalidArgument("pricing.foods." + FormatFoodId(food), "price must be >= 0");
      }
      if (!(supply.pantry_g >= 0) || !(supply.expiring_g >= 0) || supply.expiring_g > supply.pantry_g) {
        return Status::InvalidArgument("pricing.foods." + FormatFoodId(food),
                                       "needs 0 <= expiring grams <= pantry grams");
      }
      if (supply.pantry_g <= 0) continue;
      pantry_column[food] = static_cast<int>(in.nutrients.size());
      in.nutrients.push_back({std::string(kPantryColumnPrefix) + FormatFoodId(food), "g"});
    }
  }

  planner::PlanSpec& plan = in.plan;
  plan.days = o.days;
  plan.slots = o.slots;
  plan.servings = {o.servings_min, o.servings_max, o.servings_step};
  plan.max_uses_per_week = o.max_uses_per_week;
  plan.max_uses_per_day = o.max_uses_per_day;
  // The model's budget covers the whole period and the whole household: the
  // sum of the members' weekly budgets (none if a member has none).
  std::optional<double> weekly_budget = 0.0;
  for (const PlanMember& m : household) {
    if (!m.profile.budget_per_week) weekly_budget.reset();
    if (!weekly_budget) break;
    *weekly_budget += *m.profile.budget_per_week;
  }
  if (weekly_budget) plan.budget_per_week = *weekly_budget * o.days / 7.0;
  plan.max_minutes_per_day = o.max_minutes_per_day;
  plan.objective = {lead.weights.cost, lead.weights.co2e_kg, lead.weights.dislike, lead.weights.time_min};

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
    if (o.pricing) {
      // Pantry food is already paid for; the rest at the market's price.
      d.cost = 0;
      const double per = r.servings > 0 ? 1.0 / r.servings : 1.0;
      for (const Ingredient& ing : r.ingredients) {
        auto pc = pantry_column.find(ing.food);
        if (pc != pantry_column.end()) {
          d.nutrients[static_cast<size_t>(pc->second)] += ing.grams * per * in.total_share();
          continue;
        }
        if (std::optional<double> price = BuyPricePerKg(catalog, o.pricing, ing.food)) {
          d.cost += *price * ing.grams * per / 1000.0;
        }
      }
    }
    d.co2e_kg = f.co2e_kg_per_serving;
    d.minutes = r.time_active_min;
    for (Allergen a : f.allergens) d.allergens.emplace_back(AllergenKey(a));
    for (Diet di : f.diets) d.tags.emplace_back(DietKey(di));
    d.tags.insert(d.tags.end(), r.tags.begin(), r.tags.end());
    std::optional<std::string> why;
    double dislike = 0;
    for (const PlanMember& m : household) {
      if (!why) {
        why = ExclusionReason(r, f, m.targets, catalog.foods());
        if (why && household.size() > 1) *why = m.id + ": " + *why;
      }
      for (const std::string& dl : m.profile.dislikes) {
        if (!Dislikes(dl, r, catalog.foods())) continue;
        if (lead.dislikes_hard) {
          if (!why) why = "disliked (\"" + dl + "\")";
        } else {
          dislike += 1;
        }
      }
    }
    if (r.time_active_min > 0 && o.max_minutes_per_day && r.time_active_min > *o.max_minutes_per_day && !why) {
      why = "takes " + std::to_string(static_cast<int>(std::lround(r.time_active_min))) +
            " min of active cooking, over the day's limit";
    }
    if (why) {
      plan.exclude_recipes.push_back(r.id);
      out.excluded.emplace_back(r.id, *why);
    }
    plan.dislike.push_back(dislike);
    in.recipes.push_back(std::move(d));
  }
  if (in.recipes.empty()) return Status::FailedPrecondition("no recipe fits the requested meal slots");
  for (size_t i = 0; i < o.optional_slots.size(); ++i) {
    auto it = std::find(o.slots.begin(), o.slots.end(), o.optional_slots[i]);
    if (it == o.slots.end()) {
      return Status::InvalidArgument("optional_slots[" + std::to_string(i) + "]",
                                     "\"" + o.optional_slots[i] + "\" is not one of the plan's meal slots");
    }
    planner::RecipeDef none;
    none.id = std::string(kNoMealPrefix) + *it;
    none.name = "no " + *it;
    none.slots = {static_cast<int>(it - o.slots.begin())};
    none.nutrients.assign(in.nutrients.size(), 0.0);
    none.skip = true;
    plan.dislike.push_back(0);
    in.recipes.push_back(std::move(none));
  }

  for (size_t p = 0; p < household.size(); ++p) {
    const int person = static_cast<int>(p);
    const Targets& targets = household[p].targets;
    // Soft bounds: the deviation weight is per % of the bound per day.
    auto penalty = [&](double bound) {
      if (o.hard_bounds) return planner::kInf;
      return lead.weights.deviation * 100.0 / std::max(std::fabs(bound), 1e-9);
    };
    for (const NutrientTarget& t : targets.nutrients) {
      if (!t.min && !t.max) continue;
      planner::NutrientRow row;
      row.nutrient = column[Index(t.nutrient)];
      row.person = person;
      if (t.min) row.min = t.min->value;
      if (t.max) row.max = t.max->value;
      row.penalty = penalty(t.min ? t.min->value : t.max->value);
      (t.averaging == Averaging::kDaily ? plan.daily : plan.weekly_average).push_back(row);
    }
    for (const EnergyShareTarget& s : targets.energy_shares) {
      planner::EnergyShareRow row;
      row.nutrient = column[Index(s.nutrient)];
      row.person = person;
      row.kcal_per_unit = s.kcal_per_unit;
      if (s.min_fraction) row.min = s.min_fraction->value;
      if (s.max_fraction) row.max = s.max_fraction->value;
      // Per kcal of violation, relative to the day's energy.
      row.penalty = penalty(targets.energy_kcal);
      plan.energy_share.push_back(row);
    }
    // Meal spread: no meal above max_share of the day's expected amount (for
    // carbohydrate: the middle of its energy-share range at the energy
    // target; else the day's minimum or maximum).
    for (const MealSpreadRule& rule : targets.meal_spread) {
      double day_amount = 0;
      for (const EnergyShareTarget& s : targets.energy_shares) {
        if (s.nutrient != rule.nutrient || !s.min_fraction || !s.max_fraction || s.kcal_per_unit <= 0) continue;
        day_amount = (s.min_fraction->value + s.max_fraction->value) / 2 * targets.energy_kcal / s.kcal_per_unit;
      }
      if (day_amount <= 0) {
        const NutrientTarget* t = targets.Find(rule.nutrient);
        if (t && t->max) day_amount = t->max->value;
        else if (t && t->min) day_amount = t->min->value;
      }
      if (day_amount <= 0) continue;
      plan.per_meal.push_back({column[Index(rule.nutrient)], rule.max_share * day_amount, person});
    }
  }
  // Pantry rows, on the first person (share 1): the household's use of each
  // pantry food over the period, as a daily average.
  for (const auto& [food, col] : pantry_column) {
    const FoodSupply& supply = o.pricing->foods.at(food);
    BuiltInstance::PantryFood pf;
    pf.food = food;
    pf.column = col;
    pf.pantry_g = supply.pantry_g;
    pf.expiring_g = supply.expiring_g;
    pf.price_per_kg = BuyPricePerKg(catalog, o.pricing, food).value_or(0);
    const double per_g = lead.weights.cost * pf.price_per_kg / 1000.0 * o.days;
    if (per_g > 0) {
      planner::NutrientRow over;
      over.nutrient = col;
      over.max = supply.pantry_g / o.days;
      over.penalty = per_g;
      pf.max_row = static_cast<int>(plan.weekly_average.size());
      plan.weekly_average.push_back(over);
      if (supply.expiring_g > 0 && o.pricing->expiry_bonus > 0) {
        planner::NutrientRow expiring;
        expiring.nutrient = col;
        expiring.min = supply.expiring_g / o.days;
        expiring.penalty = per_g * o.pricing->expiry_bonus;
        pf.min_row = static_cast<int>(plan.weekly_average.size());
        plan.weekly_average.push_back(expiring);
      }
    }
    out.pantry.push_back(pf);
  }
  return out;
}

}  // namespace hearth
