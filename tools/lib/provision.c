// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: server configuration and policy, proposal selection, SPI
 * grants, the result Reply and the requestor's grant check.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crypto.h"
#include "conf.h"
#include "provision.h"
#include "sa_alg.h"
#include "util.h"

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */
/* ---------------------------------------------------------------------- */

size_t psac_duid_en(uint8_t duid[PSAC_DUID_MAX_LEN], const void *seed,
		    size_t seed_len)
{
	uint8_t h[PSAC_SHA256_LEN];

	memset(h, 0, sizeof(h));
	psac_sha256(seed, seed_len, h);
	duid[0] = 0;
	duid[1] = 2;	/* DUID-EN */
	duid[2] = (PSAC_DUID_EN_DOC >> 24) & 0xff;
	duid[3] = (PSAC_DUID_EN_DOC >> 16) & 0xff;
	duid[4] = (PSAC_DUID_EN_DOC >> 8) & 0xff;
	duid[5] = PSAC_DUID_EN_DOC & 0xff;
	memcpy(duid + 6, h, 8);
	return 14;
}

size_t psac_default_duid(uint8_t duid[PSAC_DUID_MAX_LEN])
{
	char host[256] = "psac";

	gethostname(host, sizeof(host) - 1);
	host[sizeof(host) - 1] = '\0';
	return psac_duid_en(duid, host, strlen(host));
}

uint64_t psac_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static const char *proto_str(uint8_t proto, char *buf, size_t len)
{
	switch (proto) {
	case PSAC_PROTO_ESP:
		return "esp";
	case PSAC_PROTO_AH:
		return "ah";
	case PSAC_PROTO_UDP:
		return "udp";
	}
	snprintf(buf, len, "proto-%u", proto);
	return buf;
}

static void lifetime_str(uint32_t l, char *buf, size_t len)
{
	if (l == PSAC_LIFETIME_INFINITE)
		snprintf(buf, len, "infinite");
	else
		snprintf(buf, len, "%u", l);
}

static void alg_str(uint8_t proto, uint8_t mode, uint16_t encr,
		    uint16_t bits, uint16_t integ, uint8_t ulp,
		    uint16_t sport, uint16_t dport, uint32_t lifetime,
		    char *buf, size_t len)
{
	char pb[16], lb[16], ub[8];
	const char *u = psac_ulp_name(ulp);

	if (!u) {
		snprintf(ub, sizeof(ub), "%u", ulp);
		u = ub;
	}
	lifetime_str(lifetime, lb, sizeof(lb));
	snprintf(buf, len, "%s %s %s/%u integ %s ulp %s sport %u dport %u lifetime %s",
		 proto_str(proto, pb, sizeof(pb)), psac_mode_name(mode),
		 psac_encr_name(encr), bits, psac_integ_name(integ), u, sport,
		 dport, lb);
}

void psac_sa_params_str(const struct psac_sa_params *p, char *buf,
			size_t len)
{
	alg_str(p->protocol, p->mode, p->encr_alg, p->encr_key_bits,
		p->integ_alg, p->ulp, p->sport, p->dport, p->lifetime, buf,
		len);
}

void psac_req_params_str(const struct psac_req_params *r, char *buf,
			 size_t len)
{
	alg_str(r->protocol, r->mode, r->encr_alg, r->encr_key_bits,
		r->integ_alg, r->ulp, r->sport, r->dport, r->lifetime, buf,
		len);
}

static int is_aead(uint16_t encr)
{
	const struct psac_encr *e = psac_encr_get(encr);

	return e && e->aead;
}

/* ---------------------------------------------------------------------- */
/* Configuration                                                           */
/* ---------------------------------------------------------------------- */

#define BITS_ANY	0xffff

static void ulp_set(uint32_t *set, uint8_t ulp)
{
	set[ulp / 32] |= 1U << (ulp % 32);
}

static int ulp_isset(const uint32_t *set, uint8_t ulp)
{
	return !!(set[ulp / 32] & (1U << (ulp % 32)));
}

