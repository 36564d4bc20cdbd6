// Builds the planner's solver-neutral model (a PlanInstance) from hearth's own
// data: a profile's targets, the recipe library and its derived facts. The
// same model is written by `hearth instance export` in the plan-instance
// format and solved by `hearth plan`.
//
// Thread safety: pure functions of their arguments.
#ifndef HEARTH_SERVICE_PLAN_BUILDER_H_
#define HEARTH_SERVICE_PLAN_BUILDER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hearth/core/profile.h"
#include "hearth/core/targets.h"
#include "hearth/planner/instance.h"
#include "hearth/result.h"
#include "hearth/service/catalog.h"

namespace hearth {

// What food costs when planning with the market and the pantry (`hearth plan
// --market --pantry`), instead of the default prices of data/costs.
struct FoodSupply {
  // What buying more costs, per kg of edible food, in the plan's currency;
  // nullopt = no vendor has it in stock (the default price is used and the
  // plan says so).
  std::optional<double> price_per_kg;
  double pantry_g = 0;    // Edible grams in the pantry, usable during the plan.
  double expiring_g = 0;  // Of pantry_g, what expires before the plan ends.
  friend bool operator==(const FoodSupply&, const FoodSupply&) = default;
};
struct PlanPricing {
  // "market" when prices come from vendors' products in stock, "default"
  // when only the pantry is used with the default prices.
  std::string prices = "market";
  std::map<FoodId, FoodSupply> foods;
  // Using a gram of pantry food that would otherwise expire unused earns this
  // fraction of its price (the objective's cost weight applies). Default: 0.5.
  double expiry_bonus = 0.5;
  friend bool operator==(const PlanPricing&, const PlanPricing&) = default;
};

// Column id of a pantry food in the model ("pantry:20044"): the household's
// grams of that food per serving of each recipe.
inline constexpr std::string_view kPantryColumnPrefix = "pantry:";

struct PlanRequestOptions {
  int days = 7;  // 1-28.
  // Meal slots, each filled by recipes whose meal types include it.
  std::vector<std::string> slots = {"breakfast", "lunch", "dinner", "snack"};
  double servings_min = 0.5;  // Servings per cell. Default: 0.5-2 in half steps.
  double servings_max = 2.0;
  double servings_step = 0.5;
  int max_uses_per_week = 2;  // Variety. Default: a recipe at most twice a week,
  int max_uses_per_day = 1;   // and once a day.
  // Hard bounds: every nutrient bound must hold or there is no plan (the
  // plan-instance format has only hard rows). Default (false): bounds are
  // soft, a missed one costs the first person's `deviation` weight per % of
  // the bound per day, so a plan always comes back and says what it missed.
  bool hard_bounds = false;
  // Active cooking minutes per day, at most (all meals of the day).
  std::optional<double> max_minutes_per_day;
  // Slots that may stay empty ("no snack"): the model gets a "no meal"
  // recipe for each, id "none-<slot>", with zero nutrients and cost.
  std::vector<std::string> optional_slots;
  // Market prices and pantry stock; nullopt = the default prices, no pantry.
  // Pantry food is already paid for: a recipe costs nothing for it, and the
  // model gets, per pantry food, a soft weekly row "household use <= pantry
  // grams" whose penalty is the price of buying the excess (cost weight ×
  // price × grams), plus for food that expires during the plan a soft row
  // "use >= expiring grams" whose penalty is the expiry bonus on what is left.
  std::optional<PlanPricing> pricing;
};

// Id prefix of the "no meal" recipes of optional slots ("none-snack").
inline constexpr std::string_view kNoMealPrefix = "none-";

// One person of a household with their targets.
struct PlanMember {
  std::string id;  // Shown in the plan, e.g. the profile's name.
  Profile profile;
  Targets targets;
};

// The model, plus why each excluded recipe was excluded (recipe id → reason;
// in a household, a recipe any member cannot eat is excluded).
struct BuiltInstance {
  planner::PlanInstance instance;
  std::vector<std::pair<std::string, std::string>> excluded;
  // Per pantry food in the model: its column and rows (indexes into
  // plan.weekly_average; -1 = none).
  struct PantryFood {
    FoodId food;
    int column = -1;
    int max_row = -1;       // use <= pantry_g
    int min_row = -1;       // use >= expiring_g
    double pantry_g = 0, expiring_g = 0;
    double price_per_kg = 0;  // Price of buying more (market, else default).
  };
  std::vector<PantryFood> pantry;
  std::optional<PlanPricing> pricing;  // As requested.
};

// The price of buying a kg of edible `food`: the market's when `pricing` has
// one, else the default (data/costs); nullopt when neither knows it.
std::optional<double> BuyPricePerKg(const Catalog& catalog, const std::optional<PlanPricing>& pricing, FoodId food);

// Fails with InvalidArgument naming the option when `options` is out of range.
Result<BuiltInstance> BuildPlanInstance(const Catalog& catalog, const Profile& profile,
                                        const Targets& targets, const PlanRequestOptions& options);

// A household: everyone eats each meal's recipe, person p a fixed share of
// the first person's servings (their energy requirement relative to the
// first person's, in quarter servings between 0.25 and 3). Every person's
// targets are rows of the model. The objective weights and dislike mode are
// the first person's; everyone's dislikes count; the budget is the sum of
// the members' budgets (none when a member has none).
Result<BuiltInstance> BuildPlanInstance(const Catalog& catalog, const std::vector<PlanMember>& household,
                                        const PlanRequestOptions& options);

// The share of `member` relative to `first` (quarter steps, 0.25-3).
double HouseholdShare(const Targets& first, const Targets& member);

}  // namespace hearth

#endif  // HEARTH_SERVICE_PLAN_BUILDER_H_
