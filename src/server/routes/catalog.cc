// Routes over the reference data: GET /foods, /foods/{id}, /recipes,
// /recipes/{id} (the shipped library and the caller's own recipes), POST
// /recipes and DELETE /recipes/{id} (one's own); POST /targets (targets of an
// unsaved profile).
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hearth/core/traits.h"
#include "hearth/json/encode.h"
#include "hearth/json/profile_json.h"
#include "server/api.h"
#include "server/schemas.h"

namespace hearth::server {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

Result<Reply> Foods(Api& api, Call& call) {
  std::optional<std::string> q = call.Query("q");
  if (!q || q->empty()) return Status::InvalidArgument("q: give the words to search for, e.g. ?q=lentils");
  if (q->size() > 200) return Status::InvalidArgument("q: longer than 200 bytes");
  HEARTH_ASSIGN_OR_RETURN(int64_t limit, call.QueryInt("limit", 20, 1, 100));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : api.catalog.foods().Search(*q, static_cast<size_t>(limit))) {
    out.push_back(FoodToJson(*h.food, false));
  }
  return Reply::Json({{"foods", out}});
}

Result<Reply> FoodById(Api& api, Call& call) {
  const std::string id = call.path["id"];
  std::optional<FoodId> fid = ParseFoodId(id);
  const hearth::Food* f = fid ? api.catalog.foods().Find(*fid) : nullptr;
  if (!f) return Status::NotFound("food " + id + ": no SR28 food with this id");
  return Reply::Json(FoodToJson(*f, true));
}

// The ids of the actor's stored plans that have a meal of each recipe.
Result<std::map<std::string, std::vector<int64_t>>> PlansByRecipe(Api& api, int64_t owner) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::StoredPlan> plans, api.store.ListPlans(owner));
  std::map<std::string, std::vector<int64_t>> by_recipe;
  for (const storage::StoredPlan& p : plans) {
    const nlohmann::json doc = nlohmann::json::parse(p.document, nullptr, false);
    if (!doc.is_object() || !doc.contains("plan") || !doc["plan"].is_object() ||
        !doc["plan"].contains("cells") || !doc["plan"]["cells"].is_array()) {
      continue;
    }
    for (const auto& cell : doc["plan"]["cells"]) {
      if (!cell.is_object() || !cell.contains("recipe") || !cell["recipe"].is_string()) continue;
      std::vector<int64_t>& ids = by_recipe[cell["recipe"].get<std::string>()];
      if (ids.empty() || ids.back() != p.id) ids.push_back(p.id);
    }
  }
  for (auto& [recipe, ids] : by_recipe) std::sort(ids.begin(), ids.end());
  return by_recipe;
}

// "5", "5 and 7", "5, 7 and 9".
std::string IdList(const std::vector<int64_t>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += i + 1 == ids.size() ? " and " : ", ";
    out += std::to_string(ids[i]);
  }
  return out;
}

