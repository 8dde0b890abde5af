/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psac-crypto.c - PSK table (UAT by Key-ID), OPTION_AUTH HMAC-SHA256
 * verification and OPTION_SA key unwrapping for PSK-protected keys:
 *
 *   KEK       = HKDF-SHA256(IKM=PSK, salt=empty, info="psac kek v1", L=32)
 *   Protected = Nonce(12) | AES-256-GCM(KEK, Nonce, AAD, KEYMAT) | Tag(16)
 *   AAD       = the 44 octets Peer-Address .. Dst-Port-or-Code | xid(3)
 *
 * An unwrapped SA pair is handed to the ESP dissector
 * (esp_sa_record_add_from_dissector) so the ESP traffic that follows
 * decrypts: this is the key chaining of dissector/README.md ("Keys and key
 * chaining").
 */
#include "config-psac.h"

#include <string.h>
#include <gcrypt.h>

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/uat.h>
#include <epan/to_str.h>
#include <epan/address.h>
#include <epan/dissectors/packet-ipsec.h>
#include <wsutil/str_util.h>
#include <wsutil/wsgcrypt.h>
#include <wsutil/curve25519.h>
#include <epan/strutil.h>
#include <epan/tfs.h>

#include <linux/psac_wire.h>
#include "dhcp6.h"
#include "sa_alg.h"

#include "psac_compat.h"
#include "psac-int.h"
#include "psac-crypto.h"

/* The fields this file adds, registered by psac_crypto_register(). */
static int hf_psac_sa_keymat = -1;
static int hf_psac_sa_key_ei2r = -1;
static int hf_psac_sa_key_ai2r = -1;
static int hf_psac_sa_key_er2i = -1;
static int hf_psac_sa_key_ar2i = -1;
static int hf_psac_sa_unwrap = -1;
static int hf_psac_auth_hmac_status = -1;
static gint ett_psac_keymat = -1;
static expert_field ei_psac_hmac_bad = EI_INIT;
static expert_field ei_psac_hmac_ok = EI_INIT;
static expert_field ei_psac_no_key = EI_INIT;
static expert_field ei_psac_unwrap_failed = EI_INIT;
static expert_field ei_psac_unwrap_ok = EI_INIT;

static const true_false_string tfs_psac_hmac = {
	"Verified", "Not verified"
};

/* ------------------------------------------------------------------------ */
/* Primitives                                                               */
/* ------------------------------------------------------------------------ */

void
psac_bytes_wipe_free(GByteArray *b)
{
	if (!b)
		return;
	/* an empty array may have no buffer at all */
	if (b->len)
		memset(b->data, 0, b->len);
	g_byte_array_free(b, TRUE);
}

gboolean
psac_hex_exact(const char *s, guint8 *out, int want)
{
	GByteArray *b;
	gboolean ok;

	if (want == 0)
		return !s || !*s;
	if (!s)
		return FALSE;
	if (g_str_has_prefix(s, "0x") || g_str_has_prefix(s, "0X"))
		s += 2;
	b = g_byte_array_new();
	ok = hex_str_to_bytes(s, b, FALSE) && (int)b->len == want;
	if (ok)
		memcpy(out, b->data, want);
	psac_bytes_wipe_free(b);
	return ok;
}

/* wsutil's HMAC (wsutil/wsgcrypt.h). */
gboolean
psac_hmac_sha256(const guint8 *key, size_t key_len, const guint8 *data,
		 size_t len, guint8 out[32])
{
	return ws_hmac_buffer(GCRY_MD_SHA256, out, data, len, key, key_len) == 0;
}

/*
 * RFC 5869 with wsutil's hkdf_extract()/hkdf_expand(); an empty salt means
 * HashLen zero octets (section 2.2).
 */
gboolean
psac_hkdf_sha256(const guint8 *ikm, size_t ikm_len, const guint8 *salt,
		 size_t salt_len, const guint8 *info, size_t info_len,
		 guint8 *out, size_t out_len)
{
	static const guint8 zero[32];
	guint8 prk[32];
	gboolean ok;

	if (out_len > 255 * 32 || info_len > G_MAXUINT)
		return FALSE;
	if (!salt || salt_len == 0) {
		salt = zero;
		salt_len = sizeof(zero);
	}
	ok = hkdf_extract(GCRY_MD_SHA256, salt, salt_len, ikm, ikm_len, prk) == 0 &&
	     hkdf_expand(GCRY_MD_SHA256, prk, sizeof(prk), info, (guint)info_len,
			 out, (guint)out_len) == 0;
	memset(prk, 0, sizeof(prk));
	return ok;
}

gboolean
psac_aes_gcm_decrypt(const guint8 *key, size_t key_len, const guint8 *nonce,
		     size_t nonce_len, const guint8 *aad, size_t aad_len,
		     const guint8 *ct, size_t ct_len, const guint8 *tag,
		     size_t tag_len, guint8 *pt)
{
	gcry_cipher_hd_t h;
	int algo;
	gboolean ok;

	switch (key_len) {
	case 16: algo = GCRY_CIPHER_AES128; break;
	case 24: algo = GCRY_CIPHER_AES192; break;
	case 32: algo = GCRY_CIPHER_AES256; break;
	default: return FALSE;
	}
	if (gcry_cipher_open(&h, algo, GCRY_CIPHER_MODE_GCM, 0))
		return FALSE;
	ok = !gcry_cipher_setkey(h, key, key_len) &&
	     !gcry_cipher_setiv(h, nonce, nonce_len) &&
	     (aad_len == 0 || !gcry_cipher_authenticate(h, aad, aad_len)) &&
	     !gcry_cipher_decrypt(h, pt, ct_len, ct, ct_len) &&
	     !gcry_cipher_checktag(h, tag, tag_len);
	gcry_cipher_close(h);
	if (!ok && ct_len)
		memset(pt, 0, ct_len);
	return ok;
}

/* ------------------------------------------------------------------------ */
/* PSK table                                                                */
/* ------------------------------------------------------------------------ */

typedef struct {
	char *key_id;		/* hex, e.g. "1" or "0x00000001" */
	char *psk;		/* hex octets */
} psk_uat_t;

static psk_uat_t *psk_recs;
static guint psk_nrecs;
static GHashTable *psk_table;	/* key id -> GByteArray */
static psac_bool_t pref_register_esp = TRUE;

UAT_CSTRING_CB_DEF(psac_psk, key_id, psk_uat_t)
UAT_CSTRING_CB_DEF(psac_psk, psk, psk_uat_t)

static gboolean
parse_key_id(const char *s, guint32 *out)
{
	char *end;
	guint64 v;

	if (!s || !*s)
		return FALSE;
	v = g_ascii_strtoull(s, &end, 16);
	if (*end || v > G_MAXUINT32)
		return FALSE;
	*out = (guint32)v;
	return TRUE;
}

static GByteArray *
parse_hex(const char *s)
{
	GByteArray *b = g_byte_array_new();

	if (s && (g_str_has_prefix(s, "0x") || g_str_has_prefix(s, "0X")))
		s += 2;
	if (!s || !*s || !hex_str_to_bytes(s, b, FALSE)) {
		g_byte_array_free(b, TRUE);
		return NULL;
	}
	return b;
}

static void *
psk_copy_cb(void *dst, const void *src, size_t len _U_)
{
	const psk_uat_t *s = (const psk_uat_t *)src;
	psk_uat_t *d = (psk_uat_t *)dst;

	d->key_id = g_strdup(s->key_id);
	d->psk = g_strdup(s->psk);
	return d;
}

static psac_bool_t
psk_update_cb(void *r, char **err)
{
	psk_uat_t *rec = (psk_uat_t *)r;
	guint32 id;
	GByteArray *b;

	if (!parse_key_id(rec->key_id, &id)) {
		*err = g_strdup("Key-ID must be a 32-bit hexadecimal number");
		return FALSE;
	}
	b = parse_hex(rec->psk);
	if (!b || b->len == 0) {
		if (b)
			g_byte_array_free(b, TRUE);
		*err = g_strdup("PSK must be hexadecimal octets");
		return FALSE;
	}
	g_byte_array_free(b, TRUE);
	return TRUE;
}

static void
psk_free_cb(void *r)
{
	psk_uat_t *rec = (psk_uat_t *)r;

	g_free(rec->key_id);
	if (rec->psk) {
		memset(rec->psk, 0, strlen(rec->psk));
		g_free(rec->psk);
	}
}

static void
free_key(gpointer p)
{
	GByteArray *b = (GByteArray *)p;

	psac_bytes_wipe_free(b);
}

static void
psk_post_update_cb(void)
{
	guint i;

	if (psk_table)
		g_hash_table_remove_all(psk_table);
	else
		psk_table = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_key);
	for (i = 0; i < psk_nrecs; i++) {
		guint32 id;
		GByteArray *b;

		if (!parse_key_id(psk_recs[i].key_id, &id))
			continue;
		b = parse_hex(psk_recs[i].psk);
		if (!b)
			continue;
		g_hash_table_replace(psk_table, GUINT_TO_POINTER(id), b);
	}
}

