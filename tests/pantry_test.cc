// The pantry service over a real SQLite store (temporary file) and the
// shipped catalogue.
#include "hearth/service/pantry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <map>

#include "test_catalog.h"

namespace hearth {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class PantryService : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "hearth-pantry-svc-XXXXXX").string();
    ASSERT_NE(mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    auto s = storage::OpenStore((dir_ / "hearth.db").string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  const FoodDb& foods() { return TestCatalog().foods(); }
  int64_t Add(int32_t ndb, double grams, std::optional<std::string> expiry = std::nullopt) {
    Result<PantryItem> it = AddToPantry(*store_, foods(), "home",
                                        {FoodId{ndb}, grams, "g", expiry ? ParseDate(*expiry) : std::nullopt, "", ""});
    EXPECT_TRUE(it.ok()) << it.status().ToString();
    return it.ok() ? it->id : 0;
  }
  std::map<int64_t, double> Grams() {
    std::map<int64_t, double> out;
    Result<std::vector<PantryItem>> items = store_->ListPantry("home");
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    if (items.ok()) {
      for (const PantryItem& it : *items) out[it.id] = it.grams;
    }
    return out;
  }

  fs::path dir_;
  std::unique_ptr<storage::Store> store_;
};

TEST_F(PantryService, FindFoodByNumberOrUnambiguousName) {
  Result<const Food*> rice = FindFood(foods(), "20044");
  ASSERT_TRUE(rice.ok());
  EXPECT_EQ((*rice)->id, FoodId{20044});
  Result<const Food*> egg = FindFood(foods(), "egg, whole, raw, fresh");
  ASSERT_TRUE(egg.ok()) << egg.status().ToString();
  EXPECT_EQ((*egg)->id, FoodId{1123});

  Result<const Food*> ambiguous = FindFood(foods(), "rice");
  EXPECT_EQ(ambiguous.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(ambiguous.status().message(), HasSubstr("20044 Rice, white, long-grain, regular, raw, enriched"));
  EXPECT_EQ(FindFood(foods(), "99999").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(FindFood(foods(), "xyzzyplugh").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(FindFood(foods(), " ").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(PantryService, GramsFromUnits) {
  const Food& rice = *foods().Find(FoodId{20044});
  EXPECT_DOUBLE_EQ(*PantryGrams(rice, 1.5, "kg"), 1500);
  EXPECT_DOUBLE_EQ(*PantryGrams(rice, 2, "cups"), 370);  // Plural of the SR28 "cup" (185 g).
  EXPECT_DOUBLE_EQ(*PantryGrams(rice, 1, "CUP"), 185);
  for (double bad : {0.0, -1.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    Result<double> g = PantryGrams(rice, bad, "g");
    EXPECT_EQ(g.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(g.status().message(), HasSubstr("20044 Rice, white")) << bad;
  }
  Result<double> unit = PantryGrams(rice, 1, "slices");
  EXPECT_EQ(unit.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(unit.status().message(), HasSubstr("no conversion from \"slices\""));
}

TEST_F(PantryService, UseIsFefoAndAllOrNothing) {
  const int64_t keeps = Add(20044, 100);
  const int64_t late = Add(20044, 100, "2030-02-01");
  const int64_t early = Add(20044, 100, "2030-01-01");
  const int64_t expired = Add(20044, 100, "2001-01-01");
  Result<PantryUse> too_much = UseFromPantry(*store_, foods(), "home", FoodId{20044}, 401, "g");
  ASSERT_TRUE(too_much.ok()) << too_much.status().ToString();
  ASSERT_TRUE(too_much->shortage.has_value());
  EXPECT_TRUE(too_much->takes.empty());
  EXPECT_DOUBLE_EQ(too_much->shortage->grams_asked, 401);
  EXPECT_DOUBLE_EQ(too_much->shortage->grams_held, 400);
  EXPECT_EQ(too_much->shortage->lots, 4u);
  EXPECT_EQ(too_much->shortage->Text(), "asked for 401 g, there are 400 g in 4 lots");
  EXPECT_EQ(Grams().size(), 4u);
  Result<PantryUse> none = UseFromPantry(*store_, foods(), "home", FoodId{1123}, 50, "g");
  ASSERT_TRUE(none.ok() && none->shortage);
  EXPECT_EQ(none->shortage->Text(), "asked for 50.0 g, there is none");

  Result<PantryUse> use = UseFromPantry(*store_, foods(), "home", FoodId{20044}, 250, "g");
  ASSERT_TRUE(use.ok()) << use.status().ToString();
  EXPECT_FALSE(use->shortage.has_value());
  const std::vector<PantryTake>* t = &use->takes;
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ((*t)[0].item_id, expired);
  EXPECT_EQ((*t)[1].item_id, early);
  EXPECT_EQ((*t)[2].item_id, late);
  EXPECT_DOUBLE_EQ((*t)[2].grams_taken, 50);
  EXPECT_EQ(Grams(), (std::map<int64_t, double>{{keeps, 100}, {late, 50}}));
}

TEST_F(PantryService, ListMarksExpiry) {
  Add(20044, 100, "2030-01-10");  // 9 days after "today"
  Add(20044, 100, "2030-01-04");  // 3 days: soon
  Add(20044, 100, "2029-12-31");  // expired
  Add(20044, 100);
  const Date today = *ParseDate("2030-01-01");
  Result<std::vector<PantryEntry>> all = ListPantryEntries(*store_, foods(), "home", today);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].state, ExpiryState::kExpired);
  EXPECT_EQ((*all)[0].days_left, -1);
  EXPECT_EQ((*all)[1].state, ExpiryState::kExpiresSoon);
  EXPECT_EQ((*all)[1].days_left, 3);
  EXPECT_EQ((*all)[2].state, ExpiryState::kFresh);
  EXPECT_EQ((*all)[2].days_left, 9);
  EXPECT_EQ((*all)[3].state, ExpiryState::kKeeps);
  EXPECT_FALSE((*all)[3].days_left.has_value());
  ASSERT_NE((*all)[0].food, nullptr);
  EXPECT_EQ(ListPantryEntries(*store_, foods(), "home", today, 3)->size(), 2u);
}

// Two people sharing each meal (shares 1 and 0.5): every ingredient scales by
// servings × 1.5 / recipe servings.
TEST_F(PantryService, CookScalesByHouseholdServings) {
  const Catalog& c = TestCatalog();
  ASSERT_GE(c.recipes().size(), 2u);
  const Recipe& r0 = c.recipes()[0];
  const Recipe& r1 = c.recipes()[1];
  BuiltInstance built;
  planner::PlanInstance& in = built.instance;
  in.plan.days = 2;
  in.plan.slots = {"breakfast", "lunch"};
  in.people = {{"a", 1.0}, {"b", 0.5}};
  in.recipes.resize(3);
  in.recipes[0].id = r0.id;
  in.recipes[1].id = r1.id;
  in.recipes[2].id = "none-lunch";
  in.recipes[2].skip = true;
  planner::Plan plan;
  plan.cells = {{0, 2.0}, {2, 1.0}, {1, 1.0}, {0, 0.5}};  // day 1: r0, no lunch; day 2: r1, r0.

  std::map<FoodId, double> need;
  for (const Ingredient& ing : r0.ingredients) need[ing.food] += ing.grams * 2.0 * 1.5 / r0.servings;
  ASSERT_FALSE(need.empty());
  // Stock all but the first food with 10 g spare; the first not at all.
  std::map<FoodId, int64_t> lot;
  for (auto it = std::next(need.begin()); it != need.end(); ++it) {
    if (it->second > 0) lot[it->first] = Add(it->first.ndb, it->second + 10);
  }

  Result<CookReport> r = CookPlannedMeals(*store_, c, "home", built, plan, 0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->meals.size(), 1u);  // The "no meal" lunch is not cooked.
  EXPECT_EQ(r->meals[0].recipe_id, r0.id);
  EXPECT_DOUBLE_EQ(r->meals[0].servings, 3.0);
  ASSERT_EQ(r->shortfalls.size(), 1u);
  EXPECT_EQ(r->shortfalls[0].food, need.begin()->first);
  EXPECT_NEAR(r->shortfalls[0].grams_missing, need.begin()->second, 1e-9);
  std::map<int64_t, double> g = Grams();
  for (const auto& [food, id] : lot) EXPECT_NEAR(g[id], 10, 1e-6) << FormatFoodId(food);

  // One slot of day 2 only.
  Result<CookReport> lunch = CookPlannedMeals(*store_, c, "home", built, plan, 1, "lunch");
  ASSERT_TRUE(lunch.ok());
  ASSERT_EQ(lunch->meals.size(), 1u);
  EXPECT_EQ(lunch->meals[0].recipe_id, r0.id);
  EXPECT_DOUBLE_EQ(lunch->meals[0].servings, 0.75);

  EXPECT_EQ(CookPlannedMeals(*store_, c, "home", built, plan, 2).status().code(), StatusCode::kInvalidArgument);
  Result<CookReport> bad_slot = CookPlannedMeals(*store_, c, "home", built, plan, 0, "supper");
  EXPECT_EQ(bad_slot.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_slot.status().message(), HasSubstr("breakfast, lunch"));
}

}  // namespace
}  // namespace hearth
