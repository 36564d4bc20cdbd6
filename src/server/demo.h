// `hearth serve --demo`: demo accounts, a household, a nutritionist with
// consent, the demo market (data/market/demo) with a vendor account, and the
// demo pantry (data/demo/pantry.csv). Passwords are random, made at each
// start and printed: a demo instance never has known credentials.
#ifndef HEARTH_SERVER_DEMO_H_
#define HEARTH_SERVER_DEMO_H_

#include <string>

#include "hearth/result.h"

namespace hearth::server {

struct Api;

// Seeds what is missing and (re)sets the demo accounts' passwords. Returns
// the text to print: one line per account (email, role, password).
Result<std::string> SeedDemo(Api& api);

}  // namespace hearth::server

#endif  // HEARTH_SERVER_DEMO_H_
