#include "hearth/planner/solver.h"

namespace hearth::planner {

std::string_view SolveStatusName(SolveStatus status) {
  switch (status) {
    case SolveStatus::kOptimal: return "optimal";
    case SolveStatus::kFeasible: return "feasible";
    case SolveStatus::kInfeasible: return "infeasible";
    case SolveStatus::kTimeLimitNoPlan: return "time_limit_no_plan";
  }
  return "time_limit_no_plan";
}

std::optional<double> SolveOutcome::gap() const {
  if (!plan || !bound) return std::nullopt;
  if (objective == 0) return *bound >= 0 ? 0.0 : 1.0;
  return (objective - *bound) / objective;
}

}  // namespace hearth::planner
