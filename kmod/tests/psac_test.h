/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Glue shared by the psac test tables: the same cases run under KUnit
 * (kmod/tests/NAME_kunit.c) and in user space (kmod/tests/user/).
 *
 * A case runner returns 0 on success; on failure it returns -1 and
 * leaves a one-line explanation in its message buffer.
 */
#ifndef _PSAC_TEST_H
#define _PSAC_TEST_H

#ifdef __KERNEL__
#include <linux/kernel.h>
#else
#include <stdio.h>
#endif

#include "psac_shim.h"

#define PSAC_T_MSG_LEN	256

#define psac_t_fail(msg, ...) \
	(snprintf((msg), PSAC_T_MSG_LEN, __VA_ARGS__), -1)

#endif /* _PSAC_TEST_H */
