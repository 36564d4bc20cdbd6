// Routes: GET /me/export (all my data as one JSON document) and DELETE /me
// (erase my account). Both are audited; after erasure the log names the
// account only by its pseudonym, which nothing links to a person any more.
#include "hearth/importer/pantry_io.h"
#include "hearth/security/password.h"
#include "server/api.h"
#include "server/schemas.h"

namespace hearth::server {
namespace {

Result<Reply> Export(Api& api, Call& call) {
  const storage::Account& a = call.Actor();
  nlohmann::json profiles = nlohmann::json::array();
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::StoredProfile> ps, api.store.ListProfiles(a.id));
  for (const auto& p : ps) {
    profiles.push_back({{"id", p.id}, {"profile", nlohmann::json::parse(p.json)}, {"created_at", p.created_at},
                        {"updated_at", p.updated_at}});
  }
  nlohmann::json plans = nlohmann::json::array();
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::StoredPlan> pl, api.store.ListPlans(a.id));
  for (const auto& p : pl) {
    plans.push_back({{"id", p.id}, {"plan", nlohmann::json::parse(p.document)}, {"created_at", p.created_at},
                     {"updated_at", p.updated_at}});
  }
  nlohmann::json consents = nlohmann::json::array();
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::Consent> cs, api.store.ListConsents(a.id));
  for (const auto& c : cs) {
    consents.push_back({{"id", c.id}, {"client_id", c.client_id}, {"nutritionist_id", c.nutritionist_id},
                        {"granted_at", c.granted_at},
                        {"revoked_at", c.revoked_at ? nlohmann::json(*c.revoked_at) : nlohmann::json(nullptr)}});
  }
  HEARTH_ASSIGN_OR_RETURN(std::vector<PantryItem> pantry, api.store.ListPantry(Api::PantryOf(a)));
  nlohmann::json audit = nlohmann::json::array();
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::AuditEntry> es, api.store.ListAuditFor(a.pseudonym));
  for (const auto& e : es) {
    audit.push_back({{"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"subject", e.subject}, {"event", e.event},
                     {"object", e.object}, {"details", nlohmann::json::parse(e.details, nullptr, false)}});
  }
  nlohmann::json recipes = nlohmann::json::array();
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::StoredRecipe> own, api.store.ListRecipes(a.id));
  for (const auto& r : own) recipes.push_back(nlohmann::json::parse(r.document));
  HEARTH_RETURN_IF_ERROR(api.Log(a, "data_exported"));
  nlohmann::json doc = {{"format", "hearth-export"},
                        {"version", 1},
                        {"exported_at", NowUtc()},
                        {"account", AccountJson(a, true)},
                        {"profiles", profiles},
                        {"plans", plans},
                        {"consents", consents},
                        {"recipes", recipes},
                        {"pantry", {{"name", Api::PantryOf(a)},
                                    {"items", nlohmann::json::parse(WritePantryJson(pantry, api.catalog.foods()))}}},
                        {"audit", audit}};
  Reply r = Reply::Json(doc);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"hearth-export.json\"");
  return r;
}

Result<Reply> Erase(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"password"}));
  HEARTH_ASSIGN_OR_RETURN(std::string password, StringField(body, "password", true, 4096));
  const storage::Account& a = call.Actor();
  if (!security::VerifyPassword(a.password_hash, password)) {
    return Status::InvalidArgument("password: is wrong; erasing an account needs its password");
  }
  // Logged first: if the erasure fails the log says it was asked for; the
  // entry holds only the pseudonym.
  HEARTH_RETURN_IF_ERROR(api.Log(a, "account_erased", "account:" + std::to_string(a.id)));
  HEARTH_RETURN_IF_ERROR(api.store.DeleteAccount(a.id));
  return Reply::NoContent();
}

}  // namespace

void RegisterMeRoutes(Router& router, Api& api) {
  using namespace schemas;
  router.Add("GET", "/me/export", Access::kSignedIn,
              RouteDoc("All your data as one JSON document (hearth-export)", "me").Returns(200, Obj({{"format", Str()}, {"version", Int()}, {"account", Account()}, {"profiles", Arr(AnyObj())},
                    {"plans", Arr(AnyObj())}, {"consents", Arr(AnyObj())}, {"pantry", AnyObj()},
                    {"audit", Arr(AuditEntry())}})),
              [&api](Call& c) { return Export(api, c); });
  router.Add("DELETE", "/me", Access::kSignedIn,
              RouteDoc("Erase your account and everything that is yours (needs your password)", "me").Body(Password()).Returns(204),
              [&api](Call& c) { return Erase(api, c); });
}

}  // namespace hearth::server
