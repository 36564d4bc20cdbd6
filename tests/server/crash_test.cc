// Crash safety: the real `hearth serve` process is killed with SIGKILL while
// several clients write, twenty times over one database. After every kill,
// each write the server acknowledged is in the database, PRAGMA
// integrity_check is ok and the audit log verifies. And SIGTERM stops it
// cleanly while clients write: exit status 0, nothing acknowledged lost.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "hearth/audit/log.h"
#include "hearth/storage/store.h"

namespace hearth::testing {
namespace {

using nlohmann::json;

struct Process {
  pid_t pid = -1;
  int port = 0;
};

// Starts `hearth serve --port 0` and reads the port from its first line.
// With `rest_of_output`, the server's standard output stays open there (the
// caller reads and closes it); else it is closed.
Process StartServer(const std::string& db, int* rest_of_output = nullptr) {
  int out[2];
  EXPECT_EQ(pipe(out), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execl(HEARTH_BINARY, HEARTH_BINARY, "--data-dir", HEARTH_TEST_DATA_DIR, "--db", db.c_str(), "serve", "--port",
          "0", "--threads", "8", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  if (rest_of_output) *rest_of_output = out[0];
  else close(out[0]);
  Process p{pid, 0};
  const std::string marker = "http://127.0.0.1:";
  size_t at = line.find(marker);
  if (at == std::string::npos) {
    ADD_FAILURE() << "server did not start: " << line;
    return p;
  }
  p.port = std::stoi(line.substr(at + marker.size()));
  return p;
}

// Signs up `email` on the server at `port`; its session token and account id.
bool SignUp(int port, const std::string& email, std::string& token, int64_t& account) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Post("/api/v1/auth/signup", json{{"email", email}, {"password", "plum orchard rain 7731"}}.dump(),
                  "application/json");
  if (!r || r->status != 201) {
    ADD_FAILURE() << "sign-up of " << email << ": " << (r ? r->body : "no answer");
    return false;
  }
  json session = json::parse(r->body);
  token = session["token"];
  account = session["account"]["id"];
  return true;
}

std::string IntegrityCheck(const std::string& db) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return "cannot open";
  std::string result;
  sqlite3_exec(
      h, "PRAGMA integrity_check",
      [](void* r, int, char** v, char**) {
        *static_cast<std::string*>(r) += v[0] ? v[0] : "";
        return 0;
      },
      &result, nullptr);
  sqlite3_close(h);
  return result;
}

// After the server has stopped: the file passes PRAGMA integrity_check and
// every acknowledged pantry note of `account` is in it. Returns the store
// for further checks (null when it cannot be opened or read).
std::unique_ptr<storage::Store> ExpectNotesKept(const std::string& db, int64_t account,
                                                const std::set<std::string>& acknowledged,
                                                const std::string& when) {
  EXPECT_EQ(IntegrityCheck(db), "ok") << when;
  auto store = storage::OpenStore(db);
  EXPECT_TRUE(store.ok()) << when << ": " << store.status().ToString();
  if (!store.ok()) return nullptr;
  auto items = (*store)->ListPantry("account:" + std::to_string(account));
  EXPECT_TRUE(items.ok()) << when;
  if (!items.ok()) return nullptr;
  std::set<std::string> present;
  for (const PantryItem& i : *items) present.insert(i.note);
  for (const std::string& n : acknowledged) EXPECT_TRUE(present.count(n)) << "lost " << n << " " << when;
  return std::move(store).value();
}

TEST(ServerCrash, AcknowledgedWritesSurviveSigkill) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("hearth-crash-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "hearth.db").string();

  // One account, made before the first crash; sessions live in the store.
  std::string token;
  int64_t account = 0;
  {
    Process p = StartServer(db);
    ASSERT_GT(p.port, 0);
    ASSERT_TRUE(SignUp(p.port, "crash@example.org", token, account));
    kill(p.pid, SIGKILL);
    waitpid(p.pid, nullptr, 0);
  }
  const std::string profile =
      R"({"name": "Crash", "age_years": 40, "sex": "male", "height_cm": 180, "weight_kg": 80, "activity": "active"})";

  std::set<std::string> acknowledged_notes;
  std::set<int64_t> acknowledged_profiles;
  std::mt19937 rng(20261126);
  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    Process p = StartServer(db);
    ASSERT_GT(p.port, 0) << "round " << round;
    std::atomic<bool> stop{false};
    std::mutex mu;
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        httplib::Client c("127.0.0.1", p.port);
        c.set_connection_timeout(2, 0);
        httplib::Headers h = {{"Authorization", "Bearer " + token}};
        for (int k = 0; !stop; ++k) {
          if (w == 3) {  // Audited writes too.
            auto r = c.Post("/api/v1/profiles", h, profile, "application/json");
            if (!r) break;
            if (r->status == 201) {
              std::lock_guard<std::mutex> l(mu);
              acknowledged_profiles.insert(json::parse(r->body)["id"].get<int64_t>());
            }
            continue;
          }
          const std::string note = "r" + std::to_string(round) + "w" + std::to_string(w) + "k" + std::to_string(k);
          auto r = c.Post("/api/v1/pantry/items", h,
                          json{{"food", "20044"}, {"amount", 100 + k}, {"note", note}}.dump(), "application/json");
          if (!r) break;  // The server is gone.
          if (r->status == 201) {
            std::lock_guard<std::mutex> l(mu);
            acknowledged_notes.insert(note);
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + rng() % 350));
    kill(p.pid, SIGKILL);
    waitpid(p.pid, nullptr, 0);
    stop = true;
    for (auto& t : writers) t.join();

    std::unique_ptr<storage::Store> store =
        ExpectNotesKept(db, account, acknowledged_notes, "in round " + std::to_string(round));
    ASSERT_NE(store, nullptr);
    for (int64_t id : acknowledged_profiles) EXPECT_TRUE(store->GetProfile(id).ok()) << "lost profile " << id;
    const audit::KeyFiles files = audit::KeyFilesFor(db);
    std::ifstream pub(files.public_key);
    std::string key;
    pub >> key;
    auto report = audit::VerifyLog(*store, key, files.witness);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok()) << "round " << round << ": " << (report->problems.empty() ? "" : report->problems[0]);
  }
  EXPECT_GT(acknowledged_notes.size(), static_cast<size_t>(kRounds));  // The test did write.
  EXPECT_GT(acknowledged_profiles.size(), 0u);
  fs::remove_all(dir);
}

