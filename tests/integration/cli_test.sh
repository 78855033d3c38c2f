#!/usr/bin/env bash
# The `xtt` command end to end as a person would use it: keys, certificates,
# a DAA group, a server from server.toml, a device provisioned and connected,
# its identity exported as X.509 and checked by openssl, and bad input
# answered with one line on stderr and a non-zero exit.
set -euo pipefail
xtt=$1
work=$(mktemp -d)
trap 'kill -KILL "${pid:-0}" "${pid_a:-0}" "${pid_b:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

"$xtt" root-keygen >/dev/null && "$xtt" root-cert >/dev/null
"$xtt" server-keygen >/dev/null && "$xtt" server-cert --days 30 >/dev/null
[ "$(stat -c %a root_priv.bin)" = 600 ] || fail "private key not mode 0600"
[ "$(stat -c %s server_cert.bin)" = 169 ] || fail "server certificate size"
"$xtt" daa issuer-keygen --out-secret isk.bin --out-public ipk.bin --out-group-public gpk.bin >/dev/null
nonce=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
"$xtt" daa member-keygen --nonce "$nonce" --out-secret member_secret.bin --out-public mpk.bin >/dev/null
"$xtt" daa issue --issuer-secret isk.bin --member-public mpk.bin --nonce "$nonce" \
  --out credential.bin --out-signature credsig.bin >/dev/null

port=$((20000 + RANDOM % 20000))
cat > server.toml <<EOT
tcp_port = $port
udp_port = $((port + 1))
metrics_port = $((port + 2))
store = "sqlite:$work/xtt.db"
[[group]]
public_key = "gpk.bin"
basename = "CLITEST"
EOT
"$xtt" server --config server.toml >server.log 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q listening server.log && break; sleep 0.05; done

"$xtt" client provision --port "$port" --basename CLITEST --suite 3 --out dev >/dev/null
[ "$(stat -c %a dev/longterm_priv.bin)" = 600 ] || fail "long-term key not mode 0600"
reply=$(printf 'ping one\nping two\n' | "$xtt" client connect --identity dev --port "$port" \
  --udp-port $((port + 1)) 2>/dev/null)
[ "$reply" = "$(printf 'ping one\nping two')" ] || fail "records: got '$reply'"
id=$(od -An -tx1 dev/client_id.bin | tr -d ' \n')
# The same over UDP, handshakes and records.
"$xtt" client provision --transport udp --udp-port $((port + 1)) --basename CLITEST --suite 1 \
  --out dev-udp >/dev/null
reply=$(printf 'over udp\n' | "$xtt" client connect --transport udp --identity dev-udp \
  --udp-port $((port + 1)) 2>/dev/null)
[ "$reply" = "over udp" ] || fail "UDP records: got '$reply'"
"$xtt" server list --store "sqlite:$work/xtt.db" | grep -q "^$id " || fail "identity not listed"

"$xtt" identity export-x509 --identity dev --out dev.pem --key-out dev.key >/dev/null
openssl verify -CAfile dev.pem dev.pem >/dev/null || fail "openssl verify"
cn=$(openssl x509 -in dev.pem -noout -subject -nameopt multiline | sed -n 's/^ *commonName *= *//p')
expected_cn=$(echo "$id" | tr a-f A-F | sed 's/..../&:/g; s/:$//')
[ "$cn" = "$expected_cn" ] || fail "CN '$cn' is not the ClientID as libxtt writes it ($expected_cn)"
cert_pub=$(openssl x509 -in dev.pem -noout -pubkey | openssl pkey -pubin -outform DER | tail -c 65 | od -An -tx1 | tr -d ' \n')
[ "$cert_pub" = "$(od -An -tx1 dev/longterm_pub.bin | tr -d ' \n')" ] || fail "X.509 key differs"

