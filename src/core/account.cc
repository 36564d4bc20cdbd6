#include "hearth/core/account.h"

#include <array>

namespace hearth {
namespace {
// Indexed by Role's value; keys are stored in databases and sent over the API.
constexpr std::array<std::string_view, 6> kRoleKeys = {"member",     "household_admin",   "nutritionist",
                                                       "vendor",     "kitchen_organizer", "admin"};
}  // namespace

std::string_view RoleKey(Role r) { return kRoleKeys[static_cast<size_t>(r)]; }

std::optional<Role> ParseRole(std::string_view key) {
  for (size_t i = 0; i < kRoleKeys.size(); ++i)
    if (kRoleKeys[i] == key) return static_cast<Role>(i);
  return std::nullopt;
}

}  // namespace hearth
