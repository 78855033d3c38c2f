// `xtt bench`: load against a server on loopback — identity handshakes,
// session handshakes and record round trips, each phase with a bounded number
// of clients for a bounded time — printing throughput and latency percentiles.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "cli_util.hpp"
#include "commands.hpp"
#include "crypto/random.hpp"
#include "deployment.hpp"
#include "net/address.hpp"
#include "net/client.hpp"
#include "net/server.hpp"
#include "store/store.hpp"

namespace xtt::tools {

namespace {

using Clock = std::chrono::steady_clock;

struct BenchOptions {
  int clients = 8;
  double seconds = 5;
  int server_threads = 2;
  std::string store = "memory:";
  std::string transport = "tcp";
};

struct PhaseResult {
  std::vector<double> latencies_ms;
  int failures = 0;
  double seconds = 0;
};

double pct(std::vector<double>& v, double p) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// Each of `clients` threads runs op(thread, iteration) until the time is up.
template <typename Op>
PhaseResult run_phase(int clients, double seconds, Op&& op) {
  PhaseResult result;
  std::mutex mu;
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int c = 0; c < clients; ++c) {
    pool.emplace_back([&, c] {
      std::vector<double> mine;
      int failed = 0;
      for (int i = 0; Clock::now() < end; ++i) {
        const auto t0 = Clock::now();
        if (op(c, i)) {
          mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        } else {
          ++failed;
        }
      }
      std::lock_guard lock(mu);
      result.latencies_ms.insert(result.latencies_ms.end(), mine.begin(), mine.end());
      result.failures += failed;
    });
  }
  for (auto& t : pool) {
    t.join();
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

void print_phase(const char* name, PhaseResult r) {
  const double n = static_cast<double>(r.latencies_ms.size());
  std::cout << std::left << std::setw(22) << name << std::right << std::fixed
            << std::setprecision(1) << std::setw(9) << n << " ok " << std::setw(4) << r.failures
            << " failed " << std::setw(10) << n / r.seconds << "/s   p50 " << std::setprecision(2)
            << pct(r.latencies_ms, 0.5) << " ms  p99 " << pct(r.latencies_ms, 0.99) << " ms  p99.9 "
            << pct(r.latencies_ms, 0.999) << " ms\n";
}

Status run_bench(const BenchOptions& o) {
  spdlog::set_level(spdlog::level::warn);  // per-handshake logs would drown the report
  Random& rng = crypto::system_random();
  const std::int64_t now = net::unix_now();
  const RootMaterial root = XTT_TRY(make_root(rng));
  const auto config = XTT_TRY(make_server_config(root, rng, now, 30));
  const GroupMaterial group = XTT_TRY(make_group("xtt-bench", rng));
  std::vector<MemberMaterial> members;
  for (int c = 0; c < o.clients; ++c) {
    members.push_back(XTT_TRY(make_member(group, rng)));
  }
  std::shared_ptr<store::Store> store(XTT_TRY(store::open_store(o.store)).release());
  XTT_TRY(store->put_group(group_record(group, now, "bench")));
  net::ServerOptions options;
  options.threads = static_cast<unsigned>(o.server_threads);
  options.rate_limits = net::RateLimiter::Options::unlimited();
  options.daa_limits = net::RateLimiter::Options::unlimited();
  options.max_udp_contexts_per_source = options.max_concurrent_handshakes;
  auto server = XTT_TRY(net::Server::start(options, config, store));
  const auto trusted = XTT_TRY(
      handshake::TrustedRoot::from_certificate(wire::SignatureKind::kEcdsaP256, root.certificate));
  std::cout << "xtt bench: " << o.clients << " clients, " << o.seconds << " s per phase, server "
            << o.server_threads << " threads, store " << o.store << ", handshakes over "
            << o.transport << "\n";

  auto handshake_once = [&](handshake::ClientHandshake& engine) {
    return o.transport == "udp" ? net::run_handshake_udp("127.0.0.1", server->udp_port(), engine,
                                                         std::chrono::seconds(30))
                                : net::run_handshake("127.0.0.1", server->tcp_port(), engine,
                                                     std::chrono::seconds(30));
  };
  std::vector<std::optional<handshake::ClientResult>> identities(
      static_cast<std::size_t>(o.clients));
  std::mutex id_mu;
  print_phase("identity handshakes", run_phase(o.clients, o.seconds, [&](int c, int) {
                handshake::IdentityClientConfig cfg;
                cfg.roots = {trusted};
                cfg.daa = membership(group, members[static_cast<std::size_t>(c)]);
                auto engine = handshake::ClientHandshake::identity(std::move(cfg), rng);
                if (!engine) {
                  return false;
                }
                auto r = handshake_once(*engine);
                if (!r) {
                  return false;
                }
                std::lock_guard lock(id_mu);
                identities[static_cast<std::size_t>(c)] = std::move(r).value();
                return true;
              }));
  std::vector<std::optional<net::RecordChannel>> channels(static_cast<std::size_t>(o.clients));
  print_phase("session handshakes", run_phase(o.clients, o.seconds, [&](int c, int) {
                const auto& id = identities[static_cast<std::size_t>(c)];
                if (!id) {
                  return false;
                }
                auto engine =
                    handshake::ClientHandshake::session(session_config(*id, trusted), rng);
                if (!engine) {
                  return false;
                }
                auto r = handshake_once(*engine);
                if (!r) {
                  return false;
                }
                auto ch = net::RecordChannel::open("127.0.0.1", server->udp_port(), *r->session,
                                                   net::unix_now());
                if (ch) {
                  channels[static_cast<std::size_t>(c)].emplace(std::move(ch).value());
                }
                return true;
              }));
  const Bytes payload(256, 0x5a);
  print_phase("record round trips", run_phase(o.clients, o.seconds, [&](int c, int) {
                auto& ch = channels[static_cast<std::size_t>(c)];
                if (!ch || !ch->send(1, payload)) {
                  return false;
                }
                auto echo = ch->receive(std::chrono::seconds(2));
                return echo && *echo == payload;
              }));
  std::cout << "(record round trips: 256-byte queue-protocol payload, sealed by the client, "
               "opened, echoed and sealed by the server, opened by the client)\n";
  server->stop();
  return ok();
}

}  // namespace

void add_bench_command(CLI::App& app) {
  auto o = std::make_shared<BenchOptions>();
  auto* cmd = app.add_subcommand("bench", "Load a server on loopback: handshakes and records");
  cmd->add_option("-c,--clients", o->clients, "Concurrent clients")->check(CLI::Range(1, 256));
  cmd->add_option("-t,--seconds", o->seconds, "Duration of each phase")
      ->check(CLI::Range(0.1, 3600.0));
  cmd->add_option("--server-threads", o->server_threads, "Server I/O threads")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--store", o->store, "Store URL (memory:, sqlite:PATH, postgres://...)");
  cmd->add_option("--transport", o->transport, "Handshakes over tcp or udp")
      ->check(CLI::IsMember({"tcp", "udp"}));
  cmd->callback([o] { run_command([&] { return run_bench(*o); }); });
}

}  // namespace xtt::tools
