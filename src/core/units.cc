#include "hearth/core/units.h"

#include <cmath>
#include <cstdio>

#include "core/text.h"

namespace hearth {

std::string FormatFraction(double amount) {
  struct Frac {
    double v;
    const char* s;
  };
  static constexpr Frac kFracs[] = {{0, ""},          {0.25, "1/4"}, {1.0 / 3, "1/3"},
                                    {0.5, "1/2"},     {2.0 / 3, "2/3"}, {0.75, "3/4"}};
  double whole = std::floor(amount);
  double rest = amount - whole;
  const Frac* best = &kFracs[0];
  double best_err = rest;
  for (const Frac& f : kFracs) {
    if (std::abs(rest - f.v) < best_err) {
      best_err = std::abs(rest - f.v);
      best = &f;
    }
  }
  if (std::abs(rest - 1.0) < best_err) {
    whole += 1;
    best = &kFracs[0];
  }
  std::string out;
  if (whole > 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", whole);
    out = buf;
  }
  if (*best->s) {
    if (!out.empty()) out += ' ';
    out += best->s;
  }
  return out.empty() ? "0" : out;
}

namespace {

// Cooks measure with cups and spoons and count whole things; odd SR28
// measures ("serving packet", "wedge yields", "NLEA serving") rank last.
double MeasurePenalty(const std::string& description) {
  static constexpr std::string_view kCommon[] = {
      "cup", "tbsp", "tsp", "medium", "large", "small", "clove", "slice", "whole", "piece",
      "stalk", "leaf", "can", "egg", "fruit", "oz", "fl oz", "bunch", "head", "sprig", "stick"};
  std::string d = text::Lower(description);
  for (std::string_view c : kCommon) {
    if (d.rfind(c, 0) == 0) return d.find("yield") != std::string::npos ? 0.3 : 0.0;
  }
  return 0.5;
}

}  // namespace

std::optional<std::string> HouseholdAmount(const Food& food, double grams) {
  const HouseholdMeasure* best = nullptr;
  double best_score = 1e18;
  double best_count = 0;
  for (const HouseholdMeasure& m : food.measures) {
    double per_unit = m.grams / m.amount;
    double count = grams / per_unit;
    if (count < 0.25 || count > 8) continue;
    // Prefer counts close to a quarter step, then small counts of a larger unit.
    double err = std::abs(count * 4 - std::round(count * 4)) / 4;
    double score = err / std::max(count, 0.25) + 0.02 * count + MeasurePenalty(m.description);
    if (score < best_score) {
      best_score = score;
      best = &m;
      best_count = count;
    }
  }
  if (!best) return std::nullopt;
  return FormatFraction(best_count) + " " + best->description;
}

Result<double> ToGrams(const Food& food, double amount, std::string_view unit_in) {
  if (!(amount >= 0) || !std::isfinite(amount)) {
    return Status::InvalidArgument(food.name, "quantity must be zero or more");
  }
  std::string unit = text::Lower(text::Trim(unit_in));
  if (unit == "g" || unit == "gram" || unit == "grams") return amount;
  if (unit == "kg") return amount * 1000;
  if (unit == "oz") return amount * 28.349523125;
  if (unit == "lb") return amount * 453.59237;
  // Exact description first ("cup, chopped"), then its first word ("cup").
  for (int pass = 0; pass < 2; ++pass) {
    for (const HouseholdMeasure& m : food.measures) {
      std::string d = text::Lower(m.description);
      if (pass == 1) d = d.substr(0, d.find_first_of(" ,("));
      if (d == unit) return amount * m.grams / m.amount;
    }
  }
  std::string known;
  for (const HouseholdMeasure& m : food.measures) {
    if (!known.empty()) known += "; ";
    known += m.description;
  }
  return Status::InvalidArgument(
      "no conversion from \"" + unit + "\" to grams for " + FormatFoodId(food.id) + " " + food.name,
      known.empty() ? "it has no household measures; use g, kg, oz or lb"
                    : "use g, kg, oz, lb or one of: " + known);
}

}  // namespace hearth
