#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Privilege matrix of the psac generic netlink family (nlpriv: every
# command of uapi/linux/psac.h, taken from the header at compile time):
# every do and dump fails with EPERM for an unprivileged user and for root
# without CAP_NET_ADMIN, and works for uid 65534 holding only
# CAP_NET_ADMIN (ambient); no reply of any command carries a PSK, KEYMAT
# or MN-HA key, in raw octets or as a key attribute; a PSK in one
# namespace does not authenticate SACONFIGURATION in another; root of a
# user namespace (uid 65534 outside) configures psac in a network namespace
# it owns and is refused in one it does not.
. /selftests/lib.sh

T=/tmp/psac_privs
mkdir -p $T
hexkey() { head -c "$1" /dev/urandom | hexdump -v -e '/1 "%02x"'; }
stat() { psac -n "$1" target stats | awk -v k="$2" '$1 == k { print $2 }'; }
# uid/gid nobody, no capability at all
SP=/usr/local/bin/setpriv
UNPRIV="$SP --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
--ambient-caps=-all --bounding-set=-all --"
# root, every capability but CAP_NET_ADMIN
NO_NETADMIN="$SP --inh-caps=-all --ambient-caps=-all --bounding-set=-net_admin --"
# uid/gid nobody with CAP_NET_ADMIN only (ambient, so it survives execve)
NETADMIN="$SP --reuid=65534 --regid=65534 --clear-groups \
--inh-caps=-all,+net_admin --ambient-caps=-all,+net_admin --bounding-set=-all,+net_admin --"

check "modprobe psac" modprobe psac
check "namespaces up" topo3_up
hexkey 32 >$T/psk
check "PSK key-id 7 in tgt" psac -n tgt target psk add 7 --key-file $T/psk

# --- 1. the command matrix -----------------------------------------------------
check "every command with a handler has GENL_UNS_ADMIN_PERM" ip netns exec tgt nlpriv ops
ip netns exec tgt nlpriv ops | sed 's/^/# /'
check_match "the CAP_NET_ADMIN-only caller really is uid 65534 with CapEff 0x1000" \
	'^Uid:.65534.*CapEff:.0000000000001000' \
	sh -c "$NETADMIN grep -E '^(Uid|CapEff)' /proc/self/status | tr '\n' ' '"
check_match "the unprivileged caller has no capability" 'CapEff:.0000000000000000' \
	$UNPRIV grep CapEff /proc/self/status
check "unprivileged (uid 65534, no capabilities): EPERM for every do and dump" \
	ip netns exec tgt $UNPRIV nlpriv expect-eperm
check "root without CAP_NET_ADMIN: EPERM for every do and dump" \
	ip netns exec tgt $NO_NETADMIN nlpriv expect-eperm
check "uid 65534 with CAP_NET_ADMIN only: nothing refused, INFO_GET and dumps work" \
	ip netns exec tgt $NETADMIN nlpriv expect-allowed
ip netns exec tgt $NETADMIN nlpriv expect-allowed | sed 's/^/# /'
check "uid 65534 with CAP_NET_ADMIN only: psac target psk add works" \
	ip netns exec tgt $NETADMIN psac target psk add 8 --key $(hexkey 16)
check_match "and psac target psk list shows it" 'key-id 8' psac -n tgt target psk list
check_match "unprivileged psac target psk del: refused" 'CAP_NET_ADMIN' \
	ip netns exec tgt $UNPRIV psac target psk del 8
check_match "so key-id 8 is still there" 'key-id 8' psac -n tgt target psk list

# --- 2. no key ever leaves the kernel ---------------------------------------------
check "SACONFIGURATION with one SA pair" psac saconf build --psk-file $T/psk \
	--key-id 7 --peer $REQ --encr aes-cbc --bits 128 --integ hmac-sha2-256-128 \
	--ulp udp --dport 53 --spi-in 0x1001 --spi-out 0x2001 --keymat-out $T/k1 -o $T/m1.bin
check_match "installed" 'status Success' ip netns exec srv psac saconf send $T/m1.bin \
	--to $TGT --wait-reply 5 --psk-file $T/psk
keymat=$(. $T/k1; echo "${PSAC_SA0_KEYMAT#0x}")
ip -n tgt link add mnha0 type mnha
EK=$(hexkey 16) IK=$(hexkey 20) EK2=$(hexkey 16) IK2=$(hexkey 20)
check "an MN-HA SA with four known keys" ip netns exec tgt mnhactl sa add mnha0 \
	spi 0x100 suite aes128-hmac-sha1 ekey-mn2ha $EK ikey-mn2ha $IK ekey-ha2mn $EK2 \
	ikey-ha2mn $IK2 hoa6 2001:db8:100::10
check_match "scan: every do and dump, no PSK, KEYMAT or MN-HA key in any reply" \
	' 0 leaks$' ip netns exec tgt nlpriv scan "$(cat $T/psk)" "$keymat" $EK $IK $EK2 $IK2
# the scan must be able to fail: the SA dump does carry the SPI octets
check_match "scan self-test: a value that is in a reply (the SA's peer address) is found" \
	' [1-9][0-9]* leaks$' ip netns exec tgt nlpriv scan 20010db8000200000000000000000002
