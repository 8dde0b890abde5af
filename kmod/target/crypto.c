// SPDX-License-Identifier: GPL-2.0
/*
 * PSAC crypto through the kernel crypto API: HMAC-SHA256 (message
 * authentication), HKDF-SHA256 (KEK derivation, RFC 5869) and AES-256-GCM
 * (key wrap).  Process context only: requests may sleep.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>
#include <linux/string.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/sha2.h>
#include <linux/psac_wire.h>

#include "target.h"

int psac_hmac_sha256(struct crypto_shash *tfm, const u8 *key,
		     unsigned int key_len, const u8 *data, size_t len,
		     u8 *out)
{
	int err;

	err = crypto_shash_setkey(tfm, key, key_len);
	if (err)
		return err;
	return crypto_shash_tfm_digest(tfm, data, len, out);
}

/*
 * HKDF-SHA256 with an empty salt (RFC 5869: HashLen zero octets) and
 * L = 32, which is a single expand block: T(1) = HMAC(PRK, info | 0x01).
 */
int psac_kek_derive(struct crypto_shash *tfm, const u8 *psk,
		    unsigned int psk_len, const char *info, u8 *kek)
{
	u8 zero_salt[SHA256_DIGEST_SIZE] = {};
	u8 prk[SHA256_DIGEST_SIZE];
	u8 buf[32 + 1];
	size_t info_len = strlen(info);
	int err;

	if (info_len > sizeof(buf) - 1)
		return -EINVAL;

	err = psac_hmac_sha256(tfm, zero_salt, sizeof(zero_salt), psk,
			       psk_len, prk);
	if (err)
		goto out;

	memcpy(buf, info, info_len);
	buf[info_len] = 0x01;
	err = psac_hmac_sha256(tfm, prk, sizeof(prk), buf, info_len + 1, kek);
out:
	memzero_explicit(prk, sizeof(prk));
	return err;
}

static int psac_gcm_run(struct crypto_aead *tfm, const u8 *kek,
			const u8 *nonce, u8 *buf, unsigned int aad_len,
			unsigned int crypt_len, bool encrypt)
{
	struct aead_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 iv[PSAC_KEYWRAP_NONCE_LEN];
	int err;

	err = crypto_aead_setkey(tfm, kek, PSAC_KEK_LEN);
	if (err)
		return err;
	err = crypto_aead_setauthsize(tfm, PSAC_KEYWRAP_TAG_LEN);
	if (err)
		return err;

	req = aead_request_alloc(tfm, GFP_KERNEL);
	if (!req)
		return -ENOMEM;

	memcpy(iv, nonce, sizeof(iv));
	sg_init_one(&sg, buf, aad_len + crypt_len +
		    (encrypt ? PSAC_KEYWRAP_TAG_LEN : 0));
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG |
				  CRYPTO_TFM_REQ_MAY_SLEEP,
				  crypto_req_done, &wait);
	aead_request_set_ad(req, aad_len);
	aead_request_set_crypt(req, &sg, &sg, crypt_len, iv);
	err = crypto_wait_req(encrypt ? crypto_aead_encrypt(req) :
			      crypto_aead_decrypt(req), &wait);
	aead_request_free(req);
	return err;
}

/*
 * Protected = Nonce(12) | AES-256-GCM(KEK, Nonce, AAD, KEYMAT) | Tag(16).
 * Returns 0 with @keymat filled, -EBADMSG when authentication fails,
 * -EINVAL when the lengths do not match.
 */
int psac_keywrap_open(struct crypto_aead *tfm, const u8 *kek,
		      const u8 *aad, unsigned int aad_len,
		      const u8 *prot, unsigned int prot_len,
		      u8 *keymat, unsigned int keymat_len)
{
	unsigned int ct_len;
	u8 *buf;
	int err;

	if (prot_len != keymat_len + PSAC_KEYWRAP_PSK_OVERHEAD)
		return -EINVAL;
	ct_len = prot_len - PSAC_KEYWRAP_NONCE_LEN;

	buf = kmalloc(aad_len + ct_len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, aad, aad_len);
	memcpy(buf + aad_len, prot + PSAC_KEYWRAP_NONCE_LEN, ct_len);

	err = psac_gcm_run(tfm, kek, prot, buf, aad_len, ct_len, false);
	if (!err)
		memcpy(keymat, buf + aad_len, keymat_len);
	kfree_sensitive(buf);
	return err;
}

/* The inverse of psac_keywrap_open(), used by the KUnit round trip. */
int psac_keywrap_seal(struct crypto_aead *tfm, const u8 *kek,
		      const u8 *nonce, const u8 *aad, unsigned int aad_len,
		      const u8 *keymat, unsigned int keymat_len, u8 *prot)
{
	u8 *buf;
	int err;

	buf = kmalloc(aad_len + keymat_len + PSAC_KEYWRAP_TAG_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, aad, aad_len);
	memcpy(buf + aad_len, keymat, keymat_len);

	err = psac_gcm_run(tfm, kek, nonce, buf, aad_len, keymat_len, true);
	if (!err) {
		memcpy(prot, nonce, PSAC_KEYWRAP_NONCE_LEN);
		memcpy(prot + PSAC_KEYWRAP_NONCE_LEN, buf + aad_len,
		       keymat_len + PSAC_KEYWRAP_TAG_LEN);
	}
	kfree_sensitive(buf);
	return err;
}

/* Allocate the per-namespace transforms on first use (may load modules). */
int psac_target_crypto_get(struct psac_target_net *tn)
{
	struct crypto_shash *hmac;
	struct crypto_aead *gcm;

	lockdep_assert_held(&tn->lock);
	if (tn->hmac && tn->gcm)
		return 0;

	hmac = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(hmac))
		return PTR_ERR(hmac);
	gcm = crypto_alloc_aead("gcm(aes)", 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(gcm)) {
		crypto_free_shash(hmac);
		return PTR_ERR(gcm);
	}
	tn->hmac = hmac;
	tn->gcm = gcm;
	return 0;
}
