// The HTTP API end to end on a real server and a real SQLite file: accounts
// and sessions, bad input, the OpenAPI document against the routes served,
// plans, data export and erasure, and the audit log with inclusion proofs.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>
#include <vector>

#include "hearth/audit/log.h"
#include "hearth/audit/merkle.h"
#include "hearth/importer/recipes.h"
#include "hearth/json/encode.h"
#include "hearth/json/plan_json.h"
#include "hearth/security/throttle.h"
#include "hearth/security/token.h"
#include "hearth/service/plan_verify.h"
#include "server/test_server.h"

namespace hearth::testing {
namespace {

using nlohmann::json;

TEST(ServerAuth, SignUpLogInUseLogOut) {
  TestServer s;
  json session = s.SignUp("ana@example.org");
  const std::string token = session["token"];
  EXPECT_EQ(token.size(), 43u);  // 256 bits, base64url.
  EXPECT_EQ(session["account"]["email"], "ana@example.org");
  EXPECT_FALSE(session["account"].contains("password_hash"));

  HttpResult me = s.Get("/auth/session", token);
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.body["role"], "member");

  HttpResult login = s.Post("/auth/login", "", {{"email", "ANA@example.org"}, {"password", TestServer::Password()}});
  ASSERT_EQ(login.status, 200) << login.text;
  const std::string second = login.body["token"];
  EXPECT_NE(second, token);

  EXPECT_EQ(s.Post("/auth/logout", second).status, 204);
  HttpResult after = s.Get("/auth/session", second);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.Header("Content-Type"), "application/problem+json");
  EXPECT_EQ(s.Get("/auth/session", token).status, 200);  // The other session lives on.
}

TEST(ServerAuth, PasswordRulesNameTheField) {
  TestServer s;
  HttpResult shortpw = s.Post("/auth/signup", "", {{"email", "a@example.org"}, {"password", "short"}});
  EXPECT_EQ(shortpw.status, 400);
  EXPECT_EQ(shortpw.body["errors"][0]["field"], "password");
  EXPECT_NE(shortpw.body["detail"].get<std::string>().find("12"), std::string::npos);

  HttpResult common = s.Post("/auth/signup", "", {{"email", "a@example.org"}, {"password", "password1234"}});
  EXPECT_EQ(common.status, 400) << common.text;
  EXPECT_NE(common.body["detail"].get<std::string>().find("common"), std::string::npos);

  HttpResult email = s.Post("/auth/signup", "", {{"email", "not-an-email"}, {"password", TestServer::Password()}});
  EXPECT_EQ(email.status, 400);
  EXPECT_EQ(email.body["errors"][0]["field"], "email");

  HttpResult role = s.Post("/auth/signup", "", {{"email", "x@example.org"}, {"password", TestServer::Password()},
                                                {"role", "admin"}});
  EXPECT_EQ(role.status, 400);
  EXPECT_EQ(role.body["errors"][0]["field"], "role");

  s.SignUp("dup@example.org");
  HttpResult dup = s.Post("/auth/signup", "", {{"email", "Dup@Example.org"}, {"password", TestServer::Password()}});
  EXPECT_EQ(dup.status, 409);
}

