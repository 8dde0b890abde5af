// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: crypto wrappers over OpenSSL 3 libcrypto.
 */
#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "crypto.h"

static psac_rng_fn test_rng;
static void *test_rng_ctx;

void psac_crypto_set_test_rng(psac_rng_fn fn, void *ctx)
{
	test_rng = fn;
	test_rng_ctx = ctx;
}

int psac_random(void *buf, size_t len)
{
	if (!len)
		return 0;
	if (test_rng)
		return test_rng(test_rng_ctx, buf, len) ? -EIO : 0;
	if (len > 0x7fffffff)
		return -EINVAL;
	return RAND_bytes(buf, (int)len) == 1 ? 0 : -EIO;
}

void psac_wipe(void *buf, size_t len)
{
	if (buf && len)
		OPENSSL_cleanse(buf, len);
}

void psac_wipe_free(void *buf, size_t len)
{
	psac_wipe(buf, len);
	free(buf);
}

int psac_memneq(const void *a, const void *b, size_t len)
{
	return CRYPTO_memcmp(a, b, len) != 0;
}

int psac_hkdf_sha256(const uint8_t *ikm, size_t ikm_len,
		     const uint8_t *salt, size_t salt_len,
		     const uint8_t *info, size_t info_len,
		     uint8_t *okm, size_t okm_len)
{
	OSSL_PARAM params[5], *p = params;
	EVP_KDF_CTX *kctx;
	EVP_KDF *kdf;
	int ret = -EIO;

	if ((!ikm && ikm_len) || (!salt && salt_len) || (!info && info_len) ||
	    !okm || !okm_len || okm_len > 255 * PSAC_SHA256_LEN)
		return -EINVAL;

	kdf = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_HKDF, NULL);
	if (!kdf)
		return -EIO;
	kctx = EVP_KDF_CTX_new(kdf);
	EVP_KDF_free(kdf);
	if (!kctx)
		return -EIO;

	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						(char *)"SHA256", 0);
	/* OpenSSL wants a non-NULL pointer even for an empty IKM. */
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						 (void *)(ikm ? ikm : (const uint8_t *)""),
						 ikm_len);
	/* No salt parameter = RFC 5869 default, HashLen zero octets. */
	if (salt_len)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
							 (void *)salt, salt_len);
	if (info_len)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
							 (void *)info, info_len);
	*p = OSSL_PARAM_construct_end();

	if (EVP_KDF_derive(kctx, okm, okm_len, params) == 1)
		ret = 0;
	EVP_KDF_CTX_free(kctx);
	return ret;
}

int psac_sha256(const uint8_t *data, size_t len, uint8_t out[PSAC_SHA256_LEN])
{
	unsigned int olen = 0;

	if ((!data && len) || !out)
		return -EINVAL;
	if (EVP_Digest(data ? data : (const uint8_t *)"", len, out, &olen,
		       EVP_sha256(), NULL) != 1 || olen != PSAC_SHA256_LEN)
		return -EIO;
	return 0;
}

int psac_hmac_sha256(const uint8_t *key, size_t key_len,
		     const uint8_t *data, size_t data_len,
		     uint8_t out[PSAC_SHA256_LEN])
{
	size_t out_len = 0;

	if ((!key && key_len) || (!data && data_len) || !out)
		return -EINVAL;
	if (!EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL,
		       key ? key : (const uint8_t *)"", key_len,
		       data ? data : (const uint8_t *)"", data_len,
		       out, PSAC_SHA256_LEN, &out_len) ||
	    out_len != PSAC_SHA256_LEN)
		return -EIO;
	return 0;
}

static const EVP_CIPHER *gcm_cipher(size_t key_len)
{
	switch (key_len) {
	case 16:
		return EVP_aes_128_gcm();
	case 32:
		return EVP_aes_256_gcm();
	default:
		return NULL;
	}
}

