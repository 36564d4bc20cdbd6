#include "hearth/core/food.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/text.h"

namespace hearth {

std::string FormatFoodId(FoodId id) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%05d", id.ndb);
  return buf;
}

std::optional<FoodId> ParseFoodId(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  int v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v <= 0) return std::nullopt;
  return FoodId{v};
}

FoodDb::FoodDb(std::vector<Food> foods) : foods_(std::move(foods)) {
  std::sort(foods_.begin(), foods_.end(), [](const Food& a, const Food& b) { return a.id < b.id; });
  by_id_.reserve(foods_.size());
  keys_.reserve(foods_.size());
  for (size_t i = 0; i < foods_.size(); ++i) {
    const Food& f = foods_[i];
    by_id_.emplace(f.id.ndb, i);
    keys_.push_back({text::StemmedWords(f.name), text::StemmedWords(f.common_names),
                     text::StemmedWords(f.name.substr(0, f.name.find(','))).size()});
  }
}

const Food* FoodDb::Find(FoodId id) const {
  auto it = by_id_.find(id.ndb);
  return it == by_id_.end() ? nullptr : &foods_[it->second];
}

namespace {

// Food groups whose items are prepared or branded dishes rather than basic
// foods: ranked below basic foods in search. (SR28 group codes.)
bool IsPreparedGroup(std::string_view code) {
  return code == "0300" || code == "2100" || code == "2200" || code == "3600" || code == "2500" ||
         code == "1900";
}

}  // namespace

std::vector<FoodDb::SearchHit> FoodDb::Search(std::string_view query, size_t limit) const {
  std::vector<std::string> words = text::StemmedWords(query);
  std::vector<SearchHit> hits;
  if (words.empty()) return hits;
  for (size_t fi = 0; fi < foods_.size(); ++fi) {
    const Food& f = foods_[fi];
    const std::vector<std::string>& name_words = keys_[fi].name_words;
    const std::vector<std::string>& extra = keys_[fi].extra_words;
    const size_t head_len = keys_[fi].head_len;
    double score = 0;
    bool all = true;
    for (size_t qi = 0; qi < words.size(); ++qi) {
      const std::string& w = words[qi];
      int best = -1;
      for (size_t i = 0; i < name_words.size(); ++i) {
        if (name_words[i] == w) {
          best = static_cast<int>(i);
          break;
        }
      }
      if (best < 0) {
        for (size_t i = 0; i < name_words.size(); ++i) {
          if (name_words[i].starts_with(w)) {
            best = static_cast<int>(i);
            score -= 5;  // Prefix match only.
            break;
          }
        }
      }
      if (best < 0) {
        if (std::find(extra.begin(), extra.end(), w) != extra.end()) {
          score += 5;
          continue;
        }
        all = false;
        break;
      }
      if (static_cast<size_t>(best) < head_len) score += 20;
      if (qi == 0 && best == 0) score += 60;
    }
    if (!all) continue;
    if (name_words == words) score += 50;  // The name is exactly the query.
    score -= 1.5 * static_cast<double>(name_words.size());
    if (std::find(name_words.begin(), name_words.end(), "raw") != name_words.end()) score += 12;
    if (IsPreparedGroup(f.group_code)) score -= 40;
    if (!f.manufacturer.empty()) score -= 30;
    if (f.survey) score += 8;
    hits.push_back({&f, score});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.food->id < b.food->id;
  });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

}  // namespace hearth
