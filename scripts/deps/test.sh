#!/bin/bash
# make check layer "deps": the fetch helpers of `make deps` fail with one
# line that says what, how and what to do, and never leave a partial cache
# entry behind.  Runs against a private PSAC_CACHE in a temporary folder; the
# apt lists are copied from the real cache's bookworm state (no network
# needed for the failure cases; two cases download the small `hello`
# package from the archive).
#
#   scripts/deps/test.sh      TAP lines, then `N passed, N failed`
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
real_cache=${PSAC_CACHE:-/var/cache/psac}
tmp=$(mktemp -d /tmp/psac-deps-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		fail=$((fail + 1))
		echo "not ok $n - $2"
		[ -z "${3:-}" ] || printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}

# lib CACHE SCRIPT: SCRIPT run with the fetch library, PSAC_CACHE=CACHE,
# set -euo pipefail like deps.sh; stdout to CACHE.out, stderr to CACHE.err.
lib() {
	local c=$1
	shift
	env PSAC_CACHE="$c" DEPS_NO_UPDATE="${NO_UPDATE-1}" PSAC_MIRROR="${MIRROR:-http://deb.debian.org/debian}" \
		bash -c "set -euo pipefail; . '$here/lib.sh'; $*" >"$c.out" 2>"$c.err"
}

# A cache with the real bookworm lists (make deps fetched them).
seed() {
	mkdir -p "$1/apt"
	if [ -f "$real_cache/apt/bookworm/apt.conf" ]; then
		cp -a "$real_cache/apt/bookworm" "$1/apt/"
		sed -i "s#$real_cache/apt/bookworm#$1/apt/bookworm#g" "$1/apt/bookworm/apt.conf"
	fi
}

one_line_failure() { # CACHE RC PATTERN: failed, stderr is one line matching PATTERN
	local c=$1 rc=$2 pat=$3
	[ "$rc" -ne 0 ] && [ "$(wc -l <"$c.err")" -eq 1 ] && grep -qE "$pat" "$c.err"
}

if [ ! -f "$real_cache/apt/bookworm/apt.conf" ]; then
	ok 1 "the bookworm apt state of make deps exists in $real_cache/apt" "run 'make deps' first"
	echo "$((n - fail)) passed, $fail failed"
	exit 1
fi

# 1. A package the archive does not have.
c=$tmp/c1
seed "$c"
lib "$c" 'deb_fetch bookworm psac-no-such-package'
rc=$?
ok "$(one_line_failure "$c" $rc \
	"^deps: could not resolve psac-no-such-package in bookworm: E: .*\(command: APT_CONFIG=$c/apt/bookworm/apt.conf apt-cache show --no-all-versions psac-no-such-package\); check the package name" && echo 0 || echo 1)" \
	"an unknown package fails with one line naming it, apt's error, the command and what to do" \
	"exit $rc; stderr: $(cat "$c.err")"
left=$(find "$c/debs" -type f 2>/dev/null | head -n 3)
ok "$([ -z "$left" ] && echo 0 || echo 1)" "an unknown package leaves nothing in the .deb cache" "$left"

# 2. The archive cannot be reached (nothing listens on port 9 of loopback).
c=$tmp/c2
mkdir -p "$c"
NO_UPDATE="" MIRROR=http://127.0.0.1:9/debian lib "$c" 'suite_apt bookworm'
rc=$?
ok "$(one_line_failure "$c" $rc \
	"^deps: could not update the package lists of bookworm: .*127\.0\.0\.1.*\(exit [0-9]+; command: env APT_CONFIG=$c/apt/bookworm/apt.conf apt-get -q -o APT::Update::Error-Mode=any update\); check the network path to http://127\.0\.0\.1:9/debian" && echo 0 || echo 1)" \
	"an unreachable archive fails with one line naming the mirror and the command" \
	"exit $rc; stderr: $(cat "$c.err")"

