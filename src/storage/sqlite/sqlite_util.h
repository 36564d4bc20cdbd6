// Helpers shared by the files of the SQLite backend (never included outside
// src/storage/sqlite/): prepared statements with bound parameters, constant
// SQL, BEGIN IMMEDIATE transactions and the mapping of SQLite result codes to
// Status codes.
//
// Thread safety: none of their own; every object is used under the store's
// mutex, on its one connection.
#ifndef HEARTH_STORAGE_SQLITE_SQLITE_UTIL_H_
#define HEARTH_STORAGE_SQLITE_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "hearth/result.h"
#include "hearth/status.h"

namespace hearth::storage::sqlite {

// Maps an SQLite result code to a Status code: lock contention and I/O are
// transient, a file that is not a database is bad input, constraint failures
// are bad values.
StatusCode CodeFor(int rc);

// "OPERATION: <sqlite message>", with the code mapped by CodeFor.
Status SqlError(sqlite3* db, int rc, std::string_view operation);

// Runs constant SQL (no values): pragmas, migration scripts, transaction control.
Status Exec(sqlite3* db, const std::string& sql, std::string_view operation);

// `s` in double quotes, for messages.
std::string Quote(std::string_view s);

// The current UTC time as SQL text, "YYYY-MM-DDTHH:MM:SSZ".
inline constexpr const char* kSqlNow = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

// A prepared statement. Bind* record the first error; Step reports it.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(std::exchange(o.stmt_, nullptr)), bind_rc_(o.bind_rc_) {}
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  static Result<Statement> Prepare(sqlite3* db, std::string_view sql, std::string_view operation) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) return SqlError(db, rc, operation);
    return Statement(db, stmt);
  }

  void Bind(int i, std::string_view v) {
    Check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  void Bind(int i, int64_t v) { Check(sqlite3_bind_int64(stmt_, i, v)); }
  void Bind(int i, double v) { Check(sqlite3_bind_double(stmt_, i, v)); }
  void BindNull(int i) { Check(sqlite3_bind_null(stmt_, i)); }
  template <typename T>
  void Bind(int i, const std::optional<T>& v) {
    if (v) Bind(i, *v);
    else BindNull(i);
  }

  // Runs one step: true when a row is available, false when done.
  Result<bool> Step(std::string_view operation) {
    if (bind_rc_ != SQLITE_OK) return SqlError(db_, bind_rc_, operation);
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return SqlError(db_, rc, operation);
  }
  // Runs a statement that returns no rows.
  Status Run(std::string_view operation) {
    Result<bool> r = Step(operation);
    if (!r.ok()) return r.status();
    return Status::Ok();
  }
  // Clears the bindings for another run.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bind_rc_ = SQLITE_OK;
  }

  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(n)) : std::string();
  }
  std::optional<int64_t> OptInt(int col) const { return IsNull(col) ? std::nullopt : std::optional(Int(col)); }
  std::optional<double> OptReal(int col) const { return IsNull(col) ? std::nullopt : std::optional(Real(col)); }
  std::optional<std::string> OptText(int col) const {
    return IsNull(col) ? std::nullopt : std::optional(Text(col));
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;
};

// One BEGIN IMMEDIATE transaction: takes the write lock up front (waiting up
// to the busy timeout), rolls back unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  ~Transaction() {
    if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Begin(std::string_view operation) {
    HEARTH_RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE", operation));
    open_ = true;
    return Status::Ok();
  }
  Status Commit(std::string_view operation) {
    HEARTH_RETURN_IF_ERROR(Exec(db_, "COMMIT", operation));
    open_ = false;
    return Status::Ok();
  }

 private:
  sqlite3* db_;
  bool open_ = false;
};

// A read transaction (plain BEGIN) so that several SELECTs see one snapshot;
// ended when it goes out of scope.
class ReadTransaction {
 public:
  explicit ReadTransaction(sqlite3* db) : db_(db) {}
  ~ReadTransaction() {
    if (open_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

  Status Begin(std::string_view operation) {
    HEARTH_RETURN_IF_ERROR(Exec(db_, "BEGIN", operation));
    open_ = true;
    return Status::Ok();
  }

 private:
  sqlite3* db_;
  bool open_ = false;
};

// Runs a query returning one row of one integer (COUNT, MAX, EXISTS...).
Result<int64_t> QueryInt(Statement& st, std::string_view operation);

}  // namespace hearth::storage::sqlite

#endif  // HEARTH_STORAGE_SQLITE_SQLITE_UTIL_H_
