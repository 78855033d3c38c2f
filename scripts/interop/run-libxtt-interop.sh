#!/bin/bash
# Interop: our xtt vs libxtt 0.12.0's `xtt` tool, suites 1-4, both directions
# (docs/interop.md). Not part of CI: libxtt is built outside the repository,
# into $XTT_INTEROP_DIR/prefix (default /work/interop/prefix), as
# docs/interop.md describes. XTT_OURS names our binary (default: the release
# build of this checkout).
# Runs itself inside a private network namespace (unshare -n: loopback only), because
# libxtt's runserver binds INADDR_ANY.
set -uo pipefail
if [ -z "${XTT_INTEROP_NS:-}" ]; then
  exec env XTT_INTEROP_NS=1 unshare -n "$0" "$@"
fi
ip link set lo up

HERE=$(cd "$(dirname "$0")" && pwd)
I=${XTT_INTEROP_DIR:-/work/interop}
OURS=${XTT_OURS:-$HERE/../../build/release/tools/xtt/xtt}
REF=$I/prefix/bin/xtt
export LD_LIBRARY_PATH=$I/prefix/lib
W=$I/run; rm -rf "$W"; mkdir -p "$W"/{keys,ref-client,ours-client,logs}; cd "$W"
SUITES=(X25519_LRSW_ECDSAP256_CHACHA20POLY1305_SHA512 X25519_LRSW_ECDSAP256_CHACHA20POLY1305_BLAKE2B
        X25519_LRSW_ECDSAP256_AES256GCM_SHA512 X25519_LRSW_ECDSAP256_AES256GCM_BLAKE2B)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; }
trap cleanup EXIT
wait_port() { for _ in $(seq 50); do ss -ltn "( sport = :$1 )" | grep -q LISTEN && return 0; sleep 0.2; done; return 1; }

echo "== 1. One root, server cert and DAA group, made with our CLI"
K=$W/keys
$OURS root-keygen   --out-private $K/root_priv.bin   --out-public $K/root_pub.bin
$OURS root-cert     --public $K/root_pub.bin --out $K/root_cert.bin
$OURS server-keygen --out-private $K/server_priv.bin --out-public $K/server_pub.bin
$OURS server-cert   --root-private $K/root_priv.bin --root-cert $K/root_cert.bin \
                    --server-public $K/server_pub.bin --expiry never --out $K/server_cert.bin
$HERE/raw2asn1.sh $K/server_priv.bin $K/server_pub.bin $K/server_keys.asn1.bin   # for libxtt
$OURS daa issuer-keygen --out-secret $K/isk.bin --out-public $K/ipk.bin --out-group-public $K/daa_gpk.bin
NONCE=$(head -c 32 /dev/urandom | xxd -p -c 64)
$OURS daa member-keygen --nonce $NONCE --out-secret $K/daa_secretkey.bin --out-public $K/mpk.bin
$OURS daa issue --issuer-secret $K/isk.bin --member-public $K/mpk.bin --nonce $NONCE \
                --out $K/daa_cred.bin --out-signature $K/credsig.bin
printf 'INTEROP-BASENAME' > $K/basename.bin
ls -l $K | awk 'NR>1{print "   ", $5, $9}'
echo "-- libxtt infocert on our certificates:"
$REF infocert -r $K/root_cert.bin -s $K/server_cert.bin | sed 's/^/    /'

declare -A RESULT

echo "== 2a. our server <- libxtt runclient"
cat > $W/server.toml <<TOML
listen = "127.0.0.1"
tcp_port = 4444
udp_port = 4445
threads = 2
store = "sqlite:$W/ours.db"
certificate = "$K/server_cert.bin"
private_key = "$K/server_priv.bin"
cookie_mode = "stateful"
[[group]]
public_key = "$K/daa_gpk.bin"
basename = "INTEROP-BASENAME"
name = "interop"
TOML
$OURS server --config $W/server.toml > logs/ours-server.log 2>&1 &
PIDS+=($!); wait_port 4444 || { echo "our server did not start"; cat logs/ours-server.log; exit 1; }
for n in 1 2 3 4; do
  s=${SUITES[$((n-1))]}
  d=$W/ref-client/suite$n; mkdir -p $d
  ( cd $d && timeout 60 $REF runclient -a 127.0.0.1 -p 4444 -s $s \
      -d $K/daa_gpk.bin -c $K/daa_cred.bin -k $K/daa_secretkey.bin -e $K/root_cert.bin \
      -n $K/basename.bin -i client_id.txt -b longterm_cert.bin -v longterm_priv.bin ) \
      > $W/logs/ref-client-$n.log 2>&1
  rc=$?
  id=$(tr -d '\0' < $d/client_id.txt 2>/dev/null)
  echo "   suite $n ($s): rc=$rc client_id=${id:-none}"
  RESULT[a$n]="rc=$rc id=${id:-none}"
