#include "postgres_server.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace xtt::test {

namespace {

namespace fs = std::filesystem;

struct RunAs {
  bool drop = false;  // switch to uid/gid in the child (we are root)
  uid_t uid = 0;
  gid_t gid = 0;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool executable(const fs::path& p) { return access(p.c_str(), X_OK) == 0; }

// fork + exec without a shell. The child writes stdout and stderr to `log`;
// with `tie_to_parent` it gets SIGQUIT (PostgreSQL's immediate shutdown) when
// this process dies, so a crashed test does not leave a server behind.
pid_t spawn(const std::vector<std::string>& args, const fs::path& log, const fs::path& cwd,
            const RunAs& as, bool tie_to_parent) {
  std::vector<char*> argv;
  for (const auto& a : args) {
    argv.push_back(const_cast<char*>(a.c_str()));
  }
  argv.push_back(nullptr);
  const int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (log_fd < 0 || null_fd < 0) {
    return -1;
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec.
    if (dup2(null_fd, 0) < 0 || dup2(log_fd, 1) < 0 || dup2(log_fd, 2) < 0) {
      _exit(126);
    }
    if (as.drop && (setgroups(1, &as.gid) != 0 || setgid(as.gid) != 0 || setuid(as.uid) != 0)) {
      _exit(126);
    }
    // After setuid: changing credentials clears the parent-death signal.
    if (tie_to_parent && (prctl(PR_SET_PDEATHSIG, SIGQUIT) != 0 || getppid() != parent)) {
      _exit(126);
    }
    if (chdir(cwd.c_str()) != 0) {
      _exit(126);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(log_fd);
  close(null_fd);
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return -1;
    }
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// PostgreSQL >= 10 writes "ready" as line 8 of postmaster.pid once it accepts
// connections.
bool postmaster_ready(const fs::path& data) {
  std::ifstream in(data / "postmaster.pid");
  std::string line;
  for (int i = 0; i < 8 && std::getline(in, line); ++i) {
    if (i == 7) {
      return line.rfind("ready", 0) == 0;
    }
  }
  return false;
}

}  // namespace

fs::path PostgresServer::find_bin_dir() {
  if (const char* env = std::getenv("XTT_PG_BIN_DIR"); env != nullptr && env[0] != '\0') {
    return executable(fs::path(env) / "initdb") ? fs::path(env) : fs::path();
  }
  fs::path best;
  long best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    char* end = nullptr;
    const long version = std::strtol(name.c_str(), &end, 10);
    const fs::path bin = entry.path() / "bin";
    if (end != name.c_str() && version > best_version && executable(bin / "initdb") &&
        executable(bin / "postgres")) {
      best = bin;
      best_version = version;
    }
  }
  return best;
}

PostgresServer* PostgresServer::shared(std::string* why, bool* binaries_found) {
  static std::string failure;
  static bool found = false;
  static std::unique_ptr<PostgresServer> server = [] {
    const fs::path bin = find_bin_dir();
    found = !bin.empty();
    if (!found) {
      const char* env = std::getenv("XTT_PG_BIN_DIR");
      failure = env != nullptr && env[0] != '\0'
                    ? std::string("no initdb in XTT_PG_BIN_DIR=") + env
                    : "PostgreSQL server binaries not found (no initdb under "
                      "/usr/lib/postgresql/*/bin); install Debian's postgresql package";
      return std::unique_ptr<PostgresServer>();
    }
    return start(bin, &failure);
  }();
  *why = failure;
  *binaries_found = found;
  return server.get();
}

std::unique_ptr<PostgresServer> PostgresServer::start(const fs::path& bin, std::string* why) {
  RunAs as;
  if (geteuid() == 0) {
    const passwd* pw = getpwnam("postgres");
    if (pw == nullptr) {
      *why = "running as root and there is no 'postgres' user to run initdb as";
      return nullptr;
    }
    as = RunAs{true, pw->pw_uid, pw->pw_gid};
  }
  // Short path: the socket path must fit in sun_path (108 bytes).
  std::string tmpl = "/tmp/xtt-pg-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) {
    *why = "mkdtemp failed";
    return nullptr;
  }
  auto server = std::make_unique<PostgresServer>(Key{});
  server->dir_ = tmpl;
  if (as.drop && chown(tmpl.c_str(), as.uid, as.gid) != 0) {
    *why = "cannot chown " + tmpl + " to postgres";
    return nullptr;
  }
  const fs::path data = server->dir_ / "data";

  const pid_t initdb = spawn({(bin / "initdb").string(), "-D", data.string(), "-U", "postgres",
                              "-A", "trust", "-E", "UTF8", "--locale=C", "-N"},
                             server->dir_ / "initdb.log", server->dir_, as, false);
  if (initdb < 0 || wait_exit(initdb) != 0) {
    *why = "initdb failed:\n" + slurp(server->dir_ / "initdb.log");
    return nullptr;
  }

  server->pid_ =
      spawn({(bin / "postgres").string(), "-D", data.string(), "-k", server->dir_.string(), "-p",
             "5432", "-c", "listen_addresses=", "-c", "shared_buffers=16MB", "-c",
             "max_connections=60", "-c", "synchronous_commit=on", "-c", "fsync=on"},
            server->dir_ / "postgres.log", server->dir_, as, true);
  if (server->pid_ < 0) {
    *why = "cannot start postgres";
    return nullptr;
  }
  for (int i = 0; i < 600; ++i) {
    if (postmaster_ready(data)) {
      return server;
    }
    int status = 0;
    if (waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
      server->pid_ = -1;
      *why = "postgres exited during startup:\n" + slurp(server->dir_ / "postgres.log");
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  *why = "postgres not ready after 30 s:\n" + slurp(server->dir_ / "postgres.log");
  return nullptr;
}

PostgresServer::~PostgresServer() { stop(); }

void PostgresServer::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGINT);  // fast shutdown: disconnect clients, checkpoint, exit
    bool exited = false;
    for (int i = 0; i < 200 && !exited; ++i) {
      int status = 0;
      exited = waitpid(pid_, &status, WNOHANG) == pid_;
      if (!exited) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    if (!exited) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    dir_.clear();
  }
}

std::string PostgresServer::conninfo(const std::string& dbname) const {
  return "host=" + dir_.string() + " port=5432 user=postgres dbname=" + dbname;
}

}  // namespace xtt::test
