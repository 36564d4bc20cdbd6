#include "hearth/importer/pantry_io.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "hearth/core/units.h"
#include "hearth/importer/csv.h"

namespace hearth {
namespace {

// Resolves a food by NDB number or exact SR28 description.
class FoodResolver {
 public:
  explicit FoodResolver(const FoodDb& foods) : foods_(foods) {
    for (const Food& f : foods.foods()) by_name_.emplace(f.name, &f);
  }
  const Food* Resolve(std::string_view text) const {
    bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
    if (digits) {
      std::optional<FoodId> id = ParseFoodId(text);
      return id ? foods_.Find(*id) : nullptr;
    }
    auto it = by_name_.find(std::string(text));
    return it == by_name_.end() ? nullptr : it->second;
  }

 private:
  const FoodDb& foods_;
  std::unordered_map<std::string, const Food*> by_name_;
};

std::string TrimBlanksCopy(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string ShortNumber(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

// Collects field problems; the final error lists them all.
class Problems {
 public:
  void Add(std::string message) { lines_.push_back(std::move(message)); }
  bool empty() const { return lines_.empty(); }
  Status ToStatus(std::string_view file) const {
    std::string m;
    if (lines_.size() > 1) m = std::string(file) + ": " + std::to_string(lines_.size()) + " problems\n";
    for (size_t i = 0; i < lines_.size(); ++i) m += (i ? "\n" : "") + lines_[i];
    return Status::InvalidArgument(m);
  }

 private:
  std::vector<std::string> lines_;
};

// The checks shared by both formats. `report(column, problem)` records an error.
template <typename Report>
std::optional<PantryItem> BuildItem(const FoodResolver& resolver, const std::string& food_text,
                                    std::optional<double> quantity, const std::string& quantity_text,
                                    std::string unit, const std::string& expiry_text, std::string location,
                                    std::string note, Report report) {
  PantryItem item;
  bool ok = true;
  const Food* food = nullptr;
  if (food_text.empty()) {
    report("food", "missing: give an SR28 NDB number or an exact SR28 description");
    ok = false;
  } else if (food = resolver.Resolve(food_text); !food) {
    report("food", "unknown food \"" + food_text + "\" (not an SR28 NDB number or exact SR28 description)");
    ok = false;
  }
  if (!quantity) {
    report("quantity", quantity_text.empty() ? std::string("missing") : quantity_text + " is not a number");
    ok = false;
  } else if (!std::isfinite(*quantity) || *quantity <= 0) {
    report("quantity", "must be a positive finite number, got " + ShortNumber(*quantity));
    ok = false;
    quantity.reset();
  }
  if (unit.empty()) unit = "g";
  if (food && quantity) {
    Result<double> grams = ToGrams(*food, *quantity, unit);
    if (!grams.ok()) {
      report("unit", grams.status().message());
      ok = false;
    } else if (!std::isfinite(*grams) || *grams <= 0) {
      report("quantity", "converts to " + ShortNumber(*grams) + " g, not a positive amount");
      ok = false;
    } else {
      item.grams = *grams;
    }
  }
  if (!expiry_text.empty()) {
    std::optional<Date> d = ParseDate(expiry_text);
    if (!d) {
      report("expiry", "\"" + expiry_text + "\" is not a date in the form YYYY-MM-DD");
      ok = false;
    } else {
      item.expiry = d;
    }
  }
  if (!ok) return std::nullopt;
  item.food = food->id;
  item.location = std::move(location);
  item.note = std::move(note);
  return item;
}

}  // namespace

Result<std::vector<PantryItem>> ParsePantryCsv(std::string_view text, std::string_view file, const FoodDb& foods) {
  Result<CsvTable> parsed = CsvTable::Parse(text);
  if (!parsed.ok()) return parsed.status().WithContext(file);
  const CsvTable& table = *parsed;
  static constexpr std::string_view kKnown[] = {"food", "quantity", "unit", "expiry", "location", "note",
                                                "description"};
  Problems problems;
  for (const std::string& h : table.header()) {
    bool known = false;
    for (std::string_view k : kKnown) known |= TrimBlanksCopy(h) == k;
    if (!known) {
      problems.Add(std::string(file) + " line 1: unknown column \"" + h +
                   "\" (columns: food, quantity, unit, expiry, location, note, description)");
    }
  }
  std::optional<int> c_food = table.Column("food"), c_qty = table.Column("quantity"), c_unit = table.Column("unit"),
                     c_exp = table.Column("expiry"), c_loc = table.Column("location"), c_note = table.Column("note");
  if (!c_food) problems.Add(std::string(file) + " line 1: missing column \"food\"");
  if (!c_qty) problems.Add(std::string(file) + " line 1: missing column \"quantity\"");
  if (!problems.empty()) return problems.ToStatus(file);

  FoodResolver resolver(foods);
  std::vector<PantryItem> items;
  for (const CsvRow& row : table.rows()) {
    auto field = [&](std::optional<int> c) {
      return c && *c < static_cast<int>(row.fields.size()) ? TrimBlanksCopy(row.fields[*c]) : std::string();
    };
    bool blank = true;
    for (const std::string& f : row.fields) blank &= TrimBlanksCopy(f).empty();
    if (blank) continue;
    std::string qty_text = field(c_qty);
    std::optional<double> qty = ParseNumber(qty_text);
    if (!qty_text.empty()) qty_text = "\"" + qty_text + "\"";
    std::optional<PantryItem> item =
        BuildItem(resolver, field(c_food), qty, qty_text, field(c_unit), field(c_exp),
                  field(c_loc), field(c_note), [&](std::string_view column, const std::string& problem) {
                    problems.Add(CsvRowError(file, row, column, problem).message());
                  });
    if (item) items.push_back(std::move(*item));
  }
  if (!problems.empty()) return problems.ToStatus(file);
  return items;
}

Result<std::vector<PantryItem>> ParsePantryJson(std::string_view text, std::string_view file, const FoodDb& foods) {
  // nlohmann's lexer ends the input at a NUL byte (never valid JSON): what
  // followed would be ignored.
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return Status::InvalidArgument(std::string(file) + ": not valid JSON: a NUL byte at byte " +
                                   std::to_string(nul + 1));
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(std::string(file) + ": not valid JSON: " + e.what());
  }
  std::string where = std::string(file) + ": ";
  if (!doc.is_object()) return Status::InvalidArgument(where + "the document must be a JSON object");
  Problems problems;
  for (const auto& [key, value] : doc.items()) {
    if (key != "format" && key != "version" && key != "items") {
      problems.Add(where + key + ": unknown field (fields: format, version, items)");
    }
  }
  if (!doc.contains("format") || doc["format"] != kPantryFormat) {
    problems.Add(where + "format: must be \"" + std::string(kPantryFormat) + "\"");
  }
  if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"] != kPantryVersion) {
    problems.Add(where + "version: must be " + std::to_string(kPantryVersion));
  }
  if (!doc.contains("items") || !doc["items"].is_array()) {
    problems.Add(where + "items: must be an array");
    return problems.ToStatus(file);
  }
  FoodResolver resolver(foods);
  std::vector<PantryItem> items;
  const nlohmann::json& arr = doc["items"];
  for (size_t i = 0; i < arr.size(); ++i) {
    const nlohmann::json& it = arr[i];
    std::string path = where + "items[" + std::to_string(i) + "]";
    if (!it.is_object()) {
      problems.Add(path + ": must be an object");
      continue;
    }
    bool bad_type = false;
    auto str = [&](const char* key) -> std::string {
      if (!it.contains(key) || it[key].is_null()) return "";
      if (!it[key].is_string()) {
        problems.Add(path + "." + key + ": must be a string");
        bad_type = true;
        return "";
      }
      return TrimBlanksCopy(it[key].get<std::string>());
    };
    for (const auto& [key, value] : it.items()) {
      static constexpr std::string_view kKnown[] = {"food", "quantity", "unit", "expiry", "location", "note",
                                                    "description"};
      bool known = false;
      for (std::string_view k : kKnown) known |= key == k;
      if (!known) {
        problems.Add(path + "." + key + ": unknown field (fields: food, quantity, unit, expiry, location, note)");
        bad_type = true;
      }
    }
    std::string food_text;
    if (it.contains("food") && it["food"].is_number_integer()) {
      food_text = std::to_string(it["food"].get<int64_t>());
    } else {
      food_text = str("food");
    }
    std::optional<double> qty;
    std::string qty_text;
    if (it.contains("quantity")) {
      if (it["quantity"].is_number()) {
        qty = it["quantity"].get<double>();
      } else {
        qty_text = it["quantity"].dump();
      }
    }
    std::optional<PantryItem> item =
        BuildItem(resolver, food_text, qty, qty_text, str("unit"), str("expiry"), str("location"), str("note"),
                  [&](std::string_view field, const std::string& problem) {
                    problems.Add(path + "." + std::string(field) + ": " + problem);
                  });
    if (item && !bad_type) items.push_back(std::move(*item));
  }
  if (!problems.empty()) return problems.ToStatus(file);
  return items;
}

Result<std::vector<PantryItem>> ReadPantryFile(const std::string& path, const FoodDb& foods) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("pantry file " + path, "cannot be read");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  return json ? ParsePantryJson(text, path, foods) : ParsePantryCsv(text, path, foods);
}

