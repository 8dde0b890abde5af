// SPDX-License-Identifier: GPL-2.0
/*
 * MN-HA SAs of one device: installation, replacement (rekey), lookup by
 * SPI (receive) and by home address or prefix (transmit), expiry.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/inetdevice.h>
#include <net/ipv6.h>

#include "mnha.h"

static void psac_mnha_sa_free_work(struct work_struct *work)
{
	struct psac_mnha_sa *sa = container_of(to_rcu_work(work),
					       struct psac_mnha_sa, free_work);

	if (!IS_ERR_OR_NULL(sa->tfm_rx))
		crypto_free_aead(sa->tfm_rx);
	if (!IS_ERR_OR_NULL(sa->tfm_tx))
		crypto_free_aead(sa->tfm_tx);
	kfree_sensitive(sa);
}

/**
 * psac_mnha_sa_put() - drop a reference to an SA
 * @sa: the SA
 *
 * The last put frees @sa after an RCU grace period from psac_mnha_wq:
 * its transforms (which zero their keys), then the SA itself with
 * kfree_sensitive().
 *
 * Context: Any context.
 */
void psac_mnha_sa_put(struct psac_mnha_sa *sa)
{
	if (refcount_dec_and_test(&sa->refcnt))
		queue_rcu_work(psac_mnha_wq, &sa->free_work);
}

/**
 * psac_mnha_sa_alloc() - allocate an SA for a device
 * @md: the device
 *
 * The SA is zeroed, holds one reference (the caller's) and an empty
 * replay window.  The caller fills it in, keys it
 * (psac_mnha_sa_set_keys()) and installs it (psac_mnha_sa_install()), or
 * drops it with psac_mnha_sa_put().
 *
 * Context: Process context (GFP_KERNEL_ACCOUNT).
 *
 * Return: the SA, or NULL without memory.
 */
struct psac_mnha_sa *psac_mnha_sa_alloc(struct psac_mnha_dev *md)
{
	struct psac_mnha_sa *sa;

	sa = kzalloc(sizeof(*sa), GFP_KERNEL_ACCOUNT);
	if (!sa)
		return NULL;
	sa->md = md;
	refcount_set(&sa->refcnt, 1);
	INIT_RCU_WORK(&sa->free_work, psac_mnha_sa_free_work);
	INIT_LIST_HEAD(&sa->list);
	seqlock_init(&sa->ep_lock);
	spin_lock_init(&sa->rx_lock);
	psac_replay_init(&sa->replay);
	return sa;
}

/*
 * The tables.  Keys are unique in spi_ht.  A home address maps to at most
 * one ACTIVE SA and, on a home agent during a rekey, one PENDING SA that
 * replaces it; DRAINING SAs are in spi_ht only.
 */
static const struct rhashtable_params psac_spi_params = {
	.key_len = sizeof(u32),
	.key_offset = offsetof(struct psac_mnha_sa, spi),
	.head_offset = offsetof(struct psac_mnha_sa, spi_node),
	.automatic_shrinking = true,
};

static const struct rhashtable_params psac_hoa6_params = {
	.key_len = sizeof(struct in6_addr),
	.key_offset = offsetof(struct psac_mnha_sa, hoa6),
	.head_offset = offsetof(struct psac_mnha_sa, hoa6_node),
	.automatic_shrinking = true,
};

static const struct rhashtable_params psac_hoa4_params = {
	.key_len = sizeof(__be32),
	.key_offset = offsetof(struct psac_mnha_sa, hoa4),
	.head_offset = offsetof(struct psac_mnha_sa, hoa4_node),
	.automatic_shrinking = true,
};

/**
 * psac_mnha_tables_init() - set up a device's SA tables
 * @md: the device
 *
 * The SPI table and the IPv6 and IPv4 home address tables.
 *
 * Context: Process context (ndo_init).
 *
 * Return: 0, or the negative errno of rhashtable_init() or
 * rhltable_init(); nothing is left set up then.
 */
int psac_mnha_tables_init(struct psac_mnha_dev *md)
{
	int err;

	err = rhashtable_init(&md->spi_ht, &psac_spi_params);
	if (err)
		return err;
	err = rhltable_init(&md->hoa6_ht, &psac_hoa6_params);
	if (err)
		goto err_spi;
	err = rhltable_init(&md->hoa4_ht, &psac_hoa4_params);
	if (err)
		goto err_hoa6;
	md->tables_ready = true;
	return 0;

err_hoa6:
	rhltable_destroy(&md->hoa6_ht);
err_spi:
	rhashtable_destroy(&md->spi_ht);
	return err;
}

