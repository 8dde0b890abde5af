/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Minimal TAP producer for the psac tools unit tests.  Each test binary
 * prints "ok N - name" / "not ok N - name" lines and a closing "1..N" plan;
 * tests/run.sh numbers the lines of all binaries together and prints the
 * one "N passed, N failed" summary.
 */
#ifndef PSAC_TOOLS_TAP_H
#define PSAC_TOOLS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline void tap_vreport(int ok, const char *directive,
			       const char *fmt, va_list ap)
{
	printf("%sok %d - ", ok ? "" : "not ", ++tap_n);
	vprintf(fmt, ap);
	if (directive)
		printf(" # %s", directive);
	putchar('\n');
	fflush(stdout);
	if (!ok)
		tap_failed++;
}

__attribute__((format(printf, 2, 3)))
static inline int tap_ok(int ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(ok, NULL, fmt, ap);
	va_end(ap);
	return ok;
}

__attribute__((format(printf, 2, 3)))
static inline void tap_skip(const char *why, const char *fmt, ...)
{
	char d[256];
	va_list ap;

	snprintf(d, sizeof(d), "SKIP %s", why);
	va_start(ap, fmt);
	tap_vreport(1, d, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 1, 2)))
static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static inline void tap_hexdiff(const char *what, const unsigned char *got,
			       const unsigned char *want, size_t len)
{
	size_t i;

	printf("# %s\n#   got:  ", what);
	for (i = 0; i < len; i++)
		printf("%02x", got[i]);
	printf("\n#   want: ");
	for (i = 0; i < len; i++)
		printf("%02x", want[i]);
	putchar('\n');
}

/* Compare bytes; on mismatch print both. */
static inline int tap_mem(const void *got, const void *want, size_t len,
			  const char *name)
{
	int ok = memcmp(got, want, len) == 0;

	if (!ok)
		tap_hexdiff(name, got, want, len);
	return tap_ok(ok, "%s", name);
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* PSAC_TOOLS_TAP_H */
