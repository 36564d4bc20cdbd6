#include "hearth/audit/merkle.h"

#include <sodium.h>

#include <bit>
#include <charconv>

#include "audit/sodium_init.h"

namespace hearth::audit {
namespace {

Hash Finish(crypto_hash_sha256_state& state) {
  Hash h;
  crypto_hash_sha256_final(&state, h.data());
  return h;
}

// The largest power of two smaller than n (n >= 2).
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

}  // namespace

Hash LeafHash(std::string_view data) {
  EnsureSodium();
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  const unsigned char prefix = 0x00;
  crypto_hash_sha256_update(&state, &prefix, 1);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return Finish(state);
}

Hash NodeHash(const Hash& left, const Hash& right) {
  EnsureSodium();
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  const unsigned char prefix = 0x01;
  crypto_hash_sha256_update(&state, &prefix, 1);
  crypto_hash_sha256_update(&state, left.data(), left.size());
  crypto_hash_sha256_update(&state, right.data(), right.size());
  return Finish(state);
}

Hash RootOf(std::span<const Hash> leaves) {
  if (leaves.empty()) {
    EnsureSodium();
    Hash h;
    crypto_hash_sha256(h.data(), nullptr, 0);
    return h;
  }
  if (leaves.size() == 1) return leaves[0];
  uint64_t k = SplitPoint(leaves.size());
  return NodeHash(RootOf(leaves.first(k)), RootOf(leaves.subspan(k)));
}

std::vector<Hash> InclusionProof(std::span<const Hash> leaves, uint64_t index) {
  std::vector<Hash> path;
  // PATH(m, D[n]) recurses into the half holding m and appends the other
  // half's root; collected leaf-side first, as RFC 6962 orders it.
  std::vector<Hash> reversed;
  while (leaves.size() > 1) {
    uint64_t k = SplitPoint(leaves.size());
    if (index < k) {
      reversed.push_back(RootOf(leaves.subspan(k)));
      leaves = leaves.first(k);
    } else {
      reversed.push_back(RootOf(leaves.first(k)));
      leaves = leaves.subspan(k);
      index -= k;
    }
  }
  path.assign(reversed.rbegin(), reversed.rend());
  return path;
}

bool VerifyInclusion(const Hash& leaf, uint64_t index, uint64_t size, std::span<const Hash> proof, const Hash& root) {
  if (index >= size) return false;
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      r = NodeHash(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

std::string ToHex(const Hash& h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(64, '0');
  for (size_t i = 0; i < h.size(); ++i) {
    out[2 * i] = kDigits[h[i] >> 4];
    out[2 * i + 1] = kDigits[h[i] & 0xF];
  }
  return out;
}

std::optional<Hash> HashFromHex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  Hash h;
  for (size_t i = 0; i < 32; ++i) {
    uint8_t byte = 0;
    auto [end, ec] = std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, byte, 16);
    if (ec != std::errc() || end != hex.data() + 2 * i + 2) return std::nullopt;
    h[i] = byte;
  }
  return h;
}

void Frontier::Append(const Hash& leaf) {
  Hash h = leaf;
  // Each trailing one bit of the size is a perfect subtree of the same height
  // as the one being carried: merge them.
  for (uint64_t s = size_; (s & 1) == 1; s >>= 1) {
    h = NodeHash(nodes_.back(), h);
    nodes_.pop_back();
  }
  nodes_.push_back(h);
  ++size_;
}

Hash Frontier::Root() const {
  if (nodes_.empty()) return RootOf({});
  Hash r = nodes_.back();
  for (size_t i = nodes_.size() - 1; i-- > 0;) r = NodeHash(nodes_[i], r);
  return r;
}

std::string Frontier::Encode() const {
  std::string out = std::to_string(size_) + ":";
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (i) out += ',';
    out += ToHex(nodes_[i]);
  }
  return out;
}

std::optional<Frontier> Frontier::Decode(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  Frontier f;
  auto [end, ec] = std::from_chars(text.data(), text.data() + colon, f.size_);
  if (ec != std::errc() || end != text.data() + colon) return std::nullopt;
  std::string_view rest = text.substr(colon + 1);
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::optional<Hash> h = HashFromHex(rest.substr(0, comma));
    if (!h) return std::nullopt;
    f.nodes_.push_back(*h);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
    if (rest.empty()) return std::nullopt;  // Trailing comma.
  }
  if (f.nodes_.size() != static_cast<size_t>(std::popcount(f.size_))) return std::nullopt;
  return f;
}

}  // namespace hearth::audit