static void policy_defaults(struct psac_srv_policy *p)
{
	static const struct psac_srv_encr encr[] = {
		{ PSAC_ENCR_AES_GCM_16, 128 },
		{ PSAC_ENCR_AES_GCM_16, 256 },
		{ PSAC_ENCR_CHACHA20_POLY1305, BITS_ANY },
		{ PSAC_ENCR_AES_CBC, 128 },
		{ PSAC_ENCR_AES_CBC, 256 },
	};

	memset(p, 0, sizeof(*p));
	memcpy(p->encr, encr, sizeof(encr));
	p->n_encr = sizeof(encr) / sizeof(encr[0]);
	p->integ[0] = PSAC_INTEG_HMAC_SHA2_256_128;
	p->integ[1] = PSAC_INTEG_HMAC_SHA1_96;
	p->n_integ = 2;
	p->modes = 1U << PSAC_MODE_TRANSPORT | 1U << PSAC_MODE_TUNNEL;
	ulp_set(p->ulps, PSAC_ULP_ANY);
	ulp_set(p->ulps, PSAC_ULP_TCP);
	ulp_set(p->ulps, PSAC_ULP_UDP);
	ulp_set(p->ulps, PSAC_ULP_ICMPV6);
	ulp_set(p->ulps, PSAC_ULP_MH);
	p->lifetime_default = PSAC_SRV_LIFETIME;
	p->lifetime_max = PSAC_LIFETIME_INFINITE;
	p->spi_min = PSAC_SRV_SPI_MIN;
	p->spi_max = PSAC_SRV_SPI_MAX;
}

void psac_srv_config_init(struct psac_srv_config *c)
{
	memset(c, 0, sizeof(*c));
	c->listen = in6addr_any;
	c->port = PSAC_DHCP6_SERVER_PORT;
	c->retries = PSAC_SRV_RETRIES;
	c->interval_s = PSAC_SRV_INTERVAL_S;
	policy_defaults(&c->pol);
}

void psac_srv_config_wipe(struct psac_srv_config *c)
{
	unsigned int i;

	for (i = 0; i < PSAC_SRV_MAX_TARGETS; i++)
		psac_wipe(c->targets[i].psk, sizeof(c->targets[i].psk));
}

struct psac_srv_target *psac_srv_find_target(struct psac_srv_config *c,
					     const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < c->n_targets; i++)
		if (!memcmp(&c->targets[i].addr, addr, sizeof(*addr)))
			return &c->targets[i];
	return NULL;
}

struct cfg_parser {
	struct psac_conf cf;
	struct psac_srv_config *c;
	int seen_encr, seen_integ, seen_mode, seen_ulp;
};

#define perr(ps, ...) psac_conf_err(&(ps)->cf, __VA_ARGS__)

static int parse_lifetime(const char *s, uint32_t *out)
{
	if (!strcmp(s, "infinite")) {
		*out = PSAC_LIFETIME_INFINITE;
		return 0;
	}
	return psac_parse_u32(s, out) || *out == 0 ? -1 : 0;
}

static int kw_listen(struct cfg_parser *ps, char **w, int n)
{
	struct psac_srv_config *c = ps->c;
	int i;

	if (n < 2)
		return perr(ps, "listen needs an address (or 'any')");
	if (!strcmp(w[1], "any"))
		c->listen = in6addr_any;
	else if (inet_pton(AF_INET6, w[1], &c->listen) != 1)
		return perr(ps, "listen: bad IPv6 address '%s'", w[1]);
	for (i = 2; i < n; i += 2) {
		if (i + 1 >= n)
			return perr(ps, "listen: '%s' needs a value", w[i]);
		if (!strcmp(w[i], "port")) {
			if (psac_parse_u16(w[i + 1], &c->port) || !c->port)
				return perr(ps, "listen: bad port '%s' (1..65535)",
					    w[i + 1]);
		} else if (!strcmp(w[i], "dev")) {
			if (strlen(w[i + 1]) >= sizeof(c->dev))
				return perr(ps, "listen: interface name '%s' too long",
					    w[i + 1]);
			snprintf(c->dev, sizeof(c->dev), "%s", w[i + 1]);
		} else {
			return perr(ps, "listen: unknown keyword '%s' (port, dev)",
				    w[i]);
		}
	}
	return 0;
}

