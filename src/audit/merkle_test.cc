#include "hearth/audit/merkle.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

namespace hearth::audit {
namespace {

Hash H(std::string_view hex) {
  std::optional<Hash> h = HashFromHex(hex);
  EXPECT_TRUE(h.has_value()) << hex;
  return h.value_or(Hash{});
}

std::string Bytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

// The Certificate Transparency reference inputs (RFC 6962 test vectors of
// google/certificate-transparency, merkle_tree_test.cc) and their roots.
const std::vector<std::string> kCtLeaves = {
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
const std::vector<std::string> kCtRoots = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",  // empty
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

std::vector<Hash> CtLeafHashes() {
  std::vector<Hash> out;
  for (const std::string& hex : kCtLeaves) out.push_back(LeafHash(Bytes(hex)));
  return out;
}

// An independent MTH and PATH written straight from RFC 6962 2.1 over byte
// strings, hashing with crypto_hash_sha256 on the concatenation.
std::string Sha(const std::string& data) {
  unsigned char d[32];
  crypto_hash_sha256(d, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return std::string(reinterpret_cast<char*>(d), 32);
}
std::string RefMth(const std::vector<std::string>& d, size_t lo, size_t hi) {
  size_t n = hi - lo;
  if (n == 0) return Sha("");
  if (n == 1) return Sha(std::string(1, '\0') + d[lo]);
  size_t k = 1;
  while (k * 2 < n) k *= 2;
  return Sha(std::string(1, '\1') + RefMth(d, lo, lo + k) + RefMth(d, lo + k, hi));
}
std::vector<std::string> RefPath(size_t m, const std::vector<std::string>& d, size_t lo, size_t hi) {
  size_t n = hi - lo;
  if (n <= 1) return {};
  size_t k = 1;
  while (k * 2 < n) k *= 2;
  std::vector<std::string> p;
  if (m < k) {
    p = RefPath(m, d, lo, lo + k);
    p.push_back(RefMth(d, lo + k, hi));
  } else {
    p = RefPath(m - k, d, lo + k, hi);
    p.push_back(RefMth(d, lo, lo + k));
  }
  return p;
}
std::string Raw(const Hash& h) { return std::string(reinterpret_cast<const char*>(h.data()), h.size()); }

std::vector<std::string> Data(size_t n) {
  std::vector<std::string> d;
  for (size_t i = 0; i < n; ++i) d.push_back("entry " + std::to_string(i) + std::string(i % 5, 'x'));
  return d;
}
std::vector<Hash> Leaves(const std::vector<std::string>& d) {
  std::vector<Hash> out;
  for (const std::string& s : d) out.push_back(LeafHash(s));
  return out;
}

TEST(Merkle, EmptyTreeIsSha256OfNothing) {
  EXPECT_EQ(ToHex(RootOf({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(Frontier().Root()), kCtRoots[0]);
}

TEST(Merkle, CertificateTransparencyRoots) {
  std::vector<Hash> leaves = CtLeafHashes();
  for (size_t n = 0; n <= leaves.size(); ++n) {
    EXPECT_EQ(ToHex(RootOf(std::span<const Hash>(leaves).first(n))), kCtRoots[n]) << "size " << n;
  }
}

TEST(Merkle, CertificateTransparencyInclusionProofs) {
  std::vector<Hash> leaves = CtLeafHashes();
  struct Vector {
    uint64_t index;  // 0-based (the reference numbers leaves from 1).
    uint64_t size;
    std::vector<std::string> path;
  };
  const std::vector<Vector> vectors = {
      {0, 8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {5, 8,
       {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2, 3, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
      {1, 5,
       {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  for (const Vector& v : vectors) {
    std::span<const Hash> tree = std::span<const Hash>(leaves).first(v.size);
    std::vector<Hash> path = InclusionProof(tree, v.index);
    std::vector<std::string> got;
    for (const Hash& h : path) got.push_back(ToHex(h));
    EXPECT_EQ(got, v.path) << "leaf " << v.index << " of " << v.size;
    EXPECT_TRUE(VerifyInclusion(leaves[v.index], v.index, v.size, path, H(kCtRoots[v.size])));
  }
}

TEST(Merkle, RootOfMatchesTheRfcDefinitionForSizesUpTo70) {
  std::vector<std::string> data = Data(70);
  std::vector<Hash> leaves = Leaves(data);
  for (size_t n = 0; n <= 70; ++n) {
    EXPECT_EQ(Raw(RootOf(std::span<const Hash>(leaves).first(n))), RefMth(data, 0, n)) << "size " << n;
  }
}

TEST(Merkle, InclusionProofsRoundTripForEveryIndexUpTo40) {
  std::vector<std::string> data = Data(40);
  std::vector<Hash> all = Leaves(data);
  for (uint64_t n = 1; n <= 40; ++n) {
    std::span<const Hash> leaves = std::span<const Hash>(all).first(n);
    Hash root = RootOf(leaves);
    for (uint64_t i = 0; i < n; ++i) {
      std::vector<Hash> proof = InclusionProof(leaves, i);
      std::vector<std::string> ref = RefPath(i, data, 0, n);
      ASSERT_EQ(proof.size(), ref.size()) << i << " of " << n;
      for (size_t j = 0; j < ref.size(); ++j) EXPECT_EQ(Raw(proof[j]), ref[j]) << i << " of " << n;
      EXPECT_TRUE(VerifyInclusion(leaves[i], i, n, proof, root)) << i << " of " << n;

      // Another leaf, index, size or root fails.
      EXPECT_FALSE(VerifyInclusion(LeafHash("forged"), i, n, proof, root));
      if (n > 1) {
        EXPECT_FALSE(VerifyInclusion(leaves[i], (i + 1) % n, n, proof, root)) << i << " of " << n;
        EXPECT_FALSE(VerifyInclusion(leaves[(i + 1) % n], i, n, proof, root)) << i << " of " << n;
      }
      EXPECT_FALSE(VerifyInclusion(leaves[i], n, n, proof, root));  // Index out of range.
      EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, proof, LeafHash("other root")));
      // Each proof hash flipped, one dropped, one added.
      for (size_t j = 0; j < proof.size(); ++j) {
        std::vector<Hash> bad = proof;
        bad[j][7] ^= 0x20;
        EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, bad, root)) << i << " of " << n << " hash " << j;
      }
      if (!proof.empty()) {
        std::vector<Hash> shorter(proof.begin(), proof.end() - 1);
        EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, shorter, root));
      }
      std::vector<Hash> longer = proof;
      longer.push_back(root);
      EXPECT_FALSE(VerifyInclusion(leaves[i], i, n, longer, root));
    }
  }
}

TEST(Merkle, LeafAndNodeHashesAreDomainSeparated) {
  Hash a = LeafHash("a");
  Hash b = LeafHash("b");
  // A node is not the leaf of its children's concatenation.
  EXPECT_NE(NodeHash(a, b), LeafHash(Raw(a) + Raw(b)));
  EXPECT_NE(NodeHash(a, b), NodeHash(b, a));
}

TEST(Merkle, HexRoundTripAndRejects) {
  Hash h = LeafHash("x");
  EXPECT_EQ(HashFromHex(ToHex(h)), h);
  std::string upper = ToHex(h);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(HashFromHex(upper), h);
  EXPECT_FALSE(HashFromHex(""));
  EXPECT_FALSE(HashFromHex(ToHex(h).substr(1)));
  EXPECT_FALSE(HashFromHex(ToHex(h) + "0"));
  std::string bad = ToHex(h);
  bad[10] = 'g';
  EXPECT_FALSE(HashFromHex(bad));
  bad[10] = '-';
  EXPECT_FALSE(HashFromHex(bad));
}

TEST(Frontier, RootEqualsRootOfAfterEveryAppendAndEncodeRoundTrips) {
  std::vector<std::string> data = Data(130);
  std::vector<Hash> leaves = Leaves(data);
  Frontier f;
  EXPECT_EQ(f.Encode(), "0:");
  for (size_t n = 1; n <= leaves.size(); ++n) {
    f.Append(leaves[n - 1]);
    ASSERT_EQ(f.size(), n);
    ASSERT_EQ(f.Root(), RootOf(std::span<const Hash>(leaves).first(n))) << "size " << n;
    std::optional<Frontier> back = Frontier::Decode(f.Encode());
    ASSERT_TRUE(back.has_value()) << f.Encode();
    EXPECT_EQ(back->size(), n);
    EXPECT_EQ(back->Root(), f.Root());
    EXPECT_EQ(back->Encode(), f.Encode());
  }
  // A decoded frontier keeps extending correctly.
  Frontier g = *Frontier::Decode(Frontier().Encode());
  for (size_t n = 0; n < 37; ++n) {
    g = *Frontier::Decode(g.Encode());
    g.Append(leaves[n]);
  }
  EXPECT_EQ(g.Root(), RootOf(std::span<const Hash>(leaves).first(37)));
}

TEST(Frontier, DecodeRejectsMalformedText) {
  Frontier f;
  for (int i = 0; i < 5; ++i) f.Append(LeafHash(std::to_string(i)));  // 5 = 101b: two nodes.
  std::string good = f.Encode();
  ASSERT_TRUE(Frontier::Decode(good));
  EXPECT_FALSE(Frontier::Decode(""));
  EXPECT_FALSE(Frontier::Decode("5"));
  EXPECT_FALSE(Frontier::Decode(":" + good.substr(2)));
  EXPECT_FALSE(Frontier::Decode("7" + good.substr(1)));  // 7 needs three nodes.
  EXPECT_FALSE(Frontier::Decode("4" + good.substr(1)));  // 4 needs one.
  EXPECT_FALSE(Frontier::Decode(good + ","));
  EXPECT_FALSE(Frontier::Decode(good.substr(0, good.size() - 1)));
  EXPECT_FALSE(Frontier::Decode("x:"));
  EXPECT_FALSE(Frontier::Decode("-1:"));
  EXPECT_TRUE(Frontier::Decode("0:"));
}

}  // namespace
}  // namespace hearth::audit
