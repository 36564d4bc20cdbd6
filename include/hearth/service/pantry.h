// The pantry use cases shared by the CLI and the server: stocking lots of a
// food (household units converted to grams), using a food first-expiry-first
// (FEFO), adjusting a lot, listing with days to expiry, and cooking the meals
// of a saved plan from the pantry.
//
// Quantities are grams in the store. A pantry holds lots: the same food may
// appear many times, each with its own expiry. FEFO: a use takes from the lot
// with the earliest expiry first (expired lots included, since they expire
// first), then lots that keep (no expiry); ties go to the oldest lot.
//
// Every call that changes a pantry writes all its changes with one
// Store::ApplyPantryChanges (or one AddPantryItem): it applies whole or not
// at all. The amounts written are computed from the pantry as read at the
// start of the call.
//
// Thread safety: free functions; safe to call concurrently as far as the
// Store is (each call is atomic, but two calls that change the same lot at
// the same instant may overwrite each other's change).
#ifndef HEARTH_SERVICE_PANTRY_H_
#define HEARTH_SERVICE_PANTRY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/food.h"
#include "hearth/core/market.h"
#include "hearth/planner/instance.h"
#include "hearth/result.h"
#include "hearth/service/catalog.h"
#include "hearth/service/plan_builder.h"
#include "hearth/storage/store.h"

namespace hearth {

// The pantry used when none is named.
inline constexpr std::string_view kDefaultPantry = "home";
// An item expiring within this many days (0-3) "expires soon".
inline constexpr int kExpiresSoonDays = 3;

// "20044 Rice, white, long-grain, regular, raw, unenriched": how messages
// name a food.
std::string FoodLabel(const Food& food);

// A food by NDB number ("20044", "09003") or by a name that matches one food
// unambiguously: the only search hit, or the only food whose name equals
// `query` (case-insensitive). NotFound when nothing matches; InvalidArgument
// when several foods match, listing the best candidates with their numbers.
Result<const Food*> FindFood(const FoodDb& foods, std::string_view query);

// `amount` `unit` of `food` in grams, > 0. Units are those of ToGrams (g, kg,
// oz, lb, the food's household measures); a plural ("cups", "cloves") is
// accepted for its singular. InvalidArgument naming the food when the amount
// is zero, negative or not finite, or the unit has no conversion for it.
Result<double> PantryGrams(const Food& food, double amount, std::string_view unit);

// --- Add, use, adjust ---

struct NewPantryItem {
  FoodId food;
  double amount = 0;
  std::string unit = "g";
  std::optional<Date> expiry;  // nullopt = keeps.
  std::string location;
  std::string note;
};
// Stores a new lot and returns it (with its id and grams). NotFound for a
// food not in `foods`; InvalidArgument as PantryGrams.
Result<PantryItem> AddToPantry(storage::Store& store, const FoodDb& foods, std::string_view pantry,
                               const NewPantryItem& item);

// What one change took from (or did to) one lot.
struct PantryTake {
  int64_t item_id = 0;
  FoodId food;
  std::optional<Date> expiry;
  double grams_before = 0;
  double grams_taken = 0;  // Negative when an adjustment added to the lot.
  double grams_left = 0;   // 0: the lot is gone.
};

// A use that asked for more of a food than the pantry holds.
struct PantryShortage {
  double grams_asked = 0;
  double grams_held = 0;
  size_t lots = 0;  // The food's lots in the pantry.
  // "asked for 2,000 g, there are 1,100 g in 2 lots" ("there is none").
  std::string Text() const;
};

// The outcome of UseFromPantry: what was taken, lot by lot, or the shortage
// that stopped it (then nothing was taken).
struct PantryUse {
  std::vector<PantryTake> takes;
  std::optional<PantryShortage> shortage;
};

// Takes `amount` `unit` of `food` from its lots, FEFO, or nothing when the
// pantry holds less (PantryUse::shortage). Errors of PantryGrams; NotFound
// for a food not in `foods`.
Result<PantryUse> UseFromPantry(storage::Store& store, const FoodDb& foods, std::string_view pantry, FoodId food,
                                double amount, std::string_view unit);

// Sets lot `item_id` to `amount` `unit` of its food; 0 removes it. NotFound
// when the pantry has no such item; InvalidArgument naming the food for a
// negative or non-finite amount or a unit without a conversion.
Result<PantryTake> AdjustPantryItem(storage::Store& store, const FoodDb& foods, std::string_view pantry,
                                    int64_t item_id, double amount, std::string_view unit);

// --- List ---

enum class ExpiryState { kKeeps, kFresh, kExpiresSoon, kExpired };
// "keeps", "fresh", "expires soon", "expired".
std::string_view ExpiryStateName(ExpiryState s);

struct PantryEntry {
  PantryItem item;
  const Food* food = nullptr;   // nullptr if the food is not in the table.
  std::optional<int> days_left;  // expiry - today; negative once expired.
  ExpiryState state = ExpiryState::kKeeps;
};
// How `item` stands on `today` (days left and state from its expiry).
PantryEntry EntryOn(PantryItem item, const Food* food, Date today);

// The pantry's lots in store order (expiry, keeps last; food; id), seen on
// `today`. With `expiring_within`, only lots whose expiry is at most that
// many days away (expired ones included).
Result<std::vector<PantryEntry>> ListPantryEntries(storage::Store& store, const FoodDb& foods,
                                                   std::string_view pantry, Date today,
                                                   std::optional<int> expiring_within = std::nullopt);

// --- Cook ---

struct CookedMeal {
  int day = 0;  // 0-based.
  std::string slot;
  std::string recipe_id;
  std::string recipe_name;
  // Servings cooked: the cell's servings × the household's total share (every
  // member's servings together).
  double servings = 0;
  double recipe_servings = 1;  // The recipe's yield; ingredients scale by servings / recipe_servings.
};
struct CookShortfall {
  FoodId food;
  std::string food_name;
  double grams_needed = 0;
  double grams_missing = 0;  // > 0.
};
struct CookReport {
  std::vector<CookedMeal> meals;    // Day, slot order; "no meal" cells left out.
  std::vector<PantryTake> takes;    // Per lot, in FEFO order per food.
  std::vector<CookShortfall> shortfalls;  // What the pantry lacked, by food.
};

// Cooks the meals of `day` (0-based) of a plan, or only the meal of `slot`:
// every ingredient of each recipe, grams × (servings eaten by the whole
// household / the recipe's servings), summed per food and taken FEFO in one
// transaction. What the pantry lacks is not an error: it is cooked with what
// there is and each shortfall is reported. InvalidArgument for a day outside
// the plan or an unknown slot; NotFound for a recipe no longer in `catalog`.
// REQUIRES: `plan` is a plan of `built` (as RebuildSavedPlan returns).
Result<CookReport> CookPlannedMeals(storage::Store& store, const Catalog& catalog, std::string_view pantry,
                                    const BuiltInstance& built, const planner::Plan& plan, int day,
                                    std::optional<std::string> slot = std::nullopt);

}  // namespace hearth

#endif  // HEARTH_SERVICE_PANTRY_H_
