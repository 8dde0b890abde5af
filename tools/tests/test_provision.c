// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Tests for tools/lib/provision.c: the server's configuration file, proposal
 * selection, SPI grants, the Information-Request -> selection -> Reply
 * with SA_LIST round trip, the requestor's ECIES unwrap of its copy and
 * its check of the grant against the proposals.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto.h"
#include "dhcp6msg.h"
#include "provision.h"
#include "util.h"
#include "tap.h"

static char tmpdir[] = "/tmp/psac-test-provision.XXXXXX";

static void write_text(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static struct in6_addr a6(const char *s)
{
	struct in6_addr a;

	if (inet_pton(AF_INET6, s, &a) != 1) {
		fprintf(stderr, "bad address in test: %s\n", s);
		exit(2);
	}
	return a;
}

static struct psac_srv_config cfg;
static char err[512];

static int parse(const char *text)
{
	psac_srv_config_init(&cfg);
	return psac_srv_config_parse(&cfg, text, tmpdir, err, sizeof(err));
}

static int parse_fails(const char *text, const char *want)
{
	int ok = parse(text) == -1 && strstr(err, want) != NULL;

	if (!ok)
		tap_diag("error: '%s' (want '%s')", err, want);
	return ok;
}

/* ---------------------------------------------------------------------- */
/* Configuration                                                           */
/* ---------------------------------------------------------------------- */

static void test_config(void)
{
	static const uint8_t psk32[32] = {
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
		18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	};
	struct in6_addr t1 = a6("2001:db8:2::1");
	struct psac_srv_target *t;
	int ret;

	write_text("psk1", "000102030405060708090a0b0c0d0e0f"
			   "101112131415161718191a1b1c1d1e1f\n");
	write_text("short", "0001020304\n");

	psac_srv_config_init(&cfg);
	tap_ok(IN6_IS_ADDR_UNSPECIFIED(&cfg.listen) && cfg.port == 547 &&
	       cfg.retries == 8 && cfg.interval_s == 2 &&
	       cfg.pol.lifetime_default == 3600 &&
	       cfg.pol.lifetime_max == PSAC_LIFETIME_INFINITE &&
	       cfg.pol.spi_min == 0x1000 && cfg.pol.n_encr == 5 &&
	       cfg.pol.n_integ == 2 && !cfg.n_targets,
	       "defaults: [::]:547, 8 retries every 2 s, lifetime 3600, 5 ciphers");

	ret = parse("# a comment\n"
		    "\n"
		    "listen 2001:db8:1::2 port 1547 dev eth0   # trailing\n"
		    "server-duid 00030001020304050607\n"
		    "retries 3\n"
		    "retransmit-interval 1\n"
		    "target 2001:db8:2::1 key-id 7 psk-file psk1 realm \"my lab\" port 1546\n"
		    "target 2001:db8:3::1 key-id 4294967295 psk-file psk1\n"
		    "allow encr aes-gcm-16/256 chacha20-poly1305\n"
		    "allow encr aes-cbc/128\n"
		    "allow integ hmac-sha1-96\n"
		    "allow mode transport\n"
		    "allow ulp udp icmpv6\n"
		    "lifetime default 600 max 7200\n"
		    "spi-range 0x100 0x1ff\n");
	if (ret)
		tap_diag("%s", err);
	t = psac_srv_find_target(&cfg, &t1);
	tap_ok(ret == 0 && cfg.port == 1547 && !strcmp(cfg.dev, "eth0") &&
	       !memcmp(&cfg.listen, &(struct in6_addr){ { { 0x20, 1, 0xd, 0xb8,
	       0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 } } }, 16) &&
	       cfg.duid_len == 10 && cfg.retries == 3 && cfg.interval_s == 1,
	       "listen, server-duid, retries, retransmit-interval parsed");
	tap_ok(cfg.n_targets == 2 && t && t->key_id == 7 && t->port == 1546 &&
	       t->psk_len == 32 && !memcmp(t->psk, psk32, 32) &&
	       t->realm_len == 6 && !memcmp(t->realm, "my lab", 6) &&
	       t->line == 7 && cfg.targets[1].key_id == 0xffffffffU &&
	       cfg.targets[1].port == 546 && !cfg.targets[1].realm_len,
	       "targets: key-id, PSK from a file relative to the config, quoted realm, port");
	tap_ok(cfg.pol.n_encr == 3 &&
	       cfg.pol.encr[0].alg == PSAC_ENCR_AES_GCM_16 &&
	       cfg.pol.encr[0].bits == 256 &&
	       cfg.pol.encr[1].alg == PSAC_ENCR_CHACHA20_POLY1305 &&
	       cfg.pol.encr[2].alg == PSAC_ENCR_AES_CBC &&
	       cfg.pol.n_integ == 1 &&
	       cfg.pol.integ[0] == PSAC_INTEG_HMAC_SHA1_96 &&
	       cfg.pol.modes == 1U << PSAC_MODE_TRANSPORT,
	       "allow: the first line replaces the default list, later ones add");
	tap_ok(cfg.pol.lifetime_default == 600 && cfg.pol.lifetime_max == 7200 &&
	       cfg.pol.spi_min == 0x100 && cfg.pol.spi_max == 0x1ff,
	       "lifetime default/max and spi-range parsed");
	tap_ok(!psac_srv_find_target(&cfg, &(struct in6_addr){ { { 0 } } }),
	       "find_target: an unknown address is NULL");
	psac_srv_config_wipe(&cfg);
	tap_ok(cfg.targets[0].psk[0] == 0 && cfg.targets[0].psk[31] == 0,
	       "config_wipe zeroes the PSKs");

	tap_ok(parse_fails("listen ::\nfrobnicate 1\n", "line 2: unknown keyword 'frobnicate'"),
	       "unknown keyword: error names the line and the word");
	tap_ok(parse_fails("target 2001:db8::1 key-id 1\n", "needs key-id and psk-file"),
	       "target without psk-file");
	tap_ok(parse_fails("target 2001:db8::1 key-id 1 psk-file short\n",
			   "a PSK has 16 to 64 octets"),
	       "target with a 5-octet PSK");
	tap_ok(parse_fails("target 2001:db8::1 key-id 1 psk-file nonexistent\n",
			   "No such file"),
	       "target with a missing PSK file");
	tap_ok(parse_fails("target fe80::1 key-id 1 psk-file psk1\n",
			   "not a unicast address an SA can use"),
	       "link-local target refused");
	tap_ok(parse_fails("target 2001:db8::1 key-id 1 psk-file psk1\n"
			   "target 2001:db8::1 key-id 2 psk-file psk1\n",
			   "line 2: target 2001:db8::1 is configured twice"),
	       "duplicate target refused");
	tap_ok(parse_fails("target 2001:db8::1 key-id 1 psk-file psk1 realm\n",
			   "'realm' needs a value"),
	       "keyword without value");
	tap_ok(parse_fails("spi-range 10 1000\n", "MIN at least 256"),
	       "spi-range below 256 refused");
	tap_ok(parse_fails("lifetime default 100 max 50\n", "longer than max"),
	       "lifetime default > max refused");
	tap_ok(parse_fails("lifetime default 0\n", "bad default '0'"),
	       "lifetime 0 refused (0 means release)");
	tap_ok(parse_fails("allow encr rot13\n", "unknown algorithm 'rot13'"),
	       "unknown encryption refused");
	tap_ok(parse_fails("allow encr aes-gcm-16/100\n", "does not come with 100-bit keys"),
	       "impossible key size refused");
	tap_ok(parse_fails("allow integ none\n", "unknown algorithm 'none'"),
	       "allow integ none refused (AEAD takes none by itself)");
	tap_ok(parse_fails("allow mode beet\n", "allow mode: 'beet'"),
	       "unknown mode refused");
	tap_ok(parse_fails("listen :: port 0\n", "bad port '0'"),
	       "port 0 refused");
	tap_ok(parse_fails("target 2001:db8::1 key-id 1 psk-file psk1 realm \"open\n",
			   "unterminated quote"),
	       "unterminated quote");
	tap_ok(parse_fails("retries 101\n", "retries needs a number 0..100"),
	       "retries over 100 refused");
}

/* ---------------------------------------------------------------------- */
/* Selection                                                               */
/* ---------------------------------------------------------------------- */

static struct psac_req_params prop(uint16_t encr, uint16_t bits,
				   uint16_t integ)
{
	struct psac_req_params r;

	memset(&r, 0, sizeof(r));
	r.protocol = PSAC_PROTO_ESP;
	r.mode = PSAC_MODE_TRANSPORT;
	r.encr_alg = encr;
	r.encr_key_bits = bits;
	r.integ_alg = integ;
	r.ulp = PSAC_ULP_UDP;
	r.dport = 53;
	r.lifetime = PSAC_LIFETIME_INFINITE;
	return r;
}

static void test_select(void)
{
	struct psac_srv_policy pol;
	struct psac_sareq_in rq;
	struct psac_selection sel;
	int ret;

	psac_srv_config_init(&cfg);
	pol = cfg.pol;
	memset(&rq, 0, sizeof(rq));
	rq.target = a6("2001:db8:2::1");
	rq.params[0] = prop(PSAC_ENCR_3DES, 192, PSAC_INTEG_HMAC_SHA1_96);
	rq.params[1] = prop(PSAC_ENCR_AES_GCM_16, 256, PSAC_INTEG_NONE);
	rq.params[2] = prop(PSAC_ENCR_AES_CBC, 128, PSAC_INTEG_HMAC_SHA2_256_128);
	rq.nparams = 3;
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == 0 && sel.index == 1 && sel.status == 0 &&
	       sel.p.encr_alg == PSAC_ENCR_AES_GCM_16 &&
	       sel.p.encr_key_bits == 256 && sel.p.ulp == PSAC_ULP_UDP &&
	       sel.p.dport == 53 && sel.keymat_len == 2 * 36 &&
	       sel.p.lifetime == 3600,
	       "3DES refused by default, the second proposal (GCM-256) chosen; infinite -> default 3600");

	rq.params[0] = prop(PSAC_ENCR_AES_CBC, 256, PSAC_INTEG_HMAC_SHA2_256_128);
	rq.params[0].lifetime = 100000;
	pol.lifetime_max = 7200;
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == 0 && sel.index == 0 && sel.keymat_len == 2 * (32 + 32) &&
	       sel.p.lifetime == 7200,
	       "the first acceptable proposal wins; the lifetime is capped at max");
	rq.params[0].lifetime = 60;
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == 0 && sel.p.lifetime == 60, "a shorter lifetime is kept");

	rq.nparams = 1;
	rq.params[0] = prop(PSAC_ENCR_CHACHA20_POLY1305, 0, PSAC_INTEG_NONE);
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == 0 && sel.keymat_len == 2 * 36,
	       "ChaCha20-Poly1305 without a key size (RFC 7634) accepted");

	rq.params[0] = prop(PSAC_ENCR_AES_GCM_16, 128, PSAC_INTEG_HMAC_SHA1_96);
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == -1 && sel.index == -1 &&
	       sel.status == PSAC_STATUS_ALG_NOT_SUPPORTED &&
	       strstr(sel.why, "proposal 1: integrity hmac-sha1-96"),
	       "AEAD with an integrity algorithm: AlgNotSupported (%s)", sel.why);

	rq.params[0] = prop(PSAC_ENCR_AES_CBC, 128, PSAC_INTEG_AES_XCBC_96);
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == -1 && sel.status == PSAC_STATUS_ALG_NOT_SUPPORTED,
	       "an integrity algorithm outside the policy: AlgNotSupported");

	rq.params[0] = prop(PSAC_ENCR_AES_GCM_16, 128, 0);
	rq.params[0].protocol = PSAC_PROTO_AH;
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == -1 && sel.status == PSAC_STATUS_SA_REQ_UNSUPPORTED &&
	       strstr(sel.why, "protocol 51"),
	       "AH: SAReqUnsupported");

	rq.params[0] = prop(PSAC_ENCR_AES_GCM_16, 128, 0);
	rq.params[0].flags = PSAC_SA_F_ESN;
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == -1 && sel.status == PSAC_STATUS_ALG_NOT_SUPPORTED &&
	       strstr(sel.why, "ESN"), "ESN flag: AlgNotSupported");

	rq.params[0] = prop(PSAC_ENCR_AES_GCM_16, 128, 0);
	rq.params[0].ulp = PSAC_ULP_ANY;
	rq.params[0].dport = 53;
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == -1 && sel.status == PSAC_STATUS_SA_REQ_UNSUPPORTED,
	       "ports without an upper-layer protocol: SAReqUnsupported");

	rq.params[0] = prop(PSAC_ENCR_AES_GCM_16, 128, 0);
	rq.params[0].ulp = PSAC_ULP_MH;
	rq.params[0].sport = 5;
	rq.params[0].dport = 0;
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == 0 && sel.p.ulp == PSAC_ULP_MH && sel.p.sport == 5,
	       "MH type 5 selector accepted");

	pol.modes = 1U << PSAC_MODE_TRANSPORT;
	rq.params[0] = prop(PSAC_ENCR_AES_GCM_16, 128, 0);
	rq.params[0].mode = PSAC_MODE_TUNNEL;
	rq.params[1] = prop(PSAC_ENCR_3DES, 192, PSAC_INTEG_HMAC_SHA1_96);
	rq.nparams = 2;
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == -1 && sel.status == PSAC_STATUS_ALG_NOT_SUPPORTED &&
	       strstr(sel.why, "proposal 1 (first of several): mode tunnel"),
	       "tunnel not allowed, then 3DES: AlgNotSupported, why names proposal 1");

	rq.params[0].lifetime = 0;
	rq.nparams = 1;
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == -1, "a release (lifetime 0) is never selected");
	rq.nparams = 0;
	ret = psac_srv_select(&pol, &rq, &sel);
	tap_ok(ret == -1 && strstr(sel.why, "no proposal"),
	       "no proposal at all");
}