# The metrics endpoint counts what just happened (Prometheus text over HTTP).
exec 3<>"/dev/tcp/127.0.0.1/$((port + 2))"
printf 'GET /metrics HTTP/1.0\r\n\r\n' >&3
scrape=$(cat <&3)
exec 3<&-
grep -q 'xtt_handshakes_total{kind="identity",suite="1",result="ok"} 1' <<<"$scrape" ||
  fail "metrics (UDP): $scrape"
grep -q 'xtt_handshakes_total{kind="identity",suite="3",result="ok"} 1' <<<"$scrape" ||
  fail "metrics: $scrape"
grep -q 'event=handshake kind=identity suite=3 result=ok' server.log || fail "no handshake log line"

# Revocation: the device can no longer open a session.
"$xtt" server revoke --store "sqlite:$work/xtt.db" --client-id "$id" >/dev/null
if echo x | "$xtt" client connect --identity dev --port "$port" --udp-port $((port + 1)) 2>err.txt; then
  fail "revoked device connected"
fi

# Stateless cookies on two nodes of one replay domain: a domain key, and node A
# pushing its cookie secrets to node B (docs/protocol.md, §6.6).
"$xtt" domain-keygen --out domain.key >/dev/null
[ "$(stat -c %a domain.key)" = 600 ] || fail "domain key not mode 0600"
[ "$(stat -c %s domain.key)" = 32 ] || fail "domain key size"
node() {  # name tcp_port sync_port peers key_file
  cat > "$1.toml" <<EOT
tcp_port = $2
udp_port = $(($2 + 1))
store = "sqlite:$work/xtt.db"
cookie_mode = "stateless"
replay_cache = "store"
[cookie_domain]
sync_port = $3
peers = [$4]
key_file = "$5"
EOT
}
node node_b $((port + 10)) $((port + 12)) "" domain.key
node node_a $((port + 13)) $((port + 15)) "\"127.0.0.1:$((port + 12))\"" domain.key
"$xtt" server --config node_b.toml >node_b.log 2>&1 &
pid_b=$!
for _ in $(seq 1 100); do grep -q "cookie sync on" node_b.log && break; sleep 0.05; done
"$xtt" server --config node_a.toml >node_a.log 2>&1 &
pid_a=$!
for _ in $(seq 1 100); do grep -q "event=cookie_sync peer=.* result=ok" node_a.log && break; sleep 0.05; done
grep -q "event=cookie_sync peer=127.0.0.1:$((port + 12)) result=ok secrets=2" node_a.log ||
  fail "no cookie sync push: $(cat node_a.log)"
kill -TERM "$pid_a" "$pid_b"
wait "$pid_a" "$pid_b" || true
cp domain.key open.key && chmod 644 open.key
node open $((port + 16)) $((port + 17)) "" open.key
sed '/cookie_mode/d' node_b.toml > stateful.toml

# Bad input: one line on stderr, non-zero exit, never a crash.
check_bad() {
  local out rc=0
  out=$("$xtt" "$@" 2>&1 >/dev/null) || rc=$?
  [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] || fail "'$*' exited $rc"
  [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "'$*' printed: $out"
}
check_bad server-cert --root-private missing.bin
head -c 10 /dev/urandom > junk.bin
check_bad server-cert --root-private junk.bin
check_bad server-cert --root-private server_priv.bin   # not the root's key
check_bad client provision --port "$port" --basename CLITEST --credential junk.bin
check_bad client provision --port 1 --basename CLITEST --out dev2   # unreachable
check_bad daa verify --group-public-key junk.bin --signature junk.bin --message 00
check_bad server --config missing.toml
printf '[limits.daa]\nsource_rate = -1\n' > bad-limits.toml
check_bad server --config bad-limits.toml
check_bad client provision --transport carrier-pigeon --basename CLITEST
check_bad server --config open.toml       # a domain key others may read
check_bad server --config stateful.toml   # [cookie_domain] without stateless cookies
echo "cli: all checks passed"
