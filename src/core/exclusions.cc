#include "hearth/core/exclusions.h"

#include <algorithm>

#include "core/text.h"

namespace hearth {

bool MatchesFoodRule(const Food& food, const FoodExclusionRule& rule) {
  if (!rule.groups.empty() &&
      std::find(rule.groups.begin(), rule.groups.end(), food.group_code) == rule.groups.end()) {
    return false;
  }
  std::string name = text::Lower(food.name);
  bool any = rule.any_of.empty();
  for (const std::string& w : rule.any_of) {
    if (name.find(text::Lower(w)) != std::string::npos) any = true;
  }
  if (!any) return false;
  for (const std::string& w : rule.none_of) {
    if (name.find(text::Lower(w)) != std::string::npos) return false;
  }
  return true;
}

std::optional<std::string> ExclusionReason(const Recipe& recipe, const RecipeFacts& facts,
                                           const Targets& targets, const FoodDb& foods) {
  uint32_t hit = facts.traits.allergens & targets.excluded_allergens;
  if (hit) {
    return "contains " + JoinKeys(AllergenKeys(AllergensInMask(hit)));
  }
  for (Diet d : targets.required_diets) {
    if (FitsDiet(facts.traits, d)) continue;
    // Name the first ingredient that breaks the diet.
    for (const Ingredient& ing : recipe.ingredients) {
      const Food* f = foods.Find(ing.food);
      if (f && !FitsDiet(f->traits, d)) {
        return "not " + std::string(DietKey(d)) + ": contains " + FormatFoodId(f->id) + " " + f->name;
      }
    }
    return "not " + std::string(DietKey(d));
  }
  for (const FoodExclusionRule& rule : targets.excluded_foods) {
    for (const Ingredient& ing : recipe.ingredients) {
      const Food* f = foods.Find(ing.food);
      if (f && MatchesFoodRule(*f, rule)) {
        return (rule.note.empty() ? std::string("excluded food") : rule.note) + ": " +
               FormatFoodId(f->id) + " " + f->name;
      }
    }
  }
  return std::nullopt;
}

}  // namespace hearth
