#include "wire_test_util.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>

#include "base/json.hpp"
#include "test_support.hpp"

namespace xtt::wire::test {

namespace {

Bytes hex_at(const json::Value& v, std::initializer_list<std::string_view> path) {
  const json::Value* cur = &v;
  for (auto key : path) {
    auto next = cur->at(key);
    if (!next) {
      ADD_FAILURE() << "missing key " << key;
      return {};
    }
    cur = *next;
  }
  auto h = cur->hex();
  if (!h) {
    ADD_FAILURE() << "not hex: " << h.error().to_string();
    return {};
  }
  return *h;
}

Transcript load_one(const std::filesystem::path& path) {
  const json::Value v = xtt::test::load_json(path);
  Transcript t;
  t.name = path.stem().string();
  t.suite = static_cast<SuiteSpec>(v.integer("suite_spec").value());
  const auto& messages = *v.array("messages").value();
  EXPECT_EQ(messages.size(), 4u);
  t.client_init = messages.at(0).hex("hex").value();
  t.server_init_and_attest = messages.at(1).hex("hex").value();
  t.identity_client_attest = messages.at(2).hex("hex").value();
  t.identity_server_finished = messages.at(3).hex("hex").value();
  t.server_certificate = hex_at(v, {"long_term", "server_certificate"});
  t.server_certificate_reserved = hex_at(v, {"long_term", "server_certificate_reserved"});
  t.root_certificate = hex_at(v, {"long_term", "root_certificate(root_id||root_pub)"});
  t.root_id = hex_at(v, {"long_term", "root_id"});
  t.root_public_key = hex_at(v, {"long_term", "root_public_key"});
  t.server_public_key = hex_at(v, {"long_term", "server_public_key"});
  t.client_longterm_public_key = hex_at(v, {"long_term", "client_longterm_public_key"});
  t.gid = hex_at(v, {"long_term", "gid(sha256(gpk||basename))"});
  t.requested_client_id = hex_at(v, {"long_term", "requested_client_id"});
  t.assigned_client_id = hex_at(v, {"results", "client_assigned_id(client view)"});
  t.pseudonym = hex_at(v, {"results", "pseudonym(server view)"});
  t.client_dh_pub = hex_at(v, {"derived", "client_final", "kx_public"});
  t.server_dh_pub = hex_at(v, {"derived", "server_final", "kx_public"});
  t.server_cookie = hex_at(v, {"derived", "server_after_build_serverattest", "server_cookie"});
  t.server_key = hex_at(v, {"derived", "server_after_build_serverattest", "tx_key"});
  t.server_iv = hex_at(v, {"derived", "server_after_build_serverattest", "tx_iv"});
  t.client_key = hex_at(v, {"derived", "server_after_build_serverattest", "rx_key"});
  t.client_iv = hex_at(v, {"derived", "server_after_build_serverattest", "rx_iv"});
  return t;
}

}  // namespace

const std::vector<Transcript>& transcripts() {
  static const std::vector<Transcript> all = [] {
    std::vector<Transcript> out;
    const auto dir = xtt::test::vectors_dir() / "libxtt";
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() == ".json") {
        files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      out.push_back(load_one(f));
    }
    return out;
  }();
  return all;
}

Bytes open_aead(SuiteSpec suite, ByteSpan key, ByteSpan iv, std::uint32_t seq, ByteSpan aad,
                ByteSpan sealed) {
  const SuiteInfo info = suite_info(suite).value();
  const EVP_CIPHER* cipher =
      info.aead == AeadKind::kAes256Gcm ? EVP_aes_256_gcm() : EVP_chacha20_poly1305();
  EXPECT_EQ(key.size(), 32u);
  EXPECT_EQ(iv.size(), 12u);
  EXPECT_GE(sealed.size(), 16u);
  if (sealed.size() < 16 || iv.size() != 12) {
    return {};
  }
  std::uint8_t nonce[12];
  std::copy(iv.begin(), iv.end(), nonce);
  for (int i = 0; i < 4; ++i) {
    nonce[8 + i] ^= static_cast<std::uint8_t>(seq >> (24 - 8 * i));
  }
  const std::size_t n = sealed.size() - 16;
  Bytes out(n);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int len = 0;
  bool okay =
      EVP_DecryptInit_ex(ctx, cipher, nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, nullptr) == 1 &&
      EVP_DecryptInit_ex(ctx, nullptr, nullptr, key.data(), nonce) == 1 &&
      EVP_DecryptUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())) == 1 &&
      EVP_DecryptUpdate(ctx, out.data(), &len, sealed.data(), static_cast<int>(n)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16,
                          const_cast<std::uint8_t*>(sealed.data() + n)) == 1 &&
      EVP_DecryptFinal_ex(ctx, out.data() + len, &len) == 1;
  EVP_CIPHER_CTX_free(ctx);
  EXPECT_TRUE(okay) << "AEAD open failed";
  return okay ? out : Bytes{};
}

