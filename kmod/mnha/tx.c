// SPDX-License-Identifier: GPL-2.0
/*
 * MN-HA transmit path: the inner packet's home address selects the SA
 * (destination on a home agent, source on a mobile node); a Mobility
 * Header to (from) the home address leaves as PType 8 without its IPv6
 * header, everything else as PType 1.  Sequence numbers never wrap.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/udp_tunnel.h>
#include <net/addrconf.h>

#include "mnha.h"
#include "../compat.h"

struct psac_mnha_tx_ctx {
	struct sk_buff *skb;
	struct psac_mnha_sa *sa;
	netdevice_tracker dev_tracker;	/* md->dev, held while encrypting */
};

static void psac_mnha_tx_drop(struct psac_mnha_dev *md, struct sk_buff *skb,
			      enum psac_mnha_drop why)
{
	psac_mnha_count(md, why);
	net_dbg_ratelimited("%s: transmit dropped (%d)\n", md->dev->name, why);
	kfree_skb(skb);
}

static int psac_mnha_send4(struct psac_mnha_dev *md, struct sk_buff *skb,
			   const struct psac_mnha_ep *ep)
{
	struct net_device *dev = md->dev;
	struct flowi4 fl = {
		.daddr = ep->addr4,
		.fl4_dport = ep->port,
		.flowi4_proto = IPPROTO_UDP,
	};
	struct rtable *rt;
	struct sock *sk;

	sk = rcu_dereference_bh(md->sock4);
	if (!sk)
		return -ENONET;
	if (md->has_local4)
		fl.saddr = md->local4;
	else if (md->role == PSAC_MNHA_ROLE_HA)
		fl.saddr = ep->src4;
	fl.fl4_sport = inet_sk(sk)->inet_sport;
	rt = ip_route_output_flow(sock_net(sk), &fl, sk);
	if (IS_ERR(rt) && fl.saddr && !md->has_local4) {
		/* the address the peer last reached is gone */
		fl.saddr = 0;
		rt = ip_route_output_flow(sock_net(sk), &fl, sk);
	}
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	if (rt->dst.dev == dev) {
		ip_rt_put(rt);
		return -ELOOP;
	}
	skb->ignore_df = 1;
	psac_udp_tunnel_xmit_skb(rt, sk, skb, fl.saddr, fl.daddr,
				 ip4_dst_hoplimit(&rt->dst), fl.fl4_sport,
				 fl.fl4_dport,
				 !net_eq(sock_net(sk), dev_net(dev)));
	return 0;
}

static int psac_mnha_send6(struct psac_mnha_dev *md, struct sk_buff *skb,
			   const struct psac_mnha_ep *ep)
{
	struct net_device *dev = md->dev;
	struct flowi6 fl = {
		.daddr = ep->addr6,
		.fl6_dport = ep->port,
		.flowi6_proto = IPPROTO_UDP,
	};
	struct dst_entry *dst;
	struct sock *sk;

	sk = rcu_dereference_bh(md->sock6);
	if (!sk)
		return -ENONET;
	if (md->has_local6)
		fl.saddr = md->local6;
	else if (md->role == PSAC_MNHA_ROLE_HA &&
		 ipv6_chk_addr(sock_net(sk), &ep->src6, NULL, 0))
		fl.saddr = ep->src6;
	fl.fl6_sport = inet_sk(sk)->inet_sport;
	dst = ip6_dst_lookup_flow(sock_net(sk), sk, &fl, NULL);
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	if (dst->dev == dev) {
		dst_release(dst);
		return -ELOOP;
	}
	skb->ignore_df = 1;
	psac_udp_tunnel6_xmit_skb(dst, sk, skb, dev, &fl.saddr, &fl.daddr,
				  ip6_dst_hoplimit(dst), fl.fl6_sport,
				  fl.fl6_dport);
	return 0;
}

/* Hands the encrypted packet to the UDP socket's namespace.  Consumes it. */
static void psac_mnha_send(struct psac_mnha_dev *md, struct psac_mnha_sa *sa,
			   struct sk_buff *skb)
{
	struct psac_mnha_ep ep;
	int err = -EAFNOSUPPORT;

	psac_mnha_ep_read(sa, &ep);
	skb->dev = md->dev;
	rcu_read_lock_bh();
	if (ep.family == AF_INET)
		err = psac_mnha_send4(md, skb, &ep);
	else if (ep.family == AF_INET6)
		err = psac_mnha_send6(md, skb, &ep);
	rcu_read_unlock_bh();
	if (err) {
		net_dbg_ratelimited("%s: cannot send to the peer of spi 0x%x: %d\n",
				    md->dev->name, sa->spi, err);
		psac_mnha_tx_drop(md, skb, PSAC_MNHA_TX_DROP_OTHER);
		return;
	}
	atomic64_inc(&sa->tx_packets);
}

