// Shared plumbing for the hearth subcommands: the data directory, lazy
// catalogue loading, error reporting and aligned tables.
#ifndef HEARTH_CLI_CLI_H_
#define HEARTH_CLI_CLI_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "hearth/service/catalog.h"
#include "hearth/storage/store.h"

namespace hearth::cli {

// Exit codes: 0 ok, 1 the command failed (bad input file, not found), 2 wrong usage.
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct GlobalOptions {
  std::string data_dir;  // --data-dir; empty = search (see ResolveDataDir).
  std::string db;        // --db; empty = $HEARTH_DB, else storage::DefaultDatabasePath().
};
GlobalOptions& Globals();

// The data directory: --data-dir, else $HEARTH_DATA_DIR, else the installed
// share/hearth/data next to the executable, else the source tree's data/.
std::string ResolveDataDir();

// Loads the catalogue once; prints the error and returns nullptr on failure.
const Catalog* GetCatalog();

// The database the store opens: --db, else $HEARTH_DB, else the default path.
std::string DatabaseUrl();

// Opens the database once (--db, $HEARTH_DB, or the default path); on
// failure throws CommandError with the store's message.
storage::Store& GetStore();

// Thrown by a command's callback to end with `code` after printing `message`
// to stderr (converted to an exit code in main).
struct CommandError {
  int code;
  std::string message;
};
[[noreturn]] void Fail(const Status& status);

// A text table with aligned columns; numbers are right-aligned.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  // Columns listed here are right-aligned.
  void RightAlign(std::vector<int> cols) { right_ = std::move(cols); }
  std::string Render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> right_;
};

// Display width of UTF-8 text (code points).
size_t DisplayWidth(const std::string& s);
// "1,234.5" style formatting with `decimals` digits.
std::string FormatNumber(double v, int decimals);

// Subcommand registration, one file each.
void RegisterFoodsCommands(CLI::App& app);
void RegisterTargetsCommand(CLI::App& app);
void RegisterRecipesCommands(CLI::App& app);
// `plan`, `plan explain` and `plan swap`.
void RegisterPlanCommands(CLI::App& app);
// `pantry add|use|adjust|list|cook`.
void RegisterPantryCommands(CLI::App& app);
// `market import|export|list`.
void RegisterMarketCommands(CLI::App& app);
// `shop`.
void RegisterShopCommand(CLI::App& app);
// `crisis`.
void RegisterCrisisCommand(CLI::App& app);
// serve.cc
void RegisterServeCommand(CLI::App& app);
// `audit verify`.
void RegisterAuditCommands(CLI::App& app);
// Adds `export` under the `instance` command.
void RegisterInstanceExportCommand(CLI::App& instance);

}  // namespace hearth::cli

#endif  // HEARTH_CLI_CLI_H_
