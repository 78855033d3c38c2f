#pragma once

#include "base/random.hpp"

namespace xtt::crypto {

// The OS CSPRNG (OpenSSL's RAND_bytes, seeded from getrandom). Safe to use
// from several threads; lives for the whole process.
Random& system_random();

}  // namespace xtt::crypto
