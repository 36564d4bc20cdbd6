// Routes on the caller's pantry (Api::PantryOf: their kitchen's, their
// household's or their own): GET /pantry, POST /pantry/items, PATCH and
// DELETE /pantry/items/{id}, POST /pantry/use, POST /pantry/cook.
#include <cmath>

#include "hearth/json/plan_json.h"
#include "hearth/service/pantry.h"
#include "server/api.h"
#include "server/schemas.h"

namespace hearth::server {
namespace {

nlohmann::json PantryEntryJson(const PantryEntry& e) {
  return {{"id", e.item.id},
          {"food", FormatFoodId(e.item.food)},
          {"food_name", e.food ? e.food->name : ""},
          {"grams", e.item.grams},
          {"expiry", e.item.expiry ? nlohmann::json(FormatDate(*e.item.expiry)) : nlohmann::json(nullptr)},
          {"days_left", e.days_left ? nlohmann::json(*e.days_left) : nlohmann::json(nullptr)},
          {"state", ExpiryStateName(e.state)},
          {"location", e.item.location},
          {"note", e.item.note}};
}

nlohmann::json TakeJson(const PantryTake& t) {
  return {{"item_id", t.item_id}, {"food", FormatFoodId(t.food)}, {"grams_before", t.grams_before},
          {"grams_taken", t.grams_taken}, {"grams_left", t.grams_left}};
}

Result<double> NumberField(const nlohmann::json& body, const std::string& field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return Status::InvalidArgument(field + ": is required");
  if (!it->is_number()) return Status::InvalidArgument(field + ": must be a number");
  return it->get<double>();
}

Result<const Food*> FoodField(Api& api, const nlohmann::json& body) {
  auto it = body.find("food");
  if (it == body.end()) return Status::InvalidArgument("food: is required (an SR28 number or a food name)");
  std::string q = it->is_number_integer() ? std::to_string(it->get<int64_t>())
                  : it->is_string()       ? it->get<std::string>()
                                          : "";
  if (q.empty() || q.size() > 200) return Status::InvalidArgument("food: must be an SR28 number or a food name");
  Result<const Food*> f = FindFood(api.catalog.foods(), q);
  if (!f.ok()) return Status(f.status().code(), "food: " + f.status().message());
  return f;
}

// The service's refusal of an amount, put on the request field it concerns:
// a bad number on "amount", a unit the food has no conversion for on "unit".
Status OnAmountOrUnit(const Status& st, double amount, const std::string& unit) {
  if (st.code() != StatusCode::kInvalidArgument) return st;
  const bool number_ok = std::isfinite(amount) && amount > 0;
  const bool unit_wrong = number_ok && !unit.empty();
  return Status(st.code(), std::string(unit_wrong ? "unit: " : "amount: ") + st.message());
}

Result<Reply> ListPantry(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t days, call.QueryInt("expiring_within", -1, 0, 3650));
  const std::optional<int> within = days < 0 ? std::nullopt : std::optional<int>(static_cast<int>(days));
  const std::string pantry = Api::PantryOf(call.Actor());
  HEARTH_ASSIGN_OR_RETURN(std::vector<PantryEntry> entries,
                          ListPantryEntries(api.store, api.catalog.foods(), pantry, Today(), within));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : entries) items.push_back(PantryEntryJson(e));
  return Reply::Json({{"pantry", pantry}, {"items", items}});
}

Result<Reply> Add(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"food", "amount", "unit", "expiry", "location", "note"}));
  HEARTH_ASSIGN_OR_RETURN(const Food* food, FoodField(api, body));
  NewPantryItem item;
  item.food = food->id;
  HEARTH_ASSIGN_OR_RETURN(item.amount, NumberField(body, "amount"));
  HEARTH_ASSIGN_OR_RETURN(std::string unit, StringField(body, "unit", false, 40));
  if (!unit.empty()) item.unit = unit;
  HEARTH_ASSIGN_OR_RETURN(std::string expiry, StringField(body, "expiry", false, 20));
  if (!expiry.empty()) {
    item.expiry = ParseDate(expiry);
    if (!item.expiry) return Status::InvalidArgument("expiry: \"" + expiry + "\" is not a date (YYYY-MM-DD)");
  }
  HEARTH_ASSIGN_OR_RETURN(item.location, StringField(body, "location", false, 100));
  HEARTH_ASSIGN_OR_RETURN(item.note, StringField(body, "note", false, 500));
  Result<PantryItem> added = AddToPantry(api.store, api.catalog.foods(), Api::PantryOf(call.Actor()), item);
  if (!added.ok()) return OnAmountOrUnit(added.status(), item.amount, unit);
  return Reply::Json(PantryEntryJson(EntryOn(*added, food, Today())), 201);
}

Result<Reply> Use(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"food", "amount", "unit"}));
  HEARTH_ASSIGN_OR_RETURN(const Food* food, FoodField(api, body));
  HEARTH_ASSIGN_OR_RETURN(double amount, NumberField(body, "amount"));
  HEARTH_ASSIGN_OR_RETURN(std::string unit, StringField(body, "unit", false, 40));
  Result<PantryUse> use = UseFromPantry(api.store, api.catalog.foods(), Api::PantryOf(call.Actor()), food->id, amount,
                                        unit.empty() ? "g" : unit);
  if (!use.ok()) return OnAmountOrUnit(use.status(), amount, unit);
  // The person knows the food and the pantry; the numbers are the news.
  if (use->shortage) return Status::FailedPrecondition("amount: is more than the pantry holds: " + use->shortage->Text());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : use->takes) out.push_back(TakeJson(t));
  return Reply::Json({{"taken", out}});
}