/* ---------------------------------------------------------------------- */
/* Grants                                                                  */
/* ---------------------------------------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void test_grants(void)
{
	static struct psac_grants t;
	struct psac_srv_policy pol;
	struct in6_addr req = a6("2001:db8:2::2"), tgt = a6("2001:db8:2::1");
	struct in6_addr req2 = a6("2001:db8:2::3");
	struct psac_sa_params p;
	struct psac_grant *g, *g2;
	uint32_t spis[PSAC_MAX_GRANTS], r2i[PSAC_MAX_GRANTS];
	unsigned int i, dup = 0, out_of_range = 0;

	psac_srv_config_init(&cfg);
	pol = cfg.pol;
	memset(&t, 0, sizeof(t));
	memset(&p, 0, sizeof(p));
	p.peer = req;
	p.lifetime = 10;

	g = psac_grants_reserve(&t, &pol, &req, &tgt, &p, 0x4242);
	tap_ok(g && g->used && !g->confirmed && g->p.spi_r2i == 0x4242 &&
	       g->p.spi_i2r >= pol.spi_min && g->p.spi_i2r <= pol.spi_max &&
	       g->p.lifetime == 10,
	       "reserve: the Requestor-SPI is honoured, SPI-I2R drawn from the range");
	g2 = psac_grants_reserve(&t, &pol, &req, &tgt, &p, 0x4242);
	tap_ok(g2 && g2 != g && g2->p.spi_r2i != 0x4242,
	       "a Requestor-SPI already granted to the same requestor is not reused");
	g2 = psac_grants_reserve(&t, &pol, &req2, &tgt, &p, 0x4242);
	tap_ok(g2 && g2->p.spi_r2i == 0x4242,
	       "the same SPI-R2I for another requestor is fine (other destination)");
	g2 = psac_grants_reserve(&t, &pol, &req2, &tgt, &p, 0x10);
	tap_ok(g2 && g2->p.spi_r2i >= pol.spi_min,
	       "a Requestor-SPI below 256 is ignored");

	tap_ok(!psac_grants_find(&t, &req, &tgt, 0x4242),
	       "find: an unconfirmed grant is not found");
	g->confirmed = 1;
	g->expires_ms = 1000;
	tap_ok(psac_grants_find(&t, &req, &tgt, 0x4242) == g &&
	       !psac_grants_find(&t, &req2, &tgt, g->p.spi_r2i + 1) &&
	       !psac_grants_find(&t, &tgt, &tgt, 0x4242),
	       "find: by requestor, target and SPI-R2I");
	{
		struct psac_grant *g3, *g4;

		g3 = psac_grants_reserve(&t, &pol, &req, &tgt, &p, 0);
		g4 = psac_grants_reserve(&t, &pol, &req, &tgt, &p, 0);
		g3->confirmed = 1;
		g4->p.dport = 53;
		g4->confirmed = 1;
		g2 = psac_grants_reserve(&t, &pol, &req, &tgt, &p, 0);
		tap_ok(psac_grants_supersede(&t, g2) == 2 && !g->used &&
		       !g3->used && g4->used,
		       "supersede: a new pair releases the confirmed ones with the same selectors, not others");
		psac_grant_release(g2);
		psac_grant_release(g4);
		g = psac_grants_reserve(&t, &pol, &req, &tgt, &p, 0x4242);
		g->confirmed = 1;
		g->expires_ms = 1000;
	}
	psac_grants_expire(&t, 999);
	tap_ok(g->used, "expire: not before its time");
	psac_grants_expire(&t, 1000);
	tap_ok(!g->used && !psac_grants_find(&t, &req, &tgt, 0x4242),
	       "expire: gone at its time");

	/* a range of exactly 256 SPIs, 256 grants: all distinct */
	memset(&t, 0, sizeof(t));
	pol.spi_min = 0x1000;
	pol.spi_max = 0x10ff;
	for (i = 0; i < PSAC_MAX_GRANTS; i++) {
		g = psac_grants_reserve(&t, &pol, &req, &tgt, &p, 0);
		if (!g)
			break;
		spis[i] = g->p.spi_i2r;
		r2i[i] = g->p.spi_r2i;
	}
	tap_ok(i == PSAC_MAX_GRANTS,
	       "a 256-SPI range gives out 256 pairs (random draws, then a walk)");
	qsort(spis, i, sizeof(spis[0]), cmp_u32);
	qsort(r2i, i, sizeof(r2i[0]), cmp_u32);
	for (unsigned int k = 0; k < i; k++) {
		if (k && (spis[k] == spis[k - 1] || r2i[k] == r2i[k - 1]))
			dup++;
		if (spis[k] < 0x1000 || spis[k] > 0x10ff)
			out_of_range++;
	}
	tap_ok(!dup && !out_of_range,
	       "every SPI-I2R and SPI-R2I unique and in the range");
	{
		uint32_t freed = t.g[17].p.spi_i2r;

		psac_grant_release(&t.g[17]);
		g = psac_grants_reserve(&t, &pol, &req2, &tgt, &p, 0);
		tap_ok(g && g->p.spi_i2r == freed,
		       "one pair released in a full range: the next grant gets its SPI-I2R");
	}
	memset(&t, 0, sizeof(t));
	for (i = 0; i < PSAC_MAX_GRANTS; i++)
		t.g[i].used = 1;
	tap_ok(!psac_grants_reserve(&t, &pol, &req, &tgt, &p, 0),
	       "a full table: NULL");
}

