#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <string>

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

// Runs a command body: prints "xtt: <error>" as one line on stderr and exits
// non-zero on failure (through CLI11's RuntimeError, so main() stays simple).
void run_command(const std::function<Status()>& body);

}  // namespace xtt::tools
