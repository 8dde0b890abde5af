// SPDX-License-Identifier: GPL-2.0
/*
 * Build and insert the XFRM states and policies of one PSAC SA pair, the way
 * xfrm_user does for `ip xfrm state add` / `ip xfrm policy add`, and remove
 * exactly those objects again.  Process context only (state construction
 * may load esp6 and allocate transforms).
 *
 * On the target server:
 *   inbound  state: SPI-I2R, peer -> local, Ke/Ka(I2R)
 *   outbound state: SPI-R2I, local -> peer, Ke/Ka(R2I)
 *   in/out policies: host-to-host selectors plus the SA's upper-layer
 *   protocol and ports / ICMPv6 type and code / MH type, one ESP template
 *   bound to the pair's reqid.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/xfrm.h>
#include <linux/psac_wire.h>

#include "target.h"
#include "../compat.h"

/*
 * Selector for one direction.  OPTION_SA selectors are written from the
 * requestor's side: Src-Port is the requestor's port and, for the Mobility
 * Header, the MH type the requestor sends.  Value 0 means "any" for ports,
 * ICMPv6 type and code, and MH type.
 */
static void psac_pair_selector(const struct psac_pair *pair, bool inbound,
			       struct xfrm_selector *sel)
{
	const struct psac_dhcp6_sa *sa = &pair->sa;
	u16 req_port = sa->sport_or_type, tgt_port = sa->dport_or_code;

	memset(sel, 0, sizeof(*sel));
	sel->family = AF_INET6;
	sel->prefixlen_s = 128;
	sel->prefixlen_d = 128;
	sel->saddr.in6 = inbound ? pair->peer : pair->local;
	sel->daddr.in6 = inbound ? pair->local : pair->peer;
	sel->proto = sa->ulp;

	switch (sa->ulp) {
	case PSAC_ULP_TCP:
	case PSAC_ULP_UDP:
		if (!inbound)
			swap(req_port, tgt_port);
		sel->sport = htons(req_port);
		sel->sport_mask = req_port ? htons(0xffff) : 0;
		sel->dport = htons(tgt_port);
		sel->dport_mask = tgt_port ? htons(0xffff) : 0;
		break;
	case PSAC_ULP_ICMPV6:
		/* type in sport, code in dport, for both directions */
		sel->sport = htons(sa->sport_or_type);
		sel->sport_mask = sa->sport_or_type ? htons(0xffff) : 0;
		sel->dport = htons(sa->dport_or_code);
		sel->dport_mask = sa->dport_or_code ? htons(0xffff) : 0;
		break;
	case PSAC_ULP_MH:
		/*
		 * MH type in sport (draft-ietf-mip6-ikev2-ipsec): Src-Port-or-
		 * Type is the type the requestor sends (a BU), Dst-Port-or-
		 * Code the type the target sends back (a BAck).
		 */
		if (!inbound)
			swap(req_port, tgt_port);
		sel->sport = htons(req_port);
		sel->sport_mask = req_port ? htons(0xffff) : 0;
		if (inbound && !PSAC_XFRM_IN_MH_TYPE_MATCH) {
			/* see compat.h: inbound flows carry no MH type */
			sel->sport = 0;
			sel->sport_mask = 0;
		}
		break;
	default:
		break;
	}
}

static void *psac_alg_dup(size_t hdr, const u8 *key, unsigned int key_len)
{
	u8 *p = kzalloc(hdr + key_len, GFP_KERNEL);

	if (p)
		memcpy(p + hdr, key, key_len);
	return p;
}

