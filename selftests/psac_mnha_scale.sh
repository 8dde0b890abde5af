#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# An mnha device with many SAs (PSAC_SCALE_SAS, default 20,000): the SPI and
# home address tables grow and shrink (rhashtable) while lookups stay right.
# Receive finds the SA by SPI and transmit by home address at the first, a
# middle and the last SA; duplicate SPI and home address are still refused;
# a rekey of a deep SA goes pending -> active; removing half the SAs keeps
# the rest reachable; the dump lists every SA once; deleting the device
# gives the memory back.
. /selftests/lib.sh

T=/tmp/psac_mnha_scale
mkdir -p $T
N=${PSAC_SCALE_SAS:-20000}
FIRST=$((0x10000))
LAST=$((FIRST + N - 1))
MID=$((FIRST + N / 2 + 7))
HALF=$((N / 2))
K=000102030405060708090a0b0c0d0e0f10111213
K2=202122232425262728292a2b2c2d2e2f30313233
HA_O=192.0.2.1 MN_O=192.0.2.2 HA_IN=10.99.0.1

mha() { ipn ha mnhactl "$@"; }
hex() { printf 0x%x "$1"; }
# The IPv4 home address mnhabulk gives SPI $1: 100.64.0.0/10 + low 22 bits.
hoa4() { n=$(($1 & 0x3fffff)); echo "100.$((64 + (n >> 16))).$(((n >> 8) & 255)).$((n & 255))"; }
sa_field() { mha sa get mnha0 spi "$(hex $1)" "$2"; }
dev_field() { mha dev get mnha0 "$1"; }
sa_is() { want=$3; field_is sa_field "$1" "$2"; }
dev_is() { want=$2; field_is dev_field "$1"; }
# send SPI SEQ [KEY [HOME_SPI]]: one echo request from the home address of
# SA HOME_SPI (default: SPI's own), from the MN
send() {
	ipn mn mnhagen --to $HA_O --suite aes128-gcm --spi "$(hex $1)" \
		--seq "$2" --ekey "${3:-$K}" --src "$(hoa4 ${4:-$1})" --dst $HA_IN
}
# reach SPI SEQ [KEY [HOME_SPI]]: the packet is accepted (rx by SPI) and the
# echo reply leaves on the same SA (tx by home address)
reach() {
	rx=$(sa_field $1 rx-packets) tx=$(sa_field $1 tx-packets)
	send "$1" "$2" "$3" "$4" || return 1
	i=0
	while [ $i -lt 30 ]; do
		[ "$(sa_field $1 rx-packets)" = $((rx + 1)) ] &&
			[ "$(sa_field $1 tx-packets)" = $((tx + 1)) ] && return 0
		sleep 0.2
		i=$((i + 1))
	done
	echo "rx-packets $(sa_field $1 rx-packets) (was $rx), tx-packets $(sa_field $1 tx-packets) (was $tx)"
	mha dev show mnha0
	return 1
}
slab_kb() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }

check "modprobe psac" modprobe psac
check "namespaces ha and mn joined by a veth" ns_pair_up ha h0 mn m0
ip -n ha addr add $HA_O/24 dev h0
ip -n mn addr add $MN_O/24 dev m0
slab0=$(slab_kb)
check "mnha0 in ha, role ha" ip -n ha link add mnha0 type mnha
check "without SAs the role can change (mn)" mha dev set mnha0 role mn
check "mnha0 role ha" mha dev set mnha0 role ha
# IPv4 only: no router solicitation from the link-local address (which has
# no SA and would count as tx-drop-no-sa)
ipn ha sh -c 'echo 1 >/proc/sys/net/ipv6/conf/mnha0/disable_ipv6'
ip -n ha link set mnha0 up
ip -n ha addr add $HA_IN/32 dev mnha0
ip -n ha route add 100.64.0.0/10 dev mnha0

out=$(ipn ha mnhabulk mnha0 $N $FIRST $K 2>&1)
check "$N SAs installed in one go ($out)" test "${out%% *}" = installed
check "sa-count is $N" dev_is sa-count $N
diag "slab after $N SAs: $(($(slab_kb) - slab0)) kB more"

check "the first SA ($(hex $FIRST)): received by SPI, answered by home address" \
	reach $FIRST 1
