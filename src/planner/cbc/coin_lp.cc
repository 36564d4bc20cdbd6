// CLP and CBC behind planner/lp.h. Every COIN-OR exception is caught here and
// turned into a Status.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/ClpSimplex.hpp>
#include <coin/CoinError.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include "hearth/planner/lp.h"

namespace hearth::planner {
namespace {

double CoinBound(double v) {
  if (v == std::numeric_limits<double>::infinity()) return COIN_DBL_MAX;
  if (v == -std::numeric_limits<double>::infinity()) return -COIN_DBL_MAX;
  return v;
}

std::vector<double> CoinBounds(const std::vector<double>& v) {
  std::vector<double> out(v.size());
  for (size_t i = 0; i < v.size(); ++i) out[i] = CoinBound(v[i]);
  return out;
}

class ClpEngine final : public LpEngine {
 public:
  ClpEngine() {
    clp_.setLogLevel(0);
    clp_.setOptimizationDirection(1);
  }
  // May throw CoinError.
  explicit ClpEngine(const LinearProgram& lp) : ClpEngine() {
    const int n = lp.num_cols();
    std::vector<int> lengths(static_cast<size_t>(n));
    for (int j = 0; j < n; ++j) lengths[static_cast<size_t>(j)] = lp.col_start[static_cast<size_t>(j) + 1] - lp.col_start[static_cast<size_t>(j)];
    CoinPackedMatrix matrix(true, lp.num_rows(), n, static_cast<CoinBigIndex>(lp.value.size()), lp.value.data(),
                            lp.row_index.data(), lp.col_start.data(), lengths.data());
    const std::vector<double> cl = CoinBounds(lp.col_lower), cu = CoinBounds(lp.col_upper);
    const std::vector<double> rl = CoinBounds(lp.row_lower), ru = CoinBounds(lp.row_upper);
    clp_.loadProblem(matrix, cl.data(), cu.data(), lp.col_cost.data(), rl.data(), ru.data());
  }

  int AddRow(double lo, double hi) override {
    clp_.addRow(0, nullptr, nullptr, CoinBound(lo), CoinBound(hi));
    return clp_.numberRows() - 1;
  }
  int AddColumn(double cost, double lo, double hi, std::span<const int> rows,
                std::span<const double> vals) override {
    clp_.addColumn(static_cast<int>(rows.size()), rows.data(), vals.data(), CoinBound(lo), CoinBound(hi), cost);
    return clp_.numberColumns() - 1;
  }
  void SetObjective(int col, double cost) override { clp_.setObjectiveCoefficient(col, cost); }

  Result<LpStatus> Solve() override {
    try {
      if (first_) {
        clp_.dual();
        first_ = false;
      } else {
        clp_.primal(1);
      }
      if (clp_.status() != 0 && clp_.status() != 1 && clp_.status() != 2) {
        clp_.dual();  // Retry from scratch-ish.
      }
    } catch (const CoinError& e) {
      return Status::Internal("CLP failed", e.message());
    }
    switch (clp_.status()) {
      case 0: return LpStatus::kOptimal;
      case 1: return LpStatus::kInfeasible;
      case 2: return LpStatus::kUnbounded;
      default: return LpStatus::kOther;
    }
  }
  double objective() const override { return clp_.objectiveValue(); }
  std::vector<double> primal() const override {
    const double* x = clp_.getColSolution();
    return std::vector<double>(x, x + clp_.numberColumns());
  }
  std::vector<double> duals() const override {
    const double* y = clp_.getRowPrice();
    return std::vector<double>(y, y + clp_.numberRows());
  }
  int num_rows() const override { return clp_.numberRows(); }
  int num_cols() const override { return clp_.numberColumns(); }

