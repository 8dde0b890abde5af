// SPDX-License-Identifier: GPL-2.0
/*
 * The "mnha" link type: `ip link add mnha0 type mnha`.  A point-to-point,
 * ARP-less, queue-less device whose UDP sockets live in the network
 * namespace it was created in, like WireGuard's.  Role, port and local
 * addresses are set over generic netlink (PSAC_CMD_MNHA_DEV_SET); iproute2
 * knows no attributes of this kind, so creation takes none.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <net/rtnetlink.h>
#include <net/udp_tunnel.h>
#include <net/ipv6.h>
#include <net/ip.h>

#include "mnha.h"
#include "../psac.h"
#include "../compat.h"

struct workqueue_struct *psac_mnha_wq;

bool psac_mnha_force_async;
module_param_named(mnha_async, psac_mnha_force_async, bool, 0644);
MODULE_PARM_DESC(mnha_async,
		 "testing: SAs added from now on run their crypto through pcrypt (asynchronous completion)");

/* The worst-case growth of an inner packet over all suites. */
static unsigned int psac_mnha_overhead(void)
{
	static const u16 ids[] = {
		PSAC_MNHA_SUITE_NULL_HMAC_SHA1, PSAC_MNHA_SUITE_NULL_AES_XCBC,
		PSAC_MNHA_SUITE_3DES_HMAC_SHA1, PSAC_MNHA_SUITE_AES128_HMAC_SHA1,
		PSAC_MNHA_SUITE_AES128_AES_XCBC, PSAC_MNHA_SUITE_AES128_GCM,
		PSAC_MNHA_SUITE_AES256_GCM,
	};
	unsigned int i, o, max = 0;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		o = psac_mnha_max_overhead(psac_mnha_suite_get(ids[i]));
		if (o > max)
			max = o;
	}
	return max;
}

/* ---- sockets ----------------------------------------------------------- */

static void psac_mnha_sock_release(struct sock *sk)
{
	if (sk)
		psac_udp_tunnel_sock_release(sk);
}

static int psac_mnha_sock_open(struct psac_mnha_dev *md, struct net *net,
			       int family, struct sock **skp)
{
	struct udp_tunnel_sock_cfg tcfg = {
		.sk_user_data = md,
		.encap_type = 1,
		.encap_rcv = psac_mnha_udp_rcv,
	};
	struct udp_port_cfg cfg = {
		.family = family,
		.local_udp_port = htons(md->port),
	};
	struct socket *sock;
	int err;

	if (family == AF_INET6) {
		cfg.ipv6_v6only = 1;
		if (md->has_local6)
			cfg.local_ip6 = md->local6;
	} else if (md->has_local4) {
		cfg.local_ip.s_addr = md->local4;
	}
	err = udp_sock_create(net, &cfg, &sock);
	if (err)
		return err;
	psac_udp_tunnel_sock_setup(net, sock, &tcfg);
	*skp = sock->sk;
	return 0;
}

/* Under RTNL. */
static void psac_mnha_sockets_close(struct psac_mnha_dev *md)
{
	struct sock *s4 = rtnl_dereference(md->sock4);
	struct sock *s6 = rtnl_dereference(md->sock6);

	if (!s4 && !s6)
		return;
	RCU_INIT_POINTER(md->sock4, NULL);
	RCU_INIT_POINTER(md->sock6, NULL);
	synchronize_net();
	psac_mnha_sock_release(s4);
	psac_mnha_sock_release(s6);
}

/*
 * Under RTNL.  IPv4 is required; IPv6 is skipped when the namespace has
 * no IPv6 (or only an IPv4 local address is configured).
 */
static int psac_mnha_sockets_open(struct psac_mnha_dev *md)
{
	struct sock *s4 = NULL, *s6 = NULL;
	struct net *net = md->creating_net;
	int err;

	if (!net)
		return -ENONET;
	if (!md->has_local6 || md->has_local4) {
		err = psac_mnha_sock_open(md, net, AF_INET, &s4);
		if (err)
			return err;
	}
	if (!md->has_local4 || md->has_local6) {
		err = psac_mnha_sock_open(md, net, AF_INET6, &s6);
		if (err && (err != -EAFNOSUPPORT || md->has_local6)) {
			psac_mnha_sock_release(s4);
			return err;
		}
	}
	rcu_assign_pointer(md->sock4, s4);
	rcu_assign_pointer(md->sock6, s6);
	return 0;
}

/**
 * psac_mnha_reconfigure() - set a device's role, port and local addresses
 * @md: the device
 * @role: PSAC_MNHA_ROLE_*
 * @port: UDP port of its sockets
 * @local6: IPv6 address to bind to, or NULL
 * @local4: IPv4 address to bind to, or NULL
 * @extack: for error messages
 *
 * PSAC_CMD_MNHA_DEV_SET.  A running device moves to the new port and
 * addresses at once; if its sockets cannot be bound there, the previous
 * port and addresses are restored and rebound (a role change stays).  The
 * role cannot change while SAs exist (it decides which keys are inbound);
 * it is written under sa_lock, where an SA add checks the role its keys
 * were chosen for.
 *
 * Context: Process context; RTNL held.
 *
 * Return: 0, -EBUSY (a role change while SAs exist), or the error of
 * opening the new sockets (-ENONET: the creating namespace is gone).
 */
