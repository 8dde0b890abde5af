// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * RFC 6618 MHAuth: container and header encoding, parsing, the PSK auth
 * value with channel binding (RFC 5929 tls-server-endpoint) and the mobile
 * node's checks of the SA headers.  The expected octets were computed
 * independently by tests/mhauth_vectors.py (Python standard library);
 * tests/test_vectors.sh asserts that both still agree.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "mhauth.h"
#include "mnha_sa.h"
#include "tap.h"

/* Self-signed P-256 certificates (ecdsa-with-SHA256, ecdsa-with-SHA384). */
static const char CERT_SHA256[] =
	"308201893082012fa0030201020214640b219a34a60f370cf2ed0fb375e38e9f"
	"3f5faf300a06082a8648ce3d040302301a3118301606035504030c0f6861632e"
	"6578616d706c652e6e6574301e170d3236313132323135303932305a170d3336"
	"313131393135303932305a301a3118301606035504030c0f6861632e6578616d"
	"706c652e6e65743059301306072a8648ce3d020106082a8648ce3d0301070342"
	"0004eeb7e1cbec35759e230fbd90ccaa99b6908c35fc02a393d1d93941de2ab1"
	"0c2032356aeb03496774682cee2930474e89f5d4f1a8ecb588973fc4f1eb1b7b"
	"17eca3533051301d0603551d0e041604144309a3f035526fee7202053022d041"
	"a8af198239301f0603551d230418301680144309a3f035526fee7202053022d0"
	"41a8af198239300f0603551d130101ff040530030101ff300a06082a8648ce3d"
	"0403020348003045022100b8cbeef80ec1816d9cbe7623077370395d88c36669"
	"41f6043726735859a7608c02200e44790a3a873974087b04e5efdcd6f4b85dc0"
	"1bae80ef2fec8a8884af3e51cb";

static const char CERT_SHA384[] =
	"308201773082011da0030201020214080b332b5375549aab3f16339f1deabc67"
	"c16c0a300a06082a8648ce3d0403033011310f300d06035504030c0668616333"
	"3834301e170d3236313132323135303932305a170d3336313131393135303932"
	"305a3011310f300d06035504030c066861633338343059301306072a8648ce3d"
	"020106082a8648ce3d03010703420004d4ebfe79ad0b212065b6eae3b168d448"
	"d9aaec9e75b75ea72307136a2aa618943f56cd6809a0bed2919dfd3ab870583e"
	"069ab73fcc891cbd999a49bdd5a9fa3ba3533051301d0603551d0e0416041476"
	"d1e9b1a3941b689bfdf8240194d9b75cd28bab301f0603551d23041830168014"
	"76d1e9b1a3941b689bfdf8240194d9b75cd28bab300f0603551d130101ff0405"
	"30030101ff300a06082a8648ce3d0403030348003045022100ecd1ceea9dc343"
	"2223ff5d39e35ba9093083f63d91e24a10549c30c897beb7a402204e4965fa64"
	"85f71585c3fd883402aeec9bb15f11ec008fe2f45633b80578178d";

/* mhauth cb sha256 (32 octets) */
static const char V_CB_SHA256[] =
	"65c6c01a42d579702a7844d6273d7a70d698c7b0650b9059e886b5cac5b246e6";

/* mhauth cb sha384 (48 octets) */
static const char V_CB_SHA384[] =
	"fdb4effa58e7d147357be14a2f586e8733025bae513fc4cd2fe70e7743aa26da"
	"f27823e557116e7d3616db5b307af25b";

/* mhauth init request (91 octets) */
static const char V_INIT_REQUEST[] =
	"000100576d6e2d69643a206d6e31406578616d706c652e6e65740d0a61757468"
	"2d6d6574686f643a2070736b0d0a6d6e2d72616e643a20303030313032303330"
	"34303530363037303830393061306230633064306530660d0a0d0a";

/* mhauth done request (222 octets) */
static const char V_DONE_REQUEST[] =
	"000200da6d6e2d69643a206d6e31406578616d706c652e6e65740d0a6d6e2d72"
	"616e643a20303030313032303330343035303630373038303930613062306330"
	"64306530660d0a6861632d72616e643a20313031313132313331343135313631"
	"37313831393161316231633164316531660d0a6d6970362d73756974656c6973"
	"743a207b30302c39637d207b30302c32667d0d0a617574683a20303337623163"
	"3163626537393831303664303837313138363161383034356235643765323531"
	"33343536363264613462613536626430646139366532383133320d0a0d0a";

