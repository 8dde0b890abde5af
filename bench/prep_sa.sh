#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host side of the provisioning benchmark: SACONFIGURATION messages built
# with `psac saconf build` (the VM is too slow to build 10,000 pairs) and
# the same SA pairs as `ip -batch` xfrm commands, from the same KEYMAT.
#
#   bench/prep_sa.sh DIR
#
# DIR/sa/psk              the PSK (key-id 7)
# DIR/sa/one/m.I.bin      100 messages of 1 pair   (SPIs 0x10000+I/0x20000+I)
# DIR/sa/ten/m.I.bin      1000 messages of 10 pairs (SPIs 0x100000+K/0x200000+K)
# DIR/sa/{one,ten}.batch  4 ip-xfrm commands per pair, in message order:
#                         the two states and two policies the target installs
# Reuses DIR/sa when complete.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
psac=$top/tools/psac
d=$1/sa
[ -f "$d/complete" ] && exit 0
rm -rf "$d"
mkdir -p "$d/one" "$d/ten" "$d/km"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$d/psk"
REQ=2001:db8:2::2 TGT=2001:db8:2::1
common=(--encr aes-gcm-16 --bits 128 --ulp udp --lifetime 3600)

# build SET I NPAIRS FIRSTPAIR
build() {
	local set=$1 i=$2 np=$3 k=$4 j args=()
	for ((j = 0; j < np; j++)); do
		[ $j -gt 0 ] && args+=(--next-sa)
		args+=(--peer $REQ --spi-in $(((set == 1 ? 0x10000 : 0x100000) + k + j))
		       --spi-out $(((set == 1 ? 0x20000 : 0x200000) + k + j))
		       --dport $((k + j)))
	done
	"$psac" saconf build --psk-file "$d/psk" --key-id 7 "${common[@]}" \
		"${args[@]}" --keymat-out "$d/km/$set.$i" \
		-o "$d/$([ $set = 1 ] && echo one || echo ten)/m.$i.bin" >/dev/null
}
echo "bench: building 100 one-pair and 1000 ten-pair SACONFIGURATION messages" >&2
# Counters are the build time in ns: build each set in order.
for ((i = 1; i <= 100; i++)); do build 1 $i 1 $i; done
for ((i = 1; i <= 1000; i++)); do
	build 10 $i 10 $(((i - 1) * 10 + 1))
	[ $((i % 200)) -eq 0 ] && echo "bench: $i/1000" >&2
done

# batch SET N -> ip-xfrm commands for the pairs of the keymat files
batch() {
	local set=$1 n=$2 i j
	for ((i = 1; i <= n; i++)); do
		(
			. "$d/km/$set.$i"
			for ((j = 0; j < PSAC_NSA; j++)); do
				eval "in=\$PSAC_SA${j}_SPI_I2R out=\$PSAC_SA${j}_SPI_R2I"
				eval "ki=\$PSAC_SA${j}_KE_I2R ko=\$PSAC_SA${j}_KE_R2I dp=\$PSAC_SA${j}_DPORT"
				r=$((in & 0xfffff))
				lim="limit time-soft 3240 limit time-hard 3600"
				echo "xfrm state add src $REQ dst $TGT proto esp spi $in reqid $r mode transport aead rfc4106(gcm(aes)) $ki 128 $lim"
				echo "xfrm state add src $TGT dst $REQ proto esp spi $out reqid $r mode transport aead rfc4106(gcm(aes)) $ko 128 $lim"
				echo "xfrm policy add src $REQ/128 dst $TGT/128 proto udp dport $dp dir in tmpl src $REQ dst $TGT proto esp reqid $r mode transport"
				echo "xfrm policy add src $TGT/128 dst $REQ/128 proto udp sport $dp dir out tmpl src $TGT dst $REQ proto esp reqid $r mode transport"
			done
		)
	done
}
batch 1 100 >"$d/one.batch"
batch 10 1000 >"$d/ten.batch"
rm -rf "$d/km"
touch "$d/complete"
