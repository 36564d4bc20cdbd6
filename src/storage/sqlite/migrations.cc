#include "storage/sqlite/migrations.h"

#include <array>

namespace hearth::storage::sqlite {
namespace {

constexpr std::array<Migration, 6> kMigrations = {{
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
    {2, "accounts, households, sessions, login failures, profiles, plans, consent and the audit log", R"sql(
CREATE TABLE households (
  id    INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused
  name  TEXT NOT NULL
);

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: names pantry "account:<id>"
  email         TEXT NOT NULL UNIQUE CHECK (email = lower(email)),  -- stored lower-case
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,               -- argon2id string; never the password
  role          TEXT NOT NULL,               -- RoleKey: "member", "household_admin", ...
  household_id  INTEGER REFERENCES households(id) ON DELETE SET NULL,  -- NULL: none
  vendor_id     TEXT NOT NULL DEFAULT '',    -- a vendor account's Vendor::id; '' otherwise
  kitchen       TEXT NOT NULL DEFAULT '',    -- a kitchen organizer's pooled pantry; '' otherwise
  pseudonym     TEXT NOT NULL UNIQUE,        -- the only name the audit log uses
  created_at    TEXT NOT NULL                -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
);
CREATE INDEX accounts_by_household ON accounts(household_id, id);

CREATE TABLE sessions (
  token_hash     TEXT PRIMARY KEY NOT NULL,  -- hex SHA-256 of the token; never the token
  account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_unix   INTEGER NOT NULL,           -- seconds since the epoch
  last_seen_unix INTEGER NOT NULL,           -- for the idle expiry
  expires_unix   INTEGER NOT NULL,           -- absolute expiry
  address        TEXT NOT NULL DEFAULT ''    -- the client's address at sign-in
);
CREATE INDEX sessions_by_account ON sessions(account_id);
CREATE INDEX sessions_by_expiry ON sessions(expires_unix);

CREATE TABLE login_failures (
  key      TEXT NOT NULL,                    -- "account:<email>", "address:<ip>"
  at_unix  INTEGER NOT NULL                  -- seconds since the epoch
);
CREATE INDEX login_failures_by_key ON login_failures(key, at_unix);

CREATE TABLE profiles (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  json        TEXT NOT NULL,                 -- the profile JSON (docs/profile-format.md)
  created_at  TEXT NOT NULL,                 -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
  updated_at  TEXT NOT NULL
);
CREATE INDEX profiles_by_owner ON profiles(owner_id, id);

CREATE TABLE plans (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  document    TEXT NOT NULL,                 -- the hearth-plan document (docs/plan-json.md)
  created_at  TEXT NOT NULL,                 -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
  updated_at  TEXT NOT NULL
);
CREATE INDEX plans_by_owner ON plans(owner_id, id);  -- listed newest (highest id) first

CREATE TABLE consents (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  nutritionist_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  granted_at       TEXT NOT NULL,            -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
  revoked_at       TEXT                      -- NULL: active; revoked rows are kept as history
);
-- At most one active consent per pair.
CREATE UNIQUE INDEX consents_active ON consents(client_id, nutritionist_id) WHERE revoked_at IS NULL;
CREATE INDEX consents_by_nutritionist ON consents(nutritionist_id);

-- The audit log (docs/audit.md). No foreign keys: it outlives erased
-- accounts, which it names only by pseudonym. Rows are only ever appended.
CREATE TABLE audit_entries (
  seq      INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 0),  -- the Merkle leaf index, from 0, no gaps
  at       TEXT NOT NULL,                  -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
  actor    TEXT NOT NULL,                  -- a pseudonym, or "system"
  subject  TEXT NOT NULL DEFAULT '',       -- the pseudonym the event concerns; '' when none
  event    TEXT NOT NULL,                  -- "login", "consent_granted", ...
  object   TEXT NOT NULL DEFAULT '',       -- "plan:12"; '' when none
  details  TEXT NOT NULL DEFAULT '{}'      -- JSON object of ids, hashes and weights
);
CREATE INDEX audit_entries_by_actor ON audit_entries(actor, seq);
CREATE INDEX audit_entries_by_subject ON audit_entries(subject, seq);

CREATE TABLE tree_heads (
  tree_size  INTEGER PRIMARY KEY NOT NULL CHECK (tree_size > 0),  -- covers entries [0, tree_size)
  root_hash  TEXT NOT NULL,                -- hex Merkle root
  at         TEXT NOT NULL,                -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
  signature  TEXT NOT NULL,                -- hex Ed25519 signature
  frontier   TEXT NOT NULL                 -- opaque: what the log needs to extend the tree
);
)sql"},
    {3, "household join-code generations", R"sql(
-- A household's join code is an HMAC of (id, code_generation) under the
-- server's key: raising the generation makes every earlier code stop working.
ALTER TABLE households ADD COLUMN code_generation INTEGER NOT NULL DEFAULT 0;
)sql"},
    {4, "a person's own recipes", R"sql(
-- Recipes an account added (docs/recipe-format.md, one recipe object), used
-- beside the shipped library when planning for that account.
CREATE TABLE recipes (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  recipe_id   TEXT NOT NULL,                 -- the recipe's own id, unique per owner
  document    TEXT NOT NULL,                 -- the recipe object as validated
  created_at  TEXT NOT NULL,                 -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
  UNIQUE (owner_id, recipe_id)
);
)sql"},
    {5, "recipes without an account: the local recipe book", R"sql(
-- The command line keeps its own recipe book, owned by no account: owner_id
-- becomes optional (NULL: the local book). SQLite cannot drop a NOT NULL, so
-- the table is rebuilt; ids are kept.
CREATE TABLE recipes_v5 (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id    INTEGER REFERENCES accounts(id) ON DELETE CASCADE,  -- NULL: the local book
  recipe_id   TEXT NOT NULL,
  document    TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
INSERT INTO recipes_v5 (id, owner_id, recipe_id, document, created_at)
  SELECT id, owner_id, recipe_id, document, created_at FROM recipes;
-- Ids are never reused: the new table continues the old one's sequence.
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'recipes_v5', seq FROM sqlite_sequence WHERE name = 'recipes'
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'recipes_v5');
UPDATE sqlite_sequence SET seq = MAX(seq, IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'recipes'), 0))
  WHERE name = 'recipes_v5';
DROP TABLE recipes;
ALTER TABLE recipes_v5 RENAME TO recipes;
-- Unique per owner, the local book included (NULLs would otherwise all differ).
CREATE UNIQUE INDEX recipes_by_owner ON recipes (IFNULL(owner_id, 0), recipe_id);
)sql"},
    {6, "profiles and plans without an account: the command line's own", R"sql(
-- The command line keeps its profiles and plans too, owned by no account
-- (owner_id NULL). Rebuilt as in version 5; ids are kept.
CREATE TABLE profiles_v6 (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id    INTEGER REFERENCES accounts(id) ON DELETE CASCADE,  -- NULL: the command line's
  json        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
INSERT INTO profiles_v6 (id, owner_id, json, created_at, updated_at)
  SELECT id, owner_id, json, created_at, updated_at FROM profiles;
-- Ids are never reused: the new table continues the old one's sequence.
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'profiles_v6', seq FROM sqlite_sequence WHERE name = 'profiles'
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'profiles_v6');
UPDATE sqlite_sequence SET seq = MAX(seq, IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'profiles'), 0))
  WHERE name = 'profiles_v6';
DROP TABLE profiles;
ALTER TABLE profiles_v6 RENAME TO profiles;
CREATE INDEX profiles_by_owner ON profiles(owner_id, id);

CREATE TABLE plans_v6 (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id    INTEGER REFERENCES accounts(id) ON DELETE CASCADE,  -- NULL: the command line's
  document    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
INSERT INTO plans_v6 (id, owner_id, document, created_at, updated_at)
  SELECT id, owner_id, document, created_at, updated_at FROM plans;
-- Ids are never reused: the new table continues the old one's sequence.
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'plans_v6', seq FROM sqlite_sequence WHERE name = 'plans'
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'plans_v6');
UPDATE sqlite_sequence SET seq = MAX(seq, IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'plans'), 0))
  WHERE name = 'plans_v6';
DROP TABLE plans;
ALTER TABLE plans_v6 RENAME TO plans;
CREATE INDEX plans_by_owner ON plans(owner_id, id);  -- listed newest (highest id) first
)sql"},
}};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations.back().version; }

}  // namespace hearth::storage::sqlite
