#include "hearth/storage/store.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "storage/sqlite/sqlite_store.h"

namespace hearth::storage {
namespace {

// The URL's scheme ("sqlite", "postgresql"), or empty for a plain path. A
// single letter before ':' is not a scheme.
std::string_view SchemeOf(std::string_view url) {
  size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon < 2) return {};
  for (size_t i = 0; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(url[i]);
    bool ok = std::isalpha(c) || (i > 0 && (std::isdigit(c) || c == '+' || c == '-' || c == '.'));
    if (!ok) return {};
  }
  return url.substr(0, colon);
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(std::string_view url) {
  std::string_view scheme = SchemeOf(url);
  std::string path;
  if (scheme.empty()) {
    path = std::string(url);
  } else if (scheme == "sqlite") {
    std::string_view rest = url.substr(scheme.size() + 1);
    if (rest.starts_with("//")) rest.remove_prefix(2);  // sqlite:///abs/path
    path = std::string(rest);
  } else {
    return Status::InvalidArgument("opening database " + std::string(url),
                                   "unknown scheme \"" + std::string(scheme) +
                                       "\"; use sqlite:PATH or a file path");
  }
  if (path.empty()) return Status::InvalidArgument("opening database", "the path is empty");
  if (path != ":memory:") {
    namespace fs = std::filesystem;
    fs::path parent = fs::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !fs::exists(parent, ec)) {
      fs::create_directories(parent, ec);
      if (ec) {
        return Status::Unavailable("opening database " + path,
                                   "cannot create directory " + parent.string() + ": " + ec.message());
      }
    }
    if (fs::is_directory(path, ec)) {
      return Status::InvalidArgument("opening database " + path, "it is a directory, not a file");
    }
  }
  HEARTH_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::SqliteStore> store, sqlite::SqliteStore::Open(path));
  return std::unique_ptr<Store>(std::move(store));
}

std::string DefaultDatabasePath() {
  // XDG Base Directory: a relative $XDG_DATA_HOME is invalid and ignored.
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && xdg[0] == '/') {
    return std::string(xdg) + "/hearth/hearth.db";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/hearth/hearth.db";
  }
  return "hearth.db";
}

}  // namespace hearth::storage
