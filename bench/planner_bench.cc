// One solve of a synthetic plan instance, reported as one JSON line:
//   planner_bench --recipes N --seed S [--solver decomposition|cbc]
//                 [--time-limit SECONDS] [--days D] [--best OBJECTIVE]
// Fields: time to the first verified plan, time to within 1 % of the final
// objective, final objective, proven bound, gap, solve seconds (wall and
// process CPU) and the process's peak resident memory (run one solve per
// process for a clean peak), and the anytime profile
// [[wall s, CPU s, objective], ...] of verified plans. With --best (the best
// known objective of the instance), also the wall and CPU seconds to the
// first plan within 2 % and 1 % of it (null if never). Instance generation is
// not timed.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "hearth/planner/generator.h"
#include "hearth/planner/solver.h"
#include "hearth/planner/verify.h"

namespace {

int Usage() {
  std::fprintf(stderr,
               "usage: planner_bench --recipes N --seed S [--solver decomposition|cbc] [--time-limit S] "
               "[--days D] [--best OBJECTIVE]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hearth::planner;
  GeneratorOptions gen;
  std::string solver_name = "decomposition";
  double time_limit = 10;
  double best_known = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const char* value = argv[i + 1];
    if (key == "--recipes") gen.recipes = std::atoi(value);
    else if (key == "--seed") gen.seed = std::strtoull(value, nullptr, 10);
    else if (key == "--days") gen.days = std::atoi(value);
    else if (key == "--solver") solver_name = value;
    else if (key == "--time-limit") time_limit = std::atof(value);
    else if (key == "--best") best_known = std::atof(value);
    else return Usage();
  }
  if (argc % 2 == 0 || gen.recipes <= 0) return Usage();
  const PlanInstance inst = GenerateInstance(gen);
  std::unique_ptr<Solver> solver;
  if (solver_name == "decomposition") solver = MakeDecompositionSolver();
  else if (solver_name == "cbc") solver = MakeCbcMipSolver();
  else return Usage();
  hearth::Result<SolveOutcome> out =
      solver->Solve(inst, {.time_limit_s = time_limit, .seed = 1, .verbose = std::getenv("HEARTH_VERBOSE") != nullptr});
  if (!out.ok()) {
    std::fprintf(stderr, "planner_bench: %s\n", out.status().ToString().c_str());
    return 1;
  }
  double first = -1, within = -1;
  if (out->plan) {
    if (!VerifyInstancePlan(inst, *out->plan).ok()) {
      std::fprintf(stderr, "planner_bench: returned plan does not verify\n");
      return 1;
    }
    first = out->incumbents.empty() ? out->seconds : out->incumbents.front().seconds;
    within = out->seconds;
    for (const Incumbent& inc : out->incumbents) {
      if (inc.objective <= out->objective * 1.01) {
        within = inc.seconds;
        break;
      }
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto num = [](double v, bool ok) {
    if (!ok) return std::string("null");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return std::string(buf);
  };
  std::string profile = "[";
  for (const Incumbent& inc : out->incumbents) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s[%.4f, %.4f, %.6g]", profile.size() > 1 ? ", " : "",
                  inc.seconds, inc.cpu_seconds, inc.objective);
    profile += buf;
  }
  profile += "]";
  // Wall and CPU seconds to the first plan within `factor` of --best.
  auto reached = [&](double factor) {
    if (best_known <= 0) return std::string();
    for (const Incumbent& inc : out->incumbents) {
      if (inc.objective <= best_known * factor) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "[%.4f, %.4f]", inc.seconds, inc.cpu_seconds);
        return std::string(buf);
      }
    }
    return std::string("null");
  };
  std::string versus;
  if (best_known > 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "\"best_known\": %.6g, ", best_known);
    versus = buf;
    versus += "\"to_2pct_of_best_wall_cpu\": " + reached(1.02) +
              ", \"to_1pct_of_best_wall_cpu\": " + reached(1.01) + ", ";
  }
  std::printf(
      "{\"recipes\": %d, \"seed\": %llu, \"solver\": \"%s\", \"time_limit\": %g, \"status\": \"%s\", "
      "\"first_plan_s\": %s, \"within_1pct_s\": %s, \"objective\": %s, \"bound\": %s, \"gap\": %s, "
      "\"seconds\": %.3f, \"cpu_seconds\": %.3f, %s\"peak_rss_mb\": %.1f, \"incumbents\": %s}\n",
      gen.recipes, static_cast<unsigned long long>(gen.seed), solver_name.c_str(), time_limit,
      std::string(SolveStatusName(out->status)).c_str(), num(first, first >= 0).c_str(),
      num(within, within >= 0).c_str(), num(out->objective, out->plan.has_value()).c_str(),
      num(out->bound.value_or(0), out->bound.has_value()).c_str(),
      num(out->gap().value_or(0), out->gap().has_value()).c_str(), out->seconds, out->cpu_seconds,
      versus.c_str(), static_cast<double>(usage.ru_maxrss) / 1024.0, profile.c_str());
  return 0;
}
