// `xtt vectors ...`: replays handshake transcripts through both engines, and
// writes our own deterministic ones. The commands only read and write files;
// the replay and the generator are in src/handshake.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli_util.hpp"
#include "commands.hpp"
#include "handshake/transcript_generate.hpp"
#include "handshake/transcript_replay.hpp"

namespace xtt::tools {
namespace {

Status check_transcripts(const std::filesystem::path& dir) {
  return check_json_dir<handshake::ReplayReport>(
      dir, [](std::string_view text, const std::string& file) {
        return handshake::replay_transcript_text(text, file);
      });
}

Status generate_transcripts(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  XTT_ENSURE(!ec, ErrorCode::kIoFailure, "cannot create " + dir.string() + ": " + ec.message());
  for (const auto& spec : handshake::default_transcript_specs()) {
    const std::string json = XTT_TRY(handshake::generate_transcript(spec));
    const auto path = dir / (spec.name + ".json");
    XTT_TRY(write_file(path,
                       ByteSpan(reinterpret_cast<const std::uint8_t*>(json.data()), json.size())));
    std::cout << path.string() << "\n";
  }
  return ok();
}

}  // namespace

void add_vectors_commands(CLI::App& app) {
  auto* group = app.add_subcommand("vectors", "Handshake transcripts: replay and generate");
  group->require_subcommand(1);

  auto* check = group->add_subcommand(
      "check",
      "Replay every *.json transcript in DIR through both engines, byte for byte; prints one "
      "line per failure and 'N passed, N failed'; exits non-zero on any failure");
  auto check_dir = std::make_shared<std::string>();
  check->add_option("DIR", *check_dir, "Directory of transcripts")->required();
  check->callback([check_dir] { run_command([&] { return check_transcripts(*check_dir); }); });

  auto* gen = group->add_subcommand(
      "generate", "Write the project's deterministic session and payload transcripts into DIR");
  auto gen_dir = std::make_shared<std::string>();
  gen->add_option("DIR", *gen_dir, "Output directory (e.g. tests/vectors/xtt)")->required();
  gen->callback([gen_dir] { run_command([&] { return generate_transcripts(*gen_dir); }); });
}

}  // namespace xtt::tools
