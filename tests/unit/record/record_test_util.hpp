#pragma once

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "record/session.hpp"
#include "record/traffic_key.hpp"

namespace xtt::record::test_util {

inline constexpr UnixTime kT0 = 1'700'000'000;

// Deterministic keys: every byte derived from `seed`, so two sessions built
// with the same seed talk to each other and different seeds do not.
inline SessionKeys make_keys(wire::SuiteSpec suite, std::uint8_t seed = 1) {
  SessionKeys k;
  k.suite = suite;
  for (std::size_t i = 0; i < 16; ++i) {
    k.session_id.bytes[i] = static_cast<std::uint8_t>(seed * 16 + i);
  }
  for (std::size_t i = 0; i < 32; ++i) {
    k.client_key.data()[i] = static_cast<std::uint8_t>(seed + 3 * i);
    k.server_key.data()[i] = static_cast<std::uint8_t>(seed + 5 * i + 1);
  }
  for (std::size_t i = 0; i < 12; ++i) {
    k.client_iv.data()[i] = static_cast<std::uint8_t>(seed ^ (7 * i));
    k.server_iv.data()[i] = static_cast<std::uint8_t>(seed ^ (11 * i + 1));
  }
  return k;
}

inline Session make_session(Role role, const SessionKeys& keys, const SessionOptions& options = {},
                            UnixTime created = kT0) {
  auto s = Session::create(role, keys, created, options);
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().to_string());
  return std::move(s).value();
}

// A client and a server session of one handshake.
struct Pair {
  Session client;
  Session server;
};

inline SessionOptions confirmed_options() {
  SessionOptions o;
  o.confirmed = true;
  return o;
}

inline Pair make_pair(wire::SuiteSpec suite,
                      const SessionOptions& server_options = confirmed_options(),
                      std::uint8_t seed = 1) {
  const SessionKeys keys = make_keys(suite, seed);
  return Pair{make_session(Role::kClient, keys), make_session(Role::kServer, keys, server_options)};
}

inline Bytes seal(Session& s, ByteSpan payload, UnixTime now = kT0,
                  std::uint8_t type = static_cast<std::uint8_t>(wire::PayloadType::kIpv6)) {
  Bytes out(kRecordOverhead + payload.size());
  auto n = s.seal(type, payload, out, now);
  EXPECT_TRUE(n.has_value()) << (n ? "" : n.error().to_string());
  if (!n) {
    return {};
  }
  out.resize(*n);
  return out;
}

inline Bytes text(const char* s) { return Bytes(s, s + std::char_traits<char>::length(s)); }

inline Bytes to_bytes(ByteSpan s) { return Bytes(s.begin(), s.end()); }

}  // namespace xtt::record::test_util