static int gcm_common(int enc, const uint8_t *key, size_t key_len,
		      const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
		      const uint8_t *in, size_t in_len, uint8_t *out,
		      uint8_t *tag)
{
	const EVP_CIPHER *cipher = gcm_cipher(key_len);
	uint8_t dummy[16] = { 0 };
	EVP_CIPHER_CTX *ctx;
	int len, ret = -EIO;

	if (!cipher || !nonce || !tag || (!aad && aad_len) ||
	    (!in && in_len) || (!out && in_len) ||
	    aad_len > 0x7fffffff || in_len > 0x7fffffff)
		return -EINVAL;

	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return -EIO;
	if (EVP_CipherInit_ex(ctx, cipher, NULL, NULL, NULL, enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN,
				PSAC_GCM_NONCE_LEN, NULL) != 1 ||
	    EVP_CipherInit_ex(ctx, NULL, NULL, key, nonce, enc) != 1)
		goto out;
	if (aad_len &&
	    EVP_CipherUpdate(ctx, NULL, &len, aad, (int)aad_len) != 1)
		goto out;
	if (in_len &&
	    EVP_CipherUpdate(ctx, out, &len, in, (int)in_len) != 1)
		goto out;
	if (!enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG,
					PSAC_GCM_TAG_LEN, tag) != 1)
		goto out;
	if (EVP_CipherFinal_ex(ctx, out ? out + in_len : dummy, &len) != 1) {
		ret = enc ? -EIO : -EBADMSG;
		goto out;
	}
	if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG,
				       PSAC_GCM_TAG_LEN, tag) != 1)
		goto out;
	ret = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	if (ret && !enc && out)
		psac_wipe(out, in_len);
	return ret;
}

int psac_aes_gcm_seal(const uint8_t *key, size_t key_len,
		      const uint8_t nonce[PSAC_GCM_NONCE_LEN],
		      const uint8_t *aad, size_t aad_len,
		      const uint8_t *pt, size_t pt_len,
		      uint8_t *ct, uint8_t tag[PSAC_GCM_TAG_LEN])
{
	return gcm_common(1, key, key_len, nonce, aad, aad_len, pt, pt_len,
			  ct, tag);
}

int psac_aes_gcm_open(const uint8_t *key, size_t key_len,
		      const uint8_t nonce[PSAC_GCM_NONCE_LEN],
		      const uint8_t *aad, size_t aad_len,
		      const uint8_t *ct, size_t ct_len,
		      const uint8_t tag[PSAC_GCM_TAG_LEN], uint8_t *pt)
{
	return gcm_common(0, key, key_len, nonce, aad, aad_len, ct, ct_len,
			  pt, (uint8_t *)tag);
}

/* ---------------------------------------------------------------------- */
/* X25519                                                                  */
/* ---------------------------------------------------------------------- */

int psac_x25519_public(const uint8_t priv[PSAC_X25519_KEY_LEN],
		       uint8_t pub[PSAC_X25519_KEY_LEN])
{
	size_t len = PSAC_X25519_KEY_LEN;
	EVP_PKEY *pkey;
	int ret = -EIO;

	pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv,
					    PSAC_X25519_KEY_LEN);
	if (!pkey)
		return -EIO;
	if (EVP_PKEY_get_raw_public_key(pkey, pub, &len) == 1 &&
	    len == PSAC_X25519_KEY_LEN)
		ret = 0;
	EVP_PKEY_free(pkey);
	return ret;
}

int psac_x25519_keygen(uint8_t priv[PSAC_X25519_KEY_LEN],
		       uint8_t pub[PSAC_X25519_KEY_LEN])
{
	int ret = psac_random(priv, PSAC_X25519_KEY_LEN);

	if (!ret)
		ret = psac_x25519_public(priv, pub);
	if (ret)
		psac_wipe(priv, PSAC_X25519_KEY_LEN);
	return ret;
}

int psac_x25519(const uint8_t priv[PSAC_X25519_KEY_LEN],
		const uint8_t peer_pub[PSAC_X25519_KEY_LEN],
		uint8_t shared[PSAC_X25519_KEY_LEN])
{
	static const uint8_t zero[PSAC_X25519_KEY_LEN];
	EVP_PKEY *me = NULL, *peer = NULL;
	size_t len = PSAC_X25519_KEY_LEN;
	EVP_PKEY_CTX *ctx = NULL;
	int ret = -EIO;

	me = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv,
					  PSAC_X25519_KEY_LEN);
	peer = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer_pub,
					   PSAC_X25519_KEY_LEN);
	if (!me || !peer)
		goto out;
	ctx = EVP_PKEY_CTX_new(me, NULL);
	if (!ctx || EVP_PKEY_derive_init(ctx) != 1 ||
	    EVP_PKEY_derive_set_peer(ctx, peer) != 1)
		goto out;
	if (EVP_PKEY_derive(ctx, shared, &len) != 1 ||
	    len != PSAC_X25519_KEY_LEN) {
		/* OpenSSL refuses an all-zero result (small-order point). */
		ret = -EINVAL;
		goto out;
	}
	ret = psac_memneq(shared, zero, sizeof(zero)) ? 0 : -EINVAL;
out:
	if (ret)
		psac_wipe(shared, PSAC_X25519_KEY_LEN);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(me);
	EVP_PKEY_free(peer);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* PSAC key protection (docs/wire-format.md)                               */
