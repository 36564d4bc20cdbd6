// hearth audit verify: checks the tamper-evident audit log of the database
// (docs/audit.md) with the public key and witness files beside it, or ones
// kept elsewhere.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli.h"
#include "hearth/audit/log.h"

namespace hearth::cli {
namespace {

struct AuditOptions {
  std::string db;
  std::string public_key_file;  // Default: the .audit-key.pub beside the database.
  std::string witness_file;     // Default: the .audit-head beside the database.
};

[[noreturn]] void AuditFail(const std::string& message) {
  throw CommandError{kExitFailure, "hearth audit verify: " + message};
}

void RunVerify(const AuditOptions& o) {
  if (!o.db.empty()) Globals().db = o.db;
  const std::string url = DatabaseUrl();
  storage::Store& store = GetStore();
  audit::KeyFiles files = audit::KeyFilesFor(url);
  const std::string key_path = o.public_key_file.empty() ? files.public_key : o.public_key_file;
  const std::string witness = o.witness_file.empty() ? files.witness : o.witness_file;

  std::string public_key;
  std::ifstream in(key_path);
  if (in) {
    std::stringstream ss;
    ss << in.rdbuf();
    public_key = ss.str();
  } else {
    Result<std::optional<storage::TreeHead>> latest = store.LatestTreeHead();
    if (!latest.ok()) AuditFail(latest.status().message());
    if (!*latest) {
      std::cout << "audit log: 0 entries, 0 signed heads, verified (no audit key yet)\n";
      return;
    }
    AuditFail(key_path + ": cannot be read; the audit log's signed heads need its public key (--public-key FILE)");
  }
  Result<audit::VerifyReport> report = audit::VerifyLog(store, public_key, witness);
  if (!report.ok()) AuditFail(key_path + ": " + report.status().message());
  if (report->ok()) {
    std::cout << "audit log: " << report->entries << " entries, " << report->heads << " signed heads, verified\n";
    return;
  }
  std::string message = std::to_string(report->problems.size()) + " problem" +
                        (report->problems.size() == 1 ? "" : "s") + " in the audit log of " + url + " (" +
                        std::to_string(report->entries) + " entries, " + std::to_string(report->heads) +
                        " signed heads):";
  for (const std::string& p : report->problems) message += "\n  " + p;
  AuditFail(message);
}

}  // namespace

void RegisterAuditCommands(CLI::App& app) {
  CLI::App* audit = app.add_subcommand("audit", "The tamper-evident audit log (docs/audit.md)");
  audit->require_subcommand(1);
  auto o = std::make_shared<AuditOptions>();
  CLI::App* verify = audit->add_subcommand(
      "verify", "Check every entry and signed head of the audit log; exit 1 naming each problem");
  verify->add_option("--db", o->db, "The database (default: the global --db, $HEARTH_DB or the default path)");
  verify->add_option("--public-key", o->public_key_file,
                     "The audit public key file (default: <db>.audit-key.pub); use a copy kept elsewhere");
  verify->add_option("--witness", o->witness_file,
                     "The latest signed head, JSON (default: <db>.audit-head); use a copy kept elsewhere");
  verify->callback([o] { RunVerify(*o); });
}

}  // namespace hearth::cli
