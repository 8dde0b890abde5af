/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PSAC target-server role: SACONFIGURATION messages received on UDP 546
 * are authenticated, their keys unwrapped, and the SA pairs installed into
 * XFRM in process context.  See docs/target.md.
 *
 * Locking: psac_target_net.lock (a mutex) protects the PSK list, the
 * installed-pair list and the configuration writers; the work item, the
 * netlink handlers and the expiry work take it.  The netfilter hook runs in
 * softirq and only reads the configuration (READ_ONCE) and appends to the
 * receive queue under queue_lock.
 */
#ifndef _PSAC_TARGET_H
#define _PSAC_TARGET_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/skbuff.h>
#include <linux/in6.h>
#include <net/genetlink.h>
#include <linux/netfilter.h>
#include <linux/ratelimit.h>
#include <crypto/hash.h>
#include <crypto/aead.h>

#include <linux/psac.h>

#include "dhcp6.h"

#define PSAC_TARGET_QUEUE_MAX	64
#define PSAC_TARGET_REQID_BASE	0x70730000U	/* "ps" */
#define PSAC_TARGET_DUID_LEN	18		/* DUID-UUID */

struct psac_psk {
	struct list_head list;
	u32 key_id;
	u8 key_len;
	u8 realm_len;
	bool rx_seen;
	u64 rx_counter;		/* highest replay counter accepted */
	u64 tx_counter;		/* last counter used in a reply */
	u8 key[PSAC_PSK_MAX_LEN];
	u8 kek[32];		/* HKDF(PSK, "psac kek v1"), derived once */
	u8 realm[PSAC_REALM_MAX_LEN];
};

/* One installed SA pair and the two policies that steer traffic into it. */
struct psac_pair {
	struct list_head list;
	struct xfrm_state *x_in;	/* I2R, daddr = local */
	struct xfrm_state *x_out;	/* R2I, daddr = peer */
	struct xfrm_policy *p_in;
	struct xfrm_policy *p_out;
	/* the inbound state a rekey replaced, accepted until retire_at */
	struct xfrm_state *x_retired;
	unsigned long retire_at;
	struct in6_addr peer;
	struct in6_addr local;
	struct in6_addr server;
	u32 key_id;
	u32 reqid;
	struct psac_dhcp6_sa sa;	/* fixed part, host order; pkey unset */
	u8 keymat_digest[32];		/* detects a re-send of the same keys */
	unsigned long expires;		/* jiffies; 0 when infinite */
	/* mode 3: the mnha device holding the SA (no XFRM states then) */
	int mnha_ifindex;
};

struct psac_target_stats {
	atomic64_t rx;
	atomic64_t installed;
	atomic64_t deleted;
	atomic64_t auth_fail;
	atomic64_t unknown_key;
	atomic64_t replay;
	atomic64_t parse_err;
	atomic64_t unwrap_fail;
	atomic64_t rejected;
	atomic64_t install_fail;
	atomic64_t replies;
	atomic64_t dropped;
};

struct psac_rx_msg {
	struct list_head list;
	struct in6_addr saddr;		/* provisioning server */
	struct in6_addr daddr;		/* this target */
	__be16 sport;
	int ifindex;
	unsigned int len;
	u8 data[];
};

struct psac_target_net {
	struct net *net;
	/* read by the hook without the lock */
	bool enabled;
	u16 port;
	struct psac_dhcp6_cfg cfg;
	bool hook_registered;
	struct nf_hook_ops hook_ops;
	struct ratelimit_state err_rs;	/* error replies */
	u8 digest_key[32];

	struct mutex lock;
	struct list_head psks;
	struct list_head pairs;
	u32 next_reqid;
	u8 duid[PSAC_TARGET_DUID_LEN];
	struct crypto_shash *hmac;	/* hmac(sha256), allocated lazily */
	struct crypto_aead *gcm;	/* gcm(aes), allocated lazily */

	spinlock_t queue_lock;
	struct list_head queue;
	unsigned int queue_len;
	bool dying;
	struct work_struct rx_work;
	struct delayed_work expire_work;

	struct psac_target_stats stats;
};

/* target.c: one message, the namespace */
int psac_target_net_init(struct net *net, struct psac_target_net *tn);
void psac_target_net_exit(struct psac_target_net *tn);
void psac_target_process(struct psac_target_net *tn, struct psac_rx_msg *rx);
void psac_target_params_warn(void);

/* rx.c: the hook and the receive queue */
int psac_target_set_hook(struct psac_target_net *tn, bool on);
void psac_target_rx_work(struct work_struct *work);
void psac_target_purge_queue(struct psac_target_net *tn);

/* auth.c */
int psac_target_authenticate(struct psac_target_net *tn,
			     const struct psac_rx_msg *rx,
			     const struct psac_dhcp6_msg *msg,
			     struct psac_psk **pskp, const char **text);

/* reply.c */
void psac_target_reply(struct psac_target_net *tn,
		       const struct psac_rx_msg *rx, u32 xid,
		       const struct psac_dhcp6_msg *msg,
		       struct psac_psk *psk, u16 status,
		       const char *text, const u16 *sa_status,
		       const char * const *sa_why);

/* pairs.c: the installed pairs */
u16 psac_target_handle_sa(struct psac_target_net *tn,
			  const struct psac_rx_msg *rx,
			  const struct psac_dhcp6_msg *msg,
			  unsigned int idx, struct psac_psk *psk,
			  const char **why);
void psac_target_expire_work(struct work_struct *work);
int psac_target_remove_pair(struct psac_target_net *tn, u32 spi_in,
			    int event);
void psac_target_flush_pairs(struct psac_target_net *tn);

/* crypto.c */
int psac_hmac_sha256(struct crypto_shash *tfm, const u8 *key,
		     unsigned int key_len, const u8 *data, size_t len,
		     u8 *out);
int psac_kek_derive(struct crypto_shash *tfm, const u8 *psk,
		    unsigned int psk_len, const char *info, u8 *kek);
int psac_keywrap_open(struct crypto_aead *tfm, const u8 *kek,
		      const u8 *aad, unsigned int aad_len,
		      const u8 *prot, unsigned int prot_len,
		      u8 *keymat, unsigned int keymat_len);
int psac_keywrap_seal(struct crypto_aead *tfm, const u8 *kek,
		      const u8 *nonce, const u8 *aad, unsigned int aad_len,
		      const u8 *keymat, unsigned int keymat_len, u8 *prot);
int psac_target_crypto_get(struct psac_target_net *tn);

/* xfrm.c */
int psac_pair_install(struct psac_target_net *tn, struct psac_pair *pair,
		      const struct psac_sa_alg *alg, const u8 *keymat);
void psac_pair_uninstall(struct psac_pair *pair, bool notify);
int psac_pair_rekey(struct psac_target_net *tn, struct psac_pair *old,
		    struct psac_pair *pair, const struct psac_sa_alg *alg,
		    const u8 *keymat, unsigned long grace);
void psac_pair_retire(struct psac_pair *pair);

/* nl.c: the handlers are declared by netlink-gen.h */
void psac_nl_tsa_notify(struct psac_target_net *tn,
			const struct psac_pair *pair, int event);

#endif /* _PSAC_TARGET_H */
