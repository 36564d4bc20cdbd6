#include "hearth/core/market.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace hearth {

double DistanceKm(GeoPoint a, GeoPoint b) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRad = std::numbers::pi / 180.0;
  double dlat = (b.lat - a.lat) * kRad;
  double dlon = (b.lon - a.lon) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = 0; k < lens[i]; ++k) {
      char c = text[starts[i] + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  std::chrono::year_month_day ymd{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                                  std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

std::string FormatDate(Date d) {
  std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

Date Today() { return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()); }

namespace {
constexpr std::array<std::string_view, 4> kVendorKinds = {"market_stall", "grocer", "farm", "community_kitchen"};
constexpr std::array<std::string_view, 5> kProductions = {"local_farm", "greenhouse", "lab_grown", "imported",
                                                          "wild_caught"};
}  // namespace

std::string_view VendorKindKey(VendorKind k) { return kVendorKinds[static_cast<size_t>(k)]; }
std::optional<VendorKind> VendorKindFromKey(std::string_view key) {
  for (size_t i = 0; i < kVendorKinds.size(); ++i)
    if (kVendorKinds[i] == key) return static_cast<VendorKind>(i);
  return std::nullopt;
}

std::string_view ProductionKey(Production p) { return kProductions[static_cast<size_t>(p)]; }
std::optional<Production> ProductionFromKey(std::string_view key) {
  for (size_t i = 0; i < kProductions.size(); ++i)
    if (kProductions[i] == key) return static_cast<Production>(i);
  return std::nullopt;
}

}  // namespace hearth
