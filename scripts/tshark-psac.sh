#!/bin/bash
# Run tshark with the freshly built dissector/psac.so, without installing it.
#
#   scripts/tshark-psac.sh -r capture.pcap [tshark options...]
#
# Wireshark ignores personal plugin folders when it runs as root, so as root
# this runs tshark as the user nobody with a private HOME holding the plugin,
# keeping only CAP_DAC_READ_SEARCH so that it reads captures and key logs
# wherever root can (a checkout under /root or in a mktemp -d folder).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
plugin=$top/dissector/psac.so
[ -f "$plugin" ] || { echo "tshark-psac: $plugin missing: run 'make'" >&2; exit 1; }
ver=$(pkg-config --modversion wireshark | cut -d. -f1,2)
home=$(mktemp -d /tmp/tshark-psac.XXXXXX)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/.local/lib/wireshark/plugins/$ver/epan" "$home/.config/wireshark"
cp "$plugin" "$home/.local/lib/wireshark/plugins/$ver/epan/"
chmod -R a+rX "$home"
if [ "$(id -u)" = 0 ]; then
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all,+dac_read_search --ambient-caps=-all,+dac_read_search \
		env HOME="$home" XDG_CONFIG_HOME="$home/.config" tshark "$@"
else
	HOME="$home" XDG_CONFIG_HOME="$home/.config" tshark "$@"
fi
