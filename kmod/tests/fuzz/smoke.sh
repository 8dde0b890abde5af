#!/bin/bash
# Fuzz smoke: every libFuzzer harness (kmod/lib, and the tools' network
# parsers on it) for FUZZ_SECONDS each, seeded from the unit-test tables,
# the tools' own builders and the UDP payloads of the test captures (the
# plugin's generated captures, dissector/tests/data and any VM capture
# under build/vm).  One TAP line per harness with the
# executions and coverage reached, then `N passed, N failed`.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
out=$here/build
secs=${FUZZ_SECONDS:-60}
harnesses="dhcp6 cfg mnha replay msg mhauth"
pass=0
fail=0
n=0
make -s -C "$here" all >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
for h in $harnesses; do
	mkdir -p "$out/corpus/$h"
done
"$out/seeds" "$out/corpus" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
rm -rf "$out/captures"
if ! /usr/bin/python3 "$top/dissector/tests/gen_captures.py" "$out/captures" >/dev/null 2>&1; then
	echo "# fuzz: could not generate the test captures" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
shopt -s nullglob
echo "# $("$here/capture_seeds.sh" "$out/corpus" "$out"/captures/*.pcap \
	"$top"/dissector/tests/data/*.pcap "$top"/build/vm/*/*/*.pcap)"
for h in $harnesses; do
	n=$((n + 1))
	log=$out/fuzz_$h.log
	inputs=$(ls "$out/corpus/$h" | wc -l)
	if "$out/fuzz_$h" -max_total_time="$secs" -print_final_stats=1 \
		"$out/corpus/$h" >"$log" 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n1)
		echo "ok $n - fuzz_$h: ${secs}s from $inputs inputs, $execs executions, $cov, no crash"
		pass=$((pass + 1))
	else
		echo "not ok $n - fuzz_$h: crash or broken invariant (see $log)"
		grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5 | sed 's/^/# /'
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