static void
psk_reset_cb(void)
{
	if (psk_table)
		g_hash_table_remove_all(psk_table);
}

void
psac_crypto_register_prefs(module_t *m)
{
	static uat_field_t fields[] = {
		UAT_FLD_CSTRING(psac_psk, key_id, "Key-ID",
				"Key-ID of OPTION_AUTH, hexadecimal (e.g. 1 or 0x00000001)"),
		UAT_FLD_CSTRING(psac_psk, psk, "PSK",
				"Pre-shared key between DHCPv6 server and target server, hexadecimal octets"),
		UAT_END_FIELDS
	};
	uat_t *u;

	u = uat_new("PSAC pre-shared keys", sizeof(psk_uat_t), "psac_psk", TRUE,
		    &psk_recs, &psk_nrecs, UAT_AFFECTS_DISSECTION, NULL,
		    psk_copy_cb, psk_update_cb, psk_free_cb, psk_post_update_cb,
		    psk_reset_cb, fields);
	prefs_register_uat_preference(m, "psk_table", "Pre-shared keys",
		"PSKs by Key-ID: verify OPTION_AUTH and unwrap the keys of PSK-protected OPTION_SA", u);
	prefs_register_bool_preference(m, "register_esp_sa", "Hand unwrapped SAs to ESP",
		"Register every unwrapped SA pair with the ESP dissector so the ESP traffic that follows decrypts "
		"(also enable esp.enable_encryption_decode)", &pref_register_esp);
}