done
echo "-- xtt-ours server list:"
$OURS server list --store sqlite:$W/ours.db | sed 's/^/    /'
for n in 1 2 3 4; do
  hex=$(echo "${RESULT[a$n]}" | sed -n 's/.*id=\([0-9A-F:]*\)$/\1/p' | tr -d ':' | tr A-F a-f)
  if [ -n "$hex" ] && [[ ${RESULT[a$n]} == rc=0* ]] && $OURS server list --store sqlite:$W/ours.db | grep -qi "$hex"; then
    RESULT[a$n]="PASS ${RESULT[a$n]} (listed)"; else RESULT[a$n]="FAIL ${RESULT[a$n]}"; fi
done
kill ${PIDS[0]}; wait ${PIDS[0]} 2>/dev/null; PIDS=()

echo "== 2b. libxtt runserver <- our client provision"
( cd $W && exec stdbuf -oL $REF runserver -p 4555 -d $K/daa_gpk.bin -k $K/server_keys.asn1.bin \
      -b $K/basename.bin -c $K/server_cert.bin ) > logs/ref-server.log 2>&1 &
PIDS+=($!); wait_port 4555 || { echo "libxtt server did not start"; cat logs/ref-server.log; exit 1; }
for n in 1 2 3 4; do
  out=$W/ours-client/suite$n
  timeout 60 $OURS client provision --server 127.0.0.1 --port 4555 --root-cert $K/root_cert.bin \
      --member-secret $K/daa_secretkey.bin --credential $K/daa_cred.bin --gpk $K/daa_gpk.bin \
      --basename INTEROP-BASENAME --suite $n --out $out > logs/ours-client-$n.log 2>&1
  rc=$?
  id=$(xxd -p -c 64 $out/client_id.bin 2>/dev/null)
  sleep 0.3
  srv=$(grep "We assigned the client the id" logs/ref-server.log | sed -n "${n}p" | sed 's/.*{//; s/}//' | tr ',' '\n' | while read -r b; do printf '%02x' $((16#${b#0X})); done)
  # (libxtt prints each byte with %#02X: 0x05 -> "0X5", 0 -> " 0"; hence the per-byte re-format)
  echo "   suite $n (${SUITES[$((n-1))]}): rc=$rc client_id=${id:-none} libxtt-server-assigned=${srv:-none}"
  if [ $rc = 0 ] && [ -n "$id" ] && [ "$id" = "$srv" ]; then RESULT[b$n]="PASS id=$id"; else RESULT[b$n]="FAIL rc=$rc id=${id:-none} srv=${srv:-none}"; fi
done


echo "== 2c. longterm key our client generated == the one libxtt's server received"
for n in 1 2 3 4; do
  srvkey=$(grep "The client sent us the longterm key" logs/ref-server.log | sed -n "${n}p" | sed 's/.*{//; s/}//' | tr ',' '\n' | while read -r b; do printf '%02x' $((16#${b#0X})); done)
  ourkey=$(xxd -p -c 200 $W/ours-client/suite$n/longterm_pub.bin)
  [ "$srvkey" = "$ourkey" ] && r=PASS || r=FAIL; RESULT[c$n]=$r; echo "   suite $n: $r"
done

echo "== 3. Extras (suite 1 unless noted)"
printf '\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff\x01' > $K/req_id.bin
REQ=112233445566778899aabbccddeeff01
echo "-- 3a. requested ClientID, our client -> libxtt server (libxtt echoes it)"
$OURS client provision --server 127.0.0.1 --port 4555 --root-cert $K/root_cert.bin \
    --member-secret $K/daa_secretkey.bin --credential $K/daa_cred.bin --gpk $K/daa_gpk.bin \
    --basename INTEROP-BASENAME --suite 1 --client-id $REQ --out $W/ours-client/req > logs/ours-client-req.log 2>&1
echo "   rc=$? client_id=$(xxd -p $W/ours-client/req/client_id.bin 2>/dev/null)"
echo "-- 3b. wrong basename, our client -> libxtt server (GID unknown to it)"
timeout 60 $OURS client provision --server 127.0.0.1 --port 4555 --root-cert $K/root_cert.bin \
    --member-secret $K/daa_secretkey.bin --credential $K/daa_cred.bin --gpk $K/daa_gpk.bin \
    --basename WRONG --suite 1 --out $W/ours-client/wrong > logs/ours-client-wrongbn.log 2>&1
echo "   rc=$? : $(tail -1 logs/ours-client-wrongbn.log)"
echo "-- 3c. libxtt-made PKI (genkeypair/genrootcert/genservercert) served by libxtt, our client"
L=$W/libxtt-pki; mkdir -p $L
$REF genkeypair -k $L/root_keys.asn1.bin >/dev/null 2>&1 && $REF genrootcert -k $L/root_keys.asn1.bin -c $L/root_cert.bin >/dev/null 2>&1 \
 && $REF genkeypair -k $L/server_keys.asn1.bin >/dev/null 2>&1 \
 && ( cd $L && $REF genservercert -r root_cert.bin -k root_keys.asn1.bin -s server_keys.asn1.bin >/dev/null 2>&1 )
# (libxtt 0.12's genservercert ignores -c/--out-servercert: parse_cli.c has no case 'c'; it always writes ./server_cert.bin)
echo "   reserved field of libxtt's server cert: $(head -c 24 $L/server_cert.bin)"
( cd $W && exec stdbuf -oL $REF runserver -p 4556 -d $K/daa_gpk.bin -k $L/server_keys.asn1.bin \
      -b $K/basename.bin -c $L/server_cert.bin ) > logs/ref-server-libpki.log 2>&1 &
PIDS+=($!); wait_port 4556
timeout 60 $OURS client provision --server 127.0.0.1 --port 4556 --root-cert $L/root_cert.bin \
    --member-secret $K/daa_secretkey.bin --credential $K/daa_cred.bin --gpk $K/daa_gpk.bin \
    --basename INTEROP-BASENAME --suite 1 --out $W/ours-client/libpki > logs/ours-client-libpki.log 2>&1
echo "   rc=$? client_id=$(xxd -p $W/ours-client/libpki/client_id.bin 2>/dev/null)"
echo "-- 3d. wrong root cert (ours) for libxtt's server cert: our client must refuse"
timeout 60 $OURS client provision --server 127.0.0.1 --port 4556 --root-cert $K/root_cert.bin \
    --member-secret $K/daa_secretkey.bin --credential $K/daa_cred.bin --gpk $K/daa_gpk.bin \
    --basename INTEROP-BASENAME --suite 1 --out $W/ours-client/wrongroot > logs/ours-client-wrongroot.log 2>&1
echo "   rc=$? : $(tail -1 logs/ours-client-wrongroot.log)"
kill ${PIDS[-1]}; wait ${PIDS[-1]} 2>/dev/null; kill ${PIDS[0]}; wait ${PIDS[0]} 2>/dev/null; PIDS=()
echo "-- 3e. our server with libxtt's PKI (key converted by asn12raw.sh); libxtt client, requested id, suite 3"
$HERE/asn12raw.sh $L/server_keys.asn1.bin $L/server_priv.bin $L/server_pub.bin
sed -e "s|$K/server_cert.bin|$L/server_cert.bin|; s|$K/server_priv.bin|$L/server_priv.bin|; s|ours.db|ours2.db|" \
    $W/server.toml > $W/server-libpki.toml
$OURS server --config $W/server-libpki.toml > logs/ours-server-libpki.log 2>&1 &
PIDS+=($!); wait_port 4444
d=$W/ref-client/libpki; mkdir -p $d
( cd $d && timeout 60 $REF runclient -a 127.0.0.1 -p 4444 -s ${SUITES[2]} -q $K/req_id.bin \
    -d $K/daa_gpk.bin -c $K/daa_cred.bin -k $K/daa_secretkey.bin -e $L/root_cert.bin -n $K/basename.bin ) > logs/ref-client-libpki.log 2>&1
echo "   rc=$? client_id=$(tr -d '\0' < $d/client_id.txt 2>/dev/null)"
echo "-- 3f. wrong basename, libxtt client -> our server"
d=$W/ref-client/wrongbn; mkdir -p $d; printf 'WRONG' > $K/wrong_basename.bin
( cd $d && timeout 60 $REF runclient -a 127.0.0.1 -p 4444 -s ${SUITES[0]} \
    -d $K/daa_gpk.bin -c $K/daa_cred.bin -k $K/daa_secretkey.bin -e $L/root_cert.bin -n $K/wrong_basename.bin ) > logs/ref-client-wrongbn.log 2>&1
echo "   rc=$? : $(grep -v '^Writing\|^Reading' logs/ref-client-wrongbn.log | tail -2 | tr '\n' ' ')"
echo "   our server log: $(grep -i 'result=' logs/ours-server-libpki.log | tail -1)"
$OURS server list --store sqlite:$W/ours2.db | sed 's/^/    /'
kill ${PIDS[0]}; wait ${PIDS[0]} 2>/dev/null; PIDS=()

echo "== Summary"
for n in 1 2 3 4; do
  echo "suite $n  a) ours-server<-libxtt-client: ${RESULT[a$n]}"
  echo "suite $n  b) libxtt-server<-ours-client: ${RESULT[b$n]}  (longterm key seen by libxtt: ${RESULT[c$n]})"
done
fails=0; for k in "${!RESULT[@]}"; do [[ ${RESULT[$k]} == FAIL* ]] && fails=$((fails+1)); done
echo "failures: $fails"; exit $((fails > 0))
