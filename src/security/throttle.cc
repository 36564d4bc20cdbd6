#include "hearth/security/throttle.h"

#include <algorithm>
#include <vector>

namespace hearth::security {
namespace {

// The back-off after n failures: 0 below free_failures, else
// 2^(n - free_failures) seconds, capped at max_backoff_s.
int64_t Backoff(int64_t n, const ThrottlePolicy& policy) {
  if (n < policy.free_failures) return 0;
  int64_t exponent = n - policy.free_failures;
  if (exponent >= 62) return policy.max_backoff_s;
  return std::min<int64_t>(int64_t{1} << exponent, policy.max_backoff_s);
}

// Whether an attempt at `t` is allowed given the (sorted) failures; when not,
// `next` is a later time worth trying.
bool AllowedAt(const std::vector<int64_t>& failures, int64_t t, const ThrottlePolicy& policy, int64_t& next) {
  // Failures at least window_s old are forgotten.
  auto first = std::upper_bound(failures.begin(), failures.end(), t - policy.window_s);
  int64_t n = failures.end() - first;
  if (n == 0) return true;
  if (n >= policy.max_failures) {
    // Locked until enough of the oldest age out to leave max_failures - 1.
    next = *(first + (n - policy.max_failures)) + policy.window_s;
    return false;
  }
  int64_t backoff = Backoff(n, policy);
  int64_t last = failures.back();
  if (t - last < backoff) {
    next = last + backoff;
    return false;
  }
  return true;
}

}  // namespace

ThrottleDecision CheckThrottle(std::span<const int64_t> failures, int64_t now, const ThrottlePolicy& policy) {
  std::vector<int64_t> sorted(failures.begin(), failures.end());
  std::sort(sorted.begin(), sorted.end());
  // Allowed(t) only grows with t (failures age out, back-offs run down), so
  // jumping to each blocking deadline reaches the first allowed time; at most
  // a lock and then a back-off stand in the way.
  int64_t t = now;
  for (int step = 0; step < 4; ++step) {
    int64_t next = t;
    if (AllowedAt(sorted, t, policy, next)) {
      return t == now ? ThrottleDecision{} : ThrottleDecision{false, t - now};
    }
    t = std::max(next, t + 1);
  }
  return ThrottleDecision{false, t - now};
}

}  // namespace hearth::security
