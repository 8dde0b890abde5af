#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# RFC 6618 bootstrapping end to end: a home agent namespace (ha) with the
# HAC (psac hac, TLS on 7873) and the home agent's mnha0, a mobile node
# (mn) that bootstraps over TLS (psac mn) and installs its side in its own
# mnha0, and a correspondent (cn) behind the home agent.  The MN pings the
# correspondent from its home address through the HA's mnha0; the wire
# between MN and HA carries only TLS and MN-HA UDP encapsulation.  Every
# failure path (wrong PSK, unknown mn-id, certificate from another CA or
# for another name, bad auth value, SA validity already ended, HAC
# unreachable) exits with its documented status and installs nothing; an
# SA with a short validity stops carrying traffic when it expires.
# Leaves mhauth-vm.pcap and mhauth-vm.keys (TLS key log) in $OUT.
. /selftests/lib.sh

T=/tmp/psac_mhauth
mkdir -p $T
HA=$MIP_HA	# home agent: care-of side, HAC, MN-HA outer address (lib.sh)
MN=$MIP_MN	# the MN's care-of address
CN=$MIP_CN	# correspondent
HOA=2001:db8:100::10
HOA_S=2001:db8:100::20	# the short-lived SA's home address
HOA4=10.100.0.10

sa_count() { psac -n "$1" mnha sa list 2>/dev/null | grep -c ' spi '; }
# mn_boot ARGS...: run psac mn in the mn namespace; output in $T/mn.out,
# $T/mn.err, status in $mrc
mn_boot() {
	SSLKEYLOGFILE=$OUT/mhauth-vm.keys psac -n mn mn --hac $HA --ca $T/ca.crt \
		--name hac.example.net "$@" >$T/mn.out 2>$T/mn.err
	mrc=$?
}
# expect_fail DESC STATUS REGEX ARGS...: psac mn exits STATUS, says REGEX,
# and neither side has an SA more than before
expect_fail() {
	desc=$1 want=$2 re=$3
	shift 3
	before_mn=$(sa_count mn) before_ha=$(sa_count ha)
	mn_boot "$@"
	if [ "$mrc" = "$want" ] && grep -qE "$re" $T/mn.err && ! [ -s $T/mn.out ] &&
	   [ "$(sa_count mn)" = "$before_mn" ] && [ "$(sa_count ha)" = "$before_ha" ]; then
		ok "$desc"
	else
		nok "$desc"
		echo "# status $mrc (want $want); SAs mn $before_mn -> $(sa_count mn), ha $before_ha -> $(sa_count ha)"
		sed 's/^/# /' $T/mn.out $T/mn.err
	fi
}
wait_file() { i=0; while [ ! -e "$1" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done; [ -e "$1" ]; }

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
# --- topology ----------------------------------------------------------------
check "modprobe psac" modprobe psac
check "hosts: home agent (ha, mnha0 role ha), mobile node (mn, mnha0 role mn), correspondent (cn)" \
	mobile_up

# --- certificates, PSKs, the HAC ---------------------------------------------
check "a CA and the HAC's certificate (DNS hac.example.net, IP $HA)" sh -c "
	mkcert ca $T/ca.key $T/ca.crt psac-test-ca &&
	mkcert leaf $T/ca.key $T/ca.crt $T/hac.key $T/hac.crt hac.example.net \
		DNS:hac.example.net,IP:$HA &&
	mkcert ca $T/rogue.key $T/rogue.crt rogue-ca &&
	mkcert leaf $T/rogue.key $T/rogue.crt $T/evil.key $T/evil.crt \
		hac.example.net DNS:hac.example.net,IP:$HA"
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/mn1.psk
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/bad.psk
cp $T/mn1.psk "$OUT/mn1.psk.hex"
cat >$T/hac.conf <<EOF
# psac hac configuration of the selftest
listen any port 7873
cert hac.crt
key hac.key
dev mnha0
ha-address $HA
suites aes128-gcm aes128-hmac-sha1
validity 3600
mn mn1@example.net psk-file mn1.psk hoa $HOA hoa4 $HOA4
mn short@example.net psk-file mn1.psk hoa $HOA_S validity 6 suites aes256-gcm
mn old@example.net psk-file mn1.psk hoa 2001:db8:100::30 valid-until 1000000000
EOF
rm -f $OUT/mhauth-vm.keys
(exec /usr/local/sbin/ip netns exec ha /usr/local/sbin/tcpdump -Z root -i h0 -n -U \
	-s 0 -w "$OUT/mhauth-vm.pcap" 'tcp port 7873 or udp port 7872 or icmp6' \
	>/dev/null 2>&1) &
tdpid=$!
psac -n ha hac -c $T/hac.conf --ready $T/ready >$T/hac.log 2>&1 &
hacpid=$!
check "the HAC listens on TCP 7873" wait_file $T/ready
sleep 1

# --- the bootstrap -------------------------------------------------------------
mn_boot --mn-id mn1@example.net --psk-file $T/mn1.psk
if [ "$mrc" = 0 ]; then ok "psac mn: TLS, MHAuth PSK exchange, SA installed"; else
	nok "psac mn: TLS, MHAuth PSK exchange, SA installed (status $mrc)"
	sed 's/^/# /' $T/mn.out $T/mn.err $T/hac.log
fi
diag "$(cat $T/mn.out)"
SPI=$(sed -n 's/.* spi \(0x[0-9a-f]*\) .*/\1/p' $T/mn.out)
check_match "the MN got suite aes128-gcm, its HoA, the HA as peer, port 7872" \
	"^installed mnha0 spi 0x[0-9a-f]{7} suite aes128-gcm hoa $HOA hoa4 $HOA4 peer $HA port 7872 scope 1 valid-until [0-9]+$" \
	cat $T/mn.out
check_match "the HAC logged the grant" "^provisioned mn-id mn1@example.net from $MN spi $SPI suite aes128-gcm hoa $HOA" \
	cat $T/hac.log
check_match "the HA's mnha0 holds the SA (same SPI, HoA, expiry)" \
	"mnha0 spi $SPI suite aes128-gcm .*hoa $HOA" psac -n ha mnha sa list
check_match "the MN's mnha0 holds it, peer = the HA" \
	"mnha0 spi $SPI suite aes128-gcm .*hoa $HOA.* peer \[$HA\]:7872" psac -n mn mnha sa list
ip -n mn addr add $HOA/128 dev mnha0
ip -n mn route add 2001:db8:2::/64 dev mnha0 src $HOA
check "the MN pings the correspondent from its HoA through the HA's mnha0" \
	ipn mn ping -c 3 -W 5 -I $HOA $CN
sleep 1
kill $tdpid
wait $tdpid 2>/dev/null
tcpdump -r "$OUT/mhauth-vm.pcap" -n 2>/dev/null >$T/wire
check_match "on the wire: TLS to the HAC port" "$MN\.[0-9]+ > $HA\.7873: Flags" cat $T/wire
check_match "on the wire: MN-HA UDP encapsulation MN -> HA" "$MN\.7872 > $HA\.7872: UDP" cat $T/wire
check_match "on the wire: MN-HA UDP encapsulation HA -> MN" "$HA\.7872 > $MN\.7872: UDP" cat $T/wire
check_fail "no plaintext ICMPv6 echo between HoA and correspondent on the MN's link" \
	grep -q "$HOA > $CN: ICMP6" $T/wire
check_match "the key log has the TLS secrets for the capture" '^(CLIENT_RANDOM|CLIENT_TRAFFIC_SECRET_0) ' \
	cat "$OUT/mhauth-vm.keys"
check "the capture stays small (< 200 KB)" \
	test "$(wc -c <"$OUT/mhauth-vm.pcap")" -lt 204800
check_match "the HA counted the MN's packets on the SA" \
	"spi $SPI .*rx-packets [1-9]" psac -n ha mnha sa list

# --- failure paths: status, message, nothing installed -----------------------
expect_fail "wrong PSK: HAC answers status-code 401, psac mn exits 5, nothing installed" \
	5 'status-code 401' --mn-id mn1@example.net --psk-file $T/bad.psk
check_match "the HAC logged the wrong PSK" "^refused mn-id mn1@example.net from $MN status 401" \
	cat $T/hac.log
expect_fail "unknown mn-id: status-code 404, exit 5, nothing installed" \
	5 'status-code 404' --mn-id stranger@example.net --psk-file $T/mn1.psk
expect_fail "SA validity already ended: status-code 410, exit 5, nothing installed" \
	5 'status-code 410' --mn-id old@example.net --psk-file $T/mn1.psk
before_mn=$(sa_count mn)
SSLKEYLOGFILE= psac -n mn mn --hac $HA --ca $T/rogue.crt --mn-id mn1@example.net \
	--psk-file $T/mn1.psk >$T/mn.out 2>$T/mn.err
mrc=$?
check "certificate not from the trusted CA: exit 4, nothing installed" \
	sh -c "test $mrc = 4 && grep -q 'certificate did not verify' $T/mn.err && test \$(psac -n mn mnha sa list | grep -c ' spi ') = $before_mn"
expect_fail "certificate without the expected name: exit 4, nothing installed" \
	4 'hostname mismatch|certificate did not verify' --name other.example.net \
	--mn-id mn1@example.net --psk-file $T/mn1.psk

# a second HAC presents a certificate from another CA with the right name
sed "s/^listen .*/listen any port 7874/; s/^cert .*/cert evil.crt/; s/^key .*/key evil.key/" \
	$T/hac.conf >$T/evil.conf
psac -n ha hac -c $T/evil.conf --once --timeout 60 --no-install >$T/evil.log 2>&1 &
sleep 1
expect_fail "a HAC with a certificate from another CA (same name): exit 4" \
	4 'certificate did not verify' --port 7874 --mn-id mn1@example.net --psk-file $T/mn1.psk
wait $! 2>/dev/null

# a HAC whose Done response carries a wrong auth value
sed "s/^listen .*/listen any port 7875/" $T/hac.conf >$T/bad.conf
psac -n ha hac -c $T/bad.conf --once --timeout 60 --no-install --test-bad-auth \
	>$T/bad.log 2>&1 &
sleep 1
expect_fail "a Done response with a bad auth value: exit 6, the MN installs nothing" \
	6 "HAC's auth does not verify" --port 7875 --mn-id mn1@example.net --psk-file $T/mn1.psk
wait $! 2>/dev/null

# --- expiry of the SA validity -------------------------------------------------
mn_boot --mn-id short@example.net --psk-file $T/mn1.psk
check_match "a second SA with a 6 s validity (aes256-gcm, HoA $HOA_S)" \
	"^installed mnha0 spi 0x[0-9a-f]+ suite aes256-gcm hoa $HOA_S " cat $T/mn.out
SPI_S=$(sed -n 's/.* spi \(0x[0-9a-f]*\) .*/\1/p' $T/mn.out)
ip -n mn addr add $HOA_S/128 dev mnha0
check "it carries traffic while valid" ipn mn ping -c 1 -W 5 -I $HOA_S $CN
sleep 8
check_fail "after its mip6-sa-validity-end it carries none" \
	ipn mn ping -c 1 -W 3 -I $HOA_S $CN
i=0
while psac -n ha mnha sa list | grep -q "spi $SPI_S " && [ $i -lt 30 ]; do
	sleep 1
	i=$((i + 1))
done
check_fail "the home agent removed the expired SA" \
	sh -c "psac -n ha mnha sa list | grep -q 'spi $SPI_S '"
check "the first SA still works" ipn mn ping -c 1 -W 5 -I $HOA $CN

# --- HAC unreachable -------------------------------------------------------------
kill $hacpid
wait $hacpid 2>/dev/null
expect_fail "HAC unreachable (not running): exit 3, nothing installed" \
	3 'unreachable' --mn-id mn1@example.net --psk-file $T/mn1.psk --timeout 3
diag "HAC log:"
sed 's/^/#   /' $T/hac.log
for ns in ha mn cn; do ip netns del $ns; done
finish
