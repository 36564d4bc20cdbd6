#include "hearth/importer/recipes.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "hearth/importer/csv.h"

namespace hearth {
namespace {

using json = nlohmann::json;

// Thrown inside this file only, caught per recipe.
struct FieldError {
  std::string field;
  std::string problem;
};

const json& Need(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) throw FieldError{key, "is required"};
  return *it;
}

std::string NeedString(const json& o, const char* key, bool non_empty = true) {
  const json& v = Need(o, key);
  if (!v.is_string()) throw FieldError{key, "must be a string"};
  std::string s = v.get<std::string>();
  if (non_empty && s.empty()) throw FieldError{key, "must not be empty"};
  return s;
}

double NeedNumber(const json& o, const char* key, double lo, bool lo_open) {
  const json& v = Need(o, key);
  if (!v.is_number()) throw FieldError{key, "must be a number"};
  double d = v.get<double>();
  if (lo_open ? !(d > lo) : !(d >= lo)) {
    throw FieldError{key, "must be " + std::string(lo_open ? "> " : ">= ") + std::to_string(static_cast<int>(lo)) +
                              ", got " + v.dump()};
  }
  return d;
}

std::vector<std::string> StringArray(const json& o, const char* key, bool required) {
  std::vector<std::string> out;
  auto it = o.find(key);
  if (it == o.end()) {
    if (required) throw FieldError{key, "is required"};
    return out;
  }
  if (!it->is_array()) throw FieldError{key, "must be an array of strings"};
  for (size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_string()) {
      throw FieldError{std::string(key) + "[" + std::to_string(i) + "]", "must be a string"};
    }
    out.push_back((*it)[i].get<std::string>());
  }
  return out;
}

bool ValidRecipeId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Recipe ParseOne(const json& r, const std::string& file, const FoodDb& foods) {
  if (!r.is_object()) throw FieldError{"", "must be an object"};
  Recipe rec;
  rec.file = file;
  rec.id = NeedString(r, "id");
  if (!ValidRecipeId(rec.id)) throw FieldError{"id", "must match [a-z0-9-]+"};
  rec.name = NeedString(r, "name");
  rec.servings = NeedNumber(r, "servings", 0, true);
  rec.time_active_min = NeedNumber(r, "time_active_min", 0, false);
  rec.time_total_min = NeedNumber(r, "time_total_min", 0, false);
  if (rec.time_active_min > rec.time_total_min) {
    throw FieldError{"time_active_min", "exceeds time_total_min"};
  }
  auto meals = StringArray(r, "meal_types", true);
  if (meals.empty()) throw FieldError{"meal_types", "must not be empty"};
  for (size_t i = 0; i < meals.size(); ++i) {
    auto m = MealTypeFromKey(meals[i]);
    if (!m) {
      throw FieldError{"meal_types[" + std::to_string(i) + "]",
                       "unknown meal type \"" + meals[i] + "\" (breakfast, lunch, dinner, snack)"};
    }
    rec.meal_types.push_back(*m);
  }
  rec.cuisine = NeedString(r, "cuisine");
  const json& ings = Need(r, "ingredients");
  if (!ings.is_array() || ings.empty()) throw FieldError{"ingredients", "must be a non-empty array"};
  for (size_t i = 0; i < ings.size(); ++i) {
    const std::string where = "ingredients[" + std::to_string(i) + "]";
    const json& in = ings[i];
    if (!in.is_object()) throw FieldError{where, "must be an object"};
    Ingredient ing;
    try {
      std::string food = NeedString(in, "food");
      auto id = ParseFoodId(food);
      if (!id || !foods.Find(*id)) throw FieldError{"food", "unknown SR28 food \"" + food + "\""};
      ing.food = *id;
      ing.grams = NeedNumber(in, "grams", 0, true);
      ing.text = NeedString(in, "text", false);
      auto c = in.find("curated");
      if (c != in.end()) {
        if (!c->is_boolean()) throw FieldError{"curated", "must be true or false"};
        ing.curated = c->get<bool>();
      }
    } catch (const FieldError& e) {
      throw FieldError{where + "." + e.field, e.problem};
    }
    rec.ingredients.push_back(std::move(ing));
  }
  rec.steps = StringArray(r, "steps", true);
  if (rec.steps.empty()) throw FieldError{"steps", "must not be empty"};
  rec.tags = StringArray(r, "tags", false);
  const json& src = Need(r, "source");
  if (!src.is_object()) throw FieldError{"source", "must be an object"};
  try {
    rec.source.collection = NeedString(src, "collection");
    rec.source.path = NeedString(src, "path", false);
    rec.source.license = NeedString(src, "license");
    if (src.contains("notes") && src["notes"].is_string()) rec.source.notes = src["notes"];
  } catch (const FieldError& e) {
    throw FieldError{"source." + e.field, e.problem};
  }
  auto c = r.find("curated");
  if (c != r.end()) {
    if (!c->is_boolean()) throw FieldError{"curated", "must be true or false"};
    rec.curated = c->get<bool>();
  }
  return rec;
}

}  // namespace

