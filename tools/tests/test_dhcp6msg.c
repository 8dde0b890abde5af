// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Tests for tools/lib/dhcp6msg.c: whole-message known-answer vectors (computed
 * independently by tests/gen_vectors.py), build -> parse -> verify -> unwrap
 * round trips, and malformed/tampered input.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "dhcp6msg.h"
#include "tap.h"

static size_t unhex(const char *s, uint8_t *out, size_t size)
{
	long n = psac_hex_decode(s, out, size);

	if (n < 0) {
		fprintf(stderr, "bad hex in test: %s\n", s);
		exit(2);
	}
	return (size_t)n;
}

struct fixed_rng {
	const uint8_t *p;
	size_t len, off;
};

static int fixed_rng_fn(void *ctx, uint8_t *buf, size_t len)
{
	struct fixed_rng *r = ctx;

	if (len > r->len - r->off)
		return -1;
	memcpy(buf, r->p + r->off, len);
	r->off += len;
	return 0;
}

static int sa_eq(const struct psac_sa_params *a, const struct psac_sa_params *b)
{
	return !memcmp(&a->peer, &b->peer, 16) && a->protocol == b->protocol &&
	       a->mode == b->mode && a->key_prot_alg == b->key_prot_alg &&
	       a->encr_alg == b->encr_alg &&
	       a->encr_key_bits == b->encr_key_bits &&
	       a->integ_alg == b->integ_alg && a->ulp == b->ulp &&
	       a->spi_i2r == b->spi_i2r && a->spi_r2i == b->spi_r2i &&
	       a->lifetime == b->lifetime && a->sport == b->sport &&
	       a->dport == b->dport;
}

static int rp_eq(const struct psac_req_params *a,
		 const struct psac_req_params *b)
{
	return a->protocol == b->protocol && a->mode == b->mode &&
	       a->flags == b->flags && a->encr_alg == b->encr_alg &&
	       a->encr_key_bits == b->encr_key_bits &&
	       a->integ_alg == b->integ_alg && a->ulp == b->ulp &&
	       a->requestor_spi == b->requestor_spi &&
	       a->lifetime == b->lifetime && a->sport == b->sport &&
	       a->dport == b->dport;
}

/* ---------------------------------------------------------------------- */
/* Fixed inputs, mirrored in tests/gen_vectors.py                         */
/* ---------------------------------------------------------------------- */

#define KAT_XID		0x123456
#define KAT_KEY_ID	7
#define KAT_COUNTER	0x0000000100000002ULL
#define KAT_REALM	"psac.example"
#define KAT_SERVERID	"000200007ed90102030405060708"
#define KAT_CLIENTID	"00030001020000005301"
#define KAT_NONCE	"101112131415161718191a1b"
#define ALICE_PRIV "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"
#define BOB_PRIV   "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"
#define BOB_PUB    "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"

static const char kat_saconfig[] =
	"f01234560002000e000200007ed90102030405060708ff03007220010db80000"
	"0000000000000000000132010200001400800000110000001000000020000000"
	"0e10000000350044101112131415161718191a1b1b94a5db846802b3fb9ce48c"
	"7c41865b6ee57d7faadfde85435a75da7f602af6744e14ec6e1ac987bda0ce85"
	"ac31d8a2f9fa02ce70704fc8000b003b0202000000000100000002707361632e"
	"6578616d706c6500000007288848a69524cd29c06f623fc9a7e0312cecd2bf5a"
	"3d0edf5e19dc4e7e409967";

static const char kat_saconfig_reply[] =
	"f11234560002000e000200007ed901020304050607080001000a000300010200"
	"00005301000d000b0000696e7374616c6c6564ff040038ff03002e20010db800"
	"0000000000000000000001320102000014008000001100000010000000200000"
	"000e10000000350000000d00020000000b002f02020000000000000000010000"
	"00073b212c2220e7ebc5f77eadedb14480dd4b56884d68de5e19dc182901fb05"
	"593b";

static const char kat_sa_reply[] =
	"071234560002000e000200007ed901020304050607080001000a000300010200"
	"00005301ff040096ff03009220010db800000000000000000000005332010100"
	"0014008000001100000010000000200000000e100000003500648520f0098930"
	"a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a101112131415"
	"161718191a1b0f7226c4ba5cb9a41166948514e06b6074e9d850d279037484f3"
	"82aaa4af004f91c4d23bd850d04f349a26f84f08ef19234429cd91ff8d67";

static uint8_t psk[32], keymat[40], serverid[14], clientid[10];

static void kat_init(void)
{
	int i;

	for (i = 0; i < 32; i++)
		psk[i] = (uint8_t)(0x40 + i);
	for (i = 0; i < 40; i++)
		keymat[i] = (uint8_t)(0xa0 + i);
	unhex(KAT_SERVERID, serverid, sizeof(serverid));
	unhex(KAT_CLIENTID, clientid, sizeof(clientid));
}

