// Reads the shipped DRI tables (data/dri/, see data/SOURCES.md).
#ifndef HEARTH_IMPORTER_DRI_H_
#define HEARTH_IMPORTER_DRI_H_

#include <string>

#include "hearth/core/dri.h"
#include "hearth/result.h"

namespace hearth {

// Loads dri_values_long.csv (minus its 2005 sodium and potassium rows, which
// the 2019 update supersedes), sodium_potassium_2019.csv, amdr.csv and
// energy_equations.csv from `dir`. A malformed row fails the load with
// "FILE line N: column C: problem".
Result<DriTables> LoadDriTables(const std::string& dir);

}  // namespace hearth

#endif  // HEARTH_IMPORTER_DRI_H_
