#include "hearth/service/plan_report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/text.h"
#include "hearth/core/exclusions.h"
#include "hearth/planner/verify.h"

namespace hearth {

namespace {

// Food groups never suggested to close a gap: spices (eaten by the pinch),
// baby foods, fast and restaurant foods, and the American Indian/Alaska
// Native foods (mostly not sold in shops).
constexpr const char* kUnsuggestedGroups[] = {"0200", "0300", "2100", "3500", "3600"};
// Foods below this energy density are left out of "per 100 kcal" rankings
// (water, tea, salt: the ratio means nothing for them).
constexpr double kMinKcalPer100g = 15;
// How many nutrients a meal's "why" names, and how many tight nutrients the
// report follows at most.
constexpr size_t kWhyContributions = 3;
constexpr size_t kMaxTight = 6;

double Slack(double bound) { return planner::kRuleTolerance * std::max(1.0, std::fabs(bound)); }
bool Below(double v, double lo) { return v < lo - Slack(lo); }
bool Above(double v, double hi) { return v > hi + Slack(hi); }

std::string Num(double v, int decimals) { return text::FormatNumber(v, decimals); }

// Whole percent, but one decimal near 100 so that a small miss does not read
// as "100 %".
std::string Percent(double pct) {
  const bool near = std::fabs(pct - 100) < 0.5 && std::fabs(pct - 100) > 1e-6;
  return Num(pct, near ? 1 : 0) + " %";
}

// A step such as 100 or 1 without decimals, 0.1 with one.
std::string Step(double v) {
  return Num(v, v >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(v) - 1e-9)));
}

// Two decimals, or two significant digits below 1 (0.0031).
std::string Small(double v) {
  const double a = std::fabs(v);
  if (a >= 1 || a == 0) return Num(v, 2);
  return Num(v, std::min(6, 1 - static_cast<int>(std::floor(std::log10(a)))));
}


std::string Money(const std::string& currency, double v) {
  if (currency == "USD") return (v < 0 ? "-$" : "$") + Num(std::fabs(v), 2);
  if (currency == "EUR") return (v < 0 ? "-€" : "€") + Num(std::fabs(v), 2);
  if (currency == "GBP") return (v < 0 ? "-£" : "£") + Num(std::fabs(v), 2);
  return Num(v, 2) + " " + currency;
}

// A readable step for a bound: a tenth of its order of magnitude (100 mg of
// calcium at 1,000 mg, 1 µg of vitamin D at 15 µg).
double NiceStep(double bound) {
  const double a = std::fabs(bound);
  if (!(a > 0) || !std::isfinite(a)) return 1;
  return std::pow(10.0, std::floor(std::log10(a)) - 1);
}

std::string Lower(std::string_view s) { return text::Lower(std::string(s)); }

std::optional<NutrientId> NutrientOfColumn(const planner::PlanInstance& in, int column) {
  if (column < 0 || static_cast<size_t>(column) >= in.nutrients.size()) return std::nullopt;
  return NutrientFromKey(in.nutrients[static_cast<size_t>(column)].id);
}

int ColumnOf(const planner::PlanInstance& in, NutrientId n) {
  for (size_t i = 0; i < in.nutrients.size(); ++i) {
    if (in.nutrients[i].id == Info(n).key) return static_cast<int>(i);
  }
  return -1;
}

bool FoodAllowed(const Food& f, const std::vector<PlanMember>& household) {
  for (const PlanMember& m : household) {
    if (f.traits.allergens & m.targets.excluded_allergens) return false;
    for (Diet d : m.targets.required_diets) {
      if (!FitsDiet(f.traits, d)) return false;
    }
    for (const FoodExclusionRule& rule : m.targets.excluded_foods) {
      if (MatchesFoodRule(f, rule)) return false;
    }
  }
  return true;
}

// The first word of a food's name, lower case: one suggestion per kind of
// food ("soymilk", "spinach").
std::string NameHead(const std::string& name) {
  size_t end = 0;
  while (end < name.size() && std::isalpha(static_cast<unsigned char>(name[end]))) ++end;
  return Lower(name.substr(0, end));
}

// The first two comma-separated parts of an SR28 name ("Spinach, raw").
std::string ShortName(const std::string& name) {
  size_t first = name.find(',');
  if (first == std::string::npos) return name;
  size_t second = name.find(',', first + 1);
  return second == std::string::npos ? name : name.substr(0, second);
}