static void kat_sa(struct psac_sa_params *p, const char *peer)
{
	memset(p, 0, sizeof(*p));
	inet_pton(AF_INET6, peer, &p->peer);
	p->protocol = PSAC_PROTO_ESP;
	p->mode = PSAC_MODE_TRANSPORT;
	p->encr_alg = PSAC_ENCR_AES_GCM_16;
	p->encr_key_bits = 128;
	p->integ_alg = PSAC_INTEG_NONE;
	p->ulp = PSAC_ULP_UDP;
	p->spi_i2r = 0x1000;
	p->spi_r2i = 0x2000;
	p->lifetime = 3600;
	p->dport = 53;
}

static const struct psac_auth_key kat_key = {
	.key_id = KAT_KEY_ID,
	.psk = psk,
	.psk_len = sizeof(psk),
	.realm = (const uint8_t *)KAT_REALM,
	.realm_len = sizeof(KAT_REALM) - 1,
};

static int build_kat_saconfig(uint8_t *buf, size_t cap, size_t *len)
{
	struct fixed_rng r = { NULL, 12, 0 };
	uint8_t nonce[12];
	struct psac_sa_out sa;
	int ret;

	unhex(KAT_NONCE, nonce, sizeof(nonce));
	r.p = nonce;
	kat_sa(&sa.p, "2001:db8::1");
	sa.keymat = keymat;
	sa.keymat_len = sizeof(keymat);
	psac_crypto_set_test_rng(fixed_rng_fn, &r);
	ret = psac_build_saconfig(buf, cap, len, KAT_XID, serverid,
				  sizeof(serverid), &sa, 1, &kat_key,
				  KAT_COUNTER);
	psac_crypto_set_test_rng(NULL, NULL);
	return ret;
}

/* ---------------------------------------------------------------------- */

static void test_saconfig_kat(void)
{
	uint8_t buf[512], want[512], km[PSAC_KEYMAT_MAX];
	struct psac_sa_params p;
	struct psac_msg m;
	const char *why = NULL;
	size_t len = 0, wlen, kl = 0;
	int ret;

	wlen = unhex(kat_saconfig, want, sizeof(want));
	ret = build_kat_saconfig(buf, sizeof(buf), &len);
	tap_ok(ret == 0 && len == wlen, "SACONFIGURATION build returns 0, %zu octets", wlen);
	tap_mem(buf, want, wlen, "SACONFIGURATION known-answer vector matches");

	ret = psac_msg_parse(want, wlen, &m, &why);
	if (!tap_ok(ret == 0, "SACONFIGURATION vector parses"))
		tap_diag("parse: %s", why);
	tap_ok(psac_msg_check(&m, &why) == 0,
	       "SACONFIGURATION vector has the mandatory options");
	kat_sa(&p, "2001:db8::1");
	p.key_prot_alg = PSAC_KEYPROT_PSK;
	tap_ok(m.type == PSAC_DHCP6_MSG_SACONFIG && m.xid == KAT_XID &&
	       m.serverid_len == sizeof(serverid) &&
	       !memcmp(m.serverid, serverid, sizeof(serverid)) && !m.clientid &&
	       m.n_sa == 1 && !m.sa[0].in_list &&
	       sa_eq(&m.sa[0].p, &p) && m.sa[0].prot_len == 68,
	       "SACONFIGURATION parsed fields are the ones built");
	tap_ok(m.auth.present && m.auth.proto == PSAC_AUTH_PROTO_DELAYED &&
	       m.auth.alg == PSAC_AUTH_ALG_HMAC_SHA256 &&
	       m.auth.rdm == PSAC_AUTH_RDM_COUNTER &&
	       m.auth.counter == KAT_COUNTER && m.auth.key_id == KAT_KEY_ID &&
	       m.auth.realm_len == strlen(KAT_REALM) &&
	       !memcmp(m.auth.realm, KAT_REALM, m.auth.realm_len) &&
	       m.auth.hmac_off == wlen - 32,
	       "OPTION_AUTH parsed: delayed, HMAC-SHA256, RDM 0, counter, realm, key-id");
	tap_ok(psac_msg_verify(want, wlen, &m, psk, sizeof(psk)) == 0,
	       "SACONFIGURATION HMAC verifies with the PSK");
	ret = psac_sa_unwrap_psk(&m, 0, psk, sizeof(psk), km, sizeof(km), &kl);
	tap_ok(ret == 0 && kl == sizeof(keymat) && !memcmp(km, keymat, kl),
	       "SACONFIGURATION OPTION_SA unwraps to the KEYMAT");
	tap_ok(psac_sa_unwrap_x25519(&m, 0, psk, km, sizeof(km), &kl) ==
	       -EPROTO, "PSK-protected SA refuses X25519 unwrap");
}

