// Crypto facade benchmarks. Yardstick_EcdsaP256Verify is the project's unit
// of cost (other benchmarks are reported as multiples of it); the
// Yardstick_RawAead* pair measures raw EVP on the same buffers so the
// facade's per-packet overhead can be read off directly.

#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <cstdint>
#include <memory>

#include "crypto/aead.hpp"
#include "crypto/ecdsa_p256.hpp"
#include "crypto/hash.hpp"
#include "crypto/prf.hpp"
#include "crypto/random.hpp"
#include "crypto/x25519.hpp"

namespace xtt::crypto {
namespace {

Bytes pattern(std::size_t n, std::uint8_t seed) {
  Bytes out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = static_cast<std::uint8_t>(seed + i * 31);
  }
  return out;
}

// 64 bytes: what the handshake signs (a suite-hash value).
const Bytes kMessage = pattern(64, 1);

ecdsa_p256::KeyPair bench_keypair() {
  auto pair = ecdsa_p256::generate(system_random());
  if (!pair) {
    std::abort();
  }
  return std::move(pair).value();
}

// THE yardstick: one ECDSA P-256 (SHA-256) verification through the facade
// with the public key already imported, the operation `openssl speed
// ecdsap256` times as "verify".
void Yardstick_EcdsaP256Verify(benchmark::State& state) {
  const auto pair = bench_keypair();
  const auto sig = ecdsa_p256::sign(pair.private_key, kMessage, system_random()).value();
  const auto key = ecdsa_p256::PublicKey::parse(pair.public_key).value();
  for (auto _ : state) {
    auto st = key.verify(kMessage, sig);
    benchmark::DoNotOptimize(st);
  }
}
BENCHMARK(Yardstick_EcdsaP256Verify);

// What a handshake pays per received key: import and check the encoded key,
// then verify (the free function ecdsa_p256::verify).
void EcdsaP256VerifyFreshKey(benchmark::State& state) {
  const auto pair = bench_keypair();
  const auto sig = ecdsa_p256::sign(pair.private_key, kMessage, system_random()).value();
  for (auto _ : state) {
    auto st = ecdsa_p256::verify(pair.public_key, kMessage, sig);
    benchmark::DoNotOptimize(st);
  }
}
BENCHMARK(EcdsaP256VerifyFreshKey);

// Importing and checking a received public key alone.
void EcdsaP256ParsePublicKey(benchmark::State& state) {
  const auto pair = bench_keypair();
  for (auto _ : state) {
    auto key = ecdsa_p256::PublicKey::parse(pair.public_key);
    benchmark::DoNotOptimize(key);
  }
}
BENCHMARK(EcdsaP256ParsePublicKey);

void EcdsaP256Sign(benchmark::State& state) {
  const auto pair = bench_keypair();
  for (auto _ : state) {
    auto sig = ecdsa_p256::sign(pair.private_key, kMessage, system_random());
    benchmark::DoNotOptimize(sig);
  }
}
BENCHMARK(EcdsaP256Sign);

void EcdsaP256SignDeterministic(benchmark::State& state) {
  const auto pair = bench_keypair();
  for (auto _ : state) {
    auto sig = ecdsa_p256::sign_deterministic(pair.private_key, kMessage);
    benchmark::DoNotOptimize(sig);
  }
}
BENCHMARK(EcdsaP256SignDeterministic);

// The handshake's derivation: own key pair, received public key.
void X25519Derive(benchmark::State& state) {
  const auto own = x25519::generate(system_random()).value();
  const auto peer = x25519::generate(system_random()).value();
  for (auto _ : state) {
    auto z = x25519::derive(own, peer.public_key);
    benchmark::DoNotOptimize(z);
  }
}
BENCHMARK(X25519Derive);

// From the secret alone OpenSSL also computes the own public key.
void X25519DeriveFromSecret(benchmark::State& state) {
  const auto own = x25519::generate(system_random()).value();
  const auto peer = x25519::generate(system_random()).value();
  for (auto _ : state) {
    auto z = x25519::derive(own.secret, peer.public_key);
    benchmark::DoNotOptimize(z);
  }
}
BENCHMARK(X25519DeriveFromSecret);

void X25519Generate(benchmark::State& state) {
  for (auto _ : state) {
    auto pair = x25519::generate(system_random());
    benchmark::DoNotOptimize(pair);
  }
}
BENCHMARK(X25519Generate);

// Per-packet sealing as the record layer does it: one key object, a new
// nonce each time, a 13-byte header as AD.
void AeadSeal(benchmark::State& state, AeadAlg alg) {
  const auto len = static_cast<std::size_t>(state.range(0));
  auto key = AeadKey::create(alg, pattern(kAeadKeySize, 9)).value();
  const Bytes aad = pattern(13, 3);
  const Bytes plaintext = pattern(len, 5);
  Bytes out(len + kAeadTagSize);
  Bytes nonce = pattern(kAeadNonceSize, 7);
  std::uint32_t seq = 0;
  for (auto _ : state) {
    nonce[11] = static_cast<std::uint8_t>(seq++);
    auto st = key.seal(nonce, aad, plaintext, out);
    benchmark::DoNotOptimize(st);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * len));
}
BENCHMARK_CAPTURE(AeadSeal, ChaCha20Poly1305, AeadAlg::kChaCha20Poly1305)->Arg(1024);
BENCHMARK_CAPTURE(AeadSeal, Aes256Gcm, AeadAlg::kAes256Gcm)->Arg(1024);

