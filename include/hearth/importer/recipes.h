// Reads recipe collections (data/recipes/*.json, format in
// docs/recipe-format.md). A bad recipe is reported and skipped; the others
// still load.
#ifndef HEARTH_IMPORTER_RECIPES_H_
#define HEARTH_IMPORTER_RECIPES_H_

#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/food.h"
#include "hearth/core/recipe.h"
#include "hearth/result.h"

namespace hearth {

// What an import did: what was read and what was skipped, with reasons.
struct ImportReport {
  int read = 0;
  int loaded = 0;
  // One line per problem: "FILE: recipe ID: FIELD: problem".
  std::vector<std::string> errors;
};

// Parses one collection file's text. Recipes that break a rule are skipped
// and reported in `report`; a file that is not a collection at all (bad JSON,
// wrong "format") fails as a whole.
Result<std::vector<Recipe>> ParseRecipeCollection(std::string_view json_text,
                                                  const std::string& file_name,
                                                  const FoodDb& foods, ImportReport& report);

// Parses one recipe object (a member of a collection's "recipes", e.g. sent by
// a person), checked by the same rules. `origin` is kept as the recipe's file.
// InvalidArgument "FIELD: problem" (e.g. "ingredients[2].grams: must be more
// than 0") when it breaks one.
Result<Recipe> ParseRecipeText(std::string_view json_text, const std::string& origin, const FoodDb& foods);

// Loads every *.json file in `dir` in name order; duplicate ids across files
// are reported and the later one skipped.
Result<std::vector<Recipe>> LoadRecipesDir(const std::string& dir, const FoodDb& foods,
                                           ImportReport& report);

}  // namespace hearth

#endif  // HEARTH_IMPORTER_RECIPES_H_
