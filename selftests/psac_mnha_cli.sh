#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `psac mnha` against the module: mnha device configuration and SA
# add/replace/list/delete over generic netlink, keys never shown, clear
# errors from the kernel's extack.
. /selftests/lib.sh

T=/tmp/psac_mnha_cli
mkdir -p $T
check "namespaces up" topo3_up
# --- 8. psac mnha against the module (the MN-HA role's configuration) ---------
K20=000102030405060708090a0b0c0d0e0f10111213
K16=00112233445566778899aabbccddeeff
check "modprobe psac" modprobe psac
check "ip link add mnha0 type mnha (in tgt)" ip -n tgt link add mnha0 type mnha
check "mnha dev set: role ha, port 7872, local address" \
	psac -n tgt mnha dev set mnha0 role ha port 7872 local $TGT_S
check_match "mnha dev show: role, port, local, no SA" \
	"^mnha0 role ha port 7872 local $TGT_S sas 0 rx-drop no-sa 0" \
	psac -n tgt mnha dev show mnha0
printf 'mip6-mn-to-ha-ekey: %s\nmip6-ha-to-mn-ekey: %s\n' $K20 $K20 >$T/mn1.keys
check "mnha sa add: AES-128-GCM from a keys file, HoA, HNP, peer, scope 1" \
	psac -n tgt mnha sa add mnha0 spi 0x100 suite aes128-gcm keys-file $T/mn1.keys \
	hoa 2001:db8:100::2 hnp 2001:db8:100::/64 peer $REQ port 7872 scope 1 \
	valid-until +3600
check "mnha sa add: AES-128-CBC + HMAC-SHA1 on the command line" \
	psac -n tgt mnha sa add mnha0 spi 0x200 suite aes128-hmac-sha1 \
	ekey-mn2ha $K16 ikey-mn2ha $K20 ekey-ha2mn $K16 ikey-ha2mn $K20 \
	hoa 2001:db8:100::3
check_fail "mnha sa add for a HoA that has an SA, without replace" \
	psac -n tgt mnha sa add mnha0 spi 0x300 suite aes128-gcm \
	ekey-mn2ha $K20 ekey-ha2mn $K20 hoa 2001:db8:100::2
check "mnha sa add ... replace: the rekey is accepted" \
	psac -n tgt mnha sa add mnha0 spi 0x300 suite aes128-gcm \
	ekey-mn2ha $K20 ekey-ha2mn $K20 hoa 2001:db8:100::2 replace
check_match "mnha sa list: the SAs with their state, never a key" \
	'mnha0 spi 0x0000300 suite aes128-gcm state pending hoa 2001:db8:100::2' \
	psac -n tgt mnha sa list
check_fail "mnha sa list shows no key" \
	sh -c "psac -n tgt mnha sa list | grep -q $K20"
check "mnha sa del" psac -n tgt mnha sa del mnha0 spi 0x200
check_match "mnha sa del of a missing SPI: the kernel says why" \
	'no SA with this SPI' psac -n tgt mnha sa del mnha0 spi 0x200
check_match "mnha dev set on a device that is not mnha: refused" \
	'not an mnha device' psac -n tgt mnha dev set t1 role ha
check "mnha monitor --timeout 1 without events: exit 3" \
	sh -c "psac -n tgt mnha monitor --timeout 1; test \$? = 3"

topo3_down
rmmod psac
finish
