#include "hearth/service/catalog.h"

#include "hearth/importer/conditions.h"
#include "hearth/importer/dri.h"
#include "hearth/importer/food_traits.h"
#include "hearth/importer/sr28.h"

namespace hearth {

Result<std::unique_ptr<Catalog>> Catalog::Load(const std::string& data_dir,
                                               const std::vector<std::string>& extra_recipe_dirs) {
  auto c = std::make_unique<Catalog>();
  c->data_dir_ = data_dir;
  HEARTH_ASSIGN_OR_RETURN(std::vector<Food> foods, LoadSr28(data_dir + "/sr28"));
  HEARTH_ASSIGN_OR_RETURN(FoodTraitRules rules, LoadFoodTraitRules(data_dir + "/food_traits.json"));
  for (Food& f : foods) f.traits = DeriveFoodTraits(rules, f);
  c->foods_ = std::make_shared<const FoodDb>(std::move(foods));
  HEARTH_ASSIGN_OR_RETURN(c->dri_, LoadDriTables(data_dir + "/dri"));
  HEARTH_ASSIGN_OR_RETURN(c->conditions_, LoadConditionsDir(data_dir + "/conditions"));
  std::vector<std::string> dirs = {data_dir + "/recipes"};
  dirs.insert(dirs.end(), extra_recipe_dirs.begin(), extra_recipe_dirs.end());
  HEARTH_ASSIGN_OR_RETURN(c->costs_, LoadFoodCosts(data_dir + "/costs"));
  for (const std::string& dir : dirs) {
    HEARTH_ASSIGN_OR_RETURN(std::vector<Recipe> rs, LoadRecipesDir(dir, *c->foods_, c->recipe_report_));
    for (Recipe& r : rs) {
      if (c->FindRecipe(r.id) >= 0) {
        c->recipe_report_.errors.push_back(r.file + ": recipe " + r.id +
                                           ": id: duplicate of a recipe loaded earlier");
        --c->recipe_report_.loaded;
        continue;
      }
      c->AddRecipe(std::move(r));
    }
  }
  return c;
}

void Catalog::AddRecipe(Recipe r) {
  RecipeFacts f = ComputeRecipeFacts(r, *foods_);
  // Default cost and footprint: grams × per-kg figures, per serving. A
  // recipe with an unpriced food has no default cost.
  double money = 0, co2e = 0;
  bool priced = true;
  for (const Ingredient& ing : r.ingredients) {
    const FoodCost* fc = costs_.Find(ing.food);
    if (!fc || !fc->price_per_kg) {
      priced = false;
    } else {
      money += *fc->price_per_kg * ing.grams / 1000.0;
    }
    if (fc) co2e += fc->co2e_per_kg * ing.grams / 1000.0;
  }
  if (priced) f.cost_per_serving = money / r.servings;
  f.co2e_kg_per_serving = co2e / r.servings;
  recipe_index_.emplace(r.id, static_cast<int>(recipes_.size()));
  recipes_.push_back(std::move(r));
  facts_.push_back(std::move(f));
}

Result<std::unique_ptr<Catalog>> Catalog::WithRecipes(std::vector<Recipe> extra) const {
  auto c = std::make_unique<Catalog>(*this);
  for (Recipe& r : extra) {
    if (c->FindRecipe(r.id) >= 0) return Status::AlreadyExists("recipe " + r.id, "the id is taken");
    c->AddRecipe(std::move(r));
  }
  return c;
}

int Catalog::FindRecipe(std::string_view id) const {
  auto it = recipe_index_.find(std::string(id));
  return it == recipe_index_.end() ? -1 : it->second;
}

Result<Targets> Catalog::TargetsFor(const Profile& profile) const {
  return ComputeTargets(profile, TargetInputs{&dri_, &conditions_});
}

}  // namespace hearth
