/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RFC 6618 MN-HA UDP encapsulation datapath: the "mnha" netdev.
 *
 * One device, one role (home agent or mobile node), one UDP port.  The
 * device owns a v4 and a v6 kernel UDP socket in the network namespace it
 * was created in (the device itself may move, as WireGuard's does); they
 * exist while the device is up.  SAs are installed over generic netlink.
 *
 * Locking:
 *  - RTNL: device configuration (role, port, local addresses), the
 *    sockets, and psac_mnha_net.devs.
 *  - psac_mnha_dev.sa_lock (BH spinlock): the SA tables and SA states.
 *    Readers (datapath) use RCU.  The receive path takes it to promote a
 *    PENDING SA.  The tables are resizable hash tables (rhashtable), so
 *    lookups and SA installation stay O(1) with any number of SAs.
 *  - psac_mnha_sa.rx_lock (BH spinlock): the replay window.
 *  - psac_mnha_sa.ep_lock (seqlock): the peer endpoint.
 * An SA is reference counted: the tables hold one reference, each packet
 * in flight (including asynchronous crypto) another.  The last put frees
 * it after an RCU grace period from a work item (crypto transforms are
 * freed in process context).  Packets in flight also hold the device.
 */
#ifndef _PSAC_MNHA_H
#define _PSAC_MNHA_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rhashtable.h>
#include <linux/netdevice.h>
#include <linux/refcount.h>
#include <linux/seqlock.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/in6.h>
#include <net/gro_cells.h>
#include <net/genetlink.h>
#include <crypto/aead.h>
#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "../lib/mnha_hdr.h"
#include "../lib/replay.h"

#define PSAC_MNHA_KIND		"mnha"
/* Outer IPv6 + UDP: the larger of the two outer headers. */
#define PSAC_MNHA_OUTER_MAX	(40 + 8)
/* Largest ekey (AES-256-GCM + salt) and ikey (HMAC-SHA1). */
#define PSAC_MNHA_KEY_MAX	36
/* A REKEY_NTF is sent when this many sequence numbers are left. */
#define PSAC_MNHA_SEQ_SOFT_LEFT	(1U << 20)

/* Per network namespace: the devices whose sockets live here. */
struct psac_mnha_net {
	struct list_head devs;		/* psac_mnha_dev.net_node, RTNL */
};

struct psac_mnha_ep {
	sa_family_t family;		/* 0: unknown, AF_INET, AF_INET6 */
	__be16 port;
	union {
		struct in6_addr addr6;
		__be32 addr4;
	};
	union {				/* our address it last reached */
		struct in6_addr src6;
		__be32 src4;
	};
};

enum psac_mnha_drop {
	PSAC_MNHA_DROP_NO_SA,
	PSAC_MNHA_DROP_BAD_LEN,
	PSAC_MNHA_DROP_AUTH,
	PSAC_MNHA_DROP_REPLAY,
	PSAC_MNHA_DROP_SOURCE,
	PSAC_MNHA_DROP_PLAIN,
	PSAC_MNHA_TX_DROP_NO_SA,
	PSAC_MNHA_TX_DROP_NO_PEER,
	PSAC_MNHA_TX_DROP_SEQ,
	PSAC_MNHA_TX_DROP_OTHER,	/* no memory, no route, crypto error */
	PSAC_MNHA_RX_DROP_OTHER,
	PSAC_MNHA_DROP_MAX,
};

struct psac_mnha_sa {
	struct rhash_head spi_node;	/* md->spi_ht, all states */
	struct rhlist_head hoa6_node;	/* md->hoa6_ht, ACTIVE and PENDING */
	struct rhlist_head hoa4_node;	/* md->hoa4_ht, ACTIVE and PENDING */
	struct list_head list;		/* md->sas, RCU */
	struct psac_mnha_dev *md;
	refcount_t refcnt;
	struct rcu_work free_work;

	u32 spi;
	u64 gen;			/* install order (dump resumption) */
	u8 state;			/* enum psac_mnha_sa_state */
	u8 role;			/* the device role its keys are for */
	u8 scope;
	bool in_spi_ht;			/* installed: in md's tables (sa_lock) */
	bool in_addr_ht;		/* sa_lock */
	bool has_hoa6, has_hoa4, has_hnp6, has_hnp4, has_haa6;
	u8 hnp6_len, hnp4_len;
	struct in6_addr hoa6, hnp6, haa6;
	__be32 hoa4, hnp4;
	u64 valid_until;		/* CLOCK_REALTIME s, 0: none */
	unsigned long drain_until;	/* jiffies, DRAINING only */

	const struct psac_mnha_suite *suite;
	struct crypto_aead *tfm_rx;
	struct crypto_aead *tfm_tx;

	atomic64_t tx_seq;		/* last number used; > U32_MAX: spent */
	unsigned long ntf_flags;	/* PSAC_MNHA_NTF_* bits */

	seqlock_t ep_lock;
	struct psac_mnha_ep ep;

	spinlock_t rx_lock;
	struct psac_replay replay;

	atomic64_t rx_packets;
	atomic64_t tx_packets;
	atomic64_t drop_auth;
	atomic64_t drop_replay;
	atomic64_t drop_source;
	atomic64_t drop_bad_len;
	atomic64_t drop_plain;
};

#define PSAC_MNHA_NTF_SOFT	0
#define PSAC_MNHA_NTF_HARD	1

struct psac_mnha_dev {
	struct net_device *dev;
	struct net *creating_net;	/* NULL once that netns is gone */
	struct list_head net_node;
	struct gro_cells gcells;
	bool gcells_ready;

	/* configuration, RTNL */
	u8 role;			/* enum psac_mnha_role */
	u16 port;
	bool has_local6, has_local4;
	struct in6_addr local6;
	__be32 local4;
	struct sock __rcu *sock4;
	struct sock __rcu *sock6;

	spinlock_t sa_lock;
	bool dead;			/* no more SAs: being unregistered */
	unsigned int n_sas;
	unsigned int n_hnp;
	u64 sa_gen;
	struct list_head sas;		/* every SA: dump, expiry, HNP */
	struct rhashtable spi_ht;	/* SPI -> SA */
	struct rhltable hoa6_ht;	/* IPv6 HoA -> ACTIVE/PENDING SAs */
	struct rhltable hoa4_ht;	/* IPv4 HoA -> ACTIVE/PENDING SAs */
	bool tables_ready;
	struct delayed_work gc_work;

	atomic64_t drops[PSAC_MNHA_DROP_MAX];
};

extern struct rtnl_link_ops psac_mnha_link_ops;
extern bool psac_mnha_force_async;
extern struct workqueue_struct *psac_mnha_wq;

static inline bool psac_is_mnha_dev(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &psac_mnha_link_ops;
}

static inline void psac_mnha_count(struct psac_mnha_dev *md,
				   enum psac_mnha_drop why)
{
	atomic64_inc(&md->drops[why]);
}

/* device.c */
int psac_mnha_init(void);
void psac_mnha_exit(void);
void psac_mnha_net_init(struct psac_mnha_net *mn);
void psac_mnha_net_pre_exit(struct net *net, struct psac_mnha_net *mn);
int psac_mnha_reconfigure(struct psac_mnha_dev *md, u8 role, u16 port,
			  const struct in6_addr *local6,
			  const __be32 *local4, struct netlink_ext_ack *extack);

/* sa.c */
int psac_mnha_tables_init(struct psac_mnha_dev *md);
void psac_mnha_tables_destroy(struct psac_mnha_dev *md);
void psac_mnha_sa_put(struct psac_mnha_sa *sa);
struct psac_mnha_sa *psac_mnha_sa_by_spi(struct psac_mnha_dev *md, u32 spi);
struct psac_mnha_sa *psac_mnha_sa_locked_by_spi(struct psac_mnha_dev *md,
						u32 spi);
struct psac_mnha_sa *psac_mnha_sa_by_addr6(struct psac_mnha_dev *md,
					   const struct in6_addr *a);
struct psac_mnha_sa *psac_mnha_sa_by_addr4(struct psac_mnha_dev *md,
					   __be32 a);
bool psac_mnha_sa_owns6(const struct psac_mnha_sa *sa,
			const struct in6_addr *a);
bool psac_mnha_sa_owns4(const struct psac_mnha_sa *sa, __be32 a);
bool psac_mnha_sa_usable(const struct psac_mnha_sa *sa);
void psac_mnha_sa_promote(struct psac_mnha_sa *sa);
void psac_mnha_sa_flush(struct psac_mnha_dev *md);
void psac_mnha_gc_work(struct work_struct *work);
void psac_mnha_ep_read(struct psac_mnha_sa *sa, struct psac_mnha_ep *ep);
struct psac_mnha_sa *psac_mnha_sa_alloc(struct psac_mnha_dev *md);
int psac_mnha_sa_install(struct psac_mnha_dev *md, struct psac_mnha_sa *sa,
			 bool replace, struct netlink_ext_ack *extack);
int psac_mnha_sa_del(struct psac_mnha_dev *md, u32 spi,
		     const struct in6_addr *hoa6);
int psac_mnha_sa_set_keys(struct psac_mnha_sa *sa, const u8 *ekey_mn2ha,
			  const u8 *ikey_mn2ha, const u8 *ekey_ha2mn,
			  const u8 *ikey_ha2mn);

/* push.c: the MN-HA SAs the target role receives over PSAC */
void psac_mnha_push_init(void);
void psac_mnha_push_exit(void);

/* crypto.c (also linked into the KUnit suites) */
struct crypto_aead *psac_mnha_aead_alloc(const struct psac_mnha_suite *s,
					 const u8 *ekey, const u8 *ikey,
					 bool async);
unsigned int psac_mnha_assoclen(const struct psac_mnha_suite *s);
void *psac_mnha_tmp_alloc(struct crypto_aead *tfm, unsigned int ctx_len,
			  int nfrags, u8 **iv, struct aead_request **req,
			  struct scatterlist **sg);

/* rx.c, tx.c */
int psac_mnha_udp_rcv(struct sock *sk, struct sk_buff *skb);
netdev_tx_t psac_mnha_xmit(struct sk_buff *skb, struct net_device *dev);

/* nl.c */
void psac_mnha_notify(struct psac_mnha_sa *sa, u8 cmd, u8 event);

#endif /* _PSAC_MNHA_H */
