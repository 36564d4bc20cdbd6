// Shopping lists: from a plan's meals to priced, whole-package baskets at
// market vendors, with where every figure comes from (docs/shopping.md).
//
//   1. Needs: per food, the edible grams each plan date needs (meal day d is
//      `start` + d), from the recipes' ingredient grams scaled to the meal's
//      servings (everyone's).
//   2. Pantry first: lots cover needs on or before their expiry date, the
//      earliest-expiring lot first, meal dates in order.
//   3. The rest is bought in whole packages, chosen by a MILP (SolveMip):
//      integer packages per product (at most its stock when tracked), every
//      food's need covered, a binary visit per vendor, and an objective that
//      is the user's declared weights times cost, kg CO2e, km travelled,
//      vendors visited, food-miles (kg·km) and non-local kg.
//
// No hidden preference: the basket depends only on declared attributes
// (food, package, price, stock, footprint, origin, production, location...)
// and the weights, never on ids, names or input order. The model is built in
// a canonical order of attributes, so ties resolve the same way whatever the
// ids.
//
// Thread safety: pure functions of their arguments (ShoppingReference's
// `defaults` must be safe to call from the calling thread).
#ifndef HEARTH_GROCERY_SHOPPING_H_
#define HEARTH_GROCERY_SHOPPING_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/food.h"
#include "hearth/core/market.h"
#include "hearth/core/recipe.h"
#include "hearth/result.h"

