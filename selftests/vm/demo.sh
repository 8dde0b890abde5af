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
# --- RFC 6618: a mobile node bootstraps with the HAC over TLS ---------------
say ""
say "=== RFC 6618: a mobile node bootstraps with the home agent controller over TLS ==="
HA=$MIP_HA MNA=$MIP_MN CN=$MIP_CN HOA=2001:db8:100::10
check "hosts: home agent + HAC (ha), mobile node (mn), correspondent (cn); mnha0 on ha and mn" mobile_up
mkcert ca $T/ca.key $T/ca.crt demo-ca &&
	mkcert leaf $T/ca.key $T/ca.crt $T/hac.key $T/hac.crt hac.example.net DNS:hac.example.net
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/mn1.psk
cp $T/mn1.psk "$OUT/mn1.psk.hex"
printf '%s\n' "cert hac.crt" "key hac.key" "dev mnha0" "ha-address $HA" \
	"validity 3600" "mn mn1@example.net psk-file mn1.psk hoa $HOA" >$T/hac.conf
ip netns exec ha /usr/local/sbin/tcpdump -Z root -i h0 -n -U -s 0 -w "$OUT/demo-mn.pcap" \
	'tcp port 7873 or udp port 7872 or icmp6' 2>/dev/null &
cap=$!
psac -n ha hac -c $T/hac.conf --once --timeout 60 --ready $T/ready >$T/hac.log 2>&1 &
hac=$!
i=0
while [ ! -e $T/ready ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 1
say "HAC on [$HA]:7873 (TLS, certificate for hac.example.net); the MN knows its PSK and the CA"
SSLKEYLOGFILE=$OUT/demo-mn.keys psac -n mn mn --hac $HA --name hac.example.net --ca $T/ca.crt \
	--mn-id mn1@example.net --psk-file $T/mn1.psk >$T/mn.out 2>&1
check_match "the mobile node bootstrapped over TLS (MHAuth PSK + channel binding)" \
	'^installed mnha0 spi' cat $T/mn.out
wait $hac
say "psac mn: $(cat $T/mn.out)"
say "psac hac: $(grep -v listening $T/hac.log)"
ip -n mn addr add $HOA/128 dev mnha0
ip -n mn route add 2001:db8:2::/64 dev mnha0 src $HOA
check "the MN pings the correspondent from its home address through the HA's mnha0" \
	ip netns exec mn ping -c 3 -W 5 -I $HOA $CN
say "ping $CN from the home address $HOA: $(ip netns exec mn ping -c 2 -W 5 -I $HOA $CN | grep -c 'bytes from') of 2 replies"
sleep 1
kill $cap
wait $cap 2>/dev/null
tcpdump -r "$OUT/demo-mn.pcap" -n 2>/dev/null >$T/mnwire
{
	echo "$(grep -c "\.7873: \|\.7873 > " $T/mnwire) TCP segments  [$MNA] <-> [$HA]:7873  TLS (MHAuth inside)"
	echo "$(grep -c "$MNA\.7872 > $HA\.7872: UDP" $T/mnwire) UDP datagrams [$MNA]:7872 -> [$HA]:7872  MN-HA encapsulation"
	echo "$(grep -c "$HA\.7872 > $MNA\.7872: UDP" $T/mnwire) UDP datagrams [$HA]:7872 -> [$MNA]:7872  MN-HA encapsulation"
	echo "$(grep -c "ICMP6, echo" $T/mnwire) plaintext ICMPv6 echo packets (the pings travel only encapsulated)"
} >$T/wire6618
check_match "on the wire: the MN's traffic is MN-HA UDP encapsulated (port 7872)" \
	"^[1-9][0-9]* UDP datagrams \[$MNA\]:7872 -> " cat $T/wire6618
check_match "on the wire: no plaintext echo between MN and HA" \
	"^0 plaintext ICMPv6 echo" cat $T/wire6618
say "on the wire between MN and HA (tcpdump on the HA):"
indent <$T/wire6618
say "home agent's SA: $(psac -n ha mnha sa list)"
rmmod psac
check_fail "rmmod removed every SA psac installed" \
	sh -c "/usr/local/sbin/ip -n tgt xfrm state | grep -q 'spi 0x00001001'"
say "rmmod psac: the SA pair, its policies and the mnha devices are gone; nothing else touched"
finish
