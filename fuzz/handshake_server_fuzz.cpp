// ServerHandshake fed arbitrary client messages, stateful or stateless, with
// every pause answered from the transcript. It must never crash, and a
// failure must be terminal with at most the 4-byte Error message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include <vector>
#include "handshake/recording_random.hpp"

#include "base/json.hpp"
#include "handshake/transcript_generate.hpp"
#include "handshake/transcript_replay.hpp"

// Fixed keys come from the project's deterministic transcripts (regenerated in
// memory, so no file is read). Input: byte 0 picks a transcript and options,
// then messages as [be16 length][bytes] chunks.
namespace {
using namespace xtt;

const std::vector<json::Value>& transcripts() {
  static const std::vector<json::Value> docs = [] {
    std::vector<json::Value> out;
    for (const auto& spec : handshake::default_transcript_specs()) {
      auto text = handshake::generate_transcript(spec);
      if (!text) {
        std::abort();
      }
      auto doc = json::parse(*text);
      if (!doc) {
        std::abort();
      }
      out.push_back(std::move(doc).value());
    }
    return out;
  }();
  return docs;
}

std::vector<ByteSpan> split_messages(ByteSpan in) {
  std::vector<ByteSpan> out;
  while (in.size() >= 2 && out.size() < 8) {
    const std::size_t n = std::min<std::size_t>(load_be16(in.data()), in.size() - 2);
    out.push_back(in.subspan(2, n));
    in = in.subspan(2 + n);
  }
  return out;
}

// The Error message an engine may hand out: nothing, or exactly 41 0004 01.
void check_error_message(const std::optional<Bytes>& msg) {
  if (msg && *msg != Bytes{0x41, 0x00, 0x04, 0x01}) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace xtt;
  using handshake::ServerState;
  if (size < 1) {
    return 0;
  }
  static handshake::SeededRandom keyring_rng("fuzz keyring");
  static auto keyring = std::make_shared<handshake::CookieKeyring>(keyring_rng);
  static auto cache = std::make_shared<handshake::MemoryReplayCache>(4096);
  const bool stateless = (data[0] & 0x80) != 0;
  const auto& docs = transcripts();
  auto parties = handshake::load_parties(docs[(data[0] & 0x7f) % docs.size()],
                                         [&](handshake::ServerConfig& c) {
                                           if (stateless) {
                                             c.cookie_mode = handshake::CookieMode::kStateless;
                                             c.keyring = keyring;
                                             c.replay_cache = cache;
                                             c.bind_client_address = (data[0] & 0x40) != 0;
                                           }
                                         });
  if (!parties) {
    std::abort();
  }
  auto& server = *parties->server;
  for (ByteSpan msg : split_messages(ByteSpan(data + 1, size - 1))) {
    const ServerState before = server.state();
    auto r = parties->drive(server.receive(msg, parties->now));
    if (r) {
      if (server.state() == ServerState::kFailed || server.error_message()) {
        std::abort();
      }
      continue;
    }
    // Done and Failed are terminal: input there is kBadState and changes
    // nothing; any other failure ends in Failed.
    const bool terminal = before == ServerState::kDone || before == ServerState::kFailed;
    if ((terminal && (r.error().code != ErrorCode::kBadState || server.state() != before)) ||
        (!terminal && server.state() != ServerState::kFailed)) {
      std::abort();
    }
    check_error_message(server.error_message());
  }
  if (server.state() == ServerState::kDone && server.result() == nullptr) {
    std::abort();
  }
  return 0;
}
