#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# RFC 6618 MN-HA UDP encapsulation datapath (psac.ko "mnha" devices), in
# the style of WireGuard's netns.sh: a mobile node (mn) and a home agent
# (ha) namespace over a veth pair, one mnha device each, SAs installed
# over generic netlink (mnhactl), ping and bulk TCP in both directions
# over every suite, the wire checked with tcpdump, a raw MH socket
# exchange (PType 8), crafted packets (mnhagen, OpenSSL crypto) dropped
# and counted by reason, CoA change and rekey under load, sequence number
# exhaustion, namespaces, and teardown under traffic.
. /selftests/lib.sh

T=/tmp/psac_mnha
mkdir -p $T

HA_O6=2001:db8:1::1	# outer (care-of side) addresses
MN_O6=2001:db8:1::2
MN_O6B=2001:db8:1::3	# the MN's second care-of address
HA_O4=192.0.2.1
MN_O4=192.0.2.2
HAA=2001:db8:100::1	# home agent address (on the HA's mnha0)
HOA=2001:db8:100::10	# the MN's home addresses
HA4=10.100.0.1
HOA4=10.100.0.10
HOA2=2001:db8:100::20	# a second MN, played by mnhagen
HOA2_4=10.100.0.20
HOA3_4=10.100.0.30	# a third one with mip6-sas 0
BULK=${BULK:-262144}

mha() { ipn ha mnhactl "$@"; }
mmn() { ipn mn mnhactl "$@"; }
hexkey() { head -c "$1" /dev/urandom | hexdump -v -e '/1 "%02x"'; }
sa_field() { ipn "$1" mnhactl sa get mnha0 spi "$2" "$3"; }
dev_field() { ipn "$1" mnhactl dev get mnha0 "$2"; }
# sa_is NS SPI FIELD VALUE / dev_is NS FIELD VALUE
sa_is() { want=$4; field_is sa_field "$1" "$2" "$3"; }
dev_is() { want=$3; field_is dev_field "$1" "$2"; }
# bulk FROM TO ADDR [BYTES]: a TCP stream from FROM to ADDR in TO, verified
bulk() {
	ipn "$2" tcpbulk recv 5001 "${4:-$BULK}" 60 >$T/bulk.out 2>&1 &
	bp=$!
	ipn "$1" tcpbulk send "$3" 5001 "${4:-$BULK}" || { kill $bp; return 1; }
	wait $bp || { cat $T/bulk.out; return 1; }
}
# capture NS IFACE FILE: tcpdump in the background; stop with capture_stop
capture() {
	rm -f "$3"
	(exec /usr/local/sbin/ip netns exec "$1" /usr/local/sbin/tcpdump -Z root \
		-i "$2" -n -U -s "${SNAP:-128}" -w "$3" 'udp port 7872 or icmp or icmp6' \
		>/dev/null 2>&1) &
	tdpid=$!
	# tcpdump creates the file once its capture is active; on a loaded
	# host that can take more than a second
	_w=0
	while [ ! -e "$3" ] && [ $_w -lt 100 ]; do
		sleep 0.1
		_w=$((_w + 1))
	done
	sleep 1
}
capture_stop() { sleep 1; kill $tdpid 2>/dev/null; wait $tdpid 2>/dev/null; }
# count PCAP FILTER: number of matching packets
count() { tcpdump -r "$1" -n "$2" 2>/dev/null | wc -l; }

# suite name, ekey octets, ikey octets
SUITES="aes128-hmac-sha1:16:20 aes128-gcm:20:0 null-hmac-sha1:0:20 null-aes-xcbc:0:16 \
3des-hmac-sha1:24:20 aes128-aes-xcbc:16:16 aes256-gcm:36:0"

