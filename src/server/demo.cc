#include "server/demo.h"

#include <map>

#include "hearth/importer/market_io.h"
#include "hearth/importer/pantry_io.h"
#include "hearth/json/profile_json.h"
#include "hearth/security/token.h"
#include "server/api.h"

namespace hearth::server {
namespace {

constexpr std::string_view kDomain = "@demo.hearth.example";

// Two of the example profiles (examples/profiles), as a household.
constexpr std::string_view kAna = R"({"name": "Ana", "age_years": 30, "sex": "female", "height_cm": 165,
  "weight_kg": 60, "activity": "active", "conditions": [], "allergies": [], "diet": "omnivore",
  "dislikes": ["anchovies"], "budget_per_week": 70, "currency": "USD",
  "objective_weights": {"cost": 1.0, "co2e_kg": 0.2, "dislike": 1.0, "time_min": 0.0, "deviation": 10.0}})";
constexpr std::string_view kBen = R"({"name": "Ben", "age_years": 58, "sex": "male", "height_cm": 178,
  "weight_kg": 92, "activity": "low_active", "conditions": ["hypertension", "type2_diabetes"],
  "allergies": ["peanut"], "diet": "omnivore", "budget_per_week": 60,
  "objective_weights": {"cost": 1.0, "co2e_kg": 0.1, "dislike": 1.0, "time_min": 0.02, "deviation": 10.0}})";

struct DemoAccount {
  std::string_view user;
  std::string_view name;
  Role role;
};
constexpr DemoAccount kAccounts[] = {
    {"admin", "Demo admin", Role::kAdmin},
    {"ana", "Ana", Role::kHouseholdAdmin},
    {"ben", "Ben", Role::kMember},
    {"nora", "Nora Okafor, RDN", Role::kNutritionist},
    {"greenacre", "Green Acre Farm", Role::kVendor},
    {"kitchen", "Harrow Vale community kitchen", Role::kKitchenOrganizer},
};

}  // namespace

Result<std::string> SeedDemo(Api& api) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<storage::Account> existing, api.store.ListAccounts());
  for (const storage::Account& a : existing) {
    if (a.email.size() < kDomain.size() || a.email.compare(a.email.size() - kDomain.size(), kDomain.size(), kDomain) != 0) {
      return Status::FailedPrecondition("--demo", "this database has real accounts; use a new database for the demo");
    }
  }
  const std::string data = api.catalog.data_dir();
  // The market first: the vendor account links to one of its vendors.
  HEARTH_ASSIGN_OR_RETURN(Market market, api.store.LoadMarket());
  if (market.vendors.empty()) {
    HEARTH_ASSIGN_OR_RETURN(MarketImport imp,
                            ImportMarketFiles({data + "/market/demo/vendors.csv", data + "/market/demo/products.csv"},
                                              api.catalog.foods(), {}));
    if (!imp.report.ok()) return Status::Internal("the demo market does not import: " + imp.report.FormatErrors(5));
    HEARTH_RETURN_IF_ERROR(api.store.UpsertMarket(imp.market));
  }
  std::string out = "Demo accounts (passwords are new at every start):\n";
  std::map<std::string, storage::Account> by_user;
  for (const DemoAccount& d : kAccounts) {
    const std::string email = std::string(d.user) + std::string(kDomain);
    const std::string password = "demo-" + security::RandomHex(8);
    HEARTH_ASSIGN_OR_RETURN(std::string hash, security::HashPassword(password, api.options.password_cost));
    Result<storage::Account> a = api.store.FindAccountByEmail(email);
    if (a.ok()) {
      HEARTH_RETURN_IF_ERROR(api.store.SetPasswordHash(a->id, hash));
    } else {
      if (a.status().code() != StatusCode::kNotFound) return a.status();
      storage::Account n;
      n.email = email;
      n.name = std::string(d.name);
      n.role = d.role;
      n.password_hash = hash;
      n.pseudonym = "u-" + security::RandomHex(12);
      n.created_at = NowUtc();
      if (d.role == Role::kVendor) n.vendor_id = "green-acre-stall";
      if (d.role == Role::kKitchenOrganizer) n.kitchen = "harrow-vale";
      HEARTH_ASSIGN_OR_RETURN(n.id, api.store.CreateAccount(n));
      HEARTH_RETURN_IF_ERROR(api.LogSystem("account_created", n.pseudonym, "account:" + std::to_string(n.id),
                                           {{"role", RoleKey(n.role)}, {"demo", true}}));
      a = n;
    }
    by_user[std::string(d.user)] = *a;
    out += "  " + email + "  " + std::string(RoleKey(d.role)) + "  " + password + "\n";
  }
  // Ana's household with Ben; their profiles; Ana's consent to Nora; the pantry.
  storage::Account& ana = by_user["ana"];
  storage::Account& ben = by_user["ben"];
  if (!ana.household_id) {
    HEARTH_ASSIGN_OR_RETURN(int64_t h, api.store.CreateHousehold("Ana and Ben"));
    ana.household_id = h;
    ben.household_id = h;
    HEARTH_RETURN_IF_ERROR(api.store.UpdateAccount(ana));
    HEARTH_RETURN_IF_ERROR(api.store.UpdateAccount(ben));
    HEARTH_ASSIGN_OR_RETURN(Profile pa, ParseProfileJson(kAna));
    HEARTH_ASSIGN_OR_RETURN(Profile pb, ParseProfileJson(kBen));
    HEARTH_RETURN_IF_ERROR(api.store.CreateProfile(ana.id, ProfileToJson(pa)).status());
    HEARTH_RETURN_IF_ERROR(api.store.CreateProfile(ben.id, ProfileToJson(pb)).status());
    HEARTH_RETURN_IF_ERROR(api.store.GrantConsent(ana.id, by_user["nora"].id, NowUtc()).status());
    HEARTH_RETURN_IF_ERROR(api.LogSystem("consent_granted", ana.pseudonym, "", {{"nutritionist", by_user["nora"].pseudonym}}));
    HEARTH_ASSIGN_OR_RETURN(std::vector<PantryItem> items,
                            ReadPantryFile(data + "/demo/pantry.csv", api.catalog.foods()));
    for (const PantryItem& item : items) {
      HEARTH_RETURN_IF_ERROR(api.store.AddPantryItem(Api::PantryOf(ana), item).status());
      HEARTH_RETURN_IF_ERROR(api.store.AddPantryItem(Api::PantryOf(by_user["kitchen"]), item).status());
    }
  }
  out += "Ana and Ben share a household (Ana is its admin) and a pantry; Ana consents to Nora; the vendor account "
         "runs green-acre-stall.\n";
  return out;
}

}  // namespace hearth::server