TEST(ServerAuth, UnknownUserAndWrongPasswordLookTheSame) {
  TestServer s;
  s.SignUp("ben@example.org");
  HttpResult wrong = s.Post("/auth/login", "", {{"email", "ben@example.org"}, {"password", "not the password!"}});
  HttpResult unknown = s.Post("/auth/login", "", {{"email", "nobody@example.org"}, {"password", "not the password!"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body["detail"], unknown.body["detail"]);
}

TEST(ServerAuth, RepeatedFailuresAreThrottledThenBackOff) {
  TestServer s;
  s.SignUp("cara@example.org");
  int throttled = 0;
  for (int i = 0; i < 8; ++i) {
    HttpResult r = s.Post("/auth/login", "", {{"email", "cara@example.org"}, {"password", "guess number " + std::to_string(i)}});
    if (r.status == 429) {
      ++throttled;
      // The wait in words and in Retry-After.
      const std::string after = r.Header("Retry-After");
      ASSERT_FALSE(after.empty()) << r.text;
      EXPECT_GE(std::stoi(after), 1);
      EXPECT_NE(r.body["detail"].get<std::string>().find("try again in " + after + " s"), std::string::npos) << r.text;
      EXPECT_EQ(r.Header("Content-Type"), "application/problem+json");
    } else {
      EXPECT_EQ(r.status, 401);
    }
  }
  EXPECT_GE(throttled, 1);  // After 5 free failures, back-off starts.
  // Even the right password waits out the back-off.
  HttpResult right = s.Post("/auth/login", "", {{"email", "cara@example.org"}, {"password", TestServer::Password()}});
  EXPECT_EQ(right.status, 429) << right.text;
}

// Credential stuffing: a few guesses at each of many accounts from one
// address. No account reaches its own back-off; the address does, and then
// even a right password from that address waits.
TEST(ServerAuth, ManyAccountsGuessedFromOneAddressAreThrottled) {
  TestServer s;
  s.SignUp("eve@example.org");
  int first_throttled = -1;
  for (int i = 0; i < 30 && first_throttled < 0; ++i) {
    HttpResult r = s.Post("/auth/login", "", {{"email", "user" + std::to_string(i) + "@example.org"},
                                              {"password", "a guessed password"}});
    if (r.status == 429) {
      first_throttled = i;
      EXPECT_GE(std::stoi(r.Header("Retry-After")), 1) << r.text;
    } else {
      ASSERT_EQ(r.status, 401) << r.text;
    }
  }
  // One failure per account: only the address's count can stop it, after
  // its free failures (then the back-off doubles per failure).
  EXPECT_GE(first_throttled, security::kAddressThrottle.free_failures);
  HttpResult right = s.Post("/auth/login", "", {{"email", "eve@example.org"}, {"password", TestServer::Password()}});
  EXPECT_EQ(right.status, 429) << right.text;
}

TEST(ServerAuth, PasswordChangeEndsEverySession) {
  TestServer s;
  const std::string t1 = s.SignUp("dan@example.org")["token"];
  const std::string t2 =
      s.Post("/auth/login", "", {{"email", "dan@example.org"}, {"password", TestServer::Password()}}).body["token"];
  HttpResult wrong = s.Post("/auth/password", t1, {{"current_password", "nope nope nope"}, {"new_password", "a whole new phrase 42"}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.body["errors"][0]["field"], "current_password");
  HttpResult ok = s.Post("/auth/password", t1, {{"current_password", TestServer::Password()},
                                                {"new_password", "a whole new phrase 42"}});
  ASSERT_EQ(ok.status, 200) << ok.text;
  EXPECT_EQ(s.Get("/auth/session", t1).status, 401);
  EXPECT_EQ(s.Get("/auth/session", t2).status, 401);
  EXPECT_EQ(s.Get("/auth/session", ok.body["token"]).status, 200);
  EXPECT_EQ(s.Post("/auth/login", "", {{"email", "dan@example.org"}, {"password", TestServer::Password()}}).status, 401);
}

TEST(ServerAuth, ListAndEndOwnSessions) {
  TestServer s;
  const std::string laptop = s.SignUp("fay@example.org")["token"];
  const std::string phone =
      s.Post("/auth/login", "", {{"email", "fay@example.org"}, {"password", TestServer::Password()}}).body["token"];
  const std::string stranger = s.SignUp("gus@example.org")["token"];
  HttpResult list = s.Get("/auth/sessions", laptop);
  ASSERT_EQ(list.status, 200) << list.text;
  ASSERT_EQ(list.body["sessions"].size(), 2u);
  std::string phone_id, laptop_id;
  for (const json& x : list.body["sessions"]) {
    EXPECT_EQ(x["id"].get<std::string>().size(), 16u);
    EXPECT_EQ(x["address"], "127.0.0.1");
    (x["current"].get<bool>() ? laptop_id : phone_id) = x["id"];
  }
  ASSERT_FALSE(laptop_id.empty());
  ASSERT_FALSE(phone_id.empty());
  for (const json& x : list.body["sessions"]) EXPECT_EQ(x.dump().find(phone), std::string::npos) << "no token listed";
  // Someone else cannot end it, nor learn that it exists.
  EXPECT_EQ(s.Delete("/auth/sessions/" + phone_id, stranger).status, 404);
  EXPECT_EQ(s.Get("/auth/session", phone).status, 200);
  EXPECT_EQ(s.Get("/auth/sessions", stranger).body["sessions"].size(), 1u);
  // The owner ends the phone's session from the laptop.
  EXPECT_EQ(s.Delete("/auth/sessions/" + phone_id, laptop).status, 204);
  EXPECT_EQ(s.Get("/auth/session", phone).status, 401);
  EXPECT_EQ(s.Get("/auth/session", laptop).status, 200);
  EXPECT_EQ(s.Delete("/auth/sessions/" + phone_id, laptop).status, 404);
  EXPECT_EQ(s.Delete("/auth/sessions/zz", laptop).status, 404);
  EXPECT_EQ(s.Get("/auth/sessions", laptop).body["sessions"].size(), 1u);
  bool logged = false;
  const HttpResult trail = s.Get("/audit/me", laptop);
  for (const json& e : trail.body["entries"]) logged |= e["event"] == "session_ended";
  EXPECT_TRUE(logged) << "ending a session is audited";
}

TEST(ServerHouseholds, AdminRenewsTheCodeAndRemovesAMember) {
  TestServer s;
  const std::string admin = s.SignUp("hal@example.org")["token"];
  const json ben = s.SignUp("ben@example.org");
  const std::string ben_t = ben["token"];
  const int64_t ben_id = ben["account"]["id"];
  const std::string cy = s.SignUp("cy@example.org")["token"];
  HttpResult h = s.Post("/households", admin, {{"name", "Hal's"}});
  ASSERT_EQ(h.status, 201) << h.text;
  const std::string house = "/households/" + std::to_string(h.body["id"].get<int64_t>());
  const std::string first_code = h.body["join_code"];
  ASSERT_EQ(s.Post(house + "/join", ben_t, {{"code", first_code}}).status, 200);
  HttpResult prof = s.Post("/profiles", ben_t, ExampleProfileJson("ana-30-female.json"));
  ASSERT_EQ(prof.status, 201);
  const std::string ben_profile = "/profiles/" + std::to_string(prof.body["id"].get<int64_t>());
  EXPECT_EQ(s.Get(ben_profile, admin).status, 200) << "the admin sees a member's profile";
  // Only the admin renews the code or removes members.
  EXPECT_EQ(s.Post(house + "/code", ben_t).status, 403);
  EXPECT_EQ(s.Delete(house + "/members/" + std::to_string(ben_id), ben_t).status, 403);
  HttpResult renewed = s.Post(house + "/code", admin);
  ASSERT_EQ(renewed.status, 200) << renewed.text;
  const std::string second_code = renewed.body["join_code"];
  EXPECT_NE(second_code, first_code);
  HttpResult old = s.Post(house + "/join", cy, {{"code", first_code}});
  EXPECT_EQ(old.status, 400) << "the earlier code stopped working";
  EXPECT_EQ(old.body["errors"][0]["field"], "code");
  EXPECT_EQ(s.Post(house + "/join", cy, {{"code", second_code}}).status, 200);
  // Removing: not oneself, not a stranger; a member leaves the household and
  // the admin's sight, keeping account and profile.
  HttpResult self = s.Delete(house + "/members/" + std::to_string(h.body["members"][0]["id"].get<int64_t>()), admin);
  EXPECT_EQ(self.status, 400) << self.text;
  const json outsider = s.SignUp("dot@example.org");
  EXPECT_EQ(s.Delete(house + "/members/" + std::to_string(outsider["account"]["id"].get<int64_t>()), admin).status, 404);
  EXPECT_EQ(s.Delete(house + "/members/" + std::to_string(ben_id), admin).status, 204);
  EXPECT_TRUE(s.Get("/auth/session", ben_t).body["household_id"].is_null());
  EXPECT_EQ(s.Get(ben_profile, admin).status, 404);
  EXPECT_EQ(s.Get(ben_profile, ben_t).status, 200);
  HttpResult members = s.Get(house, admin);
  ASSERT_EQ(members.body["members"].size(), 2u);  // Hal and Cy.
  bool logged = false;
  const HttpResult trail = s.Get("/audit/me", ben_t);
  for (const json& e : trail.body["entries"]) logged |= e["event"] == "household_member_removed";
  EXPECT_TRUE(logged) << "the removed member sees the removal in their audit trail";
}

TEST(ServerAuth, IdleSessionsExpire) {
  server::ServerOptions o;
  o.session_idle_s = 1;
  TestServer s(o);
  const std::string t = s.SignUp("eve@example.org")["token"];
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  HttpResult r = s.Get("/auth/session", t);
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body["detail"].get<std::string>().find("expired"), std::string::npos);
}

TEST(ServerInput, LimitsAndMalformedBodies) {
  TestServer s;
  const std::string t = s.SignUp("fay@example.org")["token"];
  // Over 1 MiB: 413, as problem details.
  HttpResult big = s.Call("POST", "/api/v1/profiles", t, nullptr, std::string((1 << 20) + 10, ' '));
  EXPECT_EQ(big.status, 413);
  // Too deep.
  std::string deep = std::string(100, '[') + std::string(100, ']');
  HttpResult d = s.Call("POST", "/api/v1/profiles", t, nullptr, "{\"a\":" + deep + "}");
  EXPECT_EQ(d.status, 400);
  EXPECT_EQ(d.body["errors"][0]["field"], "body");
  // Numbers out of range, NUL bytes, unbalanced brackets: 400, never a crash.
  EXPECT_EQ(s.Call("POST", "/api/v1/profiles", t, nullptr, "{\"a\": 1e400}").status, 400);
  EXPECT_EQ(s.Call("POST", "/api/v1/profiles", t, nullptr, std::string("{\"a\": 1}\0]]]]", 13)).status, 400);
  HttpResult unbalanced = s.Call("POST", "/api/v1/profiles", t, nullptr, "{\"a\": [[[1]}");
  EXPECT_EQ(unbalanced.status, 400);
  EXPECT_EQ(unbalanced.body["errors"][0]["field"], "body");
  // Not JSON, not an object.
  EXPECT_EQ(s.Call("POST", "/api/v1/profiles", t, nullptr, "{oops").status, 400);
  EXPECT_EQ(s.Call("POST", "/api/v1/profiles", t, nullptr, "[1,2]").status, 400);
  // A wrong type names its field.
  json p = ExampleProfileJson("ana-30-female.json");
  p["age_years"] = "thirty";
  HttpResult typed = s.Post("/profiles", t, p);
  EXPECT_EQ(typed.status, 400);
  EXPECT_EQ(typed.body["errors"][0]["field"], "age_years") << typed.text;
  // Bad ids, unknown routes, wrong methods.
  EXPECT_EQ(s.Get("/profiles/abc", t).status, 400);
  EXPECT_EQ(s.Get("/profiles/99999999999999999999", t).status, 400);
  EXPECT_EQ(s.Get("/nothing-here", t).status, 404);
  HttpResult m = s.Call("PATCH", "/api/v1/auth/login");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.Header("Allow"), "POST");
  // Without a session.
  EXPECT_EQ(s.Get("/profiles").status, 401);
  EXPECT_EQ(s.Get("/profiles", "made-up-token").status, 401);
}

TEST(ServerInput, SecurityHeadersOnEveryResponse) {
  TestServer s;
  for (const HttpResult& r : {s.Get("/health"), s.Get("/profiles"), s.Get("/nope"), s.Get("/openapi.json")}) {
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer");
    EXPECT_NE(r.Header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  }
}

// Every route in the OpenAPI document is served (never "no resource" or
// "method not allowed"), and nothing served is missing from it.
TEST(ServerOpenApi, EveryDocumentedRouteIsServed) {
  TestServer s;
  HttpResult doc = s.Get("/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.body["openapi"], "3.1.0");
  const std::string admin = s.SignUp("root@example.org")["token"];
  int operations = 0;
  for (const auto& [path, item] : doc.body["paths"].items()) {
    ASSERT_EQ(path.rfind("/api/v1/", 0), 0u) << path;
    std::string concrete;  // {id} → 1
    for (size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '{') {
        concrete += '1';
        i = path.find('}', i);
      } else {
        concrete += path[i];
      }
    }
    for (const auto& [method, op] : item.items()) {
      ++operations;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (concrete == "/api/v1/me" && upper == "DELETE") continue;  // Would erase the account.
      if (concrete == "/api/v1/auth/logout") continue;               // Would end the session.
      HttpResult r = s.Call(upper, concrete, admin, json::object());
      EXPECT_NE(r.status, 405) << upper << " " << path;
      if (r.status == 404) {
        EXPECT_EQ(r.body["detail"].get<std::string>().find("no resource"), std::string::npos) << upper << " " << path;
      }
      EXPECT_LT(r.status, 500) << upper << " " << path << ": " << r.text;
      EXPECT_TRUE(op.contains("responses")) << path;
    }
  }
  EXPECT_GE(operations, 40);
  // An undocumented path is not served.
  EXPECT_EQ(s.Get("/plans/1/secret", admin).status, 404);
}

// Plans: made from saved profiles, verified again from the stored document,
// explained, swapped, and shopped for.
TEST(ServerPlans, CreateVerifyExplainSwapShop) {
  TestServer s;
  ASSERT_TRUE(s.server().SeedDemo().ok());
  const std::string t = s.SignUp("gil@example.org")["token"];
  HttpResult prof = s.Post("/profiles", t, ExampleProfileJson("ana-30-female.json"));
  ASSERT_EQ(prof.status, 201) << prof.text;
  const int64_t pid = prof.body["id"];
  HttpResult targets = s.Get("/profiles/" + std::to_string(pid) + "/targets", t);
  EXPECT_EQ(targets.status, 200);

  HttpResult plan = s.Post("/plans", t, {{"profile_ids", {pid}}, {"days", 2}, {"time_limit_s", 5}});
  ASSERT_EQ(plan.status, 201) << plan.text;
  const int64_t id = plan.body["id"];
  // Recompute from the stored document: rebuild the model and verify the
  // nutrient totals against the targets, independent of the solver.
  Result<PlanDocument> doc = ParsePlanDocument(plan.body["plan"].dump());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  Result<SavedPlan> saved = RebuildSavedPlan(TestCatalog(), *doc);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  Result<VerifiedPlan> v = VerifyPlan(TestCatalog(), saved->household, saved->built, saved->plan);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok());
  EXPECT_EQ(doc->cells.size(), 2u * doc->request.slots.size());

  HttpResult list = s.Get("/plans", t);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.body["plans"].size(), 1u);
  EXPECT_EQ(list.body["plans"][0]["days"], 2);
  // The audit entry: hashes of the inputs and the result, and the weights.
  json created;
  const HttpResult trail = s.Get("/audit/me", t);
  for (const json& e : trail.body["entries"]) {
    if (e["event"] == "plan_created") created = e;
  }
  ASSERT_TRUE(created.is_object()) << "plan creation is audited";
  const json& details = created["details"];
  const json& request = plan.body["plan"]["request"];
  EXPECT_EQ(details["weights"], request["household"][0]["profile"]["objective_weights"]);
  EXPECT_EQ(details["weights"]["cost"], 1.0);
  EXPECT_EQ(details["inputs_sha256"], security::Sha256Hex(request.dump()));
  json result = plan.body["plan"];
  result.erase("request");
  EXPECT_EQ(details["result_sha256"], security::Sha256Hex(result.dump()));
  EXPECT_EQ(created.dump().find("Ana"), std::string::npos) << "no health data in the log";
  EXPECT_EQ(s.Get("/plans/" + std::to_string(id) + "/explanation", t).status, 200);
  HttpResult meal = s.Get("/plans/" + std::to_string(id) + "/explanation?day=1&slot=dinner", t);
  ASSERT_EQ(meal.status, 200) << meal.text;
  EXPECT_EQ(s.Get("/plans/" + std::to_string(id) + "/explanation?day=9&slot=dinner", t).status, 400);

  // Swap day 1 dinner to another dinner the plan may use.
  std::string current, other;
  const json& cells = plan.body["plan"]["plan"]["cells"];
  ASSERT_EQ(cells.size(), doc->cells.size());
  for (const auto& c : cells) {
    if (c["day"] == 1 && c["slot"] == "dinner") current = c["recipe"];
  }
  ASSERT_FALSE(current.empty());
  // Another dinner of the library that fits (not the one planned).
  for (size_t i = 0; i < TestCatalog().recipes().size() && other.empty(); ++i) {
    const Recipe& r = TestCatalog().recipes()[i];
    const FoodTraits& tr = TestCatalog().facts(i).traits;
    if (r.id != current && r.Fits(MealType::kDinner) && tr.allergens == 0 && FitsDiet(tr, Diet::kVegan)) other = r.id;
  }
  ASSERT_FALSE(other.empty());
  HttpResult sw = s.Post("/plans/" + std::to_string(id) + "/swap", t, {{"day", 1}, {"slot", "dinner"}, {"recipe", other}});
  ASSERT_EQ(sw.status, 200) << sw.text;
  int seen = 0;
  for (const auto& c : sw.body["plan"]["plan"]["cells"]) {
    if (c["day"] == 1 && c["slot"] == "dinner") {
      EXPECT_EQ(c["recipe"], other);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 1);
  const HttpResult stored = s.Get("/plans/" + std::to_string(id), t);
  EXPECT_NE(stored.body["plan"]["request"]["fixed"].dump().find(other), std::string::npos) << "the stored plan keeps the swap";
  HttpResult bad = s.Post("/plans/" + std::to_string(id) + "/swap", t, {{"day", 1}, {"slot", "dinner"}, {"recipe", "no-such-recipe"}});
  EXPECT_EQ(bad.status, 404) << bad.text;

  HttpResult shop = s.Post("/plans/" + std::to_string(id) + "/shopping-list", t, json::object());
  ASSERT_EQ(shop.status, 200) << shop.text;
  EXPECT_TRUE(shop.body.is_object());
  HttpResult csv = s.Call("POST", "/api/v1/plans/" + std::to_string(id) + "/shopping-list?format=csv", t, json::object());
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("Content-Type").rfind("text/csv", 0), 0u);
}

