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
#include <string>

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

 private:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Configure();  // Pragmas and migrations; called once by Open.

  std::mutex mu_;
  sqlite3* const db_;  // Guarded by mu_ after Open returns.
  const std::string path_;
};

}  // namespace hearth::storage::sqlite

#endif  // HEARTH_STORAGE_SQLITE_SQLITE_STORE_H_
