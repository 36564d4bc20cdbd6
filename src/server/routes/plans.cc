// Routes: POST/GET /plans, GET/DELETE /plans/{id}, GET
// /plans/{id}/explanation, POST /plans/{id}/swap, POST
// /plans/{id}/shopping-list. Plans are health data (Api::VisiblePlan).
// Every plan made or re-optimised is audited with the hash of its inputs,
// the objective weights and the hash of its result (docs/audit.md).
#include <charconv>
#include <cmath>

#include "hearth/grocery/shopping.h"
#include "hearth/json/plan_json.h"
#include "hearth/json/profile_json.h"
#include "hearth/json/shopping_json.h"
#include "hearth/security/token.h"
#include "hearth/service/plan_pricing.h"
#include "hearth/service/plans.h"
#include "hearth/service/shop.h"
#include "server/api.h"
#include "server/schemas.h"

namespace hearth::server {
namespace {

nlohmann::json PlanJson(const storage::StoredPlan& p, bool with_document) {
  nlohmann::json j = {{"id", p.id}, {"owner_id", p.owner_id}, {"created_at", p.created_at},
                      {"updated_at", p.updated_at}};
  const nlohmann::json doc = nlohmann::json::parse(p.document);
  if (with_document) {
    j["plan"] = doc;
  } else {
    nlohmann::json members = nlohmann::json::array();
    if (doc.contains("request") && doc["request"].contains("household")) {
      for (const auto& m : doc["request"]["household"]) members.push_back(m.value("id", ""));
    }
    j["members"] = members;
    const nlohmann::json* options = doc.contains("request") && doc["request"].contains("options")
                                        ? &doc["request"]["options"]
                                        : nullptr;
    j["days"] = options ? options->value("days", 0) : 0;
  }
  return j;
}

// What the audit log keeps of a plan: hashes and the weights, no health data.
nlohmann::json PlanAuditDetails(const nlohmann::json& doc) {
  nlohmann::json weights = nlohmann::json::object();
  const nlohmann::json& req = doc.at("request");
  if (req.contains("household") && !req["household"].empty()) {
    weights = req["household"][0].at("profile").value("objective_weights", nlohmann::json::object());
  }
  nlohmann::json result = doc;
  result.erase("request");
  return {{"inputs_sha256", security::Sha256Hex(req.dump())},
          {"weights", weights},
          {"result_sha256", security::Sha256Hex(result.dump())}};
}

Result<Reply> CreatePlan(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  auto ids = body.find("profile_ids");
  if (ids == body.end() || !ids->is_array() || ids->empty() || ids->size() > 12) {
    return Status::InvalidArgument("profile_ids: give 1-12 ids of saved profiles (the first one leads)");
  }
  // The service's request body: the profiles themselves, then the options.
  nlohmann::json request = body;
  request.erase("profile_ids");
  const bool use_market = body.value("market", false);
  const bool use_pantry = body.value("pantry", false);
  const std::string start_text = body.contains("start") && body["start"].is_string() ? body["start"].get<std::string>() : "";
  request.erase("market");
  request.erase("pantry");
  request.erase("start");
  request["profiles"] = nlohmann::json::array();
  std::optional<int64_t> owner;
  for (size_t i = 0; i < ids->size(); ++i) {
    const nlohmann::json& v = (*ids)[i];
    if (!v.is_number_integer()) return Status::InvalidArgument("profile_ids[" + std::to_string(i) + "]: must be an id");
    HEARTH_ASSIGN_OR_RETURN(storage::StoredProfile p, api.VisibleProfile(call.Actor(), v.get<int64_t>()));
    if (!owner) owner = p.owner_id;
    request["profiles"].push_back(nlohmann::json::parse(p.json));
  }
  HEARTH_ASSIGN_OR_RETURN(PlanRequest req, PlanRequestFromJson(request));
  HEARTH_ASSIGN_OR_RETURN(std::shared_ptr<const Catalog> catalog, api.CatalogFor(*owner));
  if (use_market || use_pantry) {
    Date start = Today();
    if (!start_text.empty()) {
      std::optional<Date> d = ParseDate(start_text);
      if (!d) return Status::InvalidArgument("start: \"" + start_text + "\" is not a date (YYYY-MM-DD)");
      start = *d;
    }
    std::optional<std::string> pantry;
    if (use_pantry) {
      HEARTH_ASSIGN_OR_RETURN(storage::Account o, api.store.GetAccount(*owner));
      pantry = Api::PantryOf(o);
      req.start_date = FormatDate(start);
    }
    HEARTH_ASSIGN_OR_RETURN(req.pricing, PlanPricingFromStore(*catalog, api.store, use_market, pantry, start, req.days,
                                                              req.household.front().profile.currency));
  }
  std::optional<SolveTurns::Turn> turn = api.PlannerTurn();
  if (!turn) return Api::PlannerBusy(call);
  HEARTH_ASSIGN_OR_RETURN(MadePlan made, MakePlan(*catalog, std::move(req)));
  const nlohmann::json doc = made.Document();
  HEARTH_ASSIGN_OR_RETURN(int64_t id, api.store.CreatePlan(*owner, doc.dump()));
  HEARTH_ASSIGN_OR_RETURN(storage::Account owner_account, api.store.GetAccount(*owner));
  HEARTH_RETURN_IF_ERROR(api.Log(call.Actor(), "plan_created", "plan:" + std::to_string(id), PlanAuditDetails(doc),
                                 owner_account.pseudonym));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredPlan stored, api.store.GetPlan(id));
  Reply r = Reply::Json(PlanJson(stored, true), 201);
  r.headers.emplace_back("Location", std::string(kApiPrefix) + "/plans/" + std::to_string(id));
  return r;
}

Result<Reply> ListPlans(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t owner, api.HealthDataOwner(call));
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::StoredPlan> plans, api.store.ListPlans(owner));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : plans) out.push_back(PlanJson(p, false));
  return Reply::Json({{"plans", out}});
}