static GByteArray *
psk_lookup(guint32 key_id)
{
	if (!psk_table)
		return NULL;
	return (GByteArray *)g_hash_table_lookup(psk_table, GUINT_TO_POINTER(key_id));
}

/* ------------------------------------------------------------------------ */
/* OPTION_AUTH                                                              */
/* ------------------------------------------------------------------------ */

void
psac_verify_auth(tvbuff_t *msg_tvb, packet_info *pinfo, proto_tree *tree,
		 proto_item *hmac_item, guint32 key_id, int hmac_off)
{
	GByteArray *psk = psk_lookup(key_id);
	guint8 mac[PSAC_AUTH_HMAC_LEN], want[PSAC_AUTH_HMAC_LEN];
	guint8 *msg;
	int len;
	gboolean ok;
	proto_item *pi;

	if (!psk) {
		if (psk_table && g_hash_table_size(psk_table))
			expert_add_info_format(pinfo, hmac_item, &ei_psac_no_key,
					       "No PSK configured for Key-ID 0x%08x", key_id);
		return;
	}
	len = tvb_captured_length(msg_tvb);
	if (len != (int)tvb_reported_length(msg_tvb) ||
	    hmac_off + PSAC_AUTH_HMAC_LEN > len)
		return;
	msg = (guint8 *)tvb_memdup(pinfo->pool, msg_tvb, 0, len);
	memcpy(want, msg + hmac_off, PSAC_AUTH_HMAC_LEN);
	memset(msg + hmac_off, 0, PSAC_AUTH_HMAC_LEN);
	if (!psac_hmac_sha256(psk->data, psk->len, msg, len, mac))
		return;
	ok = memcmp(mac, want, sizeof(mac)) == 0;
	pi = proto_tree_add_boolean(tree, hf_psac_auth_hmac_status, msg_tvb, hmac_off,
				    PSAC_AUTH_HMAC_LEN, ok);
	proto_item_set_generated(pi);
	if (ok)
		expert_add_info(pinfo, hmac_item, &ei_psac_hmac_ok);
	else
		expert_add_info_format(pinfo, hmac_item, &ei_psac_hmac_bad,
				       "HMAC does not verify with the PSK of Key-ID 0x%08x (expected %s)",
				       key_id, bytes_to_str(pinfo->pool, mac, sizeof(mac)));
}

/* ------------------------------------------------------------------------ */
/* OPTION_SA key unwrap and ESP hand-off                                    */
/* ------------------------------------------------------------------------ */

/* The ESP dissector's own algorithm numbers (its UAT values, stable across
 * versions).  It keeps at most 16 SAs added by dissectors and reports a
 * dissector bug past that, so count ours and stay below. */
#define ESP_SA_IPV6		2
#define ESP_ENC_NULL		0
#define ESP_ENC_3DES_CBC	1
#define ESP_ENC_AES_CBC		2
#define ESP_ENC_AES_GCM_16	11
#define ESP_AUTH_NULL		0
#define ESP_AUTH_HMAC_SHA1_96	1
#define ESP_AUTH_HMAC_SHA256_128 3
#define ESP_AUTH_ANY_96BIT	9
#define ESP_EXTRA_SA_MAX	16

static GHashTable *esp_registered;	/* "src|dst|spi" strings, for the process */

