#include "hearth/service/plan_verify.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "hearth/core/exclusions.h"

namespace hearth {
namespace {

// Relative tolerance of a recomputed total against a bound: the solver's
// numbers come from the same ingredients summed in another order.
constexpr double kTolerance = 1e-6;

bool ExceedsMax(double value, double max) { return value > max + kTolerance * std::max(1.0, std::fabs(max)); }
bool FallsShortOfMin(double value, double min) { return value < min - kTolerance * std::max(1.0, std::fabs(min)); }

std::string VerifyNum(double v) {
  std::ostringstream ss;
  ss.precision(6);
  ss << v;
  return ss.str();
}

// One serving of a recipe, recomputed from its ingredients.
struct Serving {
  NutrientTotals nutrients{};
  double cost = 0;     // Foods bought (everything but pantry foods).
  double co2e_kg = 0;
  std::map<FoodId, double> pantry_g;  // Grams of each pantry food.
};

Serving RecomputeServing(const Recipe& recipe, const Catalog& catalog, const BuiltInstance& built) {
  Serving s;
  const double per = recipe.servings > 0 ? 1.0 / recipe.servings : 1.0;
  // Without market pricing, a recipe with an unpriced food has no cost (as
  // in the catalogue's facts); with it, unpriced foods cost nothing.
  bool priced = true;
  for (const Ingredient& ing : recipe.ingredients) {
    const Food* food = catalog.foods().Find(ing.food);
    if (food == nullptr) continue;
    const double g = ing.grams * per;
    for (size_t n = 0; n < kNumNutrients; ++n) s.nutrients[n] += g / 100.0 * food->per_100g[n];
    if (const FoodCost* c = catalog.costs().Find(ing.food)) s.co2e_kg += g / 1000.0 * c->co2e_per_kg;
    const bool in_pantry = std::any_of(built.pantry.begin(), built.pantry.end(),
                                       [&](const BuiltInstance::PantryFood& pf) { return pf.food == ing.food; });
    if (in_pantry) {
      s.pantry_g[ing.food] += g;
    } else if (std::optional<double> price = BuyPricePerKg(catalog, built.pricing, ing.food)) {
      s.cost += g / 1000.0 * *price;
    } else {
      priced = false;
    }
  }
  if (!priced && !built.pricing) s.cost = 0;
  return s;
}

}  // namespace

Result<VerifiedPlan> VerifyPlan(const Catalog& catalog, const std::vector<PlanMember>& household,
                                const BuiltInstance& built, const planner::Plan& plan) {
  const planner::PlanInstance& in = built.instance;
  const planner::PlanSpec& spec = in.plan;
  const int slots = in.num_slots();
  const int people = in.num_people();
  if (plan.cells.size() != static_cast<size_t>(in.num_cells())) {
    return Status::InvalidArgument("plan", "has " + std::to_string(plan.cells.size()) + " meals, the model has " +
                                               std::to_string(in.num_cells()));
  }
  if (static_cast<int>(household.size()) != people) {
    return Status::InvalidArgument("household", "has " + std::to_string(household.size()) +
                                                    " people, the model has " + std::to_string(people));
  }
  // Nutrient registry id of each instance column.
  std::vector<NutrientId> nutrient_of;
  for (const planner::NutrientDef& def : in.nutrients) {
    if (def.id.starts_with(kPantryColumnPrefix)) {
      nutrient_of.push_back(NutrientId::kEnergyKcal);  // A pantry column: soft rows only, never read here.
      continue;
    }
    std::optional<NutrientId> id = NutrientFromKey(def.id);
    if (!id) return Status::InvalidArgument("nutrients", "unknown nutrient " + def.id);
    nutrient_of.push_back(*id);
  }
  auto amount = [&](const NutrientTotals& t, int column) { return t[Index(nutrient_of[static_cast<size_t>(column)])]; };
  auto who = [&](int p) { return people > 1 ? " (" + in.people[static_cast<size_t>(p)].id + ")" : std::string(); };

  VerifiedPlan out;
  out.day_totals.assign(static_cast<size_t>(spec.days), std::vector<NutrientTotals>(static_cast<size_t>(people)));
  out.average.assign(static_cast<size_t>(people), NutrientTotals{});
  std::map<int, Serving> servings_cache;
  std::map<FoodId, double> used_pantry;
  std::map<int, int> week_uses;
  const std::vector<double> levels = planner::ServingLevels(spec.servings);
  for (int d = 0; d < spec.days; ++d) {
    double minutes = 0;
    std::map<int, int> day_uses;
    for (int s = 0; s < slots; ++s) {
      const planner::PlanCell& cell = plan.cells[static_cast<size_t>(d * slots + s)];
      const std::string where = "day " + std::to_string(d + 1) + " " + spec.slots[static_cast<size_t>(s)];
      if (cell.recipe < 0 || static_cast<size_t>(cell.recipe) >= in.recipes.size()) {
        return Status::InvalidArgument("plan", where + " has no recipe");
      }
      const std::string& id = in.recipes[static_cast<size_t>(cell.recipe)].id;
      if (in.recipes[static_cast<size_t>(cell.recipe)].skip) {
        // An optional slot left empty: nothing eaten, nothing cooked.
        if (std::count(spec.exclude_recipes.begin(), spec.exclude_recipes.end(), id) != 0) {
          out.violations.push_back(where + ": may not be left empty");
        }
        continue;
      }
      const int ri = catalog.FindRecipe(id);
      if (ri < 0) return Status::InvalidArgument("plan", where + ": recipe " + id + " is not in the catalogue");
      const Recipe& recipe = catalog.recipes()[static_cast<size_t>(ri)];
      std::optional<MealType> meal = MealTypeFromKey(spec.slots[static_cast<size_t>(s)]);
      if (!meal || !recipe.Fits(*meal)) out.violations.push_back(where + ": " + id + " is not a " + spec.slots[static_cast<size_t>(s)]);
      // Exclusions, from the ingredients again, for every member.
      const RecipeFacts facts = ComputeRecipeFacts(recipe, catalog.foods());
      for (const PlanMember& m : household) {
        if (std::optional<std::string> why = ExclusionReason(recipe, facts, m.targets, catalog.foods())) {
          out.violations.push_back(where + ": " + id + " is excluded for " + m.id + ": " + *why);
        }
      }
      const double sv = cell.servings;
      const bool on_grid = spec.servings.step > 0
                               ? std::any_of(levels.begin(), levels.end(), [&](double l) { return std::fabs(l - sv) < 1e-9; })
                               : sv >= spec.servings.min - 1e-9 && sv <= spec.servings.max + 1e-9;
      if (!on_grid) out.violations.push_back(where + ": " + VerifyNum(sv) + " servings is not an allowed amount");
      auto it = servings_cache.find(ri);
      if (it == servings_cache.end()) it = servings_cache.emplace(ri, RecomputeServing(recipe, catalog, built)).first;
      const Serving& one = it->second;
      for (int p = 0; p < people; ++p) {
        const double eats = sv * in.share(p);
        NutrientTotals& t = out.day_totals[static_cast<size_t>(d)][static_cast<size_t>(p)];
        for (size_t n = 0; n < kNumNutrients; ++n) t[n] += eats * one.nutrients[n];
      }
      for (const planner::MealCapRow& cap : spec.per_meal) {
        const double v = sv * in.share(cap.person) * amount(one.nutrients, cap.nutrient);
        if (ExceedsMax(v, cap.max)) {
          out.violations.push_back(where + who(cap.person) + ": " + VerifyNum(v) + " " + in.nutrients[static_cast<size_t>(cap.nutrient)].id +
                                   " in one meal > " + VerifyNum(cap.max));
        }
      }
      out.cost += sv * in.total_share() * one.cost;
      out.co2e_kg += sv * in.total_share() * one.co2e_kg;
      for (const auto& [food, g] : one.pantry_g) used_pantry[food] += sv * in.total_share() * g;
      minutes += recipe.time_active_min;
      ++day_uses[cell.recipe];
      ++week_uses[cell.recipe];
    }
    out.minutes += minutes;
    if (spec.max_minutes_per_day && ExceedsMax(minutes, *spec.max_minutes_per_day)) {
      out.violations.push_back("day " + std::to_string(d + 1) + ": " + VerifyNum(minutes) + " min of cooking > " +
                               VerifyNum(*spec.max_minutes_per_day));
    }
    for (const auto& [r, n] : day_uses) {
      if (spec.max_uses_per_day && n > *spec.max_uses_per_day) {
        out.violations.push_back("day " + std::to_string(d + 1) + ": " + in.recipes[static_cast<size_t>(r)].id + " " +
                                 std::to_string(n) + " times");
      }
    }
    const std::vector<NutrientTotals>& day = out.day_totals[static_cast<size_t>(d)];
    for (const planner::NutrientRow& row : spec.daily) {
      if (std::isfinite(row.penalty)) continue;  // Soft: a shortfall, reported by the plan.
      const double v = amount(day[static_cast<size_t>(row.person)], row.nutrient);
      const std::string& key = in.nutrients[static_cast<size_t>(row.nutrient)].id;
      if (FallsShortOfMin(v, row.min)) out.violations.push_back("day " + std::to_string(d + 1) + who(row.person) + ": " + key + " " + VerifyNum(v) + " < " + VerifyNum(row.min));
      if (ExceedsMax(v, row.max)) out.violations.push_back("day " + std::to_string(d + 1) + who(row.person) + ": " + key + " " + VerifyNum(v) + " > " + VerifyNum(row.max));
    }
    for (const planner::EnergyShareRow& row : spec.energy_share) {
      if (std::isfinite(row.penalty) || in.energy_nutrient < 0) continue;
      const NutrientTotals& t = day[static_cast<size_t>(row.person)];
      const double energy = amount(t, in.energy_nutrient);
      const double share = energy > 0 ? row.kcal_per_unit * amount(t, row.nutrient) / energy : 0;
      const std::string& key = in.nutrients[static_cast<size_t>(row.nutrient)].id;
      if (std::isfinite(row.min) && FallsShortOfMin(share * energy, row.min * energy)) {
        out.violations.push_back("day " + std::to_string(d + 1) + who(row.person) + ": " + key + " " + VerifyNum(share * 100) + " % of energy < " + VerifyNum(row.min * 100));
      }
      if (std::isfinite(row.max) && ExceedsMax(share * energy, row.max * energy)) {
        out.violations.push_back("day " + std::to_string(d + 1) + who(row.person) + ": " + key + " " + VerifyNum(share * 100) + " % of energy > " + VerifyNum(row.max * 100));
      }
    }
    for (int p = 0; p < people; ++p) {
      for (size_t n = 0; n < kNumNutrients; ++n) out.average[static_cast<size_t>(p)][n] += day[static_cast<size_t>(p)][n] / spec.days;
    }
  }
  for (const planner::NutrientRow& row : spec.weekly_average) {
    if (std::isfinite(row.penalty)) continue;
    const double v = amount(out.average[static_cast<size_t>(row.person)], row.nutrient);
    const std::string& key = in.nutrients[static_cast<size_t>(row.nutrient)].id;
    if (FallsShortOfMin(v, row.min)) out.violations.push_back("average" + who(row.person) + ": " + key + " " + VerifyNum(v) + " < " + VerifyNum(row.min));
    if (ExceedsMax(v, row.max)) out.violations.push_back("average" + who(row.person) + ": " + key + " " + VerifyNum(v) + " > " + VerifyNum(row.max));
  }
  for (const auto& [r, n] : week_uses) {
    if (spec.max_uses_per_week && n > *spec.max_uses_per_week) {
      out.violations.push_back(in.recipes[static_cast<size_t>(r)].id + " used " + std::to_string(n) + " times in the period");
    }
  }
  // Pantry food beyond the pantry is bought at its price.
  double bought = 0;
  for (const BuiltInstance::PantryFood& pf : built.pantry) {
    VerifiedPlan::PantryUse u;
    u.food = pf.food;
    u.used_g = used_pantry[pf.food];
    u.from_pantry_g = std::min(u.used_g, pf.pantry_g);
    u.bought_g = u.used_g - u.from_pantry_g;
    u.left_g = pf.pantry_g - u.from_pantry_g;
    u.expiring_left_g = std::max(0.0, pf.expiring_g - u.used_g);
    bought += u.bought_g / 1000.0 * pf.price_per_kg;
    out.pantry.push_back(u);
  }
  // The model's budget is for the whole period (the profile's weekly
  // budget scaled to the plan's days).
  const double recipes_cost = out.cost;
  out.cost += bought;
  if (spec.budget_per_week && ExceedsMax(recipes_cost, *spec.budget_per_week)) {
    out.violations.push_back("cost " + VerifyNum(recipes_cost) + " over the budget of " + VerifyNum(*spec.budget_per_week) +
                             " for the period");
  }
  return out;
}

}  // namespace hearth