static int kw_target(struct cfg_parser *ps, char **w, int n)
{
	struct psac_srv_config *c = ps->c;
	struct psac_srv_target *t;
	const char *psk_file = NULL;
	char path[4096];
	int i, have_key_id = 0;
	long l;

	if (n < 2)
		return perr(ps, "target needs an address");
	if (c->n_targets >= PSAC_SRV_MAX_TARGETS)
		return perr(ps, "more than %d targets", PSAC_SRV_MAX_TARGETS);
	t = &c->targets[c->n_targets];
	memset(t, 0, sizeof(*t));
	t->port = PSAC_DHCP6_CLIENT_PORT;
	t->line = ps->cf.line;
	if (inet_pton(AF_INET6, w[1], &t->addr) != 1)
		return perr(ps, "target: bad IPv6 address '%s'", w[1]);
	if (IN6_IS_ADDR_UNSPECIFIED(&t->addr) || IN6_IS_ADDR_MULTICAST(&t->addr) ||
	    IN6_IS_ADDR_LINKLOCAL(&t->addr) || IN6_IS_ADDR_V4MAPPED(&t->addr))
		return perr(ps, "target: %s is not a unicast address an SA can use (link-local, multicast, :: and v4-mapped are not)",
			    w[1]);
	if (psac_srv_find_target(c, &t->addr))
		return perr(ps, "target %s is configured twice", w[1]);
	for (i = 2; i < n; i += 2) {
		if (i + 1 >= n)
			return perr(ps, "target: '%s' needs a value", w[i]);
		if (!strcmp(w[i], "key-id")) {
			if (psac_parse_u32(w[i + 1], &t->key_id))
				return perr(ps, "target: bad key-id '%s' (0..4294967295)",
					    w[i + 1]);
			have_key_id = 1;
		} else if (!strcmp(w[i], "psk-file")) {
			psk_file = w[i + 1];
		} else if (!strcmp(w[i], "realm")) {
			t->realm_len = strlen(w[i + 1]);
			if (t->realm_len > PSAC_REALM_MAX_LEN)
				return perr(ps, "target: realm longer than %d octets",
					    PSAC_REALM_MAX_LEN);
			memcpy(t->realm, w[i + 1], t->realm_len);
		} else if (!strcmp(w[i], "port")) {
			if (psac_parse_u16(w[i + 1], &t->port) || !t->port)
				return perr(ps, "target: bad port '%s' (1..65535)",
					    w[i + 1]);
		} else {
			return perr(ps, "target: unknown keyword '%s' (key-id, psk-file, realm, port)",
				    w[i]);
		}
	}
	if (!have_key_id || !psk_file)
		return perr(ps, "target %s needs key-id and psk-file", w[1]);
	if (psk_file[0] != '/' && ps->cf.dir && strcmp(ps->cf.dir, "."))
		snprintf(path, sizeof(path), "%s/%s", ps->cf.dir, psk_file);
	else
		snprintf(path, sizeof(path), "%s", psk_file);
	l = psac_read_key_file(path, t->psk, PSAC_PSK_MIN_LEN,
			       PSAC_PSK_MAX_LEN);
	if (l == -EMSGSIZE)
		return perr(ps, "target %s: %s: a PSK has %d to %d octets",
			    w[1], path, PSAC_PSK_MIN_LEN, PSAC_PSK_MAX_LEN);
	if (l < 0)
		return perr(ps, "target %s: %s: %s", w[1], path,
			    strerror((int)-l));
	t->psk_len = (size_t)l;
	c->n_targets++;
	return 0;
}

/* ALG or ALG/BITS: an encryption algorithm psac can size KEYMAT for */
static int parse_encr(struct cfg_parser *ps, const char *s,
		      struct psac_srv_encr *e)
{
	char name[64], *slash;
	size_t el, al;
	int v;

	snprintf(name, sizeof(name), "%s", s);
	slash = strchr(name, '/');
	e->bits = BITS_ANY;
	if (slash) {
		*slash++ = '\0';
		if (psac_parse_u16(slash, &e->bits))
			return perr(ps, "allow encr: bad key size in '%s'", s);
	}
	v = psac_encr_from_name(name);
	if (v < 0)
		return perr(ps, "allow encr: unknown algorithm '%s' (aes-gcm-16, aes-cbc, chacha20-poly1305, 3des, null)",
			    name);
	e->alg = (uint16_t)v;
	if (e->bits != BITS_ANY &&
	    psac_keymat_layout(e->alg, e->bits,
			       is_aead(e->alg) ? PSAC_INTEG_NONE :
			       PSAC_INTEG_HMAC_SHA1_96, &el, &al))
		return perr(ps, "allow encr: %s does not come with %u-bit keys",
			    psac_encr_name(e->alg), e->bits);
	return 0;
}

