#!/bin/bash
# dkms.conf builds psac.ko through dkms itself (add, build, install) for
# every kernel in KVERS, in a private dkms tree against the unpacked Debian
# header trees, with the dkms and compiler of the kernel's own suite (the
# host for bookworm, its chroot for the others: scripts/in-suite.sh); the
# result must be the module `make` builds.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

ver=$(sed -n 's/^#define PSAC_MODULE_VERSION "\(.*\)"/\1/p' "$top/kmod/psac.h")
cver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
check "dkms.conf PACKAGE_VERSION ($cver) is PSAC_MODULE_VERSION ($ver)" [ -n "$ver" -a "$ver" = "$cver" ]
command -v dkms >/dev/null || { notok "dkms is installed (make deps)"; exit 1; }

tmp=$(mktemp -d /tmp/psac-dkms.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# What `make dkms-install` copies to /usr/src/psac-<version>.
make -s -C "$top" dkms-install DESTDIR="$tmp/stage" >/dev/null ||
	{ notok "make dkms-install DESTDIR=... stages the sources"; exit 1; }
src=$tmp/stage/usr/src
check "make dkms-install stages dkms.conf, Kbuild, kmod/ and uapi/" \
	test -f "$src/psac-$ver/dkms.conf" -a -f "$src/psac-$ver/Kbuild" -a \
	-f "$src/psac-$ver/kmod/Kbuild" -a -f "$src/psac-$ver/uapi/linux/psac.h"
# One private dkms tree per kernel, so that the kernels build in parallel.
one_kernel() {
	local k=$1 kdir=$PSAC_CACHE/k/$1/build t=$tmp/$1 ko ref vm mk st suite=bookworm
	local d=(-m psac -v "$ver" --sourcetree "$src" --dkmstree "$t/dkms"
		 --installtree "$t/root/lib/modules")
	[ ! -f "$PSAC_CACHE/k/$k/suite" ] || suite=$(cat "$PSAC_CACHE/k/$k/suite")
	dkms() { "$top/scripts/in-suite.sh" "$suite" dkms "$@"; }
	mkdir -p "$t/dkms" "$t/root/lib/modules/$k"
	if dkms add "${d[@]}" >"$t/add.log" 2>&1; then
		ok "$k: dkms add psac/$ver ($suite's dkms)"
	else
		sed 's/^/# /' "$t/add.log"
		notok "$k: dkms add psac/$ver"
		return
	fi
	if ! dkms build "${d[@]}" -k "$k" --kernelsourcedir "$kdir" >"$t/build.log" 2>&1; then
		sed 's/^/# /' "$t/build.log" | tail -n 20
		tail -n 20 "$t/dkms/psac/$ver/build/make.log" 2>/dev/null | sed 's/^/# /'
		notok "$k: dkms build"
		return
	fi
	ok "$k: dkms build"
	if grep -q 'warning:' "$t/dkms/psac/$ver/build/make.log" 2>/dev/null; then
		notok "$k: the dkms build is warning-free"
	else
		ok "$k: the dkms build is warning-free"
	fi
	# --no-depmod: dkms would run depmod on the host's /lib/modules.
	if dkms install --no-depmod "${d[@]}" -k "$k" --kernelsourcedir "$kdir" >"$t/inst.log" 2>&1; then
		ok "$k: dkms install"
	else
		sed 's/^/# /' "$t/inst.log" | tail -n 20
		notok "$k: dkms install"
		return
	fi
	ko=$(find "$t/root/lib/modules/$k" -name 'psac.ko*' | head -n1)
	check "$k: dkms installed psac.ko under /lib/modules/$k/updates/dkms" \
		test -n "$ko" -a "${ko%/*}" = "$t/root/lib/modules/$k/updates/dkms"
	[ -n "$ko" ] || return
	ref=$(find "$PSAC_CACHE/k/$k/root/lib/modules/$k/kernel/net/ipv6" -name 'esp6.ko*' | head -n1)
	vm=$(modinfo -F vermagic "$ko")
	check "$k: vermagic of the dkms module ($vm) is the kernel's" \
		[ -n "$vm" -a "$vm" = "$(modinfo -F vermagic "$ref")" ]
	mk=$top/build/kmod/$k/kmod/psac.ko
	if [ -f "$mk" ]; then
		check "$k: the dkms module has the srcversion of the module make builds" \
			[ "$(modinfo -F srcversion "$ko")" = "$(modinfo -F srcversion "$mk")" ]
		check "$k: the dkms module has the same parameters and dependencies" \
			[ "$(modinfo -F parm -F depends "$ko")" = "$(modinfo -F parm -F depends "$mk")" ]
	else
		notok "$k: $mk exists to compare with (make)"
	fi
	cp "$PSAC_CACHE/k/$k/root/lib/modules/$k"/modules.{order,builtin,builtin.modinfo} \
		"$t/root/lib/modules/$k/" 2>/dev/null
	if depmod -b "$t/root" "$k" 2>"$t/depmod.log" &&
	   grep -q '^updates/dkms/psac.ko' "$t/root/lib/modules/$k/modules.dep"; then
		ok "$k: depmod indexes the dkms module"
	else
		sed 's/^/# /' "$t/depmod.log"
		notok "$k: depmod indexes the dkms module"
	fi
	st=$(dkms status "${d[@]}" 2>/dev/null)
	check "$k: dkms status shows psac/$ver installed" grep -q "^psac/$ver, $k, .*: installed" <<<"$st"
	if dkms remove "${d[@]}" --all --no-depmod >"$t/rm.log" 2>&1 &&
	   [ -z "$(find "$t/root" -name 'psac.ko*')" ]; then
		ok "$k: dkms remove --all takes the module away again"
	else
		sed 's/^/# /' "$t/rm.log" | tail -n 10
		notok "$k: dkms remove --all takes the module away again"
	fi
}

for k in "${kvers[@]}"; do
	one_kernel "$k" >"$tmp/out.$k" 2>&1 &
done
wait
for k in "${kvers[@]}"; do
	cat "$tmp/out.$k"
	grep -q '^not ok' "$tmp/out.$k" && eco_fails=$((eco_fails + 1))
done
eco_done