/* mhauth done response (635 octets) */
static const char V_DONE_RESPONSE[] =
	"000202777374617475732d636f64653a203230300d0a6d6970362d7370693a20"
	"3078313233343536370d0a6d6970362d63697068657273756974653a207b3030"
	"2c32667d0d0a6d6970362d6d6e2d746f2d68612d656b65793a20383038313832"
	"38333834383538363837383838393861386238633864386538660d0a6d697036"
	"2d6d6e2d746f2d68612d696b65793a2034303431343234333434343534363437"
	"3438343934613462346334643465346635303531353235330d0a6d6970362d68"
	"612d746f2d6d6e2d656b65793a20613061316132613361346135613661376138"
	"61396161616261636164616561660d0a6d6970362d68612d746f2d6d6e2d696b"
	"65793a2036303631363236333634363536363637363836393661366236633664"
	"3665366637303731373237330d0a6d6970362d73612d76616c69646974792d65"
	"6e643a20343130323434343830300d0a6d6970362d7361733a20310d0a6d6970"
	"362d6861612d6970363a20323030313a306462383a303030313a303030303a30"
	"3030303a303030303a303030303a303030310d0a6d6970362d706f72743a2037"
	"3837320d0a6d6970362d6970362d686f613a20323030313a306462383a303130"
	"303a303030303a303030303a303030303a303030303a303031300d0a6d697036"
	"2d6970342d686f613a2031302e3130302e302e31300d0a6d6970362d6970362d"
	"686e703a20323030313a306462383a303130303a303030303a303030303a3030"
	"30303a303030303a303030302f36340d0a617574683a20663434303630656537"
	"6339336465633332383033316338323137393865643866353464353866323032"
	"61663362666631613239396636633463633836323034660d0a0d0a";


static size_t unhex(const char *s, uint8_t *out, size_t size)
{
	long n = psac_hex_decode(s, out, size);

	if (n < 0) {
		fprintf(stderr, "bad hex in test: %.40s\n", s);
		exit(2);
	}
	return (size_t)n;
}

static uint8_t psk[32], mn_rand[16], hac_rand[16];

static void seq(uint8_t *b, size_t n, uint8_t first)
{
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = (uint8_t)(first + i);
}

static int check_built(const struct psac_mhauth_builder *b, const char *hex,
		       const char *name)
{
	static uint8_t want[8192];
	size_t n = unhex(hex, want, sizeof(want));

	if (b->len != n) {
		tap_diag("%s: %zu octets, want %zu", name, b->len, n);
		return tap_ok(0, "%s", name);
	}
	return tap_mem(b->buf, want, n, name);
}

static void test_cb(uint8_t cb256[32], uint8_t cb384[48])
{
	static uint8_t der[2048], want[64], got[PSAC_MHAUTH_CB_MAX];
	size_t n;
	int l;

	n = unhex(CERT_SHA256, der, sizeof(der));
	l = psac_mhauth_cb(der, n, got);
	unhex(V_CB_SHA256, want, sizeof(want));
	tap_ok(l == 32, "tls-server-endpoint of an ecdsa-with-SHA256 certificate is 32 octets (SHA-256)");
	tap_mem(got, want, 32, "tls-server-endpoint = SHA-256(certificate DER) (RFC 5929)");
	memcpy(cb256, got, 32);

	n = unhex(CERT_SHA384, der, sizeof(der));
	l = psac_mhauth_cb(der, n, got);
	unhex(V_CB_SHA384, want, sizeof(want));
	tap_ok(l == 48, "tls-server-endpoint of an ecdsa-with-SHA384 certificate is 48 octets (its own hash)");
	tap_mem(got, want, 48, "tls-server-endpoint = SHA-384(certificate DER) for a SHA-384 signature");
	memcpy(cb384, got, 48);

	tap_ok(psac_mhauth_cb(der, n - 1, got) < 0,
	       "tls-server-endpoint refuses a truncated certificate");
}

