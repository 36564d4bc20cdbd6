// Request bodies as JSON, under the server's limits. Apart from httplib so
// that the fuzz target (fuzz/request_fuzz.cc) can drive it alone.
//
// Thread safety: pure functions.
#ifndef HEARTH_SERVER_JSON_BODY_H_
#define HEARTH_SERVER_JSON_BODY_H_

#include <nlohmann/json.hpp>
#include <string_view>

#include "hearth/result.h"

namespace hearth::server {

// Parses a request body as JSON: InvalidArgument ("body: ...") when it is
// empty or not JSON, nests deeper than `max_depth`, or (when `object` is
// true) is not an object.
Result<nlohmann::json> ParseJsonBody(std::string_view body, int max_depth, bool object = true);
// Nesting depth of a JSON text (brackets outside strings); -1 when brackets
// do not balance.
int JsonDepth(std::string_view text);

}  // namespace hearth::server

#endif  // HEARTH_SERVER_JSON_BODY_H_
