// The audit log on a real SQLite database in a fresh temporary directory:
// appends, proofs, and each kind of tampering done to the file directly.
#include "hearth/audit/log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace hearth::audit {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "hearth-audit-XXXXXX").string();
    ASSERT_NE(mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    path_ = (dir_ / "hearth.db").string();
    Result<std::unique_ptr<storage::Store>> s = storage::OpenStore(path_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    files_ = KeyFilesFor(path_);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  AuditLog OpenLog() {
    Result<AuditLog> log = AuditLog::Open(*store_, files_);
    EXPECT_TRUE(log.ok()) << log.status().ToString();
    return std::move(log).value();
  }

  // Ten entries: two people, logins and a consent.
  void AppendTen(AuditLog& log) {
    for (int i = 0; i < 10; ++i) {
      std::string actor = i % 2 ? "p-ann" : "p-bob";
      Result<storage::AuditEntry> e = log.Append(actor, i % 3 ? "" : "p-cat", i % 4 ? "login" : "plan_created",
                                                 i % 4 ? "" : "plan:" + std::to_string(i),
                                                 "{\"n\": " + std::to_string(i) + ", \"h\": \"ab\"}");
      ASSERT_TRUE(e.ok()) << e.status().ToString();
      EXPECT_EQ(e->seq, i);
    }
  }

  VerifyReport Verify(const std::string& public_key_hex) {
    Result<VerifyReport> r = VerifyLog(*store_, public_key_hex, files_.witness);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : VerifyReport{};
  }

  // Runs SQL on the database file directly, past the Store.
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "") << " in " << sql;
    sqlite3_free(err);
    sqlite3_close(db);
  }

  static std::string Slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<storage::Store> store_;
  KeyFiles files_;
};

TEST_F(AuditLogTest, LeafDataAndSignedTextAreCanonical) {
  storage::AuditEntry e{3, "2026-11-26T10:00:00Z", "p-ann", "p-bob", "consent_granted", "consent:4",
                        "{ \"weight\" : 2,\n \"a\":[1, 2] }"};
  EXPECT_EQ(LeafData(e),
            "{\"seq\":3,\"at\":\"2026-11-26T10:00:00Z\",\"actor\":\"p-ann\",\"subject\":\"p-bob\","
            "\"event\":\"consent_granted\",\"object\":\"consent:4\",\"details\":{\"a\":[1,2],\"weight\":2}}");
  e.details = "not json";
  EXPECT_THAT(LeafData(e), HasSubstr("\"details\":\"not json\""));
  EXPECT_EQ(SignedHeadText(5, RootOf({}), "2026-11-26T10:00:00Z"),
            "hearth-audit-v1\n5\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "2026-11-26T10:00:00Z\n");
  KeyFiles f = KeyFilesFor("sqlite:/var/lib/hearth/h.db");
  EXPECT_EQ(f.secret_key, "/var/lib/hearth/h.db.audit-key");
  EXPECT_EQ(f.public_key, "/var/lib/hearth/h.db.audit-key.pub");
  EXPECT_EQ(f.witness, "/var/lib/hearth/h.db.audit-head");
}

TEST_F(AuditLogTest, KeyFilesAreCreatedOnceWithPrivateMode) {
  AuditLog log = OpenLog();
  struct stat st{};
  ASSERT_EQ(stat(files_.secret_key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(Slurp(files_.public_key), log.public_key_hex() + "\n");
  EXPECT_EQ(log.public_key_hex().size(), 64u);
  std::string secret = Slurp(files_.secret_key);
  EXPECT_EQ(secret.size(), 129u);  // 64 bytes in hex and a newline.
  // Opening again reads the same key.
  AuditLog again = OpenLog();
  EXPECT_EQ(again.public_key_hex(), log.public_key_hex());
  EXPECT_EQ(Slurp(files_.secret_key), secret);
  // No temporary files are left behind.
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_THAT(entry.path().filename().string(), ::testing::Not(HasSubstr(".tmp.")));
  }
}

TEST_F(AuditLogTest, BadOrMissingKeysAreRefused) {
  {
    AuditLog log = OpenLog();
    ASSERT_TRUE(log.Append("system", "", "started", "").ok());
  }
  // The key is gone but the log has signed heads: no silent new key.
  fs::rename(files_.secret_key, files_.secret_key + ".bak");
  Result<AuditLog> missing = AuditLog::Open(*store_, files_);
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), AllOf(HasSubstr(files_.secret_key), HasSubstr("restore")));
  fs::rename(files_.secret_key + ".bak", files_.secret_key);
  // A damaged key file.
  std::ofstream(files_.public_key + ".x") << "";
  std::string good = Slurp(files_.secret_key);
  std::ofstream(files_.secret_key, std::ios::trunc) << "zz" << good.substr(2);
  Result<AuditLog> damaged = AuditLog::Open(*store_, files_);
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(damaged.status().message(), HasSubstr(files_.secret_key + ": not an audit signing key"));
  std::ofstream(files_.secret_key, std::ios::trunc) << good;
  // A public key that belongs to another secret key.
  std::ofstream(files_.public_key, std::ios::trunc) << std::string(64, 'a') << "\n";
  Result<AuditLog> mismatch = AuditLog::Open(*store_, files_);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_THAT(mismatch.status().message(), HasSubstr(files_.public_key + ": does not match"));
}