static int kw_allow(struct cfg_parser *ps, char **w, int n)
{
	struct psac_srv_policy *p = &ps->c->pol;
	int i, v;

	if (n < 3)
		return perr(ps, "allow needs a kind (encr, integ, mode, ulp) and values");
	if (!strcmp(w[1], "encr")) {
		if (!ps->seen_encr++)
			p->n_encr = 0;
		for (i = 2; i < n; i++) {
			if (p->n_encr >= PSAC_SRV_MAX_ALGS)
				return perr(ps, "allow encr: more than %d entries",
					    PSAC_SRV_MAX_ALGS);
			if (parse_encr(ps, w[i], &p->encr[p->n_encr]))
				return -1;
			p->n_encr++;
		}
	} else if (!strcmp(w[1], "integ")) {
		if (!ps->seen_integ++)
			p->n_integ = 0;
		for (i = 2; i < n; i++) {
			v = psac_integ_from_name(w[i]);
			if (v < 0 || v == PSAC_INTEG_NONE ||
			    !strcmp(psac_integ_name((uint16_t)v), "unknown"))
				return perr(ps, "allow integ: unknown algorithm '%s' (hmac-sha2-256-128, hmac-sha1-96, aes-xcbc-96; 'none' goes with AEAD by itself)",
					    w[i]);
			if (p->n_integ >= PSAC_SRV_MAX_ALGS)
				return perr(ps, "allow integ: more than %d entries",
					    PSAC_SRV_MAX_ALGS);
			p->integ[p->n_integ++] = (uint16_t)v;
		}
	} else if (!strcmp(w[1], "mode")) {
		if (!ps->seen_mode++)
			p->modes = 0;
		for (i = 2; i < n; i++) {
			if (!strcmp(w[i], "transport"))
				p->modes |= 1U << PSAC_MODE_TRANSPORT;
			else if (!strcmp(w[i], "tunnel"))
				p->modes |= 1U << PSAC_MODE_TUNNEL;
			else
				return perr(ps, "allow mode: '%s' (transport, tunnel)",
					    w[i]);
		}
	} else if (!strcmp(w[1], "ulp")) {
		if (!ps->seen_ulp++)
			memset(p->ulps, 0, sizeof(p->ulps));
		for (i = 2; i < n; i++) {
			v = psac_ulp_from_name(w[i]);
			if (v < 0)
				return perr(ps, "allow ulp: '%s' (any, tcp, udp, icmpv6, mh or a number)",
					    w[i]);
			ulp_set(p->ulps, (uint8_t)v);
		}
	} else {
		return perr(ps, "allow: unknown kind '%s' (encr, integ, mode, ulp)",
			    w[1]);
	}
	return 0;
}

static int kw_lifetime(struct cfg_parser *ps, char **w, int n)
{
	struct psac_srv_policy *p = &ps->c->pol;
	int i;

	if (n < 3 || n % 2 == 0)
		return perr(ps, "lifetime needs 'default S' and/or 'max S'");
	for (i = 1; i < n; i += 2) {
		uint32_t *dst;

		if (!strcmp(w[i], "default"))
			dst = &p->lifetime_default;
		else if (!strcmp(w[i], "max"))
			dst = &p->lifetime_max;
		else
			return perr(ps, "lifetime: unknown keyword '%s' (default, max)",
				    w[i]);
		if (parse_lifetime(w[i + 1], dst))
			return perr(ps, "lifetime: bad %s '%s' (seconds 1..4294967294 or 'infinite')",
				    w[i], w[i + 1]);
	}
	if (p->lifetime_default > p->lifetime_max)
		return perr(ps, "lifetime: default is longer than max");
	return 0;
}

static int kw_simple(struct cfg_parser *ps, char **w, int n)
{
	struct psac_srv_config *c = ps->c;
	uint32_t v, hi;
	long l;

	if (!strcmp(w[0], "server-duid")) {
		if (n != 2)
			return perr(ps, "server-duid needs one value (hex or 'auto')");
		if (!strcmp(w[1], "auto")) {
			c->duid_len = 0;
			return 0;
		}
		l = psac_hex_decode(w[1], c->duid, sizeof(c->duid));
		if (l < 2)
			return perr(ps, "server-duid: bad DUID '%s' (hex, 2..130 octets)",
				    w[1]);
		c->duid_len = (size_t)l;
	} else if (!strcmp(w[0], "retries")) {
		if (n != 2 || psac_parse_u32(w[1], &v) || v > 100)
			return perr(ps, "retries needs a number 0..100");
		c->retries = v;
	} else if (!strcmp(w[0], "retransmit-interval")) {
		if (n != 2 || psac_parse_u32(w[1], &v) || !v || v > 60)
			return perr(ps, "retransmit-interval needs seconds 1..60");
		c->interval_s = v;
	} else if (!strcmp(w[0], "spi-range")) {
		if (n != 3 || psac_parse_u32(w[1], &v) ||
		    psac_parse_u32(w[2], &hi))
			return perr(ps, "spi-range needs MIN MAX (32-bit numbers)");
		if (v < PSAC_ESP_SPI_MIN || hi < v || hi - v < 255)
			return perr(ps, "spi-range: MIN at least 256, MAX at least MIN + 255");
		c->pol.spi_min = v;
		c->pol.spi_max = hi;
	} else {
		return perr(ps, "unknown keyword '%s'", w[0]);
	}
	return 0;
}