// Export, audit with inclusion proofs, then erasure.
TEST(ServerPlans, ABusyPlannerAnswers503WithRetryAfter) {
  server::ServerOptions o;
  o.max_concurrent_solves = 1;
  o.solve_wait_s = 0;
  TestServer s(o);
  const std::string t = s.SignUp("ivy@example.org")["token"];
  HttpResult prof = s.Post("/profiles", t, ExampleProfileJson("ana-30-female.json"));
  ASSERT_EQ(prof.status, 201);
  const json body = {{"profile_ids", {prof.body["id"]}}, {"days", 3}, {"time_limit_s", 5}};
  // Three at once, one turn at the planner and no waiting: one is made, the
  // others are told to come back (each solve takes far longer than the
  // requests take to arrive).
  std::vector<HttpResult> results(3);
  std::vector<std::thread> threads;
  for (HttpResult& r : results) threads.emplace_back([&s, &r, &t, &body] { r = s.Post("/plans", t, body); });
  for (std::thread& th : threads) th.join();
  int made = 0, busy = 0;
  for (const HttpResult& r : results) {
    if (r.status == 201) ++made;
    if (r.status == 503) {
      ++busy;
      EXPECT_EQ(r.Header("Retry-After"), "5");
      EXPECT_NE(r.body["detail"].get<std::string>().find("planner is busy"), std::string::npos) << r.text;
    }
  }
  EXPECT_GE(made, 1);
  EXPECT_GE(busy, 1);
  EXPECT_EQ(made + busy, 3);
  // The turn is given back: the next request is served.
  EXPECT_EQ(s.Post("/plans", t, body).status, 201);
}