/**
 * psac_mnha_tables_destroy() - free a device's SA tables
 * @md: the device
 *
 * After psac_mnha_sa_flush() and the last reader: the tables are empty.
 * Does nothing if they are not set up.
 *
 * Context: Process context (the device destructor).
 */
void psac_mnha_tables_destroy(struct psac_mnha_dev *md)
{
	if (!md->tables_ready)
		return;
	md->tables_ready = false;
	WARN_ON_ONCE(!list_empty(&md->sas));
	rhltable_destroy(&md->hoa4_ht);
	rhltable_destroy(&md->hoa6_ht);
	rhashtable_destroy(&md->spi_ht);
}

/**
 * psac_mnha_sa_usable() - whether an SA's validity has not ended
 * @sa: the SA
 *
 * Return: true if @sa has no VALID_UNTIL or the CLOCK_REALTIME time is
 * still before it.
 */
bool psac_mnha_sa_usable(const struct psac_mnha_sa *sa)
{
	u64 until = READ_ONCE(sa->valid_until);

	return !until || ktime_get_real_seconds() < (time64_t)until;
}

static struct psac_mnha_sa *psac_mnha_get_usable(struct psac_mnha_sa *sa)
{
	if (!psac_mnha_sa_usable(sa) || !refcount_inc_not_zero(&sa->refcnt))
		return NULL;
	return sa;
}

/**
 * psac_mnha_sa_by_spi() - the SA of an SPI, for receive
 * @md: the device
 * @spi: the SPI of the packet
 *
 * Receive: any state (ACTIVE, PENDING or DRAINING), if its validity has
 * not ended.
 *
 * Context: Any context; takes the RCU read lock itself.
 *
 * Return: the SA with a reference (psac_mnha_sa_put()), or NULL.
 */
struct psac_mnha_sa *psac_mnha_sa_by_spi(struct psac_mnha_dev *md, u32 spi)
{
	struct psac_mnha_sa *sa;

	rcu_read_lock();
	sa = rhashtable_lookup(&md->spi_ht, &spi, psac_spi_params);
	if (sa)
		sa = psac_mnha_get_usable(sa);
	rcu_read_unlock();
	return sa;
}

/**
 * psac_mnha_sa_locked_by_spi() - the SA of an SPI, under the table lock
 * @md: the device
 * @spi: the SPI
 *
 * Any state, whether its validity has ended or not.
 *
 * Context: @md->sa_lock held.
 *
 * Return: the SA without a reference (valid while sa_lock is held), or
 * NULL.
 */
struct psac_mnha_sa *psac_mnha_sa_locked_by_spi(struct psac_mnha_dev *md,
						u32 spi)
{
	lockdep_assert_held(&md->sa_lock);
	return rhashtable_lookup_fast(&md->spi_ht, &spi, psac_spi_params);
}

static bool psac_prefix6(const struct in6_addr *a, const struct in6_addr *p,
			 unsigned int len)
{
	return ipv6_prefix_equal(a, p, len);
}

static bool psac_prefix4(__be32 a, __be32 p, unsigned int len)
{
	return !len || !((a ^ p) & inet_make_mask(len));
}

/**
 * psac_mnha_sa_owns6() - whether an IPv6 address is an SA's
 * @sa: the SA
 * @a: the address
 *
 * Return: true if @a is the SA's IPv6 home address or inside its IPv6
 * home network prefix.
 */
bool psac_mnha_sa_owns6(const struct psac_mnha_sa *sa,
			const struct in6_addr *a)
{
	return (sa->has_hoa6 && ipv6_addr_equal(a, &sa->hoa6)) ||
	       (sa->has_hnp6 && psac_prefix6(a, &sa->hnp6, sa->hnp6_len));
}

/**
 * psac_mnha_sa_owns4() - whether an IPv4 address is an SA's
 * @sa: the SA
 * @a: the address
 *
 * Return: true if @a is the SA's IPv4 home address or inside its IPv4
 * home network prefix.
 */
bool psac_mnha_sa_owns4(const struct psac_mnha_sa *sa, __be32 a)
{
	return (sa->has_hoa4 && a == sa->hoa4) ||
	       (sa->has_hnp4 && psac_prefix4(a, sa->hnp4, sa->hnp4_len));
}

