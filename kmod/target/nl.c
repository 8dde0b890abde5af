// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink handlers of the target role: PSKs (never readable back),
 * configuration, installed SA pairs, counters and the "target" multicast
 * events.  Wired into the psac family by kmod/netlink.c.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "target.h"
#include "../psac.h"
#include "../compat.h"
#include "../netlink-gen.h"

static struct psac_target_net *psac_tn(struct genl_info *info)
{
	return &psac_pernet(genl_info_net(info))->target;
}

/**
 * psac_nl_psk_add_doit() - PSAC_CMD_PSK_ADD: add or replace a pre-shared key
 * @skb: the request
 * @info: its attributes: PSAC_A_PSK with KEY_ID, KEY, optional REALM and
 *        REPLACE
 *
 * Derives the key's KEK at once.  A replacement keeps the replay counters
 * of the key it replaces, so that a new key does not reopen them; the old
 * key is wiped.
 *
 * Context: Process context.  Takes the target lock.
 *
 * Return: 0, -EINVAL (no key-id or key), -EEXIST (key-id in use, no
 * REPLACE), -ENOMEM, the error of allocating the transforms or deriving
 * the KEK, or the nest parser's error.
 */
int psac_nl_psk_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct psac_target_net *tn = psac_tn(info);
	struct nlattr *tb[PSAC_PSK_A_MAX + 1];
	struct psac_psk *psk, *old;
	bool replace;
	int err;

	err = psac_nl_parse_nest(info, PSAC_A_PSK, PSAC_PSK_A_MAX,
				 psac_psk_input_nl_policy, tb);
	if (err)
		return err;
	if (!tb[PSAC_PSK_A_KEY_ID] || !tb[PSAC_PSK_A_KEY]) {
		NL_SET_ERR_MSG_MOD(info->extack, "PSK needs a key-id and a key");
		return -EINVAL;
	}
	/* The policy bounds the length from above (psac.yaml, key). */
	if (nla_len(tb[PSAC_PSK_A_KEY]) < PSAC_PSK_MIN_LEN) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[PSAC_PSK_A_KEY],
				    "PSK shorter than PSAC_PSK_MIN_LEN (16) octets");
		return -EINVAL;
	}
	replace = nla_get_flag(tb[PSAC_PSK_A_REPLACE]);

	psk = kzalloc(sizeof(*psk), GFP_KERNEL_ACCOUNT);
	if (!psk)
		return -ENOMEM;
	psk->key_id = nla_get_u32(tb[PSAC_PSK_A_KEY_ID]);
	psk->key_len = nla_len(tb[PSAC_PSK_A_KEY]);
	nla_memcpy(psk->key, tb[PSAC_PSK_A_KEY], sizeof(psk->key));
	if (tb[PSAC_PSK_A_REALM]) {
		psk->realm_len = nla_len(tb[PSAC_PSK_A_REALM]);
		nla_memcpy(psk->realm, tb[PSAC_PSK_A_REALM],
			   sizeof(psk->realm));
	}

	mutex_lock(&tn->lock);
	old = NULL;
	list_for_each_entry(old, &tn->psks, list)
		if (old->key_id == psk->key_id)
			break;
	if (list_entry_is_head(old, &tn->psks, list))
		old = NULL;
	if (old && !replace) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "a PSK with this key-id exists (use replace)");
		err = -EEXIST;
		goto err_unlock;
	}
	err = psac_target_crypto_get(tn);
	if (err) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "hmac(sha256) or gcm(aes) unavailable");
		goto err_unlock;
	}
	err = psac_kek_derive(tn->hmac, psk->key, psk->key_len,
			      PSAC_KEK_INFO_PSK, psk->kek);
	if (err)
		goto err_unlock;
	if (old) {
		/* Keep the replay state: a new key must not reopen it. */
		psk->rx_seen = old->rx_seen;
		psk->rx_counter = old->rx_counter;
		psk->tx_counter = old->tx_counter;
		list_replace(&old->list, &psk->list);
		kfree_sensitive(old);
	} else {
		list_add_tail(&psk->list, &tn->psks);
	}
	mutex_unlock(&tn->lock);
	return 0;