TEST_F(AuditLogTest, AppendSignsHeadsAndWritesTheWitness) {
  AuditLog log = OpenLog();
  Result<storage::AuditEntry> bad = log.Append("p-ann", "", "login", "", "[1, 2]");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("details must be a JSON object"));
  EXPECT_FALSE(log.Append("p-ann", "", "login", "", "{").ok());
  EXPECT_FALSE(log.Append("p-\xff", "", "login", "").ok());

  AppendTen(log);
  Result<std::vector<storage::TreeHead>> heads = store_->ListTreeHeads();
  ASSERT_TRUE(heads.ok());
  ASSERT_EQ(heads->size(), 10u);
  Result<std::vector<storage::AuditEntry>> entries = store_->ListAudit(0, 100);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 10u);
  EXPECT_EQ((*entries)[1].details, "{\"h\":\"ab\",\"n\":1}");  // Stored compact.
  EXPECT_THAT((*entries)[0].at, ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"));
  std::vector<Hash> leaves;
  for (const storage::AuditEntry& e : *entries) leaves.push_back(LeafHash(LeafData(e)));
  for (const storage::TreeHead& h : *heads) {
    EXPECT_EQ(h.root_hash, ToHex(RootOf(std::span<const Hash>(leaves).first(h.tree_size)))) << h.tree_size;
  }
  nlohmann::json w = nlohmann::json::parse(Slurp(files_.witness));
  EXPECT_EQ(w["tree_size"], 10);
  EXPECT_EQ(w["root_hash"], heads->back().root_hash);
  EXPECT_EQ(w["signature"], heads->back().signature);
  EXPECT_EQ(w["at"], heads->back().at);

  VerifyReport report = Verify(log.public_key_hex());
  EXPECT_TRUE(report.ok()) << ::testing::PrintToString(report.problems);
  EXPECT_EQ(report.entries, 10);
  EXPECT_EQ(report.heads, 10);
}

// docs/audit.md shows how to rebuild the leaf data by hand with SQLite's
// json_object; it must give exactly LeafData.
TEST_F(AuditLogTest, SqliteJsonObjectRebuildsTheLeafData) {
  AuditLog log = OpenLog();
  AppendTen(log);
  ASSERT_TRUE(log.Append("p-ann", "p-bob", "consent_granted", "consent:4",
                         R"({"z":1,"a":"caf\u00e9 \"quoted\" \\ tab\t","list":[1,2.5,true,null]})")
                  .ok());
  Result<std::vector<storage::AuditEntry>> entries = store_->ListAudit(0, 100);
  ASSERT_TRUE(entries.ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT json_object('seq',seq,'at',at,'actor',actor,'subject',subject,'event',event,"
                               "'object',object,'details',json(details)) FROM audit_entries ORDER BY seq",
                               -1, &st, nullptr),
            SQLITE_OK);
  size_t i = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    ASSERT_LT(i, entries->size());
    std::string by_hand(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    EXPECT_EQ(by_hand, LeafData((*entries)[i])) << "seq " << i;
    ++i;
  }
  EXPECT_EQ(i, 11u);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(AuditLogTest, EmptyLogVerifies) {
  AuditLog log = OpenLog();
  VerifyReport report = Verify(log.public_key_hex());
  EXPECT_TRUE(report.ok()) << ::testing::PrintToString(report.problems);
  EXPECT_EQ(report.entries, 0);
  Result<std::pair<storage::TreeHead, std::vector<AuditLog::Proof>>> none = log.EntriesFor("p-ann");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->first.tree_size, 0);
  EXPECT_TRUE(none->second.empty());
}

