#include "hearth/service/plan_pricing.h"

#include <algorithm>
#include <string>

namespace hearth {

Result<PlanPricing> PlanPricingFrom(const Catalog& catalog, const Market* market,
                                    const std::vector<PantryItem>& pantry, Date start, int days,
                                    std::string_view currency) {
  if (days < 1 || days > 28) return Status::InvalidArgument("days", "must be 1-28");
  PlanPricing pricing;
  pricing.prices = market != nullptr ? "market" : "default";
  if (market != nullptr) {
    for (const Product& p : market->products) {
      if (p.currency != currency) {
        return Status::InvalidArgument("product \"" + p.id + "\" of vendor \"" + p.vendor_id + "\"",
                                       "is priced in " + p.currency + ", the plan in " + std::string(currency));
      }
      if (p.stock && *p.stock <= 0) continue;
      if (!(p.package_g > 0) || !(p.price >= 0)) continue;
      const Food* food = catalog.foods().Find(p.food);
      const double edible = food != nullptr ? std::clamp(1.0 - food->refuse_pct / 100.0, 0.01, 1.0) : 1.0;
      const double per_kg = p.price / (p.package_g / 1000.0 * edible);
      std::optional<double>& best = pricing.foods[p.food].price_per_kg;
      if (!best || per_kg < *best) best = per_kg;
    }
  }
  const Date end = start + std::chrono::days{days};  // First day after the plan.
  for (const PantryItem& item : pantry) {
    if (!(item.grams > 0)) continue;
    if (item.expiry && *item.expiry < start) continue;  // Already expired.
    FoodSupply& supply = pricing.foods[item.food];
    supply.pantry_g += item.grams;
    if (item.expiry && *item.expiry < end) supply.expiring_g += item.grams;
  }
  return pricing;
}

Result<PlanPricing> PlanPricingFromStore(const Catalog& catalog, storage::Store& store, bool use_market,
                                         const std::optional<std::string>& pantry, Date start, int days,
                                         std::string_view currency) {
  std::optional<Market> market;
  if (use_market) {
    HEARTH_ASSIGN_OR_RETURN(Market m, store.LoadMarket());
    if (m.products.empty()) {
      return Status::FailedPrecondition("market: the market has no products yet (vendors publish them; "
                                        "hearth market import)");
    }
    market = std::move(m);
  }
  std::vector<PantryItem> lots;
  if (pantry) {
    HEARTH_ASSIGN_OR_RETURN(lots, store.ListPantry(*pantry));
  }
  return PlanPricingFrom(catalog, market ? &*market : nullptr, lots, start, days, currency);
}

}  // namespace hearth
