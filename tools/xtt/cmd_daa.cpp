// `xtt daa ...`: ECDAA keys, join, signatures and the vector check. The
// commands only read and write files; everything else is in src/daa.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "base/hex.hpp"
#include "cli_util.hpp"
#include "commands.hpp"
#include "crypto/random.hpp"
#include "daa/credential.hpp"
#include "daa/issuer.hpp"
#include "daa/member.hpp"
#include "daa/sign.hpp"
#include "daa/vector_check.hpp"
#include "daa/verify.hpp"

namespace xtt::tools {
namespace {

constexpr unsigned kSecretMode = 0600;
constexpr unsigned kPublicMode = 0644;

ByteSpan as_bytes(const std::string& s) {
  return ByteSpan(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

// A HEX or @file argument, with the option's name in any error.
Result<Bytes> bytes_arg(std::string_view option, const std::string& value) {
  auto r = read_bytes_arg(value);
  if (!r) {
    Error e = std::move(r).error();
    e.detail = std::string(option) + ": " + e.detail;
    return e;
  }
  return r;
}

Status check_vectors(const std::filesystem::path& dir) {
  return check_json_dir<daa::VectorReport>(dir, [](std::string_view text, const std::string& file) {
    return daa::check_ecdaa_vectors_text(text, file);
  });
}

struct IssuerKeygenArgs {
  std::string out_secret, out_public, out_group;
};

Status issuer_keygen(const IssuerKeygenArgs& a) {
  const daa::IssuerKeyPair kp = XTT_TRY(daa::issuer_keygen(crypto::system_random()));
  const std::string group = a.out_group.empty() ? a.out_public + ".gpk" : a.out_group;
  XTT_TRY(write_file(a.out_secret, kp.secret.encode().span(), kSecretMode));
  XTT_TRY(write_file(a.out_public, kp.public_key.encode(), kPublicMode));
  XTT_TRY(write_file(group, kp.public_key.group_public_key().encode(), kPublicMode));
  std::cout << "issuer secret key: " << a.out_secret << "\nissuer public key: " << a.out_public
            << "\ngroup public key: " << group << "\n";
  return ok();
}

struct MemberKeygenArgs {
  std::string nonce, out_secret, out_public;
};

Status member_keygen(const MemberKeygenArgs& a) {
  const Bytes nonce = XTT_TRY(bytes_arg("--nonce", a.nonce));
  XTT_ENSURE(!nonce.empty(), ErrorCode::kInvalidArgument, "the join nonce is empty");
  const daa::MemberKeyPair kp = XTT_TRY(daa::member_keygen(nonce, crypto::system_random()));
  XTT_TRY(write_file(a.out_secret, kp.secret.encode().span(), kSecretMode));
  XTT_TRY(write_file(a.out_public, kp.public_key.encode(), kPublicMode));
  return ok();
}

struct IssueArgs {
  std::string issuer_secret, member_public, nonce, out, out_signature;
};

Status issue(const IssueArgs& a) {
  const Bytes isk_bytes =
      XTT_TRY(read_sized_input(a.issuer_secret, daa::IssuerSecretKey::kSize, "issuer secret key"));
  const daa::IssuerSecretKey isk = XTT_TRY(daa::IssuerSecretKey::decode(isk_bytes));
  const Bytes mpk_bytes =
      XTT_TRY(read_sized_input(a.member_public, daa::MemberPublicKey::kSize, "member public key"));
  const Bytes nonce = XTT_TRY(bytes_arg("--nonce", a.nonce));
  const daa::MemberPublicKey mpk = XTT_TRY(daa::MemberPublicKey::decode(mpk_bytes, nonce));
  const daa::IssuedCredential issued =
      XTT_TRY(daa::issue_credential(isk, mpk, std::nullopt, crypto::system_random()));
  XTT_TRY(write_file(a.out, issued.credential.encode(), kPublicMode));
  XTT_TRY(write_file(a.out_signature, issued.signature.encode(), kPublicMode));
  return ok();
}

struct SignArgs {
  std::string member_secret, credential, message, basename, out;
};

Status sign(const SignArgs& a) {
  const Bytes msk_bytes =
      XTT_TRY(read_sized_input(a.member_secret, daa::MemberSecretKey::kSize, "member secret key"));
  const daa::MemberSecretKey msk = XTT_TRY(daa::MemberSecretKey::decode(msk_bytes));
  const Bytes cred_bytes =
      XTT_TRY(read_sized_input(a.credential, daa::Credential::kSize, "credential"));
  const daa::Credential cred = XTT_TRY(daa::Credential::decode(cred_bytes));
  const Bytes message = XTT_TRY(bytes_arg("--message", a.message));
  const daa::Signature sig =
      XTT_TRY(daa::sign(message, as_bytes(a.basename), msk, cred, crypto::system_random()));
  return write_file(a.out, sig.encode(), kPublicMode);
}

struct VerifyArgs {
  std::string group_public_key, signature, message, basename;
};

Status verify(const VerifyArgs& a) {
  const Bytes gpk_bytes =
      XTT_TRY(read_sized_input(a.group_public_key, daa::GroupPublicKey::kSize, "group public key"));
  const daa::GroupPublicKey gpk = XTT_TRY(daa::GroupPublicKey::decode(gpk_bytes));
  const Bytes sig_bytes = XTT_TRY(read_file(a.signature));
  const daa::Signature sig = XTT_TRY(daa::Signature::decode(sig_bytes));
  const Bytes message = XTT_TRY(bytes_arg("--message", a.message));
  XTT_TRY(daa::verify(sig, gpk, message, as_bytes(a.basename)));
  std::cout << "valid";
  if (const auto k = sig.pseudonym()) {
    std::cout << " (pseudonym " << to_hex(*k) << ")";
  }
  std::cout << "\n";
  return ok();
}

}  // namespace

void add_daa_commands(CLI::App& app) {
  auto* daa = app.add_subcommand("daa", "ECDAA group keys, join, signatures (ecdaa v1.0.0)");
  daa->require_subcommand(1);

  auto* vectors = daa->add_subcommand("check-vectors", "Check every *.json ecdaa vector file");
  auto dir = std::make_shared<std::string>();
  vectors->add_option("DIR", *dir, "Folder with ecdaa_*.json files")->required();
  vectors->callback([dir] { run_command([&] { return check_vectors(*dir); }); });

  auto* ikg = daa->add_subcommand("issuer-keygen", "Make an issuer key pair and group key");
  auto ia = std::make_shared<IssuerKeygenArgs>();
  ikg->add_option("--out-secret", ia->out_secret, "Issuer secret key (64 bytes)")->required();
  ikg->add_option("--out-public", ia->out_public, "Issuer public key (354 bytes)")->required();
  ikg->add_option("--out-group-public", ia->out_group,
                  "Group public key (258 bytes; default <out-public>.gpk)");
  ikg->callback([ia] { run_command([&] { return issuer_keygen(*ia); }); });

  auto* mkg = daa->add_subcommand("member-keygen", "Make a member key pair for a join nonce");
  auto ma = std::make_shared<MemberKeygenArgs>();
  mkg->add_option("--nonce", ma->nonce, "Issuer's join nonce: HEX or @file")->required();
  mkg->add_option("--out-secret", ma->out_secret, "Member secret key (32 bytes)")->required();
  mkg->add_option("--out-public", ma->out_public, "Member public key (161 bytes)")->required();
  mkg->callback([ma] { run_command([&] { return member_keygen(*ma); }); });

  auto* iss = daa->add_subcommand("issue", "Issue a credential to a member public key");
  auto is = std::make_shared<IssueArgs>();
  iss->add_option("--issuer-secret", is->issuer_secret, "Issuer secret key file")->required();
  iss->add_option("--member-public", is->member_public, "Member public key file")->required();
  iss->add_option("--nonce", is->nonce, "The join nonce: HEX or @file")->required();
  iss->add_option("--out", is->out, "Credential (260 bytes)")->required();
  iss->add_option("--out-signature", is->out_signature, "Credential signature (64 bytes)")
      ->required();
  iss->callback([is] { run_command([&] { return issue(*is); }); });

  auto* sg = daa->add_subcommand("sign", "Sign a message as a group member");
  auto sa = std::make_shared<SignArgs>();
  sg->add_option("--member-secret", sa->member_secret, "Member secret key file")->required();
  sg->add_option("--credential", sa->credential, "Credential file")->required();
  sg->add_option("--message", sa->message, "Message: HEX or @file")->required();
  sg->add_option("--basename", sa->basename, "Basename (links signatures; omit for none)");
  sg->add_option("--out", sa->out, "Signature (421 bytes, or 356 without a basename)")->required();
  sg->callback([sa] { run_command([&] { return sign(*sa); }); });

  auto* vf = daa->add_subcommand("verify", "Verify a signature; exit 0 if valid, 1 if not");
  auto va = std::make_shared<VerifyArgs>();
  vf->add_option("--group-public-key", va->group_public_key, "Group public key file")->required();
  vf->add_option("--signature", va->signature, "Signature file")->required();
  vf->add_option("--message", va->message, "Message: HEX or @file")->required();
  vf->add_option("--basename", va->basename, "Basename the signature was made under");
  vf->callback([va] { run_command([&] { return verify(*va); }); });
}

}  // namespace xtt::tools
