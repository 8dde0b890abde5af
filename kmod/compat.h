/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version #if of psac lives here.  Supported: Linux 6.1 LTS
 * and 6.12 LTS (Debian bookworm), and newer kernels.
 */
#ifndef _PSAC_COMPAT_H
#define _PSAC_COMPAT_H

#include <linux/version.h>
#include <net/genetlink.h>

/*
 * genl_info_dump() and the split-ops dump info appeared in 6.2; the
 * attribute array of a dump request is found differently before that.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define psac_genl_dump_attrs(cb) (genl_info_dump(cb)->attrs)
#else
#define psac_genl_dump_attrs(cb) (genl_dumpit_info(cb)->attrs)
#endif

/*
 * Inbound XFRM policies cannot match the Mobility Header type on any
 * supported kernel, so psac installs inbound MH policies for any MH type
 * (outbound matching works: the raw socket fills in the type itself):
 * - up to 6.7, _decode_session6() advances past the whole Mobility Header
 *   before reading ip6mh_type, so the decoded type is whatever follows the
 *   header (usually nothing: type 0);
 * - since 6.8 ("xfrm: policy: replace session decode with flow
 *   dissector") the flow dissector does not know the Mobility Header.
 * Measured by selftests/psac_mip6_spd.sh on 6.1 and 6.12; see
 * docs/target.md.  Define to 1 for a kernel that gets it right.
 */
#define PSAC_XFRM_IN_MH_TYPE_MATCH 0

/*
 * Asynchronous crypto completions receive the request's data pointer
 * since 6.3 ("crypto: api - Use data directly in completion function");
 * before that, the crypto_async_request.  Declare completions as
 *   static void fn(PSAC_CRYPTO_DONE_ARGS) { void *data = psac_crypto_done_data(); ...
 */
#include <linux/crypto.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define PSAC_CRYPTO_DONE_ARGS void *psac_done_arg, int err
#define psac_crypto_done_data() (psac_done_arg)
#else
#define PSAC_CRYPTO_DONE_ARGS struct crypto_async_request *psac_done_arg, int err
#define psac_crypto_done_data() (psac_done_arg->data)
#endif

/*
 * Lockless transmit became a private flag (dev->lltx) in 6.12.  The core
 * allocates per-CPU tunnel statistics (dev->tstats) itself when asked with
 * dev->pcpu_stat_type since 6.7, and since 6.1.120 on the 6.1 LTS branch
 * (backport of "net: Move {l,t,d}stats allocation to core"); there 6.12's
 * iptunnel_xmit_stats() insists on it.  Elsewhere the driver allocates.
 */
#include <linux/netdevice.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0) || \
	(LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 120) && \
	 LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0))
#define PSAC_CORE_PCPU_STATS 1
#else
#define PSAC_CORE_PCPU_STATS 0
#endif

static inline void psac_netdev_set_lltx(struct net_device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

static inline void psac_netdev_tstats_setup(struct net_device *dev)
{
#if PSAC_CORE_PCPU_STATS
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
#endif
}

/* From ndo_init: a no-op where the core allocates (after ndo_init). */
static inline int psac_netdev_tstats_alloc(struct net_device *dev)
{
#if !PSAC_CORE_PCPU_STATS
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
#endif
	return 0;
}

/* From the destructor: a no-op where the core frees. */
static inline void psac_netdev_tstats_free(struct net_device *dev)
{
#if !PSAC_CORE_PCPU_STATS
	free_percpu(dev->tstats);
	dev->tstats = NULL;
#endif
}

#endif /* _PSAC_COMPAT_H */
