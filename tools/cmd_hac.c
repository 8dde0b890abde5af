// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac hac: the RFC 6618 Home Agent Controller.  A TLS server (TCP 7873
 * here) that runs the MHAuth PSK exchange with mobile nodes
 * (docs/wire-format.md section 3), draws the MN-HA SA from the CSPRNG,
 * installs the home agent's side into the local mnha device over generic
 * netlink and hands the mobile node its side in the MHAuth-Done response.
 *
 *   MN -> HAC  Init request  (1): mn-id, auth-method: psk, mn-rand
 *   HAC -> MN  Init response (1): hac-rand            (or status-code)
 *   MN -> HAC  Done request  (2): mn-id, mn-rand, hac-rand,
 *                                 mip6-suitelist, auth ("MN")
 *   HAC -> MN  Done response (2): status-code 200, mn-rand, hac-rand,
 *                                 mip6-* SA headers, auth ("HAC")
 *                                 (or status-code NNN without SA)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "conf.h"
#include "crypto.h"
#include "mhauth.h"
#include "mnha_sa.h"
#include "provision.h"
#include "saconf_xchg.h"
#include "util.h"

void help_hac(FILE *f)
{
	fputs(
"Usage: psac [-j] [-n NETNS] hac -c FILE [--once | --count N]\n"
"                  [--timeout SECS] [--ready FILE] [--check]\n"
"                  [--no-install] [--test-bad-auth]\n"
"\n"
"The Home Agent Controller (HAC) of RFC 6618: a TLS server that bootstraps\n"
"mobile nodes.  For each TLS connection (TCP port 7873 by default) it runs\n"
"the MHAuth PSK exchange (docs/wire-format.md section 3; 'psac mn' is the\n"
"client):\n"
"  1. Init request (Identifier 1) with mn-id, auth-method psk and mn-rand:\n"
"     an unknown mn-id is answered with status-code 404; otherwise the\n"
"     Init response carries hac-rand.\n"
"  2. Done request (Identifier 2) with mn-id, both randoms, mip6-suitelist\n"
"     and auth = HMAC-SHA256(PSK, \"MN\" | header lines | CB), CB the\n"
"     RFC 5929 tls-server-endpoint hash of the HAC certificate: a wrong\n"
"     value (wrong PSK) is answered with status-code 401.\n"
"  3. The first of the MN's allowed suites (configuration order) that the\n"
"     MN offers (406 if none); an SA validity that has already ended gives\n"
"     410.  The SPI (28 bits) and the four keys come from the CSPRNG.\n"
"  4. The home agent's side is installed into the local mnha device over\n"
"     generic netlink (as 'psac mnha sa add ... replace': a new bootstrap\n"
"     of the same MN rekeys it), or with ha-remote pushed to the home\n"
"     agent's psac target role in an authenticated SACONFIGURATION\n"
"     (OPTION_SA mode 3, docs/wire-format.md), retransmitted every 2 s up\n"
"     to 2 times, waiting up to 7 s for the authenticated reply; a\n"
"     refusal or no reply gives 500.\n"
"  5. Done response: status-code 200, the randoms, mip6-spi,\n"
"     mip6-ciphersuite, the keys, mip6-sa-validity-end, mip6-sas,\n"
"     mip6-haa-ip6/-ip4, mip6-port, the MN's home address(es) and prefixes,\n"
"     then auth with the label \"HAC\".  If it cannot be sent, the home\n"
"     agent's SA is removed again.\n"
"Error answers carry status-code and no auth.  Connections are served one\n"
"at a time, each bounded by a 10 s inactivity timeout.\n"
"\n"
"Options:\n"
"  -c, --config FILE  the configuration file (below); required\n"
"  --once             exit after one exchange (status 0 if the MN was\n"
"                     provisioned, 1 if not)\n"
"  --count N          exit after N exchanges (status 1 if any failed)\n"
"  --timeout SECS     exit with status 3 when SECS seconds passed before\n"
"                     the --once/--count exchanges\n"
"  --ready FILE       create FILE once the socket listens (for scripts)\n"
"  --check            read the configuration, the certificate and the key,\n"
"                     print a summary, exit\n"
"  --no-install       testing: run the exchanges without a home agent\n"
"                     (no device needed, nothing installed)\n"
"  --test-bad-auth    testing only: send a wrong auth value in the Done\n"
"                     response (the MN must refuse it)\n"
"Without --once, --count or --timeout it runs until SIGINT or SIGTERM.\n"
"The environment variable SSLKEYLOGFILE names a file the TLS secrets are\n"
"appended to (NSS key log format, for Wireshark).\n"
"\n"
"Configuration file: one statement per line, words separated by blanks,\n"
"'#' starts a comment, \"double quotes\" keep blanks in a word; a relative\n"
"FILE is relative to the configuration file.\n"
"  listen ADDR|any [port N]   where to listen (default any, port 7873)\n"
"  cert FILE                  the HAC certificate (PEM, may be followed by\n"
"                             its chain); required\n"
"  key FILE                   its private key (PEM); required\n"
"  dev IFNAME                 the home agent's mnha device (default mnha0;\n"
"                             set it up with 'psac mnha dev set IFNAME\n"
"                             role ha')\n"
"  ha-address ADDR            the home agent address given to the MNs\n"
"                             (mip6-haa-ip6, or mip6-haa-ip4 for an IPv4\n"
"                             ADDR; once per family); required\n"
"  ha-port N                  mip6-port (default 7872)\n"
"  ha-remote ADDR psk-file FILE key-id N [port N] [realm STRING]\n"
"                             the home agent is another host (or netns):\n"
"                             push the SAs to its psac target role at\n"
"                             [ADDR]:N (default 546) in SACONFIGURATION\n"
"                             authenticated with this PSK and Key-ID (as\n"
"                             set there with 'psac target psk add'); its\n"
"                             mnha device with role ha and port ha-port\n"
"                             gets them (dev is then unused).  OPTION_SA\n"
"                             carries one IPv6 home address per SA: every\n"
"                             mn needs hoa, no hoa4/hnp/hnp4, scope 1\n"
"  suites SUITE...            suites granted, in preference order (default\n"
"                             aes128-gcm aes256-gcm aes128-hmac-sha1);\n"
"                             SUITE as in 'psac help mnha'\n"
"  validity SECS              SA lifetime from the exchange (default 86400;\n"
"                             0: mip6-sa-validity-end not sent, no expiry)\n"
"  scope 0|1                  mip6-sas (default 1: all traffic)\n"
"  mn ID psk-file FILE [hoa ADDR] [hoa4 ADDR] [hnp PREFIX/LEN]\n"
"         [hnp4 PREFIX/LEN] [suites SUITE,SUITE...] [validity SECS]\n"
"         [valid-until EPOCH] [scope 0|1]\n"
"                             one mobile node: its mn-id, its PSK (the PSK\n"
"                             file format of 'psac saconf', 16..64 octets),\n"
"                             at least one home address or prefix, and\n"
"                             overrides of the defaults above (valid-until:\n"
"                             a fixed end of validity)\n"
"\n"
"Log: one line per event on standard output (-j: one JSON object per line\n"
"with \"event\"):\n"
"  listening [ADDR]:PORT dev IFNAME\n"
"  provisioned mn-id ID from ADDR spi 0xSSSSSSS suite NAME [hoa ADDR]\n"
"              valid-until T|never\n"
"  refused mn-id ID from ADDR status N (TEXT)   (with ha-remote, TEXT\n"
"                             gives the home agent's status code and text)\n"
"  failed from ADDR: REASON       (TLS handshake, timeouts, malformed)\n"
"\n"
"Exit status: 0 success, 1 failure (bad configuration, an exchange failed\n"
"with --once/--count), 2 module not loaded, 3 --timeout expired.\n"
"\n"
"Example configuration:\n"
"  listen any port 7873\n"
"  cert hac.crt\n"
"  key hac.key\n"
"  dev mnha0\n"
"  ha-address 2001:db8:1::1\n"
"  suites aes128-gcm aes128-hmac-sha1\n"
"  validity 3600\n"
"  mn mn1@example.net psk-file mn1.psk hoa 2001:db8:100::10 hoa4 10.100.0.10\n", f);
}

