#include "hearth/json/plan_json.h"

#include <algorithm>
#include <cmath>

#include "hearth/importer/csv.h"
#include "hearth/json/encode.h"
#include "hearth/json/profile_json.h"

namespace hearth {

using json = nlohmann::json;

namespace {

json Rounded(double v) { return std::isfinite(v) ? json(RoundForDisplay(v)) : json(nullptr); }
json Rounded(const std::optional<double>& v) { return v ? Rounded(*v) : json(nullptr); }

std::string_view RowKindName(planner::RowKind k) {
  switch (k) {
    case planner::RowKind::kDaily: return "daily";
    case planner::RowKind::kWeekly: return "weekly_average";
    case planner::RowKind::kEnergyShare: return "energy_share";
    case planner::RowKind::kBudget: return "budget";
    case planner::RowKind::kMinutes: return "cooking_minutes";
  }
  return "daily";
}

std::string_view AveragingName(Averaging a) { return a == Averaging::kDaily ? "daily" : "weekly"; }

std::string Key(NutrientId n) { return std::string(Info(n).key); }

json WhyToJson(const std::vector<Contribution>& why) {
  json out = json::array();
  for (const Contribution& c : why) {
    out.push_back({{"nutrient", Key(c.nutrient)},
                   {"amount", Rounded(c.amount)},
                   {"percent_of_day", Rounded(c.percent_of_day)}});
  }
  return out;
}

// Reader helpers: every error names the JSON path.
struct PathError {
  std::string path;
  std::string problem;
};

const json& Get(const json& obj, const std::string& path, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) throw PathError{path.empty() ? key : path + "." + key, "is missing"};
  return *it;
}
std::string Sub(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }
std::string At(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

const json& Object(const json& j, const std::string& path) {
  if (!j.is_object()) throw PathError{path, "must be an object"};
  return j;
}
const json& Array(const json& j, const std::string& path) {
  if (!j.is_array()) throw PathError{path, "must be an array"};
  return j;
}
std::string String(const json& j, const std::string& path) {
  if (!j.is_string()) throw PathError{path, "must be a string"};
  return j.get<std::string>();
}
double Number(const json& j, const std::string& path, double lo, double hi) {
  if (!j.is_number()) throw PathError{path, "must be a number"};
  const double v = j.get<double>();
  if (!(v >= lo && v <= hi)) {
    throw PathError{path, json(v).dump() + " is outside " + json(lo).dump() + "-" + json(hi).dump()};
  }
  return v;
}
long long Integer(const json& j, const std::string& path, long long lo, long long hi) {
  if (!j.is_number_integer()) throw PathError{path, "must be an integer"};
  const long long v = j.get<long long>();
  if (v < lo || v > hi) {
    throw PathError{path, std::to_string(v) + " is outside " + std::to_string(lo) + "-" + std::to_string(hi)};
  }
  return v;
}

PlanDocument Parse(const json& root) {
  PlanDocument doc;
  Object(root, "document");
  if (String(Get(root, "", "format"), "format") != kPlanFormat) {
    throw PathError{"format", "must be \"" + std::string(kPlanFormat) + "\""};
  }
  const long long version = Integer(Get(root, "", "version"), "version", 1, 1000000);
  if (version != kPlanFormatVersion) {
    throw PathError{"version", "unsupported version " + std::to_string(version) + " (this hearth reads " +
                                   std::to_string(kPlanFormatVersion) + ")"};
  }
  const json& req = Object(Get(root, "", "request"), "request");
  const json& members = Array(Get(req, "request", "household"), "request.household");
  if (members.empty()) throw PathError{"request.household", "needs at least one person"};
  PlanRequest& r = doc.request;
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string path = At("request.household", i);
    const json& m = Object(members[i], path);
    PlanRequest::Member member;
    member.id = String(Get(m, path, "id"), Sub(path, "id"));
    const std::string ppath = Sub(path, "profile");
    Result<Profile> p = ParseProfileJson(Object(Get(m, path, "profile"), ppath).dump());
    if (!p.ok()) throw PathError{ppath, p.status().message()};
    member.profile = *p;
    r.household.push_back(std::move(member));
  }
  const json& o = Object(Get(req, "request", "options"), "request.options");
  r.days = static_cast<int>(Integer(Get(o, "request.options", "days"), "request.options.days", 1, 28));
  const json& slots = Array(Get(o, "request.options", "slots"), "request.options.slots");
  if (slots.empty()) throw PathError{"request.options.slots", "needs at least one meal slot"};
  r.slots.clear();
  for (size_t i = 0; i < slots.size(); ++i) r.slots.push_back(String(slots[i], At("request.options.slots", i)));
  r.seed = static_cast<std::uint64_t>(
      Integer(Get(o, "request.options", "seed"), "request.options.seed", 0, 1LL << 62));
  r.time_limit_s = Number(Get(o, "request.options", "time_limit_s"), "request.options.time_limit_s", 1e-3, 1e7);
  r.threads = static_cast<int>(Integer(Get(o, "request.options", "threads"), "request.options.threads", 1, 256));
  const json& mm = Get(o, "request.options", "max_minutes_per_day");
  if (!mm.is_null()) r.max_minutes_per_day = Number(mm, "request.options.max_minutes_per_day", 1, 1440);
  if (auto it = o.find("optional_slots"); it != o.end() && !it->is_null()) {
    const std::string path = "request.options.optional_slots";
    const json& opt = Array(*it, path);
    for (size_t i = 0; i < opt.size(); ++i) {
      std::string slot = String(opt[i], At(path, i));
      if (std::find(r.slots.begin(), r.slots.end(), slot) == r.slots.end()) {
        throw PathError{At(path, i), "\"" + slot + "\" is not a slot of the plan"};
      }
      r.optional_slots.push_back(std::move(slot));
    }
  }

  if (auto it = req.find("fixed"); it != req.end()) {
    const json& fixed = Array(*it, "request.fixed");
    for (size_t i = 0; i < fixed.size(); ++i) {
      const std::string path = At("request.fixed", i);
      const json& f = Object(fixed[i], path);
      PlanRequest::Fixed fx;
      fx.day = static_cast<int>(Integer(Get(f, path, "day"), Sub(path, "day"), 1, r.days)) - 1;
      fx.slot = String(Get(f, path, "slot"), Sub(path, "slot"));
      if (std::find(r.slots.begin(), r.slots.end(), fx.slot) == r.slots.end()) {
        throw PathError{Sub(path, "slot"), "\"" + fx.slot + "\" is not a slot of the plan"};
      }
      fx.recipe = String(Get(f, path, "recipe"), Sub(path, "recipe"));
      if (auto sv = f.find("servings"); sv != f.end() && !sv->is_null()) {
        fx.servings = Number(*sv, Sub(path, "servings"), 0.01, 100);
      }
      r.fixed.push_back(std::move(fx));
    }
  }

  if (auto it = req.find("pricing"); it != req.end() && !it->is_null()) {
    const std::string path = "request.pricing";
    const json& pj = Object(*it, path);
    PlanPricing pricing;
    pricing.prices = String(Get(pj, path, "prices"), Sub(path, "prices"));
    if (pricing.prices != "market" && pricing.prices != "default") {
      throw PathError{Sub(path, "prices"), "must be \"market\" or \"default\""};
    }
    pricing.expiry_bonus = Number(Get(pj, path, "expiry_bonus"), Sub(path, "expiry_bonus"), 0, 100);
    const json& foods = Array(Get(pj, path, "foods"), Sub(path, "foods"));
    for (size_t i = 0; i < foods.size(); ++i) {
      const std::string fpath = At(Sub(path, "foods"), i);
      const json& f = Object(foods[i], fpath);
      const std::string id = String(Get(f, fpath, "food"), Sub(fpath, "food"));
      std::optional<FoodId> food = ParseFoodId(id);
      if (!food) throw PathError{Sub(fpath, "food"), "\"" + id + "\" is not an SR28 food number"};
      FoodSupply supply;
      const json& price = Get(f, fpath, "price_per_kg");
      if (!price.is_null()) supply.price_per_kg = Number(price, Sub(fpath, "price_per_kg"), 0, 1e6);
      supply.pantry_g = Number(Get(f, fpath, "pantry_g"), Sub(fpath, "pantry_g"), 0, 1e9);
      supply.expiring_g = Number(Get(f, fpath, "expiring_g"), Sub(fpath, "expiring_g"), 0, supply.pantry_g);
      if (!pricing.foods.emplace(*food, supply).second) throw PathError{Sub(fpath, "food"), "is listed twice"};
    }
    r.pricing = std::move(pricing);
  }
  if (auto it = req.find("start_date"); it != req.end() && !it->is_null()) {
    r.start_date = String(*it, "request.start_date");
  }

  const json& plan = Object(Get(root, "", "plan"), "plan");
  if (auto it = plan.find("status"); it != plan.end()) doc.status = String(*it, "plan.status");
  const json& cells = Array(Get(plan, "plan", "cells"), "plan.cells");
  const size_t want = static_cast<size_t>(r.days) * r.slots.size();
  if (cells.size() != want) {
    throw PathError{"plan.cells", "has " + std::to_string(cells.size()) + " cells, expected " +
                                      std::to_string(want) + " (" + std::to_string(r.days) + " days × " +
                                      std::to_string(r.slots.size()) + " slots)"};
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string path = At("plan.cells", i);
    const json& c = Object(cells[i], path);
    PlanDocument::Cell cell;
    cell.day = static_cast<int>(Integer(Get(c, path, "day"), Sub(path, "day"), 1, r.days)) - 1;
    cell.slot = String(Get(c, path, "slot"), Sub(path, "slot"));
    cell.recipe = String(Get(c, path, "recipe"), Sub(path, "recipe"));
    const bool no_meal = cell.recipe.starts_with(kNoMealPrefix);
    cell.servings = Number(Get(c, path, "servings"), Sub(path, "servings"), no_meal ? 0 : 0.01, 100);
    const size_t expect_day = i / r.slots.size();
    const std::string& expect_slot = r.slots[i % r.slots.size()];
    if (static_cast<size_t>(cell.day) != expect_day || cell.slot != expect_slot) {
      throw PathError{path, "expected day " + std::to_string(expect_day + 1) + " slot " + expect_slot +
                                " (cells are listed by day, then slot)"};
    }
    doc.cells.push_back(std::move(cell));
  }
  if (auto it = root.find("objective"); it != root.end() && it->is_object()) {
    if (auto b = it->find("bound"); b != it->end() && !b->is_null()) {
      doc.bound = Number(*b, "objective.bound", -1e300, 1e300);
    }
  }
  return doc;
}

}  // namespace

