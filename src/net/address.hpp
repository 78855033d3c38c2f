#pragma once

#include <asio.hpp>
#include <chrono>
#include <optional>

#include "handshake/server_cookie.hpp"
#include "record/peer_path.hpp"

namespace xtt::net {

// Conversions between Asio endpoints and the core's opaque addresses (IPv4 in
// v4-mapped form), and the wall clock the core takes as a parameter.
record::PeerAddress to_peer(const asio::ip::tcp::endpoint& ep);
record::PeerAddress to_peer(const asio::ip::udp::endpoint& ep);
asio::ip::udp::endpoint to_udp_endpoint(const record::PeerAddress& peer);
std::optional<handshake::ClientAddress> to_client_address(const asio::ip::address& address);
std::int64_t unix_now();

}  // namespace xtt::net
