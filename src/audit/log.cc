#include "hearth/audit/log.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "audit/sodium_init.h"

namespace hearth::audit {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

std::string BytesToHex(const unsigned char* data, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

// Exactly `size` bytes from hex (either case), or nullopt.
std::optional<std::string> HexToBytes(std::string_view hex, size_t size) {
  if (hex.size() != size * 2) return std::nullopt;
  std::string out(size, '\0');
  size_t written = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), size, hex.data(), hex.size(), nullptr, &written,
                     &end) != 0 ||
      written != size || end != hex.data() + hex.size()) {
    return std::nullopt;
  }
  return out;
}

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  return s.substr(start);
}

// The whole file, nullopt when it does not exist; Unavailable otherwise.
Result<std::optional<std::string>> ReadFile(const std::string& path) {
  if (::access(path.c_str(), F_OK) != 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return Status::Unavailable(path + ": cannot be read: " + std::strerror(errno));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Unavailable(path + ": cannot be opened for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::Unavailable(path + ": read error");
  return std::optional<std::string>(ss.str());
}

// Writes `text` to a temporary file beside `path` with `mode`, then moves it
// into place: with rename (replacing) or, when !replace, with link (failing
// with AlreadyExists when `path` exists, so two writers cannot both win).
Status WriteAtomically(const std::string& path, std::string_view text, mode_t mode, bool replace) {
  std::string tmp = path + ".tmp." + std::to_string(getpid()) + "." + std::to_string(randombytes_random());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return Status::Unavailable(tmp + ": cannot be created: " + std::strerror(errno));
  ::fchmod(fd, mode);  // Whatever the umask.
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string err = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::Unavailable(tmp + ": write failed: " + err);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string err = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Status::Unavailable(tmp + ": cannot be written: " + err);
  }
  int rc = replace ? ::rename(tmp.c_str(), path.c_str()) : ::link(tmp.c_str(), path.c_str());
  int err = errno;
  if (!replace || rc != 0) ::unlink(tmp.c_str());
  if (rc != 0) {
    if (err == EEXIST) return Status::AlreadyExists(path + ": already exists");
    return Status::Unavailable(path + ": cannot be written: " + std::strerror(err));
  }
  return Status::Ok();
}

std::string Sign(const std::string& secret_key, std::string_view text) {
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       reinterpret_cast<const unsigned char*>(secret_key.data()));
  return BytesToHex(sig, sizeof sig);
}