/* ---------------------------------------------------------------------- */
/* Configuration                                                           */
/* ---------------------------------------------------------------------- */

#define HAC_MAX_SUITES	8
#define HAC_TIMEOUT_S	10

struct hac_mn {
	char *id;
	uint8_t psk[PSAC_PSK_MAX_LEN];
	size_t psk_len;
	struct psac_mnha_sa tmpl;	/* addresses, scope */
	uint16_t suites[HAC_MAX_SUITES];
	unsigned int n_suites;		/* 0: the global list */
	uint64_t validity, valid_until;
	int have_validity, have_until;
	struct hac_mn *next;
};

struct hac_config {
	struct in6_addr listen;
	uint16_t port, ha_port;
	char *cert, *key, *dev;
	struct in6_addr haa6;
	struct in_addr haa4;
	int have_haa6, have_haa4;
	uint16_t suites[HAC_MAX_SUITES];
	unsigned int n_suites;
	uint64_t validity;
	uint8_t scope;
	struct hac_mn *mns;
	unsigned int n_mns;
	/* ha-remote: push the SAs to a home agent's psac target role */
	int remote;
	struct in6_addr r_addr;
	uint16_t r_port;
	uint32_t r_key_id;
	uint8_t r_psk[PSAC_PSK_MAX_LEN];
	size_t r_psk_len;
	char r_realm[PSAC_REALM_MAX_LEN + 1];
};

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

static void config_free(struct hac_config *c)
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

static int config_load(struct hac_config *c, const char *path, char *err,
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
		config_free(c);
	return ret;
}

static struct hac_mn *find_mn(struct hac_config *c, const char *id)
{
	struct hac_mn *m;

