#!/bin/bash
# Boot one Debian kernel in qemu (TCG) with a busybox initramfs carrying
# psac.ko, iproute2, tcpdump, the psac tool and the selftests; run the tests;
# bring results and captures back.
#
#   selftests/vm/run.sh KVER [TEST...]
#
# Environment: PSAC_CACHE (default /var/cache/psac), VM_OUT (default
# build/vm/KVER), VM_TIMEOUT (whole boot, s, default 900), TEST_TIMEOUT (per
# test, s, default 300), VM_MEM (default 1G), VM_EXTRA_BIN (a directory
# whose executables go to /usr/local/bin with their libraries), VM_EXTRA_DIR
# (a tree copied over the initramfs root), VM_SMP (default 2), VM_STAGE_HOOK
# (a script that adds to the initramfs, given its staging directory),
# VM_QEMU_EXTRA (more qemu arguments, e.g. "-icount shift=0,sleep=off").
#
# Prints each test's TAP lines prefixed with the kernel, then one line
# `N passed, N failed`.  Fails on any failed test, a test that exits non-zero
# without a failed TAP line, a timeout, a missing end marker, or a kernel
# BUG/WARNING/Oops/KASAN/UBSAN/refcount/panic line in the log.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${PSAC_CACHE:-/var/cache/psac}
kver=${1:?usage: run.sh KVER [TEST...]}
shift
kroot=$CACHE/k/$kver/root
out=${VM_OUT:-$top/build/vm/$kver}
ko=${PSAC_KO:-$top/build/kmod/$kver/kmod/psac.ko}

die() {
	echo "vm: $*" >&2
	echo "0 passed, 1 failed"
	exit 1
}

[ -f "$kroot/boot/vmlinuz-$kver" ] || die "kernel $kver not in $CACHE/k: run 'make deps'"
[ -f "$ko" ] || die "$ko missing: run 'make'"

