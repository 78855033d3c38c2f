#include "net/udp_handshakes.hpp"

#include <algorithm>
#include <cstring>

#include "crypto/random.hpp"
#include "net/address.hpp"
#include "wire/constants.hpp"

namespace xtt::net {

bool is_client_handshake_type(std::uint8_t type) {
  switch (static_cast<wire::MsgType>(type)) {
    case wire::MsgType::kClientInit:
    case wire::MsgType::kIdentityClientAttest:
    case wire::MsgType::kIdentityClientAttestPayload:
    case wire::MsgType::kIdentityClientAttestPayloadNoResponse:
    case wire::MsgType::kSessionClientAttestNoPayload:
    case wire::MsgType::kSessionClientAttestPayload:
    case wire::MsgType::kSessionClientAttestPayloadNoResponse:
    case wire::MsgType::kError:
      return true;
    default:
      return false;
  }
}

UdpHandshakes::UdpHandshakes(ServerApp& app, RateLimiter& limiter, Options options)
    : app_(app), limiter_(limiter), options_(options) {}

UdpHandshakes::Key UdpHandshakes::key_of(const record::PeerAddress& peer) {
  Key key{};
  std::memcpy(key.data(), peer.ip.data(), 16);
  key[16] = static_cast<std::uint8_t>(peer.port >> 8);
  key[17] = static_cast<std::uint8_t>(peer.port);
  return key;
}

UdpHandshakes::Source UdpHandshakes::source_of(const Key& key) {
  Source source{};
  std::memcpy(source.data(), key.data(), 16);
  return source;
}

std::size_t UdpHandshakes::size() const {
  std::lock_guard lock(mu_);
  return contexts_.size();
}

void UdpHandshakes::release_live_locked(const Key& key) {
  --live_;
  if (auto s = per_source_.find(source_of(key)); s != per_source_.end() && --s->second == 0) {
    per_source_.erase(s);
  }
}

void UdpHandshakes::erase_locked(std::map<Key, std::shared_ptr<Context>>::iterator it) {
  if (!it->second->finished()) {
    release_live_locked(it->first);
  }
  contexts_.erase(it);
  app_.metrics().udp_handshake_contexts = static_cast<std::int64_t>(contexts_.size());
}

void UdpHandshakes::finish_locked(const Key& key, Context& ctx) {
  ctx.engine.reset();  // its keys are wiped with it; only the reply stays
  release_live_locked(key);
  finished_order_.emplace_back(key, ctx.serial);
  while (finished_order_.size() > options_.max_finished) {
    const auto [old_key, serial] = finished_order_.front();
    finished_order_.pop_front();
    // The entry may be gone already, or the key reused by a newer context.
    if (auto it = contexts_.find(old_key); it != contexts_.end() && it->second->serial == serial) {
      erase_locked(it);
    }
  }
}

std::shared_ptr<UdpHandshakes::Context> UdpHandshakes::admit(
    const record::PeerAddress& from, bool charge_rate, std::chrono::steady_clock::time_point now) {
  // Cheapest first (§6.8): table caps, then the token buckets, and only then
  // an engine.
  if (live_ >= options_.max_contexts) {
    app_.metrics().count_rejected("too-many-handshakes");
    return nullptr;
  }
  const auto per_source = per_source_.find(from.ip);
  if (per_source != per_source_.end() && per_source->second >= options_.max_contexts_per_source) {
    app_.metrics().count_rejected("too-many-handshakes-per-source");
    return nullptr;
  }
  if (charge_rate && !limiter_.allow(from.ip, now)) {
    app_.metrics().count_rejected("rate-limited");
    return nullptr;
  }
  ++live_;
  ++per_source_[from.ip];
  auto ctx = std::make_shared<Context>();
  ctx->serial = next_serial_++;
  ctx->engine.emplace(app_.config(), crypto::system_random(), from.ip);
  ctx->last_seen = now;
  contexts_.emplace(key_of(from), ctx);
  app_.metrics().udp_handshake_contexts = static_cast<std::int64_t>(contexts_.size());
  return ctx;
}

Bytes UdpHandshakes::on_datagram(ByteSpan datagram, const record::PeerAddress& from,
                                 std::chrono::steady_clock::time_point now) {
  if (datagram.empty() || !is_client_handshake_type(datagram[0])) {
    app_.metrics().count_rejected("udp-unexpected-type");
    return {};
  }
  const auto type = static_cast<wire::MsgType>(datagram[0]);
  std::shared_ptr<Context> ctx;
  {
    std::lock_guard lock(mu_);
    auto it = contexts_.find(key_of(from));
    if (it != contexts_.end()) {
      Context& c = *it->second;
      if (c.busy) {
        return {};  // a copy of the message being processed; its reply is coming
      }
      if (std::equal(datagram.begin(), datagram.end(), c.last_in.begin(), c.last_in.end())) {
        c.last_seen = now;
        app_.metrics().udp_retransmissions++;
        return c.last_out;
      }
      if (type == wire::MsgType::kClientInit) {
        erase_locked(it);  // the client starts over (§5); the old context goes
      } else if (c.finished()) {
        app_.metrics().count_rejected("udp-after-finish");
        return {};
      } else {
        ctx = it->second;
      }
    }
    if (!ctx) {
      const bool stateless = app_.config()->cookie_mode == handshake::CookieMode::kStateless;
      if (type == wire::MsgType::kClientInit) {
        // Each ClientInit costs a signature and 417 bytes back to an address
        // UDP cannot prove: the §6.8 buckets are charged here.
        ctx = admit(from, /*charge_rate=*/true, now);
      } else if (stateless && type != wire::MsgType::kError) {
        // A message 3 whose ClientInit another node (or another source port)
        // answered: the cookie carries the state.
        ctx = admit(from, /*charge_rate=*/false, now);
      } else {
        app_.metrics().count_rejected("udp-no-context");
      }
      if (!ctx) {
        return {};
      }
    }
    ctx->busy = true;
  }
  // The engine work (signatures, pairings, the store commit) runs unlocked;
  // `busy` keeps every other datagram for this context away.
  HandshakeStep step =
      app_.on_message(*ctx->engine, datagram, unix_now(), std::optional<record::PeerAddress>(from));
  std::lock_guard lock(mu_);
  ctx->busy = false;
  ctx->last_in.assign(datagram.begin(), datagram.end());
  ctx->last_out = step.send;
  ctx->last_seen = now;
  if (step.finished) {
    // Unless a new ClientInit from this port replaced it meanwhile, the
    // context is still in the table: keep only what answers a copy.
    const Key key = key_of(from);
    if (auto it = contexts_.find(key); it != contexts_.end() && it->second == ctx) {
      finish_locked(key, *ctx);
    }
  }
  return std::move(step.send);
}

void UdpHandshakes::expire(std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mu_);
  for (auto it = contexts_.begin(); it != contexts_.end();) {
    auto next = std::next(it);
    if (!it->second->busy && now - it->second->last_seen > options_.timeout) {
      erase_locked(it);
    }
    it = next;
  }
}

}  // namespace xtt::net
