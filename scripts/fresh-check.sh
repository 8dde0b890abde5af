#!/bin/bash
# The fresh-machine check (`make fresh-check`): what CI and a new user do,
# with nothing cached.  Not part of `make check`: it is the cold path itself
# (most of an hour on 2 cores).  Run it before resolving anything that
# touches what `make deps` fetches, and put its figures in the note.
#
#   scripts/fresh-check.sh [--demo] [--keep]
#
#   1. clones HEAD (committed work only) into a temporary folder under
#      FRESH_DIR (default /var/tmp) and runs .ci/run there with PSAC_CACHE
#      pointing at an empty folder: `make deps` cold, then `make check`;
#   2. runs `make deps` once more in the same clone: the warm time;
#   3. with --demo: a second clone with its own empty PSAC_CACHE runs
#      `make demo`, the README's other command, cold.
#
# Every step's time is printed as it ends and again in a summary; the
# folder is removed at the end unless --keep (logs: <folder>/*.log).
# The machine's own packages are whatever it has (a first `make deps` on a
# new machine installs them: about 40 s here).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
demo=0
keep=0
for a in "$@"; do
	case $a in
	--demo) demo=1 ;;
	--keep) keep=1 ;;
	*) echo "usage: scripts/fresh-check.sh [--demo] [--keep]" >&2; exit 2 ;;
	esac
done
work=$(mktemp -d "${FRESH_DIR:-/var/tmp}/psac-fresh.XXXXXX")
summary=()
rc_all=0

# step LOG NAME DIR CACHE CMD...: CMD in DIR with PSAC_CACHE=CACHE, timed,
# its output in $work/LOG.log.
step() {
	local log=$work/$1.log name=$2 dir=$3 cache=$4 start rc secs
	shift 4
	echo "fresh: $name: $* (in $dir, PSAC_CACHE=$cache)"
	start=$(date +%s)
	(cd "$dir" && PSAC_CACHE=$cache "$@") 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	secs=$(( $(date +%s) - start ))
	summary+=("$(printf '%-28s %6ds  %s  exit %d' "$name" "$secs" \
		"$(printf '%dm%02ds' $((secs / 60)) $((secs % 60)))" "$rc")")
	echo "fresh: $name: exit $rc after ${secs}s"
	[ "$rc" -eq 0 ] || rc_all=1
	return "$rc"
}

echo "fresh: cloning $(git -C "$top" rev-parse --short HEAD) into $work"
git clone -q "$top" "$work/src" || exit 1
mkdir -p "$work/cache"
step ci ".ci/run (cold)" "$work/src" "$work/cache" .ci/run
step deps-warm "make deps (warm)" "$work/src" "$work/cache" make -s deps

if [ $demo = 1 ]; then
	git clone -q "$top" "$work/demo" || exit 1
	mkdir -p "$work/demo-cache"
	step demo "make demo (cold)" "$work/demo" "$work/demo-cache" make demo
fi

echo
echo "=== fresh-machine check of $(git -C "$top" rev-parse --short HEAD)"
printf '%s\n' "${summary[@]}"
echo "inside .ci/run:"
grep -h -E '^ci: ' "$work/ci.log"
grep -A 40 -E '^=== summary' "$work/ci.log"
[ ! -f "$work/demo.log" ] || { echo "inside make demo:"; grep -E '^demo: ' "$work/demo.log"; }
if [ $keep = 0 ]; then
	rm -rf "$work"
else
	echo "fresh: kept $work"
fi
exit $rc_all