/* ---------------------------------------------------------------------- */
/* Round trip: Information-Request -> selection -> Reply -> unwrap         */
/* ---------------------------------------------------------------------- */

static void test_round_trip(void)
{
	static const uint8_t clientid[] = { 0, 2, 0, 0, 0x7e, 0xd9, 1, 2, 3, 4,
					    5, 6, 7, 8 };
	static const uint8_t serverid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0x54, 7 };
	struct psac_req_params props[2];
	struct psac_sareq_out reqs[2];
	struct psac_sa_result_out res[3];
	struct psac_selection sel;
	struct psac_msg m, r;
	struct psac_sa_params p;
	uint8_t priv[32], pub[32], other_priv[32], other_pub[32];
	uint8_t buf[4096], rbuf[4096], keymat[PSAC_KEYMAT_MAX];
	uint8_t km[PSAC_KEYMAT_MAX];
	const char *why = NULL;
	size_t len = 0, rlen = 0, kl = 0;
	int ret, idx;

	psac_srv_config_init(&cfg);
	psac_x25519_keygen(priv, pub);
	psac_x25519_keygen(other_priv, other_pub);

	props[0] = prop(PSAC_ENCR_3DES, 192, PSAC_INTEG_HMAC_SHA1_96);
	props[1] = prop(PSAC_ENCR_AES_GCM_16, 128, PSAC_INTEG_NONE);
	props[1].requestor_spi = 0x5000;
	props[1].lifetime = 600;
	reqs[0].target = a6("2001:db8:2::1");
	reqs[0].params = props;
	reqs[0].nparams = 2;
	reqs[1].target = a6("2001:db8:9::9");
	reqs[1].params = props;
	reqs[1].nparams = 2;
	ret = psac_build_sa_request(buf, sizeof(buf), &len,
				    PSAC_DHCP6_MSG_INFO_REQUEST, 0xabcdef,
				    clientid, sizeof(clientid), pub, reqs, 2);
	tap_ok(ret == 0, "Information-Request with 2 SA_REQUESTs x 2 proposals built");
	ret = psac_msg_parse(buf, len, &m, &why);
	tap_ok(ret == 0 && psac_msg_check(&m, &why) == 0 && m.n_sareq == 2 &&
	       m.sareq[0].nparams == 2 && m.has_pubkey &&
	       m.pk_alg == PSAC_PK_ALG_X25519 &&
	       !memcmp(m.pubkey, pub, 32) && m.n_oro == 1 &&
	       m.oro[0] == PSAC_OPT_SA_LIST && m.has_elapsed,
	       "the server parses it: SA_REQUESTs, X25519 key, ORO{SA_LIST}, Elapsed Time");

	ret = psac_srv_select(&cfg.pol, &m.sareq[0], &sel);
	tap_ok(ret == 0 && sel.index == 1 && sel.p.lifetime == 600 &&
	       m.sareq[0].params[1].requestor_spi == 0x5000,
	       "server selection on the parsed request: proposal 2");

	/* the server's answer: granted, NoSuchTarget, a release */
	memset(res, 0, sizeof(res));
	psac_random(keymat, sel.keymat_len);
	res[0].p = sel.p;
	res[0].p.peer = m.sareq[0].target;
	res[0].p.spi_i2r = 0x1234;
	res[0].p.spi_r2i = 0x5000;
	res[0].with_key = 1;
	res[0].keymat = keymat;
	res[0].keymat_len = sel.keymat_len;
	res[0].status = PSAC_STATUS_SUCCESS;
	res[0].msg = "installed by target 2001:db8:2::1";
	psac_sareq_echo(&m.sareq[1], &res[1].p);
	res[1].status = PSAC_STATUS_NO_SUCH_TARGET;
	res[1].msg = "no target 2001:db8:9::9 is configured";
	res[2].p = res[0].p;
	res[2].p.lifetime = 0;
	res[2].with_key = 1;
	res[2].status = PSAC_STATUS_SUCCESS;
	ret = psac_build_result_reply(rbuf, sizeof(rbuf), &rlen, m.xid,
				      serverid, sizeof(serverid), m.clientid,
				      m.clientid_len, m.pubkey, res, 3,
				      PSAC_STATUS_SUCCESS, "2 of 3 SAs granted");
	tap_ok(ret == 0 && rbuf[0] == PSAC_DHCP6_MSG_REPLY &&
	       rbuf[1] == 0xab && rbuf[3] == 0xef,
	       "Reply built with the request's transaction-id");

	ret = psac_msg_parse(rbuf, rlen, &r, &why);
	tap_ok(ret == 0 && psac_msg_check(&r, &why) == 0 &&
	       r.type == PSAC_DHCP6_MSG_REPLY && r.serverid_len == sizeof(serverid) &&
	       r.clientid_len == sizeof(clientid) &&
	       !memcmp(r.clientid, clientid, sizeof(clientid)) &&
	       r.status.present && r.status.code == 0 && r.has_sa_list &&
	       r.n_sa == 3,
	       "the requestor parses the Reply: SERVERID, CLIENTID, STATUS_CODE, SA_LIST of 3");
	tap_ok(r.sa[0].in_list && r.sa[0].status.present &&
	       r.sa[0].status.code == 0 &&
	       r.sa[0].p.key_prot_alg == PSAC_KEYPROT_X25519 &&
	       r.sa[0].prot_len == PSAC_X25519_PROTECTED_LEN(sel.keymat_len) &&
	       r.sa[0].p.spi_r2i == 0x5000,
	       "SA 0: X25519-wrapped key, Success");
	tap_ok(r.sa[1].status.present &&
	       r.sa[1].status.code == PSAC_STATUS_NO_SUCH_TARGET &&
	       r.sa[1].prot_len == 0 && r.sa[1].p.key_prot_alg == 0 &&
	       !memcmp(&r.sa[1].p.peer, &m.sareq[1].target, 16) &&
	       r.sa[1].p.encr_alg == PSAC_ENCR_3DES &&
	       r.sa[1].status.msg_len == strlen(res[1].msg),
	       "SA 1: an echo of the request without key, NoSuchTarget with its text");
	tap_ok(r.sa[2].p.lifetime == 0 &&
	       r.sa[2].prot_len == PSAC_X25519_PROTECTED_LEN(0) &&
	       r.sa[2].status.code == 0,
	       "SA 2: a release, Lifetime 0 and an empty wrapped KEYMAT");

	ret = psac_sa_unwrap_x25519(&r, 0, priv, km, sizeof(km), &kl);
	tap_ok(ret == 0 && kl == sel.keymat_len && !memcmp(km, keymat, kl),
	       "ECIES unwrap with the requestor's private key gives the KEYMAT");
	ret = psac_sa_unwrap_x25519(&r, 0, other_priv, km, sizeof(km), &kl);
	tap_ok(ret == -EBADMSG, "another private key: -EBADMSG");
	ret = psac_sa_unwrap_x25519(&r, 1, priv, km, sizeof(km), &kl);
	tap_ok(ret == -EPROTO, "the refusal echo has no key to unwrap");
	ret = psac_sa_unwrap_x25519(&r, 2, priv, km, sizeof(km), &kl);
	tap_ok(ret == 0 && kl == 0, "the release's empty KEYMAT unwraps to 0 octets");

	/* the AAD binds SPIs and transaction-id */
	memcpy(buf, rbuf, rlen);
	((uint8_t *)r.sa[0].fixed)[31] ^= 1;	/* SPI-I2R, in rbuf */
	ret = psac_sa_unwrap_x25519(&r, 0, priv, km, sizeof(km), &kl);
	tap_ok(ret == -EBADMSG, "a changed SPI-I2R breaks the unwrap (AAD)");
	memcpy(rbuf, buf, rlen);
	r.xid ^= 1;
	ret = psac_sa_unwrap_x25519(&r, 0, priv, km, sizeof(km), &kl);
	tap_ok(ret == -EBADMSG, "another transaction-id breaks the unwrap (AAD)");
	r.xid ^= 1;

	/* the requestor's check of the grant */
	idx = psac_req_match_grant(props, 2, &reqs[0].target, &r.sa[0].p,
				   sel.keymat_len, &why);
	tap_ok(idx == 1 && !why, "match_grant: it is proposal 2");
	p = r.sa[0].p;
	idx = psac_req_match_grant(props, 2, &reqs[1].target, &p,
				   sel.keymat_len, &why);
	tap_ok(idx == -1 && strstr(why, "Peer-Address"),
	       "match_grant: another target refused");
	p.lifetime = 601;
	idx = psac_req_match_grant(props, 2, &reqs[0].target, &p,
				   sel.keymat_len, &why);
	tap_ok(idx == -1 && strstr(why, "longer lifetime"),
	       "match_grant: a longer lifetime than asked refused");
	p = r.sa[0].p;
	p.dport = 54;
	idx = psac_req_match_grant(props, 2, &reqs[0].target, &p,
				   sel.keymat_len, &why);
	tap_ok(idx == -1 && strstr(why, "none of the proposals"),
	       "match_grant: other selectors refused");
	p = r.sa[0].p;
	idx = psac_req_match_grant(props, 2, &reqs[0].target, &p, 16, &why);
	tap_ok(idx == -1 && strstr(why, "KEYMAT of the wrong size"),
	       "match_grant: a KEYMAT of the wrong size refused");
	p.spi_i2r = 255;
	idx = psac_req_match_grant(props, 2, &reqs[0].target, &p,
				   sel.keymat_len, &why);
	tap_ok(idx == -1 && strstr(why, "below 256"),
	       "match_grant: SPI 255 refused");
	p = r.sa[0].p;
	p.lifetime = 0;
	idx = psac_req_match_grant(props, 2, &reqs[0].target, &p,
				   sel.keymat_len, &why);
	tap_ok(idx == -1, "match_grant: lifetime 0 is no grant");
	props[1].lifetime = PSAC_LIFETIME_INFINITE;
	p = r.sa[0].p;
	p.lifetime = 86400;
	idx = psac_req_match_grant(props, 2, &reqs[0].target, &p,
				   sel.keymat_len, &why);
	tap_ok(idx == 1, "match_grant: any lifetime when infinite was asked");

	/* without CLIENTID (an Information-Request may lack it) */
	ret = psac_build_result_reply(rbuf, sizeof(rbuf), &rlen, 1, serverid,
				      sizeof(serverid), NULL, 0, NULL, &res[1],
				      1, PSAC_STATUS_NO_SUCH_TARGET, NULL);
	tap_ok(ret == 0 && psac_msg_parse(rbuf, rlen, &r, &why) == 0 &&
	       !r.clientid && r.status.code == PSAC_STATUS_NO_SUCH_TARGET &&
	       r.n_sa == 1, "Reply without CLIENTID and without any key");
	ret = psac_build_result_reply(rbuf, sizeof(rbuf), &rlen, 1, serverid,
				      sizeof(serverid), NULL, 0, NULL, res, 1,
				      0, NULL);
	tap_ok(ret == -EINVAL, "a key to wrap without a public key: -EINVAL");
	ret = psac_build_result_reply(rbuf, 100, &rlen, 1, serverid,
				      sizeof(serverid), clientid,
				      sizeof(clientid), pub, res, 3, 0, NULL);
	tap_ok(ret == -EMSGSIZE, "a buffer too small: -EMSGSIZE");
	psac_wipe(priv, sizeof(priv));
}

