#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demonstration scenario run by `make demo` inside the VM.  Lines
# starting with '| ' are the story shown to the user; TAP lines prove it.
. /selftests/lib.sh

say() { echo "| $*"; }

say "kernel $(uname -r): loading psac.ko"
check "psac.ko loads" modprobe psac
say "$(psac info 2>&1)"
say "generic netlink family:"
genl ctrl get name psac 2>&1 | sed 's/^/|   /'
check_match "psac info answers" 'version' psac info
check "psac.ko unloads" rmmod psac
say "psac.ko unloaded cleanly"
finish
