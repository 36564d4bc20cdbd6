#include "storage/sqlite/sqlite_store.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include "storage/sqlite/migrations.h"
#include "storage/sqlite/sqlite_util.h"

namespace hearth::storage::sqlite {
namespace {

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
  ReadTransaction read(db_);
  HEARTH_RETURN_IF_ERROR(read.Begin(op));
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

Status SqliteStore::DeletePantry(std::string_view pantry) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string op = "deleting pantry " + Quote(pantry);
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db_, "DELETE FROM pantry_items WHERE pantry = ?1", op));
  st.Bind(1, pantry);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  return txn.Commit(op);
}

Status SqliteStore::DeleteProduct(std::string_view vendor_id, std::string_view product_id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string what = "product " + Quote(product_id) + " of vendor " + Quote(vendor_id);
  const std::string op = "deleting " + what;
  Transaction txn(db_);
  HEARTH_RETURN_IF_ERROR(txn.Begin(op));
  HEARTH_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db_, "DELETE FROM products WHERE vendor_id = ?1 AND id = ?2", op));
  st.Bind(1, vendor_id);
  st.Bind(2, product_id);
  HEARTH_RETURN_IF_ERROR(st.Run(op));
  if (sqlite3_changes(db_) == 0) return Status::NotFound(what, "not found");
  return txn.Commit(op);
}

}  // namespace hearth::storage::sqlite
