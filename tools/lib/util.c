// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: small helpers shared by the psac subcommands.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <arpa/inet.h>

#include "crypto.h"
#include "util.h"

struct psac_opts psac_opts;

void psac_err(const char *fmt, ...)
{
	va_list ap;

	fputs("psac: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void psac_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("psac: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int psac_read_file(const char *path, size_t max, uint8_t **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	uint8_t *b;
	int fd, ret = 0;

	fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0)
		return -errno;
	b = malloc(cap);
	if (!b) {
		ret = -ENOMEM;
		goto out;
	}
	for (;;) {
		ssize_t r;

		if (n == cap) {
			uint8_t *nb;

			if (cap > max) {
				ret = -EFBIG;
				break;
			}
			nb = realloc(b, cap * 2);
			if (!nb) {
				ret = -ENOMEM;
				break;
			}
			b = nb;
			cap *= 2;
		}
		r = read(fd, b + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (!r)
			break;
		n += (size_t)r;
	}
	if (!ret && n > max)
		ret = -EFBIG;
	if (ret) {
		psac_wipe_free(b, cap);
	} else {
		*buf = b;
		*len = n;
	}
out:
	if (fd > 0)
		close(fd);
	return ret;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int psac_write_file(const char *path, const void *buf, size_t len, int mode)
{
	char *tmp;
	int fd, ret;

	if (!strcmp(path, "-"))
		return write_all(1, buf, len);
	if (asprintf(&tmp, "%s.tmpXXXXXX", path) < 0)
		return -ENOMEM;
	fd = mkstemp(tmp);
	if (fd < 0) {
		ret = -errno;
		free(tmp);
		return ret;
	}
	ret = write_all(fd, buf, len);
	if (!ret && fchmod(fd, (mode_t)mode) < 0)
		ret = -errno;
	if (close(fd) < 0 && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path) < 0)
		ret = -errno;
	if (ret)
		unlink(tmp);
	free(tmp);
	return ret;
}

long psac_read_key_file(const char *path, uint8_t *key, size_t min,
			size_t max)
{
	uint8_t *buf;
	char *text;
	size_t len;
	long n;
	int ret;

	ret = psac_read_file(path, 4096, &buf, &len);
	if (ret)
		return ret;
	text = malloc(len + 1);
	if (!text) {
		psac_wipe_free(buf, len);
		return -ENOMEM;
	}
	memcpy(text, buf, len);
	text[len] = '\0';
	n = (strlen(text) == len) ? psac_hex_decode(text, key, max) : -1;
	if (n < 0) {
		/* not hex text: raw octets */
		if (len > max) {
			n = -EMSGSIZE;
		} else {
			memcpy(key, buf, len);
			n = (long)len;
		}
	}
	if (n >= 0 && (size_t)n < min)
		n = -EMSGSIZE;
	psac_wipe(text, len);
	psac_wipe(buf, len);
	free(text);
	free(buf);
	return n;
}

int psac_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || !*s || *s == '-' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

int psac_parse_u32(const char *s, uint32_t *out)
{
	uint64_t v;

	if (psac_parse_u64(s, 0xffffffffULL, &v))
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int psac_parse_u16(const char *s, uint16_t *out)
{
	uint64_t v;

	if (psac_parse_u64(s, 0xffff, &v))
		return -1;
	*out = (uint16_t)v;
	return 0;
}

int psac_matches(const char *arg, const char *word)
{
	size_t n = strlen(arg);

	return n && n <= strlen(word) && !strncmp(arg, word, n);
}

int psac_enter_netns(const char *name)
{
	char path[4096];
	int fd, ret = 0;

	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && !strchr(name, '/')) {
		snprintf(path, sizeof(path), "/var/run/netns/%s", name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return -errno;
	if (setns(fd, CLONE_NEWNET) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* JSON                                                                    */
/* ---------------------------------------------------------------------- */

void psac_json_init(struct psac_json *j, FILE *f, int pretty)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
	j->pretty = pretty;
}

static void json_indent(struct psac_json *j)
{
	int i;

	if (!j->pretty)
		return;
	fputc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

static void json_escape(FILE *f, const char *s, size_t len)
{
	size_t i;

	fputc('"', f);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

static void json_key(struct psac_json *j, const char *key)
{
	if (j->depth > 0 && j->count[j->depth]++)
		fputc(',', j->f);
	if (j->depth > 0)
		json_indent(j);
	if (key) {
		json_escape(j->f, key, strlen(key));
		fputs(j->pretty ? ": " : ":", j->f);
	}
}

static void json_open(struct psac_json *j, const char *key, char c)
{
	json_key(j, key);
	fputc(c, j->f);
	if (j->depth < PSAC_JSON_MAX_DEPTH - 1)
		j->depth++;
	j->count[j->depth] = 0;
}

static void json_close(struct psac_json *j, char c)
{
	int had = j->count[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had)
		json_indent(j);
	fputc(c, j->f);
	if (!j->depth)
		fputc('\n', j->f);
}

void psac_json_obj_open(struct psac_json *j, const char *key)
{
	json_open(j, key, '{');
}

void psac_json_obj_close(struct psac_json *j)
{
	json_close(j, '}');
}

void psac_json_arr_open(struct psac_json *j, const char *key)
{
	json_open(j, key, '[');
}

void psac_json_arr_close(struct psac_json *j)
{
	json_close(j, ']');
}

void psac_json_strn(struct psac_json *j, const char *key, const char *v,
		    size_t len)
{
	json_key(j, key);
	json_escape(j->f, v, len);
}

void psac_json_str(struct psac_json *j, const char *key, const char *v)
{
	if (!v) {
		psac_json_null(j, key);
		return;
	}
	psac_json_strn(j, key, v, strlen(v));
}

void psac_json_u64(struct psac_json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	fprintf(j->f, "%llu", (unsigned long long)v);
}

void psac_json_bool(struct psac_json *j, const char *key, int v)
{
	json_key(j, key);
	fputs(v ? "true" : "false", j->f);
}

void psac_json_null(struct psac_json *j, const char *key)
{
	json_key(j, key);
	fputs("null", j->f);
}

void psac_json_hex(struct psac_json *j, const char *key, const uint8_t *v,
		   size_t len)
{
	char *s = malloc(2 * len + 1);

	if (!s) {
		psac_json_null(j, key);
		return;
	}
	psac_hex_encode(v, len, s);
	psac_json_str(j, key, s);
	free(s);
}

void psac_printable(const char *in, size_t len, char *out, size_t out_size)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 1 < out_size; i++) {
		unsigned char c = (unsigned char)in[i];

		out[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	out[n] = '\0';
}

long long psac_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int psac_write_secret_stream(FILE *f, char **text, size_t *len,
			     const char *path)
{
	int ret;

	if (fclose(f)) {
		free(*text);
		*text = NULL;
		return -ENOMEM;
	}
	ret = psac_write_file(path, *text, *len, 0600);
	psac_wipe_free(*text, *len);
	*text = NULL;
	return ret;
}

int psac_usage_err(const char *object, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "psac: %s: ", object);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "; see 'psac help %s'\n", object);
	return PSAC_EXIT_FAIL;
}

int psac_is_help(const char *s)
{
	return !strcmp(s, "help") || !strcmp(s, "-h") || !strcmp(s, "--help");
}

int psac_dispatch(const char *object, void (*help)(FILE *f),
		  const struct psac_subcmd *t, unsigned int n, int argc,
		  char **argv, int (*dflt)(int argc, char **argv),
		  const char *what)
{
	int (*found)(int argc, char **argv) = NULL;
	int ambiguous = 0;
	unsigned int i;

	if (argc < 2)
		return dflt(argc, argv);
	if (psac_is_help(argv[1])) {
		help(stdout);
		return PSAC_EXIT_OK;
	}
	for (i = 0; i < n && !found; i++)
		if (!strcmp(argv[1], t[i].name))
			found = t[i].fn;
	for (i = 0; i < n && !found; i++) {
		if (!psac_matches(argv[1], t[i].name))
			continue;
		/* several prefix matches are fine when they are aliases */
		for (unsigned int j = i + 1; j < n; j++)
			if (psac_matches(argv[1], t[j].name) &&
			    t[j].fn != t[i].fn)
				ambiguous = 1;
		found = t[i].fn;
	}
	if (!found || ambiguous) {
		fprintf(stderr, "psac: %s: %s %s command '%s'; see 'psac help %s'\n",
			object, found ? "ambiguous" : "unknown", what, argv[1],
			object);
		return PSAC_EXIT_FAIL;
	}
	optind = 0;
	return found(argc - 1, argv + 1);
}

int psac_split_words(char *s, char **w, int max, int *n, const char **why)
{
	*n = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s || *s == '#')
			return 0;
		if (*n >= max) {
			*why = "too many words";
			return -1;
		}
		if (*s == '"') {
			char *end = strchr(s + 1, '"');

			if (!end) {
				*why = "unterminated quote";
				return -1;
			}
			*end = '\0';
			w[(*n)++] = s + 1;
			s = end + 1;
			if (*s && *s != ' ' && *s != '\t' && *s != '\r') {
				*why = "text right after a closing quote";
				return -1;
			}
			continue;
		}
		w[(*n)++] = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\r')
			s++;
		if (*s)
			*s++ = '\0';
	}
}

void psac_addr6_str(const struct in6_addr *a, char *buf)
{
	if (!inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN))
		strcpy(buf, "?");
}

int psac_find_word(const struct psac_word *w, unsigned int n, const char *s)
{
	unsigned int i;
	int found = -1;

	for (i = 0; i < n; i++)
		if (!strcmp(s, w[i].name))
			return w[i].id;
	for (i = 0; i < n; i++) {
		if (!psac_matches(s, w[i].name))
			continue;
		if (found >= 0 && found != w[i].id)
			return -2;
		found = w[i].id;
	}
	return found;
}

int psac_parse_spi(const char *s, uint32_t min, uint32_t max, uint32_t *spi)
{
	unsigned long long v;
	char *end;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	}
	if (!*s || s[strspn(s, base == 16 ? "0123456789abcdefABCDEF" :
			   "0123456789")])
		return -1;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end || v < min || v > max)
		return -1;
	*spi = (uint32_t)v;
	return 0;
}
