// The SQLite store's accounts, sessions, profiles, plans, consent and audit
// log, on real database files in a fresh temporary directory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "hearth/storage/store.h"
#include "storage/sqlite/migrations.h"

namespace hearth::storage {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class StoreAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "hearth-accounts-XXXXXX").string();
    ASSERT_NE(mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    path_ = (dir_ / "hearth.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> Open() {
    Result<std::unique_ptr<Store>> s = OpenStore("sqlite:" + path_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }

  fs::path dir_;
  std::string path_;
};

// --- Audit log ---

// A stand-in for the Merkle log: the "root" chains every entry onto the
// previous root, and the frontier records which head the function was given,
// so the test can tell that every append saw its predecessor.
std::string ChainRoot(const std::string& prev_root, const AuditEntry& e) {
  return std::to_string(std::hash<std::string>{}(prev_root + "|" + std::to_string(e.seq) + "|" + e.actor + "|" +
                                                 e.subject + "|" + e.event + "|" + e.object + "|" + e.details));
}

Result<TreeHead> ChainHead(const std::optional<TreeHead>& latest, const AuditEntry& e) {
  TreeHead h;
  h.tree_size = e.seq + 1;
  h.root_hash = ChainRoot(latest ? latest->root_hash : "", e);
  h.at = e.at;
  h.signature = "sig-" + std::to_string(h.tree_size);
  h.frontier = latest ? std::to_string(latest->tree_size) : "none";
  return h;
}

AuditEntry Entry(std::string actor, std::string subject, std::string event, std::string object = "") {
  AuditEntry e;
  e.at = "2026-11-26T08:00:00Z";
  e.actor = std::move(actor);
  e.subject = std::move(subject);
  e.event = std::move(event);
  e.object = std::move(object);
  e.details = R"({"weight":1})";
  return e;
}

// Checks that entries and heads form one unbroken chain of `n` appends.
void ExpectOneChain(Store& store, int64_t n) {
  Result<std::vector<AuditEntry>> entries = store.ListAudit(0, n + 10);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  Result<std::vector<TreeHead>> heads = store.ListTreeHeads();
  ASSERT_TRUE(heads.ok()) << heads.status().ToString();
  ASSERT_EQ(entries->size(), static_cast<size_t>(n));
  ASSERT_EQ(heads->size(), static_cast<size_t>(n));
  std::string root;
  for (int64_t i = 0; i < n; ++i) {
    const AuditEntry& e = (*entries)[static_cast<size_t>(i)];
    const TreeHead& h = (*heads)[static_cast<size_t>(i)];
    ASSERT_EQ(e.seq, i);
    ASSERT_EQ(h.tree_size, i + 1);
    root = ChainRoot(root, e);
    ASSERT_EQ(h.root_hash, root) << "head " << h.tree_size;
    ASSERT_EQ(h.frontier, i == 0 ? "none" : std::to_string(i)) << "head " << h.tree_size;
  }
}

TEST_F(StoreAccountsTest, EmptyAuditLog) {
  auto store = Open();
  ASSERT_TRUE(store);
  Result<std::optional<TreeHead>> latest = store->LatestTreeHead();
  ASSERT_TRUE(latest.ok());
  EXPECT_FALSE(latest->has_value());
  EXPECT_TRUE(store->ListAudit(0, 100)->empty());
  EXPECT_TRUE(store->ListTreeHeads()->empty());
  EXPECT_TRUE(store->ListAuditFor("p-ana")->empty());
  Result<TreeHead> head = store->GetTreeHead(1);
  EXPECT_EQ(head.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(head.status().message(), HasSubstr("tree head 1: not found"));
}

TEST_F(StoreAccountsTest, AuditRoundTrip) {
  auto store = Open();
  ASSERT_TRUE(store);
  std::vector<AuditEntry> in = {Entry("p-ana", "", "login"), Entry("p-ana", "p-bo", "consent_granted", "consent:1"),
                                Entry("p-bo", "p-ana", "plan_created", "plan:12"), Entry("system", "", "rotated")};
  in[3].details = "{}";
  for (size_t i = 0; i < in.size(); ++i) {
    Result<AuditEntry> out = store->AppendAudit(in[i], ChainHead);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    in[i].seq = static_cast<int64_t>(i);
    EXPECT_EQ(*out, in[i]);
  }
  EXPECT_EQ(*store->ListAudit(0, 100), in);
  EXPECT_EQ(*store->ListAudit(1, 2), (std::vector<AuditEntry>{in[1], in[2]}));
  EXPECT_EQ(*store->ListAudit(3, 100), (std::vector<AuditEntry>{in[3]}));
  EXPECT_TRUE(store->ListAudit(4, 100)->empty());
  EXPECT_TRUE(store->ListAudit(0, 0)->empty());
  EXPECT_EQ(store->ListAudit(-1, 5).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store->ListAudit(0, -5).status().code(), StatusCode::kInvalidArgument);

  // As actor or as subject, by seq.
  EXPECT_EQ(*store->ListAuditFor("p-ana"), (std::vector<AuditEntry>{in[0], in[1], in[2]}));
  EXPECT_EQ(*store->ListAuditFor("p-bo"), (std::vector<AuditEntry>{in[1], in[2]}));
  EXPECT_TRUE(store->ListAuditFor("p-nobody")->empty());
  EXPECT_EQ(store->ListAuditFor("").status().code(), StatusCode::kInvalidArgument);

  ExpectOneChain(*store, 4);
  Result<std::optional<TreeHead>> latest = store->LatestTreeHead();
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->tree_size, 4);
  EXPECT_EQ((*latest)->signature, "sig-4");
  Result<TreeHead> two = store->GetTreeHead(2);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(*two, store->ListTreeHeads()->at(1));
}

TEST_F(StoreAccountsTest, FailingNextHeadLeavesNothing) {
  auto store = Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->AppendAudit(Entry("p-ana", "", "login"), ChainHead).ok());
  const std::vector<AuditEntry> entries_before = *store->ListAudit(0, 100);
  const std::vector<TreeHead> heads_before = *store->ListTreeHeads();

  std::optional<TreeHead> seen;
  int64_t seen_seq = -1;
  Result<AuditEntry> r = store->AppendAudit(Entry("p-ana", "", "logout"),
                                            [&](const std::optional<TreeHead>& latest, const AuditEntry& e) {
                                              seen = latest;
                                              seen_seq = e.seq;
                                              return Result<TreeHead>(Status::Unavailable("signing key is locked"));
                                            });
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(r.status().message(), HasSubstr("signing key is locked"));
  EXPECT_EQ(seen, heads_before.back());
  EXPECT_EQ(seen_seq, 1);
  EXPECT_EQ(*store->ListAudit(0, 100), entries_before);
  EXPECT_EQ(*store->ListTreeHeads(), heads_before);

  // A head of the wrong size is refused, and nothing is written either.
  Result<AuditEntry> bad = store->AppendAudit(Entry("p-ana", "", "logout"),
                                              [](const std::optional<TreeHead>& latest, const AuditEntry& e) {
                                                Result<TreeHead> h = ChainHead(latest, e);
                                                h->tree_size += 1;
                                                return h;
                                              });
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("audit entry 1"));
  EXPECT_THAT(bad.status().message(), HasSubstr("expected 2"));
  EXPECT_EQ(*store->ListAudit(0, 100), entries_before);
  EXPECT_EQ(*store->ListTreeHeads(), heads_before);

  // The log goes on from where it was.
  Result<AuditEntry> next = store->AppendAudit(Entry("p-ana", "", "logout"), ChainHead);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->seq, 1);
  ExpectOneChain(*store, 2);
}

