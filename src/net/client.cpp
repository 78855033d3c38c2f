#include "net/client.hpp"

#include <asio.hpp>

#include "net/address.hpp"
#include "wire/constants.hpp"
#include "wire/header.hpp"

namespace xtt::net {

namespace {

Error io_error(const std::string& what, const asio::error_code& ec) {
  if (ec == asio::error::timed_out || ec == asio::error::operation_aborted) {
    return make_error(ErrorCode::kTimeout, what + ": timed out");
  }
  return make_error(ErrorCode::kIoFailure, what + ": " + ec.message());
}

// Runs one asynchronous operation to completion or the deadline.
template <typename Start>
asio::error_code run_with_deadline(asio::io_context& io, std::chrono::milliseconds timeout,
                                   asio::basic_socket<asio::ip::tcp, asio::any_io_executor>* tcp,
                                   Start&& start) {
  asio::error_code result = asio::error::would_block;
  start([&](const asio::error_code& ec, auto&&...) { result = ec; });
  io.restart();
  io.run_for(timeout);
  if (result == asio::error::would_block) {
    if (tcp != nullptr) {
      asio::error_code ignored;
      tcp->cancel(ignored);
    }
    io.restart();
    io.run();
    return asio::error::timed_out;
  }
  return result;
}

// One datagram into `buffer` within `timeout`; kTimeout if none came.
Result<std::size_t> receive_datagram(asio::io_context& io, asio::ip::udp::socket& socket,
                                     MutableByteSpan buffer, std::chrono::milliseconds timeout) {
  std::size_t size = 0;
  asio::error_code result = asio::error::would_block;
  asio::ip::udp::endpoint from;
  socket.async_receive_from(asio::buffer(buffer.data(), buffer.size()), from,
                            [&](const asio::error_code& ec, std::size_t n) {
                              result = ec;
                              size = n;
                            });
  io.restart();
  io.run_for(timeout);
  if (result == asio::error::would_block) {
    asio::error_code ignored;
    socket.cancel(ignored);
    io.restart();
    io.run();
    return make_error(ErrorCode::kTimeout, "no datagram arrived in time");
  }
  if (result) {
    return io_error("receive", result);
  }
  return size;
}

// Whether a message of this type is what the engine waits for (an Error
// always is); anything else on a UDP handshake is a stale copy.
bool expected(handshake::ClientState state, std::uint8_t type) {
  const auto t = static_cast<wire::MsgType>(type);
  if (t == wire::MsgType::kError) {
    return true;
  }
  switch (state) {
    case handshake::ClientState::kAwaitServerAttest:
      return t == wire::MsgType::kServerInitAndAttest;
    case handshake::ClientState::kAwaitServerFinished:
      return t == wire::MsgType::kIdentityServerFinished ||
             t == wire::MsgType::kSessionServerFinished;
    default:
      return false;
  }
}

}  // namespace

Result<handshake::ClientResult> run_handshake_udp(const std::string& host, std::uint16_t port,
                                                  handshake::ClientHandshake& engine,
                                                  std::chrono::milliseconds timeout,
                                                  ClientStats* stats, RetransmitPolicy retransmit) {
  asio::io_context io;
  asio::ip::udp::socket socket(io);
  asio::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) {
    return make_error(ErrorCode::kInvalidArgument, "bad server address '" + host + "'");
  }
  const asio::ip::udp::endpoint server(address, port);
  // Connected: the kernel drops datagrams from anyone but the server.
  socket.connect(server, ec);
  if (ec) {
    return io_error("udp to " + host + ":" + std::to_string(port), ec);
  }
  auto send = [&](ByteSpan bytes) -> Status {
    asio::error_code sec;
    socket.send(asio::buffer(bytes.data(), bytes.size()), 0, sec);
    if (sec) {
      return io_error("send", sec);
    }
    if (stats != nullptr) {
      stats->bytes_sent += bytes.size();
    }
    return ok();
  };

  Bytes out = XTT_TRY(engine.start());
  Bytes in(65536);
  while (true) {
    XTT_TRY(send(out));
    if (engine.state() == handshake::ClientState::kDone) {
      return engine.take_result();  // a one-shot message 3: nothing comes back
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto wait = retransmit.initial;
    bool answered = false;
    while (!answered) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        return make_error(ErrorCode::kTimeout,
                          "no answer from " + host + ":" + std::to_string(port) + " over UDP");
      }
      auto size = receive_datagram(io, socket, in, std::min(wait, left));
      if (!size) {
        if (size.error().code != ErrorCode::kTimeout) {
          return std::move(size).error();  // e.g. ICMP port unreachable
        }
        XTT_TRY(send(out));
        wait = std::min(wait * 2, retransmit.max);
        continue;
      }
      const ByteSpan message(in.data(), *size);
      const auto total = wire::frame_length(message);
      if (!total || *total != *size || !expected(engine.state(), message[0])) {
        continue;
      }
      if (stats != nullptr) {
        stats->bytes_received += *size;
      }
      auto next = engine.receive(message, static_cast<std::uint64_t>(unix_now()));
      if (!next) {
        if (engine.error_message()) {
          (void)send(*engine.error_message());
        }
        return std::move(next).error();
      }
      if (engine.state() == handshake::ClientState::kDone && next->send.empty()) {
        return engine.take_result();
      }
      out = std::move(next->send);
      answered = true;
    }
  }
}

