#include "core/text.h"

#include <cctype>
#include <cmath>
#include <cstdio>

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

std::string FormatNumber(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  const size_t dot = s.find('.');
  const size_t end = dot == std::string::npos ? s.size() : dot;
  const size_t start = s[0] == '-' ? 1 : 0;
  for (int i = static_cast<int>(end) - 3; i > static_cast<int>(start); i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

std::string FormatAmount(double v) {
  const double a = std::fabs(v);
  return FormatNumber(v, a >= 100 ? 0 : a >= 10 ? 1 : 2);
}

std::string LowerFirst(std::string_view name) {
  std::string s(name);
  if (s.size() > 1 && std::isupper(static_cast<unsigned char>(s[0])) &&
      !std::isupper(static_cast<unsigned char>(s[1]))) {
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  }
  return s;
}

}  // namespace hearth::text
