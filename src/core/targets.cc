#include "hearth/core/targets.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace hearth {
namespace {

constexpr const char* kDriTable = "data/dri/dri_values_long.csv";
constexpr const char* kNaKTable = "data/dri/sodium_potassium_2019.csv";
constexpr const char* kAmdrTable = "data/dri/amdr.csv";
constexpr const char* kEnergyTable = "data/dri/energy_equations.csv";

// How a DRI table nutrient maps onto the registry.
struct DriMapping {
  const char* dri_name;
  NutrientId id;
  double factor;          // Table unit → registry unit.
  bool apply_ul;          // false when the UL does not apply to food (see note).
  const char* ul_note;
};

using N = NutrientId;
// UL footnotes of the NAL summary tables: the magnesium UL covers
// supplements only; niacin, folate and vitamin E ULs cover synthetic forms
// (supplements, fortified food); the vitamin A UL covers preformed vitamin A
// only, which the RAE total cannot separate from carotenoids.
constexpr DriMapping kDriMap[] = {
    {"Protein", N::kProtein, 1, true, ""},
    {"Carbohydrates", N::kCarbohydrate, 1, true, ""},
    {"Total fiber", N::kFiber, 1, true, ""},
    {"Linoleic acid", N::kLinoleic, 1, true, ""},
    {"α-Linolenic acid", N::kLinolenicUndiff, 1, true, ""},
    {"Calcium", N::kCalcium, 1, true, ""},
    {"Iron", N::kIron, 1, true, ""},
    {"Magnesium", N::kMagnesium, 1, false,
     "UL not applied: the magnesium UL covers supplements and medicines only"},
    {"Phosphorus", N::kPhosphorus, 1, true, ""},
    {"Potassium", N::kPotassium, 1, true, ""},
    {"Sodium", N::kSodium, 1, true, ""},
    {"Zinc", N::kZinc, 1, true, ""},
    {"Copper", N::kCopper, 0.001, true, ""},
    {"Manganese", N::kManganese, 1, true, ""},
    {"Selenium", N::kSelenium, 1, true, ""},
    {"Vitamin A", N::kVitaminA, 1, false,
     "UL not applied: it covers preformed vitamin A only, and RAE totals include carotenoids"},
    {"Vitamin C", N::kVitaminC, 1, true, ""},
    {"Vitamin D", N::kVitaminD, 1, true, ""},
    {"Vitamin E", N::kVitaminE, 1, false,
     "UL not applied: it covers synthetic α-tocopherol (supplements, fortified food) only"},
    {"Vitamin K", N::kVitaminK, 1, true, ""},
    {"Thiamin", N::kThiamin, 1, true, ""},
    {"Riboflavin", N::kRiboflavin, 1, true, ""},
    {"Niacin", N::kNiacin, 1, false,
     "UL not applied: it covers synthetic niacin (supplements, fortified food) only"},
    {"Pantothenic acid", N::kPantothenicAcid, 1, true, ""},
    {"Vitamin B6", N::kVitaminB6, 1, true, ""},
    {"Folate", N::kFolateDfe, 1, false,
     "UL not applied: it covers synthetic folic acid (supplements, fortified food) only"},
    {"Vitamin B12", N::kVitaminB12, 1, true, ""},
    {"Choline", N::kCholine, 1, true, ""},
};

// Nutrients whose bounds hold on the weekly average by default: body stores
// buffer day-to-day swings (fat-soluble vitamins, B12, folate, trace
// minerals, essential fatty acids). Everything else is bounded every day.
constexpr NutrientId kWeeklyByDefault[] = {
    N::kVitaminA, N::kVitaminD, N::kVitaminE, N::kVitaminK, N::kVitaminB12, N::kFolateDfe,
    N::kSelenium, N::kCopper, N::kManganese, N::kCholine, N::kPantothenicAcid, N::kLinoleic,
    N::kLinolenicUndiff,
};

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

const char* TableOf(const DriRow& r) {
  return r.table == "sodium_potassium_2019.csv" ? kNaKTable : kDriTable;
}

std::string DriCitation(const DriRow& r) {
  std::string who = r.group == "all" ? "everyone" : r.group;
  if (r.table == "sodium_potassium_2019.csv") {
    return "NASEM (2019) DRIs for Sodium and Potassium: " + std::string(DriTypeName(r.type)) +
           ", " + who + " " + r.age_range;
  }
  return "IOM DRI summary tables (USDA NAL, 2011): " + std::string(DriTypeName(r.type)) + ", " +
         who + " " + r.age_range;
}

Bound BoundFromRow(const DriRow& r, double factor, BoundKind kind) {
  return Bound{*r.value * factor, kind, Source{TableOf(r), r.line, DriCitation(r)}, ""};
}

Status FieldError(const std::string& field, double value, const std::string& range) {
  return Status::InvalidArgument(field, Fmt(value) + " is outside " + range);
}

bool Finite(double v) { return std::isfinite(v); }

double KcalPerUnit(NutrientId n) {
  switch (n) {
    case N::kProtein:
    case N::kCarbohydrate:
    case N::kSugars:
    case N::kFiber:
      return 4;
    case N::kFat:
    case N::kSaturatedFat:
    case N::kMonounsaturatedFat:
    case N::kPolyunsaturatedFat:
    case N::kTransFat:
    case N::kLinoleic:
    case N::kLinolenicUndiff:
    case N::kAla:
      return 9;
    default:
      return 0;
  }
}

NutrientTarget& TargetFor(std::vector<NutrientTarget>& v, NutrientId n) {
  for (auto& t : v) {
    if (t.nutrient == n) return t;
  }
  v.push_back(NutrientTarget{n, {}, {}, {}, {}, Averaging::kDaily, {}});
  return v.back();
}

EnergyShareTarget& ShareFor(std::vector<EnergyShareTarget>& v, NutrientId n) {
  for (auto& t : v) {
    if (t.nutrient == n) return t;
  }
  v.push_back(EnergyShareTarget{n, KcalPerUnit(n), {}, {}});
  return v.back();
}

}  // namespace