struct ReportBuilder {
  const Catalog& catalog;
  const std::vector<PlanMember>& household;
  const BuiltInstance& built;
  const planner::Plan& plan;
  const VerifiedPlan& verified;
  PlanReport report;
  // MaxReachable, per (person, nutrient); +inf unbounded; nullopt unknown.
  std::map<std::pair<int, int>, std::optional<double>> reachable;

  const planner::PlanInstance& in() const { return built.instance; }
  const Profile& lead() const { return household.front().profile; }
  std::string PersonSuffix(int person) const {
    return household.size() > 1 ? " (" + report.people[static_cast<size_t>(person)].id + ")" : "";
  }
  std::string Period() const {
    return in().plan.days == 7 ? "a week" : "over the " + std::to_string(in().plan.days) + "-day plan";
  }
  bool InMoney() const {
    const planner::ObjectiveWeights& w = in().plan.objective;
    bool dislikes = false;
    for (double d : in().plan.dislike) dislikes |= d > 0;
    return w.cost > 0 && w.co2e_kg == 0 && w.minutes == 0 && (w.dislike == 0 || !dislikes);
  }
  std::string ObjectiveText(double change) const {
    if (InMoney()) {
      const double money = std::fabs(change) / in().plan.objective.cost;
      return money < 0.01 && money > 0 ? "less than " + Money(report.currency, 0.01) : Money(report.currency, money);
    }
    return Small(std::fabs(change)) + " objective points";
  }

  std::optional<double> Reachable(int person, NutrientId n) {
    const int column = ColumnOf(in(), n);
    auto key = std::make_pair(person, Index(n));
    auto it = reachable.find(key);
    if (it != reachable.end()) return it->second;
    std::optional<double> v;
    if (column >= 0) {
      Result<double> r = planner::MaxReachable(in(), person, column);
      if (r.ok()) v = *r;
    }
    reachable[key] = v;
    return v;
  }

  void People() {
    for (size_t p = 0; p < household.size(); ++p) {
      report.people.push_back({household[p].id, in().share(static_cast<int>(p)), household[p].targets.energy_kcal});
    }
    report.days = in().plan.days;
    report.slots = in().plan.slots;
    report.currency = lead().currency;
    report.excluded_recipes = static_cast<int>(built.excluded.size());
    report.day_totals = verified.day_totals;
    report.cost = verified.cost;
    report.co2e_kg = verified.co2e_kg;
    report.minutes = verified.minutes;
    if (built.pricing) report.prices = built.pricing->prices;
    for (size_t i = 0; i < built.pantry.size() && i < verified.pantry.size(); ++i) {
      const BuiltInstance::PantryFood& pf = built.pantry[i];
      const VerifiedPlan::PantryUse& u = verified.pantry[i];
      const Food* food = catalog.foods().Find(pf.food);
      report.pantry.push_back({pf.food, food ? food->name : FormatFoodId(pf.food), pf.pantry_g, u.used_g,
                               u.from_pantry_g, u.bought_g, u.left_g, pf.expiring_g, u.expiring_left_g,
                               pf.price_per_kg});
    }
    if (built.pricing && built.pricing->prices == "market") {
      std::set<FoodId> missing;
      for (const planner::PlanCell& cell : plan.cells) {
        const int ri = catalog.FindRecipe(in().recipes[static_cast<size_t>(cell.recipe)].id);
        if (ri < 0) continue;
        for (const Ingredient& ing : catalog.recipes()[static_cast<size_t>(ri)].ingredients) {
          auto it = built.pricing->foods.find(ing.food);
          const FoodCost* fc = catalog.costs().Find(ing.food);
          const bool free = fc && fc->price_per_kg && *fc->price_per_kg == 0;  // Tap water.
          if (!free && (it == built.pricing->foods.end() || (!it->second.price_per_kg && it->second.pantry_g <= 0))) {
            missing.insert(ing.food);
          }
        }
      }
      for (FoodId f : missing) {
        const Food* food = catalog.foods().Find(f);
        report.not_in_market.push_back(food ? food->name : FormatFoodId(f));
      }
    }
  }

