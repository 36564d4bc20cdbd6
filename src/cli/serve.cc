// hearth serve [--host H] [--port P] [--demo] [--tls-cert F --tls-key F]
// The HTTP JSON API (docs/api.md) on the same database as the CLI.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/cli.h"
#include "hearth/server/server.h"

namespace hearth::cli {
namespace {

[[noreturn]] void ServeFail(const std::string& command, const Status& status) {
  throw CommandError{kExitFailure, "hearth " + command + ": " + status.message()};
}
[[noreturn]] void ServeUsageFail(const std::string& command, const std::string& message) {
  throw CommandError{kExitUsage, "hearth " + command + ": " + message + "\nUsage: hearth serve [OPTIONS] (see --help)"};
}

struct ServeOptions {
  server::ServerOptions server;
  bool demo = false;
};

void RunServe(ServeOptions o) {
  const std::string cmd = "serve";
  if (o.server.port < 0 || o.server.port > 65535) ServeUsageFail(cmd, "--port must be 0-65535 (0: any free port)");
  if (o.server.threads < 1 || o.server.threads > 256) ServeUsageFail(cmd, "--threads must be 1-256");
  std::string db = DatabaseUrl();
  if (db.rfind("sqlite:", 0) == 0) db = db.substr(7);
  o.server.database = db;
  // Block the stop signals in every thread; one thread waits for them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  const Catalog* catalog = &GetLibrary();
  Result<std::unique_ptr<server::Server>> s = server::Server::Create(o.server, *catalog);
  if (!s.ok()) ServeFail(cmd, s.status());
  if (o.demo) {
    Result<std::string> seeded = (*s)->SeedDemo();
    if (!seeded.ok()) ServeFail(cmd, seeded.status());
    std::cout << *seeded;
  }
  Result<int> port = (*s)->Bind();
  if (!port.ok()) ServeFail(cmd, port.status());
  const bool tls = !o.server.tls_cert.empty();
  std::cout << "hearth serve: listening on " << (tls ? "https" : "http") << "://" << o.server.host << ":" << *port
            << "/api/v1 (database " << db << "; Ctrl-C stops)" << std::endl;
  server::Server* srv = s->get();
  std::thread waiter([srv, stop] {
    int sig = 0;
    sigwait(&stop, &sig);
    srv->Stop();
  });
  Status run = srv->Run();
  // Run returned: wake the waiter if the server stopped by itself.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!run.ok()) ServeFail(cmd, run);
  std::cout << "hearth serve: stopped" << std::endl;
}

}  // namespace

void RegisterServeCommand(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the HTTP JSON API (docs/api.md) on the same database");
  serve->add_option("--host", o->server.host, "Address to listen on (default: 127.0.0.1)");
  serve->add_option("--port", o->server.port, "Port (default: 8080; 0: any free port)");
  serve->add_flag("--demo", o->demo,
                  "Seed demo accounts (printed with fresh passwords), a household, a nutritionist with consent, "
                  "the demo market and a pantry");
  serve->add_option("--tls-cert", o->server.tls_cert, "PEM certificate: serve HTTPS (with --tls-key)");
  serve->add_option("--tls-key", o->server.tls_key, "PEM private key of --tls-cert");
  serve->add_option("--web-dir", o->server.web_dir, "Static files of the web app to serve at /");
  serve->add_option("--threads", o->server.threads, "Worker threads, one per open connection (default: 64)");
  serve->callback([o] { RunServe(*o); });
}

}  // namespace hearth::cli