namespace hearth::grocery {

// The objective's weights, each >= 0. The objective is
//   cost × money + co2e × kg CO2e + distance × km travelled
//   + vendors × vendors visited + food_miles × kg·km + nonlocal × kg not local.
struct ShoppingWeights {
  double cost = 1;        // Per unit of the plan's currency.
  double co2e = 0.1;      // Per kg CO2e of what is bought.
  double distance = 0.1;  // Per km travelled (home → vendor → home, per vendor visited).
  double vendors = 0.5;   // Per vendor visited.
  double food_miles = 0;  // Per kg bought × km from its origin to the vendor (declared origins).
  double nonlocal = 0;    // Per kg bought that is not local (see IsLocal).
  friend bool operator==(const ShoppingWeights&, const ShoppingWeights&) = default;
};

// The "local first" preset: cost 1, co2e 1, distance 0.2, vendors 0.5,
// food_miles 0.002 (1 kg carried 500 km weighs as much as 1 currency unit),
// nonlocal 1 (per kg).
ShoppingWeights LocalFirstWeights();

// Applies "name=value,name=value" to `base` (names: cost, co2e, distance,
// vendors, food_miles, nonlocal). InvalidArgument naming the item for an
// unknown name, a value that is not a number, or a negative value.
Result<ShoppingWeights> ParseWeights(std::string_view text, ShoppingWeights base);

// Aisles, from SR28 food groups (docs/shopping.md has the table).
enum class Aisle {
  kProduce,
  kDairyEggs,
  kMeatFish,
  kBakeryGrains,
  kPantryStaples,
  kSpicesCondiments,
  kBeverages,
  kPreparedFoods,
  kOther,
};
std::string_view AisleKey(Aisle a);    // "produce", "dairy_eggs", ...
std::string_view AisleTitle(Aisle a);  // "Produce", "Dairy & eggs", ...
Aisle AisleOfGroup(std::string_view sr28_group_code);

// Where a figure comes from: the vendor's declaration, or hearth's default
// (data/costs/: Poore & Nemecek 2018 footprints, default prices).
enum class FigureSource { kVendor, kDefault };
std::string_view FigureSourceKey(FigureSource s);  // "vendor", "default"

// A food's default figures (data/costs/).
struct FoodDefault {
  std::optional<double> price_per_kg;  // Per kg EDIBLE portion, in the plan's currency.
  double co2e_per_kg = 0;              // kg CO2e per kg of food.
};

// The reference data: foods (names, groups, refuse), recipes, defaults.
struct ShoppingReference {
  const FoodDb* foods = nullptr;
  const std::vector<Recipe>* recipes = nullptr;
  // nullopt when the food has no default figures (then 0 CO2e, no price).
  std::function<std::optional<FoodDefault>(FoodId)> defaults;
};

// One meal of the plan.
struct PlannedMeal {
  int day = 0;  // 0-based day of the plan.
  std::string slot;
  std::string recipe;   // Recipe id.
  double servings = 0;  // Servings eaten by everyone (cell servings × the household's total share).
};

// Edible grams of one food needed on one date.
struct DatedNeed {
  FoodId food;
  Date date;
  double grams = 0;
};

// The needs of `meals` per (food, date), ordered by food then date.
// NotFound naming the recipe ("plan meal day 2 dinner: recipe \"x\" is not in
// the catalogue") when a recipe is missing.
Result<std::vector<DatedNeed>> MealNeeds(const ShoppingReference& ref, const std::vector<PlannedMeal>& meals,
                                         Date start);

// Grams of a pantry lot given to needs.
struct PantryUse {
  int64_t item_id = 0;
  FoodId food;
  std::string food_name;  // Filled by BuildShoppingList.
  double grams = 0;
  std::optional<Date> expiry;
  std::string location;
};
struct PantryAllocation {
  std::vector<PantryUse> used;      // Ordered by food, then the order lots were used.
  std::vector<DatedNeed> remaining;  // What is still needed, same order as the needs.
};
// Pantry first: per food, meal dates in order, each date takes from the lots
// whose expiry is on or after it (no expiry = keeps), earliest expiry first.
// Pantry grams are compared with recipe grams directly (edible portion).
PantryAllocation AllocatePantry(const std::vector<DatedNeed>& needs, const std::vector<PantryItem>& pantry);

struct ShoppingRequest {
  std::vector<PlannedMeal> meals;
  Date start{};
  std::string currency = "USD";  // The plan's (the lead profile's) currency.
  GeoPoint home;
  ShoppingWeights weights;
  std::vector<PantryItem> pantry;
  double local_radius_km = 100;  // A product is local when its origin is within this of home.
  double time_limit_s = 30;      // For the MILP.
};

// One product bought.
struct ShoppingLine {
  FoodId food;
  std::string food_name;
  Aisle aisle = Aisle::kOther;
  std::string vendor_id;
  std::string product_id;
  std::string product_name;
  double package_g = 0;
  std::optional<double> package_ml;
  double price = 0;  // Per package.
  int64_t quantity = 0;
  double cost = 0;         // quantity × price.
  double purchased_g = 0;  // quantity × package_g.
  std::string origin;
  std::optional<GeoPoint> origin_location;
  Production production = Production::kImported;
  bool organic = false;
  std::vector<std::string> certifications;
  double vendor_distance_km = 0;         // Home to the vendor, one way.
  std::optional<double> food_miles_km;   // Origin to the vendor; nullopt without a declared origin location.
  double co2e_per_kg = 0;
  FigureSource co2e_source = FigureSource::kDefault;
  double co2e_kg = 0;  // purchased kg × co2e_per_kg.
  bool local = false;
};

struct AisleGroup {
  Aisle aisle = Aisle::kOther;
  std::vector<ShoppingLine> lines;
  double cost = 0;
};

struct VendorBasket {
  std::string vendor_id;
  std::string vendor_name;
  VendorKind kind = VendorKind::kMarketStall;
  GeoPoint location;
  std::string opening_hours;
  double distance_km = 0;  // From home, one way.
  std::vector<AisleGroup> aisles;  // In Aisle order.
  double cost = 0;
  double co2e_kg = 0;
  double purchased_g = 0;
};

// A food no vendor can supply (or not enough of it).
struct UnavailableFood {
  FoodId food;
  std::string food_name;
  Aisle aisle = Aisle::kOther;
  double edible_g = 0;     // Still needed.
  double purchased_g = 0;  // edible / (1 − refuse).
  std::optional<double> estimated_cost;  // Default price × edible kg; nullopt when the food has no default price.
  bool partly_available = false;          // Some was bought, stock ran out.
};

// Bought minus needed, per food.
struct Leftover {
  FoodId food;
  std::string food_name;
  double bought_g = 0;  // Purchased weight.
  double needed_g = 0;  // Purchased weight needed.
  double leftover_g = 0;
};

struct MealFootprint {
  int day = 0;
  Date date{};
  std::string slot;
  std::string recipe;
  std::string recipe_name;
  double servings = 0;
  double co2e_kg = 0;
  double vendor_figure_pct = 0;  // Share of co2e_kg from vendors' own figures.
};

struct ObjectiveTerm {
  std::string term;  // "cost", "co2e", "distance", "vendors", "food_miles", "nonlocal".
  std::string unit;
  double amount = 0;
  double weight = 0;
  double value = 0;  // weight × amount.
};

struct ShoppingTotals {
  double cost = 0;              // What is bought.
  double unavailable_estimate = 0;  // Default price estimate of what cannot be bought (priced foods).
  double co2e_kg = 0;
  double food_miles_kg_km = 0;   // Σ kg × origin-to-vendor km, declared origins only.
  double food_miles_known_pct = 0;  // Share of the bought weight with a declared origin location.
  double average_food_miles_km = 0;  // food_miles_kg_km / kg with a declared origin.
  double travel_km = 0;          // Σ round trips.
  int vendors_visited = 0;
  double purchased_g = 0;
  double local_pct = 0;      // Of the bought weight.
  double lab_grown_pct = 0;  // Of the bought weight.
};

struct ShoppingList {
  std::string currency;
  Date start{};
  GeoPoint home;
  ShoppingWeights weights;
  double local_radius_km = 100;
  std::string solver_status;  // "optimal", "feasible", or "none" (nothing to buy).
  std::vector<VendorBasket> vendors;  // Nearest first.
  std::vector<UnavailableFood> unavailable;
  std::vector<Leftover> leftovers;
  std::vector<PantryUse> pantry_used;
  std::vector<MealFootprint> meals;
  std::vector<ObjectiveTerm> objective;
  double objective_value = 0;
  ShoppingTotals totals;
};

// Local: production local_farm, or a declared origin within `radius_km` of home.
bool IsLocal(const Product& p, GeoPoint home, double radius_km);

// Builds the list. Errors: InvalidArgument naming the product for a product
// of a needed food priced in another currency than request.currency, a
// package_g <= 0, a negative price, or an unknown vendor; NotFound naming the
// recipe (see MealNeeds); InvalidArgument for a negative weight; Unavailable
// when the solver finds no basket within the time limit.
Result<ShoppingList> BuildShoppingList(const ShoppingReference& ref, const Market& market,
                                       const ShoppingRequest& request);

}  // namespace hearth::grocery

#endif  // HEARTH_GROCERY_SHOPPING_H_
