// A small deterministic random generator (SplitMix64) with portable
// distributions, so a seed gives the same numbers on every platform and
// standard library (std:: distributions are implementation-defined).
//
// Thread safety: not thread-safe; one per thread.
#ifndef HEARTH_PLANNER_RNG_H_
#define HEARTH_PLANNER_RNG_H_

#include <cmath>
#include <cstdint>

namespace hearth::planner {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed ^ 0x9E3779B97F4A7C15ULL) {}

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n). REQUIRES: n > 0.
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
  // Standard normal (Box-Muller).
  double Normal() {
    const double u1 = 1.0 - Uniform();
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // exp(N(0, sigma^2)).
  double LogNormal(double sigma) { return std::exp(sigma * Normal()); }

 private:
  std::uint64_t state_;
};

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_RNG_H_
