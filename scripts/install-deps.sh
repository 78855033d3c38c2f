#!/usr/bin/env bash
# Installs the Debian 12 packages xtt needs to build, test and run. Idempotent:
# when everything is present it returns at once without touching apt.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config git python3 openssl
  libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libfuzzer-14-dev libclang-rt-14-dev clang-format clang-tidy
  valgrind
  libasio-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  libcli11-dev libtomlplusplus-dev libspdlog-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing: ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
