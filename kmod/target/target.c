// SPDX-License-Identifier: GPL-2.0
/*
 * PSAC target-server role.
 *
 * A netfilter LOCAL_IN hook (after the filter table, so firewalls apply)
 * takes IPv6 UDP datagrams to the target port whose first octet is the
 * SACONFIGURATION message type, copies them to a queue and steals them;
 * every other datagram (a DHCPv6 client on the same host) passes untouched.
 * A work item then parses, authenticates (OPTION_AUTH HMAC-SHA256 keyed by
 * the PSK its Key-ID names, replay counter per key), unwraps each SA's
 * KEYMAT, validates and installs the SA pairs into XFRM, and answers with
 * an authenticated SACONFIGURATION-REPLY from the target port.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <linux/ratelimit.h>
#include <crypto/algapi.h>
#include <crypto/sha2.h>
#include <net/ipv6.h>
#include <net/ip6_route.h>
#include <net/ip6_checksum.h>
#include <net/xfrm.h>
#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "target.h"
#include "../psac.h"
#include "../compat.h"

static unsigned short target_port = PSAC_DHCP6_CLIENT_PORT;
module_param(target_port, ushort, 0444);
MODULE_PARM_DESC(target_port, "UDP port for SACONFIGURATION (default 546)");

static bool target_enable = true;
module_param(target_enable, bool, 0444);
MODULE_PARM_DESC(target_enable,
		 "Accept SACONFIGURATION in new namespaces (default on)");

static unsigned int rekey_grace = 5;
module_param(rekey_grace, uint, 0644);
MODULE_PARM_DESC(rekey_grace,
		 "Seconds a replaced inbound SA is still accepted after a rekey (default 5)");

static unsigned short msg_saconfig = PSAC_DHCP6_MSG_SACONFIG;
module_param(msg_saconfig, ushort, 0444);
MODULE_PARM_DESC(msg_saconfig, "SACONFIGURATION message type (default 240)");

static unsigned short msg_saconfig_reply = PSAC_DHCP6_MSG_SACONFIG_REPLY;
module_param(msg_saconfig_reply, ushort, 0444);
MODULE_PARM_DESC(msg_saconfig_reply,
		 "SACONFIGURATION-REPLY message type (default 241)");

static unsigned short opt_sa = PSAC_OPT_SA;
module_param(opt_sa, ushort, 0444);
MODULE_PARM_DESC(opt_sa, "OPTION_SA code (default 65283)");

static unsigned short opt_sa_list = PSAC_OPT_SA_LIST;
module_param(opt_sa_list, ushort, 0444);
MODULE_PARM_DESC(opt_sa_list, "OPTION_SA_LIST code (default 65284)");

#define PSAC_TARGET_MSG_MAX	4096
#define PSAC_REPLY_MAX		4096

static struct psac_psk *psac_psk_find(struct psac_target_net *tn, u32 key_id)
{
	struct psac_psk *psk;

	list_for_each_entry(psk, &tn->psks, list)
		if (psk->key_id == key_id)
			return psk;
	return NULL;
}

/* ---- receive: netfilter hook (softirq) --------------------------------- */

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

static void psac_target_rx_work(struct work_struct *work)
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

static void psac_target_purge_queue(struct psac_target_net *tn)
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

/* ---- reply -------------------------------------------------------------- */

