#include "hearth/importer/market_io.h"

#include <array>
#include <limits>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "hearth/importer/csv.h"

namespace hearth {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

constexpr std::array<std::string_view, 6> kVendorFields = {"id", "name", "kind", "lat", "lon", "opening_hours"};
constexpr std::array<std::string_view, 5> kVendorRequired = {"id", "name", "kind", "lat", "lon"};
constexpr std::array<std::string_view, 18> kProductFields = {
    "vendor_id", "id",         "name",       "food",    "package_g", "package_ml",     "price",
    "currency",  "stock",      "origin",     "origin_lat", "origin_lon", "production", "organic",
    "gmo",       "certifications", "co2e_per_kg", "updated_at"};
constexpr std::array<std::string_view, 6> kProductRequired = {"vendor_id", "id", "name", "food", "price",
                                                              "production"};
constexpr std::array<std::string_view, 5> kDocumentFields = {"format", "version", "currency", "vendors",
                                                             "products"};
constexpr std::string_view kMarketFormat = "hearth-market";
constexpr int kMarketVersion = 1;

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string Join(const auto& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

// "a, b or c".
std::string Alternatives(const auto& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Vendor ids: [a-z0-9_-]+. Product ids also allow upper case and ".".
bool ValidMarketId(std::string_view id, bool product) {
  if (id.empty()) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              (product && ((c >= 'A' && c <= 'Z') || c == '.'));
    if (!ok) return false;
  }
  return true;
}

bool Digits(std::string_view s, size_t pos, size_t n, int& value) {
  if (pos + n > s.size()) return false;
  value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

// ISO 8601: "YYYY-MM-DD", optionally "THH:MM[:SS[.fff]]" and "Z" or "±HH:MM".
bool ValidTimestamp(std::string_view s) {
  if (s.size() < 10 || !ParseDate(s.substr(0, 10))) return false;
  if (s.size() == 10) return true;
  if (s[10] != 'T') return false;
  int h = 0, m = 0, sec = 0;
  if (!Digits(s, 11, 2, h) || s.size() < 16 || s[13] != ':' || !Digits(s, 14, 2, m)) return false;
  if (h > 23 || m > 59) return false;
  size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!Digits(s, i + 1, 2, sec) || sec > 60) return false;
    i += 3;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      size_t j = i + 1;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      if (j == i + 1) return false;
      i = j;
    }
  }
  if (i == s.size()) return true;
  if (s[i] == 'Z') return i + 1 == s.size();
  if (s[i] != '+' && s[i] != '-') return false;
  int oh = 0, om = 0;
  if (!Digits(s, i + 1, 2, oh) || oh > 23) return false;
  if (i + 3 == s.size()) return true;
  size_t mpos = s[i + 3] == ':' ? i + 4 : i + 3;
  return Digits(s, mpos, 2, om) && om <= 59 && mpos + 2 == s.size();
}

