// Shopping-list building (BuildShoppingList: needs, pantry, the basket MILP,
// sourcing) for a 4-person, 14-day plan over a 20-vendor market, both
// generated deterministically from the shipped foods and recipes.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

#include "hearth/grocery/shopping.h"
#include "hearth/service/catalog.h"
#include "hearth/service/shop.h"

namespace hearth {
namespace {

const Catalog& LoadCatalog() {
  static std::unique_ptr<Catalog> c = [] {
    Result<std::unique_ptr<Catalog>> r = Catalog::Load(HEARTH_BENCH_DATA_DIR);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().message().c_str());
      std::abort();
    }
    return std::move(r).value();
  }();
  return *c;
}

// 14 days × breakfast, lunch, dinner, snack; recipes that fit the slot taken
// in turn with a stride; 4 people eating 1 serving each per meal.
std::vector<grocery::PlannedMeal> MakeMeals(const Catalog& c) {
  const MealType types[4] = {MealType::kBreakfast, MealType::kLunch, MealType::kDinner, MealType::kSnack};
  const char* names[4] = {"breakfast", "lunch", "dinner", "snack"};
  std::vector<grocery::PlannedMeal> meals;
  size_t next[4] = {0, 7, 13, 29};
  for (int day = 0; day < 14; ++day) {
    for (int s = 0; s < 4; ++s) {
      const std::vector<Recipe>& rs = c.recipes();
      for (size_t tries = 0; tries < rs.size(); ++tries) {
        const Recipe& r = rs[next[s] % rs.size()];
        next[s] += 17;
        if (r.Fits(types[s])) {
          meals.push_back({day, names[s], r.id, 4.0});
          break;
        }
      }
    }
  }
  return meals;
}

// 20 vendors on a 5 × 4 grid about 3 km apart around the centre; each sells
// about two thirds of the needed foods in two package sizes at its own
// price level; some declare footprints, origins, stock.
Market MakeMarket(const Catalog& c, const std::vector<grocery::PlannedMeal>& meals, GeoPoint centre) {
  std::set<int32_t> foods;
  for (const grocery::PlannedMeal& m : meals) {
    const Recipe& r = c.recipes()[static_cast<size_t>(c.FindRecipe(m.recipe))];
    for (const Ingredient& i : r.ingredients) foods.insert(i.food.ndb);
  }
  Market market;
  for (int v = 0; v < 20; ++v) {
    Vendor vendor;
    vendor.id = "vendor-" + std::to_string(v);
    vendor.name = "Vendor " + std::to_string(v);
    vendor.kind = static_cast<VendorKind>(v % 3);
    vendor.location = {centre.lat + 0.027 * (v % 5 - 2), centre.lon + 0.038 * (v / 5 - 1.5)};
    market.vendors.push_back(vendor);
  }
  int n = 0;
  for (int32_t f : foods) {
    const FoodCost* cost = c.costs().Find(FoodId{f});
    const double per_kg = cost && cost->price_per_kg ? *cost->price_per_kg : 5.0;
    for (int v = 0; v < 20; ++v) {
      if ((f * 31 + v * 7) % 3 == 0) continue;
      for (double size : {250.0, 1000.0}) {
        Product p;
        p.id = "p" + std::to_string(n++);
        p.vendor_id = market.vendors[static_cast<size_t>(v)].id;
        p.name = p.id;
        p.food = FoodId{f};
        p.package_g = size;
        const double level = 0.8 + 0.02 * ((v * 13 + f) % 20);
        p.price = std::round(per_kg * size / 1000 * level * (size < 500 ? 1.1 : 1.0) * 100) / 100;
        if ((f + v) % 4 == 0) p.co2e_per_kg = (cost ? cost->co2e_per_kg : 1.0) * 0.8;
        if ((f + v) % 5 == 0) p.stock = 2;
        if (v % 4 == 0) {
          p.production = Production::kLocalFarm;
          p.origin_location = GeoPoint{centre.lat + 0.3, centre.lon};
        }
        market.products.push_back(p);
      }
    }
  }
  return market;
}

void BM_ShoppingList(benchmark::State& state, bool local_first) {
  const Catalog& c = LoadCatalog();
  const GeoPoint centre{45.07, 7.68};
  std::vector<grocery::PlannedMeal> meals = MakeMeals(c);
  const Market market = MakeMarket(c, meals, centre);
  grocery::ShoppingRequest req;
  req.meals = meals;
  req.start = *ParseDate("2026-03-02");
  req.home = centre;
  req.weights = local_first ? grocery::LocalFirstWeights() : grocery::ShoppingWeights{};
  const grocery::ShoppingReference ref = ShoppingReferenceOf(c, "USD");
  grocery::ShoppingList last;
  for (auto _ : state) {
    Result<grocery::ShoppingList> l = grocery::BuildShoppingList(ref, market, req);
    if (!l.ok()) {
      state.SkipWithError(l.status().message().c_str());
      return;
    }
    last = *std::move(l);
    benchmark::DoNotOptimize(last);
  }
  state.counters["meals"] = static_cast<double>(meals.size());
  state.counters["products"] = static_cast<double>(market.products.size());
  state.counters["vendors_visited"] = last.totals.vendors_visited;
  state.counters["lines"] = 0;
  double lines = 0;
  for (const auto& b : last.vendors)
    for (const auto& a : b.aisles) lines += static_cast<double>(a.lines.size());
  state.counters["lines"] = lines;
  state.counters["optimal"] = last.solver_status == "optimal" ? 1 : 0;
}

BENCHMARK_CAPTURE(BM_ShoppingList, default_weights, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ShoppingList, local_first, true)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace hearth

BENCHMARK_MAIN();
