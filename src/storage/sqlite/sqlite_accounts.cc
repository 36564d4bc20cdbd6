// Accounts, households, sessions, login failures, profiles, plans and consent
// in the SQLite store. Deleting an account relies on the schema's ON DELETE
// CASCADE (sessions, profiles, plans, consents) and removes by hand what is
// only linked by name (its pantry, its login failures).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/sqlite_util.h"

namespace hearth::storage::sqlite {
namespace {

constexpr const char* kAccountColumns =
    "id, email, name, password_hash, role, household_id, vendor_id, kitchen, pseudonym, created_at";
constexpr const char* kSessionColumns = "token_hash, account_id, created_unix, last_seen_unix, expires_unix, address";
constexpr const char* kConsentColumns = "id, client_id, nutritionist_id, granted_at, revoked_at";

// Emails are matched case-insensitively in ASCII, as SQLite's lower() does.
std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string AccountName(int64_t id) { return "account " + std::to_string(id); }

// Rows of kLocalOwner (the command line's own) have owner_id NULL; bound
// with BindOwner, "owner_id IS ?N" matches either kind.
std::string OwnerName(int64_t owner_id) {
  return owner_id == kLocalOwner ? std::string("the command line") : AccountName(owner_id);
}
void BindOwner(Statement& st, int i, int64_t owner_id) {
  if (owner_id == kLocalOwner) st.BindNull(i);
  else st.Bind(i, owner_id);
}
std::string BookName(int64_t owner_id) {
  return owner_id == kLocalOwner ? std::string("the local recipe book") : "the recipes of " + AccountName(owner_id);
}
std::string HouseholdName(int64_t id) { return "household " + std::to_string(id); }
std::string ConsentName(int64_t id) { return "consent " + std::to_string(id); }
// A session by the start of its token hash (enough to tell sessions apart in
// a message, never the token).
std::string SessionName(std::string_view token_hash) {
  return "session " + Quote(token_hash.size() > 8 ? std::string(token_hash.substr(0, 8)) + "..."
                                                  : std::string(token_hash));
}

// Whether `sql` (one "?1" parameter) returns a row.
Result<bool> RowExists(sqlite3* db, const char* sql, int64_t id, std::string_view op) {
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db, sql, op));
  st.Bind(1, id);
  return st.Step(op);
}

Status RequireAccount(sqlite3* db, int64_t id, std::string_view op) {
  HEARTH_ASSIGN_OR_RETURN(bool found, RowExists(db, "SELECT 1 FROM accounts WHERE id = ?1", id, op));
  if (!found) return Status::NotFound(AccountName(id), "not found");
  return Status::Ok();
}

Status RequireHousehold(sqlite3* db, const std::optional<int64_t>& id, std::string_view op) {
  if (!id) return Status::Ok();
  HEARTH_ASSIGN_OR_RETURN(bool found, RowExists(db, "SELECT 1 FROM households WHERE id = ?1", *id, op));
  if (!found) return Status::NotFound(HouseholdName(*id), "not found");
  return Status::Ok();
}

Result<Account> AccountAt(const Statement& st, std::string_view op) {
  Account a;
  a.id = st.Int(0);
  a.email = st.Text(1);
  a.name = st.Text(2);
  a.password_hash = st.Text(3);
  std::optional<Role> role = ParseRole(st.Text(4));
  if (!role) return Status::Internal(op, AccountName(a.id) + " has unknown role " + Quote(st.Text(4)));
  a.role = *role;
  a.household_id = st.OptInt(5);
  a.vendor_id = st.Text(6);
  a.kitchen = st.Text(7);
  a.pseudonym = st.Text(8);
  a.created_at = st.Text(9);
  return a;
}

Result<std::vector<Account>> AllAccounts(Statement& st, std::string_view op) {
  std::vector<Account> out;
  for (;;) {
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) break;
    HEARTH_ASSIGN_OR_RETURN(Account a, AccountAt(st, op));
    out.push_back(std::move(a));
  }
  return out;
}

Session SessionAt(const Statement& st) {
  Session s;
  s.token_hash = st.Text(0);
  s.account_id = st.Int(1);
  s.created_unix = st.Int(2);
  s.last_seen_unix = st.Int(3);
  s.expires_unix = st.Int(4);
  s.address = st.Text(5);
  return s;
}

