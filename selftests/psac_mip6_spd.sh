#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Mobile IPv6 SPD examples of draft-ietf-mip6-ikev2-ipsec-01 (RFC 4877
# section 4), provisioned by PSAC: the home agent is the target server
# (psac.ko), the mobile node the requestor (HoA = requestor address).
#   4.1 BU / BAck as Mobility Header types, ESP transport mode
#   4.2 HoTI / HoT as Mobility Header types, ESP tunnel mode (between the
#       SA endpoints: OPTION_SA selectors are always the SA's addresses)
#   4.3 Mobile Prefix Solicitation (ICMPv6 146), ESP transport mode
# and shows which packets get protected.  Inbound policies cannot match the
# MH type on 6.1 (the session decode reads past the Mobility Header) nor
# since 6.8 (the flow dissector has no MH), see kmod/compat.h: psac installs
# inbound MH policies for any MH type, so a cleartext MH message of another
# type is dropped too, and a second MH pair between the same hosts is
# refused with a status instead of half-installed.
. /selftests/lib.sh

T=/tmp/psac_spd
mkdir -p $T
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/psk
HOA=$REQ
HA=$TGT

build() { psac saconf build --psk-file $T/psk --key-id 7 "$@"; }
send() { ip netns exec srv psac saconf send "$1" --to $TGT --wait-reply 5 --psk-file $T/psk; }
wire() { tcpdump -r "$1" -n 2>/dev/null; }
capture() {
	ip netns exec tgt /usr/local/sbin/tcpdump -Z root -i t1 -n -U -w "$1" 2>/dev/null &
	cap=$!
	sleep 1
}
capture_end() { sleep 1; kill $cap; wait $cap 2>/dev/null; }

check "modprobe psac" modprobe psac
check "namespaces: server, home agent (target), mobile node (requestor)" topo3_up
check "home agent has PSK key-id 7" psac -n tgt target psk add 7 --key-file $T/psk

# --- 4.1 BU/BAck, transport ----------------------------------------------
check "4.1: build SA pair MH BU (MN->HA) / BAck (HA->MN), transport" \
	build --peer $HOA --spi-in 0x3001 --spi-out 0x4001 --encr aes-gcm-16 \
	--bits 128 --ulp mh --type 5 --code 6 --keymat-out $T/k41 -o $T/m41.bin
check_match "4.1: home agent installs it" '[Ss]uccess' send $T/m41.bin
check_match "4.1: HA outbound policy: MH type 6 (BAck) to the HoA" \
	"src $HA/128 dst $HOA/128 proto (mobility-header|135) type 6" ip -n tgt xfrm policy
check_match "4.1: HA inbound policy: any MH type from the HoA (kernel limit)" \
	"src $HOA/128 dst $HA/128 proto (mobility-header|135) *\$" ip -n tgt xfrm policy
inpol="proto 135"
check "4.1: mobile node installs its side" req_install $T/k41 0 req transport 41
ip -n req xfrm policy add src $HOA/128 dst $HA/128 proto 135 type 5 dir out \
	tmpl proto esp reqid 41 mode transport
ip -n req xfrm policy add src $HA/128 dst $HOA/128 $inpol dir in \
	tmpl proto esp reqid 41 mode transport

# 4.2's pair next to 4.1's: the two inbound any-MH policies would be
# identical, so psac refuses the second pair with a status.
check "4.2: build SA pair MH HoTI / HoT, tunnel mode" \
	build --peer $HOA --spi-in 0x3002 --spi-out 0x4002 --encr aes-cbc \
	--bits 128 --integ hmac-sha2-256-128 --mode tunnel --ulp mh --type 1 \
	--code 3 --keymat-out $T/k42 -o $T/m42.bin
check_match "4.2 next to 4.1: refused (the inbound MH policy is in use)" \
	'UnspecFail' send $T/m42.bin
check_fail "4.2 next to 4.1: nothing of it installed" \
	sh -c "/usr/local/sbin/ip -n tgt xfrm state | grep -q 'spi 0x00003002'"

