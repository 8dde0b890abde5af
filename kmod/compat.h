/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version #if of psac lives here.  Built and tested on
 * Debian's kernel lines: 6.1 LTS (bookworm), 6.12 LTS (trixie) and sid's
 * newest (7.2 today); docs/portability.md lists what differs between them.
 */
#ifndef _PSAC_COMPAT_H
#define _PSAC_COMPAT_H

#include <linux/version.h>
#include <net/genetlink.h>

/*
 * genl_info_dump() and the split-ops dump info appeared in 6.2; the
 * attribute array of a dump request is found differently before that.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define psac_genl_dump_attrs(cb) (genl_info_dump(cb)->attrs)
#else
#define psac_genl_dump_attrs(cb) (genl_dumpit_info(cb)->attrs)
#endif

/*
 * The policies and ops of kmod/netlink-gen.c are ynl_gen_c.py's (7.2):
 * - NLA_POLICY_MAX_LEN() is not in 6.12 (it came with ovpn, "netlink: add
 *   NLA_POLICY_MAX_LEN macro"); the same check as a length range;
 * - split ops came in 6.2 ("genetlink: allow families to use split ops
 *   directly"): before, a family has one genl_ops per command, holding
 *   both its doit and its dumpit.  There the generated table is of a
 *   local struct with the fields it sets, merged into genl_ops at module
 *   init; the family's maxattr sizes 6.1's shared attribute buffer.
 *   Kbuild force-includes this file into netlink-gen.o for that.
 */
#ifndef NLA_POLICY_MAX_LEN
#define NLA_POLICY_MAX_LEN(_len) NLA_POLICY_RANGE(NLA_BINARY, 0, _len)
#endif

/*
 * A policy's range pointer is const since 6.2 ("netlink: make range
 * pointers in policies const"); the generated ranges are const, and
 * validation only reads them.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
#undef NLA_POLICY_FULL_RANGE
#define NLA_POLICY_FULL_RANGE(tp, _range) {				\
	.type = NLA_ENSURE_UINT_OR_BINARY_TYPE(tp),			\
	.validation_type = NLA_VALIDATE_RANGE_PTR,			\
	.range = (struct netlink_range_validation *)(_range),		\
}
#endif

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define PSAC_GENL_OPS(split) .split_ops = (split), .n_split_ops = ARRAY_SIZE(split)
#define psac_genl_ops_init(family, split) do { } while (0)
#else
struct psac_genl_split_ops {
	int (*doit)(struct sk_buff *skb, struct genl_info *info);
	int (*dumpit)(struct sk_buff *skb, struct netlink_callback *cb);
	const struct nla_policy *policy;
	unsigned int maxattr;
	u8 cmd;
	u8 flags;
};

#define genl_split_ops psac_genl_split_ops
#define PSAC_GENL_OPS(split) .maxattr = PSAC_A_MAX
#define psac_genl_ops_init(family, split) \
	psac_genl_merge_ops(family, split, ARRAY_SIZE(split))

static inline void psac_genl_merge_ops(struct genl_family *family,
				       const struct psac_genl_split_ops *in,
				       unsigned int n)
{
	static struct genl_ops out[32];
	unsigned int i, j, k = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < k && out[j].cmd != in[i].cmd; j++)
			;
		if (j == k) {
			if (WARN_ON(k == ARRAY_SIZE(out)))
				break;
			out[k].cmd = in[i].cmd;
			out[k].flags = in[i].flags &
				       (GENL_ADMIN_PERM | GENL_UNS_ADMIN_PERM);
			k++;
		}
		if (in[i].doit)
			out[j].doit = in[i].doit;
		if (in[i].dumpit)
			out[j].dumpit = in[i].dumpit;
		if (!out[j].policy) {
			out[j].policy = in[i].policy;
			out[j].maxattr = in[i].maxattr;
		}
	}
	family->ops = out;
	family->n_ops = k;
}
#endif

/*
 * Inbound XFRM policies cannot match the Mobility Header type on any
 * supported kernel, so psac installs inbound MH policies for any MH type
 * (outbound matching works: the raw socket fills in the type itself):
 * - up to 6.7, _decode_session6() advances past the whole Mobility Header
 *   before reading ip6mh_type, so the decoded type is whatever follows the
 *   header (usually nothing: type 0);
 * - since 6.8 ("xfrm: policy: replace session decode with flow
 *   dissector") the flow dissector does not know the Mobility Header.
 * Measured by selftests/psac_mip6_spd.sh ("kernel limit" check) on 6.1,
 * 6.12 and 7.2; see docs/target.md.  Define to 1 for a kernel that gets
 * it right.
 */