err_unlock:
	mutex_unlock(&tn->lock);
	kfree_sensitive(psk);
	return err;
}

/**
 * psac_nl_psk_del_doit() - PSAC_CMD_PSK_DEL: remove a pre-shared key
 * @skb: the request
 * @info: its attributes: PSAC_A_PSK with KEY_ID
 *
 * The key is wiped; SA pairs installed with it stay.
 *
 * Context: Process context.  Takes the target lock.
 *
 * Return: 0, -EINVAL (no key-id), -ENOENT (no PSK with this key-id), or
 * the nest parser's error.
 */
int psac_nl_psk_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct psac_target_net *tn = psac_tn(info);
	struct nlattr *tb[PSAC_PSK_A_MAX + 1];
	struct psac_psk *psk;
	u32 key_id;
	int err;

	err = psac_nl_parse_nest(info, PSAC_A_PSK, PSAC_PSK_A_MAX,
				 psac_psk_input_nl_policy, tb);
	if (err)
		return err;
	if (!tb[PSAC_PSK_A_KEY_ID]) {
		NL_SET_ERR_MSG_MOD(info->extack, "missing key-id");
		return -EINVAL;
	}
	key_id = nla_get_u32(tb[PSAC_PSK_A_KEY_ID]);

	mutex_lock(&tn->lock);
	list_for_each_entry(psk, &tn->psks, list) {
		if (psk->key_id == key_id) {
			list_del(&psk->list);
			mutex_unlock(&tn->lock);
			kfree_sensitive(psk);
			return 0;
		}
	}
	mutex_unlock(&tn->lock);
	NL_SET_ERR_MSG_MOD(info->extack, "no PSK with this key-id");
	return -ENOENT;
}

/**
 * psac_nl_psk_get_dumpit() - PSAC_CMD_PSK_GET dump: the PSKs without their keys
 * @skb: the reply being filled
 * @cb: the dump state; cb->args[0] counts the PSKs already sent
 *
 * One message per PSK: key-id, realm and the replay counters.
 *
 * Context: Process context.  Takes the target lock.
 *
 * Return: @skb->len (0 ends the dump).
 */
int psac_nl_psk_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct psac_target_net *tn =
		&psac_pernet(sock_net(cb->skb->sk))->target;
	long idx = 0, start = cb->args[0];
	struct psac_psk *psk;
	struct nlattr *nest;
	void *hdr;

	mutex_lock(&tn->lock);
	list_for_each_entry(psk, &tn->psks, list) {
		if (idx++ < start)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &psac_genl_family,
				  NLM_F_MULTI, PSAC_CMD_PSK_GET);
		if (!hdr)
			goto full;
		nest = nla_nest_start(skb, PSAC_A_PSK);
		if (!nest ||
		    nla_put_u32(skb, PSAC_PSK_A_KEY_ID, psk->key_id) ||
		    (psk->realm_len &&
		     nla_put(skb, PSAC_PSK_A_REALM, psk->realm_len,
			     psk->realm)) ||
		    nla_put_u64_64bit(skb, PSAC_PSK_A_RX_COUNTER,
				      psk->rx_counter, PSAC_PSK_A_UNSPEC) ||
		    nla_put_u64_64bit(skb, PSAC_PSK_A_TX_COUNTER,
				      psk->tx_counter, PSAC_PSK_A_UNSPEC)) {
			genlmsg_cancel(skb, hdr);
			goto full;
		}
		nla_nest_end(skb, nest);
		genlmsg_end(skb, hdr);
		cb->args[0] = idx;
	}
full:
	mutex_unlock(&tn->lock);
	return skb->len;
}

/**
 * psac_nl_target_config_set_doit() - PSAC_CMD_TARGET_CONFIG_SET: change the configuration
 * @skb: the request
 * @info: its attributes: PSAC_A_TARGET_CONFIG with any of ENABLED, PORT,
 *        the message types and the option codes
 *
 * Attributes left out keep their value.  Nothing changes if the code
 * points that result are unusable.  The netfilter hook reads enabled,
 * port and the SACONFIGURATION type without the lock.
 *
 * Context: Process context.  Takes the target lock.
 *
 * Return: 0, -EINVAL if the code points are unusable
 * (psac_dhcp6_cfg_check()), or the nest parser's error.
 */
