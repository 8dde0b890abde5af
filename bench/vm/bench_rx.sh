#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Receive benchmark inside the test VM (run by bench/run.sh through
# selftests/vm/run.sh).  For each suite and inner size: the same
# pre-encrypted frames (blast gen, before the clock starts) are blasted by
# one injector (blast send: AF_PACKET, PACKET_QDISC_BYPASS, sendmmsg) from
# netns inj over a veth into netns rcv, where one of
#   mnha   psac.ko's mnha device (role ha, one SA)
#   xfrm   the kernel's ESP-in-UDP (tunnel mode SA + in policy, UDP_ENCAP socket)
#   udecap the user-space decapsulator (recvmmsg + OpenSSL + tun)
#   plain  no encryption at all: the inner packet itself (the ceiling)
# decapsulates them towards a UDP sink (blast sink) that counts what is
# delivered and times first to last datagram.  The implementations run in
# BENCH_ROUNDS interleaved rounds (rotated order) so that the drifting load
# of the host hits them alike.  Results: one line
#   RESULT rx IMPL SUITE SIZE pkts=N sent=N secs=S pps=R round=N
# per run on stdout and in $OUT/results.txt.
# Settings (bench/run.sh writes them to /bench.conf): BENCH_COUNT packets per run, BENCH_SIZES, BENCH_SUITES,
# BENCH_IMPLS.
. /selftests/lib.sh
[ -f /bench.conf ] && . /bench.conf
. /bench_lib.sh
COUNT=${BENCH_COUNT:-6000}
ROUNDS=${BENCH_ROUNDS:-2}
ROUND=1
SIZES=${BENCH_SIZES:-64 512 1400}
SUITES=${BENCH_SUITES:-gcm cbc}
IMPLS=${BENCH_IMPLS:-mnha xfrm udecap}
T=/tmp/bench
mkdir -p $T
RES=$OUT/results.txt
: >$RES

hexkey() { head -c "$1" /dev/urandom | hexdump -v -e '/1 "%02x"'; }
RMAC=02:00:00:00:00:01
O_INJ=192.0.2.2 O_RCV=192.0.2.1 I_SRC=10.100.0.10 I_DST=10.100.0.1
SPI=0x101

setup() {
	ns_pair_up inj i0 rcv r0
	ip -n rcv link set r0 address $RMAC
	ip -n rcv addr add $O_RCV/24 dev r0
}
teardown() {
	[ -n "${bgpid:-}" ] && { kill $bgpid 2>/dev/null; wait $bgpid 2>/dev/null; }
	bgpid=""
	ip netns del inj 2>/dev/null
	ip netns del rcv 2>/dev/null
}

# receiver side of IMPL for SUITE with keys $EK (20 octets hex for GCM, 16
# for CBC) and $IK
rx_setup() {
	case $1 in
	plain)
		ip -n rcv addr add $I_DST/32 dev lo ;;
	mnha)
		ip -n rcv link add mnha0 type mnha
		ipn rcv mnhactl dev set mnha0 role ha || return 1
		ip -n rcv link set mnha0 up
		ip -n rcv addr add $I_DST/32 dev mnha0
		if [ $2 = gcm ]; then
			ipn rcv mnhactl sa add mnha0 spi $SPI suite aes128-gcm \
				ekey-mn2ha $EK ekey-ha2mn $EK hoa4 $I_SRC scope 1
		else
			ipn rcv mnhactl sa add mnha0 spi $SPI suite aes128-hmac-sha1 \
				ekey-mn2ha $EK ikey-mn2ha $IK ekey-ha2mn $EK \
				ikey-ha2mn $IK hoa4 $I_SRC scope 1
		fi ;;
	xfrm)
		ip -n rcv addr add $I_DST/32 dev lo
		if [ $2 = gcm ]; then
			alg="aead rfc4106(gcm(aes)) 0x$EK 128"
		else
			alg="enc cbc(aes) 0x$EK auth-trunc hmac(sha1) 0x$IK 96"
		fi
		ip -n rcv xfrm state add src $O_INJ dst $O_RCV proto esp spi $SPI \
			reqid 1 mode tunnel $alg encap espinudp 4500 4500 0.0.0.0 ||
			return 1
		ip -n rcv xfrm policy add src $I_SRC/32 dst $I_DST/32 dir in \
			tmpl src $O_INJ dst $O_RCV proto esp reqid 1 mode tunnel ||
			return 1
		/usr/local/sbin/ip netns exec rcv blast espsock 4500 &
		bgpid=$! ;;
	udecap)
		rm -f $T/ready
		/usr/local/sbin/ip netns exec rcv udecap --tun tun0 --suite $2 --spi $SPI --ekey $EK \
			${IK:+--ikey $IK} --cpu 1 --ready $T/ready >$T/udecap.out 2>&1 &
		bgpid=$!
		i=0
		while [ ! -f $T/ready ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		ip -n rcv link set tun0 up || return 1
		ip -n rcv addr add $I_DST/32 dev tun0 ;;
	esac
	sleep 0.5
}

