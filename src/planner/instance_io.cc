#include "hearth/planner/instance_io.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

namespace hearth::planner {
namespace {

using Json = nlohmann::json;

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

Status Err(const std::string& path, const std::string& what) {
  return Status::InvalidArgument(path + ": " + what);
}

std::string Key(const std::string& path, const char* key) {
  return path.empty() ? std::string(key) : path + "." + key;
}
std::string Index(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// The JSON reader: every getter takes the path of the value it reads.
Result<const Json*> Member(const Json& obj, const std::string& path, const char* key, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) return Err(Key(path, key), "missing key");
    return static_cast<const Json*>(nullptr);
  }
  return &*it;
}

Status ExpectObject(const Json& j, const std::string& path) {
  if (!j.is_object()) return Err(path.empty() ? "$" : path, "must be an object");
  return Status::Ok();
}

Result<double> Number(const Json& j, const std::string& path) {
  if (!j.is_number()) return Err(path, "must be a number");
  const double v = j.get<double>();
  if (!std::isfinite(v)) return Err(path, "must be finite");
  return v;
}

Result<double> NonNegative(const Json& j, const std::string& path) {
  HEARTH_ASSIGN_OR_RETURN(double v, Number(j, path));
  if (v < 0) return Err(path, "must be >= 0");
  return v;
}

Result<std::string> String(const Json& j, const std::string& path) {
  if (!j.is_string()) return Err(path, "must be a string");
  return j.get<std::string>();
}

Result<std::vector<std::string>> StringList(const Json& obj, const std::string& path, const char* key) {
  std::vector<std::string> out;
  HEARTH_ASSIGN_OR_RETURN(const Json* j, Member(obj, path, key, false));
  if (j == nullptr || j->is_null()) return out;
  const std::string p = Key(path, key);
  if (!j->is_array()) return Err(p, "must be an array");
  for (size_t i = 0; i < j->size(); ++i) {
    HEARTH_ASSIGN_OR_RETURN(std::string s, String((*j)[i], Index(p, i)));
    out.push_back(std::move(s));
  }
  return out;
}

// Optional number: absent or null => nullopt.
Result<std::optional<double>> OptionalNumber(const Json& obj, const std::string& path, const char* key,
                                             bool non_negative) {
  HEARTH_ASSIGN_OR_RETURN(const Json* j, Member(obj, path, key, false));
  if (j == nullptr || j->is_null()) return std::optional<double>();
  HEARTH_ASSIGN_OR_RETURN(double v, non_negative ? NonNegative(*j, Key(path, key)) : Number(*j, Key(path, key)));
  return std::optional<double>(v);
}

Result<std::optional<int>> OptionalCount(const Json& obj, const std::string& path, const char* key) {
  HEARTH_ASSIGN_OR_RETURN(const Json* j, Member(obj, path, key, false));
  if (j == nullptr || j->is_null()) return std::optional<int>();
  const std::string p = Key(path, key);
  if (!j->is_number_integer() || j->get<long long>() < 0 || j->get<long long>() > 1000000) {
    return Err(p, "must be an integer >= 0");
  }
  return std::optional<int>(static_cast<int>(j->get<long long>()));
}

Status CheckMinMax(const std::optional<double>& lo, const std::optional<double>& hi, const std::string& path) {
  if (lo && hi && *lo > *hi) return Err(path, "min > max");
  return Status::Ok();
}

Result<int> NutrientRef(const Json& obj, const std::string& path,
                        const std::unordered_map<std::string, int>& nutrient_index) {
  HEARTH_ASSIGN_OR_RETURN(const Json* j, Member(obj, path, "nutrient", true));
  const std::string p = Key(path, "nutrient");
  HEARTH_ASSIGN_OR_RETURN(std::string id, String(*j, p));
  auto it = nutrient_index.find(id);
  if (it == nutrient_index.end()) return Err(p, "unknown nutrient " + Quote(id));
  return it->second;
}

Result<std::vector<NutrientRow>> NutrientRows(const Json& plan, const char* key,
                                              const std::unordered_map<std::string, int>& nutrient_index) {
  std::vector<NutrientRow> rows;
  HEARTH_ASSIGN_OR_RETURN(const Json* j, Member(plan, "plan", key, false));
  if (j == nullptr || j->is_null()) return rows;
  const std::string p = Key("plan", key);
  if (!j->is_array()) return Err(p, "must be an array");
  for (size_t i = 0; i < j->size(); ++i) {
    const std::string rp = Index(p, i);
    const Json& e = (*j)[i];
    HEARTH_RETURN_IF_ERROR(ExpectObject(e, rp));
    NutrientRow row;
    HEARTH_ASSIGN_OR_RETURN(row.nutrient, NutrientRef(e, rp, nutrient_index));
    HEARTH_ASSIGN_OR_RETURN(std::optional<double> lo, OptionalNumber(e, rp, "min", false));
    HEARTH_ASSIGN_OR_RETURN(std::optional<double> hi, OptionalNumber(e, rp, "max", false));
    HEARTH_RETURN_IF_ERROR(CheckMinMax(lo, hi, rp));
    if (lo) row.min = *lo;
    if (hi) row.max = *hi;
    rows.push_back(row);
  }
  return rows;
}

Result<PlanInstance> ParseDocument(const Json& doc) {
  PlanInstance inst;
  HEARTH_RETURN_IF_ERROR(ExpectObject(doc, ""));
  {
    HEARTH_ASSIGN_OR_RETURN(const Json* f, Member(doc, "", "format", true));
    HEARTH_ASSIGN_OR_RETURN(std::string format, String(*f, "format"));
    if (format != "mealplan-instance") return Err("format", "must be \"mealplan-instance\"");
    HEARTH_ASSIGN_OR_RETURN(const Json* v, Member(doc, "", "version", true));
    if (!v->is_number_integer() || v->get<long long>() != 1) return Err("version", "must be 1");
    HEARTH_ASSIGN_OR_RETURN(const Json* n, Member(doc, "", "name", false));
    if (n != nullptr && !n->is_null()) {
      HEARTH_ASSIGN_OR_RETURN(inst.name, String(*n, "name"));
    }
  }

  // nutrients
  std::unordered_map<std::string, int> nutrient_index;
  {
    HEARTH_ASSIGN_OR_RETURN(const Json* list, Member(doc, "", "nutrients", true));
    if (!list->is_array()) return Err("nutrients", "must be an array");
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string p = Index("nutrients", i);
      const Json& e = (*list)[i];
      HEARTH_RETURN_IF_ERROR(ExpectObject(e, p));
      NutrientDef def;
      HEARTH_ASSIGN_OR_RETURN(const Json* id, Member(e, p, "id", true));
      HEARTH_ASSIGN_OR_RETURN(def.id, String(*id, Key(p, "id")));
      HEARTH_ASSIGN_OR_RETURN(const Json* unit, Member(e, p, "unit", false));
      if (unit != nullptr && !unit->is_null()) {
        HEARTH_ASSIGN_OR_RETURN(def.unit, String(*unit, Key(p, "unit")));
      }
      if (!nutrient_index.emplace(def.id, static_cast<int>(i)).second) {
        return Err(Key(p, "id"), "duplicate nutrient id " + Quote(def.id));
      }
      if (def.id == "energy_kcal") inst.energy_nutrient = static_cast<int>(i);
      inst.nutrients.push_back(std::move(def));
    }
  }

