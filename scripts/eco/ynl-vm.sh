#!/bin/bash
# The kernel's YNL CLI drives psac.ko through uapi/psac.yaml, in the test VM
# (the host kernel cannot load modules): one boot per kernel of
# selftests/vm/run.sh with selftests/ynl/stage.sh adding python3 and the
# 6.12 ynl tools to the initramfs.
#
#   scripts/eco/ynl-vm.sh [KVER...]    (default: every kernel in KVERS)
set -uo pipefail
. "$(dirname "$0")/lib.sh"
[ $# -gt 0 ] && kvers=("$@")
/usr/bin/python3 "$top/scripts/eco/spec.py" >/dev/null 2>&1   # caches the ynl tree
rc=0
for k in "${kvers[@]}"; do
	log=$(mktemp)
	VM_STAGE_HOOK=$top/selftests/ynl/stage.sh VM_OUT=$top/build/vm-ynl/$k \
		"$top/selftests/vm/run.sh" "$k" "$top/selftests/ynl/psac_ynl.sh" >"$log"
	[ $? -eq 0 ] || rc=1
	grep -v ' passed, ' "$log"
	rm -f "$log"
done
exit $rc
