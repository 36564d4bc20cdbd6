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
  EXPECT_EQ(sqlite3_column_int(st, 0), 2);
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT version FROM schema_migrations ORDER BY version", -1, &st, nullptr),
            SQLITE_OK);
  std::vector<int> recorded;
  while (sqlite3_step(st) == SQLITE_ROW) recorded.push_back(sqlite3_column_int(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_EQ(recorded, (std::vector<int>{2}));  // Version 1 predates the record in this file.
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
  EXPECT_EQ(recorded, (std::vector<int>{1, 2}));
}

}  // namespace
}  // namespace hearth::storage
