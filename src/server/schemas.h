// JSON Schemas of the API's bodies, for the OpenAPI document (docs/api.md).
// Kept beside the handlers' own validation, which is what enforces them.
#ifndef HEARTH_SERVER_SCHEMAS_H_
#define HEARTH_SERVER_SCHEMAS_H_

#include <nlohmann/json.hpp>

namespace hearth::server::schemas {

inline nlohmann::json Str() { return {{"type", "string"}}; }
inline nlohmann::json Int() { return {{"type", "integer"}}; }
inline nlohmann::json Num() { return {{"type", "number"}}; }
inline nlohmann::json Bool() { return {{"type", "boolean"}}; }
inline nlohmann::json Obj(nlohmann::json properties, nlohmann::json required = nlohmann::json::array()) {
  nlohmann::json o = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = std::move(required);
  return o;
}
inline nlohmann::json Arr(nlohmann::json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
inline nlohmann::json AnyObj() { return {{"type", "object"}}; }

inline nlohmann::json Account() {
  return Obj({{"id", Int()}, {"email", Str()}, {"name", Str()}, {"role", Str()},
              {"household_id", {{"type", {"integer", "null"}}}}, {"vendor_id", {{"type", {"string", "null"}}}},
              {"kitchen", {{"type", {"string", "null"}}}}, {"created_at", Str()}, {"pseudonym", Str()}});
}
inline nlohmann::json Session() {
  return Obj({{"token", Str()}, {"expires_in_s", Int()}, {"idle_timeout_s", Int()}, {"account", Account()}},
             {"token", "account"});
}
inline nlohmann::json Vendor() {
  return Obj({{"id", Str()}, {"name", Str()}, {"kind", Str()}, {"lat", Num()}, {"lon", Num()},
              {"opening_hours", Str()}},
             {"id", "name", "kind", "lat", "lon"});
}
inline nlohmann::json Signup() {
  return Obj({{"email", Str()}, {"password", {{"type", "string"}, {"minLength", 12}}}, {"name", Str()},
              {"role", {{"enum", {"member", "nutritionist", "vendor", "kitchen_organizer"}}}}, {"vendor", Vendor()}},
             {"email", "password"});
}
inline nlohmann::json Login() { return Obj({{"email", Str()}, {"password", Str()}}, {"email", "password"}); }
inline nlohmann::json PasswordChange() {
  return Obj({{"current_password", Str()}, {"new_password", {{"type", "string"}, {"minLength", 12}}}},
             {"current_password", "new_password"});
}
inline nlohmann::json Password() { return Obj({{"password", Str()}}, {"password"}); }
// A stored profile: the profile document (docs/profile-format.md) with ids.
inline nlohmann::json StoredProfile() {
  return Obj({{"id", Int()}, {"owner_id", Int()}, {"profile", AnyObj()}, {"created_at", Str()},
              {"updated_at", Str()}});
}
inline nlohmann::json PlanCreate() {
  return Obj({{"profile_ids", Arr(Int())}, {"days", Int()}, {"seed", Int()}, {"time_limit_s", Num()},
              {"max_minutes_per_day", Num()}, {"optional_slots", Arr(Str())}, {"market", Bool()},
              {"pantry", Bool()}, {"start", Str()}},
             {"profile_ids"});
}
inline nlohmann::json StoredPlan() {
  return Obj({{"id", Int()}, {"owner_id", Int()}, {"created_at", Str()}, {"updated_at", Str()},
              {"plan", AnyObj()}});
}
inline nlohmann::json Swap() {
  return Obj({{"day", Int()}, {"slot", Str()}, {"recipe", Str()}, {"servings", Num()}}, {"day", "slot", "recipe"});
}
inline nlohmann::json Consent() {
  return Obj({{"id", Int()}, {"client", Account()}, {"nutritionist", Account()}, {"granted_at", Str()},
              {"revoked_at", {{"type", {"string", "null"}}}}, {"active", Bool()}});
}
inline nlohmann::json PantryItem() {
  return Obj({{"id", Int()}, {"food", Str()}, {"food_name", Str()}, {"grams", Num()},
              {"expiry", {{"type", {"string", "null"}}}}, {"state", Str()}, {"location", Str()}, {"note", Str()}});
}
inline nlohmann::json AuditEntry() {
  return Obj({{"seq", Int()}, {"at", Str()}, {"actor", Str()}, {"subject", Str()}, {"event", Str()},
              {"object", Str()}, {"details", AnyObj()}});
}
inline nlohmann::json TreeHead() {
  return Obj({{"tree_size", Int()}, {"root_hash", Str()}, {"at", Str()}, {"signature", Str()}});
}

}  // namespace hearth::server::schemas

#endif  // HEARTH_SERVER_SCHEMAS_H_