// Shortest text that reads back as the same double.
std::string FormatDouble(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

// One record being read, a CSV row or a JSON object. Accessors return
// nullopt for an undeclared value (empty CSV field, absent or null JSON
// member, empty string) and record an error for a malformed one.
class Record {
 public:
  explicit Record(std::vector<std::string>* errors) : errors_(errors) {}
  virtual ~Record() = default;
  // Where the record is, for "also at" notes: "vendors.csv line 3".
  virtual std::string Where() const = 0;
  virtual bool Has(std::string_view field) const = 0;
  virtual std::optional<std::string> Text(std::string_view field) = 0;
  virtual std::optional<double> Number(std::string_view field) = 0;
  virtual std::optional<bool> Bool(std::string_view field) = 0;
  virtual std::optional<std::vector<std::string>> List(std::string_view field) = 0;

  void Error(std::string_view field, std::string_view problem) {
    errors_->push_back(Message(field, problem));
    bad_ = true;
  }
  // An error found while parsing, reported (by Flush) when the record is read
  // so that errors come in file order.
  void Defer(std::string_view field, std::string_view problem) {
    deferred_.emplace_back(field, problem);
  }
  void Flush() {
    for (const auto& [field, problem] : deferred_) Error(field, problem);
    deferred_.clear();
  }
  bool bad() const { return bad_; }

 protected:
  virtual std::string Message(std::string_view field, std::string_view problem) const = 0;

 private:
  std::vector<std::string>* errors_;
  bool bad_ = false;
  std::vector<std::pair<std::string, std::string>> deferred_;
};

class CsvRecord final : public Record {
 public:
  CsvRecord(std::vector<std::string>* errors, std::string file, const CsvRow& row,
            const std::unordered_map<std::string, int>& columns)
      : Record(errors), file_(std::move(file)), row_(row), columns_(columns) {}

  std::string Where() const override { return file_ + " line " + std::to_string(row_.line); }
  bool Has(std::string_view field) const override { return !Raw(field).empty(); }
  std::optional<std::string> Text(std::string_view field) override {
    std::string_view v = Raw(field);
    if (v.empty()) return std::nullopt;
    return std::string(v);
  }
  std::optional<double> Number(std::string_view field) override {
    std::string_view v = Raw(field);
    if (v.empty()) return std::nullopt;
    std::optional<double> d = ParseNumber(v);
    if (!d) {
      Error(field, Quote(v) + " is not a number");
      return std::nullopt;
    }
    if (!std::isfinite(*d)) {
      Error(field, Quote(v) + " is not a finite number");
      return std::nullopt;
    }
    return d;
  }
  std::optional<bool> Bool(std::string_view field) override {
    std::string_view v = Raw(field);
    if (v.empty()) return std::nullopt;
    if (v == "true") return true;
    if (v == "false") return false;
    Error(field, Quote(v) + " is not true or false");
    return std::nullopt;
  }
  std::optional<std::vector<std::string>> List(std::string_view field) override {
    std::string_view v = Raw(field);
    if (v.empty()) return std::nullopt;
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= v.size()) {
      size_t end = v.find(';', start);
      if (end == std::string_view::npos) end = v.size();
      std::string_view item = TrimBlanks(v.substr(start, end - start));
      if (!item.empty()) out.emplace_back(item);
      start = end + 1;
    }
    return out;
  }

 protected:
  std::string Message(std::string_view field, std::string_view problem) const override {
    return CsvRowError(file_, row_, field, problem).message();
  }

 private:
  std::string_view Raw(std::string_view field) const {
    auto it = columns_.find(std::string(field));
    if (it == columns_.end() || it->second >= static_cast<int>(row_.fields.size())) return {};
    return TrimBlanks(row_.fields[it->second]);
  }

  std::string file_;
  const CsvRow& row_;
  const std::unordered_map<std::string, int>& columns_;
};

class JsonRecord final : public Record {
 public:
  JsonRecord(std::vector<std::string>* errors, std::string file, std::string path, const Json& object)
      : Record(errors), file_(std::move(file)), path_(std::move(path)), object_(object) {}

  std::string Where() const override { return file_ + " " + path_; }
  bool Has(std::string_view field) const override {
    const Json* v = Get(field);
    return v && !(v->is_string() && TrimBlanks(v->get_ref<const std::string&>()).empty());
  }
  // Strings are trimmed of spaces and tabs as CSV fields are, so that both
  // formats read the same value (and a CSV export reads back equal).
  std::optional<std::string> Text(std::string_view field) override {
    const Json* v = Get(field);
    if (!v) return std::nullopt;
    if (v->is_string()) {
      std::string_view s = TrimBlanks(v->get_ref<const std::string&>());
      if (s.empty()) return std::nullopt;
      return std::string(s);
    }
    if (v->is_number_integer()) return std::to_string(v->get<int64_t>());
    Error(field, "must be a string");
    return std::nullopt;
  }
  std::optional<double> Number(std::string_view field) override {
    const Json* v = Get(field);
    if (!v) return std::nullopt;
    if (v->is_number()) return v->get<double>();
    if (v->is_string()) {
      const std::string& s = v->get_ref<const std::string&>();
      if (s.empty()) return std::nullopt;
      Error(field, Quote(s) + " is not a number");
    } else {
      Error(field, "must be a number");
    }
    return std::nullopt;
  }
  std::optional<bool> Bool(std::string_view field) override {
    const Json* v = Get(field);
    if (!v) return std::nullopt;
    if (v->is_boolean()) return v->get<bool>();
    Error(field, "must be true or false");
    return std::nullopt;
  }
  std::optional<std::vector<std::string>> List(std::string_view field) override {
    const Json* v = Get(field);
    if (!v) return std::nullopt;
    std::vector<std::string> out;
    if (v->is_array()) {
      for (const Json& item : *v) {
        if (!item.is_string()) {
          Error(field, "must be an array of strings");
          return std::nullopt;
        }
        std::string_view text = TrimBlanks(item.get_ref<const std::string&>());
        if (!text.empty()) out.emplace_back(text);
      }
      return out;
    }
    Error(field, "must be an array of strings");
    return std::nullopt;
  }

