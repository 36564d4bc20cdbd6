// Reader for health-condition files (data/conditions/*.json, format
// "hearth-condition" version 1; see docs/conditions.md). Each file describes
// one condition — its citations, the nutrient target changes it makes, the
// allergens and foods it excludes, the diets it requires and its meal-spread
// rules — as a hearth::Condition.
//
// The reader is strict: unknown fields, unknown nutrient/allergen/diet keys,
// rules citing a citation the file does not define, duplicate or
// contradictory rules are all errors. Every error is InvalidArgument and
// names the file and the JSON path of the offending value, e.g.
//   hypertension.json: targets[2].nutrient: unknown nutrient "vit_x"
//
// Thread safety: free functions without shared state; safe to call
// concurrently.
#ifndef HEARTH_IMPORTER_CONDITIONS_H_
#define HEARTH_IMPORTER_CONDITIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/condition.h"
#include "hearth/result.h"

namespace hearth {

// Parses one condition file. `file_name` is used only to prefix error
// messages ("FILE: PATH: what is wrong").
// Returns InvalidArgument for malformed JSON or any schema violation.
Result<Condition> ParseCondition(std::string_view json_text, std::string_view file_name);

// Loads every "*.json" file directly in `dir` (other files and
// subdirectories are ignored) and returns the conditions sorted by id.
// Error messages name each file by its path (`dir` + "/" + file name).
// Returns NotFound if `dir` is not a directory or a file cannot be opened,
// InvalidArgument for a bad file or for two files defining the same id.
Result<std::vector<Condition>> LoadConditionsDir(const std::string& dir);

// The file key of `kind` ("min", "max_pct_energy", "min_per_kg_body", ...).
std::string_view RuleKindKey(RuleKind kind);

}  // namespace hearth

#endif  // HEARTH_IMPORTER_CONDITIONS_H_