Result<std::vector<Recipe>> ParseRecipeCollection(std::string_view json_text,
                                                  const std::string& file_name,
                                                  const FoodDb& foods, ImportReport& report) {
  json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::InvalidArgument(file_name, "not valid JSON");
  if (!doc.is_object() || doc.value("format", "") != "hearth-recipes") {
    return Status::InvalidArgument(file_name, "not a recipe collection (\"format\": \"hearth-recipes\")");
  }
  if (!doc.contains("version") || doc["version"] != 1) {
    return Status::InvalidArgument(file_name, "unsupported version (expected 1)");
  }
  if (!doc.contains("recipes") || !doc["recipes"].is_array()) {
    return Status::InvalidArgument(file_name, "recipes: must be an array");
  }
  std::vector<Recipe> out;
  const json& list = doc["recipes"];
  for (size_t i = 0; i < list.size(); ++i) {
    ++report.read;
    std::string label = "recipes[" + std::to_string(i) + "]";
    if (list[i].is_object() && list[i].contains("id") && list[i]["id"].is_string()) {
      label = list[i]["id"].get<std::string>();
    }
    try {
      out.push_back(ParseOne(list[i], file_name, foods));
      ++report.loaded;
    } catch (const FieldError& e) {
      report.errors.push_back(file_name + ": recipe " + label + ": " + e.field + ": " + e.problem);
    } catch (const json::exception& e) {
      report.errors.push_back(file_name + ": recipe " + label + ": malformed: " + e.what());
    }
  }
  return out;
}

Result<Recipe> ParseRecipeText(std::string_view json_text, const std::string& origin, const FoodDb& foods) {
  json r = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (r.is_discarded()) return Status::InvalidArgument("the recipe is not valid JSON");
  try {
    return ParseOne(r, origin, foods);
  } catch (const FieldError& e) {
    return Status::InvalidArgument(e.field.empty() ? "the recipe " + e.problem : e.field + ": " + e.problem);
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("the recipe is malformed: ") + e.what());
  }
}

Result<std::vector<Recipe>> LoadRecipesDir(const std::string& dir, const FoodDb& foods,
                                           ImportReport& report) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return Status::NotFound("recipe directory", dir);
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Recipe> all;
  std::set<std::string> ids;
  for (const auto& path : files) {
    HEARTH_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path.string()));
    Result<std::vector<Recipe>> part =
        ParseRecipeCollection(text, path.filename().string(), foods, report);
    if (!part.ok()) {
      report.errors.push_back(part.status().message());
      continue;
    }
    for (Recipe& r : *part) {
      if (!ids.insert(r.id).second) {
        report.errors.push_back(path.filename().string() + ": recipe " + r.id +
                                ": id: duplicate of a recipe loaded earlier");
        --report.loaded;
        continue;
      }
      all.push_back(std::move(r));
    }
  }
  return all;
}

}  // namespace hearth