std::string_view BoundKindName(BoundKind k) {
  switch (k) {
    case BoundKind::kRda: return "RDA";
    case BoundKind::kAi: return "AI";
    case BoundKind::kEar: return "EAR";
    case BoundKind::kUl: return "UL";
    case BoundKind::kCdrr: return "CDRR";
    case BoundKind::kAmdr: return "AMDR";
    case BoundKind::kEer: return "EER";
    case BoundKind::kGuideline: return "guideline";
    case BoundKind::kCondition: return "condition";
    case BoundKind::kOverride: return "override";
  }
  return "?";
}

const NutrientTarget* Targets::Find(NutrientId n) const {
  for (const auto& t : nutrients) {
    if (t.nutrient == n) return &t;
  }
  return nullptr;
}

LifeStage LifeStageOf(const Profile& p) {
  LifeStage s;
  s.age_years = p.age_years;
  if (p.age_years < 1) {
    s.group = "infant";
  } else if (p.age_years < 9) {
    s.group = "child";
  } else if (p.sex == Sex::kFemale && p.age_years >= 14 && p.pregnant()) {
    s.group = "pregnancy";
  } else if (p.sex == Sex::kFemale && p.age_years >= 14 && p.lactating()) {
    s.group = "lactation";
  } else {
    s.group = p.sex == Sex::kMale ? "male" : "female";
  }
  return s;
}