static void test_saconfig_reply_kat(void)
{
	uint8_t buf[512], want[512];
	struct psac_sa_result res;
	struct psac_auth_key key = kat_key;
	struct psac_msg m;
	const char *why = NULL;
	size_t len = 0, wlen;
	int ret;

	key.realm = NULL;
	key.realm_len = 0;
	wlen = unhex(kat_saconfig_reply, want, sizeof(want));
	kat_sa(&res.p, "2001:db8::1");
	res.p.key_prot_alg = PSAC_KEYPROT_PSK;
	res.status = PSAC_STATUS_SUCCESS;
	res.msg = NULL;
	ret = psac_build_saconfig_reply(buf, sizeof(buf), &len, KAT_XID,
					serverid, sizeof(serverid), clientid,
					sizeof(clientid), PSAC_STATUS_SUCCESS,
					"installed", &res, 1, &key, 1);
	tap_ok(ret == 0 && len == wlen,
	       "SACONFIGURATION-REPLY build returns 0, %zu octets", wlen);
	tap_mem(buf, want, wlen,
		"SACONFIGURATION-REPLY known-answer vector matches");

	ret = psac_msg_parse(want, wlen, &m, &why);
	tap_ok(ret == 0 && psac_msg_check(&m, &why) == 0,
	       "SACONFIGURATION-REPLY vector parses and has the mandatory options");
	tap_ok(m.type == PSAC_DHCP6_MSG_SACONFIG_REPLY && m.xid == KAT_XID &&
	       m.clientid_len == sizeof(clientid) && m.status.present &&
	       m.status.code == 0 && m.status.msg_len == 9 &&
	       !memcmp(m.status.msg, "installed", 9) && m.has_sa_list &&
	       m.n_sa == 1 && m.sa[0].in_list && m.sa[0].prot_len == 0 &&
	       m.sa[0].p.spi_i2r == 0x1000 && m.sa[0].p.spi_r2i == 0x2000 &&
	       m.sa[0].status.present && m.sa[0].status.code == 0 &&
	       !m.list_status.present,
	       "SACONFIGURATION-REPLY per-SA status follows its OPTION_SA echo");
	tap_ok(m.auth.present && m.auth.counter == 1 && m.auth.realm_len == 0 &&
	       psac_msg_verify(want, wlen, &m, psk, sizeof(psk)) == 0,
	       "SACONFIGURATION-REPLY HMAC verifies (empty realm)");
}

static void test_sa_reply_kat(void)
{
	uint8_t buf[512], want[512], stream[44], bpub[32], bpriv[32],
		km[PSAC_KEYMAT_MAX];
	struct fixed_rng r = { stream, sizeof(stream), 0 };
	struct psac_sa_out sa;
	struct psac_msg m;
	const char *why = NULL;
	size_t len = 0, wlen, kl = 0;
	int ret;

	wlen = unhex(kat_sa_reply, want, sizeof(want));
	unhex(ALICE_PRIV, stream, 32);
	unhex(KAT_NONCE, stream + 32, 12);
	unhex(BOB_PUB, bpub, 32);
	unhex(BOB_PRIV, bpriv, 32);
	kat_sa(&sa.p, "2001:db8::53");
	sa.keymat = keymat;
	sa.keymat_len = sizeof(keymat);
	psac_crypto_set_test_rng(fixed_rng_fn, &r);
	ret = psac_build_sa_reply(buf, sizeof(buf), &len, KAT_XID, serverid,
				  sizeof(serverid), clientid, sizeof(clientid),
				  bpub, &sa, 1, PSAC_STATUS_SUCCESS, NULL);
	psac_crypto_set_test_rng(NULL, NULL);
	tap_ok(ret == 0 && len == wlen, "Reply with SA_LIST build returns 0");
	tap_mem(buf, want, wlen, "Reply with SA_LIST known-answer vector matches");

	ret = psac_msg_parse(want, wlen, &m, &why);
	tap_ok(ret == 0 && psac_msg_check(&m, &why) == 0 &&
	       m.type == PSAC_DHCP6_MSG_REPLY && m.n_sa == 1 &&
	       m.sa[0].in_list && !m.status.present &&
	       m.sa[0].p.key_prot_alg == PSAC_KEYPROT_X25519,
	       "Reply with SA_LIST parses: one X25519-protected SA");
	ret = psac_sa_unwrap_x25519(&m, 0, bpriv, km, sizeof(km), &kl);
	tap_ok(ret == 0 && kl == sizeof(keymat) && !memcmp(km, keymat, kl),
	       "Reply SA unwraps with the requestor's private key");
	tap_ok(psac_msg_verify(want, wlen, &m, psk, sizeof(psk)) == -ENOKEY,
	       "Reply without OPTION_AUTH reports -ENOKEY on verify");
}

/* ---------------------------------------------------------------------- */