	for (m = c->mns; m; m = m->next)
		if (!strcmp(m->id, id))
			return m;
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* Log                                                                     */
/* ---------------------------------------------------------------------- */

/* event, then NULL-terminated name/value pairs; a NULL value is skipped */
static void hac_log(const char *event, ...)
{
	const char *k, *v;
	va_list ap;

	va_start(ap, event);
	if (psac_opts.json) {
		struct psac_json j;

		psac_json_init(&j, stdout, psac_opts.pretty);
		psac_json_obj_open(&j, NULL);
		psac_json_str(&j, "event", event);
		while ((k = va_arg(ap, const char *))) {
			char key[32];
			size_t i;

			v = va_arg(ap, const char *);
			if (!v)
				continue;
			snprintf(key, sizeof(key), "%s", k);
			for (i = 0; key[i]; i++)
				if (key[i] == '-')
					key[i] = '_';
			psac_json_str(&j, key, v);
		}
		psac_json_obj_close(&j);
	} else {
		fputs(event, stdout);
		while ((k = va_arg(ap, const char *))) {
			v = va_arg(ap, const char *);
			if (!v)
				continue;
			if (!strcmp(k, "reason"))
				printf(": %s", v);
			else
				printf(" %s %s", k, v);
		}
		putchar('\n');
	}
	va_end(ap);
	fflush(stdout);
}

/* ---------------------------------------------------------------------- */
/* One exchange                                                            */
/* ---------------------------------------------------------------------- */

struct hac {
	struct hac_config cfg;
	SSL_CTX *ctx;
	uint8_t cb[PSAC_MHAUTH_CB_MAX];
	size_t cb_len;
	uint32_t ifindex;
	int test_bad_auth;
	int no_install;
	/* ha-remote */
	int r_fd;
	uint8_t duid[PSAC_DUID_MAX_LEN];
	size_t duid_len;
	uint64_t r_tx_counter;
	int r_rx_seen;
	uint64_t r_rx_counter;
};

/* ---------------------------------------------------------------------- */
/* ha-remote: the SA over PSAC SACONFIGURATION                             */
/* ---------------------------------------------------------------------- */

#define HAC_PUSH_WAIT_MS	7000
#define HAC_PUSH_RETRIES	2

struct push_ctx {
	struct hac *h;
	int done;
	uint16_t status;
	char text[160];
};

/* An authenticated reply with a fresh counter ends the exchange. */
static int push_reply(void *arg, const uint8_t *buf, size_t len,
		      const struct psac_msg *rep,
		      const struct sockaddr_in6 *from)
{
	struct push_ctx *pc = arg;
	struct hac *h = pc->h;
	const struct hac_config *c = &h->cfg;
	const struct psac_status *st = &rep->status;

	(void)from;
	if (!rep->auth.present || rep->auth.key_id != c->r_key_id ||
	    psac_msg_verify(buf, len, rep, c->r_psk, c->r_psk_len)) {
		if (psac_opts.verbose)
			fprintf(stderr, "psac: hac: ignoring a SACONFIGURATION-REPLY that does not verify\n");
		return 0;
	}
	if (h->r_rx_seen && rep->auth.counter <= h->r_rx_counter) {
		if (psac_opts.verbose)
			fprintf(stderr, "psac: hac: ignoring a replayed SACONFIGURATION-REPLY\n");
		return 0;
	}
	h->r_rx_seen = 1;
	h->r_rx_counter = rep->auth.counter;
	pc->done = 1;
	if (psac_saconf_reply_ok(rep)) {
		pc->status = PSAC_STATUS_SUCCESS;
		return 1;
	}
	/* the SA's own status says why; else the message's */
	if (rep->n_sa && rep->sa[0].status.present &&
	    rep->sa[0].status.code != PSAC_STATUS_SUCCESS)
		st = &rep->sa[0].status;
	pc->status = st->present ? st->code : PSAC_STATUS_UNSPEC_FAIL;
	snprintf(pc->text, sizeof(pc->text), "%.*s",
		 st->present ? (int)st->msg_len : 0, st->present ? st->msg : "");
	return 1;
}

/*
 * Pushes sa to the remote home agent (OPTION_SA mode 3; Lifetime 0 with
 * del: removes it).  0 when the target confirmed, -1 with why otherwise.
 */
static int remote_push(struct hac *h, const struct psac_mnha_sa *sa, int del,
		       char *why, size_t whylen)
{
	const struct hac_config *c = &h->cfg;
	uint8_t keymat[PSAC_MNHA_KEYMAT_MAX], *msg;
	struct psac_auth_key key = {
		.key_id = c->r_key_id, .psk = c->r_psk,
		.psk_len = c->r_psk_len,
		.realm = (const uint8_t *)c->r_realm,
		.realm_len = strlen(c->r_realm),
	};
	struct push_ctx pc = { .h = h };
	struct psac_xchg x = { 0 };
	struct sockaddr_in6 dst;
	struct psac_sa_out out;
	uint64_t counter;
	const char *w;
	size_t len;
	int ret = -1, r;

	if (psac_mnha_sa_to_option(sa, c->ha_port, (uint64_t)time(NULL),
				   &out.p, keymat, &out.keymat_len, &w)) {
		snprintf(why, whylen, "cannot encode the SA: %s", w);
		return -1;
	}
	if (del)
		out.p.lifetime = 0;
	out.keymat = keymat;
	msg = malloc(PSAC_XCHG_MSG_MAX);
	if (!msg || psac_random(&x.xid, sizeof(x.xid))) {
		snprintf(why, whylen, "%s", strerror(ENOMEM));
		goto out;
	}
	x.xid &= 0xffffff;
	counter = psac_now_ns();
	if (counter <= h->r_tx_counter)
		counter = h->r_tx_counter + 1;
	h->r_tx_counter = counter;
	r = psac_build_saconfig(msg, PSAC_XCHG_MSG_MAX, &len, x.xid, h->duid,
				h->duid_len, &out, 1, &key, counter);
	if (r) {
		snprintf(why, whylen, "cannot build SACONFIGURATION: %s",
			 strerror(-r));
		goto out;
	}
	memset(&dst, 0, sizeof(dst));
	dst.sin6_family = AF_INET6;
	dst.sin6_addr = c->r_addr;
	dst.sin6_port = htons(c->r_port);
	x.fd = h->r_fd;
	x.dst = &dst;
	x.msg = msg;
	x.len = len;
	x.wait_ms = HAC_PUSH_WAIT_MS;
	x.retries = HAC_PUSH_RETRIES;
	x.reply = push_reply;
	x.arg = &pc;
	r = psac_saconf_xchg(&x);
	if (r == -ETIMEDOUT)
		snprintf(why, whylen, "no authenticated SACONFIGURATION-REPLY from the home agent (%u transmissions)",
			 x.n_sent);
	else if (r)
		snprintf(why, whylen, "SACONFIGURATION to the home agent: %s",
			 strerror(-r));
	else if (pc.status != PSAC_STATUS_SUCCESS)
		snprintf(why, whylen, "the home agent refused the SA: status %u%s%s%s",
			 pc.status, pc.text[0] ? " (" : "", pc.text,
			 pc.text[0] ? ")" : "");
	else
		ret = 0;
	psac_wipe(msg, len);
out:
	psac_wipe(keymat, sizeof(keymat));
	free(msg);
	return ret;
}

static int send_status(SSL *ssl, uint8_t id, unsigned int code)
{
	struct psac_mhauth_builder b;

	psac_mhauth_begin(&b, id);
	psac_mhauth_add(&b, "status-code", "%u", code);
	if (psac_mhauth_end(&b, NULL, 0, NULL, NULL, 0))
		return -1;
	return psac_mhauth_send(ssl, &b);
}

static void refuse(SSL *ssl, uint8_t id, unsigned int code, const char *mn,
		   const char *from, const char *detail)
{
	char s[8];

	snprintf(s, sizeof(s), "%u", code);
	send_status(ssl, id, code);
	hac_log("refused", "mn-id", mn ? mn : "-", "from", from, "status", s,
		"reason", detail ? detail : psac_mhauth_status_text(code),
		NULL);
}

static int rand_hex_ok(const char *v, uint8_t out[PSAC_MHAUTH_RAND_LEN])
{
	return v && psac_hex_decode(v, out, PSAC_MHAUTH_RAND_LEN + 1) ==
		PSAC_MHAUTH_RAND_LEN;
}

static int same_rand(const char *v, const uint8_t want[PSAC_MHAUTH_RAND_LEN])
{
	uint8_t got[PSAC_MHAUTH_RAND_LEN];

	return rand_hex_ok(v, got) && !memcmp(got, want, sizeof(got));
}

/* 0 provisioned, 1 refused or failed */
static int exchange(struct hac *h, SSL *ssl, const char *from)
{
	struct hac_config *c = &h->cfg;
	struct psac_mhauth_msg *m;
	struct psac_mhauth_builder *b;
	struct psac_mnha_sa *sa;
	struct hac_mn *mn = NULL;
	uint8_t mn_rand[PSAC_MHAUTH_RAND_LEN], hac_rand[PSAC_MHAUTH_RAND_LEN];
	uint16_t offered[32];
	unsigned int n_off, i, j;
	const uint16_t *pref;
	unsigned int n_pref;
	const char *v, *why;
	char spi_s[16], until_s[24], hoa_s[INET6_ADDRSTRLEN], rwhy[256];
	uint64_t now;
	int ret = 1, installed = 0, r, err, k;

	m = calloc(1, sizeof(*m));
	b = calloc(1, sizeof(*b));
	sa = calloc(1, sizeof(*sa));
	if (!m || !b || !sa)
		goto out;

	/* 1. Init */
	r = psac_mhauth_recv(ssl, m, &why);
	if (r) {
		if (r == -2)
			send_status(ssl, PSAC_MHAUTH_ID_INIT, PSAC_MHAUTH_BAD_REQUEST);
		hac_log("failed", "from", from, "reason", why, NULL);
		goto out;
	}
	v = psac_mhauth_get(m, "mn-id");
	if (m->identifier != PSAC_MHAUTH_ID_INIT || !v ||
	    !psac_mhauth_get(m, "auth-method") ||
	    strcasecmp(psac_mhauth_get(m, "auth-method"), "psk") ||
	    !rand_hex_ok(psac_mhauth_get(m, "mn-rand"), mn_rand)) {
		refuse(ssl, m->identifier, PSAC_MHAUTH_BAD_REQUEST, v, from,
		       "Init request without Identifier 1, mn-id, auth-method psk and a 16-octet mn-rand");
		goto out;
	}
	mn = find_mn(c, v);
	if (!mn) {
		refuse(ssl, PSAC_MHAUTH_ID_INIT, PSAC_MHAUTH_UNKNOWN_MN, v, from,
		       NULL);
		goto out;
	}
	if (psac_random(hac_rand, sizeof(hac_rand)))
		goto out;
	psac_mhauth_begin(b, PSAC_MHAUTH_ID_INIT);
	psac_mhauth_add_hex(b, "hac-rand", hac_rand, sizeof(hac_rand));
	if (psac_mhauth_end(b, NULL, 0, NULL, NULL, 0) ||
	    psac_mhauth_send(ssl, b)) {
		hac_log("failed", "mn-id", mn->id, "from", from, "reason",
			"cannot send the Init response", NULL);
		goto out;
	}

	/* 2. Done request */
	r = psac_mhauth_recv(ssl, m, &why);
	if (r) {
		if (r == -2)
			refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_BAD_REQUEST,
			       mn->id, from, why);
		else
			hac_log("failed", "mn-id", mn->id, "from", from,
				"reason", why, NULL);
		goto out;
	}
	v = psac_mhauth_get(m, "mn-id");
	if (m->identifier != PSAC_MHAUTH_ID_DONE || !v || strcmp(v, mn->id) ||
	    !psac_mhauth_get(m, "mip6-suitelist")) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_BAD_REQUEST, mn->id,
		       from, "Done request without Identifier 2, the same mn-id and mip6-suitelist");
		goto out;
	}
	r = psac_mhauth_verify(m, mn->psk, mn->psk_len, "MN", h->cb, h->cb_len);
	if (r) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_AUTH_FAILED, mn->id,
		       from, r == -1 ? "no auth header" :
		       r == -2 ? "auth is not 32 hex octets" :
		       "auth does not verify (wrong PSK or another certificate)");
		goto out;
	}
	if (!same_rand(psac_mhauth_get(m, "mn-rand"), mn_rand) ||
	    !same_rand(psac_mhauth_get(m, "hac-rand"), hac_rand)) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_AUTH_FAILED, mn->id,
		       from, "mn-rand/hac-rand are not those of this exchange");
		goto out;
	}
	if (psac_mhauth_suitelist_parse(psac_mhauth_get(m, "mip6-suitelist"),
					offered, 32, &n_off)) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_BAD_REQUEST, mn->id,
		       from, "mip6-suitelist is malformed");
		goto out;
	}

	/* 3. policy */
	pref = mn->n_suites ? mn->suites : c->suites;
	n_pref = mn->n_suites ? mn->n_suites : c->n_suites;
	for (i = 0; i < n_pref && !sa->suite; i++)
		for (j = 0; j < n_off; j++)
			if (pref[i] == offered[j]) {
				sa->suite = psac_mnha_suite_get(pref[i]);
				break;
			}
	if (!sa->suite) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_NO_SUITE, mn->id,
		       from, NULL);
		goto out;
	}
	now = (uint64_t)time(NULL);
	if (mn->have_until) {
		sa->valid_until = mn->valid_until;
	} else {
		uint64_t val = mn->have_validity ? mn->validity : c->validity;

		sa->valid_until = val ? now + val : 0;
	}
	if (sa->valid_until && sa->valid_until <= now) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_EXPIRED, mn->id,
		       from, NULL);
		goto out;
	}
	sa->have_valid = sa->valid_until != 0;

	/* 4. the SA, the home agent's side */
	sa->hoa = mn->tmpl.hoa;
	sa->have_hoa = mn->tmpl.have_hoa;
	sa->hoa4 = mn->tmpl.hoa4;
	sa->have_hoa4 = mn->tmpl.have_hoa4;
	sa->hnp = mn->tmpl.hnp;
	sa->hnp_len = mn->tmpl.hnp_len;
	sa->have_hnp = mn->tmpl.have_hnp;
	sa->hnp4 = mn->tmpl.hnp4;
	sa->hnp4_len = mn->tmpl.hnp4_len;
	sa->have_hnp4 = mn->tmpl.have_hnp4;
	sa->scope = mn->tmpl.have_scope ? mn->tmpl.scope : c->scope;
	sa->have_scope = 1;
	sa->replace = 1;
	for (k = 0; k < PSAC_MNHA_N_KEYS; k++) {
		int is_e = k == PSAC_MNHA_EKEY_MN2HA || k == PSAC_MNHA_EKEY_HA2MN;
		size_t l = is_e ? sa->suite->ekey_len : sa->suite->ikey_len;

		if (!l)
			continue;
		if (psac_random(sa->key[k], l))
			goto out;
		sa->key_len[k] = l;
		sa->have_key[k] = 1;
	}
	for (i = 0; i < 8; i++) {
		do {
			if (psac_random(&sa->spi, sizeof(sa->spi)))
				goto out;
			sa->spi &= PSAC_MNHA_SPI_MASK;
		} while (!sa->spi);
		if (h->no_install) {
			r = 0;
			break;
		}
		if (c->remote) {
			r = remote_push(h, sa, 0, rwhy, sizeof(rwhy));
			break;
		}
		r = psac_mnha_sa_install(h->ifindex, sa, "hac: home agent SA",
					 &err);
		if (!r || err != -EEXIST)
			break;
	}
	if (r) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_HA_FAILED, mn->id,
		       from, c->remote ? rwhy : NULL);
		goto out;
	}
	installed = !h->no_install;

	/* 5. Done response */
	psac_mhauth_begin(b, PSAC_MHAUTH_ID_DONE);
	psac_mhauth_add(b, "status-code", "%u", PSAC_MHAUTH_OK);
	psac_mhauth_add(b, "mn-id", "%s", mn->id);
	psac_mhauth_add_hex(b, "mn-rand", mn_rand, sizeof(mn_rand));
	psac_mhauth_add_hex(b, "hac-rand", hac_rand, sizeof(hac_rand));
	psac_mhauth_add_sa(b, sa, c->have_haa6 ? &c->haa6 : NULL,
			   c->have_haa4 ? &c->haa4 : NULL, c->ha_port);
	if (h->test_bad_auth) {
		/* the auth of a message with one header more */
		psac_mhauth_add(b, "x-test", "1");
	}
	if (psac_mhauth_end(b, mn->psk, mn->psk_len, "HAC", h->cb, h->cb_len))
		goto out;
	if (h->test_bad_auth) {
		/* drop "x-test: 1\r\n" from before the auth line */
		uint8_t *p = memmem(b->buf, b->len, "x-test: 1\r\n", 11);
		size_t cl;

		memmove(p, p + 11, (size_t)(b->buf + b->len - (p + 11)));
		b->len -= 11;
		cl = b->len - PSAC_MHAUTH_HDR_LEN;
		b->buf[2] = (uint8_t)(cl >> 8);
		b->buf[3] = (uint8_t)cl;
	}
	if (psac_mhauth_send(ssl, b)) {
		hac_log("failed", "mn-id", mn->id, "from", from, "reason",
			"cannot send the Done response: the home agent's SA is removed",
			NULL);
		goto out;
	}
	installed = 0;	/* handed over */
	snprintf(spi_s, sizeof(spi_s), "0x%07x", sa->spi);
	if (sa->valid_until)
		snprintf(until_s, sizeof(until_s), "%llu",
			 (unsigned long long)sa->valid_until);
	else
		snprintf(until_s, sizeof(until_s), "never");
	hoa_s[0] = '\0';
	if (sa->have_hoa)
		inet_ntop(AF_INET6, &sa->hoa, hoa_s, sizeof(hoa_s));
	else if (sa->have_hoa4)
		inet_ntop(AF_INET, &sa->hoa4, hoa_s, sizeof(hoa_s));
	hac_log("provisioned", "mn-id", mn->id, "from", from, "spi", spi_s,
		"suite", sa->suite->name, "hoa", hoa_s[0] ? hoa_s : NULL,
		"valid-until", until_s, NULL);
	ret = 0;
