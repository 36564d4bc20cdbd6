// hearth shop --plan PLAN.json [...]: the shopping list for a saved plan over
// the market in the store, pantry first (docs/shopping.md).
#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/cli.h"
#include "cli/stored.h"
#include "core/text.h"
#include "hearth/json/plan_json.h"
#include "hearth/json/shopping_json.h"
#include "hearth/service/shop.h"

namespace hearth::cli {
namespace {

constexpr char kCmd[] = "shop";

struct ShopCliOptions {
  std::string plan;
  std::string weights;
  bool local_first = false;
  std::string from;  // "LAT,LON".
  std::string start;  // YYYY-MM-DD; default today.
  std::string pantry = "home";
  double local_radius_km = 100;
  bool csv = false;
  bool json = false;
  std::string out;
};

[[noreturn]] void ShopFail(const Status& status) {
  throw CommandError{kExitFailure, std::string("hearth ") + kCmd + ": " + status.message()};
}

[[noreturn]] void ShopUsage(const std::string& message) {
  throw CommandError{kExitUsage, std::string("hearth ") + kCmd + ": " + message +
                                     "\nUsage: hearth shop --plan PLAN.json [OPTIONS] (see --help)"};
}

std::optional<double> Number(std::string_view s) {
  s = text::Trim(s);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

GeoPoint ParseFrom(const std::string& text) {
  const size_t comma = text.find(',');
  std::optional<double> lat, lon;
  if (comma != std::string::npos) {
    lat = Number(std::string_view(text).substr(0, comma));
    lon = Number(std::string_view(text).substr(comma + 1));
  }
  if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
    ShopUsage("--from \"" + text + "\": expected LAT,LON in degrees (latitude -90..90, longitude -180..180)");
  }
  return {*lat, *lon};
}

void RunShop(const ShopCliOptions& o) {
  if (o.csv && o.json) ShopUsage("--csv and --json exclude each other");
  ShopOptions opt;
  opt.weights = o.local_first ? grocery::LocalFirstWeights() : grocery::ShoppingWeights{};
  if (!o.weights.empty()) {
    Result<grocery::ShoppingWeights> w = grocery::ParseWeights(o.weights, opt.weights);
    if (!w.ok()) ShopUsage("--weights: " + w.status().message());
    opt.weights = *w;
  }
  if (!o.from.empty()) opt.from = ParseFrom(o.from);
  std::optional<Date> start;
  if (!o.start.empty()) {
    start = ParseDate(o.start);
    if (!start) ShopUsage("--start \"" + o.start + "\": expected a date YYYY-MM-DD");
  }
  if (!(o.local_radius_km >= 0)) ShopUsage("--local-radius must be >= 0");
  opt.local_radius_km = o.local_radius_km;

  Result<PlanDocument> doc = ReadPlanArg(o.plan);
  if (!doc.ok()) ShopFail(doc.status());
  Result<grocery::ShoppingList> list = ShopWithStore(*GetCatalog(), GetStore(), *doc, start, o.pantry, opt);
  if (!list.ok()) ShopFail(list.status().WithContext(o.plan));

  std::string text;
  if (o.json) text = ShoppingListToJson(*list).dump(2) + "\n";
  else if (o.csv) text = ShoppingListToCsv(*list);
  else text = ShoppingListToText(*list);
  if (o.out.empty()) {
    std::cout << text;
    return;
  }
  std::ofstream f(o.out, std::ios::binary);
  f << text;
  f.close();
  if (!f) ShopFail(Status::Unavailable("cannot write " + o.out));
  std::cout << "Saved the shopping list to " << o.out << "\n";
}

}  // namespace

void RegisterShopCommand(CLI::App& app) {
  auto o = std::make_shared<ShopCliOptions>();
  CLI::App* shop = app.add_subcommand(kCmd, "Shopping list for a saved plan: pantry first, then whole packages "
                                            "at market vendors, with sourcing (docs/shopping.md)");
  shop->add_option("--plan", o->plan, "Plan: a file (hearth plan --out) or a stored plan's id (hearth plans list)")->required();
  shop->add_option("--weights", o->weights,
                   "Objective weights, e.g. cost=1,co2e=0.2,distance=0.1,vendors=0.5 (also food_miles, nonlocal; "
                   "default: cost=1,co2e=0.1,distance=0.1,vendors=0.5)");
  shop->add_flag("--local-first", o->local_first,
                 "Start from the local-first weights (cost=1,co2e=1,distance=0.2,vendors=0.5,food_miles=0.002,"
                 "nonlocal=1); --weights overrides single ones");
  shop->add_option("--from", o->from, "Home as LAT,LON (default: the centre of the market's vendors)");
  shop->add_option("--start", o->start, "Date of the plan's day 1, YYYY-MM-DD (default: the plan's start date, else today)");
  shop->add_option("--pantry", o->pantry, "Pantry to use first (default: home)");
  shop->add_option("--local-radius", o->local_radius_km,
                   "Origins within this many km of home count as local (default: 100)");
  shop->add_flag("--csv", o->csv, "Print CSV (RFC 4180)");
  shop->add_flag("--json", o->json, "Print the JSON document");
  shop->add_option("--out", o->out, "Write the list to this file instead of printing it");
  shop->callback([o] { RunShop(*o); });
}

}  // namespace hearth::cli
