// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac mnha sa add/del: install and remove MN-HA SAs.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "genl.h"
#include "mnha_sa.h"
#include "mnha.h"
#include "util.h"

#define N_KEYS PSAC_MNHA_N_KEYS
#define KEY_MAX PSAC_MNHA_KEY_MAX

static int set_key(struct psac_mnha_sa *k, int i, const char *hex,
		   const char *where)
{
	long n;

	if (k->have_key[i])
		return usage_err("sa add: %s given twice", psac_mnha_key_name(i));
	n = psac_hex_decode(hex, k->key[i], KEY_MAX);
	if (n < 0)
		return usage_err("sa add: %s%s is not hex of at most %d octets",
				 psac_mnha_key_name(i), where, KEY_MAX);
	k->key_len[i] = (size_t)n;
	k->have_key[i] = 1;
	return 0;
}

static int read_keys_file(struct psac_mnha_sa *k, const char *path)
{
	uint8_t *buf;
	char *text, *line, *nl;
	size_t len;
	unsigned int lineno = 0;
	int ret;

	ret = psac_read_file(path, 1 << 16, &buf, &len);
	if (ret) {
		psac_err("mnha sa add: %s: %s", path, strerror(-ret));
		return PSAC_EXIT_FAIL;
	}
	text = malloc(len + 1);
	if (!text) {
		psac_wipe_free(buf, len);
		return PSAC_EXIT_FAIL;
	}
	memcpy(text, buf, len);
	text[len] = '\0';
	psac_wipe_free(buf, len);
	ret = 0;
	for (line = text; line && !ret; line = nl) {
		char *name, *val, *end, where[64];
		int i;

		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		lineno++;
		name = line + strspn(line, " \t\r");
		if (!*name || *name == '#')
			continue;
		end = name + strcspn(name, " \t\r:");
		val = end + strspn(end, " \t\r:");
		*end = '\0';
		val[strcspn(val, " \t\r#")] = '\0';
		i = psac_mnha_key_index(name);
		if (i < 0) {
			psac_err("mnha sa add: %s line %u: unknown key '%s' (ekey-mn2ha, ikey-mn2ha, ekey-ha2mn, ikey-ha2mn or mip6-*-ekey/ikey)",
				 path, lineno, name);
			ret = PSAC_EXIT_FAIL;
			break;
		}
		snprintf(where, sizeof(where), " (%s line %u)", path, lineno);
		ret = set_key(k, i, val, where);
	}
	psac_wipe_free(text, len);
	return ret;
}

static int check_keys(const struct psac_mnha_sa *sa)
{
	const struct psac_mnha_suite *s = sa->suite;
	const char *why;
	int i;

	if (!psac_mnha_sa_check_keys(sa, &i, &why))
		return 0;
	if (!strcmp(why, "missing")) {
		int is_e = i == PSAC_MNHA_EKEY_MN2HA || i == PSAC_MNHA_EKEY_HA2MN;

		return usage_err("sa add: suite %s needs %s (%u octets)",
				 s->name, psac_mnha_key_name(i),
				 is_e ? s->ekey_len : s->ikey_len);
	}
	if (!strcmp(why, "wrong length")) {
		int is_e = i == PSAC_MNHA_EKEY_MN2HA || i == PSAC_MNHA_EKEY_HA2MN;

		psac_err("mnha sa add: %s has %zu octets; suite %s needs %u%s",
			 psac_mnha_key_name(i), sa->key_len[i], s->name,
			 is_e ? s->ekey_len : s->ikey_len,
			 s->ikey_len ? "" :
			 " (the AES key followed by the 4-octet salt)");
		return PSAC_EXIT_FAIL;
	}
	return usage_err("sa add: suite %s has no %s", s->name,
			 strstr(why, "encryption") ? "encryption key (ekey)" :
			 "integrity key (ikey)");
}

