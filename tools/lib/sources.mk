# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# The tools' shared library (tools/lib: the codec binding, netlink, XFRM,
# crypto, configuration, output): listed once, for tools/Makefile and the
# fuzzers (kmod/tests/fuzz).  Paths are relative to tools/lib.
PSAC_TOOLS_LIB_SRCS := conf.c crypto.c dhcp6msg.c genl.c genl_cmd.c util.c \
	provision.c xfrm.c mnha_sa.c mhauth.c mhauth_tls.c saconf_xchg.c \
	sa_opts.c run_opts.c
