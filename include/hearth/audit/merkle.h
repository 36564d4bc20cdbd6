// Merkle tree hashing of RFC 6962 (Certificate Transparency), section 2.1:
// SHA-256, leaf = H(0x00 || data), node = H(0x01 || left || right), the tree
// over n leaves split at the largest power of two below n.
//
// Thread safety: pure functions.
#ifndef HEARTH_AUDIT_MERKLE_H_
#define HEARTH_AUDIT_MERKLE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::audit {

using Hash = std::array<uint8_t, 32>;

Hash LeafHash(std::string_view data);
Hash NodeHash(const Hash& left, const Hash& right);
// MTH of RFC 6962 over leaf hashes; the hash of the empty string for none.
Hash RootOf(std::span<const Hash> leaves);
// PATH(index, leaves) of RFC 6962 2.1.1. REQUIRES: index < leaves.size().
std::vector<Hash> InclusionProof(std::span<const Hash> leaves, uint64_t index);
// RFC 9162 2.1.3.2: true when `proof` shows `leaf` at `index` in the tree of
// `size` leaves with root `root`.
bool VerifyInclusion(const Hash& leaf, uint64_t index, uint64_t size, std::span<const Hash> proof, const Hash& root);

std::string ToHex(const Hash& h);
std::optional<Hash> HashFromHex(std::string_view hex);

// The right edge of a tree: enough to append leaves and compute the root
// without the earlier leaves (one hash per set bit of the size).
class Frontier {
 public:
  void Append(const Hash& leaf);
  uint64_t size() const { return size_; }
  Hash Root() const;  // Equal to RootOf(all leaves appended).
  std::string Encode() const;  // Hex, for TreeHead::frontier.
  static std::optional<Frontier> Decode(std::string_view text);

 private:
  uint64_t size_ = 0;
  std::vector<Hash> nodes_;  // Roots of the perfect subtrees, largest first.
};

}  // namespace hearth::audit

#endif  // HEARTH_AUDIT_MERKLE_H_