  void Meals() {
    const int slots = in().num_slots();
    const double eaten = in().total_share();
    for (size_t c = 0; c < plan.cells.size(); ++c) {
      const planner::PlanCell& cell = plan.cells[c];
      const planner::RecipeDef& r = in().recipes[static_cast<size_t>(cell.recipe)];
      ReportMeal m;
      m.cell = static_cast<int>(c);
      m.day = m.cell / slots;
      m.slot = m.cell % slots;
      m.slot_name = in().plan.slots[static_cast<size_t>(m.slot)];
      m.recipe_id = r.id;
      m.recipe_name = r.name;
      m.skipped = r.skip;
      m.servings = r.skip ? 0 : cell.servings;
      for (int p = 0; p < in().num_people(); ++p) m.servings_per_person.push_back(in().share(p) * m.servings);
      m.cost = m.servings * eaten * r.cost;
      m.co2e_kg = m.servings * eaten * r.co2e_kg;
      m.minutes = r.skip ? 0 : r.minutes;
      report.meals.push_back(std::move(m));
    }
  }

  void Coverage() {
    const int days = in().plan.days;
    for (size_t p = 0; p < household.size(); ++p) {
      const int person = static_cast<int>(p);
      const Targets& t = household[p].targets;
      PersonCoverage cov;
      for (const NutrientTarget& nt : t.nutrients) {
        if (!nt.min && !nt.max) continue;
        CoverageRow row;
        row.nutrient = nt.nutrient;
        row.averaging = nt.averaging;
        if (nt.min) row.min = nt.min->value;
        if (nt.max) row.max = nt.max->value;
        const int n = Index(nt.nutrient);
        row.average = verified.average[p][static_cast<size_t>(n)];
        // Energy is measured against the estimated requirement (the middle
        // of its band); other nutrients against their minimum, else maximum.
        const double ref = nt.nutrient == NutrientId::kEnergyKcal && t.energy_kcal > 0 ? t.energy_kcal
                           : row.min                                                 ? *row.min
                                                                                     : *row.max;
        row.percent = ref > 0 ? row.average / ref * 100.0 : 0;
        Shortfall low, high;
        low.person = high.person = person;
        low.nutrient = high.nutrient = nt.nutrient;
        low.averaging = high.averaging = nt.averaging;
        high.below_min = false;
        if (nt.averaging == Averaging::kDaily) {
          for (int d = 0; d < days; ++d) {
            const double v = verified.day_totals[static_cast<size_t>(d)][p][static_cast<size_t>(n)];
            if (row.min && Below(v, *row.min)) low.days.push_back(d);
            if (row.max && Above(v, *row.max)) high.days.push_back(d);
          }
          row.days_below_min = static_cast<int>(low.days.size());
          row.days_above_max = static_cast<int>(high.days.size());
        } else {
          row.days_below_min = row.min && Below(row.average, *row.min) ? 1 : 0;
          row.days_above_max = row.max && Above(row.average, *row.max) ? 1 : 0;
        }
        if (row.days_below_min > 0) {
          low.bound = *row.min;
          FillShortfall(low, row.average);
          row.status = low.reachable_percent && *low.reachable_percent < 100 - 1e-6 ? CoverageStatus::kShort
                                                                                   : CoverageStatus::kLow;
          report.shortfalls.push_back(std::move(low));
        }
        if (row.days_above_max > 0) {
          high.bound = *row.max;
          FillShortfall(high, row.average);
          if (row.status == CoverageStatus::kOk) row.status = CoverageStatus::kHigh;
          report.shortfalls.push_back(std::move(high));
        }
        cov.nutrients.push_back(std::move(row));
      }
      for (const EnergyShareTarget& s : t.energy_shares) {
        EnergyShareCoverage e;
        e.nutrient = s.nutrient;
        if (s.min_fraction) e.min_fraction = s.min_fraction->value;
        if (s.max_fraction) e.max_fraction = s.max_fraction->value;
        double energy_sum = 0, part_sum = 0;
        bool low = false, high = false;
        for (int d = 0; d < days; ++d) {
          const NutrientTotals& tot = verified.day_totals[static_cast<size_t>(d)][p];
          const double energy = tot[Index(NutrientId::kEnergyKcal)];
          const double part = s.kcal_per_unit * tot[static_cast<size_t>(Index(s.nutrient))];
          energy_sum += energy;
          part_sum += part;
          const bool below = e.min_fraction && Below(part, *e.min_fraction * energy);
          const bool above = e.max_fraction && Above(part, *e.max_fraction * energy);
          low |= below;
          high |= above;
          if (below || above) ++e.days_outside;
        }
        e.average_fraction = energy_sum > 0 ? part_sum / energy_sum : 0;
        e.status = low ? CoverageStatus::kLow : high ? CoverageStatus::kHigh : CoverageStatus::kOk;
        cov.energy_shares.push_back(e);
      }
      report.coverage.push_back(std::move(cov));
    }
  }

