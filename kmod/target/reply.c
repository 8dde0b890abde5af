// SPDX-License-Identifier: GPL-2.0
/*
 * PSAC target: the SACONFIGURATION-REPLY, built with kmod/lib's writer
 * and sent from the target port to the server's address and port with the
 * kernel's UDP tunnel transmit helper.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ipv6.h>
#include <net/ip6_route.h>
#include <net/udp_tunnel.h>
#include <linux/psac_wire.h>

#include "target.h"
#include "../psac.h"
#include "../compat.h"

#define PSAC_REPLY_MAX		4096

/*
 * Sent with the UDP tunnel helper (UDP and IPv6 headers, checksum, local
 * output), as mnha sends its packets, but without a socket: the reply
 * leaves from the target port, 546, which a DHCPv6 client on the same
 * host may hold; the netfilter hook that received the message owns no
 * socket either.
 */
static int psac_reply_send(struct psac_target_net *tn,
			   const struct psac_rx_msg *rx, const u8 *data,
			   size_t len)
{
	struct flowi6 fl6 = {};
	struct dst_entry *dst;
	struct sk_buff *skb;
	int hlen;

	fl6.flowi6_proto = IPPROTO_UDP;
	fl6.daddr = rx->saddr;
	fl6.saddr = rx->daddr;
	fl6.fl6_sport = htons(READ_ONCE(tn->port));
	fl6.fl6_dport = rx->sport;
	if (ipv6_addr_type(&rx->saddr) & IPV6_ADDR_LINKLOCAL)
		fl6.flowi6_oif = rx->ifindex;

	dst = ip6_dst_lookup_flow(tn->net, NULL, &fl6, NULL);
	if (IS_ERR(dst))
		return PTR_ERR(dst);

	hlen = LL_RESERVED_SPACE(dst->dev) + dst->header_len +
	       sizeof(struct ipv6hdr) + sizeof(struct udphdr);
	skb = alloc_skb(hlen + len + dst->trailer_len, GFP_KERNEL);
	if (!skb) {
		dst_release(dst);
		return -ENOMEM;
	}
	skb_reserve(skb, hlen);
	skb_put_data(skb, data, len);
	/* takes the route reference and the skb */
	psac_udp_tunnel6_xmit_skb(dst, NULL, skb, NULL, &fl6.saddr, &fl6.daddr,
				  ip6_dst_hoplimit(dst), fl6.fl6_sport,
				  fl6.fl6_dport);
	return 0;
}

/**
 * psac_target_reply() - build and send a SACONFIGURATION-REPLY
 * @tn: the target state
 * @rx: the message answered (addresses, port, interface)
 * @xid: its transaction-id
 * @msg: the parsed message, or NULL when parsing failed: SERVERID and the
 *       SAs echoed in the per-SA status list come from it
 * @psk: the PSK that authenticates the reply, or NULL for none
 * @status: the status of the message
 * @text: its status message, or NULL
 * @sa_status: a status per SA of @msg, or NULL for no SA_LIST
 * @sa_why: why each refused SA was refused (may be NULL)
 *
 * The reply is written with kmod/lib's writer; one that does not fit is
 * not sent.
 *
 * Context: Process context; @tn->lock held (the PSK's counter).
 */
void psac_target_reply(struct psac_target_net *tn,
		       const struct psac_rx_msg *rx, u32 xid,
		       const struct psac_dhcp6_msg *msg,
		       struct psac_psk *psk, u16 status,
		       const char *text, const u16 *sa_status,
		       const char * const *sa_why)
{
	struct psac_wbuf w;
	size_t list = 0, hmac_off;
	unsigned int i;
	u8 *buf;

	buf = kzalloc(PSAC_REPLY_MAX, GFP_KERNEL);
	if (!buf)
		return;
	psac_wbuf_init(&w, buf, PSAC_REPLY_MAX);

	psac_wbuf_hdr(&w, tn->cfg.msg_saconfig_reply, xid);
	if (msg && msg->serverid)
		psac_wbuf_opt(&w, PSAC_DHCP6_OPT_SERVERID, msg->serverid,
			      msg->serverid_len);
	psac_wbuf_opt(&w, PSAC_DHCP6_OPT_CLIENTID, tn->duid, sizeof(tn->duid));
	psac_wbuf_status(&w, status, text);

	if (msg && sa_status && msg->n_sa) {
		list = psac_wbuf_opt_begin(&w, tn->cfg.opt_sa_list);
		for (i = 0; i < msg->n_sa; i++) {
			struct psac_dhcp6_sa echo = msg->sa[i];

			echo.pkey_len = 0;
			psac_wbuf_sa(&w, tn->cfg.opt_sa, &echo);
			/* a refused SA says why */
			psac_wbuf_status(&w, sa_status[i],
					 sa_status[i] != PSAC_STATUS_SUCCESS &&
					 sa_why ? sa_why[i] : NULL);
		}
		psac_wbuf_opt_end(&w, list);
	}

	if (psk) {
		u64 ctr = max_t(u64, psk->tx_counter + 1, ktime_get_real_ns());

		hmac_off = psac_wbuf_auth(&w, ctr, psk->realm, psk->realm_len,
					  psk->key_id);
		if (!w.err &&
		    psac_hmac_sha256(tn->hmac, psk->key, psk->key_len, w.buf,
				     w.len, w.buf + hmac_off))
			w.err = -EIO;
		if (!w.err)
			psk->tx_counter = ctr;
	}

	if (w.err)
		pr_debug("reply not built (%d, %zu octets at most)\n", w.err,
			 w.cap);
	else if (!psac_reply_send(tn, rx, w.buf, w.len))
		atomic64_inc(&tn->stats.replies);
	kfree(buf);
}