static int
esp_encr(guint32 encr)
{
	switch (encr) {
	case PSAC_ENCR_NULL:		return ESP_ENC_NULL;
	case PSAC_ENCR_3DES:		return ESP_ENC_3DES_CBC;
	case PSAC_ENCR_AES_CBC:		return ESP_ENC_AES_CBC;
	case PSAC_ENCR_AES_GCM_16:	return ESP_ENC_AES_GCM_16;
	default:			return -1;
	}
}

static int
esp_integ(guint32 integ)
{
	switch (integ) {
	case PSAC_INTEG_NONE:			return ESP_AUTH_NULL;
	case PSAC_INTEG_HMAC_SHA1_96:		return ESP_AUTH_HMAC_SHA1_96;
	case PSAC_INTEG_HMAC_SHA2_256_128:	return ESP_AUTH_HMAC_SHA256_128;
	case PSAC_INTEG_AES_XCBC_96:		return ESP_AUTH_ANY_96BIT; /* not checked */
	default:				return -1;
	}
}

static char *
hex0x(wmem_allocator_t *pool, const guint8 *p, int n)
{
	static const char digits[] = "0123456789abcdef";
	char *s = (char *)wmem_alloc(pool, 2 * (size_t)n + 3);
	int i;

	if (n == 0) {
		s[0] = '\0';
		return s;
	}
	s[0] = '0';
	s[1] = 'x';
	for (i = 0; i < n; i++) {
		s[2 + 2 * i] = digits[p[i] >> 4];
		s[3 + 2 * i] = digits[p[i] & 0xf];
	}
	s[2 + 2 * n] = '\0';
	return s;
}

static void
esp_add(packet_info *pinfo, const char *src, const char *dst, guint32 spi,
	int ealg, const guint8 *ek, int eklen, int aalg, const guint8 *ak, int aklen)
{
	char *key, *spis;

	if (!esp_registered)
		esp_registered = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	key = g_strdup_printf("%s|%s|%08x", src, dst, spi);
	if (g_hash_table_contains(esp_registered, key) ||
	    g_hash_table_size(esp_registered) >= ESP_EXTRA_SA_MAX) {
		g_free(key);
		return;
	}
	g_hash_table_add(esp_registered, key);
	spis = wmem_strdup_printf(pinfo->pool, "0x%08x", spi);
	esp_sa_record_add_from_dissector(ESP_SA_IPV6, src, dst, spis, (guint8)ealg,
					 hex0x(pinfo->pool, ek, eklen), (guint8)aalg,
					 hex0x(pinfo->pool, ak, aklen));
}

/* fe80::/10 and ff00::/8 are no ESP endpoints: use the ESP wildcard. */
static const char *
esp_endpoint(packet_info *pinfo, const address *a)
{
	const guint8 *b = (const guint8 *)a->data;

	if (a->type != AT_IPv6 || a->len != 16 || b[0] == 0xff ||
	    (b[0] == 0xfe && (b[1] & 0xc0) == 0x80))
		return "*";
	return address_to_str(pinfo->pool, a);
}

/* X25519 private keys of requestors, to open their copy of the keys. */
typedef struct {
	char *priv;		/* hex, 32 octets */
	char *comment;
} x25519_uat_t;

static x25519_uat_t *x_recs;
static guint x_nrecs;

UAT_CSTRING_CB_DEF(psac_x25519, priv, x25519_uat_t)
UAT_CSTRING_CB_DEF(psac_x25519, comment, x25519_uat_t)

static void *
x_copy_cb(void *dst, const void *src, size_t len _U_)
{
	const x25519_uat_t *s = (const x25519_uat_t *)src;
	x25519_uat_t *d = (x25519_uat_t *)dst;

	d->priv = g_strdup(s->priv);
	d->comment = g_strdup(s->comment);
	return d;
}

static psac_bool_t
x_update_cb(void *r, char **err)
{
	GByteArray *b = parse_hex(((x25519_uat_t *)r)->priv);
	gboolean ok = b && b->len == PSAC_X25519_KEY_LEN;

	if (b) {
		psac_bytes_wipe_free(b);
	}
	if (!ok)
		*err = g_strdup("The private key must be 32 hexadecimal octets");
	return ok;
}

static void
x_free_cb(void *r)
{
	x25519_uat_t *rec = (x25519_uat_t *)r;

	if (rec->priv) {
		memset(rec->priv, 0, strlen(rec->priv));
		g_free(rec->priv);
	}
	g_free(rec->comment);
}