TEST_F(AuditLogTest, EntriesForProvesEachEntryAgainstTheLatestHead) {
  AuditLog log = OpenLog();
  AppendTen(log);
  Result<std::pair<storage::TreeHead, std::vector<AuditLog::Proof>>> mine = log.EntriesFor("p-cat");
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  const storage::TreeHead& head = mine->first;
  EXPECT_EQ(head.tree_size, 10);
  std::optional<Hash> root = HashFromHex(head.root_hash);
  ASSERT_TRUE(root);
  std::vector<int64_t> seqs;
  for (const AuditLog::Proof& p : mine->second) {
    seqs.push_back(p.entry.seq);
    EXPECT_TRUE(VerifyInclusion(LeafHash(LeafData(p.entry)), p.entry.seq, head.tree_size, p.path, *root))
        << p.entry.seq;
    storage::AuditEntry forged = p.entry;
    forged.event = "logout";
    EXPECT_FALSE(VerifyInclusion(LeafHash(LeafData(forged)), p.entry.seq, head.tree_size, p.path, *root));
  }
  EXPECT_EQ(seqs, (std::vector<int64_t>{0, 3, 6, 9}));  // p-cat is the subject of every third.
  Result<std::pair<storage::TreeHead, std::vector<AuditLog::Proof>>> ann = log.EntriesFor("p-ann");
  ASSERT_TRUE(ann.ok());
  EXPECT_EQ(ann->second.size(), 5u);
}

TEST_F(AuditLogTest, EditedDetailsNameTheEntry) {
  AuditLog log = OpenLog();
  AppendTen(log);
  Tamper("UPDATE audit_entries SET details = '{\"h\":\"ab\",\"n\":99}' WHERE seq = 4");
  VerifyReport r = Verify(log.public_key_hex());
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.problems, Contains(HasSubstr("seq 4: the entry differs from the one the head of size 5 signed")));
  EXPECT_THAT(r.problems, Contains(HasSubstr("heads of size 5..10")));
  // Only entry 4 is named.
  for (const std::string& p : r.problems) EXPECT_THAT(p, ::testing::Not(HasSubstr("seq 5:")));
  // EntriesFor refuses to prove against a log that no longer matches.
  Result<std::pair<storage::TreeHead, std::vector<AuditLog::Proof>>> proofs = log.EntriesFor("p-bob");
  EXPECT_FALSE(proofs.ok());
}

TEST_F(AuditLogTest, DeletedMiddleEntryIsMissing) {
  AuditLog log = OpenLog();
  AppendTen(log);
  Tamper("DELETE FROM audit_entries WHERE seq = 5");
  VerifyReport r = Verify(log.public_key_hex());
  EXPECT_EQ(r.entries, 9);
  EXPECT_THAT(r.problems, Contains(HasSubstr("seq 5: missing (the log jumps from seq 4 to seq 6)")));
  EXPECT_THAT(r.problems, Contains(HasSubstr("the latest head covers 10 entries but the log has 9")));
  // Appending on top of the damage does not hide it.
  ASSERT_TRUE(log.Append("system", "", "after", "").ok());
  EXPECT_THAT(Verify(log.public_key_hex()).problems, Contains(HasSubstr("seq 5: missing")));
}