Consent ConsentAt(const Statement& st) {
  Consent c;
  c.id = st.Int(0);
  c.client_id = st.Int(1);
  c.nutritionist_id = st.Int(2);
  c.granted_at = st.Text(3);
  c.revoked_at = st.OptText(4);
  return c;
}

// Profiles and plans share one shape: (id, owner_id, <body>, created_at,
// updated_at) in `table`, the body column named `body`.
struct OwnedDoc {
  int64_t id = 0;
  int64_t owner_id = 0;
  std::string body, created_at, updated_at;
};

struct DocTable {
  const char* table;  // "profiles"
  const char* body;   // "json"
  const char* noun;   // "profile"
  std::string name(int64_t id) const { return noun + (" " + std::to_string(id)); }
};
constexpr DocTable kProfiles = {"profiles", "json", "profile"};
constexpr DocTable kPlans = {"plans", "document", "plan"};

std::string DocColumns(const DocTable& t) {
  return std::string("id, IFNULL(owner_id, 0), ") + t.body + ", created_at, updated_at";
}

OwnedDoc DocAt(const Statement& st) {
  return OwnedDoc{st.Int(0), st.Int(1), st.Text(2), st.Text(3), st.Text(4)};
}

Result<int64_t> CreateDoc(sqlite3* db, const DocTable& t, int64_t owner_id, std::string_view body) {
  const std::string op = std::string("creating a ") + t.noun + " for " + OwnerName(owner_id);
  Transaction txn(db);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  if (owner_id != kLocalOwner) HEARTH_RETURN_IF_ERROR(RequireAccount(db, owner_id, op));
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db,
                                                           std::string("INSERT INTO ") + t.table + " (owner_id, " +
                                                               t.body + ", created_at, updated_at) VALUES (?1, ?2, " +
                                                               kSqlNow + ", " + kSqlNow + ")",
                                                           op));
  BindOwner(st, 1, owner_id);
  st.Bind(2, body);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  int64_t id = sqlite3_last_insert_rowid(db);
  HEARTH_RETURN_IF_ERROR(txn.Commit(op));
  return id;
}

Result<OwnedDoc> GetDoc(sqlite3* db, const DocTable& t, int64_t id) {
  const std::string op = "reading " + t.name(id);
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db, "SELECT " + DocColumns(t) + " FROM " + t.table + " WHERE id = ?1", op));
  st.Bind(1, id);
  HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
  if (!row) return Status::NotFound(t.name(id), "not found");
  return DocAt(st);
}

Result<std::vector<OwnedDoc>> ListDocs(sqlite3* db, const DocTable& t, int64_t owner_id, const char* order) {
  const std::string op = std::string("listing the ") + t.table + " of " + OwnerName(owner_id);
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db,
                                             "SELECT " + DocColumns(t) + " FROM " + t.table +
                                                 " WHERE owner_id IS ?1 ORDER BY " + order,
                                             op));
  BindOwner(st, 1, owner_id);
  std::vector<OwnedDoc> out;
  for (;;) {
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) break;
    out.push_back(DocAt(st));
  }
  return out;
}

Status UpdateDoc(sqlite3* db, const DocTable& t, int64_t id, std::string_view body) {
  const std::string op = "updating " + t.name(id);
  Transaction txn(db);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db,
                                             std::string("UPDATE ") + t.table + " SET " + t.body +
                                                 " = ?1, updated_at = " + kSqlNow + " WHERE id = ?2",
                                             op));
  st.Bind(1, body);
  st.Bind(2, id);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  if (sqlite3_changes(db) == 0) return Status::NotFound(t.name(id), "not found");
  return txn.Commit(op);
}

Status DeleteDoc(sqlite3* db, const DocTable& t, int64_t id) {
  const std::string op = "deleting " + t.name(id);
  Transaction txn(db);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db, std::string("DELETE FROM ") + t.table + " WHERE id = ?1", op));
  st.Bind(1, id);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  if (sqlite3_changes(db) == 0) return Status::NotFound(t.name(id), "not found");
  return txn.Commit(op);
}

StoredProfile ToProfile(OwnedDoc d) {
  return StoredProfile{d.id, d.owner_id, std::move(d.body), std::move(d.created_at), std::move(d.updated_at)};
}
StoredPlan ToPlan(OwnedDoc d) {
  return StoredPlan{d.id, d.owner_id, std::move(d.body), std::move(d.created_at), std::move(d.updated_at)};
}

}  // namespace

