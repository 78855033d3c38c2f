// `xtt server`: run the server from a TOML configuration; list and revoke
// identities in its store.
#include <toml++/toml.h>

#include <filesystem>
#include <iostream>

#include "base/hex.hpp"
#include "cli_util.hpp"
#include "commands.hpp"
#include "crypto/random.hpp"
#include "daa/issuer.hpp"
#include "deployment.hpp"
#include "net/address.hpp"
#include "net/server.hpp"
#include "net/store_replay_cache.hpp"
#include "store/store.hpp"

namespace xtt::tools {

namespace {

// server.toml (docs/cli.md):
//   listen = "127.0.0.1"      tcp_port = 4444      udp_port = 4445
//   threads = 2               store = "sqlite:/var/lib/xtt/xtt.db"
//   certificate = "server_cert.bin"   private_key = "server_priv.bin"
//   allow_null_suites = false
//   [limits] ... [limits.handshakes] ... [limits.daa] ...
//   [[group]]  public_key = "gpk.bin"  basename = "BASENAME"  name = "fleet-1"
//   [cookie_domain]  sync_port = 4446  peers = ["10.0.0.2:4446"]  key_file = "domain.key"
struct ServerFile {
  net::ServerOptions options;
  std::string store_url;
  std::shared_ptr<handshake::ServerConfig> config;
  std::vector<store::GroupRecord> groups;
  bool replay_cache_in_store = false;
};

// [limits.handshakes] / [limits.daa]: the §6.8 token buckets.
Status load_buckets(toml::node_view<const toml::node> t, net::RateLimiter::Options& o,
                    const std::string& where) {
  const std::pair<const char*, double*> keys[] = {
      {"source_rate", &o.per_source_rate}, {"source_burst", &o.per_source_burst},
      {"prefix_rate", &o.per_prefix_rate}, {"prefix_burst", &o.per_prefix_burst},
      {"global_rate", &o.global_rate},     {"global_burst", &o.global_burst}};
  for (const auto& [key, field] : keys) {
    if (const auto v = t[key].value<double>()) {
      XTT_ENSURE(*v >= 0, ErrorCode::kInvalidArgument, where + "." + key + " must not be negative");
      *field = *v;
    }
  }
  return ok();
}

Status load_limits(const toml::table& t, net::ServerOptions& o, const std::string& path) {
  const auto limits = t["limits"];
  if (const auto v = limits["handshake_timeout_seconds"].value<std::int64_t>()) {
    XTT_ENSURE(*v > 0, ErrorCode::kInvalidArgument,
               path + ": limits.handshake_timeout_seconds must be positive");
    o.handshake_timeout = std::chrono::seconds(*v);
  }
  if (const auto v = limits["max_concurrent_handshakes"].value<std::int64_t>()) {
    XTT_ENSURE(*v > 0, ErrorCode::kInvalidArgument,
               path + ": limits.max_concurrent_handshakes must be positive");
    o.max_concurrent_handshakes = static_cast<std::size_t>(*v);
  }
  if (const auto v = limits["max_udp_contexts_per_source"].value<std::int64_t>()) {
    XTT_ENSURE(*v > 0, ErrorCode::kInvalidArgument,
               path + ": limits.max_udp_contexts_per_source must be positive");
    o.max_udp_contexts_per_source = static_cast<std::size_t>(*v);
  }
  XTT_TRY(load_buckets(limits["handshakes"], o.rate_limits, path + ": limits.handshakes"));
  return load_buckets(limits["daa"], o.daa_limits, path + ": limits.daa");
}

// The domain key is the one secret cookie sync keeps on disk; like ssh with
// its private keys, refuse a file that others may read.
Result<std::shared_ptr<const handshake::cookie_sync::DomainKey>> read_domain_key(
    const std::string& path) {
  std::error_code ec;
  const auto perms = std::filesystem::status(path, ec).permissions();
  XTT_ENSURE(
      ec || (perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
                std::filesystem::perms::none,
      ErrorCode::kInvalidArgument,
      path + " is readable by group or others (chmod 600 it; xtt domain-keygen writes 0600)");
  Bytes raw = XTT_TRY(read_sized_input(path, 32, "cookie domain key"));
  auto key = std::make_shared<const handshake::cookie_sync::DomainKey>(
      std::span<const std::uint8_t, 32>(raw.data(), 32));
  secure_wipe(raw.data(), raw.size());
  return key;
}

// [cookie_domain]: this node's part in distributing stateless cookie secrets.
Result<net::CookieSyncOptions> load_cookie_domain(const toml::table& t, const std::string& path) {
  net::CookieSyncOptions o;
  const auto port = t["sync_port"].value<std::int64_t>();
  XTT_ENSURE(port && *port > 0 && *port < 65536, ErrorCode::kInvalidArgument,
             path + ": [cookie_domain] needs sync_port (1..65535)");
  o.port = static_cast<std::uint16_t>(*port);
  if (const toml::array* peers = t["peers"].as_array()) {
    for (const toml::node& node : *peers) {
      const auto peer = node.value<std::string>();
      XTT_ENSURE(peer.has_value(), ErrorCode::kInvalidArgument,
                 path + ": [cookie_domain] peers are \"host:port\" strings");
      XTT_TRY(net::parse_host_port(*peer));
      o.peers.push_back(*peer);
    }
  }
  o.domain_key = XTT_TRY(read_domain_key(t["key_file"].value_or(std::string("domain.key"))));
  return o;
}

Result<ServerFile> load_config(const std::string& path) {
  // This toml++ build reports parse errors by exception (tools/ only).
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return make_error(ErrorCode::kInvalidArgument, path + ": " + std::string(e.description()));
  }
  ServerFile f;
  f.options.listen_address = t["listen"].value_or(std::string("127.0.0.1"));
  f.options.tcp_port = static_cast<std::uint16_t>(t["tcp_port"].value_or(4444));
  f.options.udp_port = static_cast<std::uint16_t>(t["udp_port"].value_or(4445));
  f.options.threads = static_cast<unsigned>(t["threads"].value_or(2));
  if (const auto metrics_port = t["metrics_port"].value<std::int64_t>()) {
    f.options.metrics_port = static_cast<std::uint16_t>(*metrics_port);
  }
  XTT_TRY(load_limits(t, f.options, path));
  f.store_url = t["store"].value_or(std::string("sqlite:xtt.db"));
  const std::string cert_path = t["certificate"].value_or(std::string("server_cert.bin"));
  const std::string key_path = t["private_key"].value_or(std::string("server_priv.bin"));
  const Bytes cert = XTT_TRY(read_sized_input(cert_path, 169, "server certificate"));
  const Bytes key = XTT_TRY(read_sized_input(key_path, 32, "ECDSA P-256 private key"));
  f.config = std::make_shared<handshake::ServerConfig>();
  f.config->credentials.push_back(
      XTT_TRY(handshake::ServerCredential::create(wire::SignatureKind::kEcdsaP256, cert, key)));
  f.config->allow_null_suites = t["allow_null_suites"].value_or(false);
  const std::string cookie_mode = t["cookie_mode"].value_or(std::string("stateful"));
  XTT_ENSURE(cookie_mode == "stateful" || cookie_mode == "stateless", ErrorCode::kInvalidArgument,
             path + ": cookie_mode must be \"stateful\" or \"stateless\"");
  if (cookie_mode == "stateless") {
    f.config->cookie_mode = handshake::CookieMode::kStateless;
    f.config->keyring = std::make_shared<handshake::CookieKeyring>(crypto::system_random());
    f.config->bind_client_address = t["bind_client_address"].value_or(false);
    f.replay_cache_in_store = t["replay_cache"].value_or(std::string("memory")) == "store";
    if (!f.replay_cache_in_store) {
      f.config->replay_cache = std::make_shared<handshake::MemoryReplayCache>();
    }
  }
  if (const toml::table* domain = t["cookie_domain"].as_table()) {
    XTT_ENSURE(cookie_mode == "stateless", ErrorCode::kInvalidArgument,
               path + ": [cookie_domain] needs cookie_mode = \"stateless\"");
    f.options.cookie_sync = XTT_TRY(load_cookie_domain(*domain, path));
  }
  if (const toml::array* groups = t["group"].as_array()) {
    for (const toml::node& node : *groups) {
      const toml::table* g = node.as_table();
      XTT_ENSURE(g != nullptr, ErrorCode::kInvalidArgument, path + ": [[group]] must be a table");
      const std::string gpk_path = (*g)["public_key"].value_or(std::string());
      const std::string basename = (*g)["basename"].value_or(std::string());
      XTT_ENSURE(!gpk_path.empty() && !basename.empty(), ErrorCode::kInvalidArgument,
                 path + ": every [[group]] needs public_key and basename");
      const Bytes raw = XTT_TRY(read_sized_input(gpk_path, 258, "DAA group public key"));
      const auto gpk = XTT_TRY(daa::GroupPublicKey::decode(raw));
      store::GroupRecord record;
      record.basename.assign(basename.begin(), basename.end());
      record.gid = group_id(gpk, record.basename);
      std::copy(raw.begin(), raw.end(), record.public_key.begin());
      record.name = (*g)["name"].value_or(std::string());
      record.created_at = net::unix_now();
      f.groups.push_back(std::move(record));
    }
  }
  return f;
}

Status run_server(const std::string& config_path) {
  ServerFile f = XTT_TRY(load_config(config_path));
  if (f.config->cookie_mode == handshake::CookieMode::kStateless &&
      !f.config->bind_client_address) {
    std::cerr << config_path
              << ": warning: stateless cookies without bind_client_address; spec §6.6 asks for it "
                 "on UDP, where it keeps the per-address DAA budget from being bypassed\n";
  }
  std::shared_ptr<store::Store> store(XTT_TRY(store::open_store(f.store_url)).release());
  if (f.replay_cache_in_store) {
    // Nodes sharing this store form one replay domain (§6.6).
    f.config->replay_cache = std::make_shared<net::StoreReplayCache>(store);
  }
  for (const auto& g : f.groups) {
    XTT_TRY(store->put_group(g));
    std::cout << "group " << to_hex(g.gid.bytes) << " (" << g.name << ")\n";
  }
  // Block the signals before the server's threads start, so they inherit
  // the mask and only this thread receives SIGINT/SIGTERM.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  auto server = XTT_TRY(net::Server::start(f.options, f.config, store));
  std::cout << "xtt server listening on " << f.options.listen_address << " tcp "
            << server->tcp_port() << " udp " << server->udp_port() << ", store " << f.store_url
            << std::endl;
  if (server->cookie_sync()) {
    std::cout << "cookie sync on " << f.options.listen_address << ":"
              << server->cookie_sync()->port() << ", " << f.options.cookie_sync->peers.size()
              << " peers" << std::endl;
  }
  if (server->metrics_port()) {
    std::cout << "metrics at http://" << f.options.listen_address << ":" << *server->metrics_port()
              << "/metrics" << std::endl;
  }
  net::wait_for_termination_signal();
  std::cout << "shutting down\n" << server->metrics().render_prometheus();
  server->stop();
  return ok();
}

Status list_identities(const std::string& url) {
  auto store = XTT_TRY(store::open_store(url));
  const auto ids = XTT_TRY(store->list_identities(1000000, 0));
  for (const auto& id : ids) {
    std::cout << to_hex(id.client_id.bytes) << " gid=" << to_hex(id.gid.bytes)
              << " created=" << id.created_at << " last_seen=" << id.last_seen
              << (id.revoked ? " REVOKED" : "") << "\n";
  }
  std::cout << ids.size() << " identities\n";
  return ok();
}

Status revoke(const std::string& url, const std::string& client_hex) {
  const Bytes raw = XTT_TRY(from_hex(client_hex));
  XTT_ENSURE(raw.size() == 16, ErrorCode::kInvalidArgument, "a ClientID is 16 bytes of hex");
  auto store = XTT_TRY(store::open_store(url));
  wire::ClientId id;
  std::copy(raw.begin(), raw.end(), id.bytes.begin());
  XTT_TRY(store->revoke_identity(id));
  std::cout << "revoked " << client_hex << "\n";
  return ok();
}

}  // namespace

void add_server_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("server", "Run the XTT server, or manage its identities");
  auto config = std::make_shared<std::string>();
  cmd->add_option("--config", *config, "server.toml (see docs/cli.md)");
  auto* list = cmd->add_subcommand("list", "List the provisioned identities");
  auto url = std::make_shared<std::string>("sqlite:xtt.db");
  list->add_option("--store", *url, "Store URL: sqlite:PATH or postgres://...");
  list->callback([url] { run_command([&] { return list_identities(*url); }); });
  auto* rev = cmd->add_subcommand("revoke", "Revoke a ClientID (its sessions end)");
  auto client = std::make_shared<std::string>();
  rev->add_option("--store", *url, "Store URL");
  rev->add_option("--client-id", *client, "ClientID (hex)")->required();
  rev->callback([url, client] { run_command([&] { return revoke(*url, *client); }); });
  cmd->callback([cmd, config] {
    if (!cmd->get_subcommands().empty()) {
      return;
    }
    if (config->empty()) {
      throw CLI::RequiredError("--config");
    }
    run_command([&] { return run_server(*config); });
  });
}

}  // namespace xtt::tools
