// DRI lookups and daily targets, checked against the shipped tables and
// against values typed by hand from the NASEM/IOM DRI summary tables.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "hearth/core/targets.h"
#include "hearth/importer/csv.h"
#include "hearth/importer/dri.h"
#include "hearth/json/profile_json.h"

namespace hearth {
namespace {

const std::string kDri = std::string(HEARTH_TEST_DATA_DIR) + "/dri";

const DriTables& Tables() {
  static const DriTables* t = [] {
    Result<DriTables> r = LoadDriTables(kDri);
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      return new DriTables();
    }
    return new DriTables(std::move(r).value());
  }();
  return *t;
}

LifeStage Stage(const std::string& group, double age) { return LifeStage{group, age}; }

// Every row of the long table (except the superseded 2005 sodium and
// potassium rows) is what a lookup for a person of that row's group and age
// returns; the 2019 rows likewise.
TEST(DriLookup, ReproducesEveryRowOfEveryLifeStageGroup) {
  std::set<std::string> groups_seen;
  for (const char* file : {"dri_values_long.csv", "sodium_potassium_2019.csv"}) {
    Result<CsvTable> t = CsvTable::ReadFile(kDri + "/" + file);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    int c_n = *t->Column("nutrient"), c_g = *t->Column("group"), c_lo = *t->Column("age_min_years"),
        c_hi = *t->Column("age_max_years_excl"), c_type = *t->Column("dri_type"),
        c_v = *t->Column("value"), c_sex = *t->Column("sex"), c_range = *t->Column("age_range");
    int checked = 0;
    for (const CsvRow& row : t->rows()) {
      const std::string& nutrient = row.fields[c_n];
      bool superseded = std::string(file) == "dri_values_long.csv" &&
                        (nutrient == "Sodium" || nutrient == "Potassium");
      std::string group = row.fields[c_g];
      double lo = *ParseNumber(row.fields[c_lo]);
      double hi = *ParseNumber(row.fields[c_hi]);
      std::vector<std::string> people = {group};
      if (group == "all") people = {"male", "female", "pregnancy", "lactation"};
      if (group == "child" && lo >= 9) people = {"male", "female"};
      std::string type_s = row.fields[c_type];
      DriType type = type_s == "EAR"   ? DriType::kEar
                     : type_s == "RDA" ? DriType::kRda
                     : type_s == "AI"  ? DriType::kAi
                     : type_s == "UL"  ? DriType::kUl
                                       : DriType::kCdrr;
      for (const std::string& who : people) {
        for (double age : {lo, (lo + std::min(hi, 100.0)) / 2}) {
          LifeStage s = Stage(who, age);
          const DriRow* found = Tables().Find(nutrient, type, s);
          if (superseded) {
            // Replaced by the 2019 row of the same type, or gone (the 2005
            // sodium UL became the CDRR).
            if (found) {
              EXPECT_EQ(found->table, "sodium_potassium_2019.csv") << nutrient << " line " << row.line;
            }
            continue;
          }
          ASSERT_NE(found, nullptr) << file << " line " << row.line;
          EXPECT_EQ(found->line, row.line) << file << " line " << row.line << " (" << who << " " << age << ")";
          EXPECT_EQ(found->table, file);
          if (row.fields[c_v].empty()) {
            EXPECT_FALSE(found->value.has_value());
          } else {
            ASSERT_TRUE(found->value.has_value()) << file << " line " << row.line;
            EXPECT_DOUBLE_EQ(*found->value, *ParseNumber(row.fields[c_v]));
          }
          ++checked;
        }
      }
      groups_seen.insert(group + "/" + row.fields[c_sex] + "/" + row.fields[c_range]);
    }
    EXPECT_GT(checked, std::string(file) == "dri_values_long.csv" ? 3000 : 40) << file;
  }
  // 22 life-stage groups in the long table (2 infant, 2 child, 6 male, 6
  // female, 3 pregnancy, 3 lactation) plus the 2019 table's own groupings.
  int long_groups = 0;
  for (const auto& g : groups_seen) {
    if (g.find("all/") != 0 && g.find("yr (") == std::string::npos) ++long_groups;
  }
  EXPECT_GE(long_groups, 22);
}

struct HandValue {
  const char* group;
  double age;
  const char* nutrient;
  DriType type;
  double value;  // In the table's units.
};

// Typed by hand from the NASEM/IOM DRI summary tables (RDA/AI: vitamins and
// elements; UL tables) and the NASEM 2019 sodium/potassium report.
constexpr HandValue kHandValues[] = {
    {"female", 30, "Iron", DriType::kRda, 18},
    {"female", 30, "Calcium", DriType::kRda, 1000},
    {"female", 30, "Vitamin C", DriType::kRda, 75},
    {"female", 30, "Folate", DriType::kRda, 400},
    {"female", 30, "Vitamin D", DriType::kRda, 15},
    {"female", 30, "Potassium", DriType::kAi, 2600},
    {"female", 30, "Sodium", DriType::kCdrr, 2300},
    {"female", 55, "Iron", DriType::kRda, 8},
    {"female", 55, "Calcium", DriType::kRda, 1200},
    {"male", 40, "Vitamin C", DriType::kRda, 90},
    {"male", 40, "Zinc", DriType::kRda, 11},
    {"male", 40, "Magnesium", DriType::kRda, 420},
    {"male", 40, "Vitamin A", DriType::kRda, 900},
    {"male", 40, "Vitamin K", DriType::kAi, 120},
    {"male", 40, "Potassium", DriType::kAi, 3400},
    {"male", 75, "Vitamin D", DriType::kRda, 20},
    {"male", 16, "Calcium", DriType::kRda, 1300},
    {"male", 16, "Iron", DriType::kRda, 11},
    {"female", 12, "Iron", DriType::kRda, 8},
    {"pregnancy", 25, "Iron", DriType::kRda, 27},
    {"pregnancy", 25, "Folate", DriType::kRda, 600},
    {"pregnancy", 25, "Protein", DriType::kRda, 71},
    {"pregnancy", 25, "Choline", DriType::kAi, 450},
    {"lactation", 25, "Vitamin A", DriType::kRda, 1300},
    {"lactation", 25, "Vitamin C", DriType::kRda, 120},
    {"child", 2, "Calcium", DriType::kRda, 700},
    {"child", 2, "Iron", DriType::kRda, 7},
    {"child", 6, "Vitamin C", DriType::kRda, 25},
    {"child", 6, "Sodium", DriType::kCdrr, 1500},
    {"infant", 0.3, "Calcium", DriType::kAi, 200},
    {"infant", 0.3, "Iron", DriType::kAi, 0.27},
    {"female", 30, "Calcium", DriType::kUl, 2500},
    {"female", 30, "Vitamin D", DriType::kUl, 100},
    {"female", 30, "Iron", DriType::kUl, 45},
    {"male", 40, "Zinc", DriType::kUl, 40},
};

TEST(DriLookup, MatchesValuesTypedFromTheNasemTables) {
  for (const HandValue& h : kHandValues) {
    const DriRow* r = Tables().Find(h.nutrient, h.type, Stage(h.group, h.age));
    ASSERT_NE(r, nullptr) << h.group << " " << h.age << " " << h.nutrient;
    ASSERT_TRUE(r->value.has_value());
    EXPECT_DOUBLE_EQ(*r->value, h.value) << h.group << " " << h.age << " " << h.nutrient << " "
                                         << DriTypeName(h.type);
  }
}

Profile Woman30() {
  Profile p;
  p.age_years = 30;
  p.sex = Sex::kFemale;
  p.height_cm = 165;
  p.weight_kg = 60;
  p.activity = ActivityLevel::kActive;
  return p;
}

TEST(EstimateEnergy, Eer2023AdultWorkedExamples) {
  // 710.25 - 7.01*30 + 6.54*165 + 12.34*60
  EXPECT_NEAR(EstimateEnergy(Woman30(), Tables())->kcal, 2319.45, 0.01);
  Profile m;
  m.age_years = 40;
  m.sex = Sex::kMale;
  m.height_cm = 180;
  m.weight_kg = 80;
  m.activity = ActivityLevel::kLowActive;
  // 581.47 - 10.83*40 + 8.30*180 + 14.94*80
  EXPECT_NEAR(EstimateEnergy(m, Tables())->kcal, 2837.47, 0.01);
}

TEST(EstimateEnergy, MifflinStJeorWorkedExample) {
  Profile p = Woman30();
  p.energy_equation = EnergyEquationChoice::kMifflinStJeor;
  // (10*60 + 6.25*165 - 5*30 - 161) * 1.55
  EXPECT_NEAR(EstimateEnergy(p, Tables())->kcal, 1320.25 * 1.55, 0.01);
  p.age_years = 12;
  EXPECT_EQ(EstimateEnergy(p, Tables()).status().code(), StatusCode::kInvalidArgument);
}

TEST(EstimateEnergy, ChildAndPregnancyFallbacks) {
  Profile b;
  b.age_years = 10;
  b.sex = Sex::kMale;
  b.height_cm = 140;
  b.weight_kg = 35;
  b.activity = ActivityLevel::kActive;
  // IOM 2005: 88.5 - 61.9*10 + 1.26*(26.7*35 + 903*1.40) + 25
  EXPECT_NEAR(EstimateEnergy(b, Tables())->kcal, 88.5 - 619 + 1.26 * (934.5 + 1264.2) + 25, 0.01);
  Profile p = Woman30();
  p.pregnancy_trimester = 3;
  EXPECT_NEAR(EstimateEnergy(p, Tables())->kcal, 2319.45 + 452, 0.01);
}

// Reads line `line` of a data file and checks it names `nutrient` with `value`.
void ExpectSourceRow(const Bound& b, const std::string& nutrient, double value) {
  ASSERT_FALSE(b.source.table.empty());
  Result<CsvTable> t = CsvTable::ReadFile(std::string(HEARTH_TEST_DATA_DIR) + "/../" + b.source.table);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  const CsvRow* row = nullptr;
  for (const CsvRow& r : t->rows()) {
    if (r.line == b.source.row) row = &r;
  }
  ASSERT_NE(row, nullptr) << b.source.table << " row " << b.source.row;
  EXPECT_EQ(row->fields[*t->Column("nutrient")], nutrient);
  EXPECT_DOUBLE_EQ(*ParseNumber(row->fields[*t->Column("value")]), value);
}

TEST(ComputeTargets, WomanOf30CitesTheTableRows) {
  Result<Targets> r = ComputeTargets(Woman30(), TargetInputs{&Tables(), nullptr});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Targets& t = *r;
  EXPECT_EQ(t.life_stage_label, "females 19-30 yr");
  struct Want {
    NutrientId id;
    const char* dri_name;
    double min;
    BoundKind kind;
  };
  const Want wants[] = {
      {NutrientId::kIron, "Iron", 18, BoundKind::kRda},
      {NutrientId::kCalcium, "Calcium", 1000, BoundKind::kRda},
      {NutrientId::kVitaminC, "Vitamin C", 75, BoundKind::kRda},
      {NutrientId::kFolateDfe, "Folate", 400, BoundKind::kRda},
      {NutrientId::kVitaminD, "Vitamin D", 15, BoundKind::kRda},
      {NutrientId::kPotassium, "Potassium", 2600, BoundKind::kAi},
  };
  for (const Want& w : wants) {
    const NutrientTarget* n = t.Find(w.id);
    ASSERT_NE(n, nullptr) << w.dri_name;
    ASSERT_TRUE(n->min.has_value()) << w.dri_name;
    EXPECT_DOUBLE_EQ(n->min->value, w.min) << w.dri_name;
    EXPECT_EQ(n->min->kind, w.kind) << w.dri_name;
    ExpectSourceRow(*n->min, w.dri_name, w.min);
  }
  const NutrientTarget* na = t.Find(NutrientId::kSodium);
  ASSERT_NE(na, nullptr);
  ASSERT_TRUE(na->max.has_value());
  EXPECT_DOUBLE_EQ(na->max->value, 2300);
  EXPECT_EQ(na->max->kind, BoundKind::kCdrr);
  ExpectSourceRow(*na->max, "Sodium", 2300);
  EXPECT_FALSE(na->min.has_value());  // The AI is shown, not enforced.
  // Energy band ±10 % around the EER; fiber 14 g per 1,000 kcal.
  const NutrientTarget* e = t.Find(NutrientId::kEnergyKcal);
  EXPECT_NEAR(e->min->value, 2319.45 * 0.9, 0.01);
  EXPECT_NEAR(e->max->value, 2319.45 * 1.1, 0.01);
  EXPECT_NEAR(t.Find(NutrientId::kFiber)->min->value, 14 * 2.31945, 0.001);
  // Copper converts from µg to mg; UL of magnesium is not applied to food.
  EXPECT_DOUBLE_EQ(t.Find(NutrientId::kCopper)->min->value, 0.9);
  EXPECT_FALSE(t.Find(NutrientId::kMagnesium)->max.has_value());
  // AMDR and saturated fat.
  bool protein = false, satfat = false;
  for (const auto& s : t.energy_shares) {
    if (s.nutrient == NutrientId::kProtein) {
      protein = true;
      EXPECT_DOUBLE_EQ(s.min_fraction->value, 0.10);
      EXPECT_DOUBLE_EQ(s.max_fraction->value, 0.35);
    }
    if (s.nutrient == NutrientId::kSaturatedFat) {
      satfat = true;
      EXPECT_DOUBLE_EQ(s.max_fraction->value, 0.10);
    }
  }
  EXPECT_TRUE(protein);
  EXPECT_TRUE(satfat);
  EXPECT_EQ(t.Find(NutrientId::kVitaminD)->averaging, Averaging::kWeekly);
  EXPECT_EQ(t.Find(NutrientId::kIron)->averaging, Averaging::kDaily);
}

TEST(ComputeTargets, PregnancyUsesPregnancyRows) {
  Profile p = Woman30();
  p.pregnancy_trimester = 2;
  Result<Targets> r = ComputeTargets(p, TargetInputs{&Tables(), nullptr});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->Find(NutrientId::kIron)->min->value, 27);
  EXPECT_DOUBLE_EQ(r->Find(NutrientId::kFolateDfe)->min->value, 600);
  EXPECT_EQ(r->life_stage_label, "pregnancy 19-30 yr (trimester 2)");
}