static int psac_reply_send(struct psac_target_net *tn,
			   const struct psac_rx_msg *rx, const u8 *data,
			   size_t len)
{
	struct net *net = tn->net;
	struct flowi6 fl6 = {};
	struct dst_entry *dst;
	struct sk_buff *skb;
	struct ipv6hdr *ip6h;
	struct udphdr *uh;
	unsigned int ulen = sizeof(*uh) + len;
	int hlen;

	fl6.flowi6_proto = IPPROTO_UDP;
	fl6.daddr = rx->saddr;
	fl6.saddr = rx->daddr;
	fl6.fl6_sport = htons(READ_ONCE(tn->port));
	fl6.fl6_dport = rx->sport;
	if (ipv6_addr_type(&rx->saddr) & IPV6_ADDR_LINKLOCAL)
		fl6.flowi6_oif = rx->ifindex;

	dst = ip6_dst_lookup_flow(net, NULL, &fl6, NULL);
	if (IS_ERR(dst))
		return PTR_ERR(dst);

	hlen = LL_RESERVED_SPACE(dst->dev) + dst->header_len;
	skb = alloc_skb(hlen + sizeof(*ip6h) + ulen + dst->trailer_len,
			GFP_KERNEL);
	if (!skb) {
		dst_release(dst);
		return -ENOMEM;
	}
	skb_reserve(skb, hlen + sizeof(*ip6h) + sizeof(*uh));
	skb_put_data(skb, data, len);

	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh->source = fl6.fl6_sport;
	uh->dest = fl6.fl6_dport;
	uh->len = htons(ulen);
	uh->check = 0;
	uh->check = csum_ipv6_magic(&fl6.saddr, &fl6.daddr, ulen, IPPROTO_UDP,
				    csum_partial(uh, ulen, 0));
	if (!uh->check)
		uh->check = CSUM_MANGLED_0;

	ip6h = skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(ulen);
	ip6h->nexthdr = IPPROTO_UDP;
	ip6h->hop_limit = ip6_dst_hoplimit(dst);
	ip6h->saddr = fl6.saddr;
	ip6h->daddr = fl6.daddr;

	skb->protocol = htons(ETH_P_IPV6);
	skb->ip_summed = CHECKSUM_NONE;
	skb_dst_set(skb, dst);
	return ip6_local_out(net, NULL, skb);
}

/*
 * Build and send a SACONFIGURATION-REPLY.  @psk (may be NULL) authenticates
 * it; @msg (may be NULL when parsing failed) provides SERVERID and the SAs
 * echoed in the per-SA status list.
 */
