#!/bin/sh
# Print the Debian kernel ABI names psac builds and tests against: the newest
# 6.1 and 6.12 amd64 kernels that the archive's meta packages point at.
# Resolved from the meta packages so a security update needs no code change.
# Falls back to the kernels already unpacked in the cache when apt has no lists.
set -u
CACHE=${PSAC_CACHE:-/var/cache/psac}
out=""
for meta in linux-headers-amd64 linux-headers-6.12-amd64; do
	v=$(apt-cache depends "$meta" 2>/dev/null |
		sed -n 's/^ *Depends: linux-headers-\(.*-amd64\)$/\1/p' | head -n1)
	[ -n "$v" ] && out="$out $v"
done
if [ -z "$out" ] && [ -d "$CACHE/k" ]; then
	out=$(ls "$CACHE/k" 2>/dev/null | tr '\n' ' ')
fi
echo $out
