#include "wire/session_server_finished.hpp"

#include "wire/codec.hpp"
#include "wire/server_finished_layout.hpp"

namespace xtt::wire {

namespace {

const detail::ServerFinishedKind& kKind = detail::kSessionServerFinishedKind;

}  // namespace

Result<std::array<std::uint8_t, SessionServerFinished::kAadSize>> SessionServerFinished::aad()
    const {
  return detail::server_finished_aad(kKind, suite);
}

Result<Bytes> SessionServerFinished::encode() const {
  ByteWriter out(kSize);
  XTT_TRY(encode(out));
  return std::move(out).take();
}

Status SessionServerFinished::encode(ByteWriter& out) const {
  return detail::encode_server_finished(kKind, out, {suite, ciphertext});
}

Result<SessionServerFinished> SessionServerFinished::decode(ByteSpan msg) {
  const detail::ServerFinishedParts p = XTT_TRY(detail::decode_server_finished(kKind, msg));
  SessionServerFinished m;
  m.suite = p.suite;
  m.ciphertext.assign(p.ciphertext.begin(), p.ciphertext.end());
  return m;
}

Bytes SessionServerFinishedPlaintext::encode() const {
  ByteWriter out(kSize);
  detail::write_fixed(out, client_id);
  detail::write_fixed(out, session_id);
  return std::move(out).take();
}

Result<SessionServerFinishedPlaintext> SessionServerFinishedPlaintext::decode(ByteSpan plaintext) {
  ByteReader in(plaintext);
  SessionServerFinishedPlaintext p;
  XTT_TRY(detail::read_fixed(in, p.client_id));
  XTT_TRY(detail::read_fixed(in, p.session_id));
  XTT_TRY(in.expect_end());
  return p;
}

}  // namespace xtt::wire
