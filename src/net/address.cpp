#include "net/address.hpp"

namespace xtt::net {

namespace {
std::array<std::uint8_t, 16> to_bytes(const asio::ip::address& address) {
  if (address.is_v4()) {
    return asio::ip::make_address_v6(asio::ip::v4_mapped, address.to_v4()).to_bytes();
  }
  return address.to_v6().to_bytes();
}

asio::ip::address from_bytes(const std::array<std::uint8_t, 16>& ip) {
  const asio::ip::address_v6 v6(ip);
  if (v6.is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, v6);
  }
  return v6;
}
}  // namespace

record::PeerAddress to_peer(const asio::ip::tcp::endpoint& ep) {
  return record::PeerAddress{to_bytes(ep.address()), ep.port()};
}

record::PeerAddress to_peer(const asio::ip::udp::endpoint& ep) {
  return record::PeerAddress{to_bytes(ep.address()), ep.port()};
}

asio::ip::udp::endpoint to_udp_endpoint(const record::PeerAddress& peer) {
  return {from_bytes(peer.ip), peer.port};
}

std::optional<handshake::ClientAddress> to_client_address(const asio::ip::address& address) {
  return to_bytes(address);
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace xtt::net
