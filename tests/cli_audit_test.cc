// hearth audit verify on a real database: a log appended through AuditLog in
// this process, then checked, tampered with through SQLite, and checked again
// by the real binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "cli_util.h"
#include "hearth/audit/log.h"

namespace hearth {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::Hearth;

class CliAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "hearth-cli-audit-XXXXXX").string();
    ASSERT_NE(mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    db_ = (dir_ / "hearth.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  void AppendEntries(int n) {
    Result<std::unique_ptr<storage::Store>> store = storage::OpenStore(db_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Result<audit::AuditLog> log = audit::AuditLog::Open(**store, audit::KeyFilesFor(db_));
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(log->Append("p-ann", "", "login", "", "{\"i\":" + std::to_string(i) + "}").ok());
    }
  }

  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(CliAuditTest, VerifiesThenNamesTheEditedEntry) {
  AppendEntries(7);
  hearth::testing::CliRun ok = Hearth("audit verify --db " + db_);
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_EQ(ok.out, "audit log: 7 entries, 7 signed heads, verified\n");
  // The global --db works too.
  EXPECT_EQ(Hearth("--db " + db_ + " audit verify").code, 0);

  Tamper("UPDATE audit_entries SET actor = 'p-eve' WHERE seq = 2");
  hearth::testing::CliRun bad = Hearth("audit verify --db " + db_);
  EXPECT_EQ(bad.code, 1) << bad.out;
  EXPECT_THAT(bad.out, HasSubstr("hearth audit verify: 2 problems in the audit log of " + db_));
  EXPECT_THAT(bad.out, HasSubstr("seq 2: the entry differs from the one the head of size 3 signed"));
  EXPECT_THAT(bad.out, HasSubstr("heads of size 3..7"));
}

TEST_F(CliAuditTest, TruncationIsNamedAndAnotherKeyFails) {
  AppendEntries(5);
  fs::copy_file(db_ + ".audit-key.pub", (dir_ / "kept.pub").string());
  Tamper("DELETE FROM audit_entries WHERE seq = 4; DELETE FROM tree_heads WHERE tree_size = 5;");
  hearth::testing::CliRun cut = Hearth("audit verify --db " + db_);
  EXPECT_EQ(cut.code, 1) << cut.out;
  EXPECT_THAT(cut.out, HasSubstr("head of size 5"));
  EXPECT_THAT(cut.out, HasSubstr("cut off the end"));

  // Another log's public key verifies none of the heads; a copy of this
  // log's key kept elsewhere verifies them and still names the cut.
  std::string other = (dir_ / "other.db").string();
  {
    Result<std::unique_ptr<storage::Store>> s = storage::OpenStore(other);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(audit::AuditLog::Open(**s, audit::KeyFilesFor(other)).ok());
  }
  hearth::testing::CliRun wrong =
      Hearth("audit verify --db " + db_ + " --public-key " + other + ".audit-key.pub --witness /dev/null");
  EXPECT_EQ(wrong.code, 1) << wrong.out;
  EXPECT_THAT(wrong.out, HasSubstr("head of size 1: the signature does not verify"));
  hearth::testing::CliRun kept = Hearth("audit verify --db " + db_ + " --public-key " + (dir_ / "kept.pub").string());
  EXPECT_EQ(kept.code, 1);
  EXPECT_THAT(kept.out, HasSubstr("cut off the end"));
}

TEST_F(CliAuditTest, EmptyDatabaseVerifies) {
  hearth::testing::CliRun r = Hearth("audit verify --db " + db_);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("audit log: 0 entries, 0 signed heads, verified"));
}

}  // namespace
}  // namespace hearth
