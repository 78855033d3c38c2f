#!/usr/bin/env bash
# Fails when a tracked C++ file is not clang-formatted (style: .clang-format).
set -euo pipefail
cd "$(dirname "$0")/.."
bad=0
while IFS= read -r f; do
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f (run: clang-format -i $f)"
    bad=$((bad + 1))
  fi
done < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
if [ "$bad" -ne 0 ]; then
  echo "check-format: $bad file(s) need clang-format"
  exit 1
fi
echo "check-format: ok"