PlanRequestOptions PlanRequest::Options() const {
  PlanRequestOptions o;
  o.days = days;
  o.slots = slots;
  o.max_minutes_per_day = max_minutes_per_day;
  o.optional_slots = optional_slots;
  o.pricing = pricing;
  return o;
}

Result<std::vector<PlanMember>> HouseholdOf(const Catalog& catalog, const PlanRequest& request) {
  std::vector<PlanMember> out;
  for (const PlanRequest::Member& m : request.household) {
    Result<Targets> t = catalog.TargetsFor(m.profile);
    if (!t.ok()) return t.status().WithContext("targets for " + m.id);
    out.push_back({m.id, m.profile, *t});
  }
  return out;
}

json MealToJson(const PlanReport& report, const ReportMeal& m) {
  json per = json::object();
  for (size_t p = 0; p < report.people.size(); ++p) per[report.people[p].id] = m.servings_per_person[p];
  return {{"day", m.day + 1},
          {"slot", m.slot_name},
          {"recipe", m.recipe_id},
          {"name", m.recipe_name},
          {"skipped", m.skipped},
          {"servings", m.servings},
          {"servings_per_person", per},
          {"cost", Rounded(m.cost)},
          {"co2e_kg", Rounded(m.co2e_kg)},
          {"minutes", Rounded(m.minutes)},
          {"why", WhyToJson(m.why)}};
}