// --- Accounts ---

Result<int64_t> SqliteStore::CreateAccount(const Account& account) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string email = LowerAscii(account.email);
  const std::string op = "creating the account of " + email;
  if (email.empty()) return Status::InvalidArgument("creating an account", "the email is empty");
  if (account.pseudonym.empty()) return Status::InvalidArgument(op, "the pseudonym is empty");
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  {
    HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "SELECT 1 FROM accounts WHERE email = ?1", op));
    st.Bind(1, std::string_view(email));
    HEARTH_ASSIGN_OR_RETURN(bool taken, st.Step(op));
    if (taken) return Status::AlreadyExists("email " + email + " is already registered");
  }
  {
    HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "SELECT 1 FROM accounts WHERE pseudonym = ?1", op));
    st.Bind(1, std::string_view(account.pseudonym));
    HEARTH_ASSIGN_OR_RETURN(bool taken, st.Step(op));
    if (taken) return Status::AlreadyExists(op, "pseudonym " + Quote(account.pseudonym) + " is already taken");
  }
  HEARTH_RETURN_IF_ERROR(RequireHousehold(db_, account.household_id, op));
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_,
                                             std::string("INSERT INTO accounts (email, name, password_hash, role, "
                                                         "household_id, vendor_id, kitchen, pseudonym, created_at) "
                                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                                                         "COALESCE(NULLIF(?9, ''), ") +
                                                 kSqlNow + "))",
                                             op));
  st.Bind(1, std::string_view(email));
  st.Bind(2, std::string_view(account.name));
  st.Bind(3, std::string_view(account.password_hash));
  st.Bind(4, RoleKey(account.role));
  st.Bind(5, account.household_id);
  st.Bind(6, std::string_view(account.vendor_id));
  st.Bind(7, std::string_view(account.kitchen));
  st.Bind(8, std::string_view(account.pseudonym));
  st.Bind(9, std::string_view(account.created_at));
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  int64_t id = sqlite3_last_insert_rowid(db_);
  HEARTH_RETURN_IF_ERROR(txn.Commit(op));
  return id;
}

Result<Account> SqliteStore::GetAccount(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "reading " + AccountName(id);
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_, std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE id = ?1", op));
  st.Bind(1, id);
  HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
  if (!row) return Status::NotFound(AccountName(id), "not found");
  return AccountAt(st, op);
}

Result<Account> SqliteStore::FindAccountByEmail(std::string_view email) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string lower = LowerAscii(email);
  const std::string op = "finding the account of " + lower;
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_, std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE email = ?1", op));
  st.Bind(1, std::string_view(lower));
  HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
  if (!row) return Status::NotFound("no account has email " + lower);
  return AccountAt(st, op);
}

Result<std::vector<Account>> SqliteStore::ListAccounts() {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "listing accounts";
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_, std::string("SELECT ") + kAccountColumns + " FROM accounts ORDER BY id", op));
  return AllAccounts(st, op);
}

Status SqliteStore::UpdateAccount(const Account& account) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "updating " + AccountName(account.id);
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_RETURN_IF_ERROR(RequireAccount(db_, account.id, op));
  HEARTH_RETURN_IF_ERROR(RequireHousehold(db_, account.household_id, op));
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_,
                                             "UPDATE accounts SET name = ?1, role = ?2, household_id = ?3, "
                                             "vendor_id = ?4, kitchen = ?5 WHERE id = ?6",
                                             op));
  st.Bind(1, std::string_view(account.name));
  st.Bind(2, RoleKey(account.role));
  st.Bind(3, account.household_id);
  st.Bind(4, std::string_view(account.vendor_id));
  st.Bind(5, std::string_view(account.kitchen));
  st.Bind(6, account.id);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  return txn.Commit(op);
}

