#pragma once

#include "base/secret.hpp"
#include "wire/constants.hpp"
#include "wire/types.hpp"

namespace xtt::record {

// What a finished handshake hands to the record layer (§6.1): the session's
// identifier and both directions' keys. The client seals with the client
// key/iv and opens with the server ones; the server does the reverse.
struct SessionKeys {
  wire::SuiteSpec suite = wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  wire::SessionId session_id;
  SecretBytes<32> client_key;
  SecretBytes<12> client_iv;
  SecretBytes<32> server_key;
  SecretBytes<12> server_iv;

  SessionKeys clone() const {
    SessionKeys out;
    out.suite = suite;
    out.session_id = session_id;
    out.client_key = client_key.clone();
    out.client_iv = client_iv.clone();
    out.server_key = server_key.clone();
    out.server_iv = server_iv.clone();
    return out;
  }
};

enum class Role : std::uint8_t { kClient, kServer };

}  // namespace xtt::record
