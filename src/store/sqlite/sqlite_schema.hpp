#pragma once

#include <sqlite3.h>

#include <span>
#include <string_view>

#include "base/result.hpp"

namespace xtt::store::sqlite {

// One schema step: applying `sql` to a database at version - 1 gives one at
// `version`. Steps are append-only: a released step is never edited.
struct Migration {
  int version;
  std::string_view sql;
};

// Every step, in order; the last one is the version this build writes.
std::span<const Migration> migrations();
int latest_schema_version();

// The version recorded in schema_version, 0 for a database without that table.
Result<int> schema_version(sqlite3* db);

// Brings the database to latest_schema_version() in one IMMEDIATE transaction
// (SQLite DDL is transactional, so a failed step leaves the old version
// intact). A newer version than this build knows is kSchemaMismatch.
Status migrate(sqlite3* db);

}  // namespace xtt::store::sqlite
