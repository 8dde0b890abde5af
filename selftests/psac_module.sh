#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Foundation: psac.ko loads, registers generic netlink family "psac",
# answers PSAC_CMD_INFO_GET, refuses unprivileged callers, is autoloaded by
# a family lookup (MODULE_ALIAS_GENL_FAMILY), and unloads leaving no trace.
. /selftests/lib.sh

kver=$(uname -r)
check "modprobe psac loads the module on $kver" modprobe psac
check_match "module is live in /sys/module" '^live$' cat /sys/module/psac/initstate
check_match "generic netlink family 'psac' is registered" 'Name: psac' genl ctrl get name psac
mcg=$(genl ctrl get name psac 2>&1)
check_match "family has the 'target' multicast group" 'name: target' echo "$mcg"
check_match "family has the 'mnha' multicast group" 'name: mnha' echo "$mcg"
check_match "psac info answers with the module version" \
	"version: $(cat /sys/module/psac/version)" psac info
check_match "psac -j info prints JSON" '"version": *"' psac -j info
check_match "psac info is refused without CAP_NET_ADMIN" 'CAP_NET_ADMIN' \
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
	--bounding-set=-all psac info
check "rmmod psac unloads cleanly" rmmod psac
check_fail "module is gone from /sys/module after rmmod" test -d /sys/module/psac

# A family lookup loads the module by its alias, as for any genl family.
check_match "psac info autoloads psac.ko (net-pf-16-proto-16-family-psac)" \
	'version: ' psac info
check "autoloaded module is live" test -d /sys/module/psac
check "rmmod again" rmmod psac

# With module autoloading disabled, the tool must say what is wrong.
modprobe_path=$(cat /proc/sys/kernel/modprobe)
echo /bin/false >/proc/sys/kernel/modprobe
check_fail "family is gone after rmmod" genl ctrl get name psac
check_match "psac info says the module is not loaded" 'not loaded' psac info
psac info >/dev/null 2>&1
check "psac info without the module exits 2" test $? -eq 2
echo "$modprobe_path" >/proc/sys/kernel/modprobe

# The target parameters are deprecated (docs/target.md): still honoured in
# this release, with a warning naming what replaces them.
dmesg -C
check "modprobe psac with a deprecated parameter (target_port=547)" \
	modprobe psac target_port=547
check_match "the kernel log names it and 'psac target config set'" \
	"target_port is deprecated.*psac target config set" dmesg
check_match "it still sets the initial namespace's port" '^port 547$' \
	psac target config show
check_fail "a default value is not warned about" \
	sh -c "dmesg | grep -q 'target_enable is deprecated'"
check "rmmod after the deprecated parameter" rmmod psac
finish
