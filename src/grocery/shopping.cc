#include "hearth/grocery/shopping.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "hearth/planner/lp.h"

namespace hearth::grocery {

namespace {

constexpr double kEpsG = 1e-6;  // Grams below this are nothing.
constexpr double kInf = std::numeric_limits<double>::infinity();

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string FoodName(const ShoppingReference& ref, FoodId id) {
  const Food* f = ref.foods ? ref.foods->Find(id) : nullptr;
  return f ? f->name : "food " + FormatFoodId(id);
}

double RefuseFraction(const ShoppingReference& ref, FoodId id) {
  const Food* f = ref.foods ? ref.foods->Find(id) : nullptr;
  if (!f) return 0;
  return std::clamp(f->refuse_pct, 0.0, 99.0) / 100.0;
}

Aisle AisleOf(const ShoppingReference& ref, FoodId id) {
  const Food* f = ref.foods ? ref.foods->Find(id) : nullptr;
  return f ? AisleOfGroup(f->group_code) : Aisle::kOther;
}

std::optional<FoodDefault> DefaultOf(const ShoppingReference& ref, FoodId id) {
  return ref.defaults ? ref.defaults(id) : std::nullopt;
}

// The declared attributes of a product that may rank it, as a comparable
// tuple (no ids, no names). Certifications are compared as a sorted list.
struct ProductKey {
  int32_t food;
  double package_g;
  double package_ml;
  double price;
  int64_t stock;  // -1 = not tracked.
  double co2e;    // -1 = not declared.
  int production;
  bool organic;
  int gmo;  // -1 not declared, 0, 1.
  double origin_lat, origin_lon;
  bool has_origin_location;
  std::string origin;
  std::vector<std::string> certifications;
  auto Tie() const {
    return std::tie(food, package_g, package_ml, price, stock, co2e, production, organic, gmo, has_origin_location,
                    origin_lat, origin_lon, origin, certifications);
  }
  bool operator<(const ProductKey& o) const { return Tie() < o.Tie(); }
  bool operator==(const ProductKey& o) const { return Tie() == o.Tie(); }
};

ProductKey KeyOf(const Product& p) {
  ProductKey k{p.food.ndb,
               p.package_g,
               p.package_ml.value_or(-1),
               p.price,
               p.stock.value_or(-1),
               p.co2e_per_kg.value_or(-1),
               static_cast<int>(p.production),
               p.organic,
               p.gmo ? (*p.gmo ? 1 : 0) : -1,
               p.origin_location ? p.origin_location->lat : 0,
               p.origin_location ? p.origin_location->lon : 0,
               p.origin_location.has_value(),
               p.origin,
               p.certifications};
  std::sort(k.certifications.begin(), k.certifications.end());
  return k;
}

std::string Where(const Product& p) { return "product \"" + p.id + "\" of vendor \"" + p.vendor_id + "\""; }

// A candidate column of the model.
struct Candidate {
  const Product* product = nullptr;
  int vendor = 0;  // Canonical vendor index.
  ProductKey key;
  int64_t upper = 0;
  double co2e_per_kg = 0;
  FigureSource co2e_source = FigureSource::kDefault;
  std::optional<double> food_miles_km;
  bool local = false;
};

struct FoodToBuy {
  FoodId food;
  double edible_g = 0;     // Still needed after the pantry.
  double purchased_g = 0;  // edible / (1 − refuse).
  double coverable_g = 0;  // What the market can supply at most (purchased).
  std::vector<int> candidates;  // Into the candidate list.
};

}  // namespace

ShoppingWeights LocalFirstWeights() {
  ShoppingWeights w;
  w.cost = 1;
  w.co2e = 1;
  w.distance = 0.2;
  w.vendors = 0.5;
  w.food_miles = 0.002;
  w.nonlocal = 1;
  return w;
}

Result<ShoppingWeights> ParseWeights(std::string_view text, ShoppingWeights base) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(',', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string item = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (item.empty()) {
      if (end == text.size()) break;
      return Status::InvalidArgument("weights: empty item in \"" + std::string(text) + "\"");
    }
    size_t eq = item.find('=');
    if (eq == std::string::npos) {
      return Status::InvalidArgument("weight \"" + item + "\": expected name=value");
    }
    std::string name = Trim(std::string_view(item).substr(0, eq));
    std::string value = Trim(std::string_view(item).substr(eq + 1));
    double* slot = nullptr;
    if (name == "cost") slot = &base.cost;
    else if (name == "co2e") slot = &base.co2e;
    else if (name == "distance") slot = &base.distance;
    else if (name == "vendors") slot = &base.vendors;
    else if (name == "food_miles") slot = &base.food_miles;
    else if (name == "nonlocal") slot = &base.nonlocal;
    if (!slot) {
      return Status::InvalidArgument("unknown weight \"" + name +
                                     "\" (known: cost, co2e, distance, vendors, food_miles, nonlocal)");
    }
    double v = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (value.empty() || ec != std::errc() || ptr != value.data() + value.size() || !std::isfinite(v)) {
      return Status::InvalidArgument("weight \"" + name + "\": \"" + value + "\" is not a number");
    }
    if (v < 0) return Status::InvalidArgument("weight \"" + name + "\": must be >= 0, got " + value);
    *slot = v;
    if (end == text.size()) break;
  }
  return base;
}