static int psac_state_set_algs(struct xfrm_state *x,
			       const struct psac_sa_alg *alg,
			       const u8 *ekey, const u8 *ikey)
{
	struct xfrm_algo_desc *desc;

	if (alg->aead_name) {
		desc = xfrm_aead_get_byname(alg->aead_name, alg->icv_bits, 1);
		if (!desc)
			return -EOPNOTSUPP;
		x->aead = psac_alg_dup(sizeof(*x->aead), ekey, alg->ekey_len);
		if (!x->aead)
			return -ENOMEM;
		strscpy(x->aead->alg_name, desc->name,
			sizeof(x->aead->alg_name));
		x->aead->alg_key_len = alg->ekey_len * 8;
		x->aead->alg_icv_len = alg->icv_bits;
		x->props.ealgo = desc->desc.sadb_alg_id;
		/* esp allocates "<geniv>(<aead>)", as xfrm_user sets it up */
		x->geniv = desc->uinfo.aead.geniv;
		return 0;
	}

	desc = xfrm_ealg_get_byname(alg->enc_name, 1);
	if (!desc)
		return -EOPNOTSUPP;
	x->ealg = psac_alg_dup(sizeof(*x->ealg), ekey, alg->ekey_len);
	if (!x->ealg)
		return -ENOMEM;
	strscpy(x->ealg->alg_name, desc->name, sizeof(x->ealg->alg_name));
	x->ealg->alg_key_len = alg->ekey_len * 8;
	x->props.ealgo = desc->desc.sadb_alg_id;
	x->geniv = desc->uinfo.encr.geniv;

	desc = xfrm_aalg_get_byname(alg->auth_name, 1);
	if (!desc)
		return -EOPNOTSUPP;
	x->aalg = psac_alg_dup(sizeof(*x->aalg), ikey, alg->ikey_len);
	if (!x->aalg)
		return -ENOMEM;
	strscpy(x->aalg->alg_name, desc->name, sizeof(x->aalg->alg_name));
	x->aalg->alg_key_len = alg->ikey_len * 8;
	x->aalg->alg_trunc_len = alg->icv_bits;
	x->props.aalgo = desc->desc.sadb_alg_id;
	return 0;
}

static void psac_xfrm_lft_infinite(struct xfrm_lifetime_cfg *lft)
{
	lft->soft_byte_limit = XFRM_INF;
	lft->hard_byte_limit = XFRM_INF;
	lft->soft_packet_limit = XFRM_INF;
	lft->hard_packet_limit = XFRM_INF;
}

static void psac_state_kill(struct xfrm_state *x)
{
	x->km.state = XFRM_STATE_DEAD;
	xfrm_state_put(x);
}

static struct xfrm_state *psac_state_add(struct net *net,
					 const struct psac_pair *pair,
					 bool inbound,
					 const struct psac_sa_alg *alg,
					 const u8 *ekey, const u8 *ikey)
{
	const struct psac_dhcp6_sa *sa = &pair->sa;
	struct km_event c = { .event = XFRM_MSG_NEWSA };
	struct xfrm_state *x;
	int err;

	x = xfrm_state_alloc(net);
	if (!x)
		return ERR_PTR(-ENOMEM);

	x->id.proto = IPPROTO_ESP;
	x->id.spi = htonl(inbound ? sa->spi_i2r : sa->spi_r2i);
	x->id.daddr.in6 = inbound ? pair->local : pair->peer;
	x->props.saddr.in6 = inbound ? pair->peer : pair->local;
	x->props.family = AF_INET6;
	x->props.mode = sa->mode == PSAC_MODE_TUNNEL ? XFRM_MODE_TUNNEL :
						       XFRM_MODE_TRANSPORT;
	x->props.reqid = pair->reqid;
	x->props.replay_window = 32;
	psac_pair_selector(pair, inbound, &x->sel);
	if (sa->ulp == PSAC_ULP_ICMPV6 || sa->ulp == PSAC_ULP_MH) {
		/*
		 * Types live in the policies only: the inbound state check
		 * (XfrmInStateMismatch) does not see the MH type of a
		 * decapsulated flow, and the policy already enforces it.
		 */
		x->sel.sport = 0;
		x->sel.sport_mask = 0;
		x->sel.dport = 0;
		x->sel.dport_mask = 0;
	}

	psac_xfrm_lft_infinite(&x->lft);
	if (sa->lifetime != PSAC_LIFETIME_INFINITE) {
		x->lft.hard_add_expires_seconds = sa->lifetime;
		x->lft.soft_add_expires_seconds = sa->lifetime -
						  sa->lifetime / 10;
	}

	err = psac_state_set_algs(x, alg, ekey, ikey);
	if (err)
		goto err_kill;

	err = psac_xfrm_init_state(x, NULL);
	if (err)
		goto err_kill;

	/*
	 * The allocation reference becomes the state table's (dropped by
	 * xfrm_state_delete()); this hold is ours, kept while we track it.
	 */
	xfrm_state_hold(x);
	err = xfrm_state_add(x);
	if (err) {
		x->km.state = XFRM_STATE_DEAD;
		__xfrm_state_put(x);
		goto err_kill;
	}

	km_state_notify(x, &c);
	return x;

err_kill:
	psac_state_kill(x);
	return ERR_PTR(err);
}

