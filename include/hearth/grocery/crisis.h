// Crisis mode: with no resupply, how many days can what is in stock feed a
// household adequately, with which menu, and which few purchases add the
// most days. The model and its search are described in docs/crisis.md.
//
// A day is adequate when, for every person, energy reaches the minimum of the
// person's energy band, protein its minimum, and each key micronutrient
// (CrisisKeyNutrients) at least `fraction` of its minimum. Days are counted
// from day 1 (the start date) without a gap: once a day fails the food is
// gone. Each lot of stock can be eaten only on days up to its expiry date.
// Dishes are the catalogue's recipes whose ingredients are all in stock
// (water ignored) and plain staples: single foods eaten simply, up to a daily
// cap per person.
//
// Everything is deterministic: the same input gives the same days, menu and
// purchases (CLP is run single-threaded on a model built in a fixed order).
//
// Thread safety: plain values; SolveCrisis is a pure function of its input
// (each call builds its own LPs).
#ifndef HEARTH_GROCERY_CRISIS_H_
#define HEARTH_GROCERY_CRISIS_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hearth/core/food.h"
#include "hearth/core/market.h"
#include "hearth/core/recipe.h"
#include "hearth/core/targets.h"
#include "hearth/result.h"

namespace hearth::grocery {

// The share of each key micronutrient's daily minimum an adequate day must
// reach. Half the RDA/AI sits near the EAR for most of them (the intake that
// meets half of healthy people's needs), which stores bridge for weeks; the
// full minimum would make most real pantries fail on day 1. Default: 0.5.
inline constexpr double kDefaultMicronutrientFraction = 0.5;
// The longest horizon searched, days. Default: 120.
inline constexpr int kDefaultMaxDays = 120;
// At most this many purchases are proposed. Default: 8.
inline constexpr int kDefaultMaxPurchases = 8;

// The micronutrients an adequate day must cover (at `fraction` of the
// minimum), in display order: vitamin C, thiamin, niacin, vitamin A, folate
// (DFE), iron, zinc, calcium. docs/crisis.md gives the reasons for each.
std::span<const NutrientId> CrisisKeyNutrients();

// Whether `food` is water (tap or bottled): ignored as a recipe ingredient.
bool IsWater(const Food& food);
// Whether `food` counts as a plain staple, eaten alone (cooked as needed):
// not spices, fats and oils, beverages, sweets, flours, starches or leavening,
// nor any food that is mostly fat.
bool IsPlainStaple(const Food& food);
// The most grams of `food` (a plain staple) one person eats in a day at the
// reference energy need of 2,000 kcal: the smaller of its group's cap and
// 1,000 kcal worth (half of that day). Scaled by each person's energy need.
double StapleCapGrams(const Food& food);
// A storage life, in days from purchase, for a food bought on the start date
// (canned, dried, frozen and dry goods keep: nullopt).
std::optional<int> ShelfLifeDays(const Food& food);

// One lot of stock.
struct CrisisLot {
  FoodId food;
  double grams = 0;            // > 0, edible grams.
  std::optional<Date> expiry;  // Last day it may be eaten; nullopt = keeps.
  std::string location;        // Shown with leftovers.
};

struct CrisisPerson {
  std::string id;  // Shown in the menu ("Ana").
  Targets targets;
};

// Something that can be bought: whole packages of a food.
struct CrisisCandidate {
  std::string id;         // "food:20044" or a market product id; unique.
  std::string name;       // Shown ("Rice, white, long-grain, regular, raw — 1 kg").
  FoodId food;            // Must be a plain staple (IsPlainStaple).
  double package_g = 0;   // Edible grams in one package (> 0).
  double price = 0;       // Per package (> 0).
  std::string currency = "USD";
  std::optional<int> shelf_life_days;  // From the start date; nullopt = keeps.
  std::string vendor;     // Market vendor id, empty for default prices.
  std::optional<int64_t> stock;  // Packages available; nullopt = no limit.
};

struct CrisisInput {
  const FoodDb* foods = nullptr;        // Required.
  std::span<const Recipe> recipes;      // May be empty.
  std::span<const RecipeFacts> facts;   // facts[i] belongs to recipes[i].
  std::vector<CrisisLot> lots;
  std::vector<CrisisPerson> people;     // At least one.
  Date start{};                         // Day 1.
  double fraction = kDefaultMicronutrientFraction;  // (0, 1].
  // The micronutrients required at `fraction`; nullopt = CrisisKeyNutrients().
  std::optional<std::vector<NutrientId>> micronutrients;
  int max_days = kDefaultMaxDays;                   // 1-3650.
  std::vector<CrisisCandidate> candidates;
  std::optional<double> budget;  // Purchases are proposed only with a budget.
  int max_purchases = kDefaultMaxPurchases;
};

// What one person eats each day of a period, per dish.
struct CrisisMenuLine {
  int dish = 0;               // Index into CrisisResult::dishes.
  double grams_per_day = 0;   // Edible grams (recipes: whole servings' grams).
  double servings_per_day = 0;  // Recipes only.
  std::string household;      // "1 1/2 cup", "2 large", "1 1/4 servings"; may be empty.
};

// Days first_day..last_day (1-based, inclusive) share one menu.
struct CrisisPeriod {
  int first_day = 1, last_day = 1;
  Date first_date{}, last_date{};
  std::vector<std::vector<CrisisMenuLine>> people;  // Per person, in input order.
};

struct CrisisDish {
  std::string id;    // Recipe id, or "staple:20044".
  std::string name;  // Recipe name, or the food's description.
  bool staple = false;
  std::optional<FoodId> food;  // Staples.
  double grams_per_serving = 0;  // Recipes.
  // Edible grams of each stocked food per gram of the dish (water dropped).
  std::vector<std::pair<FoodId, double>> foods_per_gram;
  NutrientVector per_gram{};
};

// How long one requirement alone would last: the most days the stock covers
// it for everyone (the other requirements ignored).
struct CrisisNutrientDays {
  NutrientId nutrient;
  double fraction = 1;  // Of the minimum (1 for energy and protein).
  int days = 0;
  bool at_limit = false;  // Reached max_days (lasts at least that long).
};

struct CrisisLeftover {
  FoodId food;
  std::string name;
  std::string location;
  double grams_start = 0;
  double grams_left = 0;
  std::optional<Date> expiry;
  // "keeps": still good after the last adequate day; "spoils": expires unused
  // by then; "expired": expired before day 1.
  std::string state;
};

struct CrisisPurchase {
  CrisisCandidate candidate;
  int days_before = 0, days_after = 0;
  double days_per_money = 0;  // (days_after - days_before) / price.
};

struct CrisisResult {
  int days = 0;             // Adequate days from day 1.
  bool at_limit = false;    // days == max_days: the stock lasts at least that long.
  std::vector<CrisisDish> dishes;
  std::vector<CrisisPeriod> menu;  // Covering days 1..days.
  std::vector<CrisisNutrientDays> nutrient_days;  // Energy, protein, then the micronutrients.
  // The requirements that fail first on day days+1: each one alone, when
  // dropped, makes that day adequate; when none does alone, the ones that
  // last the fewest days. Empty when at_limit.
  std::vector<NutrientId> binding;
  std::vector<CrisisLeftover> leftovers;  // One per lot, in input order.
  std::vector<CrisisPurchase> purchases;  // In the order chosen.
  double spent = 0;
  int days_with_purchases = 0;
  std::vector<std::string> notes;
  int lp_solves = 0;  // Number of LPs solved (for performance reports).
};

// Solves the crisis question. Errors: InvalidArgument for a bad input (no
// people, a person without an energy or protein minimum, a lot of an unknown
// food or a non-positive amount, fraction outside (0, 1], max_days outside
// 1-3650, a candidate that is not a plain staple or has a non-positive price
// or package); Internal when the solver fails or the menu does not verify.
Result<CrisisResult> SolveCrisis(const CrisisInput& input);

// Only the number of adequate days (no menu, no purchases): what SolveCrisis
// reports as `days`, for re-checking purchases.
Result<int> CrisisDays(const CrisisInput& input);

}  // namespace hearth::grocery

#endif  // HEARTH_GROCERY_CRISIS_H_
