// Prices and pantry stock for planning with the market and the pantry: turns
// the vendors' products in stock and the pantry's lots into the PlanPricing a
// model is built with (include/hearth/service/plan_builder.h).
//
// Thread safety: PlanPricingFrom is a pure function of its arguments;
// PlanPricingFromStore reads the store.
#ifndef HEARTH_SERVICE_PLAN_PRICING_H_
#define HEARTH_SERVICE_PLAN_PRICING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/market.h"
#include "hearth/result.h"
#include "hearth/service/catalog.h"
#include "hearth/service/plan_builder.h"
#include "hearth/storage/store.h"

namespace hearth {

// - `market` (may be null: default prices): each food's price is that of its
//   cheapest product in stock (stock not tracked counts as in stock), per kg
//   of edible food: price ÷ (package kg × (1 − the food's refuse share)).
//   A product priced in another currency than `currency` → InvalidArgument
//   naming the product and vendor.
// - `pantry`: lots that have not expired by `start` count; lots that expire
//   before the end of the `days`-day plan are "expiring". Grams are edible.
// Errors: days outside 1-28 (InvalidArgument).
Result<PlanPricing> PlanPricingFrom(const Catalog& catalog, const Market* market,
                                    const std::vector<PantryItem>& pantry, Date start, int days,
                                    std::string_view currency);

// PlanPricingFrom with what the store holds: the whole market when
// `use_market` (FailedPrecondition on field "market" when it has no
// products), and the lots of pantry `pantry` when given. Store errors as
// they come.
Result<PlanPricing> PlanPricingFromStore(const Catalog& catalog, storage::Store& store, bool use_market,
                                         const std::optional<std::string>& pantry, Date start, int days,
                                         std::string_view currency);

}  // namespace hearth

#endif  // HEARTH_SERVICE_PLAN_PRICING_H_
