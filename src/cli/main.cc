// hearth: meal plans for a health profile, explained.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/solve.h"

int main(int argc, char** argv) {
  CLI::App app{"hearth: plans meals for a health profile and explains every choice", "hearth"};
  app.require_subcommand(1);
  RegisterSolveCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}
