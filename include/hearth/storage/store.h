// The Store: where hearth keeps what users tell it (the market's vendors and
// products, pantries; later profiles, plans, accounts). One interface, one
// backend per folder under src/storage/ (sqlite/ today), opened from a URL.
// No backend type leaks past this header.
//
// Durability: a call that returns Ok has committed; a crash after it loses
// nothing it wrote. Every mutating call is one transaction: it applies whole
// or not at all.
//
// Thread safety: a Store may be used from several threads; each call is
// atomic (the SQLite backend serialises calls on its one connection). Several
// processes may open the same database.
#ifndef HEARTH_STORAGE_STORE_H_
#define HEARTH_STORAGE_STORE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/core/market.h"
#include "hearth/result.h"
#include "hearth/status.h"

namespace hearth::storage {

// A change to one pantry item, applied by ApplyPantryChanges.
struct PantryChange {
  int64_t item_id = 0;  // An existing item.
  double new_grams = 0;  // >= 0; 0 removes the item.
};

class Store {
 public:
  virtual ~Store() = default;

  // --- Market ---
  // Inserts or replaces the given vendors and products (matched by
  // Vendor::id and by (vendor_id, Product::id)). REQUIRES-as-error: every
  // product's vendor exists in `market` or in the store (else
  // InvalidArgument naming the product).
  virtual Status UpsertMarket(const Market& market) = 0;
  // The whole market, vendors ordered by id, products by (vendor_id, id).
  virtual Result<Market> LoadMarket() = 0;
  // Removes a vendor and its products; NotFound if absent.
  virtual Status DeleteVendor(std::string_view vendor_id) = 0;

  // --- Pantries ---
  // A pantry is named ("home" by default; a community kitchen's pooled pantry
  // has its own name). Items are lots: the same food may appear many times.
  //
  // Stores `item` (its id is ignored) and returns the new id.
  // InvalidArgument if grams <= 0.
  virtual Result<int64_t> AddPantryItem(std::string_view pantry, const PantryItem& item) = 0;
  // Items ordered by (expiry, nulls last; food; id).
  virtual Result<std::vector<PantryItem>> ListPantry(std::string_view pantry) = 0;
  // Applies all changes in order, in one transaction; NotFound (and nothing
  // applied) if an item does not exist in `pantry`; InvalidArgument if a
  // new_grams is negative or not finite.
  virtual Status ApplyPantryChanges(std::string_view pantry, const std::vector<PantryChange>& changes) = 0;
};

// Opens (creating and migrating as needed) the store at `url`:
// "sqlite:PATH" or a plain file path (SQLite). Parent directories are
// created. InvalidArgument for an unknown scheme or a file that is not a
// database; Unavailable when the file cannot be opened; FailedPrecondition
// when it was written by a newer hearth. Every message names the path.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

// The default database: $XDG_DATA_HOME/hearth/hearth.db (when set to an
// absolute path), else $HOME/.local/share/hearth/hearth.db, else hearth.db in
// the working directory.
std::string DefaultDatabasePath();

}  // namespace hearth::storage

#endif  // HEARTH_STORAGE_STORE_H_