static bool psac_is_active(const struct psac_mnha_sa *sa)
{
	return READ_ONCE(sa->state) == PSAC_MNHA_SA_ACTIVE;
}

/* The ACTIVE SA of an IPv6 home address, no reference.  RCU read side. */
static struct psac_mnha_sa *psac_active6(struct psac_mnha_dev *md,
					 const struct in6_addr *a)
{
	struct rhlist_head *list, *pos;
	struct psac_mnha_sa *sa;

	list = rhltable_lookup(&md->hoa6_ht, a, psac_hoa6_params);
	rhl_for_each_entry_rcu(sa, pos, list, hoa6_node)
		if (psac_is_active(sa))
			return sa;
	return NULL;
}

static struct psac_mnha_sa *psac_active4(struct psac_mnha_dev *md, __be32 a)
{
	struct rhlist_head *list, *pos;
	struct psac_mnha_sa *sa;

	list = rhltable_lookup(&md->hoa4_ht, &a, psac_hoa4_params);
	rhl_for_each_entry_rcu(sa, pos, list, hoa4_node)
		if (psac_is_active(sa))
			return sa;
	return NULL;
}

/**
 * psac_mnha_sa_by_addr6() - the ACTIVE SA that owns an IPv6 address
 * @md: the device
 * @a: the address
 *
 * Transmit (and plaintext receive): the ACTIVE SA whose home address is
 * @a, else the one whose home network prefix holds it (a walk of the SA
 * list, done only while some SA has a prefix); only an SA whose validity
 * has not ended.
 *
 * Context: Any context; takes the RCU read lock itself.
 *
 * Return: the SA with a reference (psac_mnha_sa_put()), or NULL.
 */
struct psac_mnha_sa *psac_mnha_sa_by_addr6(struct psac_mnha_dev *md,
					   const struct in6_addr *a)
{
	struct psac_mnha_sa *sa, *got = NULL;

	rcu_read_lock();
	sa = psac_active6(md, a);
	if (sa) {
		got = psac_mnha_get_usable(sa);
		goto out;
	}
	if (!READ_ONCE(md->n_hnp))
		goto out;
	list_for_each_entry_rcu(sa, &md->sas, list)
		if (psac_is_active(sa) && sa->has_hnp6 &&
		    psac_prefix6(a, &sa->hnp6, sa->hnp6_len)) {
			got = psac_mnha_get_usable(sa);
			break;
		}
out:
	rcu_read_unlock();
	return got;
}

/**
 * psac_mnha_sa_by_addr4() - the ACTIVE SA that owns an IPv4 address
 * @md: the device
 * @a: the address
 *
 * As psac_mnha_sa_by_addr6(), for IPv4.
 *
 * Context: Any context; takes the RCU read lock itself.
 *
 * Return: the SA with a reference (psac_mnha_sa_put()), or NULL.
 */
struct psac_mnha_sa *psac_mnha_sa_by_addr4(struct psac_mnha_dev *md,
					   __be32 a)
{
	struct psac_mnha_sa *sa, *got = NULL;

	rcu_read_lock();
	sa = psac_active4(md, a);
	if (sa) {
		got = psac_mnha_get_usable(sa);
		goto out;
	}
	if (!READ_ONCE(md->n_hnp))
		goto out;
	list_for_each_entry_rcu(sa, &md->sas, list)
		if (psac_is_active(sa) && sa->has_hnp4 &&
		    psac_prefix4(a, sa->hnp4, sa->hnp4_len)) {
			got = psac_mnha_get_usable(sa);
			break;
		}
out:
	rcu_read_unlock();
	return got;
}

/**
 * psac_mnha_ep_read() - read the peer endpoint of an SA
 * @sa: the SA
 * @ep: receives the peer's address and port and our address it last
 *      reached
 *
 * A consistent copy: the read retries while the receive path changes the
 * endpoint (seqlock).
 *
 * Context: Process or softirq context.
 */
void psac_mnha_ep_read(struct psac_mnha_sa *sa, struct psac_mnha_ep *ep)
{
	unsigned int seq;

	do {
		seq = read_seqbegin(&sa->ep_lock);
		*ep = sa->ep;
	} while (read_seqretry(&sa->ep_lock, seq));
}

/* ---- table maintenance, under md->sa_lock ---------------------------- */