json ExplanationToJson(const PlanReport& report) {
  json tight = json::array();
  for (NutrientId n : report.tight) tight.push_back(Key(n));
  json binding = json::array();
  for (const RowInsight& b : report.binding) {
    binding.push_back({{"kind", RowKindName(b.kind)},
                       {"person", report.people[static_cast<size_t>(b.person)].id},
                       {"nutrient", b.nutrient ? json(Key(*b.nutrient)) : json(nullptr)},
                       {"side", b.at_min ? "min" : "max"},
                       {"bound", Rounded(b.bound)},
                       {"label", b.label},
                       {"price", Rounded(b.price)},
                       {"step", Rounded(b.step)},
                       {"change", Rounded(b.change)},
                       {"in_money", b.in_money},
                       {"text", b.text}});
  }
  json shortfalls = json::array();
  for (const Shortfall& s : report.shortfalls) {
    json days = json::array();
    for (int d : s.days) days.push_back(d + 1);
    json foods = json::array();
    for (const Shortfall::Food& f : s.closing_foods) {
      foods.push_back({{"id", f.id}, {"name", f.name}, {"per_100_kcal", Rounded(f.per_100_kcal)}});
    }
    shortfalls.push_back({{"person", report.people[static_cast<size_t>(s.person)].id},
                          {"nutrient", Key(s.nutrient)},
                          {"side", s.below_min ? "min" : "max"},
                          {"bound", Rounded(s.bound)},
                          {"unit", Info(s.nutrient).unit},
                          {"averaging", AveragingName(s.averaging)},
                          {"days", days},
                          {"worst_percent", Rounded(s.worst_percent)},
                          {"average_percent", Rounded(s.average_percent)},
                          {"reachable_percent", Rounded(s.reachable_percent)},
                          {"closing_foods", foods},
                          {"reason", s.reason}});
  }
  json why = json::array();
  for (const ReportMeal& m : report.meals) {
    why.push_back({{"day", m.day + 1}, {"slot", m.slot_name}, {"recipe", m.recipe_id}, {"why", WhyToJson(m.why)},
                   {"cost", Rounded(m.cost)}});
  }
  return {{"tight_nutrients", tight}, {"binding", binding}, {"shortfalls", shortfalls},
          {"meals", why},           {"notes", report.notes}};
}

