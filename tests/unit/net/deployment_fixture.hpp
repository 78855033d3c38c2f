#pragma once

#include <gtest/gtest.h>

#include "test_support.hpp"

#include <asio.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "deployment.hpp"
#include "handshake/client_engine.hpp"
#include "handshake/server_cookie.hpp"
#include "net/server.hpp"
#include "store/store.hpp"

// A small deployment on loopback, built the way `xtt demo` builds one: a
// root, a server certificate, a DAA group with one member, a memory store
// and a running server.
namespace xtt::net::test {

struct Deployment {
  tools::RootMaterial root;
  tools::GroupMaterial group;
  tools::MemberMaterial member;
  handshake::TrustedRoot trusted;
  std::shared_ptr<handshake::ServerConfig> config;
  std::shared_ptr<store::Store> store;
  std::unique_ptr<Server> server;

  // Options default to no rate limits (every client here is 127.0.0.1).
  static std::unique_ptr<Deployment> start(
      handshake::CookieMode mode = handshake::CookieMode::kStateful,
      const std::function<void(ServerOptions&)>& adjust = {});

  handshake::ClientHandshake identity_engine(
      wire::SuiteSpec suite = wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512) const;
  handshake::ClientHandshake session_engine(const handshake::ClientResult& identity) const;
  std::size_t identities() const;
};

// A UDP relay between a client and the server that can drop datagrams: it
// forwards what arrives on port() to the server, and the server's answers to
// the last client that sent. `drop(to_server, datagram)` decides per datagram.
class LossyRelay {
 public:
  using DropRule = std::function<bool(bool to_server, ByteSpan datagram)>;
  LossyRelay(std::uint16_t server_port, DropRule drop);
  ~LossyRelay();
  std::uint16_t port() const;
  // Every datagram seen, in order, with its direction.
  std::vector<std::pair<bool, Bytes>> seen();

 private:
  void read_front();
  void read_back();

  DropRule drop_;
  asio::io_context io_;
  asio::ip::udp::socket front_{io_};
  asio::ip::udp::socket back_{io_};
  asio::ip::udp::endpoint server_;
  asio::ip::udp::endpoint client_;
  asio::ip::udp::endpoint front_from_;
  asio::ip::udp::endpoint back_from_;
  std::array<std::uint8_t, 65536> front_buf_{};
  std::array<std::uint8_t, 65536> back_buf_{};
  std::mutex mu_;
  std::vector<std::pair<bool, Bytes>> seen_;
  std::thread thread_;
};

// Drops the first copy of each message type in each direction, so every
// step of a handshake needs one retransmission.
LossyRelay::DropRule drop_first_of_each_type();

using ::xtt::test::must;

}  // namespace xtt::net::test
