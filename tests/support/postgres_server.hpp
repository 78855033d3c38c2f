#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>

namespace xtt::test {

// A throwaway PostgreSQL cluster for tests: initdb into a fresh temporary
// directory, then the postmaster as a child process listening only on a unix
// socket in that directory (listen_addresses=''). As root, both run as the
// "postgres" user (initdb and postgres refuse to run as root). The server gets
// SIGQUIT if the test process dies, and is stopped and deleted by the
// destructor.
class PostgresServer {
  struct Key {
    explicit Key() = default;
  };

 public:
  explicit PostgresServer(Key) {}
  // The server shared by every test of this process, started on first use.
  // Returns nullptr and sets *why when PostgreSQL cannot be used here (the
  // binaries are missing: a skip), or when starting it failed (a failure;
  // *binaries_found tells which).
  static PostgresServer* shared(std::string* why, bool* binaries_found);

  // Where initdb and postgres live: $XTT_PG_BIN_DIR, else the newest
  // /usr/lib/postgresql/<N>/bin; empty when neither has initdb.
  static std::filesystem::path find_bin_dir();

  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  ~PostgresServer();

  // libpq keyword/value connection string for a database on this server.
  std::string conninfo(const std::string& dbname) const;
  const std::filesystem::path& socket_dir() const { return dir_; }

 private:
  static std::unique_ptr<PostgresServer> start(const std::filesystem::path& bin, std::string* why);
  void stop();

  std::filesystem::path dir_;
  pid_t pid_ = -1;
};

}  // namespace xtt::test
