// The food → allergen/diet mapping: a rules file (data/food_traits.json,
// documented in docs/food-traits.md) and the pure function that applies it to
// one SR28 food. Every recipe's allergens and diet fit are derived from the
// traits this produces; nothing is tagged by hand per recipe.
//
// A food's traits are built in this order:
//   1. the default of its SR28 food group (group_defaults),
//   2. every keyword rule that matches its lower-cased long description, in
//      file order (rules only ever add traits),
//   3. its per-NDB override, if any (adds, then removes, with a reason),
//   4. the implications: wheat ⇒ gluten, each allergen ⇔ its diet flag
//      (milk ⇔ dairy, egg ⇔ egg, fish ⇔ fish, gluten ⇔ gluten, crustacean
//      shellfish or molluscs ⇒ shellfish, shellfish without a kind ⇒ both
//      kinds), pork ⇒ meat.
//
// Thread safety: FoodTraitRules is immutable after loading; DeriveFoodTraits
// is pure and may be called from any thread.
#ifndef HEARTH_IMPORTER_FOOD_TRAITS_H_
#define HEARTH_IMPORTER_FOOD_TRAITS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hearth/core/food.h"
#include "hearth/core/traits.h"
#include "hearth/result.h"

namespace hearth {

// Traits every food of one SR28 food group starts with.
struct FoodGroupDefault {
  std::string group_code;  // "1300".
  std::string name;        // "Beef Products" (documentation only).
  FoodTraits add;
  std::string reason;
};

// A keyword rule on the lower-cased long description. It matches when the
// food is in one of `groups` (or `groups` is empty) and in none of
// `not_groups`, at least one `any_of`
// term occurs (or `any_of` is empty), every `all_of` term occurs and no
// `none_of` term occurs. At least one of groups, any_of, all_of is non-empty.
// Terms match at word boundaries, a trailing "s" or "es" allowed ("egg"
// matches "eggs" but not "eggplant"); a term ending in '*' matches any word
// starting with it ("almond*" matches "almondine"). An occurrence right after
// "without ", "no ", "non-", "non ", "not " or "other than ", or right before
// "-free", " free" or "- free", does not count ("without peanuts",
// "non-alcoholic", "gluten-free"); "meatless" never matches "meat" (another
// word).
struct FoodTraitRule {
  std::string id;  // Unique, e.g. "peanut".
  std::vector<std::string> groups;
  std::vector<std::string> not_groups;
  std::vector<std::string> any_of;
  std::vector<std::string> all_of;
  std::vector<std::string> none_of;
  FoodTraits add;
  std::string reason;
};

// A fix for one food, applied after all rules.
struct FoodTraitOverride {
  FoodId id;
  FoodTraits add;
  FoodTraits remove;  // Removing a trait also removes the traits implying it.
  std::string reason;
};

struct FoodTraitRules {
  int version = 1;
  std::vector<FoodGroupDefault> group_defaults;
  std::vector<FoodTraitRule> rules;
  std::vector<FoodTraitOverride> overrides;  // At most one per NDB.

  // Which rules can match a description, by the first word of their
  // positive (any_of / all_of) terms: filled by IndexFoodTraitRules (the
  // loader calls it). Without it every rule is tried; with it only the rules
  // whose first words occur, which makes deriving all 8,789 foods ~20× faster.
  struct Index {
    bool built = false;
    std::unordered_map<std::string, std::vector<int>> word;    // Whole-word first words.
    std::unordered_map<std::string, std::vector<int>> prefix;  // First words of "term*".
    std::vector<int> always;  // Rules without positive terms (group-only).
  };
  Index index;
};

// Builds rules.index. Call again after changing rules.
void IndexFoodTraitRules(FoodTraitRules& rules);

// Reads and validates a rules file. Fails with InvalidArgument, naming the
// path, the entry and the field ("rules[3].allergens[0]: unknown allergen
// \"penut\""), on malformed JSON, an unknown or missing field, an unknown
// allergen or "contains" key, a term that is empty or not lower case, a group
// code that is not 4 digits, a bad or duplicate NDB, a duplicate rule id or
// group, or a missing reason. NotFound if the file cannot be read.
Result<FoodTraitRules> LoadFoodTraitRules(const std::string& path);
// As LoadFoodTraitRules, from text; errors are prefixed with `source`.
Result<FoodTraitRules> ParseFoodTraitRules(std::string_view json_text,
                                           std::string_view source = "food traits");

// The traits of `food` (uses id, group_code and name only). Pure.
FoodTraits DeriveFoodTraits(const FoodTraitRules& rules, const Food& food);

// Which group default, rules and override gave `food` its traits, e.g.
// {"group:0100", "rule:butter", "override:01001"}; for explanations and review.
std::vector<std::string> ExplainFoodTraits(const FoodTraitRules& rules, const Food& food);

// Whether lower-cased `text` contains `term` under the matching rules above.
bool MatchesTerm(std::string_view text, std::string_view term);

// The keys of the diet-relevant flags accepted in "contains" ("meat", "pork",
// "fish", "shellfish", "dairy", "egg", "honey", "alcohol", "gluten", "blood",
// "non_kosher_species", "non_halal_species").
std::vector<std::string_view> FoodTraitFlagKeys();

// "allergens=[milk,egg] contains=[dairy,egg]"; for messages and tests.
std::string DescribeFoodTraits(const FoodTraits& traits);

}  // namespace hearth

#endif  // HEARTH_IMPORTER_FOOD_TRAITS_H_
