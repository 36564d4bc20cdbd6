// hearth targets --profile FILE | --age ... [--json]
#include <filesystem>
#include <iostream>

#include "cli/cli.h"
#include "cli/stored.h"
#include "hearth/json/encode.h"
#include "hearth/json/profile_json.h"

namespace hearth::cli {
namespace {

struct TargetsOptions {
  std::string profile_path;
  std::optional<double> age, weight_kg, height_cm;
  std::string sex, activity;
  std::optional<int> trimester, lactation_months;
  std::vector<std::string> conditions, allergies, diets;
  bool json = false;
};

std::string BoundSource(const Bound& b) {
  std::string s(BoundKindName(b.kind));
  if (!b.source.table.empty()) {
    std::string table = std::filesystem::path(b.source.table).filename().string();
    s += " · " + table;
    if (b.source.row > 0) s += " row " + std::to_string(b.source.row);
  } else if (!b.source.citation.empty()) {
    s += " · " + b.source.citation;
  }
  return s;
}

int DecimalsFor(double v) { return v >= 100 ? 0 : v >= 10 ? 1 : 2; }

// Builds a profile from --profile and/or the individual flags (flags win).
Profile ProfileFromOptions(const TargetsOptions& o) {
  Profile p;
  bool have_file = !o.profile_path.empty();
  if (have_file) {
    Result<Profile> r = ReadProfileArg(o.profile_path);
    if (!r.ok()) Fail(r.status());
    p = *r;
  } else {
    if (!o.age || !o.weight_kg || !o.height_cm || o.sex.empty()) {
      throw CLI::ValidationError(
          "give --profile FILE, or at least --age, --sex, --weight-kg and --height-cm");
    }
  }
  if (o.age) p.age_years = *o.age;
  if (o.weight_kg) p.weight_kg = *o.weight_kg;
  if (o.height_cm) p.height_cm = *o.height_cm;
  if (!o.sex.empty()) p.sex = o.sex == "male" ? Sex::kMale : Sex::kFemale;
  if (!o.activity.empty()) p.activity = *ActivityFromName(o.activity);
  if (o.trimester) p.pregnancy_trimester = *o.trimester;
  if (o.lactation_months) p.lactation_months = *o.lactation_months;
  for (const auto& c : o.conditions) p.conditions.push_back(c);
  for (const auto& a : o.allergies) {
    auto al = AllergenFromKey(a);
    if (!al) Fail(Status::InvalidArgument("--allergy", "unknown allergen \"" + a + "\""));
    p.allergies.push_back(*al);
  }
  for (const auto& d : o.diets) {
    auto di = DietFromKey(d);
    if (!di) Fail(Status::InvalidArgument("--diet", "unknown diet \"" + d + "\""));
    p.diets.push_back(*di);
  }
  Status s = ValidateProfile(p);
  if (!s.ok()) Fail(s);
  return p;
}

void RunTargets(const TargetsOptions& o) {
  Profile p = ProfileFromOptions(o);
  const Catalog* c = GetCatalog();
  Result<Targets> r = c->TargetsFor(p);
  if (!r.ok()) Fail(r.status());
  const Targets& t = *r;
  if (o.json) {
    std::cout << TargetsToJson(t).dump(2) << "\n";
    return;
  }
  std::cout << "Daily targets" << (p.name.empty() ? "" : " for " + p.name) << ": "
            << t.life_stage_label << ", " << FormatNumber(t.energy_kcal, 0) << " kcal/day\n"
            << "energy: " << t.energy_method << "\n\n";
  Table tab({"nutrient", "min", "max", "unit", "over", "min source", "max source"});
  tab.RightAlign({1, 2});
  for (const NutrientTarget& n : t.nutrients) {
    const NutrientInfo& info = Info(n.nutrient);
    tab.AddRow({std::string(info.name),
                n.min ? FormatNumber(n.min->value, DecimalsFor(n.min->value)) : "-",
                n.max ? FormatNumber(n.max->value, DecimalsFor(n.max->value)) : "-",
                std::string(info.unit), n.averaging == Averaging::kDaily ? "day" : "week avg",
                n.min ? BoundSource(*n.min) : (n.reference ? "(AI " + FormatNumber(n.reference->value, 0) + " shown, not enforced)" : ""),
                n.max ? BoundSource(*n.max) : ""});
  }
  std::cout << tab.Render() << "\nShares of energy:\n";
  Table sh({"nutrient", "min %", "max %", "source"});
  sh.RightAlign({1, 2});
  for (const EnergyShareTarget& s : t.energy_shares) {
    const Bound* b = s.max_fraction ? &*s.max_fraction : s.min_fraction ? &*s.min_fraction : nullptr;
    sh.AddRow({std::string(Info(s.nutrient).name),
               s.min_fraction ? FormatNumber(s.min_fraction->value * 100, 1) : "-",
               s.max_fraction ? FormatNumber(s.max_fraction->value * 100, 1) : "-",
               b ? BoundSource(*b) : ""});
  }
  std::cout << sh.Render();
  std::cout << "\nconditions: " << JoinKeys(t.conditions, ", ", "none")
            << "\nexcluded allergens: " << JoinKeys(AllergenKeys(AllergensInMask(t.excluded_allergens)), ", ", "none")
            << "\ndiet: " << JoinKeys(DietKeys(t.required_diets), ", ", "any") << "\n";
  if (!t.notes.empty()) {
    std::cout << "\nNotes:\n";
    for (const auto& n : t.notes) std::cout << "- " << n << "\n";
  }
  std::cout << "\nSources: DRI = IOM/NASEM Dietary Reference Intakes (USDA NAL summary tables, 2011;\n"
               "sodium and potassium: NASEM 2019); rows refer to the files in data/dri/.\n";
}

}  // namespace

void RegisterTargetsCommand(CLI::App& app) {
  auto o = std::make_shared<TargetsOptions>();
  CLI::App* cmd = app.add_subcommand("targets", "Daily nutrient targets for a health profile, with sources");
  cmd->add_option("--profile", o->profile_path,
                  "Profile file (JSON, docs/profile-format.md) or the id of a stored profile");
  cmd->add_option("--age", o->age, "Age in years");
  cmd->add_option("--sex", o->sex, "female or male")->check(CLI::IsMember({"female", "male"}));
  cmd->add_option("--weight-kg", o->weight_kg, "Body weight in kg");
  cmd->add_option("--height-cm", o->height_cm, "Height in cm");
  cmd->add_option("--activity", o->activity, "inactive, low_active, active or very_active")
      ->check(CLI::IsMember({"inactive", "low_active", "active", "very_active"}));
  cmd->add_option("--pregnant-trimester", o->trimester, "Pregnancy trimester (1-3)")->check(CLI::Range(1, 3));
  cmd->add_option("--lactating-months", o->lactation_months, "Months postpartum while breastfeeding (1-24)")
      ->check(CLI::Range(1, 24));
  cmd->add_option("--condition", o->conditions, "Condition id (repeatable or comma-separated)")->delimiter(',');
  cmd->add_option("--allergy", o->allergies, "Allergen to exclude (repeatable or comma-separated)")->delimiter(',');
  cmd->add_option("--diet", o->diets, "Diet pattern (vegan, vegetarian, halal, ...)")->delimiter(',');
  cmd->add_flag("--json", o->json, "Print JSON (docs/cli-json.md)");
  cmd->callback([o] { RunTargets(*o); });
}

}  // namespace hearth::cli
