// What every route handler shares: the store, the catalogue, the audit log,
// the options; and the authorization rules of docs/api.md in one place.
//
// Thread safety: the members are thread-safe (Store and AuditLog serialise
// their own calls; the catalogue and options are read-only).
#ifndef HEARTH_SERVER_API_H_
#define HEARTH_SERVER_API_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>
#include <utility>

#include "hearth/audit/log.h"
#include "hearth/security/password.h"
#include "hearth/server/server.h"
#include "hearth/service/catalog.h"
#include "hearth/service/own_recipes.h"
#include "hearth/storage/store.h"
#include "server/http.h"

namespace hearth::server {

// Turns at the planner: at most `capacity` solves at once. Enter() waits up
// to `wait` for a turn; the Turn gives it back when destroyed. Thread-safe.
class SolveTurns {
 public:
  explicit SolveTurns(int capacity) : free_(capacity) {}
  class Turn {
   public:
    explicit Turn(std::counting_semaphore<>* s) : s_(s) {}
    Turn(Turn&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
    Turn& operator=(Turn&&) = delete;
    ~Turn() {
      if (s_) s_->release();
    }

   private:
    std::counting_semaphore<>* s_;
  };
  std::optional<Turn> Enter(std::chrono::milliseconds wait) {
    if (!free_.try_acquire_for(wait)) return std::nullopt;
    return Turn(&free_);
  }

 private:
  std::counting_semaphore<> free_;
};

struct Api {
  const ServerOptions& options;
  const Catalog& catalog;
  storage::Store& store;
  audit::AuditLog& audit;
  const security::CommonPasswords& common_passwords;
  // 32 random bytes kept beside the database ("<db>.server-key", mode 0600):
  // the key of the household join codes.
  std::string secret;
  SolveTurns& solve_turns;
  RecipeBooks& recipe_books;  // Each account's own recipes.

  // The catalogue plans of `owner_id` use: the shipped library and, after it,
  // the recipes that account added (the library itself when none).
  Result<std::shared_ptr<const Catalog>> CatalogFor(int64_t owner_id) { return recipe_books.CatalogFor(owner_id); }

  // A turn at the planner, waiting up to options.solve_wait_s; nullopt when
  // every turn stayed taken: answer PlannerBusy() (503 with Retry-After).
  std::optional<SolveTurns::Turn> PlannerTurn();
  static Reply PlannerBusy(const Call& call);

  // Appends an audit entry whose actor is `actor` (its pseudonym).
  Status Log(const storage::Account& actor, std::string_view event, std::string_view object = {},
             const nlohmann::json& details = nlohmann::json::object(), std::string_view subject = {});
  Status LogSystem(std::string_view event, std::string_view subject, std::string_view object = {},
                   const nlohmann::json& details = nlohmann::json::object());

  // May `actor` read (write) the health data — profiles, plans — of account
  // `owner_id`? The owner; their household's admin; a nutritionist while the
  // owner's consent is active. Admins may not (they run the system, they do
  // not read health records).
  Result<bool> CanSeeHealthData(const storage::Account& actor, int64_t owner_id);
  // The profile/plan when the actor may see it, else NotFound (the same
  // answer as for an id that does not exist: ids of others leak nothing).
  Result<storage::StoredProfile> VisibleProfile(const storage::Account& actor, int64_t id);
  Result<storage::StoredPlan> VisiblePlan(const storage::Account& actor, int64_t id);
  // The account named by ?owner=ID when the actor may see its health data
  // (NotFound otherwise, as for an id that does not exist), else the actor.
  Result<int64_t> HealthDataOwner(const Call& call);
  // The pantry an account cooks from: its kitchen's, its household's, or its own.
  static std::string PantryOf(const storage::Account& a);
};

// Current UTC time, "YYYY-MM-DDTHH:MM:SSZ", and unix seconds; a unix time
// as UTC text.
std::string NowUtc();
int64_t NowUnix();
std::string UtcOf(int64_t unix_s);

// The account as the API shows it (never the hash).
nlohmann::json AccountJson(const storage::Account& a, bool with_pseudonym = false);

// PermissionDenied unless the actor has one of the roles.
Status RequireRole(const storage::Account& actor, std::initializer_list<Role> roles, std::string_view what);

// Body field readers: InvalidArgument naming the field.
Result<std::string> StringField(const nlohmann::json& body, std::string_view field, bool required = true,
                                size_t max_bytes = 1000);
Result<int64_t> IntField(const nlohmann::json& body, std::string_view field, int64_t lo, int64_t hi);
// Rejects fields not in `known` ("body.colour: unknown field").
Status OnlyFields(const nlohmann::json& body, std::initializer_list<std::string_view> known);

// Vendors and products given as JSON arrays in the hearth-market format
// (docs/market-format.md), validated by the market importer: InvalidArgument
// listing every problem, one per line, each naming `what`[i].field.
Result<Market> MarketFromJson(Api& api, const nlohmann::json& vendors, const nlohmann::json& products,
                              std::string_view what);

// Route registration, one function per resource file under routes/.
void RegisterAuthRoutes(Router& router, Api& api);
void RegisterMeRoutes(Router& router, Api& api);
void RegisterProfileRoutes(Router& router, Api& api);
void RegisterCatalogRoutes(Router& router, Api& api);
void RegisterPlanRoutes(Router& router, Api& api);
void RegisterConsentRoutes(Router& router, Api& api);
void RegisterAuditRoutes(Router& router, Api& api);
void RegisterMarketRoutes(Router& router, Api& api);
void RegisterPantryRoutes(Router& router, Api& api);
void RegisterHouseholdRoutes(Router& router, Api& api);
void RegisterAdminRoutes(Router& router, Api& api);

}  // namespace hearth::server

#endif  // HEARTH_SERVER_API_H_