# add_pair SPI SUITE EK IK [extra args for both]: the same SA on both ends;
# the MN knows the HA's outer address ($PEER, default IPv6), the HA learns.
add_pair() {
	spi=$1 suite=$2 ek=$3 ik=$4
	shift 4
	keys=""
	[ "$ek" -gt 0 ] && keys="$keys ekey-mn2ha $(hexkey "$ek") ekey-ha2mn $(hexkey "$ek")"
	[ "$ik" -gt 0 ] && keys="$keys ikey-mn2ha $(hexkey "$ik") ikey-ha2mn $(hexkey "$ik")"
	echo "$keys" >$T/keys.$spi
	# the keys next to the captures, for the dissector tests
	echo "spi $spi suite $suite $keys" >$OUT/mnha-keys.$spi
	mha sa add mnha0 spi $spi suite $suite $keys hoa6 $HOA hoa4 $HOA4 \
		haa6 $HAA scope 1 "$@" &&
	mmn sa add mnha0 spi $spi suite $suite $keys hoa6 $HOA hoa4 $HOA4 \
		haa6 $HAA scope 1 peer "${PEER:-$HA_O6}" "$@"
}
del_pair() { mha sa del mnha0 spi "$1" && mmn sa del mnha0 spi "$1"; }
# add_pair_to PEER SPI ...: add_pair with another HA outer address
add_pair_to() { PEER=$1; shift; add_pair "$@"; }
# rx_dropped NS: rx_dropped of the NS's mnha0 as `ip -s link` reports it
rx_dropped() {
	ip -n "$1" -s -j link show mnha0 | grep -o '"rx":{[^}]*}' |
		grep -o '"dropped":[0-9]*' | cut -d: -f2
}

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
# --- 1. devices --------------------------------------------------------------
check "modprobe psac" modprobe psac
check "namespaces ha and mn joined by a veth" ns_pair_up ha h0 mn m0
ip -n ha addr add $HA_O6/64 dev h0 nodad
ip -n ha addr add $HA_O4/24 dev h0
ip -n mn addr add $MN_O6/64 dev m0 nodad
ip -n mn addr add $MN_O4/24 dev m0

check "ip link add mnha0 type mnha (HA), no attributes needed" \
	ip -n ha link add mnha0 type mnha
check "ip link add mnha0 type mnha (MN)" ip -n mn link add mnha0 type mnha
check_match "mnha0 is point-to-point and ARP-less" 'POINTOPOINT,NOARP' \
	ip -n ha link show mnha0
check_match "MTU leaves room for outer IPv6/UDP and the largest suite overhead" \
	'mtu 1399 ' ip -n ha link show mnha0
check "HA: role ha" mha dev set mnha0 role ha
check "MN: role mn" mmn dev set mnha0 role mn
check_match "dev show: role ha, port 7872, no SA" 'role ha port 7872 sa-count 0' \
	mha dev show mnha0
check_fail "no socket while the device is down" \
	ipn ha sh -c "grep -qi ':1EC0 ' /proc/net/udp6"
ip -n ha link set mnha0 up
ip -n mn link set mnha0 up
check_match "up: the HA has a UDP socket on 7872 (IPv6)" ':1EC0 ' \
	ipn ha cat /proc/net/udp6
check_match "up: the HA has a UDP socket on 7872 (IPv4)" ':1EC0 ' \
	ipn ha cat /proc/net/udp
ip -n ha addr add $HAA/128 dev mnha0
ip -n ha addr add $HA4/32 dev mnha0
for a in $HOA/128 $HOA4/32 $HOA2/128 $HOA2_4/32 $HOA3_4/32; do
	ip -n ha route add $a dev mnha0
done
ip -n mn addr add $HOA/128 dev mnha0
ip -n mn addr add $HOA4/32 dev mnha0
ip -n mn route add $HAA/128 dev mnha0
ip -n mn route add $HA4/32 dev mnha0

# --- 2. netlink validation ---------------------------------------------------
K16=$(hexkey 16) K20=$(hexkey 20)
check_fail "SA add refuses an unknown suite" \
	mha sa add mnha0 spi 5 suite 0x1234 hoa6 $HOA
check_fail "SA add refuses a key of the wrong length" \
	mha sa add mnha0 spi 5 suite aes128-hmac-sha1 ekey-mn2ha $K20 ikey-mn2ha $K20 \
	ekey-ha2mn $K16 ikey-ha2mn $K20 hoa6 $HOA
check_fail "SA add refuses a 29-bit SPI" \
	mha sa add mnha0 spi 0x10000000 suite aes128-gcm ekey-mn2ha $K20 \
	ekey-ha2mn $K20 hoa6 $HOA
check_fail "SA add refuses an SA without home address" \
	mha sa add mnha0 spi 5 suite aes128-gcm ekey-mn2ha $K20 ekey-ha2mn $K20
check_fail "SA add refuses a non-mnha device" \
	mha sa add lo spi 5 suite aes128-gcm ekey-mn2ha $K20 ekey-ha2mn $K20 hoa6 $HOA