TEST(ServerStop, SigtermStopsCleanlyWhileClientsWrite) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("hearth-sigterm-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "hearth.db").string();
  int out = -1;
  Process p = StartServer(db, &out);
  ASSERT_GT(p.port, 0);
  std::string token;
  int64_t account = 0;
  ASSERT_TRUE(SignUp(p.port, "stop@example.org", token, account));
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::vector<std::thread> writers;
  for (int w = 0; w < 3; ++w) {
    writers.emplace_back([&, w] {
      httplib::Client c("127.0.0.1", p.port);
      c.set_connection_timeout(2, 0);
      httplib::Headers h = {{"Authorization", "Bearer " + token}};
      for (int k = 0;; ++k) {
        const std::string note = "w" + std::to_string(w) + "k" + std::to_string(k);
        auto r = c.Post("/api/v1/pantry/items", h, json{{"food", "20044"}, {"amount", 100}, {"note", note}}.dump(),
                        "application/json");
        if (!r) return;  // Stopped.
        if (r->status == 201) {
          std::lock_guard<std::mutex> l(mu);
          acknowledged.insert(note);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  ASSERT_EQ(kill(p.pid, SIGTERM), 0);
  // It stops by itself within a few seconds, saying so, with status 0.
  int status = 0;
  pid_t done = 0;
  for (int i = 0; i < 300 && done == 0; ++i) {
    done = waitpid(p.pid, &status, WNOHANG);
    if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (done == 0) {
    kill(p.pid, SIGKILL);
    waitpid(p.pid, nullptr, 0);
    FAIL() << "hearth serve did not stop within 30 s of SIGTERM";
  }
  for (auto& t : writers) t.join();
  std::string rest;
  char buf[256];
  for (ssize_t n; (n = read(out, buf, sizeof buf)) > 0;) rest.append(buf, static_cast<size_t>(n));
  close(out);
  ASSERT_TRUE(WIFEXITED(status)) << "ended by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_NE(rest.find("hearth serve: stopped"), std::string::npos) << rest;

  EXPECT_GT(acknowledged.size(), 0u);
  EXPECT_NE(ExpectNotesKept(db, account, acknowledged, "after SIGTERM"), nullptr);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace hearth::testing
