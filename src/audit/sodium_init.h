// libsodium's one-time initialisation, shared by the audit sources that hash or
// sign. Thread safety: EnsureSodium may be called from any thread; the first
// call initialises the library once for the process.
#ifndef HEARTH_AUDIT_SODIUM_INIT_H_
#define HEARTH_AUDIT_SODIUM_INIT_H_

#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace hearth::audit {

// Initialises libsodium on the first call; aborts if it cannot (no usable
// random source), since nothing can be hashed or signed without it.
inline void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();
  });
}

}  // namespace hearth::audit

#endif  // HEARTH_AUDIT_SODIUM_INIT_H_