/* ---------------------------------------------------------------------- */

int psac_psk_kek(const uint8_t *psk, size_t psk_len, uint8_t kek[PSAC_KEK_LEN])
{
	if (!psk || !psk_len)
		return -EINVAL;
	return psac_hkdf_sha256(psk, psk_len, NULL, 0,
				(const uint8_t *)PSAC_KEK_INFO_PSK,
				strlen(PSAC_KEK_INFO_PSK), kek, PSAC_KEK_LEN);
}

/* Nonce | AES-256-GCM(KEK, Nonce, AAD, KEYMAT) | Tag */
static int seal_with_kek(const uint8_t kek[PSAC_KEK_LEN],
			 const uint8_t aad[PSAC_SA_AAD_LEN],
			 const uint8_t *keymat, size_t keymat_len,
			 const uint8_t *nonce, uint8_t *out)
{
	int ret;

	if (nonce)
		memcpy(out, nonce, PSAC_KEYWRAP_NONCE_LEN);
	else if ((ret = psac_random(out, PSAC_KEYWRAP_NONCE_LEN)))
		return ret;
	return psac_aes_gcm_seal(kek, PSAC_KEK_LEN, out, aad, PSAC_SA_AAD_LEN,
				 keymat, keymat_len,
				 out + PSAC_KEYWRAP_NONCE_LEN,
				 out + PSAC_KEYWRAP_NONCE_LEN + keymat_len);
}

static int open_with_kek(const uint8_t kek[PSAC_KEK_LEN],
			 const uint8_t aad[PSAC_SA_AAD_LEN],
			 const uint8_t *prot, size_t prot_len,
			 uint8_t *keymat, size_t keymat_size,
			 size_t *keymat_len)
{
	size_t ct_len;
	int ret;

	if (prot_len < PSAC_KEYWRAP_PSK_OVERHEAD)
		return -EINVAL;
	ct_len = prot_len - PSAC_KEYWRAP_PSK_OVERHEAD;
	if (ct_len > keymat_size || ct_len > PSAC_KEYMAT_MAX)
		return -EMSGSIZE;
	ret = psac_aes_gcm_open(kek, PSAC_KEK_LEN, prot, aad, PSAC_SA_AAD_LEN,
				prot + PSAC_KEYWRAP_NONCE_LEN, ct_len,
				prot + PSAC_KEYWRAP_NONCE_LEN + ct_len, keymat);
	if (!ret)
		*keymat_len = ct_len;
	return ret;
}

int psac_keywrap_psk(const uint8_t *psk, size_t psk_len,
		     const uint8_t aad[PSAC_SA_AAD_LEN],
		     const uint8_t *keymat, size_t keymat_len,
		     const uint8_t *nonce,
		     uint8_t *out, size_t out_size, size_t *out_len)
{
	uint8_t kek[PSAC_KEK_LEN];
	int ret;

	if (!psk || !psk_len || !aad || !out || !out_len ||
	    (!keymat && keymat_len) || keymat_len > PSAC_KEYMAT_MAX)
		return -EINVAL;
	if (out_size < PSAC_PSK_PROTECTED_LEN(keymat_len))
		return -EMSGSIZE;
	ret = psac_psk_kek(psk, psk_len, kek);
	if (!ret)
		ret = seal_with_kek(kek, aad, keymat, keymat_len, nonce, out);
	psac_wipe(kek, sizeof(kek));
	if (!ret)
		*out_len = PSAC_PSK_PROTECTED_LEN(keymat_len);
	return ret;
}

int psac_keyunwrap_psk(const uint8_t *psk, size_t psk_len,
		       const uint8_t aad[PSAC_SA_AAD_LEN],
		       const uint8_t *prot, size_t prot_len,
		       uint8_t *keymat, size_t keymat_size, size_t *keymat_len)
{
	uint8_t kek[PSAC_KEK_LEN];
	int ret;

	if (!psk || !psk_len || !aad || !prot || !keymat_len)
		return -EINVAL;
	ret = psac_psk_kek(psk, psk_len, kek);
	if (!ret)
		ret = open_with_kek(kek, aad, prot, prot_len, keymat,
				    keymat_size, keymat_len);
	psac_wipe(kek, sizeof(kek));
	return ret;
}

/* KEK = HKDF(IKM=X25519(eph, recipient), salt=EphPub|RecipientPub,
 *            info="psac ecies v1", L=32) */
