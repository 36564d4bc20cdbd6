#include "hearth/grocery/shopping.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace hearth::grocery {
namespace {

constexpr FoodId kApple{9003};    // Produce, 10 % refuse in these tests.
constexpr FoodId kRice{20040};    // Grains.
constexpr FoodId kMilk{1077};     // Dairy.
constexpr FoodId kSaffron{2038};  // Sold nowhere.

const GeoPoint kHome{45.0, 7.0};
// About `km` north of home.
GeoPoint North(double km) { return {kHome.lat + km / 111.195, kHome.lon}; }

Food MakeFood(FoodId id, std::string group, std::string name, double refuse) {
  Food f;
  f.id = id;
  f.group_code = std::move(group);
  f.name = std::move(name);
  f.refuse_pct = refuse;
  return f;
}

// A small world: four foods, one recipe per food of 100 g edible per serving.
struct World {
  FoodDb foods{std::vector<Food>{MakeFood(kApple, "0900", "Apples, raw", 10),
                                 MakeFood(kRice, "2000", "Rice, brown", 0),
                                 MakeFood(kMilk, "0100", "Milk, whole", 0),
                                 MakeFood(kSaffron, "0200", "Spices, saffron", 0)}};
  std::vector<Recipe> recipes;
  std::map<int32_t, FoodDefault> defaults = {
      {kApple.ndb, {2.0, 0.4}}, {kRice.ndb, {3.0, 4.0}}, {kMilk.ndb, {1.0, 3.0}}, {kSaffron.ndb, {4.0, 1.0}}};

