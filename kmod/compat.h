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

#endif /* _PSAC_COMPAT_H */
