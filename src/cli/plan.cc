// hearth plan --profile FILE [...]: a week of meals for a household, solved,
// verified and explained; `plan explain` and `plan swap` work on a saved plan
// document (docs/plan-json.md).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/stored.h"
#include "core/text.h"
#include "hearth/json/encode.h"
#include "hearth/json/plan_json.h"
#include "hearth/json/profile_json.h"
#include "hearth/planner/instance_io.h"
#include "hearth/service/plan_pricing.h"
#include "hearth/service/plan_report.h"
#include "hearth/service/plans.h"

namespace hearth::cli {
namespace {

// Options of `hearth plan`.
struct PlanOptions {
  std::string profile;                 // The lead profile (weights, budget). Required.
  std::vector<std::string> household;  // Further members' profiles.
  int days = 7;                        // 1-28. Default: 7.
  std::uint64_t seed = 1;              // Default: 1.
  double time_limit_s = 10;            // Seconds. Default: 10.
  int threads = 1;                     // Default: 1.
  std::optional<double> max_minutes;   // Active cooking minutes a day, at most.
  bool json = false;
  std::string out;                     // Save the plan document here.
  bool market = false;                 // Prices from the stored market's products in stock.
  std::string pantry;                  // Plan with this stored pantry ("" = none).
  std::string start;                   // Day 1 (YYYY-MM-DD). Default: today.
  std::vector<std::string> optional;   // Slots that may stay empty.
};

struct ExplainOptions {
  std::string plan;
  std::optional<int> day;  // 1-based.
  std::string slot;
  bool json = false;
};

struct SwapOptions {
  std::string plan;
  int day = 0;  // 1-based.
  std::string slot;
  std::string recipe;
  std::optional<double> servings;
  std::string out;
  bool json = false;
};

// The service's errors name the options.
const PlanFieldNames kOptionNames{"--day", "--slot", "--recipe", "--servings", "--time-limit", "--max-minutes"};
// Width of the coverage bars, in characters.
constexpr int kBarWidth = 12;

[[noreturn]] void CommandFail(const std::string& command, int code, const std::string& message) {
  throw CommandError{code, "hearth " + command + ": " + message};
}
[[noreturn]] void CommandFail(const std::string& command, const Status& status) {
  CommandFail(command, kExitFailure, status.message());
}
// Wrong usage: one line naming the problem, then the usage line (exit 2).
[[noreturn]] void UsageFail(const std::string& command, const std::string& message) {
  std::string usage = command == "plan swap"      ? " --plan PLAN.json --day D --slot S --recipe ID [OPTIONS]"
                      : command == "plan explain" ? " --plan PLAN.json [--day D --slot S] [--json]"
                                                  : " --profile FILE [OPTIONS]";
  throw CommandError{kExitUsage,
                     "hearth " + command + ": " + message + "\nUsage: hearth " + command + usage + " (see --help)"};
}

std::string Money(const std::string& currency, double v) {
  if (currency == "USD") return (v < 0 ? "-$" : "$") + FormatNumber(std::fabs(v), 2);
  if (currency == "EUR") return (v < 0 ? "-€" : "€") + FormatNumber(std::fabs(v), 2);
  if (currency == "GBP") return (v < 0 ? "-£" : "£") + FormatNumber(std::fabs(v), 2);
  return FormatNumber(v, 2) + " " + currency;
}

std::string Signed(double v, int decimals) { return (v >= 0 ? "+" : "") + FormatNumber(v, decimals); }

std::string Bar(double percent) {
  const int filled = std::clamp(static_cast<int>(std::lround(percent / 100.0 * kBarWidth)), 0, kBarWidth);
  std::string s;
  for (int i = 0; i < kBarWidth; ++i) s += i < filled ? "█" : "░";
  return s;
}

std::string ServingsText(const PlanReport& r, const ReportMeal& m) {
  if (m.skipped) return "—";
  if (r.people.size() == 1) return FormatServings(m.servings);
  std::string s;
  for (size_t p = 0; p < r.people.size(); ++p) {
    if (p) s += " · ";
    s += r.people[p].id + " " + FormatServings(m.servings_per_person[p]);
  }
  return s;
}

std::string WhyText(const PlanReport& r, const ReportMeal& m) {
  std::string s;
  for (const Contribution& c : m.why) {
    s += s.empty() ? FormatNumber(c.percent_of_day, 0) + " % of the day's "
                   : ", " + FormatNumber(c.percent_of_day, 0) + " % of its ";
    s += text::LowerFirst(Info(c.nutrient).name);
  }
  if (!s.empty()) s += "; ";
  return s + Money(r.currency, m.cost);
}

std::string MealTitle(const ReportMeal& m) {
  return "day " + std::to_string(m.day + 1) + " " + m.slot_name + ": " + m.recipe_name;
}

void PrintWeek(const PlanReport& r) {
  std::cout << "Week plan (" << r.days << (r.days == 1 ? " day" : " days");
  if (r.people.size() > 1) {
    std::cout << "; household:";
    for (size_t p = 0; p < r.people.size(); ++p) {
      std::cout << (p ? "," : "") << " " << r.people[p].id << " ×" << FormatServings(r.people[p].share);
    }
  }
  std::cout << ")\n";
  Table t({"day", "meal", "recipe", "servings"});
  int last_day = -1;
  for (const ReportMeal& m : r.meals) {
    t.AddRow({m.day != last_day ? std::to_string(m.day + 1) : "", m.slot_name, m.recipe_name, ServingsText(r, m)});
    last_day = m.day;
  }
  std::cout << t.Render() << "\n";
}

void PrintCoverage(const PlanReport& r) {
  for (size_t p = 0; p < r.people.size(); ++p) {
    std::cout << "Coverage — " << r.people[p].id << " (average a day over " << r.days
              << (r.days == 1 ? " day" : " days") << "; target "
              << FormatNumber(r.people[p].energy_kcal, 0) << " kcal)\n";
    Table t({"nutrient", "average", "min", "max", "unit", "% of target", "status"});
    t.RightAlign({1, 2, 3});
    for (const CoverageRow& c : r.coverage[p].nutrients) {
      std::string status(CoverageStatusName(c.status));
      if (c.days_below_min > 0 && c.averaging == Averaging::kDaily) {
        status += " (" + std::to_string(c.days_below_min) + " d below)";
      } else if (c.days_above_max > 0 && c.averaging == Averaging::kDaily) {
        status += " (" + std::to_string(c.days_above_max) + " d above)";
      }
      t.AddRow({std::string(Info(c.nutrient).name) + (c.averaging == Averaging::kWeekly ? " (week avg)" : ""),
                text::FormatAmount(c.average), c.min ? text::FormatAmount(*c.min) : "-", c.max ? text::FormatAmount(*c.max) : "-",
                std::string(Info(c.nutrient).unit), Bar(c.percent) + " " + FormatNumber(c.percent, 0) + " %",
                status});
    }
    for (const EnergyShareCoverage& e : r.coverage[p].energy_shares) {
      t.AddRow({std::string(Info(e.nutrient).name) + " (share of energy)", FormatNumber(e.average_fraction * 100, 1),
                e.min_fraction ? FormatNumber(*e.min_fraction * 100, 1) : "-",
                e.max_fraction ? FormatNumber(*e.max_fraction * 100, 1) : "-", "%", "",
                std::string(CoverageStatusName(e.status)) +
                    (e.days_outside ? " (" + std::to_string(e.days_outside) + " d outside)" : "")});
    }
    std::cout << t.Render() << "\n";
  }
}

void PrintTotals(const PlanReport& r) {
  std::cout << "Totals: " << Money(r.currency, r.cost) << " · " << FormatNumber(r.co2e_kg, 1) << " kg CO2e · "
            << FormatNumber(r.minutes, 0) << " min active cooking (" << r.days << " days";
  if (r.people.size() > 1) std::cout << ", " << r.people.size() << " people";
  std::cout << ")\n";
  std::cout << "Prices: " << (r.prices == "market" ? "the market's products in stock (cheapest per kg)" : "hearth's defaults (data/costs)");
  std::cout << "\n";
  if (!r.not_in_market.empty()) {
    std::cout << "Not in stock at any vendor (default price used): ";
    for (size_t i = 0; i < r.not_in_market.size(); ++i) std::cout << (i ? "; " : "") << r.not_in_market[i];
    std::cout << "\n";
  }
  if (!r.pantry.empty()) {
    std::cout << "\nPantry (already paid for; grams over the plan)\n";
    Table t({"food", "in pantry", "used", "to buy", "left", "expiring unused"});
    t.RightAlign({1, 2, 3, 4, 5});
    for (const PantryLine& l : r.pantry) {
      t.AddRow({l.name, FormatNumber(l.pantry_g, 0), FormatNumber(l.used_g, 0), FormatNumber(l.bought_g, 0),
                FormatNumber(l.left_g, 0), l.expiring_g > 0 ? FormatNumber(l.expiring_left_g, 0) : "-"});
    }
    std::cout << t.Render();
  }
  std::cout << "\n";
}

void PrintObjective(const PlanReport& r) {
  std::cout << "Objective (minimised; your weights)\n";
  Table t({"term", "amount", "unit", "weight", "value"});
  t.RightAlign({1, 3, 4});
  static const std::pair<const char*, const char*> kNames[] = {
      {"cost", "cost"}, {"co2e", "CO2e"}, {"dislike", "dislikes"}, {"cooking_time", "cooking time"},
      {"deviation", "deviation penalties"}, {"expiring_pantry", "expiring pantry food unused"}};
  for (const ObjectiveTerm& term : r.terms) {
    std::string name = term.term;
    for (const auto& [key, shown] : kNames) {
      if (term.term == key) name = shown;
    }
    t.AddRow({name, FormatNumber(term.amount, 2), term.unit, "× " + FormatNumber(term.weight, 2),
              FormatNumber(term.value, 2)});
  }
  t.AddRow({"total", "", "", "", FormatNumber(r.objective, 2)});
  std::cout << t.Render();
  std::cout << "lower bound " << (r.bound ? FormatNumber(*r.bound, 2) : std::string("unknown")) << " · gap "
            << (r.gap ? FormatNumber(*r.gap * 100, 2) + " %" : std::string("unknown")) << " · status " << r.status;
  if (!r.solver.empty()) std::cout << " (" << r.solver << ")";
  std::cout << "\n\n";
}

void PrintExplanation(const PlanReport& r) {
  std::cout << "Explanation\n";
  std::cout << "Binding constraints:\n";
  if (r.binding.empty()) std::cout << "- none\n";
  for (const RowInsight& b : r.binding) std::cout << "- " << b.label << "\n";
  std::cout << "\nShortfalls:\n";
  if (r.shortfalls.empty()) std::cout << "- none: every target is met on every day\n";
  for (const Shortfall& s : r.shortfalls) {
    std::string when = s.averaging == Averaging::kWeekly
                           ? "on the weekly average"
                           : "on " + std::to_string(s.days.size()) + " of " + std::to_string(r.days) + " days";
    std::cout << "- " << s.reason << " [" << (s.below_min ? "below the minimum " : "above the maximum ") << when
              << "; average " << FormatNumber(s.average_percent, 0) << " % of " << text::FormatAmount(s.bound) << " "
              << Info(s.nutrient).unit << "]\n";
  }
  std::cout << "\nShadow prices (what a stricter target would cost):\n";
  if (r.binding.empty()) std::cout << "- none\n";
  for (const RowInsight& b : r.binding) std::cout << "- " << b.text << "\n";
  if (!r.binding.empty() && !r.binding.front().in_money) {
    std::cout << "  (objective points: your weights mix money with CO2e, dislikes or cooking time)\n";
  }
  std::cout << "\nWhy these recipes (share of the day's tight nutrients; cost):\n";
  for (const ReportMeal& m : r.meals) {
    if (!m.skipped) std::cout << "- " << MealTitle(m) << " — " << WhyText(r, m) << "\n";
  }
  for (const std::string& n : r.notes) std::cout << "note: " << n << "\n";
}

void PrintPlan(const PlanReport& r) {
  PrintWeek(r);
  PrintCoverage(r);
  PrintTotals(r);
  PrintObjective(r);
  PrintExplanation(r);
}

void PrintMeal(const PlanReport& r, const MealExplanation& e) {
  const ReportMeal& m = e.meal;
  std::cout << "Day " << m.day + 1 << " " << m.slot_name << ": " << m.recipe_name << " (" << m.recipe_id << "), "
            << ServingsText(r, m) << (r.people.size() == 1 ? " servings" : "") << "\n";
  std::cout << "Why this recipe: " << WhyText(r, m) << "\n\nAlternatives (objective change if swapped alone):\n";
  if (e.alternatives.empty()) std::cout << "- none keeps every rule\n";
  Table t({"recipe", "id", "servings", "objective change"});
  t.RightAlign({2, 3});
  for (const MealAlternative& a : e.alternatives) {
    t.AddRow({a.recipe_name, a.recipe_id, FormatServings(a.servings), Signed(a.objective_change, 2)});
  }
  if (!e.alternatives.empty()) std::cout << t.Render();
}

// Writes the plan to `out` when given, keeps it in the database (hearth
// plans list) and prints it. A database that cannot be written costs
// neither the printed plan nor the file; the command then ends with the
// reason.
void Emit(const std::string& command, const nlohmann::json& doc, const PlanReport& report,
          bool json, const std::string& out, const std::string& preface = "") {
  if (!out.empty()) {
    Status st = planner::WriteTextFile(out, doc.dump(2) + "\n");
    if (!st.ok()) CommandFail(command, st);
  }
  Result<int64_t> stored = StorePlan(doc);
  if (json) {
    std::cout << doc.dump(2) << "\n";
  } else {
    std::cout << preface;
    PrintPlan(report);
    if (stored.ok())
      std::cout << "\nKept as plan " << *stored << " (hearth plans list; --plan " << *stored
                << ")\n";
    if (!out.empty()) std::cout << "Saved the plan to " << out << "\n";
  }
  if (!stored.ok()) {
    std::cout.flush();
    CommandFail(command, stored.status().WithContext("the plan above was made but not kept in " +
                                                     DatabaseUrl()));
  }
}

void RunPlan(const PlanOptions& o) {
  const std::string cmd = "plan";
  if (o.profile.empty()) UsageFail(cmd, "--profile FILE is required");
  PlanRequest req;
  std::vector<std::string> files{o.profile};
  files.insert(files.end(), o.household.begin(), o.household.end());
  for (const std::string& f : files) {
    Result<Profile> p = ReadProfileArg(f);
    if (!p.ok()) CommandFail(cmd, p.status());
    req.household.push_back({MemberIdFor(*p, ProfileArgStem(f), req.household), *p});
  }
  req.days = o.days;
  req.seed = o.seed;
  req.time_limit_s = o.time_limit_s;
  req.threads = o.threads;
  req.max_minutes_per_day = o.max_minutes;
  for (const std::string& slot : o.optional) {
    if (std::find(req.slots.begin(), req.slots.end(), slot) == req.slots.end()) {
      UsageFail(cmd, "--optional: \"" + slot + "\" is not a meal slot (breakfast, lunch, dinner, snack)");
    }
    if (std::find(req.optional_slots.begin(), req.optional_slots.end(), slot) == req.optional_slots.end()) {
      req.optional_slots.push_back(slot);
    }
  }
  const Catalog& catalog = *GetCatalog();
  if (o.market || !o.pantry.empty()) {
    Date start = Today();
    if (!o.start.empty()) {
      std::optional<Date> d = ParseDate(o.start);
      if (!d) UsageFail(cmd, "--start: \"" + o.start + "\" is not a date (YYYY-MM-DD)");
      start = *d;
    }
    Result<PlanPricing> pricing =
        PlanPricingFromStore(catalog, GetStore(), o.market, o.pantry.empty() ? std::nullopt : std::optional(o.pantry),
                             start, req.days, req.household.front().profile.currency);
    if (!pricing.ok()) CommandFail(cmd, pricing.status());
    req.pricing = *std::move(pricing);
    if (!o.pantry.empty()) req.start_date = FormatDate(start);
  }
  Result<MadePlan> made = MakePlan(catalog, std::move(req), std::nullopt, kOptionNames);
  if (!made.ok()) CommandFail(cmd, made.status());
  Emit(cmd, PlanDocumentToJson(made->request, made->report), made->report, o.json, o.out);
}

// A saved plan file, rebuilt; errors of the file name it.
RebuiltPlan Load(const std::string& command, const std::string& path) {
  Result<PlanDocument> doc = ReadPlanArg(path);
  if (!doc.ok()) CommandFail(command, doc.status());
  Result<RebuiltPlan> rebuilt = RebuildPlan(*GetCatalog(), *doc);
  if (!rebuilt.ok()) CommandFail(command, rebuilt.status().WithContext(path));
  return *std::move(rebuilt);
}

void RunExplain(const ExplainOptions& o) {
  const std::string cmd = "plan explain";
  if (o.day.has_value() != !o.slot.empty()) UsageFail(cmd, "give --day and --slot together");
  RebuiltPlan rebuilt = Load(cmd, o.plan);
  Result<MadePlan> plan = ReportRebuiltPlan(*GetCatalog(), rebuilt);
  if (!plan.ok()) CommandFail(cmd, plan.status());
  if (!o.day) {
    if (o.json) {
      std::cout << ExplanationToJson(plan->report).dump(2) << "\n";
    } else {
      PrintExplanation(plan->report);
    }
    return;
  }
  Result<MealExplanation> e = ExplainPlanMeal(*plan, *o.day, o.slot, kOptionNames);
  if (!e.ok()) UsageFail(cmd, e.status().message());
  if (o.json) {
    std::cout << MealExplanationToJson(plan->report, *e).dump(2) << "\n";
  } else {
    PrintMeal(plan->report, *e);
  }
}

void RunSwap(const SwapOptions& o) {
  const std::string cmd = "plan swap";
  const Catalog& catalog = *GetCatalog();
  RebuiltPlan rebuilt = Load(cmd, o.plan);
  const SwapRequest swap{o.day, o.slot, o.recipe, o.servings};
  // A wrong cell or servings is wrong usage; a recipe that cannot go there is not.
  if (Result<SwapTarget> target = ResolveSwap(catalog, rebuilt, swap, kOptionNames); !target.ok()) {
    if (target.status().code() == StatusCode::kInvalidArgument) UsageFail(cmd, target.status().message());
    CommandFail(cmd, target.status());
  }
  Result<SwappedPlan> s = SwapMeal(catalog, rebuilt, swap, kOptionNames);
  if (!s.ok()) CommandFail(cmd, s.status());
  if (o.json) {
    Emit(cmd, s->Document(), s->plan.report, true, o.out);
    return;
  }
  const std::string preface =
      "Swapped day " + std::to_string(o.day) + " " + o.slot + " to " + s->recipe_name +
      "; the rest of the plan was re-optimised.\nObjective " +
      FormatNumber(s->objective_before, 2) + " → " + FormatNumber(s->objective_after, 2) + " (" +
      Signed(s->objective_change, 2) + ")\n\n";
  Emit(cmd, s->Document(), s->plan.report, false, o.out, preface);
}

}  // namespace

void RegisterPlanCommands(CLI::App& app) {
  auto o = std::make_shared<PlanOptions>();
  CLI::App* plan = app.add_subcommand("plan", "Plan a week of meals for a profile (or a household), explained");
  plan->add_option("--profile", o->profile, "Profile of the lead person: a file (JSON), or a stored profile's id "
                                           "(hearth profiles list); required");
  plan->add_option("--household", o->household, "Further members' profiles, files or stored ids (comma-separated)")
      ->delimiter(',');
  plan->add_option("--days", o->days, "Days to plan (1-28, default: 7)")->check(CLI::Range(1, 28));
  plan->add_option("--seed", o->seed, "Random seed (default: 1)");
  plan->add_option("--time-limit", o->time_limit_s, "Solver time limit in seconds (default: 10)")
      ->check(CLI::Range(0.001, 1e7));
  plan->add_option("--threads", o->threads, "Solver threads (default: 1)")->check(CLI::Range(1, 256));
  plan->add_option("--max-minutes", o->max_minutes, "Active cooking minutes a day, at most")
      ->check(CLI::Range(1.0, 1440.0));
  plan->add_flag("--json", o->json, "Print the plan document as JSON (docs/plan-json.md)");
  plan->add_option("--out", o->out, "Save the plan document (JSON) to this file");
  plan->add_option("--optional", o->optional,
                   "Meal slots that may stay empty when that plans better, comma-separated (e.g. snack)")
      ->delimiter(',');
  plan->add_flag("--market", o->market, "Price recipes from the stored market's products in stock");
  plan->add_option("--pantry", o->pantry,
                   "Plan with a stored pantry (default name: home): its food is already paid for, food about to "
                   "expire is used first")
      ->expected(0, 1)
      ->default_str("home");
  plan->add_option("--start", o->start, "Date of day 1 with --pantry (YYYY-MM-DD; default: today)");

  auto e = std::make_shared<ExplainOptions>();
  CLI::App* explain = plan->add_subcommand("explain", "Explain a saved plan, or one of its meals");
  explain->add_option("--plan", e->plan, "Plan: a file (hearth plan --out) or a stored plan's id (hearth plans list)")->required();
  explain->add_option("--day", e->day, "Day of the meal (1-based)");
  explain->add_option("--slot", e->slot, "Slot of the meal (breakfast, lunch, dinner, snack)");
  explain->add_flag("--json", e->json, "Print JSON");
  explain->callback([e] { RunExplain(*e); });

  auto s = std::make_shared<SwapOptions>();
  CLI::App* swap = plan->add_subcommand("swap", "Fix one meal of a saved plan and re-optimise the rest");
  swap->add_option("--plan", s->plan, "Plan: a file (hearth plan --out) or a stored plan's id (hearth plans list)")->required();
  swap->add_option("--day", s->day, "Day of the meal (1-based)")->required();
  swap->add_option("--slot", s->slot, "Slot of the meal")->required();
  swap->add_option("--recipe", s->recipe, "Recipe id to put there")->required();
  swap->add_option("--servings", s->servings, "Servings of it (default: re-chosen)");
  swap->add_option("--out", s->out, "Save the new plan document to this file");
  swap->add_flag("--json", s->json, "Print the new plan document as JSON");
  swap->callback([s] { RunSwap(*s); });

  plan->callback([o, explain, swap] {
    if (explain->parsed() || swap->parsed()) return;
    RunPlan(*o);
  });
}

}  // namespace hearth::cli
