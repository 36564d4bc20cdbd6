// What the command line keeps in the database for the person at this machine
// (owner storage::kLocalOwner): profiles (`hearth profiles add|list|remove`)
// and plans (every `hearth plan` and `plan swap`; `hearth plans
// list|remove`). Commands that take a profile or a plan accept a file or the
// id of a stored one.
#ifndef HEARTH_CLI_STORED_H_
#define HEARTH_CLI_STORED_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "hearth/core/profile.h"
#include "hearth/json/plan_json.h"
#include "hearth/result.h"

namespace hearth::cli {

// `arg` names a file when one exists at that path; else, when it is a
// number, the stored profile (plan) with that id. Errors name the file or
// the id ("no file "x" and no stored profile with that id; see: hearth
// profiles list").
Result<Profile> ReadProfileArg(const std::string& arg);
Result<PlanDocument> ReadPlanArg(const std::string& arg);
// A member id for the person `arg` names: the file's stem, or the stored
// profile's name (else "profile-<id>").
std::string ProfileArgStem(const std::string& arg);

// Stores a plan document among this machine's plans; returns its id.
Result<int64_t> StorePlan(const nlohmann::json& document);

// `profiles add|list|remove` and `plans list|remove`.
void RegisterStoredCommands(CLI::App& app);

}  // namespace hearth::cli

#endif  // HEARTH_CLI_STORED_H_
