#include "record/peer_path.hpp"

#include <limits>

namespace xtt::record {

PeerAddress PeerAddress::v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d,
                            std::uint16_t port) {
  PeerAddress out;
  out.ip[10] = 0xff;
  out.ip[11] = 0xff;
  out.ip[12] = a;
  out.ip[13] = b;
  out.ip[14] = c;
  out.ip[15] = d;
  out.port = port;
  return out;
}

PeerAddress PeerAddress::v6(const std::array<std::uint8_t, 16>& ip, std::uint16_t port) {
  PeerAddress out;
  out.ip = ip;
  out.port = port;
  return out;
}

bool PeerPath::on_authenticated(const PeerAddress& from, std::size_t record_bytes, bool may_move) {
  if (address_ && *address_ == from) {
    if (!validated_) {
      // The second authenticated record from this address: it is reachable
      // and really sending, so the budget no longer applies.
      received_ += record_bytes;
      validated_ = true;
    }
    return false;
  }
  if (!may_move) {
    return false;
  }
  address_ = from;
  validated_ = false;
  received_ = record_bytes;
  sent_ = 0;
  return true;
}

bool PeerPath::may_send(std::size_t bytes) const { return bytes <= send_budget(); }

void PeerPath::on_sent(std::size_t bytes) {
  if (!validated_) {
    sent_ += bytes;
  }
}

std::uint64_t PeerPath::send_budget() const {
  if (validated_) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  const std::uint64_t allowed = kAmplificationFactor * received_;
  return sent_ >= allowed ? 0 : allowed - sent_;
}

}  // namespace xtt::record
