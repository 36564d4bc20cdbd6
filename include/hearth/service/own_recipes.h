// A person's own recipes: kept in the store (one book per account, and the
// command line's local book, storage::kLocalOwner), checked by the
// library's rules, and planned beside the shipped library for their owner
// only. Shared by the CLI (`hearth recipes add|remove`) and the server
// (POST/DELETE /recipes).
#ifndef HEARTH_SERVICE_OWN_RECIPES_H_
#define HEARTH_SERVICE_OWN_RECIPES_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "hearth/core/recipe.h"
#include "hearth/result.h"
#include "hearth/service/catalog.h"
#include "hearth/storage/store.h"

namespace hearth {

class RecipeBooks {
 public:
  // Both must outlive this object.
  RecipeBooks(const Catalog& library, storage::Store& store) : library_(library), store_(store) {}

  // The catalogue plans of `owner` use: the library and, after its recipes,
  // the owner's in the order they were added; the library itself when the
  // book is empty. The derived catalogue is kept and reused until the stored
  // book changes (also when another process changes it).
  Result<std::shared_ptr<const Catalog>> CatalogFor(int64_t owner);

  // Checks one recipe object (docs/recipe-format.md) and adds it to the
  // owner's book. What a person need not give is filled in: source (their
  // own), curated (false), tags (none), cuisine ("home"), an ingredient's
  // text (""). Beyond the library's rules a person's recipe is bounded to
  // what a kitchen could cook (at most 100 servings, 60 ingredients of at
  // most 50 kg each, 60 steps, a week of cooking). InvalidArgument
  // "FIELD: problem"; AlreadyExists "id: ..." when the library or the book
  // has the id. Returns the recipe as it will be planned.
  Result<Recipe> Add(int64_t owner, std::string_view json_text);

  // NotFound when the owner's book has no such recipe.
  Status Remove(int64_t owner, std::string_view recipe_id);

  const Catalog& library() const { return library_; }

 private:
  struct Derived {
    std::vector<storage::StoredRecipe> stored;  // What it was derived from.
    std::shared_ptr<const Catalog> catalog;
  };
  static constexpr size_t kMaxCached = 256;  // Owners whose derived catalogue is kept.

  const Catalog& library_;
  storage::Store& store_;
  std::mutex mu_;
  std::map<int64_t, Derived> cache_;
};

}  // namespace hearth

#endif  // HEARTH_SERVICE_OWN_RECIPES_H_
