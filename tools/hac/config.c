// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac hac: the configuration file (psac-hac.conf(5)), read with the
 * tools' configuration reader (conf.c).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>

#include "conf.h"
#include "crypto.h"
#include "hac.h"
#include "provision.h"
#include "util.h"

struct cfg_state {
	struct psac_conf cf;
	struct hac_config *c;
};

#define cerr(ps, ...) psac_conf_err(&(ps)->cf, __VA_ARGS__)
#define rel_path(ps, p) psac_conf_path(&(ps)->cf, p)

static int parse_suites(struct cfg_state *ps, char **w, int n, uint16_t *ids,
			unsigned int *count)
{
	int i;

	*count = 0;
	for (i = 0; i < n; i++) {
		char *tok, *save = NULL;

		for (tok = strtok_r(w[i], ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			const struct psac_mnha_suite *s =
				psac_mnha_suite_parse(tok);

			if (!s)
				return cerr(ps, "unknown suite '%s' (see 'psac help mnha')",
					    tok);
			if (*count >= HAC_MAX_SUITES)
				return cerr(ps, "more than %d suites",
					    HAC_MAX_SUITES);
			ids[(*count)++] = s->id;
		}
	}
	return *count ? 0 : cerr(ps, "suites needs at least one suite");
}

static int kw_mn(struct cfg_state *ps, char **w, int n)
{
	struct hac_mn *m, *o;
	char *psk = NULL;
	long l;
	int i, ret = -1;

	if (n < 2)
		return cerr(ps, "mn needs an ID");
	m = calloc(1, sizeof(*m));
	if (!m)
		return cerr(ps, "%s", strerror(ENOMEM));
	m->id = strdup(w[1]);
	for (o = ps->c->mns; o; o = o->next)
		if (!strcmp(o->id, w[1])) {
			cerr(ps, "mn '%s' given twice", w[1]);
			goto out;
		}
	for (i = 2; i < n; i++) {
		const char *k = w[i], *v = i + 1 < n ? w[i + 1] : NULL;
		struct psac_mnha_sa *t = &m->tmpl;

		if (!v) {
			cerr(ps, "mn: '%s' needs a value", k);
			goto out;
		}
		i++;
		if (!strcmp(k, "psk-file")) {
			free(psk);
			psk = rel_path(ps, v);
		} else if (!strcmp(k, "hoa")) {
			if (inet_pton(AF_INET6, v, &t->hoa) != 1) {
				cerr(ps, "mn: bad hoa '%s' (an IPv6 address)", v);
				goto out;
			}
			t->have_hoa = 1;
		} else if (!strcmp(k, "hoa4")) {
			if (inet_pton(AF_INET, v, &t->hoa4) != 1) {
				cerr(ps, "mn: bad hoa4 '%s' (an IPv4 address)", v);
				goto out;
			}
			t->have_hoa4 = 1;
		} else if (!strcmp(k, "hnp")) {
			if (psac_parse_prefix(v, AF_INET6, &t->hnp, &t->hnp_len)) {
				cerr(ps, "mn: bad hnp '%s' (IPv6 PREFIX/LEN)", v);
				goto out;
			}
			t->have_hnp = 1;
		} else if (!strcmp(k, "hnp4")) {
			if (psac_parse_prefix(v, AF_INET, &t->hnp4, &t->hnp4_len)) {
				cerr(ps, "mn: bad hnp4 '%s' (IPv4 PREFIX/LEN)", v);
				goto out;
			}
			t->have_hnp4 = 1;
		} else if (!strcmp(k, "suites")) {
			char *one[1] = { (char *)v };

			if (parse_suites(ps, one, 1, m->suites, &m->n_suites))
				goto out;
		} else if (!strcmp(k, "validity")) {
			if (psac_parse_u64(v, 100ULL * 365 * 86400, &m->validity)) {
				cerr(ps, "mn: bad validity '%s' (seconds)", v);
				goto out;
			}
			m->have_validity = 1;
		} else if (!strcmp(k, "valid-until")) {
			if (psac_parse_u64(v, UINT64_MAX, &m->valid_until) ||
			    !m->valid_until) {
				cerr(ps, "mn: bad valid-until '%s' (seconds since the epoch)", v);
				goto out;
			}
			m->have_until = 1;
		} else if (!strcmp(k, "scope")) {
			if (strcmp(v, "0") && strcmp(v, "1")) {
				cerr(ps, "mn: bad scope '%s' (0 or 1)", v);
				goto out;
			}
			t->scope = (uint8_t)(v[0] - '0');
			t->have_scope = 1;
		} else {
			cerr(ps, "mn: unknown keyword '%s'", k);
			goto out;
		}
	}
	if (!psk) {
		cerr(ps, "mn %s needs psk-file FILE", m->id);
		goto out;
	}
	if (!m->tmpl.have_hoa && !m->tmpl.have_hoa4 && !m->tmpl.have_hnp &&
	    !m->tmpl.have_hnp4) {
		cerr(ps, "mn %s needs a home address or prefix (hoa, hoa4, hnp, hnp4)",
		     m->id);
		goto out;
	}
	l = psac_read_key_file(psk, m->psk, PSAC_PSK_MIN_LEN, PSAC_PSK_MAX_LEN);
	if (l < 0) {
		cerr(ps, "mn %s: psk-file %s: %s (want %d..%d octets)", m->id,
		     psk, l == -EINVAL ? "not a valid PSK" : strerror((int)-l),
		     PSAC_PSK_MIN_LEN, PSAC_PSK_MAX_LEN);
		goto out;
	}
	m->psk_len = (size_t)l;
	m->next = ps->c->mns;
	ps->c->mns = m;
	ps->c->n_mns++;
	m = NULL;
	ret = 0;
out:
	free(psk);
	if (m) {
		psac_wipe(m->psk, sizeof(m->psk));
		free(m->id);
		free(m);
	}
	return ret;
}

/* ha-remote ADDR psk-file FILE key-id N [port N] [realm STRING] */
static int kw_remote(struct cfg_state *ps, char **w, int n)
{
	struct hac_config *c = ps->c;
	char *psk = NULL;
	int i, have_key = 0, ret = -1;
	long l;

	if (n < 2 || inet_pton(AF_INET6, w[1], &c->r_addr) != 1)
		return cerr(ps, "ha-remote needs the home agent's IPv6 address");
	c->r_port = PSAC_DHCP6_CLIENT_PORT;
	c->r_realm[0] = '\0';
	for (i = 2; i < n; i += 2) {
		const char *k = w[i], *v = i + 1 < n ? w[i + 1] : NULL;

		if (!v) {
			cerr(ps, "ha-remote: '%s' needs a value", k);
			goto out;
		}
		if (!strcmp(k, "psk-file")) {
			free(psk);
			psk = rel_path(ps, v);
		} else if (!strcmp(k, "key-id")) {
			if (psac_parse_u32(v, &c->r_key_id)) {
				cerr(ps, "ha-remote: bad key-id '%s'", v);
				goto out;
			}
			have_key = 1;
		} else if (!strcmp(k, "port")) {
			if (psac_parse_u16(v, &c->r_port) || !c->r_port) {
				cerr(ps, "ha-remote: bad port '%s'", v);
				goto out;
			}
		} else if (!strcmp(k, "realm")) {
			if (strlen(v) > PSAC_REALM_MAX_LEN) {
				cerr(ps, "ha-remote: realm longer than %d octets",
				     PSAC_REALM_MAX_LEN);
				goto out;
			}
			snprintf(c->r_realm, sizeof(c->r_realm), "%s", v);
		} else {
			cerr(ps, "ha-remote: unknown keyword '%s'", k);
			goto out;
		}
	}
	if (!psk || !have_key) {
		cerr(ps, "ha-remote needs psk-file FILE and key-id N");
		goto out;
	}
	l = psac_read_key_file(psk, c->r_psk, PSAC_PSK_MIN_LEN,
			       PSAC_PSK_MAX_LEN);
	if (l < 0) {
		cerr(ps, "ha-remote: psk-file %s: %s (want %d..%d octets)", psk,
		     l == -EINVAL ? "not a valid PSK" : strerror((int)-l),
		     PSAC_PSK_MIN_LEN, PSAC_PSK_MAX_LEN);
		goto out;
	}
	c->r_psk_len = (size_t)l;
	c->remote = 1;
	ret = 0;
out:
	free(psk);
	return ret;
}

static int kw_line(struct psac_conf *cf, char **w, int n, void *ctx)
{
	struct cfg_state *ps = ctx;
	struct hac_config *c = ps->c;
	uint64_t u;

	(void)cf;		/* the same as &ps->cf */
	if (!strcmp(w[0], "mn"))
		return kw_mn(ps, w, n);
	if (!strcmp(w[0], "ha-remote"))
		return kw_remote(ps, w, n);
	if (!strcmp(w[0], "suites"))
		return parse_suites(ps, w + 1, n - 1, c->suites, &c->n_suites);
	if (!strcmp(w[0], "listen")) {
		if (n != 2 && !(n == 4 && !strcmp(w[2], "port")))
			return cerr(ps, "listen ADDR|any [port N]");
		if (strcmp(w[1], "any") && inet_pton(AF_INET6, w[1], &c->listen) != 1)
			return cerr(ps, "listen: '%s' is not an IPv6 address or any",
				    w[1]);
		if (n == 4 && (psac_parse_u16(w[3], &c->port) || !c->port))
			return cerr(ps, "listen: bad port '%s'", w[3]);
		return 0;
	}
	if (n != 2)
		return cerr(ps, "'%s' takes one value", w[0]);
	if (!strcmp(w[0], "cert")) {
		free(c->cert);
		c->cert = rel_path(ps, w[1]);
	} else if (!strcmp(w[0], "key")) {
		free(c->key);
		c->key = rel_path(ps, w[1]);
	} else if (!strcmp(w[0], "dev")) {
		if (strlen(w[1]) >= IF_NAMESIZE)
			return cerr(ps, "dev: name too long");
		free(c->dev);
		c->dev = strdup(w[1]);
	} else if (!strcmp(w[0], "ha-address")) {
		if (inet_pton(AF_INET6, w[1], &c->haa6) == 1)
			c->have_haa6 = 1;
		else if (inet_pton(AF_INET, w[1], &c->haa4) == 1)
			c->have_haa4 = 1;
		else
			return cerr(ps, "ha-address: '%s' is not an address", w[1]);
	} else if (!strcmp(w[0], "ha-port")) {
		if (psac_parse_u16(w[1], &c->ha_port) || !c->ha_port)
			return cerr(ps, "ha-port: bad port '%s'", w[1]);
	} else if (!strcmp(w[0], "validity")) {
		if (psac_parse_u64(w[1], 100ULL * 365 * 86400, &c->validity))
			return cerr(ps, "validity: bad '%s' (seconds)", w[1]);
	} else if (!strcmp(w[0], "scope")) {
		if (psac_parse_u64(w[1], 1, &u))
			return cerr(ps, "scope: 0 or 1");
		c->scope = (uint8_t)u;
	} else {
		return cerr(ps, "unknown statement '%s'", w[0]);
	}
	return 0;
}

void psac_hac_config_free(struct hac_config *c)
{
	struct hac_mn *m, *next;

	for (m = c->mns; m; m = next) {
		next = m->next;
		psac_wipe(m->psk, sizeof(m->psk));
		free(m->id);
		free(m);
	}
	free(c->cert);
	free(c->key);
	free(c->dev);
	psac_wipe(c, sizeof(*c));
}

int psac_hac_config_load(struct hac_config *c, const char *path, char *err,
			 size_t errlen)
{
	struct cfg_state ps = { .cf = { NULL, 0, err, errlen }, .c = c };
	int ret;

	memset(c, 0, sizeof(*c));
	c->listen = in6addr_any;
	c->port = PSAC_HAC_TLS_PORT;
	c->ha_port = PSAC_MNHA_UDP_PORT;
	c->validity = 86400;
	c->scope = 1;
	c->suites[0] = PSAC_MNHA_SUITE_AES128_GCM;
	c->suites[1] = PSAC_MNHA_SUITE_AES256_GCM;
	c->suites[2] = PSAC_MNHA_SUITE_AES128_HMAC_SHA1;
	c->n_suites = 3;
	ret = psac_conf_load(&ps.cf, path, kw_line, &ps);
	if (!ret) {
		if (!c->cert || !c->key)
			ret = -1, snprintf(err, errlen, "the configuration needs 'cert FILE' and 'key FILE'");
		else if (!c->have_haa6 && !c->have_haa4)
			ret = -1, snprintf(err, errlen, "the configuration needs 'ha-address ADDR'");
		else if (!c->mns)
			ret = -1, snprintf(err, errlen, "the configuration has no 'mn' line");
		else if (!c->dev && !(c->dev = strdup("mnha0")))
			ret = -1, snprintf(err, errlen, "%s", strerror(ENOMEM));
	}
	if (!ret && c->remote) {
		const struct hac_mn *m;

		/* what OPTION_SA mode 3 cannot carry (docs/wire-format.md) */
		for (m = c->mns; m && !ret; m = m->next)
			if (!m->tmpl.have_hoa || m->tmpl.have_hoa4 ||
			    m->tmpl.have_hnp || m->tmpl.have_hnp4 ||
			    (m->tmpl.have_scope ? m->tmpl.scope : c->scope) != 1)
				ret = -1, snprintf(err, errlen, "mn %s: with ha-remote an MN has exactly one IPv6 hoa, no hoa4/hnp/hnp4, and scope 1 (OPTION_SA carries no more)",
						   m->id);
	}
	if (ret)
		psac_hac_config_free(c);
	return ret;
}

struct hac_mn *psac_hac_find_mn(struct hac_config *c, const char *id)
{
	struct hac_mn *m;

	for (m = c->mns; m; m = m->next)
		if (!strcmp(m->id, id))
			return m;
	return NULL;
}
