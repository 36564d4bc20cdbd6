// Whether a recipe may be planned for a person: allergens and diet pattern
// are always hard; condition food rules (e.g. high-mercury fish in
// pregnancy) too. Returns the reason when excluded so it can be explained.
#ifndef HEARTH_CORE_EXCLUSIONS_H_
#define HEARTH_CORE_EXCLUSIONS_H_

#include <optional>
#include <string>

#include "hearth/core/food.h"
#include "hearth/core/recipe.h"
#include "hearth/core/targets.h"

namespace hearth {

// nullopt if allowed, else why not ("contains peanut", "not vegan: contains
// 01123 Egg, whole, raw, fresh", "pregnancy: high-mercury fish (swordfish)").
std::optional<std::string> ExclusionReason(const Recipe& recipe, const RecipeFacts& facts,
                                           const Targets& targets, const FoodDb& foods);

// Whether `food`'s name/group matches `rule`.
bool MatchesFoodRule(const Food& food, const FoodExclusionRule& rule);

}  // namespace hearth

#endif  // HEARTH_CORE_EXCLUSIONS_H_