std::string_view AisleKey(Aisle a) {
  switch (a) {
    case Aisle::kProduce: return "produce";
    case Aisle::kDairyEggs: return "dairy_eggs";
    case Aisle::kMeatFish: return "meat_fish";
    case Aisle::kBakeryGrains: return "bakery_grains";
    case Aisle::kPantryStaples: return "pantry_staples";
    case Aisle::kSpicesCondiments: return "spices_condiments";
    case Aisle::kBeverages: return "beverages";
    case Aisle::kPreparedFoods: return "prepared_foods";
    case Aisle::kOther: return "other";
  }
  return "other";
}

std::string_view AisleTitle(Aisle a) {
  switch (a) {
    case Aisle::kProduce: return "Produce";
    case Aisle::kDairyEggs: return "Dairy & eggs";
    case Aisle::kMeatFish: return "Meat & fish";
    case Aisle::kBakeryGrains: return "Bakery & grains";
    case Aisle::kPantryStaples: return "Pantry staples";
    case Aisle::kSpicesCondiments: return "Spices & condiments";
    case Aisle::kBeverages: return "Beverages";
    case Aisle::kPreparedFoods: return "Prepared foods";
    case Aisle::kOther: return "Other";
  }
  return "Other";
}

Aisle AisleOfGroup(std::string_view g) {
  if (g == "0900" || g == "1100") return Aisle::kProduce;
  if (g == "0100") return Aisle::kDairyEggs;
  if (g == "0500" || g == "0700" || g == "1000" || g == "1300" || g == "1500" || g == "1700") return Aisle::kMeatFish;
  if (g == "0800" || g == "1800" || g == "2000") return Aisle::kBakeryGrains;
  if (g == "0400" || g == "1200" || g == "1600" || g == "1900" || g == "2500") return Aisle::kPantryStaples;
  if (g == "0200" || g == "0600") return Aisle::kSpicesCondiments;
  if (g == "1400") return Aisle::kBeverages;
  if (g == "0300" || g == "2100" || g == "2200" || g == "3500" || g == "3600") return Aisle::kPreparedFoods;
  return Aisle::kOther;
}

std::string_view FigureSourceKey(FigureSource s) { return s == FigureSource::kVendor ? "vendor" : "default"; }

bool IsLocal(const Product& p, GeoPoint home, double radius_km) {
  if (p.production == Production::kLocalFarm) return true;
  return p.origin_location && DistanceKm(*p.origin_location, home) <= radius_km;
}

namespace {

const Recipe* FindRecipe(const ShoppingReference& ref, std::string_view id,
                         std::unordered_map<std::string, const Recipe*>& cache) {
  if (cache.empty() && ref.recipes) {
    for (const Recipe& r : *ref.recipes) cache.emplace(r.id, &r);
  }
  auto it = cache.find(std::string(id));
  return it == cache.end() ? nullptr : it->second;
}

std::string MealWhere(const PlannedMeal& m) {
  return "plan meal day " + std::to_string(m.day + 1) + " " + m.slot;
}

}  // namespace