json MealExplanationToJson(const PlanReport& report, const MealExplanation& meal) {
  json alts = json::array();
  for (const MealAlternative& a : meal.alternatives) {
    alts.push_back({{"recipe", a.recipe_id},
                    {"name", a.recipe_name},
                    {"servings", a.servings},
                    {"objective_change", Rounded(a.objective_change)}});
  }
  json j = MealToJson(report, meal.meal);
  j["alternatives"] = alts;
  return j;
}

json PlanDocumentToJson(const PlanRequest& request, const PlanReport& report) {
  json household = json::array();
  for (const PlanRequest::Member& m : request.household) {
    household.push_back({{"id", m.id}, {"profile", json::parse(ProfileToJson(m.profile))}});
  }
  json options = {{"days", request.days},
                  {"slots", request.slots},
                  {"seed", request.seed},
                  {"time_limit_s", request.time_limit_s},
                  {"threads", request.threads},
                  {"max_minutes_per_day", request.max_minutes_per_day ? json(*request.max_minutes_per_day)
                                                                      : json(nullptr)},
                  {"optional_slots", request.optional_slots}};
  json people = json::array();
  for (size_t p = 0; p < report.people.size(); ++p) {
    json targets = json::object();
    for (const CoverageRow& r : report.coverage[p].nutrients) {
      targets[Key(r.nutrient)] = {{"min", Rounded(r.min)},
                                  {"max", Rounded(r.max)},
                                  {"unit", Info(r.nutrient).unit},
                                  {"averaging", AveragingName(r.averaging)}};
    }
    people.push_back({{"id", report.people[p].id},
                      {"share", report.people[p].share},
                      {"energy_kcal", Rounded(report.people[p].energy_kcal)},
                      {"targets", targets}});
  }
  json cells = json::array();
  for (const ReportMeal& m : report.meals) cells.push_back(MealToJson(report, m));
  json days = json::array();
  for (size_t d = 0; d < report.day_totals.size(); ++d) {
    json ps = json::array();
    for (size_t p = 0; p < report.people.size(); ++p) {
      ps.push_back({{"person", report.people[p].id}, {"totals", NutrientsToJson(report.day_totals[d][p])}});
    }
    days.push_back({{"day", d + 1}, {"people", ps}});
  }
  json coverage = json::array();
  for (size_t p = 0; p < report.coverage.size(); ++p) {
    json rows = json::array();
    for (const CoverageRow& r : report.coverage[p].nutrients) {
      rows.push_back({{"nutrient", Key(r.nutrient)},
                      {"unit", Info(r.nutrient).unit},
                      {"averaging", AveragingName(r.averaging)},
                      {"average", Rounded(r.average)},
                      {"min", Rounded(r.min)},
                      {"max", Rounded(r.max)},
                      {"percent", Rounded(r.percent)},
                      {"status", CoverageStatusName(r.status)},
                      {"days_below_min", r.days_below_min},
                      {"days_above_max", r.days_above_max}});
    }
    json shares = json::array();
    for (const EnergyShareCoverage& e : report.coverage[p].energy_shares) {
      shares.push_back({{"nutrient", Key(e.nutrient)},
                        {"average_fraction", Rounded(e.average_fraction)},
                        {"min_fraction", Rounded(e.min_fraction)},
                        {"max_fraction", Rounded(e.max_fraction)},
                        {"status", CoverageStatusName(e.status)},
                        {"days_outside", e.days_outside}});
    }
    coverage.push_back({{"person", report.people[p].id}, {"nutrients", rows}, {"energy_shares", shares}});
  }
  json terms = json::array();
  for (const ObjectiveTerm& t : report.terms) {
    terms.push_back({{"term", t.term},
                     {"unit", t.unit},
                     {"amount", Rounded(t.amount)},
                     {"weight", t.weight},
                     {"value", Rounded(t.value)}});
  }
  json out;
  out["format"] = kPlanFormat;
  out["version"] = kPlanFormatVersion;
  json fixed = json::array();
  for (const PlanRequest::Fixed& f : request.fixed) {
    fixed.push_back({{"day", f.day + 1},
                     {"slot", f.slot},
                     {"recipe", f.recipe},
                     {"servings", f.servings ? json(*f.servings) : json(nullptr)}});
  }
  out["request"] = {{"household", household}, {"options", options}, {"fixed", fixed}};
  if (request.pricing) {
    json foods = json::array();
    for (const auto& [food, supply] : request.pricing->foods) {
      foods.push_back({{"food", FormatFoodId(food)},
                       {"price_per_kg", supply.price_per_kg ? json(*supply.price_per_kg) : json(nullptr)},
                       {"pantry_g", supply.pantry_g},
                       {"expiring_g", supply.expiring_g}});
    }
    out["request"]["pricing"] = {{"prices", request.pricing->prices},
                                 {"expiry_bonus", request.pricing->expiry_bonus},
                                 {"foods", foods}};
  }
  if (!request.start_date.empty()) out["request"]["start_date"] = request.start_date;
  out["people"] = people;
  out["plan"] = {{"status", report.status}, {"solver", report.solver}, {"cells", cells}};
  out["days"] = days;
  out["coverage"] = coverage;
  out["totals"] = {{"cost", Rounded(report.cost)},
                   {"currency", report.currency},
                   {"co2e_kg", Rounded(report.co2e_kg)},
                   {"minutes", Rounded(report.minutes)},
                   {"prices", report.prices}};
  if (!report.pantry.empty()) {
    json pantry = json::array();
    for (const PantryLine& l : report.pantry) {
      pantry.push_back({{"food", FormatFoodId(l.food)},
                        {"name", l.name},
                        {"pantry_g", Rounded(l.pantry_g)},
                        {"used_g", Rounded(l.used_g)},
                        {"from_pantry_g", Rounded(l.from_pantry_g)},
                        {"bought_g", Rounded(l.bought_g)},
                        {"left_g", Rounded(l.left_g)},
                        {"expiring_g", Rounded(l.expiring_g)},
                        {"expiring_left_g", Rounded(l.expiring_left_g)},
                        {"price_per_kg", Rounded(l.price_per_kg)}});
    }
    out["pantry"] = pantry;
  }
  if (!report.not_in_market.empty()) out["not_in_market"] = report.not_in_market;
  out["objective"] = {{"value", Rounded(report.objective)},
                      {"terms", terms},
                      {"bound", report.bound ? json(*report.bound) : json(nullptr)},
                      {"gap", Rounded(report.gap)}};
  out["explanation"] = ExplanationToJson(report);
  out["excluded_recipes"] = report.excluded_recipes;
  return out;
}

