// Routes: GET/POST /profiles, GET/PUT/DELETE /profiles/{id},
// GET /profiles/{id}/targets. A profile is health data: only its owner,
// their household's admin and a nutritionist the owner consents to see it
// (Api::CanSeeHealthData); reads by anyone but the owner are audited.
#include "hearth/json/encode.h"
#include "hearth/json/profile_json.h"
#include "server/api.h"
#include "server/schemas.h"

namespace hearth::server {
namespace {

nlohmann::json ProfileJson(const storage::StoredProfile& p) {
  return {{"id", p.id},
          {"owner_id", p.owner_id},
          {"profile", nlohmann::json::parse(p.json)},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

// The body as a profile document, validated, normalised.
Result<std::string> ProfileBody(Api& api, const Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_ASSIGN_OR_RETURN(Profile p, ParseProfileJson(body.dump()));
  // Targets must be computable (e.g. an age the DRI tables cover).
  HEARTH_RETURN_IF_ERROR(api.catalog.TargetsFor(p).status());
  return ProfileToJson(p);
}

// ?owner=ID (someone whose health data the actor may see), else the actor.
Result<storage::Account> OwnerOf(Api& api, const Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, api.HealthDataOwner(call));
  if (id == call.Actor().id) return call.Actor();
  return api.store.GetAccount(id);
}

Status AuditAccess(Api& api, const storage::Account& actor, int64_t owner_id, std::string_view event,
                   const std::string& object) {
  if (actor.id == owner_id) return api.Log(actor, event, object);
  HEARTH_ASSIGN_OR_RETURN(storage::Account owner, api.store.GetAccount(owner_id));
  return api.Log(actor, event, object, nlohmann::json::object(), owner.pseudonym);
}

Result<Reply> ListProfiles(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(storage::Account owner, OwnerOf(api, call));
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::StoredProfile> ps, api.store.ListProfiles(owner.id));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : ps) out.push_back(ProfileJson(p));
  if (owner.id != call.Actor().id) {
    HEARTH_RETURN_IF_ERROR(AuditAccess(api, call.Actor(), owner.id, "health_data_read",
                                       "account:" + std::to_string(owner.id)));
  }
  return Reply::Json({{"profiles", out}});
}

Result<Reply> CreateProfile(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(storage::Account owner, OwnerOf(api, call));
  HEARTH_ASSIGN_OR_RETURN(std::string json, ProfileBody(api, call));
  HEARTH_ASSIGN_OR_RETURN(int64_t id, api.store.CreateProfile(owner.id, json));
  HEARTH_RETURN_IF_ERROR(AuditAccess(api, call.Actor(), owner.id, "profile_created", "profile:" + std::to_string(id)));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredProfile p, api.store.GetProfile(id));
  Reply r = Reply::Json(ProfileJson(p), 201);
  r.headers.emplace_back("Location", std::string(kApiPrefix) + "/profiles/" + std::to_string(id));
  return r;
}

Result<Reply> GetProfile(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredProfile p, api.VisibleProfile(call.Actor(), id));
  if (p.owner_id != call.Actor().id) {
    HEARTH_RETURN_IF_ERROR(AuditAccess(api, call.Actor(), p.owner_id, "health_data_read", "profile:" + std::to_string(id)));
  }
  return Reply::Json(ProfileJson(p));
}

Result<Reply> PutProfile(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredProfile p, api.VisibleProfile(call.Actor(), id));
  HEARTH_ASSIGN_OR_RETURN(std::string json, ProfileBody(api, call));
  HEARTH_RETURN_IF_ERROR(api.store.UpdateProfile(id, json));
  HEARTH_RETURN_IF_ERROR(AuditAccess(api, call.Actor(), p.owner_id, "profile_updated", "profile:" + std::to_string(id)));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredProfile updated, api.store.GetProfile(id));
  return Reply::Json(ProfileJson(updated));
}

Result<Reply> DeleteProfile(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredProfile p, api.VisibleProfile(call.Actor(), id));
  if (call.Actor().role == Role::kNutritionist && p.owner_id != call.Actor().id) {
    return Status::PermissionDenied("a nutritionist may edit a client's profile but not delete it");
  }
  HEARTH_RETURN_IF_ERROR(api.store.DeleteProfile(id));
  HEARTH_RETURN_IF_ERROR(AuditAccess(api, call.Actor(), p.owner_id, "profile_deleted", "profile:" + std::to_string(id)));
  return Reply::NoContent();
}

Result<Reply> TargetsOfProfile(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(storage::StoredProfile p, api.VisibleProfile(call.Actor(), id));
  HEARTH_ASSIGN_OR_RETURN(Profile profile, ParseProfileJson(p.json));
  HEARTH_ASSIGN_OR_RETURN(Targets t, api.catalog.TargetsFor(profile));
  return Reply::Json(TargetsToJson(t));
}

}  // namespace

void RegisterProfileRoutes(Router& router, Api& api) {
  using namespace schemas;
  const std::vector<std::pair<std::string, std::string>> owner = {
      {"owner", "an account whose health data you may see (default: yours)"}};
  router.Add("GET", "/profiles", Access::kSignedIn,
              RouteDoc("Health profiles of an account", "profiles").Returns(200, Obj({{"profiles", Arr(StoredProfile())}})).Query(owner),
              [&api](Call& c) { return ListProfiles(api, c); });
  router.Add("POST", "/profiles", Access::kSignedIn,
              RouteDoc("Save a health profile (the profile document of docs/profile-format.md)", "profiles").Body(AnyObj()).Returns(201, StoredProfile()).Query(owner),
              [&api](Call& c) { return CreateProfile(api, c); });
  router.Add("GET", "/profiles/{id}", Access::kSignedIn,
              RouteDoc("A health profile", "profiles").Returns(200, StoredProfile()),
              [&api](Call& c) { return GetProfile(api, c); });
  router.Add("PUT", "/profiles/{id}", Access::kSignedIn,
              RouteDoc("Replace a health profile", "profiles").Body(AnyObj()).Returns(200, StoredProfile()),
              [&api](Call& c) { return PutProfile(api, c); });
  router.Add("DELETE", "/profiles/{id}", Access::kSignedIn,
              RouteDoc("Delete a health profile", "profiles").Returns(204),
              [&api](Call& c) { return DeleteProfile(api, c); });
  router.Add("GET", "/profiles/{id}/targets", Access::kSignedIn,
              RouteDoc("The profile's daily nutrient targets, with sources", "profiles").Returns(200, AnyObj()),
              [&api](Call& c) { return TargetsOfProfile(api, c); });
}

}  // namespace hearth::server