static void psac_mnha_tx_finish(struct psac_mnha_tx_ctx *ctx, int err)
{
	struct psac_mnha_sa *sa = ctx->sa;
	struct psac_mnha_dev *md = sa->md;
	netdevice_tracker tracker = ctx->dev_tracker;
	struct sk_buff *skb = ctx->skb;

	kfree(ctx);
	if (err)
		psac_mnha_tx_drop(md, skb, PSAC_MNHA_TX_DROP_OTHER);
	else
		psac_mnha_send(md, sa, skb);
	psac_mnha_sa_put(sa);
	/* Last: the device (and so the module) may go away right after. */
	netdev_put(md->dev, &tracker);
}

static void psac_mnha_tx_done(PSAC_CRYPTO_DONE_ARGS)
{
	struct psac_mnha_tx_ctx *ctx = psac_crypto_done_data();

	psac_mnha_tx_finish(ctx, err);
}

/* Next sequence number, or 0 when the SA's sequence space is spent. */
static u32 psac_mnha_next_seq(struct psac_mnha_sa *sa)
{
	u64 seq = atomic64_inc_return(&sa->tx_seq);

	if (unlikely(seq > U32_MAX)) {
		atomic64_set(&sa->tx_seq, (u64)U32_MAX + 1);
		if (!test_and_set_bit(PSAC_MNHA_NTF_HARD, &sa->ntf_flags))
			psac_mnha_notify(sa, PSAC_CMD_MNHA_REKEY_NTF,
					 PSAC_EVENT_REKEY_NEEDED);
		return 0;
	}
	if (unlikely(seq >= U32_MAX - PSAC_MNHA_SEQ_SOFT_LEFT) &&
	    !test_and_set_bit(PSAC_MNHA_NTF_SOFT, &sa->ntf_flags))
		psac_mnha_notify(sa, PSAC_CMD_MNHA_REKEY_NTF,
				 PSAC_EVENT_REKEY_NEEDED);
	return (u32)seq;
}

/* Encapsulates and encrypts @skb (the inner packet); consumes both refs. */
static void psac_mnha_encrypt(struct psac_mnha_dev *md,
			      struct psac_mnha_sa *sa, struct sk_buff *skb,
			      u8 ptype, u8 nexthdr)
{
	const struct psac_mnha_suite *s = sa->suite;
	unsigned int hlen = psac_mnha_assoclen(s);
	unsigned int plen, pad, tailen;
	struct psac_mnha_tx_ctx *ctx;
	struct aead_request *req;
	struct sk_buff *trailer;
	struct scatterlist *sg;
	int nfrags, err;
	u8 *hdr, *iv;
	u32 seq;

	seq = psac_mnha_next_seq(sa);
	if (!seq) {
		psac_mnha_tx_drop(md, skb, PSAC_MNHA_TX_DROP_SEQ);
		goto put;
	}
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		goto drop;
	skb_scrub_packet(skb, true);
	skb_set_inner_network_header(skb, 0);

	plen = skb->len;
	pad = psac_mnha_pad_len(s, plen);
	tailen = pad + PSAC_MNHA_TRAILER_LEN + s->icv_len;
	if (skb_cow_head(skb, hlen + PSAC_MNHA_OUTER_MAX + LL_MAX_HEADER))
		goto drop;
	nfrags = skb_cow_data(skb, tailen, &trailer);
	if (nfrags < 0)
		goto drop;
	psac_mnha_trailer_fill(pskb_put(skb, trailer, tailen), pad, nexthdr);
	hdr = skb_push(skb, hlen);
	psac_mnha_hdr_build(hdr, ptype, sa->spi, seq);

	ctx = psac_mnha_tmp_alloc(sa->tfm_tx, sizeof(*ctx), nfrags, &iv, &req,
				  &sg);
	if (!ctx)
		goto drop;
	ctx->skb = skb;
	ctx->sa = sa;
	if (s->aead)		/* RFC 4106: a counter makes a unique IV */
		psac_put_be64(iv, seq);
	else if (s->iv_len)	/* CBC: unpredictable */
		get_random_bytes(iv, s->iv_len);
	memcpy(hdr + PSAC_MNHA_HDR_LEN, iv, s->iv_len);

	sg_init_table(sg, nfrags);
	err = skb_to_sgvec(skb, sg, 0, skb->len);
	if (unlikely(err < 0)) {
		kfree(ctx);
		goto drop;
	}
	aead_request_set_callback(req, 0, psac_mnha_tx_done, ctx);
	aead_request_set_crypt(req, sg, sg, plen + pad + PSAC_MNHA_TRAILER_LEN,
			       iv);
	aead_request_set_ad(req, hlen);

	netdev_hold(md->dev, &ctx->dev_tracker, GFP_ATOMIC);
	err = crypto_aead_encrypt(req);
	if (err == -EINPROGRESS)
		return;
	psac_mnha_tx_finish(ctx, err);
	return;

drop:
	psac_mnha_tx_drop(md, skb, PSAC_MNHA_TX_DROP_OTHER);
put:
	psac_mnha_sa_put(sa);
}