# 3. A download is checked and cached; a cached copy whose checksum is not
#    the archive's is fetched again; a leftover of an interrupted download
#    is said and removed.
c=$tmp/c3
seed "$c"
lib "$c" 'deb_fetch bookworm hello; printf "%s\n" "${DEB_MANIFEST[@]}"'
rc=$?
deb=$(ls "$c"/debs/bookworm/hello_*.deb 2>/dev/null)
ok "$([ $rc -eq 0 ] && [ -f "$deb" ] &&
	[ "$(sha256sum "$deb" | cut -d' ' -f1)" = "$(cat "$deb.sha256")" ] &&
	grep -qE '^bookworm hello [^ ]+ [0-9a-f]{64} hello_.*\.deb$' "$c.out" && echo 0 || echo 1)" \
	"a fetched .deb is in the cache with its checksum and recorded as name, version, sha256, file" \
	"exit $rc; $(cat "$c.out" "$c.err")"
echo half-written >"$deb"
rm -f "$deb.sha256"
mkdir -p "$c/debs/bookworm/.part.interrupted"
: >"$c/debs/bookworm/.part.interrupted/hello_2.10-3_amd64.deb"
lib "$c" 'deb_fetch bookworm hello'
rc=$?
ok "$([ $rc -eq 0 ] && [ "$(sha256sum "$deb" | cut -d' ' -f1)" = "$(cat "$deb.sha256")" ] &&
	grep -q '(downloaded)' "$c.out" && echo 0 || echo 1)" \
	"a cached .deb without its recorded checksum (cut short) is downloaded again and checked" "$(cat "$c.out" "$c.err")"
ok "$([ ! -e "$c/debs/bookworm/.part.interrupted" ] && grep -q 'left by an interrupted download' "$c.out" &&
	echo 0 || echo 1)" "a download folder left by an interrupted run is said and removed" "$(cat "$c.out")"
echo "$(cat "$deb.sha256" | tr 0-9a-f f-fa-e)" >"$deb.sha256"
lib "$c" 'deb_fetch bookworm hello'
ok "$(grep -q '(downloaded)' "$c.out" && echo 0 || echo 1)" \
	"a cached .deb whose recorded checksum is not the archive's (the archive moved) is downloaded again" \
	"$(cat "$c.out" "$c.err")"

# 4. Cache entries are complete or absent.
c=$tmp/c4
mkdir -p "$c/k/x.part/root"
: >"$c/k/x.part/root/half-unpacked"
lib "$c" "entry_fresh '$c/k/x' a && exit 3; entry_begin '$c/k/x'; test ! -e '$c/k/x.part/root/half-unpacked'; : >'$c/k/x.part/file'; entry_fresh '$c/k/x.part' a && exit 4; entry_commit '$c/k/x' a; entry_fresh '$c/k/x' a; entry_fresh '$c/k/x' b && exit 5; test ! -e '$c/k/x.part'"
rc=$?
ok "$([ $rc -eq 0 ] && grep -q "removing $c/k/x.part, left by an interrupted run" "$c.out" && echo 0 || echo 1)" \
	"a partial entry is said and redone; only a committed entry made from the same record counts as fresh" \
	"exit $rc; $(cat "$c.out" "$c.err")"
: >"$c/k/x/.done"
lib "$c" "entry_fresh '$c/k/x' a && exit 3; exit 0"
ok $? "an entry whose record was cut short is not fresh"

# 5. A failing command's own words reach the one line (dpkg-deb on a file
#    that is not a .deb).
c=$tmp/c5
mkdir -p "$c"
echo 'not a deb' >"$c/bad.deb"
lib "$c" "run 'unpack $c/bad.deb' '' dpkg-deb -x '$c/bad.deb' '$c/root'"
rc=$?
ok "$(one_line_failure "$c" $rc "^deps: could not unpack $c/bad.deb: dpkg-deb: error: .*command: dpkg-deb -x $c/bad.deb $c/root\); run 'make deps' again" &&
	echo 0 || echo 1)" "a failing step's one line carries the tool's error and the exact command" "$(cat "$c.err")"

# 6. Nothing in make deps throws an error away.
bad=$(grep -nE '\|\| *(true|:)( |$)|2> */dev/null|>/dev/null 2>&1|&> */dev/null' \
	"$top/scripts/deps.sh" "$here/lib.sh" "$top/scripts/in-suite.sh" | head -n 5)
ok "$([ -z "$bad" ] && echo 0 || echo 1)" "make deps has no '|| true' and drops no error output" "$bad"

echo "$((n - fail)) passed, $fail failed"
[ $fail -eq 0 ]