  World() {
    for (auto [id, food] : {std::pair{"apple", kApple}, {"rice", kRice}, {"milk", kMilk}, {"saffron", kSaffron}}) {
      Recipe r;
      r.id = id;
      r.name = std::string("Just ") + id;
      r.servings = 1;
      r.ingredients.push_back({food, 100, id, false});
      recipes.push_back(r);
    }
  }
  ShoppingReference Ref() const {
    ShoppingReference ref;
    ref.foods = &foods;
    ref.recipes = &recipes;
    ref.defaults = [this](FoodId id) -> std::optional<FoodDefault> {
      auto it = defaults.find(id.ndb);
      if (it == defaults.end()) return std::nullopt;
      return it->second;
    };
    return ref;
  }
};

Vendor MakeVendor(std::string id, GeoPoint at) {
  Vendor v;
  v.id = id;
  v.name = "Vendor " + id;
  v.kind = VendorKind::kGrocer;
  v.location = at;
  return v;
}

Product MakeProduct(std::string vendor, std::string id, FoodId food, double package_g, double price,
                    std::optional<int64_t> stock = std::nullopt) {
  Product p;
  p.id = id;
  p.vendor_id = vendor;
  p.name = id;
  p.food = food;
  p.package_g = package_g;
  p.price = price;
  p.stock = stock;
  return p;
}

ShoppingRequest Request(std::vector<PlannedMeal> meals, ShoppingWeights w) {
  ShoppingRequest r;
  r.meals = std::move(meals);
  r.start = *ParseDate("2026-03-02");
  r.home = kHome;
  r.weights = w;
  return r;
}

ShoppingWeights CostOnly() {
  ShoppingWeights w;
  w.cost = 1;
  w.co2e = 0;
  w.distance = 0;
  w.vendors = 0;
  return w;
}

// (vendor id, product id) → quantity.
std::map<std::pair<std::string, std::string>, int64_t> Quantities(const ShoppingList& l) {
  std::map<std::pair<std::string, std::string>, int64_t> q;
  for (const VendorBasket& b : l.vendors)
    for (const AisleGroup& g : b.aisles)
      for (const ShoppingLine& line : g.lines) q[{line.vendor_id, line.product_id}] += line.quantity;
  return q;
}

TEST(ShoppingTest, DistanceWeightDecidesBetweenCheapFarAndDearNearVendor) {
  World world;
  Market m;
  m.vendors = {MakeVendor("near", kHome), MakeVendor("far", North(10))};
  m.products = {MakeProduct("near", "rice", kRice, 1000, 5.0), MakeProduct("far", "rice", kRice, 1000, 3.0)};
  std::vector<PlannedMeal> meals = {{0, "lunch", "rice", 10}};  // 1,000 g.
  const double far_km = DistanceKm(kHome, North(10));

  ShoppingWeights w = CostOnly();
  w.distance = 0.2;
  // Near: 5. Far: 3 + 0.2 × the round trip (about 4).
  ASSERT_GT(3 + 0.2 * 2 * far_km, 5.0);
  Result<ShoppingList> l = BuildShoppingList(world.Ref(), m, Request(meals, w));
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(Quantities(*l), (std::map<std::pair<std::string, std::string>, int64_t>{{{"near", "rice"}, 1}}));
  EXPECT_DOUBLE_EQ(l->totals.cost, 5.0);
  EXPECT_NEAR(l->totals.travel_km, 0, 1e-9);

  w.distance = 0;
  l = BuildShoppingList(world.Ref(), m, Request(meals, w));
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(Quantities(*l), (std::map<std::pair<std::string, std::string>, int64_t>{{{"far", "rice"}, 1}}));
  EXPECT_DOUBLE_EQ(l->totals.cost, 3.0);
  EXPECT_NEAR(l->totals.travel_km, 2 * far_km, 1e-9);
  EXPECT_EQ(l->solver_status, "optimal");
}

TEST(ShoppingTest, PantryCoveringEverythingBuysNothing) {
  World world;
  Market m;
  m.vendors = {MakeVendor("v", kHome)};
  m.products = {MakeProduct("v", "rice", kRice, 1000, 1.0)};
  ShoppingRequest r = Request({{0, "lunch", "rice", 2}, {3, "dinner", "rice", 3}}, ShoppingWeights{});
  r.pantry = {{7, kRice, 350, std::nullopt, "cupboard", ""}, {8, kRice, 200, r.start + std::chrono::days{3}, "", ""}};
  Result<ShoppingList> l = BuildShoppingList(world.Ref(), m, r);
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_TRUE(l->vendors.empty());
  EXPECT_TRUE(l->unavailable.empty());
  EXPECT_EQ(l->solver_status, "none");
  EXPECT_DOUBLE_EQ(l->totals.cost, 0);
  // 500 g from two lots: the expiring one first (200 g), then 300 g of the other.
  ASSERT_EQ(l->pantry_used.size(), 2u);
  EXPECT_EQ(l->pantry_used[0].item_id, 8);
  EXPECT_DOUBLE_EQ(l->pantry_used[0].grams, 200);
  EXPECT_EQ(l->pantry_used[1].item_id, 7);
  EXPECT_DOUBLE_EQ(l->pantry_used[1].grams, 300);
}

TEST(ShoppingTest, ExpiredAndTooEarlyExpiringLotsAreNotCounted) {
  World world;
  Market m;
  m.vendors = {MakeVendor("v", kHome)};
  m.products = {MakeProduct("v", "rice", kRice, 100, 1.0)};
  // 300 g on day 3 (2026-03-05).
  ShoppingRequest r = Request({{3, "dinner", "rice", 3}}, CostOnly());
  r.pantry = {{1, kRice, 1000, r.start - std::chrono::days{1}, "", ""},  // Expired before the plan.
              {2, kRice, 1000, r.start + std::chrono::days{2}, "", ""},  // Expires the day before the meal.
              {3, kRice, 100, r.start + std::chrono::days{3}, "", ""}};  // Good on the meal's day.
  Result<ShoppingList> l = BuildShoppingList(world.Ref(), m, r);
  ASSERT_TRUE(l.ok()) << l.status().message();
  ASSERT_EQ(l->pantry_used.size(), 1u);
  EXPECT_EQ(l->pantry_used[0].item_id, 3);
  EXPECT_EQ(Quantities(*l), (std::map<std::pair<std::string, std::string>, int64_t>{{{"v", "rice"}, 2}}));
}

TEST(ShoppingTest, PantryServesEarlierMealsFirst) {
  std::vector<DatedNeed> needs = {{kRice, *ParseDate("2026-03-05"), 100}, {kRice, *ParseDate("2026-03-02"), 100}};
  std::vector<PantryItem> pantry = {{1, kRice, 150, ParseDate("2026-03-04"), "", ""}};
  PantryAllocation a = AllocatePantry(needs, pantry);
  // The lot is good until the 4th: it covers the 2nd, 50 g are left unused;
  // the 5th still needs 100 g.
  ASSERT_EQ(a.remaining.size(), 1u);
  EXPECT_EQ(a.remaining[0].date, *ParseDate("2026-03-05"));
  EXPECT_DOUBLE_EQ(a.remaining[0].grams, 100);
  ASSERT_EQ(a.used.size(), 1u);
  EXPECT_DOUBLE_EQ(a.used[0].grams, 100);
}

TEST(ShoppingTest, StockLimitForcesASecondVendor) {
  World world;
  Market m;
  m.vendors = {MakeVendor("a", kHome), MakeVendor("b", North(1))};
  m.products = {MakeProduct("a", "rice", kRice, 1000, 1.0, 2), MakeProduct("b", "rice", kRice, 1000, 2.0, 5)};
  ShoppingWeights w = CostOnly();
  w.vendors = 1;
  Result<ShoppingList> l = BuildShoppingList(world.Ref(), m, Request({{0, "lunch", "rice", 30}}, w));
  ASSERT_TRUE(l.ok()) << l.status().message();
  // 3 kg; a has only 2 packages: b alone costs 6 + 1, a and b 2 + 2 + 2.
  EXPECT_EQ(Quantities(*l),
            (std::map<std::pair<std::string, std::string>, int64_t>{{{"a", "rice"}, 2}, {{"b", "rice"}, 1}}));
  EXPECT_EQ(l->totals.vendors_visited, 2);
  EXPECT_EQ(l->vendors.front().vendor_id, "a");  // Nearest first.
}

TEST(ShoppingTest, WholePackagesLeaveLeftovers) {
  World world;
  Market m;
  m.vendors = {MakeVendor("v", kHome)};
  m.products = {MakeProduct("v", "milk", kMilk, 500, 1.2)};
  Result<ShoppingList> l = BuildShoppingList(world.Ref(), m, Request({{0, "breakfast", "milk", 12}}, CostOnly()));
  ASSERT_TRUE(l.ok()) << l.status().message();
  // 1,200 g → 3 packages of 500 g, 300 g left over.
  EXPECT_EQ(Quantities(*l), (std::map<std::pair<std::string, std::string>, int64_t>{{{"v", "milk"}, 3}}));
  EXPECT_NEAR(l->totals.cost, 3.6, 1e-9);
  ASSERT_EQ(l->leftovers.size(), 1u);
  EXPECT_EQ(l->leftovers[0].food, kMilk);
  EXPECT_NEAR(l->leftovers[0].bought_g, 1500, 1e-9);
  EXPECT_NEAR(l->leftovers[0].leftover_g, 300, 1e-9);
  EXPECT_EQ(l->vendors[0].aisles[0].aisle, Aisle::kDairyEggs);
}

TEST(ShoppingTest, RefuseScalesPurchasedWeight) {
  World world;
  Market m;
  m.vendors = {MakeVendor("v", kHome)};
  m.products = {MakeProduct("v", "apples", kApple, 250, 1.0)};
  // 900 g edible at 10 % refuse = 1,000 g as bought = 4 packages of 250 g
  // (3.6 without the refuse).
  Result<ShoppingList> l = BuildShoppingList(world.Ref(), m, Request({{0, "snack", "apple", 9}}, CostOnly()));
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(Quantities(*l), (std::map<std::pair<std::string, std::string>, int64_t>{{{"v", "apples"}, 4}}));
  EXPECT_TRUE(l->leftovers.empty());
  // 9.1 servings: 910 / 0.9 = 1,011 g → 5 packages, 239 g left.
  l = BuildShoppingList(world.Ref(), m, Request({{0, "snack", "apple", 9.1}}, CostOnly()));
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(Quantities(*l), (std::map<std::pair<std::string, std::string>, int64_t>{{{"v", "apples"}, 5}}));
  ASSERT_EQ(l->leftovers.size(), 1u);
  EXPECT_NEAR(l->leftovers[0].leftover_g, 1250 - 910 / 0.9, 1e-6);
}

TEST(ShoppingTest, VendorVisitWeightConsolidates) {
  World world;
  Market m;
  m.vendors = {MakeVendor("one", kHome), MakeVendor("two", kHome)};
  m.products = {MakeProduct("one", "rice", kRice, 1000, 2), MakeProduct("one", "milk", kMilk, 1000, 3),
                MakeProduct("two", "rice", kRice, 1000, 3), MakeProduct("two", "milk", kMilk, 1000, 2)};
  std::vector<PlannedMeal> meals = {{0, "lunch", "rice", 10}, {0, "breakfast", "milk", 10}};
  ShoppingWeights w = CostOnly();
  Result<ShoppingList> l = BuildShoppingList(world.Ref(), m, Request(meals, w));
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->totals.vendors_visited, 2);  // 2 + 2.
  EXPECT_DOUBLE_EQ(l->totals.cost, 4);
  w.vendors = 2;  // Two visits: 4 + 4; one: 5 + 2.
  l = BuildShoppingList(world.Ref(), m, Request(meals, w));
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->totals.vendors_visited, 1);
  EXPECT_DOUBLE_EQ(l->totals.cost, 5);
  EXPECT_DOUBLE_EQ(l->objective_value, 7);
}