  // plan (read before recipes so recipe slots can be resolved)
  HEARTH_ASSIGN_OR_RETURN(const Json* plan_json, Member(doc, "", "plan", true));
  const Json& pj = *plan_json;
  HEARTH_RETURN_IF_ERROR(ExpectObject(pj, "plan"));
  PlanSpec& plan = inst.plan;
  {
    HEARTH_ASSIGN_OR_RETURN(const Json* d, Member(pj, "plan", "days", true));
    if (!d->is_number_integer() || d->get<long long>() < 1 || d->get<long long>() > 28) {
      return Err("plan.days", "must be an integer in 1..28");
    }
    plan.days = static_cast<int>(d->get<long long>());

    HEARTH_ASSIGN_OR_RETURN(const Json* s, Member(pj, "plan", "slots", true));
    if (!s->is_array() || s->empty()) return Err("plan.slots", "must be a non-empty array");
    std::set<std::string> seen;
    for (size_t i = 0; i < s->size(); ++i) {
      HEARTH_ASSIGN_OR_RETURN(std::string name, String((*s)[i], Index("plan.slots", i)));
      if (!seen.insert(name).second) return Err(Index("plan.slots", i), "duplicate slot " + Quote(name));
      plan.slots.push_back(std::move(name));
    }

    HEARTH_ASSIGN_OR_RETURN(const Json* sv, Member(pj, "plan", "servings", true));
    HEARTH_RETURN_IF_ERROR(ExpectObject(*sv, "plan.servings"));
    HEARTH_ASSIGN_OR_RETURN(const Json* smin, Member(*sv, "plan.servings", "min", true));
    HEARTH_ASSIGN_OR_RETURN(plan.servings.min, NonNegative(*smin, "plan.servings.min"));
    HEARTH_ASSIGN_OR_RETURN(const Json* smax, Member(*sv, "plan.servings", "max", true));
    HEARTH_ASSIGN_OR_RETURN(plan.servings.max, NonNegative(*smax, "plan.servings.max"));
    if (plan.servings.min > plan.servings.max) return Err("plan.servings", "min > max");
    HEARTH_ASSIGN_OR_RETURN(std::optional<double> step, OptionalNumber(*sv, "plan.servings", "step", true));
    plan.servings.step = step.value_or(0.0);
    if (plan.servings.step > 0 && ServingLevels(plan.servings).empty()) {
      return Err("plan.servings.step", "no multiple of step lies in [min, max]");
    }

    HEARTH_ASSIGN_OR_RETURN(const Json* var, Member(pj, "plan", "variety", false));
    if (var != nullptr && !var->is_null()) {
      HEARTH_RETURN_IF_ERROR(ExpectObject(*var, "plan.variety"));
      HEARTH_ASSIGN_OR_RETURN(plan.max_uses_per_week, OptionalCount(*var, "plan.variety", "max_uses_per_week"));
      HEARTH_ASSIGN_OR_RETURN(plan.max_uses_per_day, OptionalCount(*var, "plan.variety", "max_uses_per_day"));
    }

    HEARTH_ASSIGN_OR_RETURN(const Json* ex, Member(pj, "plan", "exclude", false));
    if (ex != nullptr && !ex->is_null()) {
      HEARTH_RETURN_IF_ERROR(ExpectObject(*ex, "plan.exclude"));
      HEARTH_ASSIGN_OR_RETURN(plan.exclude_allergens, StringList(*ex, "plan.exclude", "allergens"));
      HEARTH_ASSIGN_OR_RETURN(plan.exclude_tags, StringList(*ex, "plan.exclude", "tags"));
      HEARTH_ASSIGN_OR_RETURN(plan.exclude_recipes, StringList(*ex, "plan.exclude", "recipes"));
    }

    HEARTH_ASSIGN_OR_RETURN(plan.budget_per_week, OptionalNumber(pj, "plan", "budget_per_week", true));

    HEARTH_ASSIGN_OR_RETURN(plan.daily, NutrientRows(pj, "daily", nutrient_index));
    HEARTH_ASSIGN_OR_RETURN(plan.weekly_average, NutrientRows(pj, "weekly_average", nutrient_index));

    HEARTH_ASSIGN_OR_RETURN(const Json* es, Member(pj, "plan", "energy_share", false));
    if (es != nullptr && !es->is_null()) {
      if (!es->is_array()) return Err("plan.energy_share", "must be an array");
      if (!es->empty() && inst.energy_nutrient < 0) {
        return Err("plan.energy_share", "requires nutrient \"energy_kcal\"");
      }
      for (size_t i = 0; i < es->size(); ++i) {
        const std::string rp = Index("plan.energy_share", i);
        const Json& e = (*es)[i];
        HEARTH_RETURN_IF_ERROR(ExpectObject(e, rp));
        EnergyShareRow row;
        HEARTH_ASSIGN_OR_RETURN(row.nutrient, NutrientRef(e, rp, nutrient_index));
        HEARTH_ASSIGN_OR_RETURN(const Json* k, Member(e, rp, "kcal_per_unit", true));
        HEARTH_ASSIGN_OR_RETURN(row.kcal_per_unit, NonNegative(*k, Key(rp, "kcal_per_unit")));
        HEARTH_ASSIGN_OR_RETURN(std::optional<double> lo, OptionalNumber(e, rp, "min", true));
        HEARTH_ASSIGN_OR_RETURN(std::optional<double> hi, OptionalNumber(e, rp, "max", true));
        HEARTH_RETURN_IF_ERROR(CheckMinMax(lo, hi, rp));
        if (lo) row.min = *lo;
        if (hi) row.max = *hi;
        plan.energy_share.push_back(row);
      }
    }

    HEARTH_ASSIGN_OR_RETURN(const Json* obj, Member(pj, "plan", "objective", true));
    HEARTH_RETURN_IF_ERROR(ExpectObject(*obj, "plan.objective"));
    HEARTH_ASSIGN_OR_RETURN(std::optional<double> wc, OptionalNumber(*obj, "plan.objective", "cost", true));
    HEARTH_ASSIGN_OR_RETURN(std::optional<double> we, OptionalNumber(*obj, "plan.objective", "co2e_kg", true));
    HEARTH_ASSIGN_OR_RETURN(std::optional<double> wd, OptionalNumber(*obj, "plan.objective", "dislike", true));
    plan.objective = {wc.value_or(0), we.value_or(0), wd.value_or(0)};
  }

