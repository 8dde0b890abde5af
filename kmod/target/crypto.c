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

/**
 * psac_hmac_sha256() - HMAC-SHA256 of a buffer
 * @tfm: an hmac(sha256) transform, keyed here
 * @key: the HMAC key
 * @key_len: octets in @key
 * @data: the data to authenticate
 * @len: octets in @data
 * @out: receives the SHA256_DIGEST_SIZE-octet HMAC
 *
 * @tfm is keyed on every call, so its users serialise (the target lock
 * guards the per-namespace transform).
 *
 * Return: 0, or the negative errno of crypto_shash_setkey() or
 * crypto_shash_tfm_digest().
 */
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

/**
 * psac_kek_derive() - derive a key-encryption key from a PSK
 * @tfm: an hmac(sha256) transform, keyed here
 * @psk: the pre-shared key
 * @psk_len: octets in @psk
 * @info: the HKDF info string, at most 32 octets (PSAC_KEK_INFO_PSK)
 * @kek: receives the 32-octet KEK
 *
 * HKDF-SHA256 with an empty salt (RFC 5869: HashLen zero octets) and
 * L = 32, which is a single expand block: T(1) = HMAC(PRK, info | 0x01).
 * The PRK is wiped before returning.
 *
 * Return: 0, -EINVAL if @info is longer than 32 octets, or the error of
 * psac_hmac_sha256().
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

/**
 * psac_keywrap_open() - unwrap the KEYMAT of an OPTION_SA protected by PSK
 * @tfm: a gcm(aes) transform, keyed here with @kek
 * @kek: the PSAC_KEK_LEN-octet KEK (psac_kek_derive())
 * @aad: the additional authenticated data (psac_sa_build_aad())
 * @aad_len: octets in @aad
 * @prot: the Protected-Key field
 * @prot_len: octets in @prot: @keymat_len + PSAC_KEYWRAP_PSK_OVERHEAD
 * @keymat: receives the KEYMAT, only on success
 * @keymat_len: octets of KEYMAT expected
 *
 * Protected = Nonce(12) | AES-256-GCM(KEK, Nonce, AAD, KEYMAT) | Tag(16).
 * The working copy of the plaintext is freed with kfree_sensitive().
 *
 * Context: Process context; may sleep.  @tfm is keyed here, so its users
 * serialise.
 *
 * Return: 0 with @keymat filled, -EBADMSG when authentication fails,
 * -EINVAL when the lengths do not match, -ENOMEM, or another negative
 * errno of the crypto API.
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

/**
 * psac_keywrap_seal() - wrap KEYMAT the way psac_keywrap_open() unwraps it
 * @tfm: a gcm(aes) transform, keyed here with @kek
 * @kek: the PSAC_KEK_LEN-octet KEK
 * @nonce: the PSAC_KEYWRAP_NONCE_LEN-octet nonce, unique under @kek
 * @aad: the additional authenticated data
 * @aad_len: octets in @aad
 * @keymat: the KEYMAT to wrap
 * @keymat_len: octets in @keymat
 * @prot: receives Nonce | ciphertext | Tag, @keymat_len +
 *        PSAC_KEYWRAP_PSK_OVERHEAD octets
 *
 * The inverse of psac_keywrap_open(), used by the KUnit round trip.
 *
 * Context: Process context; may sleep.
 *
 * Return: 0 with @prot filled, -ENOMEM, or another negative errno of the
 * crypto API.
 */
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

/**
 * psac_target_crypto_get() - allocate the namespace's transforms on first use
 * @tn: the target state
 *
 * Allocates hmac(sha256) and a synchronous gcm(aes) into @tn->hmac and
 * @tn->gcm unless they exist (may load modules); they live until
 * psac_target_net_exit().
 *
 * Context: Process context; @tn->lock held.
 *
 * Return: 0, or the negative errno of crypto_alloc_shash() or
 * crypto_alloc_aead() (-ENOENT: the algorithm is not available).
 */
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