TEST_F(AuditLogTest, ReorderedEntriesNameBothSeqs) {
  AuditLog log = OpenLog();
  AppendTen(log);
  Tamper("UPDATE audit_entries SET seq = 1000 WHERE seq = 3; "
         "UPDATE audit_entries SET seq = 3 WHERE seq = 7; "
         "UPDATE audit_entries SET seq = 7 WHERE seq = 1000;");
  VerifyReport r = Verify(log.public_key_hex());
  EXPECT_THAT(r.problems, Contains(HasSubstr("seq 3: the entry differs")));
  EXPECT_THAT(r.problems, Contains(HasSubstr("seq 7: the entry differs")));
  EXPECT_EQ(r.entries, 10);
}

TEST_F(AuditLogTest, TruncationIsCaughtByTheWitness) {
  AuditLog log = OpenLog();
  AppendTen(log);
  Tamper("DELETE FROM audit_entries WHERE seq = 9; DELETE FROM tree_heads WHERE tree_size = 10;");
  VerifyReport r = Verify(log.public_key_hex());
  EXPECT_EQ(r.entries, 9);
  ASSERT_EQ(r.problems.size(), 1u) << ::testing::PrintToString(r.problems);
  EXPECT_THAT(r.problems[0], AllOf(HasSubstr("witness " + files_.witness), HasSubstr("head of size 10"),
                                   HasSubstr("cut off the end")));
  // Without the witness the cut log looks whole: that is the witness's job.
  Result<VerifyReport> blind = VerifyLog(*store_, log.public_key_hex(), std::nullopt);
  ASSERT_TRUE(blind.ok());
  EXPECT_TRUE(blind->ok());
  // Deleting the witness too is noticed.
  fs::remove(files_.witness);
  EXPECT_THAT(Verify(log.public_key_hex()).problems, Contains(HasSubstr("missing, but the log has signed heads")));
}

TEST_F(AuditLogTest, ChangedHeadRootFailsItsSignature) {
  AuditLog log = OpenLog();
  AppendTen(log);
  Tamper("UPDATE tree_heads SET root_hash = '" + std::string(64, '0') + "' WHERE tree_size = 6");
  VerifyReport r = Verify(log.public_key_hex());
  EXPECT_THAT(r.problems, Contains("head of size 6: the signature does not verify with the audit public key"));
  EXPECT_THAT(r.problems, Contains(HasSubstr("head of size 6: its root does not match the entries seq 0..5")));
  // The entries themselves are not blamed.
  for (const std::string& p : r.problems) EXPECT_THAT(p, ::testing::Not(HasSubstr("seq 5: the entry")));
}

TEST_F(AuditLogTest, HeadsSignedByAnotherKeyFail) {
  AuditLog log = OpenLog();
  AppendTen(log);
  // A second log on another database, with its own key: its public key does
  // not verify this log's heads.
  std::string other_path = (dir_ / "other.db").string();
  Result<std::unique_ptr<storage::Store>> other_store = storage::OpenStore(other_path);
  ASSERT_TRUE(other_store.ok());
  Result<AuditLog> other = AuditLog::Open(**other_store, KeyFilesFor(other_path));
  ASSERT_TRUE(other.ok());
  ASSERT_NE(other->public_key_hex(), log.public_key_hex());
  VerifyReport r = Verify(other->public_key_hex());
  EXPECT_THAT(r.problems, Contains("head of size 1: the signature does not verify with the audit public key"));
  EXPECT_THAT(r.problems, Contains("head of size 10: the signature does not verify with the audit public key"));
  EXPECT_THAT(r.problems, Contains(HasSubstr("is not signed by the audit key")));

  // A head re-signed with the other key (its root forged to match edited
  // entries) fails with the right key.
  Result<std::vector<storage::TreeHead>> heads = (*other_store)->ListTreeHeads();
  ASSERT_TRUE(heads.ok());
  ASSERT_TRUE(other->Append("p-eve", "", "login", "").ok());
  Result<std::vector<storage::TreeHead>> forged = (*other_store)->ListTreeHeads();
  ASSERT_TRUE(forged.ok() && forged->size() == 1);
  Tamper("UPDATE tree_heads SET signature = '" + forged->front().signature + "' WHERE tree_size = 1");
  EXPECT_THAT(Verify(log.public_key_hex()).problems,
              Contains("head of size 1: the signature does not verify with the audit public key"));
  EXPECT_FALSE(VerifyLog(*store_, "not hex", std::nullopt).ok());
}

}  // namespace
}  // namespace hearth::audit
