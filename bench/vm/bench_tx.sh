#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Transmit benchmark inside the test VM (bench/run.sh, BENCH_TESTS).  In
# netns tx one local generator (udpgen: connected UDP socket, sendmmsg, CPU
# 0) sends BENCH_COUNT inner packets to the MN's home address 10.100.0.10,
# which is routed into one of
#   mnha   psac.ko's mnha device (role ha, one SA whose peer is the MN)
#   xfrm   the kernel's ESP-in-UDP (tunnel mode out SA + out policy)
#   udecap the user-space encapsulator (uencap: tun + OpenSSL + sendmmsg);
#          named like its receive twin so the tables line up
#   plain  no encryption: the inner packet routed out as it is (ceiling)
# which sends them encrypted over a veth to netns peer.  There blast sink
# (CPU 1) counts the datagrams that arrived (UDP 7872, 4500, or 9000 for
# plain) and times first to last; the veth's rx_packets on the peer side is
# recorded too (wire=).  Results, one line per run:
#   RESULT tx IMPL SUITE SIZE pkts=N sent=N wire=N secs=S pps=R round=N
# Settings (/bench.conf): BENCH_COUNT, BENCH_ROUNDS, BENCH_SIZES,
# BENCH_SUITES, BENCH_IMPLS (as bench_rx.sh).
. /selftests/lib.sh
[ -f /bench.conf ] && . /bench.conf
. /bench_lib.sh
COUNT=${BENCH_COUNT:-6000}
ROUNDS=${BENCH_ROUNDS:-2}
SIZES=${BENCH_SIZES:-64 512 1400}
SUITES=${BENCH_SUITES:-gcm cbc}
IMPLS=${BENCH_IMPLS:-mnha xfrm udecap}
T=/tmp/bench_tx
mkdir -p $T
RES=$OUT/results.txt
: >$RES

hexkey() { head -c "$1" /dev/urandom | hexdump -v -e '/1 "%02x"'; }
O_TX=192.0.2.1 O_PEER=192.0.2.2 I_SRC=10.100.0.1 I_DST=10.100.0.10
SPI=0x101
bgpid=""

setup() {
	ns_pair_up tx t0 peer p0
	ip -n tx addr add $O_TX/24 dev t0
	ip -n peer addr add $O_PEER/24 dev p0
	ip -n tx addr add $I_SRC/32 dev lo
	ip -n peer addr add $I_DST/32 dev lo
	# resolve the neighbour before the clock starts
	ipn tx ping -c 1 -W 2 $O_PEER >/dev/null 2>&1
}
teardown() {
	[ -n "$bgpid" ] && { kill $bgpid 2>/dev/null; wait $bgpid 2>/dev/null; }
	bgpid=""
	ip netns del tx 2>/dev/null
	ip netns del peer 2>/dev/null
}

# sender side of IMPL for SUITE with keys $EK and $IK; sets SPORT (the UDP
# port the encrypted packets arrive on at the peer)
tx_setup() {
	case $1 in
	plain)
		SPORT=9000
		ip -n tx route add $I_DST/32 via $O_PEER dev t0 src $I_SRC ;;
	mnha)
		SPORT=7872
		ip -n tx link add mnha0 type mnha
		ipn tx mnhactl dev set mnha0 role ha || return 1
		# the default MTU leaves room for the worst case (IPv6 outer,
		# largest IV and padding) and would fragment 1400-octet inner
		# packets; the IPv4 outer here fits 1400 + overhead in 1500
		ip -n tx link set mnha0 mtu 1500 || return 1
		ip -n tx link set mnha0 up
		if [ $2 = gcm ]; then
			ipn tx mnhactl sa add mnha0 spi $SPI suite aes128-gcm \
				ekey-mn2ha $EK ekey-ha2mn $EK hoa4 $I_DST scope 1 \
				peer $O_PEER peer-port 7872 || return 1
		else
			ipn tx mnhactl sa add mnha0 spi $SPI suite aes128-hmac-sha1 \
				ekey-mn2ha $EK ikey-mn2ha $IK ekey-ha2mn $EK \
				ikey-ha2mn $IK hoa4 $I_DST scope 1 \
				peer $O_PEER peer-port 7872 || return 1
		fi
		ip -n tx route add $I_DST/32 dev mnha0 src $I_SRC ;;
	xfrm)
		SPORT=4500
		if [ $2 = gcm ]; then
			alg="aead rfc4106(gcm(aes)) 0x$EK 128"
		else
			alg="enc cbc(aes) 0x$EK auth-trunc hmac(sha1) 0x$IK 96"
		fi
		ip -n tx xfrm state add src $O_TX dst $O_PEER proto esp spi $SPI \
			reqid 1 mode tunnel $alg encap espinudp 4500 4500 0.0.0.0 ||
			return 1
		ip -n tx xfrm policy add src $I_SRC/32 dst $I_DST/32 dir out \
			tmpl src $O_TX dst $O_PEER proto esp reqid 1 mode tunnel ||
			return 1
		ip -n tx route add $I_DST/32 via $O_PEER dev t0 src $I_SRC ;;
	udecap)
		SPORT=7872
		rm -f $T/ready
		ipn tx uencap --tun tun0 --suite $2 --spi $SPI --ekey $EK \
			${IK:+--ikey $IK} --peer $O_PEER --cpu 1 --ready $T/ready \
			>$T/uencap.out 2>&1 &
		bgpid=$!
		i=0
		while [ ! -f $T/ready ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		ip -n tx link set tun0 up || return 1
		ip -n tx route add $I_DST/32 dev tun0 src $I_SRC ;;
	esac
	sleep 0.5
}

rxp() { ipn peer cat /sys/class/net/p0/statistics/rx_packets; }

# run IMPL SUITE SIZE
run() {
	local impl=$1 suite=$2 size=$3
	setup
	if ! tx_setup $impl $suite; then
		nok "tx $impl $suite $size: sender setup"
		teardown
		return
	fi
	rm -f $T/sready
	ipn peer blast sink --port $SPORT --cpu 1 --idle-ms 2000 --max-s 40 \
		--ready $T/sready >$T/sink.out 2>&1 &
	sp=$!
	while [ ! -f $T/sready ]; do sleep 0.1; done
	w0=$(rxp)
	ipn tx udpgen --dst $I_DST --size $size --count $COUNT --cpu 0 \
		>$T/gen.out 2>&1
	wait $sp
	w1=$(rxp)
	[ $impl = udecap ] && { kill $bgpid; wait $bgpid; bgpid=""; echo "# $(cat $T/uencap.out)"; }
	teardown
	bench_result tx "$impl $suite $size" $T/gen.out "arrived at the peer" \
		"wire=$((w1 - w0))"
}


check "modprobe psac" modprobe psac
check "modprobe tun" modprobe tun
echo "# bench: $(uname -r), tx, count $COUNT, rounds $ROUNDS, sizes $SIZES, suites $SUITES, impls $IMPLS"
for size in $SIZES; do
	for suite in $SUITES; do
		if [ $suite = gcm ]; then EK=$(hexkey 20) IK=""; else EK=$(hexkey 16) IK=$(hexkey 20); fi
		r=1
		while [ $r -le $ROUNDS ]; do
			ROUND=$r
			for impl in $(rotate "$IMPLS" $r); do
				run $impl $suite $size
			done
			[ $suite = ${SUITES%% *} ] && run plain - $size
			r=$((r + 1))
		done
	done
done
finish
