#!/bin/bash
# Refresh the dissector's VM captures: boot one Debian kernel, run the
# selftests that leave captures (psac_roles, psac_mnha), and copy the small
# captures plus the keys the tests wrote next to them into
# dissector/tests/data/vm-*.  The tshark tests in dissector/tests/run_tests.py
# (group "vm") read them; the keys are fresh random ones each run, so
# commit captures and keys together.
#
#   scripts/refresh-vm-captures.sh [KVER]     (default: the first kernel)
#   NO_BOOT=1 scripts/refresh-vm-captures.sh  copy from an earlier run
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
KVER=${1:-$(cut -d' ' -f1 "${PSAC_CACHE:-/var/cache/psac}/kvers")}
vm=$top/build/vm/$KVER
data=$top/dissector/tests/data
MAX=204800

if [ -z "${NO_BOOT:-}" ]; then
	make -s vmtest KVERS="$KVER" TESTS="psac_roles psac_mnha"
fi
roles=$vm/psac_roles
mnha=$vm/psac_mnha
for f in "$roles/roles-full-t0.pcap" "$roles/roles-full-t1.pcap" \
	"$roles/psk.hex" "$roles/req.key" "$mnha/mnha-ptype8.pcap"; do
	[ -s "$f" ] || { echo "refresh: $f missing: did the VM test run?" >&2; exit 1; }
done

# PSAC: SACONFIGURATION(-REPLY) between server and kernel target (t0), the
# requestor's Information-Request/Reply and the ESP that follows (t1), in
# time order.
mergecap -F pcap -w "$data/vm-roles.pcap" "$roles/roles-full-t0.pcap" "$roles/roles-full-t1.pcap"
tr -d '\n' <"$roles/psk.hex" >"$data/vm-roles.psk"
tr -d '\n' <"$roles/req.key" >"$data/vm-roles.x25519"

# MN-HA: one capture per suite plus the PType 8 (raw MH socket) exchange,
# with the keys the test generated: "spi N suite NAME ekey-mn2ha HEX ...".
rm -f "$data"/vm-mnha-*
for p in "$mnha"/mnha-*.pcap; do
	name=$(basename "$p" .pcap)
	cp "$p" "$data/vm-$name.pcap"
done
# the SAs of those captures: one per suite (SPI 257..263), PType 8 (0x180)
for spi in 257 258 259 260 261 262 263 0x180; do
	cp "$mnha/mnha-keys.$spi" "$data/vm-mnha-keys.$spi"
done

for f in "$data"/vm-*; do
	sz=$(stat -c %s "$f")
	if [ "$sz" -gt $MAX ]; then
		echo "refresh: $f is $sz octets (> $MAX)" >&2
		exit 1
	fi
done
echo "refresh: captures from $KVER in $data:"
ls -l "$data"/vm-*
