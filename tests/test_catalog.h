// The catalogue loaded once per test binary from the shipped data/, and the
// example profiles.
#ifndef HEARTH_TESTS_TEST_CATALOG_H_
#define HEARTH_TESTS_TEST_CATALOG_H_

#include <gtest/gtest.h>

#include <cstdlib>

#include <string>

#include "hearth/json/profile_json.h"
#include "hearth/service/catalog.h"

namespace hearth {

inline const Catalog& TestCatalog() {
  static const Catalog* c = [] {
    auto r = Catalog::Load(HEARTH_TEST_DATA_DIR);
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      std::abort();
    }
    return std::move(r).value().release();
  }();
  return *c;
}

// An example profile from examples/profiles/ (aborts the test binary if it
// does not load).
inline Profile ExampleProfile(const std::string& file) {
  Result<Profile> p = ReadProfileFile(std::string(HEARTH_TEST_DATA_DIR) + "/../examples/profiles/" + file);
  if (!p.ok()) {
    ADD_FAILURE() << p.status().ToString();
    std::abort();
  }
  return *p;
}

}  // namespace hearth

#endif  // HEARTH_TESTS_TEST_CATALOG_H_