 protected:
  std::string Message(std::string_view field, std::string_view problem) const override {
    return file_ + ": " + path_ + "." + std::string(field) + ": " + std::string(problem);
  }

 private:
  const Json* Get(std::string_view field) const {
    auto it = object_.find(field);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  std::string file_;
  std::string path_;
  const Json& object_;
};

template <size_t N>
void RequireFields(Record& r, const std::array<std::string_view, N>& required) {
  for (std::string_view f : required) {
    if (!r.Has(f)) r.Error(f, "is required");
  }
}

// A number within [lo, hi]; else the error `message` and nullopt.
std::optional<double> InRange(Record& r, std::string_view field, double lo, double hi, std::string_view message) {
  std::optional<double> v = r.Number(field);
  if (v && (*v < lo || *v > hi)) {
    r.Error(field, message);
    return std::nullopt;
  }
  return v;
}
std::optional<double> Latitude(Record& r, std::string_view field) {
  return InRange(r, field, -90, 90, "must be between -90 and 90");
}
std::optional<double> Longitude(Record& r, std::string_view field) {
  return InRange(r, field, -180, 180, "must be between -180 and 180");
}
std::optional<double> AtLeastZero(Record& r, std::string_view field) {
  return InRange(r, field, 0, std::numeric_limits<double>::infinity(), "must be >= 0");
}

std::optional<double> Positive(Record& r, std::string_view field) {
  std::optional<double> v = r.Number(field);
  if (v && *v <= 0) {
    r.Error(field, "must be > 0");
    return std::nullopt;
  }
  return v;
}

Vendor ReadVendor(Record& r) {
  Vendor v;
  RequireFields(r, kVendorRequired);
  if (auto id = r.Text("id")) {
    v.id = *id;
    if (!ValidMarketId(*id, false)) r.Error("id", Quote(*id) + " is not a valid vendor id (use a-z, 0-9, - and _)");
  }
  if (auto name = r.Text("name")) v.name = *name;
  if (auto kind = r.Text("kind")) {
    if (auto k = VendorKindFromKey(*kind)) {
      v.kind = *k;
    } else {
      r.Error("kind", "unknown kind " + Quote(*kind) + " (expected market_stall, grocer, farm or community_kitchen)");
    }
  }
  if (auto lat = Latitude(r, "lat")) v.location.lat = *lat;
  if (auto lon = Longitude(r, "lon")) v.location.lon = *lon;
  if (auto hours = r.Text("opening_hours")) v.opening_hours = *hours;
  return v;
}

Product ReadProduct(Record& r, const FoodDb& foods, const std::string& default_currency,
                    const std::string& market_currency) {
  Product p;
  RequireFields(r, kProductRequired);
  if (auto vendor = r.Text("vendor_id")) p.vendor_id = *vendor;
  if (auto id = r.Text("id")) {
    p.id = *id;
    if (!ValidMarketId(*id, true)) r.Error("id", Quote(*id) + " is not a valid product id (use a-z, A-Z, 0-9, ., - and _)");
  }
  if (auto name = r.Text("name")) p.name = *name;
  const std::string label = "product " + Quote(p.id.empty() ? p.name : p.id);

  const Food* food = nullptr;
  if (auto text = r.Text("food")) {
    std::optional<FoodId> id = ParseFoodId(*text);
    if (!id) {
      r.Error("food", Quote(*text) + " is not an SR28 NDB number");
    } else if (food = foods.Find(*id); !food) {
      r.Error("food", "unknown SR28 food " + FormatFoodId(*id));
    } else {
      p.food = *id;
    }
  }

  std::optional<double> grams = Positive(r, "package_g");
  std::optional<double> ml = Positive(r, "package_ml");
  if (!r.Has("package_g") && !r.Has("package_ml")) {
    r.Error("package_g", label + ": the package size is missing: give package_g or package_ml");
  }
  p.package_ml = ml;
  if (grams) {
    p.package_g = *grams;
  } else if (ml && !r.Has("package_g") && food) {
    if (std::optional<double> density = FoodDensity(*food)) {
      p.package_g = *ml * *density;
    } else {
      r.Error("package_ml", label + ": food " + FormatFoodId(food->id) + " (" + food->name +
                                ") has no volume measure in SR28 to convert millilitres to grams; give package_g");
    }
  }

  if (auto price = AtLeastZero(r, "price")) p.price = *price;
  p.currency = r.Text("currency").value_or(default_currency);
  if (p.currency != market_currency) {
    r.Error("currency", label + ": priced in " + p.currency + ", but the market's currency is " + market_currency);
  }
  if (auto stock = AtLeastZero(r, "stock")) {
    if (*stock != std::floor(*stock) || *stock > 1e15) {
      r.Error("stock", "must be a whole number of packages");
    } else {
      p.stock = static_cast<int64_t>(*stock);
    }
  }
  if (auto origin = r.Text("origin")) p.origin = *origin;
  std::optional<double> olat = Latitude(r, "origin_lat");
  std::optional<double> olon = Longitude(r, "origin_lon");
  bool has_lat = r.Has("origin_lat"), has_lon = r.Has("origin_lon");
  if (has_lat != has_lon) {
    r.Error(has_lat ? "origin_lon" : "origin_lat", "origin_lat and origin_lon go together: give both or neither");
  } else if (olat && olon) {
    p.origin_location = GeoPoint{*olat, *olon};
  }
  if (auto production = r.Text("production")) {
    if (auto k = ProductionFromKey(*production)) {
      p.production = *k;
    } else {
      r.Error("production", "unknown production " + Quote(*production) +
                                " (expected local_farm, greenhouse, lab_grown, imported or wild_caught)");
    }
  }
  p.organic = r.Bool("organic").value_or(false);
  p.gmo = r.Bool("gmo");
  if (auto certs = r.List("certifications")) p.certifications = *certs;
  p.co2e_per_kg = AtLeastZero(r, "co2e_per_kg");
  if (auto updated = r.Text("updated_at")) {
    if (ValidTimestamp(*updated)) {
      p.updated_at = *updated;
    } else {
      r.Error("updated_at", Quote(*updated) + " is not an ISO 8601 date or date-time");
    }
  }
  return p;
}

// Everything read from the sources, before validation of the records.
struct Parsed {
  struct Item {
    std::unique_ptr<Record> record;  // nullptr when `error` says why there is none.
    std::string error;
    std::string currency;  // The currency an undeclared product currency means.
    bool unreadable = false;  // A CSV row with the wrong number of fields: not read further.
  };
  std::vector<std::unique_ptr<CsvTable>> tables;
  std::vector<std::unique_ptr<std::unordered_map<std::string, int>>> columns;
  std::vector<std::unique_ptr<Json>> documents;
  std::vector<Item> vendors;
  std::vector<Item> products;
};

template <size_t N, size_t M>
bool CheckHeader(const std::string& file, const CsvTable& table, const std::array<std::string_view, N>& known,
                 const std::array<std::string_view, M>& required, bool products,
                 std::unordered_map<std::string, int>& columns, std::vector<std::string>& errors) {
  const CsvRow header_row{1, table.header()};
  bool ok = true;
  for (size_t i = 0; i < table.header().size(); ++i) {
    std::string name(TrimBlanks(table.header()[i]));
    bool is_known = false;
    for (std::string_view k : known) is_known |= k == name;
    if (!is_known) {
      errors.push_back(CsvRowError(file, header_row, name.empty() ? "(empty)" : name,
                                   "unknown column (expected: " + Join(known, ", ") + ")")
                           .message());
      ok = false;
    } else if (!columns.emplace(name, static_cast<int>(i)).second) {
      errors.push_back(CsvRowError(file, header_row, name, "duplicate column").message());
      ok = false;
    }
  }
  for (std::string_view r : required) {
    if (!columns.contains(std::string(r))) {
      errors.push_back(CsvRowError(file, header_row, r, "required column missing").message());
      ok = false;
    }
  }
  if (products && !columns.contains("package_g") && !columns.contains("package_ml")) {
    errors.push_back(
        CsvRowError(file, header_row, "package_g", "required column missing (or package_ml)").message());
    ok = false;
  }
  return ok;
}

void ParseCsv(const MarketSource& source, bool products, const MarketImportOptions& options, Parsed& parsed,
              std::vector<std::string>& errors) {
  Result<CsvTable> table = CsvTable::Parse(source.text);
  if (!table.ok()) {
    errors.push_back(source.name + " " + table.status().message());
    return;
  }
  auto columns = std::make_unique<std::unordered_map<std::string, int>>();
  bool ok = products ? CheckHeader(source.name, *table, kProductFields, kProductRequired, true, *columns, errors)
                     : CheckHeader(source.name, *table, kVendorFields, kVendorRequired, false, *columns, errors);
  if (!ok) return;
  parsed.tables.push_back(std::make_unique<CsvTable>(std::move(table).value()));
  const CsvTable& t = *parsed.tables.back();
  for (const CsvRow& row : t.rows()) {
    auto record = std::make_unique<CsvRecord>(&errors, source.name, row, *columns);
    bool unreadable = row.fields.size() != t.header().size();
    if (unreadable) {
      record->Defer("*", "has " + std::to_string(row.fields.size()) + " fields, the header has " +
                             std::to_string(t.header().size()));
    }
    (products ? parsed.products : parsed.vendors).push_back({std::move(record), "", options.currency, unreadable});
  }
  parsed.columns.push_back(std::move(columns));
}

void ParseMarketJson(const MarketSource& source, const MarketImportOptions& options, Parsed& parsed,
               std::vector<std::string>& errors) {
  // nlohmann's lexer ends the input at a NUL byte (never valid JSON): what
  // followed would be ignored.
  if (size_t nul = source.text.find('\0'); nul != std::string::npos) {
    errors.push_back(source.name + ": not valid JSON: a NUL byte at byte " + std::to_string(nul + 1));
    return;
  }
  auto doc = std::make_unique<Json>();
  try {
    *doc = Json::parse(source.text);
  } catch (const Json::exception& e) {
    errors.push_back(source.name + ": not valid JSON: " + e.what());
    return;
  }
  const std::string& file = source.name;
  if (!doc->is_object()) {
    errors.push_back(file + ": not a hearth-market document (expected a JSON object)");
    return;
  }
  size_t before = errors.size();
  for (const auto& [key, value] : doc->items()) {
    bool known = false;
    for (std::string_view k : kDocumentFields) known |= k == key;
    if (!known) errors.push_back(file + ": " + key + ": unknown field (expected: " + Join(kDocumentFields, ", ") + ")");
  }
  auto format = doc->find("format");
  if (format == doc->end() || !format->is_string() || format->get<std::string>() != kMarketFormat) {
    errors.push_back(file + ": format: must be \"hearth-market\"");
  }
  auto version = doc->find("version");
  if (version == doc->end() || !version->is_number_integer() || version->get<int64_t>() != kMarketVersion) {
    errors.push_back(file + ": version: must be 1");
  }
  std::string currency = options.currency;
  if (auto c = doc->find("currency"); c != doc->end() && !c->is_null()) {
    if (!c->is_string()) {
      errors.push_back(file + ": currency: must be a string");
    } else if (c->get<std::string>() != options.currency) {
      errors.push_back(file + ": currency: the document is priced in " + c->get<std::string>() +
                       ", but the market's currency is " + options.currency);
    }
  }
  for (std::string_view list : {"vendors", "products"}) {
    auto it = doc->find(list);
    if (it != doc->end() && !it->is_null() && !it->is_array()) {
      errors.push_back(file + ": " + std::string(list) + ": must be an array");
    }
  }
  if (errors.size() != before) return;

  parsed.documents.push_back(std::move(doc));
  const Json& d = *parsed.documents.back();
  for (bool products : {false, true}) {
    const char* list = products ? "products" : "vendors";
    auto it = d.find(list);
    if (it == d.end() || it->is_null()) continue;
    for (size_t i = 0; i < it->size(); ++i) {
      const Json& obj = (*it)[i];
      std::string path = std::string(list) + "[" + std::to_string(i) + "]";
      if (!obj.is_object()) {
        (products ? parsed.products : parsed.vendors).push_back({nullptr, file + ": " + path + ": must be an object", currency});
        continue;
      }
      auto record = std::make_unique<JsonRecord>(&errors, file, path, obj);
      for (const auto& [key, value] : obj.items()) {
        bool known = false;
        if (products) {
          for (std::string_view k : kProductFields) known |= k == key;
        } else {
          for (std::string_view k : kVendorFields) known |= k == key;
        }
        if (!known) record->Defer(key, "unknown field");
      }
      (products ? parsed.products : parsed.vendors).push_back({std::move(record), "", currency});
    }
  }
}

// The volume units an SR28 measure may start with, in order of preference.
struct VolumeUnit {
  std::string_view word;
  double ml;
  int rank;
};
constexpr VolumeUnit kVolumeUnits[] = {
    {"cup", 236.588, 0},      {"cups", 236.588, 0},      {"tbsp", 14.787, 1},     {"tablespoon", 14.787, 1},
    {"tablespoons", 14.787, 1}, {"tsp", 4.929, 2},       {"teaspoon", 4.929, 2},  {"teaspoons", 4.929, 2},
    {"fl oz", 29.574, 3},     {"ml", 1.0, 4},            {"milliliter", 1.0, 4},  {"milliliters", 1.0, 4},
    {"l", 1000.0, 5},         {"liter", 1000.0, 5},      {"liters", 1000.0, 5},
};
constexpr int kVolumeRanks = 6;

// Whether `desc` starts with `word` followed by the end or a non-letter.
bool StartsWithWord(std::string_view desc, std::string_view word) {
  if (desc.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(desc[i])) != word[i]) return false;
  }
  if (desc.size() == word.size()) return true;
  return !std::isalpha(static_cast<unsigned char>(desc[word.size()]));
}

}  // namespace

