// ServerHandshake fed arbitrary client messages, stateful or stateless, with
// every pause answered from the transcript. It must never crash, and a
// failure must be terminal with at most the 4-byte Error message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "fuzz_support.hpp"
#include "fuzz_transcripts.hpp"
#include "handshake/recording_random.hpp"
#include "handshake/transcript_replay.hpp"

// Fixed keys come from the project's deterministic transcripts (regenerated in
// memory, so no file is read). Input: byte 0 picks a transcript and options,
// then messages as [be16 length][bytes] chunks.
namespace {
using namespace xtt;

using fuzz::split_messages;
using fuzz::transcripts;

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
    fuzz::check_step(server, before, parties->drive(server.receive(msg, parties->now)));
  }
  fuzz::check_end<ServerState>(server);
  return 0;
}