static void psac_state_del(struct xfrm_state *x, bool notify)
{
	struct km_event c = { .event = XFRM_MSG_DELSA };

	if (!x)
		return;
	if (!xfrm_state_delete(x) && notify)
		km_state_notify(x, &c);
	xfrm_state_put(x);
}

static struct xfrm_policy *psac_policy_add(struct net *net,
					   const struct psac_pair *pair,
					   bool inbound)
{
	struct km_event c = { .event = XFRM_MSG_NEWPOLICY };
	int dir = inbound ? XFRM_POLICY_IN : XFRM_POLICY_OUT;
	struct xfrm_policy *xp;
	struct xfrm_tmpl *t;
	int err;

	xp = xfrm_policy_alloc(net, GFP_KERNEL);
	if (!xp)
		return ERR_PTR(-ENOMEM);

	psac_pair_selector(pair, inbound, &xp->selector);
	psac_xfrm_lft_infinite(&xp->lft);
	xp->family = AF_INET6;
	xp->action = XFRM_POLICY_ALLOW;
	xp->type = XFRM_POLICY_TYPE_MAIN;
	xp->priority = 0;

	xp->xfrm_nr = 1;
	t = &xp->xfrm_vec[0];
	t->id.proto = IPPROTO_ESP;
	t->reqid = pair->reqid;
	t->share = XFRM_SHARE_ANY;
	t->aalgos = ~0U;
	t->ealgos = ~0U;
	t->calgos = ~0U;
	t->encap_family = AF_INET6;
	if (pair->sa.mode == PSAC_MODE_TUNNEL) {
		t->mode = XFRM_MODE_TUNNEL;
		t->id.daddr.in6 = inbound ? pair->local : pair->peer;
		t->saddr.in6 = inbound ? pair->peer : pair->local;
	} else {
		t->mode = XFRM_MODE_TRANSPORT;
	}

	err = xfrm_policy_insert(dir, xp, 1);
	if (err) {
		xp->walk.dead = 1;
		xfrm_policy_destroy(xp);
		return ERR_PTR(err);
	}
	km_policy_notify(xp, dir, &c);
	/* xfrm_policy_insert() took the table's reference; ours is kept. */
	return xp;
}

static void psac_policy_del(struct xfrm_policy *xp, int dir, bool notify)
{
	struct km_event c = { .event = XFRM_MSG_DELPOLICY };

	if (!xp)
		return;
	if (!xfrm_policy_delete(xp, dir) && notify)
		km_policy_notify(xp, dir, &c);
	xfrm_pol_put(xp);
}

static int psac_pair_states(struct psac_target_net *tn,
			    struct psac_pair *pair,
			    const struct psac_sa_alg *alg, const u8 *keymat)
{
	const u8 *i2r = keymat, *r2i = keymat + alg->ekey_len + alg->ikey_len;
	struct xfrm_state *x;

	x = psac_state_add(tn->net, pair, true, alg, i2r, i2r + alg->ekey_len);
	if (IS_ERR(x))
		return PTR_ERR(x);
	pair->x_in = x;

	x = psac_state_add(tn->net, pair, false, alg, r2i,
			   r2i + alg->ekey_len);
	if (IS_ERR(x)) {
		psac_state_del(pair->x_in, true);
		pair->x_in = NULL;
		return PTR_ERR(x);
	}
	pair->x_out = x;
	return 0;
}

/**
 * psac_pair_install() - install the XFRM states and policies of a new pair
 * @tn: the target state (its namespace)
 * @pair: addresses, SA fixed part and reqid; receives the states and
 *        policies, each with a reference of its own
 * @alg: algorithms and key lengths (psac_dhcp6_sa_validate())
 * @keymat: the I2R keys (ekey | ikey), then the R2I keys
 *
 * Inbound state SPI-I2R peer -> local, outbound state SPI-R2I local ->
 * peer, and an in and an out policy with one ESP template bound to
 * @pair->reqid; key managers are notified of each.  On failure nothing
 * stays installed.
 *
 * Context: Process context; may sleep (state construction may load esp6).
 * Called with @tn->lock held.
 *
 * Return: 0, -EEXIST (SPI or policy already in use), -EOPNOTSUPP
 * (algorithm unknown to XFRM), -ENOMEM, or another negative errno of
 * xfrm_init_state() or the XFRM tables.
 */
