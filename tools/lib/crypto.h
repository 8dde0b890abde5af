/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: thin wrappers around OpenSSL 3 libcrypto and the PSAC key
 * protection of docs/wire-format.md (PSK key wrap, X25519 ECIES key wrap).
 *
 * Every function returns 0 on success and a negative errno value on failure
 * (-EINVAL bad arguments, -EBADMSG authentication failure, -EIO library
 * failure).  Output buffers are never partially valid on failure: unwrap
 * functions wipe their output when authentication fails.
 */
#ifndef PSAC_TOOLS_CRYPTO_H
#define PSAC_TOOLS_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include <linux/psac_wire.h>

#define PSAC_SHA256_LEN		32
#define PSAC_GCM_NONCE_LEN	12
#define PSAC_GCM_TAG_LEN	16

/* Cryptographically secure random bytes (OpenSSL DRBG). */
int psac_random(void *buf, size_t len);

/*
 * Tests only: replace the random source used by psac_random() (and thus by
 * every function that draws nonces, ephemeral keys or key material) with a
 * deterministic one.  fn == NULL restores the CSPRNG.
 */
typedef int (*psac_rng_fn)(void *ctx, uint8_t *buf, size_t len);
void psac_crypto_set_test_rng(psac_rng_fn fn, void *ctx);

/* Zero memory in a way the compiler cannot elide (buf may be NULL). */
void psac_wipe(void *buf, size_t len);
/* Wipe the len octets at buf, then free(buf); buf may be NULL. */
void psac_wipe_free(void *buf, size_t len);

/* Constant-time comparison: 0 when equal. */
int psac_memneq(const void *a, const void *b, size_t len);

/* RFC 5869 HKDF with SHA-256.  salt_len 0 = HashLen zero octets. */
int psac_hkdf_sha256(const uint8_t *ikm, size_t ikm_len,
		     const uint8_t *salt, size_t salt_len,
		     const uint8_t *info, size_t info_len,
		     uint8_t *okm, size_t okm_len);

/* SHA-256 digest. */
int psac_sha256(const uint8_t *data, size_t len, uint8_t out[PSAC_SHA256_LEN]);

/* RFC 2104 HMAC-SHA256. */
int psac_hmac_sha256(const uint8_t *key, size_t key_len,
		     const uint8_t *data, size_t data_len,
		     uint8_t out[PSAC_SHA256_LEN]);

/* AES-GCM with a 12-octet nonce and a 16-octet tag; key_len 16 or 32. */
int psac_aes_gcm_seal(const uint8_t *key, size_t key_len,
		      const uint8_t nonce[PSAC_GCM_NONCE_LEN],
		      const uint8_t *aad, size_t aad_len,
		      const uint8_t *pt, size_t pt_len,
		      uint8_t *ct, uint8_t tag[PSAC_GCM_TAG_LEN]);
int psac_aes_gcm_open(const uint8_t *key, size_t key_len,
		      const uint8_t nonce[PSAC_GCM_NONCE_LEN],
		      const uint8_t *aad, size_t aad_len,
		      const uint8_t *ct, size_t ct_len,
		      const uint8_t tag[PSAC_GCM_TAG_LEN], uint8_t *pt);

/* RFC 7748 X25519. */
int psac_x25519_keygen(uint8_t priv[PSAC_X25519_KEY_LEN],
		       uint8_t pub[PSAC_X25519_KEY_LEN]);
int psac_x25519_public(const uint8_t priv[PSAC_X25519_KEY_LEN],
		       uint8_t pub[PSAC_X25519_KEY_LEN]);
/* Fails (-EINVAL) on an all-zero shared secret (small-order peer key). */
int psac_x25519(const uint8_t priv[PSAC_X25519_KEY_LEN],
		const uint8_t peer_pub[PSAC_X25519_KEY_LEN],
		uint8_t shared[PSAC_X25519_KEY_LEN]);

/*
 * PSAC key protection.  aad is the PSAC_SA_AAD_LEN (47) octets built by
 * psac_sa_build_aad() of kmod/lib.  Protected output sizes:
 *   PSK:    keymat_len + PSAC_KEYWRAP_PSK_OVERHEAD     (Nonce | CT | Tag)
 *   X25519: keymat_len + PSAC_KEYWRAP_X25519_OVERHEAD  (EphPub | Nonce | CT | Tag)
 * keymat_len may be 0 (an SA with NULL encryption and no integrity key, or a
 * delete) and at most PSAC_KEYMAT_MAX.
 */
#define PSAC_PSK_PROTECTED_LEN(k)	((k) + PSAC_KEYWRAP_PSK_OVERHEAD)
#define PSAC_X25519_PROTECTED_LEN(k)	((k) + PSAC_KEYWRAP_X25519_OVERHEAD)

/* KEK = HKDF-SHA256(IKM=PSK, salt=empty, info="psac kek v1", L=32) */
int psac_psk_kek(const uint8_t *psk, size_t psk_len, uint8_t kek[PSAC_KEK_LEN]);

/* nonce == NULL: draw a random nonce (the normal case). */
int psac_keywrap_psk(const uint8_t *psk, size_t psk_len,
		     const uint8_t aad[PSAC_SA_AAD_LEN],
		     const uint8_t *keymat, size_t keymat_len,
		     const uint8_t *nonce,
		     uint8_t *out, size_t out_size, size_t *out_len);
int psac_keyunwrap_psk(const uint8_t *psk, size_t psk_len,
		       const uint8_t aad[PSAC_SA_AAD_LEN],
		       const uint8_t *prot, size_t prot_len,
		       uint8_t *keymat, size_t keymat_size, size_t *keymat_len);

/* eph_priv/nonce == NULL: draw them at random (the normal case). */
int psac_keywrap_x25519(const uint8_t recipient_pub[PSAC_X25519_KEY_LEN],
			const uint8_t aad[PSAC_SA_AAD_LEN],
			const uint8_t *keymat, size_t keymat_len,
			const uint8_t *eph_priv, const uint8_t *nonce,
			uint8_t *out, size_t out_size, size_t *out_len);
int psac_keyunwrap_x25519(const uint8_t recipient_priv[PSAC_X25519_KEY_LEN],
			  const uint8_t aad[PSAC_SA_AAD_LEN],
			  const uint8_t *prot, size_t prot_len,
			  uint8_t *keymat, size_t keymat_size,
			  size_t *keymat_len);

/* Hex helpers (lower case out, either case in; whitespace and ':' skipped
 * on input, optional leading "0x").  hex_decode returns the length or -1. */
void psac_hex_encode(const uint8_t *in, size_t len, char *out);
long psac_hex_decode(const char *in, uint8_t *out, size_t out_size);

#endif /* PSAC_TOOLS_CRYPTO_H */
