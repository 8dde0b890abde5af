// SPDX-License-Identifier: GPL-2.0
/*
 * PSAC target: authenticating a SACONFIGURATION.  OPTION_AUTH's Key-ID
 * names the PSK; the HMAC-SHA256 over the whole message with the HMAC
 * field zeroed, the realm and a replay counter that must grow per PSK are
 * checked.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/slab.h>
#include <crypto/algapi.h>
#include <linux/psac_wire.h>

#include "target.h"

static struct psac_psk *psac_psk_find(struct psac_target_net *tn, u32 key_id)
{
	struct psac_psk *psk;

	list_for_each_entry(psk, &tn->psks, list)
		if (psk->key_id == key_id)
			return psk;
	return NULL;
}

/**
 * psac_target_authenticate() - check the OPTION_AUTH of a SACONFIGURATION
 * @tn: the target state
 * @rx: the message as received
 * @msg: its parse
 * @pskp: set to the PSK the Key-ID names, NULL if none does
 * @text: set to the status message for a refusal
 *
 * On success the PSK's replay counter advances to the message's.
 * Refusals are counted in @tn->stats.
 *
 * Context: Process context; @tn->lock held; the HMAC transform allocated.
 *
 * Return: PSAC_STATUS_SUCCESS, PSAC_STATUS_AUTH_FAILED,
 * PSAC_STATUS_REPLAYED, or -ENOMEM (nothing to answer).
 */
int psac_target_authenticate(struct psac_target_net *tn,
			     const struct psac_rx_msg *rx,
			     const struct psac_dhcp6_msg *msg,
			     struct psac_psk **pskp, const char **text)
{
	struct psac_psk *psk;
	u8 *copy;
	int err;

	psk = psac_psk_find(tn, msg->auth.key_id);
	*pskp = psk;
	if (!psk) {
		atomic64_inc(&tn->stats.unknown_key);
		*text = "unknown Key-ID";
		return PSAC_STATUS_AUTH_FAILED;
	}

	/* HMAC over the whole message with the HMAC field zeroed. */
	copy = kmemdup(rx->data, rx->len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
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
		*text = "authentication failed";
		return PSAC_STATUS_AUTH_FAILED;
	}

	if (psk->rx_seen && msg->auth.replay <= psk->rx_counter) {
		atomic64_inc(&tn->stats.replay);
		*text = "replay counter not increasing";
		return PSAC_STATUS_REPLAYED;
	}
	psk->rx_seen = true;
	psk->rx_counter = msg->auth.replay;
	return PSAC_STATUS_SUCCESS;
}