std::optional<double> FoodDensity(const Food& food) {
  for (int rank = 0; rank < kVolumeRanks; ++rank) {
    for (const HouseholdMeasure& m : food.measures) {
      if (m.amount <= 0 || m.grams <= 0) continue;
      for (const VolumeUnit& u : kVolumeUnits) {
        if (u.rank != rank || !StartsWithWord(m.description, u.word)) continue;
        // "cup, whipped" measures whipped cream, half as dense as the fluid.
        std::string_view rest = std::string_view(m.description).substr(u.word.size());
        while (!rest.empty() && (rest.front() == ',' || rest.front() == ' ')) rest.remove_prefix(1);
        if (rest.starts_with("whipped")) continue;
        return m.grams / (m.amount * u.ml);
      }
    }
  }
  return std::nullopt;
}

std::string MarketImportReport::FormatErrors(size_t cap) const {
  std::string out;
  for (size_t i = 0; i < errors.size() && i < cap; ++i) out += errors[i] + "\n";
  if (errors.size() > cap) out += "and " + std::to_string(errors.size() - cap) + " more\n";
  return out;
}

Result<MarketFileKind> DetectMarketFile(const MarketSource& source) {
  std::string_view text = source.text;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') return MarketFileKind::kJson;
  std::string_view line = text.substr(0, text.find('\n'));
  bool vendor_id = false, kind = false;
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find(',', start);
    if (end == std::string_view::npos) end = line.size();
    std::string_view name = TrimBlanks(line.substr(start, end - start));
    if (!name.empty() && name.back() == '\r') name.remove_suffix(1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    vendor_id |= name == "vendor_id";
    kind |= name == "kind";
    start = end + 1;
  }
  if (vendor_id) return MarketFileKind::kProductsCsv;
  if (kind) return MarketFileKind::kVendorsCsv;
  return Status::InvalidArgument(
      source.name,
      "not a market file: neither JSON nor a CSV whose header has \"vendor_id\" (products) or \"kind\" (vendors)");
}

