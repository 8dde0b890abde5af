#!/bin/bash
# Adds the UDP payloads of test captures to the fuzz corpora:
#   capture_seeds.sh CORPUS_DIR PCAP...
# DHCPv6 ports 546/547 -> dhcp6/, msg/ and (after six zero octets: the
# default configuration) cfg/; MN-HA port 7872 -> mnha/.  Prints how many it wrote.
set -uo pipefail
dir=$1
shift
TSHARK=${TSHARK:-tshark}
mkdir -p "$dir/dhcp6" "$dir/cfg" "$dir/mnha" "$dir/msg"
n=0
for pcap in "$@"; do
	[ -f "$pcap" ] || continue
	base=$(basename "$pcap" .pcap)
	i=0
	while read -r sport dport payload; do
		[ -n "$payload" ] || continue
		i=$((i + 1))
		case " $sport $dport " in
		*" 546 "* | *" 547 "*)
			echo "$payload" | xxd -r -p >"$dir/dhcp6/cap-$base-$i"
			cp "$dir/dhcp6/cap-$base-$i" "$dir/msg/cap-$base-$i"
			{ printf '\0\0\0\0\0\0'; echo "$payload" | xxd -r -p; } \
				>"$dir/cfg/cap-$base-$i"
			n=$((n + 3)) ;;
		*" 7872 "*)
			echo "$payload" | xxd -r -p >"$dir/mnha/cap-$base-$i"
			n=$((n + 1)) ;;
		esac
	done < <("$TSHARK" -n -r "$pcap" -Y udp -T fields -e udp.srcport \
		-e udp.dstport -e udp.payload 2>/dev/null)
done
echo "capture seeds: $n inputs from $# captures"