Status SqliteStore::SetPasswordHash(int64_t account_id, std::string_view hash) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "setting the password of " + AccountName(account_id);
  if (hash.empty()) return Status::InvalidArgument(op, "the password hash is empty");
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  {
    HEARTH_ASSIGN_OR_RETURN(Statement st,
                            Statement::Prepare(db_, "UPDATE accounts SET password_hash = ?1 WHERE id = ?2", op));
    st.Bind(1, hash);
    st.Bind(2, account_id);
    HEARTH_RETURN_IF_ERROR(st.Run(op));
    if (sqlite3_changes(db_) == 0) return Status::NotFound(AccountName(account_id), "not found");
  }
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "DELETE FROM sessions WHERE account_id = ?1", op));
  st.Bind(1, account_id);
  HEARTH_RETURN_IF_ERROR(st.Run(op + " (ending its sessions)"));
  return txn.Commit(op);
}

Status SqliteStore::DeleteAccount(int64_t account_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "deleting " + AccountName(account_id);
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  std::string email;
  {
    HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "SELECT email FROM accounts WHERE id = ?1", op));
    st.Bind(1, account_id);
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) return Status::NotFound(AccountName(account_id), "not found");
    email = st.Text(0);
  }
  {
    HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "DELETE FROM login_failures WHERE key = ?1", op));
    st.Bind(1, std::string_view("account:" + email));
    HEARTH_RETURN_IF_ERROR(st.Run(op + " (its login failures)"));
  }
  {
    HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "DELETE FROM pantry_items WHERE pantry = ?1", op));
    st.Bind(1, std::string_view("account:" + std::to_string(account_id)));
    HEARTH_RETURN_IF_ERROR(st.Run(op + " (its pantry)"));
  }
  // Sessions, profiles, plans and consents go by ON DELETE CASCADE.
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "DELETE FROM accounts WHERE id = ?1", op));
  st.Bind(1, account_id);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  return txn.Commit(op);
}

// --- Households ---

Result<int64_t> SqliteStore::CreateHousehold(std::string_view name) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "creating household " + Quote(name);
  if (name.empty()) return Status::InvalidArgument("creating a household", "the name is empty");
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "INSERT INTO households (name) VALUES (?1)", op));
  st.Bind(1, name);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  int64_t id = sqlite3_last_insert_rowid(db_);
  HEARTH_RETURN_IF_ERROR(txn.Commit(op));
  return id;
}

Result<Household> SqliteStore::GetHousehold(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "reading " + HouseholdName(id);
  HEARTH_ASSIGN_OR_RETURN(
      Statement st, Statement::Prepare(db_, "SELECT id, name, code_generation FROM households WHERE id = ?1", op));
  st.Bind(1, id);
  HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
  if (!row) return Status::NotFound(HouseholdName(id), "not found");
  return Household{st.Int(0), st.Text(1), st.Int(2)};
}

Result<int64_t> SqliteStore::RotateHouseholdCode(int64_t household_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "renewing the join code of " + HouseholdName(household_id);
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_,
                         "UPDATE households SET code_generation = code_generation + 1 WHERE id = ?1 "
                         "RETURNING code_generation",
                         op));
  st.Bind(1, household_id);
  HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
  if (!row) return Status::NotFound(HouseholdName(household_id), "not found");
  const int64_t generation = st.Int(0);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  HEARTH_RETURN_IF_ERROR(txn.Commit(op));
  return generation;
}

Result<std::vector<Account>> SqliteStore::HouseholdMembers(int64_t household_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "listing the members of " + HouseholdName(household_id);
  ReadTransaction read(db_);
  HEARTH_RETURN_IF_ERROR(read.Begin(op));
  HEARTH_RETURN_IF_ERROR(RequireHousehold(db_, household_id, op));
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_,
                                             std::string("SELECT ") + kAccountColumns +
                                                 " FROM accounts WHERE household_id = ?1 ORDER BY id",
                                             op));
  st.Bind(1, household_id);
  return AllAccounts(st, op);
}

// --- Sessions ---

Status SqliteStore::CreateSession(const Session& session) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "creating " + SessionName(session.token_hash) + " for " + AccountName(session.account_id);
  if (session.token_hash.empty()) return Status::InvalidArgument("creating a session", "the token hash is empty");
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_RETURN_IF_ERROR(RequireAccount(db_, session.account_id, op));
  {
    HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "SELECT 1 FROM sessions WHERE token_hash = ?1", op));
    st.Bind(1, std::string_view(session.token_hash));
    HEARTH_ASSIGN_OR_RETURN(bool taken, st.Step(op));
    if (taken) return Status::AlreadyExists(SessionName(session.token_hash), "already exists");
  }
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_,
                         std::string("INSERT INTO sessions (") + kSessionColumns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                         op));
  st.Bind(1, std::string_view(session.token_hash));
  st.Bind(2, session.account_id);
  st.Bind(3, session.created_unix);
  st.Bind(4, session.last_seen_unix);
  st.Bind(5, session.expires_unix);
  st.Bind(6, std::string_view(session.address));
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  return txn.Commit(op);
}