Result<handshake::ClientResult> run_handshake(const std::string& host, std::uint16_t port,
                                              handshake::ClientHandshake& engine,
                                              std::chrono::milliseconds timeout,
                                              ClientStats* stats) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  asio::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) {
    return make_error(ErrorCode::kInvalidArgument, "bad server address '" + host + "'");
  }
  ec = run_with_deadline(io, timeout, &socket, [&](auto handler) {
    socket.async_connect(asio::ip::tcp::endpoint(address, port), handler);
  });
  if (ec) {
    return io_error("connect to " + host + ":" + std::to_string(port), ec);
  }
  auto write = [&](ByteSpan bytes) -> Status {
    asio::error_code wec = run_with_deadline(io, timeout, &socket, [&](auto handler) {
      asio::async_write(socket, asio::buffer(bytes.data(), bytes.size()), handler);
    });
    if (wec) {
      return io_error("send", wec);
    }
    if (stats != nullptr) {
      stats->bytes_sent += bytes.size();
    }
    return ok();
  };
  auto fail = [&](Error error) -> Error {
    if (engine.error_message()) {
      (void)write(*engine.error_message());
    }
    return error;
  };

  const Bytes client_init = XTT_TRY(engine.start());
  XTT_TRY(write(client_init));
  while (engine.state() != handshake::ClientState::kDone) {
    std::array<std::uint8_t, 4> header{};
    ec = run_with_deadline(io, timeout, &socket, [&](auto handler) {
      asio::async_read(socket, asio::buffer(header), handler);
    });
    if (ec) {
      return io_error("receive", ec);
    }
    auto total = wire::frame_length(header);
    if (!total) {
      return total.error();
    }
    Bytes message(header.begin(), header.end());
    message.resize(*total);
    ec = run_with_deadline(io, timeout, &socket, [&](auto handler) {
      asio::async_read(socket, asio::buffer(message.data() + 4, *total - 4), handler);
    });
    if (ec) {
      return io_error("receive", ec);
    }
    if (stats != nullptr) {
      stats->bytes_received += message.size();
    }
    auto out = engine.receive(message, static_cast<std::uint64_t>(unix_now()));
    if (!out) {
      return fail(std::move(out).error());
    }
    if (!out->send.empty()) {
      XTT_TRY(write(out->send));
    }
  }
  return engine.take_result();
}

struct RecordChannel::Impl {
  asio::io_context io;
  asio::ip::udp::socket socket{io};
  asio::ip::udp::endpoint server;
  std::optional<record::Session> session;
  ClientStats stats;
  Bytes out = Bytes(65536);
  Bytes in = Bytes(65536);
  Bytes plain = Bytes(65536);

  Status bind_new() {
    asio::error_code ec;
    if (socket.is_open()) {
      socket.close(ec);
    }
    socket.open(server.protocol(), ec);
    if (!ec) {
      socket.bind(asio::ip::udp::endpoint(server.protocol(), 0), ec);
    }
    if (ec) {
      return io_error("udp socket", ec);
    }
    return ok();
  }
};

RecordChannel::RecordChannel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RecordChannel::RecordChannel(RecordChannel&&) noexcept = default;
RecordChannel& RecordChannel::operator=(RecordChannel&&) noexcept = default;
RecordChannel::~RecordChannel() = default;

Result<RecordChannel> RecordChannel::open(const std::string& host, std::uint16_t udp_port,
                                          const record::SessionKeys& keys, std::int64_t now) {
  auto impl = std::make_unique<Impl>();
  asio::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) {
    return make_error(ErrorCode::kInvalidArgument, "bad server address '" + host + "'");
  }
  impl->server = asio::ip::udp::endpoint(address, udp_port);
  impl->session.emplace(XTT_TRY(record::Session::create(record::Role::kClient, keys, now)));
  XTT_TRY(impl->bind_new());
  return RecordChannel(std::move(impl));
}

Status RecordChannel::send(std::uint8_t payload_type, ByteSpan payload) {
  const std::size_t n =
      XTT_TRY(impl_->session->seal(payload_type, payload, impl_->out, unix_now()));
  asio::error_code ec;
  impl_->socket.send_to(asio::buffer(impl_->out.data(), n), impl_->server, 0, ec);
  if (ec) {
    return io_error("send record", ec);
  }
  impl_->stats.bytes_sent += n;
  return ok();
}

Status RecordChannel::send_keepalive() {
  const std::size_t n = XTT_TRY(impl_->session->seal_keepalive(impl_->out, unix_now()));
  asio::error_code ec;
  impl_->socket.send_to(asio::buffer(impl_->out.data(), n), impl_->server, 0, ec);
  if (ec) {
    return io_error("send keepalive", ec);
  }
  impl_->stats.bytes_sent += n;
  return ok();
}

Result<Bytes> RecordChannel::receive(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return make_error(ErrorCode::kTimeout, "no record arrived in time");
    }
    auto size = receive_datagram(impl_->io, impl_->socket, impl_->in, left);
    if (!size) {
      if (size.error().code == ErrorCode::kTimeout) {
        return make_error(ErrorCode::kTimeout, "no record arrived in time");
      }
      return std::move(size).error();
    }
    impl_->stats.bytes_received += *size;
    const record::Opened opened =
        impl_->session->open(ByteSpan(impl_->in.data(), *size), impl_->plain, unix_now());
    if (opened.outcome == record::RecordOutcome::kDelivered) {
      return Bytes(opened.payload.begin(), opened.payload.end());
    }
  }
}

Status RecordChannel::rebind() { return impl_->bind_new(); }

std::uint16_t RecordChannel::local_port() const {
  asio::error_code ec;
  return impl_->socket.local_endpoint(ec).port();
}

const ClientStats& RecordChannel::stats() const { return impl_->stats; }
record::Session& RecordChannel::session() { return *impl_->session; }

}  // namespace xtt::net
