// SPDX-License-Identifier: GPL-2.0
/*
 * MN-HA receive path, in softirq from the UDP socket's encap_rcv hook:
 * header and length checks, SA by SPI, replay pre-check, AEAD decryption
 * (possibly asynchronous), trailer check, replay window advance, inner
 * address check, delivery through GRO cells.  PType 8 (a Mobility Header
 * without IP header) gets an IPv6 header, so a raw IPPROTO_MH socket
 * receives it as if IPsec had protected it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <linux/scatterlist.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <net/udp.h>

#include "mnha.h"
#include "../compat.h"

struct psac_mnha_rx_ctx {
	struct sk_buff *skb;
	struct psac_mnha_sa *sa;
	struct psac_mnha_ep ep;		/* outer source; src: outer dest */
	u32 seq;
	u8 ptype;
	bool xnet;
	netdevice_tracker dev_tracker;	/* md->dev, held while decrypting */
};

static const char *const psac_mnha_drop_names[PSAC_MNHA_DROP_MAX] = {
	[PSAC_MNHA_DROP_NO_SA] = "no SA",
	[PSAC_MNHA_DROP_BAD_LEN] = "bad length",
	[PSAC_MNHA_DROP_AUTH] = "authentication failed",
	[PSAC_MNHA_DROP_REPLAY] = "replayed",
	[PSAC_MNHA_DROP_SOURCE] = "inner address not the SA's",
	[PSAC_MNHA_DROP_PLAIN] = "plaintext not allowed",
	[PSAC_MNHA_RX_DROP_OTHER] = "no resources",
};

static void psac_mnha_rx_drop(struct psac_mnha_dev *md,
			      struct psac_mnha_sa *sa, struct sk_buff *skb,
			      enum psac_mnha_drop why)
{
	psac_mnha_count(md, why);
	if (sa) {
		switch (why) {
		case PSAC_MNHA_DROP_AUTH:
			atomic64_inc(&sa->drop_auth);
			break;
		case PSAC_MNHA_DROP_REPLAY:
			atomic64_inc(&sa->drop_replay);
			break;
		case PSAC_MNHA_DROP_SOURCE:
			atomic64_inc(&sa->drop_source);
			break;
		case PSAC_MNHA_DROP_BAD_LEN:
			atomic64_inc(&sa->drop_bad_len);
			break;
		case PSAC_MNHA_DROP_PLAIN:
			atomic64_inc(&sa->drop_plain);
			break;
		default:
			break;
		}
	}
	net_dbg_ratelimited("%s: dropped packet (%s) spi 0x%x\n",
			    md->dev->name, psac_mnha_drop_names[why] ?: "?",
			    sa ? sa->spi : 0);
	kfree_skb(skb);
}

static bool psac_mnha_ep_same_peer(const struct psac_mnha_ep *a,
				   const struct psac_mnha_ep *b)
{
	if (a->family != b->family || a->port != b->port)
		return false;
	if (a->family == AF_INET6)
		return ipv6_addr_equal(&a->addr6, &b->addr6);
	return a->addr4 == b->addr4;
}

static bool psac_mnha_ep_same_src(const struct psac_mnha_ep *a,
				  const struct psac_mnha_ep *b)
{
	if (a->family == AF_INET6)
		return ipv6_addr_equal(&a->src6, &b->src6);
	return a->src4 == b->src4;
}

/* The newest authenticated packet came from @ep: follow it. */
static void psac_mnha_roam(struct psac_mnha_sa *sa,
			   const struct psac_mnha_ep *ep)
{
	struct psac_mnha_ep cur;
	bool moved;

	psac_mnha_ep_read(sa, &cur);
	moved = !psac_mnha_ep_same_peer(&cur, ep);
	if (!moved && psac_mnha_ep_same_src(&cur, ep))
		return;
	write_seqlock_bh(&sa->ep_lock);
	sa->ep = *ep;
	write_sequnlock_bh(&sa->ep_lock);
	if (moved)
		psac_mnha_notify(sa, PSAC_CMD_MNHA_PEER_NTF,
				 PSAC_EVENT_PEER_MOVED);
}