  void FillShortfall(Shortfall& s, double average) {
    const NutrientInfo& info = Info(s.nutrient);
    const std::string name = text::LowerFirst(info.name);
    const size_t p = static_cast<size_t>(s.person);
    s.average_percent = s.bound > 0 ? average / s.bound * 100 : 0;
    s.worst_percent = s.average_percent;
    for (int d : s.days) {
      const double pct = verified.day_totals[static_cast<size_t>(d)][p][static_cast<size_t>(Index(s.nutrient))] /
                         s.bound * 100;
      s.worst_percent = s.below_min ? std::min(s.worst_percent, pct) : std::max(s.worst_percent, pct);
    }
    const std::string whose = household.size() > 1 ? report.people[p].id + "'s " : "";
    const std::string deviation = Num(lead().weights.deviation, 2 - (lead().weights.deviation >= 10));
    if (!s.below_min) {
      s.reason = whose + name + " above its maximum of " + text::FormatAmount(s.bound) + " " + std::string(info.unit) +
                 " (worst " + Percent(s.worst_percent) +
                 "): staying under it together with the other targets and limits costs more than the "
                 "deviation penalty (" + deviation + " points per % a day)";
      return;
    }
    std::optional<double> reach = Reachable(s.person, s.nutrient);
    if (reach) s.reachable_percent = std::isfinite(*reach) ? *reach / s.bound * 100 : planner::kInf;
    if (s.reachable_percent && *s.reachable_percent < 100 - 1e-6) {
      s.closing_foods = FoodsRichIn(catalog, household, s.nutrient, 3);
      s.reason = whose + name + ": at most " + Percent(*s.reachable_percent) + " reachable with the recipes " +
                 (household.size() > 1 ? "your household's" : "your") + " restrictions allow";
      if (!s.closing_foods.empty()) {
        s.reason += "; foods that would close it: ";
        for (size_t i = 0; i < s.closing_foods.size(); ++i) {
          if (i) s.reason += ", ";
          s.reason += s.closing_foods[i].name + " (" + text::FormatAmount(s.closing_foods[i].per_100_kcal) + " " +
                      std::string(info.unit) + " per 100 kcal)";
        }
      }
      return;
    }
    s.reason = whose + name + ": reachable alone";
    if (s.reachable_percent && std::isfinite(*s.reachable_percent)) {
      s.reason += " (up to " + Percent(*s.reachable_percent) + " on a day)";
    }
    s.reason += ", but not together with the other targets, the budget and the limits; missing it by " +
                Percent(100 - s.worst_percent) + " costs less than meeting it (deviation penalty " + deviation +
                " points per % a day)";
  }

