// The reference catalogue: everything hearth ships and reads at start-up
// (SR28 foods with derived traits, DRI tables, conditions, recipes with their
// derived facts). Loaded once, then read-only.
//
// Thread safety: immutable after Load; const methods may be called
// concurrently.
#ifndef HEARTH_SERVICE_CATALOG_H_
#define HEARTH_SERVICE_CATALOG_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "hearth/core/condition.h"
#include "hearth/core/dri.h"
#include "hearth/core/food.h"
#include "hearth/core/profile.h"
#include "hearth/core/recipe.h"
#include "hearth/core/targets.h"
#include "hearth/importer/food_costs.h"
#include "hearth/importer/recipes.h"
#include "hearth/result.h"

namespace hearth {

class Catalog {
 public:
  // Loads from a data directory laid out like the repository's data/.
  // Reference data (foods, DRI, conditions, traits) must load whole; recipe
  // problems are reported in recipe_report() and those recipes skipped.
  // `extra_recipe_dirs` are loaded after data/recipes.
  static Result<std::unique_ptr<Catalog>> Load(const std::string& data_dir,
                                               const std::vector<std::string>& extra_recipe_dirs = {});

  const std::string& data_dir() const { return data_dir_; }
  const FoodDb& foods() const { return *foods_; }
  const DriTables& dri() const { return dri_; }
  const std::vector<Condition>& conditions() const { return conditions_; }
  const std::vector<Recipe>& recipes() const { return recipes_; }
  // Facts of recipes()[i].
  const RecipeFacts& facts(size_t i) const { return facts_[i]; }
  // Index into recipes(), or -1.
  int FindRecipe(std::string_view id) const;
  const ImportReport& recipe_report() const { return recipe_report_; }
  // Default prices and footprints per food (data/costs/, see its README).
  const FoodCostTable& costs() const { return costs_; }

  Result<Targets> TargetsFor(const Profile& profile) const;

  // This catalogue with `extra` recipes (a person's own) after the library's:
  // their facts derived the same way. The food table is shared, not copied.
  // AlreadyExists naming the id when one clashes with a recipe already here.
  Result<std::unique_ptr<Catalog>> WithRecipes(std::vector<Recipe> extra) const;

 private:
  // Appends `r` with its facts (nutrition, traits, default cost and CO2e).
  void AddRecipe(Recipe r);

  std::string data_dir_;
  std::shared_ptr<const FoodDb> foods_;  // Shared by WithRecipes() copies.
  DriTables dri_;
  std::vector<Condition> conditions_;
  std::vector<Recipe> recipes_;
  std::vector<RecipeFacts> facts_;
  std::unordered_map<std::string, int> recipe_index_;  // id → index into recipes_.
  ImportReport recipe_report_;
  FoodCostTable costs_;
};

}  // namespace hearth

#endif  // HEARTH_SERVICE_CATALOG_H_
