// Yardstick for the session handshake (issue: >= 2x as many per second as
// TLS 1.3): one OpenSSL TLS 1.3 full handshake with mutual ECDSA P-256
// certificate authentication, in process over memory BIOs. Only the server's
// SSL_do_handshake calls are timed (manual time), as SessionHandshakeServer
// times only the XTT server's work. OpenSSL headers are fine here: bench/ is
// not a layer.
#include <benchmark/benchmark.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <chrono>
#include <cstdlib>
#include <memory>

namespace {

struct Identity {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
};

Identity make_identity(const char* cn) {
  Identity id;
  id.key = EVP_EC_gen("P-256");
  id.cert = X509_new();
  X509_set_version(id.cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(id.cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(id.cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(id.cert), 86400);
  X509_NAME* name = X509_get_subject_name(id.cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn),
                             -1, -1, 0);
  X509_set_issuer_name(id.cert, name);
  X509_set_pubkey(id.cert, id.key);
  X509_sign(id.cert, id.key, EVP_sha256());
  return id;
}

SSL_CTX* make_ctx(bool server, const Identity& own, const Identity& peer) {
  SSL_CTX* ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
  SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
  SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
  SSL_CTX_use_certificate(ctx, own.cert);
  SSL_CTX_use_PrivateKey(ctx, own.key);
  X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), peer.cert);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_num_tickets(ctx, 0);  // a full handshake, nothing to resume
  // X25519 and ECDSA P-256, as XTT's session handshake uses.
  SSL_CTX_set1_groups_list(ctx, "X25519");
  SSL_CTX_set1_sigalgs_list(ctx, "ECDSA+SHA256");
  return ctx;
}

void Yardstick_TlsMutualHandshake(benchmark::State& state) {
  static const Identity server_id = make_identity("server");
  static const Identity client_id = make_identity("client");
  SSL_CTX* sctx = make_ctx(true, server_id, client_id);
  SSL_CTX* cctx = make_ctx(false, client_id, server_id);
  for (auto _ : state) {
    SSL* s = SSL_new(sctx);
    SSL* c = SSL_new(cctx);
    BIO* sb = nullptr;
    BIO* cb = nullptr;
    BIO_new_bio_pair(&sb, 0, &cb, 0);
    SSL_set_bio(s, sb, sb);
    SSL_set_bio(c, cb, cb);
    SSL_set_accept_state(s);
    SSL_set_connect_state(c);
    std::chrono::duration<double> server_time{0};
    bool c_done = false;
    bool s_done = false;
    for (int round = 0; round < 10 && !(c_done && s_done); ++round) {
      if (!c_done) {
        c_done = SSL_do_handshake(c) == 1;
      }
      if (!s_done) {
        const auto t0 = std::chrono::steady_clock::now();
        s_done = SSL_do_handshake(s) == 1;
        server_time += std::chrono::steady_clock::now() - t0;
      }
    }
    if (!c_done || !s_done) {
      state.SkipWithError("TLS handshake did not complete");
      ERR_print_errors_fp(stderr);
    }
    state.SetIterationTime(server_time.count());
    SSL_free(s);
    SSL_free(c);
  }
  SSL_CTX_free(sctx);
  SSL_CTX_free(cctx);
}
BENCHMARK(Yardstick_TlsMutualHandshake)->UseManualTime()->Unit(benchmark::kMicrosecond);

}  // namespace
