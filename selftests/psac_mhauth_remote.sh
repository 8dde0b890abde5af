#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# RFC 6618 bootstrapping with the HAC on another host than the home agent
# (docs/wire-format.md, "MN-HA SAs over PSAC"): the HAC runs in its own
# namespace (hac) and pushes the home agent's side of each SA to the psac
# target role of the home agent's namespace (ha) in an authenticated
# SACONFIGURATION (OPTION_SA protocol 17, mode 3); the kernel installs it
# into the HA's mnha0 and answers with an authenticated reply.  The MN then
# pings the correspondent through the HA's mnha0.  Negatives: a HAC with
# the wrong PSK (the HA refuses, nothing installed, the MN gets 500), a
# home agent without an mnha device on the port (status NoSuchTarget,
# nothing installed), an SA whose lifetime ends is removed from the HA,
# 'psac target sa del' removes it; rmmod and the exit of the HA namespace
# with a pushed SA tracked; 'psac saconf build --mode mnha-udp' + send.
# Leaves mhauth-remote-vm.pcap (the SACONFIGURATION exchanges) in $OUT.
. /selftests/lib.sh

T=/tmp/psac_mhauth_remote
mkdir -p $T
HA=$MIP_HA	# home agent: MN-HA outer address (lib.sh)
MN=$MIP_MN
CN=$MIP_CN
HA_K=2001:db8:3::1	# the home agent on the HAC's link
HAC=2001:db8:3::2	# the HAC
HOA=2001:db8:100::10
HOA_S=2001:db8:100::20	# short-lived SA
HOA_P=2001:db8:100::40	# for a home agent without device on the port