void
psac_crypto_register_x25519(module_t *m)
{
	static uat_field_t fields[] = {
		UAT_FLD_CSTRING(psac_x25519, priv, "Private key",
				"A requestor's X25519 private key, 32 hexadecimal octets"),
		UAT_FLD_CSTRING(psac_x25519, comment, "Comment", "Free text"),
		UAT_END_FIELDS
	};
	uat_t *u;

	u = uat_new("PSAC requestor X25519 keys", sizeof(x25519_uat_t), "psac_x25519", TRUE,
		    &x_recs, &x_nrecs, UAT_AFFECTS_DISSECTION, NULL,
		    x_copy_cb, x_update_cb, x_free_cb, NULL, NULL, fields);
	prefs_register_uat_preference(m, "x25519_keys", "Requestor X25519 private keys",
		"Private keys of requestors: unwrap the keys of X25519-protected OPTION_SA (requestor copy)", u);
}

/* RSA private keys of requestors (Key-Prot-Alg 3, RSAES-OAEP-SHA256 with
 * the AAD as label), loaded from PEM or DER files. */
typedef struct {
	char *file;
	char *comment;
} rsa_uat_t;

static rsa_uat_t *rsa_recs;
static guint rsa_nrecs;
static GPtrArray *rsa_keys;	/* gcry_sexp_t, one per loadable record */

UAT_FILENAME_CB_DEF(psac_rsa, file, rsa_uat_t)
UAT_CSTRING_CB_DEF(psac_rsa, comment, rsa_uat_t)

static void *
rsa_copy_cb(void *dst, const void *src, size_t len _U_)
{
	const rsa_uat_t *s = (const rsa_uat_t *)src;
	rsa_uat_t *d = (rsa_uat_t *)dst;

	d->file = g_strdup(s->file);
	d->comment = g_strdup(s->comment);
	return d;
}

static gcry_sexp_t
rsa_load(const char *file, char **err)
{
	GByteArray *der = psac_load_der_file(file, err);
	gcry_sexp_t key;

	if (!der)
		return NULL;
	key = psac_rsa_key_from_der(der->data, der->len, err);
	psac_bytes_wipe_free(der);
	return key;
}

static psac_bool_t
rsa_update_cb(void *r, char **err)
{
	gcry_sexp_t key = rsa_load(((rsa_uat_t *)r)->file, err);

	if (!key)
		return FALSE;
	gcry_sexp_release(key);
	return TRUE;
}

static void
rsa_free_cb(void *r)
{
	rsa_uat_t *rec = (rsa_uat_t *)r;

	g_free(rec->file);
	g_free(rec->comment);
}

static void
rsa_key_free(gpointer p)
{
	gcry_sexp_release((gcry_sexp_t)p);
}

static void
rsa_post_update_cb(void)
{
	guint i;

	if (rsa_keys)
		g_ptr_array_set_size(rsa_keys, 0);
	else
		rsa_keys = g_ptr_array_new_with_free_func(rsa_key_free);
	for (i = 0; i < rsa_nrecs; i++) {
		char *err = NULL;
		gcry_sexp_t key = rsa_load(rsa_recs[i].file, &err);

		g_free(err);
		g_ptr_array_add(rsa_keys, key);	/* NULL keeps the index */
	}
}

static void
rsa_reset_cb(void)
{
	if (rsa_keys)
		g_ptr_array_set_size(rsa_keys, 0);
}

void
psac_crypto_register_rsa(module_t *m)
{
	static uat_field_t fields[] = {
		UAT_FLD_FILENAME_OTHER(psac_rsa, file, "Private key file",
				       uat_fld_chk_str,
				       "A requestor's RSA private key: PEM or DER, PKCS#1 or unencrypted PKCS#8"),
		UAT_FLD_CSTRING(psac_rsa, comment, "Comment", "Free text"),
		UAT_END_FIELDS
	};
	uat_t *u;

	u = uat_new("PSAC requestor RSA keys", sizeof(rsa_uat_t), "psac_rsa", TRUE,
		    &rsa_recs, &rsa_nrecs, UAT_AFFECTS_DISSECTION, NULL, rsa_copy_cb,
		    rsa_update_cb, rsa_free_cb, rsa_post_update_cb, rsa_reset_cb, fields);
	prefs_register_uat_preference(m, "rsa_keys", "Requestor RSA private keys",
		"Private keys of requestors: unwrap the keys of RSA-OAEP-protected OPTION_SA (requestor copy)", u);
}

