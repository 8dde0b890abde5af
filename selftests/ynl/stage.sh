#!/bin/bash
# VM_STAGE_HOOK for selftests/vm/run.sh: put Debian's python3, the part of
# its standard library the kernel's YNL CLI imports, PyYAML, the 6.12 ynl
# tools (tools/net/ynl from linux-source-6.12, cached by scripts/eco/spec.py)
# and uapi/psac.yaml into the initramfs.
#
#   selftests/ynl/stage.sh STAGE_DIR
set -euo pipefail
stage=${1:?usage: stage.sh STAGE_DIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${PSAC_CACHE:-/var/cache/psac}
py=/usr/bin/python3
ver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
ynl=$CACHE/ynl-$ver/tools/net/ynl
[ -f "$ynl/cli.py" ] || { echo "stage: $ynl missing (run scripts/eco/spec.py)" >&2; exit 1; }

install -D -m 0755 "$(readlink -f $py)" "$stage/usr/bin/python3"
for lib in $(ldd "$py" | grep -oE '/[^ ]+'); do
	[ -e "$stage$lib" ] || install -D -m 0755 "$lib" "$stage$lib"
done

# The files of every module the CLI imports, found by importing them here
# (the ynl lib, yaml, and what cli.py imports itself).
files=$(cd "$ynl" && "$py" -S - <<'PY'
import sys, argparse, json, pprint, time, encodings.utf_8, encodings.latin_1, encodings.ascii
# imported lazily on the paths the test takes (argparse messages, tracebacks)
import locale, gettext, traceback, linecache, tokenize, warnings, errno, signal
sys.path.insert(0, '.')
sys.path.append('/usr/lib/python3/dist-packages')
import yaml
from lib import YnlFamily, Netlink, NlError
seen = set()
for m in list(sys.modules.values()):
    f = getattr(m, '__file__', None)
    if f:
        seen.add(f)
for f in sorted(seen):
    print(f)
PY
)
for f in $files; do
	case $f in
	/usr/lib/python3*|/usr/lib/python3/dist-packages/*) install -D -m 0644 "$f" "$stage$f" ;;
	*/lib/*.py|*/cli.py|"<stdin>") ;;            # the ynl tree itself, below
	*) echo "stage: unexpected module file $f" >&2; exit 1 ;;
	esac
	case $f in
	*.so)
		for lib in $(ldd "$f" | grep -oE '/[^ ]+'); do
			[ -e "$stage$lib" ] || install -D -m 0755 "$lib" "$stage$lib"
		done
		;;
	esac
done
# Debian's interpreter finds its prefixes by these landmarks.
install -D -m 0644 /usr/lib/python3.11/os.py "$stage/usr/lib/python3.11/os.py"
mkdir -p "$stage/usr/lib/python3.11/lib-dynload"
mkdir -p "$stage/opt/ynl"
cp -r "$ynl/cli.py" "$ynl/lib" "$stage/opt/ynl/"
install -D -m 0644 "$top/uapi/psac.yaml" "$stage/opt/ynl/psac.yaml"
