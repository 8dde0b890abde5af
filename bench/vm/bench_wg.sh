#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# WireGuard reference (bench/run.sh, BENCH_TESTS=bench_wg): WireGuard from
# the same kernel at the receive sizes, measured with a LIVE sender, unlike
# bench_rx.sh: pre-encrypted injection would need the Noise handshake in the
# injector.  netns inj: udpgen (CPU 0) -> wg0 (encrypts) -> veth -> netns
# rcv: wg0 (decrypts) -> blast sink (UDP 9000, CPU 1).  The figure thus
# contains the sender's encryption as well as the receiver's decryption;
# "mnha" is the same live measure for psac (an MN-role mnha0 sending
# AES-128-GCM to an HA-role mnha0) and "plain" the path with no tunnel (the
# ceiling).  Results:
#   RESULT live IMPL SUITE SIZE pkts=N sent=N secs=S pps=R round=N
# IMPL wireguard (SUITE chacha20poly1305), mnha (gcm) or plain (-).
# Settings (/bench.conf): BENCH_COUNT, BENCH_ROUNDS, BENCH_SIZES,
# BENCH_LIVE_IMPLS ("wireguard mnha plain").
. /selftests/lib.sh
[ -f /bench.conf ] && . /bench.conf
. /bench_lib.sh
COUNT=${BENCH_COUNT:-6000}
ROUNDS=${BENCH_ROUNDS:-2}
SIZES=${BENCH_SIZES:-64 512 1400}
LIVE=${BENCH_LIVE_IMPLS:-wireguard mnha plain}
T=/tmp/bench_wg
mkdir -p $T
RES=$OUT/results.txt
: >$RES

O_INJ=192.0.2.2 O_RCV=192.0.2.1 I_SRC=10.100.0.10 I_DST=10.100.0.1

setup() {
	ns_pair_up inj i0 rcv r0
	ip -n inj addr add $O_INJ/24 dev i0
	ip -n rcv addr add $O_RCV/24 dev r0
	case $1 in
	plain)
		ip -n rcv addr add $I_DST/32 dev lo
		ip -n inj addr add $I_SRC/32 dev lo
		ip -n inj route add $I_DST/32 via $O_RCV dev i0 src $I_SRC ;;
	mnha)	# the MN (inj) sends to the HA (rcv), AES-128-GCM
		ip -n inj link add mnha0 type mnha
		ip -n rcv link add mnha0 type mnha
		ipn inj mnhactl dev set mnha0 role mn || return 1
		ipn rcv mnhactl dev set mnha0 role ha || return 1
		k=$(head -c 20 /dev/urandom | hexdump -v -e '/1 "%02x"')
		ipn rcv mnhactl sa add mnha0 spi 0x101 suite aes128-gcm ekey-mn2ha $k \
			ekey-ha2mn $k hoa4 $I_SRC scope 1 || return 1
		ipn inj mnhactl sa add mnha0 spi 0x101 suite aes128-gcm ekey-mn2ha $k \
			ekey-ha2mn $k hoa4 $I_SRC scope 1 peer $O_RCV || return 1
		for ns in inj rcv; do
			ip -n $ns link set mnha0 mtu 1500
			ip -n $ns link set mnha0 up
		done
		ip -n inj addr add $I_SRC/32 dev mnha0
		ip -n rcv addr add $I_DST/32 dev mnha0
		ip -n inj route add $I_DST/32 dev mnha0 src $I_SRC
		ipn inj ping -c 1 -W 2 $O_RCV ;;
	wireguard)
		wg genkey >$T/ka
		wg genkey >$T/kb
		ip -n inj link add wg0 type wireguard || return 1
		ip -n rcv link add wg0 type wireguard || return 1
		ipn inj wg set wg0 private-key $T/ka peer "$(wg pubkey <$T/kb)" \
			endpoint $O_RCV:51820 allowed-ips $I_DST/32 || return 1
		ipn rcv wg set wg0 listen-port 51820 private-key $T/kb \
			peer "$(wg pubkey <$T/ka)" allowed-ips $I_SRC/32 || return 1
		ip -n inj addr add $I_SRC/32 dev wg0
		ip -n rcv addr add $I_DST/32 dev wg0
		ip -n inj link set wg0 up
		ip -n rcv link set wg0 up
		ip -n inj route add $I_DST/32 dev wg0 src $I_SRC
		ip -n rcv route add $I_SRC/32 dev wg0 src $I_DST
		# the handshake, before the clock starts
		ipn inj ping -c 2 -W 3 $I_DST
		ipn inj wg show wg0
		[ "$(ipn inj wg show wg0 latest-handshakes | awk '{ print $2 }')" -gt 0 ] ;;
	esac
}
teardown() {
	ip netns del inj 2>/dev/null
	ip netns del rcv 2>/dev/null
}

run() {
	local impl=$1 suite=$2 size=$3
	if ! setup $impl >$T/setup.out 2>&1; then
		sed 's/^/# /' $T/setup.out
		nok "live $impl $size: setup (handshake)"
		teardown
		return
	fi
	rm -f $T/sready
	ipn rcv blast sink --port 9000 --cpu 1 --idle-ms 2000 --max-s 40 \
		--ready $T/sready >$T/sink.out 2>&1 &
	sp=$!
	while [ ! -f $T/sready ]; do sleep 0.1; done
	ipn inj udpgen --dst $I_DST --size $size --count $COUNT --cpu 0 >$T/gen.out 2>&1
	wait $sp
	teardown
	bench_result live "$impl $suite $size" $T/gen.out delivered
}

check "modprobe wireguard" modprobe wireguard
check "modprobe psac" modprobe psac
echo "# bench: $(uname -r), WireGuard live, count $COUNT, rounds $ROUNDS, sizes $SIZES"
for size in $SIZES; do
	r=1
	while [ $r -le $ROUNDS ]; do
		ROUND=$r
		for impl in $LIVE; do
			case $impl in
			wireguard) run wireguard chacha20poly1305 $size ;;
			mnha) run mnha gcm $size ;;
			*) run $impl - $size ;;
			esac
		done
		r=$((r + 1))
	done
done
finish
