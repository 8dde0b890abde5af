# shellcheck shell=bash
# The fetch library of `make deps` (sourced by scripts/deps.sh and its test).
#
# Everything the project takes from outside comes from binary packages of a
# named Debian suite (docs/testing.md, "What make deps fetches"):
#
#   suite_apt SUITE          a private apt state for SUITE under
#                            $CACHE/apt/SUITE (its own sources, lists and
#                            status; the machine's apt is untouched), updated
#                            once per run, so every run re-resolves; sets
#                            SUITE_CONF (for APT_CONFIG=)
#   deb_resolve SUITE PKG    PKG's newest version in SUITE: RES_VER,
#                            RES_FILE, RES_SHA
#   deb_fetch SUITE PKG...   each PKG's .deb in $CACHE/debs/SUITE, downloaded
#                            only when the archive's version or checksum is not
#                            the cached one; checked against the archive's
#                            SHA256; appends "suite name version sha256 file" to
#                            DEB_MANIFEST and the path to DEB_FILES
#   entry_fresh DIR TEXT     DIR is complete and was made from TEXT
#   entry_begin DIR          a fresh DIR.part to build into (a leftover of an
#                            interrupted run is said and removed)
#   entry_commit DIR TEXT    DIR.part becomes DIR, recorded as made from TEXT
#
# A failure prints one line, "deps: could not WHAT: REASON (command: CMD);
# WHAT TO DO", and exits non-zero.  No error output is thrown away.

CACHE=${PSAC_CACHE:-/var/cache/psac}
PSAC_MIRROR=${PSAC_MIRROR:-http://deb.debian.org/debian}
PSAC_KEYRING=${PSAC_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
DEPS_AGAIN="run 'make deps' again or set PSAC_CACHE to a writable disk"
DEB_MANIFEST=()
DEB_FILES=()

log() { printf 'deps: %s\n' "$*"; }

# die WHAT REASON [HINT]: the one line a failure prints; exit 1.
die() {
	printf 'deps: could not %s: %s; %s\n' "$1" "$2" "${3:-$DEPS_AGAIN}" >&2
	exit 1
}

# The reason a command failed, from its output, as one line: apt's E:
# lines, else its Err: lines with the line that says why, else dpkg's or
# debootstrap's error lines, else the last line.
reason_of() {
	local r
	r=$(grep -E '^E: ' "$1" | head -n 2)
	[ -n "$r" ] || r=$(grep -A1 -E '^Err:' "$1" | grep -v '^--$' | head -n 4)
	[ -n "$r" ] || r=$(grep -E '^dpkg(-deb)?: error|^[a-z-]+: (error|cannot|failed)|error:' "$1" | head -n 3)
	[ -n "$r" ] || r=$(grep -v '^[[:space:]]*$' "$1" | tail -n 1)
	r=$(printf '%s' "$r" | tr -s '\n\t ' '   ')
	printf '%s' "${r:-no output}"
}

# run WHAT HINT CMD...: CMD with its output kept; on failure, one line.
# RUN_LOG=FILE keeps the whole output there (long steps), else it is
# dropped after success and quoted in the failure line.
run() {
	local what=$1 hint=$2 out rc
	shift 2
	out=${RUN_LOG:-$(mktemp)}
	rc=0
	"$@" >"$out" 2>&1 || rc=$?
	if [ $rc -eq 0 ]; then
		[ -n "${RUN_LOG:-}" ] || rm -f "$out"
		return 0
	fi
	local r
	r=$(reason_of "$out")
	[ -n "${RUN_LOG:-}" ] && r="$r (whole log: $out)" || rm -f "$out"
	die "$what" "$r (exit $rc; command: $*)" "${hint:-$DEPS_AGAIN}"
}

# ---- one private apt state per suite ---------------------------------------

suite_sources() {
	local k=$PSAC_KEYRING m=$PSAC_MIRROR
	case $1 in
	sid|unstable)
		echo "deb [signed-by=$k] $m $1 main" ;;
	*)
		echo "deb [signed-by=$k] $m $1 main"
		echo "deb [signed-by=$k] $m $1-updates main"
		echo "deb [signed-by=$k] ${m%/debian}/debian-security $1-security main" ;;
	esac
}

declare -A SUITE_UPDATED=()

# suite_apt SUITE: sets SUITE_CONF to the APT_CONFIG file of SUITE's private
# state, after one `apt-get update` per run.
suite_apt() {
	local s=$1 d=$CACHE/apt/$1
	SUITE_CONF=$d/apt.conf
	[ -z "${SUITE_UPDATED[$s]:-}" ] || return 0
	# DEPS_NO_UPDATE=1: use the lists a previous run fetched (offline).
	if [ -n "${DEPS_NO_UPDATE:-}" ] && [ -f "$d/apt.conf" ]; then
		SUITE_UPDATED[$s]=1
		return 0
	fi
	mkdir -p "$d/lists/partial" "$d/cache/archives/partial" "$d/conf.d" ||
		die "create the apt state of $s in $d" "mkdir failed" "check the permissions of $CACHE"
	: >"$d/status"
	suite_sources "$s" >"$d/sources.list"
	cat >"$d/apt.conf" <<-EOF
	Dir::Etc::SourceList "$d/sources.list";
	Dir::Etc::SourceParts "$d/conf.d";
	Dir::Etc::Parts "$d/conf.d";
	Dir::Etc::Preferences "/dev/null";
	Dir::Etc::PreferencesParts "$d/conf.d";
	Dir::State::Lists "$d/lists";
	Dir::State::status "$d/status";
	Dir::Cache "$d/cache";
	APT::Architecture "amd64";
	APT::Architectures { "amd64"; };
	APT::Sandbox::User "root";
	Acquire::Languages "none";
	Acquire::Retries "3";
	Acquire::Check-Valid-Until "false";
	EOF
	log "$s: apt-get update (private state in $d)"
	run "update the package lists of $s" \
		"check the network path to $PSAC_MIRROR, then $DEPS_AGAIN" \
		env APT_CONFIG="$d/apt.conf" apt-get -q -o APT::Update::Error-Mode=any update
	SUITE_UPDATED[$s]=1
}

