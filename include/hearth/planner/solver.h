// The Solver interface: a plan instance in, a verified plan with a proven
// lower bound out. Implementations:
//   - MakeDecompositionSolver(): day-menu Dantzig-Wolfe column generation
//     with a dedicated pricing search, an integer master and local search
//     (the default).
//   - MakeCbcMipSolver(): the whole week as one MILP given to CBC (baseline).
//
// A solver outcome is not an error: infeasible instances and time limits are
// statuses of an ok Result. Errors are reserved for broken inputs or
// internal failures.
//
// Thread safety: a Solver object is not thread-safe; use one per thread.
#ifndef HEARTH_PLANNER_SOLVER_H_
#define HEARTH_PLANNER_SOLVER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/planner/instance.h"
#include "hearth/result.h"

namespace hearth::planner {

struct SolveOptions {
  // Wall-clock limit in seconds; the best plan so far is returned when it
  // expires. Default: 10.
  double time_limit_s = 10.0;
  // Seed of every random choice; same seed and options => same plan.
  // Default: 1.
  std::uint64_t seed = 1;
  // Threads the solver may use (only CBC uses more than one). Default: 1.
  int threads = 1;
  // Stop when (objective - bound) / objective <= this. Default: 1e-4.
  double gap_target = 1e-4;
  // Print progress to stderr. Default: false.
  bool verbose = false;
  // Work budget of the proof, in pricing search nodes (0 = none: time
  // alone ends the run). Phases are otherwise bounded by rounds and counts,
  // so a budget that runs out before the time limit makes the same seed give
  // the same plan on any machine, even when the gap does not close.
  long work_limit = 0;
  // A plan to start from (e.g. the plan before a swap); cells that break a
  // rule are repaired. Optional.
  std::optional<Plan> start = std::nullopt;
};

// Names as in the solution format; add new values only at the end.
enum class SolveStatus { kOptimal, kFeasible, kInfeasible, kTimeLimitNoPlan };

std::string_view SolveStatusName(SolveStatus status);

// A point of the anytime profile: when a better verified plan was found.
struct Incumbent {
  double seconds = 0;
  double objective = 0;
  // Process CPU time at that point, since Solve() began (0 if unknown).
  double cpu_seconds = 0;
};

struct SolveOutcome {
  SolveStatus status = SolveStatus::kTimeLimitNoPlan;
  std::optional<Plan> plan;      // Verified when present.
  // Of `plan`, recomputed: the objective terms plus soft-row penalties.
  double objective = kInf;
  double soft_penalty = 0;       // Part of `objective` from soft rows.
  std::optional<double> bound;   // Proven lower bound on the optimum.
  double seconds = 0;            // Wall time of Solve().
  double cpu_seconds = 0;        // Process CPU time of Solve() (0 if unknown).
  std::string solver;            // "decomposition" or "cbc-mip".
  std::vector<Incumbent> incumbents;  // Anytime profile, in time order.
  // (objective - bound) / objective, or nullopt without plan or bound.
  std::optional<double> gap() const;
};

class Solver {
 public:
  virtual ~Solver() = default;
  virtual std::string_view name() const = 0;
  // Solves `instance`. Every returned plan has passed VerifyInstancePlan.
  // REQUIRES: `instance` was validated (ParseInstanceJson or the generator).
  virtual Result<SolveOutcome> Solve(const PlanInstance& instance, const SolveOptions& options) = 0;
};

std::unique_ptr<Solver> MakeDecompositionSolver();
std::unique_ptr<Solver> MakeCbcMipSolver();

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_SOLVER_H_
