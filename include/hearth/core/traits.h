// Allergens and diet fit. A recipe's traits are derived from its foods' traits
// (never tagged by hand); a food's traits come from the one documented
// food → trait mapping in data/food_traits.json (see docs/food-traits.md).
//
// Thread safety: plain values.
#ifndef HEARTH_CORE_TRAITS_H_
#define HEARTH_CORE_TRAITS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

// The union of the US FDA major 9 and the EU 14 allergens. Add only at the end.
enum class Allergen : int {
  kMilk = 0, kEgg, kFish, kShellfish /* FDA crustacean shellfish; EU crustaceans */, kTreeNut,
  kPeanut, kWheat, kSoy, kSesame, kGluten /* EU: cereals containing gluten */, kCelery, kMustard,
  kSulphites, kLupin, kMolluscs,
};
inline constexpr int kNumAllergens = 15;

// Diet patterns a recipe may fit. Add only at the end.
enum class Diet : int {
  kVegan = 0, kVegetarian, kPescatarian, kHalal, kKosher, kGlutenFree, kDairyFree,
};
inline constexpr int kNumDiets = 7;

std::string_view AllergenKey(Allergen a);  // "milk", "tree_nut", ...
std::string_view DietKey(Diet d);          // "vegan", "gluten_free", ...
std::optional<Allergen> AllergenFromKey(std::string_view key);
std::optional<Diet> DietFromKey(std::string_view key);

// What a food is made of, as far as allergens and diet rules care.
// Each flag is a set bit; a recipe's traits are the OR of its foods' traits.
struct FoodTraits {
  uint32_t allergens = 0;  // Bit per Allergen.
  // Diet-relevant contents; a diet is violated by any of them (see DietForbids).
  bool meat = false;        // Flesh of land animals and birds.
  bool pork = false;        // Pig meat, lard, gelatin of unknown origin.
  bool fish = false;        // Finfish.
  bool shellfish = false;   // Crustaceans, molluscs and other sea invertebrates.
  bool dairy = false;       // Milk and milk products.
  bool egg = false;
  bool honey = false;       // Animal-derived but not flesh (excluded by vegan).
  bool alcohol = false;     // Wine, beer, spirits (excluded by halal).
  bool gluten = false;      // Wheat, barley, rye, spelt, triticale (and oats unless labelled).
  bool blood = false;       // Blood products (excluded by halal and kosher).
  // Animals other than the pig and shellfish that the dietary law excludes.
  bool non_kosher_species = false;  // Scaleless fish (catfish, eel, shark...), rabbit, horse, game.
  bool non_halal_species = false;   // Carnivores (bear...), amphibians and reptiles (frog, turtle).

  bool Has(Allergen a) const { return (allergens >> static_cast<int>(a)) & 1u; }
  void Add(Allergen a) { allergens |= 1u << static_cast<int>(a); }
  FoodTraits& operator|=(const FoodTraits& o);
};

// Whether food(s) with `traits` fit `diet`. Kosher is judged on ingredients
// only (no meat with dairy in one dish, no pork, no shellfish, no blood, no
// non-kosher species); certification of slaughter is out of scope and said so
// in docs/food-traits.md. Halal likewise (no pork, alcohol, blood or
// non-halal species). Gluten-free also rejects the wheat and gluten
// allergens; dairy-free also rejects the milk allergen.
bool FitsDiet(const FoodTraits& traits, Diet diet);

// The allergens set in `traits`, in enum order.
std::vector<Allergen> AllergensOf(const FoodTraits& traits);
// The diets `traits` fits, in enum order.
std::vector<Diet> DietsOf(const FoodTraits& traits);

// The allergens whose bits are set in `mask` (bit per Allergen), in enum order.
std::vector<Allergen> AllergensInMask(uint32_t mask);
// Stable keys of a list, e.g. {"milk", "peanut"}; for JSON and display.
std::vector<std::string> AllergenKeys(const std::vector<Allergen>& allergens);
std::vector<std::string> DietKeys(const std::vector<Diet>& diets);
// "a, b, c" (or `none` when empty).
std::string JoinKeys(const std::vector<std::string>& keys, std::string_view separator = ", ",
                     std::string_view none = "");

}  // namespace hearth

#endif  // HEARTH_CORE_TRAITS_H_
