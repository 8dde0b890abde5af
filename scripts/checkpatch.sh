#!/bin/bash
# Kernel coding style: scripts/checkpatch.pl --no-tree -f (from Debian's
# linux-source-6.1, extracted once into the cache) over every kernel source
# file of the module (kmod/, without the user-space tests and fuzzers) and the
# uapi headers.  One TAP line per file, then one for kernel-doc: every
# non-static function of kmod/ (not kmod/tests) has a /** comment that the
# kernel's scripts/kernel-doc -Wall accepts.  Ends with `N passed, N failed`.
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
# tap NAME: test $n passes when $out is empty, else fails showing $out.
tap() {
	if [ -z "$out" ]; then
		pass=$((pass + 1))
		echo "ok $n - $1"
	else
		fail=$((fail + 1))
		echo "not ok $n - $1"
		echo "$out" | sed 's/^/# /'
	fi
}

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
	out=$("$cp_dir/scripts/checkpatch.pl" --no-tree --quiet --show-types \
		--ignore "$ignore" -f "$f" 2>&1) || out=${out:-checkpatch.pl failed}
	tap "checkpatch clean: $f"
done

# kernel-doc: the newest scripts/kernel-doc of the kbuild packages `make deps`
# unpacked into the cache (6.1's has no -Wall).  In -none mode it exits 0
# even when it warns: any output fails the test.  kernel-doc does not
# notice an undocumented function, so a scan lists every non-static
# definition (kernel style: its body's "{" alone at column 0) that no /**
# block directly precedes.
n=$((n + 1))
kd=$(ls -d "$CACHE"/k/*/root/usr/lib/linux-kbuild-*/scripts/kernel-doc 2>/dev/null |
	sort -V | tail -n1)
kd_files=$(find kmod -path kmod/tests -prune -o -name '*.c' -print | sort)
if [ -z "$kd" ]; then
	out="kernel-doc not found under $CACHE/k/*/root/usr/lib/linux-kbuild-*/scripts: run 'make deps'"
else
	# shellcheck disable=SC2086 # one word per file
	out=$("$kd" -none -Wall $kd_files 2>&1 || echo "kernel-doc failed: $kd"
	      perl - $kd_files <<'EOF' 2>&1
use strict;
use warnings;
for my $f (@ARGV) {
	open(my $fh, "<", $f) or die "$f: $!\n";
	my @l = <$fh>;
	for my $i (0 .. $#l) {
		next unless $l[$i] =~ /^\{/;
		# the declarator: back to a blank line, "}", ";", "*/" or "#"
		my $s = $i;
		$s-- while $s > 0 && $l[$s - 1] !~ /^\s*$|^\}|;\s*$|\*\/\s*$|^#/;
		my $decl = join(" ", @l[$s .. $i - 1]);
		next unless $decl =~ /(\w+)\s*\(/;
		my $name = $1;
		next if $decl =~ /\bstatic\b|=/;
		my $j = $s - 1;
		if ($j >= 0 && $l[$j] =~ /\*\/\s*$/) {
			$j-- while $j > 0 && $l[$j] !~ /^\s*\/\*/;
			next if $l[$j] =~ /^\/\*\*\s*$/;
		}
		printf "%s:%d: %s() has no kernel-doc comment\n", $f, $s + 1, $name;
	}
}
EOF
	)
fi
tap "every non-static function in kmod has kernel-doc"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
