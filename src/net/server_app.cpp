#include "net/server_app.hpp"

#include <spdlog/spdlog.h>

#include "base/hex.hpp"
#include "crypto/random.hpp"

namespace xtt::net {

std::string_view kind_name(handshake::HandshakeKind kind) {
  switch (kind) {
    case handshake::HandshakeKind::kIdentity:
      return "identity";
    case handshake::HandshakeKind::kIdentityOneShot:
      return "identity-oneshot";
    case handshake::HandshakeKind::kSession:
      return "session";
    case handshake::HandshakeKind::kSessionOneShot:
      return "session-oneshot";
  }
  return "unknown";
}

ServerApp::ServerApp(std::shared_ptr<const handshake::ServerConfig> config,
                     std::shared_ptr<store::Store> store, Metrics& metrics,
                     RateLimiter::Options daa_limits)
    : config_(std::move(config)),
      store_(std::move(store)),
      metrics_(metrics),
      daa_limiter_(daa_limits) {}

std::optional<handshake::GroupInfo> ServerApp::lookup_group(const wire::GroupId& gid) {
  auto found = store_->find_group(gid);
  if (!found || !found->has_value()) {
    return std::nullopt;
  }
  const store::GroupRecord& group = **found;
  std::shared_ptr<const daa::PreparedGroupKey> key;
  {
    std::lock_guard lock(groups_mu_);
    if (auto it = prepared_.find(gid); it != prepared_.end()) {
      key = it->second;
    }
  }
  if (!key) {
    auto gpk = daa::GroupPublicKey::decode(group.public_key);
    if (!gpk) {
      return std::nullopt;
    }
    auto prepared = daa::PreparedGroupKey::make(*gpk, group.basename);
    if (!prepared) {
      return std::nullopt;
    }
    key = std::make_shared<const daa::PreparedGroupKey>(std::move(prepared).value());
    std::lock_guard lock(groups_mu_);
    prepared_.emplace(gid, key);
  }
  handshake::GroupInfo info;
  info.key = std::move(key);
  info.basename = group.basename;
  for (const auto& sk : group.revoked_secret_keys) {
    if (auto s = daa::Scalar::from_bytes(sk)) {
      info.revoked.secret_keys.push_back(*s);
    }
  }
  for (const auto& k : group.revoked_pseudonyms) {
    info.revoked.pseudonyms.push_back(k.bytes);
  }
  return info;
}

Result<handshake::ServerOutput> ServerApp::resolve(handshake::ServerHandshake& engine,
                                                   handshake::ServerOutput out, std::int64_t now,
                                                   const std::optional<record::PeerAddress>& peer) {
  using handshake::ServerState;
  while (true) {
    switch (out.state) {
      case ServerState::kAwaitGroup: {
        // The group resolves right before the pseudonym check, the long-term
        // signature and the pairings: this is where a DAA verification is
        // spent, so the §6.8 DAA budget is charged here. The sender has
        // already proven Z (and, with address binding, its address).
        const std::array<std::uint8_t, 16> source =
            peer ? peer->ip : std::array<std::uint8_t, 16>{};
        if (!daa_limiter_.allow(source, std::chrono::steady_clock::now())) {
          metrics_.count_rejected("daa-rate-limited");
          out = XTT_TRY(engine.refuse(make_error(ErrorCode::kRateLimited,
                                                 "DAA verification budget spent for this source")));
          break;
        }
        out = XTT_TRY(engine.resume_group(lookup_group(engine.group_lookup()->gid)));
        break;
      }
      case ServerState::kAwaitProvision: {
        const handshake::ProvisionIdentity& p = *engine.provision_identity();
        store::ProvisionRequest req;
        req.requested_id = p.requested_client_id;
        req.gid = p.gid;
        req.algorithm = p.signature_kind;
        req.longterm_public_key = p.client_longterm_pub;
        req.pseudonym = p.pseudonym;
        req.longterm_secret = p.longterm_secret.span();
        req.now = now;
        // §6.1: a requested ID held by another member gets a different one.
        req.on_conflict = store::ConflictPolicy::kAssignFresh;
        auto provisioned = store_->provision_identity(req, crypto::system_random());
        if (!provisioned) {
          out = XTT_TRY(engine.resume_provision(std::move(provisioned).error()));
        } else {
          out = XTT_TRY(engine.resume_provision(provisioned->identity.client_id));
        }
        break;
      }
      case ServerState::kAwaitClient: {
        auto found = store_->find_identity(engine.client_lookup()->client_id);
        std::optional<handshake::ClientRecord> record;
        if (found && found->has_value()) {
          const store::IdentityRecord& id = **found;
          handshake::ClientRecord r;
          r.signature_kind = id.algorithm;
          r.longterm_pub = id.longterm_public_key;
          if (id.longterm_secret.size() == r.longterm_secret.size()) {
            std::copy(id.longterm_secret.span().begin(), id.longterm_secret.span().end(),
                      r.longterm_secret.data());
          }
          r.revoked = id.revoked;
          record = std::move(r);
        }
        out = XTT_TRY(engine.resume_client(std::move(record)));
        break;
      }
      case ServerState::kAwaitRegister: {
        // §6.1: a session_id collision fails the handshake; nothing is
        // overwritten.
        const bool taken = sessions_.status(engine.register_session()->session_id).has_value();
        out = XTT_TRY(engine.resume_register(
            taken ? Status(make_error(ErrorCode::kConflict, "session_id collision")) : ok()));
        break;
      }
      default:
        return out;
    }
  }
}

Status ServerApp::finish(handshake::ServerHandshake& engine, std::int64_t now,
                         const std::optional<record::PeerAddress>& peer) {
  const handshake::ServerResult& result = *engine.result();
  metrics_.count_handshake(std::string(kind_name(result.kind)),
                           static_cast<std::uint16_t>(result.suite), "ok");
  spdlog::info("event=handshake kind={} suite={} result=ok client_id={}", kind_name(result.kind),
               static_cast<unsigned>(result.suite),
               result.client_id ? to_hex(result.client_id->bytes) : std::string("-"));
  if (result.client_id && result.kind != handshake::HandshakeKind::kIdentityOneShot) {
    (void)store_->touch_identity(*result.client_id, now);
  }
  if (!result.session || !result.client_id) {
    return ok();
  }
  record::SessionOptions options;
  options.confirmed = result.session_confirmed;
  options.peer = peer;
  auto session =
      XTT_TRY(record::Session::create(record::Role::kServer, *result.session, now, options));
  XTT_TRY(sessions_.insert(*result.client_id, std::move(session), now));
  metrics_.active_sessions.store(static_cast<std::int64_t>(sessions_.size()));
  return ok();
}

HandshakeStep ServerApp::on_message(handshake::ServerHandshake& engine, ByteSpan message,
                                    std::int64_t now,
                                    const std::optional<record::PeerAddress>& peer) {
  HandshakeStep step;
  auto out = engine.receive(message, static_cast<std::uint64_t>(now));
  if (out) {
    out = resolve(engine, std::move(out).value(), now, peer);
  }
  if (!out) {
    step.failed = true;
    step.finished = true;
    step.error = out.error();
    if (engine.error_message()) {
      step.send = *engine.error_message();
    }
    metrics_.count_handshake("any", 0, std::string(name_of(out.error().code)));
    spdlog::warn("event=handshake result=failed error=\"{}\"", out.error().to_string());
    metrics_.count_rejected(std::string(name_of(out.error().code)));
    return step;
  }
  step.send = std::move(out->send);
  if (out->state == handshake::ServerState::kDone) {
    step.finished = true;
    if (Status st = finish(engine, now, peer); !st) {
      step.failed = true;
      step.error = st.error();
    }
  }
  return step;
}

}  // namespace xtt::net
