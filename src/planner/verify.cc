#include "hearth/planner/verify.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace hearth::planner {
namespace {

double Slack(double bound) { return kRuleTolerance * std::max(1.0, std::fabs(bound)); }

std::string Fmt(double v) {
  std::ostringstream ss;
  ss.precision(10);
  ss << v;
  return ss.str();
}

// Checks lo <= value <= hi; appends a violation or adds the soft penalty.
void CheckRange(double value, double lo, double hi, double penalty, const std::string& what,
                PlanCheck& check) {
  double shortfall = 0;
  std::string msg;
  if (std::isfinite(lo) && value < lo - Slack(lo)) {
    shortfall = lo - value;
    msg = what + " " + Fmt(value) + " < min " + Fmt(lo);
  } else if (std::isfinite(hi) && value > hi + Slack(hi)) {
    shortfall = value - hi;
    msg = what + " " + Fmt(value) + " > max " + Fmt(hi);
  }
  if (msg.empty()) return;
  if (std::isfinite(penalty)) {
    check.soft_penalty += penalty * shortfall;
  } else {
    check.violations.push_back(std::move(msg));
  }
}

}  // namespace

PlanCheck CheckInstancePlan(const PlanInstance& inst, const Plan& plan) {
  PlanCheck check;
  const PlanSpec& p = inst.plan;
  const int slots = inst.num_slots();
  const size_t num_recipes = inst.recipes.size();
  if (plan.cells.size() != static_cast<size_t>(inst.num_cells())) {
    check.violations.push_back("plan has " + std::to_string(plan.cells.size()) + " cells, expected " +
                               std::to_string(inst.num_cells()));
    return check;
  }
  const size_t num_nutrients = inst.nutrients.size();
  const int people = inst.num_people();
  // Per person, nutrient totals of the day and of the week.
  std::vector<double> week(num_nutrients * static_cast<size_t>(people), 0.0);
  std::vector<int> week_uses(num_recipes, 0);
  double spend = 0;
  const double eaten = inst.total_share();
  bool cells_ok = true;
  auto person_label = [&](int person) {
    return inst.people.empty() ? std::string() : " person " + inst.people[static_cast<size_t>(person)].id;
  };
  for (const FixedCell& f : p.fixed) {
    if (f.cell < 0 || f.cell >= inst.num_cells()) continue;
    const PlanCell& cell = plan.cells[static_cast<size_t>(f.cell)];
    const std::string where = "day " + std::to_string(f.cell / slots) + " slot " +
                              p.slots[static_cast<size_t>(f.cell % slots)];
    if (cell.recipe != f.recipe) {
      check.violations.push_back(where + ": fixed recipe " + inst.recipes[static_cast<size_t>(f.recipe)].id +
                                 " was replaced");
    } else if (f.servings && std::fabs(cell.servings - *f.servings) > Slack(*f.servings)) {
      check.violations.push_back(where + ": fixed servings " + Fmt(*f.servings) + " changed to " +
                                 Fmt(cell.servings));
    }
  }
  for (int d = 0; d < p.days; ++d) {
    std::vector<double> day(num_nutrients * static_cast<size_t>(people), 0.0);
    std::vector<int> day_uses;
    double minutes = 0;
    for (int s = 0; s < slots; ++s) {
      const PlanCell& cell = plan.cells[static_cast<size_t>(d * slots + s)];
      const std::string where = "day " + std::to_string(d) + " slot " + p.slots[static_cast<size_t>(s)];
      if (cell.recipe < 0 || static_cast<size_t>(cell.recipe) >= num_recipes) {
        check.violations.push_back(where + ": no recipe");
        cells_ok = false;
        continue;
      }
      const RecipeDef& r = inst.recipes[static_cast<size_t>(cell.recipe)];
      if (std::find(r.slots.begin(), r.slots.end(), s) == r.slots.end()) {
        check.violations.push_back(where + ": recipe " + r.id + " not allowed in this slot");
      }
      if (IsExcluded(inst, cell.recipe)) check.violations.push_back(where + ": recipe " + r.id + " is excluded");
      const double sv = cell.servings;
      if (!std::isfinite(sv) || sv < p.servings.min - Slack(p.servings.min) ||
          sv > p.servings.max + Slack(p.servings.max)) {
        check.violations.push_back(where + ": servings " + Fmt(sv) + " outside [" + Fmt(p.servings.min) + ", " +
                                   Fmt(p.servings.max) + "]");
      } else if (p.servings.step > 0) {
        const double k = std::round(sv / p.servings.step);
        if (std::fabs(k * p.servings.step - sv) > Slack(sv)) {
          check.violations.push_back(where + ": servings " + Fmt(sv) + " not a multiple of step " +
                                     Fmt(p.servings.step));
        }
      }
      for (int q = 0; q < people; ++q) {
        const double eats = sv * inst.share(q);
        for (size_t n = 0; n < num_nutrients; ++n) day[static_cast<size_t>(q) * num_nutrients + n] += eats * r.nutrients[n];
      }
      for (const MealCapRow& cap : p.per_meal) {
        const double v = sv * inst.share(cap.person) * r.nutrients[static_cast<size_t>(cap.nutrient)];
        CheckRange(v, -kInf, cap.max, kInf,
                   where + person_label(cap.person) + " per_meal " +
                       inst.nutrients[static_cast<size_t>(cap.nutrient)].id,
                   check);
      }
      spend += sv * eaten * r.cost;
      minutes += r.minutes;
      if (!r.skip) {
        ++week_uses[static_cast<size_t>(cell.recipe)];
        day_uses.push_back(cell.recipe);
      }
    }
    if (p.max_minutes_per_day) {
      CheckRange(minutes, -kInf, *p.max_minutes_per_day, kInf, "day " + std::to_string(d) + " cooking minutes",
                 check);
    }
    if (p.max_uses_per_day) {
      std::sort(day_uses.begin(), day_uses.end());
      for (size_t i = 0; i < day_uses.size();) {
        size_t j = i;
        while (j < day_uses.size() && day_uses[j] == day_uses[i]) ++j;
        if (static_cast<int>(j - i) > *p.max_uses_per_day) {
          check.violations.push_back("day " + std::to_string(d) + ": recipe " +
                                     inst.recipes[static_cast<size_t>(day_uses[i])].id + " used " +
                                     std::to_string(j - i) + " times > max_uses_per_day " +
                                     std::to_string(*p.max_uses_per_day));
        }
        i = j;
      }
    }
    auto total = [&](int person, int nutrient) {
      return day[static_cast<size_t>(person) * num_nutrients + static_cast<size_t>(nutrient)];
    };
    for (size_t k = 0; k < p.daily.size(); ++k) {
      const NutrientRow& row = p.daily[k];
      CheckRange(total(row.person, row.nutrient), row.min, row.max, row.penalty,
                 "day " + std::to_string(d) + person_label(row.person) + " daily[" + std::to_string(k) + "] " +
                     inst.nutrients[static_cast<size_t>(row.nutrient)].id,
                 check);
    }
    if (!p.energy_share.empty() && inst.energy_nutrient >= 0) {
      for (size_t k = 0; k < p.energy_share.size(); ++k) {
        const EnergyShareRow& row = p.energy_share[k];
        const double energy = total(row.person, inst.energy_nutrient);
        const double v = row.kcal_per_unit * total(row.person, row.nutrient);
        const std::string what = "day " + std::to_string(d) + person_label(row.person) + " energy_share[" +
                                 std::to_string(k) + "] " + inst.nutrients[static_cast<size_t>(row.nutrient)].id +
                                 " kcal";
        // Tolerance relative to the day's energy: lo/hi are fractions of it.
        if (std::isfinite(row.min)) CheckRange(v, row.min * energy, kInf, row.penalty, what, check);
        if (std::isfinite(row.max)) CheckRange(v, -kInf, row.max * energy, row.penalty, what, check);
      }
    }
    for (size_t n = 0; n < week.size(); ++n) week[n] += day[n];
  }
  if (!cells_ok) return check;
  for (size_t k = 0; k < p.weekly_average.size(); ++k) {
    const NutrientRow& row = p.weekly_average[k];
    CheckRange(week[static_cast<size_t>(row.person) * num_nutrients + static_cast<size_t>(row.nutrient)] / p.days,
               row.min, row.max, row.penalty,
               "weekly_average[" + std::to_string(k) + "]" + person_label(row.person) + " " +
                   inst.nutrients[static_cast<size_t>(row.nutrient)].id,
               check);
  }
  if (p.max_uses_per_week) {
    for (size_t r = 0; r < num_recipes; ++r) {
      if (week_uses[r] > *p.max_uses_per_week) {
        check.violations.push_back("recipe " + inst.recipes[r].id + " used " + std::to_string(week_uses[r]) +
                                   " times > max_uses_per_week " + std::to_string(*p.max_uses_per_week));
      }
    }
  }
  if (p.budget_per_week) CheckRange(spend, -kInf, *p.budget_per_week, kInf, "spend", check);
  check.objective = PlanObjective(inst, plan);
  return check;
}

Status VerifyInstancePlan(const PlanInstance& instance, const Plan& plan) {
  PlanCheck check = CheckInstancePlan(instance, plan);
  if (check.ok()) return Status::Ok();
  std::string msg = check.violations.front();
  if (check.violations.size() > 1) {
    msg += " (and " + std::to_string(check.violations.size() - 1) + " more)";
  }
  return Status::InvalidArgument("plan breaks a rule", msg);
}

}  // namespace hearth::planner
