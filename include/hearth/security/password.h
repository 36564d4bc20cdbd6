// Passwords: argon2id hashing through libsodium, and the rules a new password
// must meet (docs/security.md).
//
// Thread safety: all functions are safe to call concurrently (libsodium is
// initialised once, thread-safely).
#ifndef HEARTH_SECURITY_PASSWORD_H_
#define HEARTH_SECURITY_PASSWORD_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "hearth/result.h"
#include "hearth/status.h"

namespace hearth::security {

// Argon2id cost. The floor is m = 19 MiB, t = 2, p = 1 (libsodium always uses
// p = 1); hearth's default is above it.
struct PasswordCost {
  uint64_t ops = 2;                       // t, iterations.
  size_t mem_bytes = size_t{64} << 20;    // m.
};
inline constexpr PasswordCost kMinimumPasswordCost{2, size_t{19} << 20};

inline constexpr size_t kMinPasswordChars = 12;   // Unicode code points.
inline constexpr size_t kMaxPasswordBytes = 1024;

// The encoded hash ("$argon2id$v=19$m=65536,t=2,p=1$..."). InvalidArgument
// when `cost` is below kMinimumPasswordCost; Internal when libsodium fails
// (out of memory).
Result<std::string> HashPassword(std::string_view password, PasswordCost cost = {});
// True when `password` matches `hash`; false for a mismatch or a malformed
// hash. Takes as long as hashing.
bool VerifyPassword(std::string_view hash, std::string_view password);
// True when `hash` was made with a cost other than `cost` (rehash at login).
bool NeedsRehash(std::string_view hash, PasswordCost cost = {});

// The shipped list of common passwords (data/security/common-passwords.txt),
// lower-cased.
class CommonPasswords {
 public:
  // Reads one password per line ('#' comments); NotFound / InvalidArgument
  // naming the path.
  static Result<CommonPasswords> Load(const std::string& path);
  bool Contains(std::string_view password) const;  // Case-insensitive.
  size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

// Ok, or InvalidArgument saying what is wrong in words a person can act on:
// fewer than 12 characters, longer than 1024 bytes, not UTF-8, on the list of
// common passwords, or the email address (or its name part) itself.
Status CheckNewPassword(std::string_view password, std::string_view email, const CommonPasswords& common);

}  // namespace hearth::security

#endif  // HEARTH_SECURITY_PASSWORD_H_