static void test_build(const uint8_t *cb256, const uint8_t *cb384)
{
	struct psac_mhauth_builder *b = calloc(1, sizeof(*b));
	struct psac_mnha_sa sa;
	uint16_t ids[2] = { PSAC_MNHA_SUITE_AES128_GCM,
			    PSAC_MNHA_SUITE_AES128_HMAC_SHA1 };
	char sl[64];

	psac_mhauth_begin(b, PSAC_MHAUTH_ID_INIT);
	psac_mhauth_add(b, "mn-id", "%s", "mn1@example.net");
	psac_mhauth_add(b, "auth-method", "psk");
	psac_mhauth_add_hex(b, "mn-rand", mn_rand, 16);
	tap_ok(!psac_mhauth_end(b, NULL, 0, NULL, NULL, 0), "Init request built");
	check_built(b, V_INIT_REQUEST, "Init request: container header, CRLF lines, empty line (known answer)");

	psac_mhauth_suitelist_str(ids, 2, sl, sizeof(sl));
	tap_ok(!strcmp(sl, "{00,9c} {00,2f}"), "mip6-suitelist is written as {00,9c} {00,2f}");
	psac_mhauth_begin(b, PSAC_MHAUTH_ID_DONE);
	psac_mhauth_add(b, "mn-id", "%s", "mn1@example.net");
	psac_mhauth_add_hex(b, "mn-rand", mn_rand, 16);
	psac_mhauth_add_hex(b, "hac-rand", hac_rand, 16);
	psac_mhauth_add(b, "mip6-suitelist", "%s", sl);
	tap_ok(!psac_mhauth_end(b, psk, sizeof(psk), "MN", cb256, 32), "Done request built");
	check_built(b, V_DONE_REQUEST, "Done request: auth = HMAC-SHA256(PSK, \"MN\"|lines|CB) last (known answer)");

	memset(&sa, 0, sizeof(sa));
	sa.spi = 0x1234567;
	sa.suite = psac_mnha_suite_get(PSAC_MNHA_SUITE_AES128_HMAC_SHA1);
	seq(sa.key[PSAC_MNHA_EKEY_MN2HA], 16, 0x80);
	seq(sa.key[PSAC_MNHA_IKEY_MN2HA], 20, 0x40);
	seq(sa.key[PSAC_MNHA_EKEY_HA2MN], 16, 0xa0);
	seq(sa.key[PSAC_MNHA_IKEY_HA2MN], 20, 0x60);
	sa.key_len[PSAC_MNHA_EKEY_MN2HA] = sa.key_len[PSAC_MNHA_EKEY_HA2MN] = 16;
	sa.key_len[PSAC_MNHA_IKEY_MN2HA] = sa.key_len[PSAC_MNHA_IKEY_HA2MN] = 20;
	sa.have_key[0] = sa.have_key[1] = sa.have_key[2] = sa.have_key[3] = 1;
	sa.valid_until = 4102444800ULL;
	sa.have_valid = 1;
	sa.scope = 1;
	sa.have_scope = 1;
	inet_pton(AF_INET6, "2001:db8:100::10", &sa.hoa);
	sa.have_hoa = 1;
	inet_pton(AF_INET, "10.100.0.10", &sa.hoa4);
	sa.have_hoa4 = 1;
	inet_pton(AF_INET6, "2001:db8:100::", &sa.hnp);
	sa.hnp_len = 64;
	sa.have_hnp = 1;
	{
		struct in6_addr haa;

		inet_pton(AF_INET6, "2001:db8:1::1", &haa);
		psac_mhauth_begin(b, PSAC_MHAUTH_ID_DONE);
		psac_mhauth_add(b, "status-code", "%u", PSAC_MHAUTH_OK);
		psac_mhauth_add_sa(b, &sa, &haa, NULL, 7872);
	}
	tap_ok(!psac_mhauth_end(b, psk, sizeof(psk), "HAC", cb384, 48), "Done response built");
	check_built(b, V_DONE_RESPONSE, "Done response: every mip6-* header, IPv6 as eight groups, auth \"HAC\" over a SHA-384 CB (known answer)");

	/* too long for one container: refused, not truncated */
	psac_mhauth_begin(b, 1);
	for (int i = 0; i < 200; i++)
		psac_mhauth_add(b, "x-filler", "%0100d", i);
	tap_ok(psac_mhauth_end(b, NULL, 0, NULL, NULL, 0) < 0,
	       "a message over 4096 octets of content is refused by the builder");
	free(b);
}

