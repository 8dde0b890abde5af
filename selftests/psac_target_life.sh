#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PSAC target server over time: multicast events for every install and
# delete, a rekey under traffic loses no datagram, hard-lifetime expiry,
# the port and code points are configurable per namespace, a DHCPv6 client
# on the same host still receives its messages, netlink refuses callers
# without CAP_NET_ADMIN, and deleting a namespace with live SAs is clean.
. /selftests/lib.sh

T=/tmp/psac_life
mkdir -p $T
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/psk
build() { psac saconf build --psk-file $T/psk --key-id 7 --peer $REQ \
	--encr aes-gcm-16 --bits 128 --ulp udp --dport 53 "$@"; }
send() { ip netns exec srv psac saconf send "$1" --to $TGT ${2:+--port $2} \
	--wait-reply 5 --psk-file $T/psk; }
nstates() { ip -n tgt xfrm state | grep -c '^src '; }
npol() { ip -n tgt xfrm policy | grep -c '^src '; }
stat() { psac -n tgt target stats | awk -v k="$1" '$1 == k { print $2 }'; }

check "modprobe psac" modprobe psac
check "namespaces up" topo3_up
check "PSK key-id 7" psac -n tgt target psk add 7 --key-file $T/psk

# --- events ------------------------------------------------------------------
ip netns exec tgt psac target monitor --count 2 --timeout 20 >$T/events &
mon=$!
sleep 1
check "install UDP/53 pair 0x1001/0x2001" build --spi-in 0x1001 --spi-out 0x2001 \
	--keymat-out $T/k1 -o $T/m1.bin
check_match "installed" 'status Success' send $T/m1.bin

# --- rekey under traffic ---------------------------------------------------
check "requestor side of the first pair" req_install $T/k1 0 req
ip -n req xfrm policy add src $REQ/128 dst $TGT/128 proto udp dport 53 dir out \
	tmpl proto esp reqid 7 mode transport
ip netns exec tgt udp count 53 8 >$T/count &
cnt=$!
sleep 1
ip netns exec req udp flood $TGT 53 100 40 >$T/flood &
fl=$!
sleep 1
check "rekey message: same selectors, SPIs 0x1011/0x2011" build --spi-in 0x1011 \
	--spi-out 0x2011 --keymat-out $T/k2 -o $T/m2.bin
# make-before-break: the requestor accepts the new inbound SA first, the
# target rekeys (keeping the old inbound SA for rekey_grace), then the
# requestor switches its outbound SA.
check "requestor adds the new inbound state first" req_install_dir $T/k2 0 req r2i
check_match "target rekeys" 'status Success' send $T/m2.bin
check "target keeps the old inbound SA during the grace period (3 states)" \
	test "$(nstates)" = 3
check "requestor switches: new outbound state" req_install_dir $T/k2 0 req i2r
ip -n req xfrm state del src $REQ dst $TGT proto esp spi 0x1001
ip -n req xfrm state del src $TGT dst $REQ proto esp spi 0x2001
wait $fl
wait $cnt
sleep 4
check_match "all 100 datagrams sent" 'sent 100, send errors 0' cat $T/flood
check_match "all 100 datagrams arrived across the rekey" '^100$' tail -n1 $T/count
check_match "after the rekey: new inbound SA 0x1011 on the target" \
	'spi 0x00001011' ip -n tgt xfrm state
check_fail "after the rekey: old SA 0x1001 gone" \
	sh -c "/usr/local/sbin/ip -n tgt xfrm state | grep -q 'spi 0x00001001'"
check "after the grace period: 2 states, the old inbound one retired" \
	test "$(nstates)" = 2
check "after the rekey: still 2 policies" test "$(npol)" = 2
check "traffic used the new SA" test "$(sa_packets tgt 0x00001011)" -ge 1
wait $mon
check_match "monitor: 'installed' event for 0x1001" \
	"^installed peer $REQ spi-in 0x00001001 spi-out 0x00002001" cat $T/events