capture $T/w41.pcap
ip netns exec tgt mh recv 4 >$T/ha.rx &
harx=$!
sleep 1
ip netns exec req mh send $HOA $HA 5
ip netns exec req mh send $HOA $HA 2
wait $harx
ip netns exec req mh recv 4 >$T/mn.rx &
mnrx=$!
sleep 1
ip netns exec tgt mh send $HA $HOA 6
ip netns exec tgt mh send $HA $HOA 4
wait $mnrx
capture_end
wire $T/w41.pcap >$T/w41.txt
check_match "4.1: BU from the MN is ESP on the wire (SPI 0x3001)" \
	"$HOA > $HA: ESP\\(spi=0x00003001" cat $T/w41.txt
check_match "4.1: BAck from the HA is ESP on the wire (SPI 0x4001)" \
	"$HA > $HOA: ESP\\(spi=0x00004001" cat $T/w41.txt
check_match "4.1: the HA's MH socket receives the BU, decrypted" \
	"mh type 5 from $HOA" cat $T/ha.rx
check_match "4.1: the MN's MH socket receives the BAck, decrypted" \
	"mh type 6 from $HA" cat $T/mn.rx
check_match "4.1: CoTI (type 2, outside the selectors) is cleartext MH on the wire" \
	"$HOA > $HA: mobility: CoTI" cat $T/w41.txt
check_match "4.1: CoT (type 4, outside the selectors) is cleartext MH on the wire" \
	"$HA > $HOA: mobility: CoT" cat $T/w41.txt
check_fail "4.1: cleartext CoTI dropped by the HA (inbound any-MH policy)" \
	grep -q "mh type 2 from $HOA" $T/ha.rx

# A BU in the clear must not get through: the HA's inbound policy demands
# ESP for Mobility Header messages.
ip -n req xfrm policy del src $HOA/128 dst $HA/128 proto 135 type 5 dir out
ip netns exec tgt mh recv 3 >$T/ha_clear.rx &
harx=$!
sleep 1
ip netns exec req mh send $HOA $HA 5
wait $harx
check_fail "4.1: a cleartext BU is dropped by the HA's inbound policy" \
	grep -q "mh type 5 from $HOA" $T/ha_clear.rx
check_match "4.1: and counted as a policy mismatch (XfrmInTmplMismatch/NoStates)" \
	'XfrmIn(TmplMismatch|NoStates|PolBlock)[[:space:]]+[1-9]' \
	ip netns exec tgt cat /proc/net/xfrm_stat

# --- 4.2 HoTI/HoT, tunnel ------------------------------------------------
check "4.1 pair deleted (lifetime 0)" sh -c "psac saconf build --psk-file $T/psk \
	--key-id 7 --peer $HOA --spi-in 0x3001 --spi-out 0x4001 --encr aes-gcm-16 \
	--bits 128 --ulp mh --type 5 --code 6 --lifetime 0 -o $T/d41.bin >/dev/null &&
	/usr/local/sbin/ip netns exec srv psac saconf send $T/d41.bin --to $TGT \
	--wait-reply 5 --psk-file $T/psk >/dev/null"
ip -n req xfrm policy flush
ip -n req xfrm state flush
check "4.2: rebuild with a fresh counter" build --peer $HOA --spi-in 0x3002 \
	--spi-out 0x4002 --encr aes-cbc --bits 128 --integ hmac-sha2-256-128 \
	--mode tunnel --ulp mh --type 1 --code 3 --keymat-out $T/k42 -o $T/m42.bin
check_match "4.2: installed once the 4.1 pair is gone" '[Ss]uccess' send $T/m42.bin
check_match "4.2: HA state is tunnel mode" 'spi 0x00003002 reqid [0-9]+ mode tunnel' \
	ip -n tgt xfrm state
check "4.2: mobile node installs its side (tunnel)" req_install $T/k42 0 req tunnel 42
ip -n req xfrm policy add src $HOA/128 dst $HA/128 proto 135 type 1 dir out \
	tmpl src $HOA dst $HA proto esp reqid 42 mode tunnel
ip -n req xfrm policy add src $HA/128 dst $HOA/128 $inpol dir in \
	tmpl src $HA dst $HOA proto esp reqid 42 mode tunnel
