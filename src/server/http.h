// The server's HTTP plumbing, independent of any resource: a route table
// (method, path template, access rule, OpenAPI description, handler), the
// dispatch of httplib requests through it, request decoding under limits,
// and replies: JSON, or RFC 9457 problem details for every error.
//
// Thread safety: routes are added before serving; Dispatch is then called
// concurrently (the table is read-only).
#ifndef HEARTH_SERVER_HTTP_H_
#define HEARTH_SERVER_HTTP_H_

#include <httplib.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hearth/result.h"
#include "hearth/status.h"
#include "hearth/storage/store.h"
#include "server/json_body.h"

namespace hearth::server {

inline constexpr std::string_view kApiPrefix = "/api/v1";

// The HTTP status of a Status code (the only place this mapping lives).
int HttpStatusOf(StatusCode code);

// An RFC 9457 problem document for `status`. An InvalidArgument message of
// the form "field.path: what is wrong" also yields
// errors: [{"field": "field.path", "detail": "what is wrong"}].
nlohmann::json ProblemJson(const Status& status, int http_status, std::string_view instance);


struct Reply {
  int status = 200;
  nlohmann::json body;                // Sent as JSON unless `raw` is set.
  std::optional<std::string> raw;     // Sent as is with `content_type`.
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;

  static Reply Json(nlohmann::json body, int status = 200) {
    Reply r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  static Reply NoContent() {
    Reply r;
    r.status = 204;
    return r;
  }
  // A problem answer that carries headers (e.g. Retry-After) or members of
  // its own (`extra`, e.g. the ids a conflict is about): for errors a
  // handler returns as a Status, the router builds the problem itself.
  static Reply Problem(const Status& status, std::string_view instance,
                       const nlohmann::json& extra = nlohmann::json::object());
};

// One request as a handler sees it.
struct Call {
  const httplib::Request& request;
  std::map<std::string, std::string> path;  // Path parameters by name.
  std::optional<storage::Account> actor;    // Set for signed-in routes.
  std::string token_hash;                   // The session's, when signed in.
  int max_json_depth = 32;

  // The body as a JSON object (errors name the body).
  Result<nlohmann::json> Body() const { return ParseJsonBody(request.body, max_json_depth); }
  // A path parameter that must be a positive integer id (InvalidArgument
  // naming it otherwise).
  Result<int64_t> Id(const std::string& name) const;
  // A query parameter, or nullopt.
  std::optional<std::string> Query(const std::string& name) const;
  // An integer query parameter within [lo, hi], `fallback` when absent
  // (InvalidArgument naming it otherwise).
  Result<int64_t> QueryInt(const std::string& name, int64_t fallback, int64_t lo, int64_t hi) const;
  const storage::Account& Actor() const { return *actor; }
};

using Handler = std::function<Result<Reply>(Call&)>;

enum class Access {
  kPublic,    // No session needed.
  kSignedIn,  // A valid session; the handler checks the object.
};

// What the OpenAPI document says about a route, built fluently:
//   RouteDoc("Create a plan", "plans").Body(schema).Returns(201, schema).Query({{"owner", "..."}})
struct RouteDoc {
  using Params = std::vector<std::pair<std::string, std::string>>;  // name, description.
  RouteDoc(std::string summary_, std::string tag_) : summary(std::move(summary_)), tag(std::move(tag_)) {}
  RouteDoc& Body(nlohmann::json schema, std::string type = "application/json") {
    request_body = std::move(schema);
    request_type = std::move(type);
    return *this;
  }
  RouteDoc& Returns(int status, nlohmann::json schema = nullptr, std::string type = "application/json") {
    success = status;
    response = std::move(schema);
    response_type = std::move(type);
    return *this;
  }
  RouteDoc& Query(Params params) {
    query = std::move(params);
    return *this;
  }

  std::string summary;
  std::string tag;                 // "auth", "profiles", ...
  nlohmann::json request_body;     // A JSON Schema, or null for none.
  std::string request_type = "application/json";
  int success = 200;               // The success status.
  nlohmann::json response;         // A JSON Schema of the success body, or null.
  std::string response_type = "application/json";
  Params query;
};

struct Route {
  std::string method;  // "GET", "POST", "PUT", "PATCH", "DELETE".
  std::string path;    // Under kApiPrefix, with {name} parameters: "/plans/{id}/swap".
  Access access = Access::kSignedIn;
  RouteDoc doc;
  Handler handler;
};

// Resolves a session token to its account (and refreshes the session), or
// Unauthenticated.
using Authenticator = std::function<Result<std::pair<storage::Account, std::string>>(const httplib::Request&)>;

class Router {
 public:
  void Add(std::string method, std::string path, Access access, RouteDoc doc, Handler handler);
  const std::vector<Route>& routes() const { return routes_; }

  // Handles one request under kApiPrefix: 404 when no path matches, 405 (with
  // Allow) when the path matches but not the method, 401 for signed-in routes
  // without a valid session, else the handler's reply. Errors and exceptions
  // become problem details; an exception is a 500 that names no internals.
  void Dispatch(const httplib::Request& req, httplib::Response& res, const Authenticator& auth,
                int max_json_depth) const;

  // The OpenAPI 3.1 document of every route.
  nlohmann::json OpenApi(std::string_view version) const;

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" for parameters.
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

// Writes `reply` into `res`.
void Send(const Reply& reply, httplib::Response& res);
// Writes a problem reply.
void SendProblem(const Status& status, int http_status, const httplib::Request& req, httplib::Response& res);

}  // namespace hearth::server

#endif  // HEARTH_SERVER_HTTP_H_
