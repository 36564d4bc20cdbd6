// hearth recipes list [...] | show ID [--servings N] | add FILE | remove ID
#include <algorithm>
#include <iostream>

#include "cli/cli.h"
#include "core/text.h"
#include "hearth/core/units.h"
#include "hearth/json/encode.h"

namespace hearth::cli {
namespace {

struct RecipesOptions {
  std::vector<std::string> diets;
  std::vector<std::string> without;
  std::string meal;
  std::string cuisine;
  std::string search;
  size_t limit = 0;
  std::string id;
  std::optional<double> servings;
  bool json = false;
  bool mine = false;
  std::string file;
};

void RunRecipesList(const RecipesOptions& o) {
  const Catalog* c = GetCatalog();
  std::vector<Diet> diets;
  for (const auto& d : o.diets) {
    auto di = DietFromKey(d);
    if (!di) {
      Fail(Status::InvalidArgument("--diet", "unknown diet \"" + d +
                                                 "\" (vegan, vegetarian, pescatarian, halal, kosher, "
                                                 "gluten_free, dairy_free)"));
    }
    diets.push_back(*di);
  }
  uint32_t without = 0;
  for (const auto& a : o.without) {
    auto al = AllergenFromKey(a);
    if (!al) {
      Fail(Status::InvalidArgument("--without", "unknown allergen \"" + a +
                                                    "\" (milk, egg, fish, shellfish, tree_nut, peanut, "
                                                    "wheat, soy, sesame, gluten, celery, mustard, "
                                                    "sulphites, lupin, molluscs)"));
    }
    without |= 1u << static_cast<int>(*al);
  }
  std::optional<MealType> meal;
  if (!o.meal.empty()) meal = MealTypeFromKey(o.meal);
  std::string needle = text::Lower(o.search);

  std::vector<size_t> picked;
  for (size_t i = o.mine ? LibraryRecipeCount() : 0; i < c->recipes().size(); ++i) {
    const Recipe& r = c->recipes()[i];
    const RecipeFacts& f = c->facts(i);
    if (meal && !r.Fits(*meal)) continue;
    if (!o.cuisine.empty() && r.cuisine != o.cuisine) continue;
    if (f.traits.allergens & without) continue;
    if (!std::all_of(diets.begin(), diets.end(), [&](Diet d) { return FitsDiet(f.traits, d); })) continue;
    if (!needle.empty() && text::Lower(r.name).find(needle) == std::string::npos) continue;
    picked.push_back(i);
  }
  if (o.limit > 0 && picked.size() > o.limit) picked.resize(o.limit);
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (size_t i : picked) {
      const Recipe& r = c->recipes()[i];
      nlohmann::json j = RecipeToJson(r, c->facts(i), c->foods(), r.servings, false);
      j["mine"] = i >= LibraryRecipeCount();
      out.push_back(std::move(j));
    }
    std::cout << out.dump(2) << "\n";
    return;
  }
  Table t({"id", "name", "meals", "cuisine", "kcal", "protein g", "$/serving", "kg CO2e", "min", "allergens"});
  t.RightAlign({4, 5, 6, 7, 8});
  for (size_t i : picked) {
    const Recipe& r = c->recipes()[i];
    const RecipeFacts& f = c->facts(i);
    std::string meals;
    for (MealType m : r.meal_types) meals += (meals.empty() ? "" : ",") + std::string(MealTypeKey(m));
    std::string al = JoinKeys(AllergenKeys(f.allergens), ",");
    t.AddRow({r.id + (i >= LibraryRecipeCount() ? " (mine)" : ""), r.name, meals, r.cuisine, FormatNumber(f.per_serving[Index(NutrientId::kEnergyKcal)], 0),
              FormatNumber(f.per_serving[Index(NutrientId::kProtein)], 1),
              f.cost_per_serving ? FormatNumber(*f.cost_per_serving, 2) : "-", FormatNumber(f.co2e_kg_per_serving, 2),
              FormatNumber(r.time_total_min, 0),
              al.empty() ? "-" : al});
  }
  const size_t own = c->recipes().size() - LibraryRecipeCount();
  std::cout << t.Render() << picked.size() << " of " << c->recipes().size() << " recipes"
            << (own > 0 ? " (" + std::to_string(own) + " of them yours: hearth recipes add)" : std::string())
            << "; nutrition per serving, computed from the ingredients (USDA SR28); cost at default\n"
               "2022 US prices and CO2e from Poore & Nemecek (2018) categories (data/costs/README.md).\n";
}

void RunRecipesShow(const RecipesOptions& o) {
  const Catalog* c = GetCatalog();
  int i = c->FindRecipe(o.id);
  if (i < 0) Fail(Status::NotFound("no recipe with id \"" + o.id + "\"; see: hearth recipes list"));
  const Recipe& r = c->recipes()[static_cast<size_t>(i)];
  const RecipeFacts& f = c->facts(static_cast<size_t>(i));
  double servings = o.servings.value_or(r.servings);
  if (o.json) {
    nlohmann::json j = RecipeToJson(r, f, c->foods(), servings, true);
    j["mine"] = static_cast<size_t>(i) >= LibraryRecipeCount();
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::string meals;
  for (MealType m : r.meal_types) meals += (meals.empty() ? "" : ", ") + std::string(MealTypeKey(m));
  std::string al = JoinKeys(AllergenKeys(f.allergens));
  std::string di = JoinKeys(DietKeys(f.diets));
  std::cout << r.name << "  (" << r.id << ")\n"
            << r.cuisine << " · " << meals << " · " << FormatNumber(servings, servings == static_cast<int>(servings) ? 0 : 1)
            << " servings · " << FormatNumber(r.time_active_min, 0) << " min active, "
            << FormatNumber(r.time_total_min, 0) << " min total\n"
            << "allergens: " << (al.empty() ? "none of the FDA 9 / EU 14" : al) << "\n"
            << "fits: " << (di.empty() ? "-" : di) << "\n"
            << "per serving: " << (f.cost_per_serving ? "$" + FormatNumber(*f.cost_per_serving, 2) : "no default price")
            << " at default prices, " << FormatNumber(f.co2e_kg_per_serving, 2)
            << " kg CO2e (Poore & Nemecek 2018 categories; data/costs/README.md)\n\nIngredients:\n";
  double scale = servings / r.servings;
  Table t({"grams", "household", "food (SR28)", "as written"});
  t.RightAlign({0});
  for (const Ingredient& ing : r.ingredients) {
    const Food* food = c->foods().Find(ing.food);
    double g = ing.grams * scale;
    auto hh = food ? HouseholdAmount(*food, g) : std::nullopt;
    t.AddRow({FormatNumber(g, g < 10 ? 1 : 0), hh.value_or("-"),
              FormatFoodId(ing.food) + " " + (food ? food->name : "?"), ing.text});
  }
  std::cout << t.Render() << "\nSteps:\n";
  for (size_t s = 0; s < r.steps.size(); ++s) std::cout << "  " << s + 1 << ". " << r.steps[s] << "\n";
  std::cout << "\nPer serving (computed from the ingredients):\n";
  Table n({"nutrient", "amount", "unit"});
  n.RightAlign({1});
  for (const auto& info : AllNutrients()) {
    double v = f.per_serving[Index(info.id)];
    std::string mark = ((f.incomplete_mask >> Index(info.id)) & 1u) ? " *" : "";
    n.AddRow({std::string(info.name), FormatNumber(v, v >= 100 ? 0 : v >= 10 ? 1 : 2) + mark, std::string(info.unit)});
  }
  std::cout << n.Render() << "* some ingredient's food has no SR28 value for this nutrient; the total may be low.\n"
            << "\nsource: " << r.source.collection << " " << r.source.path << " (" << r.source.license << ")"
            << (r.curated ? "; curated by hand" : "") << (r.source.notes.empty() ? "" : "; " + r.source.notes)
            << "\n";
}

void RunRecipesAdd(const RecipesOptions& o) {
  const std::string text = ReadInput(o.file);
  Result<Recipe> added = GetRecipeBooks().Add(storage::kLocalOwner, text);
  if (!added.ok()) Fail(added.status().WithContext(o.file == "-" ? "the recipe on standard input" : o.file));
  // Show it as it will be planned: nutrition and cost derived from the ingredients.
  Result<std::shared_ptr<const Catalog>> c = GetRecipeBooks().CatalogFor(storage::kLocalOwner);
  if (!c.ok()) Fail(c.status());
  const int i = (*c)->FindRecipe(added->id);
  if (i < 0) Fail(Status::Internal("recipe " + added->id, "stored but not found in the local recipe book"));
  const RecipeFacts& f = (*c)->facts(static_cast<size_t>(i));
  if (o.json) {
    nlohmann::json j = RecipeToJson(*added, f, (*c)->foods(), added->servings, true);
    j["mine"] = true;
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::string di = JoinKeys(DietKeys(f.diets));
  std::string al = JoinKeys(AllergenKeys(f.allergens));
  std::cout << "added " << added->name << " (" << added->id << ") to the local recipe book in " << DatabaseUrl()
            << "\nper serving: " << FormatNumber(f.per_serving[Index(NutrientId::kEnergyKcal)], 0) << " kcal, "
            << FormatNumber(f.per_serving[Index(NutrientId::kProtein)], 1) << " g protein, "
            << (f.cost_per_serving ? "$" + FormatNumber(*f.cost_per_serving, 2) : "no default price") << ", "
            << FormatNumber(f.co2e_kg_per_serving, 2) << " kg CO2e\nallergens: " << (al.empty() ? "none" : al)
            << "; fits: " << (di.empty() ? "-" : di)
            << "\nPlans made on this machine may now choose it (hearth recipes show " << added->id << ").\n";
}

void RunRemove(const RecipesOptions& o) {
  Status s = GetRecipeBooks().Remove(storage::kLocalOwner, o.id);
  if (s.code() == StatusCode::kNotFound && GetRecipeBooks().library().FindRecipe(o.id) >= 0) {
    Fail(Status::FailedPrecondition("recipe \"" + o.id + "\" is a library recipe; only your own can be removed"));
  }
  if (!s.ok()) Fail(s);
  std::cout << "removed recipe " << o.id << " from the local recipe book; plans saved with it can no longer be "
               "explained or swapped until it is added again\n";
}

}  // namespace

void RegisterRecipesCommands(CLI::App& app) {
  auto o = std::make_shared<RecipesOptions>();
  CLI::App* recipes = app.add_subcommand("recipes", "The recipe library and your own recipes");
  recipes->require_subcommand(1);
  CLI::App* list = recipes->add_subcommand("list", "List recipes, filtered");
  list->add_option("--diet", o->diets, "Only recipes fitting these diets (comma-separated)")->delimiter(',');
  list->add_option("--without", o->without, "Only recipes free of these allergens (comma-separated)")->delimiter(',');
  list->add_option("--meal", o->meal, "breakfast, lunch, dinner or snack")
      ->check(CLI::IsMember({"breakfast", "lunch", "dinner", "snack"}));
  list->add_option("--cuisine", o->cuisine, "Only this cuisine");
  list->add_option("--search", o->search, "Only names containing this text");
  list->add_option("--limit", o->limit, "Show at most N recipes");
  list->add_flag("--mine", o->mine, "Only your own recipes (hearth recipes add)");
  list->add_flag("--json", o->json, "Print JSON (docs/cli-json.md)");
  list->callback([o] { RunRecipesList(*o); });
  CLI::App* show = recipes->add_subcommand("show", "A recipe with grams, household units and nutrition");
  show->add_option("id", o->id, "Recipe id")->required();
  show->add_option("--servings", o->servings, "Scale to N servings")->check(CLI::Range(0.25, 1000.0));
  show->add_flag("--json", o->json, "Print JSON (docs/cli-json.md)");
  show->callback([o] { RunRecipesShow(*o); });
  CLI::App* add = recipes->add_subcommand(
      "add", "Add your own recipe (one recipe object, docs/recipe-format.md) to the local recipe book");
  add->add_option("file", o->file, "Recipe JSON file, or - for standard input")->required();
  add->add_flag("--json", o->json, "Print the added recipe as JSON (docs/cli-json.md)");
  add->callback([o] { RunRecipesAdd(*o); });
  CLI::App* remove = recipes->add_subcommand("remove", "Remove one of your own recipes");
  remove->add_option("id", o->id, "Recipe id")->required();
  remove->callback([o] { RunRemove(*o); });
}

}  // namespace hearth::cli
