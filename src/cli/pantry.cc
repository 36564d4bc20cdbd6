// hearth pantry add|use|adjust|list|cook: lots of food kept in a named pantry
// (default "home") in the database (--db), used first-expiry-first.
#include <charconv>
#include <cmath>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/cli.h"
#include "cli/stored.h"
#include "hearth/core/units.h"
#include "hearth/importer/pantry_io.h"
#include "hearth/service/plan_report.h"
#include "hearth/importer/sr28.h"
#include "hearth/json/plan_json.h"
#include "hearth/service/pantry.h"

namespace hearth::cli {
namespace {

struct PantryOptions {
  std::string pantry = std::string(kDefaultPantry);
  std::string food;
  std::string item;
  std::string amount;
  std::string unit = "g";
  std::string expires;
  std::string location;
  std::string note;
  bool json = false;
  std::optional<int> expiring_within;
  std::string plan;
  int day = 0;
  std::string slot;
  std::string file;
};

std::string Usage(const std::string& sub) {
  if (sub == "add") return "FOOD AMOUNT [UNIT] [--expires YYYY-MM-DD] [--location L] [--note N] [--pantry NAME]";
  if (sub == "use") return "FOOD AMOUNT [UNIT] [--pantry NAME]";
  if (sub == "adjust") return "ITEM_ID AMOUNT [UNIT] [--pantry NAME]";
  if (sub == "import") return "FILE [--pantry NAME]";
  if (sub == "export") return "FILE [--pantry NAME]";
  if (sub == "list") return "[--json] [--expiring-within DAYS] [--pantry NAME]";
  return "--plan FILE --day N [--slot S] [--json] [--pantry NAME]";
}

[[noreturn]] void PantryFail(const std::string& sub, const Status& status) {
  throw CommandError{kExitFailure, "hearth pantry " + sub + ": " + status.message()};
}
[[noreturn]] void PantryUsage(const std::string& sub, const std::string& message) {
  throw CommandError{kExitUsage, "hearth pantry " + sub + ": " + message + "\nUsage: hearth pantry " + sub + " " +
                                     Usage(sub) + " (see --help)"};
}

// Shared plumbing failures ("hearth: ...") renamed after the subcommand.
template <typename F>
auto Prefixed(const std::string& sub, F f) -> decltype(f()) {
  try {
    return f();
  } catch (CommandError& e) {
    const std::string plain = "hearth: ";
    if (e.message.rfind(plain, 0) == 0) e.message = "hearth pantry " + sub + ": " + e.message.substr(plain.size());
    throw;
  }
}
storage::Store& Store(const std::string& sub) { return *Prefixed(sub, [] { return &GetStore(); }); }
const Catalog& Cat(const std::string& sub) {
  return *Prefixed(sub, [] {
    const Catalog* c = GetCatalog();
    if (!c) throw CommandError{kExitFailure, "hearth: the reference data could not be loaded"};
    return c;
  });
}

// The food table alone (add, use, adjust and list need no recipes): a third
// of the catalogue's load time.
const FoodDb& Foods(const std::string& sub) {
  static std::unique_ptr<FoodDb> foods;
  if (!foods) {
    const std::string dir = ResolveDataDir();
    Result<std::vector<Food>> f = LoadSr28(dir + "/sr28");
    if (!f.ok()) PantryFail(sub, f.status().WithContext("loading reference data from " + dir));
    foods = std::make_unique<FoodDb>(std::move(f).value());
  }
  return *foods;
}

double ParseAmount(const std::string& sub, const std::string& text) {
  double v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) PantryUsage(sub, "AMOUNT \"" + text + "\" is not a number");
  return v;
}

const Food& ResolveFood(const std::string& sub, const FoodDb& foods, const std::string& query) {
  Result<const Food*> f = FindFood(foods, query);
  if (!f.ok()) PantryFail(sub, f.status());
  return **f;
}

std::string GramsText(double g) { return FormatNumber(g, g >= 100 ? 0 : 1) + " g"; }

std::string LotText(const PantryTake& t) {
  std::string s = GramsText(t.grams_taken) + " from item " + std::to_string(t.item_id);
  s += t.expiry ? " (expires " + FormatDate(*t.expiry) : " (keeps";
  s += t.grams_left > 0 ? ", " + GramsText(t.grams_left) + " left)" : ", used up)";
  return s;
}

void RunPantryAdd(const PantryOptions& o) {
  const std::string sub = "add";
  std::optional<Date> expiry;
  if (!o.expires.empty()) {
    expiry = ParseDate(o.expires);
    if (!expiry) PantryUsage(sub, "--expires \"" + o.expires + "\" is not a date; use YYYY-MM-DD");
  }
  const double amount = ParseAmount(sub, o.amount);
  const FoodDb& foods = Foods(sub);
  const Food& food = ResolveFood(sub, foods, o.food);
  storage::Store& store = Store(sub);
  Result<PantryItem> item = AddToPantry(store, foods, o.pantry, {food.id, amount, o.unit, expiry, o.location, o.note});
  if (!item.ok()) PantryFail(sub, item.status());
  std::string measure = HouseholdAmount(food, item->grams).value_or("");
  std::cout << "Added item " << item->id << " to pantry \"" << o.pantry << "\": " << GramsText(item->grams)
            << (measure.empty() ? "" : " (" + measure + ")") << " of " << FoodLabel(food)
            << (expiry ? ", expires " + FormatDate(*expiry) : "")
            << (o.location.empty() ? "" : ", in " + o.location) << ".\n";
}

// A pantry file (docs/pantry-format.md): every item or none.
void RunPantryImport(const PantryOptions& o) {
  const std::string sub = "import";
  const FoodDb& foods = Foods(sub);
  Result<std::vector<PantryItem>> items = ReadPantryFile(o.file, foods);
  if (!items.ok()) PantryFail(sub, items.status());
  storage::Store& store = Store(sub);
  double grams = 0;
  for (const PantryItem& item : *items) {
    Result<int64_t> id = store.AddPantryItem(o.pantry, item);
    if (!id.ok()) PantryFail(sub, id.status());
    grams += item.grams;
  }
  std::cout << "Imported " << items->size() << " items (" << GramsText(grams) << ") into pantry \"" << o.pantry
            << "\" from " << o.file << ".\n";
}

void RunPantryExport(const PantryOptions& o) {
  const std::string sub = "export";
  const FoodDb& foods = Foods(sub);
  Result<std::vector<PantryItem>> items = Store(sub).ListPantry(o.pantry);
  if (!items.ok()) PantryFail(sub, items.status());
  Status st = WritePantryFile(o.file, *items, foods);
  if (!st.ok()) PantryFail(sub, st);
  std::cout << "Wrote " << items->size() << " items of pantry \"" << o.pantry << "\" to " << o.file << ".\n";
}

void RunUse(const PantryOptions& o) {
  const std::string sub = "use";
  const double amount = ParseAmount(sub, o.amount);
  const FoodDb& foods = Foods(sub);
  const Food& food = ResolveFood(sub, foods, o.food);
  Result<PantryUse> use = UseFromPantry(Store(sub), foods, o.pantry, food.id, amount, o.unit);
  if (!use.ok()) PantryFail(sub, use.status());
  if (use->shortage) {
    PantryFail(sub, Status::FailedPrecondition("not enough " + FoodLabel(food) + " in pantry \"" + o.pantry +
                                               "\": " + use->shortage->Text()));
  }
  double total = 0;
  for (const PantryTake& t : use->takes) total += t.grams_taken;
  std::cout << "Used " << GramsText(total) << " of " << FoodLabel(food) << " from pantry \"" << o.pantry << "\":\n";
  for (const PantryTake& t : use->takes) std::cout << "  " << LotText(t) << "\n";
}

void RunAdjust(const PantryOptions& o) {
  const std::string sub = "adjust";
  int64_t id = 0;
  {
    const char* end = o.item.data() + o.item.size();
    auto [ptr, ec] = std::from_chars(o.item.data(), end, id);
    if (ec != std::errc() || ptr != end || id <= 0) PantryUsage(sub, "ITEM_ID \"" + o.item + "\" is not an item id");
  }
  const double amount = ParseAmount(sub, o.amount);
  const FoodDb& foods = Foods(sub);
  Result<PantryTake> t = AdjustPantryItem(Store(sub), foods, o.pantry, id, amount, o.unit);
  if (!t.ok()) PantryFail(sub, t.status());
  const Food* food = foods.Find(t->food);
  const std::string name = food ? FoodLabel(*food) : FormatFoodId(t->food);
  if (t->grams_left == 0) {
    std::cout << "Removed item " << id << " (" << name << ", was " << GramsText(t->grams_before) << ").\n";
  } else {
    std::cout << "Item " << id << " (" << name << "): " << GramsText(t->grams_before) << " → "
              << GramsText(t->grams_left) << ".\n";
  }
}

std::string DaysText(const PantryEntry& e) {
  if (!e.days_left) return "";
  std::string s = std::to_string(*e.days_left);
  if (e.state == ExpiryState::kExpired) s += " (expired)";
  if (e.state == ExpiryState::kExpiresSoon) s += " (expires soon)";
  return s;
}

void RunPantryList(const PantryOptions& o) {
  const std::string sub = "list";
  if (o.expiring_within && *o.expiring_within < 0) {
    PantryUsage(sub, "--expiring-within must be 0 or more days, got " + std::to_string(*o.expiring_within));
  }
  const FoodDb& foods = Foods(sub);
  const Date today = Today();
  Result<std::vector<PantryEntry>> entries =
      ListPantryEntries(Store(sub), foods, o.pantry, today, o.expiring_within);
  if (!entries.ok()) PantryFail(sub, entries.status());
  if (o.json) {
    nlohmann::json items = nlohmann::json::array();
    for (const PantryEntry& e : *entries) {
      std::string measure = e.food ? HouseholdAmount(*e.food, e.item.grams).value_or("") : "";
      items.push_back({{"id", e.item.id},
                       {"food", FormatFoodId(e.item.food)},
                       {"food_name", e.food ? e.food->name : ""},
                       {"grams", e.item.grams},
                       {"household", measure.empty() ? nlohmann::json() : nlohmann::json(measure)},
                       {"expiry", e.item.expiry ? nlohmann::json(FormatDate(*e.item.expiry)) : nlohmann::json()},
                       {"days_left", e.days_left ? nlohmann::json(*e.days_left) : nlohmann::json()},
                       {"state", ExpiryStateName(e.state)},
                       {"location", e.item.location},
                       {"note", e.item.note}});
    }
    nlohmann::json out = {{"pantry", o.pantry}, {"today", FormatDate(today)}, {"items", items}};
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (entries->empty()) {
    std::cout << "Pantry \"" << o.pantry << "\" has "
              << (o.expiring_within ? "nothing expiring within " + std::to_string(*o.expiring_within) + " days"
                                    : std::string("no items"))
              << ".\n";
    return;
  }
  Table t({"id", "food", "grams", "household", "expiry", "days left", "location"});
  t.RightAlign({0, 2, 5});
  for (const PantryEntry& e : *entries) {
    t.AddRow({std::to_string(e.item.id),
              e.food ? FoodLabel(*e.food) : FormatFoodId(e.item.food),
              FormatNumber(e.item.grams, e.item.grams >= 100 ? 0 : 1),
              e.food ? HouseholdAmount(*e.food, e.item.grams).value_or("") : "",
              e.item.expiry ? FormatDate(*e.item.expiry) : "keeps",
              DaysText(e),
              e.item.location});
  }
  std::cout << t.Render();
}

void RunCook(const PantryOptions& o) {
  const std::string sub = "cook";
  const Catalog& c = Cat(sub);
  Result<PlanDocument> doc = ReadPlanArg(o.plan);
  if (!doc.ok()) PantryFail(sub, doc.status());
  if (o.day < 1 || o.day > doc->request.days) {
    PantryUsage(sub, "--day " + std::to_string(o.day) + " is outside 1-" + std::to_string(doc->request.days) +
                         " (the plan has " + std::to_string(doc->request.days) + " days)");
  }
  Result<SavedPlan> saved = RebuildSavedPlan(c, *doc);
  if (!saved.ok()) PantryFail(sub, saved.status().WithContext(o.plan));
  std::optional<std::string> slot;
  if (!o.slot.empty()) slot = o.slot;
  Result<CookReport> r =
      CookPlannedMeals(Store(sub), c, o.pantry, saved->built, saved->plan, o.day - 1, slot);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kInvalidArgument) PantryUsage(sub, r.status().message());
    PantryFail(sub, r.status());
  }
  auto name = [&](FoodId id) {
    const Food* f = c.foods().Find(id);
    return f ? FoodLabel(*f) : FormatFoodId(id);
  };
  if (o.json) {
    nlohmann::json meals = nlohmann::json::array(), takes = nlohmann::json::array(),
                   shortfalls = nlohmann::json::array();
    for (const CookedMeal& m : r->meals) {
      meals.push_back({{"day", m.day + 1},
                       {"slot", m.slot},
                       {"recipe", m.recipe_id},
                       {"recipe_name", m.recipe_name},
                       {"servings", m.servings},
                       {"recipe_servings", m.recipe_servings}});
    }
    for (const PantryTake& t : r->takes) {
      takes.push_back({{"item", t.item_id},
                       {"food", FormatFoodId(t.food)},
                       {"grams_taken", t.grams_taken},
                       {"grams_left", t.grams_left}});
    }
    for (const CookShortfall& s : r->shortfalls) {
      shortfalls.push_back({{"food", FormatFoodId(s.food)},
                            {"food_name", s.food_name},
                            {"grams_needed", s.grams_needed},
                            {"grams_missing", s.grams_missing}});
    }
    nlohmann::json out = {{"pantry", o.pantry}, {"meals", meals}, {"takes", takes}, {"shortfalls", shortfalls}};
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (r->meals.empty()) {
    std::cout << "Nothing to cook on day " << o.day << (slot ? " at " + *slot : "") << ".\n";
    return;
  }
  std::cout << "Cooked on day " << o.day << " from pantry \"" << o.pantry << "\":\n";
  for (const CookedMeal& m : r->meals) {
    std::cout << "  " << m.slot << ": " << m.recipe_name << ", " << FormatServings(m.servings)
              << " servings (the recipe makes " << FormatServings(m.recipe_servings) << ")\n";
  }
  if (!r->takes.empty()) {
    std::cout << "\nTaken from the pantry:\n";
    Table t({"item", "food", "taken g", "left g"});
    t.RightAlign({0, 2, 3});
    for (const PantryTake& take : r->takes) {
      t.AddRow({std::to_string(take.item_id), name(take.food), FormatNumber(take.grams_taken, 1),
                take.grams_left > 0 ? FormatNumber(take.grams_left, 1) : "used up"});
    }
    std::cout << t.Render();
  }
  if (!r->shortfalls.empty()) {
    std::cout << "\nThe pantry lacked (cooked with what there was):\n";
    Table t({"food", "needed g", "missing g"});
    t.RightAlign({1, 2});
    for (const CookShortfall& s : r->shortfalls) {
      t.AddRow({name(s.food), FormatNumber(s.grams_needed, 1), FormatNumber(s.grams_missing, 1)});
    }
    std::cout << t.Render();
  }
}

}  // namespace

