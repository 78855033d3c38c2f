#pragma once

#include <span>
#include <string_view>

#include "base/result.hpp"
#include "store/postgres/pg_conn.hpp"

namespace xtt::store::postgres {

// One schema step (see sqlite_schema.hpp); append-only.
struct Migration {
  int version;
  std::string_view sql;
};

std::span<const Migration> migrations();
int latest_schema_version();

// Brings the database to latest_schema_version() in one transaction, holding
// an advisory lock so nodes starting together migrate once. A newer version
// than this build knows is kSchemaMismatch.
Status migrate(Connection& conn);

}  // namespace xtt::store::postgres
