// Routes over the shipped reference data: GET /foods, /foods/{id},
// /recipes, /recipes/{id}; POST /targets (targets of an unsaved profile).
#include <algorithm>

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

Result<Reply> Food(Api& api, Call& call) {
  const std::string id = call.path["id"];
  std::optional<FoodId> fid = ParseFoodId(id);
  const hearth::Food* f = fid ? api.catalog.foods().Find(*fid) : nullptr;
  if (!f) return Status::NotFound("food " + id + ": no SR28 food with this id");
  return Reply::Json(FoodToJson(*f, true));
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
  const Catalog& c = api.catalog;
  nlohmann::json out = nlohmann::json::array();
  int64_t matched = 0;
  for (size_t i = 0; i < c.recipes().size(); ++i) {
    const Recipe& r = c.recipes()[i];
    const RecipeFacts& f = c.facts(i);
    if (meal && !r.Fits(*meal)) continue;
    if (f.traits.allergens & without) continue;
    if (!std::all_of(diets.begin(), diets.end(), [&](Diet d) { return FitsDiet(f.traits, d); })) continue;
    if (!needle.empty() && Lower(r.name).find(needle) == std::string::npos) continue;
    if (matched++ < offset || static_cast<int64_t>(out.size()) >= limit) continue;
    out.push_back(RecipeToJson(r, f, c.foods(), r.servings, false));
  }
  return Reply::Json({{"recipes", out}, {"total", matched}, {"offset", offset}});
}

Result<Reply> RecipeById(Api& api, Call& call) {
  const std::string id = call.path["id"];
  const int i = api.catalog.FindRecipe(id);
  if (i < 0) return Status::NotFound("recipe \"" + id + "\": not in the library");
  const Recipe& r = api.catalog.recipes()[static_cast<size_t>(i)];
  double servings = r.servings;
  if (auto s = call.Query("servings")) {
    char* end = nullptr;
    servings = std::strtod(s->c_str(), &end);
    if (s->empty() || *end != '\0' || !(servings > 0 && servings <= 1000)) {
      return Status::InvalidArgument("servings: \"" + *s + "\" must be a number between 0 and 1000");
    }
  }
  return Reply::Json(RecipeToJson(r, api.catalog.facts(static_cast<size_t>(i)), api.catalog.foods(), servings, true));
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
              [&api](Call& c) { return Food(api, c); });
  router.Add("GET", "/recipes", Access::kSignedIn,
              RouteDoc("The recipe library, filtered", "recipes").Returns(200, Obj({{"recipes", Arr(AnyObj())}, {"total", Int()}, {"offset", Int()}})).Query({{"q", "words in the name"}, {"meal", "breakfast, lunch, dinner or snack"},
                {"diet", "a diet the recipe fits"}, {"without", "an allergen it must not contain"},
                {"limit", "1-500 (50)"}, {"offset", "skip this many"}}),
              [&api](Call& c) { return Recipes(api, c); });
  router.Add("GET", "/recipes/{id}", Access::kSignedIn,
              RouteDoc("A recipe with steps, scaled to ?servings", "recipes").Returns(200, AnyObj()).Query({{"servings", "scale the ingredients to this many servings"}}),
              [&api](Call& c) { return RecipeById(api, c); });
  router.Add("POST", "/targets", Access::kSignedIn,
              RouteDoc("Nutrient targets of a profile document (not saved), with sources", "profiles").Body(AnyObj()).Returns(200, AnyObj()),
              [&api](Call& c) { return TargetsOf(api, c); });
}

}  // namespace hearth::server
