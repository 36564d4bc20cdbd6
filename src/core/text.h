// Small text helpers shared by search, matching and display (internal to the
// libraries; the CLI and the service use them too).
#ifndef HEARTH_CORE_TEXT_H_
#define HEARTH_CORE_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace hearth::text {

// ASCII lower-case copy.
std::string Lower(std::string_view s);
// Folds simple English plurals: "lentils" → "lentil", "tomatoes" → "tomato",
// "berries" → "berry", "dishes" → "dish". Leaves "ss" endings alone.
std::string Stem(std::string_view word);
// Lower-cased, stemmed alphanumeric words of `s`.
std::vector<std::string> StemmedWords(std::string_view s);
// Removes leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view s);

// Fixed decimals with thousands separators: 1,234.5.
std::string FormatNumber(double v, int decimals);
// Sensible decimals for an amount: 1,000 / 18.0 / 1.25.
std::string FormatAmount(double v);
// "Vitamin D" → "vitamin D" for use inside a sentence; an acronym (two
// capitals) keeps its case.
std::string LowerFirst(std::string_view name);

}  // namespace hearth::text

#endif  // HEARTH_CORE_TEXT_H_
