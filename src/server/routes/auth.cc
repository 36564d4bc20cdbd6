// Routes: POST /auth/signup, /auth/login, /auth/logout, /auth/password;
// GET /auth/session; GET /auth/sessions, DELETE /auth/sessions/{id} (one's
// own sessions). Sessions and throttling follow docs/security.md.
#include <algorithm>
#include <optional>

#include "hearth/security/throttle.h"
#include "hearth/security/token.h"
#include "server/api.h"
#include "server/schemas.h"

namespace hearth::server {
namespace {

constexpr std::string_view kBadLogin = "the email or the password is wrong";

Result<std::string> EmailField(const nlohmann::json& body) {
  HEARTH_ASSIGN_OR_RETURN(std::string email, StringField(body, "email", true, 254));
  const size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= email.size() || email.find('@', at + 1) != std::string::npos ||
      email.find_first_of(" \t\r\n<>") != std::string::npos) {
    return Status::InvalidArgument("email: \"" + email + "\" is not an email address");
  }
  for (char& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return email;
}

// A new session for `account`: the token (returned once, never stored).
Result<nlohmann::json> OpenSession(Api& api, const storage::Account& account, const std::string& address) {
  const std::string token = security::NewToken();
  const int64_t now = NowUnix();
  storage::Session s{security::Sha256Hex(token), account.id, now, now, now + api.options.session_absolute_s,
                     address};
  HEARTH_RETURN_IF_ERROR(api.store.CreateSession(s));
  return nlohmann::json{{"token", token},
                        {"expires_in_s", api.options.session_absolute_s},
                        {"idle_timeout_s", api.options.session_idle_s},
                        {"account", AccountJson(account, true)}};
}

// 429 with the wait in words and in Retry-After (RFC 9110 §10.2.3).
Reply Throttled(const Call& call, int64_t retry_after_s) {
  Reply r = Reply::Problem(Status::ResourceExhausted("too many failed sign-ins; try again in " +
                                                     std::to_string(retry_after_s) + " s"),
                           call.request.path);
  r.headers.emplace_back("Retry-After", std::to_string(std::max<int64_t>(1, retry_after_s)));
  return r;
}

// A session's public id: the start of its token hash. It names the session
// in lists without being usable to sign in (the token is not derivable).
constexpr size_t kSessionIdLength = 16;
std::string SessionId(const std::string& token_hash) { return token_hash.substr(0, kSessionIdLength); }

Result<Reply> Signup(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"email", "password", "name", "role", "vendor"}));
  HEARTH_ASSIGN_OR_RETURN(std::string email, EmailField(body));
  HEARTH_ASSIGN_OR_RETURN(std::string password, StringField(body, "password", true, 4096));
  HEARTH_ASSIGN_OR_RETURN(std::string name, StringField(body, "name", false, 200));
  HEARTH_ASSIGN_OR_RETURN(std::string role_key, StringField(body, "role", false, 40));
  Role role = Role::kMember;
  if (!role_key.empty()) {
    std::optional<Role> r = ParseRole(role_key);
    if (!r || (*r != Role::kMember && *r != Role::kNutritionist && *r != Role::kVendor &&
               *r != Role::kKitchenOrganizer)) {
      return Status::InvalidArgument("role: \"" + role_key +
                                     "\" cannot be chosen at sign-up (member, nutritionist, vendor or "
                                     "kitchen_organizer; a household admin creates a household; an admin "
                                     "grants admin)");
    }
    role = *r;
  }
  HEARTH_RETURN_IF_ERROR(security::CheckNewPassword(password, email, api.common_passwords));
  storage::Account a;
  a.email = email;
  a.name = name.empty() ? email.substr(0, email.find('@')) : name;
  a.role = role;
  if (role == Role::kKitchenOrganizer) a.kitchen = "kitchen-" + security::RandomHex(4);
  std::optional<Vendor> vendor;
  if (role == Role::kVendor) {
    auto v = body.find("vendor");
    if (v == body.end() || !v->is_object()) {
      return Status::InvalidArgument("vendor: a vendor account needs its vendor: {\"id\", \"name\", \"kind\", "
                                     "\"lat\", \"lon\"}");
    }
    HEARTH_ASSIGN_OR_RETURN(Market parsed, MarketFromJson(api, nlohmann::json::array({*v}),
                                                          nlohmann::json::array(), "vendor"));
    HEARTH_ASSIGN_OR_RETURN(Market market, api.store.LoadMarket());
    const Vendor& want = parsed.vendors.at(0);
    for (const Vendor& existing : market.vendors) {
      if (existing.id == want.id) return Status::AlreadyExists("vendor.id: \"" + want.id + "\" is taken");
    }
    a.vendor_id = want.id;
    vendor = want;
  } else if (body.contains("vendor")) {
    return Status::InvalidArgument("vendor: only a vendor account has a vendor");
  }
  HEARTH_ASSIGN_OR_RETURN(a.password_hash, security::HashPassword(password, api.options.password_cost));
  a.pseudonym = "u-" + security::RandomHex(12);
  a.created_at = NowUtc();
  HEARTH_ASSIGN_OR_RETURN(a.id, api.store.CreateAccount(a));
  if (vendor) {
    Market m;
    m.vendors.push_back(*vendor);
    HEARTH_RETURN_IF_ERROR(api.store.UpsertMarket(m));
  }
  HEARTH_RETURN_IF_ERROR(api.Log(a, "account_created", "account:" + std::to_string(a.id),
                                 {{"role", RoleKey(a.role)}}));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json session, OpenSession(api, a, call.request.remote_addr));
  return Reply::Json(session, 201);
}

