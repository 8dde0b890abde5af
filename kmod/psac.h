/* SPDX-License-Identifier: GPL-2.0 */
/*
 * psac core: shared by main.c, netlink.c and the role folders (target/,
 * mnha/), which never include each other.
 */
#ifndef _PSAC_H
#define _PSAC_H

#include <linux/types.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/genetlink.h>
#include <linux/psac.h>

#include "target/target.h"
#include "mnha/mnha.h"

#define PSAC_MODULE_VERSION "0.1.0"

/* Multicast group indexes in psac_genl_family.mcgrps. */
enum {
	PSAC_MCGRP_TARGET_IDX,
	PSAC_MCGRP_MNHA_IDX,
};

/* Per network namespace state; each role has its own member. */
struct psac_net {
	struct net *net;
	struct psac_target_net target;
	struct psac_mnha_net mnha;
};

extern unsigned int psac_net_id;

static inline struct psac_net *psac_pernet(const struct net *net)
{
	return net_generic(net, psac_net_id);
}

extern struct genl_family psac_genl_family;

int psac_netlink_init(void);
void psac_netlink_exit(void);

#endif /* _PSAC_H */