static void test_info_request(void)
{
	struct psac_req_params rp[2] = {
		{ .protocol = PSAC_PROTO_ESP, .mode = PSAC_MODE_TRANSPORT,
		  .flags = PSAC_SA_F_ESN, .encr_alg = PSAC_ENCR_AES_GCM_16,
		  .encr_key_bits = 256, .integ_alg = PSAC_INTEG_NONE,
		  .ulp = PSAC_ULP_UDP, .requestor_spi = 0xc0de,
		  .lifetime = 600, .sport = 0, .dport = 53 },
		{ .protocol = PSAC_PROTO_ESP, .mode = PSAC_MODE_TRANSPORT,
		  .encr_alg = PSAC_ENCR_AES_CBC, .encr_key_bits = 128,
		  .integ_alg = PSAC_INTEG_HMAC_SHA2_256_128,
		  .ulp = PSAC_ULP_MH, .lifetime = PSAC_LIFETIME_INFINITE,
		  .sport = PSAC_MH_TYPE_BU },
	};
	struct psac_sareq_out rq[2];
	uint8_t buf[512], priv[32], pub[32];
	struct psac_msg m;
	const char *why = NULL;
	size_t len = 0;
	int ret;

	psac_x25519_keygen(priv, pub);
	inet_pton(AF_INET6, "2001:db8::53", &rq[0].target);
	rq[0].params = rp;
	rq[0].nparams = 2;
	inet_pton(AF_INET6, "2001:db8::5060", &rq[1].target);
	rq[1].params = rp + 1;
	rq[1].nparams = 1;
	ret = psac_build_sa_request(buf, sizeof(buf), &len,
				    PSAC_DHCP6_MSG_INFO_REQUEST, 0xabcdef,
				    clientid, sizeof(clientid), pub, rq, 2);
	tap_ok(ret == 0 && len == 4 + 14 + 6 + 6 + 38 + (20 + 56) + (20 + 28),
	       "Information-Request with CLIENT_PUBKEY + 2 SA_REQUEST builds");
	ret = psac_msg_parse(buf, len, &m, &why);
	tap_ok(ret == 0 && psac_msg_check(&m, &why) == 0 &&
	       m.type == PSAC_DHCP6_MSG_INFO_REQUEST && m.xid == 0xabcdef &&
	       m.has_elapsed && m.n_oro == 1 && m.oro[0] == PSAC_OPT_SA_LIST &&
	       m.has_pubkey && m.pk_alg == PSAC_PK_ALG_X25519 &&
	       m.pubkey_len == 32 && !memcmp(m.pubkey, pub, 32),
	       "Information-Request parses: ORO{SA_LIST}, Elapsed Time, X25519 key");
	tap_ok(m.n_sareq == 2 && m.sareq[0].nparams == 2 &&
	       m.sareq[1].nparams == 1 &&
	       !memcmp(&m.sareq[0].target, &rq[0].target, 16) &&
	       !memcmp(&m.sareq[1].target, &rq[1].target, 16) &&
	       rp_eq(&m.sareq[0].params[0], &rp[0]) &&
	       rp_eq(&m.sareq[0].params[1], &rp[1]) &&
	       rp_eq(&m.sareq[1].params[0], &rp[1]),
	       "SA_REQUEST targets and ordered SA_REQ_PARAMS round-trip");
	tap_ok(buf[0] == PSAC_DHCP6_MSG_INFO_REQUEST &&
	       psac_build_sa_request(buf, sizeof(buf), &len,
				     PSAC_DHCP6_MSG_SOLICIT, 1, clientid,
				     sizeof(clientid), pub, rq, 1) == -EINVAL,
	       "SA request builder refuses message types other than Info-Request/Request");
	{
		struct psac_sareq_out bad = rq[0];

		bad.nparams = 0;
		tap_ok(psac_build_sa_request(buf, sizeof(buf), &len,
					     PSAC_DHCP6_MSG_REQUEST, 1,
					     clientid, sizeof(clientid), pub,
					     &bad, 1) == -EINVAL,
		       "SA_REQUEST without proposals is refused");
	}
}

/* ---------------------------------------------------------------------- */

