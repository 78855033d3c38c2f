#pragma once

#include <array>

#include "base/bytes.hpp"
#include "wire/constants.hpp"
#include "wire/types.hpp"

namespace xtt::wire {

// Session_ServerFinished (0x23, §6.2): 54 bytes in every suite. The 6-byte
// header is the associated data; then the sealed SessionServerFinishedPlaintext
// (client_id || session_id) with its tag, under the server handshake key, seq 1.
struct SessionServerFinished {
  static constexpr std::size_t kSize = kSessionServerFinishedSize;
  static constexpr std::size_t kAadSize = kServerFinishedAadSize;
  static constexpr std::size_t kCiphertextSize = kSize - kAadSize;  // 48

  SuiteSpec suite = SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  Bytes ciphertext;

  Result<std::array<std::uint8_t, kAadSize>> aad() const;

  Result<Bytes> encode() const;
  Status encode(ByteWriter& out) const;
  static Result<SessionServerFinished> decode(ByteSpan msg);

  friend bool operator==(const SessionServerFinished&, const SessionServerFinished&) = default;
};

// client_id (echo) || session_id (§6.1); 32 bytes.
struct SessionServerFinishedPlaintext {
  static constexpr std::size_t kSize = ClientId::kSize + SessionId::kSize;

  ClientId client_id;
  SessionId session_id;

  Bytes encode() const;
  static Result<SessionServerFinishedPlaintext> decode(ByteSpan plaintext);

  friend bool operator==(const SessionServerFinishedPlaintext&,
                         const SessionServerFinishedPlaintext&) = default;
};

}  // namespace xtt::wire