Result<std::vector<DatedNeed>> MealNeeds(const ShoppingReference& ref, const std::vector<PlannedMeal>& meals,
                                         Date start) {
  std::unordered_map<std::string, const Recipe*> cache;
  std::map<std::pair<int32_t, Date>, double> grams;
  for (const PlannedMeal& m : meals) {
    const Recipe* r = FindRecipe(ref, m.recipe, cache);
    if (!r) return Status::NotFound(MealWhere(m), "recipe \"" + m.recipe + "\" is not in the catalogue");
    if (m.servings <= 0 || r->servings <= 0) continue;
    const Date date = start + std::chrono::days{m.day};
    for (const Ingredient& ing : r->ingredients) {
      if (ing.grams <= 0) continue;
      grams[{ing.food.ndb, date}] += ing.grams * m.servings / r->servings;
    }
  }
  std::vector<DatedNeed> out;
  out.reserve(grams.size());
  for (const auto& [k, g] : grams) out.push_back({FoodId{k.first}, k.second, g});
  return out;
}

PantryAllocation AllocatePantry(const std::vector<DatedNeed>& needs, const std::vector<PantryItem>& pantry) {
  PantryAllocation out;
  // Lots per food, earliest expiry first (no expiry last), then smaller lots
  // first (they are used up), then by id.
  std::map<int32_t, std::vector<PantryItem>> lots;
  for (const PantryItem& it : pantry) {
    if (it.grams > kEpsG) lots[it.food.ndb].push_back(it);
  }
  for (auto& [food, v] : lots) {
    std::sort(v.begin(), v.end(), [](const PantryItem& a, const PantryItem& b) {
      auto ka = std::make_tuple(!a.expiry.has_value(), a.expiry.value_or(Date{}), a.grams, a.id);
      auto kb = std::make_tuple(!b.expiry.has_value(), b.expiry.value_or(Date{}), b.grams, b.id);
      return ka < kb;
    });
  }
  // Grams taken per lot, in order of first use.
  std::map<int32_t, std::vector<std::pair<size_t, double>>> taken;
  std::vector<DatedNeed> sorted = needs;
  std::stable_sort(sorted.begin(), sorted.end(), [](const DatedNeed& a, const DatedNeed& b) {
    return std::tie(a.food, a.date) < std::tie(b.food, b.date);
  });
  for (DatedNeed n : sorted) {
    auto lit = lots.find(n.food.ndb);
    if (lit != lots.end()) {
      std::vector<PantryItem>& v = lit->second;
      for (size_t i = 0; i < v.size() && n.grams > kEpsG; ++i) {
        PantryItem& lot = v[i];
        if (lot.grams <= kEpsG) continue;
        if (lot.expiry && *lot.expiry < n.date) continue;  // Expired by then.
        const double g = std::min(lot.grams, n.grams);
        lot.grams -= g;
        n.grams -= g;
        auto& t = taken[n.food.ndb];
        auto f = std::find_if(t.begin(), t.end(), [&](const auto& p) { return p.first == i; });
        if (f == t.end()) t.push_back({i, g});
        else f->second += g;
      }
    }
    if (n.grams > kEpsG) out.remaining.push_back(n);
  }
  for (const auto& [food, t] : taken) {
    const std::vector<PantryItem>& v = lots[food];
    for (const auto& [i, g] : t) out.used.push_back({v[i].id, v[i].food, "", g, v[i].expiry, v[i].location});
  }
  return out;
}