static int kw_stmt(struct psac_conf *cf, char **w, int n, void *ctx)
{
	struct cfg_parser *ps = ctx;

	if (!strcmp(w[0], "listen"))
		return kw_listen(ps, w, n);
	if (!strcmp(w[0], "target"))
		return kw_target(ps, w, n);
	if (!strcmp(w[0], "allow"))
		return kw_allow(ps, w, n);
	if (!strcmp(w[0], "lifetime"))
		return kw_lifetime(ps, w, n);
	(void)cf;
	return kw_simple(ps, w, n);
}

/* What the whole file must say. */
static int config_check(struct cfg_parser *ps)
{
	if (!ps->c->pol.n_encr || !ps->c->pol.modes)
		return perr(ps, "the policy allows no encryption or no mode");
	return 0;
}

int psac_srv_config_parse(struct psac_srv_config *c, const char *text,
			  const char *dir, char *err, size_t errlen)
{
	struct cfg_parser ps = { .cf = { dir, 0, err, errlen }, .c = c };

	if (psac_conf_parse(&ps.cf, text, kw_stmt, &ps))
		return -1;
	return config_check(&ps);
}

int psac_srv_config_load(struct psac_srv_config *c, const char *path,
			 char *err, size_t errlen)
{
	struct cfg_parser ps = { .cf = { NULL, 0, err, errlen }, .c = c };

	if (psac_conf_load(&ps.cf, path, kw_stmt, &ps))
		return -1;
	return config_check(&ps);
}

/* ---------------------------------------------------------------------- */
/* Proposal selection                                                      */
/* ---------------------------------------------------------------------- */

static int encr_allowed(const struct psac_srv_policy *pol, uint16_t alg,
			uint16_t bits)
{
	unsigned int i;

	for (i = 0; i < pol->n_encr; i++) {
		if (pol->encr[i].alg != alg)
			continue;
		if (pol->encr[i].bits == BITS_ANY || pol->encr[i].bits == bits)
			return 1;
		/* RFC 7634: ChaCha20's key size attribute may be absent */
		if (alg == PSAC_ENCR_CHACHA20_POLY1305 && !bits &&
		    pol->encr[i].bits == 256)
			return 1;
	}
	return 0;
}

static int integ_allowed(const struct psac_srv_policy *pol, uint16_t integ)
{
	unsigned int i;

	for (i = 0; i < pol->n_integ; i++)
		if (pol->integ[i] == integ)
			return 1;
	return 0;
}

static int selectors_ok(const struct psac_req_params *r)
{
	switch (r->ulp) {
	case PSAC_ULP_ANY:
		return !r->sport && !r->dport;
	case PSAC_ULP_ICMPV6:
		return r->sport <= 0xff && r->dport <= 0xff;
	case PSAC_ULP_MH:
		return r->sport <= 0xff && !r->dport;
	default:
		return 1;
	}
}

