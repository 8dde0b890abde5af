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

#endif /* _PSAC_COMPAT_H */