static void test_multi_sa(void)
{
	uint8_t km1[96], km2[40], buf[2048], out[PSAC_KEYMAT_MAX];
	struct psac_sa_out sa[3];
	struct psac_msg m;
	const char *why = NULL;
	size_t len = 0, kl, i;
	int ret, ok = 1;

	psac_random(km1, sizeof(km1));
	psac_random(km2, sizeof(km2));
	kat_sa(&sa[0].p, "2001:db8::10");
	sa[0].p.encr_alg = PSAC_ENCR_AES_CBC;
	sa[0].p.integ_alg = PSAC_INTEG_HMAC_SHA2_256_128;
	sa[0].keymat = km1;
	sa[0].keymat_len = sizeof(km1);
	kat_sa(&sa[1].p, "2001:db8::11");
	sa[1].p.ulp = PSAC_ULP_MH;
	sa[1].p.sport = PSAC_MH_TYPE_BU;
	sa[1].p.dport = 0;
	sa[1].p.spi_i2r = 0x1001;
	sa[1].keymat = km2;
	sa[1].keymat_len = sizeof(km2);
	kat_sa(&sa[2].p, "2001:db8::12");	/* delete: lifetime 0 */
	sa[2].p.lifetime = 0;
	sa[2].keymat = NULL;
	sa[2].keymat_len = 0;

	ret = psac_build_saconfig(buf, sizeof(buf), &len, 0x000001, serverid,
				  sizeof(serverid), sa, 3, &kat_key, 42);
	tap_ok(ret == 0, "SACONFIGURATION with 3 SAs (CBC+HMAC, GCM/MH, delete) builds");
	ret = psac_msg_parse(buf, len, &m, &why);
	tap_ok(ret == 0 && m.n_sa == 3 && psac_msg_check(&m, &why) == 0 &&
	       psac_msg_verify(buf, len, &m, psk, sizeof(psk)) == 0,
	       "3-SA SACONFIGURATION parses and verifies");
	for (i = 0; i < 3; i++) {
		struct psac_sa_params want = sa[i].p;

		want.key_prot_alg = PSAC_KEYPROT_PSK;
		kl = 999;
		ret = psac_sa_unwrap_psk(&m, (unsigned int)i, psk, sizeof(psk),
					 out, sizeof(out), &kl);
		if (ret || kl != sa[i].keymat_len ||
		    (kl && memcmp(out, sa[i].keymat, kl)) ||
		    !sa_eq(&m.sa[i].p, &want))
			ok = 0;
	}
	tap_ok(ok, "each of the 3 SAs round-trips its parameters and KEYMAT");
	tap_ok(m.sa[2].prot_len == PSAC_KEYWRAP_PSK_OVERHEAD,
	       "a delete (Lifetime 0) still carries a wrapped empty KEYMAT");

	/* too small a buffer */
	tap_ok(psac_build_saconfig(buf, 100, &len, 1, serverid,
				   sizeof(serverid), sa, 3, &kat_key, 1) ==
	       -EMSGSIZE, "builder reports -EMSGSIZE when the buffer is too small");
	tap_ok(psac_build_saconfig(buf, sizeof(buf), &len, 0x1000000, serverid,
				   sizeof(serverid), sa, 1, &kat_key, 1) ==
	       -EINVAL, "builder rejects a transaction-id wider than 24 bits");
}

/* ---------------------------------------------------------------------- */
/* Negative cases                                                          */
/* ---------------------------------------------------------------------- */

/* parse + check + verify + unwrap all SAs: 0 only when everything passes */
static int full_accept(const uint8_t *buf, size_t len)
{
	uint8_t km[PSAC_KEYMAT_MAX];
	struct psac_msg m;
	unsigned int i;
	size_t kl;

	if (psac_msg_parse(buf, len, &m, NULL) || psac_msg_check(&m, NULL) ||
	    psac_msg_verify(buf, len, &m, psk, sizeof(psk)))
		return -1;
	for (i = 0; i < m.n_sa; i++)
		if (psac_sa_unwrap_psk(&m, i, psk, sizeof(psk), km, sizeof(km),
				       &kl))
			return -1;
	return 0;
}

/* Re-sign a modified message so only the key binding can catch it. */
static int resign(uint8_t *buf, size_t len)
{
	struct psac_msg m;

	if (psac_msg_parse(buf, len, &m, NULL))
		return -1;
	return psac_msg_sign(buf, len, m.auth.hmac_off, psk, sizeof(psk));
}

