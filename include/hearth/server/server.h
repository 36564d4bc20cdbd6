// hearth's HTTP JSON API (docs/api.md): every resource under /api/v1, an
// OpenAPI 3.1 document at /api/v1/openapi.json generated from the same route
// table the server dispatches on, errors as RFC 9457 problem details.
//
// One Server owns its Store (one SQLite file shared with the CLI), the audit
// log and the reference catalogue. Sessions live in the Store, so a restart
// keeps everyone signed in and several servers may share one database.
//
// Thread safety: Run() serves requests on a pool of threads; Stop() may be
// called from any thread (or a signal-watching thread).
#ifndef HEARTH_SERVER_SERVER_H_
#define HEARTH_SERVER_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "hearth/result.h"
#include "hearth/security/password.h"
#include "hearth/service/catalog.h"

namespace hearth::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;            // 0: any free port (see Server::port()).
  std::string database;       // SQLite path (the audit key files sit beside it).
  std::string tls_cert;       // Both set: HTTPS through OpenSSL.
  std::string tls_key;
  std::string web_dir;        // Static files of the web app served at "/"; empty: none.
  size_t max_body_bytes = size_t{1} << 20;  // Larger bodies: 413.
  int max_json_depth = 32;                  // Deeper JSON: 400.
  int64_t session_idle_s = 30 * 60;
  int64_t session_absolute_s = 12 * 3600;
  security::PasswordCost password_cost;     // Never below kMinimumPasswordCost.
  // Worker threads. cpp-httplib holds a thread per open keep-alive
  // connection, so this bounds the connections served at once; idle ones
  // only wait in poll().
  int threads = 64;
  // Plans solved at once (each keeps a core busy for seconds); 0: one per
  // core. A plan request waits up to `solve_wait_s` for its turn, then gets
  // 503 with Retry-After instead of piling up.
  int max_concurrent_solves = 0;
  int solve_wait_s = 30;
};

class Server {
 public:
  // Opens the store and the audit log, loads the common-password list from
  // the catalogue's data directory. `catalog` must outlive the server.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options, const Catalog& catalog);
  virtual ~Server() = default;

  // Binds the listening socket; returns the port (the chosen one when
  // options.port is 0). Unavailable when the address is taken.
  virtual Result<int> Bind() = 0;
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  virtual Status Run() = 0;
  virtual void Stop() = 0;

  // Seeds demo accounts, a household, a nutritionist with consent, the demo
  // market and a pantry (docs/api.md, "Demo"). Returns the lines to print
  // (accounts and passwords). FailedPrecondition when the database already
  // has accounts other than the demo ones.
  virtual Result<std::string> SeedDemo() = 0;
};

}  // namespace hearth::server

#endif  // HEARTH_SERVER_SERVER_H_
