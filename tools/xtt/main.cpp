#include <CLI/CLI.hpp>

#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"xtt: Xaptum Trusted Transit — identity provisioning, sessions and records"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", "xtt 0.1.0");
  xtt::tools::add_version_command(app);
  xtt::tools::add_daa_commands(app);
  xtt::tools::add_vectors_commands(app);
  xtt::tools::add_cert_commands(app);
  xtt::tools::add_demo_command(app);
  xtt::tools::add_server_commands(app);
  xtt::tools::add_client_commands(app);
  xtt::tools::add_identity_commands(app);
  xtt::tools::add_bench_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // run_command already said why, in one line
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      return app.exit(e);  // --help, --version
    }
    // Usage errors, like every other error, are one line on stderr.
    std::cerr << "xtt: " << e.what() << " (see --help)\n";
    return e.get_exit_code();
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
    return 2;
  }
  return 0;
}
