#pragma once

#include <CLI/CLI.hpp>

namespace xtt::tools {

// Each group of subcommands lives in its own cmd_<group>.cpp and registers
// itself here.
void add_version_command(CLI::App& app);
void add_daa_commands(CLI::App& app);
void add_vectors_commands(CLI::App& app);
void add_demo_command(CLI::App& app);
void add_cert_commands(CLI::App& app);
void add_server_commands(CLI::App& app);
void add_client_commands(CLI::App& app);
void add_identity_commands(CLI::App& app);
void add_bench_command(CLI::App& app);

}  // namespace xtt::tools