enum {
	SK_SPI, SK_SUITE, SK_EKEY_MN2HA, SK_IKEY_MN2HA, SK_EKEY_HA2MN,
	SK_IKEY_HA2MN, SK_KEYS_FILE, SK_HOA, SK_HOA4, SK_HNP, SK_HNP4, SK_PEER,
	SK_PORT, SK_HAA, SK_SCOPE, SK_VALID, SK_TXSEQ, SK_REPLACE,
};

int psac_mha_sa_add(int argc, char **argv)
{
	static const struct psac_word kw[] = {
		{ "spi", SK_SPI }, { "suite", SK_SUITE },
		{ "ekey-mn2ha", SK_EKEY_MN2HA }, { "ikey-mn2ha", SK_IKEY_MN2HA },
		{ "ekey-ha2mn", SK_EKEY_HA2MN }, { "ikey-ha2mn", SK_IKEY_HA2MN },
		{ "keys-file", SK_KEYS_FILE }, { "hoa", SK_HOA },
		{ "hoa4", SK_HOA4 }, { "hnp", SK_HNP }, { "hnp4", SK_HNP4 },
		{ "peer", SK_PEER }, { "port", SK_PORT }, { "haa", SK_HAA },
		{ "scope", SK_SCOPE }, { "valid-until", SK_VALID },
		{ "tx-seq", SK_TXSEQ }, { "replace", SK_REPLACE },
	};
	struct psac_mnha_sa *sa;
	const char *keys_file = NULL;
	uint32_t ifindex;
	uint64_t u;
	int i, k, have_spi = 0, ret = PSAC_EXIT_FAIL;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_mnha(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc < 2)
		return usage_err("sa add needs a device");
	sa = calloc(1, sizeof(*sa));
	if (!sa)
		return PSAC_EXIT_FAIL;

	for (i = 2; i < argc; i++) {
		const char *v;

		k = psac_find_word(kw, sizeof(kw) / sizeof(kw[0]), argv[i]);
		if (k == -2) {
			usage_err("sa add: ambiguous keyword '%s'", argv[i]);
			goto out;
		}
		if (k < 0) {
			usage_err("sa add: unknown keyword '%s'", argv[i]);
			goto out;
		}
		if (k == SK_REPLACE) {
			sa->replace = 1;
			continue;
		}
		if (i + 1 >= argc) {
			usage_err("sa add: '%s' needs a value", argv[i]);
			goto out;
		}
		v = argv[++i];
		switch (k) {
		case SK_SPI:
			if (psac_parse_spi(v, 1, PSAC_MNHA_SPI_MASK, &sa->spi)) {
				usage_err("sa add: bad spi '%s' (1..0x0fffffff, 28 bits)",
					  v);
				goto out;
			}
			have_spi = 1;
			break;
		case SK_SUITE:
			sa->suite = psac_mnha_suite_parse(v);
			if (!sa->suite) {
				usage_err("sa add: unknown suite '%s' (null-hmac-sha1, null-aes-xcbc, 3des-hmac-sha1, aes128-hmac-sha1, aes128-aes-xcbc, aes128-gcm, aes256-gcm)",
					  v);
				goto out;
			}
			break;
		case SK_EKEY_MN2HA:
		case SK_IKEY_MN2HA:
		case SK_EKEY_HA2MN:
		case SK_IKEY_HA2MN:
			if (set_key(sa, k - SK_EKEY_MN2HA, v, ""))
				goto out;
			break;
		case SK_KEYS_FILE:
			keys_file = v;
			break;
		case SK_HOA:
			if (inet_pton(AF_INET6, v, &sa->hoa) != 1) {
				usage_err("sa add: bad hoa '%s' (an IPv6 address)", v);
				goto out;
			}
			sa->have_hoa = 1;
			break;
		case SK_HOA4:
			if (inet_pton(AF_INET, v, &sa->hoa4) != 1) {
				usage_err("sa add: bad hoa4 '%s' (an IPv4 address)", v);
				goto out;
			}
			sa->have_hoa4 = 1;
			break;
		case SK_HNP:
			if (psac_parse_prefix(v, AF_INET6, &sa->hnp, &sa->hnp_len)) {
				usage_err("sa add: bad hnp '%s' (IPv6 PREFIX/LEN)", v);
				goto out;
			}
			sa->have_hnp = 1;
			break;
		case SK_HNP4:
			if (psac_parse_prefix(v, AF_INET, &sa->hnp4, &sa->hnp4_len)) {
				usage_err("sa add: bad hnp4 '%s' (IPv4 PREFIX/LEN)", v);
				goto out;
			}
			sa->have_hnp4 = 1;
			break;
		case SK_PEER:
			if (inet_pton(AF_INET6, v, &sa->peer6) == 1)
				sa->peer_af = AF_INET6;
			else if (inet_pton(AF_INET, v, &sa->peer4) == 1)
				sa->peer_af = AF_INET;
			else {
				usage_err("sa add: bad peer '%s' (an IPv6 or IPv4 address)",
					  v);
				goto out;
			}
			break;
		case SK_PORT:
			if (psac_parse_u16(v, &sa->port) || !sa->port) {
				usage_err("sa add: bad port '%s' (1..65535)", v);
				goto out;
			}
			sa->have_port = 1;
			break;
		case SK_HAA:
			if (inet_pton(AF_INET6, v, &sa->haa) != 1) {
				usage_err("sa add: bad haa '%s' (an IPv6 address)", v);
				goto out;
			}
			sa->have_haa = 1;
			break;
		case SK_SCOPE:
			if (strcmp(v, "0") && strcmp(v, "1")) {
				usage_err("sa add: bad scope '%s' (0 signalling only, 1 all traffic)",
					  v);
				goto out;
			}
			sa->scope = (uint8_t)(v[0] - '0');
			sa->have_scope = 1;
			break;
		case SK_VALID:
			if (v[0] == '+') {
				if (psac_parse_u64(v + 1, 100ULL * 365 * 86400, &u)) {
					usage_err("sa add: bad valid-until '%s'", v);
					goto out;
				}
				sa->valid_until = (uint64_t)time(NULL) + u;
			} else if (psac_parse_u64(v, UINT64_MAX, &sa->valid_until)) {
				usage_err("sa add: bad valid-until '%s' (seconds since the epoch, +SECS or 0)",
					  v);
				goto out;
			}
			sa->have_valid = 1;
			break;
		case SK_TXSEQ:
			if (psac_parse_u32(v, &sa->tx_seq)) {
				usage_err("sa add: bad tx-seq '%s'", v);
				goto out;
			}
			sa->have_txseq = 1;
			break;
		}
	}
	if (!have_spi || !sa->suite) {
		usage_err("sa add needs spi and suite");
		goto out;
	}
	if (keys_file) {
		for (k = 0; k < N_KEYS; k++)
			if (sa->have_key[k]) {
				usage_err("sa add: keys-file and %s both given",
					  psac_mnha_key_name(k));
				goto out;
			}
		if (read_keys_file(sa, keys_file))
			goto out;
	}
	if (check_keys(sa))
		goto out;
	if (psac_mha_dev_index(argv[1], &ifindex, "sa add"))
		goto out;
	ret = psac_mnha_sa_install(ifindex, sa, "mnha sa add", NULL);
out:
	psac_wipe_free(sa, sizeof(*sa));
	return ret;
}

int psac_mha_sa_del(int argc, char **argv)
{
	uint32_t spi, ifindex;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_mnha(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc != 4 || !psac_matches(argv[2], "spi"))
		return usage_err("sa del needs DEV spi SPI");
	if (psac_parse_spi(argv[3], 1, PSAC_MNHA_SPI_MASK, &spi))
		return usage_err("sa del: bad spi '%s' (1..0x0fffffff, 28 bits)",
				 argv[3]);
	if (psac_mha_dev_index(argv[1], &ifindex, "sa del"))
		return PSAC_EXIT_FAIL;
	return psac_mnha_sa_remove(ifindex, spi, "mnha sa del");
}