std::string WritePantryCsv(const std::vector<PantryItem>& items, const FoodDb& foods) {
  std::string out = "food,quantity,unit,expiry,location,note,description\n";
  for (const PantryItem& it : items) {
    const Food* f = foods.Find(it.food);
    out += FormatFoodId(it.food) + "," + ShortNumber(it.grams) + ",g," + (it.expiry ? FormatDate(*it.expiry) : "") +
           "," + CsvEscape(it.location) + "," + CsvEscape(it.note) + "," + CsvEscape(f ? f->name : "") + "\n";
  }
  return out;
}

std::string WritePantryJson(const std::vector<PantryItem>& items, const FoodDb& foods) {
  nlohmann::json arr = nlohmann::json::array();
  for (const PantryItem& it : items) {
    nlohmann::json j;
    j["food"] = FormatFoodId(it.food);
    if (const Food* f = foods.Find(it.food)) j["description"] = f->name;
    j["quantity"] = it.grams;
    j["unit"] = "g";
    if (it.expiry) j["expiry"] = FormatDate(*it.expiry);
    if (!it.location.empty()) j["location"] = it.location;
    if (!it.note.empty()) j["note"] = it.note;
    arr.push_back(std::move(j));
  }
  nlohmann::json doc = {{"format", kPantryFormat}, {"version", kPantryVersion}, {"items", std::move(arr)}};
  return doc.dump(2) + "\n";
}

Status WritePantryFile(const std::string& path, const std::vector<PantryItem>& items, const FoodDb& foods) {
  bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::Unavailable("pantry file " + path, "cannot be written");
  out << (json ? WritePantryJson(items, foods) : WritePantryCsv(items, foods));
  out.close();
  if (!out) return Status::Unavailable("pantry file " + path, "write failed");
  return Status::Ok();
}

}  // namespace hearth
