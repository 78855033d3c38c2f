#pragma once

// xtt: the public C++ API (C++20). Include this one header; link xtt::xtt
// (CMake: find_package(xtt)) or `pkg-config --cflags --libs xtt`.
//
// The protocol core is sans-IO: engines take whole messages, the time (Unix
// seconds) and a source of randomness, and return bytes to send. Nothing in
// them throws; every fallible call returns xtt::Result<T> / xtt::Status
// (base/result.hpp), whose Error carries a grouped code and a message.
//
// Device side
//   handshake::ClientHandshake::identity(IdentityClientConfig, Random&)
//       identity provisioning (DAA membership -> ClientID, long-term key,
//       long-term secret, session keys); libxtt 0.12 compatible on suites 1-4
//   handshake::ClientHandshake::session(SessionClientConfig, Random&)
//       a session with a provisioned identity
//   ClientHandshake::start() -> ClientInit; receive(message, now) until
//   state() == kDone; take_result() -> handshake::ClientResult
//   net::run_handshake(host, port, engine, timeout) drives one over TCP,
//   net::run_handshake_udp(...) over UDP with retransmission
//   record::Session (seal/open records), net::RecordChannel (records over UDP)
//
// Server side
//   handshake::ServerHandshake(shared_ptr<const ServerConfig>, Random&)
//       receive(message, now); it pauses for the caller to look up the DAA
//       group (resume_group), provision and durably store the identity
//       (resume_provision: ServerFinished is sent only after this), look up
//       a ClientID (resume_client) and register a session (resume_register)
//   net::Server::start(ServerOptions, config, store): the whole server
//       (handshakes over TCP and UDP, records over UDP, §6.8 limits, and
//       with ServerOptions::cookie_sync the stateless-cookie secrets shared
//       across the nodes of a replay domain)
//   record::SessionTable: sessions by SessionID, replay windows, roaming
//
// Identity store
//   store::open_store("sqlite:/path" | "postgres://..." | "memory:") ->
//   store::Store (groups, identities, sessions, cookie replay cache)
//
// Keys, certificates, DAA
//   handshake::SigningKey, handshake::TrustedRoot,
//   handshake::ServerCredential, handshake::make_server_certificate;
//   wire::ServerCertificate, wire::RootCertificate; daa::issuer_keygen,
//   daa::member_keygen, daa::issue_credential, daa::sign, daa::verify;
//   crypto::system_random() (the OS CSPRNG)

#include "base/result.hpp"
#include "crypto/random.hpp"
#include "daa/credential.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"
#include "daa/sign.hpp"
#include "daa/verify.hpp"
#include "handshake/client_engine.hpp"
#include "handshake/credentials.hpp"
#include "handshake/server_engine.hpp"
#include "net/client.hpp"
#include "net/server.hpp"
#include "record/session.hpp"
#include "record/session_table.hpp"
#include "store/store.hpp"
#include "wire/root_certificate.hpp"
#include "wire/server_certificate.hpp"