int psac_pair_install(struct psac_target_net *tn, struct psac_pair *pair,
		      const struct psac_sa_alg *alg, const u8 *keymat)
{
	struct xfrm_policy *xp;
	int err;

	err = psac_pair_states(tn, pair, alg, keymat);
	if (err)
		return err;

	xp = psac_policy_add(tn->net, pair, true);
	if (IS_ERR(xp)) {
		err = PTR_ERR(xp);
		goto err_states;
	}
	pair->p_in = xp;

	xp = psac_policy_add(tn->net, pair, false);
	if (IS_ERR(xp)) {
		err = PTR_ERR(xp);
		goto err_policy_in;
	}
	pair->p_out = xp;
	return 0;

err_policy_in:
	psac_policy_del(pair->p_in, XFRM_POLICY_IN, true);
	pair->p_in = NULL;
err_states:
	psac_state_del(pair->x_out, true);
	psac_state_del(pair->x_in, true);
	pair->x_in = NULL;
	pair->x_out = NULL;
	return err;
}

/**
 * psac_pair_rekey() - replace an installed pair by one with new keys
 * @tn: the target state (its namespace)
 * @old: the installed pair with the same selectors
 * @pair: the new pair; takes @old's reqid and policies
 * @alg: algorithms and key lengths of @pair
 * @keymat: @pair's keys, as for psac_pair_install()
 * @grace: jiffies the old inbound state stays valid, 0 for none
 *
 * The new states go in first (same reqid, so the existing policies
 * already match them), the old outbound state goes, and the old inbound
 * state stays valid for @grace jiffies as @pair->x_retired (removed by
 * psac_pair_retire()) so that packets in flight and a requestor that
 * switches later are still accepted.  Traffic never sees a moment
 * without an SA.  An inbound state an earlier rekey kept goes now.  On
 * success @old holds nothing more, for the caller to unlink and free.
 *
 * Context: Process context; may sleep.  Called with @tn->lock held.
 *
 * Return: 0, or an error of installing the new states as for
 * psac_pair_install(); @old is unchanged then.
 */
int psac_pair_rekey(struct psac_target_net *tn, struct psac_pair *old,
		    struct psac_pair *pair, const struct psac_sa_alg *alg,
		    const u8 *keymat, unsigned long grace)
{
	int err;

	pair->reqid = old->reqid;
	err = psac_pair_states(tn, pair, alg, keymat);
	if (err)
		return err;

	pair->p_in = old->p_in;
	pair->p_out = old->p_out;
	old->p_in = NULL;
	old->p_out = NULL;
	psac_state_del(old->x_out, true);
	old->x_out = NULL;
	/* at most one retired state per pair: an older one goes now */
	psac_state_del(old->x_retired, true);
	old->x_retired = NULL;
	if (grace) {
		pair->x_retired = old->x_in;
		pair->retire_at = jiffies + grace;
	} else {
		psac_state_del(old->x_in, true);
	}
	old->x_in = NULL;
	return 0;
}

/**
 * psac_pair_retire() - delete the inbound state a rekey kept alive
 * @pair: the pair; its retired inbound state (if any) is deleted, key
 *        managers notified and our reference dropped
 *
 * Context: Process context (the expiry work); the target lock held.
 */
void psac_pair_retire(struct psac_pair *pair)
{
	psac_state_del(pair->x_retired, true);
	pair->x_retired = NULL;
	pair->retire_at = 0;
}

/**
 * psac_pair_uninstall() - delete every XFRM state and policy of a pair
 * @pair: the pair; its state and policy pointers are cleared
 * @notify: notify key managers of each deletion
 *
 * Our references are dropped; objects someone else already deleted
 * (ip xfrm state flush) only lose that reference.
 *
 * Context: Process context; the target lock held.
 */
void psac_pair_uninstall(struct psac_pair *pair, bool notify)
{
	psac_state_del(pair->x_retired, notify);
	pair->x_retired = NULL;
	psac_policy_del(pair->p_out, XFRM_POLICY_OUT, notify);
	psac_policy_del(pair->p_in, XFRM_POLICY_IN, notify);
	psac_state_del(pair->x_out, notify);
	psac_state_del(pair->x_in, notify);
	pair->p_in = NULL;
	pair->p_out = NULL;
	pair->x_in = NULL;
	pair->x_out = NULL;
}
