// hearth market import FILE... | list | export: the market's vendors and
// products in the store (formats in docs/market-format.md).
#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "hearth/importer/market_io.h"

namespace hearth::cli {
namespace {

struct MarketOptions {
  // import
  std::vector<std::string> files;
  bool skip_bad_rows = false;
  std::string currency = "USD";
  // list
  std::string vendor;
  std::string food;
  bool json = false;
  // export
  std::string json_file;
  std::string csv_dir;
};

[[noreturn]] void MarketFail(std::string_view sub, const std::string& message, int code = kExitFailure) {
  throw CommandError{code, "hearth market " + std::string(sub) + ": " + message};
}

Market LoadOrFail(std::string_view sub) {
  Result<Market> m = GetStore().LoadMarket();
  if (!m.ok()) MarketFail(sub, m.status().message());
  return std::move(m).value();
}

std::string Plural(size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

void RunMarketImport(const MarketOptions& o) {
  const Catalog* c = GetCatalog();
  storage::Store& store = GetStore();
  Market existing = LoadOrFail("import");
  MarketImportOptions options;
  options.currency = o.currency;
  options.skip_bad_rows = o.skip_bad_rows;
  for (const Vendor& v : existing.vendors) options.existing_vendor_ids.push_back(v.id);

  Result<MarketImport> in = ImportMarketFiles(o.files, c->foods(), options);
  if (!in.ok()) MarketFail("import", in.status().message());
  const MarketImportReport& report = in->report;
  if (!report.ok() && !o.skip_bad_rows) {
    std::string listed = report.FormatErrors();
    listed.pop_back();  // The final newline; main adds one.
    MarketFail("import", Plural(report.errors.size(), "error") +
                           " in the market files; nothing was imported (--skip-bad-rows imports the good rows):\n" +
                           listed);
  }
  if (Status s = store.UpsertMarket(in->market); !s.ok()) MarketFail("import", s.message());
  std::cout << "hearth market import: imported " << Plural(report.vendors_imported, "vendor") << " and "
            << Plural(report.products_imported, "product");
  if (!report.ok()) {
    int skipped = report.vendors_read - report.vendors_imported + report.products_read - report.products_imported;
    std::cout << "; skipped " << Plural(skipped, "row") << " with errors:\n" << report.FormatErrors();
  } else {
    std::cout << "\n";
  }
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return s;
}

std::string Truncate(const std::string& s, size_t width) {
  if (DisplayWidth(s) <= width) return s;
  std::string out;
  size_t w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    if ((ch & 0xC0) != 0x80 && ++w > width - 1) break;
    out += s[i];
  }
  return out + "…";
}

void RunMarketList(const MarketOptions& o) {
  const Catalog* c = GetCatalog();
  Market m = LoadOrFail("list");
  std::map<std::string, const Vendor*> vendors;
  for (const Vendor& v : m.vendors) vendors[v.id] = &v;
  if (!o.vendor.empty() && !vendors.contains(o.vendor)) {
    MarketFail("list", "no vendor \"" + o.vendor + "\" in the market");
  }
  std::optional<FoodId> food_id = ParseFoodId(o.food);
  const std::string needle = Lower(o.food);

  struct Row {
    const Product* p;
    const Food* food;
    double co2e;
    bool co2e_default;
  };
  std::vector<Row> rows;
  for (const Product& p : m.products) {
    if (!o.vendor.empty() && p.vendor_id != o.vendor) continue;
    const Food* f = c->foods().Find(p.food);
    if (!o.food.empty()) {
      bool match = food_id ? p.food == *food_id
                           : Lower(p.name).find(needle) != std::string::npos ||
                                 (f && Lower(f->name).find(needle) != std::string::npos);
      if (!match) continue;
    }
    Row r{&p, f, 0, false};
    if (p.co2e_per_kg) {
      r.co2e = *p.co2e_per_kg;
    } else if (const FoodCost* cost = c->costs().Find(p.food)) {
      r.co2e = cost->co2e_per_kg;
      r.co2e_default = true;
    }
    rows.push_back(r);
  }

  if (o.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Row& r : rows) {
      const Product& p = *r.p;
      nlohmann::ordered_json j;
      j["vendor_id"] = p.vendor_id;
      j["vendor_name"] = vendors.contains(p.vendor_id) ? vendors[p.vendor_id]->name : "";
      j["id"] = p.id;
      j["name"] = p.name;
      j["food"] = FormatFoodId(p.food);
      j["food_name"] = r.food ? r.food->name : "";
      j["package_g"] = p.package_g;
      if (p.package_ml) j["package_ml"] = *p.package_ml;
      j["price"] = p.price;
      j["currency"] = p.currency;
      j["price_per_kg"] = p.package_g > 0 ? p.price / p.package_g * 1000 : 0.0;
      j["stock"] = p.stock ? nlohmann::ordered_json(*p.stock) : nlohmann::ordered_json(nullptr);
      j["origin"] = p.origin;
      j["production"] = ProductionKey(p.production);
      j["organic"] = p.organic;
      j["co2e_per_kg"] = r.co2e;
      j["co2e_default"] = r.co2e_default;
      out.push_back(std::move(j));
    }
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (m.products.empty()) {
    std::cout << "The market is empty; add vendors and products with: hearth market import FILE...\n";
    return;
  }
  if (rows.empty()) {
    std::cout << "No product matches.\n";
    return;
  }
  Table t({"vendor", "product", "food", "package", "price", "per kg", "origin", "production", "kg CO2e/kg"});
  t.RightAlign({3, 4, 5});
  for (const Row& r : rows) {
    const Product& p = *r.p;
    std::string package = FormatNumber(p.package_g, 0) + " g";
    if (p.package_ml) package = FormatNumber(*p.package_ml, 0) + " ml";
    t.AddRow({p.vendor_id, Truncate(p.name, 40),
              FormatFoodId(p.food) + " " + Truncate(r.food ? r.food->name : "?", 30), package,
              FormatNumber(p.price, 2) + " " + p.currency,
              p.package_g > 0 ? FormatNumber(p.price / p.package_g * 1000, 2) : "-", Truncate(p.origin, 28),
              std::string(ProductionKey(p.production)),
              FormatNumber(r.co2e, 1) + (r.co2e_default ? " (default)" : "")});
  }
  std::cout << t.Render() << Plural(rows.size(), "product") << " of " << m.products.size()
            << "; CO2e marked (default) is Poore & Nemecek 2018 for the food's category.\n";
}

void RunMarketExport(const MarketOptions& o) {
  if (o.json_file.empty() == o.csv_dir.empty()) {
    MarketFail("export", "give exactly one of --json FILE or --csv DIR", kExitUsage);
  }
  Market m = LoadOrFail("export");
  std::string currency = m.products.empty() ? "USD" : m.products.front().currency;
  Status s = o.json_file.empty() ? WriteMarketCsvDir(m, o.csv_dir) : WriteMarketJsonFile(m, o.json_file, currency);
  if (!s.ok()) MarketFail("export", s.message());
  std::cout << "hearth market export: wrote " << Plural(m.vendors.size(), "vendor") << " and "
            << Plural(m.products.size(), "product") << " to "
            << (o.json_file.empty() ? o.csv_dir + "/vendors.csv and " + o.csv_dir + "/products.csv" : o.json_file)
            << "\n";
}

}  // namespace

void RegisterMarketCommands(CLI::App& app) {
  auto o = std::make_shared<MarketOptions>();
  CLI::App* market = app.add_subcommand("market", "Vendors and their products: import, list, export");
  market->require_subcommand(1);

  CLI::App* import = market->add_subcommand(
      "import",
      "Import vendors and products: a hearth-market .json file, or vendors and products CSV files (told apart by "
      "their header: products have a vendor_id column); see docs/market-format.md");
  import->add_option("files", o->files, "Market files")->required();
  import->add_flag("--skip-bad-rows", o->skip_bad_rows,
                   "Import the rows without errors and list the skipped ones (default: any error imports nothing)");
  import->add_option("--currency", o->currency, "The market's currency; other prices are errors")
      ->default_val("USD");
  import->callback([o] { RunMarketImport(*o); });

  CLI::App* list = market->add_subcommand("list", "List products with price per kg, origin and footprint");
  list->add_option("--vendor", o->vendor, "Only this vendor's products (vendor id)");
  list->add_option("--food", o->food, "Only products of this SR28 food (NDB number) or whose name contains TEXT");
  list->add_flag("--json", o->json, "Print JSON");
  list->callback([o] { RunMarketList(*o); });

  CLI::App* exp = market->add_subcommand("export", "Write the market to a hearth-market JSON file or a CSV directory");
  exp->add_option("--json", o->json_file, "The JSON file to write");
  exp->add_option("--csv", o->csv_dir, "The directory to write vendors.csv and products.csv into");
  exp->callback([o] { RunMarketExport(*o); });
}

}  // namespace hearth::cli
