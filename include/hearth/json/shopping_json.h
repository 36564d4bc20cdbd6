// The shopping list's three encodings (docs/shopping.md): the JSON document
// (`hearth shop --json`), CSV (RFC 4180, one row per product bought or food
// unavailable) and the text people read, grouped by vendor then aisle.
//
// Thread safety: pure functions.
#ifndef HEARTH_JSON_SHOPPING_JSON_H_
#define HEARTH_JSON_SHOPPING_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "hearth/grocery/shopping.h"

namespace hearth {

inline constexpr std::string_view kShoppingFormat = "hearth-shopping";
inline constexpr int kShoppingFormatVersion = 1;

// Money to 2 decimals, grams to 1, km to 2, kg CO2e to 3, percentages to 1.
nlohmann::json ShoppingListToJson(const grocery::ShoppingList& list);

// Header: status, vendor_id, vendor_name, vendor_kind, vendor_distance_km,
// aisle, food_id, food_name, product_id, product_name, package_g, quantity,
// price, cost, currency, cost_source, origin, production, organic,
// food_miles_km, co2e_per_kg, co2e_kg, co2e_source, local. `status` is "buy"
// or "unavailable" (then the vendor and product columns are empty and cost is
// the default estimate, cost_source "default"). CRLF line ends.
std::string ShoppingListToCsv(const grocery::ShoppingList& list);

// Vendors (nearest first), aisles, lines with their sourcing; then what
// cannot be bought, leftovers, what the pantry gives, meal footprints,
// totals and the objective.
std::string ShoppingListToText(const grocery::ShoppingList& list);

}  // namespace hearth

#endif  // HEARTH_JSON_SHOPPING_JSON_H_
