#include "hearth/importer/dri.h"

#include "hearth/importer/csv.h"

namespace hearth {
namespace {

std::optional<DriType> ParseDriType(std::string_view s) {
  if (s == "EAR") return DriType::kEar;
  if (s == "RDA") return DriType::kRda;
  if (s == "AI") return DriType::kAi;
  if (s == "UL") return DriType::kUl;
  if (s == "CDRR") return DriType::kCdrr;
  return std::nullopt;
}

// Reads a long-format DRI file (columns nutrient, units, group, sex,
// age_range, age_min_years, age_max_years_excl, dri_type, value[, footnote]).
Status ReadLong(const std::string& dir, const std::string& name, bool skip_na_k,
                std::vector<DriRow>& out) {
  const std::string path = dir + "/" + name;
  HEARTH_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(path));
  const char* cols[] = {"nutrient", "units", "group", "sex", "age_range", "age_min_years",
                        "age_max_years_excl", "dri_type", "value"};
  int c[9];
  for (int i = 0; i < 9; ++i) {
    Result<int> r = t.RequireColumn(cols[i]);
    if (!r.ok()) return r.status().WithContext(path);
    c[i] = *r;
  }
  std::optional<int> c_foot = t.Column("footnote");
  for (const CsvRow& r : t.rows()) {
    if (r.fields.size() != t.header().size()) return CsvRowError(path, r, "*", "wrong number of fields");
    DriRow d;
    d.table = name;
    d.line = r.line;
    d.nutrient = r.fields[c[0]];
    if (skip_na_k && (d.nutrient == "Sodium" || d.nutrient == "Potassium")) continue;
    d.units = r.fields[c[1]];
    d.group = r.fields[c[2]];
    d.sex = r.fields[c[3]];
    d.age_range = r.fields[c[4]];
    auto lo = ParseNumber(r.fields[c[5]]);
    auto hi = ParseNumber(r.fields[c[6]]);
    if (!lo || !hi || *lo >= *hi) return CsvRowError(path, r, "age_min_years", "bad age range");
    d.age_min = *lo;
    d.age_max_excl = *hi;
    auto type = ParseDriType(r.fields[c[7]]);
    if (!type) return CsvRowError(path, r, "dri_type", "unknown DRI type");
    d.type = *type;
    if (!r.fields[c[8]].empty()) {
      auto v = ParseNumber(r.fields[c[8]]);
      if (!v || *v < 0) return CsvRowError(path, r, "value", "not a non-negative number");
      d.value = *v;
    }
    if (c_foot) d.footnote = r.fields[*c_foot];
    out.push_back(std::move(d));
  }
  return Status::Ok();
}

}  // namespace

Result<DriTables> LoadDriTables(const std::string& dir) {
  DriTables t;
  HEARTH_RETURN_IF_ERROR(ReadLong(dir, "dri_values_long.csv", /*skip_na_k=*/true, t.rows));
  HEARTH_RETURN_IF_ERROR(ReadLong(dir, "sodium_potassium_2019.csv", /*skip_na_k=*/false, t.rows));

  const std::string amdr_path = dir + "/amdr.csv";
  HEARTH_ASSIGN_OR_RETURN(CsvTable amdr, CsvTable::ReadFile(amdr_path));
  {
    HEARTH_ASSIGN_OR_RETURN(int c_m, amdr.RequireColumn("macronutrient"));
    HEARTH_ASSIGN_OR_RETURN(int c_lo, amdr.RequireColumn("age_min_years"));
    HEARTH_ASSIGN_OR_RETURN(int c_hi, amdr.RequireColumn("age_max_years_excl"));
    HEARTH_ASSIGN_OR_RETURN(int c_pmin, amdr.RequireColumn("pct_energy_min"));
    HEARTH_ASSIGN_OR_RETURN(int c_pmax, amdr.RequireColumn("pct_energy_max"));
    for (const CsvRow& r : amdr.rows()) {
      AmdrRow a;
      a.line = r.line;
      a.macronutrient = r.fields.at(c_m);
      auto lo = ParseNumber(r.fields.at(c_lo)), hi = ParseNumber(r.fields.at(c_hi));
      auto pmin = ParseNumber(r.fields.at(c_pmin)), pmax = ParseNumber(r.fields.at(c_pmax));
      if (!lo || !hi) return CsvRowError(amdr_path, r, "age_min_years", "bad age range");
      if (!pmin || !pmax || *pmin > *pmax) return CsvRowError(amdr_path, r, "pct_energy_min", "bad range");
      a.age_min = *lo;
      a.age_max_excl = *hi;
      a.pct_min = *pmin;
      a.pct_max = *pmax;
      t.amdr.push_back(std::move(a));
    }
  }

  const std::string e_path = dir + "/energy_equations.csv";
  HEARTH_ASSIGN_OR_RETURN(CsvTable eq, CsvTable::ReadFile(e_path));
  {
    const char* cols[] = {"equation", "sex", "activity_level", "intercept", "coef_age_years",
                          "coef_height_cm", "coef_weight_kg", "source"};
    int c[8];
    for (int i = 0; i < 8; ++i) {
      Result<int> r = eq.RequireColumn(cols[i]);
      if (!r.ok()) return r.status().WithContext(e_path);
      c[i] = *r;
    }
    for (const CsvRow& r : eq.rows()) {
      EnergyEquation e;
      e.line = r.line;
      e.equation = r.fields.at(c[0]);
      const std::string& sex = r.fields.at(c[1]);
      if (sex != "male" && sex != "female") return CsvRowError(e_path, r, "sex", "not male/female");
      e.sex = sex == "male" ? Sex::kMale : Sex::kFemale;
      e.activity = r.fields.at(c[2]);
      double* dst[] = {&e.intercept, &e.coef_age, &e.coef_height_cm, &e.coef_weight_kg};
      for (int i = 0; i < 4; ++i) {
        auto v = ParseNumber(r.fields.at(c[3 + i]));
        if (!v) return CsvRowError(e_path, r, cols[3 + i], "not a number");
        *dst[i] = *v;
      }
      e.source = r.fields.at(c[7]);
      t.energy.push_back(std::move(e));
    }
  }
  return t;
}

}  // namespace hearth
