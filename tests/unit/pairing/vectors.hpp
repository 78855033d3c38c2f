#pragma once

#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/json.hpp"
#include "test_support.hpp"

namespace xtt::pairing::test {

// The parts of tests/vectors/ecdaa/*.json that hold curve points and the
// secrets that made them.
struct EcdaaKeys {
  Bytes issuer_secret;                  // x || y
  Bytes group_public;                   // X || Y (G2)
  Bytes member_secret;                  // sk
  Bytes member_public;                  // Q (G1) || c || s || n
  Bytes credential;                     // A || B || C || D (G1)
  std::vector<Bytes> valid_signatures;  // 421 bytes each
};

inline std::vector<EcdaaKeys> load_ecdaa_keys() {
  std::vector<EcdaaKeys> out;
  for (const char* name : {"ecdaa_FP256BN_set1.json", "ecdaa_FP256BN_set2.json"}) {
    const json::Value doc = xtt::test::load_json(xtt::test::vectors_dir() / "ecdaa" / name);
    const json::Value* keys = doc.find("keys");
    if (keys == nullptr) {
      continue;
    }
    EcdaaKeys k;
    k.issuer_secret = keys->hex("issuer_secret_key").value();
    k.group_public = keys->hex("group_public_key").value();
    k.member_secret = keys->hex("member_secret_key").value();
    k.member_public = keys->hex("member_public_key").value();
    k.credential = keys->hex("credential").value();
    for (const json::Value& sig : *doc.array("signatures").value()) {
      if (sig.str("case").value() == "valid") {
        Bytes s = sig.hex("signature").value();
        if (s.size() == 421) {
          k.valid_signatures.push_back(std::move(s));
        }
      }
    }
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace xtt::pairing::test
