// The SQLite backend of hearth::storage::Store: one database file, one
// connection.
//
// Settings: WAL journal (readers never block the writer), synchronous=FULL (a
// committed transaction survives power loss), foreign_keys=ON, and a busy
// timeout (kBusyTimeoutMs) so that another process holding the write lock
// makes a call wait rather than fail. Every mutating call runs in one
// BEGIN IMMEDIATE transaction; every value reaches SQL as a bound parameter.
//
// Schema: versioned migrations (storage/sqlite/migrations.h), applied when
// the file is opened; a file written by a newer hearth is refused.
//
// Thread safety: the connection is shared by all calls and guarded by a
// mutex, so calls from several threads are serialised (each is atomic).
// Several processes may open the same file; SQLite's locks serialise their
// writes.
#ifndef HEARTH_STORAGE_SQLITE_SQLITE_STORE_H_
#define HEARTH_STORAGE_SQLITE_SQLITE_STORE_H_

#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "hearth/storage/store.h"

namespace hearth::storage::sqlite {

// How long a call waits for another connection's write lock before failing
// with Unavailable. Long enough for any single hearth transaction.
inline constexpr int kBusyTimeoutMs = 10'000;

class SqliteStore final : public Store {
 public:
  // Opens or creates the database at `path` (":memory:" for a private
  // in-memory database) and migrates it to the latest schema.
  // InvalidArgument when the file is not an SQLite database; Unavailable when
  // it cannot be opened; FailedPrecondition when its schema is newer than
  // this build knows.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Status UpsertMarket(const Market& market) override;
  Result<Market> LoadMarket() override;
  Status DeleteVendor(std::string_view vendor_id) override;

  Result<int64_t> AddPantryItem(std::string_view pantry, const PantryItem& item) override;
  Result<std::vector<PantryItem>> ListPantry(std::string_view pantry) override;
  Status ApplyPantryChanges(std::string_view pantry, const std::vector<PantryChange>& changes) override;
  Status DeletePantry(std::string_view pantry) override;
  Status DeleteProduct(std::string_view vendor_id, std::string_view product_id) override;

  // Accounts, households, sessions, login failures, profiles, plans and
  // consent: sqlite_accounts.cc.
  Result<int64_t> CreateAccount(const Account& account) override;
  Result<Account> GetAccount(int64_t id) override;
  Result<Account> FindAccountByEmail(std::string_view email) override;
  Result<std::vector<Account>> ListAccounts() override;
  Status UpdateAccount(const Account& account) override;
  Status SetPasswordHash(int64_t account_id, std::string_view hash) override;
  Status DeleteAccount(int64_t account_id) override;

  Result<int64_t> CreateHousehold(std::string_view name) override;
  Result<Household> GetHousehold(int64_t id) override;
  Result<std::vector<Account>> HouseholdMembers(int64_t household_id) override;
  Result<int64_t> RotateHouseholdCode(int64_t household_id) override;

  Status CreateSession(const Session& session) override;
  Result<Session> GetSession(std::string_view token_hash) override;
  Status TouchSession(std::string_view token_hash, int64_t now_unix) override;
  Result<std::vector<Session>> SessionsOf(int64_t account_id) override;
  Status DeleteSession(std::string_view token_hash) override;
  Status DeleteSessionsOf(int64_t account_id) override;
  Status DeleteExpiredSessions(int64_t now_unix) override;

  Status RecordLoginFailure(std::string_view key, int64_t at_unix) override;
  Result<std::vector<int64_t>> LoginFailuresSince(std::string_view key, int64_t since_unix) override;
  Status ClearLoginFailures(std::string_view key) override;

  Result<int64_t> CreateProfile(int64_t owner_id, std::string_view json) override;
  Result<StoredProfile> GetProfile(int64_t id) override;
  Result<std::vector<StoredProfile>> ListProfiles(int64_t owner_id) override;
  Status UpdateProfile(int64_t id, std::string_view json) override;
  Status DeleteProfile(int64_t id) override;

  Result<int64_t> CreatePlan(int64_t owner_id, std::string_view document) override;
  Result<StoredPlan> GetPlan(int64_t id) override;
  Result<std::vector<StoredPlan>> ListPlans(int64_t owner_id) override;
  Status UpdatePlan(int64_t id, std::string_view document) override;
  Status DeletePlan(int64_t id) override;

  Result<int64_t> CreateRecipe(int64_t owner_id, std::string_view recipe_id, std::string_view document) override;
  Result<std::vector<StoredRecipe>> ListRecipes(int64_t owner_id) override;
  Status DeleteRecipe(int64_t owner_id, std::string_view recipe_id) override;

  Result<int64_t> GrantConsent(int64_t client_id, int64_t nutritionist_id, std::string_view at) override;
  Status RevokeConsent(int64_t consent_id, std::string_view at) override;
  Result<Consent> GetConsent(int64_t consent_id) override;
  Result<std::vector<Consent>> ListConsents(int64_t account_id) override;
  Result<bool> HasActiveConsent(int64_t client_id, int64_t nutritionist_id) override;

  // The audit log: sqlite_audit.cc.
  Result<AuditEntry> AppendAudit(AuditEntry entry, const NextHead& next_head) override;
  Result<std::vector<AuditEntry>> ListAudit(int64_t from, int64_t limit) override;
  Result<std::vector<AuditEntry>> ListAuditFor(std::string_view pseudonym) override;
  Result<std::optional<TreeHead>> LatestTreeHead() override;
  Result<TreeHead> GetTreeHead(int64_t tree_size) override;
  Result<std::vector<TreeHead>> ListTreeHeads() override;

 private:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Configure();  // Pragmas and migrations; called once by Open.

  std::mutex mu_;
  sqlite3* const db_;  // Guarded by mu_ after Open returns.
  const std::string path_;
};

}  // namespace hearth::storage::sqlite

#endif  // HEARTH_STORAGE_SQLITE_SQLITE_STORE_H_
