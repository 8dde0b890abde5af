# shellcheck shell=bash
# Helpers for the eco check parts: ok/not ok lines.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PSAC_CACHE=${PSAC_CACHE:-/var/cache/psac}
read -r -a kvers <<<"${ECO_KVERS:-$(cat "$PSAC_CACHE/kvers" 2>/dev/null)}"
eco_fails=0

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; eco_fails=$((eco_fails + 1)); }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	local d=$1
	shift
	if "$@"; then ok "$d"; else notok "$d"; fi
}
eco_done() { [ "$eco_fails" -eq 0 ]; }
