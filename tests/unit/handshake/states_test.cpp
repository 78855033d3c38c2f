// The transition tables in states.hpp are mirrored in docs/protocol.md, and
// every state but Failed is reachable in them.

#include <gtest/gtest.h>

#include <string>

#include "handshake/states.hpp"
#include "test_support.hpp"

namespace xtt::handshake {
namespace {

std::string row(const Transition& t) {
  return "| " + std::string(t.from) + " | " + std::string(t.input) + " | " + std::string(t.to) +
         " | " + std::string(t.output) + " |";
}

TEST(States, DocsMirrorTheTables) {
  const std::string doc =
      test::read_text(test::vectors_dir().parent_path().parent_path() / "docs" / "protocol.md");
  for (const auto& t : kClientTransitions) {
    EXPECT_NE(doc.find(row(t)), std::string::npos) << row(t);
  }
  for (const auto& t : kServerTransitions) {
    EXPECT_NE(doc.find(row(t)), std::string::npos) << row(t);
  }
}

TEST(States, EveryStateAppears) {
  for (auto s : {ClientState::kStart, ClientState::kAwaitServerAttest,
                 ClientState::kAwaitServerFinished, ClientState::kDone}) {
    bool seen = false;
    for (const auto& t : kClientTransitions) {
      seen = seen || t.from == name_of(s) || t.to == name_of(s);
    }
    EXPECT_TRUE(seen) << name_of(s);
  }
  for (auto s : {ServerState::kAwaitClientInit, ServerState::kAwaitClientAttest,
                 ServerState::kAwaitGroup, ServerState::kAwaitProvision, ServerState::kAwaitClient,
                 ServerState::kAwaitRegister, ServerState::kDone}) {
    bool seen = false;
    for (const auto& t : kServerTransitions) {
      seen = seen || t.from == name_of(s) || t.to == name_of(s);
    }
    EXPECT_TRUE(seen) << name_of(s);
  }
}

}  // namespace
}  // namespace xtt::handshake
