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

/**
 * psac_mnha_ops_set() - register or unregister the mnha role's SA ops
 * @ops: the ops, or NULL to unregister
 *
 * The target role reaches the mnha role only through these ops, by
 * psac_core_mnha_sa_add() and psac_core_mnha_sa_del().  Calls run under
 * RTNL, so once this returns no call into the previous ops is running.
 *
 * Context: Process context.  Takes RTNL.
 */
void psac_mnha_ops_set(const struct psac_mnha_ops *ops)
{
	rtnl_lock();
	psac_mnha_ops = ops;
	rtnl_unlock();
}

/**
 * psac_core_mnha_sa_add() - install an MN-HA SA that arrived over PSAC
 * @net: network namespace of the home agent device
 * @p: the SA: SPI, device port, suite, home address, validity, KEYMAT
 *
 * Calls the sa_add() of the ops psac_mnha_ops_set() registered.
 *
 * Context: Process context.  Takes RTNL (callers may hold the target
 * lock).
 *
 * Return: the ifindex of the home agent device now holding the SA,
 * -EOPNOTSUPP if no ops are registered, or the ops' error: -ENODEV (no
 * home agent device on @p->port), -ENOTUNIQ (several), -EEXIST (the SPI
 * or home address belongs to another SA), another negative errno.
 */
int psac_core_mnha_sa_add(struct net *net, const struct psac_mnha_push *p)
{
	int ret = -EOPNOTSUPP;

	rtnl_lock();
	if (psac_mnha_ops)
		ret = psac_mnha_ops->sa_add(net, p);
	rtnl_unlock();
	return ret;
}

/**
 * psac_core_mnha_sa_del() - remove an MN-HA SA installed over PSAC
 * @net: network namespace of the device
 * @ifindex: the device, as psac_core_mnha_sa_add() returned it
 * @spi: the SA's SPI
 * @hoa6: its IPv6 home address: the SA is removed only if it still has it
 *
 * Does nothing if no ops are registered, the device is gone or it no
 * longer holds that SA.
 *
 * Context: Process context.  Takes RTNL (callers may hold the target
 * lock).
 */
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

	psac_target_params_warn();
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
