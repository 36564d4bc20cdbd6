// hearth crisis --pantry FILE --people A.json,B.json [...]: with no resupply,
// how many days the pantry feeds the household adequately, the menu, what
// runs out first, what is left and which purchases add the most days.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/stored.h"
#include "core/text.h"
#include "hearth/importer/pantry_io.h"
#include "hearth/json/profile_json.h"
#include "hearth/service/crisis.h"

namespace hearth::cli {
namespace {

// Options of `hearth crisis`.
struct CrisisOptions {
  std::string pantry;               // Pantry file, CSV or JSON (docs/pantry-format.md). Required.
  std::vector<std::string> people;  // Profile files (as for `hearth plan`). Required.
  std::string start;                // YYYY-MM-DD. Default: today (UTC).
  double fraction = grocery::kDefaultMicronutrientFraction;  // (0, 1]. Default: 0.5.
  std::optional<double> budget;     // Money for purchases. Default: none (no purchases).
  int max_days = grocery::kDefaultMaxDays;  // 1-3650. Default: 120.
  bool json = false;
};

constexpr const char* kUsage =
    "Usage: hearth crisis --pantry FILE --people A.json[,B.json...] [--start YYYY-MM-DD] [--fraction 0.5] "
    "[--budget 20] [--max-days 120] [--json] (see --help)";

[[noreturn]] void CrisisFail(const std::string& message) {
  throw CommandError{kExitFailure, "hearth crisis: " + message};
}
[[noreturn]] void CrisisUsage(const std::string& message) {
  throw CommandError{kExitUsage, "hearth crisis: " + message + "\n" + kUsage};
}

std::string CrisisMoney(const std::string& currency, double v) {
  if (currency == "USD") return "$" + FormatNumber(v, 2);
  if (currency == "EUR") return "€" + FormatNumber(v, 2);
  if (currency == "GBP") return "£" + FormatNumber(v, 2);
  return FormatNumber(v, 2) + " " + currency;
}
std::string PerMoney(const std::string& currency) {
  if (currency == "USD") return "days per $";
  if (currency == "EUR") return "days per €";
  if (currency == "GBP") return "days per £";
  return "days per " + currency;
}

std::string DayRange(int first, int last) {
  return first == last ? std::to_string(first) : std::to_string(first) + "–" + std::to_string(last);
}

std::string Grams(double g) {
  if (g >= 1000) return FormatNumber(g / 1000, 2) + " kg";
  return FormatNumber(g, 0) + " g";
}

// A member's id: the profile's name, else `stem` (ProfileArgStem); made unique.
std::string MemberId(const Profile& p, const std::string& stem, const std::vector<CrisisMember>& taken) {
  std::string id = p.name.empty() ? stem : p.name;
  std::string unique = id;
  for (int n = 2; std::any_of(taken.begin(), taken.end(), [&](const CrisisMember& m) { return m.id == unique; });
       ++n) {
    unique = id + " " + std::to_string(n);
  }
  return unique;
}

void PrintText(const CrisisReport& report) {
  const grocery::CrisisResult& r = report.result;
  std::cout << report.summary << ".\n";
  if (r.days > 0) {
    std::cout << "Days 1–" << r.days << ": " << FormatDate(report.start) << " to "
              << FormatDate(report.start + std::chrono::days(r.days - 1)) << ". Adequate: energy and protein at "
              << "their minimums, key micronutrients at " << FormatNumber(report.fraction * 100, 0)
              << " % of theirs, every person, every day.\n";
  }
  std::cout << "\n";
  if (!r.menu.empty()) {
    std::cout << "Menu (each day of the period, per person)\n";
    Table t({"days", "person", "dish", "a day", "household measure"});
    t.RightAlign({3});
    for (const grocery::CrisisPeriod& p : r.menu) {
      bool first_row = true;
      for (size_t i = 0; i < p.people.size(); ++i) {
        bool first_of_person = true;
        for (const grocery::CrisisMenuLine& line : p.people[i]) {
          if (line.grams_per_day < 0.5) continue;
          const grocery::CrisisDish& d = r.dishes[static_cast<size_t>(line.dish)];
          t.AddRow({first_row ? DayRange(p.first_day, p.last_day) : "", first_of_person ? report.people[i] : "",
                    d.staple ? d.name : d.name + " (recipe)", Grams(line.grams_per_day), line.household});
          first_row = false;
          first_of_person = false;
        }
      }
    }
    std::cout << t.Render() << "\n";
  }

  std::cout << "Days each requirement alone would last\n";
  Table n({"requirement", "share of minimum", "days", ""});
  n.RightAlign({1, 2});
  for (const grocery::CrisisNutrientDays& nd : r.nutrient_days) {
    const bool binds = std::find(r.binding.begin(), r.binding.end(), nd.nutrient) != r.binding.end();
    n.AddRow({std::string(Info(nd.nutrient).name), FormatNumber(nd.fraction * 100, 0) + " %",
              (nd.at_limit ? "≥ " : "") + std::to_string(nd.days),
              !binds ? ""
              : r.days > 0 ? "runs out first (day " + std::to_string(r.days + 1) + ")"
                           : "short on day 1"});
  }
  std::cout << n.Render() << "\n";

  std::cout << (r.days > 0 ? "Left at the end of day " + std::to_string(r.days) : std::string("In stock (no adequate day)"))
            << "\n";
  Table l({"food", "where", "left", "of", "expiry", "state"});
  l.RightAlign({2, 3});
  for (const grocery::CrisisLeftover& left : r.leftovers) {
    static const std::pair<const char*, const char*> kStates[] = {
        {"keeps", "keeps"}, {"spoils", "spoils unused"}, {"expired", "expired before day 1"}, {"used", "used up"}};
    std::string state = left.state;
    for (const auto& [key, shown] : kStates) {
      if (left.state == key) state = shown;
    }
    l.AddRow({left.name, left.location, Grams(left.grams_left), Grams(left.grams_start),
              left.expiry ? FormatDate(*left.expiry) : "-", state});
  }
  std::cout << l.Render();

  if (report.budget) {
    std::cout << "\nPurchases within " << CrisisMoney(report.currency, *report.budget) << " (" << report.price_source
              << "; best days gained per money first, re-evaluated after each pick)\n";
    if (r.purchases.empty()) {
      std::cout << "- none adds a day within the budget\n";
    } else {
      Table p({"#", "buy", "price", "days", "gained", PerMoney(report.currency)});
      p.RightAlign({0, 2, 4, 5});
      int i = 0;
      for (const grocery::CrisisPurchase& b : r.purchases) {
        p.AddRow({std::to_string(++i), b.candidate.name, CrisisMoney(report.currency, b.candidate.price),
                  std::to_string(b.days_before) + " → " + std::to_string(b.days_after),
                  "+" + std::to_string(b.days_after - b.days_before), FormatNumber(b.days_per_money, 2)});
      }
      std::cout << p.Render();
      std::cout << "With these (" << CrisisMoney(report.currency, r.spent) << "): " << r.days_with_purchases
                << (r.days_with_purchases == 1 ? " day" : " days") << " instead of " << r.days << ".\n";
    }
  }
  for (const std::string& note : r.notes) std::cout << "note: " << note << "\n";
}

void RunCrisis(const CrisisOptions& o) {
  if (o.pantry.empty()) CrisisUsage("--pantry is required");
  if (o.people.empty()) CrisisUsage("--people is required (one or more profile files, comma-separated)");
  if (!(o.fraction > 0 && o.fraction <= 1)) {
    CrisisUsage("--fraction must be more than 0 and at most 1, got " + text::FormatNumber(o.fraction, 3));
  }
  if (o.budget && !(std::isfinite(*o.budget) && *o.budget >= 0)) {
    CrisisUsage("--budget must be zero or more, got " + text::FormatNumber(*o.budget, 2));
  }
  if (o.max_days < 1 || o.max_days > 3650) {
    CrisisUsage("--max-days must be 1-3650, got " + std::to_string(o.max_days));
  }
  CrisisRequest req;
  req.start = Today();
  if (!o.start.empty()) {
    std::optional<Date> d = ParseDate(o.start);
    if (!d) CrisisUsage("--start: \"" + o.start + "\" is not a date in the form YYYY-MM-DD");
    req.start = *d;
  }
  req.fraction = o.fraction;
  req.budget = o.budget;
  req.max_days = o.max_days;
  for (const std::string& f : o.people) {
    Result<Profile> p = ReadProfileArg(f);
    if (!p.ok()) CrisisFail("profile " + p.status().message());
    req.people.push_back({MemberId(*p, ProfileArgStem(f), req.people), *p});
  }
  const Catalog* catalog = GetCatalog();
  Result<std::vector<PantryItem>> pantry = ReadPantryFile(o.pantry, catalog->foods());
  if (!pantry.ok()) CrisisFail(pantry.status().message());
  if (pantry->empty()) CrisisFail(o.pantry + ": the pantry has no items");
  req.pantry = *std::move(pantry);
  Result<CrisisReport> report = hearth::RunCrisis(*catalog, req);
  if (!report.ok()) CrisisFail(report.status().message());
  if (o.json) {
    std::cout << CrisisReportToJson(*report).dump(2) << "\n";
    return;
  }
  PrintText(*report);
}

}  // namespace

void RegisterCrisisCommand(CLI::App& app) {
  auto o = std::make_shared<CrisisOptions>();
  CLI::App* crisis = app.add_subcommand(
      "crisis", "With no resupply: how many days the pantry feeds everyone adequately, and what to buy");
  crisis->add_option("--pantry", o->pantry, "Pantry file, CSV or JSON (docs/pantry-format.md; required)");
  crisis->add_option("--people", o->people, "Profile files or stored profile ids of the people to feed, comma-separated (required)")
      ->delimiter(',');
  crisis->add_option("--start", o->start, "Day 1, YYYY-MM-DD (default: today)");
  crisis->add_option("--fraction", o->fraction,
                     "Share of each key micronutrient's minimum an adequate day needs (default: 0.5)");
  crisis->add_option("--budget", o->budget, "Money for purchases; proposes the ones that add the most days");
  crisis->add_option("--max-days", o->max_days, "Longest horizon searched, days (default: 120)");
  crisis->add_flag("--json", o->json, "Print the result as JSON (docs/crisis.md)");
  crisis->callback([o] { RunCrisis(*o); });
}

}  // namespace hearth::cli
