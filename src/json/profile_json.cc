#include "hearth/json/profile_json.h"

#include <nlohmann/json.hpp>
#include <set>

#include "hearth/core/targets.h"
#include "hearth/importer/csv.h"

namespace hearth {

using json = nlohmann::json;

namespace {

struct FieldError {
  std::string field;
  std::string problem;
};

double Number(const json& v, const std::string& field) {
  if (!v.is_number()) throw FieldError{field, "must be a number, got " + v.dump()};
  return v.get<double>();
}

std::string String(const json& v, const std::string& field) {
  if (!v.is_string()) throw FieldError{field, "must be a string, got " + v.dump()};
  return v.get<std::string>();
}

std::vector<std::string> Strings(const json& v, const std::string& field) {
  if (!v.is_array()) throw FieldError{field, "must be an array of strings"};
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size(); ++i) out.push_back(String(v[i], field + "[" + std::to_string(i) + "]"));
  return out;
}

void CheckKeys(const json& o, const std::string& where, const std::set<std::string>& allowed) {
  for (auto it = o.begin(); it != o.end(); ++it) {
    if (!allowed.count(it.key())) {
      throw FieldError{where.empty() ? it.key() : where + "." + it.key(), "unknown field"};
    }
  }
}

NutrientId NutrientKey(const json& v, const std::string& field) {
  std::string k = String(v, field);
  auto n = NutrientFromKey(k);
  if (!n) throw FieldError{field, "unknown nutrient \"" + k + "\""};
  return *n;
}

Profile Parse(const json& j) {
  if (!j.is_object()) throw FieldError{"", "a profile must be a JSON object"};
  CheckKeys(j, "", {"name", "age_years", "sex", "height_cm", "weight_kg", "activity", "pregnancy",
                    "lactation", "conditions", "allergies", "diet", "dislikes", "dislikes_hard",
                    "budget_per_week", "currency", "objective_weights", "energy_equation",
                    "energy_tolerance_pct", "weekly_nutrients", "daily_nutrients", "overrides"});
  Profile p;
  for (const char* k : {"age_years", "sex", "height_cm", "weight_kg", "activity"}) {
    if (!j.contains(k)) throw FieldError{k, "is required"};
  }
  if (j.contains("name")) p.name = String(j["name"], "name");
  p.age_years = Number(j["age_years"], "age_years");
  std::string sex = String(j["sex"], "sex");
  if (sex == "female") {
    p.sex = Sex::kFemale;
  } else if (sex == "male") {
    p.sex = Sex::kMale;
  } else {
    throw FieldError{"sex", "must be \"female\" or \"male\", got \"" + sex + "\""};
  }
  p.height_cm = Number(j["height_cm"], "height_cm");
  p.weight_kg = Number(j["weight_kg"], "weight_kg");
  std::string act = String(j["activity"], "activity");
  auto a = ActivityFromName(act);
  if (!a) {
    throw FieldError{"activity", "must be one of inactive, low_active, active, very_active; got \"" +
                                     act + "\""};
  }
  p.activity = *a;
  if (j.contains("pregnancy") && !j["pregnancy"].is_null()) {
    const json& pr = j["pregnancy"];
    if (!pr.is_object()) throw FieldError{"pregnancy", "must be an object like {\"trimester\": 2} or null"};
    CheckKeys(pr, "pregnancy", {"trimester"});
    if (!pr.contains("trimester")) throw FieldError{"pregnancy.trimester", "is required"};
    double t = Number(pr["trimester"], "pregnancy.trimester");
    if (t != 1 && t != 2 && t != 3) throw FieldError{"pregnancy.trimester", "must be 1, 2 or 3"};
    p.pregnancy_trimester = static_cast<int>(t);
  }
  if (j.contains("lactation") && !j["lactation"].is_null()) {
    const json& la = j["lactation"];
    if (!la.is_object()) {
      throw FieldError{"lactation", "must be an object like {\"months_postpartum\": 3} or null"};
    }
    CheckKeys(la, "lactation", {"months_postpartum"});
    if (!la.contains("months_postpartum")) throw FieldError{"lactation.months_postpartum", "is required"};
    double m = Number(la["months_postpartum"], "lactation.months_postpartum");
    if (m < 1 || m > 24 || m != static_cast<int>(m)) {
      throw FieldError{"lactation.months_postpartum", "must be a whole number of months in 1-24"};
    }
    p.lactation_months = static_cast<int>(m);
  }
  if (j.contains("conditions")) p.conditions = Strings(j["conditions"], "conditions");
  if (j.contains("allergies")) {
    auto list = Strings(j["allergies"], "allergies");
    for (size_t i = 0; i < list.size(); ++i) {
      auto al = AllergenFromKey(list[i]);
      if (!al) {
        throw FieldError{"allergies[" + std::to_string(i) + "]",
                         "unknown allergen \"" + list[i] +
                             "\" (milk, egg, fish, shellfish, tree_nut, peanut, wheat, soy, sesame, "
                             "gluten, celery, mustard, sulphites, lupin, molluscs)"};
      }
      p.allergies.push_back(*al);
    }
  }
  if (j.contains("diet")) {
    const json& d = j["diet"];
    auto list = d.is_string() ? std::vector<std::string>{d.get<std::string>()} : Strings(d, "diet");
    for (size_t i = 0; i < list.size(); ++i) {
      if (list[i] == "omnivore" || list[i] == "none") continue;
      auto di = DietFromKey(list[i]);
      if (!di) {
        throw FieldError{"diet[" + std::to_string(i) + "]",
                         "unknown diet \"" + list[i] +
                             "\" (omnivore, vegan, vegetarian, pescatarian, halal, kosher, "
                             "gluten_free, dairy_free)"};
      }
      p.diets.push_back(*di);
    }
  }
  if (j.contains("dislikes")) p.dislikes = Strings(j["dislikes"], "dislikes");
  if (j.contains("dislikes_hard")) {
    if (!j["dislikes_hard"].is_boolean()) throw FieldError{"dislikes_hard", "must be true or false"};
    p.dislikes_hard = j["dislikes_hard"].get<bool>();
  }
  if (j.contains("budget_per_week") && !j["budget_per_week"].is_null()) {
    p.budget_per_week = Number(j["budget_per_week"], "budget_per_week");
  }
  if (j.contains("currency")) {
    p.currency = String(j["currency"], "currency");
    if (p.currency.size() != 3) throw FieldError{"currency", "must be an ISO 4217 code like \"USD\""};
  }
  if (j.contains("objective_weights")) {
    const json& w = j["objective_weights"];
    if (!w.is_object()) throw FieldError{"objective_weights", "must be an object"};
    CheckKeys(w, "objective_weights", {"cost", "co2e_kg", "dislike", "time_min", "deviation"});
    auto get = [&](const char* k, double& dst) {
      if (w.contains(k)) dst = Number(w[k], std::string("objective_weights.") + k);
    };
    get("cost", p.weights.cost);
    get("co2e_kg", p.weights.co2e_kg);
    get("dislike", p.weights.dislike);
    get("time_min", p.weights.time_min);
    get("deviation", p.weights.deviation);
  }
  if (j.contains("energy_equation")) {
    std::string e = String(j["energy_equation"], "energy_equation");
    if (e == "eer_2023") {
      p.energy_equation = EnergyEquationChoice::kEer2023;
    } else if (e == "mifflin_st_jeor") {
      p.energy_equation = EnergyEquationChoice::kMifflinStJeor;
    } else {
      throw FieldError{"energy_equation", "must be \"eer_2023\" or \"mifflin_st_jeor\""};
    }
  }
  if (j.contains("energy_tolerance_pct")) {
    p.energy_tolerance_pct = Number(j["energy_tolerance_pct"], "energy_tolerance_pct");
  }
  for (const char* k : {"weekly_nutrients", "daily_nutrients"}) {
    if (!j.contains(k)) continue;
    if (!j[k].is_array()) throw FieldError{k, "must be an array of nutrient ids"};
    auto& dst = std::string(k) == "weekly_nutrients" ? p.weekly_nutrients : p.daily_nutrients;
    for (size_t i = 0; i < j[k].size(); ++i) {
      dst.push_back(NutrientKey(j[k][i], std::string(k) + "[" + std::to_string(i) + "]"));
    }
  }
  if (j.contains("overrides")) {
    const json& ov = j["overrides"];
    if (!ov.is_array()) throw FieldError{"overrides", "must be an array"};
    for (size_t i = 0; i < ov.size(); ++i) {
      std::string f = "overrides[" + std::to_string(i) + "]";
      if (!ov[i].is_object()) throw FieldError{f, "must be an object"};
      CheckKeys(ov[i], f, {"nutrient", "min", "max", "author", "reason"});
      TargetOverride o;
      if (!ov[i].contains("nutrient")) throw FieldError{f + ".nutrient", "is required"};
      o.nutrient = NutrientKey(ov[i]["nutrient"], f + ".nutrient");
      if (ov[i].contains("min") && !ov[i]["min"].is_null()) o.min = Number(ov[i]["min"], f + ".min");
      if (ov[i].contains("max") && !ov[i]["max"].is_null()) o.max = Number(ov[i]["max"], f + ".max");
      if (!ov[i].contains("author")) throw FieldError{f + ".author", "is required"};
      o.author = String(ov[i]["author"], f + ".author");
      if (ov[i].contains("reason")) o.reason = String(ov[i]["reason"], f + ".reason");
      p.overrides.push_back(std::move(o));
    }
  }
  return p;
}

}  // namespace

