// SPDX-License-Identifier: GPL-2.0
/*
 * PSAC target: receiving SACONFIGURATION.
 *
 * A netfilter LOCAL_IN hook (after the filter table, so firewalls apply)
 * takes IPv6 UDP datagrams to the target port whose first octet is the
 * SACONFIGURATION message type, copies them to a queue and steals them;
 * every other datagram (a DHCPv6 client on the same host) passes
 * untouched.  A work item hands the queued messages to
 * psac_target_process() in process context.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <net/ipv6.h>
#include <linux/psac_wire.h>

#include "target.h"
#include "../psac.h"
#include "../compat.h"

#define PSAC_TARGET_MSG_MAX	4096

/* ---- the netfilter hook (softirq) --------------------------------------- */

static unsigned int psac_target_hook(void *priv, struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	struct psac_target_net *tn = priv;
	struct psac_rx_msg *rx;
	struct udphdr _uh;
	const struct udphdr *uh;
	u8 nexthdr, _type;
	const u8 *type;
	__be16 frag_off;
	unsigned int ulen;
	int thoff;

	if (!READ_ONCE(tn->enabled) || skb->pkt_type != PACKET_HOST)
		return NF_ACCEPT;

	nexthdr = ipv6_hdr(skb)->nexthdr;
	thoff = ipv6_skip_exthdr(skb, sizeof(struct ipv6hdr), &nexthdr,
				 &frag_off);
	if (thoff < 0 || nexthdr != IPPROTO_UDP || frag_off)
		return NF_ACCEPT;

	uh = skb_header_pointer(skb, thoff, sizeof(_uh), &_uh);
	if (!uh || uh->dest != htons(READ_ONCE(tn->port)))
		return NF_ACCEPT;
	ulen = ntohs(uh->len);
	if (ulen <= sizeof(*uh) || thoff + ulen > skb->len)
		return NF_ACCEPT;	/* UDP counts and drops it */

	type = skb_header_pointer(skb, thoff + sizeof(*uh), 1, &_type);
	if (!type || *type != READ_ONCE(tn->cfg.msg_saconfig))
		return NF_ACCEPT;	/* not ours: DHCPv6 client traffic */

	if (nf_ip6_checksum(skb, state->hook, thoff, IPPROTO_UDP))
		return NF_ACCEPT;	/* UDP counts the checksum error */

	atomic64_inc(&tn->stats.rx);
	ulen -= sizeof(*uh);
	if (ulen > PSAC_TARGET_MSG_MAX) {
		atomic64_inc(&tn->stats.parse_err);
		goto consume;
	}

	rx = kmalloc(struct_size(rx, data, ulen), GFP_ATOMIC);
	if (!rx) {
		atomic64_inc(&tn->stats.dropped);
		goto consume;
	}
	if (skb_copy_bits(skb, thoff + sizeof(*uh), rx->data, ulen)) {
		kfree(rx);
		atomic64_inc(&tn->stats.parse_err);
		goto consume;
	}
	rx->len = ulen;
	rx->saddr = ipv6_hdr(skb)->saddr;
	rx->daddr = ipv6_hdr(skb)->daddr;
	rx->sport = uh->source;
	rx->ifindex = skb->skb_iif;

	spin_lock_bh(&tn->queue_lock);
	if (tn->dying || tn->queue_len >= PSAC_TARGET_QUEUE_MAX) {
		spin_unlock_bh(&tn->queue_lock);
		kfree(rx);
		atomic64_inc(&tn->stats.dropped);
		goto consume;
	}
	list_add_tail(&rx->list, &tn->queue);
	tn->queue_len++;
	queue_work(psac_system_wq, &tn->rx_work);
	spin_unlock_bh(&tn->queue_lock);

consume:
	consume_skb(skb);
	return NF_STOLEN;
}

/**
 * psac_target_rx_work() - process the queued SACONFIGURATIONs
 * @work: &psac_target_net.rx_work
 *
 * Takes the messages the hook queued, one at a time, and hands each to
 * psac_target_process().
 *
 * Context: Process context (system work queue).
 */
void psac_target_rx_work(struct work_struct *work)
{
	struct psac_target_net *tn = container_of(work, struct psac_target_net,
						  rx_work);
	struct psac_rx_msg *rx;

	for (;;) {
		spin_lock_bh(&tn->queue_lock);
		rx = list_first_entry_or_null(&tn->queue, struct psac_rx_msg,
					      list);
		if (rx) {
			list_del(&rx->list);
			tn->queue_len--;
		}
		spin_unlock_bh(&tn->queue_lock);
		if (!rx)
			break;
		psac_target_process(tn, rx);
		kfree_sensitive(rx);
		cond_resched();
	}
}

/**
 * psac_target_purge_queue() - drop every queued message
 * @tn: the target state
 *
 * Context: Process context; the hook no longer queues (@tn->dying).
 */
void psac_target_purge_queue(struct psac_target_net *tn)
{
	struct psac_rx_msg *rx, *tmp;
	LIST_HEAD(purge);

	spin_lock_bh(&tn->queue_lock);
	list_splice_init(&tn->queue, &purge);
	tn->queue_len = 0;
	spin_unlock_bh(&tn->queue_lock);
	list_for_each_entry_safe(rx, tmp, &purge, list)
		kfree_sensitive(rx);
}

/* ---- hook registration ---------------------------------------------------- */

/**
 * psac_target_set_hook() - register or unregister the netfilter hook
 * @tn: the target state
 * @on: true for the IPv6 LOCAL_IN hook (after the filter table), false
 *      for none
 *
 * Does nothing if the hook already is as asked.
 *
 * Context: Process context; @tn->lock held.
 *
 * Return: 0, or the negative errno of nf_register_net_hook().
 */
int psac_target_set_hook(struct psac_target_net *tn, bool on)
{
	int err = 0;

	lockdep_assert_held(&tn->lock);
	if (on == tn->hook_registered)
		return 0;
	if (on) {
		tn->hook_ops.hook = psac_target_hook;
		tn->hook_ops.pf = NFPROTO_IPV6;
		tn->hook_ops.hooknum = NF_INET_LOCAL_IN;
		tn->hook_ops.priority = NF_IP6_PRI_FILTER + 1;
		tn->hook_ops.priv = tn;
		err = nf_register_net_hook(tn->net, &tn->hook_ops);
	} else {
		nf_unregister_net_hook(tn->net, &tn->hook_ops);
	}
	if (!err)
		tn->hook_registered = on;
	return err;
}
