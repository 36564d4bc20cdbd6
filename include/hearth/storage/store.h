// The Store: where hearth keeps what users tell it (the market's vendors and
// products, pantries, accounts and sessions, profiles, plans, consent and the
// audit log). One interface, one
// backend per folder under src/storage/ (sqlite/ today), opened from a URL.
// No backend type leaks past this header.
//
// Durability: a call that returns Ok has committed; a crash after it loses
// nothing it wrote. Every mutating call is one transaction: it applies whole
// or not at all.
//
// Thread safety: a Store may be used from several threads; each call is
// atomic (the SQLite backend serialises calls on its one connection). Several
// processes may open the same database.
#ifndef HEARTH_STORAGE_STORE_H_
#define HEARTH_STORAGE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/account.h"
#include "hearth/core/market.h"
#include "hearth/result.h"
#include "hearth/status.h"

namespace hearth::storage {

// A change to one pantry item, applied by ApplyPantryChanges.
struct PantryChange {
  int64_t item_id = 0;  // An existing item.
  double new_grams = 0;  // >= 0; 0 removes the item.
};

// Times are UTC "YYYY-MM-DDTHH:MM:SSZ" strings unless named *_unix (seconds
// since the epoch, for arithmetic: expiry, throttling).

struct Account {
  int64_t id = 0;
  std::string email;          // Unique; stored lower-case, matched case-insensitively.
  std::string name;           // Display name.
  std::string password_hash;  // libsodium's argon2id string; never the password.
  Role role = Role::kMember;
  std::optional<int64_t> household_id;  // The household the account belongs to.
  std::string vendor_id;      // A vendor account's vendor (Vendor::id); else empty.
  std::string kitchen;        // A kitchen organizer's pooled pantry name; else empty.
  std::string pseudonym;      // Random and unique: the only name the audit log uses.
  std::string created_at;
  friend bool operator==(const Account&, const Account&) = default;
};

struct Household {
  int64_t id = 0;
  std::string name;
  int64_t code_generation = 0;  // Part of the join code; raised to make old codes stop working.
  friend bool operator==(const Household&, const Household&) = default;
};

// A signed-in session. The token is never stored, only its hash.
struct Session {
  std::string token_hash;   // Hex SHA-256 of the token.
  int64_t account_id = 0;
  int64_t created_unix = 0;
  int64_t last_seen_unix = 0;  // For the idle expiry.
  int64_t expires_unix = 0;    // Absolute expiry.
  std::string address;         // The client's address when it signed in.
  friend bool operator==(const Session&, const Session&) = default;
};

// A health profile kept for an account (the profile JSON of
// docs/profile-format.md, as the user sent it after validation).
struct StoredProfile {
  int64_t id = 0;
  int64_t owner_id = 0;  // The account whose health data it is, or kLocalOwner.
  std::string json;
  std::string created_at, updated_at;
  friend bool operator==(const StoredProfile&, const StoredProfile&) = default;
};

// A saved plan: the hearth-plan document (docs/plan-json.md).
struct StoredPlan {
  int64_t id = 0;
  int64_t owner_id = 0;  // An account, or kLocalOwner.
  std::string document;
  std::string created_at, updated_at;
  friend bool operator==(const StoredPlan&, const StoredPlan&) = default;
};

// The owner that is no account: what the command line keeps on this machine
// (its recipe book, `hearth recipes add`; its profiles and plans, `hearth
// profiles add`, `hearth plan`). The server never shows these to anyone.
inline constexpr int64_t kLocalOwner = 0;

// A recipe a person added (one recipe object of docs/recipe-format.md).
struct StoredRecipe {
  int64_t id = 0;
  int64_t owner_id = 0;  // An account, or kLocalOwner.
  std::string recipe_id;  // The recipe's own id; unique per owner.
  std::string document;
  std::string created_at;
  friend bool operator==(const StoredRecipe&, const StoredRecipe&) = default;
};

// A client's consent for a nutritionist to read and edit their profiles and
// plans. Kept after revocation: the history is the record.
struct Consent {
  int64_t id = 0;
  int64_t client_id = 0;
  int64_t nutritionist_id = 0;
  std::string granted_at;
  std::optional<std::string> revoked_at;  // nullopt: active.
  friend bool operator==(const Consent&, const Consent&) = default;
};

// One entry of the tamper-evident audit log (docs/audit.md). Ids and hashes
// only, never health data.
struct AuditEntry {
  int64_t seq = 0;       // Position in the log from 0: the Merkle leaf index.
  std::string at;
  std::string actor;     // A pseudonym, or "system".
  std::string subject;   // The pseudonym the event concerns; may be empty.
  std::string event;     // "login", "login_failed", "consent_granted", "plan_created", ...
  std::string object;    // The object's id ("plan:12"); may be empty.
  std::string details;   // A JSON object of ids, hashes and weights ("{}" when none).
  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// A signed tree head: the Merkle root over entries [0, tree_size).
struct TreeHead {
  int64_t tree_size = 0;
  std::string root_hash;  // Hex.
  std::string at;
  std::string signature;  // Hex Ed25519 signature (see audit/log.h for what is signed).
  std::string frontier;   // Opaque to the store: what the log needs to extend the tree.
  friend bool operator==(const TreeHead&, const TreeHead&) = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- Market ---
  // Inserts or replaces the given vendors and products (matched by
  // Vendor::id and by (vendor_id, Product::id)). REQUIRES-as-error: every
  // product's vendor exists in `market` or in the store (else
  // InvalidArgument naming the product).
  virtual Status UpsertMarket(const Market& market) = 0;
  // The whole market, vendors ordered by id, products by (vendor_id, id).
  virtual Result<Market> LoadMarket() = 0;
  // Removes a vendor and its products; NotFound if absent.
  virtual Status DeleteVendor(std::string_view vendor_id) = 0;

