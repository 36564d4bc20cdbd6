#include "hearth/core/traits.h"

#include <array>

namespace hearth {
namespace {

// Indexed by the enum value; keep in enum order.
constexpr std::array<std::string_view, kNumAllergens> kAllergenKeys = {
    "milk",   "egg",    "fish",   "shellfish", "tree_nut",  "peanut", "wheat",    "soy",
    "sesame", "gluten", "celery", "mustard",   "sulphites", "lupin",  "molluscs",
};

constexpr std::array<std::string_view, kNumDiets> kDietKeys = {
    "vegan", "vegetarian", "pescatarian", "halal", "kosher", "gluten_free", "dairy_free",
};

}  // namespace

FoodTraits& FoodTraits::operator|=(const FoodTraits& o) {
  allergens |= o.allergens;
  meat = meat || o.meat;
  pork = pork || o.pork;
  fish = fish || o.fish;
  shellfish = shellfish || o.shellfish;
  dairy = dairy || o.dairy;
  egg = egg || o.egg;
  honey = honey || o.honey;
  alcohol = alcohol || o.alcohol;
  gluten = gluten || o.gluten;
  blood = blood || o.blood;
  non_kosher_species = non_kosher_species || o.non_kosher_species;
  non_halal_species = non_halal_species || o.non_halal_species;
  return *this;
}

std::string_view AllergenKey(Allergen a) {
  const int i = static_cast<int>(a);
  if (i < 0 || i >= kNumAllergens) return "unknown";
  return kAllergenKeys[static_cast<size_t>(i)];
}

std::string_view DietKey(Diet d) {
  const int i = static_cast<int>(d);
  if (i < 0 || i >= kNumDiets) return "unknown";
  return kDietKeys[static_cast<size_t>(i)];
}

std::optional<Allergen> AllergenFromKey(std::string_view key) {
  for (int i = 0; i < kNumAllergens; ++i) {
    if (kAllergenKeys[static_cast<size_t>(i)] == key) return static_cast<Allergen>(i);
  }
  return std::nullopt;
}

std::optional<Diet> DietFromKey(std::string_view key) {
  for (int i = 0; i < kNumDiets; ++i) {
    if (kDietKeys[static_cast<size_t>(i)] == key) return static_cast<Diet>(i);
  }
  return std::nullopt;
}

bool FitsDiet(const FoodTraits& t, Diet diet) {
  const bool any_meat = t.meat || t.pork || t.blood;
  switch (diet) {
    case Diet::kVegan:
      return !any_meat && !t.fish && !t.shellfish && !t.dairy && !t.egg && !t.honey &&
             !t.Has(Allergen::kMilk) && !t.Has(Allergen::kEgg) && !t.Has(Allergen::kFish) &&
             !t.Has(Allergen::kShellfish) && !t.Has(Allergen::kMolluscs);
    case Diet::kVegetarian:
      return !any_meat && !t.fish && !t.shellfish && !t.Has(Allergen::kFish) &&
             !t.Has(Allergen::kShellfish) && !t.Has(Allergen::kMolluscs);
    case Diet::kPescatarian:
      return !any_meat;
    case Diet::kHalal:
      return !t.pork && !t.alcohol && !t.blood && !t.non_halal_species;
    case Diet::kKosher:
      return !t.pork && !t.shellfish && !t.blood && !t.non_kosher_species &&
             !t.Has(Allergen::kShellfish) && !t.Has(Allergen::kMolluscs) &&
             !(t.meat && (t.dairy || t.Has(Allergen::kMilk)));
    case Diet::kGlutenFree:
      return !t.gluten && !t.Has(Allergen::kGluten) && !t.Has(Allergen::kWheat);
    case Diet::kDairyFree:
      return !t.dairy && !t.Has(Allergen::kMilk);
  }
  return false;
}

std::vector<Allergen> AllergensOf(const FoodTraits& traits) { return AllergensInMask(traits.allergens); }

std::vector<Allergen> AllergensInMask(uint32_t mask) {
  std::vector<Allergen> out;
  for (int i = 0; i < kNumAllergens; ++i) {
    if ((mask >> i) & 1u) out.push_back(static_cast<Allergen>(i));
  }
  return out;
}

std::vector<std::string> AllergenKeys(const std::vector<Allergen>& allergens) {
  std::vector<std::string> out;
  for (Allergen a : allergens) out.emplace_back(AllergenKey(a));
  return out;
}

std::vector<std::string> DietKeys(const std::vector<Diet>& diets) {
  std::vector<std::string> out;
  for (Diet d : diets) out.emplace_back(DietKey(d));
  return out;
}

std::string JoinKeys(const std::vector<std::string>& keys, std::string_view separator,
                     std::string_view none) {
  if (keys.empty()) return std::string(none);
  std::string out;
  for (const std::string& k : keys) {
    if (!out.empty()) out += separator;
    out += k;
  }
  return out;
}

std::vector<Diet> DietsOf(const FoodTraits& traits) {
  std::vector<Diet> out;
  for (int i = 0; i < kNumDiets; ++i) {
    const auto d = static_cast<Diet>(i);
    if (FitsDiet(traits, d)) out.push_back(d);
  }
  return out;
}

}  // namespace hearth
