// Records (§6.4): one seal and one open per iteration through the Session API,
// against the bare OpenSSL AEAD doing the same cryptographic work. The gap
// between the two is what the record layer costs (header, replay window,
// limits, dispatch). docs/performance.md ("Records") records the ratio.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "record/session.hpp"

namespace {

using namespace xtt;
using namespace xtt::record;

constexpr UnixTime kNow = 1'700'000'000;

SessionKeys bench_keys() {
  SessionKeys k;
  k.suite = wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512;
  for (std::size_t i = 0; i < 16; ++i) {
    k.session_id.bytes[i] = static_cast<std::uint8_t>(i);
  }
  for (std::size_t i = 0; i < 32; ++i) {
    k.client_key.data()[i] = static_cast<std::uint8_t>(3 * i + 1);
    k.server_key.data()[i] = static_cast<std::uint8_t>(5 * i + 2);
  }
  for (std::size_t i = 0; i < 12; ++i) {
    k.client_iv.data()[i] = static_cast<std::uint8_t>(7 * i);
    k.server_iv.data()[i] = static_cast<std::uint8_t>(11 * i);
  }
  return k;
}

void RecordSealOpen(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const SessionKeys keys = bench_keys();
  SessionOptions server_options;
  server_options.confirmed = true;
  auto client = Session::create(Role::kClient, keys, kNow);
  auto server = Session::create(Role::kServer, keys, kNow, server_options);
  if (!client || !server) {
    state.SkipWithError("session setup failed");
    return;
  }
  const std::vector<std::uint8_t> payload(n, 0xab);
  std::vector<std::uint8_t> record(kRecordOverhead + n);
  std::vector<std::uint8_t> plain(n + 1);
  for (auto _ : state) {
    auto written = client->seal(0x01, payload, record, kNow);
    const Opened r = server->open(ByteSpan(record.data(), *written), plain, kNow);
    benchmark::DoNotOptimize(r);
    if (r.outcome != RecordOutcome::kDelivered) {
      state.SkipWithError("record did not open");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(RecordSealOpen)->Arg(64)->Arg(256)->Arg(1280)->Arg(16384);

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using Ctx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

// The floor: EVP ChaCha20-Poly1305 with contexts keyed once and a fresh
// nonce per record, doing exactly the record's cryptographic work: the
// 24-byte AD and payload_type || payload (1 + n bytes) sealed into a second
// buffer and opened into a third. (The extra byte is the protocol's, not the
// layer's: at n = 64 it costs a second ChaCha20 block.)
void Yardstick_RawAeadSealOpen(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0)) + 1;
  std::uint8_t key[32];
  std::uint8_t nonce[12] = {};
  std::uint8_t aad[24] = {};
  std::uint8_t tag[16];
  for (std::size_t i = 0; i < sizeof(key); ++i) {
    key[i] = static_cast<std::uint8_t>(i);
  }
  Ctx enc(EVP_CIPHER_CTX_new());
  Ctx dec(EVP_CIPHER_CTX_new());
  if (EVP_EncryptInit_ex2(enc.get(), EVP_chacha20_poly1305(), key, nullptr, nullptr) != 1 ||
      EVP_DecryptInit_ex2(dec.get(), EVP_chacha20_poly1305(), key, nullptr, nullptr) != 1) {
    state.SkipWithError("EVP setup failed");
    return;
  }
  const std::vector<std::uint8_t> payload(n, 0xab);
  std::vector<std::uint8_t> sealed(n);
  std::vector<std::uint8_t> opened(n);
  std::uint32_t seq = 0;
  const int len = static_cast<int>(n);
  for (auto _ : state) {
    ++seq;
    std::memcpy(nonce + 8, &seq, sizeof(seq));
    std::memcpy(aad + 20, &seq, sizeof(seq));
    int out = 0;
    int ok = EVP_EncryptInit_ex2(enc.get(), nullptr, nullptr, nonce, nullptr);
    ok &= EVP_EncryptUpdate(enc.get(), nullptr, &out, aad, sizeof(aad));
    ok &= EVP_EncryptUpdate(enc.get(), sealed.data(), &out, payload.data(), len);
    ok &= EVP_EncryptFinal_ex(enc.get(), sealed.data() + out, &out);
    ok &= EVP_CIPHER_CTX_ctrl(enc.get(), EVP_CTRL_AEAD_GET_TAG, 16, tag);
    ok &= EVP_DecryptInit_ex2(dec.get(), nullptr, nullptr, nonce, nullptr);
    ok &= EVP_CIPHER_CTX_ctrl(dec.get(), EVP_CTRL_AEAD_SET_TAG, 16, tag);
    ok &= EVP_DecryptUpdate(dec.get(), nullptr, &out, aad, sizeof(aad));
    ok &= EVP_DecryptUpdate(dec.get(), opened.data(), &out, sealed.data(), len);
    ok &= EVP_DecryptFinal_ex(dec.get(), opened.data() + out, &out);
    benchmark::DoNotOptimize(opened.data());
    if (ok != 1) {
      state.SkipWithError("raw AEAD failed");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * (n - 1)));
}
BENCHMARK(Yardstick_RawAeadSealOpen)->Arg(64)->Arg(256)->Arg(1280)->Arg(16384);

}  // namespace