  // --- Pantries ---
  // A pantry is named ("home" by default; a community kitchen's pooled pantry
  // has its own name). Items are lots: the same food may appear many times.
  //
  // Stores `item` (its id is ignored) and returns the new id.
  // InvalidArgument if grams <= 0.
  virtual Result<int64_t> AddPantryItem(std::string_view pantry, const PantryItem& item) = 0;
  // Items ordered by (expiry, nulls last; food; id).
  virtual Result<std::vector<PantryItem>> ListPantry(std::string_view pantry) = 0;
  // Applies all changes in order, in one transaction; NotFound (and nothing
  // applied) if an item does not exist in `pantry`; InvalidArgument if a
  // new_grams is negative or not finite.
  virtual Status ApplyPantryChanges(std::string_view pantry, const std::vector<PantryChange>& changes) = 0;
  // Removes every item of `pantry` (ok when it has none).
  virtual Status DeletePantry(std::string_view pantry) = 0;
  // Removes one product; NotFound if absent.
  virtual Status DeleteProduct(std::string_view vendor_id, std::string_view product_id) = 0;

  // --- Accounts ---
  // A call naming an account, household, session, profile, plan or consent
  // that does not exist returns NotFound naming it ("account 12: not found"),
  // also when it is only referenced (a new profile's owner, an account's
  // household).
  //
  // Stores a new account (its id ignored; email lower-cased; created_at now
  // when empty) and returns its id. Ids are never reused. AlreadyExists when
  // the email or pseudonym is taken; InvalidArgument when either is empty.
  virtual Result<int64_t> CreateAccount(const Account& account) = 0;
  virtual Result<Account> GetAccount(int64_t id) = 0;                      // NotFound.
  virtual Result<Account> FindAccountByEmail(std::string_view email) = 0;  // NotFound.
  virtual Result<std::vector<Account>> ListAccounts() = 0;                 // By id.
  // Replaces name, role, household_id, vendor_id and kitchen of an existing
  // account (NotFound); email, hash and pseudonym stay.
  virtual Status UpdateAccount(const Account& account) = 0;
  // Sets the password hash and deletes every session of the account, in one
  // transaction. NotFound.
  virtual Status SetPasswordHash(int64_t account_id, std::string_view hash) = 0;
  // Erases the account and everything that is theirs, in one transaction:
  // sessions, profiles, plans, consents on either side, login failures keyed
  // by its email, and its pantry "account:<id>". The audit log is untouched
  // (it names the account only by pseudonym). NotFound.
  virtual Status DeleteAccount(int64_t account_id) = 0;

  virtual Result<int64_t> CreateHousehold(std::string_view name) = 0;
  virtual Result<Household> GetHousehold(int64_t id) = 0;  // NotFound.
  virtual Result<std::vector<Account>> HouseholdMembers(int64_t household_id) = 0;  // By id; NotFound.
  // Raises the household's code generation by one; returns the new value. NotFound.
  virtual Result<int64_t> RotateHouseholdCode(int64_t household_id) = 0;

  // --- Sessions ---
  virtual Status CreateSession(const Session& session) = 0;  // AlreadyExists on a hash clash.
  virtual Result<Session> GetSession(std::string_view token_hash) = 0;  // NotFound.
  virtual Status TouchSession(std::string_view token_hash, int64_t now_unix) = 0;  // Sets last_seen.
  virtual Result<std::vector<Session>> SessionsOf(int64_t account_id) = 0;  // Newest first.
  virtual Status DeleteSession(std::string_view token_hash) = 0;  // Ok when absent.
  virtual Status DeleteSessionsOf(int64_t account_id) = 0;
  virtual Status DeleteExpiredSessions(int64_t now_unix) = 0;  // expires_unix <= now.

