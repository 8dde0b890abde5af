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
 * Since Linux 6.8 ("xfrm: policy: replace session decode with flow
 * dissector") the inbound policy lookup decodes flows with the flow
 * dissector, which does not know the Mobility Header: inbound flows carry
 * no MH type, so an inbound selector on the MH type never matches.  On such
 * kernels psac installs inbound MH policies with sport_mask 0 (any MH type)
 * and says so in docs/target.md; outbound matching still works because the
 * raw socket fills in the MH type itself.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
#define PSAC_XFRM_IN_MH_TYPE_MATCH 0
#else
#define PSAC_XFRM_IN_MH_TYPE_MATCH 1
#endif

#endif /* _PSAC_COMPAT_H */