Result<Reply> Login(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"email", "password"}));
  HEARTH_ASSIGN_OR_RETURN(std::string email, EmailField(body));
  HEARTH_ASSIGN_OR_RETURN(std::string password, StringField(body, "password", true, 4096));
  const int64_t now = NowUnix();
  const std::string account_key = "account:" + email;
  const std::string address_key = "address:" + call.request.remote_addr;
  for (const auto& [key, policy] : {std::pair{account_key, security::kAccountThrottle},
                                    std::pair{address_key, security::kAddressThrottle}}) {
    HEARTH_ASSIGN_OR_RETURN(std::vector<int64_t> failures,
                            api.store.LoginFailuresSince(key, now - policy.window_s));
    security::ThrottleDecision d = security::CheckThrottle(failures, now, policy);
    if (!d.allowed) return Throttled(call, d.retry_after_s);
  }
  Result<storage::Account> account = api.store.FindAccountByEmail(email);
  if (!account.ok() && account.status().code() != StatusCode::kNotFound) return account.status();
  bool good = false;
  if (account.ok()) {
    good = security::VerifyPassword(account->password_hash, password);
  } else {
    // Spend the same time as a real check: the answer must not tell
    // whether the account exists.
    static const std::string dummy = *security::HashPassword("not a password at all", api.options.password_cost);
    (void)security::VerifyPassword(dummy, password);
  }
  if (!good) {
    HEARTH_RETURN_IF_ERROR(api.store.RecordLoginFailure(account_key, now));
    HEARTH_RETURN_IF_ERROR(api.store.RecordLoginFailure(address_key, now));
    HEARTH_RETURN_IF_ERROR(api.LogSystem("login_failed", account.ok() ? account->pseudonym : ""));
    return Status::Unauthenticated(std::string(kBadLogin));
  }
  HEARTH_RETURN_IF_ERROR(api.store.ClearLoginFailures(account_key));
  if (security::NeedsRehash(account->password_hash, api.options.password_cost)) {
    Result<std::string> rehash = security::HashPassword(password, api.options.password_cost);
    if (rehash.ok()) HEARTH_RETURN_IF_ERROR(api.store.SetPasswordHash(account->id, *rehash));
  }
  HEARTH_RETURN_IF_ERROR(api.Log(*account, "login"));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json session, OpenSession(api, *account, call.request.remote_addr));
  return Reply::Json(session);
}

Result<Reply> Logout(Api& api, Call& call) {
  HEARTH_RETURN_IF_ERROR(api.store.DeleteSession(call.token_hash));
  HEARTH_RETURN_IF_ERROR(api.Log(call.Actor(), "logout"));
  return Reply::NoContent();
}