/* 0 acceptable, else the status with why filled in */
static uint16_t check_proposal(const struct psac_srv_policy *pol,
			       const struct psac_req_params *r,
			       char *why, size_t len, size_t *keymat_len)
{
	size_t e, a;

	if (r->lifetime == 0) {
		snprintf(why, len, "lifetime 0 (a release) among proposals");
		return PSAC_STATUS_SA_REQ_UNSUPPORTED;
	}
	if (r->protocol != PSAC_PROTO_ESP) {
		snprintf(why, len, "protocol %u: only ESP (50) is provisioned",
			 r->protocol);
		return PSAC_STATUS_SA_REQ_UNSUPPORTED;
	}
	if (r->mode >= 32 || !(pol->modes & (1U << r->mode))) {
		snprintf(why, len, "mode %s (%u) not allowed",
			 psac_mode_name(r->mode), r->mode);
		return PSAC_STATUS_SA_REQ_UNSUPPORTED;
	}
	if (!ulp_isset(pol->ulps, r->ulp)) {
		snprintf(why, len, "upper-layer protocol %u not allowed",
			 r->ulp);
		return PSAC_STATUS_SA_REQ_UNSUPPORTED;
	}
	if (!selectors_ok(r)) {
		snprintf(why, len, "ports/types %u/%u are not valid for ulp %u",
			 r->sport, r->dport, r->ulp);
		return PSAC_STATUS_SA_REQ_UNSUPPORTED;
	}
	if (r->flags) {
		snprintf(why, len, "flags 0x%04x (ESN) not supported",
			 r->flags);
		return PSAC_STATUS_ALG_NOT_SUPPORTED;
	}
	if (!encr_allowed(pol, r->encr_alg, r->encr_key_bits)) {
		snprintf(why, len, "encryption %s (%u) with %u-bit keys not allowed",
			 psac_encr_name(r->encr_alg), r->encr_alg,
			 r->encr_key_bits);
		return PSAC_STATUS_ALG_NOT_SUPPORTED;
	}
	if (is_aead(r->encr_alg) ? r->integ_alg != PSAC_INTEG_NONE :
	    !integ_allowed(pol, r->integ_alg)) {
		snprintf(why, len, "integrity %s (%u) not allowed with %s",
			 psac_integ_name(r->integ_alg), r->integ_alg,
			 psac_encr_name(r->encr_alg));
		return PSAC_STATUS_ALG_NOT_SUPPORTED;
	}
	if (psac_keymat_layout(r->encr_alg, r->encr_key_bits, r->integ_alg,
			       &e, &a)) {
		snprintf(why, len, "cannot size KEYMAT for %s/%u with %s",
			 psac_encr_name(r->encr_alg), r->encr_key_bits,
			 psac_integ_name(r->integ_alg));
		return PSAC_STATUS_ALG_NOT_SUPPORTED;
	}
	*keymat_len = 2 * (e + a);
	return PSAC_STATUS_SUCCESS;
}

int psac_srv_select(const struct psac_srv_policy *pol,
		    const struct psac_sareq_in *rq, struct psac_selection *sel)
{
	int alg_fail = 0;
	unsigned int i;

	memset(sel, 0, sizeof(*sel));
	sel->index = -1;
	for (i = 0; i < rq->nparams; i++) {
		const struct psac_req_params *r = &rq->params[i];
		char why[128];
		uint16_t st;
		size_t kl = 0;

		st = check_proposal(pol, r, why, sizeof(why), &kl);
		if (st == PSAC_STATUS_SUCCESS) {
			struct psac_sa_params *p = &sel->p;

			sel->index = (int)i;
			sel->status = PSAC_STATUS_SUCCESS;
			sel->why[0] = '\0';
			sel->keymat_len = kl;
			p->protocol = r->protocol;
			p->mode = r->mode;
			p->encr_alg = r->encr_alg;
			p->encr_key_bits = r->encr_key_bits;
			p->integ_alg = r->integ_alg;
			p->ulp = r->ulp;
			p->sport = r->sport;
			p->dport = r->dport;
			if (r->lifetime == PSAC_LIFETIME_INFINITE)
				p->lifetime = pol->lifetime_default;
			else
				p->lifetime = r->lifetime;
			if (p->lifetime > pol->lifetime_max)
				p->lifetime = pol->lifetime_max;
			return 0;
		}
		if (st == PSAC_STATUS_ALG_NOT_SUPPORTED)
			alg_fail = 1;
		if (!i)
			snprintf(sel->why, sizeof(sel->why), "proposal 1%s: %s",
				 rq->nparams > 1 ? " (first of several)" : "",
				 why);
	}
	if (!rq->nparams)
		snprintf(sel->why, sizeof(sel->why), "no proposal");
	sel->status = alg_fail ? PSAC_STATUS_ALG_NOT_SUPPORTED :
		      PSAC_STATUS_SA_REQ_UNSUPPORTED;
	return -1;
}

/* ---------------------------------------------------------------------- */
/* Grants                                                                  */
/* ---------------------------------------------------------------------- */

static int addr_eq(const struct in6_addr *a, const struct in6_addr *b)
{
	return !memcmp(a, b, sizeof(*a));
}

