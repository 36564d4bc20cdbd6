#include "hearth/json/shopping_json.h"

#include <cmath>
#include <sstream>

#include "core/text.h"
#include "hearth/importer/csv.h"

namespace hearth {

using grocery::AisleGroup;
using grocery::ShoppingLine;
using grocery::ShoppingList;
using grocery::VendorBasket;
using json = nlohmann::json;

namespace {

double Round(double v, int decimals) {
  const double m = std::pow(10.0, decimals);
  const double r = std::round(v * m) / m;
  return r == 0 ? 0 : r;  // No "-0".
}
double Money(double v) { return Round(v, 2); }
double Grams(double v) { return Round(v, 1); }
double Km(double v) { return Round(v, 2); }
double Kg(double v) { return Round(v, 3); }
double Pct(double v) { return Round(v, 1); }

json Point(GeoPoint p) { return {{"lat", Round(p.lat, 6)}, {"lon", Round(p.lon, 6)}}; }

json WeightsToJson(const grocery::ShoppingWeights& w) {
  return {{"cost", w.cost},         {"co2e", w.co2e},         {"distance", w.distance},
          {"vendors", w.vendors},   {"food_miles", w.food_miles}, {"nonlocal", w.nonlocal}};
}

json LineToJson(const ShoppingLine& l) {
  json j{{"food", FormatFoodId(l.food)},
         {"food_name", l.food_name},
         {"product_id", l.product_id},
         {"product_name", l.product_name},
         {"package_g", Grams(l.package_g)},
         {"package_ml", l.package_ml ? json(Round(*l.package_ml, 1)) : json(nullptr)},
         {"price", Money(l.price)},
         {"quantity", l.quantity},
         {"cost", Money(l.cost)},
         {"purchased_g", Grams(l.purchased_g)}};
  json s{{"origin", l.origin.empty() ? json(nullptr) : json(l.origin)},
         {"origin_location", l.origin_location ? Point(*l.origin_location) : json(nullptr)},
         {"production", ProductionKey(l.production)},
         {"organic", l.organic},
         {"certifications", l.certifications},
         {"vendor_distance_km", Km(l.vendor_distance_km)},
         {"food_miles_km", l.food_miles_km ? json(Km(*l.food_miles_km)) : json(nullptr)},
         {"co2e_per_kg", Kg(l.co2e_per_kg)},
         {"co2e_kg", Kg(l.co2e_kg)},
         {"local", l.local}};
  // Where each figure comes from: "vendor" (declared by the vendor),
  // "default" (hearth's data/costs/), null (not declared, not estimated).
  s["sources"] = {{"price", "vendor"},
                  {"origin", l.origin.empty() ? json(nullptr) : json("vendor")},
                  {"production", "vendor"},
                  {"vendor_distance", "vendor"},
                  {"food_miles", l.food_miles_km ? json("vendor") : json(nullptr)},
                  {"co2e", grocery::FigureSourceKey(l.co2e_source)}};
  j["sourcing"] = std::move(s);
  return j;
}

json VendorToJson(const VendorBasket& b) {
  json aisles = json::array();
  for (const AisleGroup& g : b.aisles) {
    json lines = json::array();
    for (const ShoppingLine& l : g.lines) lines.push_back(LineToJson(l));
    aisles.push_back({{"aisle", grocery::AisleKey(g.aisle)},
                      {"title", grocery::AisleTitle(g.aisle)},
                      {"cost", Money(g.cost)},
                      {"lines", std::move(lines)}});
  }
  return {{"id", b.vendor_id},
          {"name", b.vendor_name},
          {"kind", VendorKindKey(b.kind)},
          {"location", Point(b.location)},
          {"opening_hours", b.opening_hours},
          {"distance_km", Km(b.distance_km)},
          {"round_trip_km", Km(2 * b.distance_km)},
          {"cost", Money(b.cost)},
          {"co2e_kg", Kg(b.co2e_kg)},
          {"purchased_g", Grams(b.purchased_g)},
          {"aisles", std::move(aisles)}};
}

// "$12.50", "€3.00", "12.50 CHF".
std::string MoneyText(const std::string& currency, double v) {
  std::string n = text::FormatNumber(std::fabs(v), 2);
  std::string sign = v < 0 ? "-" : "";
  if (currency == "USD") return sign + "$" + n;
  if (currency == "EUR") return sign + "€" + n;
  if (currency == "GBP") return sign + "£" + n;
  return sign + n + " " + currency;
}

std::string GramsText(double g) {
  if (g >= 1000) return text::FormatNumber(g / 1000, 2) + " kg";
  return text::FormatNumber(g, 0) + " g";
}

}  // namespace

json ShoppingListToJson(const ShoppingList& list) {
  json j;
  j["format"] = kShoppingFormat;
  j["version"] = kShoppingFormatVersion;
  j["currency"] = list.currency;
  j["start"] = FormatDate(list.start);
  j["home"] = Point(list.home);
  j["weights"] = WeightsToJson(list.weights);
  j["local_radius_km"] = list.local_radius_km;
  j["solver_status"] = list.solver_status;
  json vendors = json::array();
  for (const VendorBasket& b : list.vendors) vendors.push_back(VendorToJson(b));
  j["vendors"] = std::move(vendors);
  json unavailable = json::array();
  for (const grocery::UnavailableFood& u : list.unavailable) {
    unavailable.push_back({{"food", FormatFoodId(u.food)},
                           {"food_name", u.food_name},
                           {"aisle", grocery::AisleKey(u.aisle)},
                           {"edible_g", Grams(u.edible_g)},
                           {"purchased_g", Grams(u.purchased_g)},
                           {"estimated_cost", u.estimated_cost ? json(Money(*u.estimated_cost)) : json(nullptr)},
                           {"cost_source", "default"},
                           {"partly_available", u.partly_available}});
  }
  j["unavailable"] = std::move(unavailable);
  json leftovers = json::array();
  for (const grocery::Leftover& l : list.leftovers) {
    leftovers.push_back({{"food", FormatFoodId(l.food)},
                         {"food_name", l.food_name},
                         {"bought_g", Grams(l.bought_g)},
                         {"needed_g", Grams(l.needed_g)},
                         {"leftover_g", Grams(l.leftover_g)}});
  }
  j["leftovers"] = std::move(leftovers);
  json pantry = json::array();
  for (const grocery::PantryUse& p : list.pantry_used) {
    pantry.push_back({{"item_id", p.item_id},
                      {"food", FormatFoodId(p.food)},
                      {"food_name", p.food_name},
                      {"grams", Grams(p.grams)},
                      {"expiry", p.expiry ? json(FormatDate(*p.expiry)) : json(nullptr)},
                      {"location", p.location}});
  }
  j["pantry_used"] = std::move(pantry);
  json meals = json::array();
  for (const grocery::MealFootprint& m : list.meals) {
    meals.push_back({{"day", m.day + 1},
                     {"date", FormatDate(m.date)},
                     {"slot", m.slot},
                     {"recipe", m.recipe},
                     {"name", m.recipe_name},
                     {"servings", Round(m.servings, 3)},
                     {"co2e_kg", Kg(m.co2e_kg)},
                     {"vendor_figure_pct", Pct(m.vendor_figure_pct)}});
  }
  j["meals"] = std::move(meals);
  const grocery::ShoppingTotals& t = list.totals;
  j["totals"] = {{"cost", Money(t.cost)},
                 {"unavailable_estimate", Money(t.unavailable_estimate)},
                 {"co2e_kg", Kg(t.co2e_kg)},
                 {"food_miles_kg_km", Round(t.food_miles_kg_km, 1)},
                 {"food_miles_known_pct", Pct(t.food_miles_known_pct)},
                 {"average_food_miles_km", Km(t.average_food_miles_km)},
                 {"travel_km", Km(t.travel_km)},
                 {"vendors_visited", t.vendors_visited},
                 {"purchased_g", Grams(t.purchased_g)},
                 {"local_pct", Pct(t.local_pct)},
                 {"lab_grown_pct", Pct(t.lab_grown_pct)}};
  json terms = json::array();
  for (const grocery::ObjectiveTerm& o : list.objective) {
    terms.push_back({{"term", o.term},
                     {"unit", o.unit},
                     {"amount", Round(o.amount, 3)},
                     {"weight", o.weight},
                     {"value", Round(o.value, 3)}});
  }
  j["objective"] = {{"value", Round(list.objective_value, 3)}, {"terms", std::move(terms)}};
  return j;
}

std::string ShoppingListToCsv(const ShoppingList& list) {
  std::string out;
  auto row = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += CsvEscape(cells[i]);
    }
    out += "\r\n";
  };
  auto num = [](double v, int decimals) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(decimals);
    s << Round(v, decimals);
    return s.str();
  };
  row({"status", "vendor_id", "vendor_name", "vendor_kind", "vendor_distance_km", "aisle", "food_id", "food_name",
       "product_id", "product_name", "package_g", "quantity", "price", "cost", "currency", "cost_source", "origin",
       "production", "organic", "food_miles_km", "co2e_per_kg", "co2e_kg", "co2e_source", "local"});
  for (const VendorBasket& b : list.vendors) {
    for (const AisleGroup& g : b.aisles) {
      for (const ShoppingLine& l : g.lines) {
        row({"buy", b.vendor_id, b.vendor_name, std::string(VendorKindKey(b.kind)), num(b.distance_km, 2),
             std::string(grocery::AisleKey(g.aisle)), FormatFoodId(l.food), l.food_name, l.product_id,
             l.product_name, num(l.package_g, 1), std::to_string(l.quantity), num(l.price, 2), num(l.cost, 2),
             list.currency, "vendor", l.origin, std::string(ProductionKey(l.production)),
             l.organic ? "true" : "false", l.food_miles_km ? num(*l.food_miles_km, 2) : "",
             num(l.co2e_per_kg, 3), num(l.co2e_kg, 3), std::string(grocery::FigureSourceKey(l.co2e_source)),
             l.local ? "true" : "false"});
      }
    }
  }
  for (const grocery::UnavailableFood& u : list.unavailable) {
    row({"unavailable", "", "", "", "", std::string(grocery::AisleKey(u.aisle)), FormatFoodId(u.food), u.food_name,
         "", "", num(u.purchased_g, 1), "", "", u.estimated_cost ? num(*u.estimated_cost, 2) : "", list.currency,
         "default", "", "", "", "", "", "", "", ""});
  }
  return out;
}