/* RSAES-OAEP-SHA256 with the AAD as label; the KEYMAT length, -1 */
static int
rsa_oaep_decrypt(gcry_sexp_t key, const guint8 *ct, int ctlen, const guint8 *aad,
		 guint8 *out, int outmax)
{
	gcry_sexp_t data = NULL, plain = NULL, v;
	const char *pt;
	size_t n = 0;
	int ret = -1;

	if (gcry_sexp_build(&data, NULL,
			    "(enc-val (flags oaep) (hash-algo sha256) (label %b) (rsa (a %b)))",
			    PSAC_SA_AAD_LEN, aad, ctlen, ct))
		return -1;
	if (gcry_pk_decrypt(&plain, data, key) == 0) {
		v = gcry_sexp_find_token(plain, "value", 0);
		pt = v ? gcry_sexp_nth_data(v, 1, &n) : NULL;
		if (pt && n > 0 && (int)n <= outmax) {
			memcpy(out, pt, n);
			ret = (int)n;
		}
		gcry_sexp_release(v);
	}
	gcry_sexp_release(plain);
	gcry_sexp_release(data);
	return ret;
}

/* Try the configured keys of one protection method; the KEYMAT length when
 * one of them opened the key (GCM tag or OAEP padding verified), with the
 * KEYMAT in keymat (room for plen octets), else -1. */
static int
unwrap_any(guint32 keyprot, const guint8 *prot, int plen, const guint8 *aad,
	   guint8 *keymat, char *used, size_t used_len)
{
	guint8 kek[PSAC_KEK_LEN];
	gboolean ok = FALSE;

	if (keyprot == PSAC_KEYPROT_PSK) {
		int ctlen = plen - PSAC_KEYWRAP_PSK_OVERHEAD;
		GHashTableIter it;
		gpointer k, v;

		if (!psk_table)
			return -1;
		g_hash_table_iter_init(&it, psk_table);
		while (!ok && g_hash_table_iter_next(&it, &k, &v)) {
			GByteArray *psk = (GByteArray *)v;

			if (!psac_hkdf_sha256(psk->data, psk->len, NULL, 0,
					      (const guint8 *)PSAC_KEK_INFO_PSK,
					      strlen(PSAC_KEK_INFO_PSK), kek, sizeof(kek)))
				continue;
			ok = psac_aes_gcm_decrypt(kek, sizeof(kek), prot, PSAC_KEYWRAP_NONCE_LEN,
						  aad, PSAC_SA_AAD_LEN, prot + PSAC_KEYWRAP_NONCE_LEN,
						  ctlen, prot + plen - PSAC_KEYWRAP_TAG_LEN,
						  PSAC_KEYWRAP_TAG_LEN, keymat);
			if (ok)
				snprintf(used, used_len, "the PSK of Key-ID 0x%08x", GPOINTER_TO_UINT(k));
		}
	} else if (keyprot == PSAC_KEYPROT_X25519) {
		int ctlen = plen - PSAC_KEYWRAP_X25519_OVERHEAD;
		const guint8 *eph = prot, *nonce = prot + PSAC_X25519_KEY_LEN;
		guint i;

		for (i = 0; !ok && i < x_nrecs; i++) {
			guint8 priv[32], pub[32], shared[32], salt[64];
			GByteArray *b = parse_hex(x_recs[i].priv);

			if (!b || b->len != 32) {
				if (b)
					g_byte_array_free(b, TRUE);
				continue;
			}
			memcpy(priv, b->data, 32);
			psac_bytes_wipe_free(b);
			/* wsutil/curve25519.h */
			if (!crypto_scalarmult_curve25519_base(pub, priv) &&
			    !crypto_scalarmult_curve25519(shared, priv, eph)) {
				memcpy(salt, eph, 32);
				memcpy(salt + 32, pub, 32);
				if (psac_hkdf_sha256(shared, 32, salt, sizeof(salt),
						     (const guint8 *)PSAC_KEK_INFO_ECIES,
						     strlen(PSAC_KEK_INFO_ECIES), kek, sizeof(kek)))
					ok = psac_aes_gcm_decrypt(kek, sizeof(kek), nonce,
								  PSAC_KEYWRAP_NONCE_LEN, aad, PSAC_SA_AAD_LEN,
								  nonce + PSAC_KEYWRAP_NONCE_LEN, ctlen,
								  prot + plen - PSAC_KEYWRAP_TAG_LEN,
								  PSAC_KEYWRAP_TAG_LEN, keymat);
				if (ok)
					snprintf(used, used_len, "the X25519 key of public key %02x%02x%02x%02x...%s%s",
						 pub[0], pub[1], pub[2], pub[3],
						 x_recs[i].comment && *x_recs[i].comment ? " " : "",
						 x_recs[i].comment ? x_recs[i].comment : "");
			}
			memset(priv, 0, sizeof(priv));
			memset(shared, 0, sizeof(shared));
		}
	} else if (keyprot == PSAC_KEYPROT_RSA_OAEP && rsa_keys) {
		guint i;

		for (i = 0; i < rsa_keys->len && i < rsa_nrecs; i++) {
			int n;

			if (!g_ptr_array_index(rsa_keys, i))
				continue;
			n = rsa_oaep_decrypt((gcry_sexp_t)g_ptr_array_index(rsa_keys, i),
					     prot, plen, aad, keymat, plen);
			if (n > 0) {
				snprintf(used, used_len, "the RSA key %s", rsa_recs[i].file);
				return n;
			}
		}
		return -1;
	}
	memset(kek, 0, sizeof(kek));
	if (!ok)
		return -1;
	return plen - (keyprot == PSAC_KEYPROT_PSK ? PSAC_KEYWRAP_PSK_OVERHEAD
						   : PSAC_KEYWRAP_X25519_OVERHEAD);
}

