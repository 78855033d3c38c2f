#include "crypto/selftest.hpp"

#include <string>
#include <string_view>

#include "base/ct.hpp"
#include "base/hex.hpp"
#include "crypto/aead.hpp"
#include "crypto/ecdsa_p256.hpp"
#include "crypto/ed25519.hpp"
#include "crypto/hash.hpp"
#include "crypto/prf.hpp"
#include "crypto/x25519.hpp"

namespace xtt::crypto {
namespace {

ByteSpan ascii(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// The constants below are well-formed hex; a parse failure is a bug here.
Bytes h(std::string_view hex) {
  auto b = from_hex(hex);
  return b ? std::move(b).value() : Bytes{};
}

Status expect(std::string_view name, ByteSpan got, std::string_view want_hex) {
  const Bytes want = h(want_hex);
  XTT_ENSURE(!want.empty() && ct::equal(got, want), ErrorCode::kCryptoFailure,
             "self-test failed: " + std::string(name));
  return ok();
}

template <std::size_t N>
std::span<const std::uint8_t, N> fixed(const Bytes& b) {
  return std::span<const std::uint8_t, N>(b.data(), N);
}

Status hashes() {
  XTT_TRY(expect("SHA-256", sha256(ascii("abc")),
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  XTT_TRY(expect("SHA-512", sha512(ascii("abc")),
                 "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                 "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"));
  // RFC 7693 Appendix A.
  XTT_TRY(expect("BLAKE2b-512", blake2b512(ascii("abc")),
                 "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                 "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"));
  // RFC 4231 test case 2.
  XTT_TRY(expect("HMAC-SHA-512", hmac_sha512(ascii("Jefe"), ascii("what do ya want for nothing?")),
                 "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                 "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"));
  XTT_TRY(expect("HMAC-SHA-256", hmac_sha256(ascii("Jefe"), ascii("what do ya want for nothing?")),
                 "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
  // Keyed BLAKE2b with a 32-byte digest length (openssl mac BLAKE2BMAC).
  Bytes key(64);
  for (std::size_t i = 0; i < key.size(); ++i) {
    key[i] = static_cast<std::uint8_t>(i);
  }
  std::uint8_t out[32];
  XTT_TRY(prf(HashAlg::kBlake2b, key, ascii("XTT prf test input"), out));
  return expect("PRF BLAKE2b", out,
                "5c1719f8062ca5c3fa905337672d2028e753198c725a4dddd6d0d61d404a809a");
}

Status x25519_kat() {
  // RFC 7748 §5.2, first vector.
  const Bytes scalar = h("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
  const Bytes u = h("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
  const SecretBytes<32> secret(fixed<32>(scalar));
  auto z = XTT_TRY(x25519::derive(secret, fixed<32>(u)));
  return expect("X25519", z.span(),
                "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
}

// Wycheproof aes_gcm tcId 91 and chacha20_poly1305 tcId 5: seal must give the
// recorded ciphertext and tag, and open must give the message back.
Status aead_kat(AeadAlg alg, std::string_view key_hex, std::string_view nonce_hex,
                std::string_view aad_hex, std::string_view msg_hex, std::string_view sealed_hex) {
  auto key = XTT_TRY(AeadKey::create(alg, h(key_hex)));
  const Bytes nonce = h(nonce_hex);
  const Bytes aad = h(aad_hex);
  const Bytes msg = h(msg_hex);
  Bytes sealed(msg.size() + kAeadTagSize);
  XTT_TRY(key.seal(nonce, aad, msg, sealed));
  XTT_TRY(expect(name_of(alg), sealed, sealed_hex));
  Bytes opened(msg.size());
  XTT_TRY(key.open(nonce, aad, sealed, opened));
  return expect(name_of(alg), opened, msg_hex);
}

Status ecdsa_kat() {
  // RFC 6979 A.2.5, P-256 with SHA-256, message "sample".
  const Bytes x = h("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
  const ecdsa_p256::PrivateKey priv(fixed<32>(x));
  auto pub = XTT_TRY(ecdsa_p256::public_from_private(priv));
  XTT_TRY(expect("P-256 public key", pub,
                 "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
                 "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299"));
  auto sig = XTT_TRY(ecdsa_p256::sign_deterministic(priv, ascii("sample")));
  XTT_TRY(expect("ECDSA P-256 RFC 6979", sig,
                 "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
                 "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"));
  auto verified = ecdsa_p256::verify(pub, ascii("sample"), sig);
  XTT_ENSURE(verified.has_value(), ErrorCode::kCryptoFailure, "self-test failed: ECDSA verify");
  sig[10] ^= 1;
  XTT_ENSURE(!ecdsa_p256::verify(pub, ascii("sample"), sig).has_value(), ErrorCode::kCryptoFailure,
             "self-test failed: ECDSA accepts a bad signature");
  return ok();
}

Status ed25519_kat() {
  // RFC 8032 §7.1, TEST 1 (empty message).
  const Bytes seed = h("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  auto pair = XTT_TRY(ed25519::keypair(fixed<32>(seed)));
  XTT_TRY(expect("Ed25519 public key", pair.public_key,
                 "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
  auto sig = XTT_TRY(ed25519::sign(pair.seed, {}));
  XTT_TRY(expect("Ed25519", sig,
                 "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
                 "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));
  auto verified = ed25519::verify(pair.public_key, {}, sig);
  XTT_ENSURE(verified.has_value(), ErrorCode::kCryptoFailure, "self-test failed: Ed25519 verify");
  return ok();
}

}  // namespace

Status self_test() {
  XTT_TRY(hashes());
  XTT_TRY(x25519_kat());
  XTT_TRY(aead_kat(AeadAlg::kAes256Gcm,
                   "92ace3e348cd821092cd921aa3546374299ab46209691bc28b8752d17f123c20",
                   "00112233445566778899aabb", "00000000ffffffff", "00010203040506070809",
                   "e27abdd2d2a53d2f136b9a4a2579529301bcfb71c78d4060f52c"));
  XTT_TRY(aead_kat(AeadAlg::kChaCha20Poly1305,
                   "46f0254965f769d52bdb4a70b443199f8ef207520d1220c55e4b70f0fda620ee",
                   "ab0dca716ee051d2782f4403", "91ca6c592cbcca53", "51",
                   "c4168310ca45b1f7c66cad4e99e43f72b9"));
  XTT_TRY(ecdsa_kat());
  return ed25519_kat();
}

}  // namespace xtt::crypto