bool SignatureValid(const std::string& public_key, std::string_view text, std::string_view signature_hex) {
  std::optional<std::string> sig = HexToBytes(signature_hex, crypto_sign_BYTES);
  if (!sig) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                     reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

std::string WitnessJson(const storage::TreeHead& head) {
  ordered_json j;
  j["tree_size"] = head.tree_size;
  j["root_hash"] = head.root_hash;
  j["at"] = head.at;
  j["signature"] = head.signature;
  return j.dump(2) + "\n";
}

// UTF-8 validity, as the JSON writer needs it.
bool ValidUtf8(std::string_view s) {
  try {
    (void)json(std::string(s)).dump();
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

std::string Short(const std::string& hex) { return hex.substr(0, 16); }

}  // namespace

std::string LeafData(const storage::AuditEntry& entry) {
  ordered_json j;
  j["seq"] = entry.seq;
  j["at"] = entry.at;
  j["actor"] = entry.actor;
  j["subject"] = entry.subject;
  j["event"] = entry.event;
  j["object"] = entry.object;
  json details = json::parse(entry.details, nullptr, /*allow_exceptions=*/false);
  // Details that are not JSON (a damaged row) are kept as a string, so the
  // leaf still differs from the one that was signed.
  if (details.is_discarded()) {
    j["details"] = entry.details;
  } else {
    j["details"] = details;
  }
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string SignedHeadText(int64_t tree_size, const Hash& root, std::string_view at) {
  return "hearth-audit-v1\n" + std::to_string(tree_size) + "\n" + ToHex(root) + "\n" + std::string(at) + "\n";
}

KeyFiles KeyFilesFor(const std::string& database_path) {
  std::string path = database_path;
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  return KeyFiles{path + ".audit-key", path + ".audit-key.pub", path + ".audit-head"};
}

Result<AuditLog> AuditLog::Open(storage::Store& store, const KeyFiles& files) {
  EnsureSodium();
  HEARTH_ASSIGN_OR_RETURN(std::optional<std::string> secret_text, ReadFile(files.secret_key));
  std::string secret;
  if (!secret_text) {
    // No key yet. Refuse to make one for a log that already has signed heads
    // or when only the public key is left: the old heads would no longer verify.
    HEARTH_ASSIGN_OR_RETURN(std::optional<storage::TreeHead> latest, store.LatestTreeHead());
    if (latest) {
      return Status::FailedPrecondition(files.secret_key + ": missing, but the audit log already has " +
                                        std::to_string(latest->tree_size) +
                                        " signed entries; restore the key file (a new key could not continue it)");
    }
    HEARTH_ASSIGN_OR_RETURN(std::optional<std::string> pub_text, ReadFile(files.public_key));
    if (pub_text) {
      return Status::FailedPrecondition(files.secret_key + ": missing, but " + files.public_key +
                                        " exists; restore the key file or remove both");
    }
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    std::string sk_hex = BytesToHex(sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    Status written = WriteAtomically(files.secret_key, sk_hex + "\n", 0600, /*replace=*/false);
    sodium_memzero(sk_hex.data(), sk_hex.size());
    if (written.code() == StatusCode::kAlreadyExists) {
      return Open(store, files);  // Another process made it first: use theirs.
    }
    HEARTH_RETURN_IF_ERROR(written);
    HEARTH_ASSIGN_OR_RETURN(secret_text, ReadFile(files.secret_key));
    if (!secret_text) return Status::Unavailable(files.secret_key + ": vanished after it was written");
  }
  std::optional<std::string> sk = HexToBytes(Trimmed(*secret_text), crypto_sign_SECRETKEYBYTES);
  sodium_memzero(secret_text->data(), secret_text->size());
  if (!sk) {
    return Status::InvalidArgument(files.secret_key + ": not an audit signing key (expected " +
                                   std::to_string(crypto_sign_SECRETKEYBYTES * 2) + " hex digits)");
  }
  secret = std::move(*sk);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_ed25519_sk_to_pk(pk, reinterpret_cast<const unsigned char*>(secret.data()));
  std::string pk_hex = BytesToHex(pk, sizeof pk);

  HEARTH_ASSIGN_OR_RETURN(std::optional<std::string> pub_text, ReadFile(files.public_key));
  if (pub_text) {
    if (Trimmed(*pub_text) != pk_hex) {
      return Status::InvalidArgument(files.public_key + ": does not match the signing key in " + files.secret_key);
    }
  } else {
    Status written = WriteAtomically(files.public_key, pk_hex + "\n", 0644, /*replace=*/false);
    if (!written.ok() && written.code() != StatusCode::kAlreadyExists) return written;
  }
  return AuditLog(&store, files, std::move(secret), std::move(pk_hex));
}

Result<storage::AuditEntry> AuditLog::Append(std::string_view actor, std::string_view subject, std::string_view event,
                                             std::string_view object, std::string_view details) {
  json parsed = json::parse(details, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Status::InvalidArgument("audit entry " + std::string(event) + ": details must be a JSON object, not \"" +
                                   std::string(details.substr(0, 80)) + "\"");
  }
  for (std::string_view field : {actor, subject, event, object}) {
    if (!ValidUtf8(field)) {
      return Status::InvalidArgument("audit entry " + std::string(event) + ": \"" + std::string(field) +
                                     "\" is not valid UTF-8");
    }
  }
  storage::AuditEntry entry;
  entry.at = UtcNow();
  entry.actor = std::string(actor);
  entry.subject = std::string(subject);
  entry.event = std::string(event);
  entry.object = std::string(object);
  entry.details = parsed.dump();

  storage::TreeHead signed_head;
  auto next_head = [&](const std::optional<storage::TreeHead>& latest,
                       const storage::AuditEntry& e) -> Result<storage::TreeHead> {
    std::optional<Frontier> frontier = latest ? Frontier::Decode(latest->frontier) : Frontier();
    if (!frontier) {
      return Status::FailedPrecondition("audit log: the tree head of size " + std::to_string(latest->tree_size) +
                                        " has an unreadable frontier; run `hearth audit verify`");
    }
    if (frontier->size() != static_cast<uint64_t>(e.seq)) {
      return Status::FailedPrecondition("audit log: the latest tree head covers " + std::to_string(frontier->size()) +
                                        " entries but the next entry is seq " + std::to_string(e.seq) +
                                        "; run `hearth audit verify`");
    }
    frontier->Append(LeafHash(LeafData(e)));
    Hash root = frontier->Root();
    storage::TreeHead head;
    head.tree_size = e.seq + 1;
    head.root_hash = ToHex(root);
    head.at = e.at;
    head.signature = Sign(secret_key_, SignedHeadText(head.tree_size, root, head.at));
    head.frontier = frontier->Encode();
    signed_head = head;
    return head;
  };
  HEARTH_ASSIGN_OR_RETURN(storage::AuditEntry appended, store_->AppendAudit(std::move(entry), next_head));

  // The witness only moves forward: a slower process must not put back an
  // older head.
  HEARTH_ASSIGN_OR_RETURN(std::optional<std::string> old, ReadFile(files_.witness));
  if (old) {
    json w = json::parse(*old, nullptr, false);
    if (!w.is_discarded() && w.is_object() && w.contains("tree_size") && w["tree_size"].is_number_integer() &&
        w["tree_size"].get<int64_t>() >= signed_head.tree_size) {
      return appended;
    }
  }
  HEARTH_RETURN_IF_ERROR(WriteAtomically(files_.witness, WitnessJson(signed_head), 0644, /*replace=*/true));
  return appended;
}

Result<std::pair<storage::TreeHead, std::vector<AuditLog::Proof>>> AuditLog::EntriesFor(std::string_view pseudonym) {
  HEARTH_ASSIGN_OR_RETURN(std::optional<storage::TreeHead> latest, store_->LatestTreeHead());
  std::pair<storage::TreeHead, std::vector<Proof>> out;
  if (!latest) {
    out.first.root_hash = ToHex(RootOf({}));
    return out;
  }
  out.first = *latest;
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::AuditEntry> all, store_->ListAudit(0, latest->tree_size));
  std::vector<Hash> leaves;
  leaves.reserve(all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].seq != static_cast<int64_t>(i)) {
      return Status::FailedPrecondition("audit log: entry seq " + std::to_string(i) +
                                        " is missing; run `hearth audit verify`");
    }
    leaves.push_back(LeafHash(LeafData(all[i])));
  }
  if (static_cast<int64_t>(leaves.size()) != latest->tree_size || ToHex(RootOf(leaves)) != latest->root_hash) {
    return Status::FailedPrecondition("audit log: the entries do not match the tree head of size " +
                                      std::to_string(latest->tree_size) + "; run `hearth audit verify`");
  }
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::AuditEntry> mine, store_->ListAuditFor(pseudonym));
  for (storage::AuditEntry& e : mine) {
    if (e.seq >= latest->tree_size) continue;  // Appended after the head was read.
    Proof p;
    p.path = InclusionProof(leaves, static_cast<uint64_t>(e.seq));
    p.entry = std::move(e);
    out.second.push_back(std::move(p));
  }
  return out;
}