// A person's recipe with the fields they need not give left out (tests/data/recipes/).
json OwnDal() {
  std::ifstream in(std::string(HEARTH_TEST_FIXTURES_DIR) + "/recipes/my-lentil-rice.json");
  return json::parse(in);
}

TEST(ServerRecipes, OwnRecipesArePlannedForTheirOwnerOnly) {
  TestServer s;
  const std::string t = s.SignUp("kim@example.org")["token"];
  const std::string other = s.SignUp("lou@example.org")["token"];
  // Each rule of the recipe format, at its field.
  const auto field_of = [](const HttpResult& r) { return r.body["errors"][0]["field"].get<std::string>(); };
  json bad = OwnDal();
  bad["ingredients"][1]["grams"] = -5;
  HttpResult r = s.Post("/recipes", t, bad);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(field_of(r), "ingredients[1].grams") << r.text;
  bad = OwnDal();
  bad["ingredients"][0]["food"] = "99999";
  r = s.Post("/recipes", t, bad);
  EXPECT_EQ(field_of(r), "ingredients[0].food") << r.text;
  bad = OwnDal();
  bad["meal_types"] = json::array();
  EXPECT_EQ(field_of(s.Post("/recipes", t, bad)), "meal_types");
  bad = OwnDal();
  bad["servings"] = 5000;
  EXPECT_EQ(field_of(s.Post("/recipes", t, bad)), "servings");
  bad = OwnDal();
  bad["id"] = TestCatalog().recipes()[0].id;
  r = s.Post("/recipes", t, bad);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(field_of(r), "id") << r.text;
  EXPECT_EQ(s.Get("/recipes?mine=true", t).body["total"], 0) << "nothing was stored by the refusals";

  HttpResult added = s.Post("/recipes", t, OwnDal());
  ASSERT_EQ(added.status, 201) << added.text;
  EXPECT_TRUE(added.body["mine"].get<bool>());
  EXPECT_EQ(s.Post("/recipes", t, OwnDal()).status, 409);
  // Its nutrition is derived from the foods like a library recipe's (the
  // recipe as stored: with the defaults for what a person need not say).
  const HttpResult export_now = s.Get("/me/export", t);
  ASSERT_EQ(export_now.body["recipes"].size(), 1u);
  EXPECT_EQ(export_now.body["recipes"][0]["cuisine"], "home");
  Result<Recipe> parsed = ParseRecipeText(export_now.body["recipes"][0].dump(), "test", TestCatalog().foods());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  Result<std::unique_ptr<Catalog>> with = TestCatalog().WithRecipes({*parsed});
  ASSERT_TRUE(with.ok());
  const int idx = (*with)->FindRecipe("my-lentil-rice");
  ASSERT_GE(idx, 0);
  EXPECT_EQ(added.body.dump(), [&] {
    json j = RecipeToJson((*with)->recipes()[static_cast<size_t>(idx)], (*with)->facts(static_cast<size_t>(idx)),
                          (*with)->foods(), 2, true);
    j["mine"] = true;
    return j.dump();
  }());
  HttpResult mine = s.Get("/recipes?mine=true", t);
  ASSERT_EQ(mine.body["recipes"].size(), 1u);
  EXPECT_EQ(mine.body["recipes"][0]["id"], "my-lentil-rice");
  const HttpResult all = s.Get("/recipes?limit=1", t);
  const HttpResult library = s.Get("/recipes?mine=false&limit=1", t);
  EXPECT_EQ(all.body["total"].get<int64_t>(), static_cast<int64_t>(TestCatalog().recipes().size()) + 1);
  EXPECT_EQ(library.body["total"].get<int64_t>(), static_cast<int64_t>(TestCatalog().recipes().size()));
  EXPECT_EQ(s.Get("/recipes?mine=maybe", t).status, 400);
  EXPECT_EQ(s.Get("/recipes/my-lentil-rice?servings=4", t).status, 200);
  // Someone else neither sees it nor plans with it.
  EXPECT_EQ(s.Get("/recipes/my-lentil-rice", other).status, 404);
  EXPECT_EQ(s.Get("/recipes?mine=true", other).body["total"], 0);
  EXPECT_EQ(s.Delete("/recipes/my-lentil-rice", other).status, 404);

  // The owner's plans may use it: swap a dinner to it, then check the stored
  // plan against the targets with the same recipe.
  HttpResult prof = s.Post("/profiles", t, ExampleProfileJson("ana-30-female.json"));
  ASSERT_EQ(prof.status, 201);
  HttpResult plan = s.Post("/plans", t, {{"profile_ids", {prof.body["id"]}}, {"days", 2}, {"time_limit_s", 5}});
  ASSERT_EQ(plan.status, 201) << plan.text;
  const std::string path = "/plans/" + std::to_string(plan.body["id"].get<int64_t>());
  HttpResult sw = s.Post(path + "/swap", t, {{"day", 1}, {"slot", "dinner"}, {"recipe", "my-lentil-rice"}});
  ASSERT_EQ(sw.status, 200) << sw.text;
  bool used = false;
  for (const auto& c : sw.body["plan"]["plan"]["cells"]) used |= c["recipe"] == "my-lentil-rice";
  EXPECT_TRUE(used);
  Result<PlanDocument> doc = ParsePlanDocument(sw.body["plan"].dump());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_FALSE(RebuildSavedPlan(TestCatalog(), *doc).ok()) << "the library alone lacks the recipe";
  Result<SavedPlan> saved = RebuildSavedPlan(**with, *doc);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  Result<VerifiedPlan> v = VerifyPlan(**with, saved->household, saved->built, saved->plan);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok());
  EXPECT_EQ(s.Get(path + "/explanation?day=1&slot=dinner", t).status, 200);
  EXPECT_EQ(s.Post(path + "/shopping-list", t, json::object()).status, 200);
  // Another account's plan cannot swap to it.
  HttpResult their_prof = s.Post("/profiles", other, ExampleProfileJson("ana-30-female.json"));
  HttpResult their_plan =
      s.Post("/plans", other, {{"profile_ids", {their_prof.body["id"]}}, {"days", 1}, {"time_limit_s", 5}});
  ASSERT_EQ(their_plan.status, 201);
  EXPECT_EQ(s.Post("/plans/" + std::to_string(their_plan.body["id"].get<int64_t>()) + "/swap", other,
                   {{"day", 1}, {"slot", "dinner"}, {"recipe", "my-lentil-rice"}})
                .status,
            404);
  // It is in the export; it cannot go while a plan uses it.
  const HttpResult exported = s.Get("/me/export", t);
  ASSERT_EQ(exported.body["recipes"].size(), 1u);
  EXPECT_EQ(exported.body["recipes"][0]["id"], "my-lentil-rice");
  const int64_t plan_id = plan.body["id"].get<int64_t>();
  EXPECT_EQ(s.Get("/recipes/my-lentil-rice", t).body["used_in_plans"], json::array({plan_id}));
  EXPECT_EQ(s.Get("/recipes?mine=true", t).body["recipes"][0]["used_in_plans"], json::array({plan_id}));
  EXPECT_FALSE(s.Get("/recipes?mine=false&limit=1", t).body["recipes"][0].contains("used_in_plans"));
  HttpResult in_use = s.Delete("/recipes/my-lentil-rice", t);
  EXPECT_EQ(in_use.status, 409) << in_use.text;
  EXPECT_EQ(in_use.body["plans"], json::array({plan_id})) << in_use.text;
  EXPECT_EQ(in_use.body["detail"], "recipe \"my-lentil-rice\" is in your plan " + std::to_string(plan_id) +
                                       "; delete that plan, or swap the meal, first");
  // A second plan with it: both are named.
  HttpResult second = s.Post("/plans", t, {{"profile_ids", {prof.body["id"]}}, {"days", 1}, {"time_limit_s", 5}});
  ASSERT_EQ(second.status, 201) << second.text;
  const int64_t second_id = second.body["id"].get<int64_t>();
  const std::string second_path = "/plans/" + std::to_string(second_id);
  ASSERT_EQ(s.Post(second_path + "/swap", t, {{"day", 1}, {"slot", "lunch"}, {"recipe", "my-lentil-rice"}}).status, 200);
  in_use = s.Delete("/recipes/my-lentil-rice", t);
  EXPECT_EQ(in_use.status, 409) << in_use.text;
  EXPECT_EQ(in_use.body["plans"], json::array({plan_id, second_id})) << in_use.text;
  EXPECT_EQ(in_use.body["detail"], "recipe \"my-lentil-rice\" is in your plans " + std::to_string(plan_id) + " and " +
                                       std::to_string(second_id) + "; delete those plans, or swap the meal, first");
  ASSERT_EQ(s.Delete(second_path, t).status, 204);
  ASSERT_EQ(s.Delete(path, t).status, 204);
  EXPECT_EQ(s.Get("/recipes/my-lentil-rice", t).body["used_in_plans"], json::array());
  EXPECT_EQ(s.Delete("/recipes/my-lentil-rice", t).status, 204);
  EXPECT_EQ(s.Get("/recipes/my-lentil-rice", t).status, 404);
}

