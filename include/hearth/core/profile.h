// A person's health profile: the inputs from which daily nutrient targets and
// the planner's exclusions are derived. Documented file format:
// docs/profile-format.md; examples in examples/profiles/.
//
// Thread safety: plain values.
#ifndef HEARTH_CORE_PROFILE_H_
#define HEARTH_CORE_PROFILE_H_

#include <optional>
#include <string>
#include <vector>

#include "hearth/core/dri.h"
#include "hearth/core/nutrients.h"
#include "hearth/core/traits.h"

namespace hearth {

// The user's own weights for the planner's objective; shown with every plan.
struct ObjectiveWeights {
  double cost = 1.0;        // Per unit of money.
  double co2e_kg = 0.0;     // Per kg CO2e.
  double dislike = 1.0;     // Per use of a disliked recipe (soft dislikes).
  double time_min = 0.0;    // Per minute of active cooking time.
  double deviation = 10.0;  // Per % of a target missed (soft bounds).
};

// An explicit target set by a nutritionist (or the user), recorded with its
// author; it replaces the computed bound(s) for that nutrient.
struct TargetOverride {
  NutrientId nutrient;
  std::optional<double> min;
  std::optional<double> max;
  std::string author;  // Who set it, e.g. "Dr. A. Rivera, RD".
  std::string reason;  // Why, shown beside the target.
};

enum class EnergyEquationChoice : int { kEer2023 = 0, kMifflinStJeor };

struct Profile {
  std::string name;
  double age_years = 0;
  Sex sex = Sex::kFemale;
  double height_cm = 0;
  double weight_kg = 0;
  ActivityLevel activity = ActivityLevel::kLowActive;
  int pregnancy_trimester = 0;      // 0 = not pregnant, else 1..3.
  int lactation_months = 0;         // 0 = not lactating, else months postpartum 1..24.
  std::vector<std::string> conditions;  // Condition ids (data/conditions/).
  std::vector<Allergen> allergies;
  std::vector<Diet> diets;
  std::vector<std::string> dislikes;  // Food words or recipe ids.
  bool dislikes_hard = false;         // true: never plan them; false: a penalty per use.
  std::optional<double> budget_per_week;
  std::string currency = "USD";
  ObjectiveWeights weights;
  EnergyEquationChoice energy_equation = EnergyEquationChoice::kEer2023;
  // Half-width of the energy band around the estimated requirement, in %.
  // Default: 10 (the SD of the EER equations is about ±7-10 % for adults).
  double energy_tolerance_pct = 10.0;
  // Nutrients to bound on the weekly average instead of every day (adds to
  // the defaults in docs/targets.md); `daily_nutrients` removes from them.
  std::vector<NutrientId> weekly_nutrients;
  std::vector<NutrientId> daily_nutrients;
  std::vector<TargetOverride> overrides;

  bool pregnant() const { return pregnancy_trimester > 0; }
  bool lactating() const { return lactation_months > 0; }
};

// The DRI group the profile falls in (pregnancy and lactation rows apply from
// age 14; younger pregnancies use the female rows).
LifeStage LifeStageOf(const Profile& p);

}  // namespace hearth

#endif  // HEARTH_CORE_PROFILE_H_
