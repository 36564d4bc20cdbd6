#include "hearth/json/encode.h"

#include <cmath>

#include "hearth/core/units.h"

namespace hearth {

using json = nlohmann::json;

double RoundForDisplay(double v) {
  if (v == 0 || !std::isfinite(v)) return v;
  // Four significant digits, at most three decimals.
  double mag = std::pow(10.0, std::min(3.0, std::max(0.0, 3 - std::floor(std::log10(std::abs(v))))));
  return std::round(v * mag) / mag;
}

json NutrientsToJson(const NutrientVector& v) {
  json j = json::object();
  for (const auto& n : AllNutrients()) j[std::string(n.key)] = RoundForDisplay(v[Index(n.id)]);
  return j;
}

json BoundToJson(const Bound& b) {
  json j{{"value", RoundForDisplay(b.value)},
         {"kind", BoundKindName(b.kind)},
         {"source", {{"citation", b.source.citation}}}};
  if (!b.source.table.empty()) {
    j["source"]["table"] = b.source.table;
    if (b.source.row > 0) j["source"]["row"] = b.source.row;
  }
  if (!b.note.empty()) j["note"] = b.note;
  return j;
}

json TargetsToJson(const Targets& t) {
  json j;
  j["life_stage"] = {{"group", t.life_stage.group},
                     {"age_years", t.life_stage.age_years},
                     {"label", t.life_stage_label}};
  j["energy_kcal"] = RoundForDisplay(t.energy_kcal);
  j["energy_method"] = t.energy_method;
  json ns = json::array();
  for (const NutrientTarget& n : t.nutrients) {
    const NutrientInfo& info = Info(n.nutrient);
    json x{{"nutrient", info.key}, {"name", info.name}, {"unit", info.unit},
           {"averaging", n.averaging == Averaging::kDaily ? "daily" : "weekly"}};
    x["min"] = n.min ? BoundToJson(*n.min) : json(nullptr);
    x["max"] = n.max ? BoundToJson(*n.max) : json(nullptr);
    if (n.ear) x["ear"] = BoundToJson(*n.ear);
    if (n.reference) x["reference"] = BoundToJson(*n.reference);
    if (!n.notes.empty()) x["notes"] = n.notes;
    ns.push_back(x);
  }
  j["nutrients"] = ns;
  json shares = json::array();
  for (const EnergyShareTarget& s : t.energy_shares) {
    json x{{"nutrient", Info(s.nutrient).key}, {"kcal_per_unit", s.kcal_per_unit}};
    x["min_fraction"] = s.min_fraction ? BoundToJson(*s.min_fraction) : json(nullptr);
    x["max_fraction"] = s.max_fraction ? BoundToJson(*s.max_fraction) : json(nullptr);
    shares.push_back(x);
  }
  j["energy_shares"] = shares;
  json spread = json::array();
  for (const MealSpreadRule& m : t.meal_spread) {
    spread.push_back({{"nutrient", Info(m.nutrient).key}, {"max_share", m.max_share}, {"note", m.note}});
  }
  j["meal_spread"] = spread;
  j["excluded_allergens"] = AllergenKeys(AllergensInMask(t.excluded_allergens));
  j["required_diets"] = DietKeys(t.required_diets);
  json foods = json::array();
  for (const FoodExclusionRule& f : t.excluded_foods) {
    foods.push_back({{"any_of", f.any_of}, {"none_of", f.none_of}, {"groups", f.groups}, {"note", f.note}});
  }
  j["excluded_foods"] = foods;
  j["conditions"] = t.conditions;
  j["notes"] = t.notes;
  return j;
}

json FoodToJson(const Food& f, bool with_nutrients) {
  json j{{"id", FormatFoodId(f.id)}, {"name", f.name}, {"group", f.group},
         {"group_code", f.group_code}};
  j["fdc_id"] = f.fdc_id ? json(*f.fdc_id) : json(nullptr);
  if (!f.common_names.empty()) j["common_names"] = f.common_names;
  j["allergens"] = AllergenKeys(AllergensOf(f.traits));
  j["diets"] = DietKeys(DietsOf(f.traits));
  if (with_nutrients) {
    json n = json::object();
    for (const auto& info : AllNutrients()) {
      n[std::string(info.key)] =
          f.Reported(info.id) ? json(RoundForDisplay(f.per_100g[Index(info.id)])) : json(nullptr);
    }
    j["per_100g"] = n;
    json m = json::array();
    for (const HouseholdMeasure& h : f.measures) {
      m.push_back({{"amount", h.amount}, {"description", h.description}, {"grams", h.grams}});
    }
    j["household_measures"] = m;
    j["refuse_pct"] = f.refuse_pct;
  }
  return j;
}

json RecipeToJson(const Recipe& r, const RecipeFacts& facts, const FoodDb& foods, double servings,
                  bool with_details) {
  json j{{"id", r.id}, {"name", r.name}, {"servings", servings}, {"cuisine", r.cuisine},
         {"time_active_min", r.time_active_min}, {"time_total_min", r.time_total_min}};
  json meals = json::array();
  for (MealType m : r.meal_types) meals.push_back(MealTypeKey(m));
  j["meal_types"] = meals;
  j["allergens"] = AllergenKeys(facts.allergens);
  j["diets"] = DietKeys(facts.diets);
  j["tags"] = r.tags;
  j["nutrition_per_serving"] = NutrientsToJson(facts.per_serving);
  j["cost_per_serving"] = facts.cost_per_serving ? json(RoundForDisplay(*facts.cost_per_serving)) : json(nullptr);
  j["cost_currency"] = kDefaultPriceCurrency;
  j["co2e_kg_per_serving"] = RoundForDisplay(facts.co2e_kg_per_serving);
  json incomplete = json::array();
  for (const auto& n : AllNutrients()) {
    if ((facts.incomplete_mask >> Index(n.id)) & 1u) incomplete.push_back(n.key);
  }
  j["nutrients_incomplete"] = incomplete;
  j["source"] = {{"collection", r.source.collection}, {"path", r.source.path},
                 {"license", r.source.license}, {"notes", r.source.notes}};
  j["curated"] = r.curated;
  if (with_details) {
    double scale = servings / r.servings;
    json ings = json::array();
    for (const Ingredient& ing : r.ingredients) {
      const Food* f = foods.Find(ing.food);
      double g = ing.grams * scale;
      json x{{"food", FormatFoodId(ing.food)}, {"food_name", f ? f->name : ""},
             {"grams", RoundForDisplay(g)}, {"text", ing.text}, {"curated", ing.curated}};
      std::optional<std::string> hh = f ? HouseholdAmount(*f, g) : std::nullopt;
      x["household"] = hh ? json(*hh) : json(nullptr);
      ings.push_back(x);
    }
    j["ingredients"] = ings;
    j["steps"] = r.steps;
    j["recipe_servings"] = r.servings;
  }
  return j;
}

}  // namespace hearth
