#!/bin/bash
# Run a command in the build environment of a Debian suite.
#
#   scripts/in-suite.sh SUITE CMD [ARG...]
#   scripts/in-suite.sh --root DIR CMD [ARG...]     (a chroot being built)
#
# The host's own suite (Debian 12, bookworm) runs CMD here.  Any other suite
# runs it in the debootstrap chroot `make deps` keeps in
# $PSAC_CACHE/chroot/SUITE, in a private mount namespace (nothing stays
# mounted afterwards) with /dev, /proc, /sys, /tmp, this checkout and
# $PSAC_CACHE at their own paths, the working directory kept, and the
# environment kept but for PATH.  That is how a module for that suite's
# kernel is built with its own compiler and kbuild, and how the plugin and
# the tools are built and tested against its libraries.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${PSAC_CACHE:-/var/cache/psac}
host_suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")

if [ "${1:-}" = --root ]; then
	root=${2:?usage: in-suite.sh --root DIR CMD...}
	shift 2
else
	suite=${1:?usage: in-suite.sh SUITE CMD...}
	shift
	if [ "$suite" = "$host_suite" ]; then
		exec "$@"
	fi
	root=$CACHE/chroot/$suite
	[ -f "$root/.done" ] ||
		{ echo "in-suite: no $suite build environment in $root: run 'make deps'" >&2; exit 1; }
fi
[ $# -gt 0 ] || { echo "in-suite: no command" >&2; exit 2; }

# Inside the new mount namespace: bind, then chroot.  Paths bound below the
# chroot's own root (a chroot in $CACHE) use plain binds, not recursive ones.
exec unshare --mount --propagation private -- /bin/bash -c '
set -e
root=$1 cwd=$2 top=$3 cache=$4
shift 4
mount --rbind /dev "$root/dev"
mount -t proc proc "$root/proc"
mount --bind /sys "$root/sys"
mount --bind /tmp "$root/tmp"
for d in "$top" "$cache"; do
	mkdir -p "$root$d"
	mount --bind "$d" "$root$d"
done
[ -e "$root/etc/resolv.conf" ] || touch "$root/etc/resolv.conf"
mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
exec chroot "$root" /bin/bash -c "cd \"\$0\" && exec \"\$@\"" "$cwd" "$@"
' in-suite "$root" "$(pwd)" "$top" "$CACHE" "$@"