# run IMPL SUITE SIZE FILE OPORT
run() {
	local impl=$1 suite=$2 size=$3 file=$4 oport=$5
	setup
	if ! rx_setup $impl $suite; then
		nok "rx $impl $suite $size: receiver setup"
		teardown
		return
	fi
	rm -f $T/sready
	ipn rcv blast sink --port 9000 --cpu 1 --idle-ms 2000 --max-s 40 \
		--ready $T/sready >$T/sink.out 2>&1 &
	sp=$!
	while [ ! -f $T/sready ]; do sleep 0.1; done
	pf=""
	if [ -n "${BENCH_PERF:-}" ]; then	# a system-wide profile of the run
		pf=$OUT/perf.$impl.$suite.$size
		perf record -a -e cpu-clock -F 1000 -q -o $T/perf.data >/dev/null 2>&1 &
		pp=$!
		sleep 1
	fi
	ipn inj blast send --ifname i0 --dmac $RMAC --src $O_INJ --dst $O_RCV \
		${oport:+--oport $oport} --in $file --cpu 0 >$T/send.out 2>&1
	wait $sp
	if [ -n "$pf" ]; then
		kill -INT $pp
		wait $pp
		perf report -i $T/perf.data --stdio --no-children --sort sym \
			--percent-limit 0.7 2>/dev/null | grep -v '^#' | grep . >$pf.txt
		perf report -i $T/perf.data --stdio --no-children --sort comm,dso \
			2>/dev/null | grep -v '^#' | grep . | head -n 15 >$pf.dso.txt
		rm -f $T/perf.data
	fi
	teardown
	bench_result rx "$impl $suite $size" $T/send.out delivered
}

check "modprobe psac" modprobe psac
check "modprobe tun" modprobe tun
echo "# bench: $(uname -r), $(nproc) CPUs, count $COUNT, rounds $ROUNDS, sizes $SIZES, suites $SUITES, impls $IMPLS"
for size in $SIZES; do
	blast gen --fmt plain --isrc $I_SRC --idst $I_DST --size $size \
		--count $COUNT --out $T/plain.bin 2>&1 | sed 's/^/# /'
	for suite in $SUITES; do
		if [ $suite = gcm ]; then EK=$(hexkey 20) IK=""; else EK=$(hexkey 16) IK=$(hexkey 20); fi
		for fmt in mnha esp; do
			blast gen --fmt $fmt --suite $suite --spi $SPI --ekey $EK \
				${IK:+--ikey $IK} --isrc $I_SRC --idst $I_DST \
				--size $size --count $COUNT --out $T/$fmt.bin 2>&1 | sed 's/^/# /'
		done
		r=1
		while [ $r -le $ROUNDS ]; do
			ROUND=$r
			for impl in $(rotate "$IMPLS" $r); do
				case $impl in
				xfrm) run xfrm $suite $size $T/esp.bin 4500 ;;
				*) run $impl $suite $size $T/mnha.bin 7872 ;;
				esac
				[ $impl = udecap ] && echo "# $(cat $T/udecap.out)"
			done
			# the unencrypted ceiling, once per round of the first suite
			[ $suite = ${SUITES%% *} ] && run plain - $size $T/plain.bin ""
			r=$((r + 1))
		done
		rm -f $T/mnha.bin $T/esp.bin
	done
	rm -f $T/plain.bin
done
finish
