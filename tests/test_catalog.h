// The catalogue loaded once per test binary from the shipped data/.
#ifndef HEARTH_TESTS_TEST_CATALOG_H_
#define HEARTH_TESTS_TEST_CATALOG_H_

#include <gtest/gtest.h>

#include <cstdlib>

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

}  // namespace hearth

#endif  // HEARTH_TESTS_TEST_CATALOG_H_
