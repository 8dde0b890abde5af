// SPDX-License-Identifier: GPL-2.0
/*
 * psac: DHCPv6 PSAC target server (SA provisioning into XFRM) and the
 * RFC 6618 MN-HA UDP encapsulation datapath.
 *
 * Module init/exit and per-network-namespace state.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/init.h>
#include <net/rtnetlink.h>

#include "psac.h"
#include "compat.h"

unsigned int psac_net_id __read_mostly;

/* Set and read under RTNL; the ops are this module's own code. */
static const struct psac_mnha_ops *psac_mnha_ops;

void psac_mnha_ops_set(const struct psac_mnha_ops *ops)
{
	rtnl_lock();
	psac_mnha_ops = ops;
	rtnl_unlock();
}

/* Process context; takes RTNL (callers may hold the target lock). */
int psac_core_mnha_sa_add(struct net *net, const struct psac_mnha_push *p)
{
	int ret = -EOPNOTSUPP;

	rtnl_lock();
	if (psac_mnha_ops)
		ret = psac_mnha_ops->sa_add(net, p);
	rtnl_unlock();
	return ret;
}

void psac_core_mnha_sa_del(struct net *net, int ifindex, u32 spi,
			   const struct in6_addr *hoa6)
{
	rtnl_lock();
	if (psac_mnha_ops)
		psac_mnha_ops->sa_del(net, ifindex, spi, hoa6);
	rtnl_unlock();
}

static int __net_init psac_net_init(struct net *net)
{
	struct psac_net *pn = psac_pernet(net);

	pn->net = net;
	psac_mnha_net_init(&pn->mnha);
	return psac_target_net_init(net, &pn->target);
}

static void __net_exit psac_net_pre_exit(struct net *net)
{
	psac_mnha_net_pre_exit(net, &psac_pernet(net)->mnha);
}

static void __net_exit psac_net_exit(struct net *net)
{
	psac_target_net_exit(&psac_pernet(net)->target);
}

static struct pernet_operations psac_net_ops = {
	.init = psac_net_init,
	.pre_exit = psac_net_pre_exit,
	.exit = psac_net_exit,
	.id = &psac_net_id,
	.size = sizeof(struct psac_net),
};

static int __init psac_init(void)
{
	int err;

	err = register_pernet_subsys(&psac_net_ops);
	if (err)
		return err;

	err = psac_mnha_init();
	if (err)
		goto err_pernet;

	err = psac_netlink_init();
	if (err)
		goto err_mnha;

	pr_info("version %s loaded\n", PSAC_MODULE_VERSION);
	return 0;

err_mnha:
	psac_mnha_exit();
err_pernet:
	unregister_pernet_subsys(&psac_net_ops);
	return err;
}

static void __exit psac_exit(void)
{
	psac_netlink_exit();
	psac_mnha_exit();
	unregister_pernet_subsys(&psac_net_ops);
	pr_info("unloaded\n");
}

module_init(psac_init);
module_exit(psac_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("DHCPv6 PSAC SA provisioning and RFC 6618 MN-HA datapath");
MODULE_VERSION(PSAC_MODULE_VERSION);
MODULE_ALIAS_GENL_FAMILY(PSAC_GENL_NAME);
MODULE_ALIAS_RTNL_LINK(PSAC_MNHA_KIND);
