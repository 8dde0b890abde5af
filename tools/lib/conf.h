/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: the configuration-file language of `psac server` and `psac
 * hac` (psac-server.conf(5), psac-hac.conf(5)).  One statement per line,
 * split into words by psac_split_words() (quotes, backslashes, # comments);
 * each role interprets the words.  Errors read "line N: what", or just
 * "what" for a check of the whole file; the caller adds the file's name.
 */
#ifndef PSAC_TOOLS_CONF_H
#define PSAC_TOOLS_CONF_H

#include <stddef.h>

#define PSAC_CONF_MAX_WORDS	64
#define PSAC_CONF_MAX_SIZE	(1 << 20)

struct psac_conf {
	const char *dir;	/* the file's folder (NULL: the working one) */
	unsigned int line;	/* the line being read, 0 outside */
	char *err;
	size_t errlen;
};

/* One statement: w[0..n-1], n >= 1.  0, or -1 after psac_conf_err(). */
typedef int (*psac_conf_stmt_fn)(struct psac_conf *cf, char **w, int n,
				 void *ctx);

/* Formats the error of the current line into cf->err; returns -1. */
int psac_conf_err(struct psac_conf *cf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* @p taken relative to the file's folder (malloc'd; NULL: no memory). */
char *psac_conf_path(const struct psac_conf *cf, const char *p);

/*
 * Calls @fn for every statement of @text, in order, with cf->line set;
 * stops at the first error.  The words live in a copy of @text that is
 * wiped afterwards (files hold keys).  0 or -1 (cf->err says why).
 */
int psac_conf_parse(struct psac_conf *cf, const char *text,
		    psac_conf_stmt_fn fn, void *ctx);

/*
 * Reads the file @path (text, at most PSAC_CONF_MAX_SIZE octets) and
 * parses it with psac_conf_parse(); cf->dir is the file's folder while it
 * does, NULL after.  0 or -1 (cf->err says why, without the file's name).
 */
int psac_conf_load(struct psac_conf *cf, const char *path,
		   psac_conf_stmt_fn fn, void *ctx);

#endif /* PSAC_TOOLS_CONF_H */