Result<Reply> GetPlan(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredPlan p, api.VisiblePlan(call.Actor(), id));
  return Reply::Json(PlanJson(p, true));
}

Result<Reply> DeletePlan(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredPlan p, api.VisiblePlan(call.Actor(), id));
  if (call.Actor().role == Role::kNutritionist && p.owner_id != call.Actor().id) {
    return Status::PermissionDenied("a nutritionist may edit a client's plans but not delete them");
  }
  HEARTH_RETURN_IF_ERROR(api.store.DeletePlan(id));
  return Reply::NoContent();
}

Result<PlanDocument> DocumentOf(const storage::StoredPlan& p) {
  Result<PlanDocument> doc = ParsePlanDocument(p.document);
  if (!doc.ok()) return doc.status().WithContext("stored plan " + std::to_string(p.id));
  return doc;
}

Result<Reply> Explain(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredPlan p, api.VisiblePlan(call.Actor(), id));
  HEARTH_ASSIGN_OR_RETURN(PlanDocument doc, DocumentOf(p));
  std::optional<std::string> day = call.Query("day"), slot = call.Query("slot");
  if (day.has_value() != slot.has_value()) return Status::InvalidArgument("day: give day and slot together");
  std::optional<MealRef> meal;
  if (day) {
    int d = 0;
    auto [ptr, ec] = std::from_chars(day->data(), day->data() + day->size(), d);
    if (ec != std::errc() || ptr != day->data() + day->size()) {
      return Status::InvalidArgument("day: \"" + *day + "\" is not a day number");
    }
    meal = MealRef{d, *slot};
  }
  std::optional<SolveTurns::Turn> turn = api.PlannerTurn();  // The explanation re-solves the plan.
  if (!turn) return Api::PlannerBusy(call);
  HEARTH_ASSIGN_OR_RETURN(std::shared_ptr<const Catalog> catalog, api.CatalogFor(p.owner_id));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json out, ExplainPlanJson(*catalog, doc, meal));
  return Reply::Json(out);
}

Result<Reply> Swap(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredPlan p, api.VisiblePlan(call.Actor(), id));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"day", "slot", "recipe", "servings"}));
  SwapRequest swap;
  HEARTH_ASSIGN_OR_RETURN(int64_t day, IntField(body, "day", 1, 28));
  swap.day = static_cast<int>(day);
  HEARTH_ASSIGN_OR_RETURN(swap.slot, StringField(body, "slot", true, 40));
  HEARTH_ASSIGN_OR_RETURN(swap.recipe, StringField(body, "recipe", true, 200));
  if (body.contains("servings") && !body["servings"].is_null()) {
    if (!body["servings"].is_number()) return Status::InvalidArgument("servings: must be a number");
    swap.servings = body["servings"].get<double>();
  }
  HEARTH_ASSIGN_OR_RETURN(PlanDocument doc, DocumentOf(p));
  std::optional<SolveTurns::Turn> turn = api.PlannerTurn();
  if (!turn) return Api::PlannerBusy(call);
  HEARTH_ASSIGN_OR_RETURN(std::shared_ptr<const Catalog> catalog, api.CatalogFor(p.owner_id));
  HEARTH_ASSIGN_OR_RETURN(SwappedPlan swapped, SwapMeal(*catalog, doc, swap));
  nlohmann::json out = swapped.Document();
  HEARTH_RETURN_IF_ERROR(api.store.UpdatePlan(id, out.dump()));
  HEARTH_ASSIGN_OR_RETURN(storage::Account owner, api.store.GetAccount(p.owner_id));
  HEARTH_RETURN_IF_ERROR(api.Log(call.Actor(), "plan_reoptimised", "plan:" + std::to_string(id),
                                 PlanAuditDetails(out), owner.pseudonym));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredPlan stored, api.store.GetPlan(id));
  return Reply::Json(PlanJson(stored, true));
}