TEST(ComputeTargets, OverrideIsRecordedWithItsAuthor) {
  Profile p = Woman30();
  p.overrides.push_back({NutrientId::kSodium, std::nullopt, 1800, "Dr. A. Rivera, RD", "family history"});
  Result<Targets> r = ComputeTargets(p, TargetInputs{&Tables(), nullptr});
  ASSERT_TRUE(r.ok());
  const Bound& b = *r->Find(NutrientId::kSodium)->max;
  EXPECT_DOUBLE_EQ(b.value, 1800);
  EXPECT_EQ(b.kind, BoundKind::kOverride);
  EXPECT_EQ(b.source.citation, "override by Dr. A. Rivera, RD");
  EXPECT_EQ(b.note, "family history");
}

struct BadProfile {
  const char* json;
  const char* message;
};

constexpr BadProfile kBadProfiles[] = {
    {R"({"age_years": 300, "sex": "female", "height_cm": 165, "weight_kg": 60, "activity": "active"})",
     "age_years: 300 is outside 0-120 years"},
    {R"({"age_years": 30, "sex": "female", "height_cm": 165, "weight_kg": -3, "activity": "active"})",
     "weight_kg: -3 is outside 2-350 kg"},
    {R"({"age_years": 30, "sex": "female", "height_cm": 165, "weight_kg": 60, "activity": "lazy"})",
     "activity: must be one of inactive, low_active, active, very_active; got \"lazy\""},
    {R"({"age_years": 30, "sex": "x", "height_cm": 165, "weight_kg": 60, "activity": "active"})",
     "sex: must be \"female\" or \"male\", got \"x\""},
    {R"({"age_years": 30, "sex": "male", "height_cm": 165, "weight_kg": 60, "activity": "active",
         "pregnancy": {"trimester": 2}})",
     "pregnancy: applies to sex \"female\" only"},
    {R"({"age_years": 30, "sex": "female", "height_cm": 165, "weight_kg": 60, "activity": "active",
         "pregnancy": {"trimester": 4}})",
     "pregnancy.trimester: must be 1, 2 or 3"},
    {R"({"age_years": 30, "sex": "female", "height_cm": 165, "weight_kg": 60, "activity": "active",
         "allergies": ["penut"]})",
     "allergies[0]: unknown allergen \"penut\" (milk, egg, fish, shellfish, tree_nut, peanut, wheat, "
     "soy, sesame, gluten, celery, mustard, sulphites, lupin, molluscs)"},
    {R"({"age_years": 30, "sex": "female", "height_cm": 165, "wieght_kg": 60, "activity": "active"})",
     "wieght_kg: unknown field"},
    {R"({"age_years": 30, "sex": "female", "height_cm": 165, "activity": "active"})",
     "weight_kg: is required"},
    {R"({"age_years": "30", "sex": "female", "height_cm": 165, "weight_kg": 60, "activity": "active"})",
     "age_years: must be a number, got \"30\""},
    {R"({"age_years": 30, "sex": "female", "height_cm": 165, "weight_kg": 60, "activity": "active",
         "overrides": [{"nutrient": "vit_x", "min": 3, "author": "me"}]})",
     "overrides[0].nutrient: unknown nutrient \"vit_x\""},
    {R"({"age_years": 30, "sex": "female", "height_cm": 165, "weight_kg": 60, "activity": "active",
         "overrides": [{"nutrient": "iron_mg", "min": 30, "max": 20, "author": "me"}]})",
     "overrides[0]: min 30 exceeds max 20"},
    {R"({"age_years": 30, "sex": "female", "height_cm": 165, "weight_kg": 60, "activity": "active",
         "overrides": [{"nutrient": "iron_mg", "min": 30}]})",
     "overrides[0].author: is required"},
    {R"([1, 2])", "profile: a profile must be a JSON object"},
    {R"({"age_years": 30,)", "profile: not valid JSON"},
};