check_fail "the role cannot be set by an unprivileged user" \
	ipn ha setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
	--bounding-set=-all mnhactl dev set mnha0 role mn

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
# --- 3. every suite, both directions, IPv6 and IPv4 inside ------------------
spi=256
for s in $SUITES; do
	IFS=: read -r name ek ik <<EOF
$s
EOF
	spi=$((spi + 1))
	hspi=$(printf 0x%x $spi)
	check "$name: SA $hspi on both ends" add_pair $spi $name $ek $ik
	# every suite's pings, whole packets (the dissector decrypts them)
	SNAP=0 capture ha h0 $OUT/mnha-$name.pcap
	check "$name: ping HA from the MN (IPv6 inner)" ipn mn ping -c 2 -W 3 $HAA
	check "$name: ping HA from the MN (IPv4 inner)" ipn mn ping -c 2 -W 3 $HA4
	check "$name: ping the MN from the HA (IPv6 inner)" ipn ha ping -c 2 -W 3 $HOA
	check "$name: ping the MN from the HA (IPv4 inner)" ipn ha ping -c 2 -W 3 $HOA4
	capture_stop
	t0=$(cut -d' ' -f1 /proc/uptime)
	check "$name: bulk TCP MN -> HA (IPv6 inner)" bulk mn ha $HAA
	diag "$name: $BULK octets MN -> HA in $(echo "$(cut -d' ' -f1 /proc/uptime) $t0" | awk '{ print $1 - $2 }') s (TCG)"
	check "$name: bulk TCP HA -> MN (IPv6 inner)" bulk ha mn $HOA
	check "$name: bulk TCP MN -> HA (IPv4 inner)" bulk mn ha $HA4
	check "$name: bulk TCP HA -> MN (IPv4 inner)" bulk ha mn $HOA4
	if [ $spi = 257 ]; then
		P=$OUT/mnha-aes128-hmac-sha1.pcap
		check "wire: UDP 7872 packets with PType 1 and SPI 0x101 from the MN" \
			test "$(count $P "src $MN_O6 and ip6[48:4] = 0x10000101")" = 8
		check "wire: and from the HA" \
			test "$(count $P "src $HA_O6 and ip6[48:4] = 0x10000101")" = 8
		check "wire: every MN-HA packet is PType 1 with SPI 0x101" \
			test "$(count $P "udp port 7872 and ip6[48:4] != 0x10000101")" = 0
		check "wire: no inner packet in the clear" \
			test "$(count $P "host $HAA or host $HOA or host $HA4 or host $HOA4")" = 0
	fi
	check "$name: no drop on the HA" sa_is ha $spi drop-auth 0
	check "$name: HA SA counted what it received" \
		test "$(sa_field ha $spi rx-packets)" -gt 8
	check_match "$name: the HA learnt the MN's address" "peer $MN_O6 peer-port 7872" \
		mha sa show mnha0
	diag "$name (before removal): $(mha dev show mnha0)"
	check "$name: remove the SA on both ends" del_pair $spi
	diag "$name: $(mha dev show mnha0)"
done
check "no SA left" dev_is ha sa-count 0

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
# --- 4. outer IPv4, keys never readable, raw MH socket (PType 8) -------------
check "aes128-gcm over outer IPv4: SA 0x180" \
	add_pair_to $HA_O4 0x180 aes128-gcm 20 0
SNAP=0 capture ha h0 $OUT/mnha-ptype8.pcap
check "outer IPv4: ping HA from the MN" ipn mn ping -c 2 -W 3 $HAA
check "outer IPv4: ping the MN from the HA" ipn ha ping -c 2 -W 3 $HOA4
check_match "outer IPv4: the HA learnt the MN's IPv4 address" \
	"peer $MN_O4 peer-port 7872" mha sa show mnha0
keys=$(cat $T/keys.0x180)
for k in $keys; do
	case $k in ekey-*|ikey-*) continue ;; esac
	check_fail "SA dump never carries key ${k%${k#????????}}..." \
		sh -c "/usr/local/sbin/ip netns exec ha mnhactl sa hexdump | grep -qi $k"
done
ipn ha mhsock serve 15 >$T/mh.out 2>&1 &
mhp=$!
sleep 1
check_match "raw MH socket on the MN gets the HA's BA (PType 8)" \
	"ba from $HAA seq 4660" ipn mn mhsock bu $HOA $HAA 10