static int ecies_kek(const uint8_t shared[PSAC_X25519_KEY_LEN],
		     const uint8_t eph_pub[PSAC_X25519_KEY_LEN],
		     const uint8_t rcpt_pub[PSAC_X25519_KEY_LEN],
		     uint8_t kek[PSAC_KEK_LEN])
{
	uint8_t salt[2 * PSAC_X25519_KEY_LEN];

	memcpy(salt, eph_pub, PSAC_X25519_KEY_LEN);
	memcpy(salt + PSAC_X25519_KEY_LEN, rcpt_pub, PSAC_X25519_KEY_LEN);
	return psac_hkdf_sha256(shared, PSAC_X25519_KEY_LEN,
				salt, sizeof(salt),
				(const uint8_t *)PSAC_KEK_INFO_ECIES,
				strlen(PSAC_KEK_INFO_ECIES), kek, PSAC_KEK_LEN);
}

int psac_keywrap_x25519(const uint8_t recipient_pub[PSAC_X25519_KEY_LEN],
			const uint8_t aad[PSAC_SA_AAD_LEN],
			const uint8_t *keymat, size_t keymat_len,
			const uint8_t *eph_priv, const uint8_t *nonce,
			uint8_t *out, size_t out_size, size_t *out_len)
{
	uint8_t priv[PSAC_X25519_KEY_LEN], shared[PSAC_X25519_KEY_LEN];
	uint8_t kek[PSAC_KEK_LEN];
	int ret;

	if (!recipient_pub || !aad || !out || !out_len ||
	    (!keymat && keymat_len) || keymat_len > PSAC_KEYMAT_MAX)
		return -EINVAL;
	if (out_size < PSAC_X25519_PROTECTED_LEN(keymat_len))
		return -EMSGSIZE;

	/* out starts with EphPub */
	if (eph_priv) {
		memcpy(priv, eph_priv, sizeof(priv));
		ret = psac_x25519_public(priv, out);
	} else {
		ret = psac_x25519_keygen(priv, out);
	}
	if (!ret)
		ret = psac_x25519(priv, recipient_pub, shared);
	if (!ret)
		ret = ecies_kek(shared, out, recipient_pub, kek);
	if (!ret)
		ret = seal_with_kek(kek, aad, keymat, keymat_len, nonce,
				    out + PSAC_X25519_KEY_LEN);
	psac_wipe(priv, sizeof(priv));
	psac_wipe(shared, sizeof(shared));
	psac_wipe(kek, sizeof(kek));
	if (!ret)
		*out_len = PSAC_X25519_PROTECTED_LEN(keymat_len);
	return ret;
}

int psac_keyunwrap_x25519(const uint8_t recipient_priv[PSAC_X25519_KEY_LEN],
			  const uint8_t aad[PSAC_SA_AAD_LEN],
			  const uint8_t *prot, size_t prot_len,
			  uint8_t *keymat, size_t keymat_size,
			  size_t *keymat_len)
{
	uint8_t pub[PSAC_X25519_KEY_LEN], shared[PSAC_X25519_KEY_LEN];
	uint8_t kek[PSAC_KEK_LEN];
	int ret;

	if (!recipient_priv || !aad || !prot || !keymat_len)
		return -EINVAL;
	if (prot_len < PSAC_KEYWRAP_X25519_OVERHEAD)
		return -EINVAL;
	ret = psac_x25519_public(recipient_priv, pub);
	if (!ret)
		ret = psac_x25519(recipient_priv, prot, shared);
	if (!ret)
		ret = ecies_kek(shared, prot, pub, kek);
	if (!ret)
		ret = open_with_kek(kek, aad, prot + PSAC_X25519_KEY_LEN,
				    prot_len - PSAC_X25519_KEY_LEN,
				    keymat, keymat_size, keymat_len);
	psac_wipe(shared, sizeof(shared));
	psac_wipe(kek, sizeof(kek));
	return ret;
}

/* ---------------------------------------------------------------------- */
/* Hex                                                                     */
/* ---------------------------------------------------------------------- */

void psac_hex_encode(const uint8_t *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * len] = '\0';
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long psac_hex_decode(const char *in, uint8_t *out, size_t out_size)
{
	size_t n = 0;
	int hi = -1;

	if (in[0] == '0' && (in[1] == 'x' || in[1] == 'X'))
		in += 2;
	for (; *in; in++) {
		int v;

		if (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r' ||
		    *in == ':') {
			if (hi >= 0)
				return -1;	/* separator inside an octet */
			continue;
		}
		v = hexval((unsigned char)*in);
		if (v < 0)
			return -1;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= out_size)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	if (hi >= 0)
		return -1;
	return (long)n;
}
