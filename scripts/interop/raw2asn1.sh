#!/bin/bash
# Wrap our raw P-256 key pair (priv 32 bytes, pub 65 bytes 0x04||X||Y) into
# libxtt's 121-byte SEC1 ECPrivateKey DER ("*.asn1.bin", priv @7, pub @56).
# usage: raw2asn1.sh priv.bin pub.bin out.asn1.bin
set -euo pipefail
priv=$1 pub=$2 out=$3
[ "$(stat -c %s "$priv")" = 32 ] && [ "$(stat -c %s "$pub")" = 65 ] || { echo "raw2asn1: bad sizes" >&2; exit 1; }
{ printf '\x30\x77\x02\x01\x01\x04\x20'; cat "$priv"
  printf '\xa0\x0a\x06\x08\x2a\x86\x48\xce\x3d\x03\x01\x07\xa1\x44\x03\x42\x00'; cat "$pub"; } > "$out"
chmod 600 "$out"
[ "$(stat -c %s "$out")" = 121 ]
