#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# uapi/psac.yaml drives the real module: the kernel's own YNL CLI
# (tools/net/ynl/cli.py of linux-source-6.12) adds, lists, replaces and
# deletes PSKs, reads and changes the target configuration and counters,
# configures an mnha device and adds and dumps an MN-HA SA, and psac(8)
# sees the same state.  Needs python3 in the initramfs: run it through
# scripts/eco/ynl-vm.sh (VM_STAGE_HOOK=selftests/ynl/stage.sh).
. /selftests/lib.sh

ynl() {
	PYTHONPATH=/usr/lib/python3/dist-packages /usr/bin/python3 -S /opt/ynl/cli.py \
		--spec /opt/ynl/psac.yaml --no-schema --output-json "$@"
}

check "modprobe psac" modprobe psac
ver=$(cat /sys/module/psac/version)
check_match "ynl info-get reports the module version $ver" "\"version\": \"$ver\"" ynl --do info-get
check_match "ynl info-get decodes the feature flags (target, mnha)" \
	'"features": \[("target", "mnha"|"mnha", "target")\]' ynl --do info-get

key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
check "ynl psk-add key-id 7 (32-octet key, realm 'lab')" \
	ynl --do psk-add --json "{\"psk\": {\"key-id\": 7, \"key\": \"$key\", \"realm\": \"6c6162\"}}"
check_match "ynl psk-get dump lists key-id 7 with its realm" \
	'"key-id": 7, "realm": "6c6162"' ynl --dump psk-get
check_fail "ynl psk-get never returns the key" sh -c "ynl --dump psk-get | grep -q '\"key\"'"
check_match "psac target psk list sees the PSK ynl added" 'key-id 7 realm lab' psac target psk list
check_fail "ynl psk-add of an existing key-id without replace is refused" \
	ynl --do psk-add --json "{\"psk\": {\"key-id\": 7, \"key\": \"$key\"}}"
check "ynl psk-add with the replace flag replaces it" \
	ynl --do psk-add --json "{\"psk\": {\"key-id\": 7, \"key\": \"${key}aa\", \"replace\": true}}"
check_fail "a 15-octet key is refused by the policy (min-len 16)" \
	ynl --do psk-add --json '{"psk": {"key-id": 8, "key": "000102030405060708090a0b0c0d0e"}}'
check_fail "a read-only attribute (rx-counter) in a request is refused" \
	ynl --do psk-add --json "{\"psk\": {\"key-id\": 9, \"key\": \"$key\", \"rx-counter\": 1}}"
check_match "only key-id 7 is configured" '^\[\{"psk": \{"key-id": 7,' ynl --dump psk-get

check_match "ynl target-config-get: port 546, code points 240/241/65283/65284" \
	'"port": 546, "msg-saconfig": 240, "msg-saconfig-reply": 241, "opt-sa": 65283, "opt-sa-list": 65284' \
	ynl --do target-config-get
check "ynl target-config-set port 5460" \
	ynl --do target-config-set --json '{"target-config": {"port": 5460}}'
check_match "psac target config shows the port ynl set" 'port 5460' psac target config
check_fail "ynl target-config-set port 0 is refused (min 1)" \
	ynl --do target-config-set --json '{"target-config": {"port": 0}}'
check_match "ynl target-stats-get returns the counters" '"target-stats": \{"rx": 0,' \
	ynl --do target-stats-get
check "ynl psk-del key-id 7" ynl --do psk-del --json '{"psk": {"key-id": 7}}'
check_match "psac target psk list is empty again" '^$' psac target psk list

# MN-HA: an mnha device and an SA through the spec.
ip link add mnha0 type mnha
ifi=$(cat /sys/class/net/mnha0/ifindex)
check "ynl mnha-dev-set role ha port 7900 (enum by name)" \
	ynl --do mnha-dev-set --json "{\"ifindex\": $ifi, \"mnha-dev\": {\"role\": \"ha\", \"port\": 7900}}"
check_match "ynl mnha-dev-get: ifname, role ha, port 7900, no SA" \
	'"ifname": "mnha0", "role": "ha", "port": 7900, .*"sa-count": 0' \
	ynl --do mnha-dev-get --json "{\"ifindex\": $ifi}"
ekey=000102030405060708090a0b0c0d0e0f10111213
check "ynl mnha-sa-add spi 0x100 aes128-gcm hoa 2001:db8:100::2" \
	ynl --do mnha-sa-add --json "{\"ifindex\": $ifi, \"mnha-sa\": {\"spi\": 256, \"suite\": 156,
		\"ekey-mn2ha\": \"$ekey\", \"ekey-ha2mn\": \"$ekey\",
		\"hoa6\": \"20010db8010000000000000000000002\", \"scope\": 1}}"
check_match "ynl mnha-sa-get dump: spi 256, suite 156, state active, hoa6 shown as IPv6" \
	'"spi": 256, "suite": 156, "state": "active", "scope": 1, "hoa6": "2001:db8:100::2"' \
	ynl --dump mnha-sa-get
check_match "psac mnha sa list sees the SA ynl added" 'spi 0x0000100 suite aes128-gcm' psac mnha sa list
check_fail "ynl mnha-sa-add spi 0x10000000 is refused (28-bit SPI)" \
	ynl --do mnha-sa-add --json "{\"ifindex\": $ifi, \"mnha-sa\": {\"spi\": 268435456, \"suite\": 156,
		\"ekey-mn2ha\": \"$ekey\", \"ekey-ha2mn\": \"$ekey\", \"hoa6\": \"20010db8010000000000000000000003\"}}"
check "ynl mnha-sa-del spi 256" ynl --do mnha-sa-del --json "{\"ifindex\": $ifi, \"mnha-sa\": {\"spi\": 256}}"
check_match "no SA left" '^\[\]$' ynl --dump mnha-sa-get
ip link del mnha0
check "rmmod psac" rmmod psac
finish