TEST_F(StoreAccountsTest, ConcurrentAppendsFormOneChain) {
  constexpr int kPerThread = 40;
  auto shared = Open();
  ASSERT_TRUE(shared);
  // Two threads on one store, a third on its own connection (as another
  // process would be).
  auto second = Open();
  ASSERT_TRUE(second);
  std::atomic<int> failures{0};
  auto writer = [&](Store* store, std::string actor) {
    for (int i = 0; i < kPerThread; ++i) {
      Result<AuditEntry> r = store->AppendAudit(Entry(actor, "", "event-" + std::to_string(i)), ChainHead);
      if (!r.ok()) {
        ADD_FAILURE() << r.status().ToString();
        ++failures;
      }
    }
  };
  std::thread t1(writer, shared.get(), "p-one");
  std::thread t2(writer, shared.get(), "p-two");
  std::thread t3(writer, second.get(), "p-three");
  t1.join();
  t2.join();
  t3.join();
  EXPECT_EQ(failures.load(), 0);
  ExpectOneChain(*shared, 3 * kPerThread);
  for (const char* actor : {"p-one", "p-two", "p-three"}) {
    std::vector<AuditEntry> mine = *shared->ListAuditFor(actor);
    ASSERT_EQ(mine.size(), static_cast<size_t>(kPerThread)) << actor;
    for (int i = 0; i < kPerThread; ++i) EXPECT_EQ(mine[static_cast<size_t>(i)].event, "event-" + std::to_string(i));
  }
}

TEST_F(StoreAccountsTest, AuditLogPersistsAcrossReopen) {
  {
    auto store = Open();
    ASSERT_TRUE(store);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(store->AppendAudit(Entry("p-ana", "", "login"), ChainHead).ok());
  }
  auto store = Open();
  ASSERT_TRUE(store);
  ExpectOneChain(*store, 3);
  Result<AuditEntry> r = store->AppendAudit(Entry("p-ana", "", "logout"), ChainHead);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->seq, 3);
  ExpectOneChain(*store, 4);
}

// --- Schema ---

