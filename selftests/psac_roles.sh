#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PSAC server and requestor roles end to end: `psac server` in srv
# provisions SA pairs between the requestor req (`psac request`, which
# installs its side over NETLINK_XFRM) and the target tgt (psac.ko).  The
# pair appears on both sides, UDP/53 between them is ESP on the wire in
# both directions, a second proposal (AES-CBC + HMAC-SHA2-256, ICMPv6)
# works too, a new request for the same selectors replaces the pair on
# both sides, a release removes it on both sides.  Failure paths reach the
# requestor with the right status and install nothing: unknown target
# (NoSuchTarget), a proposal the policy refuses (AlgNotSupported), one the
# target refuses, wrong PSK and unknown key-id (AuthFailed), target
# disabled and module unloaded (UnspecFail after the retransmissions), and
# an expired lifetime removes the pair everywhere.
. /selftests/lib.sh

T=/tmp/psac_roles
mkdir -p $T
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/psk
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/psk.wrong

nstates() { ip -n "$1" xfrm state | grep -c '^src '; }
npolicies() { ip -n "$1" xfrm policy | grep -c '^src '; }
stat() { psac -n tgt target stats | awk -v k="$1" '$1 == k { print $2 }'; }
# value of a variable in a `psac request --keymat-out` file
kv() { (. "$1"; eval echo "\$PSAC_SA0_$2"); }

