// The SQLite store on real database files in a fresh temporary directory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "hearth/storage/store.h"

namespace hearth::storage {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "hearth-storage-XXXXXX").string();
    ASSERT_NE(mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    path_ = (dir_ / "sub" / "hearth.db").string();  // The parent is created by OpenStore.
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> Open() {
    Result<std::unique_ptr<Store>> s = OpenStore("sqlite:" + path_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }

  fs::path dir_;
  std::string path_;
};

Vendor MakeVendor(std::string id) {
  Vendor v;
  v.id = std::move(id);
  v.name = "Green Acre Farm";
  v.kind = VendorKind::kFarm;
  v.location = {51.5072, -0.1276};
  v.opening_hours = "Sa 07:00-13:00";
  return v;
}

// Every field set, optionals included.
Product FullProduct(std::string vendor, std::string id) {
  Product p;
  p.id = std::move(id);
  p.vendor_id = std::move(vendor);
  p.name = "Whole milk, 1 l carton";
  p.food = FoodId{1077};
  p.package_g = 1030.0000000001;
  p.package_ml = 1000;
  p.price = 1.3337;
  p.currency = "EUR";
  p.stock = 42;
  p.origin = "Valley Farm, Millbrook";
  p.origin_location = GeoPoint{-33.8688, 151.2093};
  p.production = Production::kLocalFarm;
  p.organic = true;
  p.gmo = false;
  p.certifications = {"Fairtrade", "Soil Association", "\"quoted\", comma"};
  p.co2e_per_kg = 3.2;
  p.updated_at = "2026-11-26T08:00:00Z";
  return p;
}

// Only the required fields; every optional empty.
Product BareProduct(std::string vendor, std::string id) {
  Product p;
  p.id = std::move(id);
  p.vendor_id = std::move(vendor);
  p.name = "Rice";
  p.food = FoodId{20044};
  p.package_g = 1000;
  p.price = 0;
  p.updated_at = "2026-11-01";
  return p;
}

TEST_F(StorageTest, MarketRoundTripsEveryField) {
  auto store = Open();
  ASSERT_TRUE(store);
  Market m;
  m.vendors = {MakeVendor("zeta-grocer"), MakeVendor("alpha-farm")};
  m.vendors[0].kind = VendorKind::kCommunityKitchen;
  m.products = {FullProduct("zeta-grocer", "milk"), BareProduct("alpha-farm", "rice"),
                FullProduct("alpha-farm", "b-milk")};
  m.products[2].gmo = true;
  m.products[2].production = Production::kWildCaught;
  m.products[2].certifications.clear();
  ASSERT_TRUE(store->UpsertMarket(m).ok());

  Result<Market> back = store->LoadMarket();
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  // Vendors by id, products by (vendor_id, id).
  ASSERT_EQ(back->vendors.size(), 2u);
  EXPECT_EQ(back->vendors[0], m.vendors[1]);
  EXPECT_EQ(back->vendors[1], m.vendors[0]);
  ASSERT_EQ(back->products.size(), 3u);
  EXPECT_EQ(back->products[0], m.products[2]);
  EXPECT_EQ(back->products[1], m.products[1]);
  EXPECT_EQ(back->products[2], m.products[0]);
  EXPECT_FALSE(back->products[1].package_ml.has_value());
  EXPECT_FALSE(back->products[1].stock.has_value());
  EXPECT_FALSE(back->products[1].gmo.has_value());
  EXPECT_FALSE(back->products[1].origin_location.has_value());
  EXPECT_FALSE(back->products[1].co2e_per_kg.has_value());
}

TEST_F(StorageTest, UpsertReplacesAndAdds) {
  auto store = Open();
  ASSERT_TRUE(store);
  Market m;
  m.vendors = {MakeVendor("farm")};
  m.products = {FullProduct("farm", "milk"), BareProduct("farm", "rice")};
  ASSERT_TRUE(store->UpsertMarket(m).ok());

  // Same ids: replaced (vendor update must not cascade away its products).
  Market m2;
  m2.vendors = {MakeVendor("farm")};
  m2.vendors[0].name = "Renamed Farm";
  m2.products = {FullProduct("farm", "milk"), BareProduct("farm", "oats")};
  m2.products[0].price = 9.99;
  m2.products[0].stock.reset();
  m2.products[0].certifications = {"MSC"};
  ASSERT_TRUE(store->UpsertMarket(m2).ok());

  Result<Market> back = store->LoadMarket();
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->vendors.size(), 1u);
  EXPECT_EQ(back->vendors[0].name, "Renamed Farm");
  ASSERT_EQ(back->products.size(), 3u);  // milk (replaced), oats (added), rice (kept)
  EXPECT_EQ(back->products[0], m2.products[0]);
  EXPECT_EQ(back->products[1], m2.products[1]);
  EXPECT_EQ(back->products[2], m.products[1]);

  // A product for a vendor already in the store needs no vendor in the market.
  Market m3;
  m3.products = {BareProduct("farm", "barley")};
  ASSERT_TRUE(store->UpsertMarket(m3).ok());
  EXPECT_EQ(store->LoadMarket()->products.size(), 4u);
}