capture $T/w42.pcap
ip netns exec tgt mh recv 4 >$T/ha42.rx &
harx=$!
sleep 1
ip netns exec req mh send $HOA $HA 1
wait $harx
ip netns exec req mh recv 4 >$T/mn42.rx &
mnrx=$!
sleep 1
ip netns exec tgt mh send $HA $HOA 3
wait $mnrx
capture_end
wire $T/w42.pcap >$T/w42.txt
check_match "4.2: HoTI is ESP (tunnel) on the wire (SPI 0x3002)" \
	"$HOA > $HA: ESP\\(spi=0x00003002" cat $T/w42.txt
check_match "4.2: HoT is ESP (tunnel) on the wire (SPI 0x4002)" \
	"$HA > $HOA: ESP\\(spi=0x00004002" cat $T/w42.txt
check_match "4.2: the HA receives the HoTI, decapsulated" "mh type 1 from $HOA" cat $T/ha42.rx
check_match "4.2: the MN receives the HoT, decapsulated" "mh type 3 from $HA" cat $T/mn42.rx

# --- 4.3 Mobile Prefix Solicitation (ICMPv6 146), transport ----------------
check "4.3: build SA pair ICMPv6 type 146 (MPS)" \
	build --peer $HOA --spi-in 0x3003 --spi-out 0x4003 --encr aes-gcm-16 \
	--bits 256 --ulp icmpv6 --type 146 --keymat-out $T/k43 -o $T/m43.bin
check_match "4.3: installed" '[Ss]uccess' send $T/m43.bin
check_match "4.3: HA inbound policy: ICMPv6 type 146" \
	"src $HOA/128 dst $HA/128 proto (ipv6-icmp|58) type 146" ip -n tgt xfrm policy
check "4.3: mobile node installs its side" req_install $T/k43 0 req transport 43
ip -n req xfrm policy add src $HOA/128 dst $HA/128 proto 58 type 146 dir out \
	tmpl proto esp reqid 43 mode transport
ip -n req xfrm policy add src $HA/128 dst $HOA/128 proto 58 type 146 dir in \
	tmpl proto esp reqid 43 mode transport
capture $T/w43.pcap
ip netns exec tgt mh icmp6-recv 4 146 >$T/ha43.rx &
harx=$!
sleep 1
ip netns exec req mh icmp6 $HOA $HA 146
ip netns exec req ping -c 1 -w 2 $HA >/dev/null 2>&1
wait $harx
capture_end
wire $T/w43.pcap >$T/w43.txt
check_match "4.3: MPS is ESP on the wire (SPI 0x3003)" \
	"$HOA > $HA: ESP\\(spi=0x00003003" cat $T/w43.txt
check_match "4.3: the HA receives the MPS, decrypted" "icmp6 type 146 from $HOA" cat $T/ha43.rx
check_match "4.3: echo request (outside the selectors) stays cleartext" \
	"$HOA > $HA: ICMP6, echo request" cat $T/w43.txt

# --- the kernel limit itself ------------------------------------------------
# Why the inbound MH policies above are for any type: an inbound block
# policy on one MH type does not stop a cleartext message of that type on
# this kernel, while one on any MH type does.  Should the first check fail
# on a new kernel, that kernel matches inbound MH types: set
# PSAC_XFRM_IN_MH_TYPE_MATCH for it in kmod/compat.h.
ip -n req xfrm policy flush
mh_probe() { # POLICY-ARGS...: does a cleartext BAck from the HA reach the MN?
	ip -n req xfrm policy add src $HA/128 dst $HOA/128 proto 135 "$@" dir in \
		action block
	ip netns exec req mh recv 3 >$T/probe.rx &
	mnrx=$!
	sleep 1
	ip netns exec tgt mh send $HA $HOA 6
	wait $mnrx
	ip -n req xfrm policy flush
	grep -q "mh type 6 from $HA" $T/probe.rx
}
check "kernel limit: an inbound block policy on MH type 6 lets a cleartext BAck through" \
	mh_probe type 6
check_fail "control: an inbound block policy on any MH type stops it" mh_probe

cp $T/*.pcap "$OUT/" 2>/dev/null
topo3_down
rmmod psac
finish
