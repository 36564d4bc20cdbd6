#include "storage/sqlite/sqlite_store.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include "storage/sqlite/migrations.h"

namespace hearth::storage::sqlite {
namespace {

// Maps an SQLite result code to a Status code: lock contention and I/O are
// transient, a file that is not a database is bad input, constraint failures
// are bad values.
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

// "OPERATION: <sqlite message>", with the code mapped by CodeFor.
Status SqlError(sqlite3* db, int rc, std::string_view operation) {
  const char* msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string m(operation);
  m += ": ";
  m += msg != nullptr ? msg : sqlite3_errstr(rc);
  return Status(CodeFor(rc), std::move(m));
}

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

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;
};

// Runs constant SQL (no values): pragmas, migration scripts, transaction control.
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

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

Result<int64_t> ReadUserVersion(sqlite3* db, std::string_view operation) {
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db, "PRAGMA user_version", operation));
  HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(operation));
  return row ? st.Int(0) : 0;
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  const std::string op = "opening database " + path;
  sqlite3* db = nullptr;
  // NOMUTEX: the store serialises its own calls (mu_).
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Status s(StatusCode::kUnavailable, op + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close_v2(db);
    return s;
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db, path));
  Status s = store->Configure();
  if (!s.ok()) return s.WithContext(op);
  return store;
}

SqliteStore::~SqliteStore() { sqlite3_close_v2(db_); }