TEST(ShoppingTest, OtherCurrencyIsAnErrorNamingTheProduct) {
  World world;
  Market m;
  m.vendors = {MakeVendor("v", kHome)};
  m.products = {MakeProduct("v", "riso-1kg", kRice, 1000, 2)};
  m.products[0].currency = "EUR";
  Result<ShoppingList> l = BuildShoppingList(world.Ref(), m, Request({{0, "lunch", "rice", 1}}, CostOnly()));
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(l.status().message().find("riso-1kg"), std::string::npos) << l.status().message();
  EXPECT_NE(l.status().message().find("EUR"), std::string::npos);
}

TEST(ShoppingTest, UnknownRecipeIsNotFound) {
  World world;
  Result<ShoppingList> l =
      BuildShoppingList(world.Ref(), Market{}, Request({{1, "dinner", "moon-cheese", 1}}, CostOnly()));
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().code(), StatusCode::kNotFound);
  EXPECT_NE(l.status().message().find("moon-cheese"), std::string::npos) << l.status().message();
}

TEST(ShoppingTest, UnavailableFoodIsListedWithTheDefaultEstimate) {
  World world;
  Market m;
  m.vendors = {MakeVendor("v", kHome)};
  m.products = {MakeProduct("v", "rice", kRice, 1000, 2, 1)};
  // Saffron: nowhere, 500 g at the default 4/kg = 2. Rice: 2 kg needed, 1 in stock.
  Result<ShoppingList> l = BuildShoppingList(
      world.Ref(), m, Request({{0, "lunch", "saffron", 5}, {0, "dinner", "rice", 20}}, CostOnly()));
  ASSERT_TRUE(l.ok()) << l.status().message();
  ASSERT_EQ(l->unavailable.size(), 2u);
  std::map<int32_t, UnavailableFood> by;
  for (const UnavailableFood& u : l->unavailable) by[u.food.ndb] = u;
  EXPECT_NEAR(by[kSaffron.ndb].edible_g, 500, 1e-6);
  ASSERT_TRUE(by[kSaffron.ndb].estimated_cost.has_value());
  EXPECT_NEAR(*by[kSaffron.ndb].estimated_cost, 2.0, 1e-9);
  EXPECT_FALSE(by[kSaffron.ndb].partly_available);
  EXPECT_EQ(by[kSaffron.ndb].aisle, Aisle::kSpicesCondiments);
  EXPECT_NEAR(by[kRice.ndb].edible_g, 1000, 1e-6);
  EXPECT_TRUE(by[kRice.ndb].partly_available);
  EXPECT_NEAR(l->totals.unavailable_estimate, 2.0 + 3.0, 1e-9);
  EXPECT_EQ(Quantities(*l), (std::map<std::pair<std::string, std::string>, int64_t>{{{"v", "rice"}, 1}}));
}