static gboolean
have_keys(guint32 keyprot)
{
	if (keyprot == PSAC_KEYPROT_PSK)
		return psk_table && g_hash_table_size(psk_table) > 0;
	if (keyprot == PSAC_KEYPROT_X25519)
		return x_nrecs > 0;
	if (keyprot == PSAC_KEYPROT_RSA_OAEP)
		return rsa_keys && rsa_keys->len > 0;
	return FALSE;
}

void
psac_try_unwrap(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		proto_item *item, int sa_off, int koff, guint32 plen,
		guint32 xid, guint32 keyprot, guint32 encr, guint32 bits,
		guint32 integ, guint32 proto, guint32 mode,
		guint32 spi_i2r, guint32 spi_r2i)
{
	guint8 aad[PSAC_SA_AAD_LEN];
	const guint8 *prot;
	guint8 *keymat;
	int overhead = keyprot == PSAC_KEYPROT_PSK ? PSAC_KEYWRAP_PSK_OVERHEAD :
		       keyprot == PSAC_KEYPROT_X25519 ? PSAC_KEYWRAP_X25519_OVERHEAD : 0;
	int ctlen = (int)plen - overhead;
	int ek = 0, ik = 0, want;
	char used[160];
	gboolean ok;
	proto_item *pi;
	proto_tree *kt;
	tvbuff_t *ktvb;

	if (!have_keys(keyprot) || ctlen <= 0)
		return;
	if (!tvb_bytes_exist(tvb, koff, plen) || !tvb_bytes_exist(tvb, sa_off, PSAC_SA_AAD_FIXED_LEN))
		return;
	/* the AAD of kmod/lib (psac_sa_build_aad()) */
	psac_sa_build_aad(aad, tvb_get_ptr(tvb, sa_off, PSAC_SA_AAD_FIXED_LEN), xid);
	prot = tvb_get_ptr(tvb, koff, plen);
	keymat = (guint8 *)wmem_alloc0(pinfo->pool, plen);

	ctlen = unwrap_any(keyprot, prot, (int)plen, aad, keymat, used, sizeof(used));
	ok = ctlen > 0;
	pi = proto_tree_add_boolean(tree, hf_psac_sa_unwrap, tvb, koff, plen, ok);
	proto_item_set_generated(pi);
	if (!ok) {
		expert_add_info_format(pinfo, item, &ei_psac_unwrap_failed,
				       "Protected key does not unwrap with the configured %s",
				       keyprot == PSAC_KEYPROT_PSK ? "PSKs" :
				       keyprot == PSAC_KEYPROT_X25519 ? "X25519 keys" : "RSA keys");
		return;
	}
	expert_add_info_format(pinfo, item, &ei_psac_unwrap_ok,
			       "Protected key unwrapped with %s", used);

	ktvb = tvb_new_child_real_data(tvb, keymat, ctlen, ctlen);
	add_new_data_source(pinfo, ktvb, "PSAC KEYMAT");
	pi = proto_tree_add_item(tree, hf_psac_sa_keymat, ktvb, 0, ctlen, ENC_NA);
	proto_item_set_generated(pi);
	want = psac_keymat_len(encr, bits, integ, &ek, &ik);
	if (want != ctlen)
		return;
	kt = proto_item_add_subtree(pi, ett_psac_keymat);
	if (ek)
		proto_tree_add_item(kt, hf_psac_sa_key_ei2r, ktvb, 0, ek, ENC_NA);
	if (ik)
		proto_tree_add_item(kt, hf_psac_sa_key_ai2r, ktvb, ek, ik, ENC_NA);
	if (ek)
		proto_tree_add_item(kt, hf_psac_sa_key_er2i, ktvb, ek + ik, ek, ENC_NA);
	if (ik)
		proto_tree_add_item(kt, hf_psac_sa_key_ar2i, ktvb, 2 * ek + ik, ik, ENC_NA);

	/* Hand ESP SAs to the ESP dissector.  Peer-Address is the other end
	 * from the receiver's view; the receiver is this message's destination:
	 * the target for the PSK copy, the requestor for its own copy. */
	if (pref_register_esp && proto == PSAC_PROTO_ESP &&
	    (mode == PSAC_MODE_TRANSPORT || mode == PSAC_MODE_TUNNEL) &&
	    esp_encr(encr) >= 0 && esp_integ(integ) >= 0) {
		const char *peer = tvb_ip6_to_str(pinfo->pool, tvb, sa_off);
		const char *self = esp_endpoint(pinfo, &pinfo->dst);
		const char *req = keyprot == PSAC_KEYPROT_PSK ? peer : self;
		const char *tgt = keyprot == PSAC_KEYPROT_PSK ? self : peer;

		esp_add(pinfo, req, tgt, spi_i2r, esp_encr(encr), keymat, ek,
			esp_integ(integ), keymat + ek, ik);
		esp_add(pinfo, tgt, req, spi_r2i, esp_encr(encr), keymat + ek + ik, ek,
			esp_integ(integ), keymat + 2 * ek + ik, ik);
	}
	psac_mnha_learn_from_keymat(pinfo, proto, mode, spi_i2r, encr, bits, integ,
				    keymat, ek, ik);
}