TEST(ServerPantry, AddUseAndErrorsNameTheirField) {
  TestServer s;
  const std::string t = s.SignUp("jo@example.org")["token"];
  // The answer to an add already says how the lot stands.
  const std::string tomorrow = FormatDate(Today() + std::chrono::days(1));
  HttpResult added = s.Post("/pantry/items", t, {{"food", "20044"}, {"amount", 500}, {"expiry", tomorrow}});
  ASSERT_EQ(added.status, 201) << added.text;
  EXPECT_EQ(added.body["days_left"], 1);
  EXPECT_EQ(added.body["state"], "expires soon");
  EXPECT_EQ(added.body["grams"], 500);
  const auto field_of = [](const HttpResult& r) { return r.body["errors"][0]["field"].get<std::string>(); };
  HttpResult unit = s.Post("/pantry/items", t, {{"food", "20044"}, {"amount", 2}, {"unit", "furlong"}});
  EXPECT_EQ(unit.status, 400);
  EXPECT_EQ(field_of(unit), "unit") << unit.text;
  HttpResult negative = s.Post("/pantry/items", t, {{"food", "20044"}, {"amount", -2}, {"unit", "kg"}});
  EXPECT_EQ(negative.status, 400);
  EXPECT_EQ(field_of(negative), "amount") << negative.text;
  HttpResult too_much = s.Post("/pantry/use", t, {{"food", "20044"}, {"amount", 900}});
  EXPECT_EQ(too_much.status, 409);
  EXPECT_EQ(field_of(too_much), "amount") << too_much.text;
  EXPECT_EQ(too_much.body["errors"][0]["detail"], "is more than the pantry holds: asked for 900 g, there is 500 g in 1 lot");
  HttpResult zero = s.Post("/pantry/use", t, {{"food", "20044"}, {"amount", 0}});
  EXPECT_EQ(zero.status, 400);
  EXPECT_EQ(field_of(zero), "amount") << zero.text;
  // Nothing was taken by the refusals; then 150 g is.
  HttpResult used = s.Post("/pantry/use", t, {{"food", "20044"}, {"amount", 150}});
  ASSERT_EQ(used.status, 200) << used.text;
  EXPECT_EQ(used.body["taken"][0]["grams_before"], 500);
  EXPECT_EQ(used.body["taken"][0]["grams_left"], 350);
  HttpResult list = s.Get("/pantry", t);
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["grams"], 350);
}

