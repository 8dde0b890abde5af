#!/bin/bash
# make check: run every test layer, print each layer's results and a summary,
# end with one line `N passed, N failed`.  A layer that cannot run, exits
# non-zero, or prints no `N passed, N failed` line counts as a failure.
#
# The user space (tools, selftest helpers, the plugin) is built and tested
# on the host (Debian 12, Wireshark 4.0) and again in every chroot suite of
# `make deps` (trixie: Wireshark 4.4, sid: 4.6), each in a private copy of
# the sources under build/suite/<suite> (scripts/in-suite.sh).
#
#   scripts/check.sh KVER...      (LAYERS="unit tools kunit ..." to subset;
#                                  the per-suite layers are tools-<suite>,
#                                  dissector-<suite>, dissector-asan-<suite>)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
kvers=("$@")
logdir=$top/build/check
mkdir -p "$logdir"
CACHE=${PSAC_CACHE:-/var/cache/psac}
suites=()
[ ! -f "$CACHE/suites" ] || read -r -a suites <"$CACHE/suites"

per_suite() { local s; for s in "${suites[@]}"; do printf ' %s-%s' "$1" "$s"; done; }
layers=(${LAYERS:-deps unit tools $(per_suite tools) checkpatch kunit fuzz
	dissector dissector-asan $(per_suite dissector) $(per_suite dissector-asan) eco vm})
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

# in_suite SUITE CMD...: CMD in SUITE's environment, in the copy
# build/suite/SUITE of the sources (the files git knows of, tracked or new;
# build outputs are kept, so later runs are incremental, unless the file
# list changed).
in_suite() {
	local s=$1 dst=$top/build/suite/$1 list
	shift
	list=$(git ls-files --cached --others --exclude-standard -- uapi kmod/lib tools selftests dissector) ||
		return 1
	if [ "$(cat "$dst/.files" 2>/dev/null)" != "$(sha256sum <<<"$list")" ]; then
		rm -rf "$dst"
	fi
	mkdir -p "$dst"
	rsync -a --files-from=- ./ "$dst/" <<<"$list" || return 1
	sha256sum <<<"$list" >"$dst/.files"
	(cd "$dst" && "$top/scripts/in-suite.sh" "$s" "$@")
}

if [ ! -f "$CACHE/suites" ]; then
	echo "check: $CACHE/suites is missing (the chroot suites): run 'make deps'"
	total_fail=$((total_fail + 1))
fi
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
	tools-*)
		s=${layer#tools-}
		run_layer "$layer" in_suite "$s" bash -c \
			'make -s -C selftests && make -s -C tools check' ;;
	dissector-asan-*)
		s=${layer#dissector-asan-}
		run_layer "$layer" in_suite "$s" make -s -C dissector asan-fuzz \
			FUZZ_VARIANTS="${ASAN_FUZZ_VARIANTS:-10}" ;;
	dissector-*)
		s=${layer#dissector-}
		run_layer "$layer" in_suite "$s" make -s -C dissector check ;;
	*) echo "check: unknown layer $layer"; total_fail=$((total_fail + 1)) ;;
	esac
done

echo
echo "=== summary"
printf '%s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
