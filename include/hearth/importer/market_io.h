// Market files: vendors and their products as two CSV files (vendors,
// products) or as one JSON document {"format":"hearth-market",...} — read with
// validation against the SR28 food table, and written back. The formats are
// specified in docs/market-format.md; a write followed by a read gives back an
// equal Market.
//
// Reading never stops at the first problem: every bad field is reported with
// its place (CSV: "products.csv line 14: column price: ..."; JSON:
// "market.json: products[3].price: ..."), and by default any error imports
// nothing. With skip_bad_rows, rows without errors import and the report lists
// the ones skipped.
//
// Thread safety: pure functions over their arguments.
#ifndef HEARTH_IMPORTER_MARKET_IO_H_
#define HEARTH_IMPORTER_MARKET_IO_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/food.h"
#include "hearth/core/market.h"
#include "hearth/result.h"
#include "hearth/status.h"

namespace hearth {

struct MarketImportOptions {
  // The market's currency (ISO 4217). A product priced in another currency is
  // an error naming the product. Default: "USD".
  std::string currency = "USD";
  // false: any error imports nothing. true: rows with errors (and files whose
  // header or syntax is broken) are skipped and reported; the rest import.
  // Default: false.
  bool skip_bad_rows = false;
  // Ids of vendors already in the market (e.g. in the store): products may
  // name them without the vendor being in the imported files. Default: none.
  std::vector<std::string> existing_vendor_ids;
};

// Errors listed by MarketImportReport::FormatErrors before "and N more".
inline constexpr size_t kMaxListedMarketErrors = 50;

// What an import read, what it kept, and every problem found.
struct MarketImportReport {
  int vendors_read = 0;   // Vendor rows / objects seen.
  int products_read = 0;  // Product rows / objects seen.
  int vendors_imported = 0;
  int products_imported = 0;
  // One message per problem, in file order, each naming its place.
  std::vector<std::string> errors;

  bool ok() const { return errors.empty(); }
  // The errors one per line (each ending in "\n"), at most `cap` of them,
  // then "and N more\n" when some were left out.
  std::string FormatErrors(size_t cap = kMaxListedMarketErrors) const;
};

struct MarketImport {
  Market market;  // What to import: empty when strict and any error was found.
  MarketImportReport report;
};

// One input: a name for messages (usually the path) and its text.
struct MarketSource {
  std::string name;
  std::string text;
};

enum class MarketFileKind { kJson, kVendorsCsv, kProductsCsv };
// Tells the files apart by content: JSON when the first non-blank character is
// "{"; otherwise a CSV whose header has a "vendor_id" column is a products
// file and one with a "kind" column a vendors file. InvalidArgument naming the
// source when it is none of these.
Result<MarketFileKind> DetectMarketFile(const MarketSource& source);

// Reads any number of sources (JSON documents, vendors CSVs, products CSVs;
// see DetectMarketFile) as one import: vendors first, then products, so a
// product may name a vendor from any source, or one in
// options.existing_vendor_ids. Problems — including unreadable syntax and
// unrecognised files — are reported in the result's report, never as a
// failed call. Products declared in millilitres get package_g = ml × the
// food's density (FoodDensity).
MarketImport ImportMarket(const std::vector<MarketSource>& sources, const FoodDb& foods,
                          const MarketImportOptions& options);

// Reads the files at `paths` and imports them as ImportMarket does; the file
// names in messages are the paths as given. NotFound when a file cannot be
// opened (nothing is read then).
Result<MarketImport> ImportMarketFiles(const std::vector<std::string>& paths, const FoodDb& foods,
                                       const MarketImportOptions& options);

// Grams per millilitre of `food`, from its first SR28 household measure with
// a volume unit, units tried in the order cup (236.588 ml), tbsp (14.787),
// tsp (4.929), fl oz (29.574), ml, l (1,000); the unit word must end at a
// non-letter ("cup, chopped", not "cupcake"); a unit followed by "whipped"
// ("cup, whipped": whipped cream, half as dense) is skipped. nullopt when the
// food has none.
std::optional<double> FoodDensity(const Food& food);

// --- Writing ---
// The CSV files with every column in the documented order, one row per
// vendor / product in the given order; undeclared values are empty.
std::string WriteVendorsCsv(const std::vector<Vendor>& vendors);
std::string WriteProductsCsv(const std::vector<Product>& products);
// The JSON document, indented; "currency" is the document's currency (each
// product's own currency is written only when it differs).
std::string WriteMarketJson(const Market& market, std::string_view currency = "USD");
// Writes `dir`/vendors.csv and `dir`/products.csv (creating `dir`).
// Unavailable naming the file when it cannot be written.
Status WriteMarketCsvDir(const Market& market, const std::string& dir);
// Writes the JSON document to `path`. Unavailable when it cannot be written.
Status WriteMarketJsonFile(const Market& market, const std::string& path, std::string_view currency = "USD");

}  // namespace hearth

#endif  // HEARTH_IMPORTER_MARKET_IO_H_
