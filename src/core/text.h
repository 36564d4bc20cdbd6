// Small text helpers shared by search and matching (internal to core).
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

}  // namespace hearth::text

#endif  // HEARTH_CORE_TEXT_H_