wait $mhp
check_match "raw MH socket on the HA got the BU from the HoA" "bu from $HOA seq 4660" \
	cat $T/mh.out
capture_stop
P=$OUT/mnha-ptype8.pcap
check "wire: the BU left the MN as PType 8 (SPI 0x180)" \
	test "$(count $P "src $MN_O4 and udp[8:4] = 0x80000180")" = 1
check "wire: the BA left the HA as PType 8" \
	test "$(count $P "src $HA_O4 and udp[8:4] = 0x80000180")" = 1
check "outer IPv4: remove the SA" del_pair 0x180

# --- 4b. home network prefixes and validity end -------------------------------
HNP=2001:db8:200::
check "SA 0x190 with home network prefixes 2001:db8:200::/64, 10.200.0.0/24" \
	add_pair 0x190 null-aes-xcbc 0 16 hnp6 $HNP/64 hnp4 10.200.0.0/24
ip -n mn addr add ${HNP}5/128 dev mnha0
ip -n mn addr add 10.200.0.5/32 dev mnha0
ip -n ha route add $HNP/64 dev mnha0
ip -n ha route add 10.200.0.0/24 dev mnha0
check "HNP: the HA cannot send before it learns the MN's address" \
	sh -c "! /usr/local/sbin/ip netns exec ha ping -c 1 -W 1 ${HNP}5 && test \$(/usr/local/sbin/ip netns exec ha mnhactl dev get mnha0 tx-drop-no-peer) = 1"
check "HNP: the MN sends from inside its prefix" \
	ipn mn ping -c 2 -W 3 -I ${HNP}5 $HAA
check "HNP: ping an address inside the prefix from the HA (IPv6)" \
	ipn ha ping -c 2 -W 3 ${HNP}5
check "HNP: ping an address inside the prefix from the HA (IPv4)" \
	ipn ha ping -c 2 -W 3 10.200.0.5
check "HNP: no inner address refused" sa_is ha 0x190 drop-source 0
check "HNP: remove the SA" del_pair 0x190
ip -n mn addr del ${HNP}5/128 dev mnha0
ip -n mn addr del 10.200.0.5/32 dev mnha0
check "SA 0x1a0 valid for 3 more seconds" \
	add_pair 0x1a0 aes128-gcm 20 0 valid-until +3
check "validity: traffic flows before the end" ipn mn ping -c 1 -W 3 $HAA
sleep 5
check_fail "validity: after the end, no traffic" ipn mn ping -c 1 -W 2 $HAA
check_fail "validity: the expired SA is gone from the dump" \
	sh -c "/usr/local/sbin/ip netns exec ha mnhactl sa show | grep -q 'spi 0x1a0'"
check "validity: the MN's side is gone too" dev_is mn sa-count 0

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
# --- 5. crafted packets: a second MN played by mnhagen ------------------------
CK=$(hexkey 16) CI=$(hexkey 20)
check "HA: SA 0x200 (aes128-hmac-sha1) for a second MN, mip6-sas 1" \
	mha sa add mnha0 spi 0x200 suite aes128-hmac-sha1 ekey-mn2ha $CK ikey-mn2ha $CI \
	ekey-ha2mn $(hexkey 16) ikey-ha2mn $(hexkey 20) hoa6 $HOA2 hoa4 $HOA2_4 scope 1
gen() { ipn mn mnhagen --to $HA_O6 --suite aes128-hmac-sha1 --spi 0x200 --ekey $CK \
	--ikey $CI --src $HOA2 --dst $HAA "$@"; }
rxd0=$(rx_dropped ha)
check "mnhagen: a valid packet (seq 1)" gen --seq 1
check "mnhagen: valid packets 2..5, IPv4 inside" \
	ipn mn mnhagen --to $HA_O6 --suite aes128-hmac-sha1 --spi 0x200 --ekey $CK \
	--ikey $CI --src $HOA2_4 --dst $HA4 --seq 2 --count 4
sleep 1
check "the HA accepted them" sa_is ha 0x200 rx-packets 5
check "replayed packet (seq 1 again)" gen --seq 1
check "seq 6 sent 3 times" gen --seq 6 --repeat 3
sleep 1
check "replays dropped: 3 on the SA" sa_is ha 0x200 drop-replay 3
check "replays dropped: 3 on the device" dev_is ha drop-replay 3
check "tampered packet (seq 7)" gen --seq 7 --tamper
sleep 1
check "tampered: auth failure counted on the SA" sa_is ha 0x200 drop-auth 1
check "the genuine seq 7 after the forged one" gen --seq 7
sleep 1
check "a forgery does not burn its sequence number: seq 7 accepted" \
	sa_is ha 0x200 rx-packets 7
