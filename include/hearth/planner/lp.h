// Solver-neutral linear programs for the planner's algorithms, and the two
// services the planner needs from an LP/MIP library: an incremental LP
// (`LpEngine`, for column generation) and a MIP solve (`SolveMip`). The only
// implementation lives in planner/cbc/ (CLP and CBC); nothing else includes
// COIN-OR headers.
//
// Thread safety: plain values; an LpEngine is not thread-safe.
#ifndef HEARTH_PLANNER_LP_H_
#define HEARTH_PLANNER_LP_H_

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "hearth/result.h"

namespace hearth::planner {

// min c'x s.t. row_lower <= Ax <= row_upper, col_lower <= x <= col_upper,
// x_j integer where col_integer[j]. A is stored column-wise. Infinite bounds
// are +-infinity.
struct LinearProgram {
  std::vector<double> col_cost, col_lower, col_upper;
  std::vector<char> col_integer;
  std::vector<int> col_start = {0};
  std::vector<int> row_index;
  std::vector<double> value;
  std::vector<double> row_lower, row_upper;

  int num_cols() const { return static_cast<int>(col_cost.size()); }
  int num_rows() const { return static_cast<int>(row_lower.size()); }
  int AddRow(double lo, double hi) {
    row_lower.push_back(lo);
    row_upper.push_back(hi);
    return num_rows() - 1;
  }
  // REQUIRES: rows.size() == vals.size(), every row < num_rows().
  int AddColumn(double cost, double lo, double hi, bool integer, std::span<const int> rows,
                std::span<const double> vals) {
    col_cost.push_back(cost);
    col_lower.push_back(lo);
    col_upper.push_back(hi);
    col_integer.push_back(integer ? 1 : 0);
    row_index.insert(row_index.end(), rows.begin(), rows.end());
    value.insert(value.end(), vals.begin(), vals.end());
    col_start.push_back(static_cast<int>(row_index.size()));
    return num_cols() - 1;
  }
};

struct MipOptions {
  double time_limit_s = 60;       // Wall seconds for the branch and bound.
  int threads = 1;                // CBC threads.
  double relative_gap = 1e-6;     // Stop when the relative gap is below this.
  std::uint64_t seed = 1;         // CBC's random seed.
  // Optional feasible start (size num_cols()) or empty; not used for models
  // with continuous columns (see coin_lp.cc).
  std::vector<double> start;
  bool verbose = false;
  // CBC's preprocessing (CglPreProcess). CBC 2.10 can crash in its
  // post-processing; short integer masters of the decomposition skip it.
  bool preprocess = true;
};

enum class MipStatus { kOptimal, kFeasible, kInfeasible, kNoSolution };

struct MipResult {
  MipStatus status = MipStatus::kNoSolution;
  std::vector<double> x;  // When a solution exists.
  double objective = 0;
  double bound = 0;       // Proven lower bound (valid unless kInfeasible).
  bool has_bound = false;
};

// Solves `lp` (with its integrality) by CBC's default strategy. Internal on
// library exceptions.
Result<MipResult> SolveMip(const LinearProgram& lp, const MipOptions& options);

enum class LpStatus { kOptimal, kInfeasible, kUnbounded, kOther };

// An LP that grows by rows and columns and re-solves warm (primal simplex
// after new columns): the master problem of column generation.
class LpEngine {
 public:
  virtual ~LpEngine() = default;
  virtual int AddRow(double lo, double hi) = 0;
  virtual int AddColumn(double cost, double lo, double hi, std::span<const int> rows,
                        std::span<const double> vals) = 0;
  virtual void SetObjective(int col, double cost) = 0;
  virtual Result<LpStatus> Solve() = 0;
  virtual double objective() const = 0;
  virtual std::vector<double> primal() const = 0;
  // Row duals y: the reduced cost of a column is c - y'a.
  virtual std::vector<double> duals() const = 0;
  virtual int num_rows() const = 0;
  virtual int num_cols() const = 0;
};

std::unique_ptr<LpEngine> MakeLpEngine();
// An engine holding all of `lp` (integrality ignored), loaded in one step:
// much faster than AddRow/AddColumn one by one for a large model. Internal
// on library exceptions.
Result<std::unique_ptr<LpEngine>> MakeLpEngine(const LinearProgram& lp);

}  // namespace hearth::planner

#endif  // HEARTH_PLANNER_LP_H_