# serve CONF [ARGS]: psac server in srv, in the background, answering one
# request (or --count N) within 60 s; the log goes to $T/srv.log
serve() {
	conf=$1
	shift
	rm -f $T/sready
	psac -n srv server -c "$conf" --once --timeout 60 --ready $T/sready \
		"$@" >$T/srv.log 2>&1 &
	spid=$!
	i=0
	while [ ! -e $T/sready ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	test -e $T/sready
}
served() {
	wait $spid
	_rc=$?
	sed 's/^/# server: /' $T/srv.log
	return $_rc
}
# request ARGS: psac request in req against the server, output in $T/req.out
request() {
	psac -n req request --server $SRV --timeout 30 "$@" >$T/req.out 2>&1
	_rc=$?
	sed 's/^/# request: /' $T/req.out
	return $_rc
}

cat >$T/srv.conf <<EOF
# psac server for selftests/psac_roles.sh
listen $SRV
target $TGT key-id 7 psk-file psk realm roles
allow encr aes-gcm-16/128 aes-gcm-16/256 aes-cbc/128 3des
allow integ hmac-sha2-256-128 hmac-sha1-96
lifetime default 600 max 3600
retransmit-interval 1
EOF
sed 's/psk-file psk /psk-file psk.wrong /' $T/srv.conf >$T/srv-wrong.conf
sed 's/key-id 7/key-id 9/' $T/srv.conf >$T/srv-key9.conf

check "modprobe psac" modprobe psac
check "three namespaces: server, target, requestor" topo3_up
# the requestor reaches the server through the target
ip netns exec tgt sh -c 'echo 1 >/proc/sys/net/ipv6/conf/all/forwarding'
# (right after the links come up, DAD and neighbour discovery on two links
# can take a few seconds: try for up to 15 s)
reach() {
	for _i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
		ip netns exec "$1" ping -c 1 -w 1 "$2" >/dev/null 2>&1 && return 0
	done
	ip netns exec "$1" ping -c 1 -w 1 "$2"
}
check "the requestor reaches the server through the target" reach req $SRV
check "PSK key-id 7 (realm roles) on the target" \
	psac -n tgt target psk add 7 --key-file $T/psk --realm roles
check "psac server --check reads the configuration" \
	psac server -c $T/srv.conf --check

# --- 1. a UDP/53 pair, AES-GCM-16/128 ----------------------------------------
# the whole provisioning exchange and the ESP that follows, for the dissector
# tests: SACONFIGURATION(-REPLY) on t0, Information-Request/Reply and ESP on t1
cp $T/psk $OUT/psk.hex
(exec /usr/local/sbin/ip netns exec tgt /usr/local/sbin/tcpdump -Z root -i t0 \
	-n -U -w $OUT/roles-full-t0.pcap "udp port 546 and host $TGT" 2>/dev/null) &
fullp0=$!
(exec /usr/local/sbin/ip netns exec tgt /usr/local/sbin/tcpdump -Z root -i t1 \
	-n -U -w $OUT/roles-full-t1.pcap 'esp or udp port 546 or udp port 547' 2>/dev/null) &
fullp1=$!
sleep 1
# one server for sections 1 to 4 (5 requests): it remembers what it granted
check "server started (5 requests)" serve $T/srv.conf --count 5
check "request: UDP/53, lifetime 600, granted and installed" \
	request --target $TGT --ulp udp --dport 53 --lifetime 600 \
	--key $T/req.key --keymat-out $T/k1
i2r=$(kv $T/k1 SPI_I2R)
r2i=$(kv $T/k1 SPI_R2I)
diag "granted spi-i2r $i2r spi-r2i $r2i"
check_match "request printed the installed outbound state" \
	"installed state src $REQ dst $TGT proto esp spi $i2r" cat $T/req.out
check_match "server log: SACONFIGURATION-REPLY verified: Success" \
	'SACONFIGURATION-REPLY from .* verified .*: Success' cat $T/srv.log
check_match "requestor: outbound state SPI-I2R to the target" \
	"src $REQ dst $TGT.*proto esp spi $i2r reqid [0-9]+ mode transport" \
	sh -c "/usr/local/sbin/ip -n req xfrm state | tr '\n' ' ' | sed 's/src /\nsrc /g'"
check_match "requestor: inbound state SPI-R2I from the target" \
	"src $TGT dst $REQ.*proto esp spi $r2i" \
	sh -c "/usr/local/sbin/ip -n req xfrm state | tr '\n' ' ' | sed 's/src /\nsrc /g'"
check_match "requestor: AEAD rfc4106(gcm(aes)) with a 160-bit key" \
	'aead rfc4106\(gcm\(aes\)\) 0x[0-9a-f]{40} 128' ip -n req xfrm state
check_match "requestor: outbound policy udp dport 53" \
	"src $REQ/128 dst $TGT/128 proto udp dport 53" ip -n req xfrm policy
check_match "requestor: inbound policy udp sport 53" \
	"src $TGT/128 dst $REQ/128 proto udp sport 53" ip -n req xfrm policy
check_match "requestor: lifetime 600 as the hard limit (soft at 90%)" \
	'expire add: soft 540\(sec\), hard 600\(sec\)' ip -n req -s xfrm state
check_match "target: the same pair, peer = the requestor" \
	"peer $REQ local $TGT spi-in $i2r spi-out $r2i .* lifetime 600" \
	psac -n tgt target sa list
check "two states and two policies on each side" \
	test "$(nstates req)$(npolicies req)$(nstates tgt)$(npolicies tgt)" = 2222

ip netns exec tgt tcpdump -Z root -i t1 -n -U -w $OUT/roles-udp53.pcap 2>/dev/null &
tdpid=$!
sleep 1
ip netns exec tgt udp recv 53 5 >$T/dns.rx 2>/dev/null &
ncpid=$!
sleep 1
# real DNS messages (TXT psac-roles-query.example and its answer), so that
# a decrypted capture reads as DNS in Wireshark
printf '\160\163\001\000\000\001\000\000\000\000\000\000\020psac-roles-query\007example\000\000\020\000\001' |
	ip netns exec req udp send $TGT 53
wait $ncpid
ip netns exec req udp recv 40053 5 >$T/dns.answer 2>/dev/null &
ncpid=$!
sleep 1
printf '\160\163\201\200\000\001\000\001\000\000\000\000\020psac-roles-query\007example\000\000\020\000\001\300\014\000\020\000\001\000\000\000\074\000\022\021psac-roles-answer' |
	ip netns exec tgt udp send $REQ 40053 53
wait $ncpid
ip netns exec req ping -c 2 -w 3 $TGT >/dev/null 2>&1
sleep 1
kill $tdpid 2>/dev/null
wait $tdpid 2>/dev/null
kill $fullp0 $fullp1 2>/dev/null
wait $fullp0 $fullp1 2>/dev/null
cp $T/req.key $OUT/req.key
tcpdump -r $OUT/roles-udp53.pcap -n 2>/dev/null >$T/wire.txt
check_match "the query to port 53 arrived decrypted at the target" \
	'psac-roles-query' cat $T/dns.rx
check_match "the answer from port 53 arrived decrypted at the requestor" \
	'psac-roles-answer' cat $T/dns.answer
check_match "on the wire: ESP with SPI-I2R from the requestor" \
	"$REQ > $TGT: ESP\(spi=$i2r" cat $T/wire.txt
check_match "on the wire: ESP with SPI-R2I from the target" \
	"$TGT > $REQ: ESP\(spi=$r2i" cat $T/wire.txt
check_fail "on the wire: no cleartext UDP to or from port 53" \
	grep -qE "\.53[: ]" $T/wire.txt
check_match "on the wire: ping (outside the selectors) in the clear" \
	'ICMP6, echo request' cat $T/wire.txt

# --- 2. the second proposal: AES-CBC + HMAC-SHA2-256 for ICMPv6 echo requests
check "request: ChaCha20 (not in the policy) or AES-CBC + HMAC-SHA2-256, ICMPv6 type 128" \
	request --target $TGT --ulp icmpv6 --type 128 --encr chacha20-poly1305 \
	--or --encr aes-cbc --bits 128 --integ hmac-sha2-256-128 \
	--keymat-out $T/k2
check_match "proposal 2 was granted" 'granted \(proposal 2\).*aes-cbc/128 integ hmac-sha2-256-128 ulp icmpv6' \
	cat $T/req.out
ci2r=$(kv $T/k2 SPI_I2R)
check_match "requestor: cbc(aes) and hmac(sha256) truncated to 128" \
	'auth-trunc hmac\(sha256\) 0x[0-9a-f]{64} 128' ip -n req xfrm state
ip netns exec tgt tcpdump -Z root -i t1 -n -U -w $OUT/roles-icmp.pcap 2>/dev/null &
tdpid=$!
sleep 1
check "ping through the CBC pair (echo requests protected, replies clear)" \
	ip netns exec req ping -c 2 -w 4 $TGT
sleep 1
kill $tdpid 2>/dev/null
wait $tdpid 2>/dev/null
check_match "on the wire: echo requests are ESP with the CBC pair's SPI-I2R" \
	"$REQ > $TGT: ESP\(spi=$ci2r" sh -c "tcpdump -r $OUT/roles-icmp.pcap -n 2>/dev/null"
check_match "the target counted the CBC pair's inbound packets" \
	'[1-9][0-9]*\(packets\)' \
	sh -c "/usr/local/sbin/ip -n tgt -s xfrm state | awk '/^src /{b=0} /spi $ci2r[ (]/{b=1} b'"

# --- 3. a new request for the same selectors replaces the UDP/53 pair -------
check "request the UDP/53 pair again" \
	request --target $TGT --ulp udp --dport 53 --lifetime 600 \
	--key $T/req.key --keymat-out $T/k3
n_i2r=$(kv $T/k3 SPI_I2R)
n_r2i=$(kv $T/k3 SPI_R2I)
check_match "the request says it replaced the old pair" \
	'replaced the pair with reqid [0-9]+ \(2 old states removed\)' cat $T/req.out
check_fail "requestor: the old SPI-I2R is gone" \
	sh -c "/usr/local/sbin/ip -n req xfrm state | grep -q 'spi $i2r '"
check_match "requestor: the new SPI-I2R is there" "spi $n_i2r " ip -n req xfrm state
check "requestor: 4 states and 4 policies (UDP/53 + ICMPv6 pairs)" \
	test "$(nstates req)$(npolicies req)" = 44
check_match "target: the UDP/53 pair now has the new SPIs" \
	"peer $REQ local $TGT spi-in $n_i2r spi-out $n_r2i" psac -n tgt target sa list
ip netns exec tgt udp recv 53 5 >$T/dns2.rx 2>/dev/null &
ncpid=$!
sleep 1
echo "psac-roles-after-rekey" | ip netns exec req udp send $TGT 53
wait $ncpid
check_match "traffic flows over the new pair" 'psac-roles-after-rekey' cat $T/dns2.rx

# --- 4. release ----------------------------------------------------------------
check "release the UDP/53 pair" \
	request --release --spi $n_r2i --target $TGT --key $T/req.key
check_match "release: the server answered Success" \
	"released spi-i2r $n_i2r spi-r2i $n_r2i" cat $T/req.out
check_match "release: 2 local states and 2 policies removed" \
	'removed 2 states and 2 policies' cat $T/req.out
check_match "server log: SACONFIGURATION with lifetime 0 acknowledged" \
	'Success: released' cat $T/srv.log
check_fail "requestor: no state with the released SPI-R2I" \
	sh -c "/usr/local/sbin/ip -n req xfrm state | grep -q 'spi $n_r2i '"
check_fail "target: the released pair is gone" \
	sh -c "psac -n tgt target sa list | grep -q 'spi-in $n_i2r '"
check "release the ICMPv6 pair too" \
	request --release --spi "$(kv $T/k2 SPI_R2I)" --target $TGT
check "the server answered 5 requests and exited" served
check "both sides are empty again" \
	test "$(nstates req)$(npolicies req)$(nstates tgt)$(npolicies tgt)" = 0000

# --- 5. failure paths ------------------------------------------------------------
check "server started" serve $T/srv.conf
check_fail "unknown target: the request fails" \
	request --target 2001:db8:2::99 --ulp udp --dport 53
check "served" served
check_match "unknown target: NoSuchTarget" \
	'refused: NoSuchTarget \(65001\)' cat $T/req.out

check "server started" serve $T/srv.conf
check_fail "a proposal outside the policy (AES-GCM-192) fails" \
	request --target $TGT --bits 192
check "served" served
check_match "the policy's refusal: AlgNotSupported" \
	'refused: AlgNotSupported \(65002\) "proposal 1: encryption aes-gcm-16 \(20\) with 192-bit keys not allowed' \
	cat $T/req.out

check "server started" serve $T/srv.conf
check_fail "3DES: allowed by the server, refused by the target" \
	request --target $TGT --encr 3des --integ hmac-sha1-96
check "served" served
check_match "the target's refusal reaches the requestor: AlgNotSupported" \
	'refused: AlgNotSupported \(65002\) "target .* refused' cat $T/req.out

before=$(stat auth-fail)
check "server with the wrong PSK started" serve $T/srv-wrong.conf
check_fail "wrong PSK: the request fails" request --target $TGT
check "served" served
check_match "wrong PSK: AuthFailed reaches the requestor" \
	'refused: AuthFailed \(65004\) "target .* could not authenticate the server' \
	cat $T/req.out
check_match "the server logs the unauthenticated refusal" \
	'NOT authenticated: AuthFailed' cat $T/srv.log
check "the target counted an auth failure" test "$(stat auth-fail)" -gt "${before:-0}"

check "server with an unknown key-id started" serve $T/srv-key9.conf
check_fail "unknown key-id: the request fails" request --target $TGT
check "served" served
check_match "unknown key-id: AuthFailed" 'refused: AuthFailed \(65004\)' cat $T/req.out
check "nothing installed by any failure" \
	test "$(nstates req)$(npolicies req)$(nstates tgt)$(npolicies tgt)" = 0000

# --- 6. an expired lifetime removes the pair everywhere ------------------------
check "server started (2 requests)" serve $T/srv.conf --count 2
check "request with lifetime 3" \
	request --target $TGT --ulp udp --dport 53 --lifetime 3 --key $T/req.key \
	--keymat-out $T/k6
check "pair installed on both sides" \
	test "$(nstates req)$(nstates tgt)" = 22
sleep 5
check "after the lifetime: no state and no policy on the requestor" \
	test "$(nstates req)$(npolicies req)" = 00
check "after the lifetime: the target removed its pair" \
	test "$(nstates tgt)$(npolicies tgt)" = 00
check_fail "release after expiry fails" \
	request --release --spi "$(kv $T/k6 SPI_R2I)" --target $TGT --key $T/req.key
check "served" served
check_match "the server knows the grant expired" \
	'no SA pair with spi-r2i .* was granted to this requestor' cat $T/req.out

# --- 7. target down ----------------------------------------------------------------
check "target disabled" psac -n tgt target config set disable
check "server started (1 retransmission)" serve $T/srv.conf --retries 1
check_fail "target disabled: the request fails" request --target $TGT
check "served" served
check_match "target disabled: UnspecFail after 2 transmissions" \
	'refused: UnspecFail \(1\) "target .* did not answer \(2 SACONFIGURATION transmissions' \
	cat $T/req.out
check_match "server log: no authenticated reply" \
	'no authenticated reply after 2 transmissions' cat $T/srv.log
check "target enabled again" psac -n tgt target config set enable
check "rmmod psac" rmmod psac
check "server started (1 retransmission)" serve $T/srv.conf --retries 1
check_fail "module unloaded: the request fails" request --target $TGT
check "served" served
check_match "module unloaded: UnspecFail" 'refused: UnspecFail \(1\)' cat $T/req.out
check "nothing installed on the requestor" test "$(nstates req)$(npolicies req)" = 00

topo3_down
finish