static void test_tamper(void)
{
	uint8_t want[512], t[512];
	struct psac_msg m;
	const char *why;
	size_t wlen, i;
	int bad = 0, ret;

	wlen = unhex(kat_saconfig, want, sizeof(want));
	tap_ok(full_accept(want, wlen) == 0,
	       "reference SACONFIGURATION is fully accepted");

	for (i = 0; i < wlen * 8; i++) {
		memcpy(t, want, wlen);
		t[i / 8] ^= (uint8_t)(1u << (i % 8));
		if (full_accept(t, wlen) == 0)
			bad++;
	}
	tap_ok(bad == 0, "every single-bit flip of SACONFIGURATION (%zu) is rejected",
	       wlen * 8);

	bad = 0;
	for (i = 0; i < wlen; i++)
		if (full_accept(want, i) == 0)
			bad++;
	tap_ok(bad == 0, "every truncation of SACONFIGURATION is rejected");

	psac_msg_parse(want, wlen, &m, NULL);
	psk[31] ^= 1;
	tap_ok(psac_msg_verify(want, wlen, &m, psk, sizeof(psk)) == -EBADMSG,
	       "HMAC does not verify with another PSK");
	psk[31] ^= 1;

	/* xid changed and message re-signed: the AAD still binds the key */
	memcpy(t, want, wlen);
	t[3] ^= 0x01;
	ret = resign(t, wlen);
	psac_msg_parse(t, wlen, &m, NULL);
	{
		uint8_t km[PSAC_KEYMAT_MAX];
		size_t kl;

		tap_ok(ret == 0 && psac_msg_verify(t, wlen, &m, psk, sizeof(psk)) == 0 &&
		       psac_sa_unwrap_psk(&m, 0, psk, sizeof(psk), km,
					  sizeof(km), &kl) == -EBADMSG,
		       "key moved to another xid (re-signed) fails to unwrap");
		/* SPI-R2I changed, re-signed */
		memcpy(t, want, wlen);
		t[22 + 4 + 35] ^= 0x01;	/* SERVERID 18 + hdr 4, SA hdr 4 */
		ret = resign(t, wlen);
		psac_msg_parse(t, wlen, &m, NULL);
		tap_ok(ret == 0 && m.sa[0].p.spi_r2i == (0x2000 ^ 0x01) &&
		       psac_sa_unwrap_psk(&m, 0, psk, sizeof(psk), km,
					  sizeof(km), &kl) == -EBADMSG,
		       "key moved to another SPI (re-signed) fails to unwrap");
	}

	/* OPTION_AUTH with another algorithm / RDM / protocol */
	{
		size_t ao = wlen - (4 + 59);	/* OPTION_AUTH start */
		static const struct { size_t off; const char *what; } f[] = {
			{ 4, "protocol 3" }, { 5, "algorithm 1 (HMAC-MD5)" },
			{ 6, "RDM 1" },
		};

		for (i = 0; i < 3; i++) {
			memcpy(t, want, wlen);
			t[ao + f[i].off] = (uint8_t)(i == 0 ? 3 : 1);
			psac_msg_parse(t, wlen, &m, NULL);
			tap_ok(psac_msg_verify(t, wlen, &m, psk, sizeof(psk)) ==
			       -EPROTO, "OPTION_AUTH with %s is refused (-EPROTO)",
			       f[i].what);
		}
	}

	/* no OPTION_AUTH */
	{
		size_t nlen = wlen - (4 + 59);

		ret = psac_msg_parse(want, nlen, &m, &why);
		tap_ok(ret == 0 && psac_msg_check(&m, &why) != 0 &&
		       psac_msg_verify(want, nlen, &m, psk, sizeof(psk)) ==
		       -ENOKEY, "SACONFIGURATION without OPTION_AUTH is refused");
	}
}

