#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Foundation: psac.ko loads, registers generic netlink family "psac",
# answers PSAC_CMD_INFO_GET, refuses unprivileged callers, and unloads
# leaving no trace.
. /selftests/lib.sh

kver=$(uname -r)
check "modprobe psac loads the module on $kver" modprobe psac
check_match "module is live in /sys/module" '^live$' cat /sys/module/psac/initstate
check_match "generic netlink family 'psac' is registered" 'Name: psac' genl ctrl get name psac
mcg=$(genl ctrl get name psac 2>&1)
check_match "family has the 'target' multicast group" 'name: target' echo "$mcg"
check_match "family has the 'mnha' multicast group" 'name: mnha' echo "$mcg"
check_match "psac info answers with the module version" \
	"version $(cat /sys/module/psac/version)" psac info
check_match "psac -j info prints JSON" '"version": *"' psac -j info
check_match "psac info is refused without CAP_NET_ADMIN" 'CAP_NET_ADMIN' \
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all psac info
check "rmmod psac unloads cleanly" rmmod psac
check_fail "family is gone after rmmod" genl ctrl get name psac
check_match "psac info says the module is not loaded once it is gone" \
	'not loaded' psac info
finish
