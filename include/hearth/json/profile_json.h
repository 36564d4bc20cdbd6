// The profile file format (JSON), documented in docs/profile-format.md.
#ifndef HEARTH_JSON_PROFILE_JSON_H_
#define HEARTH_JSON_PROFILE_JSON_H_

#include <string>
#include <string_view>

#include "hearth/core/profile.h"
#include "hearth/result.h"

namespace hearth {

// Parses a profile document. Unknown fields, wrong types and out-of-range
// values fail with InvalidArgument naming the field ("weight_kg: -3 is
// outside 2-350 kg"); nothing is half-applied: the profile is returned whole
// or not at all.
Result<Profile> ParseProfileJson(std::string_view text);

// Reads and parses a profile file; errors are prefixed with the path.
Result<Profile> ReadProfileFile(const std::string& path);

// The profile as a JSON document that ParseProfileJson accepts.
std::string ProfileToJson(const Profile& p);

}  // namespace hearth

#endif  // HEARTH_JSON_PROFILE_JSON_H_
