// Routes: GET /audit/head, /audit/me (your entries with inclusion proofs),
// /audit/entries and /audit/verification (admins).
#include <cstdint>

#include "hearth/audit/log.h"
#include "server/api.h"
#include "server/schemas.h"

namespace hearth::server {
namespace {

nlohmann::json AuditEntryJson(const storage::AuditEntry& e) {
  nlohmann::json details = nlohmann::json::parse(e.details, nullptr, false);
  return {{"seq", e.seq},     {"at", e.at},         {"actor", e.actor},
          {"subject", e.subject}, {"event", e.event}, {"object", e.object},
          {"details", details.is_discarded() ? nlohmann::json(e.details) : details}};
}

nlohmann::json HeadJson(const storage::TreeHead& h) {
  return {{"tree_size", h.tree_size}, {"root_hash", h.root_hash}, {"at", h.at}, {"signature", h.signature}};
}

Result<Reply> Head(Api& api, Call&) {
  HEARTH_ASSIGN_OR_RETURN(std::optional<storage::TreeHead> head, api.store.LatestTreeHead());
  return Reply::Json({{"public_key", api.audit.public_key_hex()},
                      {"head", head ? HeadJson(*head) : nlohmann::json(nullptr)}});
}

Result<Reply> Mine(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(auto proofs, api.audit.EntriesFor(call.Actor().pseudonym));
  nlohmann::json entries = nlohmann::json::array();
  for (const audit::AuditLog::Proof& p : proofs.second) {
    nlohmann::json e = AuditEntryJson(p.entry);
    e["leaf_hash"] = audit::ToHex(audit::LeafHash(audit::LeafData(p.entry)));
    nlohmann::json path = nlohmann::json::array();
    for (const audit::Hash& h : p.path) path.push_back(audit::ToHex(h));
    e["inclusion_proof"] = path;
    entries.push_back(std::move(e));
  }
  return Reply::Json({{"pseudonym", call.Actor().pseudonym},
                      {"public_key", api.audit.public_key_hex()},
                      {"head", HeadJson(proofs.first)},
                      {"entries", entries}});
}

Result<Reply> Entries(Api& api, Call& call) {
  HEARTH_RETURN_IF_ERROR(RequireRole(call.Actor(), {Role::kAdmin}, "reading the whole audit log"));
  HEARTH_ASSIGN_OR_RETURN(int64_t from, call.QueryInt("from", 0, 0, INT64_MAX));
  HEARTH_ASSIGN_OR_RETURN(int64_t limit, call.QueryInt("limit", 100, 1, 1000));
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::AuditEntry> es, api.store.ListAudit(from, limit));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : es) out.push_back(AuditEntryJson(e));
  return Reply::Json({{"entries", out}});
}

Result<Reply> Verification(Api& api, Call& call) {
  HEARTH_RETURN_IF_ERROR(RequireRole(call.Actor(), {Role::kAdmin}, "verifying the audit log"));
  std::string path = api.options.database;
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  HEARTH_ASSIGN_OR_RETURN(audit::VerifyReport report,
                          audit::VerifyLog(api.store, api.audit.public_key_hex(), audit::KeyFilesFor(path).witness));
  return Reply::Json({{"ok", report.ok()}, {"entries", report.entries}, {"heads", report.heads},
                      {"problems", report.problems}});
}

}  // namespace

void RegisterAuditRoutes(Router& router, Api& api) {
  using namespace schemas;
  router.Add("GET", "/audit/head", Access::kSignedIn,
              RouteDoc("The latest signed tree head and the public key that signs heads", "audit").Returns(200, Obj({{"public_key", Str()}, {"head", TreeHead()}})),
              [&api](Call& c) { return Head(api, c); });
  router.Add("GET", "/audit/me", Access::kSignedIn,
              RouteDoc("Your audit entries, each with an RFC 6962 inclusion proof against the latest head", "audit").Returns(200, Obj({{"pseudonym", Str()}, {"public_key", Str()}, {"head", TreeHead()}, {"entries", Arr(AuditEntry())}})),
              [&api](Call& c) { return Mine(api, c); });
  router.Add("GET", "/audit/entries", Access::kSignedIn,
              RouteDoc("Audit entries by position (admins)", "audit").Returns(200, Obj({{"entries", Arr(AuditEntry())}})).Query({{"from", "first seq (0)"}, {"limit", "1-1000 (100)"}}),
              [&api](Call& c) { return Entries(api, c); });
  router.Add("GET", "/audit/verification", Access::kSignedIn,
              RouteDoc("Verify the whole log: signatures, roots, order, witness (admins)", "audit").Returns(200, Obj({{"ok", Bool()}, {"entries", Int()}, {"heads", Int()}, {"problems", Arr(Str())}})),
              [&api](Call& c) { return Verification(api, c); });
}

}  // namespace hearth::server
