#include "hearth/service/crisis.h"

#include <cmath>
#include <set>

#include "core/text.h"
#include "hearth/json/encode.h"

namespace hearth {
namespace {

// The food groups purchases are proposed from: what a shop sells to keep a
// household fed (dairy and eggs, cereals, fruit, vegetables, nuts, fish,
// legumes, grains and pasta).
const std::set<std::string>& PurchaseGroups() {
  static const std::set<std::string> kGroups = {"0100", "0800", "0900", "1100", "1200", "1500", "1600", "2000"};
  return kGroups;
}

// Cooked dishes and restaurant foods are not sold by the kilogram.
bool NotSoldAsIs(const std::string& name) {
  const std::string n = text::Lower(name);
  for (std::string_view w :
       {"cooked", "boiled", "prepared", "microwaved", "stewed", "heated", "fried", "baked", "restaurant"}) {
    if (n.find(w) != std::string::npos) return true;
  }
  return false;
}

std::string Days(int d) { return std::to_string(d) + (d == 1 ? " day" : " days"); }

std::string Summary(const CrisisReport& r) {
  const grocery::CrisisResult& c = r.result;
  std::string who = JoinNames(r.people);
  std::vector<std::string> names;
  for (NutrientId n : c.binding) names.push_back(CrisisNutrientName(n));
  std::string what = JoinNames(names);
  const bool one = names.size() == 1;
  if (c.at_limit) {
    return "The pantry feeds " + who + " adequately for at least " + Days(c.days) + " (the limit searched)";
  }
  if (c.days == 0) {
    return "The pantry cannot feed " + who + " adequately for even one day; " + what + (one ? " is" : " are") +
           " short on day 1";
  }
  return "The pantry feeds " + who + " adequately for " + Days(c.days) + "; " + what +
         (one ? " runs" : " run") + " out first (day " + std::to_string(c.days + 1) + ")";
}

}  // namespace

std::string JoinNames(const std::vector<std::string>& names) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) s += i + 1 == names.size() ? " and " : ", ";
    s += names[i];
  }
  return s;
}

std::string CrisisNutrientName(NutrientId n) {
  std::string name(Info(n).name);
  if (size_t paren = name.find(" ("); paren != std::string::npos) name.resize(paren);
  return text::LowerFirst(name);
}