Result<Reply> Adjust(Api& api, Call& call, bool remove) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  double grams = 0;
  if (!remove) {
    HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
    HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"grams"}));
    HEARTH_ASSIGN_OR_RETURN(grams, NumberField(body, "grams"));
  }
  Result<PantryTake> t = AdjustPantryItem(api.store, api.catalog.foods(), Api::PantryOf(call.Actor()), id, grams, "g");
  if (!t.ok() && t.status().code() == StatusCode::kNotFound) {
    return Status::NotFound("pantry item " + std::to_string(id) + ": not in your pantry");
  }
  if (!t.ok() && t.status().code() == StatusCode::kInvalidArgument) {
    return Status::InvalidArgument("grams: " + t.status().message());
  }
  HEARTH_RETURN_IF_ERROR(t.status());
  if (remove) return Reply::NoContent();
  return Reply::Json(TakeJson(*t));
}

Result<Reply> Cook(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"plan_id", "day", "slot"}));
  HEARTH_ASSIGN_OR_RETURN(int64_t plan_id, IntField(body, "plan_id", 1, INT64_MAX));
  HEARTH_ASSIGN_OR_RETURN(int64_t day, IntField(body, "day", 1, 28));
  HEARTH_ASSIGN_OR_RETURN(std::string slot, StringField(body, "slot", false, 40));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredPlan p, api.VisiblePlan(call.Actor(), plan_id));
  HEARTH_ASSIGN_OR_RETURN(PlanDocument doc, ParsePlanDocument(p.document));
  HEARTH_ASSIGN_OR_RETURN(std::shared_ptr<const Catalog> catalog, api.CatalogFor(p.owner_id));
  HEARTH_ASSIGN_OR_RETURN(SavedPlan saved, RebuildSavedPlan(*catalog, doc));
  HEARTH_ASSIGN_OR_RETURN(CookReport r,
                          CookPlannedMeals(api.store, *catalog, Api::PantryOf(call.Actor()), saved.built,
                                           saved.plan, static_cast<int>(day - 1),
                                           slot.empty() ? std::nullopt : std::optional<std::string>(slot)));
  nlohmann::json meals = nlohmann::json::array(), takes = nlohmann::json::array(), short_ = nlohmann::json::array();
  for (const auto& m : r.meals) {
    meals.push_back({{"day", m.day + 1}, {"slot", m.slot}, {"recipe", m.recipe_id}, {"name", m.recipe_name},
                     {"servings", m.servings}});
  }
  for (const auto& t : r.takes) takes.push_back(TakeJson(t));
  for (const auto& s : r.shortfalls) {
    short_.push_back({{"food", FormatFoodId(s.food)}, {"food_name", s.food_name}, {"grams_needed", s.grams_needed},
                      {"grams_missing", s.grams_missing}});
  }
  return Reply::Json({{"meals", meals}, {"taken", takes}, {"shortfalls", short_}});
}

}  // namespace

void RegisterPantryRoutes(Router& router, Api& api) {
  using namespace schemas;
  router.Add("GET", "/pantry", Access::kSignedIn,
              RouteDoc("Your pantry, earliest expiry first", "pantry").Returns(200, Obj({{"pantry", Str()}, {"items", Arr(PantryItem())}})).Query({{"expiring_within", "only lots expiring within this many days"}}),
              [&api](Call& c) { return ListPantry(api, c); });
  router.Add("POST", "/pantry/items", Access::kSignedIn,
              RouteDoc("Add a lot (an amount in grams or a household unit)", "pantry").Body(Obj({{"food", Str()}, {"amount", Num()}, {"unit", Str()}, {"expiry", Str()}, {"location", Str()},
                    {"note", Str()}},
                   {"food", "amount"})).Returns(201, PantryItem()),
              [&api](Call& c) { return Add(api, c); });
  router.Add("PATCH", "/pantry/items/{id}", Access::kSignedIn,
              RouteDoc("Set a lot to a new amount in grams (0 removes it)", "pantry").Body(Obj({{"grams", Num()}}, {"grams"})).Returns(200, AnyObj()),
              [&api](Call& c) { return Adjust(api, c, false); });
  router.Add("DELETE", "/pantry/items/{id}", Access::kSignedIn,
              RouteDoc("Remove a lot", "pantry").Returns(204),
              [&api](Call& c) { return Adjust(api, c, true); });
  router.Add("POST", "/pantry/use", Access::kSignedIn,
              RouteDoc("Use an amount of a food, earliest expiry first", "pantry").Body(Obj({{"food", Str()}, {"amount", Num()}, {"unit", Str()}}, {"food", "amount"})).Returns(200, Obj({{"taken", Arr(AnyObj())}})),
              [&api](Call& c) { return Use(api, c); });
  router.Add("POST", "/pantry/cook", Access::kSignedIn,
              RouteDoc("Cook a day (or one meal) of a plan from the pantry", "pantry").Body(Obj({{"plan_id", Int()}, {"day", Int()}, {"slot", Str()}}, {"plan_id", "day"})).Returns(200, Obj({{"meals", Arr(AnyObj())}, {"taken", Arr(AnyObj())}, {"shortfalls", Arr(AnyObj())}})),
              [&api](Call& c) { return Cook(api, c); });
}

}  // namespace hearth::server
