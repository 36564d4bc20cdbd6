#include "hearth/planner/generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

#include "planner/rng.h"

namespace hearth::planner {
namespace {

// Nutrients of the synthetic catalogue with a DRI-like daily reference and
// which rows constrain them. Fractions multiply `ref`; 0 = no such bound.
struct NutrientSpec {
  const char* id;
  const char* unit;
  double ref;          // Typical daily need (or limit).
  double daily_min;    // Daily min as a fraction of ref.
  double daily_max;    // Daily max as a fraction of ref.
  double weekly_min;   // Weekly-average min as a fraction of ref.
  double weekly_max;   // Weekly-average max as a fraction of ref.
};

constexpr std::array<NutrientSpec, 34> kNutrients = {{
    {"energy_kcal", "kcal", 2000, 0.925, 1.075, 0, 0},
    {"protein_g", "g", 60, 1.0, 0, 0, 0},
    {"fat_g", "g", 70, 0, 0, 0, 0},
    {"saturated_fat_g", "g", 20, 0, 0, 0, 0},
    {"carbohydrate_g", "g", 260, 0, 0, 0, 0},
    {"sugars_g", "g", 50, 0, 2.0, 0, 0},
    {"fiber_g", "g", 30, 0.7, 0, 0.9, 0},
    {"sodium_mg", "mg", 2300, 0, 1.0, 0, 0.9},
    {"potassium_mg", "mg", 3400, 0.6, 0, 0, 0},
    {"calcium_mg", "mg", 1000, 0.6, 2.5, 0, 0},
    {"iron_mg", "mg", 12, 0.7, 3.75, 0, 0},
    {"magnesium_mg", "mg", 400, 0.6, 0, 0, 0},
    {"zinc_mg", "mg", 11, 0.7, 3.6, 0, 0},
    {"phosphorus_mg", "mg", 700, 0.8, 5.7, 0, 0},
    {"selenium_ug", "ug", 55, 0.8, 7.2, 0, 0},
    {"vitamin_a_ug", "ug", 900, 0.6, 3.3, 0, 0},
    {"vitamin_c_mg", "mg", 90, 0.8, 22, 0, 0},
    {"vitamin_d_ug", "ug", 15, 0, 0, 0.6, 0},
    {"vitamin_e_mg", "mg", 15, 0.6, 60, 0, 0},
    {"vitamin_k_ug", "ug", 120, 0.7, 0, 0, 0},
    {"thiamin_mg", "mg", 1.2, 0.8, 0, 0, 0},
    {"riboflavin_mg", "mg", 1.3, 0.8, 0, 0, 0},
    {"niacin_mg", "mg", 16, 0.8, 0, 0, 0},
    {"vitamin_b6_mg", "mg", 1.7, 0.8, 60, 0, 0},
    {"folate_ug", "ug", 400, 0.7, 0, 0, 0},
    {"vitamin_b12_ug", "ug", 2.4, 0, 0, 1.0, 0},
    {"choline_mg", "mg", 550, 0, 0, 0.7, 0},
    {"cholesterol_mg", "mg", 300, 0, 1.0, 0, 0},
    {"copper_mg", "mg", 0.9, 0.8, 11, 0, 0},
    {"manganese_mg", "mg", 2.3, 0.7, 4.8, 0, 0},
    {"ala_g", "g", 1.6, 0, 0, 0.8, 0},
    {"linoleic_g", "g", 17, 0, 0, 0.7, 0},
    {"epa_dha_g", "g", 0.25, 0, 0, 0.5, 0},
    {"water_g", "g", 2500, 0, 0, 0, 0},
}};

enum Nut { kEnergy = 0, kProtein, kFat, kSatFat, kCarb, kSugar, kFiber, kSodium };
constexpr int kCholesterolIdx = 27;
constexpr int kB12Idx = 25;
constexpr int kVitDIdx = 17;
constexpr int kEpaIdx = 32;
constexpr int kWaterIdx = 33;

// A food-like profile per 100 g.
struct Profile {
  const char* name;
  double kcal, protein, fat, satfat, carb, sugar, fiber, sodium, cholesterol;
  double cost;        // Money per 100 g.
  double co2e;        // kg CO2e per 100 g.
  double richness;    // Micronutrient density multiplier.
  double b12, vitd, epa;  // Multipliers for animal-sourced nutrients.
  const char* allergen;   // "" if none.
  const char* tag;
};

constexpr std::array<Profile, 12> kProfiles = {{
    {"black beans", 130, 8.5, 0.5, 0.1, 23, 0.5, 7, 240, 0, 0.25, 0.09, 1.6, 0.02, 0.05, 0.02, "soy", "legume"},
    {"whole wheat pasta", 250, 8, 2, 0.4, 50, 3, 4, 300, 0, 0.20, 0.15, 1.0, 0.02, 0.05, 0.02, "gluten", "grain"},
    {"yogurt", 90, 5, 4, 2.5, 6, 5, 0, 60, 15, 0.30, 0.60, 1.1, 2.5, 1.5, 0.05, "milk", "dairy"},
    {"chicken", 210, 26, 11, 4, 0, 0, 0, 70, 80, 1.10, 2.50, 0.9, 3.0, 0.4, 0.1, "", "meat"},
    {"salmon", 170, 22, 8, 2, 0, 0, 0, 80, 60, 1.40, 0.90, 1.2, 4.0, 8.0, 15.0, "fish", "fish"},
    {"shrimp", 100, 20, 1.5, 0.3, 1, 0, 0, 300, 150, 1.80, 1.20, 1.1, 4.0, 1.0, 5.0, "shellfish", "seafood"},
    {"broccoli", 35, 2, 0.3, 0.05, 6, 3, 2.8, 30, 0, 0.25, 0.08, 3.0, 0.02, 0.05, 0.02, "", "vegetable"},
    {"apple", 60, 0.8, 0.3, 0.05, 15, 11, 2.4, 1, 0, 0.30, 0.07, 1.5, 0.02, 0.05, 0.02, "", "fruit"},
    {"peanuts", 600, 18, 52, 6, 20, 4, 8, 5, 0, 1.80, 0.30, 1.0, 0.02, 0.05, 0.02, "peanut", "nut"},
    {"egg", 145, 12.5, 10, 3, 1, 1, 0, 140, 370, 0.50, 0.45, 1.2, 2.5, 3.0, 0.5, "egg", "egg"},
    {"cake", 450, 5, 22, 10, 58, 35, 2, 250, 30, 0.60, 0.40, 0.4, 0.3, 0.3, 0.05, "milk", "sweet"},
    {"potato", 85, 2, 0.1, 0.0, 19, 0.8, 2.2, 6, 0, 0.12, 0.05, 1.3, 0.02, 0.05, 0.02, "", "tuber"},
}};

// Recipe kinds: which profiles they mix, the slots they fill, kcal per serving.
struct Kind {
  std::array<int, 3> main;      // Candidate main profiles.
  std::array<int, 3> sides;     // Candidate side profiles.
  std::array<int, 2> slots;     // Slot indices (-1 = none).
  double kcal;
};
constexpr std::array<Kind, 3> kKinds = {{
    {{1, 2, 9}, {7, 8, 2}, {0, 3}, 450},     // breakfast (and snack)
    {{0, 3, 4}, {1, 6, 11}, {1, 2}, 650},    // lunch/dinner mains; shrimp via variant
    {{7, 8, 10}, {2, 7, 6}, {3, 0}, 250},    // snack (and breakfast)
}};

}  // namespace

PlanInstance GenerateInstance(const GeneratorOptions& options) {
  Rng rng(options.seed);
  PlanInstance inst;
  inst.name = "synthetic-" + std::to_string(options.recipes) + "-seed" + std::to_string(options.seed);
  for (const NutrientSpec& n : kNutrients) inst.nutrients.push_back({n.id, n.unit});
  inst.energy_nutrient = 0;
  const size_t num_n = kNutrients.size();

  // Micronutrient density of each profile: per 100 kcal, lognormal around
  // the daily reference spread over 2,000 kcal.
  std::vector<std::vector<double>> profile_nut(kProfiles.size(), std::vector<double>(num_n, 0.0));
  for (size_t p = 0; p < kProfiles.size(); ++p) {
    const Profile& f = kProfiles[p];
    std::vector<double>& v = profile_nut[p];
    v[kEnergy] = f.kcal;
    v[kProtein] = f.protein;
    v[kFat] = f.fat;
    v[kSatFat] = f.satfat;
    v[kCarb] = f.carb;
    v[kSugar] = f.sugar;
    v[kFiber] = f.fiber;
    v[kSodium] = f.sodium;
    v[kCholesterolIdx] = f.cholesterol;
    for (size_t n = 8; n < num_n; ++n) {
      if (static_cast<int>(n) == kCholesterolIdx) continue;
      double m = f.richness * rng.LogNormal(0.6);
      if (static_cast<int>(n) == kB12Idx) m = f.b12;
      if (static_cast<int>(n) == kVitDIdx) m = f.vitd * 0.6;
      if (static_cast<int>(n) == kEpaIdx) m = f.epa * 0.4;
      if (static_cast<int>(n) == kWaterIdx) m = 1.0;
      v[n] = kNutrients[n].ref / 2000.0 * f.kcal * m;
    }
  }

  const std::vector<std::string> slot_names = {"breakfast", "lunch", "dinner", "snack"};
  inst.plan.slots = slot_names;
  const int num_r = std::max(1, options.recipes);
  inst.recipes.reserve(static_cast<size_t>(num_r));
  for (int j = 0; j < num_r; ++j) {
    RecipeDef r;
    char id[32];
    std::snprintf(id, sizeof id, "r%05d", j);
    r.id = id;
    const double u = rng.Uniform();
    const int kind = u < 0.3 ? 0 : (u < 0.8 ? 1 : 2);
    const Kind& k = kKinds[static_cast<size_t>(kind)];
    int main = k.main[static_cast<size_t>(rng.Below(3))];
    if (kind == 1 && rng.Uniform() < 0.12) main = 5;   // shrimp
    if (kind == 1 && rng.Uniform() < 0.15) main = 9;   // egg dish
    std::vector<int> parts = {main};
    const int num_sides = 1 + rng.Below(3);
    for (int s = 0; s < num_sides; ++s) parts.push_back(k.sides[static_cast<size_t>(rng.Below(3))]);
    if (rng.Uniform() < 0.1) parts.push_back(8);  // a handful of peanuts
    std::vector<double> grams(parts.size());
    for (size_t i = 0; i < parts.size(); ++i) grams[i] = (i == 0 ? 120.0 : 70.0) * rng.LogNormal(0.4);
    r.nutrients.assign(num_n, 0.0);
    double cost = 0, co2 = 0;
    for (size_t i = 0; i < parts.size(); ++i) {
      const Profile& f = kProfiles[static_cast<size_t>(parts[i])];
      for (size_t n = 0; n < num_n; ++n) {
        r.nutrients[n] += grams[i] / 100.0 * profile_nut[static_cast<size_t>(parts[i])][n] * rng.LogNormal(0.2);
      }
      cost += grams[i] / 100.0 * f.cost * rng.LogNormal(0.3);
      co2 += grams[i] / 100.0 * f.co2e * rng.LogNormal(0.3);
      if (f.allergen[0] != '\0' &&
          std::find(r.allergens.begin(), r.allergens.end(), f.allergen) == r.allergens.end()) {
        r.allergens.push_back(f.allergen);
      }
      if (std::find(r.tags.begin(), r.tags.end(), f.tag) == r.tags.end()) r.tags.push_back(f.tag);
    }
    // Scale to the kind's energy per serving.
    const double scale = k.kcal * rng.LogNormal(0.25) / std::max(1.0, r.nutrients[kEnergy]);
    for (double& x : r.nutrients) x = std::round(x * scale * 1000.0) / 1000.0;
    r.cost = std::round((0.4 + cost * scale) * 100.0) / 100.0;
    r.co2e_kg = std::round(co2 * scale * 1000.0) / 1000.0;
    r.slots.push_back(k.slots[0]);
    if (k.slots[1] >= 0 && rng.Uniform() < 0.5) r.slots.push_back(k.slots[1]);
    std::sort(r.slots.begin(), r.slots.end());
    r.name = kProfiles[static_cast<size_t>(parts[0])].name;
    for (size_t i = 1; i < parts.size(); ++i) r.name += std::string(", ") + kProfiles[static_cast<size_t>(parts[i])].name;
    bool animal = false;
    for (int p : parts) animal = animal || (p == 2 || p == 3 || p == 4 || p == 5 || p == 9 || p == 10);
    if (!animal) r.tags.push_back("vegan");
    inst.recipes.push_back(std::move(r));
  }

  PlanSpec& plan = inst.plan;
  plan.days = std::clamp(options.days, 1, 28);
  plan.servings = {0.5, 2.0, 0.5};
  plan.max_uses_per_week = 2;
  plan.max_uses_per_day = 1;
  plan.exclude_allergens = {"peanut", "shellfish"};
  plan.objective = {1.0, 0.5, 0.05};
  plan.dislike.resize(inst.recipes.size());
  for (double& d : plan.dislike) d = static_cast<double>(rng.Below(11));
  for (size_t n = 0; n < num_n; ++n) {
    const NutrientSpec& s = kNutrients[n];
    if (s.daily_min > 0 || s.daily_max > 0) {
      NutrientRow row;
      row.nutrient = static_cast<int>(n);
      if (s.daily_min > 0) row.min = s.daily_min * s.ref;
      if (s.daily_max > 0) row.max = s.daily_max * s.ref;
      plan.daily.push_back(row);
    }
    if (s.weekly_min > 0 || s.weekly_max > 0) {
      NutrientRow row;
      row.nutrient = static_cast<int>(n);
      if (s.weekly_min > 0) row.min = s.weekly_min * s.ref;
      if (s.weekly_max > 0) row.max = s.weekly_max * s.ref;
      plan.weekly_average.push_back(row);
    }
  }
  plan.energy_share = {{kProtein, 4, 0.10, 0.35, kInf},
                       {kFat, 9, 0.20, 0.40, kInf},
                       {kCarb, 4, 0.40, 0.65, kInf},
                       {kSatFat, 9, -kInf, 0.12, kInf},
                       {kSugar, 4, -kInf, 0.25, kInf}};

  // Plant a plan: per day, the best of several random menus (distinct
  // recipes over the week), servings scaled towards 2,000 kcal. Then relax
  // each bound just enough for the planted plan to keep it.
  const int slots = 4;
  std::vector<std::vector<int>> by_slot(slots);
  for (size_t j = 0; j < inst.recipes.size(); ++j) {
    if (IsExcluded(inst, static_cast<int>(j))) continue;
    for (int s : inst.recipes[j].slots) by_slot[static_cast<size_t>(s)].push_back(static_cast<int>(j));
  }
  std::vector<char> used(inst.recipes.size(), 0);
  Plan planted;
  planted.cells.resize(static_cast<size_t>(plan.days * slots));
  const std::vector<double> levels = ServingLevels(plan.servings);
  auto day_score = [&](const std::vector<PlanCell>& menu) {
    std::vector<double> t(num_n, 0.0);
    double cost = 0;
    for (const PlanCell& c : menu) {
      for (size_t n = 0; n < num_n; ++n) t[n] += c.servings * inst.recipes[static_cast<size_t>(c.recipe)].nutrients[n];
      cost += c.servings * inst.recipes[static_cast<size_t>(c.recipe)].cost;
    }
    double bad = 0;
    for (const NutrientRow& row : plan.daily) {
      const double v = t[static_cast<size_t>(row.nutrient)];
      if (v < row.min) bad += (row.min - v) / row.min;
      if (v > row.max) bad += (v - row.max) / row.max;
    }
    for (const EnergyShareRow& row : plan.energy_share) {
      const double v = row.kcal_per_unit * t[static_cast<size_t>(row.nutrient)] / std::max(1.0, t[0]);
      if (v < row.min) bad += (row.min - v) * 5;
      if (v > row.max) bad += (v - row.max) * 5;
    }
    return bad + 0.001 * cost;
  };
  for (int d = 0; d < plan.days; ++d) {
    std::vector<PlanCell> best;
    double best_score = kInf;
    for (int trial = 0; trial < 120; ++trial) {
      std::vector<PlanCell> menu(slots);
      bool ok = true;
      for (int s = 0; s < slots && ok; ++s) {
        const std::vector<int>& cand = by_slot[static_cast<size_t>(s)];
        if (cand.empty()) { ok = false; break; }
        int r = -1;
        for (int tries = 0; tries < 20; ++tries) {
          const int pick = cand[static_cast<size_t>(rng.Below(static_cast<int>(cand.size())))];
          bool dup = used[static_cast<size_t>(pick)] != 0;
          for (int q = 0; q < s; ++q) dup = dup || menu[static_cast<size_t>(q)].recipe == pick;
          if (!dup) { r = pick; break; }
        }
        if (r < 0) { ok = false; break; }
        menu[static_cast<size_t>(s)] = {r, 1.0};
      }
      if (!ok) continue;
      double kcal = 0;
      for (const PlanCell& c : menu) kcal += inst.recipes[static_cast<size_t>(c.recipe)].nutrients[0];
      const double f = 2000.0 / std::max(1.0, kcal);
      for (PlanCell& c : menu) {
        double bestv = levels.front();
        for (double l : levels) if (std::fabs(l - f) < std::fabs(bestv - f)) bestv = l;
        c.servings = bestv;
      }
      const double sc = day_score(menu);
      if (sc < best_score) { best_score = sc; best = menu; }
    }
    if (best.empty()) break;  // Catalogue too small: leave the bounds as they are.
    for (int s = 0; s < slots; ++s) {
      planted.cells[static_cast<size_t>(d * slots + s)] = best[static_cast<size_t>(s)];
      used[static_cast<size_t>(best[static_cast<size_t>(s)].recipe)] = 1;
    }
    if (d == plan.days - 1) {
      // Relax bounds to the planted plan (1 % beyond it).
      std::vector<std::vector<double>> day_tot(static_cast<size_t>(plan.days), std::vector<double>(num_n, 0.0));
      std::vector<double> week(num_n, 0.0);
      double spend = 0;
      for (int dd = 0; dd < plan.days; ++dd) {
        for (int s = 0; s < slots; ++s) {
          const PlanCell& c = planted.cells[static_cast<size_t>(dd * slots + s)];
          const RecipeDef& rr = inst.recipes[static_cast<size_t>(c.recipe)];
          for (size_t n = 0; n < num_n; ++n) day_tot[static_cast<size_t>(dd)][n] += c.servings * rr.nutrients[n];
          spend += c.servings * rr.cost;
        }
        for (size_t n = 0; n < num_n; ++n) week[n] += day_tot[static_cast<size_t>(dd)][n];
      }
      for (NutrientRow& row : plan.daily) {
        for (const std::vector<double>& t : day_tot) {
          const double v = t[static_cast<size_t>(row.nutrient)];
          if (v < row.min) row.min = std::floor(v * 0.99);
          if (v > row.max) row.max = std::ceil(v * 1.01);
        }
      }
      for (NutrientRow& row : plan.weekly_average) {
        const double v = week[static_cast<size_t>(row.nutrient)] / plan.days;
        if (v < row.min) row.min = std::floor(v * 0.99 * 1000) / 1000;
        if (v > row.max) row.max = std::ceil(v * 1.01 * 1000) / 1000;
      }
      for (EnergyShareRow& row : plan.energy_share) {
        for (const std::vector<double>& t : day_tot) {
          const double v = row.kcal_per_unit * t[static_cast<size_t>(row.nutrient)] / std::max(1.0, t[0]);
          if (v < row.min) row.min = std::floor((v - 0.01) * 100) / 100;
          if (v > row.max) row.max = std::ceil((v + 0.01) * 100) / 100;
        }
      }
      plan.budget_per_week = std::ceil(spend * 1.02);
    }
  }
  return inst;
}

}  // namespace hearth::planner
