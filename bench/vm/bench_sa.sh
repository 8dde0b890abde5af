#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# SA provisioning benchmark inside the test VM (bench/run.sh).  The
# messages and ip-xfrm batches come from bench/prep_sa.sh (in /sa).
# For 1, 100 and 10,000 SA pairs (AES-GCM-16/128, transport, one UDP
# selector each) in a fresh target namespace:
#   psac     SACONFIGURATION messages from the server namespace, one at a
#            time, each waiting for its reply (sartt send): latency p50/p99
#            per message and pairs per second; psac.ko installs them
#   ipbatch  the same states and policies with `ip -batch` (sartt time)
#   netlink  the same with a direct NETLINK_XFRM program (xfrmload)
# and the Slab growth (/proc/meminfo) per pair; then the Slab growth per
# MN-HA SA (mnhactl, BENCH_MNHA_SAS SAs, default 300).
#   RESULT sa IMPL - PAIRS pairs=N secs=S rate=R [p50_us= p99_us=] slab_kb=K valid=0|1
#   RESULT mem mnha - SAS sas=N slab_kb=K
. /selftests/lib.sh
[ -f /bench.conf ] && . /bench.conf
SA=/sa
T=/tmp/bench_sa
mkdir -p $T
RES=$OUT/results.txt
: >$RES
slab() { sync; awk '/^Slab:/ { print $2 }' /proc/meminfo; }
nstates() { ip -n tgt xfrm state | grep -c '^src '; }
tstat() { psac -n tgt target stats | awk -v k="$1" '$1 == k { print $2 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }'; }
result() {
	echo "RESULT $*" >>$RES
	echo "# RESULT $*"
}

# psac_run PAIRS FILE...
psac_run() {
	n=$1
	shift
	topo3_up
	psac -n tgt target psk add 7 --key-file $SA/psk >/dev/null
	# neighbours resolved before the clock starts (the reply would wait)
	ipn srv ping -c 1 -W 2 $TGT >/dev/null 2>&1
	s0=$(slab)
	ipn srv sartt send --to $TGT "$@" >$T/rtt.out 2>&1
	s1=$(slab)
	set -- $(tail -n 1 $T/rtt.out)
	secs=${6:-0}
	got=$(tstat installed)
	st=$(nstates)
	valid=0
	if [ "$got" = "$n" ] && [ "$st" = $((2 * n)) ]; then
		valid=1
		ok "psac: $n pairs installed from SACONFIGURATION ($st states)"
	else
		nok "psac: $n pairs: installed counter '$got', $st states ($(cat $T/rtt.out | tail -n 3 | tr '\n' ' '))"
	fi
	result "sa psac - $n pairs=$n secs=$secs rate=$(rate $n $secs) p50_us=${8:-0} p99_us=${10:-0} slab_kb=$((s1 - s0)) valid=$valid"
	topo3_down
}

# batch_run PAIRS FILE
batch_run() {
	n=$1
	topo3_up
	head -n $((4 * n)) $2 >$T/b
	s0=$(slab)
	sartt time ip -n tgt -batch $T/b 2>$T/t.out >/dev/null
	s1=$(slab)
	secs=$(awk '/^secs/ { print $2 }' $T/t.out)
	st=$(nstates)
	valid=0
	if [ "$st" = $((2 * n)) ]; then
		valid=1
		ok "ip -batch: $n pairs installed ($st states)"
	else
		nok "ip -batch: $n pairs: $st states ($(head -n 3 $T/t.out | tr '\n' ' '))"
	fi
	result "sa ipbatch - $n pairs=$n secs=${secs:-0} rate=$(rate $n ${secs:-0}) slab_kb=$((s1 - s0)) valid=$valid"
	topo3_down
}

# netlink_run PAIRS BATCHFILE: xfrmload over the pairs of the batch file
netlink_run() {
	n=$1
	head -n $((4 * n)) $2 | awk '
/ state add / { for (i = 1; i < NF; i++) { if ($i == "spi") spi = $(i + 1); if ($i ~ /^rfc4106/) key = $(i + 1) }
	if (++ns % 2) { si = spi; ki = key } else { so = spi; ko = key } }
/ policy add .* dir in / { for (i = 1; i < NF; i++) if ($i == "dport") print si, so, ki, ko, $(i + 1) }' >$T/pairs
	topo3_up
	s0=$(slab)
	ipn tgt xfrmload --local $TGT --peer $REQ $T/pairs >$T/x.out 2>&1
	s1=$(slab)
	secs=$(awk '/^pairs/ { print $4 }' $T/x.out)
	st=$(nstates)
	valid=0
	if [ "$st" = $((2 * n)) ]; then
		valid=1
		ok "NETLINK_XFRM: $n pairs installed ($st states)"
	else
		nok "NETLINK_XFRM: $n pairs: $st states ($(head -n 3 $T/x.out | tr '\n' ' '))"
	fi
	result "sa netlink - $n pairs=$n secs=${secs:-0} rate=$(rate $n ${secs:-0}) slab_kb=$((s1 - s0)) valid=$valid"
	topo3_down
}

check "modprobe psac" modprobe psac
check "modprobe esp6 and xfrm_user" sh -c "modprobe esp6 && modprobe xfrm_user"
check "the prepared messages are there" test -f $SA/complete
echo "# bench: $(uname -r): SA provisioning"
# Warm-up, not measured: the first SA instantiates the crypto templates
# (and may load modules), which no later SA pays.
topo3_up
psac -n tgt target psk add 7 --key-file $SA/psk >/dev/null
ipn srv sartt send --to $TGT $SA/one/m.100.bin >/dev/null 2>&1
topo3_down
psac_run 1 $SA/one/m.1.bin
batch_run 1 $SA/one.batch
netlink_run 1 $SA/one.batch
psac_run 100 $(i=1; while [ $i -le 100 ]; do echo $SA/one/m.$i.bin; i=$((i + 1)); done)
batch_run 100 $SA/one.batch
netlink_run 100 $SA/one.batch
psac_run 10000 $(i=1; while [ $i -le 1000 ]; do echo $SA/ten/m.$i.bin; i=$((i + 1)); done)
batch_run 10000 $SA/ten.batch
netlink_run 10000 $SA/ten.batch

# memory per MN-HA SA
M=${BENCH_MNHA_SAS:-300}
ip netns add mh
ipn mh mnhactl dev show >/dev/null 2>&1
ip -n mh link add mnha0 type mnha
ipn mh mnhactl dev set mnha0 role ha
K=$(head -c 20 /dev/urandom | hexdump -v -e '/1 "%02x"')
# namespaces die asynchronously: wait until the 10,000 pairs are freed
i=0
while [ $i -lt 30 ]; do
	a=$(slab); sleep 1; b=$(slab)
	[ $((a - b)) -lt 200 ] && [ $((b - a)) -lt 200 ] && break
	i=$((i + 1))
done
s0=$(slab)
i=1
while [ $i -le $M ]; do
	ipn mh mnhactl sa add mnha0 spi $((0x1000 + i)) suite aes128-gcm ekey-mn2ha $K \
		ekey-ha2mn $K hoa4 10.$((i / 250)).$((i % 250)).1 scope 1 || break
	i=$((i + 1))
done
s1=$(slab)
check "mnha: $M SAs installed" test "$(ipn mh mnhactl dev get mnha0 sa-count)" = $M
result "mem mnha - $M sas=$M slab_kb=$((s1 - s0)) valid=$valid"
ip netns del mh
finish