TEST_F(StorageTest, ProductWithMissingVendorWritesNothing) {
  auto store = Open();
  ASSERT_TRUE(store);
  Market m;
  m.vendors = {MakeVendor("farm")};
  m.products = {BareProduct("farm", "rice"), BareProduct("ghost", "oats")};
  Status s = store->UpsertMarket(m);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("saving products"));
  EXPECT_THAT(s.message(), HasSubstr("\"oats\""));
  EXPECT_THAT(s.message(), HasSubstr("\"ghost\""));
  Result<Market> back = store->LoadMarket();
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->vendors.empty());
  EXPECT_TRUE(back->products.empty());
}

TEST_F(StorageTest, DeleteVendorCascades) {
  auto store = Open();
  ASSERT_TRUE(store);
  Market m;
  m.vendors = {MakeVendor("a"), MakeVendor("b")};
  m.products = {BareProduct("a", "rice"), BareProduct("a", "oats"), BareProduct("b", "rice")};
  ASSERT_TRUE(store->UpsertMarket(m).ok());
  ASSERT_TRUE(store->DeleteVendor("a").ok());
  Result<Market> back = store->LoadMarket();
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->vendors.size(), 1u);
  EXPECT_EQ(back->vendors[0].id, "b");
  ASSERT_EQ(back->products.size(), 1u);
  EXPECT_EQ(back->products[0].vendor_id, "b");

  Status s = store->DeleteVendor("a");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_THAT(s.message(), HasSubstr("\"a\""));
}

PantryItem Item(int32_t ndb, double grams, std::optional<std::string> expiry, std::string location = "") {
  PantryItem it;
  it.food = FoodId{ndb};
  it.grams = grams;
  if (expiry) it.expiry = ParseDate(*expiry);
  it.location = std::move(location);
  return it;
}

TEST_F(StorageTest, PantryListOrder) {
  auto store = Open();
  ASSERT_TRUE(store);
  // Insertion order differs from the listing order.
  std::vector<int64_t> ids;
  for (const PantryItem& it : {Item(300, 1, std::nullopt), Item(200, 2, "2026-12-05"), Item(100, 3, std::nullopt),
                               Item(900, 4, "2026-12-01"), Item(200, 5, "2026-12-01"), Item(100, 6, std::nullopt)}) {
    Result<int64_t> id = store->AddPantryItem("home", it);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    ids.push_back(*id);
  }
  ASSERT_TRUE(store->AddPantryItem("kitchen", Item(100, 7, std::nullopt)).ok());
  Result<std::vector<PantryItem>> items = store->ListPantry("home");
  ASSERT_TRUE(items.ok());
  std::vector<int64_t> order;
  for (const PantryItem& it : *items) order.push_back(it.id);
  // expiry (nulls last), then food, then id.
  EXPECT_EQ(order, (std::vector<int64_t>{ids[4], ids[3], ids[1], ids[2], ids[5], ids[0]}));
  EXPECT_EQ((*items)[0].grams, 5);
  EXPECT_EQ((*items)[0].expiry, ParseDate("2026-12-01"));
  EXPECT_EQ(store->ListPantry("kitchen")->size(), 1u);
  EXPECT_TRUE(store->ListPantry("nowhere")->empty());

  PantryItem full = Item(1077, 250.125, "2027-01-31", "fridge");
  full.note = "opened; use first";
  Result<int64_t> id = store->AddPantryItem("notes", full);
  ASSERT_TRUE(id.ok());
  full.id = *id;
  EXPECT_EQ(store->ListPantry("notes")->at(0), full);

  EXPECT_EQ(store->AddPantryItem("home", Item(100, 0, std::nullopt)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store->AddPantryItem("home", Item(100, -1, std::nullopt)).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(StorageTest, ApplyPantryChangesIsAtomic) {
  auto store = Open();
  ASSERT_TRUE(store);
  int64_t a = *store->AddPantryItem("home", Item(100, 500, "2026-12-01"));
  int64_t b = *store->AddPantryItem("home", Item(200, 300, std::nullopt));
  int64_t other = *store->AddPantryItem("kitchen", Item(300, 100, std::nullopt));
  const std::vector<PantryItem> before = *store->ListPantry("home");

  // One unknown id (and one from another pantry): nothing applied.
  for (int64_t bad : {other, int64_t{999999}}) {
    Status s = store->ApplyPantryChanges("home", {{a, 100}, {b, 0}, {bad, 5}});
    EXPECT_EQ(s.code(), StatusCode::kNotFound) << s.ToString();
    EXPECT_THAT(s.message(), HasSubstr(std::to_string(bad)));
    EXPECT_EQ(*store->ListPantry("home"), before);
  }
  EXPECT_EQ(store->ApplyPantryChanges("home", {{a, 100}, {b, -1}}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*store->ListPantry("home"), before);

  // 0 grams removes.
  ASSERT_TRUE(store->ApplyPantryChanges("home", {{a, 120.5}, {b, 0}}).ok());
  std::vector<PantryItem> after = *store->ListPantry("home");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, a);
  EXPECT_EQ(after[0].grams, 120.5);
  EXPECT_EQ(store->ListPantry("kitchen")->size(), 1u);
}

TEST_F(StorageTest, DataPersistsAcrossReopen) {
  int64_t id;
  {
    auto store = Open();
    ASSERT_TRUE(store);
    Market m;
    m.vendors = {MakeVendor("farm")};
    m.products = {FullProduct("farm", "milk")};
    ASSERT_TRUE(store->UpsertMarket(m).ok());
    id = *store->AddPantryItem("home", Item(1077, 250, "2026-12-03", "fridge"));
  }
  ASSERT_TRUE(fs::exists(path_));
  auto store = Open();
  ASSERT_TRUE(store);
  Result<Market> m = store->LoadMarket();
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->products.size(), 1u);
  EXPECT_EQ(m->products[0], FullProduct("farm", "milk"));
  std::vector<PantryItem> items = *store->ListPantry("home");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].id, id);
  EXPECT_EQ(items[0].location, "fridge");
  // A plain path opens the same database.
  Result<std::unique_ptr<Store>> plain = OpenStore(path_);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ((*plain)->ListPantry("home")->size(), 1u);
}

