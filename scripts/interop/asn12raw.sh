#!/bin/bash
# The reverse: libxtt's 121-byte *.asn1.bin -> our raw priv (32) and pub (65).
# usage: asn12raw.sh in.asn1.bin priv.bin pub.bin
set -euo pipefail
in=$1 priv=$2 pub=$3
[ "$(stat -c %s "$in")" = 121 ] || { echo "asn12raw: not 121 bytes" >&2; exit 1; }
dd if="$in" of="$priv" bs=1 skip=7 count=32 status=none; chmod 600 "$priv"
dd if="$in" of="$pub" bs=1 skip=56 count=65 status=none