Status ValidateProfile(const Profile& p) {
  if (!Finite(p.age_years) || p.age_years < 0 || p.age_years > 120) {
    return FieldError("age_years", p.age_years, "0-120 years");
  }
  if (!Finite(p.height_cm) || p.height_cm < 40 || p.height_cm > 250) {
    return FieldError("height_cm", p.height_cm, "40-250 cm");
  }
  if (!Finite(p.weight_kg) || p.weight_kg < 2 || p.weight_kg > 350) {
    return FieldError("weight_kg", p.weight_kg, "2-350 kg");
  }
  if (p.pregnancy_trimester < 0 || p.pregnancy_trimester > 3) {
    return FieldError("pregnancy.trimester", p.pregnancy_trimester, "1-3");
  }
  if (p.lactation_months < 0 || p.lactation_months > 24) {
    return FieldError("lactation.months_postpartum", p.lactation_months, "1-24 months");
  }
  if ((p.pregnant() || p.lactating()) && p.sex != Sex::kFemale) {
    return Status::InvalidArgument(p.pregnant() ? "pregnancy" : "lactation",
                                   "applies to sex \"female\" only");
  }
  if ((p.pregnant() || p.lactating()) && (p.age_years < 10 || p.age_years > 60)) {
    return FieldError(p.pregnant() ? "pregnancy" : "lactation", p.age_years,
                      "ages 10-60 years");
  }
  if (p.pregnant() && p.lactating()) {
    return Status::InvalidArgument("lactation", "cannot be combined with pregnancy");
  }
  if (!Finite(p.energy_tolerance_pct) || p.energy_tolerance_pct < 1 ||
      p.energy_tolerance_pct > 50) {
    return FieldError("energy_tolerance_pct", p.energy_tolerance_pct, "1-50 %");
  }
  if (p.budget_per_week && (!Finite(*p.budget_per_week) || *p.budget_per_week < 0)) {
    return FieldError("budget_per_week", *p.budget_per_week, "0 or more");
  }
  const std::pair<const char*, double> weights[] = {
      {"objective_weights.cost", p.weights.cost},
      {"objective_weights.co2e_kg", p.weights.co2e_kg},
      {"objective_weights.dislike", p.weights.dislike},
      {"objective_weights.time_min", p.weights.time_min},
      {"objective_weights.deviation", p.weights.deviation},
  };
  for (const auto& [name, w] : weights) {
    if (!Finite(w) || w < 0 || w > 1e6) return FieldError(name, w, "0-1000000");
  }
  for (size_t i = 0; i < p.overrides.size(); ++i) {
    const TargetOverride& o = p.overrides[i];
    std::string f = "overrides[" + std::to_string(i) + "]";
    if (!o.min && !o.max) return Status::InvalidArgument(f, "needs a min or a max");
    if (o.min && (!Finite(*o.min) || *o.min < 0)) return FieldError(f + ".min", *o.min, "0 or more");
    if (o.max && (!Finite(*o.max) || *o.max < 0)) return FieldError(f + ".max", *o.max, "0 or more");
    if (o.min && o.max && *o.min > *o.max) {
      return Status::InvalidArgument(f, "min " + Fmt(*o.min) + " exceeds max " + Fmt(*o.max));
    }
    if (o.author.empty()) return Status::InvalidArgument(f + ".author", "is required");
  }
  return Status::Ok();
}

