#!/bin/bash
# make demo: from a fresh machine, install what is needed, build, boot the
# VM on each Debian kernel and run the demonstration scenario
# (selftests/vm/demo.sh), then print what happened.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
start=$(date +%s)
echo "demo: [1/3] installing dependencies (make deps)"
make -s deps
echo "demo: [2/3] building psac.ko, psac.so and tools/psac"
make -s all
KVERS=${KVERS:-$(cat "${PSAC_CACHE:-/var/cache/psac}/kvers")}
echo "demo: [3/3] booting each kernel in qemu and running the scenario"
rc=0
for k in $KVERS; do
	echo
	echo "================ Debian kernel $k ================"
	VM_OUT=$top/build/demo/$k selftests/vm/run.sh "$k" "$top/selftests/vm/demo.sh" >"$top/build/demo-$k.tap" || rc=1
	# The story as the guest told it (lines the scenario marks with '| ').
	sed -n 's/\r$//; s/^| //p' "$top/build/demo/$k/console.log"
	out=$top/build/demo/$k/demo
	if [ -f "$out/demo.pcap" ]; then
		chmod -R a+rX "$top/build/demo"
		echo
		echo "Wireshark plugin on the capture (PSK given, keys chained to ESP):"
		scripts/tshark-psac.sh -r "$out/demo.pcap" \
			-o esp.enable_encryption_decode:TRUE \
			-o "uat:psac_psk:\"7\",\"$(cat "$out/psk.hex")\"" \
			-Y 'psac || esp || dns' \
			-T fields -e frame.number -e _ws.col.Protocol \
			-e _ws.col.Info -e psac.sa.unwrap 2>&1 |
			awk -F'\t' '{ printf "    frame %-3s %-8s %s%s\n", $1, $2, $3,
				$4 == "1" ? "   [SA keys unwrapped with the PSK]" : "" }' || rc=1
		echo "    capture: $out/demo.pcap"
	fi
	if [ -f "$out/demo-mn.pcap" ]; then
		echo
		echo "Wireshark plugin on the mobile node's capture (TLS key log and the MN's PSK"
		echo "given: auth verified with the channel binding of the session's HAC"
		echo "certificate; the MN-HA SA learned from the decrypted MHAuth-Done response"
		echo "decrypts the pings):"
		scripts/tshark-psac.sh -r "$out/demo-mn.pcap" \
			-o "tls.keylog_file:$out/demo-mn.keys" \
			-o "uat:mhauth_psk:\"\",\"$(cat "$out/mn1.psk.hex")\",\"\"" \
			-Y 'mhauth || mnha' \
			-T fields -e frame.number -e _ws.col.Protocol \
			-e _ws.col.Info -e mhauth.auth.verified 2>&1 |
			awk -F'\t' '{ printf "    frame %-3s %-8s %s%s\n", $1, $2, $3,
				$4 == "1" ? "   [auth verified]" : "" }' || rc=1
		echo "    capture: $out/demo-mn.pcap (TLS keys: $out/demo-mn.keys)"
	fi
	tail -n1 "$top/build/demo-$k.tap"
done
echo
echo "demo: finished in $(( $(date +%s) - start ))s; logs and captures under build/demo/"
exit $rc
