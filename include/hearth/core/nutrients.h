// The nutrient registry: the one list of nutrients the planner knows, with
// their stable ids ("protein_g"), display names, units and the USDA SR28
// nutrient number each is read from. Every other module refers to nutrients
// by NutrientId (an index into this registry) or by its string id.
//
// Thread safety: immutable after static initialisation.
#ifndef HEARTH_CORE_NUTRIENTS_H_
#define HEARTH_CORE_NUTRIENTS_H_

#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace hearth {

// Index into the registry, stable for a release (order of kNutrients).
enum class NutrientId : int {
  kEnergyKcal = 0, kEnergyKj, kProtein, kFat, kSaturatedFat, kMonounsaturatedFat,
  kPolyunsaturatedFat, kTransFat, kCholesterol, kCarbohydrate, kFiber, kSugars, kWater, kAlcohol,
  kCalcium, kIron, kMagnesium, kPhosphorus, kPotassium, kSodium, kZinc, kCopper, kManganese,
  kSelenium, kVitaminA, kVitaminC, kVitaminD, kVitaminE, kVitaminK, kThiamin, kRiboflavin, kNiacin,
  kPantothenicAcid, kVitaminB6, kFolateDfe, kFolateTotal, kVitaminB12, kCholine, kAla,
  kLinolenicUndiff, kEpa, kDha, kDpa, kLinoleic,
};

inline constexpr int kNumNutrients = 44;

struct NutrientInfo {
  NutrientId id;
  std::string_view key;       // Stable id used in files and JSON, e.g. "vitamin_d_ug".
  std::string_view name;      // Display name, e.g. "Vitamin D".
  std::string_view unit;      // "g", "mg", "µg", "kcal", "kJ".
  std::string_view sr28_tag;  // Column in the SR28 wide table, e.g. "vitd_ug".
  int sr28_nutr_no;           // SR28 NUTR_DEF number, e.g. 328.
};

// All nutrients in NutrientId order.
std::span<const NutrientInfo, kNumNutrients> AllNutrients();
const NutrientInfo& Info(NutrientId id);
// Looks up a nutrient by its key ("protein_g"); nullopt if unknown.
std::optional<NutrientId> NutrientFromKey(std::string_view key);

inline constexpr int Index(NutrientId id) { return static_cast<int>(id); }

// A fixed vector of amounts, one per registry nutrient (per 100 g, per
// serving or per day depending on context; the owner says which).
using NutrientVector = std::array<double, kNumNutrients>;

inline NutrientVector& operator+=(NutrientVector& a, const NutrientVector& b) {
  for (int i = 0; i < kNumNutrients; ++i) a[i] += b[i];
  return a;
}

// Returns v scaled by `factor`.
NutrientVector Scaled(const NutrientVector& v, double factor);

}  // namespace hearth

#endif  // HEARTH_CORE_NUTRIENTS_H_
