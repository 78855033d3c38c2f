#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.hpp"

// Runs every case of an ecdaa vector file (the format of
// tests/vectors/ecdaa/ecdaa_FP256BN_set*.json, described in its README)
// against this implementation. Used by the unit tests and by
// `xtt daa check-vectors`, which only reads files and prints.
namespace xtt::daa {

struct VectorReport {
  std::size_t passed = 0;
  std::size_t failed = 0;
  // One line per failed case: "<label>: <case>: <what differed>".
  std::vector<std::string> failures;

  void merge(const VectorReport& other);
};

// Cases: each key decodes (and its proof verifies) as deserialize_checks
// says; the keys, credential and credential signature are reproduced byte for
// byte from the recorded random_draws; and for every signature, decoding
// matches deserialize_result, verification matches verify_result and
// expected_valid, and each valid signature is re-signed from its
// rand_draw_indices byte for byte. A malformed file or case is a failure.
VectorReport check_ecdaa_vectors(const json::Value& root, std::string_view label);
// Parses `text` first; a JSON error is one failed case.
VectorReport check_ecdaa_vectors_text(std::string_view text, std::string_view label);

}  // namespace xtt::daa
