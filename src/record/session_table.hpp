#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "record/session.hpp"

namespace xtt::record {

// Where a server-side session is in its life (§6.2, §6.4 make-before-break).
enum class SessionStatus : std::uint8_t {
  kUnconfirmed,  // no record (or payload block) under the client key yet
  kActive,       // confirmed; the newest active one is the one to send on
  kRetiring,     // superseded by a newer confirmed session: receive-only
};

struct TableOptions {
  // §6.0 / §6.8: sessions per ClientID, unconfirmed ones included. Values
  // below 2 are raised to 2, or a client could never rekey: a new,
  // unconfirmed session may not displace its confirmed one.
  std::size_t max_sessions_per_client = 4;
  // §6.2: an unconfirmed session is deleted this long after its creation.
  UnixTime unconfirmed_ttl = 60;
  // §6.4: an old session stays open for receiving this long after a newer
  // one of the same ClientID is confirmed.
  UnixTime retire_grace = 60;
};

struct TableOpened {
  Opened record;
  // Set once the session_id was found (also for later drops).
  std::optional<wire::SessionId> session_id;
  std::optional<wire::ClientId> client_id;
  SessionStatus status = SessionStatus::kUnconfirmed;
};

struct TableOpenItem {
  ByteSpan record;
  MutableByteSpan out;
  PeerAddress from;
  TableOpened result;
};

// The server's sessions, keyed by SessionID (§6.4 step 2), with the
// per-ClientID cap and replacement rules (§6.0 decided point 3, §6.8),
// unconfirmed expiry, make-before-break retirement and roaming.
//
// Rules, in one place:
// - insert: a session_id already held is kConflict (§6.1: the handshake
//   fails, the old session is untouched). At the cap, the client's oldest
//   unconfirmed session is dropped first; failing that, a confirmed new
//   session replaces the oldest confirmed one, and an unconfirmed new
//   session is refused (kTooManySessions), since it may never displace a
//   confirmed one.
// - When a session is confirmed (at insert or by its first authenticated
//   record), every older active session of its ClientID becomes retiring:
//   still receiving for retire_grace, never sent on. If a newer session is
//   already active, the late one retires at once.
// - expire(now) deletes closed sessions, sessions past max_age, unconfirmed
//   ones past unconfirmed_ttl and retiring ones past their grace; open()
//   already drops records for them before expire() runs.
//
// Thread safety: every public method takes one mutex, so the table can be
// shared by the receive and send paths of several threads. open() and seal()
// hold it for one AEAD operation (about a microsecond per KB); a server that
// needs more cores shards by session_id across tables.
class SessionTable {
 public:
  explicit SessionTable(TableOptions options = {});
  SessionTable(const SessionTable&) = delete;
  SessionTable& operator=(const SessionTable&) = delete;

  // Takes a server-role session a handshake created; its confirmed() flag
  // says whether it starts unconfirmed.
  Status insert(const wire::ClientId& client, Session session, UnixTime now);

  // §6.4 receiver steps 1-7 for a record from `from`.
  TableOpened open(ByteSpan record, MutableByteSpan out, UnixTime now, const PeerAddress& from);
  void open_batch(std::span<TableOpenItem> items, UnixTime now);

  // Seals one record on a session, within the amplification budget of its
  // peer address. kNotFound, kBadState (retiring: receive-only),
  // kSessionExpired, kAmplificationLimit, or Session::seal's errors.
  Result<std::size_t> seal(const wire::SessionId& id, std::uint8_t payload_type, ByteSpan payload,
                           MutableByteSpan out, UnixTime now);

  // The session to send on for a client: its newest active one.
  std::optional<wire::SessionId> current(const wire::ClientId& client) const;
  std::optional<SessionStatus> status(const wire::SessionId& id) const;
  std::optional<PeerAddress> peer(const wire::SessionId& id) const;
  bool may_send(const wire::SessionId& id, std::size_t bytes) const;
  std::size_t count_for(const wire::ClientId& client) const;
  std::size_t size() const;
  // Drops before a session was found (bad headers, unknown session_id, dead
  // sessions), by reason; per-session counts are in Session::stats().
  std::array<std::uint64_t, kDropReasonCount> table_drops() const;

  bool remove(const wire::SessionId& id);
  // Returns how many sessions it deleted. Run it every few seconds.
  std::size_t expire(UnixTime now);

 private:
  struct IdHash {
    // session_ids are PRF outputs (§6.1), so their first 8 bytes are already
    // uniform and cannot be steered by a peer.
    std::size_t operator()(const wire::SessionId& id) const {
      std::uint64_t v = 0;
      std::memcpy(&v, id.bytes.data(), sizeof(v));
      return static_cast<std::size_t>(v);
    }
  };
  struct Entry {
    Session session;
    wire::ClientId client;
    SessionStatus status = SessionStatus::kUnconfirmed;
    UnixTime retire_at = 0;
    std::uint64_t serial = 0;  // insertion order: "oldest" and "newest"
  };
  using Map = std::unordered_map<wire::SessionId, Entry, IdHash>;

  bool dead(const Entry& e, UnixTime now) const;
  // Unconfirmed past unconfirmed_ttl, or retiring past its grace.
  bool past_deadline(const Entry& e, UnixTime now) const;
  void on_confirmed(Entry& e, UnixTime now);
  void erase(Map::iterator it);
  TableOpened open_locked(ByteSpan record, MutableByteSpan out, UnixTime now,
                          const PeerAddress& from);
  TableOpened table_drop(DropReason reason);

  TableOptions options_;
  mutable std::mutex mu_;
  Map sessions_;
  // ClientIDs may be chosen by peers, so an ordered map (no hash flooding).
  std::map<wire::ClientId, std::vector<wire::SessionId>> by_client_;
  std::uint64_t next_serial_ = 0;
  std::array<std::uint64_t, kDropReasonCount> drops_{};
};

}  // namespace xtt::record
