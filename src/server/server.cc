#include "hearth/server/server.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "hearth/security/token.h"
#include "server/api.h"
#include "server/demo.h"

namespace hearth::server {
namespace {

constexpr std::string_view kVersion = "0.1.0";

// Every response carries these (docs/api.md, "Security headers").
void SetSecurityHeaders(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  res.set_header("Cross-Origin-Resource-Policy", "same-origin");
  res.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                 "frame-ancestors 'none'");
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
}

// Does an If-None-Match header ("*", or a list of entity tags, weak ones
// compared weakly per RFC 9110 §13.1.2) name `etag`?
bool EtagMatches(std::string_view header, std::string_view etag) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view tag = header.substr(pos, end - pos);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    pos = end + 1;
  }
  return false;
}

// The server's secret (32 random bytes, hex, mode 0600), created on first
// use. Not the audit key: one key, one purpose.
Result<std::string> LoadOrCreateSecret(const std::string& path) {
  std::ifstream in(path);
  if (in) {
    std::string hex;
    in >> hex;
    std::string raw(32, '\0');
    size_t len = 0;
    if (hex.size() != 64 || sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), hex.data(),
                                           hex.size(), nullptr, &len, nullptr) != 0 || len != 32) {
      return Status::InvalidArgument("server key " + path, "is not 64 hex digits; delete it to make a new one");
    }
    return raw;
  }
  std::string raw(32, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(65, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.resize(64);
  hex += "\n";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Unavailable("server key " + path, "cannot create it");
  bool ok = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::Unavailable("server key " + path, "cannot write it");
  return raw;
}

class ServerImpl final : public Server {
 public:
  ServerImpl(ServerOptions options, const Catalog& catalog, std::unique_ptr<storage::Store> store,
             audit::AuditLog audit_log, security::CommonPasswords common, std::string secret)
      : options_(std::move(options)),
        catalog_(catalog),
        store_(std::move(store)),
        audit_(std::move(audit_log)),
        common_(std::move(common)),
        solve_turns_(options_.max_concurrent_solves > 0
                         ? options_.max_concurrent_solves
                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
        recipe_books_(catalog_, *store_),
        api_{options_, catalog_, *store_, audit_, common_, std::move(secret), solve_turns_, recipe_books_} {}

  Status Setup() {
    if (!options_.tls_cert.empty() || !options_.tls_key.empty()) {
      if (options_.tls_cert.empty() || options_.tls_key.empty()) {
        return Status::InvalidArgument("TLS needs both a certificate (--tls-cert) and a key (--tls-key)");
      }
      auto ssl = std::make_unique<httplib::SSLServer>(options_.tls_cert.c_str(), options_.tls_key.c_str());
      if (!ssl->is_valid()) {
        return Status::InvalidArgument("TLS: cannot load the certificate " + options_.tls_cert + " or the key " +
                                       options_.tls_key);
      }
      http_ = std::move(ssl);
    } else {
      http_ = std::make_unique<httplib::Server>();
    }
    RegisterAuthRoutes(router_, api_);
    RegisterMeRoutes(router_, api_);
    RegisterProfileRoutes(router_, api_);
    RegisterCatalogRoutes(router_, api_);
    RegisterPlanRoutes(router_, api_);
    RegisterConsentRoutes(router_, api_);
    RegisterAuditRoutes(router_, api_);
    RegisterMarketRoutes(router_, api_);
    RegisterPantryRoutes(router_, api_);
    RegisterHouseholdRoutes(router_, api_);
    RegisterAdminRoutes(router_, api_);
    router_.Add("GET", "/health", Access::kPublic,
              RouteDoc("Liveness: the server answers and its database opens", "meta").Returns(200, {{"type", "object"}}),
              [this](Call&) -> Result<Reply> {
                   HEARTH_ASSIGN_OR_RETURN(auto head, store_->LatestTreeHead());
                   return Reply::Json({{"status", "ok"}, {"version", kVersion},
                                       {"audit_tree_size", head ? head->tree_size : 0}});
                 });
    router_.Add("GET", "/openapi.json", Access::kPublic,
              RouteDoc("This document", "meta").Returns(200, {{"type", "object"}}),
              [this](Call&) -> Result<Reply> { return Reply::Json(openapi_); });
    openapi_ = router_.OpenApi(kVersion);

    const int threads = std::max(1, options_.threads);
    http_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    http_->set_payload_max_length(options_.max_body_bytes);
    http_->set_read_timeout(10, 0);
    http_->set_write_timeout(30, 0);
    http_->set_keep_alive_max_count(1000);
    // Small JSON answers: without TCP_NODELAY each would wait for the
    // client's delayed ACK (~40 ms on Linux).
    http_->set_tcp_nodelay(true);

    auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
      router_.Dispatch(req, res, [this](const httplib::Request& r) { return Authenticate(r); },
                       options_.max_json_depth);
    };
    const std::string api_pattern = std::string(kApiPrefix) + "(/.*)?";
    http_->Get(api_pattern, dispatch);
    http_->Post(api_pattern, dispatch);
    http_->Put(api_pattern, dispatch);
    http_->Patch(api_pattern, dispatch);
    http_->Delete(api_pattern, dispatch);
    http_->Options(api_pattern, dispatch);
    if (!options_.web_dir.empty()) {
      if (!std::filesystem::is_directory(options_.web_dir)) {
        return Status::NotFound("web app directory " + options_.web_dir, "not found");
      }
      http_->set_mount_point("/", options_.web_dir);
      http_->set_file_extension_and_mimetype_mapping("js", "text/javascript");
      http_->set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
      http_->set_file_extension_and_mimetype_mapping("svg", "image/svg+xml");
      http_->set_file_extension_and_mimetype_mapping("webmanifest", "application/manifest+json");
      // The app's files have stable names (no build step, no content
      // hashes), so browsers keep them but ask each time whether they
      // changed: an upgrade shows at once, an unchanged file costs a 304.
      http_->set_file_request_handler([](const httplib::Request& req, httplib::Response& res) {
        std::string etag = "\"";
        etag.append(security::Sha256Hex(res.body), 0, 32);
        etag += '"';
        res.set_header("ETag", etag);
        res.set_header("Cache-Control", "no-cache");
        if (res.status == 200 && EtagMatches(req.get_header_value("If-None-Match"), etag)) {
          res.status = 304;
          res.body.clear();
        }
      });
    }
    http_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      // Errors httplib produces itself (413, 400 on malformed requests) and
      // 404s outside the API: problem details too, unless a body is set.
      if (!res.body.empty()) return;
      Status st = res.status == 413 ? Status::ResourceExhausted("the request body is larger than the limit")
                  : res.status == 404 ? Status::NotFound("no resource at " + req.path)
                                      : Status::InvalidArgument("the request is malformed");
      SendProblem(st, res.status, req, res);
    });
    http_->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
      SendProblem(Status::Internal("the server failed to handle this request"), 500, req, res);
    });
    http_->set_post_routing_handler([](const httplib::Request&, httplib::Response& res) { SetSecurityHeaders(res); });
    return Status::Ok();
  }

  Result<int> Bind() override {
    if (options_.port == 0) {
      int port = http_->bind_to_any_port(options_.host);
      if (port <= 0) return Status::Unavailable("cannot listen on " + options_.host);
      return port;
    }
    if (!http_->bind_to_port(options_.host, options_.port)) {
      return Status::Unavailable("cannot listen on " + options_.host + ":" + std::to_string(options_.port),
                                 "the port is in use or not allowed");
    }
    return options_.port;
  }

  Status Run() override {
    if (!http_->listen_after_bind()) return Status::Unavailable("the server stopped listening unexpectedly");
    return Status::Ok();
  }

  void Stop() override { http_->stop(); }

  Result<std::string> SeedDemo() override { return server::SeedDemo(api_); }

 private:
  // The bearer token's session, within its idle and absolute expiry.
  Result<std::pair<storage::Account, std::string>> Authenticate(const httplib::Request& req) {
    const std::string h = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (h.size() <= kBearer.size() || h.compare(0, kBearer.size(), kBearer) != 0) {
      return Status::Unauthenticated("sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/login");
    }
    const std::string token = h.substr(kBearer.size());
    if (token.size() > 200) return Status::Unauthenticated("the session token is not valid; sign in again");
    const std::string hash = security::Sha256Hex(token);
    Result<storage::Session> s = store_->GetSession(hash);
    if (!s.ok()) {
      if (s.status().code() == StatusCode::kNotFound) {
        return Status::Unauthenticated("the session has ended or the token is not valid; sign in again");
      }
      return s.status();
    }
    const int64_t now = NowUnix();
    if (now >= s->expires_unix || now - s->last_seen_unix >= options_.session_idle_s) {
      (void)store_->DeleteSession(hash);
      return Status::Unauthenticated("the session has expired; sign in again");
    }
    // Refresh the idle clock at most once a minute (saves a write per request).
    if (now - s->last_seen_unix >= 60) HEARTH_RETURN_IF_ERROR(store_->TouchSession(hash, now));
    HEARTH_ASSIGN_OR_RETURN(storage::Account a, store_->GetAccount(s->account_id));
    return std::make_pair(std::move(a), hash);
  }

  ServerOptions options_;
  const Catalog& catalog_;
  std::unique_ptr<storage::Store> store_;
  audit::AuditLog audit_;
  security::CommonPasswords common_;
  SolveTurns solve_turns_;
  RecipeBooks recipe_books_;
  Api api_;
  Router router_;
  nlohmann::json openapi_;
  std::unique_ptr<httplib::Server> http_;
};

}  // namespace

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options, const Catalog& catalog) {
  if (options.password_cost.ops < security::kMinimumPasswordCost.ops ||
      options.password_cost.mem_bytes < security::kMinimumPasswordCost.mem_bytes) {
    return Status::InvalidArgument("password cost below the minimum (m = 19 MiB, t = 2)");
  }
  if (options.database.empty()) return Status::InvalidArgument("the server needs a database path");
  HEARTH_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store, storage::OpenStore(options.database));
  std::string path = options.database;
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  HEARTH_ASSIGN_OR_RETURN(audit::AuditLog log, audit::AuditLog::Open(*store, audit::KeyFilesFor(path)));
  HEARTH_ASSIGN_OR_RETURN(security::CommonPasswords common,
                          security::CommonPasswords::Load(catalog.data_dir() + "/security/common-passwords.txt"));
  if (sodium_init() < 0) return Status::Internal("libsodium cannot initialise");
  HEARTH_ASSIGN_OR_RETURN(std::string secret, LoadOrCreateSecret(path + ".server-key"));
  auto impl = std::make_unique<ServerImpl>(options, catalog, std::move(store), std::move(log), std::move(common),
                                           std::move(secret));
  HEARTH_RETURN_IF_ERROR(impl->Setup());
  return std::unique_ptr<Server>(std::move(impl));
}

}  // namespace hearth::server
