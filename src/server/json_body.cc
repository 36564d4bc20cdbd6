#include "server/json_body.h"

#include <algorithm>

namespace hearth::server {

int JsonDepth(std::string_view text) {
  int depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '[':
      case '{':
        max_depth = std::max(max_depth, ++depth);
        break;
      case ']':
      case '}':
        if (--depth < 0) return -1;
        break;
      default: break;
    }
  }
  return depth == 0 ? max_depth : -1;
}

Result<nlohmann::json> ParseJsonBody(std::string_view body, int max_depth, bool object) {
  if (body.empty()) return Status::InvalidArgument("body: is empty; send a JSON object");
  // nlohmann's lexer ends the input at a NUL byte, which JSON never contains
  // outside strings (and inside them only escaped): what follows one would be
  // ignored, and unbalanced brackets there would hide the real depth.
  if (size_t nul = body.find('\0'); nul != std::string_view::npos) {
    return Status::InvalidArgument("body: is not valid JSON (byte " + std::to_string(nul + 1) + ")");
  }
  const int depth = JsonDepth(body);
  if (depth < 0) return Status::InvalidArgument("body: is not valid JSON (brackets do not balance)");
  if (depth > max_depth) {
    return Status::InvalidArgument("body: JSON nests " + std::to_string(depth) + " levels deep; at most " +
                                   std::to_string(max_depth) + " are accepted");
  }
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    // Say where: parse again for the message.
    try {
      nlohmann::json again = nlohmann::json::parse(body);
      (void)again;
    } catch (const nlohmann::json::parse_error& e) {
      return Status::InvalidArgument("body: is not valid JSON (byte " + std::to_string(e.byte) + ")");
    } catch (const nlohmann::json::exception&) {
      // out_of_range: a number beyond double ("1e400").
      return Status::InvalidArgument("body: is not valid JSON (a number is out of range)");
    }
    return Status::InvalidArgument("body: is not valid JSON");
  }
  if (object && !j.is_object()) return Status::InvalidArgument("body: must be a JSON object");
  return j;
}

}  // namespace hearth::server