MarketImport ImportMarket(const std::vector<MarketSource>& sources, const FoodDb& foods,
                          const MarketImportOptions& options) {
  MarketImport out;
  MarketImportReport& report = out.report;
  std::vector<std::string>& errors = report.errors;
  Parsed parsed;
  for (const MarketSource& source : sources) {
    Result<MarketFileKind> kind = DetectMarketFile(source);
    if (!kind.ok()) {
      errors.push_back(kind.status().message());
      continue;
    }
    if (*kind == MarketFileKind::kJson) {
      ParseMarketJson(source, options, parsed, errors);
    } else {
      ParseCsv(source, *kind == MarketFileKind::kProductsCsv, options, parsed, errors);
    }
  }

  std::unordered_map<std::string, std::string> vendor_seen;  // id → where first seen.
  std::unordered_set<std::string> vendor_ok;
  for (Parsed::Item& item : parsed.vendors) {
    ++report.vendors_read;
    if (!item.record) {
      errors.push_back(item.error);
      continue;
    }
    Record& r = *item.record;
    r.Flush();
    if (item.unreadable) continue;
    Vendor v = ReadVendor(r);
    if (!v.id.empty()) {
      auto [it, inserted] = vendor_seen.emplace(v.id, r.Where());
      if (!inserted) r.Error("id", "duplicate vendor " + Quote(v.id) + " (also at " + it->second + ")");
    }
    if (r.bad()) continue;
    vendor_ok.insert(v.id);
    out.market.vendors.push_back(std::move(v));
  }

  const std::unordered_set<std::string> existing(options.existing_vendor_ids.begin(),
                                                 options.existing_vendor_ids.end());
  std::unordered_map<std::string, std::string> product_seen;  // vendor_id + "\n" + id → where.
  for (Parsed::Item& item : parsed.products) {
    ++report.products_read;
    if (!item.record) {
      errors.push_back(item.error);
      continue;
    }
    Record& r = *item.record;
    r.Flush();
    if (item.unreadable) continue;
    Product p = ReadProduct(r, foods, item.currency, options.currency);
    const std::string label = "product " + Quote(p.id.empty() ? p.name : p.id);
    if (!p.vendor_id.empty() && !vendor_ok.contains(p.vendor_id) && !existing.contains(p.vendor_id)) {
      if (!vendor_seen.contains(p.vendor_id)) {
        r.Error("vendor_id", label + ": vendor " + Quote(p.vendor_id) +
                                 " is neither in the imported vendors nor in the market");
      } else if (options.skip_bad_rows) {
        r.Error("vendor_id", label + ": vendor " + Quote(p.vendor_id) + " was skipped because of its errors");
      }
    }
    if (!p.id.empty() && !p.vendor_id.empty()) {
      auto [it, inserted] = product_seen.emplace(p.vendor_id + "\n" + p.id, r.Where());
      if (!inserted) {
        r.Error("id", "duplicate product " + Quote(p.id) + " of vendor " + Quote(p.vendor_id) + " (also at " +
                          it->second + ")");
      }
    }
    if (r.bad()) continue;
    out.market.products.push_back(std::move(p));
  }

  if (!errors.empty() && !options.skip_bad_rows) out.market = Market{};
  report.vendors_imported = static_cast<int>(out.market.vendors.size());
  report.products_imported = static_cast<int>(out.market.products.size());
  return out;
}