check_fail "psac -j target psk list has no key field" \
	sh -c "psac -n tgt -j target psk list | grep -qi '\"key\"'"

# --- 3. namespace isolation ---------------------------------------------------------
# tgt2: the same topology role as tgt, reached by srv2; same key-id, other key.
ip netns add srv2
ip netns add tgt2
ip -n srv2 link set lo up
ip -n tgt2 link set lo up
ip link add s0 netns srv2 type veth peer name t0 netns tgt2
ip -n srv2 addr add $SRV/64 dev s0 nodad
ip -n tgt2 addr add $TGT_S/64 dev t0 nodad
ip -n tgt2 addr add $TGT/128 dev lo
ip -n srv2 link set s0 up
ip -n tgt2 link set t0 up
ip -n srv2 route add 2001:db8:2::/64 via $TGT_S
check "srv2 reaches tgt2" ip netns exec srv2 ping -c 1 -W 5 $TGT
# psac hooks a namespace's input only while it has a PSK: without one,
# SACONFIGURATION is not even looked at there.
check "the same message to tgt2 (no PSK there) is refused" \
	sh -c "! ip netns exec srv2 psac saconf send $T/m1.bin --to $TGT --wait-reply 3 \
	--psk-file $T/psk 2>&1 | grep -q 'status Success'"
check_match "tgt2 without a PSK does not even receive it (rx 0)" '^rx 0$' \
	psac -n tgt2 target stats
check "and nothing installed in tgt2" test "$(ip -n tgt2 xfrm state | grep -c '^src ')" = 0
check "tgt2 gets key-id 7 with another key" psac -n tgt2 target psk add 7 --key $(hexkey 32)
check "a fresh message for tgt (tgt's PSK) sent to tgt2" psac saconf build \
	--psk-file $T/psk --key-id 7 --peer $REQ --encr aes-gcm-16 --bits 128 \
	--ulp udp --dport 54 --spi-in 0x1002 --spi-out 0x2002 -o $T/m2.bin
ip netns exec srv2 psac saconf send $T/m2.bin --to $TGT --wait-reply 5 \
	--psk-file $T/psk >$T/m2.out 2>&1
check_fail "is not authenticated by tgt2's key-id 7" grep -q 'status Success' $T/m2.out
check_match "counted as an authentication failure in tgt2" '^auth-fail 1$' psac -n tgt2 target stats
check "nothing installed in tgt2" test "$(ip -n tgt2 xfrm state | grep -c '^src ')" = 0
check "tgt's counters did not move (installed 1, auth-fail 0)" \
	test "$(stat tgt installed)/$(stat tgt auth-fail)" = "1/0"
check_match "the same message still works in tgt, its own namespace" 'status Success' \
	ip netns exec srv psac saconf send $T/m2.bin --to $TGT --wait-reply 5 --psk-file $T/psk

ip netns del srv2
ip netns del tgt2

# --- 4. user namespaces ---------------------------------------------------------------
# GENL_UNS_ADMIN_PERM: CAP_NET_ADMIN over the user namespace owning the
# network namespace.  uid 65534 creates a user namespace (busybox unshare -r
# maps it to root there) with or without a network namespace of its own.
[ -w /proc/sys/kernel/unprivileged_userns_clone ] && echo 1 >/proc/sys/kernel/unprivileged_userns_clone
NOBODY="$SP --reuid=65534 --regid=65534 --clear-groups --"
check_match "uid 65534 in its own user and network namespace is root there, with capabilities" \
	'^Uid:.0[^0-9].*CapEff:.[0-9a-f]*[1-9a-f]' \
	sh -c "$NOBODY unshare -r -n grep -E '^(Uid|CapEff)' /proc/self/status | tr '\n' ' '"
check "in a network namespace it owns: nothing refused, INFO_GET and dumps work" \
	$NOBODY unshare -r -n nlpriv expect-allowed
check_match "in a network namespace it owns: psac target psk add, list" 'key-id 9' \
	$NOBODY unshare -r -n sh -c "psac target psk add 9 --key $(hexkey 16) && psac target psk list"
check_match "in a network namespace it owns: an mnha device and its SA" 'mnha9 spi 0x0000101 suite aes128-gcm' \
	$NOBODY unshare -r -n sh -c "ip link add mnha9 type mnha && \
	psac mnha sa add mnha9 spi 0x101 suite aes128-gcm ekey-mn2ha $(hexkey 20) \
	ekey-ha2mn $(hexkey 20) hoa 2001:db8:100::9 && psac mnha sa list mnha9"
check "in the initial network namespace (not its own): EPERM for every do and dump" \
	$NOBODY unshare -r nlpriv expect-eperm
check_match "so psac target psk add there is refused" 'CAP_NET_ADMIN' \
	$NOBODY unshare -r psac target psk add 10 --key $(hexkey 16)
check_fail "and the initial namespace has no key-id 10" \
	sh -c "psac target psk list | grep -q 'key-id 10'"

topo3_down
sleep 1
check "rmmod psac" rmmod psac
finish
