// The cookie-sync parsers (handshake/cookie_sync): frame_length, and both
// sides of a transfer fed hostile messages. The first input byte picks the
// side; the rest is split into frames as a driver would read them. Without the
// domain key nothing may be accepted past the AEAD, so an accepted Secrets or
// Ack message is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "base/bytes.hpp"
#include "handshake/cookie_sync.hpp"
#include "handshake/recording_random.hpp"

namespace {

using namespace xtt::handshake::cookie_sync;

// The next frame of in, as a driver reads it: its header decides its length.
std::optional<xtt::ByteSpan> next_frame(xtt::ByteSpan& in) {
  const auto len = frame_length(in);
  if (!len) {
    return std::nullopt;
  }
  if (*len < kHeaderSize || *len > kMaxMessageSize) {
    std::abort();
  }
  if (*len > in.size()) {
    return std::nullopt;
  }
  const xtt::ByteSpan frame = in.first(*len);
  in = in.subspan(*len);
  return frame;
}

DomainKey fuzz_key() {
  std::array<std::uint8_t, kDomainKeySize> k{};
  k.fill(0x5a);
  return DomainKey(k);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::uint8_t mode = data[0] % 3;
  xtt::ByteSpan in(data + 1, size - 1);
  xtt::handshake::SeededRandom rng("cookie sync fuzz");
  const DomainKey key = fuzz_key();
  if (mode == 0) {
    (void)next_frame(in);
    return 0;
  }
  const auto first = next_frame(in);
  if (!first) {
    return 0;
  }
  const auto second = next_frame(in);
  if (mode == 1) {
    auto receiver = Receiver::create(key, rng);
    if (!receiver || !receiver->on_hello(*first) || !second) {
      return 0;
    }
    if (receiver->on_secrets(*second)) {
      std::abort();  // a Secrets message accepted without the domain key
    }
    return 0;
  }
  std::vector<xtt::handshake::CookieEpochKey> secrets(1);
  auto pusher = Pusher::create(key, rng, std::move(secrets));
  if (!pusher || !pusher->on_reply(*first) || !second) {
    return 0;
  }
  if (pusher->on_ack(*second)) {
    std::abort();  // an Ack accepted without the domain key
  }
  return 0;
}