sa_count() { psac -n "$1" mnha sa list 2>/dev/null | grep -c ' spi '; }
tsa_count() { psac -n ha target sa list 2>/dev/null | grep -c 'spi-in'; }
mn_boot() {
	psac -n mn mn --hac $HAC --ca $T/ca.crt --name hac.example.net "$@" \
		>$T/mn.out 2>$T/mn.err
	mrc=$?
}
wait_file() { i=0; while [ ! -e "$1" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done; [ -e "$1" ]; }
# start_hac CONF NAME: the HAC in the hac namespace, log $T/NAME.log
start_hac() {
	rm -f $T/ready
	psac -n hac hac -c "$1" --ready $T/ready >$T/$2.log 2>&1 &
	hacpid=$!
	wait_file $T/ready
}
# hac_up CONF NAME DESC: start_hac as a test
hac_up() { if start_hac "$1" "$2"; then ok "$3"; else nok "$3"; fi; }
stop_hac() { kill $hacpid; wait $hacpid 2>/dev/null; }

diag "uptime $(cut -d' ' -f1 /proc/uptime)"
check "modprobe psac" modprobe psac
check "hosts: home agent (ha, mnha0 role ha), mobile node (mn), correspondent (cn)" \
	mobile_up
hac_host_up() {
	ip netns add hac && ip -n hac link set lo up &&
	ip link add h2 netns ha type veth peer name k0 netns hac &&
	ip -n ha addr add $HA_K/64 dev h2 nodad &&
	ip -n hac addr add $HAC/64 dev k0 nodad &&
	ip -n ha link set h2 up && ip -n hac link set k0 up &&
	ip -n hac route add default via $HA_K &&
	ip -n mn route add 2001:db8:3::/64 via $HA
}
check "a HAC host (hac) linked to the home agent, reachable from the MN via it" \
	hac_host_up
check "the MN reaches the HAC host" ipn mn ping -c 1 -W 5 $HAC

check "a CA and the HAC's certificate" sh -c "
	mkcert ca $T/ca.key $T/ca.crt psac-test-ca &&
	mkcert leaf $T/ca.key $T/ca.crt $T/hac.key $T/hac.crt hac.example.net \
		DNS:hac.example.net,IP:$HAC"
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/mn1.psk
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/ha.psk
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/bad.psk
check "the home agent's target role knows the HAC's PSK (key-id 9)" \
	psac -n ha target psk add 9 --key-file $T/ha.psk

conf() {	# conf FILE PSKFILE PORT
	cat >$1 <<EOF
listen any port 7873
cert hac.crt
key hac.key
ha-address $HA
ha-port $3
ha-remote $HA_K psk-file $2 key-id 9
suites aes128-gcm aes128-hmac-sha1
validity 3600
mn mn1@example.net psk-file mn1.psk hoa $HOA
mn short@example.net psk-file mn1.psk hoa $HOA_S validity 8 suites aes256-gcm
mn port@example.net psk-file mn1.psk hoa $HOA_P
EOF
}
conf $T/hac.conf ha.psk 7872
cp $T/bad.psk $T/wrong.psk
conf $T/bad.conf wrong.psk 7872
conf $T/port.conf ha.psk 7999

check_match "psac hac --check shows ha-remote" "^ha-remote \[$HA_K\]:546 key-id 9 psk 32 octets" \
	psac -n hac hac -c $T/hac.conf --check
printf 'cert hac.crt\nkey hac.key\nha-address %s\nha-remote %s psk-file ha.psk key-id 9\nmn x psk-file mn1.psk hoa4 10.1.1.1\n' \
	$HA $HA_K >$T/v4.conf
check_match "with ha-remote an IPv4-only MN is a configuration error" \
	"with ha-remote an MN has exactly one IPv6 hoa" psac -n hac hac -c $T/v4.conf --check

(exec /usr/local/sbin/ip netns exec ha /usr/local/sbin/tcpdump -Z root -i h2 -n -U \
	-s 0 -w "$OUT/mhauth-remote-vm.pcap" 'udp port 546' \
	>/dev/null 2>&1) &
tdpid=$!

# --- wrong PSK at the HAC: the home agent refuses, nothing installed ----------
hac_up $T/bad.conf bad "a HAC with the wrong PSK for the home agent listens"
sleep 1
af=$(psac -n ha target stats | awk '$1 == "auth_fail" || $1 == "auth-fail" { print $2 }')
mn_boot --mn-id mn1@example.net --psk-file $T/mn1.psk
check "wrong PSK: psac mn gets status-code 500 and exits 5" \
	sh -c "test $mrc = 5 && grep -q 'status-code 500' $T/mn.err"
check "wrong PSK: nothing installed on the home agent or the MN" \
	sh -c "test $(sa_count ha) = 0 && test $(sa_count mn) = 0 && test $(tsa_count) = 0"
check_match "wrong PSK: the HAC logged that no authenticated reply came" \
	"^refused mn-id mn1@example.net .*status 500.*(no authenticated SACONFIGURATION-REPLY|status 65004)" \
	cat $T/bad.log
check "wrong PSK: the home agent counted an authentication failure" \
	sh -c "psac -n ha target stats | awk '(\$1 == \"auth_fail\" || \$1 == \"auth-fail\") && \$2 > ${af:-0} { f = 1 } END { exit !f }'"
stop_hac

# --- no mnha device on the HA port: status NoSuchTarget ------------------------
hac_up $T/port.conf port "a HAC pushing SAs for MN-HA port 7999 listens"
sleep 1
mn_boot --mn-id port@example.net --psk-file $T/mn1.psk
check "no HA device on port 7999: psac mn gets 500, exits 5" \
	sh -c "test $mrc = 5 && grep -q 'status-code 500' $T/mn.err"
check_match "the HAC logged the home agent's status 65001 and its reason" \
	"^refused mn-id port@example.net .*status 65001 \(no home agent mnha device on the SA's port\)" \
	cat $T/port.log
check "no HA device on the port: nothing installed" \
	sh -c "test $(sa_count ha) = 0 && test $(sa_count mn) = 0 && test $(tsa_count) = 0"
stop_hac

# --- the bootstrap through the remote home agent ---------------------------------
hac_up $T/hac.conf hac "the HAC (other namespace than the home agent) listens"
sleep 1
mn_boot --mn-id mn1@example.net --psk-file $T/mn1.psk
if [ "$mrc" = 0 ]; then ok "psac mn: bootstrap with the HAC in another namespace, SA installed"; else
	nok "psac mn: bootstrap with the HAC in another namespace, SA installed (status $mrc)"
	sed 's/^/# /' $T/mn.out $T/mn.err $T/hac.log
fi
SPI=$(sed -n 's/.* spi \(0x[0-9a-f]*\) .*/\1/p' $T/mn.out)
check_match "the MN got suite aes128-gcm, peer = the HA, port 7872" \
	"^installed mnha0 spi 0x[0-9a-f]{7} suite aes128-gcm hoa $HOA peer $HA port 7872 scope 1 valid-until [0-9]+$" \
	cat $T/mn.out
check_match "the HA's mnha0 holds the SA the HAC pushed (same SPI, HoA)" \
	"mnha0 spi $SPI suite aes128-gcm .*hoa $HOA" psac -n ha mnha sa list
check_match "the HA's target role tracks it (peer = HoA, mode 3 SA)" \
	"peer $HOA local $HA_K spi-in $(printf '0x%08x' $SPI)" psac -n ha target sa list
check "the HAC holds no MN-HA SA itself" sh -c "test $(sa_count hac) = 0"
ip -n mn addr add $HOA/128 dev mnha0
ip -n mn route add 2001:db8:2::/64 dev mnha0 src $HOA
check "the MN pings the correspondent from its HoA through the HA's mnha0" \
	ipn mn ping -c 3 -W 5 -I $HOA $CN
check_match "the HA counted the MN's packets on the pushed SA" \
	"spi $SPI .*rx-packets [1-9]" psac -n ha mnha sa list

# --- target SA delete removes the MN-HA SA ----------------------------------------
mn_boot --mn-id short@example.net --psk-file $T/mn1.psk
SPI_S=$(sed -n 's/.* spi \(0x[0-9a-f]*\) .*/\1/p' $T/mn.out)
check_match "a second SA with an 8 s lifetime (aes256-gcm)" \
	"^installed mnha0 spi 0x[0-9a-f]+ suite aes256-gcm hoa $HOA_S " cat $T/mn.out
check_match "the HA's target role tracks it with its lifetime" \
	"peer $HOA_S .*spi-in $(printf '0x%08x' ${SPI_S:-0})" psac -n ha target sa list
ip -n mn addr add $HOA_S/128 dev mnha0
check "it carries traffic while valid" ipn mn ping -c 1 -W 5 -I $HOA_S $CN
i=0
while psac -n ha mnha sa list | grep -q "spi $SPI_S " && [ $i -lt 40 ]; do
	sleep 1
	i=$((i + 1))
done
check_fail "after its lifetime the home agent removed the MN-HA SA" \
	sh -c "psac -n ha mnha sa list | grep -q 'spi $SPI_S '"
i=0
while psac -n ha target sa list | grep -q "peer $HOA_S " && [ $i -lt 20 ]; do
	sleep 1
	i=$((i + 1))
done
check_fail "... and the target role's record of it" \
	sh -c "psac -n ha target sa list | grep -q 'peer $HOA_S '"
check "the first SA still works" ipn mn ping -c 1 -W 5 -I $HOA $CN

# --- psac target sa del removes the MN-HA SA; rmmod with one tracked --------------
check "psac target sa del SPI removes the pushed SA's record" \
	psac -n ha target sa del $(printf '0x%08x' $SPI)
check_fail "... and the SA from the HA's mnha0" \
	sh -c "psac -n ha mnha sa list | grep -q 'spi $SPI '"
check_fail "... so the MN's traffic no longer passes" \
	ipn mn ping -c 1 -W 3 -I $HOA $CN
mn_boot --mn-id mn1@example.net --psk-file $T/mn1.psk
check "a new bootstrap pushes a new SA" \
	sh -c "test $mrc = 0 && test $(sa_count ha) = 1 && test $(tsa_count) = 1"
check "the MN's traffic passes again" ipn mn ping -c 2 -W 5 -I $HOA $CN
stop_hac
sleep 1
kill $tdpid
wait $tdpid 2>/dev/null
tcpdump -r "$OUT/mhauth-remote-vm.pcap" -n 2>/dev/null >$T/wire
cp $T/ha.psk "$OUT/mhauth-remote-vm.psk"	# for the dissector tests
check_match "on the wire: SACONFIGURATION (240) from the HAC to the home agent's port 546" \
	"$HAC\.[0-9]+ > $HA_K\.546: dhcp6 msgtype-240" cat $T/wire
check_match "on the wire: the SACONFIGURATION-REPLY (241) from port 546" \
	"$HA_K\.546 > $HAC\.[0-9]+: dhcp6 msgtype-241" cat $T/wire
check "the capture stays small (< 100 KB)" \
	test "$(wc -c <"$OUT/mhauth-remote-vm.pcap")" -lt 102400
diag "HAC log:"
sed 's/^/#   /' $T/hac.log
check "rmmod psac while the target role tracks a pushed MN-HA SA" rmmod psac
check "modprobe psac again" modprobe psac

# --- psac saconf build/send of a mode 3 SA; netns exit with one tracked -----------
ha_again() {
	ip -n ha link add mnha0 type mnha && psac -n ha mnha dev set mnha0 role ha &&
	ip -n ha link set mnha0 up && psac -n ha target psk add 9 --key-file $T/ha.psk
}
check "the home agent's mnha0 and PSK again" ha_again
check "psac saconf build --mode mnha-udp (HoA, one SPI, AES-GCM-16/128, port 7872)" \
	psac saconf build --psk-file $T/ha.psk --key-id 9 --peer $HOA \
	--mode mnha-udp --spi-in 0x1234567 --encr aes-gcm-16 --lifetime 600 \
	-o $T/m3.bin
psac saconf show $T/m3.bin --psk-file $T/ha.psk >$T/m3.txt 2>&1
check_match "psac saconf show: protocol 17, mode 3, the suite's IKEv2 IDs" \
	"proto 17 mode mnha-udp encr aes-gcm-16 \(20\) bits 128 integ none \(0\)" cat $T/m3.txt
check "psac saconf show: SPI-I2R = SPI-R2I, Src-Port 7872, 40 octets of KEYMAT" sh -c "grep -q 'spi-i2r 0x01234567 spi-r2i 0x01234567' $T/m3.txt &&
	grep -q 'sport/type 7872 dport/code 0 lifetime 600' $T/m3.txt &&
	grep -q 'unwraps to 40 octets of KEYMAT' $T/m3.txt"
check_match "psac saconf send from the HAC host: the home agent installs it" \
	'[Ss]uccess' psac -n hac saconf send $T/m3.bin --to $HA_K --wait-reply 10 \
	--psk-file $T/ha.psk
check_match "the HA's mnha0 holds SPI 0x1234567 for the HoA" \
	"mnha0 spi 0x1234567 suite aes128-gcm .*hoa $HOA" psac -n ha mnha sa list
check "the home agent's namespace goes away with the SA tracked" ip netns del ha
for ns in mn cn hac; do ip netns del $ns; done
check "rmmod psac after the namespace exit" rmmod psac
check "modprobe psac" modprobe psac
finish
