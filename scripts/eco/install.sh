#!/bin/bash
# make install / make uninstall into a temporary DESTDIR (as root: global
# plugin folder), and the dissector's per-user install as an unprivileged
# user; then nothing of psac is left.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d /tmp/psac-install.XXXXXX)
chmod 0755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest
prefix=/opt/psac-test
ws=$(pkg-config --modversion wireshark)
wsmm=$(echo "$ws" | cut -d. -f1-2)
plugdir=$(pkg-config --variable=plugindir wireshark)/epan

# make_step TARGET: make TARGET into the temporary DESTDIR, one test line.
make_step() {
	# -o modules: `make check` built them already; install what it built.
	if make -s -C "$top" -o modules "$1" DESTDIR="$dest" PREFIX="$prefix" KVERS="${kvers[*]}" \
		>"$tmp/$1.log" 2>&1; then
		ok "make $1 DESTDIR=... PREFIX=$prefix"
	else
		sed 's/^/# /' "$tmp/$1.log" | tail -n 20
		notok "make $1 DESTDIR=... PREFIX=$prefix"
	fi
}
make_step install

expected=(
	"$prefix/bin/psac"
	"$prefix/share/man/man8/psac.8"
	"$prefix/share/man/man4/psac.4"
	"$prefix/share/man/man7/psac-wireshark.7"
	"/etc/modprobe.d/psac.conf.example"
	"$plugdir/psac.so"
)
for k in "${kvers[@]}"; do
	expected+=("/lib/modules/$k/extra/psac.ko")
done
printf '%s\n' "${expected[@]}" | sort >"$tmp/want"
(cd "$dest" && find . -type f -o -type l) | sed 's/^\.//' | sort >"$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then
	ok "installed exactly the ${#expected[@]} expected files"
else
	diff "$tmp/want" "$tmp/got" | sed 's/^/# /'
	notok "installed exactly the ${#expected[@]} expected files"
fi
check "installed psac runs and prints its version" \
	grep -q '^psac ' <("$dest$prefix/bin/psac" -V)
for k in "${kvers[@]}"; do
	check "$k: installed psac.ko is the one built for $k" \
		[ "$(modinfo -F vermagic "$dest/lib/modules/$k/extra/psac.ko" | cut -d' ' -f1)" = "$k" ]
done
check "no depmod output written into DESTDIR" \
	[ -z "$(find "$dest" -name 'modules.dep*')" ]
check "the modprobe.d example is all comments (changes nothing when installed)" \
	[ -z "$(grep -vE '^\s*(#|$)' "$dest/etc/modprobe.d/psac.conf.example")" ]
check "installed man pages are readable by man" \
	grep -q psac-wireshark.7 <(MANPATH="$dest$prefix/share/man" man -w psac-wireshark)

make_step uninstall
left=$(cd "$dest" && find . -type f -o -type l)
if [ -z "$left" ]; then
	ok "make uninstall leaves no file behind"
else
	echo "$left" | sed 's/^/# left: /'
	notok "make uninstall leaves no file behind"
fi

# KVER picks one kernel.
k=${kvers[0]}
make -s -C "$top" -o modules install-module DESTDIR="$tmp/one" KVER="$k" >/dev/null 2>&1
check "KVER=$k installs the module for that kernel only" \
	[ "$(cd "$tmp/one" && find . -name psac.ko)" = "./lib/modules/$k/extra/psac.ko" ]

# An unprivileged user gets the per-user plugin folder Wireshark reads.
user=nobody
home=$tmp/home
mkdir -p "$home"
chown "$user" "$home"
# A checkout under a folder only root may enter (/root, a mktemp -d) is
# not readable by nobody: install from a copy of what make install reads,
# times kept, so nothing is rebuilt.
src=$top
if ! setpriv --reuid="$user" --regid=nogroup --clear-groups test -r "$top/dissector/Makefile"; then
	src=$tmp/tree
	mkdir -p "$src/kmod"
	cp -a "$top/dissector" "$top/uapi" "$src/"
	cp -a "$top/kmod/lib" "$src/kmod/"
	echo "# $top is not readable by $user: installing from a copy in $src"
fi
if setpriv --reuid="$user" --regid=nogroup --clear-groups env HOME="$home" \
	make -s -C "$src/dissector" install >"$tmp/user.log" 2>&1; then
	got=$(cd "$home" && find . -type f)
	check "unprivileged make install puts the plugin in ~/.local/lib/wireshark/plugins/$wsmm/epan" \
		[ "$got" = "./.local/lib/wireshark/plugins/$wsmm/epan/psac.so" ]
	setpriv --reuid="$user" --regid=nogroup --clear-groups env HOME="$home" \
		make -s -C "$src/dissector" uninstall >/dev/null 2>&1
	check "unprivileged make uninstall removes it" \
		[ -z "$(cd "$home" && find . -type f)" ]
else
	sed 's/^/# /' "$tmp/user.log" | tail -n 10
	notok "unprivileged make install of the plugin"
fi
eco_done