 private:
  ClpSimplex clp_;
  bool first_ = true;
};

int NoCallback(CbcModel* /*model*/, int /*where*/) { return 0; }

}  // namespace

std::unique_ptr<LpEngine> MakeLpEngine() { return std::make_unique<ClpEngine>(); }

Result<std::unique_ptr<LpEngine>> MakeLpEngine(const LinearProgram& lp) {
  try {
    return std::unique_ptr<LpEngine>(std::make_unique<ClpEngine>(lp));
  } catch (const CoinError& e) {
    return Status::Internal("CLP failed to load the LP", e.message());
  }
}

Result<MipResult> SolveMip(const LinearProgram& lp, const MipOptions& options) {
  MipResult result;
  try {
    OsiClpSolverInterface osi;
    const int n = lp.num_cols();
    const int m = lp.num_rows();
    std::vector<int> lengths(static_cast<size_t>(n));
    for (int j = 0; j < n; ++j) lengths[static_cast<size_t>(j)] = lp.col_start[static_cast<size_t>(j) + 1] - lp.col_start[static_cast<size_t>(j)];
    CoinPackedMatrix matrix(true, m, n, static_cast<CoinBigIndex>(lp.value.size()), lp.value.data(),
                            lp.row_index.data(), lp.col_start.data(), lengths.data());
    const std::vector<double> cl = CoinBounds(lp.col_lower), cu = CoinBounds(lp.col_upper);
    const std::vector<double> rl = CoinBounds(lp.row_lower), ru = CoinBounds(lp.row_upper);
    osi.loadProblem(matrix, cl.data(), cu.data(), lp.col_cost.data(), rl.data(), ru.data());
    for (int j = 0; j < n; ++j) {
      if (lp.col_integer[static_cast<size_t>(j)]) osi.setInteger(j);
    }
    osi.messageHandler()->setLogLevel(0);
    osi.getModelPtr()->setLogLevel(0);
    CbcModel model(osi);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    CbcSolverUsefulData data;
    data.noPrinting_ = !options.verbose;
    CbcMain0(model, data);
    model.setLogLevel(0);
    // CBC 2.10 can crash (in ClpPresolve, while completing a MIP start or
    // post-processing its preprocessing) on models that mix continuous and
    // integer columns, as the integer master does with soft-row slacks.
    // Those models go without a start and without preprocessing; they are
    // small, and the caller keeps its own incumbent anyway.
    const bool mixed = std::any_of(lp.col_integer.begin(), lp.col_integer.end(), [](char c) { return c == 0; });
    if (!mixed && !options.start.empty() && static_cast<int>(options.start.size()) == n) {
      std::vector<std::pair<std::string, double>> start;
      for (int j = 0; j < n; ++j) {
        std::string name = std::to_string(j);
        name.insert(name.begin(), 'x');
        model.solver()->setColName(j, name);
        start.emplace_back(name, options.start[static_cast<size_t>(j)]);
      }
      model.setMIPStart(start);
    }
    const std::string sec = std::to_string(std::max(0.01, options.time_limit_s));
    const std::string threads = std::to_string(std::max(1, options.threads));
    const std::string gap = std::to_string(options.relative_gap);
    const std::string seed = std::to_string(static_cast<int>(options.seed % 1000000) + 1);
    const std::string log = options.verbose ? "1" : "0";
    std::vector<const char*> argv = {"hearth", "-log", log.c_str(), "-sec", sec.c_str(),
                                     "-ratioGap", gap.c_str(), "-randomCbcSeed", seed.c_str()};
    if (mixed || !options.preprocess) {
      argv.push_back("-preprocess");
      argv.push_back("off");
    }
    if (options.threads > 1) {
      argv.push_back("-threads");
      argv.push_back(threads.c_str());
    }
    argv.push_back("-solve");
    argv.push_back("-quit");
    CbcMain1(static_cast<int>(argv.size()), argv.data(), model, NoCallback, data);
    if (model.isProvenInfeasible()) {
      result.status = MipStatus::kInfeasible;
      return result;
    }
    const double* x = model.bestSolution();
    result.bound = model.getBestPossibleObjValue();
    result.has_bound = std::isfinite(result.bound) && std::fabs(result.bound) < 1e40;
    if (x != nullptr) {
      result.x.assign(x, x + n);
      result.objective = model.getObjValue();
      result.status = model.isProvenOptimal() ? MipStatus::kOptimal : MipStatus::kFeasible;
    } else {
      result.status = MipStatus::kNoSolution;
    }
  } catch (const CoinError& e) {
    return Status::Internal("CBC failed", e.message());
  }
  return result;
}

}  // namespace hearth::planner
