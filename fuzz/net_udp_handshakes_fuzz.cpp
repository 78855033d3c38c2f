// UdpHandshakes (the UDP driver's context table) fed datagrams from a few
// sources: it must never crash or grow without bound, and it may only ever
// answer with a server handshake message or the 4-byte Error message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "deployment.hpp"
#include "handshake/recording_random.hpp"
#include "net/udp_handshakes.hpp"
#include "store/store.hpp"

// Input: chunks of [source (1)][be16 length][bytes]; the source's low bits
// pick one of four ports on one of two addresses. Time advances 1 s per chunk
// so contexts also expire.
namespace {
using namespace xtt;

struct World {
  net::Metrics metrics;
  std::unique_ptr<net::ServerApp> app;
  std::unique_ptr<net::RateLimiter> limiter;

  World() {
    handshake::SeededRandom rng("udp handshakes fuzz");
    const auto root = tools::make_root(rng);
    const auto group = tools::make_group("fuzz-group", rng);
    if (!root || !group) {
      std::abort();
    }
    auto config = tools::make_server_config(*root, rng, 1700000000, 30);
    auto store = store::open_store("memory:");
    if (!config || !store ||
        !(*store)->put_group(tools::group_record(*group, 1700000000, "fuzz"))) {
      std::abort();
    }
    app =
        std::make_unique<net::ServerApp>(*config, std::shared_ptr<store::Store>(std::move(*store)),
                                         metrics, net::RateLimiter::Options::unlimited());
    limiter = std::make_unique<net::RateLimiter>(net::RateLimiter::Options::unlimited());
  }
};

bool allowed_reply(const Bytes& reply) {
  if (reply.empty()) {
    return true;
  }
  switch (reply[0]) {
    case 0x02:
    case 0x13:
    case 0x23:
      return true;
    case 0x41:
      return reply == Bytes{0x41, 0x00, 0x04, 0x01};
    default:
      return false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  net::UdpHandshakes::Options options;
  options.timeout = std::chrono::seconds(3);
  options.max_contexts = 4;
  options.max_contexts_per_source = 2;
  options.max_finished = 3;
  net::UdpHandshakes table(*world.app, *world.limiter, options);
  auto now = std::chrono::steady_clock::time_point{};
  ByteSpan in(data, size);
  for (int i = 0; i < 16 && in.size() >= 3; ++i) {
    const std::uint8_t source = in[0];
    const std::size_t n = std::min<std::size_t>(load_be16(in.data() + 1), in.size() - 3);
    const ByteSpan datagram = in.subspan(3, n);
    in = in.subspan(3 + n);
    const auto from =
        record::PeerAddress::v4(127, 0, 0, static_cast<std::uint8_t>(1 + (source >> 2 & 1)),
                                static_cast<std::uint16_t>(4000 + (source & 3)));
    if (!allowed_reply(table.on_datagram(datagram, from, now))) {
      std::abort();
    }
    // Live contexts are capped; finished ones are kept up to max_finished.
    if (table.size() > options.max_contexts + options.max_finished) {
      std::abort();
    }
    now += std::chrono::seconds(1);
    table.expire(now);
  }
  return 0;
}