void psac_grants_expire(struct psac_grants *t, long long now_ms)
{
	unsigned int i;

	for (i = 0; i < PSAC_MAX_GRANTS; i++)
		if (t->g[i].used && t->g[i].expires_ms &&
		    t->g[i].expires_ms <= now_ms)
			psac_grant_release(&t->g[i]);
}

void psac_grant_release(struct psac_grant *g)
{
	memset(g, 0, sizeof(*g));
}

/* is SPI taken for SAs whose destination is dst? */
static int spi_taken(const struct psac_grants *t, const struct in6_addr *dst,
		     uint32_t spi)
{
	unsigned int i;

	for (i = 0; i < PSAC_MAX_GRANTS; i++) {
		const struct psac_grant *g = &t->g[i];

		if (!g->used)
			continue;
		if (g->p.spi_i2r == spi && addr_eq(&g->target, dst))
			return 1;
		if (g->p.spi_r2i == spi && addr_eq(&g->requestor, dst))
			return 1;
	}
	return 0;
}

static int pick_spi(const struct psac_grants *t,
		    const struct psac_srv_policy *pol,
		    const struct in6_addr *dst, uint32_t *spi)
{
	uint64_t range = (uint64_t)pol->spi_max - pol->spi_min + 1, off;
	unsigned int tries;
	uint32_t r = 0;

	for (tries = 0; tries < 16; tries++) {
		if (psac_random(&r, sizeof(r)))
			return -1;
		*spi = pol->spi_min + (uint32_t)(r % range);
		if (!spi_taken(t, dst, *spi))
			return 0;
	}
	/* a crowded range: walk on from the last draw */
	for (off = 1; off < range && off <= 65536; off++) {
		*spi = pol->spi_min + (uint32_t)((r % range + off) % range);
		if (!spi_taken(t, dst, *spi))
			return 0;
	}
	return -1;
}

struct psac_grant *psac_grants_reserve(struct psac_grants *t,
				       const struct psac_srv_policy *pol,
				       const struct in6_addr *requestor,
				       const struct in6_addr *target,
				       const struct psac_sa_params *p,
				       uint32_t want_r2i)
{
	struct psac_grant *g = NULL;
	uint32_t i2r, r2i;
	unsigned int i;

	for (i = 0; i < PSAC_MAX_GRANTS && !g; i++)
		if (!t->g[i].used)
			g = &t->g[i];
	if (!g)
		return NULL;
	if (want_r2i >= PSAC_ESP_SPI_MIN && !spi_taken(t, requestor, want_r2i))
		r2i = want_r2i;
	else if (pick_spi(t, pol, requestor, &r2i))
		return NULL;
	if (pick_spi(t, pol, target, &i2r))
		return NULL;
	memset(g, 0, sizeof(*g));
	g->used = 1;
	g->requestor = *requestor;
	g->target = *target;
	g->p = *p;
	g->p.spi_i2r = i2r;
	g->p.spi_r2i = r2i;
	return g;
}

unsigned int psac_grants_supersede(struct psac_grants *t,
				   const struct psac_grant *g)
{
	unsigned int i, n = 0;

	for (i = 0; i < PSAC_MAX_GRANTS; i++) {
		struct psac_grant *o = &t->g[i];

		if (o == g || !o->used || !o->confirmed ||
		    !addr_eq(&o->requestor, &g->requestor) ||
		    !addr_eq(&o->target, &g->target) ||
		    o->p.protocol != g->p.protocol || o->p.mode != g->p.mode ||
		    o->p.ulp != g->p.ulp || o->p.sport != g->p.sport ||
		    o->p.dport != g->p.dport)
			continue;
		psac_grant_release(o);
		n++;
	}
	return n;
}

