// hearth instance export --profile FILE [--days N] [--out FILE]
#include <fstream>
#include <iostream>

#include "cli/cli.h"
#include "cli/stored.h"
#include "hearth/json/profile_json.h"
#include "hearth/planner/instance_io.h"
#include "hearth/service/plan_builder.h"

namespace hearth::cli {
namespace {

struct ExportOptions {
  std::string profile;
  std::string out;
  PlanRequestOptions request;
};

void RunInstanceExport(const ExportOptions& o) {
  Result<Profile> p = ReadProfileArg(o.profile);
  if (!p.ok()) Fail(p.status());
  const Catalog* c = GetCatalog();
  Result<Targets> t = c->TargetsFor(*p);
  if (!t.ok()) Fail(t.status());
  Result<BuiltInstance> b = BuildPlanInstance(*c, *p, *t, o.request);
  if (!b.ok()) Fail(b.status());
  std::string json = planner::InstanceToJson(b->instance);
  if (o.out.empty()) {
    std::cout << json << "\n";
  } else {
    std::ofstream f(o.out);
    f << json << "\n";
    if (!f) Fail(Status::Unavailable("cannot write", o.out));
    std::cerr << "wrote " << o.out << ": " << b->instance.recipes.size() << " recipes ("
              << b->excluded.size() << " excluded by the profile), " << b->instance.plan.days
              << " days × " << b->instance.plan.slots.size() << " slots\n";
  }
}

}  // namespace

void RegisterInstanceExportCommand(CLI::App& instance) {
  auto o = std::make_shared<ExportOptions>();
  o->request.hard_bounds = true;  // The instance format has only hard rows.
  CLI::App* cmd = instance.add_subcommand(
      "export", "Write the plan instance (mealplan-instance JSON) of a profile over the recipe library");
  cmd->add_option("--profile", o->profile,
                  "Profile file (JSON, docs/profile-format.md) or the id of a stored profile")
      ->required();
  cmd->add_option("--days", o->request.days, "Days to plan (1-28, default 7)")->check(CLI::Range(1, 28));
  cmd->add_option("--out", o->out, "Instance file (default: standard output)");
  cmd->callback([o] { RunInstanceExport(*o); });
}

}  // namespace hearth::cli
