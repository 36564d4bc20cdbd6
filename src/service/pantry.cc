#include "hearth/service/pantry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/text.h"
#include "hearth/core/units.h"

namespace hearth {
namespace {

// Amounts below this many grams are rounding noise: a lot left with less is
// used up, a need smaller than this is met.
constexpr double kGramsEpsilon = 1e-6;

// How many candidates an ambiguous food name lists.
constexpr size_t kCandidatesShown = 5;

// A number as the user typed it: "-1", "0.5", "1e+300", "nan".
std::string Plain(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string Grams(double g) { return text::FormatAmount(g) + " g"; }

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<const Food*> KnownFood(const FoodDb& foods, FoodId id) {
  const Food* f = foods.Find(id);
  if (!f) return Status::NotFound("no SR28 food with NDB number " + FormatFoodId(id));
  return f;
}

// The lots of `food`, in FEFO order (ListPantry's order filtered by food).
std::vector<PantryItem> LotsOf(const std::vector<PantryItem>& items, FoodId food) {
  std::vector<PantryItem> lots;
  for (const PantryItem& it : items) {
    if (it.food == food) lots.push_back(it);
  }
  return lots;
}

// Takes up to `grams` from `lots` FEFO; appends the takes and changes and
// returns the grams that could not be taken.
double TakeFefo(const std::vector<PantryItem>& lots, double grams, std::vector<PantryTake>& takes,
                std::vector<storage::PantryChange>& changes) {
  double need = grams;
  for (const PantryItem& lot : lots) {
    if (need <= kGramsEpsilon) break;
    const double take = std::min(need, lot.grams);
    double left = lot.grams - take;
    if (left <= kGramsEpsilon) left = 0;
    takes.push_back({lot.id, lot.food, lot.expiry, lot.grams, lot.grams - left, left});
    changes.push_back({lot.id, left});
    need -= take;
  }
  return need <= kGramsEpsilon ? 0 : need;
}

}  // namespace

std::string FoodLabel(const Food& food) { return FormatFoodId(food.id) + " " + food.name; }

Result<const Food*> FindFood(const FoodDb& foods, std::string_view query_in) {
  const std::string_view query = text::Trim(query_in);
  if (query.empty()) return Status::InvalidArgument("no food given: use an NDB number or a food name");
  if (AllDigits(query)) {
    std::optional<FoodId> id = ParseFoodId(query);
    if (!id) return Status::NotFound("no SR28 food with NDB number " + std::string(query));
    return KnownFood(foods, *id);
  }
  std::vector<FoodDb::SearchHit> hits = foods.Search(query, 20);
  if (hits.empty()) {
    return Status::NotFound("no food matches " + Quote(query) + "; try: hearth foods search");
  }
  if (hits.size() == 1) return hits.front().food;
  const std::string lower = text::Lower(query);
  const Food* exact = nullptr;
  int exact_count = 0;
  for (const Food& f : foods.foods()) {
    if (text::Lower(f.name) == lower) {
      exact = &f;
      ++exact_count;
    }
  }
  if (exact_count == 1) return exact;
  std::string list;
  for (size_t i = 0; i < hits.size() && i < kCandidatesShown; ++i) {
    list += "\n  " + FoodLabel(*hits[i].food);
  }
  return Status::InvalidArgument(Quote(query) + " matches " + (hits.size() >= 20 ? "20 or more" : std::to_string(hits.size())) +
                                 " foods; give an NDB number, e.g. one of:" + list);
}

Result<double> PantryGrams(const Food& food, double amount, std::string_view unit) {
  if (!std::isfinite(amount) || amount <= 0) {
    return Status::InvalidArgument(FoodLabel(food), "the amount must be a number more than 0, got " + Plain(amount));
  }
  Result<double> g = ToGrams(food, amount, unit);
  if (!g.ok()) {
    // "cups" → "cup", "cloves" → "clove".
    const std::string u = text::Lower(text::Trim(unit));
    if (u.size() > 1 && u.back() == 's') {
      Result<double> singular = ToGrams(food, amount, std::string_view(u).substr(0, u.size() - 1));
      if (singular.ok()) return singular;
    }
    return g.status();
  }
  if (!std::isfinite(*g) || *g <= 0) {
    return Status::InvalidArgument(FoodLabel(food), Plain(amount) + " " + std::string(unit) + " is not a usable amount");
  }
  return g;
}

Result<PantryItem> AddToPantry(storage::Store& store, const FoodDb& foods, std::string_view pantry,
                               const NewPantryItem& item) {
  HEARTH_ASSIGN_OR_RETURN(const Food* food, KnownFood(foods, item.food));
  HEARTH_ASSIGN_OR_RETURN(double grams, PantryGrams(*food, item.amount, item.unit));
  PantryItem p;
  p.food = food->id;
  p.grams = grams;
  p.expiry = item.expiry;
  p.location = item.location;
  p.note = item.note;
  HEARTH_ASSIGN_OR_RETURN(p.id, store.AddPantryItem(pantry, p));
  return p;
}

std::string PantryShortage::Text() const {
  return "asked for " + Grams(grams_asked) + ", there " +
         (lots == 0 ? std::string("is none")
                    : (lots == 1 ? "is " : "are ") + Grams(grams_held) + " in " + std::to_string(lots) +
                          (lots == 1 ? " lot" : " lots"));
}

Result<PantryUse> UseFromPantry(storage::Store& store, const FoodDb& foods, std::string_view pantry, FoodId food_id,
                                double amount, std::string_view unit) {
  HEARTH_ASSIGN_OR_RETURN(const Food* food, KnownFood(foods, food_id));
  HEARTH_ASSIGN_OR_RETURN(double grams, PantryGrams(*food, amount, unit));
  HEARTH_ASSIGN_OR_RETURN(std::vector<PantryItem> items, store.ListPantry(pantry));
  const std::vector<PantryItem> lots = LotsOf(items, food->id);
  double have = 0;
  for (const PantryItem& lot : lots) have += lot.grams;
  PantryUse use;
  if (have + kGramsEpsilon < grams) {
    use.shortage = PantryShortage{grams, have, lots.size()};
    return use;
  }
  std::vector<storage::PantryChange> changes;
  TakeFefo(lots, grams, use.takes, changes);
  HEARTH_RETURN_IF_ERROR(store.ApplyPantryChanges(pantry, changes));
  return use;
}

Result<PantryTake> AdjustPantryItem(storage::Store& store, const FoodDb& foods, std::string_view pantry,
                                    int64_t item_id, double amount, std::string_view unit) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<PantryItem> items, store.ListPantry(pantry));
  auto it = std::find_if(items.begin(), items.end(), [&](const PantryItem& p) { return p.id == item_id; });
  if (it == items.end()) {
    return Status::NotFound("no item " + std::to_string(item_id) + " in pantry " + Quote(pantry));
  }
  HEARTH_ASSIGN_OR_RETURN(const Food* food, KnownFood(foods, it->food));
  if (!std::isfinite(amount) || amount < 0) {
    return Status::InvalidArgument(FoodLabel(*food),
                                   "the new amount must be 0 (to remove the item) or more, got " + Plain(amount));
  }
  // 0 of any unit is 0 g, but the unit must still be one the food has.
  HEARTH_ASSIGN_OR_RETURN(double grams, PantryGrams(*food, amount > 0 ? amount : 1, unit));
  if (amount == 0) grams = 0;
  HEARTH_RETURN_IF_ERROR(store.ApplyPantryChanges(pantry, {{item_id, grams}}));
  return PantryTake{item_id, it->food, it->expiry, it->grams, it->grams - grams, grams};
}

