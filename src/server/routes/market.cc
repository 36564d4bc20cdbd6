// Routes on the market: GET /vendors, /vendors/{id}, /products; a vendor
// account edits only its own vendor and products: PUT /vendors/{id}, PUT and
// DELETE /vendors/{id}/products/{pid}, POST /vendors/{id}/products/import
// (CSV or JSON, all or nothing, every bad line named). Admins may create
// vendors (POST /vendors) and edit any.
#include <algorithm>

#include "hearth/importer/market_io.h"
#include "server/api.h"
#include "server/schemas.h"

namespace hearth::server {
namespace {

constexpr std::string_view kSource = "body";

// The market as JSON arrays, through the exporter (one encoding).
nlohmann::json MarketJson(const Market& m) { return nlohmann::json::parse(WriteMarketJson(m)); }

Result<Market> Import(Api& api, std::vector<MarketSource> sources) {
  HEARTH_ASSIGN_OR_RETURN(Market existing, api.store.LoadMarket());
  MarketImportOptions opt;
  for (const Vendor& v : existing.vendors) opt.existing_vendor_ids.push_back(v.id);
  MarketImport imp = ImportMarket(sources, api.catalog.foods(), opt);
  if (!imp.report.ok()) {
    std::string msg;
    size_t n = 0;
    for (std::string e : imp.report.errors) {
      if (++n > kMaxListedMarketErrors) {
        msg += "and " + std::to_string(imp.report.errors.size() - kMaxListedMarketErrors) + " more\n";
        break;
      }
      const std::string prefix = std::string(kSource) + " ";
      if (e.rfind(prefix, 0) == 0) e = e.substr(prefix.size());
      else if (e.rfind(std::string(kSource) + ": ", 0) == 0) e = e.substr(kSource.size() + 2);
      msg += e + "\n";
    }
    msg.pop_back();
    return Status::InvalidArgument(msg);
  }
  return imp.market;
}

// May the actor edit vendor `id`? Its vendor account, or an admin.
Status MayEdit(const storage::Account& actor, const std::string& vendor_id) {
  if (actor.role == Role::kAdmin) return Status::Ok();
  if (actor.role == Role::kVendor && actor.vendor_id == vendor_id) return Status::Ok();
  return Status::PermissionDenied("only vendor " + vendor_id + "'s own account (or an admin) may change it");
}

Result<Reply> Vendors(Api& api, Call&) {
  HEARTH_ASSIGN_OR_RETURN(Market m, api.store.LoadMarket());
  nlohmann::json vendors = MarketJson({m.vendors, {}}).value("vendors", nlohmann::json::array());
  for (auto& v : vendors) {
    const std::string id = v.value("id", "");
    v["products"] = std::count_if(m.products.begin(), m.products.end(),
                                  [&](const Product& p) { return p.vendor_id == id; });
  }
  return Reply::Json({{"vendors", vendors}});
}

Result<Market> VendorMarket(Api& api, const std::string& id) {
  HEARTH_ASSIGN_OR_RETURN(Market m, api.store.LoadMarket());
  Market one;
  for (const Vendor& v : m.vendors) {
    if (v.id == id) one.vendors.push_back(v);
  }
  if (one.vendors.empty()) return Status::NotFound("vendor \"" + id + "\": not found");
  for (const Product& p : m.products) {
    if (p.vendor_id == id) one.products.push_back(p);
  }
  return one;
}

Result<Reply> VendorById(Api& api, Call& call) {
  HEARTH_ASSIGN_OR_RETURN(Market one, VendorMarket(api, call.path["id"]));
  nlohmann::json j = MarketJson(one);
  nlohmann::json v = j["vendors"][0];
  v["products"] = j.value("products", nlohmann::json::array());
  return Reply::Json(v);
}

Result<Reply> Products(Api& api, Call& call) {
  std::optional<std::string> food = call.Query("food");
  if (!food) return Status::InvalidArgument("food: give ?food=<SR28 number>");
  std::optional<FoodId> id = ParseFoodId(*food);
  if (!id) return Status::InvalidArgument("food: \"" + *food + "\" is not an SR28 number");
  HEARTH_ASSIGN_OR_RETURN(Market m, api.store.LoadMarket());
  Market hits;
  for (const Product& p : m.products) {
    if (p.food == *id) hits.products.push_back(p);
  }
  return Reply::Json({{"products", MarketJson(hits).value("products", nlohmann::json::array())}});
}

Result<Reply> PutVendor(Api& api, Call& call, bool create) {
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  std::string id;
  if (create) {
    HEARTH_RETURN_IF_ERROR(RequireRole(call.Actor(), {Role::kAdmin}, "creating a vendor"));
    HEARTH_ASSIGN_OR_RETURN(id, StringField(body, "id", true, 100));
    if (VendorMarket(api, id).ok()) return Status::AlreadyExists("id: vendor \"" + id + "\" exists");
  } else {
    id = call.path["id"];
    HEARTH_RETURN_IF_ERROR(VendorMarket(api, id).status());
    HEARTH_RETURN_IF_ERROR(MayEdit(call.Actor(), id));
    if (body.contains("id") && body["id"] != id) return Status::InvalidArgument("id: does not match the path");
    body["id"] = id;
  }
  nlohmann::json doc = {{"format", "hearth-market"}, {"version", 1}, {"vendors", {body}}};
  HEARTH_ASSIGN_OR_RETURN(Market m, Import(api, {{std::string(kSource), doc.dump()}}));
  HEARTH_RETURN_IF_ERROR(api.store.UpsertMarket(Market{m.vendors, {}}));
  HEARTH_ASSIGN_OR_RETURN(Market one, VendorMarket(api, id));
  return Reply::Json(MarketJson(one)["vendors"][0], create ? 201 : 200);
}

Result<Reply> PutProduct(Api& api, Call& call) {
  const std::string vid = call.path["id"], pid = call.path["pid"];
  HEARTH_RETURN_IF_ERROR(VendorMarket(api, vid).status());
  HEARTH_RETURN_IF_ERROR(MayEdit(call.Actor(), vid));
  HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
  if (body.contains("vendor_id") && body["vendor_id"] != vid) {
    return Status::InvalidArgument("vendor_id: does not match the path");
  }
  if (body.contains("id") && body["id"] != pid) return Status::InvalidArgument("id: does not match the path");
  body["vendor_id"] = vid;
  body["id"] = pid;
  nlohmann::json doc = {{"format", "hearth-market"}, {"version", 1}, {"products", {body}}};
  HEARTH_ASSIGN_OR_RETURN(Market m, Import(api, {{std::string(kSource), doc.dump()}}));
  HEARTH_RETURN_IF_ERROR(api.store.UpsertMarket(m));
  return Reply::Json(MarketJson(m)["products"][0]);
}

Result<Reply> DeleteProduct(Api& api, Call& call) {
  const std::string vid = call.path["id"], pid = call.path["pid"];
  HEARTH_RETURN_IF_ERROR(VendorMarket(api, vid).status());
  HEARTH_RETURN_IF_ERROR(MayEdit(call.Actor(), vid));
  HEARTH_RETURN_IF_ERROR(api.store.DeleteProduct(vid, pid));
  return Reply::NoContent();
}

Result<Reply> ImportProducts(Api& api, Call& call) {
  const std::string vid = call.path["id"];
  HEARTH_RETURN_IF_ERROR(VendorMarket(api, vid).status());
  HEARTH_RETURN_IF_ERROR(MayEdit(call.Actor(), vid));
  const std::string type = call.request.get_header_value("Content-Type");
  MarketSource src{std::string(kSource), call.request.body};
  if (type.rfind("application/json", 0) == 0) {
    HEARTH_ASSIGN_OR_RETURN(nlohmann::json body, call.Body());
    if (!body.contains("format")) {
      body = {{"format", "hearth-market"}, {"version", 1}, {"products", body.value("products", nlohmann::json::array())}};
    }
    src.text = body.dump();
  } else if (type.rfind("text/csv", 0) != 0) {
    return Status::InvalidArgument("Content-Type: send text/csv (a products CSV) or application/json");
  } else {
    HEARTH_ASSIGN_OR_RETURN(MarketFileKind kind, DetectMarketFile(src));
    if (kind != MarketFileKind::kProductsCsv) {
      return Status::InvalidArgument("body: not a products CSV (its header needs a vendor_id column)");
    }
  }
  HEARTH_ASSIGN_OR_RETURN(Market m, Import(api, {src}));
  if (!m.vendors.empty()) return Status::InvalidArgument("body: import products only; vendors are edited with PUT");
  std::vector<std::string> wrong;
  for (const Product& p : m.products) {
    if (p.vendor_id != vid) wrong.push_back("product " + p.id + ": belongs to vendor \"" + p.vendor_id + "\", not " + vid);
  }
  if (!wrong.empty()) {
    std::string msg;
    for (const std::string& w : wrong) msg += (msg.empty() ? "" : "\n") + w;
    return Status::PermissionDenied(msg);
  }
  HEARTH_RETURN_IF_ERROR(api.store.UpsertMarket(m));
  HEARTH_RETURN_IF_ERROR(api.Log(call.Actor(), "products_imported", "vendor:" + vid,
                                 {{"products", m.products.size()}}));
  return Reply::Json({{"imported", m.products.size()}});
}

}  // namespace

Result<Market> MarketFromJson(Api& api, const nlohmann::json& vendors, const nlohmann::json& products,
                              std::string_view) {
  nlohmann::json doc = {{"format", "hearth-market"}, {"version", 1}, {"vendors", vendors}, {"products", products}};
  return Import(api, {{std::string(kSource), doc.dump()}});
}

void RegisterMarketRoutes(Router& router, Api& api) {
  using namespace schemas;
  router.Add("GET", "/vendors", Access::kSignedIn,
              RouteDoc("Market vendors with their product counts", "market").Returns(200, Obj({{"vendors", Arr(Vendor())}})),
              [&api](Call& c) { return Vendors(api, c); });
  router.Add("POST", "/vendors", Access::kSignedIn,
              RouteDoc("Create a vendor (admins)", "market").Body(Vendor()).Returns(201, Vendor()),
              [&api](Call& c) { return PutVendor(api, c, true); });
  router.Add("GET", "/vendors/{id}", Access::kSignedIn,
              RouteDoc("A vendor and its products", "market").Returns(200, AnyObj()),
              [&api](Call& c) { return VendorById(api, c); });
  router.Add("PUT", "/vendors/{id}", Access::kSignedIn,
              RouteDoc("Update your vendor (its account or an admin)", "market").Body(Vendor()).Returns(200, Vendor()),
              [&api](Call& c) { return PutVendor(api, c, false); });
  router.Add("GET", "/products", Access::kSignedIn,
              RouteDoc("Products of a food at every vendor", "market").Returns(200, Obj({{"products", Arr(AnyObj())}})).Query({{"food", "SR28 number"}}),
              [&api](Call& c) { return Products(api, c); });
  router.Add("PUT", "/vendors/{id}/products/{pid}", Access::kSignedIn,
              RouteDoc("Create or replace one of your products (docs/market-format.md fields)", "market").Body(AnyObj()).Returns(200, AnyObj()),
              [&api](Call& c) { return PutProduct(api, c); });
  router.Add("DELETE", "/vendors/{id}/products/{pid}", Access::kSignedIn,
              RouteDoc("Remove one of your products", "market").Returns(204),
              [&api](Call& c) { return DeleteProduct(api, c); });
  router.Add("POST", "/vendors/{id}/products/import", Access::kSignedIn,
              RouteDoc("Import your stock: a products CSV (text/csv) or JSON; all or nothing, errors per line", "market").Body({{"type", "string"}}, "text/csv").Returns(200, Obj({{"imported", Int()}})),
              [&api](Call& c) { return ImportProducts(api, c); });
}

}  // namespace hearth::server
