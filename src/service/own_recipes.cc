#include "hearth/service/own_recipes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "hearth/importer/recipes.h"

namespace hearth {
namespace {

// Where a person's recipe came from, as the recipe's file.
constexpr char kOrigin[] = "my recipes";

std::string BookOf(int64_t owner) {
  return owner == storage::kLocalOwner ? std::string("the local recipe book")
                                            : "the recipes of account " + std::to_string(owner);
}

Status CheckKitchenSize(const Recipe& r) {
  if (r.servings > 100) return Status::InvalidArgument("servings: at most 100");
  if (r.ingredients.size() > 60) return Status::InvalidArgument("ingredients: at most 60");
  for (size_t i = 0; i < r.ingredients.size(); ++i) {
    if (r.ingredients[i].grams > 50'000) {
      return Status::InvalidArgument("ingredients[" + std::to_string(i) + "].grams: at most 50000 (50 kg)");
    }
  }
  if (r.steps.size() > 60) return Status::InvalidArgument("steps: at most 60");
  if (r.time_total_min > 7 * 24 * 60) return Status::InvalidArgument("time_total_min: at most a week (10080)");
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<const Catalog>> RecipeBooks::CatalogFor(int64_t owner) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::StoredRecipe> stored, store_.ListRecipes(owner));
  // No copy for the common case: a non-owning pointer to the library.
  if (stored.empty()) return std::shared_ptr<const Catalog>(std::shared_ptr<const Catalog>(), &library_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(owner);
    if (it != cache_.end() && it->second.stored == stored) return it->second.catalog;
  }
  std::vector<Recipe> own;
  own.reserve(stored.size());
  for (const storage::StoredRecipe& r : stored) {
    Result<Recipe> parsed = ParseRecipeText(r.document, kOrigin, library_.foods());
    if (!parsed.ok()) return parsed.status().WithContext("stored recipe " + r.recipe_id + " of " + BookOf(owner));
    own.push_back(std::move(*parsed));
  }
  HEARTH_ASSIGN_OR_RETURN(std::unique_ptr<Catalog> with, library_.WithRecipes(std::move(own)));
  std::shared_ptr<const Catalog> derived(std::move(with));
  std::lock_guard<std::mutex> lock(mu_);
  if (cache_.size() >= kMaxCached && !cache_.contains(owner)) cache_.erase(cache_.begin());
  cache_[owner] = Derived{std::move(stored), derived};
  return derived;
}

Result<Recipe> RecipeBooks::Add(int64_t owner, std::string_view json_text) {
  nlohmann::json body = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  // Not JSON, or not an object: the library's parser words the problem.
  if (!body.is_object()) return ParseRecipeText(json_text, kOrigin, library_.foods()).status();
  if (!body.contains("source")) body["source"] = {{"collection", "my-recipes"}, {"path", ""}, {"license", "private"}};
  if (!body.contains("curated")) body["curated"] = false;
  if (!body.contains("tags")) body["tags"] = nlohmann::json::array();
  if (!body.contains("cuisine")) body["cuisine"] = "home";
  if (body.contains("ingredients") && body["ingredients"].is_array()) {
    for (auto& ing : body["ingredients"]) {
      if (ing.is_object() && !ing.contains("text")) ing["text"] = "";
    }
  }
  const std::string document = body.dump();
  HEARTH_ASSIGN_OR_RETURN(Recipe r, ParseRecipeText(document, kOrigin, library_.foods()));
  HEARTH_RETURN_IF_ERROR(CheckKitchenSize(r));
  if (library_.FindRecipe(r.id) >= 0) {
    return Status::AlreadyExists("id: \"" + r.id + "\" is a recipe of the library; choose another id");
  }
  Result<int64_t> stored = store_.CreateRecipe(owner, r.id, document);
  if (!stored.ok() && stored.status().code() == StatusCode::kAlreadyExists) {
    return Status::AlreadyExists("id: you already have a recipe \"" + r.id + "\"");
  }
  HEARTH_RETURN_IF_ERROR(stored.status());
  return r;
}

Status RecipeBooks::Remove(int64_t owner, std::string_view recipe_id) {
  return store_.DeleteRecipe(owner, recipe_id);
}

}  // namespace hearth
