// hearth: meal plans for a health profile, explained.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/cli.h"
#include "cli/stored.h"
#include "cli/solve.h"

int main(int argc, char** argv) {
  using namespace hearth::cli;  // NOLINT: main only.
  CLI::App app{"hearth: plans meals for a health profile and explains every choice", "hearth"};
  app.set_version_flag("--version", "hearth 0.1.0");
  app.add_option("--data-dir", Globals().data_dir,
                 "Reference data directory (default: $HEARTH_DATA_DIR, the installed data, or the "
                 "source tree's data/)");
  app.add_option("--db", Globals().db,
                 "Database for the market and pantries: a path or sqlite:PATH (default: $HEARTH_DB, else "
                 "$XDG_DATA_HOME/hearth/hearth.db or ~/.local/share/hearth/hearth.db)");
  app.require_subcommand(1);
  RegisterFoodsCommands(app);
  RegisterTargetsCommand(app);
  RegisterRecipesCommands(app);
  RegisterSolveCommands(app);
  RegisterPlanCommands(app);
  RegisterMarketCommands(app);
  RegisterCrisisCommand(app);
  RegisterShopCommand(app);
  RegisterPantryCommands(app);
  RegisterServeCommand(app);
  RegisterAuditCommands(app);
  RegisterStoredCommands(app);
  RegisterInstanceExportCommand(*app.get_subcommand("instance"));
  app.allow_extras(false);
  // CLI11 reports an unknown command as a missing one; name it instead.
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data-dir" || a == "--db") {
      ++i;
      continue;
    }
    if (a.rfind("-", 0) == 0) continue;
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known |= sub->check_name(a);
    if (!known) {
      std::cerr << "hearth: unknown command \"" << a << "\"\nUsage: hearth [OPTIONS] SUBCOMMAND; see hearth --help\n";
      return kExitUsage;
    }
    break;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Wrong usage: one line naming the problem, then the usage line, exit 2.
    std::cerr << "hearth: " << e.what() << "\n";
    const CLI::App* sub = &app;
    while (!sub->get_subcommands().empty()) sub = sub->get_subcommands().front();
    std::string help = sub->help();
    std::string usage = help.substr(0, help.find('\n'));
    for (size_t pos = 0; pos < help.size();) {
      size_t end = help.find('\n', pos);
      std::string l = help.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      if (l.rfind("Usage:", 0) == 0) {
        usage = l;
        break;
      }
      if (end == std::string::npos) break;
      pos = end + 1;
    }
    std::cerr << usage << "\n";
    return kExitUsage;
  } catch (const CommandError& e) {
    if (!e.message.empty()) std::cerr << e.message << "\n";
    return e.code;
  }
  return 0;
}
