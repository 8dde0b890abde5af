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

/*
 * MN-HA SAs over PSAC (docs/wire-format.md): the target role receives an
 * OPTION_SA of mode 3 and hands it to the mnha role through these ops,
 * which the mnha role registers at module init.  The two roles never call
 * each other directly.
 */
struct psac_mnha_push {
	u32 spi;			/* 28 bits, both directions */
	u16 port;			/* the home agent device's UDP port */
	const struct psac_mnha_suite *suite;
	struct in6_addr hoa6;		/* the mobile node's home address */
	u64 valid_until;		/* CLOCK_REALTIME s, 0: none */
	const u8 *keymat;		/* mn2ha ekey|ikey|ha2mn ekey|ikey */
};

struct psac_mnha_ops {
	/*
	 * Installs @p into the home agent mnha device of @net listening on
	 * @p->port.  RTNL held.  Returns that device's ifindex, or -ENODEV
	 * (no such device), -ENOTUNIQ (several), -EEXIST (the SPI or home
	 * address belongs to another SA), another -errno.
	 */
	int (*sa_add)(struct net *net, const struct psac_mnha_push *p);
	/* Removes the SA @spi of @hoa6 from device @ifindex if still there. */
	void (*sa_del)(struct net *net, int ifindex, u32 spi,
		       const struct in6_addr *hoa6);
};

/* main.c: registration (NULL to unregister) and the calls, under RTNL. */
void psac_mnha_ops_set(const struct psac_mnha_ops *ops);
int psac_core_mnha_sa_add(struct net *net, const struct psac_mnha_push *p);
void psac_core_mnha_sa_del(struct net *net, int ifindex, u32 spi,
			   const struct in6_addr *hoa6);

int psac_nl_parse_nest(struct genl_info *info, int attr, int maxtype,
		       const struct nla_policy *policy, struct nlattr **tb);
int psac_netlink_init(void);
void psac_netlink_exit(void);

#endif /* _PSAC_H */
