# SPDX-License-Identifier: GPL-2.0
# Helpers of the VM benchmark scripts (bench/vm/*.sh), sourced after
# /selftests/lib.sh; bench/run.sh copies this file to /bench_lib.sh.

# rotate LIST N: LIST starting at its Nth element (so each implementation
# runs first in some round; the host load drifts)
rotate() {
	n=$2
	set -- $1
	i=0
	while [ $i -lt $((n % $#)) ]; do
		x=$1; shift; set -- "$@" $x
		i=$((i + 1))
	done
	echo "$@"
}

# bench_result KIND WHAT SENDER_OUT VERB [EXTRA]: the end-to-end rate of a
# run from $T/sink.out and the sender's output line (blast rate), appended
# to $RES as "RESULT KIND WHAT pkts= sent= [EXTRA] secs= pps= sink_pps=
# round=$ROUND", and one TAP line: something was VERB (e.g. "delivered").
bench_result() {
	kind=$1 what=$2 send=$3 verb=$4 extra=$5
	set -- $(blast rate $T/sink.out "$send")
	pkts=${2:-0} secs=${4:-0} pps=${6:-0} spps=${10:-0}
	sent=$(awk '{ print $2 }' "$send")
	line="RESULT $kind $what pkts=$pkts sent=${sent:-0} ${extra:+$extra }secs=$secs pps=$pps sink_pps=$spps round=$ROUND"
	echo "$line" >>$RES
	echo "# $line"
	if [ "$pkts" -gt 0 ] 2>/dev/null; then
		ok "$kind $what: $pkts of ${sent:-?} $verb, $pps pps"
	else
		nok "$kind $what: nothing $verb ($(cat $T/sink.out "$send" | tr '\n' ' '))"
	fi
}
