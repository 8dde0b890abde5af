#!/bin/bash
# make check layer "eco": packaging and documentation stay true to the code.
#
#   dkms      dkms add/build/install of dkms.conf against every kernel in
#             KVERS, in a private dkms tree; the module is the one `make`
#             builds (same vermagic as the kernel, same srcversion)
#   install   make install / uninstall into a temporary DESTDIR: file list,
#             then nothing left
#   spec      uapi/psac.yaml validates against the kernel's genetlink schema
#             and agrees with uapi/linux/psac.h and the kernel policies
#   man       the man pages format without warnings and name every
#             subcommand, module parameter and plugin preference
#   docs      README links the documents; every document link resolves
#   ynl-vm    (opt-in, ECO_PARTS=... ynl-vm: a VM boot per kernel, about
#             2 minutes each under TCG) the kernel's ynl CLI drives psac.ko
#             with uapi/psac.yaml
#
#   scripts/eco-check.sh [KVER...]     (ECO_PARTS="spec man" to subset)
# Prints ok / not ok lines and ends with `N passed, N failed`.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export PSAC_CACHE=${PSAC_CACHE:-/var/cache/psac}
if [ $# -gt 0 ]; then
	kvers=("$@")
else
	read -r -a kvers <<<"$(cat "$PSAC_CACHE/kvers" 2>/dev/null)"
fi
export ECO_KVERS="${kvers[*]}"
parts=(${ECO_PARTS:-dkms install spec man docs})
pass=0
fail=0

for part in "${parts[@]}"; do
	script=$top/scripts/eco/$part.sh
	[ -f "$script" ] || script=$top/scripts/eco/$part.py
	[ -f "$script" ] || { echo "not ok - eco: no part $part"; fail=$((fail + 1)); continue; }
	log=$(mktemp)
	start=$(date +%s)
	"$script" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - eco $part exited $rc without a failed test"
		f=1
	fi
	if [ $((p + f)) -eq 0 ]; then
		echo "not ok - eco $part ran no test"
		f=1
	fi
	echo "# eco $part: $p passed, $f failed in $(( $(date +%s) - start ))s"
	pass=$((pass + p))
	fail=$((fail + f))
	rm -f "$log"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
