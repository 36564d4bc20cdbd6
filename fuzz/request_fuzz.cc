// libFuzzer target for the HTTP request decoders: request bodies
// (server/json_body.h), profiles (hearth/json/profile_json.h), market files
// (hearth/importer/market_io.h) and pantry files (hearth/importer/pantry_io.h).
//
// The first input byte picks the decoder (byte % 8; the seed corpus starts
// each file with the ASCII digit "0".."7"), the rest is the text it reads:
//   0  request body: ParseJsonBody at the server's depth limit; an object is
//      then read as a profile (ParseProfileJson on its dump)
//   1  market: one source, kind detected by content, strict import
//   2  market: two sources split at the first NUL byte (vendors + products)
//   3  pantry CSV
//   4  pantry JSON
//   5  market: one source, skip_bad_rows, currency EUR, a known vendor id
//   6  request body: any JSON value (object = false) at a small depth limit
//   7  profile: ParseProfileJson on the raw bytes
//
// Invariants (a violation aborts with a message on stderr): no crash, UB or
// leak (ASan/UBSan/LSan); ParseJsonBody never accepts JSON nesting deeper than
// its limit; every error carries a non-empty message; every accepted profile,
// market and pantry is written back with its writer and read back equal.
// See docs/fuzzing.md.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hearth/core/food.h"
#include "hearth/core/market.h"
#include "hearth/core/profile.h"
#include "hearth/importer/market_io.h"
#include "hearth/importer/pantry_io.h"
#include "hearth/json/profile_json.h"
#include "server/json_body.h"