void AeadOpen(benchmark::State& state, AeadAlg alg) {
  const auto len = static_cast<std::size_t>(state.range(0));
  auto key = AeadKey::create(alg, pattern(kAeadKeySize, 9)).value();
  const Bytes aad = pattern(13, 3);
  const Bytes nonce = pattern(kAeadNonceSize, 7);
  Bytes sealed(len + kAeadTagSize);
  if (!key.seal(nonce, aad, pattern(len, 5), sealed)) {
    std::abort();
  }
  Bytes out(len);
  for (auto _ : state) {
    auto st = key.open(nonce, aad, sealed, out);
    benchmark::DoNotOptimize(st);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * len));
}
BENCHMARK_CAPTURE(AeadOpen, ChaCha20Poly1305, AeadAlg::kChaCha20Poly1305)->Arg(1024);
BENCHMARK_CAPTURE(AeadOpen, Aes256Gcm, AeadAlg::kAes256Gcm)->Arg(1024);

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
struct CipherFree {
  void operator()(EVP_CIPHER* c) const { EVP_CIPHER_free(c); }
};

// The same work with raw EVP calls and the best reuse EVP allows: the cipher
// fetched and the key scheduled once, only the nonce set per packet.
void Yardstick_RawAeadSeal(benchmark::State& state, AeadAlg alg) {
  const auto len = static_cast<std::size_t>(state.range(0));
  std::unique_ptr<EVP_CIPHER, CipherFree> cipher(EVP_CIPHER_fetch(
      nullptr, alg == AeadAlg::kAes256Gcm ? "AES-256-GCM" : "ChaCha20-Poly1305", nullptr));
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  const Bytes key = pattern(kAeadKeySize, 9);
  if (!cipher || !ctx ||
      EVP_EncryptInit_ex2(ctx.get(), cipher.get(), key.data(), nullptr, nullptr) != 1) {
    std::abort();
  }
  const Bytes aad = pattern(13, 3);
  const Bytes plaintext = pattern(len, 5);
  Bytes out(len + kAeadTagSize);
  Bytes nonce = pattern(kAeadNonceSize, 7);
  std::uint32_t seq = 0;
  for (auto _ : state) {
    nonce[11] = static_cast<std::uint8_t>(seq++);
    int n = 0;
    int ok = EVP_EncryptInit_ex2(ctx.get(), nullptr, nullptr, nonce.data(), nullptr);
    ok &= EVP_EncryptUpdate(ctx.get(), nullptr, &n, aad.data(), static_cast<int>(aad.size()));
    ok &= EVP_EncryptUpdate(ctx.get(), out.data(), &n, plaintext.data(),
                            static_cast<int>(plaintext.size()));
    ok &= EVP_EncryptFinal_ex(ctx.get(), out.data() + n, &n);
    ok &= EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, kAeadTagSize, out.data() + len);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * len));
}
BENCHMARK_CAPTURE(Yardstick_RawAeadSeal, ChaCha20Poly1305, AeadAlg::kChaCha20Poly1305)->Arg(1024);
BENCHMARK_CAPTURE(Yardstick_RawAeadSeal, Aes256Gcm, AeadAlg::kAes256Gcm)->Arg(1024);

void Sha512(benchmark::State& state) {
  const Bytes data = pattern(static_cast<std::size_t>(state.range(0)), 2);
  for (auto _ : state) {
    benchmark::DoNotOptimize(sha512(data));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}
BENCHMARK(Sha512)->Arg(64)->Arg(1024);

void Blake2b(benchmark::State& state) {
  const Bytes data = pattern(static_cast<std::size_t>(state.range(0)), 2);
  for (auto _ : state) {
    benchmark::DoNotOptimize(blake2b512(data));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}
BENCHMARK(Blake2b)->Arg(64)->Arg(1024);

// One key-schedule step (spec §3.3): 64-byte key, hash || 24-byte label in,
// 32 bytes out.
void Prf(benchmark::State& state, HashAlg alg) {
  const Bytes key = pattern(64, 4);
  const Bytes input = pattern(88, 6);
  Bytes out(32);
  for (auto _ : state) {
    auto st = prf(alg, key, input, out);
    benchmark::DoNotOptimize(st);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK_CAPTURE(Prf, Sha512, HashAlg::kSha512);
BENCHMARK_CAPTURE(Prf, Blake2b, HashAlg::kBlake2b);

}  // namespace
}  // namespace xtt::crypto
