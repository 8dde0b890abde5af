// SPDX-License-Identifier: GPL-2.0
/*
 * MN-HA SAs pushed over PSAC: the target role authenticates a
 * SACONFIGURATION, unwraps an OPTION_SA of mode 3 and calls these ops
 * (through the module core, kmod/main.c) to install it into the home agent
 * device of its namespace.  See docs/target.md.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/ipv6.h>

#include "mnha.h"
#include "../psac.h"

/*
 * The home agent device of @net on @port: exactly one must listen there
 * (the mobile node sends to that port).  RTNL held.
 */
static struct psac_mnha_dev *psac_mnha_push_dev(struct net *net, u16 port)
{
	struct psac_mnha_dev *found = NULL, *md;
	struct net_device *dev;

	ASSERT_RTNL();
	for_each_netdev(net, dev) {
		if (!psac_is_mnha_dev(dev) ||
		    dev->reg_state != NETREG_REGISTERED)
			continue;
		md = netdev_priv(dev);
		if (md->role != PSAC_MNHA_ROLE_HA || md->port != port)
			continue;
		if (found)
			return ERR_PTR(-ENOTUNIQ);
		found = md;
	}
	return found ?: ERR_PTR(-ENODEV);
}

static int psac_mnha_push_add(struct net *net, const struct psac_mnha_push *p)
{
	const struct psac_mnha_suite *s = p->suite;
	const u8 *k = p->keymat;
	struct psac_mnha_dev *md;
	struct psac_mnha_sa *sa;
	int err;

	md = psac_mnha_push_dev(net, p->port);
	if (IS_ERR(md))
		return PTR_ERR(md);

	sa = psac_mnha_sa_alloc(md);
	if (!sa)
		return -ENOMEM;
	sa->spi = p->spi;
	sa->suite = s;
	sa->has_hoa6 = true;
	sa->hoa6 = p->hoa6;
	/* mip6-sas is not carried in OPTION_SA: the SA protects all traffic */
	sa->scope = 1;
	sa->valid_until = p->valid_until;
	/* KEYMAT: mn-to-ha ekey | ikey | ha-to-mn ekey | ikey */
	err = psac_mnha_sa_set_keys(sa, k, s->ikey_len ? k + s->ekey_len : NULL,
				    k + s->ekey_len + s->ikey_len,
				    s->ikey_len ?
				    k + 2 * s->ekey_len + s->ikey_len : NULL);
	if (!err)
		err = psac_mnha_sa_install(md, sa, true, NULL);
	if (err) {
		psac_mnha_sa_put(sa);
		return err;
	}
	return md->dev->ifindex;
}

static void psac_mnha_push_del(struct net *net, int ifindex, u32 spi,
			       const struct in6_addr *hoa6)
{
	struct net_device *dev;

	ASSERT_RTNL();
	dev = __dev_get_by_index(net, ifindex);
	if (dev && psac_is_mnha_dev(dev))
		psac_mnha_sa_del(netdev_priv(dev), spi, hoa6);
}

static const struct psac_mnha_ops psac_mnha_push_ops = {
	.sa_add = psac_mnha_push_add,
	.sa_del = psac_mnha_push_del,
};

/**
 * psac_mnha_push_init() - let the target role install MN-HA SAs
 *
 * Registers the ops (psac_mnha_ops_set()) through which the target role
 * installs an OPTION_SA of mode 3 into the home agent device of its
 * namespace listening on the SA's port, and removes it again.
 *
 * Context: Process context.  Takes RTNL.
 */
void psac_mnha_push_init(void)
{
	psac_mnha_ops_set(&psac_mnha_push_ops);
}

/**
 * psac_mnha_push_exit() - withdraw the ops of psac_mnha_push_init()
 *
 * Once it returns, no call into them is running.
 *
 * Context: Process context.  Takes RTNL.
 */
void psac_mnha_push_exit(void)
{
	psac_mnha_ops_set(NULL);
}
