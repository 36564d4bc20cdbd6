// Default food prices and greenhouse-gas footprints per SR28 food, read from
// data/costs/ (built by tools/build_cost_data.py; sources and every assumption
// in data/costs/README.md). They let the planner price and footprint recipes
// before any market vendor publishes prices.
//
// Thread safety: a FoodCostTable is immutable after loading; const methods may
// be called from any thread.
#ifndef HEARTH_IMPORTER_FOOD_COSTS_H_
#define HEARTH_IMPORTER_FOOD_COSTS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>

#include "hearth/core/food.h"
#include "hearth/result.h"

namespace hearth {

struct FoodCost {
  // Default retail price, USD (2022) per kg of EDIBLE portion — the unit of
  // recipe grams. nullopt when the food has no default price.
  std::optional<double> price_per_kg;
  // "ers_2022" (USDA ERS fruit and vegetable prices) or "assumption" (a stated
  // typical 2022 US retail price); empty when unpriced.
  std::string price_basis;
  // Greenhouse-gas footprint, kg CO2e per kg of food (Poore & Nemecek 2018).
  double co2e_per_kg = 0;
  // One of the 43 Poore & Nemecek food products; empty for basis "zero".
  std::string co2e_category;
  // "category" (a keyword rule matched), "group_default" (the SR28 food-group
  // default) or "zero" (water, salt, mineral leavening).
  std::string co2e_basis;
};

class FoodCostTable {
 public:
  FoodCostTable() = default;

  // nullptr if `id` has no row in food_footprints.csv.
  const FoodCost* Find(FoodId id) const;
  // Number of foods with a footprint (every SR28 food in the shipped data).
  size_t size() const { return by_id_.size(); }
  // Number of foods with a default price.
  size_t priced_count() const { return priced_; }

 private:
  friend Result<FoodCostTable> LoadFoodCosts(const std::string& dir);

  std::unordered_map<int32_t, FoodCost> by_id_;
  size_t priced_ = 0;
};

// Reads `dir`/food_footprints.csv (ndb_no, category, kg_co2e_per_kg, basis)
// and `dir`/food_prices.csv (ndb_no, price_per_kg, basis); other columns are
// ignored. Errors: NotFound when a file is missing; InvalidArgument naming the
// file, line and column for a bad row, e.g. "food_prices.csv line 12: column
// price_per_kg: not a non-negative number". A price row must name a food that
// has a footprint row; duplicates are errors.
Result<FoodCostTable> LoadFoodCosts(const std::string& dir);

}  // namespace hearth

#endif  // HEARTH_IMPORTER_FOOD_COSTS_H_
