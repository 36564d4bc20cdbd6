// The audit log of the SQLite store: entries and signed tree heads, appended
// together under the write lock so that every process extends one chain.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/sqlite_util.h"

namespace hearth::storage::sqlite {
namespace {

constexpr const char* kEntryColumns = "seq, at, actor, subject, event, object, details";
constexpr const char* kHeadColumns = "tree_size, root_hash, at, signature, frontier";

AuditEntry EntryAt(const Statement& st) {
  AuditEntry e;
  e.seq = st.Int(0);
  e.at = st.Text(1);
  e.actor = st.Text(2);
  e.subject = st.Text(3);
  e.event = st.Text(4);
  e.object = st.Text(5);
  e.details = st.Text(6);
  return e;
}

TreeHead HeadAt(const Statement& st) {
  TreeHead h;
  h.tree_size = st.Int(0);
  h.root_hash = st.Text(1);
  h.at = st.Text(2);
  h.signature = st.Text(3);
  h.frontier = st.Text(4);
  return h;
}

Result<std::vector<AuditEntry>> AllEntries(Statement& st, std::string_view op) {
  std::vector<AuditEntry> out;
  for (;;) {
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) break;
    out.push_back(EntryAt(st));
  }
  return out;
}

Result<std::optional<TreeHead>> ReadLatestHead(sqlite3* db, std::string_view op) {
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db, std::string("SELECT ") + kHeadColumns + " FROM tree_heads ORDER BY tree_size DESC LIMIT 1",
                         op));
  HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
  if (!row) return std::optional<TreeHead>();
  return std::optional<TreeHead>(HeadAt(st));
}

}  // namespace

Result<AuditEntry> SqliteStore::AppendAudit(AuditEntry entry, const NextHead& next_head) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "appending " + Quote(entry.event) + " to the audit log";
  if (entry.event.empty()) return Status::InvalidArgument("appending to the audit log", "the event is empty");
  if (entry.actor.empty()) return Status::InvalidArgument(op, "the actor is empty");
  if (!next_head) return Status::InvalidArgument(op, "no function computes the next tree head");
  // The write lock is taken before the size is read, so no other connection
  // can append between reading the latest head and inserting the next one.
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement size_st,
                          Statement::Prepare(db_, "SELECT COALESCE(MAX(seq) + 1, 0) FROM audit_entries", op));
  HEARTH_ASSIGN_OR_RETURN(int64_t size, QueryInt(size_st, op));
  HEARTH_ASSIGN_OR_RETURN(std::optional<TreeHead> latest, ReadLatestHead(db_, op));
  const int64_t covered = latest ? latest->tree_size : 0;
  if (covered != size) {
    return Status::Internal(op, "the log has " + std::to_string(size) + " entries but its latest tree head covers " +
                                    std::to_string(covered));
  }
  entry.seq = size;
  Result<TreeHead> head = next_head(latest, entry);
  if (!head.ok()) return head.status();  // The transaction rolls back: nothing written.
  if (head->tree_size != entry.seq + 1) {
    return Status::InvalidArgument(op, "audit entry " + std::to_string(entry.seq) + ": the new tree head has size " +
                                           std::to_string(head->tree_size) + ", expected " +
                                           std::to_string(entry.seq + 1));
  }
  HEARTH_ASSIGN_OR_RETURN(Statement ins_entry,
                          Statement::Prepare(db_,
                                             "INSERT INTO audit_entries (seq, at, actor, subject, event, object, "
                                             "details) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                             op));
  ins_entry.Bind(1, entry.seq);
  ins_entry.Bind(2, std::string_view(entry.at));
  ins_entry.Bind(3, std::string_view(entry.actor));
  ins_entry.Bind(4, std::string_view(entry.subject));
  ins_entry.Bind(5, std::string_view(entry.event));
  ins_entry.Bind(6, std::string_view(entry.object));
  ins_entry.Bind(7, std::string_view(entry.details));
  HEARTH_RETURN_IF_ERROR(ins_entry.Run(op + " (entry " + std::to_string(entry.seq) + ")"));
  HEARTH_ASSIGN_OR_RETURN(Statement ins_head,
                          Statement::Prepare(db_,
                                             "INSERT INTO tree_heads (tree_size, root_hash, at, signature, frontier) "
                                             "VALUES (?1, ?2, ?3, ?4, ?5)",
                                             op));
  ins_head.Bind(1, head->tree_size);
  ins_head.Bind(2, std::string_view(head->root_hash));
  ins_head.Bind(3, std::string_view(head->at));
  ins_head.Bind(4, std::string_view(head->signature));
  ins_head.Bind(5, std::string_view(head->frontier));
  HEARTH_RETURN_IF_ERROR(ins_head.Run(op + " (tree head " + std::to_string(head->tree_size) + ")"));
  HEARTH_RETURN_IF_ERROR(txn.Commit(op));
  return entry;
}

Result<std::vector<AuditEntry>> SqliteStore::ListAudit(int64_t from, int64_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "listing the audit log from entry " + std::to_string(from);
  if (from < 0) return Status::InvalidArgument(op, "the first entry must be 0 or more");
  if (limit < 0) return Status::InvalidArgument(op, "the limit must be 0 or more, got " + std::to_string(limit));
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_,
                         std::string("SELECT ") + kEntryColumns +
                             " FROM audit_entries WHERE seq >= ?1 ORDER BY seq LIMIT ?2",
                         op));
  st.Bind(1, from);
  st.Bind(2, limit);
  return AllEntries(st, op);
}

Result<std::vector<AuditEntry>> SqliteStore::ListAuditFor(std::string_view pseudonym) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "listing the audit log for " + Quote(pseudonym);
  if (pseudonym.empty()) {
    return Status::InvalidArgument("listing the audit log for an account", "the pseudonym is empty");
  }
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_,
                         std::string("SELECT ") + kEntryColumns +
                             " FROM audit_entries WHERE actor = ?1 OR subject = ?1 ORDER BY seq",
                         op));
  st.Bind(1, pseudonym);
  return AllEntries(st, op);
}

Result<std::optional<TreeHead>> SqliteStore::LatestTreeHead() {
  std::lock_guard<std::mutex> lock(mu_);
  return ReadLatestHead(db_, "reading the latest audit tree head");
}

Result<TreeHead> SqliteStore::GetTreeHead(int64_t tree_size) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string what = "tree head " + std::to_string(tree_size);
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_, std::string("SELECT ") + kHeadColumns + " FROM tree_heads WHERE tree_size = ?1",
                         "reading " + what));
  st.Bind(1, tree_size);
  HEARTH_ASSIGN_OR_RETURN(bool row, st.Step("reading " + what));
  if (!row) return Status::NotFound(what, "not found");
  return HeadAt(st);
}

Result<std::vector<TreeHead>> SqliteStore::ListTreeHeads() {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "listing the audit tree heads";
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_, std::string("SELECT ") + kHeadColumns + " FROM tree_heads ORDER BY tree_size", op));
  std::vector<TreeHead> out;
  for (;;) {
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) break;
    out.push_back(HeadAt(st));
  }
  return out;
}

}  // namespace hearth::storage::sqlite
