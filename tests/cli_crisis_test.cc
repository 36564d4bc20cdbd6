// `hearth crisis` end to end: the real binary, the shipped demo pantry and
// example profiles.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_util.h"

namespace {

using hearth::testing::CliRun;
using hearth::testing::Examples;
using hearth::testing::Hearth;

const std::string kDemo = std::string(HEARTH_TEST_DATA_DIR) + "/demo/pantry.csv";

std::string People() { return Examples() + "ana-30-female.json," + Examples() + "ben-58-male-hypertension.json"; }

class CrisisCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "cli_crisis_test_" + std::to_string(getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  std::string dir_;
};

TEST_F(CrisisCli, DemoPantryTextAndJsonAgree) {
  CliRun text = Hearth("crisis --pantry " + kDemo + " --people " + People() + " --start 2026-11-26");
  ASSERT_EQ(text.code, 0) << text.out;
  EXPECT_EQ(text.out.rfind("The pantry feeds Ana and Ben adequately for ", 0), 0u) << text.out;
  EXPECT_NE(text.out.find("runs out first (day "), std::string::npos) << text.out;
  for (const char* section : {"Menu (each day of the period, per person)", "Days each requirement alone would last",
                              "Left at the end of day", "Vitamin C", "Calcium", "Rice, white, long-grain"}) {
    EXPECT_NE(text.out.find(section), std::string::npos) << section << "\n" << text.out;
  }

  CliRun js = Hearth("crisis --pantry " + kDemo + " --people " + People() + " --start 2026-11-26 --json");
  ASSERT_EQ(js.code, 0) << js.out;
  nlohmann::json j = nlohmann::json::parse(js.out);
  EXPECT_EQ(j["format"], "hearth-crisis");
  EXPECT_EQ(j["start"], "2026-11-26");
  EXPECT_EQ(j["people"], nlohmann::json({"Ana", "Ben"}));
  const int days = j["days"].get<int>();
  EXPECT_GT(days, 5);
  EXPECT_EQ(j["first_short_day"], days + 1);
  EXPECT_NE(text.out.find("adequately for " + std::to_string(days) + " days"), std::string::npos) << text.out;
  EXPECT_EQ(j["summary"].get<std::string>() + ".", text.out.substr(0, text.out.find('\n')));
  ASSERT_FALSE(j["binding"].empty());
  EXPECT_EQ(j["nutrients"].size(), 10u);
  // The menu covers days 1..days without a gap, every person every period.
  int next = 1;
  for (const auto& period : j["menu"]) {
    EXPECT_EQ(period["first_day"], next);
    next = period["last_day"].get<int>() + 1;
    ASSERT_EQ(period["people"].size(), 2u);
    for (const auto& person : period["people"]) EXPECT_FALSE(person["dishes"].empty());
  }
  EXPECT_EQ(next, days + 1);
  // The binding requirement lasts exactly `days` alone, or the combination binds.
  for (const auto& n : j["nutrients"]) EXPECT_GE(n["days"].get<int>(), days) << n.dump();
  EXPECT_EQ(j["leftovers"].size(), 28u);  // One per pantry line.
  EXPECT_FALSE(j.contains("purchases"));
}

TEST_F(CrisisCli, PurchasesStayWithinTheBudget) {
  CliRun js = Hearth("crisis --pantry " + kDemo + " --people " + People() + " --start 2026-11-26 --budget 6 --json");
  ASSERT_EQ(js.code, 0) << js.out;
  nlohmann::json j = nlohmann::json::parse(js.out);
  const nlohmann::json& p = j["purchases"];
  EXPECT_EQ(p["budget"], 6.0);
  EXPECT_EQ(p["currency"], "USD");
  ASSERT_FALSE(p["items"].empty());
  double spent = 0;
  int days = j["days"].get<int>();
  for (const auto& item : p["items"]) {
    spent += item["price"].get<double>();
    EXPECT_EQ(item["days_before"], days);
    EXPECT_GT(item["days_gained"].get<int>(), 0);
    days = item["days_after"].get<int>();
  }
  EXPECT_LE(spent, 6.0 + 1e-9);
  EXPECT_NEAR(p["spent"].get<double>(), spent, 0.01);
  EXPECT_EQ(p["days_with_purchases"], days);

  CliRun text = Hearth("crisis --pantry " + kDemo + " --people " + People() + " --start 2026-11-26 --budget 6");
  ASSERT_EQ(text.code, 0) << text.out;
  EXPECT_NE(text.out.find("Purchases within $6.00"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("days per $"), std::string::npos) << text.out;
}

TEST_F(CrisisCli, PantryErrorsNameFileLineAndColumn) {
  // One bad row: the message is that row's problem.
  std::string one = Write("unknown.csv", "food,quantity,unit\n20044,1,kg\nRise,1,kg\n");
  CliRun r = Hearth("crisis --pantry " + one + " --people " + People());
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(r.out.rfind("hearth crisis: " + one + " line 3: column food: unknown food \"Rise\"", 0), 0u) << r.out;
  // Several: every one is reported, each with its line and column.
  std::string many = Write("many.csv",
                           "food,quantity,unit,expiry\n"
                           "20044,2,bucket,\n"
                           "20044,-2,kg,\n"
                           "20044,2,kg,2026-02-30\n"
                           "Rise,1,kg,\n");
  r = Hearth("crisis --pantry " + many + " --people " + People());
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(r.out.rfind("hearth crisis: " + many + ": 4 problems\n", 0), 0u) << r.out;
  for (const char* want : {"line 2: column unit: no conversion from \"bucket\" to grams for 20044",
                           "line 3: column quantity: must be a positive finite number, got -2",
                           "line 4: column expiry: \"2026-02-30\" is not a date",
                           "line 5: column food: unknown food \"Rise\""}) {
    EXPECT_NE(r.out.find("\n" + many + " " + want), std::string::npos) << want << "\n" << r.out;
  }
  // JSON pantries name the path of the bad field.
  std::string json = Write("p.json", R"({"format":"hearth-pantry","version":1,"items":[{"food":"20044","quantity":0}]})");
  r = Hearth("crisis --pantry " + json + " --people " + People());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("hearth crisis: " + json + ": items[0].quantity: must be a positive"), std::string::npos)
      << r.out;
  r = Hearth("crisis --pantry " + dir_ + "/none.csv --people " + People());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("hearth crisis: pantry file " + dir_ + "/none.csv"), std::string::npos) << r.out;
}

