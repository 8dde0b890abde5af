#!/bin/bash
# Run psac's KUnit suites under UML with tools/testing/kunit/kunit.py from
# Debian's linux-source-6.1.
#
# The source tree is unpacked once into $PSAC_CACHE/kunit/<version>/src and
# kmod/ is linked into it as net/psac (plus one Kconfig `source` line and one
# Makefile line); the UML build lives in $PSAC_CACHE/kunit/<version>/build so
# that later runs are incremental.  Prints every KTAP result, then the line
# `N passed, N failed`; exits non-zero on any failure or if nothing ran.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${PSAC_CACHE:-/var/cache/psac}
SRC_PKG=${KUNIT_SRC_PKG:-linux-source-6.1}
KUNITCONFIG=${KUNITCONFIG:-$top/kmod/.kunitconfig}
JOBS=${JOBS:-$(nproc)}

tarball=$(ls /usr/src/"$SRC_PKG".tar.* 2>/dev/null | head -n1)
if [ -z "$tarball" ]; then
	echo "kunit: /usr/src/$SRC_PKG.tar.* missing: run 'make deps'" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
ver=$(dpkg-query -W -f='${Version}' "$SRC_PKG" 2>/dev/null || echo unknown)
base=$CACHE/kunit/$SRC_PKG-$ver
# A tree and build of an older linux-source (several GB) is not used again.
for old in "$CACHE/kunit/$SRC_PKG"-*; do
	if [ -d "$old" ] && [ "$old" != "$base" ]; then
		echo "kunit: removing $old ($SRC_PKG is $ver now)"
		rm -rf "$old"
	fi
done
src=$base/src
# kmod/.kunitconfig enables KASAN and UBSAN: its own build dir ("-san"), so a
# checkout without the sanitizers (plain "build") never forces a full rebuild.
build=$base/build${KUNIT_BUILD_SUFFIX:--san}

if [ ! -f "$src/.psac-unpacked" ]; then
	echo "kunit: unpacking $tarball (once)"
	rm -rf "$src"
	mkdir -p "$src"
	tar -xf "$tarball" -C "$src" --strip-components=1 || exit 1
	touch "$src/.psac-unpacked"
fi

# Inject kmod/ as net/psac (idempotent; re-pointed at this checkout).
ln -sfn "$top/kmod" "$src/net/psac"
grep -q 'net/psac/Kconfig' "$src/net/Kconfig" ||
	sed -i '/^endif   # if NET/i source "net/psac/Kconfig"' "$src/net/Kconfig"
grep -q 'net/psac/Kconfig' "$src/net/Kconfig" ||
	echo 'source "net/psac/Kconfig"' >>"$src/net/Kconfig"
grep -q '+= psac/' "$src/net/Makefile" ||
	echo 'obj-$(CONFIG_PSAC_KUNIT_TEST) += psac/' >>"$src/net/Makefile"

mkdir -p "$build"
log=$build/kunit.log
echo "kunit: building UML in $build (cold KASAN build takes ~15 min on 2 cores)"
(cd "$src" && ./tools/testing/kunit/kunit.py run --arch=um \
	--kunitconfig="$KUNITCONFIG" --build_dir="$build" --jobs="$JOBS" \
	--timeout=900 --raw_output=all) >"$log" 2>&1
rc=$?

# Per-test KTAP lines (indented subtests included), for the layer's report.
grep -E '^[[:space:]]*(not )?ok [0-9]+ ' "$log" | grep -v '# SKIP' || true
pass=$(grep -cE '^[[:space:]]{4,}ok [0-9]+ ' "$log")
fail=$(grep -cE '^[[:space:]]{4,}not ok [0-9]+ ' "$log")
if [ "$pass" -eq 0 ] && [ "$fail" -eq 0 ]; then
	echo "kunit: no test case ran (exit $rc); last lines of $log:" >&2
	tail -n 30 "$log" >&2
	fail=1
elif [ $rc -ne 0 ] && [ "$fail" -eq 0 ]; then
	echo "kunit: kunit.py failed (exit $rc); see $log" >&2
	tail -n 30 "$log" >&2
	fail=$((fail + 1))
fi
if grep -qE 'BUG:|WARNING:|Oops|KASAN|UBSAN' "$log"; then
	echo "kunit: kernel reported a problem:" >&2
	grep -E 'BUG:|WARNING:|Oops|KASAN|UBSAN' "$log" >&2
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
