// Independent plan verification: recomputes every total from the plan and
// the instance (never from solver internals) and checks every hard rule with
// relative tolerance kRuleTolerance.
//
// Thread safety: free functions without shared state.
#ifndef HEARTH_PLANNER_VERIFY_H_
#define HEARTH_PLANNER_VERIFY_H_

#include <string>
#include <vector>

#include "hearth/planner/instance.h"
#include "hearth/status.h"

namespace hearth::planner {

struct PlanCheck {
  double objective = 0;  // Recomputed from the plan.
  // One line per broken hard rule, e.g. "day 2 daily[0] energy_kcal 1700 < min 1850".
  std::vector<std::string> violations;
  // Penalised shortfalls of soft rows (finite penalty); not violations.
  double soft_penalty = 0;
  bool ok() const { return violations.empty(); }
  // What the solvers minimise: the objective terms plus soft penalties.
  double total() const { return objective + soft_penalty; }
};

// Checks `plan` against every rule of `instance` and lists all violations.
PlanCheck CheckInstancePlan(const PlanInstance& instance, const Plan& plan);

// Ok if `plan` keeps every hard rule, else InvalidArgument naming the first
// violation (and how many there are).
Status VerifyInstancePlan(const PlanInstance& instance, const Plan& plan);

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_VERIFY_H_
