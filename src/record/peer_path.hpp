#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace xtt::record {

// A transport address as an opaque value: the record layer never touches a
// socket, it only compares addresses. IPv4 goes in v4-mapped form
// (::ffff:a.b.c.d) so one type covers both families.
struct PeerAddress {
  std::array<std::uint8_t, 16> ip{};
  std::uint16_t port = 0;

  static PeerAddress v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d,
                        std::uint16_t port);
  static PeerAddress v6(const std::array<std::uint8_t, 16>& ip, std::uint16_t port);

  friend bool operator==(const PeerAddress&, const PeerAddress&) = default;
};

// The server's view of where a session's client is (§6.4 "Roaming"), plus
// the anti-amplification budget toward an address adopted from a record.
//
// The address moves only when the caller says the record may move it
// (authenticated, fresh, raised top, confirmed session: Session decides).
// An adopted address is unvalidated: the server may send it at most
// 3 x the bytes of authenticated records received from it, until a second
// authenticated record arrives from it (QUIC's limit for new paths). The
// initial address (message 3's source) counts as validated: the handshake
// already made a round trip with it.
class PeerPath {
 public:
  static constexpr std::uint64_t kAmplificationFactor = 3;

  PeerPath() = default;
  explicit PeerPath(const PeerAddress& initial) : address_(initial) {}

  const std::optional<PeerAddress>& address() const { return address_; }
  bool validated() const { return validated_; }

  // One authenticated, fresh record of `record_bytes` from `from`. Returns
  // true if it moved the address.
  bool on_authenticated(const PeerAddress& from, std::size_t record_bytes, bool may_move);

  // Whether `bytes` more may go to the current address now.
  bool may_send(std::size_t bytes) const;
  // Accounts bytes sent to the current address (only matters while
  // unvalidated).
  void on_sent(std::size_t bytes);
  // Bytes still allowed toward an unvalidated address (unbounded otherwise).
  std::uint64_t send_budget() const;

 private:
  std::optional<PeerAddress> address_;
  bool validated_ = true;
  std::uint64_t received_ = 0;  // from the unvalidated address
  std::uint64_t sent_ = 0;      // to the unvalidated address
};

}  // namespace xtt::record
