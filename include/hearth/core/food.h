// Foods: the USDA SR28 composition table (per 100 g edible portion) with its
// household measures, and the derived allergen and diet traits of each food.
//
// Thread safety: a FoodDb is immutable after loading; const methods may be
// called from any thread.
#ifndef HEARTH_CORE_FOOD_H_
#define HEARTH_CORE_FOOD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hearth/core/nutrients.h"
#include "hearth/core/traits.h"

namespace hearth {

// SR28 NDB number, e.g. 9003 for "Apples, raw, with skin". Printed as 5 digits.
struct FoodId {
  int32_t ndb = 0;
  friend bool operator==(FoodId a, FoodId b) = default;
  friend auto operator<=>(FoodId a, FoodId b) = default;
};
// "09003".
std::string FormatFoodId(FoodId id);
// Parses "09003" or "9003"; nullopt if not a positive number of at most 5 digits.
std::optional<FoodId> ParseFoodId(std::string_view text);

// One SR28 household measure: `amount` × `description` weighs `grams`.
struct HouseholdMeasure {
  double amount = 1;
  std::string description;  // "cup, chopped"
  double grams = 0;
};

struct Food {
  FoodId id;
  std::optional<int64_t> fdc_id;  // FoodData Central "SR Legacy" id, when linked.
  std::string group_code;         // SR28 food group code, e.g. "0900".
  std::string group;              // "Fruits and Fruit Juices".
  std::string name;               // SR28 long description.
  std::string common_names;       // SR28 common names, may be empty.
  std::string manufacturer;       // Non-empty for branded items.
  bool survey = false;            // Used in the US dietary survey (FNDDS): a commonly eaten food.
  double refuse_pct = 0;          // Inedible share of the purchased weight, %.
  NutrientVector per_100g{};      // Amounts per 100 g edible portion; 0 where not reported.
  uint64_t reported_mask = 0;     // Bit i set when nutrient i was reported by SR28.
  std::vector<HouseholdMeasure> measures;
  FoodTraits traits;              // Allergens and diet fit, derived from data/food_traits.json.

  bool Reported(NutrientId n) const { return (reported_mask >> Index(n)) & 1u; }
};

// The loaded food table with lookups by id and ranked text search.
class FoodDb {
 public:
  FoodDb() = default;
  explicit FoodDb(std::vector<Food> foods);

  const std::vector<Food>& foods() const { return foods_; }
  // nullptr if `id` is not in the table.
  const Food* Find(FoodId id) const;

  struct SearchHit {
    const Food* food;
    double score;
  };
  // Ranks foods whose name matches all words of `query` (case-insensitive,
  // simple plural folding): names that start with the query's first word and
  // plain/raw forms rank first. Returns at most `limit` hits, best first;
  // ties break by NDB number so results are deterministic.
  std::vector<SearchHit> Search(std::string_view query, size_t limit = 20) const;

 private:
  // Search index: per food, its stemmed name words, common-name words and
  // how many words the name's first comma-separated part has.
  struct SearchKey {
    std::vector<std::string> name_words;
    std::vector<std::string> extra_words;
    size_t head_len = 0;
  };
  std::vector<Food> foods_;
  std::vector<SearchKey> keys_;
  std::unordered_map<int32_t, size_t> by_id_;
};

}  // namespace hearth

#endif  // HEARTH_CORE_FOOD_H_
