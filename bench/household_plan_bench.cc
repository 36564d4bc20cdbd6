// Plans from the shipped data, timed end to end: the catalogue is loaded,
// the profiles' targets computed, the model built (soft bounds, households,
// meal spread) and solved by the default solver, and the plan checked by
// VerifyPlan. One JSON line per plan:
//   household_plan_bench [--days D] [--time-limit S] [--work-limit NODES] PROFILE.json ...
// (HEARTH_VERBOSE=1 prints the solver's progress to stderr.)
// Fields: catalogue load, build and solve seconds, time to the first
// verified plan and to within 1 % / 2 % of the final objective, objective,
// soft penalty (shortfalls), bound, gap, VerifyPlan seconds, peak RSS.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "hearth/json/profile_json.h"
#include "hearth/planner/solver.h"
#include "hearth/service/catalog.h"
#include "hearth/service/plan_builder.h"
#include "hearth/service/plan_verify.h"

namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

int Fail(const std::string& what) {
  std::fprintf(stderr, "household_plan_bench: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hearth;
  PlanRequestOptions request;
  double time_limit = 10;
  long work_limit = 0;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--days" && i + 1 < argc) {
      request.days = std::atoi(argv[++i]);
    } else if (arg == "--time-limit" && i + 1 < argc) {
      time_limit = std::atof(argv[++i]);
    } else if (arg == "--work-limit" && i + 1 < argc) {
      work_limit = std::atol(argv[++i]);
    } else if (arg.rfind("--", 0) == 0) {
      return Fail("unknown option " + arg);
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) return Fail("usage: household_plan_bench [--days D] [--time-limit S] PROFILE.json ...");
  const Clock::time_point t0 = Clock::now();
  Result<std::unique_ptr<Catalog>> loaded = Catalog::Load(HEARTH_BENCH_DATA_DIR);
  if (!loaded.ok()) return Fail(loaded.status().ToString());
  const Catalog& cat = **loaded;
  const double load_s = Since(t0);
  const Clock::time_point t1 = Clock::now();
  std::vector<PlanMember> household;
  std::string names;
  for (const std::string& f : files) {
    Result<Profile> p = ReadProfileFile(f);
    if (!p.ok()) return Fail(p.status().ToString());
    Result<Targets> t = cat.TargetsFor(*p);
    if (!t.ok()) return Fail(t.status().ToString());
    names += (names.empty() ? "" : "+") + p->name;
    household.push_back({p->name, *p, *t});
  }
  Result<BuiltInstance> built = BuildPlanInstance(cat, household, request);
  if (!built.ok()) return Fail(built.status().ToString());
  const double build_s = Since(t1);
  Result<planner::SolveOutcome> out =
      planner::MakeDecompositionSolver()->Solve(built->instance, {.time_limit_s = time_limit, .seed = 1, .verbose = std::getenv("HEARTH_VERBOSE") != nullptr, .work_limit = work_limit});
  if (!out.ok()) return Fail(out.status().ToString());
  if (!out->plan) return Fail("no plan");
  const Clock::time_point t2 = Clock::now();
  Result<VerifiedPlan> verified = VerifyPlan(cat, household, *built, *out->plan);
  const double verify_s = Since(t2);
  if (!verified.ok() || !verified->ok()) return Fail("the plan does not verify");
  auto reached = [&](double factor) {
    for (const planner::Incumbent& inc : out->incumbents) {
      if (inc.objective <= out->objective * factor) return inc.seconds;
    }
    return out->seconds;
  };
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "{\"people\": \"%s\", \"days\": %d, \"recipes_usable\": %zu, \"load_s\": %.3f, \"build_s\": %.3f, "
      "\"first_plan_s\": %.4f, \"within_2pct_s\": %.3f, \"within_1pct_s\": %.3f, \"solve_s\": %.3f, "
      "\"status\": \"%s\", \"objective\": %.6g, \"soft_penalty\": %.6g, \"bound\": %.6g, \"gap\": %.4g, "
      "\"verify_s\": %.4f, \"peak_rss_mb\": %.1f}\n",
      names.c_str(), request.days, built->instance.recipes.size() - built->excluded.size(), load_s, build_s,
      out->incumbents.empty() ? out->seconds : out->incumbents.front().seconds, reached(1.02), reached(1.01),
      out->seconds, std::string(planner::SolveStatusName(out->status)).c_str(), out->objective,
      out->soft_penalty, out->bound.value_or(0), out->gap().value_or(1), verify_s,
      static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
