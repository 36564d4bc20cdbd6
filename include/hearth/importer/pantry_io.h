// Pantry files: what a household has in stock, as CSV or JSON (formats in
// docs/pantry-format.md), read into PantryItems in grams and written back.
//
// A row names a food by its SR28 NDB number ("09003" or "9003") or by its
// exact SR28 description, a positive quantity in g, kg, oz, lb or any of that
// food's SR28 household measures ("cup", "large", "cup, chopped"), an
// optional expiry date (YYYY-MM-DD), a location and a note. Readers check
// every row and report every problem at once, each naming the file and the
// line and column (CSV) or the JSON path (JSON); nothing is half-read: the
// items are returned whole or not at all.
//
// Thread safety: pure functions over their arguments.
#ifndef HEARTH_IMPORTER_PANTRY_IO_H_
#define HEARTH_IMPORTER_PANTRY_IO_H_

#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/food.h"
#include "hearth/core/market.h"
#include "hearth/result.h"

namespace hearth {

// The JSON document's "format" and "version".
inline constexpr std::string_view kPantryFormat = "hearth-pantry";
inline constexpr int kPantryVersion = 1;

// Parses pantry CSV text (header: food, quantity[, unit, expiry, location,
// note, description]; "description" is ignored, writers add it for people).
// `file` names the source in messages. Errors: InvalidArgument whose message
// lists every bad field, one per line, as "FILE line N: column C: problem"
// (unknown food, a unit with no conversion for the food, a quantity that is
// not a positive finite number, a bad date, a missing or unknown column).
Result<std::vector<PantryItem>> ParsePantryCsv(std::string_view text, std::string_view file, const FoodDb& foods);

// Parses a pantry JSON document {"format":"hearth-pantry","version":1,
// "items":[{"food":..., "quantity":..., "unit":..., "expiry":...,
// "location":..., "note":...}]}; "food" is a string (NDB number or
// description) or an integer NDB number. Errors as for CSV, each naming the
// path ("FILE: items[3].unit: ...").
Result<std::vector<PantryItem>> ParsePantryJson(std::string_view text, std::string_view file, const FoodDb& foods);

// Reads a pantry file: JSON when the name ends in ".json", else CSV.
// NotFound when the file cannot be read.
Result<std::vector<PantryItem>> ReadPantryFile(const std::string& path, const FoodDb& foods);

// Writers: quantities in grams (unit "g"), the food as its NDB number plus its
// description; the readers give back the same items (ids are not written).
std::string WritePantryCsv(const std::vector<PantryItem>& items, const FoodDb& foods);
std::string WritePantryJson(const std::vector<PantryItem>& items, const FoodDb& foods);
// Writes JSON when `path` ends in ".json", else CSV. Unavailable when the file
// cannot be written.
Status WritePantryFile(const std::string& path, const std::vector<PantryItem>& items, const FoodDb& foods);

}  // namespace hearth

#endif  // HEARTH_IMPORTER_PANTRY_IO_H_
