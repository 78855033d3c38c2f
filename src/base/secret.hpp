#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <span>
#include <vector>

namespace xtt {

// Overwrites memory in a way the compiler may not elide (OPENSSL_cleanse).
void secure_wipe(void* p, std::size_t n);

// A fixed-size secret: move-only, wiped when destroyed or moved from, and
// printed as <redacted> (rustls' AeadKey, BoringSSL's InplaceVector secrets).
template <std::size_t N>
class SecretBytes {
 public:
  static constexpr std::size_t kSize = N;

  SecretBytes() { bytes_.fill(0); }
  explicit SecretBytes(std::span<const std::uint8_t, N> data) {
    std::copy(data.begin(), data.end(), bytes_.begin());
  }
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  SecretBytes(SecretBytes&& other) noexcept : bytes_(other.bytes_) { other.wipe(); }
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
      bytes_ = other.bytes_;
      other.wipe();
    }
    return *this;
  }
  ~SecretBytes() { wipe(); }

  // Explicit, so copying a secret is visible in review.
  SecretBytes clone() const {
    SecretBytes out;
    out.bytes_ = bytes_;
    return out;
  }

  std::span<std::uint8_t, N> span() { return bytes_; }
  std::span<const std::uint8_t, N> span() const { return bytes_; }
  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  static constexpr std::size_t size() { return N; }
  void wipe() { secure_wipe(bytes_.data(), N); }

  friend std::ostream& operator<<(std::ostream& os, const SecretBytes&) {
    return os << "<redacted>";
  }

 private:
  std::array<std::uint8_t, N> bytes_;
};

// A variable-length secret, wiped on destruction and before reallocation.
class SecretVector {
 public:
  SecretVector() = default;
  explicit SecretVector(std::size_t n) : bytes_(n, 0) {}
  explicit SecretVector(std::span<const std::uint8_t> data) : bytes_(data.begin(), data.end()) {}
  SecretVector(const SecretVector&) = delete;
  SecretVector& operator=(const SecretVector&) = delete;
  SecretVector(SecretVector&& other) noexcept : bytes_(std::move(other.bytes_)) {
    other.bytes_.clear();
  }
  SecretVector& operator=(SecretVector&& other) noexcept {
    if (this != &other) {
      wipe();
      bytes_ = std::move(other.bytes_);
      other.bytes_.clear();
    }
    return *this;
  }
  ~SecretVector() { wipe(); }

  SecretVector clone() const { return SecretVector(std::span<const std::uint8_t>(bytes_)); }
  std::span<std::uint8_t> span() { return bytes_; }
  std::span<const std::uint8_t> span() const { return bytes_; }
  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  void wipe() {
    if (!bytes_.empty()) {
      secure_wipe(bytes_.data(), bytes_.size());
    }
  }

  friend std::ostream& operator<<(std::ostream& os, const SecretVector&) {
    return os << "<redacted>";
  }

 private:
  std::vector<std::uint8_t> bytes_;
};

// Wipes a trivially copyable stack object on scope exit (WireGuard wipes its
// stack keys on the single exit; this does it on every exit).
template <typename T>
class WipeOnExit {
 public:
  explicit WipeOnExit(T& target) : target_(target) {}
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;
  ~WipeOnExit() { secure_wipe(&target_, sizeof(T)); }

 private:
  T& target_;
};

}  // namespace xtt