/* Enters @sa under its home addresses; on failure it is in neither. */
static int psac_mnha_hash_addr(struct psac_mnha_dev *md,
			       struct psac_mnha_sa *sa)
{
	int err;

	if (sa->has_hoa6) {
		err = rhltable_insert(&md->hoa6_ht, &sa->hoa6_node,
				      psac_hoa6_params);
		if (err)
			return err;
	}
	if (sa->has_hoa4) {
		err = rhltable_insert(&md->hoa4_ht, &sa->hoa4_node,
				      psac_hoa4_params);
		if (err) {
			if (sa->has_hoa6)
				rhltable_remove(&md->hoa6_ht, &sa->hoa6_node,
						psac_hoa6_params);
			return err;
		}
	}
	sa->in_addr_ht = true;
	return 0;
}

static void psac_mnha_unhash_addr(struct psac_mnha_dev *md,
				  struct psac_mnha_sa *sa)
{
	if (!sa->in_addr_ht)
		return;
	if (sa->has_hoa6)
		rhltable_remove(&md->hoa6_ht, &sa->hoa6_node, psac_hoa6_params);
	if (sa->has_hoa4)
		rhltable_remove(&md->hoa4_ht, &sa->hoa4_node, psac_hoa4_params);
	sa->in_addr_ht = false;
}

/* Removes @sa from every table; the caller puts the table's reference. */
static void psac_mnha_unlink(struct psac_mnha_dev *md,
			     struct psac_mnha_sa *sa)
{
	psac_mnha_unhash_addr(md, sa);
	if (sa->in_spi_ht)
		rhashtable_remove_fast(&md->spi_ht, &sa->spi_node,
				       psac_spi_params);
	sa->in_spi_ht = false;
	list_del_rcu(&sa->list);
	md->n_sas--;
	if (sa->has_hnp6 || sa->has_hnp4)
		WRITE_ONCE(md->n_hnp, md->n_hnp - 1);
}

static bool psac_mnha_same_home(const struct psac_mnha_sa *a,
				const struct psac_mnha_sa *b)
{
	if (a->has_hoa6 && b->has_hoa6)
		return ipv6_addr_equal(&a->hoa6, &b->hoa6);
	if (a->has_hoa4 && b->has_hoa4)
		return a->hoa4 == b->hoa4;
	return false;
}

/*
 * The SA in @state (ACTIVE or PENDING) for the same home as @like.  Every
 * such SA is in the home address tables under the address that decides
 * psac_mnha_same_home(), so two lookups find it.  Under sa_lock.
 */
static struct psac_mnha_sa *psac_mnha_find(struct psac_mnha_dev *md,
					   const struct psac_mnha_sa *like,
					   u8 state)
{
	struct psac_mnha_sa *sa, *found = NULL;
	struct rhlist_head *list, *pos;

	rcu_read_lock();
	if (like->has_hoa6) {
		list = rhltable_lookup(&md->hoa6_ht, &like->hoa6,
				       psac_hoa6_params);
		rhl_for_each_entry_rcu(sa, pos, list, hoa6_node)
			if (sa != like && sa->state == state &&
			    psac_mnha_same_home(sa, like)) {
				found = sa;
				goto out;
			}
	}
	if (like->has_hoa4) {
		list = rhltable_lookup(&md->hoa4_ht, &like->hoa4,
				       psac_hoa4_params);
		rhl_for_each_entry_rcu(sa, pos, list, hoa4_node)
			if (sa != like && sa->state == state &&
			    psac_mnha_same_home(sa, like)) {
				found = sa;
				goto out;
			}
	}
out:
	rcu_read_unlock();
	return found;
}

/* Does an ACTIVE SA other than @except own a home address of @new? */
static bool psac_mnha_addr_clash(struct psac_mnha_dev *md,
				 const struct psac_mnha_sa *new,
				 const struct psac_mnha_sa *except)
{
	struct psac_mnha_sa *sa = NULL;
	bool clash = false;

	rcu_read_lock();
	if (new->has_hoa6) {
		sa = psac_active6(md, &new->hoa6);
		clash = sa && sa != except;
	}
	if (!clash && new->has_hoa4) {
		sa = psac_active4(md, new->hoa4);
		clash = sa && sa != except;
	}
	rcu_read_unlock();
	return clash;
}

