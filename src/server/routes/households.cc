// Routes: POST /households (the caller becomes its admin), GET
// /households/{id}, POST /households/{id}/join (with the code its admin
// shares), POST /households/{id}/code (the admin renews the code), DELETE
// /households/{id}/members/{account} (the admin removes a member), POST
// /households/leave. A household's admin sees its members' profiles and plans
// (Api::CanSeeHealthData): joining is the member's act, and either side can
// end it.
#include <sodium.h>

#include "server/api.h"
#include "server/schemas.h"

namespace hearth::server {
namespace {

// The join code of a household: an HMAC of its id and code generation under
// the server's secret. Nothing to store; renewing the code (a new generation)
// makes every earlier one stop working.
std::string JoinCode(const Api& api, const storage::Household& h) {
  std::string msg = "household-join:" + std::to_string(h.id);
  if (h.code_generation > 0) {
    msg += ':';
    msg += std::to_string(h.code_generation);
  }
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
              reinterpret_cast<const unsigned char*>(api.secret.data()));
  char hex[2 * 10 + 1];  // The first 80 bits are plenty for a code that is typed.
  sodium_bin2hex(hex, sizeof hex, mac, 10);
  return hex;
}

Result<nlohmann::json> HouseholdJson(Api& api, const storage::Household& h, bool with_code) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::Account> members, api.store.HouseholdMembers(h.id));
  nlohmann::json ms = nlohmann::json::array();
  for (const auto& m : members) ms.push_back({{"id", m.id}, {"name", m.name}, {"role", RoleKey(m.role)}});
  nlohmann::json j = {{"id", h.id}, {"name", h.name}, {"members", ms}};
  if (with_code) j["join_code"] = JoinCode(api, h);
  return j;
}

Result<Reply> CreateHousehold(Api& api, Call& call) {
  storage::Account a = call.Actor();
  if (a.role != Role::kMember && a.role != Role::kHouseholdAdmin) {
    return Status::PermissionDenied("only a member account can create a household");
  }
  if (a.household_id) return Status::FailedPrecondition("you are in a household already; leave it first");
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"name"}));
  HEARTH_ASSIGN_OR_RETURN(std::string name, StringField(body, "name", true, 200));
  HEARTH_ASSIGN_OR_RETURN(int64_t id, api.store.CreateHousehold(name));
  a.household_id = id;
  a.role = Role::kHouseholdAdmin;
  HEARTH_RETURN_IF_ERROR(api.store.UpdateAccount(a));
  HEARTH_RETURN_IF_ERROR(api.Log(a, "household_created", "household:" + std::to_string(id),
                                 {{"role", "household_admin"}}));
  HEARTH_ASSIGN_OR_RETURN(storage::Household h, api.store.GetHousehold(id));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json j, HouseholdJson(api, h, true));
  return Reply::Json(j, 201);
}

Result<Reply> GetHousehold(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  if (call.Actor().household_id != id) return Status::NotFound("household " + std::to_string(id) + ": not found");
  HEARTH_ASSIGN_OR_RETURN(storage::Household h, api.store.GetHousehold(id));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json j, HouseholdJson(api, h, call.Actor().role == Role::kHouseholdAdmin));
  return Reply::Json(j);
}

Result<Reply> Join(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"code"}));
  HEARTH_ASSIGN_OR_RETURN(std::string code, StringField(body, "code", true, 100));
  storage::Account a = call.Actor();
  if (a.role != Role::kMember) return Status::PermissionDenied("only a member account can join a household");
  if (a.household_id) return Status::FailedPrecondition("you are in a household already; leave it first");
  // An unknown household and a wrong code get the same answer.
  Result<storage::Household> household = api.store.GetHousehold(id);
  if (!household.ok() && household.status().code() != StatusCode::kNotFound) return household.status();
  const std::string want = household.ok() ? JoinCode(api, *household) : std::string(20, '-');
  if (!household.ok() || code.size() != want.size() ||
      sodium_memcmp(code.data(), want.data(), want.size()) != 0) {
    return Status::InvalidArgument("code: is not this household's join code");
  }
  a.household_id = id;
  HEARTH_RETURN_IF_ERROR(api.store.UpdateAccount(a));
  HEARTH_RETURN_IF_ERROR(api.Log(a, "household_joined", "household:" + std::to_string(id)));
  HEARTH_ASSIGN_OR_RETURN(storage::Household h, api.store.GetHousehold(id));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json j, HouseholdJson(api, h, false));
  return Reply::Json(j);
}

