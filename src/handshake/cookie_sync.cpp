#include "handshake/cookie_sync.hpp"

#include <string_view>

#include "crypto/aead.hpp"
#include "crypto/hkdf.hpp"

namespace xtt::handshake::cookie_sync {

namespace {

constexpr std::string_view kLabel = "XTT cookie sync v1";
constexpr std::size_t kNonceSize = 16;
constexpr std::size_t kHelloBody = 1 + 32 + kNonceSize;
constexpr std::size_t kReplyBody = 1 + 32;
constexpr std::size_t kAckBody = 1 + crypto::kAeadTagSize;
constexpr std::size_t kSecretsBodyBase = 1 + crypto::kAeadTagSize;
constexpr std::array<std::uint8_t, crypto::kAeadNonceSize> kZeroNonce{};

struct TransferKeys {
  SecretBytes<32> push;
  SecretBytes<32> ack;
};

Bytes header(MsgType type, std::size_t body) {
  ByteWriter w(kHeaderSize + body);
  w.u8(static_cast<std::uint8_t>(type));
  w.u16(static_cast<std::uint16_t>(body));
  return std::move(w).take();
}

// The message's whole bytes, checked against its header and expected type;
// returns a reader past the header.
Result<ByteReader> body_of(ByteSpan message, MsgType expected) {
  const std::size_t total = XTT_TRY(frame_length(message));
  XTT_ENSURE(message.size() == total,
             message.size() < total ? ErrorCode::kTruncated : ErrorCode::kTrailingBytes,
             "cookie sync message length does not match its header");
  XTT_ENSURE(message[0] == static_cast<std::uint8_t>(expected), ErrorCode::kUnexpectedMessage,
             "unexpected cookie sync message type");
  ByteReader r(message);
  XTT_TRY(r.bytes(kHeaderSize));
  return r;
}

Result<TransferKeys> derive_keys(const DomainKey& domain_key, const crypto::x25519::KeyPair& own,
                                 std::span<const std::uint8_t, 32> peer, ByteSpan hello,
                                 ByteSpan reply) {
  const auto z = XTT_TRY(crypto::x25519::derive(own, peer));
  const std::string_view label = kLabel;
  const Bytes info = concat(
      {ByteSpan(reinterpret_cast<const std::uint8_t*>(label.data()), label.size()), hello, reply});
  SecretBytes<64> okm;
  XTT_TRY(crypto::hkdf_sha256(domain_key.span(), z.span(), info, okm.span()));
  TransferKeys keys;
  keys.push = SecretBytes<32>(okm.span().first<32>());
  keys.ack = SecretBytes<32>(okm.span().last<32>());
  return keys;
}

Result<Bytes> seal(const SecretBytes<32>& key, MsgType type, ByteSpan plain) {
  Bytes out = header(type, plain.size() + crypto::kAeadTagSize);
  const std::size_t at = out.size();
  out.resize(at + plain.size() + crypto::kAeadTagSize);
  auto aead = XTT_TRY(crypto::AeadKey::create(crypto::AeadAlg::kChaCha20Poly1305, key.span()));
  XTT_TRY(aead.seal(kZeroNonce, ByteSpan(out).first(kHeaderSize), plain,
                    MutableByteSpan(out).subspan(at)));
  return out;
}

// Opens a sealed message whose frame was checked; kBadTag for a wrong domain
// key, another transfer's message, or any changed byte.
Result<SecretVector> open(const SecretBytes<32>& key, ByteSpan message) {
  const ByteSpan sealed = message.subspan(kHeaderSize);
  SecretVector plain(sealed.size() - crypto::kAeadTagSize);
  auto aead = XTT_TRY(crypto::AeadKey::create(crypto::AeadAlg::kChaCha20Poly1305, key.span()));
  XTT_TRY(aead.open(kZeroNonce, message.first(kHeaderSize), sealed, plain.span()));
  return plain;
}

}  // namespace

Result<std::size_t> frame_length(ByteSpan message) {
  XTT_ENSURE(message.size() >= kHeaderSize, ErrorCode::kTruncated, "cookie sync header is 3 bytes");
  const std::size_t body = load_be16(message.data() + 1);
  bool fits = false;
  switch (static_cast<MsgType>(message[0])) {
    case MsgType::kHello:
      fits = body == kHelloBody;
      break;
    case MsgType::kReply:
      fits = body == kReplyBody;
      break;
    case MsgType::kSecrets: {
      const std::size_t entries = (body - kSecretsBodyBase) / kSecretEntrySize;
      fits = body >= kSecretsBodyBase && (body - kSecretsBodyBase) % kSecretEntrySize == 0 &&
             entries >= 1 && entries <= kMaxSecrets;
      break;
    }
    case MsgType::kAck:
      fits = body == kAckBody;
      break;
    default:
      return make_error(ErrorCode::kUnknownType, "unknown cookie sync message type");
  }
  XTT_ENSURE(fits, ErrorCode::kBadLength, "cookie sync message has a bad length");
  return kHeaderSize + body;
}

// ------------------------------------------------------------------ pusher

Result<Pusher> Pusher::create(const DomainKey& key, Random& rng,
                              std::vector<CookieEpochKey> secrets) {
  XTT_ENSURE(!secrets.empty() && secrets.size() <= kMaxSecrets, ErrorCode::kInvalidArgument,
             "a cookie sync transfer carries 1..8 secrets");
  Pusher p;
  p.key_ = key.clone();
  p.secrets_ = std::move(secrets);
  p.ephemeral_ = XTT_TRY(crypto::x25519::generate(rng));
  std::array<std::uint8_t, kNonceSize> nonce{};
  XTT_TRY(rng.fill(nonce));
  ByteWriter w(kHeaderSize + kHelloBody);
  w.bytes(header(MsgType::kHello, kHelloBody));
  w.u8(kVersion);
  w.bytes(p.ephemeral_.public_key);
  w.bytes(nonce);
  p.hello_ = std::move(w).take();
  return p;
}

Result<Bytes> Pusher::on_reply(ByteSpan reply) {
  XTT_ENSURE(state_ == State::kAwaitReply, ErrorCode::kBadState, "no reply expected");
  state_ = State::kFailed;
  ByteReader r = XTT_TRY(body_of(reply, MsgType::kReply));
  XTT_ENSURE(XTT_TRY(r.u8()) == kVersion, ErrorCode::kUnknownVersion,
             "unknown cookie sync version");
  const auto peer = XTT_TRY(r.array<32>());
  TransferKeys keys = XTT_TRY(derive_keys(key_, ephemeral_, peer, hello_, reply));
  ephemeral_.secret.wipe();

  SecretVector plain(1 + secrets_.size() * kSecretEntrySize);
  std::uint8_t* p = plain.data();
  *p++ = static_cast<std::uint8_t>(secrets_.size());
  for (const CookieEpochKey& s : secrets_) {
    store_be64(p, s.epoch);
    std::copy(s.secret.span().begin(), s.secret.span().end(), p + 8);
    p += kSecretEntrySize;
  }
  secrets_.clear();  // each CookieEpochKey wipes its secret
  Bytes out = XTT_TRY(seal(keys.push, MsgType::kSecrets, plain.span()));
  ack_key_ = std::move(keys.ack);
  state_ = State::kAwaitAck;
  return out;
}

Result<std::size_t> Pusher::on_ack(ByteSpan ack) {
  XTT_ENSURE(state_ == State::kAwaitAck, ErrorCode::kBadState, "no ack expected");
  state_ = State::kFailed;
  XTT_TRY(body_of(ack, MsgType::kAck));
  const SecretVector plain = XTT_TRY(open(ack_key_, ack));
  ack_key_.wipe();
  state_ = State::kDone;
  return plain.data()[0];
}

// ---------------------------------------------------------------- receiver

Result<Receiver> Receiver::create(const DomainKey& key, Random& rng) {
  Receiver r;
  r.key_ = key.clone();
  r.ephemeral_ = XTT_TRY(crypto::x25519::generate(rng));
  return r;
}

Result<Bytes> Receiver::on_hello(ByteSpan hello) {
  XTT_ENSURE(state_ == State::kAwaitHello, ErrorCode::kBadState, "no hello expected");
  state_ = State::kFailed;
  ByteReader r = XTT_TRY(body_of(hello, MsgType::kHello));
  XTT_ENSURE(XTT_TRY(r.u8()) == kVersion, ErrorCode::kUnknownVersion,
             "unknown cookie sync version");
  hello_.assign(hello.begin(), hello.end());
  ByteWriter w(kHeaderSize + kReplyBody);
  w.bytes(header(MsgType::kReply, kReplyBody));
  w.u8(kVersion);
  w.bytes(ephemeral_.public_key);
  reply_ = std::move(w).take();
  state_ = State::kAwaitSecrets;
  return reply_;
}

Result<std::vector<CookieEpochKey>> Receiver::on_secrets(ByteSpan message) {
  XTT_ENSURE(state_ == State::kAwaitSecrets, ErrorCode::kBadState, "no secrets expected");
  state_ = State::kFailed;
  XTT_TRY(body_of(message, MsgType::kSecrets));
  std::span<const std::uint8_t, 32> peer(hello_.data() + kHeaderSize + 1, 32);
  TransferKeys keys = XTT_TRY(derive_keys(key_, ephemeral_, peer, hello_, reply_));
  ephemeral_.secret.wipe();
  const SecretVector plain = XTT_TRY(open(keys.push, message));

  ByteReader r(plain.span());
  const std::size_t count = XTT_TRY(r.u8());
  XTT_ENSURE(count * kSecretEntrySize == r.remaining(), ErrorCode::kBadLength,
             "the secret count does not match the message length");
  std::vector<CookieEpochKey> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    CookieEpochKey k;
    k.epoch = XTT_TRY(r.u64());
    k.key_id = static_cast<std::uint8_t>(k.epoch % 256);
    XTT_TRY(r.read_into(k.secret.span()));
    out.push_back(std::move(k));
  }
  XTT_TRY(r.expect_end());
  ack_key_ = std::move(keys.ack);
  state_ = State::kAck;
  return out;
}

Result<Bytes> Receiver::ack(std::size_t installed) {
  XTT_ENSURE(state_ == State::kAck, ErrorCode::kBadState, "nothing to acknowledge");
  state_ = State::kFailed;
  const std::array<std::uint8_t, 1> plain{
      static_cast<std::uint8_t>(std::min<std::size_t>(installed, kMaxSecrets))};
  Bytes out = XTT_TRY(seal(ack_key_, MsgType::kAck, plain));
  ack_key_.wipe();
  state_ = State::kDone;
  return out;
}

}  // namespace xtt::handshake::cookie_sync
