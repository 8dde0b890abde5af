#!/bin/bash
# kmod/netlink-gen.[ch]: the psac family's policies and split ops, rendered
# from uapi/psac.yaml by the kernel's ynl_gen_c.py (the one `make deps`
# unpacks into $PSAC_CACHE/ynl-gen), as drivers/net/ovpn does.  Never edit
# them: change the spec and run `make regen`.
#
#   scripts/netlink-gen.sh           regenerate kmod/netlink-gen.[ch]
#   scripts/netlink-gen.sh --check   prove they are what the spec renders
#                                    (ok / not ok lines; exit 1 on a
#                                    difference)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
ynl=${PSAC_CACHE:-/var/cache/psac}/ynl-gen
gen=$ynl/tools/net/ynl/pyynl/ynl_gen_c.py
check=0
[ "${1:-}" = --check ] && check=1

if [ ! -f "$gen" ]; then
	echo "not ok - the netlink generator is in $ynl"
	echo "# $gen is missing: run 'make deps'"
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# ynl_gen_c.py wants a kernel tree: the spec's path is said relative to the
# folder that holds MAINTAINERS, and the schema is looked up in the folder
# above the spec's.
touch "$tmp/MAINTAINERS"
ln -s "$ynl"/Documentation/netlink/*.yaml "$tmp/"
mkdir -p "$tmp/uapi" "$tmp/kmod"
cp "$top/uapi/psac.yaml" "$tmp/uapi/psac.yaml"

rc=0
for part in header source; do
	ext=h
	[ $part = source ] && ext=c
	out=$tmp/kmod/netlink-gen.$ext
	if ! (cd "$tmp" && python3 "$gen" --mode kernel --$part \
		--spec "$tmp/uapi/psac.yaml" -o "$out") >"$tmp/log" 2>&1; then
		echo "not ok - ynl_gen_c.py ($(cat "$ynl/version")) renders the kernel $part of uapi/psac.yaml"
		sed 's/^/# /' "$tmp/log" | tail -n 12
		exit 1
	fi
	dst=$top/kmod/netlink-gen.$ext
	if [ $check -eq 0 ]; then
		cp "$out" "$dst"
		echo "  GEN     kmod/netlink-gen.$ext (ynl_gen_c.py $(cat "$ynl/version"))"
	elif diff -u "$dst" "$out" >"$tmp/diff"; then
		echo "ok - kmod/netlink-gen.$ext is what uapi/psac.yaml renders"
	else
		echo "not ok - kmod/netlink-gen.$ext is what uapi/psac.yaml renders"
		echo "# run 'make regen' and commit the result; the difference:"
		sed 's/^/# /' "$tmp/diff" | head -n 40
		rc=1
	fi
done
exit $rc
