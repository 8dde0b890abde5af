#!/bin/bash
# make deps: install everything psac needs on Debian 12, idempotently.
#
#  1. Debian packages (compilers, Wireshark development files, qemu, busybox,
#     linux-source-6.1 for KUnit, ...), installed with apt only when missing.
#  2. For every kernel in KVERS: the linux-image-*-unsigned and linux-headers
#     packages are downloaded (not installed: installing an image would pull in
#     initramfs-tools) and unpacked into $PSAC_CACHE/k/<kver>/root, with the
#     headers' Makefile pointed at the unpacked tree, modules decompressed and
#     depmod run, so the VM runner and the out-of-tree build can use them.
#  3. Wireshark 4.4 headers for the plugin compile test (ws44-headers.sh).
set -euo pipefail
CACHE=${PSAC_CACHE:-/var/cache/psac}
here=$(cd "$(dirname "$0")" && pwd)
export DEBIAN_FRONTEND=noninteractive

log() { printf 'deps: %s\n' "$*"; }

PKGS=(
	build-essential gcc make clang llvm lld libclang-rt-14-dev bc bison flex
	libelf-dev dwarves python3 kmod cpio xz-utils zstd rsync file
	pkg-config libglib2.0-dev libgcrypt20-dev libmnl-dev libssl-dev openssl
	python3-cryptography
	wireshark-dev libwireshark-dev tshark
	qemu-system-x86 busybox-static iproute2 tcpdump
	linux-source-6.1
	dkms linux-source-6.12 python3-yaml python3-jsonschema groff-base man-db
	wireguard-tools
)

apt_updated=0
apt_update_once() {
	if [ $apt_updated = 0 ]; then
		log "apt-get update"
		apt-get update -qq
		apt_updated=1
	fi
}

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	apt_update_once
	log "installing ${missing[*]}"
	echo 'wireshark-common wireshark-common/install-setuid boolean false' |
		debconf-set-selections
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
	log "all ${#PKGS[@]} Debian packages present"
fi

# The default kernel set is recorded in $CACHE/kvers for `make`; a KVERS
# override (one kernel for a quick run) must not shrink that default.
default_kvers=$("$here/kvers.sh")
if [ -z "$default_kvers" ]; then
	apt_update_once
	default_kvers=$("$here/kvers.sh")
fi
KVERS=${KVERS:-$default_kvers}
[ -n "$KVERS" ] || { echo "deps: cannot resolve kernel versions (apt lists?)" >&2; exit 1; }

# Package names that linux-headers-<kver> depends on (-common, linux-kbuild).
header_deps() {
	apt-cache depends "linux-headers-$1" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-headers-.*-common\|linux-kbuild-.*\)$/\1/p'
}

mkdir -p "$CACHE/debs"
for kver in $KVERS; do
	kdir=$CACHE/k/$kver
	if [ -f "$kdir/.done" ]; then
		log "kernel $kver cached in $kdir"
		continue
	fi
	apt_update_once
	log "fetching kernel $kver"
	rm -rf "$kdir"
	mkdir -p "$kdir/root"
	pkgs=("linux-image-$kver-unsigned" "linux-headers-$kver")
	mapfile -t hd < <(header_deps "$kver")
	[ ${#hd[@]} -ge 2 ] || { echo "deps: no header deps for $kver" >&2; exit 1; }
	pkgs+=("${hd[@]}")
	(cd "$CACHE/debs" && apt-get download -qq -o APT::Sandbox::User=root "${pkgs[@]}")
	for p in "${pkgs[@]}"; do
		deb=$(ls -t "$CACHE/debs/${p}_"*.deb | head -n1)
		dpkg-deb -x "$deb" "$kdir/root"
	done
	root=$kdir/root
	# The headers Makefile includes the -common tree by absolute path.
	hdr=$root/usr/src/linux-headers-$kver
	sed -i "s#^include /usr/src/#include $root/usr/src/#" "$hdr/Makefile"
	# Absolute symlinks (scripts, tools) must point into the unpacked tree.
	find "$root/usr/src" -type l | while read -r l; do
		t=$(readlink "$l")
		case $t in /*) ln -sfn "$root$t" "$l" ;; esac
	done
	# Modules: decompress (6.12 ships .ko.xz) and build modules.dep.
	find "$root/lib/modules/$kver" -name '*.ko.xz' -exec unxz -q {} +
	find "$root/lib/modules/$kver" -name '*.ko.zst' -exec unzstd -q --rm {} +
	depmod -b "$root" "$kver"
	ln -sfn "$hdr" "$kdir/build"
	touch "$kdir/.done"
	log "kernel $kver ready"
done
defaults_ready=1
for k in $default_kvers; do
	[ -f "$CACHE/k/$k/.done" ] || defaults_ready=0
done
[ -n "$default_kvers" ] && [ $defaults_ready = 1 ] && echo "$default_kvers" >"$CACHE/kvers"
# Wireshark 4.4 headers (Debian trixie's source) for the plugin's compile test.
"$here/ws44-headers.sh"
log "done (kernels: $KVERS)"
