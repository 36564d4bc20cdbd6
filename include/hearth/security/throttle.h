// Login throttling policy (docs/security.md): a pure function of the recent
// failures of one key (an account's email or a client address).
//
// Thread safety: pure functions.
#ifndef HEARTH_SECURITY_THROTTLE_H_
#define HEARTH_SECURITY_THROTTLE_H_

#include <cstdint>
#include <span>

namespace hearth::security {

struct ThrottlePolicy {
  int64_t window_s = 3600;  // Failures older than this are forgotten.
  int max_failures = 100;   // At most this many failures per window; then locked until the oldest ages out.
  int free_failures = 5;    // Failures before back-off starts.
  int64_t max_backoff_s = 900;  // Back-off doubles per failure past free_failures, up to this.
};
// The policy per account, and the looser one per client address (many people
// may share one address).
inline constexpr ThrottlePolicy kAccountThrottle{};
inline constexpr ThrottlePolicy kAddressThrottle{3600, 300, 20, 900};

struct ThrottleDecision {
  bool allowed = true;
  int64_t retry_after_s = 0;  // When !allowed: seconds until an attempt is allowed.
};

// `failures`: the unix times of the key's failures within the window,
// ascending. An attempt at `now` is allowed unless the window already holds
// max_failures failures, or fewer than 2^(n - free_failures) seconds (capped)
// have passed since the last of n >= free_failures failures.
ThrottleDecision CheckThrottle(std::span<const int64_t> failures, int64_t now, const ThrottlePolicy& policy);

}  // namespace hearth::security

#endif  // HEARTH_SECURITY_THROTTLE_H_
