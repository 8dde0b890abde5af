#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The scenario `make demo` runs inside the VM.  Lines starting with '| '
# are the story shown to the user; TAP lines prove each step.
. /selftests/lib.sh

say() { echo "| $*"; }
indent() { sed 's/^/|     /'; }
T=/tmp/demo
mkdir -p $T

say "=== Linux $(uname -r): PSAC provisions an IPsec SA pair on a DNS server ==="
check "psac.ko loads" modprobe psac
check "hosts: DHCPv6 server (srv), DNS target server (tgt), requestor (req)" topo3_up
say "psac info: $(psac info | head -n1)"

head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/psk
cp $T/psk "$OUT/psk.hex"
check "target server: PSK key-id 7 configured (no IKE daemon anywhere)" \
	psac -n tgt target psk add 7 --key-file $T/psk
say "target server: psac.ko loaded, PSK key-id 7 configured, no IKE daemon"

ip netns exec tgt /usr/local/sbin/tcpdump -Z root -i any -n -U -w "$OUT/demo.pcap" 2>/dev/null &
cap=$!
sleep 1

check "server: SACONFIGURATION built (DNS, UDP 53, AES-GCM-16/128)" \
	psac saconf build --psk-file $T/psk --key-id 7 --peer $REQ \
	--spi-in 0x1001 --spi-out 0x2001 --encr aes-gcm-16 --bits 128 \
	--ulp udp --dport 53 --lifetime 3600 --keymat-out $T/km -o $T/m.bin
say "server -> target [$TGT]:546  SACONFIGURATION (SA key wrapped under the PSK)"
ip netns exec srv psac saconf send $T/m.bin --to $TGT --wait-reply 5 \
	--psk-file $T/psk >$T/reply 2>&1
check_match "target answered with an authenticated SACONFIGURATION-REPLY: Success" \
	'status Success' cat $T/reply
indent <$T/reply
say "ip xfrm state on the target (installed by psac.ko):"
ip -n tgt xfrm state | grep -E '^src|proto esp|aead' | indent
say "ip xfrm policy on the target:"
ip -n tgt xfrm policy | grep -E '^src|dir' | indent

check "requestor installs its side from the same KEYMAT" req_install $T/km 0 req
ip -n req xfrm policy add src $REQ/128 dst $TGT/128 proto udp dport 53 dir out \
	tmpl proto esp reqid 7 mode transport
ip -n req xfrm policy add src $TGT/128 dst $REQ/128 proto udp sport 53 dir in \
	tmpl proto esp reqid 7 mode transport

# A real DNS query for www.example.com (type A).
ip netns exec tgt udp recv 53 5 >$T/q.rx &
rx=$!
sleep 1
printf '\022\064\001\000\000\001\000\000\000\000\000\000\003www\007example\003com\000\000\001\000\001' |
	ip netns exec req udp send $TGT 53
wait $rx
check_match "the DNS server received the query, decrypted by XFRM" 'example' cat $T/q.rx
sleep 1
kill $cap
wait $cap 2>/dev/null
tcpdump -r "$OUT/demo.pcap" -n 2>/dev/null | grep -E 'ESP|546|547' >$T/wire
check_match "on the wire the query is ESP" "$REQ > $TGT: ESP" cat $T/wire
say "on the wire (tcpdump on the target):"
indent <$T/wire
say "target counters:"
echo "$(psac -n tgt target stats | tr "\n" " ")" | indent
rmmod psac
check_fail "rmmod removed every SA psac installed" \
	sh -c "/usr/local/sbin/ip -n tgt xfrm state | grep -q 'spi 0x00001001'"
say "rmmod psac: the SA pair and its policies are gone; nothing else touched"
finish