int psac_nl_target_config_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct psac_target_net *tn = psac_tn(info);
	struct nlattr *tb[PSAC_TCFG_A_MAX + 1];
	struct psac_dhcp6_cfg cfg;
	int err;

	err = psac_nl_parse_nest(info, PSAC_A_TARGET_CONFIG, PSAC_TCFG_A_MAX,
				 psac_tcfg_nl_policy, tb);
	if (err)
		return err;

	mutex_lock(&tn->lock);
	cfg = tn->cfg;
	if (tb[PSAC_TCFG_A_MSG_SACONFIG])
		cfg.msg_saconfig = nla_get_u8(tb[PSAC_TCFG_A_MSG_SACONFIG]);
	if (tb[PSAC_TCFG_A_MSG_SACONFIG_REPLY])
		cfg.msg_saconfig_reply =
			nla_get_u8(tb[PSAC_TCFG_A_MSG_SACONFIG_REPLY]);
	if (tb[PSAC_TCFG_A_OPT_SA])
		cfg.opt_sa = nla_get_u16(tb[PSAC_TCFG_A_OPT_SA]);
	if (tb[PSAC_TCFG_A_OPT_SA_LIST])
		cfg.opt_sa_list = nla_get_u16(tb[PSAC_TCFG_A_OPT_SA_LIST]);
	if (psac_dhcp6_cfg_check(&cfg)) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "code points clash with each other or with assigned DHCPv6 codes (message types 1-37)");
		err = -EINVAL;
		goto out;
	}
	if (tb[PSAC_TCFG_A_PORT])
		WRITE_ONCE(tn->port, nla_get_u16(tb[PSAC_TCFG_A_PORT]));
	if (tb[PSAC_TCFG_A_ENABLED])
		WRITE_ONCE(tn->enabled, nla_get_u8(tb[PSAC_TCFG_A_ENABLED]));
	WRITE_ONCE(tn->cfg.msg_saconfig, cfg.msg_saconfig);
	tn->cfg.msg_saconfig_reply = cfg.msg_saconfig_reply;
	tn->cfg.opt_sa = cfg.opt_sa;
	tn->cfg.opt_sa_list = cfg.opt_sa_list;
out:
	mutex_unlock(&tn->lock);
	return err;
}

/**
 * psac_nl_target_config_get_doit() - PSAC_CMD_TARGET_CONFIG_GET: reply with the configuration
 * @skb: the request
 * @info: the request's header and attributes
 *
 * Context: Process context.  Takes the target lock.
 *
 * Return: the result of genlmsg_reply(), -ENOMEM or -EMSGSIZE.
 */
