#include "server/http.h"

#include <algorithm>
#include <cctype>
#include <exception>

namespace hearth::server {
namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > pos) out.emplace_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Percent-decodes a path segment; nullopt when malformed.
std::optional<std::string> Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      return std::nullopt;
    }
    out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
    i += 2;
  }
  return out;
}

std::string_view TitleOf(int http_status) {
  switch (http_status) {
    case 400: return "Bad request";
    case 401: return "Not signed in";
    case 403: return "Forbidden";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 409: return "Conflict";
    case 413: return "Request body too large";
    case 415: return "Unsupported media type";
    case 429: return "Too many requests";
    case 500: return "Internal server error";
    case 501: return "Not implemented";
    case 503: return "Service unavailable";
    default: return "Error";
  }
}

// "plan.cells[3].recipe: must be a string" → the field path, when the text
// before the first ": " looks like one (no spaces).
std::optional<std::pair<std::string, std::string>> FieldOf(const std::string& message) {
  size_t colon = message.find(": ");
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  std::string field = message.substr(0, colon);
  for (char c : field) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '"') return std::nullopt;
  }
  return std::make_pair(field, message.substr(colon + 2));
}

}  // namespace

int HttpStatusOf(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kAborted: return 409;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kUnimplemented: return 501;
    case StatusCode::kInternal: return 500;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kResourceExhausted: return 429;
  }
  return 500;
}

nlohmann::json ProblemJson(const Status& status, int http_status, std::string_view instance) {
  std::string code(StatusCodeName(status.code()));
  std::replace(code.begin(), code.end(), '_', '-');
  nlohmann::json p = {{"type", "urn:hearth:problem:" + code},
                      {"title", TitleOf(http_status)},
                      {"status", http_status},
                      {"detail", status.message()},
                      {"instance", instance}};
  if (status.code() == StatusCode::kInvalidArgument) {
    // One error per line of the message (imports report many).
    nlohmann::json errors = nlohmann::json::array();
    const std::string& m = status.message();
    for (size_t pos = 0; pos < m.size();) {
      size_t end = m.find('\n', pos);
      if (end == std::string::npos) end = m.size();
      const std::string line = m.substr(pos, end - pos);
      if (auto f = FieldOf(line)) errors.push_back({{"field", f->first}, {"detail", f->second}});
      else if (!line.empty()) errors.push_back({{"detail", line}});
      pos = end + 1;
    }
    if (!errors.empty() && (errors.size() > 1 || errors[0].contains("field"))) p["errors"] = errors;
  } else if (status.code() == StatusCode::kNotFound || status.code() == StatusCode::kAlreadyExists ||
             status.code() == StatusCode::kFailedPrecondition) {
    // "nutritionist_email: no nutritionist has …": about one field of the
    // request ("profile 12: not found" names no field: it has a space).
    if (auto f = FieldOf(status.message())) p["errors"] = {{{"field", f->first}, {"detail", f->second}}};
  }
  return p;
}

Reply Reply::Problem(const Status& status, std::string_view instance, const nlohmann::json& extra) {
  Reply r;
  r.status = HttpStatusOf(status.code());
  nlohmann::json problem = ProblemJson(status, r.status, instance);
  for (const auto& [key, value] : extra.items()) problem[key] = value;
  r.raw = problem.dump();
  r.content_type = "application/problem+json";
  return r;
}

Result<int64_t> Call::Id(const std::string& name) const {
  auto it = path.find(name);
  const std::string v = it == path.end() ? "" : it->second;
  int64_t id = 0;
  bool ok = !v.empty() && v.size() <= 18 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (ok) id = std::stoll(v);
  if (!ok || id <= 0) return Status::InvalidArgument(name + ": \"" + v + "\" is not an id (a positive integer)");
  return id;
}

std::optional<std::string> Call::Query(const std::string& name) const {
  if (!request.has_param(name)) return std::nullopt;
  return request.get_param_value(name);
}

Result<int64_t> Call::QueryInt(const std::string& name, int64_t fallback, int64_t lo, int64_t hi) const {
  std::optional<std::string> v = Query(name);
  if (!v) return fallback;
  bool digits = !v->empty() && v->size() <= 18 && std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; });
  int64_t n = digits ? std::stoll(*v) : -1;
  if (!digits || n < lo || n > hi) {
    return Status::InvalidArgument(name + ": \"" + *v + "\" must be an integer between " + std::to_string(lo) +
                                   " and " + std::to_string(hi));
  }
  return n;
}

void Router::Add(std::string method, std::string path, Access access, RouteDoc doc, Handler handler) {
  Compiled c{Split(path)};
  routes_.push_back({std::move(method), std::move(path), access, std::move(doc), std::move(handler)});
  compiled_.push_back(std::move(c));
}

void Send(const Reply& reply, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [k, v] : reply.headers) res.set_header(k, v);
  if (reply.status == 204) return;
  if (reply.raw) {
    res.set_content(*reply.raw, reply.content_type);
  } else {
    res.set_content(reply.body.dump(), reply.content_type);
  }
}

