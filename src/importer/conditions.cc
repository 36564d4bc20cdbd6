#include "hearth/importer/conditions.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <utility>

#include "hearth/importer/csv.h"

namespace hearth {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kConditionFormat = "hearth-condition";
constexpr int kConditionVersion = 1;

// Allergen and diet keys in enum order (traits.h). Local until the shared
// AllergenFromKey/DietFromKey of core/traits.cc are available to this layer;
// the keys must stay identical to those.
constexpr std::array<std::string_view, kNumAllergens> kAllergenKeys = {
    "milk",   "egg",    "fish",   "shellfish", "tree_nut",  "peanut", "wheat",    "soy",
    "sesame", "gluten", "celery", "mustard",   "sulphites", "lupin",  "molluscs",
};
constexpr std::array<std::string_view, kNumDiets> kDietKeys = {
    "vegan", "vegetarian", "pescatarian", "halal", "kosher", "gluten_free", "dairy_free",
};

std::optional<Allergen> AllergenByKey(std::string_view key) {
  for (int i = 0; i < kNumAllergens; ++i) {
    if (kAllergenKeys[i] == key) return static_cast<Allergen>(i);
  }
  return std::nullopt;
}

std::optional<Diet> DietByKey(std::string_view key) {
  for (int i = 0; i < kNumDiets; ++i) {
    if (kDietKeys[i] == key) return static_cast<Diet>(i);
  }
  return std::nullopt;
}

struct RuleKindEntry {
  RuleKind kind;
  std::string_view key;
};
constexpr std::array<RuleKindEntry, 8> kRuleKinds = {{
    {RuleKind::kMin, "min"},
    {RuleKind::kMax, "max"},
    {RuleKind::kMinPctEnergy, "min_pct_energy"},
    {RuleKind::kMaxPctEnergy, "max_pct_energy"},
    {RuleKind::kMinPerKgBody, "min_per_kg_body"},
    {RuleKind::kMaxPerKgBody, "max_per_kg_body"},
    {RuleKind::kMinPer1000Kcal, "min_per_1000kcal"},
    {RuleKind::kMaxPer1000Kcal, "max_per_1000kcal"},
}};

std::optional<RuleKind> RuleKindByKey(std::string_view key) {
  for (const auto& e : kRuleKinds) {
    if (e.key == key) return e.kind;
  }
  return std::nullopt;
}

bool IsMinKind(RuleKind k) {
  return k == RuleKind::kMin || k == RuleKind::kMinPctEnergy || k == RuleKind::kMinPerKgBody ||
         k == RuleKind::kMinPer1000Kcal;
}

// Rules of the same basis (absolute, % energy, per kg, per 1,000 kcal) share a
// number; a min and a max of one basis can be compared.
int KindBasis(RuleKind k) { return static_cast<int>(k) / 2; }

bool IsPctEnergyKind(RuleKind k) {
  return k == RuleKind::kMinPctEnergy || k == RuleKind::kMaxPctEnergy;
}

// Nutrients that provide energy, for which a % of energy rule has a meaning.
bool ProvidesEnergy(NutrientId n) {
  switch (n) {
    case NutrientId::kProtein:
    case NutrientId::kFat:
    case NutrientId::kSaturatedFat:
    case NutrientId::kMonounsaturatedFat:
    case NutrientId::kPolyunsaturatedFat:
    case NutrientId::kTransFat:
    case NutrientId::kCarbohydrate:
    case NutrientId::kSugars:
    case NutrientId::kAlcohol:
    case NutrientId::kAla:
    case NutrientId::kLinolenicUndiff:
    case NutrientId::kEpa:
    case NutrientId::kDha:
    case NutrientId::kDpa:
    case NutrientId::kLinoleic:
      return true;
    default:
      return false;
  }
}

std::string Num(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

std::string Quoted(std::string_view s) {
  std::string out = "\"";
  out += s;
  out += '"';
  return out;
}

std::string Field(const std::string& path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return path + "." + std::string(key);
}

std::string Elem(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

bool IsLowerCase(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool IsConditionId(std::string_view s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsFoodGroupCode(std::string_view s) {
  return s.size() == 4 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Turns one parsed JSON document into a Condition, remembering the file name
// for error messages.
class ConditionReader {
 public:
  explicit ConditionReader(std::string_view file_name) : file_(file_name) {}

  Result<Condition> Read(const Json& root);

 private:
  Status Error(const std::string& path, std::string_view what) const {
    std::string m = file_;
    m += ": ";
    if (!path.empty()) {
      m += path;
      m += ": ";
    }
    m += what;
    return Status::InvalidArgument(m);
  }

  // `obj` (at `path`) must be an object whose keys are all in `allowed`.
  Status CheckObject(const Json& obj, const std::string& path,
                     std::initializer_list<std::string_view> allowed) const;
  // The member `key` of `obj`, or nullptr if absent.
  static const Json* Member(const Json& obj, std::string_view key);
  Result<std::string> String(const Json& obj, const std::string& path, std::string_view key,
                             bool required) const;
  Result<double> Number(const Json& obj, const std::string& path, std::string_view key) const;
  // The array `key` of `obj`; an empty array if absent and not required.
  Result<const Json*> Array(const Json& obj, const std::string& path, std::string_view key,
                            bool required) const;
  Result<std::vector<std::string>> StringList(const Json& obj, const std::string& path,
                                              std::string_view key, bool required) const;
  // Checks that `id` (at `path`) names a citation of this condition.
  Status CheckCitation(const std::string& id, const std::string& path) const;

  Status ReadCitations(const Json& root);
  Status ReadTargets(const Json& root);
  Status ReadTraits(const Json& root);
  Status ReadFoodRules(const Json& root);
  Status ReadMealSpread(const Json& root);

  std::string file_;
  Condition c_;
  const Json empty_array_ = Json::array();
};

Status ConditionReader::CheckObject(const Json& obj, const std::string& path,
                                    std::initializer_list<std::string_view> allowed) const {
  if (!obj.is_object()) {
    return Error(path, std::string("expected an object, got ") + obj.type_name());
  }
  for (const auto& [key, value] : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Error(path, "unknown field " + Quoted(key));
    }
  }
  return Status::Ok();
}

const Json* ConditionReader::Member(const Json& obj, std::string_view key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

Result<std::string> ConditionReader::String(const Json& obj, const std::string& path,
                                            std::string_view key, bool required) const {
  const Json* v = Member(obj, key);
  if (v == nullptr) {
    if (required) return Error(path, "missing field " + Quoted(key));
    return std::string();
  }
  if (!v->is_string()) {
    return Error(Field(path, key), std::string("expected a string, got ") + v->type_name());
  }
  const auto& s = v->get_ref<const std::string&>();
  if (required && s.empty()) return Error(Field(path, key), "must not be empty");
  return s;
}

Result<double> ConditionReader::Number(const Json& obj, const std::string& path,
                                       std::string_view key) const {
  const Json* v = Member(obj, key);
  if (v == nullptr) return Error(path, "missing field " + Quoted(key));
  if (!v->is_number()) {
    return Error(Field(path, key), std::string("expected a number, got ") + v->type_name());
  }
  return v->get<double>();
}

Result<const Json*> ConditionReader::Array(const Json& obj, const std::string& path,
                                           std::string_view key, bool required) const {
  const Json* v = Member(obj, key);
  if (v == nullptr) {
    if (required) return Error(path, "missing field " + Quoted(key));
    return &empty_array_;
  }
  if (!v->is_array()) {
    return Error(Field(path, key), std::string("expected an array, got ") + v->type_name());
  }
  return v;
}

Result<std::vector<std::string>> ConditionReader::StringList(const Json& obj,
                                                             const std::string& path,
                                                             std::string_view key,
                                                             bool required) const {
  HEARTH_ASSIGN_OR_RETURN(const Json* arr, Array(obj, path, key, required));
  std::vector<std::string> out;
  const std::string list_path = Field(path, key);
  for (size_t i = 0; i < arr->size(); ++i) {
    const Json& e = (*arr)[i];
    if (!e.is_string()) {
      return Error(Elem(list_path, i), std::string("expected a string, got ") + e.type_name());
    }
    const auto& s = e.get_ref<const std::string&>();
    if (s.empty()) return Error(Elem(list_path, i), "must not be empty");
    out.push_back(s);
  }
  return out;
}

Status ConditionReader::CheckCitation(const std::string& id, const std::string& path) const {
  for (const Citation& c : c_.citations) {
    if (c.id == id) return Status::Ok();
  }
  return Error(path, "unknown citation " + Quoted(id));
}

Result<Condition> ConditionReader::Read(const Json& root) {
  if (!root.is_object()) {
    return Error("", std::string("expected an object at the top level, got ") + root.type_name());
  }
  HEARTH_ASSIGN_OR_RETURN(std::string format, String(root, "", "format", true));
  if (format != kConditionFormat) {
    return Error("format", "expected " + Quoted(kConditionFormat) + ", got " + Quoted(format));
  }
  const Json* version = Member(root, "version");
  if (version == nullptr) return Error("", "missing field \"version\"");
  if (!version->is_number_integer() || version->get<int64_t>() != kConditionVersion) {
    return Error("version", "unsupported version " + version->dump() + " (expected " +
                                std::to_string(kConditionVersion) + ")");
  }
  HEARTH_RETURN_IF_ERROR(CheckObject(
      root, "",
      {"format", "version", "id", "name", "summary", "applies_to_life_stage", "citations",
       "targets", "exclude_allergens", "require_diets", "exclude_foods", "meal_spread", "notes"}));

  HEARTH_ASSIGN_OR_RETURN(c_.id, String(root, "", "id", true));
  if (!IsConditionId(c_.id)) {
    return Error("id", "must be lower-case letters, digits and '_', starting with a letter; got " +
                           Quoted(c_.id));
  }
  HEARTH_ASSIGN_OR_RETURN(c_.name, String(root, "", "name", true));
  HEARTH_ASSIGN_OR_RETURN(c_.summary, String(root, "", "summary", true));
  HEARTH_ASSIGN_OR_RETURN(c_.applies_to_life_stage,
                          String(root, "", "applies_to_life_stage", false));
  if (!c_.applies_to_life_stage.empty() && c_.applies_to_life_stage != "pregnancy" &&
      c_.applies_to_life_stage != "lactation") {
    return Error("applies_to_life_stage", "unknown life stage " + Quoted(c_.applies_to_life_stage) +
                                              " (expected \"\", \"pregnancy\" or \"lactation\")");
  }
  HEARTH_RETURN_IF_ERROR(ReadCitations(root));
  HEARTH_RETURN_IF_ERROR(ReadTargets(root));
  HEARTH_RETURN_IF_ERROR(ReadTraits(root));
  HEARTH_RETURN_IF_ERROR(ReadFoodRules(root));
  HEARTH_RETURN_IF_ERROR(ReadMealSpread(root));
  HEARTH_ASSIGN_OR_RETURN(c_.notes, StringList(root, "", "notes", false));
  return std::move(c_);
}

Status ConditionReader::ReadCitations(const Json& root) {
  HEARTH_ASSIGN_OR_RETURN(const Json* arr, Array(root, "", "citations", true));
  if (arr->empty()) return Error("citations", "must not be empty");
  for (size_t i = 0; i < arr->size(); ++i) {
    const std::string path = Elem("citations", i);
    const Json& e = (*arr)[i];
    HEARTH_RETURN_IF_ERROR(CheckObject(e, path, {"id", "text", "url"}));
    Citation cit;
    HEARTH_ASSIGN_OR_RETURN(cit.id, String(e, path, "id", true));
    HEARTH_ASSIGN_OR_RETURN(cit.text, String(e, path, "text", true));
    HEARTH_ASSIGN_OR_RETURN(cit.url, String(e, path, "url", false));
    for (const Citation& other : c_.citations) {
      if (other.id == cit.id)
        return Error(Field(path, "id"), "duplicate citation id " + Quoted(cit.id));
    }
    c_.citations.push_back(std::move(cit));
  }
  return Status::Ok();
}

Status ConditionReader::ReadTargets(const Json& root) {
  HEARTH_ASSIGN_OR_RETURN(const Json* arr, Array(root, "", "targets", false));
  for (size_t i = 0; i < arr->size(); ++i) {
    const std::string path = Elem("targets", i);
    const Json& e = (*arr)[i];
    HEARTH_RETURN_IF_ERROR(CheckObject(e, path, {"nutrient", "kind", "value", "citation", "note"}));
    HEARTH_ASSIGN_OR_RETURN(std::string nutrient_key, String(e, path, "nutrient", true));
    std::optional<NutrientId> nutrient = NutrientFromKey(nutrient_key);
    if (!nutrient)
      return Error(Field(path, "nutrient"), "unknown nutrient " + Quoted(nutrient_key));
    HEARTH_ASSIGN_OR_RETURN(std::string kind_key, String(e, path, "kind", true));
    std::optional<RuleKind> kind = RuleKindByKey(kind_key);
    if (!kind) {
      std::string expected;
      for (const auto& k : kRuleKinds) {
        if (!expected.empty()) expected += ", ";
        expected += k.key;
      }
      return Error(Field(path, "kind"),
                   "unknown kind " + Quoted(kind_key) + " (expected one of " + expected + ")");
    }
    if (IsPctEnergyKind(*kind) && !ProvidesEnergy(*nutrient)) {
      return Error(Field(path, "kind"), std::string(kind_key) +
                                            " needs a nutrient that provides energy; " +
                                            nutrient_key + " does not");
    }
    HEARTH_ASSIGN_OR_RETURN(double value, Number(e, path, "value"));
    if (value < 0) return Error(Field(path, "value"), "must not be negative, got " + Num(value));
    if (IsPctEnergyKind(*kind) && value > 100) {
      return Error(Field(path, "value"),
                   "a percentage of energy must be at most 100, got " + Num(value));
    }
    TargetRule rule{*nutrient, *kind, value, "", ""};
    HEARTH_ASSIGN_OR_RETURN(rule.citation, String(e, path, "citation", true));
    HEARTH_RETURN_IF_ERROR(CheckCitation(rule.citation, Field(path, "citation")));
    HEARTH_ASSIGN_OR_RETURN(rule.note, String(e, path, "note", false));

    for (size_t j = 0; j < c_.targets.size(); ++j) {
      const TargetRule& other = c_.targets[j];
      if (other.nutrient != rule.nutrient || KindBasis(other.kind) != KindBasis(rule.kind))
        continue;
      if (other.kind == rule.kind) {
        return Error(path, "duplicate rule: " + Elem("targets", j) + " already sets " +
                               nutrient_key + " " + kind_key);
      }
      const TargetRule& lo = IsMinKind(rule.kind) ? rule : other;
      const TargetRule& hi = IsMinKind(rule.kind) ? other : rule;
      if (lo.value > hi.value) {
        return Error(path, nutrient_key + " " + std::string(RuleKindKey(lo.kind)) + " " +
                               Num(lo.value) + " is above " + std::string(RuleKindKey(hi.kind)) +
                               " " + Num(hi.value) + " of " + Elem("targets", j));
      }
    }
    c_.targets.push_back(std::move(rule));
  }
  return Status::Ok();
}

Status ConditionReader::ReadTraits(const Json& root) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<std::string> allergens,
                          StringList(root, "", "exclude_allergens", false));
  for (size_t i = 0; i < allergens.size(); ++i) {
    std::optional<Allergen> a = AllergenByKey(allergens[i]);
    if (!a) return Error(Elem("exclude_allergens", i), "unknown allergen " + Quoted(allergens[i]));
    if (std::find(c_.exclude_allergens.begin(), c_.exclude_allergens.end(), *a) !=
        c_.exclude_allergens.end()) {
      return Error(Elem("exclude_allergens", i), "duplicate allergen " + Quoted(allergens[i]));
    }
    c_.exclude_allergens.push_back(*a);
  }
  HEARTH_ASSIGN_OR_RETURN(std::vector<std::string> diets,
                          StringList(root, "", "require_diets", false));
  for (size_t i = 0; i < diets.size(); ++i) {
    std::optional<Diet> d = DietByKey(diets[i]);
    if (!d) return Error(Elem("require_diets", i), "unknown diet " + Quoted(diets[i]));
    if (std::find(c_.require_diets.begin(), c_.require_diets.end(), *d) != c_.require_diets.end()) {
      return Error(Elem("require_diets", i), "duplicate diet " + Quoted(diets[i]));
    }
    c_.require_diets.push_back(*d);
  }
  return Status::Ok();
}

Status ConditionReader::ReadFoodRules(const Json& root) {
  HEARTH_ASSIGN_OR_RETURN(const Json* arr, Array(root, "", "exclude_foods", false));
  for (size_t i = 0; i < arr->size(); ++i) {
    const std::string path = Elem("exclude_foods", i);
    const Json& e = (*arr)[i];
    HEARTH_RETURN_IF_ERROR(
        CheckObject(e, path, {"any_of", "none_of", "groups", "citation", "note"}));
    FoodExclusionRule rule;
    HEARTH_ASSIGN_OR_RETURN(rule.any_of, StringList(e, path, "any_of", true));
    if (rule.any_of.empty()) return Error(Field(path, "any_of"), "must not be empty");
    HEARTH_ASSIGN_OR_RETURN(rule.none_of, StringList(e, path, "none_of", false));
    for (const auto& [key, list] :
         {std::pair<std::string_view, const std::vector<std::string>*>{"any_of", &rule.any_of},
          {"none_of", &rule.none_of}}) {
      for (size_t k = 0; k < list->size(); ++k) {
        if (!IsLowerCase((*list)[k])) {
          return Error(Elem(Field(path, key), k),
                       "keywords are matched against lower-cased food names and must be lower "
                       "case; got " +
                           Quoted((*list)[k]));
        }
      }
    }
    HEARTH_ASSIGN_OR_RETURN(rule.groups, StringList(e, path, "groups", false));
    for (size_t k = 0; k < rule.groups.size(); ++k) {
      if (!IsFoodGroupCode(rule.groups[k])) {
        return Error(Elem(Field(path, "groups"), k),
                     "expected a four-digit SR28 food group code, got " + Quoted(rule.groups[k]));
      }
    }
    HEARTH_ASSIGN_OR_RETURN(rule.citation, String(e, path, "citation", true));
    HEARTH_RETURN_IF_ERROR(CheckCitation(rule.citation, Field(path, "citation")));
    HEARTH_ASSIGN_OR_RETURN(rule.note, String(e, path, "note", false));
    c_.exclude_foods.push_back(std::move(rule));
  }
  return Status::Ok();
}

Status ConditionReader::ReadMealSpread(const Json& root) {
  HEARTH_ASSIGN_OR_RETURN(const Json* arr, Array(root, "", "meal_spread", false));
  for (size_t i = 0; i < arr->size(); ++i) {
    const std::string path = Elem("meal_spread", i);
    const Json& e = (*arr)[i];
    HEARTH_RETURN_IF_ERROR(CheckObject(e, path, {"nutrient", "max_share", "citation", "note"}));
    HEARTH_ASSIGN_OR_RETURN(std::string nutrient_key, String(e, path, "nutrient", true));
    std::optional<NutrientId> nutrient = NutrientFromKey(nutrient_key);
    if (!nutrient)
      return Error(Field(path, "nutrient"), "unknown nutrient " + Quoted(nutrient_key));
    HEARTH_ASSIGN_OR_RETURN(double share, Number(e, path, "max_share"));
    if (!(share > 0 && share <= 1)) {
      return Error(Field(path, "max_share"), "must be above 0 and at most 1, got " + Num(share));
    }
    MealSpreadRule rule{*nutrient, share, "", ""};
    HEARTH_ASSIGN_OR_RETURN(rule.citation, String(e, path, "citation", true));
    HEARTH_RETURN_IF_ERROR(CheckCitation(rule.citation, Field(path, "citation")));
    HEARTH_ASSIGN_OR_RETURN(rule.note, String(e, path, "note", false));
    for (size_t j = 0; j < c_.meal_spread.size(); ++j) {
      if (c_.meal_spread[j].nutrient == rule.nutrient) {
        return Error(
            path, "duplicate rule: " + Elem("meal_spread", j) + " already limits " + nutrient_key);
      }
    }
    c_.meal_spread.push_back(std::move(rule));
  }
  return Status::Ok();
}

}  // namespace

std::string_view RuleKindKey(RuleKind kind) {
  for (const auto& e : kRuleKinds) {
    if (e.kind == kind) return e.key;
  }
  return "unknown";
}

Result<Condition> ParseCondition(std::string_view json_text, std::string_view file_name) {
  Json root;
  try {
    root = Json::parse(json_text.begin(), json_text.end());
  } catch (const Json::exception& e) {
    // nlohmann messages start with "[json.exception.parse_error.101] ".
    std::string_view what = e.what();
    if (size_t p = what.find("] "); p != std::string_view::npos) what.remove_prefix(p + 2);
    std::string m(file_name);
    m += ": invalid JSON: ";
    m += what;
    return Status::InvalidArgument(m);
  }
  return ConditionReader(file_name).Read(root);
}

Result<std::vector<Condition>> LoadConditionsDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound("no such directory", dir);
  std::vector<fs::path> files;
  fs::directory_iterator it(dir, ec);
  if (ec) return Status::NotFound("cannot list directory " + dir, ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return Status::Unavailable("cannot list directory " + dir, ec.message());
    const fs::path& p = it->path();
    if (p.extension() == ".json" && it->is_regular_file(ec)) files.push_back(p);
  }
  std::sort(files.begin(), files.end());

  std::vector<Condition> out;
  std::map<std::string, std::string> file_of_id;
  for (const fs::path& p : files) {
    const std::string path = p.string();
    HEARTH_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
    HEARTH_ASSIGN_OR_RETURN(Condition c, ParseCondition(text, path));
    auto [pos, inserted] = file_of_id.emplace(c.id, path);
    if (!inserted) {
      return Status::InvalidArgument(path + ": id: duplicate condition id " + Quoted(c.id) +
                                     " (also in " + pos->second + ")");
    }
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(),
            [](const Condition& a, const Condition& b) { return a.id < b.id; });
  return out;
}

}  // namespace hearth
