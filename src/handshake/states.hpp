#pragma once

#include <array>
#include <cstdint>
#include <string_view>

// The engines' states and their transitions as data (s2n's state table),
// mirrored in docs/protocol.md. The engines switch on these enums; the
// tables are what the docs and tests read.
namespace xtt::handshake {

enum class ClientState : std::uint8_t {
  kStart,                // start() builds ClientInit
  kAwaitServerAttest,    // expects ServerInitAndAttest (0x02)
  kAwaitServerFinished,  // expects 0x13 (identity) or 0x23 (session)
  kDone,                 // result available
  kFailed,               // terminal
};

enum class ServerState : std::uint8_t {
  kAwaitClientInit,    // expects ClientInit (stateless mode: or a message 3)
  kAwaitClientAttest,  // expects 0x11/0x12/0x15/0x21/0x22/0x25
  kAwaitGroup,         // paused: group_lookup() -> resume_group()
  kAwaitProvision,     // paused: provision_identity() -> resume_provision()
  kAwaitClient,        // paused: client_lookup() -> resume_client()
  kAwaitRegister,      // paused: register_session() -> resume_register()
  kDone,               // result available
  kFailed,             // terminal
};

std::string_view name_of(ClientState s);
std::string_view name_of(ServerState s);

struct Transition {
  std::string_view from;
  std::string_view input;
  std::string_view to;
  std::string_view output;
};

// Success paths only: any failure goes to kFailed (with an Error message to
// send, except after a received Error or a replayed cookie), and any input
// in kDone or kFailed is kBadState.
inline constexpr std::array kClientTransitions = {
    Transition{"Start", "`start()`", "AwaitServerAttest", "ClientInit"},
    Transition{"AwaitServerAttest", "0x02", "AwaitServerFinished",
               "0x11/0x12 (identity) or 0x21/0x22 (session)"},
    Transition{"AwaitServerAttest", "0x02", "Done", "0x15 or 0x25 (one-shot)"},
    Transition{"AwaitServerFinished", "0x13 (identity) / 0x23 (session)", "Done", "result"},
};

inline constexpr std::array kServerTransitions = {
    Transition{"AwaitClientInit", "0x01", "AwaitClientAttest", "0x02"},
    Transition{"AwaitClientInit", "0x11/0x12/0x15, stateless only", "AwaitGroup", "GroupLookup"},
    Transition{"AwaitClientInit", "0x21/0x22/0x25, stateless only", "AwaitClient", "ClientLookup"},
    Transition{"AwaitClientAttest", "0x11/0x12/0x15", "AwaitGroup", "GroupLookup"},
    Transition{"AwaitClientAttest", "0x21/0x22/0x25", "AwaitClient", "ClientLookup"},
    Transition{"AwaitGroup", "`resume_group(info)`", "AwaitProvision", "ProvisionIdentity"},
    Transition{"AwaitGroup", "`resume_group(info)`, message 3 was 0x15", "Done",
               "result (+ payload)"},
    Transition{"AwaitProvision", "`resume_provision(id)`", "Done", "0x13 + result"},
    Transition{"AwaitClient", "`resume_client(record)`", "AwaitRegister", "RegisterSession"},
    Transition{"AwaitClient", "`resume_client(record)`, message 3 was 0x25", "Done",
               "result (+ payload)"},
    Transition{"AwaitRegister", "`resume_register(ok)`", "Done", "0x23 + result"},
};

}  // namespace xtt::handshake