/* ACTIVE @old stops transmitting; receive still accepts it for a while. */
static void psac_mnha_drain(struct psac_mnha_dev *md,
			    struct psac_mnha_sa *old)
{
	psac_mnha_unhash_addr(md, old);
	old->drain_until = jiffies + PSAC_MNHA_DRAIN_SECONDS * HZ;
	WRITE_ONCE(old->state, PSAC_MNHA_SA_DRAINING);
	if (!md->dead)
		mod_delayed_work(psac_mnha_wq, &md->gc_work, HZ);
}

/**
 * psac_mnha_sa_install() - enter a keyed SA into its device's tables
 * @md: the device
 * @sa: the SA; on success the caller's reference becomes the tables'
 * @replace: replace an SA with the same SPI or home address
 * @extack: for error messages, or NULL
 *
 * Without @replace the SPI and the home addresses must be free.  With
 * @replace, an SA for the same home address is replaced: at once on a
 * mobile node (the SA it replaces drains), on a home agent once the
 * mobile node has used the new SA (psac_mnha_sa_promote()).  The same
 * SPI is replaced in place (lossy: packets in flight under the old keys
 * fail authentication).  A replacement without a peer keeps talking to
 * the old one's.
 *
 * Only entering the tables can fail (no memory while a table grows); it
 * comes before any change, so a failed install changes nothing and the
 * caller keeps its reference.
 *
 * Context: Process context.  Takes @md->sa_lock.
 *
 * Return: 0, -ENODEV (the device is being unregistered), -EAGAIN (the
 * device's role changed since the SA was keyed), -EEXIST (the SPI or a
 * home address is in use, without @replace or by another home), or the
 * error of entering the tables.
 */
int psac_mnha_sa_install(struct psac_mnha_dev *md, struct psac_mnha_sa *sa,
			 bool replace, struct netlink_ext_ack *extack)
{
	struct psac_mnha_sa *same_spi, *old, *pend, *it;
	struct psac_mnha_sa *gone[2] = {};
	int err = 0;

	spin_lock_bh(&md->sa_lock);
	if (md->dead) {
		err = -ENODEV;
		goto out;
	}
	/* The keys were chosen for the role: it may have changed since. */
	if (sa->role != md->role) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the device's role changed while the SA was added");
		err = -EAGAIN;
		goto out;
	}
	same_spi = psac_mnha_sa_locked_by_spi(md, sa->spi);
	if (same_spi && !replace) {
		NL_SET_ERR_MSG_MOD(extack, "an SA with this SPI exists (use replace)");
		err = -EEXIST;
		goto out;
	}
	if (same_spi && !psac_mnha_same_home(same_spi, sa)) {
		NL_SET_ERR_MSG_MOD(extack, "the SPI belongs to another home address");
		err = -EEXIST;
		goto out;
	}
	old = psac_mnha_find(md, sa, PSAC_MNHA_SA_ACTIVE);
	if (old && !replace) {
		NL_SET_ERR_MSG_MOD(extack,
				   "an SA for this home address exists (use replace)");
		err = -EEXIST;
		goto out;
	}
	if (psac_mnha_addr_clash(md, sa, old)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "home addresses overlap with another SA");
		err = -EEXIST;
		goto out;
	}

	/*
	 * Into the tables.  Not yet visible to transmit (which takes ACTIVE
	 * SAs only) until its state is set below, nor to receive until it
	 * holds the SPI.
	 */
	sa->state = PSAC_MNHA_SA_PENDING;
	err = psac_mnha_hash_addr(md, sa);
	if (err)
		goto err_table;
	if (same_spi)	/* same_spi leaves the other tables below */
		err = rhashtable_replace_fast(&md->spi_ht, &same_spi->spi_node,
					      &sa->spi_node, psac_spi_params);
	else
		err = rhashtable_insert_fast(&md->spi_ht, &sa->spi_node,
					     psac_spi_params);
	if (err) {
		psac_mnha_unhash_addr(md, sa);
		goto err_table;
	}
	if (same_spi)
		same_spi->in_spi_ht = false;
	sa->in_spi_ht = true;

	/* A superseded pending SA and the same SPI go away now. */
	pend = psac_mnha_find(md, sa, PSAC_MNHA_SA_PENDING);
	if (pend) {
		psac_mnha_unlink(md, pend);
		gone[0] = pend;
	}
	if (same_spi && same_spi != pend) {
		if (same_spi == old)
			old = NULL;
		psac_mnha_unlink(md, same_spi);
		gone[1] = same_spi;
	}

	/* A replacement without a peer keeps talking to the old one's. */
	if (!sa->ep.family) {
		it = old ?: gone[1] ?: gone[0];
		if (it)
			psac_mnha_ep_read(it, &sa->ep);
	}

	list_add_tail_rcu(&sa->list, &md->sas);
	sa->gen = ++md->sa_gen;
	md->n_sas++;
	if (sa->has_hnp6 || sa->has_hnp4)
		WRITE_ONCE(md->n_hnp, md->n_hnp + 1);

	if (!old || md->role != PSAC_MNHA_ROLE_HA) {
		if (old)
			psac_mnha_drain(md, old);
		WRITE_ONCE(sa->state, PSAC_MNHA_SA_ACTIVE);
	}
	if (sa->valid_until)
		mod_delayed_work(psac_mnha_wq, &md->gc_work, HZ);
	goto out;

