#include "security/sodium.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace hearth::security {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      std::fputs("hearth: libsodium could not be initialised\n", stderr);
      std::abort();
    }
  });
}

}  // namespace hearth::security
