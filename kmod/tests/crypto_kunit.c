// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the target role's crypto through the kernel crypto API
 * (kmod/target/crypto.c) against known answers.  The PSAC vectors are the
 * ones tools/tests/gen_vectors.py computes independently with
 * python3-cryptography (PSK 0x40.., KEYMAT 0xa0.., nonce 0x10..,
 * AES-GCM-16/128 UDP/53 SA, xid 0x123456); HMAC-SHA256 is RFC 4231 case 2.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <linux/psac_wire.h>

#include "../target/target.h"

static const u8 kat_kek[32] = {
	0xf2, 0xcf, 0x24, 0xac, 0x52, 0x44, 0xc3, 0x94, 0x42, 0x7c, 0xe8, 0x23,
	0x88, 0x9a, 0x51, 0x0a, 0xd3, 0x92, 0x83, 0x82, 0x29, 0xb7, 0x5f, 0x8a,
	0x41, 0xf0, 0x90, 0xa4, 0x9a, 0x0c, 0xf8, 0xe5,
};

static const u8 kat_aad[PSAC_SA_AAD_LEN] = {
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x01, 0x32, 0x01, 0x02, 0x00, 0x00, 0x14, 0x00, 0x80,
	0x00, 0x00, 0x11, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x20, 0x00,
	0x00, 0x00, 0x0e, 0x10, 0x00, 0x00, 0x00, 0x35, 0x12, 0x34, 0x56,
};

static const u8 kat_prot[68] = {
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
	0x1b, 0x94, 0xa5, 0xdb, 0x84, 0x68, 0x02, 0xb3, 0xfb, 0x9c, 0xe4, 0x8c,
	0x7c, 0x41, 0x86, 0x5b, 0x6e, 0xe5, 0x7d, 0x7f, 0xaa, 0xdf, 0xde, 0x85,
	0x43, 0x5a, 0x75, 0xda, 0x7f, 0x60, 0x2a, 0xf6, 0x74, 0x4e, 0x14, 0xec,
	0x6e, 0x1a, 0xc9, 0x87, 0xbd, 0xa0, 0xce, 0x85, 0xac, 0x31, 0xd8, 0xa2,
	0xf9, 0xfa, 0x02, 0xce, 0x70, 0x70, 0x4f, 0xc8,
};

static const u8 rfc4231_2_mac[32] = {
	0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26,
	0x08, 0x95, 0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83,
	0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
};

struct psac_crypto_ctx {
	struct crypto_shash *hmac;
	struct crypto_aead *gcm;
	u8 psk[32];
	u8 keymat[40];
};

static int psac_crypto_init(struct kunit *test)
{
	struct psac_crypto_ctx *c;
	int i;

	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c->hmac = crypto_alloc_shash("hmac(sha256)", 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->hmac));
	c->gcm = crypto_alloc_aead("gcm(aes)", 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(c->gcm)) {
		crypto_free_shash(c->hmac);
		KUNIT_FAIL(test, "gcm(aes) unavailable");
		return -ENOENT;
	}
	for (i = 0; i < 32; i++)
		c->psk[i] = 0x40 + i;
	for (i = 0; i < 40; i++)
		c->keymat[i] = 0xa0 + i;
	test->priv = c;
	return 0;
}

static void psac_crypto_exit(struct kunit *test)
{
	struct psac_crypto_ctx *c = test->priv;

	if (!c)
		return;
	crypto_free_aead(c->gcm);
	crypto_free_shash(c->hmac);
}

static void psac_hmac_rfc4231_test(struct kunit *test)
{
	struct psac_crypto_ctx *c = test->priv;
	static const char data[] = "what do ya want for nothing?";
	u8 mac[32];

	KUNIT_ASSERT_EQ(test, psac_hmac_sha256(c->hmac, (const u8 *)"Jefe", 4,
					       (const u8 *)data,
					       sizeof(data) - 1, mac), 0);
	KUNIT_EXPECT_EQ(test, memcmp(mac, rfc4231_2_mac, sizeof(mac)), 0);
}

