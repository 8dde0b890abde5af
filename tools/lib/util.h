/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: small helpers shared by the psac subcommands.
 */
#ifndef PSAC_TOOLS_UTIL_H
#define PSAC_TOOLS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PSAC_TOOLS_VERSION	"0.1.0"

/* Exit codes of the psac command. */
#define PSAC_EXIT_OK		0
#define PSAC_EXIT_FAIL		1	/* operation failed, bad usage */
#define PSAC_EXIT_NOMODULE	2	/* genl family "psac" not found */
#define PSAC_EXIT_TIMEOUT	3	/* no (valid) answer in time */

/* Global options. */
struct psac_opts {
	int json;
	int pretty;
	int verbose;
	const char *netns;
};
extern struct psac_opts psac_opts;

/* "psac: <fmt>\n" on stderr. */
void psac_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void psac_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whole file into a malloc'ed buffer (at most max octets). */
int psac_read_file(const char *path, size_t max, uint8_t **buf, size_t *len);
/* Write a file atomically (temp + rename) with the given mode; "-" is
 * stdout. */
int psac_write_file(const char *path, const void *buf, size_t len, int mode);

/*
 * Close @f, an open_memstream() over @text and @len holding secrets, write
 * the text to @path with mode 0600, then wipe and free it.
 */
int psac_write_secret_stream(FILE *f, char **text, size_t *len,
			     const char *path);

/*
 * Read a key file: hex text (optionally "0x", whitespace and ':' between
 * octets allowed) or, if that does not parse, the raw octets.  Returns the
 * key length or a negative errno; min/max bound the length.
 */
long psac_read_key_file(const char *path, uint8_t *key, size_t min,
			size_t max);

/* Strict unsigned number parsing (decimal, 0x hex, 0 octal): 0 or -1. */
int psac_parse_u64(const char *s, uint64_t max, uint64_t *out);
int psac_parse_u32(const char *s, uint32_t *out);
int psac_parse_u16(const char *s, uint16_t *out);

/* Split a configuration line into words in place: whitespace separates,
 * '#' at the start of a word starts a comment, "..." quotes (no escapes).
 * 0, or -1 with *why set to a static message. */
int psac_split_words(char *s, char **w, int max, int *n, const char **why);

/* Prefix match used for objects and commands ("sac" -> "saconf"). */
int psac_matches(const char *arg, const char *word);

/* A keyword of a command line and what it stands for. */
struct psac_word {
	const char *name;
	int id;
};

/*
 * @s as one of the @n words @w: exactly a name, else a unique prefix (the
 * aliases of one id do not clash).  The id, -1 if unknown, -2 if ambiguous.
 */
int psac_find_word(const struct psac_word *w, unsigned int n, const char *s);

/* An SPI: 0x hex or decimal (a leading 0 is not octal), @min..@max; 0 or -1. */
int psac_parse_spi(const char *s, uint32_t min, uint32_t max, uint32_t *spi);

#define PSAC_ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * "psac: OBJECT: <message>; see 'psac help OBJECT'" on stderr; returns
 * PSAC_EXIT_FAIL so that a command can `return psac_usage_err(...)`.
 */
int psac_usage_err(const char *object, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "help", "-h" or "--help". */
int psac_is_help(const char *s);

/*
 * A command word and what runs it; psac_dispatch() picks the entry that
 * argv[1] names (exactly, else as an unambiguous prefix), runs dflt when
 * there is no argv[1] and prints @help for a help word.  Usage errors name
 * @object ("target") and @what (the table's level, "psk").
 */
struct psac_subcmd {
	const char *name;
	int (*fn)(int argc, char **argv);
};

int psac_dispatch(const char *object, void (*help)(FILE *f),
		  const struct psac_subcmd *t, unsigned int n, int argc,
		  char **argv, int (*dflt)(int argc, char **argv),
		  const char *what);

/* Enter the named network namespace (/run/netns/NAME) or a path. */
int psac_enter_netns(const char *name);

/* ---------------------------------------------------------------------- */
/* A tiny JSON writer                                                      */
/* ---------------------------------------------------------------------- */

#define PSAC_JSON_MAX_DEPTH	16

struct psac_json {
	FILE *f;
	int pretty;
	int depth;
	int count[PSAC_JSON_MAX_DEPTH];
};

void psac_json_init(struct psac_json *j, FILE *f, int pretty);
void psac_json_obj_open(struct psac_json *j, const char *key);
void psac_json_obj_close(struct psac_json *j);
void psac_json_arr_open(struct psac_json *j, const char *key);
void psac_json_arr_close(struct psac_json *j);
void psac_json_str(struct psac_json *j, const char *key, const char *v);
void psac_json_strn(struct psac_json *j, const char *key, const char *v,
		    size_t len);
void psac_json_u64(struct psac_json *j, const char *key, uint64_t v);
void psac_json_bool(struct psac_json *j, const char *key, int v);
void psac_json_null(struct psac_json *j, const char *key);
void psac_json_hex(struct psac_json *j, const char *key, const uint8_t *v,
		   size_t len);
/* Ends the document with a newline once depth returns to 0. */

/* Printable copy of a DHCPv6 status message (non-printables as '?'). */
void psac_printable(const char *in, size_t len, char *out, size_t out_size);

/* CLOCK_MONOTONIC in milliseconds. */
long long psac_mono_ms(void);

struct in6_addr;
/* @a as text into @buf (INET6_ADDRSTRLEN octets); "?" if it cannot be. */
void psac_addr6_str(const struct in6_addr *a, char *buf);

#endif /* PSAC_TOOLS_UTIL_H */