Status SqliteStore::Configure() {
  std::lock_guard<std::mutex> lock(mu_);
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // journal_mode=WAL is persistent in the file; it fails with NOTADB on a
  // file that is not a database, which is the first read of the file.
  // The result row ("wal", or "memory" for an in-memory database) is not needed.
  if (int rc = sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr); rc != SQLITE_OK) {
    if ((rc & 0xff) == SQLITE_NOTADB) {
      return Status::InvalidArgument("the file is not a hearth database (SQLite: file is not a database)");
    }
    return SqlError(db_, rc, "setting WAL mode");
  }
  HEARTH_RETURN_IF_ERROR(Exec(db_, "PRAGMA synchronous=FULL", "setting synchronous=FULL"));
  HEARTH_RETURN_IF_ERROR(Exec(db_, "PRAGMA foreign_keys=ON", "enabling foreign keys"));

  // Fast path: already at the latest version (no write lock needed).
  HEARTH_ASSIGN_OR_RETURN(int64_t version, ReadUserVersion(db_, "reading the schema version"));
  const int latest = LatestSchemaVersion();
  auto too_new = [&](int64_t v) {
    return Status::FailedPrecondition("the database has schema version " + std::to_string(v) +
                                      ", but this hearth only knows versions up to " + std::to_string(latest) +
                                      "; it was written by a newer hearth: upgrade hearth or use another database");
  };
  if (version > latest) return too_new(version);
  if (version == latest) return Status::Ok();

  const std::string op = "migrating the schema";
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  // Another process may have migrated while we waited for the lock.
  HEARTH_ASSIGN_OR_RETURN(version, ReadUserVersion(db_, op));
  if (version > latest) return too_new(version);
  HEARTH_RETURN_IF_ERROR(Exec(db_,
                              "CREATE TABLE IF NOT EXISTS schema_migrations ("
                              " version INTEGER PRIMARY KEY NOT NULL,"
                              " name TEXT NOT NULL,"
                              " applied_at TEXT NOT NULL)",
                              op));
  HEARTH_ASSIGN_OR_RETURN(Statement record,
                          Statement::Prepare(db_,
                                             "INSERT INTO schema_migrations (version, name, applied_at) "
                                             "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                                             op));
  for (const Migration& m : Migrations()) {
    if (m.version <= version) continue;
    std::string mop = op + " to version " + std::to_string(m.version) + " (" + m.name + ")";
    HEARTH_RETURN_IF_ERROR(Exec(db_, m.sql, mop));
    record.Reset();
    record.Bind(1, static_cast<int64_t>(m.version));
    record.Bind(2, std::string_view(m.name));
    HEARTH_RETURN_IF_ERROR(record.Run(mop));
    // PRAGMA takes no parameters; the version is a constant of this build.
    HEARTH_RETURN_IF_ERROR(Exec(db_, "PRAGMA user_version=" + std::to_string(m.version), mop));
  }
  return txn.Commit(op);
}

// --- Market ---

Status SqliteStore::UpsertMarket(const Market& market) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "saving the market";
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  {
    const std::string vop = "saving vendors";
    // An upsert, not INSERT OR REPLACE: replacing would delete the row and
    // cascade to the vendor's products.
    HEARTH_ASSIGN_OR_RETURN(Statement st,
                            Statement::Prepare(db_,
                                               "INSERT INTO vendors (id, name, kind, lat, lon, opening_hours) "
                                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                                               "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                                               "kind = excluded.kind, lat = excluded.lat, lon = excluded.lon, "
                                               "opening_hours = excluded.opening_hours",
                                               vop));
    for (const Vendor& v : market.vendors) {
      if (v.id.empty()) return Status::InvalidArgument(vop, "a vendor has an empty id");
      st.Reset();
      st.Bind(1, std::string_view(v.id));
      st.Bind(2, std::string_view(v.name));
      st.Bind(3, VendorKindKey(v.kind));
      st.Bind(4, v.location.lat);
      st.Bind(5, v.location.lon);
      st.Bind(6, std::string_view(v.opening_hours));
      HEARTH_RETURN_IF_ERROR(st.Run(vop + " (vendor " + Quote(v.id) + ")"));
    }
  }
  {
    const std::string pop = "saving products";
    HEARTH_ASSIGN_OR_RETURN(Statement exists,
                            Statement::Prepare(db_, "SELECT 1 FROM vendors WHERE id = ?1", pop));
    HEARTH_ASSIGN_OR_RETURN(
        Statement st,
        Statement::Prepare(db_,
                           "INSERT INTO products (vendor_id, id, name, food_ndb, package_g, package_ml, price, "
                           "currency, stock, origin, origin_lat, origin_lon, production, organic, gmo, "
                           "certifications, co2e_per_kg, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
                           "ON CONFLICT (vendor_id, id) DO UPDATE SET name = excluded.name, "
                           "food_ndb = excluded.food_ndb, package_g = excluded.package_g, "
                           "package_ml = excluded.package_ml, price = excluded.price, currency = excluded.currency, "
                           "stock = excluded.stock, origin = excluded.origin, origin_lat = excluded.origin_lat, "
                           "origin_lon = excluded.origin_lon, production = excluded.production, "
                           "organic = excluded.organic, gmo = excluded.gmo, "
                           "certifications = excluded.certifications, co2e_per_kg = excluded.co2e_per_kg, "
                           "updated_at = excluded.updated_at",
                           pop));
    for (const Product& p : market.products) {
      const std::string what = "product " + Quote(p.id) + " of vendor " + Quote(p.vendor_id);
      if (p.id.empty()) return Status::InvalidArgument(pop, "a product of vendor " + Quote(p.vendor_id) + " has an empty id");
      exists.Reset();
      exists.Bind(1, std::string_view(p.vendor_id));
      HEARTH_ASSIGN_OR_RETURN(bool found, exists.Step(pop));
      if (!found) {
        return Status::InvalidArgument(pop, what + ": the vendor is neither in the market nor in the store");
      }
      st.Reset();
      st.Bind(1, std::string_view(p.vendor_id));
      st.Bind(2, std::string_view(p.id));
      st.Bind(3, std::string_view(p.name));
      st.Bind(4, static_cast<int64_t>(p.food.ndb));
      st.Bind(5, p.package_g);
      st.Bind(6, p.package_ml);
      st.Bind(7, p.price);
      st.Bind(8, std::string_view(p.currency));
      st.Bind(9, p.stock);
      st.Bind(10, std::string_view(p.origin));
      if (p.origin_location) {
        st.Bind(11, p.origin_location->lat);
        st.Bind(12, p.origin_location->lon);
      } else {
        st.BindNull(11);
        st.BindNull(12);
      }
      st.Bind(13, ProductionKey(p.production));
      st.Bind(14, static_cast<int64_t>(p.organic ? 1 : 0));
      if (p.gmo) st.Bind(15, static_cast<int64_t>(*p.gmo ? 1 : 0));
      else st.BindNull(15);
      st.Bind(16, std::string_view(nlohmann::json(p.certifications).dump()));
      st.Bind(17, p.co2e_per_kg);
      st.Bind(18, std::string_view(p.updated_at));
      HEARTH_RETURN_IF_ERROR(st.Run(pop + " (" + what + ")"));
    }
  }
  return txn.Commit(op);
}