Bytes with_u8(Bytes b, std::size_t at, std::uint8_t v) {
  b.at(at) = v;
  return b;
}

Bytes with_u16(Bytes b, std::size_t at, std::uint16_t v) {
  b.at(at) = static_cast<std::uint8_t>(v >> 8);
  b.at(at + 1) = static_cast<std::uint8_t>(v);
  return b;
}

void expect_framing_rejections(const Bytes& good, const DecodeFn& decode, FramingOptions options) {
  SCOPED_TRACE("framing rejections");
  auto again = decode(good);
  ASSERT_TRUE(again.has_value()) << again.error().to_string();
  EXPECT_EQ(*again, good);

  for (std::size_t k = 0; k < good.size(); ++k) {
    auto r = decode(ByteSpan(good).first(k));
    ASSERT_FALSE(r.has_value()) << "accepted a prefix of " << k << " bytes";
    EXPECT_EQ(r.error().code, ErrorCode::kTruncated) << k << ": " << r.error().to_string();
  }

  Bytes longer = good;
  longer.push_back(0);
  EXPECT_ERROR_CODE(decode(longer), ErrorCode::kTrailingBytes);

  const std::uint16_t len = load_be16(good.data() + 1);
  // A length field one more or one less than the message, with the buffer
  // sized to agree, is still the wrong length for the type and suite.
  if (options.fixed_length) {
    Bytes plus = with_u16(good, 1, static_cast<std::uint16_t>(len + 1));
    plus.push_back(0);
    EXPECT_ERROR_CODE(decode(plus), len + 1u > max_length(static_cast<MsgType>(good[0]))
                                        ? ErrorCode::kTooLarge
                                        : ErrorCode::kBadLength);
    Bytes minus = with_u16(good, 1, static_cast<std::uint16_t>(len - 1));
    if (minus.size() > kCommonHeaderSize) {
      minus.pop_back();
    }
    EXPECT_ERROR_CODE(decode(minus), ErrorCode::kBadLength);
    if (max_length(static_cast<MsgType>(good[0])) == kMaxHandshakeLength) {
      Bytes big = with_u16(good, 1, 751);
      big.resize(751);
      EXPECT_ERROR_CODE(decode(big), ErrorCode::kTooLarge);
    }
  }
  EXPECT_ERROR_CODE(decode(with_u16(good, 1, 0)), ErrorCode::kBadLength);
  EXPECT_ERROR_CODE(decode(with_u16(good, 1, 3)), ErrorCode::kBadLength);

  for (std::uint8_t v : {0x00, 0x02, 0xff}) {
    if (options.checks_version) {
      EXPECT_ERROR_CODE(decode(with_u8(good, 3, v)), ErrorCode::kUnknownVersion);
    } else {
      EXPECT_TRUE(decode(with_u8(good, 3, v)).has_value());
    }
  }
  for (std::uint8_t t : {0x00, 0x03, 0x10, 0x14, 0x16, 0x24, 0x26, 0x32, 0x40, 0x42, 0xff}) {
    EXPECT_ERROR_CODE(decode(with_u8(good, 0, t)), ErrorCode::kUnknownType);
  }
  for (std::uint8_t t : {0x01, 0x02, 0x11, 0x12, 0x13, 0x15, 0x21, 0x22, 0x23, 0x25, 0x31, 0x41}) {
    if (t == good[0]) {
      continue;
    }
    const auto& sib = options.sibling_types;
    if (std::find(sib.begin(), sib.end(), t) != sib.end()) {
      auto r = decode(with_u8(good, 0, t));
      ASSERT_TRUE(r.has_value()) << "sibling type " << int{t} << ": " << r.error().to_string();
      EXPECT_EQ(*r, with_u8(good, 0, t));
      continue;
    }
    auto r = decode(with_u8(good, 0, t));
    ASSERT_FALSE(r.has_value()) << "accepted type " << int{t};
    // A foreign type is refused before its own length rules can apply, or
    // (for sibling types of a decoder that accepts several) by those rules.
    EXPECT_TRUE(r.error().code == ErrorCode::kUnexpectedMessage ||
                r.error().code == ErrorCode::kBadLength || r.error().code == ErrorCode::kTooLarge)
        << int{t} << ": " << r.error().to_string();
  }
  if (options.has_suite) {
    for (std::uint16_t s : {0x0000, 0x0007, 0x0010, 0x0017, 0x0100, 0x0101, 0xffff}) {
      EXPECT_ERROR_CODE(decode(with_u16(good, 4, s)), ErrorCode::kUnknownSuite);
    }
  }
}

}  // namespace xtt::wire::test
