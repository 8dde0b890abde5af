#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# Run TAP producers (test binaries or shell scripts), number their results
# as one sequence, and end with exactly one "N passed, N failed" line.
# A producer that exits non-zero without reporting a failure counts as one
# failure, and so does a skipped test: `make deps` installs everything the
# tests need, so a skip means a broken setup.  Exit status: 0 when nothing
# failed.

tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT INT TERM

for t in "$@"; do
	echo "# $t"
	case "$t" in
	*.sh) sh "$t" >"$tmp" 2>&1 ;;
	*) "./$t" >"$tmp" 2>&1 ;;
	esac
	rc=$?
	cat "$tmp"
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$tmp"; then
		echo "not ok - $t exited with status $rc"
	fi
done | awk '
	/^ok / || /^not ok / {
		ok = ($1 == "ok") && $0 !~ /# SKIP/
		line = $0
		sub(/^(not )?ok( [0-9]+)?( -)? ?/, "", line)
		n++
		if (ok) pass++; else fail++
		printf "%sok %d - %s\n", ok ? "" : "not ", n, line
		next
	}
	/^1\.\.[0-9]+/ { next }
	{ print }
	END {
		printf "%d passed, %d failed\n", pass, fail
		exit fail ? 1 : 0
	}'