err_table:
	NL_SET_ERR_MSG_MOD(extack, "cannot enter the SA into the device's tables");
out:
	spin_unlock_bh(&md->sa_lock);
	if (gone[0])
		psac_mnha_sa_put(gone[0]);
	if (gone[1])
		psac_mnha_sa_put(gone[1]);
	return err;
}

/**
 * psac_mnha_sa_promote() - let a PENDING SA take over from the ACTIVE one
 * @sa: an SA an authenticated packet arrived on
 *
 * The first authenticated packet on a PENDING SA: the peer has it, so it
 * takes over transmission and the SA it replaces drains.  Does nothing if
 * @sa is no longer PENDING or has left the tables.
 *
 * Context: The receive path (softirq or crypto completion).  Takes the
 * device's sa_lock.
 */
void psac_mnha_sa_promote(struct psac_mnha_sa *sa)
{
	struct psac_mnha_dev *md = sa->md;
	struct psac_mnha_sa *old;

	spin_lock_bh(&md->sa_lock);
	if (sa->state == PSAC_MNHA_SA_PENDING && sa->in_spi_ht) {
		old = psac_mnha_find(md, sa, PSAC_MNHA_SA_ACTIVE);
		if (old)
			psac_mnha_drain(md, old);
		WRITE_ONCE(sa->state, PSAC_MNHA_SA_ACTIVE);
	}
	spin_unlock_bh(&md->sa_lock);
}

/* @gone (ACTIVE) left the tables: a pending replacement takes over. */
static void psac_mnha_succeed(struct psac_mnha_dev *md,
			      struct psac_mnha_sa *gone)
{
	struct psac_mnha_sa *pend;

	if (gone->state != PSAC_MNHA_SA_ACTIVE)
		return;
	pend = psac_mnha_find(md, gone, PSAC_MNHA_SA_PENDING);
	if (pend)
		WRITE_ONCE(pend->state, PSAC_MNHA_SA_ACTIVE);
}

/**
 * psac_mnha_sa_del() - remove an SA from its device
 * @md: the device
 * @spi: the SA's SPI
 * @hoa6: if not NULL, remove it only if this is its IPv6 home address
 *
 * If it was ACTIVE, a PENDING SA that replaces it takes over.  The
 * tables' reference is dropped; packets in flight keep theirs.
 *
 * Context: Process context.  Takes @md->sa_lock.
 *
 * Return: 0, or -ENOENT if there is no such SA.
 */
int psac_mnha_sa_del(struct psac_mnha_dev *md, u32 spi,
		     const struct in6_addr *hoa6)
{
	struct psac_mnha_sa *sa;

	spin_lock_bh(&md->sa_lock);
	sa = psac_mnha_sa_locked_by_spi(md, spi);
	if (sa && hoa6 && !(sa->has_hoa6 && ipv6_addr_equal(&sa->hoa6, hoa6)))
		sa = NULL;
	if (sa) {
		psac_mnha_unlink(md, sa);
		psac_mnha_succeed(md, sa);
	}
	spin_unlock_bh(&md->sa_lock);
	if (!sa)
		return -ENOENT;
	psac_mnha_sa_put(sa);
	return 0;
}

