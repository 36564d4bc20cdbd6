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
  c->foods_ = FoodDb(std::move(foods));
  HEARTH_ASSIGN_OR_RETURN(c->dri_, LoadDriTables(data_dir + "/dri"));
  HEARTH_ASSIGN_OR_RETURN(c->conditions_, LoadConditionsDir(data_dir + "/conditions"));
  std::vector<std::string> dirs = {data_dir + "/recipes"};
  dirs.insert(dirs.end(), extra_recipe_dirs.begin(), extra_recipe_dirs.end());
  for (const std::string& dir : dirs) {
    HEARTH_ASSIGN_OR_RETURN(std::vector<Recipe> rs, LoadRecipesDir(dir, c->foods_, c->recipe_report_));
    for (Recipe& r : rs) {
      if (c->FindRecipe(r.id) >= 0) {
        c->recipe_report_.errors.push_back(r.file + ": recipe " + r.id +
                                           ": id: duplicate of a recipe loaded earlier");
        --c->recipe_report_.loaded;
        continue;
      }
      c->recipes_.push_back(std::move(r));
    }
  }
  c->facts_.reserve(c->recipes_.size());
  for (const Recipe& r : c->recipes_) c->facts_.push_back(ComputeRecipeFacts(r, c->foods_));
  return c;
}

int Catalog::FindRecipe(std::string_view id) const {
  for (size_t i = 0; i < recipes_.size(); ++i) {
    if (recipes_[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

Result<Targets> Catalog::TargetsFor(const Profile& profile) const {
  return ComputeTargets(profile, TargetInputs{&dri_, &conditions_});
}

}  // namespace hearth