static struct psac_mhauth_msg *parse_hex(const char *hex, int *ret,
					 const char **why)
{
	static uint8_t raw[8192];
	struct psac_mhauth_msg *m = calloc(1, sizeof(*m));
	size_t n = unhex(hex, raw, sizeof(raw));

	*ret = psac_mhauth_parse(raw, n, m, why);
	return m;
}

static int parse_raw(const char *content, uint8_t first, const char **why)
{
	static uint8_t raw[8192];
	struct psac_mhauth_msg *m = calloc(1, sizeof(*m));
	size_t n = strlen(content);
	int r;

	raw[0] = first;
	raw[1] = 1;
	raw[2] = (uint8_t)(n >> 8);
	raw[3] = (uint8_t)n;
	memcpy(raw + 4, content, n);
	r = psac_mhauth_parse(raw, n + 4, m, why);
	free(m);
	return r;
}

static void test_parse(const uint8_t *cb256, const uint8_t *cb384)
{
	struct psac_mhauth_msg *m;
	const char *why = "";
	uint8_t bad_psk[32];
	int r;

	m = parse_hex(V_DONE_REQUEST, &r, &why);
	tap_ok(r == 0, "Done request parses (%s)", r ? why : "ok");
	tap_ok(m->identifier == 2 && m->n == 5, "Done request: Identifier 2, five headers");
	tap_ok(m->auth_idx == 4 && m->signed_len == 144,
	       "Done request: auth is header 5, 144 signed octets precede it");
	tap_ok(!strcmp(psac_mhauth_get(m, "MN-ID"), "mn1@example.net"),
	       "header names are case-insensitive");
	tap_ok(psac_mhauth_verify(m, psk, sizeof(psk), "MN", cb256, 32) == 0,
	       "the MN's auth verifies with the PSK, label MN and the CB");
	tap_ok(psac_mhauth_verify(m, psk, sizeof(psk), "HAC", cb256, 32) == -3,
	       "the MN's auth does not verify under the label HAC (no reflection)");
	tap_ok(psac_mhauth_verify(m, psk, sizeof(psk), "MN", cb384, 32) == -3,
	       "the MN's auth does not verify with another certificate's CB (channel binding)");
	memcpy(bad_psk, psk, sizeof(psk));
	bad_psk[31] ^= 1;
	tap_ok(psac_mhauth_verify(m, bad_psk, sizeof(bad_psk), "MN", cb256, 32) == -3,
	       "the MN's auth does not verify with a PSK one bit off");
	free(m);

	m = parse_hex(V_DONE_RESPONSE, &r, &why);
	tap_ok(r == 0 && psac_mhauth_verify(m, psk, sizeof(psk), "HAC", cb384, 48) == 0,
	       "Done response parses and its auth verifies (label HAC, SHA-384 CB)");
	m->content[20] ^= 1;	/* inside "mip6-spi: 0x1234567" */
	tap_ok(psac_mhauth_verify(m, psk, sizeof(psk), "HAC", cb384, 48) == -3,
	       "a flipped bit in a signed header breaks the auth");
	free(m);

	m = parse_hex(V_INIT_REQUEST, &r, &why);
	tap_ok(r == 0 && m->auth_idx < 0 &&
	       psac_mhauth_verify(m, psk, sizeof(psk), "MN", cb256, 32) == -1,
	       "Init request has no auth: verify says absent");
	free(m);

	tap_ok(parse_raw("a: 1\r\n\r\n", 0x20, &why) < 0 && strstr(why, "version"),
	       "version 1 is refused");
	tap_ok(parse_raw("a: 1\r\n\r\n", 0x1f, &why) == 0,
	       "reserved bits are ignored on receipt");
	tap_ok(parse_raw("a: 1\r\n", 0, &why) < 0 && strstr(why, "empty line"),
	       "a message without the closing empty line is refused");
	tap_ok(parse_raw("a: 1\r\n\r\nx", 0, &why) < 0 && strstr(why, "after the empty line"),
	       "octets after the empty line are refused");
	tap_ok(parse_raw("garbage\r\n\r\n", 0, &why) < 0 && strstr(why, "colon"),
	       "a line without colon is refused");
	tap_ok(parse_raw(": v\r\n\r\n", 0, &why) < 0 && strstr(why, "empty name"),
	       "an empty header name is refused");
	tap_ok(parse_raw("a: 1\nb: 2\r\n\r\n", 0, &why) < 0 && strstr(why, "control character"),
	       "a bare LF inside a line is refused");
	tap_ok(parse_raw("auth: 00\r\nx: 1\r\n\r\n", 0, &why) < 0 && strstr(why, "auth"),
	       "a header after auth is refused");
	tap_ok(parse_raw("mn-id: a\r\nMN-ID: b\r\n\r\n", 0, &why) < 0 && strstr(why, "twice"),
	       "a repeated header is refused");
	tap_ok(parse_raw("x:   spaced value \r\n\r\n", 0, &why) == 0,
	       "blanks after the colon are not part of the value");
	{
		static uint8_t raw[16] = { 0, 1, 0, 9 };
		struct psac_mhauth_msg *mm = calloc(1, sizeof(*mm));

		memcpy(raw + 4, "a: 1\r\n\r\n", 8);
		tap_ok(psac_mhauth_parse(raw, 12, mm, &why) < 0 && strstr(why, "Length"),
		       "a Length that does not match the content is refused");
		raw[3] = 8;
		tap_ok(psac_mhauth_parse(raw, 12, mm, &why) == 0 &&
		       !strcmp(psac_mhauth_get(mm, "a"), "1"),
		       "the same message with the right Length parses");
		free(mm);
	}
}