check "a middle SA ($(hex $MID)): received by SPI, answered by home address" \
	reach $MID 1
check "the last SA ($(hex $LAST)): received by SPI, answered by home address" \
	reach $LAST 1
nosa=$(dev_field drop-no-sa)
check "an SPI next to the last one is unknown" send $((LAST + 1)) 1
sleep 0.5
check "... and counted as drop-no-sa" dev_is drop-no-sa $((nosa + 1))
check "no transmit without an SA so far" dev_is tx-drop-no-sa 0

check_match "a duplicate SPI is refused" 'an SA with this SPI exists' \
	mha sa add mnha0 spi "$(hex $MID)" suite aes128-gcm ekey-mn2ha $K \
	ekey-ha2mn $K hoa4 10.98.0.1
check_match "another SA for a taken home address is refused" \
	'an SA for this home address exists' \
	mha sa add mnha0 spi 0x3f0000 suite aes128-gcm ekey-mn2ha $K \
	ekey-ha2mn $K hoa4 "$(hoa4 $MID)"
check "sa-count unchanged by the refused adds" dev_is sa-count $N
check_match "with SAs the role cannot change" \
	'remove the SAs before changing the role' mha dev set mnha0 role mn
check "... and it did not" dev_is role ha

NEW=$((0x3f0000))
check "rekey of the middle SA: $(hex $NEW) replaces $(hex $MID)" \
	mha sa add mnha0 spi "$(hex $NEW)" suite aes128-gcm ekey-mn2ha $K2 \
	ekey-ha2mn $K2 hoa4 "$(hoa4 $MID)" scope 1 replace
check "the new SA is pending" sa_is $NEW state pending
check "the old SA still carries traffic" reach $MID 2
check "the first packet on the new SA is accepted and answered on it" \
	reach $NEW 1 $K2 $MID
check "the new SA is active" sa_is $NEW state active
check "the old SA drains" sa_is $MID state draining

out=$(ipn ha mnhabulk --del mnha0 $HALF $FIRST 2>&1)
check "half of the SAs removed ($out)" test "${out%% *}" = removed
check "sa-count is $((N - HALF + 1))" dev_is sa-count $((N - HALF + 1))
check "the last SA still received by SPI and answered by home address" \
	reach $LAST 2
check "the rekeyed SA too" reach $NEW 2 $K2 $MID
nosa=$(dev_field drop-no-sa)
check "a removed SA's packet" send $FIRST 2
sleep 0.5
check "... is an unknown SPI now" dev_is drop-no-sa $((nosa + 1))
check "no authentication failure in all of this" dev_is drop-auth 0
check "no transmit without an SA in all of this" dev_is tx-drop-no-sa 0

# The old SA leaves when its drain ends (PSAC_MNHA_DRAIN_SECONDS after the
# rekey: under a loaded TCG that can be before or during the dump), so the
# dump is counted against sa-count read before and after it, again if the
# two differ.
i=0
while :; do
	before=$(dev_field sa-count)
	mha sa show mnha0 >$T/dump.out 2>&1
	after=$(dev_field sa-count)
	if [ "$before" = "$after" ] || [ $i -ge 3 ]; then
		break
	fi
	i=$((i + 1))
done
check "sa-count is $((N - HALF + 1)), or $((N - HALF)) once the old SA drained ($after)" \
	test "$after" = $((N - HALF + 1)) -o "$after" = $((N - HALF))
check "the dump lists every SA once ($after)" \
	test "$(grep -c 'spi 0x' $T/dump.out)" = "$after"
check "... with no duplicate SPI" \
	test "$(grep -o 'spi 0x[0-9a-f]*' $T/dump.out | sort -u | wc -l)" = "$after"

check "delete mnha0 with $((N - HALF + 1)) SAs" ip -n ha link del mnha0
# SAs are freed from a work item after an RCU grace period
i=0
while [ $i -lt 40 ]; do
	grown=$(($(slab_kb) - slab0))
	[ $grown -lt 4096 ] && break
	sleep 0.5
	i=$((i + 1))
done
diag "slab after deleting the device: $grown kB over the start"
check "the SAs' memory is given back (slab within 4 MiB of the start)" \
	test $grown -lt 4096
ip netns del ha
ip netns del mn
check "rmmod psac" rmmod psac
finish
