#!/bin/bash
# Wireshark 4.4 headers for the plugin's compile test (dissector/Makefile
# `check-ws44`): the upstream source tarball of Debian trixie's wireshark
# (4.4.x), fetched with apt-get source through a temporary sources list (the
# machine's own apt configuration is untouched), checked against the
# archive's checksums by apt, and unpacked header-only into
# $PSAC_CACHE/ws-4.4 in the layout `make install` of Wireshark gives
# (include/wireshark/{wireshark.h,ws_*.h,epan,wsutil,wiretap}).  The one
# generated header a plugin sees, ws_version.h, is written from the version.
# Nothing lands in git.  Idempotent.
set -euo pipefail
CACHE=${PSAC_CACHE:-/var/cache/psac}
dest=$CACHE/ws-4.4
log() { printf 'deps: %s\n' "$*"; }

if [ -f "$dest/.done" ]; then
	log "Wireshark $(cat "$dest/.done") headers cached in $dest"
	exit 0
fi
tmp=$(mktemp -d /tmp/ws44.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/src"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
	>"$tmp/sources.list"
A=(-o Dir::Etc::SourceList="$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null
   -o Dir::State::Lists="$tmp/lists" -o Dir::Cache="$tmp/cache" -o APT::Sandbox::User=root)
log "Wireshark 4.4 source (Debian trixie): apt-get update on a private list"
apt-get "${A[@]}" update -qq
ver=$(apt-cache "${A[@]}" showsrc wireshark | sed -n 's/^Version: //p' | sort -V | tail -n1)
case $ver in
4.4.*) ;;
*) echo "deps: trixie's wireshark is '$ver', not 4.4" >&2; exit 1 ;;
esac
log "fetching wireshark $ver source"
# apt verifies every file it fetches against the Sources index; only the
# .orig tarball is needed (a missing .dsc on a mirror does not matter).
(cd "$tmp/src" && apt-get "${A[@]}" source --download-only wireshark >/dev/null 2>&1 || true)
orig=$(ls "$tmp"/src/wireshark_*.orig.tar.* 2>/dev/null | head -n1)
[ -n "$orig" ] || { echo "deps: could not fetch the wireshark $ver tarball" >&2; exit 1; }
want=$(apt-cache "${A[@]}" showsrc wireshark |
	awk -v f="$(basename "$orig")" '/^Checksums-Sha256:/ { s = 1; next } /^[^ ]/ { s = 0 } s && $3 == f { print $1; exit }')
got=$(sha256sum "$orig" | cut -d' ' -f1)
[ -n "$want" ] && [ "$want" = "$got" ] || { echo "deps: $orig: sha256 $got, archive says '$want'" >&2; exit 1; }
log "unpacking the headers of $(basename "$orig")"
tar -xf "$orig" -C "$tmp/src" --wildcards '*.h' '*.h.in'
top=$(ls -d "$tmp"/src/wireshark-*/ | head -n1)
rm -rf "$dest"
inc=$dest/include/wireshark
mkdir -p "$inc"
cp -a "$top/include/." "$inc/"
for d in epan wsutil wiretap; do
	cp -a "$top/$d" "$inc/$d"
done
IFS=. read -r maj min mic <<<"${ver%%-*}"
cat >"$inc/ws_version.h" <<EOV
/* ws_version.h for Wireshark $ver, written by scripts/ws44-headers.sh */
#ifndef __WS_VERSION_H__
#define __WS_VERSION_H__
#define WIRESHARK_VERSION_MAJOR $maj
#define WIRESHARK_VERSION_MINOR $min
#define WIRESHARK_VERSION_MICRO $mic
#endif
EOV
echo "$ver" >"$dest/.done"
log "Wireshark $ver headers in $dest"
