#include "hearth/grocery/crisis.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "hearth/importer/pantry_io.h"
#include "hearth/service/crisis.h"
#include "test_catalog.h"

namespace hearth::grocery {
namespace {

using N = NutrientId;

const Food& F(int32_t ndb) {
  const Food* f = TestCatalog().foods().Find(FoodId{ndb});
  EXPECT_NE(f, nullptr) << ndb;
  return *f;
}
double Per100(int32_t ndb, N n) { return F(ndb).per_100g[static_cast<size_t>(Index(n))]; }

CrisisPerson Person(const std::string& file) {
  Profile p = ExampleProfile(file);
  Result<Targets> t = TestCatalog().TargetsFor(p);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return CrisisPerson{p.name, *t};
}
double Min(const CrisisPerson& p, N n) {
  const NutrientTarget* t = p.targets.Find(n);
  return t && t->min ? t->min->value : 0;
}

const Date kStart = *ParseDate("2026-11-01");

std::vector<RecipeFacts>& facts_storage() {
  static std::vector<RecipeFacts> v;
  return v;
}

CrisisInput Base(std::vector<CrisisPerson> people, std::vector<CrisisLot> lots, bool recipes = false) {
  CrisisInput in;
  in.foods = &TestCatalog().foods();
  if (recipes) {
    in.recipes = TestCatalog().recipes();
    facts_storage().clear();
    for (size_t i = 0; i < TestCatalog().recipes().size(); ++i) facts_storage().push_back(TestCatalog().facts(i));
    in.facts = facts_storage();
  }
  in.people = std::move(people);
  in.lots = std::move(lots);
  in.start = kStart;
  return in;
}

CrisisLot Lot(int32_t ndb, double grams, std::optional<int> last_day = std::nullopt) {
  CrisisLot l;
  l.food = FoodId{ndb};
  l.grams = grams;
  if (last_day) l.expiry = kStart + std::chrono::days(*last_day - 1);
  return l;
}

// Rice and dried kidney beans, plenty of protein: energy decides, to the day.
TEST(Crisis, RiceAndBeansLastAsLongAsTheirEnergy) {
  CrisisPerson ana = Person("ana-30-female.json");
  const double rice = 2500, beans = 2500;
  CrisisInput in = Base({ana}, {Lot(20044, rice), Lot(16027, beans)});
  in.micronutrients = std::vector<NutrientId>{};
  const double kcal = rice / 100 * Per100(20044, N::kEnergyKcal) + beans / 100 * Per100(16027, N::kEnergyKcal);
  const double need = Min(ana, N::kEnergyKcal);
  const int expected = static_cast<int>(std::floor(kcal / need));
  // The premise: eating both in proportion stays under each staple's daily cap,
  // and protein is ample.
  const double scale = ana.targets.energy_kcal / 2000;
  ASSERT_LT(rice / expected, StapleCapGrams(F(20044)) * scale);
  ASSERT_LT(beans / expected, StapleCapGrams(F(16027)) * scale);
  ASSERT_GT((rice * Per100(20044, N::kProtein) + beans * Per100(16027, N::kProtein)) / 100 / (expected + 1),
            Min(ana, N::kProtein));
  Result<CrisisResult> r = SolveCrisis(in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->days, expected);
  ASSERT_EQ(r->binding.size(), 1u);
  EXPECT_EQ(r->binding[0], N::kEnergyKcal);
  EXPECT_EQ(r->nutrient_days[0].nutrient, N::kEnergyKcal);
  EXPECT_EQ(r->nutrient_days[0].days, expected);
  EXPECT_GT(r->nutrient_days[1].days, expected);  // Protein alone lasts longer.
  EXPECT_EQ(CrisisDays(in).value(), expected);
}

// Abundant low-protein staples at their caps, a little tuna: protein decides.
TEST(Crisis, ScarceProteinDecides) {
  CrisisPerson ana = Person("ana-30-female.json");
  const std::vector<int32_t> abundant = {20044, 9003, 9040};  // Rice, apples, bananas.
  std::vector<CrisisLot> lots;
  const double scale = ana.targets.energy_kcal / 2000;
  double kcal_at_caps = 0, protein_at_caps = 0;
  for (int32_t ndb : abundant) {
    lots.push_back(Lot(ndb, 50000));
    const double cap = StapleCapGrams(F(ndb)) * scale;
    kcal_at_caps += cap / 100 * Per100(ndb, N::kEnergyKcal);
    protein_at_caps += cap / 100 * Per100(ndb, N::kProtein);
  }
  const double tuna = 400;
  lots.push_back(Lot(15121, tuna));
  ASSERT_GT(kcal_at_caps, Min(ana, N::kEnergyKcal));  // Energy is never short.
  const double deficit = Min(ana, N::kProtein) - protein_at_caps;
  ASSERT_GT(deficit, 0);
  const int expected = static_cast<int>(std::floor(tuna / 100 * Per100(15121, N::kProtein) / deficit));
  ASSERT_GT(expected, 1);
  CrisisInput in = Base({ana}, lots);
  in.micronutrients = std::vector<NutrientId>{};
  Result<CrisisResult> r = SolveCrisis(in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->days, expected);
  ASSERT_FALSE(r->binding.empty());
  EXPECT_EQ(r->binding[0], N::kProtein);
}

// A food expiring on day 2 cannot feed day 3.
TEST(Crisis, ExpiredFoodFeedsNoLaterDay) {
  CrisisPerson ana = Person("ana-30-female.json");
  CrisisInput in = Base({ana}, {Lot(20044, 10000), Lot(16027, 10000, 2)});
  in.micronutrients = std::vector<NutrientId>{};
  // Rice alone cannot reach the energy minimum (its cap is half a day).
  ASSERT_LT(StapleCapGrams(F(20044)) * ana.targets.energy_kcal / 2000 / 100 * Per100(20044, N::kEnergyKcal),
            Min(ana, N::kEnergyKcal));
  Result<CrisisResult> r = SolveCrisis(in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->days, 2);
  ASSERT_EQ(r->menu.size(), 1u);
  EXPECT_EQ(r->menu[0].first_day, 1);
  EXPECT_EQ(r->menu[0].last_day, 2);
  EXPECT_EQ(r->leftovers[1].state, "spoils");
  EXPECT_EQ(r->leftovers[0].state, "keeps");
  // Keeping the beans one more day adds days.
  in.lots[1].expiry = kStart + std::chrono::days(2);
  EXPECT_EQ(CrisisDays(in).value(), 3);
  // Beans that expired before day 1 feed nobody.
  in.lots[1].expiry = kStart - std::chrono::days(1);
  r = SolveCrisis(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->days, 0);
  EXPECT_EQ(r->leftovers[1].state, "expired");
}

// Recomputes every adequate day from the foods and checks each threshold and
// the stock (for every day t, what is eaten on days >= t fits in the lots
// still good on day t).
void CheckMenu(const CrisisInput& in, const CrisisResult& r) {
  const FoodDb& foods = *in.foods;
  ASSERT_EQ(r.menu.empty() ? 0 : r.menu.back().last_day, r.days);
  std::map<int32_t, std::vector<double>> eaten;  // food → grams per day (index day-1).
  int expect_first = 1;
  for (const CrisisPeriod& period : r.menu) {
    ASSERT_EQ(period.first_day, expect_first);
    expect_first = period.last_day + 1;
    for (size_t p = 0; p < in.people.size(); ++p) {
      NutrientVector total{};
      for (const CrisisMenuLine& line : period.people[p]) {
        const CrisisDish& dish = r.dishes[static_cast<size_t>(line.dish)];
        std::vector<std::pair<FoodId, double>> grams;  // Foods eaten for this line, per day.
        if (dish.staple) {
          grams.push_back({*dish.food, line.grams_per_day});
        } else {
          int idx = TestCatalog().FindRecipe(dish.id);
          ASSERT_GE(idx, 0);
          const Recipe& recipe = TestCatalog().recipes()[static_cast<size_t>(idx)];
          for (const Ingredient& ing : recipe.ingredients) {
            grams.push_back({ing.food, ing.grams / recipe.servings * line.servings_per_day});
          }
        }
        for (const auto& [food, g] : grams) {
          total += Scaled(foods.Find(food)->per_100g, g / 100);
          if (IsWater(*foods.Find(food))) continue;
          std::vector<double>& v = eaten[food.ndb];
          v.resize(static_cast<size_t>(r.days), 0.0);
          for (int d = period.first_day; d <= period.last_day; ++d) v[static_cast<size_t>(d - 1)] += g;
        }
      }
      const CrisisPerson& person = in.people[p];
      std::vector<std::pair<N, double>> thresholds = {{N::kEnergyKcal, Min(person, N::kEnergyKcal)},
                                                      {N::kProtein, Min(person, N::kProtein)}};
      for (N n : CrisisKeyNutrients()) thresholds.push_back({n, Min(person, n) * in.fraction});
      for (const auto& [n, need] : thresholds) {
        EXPECT_GE(total[static_cast<size_t>(Index(n))], need * (1 - 1e-5))
            << person.id << " days " << period.first_day << "-" << period.last_day << " " << Info(n).name;
      }
    }
  }
  for (const auto& [ndb, per_day] : eaten) {
    for (int t = 1; t <= r.days; ++t) {
      double later = 0, good = 0;
      for (int d = t; d <= r.days; ++d) later += per_day[static_cast<size_t>(d - 1)];
      for (const CrisisLot& lot : in.lots) {
        if (lot.food.ndb == ndb && (!lot.expiry || *lot.expiry >= in.start + std::chrono::days(t - 1))) {
          good += lot.grams;
        }
      }
      EXPECT_LE(later, good * (1 + 1e-6) + 1e-6) << FormatFoodId(FoodId{ndb}) << " from day " << t;
    }
  }
}

std::vector<CrisisLot> DemoLots() {
  Result<std::vector<PantryItem>> items =
      ReadPantryFile(std::string(HEARTH_TEST_DATA_DIR) + "/demo/pantry.csv", TestCatalog().foods());
  std::vector<CrisisLot> lots;
  if (!items.ok()) {
    ADD_FAILURE() << items.status().ToString();
    return lots;
  }
  for (const PantryItem& it : *items) lots.push_back({it.food, it.grams, it.expiry, it.location});
  return lots;
}

TEST(Crisis, DemoPantryMenuMeetsEveryThresholdWithinTheStock) {
  CrisisInput in = Base({Person("ana-30-female.json"), Person("ben-58-male-hypertension.json")}, DemoLots(), true);
  in.start = *ParseDate("2026-11-26");
  Result<CrisisResult> r = SolveCrisis(in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->days, 5);
  EXPECT_FALSE(r->binding.empty());
  CheckMenu(in, *r);
  // Deterministic: the same input gives the same menu.
  Result<CrisisResult> again = SolveCrisis(in);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->menu.size(), r->menu.size());
  for (size_t k = 0; k < r->menu.size(); ++k) {
    for (size_t p = 0; p < 2; ++p) {
      ASSERT_EQ(again->menu[k].people[p].size(), r->menu[k].people[p].size());
      for (size_t i = 0; i < r->menu[k].people[p].size(); ++i) {
        EXPECT_EQ(again->menu[k].people[p][i].dish, r->menu[k].people[p][i].dish);
        EXPECT_EQ(again->menu[k].people[p][i].grams_per_day, r->menu[k].people[p][i].grams_per_day);
      }
    }
  }
}

// Without a vitamin C food the model names vitamin C; oranges lift the limit.
TEST(Crisis, VitaminCFoodLiftsTheLimitTheModelNamed) {
  CrisisPerson ana = Person("ana-30-female.json");
  std::vector<CrisisLot> lots = {Lot(20044, 5000), Lot(16027, 3000), Lot(1077, 4000, 10), Lot(11124, 2000),
                                 Lot(11457, 600, 5), Lot(1123, 600, 20)};
  CrisisInput in = Base({ana}, lots);
  Result<CrisisResult> r = SolveCrisis(in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_FALSE(r->binding.empty());
  EXPECT_EQ(r->binding[0], N::kVitaminC);
  CheckMenu(in, *r);
  in.lots.push_back(Lot(9200, 3000));  // Oranges.
  Result<CrisisResult> more = SolveCrisis(in);
  ASSERT_TRUE(more.ok());
  EXPECT_GT(more->days, r->days);
  CheckMenu(in, *more);
}

TEST(Crisis, PurchasesStayUnderBudgetAndTheirDaysAreReal) {
  CrisisPerson ana = Person("ana-30-female.json");
  std::vector<CrisisLot> lots = {Lot(20044, 3000), Lot(16027, 2000), Lot(11124, 1500), Lot(1077, 2000, 7)};
  CrisisInput in = Base({ana}, lots);
  for (int32_t ndb : {9200, 16027, 20044, 11090, 1123, 9003, 12061}) {
    CrisisCandidate c;
    c.id = "food:" + FormatFoodId(FoodId{ndb});
    c.name = F(ndb).name;
    c.food = FoodId{ndb};
    c.package_g = 1000;
    c.price = TestCatalog().costs().Find(FoodId{ndb})->price_per_kg.value();
    c.shelf_life_days = ShelfLifeDays(F(ndb));
    in.candidates.push_back(c);
  }
  in.budget = 12;
  Result<CrisisResult> r = SolveCrisis(in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_FALSE(r->purchases.empty());
  EXPECT_LE(r->spent, *in.budget + 1e-9);
  CrisisInput check = in;
  check.candidates.clear();
  check.budget.reset();
  int before = r->days;
  double spent = 0;
  for (const CrisisPurchase& p : r->purchases) {
    EXPECT_EQ(p.days_before, before);
    EXPECT_GT(p.days_after, p.days_before);
    EXPECT_NEAR(p.days_per_money, (p.days_after - p.days_before) / p.candidate.price, 1e-9);
    CrisisLot bought = Lot(p.candidate.food.ndb, p.candidate.package_g,
                           p.candidate.shelf_life_days ? std::optional<int>(*p.candidate.shelf_life_days)
                                                       : std::nullopt);
    check.lots.push_back(bought);
    EXPECT_EQ(CrisisDays(check).value(), p.days_after) << p.candidate.name;
    before = p.days_after;
    spent += p.candidate.price;
  }
  EXPECT_NEAR(spent, r->spent, 1e-9);
  EXPECT_EQ(r->days_with_purchases, before);
}

// A medical limit holds on every day (CKD: protein, potassium, phosphorus),
// and a celiac person eats nothing with gluten.
TEST(Crisis, ConditionLimitsAndExclusionsHold) {
  CrisisPerson dora = Person("dora-67-ckd-celiac.json");
  CrisisInput in = Base({dora}, DemoLots(), true);
  in.start = *ParseDate("2026-11-26");
  Result<CrisisResult> r = SolveCrisis(in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_GT(r->days, 0);
  CheckMenu(in, *r);
  for (const CrisisPeriod& period : r->menu) {
    NutrientVector total{};
    for (const CrisisMenuLine& line : period.people[0]) {
      const CrisisDish& dish = r->dishes[static_cast<size_t>(line.dish)];
      total += Scaled(dish.per_gram, line.grams_per_day);
      for (const auto& [food, share] : dish.foods_per_gram) {
        EXPECT_FALSE(food == FoodId{20120} || food == FoodId{18069} || food == FoodId{20081}) << dish.name;
      }
    }
    for (N n : {N::kProtein, N::kPotassium, N::kPhosphorus}) {
      const NutrientTarget* t = dora.targets.Find(n);
      ASSERT_TRUE(t && t->max && t->max->kind == BoundKind::kCondition) << Info(n).name;
      EXPECT_LE(total[static_cast<size_t>(Index(n))], t->max->value * (1 + 1e-6)) << Info(n).name;
    }
  }
}

// Oil is not eaten alone and no recipe is complete: it feeds nobody, and says so.
TEST(Crisis, NotesStockThatFeedsNobody) {
  CrisisInput in = Base({Person("ana-30-female.json")}, {Lot(20044, 3000), Lot(16027, 3000), Lot(4053, 500)});
  in.micronutrients = std::vector<NutrientId>{};
  Result<CrisisResult> r = SolveCrisis(in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->notes.size(), 1u);
  EXPECT_EQ(r->notes[0].rfind("Oil, olive, salad or cooking: not eaten alone", 0), 0u) << r->notes[0];
  EXPECT_EQ(r->leftovers[2].grams_left, 500);
  EXPECT_EQ(r->leftovers[2].state, "keeps");
}

TEST(CrisisService, DefaultCandidatesArePricedStaplesInKiloPackages) {
  std::vector<CrisisCandidate> c = DefaultCrisisCandidates(TestCatalog());
  ASSERT_GT(c.size(), 100u);
  bool rice = false;
  for (const CrisisCandidate& x : c) {
    const Food& f = F(x.food.ndb);
    EXPECT_TRUE(IsPlainStaple(f)) << f.name;
    EXPECT_TRUE(f.survey) << f.name;
    EXPECT_EQ(x.package_g, 1000);
    EXPECT_DOUBLE_EQ(x.price, *TestCatalog().costs().Find(x.food)->price_per_kg);
    EXPECT_EQ(x.name.find("cooked"), std::string::npos) << x.name;
    rice |= x.food == FoodId{20044};
  }
  EXPECT_TRUE(rice);
}

// Market products replace default prices; a product's stock caps how many are bought.
TEST(CrisisService, MarketProductsAndTheirStock) {
  CrisisRequest req;
  req.people = {{"Ana", ExampleProfile("ana-30-female.json")}};
  req.start = kStart;
  for (auto [ndb, grams] : {std::pair{20044, 3000.0}, {16027, 2000.0}, {11124, 1500.0}}) {
    PantryItem it;
    it.food = FoodId{ndb};
    it.grams = grams;
    req.pantry.push_back(it);
  }
  req.budget = 30;
  Product oranges;
  oranges.id = "oranges-2kg";
  oranges.vendor_id = "valley-farm";
  oranges.name = "Oranges, 2 kg net";
  oranges.food = FoodId{9200};
  oranges.package_g = 2000;
  oranges.price = 4;
  oranges.currency = "EUR";
  oranges.stock = 1;
  Product rice = oranges;
  rice.id = "rice-1kg";
  rice.name = "Rice, 1 kg";
  rice.food = FoodId{20044};
  rice.package_g = 1000;
  rice.price = 2;
  rice.stock.reset();
  req.products = {oranges, rice};
  Result<CrisisReport> r = RunCrisis(TestCatalog(), req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->currency, "EUR");
  EXPECT_EQ(r->price_source, "market products");
  int orange_packages = 0;
  for (const CrisisPurchase& p : r->result.purchases) {
    EXPECT_EQ(p.candidate.vendor, "valley-farm");
    if (p.candidate.food == FoodId{9200}) {
      ++orange_packages;
      // Edible weight: SR28 refuse removed.
      EXPECT_NEAR(p.candidate.package_g, 2000 * (1 - F(9200).refuse_pct / 100), 1e-9);
    }
  }
  EXPECT_LE(orange_packages, 1);
  EXPECT_FALSE(r->result.purchases.empty());
  EXPECT_LE(r->result.spent, 30);
  nlohmann::json j = CrisisReportToJson(*r);
  EXPECT_EQ(j["purchases"]["currency"], "EUR");
  EXPECT_EQ(j["purchases"]["items"].size(), r->result.purchases.size());
}

TEST(Crisis, RejectsBadInput) {
  CrisisInput in = Base({}, {Lot(20044, 100)});
  EXPECT_EQ(SolveCrisis(in).status().code(), StatusCode::kInvalidArgument);
  in.people = {Person("ana-30-female.json")};
  in.fraction = 0;
  EXPECT_NE(SolveCrisis(in).status().message().find("fraction"), std::string::npos);
  in.fraction = 0.5;
  in.lots = {Lot(20044, -1)};
  EXPECT_NE(SolveCrisis(in).status().message().find("grams must be positive"), std::string::npos);
  in.lots = {Lot(20044, 100)};
  CrisisCandidate salt;
  salt.id = "food:02047";
  salt.food = FoodId{2047};
  salt.package_g = 1000;
  salt.price = 1;
  in.candidates = {salt};
  EXPECT_NE(SolveCrisis(in).status().message().find("not a plain staple"), std::string::npos);
}

TEST(Crisis, StapleRules) {
  EXPECT_TRUE(IsPlainStaple(F(20044)));   // Rice.
  EXPECT_TRUE(IsPlainStaple(F(1077)));    // Milk.
  EXPECT_FALSE(IsPlainStaple(F(2047)));   // Salt.
  EXPECT_FALSE(IsPlainStaple(F(4053)));   // Olive oil.
  EXPECT_FALSE(IsPlainStaple(F(20081)));  // Flour.
  EXPECT_FALSE(IsPlainStaple(F(19335)));  // Sugar.
  EXPECT_FALSE(IsPlainStaple(F(1001)));   // Butter.
  EXPECT_TRUE(IsWater(F(14411)));
  EXPECT_FALSE(IsWater(F(1077)));
  EXPECT_DOUBLE_EQ(StapleCapGrams(F(1123)), 200);  // Four large eggs.
  EXPECT_FALSE(ShelfLifeDays(F(20044)).has_value());
  EXPECT_EQ(ShelfLifeDays(F(1077)), 7);
}

}  // namespace
}  // namespace hearth::grocery
