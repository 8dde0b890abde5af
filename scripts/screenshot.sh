#!/bin/bash
# docs/wireshark.png: the Wireshark GUI (Qt, under Xvfb) with psac.so, on
# the captures the real module and tools produced in the VM
# (dissector/tests/data/vm-*): top, the SACONFIGURATION psac server sent to
# the kernel target with its OPTION_SA decoded and its key unwrapped with
# the PSK; bottom, an MN-HA packet of the mnha device decrypted.
#
# A documentation tool, not part of `make deps`:
#   apt-get install --no-install-recommends wireshark-qt xvfb xdotool imagemagick
# Wireshark ignores personal plugins as root, so the GUI runs as nobody
# with a private HOME holding the plugin and the preferences.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/docs/wireshark.png}
data=$top/dissector/tests/data
for t in wireshark Xvfb xdotool convert; do
	command -v $t >/dev/null || { echo "screenshot: $t missing (see the header)" >&2; exit 1; }
done
make -s -C "$top/dissector" psac.so
ver=$(pkg-config --modversion wireshark | cut -d. -f1,2)
work=$(mktemp -d /tmp/psac-shot.XXXXXX)
xpid=
cleanup() {
	[ -n "$xpid" ] && kill "$xpid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
home=$work/home
conf=$home/.config/wireshark
mkdir -p "$home/.local/lib/wireshark/plugins/$ver/epan" "$conf" "$work/caps"
cp "$top/dissector/psac.so" "$home/.local/lib/wireshark/plugins/$ver/epan/"
cp "$data"/vm-roles.pcap "$data"/vm-mnha-aes128-gcm.pcap "$work/caps/"
# keys: the PSK of key-id 7, the requestor's X25519 key, the MN-HA SA 258
printf '"7","%s"\n' "$(cat "$data/vm-roles.psk")" >"$conf/psac_psk"
printf '"%s","VM requestor"\n' "$(cat "$data/vm-roles.x25519")" >"$conf/psac_x25519"
set -- $(cat "$data/vm-mnha-keys.258")
printf '"%x","009c","%s","","%s",""\n' "$2" "$6" "$8" >"$conf/mnha_sa"
cat >"$conf/preferences" <<EOP
gui.layout_type: 2
gui.layout_content_1: PLIST
gui.layout_content_2: PDETAILS
gui.layout_content_3: NONE
esp.enable_encryption_decode: TRUE
gui.column.format: "No.", "%m", "Time", "%t", "Source", "%s", "Destination", "%d", "Protocol", "%p", "Length", "%L", "Info", "%i"
EOP
cat >"$conf/recent" <<EOP
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1100
gui.geometry_main_height: 1100
gui.geometry_main_maximized: FALSE
gui.geometry_main_upper_pane: 170
gui.toolbar_show: FALSE
gui.filter_toolbar_show: FALSE
gui.statusbar_show: FALSE
EOP
printf 'privs.warn_if_elevated: FALSE\nprivs.warn_if_no_npf: FALSE\ngui.geometry_main_width: 1100\n' \
	>"$conf/recent_common"
chmod -R a+rwX "$work"

Xvfb :77 -screen 0 1100x1100x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
sleep 2
export DISPLAY=:77

# shot CAPTURE FRAME KEYS HEIGHT PNG: open CAPTURE at FRAME, click into the
# details pane, expand the last top-level tree item after walking KEYS up
# from the end, grab the top HEIGHT pixels of the screen.
shot() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env HOME="$home" XDG_CONFIG_HOME="$home/.config" DISPLAY=:77 \
		QT_QPA_PLATFORM=xcb LIBGL_ALWAYS_SOFTWARE=1 \
		wireshark -r "$work/caps/$1" -g "$2" >/dev/null 2>&1 &
	local wpid=$!
	local win=""
	for _ in $(seq 1 90); do
		win=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n1) || true
		[ -n "$win" ] && break
		sleep 1
	done
	[ -n "$win" ] || { echo "screenshot: Wireshark window did not appear" >&2; kill $wpid; return 1; }
	sleep 4
	xdotool windowmove "$win" 0 0 windowsize "$win" 1100 "$4"
	sleep 2
	# focus the details pane (click below its rows), End, walk up, expand
	xdotool mousemove 600 $(($4 - 40)) click 1
	sleep 0.5
	xdotool key End
	for k in $3; do
		xdotool key "$k"
		sleep 0.3
	done
	xdotool key shift+Right
	sleep 2
	import -window root -crop 1100x"$4"+0+0 "$5"
	kill $wpid
	wait $wpid 2>/dev/null || true
}
shot vm-roles.pcap 2 "" 1100 "$work/top.png"
shot vm-mnha-aes128-gcm.pcap 1 "Up Up" 620 "$work/bottom.png"
convert "$work/top.png" "$work/bottom.png" -append +dither -colors 16 \
	-define png:compression-level=9 -strip "PNG8:$out"
echo "screenshot: $out ($(stat -c %s "$out") octets)"
