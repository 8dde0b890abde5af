# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# The tools' shared sources (everything but the command entry points):
# listed once, for tools/Makefile and the fuzzers (kmod/tests/fuzz).
PSAC_TOOLS_LIB_SRCS := conf.c crypto.c dhcp6msg.c genl.c genl_cmd.c util.c \
	provision.c xfrm.c mnha_sa.c mhauth.c mhauth_tls.c saconf_xchg.c \
	sa_opts.c run_opts.c
