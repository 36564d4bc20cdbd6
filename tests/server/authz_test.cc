// The authorization matrix: every endpoint that reaches someone's object,
// called by every role that is not allowed to, is denied (403 or 404), and
// the object is unchanged. Then the allowed paths: the owner, their
// household's admin, a nutritionist exactly while consent is active.
#include <gtest/gtest.h>

#include "hearth/storage/store.h"
#include "server/test_server.h"

namespace hearth::testing {
namespace {

using nlohmann::json;

struct Actor {
  std::string name;
  std::string token;
  int64_t id = 0;
};

class AuthzTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_ = new TestServer();
    // The owner and her household (its admin may see her data).
    owner_ = Make("owner@example.org", "member");
    house_admin_ = Make("house-admin@example.org", "member");
    json h = s_->Post("/households", house_admin_.token, {{"name", "Owner's household"}}).body;
    household_ = h["id"];
    join_code_ = h["join_code"];
    ASSERT_EQ(s_->Post("/households/" + std::to_string(household_) + "/join", owner_.token, {{"code", h["join_code"]}}).status, 200);
    // The owner's nutritionist (with consent) and everyone else.
    consented_ = Make("nutri-yes@example.org", "nutritionist");
    others_.push_back(Make("member-b@example.org", "member"));
    others_.push_back(Make("other-house-admin@example.org", "member"));
    ASSERT_EQ(s_->Post("/households", others_.back().token, {{"name", "Another household"}}).status, 201);
    others_.push_back(Make("nutri-no@example.org", "nutritionist"));
    others_.push_back(Make("vendor-two@example.org", "vendor",
                           {{"vendor", {{"id", "two-stall"}, {"name", "Two"}, {"kind", "market_stall"}, {"lat", 44.2}, {"lon", -72.5}}}}));
    others_.push_back(Make("kitchen@example.org", "kitchen_organizer"));
    Actor admin = Make("admin@example.org", "member");
    {
      auto store = storage::OpenStore(s_->database());
      ASSERT_TRUE(store.ok());
      auto a = (*store)->GetAccount(admin.id);
      ASSERT_TRUE(a.ok());
      a->role = Role::kAdmin;
      ASSERT_TRUE((*store)->UpdateAccount(*a).ok());
    }
    others_.push_back(admin);
    vendor_ = Make("vendor-one@example.org", "vendor",
                   {{"vendor", {{"id", "one-stall"}, {"name", "One"}, {"kind", "market_stall"}, {"lat", 44.2}, {"lon", -72.5}}}});
    ASSERT_EQ(s_->Put("/vendors/one-stall/products/rice", vendor_.token,
                      {{"name", "Rice, 1 kg"}, {"food", "20044"}, {"package_g", 1000}, {"price", 2.5},
                       {"origin", "Imported"}, {"production", "imported"}, {"updated_at", "2026-11-26"}})
                  .status,
              200);

    // The owner's objects.
    json p = s_->Post("/profiles", owner_.token, ExampleProfileJson("ana-30-female.json")).body;
    profile_ = p["id"];
    json plan = s_->Post("/plans", owner_.token, {{"profile_ids", {profile_}}, {"days", 1}, {"time_limit_s", 3}}).body;
    ASSERT_TRUE(plan.contains("id")) << plan.dump();
    plan_ = plan["id"];
    json item = s_->Post("/pantry/items", owner_.token, {{"food", "20044"}, {"amount", 500}}).body;
    pantry_item_ = item["id"];
    json consent = s_->Post("/consents", owner_.token, {{"nutritionist_email", "nutri-yes@example.org"}}).body;
    consent_ = consent["id"];
  }
  static void TearDownTestSuite() { delete s_; }

  static Actor Make(const std::string& email, const std::string& role, json extra = json::object()) {
    json session = s_->SignUp(email, role, extra);
    return {email, session["token"], session["account"]["id"]};
  }

  static inline TestServer* s_ = nullptr;
  static inline Actor owner_, house_admin_, consented_, vendor_;
  static inline std::vector<Actor> others_;
  static inline std::string join_code_;
  static inline int64_t household_ = 0, profile_ = 0, plan_ = 0, pantry_item_ = 0, consent_ = 0;
};

struct Endpoint {
  std::string method, path;
  json body;
};

