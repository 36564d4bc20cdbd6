#include "hearth/security/password.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace hearth::security {
namespace {

// The floor cost keeps the tests quick; the default is exercised once.
constexpr PasswordCost kFast = kMinimumPasswordCost;

const CommonPasswords& Shipped() {
  static const CommonPasswords* list = [] {
    Result<CommonPasswords> l = CommonPasswords::Load(std::string(HEARTH_TEST_DATA_DIR) + "/security/common-passwords.txt");
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    return new CommonPasswords(l.ok() ? std::move(l).value() : CommonPasswords{});
  }();
  return *list;
}

std::string TempFile(const std::string& name, const std::string& text) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("hearth_pw_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(HashPassword, Argon2idRoundTrip) {
  Result<std::string> hash = HashPassword("correct horse battery staple", kFast);
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  // Salted: the same password hashes differently each time.
  Result<std::string> again = HashPassword("correct horse battery staple", kFast);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*hash, *again);
  EXPECT_TRUE(VerifyPassword(*again, "correct horse battery staple"));
}

TEST(HashPassword, DefaultCostIs64MiBTwoPasses) {
  Result<std::string> hash = HashPassword("a default-cost password");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_FALSE(NeedsRehash(*hash));
  EXPECT_TRUE(NeedsRehash(*hash, kFast));
  EXPECT_TRUE(VerifyPassword(*hash, "a default-cost password"));
}

TEST(HashPassword, RejectsCostBelowTheFloor) {
  Result<std::string> low_mem = HashPassword("whatever password", PasswordCost{2, size_t{8} << 20});
  ASSERT_FALSE(low_mem.ok());
  EXPECT_EQ(low_mem.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(low_mem.status().message().find("below the minimum"), std::string::npos);
  EXPECT_FALSE(HashPassword("whatever password", PasswordCost{1, size_t{64} << 20}).ok());
}

TEST(VerifyPassword, MalformedHashesAreMismatches) {
  EXPECT_FALSE(VerifyPassword("", "password"));
  EXPECT_FALSE(VerifyPassword("not a hash", "not a hash"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$m=19456,t=2,p=1$garbage", "x"));
  EXPECT_FALSE(VerifyPassword(std::string(500, '$'), "x"));
  Result<std::string> hash = HashPassword("twelve chars", kFast);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword(*hash, "twelve chars"));
  EXPECT_FALSE(VerifyPassword(*hash + std::string(1, '\0'), "twelve chars"));
  EXPECT_FALSE(VerifyPassword(hash->substr(0, hash->size() - 1), "twelve chars"));
}

TEST(NeedsRehash, ComparesCostAndAlgorithm) {
  Result<std::string> hash = HashPassword("some long password", kFast);
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(NeedsRehash(*hash, kFast));
  EXPECT_TRUE(NeedsRehash(*hash, PasswordCost{3, kFast.mem_bytes}));
  EXPECT_TRUE(NeedsRehash(*hash, PasswordCost{2, size_t{32} << 20}));
  // argon2i (not id), and garbage, always need a new hash.
  EXPECT_TRUE(NeedsRehash("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
                          kFast));
  EXPECT_TRUE(NeedsRehash("", kFast));
  EXPECT_TRUE(NeedsRehash("$2b$12$bcrypt", kFast));
}

TEST(CommonPasswords, ShippedListLoadsAndMatchesCaseInsensitively) {
  const CommonPasswords& common = Shipped();
  EXPECT_GE(common.size(), 10000u);
  EXPECT_TRUE(common.Contains("password"));
  EXPECT_TRUE(common.Contains("PassWord"));
  EXPECT_TRUE(common.Contains("123456"));
  EXPECT_TRUE(common.Contains("qwertyuiop"));
  EXPECT_FALSE(common.Contains("# Common passwords that hearth refuses as new passwords (docs/security.md)."));
  EXPECT_FALSE(common.Contains("cinnamon lentil harvest 42"));
}

TEST(CommonPasswords, LoadErrorsNameTheFileAndLine) {
  Result<CommonPasswords> missing = CommonPasswords::Load("/nonexistent/hearth/common.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/hearth/common.txt"), std::string::npos);

  std::string bad = TempFile("bad.txt", "# header\nhunter2\n\xff\xfe\n");
  Result<CommonPasswords> invalid = CommonPasswords::Load(bad);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(invalid.status().message().find(bad + ":3: not valid UTF-8"), std::string::npos)
      << invalid.status().message();

  std::string empty = TempFile("empty.txt", "# only a comment\n\n");
  Result<CommonPasswords> none = CommonPasswords::Load(empty);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("no passwords"), std::string::npos);

  std::string crlf = TempFile("crlf.txt", "Hunter2\r\n#c\r\nletmein\r\n");
  Result<CommonPasswords> ok = CommonPasswords::Load(crlf);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->size(), 2u);
  EXPECT_TRUE(ok->Contains("hunter2"));
  EXPECT_TRUE(ok->Contains("LETMEIN"));
}