static void test_helpers(void)
{
	struct psac_sa_params p;
	uint8_t d1[PSAC_DUID_MAX_LEN], d2[PSAC_DUID_MAX_LEN];
	char s[200];
	size_t n;

	n = psac_duid_en(d1, "abc", 3);
	psac_duid_en(d2, "abd", 3);
	tap_ok(n == 14 && d1[1] == 2 && d1[4] == 0x7e && d1[5] == 0xd9 &&
	       d1[6] == 0xba && d1[7] == 0x78 && memcmp(d1, d2, 14),
	       "DUID-EN 32473 with SHA-256 of the seed (SHA-256(\"abc\") = ba78...)");
	memset(&p, 0, sizeof(p));
	p.protocol = PSAC_PROTO_ESP;
	p.mode = PSAC_MODE_TUNNEL;
	p.encr_alg = PSAC_ENCR_AES_CBC;
	p.encr_key_bits = 128;
	p.integ_alg = PSAC_INTEG_HMAC_SHA2_256_128;
	p.ulp = PSAC_ULP_ICMPV6;
	p.sport = 128;
	p.lifetime = PSAC_LIFETIME_INFINITE;
	psac_sa_params_str(&p, s, sizeof(s));
	tap_ok(!strcmp(s, "esp tunnel aes-cbc/128 integ hmac-sha2-256-128 ulp icmpv6 sport 128 dport 0 lifetime infinite"),
	       "sa_params_str: %s", s);
	tap_ok(psac_now_ns() > 1600000000ULL * 1000000000ULL &&
	       psac_mono_ms() >= 0, "clocks");
}

