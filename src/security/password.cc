#include "hearth/security/password.h"

#include <sodium.h>

#include <fstream>
#include <optional>

#include "security/sodium.h"

namespace hearth::security {
namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The number of code points of `s`, or nullopt when it is not valid UTF-8
// (overlong forms, surrogates and values past U+10FFFF are invalid).
std::optional<size_t> CountCodePoints(std::string_view s) {
  size_t count = 0;
  size_t i = 0;
  while (i < s.size()) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return std::nullopt;
    }
    if (i + len > s.size()) return std::nullopt;
    for (size_t k = 1; k < len; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    }
    static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    i += len;
    ++count;
  }
  return count;
}

bool BelowMinimum(const PasswordCost& cost) {
  return cost.ops < kMinimumPasswordCost.ops || cost.mem_bytes < kMinimumPasswordCost.mem_bytes;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  EnsureSodium();
  if (BelowMinimum(cost)) {
    return Status::InvalidArgument("password cost: t = " + std::to_string(cost.ops) + ", m = " +
                                   std::to_string(cost.mem_bytes >> 20) +
                                   " MiB is below the minimum of t = 2, m = 19 MiB");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Status::InvalidArgument("password: must be at most " + std::to_string(kMaxPasswordBytes) + " bytes");
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("password hashing failed (out of memory for m = " + std::to_string(cost.mem_bytes >> 20) +
                            " MiB?)");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || hash.find('\0') != std::string_view::npos) {
    return false;
  }
  std::string terminated(hash);  // libsodium wants a C string.
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash, PasswordCost cost) {
  EnsureSodium();
  if (hash.rfind("$argon2id$", 0) != 0 || hash.size() >= crypto_pwhash_STRBYTES ||
      hash.find('\0') != std::string_view::npos) {
    return true;  // Another algorithm, or not a hash at all.
  }
  std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), cost.ops, cost.mem_bytes) != 0;
}

Result<CommonPasswords> CommonPasswords::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("common password list " + path + ": cannot be opened");
  CommonPasswords list;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    if (!CountCodePoints(line)) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": not valid UTF-8");
    }
    list.words_.insert(AsciiLower(line));
  }
  if (in.bad()) return Status::InvalidArgument(path + ": read error after line " + std::to_string(line_no));
  if (list.words_.empty()) return Status::InvalidArgument(path + ": no passwords in the list");
  return list;
}

bool CommonPasswords::Contains(std::string_view password) const {
  return words_.count(AsciiLower(password)) > 0;
}

Status CheckNewPassword(std::string_view password, std::string_view email, const CommonPasswords& common) {
  if (password.size() > kMaxPasswordBytes) {
    return Status::InvalidArgument("password: must be at most " + std::to_string(kMaxPasswordBytes) +
                                   " bytes (it has " + std::to_string(password.size()) + ")");
  }
  std::optional<size_t> chars = CountCodePoints(password);
  if (!chars) return Status::InvalidArgument("password: is not valid UTF-8 text");
  if (*chars < kMinPasswordChars) {
    return Status::InvalidArgument("password: must be at least " + std::to_string(kMinPasswordChars) +
                                   " characters (it has " + std::to_string(*chars) + ")");
  }
  if (common.Contains(password)) {
    return Status::InvalidArgument("password: is one of the most common passwords; choose another");
  }
  std::string lower = AsciiLower(password);
  std::string lower_email = AsciiLower(email);
  if (!lower_email.empty() && lower == lower_email) {
    return Status::InvalidArgument("password: must not be your email address");
  }
  size_t at = lower_email.rfind('@');
  if (at != std::string::npos && at > 0 && lower == lower_email.substr(0, at)) {
    return Status::InvalidArgument("password: must not be the name part of your email address");
  }
  return Status::Ok();
}

}  // namespace hearth::security
