// The solver-neutral weekly plan model: a `PlanInstance` (recipes, a plan
// grid of days x slots, nutrient rows, variety, budget, exclusions and
// objective weights) and a `Plan` (one recipe and a serving amount per cell).
// It mirrors the `mealplan-instance` format (docs: spec plan-instance.md) one
// to one; ids are resolved to indices once, at read time.
//
// Extensions the file format does not have (hearth's own plans use them;
// InstanceToJson refuses an instance that does):
//   - Rows carry a `penalty`: +infinity means hard. A finite penalty marks a
//     soft row whose violation costs `penalty` per unit of the row; the
//     solvers add it to the objective and the verifier reports it.
//   - People: a household shares each cell's recipe. Person p eats
//     `people[p].share` times the cell's servings, so every person's rows
//     (NutrientRow::person) are rows of the same decision. No people = one
//     person with share 1.
//   - Per-meal caps (a nutrient per meal per person at most `max`), a
//     per-day cooking-time limit, fixed cells (a user's own choice), and
//     "no meal" recipes (RecipeDef::skip) that make a slot optional.
//
// Thread safety: plain values.
#ifndef HEARTH_PLANNER_INSTANCE_H_
#define HEARTH_PLANNER_INSTANCE_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace hearth::planner {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// Relative tolerance of every hard rule: `value <= max + kRuleTolerance *
// max(1, |max|)`.
inline constexpr double kRuleTolerance = 1e-6;

struct NutrientDef {
  std::string id;    // Unique, e.g. "protein_g".
  std::string unit;  // Free text, e.g. "g".
};

struct RecipeDef {
  std::string id;    // Unique, e.g. "r00012".
  std::string name;  // Display only.
  // Indices into PlanSpec::slots the recipe may fill. Slot names the plan does
  // not have are dropped at read time.
  std::vector<int> slots;
  std::vector<double> nutrients;  // Per serving, one per PlanInstance::nutrients, >= 0.
  double cost = 0;                // Money per serving, >= 0.
  double co2e_kg = 0;             // kg CO2e per serving, >= 0.
  std::vector<std::string> allergens;
  std::vector<std::string> tags;
  double minutes = 0;  // Active cooking time per use (not per serving), >= 0.
  // "No meal": fills an optional slot with nothing (its nutrients and cost
  // are zero); exempt from the variety limits.
  bool skip = false;
};

// lo <= total <= hi; an absent bound is -inf / +inf.
struct NutrientRow {
  int nutrient = 0;  // Index into PlanInstance::nutrients.
  double min = -kInf;
  double max = kInf;
  double penalty = kInf;  // Per unit of violation; +inf = hard.
  int person = 0;         // Index into PlanInstance::people (0 without people).
};

// kcal_per_unit * day_total(nutrient) in [min, max] * day_energy.
struct EnergyShareRow {
  int nutrient = 0;
  double kcal_per_unit = 0;
  double min = -kInf;  // Fraction of energy; -inf = none.
  double max = kInf;
  double penalty = kInf;  // Per kcal of violation; +inf = hard.
  int person = 0;
};

// share * servings * nutrient(recipe) <= max in every cell, for one person:
// e.g. carbohydrate spread over the day's meals. Always hard.
struct MealCapRow {
  int nutrient = 0;
  double max = kInf;
  int person = 0;
};

struct ServingsSpec {
  double min = 1;
  double max = 1;
  double step = 0;  // 0 = continuous.
};

struct ObjectiveWeights {
  double cost = 0;      // Per unit of money.
  double co2e_kg = 0;   // Per kg CO2e.
  double dislike = 0;   // Per use times the recipe's dislike value.
  double minutes = 0;   // Per minute of active cooking (per use).
};

// A cell the user has chosen: the solver keeps `recipe` there (and the
// servings, when given).
struct FixedCell {
  int cell = 0;  // day * num_slots + slot.
  int recipe = 0;
  std::optional<double> servings;
};

struct PlanSpec {
  int days = 7;  // 1..28.
  std::vector<std::string> slots;
  ServingsSpec servings;
  std::optional<int> max_uses_per_week;
  std::optional<int> max_uses_per_day;
  std::vector<std::string> exclude_allergens;
  std::vector<std::string> exclude_tags;
  std::vector<std::string> exclude_recipes;
  std::optional<double> budget_per_week;
  std::vector<NutrientRow> daily;
  std::vector<NutrientRow> weekly_average;
  std::vector<EnergyShareRow> energy_share;
  std::vector<MealCapRow> per_meal;
  std::optional<double> max_minutes_per_day;  // Active cooking time, hard.
  std::vector<FixedCell> fixed;
  ObjectiveWeights objective;
  std::vector<double> dislike;  // One per recipe (zeros when absent in the file).
};

struct Person {
  std::string id;      // Display, e.g. the profile's name.
  double share = 1.0;  // Servings eaten per serving of the cell, > 0.
};

struct PlanInstance {
  std::string name;
  std::vector<NutrientDef> nutrients;
  std::vector<RecipeDef> recipes;
  PlanSpec plan;
  std::vector<Person> people;  // Empty = one person, share 1.
  // Index of "energy_kcal" in `nutrients`, or -1.
  int energy_nutrient = -1;

  int num_slots() const { return static_cast<int>(plan.slots.size()); }
  int num_cells() const { return plan.days * num_slots(); }
  int num_people() const { return people.empty() ? 1 : static_cast<int>(people.size()); }
  double share(int person) const { return people.empty() ? 1.0 : people[static_cast<size_t>(person)].share; }
  // Servings cooked per serving of a cell: the sum of the shares.
  double total_share() const;
  // Whether the instance uses anything the file format cannot hold.
  bool uses_extensions() const;
};

// One cell (day, slot) of a plan: cell index = day * num_slots + slot.
struct PlanCell {
  int recipe = -1;  // Index into PlanInstance::recipes.
  double servings = 0;  // Per share 1; person p eats share(p) * servings.
};

struct Plan {
  std::vector<PlanCell> cells;
};

// True if recipe `r` is excluded by the plan's allergens, tags or ids.
bool IsExcluded(const PlanInstance& instance, int r);

// The allowed serving amounts when step > 0 (ascending); empty when
// continuous.
std::vector<double> ServingLevels(const ServingsSpec& servings);

// The weighted objective terms of `plan` recomputed from the instance (cost,
// CO2e, dislike, cooking time; no feasibility check and no soft-row
// penalties: CheckInstancePlan adds those).
// REQUIRES: plan.cells.size() == instance.num_cells(), recipes in range.
double PlanObjective(const PlanInstance& instance, const Plan& plan);

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_INSTANCE_H_
