#include "storage/sqlite/migrations.h"

#include <array>

namespace hearth::storage::sqlite {
namespace {

constexpr std::array<Migration, 1> kMigrations = {{
    {1, "vendors, products and pantry items", R"sql(
CREATE TABLE vendors (
  id            TEXT PRIMARY KEY NOT NULL,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,               -- VendorKindKey: "market_stall", "grocer", ...
  lat           REAL NOT NULL,
  lon           REAL NOT NULL,
  opening_hours TEXT NOT NULL                -- OpenStreetMap opening_hours syntax
);

CREATE TABLE products (
  vendor_id      TEXT NOT NULL REFERENCES vendors(id) ON DELETE CASCADE,
  id             TEXT NOT NULL,
  name           TEXT NOT NULL,
  food_ndb       INTEGER NOT NULL,
  package_g      REAL NOT NULL,
  package_ml     REAL,                       -- NULL: declared by weight
  price          REAL NOT NULL,
  currency       TEXT NOT NULL,
  stock          INTEGER,                    -- NULL: not tracked
  origin         TEXT NOT NULL,
  origin_lat     REAL,                       -- both NULL: no origin location
  origin_lon     REAL,
  production     TEXT NOT NULL,              -- ProductionKey: "local_farm", ...
  organic        INTEGER NOT NULL CHECK (organic IN (0, 1)),
  gmo            INTEGER CHECK (gmo IN (0, 1)),  -- NULL: not declared
  certifications TEXT NOT NULL DEFAULT '[]', -- JSON array of strings, in order
  co2e_per_kg    REAL,                       -- NULL: use the category default
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (vendor_id, id)
);
CREATE INDEX products_by_food ON products(food_ndb);

CREATE TABLE pantry_items (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  pantry    TEXT NOT NULL,
  food_ndb  INTEGER NOT NULL,
  grams     REAL NOT NULL CHECK (grams > 0),
  expiry    TEXT,                            -- "YYYY-MM-DD"; NULL: keeps
  location  TEXT NOT NULL DEFAULT '',
  note      TEXT NOT NULL DEFAULT '',
  added_at  TEXT NOT NULL                    -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
);
CREATE INDEX pantry_items_by_pantry ON pantry_items(pantry, expiry, food_ndb, id);
)sql"},
}};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations.back().version; }

}  // namespace hearth::storage::sqlite