std::vector<grocery::CrisisCandidate> DefaultCrisisCandidates(const Catalog& catalog) {
  std::vector<grocery::CrisisCandidate> out;
  for (const Food& f : catalog.foods().foods()) {
    if (!f.survey || !f.manufacturer.empty() || !PurchaseGroups().count(f.group_code)) continue;
    if (!grocery::IsPlainStaple(f) || NotSoldAsIs(f.name)) continue;
    const FoodCost* cost = catalog.costs().Find(f.id);
    if (!cost || !cost->price_per_kg || *cost->price_per_kg <= 0) continue;
    grocery::CrisisCandidate c;
    c.id = "food:" + FormatFoodId(f.id);
    c.name = f.name + " — 1 kg";
    c.food = f.id;
    c.package_g = kCrisisDefaultPackageG;
    c.price = *cost->price_per_kg * kCrisisDefaultPackageG / 1000;
    c.shelf_life_days = grocery::ShelfLifeDays(f);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<grocery::CrisisCandidate> MarketCrisisCandidates(const Catalog& catalog,
                                                             const std::vector<Product>& products) {
  std::vector<grocery::CrisisCandidate> out;
  for (const Product& p : products) {
    const Food* f = catalog.foods().Find(p.food);
    if (!f || !grocery::IsPlainStaple(*f) || p.price <= 0 || p.package_g <= 0) continue;
    if (p.stock && *p.stock <= 0) continue;
    grocery::CrisisCandidate c;
    c.id = p.vendor_id + "/" + p.id;
    c.name = p.name;
    c.food = p.food;
    c.package_g = p.package_g * (1 - f->refuse_pct / 100);
    c.price = p.price;
    c.currency = p.currency;
    c.shelf_life_days = grocery::ShelfLifeDays(*f);
    c.vendor = p.vendor_id;
    c.stock = p.stock;
    if (c.package_g > 0) out.push_back(std::move(c));
  }
  return out;
}

Result<CrisisReport> RunCrisis(const Catalog& catalog, const CrisisRequest& request) {
  if (request.people.empty()) return Status::InvalidArgument("no people to feed: give at least one profile");
  grocery::CrisisInput in;
  in.foods = &catalog.foods();
  in.recipes = catalog.recipes();
  std::vector<RecipeFacts> facts;
  for (size_t i = 0; i < catalog.recipes().size(); ++i) facts.push_back(catalog.facts(i));
  in.facts = facts;
  CrisisReport report;
  for (const CrisisMember& m : request.people) {
    Result<Targets> t = catalog.TargetsFor(m.profile);
    if (!t.ok()) return t.status().WithContext(m.id);
    in.people.push_back({m.id, *std::move(t)});
    report.people.push_back(m.id);
  }
  for (const PantryItem& item : request.pantry) {
    if (!catalog.foods().Find(item.food)) {
      return Status::InvalidArgument("pantry: unknown food " + FormatFoodId(item.food));
    }
    in.lots.push_back({item.food, item.grams, item.expiry, item.location});
  }
  in.start = request.start;
  in.fraction = request.fraction;
  in.max_days = request.max_days;
  in.budget = request.budget;
  if (request.budget) {
    in.candidates = request.products.empty() ? DefaultCrisisCandidates(catalog)
                                             : MarketCrisisCandidates(catalog, request.products);
    if (!request.products.empty()) {
      std::set<std::string> currencies;
      for (const grocery::CrisisCandidate& c : in.candidates) currencies.insert(c.currency);
      if (currencies.size() > 1) return Status::InvalidArgument("market products are priced in more than one currency");
      if (!currencies.empty()) report.currency = *currencies.begin();
    }
  }
  report.price_source = request.products.empty() ? "default prices (data/costs), 1 kg packages" : "market products";
  HEARTH_ASSIGN_OR_RETURN(report.result, grocery::SolveCrisis(in));
  report.start = request.start;
  report.fraction = request.fraction;
  report.max_days = request.max_days;
  report.budget = request.budget;
  report.summary = Summary(report);
  return report;
}

nlohmann::json CrisisReportToJson(const CrisisReport& report) {
  using nlohmann::json;
  const grocery::CrisisResult& r = report.result;
  json j;
  j["format"] = "hearth-crisis";
  j["version"] = 1;
  j["start"] = FormatDate(report.start);
  j["people"] = report.people;
  j["fraction"] = report.fraction;
  j["max_days"] = report.max_days;
  j["days"] = r.days;
  j["at_limit"] = r.at_limit;
  if (r.days > 0) j["last_adequate_date"] = FormatDate(report.start + std::chrono::days(r.days - 1));
  j["summary"] = report.summary;
  json binding = json::array();
  for (NutrientId n : r.binding) binding.push_back(Info(n).key);
  j["binding"] = binding;
  if (!r.at_limit) j["first_short_day"] = r.days + 1;
  json menu = json::array();
  for (const grocery::CrisisPeriod& p : r.menu) {
    json period = {{"first_day", p.first_day},
                   {"last_day", p.last_day},
                   {"first_date", FormatDate(p.first_date)},
                   {"last_date", FormatDate(p.last_date)}};
    json people = json::array();
    for (size_t i = 0; i < p.people.size(); ++i) {
      json dishes = json::array();
      for (const grocery::CrisisMenuLine& line : p.people[i]) {
        const grocery::CrisisDish& d = r.dishes[static_cast<size_t>(line.dish)];
        json dish = {{"dish", d.id},
                     {"name", d.name},
                     {"kind", d.staple ? "staple" : "recipe"},
                     {"grams_per_day", RoundForDisplay(line.grams_per_day)}};
        if (d.staple) dish["food"] = FormatFoodId(*d.food);
        else dish["servings_per_day"] = RoundForDisplay(line.servings_per_day);
        if (!line.household.empty()) dish["household"] = line.household;
        dishes.push_back(std::move(dish));
      }
      people.push_back({{"person", report.people[i]}, {"dishes", std::move(dishes)}});
    }
    period["people"] = std::move(people);
    menu.push_back(std::move(period));
  }
  j["menu"] = std::move(menu);
  json nutrients = json::array();
  for (const grocery::CrisisNutrientDays& nd : r.nutrient_days) {
    nutrients.push_back({{"nutrient", Info(nd.nutrient).key},
                         {"name", Info(nd.nutrient).name},
                         {"fraction", nd.fraction},
                         {"days", nd.days},
                         {"at_limit", nd.at_limit}});
  }
  j["nutrients"] = std::move(nutrients);
  json leftovers = json::array();
  for (const grocery::CrisisLeftover& l : r.leftovers) {
    json o = {{"food", FormatFoodId(l.food)},
              {"name", l.name},
              {"location", l.location},
              {"grams_start", RoundForDisplay(l.grams_start)},
              {"grams_left", RoundForDisplay(l.grams_left)},
              {"state", l.state}};
    o["expiry"] = l.expiry ? json(FormatDate(*l.expiry)) : json(nullptr);
    leftovers.push_back(std::move(o));
  }
  j["leftovers"] = std::move(leftovers);
  if (report.budget) {
    json items = json::array();
    for (const grocery::CrisisPurchase& p : r.purchases) {
      json o = {{"id", p.candidate.id},
                {"name", p.candidate.name},
                {"food", FormatFoodId(p.candidate.food)},
                {"package_g", RoundForDisplay(p.candidate.package_g)},
                {"price", p.candidate.price},
                {"days_before", p.days_before},
                {"days_after", p.days_after},
                {"days_gained", p.days_after - p.days_before},
                {"days_per_money", RoundForDisplay(p.days_per_money)}};
      if (!p.candidate.vendor.empty()) o["vendor"] = p.candidate.vendor;
      o["shelf_life_days"] = p.candidate.shelf_life_days ? json(*p.candidate.shelf_life_days) : json(nullptr);
      items.push_back(std::move(o));
    }
    j["purchases"] = {{"budget", *report.budget},
                      {"currency", report.currency},
                      {"price_source", report.price_source},
                      {"spent", std::round(r.spent * 100) / 100},
                      {"days_with_purchases", r.days_with_purchases},
                      {"items", std::move(items)}};
  }
  j["notes"] = r.notes;
  j["lp_solves"] = r.lp_solves;
  return j;
}

}  // namespace hearth