static void psac_kek_known_answer_test(struct kunit *test)
{
	struct psac_crypto_ctx *c = test->priv;
	u8 kek[32];

	KUNIT_ASSERT_EQ(test, psac_kek_derive(c->hmac, c->psk, sizeof(c->psk),
					      PSAC_KEK_INFO_PSK, kek), 0);
	KUNIT_EXPECT_EQ(test, memcmp(kek, kat_kek, sizeof(kek)), 0);
}

static void psac_unwrap_known_answer_test(struct kunit *test)
{
	struct psac_crypto_ctx *c = test->priv;
	u8 keymat[40];

	KUNIT_ASSERT_EQ(test, psac_keywrap_open(c->gcm, kat_kek, kat_aad,
						sizeof(kat_aad), kat_prot,
						sizeof(kat_prot), keymat,
						sizeof(keymat)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(keymat, c->keymat, sizeof(keymat)), 0);
}

static void psac_wrap_known_answer_test(struct kunit *test)
{
	struct psac_crypto_ctx *c = test->priv;
	u8 prot[68];

	KUNIT_ASSERT_EQ(test, psac_keywrap_seal(c->gcm, kat_kek, kat_prot,
						kat_aad, sizeof(kat_aad),
						c->keymat, sizeof(c->keymat),
						prot), 0);
	KUNIT_EXPECT_EQ(test, memcmp(prot, kat_prot, sizeof(prot)), 0);
}

/* Every bit of the tag, the ciphertext and the AAD is authenticated. */
static void psac_unwrap_tamper_test(struct kunit *test)
{
	struct psac_crypto_ctx *c = test->priv;
	u8 prot[68], aad[PSAC_SA_AAD_LEN], keymat[40];
	unsigned int i;

	for (i = PSAC_KEYWRAP_NONCE_LEN * 8; i < sizeof(prot) * 8; i += 7) {
		memcpy(prot, kat_prot, sizeof(prot));
		prot[i / 8] ^= 1 << (i % 8);
		KUNIT_EXPECT_EQ(test, psac_keywrap_open(c->gcm, kat_kek, kat_aad,
							sizeof(kat_aad), prot,
							sizeof(prot), keymat,
							sizeof(keymat)),
				-EBADMSG);
	}
	for (i = 0; i < sizeof(aad) * 8; i += 5) {
		memcpy(aad, kat_aad, sizeof(aad));
		aad[i / 8] ^= 1 << (i % 8);
		KUNIT_EXPECT_EQ(test, psac_keywrap_open(c->gcm, kat_kek, aad,
							sizeof(aad), kat_prot,
							sizeof(kat_prot), keymat,
							sizeof(keymat)),
				-EBADMSG);
	}
}

static void psac_unwrap_length_test(struct kunit *test)
{
	struct psac_crypto_ctx *c = test->priv;
	u8 keymat[40];

	/* The protected length must be exactly KEYMAT + nonce + tag. */
	KUNIT_EXPECT_EQ(test, psac_keywrap_open(c->gcm, kat_kek, kat_aad,
						sizeof(kat_aad), kat_prot,
						sizeof(kat_prot) - 1, keymat,
						sizeof(keymat)), -EINVAL);
	KUNIT_EXPECT_EQ(test, psac_keywrap_open(c->gcm, kat_kek, kat_aad,
						sizeof(kat_aad), kat_prot,
						sizeof(kat_prot), keymat,
						sizeof(keymat) - 4), -EINVAL);
}

static struct kunit_case psac_crypto_cases[] = {
	KUNIT_CASE(psac_hmac_rfc4231_test),
	KUNIT_CASE(psac_kek_known_answer_test),
	KUNIT_CASE(psac_unwrap_known_answer_test),
	KUNIT_CASE(psac_wrap_known_answer_test),
	KUNIT_CASE(psac_unwrap_tamper_test),
	KUNIT_CASE(psac_unwrap_length_test),
	{}
};

static struct kunit_suite psac_crypto_suite = {
	.name = "psac_target_crypto",
	.init = psac_crypto_init,
	.exit = psac_crypto_exit,
	.test_cases = psac_crypto_cases,
};

kunit_test_suites(&psac_crypto_suite);

MODULE_LICENSE("GPL");
