// ClientHandshake fed arbitrary server messages after a real ClientInit. It
// must never crash, and its state must stay coherent: a failure is terminal
// with at most the 4-byte Error message, and nothing is accepted afterwards.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <vector>

#include "fuzz_support.hpp"
#include "fuzz_transcripts.hpp"
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
  using handshake::ClientState;
  if (size < 1) {
    return 0;
  }
  const auto& docs = transcripts();
  auto parties = handshake::load_parties(docs[data[0] % docs.size()]);
  if (!parties) {
    std::abort();
  }
  auto& client = *parties->client;
  if (!client.start()) {
    std::abort();
  }
  for (ByteSpan msg : split_messages(ByteSpan(data + 1, size - 1))) {
    const ClientState before = client.state();
    fuzz::check_step(client, before, client.receive(msg, parties->now));
  }
  fuzz::check_end<ClientState>(client);
  return 0;
}
