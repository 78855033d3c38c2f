#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.hpp"

// Replays a handshake transcript (the libxtt format of tests/vectors/libxtt,
// README in shared/vectors/libxtt; our own session and payload transcripts
// in tests/vectors/xtt add the fields listed in docs/protocol.md) through
// BOTH engines: the client fed the client's draws must produce every client
// message byte for byte and accept the server's; the server fed the
// server's draws and the recorded ClientID decision must produce every
// server message byte for byte and accept the client's. Used by the unit
// tests and by `xtt vectors check`, which only reads files and prints.
namespace xtt::handshake {

struct ReplayReport {
  std::size_t passed = 0;
  std::size_t failed = 0;
  // One line per failed transcript side: "<label>: <side>: <reason>".
  std::vector<std::string> failures;

  void merge(const ReplayReport& other);
};

// Counts the client side and the server side as one transcript: it passes
// only if both do.
ReplayReport replay_transcript(const json::Value& doc, std::string_view label);
// Parses text first; a JSON error is a failed transcript.
ReplayReport replay_transcript_text(std::string_view text, std::string_view label);

}  // namespace xtt::handshake
