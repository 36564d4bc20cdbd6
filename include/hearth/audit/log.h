// The tamper-evident audit log (docs/audit.md): entries in the Store, a Merkle
// tree over them (merkle.h) and an Ed25519-signed tree head after every
// append. The signing key lives in a file beside the database, never in it;
// the latest head is also written to a witness file, so cutting entries off
// the end is detected too.
//
// What a leaf holds: the canonical JSON of the entry ({"seq", "at", "actor",
// "subject", "event", "object", "details"}, keys in that order, details
// re-serialised compactly). What a head signs: the ASCII text
// "hearth-audit-v1\n<tree_size>\n<root hex>\n<at>\n".
//
// Thread safety: an AuditLog may be shared by threads (the Store serialises
// appends; the key is read-only).
#ifndef HEARTH_AUDIT_LOG_H_
#define HEARTH_AUDIT_LOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/audit/merkle.h"
#include "hearth/result.h"
#include "hearth/storage/store.h"

namespace hearth::audit {

std::string LeafData(const storage::AuditEntry& entry);
std::string SignedHeadText(int64_t tree_size, const Hash& root, std::string_view at);

struct KeyFiles {
  std::string secret_key;  // "<db>.audit-key": hex Ed25519 secret key, mode 0600.
  std::string public_key;  // "<db>.audit-key.pub": hex public key.
  std::string witness;     // "<db>.audit-head": the latest signed head, JSON.
};
// `database_path` may carry the store's "sqlite:" prefix.
KeyFiles KeyFilesFor(const std::string& database_path);

class AuditLog {
 public:
  // Loads the key pair, creating it (0600) when absent. Unavailable /
  // InvalidArgument naming the file; FailedPrecondition when the secret key is
  // missing but the log already has signed heads or the public key exists.
  static Result<AuditLog> Open(storage::Store& store, const KeyFiles& files);

  // Appends one entry (seq and at are filled in), signs the new head, updates
  // the witness file. `details` must be a JSON object (InvalidArgument).
  Result<storage::AuditEntry> Append(std::string_view actor, std::string_view subject, std::string_view event,
                                     std::string_view object, std::string_view details = "{}");

  const std::string& public_key_hex() const { return public_key_hex_; }

  struct Proof {
    storage::AuditEntry entry;
    std::vector<Hash> path;  // Inclusion proof in the tree of `head`.
  };
  // The entries of `pseudonym` with inclusion proofs against the latest head
  // (tree_size 0 and no entries for an empty log). FailedPrecondition when
  // the entries no longer match that head.
  Result<std::pair<storage::TreeHead, std::vector<Proof>>> EntriesFor(std::string_view pseudonym);

 private:
  AuditLog(storage::Store* store, KeyFiles files, std::string secret, std::string public_key_hex)
      : store_(store), files_(std::move(files)), secret_key_(std::move(secret)),
        public_key_hex_(std::move(public_key_hex)) {}
  storage::Store* store_;
  KeyFiles files_;
  std::string secret_key_;  // Raw 64 bytes.
  std::string public_key_hex_;
};

// Checks the whole log: every head's signature (with the public key), every
// head's root against the entries, each entry against the signed heads on
// either side of it, seqs contiguous from 0, the latest head covering every
// entry, and the witness file signed, not ahead of the log nor disagreeing
// with it (a missing witness is a problem once the log has heads; nullopt
// skips the witness). Each problem is one line naming the seq or tree size.
// InvalidArgument when the public key is not 64 hex digits; Store errors as
// they come.
struct VerifyReport {
  int64_t entries = 0;
  int64_t heads = 0;
  std::vector<std::string> problems;
  bool ok() const { return problems.empty(); }
};
Result<VerifyReport> VerifyLog(storage::Store& store, const std::string& public_key_hex,
                               const std::optional<std::string>& witness_path);

}  // namespace hearth::audit

#endif  // HEARTH_AUDIT_LOG_H_