static void test_suitelist(void)
{
	uint16_t ids[4];
	unsigned int n;

	tap_ok(!psac_mhauth_suitelist_parse("{00,9C} {00,2f},{FF,FF}", ids, 4, &n) &&
	       n == 3 && ids[0] == 0x009c && ids[1] == 0x002f && ids[2] == 0xffff,
	       "mip6-suitelist parses {XX,YY} items in either case");
	tap_ok(!psac_mhauth_suitelist_parse("0x009d 002f", ids, 4, &n) && n == 2 &&
	       ids[0] == 0x009d && ids[1] == 0x002f,
	       "mip6-suitelist also accepts 0x009d and 002f");
	tap_ok(psac_mhauth_suitelist_parse("{00,9c", ids, 4, &n) < 0 &&
	       psac_mhauth_suitelist_parse("", ids, 4, &n) < 0 &&
	       psac_mhauth_suitelist_parse("{0,9c}", ids, 4, &n) < 0 &&
	       psac_mhauth_suitelist_parse("{00,9c} {00,9d} {00,2f}", ids, 2, &n) < 0,
	       "mip6-suitelist refuses an open brace, nothing, 3 digits, too many");
}

/* Done-response content with one header replaced (or added). */
static int sa_with(const char *name, const char *value, uint64_t now,
		   struct psac_mnha_sa *sa, char *err, size_t errlen)
{
	static const char *const base[][2] = {
		{ "status-code", "200" }, { "mip6-spi", "0x1234567" },
		{ "mip6-ciphersuite", "{00,9c}" },
		{ "mip6-mn-to-ha-ekey", "000102030405060708090a0b0c0d0e0f10111213" },
		{ "mip6-ha-to-mn-ekey", "202122232425262728292a2b2c2d2e2f30313233" },
		{ "mip6-sa-validity-end", "2000" }, { "mip6-sas", "1" },
		{ "mip6-haa-ip6", "2001:0db8:0001:0000:0000:0000:0000:0001" },
		{ "mip6-port", "7872" },
		{ "mip6-ip6-hoa", "2001:0db8:0100:0000:0000:0000:0000:0010" },
	};
	struct psac_mhauth_builder *b = calloc(1, sizeof(*b));
	struct psac_mhauth_msg *m = calloc(1, sizeof(*m));
	const char *why;
	unsigned int i;
	int found = 0, r;

	psac_mhauth_begin(b, 2);
	for (i = 0; i < sizeof(base) / sizeof(base[0]); i++) {
		if (name && !strcmp(name, base[i][0])) {
			found = 1;
			if (value)
				psac_mhauth_add(b, name, "%s", value);
			continue;
		}
		psac_mhauth_add(b, base[i][0], "%s", base[i][1]);
	}
	if (name && !found && value)
		psac_mhauth_add(b, name, "%s", value);
	psac_mhauth_end(b, NULL, 0, NULL, NULL, 0);
	r = psac_mhauth_parse(b->buf, b->len, m, &why);
	if (!r)
		r = psac_mhauth_sa_from_msg(m, now, sa, err, errlen);
	else
		snprintf(err, errlen, "parse: %s", why);
	free(b);
	free(m);
	return r;
}