TEST_F(StoreAccountsTest, MigratesAVersionOneDatabase) {
  // A database as the first schema left it, with a pantry item in it.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    const sqlite::Migration& v1 = sqlite::Migrations()[0];
    ASSERT_EQ(v1.version, 1);
    ASSERT_EQ(sqlite3_exec(db, v1.sql, nullptr, nullptr, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "PRAGMA user_version=1;"
                           "INSERT INTO pantry_items (pantry, food_ndb, grams, added_at) "
                           "VALUES ('home', 20044, 500, '2026-11-01T00:00:00Z');",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  {
    auto store = Open();
    ASSERT_TRUE(store);
    std::vector<PantryItem> items = *store->ListPantry("home");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].grams, 500);
    ASSERT_TRUE(store->AppendAudit(Entry("system", "", "migrated"), ChainHead).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), sqlite::LatestSchemaVersion());
  EXPECT_EQ(sqlite3_column_int(st, 0), 6);
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT version FROM schema_migrations ORDER BY version", -1, &st, nullptr),
            SQLITE_OK);
  std::vector<int> recorded;
  while (sqlite3_step(st) == SQLITE_ROW) recorded.push_back(sqlite3_column_int(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_EQ(recorded, (std::vector<int>{2, 3, 4, 5, 6}));  // Version 1 predates the record in this file.
}

TEST_F(StoreAccountsTest, NewDatabaseIsAtTheLatestVersion) {
  { ASSERT_TRUE(Open()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT version FROM schema_migrations ORDER BY version", -1, &st, nullptr),
            SQLITE_OK);
  std::vector<int> recorded;
  while (sqlite3_step(st) == SQLITE_ROW) recorded.push_back(sqlite3_column_int(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_EQ(recorded, (std::vector<int>{1, 2, 3, 4, 5, 6}));
}

// --- Accounts ---

Account MakeAccount(std::string email, std::string pseudonym, Role role = Role::kMember) {
  Account a;
  a.email = std::move(email);
  a.name = "Ana Lima";
  a.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  a.role = role;
  a.pseudonym = std::move(pseudonym);
  return a;
}

Session MakeSession(std::string token_hash, int64_t account_id, int64_t expires_unix) {
  Session s;
  s.token_hash = std::move(token_hash);
  s.account_id = account_id;
  s.created_unix = 1'700'000'000;
  s.last_seen_unix = 1'700'000'000;
  s.expires_unix = expires_unix;
  s.address = "192.0.2.7";
  return s;
}

TEST_F(StoreAccountsTest, RoleKeysRoundTrip) {
  for (Role r : {Role::kMember, Role::kHouseholdAdmin, Role::kNutritionist, Role::kVendor, Role::kKitchenOrganizer,
                 Role::kAdmin}) {
    EXPECT_EQ(ParseRole(RoleKey(r)), r) << RoleKey(r);
  }
  EXPECT_EQ(RoleKey(Role::kHouseholdAdmin), "household_admin");
  EXPECT_EQ(RoleKey(Role::kKitchenOrganizer), "kitchen_organizer");
  EXPECT_FALSE(ParseRole("Admin").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

TEST_F(StoreAccountsTest, AccountRoundTripAndUpdate) {
  auto store = Open();
  ASSERT_TRUE(store);
  Result<int64_t> home = store->CreateHousehold("The Limas");
  ASSERT_TRUE(home.ok()) << home.status().ToString();
  EXPECT_EQ(*store->GetHousehold(*home), (Household{*home, "The Limas", 0}));
  // Renewing the join code raises the generation, persistently.
  EXPECT_EQ(*store->RotateHouseholdCode(*home), 1);
  EXPECT_EQ(*store->RotateHouseholdCode(*home), 2);
  EXPECT_EQ(store->GetHousehold(*home)->code_generation, 2);
  EXPECT_EQ(store->RotateHouseholdCode(*home + 100).status().code(), StatusCode::kNotFound);

  Account a = MakeAccount("Ana@Example.ORG", "p-ana", Role::kHouseholdAdmin);
  a.household_id = *home;
  a.created_at = "2026-11-01T09:00:00Z";
  Result<int64_t> id = store->CreateAccount(a);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  a.id = *id;
  a.email = "ana@example.org";  // Stored lower-case.
  EXPECT_EQ(*store->GetAccount(*id), a);
  EXPECT_EQ(*store->FindAccountByEmail("ANA@example.org"), a);

  Account v = MakeAccount("stall@market.test", "p-stall", Role::kVendor);
  v.vendor_id = "green-acre";
  Account k = MakeAccount("kitchen@market.test", "p-kitchen", Role::kKitchenOrganizer);
  k.kitchen = "st-marys";
  int64_t vid = *store->CreateAccount(v);
  int64_t kid = *store->CreateAccount(k);
  Result<Account> kback = store->GetAccount(kid);
  ASSERT_TRUE(kback.ok());
  EXPECT_EQ(kback->kitchen, "st-marys");
  EXPECT_FALSE(kback->household_id.has_value());
  EXPECT_EQ(kback->created_at.size(), 20u) << kback->created_at;  // Set to now: "YYYY-MM-DDTHH:MM:SSZ".
  std::vector<Account> all = *store->ListAccounts();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, *id);
  EXPECT_EQ(all[1].id, vid);
  EXPECT_EQ(all[1].vendor_id, "green-acre");
  EXPECT_EQ(all[2].id, kid);

  std::vector<Account> members = *store->HouseholdMembers(*home);
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0], a);

  // Update: name, role, household, vendor and kitchen change; email, hash and pseudonym stay.
  Account changed = a;
  changed.name = "Ana L.";
  changed.role = Role::kNutritionist;
  changed.household_id.reset();
  changed.vendor_id = "x";
  changed.kitchen = "y";
  changed.email = "other@example.org";
  changed.password_hash = "other";
  changed.pseudonym = "p-other";
  ASSERT_TRUE(store->UpdateAccount(changed).ok());
  Account expected = a;
  expected.name = "Ana L.";
  expected.role = Role::kNutritionist;
  expected.household_id.reset();
  expected.vendor_id = "x";
  expected.kitchen = "y";
  EXPECT_EQ(*store->GetAccount(*id), expected);
  EXPECT_TRUE(store->HouseholdMembers(*home)->empty());

  // Not found, by name.
  Result<Account> missing = store->GetAccount(999);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("account 999: not found"));
  EXPECT_EQ(store->FindAccountByEmail("nobody@example.org").status().code(), StatusCode::kNotFound);
  changed.id = 999;
  EXPECT_EQ(store->UpdateAccount(changed).code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetHousehold(999).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->HouseholdMembers(999).status().code(), StatusCode::kNotFound);
  Account orphan = MakeAccount("orphan@example.org", "p-orphan");
  orphan.household_id = 999;
  Result<int64_t> o = store->CreateAccount(orphan);
  EXPECT_EQ(o.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(o.status().message(), HasSubstr("household 999: not found"));
  changed = expected;
  changed.household_id = 999;
  EXPECT_EQ(store->UpdateAccount(changed).code(), StatusCode::kNotFound);
  EXPECT_EQ(*store->GetAccount(*id), expected);
  EXPECT_EQ(store->CreateHousehold("").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(StoreAccountsTest, EmailAndPseudonymAreUnique) {
  auto store = Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->CreateAccount(MakeAccount("a@b.c", "p-1")).ok());
  Result<int64_t> dup = store->CreateAccount(MakeAccount("A@B.C", "p-2"));
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(dup.status().message(), HasSubstr("email a@b.c is already registered"));
  Result<int64_t> pdup = store->CreateAccount(MakeAccount("d@e.f", "p-1"));
  EXPECT_EQ(pdup.status().code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(pdup.status().message(), HasSubstr("pseudonym \"p-1\""));
  EXPECT_EQ(store->CreateAccount(MakeAccount("", "p-3")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store->CreateAccount(MakeAccount("g@h.i", "")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store->ListAccounts()->size(), 1u);
}

TEST_F(StoreAccountsTest, SessionsRoundTripAndExpire) {
  auto store = Open();
  ASSERT_TRUE(store);
  int64_t ana = *store->CreateAccount(MakeAccount("ana@example.org", "p-ana"));
  int64_t bo = *store->CreateAccount(MakeAccount("bo@example.org", "p-bo"));
  Session s1 = MakeSession("aaaa1111", ana, 2'000);
  Session s2 = MakeSession("bbbb2222", ana, 3'000);
  Session s3 = MakeSession("cccc3333", bo, 1'000);
  for (const Session& s : {s1, s2, s3}) ASSERT_TRUE(store->CreateSession(s).ok());
  EXPECT_EQ(*store->GetSession("aaaa1111"), s1);
  // One's own sessions, newest first.
  s2.created_unix += 10;
  ASSERT_TRUE(store->DeleteSession("bbbb2222").ok());
  ASSERT_TRUE(store->CreateSession(s2).ok());
  EXPECT_EQ(*store->SessionsOf(ana), (std::vector<Session>{s2, s1}));
  EXPECT_EQ(*store->SessionsOf(bo), (std::vector<Session>{s3}));
  EXPECT_TRUE(store->SessionsOf(999)->empty());

  Status clash = store->CreateSession(MakeSession("aaaa1111", bo, 9'000));
  EXPECT_EQ(clash.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(*store->GetSession("aaaa1111"), s1);
  EXPECT_EQ(store->CreateSession(MakeSession("dddd", 999, 9'000)).code(), StatusCode::kNotFound);

  ASSERT_TRUE(store->TouchSession("aaaa1111", 1'700'000'500).ok());
  s1.last_seen_unix = 1'700'000'500;
  EXPECT_EQ(*store->GetSession("aaaa1111"), s1);
  EXPECT_EQ(store->TouchSession("nope", 1).code(), StatusCode::kNotFound);

  // expires_unix <= now goes.
  ASSERT_TRUE(store->DeleteExpiredSessions(2'000).ok());
  EXPECT_EQ(store->GetSession("aaaa1111").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetSession("cccc3333").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*store->GetSession("bbbb2222"), s2);

  ASSERT_TRUE(store->CreateSession(s1).ok());
  ASSERT_TRUE(store->CreateSession(s3).ok());
  ASSERT_TRUE(store->DeleteSessionsOf(ana).ok());
  EXPECT_EQ(store->GetSession("aaaa1111").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetSession("bbbb2222").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store->GetSession("cccc3333").ok());
  ASSERT_TRUE(store->DeleteSession("cccc3333").ok());
  EXPECT_EQ(store->GetSession("cccc3333").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store->DeleteSession("cccc3333").ok());  // Ok when absent.
}

TEST_F(StoreAccountsTest, SetPasswordHashEndsSessions) {
  auto store = Open();
  ASSERT_TRUE(store);
  int64_t ana = *store->CreateAccount(MakeAccount("ana@example.org", "p-ana"));
  int64_t bo = *store->CreateAccount(MakeAccount("bo@example.org", "p-bo"));
  ASSERT_TRUE(store->CreateSession(MakeSession("a1", ana, 9'999'999'999)).ok());
  ASSERT_TRUE(store->CreateSession(MakeSession("a2", ana, 9'999'999'999)).ok());
  ASSERT_TRUE(store->CreateSession(MakeSession("b1", bo, 9'999'999'999)).ok());
  ASSERT_TRUE(store->SetPasswordHash(ana, "$argon2id$new").ok());
  EXPECT_EQ(store->GetAccount(ana)->password_hash, "$argon2id$new");
  EXPECT_EQ(store->GetSession("a1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetSession("a2").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store->GetSession("b1").ok());
  Status s = store->SetPasswordHash(999, "$argon2id$x");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_THAT(s.message(), HasSubstr("account 999"));
}

TEST_F(StoreAccountsTest, LoginFailuresSince) {
  auto store = Open();
  ASSERT_TRUE(store);
  for (int64_t t : {300, 100, 200, 400}) ASSERT_TRUE(store->RecordLoginFailure("account:ana@example.org", t).ok());
  ASSERT_TRUE(store->RecordLoginFailure("address:192.0.2.7", 250).ok());
  EXPECT_EQ(*store->LoginFailuresSince("account:ana@example.org", 200), (std::vector<int64_t>{200, 300, 400}));
  EXPECT_EQ(*store->LoginFailuresSince("account:ana@example.org", 0), (std::vector<int64_t>{100, 200, 300, 400}));
  EXPECT_TRUE(store->LoginFailuresSince("account:ana@example.org", 401)->empty());
  EXPECT_EQ(*store->LoginFailuresSince("address:192.0.2.7", 0), (std::vector<int64_t>{250}));
  ASSERT_TRUE(store->ClearLoginFailures("account:ana@example.org").ok());
  EXPECT_TRUE(store->LoginFailuresSince("account:ana@example.org", 0)->empty());
  EXPECT_EQ(store->LoginFailuresSince("address:192.0.2.7", 0)->size(), 1u);
  EXPECT_EQ(store->RecordLoginFailure("", 1).code(), StatusCode::kInvalidArgument);
}

TEST_F(StoreAccountsTest, ProfilesAndPlans) {
  auto store = Open();
  ASSERT_TRUE(store);
  int64_t ana = *store->CreateAccount(MakeAccount("ana@example.org", "p-ana"));
  int64_t bo = *store->CreateAccount(MakeAccount("bo@example.org", "p-bo"));

  Result<int64_t> p1 = store->CreateProfile(ana, R"({"name":"Ana","age":34})");
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  int64_t p2 = *store->CreateProfile(ana, R"({"name":"Kid","age":6})");
  int64_t p3 = *store->CreateProfile(bo, R"({"name":"Bo"})");
  Result<StoredProfile> got = store->GetProfile(*p1);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->owner_id, ana);
  EXPECT_EQ(got->json, R"({"name":"Ana","age":34})");
  EXPECT_EQ(got->created_at.size(), 20u);
  EXPECT_EQ(got->updated_at, got->created_at);
  std::vector<StoredProfile> mine = *store->ListProfiles(ana);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0], *got);
  EXPECT_EQ(mine[1].id, p2);
  ASSERT_TRUE(store->UpdateProfile(*p1, R"({"name":"Ana","age":35})").ok());
  EXPECT_EQ(store->GetProfile(*p1)->json, R"({"name":"Ana","age":35})");
  EXPECT_EQ(store->GetProfile(*p1)->created_at, got->created_at);
  ASSERT_TRUE(store->DeleteProfile(p2).ok());
  EXPECT_EQ(store->ListProfiles(ana)->size(), 1u);
  EXPECT_EQ(store->ListProfiles(bo)->at(0).id, p3);
  Status gone = store->DeleteProfile(p2);
  EXPECT_EQ(gone.code(), StatusCode::kNotFound);
  EXPECT_THAT(gone.message(), HasSubstr("profile " + std::to_string(p2) + ": not found"));
  EXPECT_EQ(store->UpdateProfile(p2, "{}").code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetProfile(p2).status().code(), StatusCode::kNotFound);
  Result<int64_t> orphan = store->CreateProfile(999, "{}");
  EXPECT_EQ(orphan.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(orphan.status().message(), HasSubstr("account 999: not found"));

  // Plans: newest first.
  int64_t first = *store->CreatePlan(ana, R"({"format":"hearth-plan","days":[1]})");
  int64_t second = *store->CreatePlan(ana, R"({"format":"hearth-plan","days":[2]})");
  int64_t third = *store->CreatePlan(ana, R"({"format":"hearth-plan","days":[3]})");
  ASSERT_TRUE(store->CreatePlan(bo, "{}").ok());
  std::vector<StoredPlan> plans = *store->ListPlans(ana);
  ASSERT_EQ(plans.size(), 3u);
  EXPECT_EQ(plans[0].id, third);
  EXPECT_EQ(plans[1].id, second);
  EXPECT_EQ(plans[2].id, first);
  EXPECT_EQ(plans[2].document, R"({"format":"hearth-plan","days":[1]})");
  EXPECT_EQ(*store->GetPlan(first), plans[2]);
  ASSERT_TRUE(store->UpdatePlan(first, R"({"format":"hearth-plan","days":[9]})").ok());
  EXPECT_EQ(store->GetPlan(first)->document, R"({"format":"hearth-plan","days":[9]})");
  ASSERT_TRUE(store->DeletePlan(second).ok());
  EXPECT_EQ(store->ListPlans(ana)->size(), 2u);
  Status nope = store->GetPlan(second).status();
  EXPECT_EQ(nope.code(), StatusCode::kNotFound);
  EXPECT_THAT(nope.message(), HasSubstr("plan " + std::to_string(second) + ": not found"));
  EXPECT_EQ(store->UpdatePlan(second, "{}").code(), StatusCode::kNotFound);
  EXPECT_EQ(store->DeletePlan(second).code(), StatusCode::kNotFound);
  EXPECT_EQ(store->CreatePlan(999, "{}").status().code(), StatusCode::kNotFound);
}

TEST_F(StoreAccountsTest, ConsentLifecycle) {
  auto store = Open();
  ASSERT_TRUE(store);
  int64_t client = *store->CreateAccount(MakeAccount("client@example.org", "p-client"));
  int64_t nut = *store->CreateAccount(MakeAccount("nut@example.org", "p-nut", Role::kNutritionist));
  int64_t other = *store->CreateAccount(MakeAccount("other@example.org", "p-other", Role::kNutritionist));

  EXPECT_FALSE(*store->HasActiveConsent(client, nut));
  Result<int64_t> c1 = store->GrantConsent(client, nut, "2026-11-01T10:00:00Z");
  ASSERT_TRUE(c1.ok()) << c1.status().ToString();
  EXPECT_TRUE(*store->HasActiveConsent(client, nut));
  EXPECT_FALSE(*store->HasActiveConsent(nut, client));  // Direction matters.
  EXPECT_EQ(*store->GetConsent(*c1), (Consent{*c1, client, nut, "2026-11-01T10:00:00Z", std::nullopt}));

  Result<int64_t> dup = store->GrantConsent(client, nut, "2026-11-02T10:00:00Z");
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(dup.status().message(), HasSubstr("consent " + std::to_string(*c1)));
  EXPECT_EQ(store->GrantConsent(client, client, "2026-11-02T10:00:00Z").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store->GrantConsent(client, 999, "2026-11-02T10:00:00Z").status().code(), StatusCode::kNotFound);
  int64_t c_other = *store->GrantConsent(client, other, "2026-11-03T10:00:00Z");

  ASSERT_TRUE(store->RevokeConsent(*c1, "2026-11-04T10:00:00Z").ok());
  EXPECT_FALSE(*store->HasActiveConsent(client, nut));
  EXPECT_TRUE(*store->HasActiveConsent(client, other));
  Status twice = store->RevokeConsent(*c1, "2026-11-05T10:00:00Z");
  EXPECT_EQ(twice.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(twice.message(), HasSubstr("already revoked at 2026-11-04T10:00:00Z"));
  EXPECT_EQ(store->GetConsent(*c1)->revoked_at, "2026-11-04T10:00:00Z");
  EXPECT_EQ(store->RevokeConsent(999, "2026-11-05T10:00:00Z").code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetConsent(999).status().code(), StatusCode::kNotFound);

  // Granting again after a revocation is a new consent; the history stays.
  Result<int64_t> c2 = store->GrantConsent(client, nut, "2026-11-06T10:00:00Z");
  ASSERT_TRUE(c2.ok()) << c2.status().ToString();
  EXPECT_NE(*c2, *c1);
  EXPECT_TRUE(*store->HasActiveConsent(client, nut));
  std::vector<Consent> history = *store->ListConsents(client);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].id, *c1);
  EXPECT_TRUE(history[0].revoked_at.has_value());
  EXPECT_EQ(history[1].id, c_other);
  EXPECT_EQ(history[2].id, *c2);
  EXPECT_FALSE(history[2].revoked_at.has_value());
  std::vector<Consent> of_nut = *store->ListConsents(nut);  // As the nutritionist.
  ASSERT_EQ(of_nut.size(), 2u);
  EXPECT_EQ(of_nut[0].id, *c1);
  EXPECT_EQ(of_nut[1].id, *c2);
}

TEST_F(StoreAccountsTest, DeleteAccountErasesWhatIsTheirs) {
  auto store = Open();
  ASSERT_TRUE(store);
  int64_t home = *store->CreateHousehold("The Limas");
  Account ana_in = MakeAccount("Ana@Example.org", "p-ana");
  ana_in.household_id = home;
  int64_t ana = *store->CreateAccount(ana_in);
  int64_t bo = *store->CreateAccount(MakeAccount("bo@example.org", "p-bo", Role::kNutritionist));
  int64_t cy = *store->CreateAccount(MakeAccount("cy@example.org", "p-cy"));

  // Ana's things, and the same kinds of things of others.
  int64_t ana_profile = *store->CreateProfile(ana, "{}");
  int64_t ana_plan = *store->CreatePlan(ana, "{}");
  int64_t bo_profile = *store->CreateProfile(bo, "{}");
  int64_t cy_plan = *store->CreatePlan(cy, "{}");
  ASSERT_TRUE(store->CreateRecipe(ana, "anas-soup", "{}").ok());
  ASSERT_TRUE(store->CreateRecipe(cy, "anas-soup", "{}").ok());
  ASSERT_TRUE(store->CreateSession(MakeSession("ana-s", ana, 9'999'999'999)).ok());
  ASSERT_TRUE(store->CreateSession(MakeSession("bo-s", bo, 9'999'999'999)).ok());
  int64_t ana_to_bo = *store->GrantConsent(ana, bo, "2026-11-01T10:00:00Z");
  int64_t cy_to_ana = *store->GrantConsent(cy, ana, "2026-11-01T10:00:00Z");  // Ana on the other side.
  int64_t cy_to_bo = *store->GrantConsent(cy, bo, "2026-11-01T10:00:00Z");
  ASSERT_TRUE(store->RecordLoginFailure("account:ana@example.org", 100).ok());
  ASSERT_TRUE(store->RecordLoginFailure("account:bo@example.org", 100).ok());
  ASSERT_TRUE(store->RecordLoginFailure("address:192.0.2.7", 100).ok());
  PantryItem rice;
  rice.food = FoodId{20044};
  rice.grams = 500;
  ASSERT_TRUE(store->AddPantryItem("account:" + std::to_string(ana), rice).ok());
  ASSERT_TRUE(store->AddPantryItem("account:" + std::to_string(bo), rice).ok());
  ASSERT_TRUE(store->AddPantryItem("home", rice).ok());
  ASSERT_TRUE(store->AppendAudit(Entry("p-ana", "", "login"), ChainHead).ok());
  ASSERT_TRUE(store->AppendAudit(Entry("p-bo", "p-ana", "consent_used", "plan:1"), ChainHead).ok());
  const std::vector<AuditEntry> audit_before = *store->ListAudit(0, 100);
  const std::vector<TreeHead> heads_before = *store->ListTreeHeads();

  ASSERT_TRUE(store->DeleteAccount(ana).ok());

  EXPECT_EQ(store->GetAccount(ana).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->FindAccountByEmail("ana@example.org").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetProfile(ana_profile).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetPlan(ana_plan).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store->ListProfiles(ana)->empty());
  EXPECT_TRUE(store->ListPlans(ana)->empty());
  EXPECT_TRUE(store->ListRecipes(ana)->empty());
  EXPECT_EQ(store->ListRecipes(cy)->size(), 1u);
  EXPECT_EQ(store->GetSession("ana-s").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetConsent(ana_to_bo).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetConsent(cy_to_ana).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store->ListConsents(ana)->empty());
  EXPECT_TRUE(store->LoginFailuresSince("account:ana@example.org", 0)->empty());
  EXPECT_TRUE(store->ListPantry("account:" + std::to_string(ana))->empty());
  EXPECT_TRUE(store->HouseholdMembers(home)->empty());
  EXPECT_TRUE(store->GetHousehold(home).ok());

  // Others keep theirs.
  EXPECT_TRUE(store->GetAccount(bo).ok());
  EXPECT_TRUE(store->GetProfile(bo_profile).ok());
  EXPECT_TRUE(store->GetPlan(cy_plan).ok());
  EXPECT_TRUE(store->GetSession("bo-s").ok());
  EXPECT_TRUE(store->GetConsent(cy_to_bo).ok());
  EXPECT_EQ(store->LoginFailuresSince("account:bo@example.org", 0)->size(), 1u);
  EXPECT_EQ(store->LoginFailuresSince("address:192.0.2.7", 0)->size(), 1u);
  EXPECT_EQ(store->ListPantry("account:" + std::to_string(bo))->size(), 1u);
  EXPECT_EQ(store->ListPantry("home")->size(), 1u);

  // The audit log is untouched.
  EXPECT_EQ(*store->ListAudit(0, 100), audit_before);
  EXPECT_EQ(*store->ListTreeHeads(), heads_before);
  EXPECT_EQ(store->ListAuditFor("p-ana")->size(), 2u);

  Status again = store->DeleteAccount(ana);
  EXPECT_EQ(again.code(), StatusCode::kNotFound);
  EXPECT_THAT(again.message(), HasSubstr("account " + std::to_string(ana) + ": not found"));
  // Ids are never reused.
  int64_t next = *store->CreateAccount(MakeAccount("ana@example.org", "p-ana-2"));
  EXPECT_GT(next, cy);
}

TEST_F(StoreAccountsTest, OwnRecipes) {
  auto store = Open();
  ASSERT_TRUE(store);
  int64_t ana = *store->CreateAccount(MakeAccount("ana@example.org", "p-ana"));
  int64_t bo = *store->CreateAccount(MakeAccount("bo@example.org", "p-bo"));
  Result<int64_t> soup = store->CreateRecipe(ana, "lentil-soup", R"({"id": "lentil-soup"})");
  ASSERT_TRUE(soup.ok()) << soup.status().ToString();
  ASSERT_TRUE(store->CreateRecipe(ana, "oat-bake", R"({"id": "oat-bake"})").ok());
  // The same id is the owner's once, and anyone else's too.
  EXPECT_EQ(store->CreateRecipe(ana, "lentil-soup", "{}").status().code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(store->CreateRecipe(bo, "lentil-soup", "{}").ok());
  EXPECT_EQ(store->CreateRecipe(999, "x", "{}").status().code(), StatusCode::kNotFound);
  std::vector<StoredRecipe> mine = *store->ListRecipes(ana);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, *soup);
  EXPECT_EQ(mine[0].owner_id, ana);
  EXPECT_EQ(mine[0].recipe_id, "lentil-soup");
  EXPECT_EQ(mine[0].document, R"({"id": "lentil-soup"})");
  EXPECT_EQ(mine[0].created_at.size(), 20u);
  EXPECT_EQ(mine[1].recipe_id, "oat-bake");
  EXPECT_EQ(store->DeleteRecipe(bo, "oat-bake").code(), StatusCode::kNotFound);
  ASSERT_TRUE(store->DeleteRecipe(ana, "lentil-soup").ok());
  EXPECT_EQ(store->DeleteRecipe(ana, "lentil-soup").code(), StatusCode::kNotFound);
  EXPECT_EQ(store->ListRecipes(ana)->size(), 1u);
  EXPECT_EQ(store->ListRecipes(bo)->size(), 1u);
}

TEST_F(StoreAccountsTest, LocalRecipeBookBelongsToNoAccount) {
  auto store = Open();
  ASSERT_TRUE(store);
  int64_t ana = *store->CreateAccount(MakeAccount("ana@example.org", "p-ana"));
  ASSERT_TRUE(store->CreateRecipe(ana, "lentil-soup", R"({"id": "ana"})").ok());
  Result<int64_t> local = store->CreateRecipe(kLocalOwner, "lentil-soup", R"({"id": "local"})");
  ASSERT_TRUE(local.ok()) << local.status().ToString();
  Result<int64_t> again = store->CreateRecipe(kLocalOwner, "lentil-soup", "{}");
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(again.status().message(), HasSubstr("lentil-soup"));
  std::vector<StoredRecipe> book = *store->ListRecipes(kLocalOwner);
  ASSERT_EQ(book.size(), 1u);
  EXPECT_EQ(book[0].id, *local);
  EXPECT_EQ(book[0].owner_id, kLocalOwner);
  EXPECT_EQ(book[0].document, R"({"id": "local"})");
  ASSERT_EQ(store->ListRecipes(ana)->size(), 1u);
  EXPECT_EQ(store->ListRecipes(ana)->front().document, R"({"id": "ana"})");
  // Erasing an account leaves the local book; deleting from the book leaves the account's.
  ASSERT_TRUE(store->DeleteAccount(ana).ok());
  EXPECT_EQ(store->ListRecipes(kLocalOwner)->size(), 1u);
  int64_t bo = *store->CreateAccount(MakeAccount("bo@example.org", "p-bo"));
  ASSERT_TRUE(store->CreateRecipe(bo, "lentil-soup", "{}").ok());
  ASSERT_TRUE(store->DeleteRecipe(kLocalOwner, "lentil-soup").ok());
  Status gone = store->DeleteRecipe(kLocalOwner, "lentil-soup");
  EXPECT_EQ(gone.code(), StatusCode::kNotFound);
  EXPECT_THAT(gone.message(), HasSubstr("local recipe book"));
  EXPECT_EQ(store->ListRecipes(bo)->size(), 1u);
}

TEST_F(StoreAccountsTest, RebuiltTablesKeepRowsAndNeverReuseIds) {
  // A database as schema version 4 left it: an account's recipe, profile and
  // plans, the newest of each deleted (so their ids must not come back).
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr), SQLITE_OK);
    for (const sqlite::Migration& m : sqlite::Migrations()) {
      if (m.version > 4) break;
      ASSERT_EQ(sqlite3_exec(db, m.sql, nullptr, nullptr, nullptr), SQLITE_OK) << m.version;
    }
    ASSERT_EQ(sqlite3_exec(db,
                           "PRAGMA user_version=4;"
                           "INSERT INTO accounts (id, email, name, password_hash, role, pseudonym, created_at) "
                           "VALUES (7, 'ana@example.org', 'Ana', 'x', 'member', 'p-ana', '2026-11-01T00:00:00Z');"
                           "INSERT INTO recipes (id, owner_id, recipe_id, document, created_at) "
                           "VALUES (41, 7, 'lentil-soup', '{\"v\": 4}', '2026-11-02T00:00:00Z'),"
                           "       (42, 7, 'oat-bake', '{}', '2026-11-02T00:00:00Z');"
                           "DELETE FROM recipes WHERE id = 42;"
                           "INSERT INTO profiles (owner_id, json, created_at, updated_at) "
                           "VALUES (7, '{\"p\": 1}', 'a', 'b'), (7, '{}', 'a', 'b');"
                           "DELETE FROM profiles WHERE id = 2;"
                           "INSERT INTO plans (owner_id, document, created_at, updated_at) "
                           "VALUES (7, '{\"d\": 1}', 'a', 'b'), (7, '{}', 'a', 'b'), (7, '{}', 'a', 'b');"
                           "DELETE FROM plans WHERE id = 3;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = Open();
  ASSERT_TRUE(store);
  std::vector<StoredRecipe> kept = *store->ListRecipes(7);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0], (StoredRecipe{41, 7, "lentil-soup", R"({"v": 4})", "2026-11-02T00:00:00Z"}));
  EXPECT_EQ(store->CreateRecipe(7, "lentil-soup", "{}").status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(*store->CreateRecipe(kLocalOwner, "lentil-soup", "{}"), 43);
  EXPECT_EQ(store->GetProfile(1)->json, R"({"p": 1})");
  EXPECT_EQ(*store->CreateProfile(7, "{}"), 3);
  EXPECT_EQ(store->GetPlan(1)->document, R"({"d": 1})");
  EXPECT_EQ(store->GetPlan(2)->owner_id, 7);
  EXPECT_EQ(*store->CreatePlan(kLocalOwner, "{}"), 4);
  // Still cascades with the account; the command line's things stay.
  ASSERT_TRUE(store->DeleteAccount(7).ok());
  EXPECT_TRUE(store->ListRecipes(7)->empty());
  EXPECT_TRUE(store->ListPlans(7)->empty());
  EXPECT_EQ(store->GetProfile(1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->ListRecipes(kLocalOwner)->size(), 1u);
  EXPECT_EQ(store->ListPlans(kLocalOwner)->size(), 1u);
}

TEST_F(StoreAccountsTest, CommandLineProfilesAndPlansBelongToNoAccount) {
  auto store = Open();
  ASSERT_TRUE(store);
  int64_t ana = *store->CreateAccount(MakeAccount("ana@example.org", "p-ana"));
  int64_t anas = *store->CreateProfile(ana, R"({"who": "ana"})");
  Result<int64_t> mine = store->CreateProfile(kLocalOwner, R"({"who": "local"})");
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  int64_t plan = *store->CreatePlan(kLocalOwner, "{}");
  EXPECT_EQ(store->GetProfile(*mine)->owner_id, kLocalOwner);
  EXPECT_EQ(store->GetPlan(plan)->owner_id, kLocalOwner);
  ASSERT_EQ(store->ListProfiles(kLocalOwner)->size(), 1u);
  EXPECT_EQ(store->ListProfiles(kLocalOwner)->front().json, R"({"who": "local"})");
  ASSERT_EQ(store->ListProfiles(ana)->size(), 1u);
  EXPECT_EQ(store->ListProfiles(ana)->front().id, anas);
  EXPECT_TRUE(store->ListPlans(ana)->empty());
  ASSERT_TRUE(store->UpdatePlan(plan, R"({"v": 2})").ok());
  EXPECT_EQ(store->ListPlans(kLocalOwner)->front().document, R"({"v": 2})");
  ASSERT_TRUE(store->DeleteAccount(ana).ok());
  EXPECT_EQ(store->ListProfiles(kLocalOwner)->size(), 1u);
  ASSERT_TRUE(store->DeletePlan(plan).ok());
  EXPECT_TRUE(store->ListPlans(kLocalOwner)->empty());
}

TEST_F(StoreAccountsTest, DeletePantryAndProduct) {
  auto store = Open();
  ASSERT_TRUE(store);
  PantryItem rice;
  rice.food = FoodId{20044};
  rice.grams = 500;
  ASSERT_TRUE(store->AddPantryItem("home", rice).ok());
  ASSERT_TRUE(store->AddPantryItem("home", rice).ok());
  ASSERT_TRUE(store->AddPantryItem("kitchen", rice).ok());
  ASSERT_TRUE(store->DeletePantry("home").ok());
  EXPECT_TRUE(store->ListPantry("home")->empty());
  EXPECT_EQ(store->ListPantry("kitchen")->size(), 1u);
  EXPECT_TRUE(store->DeletePantry("home").ok());  // Ok when empty.

  Market m;
  Vendor v;
  v.id = "farm";
  v.name = "Farm";
  v.kind = VendorKind::kFarm;
  m.vendors = {v};
  for (const char* id : {"rice", "oats"}) {
    Product p;
    p.vendor_id = "farm";
    p.id = id;
    p.name = id;
    p.food = FoodId{20044};
    p.package_g = 1000;
    p.updated_at = "2026-11-01";
    m.products.push_back(p);
  }
  ASSERT_TRUE(store->UpsertMarket(m).ok());
  ASSERT_TRUE(store->DeleteProduct("farm", "rice").ok());
  Result<Market> back = store->LoadMarket();
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->products.size(), 1u);
  EXPECT_EQ(back->products[0].id, "oats");
  EXPECT_EQ(back->vendors.size(), 1u);
  Status s = store->DeleteProduct("farm", "rice");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_THAT(s.message(), HasSubstr("product \"rice\" of vendor \"farm\": not found"));
  EXPECT_EQ(store->DeleteProduct("ghost", "oats").code(), StatusCode::kNotFound);
}

TEST_F(StoreAccountsTest, EverythingPersistsAcrossReopen) {
  Account ana;
  StoredProfile profile;
  StoredPlan plan;
  Consent consent;
  Session session = MakeSession("persist", 0, 9'999'999'999);
  int64_t home = 0;
  {
    auto store = Open();
    ASSERT_TRUE(store);
    home = *store->CreateHousehold("The Limas");
    ana = MakeAccount("ana@example.org", "p-ana", Role::kAdmin);
    ana.household_id = home;
    ana.id = *store->CreateAccount(ana);
    int64_t bo = *store->CreateAccount(MakeAccount("bo@example.org", "p-bo", Role::kNutritionist));
    ana = *store->GetAccount(ana.id);
    session.account_id = ana.id;
    ASSERT_TRUE(store->CreateSession(session).ok());
    profile = *store->GetProfile(*store->CreateProfile(ana.id, R"({"name":"Ana"})"));
    plan = *store->GetPlan(*store->CreatePlan(ana.id, R"({"format":"hearth-plan"})"));
    consent = *store->GetConsent(*store->GrantConsent(ana.id, bo, "2026-11-01T10:00:00Z"));
    ASSERT_TRUE(store->RecordLoginFailure("address:192.0.2.7", 42).ok());
  }
  auto store = Open();
  ASSERT_TRUE(store);
  EXPECT_EQ(*store->GetAccount(ana.id), ana);
  EXPECT_EQ(store->GetHousehold(home)->name, "The Limas");
  EXPECT_EQ(*store->GetSession("persist"), session);
  EXPECT_EQ(*store->GetProfile(profile.id), profile);
  EXPECT_EQ(*store->GetPlan(plan.id), plan);
  EXPECT_EQ(*store->GetConsent(consent.id), consent);
  EXPECT_EQ(*store->LoginFailuresSince("address:192.0.2.7", 0), (std::vector<int64_t>{42}));
}

}  // namespace
}  // namespace hearth::storage