TEST(ShoppingTest, SourcingFiguresAreFlagged) {
  World world;
  Market m;
  m.vendors = {MakeVendor("v", kHome)};
  Product rice = MakeProduct("v", "rice", kRice, 1000, 2);
  rice.co2e_per_kg = 1.5;
  rice.origin_location = North(50);
  rice.production = Production::kLabGrown;
  Product milk = MakeProduct("v", "milk", kMilk, 1000, 1);
  milk.origin_location = North(300);
  m.products = {rice, milk};
  Result<ShoppingList> l = BuildShoppingList(
      world.Ref(), m, Request({{0, "lunch", "rice", 10}, {1, "breakfast", "milk", 10}}, CostOnly()));
  ASSERT_TRUE(l.ok()) << l.status().message();
  std::map<int32_t, ShoppingLine> by;
  for (const AisleGroup& g : l->vendors.at(0).aisles)
    for (const ShoppingLine& line : g.lines) by[line.food.ndb] = line;
  EXPECT_EQ(by[kRice.ndb].co2e_source, FigureSource::kVendor);
  EXPECT_DOUBLE_EQ(by[kRice.ndb].co2e_kg, 1.5);
  EXPECT_TRUE(by[kRice.ndb].local);  // 50 km from home.
  EXPECT_EQ(by[kMilk.ndb].co2e_source, FigureSource::kDefault);
  EXPECT_DOUBLE_EQ(by[kMilk.ndb].co2e_kg, 3.0);
  EXPECT_FALSE(by[kMilk.ndb].local);
  EXPECT_NEAR(*by[kMilk.ndb].food_miles_km, DistanceKm(North(300), kHome), 1e-9);
  EXPECT_NEAR(l->totals.local_pct, 50, 1e-9);
  EXPECT_NEAR(l->totals.lab_grown_pct, 50, 1e-9);
  EXPECT_NEAR(l->totals.co2e_kg, 4.5, 1e-9);
  EXPECT_NEAR(l->totals.food_miles_kg_km, DistanceKm(North(50), kHome) + DistanceKm(North(300), kHome), 1e-6);
  // Meal footprints: day 1 rice with the vendor's figure, day 2 milk with the default.
  ASSERT_EQ(l->meals.size(), 2u);
  EXPECT_NEAR(l->meals[0].co2e_kg, 1.5, 1e-9);
  EXPECT_NEAR(l->meals[0].vendor_figure_pct, 100, 1e-9);
  EXPECT_NEAR(l->meals[1].co2e_kg, 3.0, 1e-9);
  EXPECT_NEAR(l->meals[1].vendor_figure_pct, 0, 1e-9);
  EXPECT_EQ(FormatDate(l->meals[1].date), "2026-03-03");
}

