#include "hearth/service/shop.h"

#include <string>

#include "hearth/service/plan_builder.h"

namespace hearth {

GeoPoint MarketCentre(const Market& market) {
  if (market.vendors.empty()) return {};
  double lat = 0, lon = 0;
  for (const Vendor& v : market.vendors) {
    lat += v.location.lat;
    lon += v.location.lon;
  }
  const double n = static_cast<double>(market.vendors.size());
  return {lat / n, lon / n};
}

grocery::ShoppingReference ShoppingReferenceOf(const Catalog& catalog, const std::string& currency) {
  grocery::ShoppingReference ref;
  ref.foods = &catalog.foods();
  ref.recipes = &catalog.recipes();
  const bool usd = currency == "USD";
  ref.defaults = [&catalog, usd](FoodId id) -> std::optional<grocery::FoodDefault> {
    const FoodCost* c = catalog.costs().Find(id);
    if (!c) return std::nullopt;
    grocery::FoodDefault d;
    if (usd) d.price_per_kg = c->price_per_kg;
    d.co2e_per_kg = c->co2e_per_kg;
    return d;
  };
  return ref;
}

Result<std::vector<grocery::PlannedMeal>> PlannedMealsOf(const Catalog& catalog, const PlanDocument& doc) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<PlanMember> household, HouseholdOf(catalog, doc.request));
  double total_share = 0;
  for (size_t p = 0; p < household.size(); ++p) {
    total_share += p == 0 ? 1.0 : HouseholdShare(household.front().targets, household[p].targets);
  }
  if (household.empty()) total_share = 1;
  std::vector<grocery::PlannedMeal> meals;
  for (const PlanDocument::Cell& c : doc.cells) {
    if (c.recipe.rfind(kNoMealPrefix, 0) == 0 && catalog.FindRecipe(c.recipe) < 0) continue;
    meals.push_back({c.day, c.slot, c.recipe, c.servings * total_share});
  }
  return meals;
}

Result<grocery::ShoppingList> ShopForPlan(const Catalog& catalog, const PlanDocument& doc, const Market& market,
                                          const ShopOptions& options) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<grocery::PlannedMeal> meals, PlannedMealsOf(catalog, doc));
  grocery::ShoppingRequest req;
  req.meals = std::move(meals);
  req.start = options.start;
  req.currency = doc.request.household.empty() ? "USD" : doc.request.household.front().profile.currency;
  req.home = options.from ? *options.from : MarketCentre(market);
  req.weights = options.weights;
  req.pantry = options.pantry;
  req.local_radius_km = options.local_radius_km;
  req.time_limit_s = options.time_limit_s;
  return grocery::BuildShoppingList(ShoppingReferenceOf(catalog, req.currency), market, req);
}

Result<grocery::ShoppingList> ShopWithStore(const Catalog& catalog, storage::Store& store, const PlanDocument& doc,
                                            std::optional<Date> start, const std::optional<std::string>& pantry,
                                            ShopOptions options) {
  if (!start && !doc.request.start_date.empty()) start = ParseDate(doc.request.start_date);
  options.start = start ? *start : Today();
  Result<Market> market = store.LoadMarket();
  if (!market.ok()) return market.status().WithContext("loading the market");
  options.pantry.clear();
  if (pantry) {
    Result<std::vector<PantryItem>> lots = store.ListPantry(*pantry);
    if (!lots.ok()) return lots.status().WithContext("pantry \"" + *pantry + "\"");
    options.pantry = *std::move(lots);
  }
  return ShopForPlan(catalog, doc, *market, options);
}

}  // namespace hearth
