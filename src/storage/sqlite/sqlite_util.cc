#include "storage/sqlite/sqlite_util.h"

namespace hearth::storage::sqlite {

StatusCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_PROTOCOL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return StatusCode::kUnavailable;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      return StatusCode::kInvalidArgument;
    default:
      return StatusCode::kInternal;
  }
}

Status SqlError(sqlite3* db, int rc, std::string_view operation) {
  const char* msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string m(operation);
  m += ": ";
  m += msg != nullptr ? msg : sqlite3_errstr(rc);
  return Status(CodeFor(rc), std::move(m));
}

Status Exec(sqlite3* db, const std::string& sql, std::string_view operation) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string m(operation);
  m += ": ";
  m += err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Status(CodeFor(rc), std::move(m));
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

Result<int64_t> QueryInt(Statement& st, std::string_view operation) {
  HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(operation));
  if (!row || st.IsNull(0)) return Status::Internal(operation, "the query returned no value");
  return st.Int(0);
}

}  // namespace hearth::storage::sqlite
