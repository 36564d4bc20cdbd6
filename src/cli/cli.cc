#include "cli/cli.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "core/text.h"
#include "hearth/importer/csv.h"

namespace hearth::cli {

GlobalOptions& Globals() {
  static GlobalOptions g;
  return g;
}

std::string ResolveDataDir() {
  namespace fs = std::filesystem;
  if (!Globals().data_dir.empty()) return Globals().data_dir;
  if (const char* env = std::getenv("HEARTH_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path() / ".." / "share" / "hearth" / "data";
    if (fs::exists(installed / "sr28" / "foods.csv", ec)) return installed.lexically_normal().string();
  }
  if (fs::exists(fs::path(HEARTH_SOURCE_DATA_DIR) / "sr28" / "foods.csv", ec)) {
    return HEARTH_SOURCE_DATA_DIR;
  }
  return HEARTH_INSTALL_DATA_DIR;
}

const Catalog& GetLibrary() {
  static std::unique_ptr<Catalog> library;
  if (!library) {
    Result<std::unique_ptr<Catalog>> c = Catalog::Load(ResolveDataDir());
    if (!c.ok()) Fail(c.status().WithContext("loading reference data from " + ResolveDataDir()));
    library = std::move(c).value();
  }
  return *library;
}

namespace {

// The database file named by DatabaseUrl(), when it exists.
bool DatabaseExists() {
  std::string path = DatabaseUrl();
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

}  // namespace

const Catalog* GetCatalog() {
  static std::shared_ptr<const Catalog> catalog;
  if (!catalog) {
    // No database yet: nobody has added a recipe, and reading the library
    // must not create one.
    if (!DatabaseExists()) {
      catalog = std::shared_ptr<const Catalog>(std::shared_ptr<const Catalog>(), &GetLibrary());
    } else {
      Result<std::shared_ptr<const Catalog>> c = GetRecipeBooks().CatalogFor(storage::kLocalOwner);
      if (!c.ok()) Fail(c.status().WithContext("reading the local recipe book in " + DatabaseUrl()));
      catalog = std::move(c).value();
    }
  }
  return catalog.get();
}

size_t LibraryRecipeCount() { return GetLibrary().recipes().size(); }

std::string DatabaseUrl() {
  if (!Globals().db.empty()) return Globals().db;
  const char* env = std::getenv("HEARTH_DB");
  return env && *env ? env : storage::DefaultDatabasePath();
}

Result<storage::Store*> OpenLocalStore() {
  static std::unique_ptr<storage::Store> store;
  if (!store) {
    HEARTH_ASSIGN_OR_RETURN(store, storage::OpenStore(DatabaseUrl()));
  }
  return store.get();
}

storage::Store& GetStore() {
  Result<storage::Store*> store = OpenLocalStore();
  if (!store.ok()) Fail(store.status());
  return **store;
}

RecipeBooks& GetRecipeBooks() {
  static RecipeBooks books(GetLibrary(), GetStore());
  return books;
}

void Fail(const Status& status) {
  throw CommandError{kExitFailure, "hearth: " + status.message()};
}

std::string ReadInput(const std::string& file) {
  if (file == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    if (std::cin.bad()) Fail(Status::Unavailable("cannot read standard input"));
    return text.str();
  }
  Result<std::string> text = ReadTextFile(file);
  if (!text.ok()) Fail(text.status());
  return std::move(text).value();
}

size_t DisplayWidth(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++w;
  }
  return w;
}

std::string FormatNumber(double v, int decimals) { return text::FormatNumber(v, decimals); }

std::string Table::Render() const {
  std::vector<size_t> width(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) width[i] = std::max(width[i], DisplayWidth(row[i]));
  };
  measure(header_);
  for (const auto& r : rows_) measure(r);
  auto line = [&](const std::vector<std::string>& row) {
    std::string out;
    for (size_t i = 0; i < width.size(); ++i) {
      std::string cell = i < row.size() ? row[i] : "";
      size_t pad = width[i] - DisplayWidth(cell);
      bool right = std::find(right_.begin(), right_.end(), static_cast<int>(i)) != right_.end();
      if (i > 0) out += "  ";
      if (right) out += std::string(pad, ' ') + cell;
      else if (i + 1 == width.size()) out += cell;
      else out += cell + std::string(pad, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header_);
  size_t total = 0;
  for (size_t w : width) total += w;
  total += 2 * (width.empty() ? 0 : width.size() - 1);
  std::string rule;
  for (size_t i = 0; i < total; ++i) rule += "─";
  out += rule + "\n";
  for (const auto& r : rows_) out += line(r);
  return out;
}

}  // namespace hearth::cli
