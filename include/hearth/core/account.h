// Accounts and roles: who may do what in hearth (docs/security.md).
//
// Thread safety: plain values and pure functions.
#ifndef HEARTH_CORE_ACCOUNT_H_
#define HEARTH_CORE_ACCOUNT_H_

#include <optional>
#include <string>
#include <string_view>

namespace hearth {

// One role per account. Stored and sent as its key ("household_admin").
enum class Role : int {
  kMember = 0,         // Keeps their own profiles, plans and pantry; may join a household.
  kHouseholdAdmin,     // A member who also manages their household's members and pantry.
  kNutritionist,       // Reads and edits a client's profiles and plans while the client consents.
  kVendor,             // Publishes the products of the vendor it is linked to.
  kKitchenOrganizer,   // Runs a community kitchen's pooled pantry.
  kAdmin,              // Operates the instance: accounts, roles, the audit log.
};

std::string_view RoleKey(Role r);  // "member", "household_admin", ...
std::optional<Role> ParseRole(std::string_view key);

}  // namespace hearth

#endif  // HEARTH_CORE_ACCOUNT_H_
