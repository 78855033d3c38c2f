#pragma once

#include <cstdint>
#include <span>

#include "base/random.hpp"
#include "crypto/hash.hpp"
#include "daa/credential.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"

namespace xtt::daa::test {

// Deterministic randomness for tests: SHA-256(seed || counter) blocks.
class CounterRandom final : public Random {
 public:
  explicit CounterRandom(std::uint64_t seed) : seed_(seed) {}
  Status fill(std::span<std::uint8_t> out) override {
    std::size_t done = 0;
    while (done < out.size()) {
      std::array<std::uint8_t, 16> block{};
      for (int i = 0; i < 8; ++i) {
        block[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(seed_ >> (8 * i));
        block[static_cast<std::size_t>(8 + i)] = static_cast<std::uint8_t>(counter_ >> (8 * i));
      }
      ++counter_;
      const auto d = crypto::sha256(block);
      for (std::size_t i = 0; i < d.size() && done < out.size(); ++i) {
        out[done++] = d[i];
      }
    }
    return ok();
  }

 private:
  std::uint64_t seed_;
  std::uint64_t counter_ = 0;
};

// A whole group with one member, made from a seed.
struct Group {
  IssuerKeyPair issuer;
  Bytes join_nonce;
  MemberKeyPair member;
  IssuedCredential credential;
};

inline Group make_group(std::uint64_t seed) {
  CounterRandom rng(seed);
  IssuerKeyPair issuer = issuer_keygen(rng).value();
  Bytes nonce(32);
  (void)rng.fill(nonce);
  MemberKeyPair member = member_keygen(nonce, rng).value();
  IssuedCredential cred =
      issue_credential(issuer.secret, member.public_key, ByteSpan(nonce), rng).value();
  return Group{std::move(issuer), std::move(nonce), std::move(member), std::move(cred)};
}

// The same group for every test in a binary (key generation is slow in debug
// builds).
inline const Group& shared_group() {
  static const Group kGroup = make_group(1);
  return kGroup;
}

inline const GroupPublicKey& shared_gpk() {
  return shared_group().issuer.public_key.group_public_key();
}

}  // namespace xtt::daa::test
