// Household units: turns grams of a food into the SR28 household measure a
// cook would use ("1 1/2 cup, chopped"), and back.
//
// Thread safety: pure functions.
#ifndef HEARTH_CORE_UNITS_H_
#define HEARTH_CORE_UNITS_H_

#include <optional>
#include <string>
#include <string_view>

#include "hearth/core/food.h"
#include "hearth/result.h"

namespace hearth {

// The food's household measure that best expresses `grams` (an amount between
// 1/4 and 8 of it, preferring counts near whole and quarter numbers), e.g.
// "1 1/2 cup, chopped"; nullopt when the food has no measures.
std::optional<std::string> HouseholdAmount(const Food& food, double grams);

// Formats 1.5 as "1 1/2", 0.25 as "1/4" (nearest quarter; thirds kept).
std::string FormatFraction(double amount);

// Converts `amount` of `unit` of `food` to grams. Mass units (g, kg, oz, lb)
// convert directly; any other unit must match one of the food's SR28
// household measures ("cup", "tbsp", "large", "cup, chopped"), else an
// InvalidArgument error naming the food and listing its measures.
Result<double> ToGrams(const Food& food, double amount, std::string_view unit);

}  // namespace hearth

#endif  // HEARTH_CORE_UNITS_H_