Result<VerifyReport> VerifyLog(storage::Store& store, const std::string& public_key_hex,
                               const std::optional<std::string>& witness_path) {
  EnsureSodium();
  std::optional<std::string> pk = HexToBytes(Trimmed(public_key_hex), crypto_sign_PUBLICKEYBYTES);
  if (!pk) {
    return Status::InvalidArgument("audit public key: expected " + std::to_string(crypto_sign_PUBLICKEYBYTES * 2) +
                                   " hex digits");
  }
  VerifyReport report;
  auto problem = [&](std::string line) { report.problems.push_back(std::move(line)); };

  // Every entry, by seq, hashed once.
  std::map<int64_t, Hash> leaf_by_seq;
  std::vector<Hash> leaves_in_order;
  constexpr int64_t kPage = 4096;
  int64_t expected = 0;
  for (int64_t from = 0;;) {
    HEARTH_ASSIGN_OR_RETURN(std::vector<storage::AuditEntry> page, store.ListAudit(from, kPage));
    for (const storage::AuditEntry& e : page) {
      if (e.seq != expected) {
        if (e.seq > expected) {
          problem(e.seq == expected + 1 ? "seq " + std::to_string(expected) + ": missing (the log jumps from seq " +
                                              std::to_string(expected - 1) + " to seq " + std::to_string(e.seq) + ")"
                                        : "seqs " + std::to_string(expected) + ".." + std::to_string(e.seq - 1) +
                                              ": missing (the log jumps from seq " + std::to_string(expected - 1) +
                                              " to seq " + std::to_string(e.seq) + ")");
        }
        expected = e.seq;
      }
      ++expected;
      Hash leaf = LeafHash(LeafData(e));
      leaf_by_seq[e.seq] = leaf;
      leaves_in_order.push_back(leaf);
      ++report.entries;
    }
    if (static_cast<int64_t>(page.size()) < kPage) break;
    from = page.back().seq + 1;
  }

  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::TreeHead> heads, store.ListTreeHeads());
  report.heads = static_cast<int64_t>(heads.size());

  // Each head: its signature, its stored frontier, and its root against the
  // entries as they are now (one running frontier over the rows: O(n)).
  struct Checked {
    bool trusted = false;  // Signature valid and frontier agrees with the signed root.
    Hash root{};
    std::optional<Frontier> frontier;
  };
  std::map<int64_t, Checked> by_size;
  Frontier running;
  size_t next_leaf = 0;
  std::vector<int64_t> diverged;  // Sizes whose signed root differs from the entries'.
  int64_t previous_size = 0;
  for (const storage::TreeHead& head : heads) {
    const std::string name = "head of size " + std::to_string(head.tree_size);
    for (int64_t s = previous_size + 1; s < head.tree_size; ++s) problem("head of size " + std::to_string(s) + ": missing");
    previous_size = head.tree_size;
    Checked c;
    std::optional<Hash> root = HashFromHex(head.root_hash);
    if (!root) {
      problem(name + ": root \"" + head.root_hash + "\" is not a hash");
      by_size[head.tree_size] = c;
      continue;
    }
    c.root = *root;
    bool signed_ok = SignatureValid(*pk, SignedHeadText(head.tree_size, *root, head.at), head.signature);
    if (!signed_ok) problem(name + ": the signature does not verify with the audit public key");
    c.frontier = Frontier::Decode(head.frontier);
    bool frontier_ok = c.frontier && c.frontier->size() == static_cast<uint64_t>(head.tree_size) &&
                       c.frontier->Root() == *root;
    if (!frontier_ok) problem(name + ": its stored frontier does not match its root");
    c.trusted = signed_ok && frontier_ok;
    by_size[head.tree_size] = c;

    while (next_leaf < leaves_in_order.size() && running.size() < static_cast<uint64_t>(head.tree_size)) {
      running.Append(leaves_in_order[next_leaf++]);
    }
    if (running.size() == static_cast<uint64_t>(head.tree_size) && running.Root() != *root) {
      diverged.push_back(head.tree_size);
    }
  }
  // One line per run of consecutive heads whose roots differ from the entries.
  for (size_t i = 0; i < diverged.size();) {
    size_t j = i;
    while (j + 1 < diverged.size() && diverged[j + 1] == diverged[j] + 1) ++j;
    std::string first = std::to_string(diverged[i]);
    if (i == j) {
      problem("head of size " + first + ": its root does not match the entries seq 0.." +
              std::to_string(diverged[i] - 1) + " as stored");
    } else {
      problem("heads of size " + first + ".." + std::to_string(diverged[j]) +
              ": their roots do not match the entries as stored (the first difference is at or before seq " +
              std::to_string(diverged[i] - 1) + ")");
    }
    i = j + 1;
  }

  // Each entry against the signed heads around it: the head of size seq
  // extended by this entry's leaf must give the signed root of size seq + 1.
  // This names the changed entries themselves, not only the first bad head.
  for (const auto& [seq, leaf] : leaf_by_seq) {
    auto after = by_size.find(seq + 1);
    if (after == by_size.end() || !after->second.trusted) continue;
    std::optional<Frontier> before;
    if (seq == 0) {
      before = Frontier();
    } else {
      auto b = by_size.find(seq);
      if (b == by_size.end() || !b->second.trusted) continue;
      before = b->second.frontier;
    }
    before->Append(leaf);
    if (before->Root() != after->second.root) {
      problem("seq " + std::to_string(seq) + ": the entry differs from the one the head of size " +
              std::to_string(seq + 1) + " signed (edited, reordered or replaced)");
    }
  }

  const int64_t latest_size = heads.empty() ? 0 : heads.back().tree_size;
  if (latest_size != report.entries) {
    problem("the latest head covers " + std::to_string(latest_size) + " entries but the log has " +
            std::to_string(report.entries));
  }

  if (witness_path) {
    HEARTH_ASSIGN_OR_RETURN(std::optional<std::string> text, ReadFile(*witness_path));
    const std::string w = "witness " + *witness_path;
    if (!text) {
      if (latest_size > 0) problem(w + ": missing, but the log has signed heads (was it deleted?)");
    } else {
      json j = json::parse(*text, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("tree_size") || !j["tree_size"].is_number_integer() ||
          !j.contains("root_hash") || !j["root_hash"].is_string() || !j.contains("at") || !j["at"].is_string() ||
          !j.contains("signature") || !j["signature"].is_string()) {
        problem(w + ": not a signed head (expected JSON with tree_size, root_hash, at and signature)");
      } else {
        int64_t size = j["tree_size"].get<int64_t>();
        std::string root_hex = j["root_hash"].get<std::string>();
        std::optional<Hash> root = HashFromHex(root_hex);
        if (!root || !SignatureValid(*pk, SignedHeadText(size, *root, j["at"].get<std::string>()),
                                     j["signature"].get<std::string>())) {
          problem(w + ": the head of size " + std::to_string(size) +
                  " it holds is not signed by the audit key");
        } else if (size > latest_size) {
          problem(w + ": holds a signed head of size " + std::to_string(size) + " but the log's latest head covers " +
                  std::to_string(latest_size) + " entries: " +
                  (size - 1 == latest_size ? "entry seq " + std::to_string(latest_size) + " was"
                                           : "entries seq " + std::to_string(latest_size) + ".." +
                                                 std::to_string(size - 1) + " were") +
                  " cut off the end");
        } else {
          auto it = by_size.find(size);
          if (it == by_size.end()) {
            problem(w + ": the log has no head of size " + std::to_string(size));
          } else if (it->second.root != *root) {
            problem(w + ": the head of size " + std::to_string(size) + " has root " + Short(root_hex) +
                    "… but the log's has " + Short(ToHex(it->second.root)) + "…");
          }
        }
      }
    }
  }
  return report;
}

}  // namespace hearth::audit
