// Shopping for a saved plan (`hearth shop`, docs/shopping.md): the plan
// document's meals with everyone's servings, the catalogue's recipes, foods
// and default figures, a market and a pantry, turned into a ShoppingList.
//
// Target hearth::shop_service: it reads plan documents (hearth::plan_json,
// which sits above hearth::service), so it is its own target in this folder.
//
// Thread safety: pure functions of their arguments (the Catalog is
// immutable), but ShopWithStore, which reads the store.
#ifndef HEARTH_SERVICE_SHOP_H_
#define HEARTH_SERVICE_SHOP_H_

#include <optional>
#include <string>
#include <vector>

#include "hearth/core/market.h"
#include "hearth/grocery/shopping.h"
#include "hearth/json/plan_json.h"
#include "hearth/result.h"
#include "hearth/service/catalog.h"
#include "hearth/storage/store.h"

namespace hearth {

struct ShopOptions {
  grocery::ShoppingWeights weights;
  std::optional<GeoPoint> from;  // Home; nullopt = MarketCentre(market).
  Date start{};                  // Plan day 1.
  std::vector<PantryItem> pantry;
  double local_radius_km = 100;
  double time_limit_s = 30;
};

// The centre of the market: the mean latitude and longitude of its vendors
// ((0, 0) for a market without vendors).
GeoPoint MarketCentre(const Market& market);

// The catalogue as the grocery layer sees it. Default prices are USD (2022):
// they are given only when `currency` is "USD" (else no estimate).
// REQUIRES: `catalog` outlives the result.
grocery::ShoppingReference ShoppingReferenceOf(const Catalog& catalog, const std::string& currency);

// The plan's meals, day by day: servings = the cell's servings × the
// household's total share (every member's share of the lead's servings, as
// the plan report computes them). "No meal" cells of optional slots are
// skipped. Errors from HouseholdOf (a member whose targets cannot be computed).
Result<std::vector<grocery::PlannedMeal>> PlannedMealsOf(const Catalog& catalog, const PlanDocument& doc);

// The shopping list for `doc` over `market`, in the lead profile's currency.
Result<grocery::ShoppingList> ShopForPlan(const Catalog& catalog, const PlanDocument& doc, const Market& market,
                                          const ShopOptions& options);

// ShopForPlan over the market the store holds, with the lots of pantry
// `pantry` first when given (options.pantry is replaced). Day 1 is `start`,
// else the plan's own start date (plans made with a pantry have one), else
// today (options.start is replaced).
Result<grocery::ShoppingList> ShopWithStore(const Catalog& catalog, storage::Store& store, const PlanDocument& doc,
                                            std::optional<Date> start, const std::optional<std::string>& pantry,
                                            ShopOptions options);

}  // namespace hearth

#endif  // HEARTH_SERVICE_SHOP_H_