Result<Market> SqliteStore::LoadMarket() {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "loading the market";
  Market market;
  // A read transaction so vendors and products come from one snapshot.
  HEARTH_RETURN_IF_ERROR(Exec(db_, "BEGIN", op));
  struct EndRead {
    sqlite3* db;
    ~EndRead() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
  } end_read{db_};
  {
    HEARTH_ASSIGN_OR_RETURN(
        Statement st,
        Statement::Prepare(db_, "SELECT id, name, kind, lat, lon, opening_hours FROM vendors ORDER BY id", op));
    for (;;) {
      HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
      if (!row) break;
      Vendor v;
      v.id = st.Text(0);
      v.name = st.Text(1);
      std::optional<VendorKind> kind = VendorKindFromKey(st.Text(2));
      if (!kind) return Status::Internal(op, "vendor " + Quote(v.id) + " has unknown kind " + Quote(st.Text(2)));
      v.kind = *kind;
      v.location = {st.Real(3), st.Real(4)};
      v.opening_hours = st.Text(5);
      market.vendors.push_back(std::move(v));
    }
  }
  HEARTH_ASSIGN_OR_RETURN(
      Statement st,
      Statement::Prepare(db_,
                         "SELECT vendor_id, id, name, food_ndb, package_g, package_ml, price, currency, stock, "
                         "origin, origin_lat, origin_lon, production, organic, gmo, certifications, co2e_per_kg, "
                         "updated_at FROM products ORDER BY vendor_id, id",
                         op));
  for (;;) {
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) break;
    Product p;
    p.vendor_id = st.Text(0);
    p.id = st.Text(1);
    const std::string what = "product " + Quote(p.id) + " of vendor " + Quote(p.vendor_id);
    p.name = st.Text(2);
    p.food = FoodId{static_cast<int32_t>(st.Int(3))};
    p.package_g = st.Real(4);
    p.package_ml = st.OptReal(5);
    p.price = st.Real(6);
    p.currency = st.Text(7);
    p.stock = st.OptInt(8);
    p.origin = st.Text(9);
    if (!st.IsNull(10) && !st.IsNull(11)) p.origin_location = GeoPoint{st.Real(10), st.Real(11)};
    std::optional<Production> production = ProductionFromKey(st.Text(12));
    if (!production) return Status::Internal(op, what + " has unknown production " + Quote(st.Text(12)));
    p.production = *production;
    p.organic = st.Int(13) != 0;
    if (!st.IsNull(14)) p.gmo = st.Int(14) != 0;
    nlohmann::json certs = nlohmann::json::parse(st.Text(15), nullptr, /*allow_exceptions=*/false);
    if (!certs.is_array()) return Status::Internal(op, what + " has malformed certifications");
    for (const nlohmann::json& c : certs) {
      if (!c.is_string()) return Status::Internal(op, what + " has malformed certifications");
      p.certifications.push_back(c.get<std::string>());
    }
    p.co2e_per_kg = st.OptReal(16);
    p.updated_at = st.Text(17);
    market.products.push_back(std::move(p));
  }
  return market;
}

