#include "hearth/importer/food_costs.h"

#include <cmath>
#include <string_view>
#include <utility>

#include "hearth/importer/csv.h"

namespace hearth {
namespace {

constexpr std::string_view kFootprintsFile = "food_footprints.csv";
constexpr std::string_view kPricesFile = "food_prices.csv";

Result<int> Column(std::string_view file, const CsvTable& table, std::string_view name) {
  Result<int> c = table.RequireColumn(name);
  if (!c.ok()) return c.status().WithContext(file);
  return c;
}

std::optional<double> NonNegative(std::string_view text) {
  std::optional<double> v = ParseNumber(text);
  if (!v || !std::isfinite(*v) || *v < 0) return std::nullopt;
  return v;
}

Result<CsvTable> Read(const std::string& dir, std::string_view file) {
  return CsvTable::ReadFile(dir + "/" + std::string(file));
}

}  // namespace

const FoodCost* FoodCostTable::Find(FoodId id) const {
  auto it = by_id_.find(id.ndb);
  return it == by_id_.end() ? nullptr : &it->second;
}

Result<FoodCostTable> LoadFoodCosts(const std::string& dir) {
  FoodCostTable table;

  HEARTH_ASSIGN_OR_RETURN(CsvTable fp, Read(dir, kFootprintsFile));
  HEARTH_ASSIGN_OR_RETURN(int f_ndb, Column(kFootprintsFile, fp, "ndb_no"));
  HEARTH_ASSIGN_OR_RETURN(int f_cat, Column(kFootprintsFile, fp, "category"));
  HEARTH_ASSIGN_OR_RETURN(int f_value, Column(kFootprintsFile, fp, "kg_co2e_per_kg"));
  HEARTH_ASSIGN_OR_RETURN(int f_basis, Column(kFootprintsFile, fp, "basis"));
  for (const CsvRow& r : fp.rows()) {
    if (r.fields.size() != fp.header().size()) {
      return CsvRowError(kFootprintsFile, r, "*", "wrong number of fields");
    }
    std::optional<FoodId> id = ParseFoodId(r.fields[f_ndb]);
    if (!id) return CsvRowError(kFootprintsFile, r, "ndb_no", "not an NDB number");
    FoodCost cost;
    std::optional<double> value = NonNegative(r.fields[f_value]);
    if (!value) return CsvRowError(kFootprintsFile, r, "kg_co2e_per_kg", "not a non-negative number");
    cost.co2e_per_kg = *value;
    cost.co2e_category = r.fields[f_cat];
    cost.co2e_basis = r.fields[f_basis];
    if (cost.co2e_basis == "zero") {
      if (cost.co2e_per_kg != 0) {
        return CsvRowError(kFootprintsFile, r, "kg_co2e_per_kg", "must be 0 for basis \"zero\"");
      }
    } else if (cost.co2e_basis == "category" || cost.co2e_basis == "group_default") {
      if (cost.co2e_category.empty()) {
        return CsvRowError(kFootprintsFile, r, "category",
                        "empty for basis \"" + cost.co2e_basis + "\"");
      }
    } else {
      return CsvRowError(
          kFootprintsFile, r, "basis",
          "unknown basis \"" + cost.co2e_basis + "\" (expected category, group_default or zero)");
    }
    if (!table.by_id_.emplace(id->ndb, std::move(cost)).second) {
      return CsvRowError(kFootprintsFile, r, "ndb_no", "duplicate food " + FormatFoodId(*id));
    }
  }

  HEARTH_ASSIGN_OR_RETURN(CsvTable pr, Read(dir, kPricesFile));
  HEARTH_ASSIGN_OR_RETURN(int p_ndb, Column(kPricesFile, pr, "ndb_no"));
  HEARTH_ASSIGN_OR_RETURN(int p_price, Column(kPricesFile, pr, "price_per_kg"));
  HEARTH_ASSIGN_OR_RETURN(int p_basis, Column(kPricesFile, pr, "basis"));
  for (const CsvRow& r : pr.rows()) {
    if (r.fields.size() != pr.header().size()) {
      return CsvRowError(kPricesFile, r, "*", "wrong number of fields");
    }
    std::optional<FoodId> id = ParseFoodId(r.fields[p_ndb]);
    if (!id) return CsvRowError(kPricesFile, r, "ndb_no", "not an NDB number");
    auto it = table.by_id_.find(id->ndb);
    if (it == table.by_id_.end()) {
      return CsvRowError(
          kPricesFile, r, "ndb_no",
          "food " + FormatFoodId(*id) + " has no row in " + std::string(kFootprintsFile));
    }
    FoodCost& cost = it->second;
    if (cost.price_per_kg) {
      return CsvRowError(kPricesFile, r, "ndb_no", "duplicate food " + FormatFoodId(*id));
    }
    std::optional<double> price = NonNegative(r.fields[p_price]);
    if (!price) return CsvRowError(kPricesFile, r, "price_per_kg", "not a non-negative number");
    const std::string& basis = r.fields[p_basis];
    if (basis != "ers_2022" && basis != "assumption") {
      return CsvRowError(kPricesFile, r, "basis",
                      "unknown basis \"" + basis + "\" (expected ers_2022 or assumption)");
    }
    cost.price_per_kg = *price;
    cost.price_basis = basis;
    ++table.priced_;
  }
  return table;
}

}  // namespace hearth
