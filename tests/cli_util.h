// Runs the real hearth binary for end-to-end tests (HEARTH_BINARY and
// HEARTH_TEST_DATA_DIR are compile definitions of every CLI test).
#ifndef HEARTH_TESTS_CLI_UTIL_H_
#define HEARTH_TESTS_CLI_UTIL_H_

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace hearth::testing {

struct CliRun {
  int code;
  std::string out;  // stdout and stderr together
};

// Runs `hearth --data-dir <shipped data> ARGS` through the shell. Unless
// the test set $HEARTH_DB (or passes --db), the database is one of this
// process's own that does not exist until a command writes it: a recipe
// book or pantry in the user's default database never leaks into a test.
inline std::string OwnDatabaseDir() { return "/tmp/hearth-cli-test-" + std::to_string(getpid()); }
// Removes that database when the test program ends.
struct OwnDatabaseCleanup {
  ~OwnDatabaseCleanup() {
    std::error_code ec;
    std::filesystem::remove_all(OwnDatabaseDir(), ec);
  }
};
inline OwnDatabaseCleanup own_database_cleanup;

inline CliRun Hearth(const std::string& args) {
  std::string env;
  if (const char* db = std::getenv("HEARTH_DB"); !db || !*db) env = "HEARTH_DB=" + OwnDatabaseDir() + "/hearth.db ";
  std::string cmd = env + HEARTH_BINARY + " --data-dir " + HEARTH_TEST_DATA_DIR + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// The repository's examples/profiles/ directory, with a trailing slash.
inline std::string Examples() { return std::string(HEARTH_TEST_DATA_DIR) + "/../examples/profiles/"; }

}  // namespace hearth::testing

#endif  // HEARTH_TESTS_CLI_UTIL_H_
