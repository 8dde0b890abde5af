// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Unit tests: an MN-HA SA as OPTION_SA mode 3 (docs/wire-format.md), the
 * encoding 'psac hac' (ha-remote) pushes to a home agent's target role.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <linux/psac_wire.h>

#include "dhcp6msg.h"
#include "mnha_sa.h"
#include "tap.h"

#define NOW	1700000000ULL

static const uint8_t psk[32] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
				 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee,
				 0xff, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
				 11, 12, 13, 14, 15, 16 };

/* An HA-side SA of suite s; key k octet i is 16 * k + i + 1. */
static void make_sa(struct psac_mnha_sa *sa, const char *suite)
{
	int k;

	memset(sa, 0, sizeof(*sa));
	sa->suite = psac_mnha_suite_parse(suite);
	sa->spi = 0x0abcdef;
	inet_pton(AF_INET6, "2001:db8:100::10", &sa->hoa);
	sa->have_hoa = 1;
	sa->scope = 1;
	sa->have_scope = 1;
	sa->valid_until = NOW + 3600;
	sa->have_valid = 1;
	for (k = 0; k < PSAC_MNHA_N_KEYS; k++) {
		int is_e = k == PSAC_MNHA_EKEY_MN2HA || k == PSAC_MNHA_EKEY_HA2MN;
		size_t l = is_e ? sa->suite->ekey_len : sa->suite->ikey_len;
		size_t i;

		for (i = 0; i < l; i++)
			sa->key[k][i] = (uint8_t)(16 * k + i + 1);
		sa->key_len[k] = l;
		sa->have_key[k] = l != 0;
	}
}

static const struct {
	const char *suite;
	uint16_t encr, bits, integ;
	size_t keymat;
} suites[] = {
	{ "null-hmac-sha1", PSAC_ENCR_NULL, 0, PSAC_INTEG_HMAC_SHA1_96, 40 },
	{ "null-aes-xcbc", PSAC_ENCR_NULL, 0, PSAC_INTEG_AES_XCBC_96, 32 },
	{ "3des-hmac-sha1", PSAC_ENCR_3DES, 192, PSAC_INTEG_HMAC_SHA1_96, 88 },
	{ "aes128-hmac-sha1", PSAC_ENCR_AES_CBC, 128, PSAC_INTEG_HMAC_SHA1_96,
	  72 },
	{ "aes128-aes-xcbc", PSAC_ENCR_AES_CBC, 128, PSAC_INTEG_AES_XCBC_96,
	  64 },
	{ "aes128-gcm", PSAC_ENCR_AES_GCM_16, 128, PSAC_INTEG_NONE, 40 },
	{ "aes256-gcm", PSAC_ENCR_AES_GCM_16, 256, PSAC_INTEG_NONE, 72 },
};

