#include "record/session_table.hpp"

#include <algorithm>

namespace xtt::record {

SessionTable::SessionTable(TableOptions options) : options_(options) {
  options_.max_sessions_per_client = std::max<std::size_t>(options_.max_sessions_per_client, 2);
}

bool SessionTable::dead(const Entry& e, UnixTime now) const {
  return e.session.closed() || e.session.expired(now) || past_deadline(e, now);
}

bool SessionTable::past_deadline(const Entry& e, UnixTime now) const {
  switch (e.status) {
    case SessionStatus::kUnconfirmed:
      return now - e.session.created_at() >= options_.unconfirmed_ttl;
    case SessionStatus::kRetiring:
      return now >= e.retire_at;
    case SessionStatus::kActive:
      break;
  }
  return false;
}

void SessionTable::erase(Map::iterator it) {
  const auto client_it = by_client_.find(it->second.client);
  if (client_it != by_client_.end()) {
    auto& ids = client_it->second;
    ids.erase(std::remove(ids.begin(), ids.end(), it->first), ids.end());
    if (ids.empty()) {
      by_client_.erase(client_it);
    }
  }
  sessions_.erase(it);
}

void SessionTable::on_confirmed(Entry& e, UnixTime now) {
  e.status = SessionStatus::kActive;
  const auto client_it = by_client_.find(e.client);
  if (client_it == by_client_.end()) {
    return;
  }
  for (const wire::SessionId& other_id : client_it->second) {
    Entry& other = sessions_.at(other_id);
    if (&other == &e || other.status != SessionStatus::kActive) {
      continue;
    }
    // Make-before-break (§6.4): the older of the two keeps receiving only.
    Entry& older = other.serial < e.serial ? other : e;
    older.status = SessionStatus::kRetiring;
    older.retire_at = now + options_.retire_grace;
  }
}

Status SessionTable::insert(const wire::ClientId& client, Session session, UnixTime now) {
  XTT_ENSURE(session.role() == Role::kServer, ErrorCode::kInvalidArgument,
             "the session table holds server-side sessions");
  std::lock_guard lock(mu_);
  XTT_ENSURE(!sessions_.contains(session.id()), ErrorCode::kConflict,
             "session_id collision: the existing session is kept (§6.1)");
  auto& ids = by_client_[client];
  while (ids.size() >= options_.max_sessions_per_client) {
    // The oldest unconfirmed session goes first; a confirmed one only makes
    // room for another confirmed one (§6.0 decided point 3).
    const Entry* victim = nullptr;
    for (const auto& id : ids) {
      const Entry& e = sessions_.at(id);
      if (e.status == SessionStatus::kUnconfirmed && (!victim || e.serial < victim->serial)) {
        victim = &e;
      }
    }
    if (victim == nullptr && session.confirmed()) {
      for (const auto& id : ids) {
        const Entry& e = sessions_.at(id);
        if (!victim || e.serial < victim->serial) {
          victim = &e;
        }
      }
    }
    if (victim == nullptr) {
      return make_error(ErrorCode::kTooManySessions,
                        "ClientID holds its maximum of confirmed sessions");
    }
    // ids keeps at least one entry (the cap is at least 2), so erase()
    // never drops the vector this reference points to.
    erase(sessions_.find(victim->session.id()));
  }
  const wire::SessionId id = session.id();
  const bool confirmed = session.confirmed();
  Entry entry{std::move(session), client, SessionStatus::kUnconfirmed, 0, next_serial_++};
  auto [it, inserted] = sessions_.emplace(id, std::move(entry));
  (void)inserted;
  ids.push_back(id);
  if (confirmed) {
    on_confirmed(it->second, now);
  }
  return ok();
}

TableOpened SessionTable::table_drop(DropReason reason) {
  ++drops_[static_cast<std::size_t>(reason)];
  TableOpened out;
  out.record.reason = reason;
  return out;
}

TableOpened SessionTable::open(ByteSpan record, MutableByteSpan out, UnixTime now,
                               const PeerAddress& from) {
  std::lock_guard lock(mu_);
  return open_locked(record, out, now, from);
}

void SessionTable::open_batch(std::span<TableOpenItem> items, UnixTime now) {
  std::lock_guard lock(mu_);
  for (TableOpenItem& item : items) {
    item.result = open_locked(item.record, item.out, now, item.from);
  }
}

TableOpened SessionTable::open_locked(ByteSpan record, MutableByteSpan out, UnixTime now,
                                      const PeerAddress& from) {
  wire::RecordView view;
  if (const DropReason reason = parse_record_view(record, view); reason != DropReason::kNone) {
    return table_drop(reason);
  }
  const auto it = sessions_.find(view.session_id);
  if (it == sessions_.end()) {
    return table_drop(DropReason::kUnknownSession);
  }
  Entry& e = it->second;
  // Closed and over-age sessions are the Session's own drops (kClosed,
  // kExpired); the table adds the deadlines of its statuses.
  if (past_deadline(e, now)) {
    TableOpened out_dead = table_drop(DropReason::kExpired);
    out_dead.session_id = view.session_id;
    out_dead.client_id = e.client;
    out_dead.status = e.status;
    return out_dead;
  }
  TableOpened result;
  result.session_id = view.session_id;
  result.client_id = e.client;
  result.record = e.session.open_view(view, out, now, &from);
  if (result.record.confirmed_now) {
    on_confirmed(e, now);
  }
  result.status = e.status;
  return result;
}

Result<std::size_t> SessionTable::seal(const wire::SessionId& id, std::uint8_t payload_type,
                                       ByteSpan payload, MutableByteSpan out, UnixTime now) {
  std::lock_guard lock(mu_);
  const auto it = sessions_.find(id);
  XTT_ENSURE(it != sessions_.end(), ErrorCode::kNotFound, "no such session");
  Entry& e = it->second;
  XTT_ENSURE(!dead(e, now), ErrorCode::kSessionExpired, "session expired");
  XTT_ENSURE(e.status != SessionStatus::kRetiring, ErrorCode::kBadState,
             "session retired: receive-only (§6.4)");
  XTT_ENSURE(e.session.may_send(kRecordOverhead + payload.size()), ErrorCode::kAmplificationLimit,
             "peer address not validated: 3x amplification limit reached (§6.4)");
  const std::size_t written = XTT_TRY(e.session.seal(payload_type, payload, out, now));
  e.session.on_sent(written);
  return written;
}

std::optional<wire::SessionId> SessionTable::current(const wire::ClientId& client) const {
  std::lock_guard lock(mu_);
  const auto client_it = by_client_.find(client);
  if (client_it == by_client_.end()) {
    return std::nullopt;
  }
  const Entry* best = nullptr;
  for (const auto& id : client_it->second) {
    const Entry& e = sessions_.at(id);
    if (e.status == SessionStatus::kActive && (!best || e.serial > best->serial)) {
      best = &e;
    }
  }
  if (best == nullptr) {
    return std::nullopt;
  }
  return best->session.id();
}

std::optional<SessionStatus> SessionTable::status(const wire::SessionId& id) const {
  std::lock_guard lock(mu_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) {
    return std::nullopt;
  }
  return it->second.status;
}

std::optional<PeerAddress> SessionTable::peer(const wire::SessionId& id) const {
  std::lock_guard lock(mu_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) {
    return std::nullopt;
  }
  return it->second.session.path().address();
}

bool SessionTable::may_send(const wire::SessionId& id, std::size_t bytes) const {
  std::lock_guard lock(mu_);
  const auto it = sessions_.find(id);
  return it != sessions_.end() && it->second.session.may_send(bytes);
}

std::size_t SessionTable::count_for(const wire::ClientId& client) const {
  std::lock_guard lock(mu_);
  const auto it = by_client_.find(client);
  return it == by_client_.end() ? 0 : it->second.size();
}

std::size_t SessionTable::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

std::array<std::uint64_t, kDropReasonCount> SessionTable::table_drops() const {
  std::lock_guard lock(mu_);
  return drops_;
}

bool SessionTable::remove(const wire::SessionId& id) {
  std::lock_guard lock(mu_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) {
    return false;
  }
  erase(it);
  return true;
}

std::size_t SessionTable::expire(UnixTime now) {
  std::lock_guard lock(mu_);
  std::size_t removed = 0;
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    const auto next = std::next(it);
    if (dead(it->second, now)) {
      erase(it);
      ++removed;
    }
    it = next;
  }
  return removed;
}

}  // namespace xtt::record