Result<ShoppingList> BuildShoppingList(const ShoppingReference& ref, const Market& market,
                                       const ShoppingRequest& request) {
  const ShoppingWeights& w = request.weights;
  for (double v : {w.cost, w.co2e, w.distance, w.vendors, w.food_miles, w.nonlocal}) {
    if (!(v >= 0) || !std::isfinite(v)) return Status::InvalidArgument("weights must be finite and >= 0");
  }
  ShoppingList list;
  list.currency = request.currency;
  list.start = request.start;
  list.home = request.home;
  list.weights = w;
  list.local_radius_km = request.local_radius_km;

  HEARTH_ASSIGN_OR_RETURN(std::vector<DatedNeed> needs, MealNeeds(ref, request.meals, request.start));
  PantryAllocation alloc = AllocatePantry(needs, request.pantry);
  list.pantry_used = alloc.used;
  for (PantryUse& u : list.pantry_used) {
    const Food* f = ref.foods != nullptr ? ref.foods->Find(u.food) : nullptr;
    u.food_name = f != nullptr ? f->name : FormatFoodId(u.food);
  }

  // What is left to buy, per food (ascending id).
  std::map<int32_t, FoodToBuy> to_buy;
  for (const DatedNeed& n : alloc.remaining) {
    FoodToBuy& f = to_buy[n.food.ndb];
    f.food = n.food;
    f.edible_g += n.grams;
  }
  for (auto& [id, f] : to_buy) f.purchased_g = f.edible_g / (1 - RefuseFraction(ref, f.food));

  // Vendors in canonical order: location, kind, then their products' keys.
  std::unordered_map<std::string, size_t> vendor_by_id;
  for (size_t i = 0; i < market.vendors.size(); ++i) vendor_by_id.emplace(market.vendors[i].id, i);
  std::vector<std::vector<ProductKey>> vendor_products(market.vendors.size());
  for (const Product& p : market.products) {
    auto it = vendor_by_id.find(p.vendor_id);
    if (it == vendor_by_id.end()) {
      return Status::InvalidArgument(Where(p), "its vendor is not in the market");
    }
    vendor_products[it->second].push_back(KeyOf(p));
  }
  for (auto& v : vendor_products) std::sort(v.begin(), v.end());
  std::vector<size_t> vorder(market.vendors.size());
  std::iota(vorder.begin(), vorder.end(), size_t{0});
  std::stable_sort(vorder.begin(), vorder.end(), [&](size_t a, size_t b) {
    const Vendor& va = market.vendors[a];
    const Vendor& vb = market.vendors[b];
    auto ka = std::make_tuple(va.location.lat, va.location.lon, static_cast<int>(va.kind));
    auto kb = std::make_tuple(vb.location.lat, vb.location.lon, static_cast<int>(vb.kind));
    if (ka != kb) return ka < kb;
    return vendor_products[a] < vendor_products[b];
  });
  std::vector<int> vrank(market.vendors.size());
  for (size_t r = 0; r < vorder.size(); ++r) vrank[vorder[r]] = static_cast<int>(r);

  // Candidates: products of foods to buy, in canonical order.
  std::vector<Candidate> cands;
  for (const Product& p : market.products) {
    auto fit = to_buy.find(p.food.ndb);
    if (fit == to_buy.end()) continue;
    if (p.currency != request.currency) {
      return Status::InvalidArgument(Where(p), "priced in " + p.currency + ", the plan's currency is " +
                                                   request.currency);
    }
    if (!(p.package_g > 0) || !std::isfinite(p.package_g)) {
      return Status::InvalidArgument(Where(p), "package_g must be > 0");
    }
    if (!(p.price >= 0) || !std::isfinite(p.price)) return Status::InvalidArgument(Where(p), "price must be >= 0");
    if (p.stock && *p.stock <= 0) continue;
    Candidate c;
    c.product = &p;
    c.vendor = vrank[vendor_by_id.at(p.vendor_id)];
    c.key = KeyOf(p);
    const Vendor& v = market.vendors[vendor_by_id.at(p.vendor_id)];
    if (p.co2e_per_kg) {
      c.co2e_per_kg = *p.co2e_per_kg;
      c.co2e_source = FigureSource::kVendor;
    } else {
      std::optional<FoodDefault> d = DefaultOf(ref, p.food);
      c.co2e_per_kg = d ? d->co2e_per_kg : 0;
    }
    if (p.origin_location) c.food_miles_km = DistanceKm(*p.origin_location, v.location);
    c.local = IsLocal(p, request.home, request.local_radius_km);
    const int64_t enough = static_cast<int64_t>(std::ceil(fit->second.purchased_g / p.package_g - 1e-9));
    c.upper = p.stock ? std::min(*p.stock, enough) : enough;
    cands.push_back(std::move(c));
  }
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    if (a.key.food != b.key.food) return a.key.food < b.key.food;
    if (a.vendor != b.vendor) return a.vendor < b.vendor;
    return a.key < b.key;
  });
  for (size_t i = 0; i < cands.size(); ++i) {
    FoodToBuy& f = to_buy[cands[i].key.food];
    f.candidates.push_back(static_cast<int>(i));
    f.coverable_g += static_cast<double>(cands[i].upper) * cands[i].product->package_g;
  }

  // The MILP: vendor visits first (canonical order), then packages.
  std::vector<int> vendor_col(market.vendors.size(), -1);
  std::vector<int> cand_col(cands.size(), -1);
  std::vector<int64_t> qty(cands.size(), 0);
  const bool any = std::any_of(to_buy.begin(), to_buy.end(), [](const auto& kv) { return !kv.second.candidates.empty(); });
  list.solver_status = "none";
  if (any) {
    planner::LinearProgram lp;
    std::map<int32_t, int> cover_row;
    for (auto& [id, f] : to_buy) {
      if (f.candidates.empty()) continue;
      cover_row[id] = lp.AddRow(std::min(f.purchased_g, f.coverable_g) - 1e-6, kInf);
    }
    // Link rows: packages − upper × visit <= 0, one per candidate.
    std::vector<int> link_row(cands.size());
    for (size_t i = 0; i < cands.size(); ++i) link_row[i] = lp.AddRow(-kInf, 0);
    std::vector<std::vector<int>> vendor_rows(market.vendors.size());
    std::vector<std::vector<double>> vendor_vals(market.vendors.size());
    for (size_t i = 0; i < cands.size(); ++i) {
      vendor_rows[static_cast<size_t>(cands[i].vendor)].push_back(link_row[i]);
      vendor_vals[static_cast<size_t>(cands[i].vendor)].push_back(-static_cast<double>(cands[i].upper));
    }
    for (size_t r = 0; r < vorder.size(); ++r) {
      if (vendor_rows[r].empty()) continue;
      const Vendor& v = market.vendors[vorder[r]];
      const double trip = 2 * DistanceKm(request.home, v.location);
      vendor_col[r] = lp.AddColumn(w.distance * trip + w.vendors, 0, 1, true, vendor_rows[r], vendor_vals[r]);
    }
    for (size_t i = 0; i < cands.size(); ++i) {
      const Candidate& c = cands[i];
      const Product& p = *c.product;
      const double kg = p.package_g / 1000;
      double cost = w.cost * p.price + w.co2e * c.co2e_per_kg * kg;
      if (c.food_miles_km) cost += w.food_miles * *c.food_miles_km * kg;
      if (!c.local) cost += w.nonlocal * kg;
      const int rows[2] = {cover_row.at(c.key.food), link_row[i]};
      const double vals[2] = {p.package_g, 1.0};
      cand_col[i] = lp.AddColumn(cost, 0, static_cast<double>(c.upper), true, rows, vals);
    }
    planner::MipOptions opt;
    opt.time_limit_s = request.time_limit_s;
    opt.threads = 1;
    opt.seed = 1;
    opt.relative_gap = 1e-9;
    HEARTH_ASSIGN_OR_RETURN(planner::MipResult res, planner::SolveMip(lp, opt));
    if (res.status == planner::MipStatus::kInfeasible) {
      return Status::Internal("the shopping model is infeasible although every need is capped by the stock");
    }
    if (res.status == planner::MipStatus::kNoSolution) {
      return Status::Unavailable("no basket found within the time limit of " +
                                 std::to_string(request.time_limit_s) + " s");
    }
    list.solver_status = res.status == planner::MipStatus::kOptimal ? "optimal" : "feasible";
    for (size_t i = 0; i < cands.size(); ++i) {
      qty[i] = static_cast<int64_t>(std::llround(res.x[static_cast<size_t>(cand_col[i])]));
    }
  }

  // Lines, per canonical vendor.
  std::vector<std::vector<ShoppingLine>> lines_of(market.vendors.size());
  std::map<int32_t, double> bought_g;
  std::map<int32_t, std::pair<double, double>> co2e_of;  // food → (Σ kg × factor, Σ kg × vendor factor) per kg.
  std::map<int32_t, double> kg_of;
  for (size_t i = 0; i < cands.size(); ++i) {
    if (qty[i] <= 0) continue;
    const Candidate& c = cands[i];
    const Product& p = *c.product;
    const Vendor& v = market.vendors[vendor_by_id.at(p.vendor_id)];
    ShoppingLine l;
    l.food = p.food;
    l.food_name = FoodName(ref, p.food);
    l.aisle = AisleOf(ref, p.food);
    l.vendor_id = p.vendor_id;
    l.product_id = p.id;
    l.product_name = p.name;
    l.package_g = p.package_g;
    l.package_ml = p.package_ml;
    l.price = p.price;
    l.quantity = qty[i];
    l.cost = static_cast<double>(qty[i]) * p.price;
    l.purchased_g = static_cast<double>(qty[i]) * p.package_g;
    l.origin = p.origin;
    l.origin_location = p.origin_location;
    l.production = p.production;
    l.organic = p.organic;
    l.certifications = p.certifications;
    l.vendor_distance_km = DistanceKm(request.home, v.location);
    l.food_miles_km = c.food_miles_km;
    l.co2e_per_kg = c.co2e_per_kg;
    l.co2e_source = c.co2e_source;
    l.co2e_kg = l.purchased_g / 1000 * c.co2e_per_kg;
    l.local = c.local;
    bought_g[p.food.ndb] += l.purchased_g;
    auto& [all, vend] = co2e_of[p.food.ndb];
    all += l.co2e_kg;
    if (c.co2e_source == FigureSource::kVendor) vend += l.co2e_kg;
    kg_of[p.food.ndb] += l.purchased_g / 1000;
    lines_of[static_cast<size_t>(c.vendor)].push_back(std::move(l));
  }

  ShoppingTotals& t = list.totals;
  double known_kg = 0, local_kg = 0, lab_kg = 0;
  std::vector<size_t> visited;
  for (size_t r = 0; r < vorder.size(); ++r) {
    if (!lines_of[r].empty()) visited.push_back(r);
  }
  std::stable_sort(visited.begin(), visited.end(), [&](size_t a, size_t b) {
    return DistanceKm(request.home, market.vendors[vorder[a]].location) <
           DistanceKm(request.home, market.vendors[vorder[b]].location);
  });
  for (size_t r : visited) {
    const Vendor& v = market.vendors[vorder[r]];
    VendorBasket b;
    b.vendor_id = v.id;
    b.vendor_name = v.name;
    b.kind = v.kind;
    b.location = v.location;
    b.opening_hours = v.opening_hours;
    b.distance_km = DistanceKm(request.home, v.location);
    std::map<int, AisleGroup> groups;
    for (ShoppingLine& l : lines_of[r]) {
      b.cost += l.cost;
      b.co2e_kg += l.co2e_kg;
      b.purchased_g += l.purchased_g;
      const double kg = l.purchased_g / 1000;
      if (l.food_miles_km) {
        t.food_miles_kg_km += kg * *l.food_miles_km;
        known_kg += kg;
      }
      if (l.local) local_kg += kg;
      if (l.production == Production::kLabGrown) lab_kg += kg;
      AisleGroup& g = groups[static_cast<int>(l.aisle)];
      g.aisle = l.aisle;
      g.cost += l.cost;
      g.lines.push_back(std::move(l));
    }
    for (auto& [k, g] : groups) b.aisles.push_back(std::move(g));
    t.cost += b.cost;
    t.co2e_kg += b.co2e_kg;
    t.purchased_g += b.purchased_g;
    t.travel_km += 2 * b.distance_km;
    list.vendors.push_back(std::move(b));
  }
  t.vendors_visited = static_cast<int>(list.vendors.size());
  const double total_kg = t.purchased_g / 1000;
  if (total_kg > 0) {
    t.food_miles_known_pct = 100 * known_kg / total_kg;
    t.local_pct = 100 * local_kg / total_kg;
    t.lab_grown_pct = 100 * lab_kg / total_kg;
  }
  if (known_kg > 0) t.average_food_miles_km = t.food_miles_kg_km / known_kg;

  // Unavailable foods and leftovers.
  for (const auto& [id, f] : to_buy) {
    const double got = bought_g.count(id) ? bought_g.at(id) : 0;
    if (got + 1e-3 < f.purchased_g) {
      UnavailableFood u;
      u.food = f.food;
      u.food_name = FoodName(ref, f.food);
      u.aisle = AisleOf(ref, f.food);
      u.purchased_g = f.purchased_g - got;
      u.edible_g = u.purchased_g * (1 - RefuseFraction(ref, f.food));
      u.partly_available = got > 0;
      std::optional<FoodDefault> d = DefaultOf(ref, f.food);
      if (d && d->price_per_kg) {
        u.estimated_cost = *d->price_per_kg * u.edible_g / 1000;
        t.unavailable_estimate += *u.estimated_cost;
      }
      list.unavailable.push_back(std::move(u));
    }
    if (got > f.purchased_g + kEpsG) {
      list.leftovers.push_back({f.food, FoodName(ref, f.food), got, f.purchased_g, got - f.purchased_g});
    }
  }

  // Per-meal footprints: ingredients as bought (edible / (1 − refuse)) × the
  // chosen products' figure for the food (weighted by what was bought), else
  // the default.
  {
    std::unordered_map<std::string, const Recipe*> cache;
    for (const PlannedMeal& m : request.meals) {
      const Recipe* r = FindRecipe(ref, m.recipe, cache);
      MealFootprint mf;
      mf.day = m.day;
      mf.date = request.start + std::chrono::days{m.day};
      mf.slot = m.slot;
      mf.recipe = m.recipe;
      mf.recipe_name = r ? r->name : m.recipe;
      mf.servings = m.servings;
      double vendor_part = 0;
      if (r && r->servings > 0) {
        for (const Ingredient& ing : r->ingredients) {
          const double kg = ing.grams * m.servings / r->servings / 1000 / (1 - RefuseFraction(ref, ing.food));
          auto it = co2e_of.find(ing.food.ndb);
          if (it != co2e_of.end() && kg_of[ing.food.ndb] > 0) {
            const double per_kg = it->second.first / kg_of[ing.food.ndb];
            const double vend_per_kg = it->second.second / kg_of[ing.food.ndb];
            mf.co2e_kg += kg * per_kg;
            vendor_part += kg * vend_per_kg;
          } else {
            std::optional<FoodDefault> d = DefaultOf(ref, ing.food);
            mf.co2e_kg += kg * (d ? d->co2e_per_kg : 0);
          }
        }
      }
      if (mf.co2e_kg > 0) mf.vendor_figure_pct = 100 * vendor_part / mf.co2e_kg;
      list.meals.push_back(std::move(mf));
    }
  }

  // The objective, term by term.
  double food_miles_all = 0, nonlocal_kg = 0;
  for (const VendorBasket& b : list.vendors) {
    for (const AisleGroup& g : b.aisles) {
      for (const ShoppingLine& l : g.lines) {
        if (l.food_miles_km) food_miles_all += l.purchased_g / 1000 * *l.food_miles_km;
        if (!l.local) nonlocal_kg += l.purchased_g / 1000;
      }
    }
  }
  auto term = [&](std::string name, std::string unit, double amount, double weight) {
    list.objective.push_back({std::move(name), std::move(unit), amount, weight, amount * weight});
    list.objective_value += amount * weight;
  };
  term("cost", request.currency, t.cost, w.cost);
  term("co2e", "kg CO2e", t.co2e_kg, w.co2e);
  term("distance", "km", t.travel_km, w.distance);
  term("vendors", "vendors", t.vendors_visited, w.vendors);
  term("food_miles", "kg·km", food_miles_all, w.food_miles);
  term("nonlocal", "kg", nonlocal_kg, w.nonlocal);
  return list;
}

}  // namespace hearth::grocery
