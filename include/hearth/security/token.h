// Random tokens and hashes (libsodium).
//
// Thread safety: safe to call concurrently.
#ifndef HEARTH_SECURITY_TOKEN_H_
#define HEARTH_SECURITY_TOKEN_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace hearth::security {

// 32 random bytes (256 bits) from the OS, base64url without padding (43
// characters).
std::string NewToken();
// `bytes` random bytes as lower-case hex.
std::string RandomHex(size_t bytes);
// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Constant-time equality of two strings of the same length (false when the
// lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace hearth::security

#endif  // HEARTH_SECURITY_TOKEN_H_
