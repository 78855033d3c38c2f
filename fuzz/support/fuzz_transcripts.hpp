#pragma once

// Fixed keys for the engine targets, from the project's deterministic
// transcripts (regenerated in memory, so no file is read).
#include <cstdlib>
#include <vector>

#include "base/json.hpp"
#include "handshake/transcript_generate.hpp"

namespace xtt::fuzz {

inline const std::vector<json::Value>& transcripts() {
  static const std::vector<json::Value> docs = [] {
    std::vector<json::Value> out;
    for (const auto& spec : handshake::default_transcript_specs()) {
      auto text = handshake::generate_transcript(spec);
      if (!text) {
        std::abort();
      }
      auto doc = json::parse(*text);
      if (!doc) {
        std::abort();
      }
      out.push_back(std::move(doc).value());
    }
    return out;
  }();
  return docs;
}

}  // namespace xtt::fuzz