Result<Reply> Recipes(Api& api, Call& call) {
  std::optional<MealType> meal;
  if (auto m = call.Query("meal")) {
    meal = MealTypeFromKey(*m);
    if (!meal) return Status::InvalidArgument("meal: \"" + *m + "\" is not breakfast, lunch, dinner or snack");
  }
  std::vector<Diet> diets;
  if (auto d = call.Query("diet")) {
    std::optional<Diet> di = DietFromKey(*d);
    if (!di) return Status::InvalidArgument("diet: unknown diet \"" + *d + "\"");
    diets.push_back(*di);
  }
  uint32_t without = 0;
  if (auto a = call.Query("without")) {
    std::optional<Allergen> al = AllergenFromKey(*a);
    if (!al) return Status::InvalidArgument("without: unknown allergen \"" + *a + "\"");
    without |= 1u << static_cast<int>(*al);
  }
  const std::string needle = Lower(call.Query("q").value_or(""));
  HEARTH_ASSIGN_OR_RETURN(int64_t limit, call.QueryInt("limit", 50, 1, 500));
  HEARTH_ASSIGN_OR_RETURN(int64_t offset, call.QueryInt("offset", 0, 0, 1'000'000));
  const std::optional<std::string> mine = call.Query("mine");
  if (mine && *mine != "true" && *mine != "false") return Status::InvalidArgument("mine: must be true or false");
  HEARTH_ASSIGN_OR_RETURN(std::shared_ptr<const Catalog> with_own, api.CatalogFor(call.Actor().id));
  const Catalog& c = *with_own;
  const size_t library = api.catalog.recipes().size();  // Own recipes come after the library's.
  nlohmann::json out = nlohmann::json::array();
  int64_t matched = 0;
  // One's own recipes say which of one's plans use them (read once, when
  // the answer holds one).
  std::optional<std::map<std::string, std::vector<int64_t>>> used;
  // ?mine=true: only one's own; ?mine=false: only the library's.
  const size_t first = mine == "true" ? library : 0;
  const size_t last = mine == "false" ? library : c.recipes().size();
  for (size_t i = first; i < last; ++i) {
    const Recipe& r = c.recipes()[i];
    const RecipeFacts& f = c.facts(i);
    if (meal && !r.Fits(*meal)) continue;
    if (f.traits.allergens & without) continue;
    if (!std::all_of(diets.begin(), diets.end(), [&](Diet d) { return FitsDiet(f.traits, d); })) continue;
    if (!needle.empty() && Lower(r.name).find(needle) == std::string::npos) continue;
    if (matched++ < offset || static_cast<int64_t>(out.size()) >= limit) continue;
    nlohmann::json j = RecipeToJson(r, f, c.foods(), r.servings, false);
    j["mine"] = i >= library;
    if (i >= library) {
      if (!used) {
        HEARTH_ASSIGN_OR_RETURN(used, PlansByRecipe(api, call.Actor().id));
      }
      auto it = used->find(r.id);
      j["used_in_plans"] = it == used->end() ? std::vector<int64_t>{} : it->second;
    }
    out.push_back(std::move(j));
  }
  return Reply::Json({{"recipes", out}, {"total", matched}, {"offset", offset}});
}

Result<Reply> RecipeById(Api& api, Call& call) {
  const std::string id = call.path["id"];
  HEARTH_ASSIGN_OR_RETURN(std::shared_ptr<const Catalog> c, api.CatalogFor(call.Actor().id));
  const int i = c->FindRecipe(id);
  if (i < 0) return Status::NotFound("recipe \"" + id + "\": not in the library nor among your recipes");
  const Recipe& r = c->recipes()[static_cast<size_t>(i)];
  double servings = r.servings;
  if (auto s = call.Query("servings")) {
    char* end = nullptr;
    servings = std::strtod(s->c_str(), &end);
    if (s->empty() || *end != '\0' || !(servings > 0 && servings <= 1000)) {
      return Status::InvalidArgument("servings: \"" + *s + "\" must be a number between 0 and 1000");
    }
  }
  nlohmann::json j = RecipeToJson(r, c->facts(static_cast<size_t>(i)), c->foods(), servings, true);
  j["mine"] = static_cast<size_t>(i) >= api.catalog.recipes().size();
  if (j["mine"]) {
    HEARTH_ASSIGN_OR_RETURN(auto used, PlansByRecipe(api, call.Actor().id));
    auto it = used.find(r.id);
    j["used_in_plans"] = it == used.end() ? std::vector<int64_t>{} : it->second;
  }
  return Reply::Json(j);
}

Result<Reply> AddRecipe(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_ASSIGN_OR_RETURN(Recipe r, api.recipe_books.Add(call.Actor().id, body.dump()));
  HEARTH_ASSIGN_OR_RETURN(std::shared_ptr<const Catalog> c, api.CatalogFor(call.Actor().id));
  const int i = c->FindRecipe(r.id);
  if (i < 0) return Status::Internal("adding a recipe", "recipe \"" + r.id + "\" was stored but is not planned");
  nlohmann::json j = RecipeToJson(c->recipes()[static_cast<size_t>(i)], c->facts(static_cast<size_t>(i)), c->foods(),
                                  r.servings, true);
  j["mine"] = true;
  Reply reply = Reply::Json(j, 201);
  reply.headers.emplace_back("Location", std::string(kApiPrefix) + "/recipes/" + r.id);
  return reply;
}

