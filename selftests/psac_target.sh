#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PSAC target server: SACONFIGURATION from a provisioning server is
# authenticated, unwrapped and installed into XFRM by psac.ko with no
# daemon; the requestor installs its side from the same KEYMAT; real
# traffic inside the selectors is ESP on the wire and traffic outside is
# not.  Negative cases install nothing, answer with the right status and
# move the right counter.  rmmod leaves XFRM exactly as it was.
. /selftests/lib.sh

T=/tmp/psac_target
mkdir -p $T
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/psk
head -c 32 /dev/urandom | hexdump -v -e '/1 "%02x"' >$T/psk.wrong

stat() { psac -n tgt target stats | awk -v k="$1" '$1 == k { print $2 }'; }
nstates() { ip -n tgt xfrm state | grep -c '^src '; }
npolicies() { ip -n tgt xfrm policy | grep -c '^src '; }
build() { psac saconf build --psk-file $T/psk --key-id 7 "$@"; }
send() { ip netns exec srv psac saconf send "$1" --to $TGT --wait-reply 5 --psk-file "${2:-$T/psk}"; }

check "modprobe psac" modprobe psac
check "three namespaces: server, target, requestor" topo3_up

# A foreign SA and policy that psac must never touch.
ip -n tgt xfrm state add src $TGT dst 2001:db8:9::9 proto esp spi 0x9999 \
	mode transport aead 'rfc4106(gcm(aes))' 0x0102030405060708090a0b0c0d0e0f1011121314 128
ip -n tgt xfrm policy add src $TGT/128 dst 2001:db8:9::9/128 dir out \
	tmpl proto esp mode transport
ip -n tgt xfrm state >$T/state.before
ip -n tgt xfrm policy >$T/policy.before

check "PSK key-id 7 configured on the target" \
	psac -n tgt target psk add 7 --key-file $T/psk
check_match "psk list shows key-id 7 and never the key" '^key-id 7' \
	psac -n tgt target psk list
check_fail "psk list output does not contain the key" \
	sh -c "psac -n tgt target psk list | grep -qi $(cat $T/psk)"

# --- 1. UDP/53 (DNS) pair, AES-GCM-16/128, transport ---------------------
check "build SACONFIGURATION: UDP 53, AES-GCM-16/128" \
	build --peer $REQ --spi-in 0x1001 --spi-out 0x2001 --encr aes-gcm-16 \
	--bits 128 --ulp udp --dport 53 --lifetime 3600 \
	--keymat-out $T/km1 -o $T/m1.bin
check_match "server gets an authenticated SACONFIGURATION-REPLY: success" \
	'[Ss]uccess' send $T/m1.bin
check_match "ip xfrm state on the target shows the inbound SA (SPI-I2R)" \
	'proto esp spi 0x00001001 reqid [0-9]+ mode transport' ip -n tgt xfrm state
check_match "ip xfrm state on the target shows the outbound SA (SPI-R2I)" \
	'proto esp spi 0x00002001' ip -n tgt xfrm state
check_match "inbound policy: udp dport 53 from the requestor" \
	"src $REQ/128 dst $TGT/128 proto udp dport 53" ip -n tgt xfrm policy
check_match "outbound policy: udp sport 53 to the requestor" \
	"src $TGT/128 dst $REQ/128 proto udp sport 53" ip -n tgt xfrm policy
check_match "psac target sa list shows the pair" \
	"peer $REQ local $TGT spi-in 0x00001001 spi-out 0x00002001" \
	psac -n tgt target sa list
check_match "lifetime 3600 becomes the XFRM hard lifetime (soft at 90%)" \
	'hard 0\(sec\).*|add 3600\(sec\)' ip -n tgt -s xfrm state
check "installed counter is 1" test "$(stat installed)" = 1

check "requestor installs its side from the same KEYMAT" req_install $T/km1 0 req
ip -n req xfrm policy add src $REQ/128 dst $TGT/128 proto udp dport 53 dir out \
	tmpl proto esp reqid 7 mode transport
ip -n req xfrm policy add src $TGT/128 dst $REQ/128 proto udp sport 53 dir in \
	tmpl proto esp reqid 7 mode transport

ip netns exec tgt /usr/local/sbin/tcpdump -Z root -i t1 -n -U -w $OUT/target-udp53.pcap 2>/dev/null &
tdpid=$!
sleep 1
ip netns exec tgt udp recv 53 5 >$T/dns.rx 2>/dev/null &
ncpid=$!
sleep 1
echo "psac-dns-query" | ip netns exec req udp send $TGT 53
wait $ncpid
ip netns exec req udp recv 40053 5 >$T/dns.answer 2>/dev/null &
ncpid=$!
sleep 1
echo "psac-dns-answer" | ip netns exec tgt udp send $REQ 40053 53
wait $ncpid
ip netns exec req ping -c 2 -w 3 $TGT >/dev/null 2>&1
sleep 1
kill $ncpid $tdpid 2>/dev/null
wait $tdpid 2>/dev/null
check_match "the DNS query arrived decrypted at the target" 'psac-dns-query' cat $T/dns.rx
check_match "the answer from port 53 arrived decrypted at the requestor" \
	'psac-dns-answer' cat $T/dns.answer
tcpdump -r $OUT/target-udp53.pcap -n 2>/dev/null >$T/wire.txt
check_match "on the wire: ESP with SPI 0x1001 from the requestor" \
	"$REQ > $TGT: ESP\(spi=0x00001001" cat $T/wire.txt
check_match "on the wire: ESP with SPI 0x2001 from the target (port 53 answer)" \
	"$TGT > $REQ: ESP\(spi=0x00002001" cat $T/wire.txt