std::string_view ExpiryStateName(ExpiryState s) {
  switch (s) {
    case ExpiryState::kKeeps:
      return "keeps";
    case ExpiryState::kFresh:
      return "fresh";
    case ExpiryState::kExpiresSoon:
      return "expires soon";
    case ExpiryState::kExpired:
      return "expired";
  }
  return "keeps";
}

Result<std::vector<PantryEntry>> ListPantryEntries(storage::Store& store, const FoodDb& foods,
                                                   std::string_view pantry, Date today,
                                                   std::optional<int> expiring_within) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<PantryItem> items, store.ListPantry(pantry));
  std::vector<PantryEntry> out;
  for (PantryItem& it : items) {
    const Food* food = foods.Find(it.food);
    PantryEntry e = EntryOn(std::move(it), food, today);
    if (expiring_within && (!e.days_left || *e.days_left > *expiring_within)) continue;
    out.push_back(std::move(e));
  }
  return out;
}

PantryEntry EntryOn(PantryItem item, const Food* food, Date today) {
  PantryEntry e;
  e.food = food;
  if (item.expiry) {
    const int days = static_cast<int>((*item.expiry - today).count());
    e.days_left = days;
    e.state = days < 0 ? ExpiryState::kExpired
              : days <= kExpiresSoonDays ? ExpiryState::kExpiresSoon
                                         : ExpiryState::kFresh;
  }
  e.item = std::move(item);
  return e;
}

