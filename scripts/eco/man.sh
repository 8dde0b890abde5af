#!/bin/bash
# The man pages format without warnings and cannot drift from the code:
# every subcommand `psac help` lists is in psac(8), every parameter
# `modinfo -p` lists is in psac(4) and the modprobe.d example (and nothing
# else is), every preference and key table the plugin registers is in
# psac-wireshark(7) (and nothing else is).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$top"
tmp=$(mktemp -d /tmp/psac-man.XXXXXX)
chmod 0755 "$tmp"
trap 'rm -rf "$tmp"' EXIT

for m in man/psac.8 man/psac.4 man/psac-wireshark.7; do
	w=$( { groff -ww -man -z "$m"; LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$m" >/dev/null; } 2>&1)
	if [ -z "$w" ]; then ok "$m formats without warnings (groff -ww, man --warnings)"; else
		echo "$w" | sed 's/^/# /' | head -n 10
		notok "$m formats without warnings (groff -ww, man --warnings)"
	fi
	# Rendered text, one line, hyphens and spaces normalised.
	MANWIDTH=1000 man -l "$m" 2>/dev/null | col -b | tr -s ' \n' '  ' |
		sed 's/‐/-/g; s/−/-/g' >"$tmp/${m##*/}.txt"
done

# --- psac(8): every object and command `psac help` knows ------------------
psac=$top/tools/psac
[ -x "$psac" ] || { notok "tools/psac is built"; exit 1; }
mapfile -t objs < <("$psac" help | sed -n '/^Objects:/,/^$/p' | awk 'NF > 1 && $1 != "Objects:" { print $1 }')
[ ${#objs[@]} -ge 6 ] && ok "psac help lists ${#objs[@]} objects" || notok "psac help lists its objects"
cmds=()
for o in "${objs[@]}"; do
	[ "$o" = help ] && { cmds+=(help); continue; }
	# Usage lines: "psac [opts] OBJ word word ARG..." -> "OBJ word word"
	while IFS= read -r c; do cmds+=("$c"); done < <(
		"$psac" help "$o" | sed -n '1,/^$/p' | grep -E "^(Usage:)? *psac " |
		sed -E 's/^(Usage:)? *psac( \[[^]]*\])*//' |
		awk -v o="$o" '{ s = ""; for (i = 1; i <= NF; i++) {
			if ($i !~ /^[a-z][a-z0-9-]*$/) break; s = s (s ? " " : "") $i }
			if (s ~ "^" o) print s }' | sort -u)
done
# only the COMMANDS section counts, not the examples
sed 's/.* COMMANDS //; s/ EXIT STATUS .*//' "$tmp/psac.8.txt" >"$tmp/psac.8.cmds"
missing=()
for c in "${cmds[@]}"; do
	grep -qF -- "$c" "$tmp/psac.8.cmds" || missing+=("$c")
done
if [ ${#missing[@]} -eq 0 ] && [ ${#cmds[@]} -ge 20 ]; then
	ok "psac(8) has all ${#cmds[@]} subcommands psac help lists"
else
	printf '# missing in psac(8): %s\n' "${missing[@]}"
	notok "psac(8) has all ${#cmds[@]} subcommands psac help lists"
fi
for o in hac mn; do
	check "psac(8) has the $o role" grep -qE "psac $o |$o -" "$tmp/psac.8.cmds"
done

# --- psac(4) and the modprobe.d example: module parameters ----------------
ko=$top/build/kmod/${kvers[0]}/kmod/psac.ko
[ -f "$ko" ] || { notok "$ko is built"; exit 1; }
mapfile -t params < <(modinfo -F parm "$ko" | cut -d: -f1 | sort)
[ ${#params[@]} -ge 8 ] && ok "modinfo lists ${#params[@]} parameters" || notok "modinfo lists the parameters"
missing=()
for p in "${params[@]}"; do
	grep -qE "(^| )$p \(" "$tmp/psac.4.txt" || missing+=("psac(4): $p")
	grep -qE "^#options psac $p=" etc/psac.conf.example || missing+=("psac.conf.example: $p")
done
if [ ${#missing[@]} -eq 0 ]; then ok "psac(4) and psac.conf.example describe every module parameter"; else
	printf '# missing %s\n' "${missing[@]}"
	notok "psac(4) and psac.conf.example describe every module parameter"
fi
extra=()
for p in $(sed -n '/^\.SH PARAMETERS/,/^\.SH/p' man/psac.4 | sed -n 's/^\.BR \([a-z_]*\) " (.*/\1/p') \
	 $(sed -n 's/^#options psac \([a-z_]*\)=.*/\1/p' etc/psac.conf.example); do
	grep -qx "$p" <<<"$(printf '%s\n' "${params[@]}")" || extra+=("$p")
done
check "psac(4) and psac.conf.example name no parameter the module lacks ${extra[*]}" [ ${#extra[@]} -eq 0 ]
# The defaults written down are the module's.
bad=()
for p in "${params[@]}"; do
	d=$(sed -n "s/^#options psac $p=\(.*\)/\1/p" etc/psac.conf.example)
	desc=$(modinfo -F parm "$ko" | grep "^$p:")
	case $desc in *"(default "*) ;; *) continue ;; esac
	want=$(echo "$desc" | sed -n 's/.*(default \([^)]*\)).*/\1/p')
	[ "$want" = on ] && want=1
	[ "$want" = off ] && want=0
	[ "$d" = "$want" ] || bad+=("$p: example $d, module $want")
done
if [ ${#bad[@]} -eq 0 ]; then ok "the example's values are the defaults modinfo states"; else
	printf '# %s\n' "${bad[@]}"; notok "the example's values are the defaults modinfo states"; fi

# --- psac-wireshark(7): preferences and key tables ------------------------
so=$top/dissector/psac.so
[ -f "$so" ] || { notok "dissector/psac.so is built"; exit 1; }
wsmm=$(pkg-config --modversion wireshark | cut -d. -f1-2)
home=$tmp/home
mkdir -p "$home/.local/lib/wireshark/plugins/$wsmm/epan"
cp "$so" "$home/.local/lib/wireshark/plugins/$wsmm/epan/"
chown -R nobody "$home"
# Wireshark ignores personal plugins for root: run tshark as nobody.
setpriv --reuid=nobody --regid=nogroup --clear-groups env -i HOME="$home" PATH=/usr/bin:/bin \
	tshark -G defaultprefs 2>/dev/null >"$tmp/prefs"
mapfile -t prefs < <(grep -oE '^#?(psac|mnha|mhauth|dhcpike)\.[a-z0-9_.]+' "$tmp/prefs" | tr -d '#' | sort -u)
[ ${#prefs[@]} -ge 10 ] && ok "tshark -G defaultprefs lists ${#prefs[@]} plugin preferences" ||
	notok "tshark -G defaultprefs lists the plugin's preferences (plugin loaded?)"
# UAT tables and port preferences do not appear in defaultprefs: from the source.
for f in dissector/*.c; do
	proto=$(sed -n 's/.*proto_register_protocol(.*"\([a-z]*\)");.*/\1/p' "$f" | head -n1)
	[ -n "$proto" ] || { grep -q psac_crypto_register_prefs "$f" && proto=psac; }
	[ -n "$proto" ] || continue
	for u in $(sed -n 's/.*prefs_register_uat_preference(m, "\([a-z0-9_]*\)".*/\1/p' "$f"); do
		prefs+=("$proto.$u")
	done
	for u in $(sed -n 's/.*dissector_add_uint_with_preference("\([a-z.]*\)".*/\1/p' "$f"); do
		prefs+=("$proto.$u")
	done
	for u in $(grep -A1 'uat_new(' "$f" | grep -oE '"[a-z0-9_]+", TRUE' | cut -d'"' -f2); do
		prefs+=("UAT $u")
	done
done
missing=()
for p in "${prefs[@]}"; do
	grep -qF -- "$p" "$tmp/psac-wireshark.7.txt" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	ok "psac-wireshark(7) has all ${#prefs[@]} preferences and key tables"
else
	printf '# missing in psac-wireshark(7): %s\n' "${missing[@]}"
	notok "psac-wireshark(7) has all ${#prefs[@]} preferences and key tables"
fi
extra=()
for p in $(sed -n '/^\.SH PREFERENCES/,/^\.SH KEY/p;/^\.SH KEY/,/^\.SS/p' man/psac-wireshark.7 |
	   sed -n 's/^\.BR \([a-z0-9_.]*\) "\( (\|, UAT\).*/\1/p'); do
	grep -qx "$p" <<<"$(printf '%s\n' "${prefs[@]}")" || extra+=("$p")
done
check "psac-wireshark(7) documents no preference the plugin lacks ${extra[*]}" [ ${#extra[@]} -eq 0 ]
eco_done
