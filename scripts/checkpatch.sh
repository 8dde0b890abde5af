#!/bin/bash
# Kernel coding style: scripts/checkpatch.pl --no-tree -f (from Debian's
# linux-source-6.1, extracted once into the cache) over every kernel source
# file of the module (kmod/, without the user-space tests and fuzzers) and the
# uapi headers.  One TAP line per file; ends with `N passed, N failed`.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${PSAC_CACHE:-/var/cache/psac}
cp_dir=$CACHE/checkpatch
tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n1)
if [ ! -x "$cp_dir/scripts/checkpatch.pl" ]; then
	[ -n "$tarball" ] || { echo "checkpatch: linux-source-6.1 missing: run 'make deps'"; echo "0 passed, 1 failed"; exit 1; }
	mkdir -p "$cp_dir"
	tar -xf "$tarball" -C "$cp_dir" --strip-components=1 --wildcards \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch' || { echo "0 passed, 1 failed"; exit 1; }
fi
cd "$top"
pass=0
fail=0
n=0
for f in $(find kmod uapi \( -path kmod/tests/user -o -path kmod/tests/fuzz \) -prune -o \( -name '*.c' -o -name '*.h' \) -print | sort); do
	n=$((n + 1))
	ignore=FILE_PATH_CHANGES,SPDX_LICENSE_TAG
	case $f in
	# The one file allowed to test kernel versions (docs/portability.md).
	kmod/compat.h) ignore=$ignore,LINUX_VERSION_CODE,CONSTANT_COMPARISON ;;
	# User-space visible: __packed does not exist there (checkpatch
	# exempts include/uapi/ the same way in-tree).
	uapi/*) ignore=$ignore,PREFER_DEFINED_ATTRIBUTE_MACRO ;;
	esac
	if out=$("$cp_dir/scripts/checkpatch.pl" --no-tree --quiet --show-types \
		--ignore "$ignore" -f "$f" 2>&1) && [ -z "$out" ]; then
		pass=$((pass + 1))
		echo "ok $n - checkpatch clean: $f"
	else
		fail=$((fail + 1))
		echo "not ok $n - checkpatch: $f"
		echo "$out" | sed 's/^/# /'
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
