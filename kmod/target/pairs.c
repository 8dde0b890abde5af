// SPDX-License-Identifier: GPL-2.0
/*
 * PSAC target: the installed SA pairs.  One OPTION_SA installs a pair,
 * rekeys the pair it replaces (the old inbound state is accepted for
 * rekey_grace seconds) or deletes it; mode-3 SAs go to the mnha device
 * instead.  Pairs expire with their Lifetime.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/jiffies.h>
#include <crypto/algapi.h>
#include <crypto/sha2.h>
#include <net/ipv6.h>
#include <net/xfrm.h>
#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "target.h"
#include "../psac.h"
#include "../compat.h"

static unsigned int rekey_grace = 5;
module_param(rekey_grace, uint, 0644);
MODULE_PARM_DESC(rekey_grace,
		 "Seconds a replaced inbound SA is still accepted after a rekey (default 5)");

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

/**
 * psac_target_handle_sa() - install, rekey or delete the pair of one OPTION_SA
 * @tn: the target state
 * @rx: the message it came in (the server's and the target's address)
 * @msg: the parsed, authenticated message
 * @idx: which of its SAs
 * @psk: the PSK that authenticated it (its KEK unwraps the keys)
 * @why: set to a reason when the SA is refused
 *
 * Validates the SA, unwraps its KEYMAT, and installs the XFRM pair (or
 * rekeys the pair it replaces, or deletes it for Lifetime 0), or hands a
 * mode-3 SA to the mnha device.
 *
 * Context: Process context; @tn->lock held.  Takes RTNL for MN-HA SAs.
 *
 * Return: the PSAC status of this SA for the reply.
 */
u16 psac_target_handle_sa(struct psac_target_net *tn,
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

/* ---- expiry, removal ------------------------------------------------------ */

/**
 * psac_target_expire_work() - remove expired pairs, retire replaced SAs
 * @work: &psac_target_net.expire_work
 *
 * Context: Process context (system work queue).  Takes @tn->lock.
 */
void psac_target_expire_work(struct work_struct *work)
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
