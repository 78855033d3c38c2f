// Every transcript replayed from both sides, byte for byte: the libxtt
// reference handshakes (tests/vectors/libxtt) and our own session and
// payload handshakes (tests/vectors/xtt).

#include <gtest/gtest.h>

#include <filesystem>

#include "handshake/transcript_generate.hpp"
#include "handshake/transcript_replay.hpp"
#include "test_support.hpp"

namespace xtt::handshake {
namespace {

std::size_t replay_dir(const std::filesystem::path& dir) {
  std::size_t count = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".json") {
      continue;
    }
    SCOPED_TRACE(e.path().filename().string());
    const ReplayReport r =
        replay_transcript_text(test::read_text(e.path()), e.path().filename().string());
    EXPECT_EQ(r.failed, 0u);
    EXPECT_EQ(r.passed, 1u);
    for (const auto& f : r.failures) {
      ADD_FAILURE() << f;
    }
    ++count;
  }
  return count;
}

TEST(TranscriptReplay, LibxttReferenceTranscripts) {
  EXPECT_EQ(replay_dir(test::vectors_dir() / "libxtt"), 4u);
}

TEST(TranscriptReplay, ProjectTranscripts) {
  EXPECT_EQ(replay_dir(test::vectors_dir() / "xtt"), default_transcript_specs().size());
}

// The generator is deterministic: it rebuilds the committed files byte for
// byte (the replay above does not depend on this).
TEST(TranscriptGenerate, ReproducesTheCommittedFiles) {
  for (const auto& spec : default_transcript_specs()) {
    SCOPED_TRACE(spec.name);
    const auto json = generate_transcript(spec);
    ASSERT_TRUE(json.has_value()) << json.error().to_string();
    EXPECT_EQ(*json, test::read_text(test::vectors_dir() / "xtt" / (spec.name + ".json")));
  }
}

TEST(TranscriptReplay, RejectsATamperedTranscript) {
  const auto path = test::vectors_dir() / "libxtt" /
                    "handshake_X25519_LRSW_ECDSAP256_CHACHA20POLY1305_SHA512.json";
  std::string text = test::read_text(path);
  // Flip one hex digit of the ServerInitAndAttest's ciphertext.
  const auto at = text.find("\"ServerInitAndAttest\"");
  ASSERT_NE(at, std::string::npos);
  const auto hex_at = text.find("\"hex\": \"", at);
  ASSERT_NE(hex_at, std::string::npos);
  char& c = text[hex_at + 8 + 2 * 300];
  c = c == '0' ? '1' : '0';
  const ReplayReport r = replay_transcript_text(text, "tampered");
  EXPECT_EQ(r.failed, 1u);
  EXPECT_EQ(r.passed, 0u);
  ASSERT_EQ(r.failures.size(), 2u);
  // The client sees the tag fail; the server produces other bytes.
  EXPECT_NE(r.failures[0].find("client: crypto/bad-tag"), std::string::npos) << r.failures[0];
  EXPECT_NE(r.failures[1].find("server: "), std::string::npos) << r.failures[1];
}

TEST(TranscriptReplay, RejectsMalformedJson) {
  const ReplayReport r = replay_transcript_text("{\"suite_spec\": 1", "broken");
  EXPECT_EQ(r.failed, 1u);
}

}  // namespace
}  // namespace xtt::handshake
