#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.hpp"
#include "base/random.hpp"
#include "handshake/client_engine.hpp"
#include "handshake/server_engine.hpp"

// Replays a handshake transcript (the libxtt format of tests/vectors/libxtt,
// README in shared/vectors/libxtt; our own session and payload transcripts
// in tests/vectors/xtt add the fields listed in docs/protocol.md) through
// BOTH engines: the client fed the client's draws must produce every client
// message byte for byte and accept the server's; the server fed the
// server's draws and the recorded ClientID decision must produce every
// server message byte for byte and accept the client's. Used by the unit
// tests and by `xtt vectors check`, which only reads files and prints.
namespace xtt::handshake {

// What a transcript describes, set up to run: both engines fed the recorded
// draws (after the last one, a draw fails with a typed Error), and what the
// application answers to the server's pauses. For fuzzers and tests.
struct TranscriptParties {
  std::unique_ptr<ReplayRandom> client_rng;
  std::unique_ptr<ReplayRandom> server_rng;
  std::optional<ClientHandshake> client;
  std::optional<ServerHandshake> server;
  GroupInfo group;
  std::optional<ClientRecord> record;  // session transcripts
  wire::ClientId assigned_id;          // identity transcripts
  std::uint64_t now = 0;
  std::vector<Bytes> messages;

  // Answers the server's pauses from the fields above until it needs a
  // message or stops.
  Result<ServerOutput> drive(Result<ServerOutput> out);
};
// adjust may change the server's configuration (e.g. stateless mode).
Result<TranscriptParties> load_parties(const json::Value& doc,
                                       const std::function<void(ServerConfig&)>& adjust = {});

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