Result<CookReport> CookPlannedMeals(storage::Store& store, const Catalog& catalog, std::string_view pantry,
                                    const BuiltInstance& built, const planner::Plan& plan, int day,
                                    std::optional<std::string> slot) {
  const planner::PlanInstance& in = built.instance;
  const int days = in.plan.days;
  if (day < 0 || day >= days) {
    return Status::InvalidArgument("day " + std::to_string(day + 1) + " is outside the plan's days 1-" +
                                   std::to_string(days));
  }
  int only_slot = -1;
  if (slot) {
    auto s = std::find(in.plan.slots.begin(), in.plan.slots.end(), *slot);
    if (s == in.plan.slots.end()) {
      std::string all;
      for (const std::string& name : in.plan.slots) all += (all.empty() ? "" : ", ") + name;
      return Status::InvalidArgument("the plan has no slot " + Quote(*slot) + "; its slots are " + all);
    }
    only_slot = static_cast<int>(s - in.plan.slots.begin());
  }
  if (static_cast<int>(plan.cells.size()) != in.num_cells()) {
    return Status::Internal("the plan does not match its model");
  }

  CookReport report;
  std::map<FoodId, double> need;  // Ordered by food: deterministic takes.
  for (int s = 0; s < in.num_slots(); ++s) {
    if (only_slot >= 0 && s != only_slot) continue;
    const planner::PlanCell& cell = plan.cells[static_cast<size_t>(day * in.num_slots() + s)];
    if (cell.recipe < 0 || cell.servings <= 0) continue;
    const planner::RecipeDef& def = in.recipes[static_cast<size_t>(cell.recipe)];
    if (def.skip) continue;
    const int r = catalog.FindRecipe(def.id);
    if (r < 0) return Status::NotFound("recipe " + Quote(def.id) + " of the plan is not in the catalogue");
    const Recipe& recipe = catalog.recipes()[static_cast<size_t>(r)];
    CookedMeal m;
    m.day = day;
    m.slot = in.plan.slots[static_cast<size_t>(s)];
    m.recipe_id = recipe.id;
    m.recipe_name = recipe.name;
    m.servings = cell.servings * in.total_share();
    m.recipe_servings = recipe.servings > 0 ? recipe.servings : 1;
    const double factor = m.servings / m.recipe_servings;
    for (const Ingredient& ing : recipe.ingredients) need[ing.food] += ing.grams * factor;
    report.meals.push_back(std::move(m));
  }

  HEARTH_ASSIGN_OR_RETURN(std::vector<PantryItem> items, store.ListPantry(pantry));
  std::vector<storage::PantryChange> changes;
  for (const auto& [food, grams] : need) {
    if (grams <= kGramsEpsilon) continue;
    const double missing = TakeFefo(LotsOf(items, food), grams, report.takes, changes);
    if (missing > 0) {
      const Food* f = catalog.foods().Find(food);
      report.shortfalls.push_back({food, f ? f->name : FormatFoodId(food), grams, missing});
    }
  }
  if (!changes.empty()) HEARTH_RETURN_IF_ERROR(store.ApplyPantryChanges(pantry, changes));
  return report;
}

}  // namespace hearth