#define PSAC_XFRM_IN_MH_TYPE_MATCH 0

/*
 * Asynchronous crypto completions receive the request's data pointer
 * since 6.3 ("crypto: api - Use data directly in completion function");
 * before that, the crypto_async_request.  Declare completions as
 *   static void fn(PSAC_CRYPTO_DONE_ARGS) { void *data = psac_crypto_done_data(); ...
 */
#include <linux/crypto.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define PSAC_CRYPTO_DONE_ARGS void *psac_done_arg, int err
#define psac_crypto_done_data() (psac_done_arg)
#else
#define PSAC_CRYPTO_DONE_ARGS struct crypto_async_request *psac_done_arg, int err
#define psac_crypto_done_data() (psac_done_arg->data)
#endif

/*
 * Lockless transmit became a private flag (dev->lltx) in 6.12.  The core
 * allocates per-CPU tunnel statistics (dev->tstats) itself when asked with
 * dev->pcpu_stat_type since 6.7, and since 6.1.120 on the 6.1 LTS branch
 * (backport of "net: Move {l,t,d}stats allocation to core"); there 6.12's
 * iptunnel_xmit_stats() insists on it.  Elsewhere the driver allocates.
 */
#include <linux/netdevice.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0) || \
	(LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 120) && \
	 LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0))
#define PSAC_CORE_PCPU_STATS 1
#else
#define PSAC_CORE_PCPU_STATS 0
#endif

static inline void psac_netdev_set_lltx(struct net_device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

static inline void psac_netdev_tstats_setup(struct net_device *dev)
{
#if PSAC_CORE_PCPU_STATS
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
#endif
}

/* From ndo_init: a no-op where the core allocates (after ndo_init). */
static inline int psac_netdev_tstats_alloc(struct net_device *dev)
{
#if !PSAC_CORE_PCPU_STATS
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
#endif
	return 0;
}

/* From the destructor: a no-op where the core frees. */
static inline void psac_netdev_tstats_free(struct net_device *dev)
{
#if !PSAC_CORE_PCPU_STATS
	free_percpu(dev->tstats);
	dev->tstats = NULL;
#endif
}

/*
 * A device looked up by index with a tracked reference: netdev_get_by_index()
 * since 6.5 ("net: create device lookup API with reference tracking");
 * before, dev_get_by_index() and the tracker added by hand.  Release with
 * netdev_put(dev, tracker) on every kernel.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#define psac_netdev_get_by_index netdev_get_by_index
#else
static inline struct net_device *
psac_netdev_get_by_index(struct net *net, int ifindex,
			 netdevice_tracker *tracker, gfp_t gfp)
{
	struct net_device *dev = dev_get_by_index(net, ifindex);

	if (dev)
		netdev_tracker_alloc(dev, tracker, gfp);
	return dev;
}
#endif

/*
 * rtnl_link_ops.newlink() takes its namespaces and attribute tables in a
 * struct rtnl_newlink_params since 6.15 ("rtnetlink: Pack newlink()
 * params into struct"), and the device first.  Declare newlink as
 *   static int fn(PSAC_NEWLINK_ARGS(dev, extack))
 * and read the creating namespace with psac_newlink_src_net().
 */
#include <net/rtnetlink.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 15, 0)
#define PSAC_NEWLINK_ARGS(dev, extack)					\
	struct net_device *dev, struct rtnl_newlink_params *psac_nl_params, \
	struct netlink_ext_ack *extack
#define psac_newlink_src_net() (psac_nl_params->src_net)
#else
#define PSAC_NEWLINK_ARGS(dev, extack)					\
	struct net *psac_nl_src_net, struct net_device *dev,		\
	struct nlattr *psac_nl_tb[], struct nlattr *psac_nl_data[],	\
	struct netlink_ext_ack *extack
#define psac_newlink_src_net() (psac_nl_src_net)
#endif

/*
 * xfrm_init_state() reports why a state is refused through an extack
 * since 7.2 (it had one internally, __xfrm_init_state(), before).
 */
#include <net/xfrm.h>
static inline int psac_xfrm_init_state(struct xfrm_state *x,
				       struct netlink_ext_ack *extack)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 2, 0)
	return xfrm_init_state(x, extack);