Result<Session> SqliteStore::GetSession(std::string_view token_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "reading " + SessionName(token_hash);
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_, std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE token_hash = ?1", op));
  st.Bind(1, token_hash);
  HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
  if (!row) return Status::NotFound(SessionName(token_hash), "not found");
  return SessionAt(st);
}

Result<std::vector<Session>> SqliteStore::SessionsOf(int64_t account_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "listing the sessions of " + AccountName(account_id);
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_,
                                             std::string("SELECT ") + kSessionColumns +
                                                 " FROM sessions WHERE account_id = ?1 "
                                                 "ORDER BY created_unix DESC, token_hash",
                                             op));
  st.Bind(1, account_id);
  std::vector<Session> out;
  for (;;) {
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) break;
    out.push_back(SessionAt(st));
  }
  return out;
}

Status SqliteStore::TouchSession(std::string_view token_hash, int64_t now_unix) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "touching " + SessionName(token_hash);
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_, "UPDATE sessions SET last_seen_unix = ?1 WHERE token_hash = ?2", op));
  st.Bind(1, now_unix);
  st.Bind(2, token_hash);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  if (sqlite3_changes(db_) == 0) return Status::NotFound(SessionName(token_hash), "not found");
  return txn.Commit(op);
}

Status SqliteStore::DeleteSession(std::string_view token_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "deleting " + SessionName(token_hash);
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "DELETE FROM sessions WHERE token_hash = ?1", op));
  st.Bind(1, token_hash);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  return txn.Commit(op);
}

Status SqliteStore::DeleteSessionsOf(int64_t account_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "deleting the sessions of " + AccountName(account_id);
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "DELETE FROM sessions WHERE account_id = ?1", op));
  st.Bind(1, account_id);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  return txn.Commit(op);
}

Status SqliteStore::DeleteExpiredSessions(int64_t now_unix) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "deleting expired sessions";
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "DELETE FROM sessions WHERE expires_unix <= ?1", op));
  st.Bind(1, now_unix);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  return txn.Commit(op);
}

// --- Login throttling ---

Status SqliteStore::RecordLoginFailure(std::string_view key, int64_t at_unix) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "recording a login failure for " + Quote(key);
  if (key.empty()) return Status::InvalidArgument("recording a login failure", "the key is empty");
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_, "INSERT INTO login_failures (key, at_unix) VALUES (?1, ?2)", op));
  st.Bind(1, key);
  st.Bind(2, at_unix);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  return txn.Commit(op);
}

Result<std::vector<int64_t>> SqliteStore::LoginFailuresSince(std::string_view key, int64_t since_unix) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "reading the login failures of " + Quote(key);
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_, "SELECT at_unix FROM login_failures WHERE key = ?1 AND at_unix >= ?2 ORDER BY at_unix",
                         op));
  st.Bind(1, key);
  st.Bind(2, since_unix);
  std::vector<int64_t> out;
  for (;;) {
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) break;
    out.push_back(st.Int(0));
  }
  return out;
}

Status SqliteStore::ClearLoginFailures(std::string_view key) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "clearing the login failures of " + Quote(key);
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "DELETE FROM login_failures WHERE key = ?1", op));
  st.Bind(1, key);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  return txn.Commit(op);
}

// --- Profiles and plans ---

Result<int64_t> SqliteStore::CreateProfile(int64_t owner_id, std::string_view json) {
  std::lock_guard<std::mutex> lock(mu_);
  return CreateDoc(db_, kProfiles, owner_id, json);
}

Result<StoredProfile> SqliteStore::GetProfile(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  HEARTH_ASSIGN_OR_RETURN(OwnedDoc d, GetDoc(db_, kProfiles, id));
  return ToProfile(std::move(d));
}