Result<EnergyEstimate> EstimateEnergy(const Profile& p, const DriTables& dri) {
  EnergyEstimate e;
  const double a = p.age_years, w = p.weight_kg, h_m = p.height_cm / 100.0;
  const int act = static_cast<int>(p.activity);
  if (p.energy_equation == EnergyEquationChoice::kMifflinStJeor) {
    if (a < 18) {
      return Status::InvalidArgument("energy_equation",
                                     "Mifflin-St Jeor is validated for adults (18+) only");
    }
    const EnergyEquation* eq = dri.FindEnergy("MifflinStJeor_1990_REE", p.sex, "resting");
    if (!eq) return Status::FailedPrecondition("energy equations", "Mifflin-St Jeor row missing");
    // Conventional activity factors for the four levels (FAO/WHO/UNU 2004 PAL ranges).
    constexpr double kFactor[] = {1.2, 1.375, 1.55, 1.725};
    double ree = eq->intercept + eq->coef_age * a + eq->coef_height_cm * p.height_cm +
                 eq->coef_weight_kg * w;
    e.kcal = ree * kFactor[act];
    e.method = "Mifflin-St Jeor (1990) resting energy × activity factor " + Fmt(kFactor[act]);
    e.source = Source{kEnergyTable, eq->line, eq->source};
  } else if (a >= 19) {
    const EnergyEquation* eq = dri.FindEnergy("EER_2023", p.sex, std::string(ActivityName(p.activity)));
    if (!eq) return Status::FailedPrecondition("energy equations", "EER 2023 row missing");
    e.kcal = eq->intercept + eq->coef_age * a + eq->coef_height_cm * p.height_cm +
             eq->coef_weight_kg * w;
    e.method = "EER 2023 adult equation (" + std::string(ActivityName(p.activity)) + ")";
    e.source = Source{kEnergyTable, eq->line, eq->source};
  } else if (a >= 3) {
    // Fallback: IOM (2005) DRIs for Energy, children and adolescents 3-18 y,
    // EER = A - B·age + PA·(C·weight + D·height_m) + energy deposition.
    constexpr double kPaBoys[] = {1.00, 1.13, 1.26, 1.42};
    constexpr double kPaGirls[] = {1.00, 1.16, 1.31, 1.56};
    double deposit = a < 9 ? 20 : 25;
    if (p.sex == Sex::kMale) {
      e.kcal = 88.5 - 61.9 * a + kPaBoys[act] * (26.7 * w + 903 * h_m) + deposit;
    } else {
      e.kcal = 135.3 - 30.8 * a + kPaGirls[act] * (10.0 * w + 934 * h_m) + deposit;
    }
    e.method = "EER IOM 2005 equation for ages 3-18 (fallback: the NASEM 2023 child equations are not shipped)";
    e.source = Source{"", 0, "IOM (2005) Dietary Reference Intakes for Energy, Carbohydrate, Fiber, Fat, "
                             "Fatty Acids, Cholesterol, Protein, and Amino Acids, ch. 5"};
  } else {
    // Fallback: IOM (2005) 0-35 months: (89·weight - 100) + energy deposition.
    double deposit = a < 0.25 ? 175 : a < 0.5 ? 56 : a < 1 ? 22 : 20;
    e.kcal = 89 * w - 100 + deposit;
    e.method = "EER IOM 2005 equation for 0-35 months (fallback)";
    e.source = Source{"", 0, "IOM (2005) Dietary Reference Intakes for Energy, ch. 5"};
  }
  if (p.pregnant()) {
    // Fallback: IOM (2005) pregnancy increments over the non-pregnant EER.
    constexpr double kExtra[] = {0, 0, 340, 452};
    e.kcal += kExtra[p.pregnancy_trimester];
    e.method += " + pregnancy trimester " + std::to_string(p.pregnancy_trimester) + " (+" +
                Fmt(kExtra[p.pregnancy_trimester]) + " kcal, IOM 2005 fallback)";
  } else if (p.lactating()) {
    // Fallback: IOM (2005) lactation: milk energy minus weight loss.
    double extra = p.lactation_months <= 6 ? 330 : p.lactation_months <= 12 ? 400 : 0;
    e.kcal += extra;
    e.method += " + lactation (+" + Fmt(extra) + " kcal, IOM 2005 fallback)";
  }
  if (e.kcal < 300) {
    return Status::InvalidArgument("profile", "the energy estimate (" + Fmt(e.kcal) +
                                                  " kcal) is implausible; check height and weight");
  }
  return e;
}