int psac_mnha_reconfigure(struct psac_mnha_dev *md, u8 role, u16 port,
			  const struct in6_addr *local6,
			  const __be32 *local4, struct netlink_ext_ack *extack)
{
	bool old_has6, old_has4, rebind, busy;
	struct in6_addr old6;
	__be32 old4;
	u16 old_port;
	int err;

	ASSERT_RTNL();
	/* Under sa_lock: an SA add checks the role it keyed for there too. */
	spin_lock_bh(&md->sa_lock);
	busy = role != md->role && md->n_sas;
	if (!busy)
		WRITE_ONCE(md->role, role);
	spin_unlock_bh(&md->sa_lock);
	if (busy) {
		NL_SET_ERR_MSG_MOD(extack, "remove the SAs before changing the role");
		return -EBUSY;
	}
	rebind = port != md->port || !!local6 != md->has_local6 ||
		 !!local4 != md->has_local4 ||
		 (local6 && !ipv6_addr_equal(local6, &md->local6)) ||
		 (local4 && *local4 != md->local4);
	if (!rebind)
		return 0;

	old_port = md->port;
	old_has6 = md->has_local6;
	old_has4 = md->has_local4;
	old6 = md->local6;
	old4 = md->local4;

	md->port = port;
	md->has_local6 = !!local6;
	md->local6 = local6 ? *local6 : in6addr_any;
	md->has_local4 = !!local4;
	md->local4 = local4 ? *local4 : 0;
	if (!(md->dev->flags & IFF_UP))
		return 0;

	psac_mnha_sockets_close(md);
	err = psac_mnha_sockets_open(md);
	if (!err)
		return 0;
	NL_SET_ERR_MSG_MOD(extack, "cannot bind the new port/address");
	md->port = old_port;
	md->has_local6 = old_has6;
	md->has_local4 = old_has4;
	md->local6 = old6;
	md->local4 = old4;
	if (psac_mnha_sockets_open(md))
		netdev_warn(md->dev, "cannot rebind the previous port %u\n",
			    md->port);
	return err;
}

/* ---- netdev ops -------------------------------------------------------- */

static int psac_mnha_open(struct net_device *dev)
{
	return psac_mnha_sockets_open(netdev_priv(dev));
}

static int psac_mnha_stop(struct net_device *dev)
{
	psac_mnha_sockets_close(netdev_priv(dev));
	return 0;
}

static int psac_mnha_init_dev(struct net_device *dev)
{
	struct psac_mnha_dev *md = netdev_priv(dev);
	int err;

	err = psac_netdev_tstats_alloc(dev);
	if (err)
		return err;
	err = gro_cells_init(&md->gcells, dev);
	if (err)
		goto err_tstats;
	err = psac_mnha_tables_init(md);
	if (err)
		goto err_gcells;
	md->gcells_ready = true;
	return 0;

err_gcells:
	gro_cells_destroy(&md->gcells);
err_tstats:
	psac_netdev_tstats_free(dev);
	return err;
}

static void psac_mnha_uninit(struct net_device *dev)
{
	struct psac_mnha_dev *md = netdev_priv(dev);

	psac_mnha_sockets_close(md);
	psac_mnha_sa_flush(md);
	if (!list_empty(&md->net_node))
		list_del_init(&md->net_node);
}

/* After the last reference: asynchronous crypto may have held the device. */
static void psac_mnha_destruct(struct net_device *dev)
{
	struct psac_mnha_dev *md = netdev_priv(dev);

	if (md->gcells_ready)
		gro_cells_destroy(&md->gcells);
	md->gcells_ready = false;
	psac_mnha_tables_destroy(md);
	psac_netdev_tstats_free(dev);
}

static void psac_mnha_get_stats64(struct net_device *dev,
				  struct rtnl_link_stats64 *st)
{
	struct psac_mnha_dev *md = netdev_priv(dev);
	int i;

	dev_get_tstats64(dev, st);
	for (i = 0; i < PSAC_MNHA_DROP_MAX; i++) {
		u64 v = atomic64_read(&md->drops[i]);

		switch (i) {
		case PSAC_MNHA_TX_DROP_NO_SA:
		case PSAC_MNHA_TX_DROP_NO_PEER:
		case PSAC_MNHA_TX_DROP_SEQ:
		case PSAC_MNHA_TX_DROP_OTHER:
			st->tx_dropped += v;
			break;
		default:
			st->rx_dropped += v;
			break;
		}
	}
}