Result<Profile> ParseProfileJson(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("profile", "not valid JSON");
  Profile p;
  try {
    p = Parse(j);
  } catch (const FieldError& e) {
    return Status::InvalidArgument(e.field.empty() ? "profile" : e.field, e.problem);
  } catch (const json::exception& e) {
    return Status::InvalidArgument("profile", e.what());
  }
  HEARTH_RETURN_IF_ERROR(ValidateProfile(p));
  return p;
}

Result<Profile> ReadProfileFile(const std::string& path) {
  HEARTH_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  Result<Profile> p = ParseProfileJson(text);
  if (!p.ok()) return p.status().WithContext(path);
  return p;
}

std::string ProfileToJson(const Profile& p) {
  json j;
  j["name"] = p.name;
  j["age_years"] = p.age_years;
  j["sex"] = p.sex == Sex::kMale ? "male" : "female";
  j["height_cm"] = p.height_cm;
  j["weight_kg"] = p.weight_kg;
  std::string act(ActivityName(p.activity));
  for (char& c : act) {
    if (c == ' ') c = '_';
  }
  j["activity"] = act;
  j["pregnancy"] = p.pregnant() ? json{{"trimester", p.pregnancy_trimester}} : json(nullptr);
  j["lactation"] = p.lactating() ? json{{"months_postpartum", p.lactation_months}} : json(nullptr);
  j["conditions"] = p.conditions;
  j["allergies"] = AllergenKeys(p.allergies);
  j["diet"] = DietKeys(p.diets);
  j["dislikes"] = p.dislikes;
  j["dislikes_hard"] = p.dislikes_hard;
  j["budget_per_week"] = p.budget_per_week ? json(*p.budget_per_week) : json(nullptr);
  j["currency"] = p.currency;
  j["objective_weights"] = {{"cost", p.weights.cost},       {"co2e_kg", p.weights.co2e_kg},
                            {"dislike", p.weights.dislike}, {"time_min", p.weights.time_min},
                            {"deviation", p.weights.deviation}};
  j["energy_equation"] =
      p.energy_equation == EnergyEquationChoice::kEer2023 ? "eer_2023" : "mifflin_st_jeor";
  j["energy_tolerance_pct"] = p.energy_tolerance_pct;
  json wk = json::array(), dy = json::array();
  for (NutrientId n : p.weekly_nutrients) wk.push_back(Info(n).key);
  for (NutrientId n : p.daily_nutrients) dy.push_back(Info(n).key);
  j["weekly_nutrients"] = wk;
  j["daily_nutrients"] = dy;
  json ov = json::array();
  for (const TargetOverride& o : p.overrides) {
    json x{{"nutrient", Info(o.nutrient).key}, {"author", o.author}, {"reason", o.reason}};
    x["min"] = o.min ? json(*o.min) : json(nullptr);
    x["max"] = o.max ? json(*o.max) : json(nullptr);
    ov.push_back(x);
  }
  j["overrides"] = ov;
  return j.dump(2);
}

}  // namespace hearth
