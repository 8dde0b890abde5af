/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Portability shim for the pure-C parts of psac (kmod/lib).
 *
 * The files in kmod/lib are compiled into psac.ko, into the KUnit suites,
 * into the user-space unit tests and libFuzzer harnesses, into tools/,
 * the selftest helpers and the Wireshark plugin.  They may only use what
 * this header provides: fixed-width integer types, bool, size_t,
 * memcpy/memset/memcmp/strcmp/strlen, errno values and the byte-wise
 * big-endian accessors below.  No allocation, no locking, no logging.
 */
#ifndef _PSAC_SHIM_H
#define _PSAC_SHIM_H

#ifdef __KERNEL__

#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/build_bug.h>

#else /* user space */

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <errno.h>
#include <assert.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))
#endif

#endif /* __KERNEL__ */

/* Byte-wise big-endian accessors: no alignment assumptions. */

static inline u16 psac_get_be16(const void *p)
{
	const u8 *b = p;

	return (u16)((u16)b[0] << 8 | b[1]);
}

static inline u32 psac_get_be32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static inline u64 psac_get_be64(const void *p)
{
	const u8 *b = p;

	return (u64)psac_get_be32(b) << 32 | psac_get_be32(b + 4);
}

static inline void psac_put_be16(void *p, u16 v)
{
	u8 *b = p;

	b[0] = (u8)(v >> 8);
	b[1] = (u8)v;
}

static inline void psac_put_be32(void *p, u32 v)
{
	u8 *b = p;

	b[0] = (u8)(v >> 24);
	b[1] = (u8)(v >> 16);
	b[2] = (u8)(v >> 8);
	b[3] = (u8)v;
}

static inline void psac_put_be64(void *p, u64 v)
{
	u8 *b = p;

	psac_put_be32(b, (u32)(v >> 32));
	psac_put_be32(b + 4, (u32)v);
}

#endif /* _PSAC_SHIM_H */
