#include <string>

#include "store/memory_store.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace xtt::store {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(std::string_view url) {
  if (url == "memory:") {
    return std::unique_ptr<Store>(std::make_unique<MemoryStore>());
  }
  if (starts_with(url, "sqlite:")) {
    std::string_view path = url.substr(7);
    if (starts_with(path, "//")) {
      path.remove_prefix(2);  // sqlite:///abs/path
    }
    XTT_ENSURE(!path.empty(), ErrorCode::kInvalidArgument, "sqlite: URL without a path");
    auto store = XTT_TRY(sqlite::SqliteStore::open(std::string(path)));
    return std::unique_ptr<Store>(std::move(store));
  }
  if (starts_with(url, "postgres://") || starts_with(url, "postgresql://")) {
    auto store = XTT_TRY(postgres::PostgresStore::open(std::string(url)));
    return std::unique_ptr<Store>(std::move(store));
  }
  for (std::string_view scheme : {"postgresql:", "postgres:"}) {
    if (starts_with(url, scheme)) {
      auto store = XTT_TRY(postgres::PostgresStore::open(std::string(url.substr(scheme.size()))));
      return std::unique_ptr<Store>(std::move(store));
    }
  }
  // The URL may carry a password: echo only its scheme.
  const auto colon = url.find(':');
  return make_error(ErrorCode::kInvalidArgument,
                    "unknown store URL scheme '" +
                        std::string(url.substr(0, colon == std::string_view::npos ? 0 : colon)) +
                        "' (use memory:, sqlite:PATH, postgres://...)");
}

}  // namespace xtt::store
