// The solver-neutral weekly plan model: a `PlanInstance` (recipes, a plan
// grid of days x slots, nutrient rows, variety, budget, exclusions and
// objective weights) and a `Plan` (one recipe and a serving amount per cell).
// It mirrors the `mealplan-instance` format (docs: spec plan-instance.md) one
// to one; ids are resolved to indices once, at read time.
//
// Rows carry a `penalty` field: +infinity means hard (the only kind the file
// format has). A finite penalty marks a soft row whose violation costs
// `penalty` per unit; the verifier reports soft shortfalls instead of failing.
// Households (several people sharing one cell's recipe with their own
// servings and targets) will add a people dimension: `Plan` cells then hold
// one serving amount per person; today there is exactly one person.
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
};

// lo <= total <= hi; an absent bound is -inf / +inf.
struct NutrientRow {
  int nutrient = 0;  // Index into PlanInstance::nutrients.
  double min = -kInf;
  double max = kInf;
  double penalty = kInf;  // Per unit of violation; +inf = hard.
};

// kcal_per_unit * day_total(nutrient) in [min, max] * day_energy.
struct EnergyShareRow {
  int nutrient = 0;
  double kcal_per_unit = 0;
  double min = -kInf;  // Fraction of energy; -inf = none.
  double max = kInf;
  double penalty = kInf;
};

struct ServingsSpec {
  double min = 1;
  double max = 1;
  double step = 0;  // 0 = continuous.
};

struct ObjectiveWeights {
  double cost = 0;
  double co2e_kg = 0;
  double dislike = 0;
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
  ObjectiveWeights objective;
  std::vector<double> dislike;  // One per recipe (zeros when absent in the file).
};

struct PlanInstance {
  std::string name;
  std::vector<NutrientDef> nutrients;
  std::vector<RecipeDef> recipes;
  PlanSpec plan;
  // Index of "energy_kcal" in `nutrients`, or -1.
  int energy_nutrient = -1;

  int num_slots() const { return static_cast<int>(plan.slots.size()); }
  int num_cells() const { return plan.days * num_slots(); }
};

// One cell (day, slot) of a plan: cell index = day * num_slots + slot.
struct PlanCell {
  int recipe = -1;  // Index into PlanInstance::recipes.
  double servings = 0;
};

struct Plan {
  std::vector<PlanCell> cells;
};

// True if recipe `r` is excluded by the plan's allergens, tags or ids.
bool IsExcluded(const PlanInstance& instance, int r);

// The allowed serving amounts when step > 0 (ascending); empty when
// continuous.
std::vector<double> ServingLevels(const ServingsSpec& servings);

// The objective of `plan` recomputed from the instance (no feasibility check).
// REQUIRES: plan.cells.size() == instance.num_cells(), recipes in range.
double PlanObjective(const PlanInstance& instance, const Plan& plan);

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_INSTANCE_H_
