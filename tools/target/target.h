/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac target (tools/target/): the target role's control over netlink.
 * cmd_target.c has the help, the dispatch and the shared helpers; then
 *   psk.c     target psk add/del/list
 *   config.c  target config show/set
 *   sa.c      target sa list/del and target monitor (the SA events)
 *   stats.c   target stats
 */
#ifndef PSAC_TOOLS_TARGET_H
#define PSAC_TOOLS_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "genl.h"
#include "util.h"

#define usage_err(...)	psac_usage_err("target", __VA_ARGS__)

/* No argument after the command word, or a request for help. */
int psac_tgt_no_args(int argc, char **argv, const char *what, int *ret);
int psac_tgt_get_in6(const struct nlattr *a, char *buf, size_t len);
int psac_tgt_psk_add(int argc, char **argv);
int psac_tgt_psk_del(int argc, char **argv);
int psac_tgt_psk_list(int argc, char **argv);
int psac_tgt_config_show(int argc, char **argv);
int psac_tgt_config_set(int argc, char **argv);
int psac_tgt_sa_list(int argc, char **argv);
int psac_tgt_sa_del(int argc, char **argv);
int psac_tgt_stats(int argc, char **argv);
int psac_tgt_monitor(int argc, char **argv);

#endif /* PSAC_TOOLS_TARGET_H */
