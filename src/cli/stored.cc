#include "cli/stored.h"

#include <charconv>
#include <filesystem>
#include <iostream>

#include "cli/cli.h"
#include "hearth/json/profile_json.h"

namespace hearth::cli {
namespace {

using storage::kLocalOwner;

// The stored id `arg` names, when it is not a file and is a whole number.
std::optional<int64_t> StoredId(const std::string& arg) {
  std::error_code ec;
  if (arg.empty() || std::filesystem::exists(arg, ec)) return std::nullopt;
  int64_t id = 0;
  auto [end, err] = std::from_chars(arg.data(), arg.data() + arg.size(), id);
  if (err != std::errc() || end != arg.data() + arg.size() || id <= 0) return std::nullopt;
  return id;
}

// Stored profile/plan `id` of this machine; NotFound in the words of `what`.
template <typename T, typename Get>
Result<T> Local(int64_t id, const char* what, Get get) {
  Result<T> r = get(GetStore(), id);
  if ((r.ok() && r->owner_id != kLocalOwner) || (!r.ok() && r.status().code() == StatusCode::kNotFound)) {
    return Status::NotFound(std::string("no stored ") + what + " " + std::to_string(id) + " on this machine; see: hearth " +
                            what + "s list");
  }
  return r;
}

Result<storage::StoredProfile> LocalProfile(int64_t id) {
  return Local<storage::StoredProfile>(id, "profile", [](storage::Store& s, int64_t i) { return s.GetProfile(i); });
}
Result<storage::StoredPlan> LocalPlan(int64_t id) {
  return Local<storage::StoredPlan>(id, "plan", [](storage::Store& s, int64_t i) { return s.GetPlan(i); });
}

struct StoredOptions {
  std::string file;
  int64_t id = 0;
  bool json = false;
};

void RunProfilesAdd(const StoredOptions& o) {
  const std::string text = ReadInput(o.file);
  Result<Profile> p = ParseProfileJson(text);
  if (!p.ok()) Fail(p.status().WithContext(o.file == "-" ? "the profile on standard input" : o.file));
  // Stored as given (validated), like the server keeps a person's profile.
  Result<int64_t> id = GetStore().CreateProfile(kLocalOwner, ProfileToJson(*p));
  if (!id.ok()) Fail(id.status());
  std::cout << "stored profile " << *id << (p->name.empty() ? "" : " (" + p->name + ")") << " in " << DatabaseUrl()
            << "; use it with --profile " << *id << "\n";
}

void RunProfilesList(const StoredOptions& o) {
  Result<std::vector<storage::StoredProfile>> all = GetStore().ListProfiles(kLocalOwner);
  if (!all.ok()) Fail(all.status());
  nlohmann::json out = nlohmann::json::array();
  Table t({"id", "name", "age", "sex", "stored", "updated"});
  t.RightAlign({0, 2});
  for (const storage::StoredProfile& s : *all) {
    nlohmann::json j = nlohmann::json::parse(s.json, nullptr, false);
    if (!j.is_object()) j = nlohmann::json::object();
    out.push_back({{"id", s.id}, {"profile", j}, {"created_at", s.created_at}, {"updated_at", s.updated_at}});
    t.AddRow({std::to_string(s.id), j.value("name", ""), j.contains("age_years") ? j["age_years"].dump() : "-",
              j.value("sex", "-"), s.created_at, s.updated_at});
  }
  if (o.json) {
    std::cout << out.dump(2) << "\n";
    return;
  }
  std::cout << t.Render() << all->size() << " stored profile" << (all->size() == 1 ? "" : "s")
            << " (hearth profiles add FILE; --profile ID)\n";
}

void RunProfilesRemove(const StoredOptions& o) {
  Result<storage::StoredProfile> p = LocalProfile(o.id);
  if (!p.ok()) Fail(p.status());
  Status s = GetStore().DeleteProfile(o.id);
  if (!s.ok()) Fail(s);
  std::cout << "removed stored profile " << o.id << "\n";
}

void RunPlansList(const StoredOptions& o) {
  Result<std::vector<storage::StoredPlan>> all = GetStore().ListPlans(kLocalOwner);
  if (!all.ok()) Fail(all.status());
  nlohmann::json out = nlohmann::json::array();
  Table t({"id", "made", "days", "people", "cost", "objective", "status"});
  t.RightAlign({0, 2, 4, 5});
  const auto field = [](const nlohmann::json& j, const char* a, const char* b) {
    return j.is_object() && j.contains(a) && j[a].is_object() && j[a].contains(b) ? j[a][b] : nlohmann::json();
  };
  for (const storage::StoredPlan& s : *all) {
    const nlohmann::json doc = nlohmann::json::parse(s.document, nullptr, false);
    std::string people;
    const nlohmann::json household = field(doc, "request", "household");
    if (household.is_array()) {
      for (const auto& m : household) {
        if (m.is_object() && m.contains("id") && m["id"].is_string()) {
          people += (people.empty() ? "" : ", ") + m["id"].get<std::string>();
        }
      }
    }
    const nlohmann::json options = field(doc, "request", "options");
    const nlohmann::json days = options.is_object() ? options.value("days", nlohmann::json()) : nlohmann::json();
    const nlohmann::json cost = field(doc, "totals", "cost"), currency = field(doc, "totals", "currency");
    const nlohmann::json objective = field(doc, "objective", "value"), status = field(doc, "plan", "status");
    out.push_back({{"id", s.id}, {"created_at", s.created_at}, {"updated_at", s.updated_at}, {"days", days},
                   {"people", people}, {"cost", cost}, {"currency", currency}, {"objective", objective},
                   {"status", status}});
    t.AddRow({std::to_string(s.id), s.created_at, days.is_number() ? days.dump() : "-", people,
              cost.is_number() ? FormatNumber(cost.get<double>(), 2) + (currency.is_string() ? " " + currency.get<std::string>() : "") : "-",
              objective.is_number() ? FormatNumber(objective.get<double>(), 2) : "-",
              status.is_string() ? status.get<std::string>() : "-"});
  }
  if (o.json) {
    std::cout << out.dump(2) << "\n";
    return;
  }
  std::cout << t.Render() << all->size() << " stored plan" << (all->size() == 1 ? "" : "s")
            << ", newest first (--plan ID for plan explain, plan swap, shop, pantry cook)\n";
}

void RunPlansRemove(const StoredOptions& o) {
  Result<storage::StoredPlan> p = LocalPlan(o.id);
  if (!p.ok()) Fail(p.status());
  Status s = GetStore().DeletePlan(o.id);
  if (!s.ok()) Fail(s);
  std::cout << "removed stored plan " << o.id << "\n";
}

}  // namespace

Result<Profile> ReadProfileArg(const std::string& arg) {
  std::optional<int64_t> id = StoredId(arg);
  if (!id) return ReadProfileFile(arg);
  HEARTH_ASSIGN_OR_RETURN(storage::StoredProfile p, LocalProfile(*id));
  Result<Profile> parsed = ParseProfileJson(p.json);
  if (!parsed.ok()) return parsed.status().WithContext("stored profile " + arg);
  return parsed;
}

Result<PlanDocument> ReadPlanArg(const std::string& arg) {
  std::optional<int64_t> id = StoredId(arg);
  if (!id) return ReadPlanFile(arg);
  HEARTH_ASSIGN_OR_RETURN(storage::StoredPlan p, LocalPlan(*id));
  Result<PlanDocument> parsed = ParsePlanDocument(p.document);
  if (!parsed.ok()) return parsed.status().WithContext("stored plan " + arg);
  return parsed;
}

std::string ProfileArgStem(const std::string& arg) {
  std::optional<int64_t> id = StoredId(arg);
  if (!id) return std::filesystem::path(arg).stem().string();
  return "profile-" + arg;
}

Result<int64_t> StorePlan(const nlohmann::json& document) {
  HEARTH_ASSIGN_OR_RETURN(storage::Store * store, OpenLocalStore());
  return store->CreatePlan(kLocalOwner, document.dump());
}

void RegisterStoredCommands(CLI::App& app) {
  auto o = std::make_shared<StoredOptions>();
  CLI::App* profiles = app.add_subcommand("profiles", "Profiles kept in the database (use one with --profile ID)");
  profiles->require_subcommand(1);
  CLI::App* add = profiles->add_subcommand("add", "Store a profile (docs/profile-format.md) from a file, or - for standard input");
  add->add_option("file", o->file, "Profile JSON file, or -")->required();
  add->callback([o] { RunProfilesAdd(*o); });
  CLI::App* list = profiles->add_subcommand("list", "The stored profiles");
  list->add_flag("--json", o->json, "Print JSON");
  list->callback([o] { RunProfilesList(*o); });
  CLI::App* remove = profiles->add_subcommand("remove", "Remove a stored profile");
  remove->add_option("id", o->id, "Profile id (hearth profiles list)")->required();
  remove->callback([o] { RunProfilesRemove(*o); });

  CLI::App* plans = app.add_subcommand("plans", "Plans kept in the database (every hearth plan and plan swap)");
  plans->require_subcommand(1);
  CLI::App* plist = plans->add_subcommand("list", "The stored plans, newest first");
  plist->add_flag("--json", o->json, "Print JSON");
  plist->callback([o] { RunPlansList(*o); });
  CLI::App* premove = plans->add_subcommand("remove", "Remove a stored plan");
  premove->add_option("id", o->id, "Plan id (hearth plans list)")->required();
  premove->callback([o] { RunPlansRemove(*o); });
}

}  // namespace hearth::cli
