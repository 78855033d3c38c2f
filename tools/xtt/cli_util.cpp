#include "cli_util.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/hex.hpp"

namespace xtt::tools {

Result<Bytes> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorCode::kIoFailure, "cannot read " + path.string());
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string s = ss.str();
  return Bytes(s.begin(), s.end());
}

Status write_file(const std::filesystem::path& path, ByteSpan data, unsigned mode) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return make_error(ErrorCode::kIoFailure, "cannot write " + path.string());
    }
    ::chmod(tmp.c_str(), static_cast<mode_t>(mode));
    out.write(reinterpret_cast<const char*>(data.data()),
              static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) {
      return make_error(ErrorCode::kIoFailure, "cannot write " + path.string());
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    return make_error(ErrorCode::kIoFailure, "cannot write " + path.string() + ": " + ec.message());
  }
  return ok();
}

Result<Bytes> read_sized_input(const std::filesystem::path& path, std::size_t size,
                               std::string_view what) {
  Bytes raw = XTT_TRY(read_file(path));
  if (raw.size() == size) {
    return raw;
  }
  auto decoded = from_hex(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
  if (decoded && decoded->size() == size) {
    return std::move(decoded).value();
  }
  return make_error(ErrorCode::kBadLength, path.string() + " is not a " + std::string(what) + " (" +
                                               std::to_string(size) + " bytes raw or as hex)");
}

Result<Bytes> read_bytes_arg(const std::string& arg) {
  if (!arg.empty() && arg[0] == '@') {
    return read_file(arg.substr(1));
  }
  return from_hex(arg);
}

Result<std::vector<std::filesystem::path>> json_files(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  XTT_ENSURE(!ec, ErrorCode::kIoFailure, "cannot list " + dir.string() + ": " + ec.message());
  XTT_ENSURE(!files.empty(), ErrorCode::kIoFailure, "no *.json files in " + dir.string());
  std::sort(files.begin(), files.end());
  return files;
}

void run_command(const std::function<Status()>& body) {
  Status st = body();
  if (!st) {
    std::cerr << "xtt: " << st.error().to_string() << "\n";
    throw CLI::RuntimeError(1);
  }
}

}  // namespace xtt::tools
