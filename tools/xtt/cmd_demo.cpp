// `xtt demo`: a whole local deployment, end to end, on embedded SQLite.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include <spdlog/spdlog.h>

#include "cli_util.hpp"
#include "commands.hpp"
#include "crypto/random.hpp"
#include "crypto/selftest.hpp"
#include "deployment.hpp"
#include "net/address.hpp"
#include "net/client.hpp"
#include "net/server.hpp"
#include "store/store.hpp"

namespace xtt::tools {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTimeout = std::chrono::seconds(20);

struct DemoOptions {
  int devices = 100;
  int concurrency = 8;
  std::string dir;
  bool keep = false;
};

struct Device {
  MemberMaterial member;
  std::optional<handshake::ClientResult> identity;
  std::optional<net::RecordChannel> channel;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// Runs body(i) for i in [0, n) on `threads` workers; returns the failures.
template <typename Body>
int parallel_for(int n, int threads, const char* what, Body&& body) {
  std::atomic<int> next{0};
  std::atomic<int> done{0};
  std::atomic<int> failed{0};
  std::mutex print_mu;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = next++; i < n; i = next++) {
        Status st = body(i);
        if (!st) {
          ++failed;
          std::lock_guard lock(print_mu);
          std::cerr << "  device " << i << ": " << st.error().to_string() << "\n";
        }
        const int d = ++done;
        if (d % std::max(1, n / 10) == 0 || d == n) {
          std::lock_guard lock(print_mu);
          std::cout << "  " << what << " " << d << "/" << n << "\n" << std::flush;
        }
      }
    });
  }
  for (auto& t : pool) {
    t.join();
  }
  return failed.load();
}

