// Recipes: ingredients (SR28 food, grams, original text) and their derived
// facts. Nutrition, allergens and diet fit are always computed from the
// ingredients' foods (ComputeRecipeFacts), never stored or typed by hand.
//
// Thread safety: plain values.
#ifndef HEARTH_CORE_RECIPE_H_
#define HEARTH_CORE_RECIPE_H_

#include <string>
#include <vector>

#include "hearth/core/food.h"
#include "hearth/core/nutrients.h"
#include "hearth/core/traits.h"

namespace hearth {

enum class MealType : int { kBreakfast = 0, kLunch, kDinner, kSnack };
inline constexpr int kNumMealTypes = 4;
std::string_view MealTypeKey(MealType m);  // "breakfast", ...
std::optional<MealType> MealTypeFromKey(std::string_view key);

struct Ingredient {
  FoodId food;
  double grams = 0;   // Edible portion for the whole recipe.
  std::string text;   // The original (or curated) ingredient line.
  bool curated = false;
};

struct RecipeSource {
  std::string collection;  // "based.cooking", "HowToCook", "hearth-kitchen".
  std::string path;
  std::string license;
  std::string notes;
};

struct Recipe {
  std::string id;
  std::string name;
  double servings = 1;
  double time_active_min = 0;
  double time_total_min = 0;
  std::vector<MealType> meal_types;
  std::string cuisine;
  std::vector<Ingredient> ingredients;
  std::vector<std::string> steps;
  std::vector<std::string> tags;
  RecipeSource source;
  bool curated = false;
  std::string file;  // The file it was loaded from (for messages).

  bool Fits(MealType m) const;
};

// The currency of the shipped default prices (USDA ERS, data/SOURCES.md).
inline constexpr const char* kDefaultPriceCurrency = "USD";

// What is derived from a recipe's ingredients.
struct RecipeFacts {
  NutrientVector per_serving{};  // Sum over ingredients of grams/100 × per-100 g, / servings.
  double grams_per_serving = 0;
  FoodTraits traits;             // OR over the ingredients' foods.
  std::vector<Allergen> allergens;
  std::vector<Diet> diets;
  // Nutrients some ingredient's food did not report (their totals may be low).
  uint64_t incomplete_mask = 0;
  // Money per serving at default prices (kDefaultPriceCurrency); nullopt
  // when a food has no price.
  std::optional<double> cost_per_serving;
  double co2e_kg_per_serving = 0;  // kg CO2e per serving (default footprints).
};

// REQUIRES: every ingredient's food is in `foods` (the loader checks this).
RecipeFacts ComputeRecipeFacts(const Recipe& recipe, const FoodDb& foods);

}  // namespace hearth

#endif  // HEARTH_CORE_RECIPE_H_