check "wrong SPI 0x201" gen --seq 8 --spi 0x201
check "spoofed inner source (the first MN's HoA) under SA 0x200" \
	gen --seq 9 --src $HOA
check "plaintext (PType 0) from the second MN, SA scope 1" gen --ptype 0
check "truncated packet (ICV cut)" gen --seq 10 --truncate 40
check "a jump forward (seq 10000)" gen --seq 10000
check "then a number older than the window (seq 5000)" gen --seq 5000
sleep 1
check "SA 0x200 accepted 8 (1..7 and 10000)" sa_is ha 0x200 rx-packets 8
check "SA 0x200: too old counted as replay (4)" sa_is ha 0x200 drop-replay 4
check "SA 0x200: spoofed inner source counted" sa_is ha 0x200 drop-source 1
check "SA 0x200: plaintext counted" sa_is ha 0x200 drop-plain 1
check "SA 0x200: bad length counted" sa_is ha 0x200 drop-bad-len 1
check "SA 0x200: rx-seq is the highest accepted" sa_is ha 0x200 rx-seq 10000
check "device: wrong SPI counted as no SA" dev_is ha drop-no-sa 1
check "device: auth 1" dev_is ha drop-auth 1
check "device: source 1" dev_is ha drop-source 1
check "device: plain 1" dev_is ha drop-plain 1
check "device: bad length 1" dev_is ha drop-bad-len 1
check "ip -s link: rx dropped grew by all 9" \
	test "$(rx_dropped ha)" = $((rxd0 + 9))
check "HA: SA 0x300 (null-hmac-sha1) for a third MN with mip6-sas 0" \
	mha sa add mnha0 spi 0x300 suite null-hmac-sha1 ikey-mn2ha $CI \
	ikey-ha2mn $(hexkey 20) hoa4 $HOA3_4 scope 0
check "plaintext from the third MN" \
	ipn mn mnhagen --to $HA_O4 --suite null-hmac-sha1 --ptype 0 --src $HOA3_4 --dst $HA4
sleep 1
check "mip6-sas 0: plaintext accepted" sa_is ha 0x300 rx-packets 1
check "mip6-sas 0: nothing dropped" dev_is ha drop-plain 1
check "remove SAs 0x200, 0x300" \
	sh -c "/usr/local/sbin/ip netns exec ha mnhactl sa del mnha0 spi 0x200 && /usr/local/sbin/ip netns exec ha mnhactl sa del mnha0 spi 0x300"

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
# --- 6. the MN changes its care-of address mid-stream ------------------------
check "SA 0x400 (aes128-gcm) on both ends" add_pair 0x400 aes128-gcm 20 0
check "SA 0x400: ping the HA" ipn mn ping -c 1 -W 3 $HAA
ipn ha mnhactl monitor 30 1 >$T/mon.out 2>&1 &
monp=$!
ipn ha tcpbulk recv 5001 $((BULK * 4)) 60 >$T/bulk.out 2>&1 &
bp=$!
ipn mn tcpbulk send $HAA 5001 $((BULK * 4)) 50 &
sp=$!
sleep 1
ip -n mn addr add $MN_O6B/64 dev m0 nodad
ip -n mn addr del $MN_O6/64 dev m0
wait $bp
r=$?
wait $sp
check "CoA change: the transfer completes intact" test $r = 0
check_match "CoA change: the HA follows the MN to its new address" \
	"peer $MN_O6B peer-port 7872" mha sa show mnha0
wait $monp
check_match "CoA change: PEER_NTF on the mnha multicast group" \
	"peer-moved dev mnha0 spi 0x400 .*peer $MN_O6B" cat $T/mon.out
check "CoA change: ping the MN at its home address" ipn ha ping -c 2 -W 3 $HOA

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
# --- 7. rekey under load: no packet lost --------------------------------------
ipn ha tcpbulk recv 5001 $((BULK * 4)) 60 >$T/bulk.out 2>&1 &
bp=$!
ipn mn tcpbulk send $HAA 5001 $((BULK * 4)) 50 &
sp=$!
ipn mn ping -c 30 -i 0.2 -W 3 $HAA >$T/ping.out 2>&1 &
pp=$!
sleep 2
nk=$(hexkey 20) nk2=$(hexkey 20)
check "rekey: the HA gets SA 0x401 (pending until the MN uses it)" \
	mha sa add mnha0 spi 0x401 suite aes128-gcm ekey-mn2ha $nk ekey-ha2mn $nk2 \
	hoa6 $HOA hoa4 $HOA4 haa6 $HAA scope 1 replace
