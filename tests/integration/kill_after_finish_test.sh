#!/usr/bin/env bash
# Nothing acknowledged is lost: provision a device, SIGKILL the server the
# moment the client holds ServerFinished, and find the device in the store.
# Repeated ROUNDS times against a fresh server process each time, the odd
# rounds over TCP and the even ones over UDP.
set -euo pipefail
xtt=$1
rounds=${2:-10}
work=$(mktemp -d)
trap 'pkill -KILL -f "$work/server.toml" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"

"$xtt" root-keygen >/dev/null
"$xtt" root-cert >/dev/null
"$xtt" server-keygen >/dev/null
"$xtt" server-cert >/dev/null
"$xtt" daa issuer-keygen --out-secret isk.bin --out-public ipk.bin --out-group-public gpk.bin >/dev/null
nonce=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
"$xtt" daa member-keygen --nonce "$nonce" --out-secret member_secret.bin --out-public mpk.bin >/dev/null
"$xtt" daa issue --issuer-secret isk.bin --member-public mpk.bin --nonce "$nonce" \
  --out credential.bin --out-signature credsig.bin >/dev/null

port=$((20000 + RANDOM % 20000))
cat > server.toml <<EOT
listen = "127.0.0.1"
tcp_port = $port
udp_port = $((port + 1))
store = "sqlite:$work/xtt.db"
certificate = "server_cert.bin"
private_key = "server_priv.bin"
[[group]]
public_key = "gpk.bin"
basename = "KILLTEST"
EOT

acknowledged=()
for i in $(seq 1 "$rounds"); do
  "$xtt" server --config "$work/server.toml" >"server-$i.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    grep -q listening "server-$i.log" 2>/dev/null && break
    sleep 0.05
  done
  # Each device asks for its own ClientID; the server grants it.
  id=$(printf '%02x' "$i")00000000000000000000000000000000
  id=${id:0:32}
  transport=$([ $((i % 2)) -eq 1 ] && echo tcp || echo udp)
  if "$xtt" client provision --transport "$transport" --port "$port" --udp-port $((port + 1)) \
      --basename KILLTEST --client-id "$id" --out "dev-$i" >/dev/null 2>"client-$i.err"; then
    kill -KILL "$pid"   # right after ServerFinished reached the client
    acknowledged+=("$(od -An -tx1 "dev-$i/client_id.bin" | tr -d ' \n')")
  else
    kill -KILL "$pid"
    echo "round $i ($transport): provisioning failed: $(cat "client-$i.err")"
  fi
  wait "$pid" 2>/dev/null || true
done

listing=$("$xtt" server list --store "sqlite:$work/xtt.db")
lost=0
for id in "${acknowledged[@]}"; do
  if ! grep -q "^$id " <<<"$listing"; then
    echo "LOST: $id was acknowledged but is not in the store"
    lost=$((lost + 1))
  fi
done
echo "${#acknowledged[@]} acknowledged, $lost lost, over $rounds SIGKILLed servers"
[ "${#acknowledged[@]}" -eq "$rounds" ] && [ "$lost" -eq 0 ]
