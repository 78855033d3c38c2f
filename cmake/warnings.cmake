# Warnings are errors everywhere in the project (never in third-party headers,
# which come in as SYSTEM includes).
add_library(xtt_warnings INTERFACE)
target_compile_options(xtt_warnings INTERFACE
  -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