  void Objective(const planner::SolveOutcome& outcome) {
    const planner::PlanSpec& spec = in().plan;
    const double eaten = in().total_share();
    double cost = 0, co2e = 0, dislike = 0, minutes = 0;
    for (const planner::PlanCell& cell : plan.cells) {
      const planner::RecipeDef& r = in().recipes[static_cast<size_t>(cell.recipe)];
      cost += cell.servings * eaten * r.cost;
      co2e += cell.servings * eaten * r.co2e_kg;
      dislike += spec.dislike[static_cast<size_t>(cell.recipe)];
      minutes += r.minutes;
    }
    const planner::PlanCheck check = planner::CheckInstancePlan(in(), plan);
    // Pantry rows are soft rows of the model but not deviations: buying pantry
    // food beyond the pantry is cost; expiring food left unused is its own term.
    double pantry_penalty = 0, expiring_value = 0;
    for (const PantryLine& l : report.pantry) {
      cost += l.bought_g / 1000.0 * l.price_per_kg;
      if (built.pricing) expiring_value += built.pricing->expiry_bonus * l.expiring_left_g / 1000.0 * l.price_per_kg;
    }
    for (size_t i = 0; i < built.pantry.size() && i < report.pantry.size(); ++i) {
      if (built.pantry[i].max_row < 0) continue;
      pantry_penalty += spec.objective.cost * report.pantry[i].bought_g / 1000.0 * built.pantry[i].price_per_kg;
    }
    pantry_penalty += spec.objective.cost * expiring_value;
    const double dev_weight = lead().weights.deviation;
    const double deviation_penalty = std::max(0.0, check.soft_penalty - pantry_penalty);
    const double deviation = dev_weight > 0 ? deviation_penalty / dev_weight : 0;
    report.terms = {
        {"cost", report.currency, cost, spec.objective.cost, spec.objective.cost * cost},
        {"co2e", "kg CO2e", co2e, spec.objective.co2e_kg, spec.objective.co2e_kg * co2e},
        {"dislike", "uses", dislike, spec.objective.dislike, spec.objective.dislike * dislike},
        {"cooking_time", "min", minutes, spec.objective.minutes, spec.objective.minutes * minutes},
        {"deviation", "% of a bound·day", deviation, dev_weight, deviation_penalty},
    };
    if (!built.pantry.empty()) {
      report.terms.push_back({"expiring_pantry", report.currency, expiring_value, spec.objective.cost,
                              spec.objective.cost * expiring_value});
    }
    report.objective = 0;
    for (const ObjectiveTerm& t : report.terms) report.objective += t.value;
    report.status = std::string(planner::SolveStatusName(outcome.status));
    report.solver = outcome.solver;
    report.bound = outcome.bound;
    if (report.bound && report.objective > 0) {
      report.gap = std::max(0.0, (report.objective - *report.bound) / report.objective);
    }
  }

  void Sensitivity() {
    Result<planner::LpSensitivity> lp = planner::ShadowPrices(in());
    if (!lp.ok()) {
      report.notes.push_back("shadow prices unavailable: " + lp.status().message());
      return;
    }
    const planner::PlanSpec& spec = in().plan;
    for (const planner::RowPrice& rp : lp->prices) {
      if (!rp.binding) continue;
      RowInsight ri;
      ri.kind = rp.kind;
      ri.at_min = rp.at_min;
      ri.price = rp.price;
      ri.in_money = InMoney();
      const std::string rel = rp.at_min ? " ≥ " : " ≤ ";
      const char* verb = rp.price >= 0 ? "costs " : "saves ";
      switch (rp.kind) {
        case planner::RowKind::kDaily:
        case planner::RowKind::kWeekly: {
          const auto& rows = rp.kind == planner::RowKind::kDaily ? spec.daily : spec.weekly_average;
          if (rp.row < 0 || static_cast<size_t>(rp.row) >= rows.size()) continue;
          const planner::NutrientRow& row = rows[static_cast<size_t>(rp.row)];
          ri.person = row.person;
          ri.nutrient = NutrientOfColumn(in(), row.nutrient);
          if (!ri.nutrient) continue;
          ri.bound = rp.at_min ? row.min : row.max;
          const NutrientInfo& info = Info(*ri.nutrient);
          const std::string per = rp.kind == planner::RowKind::kDaily ? " a day" : " a day on average";
          ri.label = std::string(info.name) + rel + text::FormatAmount(ri.bound) + " " + std::string(info.unit) + per +
                     PersonSuffix(ri.person);
          ri.step = NiceStep(ri.bound);
          ri.change = ri.price * ri.step;
          const std::string step = Step(ri.step) + " " + std::string(info.unit);
          ri.text = (rp.at_min ? "+" + step + " " + text::LowerFirst(info.name) + per + " "
                               : "raising the " + text::LowerFirst(info.name) + " maximum by " + step + per + " ") +
                    verb + ObjectiveText(ri.change) + " " + Period() + PersonSuffix(ri.person);
          break;
        }
        case planner::RowKind::kEnergyShare: {
          if (rp.row < 0 || static_cast<size_t>(rp.row) >= spec.energy_share.size()) continue;
          const planner::EnergyShareRow& row = spec.energy_share[static_cast<size_t>(rp.row)];
          ri.person = row.person;
          ri.nutrient = NutrientOfColumn(in(), row.nutrient);
          if (!ri.nutrient) continue;
          ri.bound = rp.at_min ? row.min : row.max;
          const std::string name = text::LowerFirst(Info(*ri.nutrient).name);
          ri.label = std::string(Info(*ri.nutrient).name) + rel + Num(ri.bound * 100, 1) + " % of energy" +
                     PersonSuffix(ri.person);
          ri.step = 1;  // One percentage point; the price is already per point.
          ri.change = ri.price;
          ri.text = (rp.at_min ? "+1 % of energy from " + name + " "
                               : "raising the " + name + " maximum by 1 % of energy ") +
                    verb + ObjectiveText(ri.change) + " " + Period() + PersonSuffix(ri.person);
          break;
        }
        case planner::RowKind::kBudget: {
          if (!spec.budget_per_week) continue;
          ri.bound = *spec.budget_per_week;
          ri.label = "Budget ≤ " + Money(report.currency, ri.bound);
          ri.step = 1;
          ri.change = ri.price;
          ri.text = "+" + Money(report.currency, 1) + " of budget " + verb + ObjectiveText(ri.change);
          break;
        }
        case planner::RowKind::kMinutes: {
          if (!spec.max_minutes_per_day) continue;
          ri.bound = *spec.max_minutes_per_day;
          ri.label = "Cooking ≤ " + text::FormatAmount(ri.bound) + " min a day";
          ri.step = 5;
          ri.change = ri.price * ri.step;
          ri.text = "+5 min of cooking a day " + std::string(verb) + ObjectiveText(ri.change) + " " + Period();
          break;
        }
      }
      report.binding.push_back(std::move(ri));
    }
    std::stable_sort(report.binding.begin(), report.binding.end(), [](const RowInsight& a, const RowInsight& b) {
      return std::fabs(a.price * a.step) > std::fabs(b.price * b.step);
    });
  }

