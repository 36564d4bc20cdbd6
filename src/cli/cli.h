// Shared plumbing for the hearth subcommands: the data directory, lazy
// catalogue loading, error reporting and aligned tables.
#ifndef HEARTH_CLI_CLI_H_
#define HEARTH_CLI_CLI_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "hearth/service/catalog.h"
#include "hearth/service/own_recipes.h"
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

// The shipped library alone, loaded once (what the server starts from).
const Catalog& GetLibrary();
// The catalogue every command plans with, loaded once: the shipped library
// and, after its recipes, the local recipe book (`hearth recipes add`) when
// the database exists. Fails (CommandError) when either cannot be read.
const Catalog* GetCatalog();
// How many of GetCatalog()'s recipes are the library's (the local book's come after).
size_t LibraryRecipeCount();

// The database the store opens: --db, else $HEARTH_DB, else the default path.
std::string DatabaseUrl();

// Opens the database once (--db, $HEARTH_DB, or the default path).
Result<storage::Store*> OpenLocalStore();
// The same; on failure throws CommandError with the store's message.
storage::Store& GetStore();

// The recipe books of GetStore() beside the shipped library (opens the store).
RecipeBooks& GetRecipeBooks();

// Thrown by a command's callback to end with `code` after printing `message`
// to stderr (converted to an exit code in main).
struct CommandError {
  int code;
  std::string message;
};
[[noreturn]] void Fail(const Status& status);

// The whole text of `file`, or of standard input when `file` is "-"; fails
// (CommandError) naming the file when it cannot be read.
std::string ReadInput(const std::string& file);

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
