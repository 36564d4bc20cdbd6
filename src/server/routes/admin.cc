// Routes for admins: GET /accounts, PATCH /accounts/{id} (role and links).
// Admins run the instance; they do not read health data.
#include "server/api.h"
#include "server/schemas.h"

namespace hearth::server {
namespace {

Result<Reply> ListAccounts(Api& api, Call& call) {
  HEARTH_RETURN_IF_ERROR(RequireRole(call.Actor(), {Role::kAdmin}, "listing accounts"));
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::Account> all, api.store.ListAccounts());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : all) out.push_back(AccountJson(a));
  return Reply::Json({{"accounts", out}});
}

Result<Reply> PatchAccount(Api& api, Call& call) {
  HEARTH_RETURN_IF_ERROR(RequireRole(call.Actor(), {Role::kAdmin}, "changing accounts"));
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.Id("id"));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"role", "vendor_id", "kitchen"}));
  HEARTH_ASSIGN_OR_RETURN(storage::Account a, api.store.GetAccount(id));
  const Role before = a.role;
  if (body.contains("role")) {
    HEARTH_ASSIGN_OR_RETURN(std::string key, StringField(body, "role", true, 40));
    std::optional<Role> r = ParseRole(key);
    if (!r) return Status::InvalidArgument("role: unknown role \"" + key + "\"");
    if (a.id == call.Actor().id && *r != Role::kAdmin) {
      return Status::FailedPrecondition("role: an admin cannot remove their own admin role");
    }
    a.role = *r;
  }
  if (body.contains("vendor_id")) {
    HEARTH_ASSIGN_OR_RETURN(a.vendor_id, StringField(body, "vendor_id", false, 100));
  }
  if (body.contains("kitchen")) {
    HEARTH_ASSIGN_OR_RETURN(a.kitchen, StringField(body, "kitchen", false, 100));
  }
  HEARTH_RETURN_IF_ERROR(api.store.UpdateAccount(a));
  HEARTH_RETURN_IF_ERROR(api.Log(call.Actor(), "role_changed", "account:" + std::to_string(id),
                                 {{"from", RoleKey(before)}, {"to", RoleKey(a.role)}}, a.pseudonym));
  return Reply::Json(AccountJson(a));
}

}  // namespace

void RegisterAdminRoutes(Router& router, Api& api) {
  using namespace schemas;
  router.Add("GET", "/accounts", Access::kSignedIn,
              RouteDoc("Every account (admins)", "admin").Returns(200, Obj({{"accounts", Arr(Account())}})),
              [&api](Call& c) { return ListAccounts(api, c); });
  router.Add("PATCH", "/accounts/{id}", Access::kSignedIn,
              RouteDoc("Change an account's role, vendor or kitchen (admins; audited)", "admin").Body(Obj({{"role", Str()}, {"vendor_id", Str()}, {"kitchen", Str()}})).Returns(200, Account()),
              [&api](Call& c) { return PatchAccount(api, c); });
}

}  // namespace hearth::server