TEST_F(StorageTest, NewerSchemaIsRefused) {
  { ASSERT_TRUE(Open()); }
  // The SQLite header keeps PRAGMA user_version at offset 60 (4 bytes, big
  // endian); pretend a future hearth wrote version 1000.
  {
    std::fstream f(path_, std::ios::in | std::ios::out | std::ios::binary);
    ASSERT_TRUE(f.good());
    f.seekp(60);
    const char v[4] = {0, 0, 0x03, static_cast<char>(0xE8)};
    f.write(v, 4);
  }
  Result<std::unique_ptr<Store>> s = OpenStore(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.status().message(), HasSubstr(path_));
  EXPECT_THAT(s.status().message(), HasSubstr("schema version 1000"));
  EXPECT_THAT(s.status().message(), HasSubstr("newer hearth"));
}

TEST_F(StorageTest, NonDatabaseFileIsRefused) {
  fs::create_directories(fs::path(path_).parent_path());
  const std::string text = "name,grams\nrice,1000\nthis is a CSV file, not a database, and it is long enough\n";
  { std::ofstream(path_) << text; }
  Result<std::unique_ptr<Store>> s = OpenStore(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.status().message(), HasSubstr(path_));
  EXPECT_THAT(s.status().message(), HasSubstr("not a hearth database"));
  // The file is left as it was.
  std::ifstream in(path_);
  std::string back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(back, text);
}

TEST_F(StorageTest, BadUrls) {
  Result<std::unique_ptr<Store>> s = OpenStore("postgresql://localhost/hearth");
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.status().message(), HasSubstr("unknown scheme \"postgresql\""));
  EXPECT_EQ(OpenStore("sqlite:").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenStore(dir_.string()).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(OpenStore("sqlite::memory:").ok());
}

TEST_F(StorageTest, DefaultDatabasePathFollowsXdg) {
  const char* old_xdg = std::getenv("XDG_DATA_HOME");
  std::string saved = old_xdg ? old_xdg : "";
  setenv("XDG_DATA_HOME", "/srv/data", 1);
  EXPECT_EQ(DefaultDatabasePath(), "/srv/data/hearth/hearth.db");
  unsetenv("XDG_DATA_HOME");
  EXPECT_EQ(DefaultDatabasePath(), std::string(std::getenv("HOME")) + "/.local/share/hearth/hearth.db");
  if (old_xdg) setenv("XDG_DATA_HOME", saved.c_str(), 1);
}

TEST_F(StorageTest, ConcurrentWritersLoseNothing) {
  constexpr int kPerThread = 100;
  auto shared = Open();
  ASSERT_TRUE(shared);
  std::atomic<int> failures{0};
  auto writer = [&](Store* store, int32_t food) {
    for (int i = 0; i < kPerThread; ++i) {
      if (!store->AddPantryItem("home", Item(food, i + 1, std::nullopt)).ok()) ++failures;
    }
  };
  // Two threads on one Store, and a third on its own connection to the same
  // file (as another process would be).
  auto second = Open();
  ASSERT_TRUE(second);
  std::thread t1(writer, shared.get(), 1);
  std::thread t2(writer, shared.get(), 2);
  std::thread t3(writer, second.get(), 3);
  t1.join();
  t2.join();
  t3.join();
  EXPECT_EQ(failures.load(), 0);
  std::vector<PantryItem> items = *shared->ListPantry("home");
  ASSERT_EQ(items.size(), 3u * kPerThread);
  std::map<int32_t, double> sum;
  for (const PantryItem& it : items) sum[it.food.ndb] += it.grams;
  const double expected = kPerThread * (kPerThread + 1) / 2.0;
  EXPECT_EQ(sum[1], expected);
  EXPECT_EQ(sum[2], expected);
  EXPECT_EQ(sum[3], expected);
}

}  // namespace
}  // namespace hearth::storage