Result<PlanDocument> ParsePlanDocument(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("plan document", "not valid JSON");
  try {
    return Parse(j);
  } catch (const PathError& e) {
    return Status::InvalidArgument(e.path, e.problem);
  } catch (const json::exception& e) {
    return Status::InvalidArgument("plan document", e.what());
  }
}

Result<PlanDocument> ReadPlanFile(const std::string& path) {
  HEARTH_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  Result<PlanDocument> d = ParsePlanDocument(text);
  if (!d.ok()) return d.status().WithContext(path);
  return d;
}

Result<SavedPlan> RebuildSavedPlan(const Catalog& catalog, const PlanDocument& doc) {
  SavedPlan out;
  HEARTH_ASSIGN_OR_RETURN(out.household, HouseholdOf(catalog, doc.request));
  HEARTH_ASSIGN_OR_RETURN(out.built, BuildPlanInstance(catalog, out.household, doc.request.Options()));
  const std::vector<std::string>& slots = doc.request.slots;
  auto slot_index = [&](const std::string& slot) {
    return static_cast<int>(std::find(slots.begin(), slots.end(), slot) - slots.begin());
  };
  for (size_t i = 0; i < doc.cells.size(); ++i) {
    const PlanDocument::Cell& c = doc.cells[i];
    HEARTH_ASSIGN_OR_RETURN(
        int index, PlannableRecipe(catalog, out.built, c.recipe, slot_index(c.slot), At("plan.cells", i) + ".recipe"));
    // A "no meal" cell is saved with 0 servings; the model's cell holds the
    // smallest amount (nothing is eaten either way).
    const bool skip = out.built.instance.recipes[static_cast<size_t>(index)].skip;
    out.plan.cells.push_back({index, skip ? out.built.instance.plan.servings.min : c.servings});
  }
  for (size_t i = 0; i < doc.request.fixed.size(); ++i) {
    const PlanRequest::Fixed& f = doc.request.fixed[i];
    const int slot = slot_index(f.slot);
    HEARTH_ASSIGN_OR_RETURN(int index,
                            PlannableRecipe(catalog, out.built, f.recipe, slot, At("request.fixed", i) + ".recipe"));
    out.built.instance.plan.fixed.push_back({f.day * static_cast<int>(slots.size()) + slot, index, f.servings});
  }
  return out;
}

