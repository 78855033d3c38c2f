#include "daa/vector_check.hpp"

#include <algorithm>
#include <functional>
#include <optional>

#include "base/hex.hpp"
#include "base/random.hpp"
#include "daa/credential.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"
#include "daa/sign.hpp"
#include "daa/verify.hpp"

namespace xtt::daa {
namespace {

// Records one case: ok, or the first reason it failed.
class Recorder {
 public:
  Recorder(VectorReport& report, std::string_view label) : report_(report), label_(label) {}

  void run(const std::string& name, const std::function<Status()>& body) {
    const Status st = body();
    if (st) {
      ++report_.passed;
      return;
    }
    ++report_.failed;
    report_.failures.push_back(label_ + ": " + name + ": " + st.error().detail);
  }

 private:
  VectorReport& report_;
  std::string label_;
};

Error mismatch(std::string what) {
  return make_error(ErrorCode::kInvalidArgument, std::move(what));
}

Status expect_bytes(ByteSpan got, ByteSpan want, const std::string& what) {
  if (std::equal(got.begin(), got.end(), want.begin(), want.end())) {
    return ok();
  }
  return mismatch(what + " differs: got " + to_hex(got) + ", want " + to_hex(want));
}

// ecdaa's convention: 0 means success; anything else a failure.
Status expect_outcome(const Status& ours, std::int64_t theirs, const std::string& what) {
  const bool want_ok = theirs == 0;
  if (ours.has_value() == want_ok) {
    return ok();
  }
  if (want_ok) {
    return mismatch(what + " failed (" + ours.error().to_string() + "), ecdaa accepted it");
  }
  return mismatch(what + " succeeded, the file expects failure (" + std::to_string(theirs) + ")");
}

template <typename T>
Status status_of(const Result<T>& r) {
  if (r) {
    return ok();
  }
  return r.error();
}

struct Keys {
  Bytes isk, ipk, gpk, nonce, msk, mpk, cred, cred_sig;
};

Result<Keys> read_keys(const json::Value& root) {
  const json::Value* k = XTT_TRY(root.at("keys"));
  Keys keys;
  keys.isk = XTT_TRY(k->hex("issuer_secret_key"));
  keys.ipk = XTT_TRY(k->hex("issuer_public_key"));
  keys.gpk = XTT_TRY(k->hex("group_public_key"));
  keys.nonce = XTT_TRY(k->hex("join_nonce"));
  keys.msk = XTT_TRY(k->hex("member_secret_key"));
  keys.mpk = XTT_TRY(k->hex("member_public_key"));
  keys.cred = XTT_TRY(k->hex("credential"));
  keys.cred_sig = XTT_TRY(k->hex("credential_signature"));
  return keys;
}

// deserialize_checks entries are named with a parenthesised note; match on
// the prefix so the note's wording does not matter.
Result<std::int64_t> deserialize_check(const json::Value& root, std::string_view prefix) {
  const json::Value* checks = XTT_TRY(root.at("deserialize_checks"));
  for (const auto& [name, value] : checks->members()) {
    if (name.rfind(prefix, 0) == 0) {
      return value.integer();
    }
  }
  return mismatch("deserialize_checks has no entry for " + std::string(prefix));
}

struct Draw {
  std::int64_t index = 0;
  std::string phase;
  Bytes bytes;
};

Result<std::vector<Draw>> read_draws(const json::Value& root) {
  std::vector<Draw> draws;
  const json::Value* list = root.find("random_draws");
  if (list == nullptr) {
    return draws;
  }
  for (const json::Value& d : list->items()) {
    Draw draw;
    draw.index = XTT_TRY(d.integer("index"));
    draw.phase = std::string(XTT_TRY(d.str("phase")));
    draw.bytes = XTT_TRY(d.hex("hex"));
    const std::int64_t len = XTT_TRY(d.integer("len"));
    if (len < 0 || static_cast<std::size_t>(len) != draw.bytes.size()) {
      return mismatch("draw " + std::to_string(draw.index) + " has the wrong length");
    }
    draws.push_back(std::move(draw));
  }
  return draws;
}

std::vector<Bytes> draws_of_phase(const std::vector<Draw>& draws, std::string_view phase) {
  std::vector<Bytes> out;
  for (const Draw& d : draws) {
    if (d.phase == phase) {
      out.push_back(d.bytes);
    }
  }
  return out;
}

Status check_replay_used_all(const ReplayRandom& rng, std::string_view what) {
  XTT_ENSURE(rng.exhausted(), ErrorCode::kInvalidArgument,
             std::string(what) + " used fewer random draws than recorded");
  return ok();
}

void check_keys(Recorder& rec, const json::Value& root, const Keys& keys) {
  rec.run("keys/issuer_secret_key", [&]() -> Status {
    const IssuerSecretKey isk = XTT_TRY(IssuerSecretKey::decode(keys.isk));
    const GroupPublicKey gpk = XTT_TRY(GroupPublicKey::decode(keys.gpk));
    const G2 p2 = G2::generator();
    XTT_ENSURE(p2.mul(isk.x()) == gpk.x() && p2.mul(isk.y()) == gpk.y(),
               ErrorCode::kInvalidArgument, "x*P2, y*P2 are not the group public key");
    return ok();
  });
  rec.run("keys/issuer_public_key", [&]() -> Status {
    const std::int64_t want = XTT_TRY(deserialize_check(root, "issuer_public_key"));
    const auto ipk = IssuerPublicKey::decode(keys.ipk);
    XTT_TRY(expect_outcome(status_of(ipk), want, "issuer public key decode and proof"));
    if (ipk) {
      XTT_TRY(expect_bytes(ipk->group_public_key().encode(), keys.gpk, "gpk inside the ipk"));
    }
    return ok();
  });
  rec.run("keys/group_public_key",
          [&]() -> Status { return status_of(GroupPublicKey::decode(keys.gpk)); });
  rec.run("keys/member_secret_key", [&]() -> Status {
    const MemberSecretKey msk = XTT_TRY(MemberSecretKey::decode(keys.msk));
    const MemberPublicKey mpk = XTT_TRY(MemberPublicKey::decode_unverified(keys.mpk));
    XTT_ENSURE(msk.public_point() == mpk.q(), ErrorCode::kInvalidArgument,
               "sk * P1 is not the member public key's Q");
    return ok();
  });
  rec.run("keys/member_public_key", [&]() -> Status {
    const std::int64_t want = XTT_TRY(deserialize_check(root, "member_public_key"));
    return expect_outcome(status_of(MemberPublicKey::decode(keys.mpk, keys.nonce)), want,
                          "member public key decode and proof");
  });
  rec.run("keys/credential", [&]() -> Status {
    const std::int64_t want = XTT_TRY(deserialize_check(root, "credential"));
    const auto check = [&]() -> Status {
      const Credential cred = XTT_TRY(Credential::decode(keys.cred));
      const CredentialSignature sig = XTT_TRY(CredentialSignature::decode(keys.cred_sig));
      const MemberPublicKey mpk = XTT_TRY(MemberPublicKey::decode_unverified(keys.mpk));
      const GroupPublicKey gpk = XTT_TRY(GroupPublicKey::decode(keys.gpk));
      return verify_credential(cred, sig, mpk.q(), gpk);
    };
    return expect_outcome(check(), want, "credential decode and verify");
  });
}

void check_reproduction(Recorder& rec, const std::vector<Draw>& draws, const Keys& keys) {
  const std::vector<Bytes> issuer_draws = draws_of_phase(draws, "issuer_keypair");
  if (!issuer_draws.empty()) {
    rec.run("reproduce/issuer_keypair", [&]() -> Status {
      ReplayRandom rng(issuer_draws);
      const IssuerKeyPair kp = XTT_TRY(issuer_keygen(rng));
      XTT_TRY(check_replay_used_all(rng, "issuer_keygen"));
      XTT_TRY(expect_bytes(kp.secret.encode().span(), keys.isk, "issuer secret key"));
      XTT_TRY(expect_bytes(kp.public_key.encode(), keys.ipk, "issuer public key"));
      return expect_bytes(kp.public_key.group_public_key().encode(), keys.gpk, "group public key");
    });
  }
  const std::vector<Bytes> member_draws = draws_of_phase(draws, "member_keypair");
  if (!member_draws.empty()) {
    rec.run("reproduce/member_keypair", [&]() -> Status {
      ReplayRandom rng(member_draws);
      const MemberKeyPair kp = XTT_TRY(member_keygen(keys.nonce, rng));
      XTT_TRY(check_replay_used_all(rng, "member_keygen"));
      XTT_TRY(expect_bytes(kp.secret.encode().span(), keys.msk, "member secret key"));
      return expect_bytes(kp.public_key.encode(), keys.mpk, "member public key");
    });
  }
  const std::vector<Bytes> credential_draws = draws_of_phase(draws, "credential");
  if (!credential_draws.empty()) {
    rec.run("reproduce/credential", [&]() -> Status {
      const IssuerSecretKey isk = XTT_TRY(IssuerSecretKey::decode(keys.isk));
      const MemberPublicKey mpk = XTT_TRY(MemberPublicKey::decode_unverified(keys.mpk));
      ReplayRandom rng(credential_draws);
      const IssuedCredential issued =
          XTT_TRY(issue_credential(isk, mpk, ByteSpan(keys.nonce), rng));
      XTT_TRY(check_replay_used_all(rng, "issue_credential"));
      XTT_TRY(expect_bytes(issued.credential.encode(), keys.cred, "credential"));
      return expect_bytes(issued.signature.encode(), keys.cred_sig, "credential signature");
    });
  }
}

Result<Bytes> optional_hex(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.find(key);
  if (v == nullptr || v->is_null()) {
    return Bytes{};
  }
  return v->hex();
}

Status check_signature_case(const json::Value& c, const std::vector<Draw>& draws,
                            const Keys& keys) {
  const Bytes message = XTT_TRY(c.hex("message"));
  const Bytes basename = XTT_TRY(optional_hex(c, "basename"));
  const Bytes sig_bytes = XTT_TRY(c.hex("signature"));
  const json::Value* expected_valid_v = XTT_TRY(c.at("expected_valid"));
  const bool expected_valid = XTT_TRY(expected_valid_v->boolean());
  const Result<Signature> sig = Signature::decode(sig_bytes);
  if (const json::Value* d = c.find("deserialize_result")) {
    const std::int64_t want = XTT_TRY(d->integer());
    XTT_TRY(expect_outcome(status_of(sig), want, "signature decode"));
  }
  if (!sig) {
    XTT_ENSURE(!expected_valid, ErrorCode::kInvalidArgument,
               "signature does not decode (" + sig.error().to_string() + ") but should be valid");
    return ok();
  }
  const GroupPublicKey gpk = XTT_TRY(GroupPublicKey::decode(keys.gpk));
  const Status verified = verify(*sig, gpk, message, basename);
  if (const json::Value* v = c.find("verify_result")) {
    const std::int64_t want = XTT_TRY(v->integer());
    if (want != -999) {  // -999: ecdaa did not call verify
      XTT_TRY(expect_outcome(verified, want, "signature verify"));
    }
  }
  XTT_TRY(expect_outcome(verified, expected_valid ? 0 : -1, "signature verify (expected_valid)"));
  const json::Value* indices = c.find("rand_draw_indices");
  if (indices == nullptr) {
    return ok();
  }
  std::vector<Bytes> replay;
  for (const json::Value& idx : indices->items()) {
    const std::int64_t i = XTT_TRY(idx.integer());
    const auto it =
        std::find_if(draws.begin(), draws.end(), [&](const Draw& d) { return d.index == i; });
    XTT_ENSURE(it != draws.end(), ErrorCode::kInvalidArgument,
               "rand_draw_indices names a missing draw " + std::to_string(i));
    replay.push_back(it->bytes);
  }
  const MemberSecretKey msk = XTT_TRY(MemberSecretKey::decode(keys.msk));
  const Credential cred = XTT_TRY(Credential::decode(keys.cred));
  ReplayRandom rng(std::move(replay));
  const Signature ours = XTT_TRY(sign(message, basename, msk, cred, rng));
  XTT_TRY(check_replay_used_all(rng, "sign"));
  return expect_bytes(ours.encode(), sig_bytes, "re-signed signature");
}

}  // namespace

void VectorReport::merge(const VectorReport& other) {
  passed += other.passed;
  failed += other.failed;
  failures.insert(failures.end(), other.failures.begin(), other.failures.end());
}

VectorReport check_ecdaa_vectors(const json::Value& root, std::string_view label) {
  VectorReport report;
  Recorder rec(report, label);
  const Result<Keys> keys = read_keys(root);
  const Result<std::vector<Draw>> draws = read_draws(root);
  if (!keys || !draws) {
    rec.run("file", [&]() -> Status { return keys ? draws.error() : keys.error(); });
    return report;
  }
  check_keys(rec, root, *keys);
  check_reproduction(rec, *draws, *keys);
  const json::Value* sigs = root.find("signatures");
  if (sigs == nullptr || !sigs->is_array()) {
    rec.run("signatures", [] { return Status(mismatch("no signatures array")); });
    return report;
  }
  for (std::size_t i = 0; i < sigs->items().size(); ++i) {
    const json::Value& c = sigs->items()[i];
    std::string name = "signatures[" + std::to_string(i) + "]";
    if (auto kind = c.str("case")) {
      name += " " + std::string(*kind);
    }
    rec.run(name, [&] { return check_signature_case(c, *draws, *keys); });
  }
  return report;
}

VectorReport check_ecdaa_vectors_text(std::string_view text, std::string_view label) {
  const Result<json::Value> root = json::parse(text);
  if (!root) {
    VectorReport report;
    Recorder rec(report, label);
    rec.run("json", [&]() -> Status { return root.error(); });
    return report;
  }
  return check_ecdaa_vectors(*root, label);
}

}  // namespace xtt::daa