  // recipes
  {
    HEARTH_ASSIGN_OR_RETURN(const Json* list, Member(doc, "", "recipes", true));
    if (!list->is_array()) return Err("recipes", "must be an array");
    std::unordered_set<std::string> ids;
    inst.recipes.reserve(list->size());
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string p = Index("recipes", i);
      const Json& e = (*list)[i];
      HEARTH_RETURN_IF_ERROR(ExpectObject(e, p));
      RecipeDef r;
      HEARTH_ASSIGN_OR_RETURN(const Json* id, Member(e, p, "id", true));
      HEARTH_ASSIGN_OR_RETURN(r.id, String(*id, Key(p, "id")));
      if (!ids.insert(r.id).second) return Err(Key(p, "id"), "duplicate recipe id " + Quote(r.id));
      HEARTH_ASSIGN_OR_RETURN(const Json* name, Member(e, p, "name", false));
      if (name != nullptr && !name->is_null()) {
        HEARTH_ASSIGN_OR_RETURN(r.name, String(*name, Key(p, "name")));
      }
      HEARTH_ASSIGN_OR_RETURN(const Json* slots, Member(e, p, "slots", true));
      const std::string sp = Key(p, "slots");
      if (!slots->is_array()) return Err(sp, "must be an array");
      for (size_t k = 0; k < slots->size(); ++k) {
        HEARTH_ASSIGN_OR_RETURN(std::string s, String((*slots)[k], Index(sp, k)));
        for (size_t q = 0; q < plan.slots.size(); ++q) {
          const int qi = static_cast<int>(q);
          if (plan.slots[q] == s && std::find(r.slots.begin(), r.slots.end(), qi) == r.slots.end()) {
            r.slots.push_back(qi);
          }
        }
      }
      HEARTH_ASSIGN_OR_RETURN(const Json* nut, Member(e, p, "nutrients", true));
      const std::string np = Key(p, "nutrients");
      if (!nut->is_array()) return Err(np, "must be an array");
      if (nut->size() != inst.nutrients.size()) {
        return Err(np, "has " + std::to_string(nut->size()) + " values, expected " +
                           std::to_string(inst.nutrients.size()));
      }
      r.nutrients.resize(nut->size());
      for (size_t k = 0; k < nut->size(); ++k) {
        HEARTH_ASSIGN_OR_RETURN(r.nutrients[k], NonNegative((*nut)[k], Index(np, k)));
      }
      HEARTH_ASSIGN_OR_RETURN(const Json* cost, Member(e, p, "cost", true));
      HEARTH_ASSIGN_OR_RETURN(r.cost, NonNegative(*cost, Key(p, "cost")));
      HEARTH_ASSIGN_OR_RETURN(const Json* co2, Member(e, p, "co2e_kg", true));
      HEARTH_ASSIGN_OR_RETURN(r.co2e_kg, NonNegative(*co2, Key(p, "co2e_kg")));
      HEARTH_ASSIGN_OR_RETURN(r.allergens, StringList(e, p, "allergens"));
      HEARTH_ASSIGN_OR_RETURN(r.tags, StringList(e, p, "tags"));
      inst.recipes.push_back(std::move(r));
    }
  }

  // dislike: one per recipe.
  {
    HEARTH_ASSIGN_OR_RETURN(const Json* dj, Member(pj, "plan", "dislike", false));
    plan.dislike.assign(inst.recipes.size(), 0.0);
    if (dj != nullptr && !dj->is_null()) {
      if (!dj->is_array()) return Err("plan.dislike", "must be an array");
      if (dj->size() != inst.recipes.size()) {
        return Err("plan.dislike", "has " + std::to_string(dj->size()) + " values, expected " +
                                       std::to_string(inst.recipes.size()));
      }
      for (size_t k = 0; k < dj->size(); ++k) {
        HEARTH_ASSIGN_OR_RETURN(plan.dislike[k], NonNegative((*dj)[k], Index("plan.dislike", k)));
      }
    }
  }
  return inst;
}