/**
 * psac_mnha_xmit() - ndo_start_xmit of an mnha device
 * @skb: the inner IPv4 or IPv6 packet
 * @dev: the device
 *
 * The inner destination (home agent) or source (mobile node) selects the
 * ACTIVE SA; a Mobility Header to (from) the SA's IPv6 home address leaves
 * as PType 8 without its IPv6 header, everything else as PType 1.  The
 * packet is encrypted (perhaps asynchronously) and sent from the
 * device's UDP socket to the SA's peer.  Packets without SA, peer or
 * sequence number left are dropped and counted.
 *
 * Context: Softirq or process context with BHs disabled; lockless
 * transmit (several CPUs at once).
 *
 * Return: NETDEV_TX_OK: @skb is always consumed.
 */
netdev_tx_t psac_mnha_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct psac_mnha_dev *md = netdev_priv(dev);
	bool ha = md->role == PSAC_MNHA_ROLE_HA;
	u8 ptype = PSAC_MNHA_PTYPE_IP, nexthdr;
	struct psac_mnha_sa *sa = NULL;

	rcu_read_lock();
	if (skb->protocol == htons(ETH_P_IPV6) &&
	    pskb_may_pull(skb, sizeof(struct ipv6hdr)) &&
	    ipv6_hdr(skb)->version == 6) {
		const struct ipv6hdr *ip6 = ipv6_hdr(skb);
		const struct in6_addr *a = ha ? &ip6->daddr : &ip6->saddr;

		nexthdr = PSAC_MNHA_NH_IPV6;
		sa = psac_mnha_sa_by_addr6(md, a);
		if (sa && ip6->nexthdr == PSAC_IPPROTO_MH && sa->has_hoa6 &&
		    ipv6_addr_equal(a, &sa->hoa6))
			ptype = PSAC_MNHA_PTYPE_MH;
	} else if (skb->protocol == htons(ETH_P_IP) &&
		   pskb_may_pull(skb, sizeof(struct iphdr)) &&
		   ip_hdr(skb)->version == 4) {
		const struct iphdr *iph = ip_hdr(skb);

		nexthdr = PSAC_MNHA_NH_IPV4;
		sa = psac_mnha_sa_by_addr4(md, ha ? iph->daddr : iph->saddr);
	} else {
		rcu_read_unlock();
		psac_mnha_tx_drop(md, skb, PSAC_MNHA_TX_DROP_OTHER);
		return NETDEV_TX_OK;
	}
	rcu_read_unlock();

	if (!sa) {
		psac_mnha_tx_drop(md, skb, PSAC_MNHA_TX_DROP_NO_SA);
		return NETDEV_TX_OK;
	}
	if (!READ_ONCE(sa->ep.family)) {
		psac_mnha_tx_drop(md, skb, PSAC_MNHA_TX_DROP_NO_PEER);
		psac_mnha_sa_put(sa);
		return NETDEV_TX_OK;
	}
	if (ptype == PSAC_MNHA_PTYPE_MH) {
		/* The MH alone: the SA implies the addresses. */
		unsigned int len = sizeof(struct ipv6hdr) +
				   ntohs(ipv6_hdr(skb)->payload_len);

		if (len > skb->len || pskb_trim(skb, len)) {
			psac_mnha_tx_drop(md, skb, PSAC_MNHA_TX_DROP_OTHER);
			psac_mnha_sa_put(sa);
			return NETDEV_TX_OK;
		}
		__skb_pull(skb, sizeof(struct ipv6hdr));
		skb_reset_network_header(skb);
		nexthdr = PSAC_MNHA_NH_MH;
	}
	psac_mnha_encrypt(md, sa, skb, ptype, nexthdr);
	return NETDEV_TX_OK;
}
