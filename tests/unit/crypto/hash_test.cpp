#include "crypto/hash.hpp"

#include <gtest/gtest.h>

#include "base/hex.hpp"
#include "crypto/prf.hpp"
#include "crypto_test_util.hpp"

namespace xtt::crypto {
namespace {

using test::ascii;
using xtt::test::unhex;

Bytes b(ByteSpan s) { return Bytes(s.begin(), s.end()); }

Bytes counting(std::size_t n) {
  Bytes out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = static_cast<std::uint8_t>(i);
  }
  return out;
}

TEST(Hash, Sha256KnownAnswers) {
  EXPECT_EQ(to_hex(sha256(ascii("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(sha256({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Hash, Sha256IncrementalMatchesOneShotAndResets) {
  const Bytes msg = counting(300);
  Sha256 h;
  h.update(ByteSpan(msg).first(1))
      .update(ByteSpan(msg).subspan(1, 150))
      .update(ByteSpan(msg).subspan(151));
  EXPECT_EQ(h.finish(), sha256(msg));
  // finish() leaves a fresh context behind.
  h.update(ascii("abc"));
  EXPECT_EQ(h.finish(), sha256(ascii("abc")));
  EXPECT_EQ(h.finish(), sha256({}));
}

TEST(Hash, Sha512AndSuiteHash) {
  const auto abc = sha512(ascii("abc"));
  EXPECT_EQ(to_hex(abc),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  EXPECT_EQ(hash(HashAlg::kSha512, ascii("abc")), abc);
  EXPECT_EQ(hash(HashAlg::kBlake2b, ascii("abc")), blake2b512(ascii("abc")));
  EXPECT_EQ(hash(HashAlg::kSha512, {ascii("a"), ascii(""), ascii("bc")}), abc);
  Hasher h(HashAlg::kBlake2b);
  EXPECT_EQ(h.alg(), HashAlg::kBlake2b);
  h.update(ascii("ab")).update(ascii("c"));
  EXPECT_EQ(h.finish(), blake2b512(ascii("abc")));
  EXPECT_EQ(name_of(HashAlg::kSha512), "SHA-512");
  EXPECT_EQ(name_of(HashAlg::kBlake2b), "BLAKE2b-512");
}

TEST(Hash, Blake2bRfc7693AppendixA) {
  EXPECT_EQ(to_hex(blake2b512(ascii("abc"))),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

TEST(Hash, KeyedBlake2bKnownAnswer) {
  // blake2b-kat.txt (the BLAKE2 reference KATs), keyed, empty input.
  Bytes out(64);
  ASSERT_TRUE(blake2b_keyed(counting(64), {}, out).has_value());
  EXPECT_EQ(to_hex(out),
            "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
            "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568");
}

TEST(Hash, KeyedBlake2bOutputLengthIsAParameter) {
  Bytes out64(64);
  Bytes out32(32);
  ASSERT_TRUE(blake2b_keyed(counting(64), ascii("x"), out64).has_value());
  ASSERT_TRUE(blake2b_keyed(counting(64), ascii("x"), out32).has_value());
  EXPECT_NE(out32, Bytes(out64.begin(), out64.begin() + 32));
}

TEST(Hash, KeyedBlake2bRejectsBadSizes) {
  Bytes out(32);
  Bytes none;
  Bytes too_long(65);
  for (auto st : {blake2b_keyed({}, ascii("x"), out), blake2b_keyed(counting(65), ascii("x"), out),
                  blake2b_keyed(counting(16), ascii("x"), MutableByteSpan(none)),
                  blake2b_keyed(counting(16), ascii("x"), MutableByteSpan(too_long))}) {
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(Hash, HmacRfc4231) {
  // Test case 1: key 0x0b * 20, "Hi There".
  const Bytes key1(20, 0x0b);
  EXPECT_EQ(to_hex(hmac_sha256(key1, ascii("Hi There"))),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(to_hex(hmac_sha512(key1, ascii("Hi There"))),
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
            "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
  // Test case 2: key "Jefe".
  EXPECT_EQ(to_hex(hmac_sha256(ascii("Jefe"), ascii("what do ya want for nothing?"))),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Hash, HmacEmptyKeyEqualsZeroKey) {
  // HMAC pads keys with zeros, so spec §3.3's 64-byte zero key equals no key.
  EXPECT_EQ(hmac_sha512({}, ascii("z")), hmac_sha512(Bytes(64, 0), ascii("z")));
  EXPECT_EQ(hmac_sha256({}, ascii("z")), hmac_sha256(Bytes(32, 0), ascii("z")));
}

// Expected values from OpenSSL's command line, independently of this code:
//   printf 'XTT prf test input' > in.bin
//   openssl mac -macopt size:S -macopt hexkey:<key> -in in.bin BLAKE2BMAC
//   openssl mac -digest SHA512 -macopt hexkey:<key> -in in.bin HMAC
// with key = 00 01 .. 3f (64 bytes) or 00 .. 1f (32 bytes).
struct PrfCase {
  HashAlg alg;
  std::size_t key_len;
  std::size_t out_len;
  const char* want;
};

TEST(Prf, MatchesOpensslCommandLine) {
  const char* hmac64 =
      "999fda76b528d231045d34d4d8977fe85378da543c86df140b281ac48389ab90"
      "26f8f06e0c72cc2e5af7871e8dcb7166e2e5751dc338bcd6f291724ae93da50e";
  const std::string hmac64_s(hmac64);
  const std::string hmac32_key =
      "40c03a3c6b80e57b5b0f6db42c111a7209a583ac48eba5af30ede63f02331d5b"
      "f5d6387943e56d02fa0fa75d68ed92b2a9b6957186f87d0bf1647f77a08ba72a";
  const PrfCase cases[] = {
      {HashAlg::kBlake2b, 64, 64,
       "a58095c477132bc3405a20350fb2dc0850ca997239fbb808ea2c758c2b719634"
       "19e223cfd811a41170a9b58aeabe78e65ab5be61d6c83a9e9b14f1ef1abd0507"},
      {HashAlg::kBlake2b, 64, 32,
       "5c1719f8062ca5c3fa905337672d2028e753198c725a4dddd6d0d61d404a809a"},
      {HashAlg::kBlake2b, 64, 12, "02fc3506ccc7155ffeb9a680"},
      {HashAlg::kBlake2b, 32, 32,
       "21ee6744cd3e9a009ce68409826c76b801d7ad63256deb3a3e89f0fd80a4f31f"},
      {HashAlg::kSha512, 64, 64, hmac64},
  };
  for (const auto& c : cases) {
    Bytes out(c.out_len);
    ASSERT_TRUE(prf(c.alg, counting(c.key_len), ascii("XTT prf test input"), out).has_value());
    EXPECT_EQ(to_hex(out), c.want)
        << name_of(c.alg) << " key " << c.key_len << " out " << c.out_len;
  }
  // HMAC-SHA-512 PRF outputs are prefixes of the full MAC.
  for (std::size_t len : {32u, 12u, 1u}) {
    Bytes out(len);
    ASSERT_TRUE(prf(HashAlg::kSha512, counting(64), ascii("XTT prf test input"), out).has_value());
    EXPECT_EQ(to_hex(out), hmac64_s.substr(0, 2 * len));
    ASSERT_TRUE(prf(HashAlg::kSha512, counting(32), ascii("XTT prf test input"), out).has_value());
    EXPECT_EQ(to_hex(out), hmac32_key.substr(0, 2 * len));
  }
}

TEST(Prf, RejectsBadOutputLengths) {
  Bytes none;
  Bytes too_long(65);
  for (HashAlg alg : {HashAlg::kSha512, HashAlg::kBlake2b}) {
    auto st = prf(alg, counting(64), ascii("x"), MutableByteSpan(none));
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
    st = prf(alg, counting(64), ascii("x"), MutableByteSpan(too_long));
    ASSERT_FALSE(st.has_value());
    EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
  }
  // Keyed BLAKE2b needs a key; HMAC takes an empty one.
  Bytes out(32);
  EXPECT_FALSE(prf(HashAlg::kBlake2b, {}, ascii("x"), out).has_value());
  EXPECT_TRUE(prf(HashAlg::kSha512, {}, ascii("x"), out).has_value());
}

HashAlg alg_of(const std::string& suite) {
  return suite.ends_with("BLAKE2B") ? HashAlg::kBlake2b : HashAlg::kSha512;
}

Bytes prf_bytes(HashAlg alg, ByteSpan key, ByteSpan input, std::size_t len) {
  Bytes out(len);
  EXPECT_TRUE(prf(alg, key, input, out).has_value());
  return out;
}

// Spec §3.3 against libxtt's own snapshots: the transcript hashes from the
// recorded messages, then handshake_secret and the four keys and IVs.
TEST(Prf, ReproducesLibxttKeySchedule) {
  using test::array_field;
  using test::hex_field;
  for (const auto& [suite, doc] : test::libxtt_transcripts()) {
    SCOPED_TRACE(suite);
    const HashAlg alg = alg_of(suite);
    const auto& messages = array_field(doc, "messages");
    ASSERT_GE(messages.size(), 2u);
    const Bytes ci = hex_field(messages[0], "hex");
    const Bytes sia = hex_field(messages[1], "hex");
    ASSERT_EQ(ci.size(), 70u);
    ASSERT_EQ(sia.size(), 417u);
    const json::Value* derived = doc.find("derived");
    ASSERT_NE(derived, nullptr);
    const json::Value* server = derived->find("server_after_build_serverattest");
    ASSERT_NE(server, nullptr);

    const std::uint8_t len108[] = {0x00, 108};
    const auto inner = hash(alg, {len108, ci, ByteSpan(sia).first(38)});
    const std::uint8_t len194[] = {0x00, 194};
    const auto key_hash = hash(alg, {len194, inner, ByteSpan(sia).subspan(38, 130)});
    EXPECT_EQ(b(inner), hex_field(*server, "inner_hash"));
    EXPECT_EQ(b(key_hash), hex_field(*server, "handshake_key_hash(hash_out)"));

    auto labelled = [&](const std::string& label) { return concat({key_hash, ascii(label)}); };
    int snapshots = 0;
    for (const auto& [name, snap] : derived->members()) {
      SCOPED_TRACE(name);
      ++snapshots;
      const Bytes prf_key = hex_field(snap, "prf_key");
      EXPECT_EQ(prf_key, Bytes(64, 0));
      const Bytes secret = prf_bytes(alg, prf_key, hex_field(snap, "kx_shared_secret"), 64);
      EXPECT_EQ(secret, hex_field(snap, "handshake_secret"));
      const bool is_server = name.starts_with("server");
      const char* tx = is_server ? "server" : "client";
      const char* rx = is_server ? "client" : "server";
      EXPECT_EQ(prf_bytes(alg, secret, labelled(std::string("XTT handshake ") + tx + " key"), 32),
                hex_field(snap, "tx_key"));
      EXPECT_EQ(prf_bytes(alg, secret, labelled(std::string("XTT handshake ") + tx + " iv"), 12),
                hex_field(snap, "tx_iv"));
      EXPECT_EQ(prf_bytes(alg, secret, labelled(std::string("XTT handshake ") + rx + " key"), 32),
                hex_field(snap, "rx_key"));
      EXPECT_EQ(prf_bytes(alg, secret, labelled(std::string("XTT handshake ") + rx + " iv"), 12),
                hex_field(snap, "rx_iv"));
    }
    EXPECT_EQ(snapshots, 4);
    // A truncated 64-byte BLAKE2b output is not the 32-byte key (spec §3.2).
    if (alg == HashAlg::kBlake2b) {
      const Bytes secret = hex_field(*server, "handshake_secret");
      const Bytes full = prf_bytes(alg, secret, labelled("XTT handshake server key"), 64);
      EXPECT_NE(Bytes(full.begin(), full.begin() + 32), hex_field(*server, "tx_key"));
    }
  }
}

}  // namespace
}  // namespace xtt::crypto