Json BoundsJson(const char* key_name, const std::string& nutrient, double lo, double hi) {
  Json e;
  e[key_name] = nutrient;
  if (std::isfinite(lo)) e["min"] = lo;
  if (std::isfinite(hi)) e["max"] = hi;
  return e;
}

}  // namespace

Result<PlanInstance> ParseInstanceJson(std::string_view text) {
  Json doc;
  try {
    doc = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    return Status::InvalidArgument(std::string("$: invalid JSON: ") + e.what());
  }
  return ParseDocument(doc);
}

Result<PlanInstance> ReadInstanceFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read instance file", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  Result<PlanInstance> r = ParseInstanceJson(ss.str());
  if (!r.ok()) return r.status().WithContext(path);
  return r;
}

std::string InstanceToJson(const PlanInstance& inst) {
  Json doc;
  doc["format"] = "mealplan-instance";
  doc["version"] = 1;
  doc["name"] = inst.name;
  Json nutrients = Json::array();
  for (const NutrientDef& n : inst.nutrients) nutrients.push_back({{"id", n.id}, {"unit", n.unit}});
  doc["nutrients"] = std::move(nutrients);
  const PlanSpec& p = inst.plan;
  Json recipes = Json::array();
  for (const RecipeDef& r : inst.recipes) {
    Json slots = Json::array();
    for (int s : r.slots) slots.push_back(p.slots[static_cast<size_t>(s)]);
    recipes.push_back({{"id", r.id},
                       {"name", r.name},
                       {"slots", std::move(slots)},
                       {"nutrients", r.nutrients},
                       {"cost", r.cost},
                       {"co2e_kg", r.co2e_kg},
                       {"allergens", r.allergens},
                       {"tags", r.tags}});
  }
  doc["recipes"] = std::move(recipes);
  Json plan;
  plan["days"] = p.days;
  plan["slots"] = p.slots;
  plan["servings"] = {{"min", p.servings.min}, {"max", p.servings.max}, {"step", p.servings.step}};
  Json variety = Json::object();
  if (p.max_uses_per_week) variety["max_uses_per_week"] = *p.max_uses_per_week;
  if (p.max_uses_per_day) variety["max_uses_per_day"] = *p.max_uses_per_day;
  plan["variety"] = std::move(variety);
  plan["exclude"] = {{"allergens", p.exclude_allergens}, {"tags", p.exclude_tags}, {"recipes", p.exclude_recipes}};
  plan["budget_per_week"] = p.budget_per_week ? Json(*p.budget_per_week) : Json(nullptr);
  auto rows = [&](const std::vector<NutrientRow>& list) {
    Json a = Json::array();
    for (const NutrientRow& r : list) {
      a.push_back(BoundsJson("nutrient", inst.nutrients[static_cast<size_t>(r.nutrient)].id, r.min, r.max));
    }
    return a;
  };
  plan["daily"] = rows(p.daily);
  plan["weekly_average"] = rows(p.weekly_average);
  Json shares = Json::array();
  for (const EnergyShareRow& r : p.energy_share) {
    Json e = BoundsJson("nutrient", inst.nutrients[static_cast<size_t>(r.nutrient)].id, r.min, r.max);
    e["kcal_per_unit"] = r.kcal_per_unit;
    shares.push_back(std::move(e));
  }
  plan["energy_share"] = std::move(shares);
  plan["objective"] = {{"cost", p.objective.cost}, {"co2e_kg", p.objective.co2e_kg}, {"dislike", p.objective.dislike}};
  plan["dislike"] = p.dislike;
  doc["plan"] = std::move(plan);
  return doc.dump();
}

