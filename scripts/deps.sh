#!/bin/bash
# make deps: everything psac needs on a Debian 12 machine, from binary
# packages of named Debian suites only (docs/testing.md, "What make deps
# fetches").  Idempotent; every run re-resolves what it fetches against the
# archive and fetches again what moved.
#
#  1. The machine's own packages (compilers, Wireshark 4.0, qemu, busybox,
#     linux-source-6.1 for KUnit, ...): apt-get install of what is missing
#     or has a newer version.
#  2. The kernel lines (KERNEL_LINES): each resolved from its suite's meta
#     package to the newest kernel; its image and headers .debs are
#     downloaded (not installed: an image would pull in initramfs-tools),
#     checked against the archive's SHA256 and unpacked into
#     $PSAC_CACHE/k/<kver>, modules decompressed and depmod run, for the VM
#     runner and the out-of-tree build.  The list goes to $PSAC_CACHE/kvers.
#  3. A debootstrap chroot per other suite (CHROOT_SUITES) in
#     $PSAC_CACHE/chroot/<suite>, with that suite's compiler, Wireshark and
#     libraries (scripts/in-suite.sh runs commands in it).
#  4. The kernel's netlink generator (YNL_SUITE's linux-source: its
#     tools/net/ynl and Documentation/netlink only) in $PSAC_CACHE/ynl-gen,
#     which `make regen` and `make check` run on uapi/psac.yaml.
#
# KVERS=... fetches just those kernels (ABI names, looked up in the suites
# of KERNEL_LINES) and leaves the recorded default set alone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=deps/lib.sh
. "$here/deps/lib.sh"
export DEBIAN_FRONTEND=noninteractive
start=$(date +%s)

HOST_SUITE=bookworm
HOST_PKGS=(
	build-essential gcc make clang llvm lld libclang-rt-14-dev bc bison flex
	libelf-dev dwarves python3 kmod cpio xz-utils zstd rsync file
	pkg-config libglib2.0-dev libgcrypt20-dev libmnl-dev libssl-dev openssl
	python3-cryptography
	wireshark-dev libwireshark-dev tshark
	qemu-system-x86 busybox-static iproute2 tcpdump
	linux-source-6.1
	dkms linux-source-6.12 python3-yaml python3-jsonschema groff-base man-db
	wireguard-tools debootstrap debian-archive-keyring util-linux
)
# "suite meta-package": the kernel a line stands for is what the meta
# package of that suite depends on today.
# Debian 12's 6.1 LTS (built on the host), Debian 13's 6.12 LTS and sid's
# newest kernel (built in their suites' chroots).
KERNEL_LINES=(
	"bookworm linux-headers-amd64"
	"trixie linux-headers-amd64"
	"sid linux-headers-amd64"
)
# Suites with a chroot, and what goes into every chroot: the plugin's and
# the tools' build and test dependencies (Wireshark 4.4 in trixie, 4.6 in
# sid), dkms; plus, per suite, what its kernels' headers need to build a
# module (their compiler, pahole, ...: KBUILD_DEPS, from the archive).
CHROOT_SUITES=(trixie sid)
CHROOT_PKGS=(
	build-essential pkg-config python3 python3-cryptography openssl rsync
	libwireshark-dev libwiretap-dev libwsutil-dev tshark
	libglib2.0-dev libgcrypt20-dev libssl-dev libmnl-dev
	kmod dkms
)
declare -A KBUILD_DEPS=()
# kmod/netlink-gen.[ch] come from ynl_gen_c.py; 6.12's renders no binary
# max-len check (NLA_POLICY_MAX_LEN is 6.13), so the generator is sid's.
YNL_SUITE=sid

mkdir -p "$CACHE/log" || die "create $CACHE" "mkdir failed" \
	"make deps runs as root; or set PSAC_CACHE to a writable folder"

