#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: boot each kernel in the test VM (selftests/vm/run.sh) with the
# benchmark programs (bench/bin) and the VM benchmark scripts (bench/vm),
# then print the table and write build/bench/KVER.json (bench/report.py).
#
#   bench/run.sh [KVER...]        default: every kernel in $PSAC_CACHE/kvers
#
# Settings passed to the VM: BENCH_COUNT (packets per receive run, default
# 6000), BENCH_ROUNDS (interleaved rounds, 2), BENCH_SIZES ("64 512 1400"), BENCH_SUITES ("gcm cbc"),
# BENCH_IMPLS ("mnha xfrm udecap"), BENCH_MNHA_SAS (300), BENCH_TESTS (VM
# scripts in bench/vm, default all five: "bench_rx bench_sa bench_tx
# bench_scale bench_wg"), BENCH_PLUGIN (0: skip
# the host-side plugin benchmark), BENCH_PLUGIN_PKTS (100000), BENCH_PERF
# (1: profile the receive runs with perf in the VM; see bench/vm/bench_rx.sh),
# BENCH_SCALE_SAS, BENCH_SCALE_SIZE, BENCH_SCALE_ROUNDS (bench/vm/bench_scale.sh).
# BENCH_OUT (output directory, default build/bench).  Progress (one line per
# measurement) is printed as it comes.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${PSAC_CACHE:-/var/cache/psac}
if [ $# -gt 0 ]; then kvers=("$@"); else read -ra kvers <"$CACHE/kvers"; fi
# The VM gets bench/bin: build what is missing or stale (`make bench` has
# already, a direct bench/run.sh may not have).
make -s -C "$top/bench" || { echo "bench: building bench/bin failed" >&2; exit 1; }
out=${BENCH_OUT:-$top/build/bench}
conf=$out/conf
mkdir -p "$conf"
: >"$conf/bench.conf"
cp "$top/bench/lib.sh" "$conf/bench_lib.sh"
for v in BENCH_COUNT BENCH_ROUNDS BENCH_SIZES BENCH_SUITES BENCH_IMPLS BENCH_MNHA_SAS BENCH_PERF \
	BENCH_SCALE_SAS BENCH_SCALE_SIZE BENCH_SCALE_ROUNDS; do
	[ -n "${!v:-}" ] && printf '%s="%s"\n' "$v" "${!v}" >>"$conf/bench.conf"
done
bin=$top/bench/bin
if [ -n "${BENCH_PERF:-}" ]; then	# perf goes into the VM too
	bin=$out/bin-perf
	rm -rf "$bin"
	mkdir -p "$bin"
	cp "$top"/bench/bin/* "$bin/"
	cp "$(command -v perf)" "$bin/perf" || exit 1
fi
BENCH_TESTS=${BENCH_TESTS:-bench_rx bench_sa bench_tx bench_scale bench_wg}
case " $BENCH_TESTS " in
*" bench_wg "*)	# the WireGuard reference needs wg in the VM
	[ "$bin" = "$top/bench/bin" ] && { bin=$out/bin-wg; rm -rf "$bin"; mkdir -p "$bin"; cp "$top"/bench/bin/* "$bin/"; }
	cp "$(command -v wg)" "$bin/wg" || exit 1 ;;
esac
# Deterministic virtual time: with -icount shift=0 the guest clock advances
# 1 ns per executed instruction (sleep=off skips idle time), so rates measure
# instructions per packet, not the shared host's load.  BENCH_ICOUNT=0: real
# time (noisy on a loaded host), 1: always.  Default: every kernel but 6.1,
# which prints nothing and never boots under -icount here.
icount_for() {
	case ${BENCH_ICOUNT:-auto} in
	0) ;;
	1) echo "-icount shift=0,sleep=off" ;;
	*) case $1 in 6.1.*) ;; *) echo "-icount shift=0,sleep=off" ;; esac ;;
	esac
}
rc=0
tests=()
for t in $BENCH_TESTS; do tests+=("$top/bench/vm/$t.sh"); done
# the SACONFIGURATION messages (provisioning and plugin benchmarks)
"$top/bench/prep_sa.sh" "$conf" || exit 1

if [ -n "${BENCH_PLUGIN:-1}" ] && [ "${BENCH_PLUGIN:-1}" != 0 ]; then
	# the plugin benchmark runs on the host, once (bench/plugin.sh)
	echo "bench: host: tshark plugin benchmark"
	"$top/bench/plugin.sh" "$out/plugin" "$conf/sa" &&
		python3 "$top/bench/report.py" --kver host --json "$out/plugin.json" \
			"$out/plugin/results.txt" || rc=1
fi
host="$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: host $host"
for k in "${kvers[@]}"; do
	vmout=$out/vm/$k
	icount=$(icount_for "$k")
	echo "bench: $k: booting the VM (TCG${icount:+, $icount}); a default run takes several minutes"
	rm -rf "$vmout"
	(tail -F "$vmout/console.log" 2>/dev/null |
		grep --line-buffered -E '^(# (RESULT|bench)|not ok)' |
		sed -u "s/^# //; s/^/bench: $k: /") &
	tailpid=$!
	VM_OUT=$vmout VM_EXTRA_BIN=$bin VM_EXTRA_DIR=$conf VM_QEMU_EXTRA="$icount" \
		VM_MEM=${VM_MEM:-2G} TEST_TIMEOUT=${BENCH_TIMEOUT:-1500} \
		VM_TIMEOUT=${BENCH_VM_TIMEOUT:-4200} \
		"$top/selftests/vm/run.sh" "$k" "${tests[@]}" >"$out/vm-$k.tap" 2>&1
	vrc=$?
	sleep 1
	kill "$tailpid" 2>/dev/null
	wait "$tailpid" 2>/dev/null
	grep -E '^not ok|passed,' "$out/vm-$k.tap" | sed "s/^/bench: $k: /"
	[ $vrc -eq 0 ] || rc=1
	python3 "$top/bench/report.py" --kver "$k" --host "$host${icount:+; qemu $icount}" \
		--json "$out/$k.json" "$vmout"/*/results.txt || rc=1
done
exit $rc
