#include "hearth/service/plans.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "core/text.h"
#include "hearth/json/encode.h"
#include "hearth/json/profile_json.h"
#include "hearth/planner/verify.h"
#include "hearth/service/plan_verify.h"

namespace hearth {

using json = nlohmann::json;

namespace {

// The proof's work budget, in pricing-search nodes (about 2 s on one core
// for a week over the shipped catalogue): the run ends at this budget or at
// the time limit, whichever comes first. Bounded by work, the same seed gives
// the same plan on any machine fast enough to use the budget in time.
constexpr long kPlanWorkLimit = 5'000'000;

int SlotIndex(const std::vector<std::string>& slots, std::string_view slot) {
  auto it = std::find(slots.begin(), slots.end(), slot);
  return it == slots.end() ? -1 : static_cast<int>(it - slots.begin());
}

// "1.5" style: at most two decimals, none for whole numbers.
std::string LevelText(double v) {
  const int decimals = v == std::floor(v) ? 0 : v * 2 == std::floor(v * 2) ? 1 : 2;
  return text::FormatNumber(v, decimals);
}

// Ok when `servings` is one of the model's serving levels.
Status CheckServings(const planner::ServingsSpec& sv, double servings, const std::string& what) {
  std::vector<double> levels = planner::ServingLevels(sv);
  bool ok = servings >= sv.min - 1e-9 && servings <= sv.max + 1e-9;
  if (ok && !levels.empty()) {
    ok = std::any_of(levels.begin(), levels.end(), [&](double v) { return std::fabs(v - servings) < 1e-9; });
  }
  if (ok) return Status::Ok();
  std::string all;
  for (double v : levels) all += (all.empty() ? "" : ", ") + LevelText(v);
  return Status::InvalidArgument(what + " must be one of " + all);
}

// Verifies the plan of `outcome` and reports it.
Result<PlanReport> VerifyAndReport(const Catalog& catalog, const std::vector<PlanMember>& household,
                                   const BuiltInstance& built, const planner::SolveOutcome& outcome) {
  HEARTH_ASSIGN_OR_RETURN(VerifiedPlan verified, VerifyPlan(catalog, household, built, *outcome.plan));
  if (!verified.ok()) {
    std::string msg = "the plan does not verify:";
    for (const std::string& v : verified.violations) msg += "\n  " + v;
    return Status::FailedPrecondition(msg);
  }
  return BuildPlanReport(catalog, household, built, outcome, verified);
}

// Solves `built` for `request`, then verifies and reports the plan.
Result<MadePlan> SolveBuilt(const Catalog& catalog, PlanRequest request, std::vector<PlanMember> household,
                            BuiltInstance built, std::optional<planner::Plan> start, const PlanFieldNames& names) {
  planner::SolveOptions so;
  so.time_limit_s = request.time_limit_s;
  so.seed = request.seed;
  so.threads = request.threads;
  so.work_limit = kPlanWorkLimit;
  so.start = std::move(start);
  HEARTH_ASSIGN_OR_RETURN(planner::SolveOutcome outcome,
                          planner::MakeDecompositionSolver()->Solve(built.instance, so));
  if (!outcome.plan) {
    return Status::FailedPrecondition(
        "no plan (" + std::string(planner::SolveStatusName(outcome.status)) +
        "): the hard rules (allergies, diets, slots, variety, budget, cooking time) leave no week; "
        "try a larger " + names.time_limit + " or " + names.max_minutes);
  }
  MadePlan made{std::move(request), std::move(household), std::move(built), std::move(outcome), {}};
  HEARTH_ASSIGN_OR_RETURN(made.report, VerifyAndReport(catalog, made.household, made.built, made.outcome));
  return made;
}

// Path helpers for the API request's errors.
std::string At(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

Status FieldError(const std::string& field, const std::string& problem) {
  return Status::InvalidArgument(field, problem);
}

Result<long long> IntegerField(const json& j, const std::string& field, long long lo, long long hi) {
  if (!j.is_number_integer() || j.get<long long>() < lo || j.get<long long>() > hi) {
    return FieldError(field, "must be an integer between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  return j.get<long long>();
}

// A number in [lo, hi]; `range` says which in the error ("between 1 and 1440").
Result<double> NumberField(const json& j, const std::string& field, double lo, double hi, const std::string& range) {
  if (!j.is_number() || !(j.get<double>() >= lo && j.get<double>() <= hi)) {
    return FieldError(field, "must be a number " + range);
  }
  return j.get<double>();
}

Result<std::string> SlotField(const json& j, const std::string& field, const std::vector<std::string>& slots) {
  std::string all;
  for (const std::string& s : slots) all += (all.empty() ? "" : ", ") + s;
  if (!j.is_string()) return FieldError(field, "must be a meal slot (" + all + ")");
  const std::string slot = j.get<std::string>();
  if (SlotIndex(slots, slot) < 0) return FieldError(field, "\"" + slot + "\" is not a meal slot (" + all + ")");
  return slot;
}

}  // namespace

json MadePlan::Document() const { return PlanDocumentToJson(request, report); }

Result<MadePlan> MakePlan(const Catalog& catalog, PlanRequest request, std::optional<planner::Plan> start,
                          const PlanFieldNames& names) {
  HEARTH_ASSIGN_OR_RETURN(std::vector<PlanMember> household, HouseholdOf(catalog, request));
  HEARTH_ASSIGN_OR_RETURN(BuiltInstance built, BuildPlanInstance(catalog, household, request.Options()));
  const int slots = static_cast<int>(request.slots.size());
  for (size_t i = 0; i < request.fixed.size(); ++i) {
    const PlanRequest::Fixed& f = request.fixed[i];
    const std::string path = At("fixed", i);
    if (f.day < 0 || f.day >= request.days) {
      return FieldError(path + ".day", "must be an integer between 1 and " + std::to_string(request.days));
    }
    const int slot = SlotIndex(request.slots, f.slot);
    if (slot < 0) return FieldError(path + ".slot", "\"" + f.slot + "\" is not a slot of the plan");
    HEARTH_ASSIGN_OR_RETURN(int recipe, PlannableRecipe(catalog, built, f.recipe, slot, path + ".recipe"));
    if (f.servings) HEARTH_RETURN_IF_ERROR(CheckServings(built.instance.plan.servings, *f.servings, path + ".servings"));
    const int cell = f.day * slots + slot;
    auto& fixed = built.instance.plan.fixed;
    if (std::any_of(fixed.begin(), fixed.end(), [&](const planner::FixedCell& c) { return c.cell == cell; })) {
      return FieldError(path, "day " + std::to_string(f.day + 1) + " " + f.slot + " is fixed twice");
    }
    fixed.push_back({cell, recipe, f.servings});
  }
  return SolveBuilt(catalog, std::move(request), std::move(household), std::move(built), std::move(start), names);
}

Result<RebuiltPlan> RebuildPlan(const Catalog& catalog, const PlanDocument& document) {
  HEARTH_ASSIGN_OR_RETURN(SavedPlan saved, RebuildSavedPlan(catalog, document));
  RebuiltPlan r{document, std::move(saved), {}};
  const planner::PlanCheck check = planner::CheckInstancePlan(r.saved.built.instance, r.saved.plan);
  r.outcome.plan = r.saved.plan;
  r.outcome.objective = check.total();
  r.outcome.soft_penalty = check.soft_penalty;
  r.outcome.bound = document.bound;
  r.outcome.status = document.status == "optimal" ? planner::SolveStatus::kOptimal : planner::SolveStatus::kFeasible;
  r.outcome.solver = "saved plan";
  return r;
}

Result<MadePlan> ReportRebuiltPlan(const Catalog& catalog, const RebuiltPlan& rebuilt) {
  HEARTH_ASSIGN_OR_RETURN(PlanReport report,
                          VerifyAndReport(catalog, rebuilt.saved.household, rebuilt.saved.built, rebuilt.outcome));
  return MadePlan{rebuilt.document.request, rebuilt.saved.household, rebuilt.saved.built, rebuilt.outcome,
                  std::move(report)};
}

Result<MadePlan> LoadPlan(const Catalog& catalog, const PlanDocument& document) {
  HEARTH_ASSIGN_OR_RETURN(RebuiltPlan rebuilt, RebuildPlan(catalog, document));
  return ReportRebuiltPlan(catalog, rebuilt);
}

Result<int> PlanCell(const PlanRequest& request, int day, std::string_view slot, const PlanFieldNames& names) {
  if (day < 1 || day > request.days) {
    return Status::InvalidArgument(names.day + " " + std::to_string(day) + " is outside 1-" +
                                   std::to_string(request.days) + " (the plan has " + std::to_string(request.days) +
                                   " days)");
  }
  const int index = SlotIndex(request.slots, slot);
  if (index < 0) {
    std::string all;
    for (const std::string& s : request.slots) all += (all.empty() ? "" : ", ") + s;
    return Status::InvalidArgument(names.slot + " " + std::string(slot) + " is not a slot of the plan (" + all + ")");
  }
  return (day - 1) * static_cast<int>(request.slots.size()) + index;
}

Result<MealExplanation> ExplainPlanMeal(const MadePlan& plan, int day, std::string_view slot,
                                        const PlanFieldNames& names) {
  HEARTH_ASSIGN_OR_RETURN(int cell, PlanCell(plan.request, day, slot, names));
  return ExplainMeal(plan.report, plan.built, *plan.outcome.plan, cell, kMealAlternatives);
}

Result<json> ExplainPlanJson(const Catalog& catalog, const PlanDocument& document, const std::optional<MealRef>& meal,
                             const PlanFieldNames& names) {
  HEARTH_ASSIGN_OR_RETURN(MadePlan plan, LoadPlan(catalog, document));
  if (!meal) return ExplanationToJson(plan.report);
  HEARTH_ASSIGN_OR_RETURN(MealExplanation e, ExplainPlanMeal(plan, meal->day, meal->slot, names));
  return MealExplanationToJson(plan.report, e);
}

Result<SwapTarget> ResolveSwap(const Catalog& catalog, const RebuiltPlan& rebuilt, const SwapRequest& swap,
                               const PlanFieldNames& names) {
  const PlanRequest& req = rebuilt.document.request;
  HEARTH_ASSIGN_OR_RETURN(int cell, PlanCell(req, swap.day, swap.slot, names));
  const BuiltInstance& built = rebuilt.saved.built;
  HEARTH_ASSIGN_OR_RETURN(int recipe, PlannableRecipe(catalog, built, swap.recipe,
                                                      cell % static_cast<int>(req.slots.size()), names.recipe));
  if (swap.servings) HEARTH_RETURN_IF_ERROR(CheckServings(built.instance.plan.servings, *swap.servings, names.servings));
  return SwapTarget{cell, recipe};
}

json SwappedPlan::SwapJson() const {
  return {{"day", swap.day},
          {"slot", swap.slot},
          {"recipe", swap.recipe},
          {"objective_before", RoundForDisplay(objective_before)},
          {"objective_after", RoundForDisplay(objective_after)},
          {"objective_change", RoundForDisplay(objective_change)}};
}

json SwappedPlan::Document() const {
  json doc = plan.Document();
  doc["swap"] = SwapJson();
  return doc;
}

Result<SwappedPlan> SwapMeal(const Catalog& catalog, const RebuiltPlan& rebuilt, const SwapRequest& swap,
                             const PlanFieldNames& names) {
  HEARTH_ASSIGN_OR_RETURN(SwapTarget target, ResolveSwap(catalog, rebuilt, swap, names));
  PlanRequest req = rebuilt.document.request;
  const int slots = static_cast<int>(req.slots.size());
  BuiltInstance built = rebuilt.saved.built;
  // The user's choice replaces any earlier one for the same cell.
  auto& fixed = built.instance.plan.fixed;
  fixed.erase(std::remove_if(fixed.begin(), fixed.end(),
                             [&](const planner::FixedCell& f) { return f.cell == target.cell; }),
              fixed.end());
  fixed.push_back({target.cell, target.recipe, swap.servings});
  req.fixed.erase(std::remove_if(req.fixed.begin(), req.fixed.end(),
                                 [&](const PlanRequest::Fixed& f) {
                                   return f.day * slots + SlotIndex(req.slots, f.slot) == target.cell;
                                 }),
                  req.fixed.end());
  req.fixed.push_back({swap.day - 1, swap.slot, swap.recipe, swap.servings});
  planner::Plan start = rebuilt.saved.plan;
  planner::PlanCell& chosen = start.cells[static_cast<size_t>(target.cell)];
  chosen = {target.recipe, swap.servings.value_or(chosen.servings)};
  SwappedPlan out;
  out.recipe_name = built.instance.recipes[static_cast<size_t>(target.recipe)].name;
  HEARTH_ASSIGN_OR_RETURN(out.plan, SolveBuilt(catalog, std::move(req), rebuilt.saved.household, std::move(built),
                                               std::move(start), names));
  out.swap = swap;
  out.objective_before = rebuilt.outcome.objective;
  out.objective_after = out.plan.report.objective;
  out.objective_change = out.objective_after - out.objective_before;
  return out;
}

Result<SwappedPlan> SwapMeal(const Catalog& catalog, const PlanDocument& document, const SwapRequest& swap,
                             const PlanFieldNames& names) {
  HEARTH_ASSIGN_OR_RETURN(RebuiltPlan rebuilt, RebuildPlan(catalog, document));
  return SwapMeal(catalog, rebuilt, swap, names);
}

std::string MemberIdFor(const Profile& profile, std::string_view fallback,
                        const std::vector<PlanRequest::Member>& taken) {
  const std::string id = profile.name.empty() ? std::string(fallback) : profile.name;
  std::string unique = id;
  for (int n = 2;; ++n) {
    const bool clash = std::any_of(taken.begin(), taken.end(), [&](const auto& m) { return m.id == unique; });
    if (!clash) return unique;
    unique = id + " " + std::to_string(n);
  }
}

Result<PlanRequest> PlanRequestFromJson(const json& body, const PlanRequestLimits& limits) {
  if (!body.is_object()) return Status::InvalidArgument("request body", "must be a JSON object");
  static const std::set<std::string> kFields = {"profiles",           "days",           "seed", "time_limit_s",
                                                "max_minutes_per_day", "optional_slots", "fixed"};
  for (const auto& [key, value] : body.items()) {
    if (!kFields.contains(key)) return FieldError(key, "unknown field");
  }
  PlanRequest req;
  auto profiles = body.find("profiles");
  if (profiles == body.end()) return FieldError("profiles", "is missing");
  if (!profiles->is_array() || profiles->empty() || profiles->size() > limits.max_profiles) {
    return FieldError("profiles",
                      "must be an array of 1 to " + std::to_string(limits.max_profiles) + " profile objects");
  }
  for (size_t i = 0; i < profiles->size(); ++i) {
    const json& p = (*profiles)[i];
    const std::string path = At("profiles", i);
    if (!p.is_object()) return FieldError(path, "must be a profile object (docs/profile-format.md)");
    Result<Profile> profile = ParseProfileJson(p.dump());
    if (!profile.ok()) return profile.status().WithContext(path);
    req.household.push_back({MemberIdFor(*profile, "person " + std::to_string(i + 1), req.household), *profile});
  }
  if (auto it = body.find("days"); it != body.end()) {
    HEARTH_ASSIGN_OR_RETURN(long long days, IntegerField(*it, "days", 1, 28));
    req.days = static_cast<int>(days);
  }
  if (auto it = body.find("seed"); it != body.end()) {
    HEARTH_ASSIGN_OR_RETURN(long long seed, IntegerField(*it, "seed", 0, 1LL << 62));
    req.seed = static_cast<std::uint64_t>(seed);
  }
  if (auto it = body.find("time_limit_s"); it != body.end()) {
    HEARTH_ASSIGN_OR_RETURN(double t, NumberField(*it, "time_limit_s", 0.001, 1e7, "of seconds, at least 0.001"));
    req.time_limit_s = t;
  }
  req.time_limit_s = std::min(req.time_limit_s, limits.max_time_limit_s);
  if (auto it = body.find("max_minutes_per_day"); it != body.end() && !it->is_null()) {
    HEARTH_ASSIGN_OR_RETURN(double m, NumberField(*it, "max_minutes_per_day", 1, 1440, "between 1 and 1440"));
    req.max_minutes_per_day = m;
  }
  if (auto it = body.find("optional_slots"); it != body.end()) {
    if (!it->is_array()) return FieldError("optional_slots", "must be an array of meal slots");
    for (size_t i = 0; i < it->size(); ++i) {
      HEARTH_ASSIGN_OR_RETURN(std::string slot, SlotField((*it)[i], At("optional_slots", i), req.slots));
      if (SlotIndex(req.optional_slots, slot) < 0) req.optional_slots.push_back(std::move(slot));
    }
  }
  if (auto it = body.find("fixed"); it != body.end()) {
    if (!it->is_array()) return FieldError("fixed", "must be an array of {day, slot, recipe, servings}");
    static const std::set<std::string> kFixedFields = {"day", "slot", "recipe", "servings"};
    for (size_t i = 0; i < it->size(); ++i) {
      const json& f = (*it)[i];
      const std::string path = At("fixed", i);
      if (!f.is_object()) return FieldError(path, "must be an object {day, slot, recipe, servings}");
      for (const auto& [key, value] : f.items()) {
        if (!kFixedFields.contains(key)) return FieldError(path + "." + key, "unknown field");
      }
      for (const char* key : {"day", "slot", "recipe"}) {
        if (!f.contains(key)) return FieldError(path + "." + key, "is missing");
      }
      PlanRequest::Fixed fx;
      HEARTH_ASSIGN_OR_RETURN(long long day, IntegerField(f["day"], path + ".day", 1, req.days));
      fx.day = static_cast<int>(day) - 1;
      HEARTH_ASSIGN_OR_RETURN(fx.slot, SlotField(f["slot"], path + ".slot", req.slots));
      if (!f["recipe"].is_string() || f["recipe"].get<std::string>().empty()) {
        return FieldError(path + ".recipe", "must be a recipe id");
      }
      fx.recipe = f["recipe"].get<std::string>();
      if (auto sv = f.find("servings"); sv != f.end() && !sv->is_null()) {
        HEARTH_ASSIGN_OR_RETURN(double s, NumberField(*sv, path + ".servings", 0.01, 100, "between 0.01 and 100"));
        fx.servings = s;
      }
      for (const PlanRequest::Fixed& other : req.fixed) {
        if (other.day == fx.day && other.slot == fx.slot) {
          return FieldError(path, "day " + std::to_string(fx.day + 1) + " " + fx.slot + " is fixed twice");
        }
      }
      req.fixed.push_back(std::move(fx));
    }
  }
  return req;
}

}  // namespace hearth
