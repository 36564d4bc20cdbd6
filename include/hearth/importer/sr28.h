// Reads the shipped USDA SR28 tables (data/sr28/, see data/SOURCES.md) into
// Food values: identity, group, the 44 registry nutrients per 100 g and the
// household measures. Traits are left empty; the caller derives them.
#ifndef HEARTH_IMPORTER_SR28_H_
#define HEARTH_IMPORTER_SR28_H_

#include <string>
#include <vector>

#include "hearth/core/food.h"
#include "hearth/result.h"

namespace hearth {

// Loads foods.csv, food_groups.csv, nutrients_per_100g.csv and
// household_measures.csv from `dir`. Any malformed row fails the load with
// "FILE line N: column C: problem" (reference data must be whole).
Result<std::vector<Food>> LoadSr28(const std::string& dir);

}  // namespace hearth

#endif  // HEARTH_IMPORTER_SR28_H_
