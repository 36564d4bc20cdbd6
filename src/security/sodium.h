// libsodium initialisation for the security library.
//
// Thread safety: EnsureSodium() may be called from any thread; the first call
// initialises libsodium exactly once.
#ifndef HEARTH_SECURITY_SODIUM_H_
#define HEARTH_SECURITY_SODIUM_H_

namespace hearth::security {

// Initialises libsodium once; aborts when it cannot (no usable random source),
// since no password or token may be made without one.
void EnsureSodium();

}  // namespace hearth::security

#endif  // HEARTH_SECURITY_SODIUM_H_