static void test_malformed(void)
{
	uint8_t b[1024] = { 0 }, pub[32] = { 9 };
	struct psac_wbuf w;
	struct psac_msg m;
	const char *why;
	size_t o, o2;
	int i;

	/* header too short */
	tap_ok(psac_msg_parse(b, 3, &m, &why) == -EBADMSG,
	       "message shorter than 4 octets is malformed");

	/* option overruns the message */
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_SACONFIG, 1);
	psac_wbuf_u16(&w, PSAC_DHCP6_OPT_SERVERID);
	psac_wbuf_u16(&w, 20);
	psac_wbuf_put(&w, serverid, 14);
	tap_ok(psac_msg_parse(b, w.len, &m, &why) == -EBADMSG,
	       "option longer than the message is malformed (%s)", why);

	/* truncated option header */
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_SACONFIG, 1);
	psac_wbuf_u16(&w, PSAC_DHCP6_OPT_SERVERID);
	tap_ok(psac_msg_parse(b, w.len, &m, &why) == -EBADMSG,
	       "truncated option header is malformed");

	/* duplicate SERVERID */
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_SACONFIG, 1);
	psac_wbuf_opt(&w, PSAC_DHCP6_OPT_SERVERID, serverid, 14);
	psac_wbuf_opt(&w, PSAC_DHCP6_OPT_SERVERID, serverid, 14);
	tap_ok(psac_msg_parse(b, w.len, &m, &why) == -EBADMSG,
	       "duplicate SERVERID is malformed");

	/* OPTION_SA shorter than its fixed part */
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_SACONFIG, 1);
	psac_wbuf_opt(&w, PSAC_OPT_SA, NULL, 45);
	tap_ok(psac_msg_parse(b, w.len, &m, &why) == -EBADMSG,
	       "OPTION_SA shorter than 46 octets is malformed");

	/* Protected-Key-Len inconsistent with the option length */
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_SACONFIG, 1);
	o = psac_wbuf_opt_begin(&w, PSAC_OPT_SA);
	psac_wbuf_put(&w, NULL, 44);
	psac_wbuf_u16(&w, 29);
	psac_wbuf_put(&w, NULL, 28);
	psac_wbuf_opt_end(&w, o);
	tap_ok(psac_msg_parse(b, w.len, &m, &why) == -EBADMSG,
	       "OPTION_SA Protected-Key-Len mismatch is malformed");

	/* too many SAs */
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_SACONFIG, 1);
	for (i = 0; i < PSAC_MSG_MAX_SA + 1; i++) {
		struct psac_sa_params p;

		kat_sa(&p, "2001:db8::1");
		psac_put_sa_echo(&w, &p);
	}
	tap_ok(!w.err && psac_msg_parse(b, w.len, &m, &why) == -E2BIG,
	       "more than %d OPTION_SA is refused (-E2BIG)", PSAC_MSG_MAX_SA);

	/* SA_REQ_PARAMS of the wrong length, SA_REQUEST without params */
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_INFO_REQUEST, 1);
	o = psac_wbuf_opt_begin(&w, PSAC_OPT_SA_REQUEST);
	psac_wbuf_put(&w, NULL, 16);
	psac_wbuf_opt(&w, PSAC_OPT_SA_REQ_PARAMS, NULL, 23);
	psac_wbuf_opt_end(&w, o);
	tap_ok(psac_msg_parse(b, w.len, &m, &why) == -EBADMSG,
	       "SA_REQ_PARAMS of 23 octets is malformed");
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_INFO_REQUEST, 1);
	psac_wbuf_opt(&w, PSAC_OPT_SA_REQUEST, NULL, 16);
	tap_ok(psac_msg_parse(b, w.len, &m, &why) == -EBADMSG,
	       "SA_REQUEST without SA_REQ_PARAMS is malformed");

	/* X25519 CLIENT_PUBKEY of the wrong size */
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_INFO_REQUEST, 1);
	o = psac_wbuf_opt_begin(&w, PSAC_OPT_CLIENT_PUBKEY);
	psac_wbuf_u8(&w, PSAC_PK_ALG_X25519);
	psac_wbuf_u8(&w, 0);
	psac_wbuf_put(&w, pub, 31);
	psac_wbuf_opt_end(&w, o);
	tap_ok(psac_msg_parse(b, w.len, &m, &why) == -EBADMSG,
	       "31-octet X25519 CLIENT_PUBKEY is malformed");

	/* SA_REQUEST without CLIENT_PUBKEY fails the message check */
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_INFO_REQUEST, 1);
	o = psac_wbuf_opt_begin(&w, PSAC_OPT_SA_REQUEST);
	psac_wbuf_put(&w, NULL, 16);
	psac_wbuf_opt(&w, PSAC_OPT_SA_REQ_PARAMS, NULL, 24);
	psac_wbuf_opt_end(&w, o);
	tap_ok(psac_msg_parse(b, w.len, &m, &why) == 0 &&
	       psac_msg_check(&m, &why) != 0,
	       "SA_REQUEST without CLIENT_PUBKEY fails the message check");

	/* option inside SA_LIST overruns it */
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_REPLY, 1);
	o = psac_wbuf_opt_begin(&w, PSAC_OPT_SA_LIST);
	psac_wbuf_u16(&w, PSAC_DHCP6_OPT_STATUS_CODE);
	psac_wbuf_u16(&w, 10);
	psac_wbuf_u16(&w, 0);
	psac_wbuf_opt_end(&w, o);
	tap_ok(psac_msg_parse(b, w.len, &m, &why) == -EBADMSG,
	       "option overrunning its SA_LIST container is malformed");

	/* SA_LIST: leading list status, unknown sub-options ignored */
	psac_wbuf_init(&w, b, sizeof(b));
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_REPLY, 1);
	psac_wbuf_opt(&w, 0x7777, "xyz", 3);
	o = psac_wbuf_opt_begin(&w, PSAC_OPT_SA_LIST);
	psac_wbuf_status(&w, PSAC_STATUS_NO_SUCH_TARGET, "no such target");
	psac_wbuf_opt(&w, 0x7778, NULL, 0);
	o2 = psac_wbuf_opt_begin(&w, 0x7779);
	psac_wbuf_opt_end(&w, o2);
	psac_wbuf_opt_end(&w, o);
	tap_ok(psac_msg_parse(b, w.len, &m, &why) == 0 && m.has_sa_list &&
	       m.list_status.present &&
	       m.list_status.code == PSAC_STATUS_NO_SUCH_TARGET && m.n_sa == 0,
	       "unknown options are skipped; SA_LIST status before any SA is the list's");

	/* relay messages are not ours */
	b[0] = PSAC_DHCP6_MSG_RELAY_FORW;
	tap_ok(psac_msg_parse(b, 4, &m, &why) == -EBADMSG,
	       "Relay-Forw is refused by the PSAC parser");

	/* SACONFIGURATION whose SA is under X25519 fails the check */
	{
		struct psac_sa_params p;
		uint8_t km[20] = { 0 };

		kat_sa(&p, "2001:db8::1");
		psac_wbuf_init(&w, b, sizeof(b));
		psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_SACONFIG, 1);
		psac_wbuf_opt(&w, PSAC_DHCP6_OPT_SERVERID, serverid, 14);
		psac_x25519_public(psk, pub);
		psac_put_sa_x25519(&w, &p, 1, pub, km, sizeof(km));
		psac_put_auth(&w, &kat_key, 1);
		tap_ok(!w.err && psac_msg_parse(b, w.len, &m, &why) == 0 &&
		       psac_msg_check(&m, &why) != 0,
		       "SACONFIGURATION carrying an X25519-protected SA fails the check");
	}
}