static void test_encoding(void)
{
	uint8_t km[PSAC_MNHA_KEYMAT_MAX], want[PSAC_MNHA_KEYMAT_MAX];
	struct psac_sa_params p;
	struct psac_mnha_sa sa;
	struct in6_addr hoa;
	unsigned int i;
	const char *why;
	size_t kl;

	inet_pton(AF_INET6, "2001:db8:100::10", &hoa);
	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		size_t off = 0, e, a;
		int k, r;

		make_sa(&sa, suites[i].suite);
		r = psac_mnha_sa_to_option(&sa, 7872, NOW, &p, km, &kl, &why);
		tap_ok(r == 0 && p.protocol == PSAC_PROTO_UDP &&
		       p.mode == PSAC_MODE_MNHA_UDP && p.ulp == PSAC_ULP_ANY &&
		       p.key_prot_alg == PSAC_KEYPROT_PSK &&
		       p.encr_alg == suites[i].encr &&
		       p.encr_key_bits == suites[i].bits &&
		       p.integ_alg == suites[i].integ,
		       "%s: protocol 17, mode 3, ULP 0, encr %u/%u integ %u",
		       suites[i].suite, suites[i].encr, suites[i].bits,
		       suites[i].integ);
		tap_ok(r == 0 && p.spi_i2r == 0x0abcdef &&
		       p.spi_r2i == 0x0abcdef && p.sport == 7872 &&
		       p.dport == 0 && p.lifetime == 3600 &&
		       !memcmp(&p.peer, &hoa, sizeof(hoa)),
		       "%s: SPI-I2R = SPI-R2I = SPI, Peer = HoA, Src-Port = port, lifetime = seconds to validity end",
		       suites[i].suite);
		e = sa.suite->ekey_len;
		a = sa.suite->ikey_len;
		for (k = 0; k < PSAC_MNHA_N_KEYS; k++) {
			size_t l = (k == PSAC_MNHA_EKEY_MN2HA ||
				    k == PSAC_MNHA_EKEY_HA2MN) ? e : a;

			memcpy(want + off, sa.key[k], l);
			off += l;
		}
		tap_ok(r == 0 && kl == suites[i].keymat && kl == off &&
		       !memcmp(km, want, kl) &&
		       (e == 0 || km[0] == 1) &&
		       km[e + a] == (e ? 2 * 16 + 1 : 3 * 16 + 1),
		       "%s: KEYMAT = mn-to-ha ekey|ikey|ha-to-mn ekey|ikey (%zu octets)",
		       suites[i].suite, suites[i].keymat);
	}

	/* wire octets of one */
	{
		uint8_t fixed[PSAC_SA_AAD_FIXED_LEN];

		make_sa(&sa, "aes128-gcm");
		psac_mnha_sa_to_option(&sa, 7872, NOW, &p, km, &kl, &why);
		psac_sa_params_pack(&p, fixed);
		tap_ok(fixed[16] == 17 && fixed[17] == 3 && fixed[18] == 2 &&
		       fixed[20] == 0 && fixed[21] == 20 && fixed[22] == 0 &&
		       fixed[23] == 128 && fixed[24] == 0 && fixed[25] == 0 &&
		       fixed[26] == 0 &&
		       !memcmp(fixed + 28, "\x00\xab\xcd\xef\x00\xab\xcd\xef", 8) &&
		       !memcmp(fixed + 36, "\x00\x00\x0e\x10", 4) &&
		       fixed[40] == 0x1e && fixed[41] == 0xc0 &&
		       fixed[42] == 0 && fixed[43] == 0,
		       "aes128-gcm wire: 17, 3, PSK, encr 20/128, integ 0, ULP 0, SPIs, lifetime 3600, Src-Port 7872");
	}

	make_sa(&sa, "aes128-gcm");
	sa.valid_until = 0;
	sa.have_valid = 0;
	tap_ok(psac_mnha_sa_to_option(&sa, 7872, NOW, &p, km, &kl, &why) == 0 &&
	       p.lifetime == PSAC_LIFETIME_INFINITE,
	       "no validity end: Lifetime infinite");
	sa.valid_until = NOW + 0x1ffffffffULL;
	tap_ok(psac_mnha_sa_to_option(&sa, 7872, NOW, &p, km, &kl, &why) == 0 &&
	       p.lifetime == PSAC_LIFETIME_INFINITE - 1,
	       "a validity end beyond 2^32 s is capped below infinite");
}

static void test_refusals(void)
{
	uint8_t km[PSAC_MNHA_KEYMAT_MAX];
	struct psac_sa_params p;
	struct psac_mnha_sa sa;
	const char *why = NULL;
	size_t kl;

	make_sa(&sa, "aes128-gcm");
	sa.have_hoa = 0;
	sa.have_hoa4 = 1;
	tap_ok(psac_mnha_sa_to_option(&sa, 7872, NOW, &p, km, &kl, &why) &&
	       strstr(why, "needs hoa"), "an IPv4-only MN cannot be encoded");
	make_sa(&sa, "aes128-gcm");
	sa.have_hnp = 1;
	tap_ok(psac_mnha_sa_to_option(&sa, 7872, NOW, &p, km, &kl, &why) &&
	       strstr(why, "no hoa4, hnp"), "a home network prefix cannot be encoded");
	make_sa(&sa, "aes128-gcm");
	sa.scope = 0;
	tap_ok(psac_mnha_sa_to_option(&sa, 7872, NOW, &p, km, &kl, &why) &&
	       strstr(why, "scope 1"), "scope 0 (signalling only) cannot be encoded");
	make_sa(&sa, "aes128-gcm");
	sa.valid_until = NOW;
	tap_ok(psac_mnha_sa_to_option(&sa, 7872, NOW, &p, km, &kl, &why) &&
	       strstr(why, "ended"), "an ended validity is refused");
	make_sa(&sa, "aes128-gcm");
	sa.spi = 0x10000000;
	tap_ok(psac_mnha_sa_to_option(&sa, 7872, NOW, &p, km, &kl, &why) &&
	       strstr(why, "2^28"), "an SPI over 28 bits is refused");
	make_sa(&sa, "aes128-hmac-sha1");
	sa.key_len[PSAC_MNHA_IKEY_HA2MN] = 16;
	tap_ok(psac_mnha_sa_to_option(&sa, 7872, NOW, &p, km, &kl, &why) != 0,
	       "a key of the wrong length is refused");
	make_sa(&sa, "aes128-gcm");
	tap_ok(psac_mnha_sa_to_option(&sa, 0, NOW, &p, km, &kl, &why) != 0,
	       "port 0 is refused");

	tap_ok(psac_mnha_suite_find(PSAC_ENCR_3DES, 0,
					PSAC_INTEG_HMAC_SHA1_96) ==
	       psac_mnha_suite_parse("3des-hmac-sha1") &&
	       !psac_mnha_suite_find(PSAC_ENCR_AES_GCM_16, 192,
					 PSAC_INTEG_NONE) &&
	       !psac_mnha_suite_find(PSAC_ENCR_AES_GCM_16, 128,
					 PSAC_INTEG_HMAC_SHA1_96),
	       "suite from IKEv2 IDs: 3DES without bits, no AES-192-GCM, no GCM with integrity");
}

