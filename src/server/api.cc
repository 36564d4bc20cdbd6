#include "server/api.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>


namespace hearth::server {

std::string NowUtc() { return UtcOf(NowUnix()); }

std::string UtcOf(int64_t unix_s) {
  const std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<SolveTurns::Turn> Api::PlannerTurn() {
  return solve_turns.Enter(std::chrono::seconds(std::max(0, options.solve_wait_s)));
}

Reply Api::PlannerBusy(const Call& call) {
  Reply r = Reply::Problem(Status::Unavailable("the planner is busy with other plans; try again in a few seconds"),
                           call.request.path);
  r.headers.emplace_back("Retry-After", "5");
  return r;
}

int64_t NowUnix() { return static_cast<int64_t>(std::time(nullptr)); }

nlohmann::json AccountJson(const storage::Account& a, bool with_pseudonym) {
  nlohmann::json j = {{"id", a.id},
                      {"email", a.email},
                      {"name", a.name},
                      {"role", RoleKey(a.role)},
                      {"household_id", a.household_id ? nlohmann::json(*a.household_id) : nlohmann::json(nullptr)},
                      {"vendor_id", a.vendor_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.vendor_id)},
                      {"kitchen", a.kitchen.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.kitchen)},
                      {"created_at", a.created_at}};
  if (with_pseudonym) j["pseudonym"] = a.pseudonym;
  return j;
}

Status RequireRole(const storage::Account& actor, std::initializer_list<Role> roles, std::string_view what) {
  for (Role r : roles) {
    if (actor.role == r) return Status::Ok();
  }
  std::string names;
  for (Role r : roles) names += std::string(names.empty() ? "" : " or ") + std::string(RoleKey(r));
  return Status::PermissionDenied(std::string(what) + " needs the role " + names + "; your account is a " +
                                  std::string(RoleKey(actor.role)));
}

Result<std::string> StringField(const nlohmann::json& body, std::string_view field, bool required,
                                size_t max_bytes) {
  const std::string f(field);
  auto it = body.find(f);
  if (it == body.end() || it->is_null()) {
    if (required) return Status::InvalidArgument(f + ": is required");
    return std::string();
  }
  if (!it->is_string()) return Status::InvalidArgument(f + ": must be a string");
  std::string v = it->get<std::string>();
  if (v.size() > max_bytes) {
    return Status::InvalidArgument(f + ": is longer than " + std::to_string(max_bytes) + " bytes");
  }
  if (required && v.empty()) return Status::InvalidArgument(f + ": must not be empty");
  return v;
}

Result<int64_t> IntField(const nlohmann::json& body, std::string_view field, int64_t lo, int64_t hi) {
  const std::string f(field);
  auto it = body.find(f);
  if (it == body.end() || it->is_null()) return Status::InvalidArgument(f + ": is required");
  if (!it->is_number_integer()) return Status::InvalidArgument(f + ": must be an integer");
  int64_t v = it->get<int64_t>();
  if (v < lo || v > hi) {
    return Status::InvalidArgument(f + ": " + std::to_string(v) + " is outside " + std::to_string(lo) + "-" +
                                   std::to_string(hi));
  }
  return v;
}

Status OnlyFields(const nlohmann::json& body, std::initializer_list<std::string_view> known) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    bool ok = false;
    for (std::string_view k : known) ok = ok || it.key() == k;
    if (!ok) {
      std::string all;
      for (std::string_view k : known) all += (all.empty() ? "" : ", ") + std::string(k);
      return Status::InvalidArgument(it.key() + ": unknown field (known: " + all + ")");
    }
  }
  return Status::Ok();
}

Status Api::Log(const storage::Account& actor, std::string_view event, std::string_view object,
                const nlohmann::json& details, std::string_view subject) {
  Result<storage::AuditEntry> e = audit.Append(actor.pseudonym, subject.empty() ? actor.pseudonym : subject,
                                               event, object, details.dump());
  return e.status();
}

Status Api::LogSystem(std::string_view event, std::string_view subject, std::string_view object,
                      const nlohmann::json& details) {
  return audit.Append("system", subject, event, object, details.dump()).status();
}

Result<bool> Api::CanSeeHealthData(const storage::Account& actor, int64_t owner_id) {
  // The command line's own profiles and plans share the database; nobody
  // reaches them through the server.
  if (owner_id == storage::kLocalOwner) return false;
  if (actor.id == owner_id) return true;
  if (actor.role == Role::kHouseholdAdmin && actor.household_id) {
    Result<storage::Account> owner = store.GetAccount(owner_id);
    if (!owner.ok()) return owner.status().code() == StatusCode::kNotFound ? Result<bool>(false) : owner.status();
    if (owner->household_id == actor.household_id) return true;
  }
  if (actor.role == Role::kNutritionist) return store.HasActiveConsent(owner_id, actor.id);
  return false;
}

Result<storage::StoredProfile> Api::VisibleProfile(const storage::Account& actor, int64_t id) {
  Result<storage::StoredProfile> p = store.GetProfile(id);
  const Status hidden = Status::NotFound("profile " + std::to_string(id) + ": not found");
  if (!p.ok()) return p.status().code() == StatusCode::kNotFound ? hidden : p.status();
  HEARTH_ASSIGN_OR_RETURN(bool ok, CanSeeHealthData(actor, p->owner_id));
  if (!ok) return hidden;
  return p;
}

Result<storage::StoredPlan> Api::VisiblePlan(const storage::Account& actor, int64_t id) {
  Result<storage::StoredPlan> p = store.GetPlan(id);
  const Status hidden = Status::NotFound("plan " + std::to_string(id) + ": not found");
  if (!p.ok()) return p.status().code() == StatusCode::kNotFound ? hidden : p.status();
  HEARTH_ASSIGN_OR_RETURN(bool ok, CanSeeHealthData(actor, p->owner_id));
  if (!ok) return hidden;
  return p;
}

Result<int64_t> Api::HealthDataOwner(const Call& call) {
  HEARTH_ASSIGN_OR_RETURN(int64_t id, call.QueryInt("owner", call.Actor().id, 1, INT64_MAX));
  HEARTH_ASSIGN_OR_RETURN(bool ok, CanSeeHealthData(call.Actor(), id));
  if (!ok) return Status::NotFound("owner " + std::to_string(id) + ": no account whose data you may see");
  return id;
}

std::string Api::PantryOf(const storage::Account& a) {
  if (a.role == Role::kKitchenOrganizer && !a.kitchen.empty()) return "kitchen:" + a.kitchen;
  if (a.household_id) return "household:" + std::to_string(*a.household_id);
  return "account:" + std::to_string(a.id);
}

}  // namespace hearth::server
