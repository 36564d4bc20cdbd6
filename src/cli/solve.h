// `hearth solve` and `hearth instance generate`: the plan-instance commands.
#ifndef HEARTH_CLI_SOLVE_H_
#define HEARTH_CLI_SOLVE_H_

namespace CLI {
class App;
}  // namespace CLI


// Adds `solve --instance FILE [--out SOLUTION] [--time-limit S] [--seed N]
// [--threads N] [--baseline-cbc]` and `instance generate --recipes N --seed S
// --out FILE` to `app`. Exit codes: 0 ok, 1 bad input file or failure, 2 wrong
// usage.
void RegisterSolveCommands(CLI::App& app);

#endif  // HEARTH_CLI_SOLVE_H_