/* The outer addresses, from the network header of a UDP datagram. */
static void psac_mnha_outer(struct sk_buff *skb, struct psac_mnha_ep *ep)
{
	memset(ep, 0, sizeof(*ep));
	ep->port = udp_hdr(skb)->source;
	if (ip_hdr(skb)->version == 4) {
		ep->family = AF_INET;
		ep->addr4 = ip_hdr(skb)->saddr;
		ep->src4 = ip_hdr(skb)->daddr;
	} else {
		ep->family = AF_INET6;
		ep->addr6 = ipv6_hdr(skb)->saddr;
		ep->src6 = ipv6_hdr(skb)->daddr;
	}
}

/*
 * Validates the inner IP packet at skb->data (PType 0 and 1): version
 * matching @proto, lengths, trimmed to its own length.  Returns the
 * address the SA must own (HA: source, MN: destination) through @a6/@a4.
 */
static int psac_mnha_inner(struct psac_mnha_dev *md, struct sk_buff *skb,
			   u8 nexthdr, const struct in6_addr **a6,
			   __be32 *a4)
{
	bool ha = md->role == PSAC_MNHA_ROLE_HA;
	unsigned int len;

	*a6 = NULL;
	if (nexthdr == PSAC_MNHA_NH_IPV6) {
		struct ipv6hdr *ip6;

		if (!pskb_may_pull(skb, sizeof(*ip6)))
			return -EINVAL;
		ip6 = ipv6_hdr(skb);
		if (ip6->version != 6)
			return -EINVAL;
		len = sizeof(*ip6) + ntohs(ip6->payload_len);
		if (len > skb->len || pskb_trim(skb, len))
			return -EINVAL;
		ip6 = ipv6_hdr(skb);
		*a6 = ha ? &ip6->saddr : &ip6->daddr;
		skb->protocol = htons(ETH_P_IPV6);
	} else {
		struct iphdr *iph;

		if (!pskb_may_pull(skb, sizeof(*iph)))
			return -EINVAL;
		iph = ip_hdr(skb);
		len = ntohs(iph->tot_len);
		if (iph->version != 4 || iph->ihl < 5 ||
		    len < iph->ihl * 4U || len > skb->len ||
		    !pskb_may_pull(skb, iph->ihl * 4U) || pskb_trim(skb, len))
			return -EINVAL;
		iph = ip_hdr(skb);
		*a4 = ha ? iph->saddr : iph->daddr;
		skb->protocol = htons(ETH_P_IP);
	}
	return 0;
}

static bool psac_mnha_owns(const struct psac_mnha_sa *sa,
			   const struct in6_addr *a6, __be32 a4)
{
	return a6 ? psac_mnha_sa_owns6(sa, a6) : psac_mnha_sa_owns4(sa, a4);
}

static void psac_mnha_deliver(struct psac_mnha_dev *md, struct sk_buff *skb,
			      bool xnet, bool authenticated)
{
	struct net_device *dev = md->dev;
	unsigned int len;

	skb_scrub_packet(skb, xnet);
	skb->dev = dev;
	skb->pkt_type = PACKET_HOST;
	skb->encapsulation = 0;
	skb_reset_network_header(skb);
	skb_reset_mac_header(skb);
	skb_reset_transport_header(skb);
	skb->mac_len = 0;
	if (authenticated) {
		/* The ICV covered it: checksums need no second look. */
		skb->ip_summed = CHECKSUM_UNNECESSARY;
		skb->csum_level = ~0;
	} else {
		skb->ip_summed = CHECKSUM_NONE;
	}
	len = skb->len;
	if (likely(gro_cells_receive(&md->gcells, skb) == NET_RX_SUCCESS))
		dev_sw_netstats_rx_add(dev, len);
}

/* PType 8: an IPv6 header from the HoA to the HA (from the HA on a MN). */
static int psac_mnha_mh_header(struct psac_mnha_rx_ctx *ctx,
			       struct sk_buff *skb)
{
	struct psac_mnha_sa *sa = ctx->sa;
	struct psac_mnha_dev *md = sa->md;
	struct psac_mnha_ep peer;
	const struct in6_addr *ha;
	struct ipv6hdr *ip6;
	unsigned int len = skb->len;