struct psac_grant *psac_grants_find(struct psac_grants *t,
				    const struct in6_addr *requestor,
				    const struct in6_addr *target,
				    uint32_t spi_r2i)
{
	unsigned int i;

	for (i = 0; i < PSAC_MAX_GRANTS; i++) {
		struct psac_grant *g = &t->g[i];

		if (g->used && g->confirmed && g->p.spi_r2i == spi_r2i &&
		    addr_eq(&g->requestor, requestor) &&
		    addr_eq(&g->target, target))
			return g;
	}
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* Result Reply                                                            */
/* ---------------------------------------------------------------------- */

void psac_sareq_echo(const struct psac_sareq_in *rq, struct psac_sa_params *p)
{
	memset(p, 0, sizeof(*p));
	p->peer = rq->target;
	if (rq->nparams) {
		const struct psac_req_params *r = &rq->params[0];

		p->protocol = r->protocol;
		p->mode = r->mode;
		p->encr_alg = r->encr_alg;
		p->encr_key_bits = r->encr_key_bits;
		p->integ_alg = r->integ_alg;
		p->ulp = r->ulp;
		p->lifetime = r->lifetime;
		p->sport = r->sport;
		p->dport = r->dport;
	}
}

int psac_build_result_reply(uint8_t *buf, size_t cap, size_t *len,
			    uint32_t xid,
			    const uint8_t *serverid, size_t serverid_len,
			    const uint8_t *clientid, size_t clientid_len,
			    const uint8_t rcpt_pub[PSAC_X25519_KEY_LEN],
			    const struct psac_sa_result_out *res,
			    unsigned int nres, uint16_t status,
			    const char *status_msg)
{
	struct psac_wbuf w;
	unsigned int i;
	size_t o;
	int ret;

	if (!serverid || serverid_len < 2 || serverid_len > PSAC_DUID_MAX_LEN ||
	    (clientid && (clientid_len < 2 ||
			  clientid_len > PSAC_DUID_MAX_LEN)) || (nres && !res) ||
	    nres > PSAC_MSG_MAX_SA || xid > 0xffffff)
		return -EINVAL;
	for (i = 0; i < nres; i++)
		if (res[i].with_key && !rcpt_pub)
			return -EINVAL;

	psac_wbuf_init(&w, buf, cap);
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_REPLY, xid);
	psac_wbuf_opt(&w, PSAC_DHCP6_OPT_SERVERID, serverid, serverid_len);
	if (clientid)
		psac_wbuf_opt(&w, PSAC_DHCP6_OPT_CLIENTID, clientid,
			     clientid_len);
	if (status != PSAC_STATUS_SUCCESS || status_msg)
		psac_wbuf_status(&w, status, status_msg);
	if (nres) {
		o = psac_wbuf_opt_begin(&w, PSAC_OPT_SA_LIST);
		for (i = 0; i < nres; i++) {
			if (res[i].with_key) {
				ret = psac_put_sa_x25519(&w, &res[i].p, xid,
							 rcpt_pub,
							 res[i].keymat,
							 res[i].keymat_len);
				if (ret)
					return ret;
			} else {
				struct psac_sa_params q = res[i].p;

				q.key_prot_alg = 0;
				psac_put_sa_echo(&w, &q);
			}
			psac_wbuf_status(&w, res[i].status, res[i].msg);
		}
		psac_wbuf_opt_end(&w, o);
	}
	if (w.err)
		return w.err;
	*len = w.len;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Requestor                                                               */
/* ---------------------------------------------------------------------- */

int psac_req_match_grant(const struct psac_req_params *props, unsigned int n,
			 const struct in6_addr *target,
			 const struct psac_sa_params *got, size_t keymat_len,
			 const char **why)
{
	unsigned int i;
	size_t e, a;

	if (!addr_eq(&got->peer, target)) {
		*why = "the SA's Peer-Address is not the target asked for";
		return -1;
	}
	if (got->spi_i2r < PSAC_ESP_SPI_MIN || got->spi_r2i < PSAC_ESP_SPI_MIN) {
		*why = "an SPI below 256";
		return -1;
	}
	if (got->lifetime == 0) {
		*why = "lifetime 0 in a grant";
		return -1;
	}
	*why = "the parameters match none of the proposals";
	for (i = 0; i < n; i++) {
		const struct psac_req_params *r = &props[i];

		if (r->protocol != got->protocol || r->mode != got->mode ||
		    r->encr_alg != got->encr_alg ||
		    r->encr_key_bits != got->encr_key_bits ||
		    r->integ_alg != got->integ_alg || r->ulp != got->ulp ||
		    r->sport != got->sport || r->dport != got->dport)
			continue;
		if (r->lifetime != PSAC_LIFETIME_INFINITE &&
		    got->lifetime > r->lifetime) {
			*why = "a longer lifetime than asked for";
			continue;
		}
		if (psac_keymat_layout(got->encr_alg, got->encr_key_bits,
				       got->integ_alg, &e, &a) ||
		    keymat_len != 2 * (e + a)) {
			*why = "a KEYMAT of the wrong size for the algorithms";
			return -1;
		}
		*why = NULL;
		return (int)i;
	}
	return -1;
}