Result<int> PlannableRecipe(const Catalog& catalog, const BuiltInstance& built, const std::string& id, int slot,
                            const std::string& what) {
  const planner::PlanInstance& in = built.instance;
  const std::string quoted = "recipe \"" + id + "\"";
  const bool no_meal = id.starts_with(kNoMealPrefix) &&
                       std::any_of(in.recipes.begin(), in.recipes.end(),
                                   [&](const planner::RecipeDef& r) { return r.skip && r.id == id; });
  if (!no_meal && catalog.FindRecipe(id) < 0) return Status::NotFound(what, quoted + " is not in the catalogue");
  for (const auto& [excluded, why] : built.excluded) {
    if (excluded == id) return Status::FailedPrecondition(what, quoted + " cannot be planned: " + why);
  }
  for (size_t r = 0; r < in.recipes.size(); ++r) {
    if (in.recipes[r].id != id) continue;
    const std::vector<int>& fits = in.recipes[r].slots;
    if (std::find(fits.begin(), fits.end(), slot) == fits.end()) break;
    return static_cast<int>(r);
  }
  const std::string slot_name =
      slot >= 0 && static_cast<size_t>(slot) < in.plan.slots.size() ? in.plan.slots[static_cast<size_t>(slot)] : "?";
  return Status::FailedPrecondition(what, quoted + " is not a " + slot_name + " recipe");
}

}  // namespace hearth
