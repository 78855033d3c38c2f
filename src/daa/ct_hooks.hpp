#pragma once

#include <cstddef>

namespace xtt::daa {

// Signing handles secrets (the member key, the nonces l and k) and produces
// public values (R, S, T, W, E, K, L, c, s) from them. A constant-time test
// under Valgrind marks the secrets undefined; it installs this hook so the
// daa layer can mark each value public at the moment it becomes part of the
// output, before it is encoded or hashed (BoringSSL's CONSTTIME_DECLASSIFY).
// The default does nothing; production code never sets it.
using DeclassifyHook = void (*)(const void* data, std::size_t size);

// Installs (or, with nullptr, removes) the hook. Not for concurrent use with
// signing: set it once at the start of a test program.
void set_declassify_hook(DeclassifyHook hook);

namespace detail {

void declassify_bytes(const void* data, std::size_t size);

// Marks a trivially copyable value public.
template <typename T>
void declassify(const T& value) {
  declassify_bytes(&value, sizeof(T));
}

}  // namespace detail
}  // namespace xtt::daa