/*
 * Octets of KEYMAT the algorithms call for, or -1 if unknown; whether
 * they go together is check_algs()'s business.
 */
int
psac_keymat_len(guint encr, guint bits, guint integ, int *ekey, int *ikey)
{
	const struct psac_encr *e = encr <= G_MAXUINT16 ? psac_encr_get((guint16)encr) : NULL;
	const struct psac_integ *a = integ <= G_MAXUINT16 ? psac_integ_get((guint16)integ) : NULL;
	int ek;

	if (!e || !a || bits > G_MAXUINT16)
		return -1;
	ek = psac_encr_key_len(e, (guint16)bits);
	if (ek < 0)
		return -1;
	if (ekey)
		*ekey = ek;
	if (ikey)
		*ikey = a->key_len;
	return 2 * (ek + a->key_len);
}

/* The fields, subtree and expert infos of this file, under proto (psac). */
void
psac_crypto_register(int proto, expert_module_t *em)
{
	static hf_register_info hf[] = {
		{ &hf_psac_sa_keymat,
		  { "KEYMAT", "psac.sa.keymat", FT_BYTES, BASE_NONE,
		    NULL, 0, "Unwrapped key material", HFILL }},
		{ &hf_psac_sa_key_ei2r,
		  { "Encryption key I2R", "psac.sa.key.enc_i2r", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_key_ai2r,
		  { "Integrity key I2R", "psac.sa.key.auth_i2r", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_key_er2i,
		  { "Encryption key R2I", "psac.sa.key.enc_r2i", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_key_ar2i,
		  { "Integrity key R2I", "psac.sa.key.auth_r2i", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_unwrap,
		  { "Key unwrap", "psac.sa.unwrap", FT_BOOLEAN, BASE_NONE,
		    TFS(&tfs_success_fail), 0, "Whether the protected key could be unwrapped", HFILL }},
		{ &hf_psac_auth_hmac_status,
		  { "HMAC", "psac.auth.hmac.status", FT_BOOLEAN, BASE_NONE,
		    TFS(&tfs_psac_hmac), 0, "HMAC verified with the configured PSK", HFILL }},
	};
	static gint *ett[] = {
		&ett_psac_keymat,
	};
	static ei_register_info ei[] = {
		{ &ei_psac_hmac_bad,
		  { "psac.auth.hmac.bad", PI_SECURITY, PI_ERROR,
		    "HMAC does not verify with the configured PSK", EXPFILL }},
		{ &ei_psac_hmac_ok,
		  { "psac.auth.hmac.ok", PI_SECURITY, PI_CHAT,
		    "HMAC verified", EXPFILL }},
		{ &ei_psac_no_key,
		  { "psac.no_key", PI_UNDECODED, PI_NOTE,
		    "No key configured for this Key-ID", EXPFILL }},
		{ &ei_psac_unwrap_failed,
		  { "psac.sa.unwrap_failed", PI_DECRYPTION, PI_WARN,
		    "Protected key does not unwrap with the configured PSK", EXPFILL }},
		{ &ei_psac_unwrap_ok,
		  { "psac.sa.unwrapped", PI_DECRYPTION, PI_CHAT,
		    "Protected key unwrapped", EXPFILL }},
	};

	proto_register_field_array(proto, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert_register_field_array(em, ei, array_length(ei));
}