  void Tight() {
    auto add = [&](NutrientId n) {
      if (report.tight.size() >= kMaxTight) return;
      if (std::find(report.tight.begin(), report.tight.end(), n) == report.tight.end()) report.tight.push_back(n);
    };
    for (const Shortfall& s : report.shortfalls) {
      if (s.below_min) add(s.nutrient);
    }
    for (const RowInsight& b : report.binding) {
      if (b.nutrient && b.at_min) add(*b.nutrient);
    }
    if (report.tight.empty()) {
      add(NutrientId::kEnergyKcal);
      add(NutrientId::kProtein);
    }
  }

  void Why() {
    for (ReportMeal& m : report.meals) m.why = WhyOf(m);
  }

  std::vector<Contribution> WhyOf(const ReportMeal& m) const {
    if (m.skipped) return {};
    const size_t ri = static_cast<size_t>(catalog.FindRecipe(m.recipe_id));
    const NutrientVector& per = catalog.facts(ri).per_serving;
    const NutrientTotals& day = verified.day_totals[static_cast<size_t>(m.day)][0];
    std::vector<Contribution> out;
    for (NutrientId n : report.tight) {
      const double total = day[static_cast<size_t>(Index(n))];
      const double amount = m.servings_per_person.front() * per[static_cast<size_t>(Index(n))];
      if (!(total > 0) || !(amount > 0)) continue;
      out.push_back({n, amount, amount / total * 100});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Contribution& a, const Contribution& b) { return a.percent_of_day > b.percent_of_day; });
    if (out.size() > kWhyContributions) out.resize(kWhyContributions);
    return out;
  }
};

}  // namespace

std::string_view CoverageStatusName(CoverageStatus s) {
  switch (s) {
    case CoverageStatus::kOk: return "ok";
    case CoverageStatus::kLow: return "low";
    case CoverageStatus::kHigh: return "high";
    case CoverageStatus::kShort: return "short";
  }
  return "ok";
}

std::string FormatServings(double servings) {
  const double q = std::round(servings * 4) / 4;
  const long whole = static_cast<long>(std::floor(q + 1e-9));
  const int quarters = static_cast<int>(std::lround((q - static_cast<double>(whole)) * 4));
  static const char* const kFrac[] = {"", "¼", "½", "¾"};
  if (whole == 0 && quarters == 0) return "0";
  return (whole > 0 ? std::to_string(whole) : std::string()) + kFrac[quarters];
}

