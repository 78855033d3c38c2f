#pragma once

#include <CLI/CLI.hpp>

namespace xtt::tools {

// Each group of subcommands lives in its own cmd_<group>.cpp and registers
// itself here.
void add_version_command(CLI::App& app);

}  // namespace xtt::tools