#else
	return xfrm_init_state(x);
#endif
}

/*
 * The UDP tunnel socket helpers take the struct sock since 7.2 (the
 * struct socket before); udp_tunnel{,6}_xmit_skb() gained a trailing IP
 * control block flags argument in 6.17 (psac sets none).  psac sends
 * with TOS/priority 0, no DF, no flow label and UDP checksums on.
 */
#include <net/udp_tunnel.h>
static inline void psac_udp_tunnel_sock_setup(struct net *net,
					      struct socket *sock,
					      struct udp_tunnel_sock_cfg *cfg)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 2, 0)
	setup_udp_tunnel_sock(net, sock->sk, cfg);
#else
	setup_udp_tunnel_sock(net, sock, cfg);
#endif
}

static inline void psac_udp_tunnel_sock_release(struct sock *sk)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 2, 0)
	udp_tunnel_sock_release(sk);
#else
	udp_tunnel_sock_release(sk->sk_socket);
#endif
}

static inline void psac_udp_tunnel_xmit_skb(struct rtable *rt,
					    struct sock *sk,
					    struct sk_buff *skb,
					    __be32 src, __be32 dst, u8 ttl,
					    __be16 src_port, __be16 dst_port,
					    bool xnet)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 17, 0)
	udp_tunnel_xmit_skb(rt, sk, skb, src, dst, 0, ttl, 0, src_port,
			    dst_port, xnet, false, 0);
#else
	udp_tunnel_xmit_skb(rt, sk, skb, src, dst, 0, ttl, 0, src_port,
			    dst_port, xnet, false);
#endif
}

#if IS_ENABLED(CONFIG_IPV6)
static inline void psac_udp_tunnel6_xmit_skb(struct dst_entry *dst,
					     struct sock *sk,
					     struct sk_buff *skb,
					     struct net_device *dev,
					     struct in6_addr *saddr,
					     struct in6_addr *daddr,
					     u8 ttl, __be16 src_port,
					     __be16 dst_port)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 17, 0)
	udp_tunnel6_xmit_skb(dst, sk, skb, dev, saddr, daddr, 0, ttl, 0,
			     src_port, dst_port, false, 0);
#else
	udp_tunnel6_xmit_skb(dst, sk, skb, dev, saddr, daddr, 0, ttl, 0,
			     src_port, dst_port, false);
#endif
}
#endif

/*
 * The per-CPU system workqueue is named system_percpu_wq since 6.17
 * ("workqueue: Add system_percpu_wq and system_dfl_wq"); system_wq, its
 * old name, is deprecated there and to be removed.
 */
#include <linux/workqueue.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 17, 0)
#define psac_system_wq system_percpu_wq
#else
#define psac_system_wq system_wq
#endif

#endif /* _PSAC_COMPAT_H */