namespace hearth {
namespace {

// The server's default limit (ServerOptions::max_json_depth).
constexpr int kServerMaxDepth = 32;
constexpr int kSmallMaxDepth = 3;

[[noreturn]] void Fail(const std::string& what, std::string_view input) {
  std::fprintf(stderr, "request_fuzz invariant violated: %s\ninput (%zu bytes): %.*s\n", what.c_str(),
               input.size(), static_cast<int>(std::min<size_t>(input.size(), 2000)), input.data());
  std::abort();
}

void Check(bool ok, const std::string& what, std::string_view input) {
  if (!ok) Fail(what, input);
}

void CheckError(const Status& s, const char* who, std::string_view input) {
  Check(!s.ok(), std::string(who) + ": error expected", input);
  Check(!s.message().empty(), std::string(who) + ": error with an empty message", input);
}

// A handful of real SR28 foods with their household measures: enough for
// NDB numbers, descriptions and units to resolve, small enough to keep each
// run fast.
const FoodDb& Foods() {
  static const FoodDb* db = [] {
    auto food = [](int id, std::string name, std::vector<HouseholdMeasure> measures) {
      Food f;
      f.id = FoodId{id};
      f.name = std::move(name);
      f.measures = std::move(measures);
      return f;
    };
    std::vector<Food> foods;
    foods.push_back(food(1077, "Milk, whole, 3.25% milkfat, with added vitamin D",
                         {{1, "cup", 244}, {1, "quart", 976}, {1, "fl oz", 30.5}}));
    foods.push_back(food(1123, "Egg, whole, raw, fresh", {{1, "large", 50}, {1, "medium", 44}}));
    foods.push_back(food(4053, "Oil, olive, salad or cooking", {{1, "tablespoon", 13.5}, {1, "cup", 216}}));
    foods.push_back(food(9003, "Apples, raw, with skin",
                         {{1, "cup, quartered or chopped", 125}, {1, "medium (3\" dia)", 182}}));
    foods.push_back(food(11215, "Garlic, raw", {{1, "cup", 136}, {1, "tsp", 2.8}, {1, "clove", 3}}));
    foods.push_back(food(16123, "Soy sauce made from soy and wheat (shoyu)", {{1, "tbsp", 16}}));
    foods.push_back(food(20044, "Rice, white, long-grain, regular, raw, enriched", {{1, "cup", 185}}));
    return new FoodDb(std::move(foods));
  }();
  return *db;
}

bool SameProfile(const Profile& a, const Profile& b) {
  auto same_weights = [](const ObjectiveWeights& x, const ObjectiveWeights& y) {
    return x.cost == y.cost && x.co2e_kg == y.co2e_kg && x.dislike == y.dislike && x.time_min == y.time_min &&
           x.deviation == y.deviation;
  };
  auto same_overrides = [](const std::vector<TargetOverride>& x, const std::vector<TargetOverride>& y) {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (x[i].nutrient != y[i].nutrient || x[i].min != y[i].min || x[i].max != y[i].max ||
          x[i].author != y[i].author || x[i].reason != y[i].reason) {
        return false;
      }
    }
    return true;
  };
  return a.name == b.name && a.age_years == b.age_years && a.sex == b.sex && a.height_cm == b.height_cm &&
         a.weight_kg == b.weight_kg && a.activity == b.activity && a.pregnancy_trimester == b.pregnancy_trimester &&
         a.lactation_months == b.lactation_months && a.conditions == b.conditions && a.allergies == b.allergies &&
         a.diets == b.diets && a.dislikes == b.dislikes && a.dislikes_hard == b.dislikes_hard &&
         a.budget_per_week == b.budget_per_week && a.currency == b.currency && same_weights(a.weights, b.weights) &&
         a.energy_equation == b.energy_equation && a.energy_tolerance_pct == b.energy_tolerance_pct &&
         a.weekly_nutrients == b.weekly_nutrients && a.daily_nutrients == b.daily_nutrients &&
         same_overrides(a.overrides, b.overrides);
}

void FuzzProfile(std::string_view text, std::string_view input) {
  Result<Profile> p = ParseProfileJson(text);
  if (!p.ok()) {
    CheckError(p.status(), "ParseProfileJson", input);
    return;
  }
  const std::string again = ProfileToJson(*p);
  Result<Profile> q = ParseProfileJson(again);
  if (!q.ok()) Fail("ProfileToJson output rejected: " + q.status().ToString() + "\n" + again, input);
  Check(SameProfile(*p, *q), "profile changed through ProfileToJson:\n" + again, input);
}

// Actual nesting depth of a parsed value (a scalar is 0, [] is 1).
int Depth(const nlohmann::json& j) {
  if (!j.is_structured()) return 0;
  int deepest = 0;
  for (const auto& child : j) deepest = std::max(deepest, Depth(child));
  return deepest + 1;
}

void FuzzBody(std::string_view body, int max_depth, bool object, std::string_view input) {
  Result<nlohmann::json> j = server::ParseJsonBody(body, max_depth, object);
  if (!j.ok()) {
    CheckError(j.status(), "ParseJsonBody", input);
    return;
  }
  Check(Depth(*j) <= max_depth, "ParseJsonBody accepted JSON nested deeper than its limit", input);
  const int depth = server::JsonDepth(body);
  Check(depth >= 0 && depth <= max_depth, "JsonDepth disagrees with an accepted body", input);
  if (object) {
    Check(j->is_object(), "ParseJsonBody(object) accepted a non-object", input);
    FuzzProfile(j->dump(), input);
  }
}

void CheckMarketReport(const MarketImport& m, std::string_view input) {
  for (const std::string& e : m.report.errors) Check(!e.empty(), "ImportMarket: empty error message", input);
  Check(m.report.vendors_imported <= m.report.vendors_read && m.report.products_imported <= m.report.products_read,
        "ImportMarket: imported more than read", input);
  Check(static_cast<size_t>(m.report.vendors_imported) == m.market.vendors.size() &&
            static_cast<size_t>(m.report.products_imported) == m.market.products.size(),
        "ImportMarket: report counts disagree with the market", input);
}

void CheckSameMarket(const Market& a, const Market& b, const std::string& how, std::string_view input) {
  Check(a.vendors == b.vendors, "market vendors changed through " + how, input);
  Check(a.products == b.products, "market products changed through " + how, input);
}

void FuzzMarket(std::vector<MarketSource> sources, const MarketImportOptions& options, std::string_view input) {
  MarketImport m = ImportMarket(sources, Foods(), options);
  CheckMarketReport(m, input);
  if (!options.skip_bad_rows && !m.report.ok()) {
    Check(m.market.vendors.empty() && m.market.products.empty(), "strict ImportMarket kept rows despite errors",
          input);
  }
  if (!m.report.ok()) return;
  // Written back and read again: the same market.
  MarketImportOptions strict = options;
  strict.skip_bad_rows = false;
  const std::string json = WriteMarketJson(m.market, options.currency);
  MarketImport from_json = ImportMarket({{"written.json", json}}, Foods(), strict);
  if (!from_json.report.ok()) Fail("WriteMarketJson output rejected:\n" + from_json.report.FormatErrors() + json, input);
  CheckSameMarket(m.market, from_json.market, "WriteMarketJson:\n" + json, input);
  std::vector<MarketSource> csv;
  if (!m.market.vendors.empty()) csv.push_back({"vendors.csv", WriteVendorsCsv(m.market.vendors)});
  if (!m.market.products.empty()) csv.push_back({"products.csv", WriteProductsCsv(m.market.products)});
  MarketImport from_csv = ImportMarket(csv, Foods(), strict);
  if (!from_csv.report.ok()) Fail("market CSV writers' output rejected:\n" + from_csv.report.FormatErrors(), input);
  CheckSameMarket(m.market, from_csv.market, "the CSV writers", input);
}

void FuzzPantry(std::string_view text, bool json, std::string_view input) {
  Result<std::vector<PantryItem>> items =
      json ? ParsePantryJson(text, "pantry.json", Foods()) : ParsePantryCsv(text, "pantry.csv", Foods());
  if (!items.ok()) {
    CheckError(items.status(), json ? "ParsePantryJson" : "ParsePantryCsv", input);
    return;
  }
  for (const PantryItem& it : *items) {
    Check(it.grams > 0 && Foods().Find(it.food) != nullptr, "pantry item with no food or grams <= 0", input);
  }
  const std::string csv = WritePantryCsv(*items, Foods());
  Result<std::vector<PantryItem>> from_csv = ParsePantryCsv(csv, "written.csv", Foods());
  if (!from_csv.ok()) Fail("WritePantryCsv output rejected: " + from_csv.status().ToString() + "\n" + csv, input);
  Check(*from_csv == *items, "pantry changed through WritePantryCsv:\n" + csv, input);
  const std::string js = WritePantryJson(*items, Foods());
  Result<std::vector<PantryItem>> from_json = ParsePantryJson(js, "written.json", Foods());
  if (!from_json.ok()) Fail("WritePantryJson output rejected: " + from_json.status().ToString() + "\n" + js, input);
  Check(*from_json == *items, "pantry changed through WritePantryJson:\n" + js, input);
}

}  // namespace
}  // namespace hearth

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hearth;
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view text = input.substr(1);
  switch (data[0] % 8) {
    case 0:
      FuzzBody(text, kServerMaxDepth, /*object=*/true, input);
      break;
    case 1: {
      const bool json = text.find_first_not_of(" \t\r\n") != std::string_view::npos &&
                        text[text.find_first_not_of(" \t\r\n")] == '{';
      FuzzMarket({{json ? "market.json" : "market.csv", std::string(text)}}, {}, input);
      break;
    }
    case 2: {
      const size_t nul = text.find('\0');
      std::vector<MarketSource> sources{{"vendors.csv", std::string(text.substr(0, nul))}};
      if (nul != std::string_view::npos) sources.push_back({"products.csv", std::string(text.substr(nul + 1))});
      FuzzMarket(std::move(sources), {}, input);
      break;
    }
    case 3:
      FuzzPantry(text, /*json=*/false, input);
      break;
    case 4:
      FuzzPantry(text, /*json=*/true, input);
      break;
    case 5: {
      MarketImportOptions options;
      options.skip_bad_rows = true;
      options.currency = "EUR";
      options.existing_vendor_ids = {"main-grocer"};
      FuzzMarket({{"market", std::string(text)}}, options, input);
      break;
    }
    case 6:
      FuzzBody(text, kSmallMaxDepth, /*object=*/false, input);
      break;
    case 7:
      FuzzProfile(text, input);
      break;
  }
  return 0;
}
