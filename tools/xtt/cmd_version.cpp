#include <iostream>

#include "commands.hpp"

namespace xtt::tools {

void add_version_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print the version");
  cmd->callback([] { std::cout << "xtt 0.1.0\n"; });
}

}  // namespace xtt::tools