Result<std::vector<StoredProfile>> SqliteStore::ListProfiles(int64_t owner_id) {
  std::lock_guard<std::mutex> lock(mu_);
  HEARTH_ASSIGN_OR_RETURN(std::vector<OwnedDoc> docs, ListDocs(db_, kProfiles, owner_id, "id"));
  std::vector<StoredProfile> out;
  for (OwnedDoc& d : docs) out.push_back(ToProfile(std::move(d)));
  return out;
}

Status SqliteStore::UpdateProfile(int64_t id, std::string_view json) {
  std::lock_guard<std::mutex> lock(mu_);
  return UpdateDoc(db_, kProfiles, id, json);
}

Status SqliteStore::DeleteProfile(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  return DeleteDoc(db_, kProfiles, id);
}

Result<int64_t> SqliteStore::CreatePlan(int64_t owner_id, std::string_view document) {
  std::lock_guard<std::mutex> lock(mu_);
  return CreateDoc(db_, kPlans, owner_id, document);
}

Result<StoredPlan> SqliteStore::GetPlan(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  HEARTH_ASSIGN_OR_RETURN(OwnedDoc d, GetDoc(db_, kPlans, id));
  return ToPlan(std::move(d));
}

Result<std::vector<StoredPlan>> SqliteStore::ListPlans(int64_t owner_id) {
  std::lock_guard<std::mutex> lock(mu_);
  // Newest first: ids grow with creation (timestamps only have seconds).
  HEARTH_ASSIGN_OR_RETURN(std::vector<OwnedDoc> docs, ListDocs(db_, kPlans, owner_id, "id DESC"));
  std::vector<StoredPlan> out;
  for (OwnedDoc& d : docs) out.push_back(ToPlan(std::move(d)));
  return out;
}

Status SqliteStore::UpdatePlan(int64_t id, std::string_view document) {
  std::lock_guard<std::mutex> lock(mu_);
  return UpdateDoc(db_, kPlans, id, document);
}

Status SqliteStore::DeletePlan(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  return DeleteDoc(db_, kPlans, id);
}

// --- A person's own recipes ---
// The command line's book (kLocalOwner) is the rows whose owner_id is NULL;
// "owner_id IS ?1" matches both kinds.

Result<int64_t> SqliteStore::CreateRecipe(int64_t owner_id, std::string_view recipe_id, std::string_view document) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "adding recipe " + Quote(recipe_id) + " to " + BookName(owner_id);
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  if (owner_id != kLocalOwner) HEARTH_RETURN_IF_ERROR(RequireAccount(db_, owner_id, op));
  {
    HEARTH_ASSIGN_OR_RETURN(
        Statement st, Statement::Prepare(db_, "SELECT 1 FROM recipes WHERE owner_id IS ?1 AND recipe_id = ?2", op));
    BindOwner(st, 1, owner_id);
    st.Bind(2, recipe_id);
    HEARTH_ASSIGN_OR_RETURN(bool taken, st.Step(op));
    if (taken) return Status::AlreadyExists("recipe " + Quote(recipe_id), "a recipe with this id is already there");
  }
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_,
                                             std::string("INSERT INTO recipes (owner_id, recipe_id, document, "
                                                         "created_at) VALUES (?1, ?2, ?3, ") +
                                                 kSqlNow + ")",
                                             op));
  BindOwner(st, 1, owner_id);
  st.Bind(2, recipe_id);
  st.Bind(3, document);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  const int64_t id = sqlite3_last_insert_rowid(db_);
  HEARTH_RETURN_IF_ERROR(txn.Commit(op));
  return id;
}

Result<std::vector<StoredRecipe>> SqliteStore::ListRecipes(int64_t owner_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "listing " + BookName(owner_id);
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_,
                                             "SELECT id, IFNULL(owner_id, 0), recipe_id, document, created_at "
                                             "FROM recipes WHERE owner_id IS ?1 ORDER BY id",
                                             op));
  BindOwner(st, 1, owner_id);
  std::vector<StoredRecipe> out;
  for (;;) {
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) break;
    out.push_back(StoredRecipe{st.Int(0), st.Int(1), st.Text(2), st.Text(3), st.Text(4)});
  }
  return out;
}