TEST(CheckNewPassword, CountsCodePointsNotBytes) {
  const CommonPasswords& common = Shipped();
  Status short_one = CheckNewPassword("tomato123", "ann@example.org", common);
  EXPECT_EQ(short_one.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(short_one.message(), "password: must be at least 12 characters (it has 9)");
  // 11 code points but 22 bytes: still too short.
  Status greek = CheckNewPassword("αβγδεζηθικλ", "ann@example.org", common);
  EXPECT_EQ(greek.message(), "password: must be at least 12 characters (it has 11)");
  EXPECT_TRUE(CheckNewPassword("αβγδεζηθικλμ", "ann@example.org", common).ok());
  EXPECT_TRUE(CheckNewPassword("twelve chars", "ann@example.org", common).ok());
  EXPECT_FALSE(CheckNewPassword("eleven char", "ann@example.org", common).ok());
}

TEST(CheckNewPassword, RejectsInvalidUtf8AndOverlongInput) {
  const CommonPasswords& common = Shipped();
  for (std::string bad : {std::string("abcdefghijkl\xff"), std::string("abcdefghijkl\xc0\xaf"),  // overlong '/'
                          std::string("abcdefghijkl\xed\xa0\x80"),                          // surrogate
                          std::string("abcdefghijkl\xf4\x90\x80\x80"),                      // > U+10FFFF
                          std::string("abcdefghijkl\xe2\x82")}) {                           // truncated
    Status s = CheckNewPassword(bad, "ann@example.org", common);
    EXPECT_EQ(s.message(), "password: is not valid UTF-8 text") << bad;
  }
  Status big = CheckNewPassword(std::string(1025, 'x'), "ann@example.org", common);
  EXPECT_EQ(big.message(), "password: must be at most 1024 bytes (it has 1025)");
  EXPECT_TRUE(CheckNewPassword(std::string(1024, 'x'), "ann@example.org", common).ok());
}

TEST(CheckNewPassword, RejectsCommonPasswordsAndTheEmail) {
  const CommonPasswords& common = Shipped();
  // A 12+ character entry of the shipped list, in any case.
  Status s = CheckNewPassword("1234567890QWERTY", "ann@example.org", common);
  ASSERT_TRUE(common.Contains("1234567890qwerty"));
  EXPECT_EQ(s.message(), "password: is one of the most common passwords; choose another");
  EXPECT_EQ(CheckNewPassword("Ann.Smith@Example.org", "ann.smith@example.org", common).message(),
            "password: must not be your email address");
  EXPECT_EQ(CheckNewPassword("ann.smith.1984", "Ann.Smith.1984@example.org", common).message(),
            "password: must not be the name part of your email address");
  EXPECT_TRUE(CheckNewPassword("ann.smith.1984!", "ann.smith.1984@example.org", common).ok());
}

}  // namespace
}  // namespace hearth::security