/* ---------------------------------------------------------------------- */

static void test_layout_and_names(void)
{
	size_t e = 0, a = 0;
	struct psac_xfrm_algs x;

	tap_ok(psac_keymat_layout(PSAC_ENCR_AES_GCM_16, 128, 0, &e, &a) == 0 &&
	       e == 20 && a == 0, "AES-128-GCM KEYMAT: 16-octet key + 4-octet salt");
	tap_ok(psac_keymat_layout(PSAC_ENCR_AES_GCM_16, 256, 0, &e, &a) == 0 &&
	       e == 36 && a == 0 && 2 * (e + a) <= PSAC_KEYMAT_MAX,
	       "AES-256-GCM KEYMAT: 32 + 4 octets per direction");
	tap_ok(psac_keymat_layout(PSAC_ENCR_AES_CBC, 256,
				  PSAC_INTEG_HMAC_SHA2_256_128, &e, &a) == 0 &&
	       e == 32 && a == 32 && 2 * (e + a) <= PSAC_KEYMAT_MAX,
	       "AES-256-CBC + HMAC-SHA2-256-128: 32 + 32 octets, within PSAC_KEYMAT_MAX");
	tap_ok(psac_keymat_layout(PSAC_ENCR_NULL, 0, PSAC_INTEG_HMAC_SHA1_96,
				  &e, &a) == 0 && e == 0 && a == 20,
	       "NULL + HMAC-SHA1-96: integrity key only");
	tap_ok(psac_keymat_layout(PSAC_ENCR_CHACHA20_POLY1305, 256, 0, &e,
				  &a) == 0 && e == 36,
	       "ChaCha20-Poly1305: 32 + 4 octets");
	tap_ok(psac_keymat_layout(PSAC_ENCR_AES_GCM_16, 128,
				  PSAC_INTEG_HMAC_SHA1_96, &e, &a) == -EINVAL &&
	       psac_keymat_layout(PSAC_ENCR_AES_CBC, 128, 0, &e, &a) == -EINVAL &&
	       psac_keymat_layout(PSAC_ENCR_AES_GCM_16, 100, 0, &e, &a) == -EINVAL &&
	       psac_keymat_layout(99, 128, 0, &e, &a) == -EINVAL,
	       "invalid algorithm combinations are refused");
	tap_ok(psac_xfrm_algs(PSAC_ENCR_AES_GCM_16, 0, &x) == 0 && x.aead &&
	       !strcmp(x.enc, "rfc4106(gcm(aes))") && x.icv_bits == 128 &&
	       psac_xfrm_algs(PSAC_ENCR_AES_CBC, PSAC_INTEG_HMAC_SHA2_256_128,
			      &x) == 0 && !x.aead &&
	       !strcmp(x.auth, "hmac(sha256)") && x.trunc_bits == 128,
	       "XFRM algorithm names for ip-xfrm(8)");
	tap_ok(psac_encr_from_name("aes-gcm-16") == PSAC_ENCR_AES_GCM_16 &&
	       psac_encr_from_name("AES-CBC") == PSAC_ENCR_AES_CBC &&
	       psac_encr_from_name("12") == 12 &&
	       psac_encr_from_name("bogus") == -1 &&
	       psac_integ_from_name("hmac-sha256-128") ==
	       PSAC_INTEG_HMAC_SHA2_256_128 &&
	       psac_ulp_from_name("mh") == PSAC_ULP_MH &&
	       psac_ulp_from_name("256") == -1 &&
	       psac_mode_from_name("tunnel") == PSAC_MODE_TUNNEL,
	       "algorithm, mode and ULP names parse");
	tap_ok(!strcmp(psac_status_name(PSAC_STATUS_REPLAYED), "Replayed") &&
	       !strcmp(psac_msg_type_name(PSAC_DHCP6_MSG_SACONFIG_REPLY),
		       "SACONFIGURATION-REPLY"),
	       "status and message type names");
}

int main(void)
{
	kat_init();
	test_saconfig_kat();
	test_saconfig_reply_kat();
	test_sa_reply_kat();
	test_info_request();
	test_multi_sa();
	test_tamper();
	test_malformed();
	test_layout_and_names();
	return tap_done();
}