	if (!sa->has_hoa6)
		return -EADDRNOTAVAIL;
	if (sa->has_haa6)
		ha = &sa->haa6;
	else if (md->role == PSAC_MNHA_ROLE_HA && md->has_local6)
		ha = &md->local6;
	else if (ctx->ep.family == AF_INET6 && md->role == PSAC_MNHA_ROLE_HA)
		ha = &ctx->ep.src6;	/* the address the MN sent to */
	else if (ctx->ep.family == AF_INET6)
		ha = &ctx->ep.addr6;	/* the HA sent it */
	else
		return -EADDRNOTAVAIL;
	peer.addr6 = *ha;

	if (skb_cow_head(skb, sizeof(*ip6)))
		return -ENOMEM;
	ip6 = skb_push(skb, sizeof(*ip6));
	memset(ip6, 0, sizeof(*ip6));
	ip6->version = 6;
	ip6->payload_len = htons(len);
	ip6->nexthdr = PSAC_IPPROTO_MH;
	ip6->hop_limit = 64;
	if (md->role == PSAC_MNHA_ROLE_HA) {
		ip6->saddr = sa->hoa6;
		ip6->daddr = peer.addr6;
	} else {
		ip6->saddr = peer.addr6;
		ip6->daddr = sa->hoa6;
	}
	skb->protocol = htons(ETH_P_IPV6);
	return 0;
}

static void psac_mnha_rx_finish(struct psac_mnha_rx_ctx *ctx, int err)
{
	netdevice_tracker tracker = ctx->dev_tracker;
	struct sk_buff *skb = ctx->skb;
	struct psac_mnha_sa *sa = ctx->sa;
	struct psac_mnha_dev *md = sa->md;
	const struct psac_mnha_suite *s = sa->suite;
	unsigned int assoclen = psac_mnha_assoclen(s);
	u8 tbuf[PSAC_MNHA_TRAILER_MAX];
	const struct in6_addr *a6 = NULL;
	unsigned int plen, tlen;
	bool newest;
	u8 nexthdr;
	__be32 a4 = 0;
	int trim;
	u32 top;

	if (err) {
		psac_mnha_rx_drop(md, sa, skb, err == -EBADMSG ?
				  PSAC_MNHA_DROP_AUTH : PSAC_MNHA_RX_DROP_OTHER);
		goto out;
	}

	/* Trailer: Pad Length, Next Header, then the padding they name. */
	plen = skb->len - assoclen - s->icv_len;
	if (skb_copy_bits(skb, assoclen + plen - PSAC_MNHA_TRAILER_LEN,
			  tbuf, PSAC_MNHA_TRAILER_LEN))
		goto bad_len;
	tlen = tbuf[0] + PSAC_MNHA_TRAILER_LEN;
	if (tlen > plen ||
	    skb_copy_bits(skb, assoclen + plen - tlen, tbuf, tlen))
		goto bad_len;
	trim = psac_mnha_trailer_check(tbuf, tlen, ctx->ptype, &nexthdr);
	if (trim < 0)
		goto bad_len;

	spin_lock_bh(&sa->rx_lock);
	top = psac_replay_top(&sa->replay);
	err = psac_replay_advance(&sa->replay, ctx->seq);
	spin_unlock_bh(&sa->rx_lock);
	if (err) {
		psac_mnha_rx_drop(md, sa, skb, PSAC_MNHA_DROP_REPLAY);
		goto out;
	}
	newest = ctx->seq > top;

	if (pskb_trim(skb, assoclen + plen - trim))
		goto bad_len;
	__skb_pull(skb, assoclen);
	skb_reset_network_header(skb);

	if (ctx->ptype == PSAC_MNHA_PTYPE_MH) {
		/* A whole Mobility Header: Header Len counts 8-octet units. */
		u8 mh[2];

		if (skb->len < 8 || skb_copy_bits(skb, 0, mh, sizeof(mh)) ||
		    (mh[1] + 1U) * 8 != skb->len)
			goto bad_len;
		err = psac_mnha_mh_header(ctx, skb);
		if (err) {
			psac_mnha_rx_drop(md, sa, skb, err == -ENOMEM ?
					  PSAC_MNHA_RX_DROP_OTHER :
					  PSAC_MNHA_DROP_SOURCE);
			goto out;
		}
	} else {
		if (psac_mnha_inner(md, skb, nexthdr, &a6, &a4))
			goto bad_len;
		if (!psac_mnha_owns(sa, a6, a4)) {
			psac_mnha_rx_drop(md, sa, skb, PSAC_MNHA_DROP_SOURCE);
			goto out;
		}
	}

	atomic64_inc(&sa->rx_packets);
	if (newest)
		psac_mnha_roam(sa, &ctx->ep);
	if (READ_ONCE(sa->state) == PSAC_MNHA_SA_PENDING)
		psac_mnha_sa_promote(sa);
	psac_mnha_deliver(md, skb, ctx->xnet,
			  ctx->ptype == PSAC_MNHA_PTYPE_IP);
	goto out;

bad_len:
	psac_mnha_rx_drop(md, sa, skb, PSAC_MNHA_DROP_BAD_LEN);
out:
	kfree(ctx);
	psac_mnha_sa_put(sa);
	/* Last: the device (and so the module) may go away right after. */
	netdev_put(md->dev, &tracker);
}

