#include "daa/ct_hooks.hpp"

#include <atomic>

namespace xtt::daa {
namespace {

std::atomic<DeclassifyHook> g_hook{nullptr};

}  // namespace

void set_declassify_hook(DeclassifyHook hook) { g_hook.store(hook, std::memory_order_release); }

namespace detail {

void declassify_bytes(const void* data, std::size_t size) {
  const DeclassifyHook hook = g_hook.load(std::memory_order_acquire);
  if (hook != nullptr) {
    hook(data, size);
  }
}

}  // namespace detail
}  // namespace xtt::daa
