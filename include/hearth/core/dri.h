// Dietary Reference Intakes as loaded from data/dri/: the EAR/RDA/AI/UL long
// table for all 22 life-stage groups, the AMDR, the 2019 sodium/potassium
// update (which supersedes the 2005 rows) and the energy equations.
// Lookup answers "which row applies to this person" and returns the row so
// every target can cite its table and row.
//
// Thread safety: immutable after loading.
#ifndef HEARTH_CORE_DRI_H_
#define HEARTH_CORE_DRI_H_

#include <optional>
#include <string>
#include <vector>

namespace hearth {

enum class Sex : int { kFemale = 0, kMale };
enum class ActivityLevel : int { kInactive = 0, kLowActive, kActive, kVeryActive };

// The DRI population group a person falls in.
struct LifeStage {
  std::string group;  // "infant", "child", "male", "female", "pregnancy", "lactation".
  double age_years = 0;
};

enum class DriType : int { kEar = 0, kRda, kAi, kUl, kCdrr };

struct DriRow {
  std::string table;  // File name the row came from, e.g. "dri_values_long.csv".
  int line = 0;       // 1-based line in that file (the header is line 1).
  std::string nutrient;  // Name in the table, e.g. "Vitamin D".
  std::string units;     // "ug/d", "mg/d", "g/d", "g/kg/d".
  std::string group;     // See LifeStage::group; "all" matches every group.
  std::string sex;       // "males", "females", "both".
  std::string age_range;  // "19-30 yr" as printed.
  double age_min = 0;
  double age_max_excl = 0;
  DriType type = DriType::kRda;
  std::optional<double> value;  // nullopt = ND (not determinable).
  std::string footnote;
};

struct AmdrRow {
  int line = 0;
  std::string macronutrient;  // "fat", "carbohydrate", "protein", "n-6 PUFA ...", "n-3 PUFA ...".
  double age_min = 0, age_max_excl = 0;
  double pct_min = 0, pct_max = 0;
};

// kcal/d = intercept + age·a + height_cm·b + weight_kg·c.
struct EnergyEquation {
  int line = 0;
  std::string equation;  // "EER_2023", "MifflinStJeor_1990_REE".
  Sex sex = Sex::kFemale;
  std::string activity;  // "inactive", "low active", "active", "very active", "resting".
  double intercept = 0, coef_age = 0, coef_height_cm = 0, coef_weight_kg = 0;
  std::string source;
};

class DriTables {
 public:
  std::vector<DriRow> rows;  // Long table and the 2019 Na/K rows together.
  std::vector<AmdrRow> amdr;
  std::vector<EnergyEquation> energy;

  // The row of `type` for `nutrient` that applies to `stage`, or nullptr.
  // The 2019 sodium/potassium rows take precedence over the 2005 ones.
  const DriRow* Find(const std::string& nutrient, DriType type, const LifeStage& stage) const;
  // All rows that apply to `stage`.
  std::vector<const DriRow*> RowsFor(const LifeStage& stage) const;
  const AmdrRow* FindAmdr(const std::string& macronutrient, double age_years) const;
  const EnergyEquation* FindEnergy(const std::string& equation, Sex sex,
                                   const std::string& activity) const;
};

std::string_view DriTypeName(DriType t);  // "EAR", "RDA", "AI", "UL", "CDRR".
std::string_view ActivityName(ActivityLevel a);  // "inactive", "low active", ...
std::optional<ActivityLevel> ActivityFromName(std::string_view name);  // also "low_active".

// Whether `row` applies to a person of `stage` (group, sex, age).
bool RowApplies(const DriRow& row, const LifeStage& stage);

}  // namespace hearth

#endif  // HEARTH_CORE_DRI_H_