TEST(ServerWeb, StaticFilesRevalidateWithETags) {
  server::ServerOptions o;
  o.web_dir = std::string(HEARTH_TEST_DATA_DIR) + "/../web";
  TestServer s(o);
  HttpResult page = s.Call("GET", "/index.html");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.text.find("<title>hearth</title>"), std::string::npos);
  EXPECT_EQ(page.Header("Content-Type"), "text/html");
  EXPECT_EQ(page.Header("Cache-Control"), "no-cache");
  EXPECT_NE(page.Header("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  const std::string etag = page.Header("ETag");
  ASSERT_EQ(etag.size(), 34u) << etag;
  HttpResult js = s.Call("GET", "/js/main.js");
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript");
  EXPECT_NE(js.Header("ETag"), etag);
  // Unchanged: 304 without a body; a different tag, or none: the file.
  httplib::Client c("127.0.0.1", s.port());
  auto same = c.Get("/index.html", {{"If-None-Match", "\"other\", " + etag}});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 304);
  EXPECT_TRUE(same->body.empty());
  auto weak = c.Get("/index.html", {{"If-None-Match", "W/" + etag}});
  EXPECT_EQ(weak->status, 304);
  auto changed = c.Get("/index.html", {{"If-None-Match", "\"0123\""}});
  EXPECT_EQ(changed->status, 200);
  EXPECT_EQ(changed->body, page.text);
  // The API is never cached.
  EXPECT_EQ(s.Get("/health").Header("Cache-Control"), "no-store");
}