# suite_query WHAT SUITE CMD...: CMD's output (apt-cache ...) under SUITE's
# state in QUERY_OUT; on failure, one line naming WHAT.
suite_query() {
	local what=$1 s=$2 out rc
	shift 2
	suite_apt "$s"
	out=$(mktemp)
	rc=0
	APT_CONFIG=$SUITE_CONF "$@" >"$out" 2>"$out.err" || rc=$?
	QUERY_OUT=$(cat "$out")
	if [ $rc -ne 0 ]; then
		cat "$out.err" >>"$out"
		local r
		r=$(reason_of "$out")
		rm -f "$out" "$out.err"
		die "$what" "$r (command: APT_CONFIG=$SUITE_CONF $*)" \
			"check the package name (does $s still ship it?), then $DEPS_AGAIN"
	fi
	rm -f "$out" "$out.err"
}

# deb_resolve SUITE PKG: sets RES_VER, RES_FILE and RES_SHA of PKG's
# candidate in SUITE.
deb_resolve() {
	suite_query "resolve $2 in $1" "$1" apt-cache show --no-all-versions "$2"
	read -r RES_VER RES_FILE RES_SHA <<<"$(awk '/^Version: /{v=$2} /^Filename: /{f=$2}
		/^SHA256: /{h=$2} /^$/{ if (v != "") exit }
		END { if (v != "" && f != "" && h != "") print v, f, h }' <<<"$QUERY_OUT")"
	[ -n "$RES_SHA" ] || die "resolve $2 in $1" "apt knows no installable version of it" \
		"check the package name (does $1 still ship it?), then $DEPS_AGAIN"
}

# deb_fetch SUITE PKG...: see the header.
deb_fetch() {
	local s=$1 pool=$CACHE/debs/$1 p deb part got
	shift
	mkdir -p "$pool" || die "create $pool" "mkdir failed" "check the permissions of $CACHE"
	for part in "$pool"/.part.*; do
		[ -e "$part" ] || continue
		log "removing $part, left by an interrupted download"
		rm -rf "$part"
	done
	for p in "$@"; do
		deb_resolve "$s" "$p"
		deb=$pool/${RES_FILE##*/}
		if [ -f "$deb" ] && [ -f "$deb.sha256" ] && [ "$(cat "$deb.sha256")" = "$RES_SHA" ]; then
			log "$s $p $RES_VER sha256 ${RES_SHA:0:16}... (cached)"
		else
			part=$(mktemp -d "$pool/.part.XXXXXX") ||
				die "create a download folder in $pool" "mktemp failed" "check the free space of $CACHE"
			(cd "$part" && run "download $p from $s" "" \
				env APT_CONFIG="$SUITE_CONF" apt-get -q download "$p=$RES_VER") ||
				{ rm -rf "$part"; exit 1; }
			got=$(sha256sum "$part/"*.deb | cut -d' ' -f1)
			if [ "$got" != "$RES_SHA" ]; then
				rm -rf "$part"
				die "download $p from $s" "the .deb has sha256 $got, the archive's index says $RES_SHA" \
					"$DEPS_AGAIN (a mirror in the middle of an update can cause this)"
			fi
			mv -f "$part/"*.deb "$deb" && echo "$RES_SHA" >"$deb.sha256" ||
				die "store $deb" "mv failed" "check the free space of $CACHE"
			rm -rf "$part"
			log "$s $p $RES_VER sha256 ${RES_SHA:0:16}... (downloaded)"
		fi
		DEB_MANIFEST+=("$s $p $RES_VER $RES_SHA ${deb##*/}")
		DEB_FILES+=("$deb")
	done
}

# deb_depends SUITE PKG: sets DEPENDS to what PKG depends on (each
# group's first alternative).
deb_depends() {
	suite_query "list what $2 depends on in $1" "$1" apt-cache depends --no-recommends \
		--no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances "$2"
	DEPENDS=$(sed -n 's/^ *|\{0,1\}Depends: \([^<>]*\)$/\1/p' <<<"$QUERY_OUT")
}

# ---- cache entries that are complete or absent ------------------------------

entry_fresh() {
	[ -f "$1/.done" ] && [ "$(cat "$1/.done")" = "$2" ]
}

entry_begin() {
	local part=$1.part
	if [ -e "$part" ]; then
		log "removing $part, left by an interrupted run"
	fi
	rm -rf "$part" || die "remove $part" "rm failed" "check the permissions of $CACHE"
	mkdir -p "$part" || die "create $part" "mkdir failed" "check the free space and permissions of $CACHE"
}

entry_commit() {
	local dir=$1 part=$1.part
	printf '%s\n' "$2" >"$part/.done" || die "write $part/.done" "disk full?"
	rm -rf "$dir.old"
	[ ! -e "$dir" ] || mv "$dir" "$dir.old"
	mv "$part" "$dir" || die "rename $part to $dir" "mv failed"
	rm -rf "$dir.old"
}