int psac_nl_target_config_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct psac_target_net *tn = psac_tn(info);
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &psac_genl_family, 0,
				PSAC_CMD_TARGET_CONFIG_GET);
	if (!hdr)
		goto err;
	mutex_lock(&tn->lock);
	nest = nla_nest_start(msg, PSAC_A_TARGET_CONFIG);
	if (!nest ||
	    nla_put_u8(msg, PSAC_TCFG_A_ENABLED, READ_ONCE(tn->enabled)) ||
	    nla_put_u16(msg, PSAC_TCFG_A_PORT, READ_ONCE(tn->port)) ||
	    nla_put_u8(msg, PSAC_TCFG_A_MSG_SACONFIG, tn->cfg.msg_saconfig) ||
	    nla_put_u8(msg, PSAC_TCFG_A_MSG_SACONFIG_REPLY,
		       tn->cfg.msg_saconfig_reply) ||
	    nla_put_u16(msg, PSAC_TCFG_A_OPT_SA, tn->cfg.opt_sa) ||
	    nla_put_u16(msg, PSAC_TCFG_A_OPT_SA_LIST, tn->cfg.opt_sa_list)) {
		mutex_unlock(&tn->lock);
		goto err;
	}
	mutex_unlock(&tn->lock);
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
err:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int psac_put_pair(struct sk_buff *skb, const struct psac_pair *p)
{
	const struct psac_dhcp6_sa *sa = &p->sa;
	struct nlattr *nest;

	nest = nla_nest_start(skb, PSAC_A_TARGET_SA);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(skb, PSAC_TSA_A_PEER, &p->peer) ||
	    nla_put_in6_addr(skb, PSAC_TSA_A_LOCAL, &p->local) ||
	    nla_put_in6_addr(skb, PSAC_TSA_A_SERVER, &p->server) ||
	    nla_put_u32(skb, PSAC_TSA_A_KEY_ID, p->key_id) ||
	    nla_put_u32(skb, PSAC_TSA_A_SPI_IN, sa->spi_i2r) ||
	    nla_put_u32(skb, PSAC_TSA_A_SPI_OUT, sa->spi_r2i) ||
	    nla_put_u8(skb, PSAC_TSA_A_PROTO, sa->protocol) ||
	    nla_put_u8(skb, PSAC_TSA_A_MODE, sa->mode) ||
	    nla_put_u16(skb, PSAC_TSA_A_ENCR_ALG, sa->encr_alg) ||
	    nla_put_u16(skb, PSAC_TSA_A_ENCR_KEY_BITS, sa->encr_key_bits) ||
	    nla_put_u16(skb, PSAC_TSA_A_INTEG_ALG, sa->integ_alg) ||
	    nla_put_u8(skb, PSAC_TSA_A_ULP, sa->ulp) ||
	    nla_put_u16(skb, PSAC_TSA_A_SPORT, sa->sport_or_type) ||
	    nla_put_u16(skb, PSAC_TSA_A_DPORT, sa->dport_or_code) ||
	    nla_put_u32(skb, PSAC_TSA_A_LIFETIME, sa->lifetime))
		goto err;
	if (p->expires) {
		long left = (long)(p->expires - jiffies);

		if (nla_put_u64_64bit(skb, PSAC_TSA_A_EXPIRES,
				      left > 0 ? left / HZ : 0, PSAC_TSA_A_PAD))
			goto err;
	}
	nla_nest_end(skb, nest);
	return 0;
err:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/**
 * psac_nl_target_sa_get_dumpit() - PSAC_CMD_TARGET_SA_GET dump: the installed SA pairs
 * @skb: the reply being filled
 * @cb: the dump state; cb->args[0] counts the pairs already sent
 *
 * One message per pair: addresses, key-id, SPIs, the SA's fixed part and,
 * if it expires, the seconds left.
 *
 * Context: Process context.  Takes the target lock.
 *
 * Return: @skb->len (0 ends the dump).
 */
int psac_nl_target_sa_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct psac_target_net *tn =
		&psac_pernet(sock_net(cb->skb->sk))->target;
	long idx = 0, start = cb->args[0];
	struct psac_pair *p;
	void *hdr;

	mutex_lock(&tn->lock);
	list_for_each_entry(p, &tn->pairs, list) {
		if (idx++ < start)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &psac_genl_family,
				  NLM_F_MULTI, PSAC_CMD_TARGET_SA_GET);
		if (!hdr)
			break;
		if (psac_put_pair(skb, p)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = idx;
	}
	mutex_unlock(&tn->lock);
	return skb->len;
}

/**
 * psac_nl_target_sa_del_doit() - PSAC_CMD_TARGET_SA_DEL: remove an installed SA pair
 * @skb: the request
 * @info: its attributes: PSAC_A_TARGET_SA with SPI_IN
 *
 * See psac_target_remove_pair(); the event is PSAC_EVENT_REMOVED.
 *
 * Context: Process context.  Takes the target lock, and RTNL for an MN-HA
 * SA.
 *
 * Return: 0, -EINVAL (no SPI_IN), -ENOENT (no pair with this inbound
 * SPI), or the nest parser's error.
 */