TEST_F(AuthzTest, EveryForbiddenPairIsDenied) {
  const std::string p = std::to_string(profile_), pl = std::to_string(plan_), it = std::to_string(pantry_item_);
  const std::string owner = std::to_string(owner_.id);
  const std::vector<Endpoint> health = {
      {"GET", "/profiles/" + p, nullptr},
      {"PUT", "/profiles/" + p, ExampleProfileJson("ben-58-male-hypertension.json")},
      {"DELETE", "/profiles/" + p, nullptr},
      {"GET", "/profiles/" + p + "/targets", nullptr},
      {"GET", "/profiles?owner=" + owner, nullptr},
      {"POST", "/profiles?owner=" + owner, ExampleProfileJson("ben-58-male-hypertension.json")},
      {"GET", "/plans/" + pl, nullptr},
      {"GET", "/plans?owner=" + owner, nullptr},
      {"DELETE", "/plans/" + pl, nullptr},
      {"GET", "/plans/" + pl + "/explanation", nullptr},
      {"POST", "/plans/" + pl + "/swap", {{"day", 1}, {"slot", "dinner"}, {"recipe", "x"}}},
      {"POST", "/plans/" + pl + "/shopping-list", json::object()},
      {"POST", "/plans", {{"profile_ids", {profile_}}, {"days", 1}}},
      {"PATCH", "/pantry/items/" + it, {{"grams", 1}}},
      {"DELETE", "/pantry/items/" + it, nullptr},
      {"POST", "/pantry/cook", {{"plan_id", plan_}, {"day", 1}}},
      {"POST", "/consents/" + std::to_string(consent_) + "/revoke", nullptr},
      {"GET", "/households/" + std::to_string(household_), nullptr},
      {"POST", "/households/" + std::to_string(household_) + "/code", nullptr},
      {"DELETE", "/households/" + std::to_string(household_) + "/members/" + owner, nullptr},
  };
  const std::vector<Endpoint> vendor_only = {
      {"PUT", "/vendors/one-stall", {{"name", "Taken over"}, {"kind", "market_stall"}, {"lat", 1}, {"lon", 1}}},
      {"PUT", "/vendors/one-stall/products/rice",
       {{"name", "Rice"}, {"food", "20044"}, {"package_g", 1}, {"price", 0}, {"origin", "x"}, {"production", "imported"}}},
      {"DELETE", "/vendors/one-stall/products/rice", nullptr},
  };
  const std::vector<Endpoint> admin_only = {
      {"GET", "/accounts", nullptr},
      {"PATCH", "/accounts/" + owner, {{"role", "admin"}}},
      {"GET", "/audit/entries", nullptr},
      {"GET", "/audit/verification", nullptr},
      {"POST", "/vendors", {{"id", "new-stall"}, {"name", "New"}, {"kind", "market_stall"}, {"lat", 1}, {"lon", 1}}},
  };
  int checked = 0;
  for (const Actor& a : others_) {
    const bool is_admin = a.name == "admin@example.org";
    for (const Endpoint& e : health) {
      HttpResult r = s_->Call(e.method, "/api/v1" + e.path, a.token, e.body);
      EXPECT_TRUE(r.status == 403 || r.status == 404) << a.name << " " << e.method << " " << e.path << " → " << r.status << " " << r.text;
      ++checked;
    }
    for (const Endpoint& e : vendor_only) {
      if (is_admin) continue;  // Admins may edit any vendor.
      HttpResult r = s_->Call(e.method, "/api/v1" + e.path, a.token, e.body);
      EXPECT_TRUE(r.status == 403 || r.status == 404) << a.name << " " << e.method << " " << e.path << " → " << r.status << " " << r.text;
      ++checked;
    }
    for (const Endpoint& e : admin_only) {
      if (is_admin) continue;
      HttpResult r = s_->Call(e.method, "/api/v1" + e.path, a.token, e.body);
      EXPECT_EQ(r.status, 403) << a.name << " " << e.method << " " << e.path << " → " << r.text;
      ++checked;
    }
  }
  // The vendor may not touch the owner's health data either.
  for (const Endpoint& e : health) {
    HttpResult r = s_->Call(e.method, "/api/v1" + e.path, vendor_.token, e.body);
    EXPECT_TRUE(r.status == 403 || r.status == 404) << "vendor " << e.method << " " << e.path << " → " << r.status;
  }
  EXPECT_GT(checked, 100);
  // Nothing changed.
  HttpResult mine = s_->Get("/profiles/" + p, owner_.token);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body["profile"]["name"], "Ana");
  EXPECT_EQ(s_->Get("/plans/" + pl, owner_.token).status, 200);
  HttpResult pantry = s_->Get("/pantry", owner_.token);
  ASSERT_EQ(pantry.body["items"].size(), 1u);
  EXPECT_EQ(pantry.body["items"][0]["grams"], 500);
  HttpResult house = s_->Get("/households/" + std::to_string(household_), house_admin_.token);
  EXPECT_EQ(house.body["join_code"], join_code_) << "the join code was not renewed";
  EXPECT_EQ(house.body["members"].size(), 2u) << "the owner is still a member";
  HttpResult v = s_->Get("/vendors/one-stall", owner_.token);
  EXPECT_EQ(v.body["name"], "One");
  EXPECT_EQ(v.body["products"].size(), 1u);
}

TEST_F(AuthzTest, HouseholdAdminAndConsentedNutritionistMayRead) {
  const std::string p = "/profiles/" + std::to_string(profile_);
  EXPECT_EQ(s_->Get(p, house_admin_.token).status, 200);
  EXPECT_EQ(s_->Get(p, consented_.token).status, 200);
  HttpResult clients = s_->Get("/clients", consented_.token);
  ASSERT_EQ(clients.status, 200);
  ASSERT_EQ(clients.body["clients"].size(), 1u);
  EXPECT_EQ(clients.body["clients"][0]["account"]["id"], owner_.id);
  // A nutritionist edits but does not delete.
  EXPECT_EQ(s_->Delete(p, consented_.token).status, 403);
}

