// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: the configuration-file reader shared by the roles (conf.h).
 */
#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "crypto.h"
#include "util.h"

int psac_conf_err(struct psac_conf *cf, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (cf->line)
		n = snprintf(cf->err, cf->errlen, "line %u: ", cf->line);
	if (n < 0 || (size_t)n >= cf->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(cf->err + n, cf->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

char *psac_conf_path(const struct psac_conf *cf, const char *p)
{
	char *out;

	if (p[0] == '/' || !cf->dir || !strcmp(cf->dir, "."))
		return strdup(p);
	if (asprintf(&out, "%s/%s", cf->dir, p) < 0)
		return NULL;
	return out;
}

int psac_conf_parse(struct psac_conf *cf, const char *text,
		    psac_conf_stmt_fn fn, void *ctx)
{
	char *copy = strdup(text), *line, *nl, *w[PSAC_CONF_MAX_WORDS];
	const char *why;
	int n, ret = 0;

	cf->line = 0;
	if (!copy)
		return psac_conf_err(cf, "%s", strerror(ENOMEM));
	cf->err[0] = '\0';
	/* strtok_r would merge empty lines and lose the line numbers */
	for (line = copy; line && !ret; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		cf->line++;
		if (psac_split_words(line, w, PSAC_CONF_MAX_WORDS, &n, &why))
			ret = psac_conf_err(cf, "%s", why);
		else if (n)
			ret = fn(cf, w, n, ctx);
	}
	psac_wipe_free(copy, strlen(text));
	if (!ret)
		cf->line = 0;
	return ret ? -1 : 0;
}

int psac_conf_load(struct psac_conf *cf, const char *path,
		   psac_conf_stmt_fn fn, void *ctx)
{
	char *dirbuf = NULL, *text = NULL;
	uint8_t *buf;
	size_t len;
	int ret;

	cf->line = 0;
	ret = psac_read_file(path, PSAC_CONF_MAX_SIZE, &buf, &len);
	if (ret)
		return psac_conf_err(cf, "%s", strerror(-ret));
	ret = -1;
	if (memchr(buf, '\0', len)) {
		psac_conf_err(cf, "not a text file");
		goto out;
	}
	text = malloc(len + 1);
	dirbuf = strdup(path);
	if (!text || !dirbuf) {
		psac_conf_err(cf, "%s", strerror(ENOMEM));
		goto out;
	}
	memcpy(text, buf, len);
	text[len] = '\0';
	cf->dir = dirname(dirbuf);
	ret = psac_conf_parse(cf, text, fn, ctx);
	cf->dir = NULL;
out:
	psac_wipe_free(buf, len);
	if (text) {
		psac_wipe_free(text, len);
	}
	free(dirbuf);
	return ret;
}