TEST_F(CrisisCli, UsageAndProfileErrors) {
  CliRun r = Hearth("crisis --pantry " + kDemo + " --people " + Examples() + "nobody.json");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out.rfind("hearth crisis: profile ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("nobody.json"), std::string::npos) << r.out;

  struct Case {
    std::string args;
    const char* want;
  };
  const Case cases[] = {
      {"crisis --people " + People(), "hearth crisis: --pantry is required"},
      {"crisis --pantry " + kDemo, "hearth crisis: --people is required"},
      {"crisis --pantry " + kDemo + " --people " + People() + " --start 26/11/2026",
       "hearth crisis: --start: \"26/11/2026\" is not a date"},
      {"crisis --pantry " + kDemo + " --people " + People() + " --fraction 1.5",
       "hearth crisis: --fraction must be more than 0 and at most 1"},
      {"crisis --pantry " + kDemo + " --people " + People() + " --budget -1", "hearth crisis: --budget must be"},
      {"crisis --pantry " + kDemo + " --people " + People() + " --max-days 0", "hearth crisis: --max-days must be"},
  };
  for (const Case& c : cases) {
    CliRun u = Hearth(c.args);
    EXPECT_EQ(u.code, 2) << c.args << "\n" << u.out;
    EXPECT_EQ(u.out.rfind(c.want, 0), 0u) << c.args << "\n" << u.out;
    EXPECT_NE(u.out.find("Usage: hearth crisis --pantry FILE --people"), std::string::npos) << u.out;
  }
}

TEST_F(CrisisCli, AMaxDaysLimitIsReportedAsAtLeast) {
  CliRun js = Hearth("crisis --pantry " + kDemo + " --people " + Examples() + "ana-30-female.json --start 2026-11-26 "
                     "--max-days 3 --json");
  ASSERT_EQ(js.code, 0) << js.out;
  nlohmann::json j = nlohmann::json::parse(js.out);
  EXPECT_EQ(j["days"], 3);
  EXPECT_EQ(j["at_limit"], true);
  EXPECT_TRUE(j["binding"].empty());
  EXPECT_NE(j["summary"].get<std::string>().find("for at least 3 days"), std::string::npos) << j["summary"];
}

}  // namespace
