// The SQLite schema as a numbered list of migrations. Migration N takes a
// database from schema version N-1 to N; the version a database is at lives in
// PRAGMA user_version (and each applied migration is recorded in the
// schema_migrations table). Migrations are append-only: never edit a
// released one, add the next number instead.
//
// Thread safety: immutable data.
#ifndef HEARTH_STORAGE_SQLITE_MIGRATIONS_H_
#define HEARTH_STORAGE_SQLITE_MIGRATIONS_H_

#include <span>

namespace hearth::storage::sqlite {

struct Migration {
  int version;       // 1, 2, 3, ... in order, no gaps.
  const char* name;  // What it does, recorded in schema_migrations.
  const char* sql;   // One or more statements; constant text, never values.
};

// All migrations, by increasing version.
std::span<const Migration> Migrations();

// The schema version this build writes (the last migration's version).
int LatestSchemaVersion();

}  // namespace hearth::storage::sqlite

#endif  // HEARTH_STORAGE_SQLITE_MIGRATIONS_H_