Result<Targets> ComputeTargets(const Profile& p, const TargetInputs& in) {
  HEARTH_RETURN_IF_ERROR(ValidateProfile(p));
  if (!in.dri) return Status::FailedPrecondition("DRI tables not loaded");
  const DriTables& dri = *in.dri;

  // Resolve conditions first so an unknown id fails before anything is built.
  std::vector<const Condition*> conds;
  for (size_t i = 0; i < p.conditions.size(); ++i) {
    const Condition* found = nullptr;
    if (in.conditions) {
      for (const Condition& c : *in.conditions) {
        if (c.id == p.conditions[i]) found = &c;
      }
    }
    if (!found) {
      std::string known;
      if (in.conditions) {
        for (const Condition& c : *in.conditions) {
          if (c.applies_to_life_stage.empty()) known += (known.empty() ? "" : ", ") + c.id;
        }
      }
      return Status::InvalidArgument("conditions[" + std::to_string(i) + "]",
                                     "unknown condition \"" + p.conditions[i] + "\"; known: " + known);
    }
    if (!found->applies_to_life_stage.empty()) {
      return Status::InvalidArgument("conditions[" + std::to_string(i) + "]",
                                     "\"" + found->id + "\" is applied automatically from " +
                                         found->applies_to_life_stage + "; set that field instead");
    }
    conds.push_back(found);
  }

  Targets t;
  t.life_stage = LifeStageOf(p);
  if (in.conditions) {
    for (const Condition& c : *in.conditions) {
      if ((c.applies_to_life_stage == "pregnancy" && p.pregnant()) ||
          (c.applies_to_life_stage == "lactation" && p.lactating())) {
        conds.push_back(&c);
      }
    }
  }

  HEARTH_ASSIGN_OR_RETURN(EnergyEstimate energy, EstimateEnergy(p, dri));
  t.energy_kcal = energy.kcal;
  t.energy_method = energy.method;
  {
    NutrientTarget& e = TargetFor(t.nutrients, N::kEnergyKcal);
    double tol = p.energy_tolerance_pct / 100.0;
    std::string note = energy.method + "; band ±" + Fmt(p.energy_tolerance_pct) + " %";
    e.min = Bound{energy.kcal * (1 - tol), BoundKind::kEer, energy.source, note};
    e.max = Bound{energy.kcal * (1 + tol), BoundKind::kEer, energy.source, note};
  }

  // DRI rows: min = RDA, else AI; max = UL (unless it does not apply to food).
  const DriRow* label_row = nullptr;
  for (const DriMapping& m : kDriMap) {
    const DriRow* rda = dri.Find(m.dri_name, DriType::kRda, t.life_stage);
    const DriRow* ai = dri.Find(m.dri_name, DriType::kAi, t.life_stage);
    const DriRow* ear = dri.Find(m.dri_name, DriType::kEar, t.life_stage);
    const DriRow* ul = dri.Find(m.dri_name, DriType::kUl, t.life_stage);
    const DriRow* cdrr = dri.Find(m.dri_name, DriType::kCdrr, t.life_stage);
    if (rda && rda->units == "g/kg/d") rda = nullptr;
    if (ear && ear->units == "g/kg/d") ear = nullptr;
    NutrientTarget nt{m.id, {}, {}, {}, {}, Averaging::kDaily, {}};
    if (rda && rda->value) {
      nt.min = BoundFromRow(*rda, m.factor, BoundKind::kRda);
      if (!label_row) label_row = rda;
    } else if (ai && ai->value) {
      nt.min = BoundFromRow(*ai, m.factor, BoundKind::kAi);
    }
    if (ear && ear->value) nt.ear = BoundFromRow(*ear, m.factor, BoundKind::kEar);
    if (cdrr && cdrr->value) {
      nt.max = BoundFromRow(*cdrr, m.factor, BoundKind::kCdrr);
    } else if (ul && ul->value) {
      if (m.apply_ul) {
        nt.max = BoundFromRow(*ul, m.factor, BoundKind::kUl);
      } else {
        nt.notes.push_back(m.ul_note);
      }
    }
    if (m.id == N::kSodium && nt.min) {
      // The sodium AI is shown, not enforced: intakes below it are rare and
      // the health risk lies in excess (NASEM 2019).
      nt.reference = nt.min;
      nt.min.reset();
    }
    if (m.id == N::kLinolenicUndiff) {
      nt.notes.push_back("The α-linolenic acid AI is checked against SR28's 18:3 total, "
                         "which most foods report and is mostly ALA in plant foods");
    }
    if (nt.min || nt.max || nt.reference) t.nutrients.push_back(std::move(nt));
  }

  // Fiber: 14 g per 1,000 kcal of the energy requirement (the basis of the AI).
  if (t.life_stage.age_years >= 1) {
    NutrientTarget& f = TargetFor(t.nutrients, N::kFiber);
    if (f.min) f.reference = f.min;
    f.min = Bound{14.0 * energy.kcal / 1000.0, BoundKind::kAi,
                  Source{"", 0, "IOM (2005) Macronutrients: fiber AI = 14 g per 1,000 kcal"},
                  "14 g × " + Fmt(std::round(energy.kcal)) + " kcal / 1,000"};
  }

  // AMDR shares of energy.
  const std::pair<const char*, NutrientId> amdr_map[] = {
      {"fat", N::kFat}, {"carbohydrate", N::kCarbohydrate}, {"protein", N::kProtein}};
  for (const auto& [name, id] : amdr_map) {
    const AmdrRow* r = dri.FindAmdr(name, t.life_stage.age_years);
    if (!r) continue;
    EnergyShareTarget& s = ShareFor(t.energy_shares, id);
    Source src{kAmdrTable, r->line, "IOM (2005) AMDR, " + std::string(name) + " " + Fmt(r->pct_min) +
                                        "-" + Fmt(r->pct_max) + " % of energy"};
    s.min_fraction = Bound{r->pct_min / 100.0, BoundKind::kAmdr, src, ""};
    s.max_fraction = Bound{r->pct_max / 100.0, BoundKind::kAmdr, src, ""};
  }
  if (t.life_stage.age_years >= 2) {
    EnergyShareTarget& s = ShareFor(t.energy_shares, N::kSaturatedFat);
    s.max_fraction = Bound{0.10, BoundKind::kGuideline,
                           Source{"", 0, "Dietary Guidelines for Americans 2020-2025: saturated fat "
                                         "below 10 % of calories from age 2"},
                           ""};
  }

  // Exclusions from the profile.
  for (Allergen a : p.allergies) t.excluded_allergens |= 1u << static_cast<int>(a);
  t.required_diets = p.diets;

  // Conditions: tighten bounds, add exclusions. The highest condition
  // minimum per nutrient is kept to resolve conflicts below.
  std::array<std::optional<Bound>, kNumNutrients> condition_min;
  for (const Condition* c : conds) {
    t.conditions.push_back(c->id);
    auto cite = [&](const std::string& id) {
      for (const Citation& ci : c->citations) {
        if (ci.id == id) return ci.text;
      }
      return id;
    };
    for (const TargetRule& r : c->targets) {
      Source src{"data/conditions/" + c->id + ".json", 0, c->name + ": " + cite(r.citation)};
      Bound b{r.value, BoundKind::kCondition, src, r.note};
      switch (r.kind) {
        case RuleKind::kMin:
        case RuleKind::kMinPerKgBody:
        case RuleKind::kMinPer1000Kcal: {
          if (r.kind == RuleKind::kMinPerKgBody) b.value = r.value * p.weight_kg;
          if (r.kind == RuleKind::kMinPer1000Kcal) b.value = r.value * energy.kcal / 1000.0;
          NutrientTarget& nt = TargetFor(t.nutrients, r.nutrient);
          if (!nt.min || b.value > nt.min->value) nt.min = b;
          auto& cm = condition_min[Index(r.nutrient)];
          if (!cm || b.value > cm->value) cm = b;
          break;
        }
        case RuleKind::kMax:
        case RuleKind::kMaxPerKgBody:
        case RuleKind::kMaxPer1000Kcal: {
          if (r.kind == RuleKind::kMaxPerKgBody) b.value = r.value * p.weight_kg;
          if (r.kind == RuleKind::kMaxPer1000Kcal) b.value = r.value * energy.kcal / 1000.0;
          NutrientTarget& nt = TargetFor(t.nutrients, r.nutrient);
          if (!nt.max || b.value < nt.max->value) nt.max = b;
          break;
        }
        case RuleKind::kMinPctEnergy:
        case RuleKind::kMaxPctEnergy: {
          if (KcalPerUnit(r.nutrient) == 0) {
            return Status::InvalidArgument("condition " + c->id,
                                           "a share of energy needs a macronutrient, not " +
                                               std::string(Info(r.nutrient).key));
          }
          EnergyShareTarget& s = ShareFor(t.energy_shares, r.nutrient);
          b.value = r.value / 100.0;
          if (r.kind == RuleKind::kMinPctEnergy) {
            if (!s.min_fraction || b.value > s.min_fraction->value) s.min_fraction = b;
          } else {
            if (!s.max_fraction || b.value < s.max_fraction->value) s.max_fraction = b;
          }
          break;
        }
      }
    }
    for (Allergen a : c->exclude_allergens) t.excluded_allergens |= 1u << static_cast<int>(a);
    for (Diet d : c->require_diets) {
      if (std::find(t.required_diets.begin(), t.required_diets.end(), d) == t.required_diets.end()) {
        t.required_diets.push_back(d);
      }
    }
    for (const auto& f : c->exclude_foods) t.excluded_foods.push_back(f);
    for (const auto& m : c->meal_spread) t.meal_spread.push_back(m);
    for (const auto& n : c->notes) t.notes.push_back(c->name + ": " + n);
  }

  // Overrides replace computed bounds.
  for (const TargetOverride& o : p.overrides) {
    NutrientTarget& nt = TargetFor(t.nutrients, o.nutrient);
    Source src{"", 0, "override by " + o.author};
    if (o.min) nt.min = Bound{*o.min, BoundKind::kOverride, src, o.reason};
    if (o.max) nt.max = Bound{*o.max, BoundKind::kOverride, src, o.reason};
    if (nt.min && nt.max && nt.min->value > nt.max->value) {
      return Status::InvalidArgument(
          "overrides", std::string(Info(o.nutrient).key) + ": min " + Fmt(nt.min->value) +
                           " exceeds max " + Fmt(nt.max->value) + " (" +
                           std::string(BoundKindName(nt.max->kind)) + "); override both");
    }
  }

  // Resolve conflicts: a limit set for a condition or by an override wins
  // over a generic minimum (safety first), and the user is told.
  for (NutrientTarget& nt : t.nutrients) {
    if (nt.min && nt.max && nt.min->value > nt.max->value) {
      // The condition's own minimum, if it fits under the limit; else the limit.
      const std::optional<Bound>& cm = condition_min[Index(nt.nutrient)];
      Bound lowered = cm && cm->value <= nt.max->value ? *cm : *nt.min;
      if (!(cm && cm->value <= nt.max->value)) lowered.value = nt.max->value;
      t.notes.push_back(std::string(Info(nt.nutrient).name) + ": minimum " + Fmt(nt.min->value) +
                        " (" + std::string(BoundKindName(nt.min->kind)) + ") lowered to " +
                        Fmt(lowered.value) + " to respect the limit " + Fmt(nt.max->value) + " (" +
                        std::string(BoundKindName(nt.max->kind)) + "), which takes precedence");
      lowered.note = "lowered from " + Fmt(nt.min->value) + " (" +
                     std::string(BoundKindName(nt.min->kind)) + ") to respect the limit";
      nt.min = lowered;
    }
  }
  for (EnergyShareTarget& s : t.energy_shares) {
    const NutrientTarget* nt = t.Find(s.nutrient);
    if (s.min_fraction && nt && nt->max &&
        s.min_fraction->value * energy.kcal / s.kcal_per_unit > nt->max->value) {
      // The share that the nutrient's own minimum (else its limit) makes at
      // the top of the energy band, so both can hold together.
      double basis = nt->min ? nt->min->value : nt->max->value;
      double frac = basis * s.kcal_per_unit / (energy.kcal * (1 + p.energy_tolerance_pct / 100.0));
      t.notes.push_back(std::string(Info(s.nutrient).name) + ": AMDR minimum share lowered to " +
                        Fmt(std::round(frac * 1000) / 10) + " % to respect the " +
                        std::string(BoundKindName(nt->max->kind)) + " limit");
      s.min_fraction->value = frac;
      s.min_fraction->note = "lowered to respect the limit";
    }
    if (s.min_fraction && s.max_fraction && s.min_fraction->value > s.max_fraction->value) {
      s.min_fraction->value = s.max_fraction->value;
    }
  }

  // Averaging: defaults, then the user's choices.
  for (NutrientTarget& nt : t.nutrients) {
    bool weekly = std::find(std::begin(kWeeklyByDefault), std::end(kWeeklyByDefault),
                            nt.nutrient) != std::end(kWeeklyByDefault);
    if (std::find(p.weekly_nutrients.begin(), p.weekly_nutrients.end(), nt.nutrient) !=
        p.weekly_nutrients.end()) {
      weekly = true;
    }
    if (std::find(p.daily_nutrients.begin(), p.daily_nutrients.end(), nt.nutrient) !=
        p.daily_nutrients.end()) {
      weekly = false;
    }
    nt.averaging = weekly ? Averaging::kWeekly : Averaging::kDaily;
  }
  std::sort(t.nutrients.begin(), t.nutrients.end(),
            [](const NutrientTarget& a, const NutrientTarget& b) { return a.nutrient < b.nutrient; });

  // Label: the group and age range of the table rows used.
  {
    std::string group = t.life_stage.group;
    const DriRow* r = label_row ? label_row : dri.Find("Calcium", DriType::kAi, t.life_stage);
    std::string range = r ? r->age_range : "";
    if (group == "male" || group == "female") group += "s";
    t.life_stage_label = group + (range.empty() ? "" : " " + range);
    if (p.pregnant()) t.life_stage_label += " (trimester " + std::to_string(p.pregnancy_trimester) + ")";
    if (p.age_years < 14 && (p.pregnant() || p.lactating())) {
      t.notes.push_back("DRI pregnancy and lactation rows start at 14 y; the female rows are used");
    }
  }
  if (t.life_stage.age_years < 1) {
    t.notes.push_back("Infants are fed breast milk or formula; hearth's recipes are not meant for them");
  }
  return t;
}

}  // namespace hearth
