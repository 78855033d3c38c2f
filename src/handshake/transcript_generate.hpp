#pragma once

#include <optional>
#include <string>
#include <vector>

#include "handshake/types.hpp"
#include "wire/constants.hpp"

// Writes our own deterministic handshake transcripts (tests/vectors/xtt) in
// the libxtt transcript format: every random draw per side in consumption
// order, the long-term inputs, the messages and what each side reported.
// The extra fields (handshake, now, payload, long_term client_id and
// longterm_secret, results session_id) are described in docs/protocol.md.
namespace xtt::handshake {

struct TranscriptSpec {
  std::string name;  // file stem, also the seed of every draw
  wire::SuiteSpec suite = wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  bool session = false;                  // 0x21/0x22/0x25, else 0x11/0x12/0x15
  std::optional<ClientPayload> payload;  // 0x12/0x22, or one-shot 0x15/0x25
  bool request_id = false;               // identity: ask for a ClientID
};

// The transcripts committed under tests/vectors/xtt.
std::vector<TranscriptSpec> default_transcript_specs();

// Runs both engines on draws from a seeded source and returns the JSON text.
Result<std::string> generate_transcript(const TranscriptSpec& spec);

}  // namespace xtt::handshake
