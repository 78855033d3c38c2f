#include "handshake/states.hpp"

namespace xtt::handshake {

std::string_view name_of(ClientState s) {
  switch (s) {
    case ClientState::kStart:
      return "Start";
    case ClientState::kAwaitServerAttest:
      return "AwaitServerAttest";
    case ClientState::kAwaitServerFinished:
      return "AwaitServerFinished";
    case ClientState::kDone:
      return "Done";
    case ClientState::kFailed:
      return "Failed";
  }
  return "unknown";
}

std::string_view name_of(ServerState s) {
  switch (s) {
    case ServerState::kAwaitClientInit:
      return "AwaitClientInit";
    case ServerState::kAwaitClientAttest:
      return "AwaitClientAttest";
    case ServerState::kAwaitGroup:
      return "AwaitGroup";
    case ServerState::kAwaitProvision:
      return "AwaitProvision";
    case ServerState::kAwaitClient:
      return "AwaitClient";
    case ServerState::kAwaitRegister:
      return "AwaitRegister";
    case ServerState::kDone:
      return "Done";
    case ServerState::kFailed:
      return "Failed";
  }
  return "unknown";
}

}  // namespace xtt::handshake
