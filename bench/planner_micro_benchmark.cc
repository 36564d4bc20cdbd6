// Micro benchmarks of the planner's inner loops: instance parsing, plan
// verification and instance generation, at 1,000 recipes.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "hearth/planner/generator.h"
#include "hearth/planner/instance_io.h"
#include "hearth/planner/verify.h"

namespace hearth::planner {
namespace {

const PlanInstance& Instance1000() {
  static const PlanInstance inst = GenerateInstance({.recipes = 1000, .seed = 1});
  return inst;
}

void BM_ParseInstance(benchmark::State& state) {
  const std::string text = InstanceToJson(Instance1000());
  for (auto _ : state) {
    Result<PlanInstance> r = ParseInstanceJson(text);
    benchmark::DoNotOptimize(r.ok());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ParseInstance)->Unit(benchmark::kMillisecond);

void BM_VerifyPlan(benchmark::State& state) {
  const PlanInstance& inst = Instance1000();
  Plan plan;
  // Any plan will do: the next recipe that fits each cell's slot.
  int r = 0;
  const int n = static_cast<int>(inst.recipes.size());
  for (int c = 0; c < inst.num_cells(); ++c) {
    const int slot = c % inst.num_slots();
    for (int tries = 0; tries < n; ++tries, r = (r + 1) % n) {
      const std::vector<int>& slots = inst.recipes[static_cast<size_t>(r)].slots;
      if (std::find(slots.begin(), slots.end(), slot) != slots.end()) break;
    }
    plan.cells.push_back({r, 1.0});
    r = (r + 1) % n;
  }
  for (auto _ : state) {
    PlanCheck check = CheckInstancePlan(inst, plan);
    benchmark::DoNotOptimize(check.objective);
  }
}
BENCHMARK(BM_VerifyPlan)->Unit(benchmark::kMicrosecond);

void BM_GenerateInstance(benchmark::State& state) {
  for (auto _ : state) {
    PlanInstance inst = GenerateInstance({.recipes = static_cast<int>(state.range(0)), .seed = 1});
    benchmark::DoNotOptimize(inst.recipes.size());
  }
}
BENCHMARK(BM_GenerateInstance)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace hearth::planner

BENCHMARK_MAIN();