if [ $# -gt 0 ]; then
	tests=("$@")
else
	mapfile -t tests < <(cd "$top/selftests" && ls *.sh | grep -v '^lib\.sh$' | sed 's/\.sh$//')
fi
# A test is a name in selftests/ (without .sh) or a path to a script.
testfile() {
	case $1 in
	*/*) echo "$1" ;;
	*) echo "$top/selftests/$1.sh" ;;
	esac
}
for t in "${tests[@]}"; do
	[ -f "$(testfile "$t")" ] || die "no such test: $t"
done

rm -rf "$out"
mkdir -p "$out"
stage=$out/initramfs
mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,usr/local/sbin,usr/local/bin,etc,lib,lib64,selftests,psac}

# busybox and its applets at their usual paths (the kernel runs
# /sbin/modprobe to autoload modules); iproute2's ip and tcpdump live in
# /usr/local/sbin, first in PATH.
cp /bin/busybox "$stage/bin/busybox"
for a in $(/bin/busybox --list-full); do
	[ -e "$stage/$a" ] || ln -s /bin/busybox "$stage/$a"
done

# Dynamically linked host programs, with their libraries.
copy_bin() {
	local src=$1 dst=$2 lib
	install -D -m 0755 "$src" "$stage$dst"
	for lib in $(ldd "$src" 2>/dev/null | grep -oE '/[^ ]+'); do
		[ -e "$stage$lib" ] || install -D -m 0755 "$lib" "$stage$lib"
	done
}
copy_bin /sbin/ip /usr/local/sbin/ip
copy_bin /usr/sbin/genl /usr/local/sbin/genl
copy_bin /usr/bin/tcpdump /usr/local/sbin/tcpdump
copy_bin /usr/bin/setpriv /usr/local/bin/setpriv
[ -x "$top/tools/psac" ] && copy_bin "$top/tools/psac" /usr/local/sbin/psac
for b in "$top"/selftests/bin/*; do
	[ -x "$b" ] && [ -f "$b" ] && copy_bin "$b" "/usr/local/bin/$(basename "$b")"
done
if [ -n "${VM_EXTRA_BIN:-}" ]; then
	for b in "$VM_EXTRA_BIN"/*; do
		[ -x "$b" ] && [ -f "$b" ] && copy_bin "$b" "/usr/local/bin/$(basename "$b")"
	done
fi
[ -z "${VM_EXTRA_DIR:-}" ] || cp -a "$VM_EXTRA_DIR"/. "$stage"/ || die "VM_EXTRA_DIR copy failed"
printf 'root:x:0:0:root:/root:/bin/sh\ntcpdump:x:104:104:tcpdump:/:/bin/false\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$stage/etc/passwd"
printf 'root:x:0:\ntcpdump:x:104:\nnogroup:x:65534:\n' >"$stage/etc/group"
cp /etc/protocols /etc/services "$stage/etc/"
printf '::1 localhost\n127.0.0.1 localhost\n' >"$stage/etc/hosts"

# Kernel modules: the list plus psac.ko's dependencies, closed with modprobe.
mods=$(grep -vE '^\s*(#|$)' "$top/selftests/vm/modules.list")
mods="$mods $(modinfo -F depends "$ko" | tr ',' ' ')"
mdir=lib/modules/$kver
for alts in $mods; do
	# a|b|...: the first module this kernel has; "-": none is needed
	for m in ${alts//|/ }; do
		[ "$m" != - ] || { deps=; break; }
		deps=$(modprobe -d "$kroot" -S "$kver" --show-depends "$m" 2>&1) && break
		[ "$m" != "${alts##*|}" ] || die "module $alts not available for $kver: $deps"
	done
	for f in $(echo "$deps" | awk '$1 == "insmod" { print $2 }'); do
		rel=${f#"$kroot"/}
		[ -e "$stage/$rel" ] || install -D -m 0644 "$f" "$stage/$rel"
	done
done
cp "$kroot/$mdir"/modules.{order,builtin,builtin.modinfo} "$stage/$mdir/"
install -D -m 0644 "$ko" "$stage/$mdir/extra/psac.ko"
depmod -b "$stage" "$kver" || die "depmod failed"

# Tests
cp "$top"/selftests/*.sh "$stage/selftests/"
names=()
for t in "${tests[@]}"; do
	n=$(basename "$t" .sh)
	cp "$(testfile "$t")" "$stage/selftests/$n.sh"
	names+=("$n")
done
printf '%s\n' "${names[@]}" >"$stage/selftests/list"
echo "${TEST_TIMEOUT:-300}" >"$stage/selftests/timeout"
install -m 0755 "$top/selftests/vm/init" "$stage/init"
# Optional extra initramfs content (python3 for selftests/ynl): a script
# called with the staging directory.
if [ -n "${VM_STAGE_HOOK:-}" ]; then
	"$VM_STAGE_HOOK" "$stage" || die "stage hook $VM_STAGE_HOOK failed"
fi

(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$out/initramfs.gz" ||
	die "cpio failed"

log=$out/console.log
# A kernel that dies before /init prints its first line has not run any
# psac code (the module is loaded by the tests): under TCG, a 6.12 boot
# very rarely oopses in early text patching or fails its timer check. That
# boot is retried (twice at most) and said so; its console is kept.
for boot in 1 2 3; do
	echo "vm: booting $kver with ${#tests[@]} test(s): ${tests[*]}" >&2
	start=$(date +%s)
	timeout --foreground "${VM_TIMEOUT:-900}" qemu-system-x86_64 \
		-accel tcg ${VM_QEMU_EXTRA:-} -cpu max -m "${VM_MEM:-1G}" -smp "${VM_SMP:-2}" \
		-nodefaults -no-user-config -display none -serial stdio -monitor none \
		-no-reboot -nic none \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$kroot/boot/vmlinuz-$kver" -initrd "$out/initramfs.gz" \
		-append "console=ttyS0 panic=-1 loglevel=5 log_buf_len=4M rdinit=/init" \
		</dev/null >"$log" 2>&1
	qrc=$?
	secs=$(( $(date +%s) - start ))
	echo "vm: $kver finished in ${secs}s (qemu exit $qrc)" >&2
	grep -q '^==PSAC-VM-BEGIN==' "$log" && break
	cp "$log" "$out/console.boot-failure-$boot.log"
	echo "vm: $kver died before /init started (boot $boot, see console.boot-failure-$boot.log; no test ran)" >&2
done

# Per-test TAP lines, renumbered and prefixed with the kernel.
pass=0
fail=0
n=0
report() {
	n=$((n + 1))
	if [ "$1" = ok ]; then
		pass=$((pass + 1))
		echo "ok $n - $kver $2"
	else
		fail=$((fail + 1))
		echo "not ok $n - $kver $2"
	fi
}
cur=""
tfail=0
while IFS= read -r line; do
	line=${line%$'\r'}
	case $line in
	"==PSAC-TEST-BEGIN== "*)
		cur=${line#==PSAC-TEST-BEGIN== }
		tfail=0
		;;
	"==PSAC-TEST-END== "*)
		rc=${line##*rc=}
		if [ "$rc" != 0 ] && [ $tfail -eq 0 ]; then
			report fail "$cur: exited $rc (timeout is 124)"
		fi
		cur=""
		;;
	"ok "*|"not ok "*)
		[ -n "$cur" ] || continue
		desc=$(echo "$line" | sed -E 's/^(not )?ok [0-9]+ -? ?//')
		case $line in
		"ok "*"# SKIP"*) report fail "$cur: $desc (skips are failures here)" ;;
		"ok "*) report ok "$cur: $desc" ;;
		*) tfail=1; report fail "$cur: $desc" ;;
		esac
		;;
	esac
done <"$log"

grep -q '^==PSAC-VM-END==' "$log" ||
	report fail "VM did not reach the end of the test run (crash or timeout, qemu exit $qrc); see $log"
case $qrc in
1|3) ;;
*) report fail "qemu exit status $qrc (expected 1 pass / 3 fail)" ;;
esac
# Everything but the base64 blob of /out (which can spell anything).
bad=$(sed '/^==PSAC-OUT-BEGIN==/,/^==PSAC-OUT-END==/d' "$log" |
	grep -E '(\] |^)(BUG|WARNING:|Oops|general protection|Kernel panic|UBSAN|KASAN|refcount_t:|kernel BUG|unreferenced object)' |
	grep -v 'psac-selftest-ignore' | head -n 20)
if [ -n "$bad" ]; then
	echo "$bad" | sed 's/^/# kernel: /'
	report fail "kernel log has BUG/WARNING/Oops lines"
fi

# Captures and results the tests left in /out.
sed -n '/^==PSAC-OUT-BEGIN==/,/^==PSAC-OUT-END==/p' "$log" | sed '1d;$d' | tr -d '\r' |
	base64 -d 2>/dev/null | tar xzf - -C "$out" 2>/dev/null
rm -rf "$stage"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