static void psac_target_reply(struct psac_target_net *tn,
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

/* ---- SA processing -------------------------------------------------------- */

static struct psac_pair *psac_pair_find(struct psac_target_net *tn,
					const struct psac_pair *want,
					bool same_spis)
{
	const struct psac_dhcp6_sa *w = &want->sa;
	struct psac_pair *p;

	list_for_each_entry(p, &tn->pairs, list) {
		if (!ipv6_addr_equal(&p->peer, &want->peer) ||
		    !ipv6_addr_equal(&p->local, &want->local))
			continue;
		if (same_spis) {
			if (p->sa.spi_i2r == w->spi_i2r &&
			    p->sa.spi_r2i == w->spi_r2i)
				return p;
			continue;
		}
		if (p->sa.protocol == w->protocol && p->sa.mode == w->mode &&
		    p->sa.ulp == w->ulp &&
		    p->sa.sport_or_type == w->sport_or_type &&
		    p->sa.dport_or_code == w->dport_or_code)
			return p;
	}
	return NULL;
}

static void psac_pair_free(struct psac_pair *pair)
{
	kfree_sensitive(pair);
}

static void psac_target_schedule_expiry(struct psac_target_net *tn)
{
	unsigned long next = 0;
	struct psac_pair *p;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry(p, &tn->pairs, list) {
		if (p->expires && (!next || time_before(p->expires, next)))
			next = p->expires;
		if (p->x_retired && (!next || time_before(p->retire_at, next)))
			next = p->retire_at;
	}
	if (next)
		mod_delayed_work(psac_system_wq, &tn->expire_work,
				 time_after(next, jiffies) ? next - jiffies : 0);
}

/* Removes what @pair installed: XFRM states and policies, or an MN-HA SA. */
static void psac_pair_undo(struct psac_target_net *tn, struct psac_pair *pair)
{
	if (pair->mnha_ifindex)
		psac_core_mnha_sa_del(tn->net, pair->mnha_ifindex,
				      pair->sa.spi_i2r, &pair->peer);
	else
		psac_pair_uninstall(pair, true);
}

static void psac_pair_remove(struct psac_target_net *tn,
			     struct psac_pair *pair, int event)
{
	list_del(&pair->list);
	psac_pair_undo(tn, pair);
	atomic64_inc(&tn->stats.deleted);
	psac_nl_tsa_notify(tn, pair, event);
	psac_pair_free(pair);
}

static u16 psac_target_delete_sa(struct psac_target_net *tn,
				 struct psac_pair *want)
{
	struct psac_pair *old = psac_pair_find(tn, want, true);

	/* Deleting what is not there leaves the wanted state: success. */
	if (old)
		psac_pair_remove(tn, old, PSAC_EVENT_DELETED);
	return PSAC_STATUS_SUCCESS;
}

static bool psac_sa_same(const struct psac_dhcp6_sa *a,
			 const struct psac_dhcp6_sa *b)
{
	return a->protocol == b->protocol && a->mode == b->mode &&
	       a->encr_alg == b->encr_alg &&
	       a->encr_key_bits == b->encr_key_bits &&
	       a->integ_alg == b->integ_alg && a->ulp == b->ulp &&
	       a->sport_or_type == b->sport_or_type &&
	       a->dport_or_code == b->dport_or_code &&
	       a->lifetime == b->lifetime;
}

/*
 * OPTION_SA mode 3 (docs/wire-format.md): an MN-HA SA for the home agent
 * mnha device of this namespace whose port is Src-Port.  Peer-Address is
 * the mobile node's home address, SPI-I2R = SPI-R2I the 28-bit SPI.
 */
static u16 psac_target_mnha_add(struct psac_target_net *tn,
				struct psac_pair *pair,
				const struct psac_sa_alg *alg,
				const u8 *keymat, const char **why)
{
	struct psac_mnha_push p = {
		.spi = pair->sa.spi_i2r,
		.port = pair->sa.sport_or_type,
		.suite = alg->mnha,
		.hoa6 = pair->peer,
		.keymat = keymat,
	};
	struct psac_pair *old;
	int ret;

	if (pair->sa.lifetime != PSAC_LIFETIME_INFINITE)
		p.valid_until = ktime_get_real_seconds() + pair->sa.lifetime;
	ret = psac_core_mnha_sa_add(tn->net, &p);
	if (ret < 0) {
		atomic64_inc(&tn->stats.install_fail);
		switch (ret) {
		case -ENODEV:
			*why = "no home agent mnha device on the SA's port";
			return PSAC_STATUS_NO_SUCH_TARGET;
		case -ENOTUNIQ:
			*why = "several home agent mnha devices on the SA's port";
			return PSAC_STATUS_NO_SUCH_TARGET;
		case -EOPNOTSUPP:
			*why = "the mnha role is not available";
			return PSAC_STATUS_SA_REQ_UNSUPPORTED;
		case -EEXIST:
			*why = "SPI or home address in use on the mnha device";
			return PSAC_STATUS_UNSPEC_FAIL;
		case -ENOENT:
			*why = "algorithm not available in this kernel";
			return PSAC_STATUS_ALG_NOT_SUPPORTED;
		default:
			*why = "the mnha device refused the SA";
			return PSAC_STATUS_UNSPEC_FAIL;
		}
	}
	pair->mnha_ifindex = ret;

	/*
	 * The SA of the same home address and port that this one replaces
	 * is the mnha device's now: it stays active until the mobile node
	 * uses the new SA, then drains (or ends at its own validity end).
	 */
	old = psac_pair_find(tn, pair, false);
	if (old) {
		list_del(&old->list);
		psac_nl_tsa_notify(tn, old, PSAC_EVENT_REPLACED);
		psac_pair_free(old);
	}
	return PSAC_STATUS_SUCCESS;
}

static u16 psac_target_handle_sa(struct psac_target_net *tn,
				 const struct psac_rx_msg *rx,
				 const struct psac_dhcp6_msg *msg,
				 unsigned int idx, struct psac_psk *psk,
				 const char **why)
{
	const struct psac_dhcp6_sa *sa = &msg->sa[idx];
	u8 aad[PSAC_SA_AAD_LEN];
	struct psac_pair *pair, *old;
	struct psac_sa_alg alg;
	u8 *keymat = NULL;
	int status, err;

	pair = kzalloc(sizeof(*pair), GFP_KERNEL);
	if (!pair)
		return PSAC_STATUS_UNSPEC_FAIL;
	pair->sa = *sa;
	pair->sa.pkey = NULL;
	pair->sa.fixed = NULL;
	pair->sa.status_msg = NULL;
	memcpy(&pair->peer, sa->peer_addr, sizeof(pair->peer));
	pair->local = rx->daddr;
	pair->server = rx->saddr;
	pair->key_id = psk->key_id;

	if (sa->lifetime == 0) {
		status = psac_target_delete_sa(tn, pair);
		goto out;
	}

	status = psac_dhcp6_sa_validate(sa, &alg);
	if (status != PSAC_STATUS_SUCCESS) {
		*why = "SA refused by validation";
		atomic64_inc(&tn->stats.rejected);
		goto out;
	}
	keymat = kzalloc(alg.keymat_len, GFP_KERNEL);
	if (!keymat) {
		status = PSAC_STATUS_UNSPEC_FAIL;
		goto out;
	}
	psac_sa_build_aad(aad, sa->fixed, msg->xid);
	err = psac_keywrap_open(tn->gcm, psk->kek, aad, sizeof(aad), sa->pkey,
				sa->pkey_len, keymat, alg.keymat_len);
	if (err) {
		*why = "key unwrap failed";
		atomic64_inc(&tn->stats.unwrap_fail);
		status = PSAC_STATUS_KEY_PROT_FAILED;
		goto out;
	}
	/* Keyed digest of the keys: tells a re-send from a changed SA. */
	err = psac_hmac_sha256(tn->hmac, tn->digest_key,
			       sizeof(tn->digest_key), keymat, alg.keymat_len,
			       pair->keymat_digest);
	if (err) {
		status = PSAC_STATUS_UNSPEC_FAIL;
		goto out;
	}
	if (sa->lifetime != PSAC_LIFETIME_INFINITE) {
		pair->expires = jiffies + (unsigned long)sa->lifetime * HZ;
		if (!pair->expires)	/* 0 means "never" */
			pair->expires = 1;
	}

	old = psac_pair_find(tn, pair, true);
	if (old && psac_sa_same(&old->sa, &pair->sa) &&
	    !crypto_memneq(old->keymat_digest, pair->keymat_digest,
			   sizeof(pair->keymat_digest))) {
		/* A retransmission: already installed as asked. */
		old->expires = pair->expires;
		old->server = pair->server;
		psac_target_schedule_expiry(tn);
		status = PSAC_STATUS_SUCCESS;
		goto out;
	}
	if (old)	/* same SPIs, new content: the SA identity is reused */
		psac_pair_remove(tn, old, PSAC_EVENT_REPLACED);

	if (alg.mnha) {
		status = psac_target_mnha_add(tn, pair, &alg, keymat, why);
		if (status != PSAC_STATUS_SUCCESS)
			goto out;
		goto installed;
	}

	old = psac_pair_find(tn, pair, false);
	if (old) {
		err = psac_pair_rekey(tn, old, pair, &alg, keymat,
				      (unsigned long)READ_ONCE(rekey_grace) * HZ);
		if (!err) {
			list_del(&old->list);
			psac_nl_tsa_notify(tn, old, PSAC_EVENT_REPLACED);
			psac_pair_free(old);
		}
	} else {
		pair->reqid = tn->next_reqid++;
		err = psac_pair_install(tn, pair, &alg, keymat);
	}
	if (err) {
		atomic64_inc(&tn->stats.install_fail);
		if (err == -EEXIST) {
			*why = "SPI or policy already in use";
			status = PSAC_STATUS_UNSPEC_FAIL;
		} else if (err == -EOPNOTSUPP || err == -ENOENT) {
			*why = "algorithm not available in this kernel";
			status = PSAC_STATUS_ALG_NOT_SUPPORTED;
		} else {
			*why = "XFRM refused the SA";
			status = PSAC_STATUS_UNSPEC_FAIL;
		}
		goto out;
	}

installed:
	list_add_tail(&pair->list, &tn->pairs);
	atomic64_inc(&tn->stats.installed);
	psac_nl_tsa_notify(tn, pair, PSAC_EVENT_INSTALLED);
	psac_target_schedule_expiry(tn);
	pair = NULL;
	status = PSAC_STATUS_SUCCESS;
out:
	kfree_sensitive(keymat);
	memzero_explicit(aad, sizeof(aad));
	if (pair)
		psac_pair_free(pair);
	return status;
}

static const char *psac_status_text(u16 status)
{
	switch (status) {
	case PSAC_STATUS_SUCCESS:
		return "all SAs installed";
	case PSAC_STATUS_AUTH_FAILED:
		return "authentication failed";
	case PSAC_STATUS_REPLAYED:
		return "replay counter not increasing";
	default:
		return "one or more SAs refused";
	}
}

/**
 * psac_target_process() - handle one received SACONFIGURATION
 * @tn: the target state of the receiving namespace
 * @rx: the datagram and its addresses, only read (the caller frees it)
 *
 * Parses the message, finds the PSK its Key-ID names, checks the HMAC
 * over the whole message with the HMAC field zeroed, the realm and the
 * replay counter, then handles each OPTION_SA (install, rekey or delete
 * of an XFRM pair, or an MN-HA SA for the mnha role) and answers with an
 * authenticated SACONFIGURATION-REPLY holding a status for each SA.
 * Malformed, unauthenticated or replayed messages are counted in
 * @tn->stats and answered with a rate-limited error reply (a message
 * shorter than the DHCPv6 header is only counted).
 *
 * Context: Process context (the receive work item).  Takes @tn->lock,
 * and RTNL for MN-HA SAs.
 */
void psac_target_process(struct psac_target_net *tn, struct psac_rx_msg *rx)
{
	const char *why[PSAC_DHCP6_MAX_SA] = {};
	u16 sa_status[PSAC_DHCP6_MAX_SA];
	struct psac_dhcp6_msg *msg;
	struct psac_psk *psk;
	u16 top = PSAC_STATUS_SUCCESS;
	unsigned int i;
	u32 xid;
	u8 *copy;
	int err;

	if (rx->len < PSAC_DHCP6_HDR_LEN) {
		atomic64_inc(&tn->stats.parse_err);
		return;
	}
	xid = psac_get_be32(rx->data) & 0xffffff;

	msg = kzalloc(sizeof(*msg), GFP_KERNEL);
	if (!msg)
		return;

	mutex_lock(&tn->lock);
	err = psac_dhcp6_parse(&tn->cfg, rx->data, rx->len, msg);
	if (err) {
		atomic64_inc(&tn->stats.parse_err);
		net_dbg_ratelimited("malformed SACONFIGURATION from %pI6c: %s\n",
				    &rx->saddr, psac_dhcp6_strerror(err));
		if (__ratelimit(&tn->err_rs))
			psac_target_reply(tn, rx, xid, NULL, NULL,
					  PSAC_STATUS_UNSPEC_FAIL,
					  psac_dhcp6_strerror(err), NULL, NULL);
		goto out;
	}

	err = psac_target_crypto_get(tn);
	if (err)
		goto out;

	psk = psac_psk_find(tn, msg->auth.key_id);
	if (!psk) {
		atomic64_inc(&tn->stats.unknown_key);
		if (__ratelimit(&tn->err_rs))
			psac_target_reply(tn, rx, xid, msg, NULL,
					  PSAC_STATUS_AUTH_FAILED,
					  "unknown Key-ID", NULL, NULL);
		goto out;
	}

	/* HMAC over the whole message with the HMAC field zeroed. */
	copy = kmemdup(rx->data, rx->len, GFP_KERNEL);
	if (!copy)
		goto out;
	memset(copy + msg->auth.hmac_off, 0, PSAC_AUTH_HMAC_LEN);
	err = psac_hmac_sha256(tn->hmac, psk->key, psk->key_len, copy,
			       rx->len, copy + msg->auth.hmac_off);
	if (!err)
		err = crypto_memneq(copy + msg->auth.hmac_off, msg->auth.hmac,
				    PSAC_AUTH_HMAC_LEN) ? -EBADMSG : 0;
	if (!err && (msg->auth.realm_len != psk->realm_len ||
		     memcmp(msg->auth.realm, psk->realm, psk->realm_len)))
		err = -EBADMSG;
	kfree(copy);
	if (err) {
		atomic64_inc(&tn->stats.auth_fail);
		if (__ratelimit(&tn->err_rs))
			psac_target_reply(tn, rx, xid, msg, psk,
					  PSAC_STATUS_AUTH_FAILED,
					  psac_status_text(PSAC_STATUS_AUTH_FAILED),
					  NULL, NULL);
		goto out;
	}

	if (psk->rx_seen && msg->auth.replay <= psk->rx_counter) {
		atomic64_inc(&tn->stats.replay);
		if (__ratelimit(&tn->err_rs))
			psac_target_reply(tn, rx, xid, msg, psk,
					  PSAC_STATUS_REPLAYED,
					  psac_status_text(PSAC_STATUS_REPLAYED),
					  NULL, NULL);
		goto out;
	}
	psk->rx_seen = true;
	psk->rx_counter = msg->auth.replay;

	for (i = 0; i < msg->n_sa; i++) {
		sa_status[i] = psac_target_handle_sa(tn, rx, msg, i, psk,
						     &why[i]);
		if (sa_status[i] != PSAC_STATUS_SUCCESS) {
			top = sa_status[i];
			net_dbg_ratelimited("SA %u from %pI6c refused (%u): %s\n",
					    i, &rx->saddr, sa_status[i],
					    why[i] ?: "");
		}
	}
	psac_target_reply(tn, rx, xid, msg, psk, top, psac_status_text(top),
			  sa_status, why);
out:
	mutex_unlock(&tn->lock);
	kfree_sensitive(msg);
}

/* ---- expiry, removal ------------------------------------------------------ */

static void psac_target_expire_work(struct work_struct *work)
{
	struct psac_target_net *tn = container_of(to_delayed_work(work),
						  struct psac_target_net,
						  expire_work);
	struct psac_pair *p, *tmp;

	mutex_lock(&tn->lock);
	list_for_each_entry_safe(p, tmp, &tn->pairs, list) {
		if (p->x_retired && !time_before(jiffies, p->retire_at))
			psac_pair_retire(p);
		if (p->expires && !time_before(jiffies, p->expires))
			psac_pair_remove(tn, p, PSAC_EVENT_EXPIRED);
	}
	psac_target_schedule_expiry(tn);
	mutex_unlock(&tn->lock);
}

/**
 * psac_target_remove_pair() - remove an installed SA pair
 * @tn: the target state
 * @spi_in: the pair's inbound SPI (SPI-I2R)
 * @event: PSAC_EVENT_* for the "target" multicast notification
 *
 * Removes what the pair installed (XFRM states and policies, or the
 * MN-HA SA), counts it as deleted, notifies @event and frees the pair.
 *
 * Context: Process context; @tn->lock held.  Takes RTNL for an MN-HA SA.
 *
 * Return: 0, or -ENOENT if no pair has that inbound SPI.
 */
int psac_target_remove_pair(struct psac_target_net *tn, u32 spi_in,
			    int event)
{
	struct psac_pair *p;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry(p, &tn->pairs, list) {
		if (p->sa.spi_i2r == spi_in) {
			psac_pair_remove(tn, p, event);
			return 0;
		}
	}
	return -ENOENT;
}

/**
 * psac_target_flush_pairs() - remove and free every installed SA pair
 * @tn: the target state
 *
 * For namespace exit: removes what each pair installed (XFRM states and
 * policies, or the MN-HA SA) without counting or netlink notification.
 *
 * Context: Process context; @tn->lock held.  Takes RTNL for MN-HA SAs.
 */
void psac_target_flush_pairs(struct psac_target_net *tn)
{
	struct psac_pair *p, *tmp;

	list_for_each_entry_safe(p, tmp, &tn->pairs, list) {
		list_del(&p->list);
		psac_pair_undo(tn, p);
		psac_pair_free(p);
	}
}

/* ---- per-namespace setup -------------------------------------------------- */

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

/**
 * psac_target_net_init() - set up the target role of a new namespace
 * @net: the namespace
 * @tn: its target state
 *
 * Takes enable, port and code points from the module parameters (port
 * and code points fall back to the defaults if unusable), draws a random
 * DUID-UUID and digest key, and registers the netfilter hook.
 *
 * Context: Process context (pernet init).
 *
 * Return: 0, or the negative errno of nf_register_net_hook().
 */
int psac_target_net_init(struct net *net, struct psac_target_net *tn)
{
	int err;

	tn->net = net;
	mutex_init(&tn->lock);
	INIT_LIST_HEAD(&tn->psks);
	INIT_LIST_HEAD(&tn->pairs);
	spin_lock_init(&tn->queue_lock);
	INIT_LIST_HEAD(&tn->queue);
	INIT_WORK(&tn->rx_work, psac_target_rx_work);
	INIT_DELAYED_WORK(&tn->expire_work, psac_target_expire_work);
	ratelimit_state_init(&tn->err_rs, HZ, 20);
	tn->next_reqid = PSAC_TARGET_REQID_BASE;
	get_random_bytes(tn->digest_key, sizeof(tn->digest_key));

	/* DUID-UUID (RFC 6355): type 4 and 16 random octets. */
	tn->duid[0] = 0;
	tn->duid[1] = 4;
	get_random_bytes(tn->duid + 2, sizeof(tn->duid) - 2);

	psac_dhcp6_cfg_default(&tn->cfg);
	tn->cfg.msg_saconfig = msg_saconfig;
	tn->cfg.msg_saconfig_reply = msg_saconfig_reply;
	tn->cfg.opt_sa = opt_sa;
	tn->cfg.opt_sa_list = opt_sa_list;
	if (psac_dhcp6_cfg_check(&tn->cfg) || msg_saconfig > 255 ||
	    msg_saconfig_reply > 255 || !target_port) {
		pr_warn("bad code point module parameters, using defaults\n");
		psac_dhcp6_cfg_default(&tn->cfg);
		tn->port = PSAC_DHCP6_CLIENT_PORT;
	} else {
		tn->port = target_port;
	}
	tn->enabled = target_enable;

	mutex_lock(&tn->lock);
	err = psac_target_set_hook(tn, true);
	mutex_unlock(&tn->lock);
	return err;
}

/**
 * psac_target_net_exit() - tear down the target role of a namespace
 * @tn: the target state
 *
 * Stops queueing, unregisters the hook, waits for the receive and expiry
 * work, drops the queued messages, removes every SA pair and frees the
 * PSKs (wiped) and the transforms.
 *
 * Context: Process context (pernet exit).  Takes @tn->lock, and RTNL for
 * MN-HA SAs.
 */
void psac_target_net_exit(struct psac_target_net *tn)
{
	struct psac_psk *psk, *tmp;

	spin_lock_bh(&tn->queue_lock);
	tn->dying = true;
	spin_unlock_bh(&tn->queue_lock);

	mutex_lock(&tn->lock);
	psac_target_set_hook(tn, false);
	mutex_unlock(&tn->lock);

	cancel_work_sync(&tn->rx_work);
	psac_target_purge_queue(tn);
	cancel_delayed_work_sync(&tn->expire_work);

	mutex_lock(&tn->lock);
	psac_target_flush_pairs(tn);
	list_for_each_entry_safe(psk, tmp, &tn->psks, list) {
		list_del(&psk->list);
		kfree_sensitive(psk);
	}
	if (tn->gcm)
		crypto_free_aead(tn->gcm);
	if (tn->hmac)
		crypto_free_shash(tn->hmac);
	tn->gcm = NULL;
	tn->hmac = NULL;
	memzero_explicit(tn->digest_key, sizeof(tn->digest_key));
	mutex_unlock(&tn->lock);
	mutex_destroy(&tn->lock);
}
