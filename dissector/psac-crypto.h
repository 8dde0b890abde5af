/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psac-crypto.h - PSK table, OPTION_AUTH verification and OPTION_SA key
 * unwrapping (docs/wire-format.md section 1), shared by packet-psac.c.
 */
#ifndef PSAC_CRYPTO_H
#define PSAC_CRYPTO_H

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>


/* psac-crypto.c */
/* Octets of KEYMAT the transforms call for (kmod/lib's table), or -1. */
int psac_keymat_len(guint encr, guint bits, guint integ, int *ekey, int *ikey);
/* Registers this file's fields, subtree and expert infos under proto. */
void psac_crypto_register(int proto, expert_module_t *em);
void psac_crypto_register_prefs(module_t *m);

/* Verify the HMAC of a delayed-auth OPTION_AUTH.  msg_tvb is the whole
 * DHCPv6 message, hmac_off the offset of the 32-octet HMAC in it. */
void psac_verify_auth(tvbuff_t *msg_tvb, packet_info *pinfo, proto_tree *tree,
		      proto_item *hmac_item, guint32 key_id, int hmac_off);

/* Unwrap a protected OPTION_SA key (Key-Prot-Alg 2 with a configured PSK,
 * 1 with a configured requestor X25519 key) and register the SA pair with
 * the ESP dissector.  sa_off is the offset of Peer-Address, koff of the
 * protected key, both in tvb (the DHCPv6 message). */
void psac_try_unwrap(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		     proto_item *item, int sa_off, int koff, guint32 plen,
		     guint32 xid, guint32 keyprot, guint32 encr, guint32 bits,
		     guint32 integ, guint32 proto, guint32 mode,
		     guint32 spi_i2r, guint32 spi_r2i);
void psac_crypto_register_x25519(module_t *m);
void psac_crypto_register_rsa(module_t *m);

/* Primitives (libgcrypt), also used by the MN-HA decoder. */
/* Wipe a byte array holding key material and free it; NULL is fine. */
void psac_bytes_wipe_free(GByteArray *b);
/* Exactly @want octets of hex (optional 0x) into @out; want 0: s empty. */
gboolean psac_hex_exact(const char *s, guint8 *out, int want);

gboolean psac_hmac_sha256(const guint8 *key, size_t key_len,
			  const guint8 *data, size_t len, guint8 out[32]);
gboolean psac_hkdf_sha256(const guint8 *ikm, size_t ikm_len,
			  const guint8 *salt, size_t salt_len,
			  const guint8 *info, size_t info_len,
			  guint8 *out, size_t out_len);
gboolean psac_aes_gcm_decrypt(const guint8 *key, size_t key_len,
			      const guint8 *nonce, size_t nonce_len,
			      const guint8 *aad, size_t aad_len,
			      const guint8 *ct, size_t ct_len,
			      const guint8 *tag, size_t tag_len, guint8 *pt);

/* psac-der.c: the DER the plugin reads itself. */
#include <gcrypt.h>
typedef struct {
	const guint8 *p, *end;
} psac_der_t;
gboolean psac_der_read(psac_der_t *d, guint8 tag, psac_der_t *val);
GByteArray *psac_load_der_file(const char *path, char **err);
gcry_sexp_t psac_rsa_key_from_der(const guint8 *der, size_t len, char **err);
int psac_cert_endpoint_hash(const guint8 *der, size_t len, guint8 *out);

#endif /* PSAC_CRYPTO_H */