// The household `id` when the caller is its admin; else NotFound (no hint
// whether it exists) or PermissionDenied for its other members.
Result<storage::Household> AdminsHousehold(Api& api, const Call& call, int64_t id) {
  const storage::Account& a = call.Actor();
  if (a.household_id != id) return Status::NotFound("household " + std::to_string(id) + ": not found");
  if (a.role != Role::kHouseholdAdmin) return Status::PermissionDenied("only the household's admin can do this");
  return api.store.GetHousehold(id);
}

Result<Reply> RenewCode(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_RETURN_IF_ERROR(AdminsHousehold(api, call, id).status());
  HEARTH_RETURN_IF_ERROR(api.store.RotateHouseholdCode(id).status());
  HEARTH_RETURN_IF_ERROR(api.Log(call.Actor(), "household_code_renewed", "household:" + std::to_string(id)));
  HEARTH_ASSIGN_OR_RETURN(storage::Household h, api.store.GetHousehold(id));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json j, HouseholdJson(api, h, true));
  return Reply::Json(j);
}

Result<Reply> RemoveMember(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(int64_t member_id, call.Id("account"));
  HEARTH_RETURN_IF_ERROR(AdminsHousehold(api, call, id).status());
  if (member_id == call.Actor().id) {
    return Status::InvalidArgument("account: that is you; leave the household with POST /households/leave");
  }
  Result<storage::Account> member = api.store.GetAccount(member_id);
  if (!member.ok() && member.status().code() != StatusCode::kNotFound) return member.status();
  if (!member.ok() || member->household_id != id) {
    return Status::NotFound("account " + std::to_string(member_id) + ": not a member of this household");
  }
  storage::Account m = *member;
  m.household_id.reset();
  HEARTH_RETURN_IF_ERROR(api.store.UpdateAccount(m));
  HEARTH_RETURN_IF_ERROR(api.Log(call.Actor(), "household_member_removed", "household:" + std::to_string(id),
                                 nlohmann::json::object(), m.pseudonym));
  return Reply::NoContent();
}

Result<Reply> Leave(Api& api, Call& call) {
  storage::Account a = call.Actor();
  if (!a.household_id) return Status::FailedPrecondition("you are not in a household");
  const int64_t id = *a.household_id;
  a.household_id.reset();
  if (a.role == Role::kHouseholdAdmin) a.role = Role::kMember;
  HEARTH_RETURN_IF_ERROR(api.store.UpdateAccount(a));
  HEARTH_RETURN_IF_ERROR(api.Log(a, "household_left", "household:" + std::to_string(id)));
  return Reply::NoContent();
}

}  // namespace

void RegisterHouseholdRoutes(Router& router, Api& api) {
  using namespace schemas;
  const nlohmann::json household =
      Obj({{"id", Int()}, {"name", Str()}, {"members", Arr(AnyObj())}, {"join_code", Str()}});
  router.Add("POST", "/households", Access::kSignedIn,
              RouteDoc("Create a household; you become its admin and get the code others join with", "households").Body(Obj({{"name", Str()}}, {"name"})).Returns(201, household),
              [&api](Call& c) { return CreateHousehold(api, c); });
  router.Add("GET", "/households/{id}", Access::kSignedIn,
              RouteDoc("Your household and its members", "households").Returns(200, household),
              [&api](Call& c) { return GetHousehold(api, c); });
  router.Add("POST", "/households/{id}/join", Access::kSignedIn,
              RouteDoc("Join a household with its code: its admin will see your profiles and plans", "households").Body(Obj({{"code", Str()}}, {"code"})).Returns(200, household),
              [&api](Call& c) { return Join(api, c); });
  router.Add("POST", "/households/{id}/code", Access::kSignedIn,
              RouteDoc("Renew the join code (admin): earlier codes stop working", "households").Returns(200, household),
              [&api](Call& c) { return RenewCode(api, c); });
  router.Add("DELETE", "/households/{id}/members/{account}", Access::kSignedIn,
              RouteDoc("Remove a member (admin): they keep their account, profiles and plans", "households").Returns(204),
              [&api](Call& c) { return RemoveMember(api, c); });
  router.Add("POST", "/households/leave", Access::kSignedIn,
              RouteDoc("Leave your household", "households").Returns(204),
              [&api](Call& c) { return Leave(api, c); });
}

}  // namespace hearth::server
