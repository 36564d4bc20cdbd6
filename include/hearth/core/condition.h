// Health conditions as data: each condition (hypertension, CKD stage 4,
// celiac disease, pregnancy extras, ...) is a file in data/conditions/ with
// its citations, the target changes it makes and the foods it excludes. The
// targets engine applies them; no condition is a code branch.
//
// Thread safety: plain values.
#ifndef HEARTH_CORE_CONDITION_H_
#define HEARTH_CORE_CONDITION_H_

#include <optional>
#include <string>
#include <vector>

#include "hearth/core/nutrients.h"
#include "hearth/core/traits.h"

namespace hearth {

struct Citation {
  std::string id;    // Short key referenced by rules, e.g. "kdigo2024".
  std::string text;  // Full reference: authors, title, publisher, year.
  std::string url;   // May be empty.
};

// How a rule's value is to be read.
enum class RuleKind : int {
  kMin = 0,           // Daily minimum in the nutrient's unit.
  kMax,               // Daily maximum in the nutrient's unit.
  kMinPctEnergy,      // Minimum as % of energy (needs the nutrient's kcal per unit).
  kMaxPctEnergy,      // Maximum as % of energy.
  kMinPerKgBody,      // Minimum per kg body weight per day (protein).
  kMaxPerKgBody,      // Maximum per kg body weight per day.
  kMinPer1000Kcal,    // Minimum per 1,000 kcal of the energy target (fiber).
  kMaxPer1000Kcal,
};

struct TargetRule {
  NutrientId nutrient;
  RuleKind kind;
  double value = 0;
  std::string citation;  // A Citation::id of the same condition.
  std::string note;      // Plain-language reason shown to the user.
};

// Foods whose name (SR28 long description, lower-cased) contains any of
// `any_of` and none of `none_of`, restricted to `groups` if non-empty.
struct FoodExclusionRule {
  std::vector<std::string> any_of;
  std::vector<std::string> none_of;
  std::vector<std::string> groups;  // SR28 food group codes, e.g. "1500".
  std::string citation;
  std::string note;
};

// A meal-distribution hint: no single meal may carry more than `max_share`
// of the day's amount of `nutrient` (e.g. carbohydrate spread for diabetes).
struct MealSpreadRule {
  NutrientId nutrient;
  double max_share = 1.0;
  std::string citation;
  std::string note;
};

struct Condition {
  std::string id;    // "hypertension", "ckd_stage_4", ...
  std::string name;  // "Hypertension".
  std::string summary;
  // Applied automatically for this life stage instead of being chosen by the
  // user: "pregnancy", "lactation", or empty.
  std::string applies_to_life_stage;
  std::vector<Citation> citations;
  std::vector<TargetRule> targets;
  std::vector<Allergen> exclude_allergens;  // Hard exclusions.
  std::vector<Diet> require_diets;          // Every recipe must fit these.
  std::vector<FoodExclusionRule> exclude_foods;
  std::vector<MealSpreadRule> meal_spread;
  std::vector<std::string> notes;  // Advice that is not a planner rule.
};

}  // namespace hearth

#endif  // HEARTH_CORE_CONDITION_H_
