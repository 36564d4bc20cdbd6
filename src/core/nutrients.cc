#include "hearth/core/nutrients.h"

namespace hearth {
namespace {

using N = NutrientId;
constexpr std::array<NutrientInfo, kNumNutrients> kNutrients = {{
    {N::kEnergyKcal, "energy_kcal", "Energy", "kcal", "enerc_kcal_kcal", 208},
    {N::kEnergyKj, "energy_kj", "Energy (kJ)", "kJ", "enerc_kj_kj", 268},
    {N::kProtein, "protein_g", "Protein", "g", "procnt_g", 203},
    {N::kFat, "fat_g", "Total fat", "g", "fat_g", 204},
    {N::kSaturatedFat, "saturated_fat_g", "Saturated fat", "g", "fasat_g", 606},
    {N::kMonounsaturatedFat, "monounsaturated_fat_g", "Monounsaturated fat", "g", "fams_g", 645},
    {N::kPolyunsaturatedFat, "polyunsaturated_fat_g", "Polyunsaturated fat", "g", "fapu_g", 646},
    {N::kTransFat, "trans_fat_g", "Trans fat", "g", "fatrn_g", 605},
    {N::kCholesterol, "cholesterol_mg", "Cholesterol", "mg", "chole_mg", 601},
    {N::kCarbohydrate, "carbohydrate_g", "Carbohydrate", "g", "chocdf_g", 205},
    {N::kFiber, "fiber_g", "Dietary fiber", "g", "fibtg_g", 291},
    {N::kSugars, "sugars_g", "Total sugars", "g", "sugar_g", 269},
    {N::kWater, "water_g", "Water", "g", "water_g", 255},
    {N::kAlcohol, "alcohol_g", "Alcohol", "g", "alc_g", 221},
    {N::kCalcium, "calcium_mg", "Calcium", "mg", "ca_mg", 301},
    {N::kIron, "iron_mg", "Iron", "mg", "fe_mg", 303},
    {N::kMagnesium, "magnesium_mg", "Magnesium", "mg", "mg_mg", 304},
    {N::kPhosphorus, "phosphorus_mg", "Phosphorus", "mg", "p_mg", 305},
    {N::kPotassium, "potassium_mg", "Potassium", "mg", "k_mg", 306},
    {N::kSodium, "sodium_mg", "Sodium", "mg", "na_mg", 307},
    {N::kZinc, "zinc_mg", "Zinc", "mg", "zn_mg", 309},
    {N::kCopper, "copper_mg", "Copper", "mg", "cu_mg", 312},
    {N::kManganese, "manganese_mg", "Manganese", "mg", "mn_mg", 315},
    {N::kSelenium, "selenium_ug", "Selenium", "µg", "se_ug", 317},
    {N::kVitaminA, "vitamin_a_rae_ug", "Vitamin A (RAE)", "µg", "vita_rae_ug", 320},
    {N::kVitaminC, "vitamin_c_mg", "Vitamin C", "mg", "vitc_mg", 401},
    {N::kVitaminD, "vitamin_d_ug", "Vitamin D", "µg", "vitd_ug", 328},
    {N::kVitaminE, "vitamin_e_mg", "Vitamin E (α-tocopherol)", "mg", "tocpha_mg", 323},
    {N::kVitaminK, "vitamin_k_ug", "Vitamin K", "µg", "vitk1_ug", 430},
    {N::kThiamin, "thiamin_mg", "Thiamin", "mg", "thia_mg", 404},
    {N::kRiboflavin, "riboflavin_mg", "Riboflavin", "mg", "ribf_mg", 405},
    {N::kNiacin, "niacin_mg", "Niacin", "mg", "nia_mg", 406},
    {N::kPantothenicAcid, "pantothenic_acid_mg", "Pantothenic acid", "mg", "pantac_mg", 410},
    {N::kVitaminB6, "vitamin_b6_mg", "Vitamin B6", "mg", "vitb6a_mg", 415},
    {N::kFolateDfe, "folate_dfe_ug", "Folate (DFE)", "µg", "foldfe_ug", 435},
    {N::kFolateTotal, "folate_total_ug", "Folate (total)", "µg", "fol_ug", 417},
    {N::kVitaminB12, "vitamin_b12_ug", "Vitamin B12", "µg", "vitb12_ug", 418},
    {N::kCholine, "choline_mg", "Choline", "mg", "choln_mg", 421},
    {N::kAla, "ala_g", "α-Linolenic acid (n-3)", "g", "f18d3cn3_g", 851},
    {N::kLinolenicUndiff, "linolenic_18_3_g", "α-Linolenic acid (as 18:3 total)", "g", "f18d3_g", 619},
    {N::kEpa, "epa_g", "EPA (20:5 n-3)", "g", "f20d5_g", 629},
    {N::kDha, "dha_g", "DHA (22:6 n-3)", "g", "f22d6_g", 621},
    {N::kDpa, "dpa_g", "DPA (22:5 n-3)", "g", "f22d5_g", 631},
    {N::kLinoleic, "linoleic_g", "Linoleic acid (18:2 n-6)", "g", "f18d2_g", 618},
}};

constexpr bool RegistryInOrder() {
  for (int i = 0; i < kNumNutrients; ++i) {
    if (static_cast<int>(kNutrients[i].id) != i) return false;
  }
  return true;
}
static_assert(RegistryInOrder(), "kNutrients must be in NutrientId order");

}  // namespace

std::span<const NutrientInfo, kNumNutrients> AllNutrients() { return kNutrients; }

const NutrientInfo& Info(NutrientId id) { return kNutrients[Index(id)]; }

std::optional<NutrientId> NutrientFromKey(std::string_view key) {
  for (const auto& n : kNutrients) {
    if (n.key == key) return n.id;
  }
  return std::nullopt;
}

NutrientVector Scaled(const NutrientVector& v, double factor) {
  NutrientVector out{};
  for (int i = 0; i < kNumNutrients; ++i) out[i] = v[i] * factor;
  return out;
}

}  // namespace hearth
