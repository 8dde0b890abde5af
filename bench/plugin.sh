#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Plugin benchmark, on the host: tshark packets per second with
# dissector/psac.so (as scripts/tshark-psac.sh runs it: user nobody, private
# HOME) over
#   mnha   N MN-HA AES-128-GCM packets (512-octet inner), keys in uat:mnha_sa
#   esp    N ESP AES-GCM-16 packets, same inner packets, keys in uat:esp_sa
#          (Wireshark's own ESP dissector)
#   espudp the same ESP packets in UDP 4500 (RFC 3948): the same layering
#          as MN-HA (IP, UDP, then the encrypted payload)
#   psac   N DHCPv6 SACONFIGURATION messages, PSK in uat:psac_psk (HMAC
#          check and KEYMAT unwrap)
#   dhcpv6 N plain DHCPv6 Reply messages of the same size
# Rate = (N - 1000) / (CPU time for N - CPU time for 1000 packets), which
# removes tshark's start-up; CPU time (user + system) rather than wall time
# because the host is shared and loaded.  Each run also counts the packets it decrypted/parsed.
#   bench/plugin.sh OUTDIR SA_DIR     (SA_DIR: bench/prep_sa.sh output)
# Writes OUTDIR/results.txt (RESULT plugin ...).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$1 sa=$2
N=${BENCH_PLUGIN_PKTS:-100000}
S=1000
blast=$top/bench/bin/blast
mkdir -p "$out"
chmod a+rx "$out"
res=$out/results.txt
: >"$res"
K=a0a1a2a3a4a5a6a7a8a9aaabacadaeafcafe0001
SPI=0x456
for n in $S $N; do
	for f in mnha esp espudp; do
		"$blast" gen --fmt ${f%udp} --suite gcm --spi $SPI --ekey $K --isrc 10.100.0.10 \
			--idst 10.100.0.1 --size 512 --count $n --out "$out/$f.bin" 2>/dev/null
		"$blast" send --src 192.0.2.2 --dst 192.0.2.1 --dmac 02:00:00:00:00:01 \
			--oport $(case $f in mnha) echo 7872 ;; esp) echo 0 ;; *) echo 4500 ;; esac) --in "$out/$f.bin" \
			--pcap "$out/$f.$n.pcap" >/dev/null
		rm -f "$out/$f.bin"
	done
	python3 "$top/bench/plugin_dhcp.py" $n "$out/psac.$n.pcap" "$out/dhcpv6.$n.pcap" \
		"$sa"/one/m.*.bin
done
chmod a+r "$out"/*.pcap
psk=$(cat "$sa/psk")
opts_mnha=(-o "uat:mnha_sa:\"456\",\"009c\",\"$K\",\"\",\"$K\",\"\"")
opts_esp=(-o esp.enable_encryption_decode:TRUE
	-o "uat:esp_sa:\"IPv4\",\"*\",\"*\",\"$SPI\",\"AES-GCM with 16 octet ICV [RFC4106]\",\"0x$K\",\"NULL\",\"\"")
opts_espudp=("${opts_esp[@]}")
opts_psac=(-o "uat:psac_psk:\"7\",\"$psk\"")
opts_dhcpv6=()
# field whose presence proves the packet was decrypted / parsed
declare -A field=([mnha]=udp.dstport [esp]=udp.dstport [espudp]=udp.dstport [psac]=psac.sa.keymat [dhcpv6]=dhcpv6.interface_id)
declare -A want=([mnha]=9000 [esp]=9000 [espudp]=9000 [psac]=. [dhcpv6]=.)

run() {	# kind count: sets $secs (tshark's CPU time, user + system) and $hits
	local k=$1 n=$2 o="opts_$1[@]" TIMEFORMAT='%U %S'
	{ time "$top/scripts/tshark-psac.sh" -n -r "$out/$k.$n.pcap" "${!o}" -T fields \
		-e "${field[$k]}" >"$out/$k.out" 2>"$out/$k.err"; } 2>"$out/$k.time"
	hits=$(grep -c -- "${want[$k]}" "$out/$k.out" || true)
	secs=$(awk '{ printf "%.3f", $1 + $2 }' "$out/$k.time")
}
# BENCH_PLUGIN_ROUNDS interleaved rounds (default 3), the order rotated:
# the host's load drifts; bench/report.py takes medians.
kinds=(mnha esp espudp psac dhcpv6)
for ((r = 1; r <= ${BENCH_PLUGIN_ROUNDS:-3}; r++)); do
	for ((j = 0; j < ${#kinds[@]}; j++)); do
		k=${kinds[$(((j + r - 1) % ${#kinds[@]}))]}
		run $k $S
		ts=$secs
		run $k $N
		tn=$secs
		rate=$(awk -v n=$N -v s=$S -v a="$ts" -v b="$tn" 'BEGIN { printf "%.0f", (b > a ? (n - s) / (b - a) : 0) }')
		line="RESULT plugin $k - $N pkts=$N decoded=$hits cpu_secs=$tn cpu_secs_1000=$ts pps=$rate round=$r"
		echo "$line" >>"$res"
		echo "bench: host: ${line#RESULT }"
		[ "$hits" = "$N" ] || { echo "bench: plugin $k: only $hits of $N packets decoded ($(head -c 300 "$out/$k.err"))" >&2; exit 1; }
	done
done
rm -f "$out"/*.pcap "$out"/*.out
