#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"

namespace xtt::tools {

// Reads a whole file; a missing or unreadable file is an io error naming it.
Result<Bytes> read_file(const std::filesystem::path& path);
// Writes atomically (temp file + rename) with the given mode; 0600 for keys.
Status write_file(const std::filesystem::path& path, ByteSpan data, unsigned mode = 0644);
// A key or point from a file a person may have typed: raw bytes of exactly
// `size`, or hex text (whitespace allowed) that decodes to exactly `size`.
Result<Bytes> read_sized_input(const std::filesystem::path& path, std::size_t size,
                               std::string_view what);
// A value given on the command line as hex, or as @file (raw or hex).
Result<Bytes> read_bytes_arg(const std::string& arg);

// Every *.json file in dir, sorted; an io error when there is none.
Result<std::vector<std::filesystem::path>> json_files(const std::filesystem::path& dir);

// `xtt ... check DIR`: runs check(text, file name) on every *.json file of dir
// and merges the reports (each has passed, failed, failures and merge()),
// prints each failure and then exactly "N passed, N failed"; exits non-zero
// if anything failed.
template <typename Report, typename Check>
Status check_json_dir(const std::filesystem::path& dir, Check&& check) {
  const auto files = XTT_TRY(json_files(dir));
  Report total;
  for (const auto& file : files) {
    const Bytes text = XTT_TRY(read_file(file));
    total.merge(check(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()),
                      file.filename().string()));
  }
  for (const std::string& line : total.failures) {
    std::cout << line << "\n";
  }
  std::cout << total.passed << " passed, " << total.failed << " failed\n";
  std::cout.flush();
  if (total.failed != 0) {
    throw CLI::RuntimeError(1);
  }
  return ok();
}

// Runs a command body: prints "xtt: <error>" as one line on stderr and exits
// non-zero on failure (through CLI11's RuntimeError, so main() stays simple).
void run_command(const std::function<Status()>& body);

}  // namespace xtt::tools