TEST_F(AuthzTest, RevokedConsentEndsAccessAndIsKept) {
  // A second nutritionist, granted then revoked by the client.
  Actor n = Make("nutri-later@example.org", "nutritionist");
  const std::string p = "/profiles/" + std::to_string(profile_);
  EXPECT_EQ(s_->Get(p, n.token).status, 404);
  json c = s_->Post("/consents", owner_.token, {{"nutritionist_email", "nutri-later@example.org"}}).body;
  ASSERT_TRUE(c.contains("id")) << c.dump();
  EXPECT_EQ(s_->Get(p, n.token).status, 200);
  HttpResult twice = s_->Post("/consents", owner_.token, {{"nutritionist_email", "nutri-later@example.org"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.body["errors"][0]["field"], "nutritionist_email") << twice.text;
  HttpResult r = s_->Post("/consents/" + std::to_string(c["id"].get<int64_t>()) + "/revoke", owner_.token);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_FALSE(r.body["active"].get<bool>());
  EXPECT_EQ(s_->Get(p, n.token).status, 404);
  EXPECT_EQ(s_->Get("/plans/" + std::to_string(plan_), n.token).status, 404);
  // The history stays on both sides.
  HttpResult mine = s_->Get("/consents", owner_.token);
  bool found = false;
  for (const auto& x : mine.body["consents"]) found |= x["id"] == c["id"] && !x["revoked_at"].is_null();
  EXPECT_TRUE(found);
  // A member is not a nutritionist: no consent to them.
  HttpResult member = s_->Post("/consents", owner_.token, {{"nutritionist_email", "member-b@example.org"}});
  EXPECT_EQ(member.status, 404);
  EXPECT_EQ(member.body["errors"][0]["field"], "nutritionist_email") << member.text;
}

TEST_F(AuthzTest, VendorEditsOnlyItsOwnProducts) {
  const std::string csv =
      "vendor_id,id,name,food,package_g,price,origin,production,updated_at\n"
      "one-stall,oats,\"Oats, 1 kg\",08120,1000,3.1,Imported,imported,2026-11-26\n"
      "one-stall,bad,Bad,99999999,1000,3.1,Imported,imported,2026-11-26\n";
  HttpResult bad = s_->Call("POST", "/api/v1/vendors/one-stall/products/import", vendor_.token, nullptr, csv, "text/csv");
  ASSERT_EQ(bad.status, 400) << bad.text;
  EXPECT_NE(bad.body["detail"].get<std::string>().find("line 3"), std::string::npos) << bad.text;
  EXPECT_EQ(s_->Get("/vendors/one-stall", vendor_.token).body["products"].size(), 1u);  // All or nothing.
  const std::string good = csv.substr(0, csv.rfind("one-stall,bad"));
  HttpResult ok = s_->Call("POST", "/api/v1/vendors/one-stall/products/import", vendor_.token, nullptr, good, "text/csv");
  ASSERT_EQ(ok.status, 200) << ok.text;
  EXPECT_EQ(ok.body["imported"], 1);
  // Another vendor's rows in my file are refused.
  const std::string theirs = "vendor_id,id,name,food,package_g,price,origin,production,updated_at\n"
                             "two-stall,oats,Oats,08120,1000,3.1,Imported,imported,2026-11-26\n";
  EXPECT_EQ(s_->Call("POST", "/api/v1/vendors/one-stall/products/import", vendor_.token, nullptr, theirs, "text/csv").status, 403);
}

// The command line's own profiles and plans share the database file; no
// account, of any role, reaches them through the API.
TEST(ServerAuthz, CommandLineProfilesAndPlansAreNobodysThroughTheApi) {
  TestServer s;
  Result<std::unique_ptr<storage::Store>> store = storage::OpenStore(s.database());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const int64_t profile = *(*store)->CreateProfile(storage::kLocalOwner, R"({"name": "Local"})");
  const int64_t plan = *(*store)->CreatePlan(storage::kLocalOwner, "{}");
  for (const char* role : {"member", "nutritionist", "kitchen_organizer", "household_admin"}) {
    const bool admin = std::string(role) == "household_admin";
    const std::string t = s.SignUp(std::string(role) + "@example.org", admin ? "member" : role)["token"];
    if (admin) {
      ASSERT_EQ(s.Post("/households", t, {{"name", "Home"}}).status, 201);
    }
    EXPECT_EQ(s.Get("/profiles/" + std::to_string(profile), t).status, 404) << role;
    EXPECT_EQ(s.Get("/plans/" + std::to_string(plan), t).status, 404) << role;
    EXPECT_EQ(s.Delete("/plans/" + std::to_string(plan), t).status, 404) << role;
    EXPECT_EQ(s.Get("/plans?owner=0", t).status, 400) << role;
  }
  EXPECT_TRUE((*store)->GetPlan(plan).ok());
}

}  // namespace
}  // namespace hearth::testing