void SendProblem(const Status& status, int http_status, const httplib::Request& req, httplib::Response& res) {
  res.status = http_status;
  res.set_content(ProblemJson(status, http_status, req.path).dump(), "application/problem+json");
}

void Router::Dispatch(const httplib::Request& req, httplib::Response& res, const Authenticator& auth,
                      int max_json_depth) const {
  std::string_view path = req.path;
  path.remove_prefix(std::min(path.size(), kApiPrefix.size()));
  const std::vector<std::string> segments = Split(path);
  std::vector<std::string> allowed;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const std::vector<std::string>& want = compiled_[i].segments;
    if (want.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool match = true;
    for (size_t s = 0; s < want.size() && match; ++s) {
      if (IsParam(want[s])) {
        std::optional<std::string> v = Unescape(segments[s]);
        if (!v) match = false;
        else params[want[s].substr(1, want[s].size() - 2)] = *v;
      } else {
        match = want[s] == segments[s];
      }
    }
    if (!match) continue;
    const Route& route = routes_[i];
    if (route.method != req.method) {
      allowed.push_back(route.method);
      continue;
    }
    Call call{req, std::move(params), std::nullopt, {}, max_json_depth};
    try {
      if (route.access == Access::kSignedIn) {
        auto who = auth(req);
        if (!who.ok()) {
          res.set_header("WWW-Authenticate", "Bearer");
          SendProblem(who.status(), HttpStatusOf(who.status().code()), req, res);
          return;
        }
        call.actor = std::move(who->first);
        call.token_hash = std::move(who->second);
      }
      Result<Reply> reply = route.handler(call);
      if (!reply.ok()) {
        SendProblem(reply.status(), HttpStatusOf(reply.status().code()), req, res);
        return;
      }
      Send(*reply, res);
    } catch (const std::exception&) {
      SendProblem(Status::Internal("the server failed to handle this request; it has been logged"), 500, req, res);
    }
    return;
  }
  if (!allowed.empty()) {
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    std::string allow;
    for (const std::string& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    res.set_header("Allow", allow);
    SendProblem(Status::InvalidArgument(req.method + " is not allowed on " + req.path + "; allowed: " + allow), 405,
                req, res);
    return;
  }
  SendProblem(Status::NotFound("no resource at " + req.path), 404, req, res);
}

nlohmann::json Router::OpenApi(std::string_view version) const {
  nlohmann::json problem_ref = {{"$ref", "#/components/schemas/Problem"}};
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& r : routes_) {
    std::string method = r.method;
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    nlohmann::json op = {{"summary", r.doc.summary}, {"tags", {r.doc.tag}},
                         {"operationId", method + r.path}};
    nlohmann::json params = nlohmann::json::array();
    for (const std::string& s : Split(r.path)) {
      if (!IsParam(s)) continue;
      params.push_back({{"name", s.substr(1, s.size() - 2)}, {"in", "path"}, {"required", true},
                        {"schema", {{"type", "string"}}}});
    }
    for (const auto& [name, description] : r.doc.query) {
      params.push_back({{"name", name}, {"in", "query"}, {"required", false}, {"description", description},
                        {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!r.doc.request_body.is_null()) {
      op["requestBody"] = {{"required", true},
                           {"content", {{r.doc.request_type, {{"schema", r.doc.request_body}}}}}};
    }
    nlohmann::json responses = nlohmann::json::object();
    nlohmann::json ok = {{"description", r.doc.success == 204 ? "Done" : "Success"}};
    if (r.doc.success != 204) {
      ok["content"] = {{r.doc.response_type,
                        {{"schema", r.doc.response.is_null() ? nlohmann::json{{"type", "object"}} : r.doc.response}}}};
    }
    responses[std::to_string(r.doc.success)] = ok;
    nlohmann::json problem = {{"description", "Problem details (RFC 9457)"},
                              {"content", {{"application/problem+json", {{"schema", problem_ref}}}}}};
    responses["4XX"] = problem;
    responses["5XX"] = problem;
    op["responses"] = responses;
    if (r.access == Access::kSignedIn) op["security"] = nlohmann::json::array({{{"bearer", nlohmann::json::array()}}});
    else op["security"] = nlohmann::json::array();
    paths[std::string(kApiPrefix) + r.path][method] = op;
  }
  return {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "hearth API"},
        {"version", version},
        {"description", "Meal plans for health profiles, explained; groceries from local vendors; consent and an "
                        "audit log. See docs/api.md."}}},
      {"paths", paths},
      {"components",
       {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"},
                                         {"description", "The token from POST /api/v1/auth/login"}}}}},
        {"schemas",
         {{"Problem",
           {{"type", "object"},
            {"required", {"type", "title", "status", "detail"}},
            {"properties",
             {{"type", {{"type", "string"}}},
              {"title", {{"type", "string"}}},
              {"status", {{"type", "integer"}}},
              {"detail", {{"type", "string"}}},
              {"instance", {{"type", "string"}}},
              {"errors",
               {{"type", "array"},
                {"items", {{"type", "object"},
                           {"properties", {{"field", {{"type", "string"}}}, {"detail", {{"type", "string"}}}}}}}}}}}}}}}}}};
}

}  // namespace hearth::server
