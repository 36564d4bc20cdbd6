#include "core/text.h"

#include <cctype>

namespace hearth::text {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Stem(std::string_view w) {
  std::string s(w);
  auto ends = [&](std::string_view suf) { return s.size() > suf.size() + 1 && s.ends_with(suf); };
  if (ends("ies")) return s.substr(0, s.size() - 3) + "y";
  if (ends("oes")) return s.substr(0, s.size() - 2);
  if (ends("ches") || ends("shes") || ends("xes") || ends("sses")) return s.substr(0, s.size() - 2);
  if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) return s.substr(0, s.size() - 1);
  return s;
}

std::vector<std::string> StemmedWords(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      cur.push_back(static_cast<char>(std::tolower(u)));
    } else if (!cur.empty()) {
      out.push_back(Stem(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(Stem(cur));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace hearth::text