/* Through a whole SACONFIGURATION and back, as the home agent sees it. */
static void test_roundtrip(void)
{
	static uint8_t buf[4096];
	uint8_t km[PSAC_MNHA_KEYMAT_MAX], got_km[PSAC_MNHA_KEYMAT_MAX];
	struct psac_auth_key key = { 7, psk, sizeof(psk), NULL, 0 };
	struct psac_mnha_sa sa, back;
	struct psac_sa_out out;
	struct psac_msg m;
	const char *why = "";
	unsigned int i;
	size_t len, gl;
	int r, same = 1, k;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		make_sa(&sa, suites[i].suite);
		r = psac_mnha_sa_to_option(&sa, 7000, NOW, &out.p, km,
					   &out.keymat_len, &why);
		out.keymat = km;
		r = r ?: psac_build_saconfig(buf, sizeof(buf), &len, 0x123456,
					     (const uint8_t *)"\0\2duid", 6,
					     &out, 1, &key, 99);
		r = r ?: psac_msg_parse(buf, len, &m, &why);
		r = r ?: psac_msg_check(&m, &why);
		r = r ?: psac_msg_verify(buf, len, &m, psk, sizeof(psk));
		r = r ?: psac_sa_unwrap_psk(&m, 0, psk, sizeof(psk), got_km,
					    sizeof(got_km), &gl);
		r = r ?: psac_mnha_sa_from_option(&m.sa[0].p, got_km, gl,
						  NOW + 10, &back, &why);
		for (k = 0; !r && k < PSAC_MNHA_N_KEYS; k++)
			if (back.key_len[k] != sa.key_len[k] ||
			    memcmp(back.key[k], sa.key[k], sa.key_len[k]))
				same = 0;
		tap_ok(!r && same && back.suite == sa.suite &&
		       back.spi == sa.spi && back.port == 7000 &&
		       !memcmp(&back.hoa, &sa.hoa, sizeof(sa.hoa)) &&
		       back.valid_until == NOW + 10 + 3600,
		       "%s: SACONFIGURATION round trip gives the same SA (%s)",
		       suites[i].suite, r ? why : "ok");
	}

	/* what the home agent refuses to turn into an SA */
	make_sa(&sa, "aes128-gcm");
	psac_mnha_sa_to_option(&sa, 7872, NOW, &out.p, km, &out.keymat_len,
			       &why);
	tap_ok(psac_mnha_sa_from_option(&out.p, km, out.keymat_len - 1, NOW,
					&back, &why) && strstr(why, "KEYMAT"),
	       "from OPTION_SA: a KEYMAT one octet short is refused");
	out.p.spi_r2i++;
	tap_ok(psac_mnha_sa_from_option(&out.p, km, out.keymat_len, NOW,
					&back, &why) && strstr(why, "same 28-bit"),
	       "from OPTION_SA: different SPI-I2R and SPI-R2I are refused");
	out.p.spi_r2i--;
	out.p.protocol = PSAC_PROTO_ESP;
	tap_ok(psac_mnha_sa_from_option(&out.p, km, out.keymat_len, NOW,
					&back, &why) && strstr(why, "protocol 17"),
	       "from OPTION_SA: protocol ESP is not an MN-HA SA");
	out.p.protocol = PSAC_PROTO_UDP;
	out.p.lifetime = PSAC_LIFETIME_INFINITE;
	tap_ok(!psac_mnha_sa_from_option(&out.p, km, out.keymat_len, NOW,
					 &back, &why) && !back.valid_until,
	       "from OPTION_SA: Lifetime infinite gives no validity end");
}

int main(void)
{
	test_encoding();
	test_refusals();
	test_roundtrip();
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
