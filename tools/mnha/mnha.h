/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac mnha (tools/mnha/): the RFC 6618 MN-HA datapath's control over
 * netlink.  cmd_mnha.c has the help, the dispatch and the shared helpers;
 * then
 *   dev.c      mnha dev set/show
 *   sa.c       mnha sa add/del (keys from options or a keys file)
 *   sa_list.c  mnha sa list and mnha monitor (the SA events)
 */
#ifndef PSAC_TOOLS_MNHA_H
#define PSAC_TOOLS_MNHA_H

#include <stddef.h>
#include <stdint.h>

#include "genl.h"
#include "util.h"

#define usage_err(...)	psac_usage_err("mnha", __VA_ARGS__)

/* binary in6_addr or in_addr attribute as text; "" when absent */
int psac_mha_get_addr(const struct nlattr *a, char *buf, size_t len);
/* DEV -> ifindex, with a useful message */
int psac_mha_dev_index(const char *dev, uint32_t *ifindex, const char *what);
void psac_mha_dev_name(uint32_t ifindex, const struct nlattr *ifname,
		       char *buf);
const char *psac_mha_suite_name(uint16_t id, char *buf, size_t len);
int psac_mha_dev_set(int argc, char **argv);
int psac_mha_dev_show(int argc, char **argv);
int psac_mha_sa_add(int argc, char **argv);
int psac_mha_sa_del(int argc, char **argv);
int psac_mha_sa_list(int argc, char **argv);
int psac_mha_monitor(int argc, char **argv);

#endif /* PSAC_TOOLS_MNHA_H */
