#pragma once

#include <string>
#include <string_view>

#include "base/bytes.hpp"

namespace xtt {

// Lower-case hex.
std::string to_hex(ByteSpan data);
// Accepts upper or lower case and ignores ASCII whitespace (people paste
// wrapped hex); rejects odd lengths and other characters.
Result<Bytes> from_hex(std::string_view text);

}  // namespace xtt
