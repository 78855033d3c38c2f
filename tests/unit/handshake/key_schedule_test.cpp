// The key schedule against libxtt's own snapshots (shared/vectors/libxtt
// "derived"): inner_hash, HandshakeKeyHash, handshake_secret and the four
// handshake keys/IVs (§3.3), and the §3.6 quirk hash DAA_msg, which libxtt's
// hash_out holds at the end of both sides.

#include <gtest/gtest.h>

#include <filesystem>

#include "handshake/credentials.hpp"
#include "handshake/key_schedule.hpp"
#include "record/traffic_key.hpp"
#include "test_support.hpp"
#include "wire/constants.hpp"

namespace xtt::handshake {
namespace {

std::vector<std::filesystem::path> libxtt_transcripts() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(test::vectors_dir() / "libxtt")) {
    if (e.path().extension() == ".json") {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Bytes message(const json::Value& doc, std::size_t i) {
  return doc.array("messages").value()->at(i).hex("hex").value();
}

Bytes snap(const json::Value& doc, const char* name, const char* field) {
  return doc.at("derived").value()->at(name).value()->hex(field).value();
}

Bytes span_bytes(ByteSpan s) { return Bytes(s.begin(), s.end()); }

TEST(KeySchedule, ReproducesLibxttSnapshots) {
  const auto files = libxtt_transcripts();
  ASSERT_EQ(files.size(), 4u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    const json::Value doc = test::load_json(path);
    const auto suite =
        wire::suite_info(static_cast<std::uint16_t>(doc.integer("suite_spec").value())).value();
    const auto alg = hash_alg_of(suite);
    const Bytes ci = message(doc, 0);
    const Bytes sia = message(doc, 1);
    const Bytes ca = message(doc, 2);
    const ByteSpan sia_span(sia);

    const Hash64 inner = inner_hash(alg, ci, sia_span.first(38));
    EXPECT_EQ(span_bytes(inner), snap(doc, "server_after_build_serverattest", "inner_hash"));
    EXPECT_EQ(span_bytes(inner), snap(doc, "client_final", "inner_hash"));
    const Hash64 hkh = handshake_key_hash(alg, inner, sia_span.subspan(38, 130));
    EXPECT_EQ(span_bytes(hkh),
              snap(doc, "server_after_build_serverattest", "handshake_key_hash(hash_out)"));

    const Bytes z = snap(doc, "server_final", "kx_shared_secret");
    const auto secret =
        handshake_secret(alg, DhSecret(std::span<const std::uint8_t, 32>(z.data(), 32))).value();
    EXPECT_EQ(span_bytes(secret.span()), snap(doc, "server_final", "handshake_secret"));
    const HandshakeKeys keys = handshake_keys(alg, secret, hkh).value();
    // The server sends with the server key; the client with the client key.
    EXPECT_EQ(span_bytes(keys.server_key.span()), snap(doc, "server_final", "tx_key"));
    EXPECT_EQ(span_bytes(keys.server_iv.span()), snap(doc, "server_final", "tx_iv"));
    EXPECT_EQ(span_bytes(keys.client_key.span()), snap(doc, "server_final", "rx_key"));
    EXPECT_EQ(span_bytes(keys.client_iv.span()), snap(doc, "server_final", "rx_iv"));
    EXPECT_EQ(span_bytes(keys.client_key.span()), snap(doc, "client_final", "tx_key"));

    // §3.6: open SIA and CA with the derived keys, then the quirk hashes:
    // DAA_msg equals libxtt's final hash_out on both sides, and the
    // long-term signature verifies over LT_hash.
    auto server_key =
        record::TrafficKey::create(suite, keys.server_key.span(), keys.server_iv.span()).value();
    auto client_key =
        record::TrafficKey::create(suite, keys.client_key.span(), keys.client_iv.span()).value();
    const SecretVector sia_plain =
        server_key.open(0, sia_span.first(168), sia_span.subspan(168)).value();
    const ByteSpan ca_span(ca);
    const SecretVector ca_plain =
        client_key.open(0, ca_span.first(136), ca_span.subspan(136)).value();
    const ByteSpan cert = sia_plain.span().first(169);
    const ByteSpan sig = sia_plain.span().subspan(169, 64);
    const ClientSigContext ctx{inner, sia_span.subspan(38, 130), cert, sig, ca_span.first(136)};
    const Hash64 daa_msg = libxtt_daa_message(alg, ctx).value();
    EXPECT_EQ(span_bytes(daa_msg), snap(doc, "client_final", "handshake_key_hash(hash_out)"));
    EXPECT_EQ(span_bytes(daa_msg), snap(doc, "server_final", "handshake_key_hash(hash_out)"));
    const Hash64 lt_hash = libxtt_longterm_hash(alg, ctx).value();
    const ByteSpan pub = ca_plain.span().first(65);
    const ByteSpan lt_sig = ca_plain.span().subspan(113, 64);
    EXPECT_TRUE(
        verify_signature(wire::SignatureKind::kEcdsaP256, pub, lt_hash, lt_sig).has_value());
    // The full form (§6.7) would not verify: the quirk matters.
    const Hash64 full = full_longterm_hash(alg, ctx, ca_plain.span().first(113));
    EXPECT_FALSE(verify_signature(wire::SignatureKind::kEcdsaP256, pub, full, lt_sig).has_value());
  }
}

TEST(KeySchedule, QuirkRefusesOtherSizes) {
  const Hash64 inner{};
  const Bytes cookie(130), cert(136), sig(64), ca(136);
  const ClientSigContext ctx{inner, cookie, cert, sig, ca};
  EXPECT_EQ(libxtt_longterm_hash(crypto::HashAlg::kSha512, ctx).error().code,
            ErrorCode::kInvalidArgument);
}

TEST(KeySchedule, LengthPrefixesFollowTheSpecTables) {
  // prefixed_hash(parts) == H(be16(sum) || parts): check against a hand-built
  // input for the §6.1 identity SessionKeyHash (L = 1063).
  const Hash64 hkh{};
  const Bytes sia_enc(249, 0x11), ca1(750, 0x22);
  Bytes input = {0x04, 0x27};  // 1063
  input.insert(input.end(), hkh.begin(), hkh.end());
  input.insert(input.end(), sia_enc.begin(), sia_enc.end());
  input.insert(input.end(), ca1.begin(), ca1.end());
  for (auto alg : {crypto::HashAlg::kSha512, crypto::HashAlg::kBlake2b}) {
    EXPECT_EQ(session_key_hash(alg, hkh, sia_enc, ca1), crypto::hash(alg, input));
  }
  // SessLT_hash in the ECDSA family: L = 607 = 0x025f.
  const Hash64 inner{};
  const Bytes cookie(130, 1), cert(169, 2), sig(64, 3), ca(136, 4), id(16, 5);
  const ClientSigContext ctx{inner, cookie, cert, sig, ca};
  Bytes sess = {0x02, 0x5f};
  const std::string label = "XTT session client signature";
  sess.insert(sess.end(), label.begin(), label.end());
  for (ByteSpan part : {ByteSpan(inner), ByteSpan(cookie), ByteSpan(cert), ByteSpan(sig),
                        ByteSpan(ca), ByteSpan(id)}) {
    sess.insert(sess.end(), part.begin(), part.end());
  }
  EXPECT_EQ(sess.size(), 609u);
  EXPECT_EQ(session_longterm_hash(crypto::HashAlg::kSha512, ctx, id),
            crypto::hash(crypto::HashAlg::kSha512, sess));
}

}  // namespace
}  // namespace xtt::handshake