static const struct net_device_ops psac_mnha_netdev_ops = {
	.ndo_init = psac_mnha_init_dev,
	.ndo_uninit = psac_mnha_uninit,
	.ndo_open = psac_mnha_open,
	.ndo_stop = psac_mnha_stop,
	.ndo_start_xmit = psac_mnha_xmit,
	.ndo_get_stats64 = psac_mnha_get_stats64,
};

static void psac_mnha_setup(struct net_device *dev)
{
	struct psac_mnha_dev *md = netdev_priv(dev);
	unsigned int overhead = PSAC_MNHA_OUTER_MAX + psac_mnha_overhead();

	dev->netdev_ops = &psac_mnha_netdev_ops;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->needed_headroom = LL_MAX_HEADER + PSAC_MNHA_OUTER_MAX +
			       PSAC_MNHA_HDR_LEN + 16;
	dev->needed_tailroom = 15 + PSAC_MNHA_TRAILER_LEN +
			       PSAC_MNHA_ICV_LEN_GCM;
	dev->mtu = ETH_DATA_LEN - overhead;
	dev->min_mtu = IPV4_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - overhead;
	dev->needs_free_netdev = true;
	dev->priv_destructor = psac_mnha_destruct;
	psac_netdev_set_lltx(dev);
	psac_netdev_tstats_setup(dev);

	memset(md, 0, sizeof(*md));
	md->dev = dev;
	md->role = PSAC_MNHA_ROLE_HA;
	md->port = PSAC_MNHA_UDP_PORT;
	INIT_LIST_HEAD(&md->net_node);
	INIT_LIST_HEAD(&md->sas);
	spin_lock_init(&md->sa_lock);
	INIT_DELAYED_WORK(&md->gc_work, psac_mnha_gc_work);
}

static int psac_mnha_newlink(PSAC_NEWLINK_ARGS(dev, extack))
{
	struct psac_mnha_dev *md = netdev_priv(dev);
	struct net *src_net = psac_newlink_src_net();
	int err;

	md->creating_net = src_net;
	err = register_netdevice(dev);
	if (err)
		return err;
	list_add(&md->net_node, &psac_pernet(src_net)->mnha.devs);
	return 0;
}

struct rtnl_link_ops psac_mnha_link_ops __read_mostly = {
	.kind = PSAC_MNHA_KIND,
	.priv_size = sizeof(struct psac_mnha_dev),
	.setup = psac_mnha_setup,
	.newlink = psac_mnha_newlink,
};

/* ---- namespaces and module ------------------------------------------- */

/**
 * psac_mnha_net_init() - set up the mnha role of a new namespace
 * @mn: its mnha state: the devices whose sockets live there
 */
void psac_mnha_net_init(struct psac_mnha_net *mn)
{
	INIT_LIST_HEAD(&mn->devs);
}

/**
 * psac_mnha_net_pre_exit() - close the device sockets of a dying namespace
 * @net: the namespace going away
 * @mn: its mnha state
 *
 * The namespace holding the sockets of some devices is going away (the
 * devices may live elsewhere): close those sockets; the devices stay,
 * unable to send or receive, as WireGuard's do.
 *
 * Context: Process context (pernet pre_exit).  Takes RTNL.
 */
void psac_mnha_net_pre_exit(struct net *net, struct psac_mnha_net *mn)
{
	struct psac_mnha_dev *md, *tmp;

	rtnl_lock();
	list_for_each_entry_safe(md, tmp, &mn->devs, net_node) {
		psac_mnha_sockets_close(md);
		md->creating_net = NULL;
		list_del_init(&md->net_node);
	}
	rtnl_unlock();
}

/**
 * psac_mnha_init() - module init of the mnha role
 *
 * Allocates the SA workqueue, registers the "mnha" link type and the ops
 * through which the target role installs MN-HA SAs.
 *
 * Context: Module init.  Takes RTNL.
 *
 * Return: 0, -ENOMEM, or the negative errno of rtnl_link_register().
 */
int __init psac_mnha_init(void)
{
	int err;

	psac_mnha_wq = alloc_workqueue("psac_mnha", WQ_UNBOUND, 0);
	if (!psac_mnha_wq)
		return -ENOMEM;
	err = rtnl_link_register(&psac_mnha_link_ops);
	if (err) {
		destroy_workqueue(psac_mnha_wq);
		return err;
	}
	psac_mnha_push_init();
	return 0;
}

/**
 * psac_mnha_exit() - module exit of the mnha role
 *
 * Unregisters the target role's ops and the link type (which deletes
 * every mnha device), then waits for the SAs still being freed: their
 * RCU grace periods, then the workqueue.  Also undoes psac_mnha_init()
 * when a later step of module init fails.
 *
 * Context: Process context.  Takes RTNL.
 */
void psac_mnha_exit(void)
{
	psac_mnha_push_exit();
	rtnl_link_unregister(&psac_mnha_link_ops);
	/* SAs freed after a grace period, then from the workqueue. */
	rcu_barrier();
	destroy_workqueue(psac_mnha_wq);
}