Status SqliteStore::DeleteVendor(std::string_view vendor_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "deleting vendor " + Quote(vendor_id);
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "DELETE FROM vendors WHERE id = ?1", op));
  st.Bind(1, vendor_id);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  if (sqlite3_changes(db_) == 0) return Status::NotFound(op, "no such vendor");
  return txn.Commit(op);
}

// --- Pantries ---

Result<int64_t> SqliteStore::AddPantryItem(std::string_view pantry, const PantryItem& item) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "adding an item to pantry " + Quote(pantry);
  if (pantry.empty()) return Status::InvalidArgument(op, "the pantry name is empty");
  if (!std::isfinite(item.grams) || item.grams <= 0) {
    return Status::InvalidArgument(op, "grams must be a positive number, got " + std::to_string(item.grams));
  }
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_,
                                             "INSERT INTO pantry_items (pantry, food_ndb, grams, expiry, location, "
                                             "note, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                                             "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                                             op));
  st.Bind(1, pantry);
  st.Bind(2, static_cast<int64_t>(item.food.ndb));
  st.Bind(3, item.grams);
  if (item.expiry) st.Bind(4, std::string_view(FormatDate(*item.expiry)));
  else st.BindNull(4);
  st.Bind(5, std::string_view(item.location));
  st.Bind(6, std::string_view(item.note));
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  int64_t id = sqlite3_last_insert_rowid(db_);
  HEARTH_RETURN_IF_ERROR(txn.Commit(op));
  return id;
}

Result<std::vector<PantryItem>> SqliteStore::ListPantry(std::string_view pantry) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "listing pantry " + Quote(pantry);
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_,
                                             "SELECT id, food_ndb, grams, expiry, location, note FROM pantry_items "
                                             "WHERE pantry = ?1 ORDER BY expiry IS NULL, expiry, food_ndb, id",
                                             op));
  st.Bind(1, pantry);
  std::vector<PantryItem> items;
  for (;;) {
    HEARTH_ASSIGN_OR_RETURN(bool row, st.Step(op));
    if (!row) break;
    PantryItem it;
    it.id = st.Int(0);
    it.food = FoodId{static_cast<int32_t>(st.Int(1))};
    it.grams = st.Real(2);
    if (!st.IsNull(3)) {
      it.expiry = ParseDate(st.Text(3));
      if (!it.expiry) {
        return Status::Internal(op, "item " + std::to_string(it.id) + " has a malformed expiry " + Quote(st.Text(3)));
      }
    }
    it.location = st.Text(4);
    it.note = st.Text(5);
    items.push_back(std::move(it));
  }
  return items;
}

Status SqliteStore::ApplyPantryChanges(std::string_view pantry, const std::vector<PantryChange>& changes) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "updating pantry " + Quote(pantry);
  for (const PantryChange& c : changes) {
    if (!std::isfinite(c.new_grams) || c.new_grams < 0) {
      return Status::InvalidArgument(op, "item " + std::to_string(c.item_id) +
                                             ": the new amount must be 0 or more grams, got " +
                                             std::to_string(c.new_grams));
    }
  }
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(
      Statement update, Statement::Prepare(db_, "UPDATE pantry_items SET grams = ?1 WHERE id = ?2 AND pantry = ?3", op));
  HEARTH_ASSIGN_OR_RETURN(Statement remove,
                          Statement::Prepare(db_, "DELETE FROM pantry_items WHERE id = ?1 AND pantry = ?2", op));
  for (const PantryChange& c : changes) {
    Statement& st = c.new_grams > 0 ? update : remove;
    st.Reset();
    if (c.new_grams > 0) {
      st.Bind(1, c.new_grams);
      st.Bind(2, c.item_id);
      st.Bind(3, pantry);
    } else {
      st.Bind(1, c.item_id);
      st.Bind(2, pantry);
    }
    HEARTH_RETURN_IF_ERROR(st.Run(op));
    if (sqlite3_changes(db_) == 0) {
      return Status::NotFound(op, "no item " + std::to_string(c.item_id) + " in this pantry");
    }
  }
  return txn.Commit(op);
}

}  // namespace hearth::storage::sqlite