void RegisterPantryCommands(CLI::App& app) {
  auto o = std::make_shared<PantryOptions>();
  CLI::App* pantry = app.add_subcommand("pantry", "Food kept at home: add, use (first expiry first), cook a plan");
  pantry->require_subcommand(1);
  auto with_pantry = [o](CLI::App* sub) {
    sub->add_option("--pantry", o->pantry, "Which pantry (default: home)");
  };

  CLI::App* add = pantry->add_subcommand("add", "Add a lot of a food (an amount in grams or a household unit)");
  add->add_option("FOOD", o->food, "NDB number (20044) or an unambiguous food name")->required();
  add->add_option("AMOUNT", o->amount, "How much, in UNIT")->required();
  add->add_option("UNIT", o->unit, "g (default), kg, oz, lb, or a household measure of the food (cup, large, ...)");
  add->add_option("--expires", o->expires, "Best-before / use-by date, YYYY-MM-DD (default: keeps)");
  add->add_option("--location", o->location, "Where it is kept (fridge, cupboard, ...)");
  add->add_option("--note", o->note, "A free note");
  with_pantry(add);
  add->callback([o] { RunPantryAdd(*o); });

  CLI::App* use = pantry->add_subcommand("use", "Use an amount of a food, earliest expiry first");
  use->add_option("FOOD", o->food, "NDB number or an unambiguous food name")->required();
  use->add_option("AMOUNT", o->amount, "How much, in UNIT")->required();
  use->add_option("UNIT", o->unit, "g (default), kg, oz, lb or a household measure");
  with_pantry(use);
  use->callback([o] { RunUse(*o); });

  CLI::App* adjust = pantry->add_subcommand("adjust", "Set an item to a new amount (0 removes it)");
  adjust->add_option("ITEM_ID", o->item, "The item's id (see pantry list)")->required();
  adjust->add_option("AMOUNT", o->amount, "The new amount, in UNIT")->required();
  adjust->add_option("UNIT", o->unit, "g (default), kg, oz, lb or a household measure");
  with_pantry(adjust);
  adjust->callback([o] { RunAdjust(*o); });

  CLI::App* import = pantry->add_subcommand("import", "Add every item of a pantry file (CSV or JSON; all or nothing)");
  import->add_option("FILE", o->file, "A pantry file (docs/pantry-format.md)")->required();
  with_pantry(import);
  import->callback([o] { RunPantryImport(*o); });

  CLI::App* exp = pantry->add_subcommand("export", "Write the pantry to a file (.json for JSON, else CSV)");
  exp->add_option("FILE", o->file, "The file to write")->required();
  with_pantry(exp);
  exp->callback([o] { RunPantryExport(*o); });

  CLI::App* list = pantry->add_subcommand("list", "The pantry's items, earliest expiry first");
  list->add_flag("--json", o->json, "Print JSON");
  list->add_option("--expiring-within", o->expiring_within, "Only items expiring within DAYS (expired included)");
  with_pantry(list);
  list->callback([o] { RunPantryList(*o); });

  CLI::App* cook = pantry->add_subcommand("cook", "Cook a day's meals of a saved plan from the pantry");
  cook->add_option("--plan", o->plan, "Plan: a file (hearth plan --out) or a stored plan's id (hearth plans list)")->required();
  cook->add_option("--day", o->day, "The day to cook (1-based)")->required();
  cook->add_option("--slot", o->slot, "Only this meal (breakfast, lunch, ...)");
  cook->add_flag("--json", o->json, "Print JSON");
  with_pantry(cook);
  cook->callback([o] { RunCook(*o); });
}

}  // namespace hearth::cli