static void psac_mnha_rx_done(PSAC_CRYPTO_DONE_ARGS)
{
	struct psac_mnha_rx_ctx *ctx = psac_crypto_done_data();

	psac_mnha_rx_finish(ctx, err);
}

static void psac_mnha_rx_protected(struct psac_mnha_dev *md,
				   struct sk_buff *skb,
				   const struct psac_mnha_hdr_info *h,
				   const struct psac_mnha_ep *ep, bool xnet)
{
	const struct psac_mnha_suite *s;
	struct psac_mnha_rx_ctx *ctx;
	struct aead_request *req;
	struct scatterlist *sg;
	struct psac_mnha_sa *sa;
	struct sk_buff *trailer;
	unsigned int assoclen;
	int nfrags, err;
	u8 *iv;

	sa = psac_mnha_sa_by_spi(md, h->spi);
	if (!sa) {
		psac_mnha_rx_drop(md, NULL, skb, PSAC_MNHA_DROP_NO_SA);
		return;
	}
	s = sa->suite;
	assoclen = psac_mnha_assoclen(s);
	if (!psac_mnha_len_ok(s, skb->len)) {
		psac_mnha_rx_drop(md, sa, skb, PSAC_MNHA_DROP_BAD_LEN);
		goto put;
	}
	/* Cheap rejection before spending CPU on the ICV. */
	if (psac_replay_check(&sa->replay, h->seq)) {
		psac_mnha_rx_drop(md, sa, skb, PSAC_MNHA_DROP_REPLAY);
		goto put;
	}

	nfrags = skb_cow_data(skb, 0, &trailer);
	if (nfrags < 0)
		goto drop_other;
	ctx = psac_mnha_tmp_alloc(sa->tfm_rx, sizeof(*ctx), nfrags, &iv, &req,
				  &sg);
	if (!ctx)
		goto drop_other;
	ctx->skb = skb;
	ctx->sa = sa;
	ctx->ep = *ep;
	ctx->seq = h->seq;
	ctx->ptype = h->ptype;
	ctx->xnet = xnet;

	sg_init_table(sg, nfrags);
	err = skb_to_sgvec(skb, sg, 0, skb->len);
	if (unlikely(err < 0) ||
	    skb_copy_bits(skb, PSAC_MNHA_HDR_LEN, iv, s->iv_len)) {
		kfree(ctx);
		goto drop_other;
	}
	skb->ip_summed = CHECKSUM_NONE;

	aead_request_set_callback(req, 0, psac_mnha_rx_done, ctx);
	aead_request_set_crypt(req, sg, sg, skb->len - assoclen, iv);
	aead_request_set_ad(req, assoclen);

	netdev_hold(md->dev, &ctx->dev_tracker, GFP_ATOMIC);
	err = crypto_aead_decrypt(req);
	if (err == -EINPROGRESS)
		return;
	psac_mnha_rx_finish(ctx, err);
	return;

drop_other:
	psac_mnha_rx_drop(md, sa, skb, PSAC_MNHA_RX_DROP_OTHER);
put:
	psac_mnha_sa_put(sa);
}