Result<Reply> ChangePassword(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  HEARTH_RETURN_IF_ERROR(OnlyFields(body, {"current_password", "new_password"}));
  HEARTH_ASSIGN_OR_RETURN(std::string current, StringField(body, "current_password", true, 4096));
  HEARTH_ASSIGN_OR_RETURN(std::string next, StringField(body, "new_password", true, 4096));
  const storage::Account& a = call.Actor();
  if (!security::VerifyPassword(a.password_hash, current)) {
    HEARTH_RETURN_IF_ERROR(api.store.RecordLoginFailure("account:" + a.email, NowUnix()));
    return Status::InvalidArgument("current_password: is wrong");
  }
  Status check = security::CheckNewPassword(next, a.email, api.common_passwords);
  if (!check.ok()) return Status::InvalidArgument("new_" + check.message());
  if (next == current) return Status::InvalidArgument("new_password: is the same as the current one");
  HEARTH_ASSIGN_OR_RETURN(std::string hash, security::HashPassword(next, api.options.password_cost));
  HEARTH_RETURN_IF_ERROR(api.store.SetPasswordHash(a.id, hash));  // Ends every session.
  HEARTH_RETURN_IF_ERROR(api.Log(a, "password_changed"));
  HEARTH_ASSIGN_OR_RETURN(storage::Account updated, api.store.GetAccount(a.id));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json session, OpenSession(api, updated, call.request.remote_addr));
  return Reply::Json(session);
}

Result<Reply> ListSessions(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::Session> sessions, api.store.SessionsOf(call.Actor().id));
  const int64_t now = NowUnix();
  nlohmann::json out = nlohmann::json::array();
  for (const storage::Session& s : sessions) {
    // Sessions past their expiry are gone for every purpose; they are
    // deleted at their next use or by the periodic sweep.
    if (now >= s.expires_unix || now - s.last_seen_unix >= api.options.session_idle_s) continue;
    out.push_back({{"id", SessionId(s.token_hash)},
                   {"created_at", UtcOf(s.created_unix)},
                   {"last_seen_at", UtcOf(s.last_seen_unix)},
                   {"expires_at", UtcOf(std::min(s.expires_unix, s.last_seen_unix + api.options.session_idle_s))},
                   {"address", s.address},
                   {"current", s.token_hash == call.token_hash}});
  }
  return Reply::Json({{"sessions", out}});
}

Result<Reply> EndSession(Api& api, Call& call) {
  const std::string want = call.path.at("id");
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::Session> sessions, api.store.SessionsOf(call.Actor().id));
  for (const storage::Session& s : sessions) {
    if (want.size() != kSessionIdLength || SessionId(s.token_hash) != want) continue;
    HEARTH_RETURN_IF_ERROR(api.store.DeleteSession(s.token_hash));
    HEARTH_RETURN_IF_ERROR(api.Log(call.Actor(), "session_ended", "", {{"session", want}}));
    return Reply::NoContent();
  }
  return Status::NotFound("session " + want + ": not found among your sessions");
}

}  // namespace

void RegisterAuthRoutes(Router& router, Api& api) {
  const nlohmann::json session = schemas::Session();
  router.Add("POST", "/auth/signup", Access::kPublic,
              RouteDoc("Create an account and sign in", "auth").Body(schemas::Signup()).Returns(201, session),
              [&api](Call& c) { return Signup(api, c); });
  router.Add("POST", "/auth/login", Access::kPublic,
              RouteDoc("Sign in: a session token (throttled per account and address)", "auth").Body(schemas::Login()).Returns(200, session),
              [&api](Call& c) { return Login(api, c); });
  router.Add("POST", "/auth/logout", Access::kSignedIn,
              RouteDoc("End this session", "auth").Returns(204),
              [&api](Call& c) { return Logout(api, c); });
  router.Add("POST", "/auth/password", Access::kSignedIn,
              RouteDoc("Change the password: ends every session, returns a new one", "auth").Body(schemas::PasswordChange()).Returns(200, session),
              [&api](Call& c) { return ChangePassword(api, c); });
  router.Add("GET", "/auth/session", Access::kSignedIn,
              RouteDoc("The signed-in account", "auth").Returns(200, schemas::Account()),
              [](Call& c) -> Result<Reply> { return Reply::Json(AccountJson(c.Actor(), true)); });
  using schemas::Obj, schemas::Arr, schemas::Str, schemas::Bool;
  router.Add("GET", "/auth/sessions", Access::kSignedIn,
              RouteDoc("Your signed-in sessions (this one marked current)", "auth")
                  .Returns(200, Obj({{"sessions", Arr(Obj({{"id", Str()}, {"created_at", Str()}, {"last_seen_at", Str()},
                                                           {"expires_at", Str()}, {"address", Str()}, {"current", Bool()}}))}})),
              [&api](Call& c) { return ListSessions(api, c); });
  router.Add("DELETE", "/auth/sessions/{id}", Access::kSignedIn,
              RouteDoc("End one of your sessions (sign out a lost phone)", "auth").Returns(204),
              [&api](Call& c) { return EndSession(api, c); });
}

}  // namespace hearth::server