std::vector<Shortfall::Food> FoodsRichIn(const Catalog& catalog, const std::vector<PlanMember>& household,
                                         NutrientId nutrient, size_t limit) {
  struct Candidate {
    const Food* food;
    double per_100_kcal;
  };
  std::vector<Candidate> common, other;
  const size_t n = static_cast<size_t>(Index(nutrient));
  const size_t kcal = static_cast<size_t>(Index(NutrientId::kEnergyKcal));
  for (const Food& f : catalog.foods().foods()) {
    if (!f.manufacturer.empty() || !f.Reported(nutrient) || !(f.per_100g[n] > 0)) continue;
    if (f.per_100g[kcal] < kMinKcalPer100g) continue;
    if (std::find(std::begin(kUnsuggestedGroups), std::end(kUnsuggestedGroups), f.group_code) !=
        std::end(kUnsuggestedGroups)) {
      continue;
    }
    if (!FoodAllowed(f, household)) continue;
    (f.survey ? common : other).push_back({&f, f.per_100g[n] / f.per_100g[kcal] * 100});
  }
  auto by_density = [](const Candidate& a, const Candidate& b) {
    if (a.per_100_kcal != b.per_100_kcal) return a.per_100_kcal > b.per_100_kcal;
    return a.food->id < b.food->id;
  };
  std::sort(common.begin(), common.end(), by_density);
  std::sort(other.begin(), other.end(), by_density);
  std::vector<Shortfall::Food> out;
  std::set<std::string> heads;
  for (const auto* list : {&common, &other}) {
    for (const Candidate& c : *list) {
      if (out.size() >= limit) return out;
      if (!heads.insert(NameHead(c.food->name)).second) continue;
      out.push_back({FormatFoodId(c.food->id), ShortName(c.food->name), c.per_100_kcal});
    }
  }
  return out;
}

Result<PlanReport> BuildPlanReport(const Catalog& catalog, const std::vector<PlanMember>& household,
                                   const BuiltInstance& built, const planner::SolveOutcome& outcome,
                                   const VerifiedPlan& verified) {
  if (!outcome.plan) return Status::InvalidArgument("plan report", "the outcome has no plan");
  const planner::PlanInstance& in = built.instance;
  const planner::Plan& plan = *outcome.plan;
  if (household.empty() || static_cast<int>(household.size()) != in.num_people()) {
    return Status::InvalidArgument("plan report", "the household does not match the instance's people");
  }
  if (plan.cells.size() != static_cast<size_t>(in.num_cells())) {
    return Status::InvalidArgument("plan report", "the plan has " + std::to_string(plan.cells.size()) +
                                                      " cells, the instance " + std::to_string(in.num_cells()));
  }
  for (const planner::PlanCell& c : plan.cells) {
    if (c.recipe < 0 || static_cast<size_t>(c.recipe) >= in.recipes.size() ||
        (!in.recipes[static_cast<size_t>(c.recipe)].skip &&
         catalog.FindRecipe(in.recipes[static_cast<size_t>(c.recipe)].id) < 0)) {
      return Status::InvalidArgument("plan report", "a cell holds a recipe outside the catalogue");
    }
  }
  if (verified.day_totals.size() != static_cast<size_t>(in.plan.days) ||
      verified.average.size() != household.size()) {
    return Status::InvalidArgument("plan report", "the verified totals do not match the plan");
  }
  ReportBuilder b{catalog, household, built, plan, verified, {}, {}};
  b.People();
  b.Meals();
  b.Coverage();
  b.Objective(outcome);
  b.Sensitivity();
  b.Tight();
  b.Why();
  return std::move(b.report);
}

MealExplanation ExplainMeal(const PlanReport& report, const BuiltInstance& built, const planner::Plan& plan,
                            int cell, int k) {
  MealExplanation out;
  out.meal = report.meals[static_cast<size_t>(cell)];
  for (const planner::Alternative& a : planner::Alternatives(built.instance, plan, cell, k)) {
    const planner::RecipeDef& r = built.instance.recipes[static_cast<size_t>(a.recipe)];
    out.alternatives.push_back({r.id, r.name, a.servings, a.objective_change});
  }
  return out;
}

}  // namespace hearth