/* The file reader both roles use (conf.c), through the server's loader. */
static void test_config_file(void)
{
	char path[300];
	FILE *f;

	snprintf(path, sizeof(path), "%s/psk-rel", tmpdir);
	f = fopen(path, "w");
	if (!f || fputs("0123456789abcdef0123456789abcdef\n", f) < 0 || fclose(f)) {
		perror(path);
		exit(2);
	}
	write_text("server.conf",
		   "# a comment\n\nlisten ::\ntarget 2001:db8::7 key-id 7 psk-file psk-rel\n");
	snprintf(path, sizeof(path), "%s/server.conf", tmpdir);
	psac_srv_config_init(&cfg);
	tap_ok(psac_srv_config_load(&cfg, path, err, sizeof(err)) == 0 &&
	       cfg.n_targets == 1 && cfg.targets[0].key_id == 7,
	       "a configuration file loads; its psk-file is found beside it");
	if (err[0])
		tap_diag("error: '%s'", err);
	tap_ok(cfg.targets[0].line == 4,
	       "a statement knows its line (comments and empty lines count)");

	snprintf(path, sizeof(path), "%s/missing.conf", tmpdir);
	psac_srv_config_init(&cfg);
	tap_ok(psac_srv_config_load(&cfg, path, err, sizeof(err)) == -1 &&
	       !strcmp(err, strerror(ENOENT)),
	       "a missing file is refused with the system's reason only (the caller names the file)");

	snprintf(path, sizeof(path), "%s/nul.conf", tmpdir);
	f = fopen(path, "w");
	if (!f || fwrite("listen ::\0\n", 1, 11, f) != 11 || fclose(f)) {
		perror(path);
		exit(2);
	}
	psac_srv_config_init(&cfg);
	tap_ok(psac_srv_config_load(&cfg, path, err, sizeof(err)) == -1 &&
	       !strcmp(err, "not a text file"),
	       "a file with a NUL octet is refused as not a text file");

	write_text("bad.conf", "listen ::\nlisten ::1 port 0\n");
	snprintf(path, sizeof(path), "%s/bad.conf", tmpdir);
	psac_srv_config_init(&cfg);
	tap_ok(psac_srv_config_load(&cfg, path, err, sizeof(err)) == -1 &&
	       !strncmp(err, "line 2: ", 8),
	       "an error in a file names its line");
	if (strncmp(err, "line 2: ", 8))
		tap_diag("error: '%s'", err);
}

int main(void)
{
	char cmd[300];

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	test_config();
	test_config_file();
	test_select();
	test_grants();
	test_round_trip();
	test_helpers();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd))
		tap_diag("could not remove %s", tmpdir);
	return tap_done();
}
