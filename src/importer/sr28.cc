#include "hearth/importer/sr28.h"

#include <unordered_map>

#include "hearth/importer/csv.h"

namespace hearth {
namespace {

}  // namespace

Result<std::vector<Food>> LoadSr28(const std::string& dir) {
  const std::string groups_path = dir + "/food_groups.csv";
  HEARTH_ASSIGN_OR_RETURN(CsvTable groups, CsvTable::ReadFile(groups_path));
  std::unordered_map<std::string, std::string> group_names;
  {
    HEARTH_ASSIGN_OR_RETURN(int c_code, groups.RequireColumn("food_group_code"));
    HEARTH_ASSIGN_OR_RETURN(int c_name, groups.RequireColumn("food_group"));
    for (const CsvRow& r : groups.rows()) group_names[r.fields.at(c_code)] = r.fields.at(c_name);
  }

  const std::string foods_path = dir + "/foods.csv";
  HEARTH_ASSIGN_OR_RETURN(CsvTable foods_csv, CsvTable::ReadFile(foods_path));
  HEARTH_ASSIGN_OR_RETURN(int c_ndb, foods_csv.RequireColumn("ndb_no"));
  HEARTH_ASSIGN_OR_RETURN(int c_fdc, foods_csv.RequireColumn("fdc_id"));
  HEARTH_ASSIGN_OR_RETURN(int c_group, foods_csv.RequireColumn("food_group_code"));
  HEARTH_ASSIGN_OR_RETURN(int c_desc, foods_csv.RequireColumn("long_desc"));
  HEARTH_ASSIGN_OR_RETURN(int c_common, foods_csv.RequireColumn("common_names"));
  HEARTH_ASSIGN_OR_RETURN(int c_refuse, foods_csv.RequireColumn("refuse_pct"));
  HEARTH_ASSIGN_OR_RETURN(int c_maker, foods_csv.RequireColumn("manufacturer"));
  HEARTH_ASSIGN_OR_RETURN(int c_survey, foods_csv.RequireColumn("survey"));

  std::vector<Food> foods;
  foods.reserve(foods_csv.rows().size());
  std::unordered_map<int32_t, size_t> index;
  for (const CsvRow& r : foods_csv.rows()) {
    if (r.fields.size() != foods_csv.header().size()) {
      return CsvRowError(foods_path, r, "*", "wrong number of fields");
    }
    Food f;
    auto id = ParseFoodId(r.fields[c_ndb]);
    if (!id) return CsvRowError(foods_path, r, "ndb_no", "not an NDB number");
    f.id = *id;
    if (!r.fields[c_fdc].empty()) {
      auto fdc = ParseNumber(r.fields[c_fdc]);
      if (!fdc) return CsvRowError(foods_path, r, "fdc_id", "not a number");
      f.fdc_id = static_cast<int64_t>(*fdc);
    }
    f.group_code = r.fields[c_group];
    auto g = group_names.find(f.group_code);
    if (g == group_names.end()) return CsvRowError(foods_path, r, "food_group_code", "unknown group");
    f.group = g->second;
    f.name = r.fields[c_desc];
    f.common_names = r.fields[c_common];
    f.manufacturer = r.fields[c_maker];
    f.survey = r.fields[c_survey] == "Y";
    if (!r.fields[c_refuse].empty()) {
      auto refuse = ParseNumber(r.fields[c_refuse]);
      if (!refuse || *refuse < 0 || *refuse >= 100) {
        return CsvRowError(foods_path, r, "refuse_pct", "not a percentage in [0, 100)");
      }
      f.refuse_pct = *refuse;
    }
    if (!index.emplace(f.id.ndb, foods.size()).second) {
      return CsvRowError(foods_path, r, "ndb_no", "duplicate food");
    }
    foods.push_back(std::move(f));
  }

  const std::string nut_path = dir + "/nutrients_per_100g.csv";
  HEARTH_ASSIGN_OR_RETURN(CsvTable nut, CsvTable::ReadFile(nut_path));
  HEARTH_ASSIGN_OR_RETURN(int n_ndb, nut.RequireColumn("ndb_no"));
  std::array<int, kNumNutrients> cols{};
  for (const auto& info : AllNutrients()) {
    Result<int> c = nut.RequireColumn(info.sr28_tag);
    if (!c.ok()) return c.status().WithContext(nut_path);
    cols[Index(info.id)] = *c;
  }
  for (const CsvRow& r : nut.rows()) {
    auto id = ParseFoodId(r.fields.at(n_ndb));
    if (!id) return CsvRowError(nut_path, r, "ndb_no", "not an NDB number");
    auto it = index.find(id->ndb);
    if (it == index.end()) return CsvRowError(nut_path, r, "ndb_no", "food not in foods.csv");
    Food& f = foods[it->second];
    for (const auto& info : AllNutrients()) {
      const std::string& cell = r.fields.at(cols[Index(info.id)]);
      if (cell.empty()) continue;
      auto v = ParseNumber(cell);
      if (!v || *v < 0) return CsvRowError(nut_path, r, info.sr28_tag, "not a non-negative number");
      f.per_100g[Index(info.id)] = *v;
      f.reported_mask |= uint64_t{1} << Index(info.id);
    }
  }

  const std::string w_path = dir + "/household_measures.csv";
  HEARTH_ASSIGN_OR_RETURN(CsvTable w, CsvTable::ReadFile(w_path));
  HEARTH_ASSIGN_OR_RETURN(int w_ndb, w.RequireColumn("ndb_no"));
  HEARTH_ASSIGN_OR_RETURN(int w_amount, w.RequireColumn("amount"));
  HEARTH_ASSIGN_OR_RETURN(int w_desc, w.RequireColumn("measure_desc"));
  HEARTH_ASSIGN_OR_RETURN(int w_grams, w.RequireColumn("gram_weight"));
  for (const CsvRow& r : w.rows()) {
    auto id = ParseFoodId(r.fields.at(w_ndb));
    if (!id) return CsvRowError(w_path, r, "ndb_no", "not an NDB number");
    auto it = index.find(id->ndb);
    if (it == index.end()) return CsvRowError(w_path, r, "ndb_no", "food not in foods.csv");
    auto amount = ParseNumber(r.fields.at(w_amount));
    auto grams = ParseNumber(r.fields.at(w_grams));
    if (!amount || *amount <= 0) return CsvRowError(w_path, r, "amount", "not a positive number");
    if (!grams || *grams <= 0) return CsvRowError(w_path, r, "gram_weight", "not a positive number");
    foods[it->second].measures.push_back({*amount, r.fields.at(w_desc), *grams});
  }
  return foods;
}

}  // namespace hearth
