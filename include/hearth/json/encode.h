// The one set of JSON encoders: the CLI's --json output, the API and exported
// files all use these shapes (documented in docs/cli-json.md).
#ifndef HEARTH_JSON_ENCODE_H_
#define HEARTH_JSON_ENCODE_H_

#include <nlohmann/json.hpp>

#include "hearth/core/food.h"
#include "hearth/core/recipe.h"
#include "hearth/core/targets.h"

namespace hearth {

// {"energy_kcal": 123.4, ...}: every registry nutrient, rounded sensibly.
nlohmann::json NutrientsToJson(const NutrientVector& v);
nlohmann::json BoundToJson(const Bound& b);
nlohmann::json TargetsToJson(const Targets& t);
// `with_nutrients`: include per-100 g values and household measures.
nlohmann::json FoodToJson(const Food& f, bool with_nutrients);
// A recipe scaled to `servings` (ingredient grams scaled; nutrition per
// serving unchanged), with its derived facts.
nlohmann::json RecipeToJson(const Recipe& r, const RecipeFacts& facts, const FoodDb& foods,
                            double servings, bool with_details);

// Rounds to a few significant digits for display and JSON.
double RoundForDisplay(double v);

}  // namespace hearth

#endif  // HEARTH_JSON_ENCODE_H_
