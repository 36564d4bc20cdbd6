// hearth foods search TEXT | show ID
#include <iostream>

#include "cli/cli.h"
#include "hearth/core/units.h"
#include "hearth/json/encode.h"

namespace hearth::cli {
namespace {

struct FoodsOptions {
  std::string query;
  std::string id;
  size_t limit = 15;
  bool json = false;
};

void RunSearch(const FoodsOptions& o) {
  const Catalog* c = GetCatalog();
  auto hits = c->foods().Search(o.query, o.limit);
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& h : hits) out.push_back(FoodToJson(*h.food, false));
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (hits.empty()) {
    std::cout << "No food matches \"" << o.query << "\".\n";
    return;
  }
  Table t({"id", "food", "group", "kcal/100 g"});
  t.RightAlign({3});
  for (const auto& h : hits) {
    t.AddRow({FormatFoodId(h.food->id), h.food->name, h.food->group,
              FormatNumber(h.food->per_100g[Index(NutrientId::kEnergyKcal)], 0)});
  }
  std::cout << t.Render();
}

void RunFoodsShow(const FoodsOptions& o) {
  const Catalog* c = GetCatalog();
  auto id = ParseFoodId(o.id);
  const Food* f = id ? c->foods().Find(*id) : nullptr;
  if (!f) Fail(Status::NotFound("no SR28 food with id \"" + o.id + "\"; try: hearth foods search"));
  if (o.json) {
    std::cout << FoodToJson(*f, true).dump(2) << "\n";
    return;
  }
  std::cout << FormatFoodId(f->id) << "  " << f->name << "\n";
  std::cout << "group: " << f->group << " (" << f->group_code << ")";
  if (f->fdc_id) std::cout << "   FoodData Central id: " << *f->fdc_id;
  std::cout << "\n";
  std::cout << "allergens: " << JoinKeys(AllergenKeys(AllergensOf(f->traits)), ", ", "none")
            << "\nfits: " << JoinKeys(DietKeys(DietsOf(f->traits)), ", ", "-")
            << "\n\nPer 100 g (USDA SR28):\n";
  Table t({"nutrient", "amount", "unit"});
  t.RightAlign({1});
  for (const auto& n : AllNutrients()) {
    t.AddRow({std::string(n.name),
              f->Reported(n.id) ? FormatNumber(f->per_100g[Index(n.id)], 2) : "n/a",
              std::string(n.unit)});
  }
  std::cout << t.Render();
  if (!f->measures.empty()) {
    std::cout << "\nHousehold measures:\n";
    Table m({"amount", "measure", "grams"});
    m.RightAlign({0, 2});
    for (const auto& h : f->measures) {
      m.AddRow({FormatFraction(h.amount), h.description, FormatNumber(h.grams, 1)});
    }
    std::cout << m.Render();
  }
}

}  // namespace

void RegisterFoodsCommands(CLI::App& app) {
  auto opts = std::make_shared<FoodsOptions>();
  CLI::App* foods = app.add_subcommand("foods", "Search and show USDA SR28 foods");
  foods->require_subcommand(1);
  CLI::App* search = foods->add_subcommand("search", "Ranked search of foods by name");
  search->add_option("text", opts->query, "Words to look for, e.g. \"lentils\"")->required();
  search->add_option("--limit", opts->limit, "Most results to show (default 15)")->check(CLI::Range(1, 1000));
  search->add_flag("--json", opts->json, "Print JSON (docs/cli-json.md)");
  search->callback([opts] { RunSearch(*opts); });
  CLI::App* show = foods->add_subcommand("show", "Nutrients per 100 g and household measures of a food");
  show->add_option("id", opts->id, "SR28 NDB number, e.g. 09003")->required();
  show->add_flag("--json", opts->json, "Print JSON (docs/cli-json.md)");
  show->callback([opts] { RunFoodsShow(*opts); });
}

}  // namespace hearth::cli