Status SqliteStore::DeleteRecipe(int64_t owner_id, std::string_view recipe_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "deleting recipe " + Quote(recipe_id) + " from " + BookName(owner_id);
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_, "DELETE FROM recipes WHERE owner_id IS ?1 AND recipe_id = ?2", op));
  BindOwner(st, 1, owner_id);
  st.Bind(2, recipe_id);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  if (sqlite3_changes(db_) == 0) {
    return Status::NotFound("recipe " + Quote(recipe_id), "not in " + BookName(owner_id));
  }
  return txn.Commit(op);
}

// --- Consent ---

Result<int64_t> SqliteStore::GrantConsent(int64_t client_id, int64_t nutritionist_id, std::string_view at) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "granting consent from " + AccountName(client_id) + " to " + AccountName(nutritionist_id);
  if (client_id == nutritionist_id) return Status::InvalidArgument(op, "an account cannot consent to itself");
  if (at.empty()) return Status::InvalidArgument(op, "the time of the grant is empty");
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_RETURN_IF_ERROR(RequireAccount(db_, client_id, op));
  HEARTH_RETURN_IF_ERROR(RequireAccount(db_, nutritionist_id, op));
  {
    HEARTH_ASSIGN_OR_RETURN(Statement st,
                            Statement::Prepare(db_,
                                               "SELECT id FROM consents WHERE client_id = ?1 AND "
                                               "nutritionist_id = ?2 AND revoked_at IS NULL",
                                               op));
    st.Bind(1, client_id);
    st.Bind(2, nutritionist_id);
    HEARTH_ASSIGN_OR_RETURN(bool active, st.Step(op));
    if (active) {
      return Status::AlreadyExists(op, AccountName(client_id) + " already consents to " +
                                           AccountName(nutritionist_id) + " (" + ConsentName(st.Int(0)) + ")");
    }
  }
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_,
                                             "INSERT INTO consents (client_id, nutritionist_id, granted_at) "
                                             "VALUES (?1, ?2, ?3)",
                                             op));
  st.Bind(1, client_id);
  st.Bind(2, nutritionist_id);
  st.Bind(3, at);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  int64_t id = sqlite3_last_insert_rowid(db_);
  HEARTH_RETURN_IF_ERROR(txn.Commit(op));
  return id;
}

Status SqliteStore::RevokeConsent(int64_t consent_id, std::string_view at) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "revoking " + ConsentName(consent_id);
  if (at.empty()) return Status::InvalidArgument(op, "the time of the revocation is empty");
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  {
    HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "SELECT revoked_at FROM consents WHERE id = ?1", op));
    st.Bind(1, consent_id);
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) return Status::NotFound(ConsentName(consent_id), "not found");
    if (!st.IsNull(0)) {
      return Status::FailedPrecondition(ConsentName(consent_id), "already revoked at " + st.Text(0));
    }
  }
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_, "UPDATE consents SET revoked_at = ?1 WHERE id = ?2", op));
  st.Bind(1, at);
  st.Bind(2, consent_id);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  return txn.Commit(op);
}

Result<Consent> SqliteStore::GetConsent(int64_t consent_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "reading " + ConsentName(consent_id);
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_, std::string("SELECT ") + kConsentColumns + " FROM consents WHERE id = ?1", op));
  st.Bind(1, consent_id);
  HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
  if (!row) return Status::NotFound(ConsentName(consent_id), "not found");
  return ConsentAt(st);
}

Result<std::vector<Consent>> SqliteStore::ListConsents(int64_t account_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "listing the consents of " + AccountName(account_id);
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_,
                                             std::string("SELECT ") + kConsentColumns +
                                                 " FROM consents WHERE client_id = ?1 OR nutritionist_id = ?1 "
                                                 "ORDER BY id",
                                             op));
  st.Bind(1, account_id);
  std::vector<Consent> out;
  for (;;) {
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) break;
    out.push_back(ConsentAt(st));
  }
  return out;
}

Result<bool> SqliteStore::HasActiveConsent(int64_t client_id, int64_t nutritionist_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "checking the consent of " + AccountName(client_id) + " to " + AccountName(nutritionist_id);
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_,
                                             "SELECT 1 FROM consents WHERE client_id = ?1 AND nutritionist_id = ?2 "
                                             "AND revoked_at IS NULL",
                                             op));
  st.Bind(1, client_id);
  st.Bind(2, nutritionist_id);
  return st.Step(op);
}

}  // namespace hearth::storage::sqlite
