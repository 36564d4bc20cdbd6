#include "hearth/grocery/crisis.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <set>

#include "core/text.h"
#include "hearth/core/exclusions.h"
#include "hearth/core/units.h"
#include "hearth/planner/lp.h"

namespace hearth::grocery {
namespace {

using N = NutrientId;

// Why each is here: docs/crisis.md. Vitamin C, thiamin and niacin deficiency
// (scurvy, beriberi, pellagra) are the classic diseases of emergency diets
// built on a few staples; vitamin A, folate, iron, zinc and calcium are the
// deficiencies WHO/UNHCR/WFP list for displaced populations. SR28 has no
// iodine, so it cannot be in the list.
constexpr NutrientId kKeyNutrients[] = {N::kVitaminC, N::kThiamin, N::kNiacin, N::kVitaminA,
                                        N::kFolateDfe, N::kIron,    N::kZinc,   N::kCalcium};

// The reference day the staple caps are stated for; each person's caps scale
// with their energy need.
constexpr double kReferenceKcal = 2000;
// No single staple or recipe provides more than half the reference day.
constexpr double kMaxDishKcal = 1000;
// No recipe more than three servings a day (breakfast, lunch and dinner).
constexpr double kMaxRecipeServings = 3;
// LP unit of staples and of food flows: 100 g (keeps coefficients near 1).
constexpr double kHg = 100;
// Menu lines below this many grams a day are solver noise and dropped.
constexpr double kMinMenuGrams = 1e-6;
// The menu LP asks this much more than each threshold (and this much less
// than each limit), so that the simplex's own tolerances never leave a day
// a hair short; without room for it, the menu is solved without the margin.
constexpr double kMenuMargin = 1e-5;
// Relative tolerance of the menu check against the thresholds.
constexpr double kVerifyTolerance = 1e-6;
// How many candidates per tight requirement are evaluated exactly each round.
constexpr int kShortlistPerRequirement = 4;

constexpr int kKeeps = INT_MAX;

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

struct Requirement {
  NutrientId nutrient;
  double fraction;
};

struct Lot {
  int food = 0;          // Index into Model::foods.
  double hg = 0;         // Hectograms.
  int last_day = kKeeps;  // Last usable day (1-based); < 1 = expired before day 1.
};

// Everything the LPs need, prepared once per set of lots.
struct Model {
  const CrisisInput* in = nullptr;
  std::vector<FoodId> foods;
  std::vector<Lot> lots;  // Same order as the lots given to Prepare.
  std::vector<CrisisDish> dishes;
  std::vector<double> unit_g;                                // [d] grams per LP unit.
  std::vector<std::vector<std::pair<int, double>>> dish_hg;  // [d] (food, hg per unit).
  std::vector<NutrientVector> per_unit;                      // [d]
  std::vector<std::vector<double>> cap;                      // [p][d] units a day; 0 = not for p.
  std::vector<Requirement> reqs;
  std::vector<std::vector<double>> need;  // [p][r] daily threshold.
  // [p] daily maxima a medical condition (or the person's override) sets:
  // enforced on every day, whatever the requirement mask.
  std::vector<std::vector<std::pair<NutrientId, double>>> limits;
};

// The LP for horizon `days` and its column maps.
struct BuiltLp {
  planner::LinearProgram lp;
  std::vector<int> ends;  // Epoch k covers days ends[k-1]+1 .. ends[k].
  struct XCol {
    int person, dish, epoch;
  };
  std::vector<XCol> x;
  struct YCol {
    int lot, epoch;
  };
  std::vector<YCol> y;
};

int LastDay(const std::optional<Date>& expiry, Date start) {
  if (!expiry) return kKeeps;
  long d = (*expiry - start).count() + 1;
  return static_cast<int>(std::clamp<long>(d, -1, kKeeps - 1));
}

std::string ServingsText(double servings) {
  if (servings < 0.125) return text::FormatNumber(servings, 2) + " servings";
  return FormatFraction(servings) + (std::fabs(servings - 1) < 0.125 ? " serving" : " servings");
}

Result<Model> Prepare(const CrisisInput& in, const std::vector<CrisisLot>& lots) {
  Model m;
  m.in = &in;
  const FoodDb& db = *in.foods;
  std::map<int32_t, int> food_index;
  for (const CrisisLot& l : lots) {
    const Food* f = db.Find(l.food);
    if (!f) return Status::InvalidArgument("unknown food " + FormatFoodId(l.food));
    if (!std::isfinite(l.grams) || l.grams <= 0) {
      return Status::InvalidArgument("lot of " + FormatFoodId(l.food) + " " + f->name +
                                     ": grams must be positive");
    }
    auto [it, fresh] = food_index.emplace(l.food.ndb, static_cast<int>(m.foods.size()));
    if (fresh) m.foods.push_back(l.food);
    m.lots.push_back(Lot{it->second, l.grams / kHg, LastDay(l.expiry, in.start)});
  }
  // Foods in stock on day 1 (a lot that expired before day 1 does not count).
  std::set<int32_t> stocked;
  for (const Lot& l : m.lots) {
    if (l.last_day >= 1) stocked.insert(m.foods[static_cast<size_t>(l.food)].ndb);
  }

  std::vector<Recipe> dish_recipes;  // For the exclusion rules.
  std::vector<RecipeFacts> dish_facts;
  for (size_t i = 0; i < in.recipes.size() && i < in.facts.size(); ++i) {
    const Recipe& r = in.recipes[i];
    const RecipeFacts& facts = in.facts[i];
    if (facts.grams_per_serving <= 0 || r.servings <= 0) continue;
    bool all = !r.ingredients.empty();
    std::map<int32_t, double> per_food;
    for (const Ingredient& ing : r.ingredients) {
      const Food* f = db.Find(ing.food);
      if (f && IsWater(*f)) continue;
      if (!stocked.count(ing.food.ndb)) {
        all = false;
        break;
      }
      per_food[ing.food.ndb] += ing.grams / r.servings / facts.grams_per_serving;
    }
    if (!all || per_food.empty()) continue;
    CrisisDish d;
    d.id = r.id;
    d.name = r.name;
    d.grams_per_serving = facts.grams_per_serving;
    for (const auto& [ndb, g] : per_food) d.foods_per_gram.push_back({FoodId{ndb}, g});
    d.per_gram = Scaled(facts.per_serving, 1.0 / facts.grams_per_serving);
    m.dishes.push_back(std::move(d));
    dish_recipes.push_back(r);
    dish_facts.push_back(facts);
  }
  for (int32_t ndb : stocked) {
    const Food* f = db.Find(FoodId{ndb});
    if (!IsPlainStaple(*f)) continue;
    CrisisDish d;
    d.id = "staple:" + FormatFoodId(f->id);
    d.name = f->name;
    d.staple = true;
    d.food = f->id;
    d.foods_per_gram = {{f->id, 1.0}};
    d.per_gram = Scaled(f->per_100g, 1.0 / kHg);
    m.dishes.push_back(std::move(d));
    Recipe r;
    r.id = m.dishes.back().id;
    r.name = f->name;
    r.servings = 1;
    r.ingredients.push_back(Ingredient{f->id, kHg, f->name, false});
    dish_facts.push_back(ComputeRecipeFacts(r, db));
    dish_recipes.push_back(std::move(r));
  }

  for (const CrisisDish& d : m.dishes) {
    double unit = d.staple ? kHg : d.grams_per_serving;
    m.unit_g.push_back(unit);
    std::vector<std::pair<int, double>> hg;
    for (const auto& [food, g] : d.foods_per_gram) hg.push_back({food_index.at(food.ndb), g * unit / kHg});
    m.dish_hg.push_back(std::move(hg));
    m.per_unit.push_back(Scaled(d.per_gram, unit));
  }

  m.reqs.push_back({N::kEnergyKcal, 1.0});
  m.reqs.push_back({N::kProtein, 1.0});
  for (NutrientId n : in.micronutrients ? std::span<const NutrientId>(*in.micronutrients)
                                        : std::span<const NutrientId>(kKeyNutrients)) {
    m.reqs.push_back({n, in.fraction});
  }
  for (const CrisisPerson& p : in.people) {
    std::vector<double> need;
    for (const Requirement& r : m.reqs) {
      const NutrientTarget* t = p.targets.Find(r.nutrient);
      need.push_back(t && t->min ? t->min->value * r.fraction : 0.0);
    }
    m.need.push_back(std::move(need));
    std::vector<std::pair<NutrientId, double>> limits;
    for (const NutrientTarget& t : p.targets.nutrients) {
      if (t.max && (t.max->kind == BoundKind::kCondition || t.max->kind == BoundKind::kOverride) &&
          t.nutrient != N::kEnergyKcal && t.max->value > 0) {
        limits.push_back({t.nutrient, t.max->value});
      }
    }
    m.limits.push_back(std::move(limits));
    const double scale = p.targets.energy_kcal / kReferenceKcal;
    std::vector<double> cap;
    for (size_t d = 0; d < m.dishes.size(); ++d) {
      const CrisisDish& dish = m.dishes[d];
      double c = 0;
      if (!ExclusionReason(dish_recipes[d], dish_facts[d], p.targets, db)) {
        if (dish.staple) {
          c = StapleCapGrams(*db.Find(*dish.food)) / kHg;
        } else {
          double kcal = m.per_unit[d][Index(N::kEnergyKcal)];
          c = kcal > 0 ? std::min(kMaxRecipeServings, kMaxDishKcal / kcal) : kMaxRecipeServings;
        }
        c *= scale;
      }
      cap.push_back(c);
    }
    m.cap.push_back(std::move(cap));
  }
  return m;
}

// Builds the LP for `days` adequate days with the requirements in `mask`
// (bit r = m.reqs[r]). With `tie_break`, the objective prefers eating what
// spoils and keeping what lasts; otherwise it is zero (feasibility).
BuiltLp Build(const Model& m, int days, uint32_t mask, bool tie_break, double margin = 0) {
  BuiltLp b;
  std::set<int> ends;
  for (const Lot& l : m.lots) {
    if (l.last_day >= 1 && l.last_day < days) ends.insert(l.last_day);
  }
  ends.insert(days);
  b.ends.assign(ends.begin(), ends.end());
  const int epochs = static_cast<int>(b.ends.size());
  const int people = static_cast<int>(m.in->people.size());
  const int nreq = static_cast<int>(m.reqs.size());
  const int nfoods = static_cast<int>(m.foods.size());
  auto length = [&](int k) { return b.ends[static_cast<size_t>(k)] - (k ? b.ends[static_cast<size_t>(k) - 1] : 0); };
  planner::LinearProgram& lp = b.lp;
  const double inf = std::numeric_limits<double>::infinity();

  // Rows: nutrients (person, requirement, epoch), foods (food, epoch), lots.
  std::vector<int> nut_row(static_cast<size_t>(people * nreq * epochs), -1);
  for (int p = 0; p < people; ++p) {
    for (int r = 0; r < nreq; ++r) {
      if (!((mask >> r) & 1u) || m.need[static_cast<size_t>(p)][static_cast<size_t>(r)] <= 0) continue;
      for (int k = 0; k < epochs; ++k) {
        nut_row[static_cast<size_t>((p * nreq + r) * epochs + k)] = lp.AddRow(1 + margin, inf);
      }
    }
  }
  // Limits: row (person, limit, epoch), scaled to at most 1.
  std::vector<int> limit_row0(static_cast<size_t>(people), 0);
  for (int p = 0; p < people; ++p) {
    limit_row0[static_cast<size_t>(p)] = lp.num_rows();
    for (size_t i = 0; i < m.limits[static_cast<size_t>(p)].size() * static_cast<size_t>(epochs); ++i) {
      lp.AddRow(-inf, 1 - margin);
    }
  }
  const int food_row0 = lp.num_rows();
  for (int i = 0; i < nfoods * epochs; ++i) lp.AddRow(-inf, 0);
  const int lot_row0 = lp.num_rows();
  for (const Lot& l : m.lots) lp.AddRow(-inf, l.hg);

  // Which foods have a usable lot in each epoch.
  std::vector<char> available(static_cast<size_t>(nfoods * epochs), 0);
  for (const Lot& l : m.lots) {
    for (int k = 0; k < epochs; ++k) {
      if (l.last_day >= b.ends[static_cast<size_t>(k)]) available[static_cast<size_t>(l.food * epochs + k)] = 1;
    }
  }

  std::vector<int> rows;
  std::vector<double> vals;
  for (int k = 0; k < epochs; ++k) {
    for (int p = 0; p < people; ++p) {
      for (size_t d = 0; d < m.dishes.size(); ++d) {
        const double cap = m.cap[static_cast<size_t>(p)][d];
        if (cap <= 0) continue;
        bool ok = true;
        for (const auto& [food, hg] : m.dish_hg[d]) ok &= available[static_cast<size_t>(food * epochs + k)] != 0;
        if (!ok) continue;
        rows.clear();
        vals.clear();
        for (int r = 0; r < nreq; ++r) {
          int row = nut_row[static_cast<size_t>((p * nreq + r) * epochs + k)];
          double v = m.per_unit[d][static_cast<size_t>(Index(m.reqs[static_cast<size_t>(r)].nutrient))];
          if (row < 0 || v <= 0) continue;
          rows.push_back(row);
          vals.push_back(v / m.need[static_cast<size_t>(p)][static_cast<size_t>(r)]);
        }
        const auto& limits = m.limits[static_cast<size_t>(p)];
        for (size_t i = 0; i < limits.size(); ++i) {
          double v = m.per_unit[d][static_cast<size_t>(Index(limits[i].first))];
          if (v <= 0) continue;
          rows.push_back(limit_row0[static_cast<size_t>(p)] + static_cast<int>(i) * epochs + k);
          vals.push_back(v / limits[i].second);
        }
        for (const auto& [food, hg] : m.dish_hg[d]) {
          rows.push_back(food_row0 + food * epochs + k);
          vals.push_back(hg);
        }
        lp.AddColumn(0, 0, cap, false, rows, vals);
        b.x.push_back({p, static_cast<int>(d), k});
      }
    }
  }
  for (size_t l = 0; l < m.lots.size(); ++l) {
    const Lot& lot = m.lots[l];
    const double kcal_per_hg = m.in->foods->Find(m.foods[static_cast<size_t>(lot.food)])->per_100g[Index(N::kEnergyKcal)];
    // Eating what would spoil anyway costs a tenth of eating what keeps.
    const double weight = (kcal_per_hg / 100.0 + 0.01) * (lot.last_day <= days ? 0.1 : 1.0);
    for (int k = 0; k < epochs; ++k) {
      if (lot.last_day < b.ends[static_cast<size_t>(k)]) continue;
      const int r[2] = {food_row0 + lot.food * epochs + k, lot_row0 + static_cast<int>(l)};
      const double v[2] = {-1.0 / length(k), 1.0};
      lp.AddColumn(tie_break ? weight : 0, 0, lot.hg, false, r, v);
      b.y.push_back({static_cast<int>(l), k});
    }
  }
  return b;
}

struct Solved {
  bool feasible = false;
  std::vector<double> x;
};

Result<Solved> SolveLp(const BuiltLp& b, int* solves) {
  ++*solves;
  HEARTH_ASSIGN_OR_RETURN(std::unique_ptr<planner::LpEngine> engine, planner::MakeLpEngine(b.lp));
  HEARTH_ASSIGN_OR_RETURN(planner::LpStatus status, engine->Solve());
  Solved s;
  if (status == planner::LpStatus::kOptimal) {
    s.feasible = true;
    s.x = engine->primal();
  } else if (status != planner::LpStatus::kInfeasible) {
    return Status::Internal("crisis model: the LP solver ended without an answer");
  }
  return s;
}

Result<bool> Feasible(const Model& m, int days, uint32_t mask, int* solves) {
  if (days <= 0) return true;
  HEARTH_ASSIGN_OR_RETURN(Solved s, SolveLp(Build(m, days, mask, false), solves));
  return s.feasible;
}

// An upper bound on the days for the requirements in `mask`: for each, the
// amount in all usable stock over the household's daily need.
int DaysBound(const Model& m, uint32_t mask) {
  double bound = m.in->max_days;
  for (size_t q = 0; q < m.reqs.size(); ++q) {
    if (!((mask >> q) & 1u)) continue;
    double need = 0, stock = 0;
    for (const std::vector<double>& person : m.need) need += person[q];
    if (need <= 0) continue;
    const size_t n = static_cast<size_t>(Index(m.reqs[q].nutrient));
    for (const Lot& l : m.lots) {
      if (l.last_day >= 1) stock += m.in->foods->Find(m.foods[static_cast<size_t>(l.food)])->per_100g[n] * l.hg;
    }
    bound = std::min(bound, std::floor(stock / need * (1 + 1e-9)));
  }
  return static_cast<int>(bound);
}

// The most days in [known, max_days] that are feasible, given that `known`
// days are: doubling steps up, then bisection, never past DaysBound.
Result<int> MaxDays(const Model& m, uint32_t mask, int known, int* solves) {
  const int max_days = std::max(known, DaysBound(m, mask));
  int lo = known, hi = max_days + 1;  // lo feasible, hi infeasible (or beyond the limit).
  for (int step = 1; lo < max_days;) {
    int probe = std::min(lo + step, max_days);
    HEARTH_ASSIGN_OR_RETURN(bool ok, Feasible(m, probe, mask, solves));
    if (!ok) {
      hi = probe;
      break;
    }
    lo = probe;
    step *= 2;
  }
  while (hi - lo > 1) {
    int mid = lo + (hi - lo) / 2;
    HEARTH_ASSIGN_OR_RETURN(bool ok, Feasible(m, mid, mask, solves));
    (ok ? lo : hi) = mid;
  }
  return lo;
}

uint32_t AllRequirements(const Model& m) { return (1u << m.reqs.size()) - 1; }

Status Validate(const CrisisInput& in) {
  if (!in.foods) return Status::InvalidArgument("no food table");
  if (in.people.empty()) return Status::InvalidArgument("no people to feed");
  for (const CrisisPerson& p : in.people) {
    for (NutrientId n : {N::kEnergyKcal, N::kProtein}) {
      const NutrientTarget* t = p.targets.Find(n);
      if (!t || !t->min || t->min->value <= 0) {
        return Status::InvalidArgument(p.id + " has no " + text::LowerFirst(Info(n).name) +
                                       " minimum");
      }
    }
  }
  if (!(in.fraction > 0 && in.fraction <= 1)) {
    return Status::InvalidArgument("fraction must be in (0, 1], got " + text::FormatNumber(in.fraction, 3));
  }
  if (in.micronutrients && in.micronutrients->size() > 20) {
    return Status::InvalidArgument("at most 20 micronutrients");
  }
  if (in.max_days < 1 || in.max_days > 3650) {
    return Status::InvalidArgument("max days must be 1-3650, got " + std::to_string(in.max_days));
  }
  if (in.budget && !(std::isfinite(*in.budget) && *in.budget >= 0)) {
    return Status::InvalidArgument("the budget must be a non-negative number");
  }
  for (const CrisisCandidate& c : in.candidates) {
    const Food* f = in.foods->Find(c.food);
    if (!f || !IsPlainStaple(*f)) {
      return Status::InvalidArgument("candidate " + c.id + " is not a plain staple food");
    }
    if (!(c.price > 0) || !(c.package_g > 0) || !std::isfinite(c.price) || !std::isfinite(c.package_g)) {
      return Status::InvalidArgument("candidate " + c.id + " needs a positive price and package");
    }
  }
  return Status::Ok();
}

CrisisLot LotOf(const CrisisCandidate& c, Date start) {
  CrisisLot l;
  l.food = c.food;
  l.grams = c.package_g;
  if (c.shelf_life_days) l.expiry = start + std::chrono::days(std::max(0, *c.shelf_life_days - 1));
  l.location = "bought";
  return l;
}

// Recomputes each period's daily totals from the dishes and checks them
// against every threshold, and the stock use against every food's lots.
Status VerifyMenu(const Model& m, const CrisisResult& r) {
  for (const CrisisPeriod& period : r.menu) {
    for (size_t p = 0; p < period.people.size(); ++p) {
      NutrientVector total{};
      for (const CrisisMenuLine& line : period.people[p]) {
        total += Scaled(r.dishes[static_cast<size_t>(line.dish)].per_gram, line.grams_per_day);
      }
      for (const auto& [n, limit] : m.limits[p]) {
        if (total[static_cast<size_t>(Index(n))] > limit * (1 + kVerifyTolerance) + 1e-9) {
          return Status::Internal("crisis model: the menu of days " + std::to_string(period.first_day) + "-" +
                                  std::to_string(period.last_day) + " exceeds the " +
                                  std::string(Info(n).name) + " limit of " + m.in->people[p].id);
        }
      }
      for (size_t q = 0; q < m.reqs.size(); ++q) {
        double need = m.need[p][q];
        double have = total[static_cast<size_t>(Index(m.reqs[q].nutrient))];
        if (have < need * (1 - kVerifyTolerance) - 1e-9) {
          return Status::Internal("crisis model: the menu of days " + std::to_string(period.first_day) + "-" +
                                  std::to_string(period.last_day) + " misses " +
                                  std::string(Info(m.reqs[q].nutrient).name) + " for " +
                                  m.in->people[p].id + " (" + text::FormatNumber(have, 4) + " of " +
                                  text::FormatNumber(need, 4) + ")");
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace

std::span<const NutrientId> CrisisKeyNutrients() { return kKeyNutrients; }

bool IsWater(const Food& food) {
  if (food.group_code != "1400" || food.per_100g[Index(N::kEnergyKcal)] >= 1) return false;
  return food.name.rfind("Water", 0) == 0 || food.name.rfind("Beverages, water, tap", 0) == 0;
}

bool IsPlainStaple(const Food& food) {
  static const std::set<std::string> kNotAlone = {"0200", "0400", "1400", "1900"};
  if (kNotAlone.count(food.group_code)) return false;
  const std::string name = text::Lower(food.name);
  static constexpr std::string_view kWords[] = {"flour", "starch", "leavening", "baking powder", "baking soda",
                                                "yeast", "gelatin", "salt, table", "bran, crude", "germ, crude",
                                                "vital gluten"};
  for (std::string_view w : kWords) {
    if (Contains(name, w)) return false;
  }
  // Mostly fat (butter, lard, cream cheese spreads...): not eaten alone.
  if (food.per_100g[Index(N::kFat)] >= 60) return false;
  return food.per_100g[Index(N::kEnergyKcal)] > 0;
}

double StapleCapGrams(const Food& food) {
  const std::string name = text::Lower(food.name);
  const std::string& g = food.group_code;
  double cap = 500;  // Meals, soups, fast food, baby food and the rest.
  if (g == "0100") cap = name.rfind("egg", 0) == 0 ? 200 : 750;  // 4 large eggs; 3 cups of milk.
  else if (g == "0800") cap = 150;                                // Breakfast cereals.
  else if (g == "0900" || g == "1100") cap = 600;                 // Fruit, vegetables.
  else if (g == "1200") cap = 100;                                // Nuts and seeds.
  else if (g == "1600") cap = food.per_100g[Index(N::kFat)] > 30 ? 100 : 300;  // Peanut butter; pulses.
  else if (g == "2000") cap = 400;                                // Grains and pasta.
  else if (g == "1800") cap = 300;                                // Bread.
  else if (g == "0500" || g == "0700" || g == "1000" || g == "1300" || g == "1500" || g == "1700") cap = 250;
  const double kcal_per_g = food.per_100g[Index(N::kEnergyKcal)] / 100.0;
  if (kcal_per_g > 0) cap = std::min(cap, kMaxDishKcal / kcal_per_g);
  return cap;
}

std::optional<int> ShelfLifeDays(const Food& food) {
  const std::string name = text::Lower(food.name);
  const std::string& g = food.group_code;
  for (std::string_view w : {"canned", "dried", "dry", "frozen", "dehydrated", "mature seeds", "uht", "shelf stable"}) {
    if (Contains(name, w)) return std::nullopt;
  }
  if (g == "0800" || g == "1200" || g == "2000" || g == "2500") return std::nullopt;
  if (g == "1600") return Contains(name, "tofu") ? std::optional<int>(7) : std::nullopt;
  if (g == "0900") {
    for (std::string_view w : {"apples", "oranges", "grapefruit", "lemons", "limes"}) {
      if (name.rfind(w, 0) == 0) return 30;
    }
    return 7;
  }
  if (g == "1100") {
    for (std::string_view w : {"potatoes", "onions", "carrots", "cabbage", "squash, winter", "sweet potato",
                               "beets", "turnips", "garlic"}) {
      if (name.rfind(w, 0) == 0) return 45;
    }
    return 7;
  }
  if (g == "0100") {
    if (name.rfind("egg", 0) == 0) return 28;
    if (name.rfind("cheese", 0) == 0) return 30;
    return 7;
  }
  if (g == "1800") return 7;
  return 3;  // Fresh meat, fish and prepared foods.
}

Result<int> CrisisDays(const CrisisInput& input) {
  HEARTH_RETURN_IF_ERROR(Validate(input));
  HEARTH_ASSIGN_OR_RETURN(Model m, Prepare(input, input.lots));
  int solves = 0;
  return MaxDays(m, AllRequirements(m), 0, &solves);
}

Result<CrisisResult> SolveCrisis(const CrisisInput& input) {
  HEARTH_RETURN_IF_ERROR(Validate(input));
  HEARTH_ASSIGN_OR_RETURN(Model m, Prepare(input, input.lots));
  CrisisResult r;
  int solves = 0;
  const uint32_t all = AllRequirements(m);
  HEARTH_ASSIGN_OR_RETURN(r.days, MaxDays(m, all, 0, &solves));
  r.at_limit = r.days >= input.max_days;
  r.dishes = m.dishes;

  // The menu at the best horizon, with the tie-breaking objective.
  std::vector<double> lot_used(m.lots.size(), 0.0);
  if (r.days > 0) {
    BuiltLp b = Build(m, r.days, all, true, kMenuMargin);
    HEARTH_ASSIGN_OR_RETURN(Solved s, SolveLp(b, &solves));
    if (!s.feasible) {
      b = Build(m, r.days, all, true);
      HEARTH_ASSIGN_OR_RETURN(s, SolveLp(b, &solves));
    }
    if (!s.feasible) return Status::Internal("crisis model: the final menu LP is infeasible");
    const size_t nx = b.x.size();
    for (size_t j = 0; j < b.y.size(); ++j) lot_used[static_cast<size_t>(b.y[j].lot)] += s.x[nx + j] * kHg;
    int first = 1;
    for (size_t k = 0; k < b.ends.size(); ++k) {
      CrisisPeriod period;
      period.first_day = first;
      period.last_day = b.ends[k];
      period.first_date = input.start + std::chrono::days(first - 1);
      period.last_date = input.start + std::chrono::days(b.ends[k] - 1);
      period.people.resize(input.people.size());
      for (size_t j = 0; j < nx; ++j) {
        if (b.x[j].epoch != static_cast<int>(k)) continue;
        const int d = b.x[j].dish;
        const double grams = s.x[j] * m.unit_g[static_cast<size_t>(d)];
        if (grams < kMinMenuGrams) continue;
        CrisisMenuLine line;
        line.dish = d;
        line.grams_per_day = grams;
        const CrisisDish& dish = m.dishes[static_cast<size_t>(d)];
        if (dish.staple) {
          line.household = HouseholdAmount(*input.foods->Find(*dish.food), grams).value_or("");
        } else {
          line.servings_per_day = s.x[j];
          line.household = ServingsText(s.x[j]);
        }
        period.people[static_cast<size_t>(b.x[j].person)].push_back(std::move(line));
      }
      for (auto& lines : period.people) {
        std::stable_sort(lines.begin(), lines.end(),
                         [](const CrisisMenuLine& a, const CrisisMenuLine& c) { return a.grams_per_day > c.grams_per_day; });
      }
      r.menu.push_back(std::move(period));
      first = b.ends[k] + 1;
    }
    HEARTH_RETURN_IF_ERROR(VerifyMenu(m, r));
  }

  // How long each requirement alone would last.
  for (size_t q = 0; q < m.reqs.size(); ++q) {
    CrisisNutrientDays nd;
    nd.nutrient = m.reqs[q].nutrient;
    nd.fraction = m.reqs[q].fraction;
    HEARTH_ASSIGN_OR_RETURN(nd.days, MaxDays(m, 1u << q, r.days, &solves));
    nd.at_limit = nd.days >= input.max_days;
    r.nutrient_days.push_back(nd);
  }
  // What fails on the first inadequate day.
  if (!r.at_limit) {
    for (size_t q = 0; q < m.reqs.size(); ++q) {
      HEARTH_ASSIGN_OR_RETURN(bool ok, Feasible(m, r.days + 1, all & ~(1u << q), &solves));
      if (ok) r.binding.push_back(m.reqs[q].nutrient);
    }
    if (r.binding.empty()) {
      int fewest = INT_MAX;
      for (const CrisisNutrientDays& nd : r.nutrient_days) fewest = std::min(fewest, nd.days);
      for (const CrisisNutrientDays& nd : r.nutrient_days) {
        if (nd.days == fewest) r.binding.push_back(nd.nutrient);
      }
    }
  }

  for (size_t l = 0; l < input.lots.size(); ++l) {
    const CrisisLot& lot = input.lots[l];
    CrisisLeftover left;
    left.food = lot.food;
    left.name = input.foods->Find(lot.food)->name;
    left.location = lot.location;
    left.grams_start = lot.grams;
    left.grams_left = std::max(0.0, lot.grams - lot_used[l]);
    left.expiry = lot.expiry;
    const int last = m.lots[l].last_day;
    if (last < 1) left.state = "expired";
    else if (left.grams_left < 0.5) left.state = "used";
    else if (last <= r.days) left.state = "spoils";
    else left.state = "keeps";
    if (left.grams_left < 0.5) left.grams_left = 0;
    if (lot_used[l] > lot.grams * (1 + kVerifyTolerance) + 1e-6) {
      return Status::Internal("crisis model: the menu uses more " + left.name + " than the lot holds");
    }
    r.leftovers.push_back(std::move(left));
  }

  // Stock that feeds nobody directly.
  {
    std::set<int32_t> used_by_dish;
    for (const CrisisDish& d : m.dishes) {
      for (const auto& [food, share] : d.foods_per_gram) used_by_dish.insert(food.ndb);
    }
    std::set<int32_t> noted;
    for (size_t l = 0; l < input.lots.size(); ++l) {
      const int32_t ndb = input.lots[l].food.ndb;
      if (m.lots[l].last_day < 1 || used_by_dish.count(ndb) || !noted.insert(ndb).second) continue;
      r.notes.push_back(input.foods->Find(input.lots[l].food)->name +
                        ": not eaten alone, and no recipe the pantry completes uses it");
    }
  }

  // Purchases: greedy on days gained per money, re-evaluated after each pick.
  r.days_with_purchases = r.days;
  if (input.budget && !input.candidates.empty()) {
    std::vector<CrisisLot> lots = input.lots;
    int current = r.days;
    std::vector<NutrientId> tight = r.binding;
    std::vector<int64_t> bought(input.candidates.size(), 0);
    for (int round = 0; round < input.max_purchases && current < input.max_days; ++round) {
      const double left = *input.budget - r.spent;
      // Shortlist: for energy, protein and each requirement that binds now,
      // the candidates with the most of it per money.
      std::vector<NutrientId> score_by = {N::kEnergyKcal, N::kProtein};
      // When no single requirement binds, every one is scored.
      std::vector<NutrientId> by = tight;
      if (by.empty()) {
        for (const Requirement& q : m.reqs) by.push_back(q.nutrient);
      }
      for (NutrientId n : by) {
        if (std::find(score_by.begin(), score_by.end(), n) == score_by.end()) score_by.push_back(n);
      }
      std::vector<size_t> shortlist;
      for (NutrientId n : score_by) {
        std::vector<std::pair<double, size_t>> ranked;
        for (size_t c = 0; c < input.candidates.size(); ++c) {
          const CrisisCandidate& cand = input.candidates[c];
          if (cand.price > left + 1e-9) continue;
          if (cand.stock && bought[c] >= *cand.stock) continue;
          const Food* f = input.foods->Find(cand.food);
          double amount = f->per_100g[static_cast<size_t>(Index(n))] * cand.package_g / kHg;
          if (amount > 0) ranked.push_back({-amount / cand.price, c});
        }
        std::sort(ranked.begin(), ranked.end());
        for (size_t i = 0; i < ranked.size() && i < static_cast<size_t>(kShortlistPerRequirement); ++i) {
          if (std::find(shortlist.begin(), shortlist.end(), ranked[i].second) == shortlist.end()) {
            shortlist.push_back(ranked[i].second);
          }
        }
      }
      std::sort(shortlist.begin(), shortlist.end());
      int best = -1, best_days = current;
      double best_rate = 0;
      for (size_t c : shortlist) {
        const CrisisCandidate& cand = input.candidates[c];
        std::vector<CrisisLot> trial = lots;
        trial.push_back(LotOf(cand, input.start));
        HEARTH_ASSIGN_OR_RETURN(Model tm, Prepare(input, trial));
        HEARTH_ASSIGN_OR_RETURN(int days, MaxDays(tm, AllRequirements(tm), current, &solves));
        const double rate = (days - current) / cand.price;
        if (days > current && (best < 0 || rate > best_rate + 1e-12)) {
          best = static_cast<int>(c);
          best_rate = rate;
          best_days = days;
        }
      }
      if (best < 0) break;
      const CrisisCandidate& pick = input.candidates[static_cast<size_t>(best)];
      lots.push_back(LotOf(pick, input.start));
      ++bought[static_cast<size_t>(best)];
      r.purchases.push_back({pick, current, best_days, best_rate});
      r.spent += pick.price;
      current = best_days;
      // What binds after this purchase.
      tight.clear();
      if (current < input.max_days) {
        HEARTH_ASSIGN_OR_RETURN(Model tm, Prepare(input, lots));
        for (size_t q = 0; q < tm.reqs.size(); ++q) {
          HEARTH_ASSIGN_OR_RETURN(bool ok, Feasible(tm, current + 1, AllRequirements(tm) & ~(1u << q), &solves));
          if (ok) tight.push_back(tm.reqs[q].nutrient);
        }
      }
    }
    r.days_with_purchases = current;
  }
  r.lp_solves = solves;
  return r;
}

}  // namespace hearth::grocery