static void test_sa_checks(void)
{
	struct psac_mnha_sa sa;
	char err[256], a[64];

	err[0] = '\0';
	tap_ok(!sa_with(NULL, NULL, 1000, &sa, err, sizeof(err)),
	       "a complete Done response gives an SA (%s)", err[0] ? err : "ok");
	inet_ntop(AF_INET6, &sa.peer6, a, sizeof(a));
	tap_ok(sa.spi == 0x1234567 && sa.suite->id == PSAC_MNHA_SUITE_AES128_GCM &&
	       sa.key_len[PSAC_MNHA_EKEY_MN2HA] == 20 && sa.key[PSAC_MNHA_EKEY_HA2MN][0] == 0x20 &&
	       !sa.have_key[PSAC_MNHA_IKEY_MN2HA] && sa.valid_until == 2000 &&
	       sa.scope == 1 && sa.port == 7872 && sa.peer_af == AF_INET6 &&
	       !strcmp(a, "2001:db8:1::1") && sa.have_haa && sa.have_hoa,
	       "its fields: spi, suite, GCM keys with salt, validity, scope, port, peer = mip6-haa-ip6");
	tap_ok(sa_with(NULL, NULL, 2000, &sa, err, sizeof(err)) < 0 &&
	       strstr(err, "validity ended"),
	       "a mip6-sa-validity-end that is not in the future is refused (%s)", err);
	tap_ok(sa_with("mip6-sa-validity-end", NULL, 999999, &sa, err, sizeof(err)) == 0 &&
	       !sa.have_valid, "without mip6-sa-validity-end the SA never expires");
	tap_ok(sa_with("mip6-spi", "0x10000000", 1000, &sa, err, sizeof(err)) < 0 &&
	       sa_with("mip6-spi", "0", 1000, &sa, err, sizeof(err)) < 0,
	       "an SPI of 0 or beyond 28 bits is refused");
	tap_ok(sa_with("mip6-ciphersuite", "{12,34}", 1000, &sa, err, sizeof(err)) < 0 &&
	       strstr(err, "supports"), "an unknown suite is refused");
	tap_ok(sa_with("mip6-ha-to-mn-ekey", "00", 1000, &sa, err, sizeof(err)) < 0 &&
	       strstr(err, "wrong length"), "a key of the wrong length is refused (%s)", err);
	tap_ok(sa_with("mip6-mn-to-ha-ikey", "0011223344556677889900112233445566778899",
		       1000, &sa, err, sizeof(err)) < 0 && strstr(err, "no integrity"),
	       "an integrity key for a GCM suite is refused");
	tap_ok(sa_with("mip6-haa-ip6", NULL, 1000, &sa, err, sizeof(err)) < 0 &&
	       strstr(err, "home agent address"), "no home agent address is refused");
	tap_ok(sa_with("mip6-ip6-hoa", NULL, 1000, &sa, err, sizeof(err)) < 0 &&
	       strstr(err, "home address"), "no home address or prefix is refused");
	tap_ok(sa_with("mip6-sas", "2", 1000, &sa, err, sizeof(err)) < 0,
	       "mip6-sas other than 0 or 1 is refused");
	tap_ok(sa_with("mip6-ip6-hnp", "2001:db8::/129", 1000, &sa, err, sizeof(err)) < 0,
	       "a prefix length over 128 is refused");
	tap_ok(sa_with("mip6-port", "0", 1000, &sa, err, sizeof(err)) < 0,
	       "port 0 is refused");
}

int main(void)
{
	uint8_t cb256[32], cb384[48];

	seq(psk, sizeof(psk), 0x20);
	seq(mn_rand, sizeof(mn_rand), 0x00);
	seq(hac_rand, sizeof(hac_rand), 0x10);
	test_cb(cb256, cb384);
	test_build(cb256, cb384);
	test_parse(cb256, cb384);
	test_suitelist();
	test_sa_checks();
	return tap_done();
}
