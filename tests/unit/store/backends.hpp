#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "base/bytes.hpp"
#include "base/random.hpp"
#include "store/store.hpp"

// The backends the shared suite runs against. Each gives a fresh, empty store
// per test; the persistent ones can also reopen it and run raw SQL on it (for
// schema and corruption tests).
namespace xtt::store::test {

class MemoryBackend {
 public:
  static constexpr bool kPersistent = false;
  // Empty on success; otherwise why the backend cannot run (see setup_or_skip).
  std::string prepare() { return {}; }
  Result<std::unique_ptr<Store>> open();
  Status exec_sql(const std::string& sql);
  std::string blob_literal(ByteSpan bytes) const;
};

class SqliteBackend {
 public:
  static constexpr bool kPersistent = true;
  SqliteBackend();
  ~SqliteBackend();
  std::string prepare() { return {}; }
  Result<std::unique_ptr<Store>> open();
  Status exec_sql(const std::string& sql);
  // The first column of the first row, as an integer.
  Result<std::int64_t> query_int(const std::string& sql);
  std::string blob_literal(ByteSpan bytes) const;
  const std::filesystem::path& file() const { return file_; }
  std::string url() const { return "sqlite:" + file_.string(); }

 private:
  std::filesystem::path dir_;
  std::filesystem::path file_;
};

class PostgresBackend {
 public:
  static constexpr bool kPersistent = true;
  // Starts (once per process) a throwaway server and creates a fresh database.
  std::string prepare();
  Result<std::unique_ptr<Store>> open();
  Status exec_sql(const std::string& sql);
  Result<std::int64_t> query_int(const std::string& sql);
  std::string blob_literal(ByteSpan bytes) const;
  // Keyword/value string for this test's schema (search_path set).
  const std::string& conninfo() const { return conninfo_; }
  const std::string& schema() const { return schema_; }

  // True when the last prepare() failed because the binaries are missing.
  bool skipped() const { return skipped_; }

 private:
  std::string conninfo_;
  std::string schema_;
  bool skipped_ = false;
};

// GTEST_SKIP (loudly) when PostgreSQL is not installed; FAIL when it is but
// could not be started. Use at the top of SetUp.
#define XTT_PREPARE_BACKEND(backend)                                  \
  do {                                                                \
    const std::string xtt_why_ = (backend).prepare();                 \
    if (!xtt_why_.empty()) {                                          \
      if (::xtt::store::test::is_skip(backend)) {                     \
        ::xtt::store::test::announce_skip(xtt_why_);                  \
        GTEST_SKIP() << "SKIPPED (PostgreSQL missing): " << xtt_why_; \
      }                                                               \
      FAIL() << xtt_why_;                                             \
    }                                                                 \
  } while (0)

template <typename B>
bool is_skip(const B&) {
  return false;
}
inline bool is_skip(const PostgresBackend& b) { return b.skipped(); }
// Prints a banner to stderr once per process, so a skip is not missed in logs.
void announce_skip(const std::string& why);

// --- helpers shared by the test files ---------------------------------------------------

// A deterministic Random: bytes from a seeded generator. Not thread-safe; use
// one per thread.
class SeededRandom final : public Random {
 public:
  // The seed is scrambled so that nearby seeds give unrelated streams (not
  // one stream shifted by a byte).
  explicit SeededRandom(std::uint64_t seed) : state_(mix(seed ^ 0x5DEECE66Dull)) {}
  Status fill(std::span<std::uint8_t> out) override;

 private:
  static std::uint64_t mix(std::uint64_t z);
  std::uint64_t state_;
};

// A fixed-pattern value of a FixedBytes type, distinct per `tag`.
template <typename Fixed>
Fixed filled(std::uint8_t tag) {
  Fixed out;
  for (std::size_t i = 0; i < Fixed::kSize; ++i) {
    out.bytes[i] = static_cast<std::uint8_t>(tag + i * 7);
  }
  return out;
}

// The material one device brings to a handshake.
struct Device {
  wire::GroupId gid;
  wire::Pseudonym pseudonym;
  wire::SignatureKind algorithm = wire::SignatureKind::kEcdsaP256;
  Bytes public_key;
  Bytes secret;

  // Device number n: its own pseudonym, key and secret, group `group`.
  static Device make(int n, int group = 1);
  ProvisionRequest request(const wire::ClientId& requested, UnixTime now) const;
};

wire::ClientId client_id_from_hex(std::string_view hex);

}  // namespace xtt::store::test
