// The crisis use case: a pantry, the people to feed and a start date in;
// how many days the stock feeds everyone adequately, the menu, what runs out
// first, what is left and which purchases add the most days out (see
// docs/crisis.md). Shared by the CLI (`hearth crisis`) and the server.
//
// Thread safety: pure functions over a loaded (immutable) Catalog.
#ifndef HEARTH_SERVICE_CRISIS_H_
#define HEARTH_SERVICE_CRISIS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "hearth/core/market.h"
#include "hearth/core/profile.h"
#include "hearth/grocery/crisis.h"
#include "hearth/result.h"
#include "hearth/service/catalog.h"

namespace hearth {

// The default package of a food bought at its default price: 1 kg, edible weight.
inline constexpr double kCrisisDefaultPackageG = 1000;

struct CrisisMember {
  std::string id;  // Shown ("Ana"); unique in the request.
  Profile profile;
};

struct CrisisRequest {
  std::vector<PantryItem> pantry;
  std::vector<CrisisMember> people;  // At least one.
  Date start{};                      // Day 1.
  double fraction = grocery::kDefaultMicronutrientFraction;  // (0, 1].
  std::optional<double> budget;      // Propose purchases within it.
  int max_days = grocery::kDefaultMaxDays;
  // Market products to buy from; empty = every plain staple at its default
  // price (Catalog::costs()) in 1 kg packages.
  std::vector<Product> products;
};

struct CrisisReport {
  grocery::CrisisResult result;
  std::vector<std::string> people;  // Ids, in request order.
  Date start{};
  double fraction = 0;
  int max_days = 0;
  std::optional<double> budget;
  std::string currency = "USD";
  std::string price_source;  // "default prices (data/costs)" or "market products".
  std::string summary;       // The one-line answer.
};

// Purchase candidates at default prices: every survey (commonly eaten),
// unbranded plain staple of the dairy and egg, cereal, fruit, vegetable,
// nut, fish, legume and grain groups with a default price and not already
// cooked, as a 1 kg package.
std::vector<grocery::CrisisCandidate> DefaultCrisisCandidates(const Catalog& catalog);
// Candidates from market products: products of plain staples that are in
// stock, their edible weight (SR28 refuse removed) per package.
std::vector<grocery::CrisisCandidate> MarketCrisisCandidates(const Catalog& catalog,
                                                             const std::vector<Product>& products);

// Runs the crisis model. Errors: InvalidArgument naming the problem (no
// people, a profile whose targets cannot be computed — prefixed with the
// person's id —, an unknown food in the pantry, a bad option); Internal when
// the solver fails.
Result<CrisisReport> RunCrisis(const Catalog& catalog, const CrisisRequest& request);

// "Ana and Ben", "Ana, Ben and Chen".
std::string JoinNames(const std::vector<std::string>& names);
// A requirement's name in a sentence: "energy", "vitamin C", "folate".
std::string CrisisNutrientName(NutrientId n);

// The report as JSON (shape in docs/crisis.md).
nlohmann::json CrisisReportToJson(const CrisisReport& report);

}  // namespace hearth

#endif  // HEARTH_SERVICE_CRISIS_H_