# apt_plan LOG: PLAN = what `apt-get -s install` said it would do, a line
# per package: "name old -> new" or "name new (new)".
apt_plan() {
	PLAN=$(sed -n 's/^Inst \([^ ]*\) \[\([^]]*\)\] (\([^ ]*\) .*/\1 \2 -> \3/p
		s/^Inst \([^ ]*\) (\([^ ]*\) .*/\1 \2 (new)/p' "$1")
}

# ---- 1. the machine's packages ----------------------------------------------
host_packages() {
	local plan=$CACHE/log/apt-plan.log
	# The machine's sources may include others than Debian's: their
	# failures are said, not fatal (an install that needs them fails).
	RUN_LOG=$CACHE/log/apt-update.log run "update the machine's package lists" \
		"check /etc/apt/sources.list and the network, then $DEPS_AGAIN" \
		apt-get -q update
	sed -n 's/^[WE]: /deps: host: apt-get update said: &/p' "$CACHE/log/apt-update.log"
	echo 'wireshark-common wireshark-common/install-setuid boolean false' |
		debconf-set-selections
	# What apt would install or upgrade; nothing when all are current.
	RUN_LOG=$plan run "plan the install of the machine's packages" \
		"check the package names in scripts/deps.sh against bookworm" \
		apt-get -s install --no-install-recommends "${HOST_PKGS[@]}"
	apt_plan "$plan"
	if [ -z "$PLAN" ]; then
		log "host: all ${#HOST_PKGS[@]} packages installed and current"
		return
	fi
	while read -r p v; do log "host: $p $v"; done <<<"$PLAN"
	RUN_LOG=$CACHE/log/apt-install.log run "install the machine's packages" \
		"read $CACHE/log/apt-install.log, then $DEPS_AGAIN" \
		apt-get install -y -q --no-install-recommends "${HOST_PKGS[@]}"
}

# ---- 2. kernels ---------------------------------------------------------------
# line_kver SUITE META: sets KVER to the kernel META depends on.
line_kver() {
	deb_depends "$1" "$2"
	KVER=$(sed -n 's/^linux-headers-\(.*\)$/\1/p' <<<"$DEPENDS" | head -n 1)
	[ -n "$KVER" ] || die "find the kernel of $2 in $1" "it depends on no linux-headers-* package" \
		"update KERNEL_LINES in scripts/deps.sh"
}

# closure SUITE PATTERN PKG...: PKG and what they depend on, recursively,
# among the packages whose names match PATTERN; sets CLOSURE, and OTHERS to
# their dependencies that do not match.
closure() {
	local s=$1 pat=$2 p d
	shift 2
	local -a todo=("$@")
	CLOSURE=()
	OTHERS=()
	while [ ${#todo[@]} -gt 0 ]; do
		p=${todo[0]}
		todo=("${todo[@]:1}")
		if [[ " ${CLOSURE[*]} " == *" $p "* ]]; then
			continue
		fi
		CLOSURE+=("$p")
		deb_depends "$s" "$p"
		for d in $DEPENDS; do
			if [[ $d =~ $pat ]]; then
				todo+=("$d")
			elif [[ ! $d =~ ^linux- ]] && [[ " ${OTHERS[*]} " != *" $d "* ]]; then
				OTHERS+=("$d")
			fi
		done
	done
}

# kernel_fetch SUITE KVER [LINE]: $CACHE/k/KVER complete and current.
kernel_fetch() {
	local s=$1 k=$2 line=${3:-} kdir=$CACHE/k/$2 image part final hdr man deb l t
	suite_query "list the kernel packages of $s" "$s" apt-cache pkgnames "linux-image-$k"
	image=linux-image-$k
	if grep -qx "linux-image-$k-unsigned" <<<"$QUERY_OUT"; then
		image=linux-image-$k-unsigned
	fi
	grep -qx "$image" <<<"$QUERY_OUT" ||
		die "find the image of kernel $k in $s" "no package $image" "check KVERS"
	closure "$s" '^linux-(image|binary|modules|base)-.*[0-9]' "$image"
	local -a pkgs=("${CLOSURE[@]}")
	closure "$s" '^linux-(headers|kbuild)-' "linux-headers-$k"
	pkgs+=("${CLOSURE[@]}")
	KBUILD_DEPS[$s]="${KBUILD_DEPS[$s]:-} ${OTHERS[*]}"
	DEB_MANIFEST=()
	DEB_FILES=()
	deb_fetch "$s" "${pkgs[@]}"
	man=$(printf '%s\n' "${DEB_MANIFEST[@]}")
	if entry_fresh "$kdir" "$man"; then
		log "kernel $k ($s) unpacked in $kdir, current"
		return
	fi
	[ ! -d "$kdir" ] || log "kernel $k: the archive's packages differ from the unpacked ones, unpacking again"
	entry_begin "$kdir"
	part=$kdir.part
	final=$kdir/root
	for deb in "${DEB_FILES[@]}"; do
		run "unpack $deb" "" dpkg-deb -x "$deb" "$part/root"
	done
	# Merged /usr (7.x packages ship only /usr/lib/modules and a vmlinuz
	# there): the layout the VM runner and modprobe expect.
	[ -e "$part/root/lib" ] || ln -s usr/lib "$part/root/lib"
	if [ ! -e "$part/root/boot/vmlinuz-$k" ]; then
		[ -f "$part/root/usr/lib/modules/$k/vmlinuz" ] ||
			die "find the vmlinuz of $k" "neither boot/vmlinuz-$k nor usr/lib/modules/$k/vmlinuz in ${pkgs[*]}" \
				"report it: the kernel packages' layout changed"
		mkdir -p "$part/root/boot"
		ln -s "../usr/lib/modules/$k/vmlinuz" "$part/root/boot/vmlinuz-$k"
	fi
	# The headers' Makefile names the -common tree and its output folder by
	# absolute path; absolute symlinks (scripts, tools) too.  Both must
	# point into the unpacked tree, at its final place.
	hdr=$part/root/usr/src/linux-headers-$k
	[ -f "$hdr/Makefile" ] || die "find the headers of $k" "no $hdr/Makefile" "check KVERS"
	sed -i "s#\(^\|[ =]\)/usr/src/#\1$final/usr/src/#g" "$hdr/Makefile"
	while read -r l; do
		t=$(readlink "$l")
		case $t in /*) ln -sfn "$final$t" "$l" ;; esac
	done < <(find "$part/root/usr/src" -type l)
	find "$part/root/lib/modules/$k/" -name '*.ko.xz' -exec unxz -q {} +
	find "$part/root/lib/modules/$k/" -name '*.ko.zst' -exec unzstd -q --rm {} +
	run "run depmod for $k" "" depmod -b "$part/root" "$k"
	ln -sfn "$final/usr/src/linux-headers-$k" "$part/build"
	echo "$s" >"$part/suite"
	echo "$line" >"$part/line"
	printf '%s\n' "${DEB_MANIFEST[@]}" >"$part/manifest"
	entry_commit "$kdir" "$man"
	log "kernel $k ($s) ready in $kdir"
}

# ---- 3. chroots ---------------------------------------------------------------
# in_chroot DIR WHAT CMD...: CMD in the chroot DIR; on failure, one line.
in_chroot() {
	local dir=$1 what=$2
	shift 2
	RUN_LOG=${RUN_LOG:-} run "$what" "${RUN_LOG:+read $RUN_LOG, then }$DEPS_AGAIN" \
		"$here/in-suite.sh" --root "$dir" "$@"
}

# chroot_plan DIR: sets PLAN to "package version" lines apt would install
# or upgrade in the chroot DIR for CHROOT_PKGS plus SUITE_EXTRA.
chroot_plan() {
	local log=$CACHE/log/chroot-plan.log
	RUN_LOG=$log in_chroot "$1" "plan the packages of the chroot $1" \
		apt-get -s install --no-install-recommends "${CHROOT_PKGS[@]}" "${SUITE_EXTRA[@]}"
	apt_plan "$log"
}

# chroot_install DIR SUITE: install PLAN (said package by package when it
# is an upgrade, counted when it is a new chroot).
chroot_install() {
	local dir=$1 s=$2
	if [ -f "$dir/.manifest" ]; then
		while read -r p v; do log "$s chroot: $p $v"; done <<<"$PLAN"
	else
		log "$s chroot: installing $(wc -l <<<"$PLAN") packages"
	fi
	RUN_LOG=$CACHE/log/chroot-$s.log in_chroot "$dir" "install packages in the $s chroot" \
		apt-get install -y -q --no-install-recommends "${CHROOT_PKGS[@]}" "${SUITE_EXTRA[@]}"
	in_chroot "$dir" "clean the apt cache of the $s chroot" apt-get clean
}

# chroot_manifest DIR SUITE: DIR/.manifest records (and the log says) each
# named package's version and .deb checksum.
chroot_manifest() {
	local dir=$1 s=$2 p v
	: >"$dir/.manifest.part"
	for p in "${CHROOT_PKGS[@]}" "${SUITE_EXTRA[@]}"; do
		v=$(chroot "$dir" dpkg-query -W -f='${Version}' "$p") ||
			die "read the version of $p in the $s chroot" "dpkg-query failed" "$DEPS_AGAIN"
		deb_resolve "$s" "$p=$v"
		log "$s chroot: $p $v sha256 ${RES_SHA:0:16}..."
		echo "$s $p $v $RES_SHA" >>"$dir/.manifest.part"
	done
	mv "$dir/.manifest.part" "$dir/.manifest"
}

chroot_ensure() {
	local s=$1 dir=$CACHE/chroot/$1 key
	key=$(printf '%s\n' "${CHROOT_PKGS[@]}" "${SUITE_EXTRA[@]}" | sort -u | tr '\n' ' ')
	if [ -f "$dir/.done" ]; then
		# Re-resolve: what moved in the archive since, or was added to the
		# package list, is installed now.
		in_chroot "$dir" "update the package lists of the $s chroot" \
			apt-get -q -o APT::Update::Error-Mode=any update
		chroot_plan "$dir"
		if [ -z "$PLAN" ] && entry_fresh "$dir" "$key"; then
			log "$s chroot in $dir, current"
			return
		fi
		log "$s chroot: the archive or the package list moved"
		rm -f "$dir/.done"      # an interrupted upgrade is rebuilt next time
		[ -z "$PLAN" ] || chroot_install "$dir" "$s"
		chroot_manifest "$dir" "$s"
		printf '%s\n' "$key" >"$dir/.done"
		log "$s chroot upgraded"
		return
	fi
	log "$s chroot: debootstrap into $dir (about 2 minutes)"
	entry_begin "$dir"
	RUN_LOG=$CACHE/log/debootstrap-$s.log run "debootstrap $s" \
		"read $CACHE/log/debootstrap-$s.log, then $DEPS_AGAIN" \
		debootstrap --variant=minbase --keyring="$PSAC_KEYRING" "$s" "$dir.part" "$PSAC_MIRROR"
	suite_sources "$s" | sed "s#signed-by=$PSAC_KEYRING#signed-by=/usr/share/keyrings/debian-archive-keyring.gpg#" \
		>"$dir.part/etc/apt/sources.list"
	# The archive's signatures are checked; its Valid-Until is not (see
	# docs/testing.md: sid's Release is valid for a week only).
	printf 'Acquire::Check-Valid-Until "false";\nAcquire::Languages "none";\nAPT::Install-Recommends "false";\n' \
		>"$dir.part/etc/apt/apt.conf.d/99psac"
	in_chroot "$dir.part" "update the package lists of the new $s chroot" \
		apt-get -q -o APT::Update::Error-Mode=any update
	chroot_plan "$dir.part"
	chroot_install "$dir.part" "$s"
	chroot_manifest "$dir.part" "$s"
	entry_commit "$dir" "$key"
	log "$s chroot ready in $dir ($(du -sh "$dir" | cut -f1))"
}

# ---- main ---------------------------------------------------------------------
host_packages

# Kernels: the default set from KERNEL_LINES; KVERS=... fetches others.
default_kvers=()
declare -A kver_suite=()
for line in "${KERNEL_LINES[@]}"; do
	read -r s meta <<<"$line"
	line_kver "$s" "$meta"
	log "$s $meta: kernel $KVER"
	default_kvers+=("$KVER")
	kver_suite[$KVER]=$s
	kernel_fetch "$s" "$KVER" "$line"
	# A line that moved to a new kernel: the old one's folder goes.
	for old in "$CACHE"/k/*/line; do
		[ -f "$old" ] || continue
		d=$(dirname "$old")
		if [ "$(cat "$old")" = "$line" ] && [ "${d##*/}" != "$KVER" ]; then
			log "$line moved on from ${d##*/}: removing $d"
			rm -rf "$d"
		fi
	done
done
printf '%s\n' "${default_kvers[*]}" >"$CACHE/kvers.part" && mv "$CACHE/kvers.part" "$CACHE/kvers"

if [ -n "${KVERS:-}" ]; then
	for k in $KVERS; do
		[ -n "${kver_suite[$k]:-}" ] && continue
		found=""
		for line in "${KERNEL_LINES[@]}"; do
			read -r s _ <<<"$line"
			suite_query "look for kernel $k in $s" "$s" apt-cache pkgnames "linux-headers-$k"
			if grep -qx "linux-headers-$k" <<<"$QUERY_OUT"; then
				found=$s
				break
			fi
		done
		[ -n "$found" ] || die "find kernel $k" "no suite of KERNEL_LINES has linux-headers-$k" \
			"check KVERS (Debian ABI names such as $(cat "$CACHE/kvers"))"
		kernel_fetch "$found" "$k"
	done
fi

for s in "${CHROOT_SUITES[@]}"; do
	read -r -a SUITE_EXTRA <<<"$(tr ' ' '\n' <<<"${KBUILD_DEPS[$s]:-}" | sort -u | tr '\n' ' ')"
	chroot_ensure "$s"
done
printf '%s\n' "${CHROOT_SUITES[*]}" >"$CACHE/suites.part" && mv "$CACHE/suites.part" "$CACHE/suites"

# ---- 4. the netlink generator --------------------------------------------------
ynl_ensure() {
	local s=$YNL_SUITE dir=$CACHE/ynl-gen pkg key tarball
	deb_depends "$s" linux-source
	pkg=$(grep -m1 '^linux-source-' <<<"$DEPENDS") ||
		die "find the linux-source of $s" "linux-source depends on no linux-source-* package" \
			"update YNL_SUITE in scripts/deps.sh"
	deb_resolve "$s" "$pkg"
	key="$s $pkg $RES_VER $RES_SHA"
	if entry_fresh "$dir" "$key"; then
		log "netlink generator: $pkg $RES_VER in $dir, current"
		return
	fi
	deb_fetch "$s" "$pkg"
	entry_begin "$dir"
	tarball=usr/src/$pkg.tar.xz
	RUN_LOG=$CACHE/log/ynl-gen.log run "unpack the netlink generator from $pkg" \
		"read $CACHE/log/ynl-gen.log, then $DEPS_AGAIN" \
		bash -c 'set -o pipefail; dpkg-deb --fsys-tarfile "$1" | tar -xO "./$2" |
			xz -dc | tar -x -C "$3" --strip-components=1 "$4/tools/net/ynl" "$4/Documentation/netlink"' \
		_ "${DEB_FILES[-1]}" "$tarball" "$dir.part" "$pkg"
	printf '%s\n' "$RES_VER" >"$dir.part/version"
	entry_commit "$dir" "$key"
	log "netlink generator: $pkg $RES_VER unpacked into $dir"
}
ynl_ensure

# .debs that no unpacked kernel was made from any more.
for f in "$CACHE"/debs/*/*.deb; do
	if [ -f "$f" ] && ! grep -qsF " ${f##*/}" "$CACHE"/k/*/manifest; then
		rm -f "$f" "$f.sha256"
		log "removed ${f##*/}: no kernel in $CACHE/k uses it"
	fi
done
log "done in $(( $(date +%s) - start ))s (kernels: $(cat "$CACHE/kvers"); chroots: ${CHROOT_SUITES[*]})"
