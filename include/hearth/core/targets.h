// Daily nutrient targets computed from a Profile, the DRI tables and the
// profile's conditions, each bound carrying its source so every screen can
// cite it. See docs/targets.md for the rules.
//
// Thread safety: plain values; ComputeTargets is a pure function.
#ifndef HEARTH_CORE_TARGETS_H_
#define HEARTH_CORE_TARGETS_H_

#include <optional>
#include <string>
#include <vector>

#include "hearth/core/condition.h"
#include "hearth/core/dri.h"
#include "hearth/core/profile.h"
#include "hearth/result.h"

namespace hearth {

// Where a bound comes from. Stored as strings in JSON; add only at the end.
enum class BoundKind : int {
  kRda = 0, kAi, kEar, kUl, kCdrr, kAmdr, kEer, kGuideline, kCondition, kOverride,
};
std::string_view BoundKindName(BoundKind k);  // "RDA", "AI", ..., "override".

struct Source {
  std::string table;  // Data file, e.g. "data/dri/dri_values_long.csv"; empty for code rules.
  int row = 0;        // 1-based line in `table` (0 if none).
  std::string citation;  // Human-readable reference.
};

struct Bound {
  double value = 0;
  BoundKind kind = BoundKind::kRda;
  Source source;
  std::string note;
};

enum class Averaging : int { kDaily = 0, kWeekly };

struct NutrientTarget {
  NutrientId nutrient;
  std::optional<Bound> min;        // Daily minimum (RDA, else AI; conditions may raise it).
  std::optional<Bound> max;        // Daily maximum (UL; CDRR for sodium; conditions may lower it).
  std::optional<Bound> ear;        // For reference: the EAR, when one exists.
  std::optional<Bound> reference;  // Shown, not enforced (e.g. sodium AI).
  Averaging averaging = Averaging::kDaily;
  std::vector<std::string> notes;  // e.g. why a UL is not applied to food.
};

// A bound on a nutrient's share of the day's energy (AMDR, saturated fat).
struct EnergyShareTarget {
  NutrientId nutrient;
  double kcal_per_unit = 0;  // 4 for protein and carbohydrate, 9 for fats.
  std::optional<Bound> min_fraction;  // e.g. 0.10
  std::optional<Bound> max_fraction;  // e.g. 0.35
};

struct Targets {
  LifeStage life_stage;
  std::string life_stage_label;  // "females 19-30 yr", "pregnancy 19-30 yr (trimester 2)".
  double energy_kcal = 0;        // Estimated requirement (the middle of the band).
  std::string energy_method;     // Which equation, with its source.
  std::vector<NutrientTarget> nutrients;  // Registry order; only nutrients with some bound.
  std::vector<EnergyShareTarget> energy_shares;
  std::vector<MealSpreadRule> meal_spread;
  uint32_t excluded_allergens = 0;  // Bit per Allergen (allergies + conditions).
  std::vector<Diet> required_diets;  // Diet pattern + conditions.
  std::vector<FoodExclusionRule> excluded_foods;
  std::vector<std::string> conditions;  // Condition ids applied (incl. life-stage ones).
  std::vector<std::string> notes;       // Conflicts resolved, fallbacks used, advice.

  const NutrientTarget* Find(NutrientId n) const;
};

// Everything ComputeTargets reads besides the profile.
struct TargetInputs {
  const DriTables* dri = nullptr;
  const std::vector<Condition>* conditions = nullptr;  // All known conditions.
};

// Computes the targets. Fails with InvalidArgument naming the field when the
// profile is invalid (see ValidateProfile) or names an unknown condition.
Result<Targets> ComputeTargets(const Profile& profile, const TargetInputs& in);

// Checks every field's range; the message names the field and the accepted
// range, e.g. "age_years: 300 is outside 0-120".
Status ValidateProfile(const Profile& profile);

// Estimated energy requirement (kcal/day) and a description of the method.
struct EnergyEstimate {
  double kcal = 0;
  std::string method;
  Source source;
};
Result<EnergyEstimate> EstimateEnergy(const Profile& profile, const DriTables& dri);

}  // namespace hearth

#endif  // HEARTH_CORE_TARGETS_H_
