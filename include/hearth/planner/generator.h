// Synthetic plan instances of any size for tests and benchmarks: recipes are
// mixes of a few food-like nutrient profiles (legumes, grains, dairy, meat,
// fish, vegetables, fruit, nuts, sweets), the plan has ~30 daily rows, 8
// energy-share rows, 8 weekly-average rows, variety 2/week and 1/day, two
// excluded allergens and a budget. A plan is planted and bounds are relaxed
// just enough to keep it feasible, so every generated instance is feasible.
//
// Thread safety: free function without shared state.
#ifndef HEARTH_PLANNER_GENERATOR_H_
#define HEARTH_PLANNER_GENERATOR_H_

#include <cstdint>

#include "hearth/planner/instance.h"

namespace hearth::planner {

struct GeneratorOptions {
  int recipes = 1000;       // Number of recipes. Default: 1000.
  std::uint64_t seed = 1;   // Same seed => identical instance. Default: 1.
  int days = 7;             // Plan days (1..28). Default: 7.
};

PlanInstance GenerateInstance(const GeneratorOptions& options);

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_GENERATOR_H_