/* PType 0: a plain IP packet, accepted only from an SA with scope 0. */
static void psac_mnha_rx_plain(struct psac_mnha_dev *md, struct sk_buff *skb,
			       bool xnet)
{
	const struct in6_addr *a6 = NULL;
	struct psac_mnha_sa *sa;
	__be32 a4 = 0;
	u8 version;

	__skb_pull(skb, PSAC_MNHA_HDR_LEN);
	skb_reset_network_header(skb);
	if (!pskb_may_pull(skb, 1))
		goto bad_len;
	version = skb->data[0] >> 4;
	if (psac_mnha_inner(md, skb, version == 6 ? PSAC_MNHA_NH_IPV6 :
			    version == 4 ? PSAC_MNHA_NH_IPV4 : 0, &a6, &a4))
		goto bad_len;

	rcu_read_lock();
	sa = a6 ? psac_mnha_sa_by_addr6(md, a6) : psac_mnha_sa_by_addr4(md, a4);
	rcu_read_unlock();
	if (!sa) {
		psac_mnha_rx_drop(md, NULL, skb, PSAC_MNHA_DROP_NO_SA);
		return;
	}
	/* Signalling is always protected; data too with mip6-sas 1. */
	if (sa->scope || (a6 && ipv6_hdr(skb)->nexthdr == PSAC_IPPROTO_MH)) {
		psac_mnha_rx_drop(md, sa, skb, PSAC_MNHA_DROP_PLAIN);
	} else {
		atomic64_inc(&sa->rx_packets);
		psac_mnha_deliver(md, skb, xnet, false);
	}
	psac_mnha_sa_put(sa);
	return;

bad_len:
	psac_mnha_rx_drop(md, NULL, skb, PSAC_MNHA_DROP_BAD_LEN);
}

/**
 * psac_mnha_udp_rcv() - encap_rcv of an mnha device's UDP sockets
 * @sk: the UDP socket; its sk_user_data is the device
 * @skb: the datagram: skb->data is the UDP header, the checksum has been
 *       verified
 *
 * Checks the header.  PType 0 is delivered if an SA with scope 0 owns
 * the inner address (never a Mobility Header); PType 1 and 8 are
 * decrypted (perhaps asynchronously) with the SA of their SPI, checked
 * against its replay window and inner addresses, and delivered through
 * GRO cells.  Drops are counted per device and, once the SA is known, per
 * SA.
 *
 * Context: Softirq, RCU read side.
 *
 * Return: 0: the datagram is always consumed.
 */
int psac_mnha_udp_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct psac_mnha_hdr_info h;
	struct psac_mnha_dev *md;
	struct psac_mnha_ep ep;
	bool xnet;

	md = rcu_dereference_sk_user_data(sk);
	if (unlikely(!md)) {
		kfree_skb(skb);
		return 0;
	}
	if (!pskb_may_pull(skb, sizeof(struct udphdr) + PSAC_MNHA_HDR_LEN) ||
	    psac_mnha_hdr_parse(skb->data + sizeof(struct udphdr),
				skb->len - sizeof(struct udphdr), &h)) {
		psac_mnha_rx_drop(md, NULL, skb, PSAC_MNHA_DROP_BAD_LEN);
		return 0;
	}
	psac_mnha_outer(skb, &ep);
	xnet = !net_eq(sock_net(sk), dev_net(md->dev));
	__skb_pull(skb, sizeof(struct udphdr));

	if (h.ptype == PSAC_MNHA_PTYPE_PLAIN)
		psac_mnha_rx_plain(md, skb, xnet);
	else
		psac_mnha_rx_protected(md, skb, &h, &ep, xnet);
	return 0;
}
