// The market and the pantry: vendors, the products they sell (with package,
// price, stock, provenance and footprint), pantry items, and the geography and
// calendar they need. Plain values, no I/O.
//
// Thread safety: plain values; the free functions are pure.
#ifndef HEARTH_CORE_MARKET_H_
#define HEARTH_CORE_MARKET_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/food.h"

namespace hearth {

// A place on Earth, WGS 84 degrees.
struct GeoPoint {
  double lat = 0;  // [-90, 90]
  double lon = 0;  // [-180, 180]
  friend bool operator==(const GeoPoint&, const GeoPoint&) = default;
};
// Great-circle distance in km (haversine, mean Earth radius 6,371 km).
double DistanceKm(GeoPoint a, GeoPoint b);

// Calendar days. Dates are ISO 8601 "YYYY-MM-DD" in files, the store and JSON.
using Date = std::chrono::sys_days;
// Parses "2026-11-26"; nullopt unless a valid date in that exact form.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date d);
// Today in UTC.
Date Today();

// Stored as strings ("market_stall", "grocer", "farm", "community_kitchen").
enum class VendorKind { kMarketStall, kGrocer, kFarm, kCommunityKitchen };
std::string_view VendorKindKey(VendorKind k);
std::optional<VendorKind> VendorKindFromKey(std::string_view key);

struct Vendor {
  std::string id;             // Unique in a market, e.g. "green-acre-farm". [a-z0-9_-]+
  std::string name;           // Shown to people; never used to rank.
  VendorKind kind = VendorKind::kMarketStall;
  GeoPoint location;
  std::string opening_hours;  // OpenStreetMap opening_hours syntax, e.g. "Sa 07:00-13:00".
  friend bool operator==(const Vendor&, const Vendor&) = default;
};

// How a product was produced ("local_farm", "greenhouse", "lab_grown",
// "imported", "wild_caught").
enum class Production { kLocalFarm, kGreenhouse, kLabGrown, kImported, kWildCaught };
std::string_view ProductionKey(Production p);
std::optional<Production> ProductionFromKey(std::string_view key);

struct Product {
  std::string id;         // Unique within its vendor.
  std::string vendor_id;  // Vendor::id.
  std::string name;       // "Brown rice, 1 kg bag".
  FoodId food;            // The SR28 food it is.
  double package_g = 0;   // Edible-or-not purchased weight of one package, grams (> 0).
  // When the package was declared by volume: its millilitres (package_g then
  // holds ml × density).
  std::optional<double> package_ml;
  double price = 0;              // Per package, in `currency` units (>= 0).
  std::string currency = "USD";  // ISO 4217.
  std::optional<int64_t> stock;  // Packages in stock; nullopt = not tracked (no limit).
  std::string origin;            // Place of origin, free text ("Valley Farm, Millbrook").
  std::optional<GeoPoint> origin_location;
  Production production = Production::kImported;
  bool organic = false;
  std::optional<bool> gmo;                  // nullopt = not declared.
  std::vector<std::string> certifications;  // "Fairtrade", "MSC", ...
  // The vendor's own kg CO2e per kg; nullopt = use the Poore & Nemecek 2018
  // default for the food's category (reported as a default).
  std::optional<double> co2e_per_kg;
  std::string updated_at;  // ISO 8601 date or date-time of the last price/stock update.
  friend bool operator==(const Product&, const Product&) = default;
};

// A market: vendors and their products. Order carries no meaning.
struct Market {
  std::vector<Vendor> vendors;
  std::vector<Product> products;
};

// One lot of a food in a pantry. Quantities are grams (household units are
// converted on the way in).
struct PantryItem {
  int64_t id = 0;               // Assigned by the store; 0 before it is stored.
  FoodId food;
  double grams = 0;             // > 0 while the item exists.
  std::optional<Date> expiry;   // Best-before / use-by; nullopt = keeps.
  std::string location;         // "fridge", "cupboard", free text.
  std::string note;
  friend bool operator==(const PantryItem&, const PantryItem&) = default;
};

}  // namespace hearth

#endif  // HEARTH_CORE_MARKET_H_
