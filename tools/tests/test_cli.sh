#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# CLI tests of the psac command (run from tools/ by 'make check').
# 'saconf send' is tested against tests/fake_target on [::1] with
# unprivileged ports.

PSAC=${PSAC:-./psac}
FAKE=${FAKE:-./tests/fake_target}
T=tests/tmp
# unprivileged ports, varied so that concurrent runs do not collide
PORT_T=${PSAC_TEST_PORT:-$((20000 + ($$ % 20000) * 2))}
PORT_S=$((PORT_T + 1))

n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
nok() { n=$((n + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n - $2 # SKIP $1"; }
# check NAME CMD...: the command's status decides
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else nok "$name"; fi
}
# run CMD...: run, keep stdout/stderr/status in $T/out $T/err $rc
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}
has() { grep -q -- "$1" "$2"; }
diag() { sed 's/^/# /' "$@"; }

rm -rf "$T"
mkdir -p "$T" || exit 1
trap 'rm -rf "$T"; [ -n "$fpid" ] && kill "$fpid" 2>/dev/null; [ -n "$spid" ] && kill "$spid" 2>/dev/null' EXIT

# ---- frame ----------------------------------------------------------------
run $PSAC --help
check "psac --help exits 0 with a usage synopsis" \
	test "$rc" = 0 -a -s "$T/out"
check "psac --help lists the objects and exit codes" \
	sh -c "grep -q '^  saconf ' $T/out && grep -q 'module is not loaded' $T/out"
run $PSAC help saconf
check "psac help saconf documents build, show and send" \
	sh -c "test $rc = 0 && grep -q 'psac saconf build' $T/out && grep -q 'psac saconf send' $T/out"
run $PSAC help info
check "psac help info explains the command" \
	sh -c "test $rc = 0 && grep -q PSAC_CMD_INFO_GET $T/out"
run $PSAC saconf --help
check "psac saconf --help prints the object help" \
	sh -c "test $rc = 0 && grep -q 'SA := --peer' $T/out"
run $PSAC -V
check "psac -V prints the version" sh -c "test $rc = 0 && grep -q '^psac [0-9]' $T/out"
run $PSAC frobnicate
check "unknown object: exit 1 and a message" \
	sh -c "test $rc = 1 && grep -q \"unknown or ambiguous object 'frobnicate'\" $T/err"
run $PSAC
check "no object: exit 1 with usage on stderr" \
	sh -c "test $rc = 1 && grep -q Usage $T/err"
run $PSAC --bogus-option
check "unknown option: exit 1" test "$rc" = 1
run $PSAC saconf frob
check "unknown saconf command: exit 1" \
	sh -c "test $rc = 1 && grep -q \"unknown or ambiguous command 'frob'\" $T/err"
run $PSAC info extra
check "psac info rejects extra arguments" test "$rc" = 1

# ---- info -------------------------------------------------------------------
if [ -d /sys/module/psac ]; then
	run $PSAC info
	if [ "$rc" = 1 ] && has CAP_NET_ADMIN "$T/err"; then
		skip "not root" "psac info with the module loaded"
	else
		check "psac info with the module loaded prints a version" \
			sh -c "test $rc = 0 && grep -q '^version: ' $T/out"
	fi
else
	run $PSAC info
	check "psac info without the module: exit 2" test "$rc" = 2
	check "psac info without the module: the documented message" \
		grep -qx "psac: kernel module not loaded (generic netlink family 'psac' not found); try: modprobe psac" "$T/err"
	run $PSAC -j inf
	check "psac -j inf (abbreviated) without the module: exit 2" test "$rc" = 2
fi
run $PSAC -n psac-no-such-netns info
check "psac -n with a missing namespace: exit 1, clear error" \
	sh -c "test $rc = 1 && grep -q \"cannot enter network namespace 'psac-no-such-netns'\" $T/err"

# ---- target ----------------------------------------------------------------
NOTLOADED="psac: kernel module not loaded (generic netlink family 'psac' not found); try: modprobe psac"
K16=000102030405060708090a0b0c0d0e0f
K64=$K16$K16$K16$K16
echo "$K16$K16" >"$T/tpsk"
run $PSAC --help
check "psac --help lists the target object" grep -q '^  target ' "$T/out"
run $PSAC help target
check "psac help target exits 0" test "$rc" = 0
for c in "psk add ID (--key HEX | --key-file FILE)" "--realm TEXT" "--replace" \
	"psk del ID" "psk list" "config show" "config set" "msg-saconfig-reply N" \
	"opt-sa-list N" "sa list" "sa del SPI" "target stats" \
	"monitor \[--count N\] \[--timeout SECS\]" "PSAC_CMD_TARGET_SA_NTF" \
	"key-id ID \[realm TEXT\] rx-counter N tx-counter N" \
	"expires S|never server ADDR key-id N" "install-fail" "Examples:"; do
	check "psac help target documents '$c'" grep -q -- "$c" "$T/out"
done
cp "$T/out" "$T/help.target"
for c in "target help" "target --help" "target psk add --help" "target sa del -h" \
	"target config set help" "target monitor --help"; do
	run $PSAC $c
	check "psac $c prints the target help" \
		sh -c "test $rc = 0 && cmp -s $T/out $T/help.target"
done

printf '%s' "$K16" | head -c 30 >"$T/psk15"
printf '%s%s' "$K64" 40 >"$T/psk65"
printf '0123456789abcde' >"$T/psk15.raw"
for k in "15-octet --key:--key ${K16%??}" "65-octet --key:--key ${K64}40" \
	"15-octet hex --key-file:--key-file $T/psk15" \
	"65-octet hex --key-file:--key-file $T/psk65" \
	"15-octet raw --key-file:--key-file $T/psk15.raw"; do
	run $PSAC target psk add 7 ${k#*:}
	check "target psk add with a ${k%%:*}: exit 1 before asking the kernel" \
		sh -c "test $rc = 1 && grep -q 'a PSK has 16 to 64 octets' $T/err && ! grep -q 'not loaded' $T/err"
done
run $PSAC target psk add 7 --key 00112233zz
check "target psk add with a --key that is not hex: exit 1" \
	sh -c "test $rc = 1 && grep -q 'is not hex' $T/err"
run $PSAC target psk add 7
check "target psk add without a key: exit 1" \
	sh -c "test $rc = 1 && grep -q 'exactly one of --key and --key-file' $T/err"
run $PSAC target psk add 7 --key "$K16" --key-file "$T/tpsk"
check "target psk add with --key and --key-file: exit 1" \
	sh -c "test $rc = 1 && grep -q 'exactly one of --key and --key-file' $T/err"
run $PSAC target psk add --key "$K16"
check "target psk add without an ID: exit 1" \
	sh -c "test $rc = 1 && grep -q 'needs a key-id' $T/err"
run $PSAC target psk add 4294967296 --key "$K16"
check "target psk add with a 33-bit ID: exit 1" \
	sh -c "test $rc = 1 && grep -q \"bad key-id '4294967296'\" $T/err"
run $PSAC target psk add 7 --key "$K16" --realm "$(printf '%065d' 0)"
check "target psk add with a 65-octet realm: exit 1" \
	sh -c "test $rc = 1 && grep -q 'realm longer than 64' $T/err"
run $PSAC target psk del
check "target psk del without an ID: exit 1" test "$rc" = 1
run $PSAC target sa del 0x100000000
check "target sa del with a 33-bit SPI: exit 1" \
	sh -c "test $rc = 1 && grep -q \"bad SPI '0x100000000'\" $T/err"
run $PSAC target sa del spi
check "target sa del with a non-number: exit 1" test "$rc" = 1
run $PSAC target config set
check "target config set with nothing to set: exit 1" \
	sh -c "test $rc = 1 && grep -q 'needs at least one' $T/err"
run $PSAC target config set port 0
check "target config set port 0: exit 1" \
	sh -c "test $rc = 1 && grep -q \"bad port '0' (1..65535)\" $T/err"
run $PSAC target config set msg-saconfig 256
check "target config set msg-saconfig 256: exit 1" \
	sh -c "test $rc = 1 && grep -q \"bad msg-saconfig '256' (0..255)\" $T/err"
run $PSAC target config set opt-sa
check "target config set opt-sa without a value: exit 1" \
	sh -c "test $rc = 1 && grep -q \"'opt-sa' needs a value\" $T/err"
run $PSAC target config set enable disable
check "target config set enable disable: exit 1" test "$rc" = 1
run $PSAC target monitor --count 0
check "target monitor --count 0: exit 1" test "$rc" = 1
run $PSAC target monitor --timeout x
check "target monitor --timeout x: exit 1" test "$rc" = 1
run $PSAC target stats now
check "target stats with an extra argument: exit 1" \
	sh -c "test $rc = 1 && grep -q \"unexpected argument 'now'\" $T/err"
for c in "target frob:unknown target command 'frob'" \
	"target s:ambiguous target command 's'" \
	"target psk frob:unknown psk command 'frob'" \
	"target sa frob:unknown sa command 'frob'" \
	"target config frob:unknown config command 'frob'" \
	"target config set frob 1:unknown keyword 'frob'" \
	"target config set opt 1:ambiguous keyword 'opt'"; do
	run $PSAC ${c%%:*}
	check "psac ${c%%:*}: exit 1, \"${c#*:}\"" \
		sh -c "test $rc = 1 && grep -q \"${c#*:}\" $T/err"
done

# every command up to the kernel: the family is absent on the host
for c in "target" "target sa" "target sa list" "target sa show" \
	"target sa del 0x1000" "target sa del 4096" "target psk" \
	"target psk list" "target psk add 7 --key $K16" \
	"target psk add 7 --key $K64 --realm lab --replace" \
	"target psk add 7 --key-file $T/tpsk" "target psk del 7" \
	"target config" "target config show" \
	"target config set enable port 546 msg-saconfig 240 msg-saconfig-reply 241 opt-sa 65283 opt-sa-list 65284" \
	"target config set disable" "target stats" \
	"target monitor --timeout 1" "target monitor --count 1 --timeout 1" \
	"t p l" "-j target sa list"; do
	run $PSAC $c
	name="psac $(echo "$c" | cut -c1-60)"
	if [ -d /sys/module/psac ]; then
		check "$name with the module loaded: not 'not loaded'" \
			sh -c "test $rc != 2 && ! grep -q 'not loaded' $T/err"
	else
		check "$name without the module: exit 2, the documented message, no output" \
			sh -c "test $rc = 2 && grep -qx \"$NOTLOADED\" $T/err && ! test -s $T/out"
	fi
done

# ---- saconf build/show ------------------------------------------------------
echo 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f >"$T/psk"
echo ffffff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d >"$T/psk.wrong"
printf '0123456' >"$T/psk.short"

BUILD="$PSAC saconf build --psk-file $T/psk --key-id 7 --counter 100"
SA1="--peer 2001:db8::1 --spi-in 0x1000 --spi-out 0x2000"

run $BUILD $SA1 --encr aes-gcm-16 --bits 128 --ulp udp --dport 53 \
	--keymat-out "$T/k.env" -o "$T/s.bin"
check "saconf build writes a SACONFIGURATION" \
	sh -c "test $rc = 0 && test -s $T/s.bin && grep -q 'wrote .*SACONFIGURATION' $T/out"
[ "$rc" = 0 ] || diag "$T/err"
check "saconf build: first octet is message type 240" \
	sh -c "od -An -tu1 -N1 $T/s.bin | grep -qw 240"
check "saconf build: --keymat-out is private (0600)" \
	sh -c "ls -l $T/k.env | grep -q '^-rw-------'"
( . "./$T/k.env" && test "$PSAC_NSA" = 1 && test "$PSAC_SA0_SPI_I2R" = 0x00001000 &&
  test ${#PSAC_SA0_KEYMAT} = 82 && test ${#PSAC_SA0_KE_I2R} = 42 &&
  test "$PSAC_SA0_XFRM_ENC" = 'rfc4106(gcm(aes))' && test "$PSAC_SA0_XFRM_ICV" = 128 )
check "keymat env file is sh syntax with 40 octets of AES-128-GCM KEYMAT" test $? = 0

run $PSAC saconf show "$T/s.bin" --psk-file "$T/psk" --show-keys
check "saconf show verifies OPTION_AUTH with the PSK" \
	sh -c "test $rc = 0 && grep -q 'key-id 7 .*: verified' $T/out"
km=$(. "./$T/k.env"; echo "$PSAC_SA0_KEYMAT" | sed 's/^0x//')
check "saconf show --show-keys unwraps the KEYMAT written by build" \
	grep -q "keymat $km" "$T/out"
check "saconf show decodes the SA parameters" \
	sh -c "grep -q 'peer 2001:db8::1 spi-i2r 0x00001000 spi-r2i 0x00002000' $T/out && grep -q 'encr aes-gcm-16 (20) bits 128' $T/out"
run $PSAC saconf show "$T/s.bin" --psk-file "$T/psk.wrong" --show-keys
check "saconf show with the wrong PSK: exit 1, FAILED" \
	sh -c "test $rc = 1 && grep -q 'FAILED' $T/out"
run $PSAC saconf show "$T/s.bin"
check "saconf show without a PSK decodes but does not verify" \
	sh -c "test $rc = 0 && grep -q 'not verified' $T/out"
if command -v python3 >/dev/null 2>&1; then
	run $PSAC -j saconf show "$T/s.bin" --psk-file "$T/psk" --show-keys
	check "saconf show -j is valid JSON with auth.verified and the keymat" \
		python3 -c "
import json,sys
d=json.load(open('$T/out'))
assert d['type']=='SACONFIGURATION' and d['auth']['verified'] is True
assert d['auth']['key_id']==7 and d['auth']['counter']==100
assert d['sas'][0]['keymat']=='$km' and d['sas'][0]['spi_i2r']==0x1000
"
else
	skip "no python3" "saconf show -j is valid JSON"
fi
head -c 50 "$T/s.bin" >"$T/trunc.bin"
run $PSAC saconf show "$T/trunc.bin"
check "saconf show of a truncated message: exit 1, malformed" \
	sh -c "test $rc = 1 && grep -q 'malformed' $T/err"

run $BUILD --peer 2001:db8::1 --spi-out 0x2000 -o "$T/x.bin"
check "saconf build without --spi-in: exit 1" \
	sh -c "test $rc = 1 && grep -q 'spi-in and --spi-out are required' $T/err"
run $BUILD $SA1 --encr rot13 -o "$T/x.bin"
check "saconf build with an unknown --encr: exit 1" test "$rc" = 1
run $BUILD $SA1 --encr aes-gcm-16 --integ hmac-sha1-96 -o "$T/x.bin"
check "saconf build refuses AEAD with a separate integrity algorithm" \
	sh -c "test $rc = 1 && grep -q 'cannot size KEYMAT' $T/err"
run $PSAC saconf build --psk-file "$T/psk.short" --key-id 1 $SA1 -o "$T/x.bin"
check "saconf build refuses a PSK shorter than 16 octets" \
	sh -c "test $rc = 1 && grep -q 'a PSK has 16 to 64 octets' $T/err"
run $BUILD $SA1 -o "$T/x.bin" --xid 0x1000000
check "saconf build refuses a transaction-id over 24 bits" test "$rc" = 1

run $BUILD --xid 0xabcdef --realm lab $SA1 --encr aes-cbc --bits 256 \
	--integ hmac-sha1-96 --next-sa --peer 2001:db8::2 --spi-in 0x1001 \
	--spi-out 0x2001 --ulp mh --type 5 --lifetime 0 \
	--keymat-out "$T/k2.env" -o "$T/m.bin"
( . "./$T/k2.env" && test "$PSAC_NSA" = 2 && test "$PSAC_XID" = 0xabcdef &&
  test ${#PSAC_SA0_KA_I2R} = 42 && test ${#PSAC_SA0_KE_I2R} = 66 &&
  test "$PSAC_SA1_ENCR" = aes-cbc && test "$PSAC_SA1_ULP_NUM" = 135 &&
  test "$PSAC_SA1_SPORT" = 5 && test "$PSAC_SA1_XFRM_AUTH" = 'hmac(sha1)' )
check "saconf build --next-sa: 2 SAs, the second inherits the algorithms" \
	test "$rc" = 0 -a $? = 0
run $PSAC saconf show "$T/m.bin" --psk-file "$T/psk"
check "2-SA message verifies; realm, MH type and delete are shown" \
	sh -c "test $rc = 0 && grep -q 'realm \"lab\": verified' $T/out && grep -q 'ulp mh 135 sport/type 5' $T/out && grep -q 'lifetime 0 (delete)' $T/out"

run $BUILD $SA1 --keymat 00112233 -o "$T/k.bin"
run $PSAC saconf show "$T/k.bin" --psk-file "$T/psk" --show-keys
check "saconf build --keymat uses the given octets (any length)" \
	sh -c "test $rc = 0 && grep -q 'keymat 00112233\$' $T/out"

run $BUILD $SA1 -o - 
check "saconf build -o - writes the message to stdout" \
	sh -c "test $rc = 0 && test \$(wc -c <$T/out) -gt 100"

# ---- saconf send ------------------------------------------------------------
fpid=
start_fake() {
	rm -f "$T/ready" "$T/fake.keys"
	$FAKE --port "$PORT_T" --ready "$T/ready" --keymat-out "$T/fake.keys" \
		--timeout 15 "$@" >"$T/fake.out" 2>&1 &
	fpid=$!
	i=0
	while [ ! -e "$T/ready" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	test -e "$T/ready"
}
stop_fake() {
	wait "$fpid" 2>/dev/null
	frc=$?
	fpid=
}
SEND="$PSAC saconf send $T/s.bin --to ::1 --port $PORT_T --sport $PORT_S"

if ! start_fake --psk-file "$T/psk"; then
	if grep -q -e 'Cannot assign' -e 'not supported' "$T/fake.out"; then
		skip "no IPv6 loopback" "saconf send tests"
	else
		nok "fake target did not start"
		diag "$T/fake.out"
	fi
else
	run $SEND --wait-reply 5 --psk-file "$T/psk"
	stop_fake
	check "saconf send: verified reply, exit 0" \
		sh -c "test $rc = 0 && grep -q 'auth .*key-id 7 .*: verified' $T/out"
	[ "$rc" = 0 ] || { diag "$T/out" "$T/err" "$T/fake.out"; }
	check "saconf send: message and per-SA status Success are printed" \
		sh -c "grep -q '^  status Success (0) \"all SAs installed\"' $T/out && grep -q '^        status Success (0)' $T/out"
	check "saconf send: the target unwrapped the KEYMAT from --keymat-out" \
		grep -qx "sa0 0x$km" "$T/fake.keys"

	start_fake --psk-file "$T/psk" --status 65002
	run $SEND --wait-reply 5 --psk-file "$T/psk"
	stop_fake
	check "saconf send: AlgNotSupported from the target gives exit 1" \
		sh -c "test $rc = 1 && grep -q 'status AlgNotSupported (65002)' $T/out"

	start_fake --psk-file "$T/psk.wrong"
	run $SEND --wait-reply 5 --psk-file "$T/psk"
	stop_fake
	check "saconf send: a reply under another PSK fails verification, exit 1" \
		sh -c "test $rc = 1 && grep -q 'reply authentication failed' $T/err"

	start_fake --psk-file "$T/psk" --drop 1
	run $SEND --wait-reply 6 --retries 2 --psk-file "$T/psk"
	stop_fake
	check "saconf send --retries: retransmits after 2 s and gets the reply" \
		sh -c "test $rc = 0 && grep -q 'dropped one datagram' $T/fake.out"

	run $SEND --wait-reply 1
	check "saconf send with nobody listening: exit 3 after --wait-reply" \
		sh -c "test $rc = 3 && grep -q 'no SACONFIGURATION-REPLY' $T/err"

	run $SEND
	check "saconf send without --wait-reply just sends" \
		sh -c "test $rc = 0 && grep -q '^sent SACONFIGURATION' $T/out"
fi
run $PSAC saconf send "$T/s.bin" --to not-an-address
check "saconf send with a bad --to: exit 1" test "$rc" = 1

# ---- server / request (over ::1 with tests/fake_target) ---------------------
PORT_SRV=$((PORT_T + 2))
PORT_TGT=$((PORT_T + 3))
run $PSAC --help
check "psac --help lists server, request and mnha" \
	sh -c "grep -q '^  server ' $T/out && grep -q '^  request ' $T/out && grep -q '^  mnha ' $T/out"
run $PSAC help server
cp "$T/out" "$T/help.server"
for c in "server -c FILE" "--once | --count N" "--timeout SECS" "--retries N" \
	"listen ADDR|any \[port N\] \[dev IFNAME\]" "server-duid HEX|auto" \
	"target ADDR key-id N psk-file FILE \[realm TEXT\] \[port N\]" \
	"allow encr ALG\[/BITS\]" "allow integ ALG" "allow mode" "allow ulp" \
	"lifetime \[default S|infinite\] \[max S|infinite\]" "spi-range MIN MAX" \
	"retransmit-interval SECS" "NoSuchTarget" "UnspecFail" "Exit status:"; do
	check "psac help server documents '$c'" grep -q -- "$c" "$T/help.server"
done
run $PSAC server --help
check "psac server --help prints the server help" \
	sh -c "test $rc = 0 && cmp -s $T/out $T/help.server"
run $PSAC help request
cp "$T/out" "$T/help.request"
for c in "--server ADDR" "--target ADDR" "--key FILE" "--no-install" \
	"--release" "--keymat-out FILE" "PROPOSAL := " "--or" "--spi SPI" \
	"NETLINK_XFRM" "Exit status:"; do
	check "psac help request documents '$c'" grep -q -- "$c" "$T/help.request"
done
run $PSAC request -h
check "psac request -h prints the request help" \
	sh -c "test $rc = 0 && cmp -s $T/out $T/help.request"

cat >"$T/srv.conf" <<CONF
# psac server for the CLI tests
listen ::1 port $PORT_SRV
target ::1 key-id 7 psk-file psk port $PORT_TGT realm lab
target 2001:db8::53 key-id 8 psk-file $PWD/$T/psk
retransmit-interval 1
lifetime default 600 max 3600
CONF
run $PSAC server -c "$T/srv.conf" --check
check "server --check prints the configuration, PSKs by length only" \
	sh -c "test $rc = 0 && grep -q '^listen ::1 port $PORT_SRV' $T/out && grep -q '^target ::1 key-id 7 psk 32-octets realm lab port $PORT_TGT' $T/out && grep -q '^lifetime default 600 max 3600' $T/out && grep -q '^retransmit-interval 1' $T/out && ! grep -q 000102 $T/out"
run $PSAC server -c "$T/srv.conf" --check --retries 3 --port 999
check "server --retries/--port override the file" \
	sh -c "test $rc = 0 && grep -q '^retries 3' $T/out && grep -q 'port 999' $T/out"
printf 'listen ::1\ntarget ::1 key-id 7 psk-file nonexistent\n' >"$T/bad.conf"
run $PSAC server -c "$T/bad.conf" --check
check "server with a missing PSK file: exit 1, the line named" \
	sh -c "test $rc = 1 && grep -q 'bad.conf: line 2: target ::1: .*nonexistent: No such file' $T/err"
printf 'listen ::1\nallow encr rot13\n' >"$T/bad.conf"
run $PSAC server -c "$T/bad.conf"
check "server with a bad algorithm: exit 1" \
	sh -c "test $rc = 1 && grep -q \"line 2: allow encr: unknown algorithm 'rot13'\" $T/err"
run $PSAC server
check "server without -c: exit 1" \
	sh -c "test $rc = 1 && grep -q 'needs a configuration file' $T/err"
run $PSAC server -c "$T/nope.conf"
check "server with a missing configuration: exit 1" \
	sh -c "test $rc = 1 && grep -q 'nope.conf: No such file' $T/err"
run $PSAC server -c "$T/srv.conf" --count 0
check "server --count 0: exit 1" test "$rc" = 1
run $PSAC server -c "$T/srv.conf" --timeout 1
check "server --timeout 1 without requests: exit 3" \
	sh -c "test $rc = 3 && grep -q 'timeout 1 s expired after 0 answered requests' $T/err && grep -q '^listening on \[::1\]:$PORT_SRV' $T/out"

REQ="$PSAC request --server ::1 --port $PORT_SRV --client-port 0 --from ::1 --timeout 8"
run $PSAC request --target ::1
check "request without --server: exit 1" \
	sh -c "test $rc = 1 && grep -q 'needs --server and --target' $T/err"
run $REQ --target ::1 --encr aes-gcm-16 --integ hmac-sha1-96
check "request with AEAD plus integrity: exit 1 before sending" \
	sh -c "test $rc = 1 && grep -q 'not an ESP transform psac knows' $T/err"
run $REQ --target ::1 --lifetime 0
check "request --lifetime 0: exit 1, points to --release" \
	sh -c "test $rc = 1 && grep -q 'lifetime 0 is --release' $T/err"
run $REQ --target ::1 --release
check "request --release without --spi: exit 1" \
	sh -c "test $rc = 1 && grep -q 'release needs --spi' $T/err"
run $REQ --target not-an-address
check "request with a bad --target: exit 1" test "$rc" = 1
run $REQ --target ::1 --server fe80::1
check "request to a link-local server without %IF: exit 1" \
	sh -c "test $rc = 1 && grep -q 'need %IFNAME or --dev' $T/err"
printf '0011' >"$T/short.key"
run $REQ --target ::1 --key "$T/short.key"
check "request with a 2-octet --key: exit 1" \
	sh -c "test $rc = 1 && grep -q 'not a 32-octet X25519 private key' $T/err"
run $PSAC request --server ::1 --port $PORT_SRV --client-port 0 --from ::1 --timeout 1 --target ::1
check "request with no server listening: exit 3 after --timeout" \
	sh -c "test $rc = 3 && grep -q 'no Reply from \[::1\]:$PORT_SRV within 1 s' $T/err"

spid=
start_server() {
	rm -f "$T/sready"
	$PSAC server -c "$T/srv.conf" --timeout 30 --ready "$T/sready" "$@" \
		>"$T/srv.out" 2>"$T/srv.err" &
	spid=$!
	i=0
	while [ ! -e "$T/sready" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	test -e "$T/sready"
}
stop_server() {
	wait "$spid" 2>/dev/null
	src=$?
	spid=
}
start_tgt() {
	rm -f "$T/ready" "$T/fake.keys"
	$FAKE --port "$PORT_TGT" --ready "$T/ready" --keymat-out "$T/fake.keys" \
		--timeout 15 "$@" >"$T/fake.out" 2>&1 &
	fpid=$!
	i=0
	while [ ! -e "$T/ready" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

if ! start_server --once; then
	nok "psac server did not start"
	diag "$T/srv.err"
else
	start_tgt --psk-file "$T/psk"
	run $REQ --target ::1 --ulp udp --dport 53 --lifetime 300 \
		--no-install --key "$T/req.key" --keymat-out "$T/req.env"
	stop_fake
	stop_server
	check "request: granted, exit 0; server --once exits 0" \
		sh -c "test $rc = 0 && test $src = 0 && grep -q '^sa 0 target ::1: granted (proposal 1): spi-i2r 0x[0-9a-f]* spi-r2i 0x[0-9a-f]* esp transport aes-gcm-16/128 integ none ulp udp sport 0 dport 53 lifetime 300' $T/out"
	[ "$rc" = 0 ] || diag "$T/out" "$T/err" "$T/srv.out" "$T/fake.out"
	check "request --no-install prints the states and policies it would install" \
		sh -c "grep -q '^  would install state src ::1 dst ::1 proto esp spi .* (outbound)' $T/out && grep -q '^  would install policy src ::1/128 dst ::1/128 proto udp dport 53 dir out tmpl esp' $T/out && grep -q '^  would install policy src ::1/128 dst ::1/128 proto udp sport 53 dir in' $T/out"
	rkm=$(. "./$T/req.env"; echo "$PSAC_SA0_KEYMAT" | sed 's/^0x//')
	check "the requestor's unwrapped KEYMAT is the one the target unwrapped" \
		sh -c "test -n '$rkm' && grep -qx 'sa0 0x$rkm' $T/fake.keys"
	check "--keymat-out is private (0600) and names the target" \
		sh -c "ls -l $T/req.env | grep -q '^-rw-------' && grep -q '^PSAC_SA0_TARGET=::1' $T/req.env && grep -q \"^PSAC_SA0_XFRM_ENC='rfc4106(gcm(aes))'\" $T/req.env"
	check "--key FILE created with mode 0600" \
		sh -c "ls -l $T/req.key | grep -q '^-rw-------' && test \$(tr -d '\n' <$T/req.key | wc -c) = 64"
	check "server log: request, chosen proposal, SACONFIGURATION, verified reply, Reply" \
		sh -c "grep -q '^request from \[::1\]:[0-9]* xid 0x[0-9a-f]* Information-Request: 1 SA request, client-id 000200007ed9' $T/srv.out && grep -q 'sa 0 target ::1: proposal 1 of 1 chosen: esp transport aes-gcm-16/128' $T/srv.out && grep -q '^SACONFIGURATION to \[::1\]:$PORT_TGT xid 0x[0-9a-f]* key-id 7 counter [0-9]*: 1 SA, transmission 1 of 9' $T/srv.out && grep -q 'SACONFIGURATION-REPLY from \[::1\]:$PORT_TGT xid .* verified (counter 1): Success' $T/srv.out && grep -q '1 of 1 SA granted' $T/srv.out"
	cid=$(sed -n 's/.*client-id \([0-9a-f]*\)$/\1/p' "$T/srv.out")

	# the same key again: the same CLIENTID; the target drops one datagram
	start_server --once
	start_tgt --psk-file "$T/psk" --drop 1
	run $PSAC -j request --server ::1 --port $PORT_SRV --client-port 0 \
		--from ::1 --timeout 8 --target ::1 --encr aes-cbc --bits 256 \
		--integ hmac-sha1-96 --ulp tcp --sport 1234 --no-install \
		--key "$T/req.key"
	stop_fake
	stop_server
	check "a lost SACONFIGURATION is retransmitted: granted" test "$rc" = 0
	[ "$rc" = 0 ] || diag "$T/out" "$T/err" "$T/srv.out" "$T/fake.out"
	c1=$(sed -n 's/^SACONFIGURATION to .* counter \([0-9]*\): 1 SA, transmission 1 of 9/\1/p' "$T/srv.out")
	c2=$(sed -n 's/^SACONFIGURATION to .* counter \([0-9]*\): 1 SA, transmission 2 of 9/\1/p' "$T/srv.out")
	check "the retransmission carries a new, higher replay counter" \
		sh -c "test -n '$c1' && test -n '$c2' && test '$c2' -gt '$c1'"
	check "the same --key file gives the same CLIENTID" \
		grep -q "client-id $cid\$" "$T/srv.out"
	if command -v python3 >/dev/null 2>&1; then
		check "request -j: JSON with the grant" python3 -c "
import json
d=json.load(open('$T/out'))
s=d['sas'][0]
assert d['server']=='::1' and s['status']==0 and s['granted'] is True
assert s['encr']=='aes-cbc' and s['encr_key_bits']==256 and s['integ']=='hmac-sha1-96'
assert s['ulp']==6 and s['sport']==1234 and s['lifetime']==600 and s['installed'] is False
assert s['reqid']==s['spi_r2i']
"
	else
		skip "no python3" "request -j: JSON with the grant"
	fi

	rm -f "$T/sready"
	$PSAC -j server -c "$T/srv.conf" --once --timeout 30 --ready "$T/sready" \
		>"$T/srv.out" 2>"$T/srv.err" &
	spid=$!
	i=0
	while [ ! -e "$T/sready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	run $REQ --target 2001:db8::99 --no-install --msg-request
	stop_server
	check "unknown target (in a Request): NoSuchTarget, exit 1" \
		sh -c "test $rc = 1 && grep -q '^sa 0 target 2001:db8::99: refused: NoSuchTarget (65001) \"no target 2001:db8::99 is configured\"' $T/out"
	if command -v python3 >/dev/null 2>&1; then
		check "server -j: one JSON object per event line" python3 -c "
import json
ev=[json.loads(l) for l in open('$T/srv.out')]
names=[e['event'] for e in ev]
assert names==['listening','request','refused','reply'], names
assert ev[1]['type']=='Request' and ev[1]['sa_requests']==1
assert ev[2]['status']==65001 and ev[2]['status_name']=='NoSuchTarget'
assert ev[3]['granted']==0 and ev[3]['sas'][0]['target']=='2001:db8::99'
"
	else
		skip "no python3" "server -j: one JSON object per event line"
	fi

	start_server --once
	run $REQ --target ::1 --encr 3des --integ hmac-sha1-96 --no-install
	stop_server
	check "a proposal the policy does not allow: AlgNotSupported, exit 1" \
		sh -c "test $rc = 1 && grep -q 'refused: AlgNotSupported (65002) \"proposal 1: encryption 3des' $T/out"

	start_server --once
	start_tgt --psk-file "$T/psk.wrong"
	run $REQ --target ::1 --no-install
	stop_fake
	stop_server
	check "wrong PSK: the target's AuthFailed reaches the requestor, exit 1" \
		sh -c "test $rc = 1 && grep -q 'refused: AuthFailed (65004) \"target ::1 could not authenticate the server' $T/out && grep -q 'NOT authenticated: AuthFailed' $T/srv.out"
	[ "$rc" = 1 ] || diag "$T/out" "$T/err" "$T/srv.out"

	start_server --once
	start_tgt --psk-file "$T/psk" --unsigned
	run $REQ --target ::1 --no-install
	stop_fake
	stop_server
	check "unknown key-id at the target: an unsigned AuthFailed ends the exchange" \
		sh -c "test $rc = 1 && grep -q 'refused: AuthFailed (65004)' $T/out && grep -q 'NOT authenticated: AuthFailed (65004) \"unknown Key-ID\"' $T/srv.out && grep -c '^SACONFIGURATION to' $T/srv.out | grep -qx 1"

	start_server --once
	start_tgt --psk-file "$T/psk" --status 65003
	run $REQ --target ::1 --no-install
	stop_fake
	stop_server
	check "the target's refusal code is passed on (KeyProtFailed)" \
		sh -c "test $rc = 1 && grep -q 'refused: KeyProtFailed (65003) \"target ::1 refused' $T/out"

	start_server --once --retries 1
	run $REQ --target ::1 --no-install
	stop_server
	check "target down: UnspecFail after the retransmissions, exit 1" \
		sh -c "test $rc = 1 && grep -q 'refused: UnspecFail (1) \"target ::1 did not answer (2 SACONFIGURATION transmissions over 2 s)' $T/out && grep -q 'no authenticated reply after 2 transmissions' $T/srv.out"

	# grant then release
	start_server --count 2
	start_tgt --psk-file "$T/psk"
	run $REQ --target ::1 --no-install --spi 0x4321 --key "$T/req.key"
	stop_fake
	check "a grant honours the Requestor-SPI" \
		sh -c "test $rc = 0 && grep -q 'spi-r2i 0x00004321' $T/out"
	start_tgt --psk-file "$T/psk" --counter 2
	run $REQ --target ::1 --no-install --release --spi 0x4321 --key "$T/req.key"
	stop_fake
	stop_server
	check "release: the server sends Lifetime 0 and answers Success" \
		sh -c "test $rc = 0 && grep -q '^sa 0 target ::1: released spi-i2r 0x[0-9a-f]* spi-r2i 0x00004321' $T/out && grep -q 'release of spi-i2r' $T/srv.out && grep -q 'Success: released' $T/srv.out"
	[ "$rc" = 0 ] || diag "$T/out" "$T/err" "$T/srv.out" "$T/fake.out"
	start_server --once
	run $REQ --target ::1 --no-install --release --spi 0x4321
	stop_server
	check "release of a pair not granted: UnspecFail, exit 1" \
		sh -c "test $rc = 1 && grep -q 'no SA pair with spi-r2i 0x00004321 was granted' $T/out"
fi

# ---- mnha ---------------------------------------------------------------------
run $PSAC help mnha
cp "$T/out" "$T/help.mnha"
for c in "dev set DEV \[role ha|mn\] \[port N\]" "dev show \[DEV\]" \
	"sa add DEV spi SPI suite SUITE KEYS" "keys-file FILE" "hnp PREFIX/LEN" \
	"valid-until EPOCH|+SECS" "replace" "sa del DEV spi SPI" "sa list \[DEV\]" \
	"monitor \[--count N\] \[--timeout SECS\]" "aes256-gcm        (0x009d)" \
	"PSAC_MSA_A_REPLACE" "Exit status:"; do
	check "psac help mnha documents '$c'" grep -q -- "$c" "$T/help.mnha"
done
run $PSAC mnha sa add lo spi 0x100 suite aes128-gcm ekey-mn2ha 00 ekey-ha2mn 00
check "mnha sa add with short keys: exit 1 before asking the kernel" \
	sh -c "test $rc = 1 && grep -q 'has 1 octets; suite aes128-gcm needs 20' $T/err && ! grep -q 'not loaded' $T/err"
run $PSAC mnha dev set psac-nodev0 role ha
check "mnha dev set on a missing device: exit 1" \
	sh -c "test $rc = 1 && grep -q \"no device 'psac-nodev0'\" $T/err"
run $PSAC mnha frob
check "unknown mnha command: exit 1" test "$rc" = 1
K20=000102030405060708090a0b0c0d0e0f10111213
for c in "mnha" "mnha sa" "mnha sa list" "mnha sa list lo" "mnha dev show" \
	"mnha dev show lo" "mnha dev set lo role ha port 7872 local 2001:db8::1" \
	"mnha sa add lo spi 0x100 suite aes128-gcm ekey-mn2ha $K20 ekey-ha2mn $K20 hoa 2001:db8::2" \
	"mnha sa del lo spi 0x100" "mnha monitor --timeout 1" "-j mnha sa list"; do
	run $PSAC $c
	name="psac $(echo "$c" | cut -c1-60)"
	if [ -d /sys/module/psac ]; then
		check "$name with the module loaded: not 'not loaded'" \
			sh -c "test $rc != 2 && ! grep -q 'not loaded' $T/err"
	else
		check "$name without the module: exit 2, the documented message, no output" \
			sh -c "test $rc = 2 && grep -qx \"$NOTLOADED\" $T/err && ! test -s $T/out"
	fi
done

# ---- hac / mn (RFC 6618 MHAuth over TLS, no kernel: --no-install) -----------
run $PSAC help hac
check "psac help hac documents the flow, the configuration and the log" \
	sh -c "test $rc = 0 && grep -q 'mn ID psk-file FILE' $T/out && grep -q 'tls-server-endpoint' $T/out && grep -q 'refused mn-id ID' $T/out"
run $PSAC help mn
check "psac help mn documents the options and the exit statuses 3..6" \
	sh -c "test $rc = 0 && grep -q -- '--ca FILE' $T/out && grep -q '^  6  ' $T/out"
H=$T/hac
mkdir -p $H
PORT_H=$((PORT_T + 2))
if command -v openssl >/dev/null; then
	mkcert() {	# NAME SUBJECT SAN: NAME.key NAME.crt signed by ca
		openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
			-keyout $H/$1.key -out $H/$1.csr -subj "$2" 2>/dev/null &&
		printf 'subjectAltName=%s\n' "$3" >$H/$1.ext &&
		openssl x509 -req -in $H/$1.csr -CA $H/ca.crt -CAkey $H/ca.key \
			-CAcreateserial -out $H/$1.crt -days 2 -extfile $H/$1.ext 2>/dev/null
	}
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout $H/ca.key -out $H/ca.crt -days 2 -subj /CN=test-ca 2>/dev/null
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout $H/rogue.key -out $H/rogue.crt -days 2 -subj /CN=rogue 2>/dev/null
	mkcert hac /CN=hac.example.net "DNS:hac.example.net,IP:::1"
	head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >$H/mn1.psk
	head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >$H/bad.psk
	printf '%s\n' "listen ::1 port $PORT_H" "cert hac.crt" "key hac.key" \
		"ha-address 2001:db8:1::1" "validity 600" \
		"mn mn1@example.net psk-file mn1.psk hoa 2001:db8:100::10 suites aes128-hmac-sha1,aes128-gcm" \
		"mn old@example.net psk-file mn1.psk hoa 2001:db8:100::11 valid-until 1000" \
		"mn gcm@example.net psk-file mn1.psk hoa 2001:db8:100::12 suites aes256-gcm" \
		>$H/hac.conf
	run $PSAC hac -c $H/hac.conf --check
	check "hac --check loads the configuration, certificate and key" \
		sh -c "test $rc = 0 && grep -q 'tls-server-endpoint [0-9a-f]\{64\}' $T/out && grep -q '^mn mn1@example.net psk 32 octets' $T/out"
	sed 's/^key .*/key rogue.key/' $H/hac.conf >$H/bad.conf
	run $PSAC hac -c $H/bad.conf --check
	check "hac refuses a key that does not match its certificate" \
		sh -c "test $rc = 1 && grep -q 'key .*rogue.key' $T/err"
	hac_start() {	# hac_start N [OPTIONS]: N exchanges in the background
		rm -f $H/ready
		$PSAC hac -c $H/hac.conf --no-install --count "$@" --timeout 60 \
			--ready $H/ready >$H/hac.log 2>&1 &
		spid=$!
		i=0
		while [ ! -e $H/ready ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	}
	mn() { run $PSAC mn --hac ::1 --port $PORT_H --ca $H/ca.crt --no-install "$@"; }
	hac_start 8
	SSLKEYLOGFILE=$H/keys mn --mn-id mn1@example.net --psk-file $H/mn1.psk --name hac.example.net
	check "mn + hac over TLS: the MN gets the SA (the HAC's first allowed suite it offers)" \
		sh -c "test $rc = 0 && grep -q '^provisioned mnha0 spi 0x[0-9a-f]\{7\} suite aes128-hmac-sha1 hoa 2001:db8:100::10 peer 2001:db8:1::1 port 7872 scope 1 valid-until [0-9]' $T/out"
	check "SSLKEYLOGFILE receives the TLS secrets" grep -q '^CLIENT_TRAFFIC_SECRET_0 ' $H/keys
	mn --mn-id mn1@example.net --psk-file $H/mn1.psk --suites aes128-gcm
	check "mn --suites restricts the offer (aes128-gcm granted)" \
		sh -c "test $rc = 0 && grep -q 'suite aes128-gcm' $T/out"
	mn --mn-id gcm@example.net --psk-file $H/mn1.psk --suites aes128-gcm
	check "no common suite: status-code 406, exit 5" \
		sh -c "test $rc = 5 && grep -q 'status-code 406' $T/err && ! test -s $T/out"
	mn --mn-id mn1@example.net --psk-file $H/bad.psk
	check "wrong PSK: the HAC answers status-code 401, the MN exits 5" \
		sh -c "test $rc = 5 && grep -q 'status-code 401' $T/err && ! test -s $T/out"
	mn --mn-id nobody@example.net --psk-file $H/mn1.psk
	check "unknown mn-id: status-code 404, exit 5" \
		sh -c "test $rc = 5 && grep -q 'status-code 404' $T/err"
	mn --mn-id old@example.net --psk-file $H/mn1.psk
	check "SA validity already ended: status-code 410, exit 5" \
		sh -c "test $rc = 5 && grep -q 'status-code 410' $T/err"
	run $PSAC mn --hac ::1 --port $PORT_H --ca $H/rogue.crt --no-install \
		--mn-id mn1@example.net --psk-file $H/mn1.psk
	check "certificate not from the trusted CA: exit 4" \
		sh -c "test $rc = 4 && grep -q 'certificate did not verify' $T/err"
	mn --mn-id mn1@example.net --psk-file $H/mn1.psk --name other.example.net
	check "certificate without the expected name: exit 4" \
		sh -c "test $rc = 4 && grep -q 'hostname mismatch' $T/err"
	wait $spid
	hrc=$?
	spid=
	check "the HAC logged each outcome (2 provisioned, 4 refused, 2 TLS failures) and exits 1" \
		sh -c "test $hrc = 1 && test \$(grep -c '^provisioned' $H/hac.log) = 2 && test \$(grep -c '^refused' $H/hac.log) = 4 && test \$(grep -c '^failed' $H/hac.log) = 2"
	hac_start 1 --test-bad-auth
	mn --mn-id mn1@example.net --psk-file $H/mn1.psk
	check "a Done response with a bad auth value: exit 6, nothing provisioned" \
		sh -c "test $rc = 6 && grep -q \"HAC's auth does not verify\" $T/err && ! test -s $T/out"
	wait $spid
	spid=
	mn --mn-id mn1@example.net --psk-file $H/mn1.psk --timeout 2
	check "HAC unreachable: exit 3" \
		sh -c "test $rc = 3 && grep -q 'unreachable' $T/err"
else
	nok "openssl (scripts/deps.sh) is needed for the hac/mn CLI tests"
fi

# ---- install ----------------------------------------------------------------
run ${MAKE:-make} -s install DESTDIR="$PWD/$T/dest" PREFIX=/usr
check "make install honours DESTDIR and PREFIX" \
	test "$rc" = 0 -a -x "$T/dest/usr/bin/psac"

echo "1..$n"