Result<Reply> Shopping(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredPlan p, api.VisiblePlan(call.Actor(), id));
  nlohmann::json body = nlohmann::json::object();
  if (!call.request.body.empty()) {
    HEARTH_ASSIGN_OR_RETURN(body, call.Body());
  }
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"weights", "local_first", "from", "start", "pantry", "local_radius_km"}));
  ShopOptions opt;
  opt.weights = body.value("local_first", false) ? grocery::LocalFirstWeights() : grocery::ShoppingWeights{};
  if (body.contains("weights")) {
    HEARTH_ASSIGN_OR_RETURN(std::string w, StringField(body, "weights", true, 300));
    Result<grocery::ShoppingWeights> parsed = grocery::ParseWeights(w, opt.weights);
    if (!parsed.ok()) return Status::InvalidArgument("weights: " + parsed.status().message());
    opt.weights = *parsed;
  }
  if (body.contains("from")) {
    const nlohmann::json& f = body["from"];
    if (!f.is_object() || !f.contains("lat") || !f.contains("lon") || !f["lat"].is_number() ||
        !f["lon"].is_number() || std::fabs(f["lat"].get<double>()) > 90 || std::fabs(f["lon"].get<double>()) > 180) {
      return Status::InvalidArgument("from: must be {\"lat\": -90..90, \"lon\": -180..180}");
    }
    opt.from = GeoPoint{f["lat"].get<double>(), f["lon"].get<double>()};
  }
  if (body.contains("local_radius_km")) {
    if (!body["local_radius_km"].is_number() || body["local_radius_km"].get<double>() < 0) {
      return Status::InvalidArgument("local_radius_km: must be a number >= 0");
    }
    opt.local_radius_km = body["local_radius_km"].get<double>();
  }
  HEARTH_ASSIGN_OR_RETURN(PlanDocument doc, DocumentOf(p));
  std::optional<Date> start;
  if (body.contains("start")) {
    HEARTH_ASSIGN_OR_RETURN(std::string s, StringField(body, "start", true, 20));
    start = ParseDate(s);
    if (!start) return Status::InvalidArgument("start: \"" + s + "\" is not a date (YYYY-MM-DD)");
  }
  std::optional<std::string> pantry;
  if (body.value("pantry", true)) {
    HEARTH_ASSIGN_OR_RETURN(storage::Account owner, api.store.GetAccount(p.owner_id));
    pantry = Api::PantryOf(owner);
  }
  HEARTH_ASSIGN_OR_RETURN(std::shared_ptr<const Catalog> catalog, api.CatalogFor(p.owner_id));
  HEARTH_ASSIGN_OR_RETURN(grocery::ShoppingList list, ShopWithStore(*catalog, api.store, doc, start, pantry, opt));
  if (call.Query("format").value_or("json") == "csv") {
    Reply r;
    r.raw = ShoppingListToCsv(list);
    r.content_type = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"shopping-plan-" + std::to_string(id) + ".csv\"");
    return r;
  }
  return Reply::Json(ShoppingListToJson(list));
}

}  // namespace

void RegisterPlanRoutes(Router& router, Api& api) {
  using namespace schemas;
  router.Add("POST", "/plans", Access::kSignedIn,
              RouteDoc("Plan meals for saved profiles (the first leads), solved, verified and explained", "plans").Body(PlanCreate()).Returns(201, StoredPlan()),
              [&api](Call& c) { return CreatePlan(api, c); });
  router.Add("GET", "/plans", Access::kSignedIn,
              RouteDoc("Plans of an account, newest first", "plans").Returns(200, Obj({{"plans", Arr(AnyObj())}})).Query({{"owner", "an account whose plans you may see (default: yours)"}}),
              [&api](Call& c) { return ListPlans(api, c); });
  router.Add("GET", "/plans/{id}", Access::kSignedIn,
              RouteDoc("A plan document (docs/plan-json.md)", "plans").Returns(200, StoredPlan()),
              [&api](Call& c) { return GetPlan(api, c); });
  router.Add("DELETE", "/plans/{id}", Access::kSignedIn,
              RouteDoc("Delete a plan", "plans").Returns(204),
              [&api](Call& c) { return DeletePlan(api, c); });
  router.Add("GET", "/plans/{id}/explanation", Access::kSignedIn,
              RouteDoc("Why the plan is as it is; with ?day&slot, why that meal and its alternatives", "plans").Returns(200, AnyObj()).Query({{"day", "1-based day"}, {"slot", "meal slot"}}),
              [&api](Call& c) { return Explain(api, c); });
  router.Add("POST", "/plans/{id}/swap", Access::kSignedIn,
              RouteDoc("Fix one meal and re-optimise the rest of the plan", "plans").Body(Swap()).Returns(200, StoredPlan()),
              [&api](Call& c) { return Swap(api, c); });
  router.Add("POST", "/plans/{id}/shopping-list", Access::kSignedIn,
              RouteDoc("Shopping list for the plan: pantry first, then packages at vendors (docs/shopping.md)", "shopping").Body(Obj({{"weights", Str()}, {"local_first", Bool()}, {"from", Obj({{"lat", Num()}, {"lon", Num()}})},
                    {"start", Str()}, {"pantry", Bool()}, {"local_radius_km", Num()}})).Returns(200, AnyObj()).Query({{"format", "json (default) or csv"}}),
              [&api](Call& c) { return Shopping(api, c); });
}

}  // namespace hearth::server
