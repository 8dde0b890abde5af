# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The sources of kmod/lib, the wire codec: listed once, for psac.ko's
# Kbuild and every user-space build that links the codec (tools, selftest
# helpers, the Wireshark plugin, the unit tests and the fuzzers).
PSAC_LIB_SRCS := dhcp6.c dhcp6_write.c mnha_hdr.c replay.c sa_alg.c