check_fail "on the wire: no cleartext UDP to or from port 53" \
	grep -qE "\.53[: ]" $T/wire.txt
check_match "on the wire: ping (outside the selectors) stays in the clear" \
	'ICMP6, echo request' cat $T/wire.txt
check "target inbound SA 0x1001 counted at least one packet" \
	test "$(sa_packets tgt 0x00001001)" -ge 1

# --- 1b. every ESP suite the target installs carries traffic ---------------
n=0
for suite in "aes-gcm-16 256 none" "aes-cbc 128 hmac-sha1-96" \
	"aes-cbc 256 hmac-sha2-256-128" "chacha20-poly1305 256 none"; do
	set -- $suite
	n=$((n + 1))
	port=$((5300 + n))
	check "suite $1/$2 $3: SACONFIGURATION for UDP $port" \
		build --peer $REQ --spi-in $((0x1100 + n)) --spi-out $((0x2100 + n)) \
		--encr $1 --bits $2 --integ $3 --ulp udp --dport $port \
		--keymat-out $T/ks$n -o $T/ms$n.bin
	check_match "suite $1/$2 $3: installed" '[Ss]uccess' send $T/ms$n.bin
	req_install $T/ks$n 0 req transport $((100 + n))
	ip -n req xfrm policy add src $REQ/128 dst $TGT/128 proto udp dport $port \
		dir out tmpl proto esp reqid $((100 + n)) mode transport
	ip netns exec tgt udp recv $port 5 >$T/s$n.rx &
	rxp=$!
	sleep 1
	echo "psac-suite-$n" | ip netns exec req udp send $TGT $port
	wait $rxp
	check_match "suite $1/$2 $3: a datagram arrives decrypted" \
		"psac-suite-$n" cat $T/s$n.rx
	check "suite $1/$2 $3: the target's inbound SA counted it" \
		test "$(sa_packets tgt $(printf 0x%08x $((0x1100 + n))))" -ge 1
done

# --- 2. negative cases ---------------------------------------------------
before=$(nstates)
check "build a message authenticated with the wrong PSK" \
	psac saconf build --psk-file $T/psk.wrong --key-id 7 --peer $REQ \
	--spi-in 0x1002 --spi-out 0x2002 --encr aes-gcm-16 --bits 128 -o $T/bad.bin
check_match "bad HMAC: reply says AuthFailed" 'AuthFailed|[Aa]uth' send $T/bad.bin
check "bad HMAC: nothing installed" test "$(nstates)" = "$before"
check "bad HMAC: auth-fail counter is 1" test "$(stat auth-fail)" = 1

check "build a message for unknown key-id 9" \
	psac saconf build --psk-file $T/psk --key-id 9 --peer $REQ \
	--spi-in 0x1003 --spi-out 0x2003 --encr aes-gcm-16 --bits 128 -o $T/unk.bin
check_fail "unknown key-id: no success reply" send $T/unk.bin
check "unknown key-id: unknown-key counter is 1" test "$(stat unknown-key)" = 1
check "unknown key-id: nothing installed" test "$(nstates)" = "$before"

check_match "replayed message: reply says Replayed" 'Replayed|[Rr]eplay' send $T/m1.bin
check "replayed message: replay counter is 1" test "$(stat replay)" = 1

printf '\360\001\002\003garbage-options\377\377\377\377' >$T/garbage.bin
# psac saconf send refuses malformed files: send it raw from port 547.
check "send a SACONFIGURATION with garbage options" \
	sh -c "/usr/local/sbin/ip netns exec srv udp send $TGT 546 547 <$T/garbage.bin"
sleep 1
check "garbage options: parse-error counter is 1" test "$(stat parse-error)" = 1
check "garbage options: nothing installed" test "$(nstates)" = "$before"

check "build an SA with an unsupported algorithm (3DES for ESP)" \
	build --peer $REQ --spi-in 0x1004 --spi-out 0x2004 --encr 3des --bits 192 \
	--integ hmac-sha1-96 -o $T/alg.bin
check_match "unsupported algorithm: reply says AlgNotSupported" \
	'AlgNotSupported|65002' send $T/alg.bin
check "unsupported algorithm: nothing installed" test "$(nstates)" = "$before"

# --- 3. lifetime 0 deletes the pair --------------------------------------
check "build a delete (lifetime 0) for the UDP/53 pair" \
	build --peer $REQ --spi-in 0x1001 --spi-out 0x2001 --encr aes-gcm-16 \
	--bits 128 --ulp udp --dport 53 --lifetime 0 -o $T/del.bin
check_match "delete: success" '[Ss]uccess' send $T/del.bin
check_fail "delete: SA 0x1001 is gone" sh -c "/usr/local/sbin/ip -n tgt xfrm state | grep -q 'spi 0x00001001'"
check "deleted counter is 1" test "$(stat deleted)" = 1

# --- 4. rmmod leaves exactly what was there before ------------------------
check "build again: ICMPv6 pair, AES-CBC + HMAC-SHA2-256" \
	build --peer $REQ --spi-in 0x1005 --spi-out 0x2005 --encr aes-cbc --bits 128 \
	--integ hmac-sha2-256-128 --ulp icmpv6 -o $T/m5.bin
check_match "ICMPv6 pair installed" '[Ss]uccess' send $T/m5.bin
check_match "target has the ICMPv6 pair" 'spi 0x00001005' ip -n tgt xfrm state
check "rmmod psac with SAs installed" rmmod psac
ip -n tgt xfrm state >$T/state.after
ip -n tgt xfrm policy >$T/policy.after
check "after rmmod: ip xfrm state exactly as before" cmp $T/state.before $T/state.after
check "after rmmod: ip xfrm policy exactly as before" cmp $T/policy.before $T/policy.after

topo3_down
finish
