// SPDX-License-Identifier: GPL-2.0
/*
 * PSAC target-server role: the handling of one SACONFIGURATION and the
 * per-namespace state.
 *
 * rx.c receives SACONFIGURATIONs (netfilter hook, queue, work item),
 * this file parses each (kmod/lib), auth.c authenticates it, pairs.c
 * installs, rekeys or deletes its SA pairs (through xfrm.c, or the mnha
 * device for mode 3) and reply.c answers with an authenticated
 * SACONFIGURATION-REPLY from the target port.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/random.h>
#include <linux/ratelimit.h>
#include <crypto/hash.h>
#include <crypto/aead.h>
#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "target.h"
#include "../psac.h"
#include "../compat.h"

/*
 * Defaults of new namespaces.  Deprecated: `psac target config set`
 * (PSAC_CMD_TARGET_CONFIG_SET) sets the same per namespace; they stay for
 * release 0.1 and are removed in 0.2 (docs/target.md).
 */
static unsigned short target_port = PSAC_DHCP6_CLIENT_PORT;
module_param(target_port, ushort, 0444);
MODULE_PARM_DESC(target_port,
		 "Deprecated: UDP port for SACONFIGURATION (default 546)");

static bool target_enable = true;
module_param(target_enable, bool, 0444);
MODULE_PARM_DESC(target_enable,
		 "Deprecated: accept SACONFIGURATION in new namespaces (default on)");

static unsigned short msg_saconfig = PSAC_DHCP6_MSG_SACONFIG;
module_param(msg_saconfig, ushort, 0444);
MODULE_PARM_DESC(msg_saconfig,
		 "Deprecated: SACONFIGURATION message type (default 240)");

static unsigned short msg_saconfig_reply = PSAC_DHCP6_MSG_SACONFIG_REPLY;
module_param(msg_saconfig_reply, ushort, 0444);
MODULE_PARM_DESC(msg_saconfig_reply,
		 "Deprecated: SACONFIGURATION-REPLY message type (default 241)");

static unsigned short opt_sa = PSAC_OPT_SA;
module_param(opt_sa, ushort, 0444);
MODULE_PARM_DESC(opt_sa, "Deprecated: OPTION_SA code (default 65283)");

static unsigned short opt_sa_list = PSAC_OPT_SA_LIST;
module_param(opt_sa_list, ushort, 0444);
MODULE_PARM_DESC(opt_sa_list,
		 "Deprecated: OPTION_SA_LIST code (default 65284)");

/**
 * psac_target_params_warn() - warn about the deprecated parameters set
 *
 * Names each of the six target parameters given a value other than its
 * default, and what replaces it.
 *
 * Context: Module init.
 */
void psac_target_params_warn(void)
{
	const struct {
		const char *name;
		bool set;
	} p[] = {
		{ "target_port", target_port != PSAC_DHCP6_CLIENT_PORT },
		{ "target_enable", !target_enable },
		{ "msg_saconfig", msg_saconfig != PSAC_DHCP6_MSG_SACONFIG },
		{ "msg_saconfig_reply",
		  msg_saconfig_reply != PSAC_DHCP6_MSG_SACONFIG_REPLY },
		{ "opt_sa", opt_sa != PSAC_OPT_SA },
		{ "opt_sa_list", opt_sa_list != PSAC_OPT_SA_LIST },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(p); i++)
		if (p[i].set)
			pr_warn("module parameter %s is deprecated and goes in 0.2: use 'psac target config set' in each namespace\n",
				p[i].name);
}

/* ---- one SACONFIGURATION --------------------------------------------------- */

static const char *psac_status_text(u16 status)
{
	switch (status) {
	case PSAC_STATUS_SUCCESS:
		return "all SAs installed";
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
	const char *text;
	unsigned int i;
	u32 xid;
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

	err = psac_target_authenticate(tn, rx, msg, &psk, &text);
	if (err < 0)
		goto out;
	if (err != PSAC_STATUS_SUCCESS) {
		if (__ratelimit(&tn->err_rs))
			psac_target_reply(tn, rx, xid, msg, psk, (u16)err,
					  text, NULL, NULL);
		goto out;
	}

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

/* ---- per-namespace setup -------------------------------------------------- */

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