Result<Reply> DeleteRecipe(Api& api, Call& call) {
  const std::string id = call.path["id"];
  // A stored plan that uses it could no longer be explained, swapped or
  // shopped for: those plans go first. The refusal names them all, in words
  // and as "plans": [ids].
  HEARTH_ASSIGN_OR_RETURN(auto by_recipe, PlansByRecipe(api, call.Actor().id));
  if (auto it = by_recipe.find(id); it != by_recipe.end() && !it->second.empty()) {
    const bool one = it->second.size() == 1;
    const Status in_use = Status::FailedPrecondition(
        "recipe \"" + id + "\" is in your plan" + (one ? " " : "s ") + IdList(it->second) + "; delete " +
        (one ? "that plan" : "those plans") + ", or swap the meal, first");
    return Reply::Problem(in_use, call.request.path, {{"plans", it->second}});
  }
  HEARTH_RETURN_IF_ERROR(api.recipe_books.Remove(call.Actor().id, id));
  return Reply::NoContent();
}

Result<Reply> TargetsOf(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_ASSIGN_OR_RETURN(Profile p, ParseProfileJson(body.dump()));
  HEARTH_ASSIGN_OR_RETURN(Targets t, api.catalog.TargetsFor(p));
  return Reply::Json(TargetsToJson(t));
}

}  // namespace

void RegisterCatalogRoutes(Router& router, Api& api) {
  using namespace schemas;
  router.Add("GET", "/foods", Access::kSignedIn,
              RouteDoc("Search USDA SR28 foods by name", "foods").Returns(200, Obj({{"foods", Arr(AnyObj())}})).Query({{"q", "words to search for"}, {"limit", "1-100 (20)"}}),
              [&api](Call& c) { return Foods(api, c); });
  router.Add("GET", "/foods/{id}", Access::kSignedIn,
              RouteDoc("A food: nutrients per 100 g and household measures", "foods").Returns(200, AnyObj()),
              [&api](Call& c) { return FoodById(api, c); });
  router.Add("GET", "/recipes", Access::kSignedIn,
              RouteDoc("The recipe library, filtered", "recipes").Returns(200, Obj({{"recipes", Arr(AnyObj())}, {"total", Int()}, {"offset", Int()}})).Query({{"q", "words in the name"}, {"meal", "breakfast, lunch, dinner or snack"},
                {"diet", "a diet the recipe fits"}, {"without", "an allergen it must not contain"},
                {"limit", "1-500 (50)"}, {"offset", "skip this many"}, {"mine", "true: only your own recipes; false: only the library's"}}),
              [&api](Call& c) { return Recipes(api, c); });
  router.Add("GET", "/recipes/{id}", Access::kSignedIn,
              RouteDoc("A recipe with steps, scaled to ?servings", "recipes").Returns(200, AnyObj()).Query({{"servings", "scale the ingredients to this many servings"}}),
              [&api](Call& c) { return RecipeById(api, c); });
  router.Add("POST", "/recipes", Access::kSignedIn,
              RouteDoc("Add one of your own recipes (docs/recipe-format.md; source, cuisine, tags optional): planned for you beside the library", "recipes").Body(AnyObj()).Returns(201, AnyObj()),
              [&api](Call& c) { return AddRecipe(api, c); });
  router.Add("DELETE", "/recipes/{id}", Access::kSignedIn,
              RouteDoc("Delete one of your own recipes (not while a stored plan of yours uses it)", "recipes").Returns(204),
              [&api](Call& c) { return DeleteRecipe(api, c); });
  router.Add("POST", "/targets", Access::kSignedIn,
              RouteDoc("Nutrient targets of a profile document (not saved), with sources", "profiles").Body(AnyObj()).Returns(200, AnyObj()),
              [&api](Call& c) { return TargetsOf(api, c); });
}

}  // namespace hearth::server