TEST(ServerDataRights, ExportAuditEraseAndVerify) {
  TestServer s;
  json session = s.SignUp("hal@example.org");
  const std::string t = session["token"];
  const std::string pseudonym = session["account"]["pseudonym"];
  ASSERT_EQ(s.Post("/profiles", t, ExampleProfileJson("ben-58-male-hypertension.json")).status, 201);
  ASSERT_EQ(s.Post("/pantry/items", t, {{"food", "20044"}, {"amount", 2}, {"unit", "kg"}}).status, 201);

  HttpResult exp = s.Get("/me/export", t);
  ASSERT_EQ(exp.status, 200);
  EXPECT_EQ(exp.body["format"], "hearth-export");
  EXPECT_EQ(exp.body["profiles"].size(), 1u);
  EXPECT_EQ(exp.body["profiles"][0]["profile"]["name"], "Ben");
  EXPECT_FALSE(exp.body["pantry"]["items"].empty());

  HttpResult mine = s.Get("/audit/me", t);
  ASSERT_EQ(mine.status, 200);
  const json& head = mine.body["head"];
  std::optional<audit::Hash> root = audit::HashFromHex(head["root_hash"].get<std::string>());
  ASSERT_TRUE(root);
  std::vector<std::string> events;
  for (const auto& e : mine.body["entries"]) {
    events.push_back(e["event"]);
    std::vector<audit::Hash> proof;
    for (const auto& h : e["inclusion_proof"]) proof.push_back(*audit::HashFromHex(h.get<std::string>()));
    audit::Hash leaf = *audit::HashFromHex(e["leaf_hash"].get<std::string>());
    EXPECT_TRUE(audit::VerifyInclusion(leaf, e["seq"].get<uint64_t>(), head["tree_size"].get<uint64_t>(), proof, *root))
        << e.dump();
    // The log names the account only by pseudonym and holds no health data.
    EXPECT_EQ(e.dump().find("hal@example.org"), std::string::npos);
    EXPECT_EQ(e.dump().find("Ben"), std::string::npos);
  }
  EXPECT_NE(std::find(events.begin(), events.end(), "account_created"), events.end());
  EXPECT_NE(std::find(events.begin(), events.end(), "data_exported"), events.end());

  EXPECT_EQ(s.Delete("/me", t, {{"password", "wrong password!!"}}).status, 400);
  EXPECT_EQ(s.Delete("/me", t, {{"password", TestServer::Password()}}).status, 204);
  EXPECT_EQ(s.Get("/auth/session", t).status, 401);
  EXPECT_EQ(s.Post("/auth/login", "", {{"email", "hal@example.org"}, {"password", TestServer::Password()}}).status, 401);

  // The log still verifies, keeps the pseudonym and nothing else of the account.
  Result<std::unique_ptr<storage::Store>> store = storage::OpenStore(s.database());
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE((*store)->FindAccountByEmail("hal@example.org").ok());
  Result<std::vector<storage::AuditEntry>> left = (*store)->ListAuditFor(pseudonym);
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->back().event, "account_erased");
  const audit::KeyFiles files = audit::KeyFilesFor(s.database());
  std::ifstream pub(files.public_key);
  std::string key;
  pub >> key;
  Result<audit::VerifyReport> report = audit::VerifyLog(**store, key, files.witness);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems[0]);
}

}  // namespace
}  // namespace hearth::testing

namespace hearth::testing {
namespace {

// With a certificate and key, the server speaks HTTPS (OpenSSL) and nothing
// else.
TEST(ServerTls, ServesHttpsWithTheGivenCertificate) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("hearth-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " + key +
                          " -out " + cert + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "needs the openssl command";
  server::ServerOptions o;
  o.tls_cert = cert;
  o.tls_key = key;
  TestServer s(o);
  httplib::SSLClient tls("127.0.0.1", s.port());
  tls.set_ca_cert_path(cert.c_str());
  tls.enable_server_certificate_verification(true);
  auto r = tls.Get("/api/v1/health");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("\"ok\""), std::string::npos);
  // Plain HTTP gets no answer.
  httplib::Client plain("127.0.0.1", s.port());
  plain.set_read_timeout(2, 0);
  auto p = plain.Get("/api/v1/health");
  EXPECT_TRUE(!p || p->status != 200);
  // Only one of the two files: refused.
  server::ServerOptions half;
  half.database = (dir / "h.db").string();
  half.tls_cert = cert;
  EXPECT_FALSE(server::Server::Create(half, TestCatalog()).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hearth::testing