out:
	if (installed && c->remote) {
		if (remote_push(h, sa, 1, rwhy, sizeof(rwhy)))
			hac_log("failed", "mn-id", mn->id, "from", from,
				"reason", rwhy, NULL);
	} else if (installed) {
		psac_mnha_sa_remove(h->ifindex, sa->spi, "hac: removing the SA");
	}
	if (sa)
		psac_wipe(sa, sizeof(*sa));
	if (b)
		psac_wipe(b, sizeof(*b));
	if (m)
		psac_wipe(m, sizeof(*m));
	free(sa);
	free(b);
	free(m);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* Server                                                                  */
/* ---------------------------------------------------------------------- */

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int load_cert(struct hac *h, char *err, size_t errlen)
{
	X509 *x;
	unsigned char *der = NULL;
	int len, n;

	h->ctx = psac_tls_ctx(1);
	if (!h->ctx) {
		snprintf(err, errlen, "cannot create the TLS context");
		return -1;
	}
	if (SSL_CTX_use_certificate_chain_file(h->ctx, h->cfg.cert) != 1) {
		char e[200];

		snprintf(err, errlen, "cert %s: %s", h->cfg.cert,
			 psac_tls_error(e, sizeof(e), "cannot load"));
		return -1;
	}
	if (SSL_CTX_use_PrivateKey_file(h->ctx, h->cfg.key, SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_check_private_key(h->ctx) != 1) {
		char e[200];

		snprintf(err, errlen, "key %s: %s", h->cfg.key,
			 psac_tls_error(e, sizeof(e),
					"does not match the certificate"));
		return -1;
	}
	x = SSL_CTX_get0_certificate(h->ctx);
	len = x ? i2d_X509(x, &der) : -1;
	if (len <= 0) {
		snprintf(err, errlen, "cert %s: cannot encode it", h->cfg.cert);
		return -1;
	}
	n = psac_mhauth_cb(der, (size_t)len, h->cb);
	OPENSSL_free(der);
	if (n < 0) {
		snprintf(err, errlen, "cert %s: cannot hash it (tls-server-endpoint)",
			 h->cfg.cert);
		return -1;
	}
	h->cb_len = (size_t)n;
	return 0;
}

static void print_check(const struct hac *h)
{
	const struct hac_config *c = &h->cfg;
	char a[INET6_ADDRSTRLEN], cb[2 * PSAC_MHAUTH_CB_MAX + 1], sl[128];
	const struct hac_mn *m;

	inet_ntop(AF_INET6, &c->listen, a, sizeof(a));
	printf("listen [%s]:%u dev %s ha-port %u\n", a, c->port, c->dev,
	       c->ha_port);
	if (c->have_haa6) {
		inet_ntop(AF_INET6, &c->haa6, a, sizeof(a));
		printf("ha-address %s\n", a);
	}
	if (c->have_haa4) {
		inet_ntop(AF_INET, &c->haa4, a, sizeof(a));
		printf("ha-address %s\n", a);
	}
	if (c->remote) {
		inet_ntop(AF_INET6, &c->r_addr, a, sizeof(a));
		printf("ha-remote [%s]:%u key-id %u psk %zu octets\n", a,
		       c->r_port, c->r_key_id, c->r_psk_len);
	}
	psac_hex_encode(h->cb, h->cb_len, cb);
	printf("cert %s tls-server-endpoint %s\n", c->cert, cb);
	psac_mhauth_suitelist_str(c->suites, c->n_suites, sl, sizeof(sl));
	printf("suites %s validity %llu scope %u\n", sl,
	       (unsigned long long)c->validity, c->scope);
	for (m = c->mns; m; m = m->next) {
		printf("mn %s psk %zu octets", m->id, m->psk_len);
		if (m->tmpl.have_hoa) {
			inet_ntop(AF_INET6, &m->tmpl.hoa, a, sizeof(a));
			printf(" hoa %s", a);
		}
		if (m->tmpl.have_hoa4) {
			inet_ntop(AF_INET, &m->tmpl.hoa4, a, sizeof(a));
			printf(" hoa4 %s", a);
		}
		if (m->n_suites) {
			psac_mhauth_suitelist_str(m->suites, m->n_suites, sl,
						  sizeof(sl));
			printf(" suites %s", sl);
		}
		putchar('\n');
	}
}

enum { OPT_ONCE = 256, OPT_COUNT, OPT_TIMEOUT, OPT_READY, OPT_CHECK,
       OPT_BAD_AUTH, OPT_NOINSTALL };

int cmd_hac(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "once", no_argument, NULL, OPT_ONCE },
		{ "count", required_argument, NULL, OPT_COUNT },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "ready", required_argument, NULL, OPT_READY },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "test-bad-auth", no_argument, NULL, OPT_BAD_AUTH },
		{ "no-install", no_argument, NULL, OPT_NOINSTALL },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *config = NULL, *ready = NULL;
	uint32_t count = 0, timeout = 0;
	int check = 0, bad_auth = 0, no_install = 0, c, fd = -1, one = 1, ret = PSAC_EXIT_FAIL;
	unsigned int served = 0, failed = 0;
	struct sockaddr_in6 sin6;
	long long deadline = 0;
	char err[512];
	struct hac *h;

	if (argc > 1 && !strcmp(argv[1], "help")) {
		help_hac(stdout);
		return PSAC_EXIT_OK;
	}
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case OPT_ONCE:
			count = 1;
			break;
		case OPT_COUNT:
			if (psac_parse_u32(optarg, &count) || !count) {
				psac_err("hac: bad --count '%s'", optarg);
				return PSAC_EXIT_FAIL;
			}
			break;
		case OPT_TIMEOUT:
			if (psac_parse_u32(optarg, &timeout) || !timeout) {
				psac_err("hac: bad --timeout '%s'", optarg);
				return PSAC_EXIT_FAIL;
			}
			break;
		case OPT_READY:
			ready = optarg;
			break;
		case OPT_CHECK:
			check = 1;
			break;
		case OPT_BAD_AUTH:
			bad_auth = 1;
			break;
		case OPT_NOINSTALL:
			no_install = 1;
			break;
		case 'h':
			help_hac(stdout);
			return PSAC_EXIT_OK;
		default:
			fputs("Try 'psac help hac'.\n", stderr);
			return PSAC_EXIT_FAIL;
		}
	}
	if (optind < argc) {
		psac_err("hac: unexpected argument '%s'; see 'psac help hac'",
			 argv[optind]);
		return PSAC_EXIT_FAIL;
	}
	if (!config) {
		psac_err("hac needs -c FILE; see 'psac help hac'");
		return PSAC_EXIT_FAIL;
	}
	h = calloc(1, sizeof(*h));
	if (!h)
		return PSAC_EXIT_FAIL;
	h->r_fd = -1;
	h->test_bad_auth = bad_auth;
	h->no_install = no_install;
	if (config_load(&h->cfg, config, err, sizeof(err))) {
		psac_err("hac: %s: %s", config, err);
		free(h);
		return PSAC_EXIT_FAIL;
	}
	if (load_cert(h, err, sizeof(err))) {
		psac_err("hac: %s", err);
		goto out;
	}
	if (check) {
		print_check(h);
		ret = PSAC_EXIT_OK;
		goto out;
	}
	if (h->cfg.remote && !h->no_install) {
		struct sockaddr_in6 src = { .sin6_family = AF_INET6 };

		h->duid_len = psac_default_duid(h->duid);
		h->r_fd = psac_saconf_socket(&src, NULL, "hac: ha-remote");
		if (h->r_fd < 0)
			goto out;
	} else {
		h->ifindex = if_nametoindex(h->cfg.dev);
	}
	if (!h->ifindex && !h->no_install && !h->cfg.remote) {
		psac_err("hac: no device '%s' (create the home agent's with: ip link add %s type mnha; psac mnha dev set %s role ha)",
			 h->cfg.dev, h->cfg.dev, h->cfg.dev);
		goto out;
	}

	fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		psac_err("hac: socket: %s", strerror(errno));
		goto out;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_addr = h->cfg.listen;
	sin6.sin6_port = htons(h->cfg.port);
	if (bind(fd, (struct sockaddr *)&sin6, sizeof(sin6)) || listen(fd, 8)) {
		inet_ntop(AF_INET6, &h->cfg.listen, err, sizeof(err));
		psac_err("hac: cannot listen on [%s]:%u: %s", err, h->cfg.port,
			 strerror(errno));
		goto out;
	}
	{
		char a[INET6_ADDRSTRLEN], p[8];

		inet_ntop(AF_INET6, &h->cfg.listen, a, sizeof(a));
		snprintf(p, sizeof(p), "%u", h->cfg.port);
		if (psac_opts.json)
			hac_log("listening", "address", a, "port", p, "dev",
				h->cfg.dev, NULL);
		else
			printf("listening [%s]:%s dev %s\n", a, p, h->cfg.dev),
				fflush(stdout);
	}
	if (ready) {
		int rfd = open(ready, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			       0644);

		if (rfd < 0) {
			psac_err("hac: --ready %s: %s", ready, strerror(errno));
			goto out;
		}
		close(rfd);
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	if (timeout)
		deadline = psac_mono_ms() + 1000LL * timeout;
	ret = PSAC_EXIT_OK;
	while (!stop && (!count || served < count)) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct sockaddr_in6 peer;
		socklen_t plen = sizeof(peer);
		char from[INET6_ADDRSTRLEN + 8];
		int wait_ms = -1, cfd;
		SSL *ssl;

		if (deadline) {
			long long left = deadline - psac_mono_ms();

			if (left <= 0) {
				psac_err("hac: --timeout: %u of %u exchanges after %u s",
					 served, count, timeout);
				ret = PSAC_EXIT_TIMEOUT;
				break;
			}
			wait_ms = (int)(left > 1000 ? 1000 : left);
		}
		if (poll(&pfd, 1, wait_ms) <= 0)
			continue;
		cfd = accept4(fd, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC);
		if (cfd < 0)
			continue;
		inet_ntop(AF_INET6, &peer.sin6_addr, from, sizeof(from));
		psac_sock_timeouts(cfd, HAC_TIMEOUT_S);
		ssl = SSL_new(h->ctx);
		if (!ssl || SSL_set_fd(ssl, cfd) != 1) {
			SSL_free(ssl);
			close(cfd);
			continue;
		}
		served++;
		if (SSL_accept(ssl) != 1) {
			char e[200];

			hac_log("failed", "from", from, "reason",
				psac_tls_error(e, sizeof(e),
					       "TLS handshake failed"), NULL);
			failed++;
		} else {
			failed += (unsigned int)exchange(h, ssl, from);
			SSL_shutdown(ssl);
		}
		SSL_free(ssl);
		close(cfd);
	}
	if (ret == PSAC_EXIT_OK && count && failed)
		ret = PSAC_EXIT_FAIL;
out:
	if (fd >= 0)
		close(fd);
	if (h->r_fd >= 0)
		close(h->r_fd);
	SSL_CTX_free(h->ctx);
	config_free(&h->cfg);
	psac_wipe(h, sizeof(*h));
	free(h);
	return ret;
}
