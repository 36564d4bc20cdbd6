// The basket may depend only on declared attributes and the weights, never
// on vendor or product ids, names or the order the market lists them in.
// The market below is full of ties (identical products at vendors the same
// distance from home), so any leak of ids or order into the choice would
// show up as a different basket.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

#include "hearth/grocery/shopping.h"

namespace hearth::grocery {
namespace {

const GeoPoint kHome{52.0, 5.0};

Food MakeFood(int32_t ndb, std::string group, double refuse) {
  Food f;
  f.id = FoodId{ndb};
  f.group_code = std::move(group);
  f.name = "food " + std::to_string(ndb);
  f.refuse_pct = refuse;
  return f;
}

struct World {
  FoodDb foods{std::vector<Food>{MakeFood(9003, "0900", 10), MakeFood(11124, "1100", 11),
                                 MakeFood(20040, "2000", 0), MakeFood(1077, "0100", 0),
                                 MakeFood(16056, "1600", 0), MakeFood(5062, "0500", 5)}};
  std::vector<Recipe> recipes;
  World() {
    Recipe r;
    r.id = "stew";
    r.name = "Stew";
    r.servings = 4;
    for (const Food& f : foods.foods()) r.ingredients.push_back({f.id, 250, f.name, false});
    recipes.push_back(r);
  }
  ShoppingReference Ref() const {
    ShoppingReference ref;
    ref.foods = &foods;
    ref.recipes = &recipes;
    ref.defaults = [](FoodId id) -> std::optional<FoodDefault> {
      return FoodDefault{3.0, 0.5 + (id.ndb % 7)};
    };
    return ref;
  }
};

// Eight vendors on a circle around home (four pairs at the same distance),
// each selling most foods in two package sizes; prices repeat so that many
// baskets tie.
Market MakeMarket() {
  Market m;
  const double radius[4] = {0.02, 0.05, 0.05, 0.1};
  for (int v = 0; v < 8; ++v) {
    Vendor vendor;
    vendor.id = "vendor-" + std::to_string(v);
    vendor.name = "Stall " + std::to_string(v);
    vendor.kind = v % 3 == 0 ? VendorKind::kFarm : VendorKind::kMarketStall;
    const double angle = v * 0.785398;
    vendor.location = {kHome.lat + radius[v / 2] * std::sin(angle), kHome.lon + radius[v / 2] * std::cos(angle)};
    m.vendors.push_back(vendor);
  }
  const int32_t foods[6] = {9003, 11124, 20040, 1077, 16056, 5062};
  int n = 0;
  for (int v = 0; v < 8; ++v) {
    for (int f = 0; f < 6; ++f) {
      if ((v + f) % 4 == 3) continue;  // Not everyone sells everything.
      for (double size : {500.0, 1000.0}) {
        Product p;
        p.id = "p" + std::to_string(n++);
        p.vendor_id = m.vendors[static_cast<size_t>(v)].id;
        p.name = "Product " + p.id;
        p.food = FoodId{foods[f]};
        p.package_g = size;
        p.price = (size / 1000) * (2 + f % 3) + 0.5;  // The same price at every vendor.
        if (f == 2 && v < 4) p.stock = 1;
        if (f == 4) p.co2e_per_kg = 1.0;
        if (v % 4 == 1) p.production = Production::kLocalFarm;
        m.products.push_back(p);
      }
    }
  }
  return m;
}

// Renames and renumbers every vendor and product and shuffles both lists.
Market Disguise(const Market& in, uint32_t seed) {
  std::mt19937 rng(seed);
  Market m = in;
  std::vector<int> perm(m.vendors.size());
  for (size_t i = 0; i < perm.size(); ++i) perm[i] = static_cast<int>(i);
  std::shuffle(perm.begin(), perm.end(), rng);
  std::map<std::string, std::string> rename;
  for (size_t i = 0; i < m.vendors.size(); ++i) {
    std::string id = "zz-" + std::to_string(perm[i] * 7 + 3);
    rename[m.vendors[i].id] = id;
    m.vendors[i].id = id;
    m.vendors[i].name = "Renamed " + std::to_string(perm[i]);
  }
  std::vector<int> pperm(m.products.size());
  for (size_t i = 0; i < pperm.size(); ++i) pperm[i] = static_cast<int>(i);
  std::shuffle(pperm.begin(), pperm.end(), rng);
  for (size_t i = 0; i < m.products.size(); ++i) {
    m.products[i].vendor_id = rename.at(m.products[i].vendor_id);
    m.products[i].id = "q" + std::to_string(pperm[i]);
    m.products[i].name = "Other name " + std::to_string(pperm[i]);
  }
  std::shuffle(m.vendors.begin(), m.vendors.end(), rng);
  std::shuffle(m.products.begin(), m.products.end(), rng);
  return m;
}

using Row = std::tuple<int32_t, double, double, double, double, int64_t>;

// The basket by attributes: food, package, price, vendor location, quantity.
std::vector<Row> Basket(const ShoppingList& l) {
  std::vector<Row> rows;
  for (const VendorBasket& b : l.vendors)
    for (const AisleGroup& g : b.aisles)
      for (const ShoppingLine& line : g.lines)
        rows.emplace_back(line.food.ndb, line.package_g, line.price, b.location.lat, b.location.lon, line.quantity);
  std::sort(rows.begin(), rows.end());
  return rows;
}

TEST(NoHiddenPreferenceTest, IdsNamesAndOrderDoNotChangeTheBasket) {
  World world;
  const Market market = MakeMarket();
  for (const ShoppingWeights& w : {ShoppingWeights{}, LocalFirstWeights(), ShoppingWeights{1, 0, 0, 0, 0, 0}}) {
    ShoppingRequest r;
    r.meals = {{0, "dinner", "stew", 9}, {3, "dinner", "stew", 7}};
    r.start = *ParseDate("2026-05-04");
    r.home = kHome;
    r.weights = w;
    Result<ShoppingList> base = BuildShoppingList(world.Ref(), market, r);
    ASSERT_TRUE(base.ok()) << base.status().message();
    const std::vector<Row> expected = Basket(*base);
    ASSERT_FALSE(expected.empty());
    for (uint32_t seed = 1; seed <= 6; ++seed) {
      Result<ShoppingList> other = BuildShoppingList(world.Ref(), Disguise(market, seed), r);
      ASSERT_TRUE(other.ok()) << other.status().message();
      EXPECT_EQ(Basket(*other), expected) << "seed " << seed;
      EXPECT_DOUBLE_EQ(other->totals.cost, base->totals.cost);
      EXPECT_DOUBLE_EQ(other->objective_value, base->objective_value);
      // The same vendors in the same order (nearest first), by location.
      ASSERT_EQ(other->vendors.size(), base->vendors.size());
      for (size_t i = 0; i < base->vendors.size(); ++i) EXPECT_EQ(other->vendors[i].location, base->vendors[i].location);
    }
  }
}

}  // namespace
}  // namespace hearth::grocery