std::string SolutionToJson(const PlanInstance& instance, const SolveOutcome& outcome) {
  Json doc;
  doc["status"] = std::string(SolveStatusName(outcome.status));
  Json cells = Json::array();
  std::optional<double> gap;
  if (outcome.plan) {
    const double objective = PlanObjective(instance, *outcome.plan);
    doc["objective"] = objective;
    if (outcome.bound) {
      gap = objective != 0 ? (objective - *outcome.bound) / objective : (*outcome.bound >= 0 ? 0.0 : 1.0);
    }
    const int slots = instance.num_slots();
    for (size_t c = 0; c < outcome.plan->cells.size(); ++c) {
      const PlanCell& cell = outcome.plan->cells[c];
      const int ci = static_cast<int>(c);
      cells.push_back({{"day", ci / slots},
                       {"slot", instance.plan.slots[static_cast<size_t>(ci % slots)]},
                       {"recipe", instance.recipes[static_cast<size_t>(cell.recipe)].id},
                       {"servings", cell.servings}});
    }
  } else {
    doc["objective"] = nullptr;
  }
  doc["bound"] = outcome.bound ? Json(*outcome.bound) : Json(nullptr);
  doc["gap"] = gap ? Json(*gap) : Json(nullptr);
  doc["seconds"] = outcome.seconds;
  doc["plan"] = std::move(cells);
  doc["solver"] = outcome.solver;
  return doc.dump(1);
}

Status WriteTextFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::NotFound("cannot write file", path);
  out << text;
  out.close();
  if (!out) return Status::Internal("write failed", path);
  return Status::Ok();
}

}  // namespace hearth::planner