Status run_demo(const DemoOptions& o) {
  spdlog::set_level(spdlog::level::warn);  // per-handshake logs would drown the report
  Random& rng = crypto::system_random();
  std::vector<std::string> failures;
  auto check = [&](bool cond, const std::string& what) {
    std::cout << (cond ? "  ok   " : "  FAIL ") << what << "\n";
    if (!cond) {
      failures.push_back(what);
    }
  };

  std::cout << "xtt demo: " << o.devices << " devices, " << o.concurrency << " at a time\n";
  XTT_TRY(crypto::self_test());
  std::cout << "[1/7] crypto self-test passed\n";

  const std::filesystem::path dir = o.dir.empty() ? std::filesystem::temp_directory_path() /
                                                        ("xtt-demo-" + std::to_string(::getpid()))
                                                  : std::filesystem::path(o.dir);
  std::filesystem::create_directories(dir);
  const std::string store_url = "sqlite:" + (dir / "xtt.db").string();

  // Root, server certificate, DAA group with N members.
  const std::int64_t now = net::unix_now();
  const RootMaterial root = XTT_TRY(make_root(rng));
  XTT_TRY(write_file(dir / "root_cert.bin", root.certificate));
  const auto config = XTT_TRY(make_server_config(root, rng, now, 365));
  XTT_TRY(write_file(dir / "server_cert.bin", config->credentials[0].certificate));
  const GroupMaterial group = XTT_TRY(make_group("xtt-demo-group", rng));
  std::vector<Device> devices(static_cast<std::size_t>(o.devices));
  for (auto& d : devices) {
    d.member = XTT_TRY(make_member(group, rng));
  }
  std::cout << "[2/7] root, server certificate and DAA group with " << o.devices
            << " member credentials in " << dir.string() << "\n";

  // Store and server.
  std::shared_ptr<store::Store> store(XTT_TRY(store::open_store(store_url)).release());
  XTT_TRY(store->put_group(group_record(group, now, "demo")));
  net::ServerOptions server_options;
  server_options.threads = 2;
  // Every device is 127.0.0.1 here.
  server_options.rate_limits = net::RateLimiter::Options::unlimited();
  server_options.daa_limits = net::RateLimiter::Options::unlimited();
  server_options.max_udp_contexts_per_source = server_options.max_concurrent_handshakes;
  auto server = XTT_TRY(net::Server::start(server_options, config, store));
  const std::uint16_t tcp_port = server->tcp_port();
  const std::uint16_t udp_port = server->udp_port();
  std::cout << "[3/7] server on 127.0.0.1 tcp " << tcp_port << " udp " << udp_port << ", store "
            << store_url << "\n";

  // Identity handshakes, concurrently.
  const handshake::TrustedRoot trusted = XTT_TRY(
      handshake::TrustedRoot::from_certificate(wire::SignatureKind::kEcdsaP256, root.certificate));
  std::vector<double> identity_ms(devices.size());
  std::vector<double> session_ms(devices.size());
  std::atomic<std::uint64_t> bytes_out{0};
  std::atomic<std::uint64_t> bytes_in{0};
  const wire::SuiteSpec suites[] = {wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Sha512,
                                    wire::SuiteSpec::kX25519LrswEcdsaP256ChaCha20Poly1305Blake2b,
                                    wire::SuiteSpec::kX25519LrswEcdsaP256Aes256GcmSha512,
                                    wire::SuiteSpec::kX25519LrswEcdsaP256Aes256GcmBlake2b};
  // Even devices handshake over TCP (as libxtt clients do), odd ones over
  // UDP with retransmission.
  auto run_handshake = [&](int i, handshake::ClientHandshake& engine, net::ClientStats* stats) {
    return i % 2 == 0 ? net::run_handshake("127.0.0.1", tcp_port, engine, kTimeout, stats)
                      : net::run_handshake_udp("127.0.0.1", udp_port, engine, kTimeout, stats);
  };
  std::cout << "[4/7] provisioning " << o.devices
            << " devices (identity handshake, suites 1-4, half over TCP, half over UDP)\n";
  const auto t0 = Clock::now();
  const int provision_failures =
      parallel_for(o.devices, o.concurrency, "provisioned", [&](int i) -> Status {
        auto& d = devices[static_cast<std::size_t>(i)];
        handshake::IdentityClientConfig cfg;
        cfg.suite = suites[i % 4];
        cfg.roots = {trusted};
        cfg.daa = membership(group, d.member);
        auto engine = XTT_TRY(handshake::ClientHandshake::identity(std::move(cfg), rng));
        net::ClientStats stats;
        const auto start = Clock::now();
        d.identity = XTT_TRY(run_handshake(i, engine, &stats));
        identity_ms[static_cast<std::size_t>(i)] =
            std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        bytes_out += stats.bytes_sent;
        bytes_in += stats.bytes_received;
        return ok();
      });
  const double provision_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  check(provision_failures == 0, "every device provisioned");
  {
    std::set<wire::ClientId> ids;
    for (const auto& d : devices) {
      if (d.identity) {
        ids.insert(d.identity->client_id);
      }
    }
    check(ids.size() == devices.size(), "every ClientID is unique");
  }

  // Session handshakes and records both ways.
  std::cout << "[5/7] session handshake on each device, then records both ways over UDP\n";
  std::atomic<std::uint64_t> records{0};
  const int session_failures =
      parallel_for(o.devices, o.concurrency, "sessions", [&](int i) -> Status {
        auto& d = devices[static_cast<std::size_t>(i)];
        XTT_ENSURE(d.identity.has_value(), ErrorCode::kBadState, "not provisioned");
        auto engine =
            XTT_TRY(handshake::ClientHandshake::session(session_config(*d.identity, trusted), rng));
        net::ClientStats stats;
        const auto start = Clock::now();
        auto result = XTT_TRY(run_handshake(i, engine, &stats));
        session_ms[static_cast<std::size_t>(i)] =
            std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        bytes_out += stats.bytes_sent;
        bytes_in += stats.bytes_received;
        d.channel.emplace(XTT_TRY(
            net::RecordChannel::open("127.0.0.1", udp_port, *result.session, net::unix_now())));
        for (int r = 0; r < 3; ++r) {
          const std::string text = "device " + std::to_string(i) + " record " + std::to_string(r);
          const Bytes payload(text.begin(), text.end());
          XTT_TRY(d.channel->send(static_cast<std::uint8_t>(wire::PayloadType::kQueueProtocol),
                                  payload));
          const Bytes echo = XTT_TRY(d.channel->receive(std::chrono::seconds(5)));
          XTT_ENSURE(echo == payload, ErrorCode::kInternal, "echo differs from what was sent");
          records += 2;
        }
        return ok();
      });
  check(session_failures == 0, "every device opened a session and got its records echoed");

  // IP mobility: one device moves to a new source port mid-session.
  std::cout << "[6/7] moving device 0 to a new UDP source port mid-session\n";
  {
    auto& ch = *devices[0].channel;
    const std::uint16_t before = ch.local_port();
    XTT_TRY(ch.rebind());
    const std::uint16_t after = ch.local_port();
    const std::string text = "after the move";
    const Bytes payload(text.begin(), text.end());
    XTT_TRY(ch.send(static_cast<std::uint8_t>(wire::PayloadType::kQueueProtocol), payload));
    auto echo = ch.receive(std::chrono::seconds(5));
    std::cout << "  port " << before << " -> " << after << "\n";
    check(before != after && echo && *echo == payload,
          "traffic continued on the same session from the new port");
    records += 2;
  }
  for (auto& d : devices) {
    if (d.channel) {
      bytes_out += d.channel->stats().bytes_sent;
      bytes_in += d.channel->stats().bytes_received;
    }
  }

  // Restart: every identity must have survived.
  std::cout << "[7/7] restarting the server; checking the store\n";
  const std::string metrics_text = server->metrics().render_prometheus();
  server->stop();
  server.reset();
  store.reset();
  std::shared_ptr<store::Store> reopened(XTT_TRY(store::open_store(store_url)).release());
  int survived = 0;
  for (const auto& d : devices) {
    if (d.identity) {
      auto found = reopened->find_identity(d.identity->client_id);
      if (found && found->has_value() &&
          (**found).longterm_public_key == d.identity->longterm_key->public_key) {
        ++survived;
      }
    }
  }
  check(survived == o.devices, "every identity survived the restart (" + std::to_string(survived) +
                                   "/" + std::to_string(o.devices) + ")");
  auto restarted = XTT_TRY(net::Server::start(server_options, config, reopened));
  {
    auto& d = devices[static_cast<std::size_t>(o.devices - 1)];
    auto engine =
        XTT_TRY(handshake::ClientHandshake::session(session_config(*d.identity, trusted), rng));
    auto result = net::run_handshake("127.0.0.1", restarted->tcp_port(), engine, kTimeout);
    check(result.has_value(), "a device opens a new session with the restarted server");
  }
  restarted->stop();

  std::cout << "\nsummary\n"
            << "  devices provisioned     " << (o.devices - provision_failures) << "/" << o.devices
            << "\n"
            << "  sessions opened         " << (o.devices - session_failures) << "/" << o.devices
            << "\n"
            << "  records exchanged       " << records.load() << "\n"
            << "  identity handshakes/s   " << static_cast<double>(o.devices) / provision_seconds
            << "\n"
            << "  identity latency ms     p50 " << percentile(identity_ms, 0.5) << "  p99 "
            << percentile(identity_ms, 0.99) << "\n"
            << "  session latency ms      p50 " << percentile(session_ms, 0.5) << "  p99 "
            << percentile(session_ms, 0.99) << "\n"
            << "  client bytes sent/recv  " << bytes_out.load() << " / " << bytes_in.load() << "\n";
  std::cout << "\nserver metrics before the restart (Prometheus text):\n" << metrics_text;
  if (!o.keep && o.dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  if (!failures.empty()) {
    return make_error(ErrorCode::kInternal,
                      std::to_string(failures.size()) + " demo check(s) failed");
  }
  std::cout << "\ndemo: all checks passed\n";
  return ok();
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto options = std::make_shared<DemoOptions>();
  auto* cmd = app.add_subcommand(
      "demo", "Run a local XTT deployment end to end: root, server, DAA group, N devices");
  cmd->add_option("-n,--devices", options->devices, "How many devices to provision")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("-c,--concurrency", options->concurrency, "Devices handshaking at once")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--dir", options->dir, "Working directory (default: a fresh temporary one)");
  cmd->add_flag("--keep", options->keep, "Keep the temporary directory");
  cmd->callback([options] { run_command([&] { return run_demo(*options); }); });
}

}  // namespace xtt::tools
