#include "net/metrics.hpp"

#include <sstream>

namespace xtt::net {

void Metrics::count_handshake(const std::string& kind, std::uint16_t suite,
                              const std::string& result) {
  std::lock_guard lock(mu_);
  ++handshakes_[kind + "|" + std::to_string(suite) + "|" + result];
}

void Metrics::count_rejected(const std::string& reason) {
  std::lock_guard lock(mu_);
  ++rejected_[reason];
}

std::uint64_t Metrics::handshakes(const std::string& kind, const std::string& result) const {
  std::lock_guard lock(mu_);
  std::uint64_t total = 0;
  for (const auto& [key, n] : handshakes_) {
    const auto first = key.find('|');
    const auto last = key.rfind('|');
    if (key.substr(0, first) == kind && key.substr(last + 1) == result) {
      total += n;
    }
  }
  return total;
}

std::uint64_t Metrics::rejected(const std::string& reason) const {
  std::lock_guard lock(mu_);
  const auto it = rejected_.find(reason);
  return it == rejected_.end() ? 0 : it->second;
}

std::string Metrics::render_prometheus() const {
  std::ostringstream out;
  out << "# HELP xtt_handshakes_total Handshakes by kind, suite and result.\n"
      << "# TYPE xtt_handshakes_total counter\n";
  {
    std::lock_guard lock(mu_);
    for (const auto& [key, n] : handshakes_) {
      const auto first = key.find('|');
      const auto last = key.rfind('|');
      out << "xtt_handshakes_total{kind=\"" << key.substr(0, first) << "\",suite=\""
          << key.substr(first + 1, last - first - 1) << "\",result=\"" << key.substr(last + 1)
          << "\"} " << n << "\n";
    }
    out << "# HELP xtt_rejected_inputs_total Inputs rejected or dropped, by reason.\n"
        << "# TYPE xtt_rejected_inputs_total counter\n";
    for (const auto& [reason, n] : rejected_) {
      out << "xtt_rejected_inputs_total{reason=\"" << reason << "\"} " << n << "\n";
    }
  }
  out << "# TYPE xtt_active_sessions gauge\nxtt_active_sessions " << active_sessions.load() << "\n"
      << "# TYPE xtt_active_handshakes gauge\nxtt_active_handshakes " << active_handshakes.load()
      << "\n"
      << "# TYPE xtt_udp_handshake_contexts gauge\nxtt_udp_handshake_contexts "
      << udp_handshake_contexts.load() << "\n"
      << "# TYPE xtt_udp_retransmissions_total counter\nxtt_udp_retransmissions_total "
      << udp_retransmissions.load() << "\n"
      << "# TYPE xtt_records_in_total counter\nxtt_records_in_total " << records_in.load() << "\n"
      << "# TYPE xtt_records_out_total counter\nxtt_records_out_total " << records_out.load()
      << "\n"
      << "# TYPE xtt_bytes_in_total counter\nxtt_bytes_in_total " << bytes_in.load() << "\n"
      << "# TYPE xtt_bytes_out_total counter\nxtt_bytes_out_total " << bytes_out.load() << "\n";
  return out.str();
}

}  // namespace xtt::net
