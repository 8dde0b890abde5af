#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scaling benchmark inside the test VM (bench/run.sh, BENCH_TESTS): mnha
# receive rate while 1, 1,000 and 100,000 MN-HA SAs are installed on the
# receiving device.  Same injector, veth pair and sink as bench_rx.sh.  The
# measured SA (SPI 0x101, AES-128-GCM, 64-octet inner packets) is installed
# first, then the others are added with mnhabulk (batched generic netlink,
# one home address each).  The SPI and home address tables are rhashtables
# that grow with the SA count (kmod/mnha/sa.c), so a lookup, and adding an
# SA, should cost the same at any level.  The sink's first-to-last timing has outliers (a burst read), so
# take the median of the rounds.  Each measurement sends fresh sequence numbers (blast gen --seq0)
# so that the SA's replay window accepts them.  Results:
#   RESULT scale mnha gcm SIZE sas=N pkts=N sent=N secs=S pps=R inj_pps=R round=N
# (inj_pps: the injector's own rate; the receiver decrypts in its softirq)
#   RESULT scaleload mnha gcm - sas=N added=N secs=S rate=R
# Settings (/bench.conf): BENCH_SCALE_SAS ("1 1000 100000", ascending),
# BENCH_SCALE_SIZE (64), BENCH_COUNT, BENCH_SCALE_ROUNDS (BENCH_ROUNDS or 3).
. /selftests/lib.sh
[ -f /bench.conf ] && . /bench.conf
COUNT=${BENCH_COUNT:-6000}
ROUNDS=${BENCH_SCALE_ROUNDS:-${BENCH_ROUNDS:-3}}
LEVELS=${BENCH_SCALE_SAS:-1 1000 100000}
SIZE=${BENCH_SCALE_SIZE:-64}
T=/tmp/bench_scale
mkdir -p $T
RES=$OUT/results.txt
: >$RES

RMAC=02:00:00:00:00:01
O_INJ=192.0.2.2 O_RCV=192.0.2.1 I_SRC=10.100.0.10 I_DST=10.100.0.1
SPI=0x101
EK=$(head -c 20 /dev/urandom | hexdump -v -e '/1 "%02x"')

check "modprobe psac" modprobe psac
check "namespaces inj and rcv joined by a veth" ns_pair_up inj i0 rcv r0
ip -n rcv link set r0 address $RMAC
ip -n rcv addr add $O_RCV/24 dev r0
ip -n rcv link add mnha0 type mnha
check "mnha0 role ha" ipn rcv mnhactl dev set mnha0 role ha
ip -n rcv link set mnha0 up
ip -n rcv addr add $I_DST/32 dev mnha0
check "the measured SA" ipn rcv mnhactl sa add mnha0 spi $SPI suite aes128-gcm \
	ekey-mn2ha $EK ekey-ha2mn $EK hoa4 $I_SRC scope 1
echo "# bench: $(uname -r), scale levels $LEVELS, size $SIZE, count $COUNT, rounds $ROUNDS"

have=1 seq=1
for n in $LEVELS; do
	if [ $n -gt $have ]; then
		out=$(ipn rcv mnhabulk mnha0 $((n - have)) $((0x10000 + have)) $EK 2>&1)
		echo "# $out"
		set -- $out
		[ "$1" = installed ] &&
			echo "RESULT scaleload mnha gcm - sas=$n added=$2 secs=$4 rate=$6" >>$RES
	fi
	got=$(ipn rcv mnhactl dev get mnha0 sa-count)
	if [ "$got" != $n ]; then
		nok "scale: $n SAs installed (sa-count $got)"
		break
	fi
	ok "scale: $n SAs installed"
	have=$n
	r=1
	while [ $r -le $ROUNDS ]; do
		blast gen --fmt mnha --suite gcm --spi $SPI --ekey $EK --isrc $I_SRC \
			--idst $I_DST --size $SIZE --count $COUNT --seq0 $seq \
			--out $T/mnha.bin 2>&1 | sed 's/^/# /'
		seq=$((seq + COUNT))
		rm -f $T/sready
		ipn rcv blast sink --port 9000 --cpu 1 --idle-ms 2000 --max-s 40 \
			--ready $T/sready >$T/sink.out 2>&1 &
		sp=$!
		while [ ! -f $T/sready ]; do sleep 0.1; done
		ipn inj blast send --ifname i0 --dmac $RMAC --src $O_INJ --dst $O_RCV \
			--oport 7872 --in $T/mnha.bin --cpu 0 >$T/send.out 2>&1
		wait $sp
		set -- $(blast rate $T/sink.out $T/send.out)
		pkts=${2:-0} secs=${4:-0} pps=${6:-0} spps=${10:-0}
		sent=$(awk '{ print $2 }' $T/send.out)
		ipps=$(awk '{ print $6 }' $T/send.out)
		line="RESULT scale mnha gcm $SIZE sas=$n pkts=$pkts sent=${sent:-0} secs=$secs pps=$pps sink_pps=$spps inj_pps=${ipps:-0} round=$r"
		echo "$line" >>$RES
		echo "# $line"
		check "scale $n SAs round $r: $pkts of ${sent:-?} delivered" \
			test "$pkts" -gt $((COUNT * 9 / 10))
		r=$((r + 1))
	done
done
ip netns del inj
ip netns del rcv
finish