TEST(ShoppingTest, LocalFirstPrefersTheLocalFarm) {
  World world;
  Market m;
  m.vendors = {MakeVendor("v", kHome)};
  Product imported = MakeProduct("v", "imported", kRice, 1000, 2.0);
  imported.origin_location = GeoPoint{13.7, 100.5};
  Product local = MakeProduct("v", "local", kRice, 1000, 2.5);
  local.production = Production::kLocalFarm;
  m.products = {imported, local};
  std::vector<PlannedMeal> meals = {{0, "lunch", "rice", 10}};
  Result<ShoppingList> l = BuildShoppingList(world.Ref(), m, Request(meals, ShoppingWeights{}));
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(Quantities(*l), (std::map<std::pair<std::string, std::string>, int64_t>{{{"v", "imported"}, 1}}));
  l = BuildShoppingList(world.Ref(), m, Request(meals, LocalFirstWeights()));
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(Quantities(*l), (std::map<std::pair<std::string, std::string>, int64_t>{{{"v", "local"}, 1}}));
  EXPECT_NEAR(l->totals.local_pct, 100, 1e-9);
}

TEST(ShoppingTest, ParseWeightsNamesTheBadItem) {
  Result<ShoppingWeights> w = ParseWeights("cost=2, co2e=0.5,vendors=0", ShoppingWeights{});
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(w->cost, 2);
  EXPECT_EQ(w->co2e, 0.5);
  EXPECT_EQ(w->vendors, 0);
  EXPECT_EQ(w->distance, ShoppingWeights{}.distance);
  Result<ShoppingWeights> bad = ParseWeights("cost=1,speed=3", ShoppingWeights{});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown weight \"speed\""), std::string::npos);
  bad = ParseWeights("distance=-1", ShoppingWeights{});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("\"distance\""), std::string::npos);
  bad = ParseWeights("co2e=lots", ShoppingWeights{});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("\"lots\" is not a number"), std::string::npos);
  bad = ParseWeights("cost", ShoppingWeights{});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("\"cost\""), std::string::npos);
}

TEST(ShoppingTest, AislesFollowFoodGroups) {
  EXPECT_EQ(AisleOfGroup("1100"), Aisle::kProduce);
  EXPECT_EQ(AisleOfGroup("1500"), Aisle::kMeatFish);
  EXPECT_EQ(AisleOfGroup("1800"), Aisle::kBakeryGrains);
  EXPECT_EQ(AisleOfGroup("1600"), Aisle::kPantryStaples);
  EXPECT_EQ(AisleOfGroup("0200"), Aisle::kSpicesCondiments);
  EXPECT_EQ(AisleOfGroup("9999"), Aisle::kOther);
}

}  // namespace
}  // namespace hearth::grocery
