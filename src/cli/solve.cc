// `hearth solve` and `hearth instance generate`.
#include "cli/solve.h"

#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "hearth/planner/generator.h"
#include "hearth/planner/instance_io.h"
#include "hearth/planner/solver.h"

namespace {

// Options of `hearth solve`.
struct SolveCommandOptions {
  std::string instance;         // Instance file (mealplan-instance JSON).
  std::string out;              // Solution file; default: stdout.
  double time_limit_s = 10.0;   // Seconds. Default: 10.
  std::uint64_t seed = 1;       // Default: 1.
  int threads = 1;              // Default: 1.
  bool baseline_cbc = false;    // Use the one-MILP CBC baseline.
  bool verbose = false;
};

struct GenerateCommandOptions {
  int recipes = 1000;
  std::uint64_t seed = 1;
  int days = 7;
  std::string out;
};

// Ends the command with `code` through main (its message is already printed).
[[noreturn]] void Exit(int code) {
  std::fflush(stdout);
  throw hearth::cli::CommandError{code, ""};
}

void RunSolve(const SolveCommandOptions& o) {
  using namespace hearth::planner;
  hearth::Result<PlanInstance> inst = ReadInstanceFile(o.instance);
  if (!inst.ok()) {
    std::cerr << "hearth solve: " << inst.status().message() << "\n";
    Exit(1);
  }
  std::unique_ptr<Solver> solver = o.baseline_cbc ? MakeCbcMipSolver() : MakeDecompositionSolver();
  SolveOptions so;
  so.time_limit_s = o.time_limit_s;
  so.seed = o.seed;
  so.threads = o.threads;
  so.verbose = o.verbose;
  hearth::Result<SolveOutcome> out = solver->Solve(*inst, so);
  if (!out.ok()) {
    std::cerr << "hearth solve: " << out.status().ToString() << "\n";
    Exit(1);
  }
  const std::string json = SolutionToJson(*inst, *out);
  if (o.out.empty()) {
    std::cout << json << "\n";
  } else {
    hearth::Status st = WriteTextFile(o.out, json + "\n");
    if (!st.ok()) {
      std::cerr << "hearth solve: " << st.message() << "\n";
      Exit(1);
    }
    std::cerr << "status " << SolveStatusName(out->status);
    if (out->plan) std::cerr << "  objective " << out->objective;
    if (out->bound) std::cerr << "  bound " << *out->bound;
    if (out->gap()) std::cerr << "  gap " << *out->gap();
    std::cerr << "  seconds " << out->seconds << "\n";
  }
  Exit(0);
}

void RunGenerate(const GenerateCommandOptions& o) {
  using namespace hearth::planner;
  const PlanInstance inst = GenerateInstance({.recipes = o.recipes, .seed = o.seed, .days = o.days});
  hearth::Status st = WriteTextFile(o.out, InstanceToJson(inst) + "\n");
  if (!st.ok()) {
    std::cerr << "hearth instance generate: " << st.message() << "\n";
    Exit(1);
  }
  Exit(0);
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Parsers for option text; a bad value is a usage error (exit 2, one line).
[[noreturn]] void UsageError(const std::string& command, const std::string& message) {
  std::cerr << "hearth " << command << ": " << message << " (see --help)\n";
  Exit(2);
}

double ParseDouble(const std::string& command, const char* name, const std::string& text, double lo, double hi) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end == nullptr || *end != '\0' || !(v >= lo && v <= hi)) {
    UsageError(command, std::string(name) + " must be a number in [" + Num(lo) + ", " + Num(hi) + "], got \"" +
                            text + "\"");
  }
  return v;
}

long long ParseInt(const std::string& command, const char* name, const std::string& text, long long lo,
                   long long hi) {
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end == nullptr || *end != '\0' || v < lo || v > hi) {
    UsageError(command, std::string(name) + " must be an integer in [" + std::to_string(lo) + ", " +
                            std::to_string(hi) + "], got \"" + text + "\"");
  }
  return v;
}

// Raw option text, validated in the callbacks so that every usage error is
// one line and exit code 2.
struct RawSolveOptions {
  std::string instance, out, time_limit, seed, threads;
  bool baseline_cbc = false;
  bool verbose = false;
};
struct RawGenerateOptions {
  std::string recipes, seed, days, out;
};

}  // namespace

void RegisterSolveCommands(CLI::App& app) {
  auto raw = std::make_shared<RawSolveOptions>();
  CLI::App* solve = app.add_subcommand("solve", "Solve a plan instance (mealplan-instance JSON)");
  solve->add_option("--instance", raw->instance, "Instance file (required)");
  solve->add_option("--out", raw->out, "Solution file (default: stdout)");
  solve->add_option("--time-limit", raw->time_limit, "Time limit in seconds (default: 10)");
  solve->add_option("--seed", raw->seed, "Random seed (default: 1)");
  solve->add_option("--threads", raw->threads, "Threads (default: 1)");
  solve->add_flag("--baseline-cbc", raw->baseline_cbc, "Solve the whole plan as one MILP with CBC");
  solve->add_flag("--verbose", raw->verbose, "Progress on stderr");
  solve->callback([raw] {
    const std::string cmd = "solve";
    SolveCommandOptions o;
    if (raw->instance.empty()) UsageError(cmd, "--instance FILE is required");
    o.instance = raw->instance;
    o.out = raw->out;
    if (!raw->time_limit.empty()) o.time_limit_s = ParseDouble(cmd, "--time-limit", raw->time_limit, 1e-3, 1e7);
    if (!raw->seed.empty()) o.seed = static_cast<std::uint64_t>(ParseInt(cmd, "--seed", raw->seed, 0, 1LL << 62));
    if (!raw->threads.empty()) o.threads = static_cast<int>(ParseInt(cmd, "--threads", raw->threads, 1, 256));
    o.baseline_cbc = raw->baseline_cbc;
    o.verbose = raw->verbose;
    RunSolve(o);
  });

  auto graw = std::make_shared<RawGenerateOptions>();
  CLI::App* instance = app.add_subcommand("instance", "Plan-instance tools");
  instance->require_subcommand(1);
  CLI::App* gen = instance->add_subcommand("generate", "Write a synthetic plan instance");
  gen->add_option("--recipes", graw->recipes, "Number of recipes (required)");
  gen->add_option("--seed", graw->seed, "Random seed (required)");
  gen->add_option("--days", graw->days, "Plan days (default: 7)");
  gen->add_option("--out", graw->out, "Output file (required)");
  gen->callback([graw] {
    const std::string cmd = "instance generate";
    GenerateCommandOptions o;
    if (graw->recipes.empty()) UsageError(cmd, "--recipes N is required");
    if (graw->seed.empty()) UsageError(cmd, "--seed S is required");
    if (graw->out.empty()) UsageError(cmd, "--out FILE is required");
    o.recipes = static_cast<int>(ParseInt(cmd, "--recipes", graw->recipes, 1, 10000000));
    o.seed = static_cast<std::uint64_t>(ParseInt(cmd, "--seed", graw->seed, 0, 1LL << 62));
    if (!graw->days.empty()) o.days = static_cast<int>(ParseInt(cmd, "--days", graw->days, 1, 28));
    o.out = graw->out;
    RunGenerate(o);
  });
}
