// Start-up and lookup costs of the reference catalogue: loading every shipped
// table (SR28, traits, DRI, conditions, 318 recipes) and ranked food search.
#include <benchmark/benchmark.h>

#include "hearth/service/catalog.h"

namespace hearth {
namespace {

void BM_CatalogLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto c = Catalog::Load(HEARTH_BENCH_DATA_DIR);
    if (!c.ok()) state.SkipWithError(c.status().ToString().c_str());
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_CatalogLoad)->Unit(benchmark::kMillisecond);

void BM_FoodSearch(benchmark::State& state) {
  auto c = Catalog::Load(HEARTH_BENCH_DATA_DIR);
  if (!c.ok()) {
    state.SkipWithError(c.status().ToString().c_str());
    return;
  }
  const char* queries[] = {"lentils", "olive oil", "chicken breast", "apple"};
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize((*c)->foods().Search(queries[i++ % 4], 20));
}
BENCHMARK(BM_FoodSearch)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace hearth

BENCHMARK_MAIN();