Result<MarketImport> ImportMarketFiles(const std::vector<std::string>& paths, const FoodDb& foods,
                                       const MarketImportOptions& options) {
  std::vector<MarketSource> sources;
  for (const std::string& path : paths) {
    HEARTH_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
    sources.push_back({path, std::move(text)});
  }
  return ImportMarket(sources, foods, options);
}

std::string WriteVendorsCsv(const std::vector<Vendor>& vendors) {
  std::string out = Join(kVendorFields, ",") + "\n";
  for (const Vendor& v : vendors) {
    out += CsvEscape(v.id) + "," + CsvEscape(v.name) + "," + std::string(VendorKindKey(v.kind)) + "," +
           FormatDouble(v.location.lat) + "," + FormatDouble(v.location.lon) + "," + CsvEscape(v.opening_hours) +
           "\n";
  }
  return out;
}

std::string WriteProductsCsv(const std::vector<Product>& products) {
  std::string out = Join(kProductFields, ",") + "\n";
  for (const Product& p : products) {
    std::vector<std::string> f = {
        CsvEscape(p.vendor_id),
        CsvEscape(p.id),
        CsvEscape(p.name),
        FormatFoodId(p.food),
        FormatDouble(p.package_g),
        p.package_ml ? FormatDouble(*p.package_ml) : "",
        FormatDouble(p.price),
        CsvEscape(p.currency),
        p.stock ? std::to_string(*p.stock) : "",
        CsvEscape(p.origin),
        p.origin_location ? FormatDouble(p.origin_location->lat) : "",
        p.origin_location ? FormatDouble(p.origin_location->lon) : "",
        std::string(ProductionKey(p.production)),
        p.organic ? "true" : "false",
        p.gmo ? (*p.gmo ? "true" : "false") : "",
        CsvEscape(Join(p.certifications, ";")),
        p.co2e_per_kg ? FormatDouble(*p.co2e_per_kg) : "",
        CsvEscape(p.updated_at),
    };
    out += Join(f, ",") + "\n";
  }
  return out;
}

