#include "hearth/core/dri.h"

namespace hearth {

std::string_view DriTypeName(DriType t) {
  switch (t) {
    case DriType::kEar: return "EAR";
    case DriType::kRda: return "RDA";
    case DriType::kAi: return "AI";
    case DriType::kUl: return "UL";
    case DriType::kCdrr: return "CDRR";
  }
  return "?";
}

std::string_view ActivityName(ActivityLevel a) {
  switch (a) {
    case ActivityLevel::kInactive: return "inactive";
    case ActivityLevel::kLowActive: return "low active";
    case ActivityLevel::kActive: return "active";
    case ActivityLevel::kVeryActive: return "very active";
  }
  return "?";
}

std::optional<ActivityLevel> ActivityFromName(std::string_view name) {
  if (name == "inactive" || name == "sedentary") return ActivityLevel::kInactive;
  if (name == "low active" || name == "low_active") return ActivityLevel::kLowActive;
  if (name == "active") return ActivityLevel::kActive;
  if (name == "very active" || name == "very_active") return ActivityLevel::kVeryActive;
  return std::nullopt;
}

bool RowApplies(const DriRow& row, const LifeStage& stage) {
  if (stage.age_years < row.age_min || stage.age_years >= row.age_max_excl) return false;
  if (row.group == "all") {
    // The 2019 "14+ yr (incl. pregnancy and lactation)" rows: everyone of that age.
    return true;
  }
  if (row.group == stage.group) return true;
  // Children and infants rows ("both" sexes) are stored under their own group;
  // the 2019 table lists 9-13 y children under "child" for both sexes.
  if (row.group == "child" && row.sex == "both" &&
      (stage.group == "male" || stage.group == "female" || stage.group == "child")) {
    return true;
  }
  return false;
}

const DriRow* DriTables::Find(const std::string& nutrient, DriType type,
                              const LifeStage& stage) const {
  const DriRow* found = nullptr;
  for (const DriRow& r : rows) {
    if (r.nutrient != nutrient || r.type != type || !RowApplies(r, stage)) continue;
    // Later tables (the 2019 update, appended after the long table) win.
    found = &r;
  }
  return found;
}

std::vector<const DriRow*> DriTables::RowsFor(const LifeStage& stage) const {
  std::vector<const DriRow*> out;
  for (const DriRow& r : rows) {
    if (RowApplies(r, stage)) out.push_back(&r);
  }
  return out;
}

const AmdrRow* DriTables::FindAmdr(const std::string& macronutrient, double age_years) const {
  for (const AmdrRow& r : amdr) {
    if (r.macronutrient == macronutrient && age_years >= r.age_min && age_years < r.age_max_excl) {
      return &r;
    }
  }
  return nullptr;
}

const EnergyEquation* DriTables::FindEnergy(const std::string& equation, Sex sex,
                                            const std::string& activity) const {
  for (const EnergyEquation& e : energy) {
    if (e.equation == equation && e.sex == sex && e.activity == activity) return &e;
  }
  return nullptr;
}

}  // namespace hearth
