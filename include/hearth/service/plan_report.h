// PlanReport: everything `hearth plan` shows about a solved plan, as plain
// values: the week (meals with servings per person), per-person coverage of
// the targets from the verified totals, totals, the objective's terms with
// the user's weights, and the explanation (binding constraints, shortfalls
// with their reasons, shadow prices in the user's units, why each recipe).
// The CLI prints it as text and JSON (docs/plan-json.md); nothing in it is
// computed by the printers.
//
// Thread safety: plain values; the functions are pure.
#ifndef HEARTH_SERVICE_PLAN_REPORT_H_
#define HEARTH_SERVICE_PLAN_REPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/nutrients.h"
#include "hearth/core/targets.h"
#include "hearth/planner/instance.h"
#include "hearth/planner/sensitivity.h"
#include "hearth/planner/solver.h"
#include "hearth/result.h"
#include "hearth/service/catalog.h"
#include "hearth/service/plan_builder.h"
#include "hearth/service/plan_verify.h"

namespace hearth {

// How a target fares over the plan. Stored as strings; add only at the end.
//   kOk: every day within the bounds (weekly targets: the average).
//   kLow: below the minimum, although the allowed recipes could reach it
//     (the plan traded it for cost, CO2e or other targets).
//   kHigh: above the maximum.
//   kShort: below the minimum and out of reach on any day with the recipes
//     the restrictions allow.
enum class CoverageStatus { kOk, kLow, kHigh, kShort };
std::string_view CoverageStatusName(CoverageStatus s);  // "ok", "low", "high", "short".

struct ReportPerson {
  std::string id;        // The member's id (profile name).
  double share = 1;      // Servings eaten per serving of a cell.
  double energy_kcal = 0;  // Estimated requirement.
};

// A meal's part of the day's total of one nutrient (the same for everyone in
// a household: each eats the same fraction of the day's food).
struct Contribution {
  NutrientId nutrient = NutrientId::kEnergyKcal;
  double amount = 0;          // For the first person, in the nutrient's unit.
  double percent_of_day = 0;  // Of that day's total of the nutrient.
};

struct ReportMeal {
  int cell = 0;  // day * slots + slot.
  int day = 0;   // 0-based.
  int slot = 0;
  std::string slot_name;
  std::string recipe_id;
  std::string recipe_name;
  bool skipped = false;  // An optional slot left empty ("no snack"): nothing eaten.
  double servings = 0;  // The cell's servings (share 1); 0 when skipped.
  std::vector<double> servings_per_person;  // share(p) * servings.
  double cost = 0;      // All people; money.
  double co2e_kg = 0;   // All people.
  double minutes = 0;   // Active cooking.
  // "Why this recipe": its largest contributions to the tight nutrients,
  // largest first (at most 3).
  std::vector<Contribution> why;
};

struct CoverageRow {
  NutrientId nutrient = NutrientId::kEnergyKcal;
  Averaging averaging = Averaging::kDaily;
  double average = 0;  // Per day over the plan.
  std::optional<double> min;
  std::optional<double> max;
  // average / min * 100, or average / max * 100 when there is no minimum.
  double percent = 0;
  CoverageStatus status = CoverageStatus::kOk;
  int days_below_min = 0;  // Daily targets: days below; weekly: 1 if the average is.
  int days_above_max = 0;
};

struct EnergyShareCoverage {
  NutrientId nutrient = NutrientId::kProtein;
  double average_fraction = 0;  // Of the person's energy, over the plan.
  std::optional<double> min_fraction;
  std::optional<double> max_fraction;
  CoverageStatus status = CoverageStatus::kOk;
  int days_outside = 0;
};

struct PersonCoverage {
  std::vector<CoverageRow> nutrients;  // Targets' order.
  std::vector<EnergyShareCoverage> energy_shares;
};

// One term of the objective: value = weight * amount.
struct ObjectiveTerm {
  std::string term;  // "cost", "co2e", "dislike", "cooking_time", "deviation".
  std::string unit;  // Currency code, "kg CO2e", "uses", "min", "% of a bound·day".
  double amount = 0;
  double weight = 0;
  double value = 0;
};

// A target the plan misses (on some days, or on the weekly average).
struct Shortfall {
  int person = 0;
  NutrientId nutrient = NutrientId::kEnergyKcal;
  bool below_min = true;  // false: above the maximum.
  double bound = 0;
  Averaging averaging = Averaging::kDaily;
  std::vector<int> days;        // 0-based days that miss it (daily targets).
  double worst_percent = 0;     // The worst day (or the average) as % of the bound.
  double average_percent = 0;   // The plan's average as % of the bound.
  // Below a minimum: the most one day can reach with the allowed recipes,
  // as % of the bound (+inf when unbounded); nullopt if unknown.
  std::optional<double> reachable_percent;
  struct Food {
    std::string id;    // SR28 NDB number, 5 digits.
    std::string name;
    double per_100_kcal = 0;  // The nutrient per 100 kcal of the food.
  };
  // Common SR28 foods every member may eat, richest in the nutrient per
  // 100 kcal (below-minimum shortfalls only).
  std::vector<Food> closing_foods;
  std::string reason;  // Full sentence, e.g. "at most 62 % reachable with ...".
};

// A row of the model that is at its bound in the LP optimum, with its
// shadow price in the user's units.
struct RowInsight {
  planner::RowKind kind = planner::RowKind::kDaily;
  int person = 0;
  std::optional<NutrientId> nutrient;  // Daily, weekly and energy-share rows.
  bool at_min = true;
  double bound = 0;     // In the row's unit (fraction for energy shares).
  std::string label;    // "Calcium ≥ 1,000 mg a day (Ana)".
  double price = 0;     // Objective change per unit of the bound.
  double step = 1;      // A readable step of the bound (100 mg, 1 µg, 1 %).
  double change = 0;    // price * step.
  bool in_money = false;  // The objective is money (only the cost weight is set).
  std::string text;     // "+100 mg calcium a day costs $0.18 a week".
};

// Planning with the pantry: one pantry food's use over the plan.
struct PantryLine {
  FoodId food;
  std::string name;
  double pantry_g = 0, used_g = 0, from_pantry_g = 0, bought_g = 0, left_g = 0;
  double expiring_g = 0, expiring_left_g = 0;
  double price_per_kg = 0;  // Of buying more.
};

struct PlanReport {
  std::vector<ReportPerson> people;
  int days = 0;
  std::vector<std::string> slots;
  std::string currency;  // Of the first person.
  std::vector<ReportMeal> meals;  // Cell order.
  // Verified totals: day_totals[day][person], from VerifyPlan.
  std::vector<std::vector<NutrientTotals>> day_totals;
  std::vector<PersonCoverage> coverage;  // Per person.
  double cost = 0;      // Whole plan, all people (verified).
  double co2e_kg = 0;
  double minutes = 0;
  std::string status;   // The solver status name ("optimal", "feasible").
  std::string solver;
  double objective = 0;  // Sum of the terms' values.
  std::vector<ObjectiveTerm> terms;
  std::optional<double> bound;
  std::optional<double> gap;
  std::vector<NutrientId> tight;  // Nutrients the "why" lines refer to.
  std::vector<RowInsight> binding;  // Largest |price| first.
  std::vector<Shortfall> shortfalls;  // Person, then target order.
  int excluded_recipes = 0;
  std::vector<std::string> notes;  // E.g. why shadow prices are missing.
  // Prices: "default" (data/costs) or "market" (vendors' products in stock).
  std::string prices = "default";
  std::vector<PantryLine> pantry;  // Empty unless planned with a pantry.
  // Planned with the market: foods the plan uses that no vendor has in stock
  // (priced at the default).
  std::vector<std::string> not_in_market;
};

// Builds the report of `outcome.plan` (REQUIRED) for `built`, with the
// verified totals `verified` (VerifyPlan of the same plan). Errors: the plan
// does not fit the instance (InvalidArgument); a sensitivity computation
// that fails is a note, not an error.
Result<PlanReport> BuildPlanReport(const Catalog& catalog, const std::vector<PlanMember>& household,
                                   const BuiltInstance& built, const planner::SolveOutcome& outcome,
                                   const VerifiedPlan& verified);

// One meal explained: its "why" and the next `k` recipes for the cell with
// the objective change of each swap (other cells unchanged).
struct MealAlternative {
  std::string recipe_id;
  std::string recipe_name;
  double servings = 0;
  double objective_change = 0;
};
struct MealExplanation {
  ReportMeal meal;
  std::vector<MealAlternative> alternatives;
};
// REQUIRES: `cell` is a meal of `report`, `plan` the plan it reports on.
MealExplanation ExplainMeal(const PlanReport& report, const BuiltInstance& built, const planner::Plan& plan,
                            int cell, int k);

// The most common SR28 foods that every member may eat (allergens, diets,
// condition food rules), richest in `nutrient` per 100 kcal; at most
// `limit`, one per food name head ("Spinach", "Lentils").
std::vector<Shortfall::Food> FoodsRichIn(const Catalog& catalog, const std::vector<PlanMember>& household,
                                         NutrientId nutrient, size_t limit);

// "1½", "¾", "2": servings to the nearest quarter.
std::string FormatServings(double servings);

}  // namespace hearth

#endif  // HEARTH_SERVICE_PLAN_REPORT_H_
