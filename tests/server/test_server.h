// A real hearth server for tests: in this process, on a free loopback port,
// over a real SQLite file in a fresh temporary directory; and an HTTP client
// that speaks to it.
#ifndef HEARTH_TESTS_SERVER_TEST_SERVER_H_
#define HEARTH_TESTS_SERVER_TEST_SERVER_H_

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "hearth/server/server.h"
#include "test_catalog.h"

namespace hearth::testing {

struct HttpResult {
  int status = 0;
  nlohmann::json body;  // Parsed when the body is JSON, else null.
  std::string text;
  httplib::Headers headers;
  std::string Header(const std::string& k) const {
    auto it = headers.find(k);
    return it == headers.end() ? "" : it->second;
  }
};

class TestServer {
 public:
  explicit TestServer(server::ServerOptions options = {}) {
    dir_ = std::filesystem::temp_directory_path() /
           ("hearth-server-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    options.host = "127.0.0.1";
    options.port = 0;
    options.database = (dir_ / "hearth.db").string();
    options.password_cost = security::kMinimumPasswordCost;  // The floor: fast tests, still argon2id.
    options.threads = 4;
    options_ = options;
    auto s = server::Server::Create(options, TestCatalog());
    if (!s.ok()) {
      ADD_FAILURE() << s.status().ToString();
      std::abort();
    }
    server_ = std::move(s).value();
    auto port = server_->Bind();
    if (!port.ok()) {
      ADD_FAILURE() << port.status().ToString();
      std::abort();
    }
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Run(); });
  }
  ~TestServer() {
    server_->Stop();
    thread_.join();
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  int port() const { return port_; }
  const std::string& database() const { return options_.database; }
  server::Server& server() { return *server_; }

  HttpResult Call(const std::string& method, const std::string& path, const std::string& token = "",
                  const nlohmann::json& body = nullptr, const std::string& raw = "",
                  const std::string& content_type = "application/json") {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    std::string payload = !raw.empty() ? raw : body.is_null() ? "" : body.dump();
    httplib::Result r = method == "GET"      ? c.Get(path, h)
                        : method == "DELETE" ? (payload.empty() ? c.Delete(path, h) : c.Delete(path, h, payload, content_type))
                        : method == "POST"   ? c.Post(path, h, payload, content_type)
                        : method == "PUT"    ? c.Put(path, h, payload, content_type)
                        : method == "PATCH"  ? c.Patch(path, h, payload, content_type)
                                             : c.Options(path, h);
    HttpResult out;
    if (!r) {
      ADD_FAILURE() << method << " " << path << ": no response (" << httplib::to_string(r.error()) << ")";
      return out;
    }
    out.status = r->status;
    out.text = r->body;
    out.headers = r->headers;
    out.body = nlohmann::json::parse(r->body, nullptr, false);
    if (out.body.is_discarded()) out.body = nullptr;
    return out;
  }
  HttpResult Get(const std::string& path, const std::string& token = "") { return Call("GET", "/api/v1" + path, token); }
  HttpResult Post(const std::string& path, const std::string& token, const nlohmann::json& body = nlohmann::json::object()) {
    return Call("POST", "/api/v1" + path, token, body);
  }
  HttpResult Put(const std::string& path, const std::string& token, const nlohmann::json& body) {
    return Call("PUT", "/api/v1" + path, token, body);
  }
  HttpResult Patch(const std::string& path, const std::string& token, const nlohmann::json& body) {
    return Call("PATCH", "/api/v1" + path, token, body);
  }
  HttpResult Delete(const std::string& path, const std::string& token, const nlohmann::json& body = nullptr) {
    return Call("DELETE", "/api/v1" + path, token, body);
  }

  // Signs up (role and extra fields optional) and returns the session.
  nlohmann::json SignUp(const std::string& email, const std::string& role = "member",
                        nlohmann::json extra = nlohmann::json::object()) {
    extra["email"] = email;
    extra["password"] = Password();
    extra["role"] = role;
    HttpResult r = Post("/auth/signup", "", extra);
    EXPECT_EQ(r.status, 201) << r.text;
    return r.body;
  }
  static std::string Password() { return "plum orchard rain 7731"; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  server::ServerOptions options_;
  std::unique_ptr<server::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// A profile document of examples/profiles/ as JSON.
inline nlohmann::json ExampleProfileJson(const std::string& file) {
  return nlohmann::json::parse(ProfileToJson(ExampleProfile(file)));
}

}  // namespace hearth::testing

#endif  // HEARTH_TESTS_SERVER_TEST_SERVER_H_