  // --- Login throttling ---
  // Failures are keyed ("account:<email>", "address:<ip>").
  virtual Status RecordLoginFailure(std::string_view key, int64_t at_unix) = 0;
  // Times of the failures at or after `since_unix`, ascending.
  virtual Result<std::vector<int64_t>> LoginFailuresSince(std::string_view key, int64_t since_unix) = 0;
  virtual Status ClearLoginFailures(std::string_view key) = 0;

  // --- Profiles and plans (owned by an account, or kLocalOwner) ---
  // created_at and updated_at are set by the store (updated_at on every update).
  virtual Result<int64_t> CreateProfile(int64_t owner_id, std::string_view json) = 0;
  virtual Result<StoredProfile> GetProfile(int64_t id) = 0;  // NotFound.
  virtual Result<std::vector<StoredProfile>> ListProfiles(int64_t owner_id) = 0;  // By id.
  virtual Status UpdateProfile(int64_t id, std::string_view json) = 0;  // NotFound.
  virtual Status DeleteProfile(int64_t id) = 0;  // NotFound.

  virtual Result<int64_t> CreatePlan(int64_t owner_id, std::string_view document) = 0;
  virtual Result<StoredPlan> GetPlan(int64_t id) = 0;  // NotFound.
  virtual Result<std::vector<StoredPlan>> ListPlans(int64_t owner_id) = 0;  // Newest first.
  virtual Status UpdatePlan(int64_t id, std::string_view document) = 0;  // NotFound.
  virtual Status DeletePlan(int64_t id) = 0;  // NotFound.

  // --- A person's own recipes ---
  // Kept per owner: an account, or kLocalOwner (the command line's book). AlreadyExists when the owner has a recipe with that
  // id; NotFound for an unknown account.
  virtual Result<int64_t> CreateRecipe(int64_t owner_id, std::string_view recipe_id, std::string_view document) = 0;
  virtual Result<std::vector<StoredRecipe>> ListRecipes(int64_t owner_id) = 0;  // Oldest first.
  virtual Status DeleteRecipe(int64_t owner_id, std::string_view recipe_id) = 0;  // NotFound.

  // --- Consent ---
  // AlreadyExists when an active consent for the pair exists; InvalidArgument
  // when client and nutritionist are the same account.
  virtual Result<int64_t> GrantConsent(int64_t client_id, int64_t nutritionist_id, std::string_view at) = 0;
  // NotFound; FailedPrecondition when already revoked.
  virtual Status RevokeConsent(int64_t consent_id, std::string_view at) = 0;
  virtual Result<Consent> GetConsent(int64_t consent_id) = 0;  // NotFound.
  // Every consent where the account is the client or the nutritionist, by id.
  virtual Result<std::vector<Consent>> ListConsents(int64_t account_id) = 0;
  virtual Result<bool> HasActiveConsent(int64_t client_id, int64_t nutritionist_id) = 0;

  // --- Audit log ---
  // Appends `entry` with seq = the log's size, and the head that
  // `next_head(latest head or nullopt, entry)` returns, in one transaction
  // (so concurrent appends from several processes stay a single chain).
  // InvalidArgument when the head's tree_size is not seq + 1. When next_head
  // fails, nothing is written and its error is returned. next_head runs while
  // the store holds its write lock: it must not call the Store.
  using NextHead = std::function<Result<TreeHead>(const std::optional<TreeHead>& latest, const AuditEntry& entry)>;
  virtual Result<AuditEntry> AppendAudit(AuditEntry entry, const NextHead& next_head) = 0;
  // Entries with seq in [from, from + limit), by seq (fewer at the end of the
  // log). InvalidArgument when from or limit is negative.
  virtual Result<std::vector<AuditEntry>> ListAudit(int64_t from, int64_t limit) = 0;
  // Entries whose actor or subject is `pseudonym`, by seq.
  virtual Result<std::vector<AuditEntry>> ListAuditFor(std::string_view pseudonym) = 0;
  virtual Result<std::optional<TreeHead>> LatestTreeHead() = 0;  // nullopt: the log is empty.
  // The head of exactly `tree_size` entries; NotFound.
  virtual Result<TreeHead> GetTreeHead(int64_t tree_size) = 0;
  // Every head, by tree_size.
  virtual Result<std::vector<TreeHead>> ListTreeHeads() = 0;
};

// Opens (creating and migrating as needed) the store at `url`:
// "sqlite:PATH" or a plain file path (SQLite). Parent directories are
// created. InvalidArgument for an unknown scheme or a file that is not a
// database; Unavailable when the file cannot be opened; FailedPrecondition
// when it was written by a newer hearth. Every message names the path.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

// The default database: $XDG_DATA_HOME/hearth/hearth.db (when set to an
// absolute path), else $HOME/.local/share/hearth/hearth.db, else hearth.db in
// the working directory.
std::string DefaultDatabasePath();

}  // namespace hearth::storage

#endif  // HEARTH_STORAGE_STORE_H_
