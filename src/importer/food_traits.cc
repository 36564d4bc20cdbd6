#include "hearth/importer/food_traits.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "hearth/importer/csv.h"

namespace hearth {
namespace {

using Json = nlohmann::json;

struct FlagKey {
  std::string_view key;
  bool FoodTraits::*member;
};

constexpr std::array<FlagKey, 12> kFlagKeys = {{
    {"meat", &FoodTraits::meat},
    {"pork", &FoodTraits::pork},
    {"fish", &FoodTraits::fish},
    {"shellfish", &FoodTraits::shellfish},
    {"dairy", &FoodTraits::dairy},
    {"egg", &FoodTraits::egg},
    {"honey", &FoodTraits::honey},
    {"alcohol", &FoodTraits::alcohol},
    {"gluten", &FoodTraits::gluten},
    {"blood", &FoodTraits::blood},
    {"non_kosher_species", &FoodTraits::non_kosher_species},
    {"non_halal_species", &FoodTraits::non_halal_species},
}};

// NDB numbers are parsed and printed here rather than with ParseFoodId and
// FormatFoodId so that the importer does not depend on the food table code.
std::optional<int32_t> ParseNdb(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  int32_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

std::string FormatNdb(int32_t ndb) {
  std::string s = std::to_string(ndb);
  if (s.size() < 5) s.insert(0, 5 - s.size(), '0');
  return s;
}

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool AtWordEnd(std::string_view text, size_t end) {
  return end >= text.size() || !IsAlnum(text[end]);
}

// Negations: an occurrence right after one of these, or right before one of
// kNegatingSuffixes, does not count ("without peanuts", "non-alcoholic",
// "not chocolate covered", "flavors other than chocolate", "gluten-free").
constexpr std::array<std::string_view, 6> kNegatingPrefixes = {"without ", "no ",  "non-",
                                                               "non ",     "not ", "other than "};
constexpr std::array<std::string_view, 3> kNegatingSuffixes = {"-free", " free", "- free"};

bool IsNegatedBefore(std::string_view before) {
  return std::any_of(kNegatingPrefixes.begin(), kNegatingPrefixes.end(), [&](std::string_view p) {
    return before.ends_with(p) &&
           (before.size() == p.size() || !IsAlnum(before[before.size() - p.size() - 1]));
  });
}

bool IsNegatedAfter(std::string_view after) {
  return std::any_of(kNegatingSuffixes.begin(), kNegatingSuffixes.end(),
                     [&](std::string_view s) { return after.starts_with(s); });
}

// --- Implications ----------------------------------------------------------

// Adds everything implied by what `t` already holds (see the header).
void Close(FoodTraits& t) {
  if (t.Has(Allergen::kWheat)) t.Add(Allergen::kGluten);
  if (t.gluten) t.Add(Allergen::kGluten);
  if (t.Has(Allergen::kGluten)) t.gluten = true;
  if (t.dairy) t.Add(Allergen::kMilk);
  if (t.Has(Allergen::kMilk)) t.dairy = true;
  if (t.egg) t.Add(Allergen::kEgg);
  if (t.Has(Allergen::kEgg)) t.egg = true;
  if (t.fish) t.Add(Allergen::kFish);
  if (t.Has(Allergen::kFish)) t.fish = true;
  if (t.Has(Allergen::kShellfish) || t.Has(Allergen::kMolluscs)) {
    t.shellfish = true;
  } else if (t.shellfish) {
    // Shellfish of unknown kind: flag both (conservative).
    t.Add(Allergen::kShellfish);
    t.Add(Allergen::kMolluscs);
  }
  if (t.pork) t.meat = true;
}

// Removes `r` from `t`, together with every trait that would imply it back.
void RemoveTraits(FoodTraits& t, const FoodTraits& r) {
  FoodTraits x = r;
  if (x.Has(Allergen::kGluten) || x.gluten) {
    x.Add(Allergen::kGluten);
    x.Add(Allergen::kWheat);
    x.gluten = true;
  }
  if (x.Has(Allergen::kMilk) || x.dairy) {
    x.Add(Allergen::kMilk);
    x.dairy = true;
  }
  if (x.Has(Allergen::kEgg) || x.egg) {
    x.Add(Allergen::kEgg);
    x.egg = true;
  }
  if (x.Has(Allergen::kFish) || x.fish) {
    x.Add(Allergen::kFish);
    x.fish = true;
  }
  if (x.shellfish) {
    x.Add(Allergen::kShellfish);
    x.Add(Allergen::kMolluscs);
  }
  if (x.meat) x.pork = true;
  t.allergens &= ~x.allergens;
  for (const auto& f : kFlagKeys) {
    if (x.*(f.member)) t.*(f.member) = false;
  }
  if (!t.Has(Allergen::kShellfish) && !t.Has(Allergen::kMolluscs) &&
      (x.Has(Allergen::kShellfish) || x.Has(Allergen::kMolluscs))) {
    t.shellfish = false;
  }
  Close(t);
}

bool RuleMatches(const FoodTraitRule& rule, const std::string& group, std::string_view text) {
  if (!rule.groups.empty() &&
      std::find(rule.groups.begin(), rule.groups.end(), group) == rule.groups.end()) {
    return false;
  }
  if (std::find(rule.not_groups.begin(), rule.not_groups.end(), group) != rule.not_groups.end()) {
    return false;
  }
  const auto has = [text](const std::string& term) { return MatchesTerm(text, term); };
  if (!rule.any_of.empty() && std::none_of(rule.any_of.begin(), rule.any_of.end(), has)) {
    return false;
  }
  if (!std::all_of(rule.all_of.begin(), rule.all_of.end(), has)) return false;
  return std::none_of(rule.none_of.begin(), rule.none_of.end(), has);
}

FoodTraits Apply(const FoodTraitRules& rules, const Food& food, std::vector<std::string>* why) {
  FoodTraits t;
  for (const auto& g : rules.group_defaults) {
    if (g.group_code == food.group_code) {
      t |= g.add;
      if (why) why->push_back("group:" + g.group_code);
    }
  }
  const std::string text = Lower(food.name);
  auto apply_rule = [&](const FoodTraitRule& rule) {
    if (RuleMatches(rule, food.group_code, text)) {
      t |= rule.add;
      if (why) why->push_back("rule:" + rule.id);
    }
  };
  if (!rules.index.built) {
    for (const auto& rule : rules.rules) apply_rule(rule);
  } else {
    // Candidate rules: those whose positive terms start with a word of the
    // description (allowing a plural "s"/"es"), or with a prefix of one.
    std::vector<int> cand = rules.index.always;
    auto add = [&](const std::unordered_map<std::string, std::vector<int>>& m, std::string_view w) {
      auto it = m.find(std::string(w));
      if (it != m.end()) cand.insert(cand.end(), it->second.begin(), it->second.end());
    };
    for (size_t i = 0; i < text.size();) {
      while (i < text.size() && !IsAlnum(text[i])) ++i;
      size_t j = i;
      while (j < text.size() && IsAlnum(text[j])) ++j;
      if (j > i) {
        std::string_view w(text.data() + i, j - i);
        add(rules.index.word, w);
        if (w.size() > 1 && w.back() == 's') add(rules.index.word, w.substr(0, w.size() - 1));
        if (w.size() > 2 && w.ends_with("es")) add(rules.index.word, w.substr(0, w.size() - 2));
        for (size_t k = 1; k <= w.size(); ++k) add(rules.index.prefix, w.substr(0, k));
      }
      i = j;
    }
    std::sort(cand.begin(), cand.end());
    cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
    for (int r : cand) apply_rule(rules.rules[static_cast<size_t>(r)]);
  }
  Close(t);
  for (const auto& o : rules.overrides) {
    if (o.id == food.id) {
      t |= o.add;
      Close(t);
      RemoveTraits(t, o.remove);
      if (why) why->push_back("override:" + FormatNdb(o.id.ndb));
    }
  }
  return t;
}

// --- Parsing -----------------------------------------------------------------

// Collects the first error; every check returns false once one was found.
class Parser {
 public:
  explicit Parser(std::string_view source) : source_(source) {}

  bool failed() const { return !error_.ok(); }
  Status error() const { return error_; }

  bool Fail(const std::string& where, const std::string& what) {
    if (!failed()) {
      error_ = Status::InvalidArgument(std::string(source_) + ": " + where + ": " + what);
    }
    return false;
  }

  bool CheckFields(const Json& obj, const std::string& where,
                   std::initializer_list<std::string_view> allowed,
                   std::initializer_list<std::string_view> required) {
    if (!obj.is_object()) return Fail(where, "must be an object");
    for (const auto& [key, value] : obj.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        return Fail(where, "unknown field \"" + key + "\"");
      }
    }
    for (std::string_view key : required) {
      if (!obj.contains(std::string(key))) {
        return Fail(where, "missing field \"" + std::string(key) + "\"");
      }
    }
    return true;
  }

  bool String(const Json& obj, std::string_view key, const std::string& where, std::string* out) {
    const auto it = obj.find(std::string(key));
    if (it == obj.end()) return true;
    const std::string field = where + "." + std::string(key);
    if (!it->is_string()) return Fail(field, "must be a string");
    *out = it->get<std::string>();
    return true;
  }

  bool Reason(const Json& obj, const std::string& where, std::string* out) {
    if (!String(obj, "reason", where, out)) return false;
    if (out->find_first_not_of(" \t\n") == std::string::npos) {
      return Fail(where + ".reason", "must not be empty");
    }
    return true;
  }

  bool StringList(const Json& obj, std::string_view key, const std::string& where,
                  std::vector<std::string>* out) {
    const auto it = obj.find(std::string(key));
    if (it == obj.end()) return true;
    const std::string field = where + "." + std::string(key);
    if (!it->is_array()) return Fail(field, "must be an array of strings");
    for (size_t i = 0; i < it->size(); ++i) {
      const Json& v = (*it)[i];
      if (!v.is_string()) return Fail(field + "[" + std::to_string(i) + "]", "must be a string");
      out->push_back(v.get<std::string>());
    }
    return true;
  }

  bool Terms(const Json& obj, std::string_view key, const std::string& where,
             std::vector<std::string>* out) {
    if (!StringList(obj, key, where, out)) return false;
    for (size_t i = 0; i < out->size(); ++i) {
      const std::string& term = (*out)[i];
      const std::string field = where + "." + std::string(key) + "[" + std::to_string(i) + "]";
      const size_t star = term.find('*');
      if (term.empty() || term == "*") return Fail(field, "empty term");
      if (term != Lower(term)) return Fail(field, "term \"" + term + "\" is not lower case");
      if (term.front() == ' ' || term.back() == ' ') {
        return Fail(field, "term \"" + term + "\" has surrounding spaces");
      }
      if (star != std::string::npos && star + 1 != term.size()) {
        return Fail(field, "term \"" + term + "\" has '*' before its end");
      }
    }
    return true;
  }

  bool Groups(const Json& obj, std::string_view key, const std::string& where,
              std::vector<std::string>* out) {
    if (!StringList(obj, key, where, out)) return false;
    for (size_t i = 0; i < out->size(); ++i) {
      if (!IsGroupCode((*out)[i])) {
        return Fail(where + "." + std::string(key) + "[" + std::to_string(i) + "]",
                    "bad food group code \"" + (*out)[i] + "\" (want 4 digits)");
      }
    }
    return true;
  }

  // Reads "<prefix>allergens" and "<prefix>contains" into `out`.
  bool Traits(const Json& obj, const std::string& where, std::string_view prefix, FoodTraits* out) {
    std::vector<std::string> allergens;
    std::vector<std::string> contains;
    const std::string akey = std::string(prefix) + "allergens";
    const std::string ckey = std::string(prefix) + "contains";
    if (!StringList(obj, akey, where, &allergens)) return false;
    if (!StringList(obj, ckey, where, &contains)) return false;
    for (size_t i = 0; i < allergens.size(); ++i) {
      const auto a = AllergenFromKey(allergens[i]);
      if (!a) {
        return Fail(where + "." + akey + "[" + std::to_string(i) + "]",
                    "unknown allergen \"" + allergens[i] + "\"");
      }
      out->Add(*a);
    }
    for (size_t i = 0; i < contains.size(); ++i) {
      const auto* f = std::find_if(kFlagKeys.begin(), kFlagKeys.end(),
                                   [&](const FlagKey& k) { return k.key == contains[i]; });
      if (f == kFlagKeys.end()) {
        return Fail(where + "." + ckey + "[" + std::to_string(i) + "]",
                    "unknown trait \"" + contains[i] + "\"");
      }
      out->*(f->member) = true;
    }
    return true;
  }

  static bool IsGroupCode(std::string_view s) {
    return s.size() == 4 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

 private:
  std::string_view source_;
  Status error_;
};

bool IsEmpty(const FoodTraits& t) {
  if (t.allergens != 0) return false;
  return std::none_of(kFlagKeys.begin(), kFlagKeys.end(),
                      [&](const FlagKey& k) { return t.*(k.member); });
}

Result<FoodTraitRules> ParseRulesJson(const Json& root, std::string_view source) {
  Parser p(source);
  FoodTraitRules rules;
  if (!p.CheckFields(root, "top level",
                     {"version", "description", "group_defaults", "rules", "overrides"},
                     {"version", "group_defaults", "rules", "overrides"})) {
    return p.error();
  }
  if (!root["version"].is_number_integer() || root["version"].get<int>() != 1) {
    p.Fail("version", "unsupported version (want 1)");
    return p.error();
  }
  for (std::string_view list : {"group_defaults", "rules", "overrides"}) {
    if (!root[std::string(list)].is_array()) {
      p.Fail(std::string(list), "must be an array");
      return p.error();
    }
  }

  const Json& groups = root["group_defaults"];
  std::set<std::string> seen_groups;
  for (size_t i = 0; i < groups.size(); ++i) {
    const std::string where = "group_defaults[" + std::to_string(i) + "]";
    const Json& g = groups[i];
    FoodGroupDefault d;
    if (!p.CheckFields(g, where, {"group", "name", "allergens", "contains", "reason"},
                       {"group", "reason"}) ||
        !p.String(g, "group", where, &d.group_code) || !p.String(g, "name", where, &d.name) ||
        !p.Traits(g, where, "", &d.add) || !p.Reason(g, where, &d.reason)) {
      return p.error();
    }
    if (!Parser::IsGroupCode(d.group_code)) {
      p.Fail(where + ".group", "bad food group code \"" + d.group_code + "\" (want 4 digits)");
      return p.error();
    }
    if (!seen_groups.insert(d.group_code).second) {
      p.Fail(where + ".group", "duplicate group \"" + d.group_code + "\"");
      return p.error();
    }
    rules.group_defaults.push_back(std::move(d));
  }

  const Json& rule_list = root["rules"];
  std::set<std::string> seen_ids;
  for (size_t i = 0; i < rule_list.size(); ++i) {
    const std::string where = "rules[" + std::to_string(i) + "]";
    const Json& r = rule_list[i];
    FoodTraitRule rule;
    if (!p.CheckFields(r, where,
                       {"id", "groups", "not_groups", "any_of", "all_of", "none_of", "allergens",
                        "contains", "reason"},
                       {"id", "reason"}) ||
        !p.String(r, "id", where, &rule.id) || !p.Groups(r, "groups", where, &rule.groups) ||
        !p.Groups(r, "not_groups", where, &rule.not_groups) ||
        !p.Terms(r, "any_of", where, &rule.any_of) || !p.Terms(r, "all_of", where, &rule.all_of) ||
        !p.Terms(r, "none_of", where, &rule.none_of) || !p.Traits(r, where, "", &rule.add) ||
        !p.Reason(r, where, &rule.reason)) {
      return p.error();
    }
    if (rule.id.empty()) {
      p.Fail(where + ".id", "must not be empty");
      return p.error();
    }
    if (!seen_ids.insert(rule.id).second) {
      p.Fail(where + ".id", "duplicate rule id \"" + rule.id + "\"");
      return p.error();
    }
    if (rule.groups.empty() && rule.any_of.empty() && rule.all_of.empty()) {
      p.Fail(where, "needs at least one of \"groups\", \"any_of\", \"all_of\"");
      return p.error();
    }
    if (IsEmpty(rule.add)) {
      p.Fail(where, "adds nothing (give \"allergens\" or \"contains\")");
      return p.error();
    }
    rules.rules.push_back(std::move(rule));
  }

  const Json& override_list = root["overrides"];
  std::set<int32_t> seen_ndbs;
  for (size_t i = 0; i < override_list.size(); ++i) {
    const std::string where = "overrides[" + std::to_string(i) + "]";
    const Json& o = override_list[i];
    FoodTraitOverride ov;
    std::string ndb;
    std::string name;
    if (!p.CheckFields(o, where,
                       {"ndb", "name", "allergens", "contains", "remove_allergens",
                        "remove_contains", "reason"},
                       {"ndb", "reason"}) ||
        !p.String(o, "ndb", where, &ndb) || !p.String(o, "name", where, &name) ||
        !p.Traits(o, where, "", &ov.add) || !p.Traits(o, where, "remove_", &ov.remove) ||
        !p.Reason(o, where, &ov.reason)) {
      return p.error();
    }
    const auto id = ParseNdb(ndb);
    if (!id) {
      p.Fail(where + ".ndb", "bad NDB number \"" + ndb + "\" (want 1 to 5 digits)");
      return p.error();
    }
    if (!seen_ndbs.insert(*id).second) {
      p.Fail(where + ".ndb", "duplicate override for NDB " + FormatNdb(*id));
      return p.error();
    }
    if (IsEmpty(ov.add) && IsEmpty(ov.remove)) {
      p.Fail(where, "changes nothing");
      return p.error();
    }
    ov.id = FoodId{*id};
    rules.overrides.push_back(std::move(ov));
  }
  return rules;
}

}  // namespace

bool MatchesTerm(std::string_view text, std::string_view term) {
  const bool prefix = !term.empty() && term.back() == '*';
  if (prefix) term.remove_suffix(1);
  if (term.empty()) return false;
  for (size_t pos = text.find(term); pos != std::string_view::npos;
       pos = text.find(term, pos + 1)) {
    if (pos > 0 && IsAlnum(text[pos - 1])) continue;
    if (IsNegatedBefore(text.substr(0, pos))) continue;
    size_t end = pos + term.size();
    if (!prefix) {
      if (text.substr(end, 1) == "s" && AtWordEnd(text, end + 1)) {
        end += 1;
      } else if (text.substr(end, 2) == "es" && AtWordEnd(text, end + 2)) {
        end += 2;
      } else if (!AtWordEnd(text, end)) {
        continue;
      }
      if (IsNegatedAfter(text.substr(end))) continue;
    }
    return true;
  }
  return false;
}

Result<FoodTraitRules> ParseFoodTraitRules(std::string_view json_text, std::string_view source) {
  try {
    const Json root = Json::parse(json_text.begin(), json_text.end());
    return ParseRulesJson(root, source);
  } catch (const Json::parse_error& e) {
    return Status::InvalidArgument(std::string(source) + ": malformed JSON at byte " +
                                   std::to_string(e.byte));
  } catch (const Json::exception& e) {
    return Status::InvalidArgument(std::string(source) + ": " + e.what());
  }
}

Result<FoodTraitRules> LoadFoodTraitRules(const std::string& path) {
  HEARTH_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  HEARTH_ASSIGN_OR_RETURN(FoodTraitRules rules, ParseFoodTraitRules(text, path));
  IndexFoodTraitRules(rules);
  return rules;
}

void IndexFoodTraitRules(FoodTraitRules& rules) {
  FoodTraitRules::Index index;
  for (size_t r = 0; r < rules.rules.size(); ++r) {
    const FoodTraitRule& rule = rules.rules[r];
    const int id = static_cast<int>(r);
    std::vector<std::pair<bool, std::string>> anchors;  // (is_prefix, first word)
    bool anchored = !rule.any_of.empty() || !rule.all_of.empty();
    for (const auto* terms : {&rule.any_of, &rule.all_of}) {
      for (const std::string& term : *terms) {
        size_t n = 0;
        while (n < term.size() && IsAlnum(term[n])) ++n;
        if (n == 0) anchored = false;  // Not anchored on a word: always try the rule.
        anchors.emplace_back(term.back() == '*' && n == term.size() - 1, term.substr(0, n));
      }
    }
    if (!anchored) {
      index.always.push_back(id);
      continue;
    }
    for (const auto& [is_prefix, word] : anchors) (is_prefix ? index.prefix : index.word)[word].push_back(id);
  }
  index.built = true;
  rules.index = std::move(index);
}

FoodTraits DeriveFoodTraits(const FoodTraitRules& rules, const Food& food) {
  return Apply(rules, food, nullptr);
}

std::vector<std::string> ExplainFoodTraits(const FoodTraitRules& rules, const Food& food) {
  std::vector<std::string> why;
  Apply(rules, food, &why);
  return why;
}

std::vector<std::string_view> FoodTraitFlagKeys() {
  std::vector<std::string_view> keys;
  for (const auto& f : kFlagKeys) keys.push_back(f.key);
  return keys;
}

std::string DescribeFoodTraits(const FoodTraits& traits) {
  std::string s = "allergens=[";
  bool first = true;
  for (Allergen a : AllergensOf(traits)) {
    if (!first) s += ",";
    s += AllergenKey(a);
    first = false;
  }
  s += "] contains=[";
  first = true;
  for (const auto& f : kFlagKeys) {
    if (!(traits.*(f.member))) continue;
    if (!first) s += ",";
    s += f.key;
    first = false;
  }
  s += "]";
  return s;
}

}  // namespace hearth
