// Routes: GET/POST /consents, POST /consents/{id}/revoke, GET /clients.
// A client grants a nutritionist access to their profiles and plans and may
// revoke it at any time; the nutritionist may also end it. Grants and
// revocations are kept (the history is the record) and audited.
#include "server/api.h"
#include "server/schemas.h"

namespace hearth::server {
namespace {

Result<nlohmann::json> ConsentJson(Api& api, const storage::Consent& c) {
  auto who = [&](int64_t id) -> nlohmann::json {
    Result<storage::Account> a = api.store.GetAccount(id);
    if (!a.ok()) return {{"id", id}};
    return {{"id", a->id}, {"name", a->name}, {"email", a->email}};
  };
  return nlohmann::json{{"id", c.id},
                        {"client", who(c.client_id)},
                        {"nutritionist", who(c.nutritionist_id)},
                        {"granted_at", c.granted_at},
                        {"revoked_at", c.revoked_at ? nlohmann::json(*c.revoked_at) : nlohmann::json(nullptr)},
                        {"active", !c.revoked_at.has_value()}};
}

Result<Reply> ListConsents(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::Consent> all, api.store.ListConsents(call.Actor().id));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : all) {
    HEARTH_ASSIGN_OR_RETURN(nlohmann::json j, ConsentJson(api, c));
    out.push_back(std::move(j));
  }
  return Reply::Json({{"consents", out}});
}

Result<Reply> Grant(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"nutritionist_email"}));
  HEARTH_ASSIGN_OR_RETURN(std::string email, StringField(body, "nutritionist_email", true, 254));
  const Status none = Status::NotFound("nutritionist_email: no nutritionist has the address " + email);
  Result<storage::Account> n = api.store.FindAccountByEmail(email);
  if (!n.ok()) return n.status().code() == StatusCode::kNotFound ? none : n.status();
  if (n->role != Role::kNutritionist) return none;
  if (n->id == call.Actor().id) return Status::InvalidArgument("nutritionist_email: you cannot consent to yourself");
  Result<int64_t> granted = api.store.GrantConsent(call.Actor().id, n->id, NowUtc());
  if (!granted.ok() && granted.status().code() == StatusCode::kAlreadyExists) {
    return Status::AlreadyExists("nutritionist_email: you already share your data with " + email);
  }
  HEARTH_ASSIGN_OR_RETURN(int64_t id, std::move(granted));
  HEARTH_RETURN_IF_ERROR(api.Log(call.Actor(), "consent_granted", "consent:" + std::to_string(id),
                                 {{"nutritionist", n->pseudonym}}));
  HEARTH_ASSIGN_OR_RETURN(storage::Consent c, api.store.GetConsent(id));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json j, ConsentJson(api, c));
  return Reply::Json(j, 201);
}

Result<Reply> Revoke(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  const Status hidden = Status::NotFound("consent " + std::to_string(id) + ": not found");
  Result<storage::Consent> c = api.store.GetConsent(id);
  if (!c.ok()) return c.status().code() == StatusCode::kNotFound ? hidden : c.status();
  const int64_t me = call.Actor().id;
  if (c->client_id != me && c->nutritionist_id != me) return hidden;
  HEARTH_RETURN_IF_ERROR(api.store.RevokeConsent(id, NowUtc()));
  HEARTH_ASSIGN_OR_RETURN(storage::Account client, api.store.GetAccount(c->client_id));
  HEARTH_ASSIGN_OR_RETURN(storage::Account nutritionist, api.store.GetAccount(c->nutritionist_id));
  HEARTH_RETURN_IF_ERROR(api.Log(call.Actor(), "consent_revoked", "consent:" + std::to_string(id),
                                 {{"nutritionist", nutritionist.pseudonym}}, client.pseudonym));
  HEARTH_ASSIGN_OR_RETURN(storage::Consent updated, api.store.GetConsent(id));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json j, ConsentJson(api, updated));
  return Reply::Json(j);
}

Result<Reply> Clients(Api& api, Call& call) {
  HEARTH_RETURN_IF_ERROR(RequireRole(call.Actor(), {Role::kNutritionist}, "listing clients"));
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::Consent> all, api.store.ListConsents(call.Actor().id));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : all) {
    if (c.nutritionist_id != call.Actor().id || c.revoked_at) continue;
    HEARTH_ASSIGN_OR_RETURN(storage::Account client, api.store.GetAccount(c.client_id));
    HEARTH_ASSIGN_OR_RETURN(std::vector<storage::StoredProfile> ps, api.store.ListProfiles(client.id));
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& p : ps) ids.push_back(p.id);
    out.push_back({{"account", {{"id", client.id}, {"name", client.name}, {"email", client.email}}},
                   {"consent_id", c.id},
                   {"since", c.granted_at},
                   {"profile_ids", ids}});
  }
  return Reply::Json({{"clients", out}});
}

}  // namespace

void RegisterConsentRoutes(Router& router, Api& api) {
  using namespace schemas;
  router.Add("GET", "/consents", Access::kSignedIn,
              RouteDoc("Consents you gave or received, active and past", "consent").Returns(200, Obj({{"consents", Arr(Consent())}})),
              [&api](Call& c) { return ListConsents(api, c); });
  router.Add("POST", "/consents", Access::kSignedIn,
              RouteDoc("Let a nutritionist see and edit your profiles and plans", "consent").Body(Obj({{"nutritionist_email", Str()}}, {"nutritionist_email"})).Returns(201, Consent()),
              [&api](Call& c) { return Grant(api, c); });
  router.Add("POST", "/consents/{id}/revoke", Access::kSignedIn,
              RouteDoc("End a consent (the client or the nutritionist); access stops at once", "consent").Returns(200, Consent()),
              [&api](Call& c) { return Revoke(api, c); });
  router.Add("GET", "/clients", Access::kSignedIn,
              RouteDoc("A nutritionist's clients with active consent", "consent").Returns(200, Obj({{"clients", Arr(AnyObj())}})),
              [&api](Call& c) { return Clients(api, c); });
}

}  // namespace hearth::server