std::string WriteMarketJson(const Market& market, std::string_view currency) {
  OrderedJson doc;
  doc["format"] = kMarketFormat;
  doc["version"] = kMarketVersion;
  doc["currency"] = currency;
  OrderedJson vendors = OrderedJson::array();
  for (const Vendor& v : market.vendors) {
    OrderedJson o;
    o["id"] = v.id;
    o["name"] = v.name;
    o["kind"] = VendorKindKey(v.kind);
    o["lat"] = v.location.lat;
    o["lon"] = v.location.lon;
    if (!v.opening_hours.empty()) o["opening_hours"] = v.opening_hours;
    vendors.push_back(std::move(o));
  }
  OrderedJson products = OrderedJson::array();
  for (const Product& p : market.products) {
    OrderedJson o;
    o["vendor_id"] = p.vendor_id;
    o["id"] = p.id;
    o["name"] = p.name;
    o["food"] = FormatFoodId(p.food);
    o["package_g"] = p.package_g;
    if (p.package_ml) o["package_ml"] = *p.package_ml;
    o["price"] = p.price;
    if (p.currency != currency) o["currency"] = p.currency;
    if (p.stock) o["stock"] = *p.stock;
    if (!p.origin.empty()) o["origin"] = p.origin;
    if (p.origin_location) {
      o["origin_lat"] = p.origin_location->lat;
      o["origin_lon"] = p.origin_location->lon;
    }
    o["production"] = ProductionKey(p.production);
    o["organic"] = p.organic;
    if (p.gmo) o["gmo"] = *p.gmo;
    if (!p.certifications.empty()) o["certifications"] = p.certifications;
    if (p.co2e_per_kg) o["co2e_per_kg"] = *p.co2e_per_kg;
    if (!p.updated_at.empty()) o["updated_at"] = p.updated_at;
    products.push_back(std::move(o));
  }
  doc["vendors"] = std::move(vendors);
  doc["products"] = std::move(products);
  return doc.dump(2) + "\n";
}

namespace {

Status WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::Unavailable("cannot write file", path);
  out << text;
  out.close();
  if (!out) return Status::Unavailable("cannot write file", path);
  return Status::Ok();
}

}  // namespace

Status WriteMarketCsvDir(const Market& market, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Unavailable("cannot create directory " + dir, ec.message());
  HEARTH_RETURN_IF_ERROR(WriteText(dir + "/vendors.csv", WriteVendorsCsv(market.vendors)));
  return WriteText(dir + "/products.csv", WriteProductsCsv(market.products));
}

Status WriteMarketJsonFile(const Market& market, const std::string& path, std::string_view currency) {
  return WriteText(path, WriteMarketJson(market, currency));
}

}  // namespace hearth