check "rekey: SA 0x401 is pending on the HA" sa_is ha 0x401 state pending
check "rekey: the MN gets SA 0x401 and switches" \
	mmn sa add mnha0 spi 0x401 suite aes128-gcm ekey-mn2ha $nk ekey-ha2mn $nk2 \
	hoa6 $HOA hoa4 $HOA4 haa6 $HAA scope 1 peer $HA_O6 replace
sleep 1
check "rekey: SA 0x401 active on the HA" sa_is ha 0x401 state active
check "rekey: SA 0x400 draining on the HA" sa_is ha 0x400 state draining
check "rekey: SA 0x400 draining on the MN" sa_is mn 0x400 state draining
wait $bp
r=$?
wait $sp
wait $pp
check "rekey: the transfer completes intact" test $r = 0
check_match "rekey: no ping lost" ' 0% packet loss' cat $T/ping.out
check "rekey: no authentication failure on the HA (1 is the forgery above)" \
	dev_is ha drop-auth 1
check "rekey: no unknown SPI on the HA" dev_is ha drop-no-sa 1
check "rekey: no authentication failure on the MN" dev_is mn drop-auth 0
check "rekey: no unknown SPI on the MN" dev_is mn drop-no-sa 0
check "rekey: the new SA carries the traffic" test "$(sa_field ha 0x401 rx-packets)" -gt 10
check_fail "replace without the flag is refused" \
	mha sa add mnha0 spi 0x402 suite aes128-gcm ekey-mn2ha $nk ekey-ha2mn $nk2 hoa6 $HOA

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
# --- 8. sequence numbers never wrap -------------------------------------------
del_pair 0x400 >/dev/null 2>&1
del_pair 0x401
ipn mn mnhactl monitor 20 1 >$T/mon.out 2>&1 &
monp=$!
sleep 1
check "SA 0x500 whose MN side has sent 2^32 - 6 packets" \
	add_pair 0x500 aes128-gcm 20 0 tx-seq 0xfffffff9
ipn mn ping -c 10 -i 0.2 -W 1 $HAA >$T/ping.out 2>&1
check_match "the last 6 sequence numbers are used, then nothing" \
	'10 packets transmitted, 6 packets received' cat $T/ping.out
check "MN: tx-seq stops at 2^32 - 1" sa_is mn 0x500 tx-seq 4294967295
check "MN: the 4 packets past it are counted" dev_is mn tx-drop-seq 4
check "HA: accepted up to 2^32 - 1" sa_is ha 0x500 rx-seq 4294967295
wait $monp
check_match "REKEY_NTF on the mnha group" 'rekey-needed dev mnha0 spi 0x500' \
	cat $T/mon.out
