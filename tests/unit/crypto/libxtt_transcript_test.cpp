// The libxtt reference transcripts, replayed through the facade only: key
// generation from the recorded draws, the three AEAD messages opened with the
// recorded keys, and all three ECDSA signatures (root, server, client
// long-term) verified and reproduced byte for byte from the recorded k draws
// (spec §2.4-§2.6, §3.4-§3.8, §3.11).

#include <gtest/gtest.h>

#include "crypto/aead.hpp"
#include "crypto/ecdsa_p256.hpp"
#include "crypto/hash.hpp"
#include "crypto_test_util.hpp"

namespace xtt::crypto {
namespace {

using test::array_field;
using test::hex_field;
using test::int_field;
using test::str_field;

Bytes draw(const json::Value& doc, const std::string& side, std::int64_t index) {
  for (const auto& d : array_field(doc, "random_draws")) {
    if (str_field(d, "side") == side && int_field(d, "index") == index) {
      return hex_field(d, "hex");
    }
  }
  ADD_FAILURE() << "no draw " << side << " #" << index;
  return {};
}

const json::Value& snapshot(const json::Value& doc, const char* name) {
  static const json::Value kNull;
  const json::Value* derived = doc.find("derived");
  const json::Value* snap = derived != nullptr ? derived->find(name) : nullptr;
  EXPECT_NE(snap, nullptr) << name;
  return snap != nullptr ? *snap : kNull;
}

// Opens an AEAD message part with nonce = iv XOR (0^8 || be32(seq)).
Bytes open_part(AeadAlg alg, const Bytes& key, const Bytes& iv, std::uint32_t seq, ByteSpan aad,
                ByteSpan sealed) {
  auto aead = AeadKey::create(alg, key);
  EXPECT_TRUE(aead.has_value());
  if (!aead || sealed.size() < kAeadTagSize) {
    return {};
  }
  Bytes nonce = iv;
  for (int i = 0; i < 4; ++i) {
    nonce[8 + i] ^= static_cast<std::uint8_t>(seq >> (24 - 8 * i));
  }
  Bytes out(sealed.size() - kAeadTagSize);
  auto st = aead->open(nonce, aad, sealed, out);
  EXPECT_TRUE(st.has_value()) << st.error().to_string();
  return out;
}

ecdsa_p256::PrivateKey private_of(const Bytes& b) {
  return ecdsa_p256::PrivateKey(test::fixed<32>(b));
}

Bytes b(ByteSpan s) { return Bytes(s.begin(), s.end()); }

// sign_with_nonce(priv, message, k) must equal the recorded signature, which
// must also verify under pub.
void expect_reproduced(const char* what, const Bytes& priv, const Bytes& pub, ByteSpan message,
                       const Bytes& k, ByteSpan recorded) {
  SCOPED_TRACE(what);
  auto verified = ecdsa_p256::verify(pub, message, recorded);
  EXPECT_TRUE(verified.has_value()) << verified.error().to_string();
  auto sig = ecdsa_p256::sign_with_nonce(private_of(priv), message, test::fixed<32>(k));
  ASSERT_TRUE(sig.has_value());
  EXPECT_EQ(b(*sig), b(recorded));
}

TEST(LibxttTranscript, KeysFromRecordedDraws) {
  for (const auto& [suite, doc] : test::libxtt_transcripts()) {
    SCOPED_TRACE(suite);
    const json::Value* lt = doc.find("long_term");
    ASSERT_NE(lt, nullptr);
    struct Case {
      const char* side;
      int index;
      const char* prefix;
    };
    for (const auto& c : {Case{"setup", 0, "root"}, Case{"setup", 2, "server"},
                          Case{"client", 1, "client_longterm"}}) {
      SCOPED_TRACE(c.prefix);
      ReplayRandom rng({draw(doc, c.side, c.index)});
      auto pair = ecdsa_p256::generate(rng);
      ASSERT_TRUE(pair.has_value());
      const std::string prefix = c.prefix;
      EXPECT_EQ(b(pair->private_key.span()), hex_field(*lt, prefix + "_private_key"));
      EXPECT_EQ(b(pair->public_key), hex_field(*lt, prefix + "_public_key"));
    }
  }
}

TEST(LibxttTranscript, SignaturesReproducedByteForByte) {
  for (const auto& [suite, doc] : test::libxtt_transcripts()) {
    SCOPED_TRACE(suite);
    const HashAlg hash_alg = suite.ends_with("BLAKE2B") ? HashAlg::kBlake2b : HashAlg::kSha512;
    const AeadAlg aead_alg = suite.find("AES256GCM") != std::string::npos
                                 ? AeadAlg::kAes256Gcm
                                 : AeadAlg::kChaCha20Poly1305;
    const json::Value* lt = doc.find("long_term");
    ASSERT_NE(lt, nullptr);
    const auto& messages = array_field(doc, "messages");
    ASSERT_EQ(messages.size(), 4u);
    const Bytes ci = hex_field(messages[0], "hex");
    const Bytes sia = hex_field(messages[1], "hex");
    const Bytes ca = hex_field(messages[2], "hex");
    const Bytes fin = hex_field(messages[3], "hex");
    ASSERT_EQ(sia.size(), 417u);
    ASSERT_EQ(ca.size(), 750u);
    ASSERT_EQ(fin.size(), 103u);
    const Bytes cert = hex_field(*lt, "server_certificate");
    ASSERT_EQ(cert.size(), 169u);

    // §3.7: root signature over cert[0..105), k = setup draw #3.
    expect_reproduced("root", hex_field(*lt, "root_private_key"), hex_field(*lt, "root_public_key"),
                      ByteSpan(cert).first(105), draw(doc, "setup", 3), ByteSpan(cert).last(64));

    // §2.4: ServerInitAndAttest, server key, seq 0, AD = [0..168).
    const json::Value& server = snapshot(doc, "server_after_build_serverattest");
    const Bytes server_key = hex_field(server, "tx_key");
    const Bytes server_iv = hex_field(server, "tx_iv");
    const Bytes sia_plain = open_part(aead_alg, server_key, server_iv, 0, ByteSpan(sia).first(168),
                                      ByteSpan(sia).subspan(168));
    ASSERT_EQ(sia_plain.size(), 233u);
    EXPECT_EQ(Bytes(sia_plain.begin(), sia_plain.begin() + 169), cert);
    const ByteSpan server_sig = ByteSpan(sia_plain).subspan(169, 64);

    // §3.5: ServerSigHash, k = server draw #2.
    const std::uint8_t len407[] = {0x01, 0x97};
    const auto server_sig_hash = hash(hash_alg, {len407, ci, ByteSpan(sia).first(168), cert});
    expect_reproduced("server", hex_field(*lt, "server_private_key"),
                      hex_field(*lt, "server_public_key"), server_sig_hash, draw(doc, "server", 2),
                      server_sig);

    // §2.5: Identity_ClientAttest, client key, seq 0, AD = [0..136).
    const json::Value& client = snapshot(doc, "client_after_build_idclientattest");
    const Bytes ca_plain =
        open_part(aead_alg, hex_field(client, "tx_key"), hex_field(client, "tx_iv"), 0,
                  ByteSpan(ca).first(136), ByteSpan(ca).subspan(136));
    ASSERT_EQ(ca_plain.size(), 598u);
    const Bytes client_pub = hex_field(*lt, "client_longterm_public_key");
    EXPECT_EQ(Bytes(ca_plain.begin(), ca_plain.begin() + 65), client_pub);

    // §3.6: LT_hash with libxtt's cookie quirk, k = client draw #3.
    const std::uint8_t len314[] = {0x01, 0x3a};
    const auto lt_hash =
        hash(hash_alg, {len314, hex_field(server, "inner_hash"), ByteSpan(sia).subspan(38, 1), cert,
                        server_sig, ByteSpan(ca).first(16)});
    expect_reproduced("client long-term", hex_field(*lt, "client_longterm_private_key"), client_pub,
                      lt_hash, draw(doc, "client", 3), ByteSpan(ca_plain).subspan(113, 64));

    // §2.6: Identity_ServerFinished, server key, seq 1, AD = [0..6).
    const Bytes fin_plain = open_part(aead_alg, server_key, server_iv, 1, ByteSpan(fin).first(6),
                                      ByteSpan(fin).subspan(6));
    ASSERT_EQ(fin_plain.size(), 81u);
    EXPECT_EQ(Bytes(fin_plain.begin() + 16, fin_plain.end()), client_pub);
  }
}

}  // namespace
}  // namespace xtt::crypto
