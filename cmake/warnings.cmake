# Warnings are errors everywhere in the project (never in third-party headers,
# which come in as SYSTEM includes).
add_library(xtt_warnings INTERFACE)
target_compile_options(xtt_warnings INTERFACE
  -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # g++ 12 at -O3 reports std::string's own memcpy as overlapping (GCC bug
  # 105329, a false positive inside libstdc++).
  target_compile_options(xtt_warnings INTERFACE -Wno-restrict)
endif()
