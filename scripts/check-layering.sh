#!/usr/bin/env bash
# Fails when a layer includes a layer it must not (docs/architecture.md), or
# when OS/IO facilities appear outside the layers allowed to use them.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A allowed=(
  [base]="base"
  [crypto]="base crypto"
  [pairing]="base pairing"
  [daa]="base pairing crypto daa"
  [wire]="base wire"
  [record]="base wire crypto record"
  [handshake]="base wire crypto daa record handshake"
  [store]="base wire store"
  [net]="base wire crypto daa record handshake store net"
)
layers="${!allowed[*]}"

fail=0
report() {
  echo "layering: $1"
  fail=1
}

for layer in $layers; do
  [ -d "src/$layer" ] || continue
  while IFS= read -r line; do
    file=${line%%:*}
    inc=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<<"${line#*:}")
    case " $layers " in *" $inc "*) ;; *) continue ;; esac
    case " ${allowed[$layer]} " in
      *" $inc "*) ;;
      *) report "$file: $layer/ must not include $inc/" ;;
    esac
  done < <(grep -rnE '^\s*#\s*include\s+"[a-z_]+/' "src/$layer" | sed -E 's/:[0-9]+:/:/' || true)
done

# Only crypto/ touches OpenSSL headers.
while IFS= read -r f; do
  report "$f includes OpenSSL outside src/crypto/"
done < <(grep -rlE '#\s*include\s*<openssl/' src include 2>/dev/null | grep -v '^src/crypto/' || true)

# Sockets, databases, files and clocks only in net/, store/ and tools/.
pattern='#\s*include\s*<(asio|asio\.hpp|sqlite3\.h|libpq-fe\.h|fstream|sys/socket\.h|netinet/.*)>|(system_clock|steady_clock|high_resolution_clock)::now|\btime\(nullptr\)'
while IFS= read -r f; do
  report "$f uses IO or a clock outside net/, store/, tools/"
done < <(grep -rlE "$pattern" src 2>/dev/null | grep -vE '^src/(net|store)/' || true)

if [ "$fail" -ne 0 ]; then
  exit 1
fi
echo "check-layering: ok"