check_match "monitor: 'replaced' event for the rekeyed pair" \
	"^replaced peer $REQ spi-in 0x00001001" cat $T/events

# --- expiry -------------------------------------------------------------------
check "pair with lifetime 3 s (ICMPv6)" psac saconf build --psk-file $T/psk \
	--key-id 7 --peer $REQ --encr aes-gcm-16 --bits 128 --ulp icmpv6 \
	--spi-in 0x1021 --spi-out 0x2021 --lifetime 3 -o $T/m3.bin
check_match "installed with lifetime 3" 'status Success' send $T/m3.bin
check_match "sa list shows the lifetime" 'spi-in 0x00001021 .*lifetime 3 ' \
	psac -n tgt target sa list
sleep 5
check_fail "after 5 s the 3 s pair is gone from XFRM" \
	sh -c "/usr/local/sbin/ip -n tgt xfrm state | grep -q 'spi 0x00001021'"
check_fail "and from psac's list" sh -c "psac -n tgt target sa list | grep -q 0x00001021"
check "and its policies are gone (2 left)" test "$(npol)" = 2

# --- configuration -------------------------------------------------------------
check "config set port 5546" psac -n tgt target config set port 5546
check_match "config shows port 5546" '^port 5546' psac -n tgt target config
check "build for the new port" build --spi-in 0x1031 --spi-out 0x2031 -o $T/m4.bin
check_fail "SACONFIGURATION to 546 is no longer taken" \
	ip netns exec srv psac saconf send $T/m4.bin --to $TGT --wait-reply 2 --psk-file $T/psk
check_match "SACONFIGURATION to 5546 is" 'status Success' send $T/m4.bin 5546
check "config set back to 546" psac -n tgt target config set port 546
check_fail "code points that clash are refused (msg-saconfig 7 = Reply)" \
	psac -n tgt target config set msg-saconfig 7
check_match "and the refusal says why" 'clash' psac -n tgt target config set msg-saconfig 7

# --- a DHCPv6 client on the same host keeps working -----------------------------
ip netns exec tgt udp recv 546 4 >$T/client.rx &
cl=$!
sleep 1
printf '\007\001\002\003dhcpv6-reply' | ip netns exec srv udp send $TGT 546 547
wait $cl
check_match "a DHCPv6 Reply (type 7) to port 546 reaches the client socket" \
	'dhcpv6-reply' cat $T/client.rx
rxb=$(stat rx)
ip netns exec tgt udp recv 546 3 >$T/client2.rx &
cl=$!
sleep 1
check "a SACONFIGURATION while the client socket is bound" build --spi-in 0x1041 \
	--spi-out 0x2041 -o $T/m5.bin
check_match "is still answered by psac.ko" 'status Success' send $T/m5.bin
wait $cl
check_fail "and never reaches the client socket" test -s $T/client2.rx
check "rx counter moved by one" test "$(stat rx)" = $((rxb + 1))

# --- privileges --------------------------------------------------------------------
unpriv() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
	--bounding-set=-all "$@"; }
check_match "psk add without CAP_NET_ADMIN: refused" 'CAP_NET_ADMIN' \
	unpriv psac target psk add 9 --key 00112233445566778899aabbccddeeff
check_match "sa list without CAP_NET_ADMIN: refused" 'CAP_NET_ADMIN' \
	unpriv psac target sa list
check_match "stats without CAP_NET_ADMIN: refused" 'CAP_NET_ADMIN' \
	unpriv psac target stats

# --- namespace isolation and exit with live SAs -------------------------------------
check_fail "the PSK of tgt does not exist in req" \
	sh -c "psac -n req target psk list | grep -q 'key-id 7'"
# (the UDP/53 SAs above share their selectors: each was a rekey of one pair)
check_match "target has a live SA pair before its namespace goes" \
	"peer $REQ .*spi-in 0x00001041" psac -n tgt target sa list
check "ip netns del tgt with live SAs" ip netns del tgt
sleep 1
check "rmmod psac afterwards" rmmod psac
topo3_down
finish