int psac_nl_target_sa_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct psac_target_net *tn = psac_tn(info);
	struct nlattr *tb[PSAC_TSA_A_MAX + 1];
	u32 spi;
	int err;

	err = psac_nl_parse_nest(info, PSAC_A_TARGET_SA, PSAC_TSA_A_MAX,
				 psac_tsa_input_nl_policy, tb);
	if (err)
		return err;
	if (!tb[PSAC_TSA_A_SPI_IN]) {
		NL_SET_ERR_MSG_MOD(info->extack, "missing inbound SPI");
		return -EINVAL;
	}
	spi = nla_get_u32(tb[PSAC_TSA_A_SPI_IN]);
	mutex_lock(&tn->lock);
	err = psac_target_remove_pair(tn, spi, PSAC_EVENT_REMOVED);
	mutex_unlock(&tn->lock);
	if (err)
		NL_SET_ERR_MSG_MOD(info->extack,
				   "no SA pair with this inbound SPI");
	return err;
}

/**
 * psac_nl_target_stats_get_doit() - PSAC_CMD_TARGET_STATS_GET: reply with the counters
 * @skb: the request
 * @info: the request's header and attributes
 *
 * The counters are atomic and read without the lock.
 *
 * Context: Process context.
 *
 * Return: the result of genlmsg_reply(), -ENOMEM or -EMSGSIZE.
 */
int psac_nl_target_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct psac_target_net *tn = psac_tn(info);
	const struct psac_target_stats *s = &tn->stats;
	static const struct {
		int attr;
		size_t off;
	} map[] = {
#define PSAC_STAT(a, f) { a, offsetof(struct psac_target_stats, f) }
		PSAC_STAT(PSAC_TSTAT_A_RX, rx),
		PSAC_STAT(PSAC_TSTAT_A_INSTALLED, installed),
		PSAC_STAT(PSAC_TSTAT_A_DELETED, deleted),
		PSAC_STAT(PSAC_TSTAT_A_AUTH_FAIL, auth_fail),
		PSAC_STAT(PSAC_TSTAT_A_UNKNOWN_KEY, unknown_key),
		PSAC_STAT(PSAC_TSTAT_A_REPLAY, replay),
		PSAC_STAT(PSAC_TSTAT_A_PARSE_ERR, parse_err),
		PSAC_STAT(PSAC_TSTAT_A_UNWRAP_FAIL, unwrap_fail),
		PSAC_STAT(PSAC_TSTAT_A_REJECTED, rejected),
		PSAC_STAT(PSAC_TSTAT_A_INSTALL_FAIL, install_fail),
		PSAC_STAT(PSAC_TSTAT_A_REPLIES, replies),
		PSAC_STAT(PSAC_TSTAT_A_DROPPED, dropped),
#undef PSAC_STAT
	};
	struct nlattr *nest;
	struct sk_buff *msg;
	unsigned int i;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &psac_genl_family, 0,
				PSAC_CMD_TARGET_STATS_GET);
	if (!hdr)
		goto err;
	nest = nla_nest_start(msg, PSAC_A_TARGET_STATS);
	if (!nest)
		goto err;
	for (i = 0; i < ARRAY_SIZE(map); i++) {
		const atomic64_t *v = (const void *)s + map[i].off;

		if (nla_put_u64_64bit(msg, map[i].attr, atomic64_read(v),
				      PSAC_TSTAT_A_PAD))
			goto err;
	}
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
err:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/**
 * psac_nl_tsa_notify() - multicast an SA pair event to the "target" group
 * @tn: the target state (its namespace)
 * @pair: the pair the event is about
 * @event: PSAC_EVENT_*
 *
 * Sends PSAC_CMD_TARGET_SA_NTF with @event and the pair.  Does nothing
 * without listeners; an event whose message cannot be allocated is lost.
 *
 * Context: Process context; @tn->lock held.
 */
void psac_nl_tsa_notify(struct psac_target_net *tn,
			const struct psac_pair *pair, int event)
{
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&psac_genl_family, tn->net,
				PSAC_NLGRP_TARGET))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &psac_genl_family, 0,
			  PSAC_CMD_TARGET_SA_NTF);
	if (!hdr || nla_put_u8(msg, PSAC_A_EVENT, event) ||
	    psac_put_pair(msg, pair)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&psac_genl_family, tn->net, msg, 0,
				PSAC_NLGRP_TARGET, GFP_KERNEL);
}