TEST(ParseProfileJson, EveryBadInputNamesItsField) {
  for (const BadProfile& b : kBadProfiles) {
    Result<Profile> r = ParseProfileJson(b.json);
    ASSERT_FALSE(r.ok()) << b.json;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), b.message) << b.json;
  }
}

TEST(ParseProfileJson, RoundTrips) {
  Result<Profile> p = ParseProfileJson(
      R"({"name": "Ana", "age_years": 30, "sex": "female", "height_cm": 165, "weight_kg": 60,
          "activity": "very_active", "allergies": ["peanut"], "diet": "vegetarian",
          "budget_per_week": 70, "lactation": {"months_postpartum": 3},
          "overrides": [{"nutrient": "sodium_mg", "max": 1800, "author": "RD", "reason": "bp"}]})");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  Result<Profile> q = ParseProfileJson(ProfileToJson(*p));
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(ProfileToJson(*p), ProfileToJson(*q));
  EXPECT_EQ(q->activity, ActivityLevel::kVeryActive);
  EXPECT_EQ(q->lactation_months, 3);
  EXPECT_EQ(q->overrides.at(0).author, "RD");
}

TEST(ComputeTargets, UnknownConditionNamesTheField) {
  Profile p = Woman30();
  p.conditions = {"scurvy"};
  std::vector<Condition> none;
  Result<Targets> r = ComputeTargets(p, TargetInputs{&Tables(), &none});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "conditions[0]: unknown condition \"scurvy\"; known: ");
}

}  // namespace
}  // namespace hearth
