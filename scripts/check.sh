#!/bin/bash
# make check: run every test layer, print each layer's results and a summary,
# end with one line `N passed, N failed`.  A layer that cannot run, exits
# non-zero, or prints no `N passed, N failed` line counts as a failure.
#
#   scripts/check.sh KVER...      (LAYERS="unit tools kunit ..." to subset)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
kvers=("$@")
logdir=$top/build/check
mkdir -p "$logdir"

layers=(${LAYERS:-deps unit tools checkpatch kunit fuzz dissector dissector-asan eco vm})
total_pass=0
total_fail=0
summary=()

run_layer() {
	local name=$1
	shift
	local log=$logdir/$name.log start rc line p f
	start=$(date +%s)
	echo "=== $name: $*"
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)
	if [ -z "$line" ]; then
		p=0
		f=1
		echo "check: layer $name printed no result line (exit $rc)"
	else
		p=${line%% passed*}
		f=${line#*passed, }
		f=${f%% failed*}
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "check: layer $name exited $rc with no failed test"
			f=1
		fi
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	summary+=("$(printf '%-28s %5d passed %4d failed %5ds' "$name" "$p" "$f" $(( $(date +%s) - start )))")
}

for layer in "${layers[@]}"; do
	case $layer in
	deps) run_layer deps scripts/deps/test.sh ;;
	unit) run_layer unit make -s -C kmod/tests/user check ;;
	tools) run_layer tools make -s -C tools check ;;
	checkpatch) run_layer checkpatch scripts/checkpatch.sh ;;
	kunit) run_layer kunit scripts/kunit.sh ;;
	fuzz) run_layer fuzz env FUZZ_SECONDS="${FUZZ_SECONDS:-60}" kmod/tests/fuzz/smoke.sh ;;
	dissector) run_layer dissector make -s -C dissector check ;;
	eco) run_layer eco scripts/eco-check.sh "${kvers[@]}" ;;
	dissector-asan) run_layer dissector-asan make -s -C dissector asan-fuzz \
		FUZZ_VARIANTS="${ASAN_FUZZ_VARIANTS:-10}" ;;
	vm)
		for k in "${kvers[@]}"; do
			run_layer "vm-$k" selftests/vm/run.sh "$k"
		done
		;;
	*) echo "check: unknown layer $layer"; total_fail=$((total_fail + 1)) ;;
	esac
done

echo
echo "=== summary"
printf '%s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