/**
 * psac_mnha_sa_set_keys() - allocate and key the two transforms of an SA
 * @sa: the SA, its suite set
 * @ekey_mn2ha: mobile node to home agent encryption key
 * @ikey_mn2ha: mobile node to home agent integrity key
 * @ekey_ha2mn: home agent to mobile node encryption key
 * @ikey_ha2mn: home agent to mobile node integrity key
 *
 * Each key has the suite's length; keys the suite does not have are not
 * read.  The device's current role is recorded in @sa: it decides which
 * direction is inbound, and psac_mnha_sa_install() refuses the SA if the
 * role has changed since.  With the mnha_async module parameter the
 * transforms run through pcrypt.
 *
 * Context: Process context; may sleep.
 *
 * Return: 0, or the error of psac_mnha_aead_alloc(); @sa is then only fit
 * for psac_mnha_sa_put().
 */
int psac_mnha_sa_set_keys(struct psac_mnha_sa *sa, const u8 *ekey_mn2ha,
			  const u8 *ikey_mn2ha, const u8 *ekey_ha2mn,
			  const u8 *ikey_ha2mn)
{
	bool async = READ_ONCE(psac_mnha_force_async);
	const struct psac_mnha_suite *s = sa->suite;
	bool ha;

	sa->role = READ_ONCE(sa->md->role);
	ha = sa->role == PSAC_MNHA_ROLE_HA;

	sa->tfm_rx = psac_mnha_aead_alloc(s, ha ? ekey_mn2ha : ekey_ha2mn,
					  ha ? ikey_mn2ha : ikey_ha2mn, async);
	if (IS_ERR(sa->tfm_rx))
		return PTR_ERR(sa->tfm_rx);
	sa->tfm_tx = psac_mnha_aead_alloc(s, ha ? ekey_ha2mn : ekey_mn2ha,
					  ha ? ikey_ha2mn : ikey_mn2ha, async);
	if (IS_ERR(sa->tfm_tx))
		return PTR_ERR(sa->tfm_tx);
	return 0;
}

/**
 * psac_mnha_sa_flush() - remove every SA of a device going away
 * @md: the device
 *
 * The device is going away: no new SAs (psac_mnha_sa_install() fails
 * with -ENODEV), the expiry work stops and every SA leaves the tables;
 * packets in flight keep their references.
 *
 * Context: Process context (ndo_uninit, RTNL held); may sleep.
 */
void psac_mnha_sa_flush(struct psac_mnha_dev *md)
{
	struct psac_mnha_sa *sa;

	spin_lock_bh(&md->sa_lock);
	md->dead = true;
	spin_unlock_bh(&md->sa_lock);
	cancel_delayed_work_sync(&md->gc_work);

	do {
		spin_lock_bh(&md->sa_lock);
		sa = list_first_entry_or_null(&md->sas, struct psac_mnha_sa,
					      list);
		if (sa)
			psac_mnha_unlink(md, sa);
		spin_unlock_bh(&md->sa_lock);
		if (sa)
			psac_mnha_sa_put(sa);
	} while (sa);
}

/**
 * psac_mnha_gc_work() - expiry work of a device's SAs
 * @work: the device's gc_work
 *
 * Removes the SAs whose validity has ended and the DRAINING SAs whose
 * drain time is over, at most 16 a run; a PENDING SA that replaces a
 * removed ACTIVE one takes over.  Runs again a second later while an SA
 * has a validity end, drains or is left over.
 *
 * Context: Process context (psac_mnha_wq).  Takes the device's sa_lock.
 */
void psac_mnha_gc_work(struct work_struct *work)
{
	struct psac_mnha_dev *md = container_of(to_delayed_work(work),
						struct psac_mnha_dev, gc_work);
	struct psac_mnha_sa *sa, *tmp, *gone[16];
	bool again = false;
	unsigned int n = 0, i;

	spin_lock_bh(&md->sa_lock);
	list_for_each_entry_safe(sa, tmp, &md->sas, list) {
		bool expired = !psac_mnha_sa_usable(sa) ||
			(sa->state == PSAC_MNHA_SA_DRAINING &&
			 time_after_eq(jiffies, sa->drain_until));

		if (expired && n < ARRAY_SIZE(gone)) {
			psac_mnha_unlink(md, sa);
			psac_mnha_succeed(md, sa);
			gone[n++] = sa;
			continue;
		}
		if (expired || sa->valid_until ||
		    sa->state == PSAC_MNHA_SA_DRAINING)
			again = true;
	}
	if (again && !md->dead)
		mod_delayed_work(psac_mnha_wq, &md->gc_work, HZ);
	spin_unlock_bh(&md->sa_lock);

	for (i = 0; i < n; i++)
		psac_mnha_sa_put(gone[i]);
}
