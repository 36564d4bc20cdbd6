#include "hearth/security/throttle.h"

#include <gtest/gtest.h>

#include <vector>

namespace hearth::security {
namespace {

constexpr int64_t kNow = 1'800'000'000;

// n failures, one a second, the last at `last`.
std::vector<int64_t> Failures(int n, int64_t last) {
  std::vector<int64_t> f;
  for (int i = n - 1; i >= 0; --i) f.push_back(last - i);
  return f;
}

TEST(CheckThrottle, NoFailuresIsAllowed) {
  ThrottleDecision d = CheckThrottle({}, kNow, kAccountThrottle);
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.retry_after_s, 0);
}

TEST(CheckThrottle, FourFailuresAreFree) {
  std::vector<int64_t> f = Failures(4, kNow);
  ThrottleDecision d = CheckThrottle(f, kNow, kAccountThrottle);
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.retry_after_s, 0);
}

TEST(CheckThrottle, FifthFailureStartsOneSecondBackoff) {
  std::vector<int64_t> f = Failures(5, kNow);
  ThrottleDecision d = CheckThrottle(f, kNow, kAccountThrottle);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_s, 1);
  EXPECT_TRUE(CheckThrottle(f, kNow + 1, kAccountThrottle).allowed);
}

TEST(CheckThrottle, SixthFailureDoublesIt) {
  std::vector<int64_t> f = Failures(6, kNow);
  ThrottleDecision d = CheckThrottle(f, kNow, kAccountThrottle);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_s, 2);
  ThrottleDecision later = CheckThrottle(f, kNow + 1, kAccountThrottle);
  EXPECT_FALSE(later.allowed);
  EXPECT_EQ(later.retry_after_s, 1);
  EXPECT_TRUE(CheckThrottle(f, kNow + 2, kAccountThrottle).allowed);
  // Seven failures: 4 s.
  EXPECT_EQ(CheckThrottle(Failures(7, kNow), kNow, kAccountThrottle).retry_after_s, 4);
}

TEST(CheckThrottle, BackoffIsCappedAt900Seconds) {
  // 14 failures: 2^9 = 512 s; 15: 2^10 = 1024 s, capped at 900.
  EXPECT_EQ(CheckThrottle(Failures(14, kNow), kNow, kAccountThrottle).retry_after_s, 512);
  EXPECT_EQ(CheckThrottle(Failures(15, kNow), kNow, kAccountThrottle).retry_after_s, 900);
  EXPECT_EQ(CheckThrottle(Failures(80, kNow), kNow, kAccountThrottle).retry_after_s, 900);
  EXPECT_TRUE(CheckThrottle(Failures(80, kNow), kNow + 900, kAccountThrottle).allowed);
  EXPECT_FALSE(CheckThrottle(Failures(80, kNow), kNow + 899, kAccountThrottle).allowed);
}

TEST(CheckThrottle, NinetyNineFailuresOnlyBackOff) {
  std::vector<int64_t> f = Failures(99, kNow);
  ThrottleDecision d = CheckThrottle(f, kNow + 900, kAccountThrottle);
  EXPECT_TRUE(d.allowed);
}

TEST(CheckThrottle, HundredFailuresLockUntilTheOldestAgesOut) {
  // 100 failures, one a second, the last at kNow: the oldest is at kNow - 99.
  std::vector<int64_t> f = Failures(100, kNow);
  // Long after the back-off, the window is still full.
  ThrottleDecision d = CheckThrottle(f, kNow + 1000, kAccountThrottle);
  EXPECT_FALSE(d.allowed);
  // The oldest (kNow - 99) is forgotten at kNow - 99 + 3600; then 99 remain
  // and the back-off from the last one (900 s) is long over.
  EXPECT_EQ(d.retry_after_s, (kNow - 99 + 3600) - (kNow + 1000));
  EXPECT_FALSE(CheckThrottle(f, kNow - 99 + 3599, kAccountThrottle).allowed);
  EXPECT_TRUE(CheckThrottle(f, kNow - 99 + 3600, kAccountThrottle).allowed);
}

TEST(CheckThrottle, LockThenBackoffGivesTheLaterTime) {
  // 100 failures spread over the hour: the oldest ages out before the
  // back-off from the newest has run down.
  std::vector<int64_t> f;
  for (int i = 0; i < 99; ++i) f.push_back(kNow - 3500 + i);
  f.push_back(kNow);
  ThrottleDecision d = CheckThrottle(f, kNow, kAccountThrottle);
  EXPECT_FALSE(d.allowed);
  // The window empties of its oldest at kNow + 100, but 99 failures still
  // mean 900 s after the last: kNow + 900.
  EXPECT_EQ(d.retry_after_s, 900);
}

TEST(CheckThrottle, FailuresAgeOutOfTheWindow) {
  // Five failures an hour ago: forgotten exactly window_s after each.
  std::vector<int64_t> f = Failures(5, kNow - 3600);
  EXPECT_TRUE(CheckThrottle(f, kNow, kAccountThrottle).allowed);
  // One second earlier only the newest is still in the window.
  EXPECT_TRUE(CheckThrottle(f, kNow - 1, kAccountThrottle).allowed);
  // Six failures where the oldest has aged out leave five: 1 s back-off.
  std::vector<int64_t> g = {kNow - 4000, kNow - 10, kNow - 3, kNow - 2, kNow - 1, kNow};
  ThrottleDecision d = CheckThrottle(g, kNow, kAccountThrottle);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_s, 1);
}

TEST(CheckThrottle, AddressPolicyIsLooser) {
  EXPECT_TRUE(CheckThrottle(Failures(19, kNow), kNow, kAddressThrottle).allowed);
  ThrottleDecision d = CheckThrottle(Failures(20, kNow), kNow, kAddressThrottle);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_s, 1);
  std::vector<int64_t> many = Failures(300, kNow);
  ThrottleDecision locked = CheckThrottle(many, kNow + 900, kAddressThrottle);
  EXPECT_FALSE(locked.allowed);
  EXPECT_EQ(locked.retry_after_s, (kNow - 299 + 3600) - (kNow + 900));
}

TEST(CheckThrottle, UnsortedInputIsHandled) {
  std::vector<int64_t> f = {kNow, kNow - 4, kNow - 2, kNow - 1, kNow - 3, kNow - 5};
  EXPECT_EQ(CheckThrottle(f, kNow, kAccountThrottle).retry_after_s, 2);
}

}  // namespace
}  // namespace hearth::security
