#include "hearth/core/recipe.h"

#include <algorithm>

namespace hearth {

std::string_view MealTypeKey(MealType m) {
  switch (m) {
    case MealType::kBreakfast: return "breakfast";
    case MealType::kLunch: return "lunch";
    case MealType::kDinner: return "dinner";
    case MealType::kSnack: return "snack";
  }
  return "?";
}

std::optional<MealType> MealTypeFromKey(std::string_view key) {
  for (int i = 0; i < kNumMealTypes; ++i) {
    if (MealTypeKey(static_cast<MealType>(i)) == key) return static_cast<MealType>(i);
  }
  return std::nullopt;
}

bool Recipe::Fits(MealType m) const {
  return std::find(meal_types.begin(), meal_types.end(), m) != meal_types.end();
}

RecipeFacts ComputeRecipeFacts(const Recipe& recipe, const FoodDb& foods) {
  RecipeFacts f;
  NutrientVector total{};
  double grams = 0;
  for (const Ingredient& ing : recipe.ingredients) {
    const Food* food = foods.Find(ing.food);
    if (!food) continue;
    total += Scaled(food->per_100g, ing.grams / 100.0);
    grams += ing.grams;
    f.traits |= food->traits;
    f.incomplete_mask |= ~food->reported_mask & ((uint64_t{1} << kNumNutrients) - 1);
  }
  f.per_serving = Scaled(total, 1.0 / recipe.servings);
  f.grams_per_serving = grams / recipe.servings;
  f.allergens = AllergensOf(f.traits);
  f.diets = DietsOf(f.traits);
  return f;
}

}  // namespace hearth