check "remove SA 0x500" del_pair 0x500

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
# --- 8b. every suite again with asynchronous crypto (pcrypt) -------------------
# Every request now completes with -EINPROGRESS and a callback.
key_of() {
	set -- $(cat $T/keys.$1)
	while [ $# -ge 2 ]; do
		[ "$1" = "$KEYNAME" ] && { echo "$2"; return; }
		shift 2
	done
}
auth0=$(dev_field ha drop-auth) replay0=$(dev_field ha drop-replay)
check "module parameter mnha_async=1" \
	sh -c "echo 1 >/sys/module/psac/parameters/mnha_async"
spi=$((0x800))
for s in $SUITES; do
	IFS=: read -r name ek ik <<EOF
$s
EOF
	spi=$((spi + 1))
	hspi=$(printf 0x%x $spi)
	check "async $name: SA $hspi on both ends" add_pair $hspi $name $ek $ik
	[ $spi = $((0x801)) ] && check_match "async: the SA runs on a pcrypt instance" \
		'driver +: pcrypt\(authenc' cat /proc/crypto
	check "async $name: ping HA from the MN (IPv6 inner)" ipn mn ping -c 2 -W 3 $HAA
	check "async $name: ping the MN from the HA (IPv4 inner)" ipn ha ping -c 2 -W 3 $HOA4
	check "async $name: bulk TCP MN -> HA" bulk mn ha $HAA
	check "async $name: bulk TCP HA -> MN" bulk ha mn $HOA4
	if [ $name = aes128-hmac-sha1 ]; then
		gk=$(KEYNAME=ekey-mn2ha key_of $hspi) gi=$(KEYNAME=ikey-mn2ha key_of $hspi)
		agen() { ipn mn mnhagen --to $HA_O6 --suite aes128-hmac-sha1 --spi $hspi \
			--ekey $gk --ikey $gi --src $HOA --dst $HAA "$@"; }
		rx0=$(sa_field ha $hspi rx-packets)
		check "async: a tampered packet" agen --seq 100000 --tamper
		check "async: a genuine packet, twice" agen --seq 100001 --repeat 2
		sleep 1
		check "async: the tampered one failed authentication" \
			sa_is ha $hspi drop-auth 1
		check "async: the replay was caught after authentication" \
			sa_is ha $hspi drop-replay 1
		check "async: the genuine one was accepted" \
			sa_is ha $hspi rx-packets $((rx0 + 1))
	fi
	check "async $name: remove the SA on both ends" del_pair $hspi
done
check "module parameter mnha_async=0" \
	sh -c "echo 0 >/sys/module/psac/parameters/mnha_async"
check "async: no other authentication failure" dev_is ha drop-auth $((auth0 + 1))
check "async: no other replay" dev_is ha drop-replay $((replay0 + 1))

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
# --- 9. the device moves to another namespace; its sockets stay ---------------
check "SA 0x600 (aes128-hmac-sha1) on both ends" add_pair 0x600 aes128-hmac-sha1 16 20
ip netns add mn2
ip -n mn2 link set lo up
check "move the MN's mnha0 to namespace mn2" ip -n mn link set mnha0 netns mn2
ip -n mn2 link set mnha0 up
ip -n mn2 addr add $HOA/128 dev mnha0
ip -n mn2 route add $HAA/128 dev mnha0
check "mn2: ping the HA through the moved device" ipn mn2 ping -c 2 -W 3 $HAA
check_match "the SAs moved with it" 'spi 0x600' ipn mn2 mnhactl sa show
check "delete the namespace holding its sockets" ip netns del mn
sleep 1
check_fail "mn2: the device is inert without its sockets" \
	ipn mn2 ping -c 1 -W 2 $HAA
check "mn2 can still be deleted" ip netns del mn2

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
# --- 10. teardown under traffic -----------------------------------------------
ip netns add mn
ip -n mn link set lo up
ip link add m1 netns mn type veth peer name h1 netns ha
ip -n mn addr add 2001:db8:2::2/64 dev m1 nodad
ip -n ha addr add 2001:db8:2::1/64 dev h1 nodad
ip -n mn link set m1 up
ip -n ha link set h1 up
ip -n mn link add mnha0 type mnha
mmn dev set mnha0 role mn
ip -n mn link set mnha0 up
ip -n mn addr add $HOA/128 dev mnha0
ip -n mn route add $HAA/128 dev mnha0
mha sa del mnha0 spi 0x600
check "SA 0x700 (aes128-gcm) on both ends" \
	add_pair_to 2001:db8:2::1 0x700 aes128-gcm 20 0
check "traffic flows" ipn mn ping -c 1 -W 3 $HAA
ipn ha tcpbulk recv 5001 $((BULK * 16)) 10 >/dev/null 2>&1 &
p1=$!
ipn mn tcpbulk send $HAA 5001 $((BULK * 16)) >/dev/null 2>&1 &
p2=$!
ipn ha ping -c 100 -i 0.05 $HOA >/dev/null 2>&1 &
p3=$!
sleep 2
check "ip link del on the HA under traffic" ip -n ha link del mnha0
check_fail "the HA's UDP sockets are gone" \
	ipn ha sh -c "grep -qi ':1EC0 ' /proc/net/udp /proc/net/udp6"
ipn mn ping -c 50 -i 0.05 $HAA >/dev/null 2>&1 &
p4=$!
sleep 1
check "rmmod psac with a device sending" rmmod psac
check_fail "the MN's device went with the module" ip -n mn link show mnha0
kill $p1 $p2 $p3 $p4 2>/dev/null
wait $p1 $p2 $p3 $p4 2>/dev/null
for ns in ha mn; do ip netns del $ns; done
finish