std::string ShoppingListToText(const ShoppingList& list) {
  std::ostringstream o;
  const grocery::ShoppingWeights& w = list.weights;
  o << "Shopping list for the plan from " << FormatDate(list.start) << " · home " << text::FormatNumber(list.home.lat, 4)
    << ", " << text::FormatNumber(list.home.lon, 4) << "\n";
  o << "Weights: cost " << text::FormatAmount(w.cost) << " · co2e " << text::FormatAmount(w.co2e) << " · distance "
    << text::FormatAmount(w.distance) << " · vendors " << text::FormatAmount(w.vendors) << " · food_miles "
    << text::FormatAmount(w.food_miles) << " · nonlocal " << text::FormatAmount(w.nonlocal) << "\n";
  if (list.vendors.empty()) o << "\nNothing to buy.\n";
  for (const VendorBasket& b : list.vendors) {
    o << "\n" << b.vendor_name << " (" << VendorKindKey(b.kind) << ", " << text::FormatNumber(b.distance_km, 1)
      << " km";
    if (!b.opening_hours.empty()) o << ", " << b.opening_hours;
    o << ")\n";
    for (const AisleGroup& g : b.aisles) {
      o << "  " << grocery::AisleTitle(g.aisle) << "\n";
      for (const ShoppingLine& l : g.lines) {
        o << "    " << l.quantity << " × " << l.product_name << " (" << GramsText(l.package_g) << ") @ "
          << MoneyText(list.currency, l.price) << " = " << MoneyText(list.currency, l.cost) << "\n";
        o << "      " << l.food_name << " · " << (l.origin.empty() ? "origin not declared" : l.origin);
        if (l.food_miles_km) o << " (" << text::FormatNumber(*l.food_miles_km, 0) << " km to the vendor)";
        o << " · " << ProductionKey(l.production) << (l.organic ? " · organic" : "") << (l.local ? " · local" : "")
          << " · " << text::FormatNumber(l.co2e_kg, 2) << " kg CO2e (" << grocery::FigureSourceKey(l.co2e_source)
          << ")\n";
      }
    }
    o << "  Subtotal " << MoneyText(list.currency, b.cost) << " · " << text::FormatNumber(b.co2e_kg, 2)
      << " kg CO2e\n";
  }
  if (!list.unavailable.empty()) {
    o << "\nNot available at any vendor (default price estimate):\n";
    for (const grocery::UnavailableFood& u : list.unavailable) {
      o << "  " << u.food_name << ": " << GramsText(u.purchased_g) << (u.partly_available ? " more" : "") << " · "
        << (u.estimated_cost ? "about " + MoneyText(list.currency, *u.estimated_cost) : "no default price")
        << "\n";
    }
  }
  if (!list.leftovers.empty()) {
    o << "\nLeft over after the plan (whole packages):\n";
    for (const grocery::Leftover& l : list.leftovers) {
      o << "  " << l.food_name << ": " << GramsText(l.leftover_g) << "\n";
    }
  }
  if (!list.pantry_used.empty()) {
    o << "\nFrom the pantry:\n";
    for (const grocery::PantryUse& p : list.pantry_used) {
      o << "  " << p.food_name << ": " << GramsText(p.grams) << " (item " << p.item_id;
      if (!p.location.empty()) o << ", " << p.location;
      o << ")";
      if (p.expiry) o << ", use by " << FormatDate(*p.expiry);
      o << "\n";
    }
  }
  if (!list.meals.empty()) {
    o << "\nMeal footprints:\n";
    for (const grocery::MealFootprint& m : list.meals) {
      o << "  " << FormatDate(m.date) << " " << m.slot << ": " << m.recipe_name << " · "
        << text::FormatNumber(m.co2e_kg, 2) << " kg CO2e (" << text::FormatNumber(m.vendor_figure_pct, 0)
        << " % from vendor figures)\n";
    }
  }
  const grocery::ShoppingTotals& t = list.totals;
  o << "\nTotals: " << MoneyText(list.currency, t.cost);
  if (t.unavailable_estimate > 0) {
    o << " (+ about " << MoneyText(list.currency, t.unavailable_estimate) << " not available)";
  }
  o << " · " << text::FormatNumber(t.co2e_kg, 2) << " kg CO2e · " << t.vendors_visited << " vendor"
    << (t.vendors_visited == 1 ? "" : "s") << ", " << text::FormatNumber(t.travel_km, 1) << " km travelled\n";
  o << "Sourcing: " << text::FormatNumber(t.local_pct, 0) << " % local (within "
    << text::FormatNumber(list.local_radius_km, 0) << " km of home or from a local farm) · "
    << text::FormatNumber(t.lab_grown_pct, 0) << " % lab-grown · food-miles "
    << text::FormatNumber(t.food_miles_kg_km, 0) << " kg·km (" << text::FormatNumber(t.food_miles_known_pct, 0)
    << " % of the weight has a declared origin)\n";
  o << "Objective " << text::FormatNumber(list.objective_value, 2) << " =";
  bool first = true;
  for (const grocery::ObjectiveTerm& term : list.objective) {
    if (term.weight == 0) continue;
    o << (first ? " " : " + ") << text::FormatAmount(term.weight) << " × " << text::FormatNumber(term.amount, 2) << " "
      << term.unit << " (" << term.term << ")";
    first = false;
  }
  if (first) o << " 0";
  o << " · solver: " << list.solver_status << "\n";
  return o.str();
}

}  // namespace hearth
