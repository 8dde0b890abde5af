/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * packet-mnha.c - RFC 6618 MN-HA UDP encapsulation (UDP port 7872 by
 * default, a preference).
 *
 *   PType(4) | SPI(28) | Sequence Number(32) | Payload (IV first) |
 *   Padding | Pad Length(8) | Next Header(8) | ICV
 *
 * PType 0 carries a plain IP packet (SPI 0, sequence 0, no trailer);
 * PType 1 a protected IPv6/IPv4 packet; PType 8 a protected Mobility Header
 * without IP header.  With an SA (from the UAT, a decrypted PSAC OPTION_SA of
 * mode 3, or an MHAuth-Done response) the payload is decrypted, its ICV
 * checked and the inner packet handed on through the ip.proto table.
 */
#include "config-psac.h"

#include <string.h>
#include <gcrypt.h>

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/uat.h>
#include <epan/proto_data.h>
#include <epan/ipproto.h>
#include <epan/conversation.h>
#include <epan/to_str.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>
#include <wsutil/str_util.h>
#include <epan/strutil.h>
#include <epan/tfs.h>

#include <linux/psac_wire.h>
#include "mnha_hdr.h"

#include "psac_compat.h"
#include "psac-int.h"
#include "psac-crypto.h"
#include "psac-mnha.h"

void proto_register_mnha(void);
void proto_reg_handoff_mnha(void);

static int proto_mnha = -1;

static int hf_mnha_ptype = -1;
static int hf_mnha_spi = -1;
static int hf_mnha_seq = -1;
static int hf_mnha_payload = -1;
static int hf_mnha_encrypted = -1;
static int hf_mnha_iv = -1;
static int hf_mnha_icv = -1;
static int hf_mnha_icv_status = -1;
static int hf_mnha_decrypted = -1;
static int hf_mnha_padding = -1;
static int hf_mnha_pad_len = -1;
static int hf_mnha_next_header = -1;
static int hf_mnha_suite = -1;
static int hf_mnha_direction = -1;
static int hf_mnha_sa_source = -1;
static int hf_mnha_seq_prev = -1;

static gint ett_mnha = -1;
static gint ett_mnha_decrypted = -1;

static expert_field ei_mnha_short = EI_INIT;
static expert_field ei_mnha_ptype = EI_INIT;
static expert_field ei_mnha_plain_hdr = EI_INIT;
static expert_field ei_mnha_seq_zero = EI_INIT;
static expert_field ei_mnha_seq_replay = EI_INIT;
static expert_field ei_mnha_seq_gap = EI_INIT;
static expert_field ei_mnha_no_sa = EI_INIT;
static expert_field ei_mnha_icv_bad = EI_INIT;
static expert_field ei_mnha_icv_ok = EI_INIT;
static expert_field ei_mnha_len = EI_INIT;
static expert_field ei_mnha_padding = EI_INIT;
static expert_field ei_mnha_nh = EI_INIT;
static expert_field ei_mnha_inner = EI_INIT;

static dissector_handle_t mnha_handle;
static dissector_handle_t ip_handle;
static dissector_handle_t ipv6_handle;
static dissector_table_t ip_proto_table;

static const value_string mnha_ptype_vals[] = {
	{ PSAC_MNHA_PTYPE_PLAIN,	"Plaintext IP packet" },
	{ PSAC_MNHA_PTYPE_IP,		"Protected IP packet" },
	{ PSAC_MNHA_PTYPE_MH,		"Protected Mobility Header" },
	{ 0, NULL }
};

/* Filled from kmod/lib's suite table by proto_register_mnha(). */
static value_string mnha_suite_vals[16];

static const value_string mnha_dir_vals[] = {
	{ 0, "MN to HA" },
	{ 1, "HA to MN" },
	{ 0, NULL }
};

static const value_string mnha_sa_source_vals[] = {
	{ MNHA_SA_FROM_UAT,	"MN-HA SA table (preferences)" },
	{ MNHA_SA_FROM_PSAC,	"PSAC OPTION_SA (decrypted)" },
	{ MNHA_SA_FROM_MHAUTH,	"MHAuth-Done response (decrypted TLS)" },
	{ 0, NULL }
};

static const true_false_string tfs_icv = { "Good", "Bad" };

/* ------------------------------------------------------------------------ */
/* SAs                                                                      */
/* ------------------------------------------------------------------------ */

typedef struct {
	char *spi;
	char *suite;
	char *mn_to_ha_ekey;
	char *mn_to_ha_ikey;
	char *ha_to_mn_ekey;
	char *ha_to_mn_ikey;
} mnha_uat_t;

static mnha_uat_t *uat_recs;
static guint uat_nrecs;
static GHashTable *uat_sas;	/* spi -> mnha_sa_t*, from the UAT */
static GHashTable *learned_sas;	/* spi -> mnha_sa_t*, learned from the capture */

UAT_CSTRING_CB_DEF(mnha_sa, spi, mnha_uat_t)
UAT_CSTRING_CB_DEF(mnha_sa, suite, mnha_uat_t)
UAT_CSTRING_CB_DEF(mnha_sa, mn_to_ha_ekey, mnha_uat_t)
UAT_CSTRING_CB_DEF(mnha_sa, mn_to_ha_ikey, mnha_uat_t)
UAT_CSTRING_CB_DEF(mnha_sa, ha_to_mn_ekey, mnha_uat_t)
UAT_CSTRING_CB_DEF(mnha_sa, ha_to_mn_ikey, mnha_uat_t)

/* Key sizes of each suite: ekey (incl. GCM salt), ikey, IV, block, ICV. */
gboolean
mnha_suite_params(guint suite, int *ek, int *ik, int *iv, int *blk, int *icv)
{
	const struct psac_mnha_suite *s;

	s = suite <= G_MAXUINT16 ? psac_mnha_suite_get((guint16)suite) : NULL;
	if (!s)
		return FALSE;
	if (ek) *ek = s->ekey_len;
	if (ik) *ik = s->ikey_len;
	if (iv) *iv = s->iv_len;
	if (blk) *blk = s->block_len;
	if (icv) *icv = s->icv_len;
	return TRUE;
}

static gboolean
parse_u32(const char *s, guint32 *v, guint32 max)
{
	char *end;
	guint64 x;

	if (!s || !*s)
		return FALSE;
	x = g_ascii_strtoull(s, &end, 16);
	if (*end || x > max)
		return FALSE;
	*v = (guint32)x;
	return TRUE;
}

static mnha_sa_t *
sa_from_rec(const mnha_uat_t *r, char **err)
{
	mnha_sa_t sa;
	guint32 spi, suite;
	int ek, ik;

	memset(&sa, 0, sizeof(sa));
	if (!parse_u32(r->spi, &spi, PSAC_MNHA_SPI_MASK) || spi == 0) {
		*err = g_strdup("SPI must be a non-zero 28-bit hexadecimal number");
		return NULL;
	}
	if (!parse_u32(r->suite, &suite, 0xffff) ||
	    !mnha_suite_params(suite, &ek, &ik, NULL, NULL, NULL)) {
		*err = g_strdup("Suite must be an RFC 6618 mip6-ciphersuite value (hex), e.g. 002f or 009c");
		return NULL;
	}
	if (!psac_hex_exact(r->mn_to_ha_ekey, sa.ekey[0], ek) ||
	    !psac_hex_exact(r->ha_to_mn_ekey, sa.ekey[1], ek)) {
		*err = g_strdup_printf("This suite needs %d-octet encryption keys (GCM: key and 4-octet salt)", ek);
		return NULL;
	}
	if (!psac_hex_exact(r->mn_to_ha_ikey, sa.ikey[0], ik) ||
	    !psac_hex_exact(r->ha_to_mn_ikey, sa.ikey[1], ik)) {
		*err = g_strdup_printf("This suite needs %d-octet integrity keys (none for GCM)", ik);
		return NULL;
	}
	sa.spi = spi;
	sa.suite = suite;
	sa.source = MNHA_SA_FROM_UAT;
	return (mnha_sa_t *)g_memdup2(&sa, sizeof(sa));
}

static void
free_sa(gpointer p)
{
	memset(p, 0, sizeof(mnha_sa_t));
	g_free(p);
}

static void *
mnha_uat_copy_cb(void *dst, const void *src, size_t len _U_)
{
	const mnha_uat_t *s = (const mnha_uat_t *)src;
	mnha_uat_t *d = (mnha_uat_t *)dst;

	d->spi = g_strdup(s->spi);
	d->suite = g_strdup(s->suite);
	d->mn_to_ha_ekey = g_strdup(s->mn_to_ha_ekey);
	d->mn_to_ha_ikey = g_strdup(s->mn_to_ha_ikey);
	d->ha_to_mn_ekey = g_strdup(s->ha_to_mn_ekey);
	d->ha_to_mn_ikey = g_strdup(s->ha_to_mn_ikey);
	return d;
}

static psac_bool_t
mnha_uat_update_cb(void *r, char **err)
{
	mnha_sa_t *sa = sa_from_rec((const mnha_uat_t *)r, err);

	if (!sa)
		return FALSE;
	free_sa(sa);
	return TRUE;
}

static void
mnha_uat_free_cb(void *r)
{
	mnha_uat_t *rec = (mnha_uat_t *)r;

	g_free(rec->spi);
	g_free(rec->suite);
	g_free(rec->mn_to_ha_ekey);
	g_free(rec->mn_to_ha_ikey);
	g_free(rec->ha_to_mn_ekey);
	g_free(rec->ha_to_mn_ikey);
}

static void
mnha_uat_post_update_cb(void)
{
	guint i;

	if (!uat_sas)
		uat_sas = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_sa);
	g_hash_table_remove_all(uat_sas);
	for (i = 0; i < uat_nrecs; i++) {
		char *err = NULL;
		mnha_sa_t *sa = sa_from_rec(&uat_recs[i], &err);

		g_free(err);
		if (sa)
			g_hash_table_replace(uat_sas, GUINT_TO_POINTER(sa->spi), sa);
	}
}

static void
mnha_uat_reset_cb(void)
{
	if (uat_sas)
		g_hash_table_remove_all(uat_sas);
}

void
mnha_learn_sa(const mnha_sa_t *sa)
{
	if (!learned_sas)
		learned_sas = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_sa);
	g_hash_table_replace(learned_sas, GUINT_TO_POINTER(sa->spi),
			     g_memdup2(sa, sizeof(*sa)));
}

void
psac_mnha_learn_from_keymat(packet_info *pinfo _U_, guint32 proto, guint32 mode,
			    guint32 spi, guint32 encr, guint32 bits, guint32 integ,
			    const guint8 *keymat, int ek, int ik)
{
	const struct psac_mnha_suite *s;
	mnha_sa_t sa;
	guint suite;
	int sek, sik;

	if (proto != PSAC_PROTO_UDP || mode != PSAC_MODE_MNHA_UDP ||
	    spi == 0 || (spi & ~PSAC_MNHA_SPI_MASK))
		return;
	s = psac_mnha_suite_find((guint16)encr, (guint16)bits, (guint16)integ);
	if (!s)
		return;
	suite = s->id;
	if (!mnha_suite_params(suite, &sek, &sik, NULL, NULL, NULL) || sek != ek || sik != ik)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.spi = spi;
	sa.suite = suite;
	sa.source = MNHA_SA_FROM_PSAC;
	/* KEYMAT = mn-to-ha ekey | ikey | ha-to-mn ekey | ikey (I2R = MN to HA) */
	memcpy(sa.ekey[0], keymat, ek);
	memcpy(sa.ikey[0], keymat + ek, ik);
	memcpy(sa.ekey[1], keymat + ek + ik, ek);
	memcpy(sa.ikey[1], keymat + 2 * ek + ik, ik);
	mnha_learn_sa(&sa);
	memset(&sa, 0, sizeof(sa));
}

static const mnha_sa_t *
find_sa(guint32 spi)
{
	const mnha_sa_t *sa = NULL;

	if (uat_sas)
		sa = (const mnha_sa_t *)g_hash_table_lookup(uat_sas, GUINT_TO_POINTER(spi));
	if (!sa && learned_sas)
		sa = (const mnha_sa_t *)g_hash_table_lookup(learned_sas, GUINT_TO_POINTER(spi));
	return sa;
}

static void
mnha_cleanup(void)
{
	if (learned_sas)
		g_hash_table_remove_all(learned_sas);
}

/* ------------------------------------------------------------------------ */
/* Crypto                                                                   */
/* ------------------------------------------------------------------------ */

static gboolean
hmac_sha1_96(const guint8 *key, const guint8 *data, size_t len, guint8 out[12])
{
	gcry_mac_hd_t h;
	guint8 full[20];
	size_t olen = sizeof(full);
	gboolean ok;

	if (gcry_mac_open(&h, GCRY_MAC_HMAC_SHA1, 0, NULL))
		return FALSE;
	ok = !gcry_mac_setkey(h, key, 20) && !gcry_mac_write(h, data, len) &&
	     !gcry_mac_read(h, full, &olen);
	gcry_mac_close(h);
	memcpy(out, full, 12);
	return ok;
}

/* AES-XCBC-MAC-96, RFC 3566. */
static gboolean
aes_xcbc_96(const guint8 *key, const guint8 *data, size_t len, guint8 out[12])
{
	gcry_cipher_hd_t h;
	guint8 k1[16], k2[16], k3[16], e[16], blk[16];
	size_t i, j, nblk;
	gboolean ok = FALSE;

	if (gcry_cipher_open(&h, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_ECB, 0))
		return FALSE;
	if (gcry_cipher_setkey(h, key, 16))
		goto out;
	memset(k1, 0x01, 16);
	memset(k2, 0x02, 16);
	memset(k3, 0x03, 16);
	if (gcry_cipher_encrypt(h, k1, 16, NULL, 0) ||
	    gcry_cipher_encrypt(h, k2, 16, NULL, 0) ||
	    gcry_cipher_encrypt(h, k3, 16, NULL, 0) ||
	    gcry_cipher_setkey(h, k1, 16))
		goto out;
	memset(e, 0, 16);
	nblk = len ? (len + 15) / 16 : 1;
	for (i = 0; i < nblk; i++) {
		size_t n = MIN((size_t)16, len - i * 16);
		gboolean last = (i == nblk - 1);

		if (len == 0)
			n = 0;
		memset(blk, 0, 16);
		if (n)
			memcpy(blk, data + i * 16, n);
		if (last) {
			if (n == 16) {
				for (j = 0; j < 16; j++)
					blk[j] ^= k2[j];
			} else {
				blk[n] = 0x80;
				for (j = 0; j < 16; j++)
					blk[j] ^= k3[j];
			}
		}
		for (j = 0; j < 16; j++)
			e[j] ^= blk[j];
		if (gcry_cipher_encrypt(h, e, 16, NULL, 0))
			goto out;
	}
	memcpy(out, e, 12);
	ok = TRUE;
out:
	gcry_cipher_close(h);
	memset(k1, 0, 16);
	return ok;
}

static gboolean
cbc_decrypt(int algo, const guint8 *key, size_t klen, const guint8 *iv,
	    size_t ivlen, const guint8 *ct, size_t len, guint8 *pt)
{
	gcry_cipher_hd_t h;
	gboolean ok;

	if (gcry_cipher_open(&h, algo, GCRY_CIPHER_MODE_CBC, 0))
		return FALSE;
	ok = !gcry_cipher_setkey(h, key, klen) && !gcry_cipher_setiv(h, iv, ivlen) &&
	     !gcry_cipher_decrypt(h, pt, len, ct, len);
	gcry_cipher_close(h);
	return ok;
}

/* Try one direction's keys.  pkt = header..ICV, len its length.  On success
 * pt holds the decrypted payload|padding|padlen|nh, *ptlen its length. */
static gboolean
try_decrypt(const mnha_sa_t *sa, int dir, const guint8 *pkt, int len,
	    guint8 *pt, int *ptlen)
{
	const struct psac_mnha_suite *s;
	int ek, ivl, blk, icvl, body;
	const guint8 *iv, *ct, *icv;
	guint8 mac[12];

	s = sa->suite <= G_MAXUINT16 ? psac_mnha_suite_get((guint16)sa->suite) : NULL;
	if (!s)
		return FALSE;
	ek = s->ekey_len;
	ivl = s->iv_len;
	blk = s->block_len;
	icvl = s->icv_len;
	body = len - PSAC_MNHA_HDR_LEN - ivl - icvl;
	if (body < PSAC_MNHA_TRAILER_LEN || body % blk)
		return FALSE;
	iv = pkt + PSAC_MNHA_HDR_LEN;
	ct = iv + ivl;
	icv = ct + body;

	if (s->aead) {
		/* AES-GCM (RFC 4106 nonce: salt | IV), AAD the header */
		guint8 nonce[PSAC_AES_GCM_SALT_LEN + PSAC_MNHA_GCM_IV_LEN];
		int klen = ek - PSAC_AES_GCM_SALT_LEN;

		memcpy(nonce, sa->ekey[dir] + klen, PSAC_AES_GCM_SALT_LEN);
		memcpy(nonce + PSAC_AES_GCM_SALT_LEN, iv, PSAC_MNHA_GCM_IV_LEN);
		if (!psac_aes_gcm_decrypt(sa->ekey[dir], klen, nonce, sizeof(nonce),
					  pkt, PSAC_MNHA_HDR_LEN, ct, body, icv, icvl, pt))
			return FALSE;
	} else {
		/* Integrity first: ICV over header | IV | ciphertext. */
		if (s->integ_alg == PSAC_INTEG_AES_XCBC_96) {
			if (!aes_xcbc_96(sa->ikey[dir], pkt, len - icvl, mac))
				return FALSE;
		} else if (!hmac_sha1_96(sa->ikey[dir], pkt, len - icvl, mac)) {
			return FALSE;
		}
		if (memcmp(mac, icv, 12) != 0)
			return FALSE;
		if (ek == 0)
			memcpy(pt, ct, body);
		else if (!cbc_decrypt(s->encr_alg == PSAC_ENCR_3DES ?
				      GCRY_CIPHER_3DES : GCRY_CIPHER_AES128,
				      sa->ekey[dir], ek, iv, ivl, ct, body, pt))
			return FALSE;
	}
	*ptlen = body;
	return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Sequence analysis                                                        */
/* ------------------------------------------------------------------------ */

typedef struct {
	guint32 prev;		/* highest sequence number before this packet */
	gboolean replay;
	gboolean gap;
} mnha_seq_info_t;

static wmem_map_t *seq_state;	/* "spi|src|sport" -> guint32 highest seen */

static mnha_seq_info_t *
seq_analyse(packet_info *pinfo, guint32 spi, guint32 seq)
{
	mnha_seq_info_t *si = (mnha_seq_info_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto_mnha, 0);
	char *key;
	guint32 *hi;

	if (si || PINFO_FD_VISITED(pinfo))
		return si;
	si = wmem_new0(wmem_file_scope(), mnha_seq_info_t);
	key = wmem_strdup_printf(wmem_file_scope(), "%07x|%s|%u", spi,
				 address_to_str(pinfo->pool, &pinfo->src), pinfo->srcport);
	hi = (guint32 *)wmem_map_lookup(seq_state, key);
	if (!hi) {
		hi = wmem_new0(wmem_file_scope(), guint32);
		wmem_map_insert(seq_state, key, hi);
		si->gap = seq != 1;
	} else if (seq <= *hi) {
		si->replay = TRUE;
	} else if (seq != *hi + 1) {
		si->gap = TRUE;
	}
	si->prev = *hi;
	if (seq > *hi)
		*hi = seq;
	p_add_proto_data(wmem_file_scope(), pinfo, proto_mnha, 0, si);
	return si;
}

static void
mnha_init(void)
{
	seq_state = wmem_map_new(wmem_file_scope(), g_str_hash, g_str_equal);
}

/* ------------------------------------------------------------------------ */
/* Dissection                                                               */
/* ------------------------------------------------------------------------ */

static void
hand_inner(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_tree *mtree,
	   guint32 nh)
{
	/* Inner headers get their own Info column text after ours. */
	col_append_str(pinfo->cinfo, COL_INFO, " | ");
	col_set_fence(pinfo->cinfo, COL_INFO);
	increment_dissection_depth(pinfo);
	TRY {
		if (!dissector_try_uint(ip_proto_table, nh, tvb, pinfo, tree))
			call_data_dissector(tvb, pinfo, mtree);
	}
	CATCH_NONFATAL_ERRORS {
		show_exception(tvb, pinfo, tree, EXCEPT_CODE, GET_MESSAGE);
	}
	ENDTRY;
	decrement_dissection_depth(pinfo);
}

static void
dissect_plain(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_tree *mtree,
	      proto_item *ti, guint32 spi, guint32 seq)
{
	int len = tvb_reported_length_remaining(tvb, PSAC_MNHA_HDR_LEN);
	tvbuff_t *inner;
	guint8 ver;

	if (spi != 0 || seq != 0)
		expert_add_info(pinfo, ti, &ei_mnha_plain_hdr);
	proto_tree_add_item(mtree, hf_mnha_payload, tvb, PSAC_MNHA_HDR_LEN, len, ENC_NA);
	if (len <= 0)
		return;
	inner = tvb_new_subset_remaining(tvb, PSAC_MNHA_HDR_LEN);
	ver = psac_tvb_get_u8(inner, 0) >> 4;
	col_append_str(pinfo->cinfo, COL_INFO, " | ");
	col_set_fence(pinfo->cinfo, COL_INFO);
	increment_dissection_depth(pinfo);
	if (ver == 6 && ipv6_handle)
		call_dissector(ipv6_handle, inner, pinfo, tree);
	else if (ver == 4 && ip_handle)
		call_dissector(ip_handle, inner, pinfo, tree);
	else
		expert_add_info_format(pinfo, ti, &ei_mnha_inner,
				       "Plaintext payload is not an IP packet (version %u)", ver);
	decrement_dissection_depth(pinfo);
}

static void
dissect_protected(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_tree *mtree,
		  proto_item *ti, guint32 ptype, guint32 spi)
{
	int len = tvb_reported_length(tvb);
	const mnha_sa_t *sa = find_sa(spi);
	int ek = 0, ik = 0, ivl = 0, blk = 1, icvl = 0, ptlen = 0, dir, padlen, body;
	guint8 *pt;
	const guint8 *pkt;
	proto_item *pi;
	proto_tree *dtree;
	tvbuff_t *dtvb;
	guint32 nh, i;
	gboolean ok = FALSE, pad_ok = TRUE;

	if (!sa) {
		proto_tree_add_item(mtree, hf_mnha_encrypted, tvb, PSAC_MNHA_HDR_LEN, -1, ENC_NA);
		expert_add_info_format(pinfo, ti, &ei_mnha_no_sa,
				       "No SA for SPI 0x%07x: configure one in the MN-HA SA table", spi);
		return;
	}
	mnha_suite_params(sa->suite, &ek, &ik, &ivl, &blk, &icvl);
	pi = proto_tree_add_uint(mtree, hf_mnha_suite, tvb, 0, 0, sa->suite);
	proto_item_set_generated(pi);
	pi = proto_tree_add_uint(mtree, hf_mnha_sa_source, tvb, 0, 0, sa->source);
	proto_item_set_generated(pi);
	body = len - PSAC_MNHA_HDR_LEN - ivl - icvl;
	if (body < PSAC_MNHA_TRAILER_LEN || body % blk ||
	    tvb_captured_length(tvb) != (guint)len) {
		proto_tree_add_item(mtree, hf_mnha_encrypted, tvb, PSAC_MNHA_HDR_LEN, -1, ENC_NA);
		expert_add_info_format(pinfo, ti, &ei_mnha_len,
				       "%d octets after the header do not fit %s (IV %d, block %d, ICV %d)",
				       len - PSAC_MNHA_HDR_LEN,
				       val_to_str_const(sa->suite, mnha_suite_vals, "?"), ivl, blk, icvl);
		return;
	}
	if (ivl)
		proto_tree_add_item(mtree, hf_mnha_iv, tvb, PSAC_MNHA_HDR_LEN, ivl, ENC_NA);
	proto_tree_add_item(mtree, hf_mnha_encrypted, tvb, PSAC_MNHA_HDR_LEN + ivl, body, ENC_NA);
	pi = proto_tree_add_item(mtree, hf_mnha_icv, tvb, len - icvl, icvl, ENC_NA);

	pkt = tvb_get_ptr(tvb, 0, len);
	pt = (guint8 *)wmem_alloc0(pinfo->pool, body);
	for (dir = 0; dir < 2 && !ok; dir++)
		ok = try_decrypt(sa, dir, pkt, len, pt, &ptlen);
	dir--;
	{
		proto_item *si = proto_tree_add_boolean(mtree, hf_mnha_icv_status, tvb,
							len - icvl, icvl, ok);
		proto_item_set_generated(si);
	}
	if (!ok) {
		expert_add_info(pinfo, pi, &ei_mnha_icv_bad);
		return;
	}
	expert_add_info(pinfo, pi, &ei_mnha_icv_ok);
	pi = proto_tree_add_uint(mtree, hf_mnha_direction, tvb, 0, 0, (guint32)dir);
	proto_item_set_generated(pi);

	dtvb = tvb_new_child_real_data(tvb, pt, ptlen, ptlen);
	add_new_data_source(pinfo, dtvb, "Decrypted MN-HA");
	pi = proto_tree_add_item(mtree, hf_mnha_decrypted, dtvb, 0, ptlen, ENC_NA);
	dtree = proto_item_add_subtree(pi, ett_mnha_decrypted);
	padlen = pt[ptlen - 2];
	nh = pt[ptlen - 1];
	if (padlen > ptlen - PSAC_MNHA_TRAILER_LEN) {
		expert_add_info_format(pinfo, pi, &ei_mnha_padding,
				       "Pad Length %d exceeds the %d decrypted octets", padlen, ptlen);
		return;
	}
	if (padlen)
		pi = proto_tree_add_item(dtree, hf_mnha_padding, dtvb,
					 ptlen - PSAC_MNHA_TRAILER_LEN - padlen, padlen, ENC_NA);
	for (i = 0; i < (guint32)padlen; i++)
		if (pt[ptlen - PSAC_MNHA_TRAILER_LEN - padlen + i] != i + 1)
			pad_ok = FALSE;
	if (!pad_ok)
		expert_add_info_format(pinfo, pi, &ei_mnha_padding,
				       "Padding is not 1, 2, 3, ... (RFC 4303)");
	proto_tree_add_item(dtree, hf_mnha_pad_len, dtvb, ptlen - 2, 1, ENC_NA);
	pi = proto_tree_add_item(dtree, hf_mnha_next_header, dtvb, ptlen - 1, 1, ENC_NA);
	if ((ptype == PSAC_MNHA_PTYPE_MH && nh != PSAC_IPPROTO_MH) ||
	    (ptype == PSAC_MNHA_PTYPE_IP && nh != 41 && nh != 4))
		expert_add_info_format(pinfo, pi, &ei_mnha_nh,
				       "Next Header %u does not go with PType %u", nh, ptype);
	if (ptlen - PSAC_MNHA_TRAILER_LEN - padlen > 0)
		hand_inner(tvb_new_subset_length(dtvb, 0, ptlen - PSAC_MNHA_TRAILER_LEN - padlen),
			   pinfo, tree, dtree, nh);
}

static int
dissect_mnha(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
	proto_item *ti, *pi;
	proto_tree *mtree;
	guint32 word, ptype, spi, seq;
	mnha_seq_info_t *si;

	col_set_str(pinfo->cinfo, COL_PROTOCOL, "MN-HA");
	col_clear(pinfo->cinfo, COL_INFO);
	ti = proto_tree_add_item(tree, proto_mnha, tvb, 0, -1, ENC_NA);
	mtree = proto_item_add_subtree(ti, ett_mnha);
	if (tvb_reported_length(tvb) < PSAC_MNHA_HDR_LEN) {
		expert_add_info_format(pinfo, ti, &ei_mnha_short,
				       "%u octets, the header alone has %d",
				       tvb_reported_length(tvb), PSAC_MNHA_HDR_LEN);
		col_set_str(pinfo->cinfo, COL_INFO, "Malformed MN-HA header");
		return tvb_captured_length(tvb);
	}
	word = tvb_get_ntohl(tvb, 0);
	ptype = word >> PSAC_MNHA_PTYPE_SHIFT;
	spi = word & PSAC_MNHA_SPI_MASK;
	pi = proto_tree_add_item(mtree, hf_mnha_ptype, tvb, 0, 4, ENC_BIG_ENDIAN);
	proto_tree_add_item(mtree, hf_mnha_spi, tvb, 0, 4, ENC_BIG_ENDIAN);
	proto_tree_add_item_ret_uint(mtree, hf_mnha_seq, tvb, 4, 4, ENC_BIG_ENDIAN, &seq);
	proto_item_append_text(ti, ", PType %u, SPI 0x%07x, Seq %u", ptype, spi, seq);
	col_add_fstr(pinfo->cinfo, COL_INFO, "%s SPI=0x%07x Seq=%u",
		     val_to_str(pinfo->pool, ptype, mnha_ptype_vals, "PType %u"), spi, seq);

	switch (ptype) {
	case PSAC_MNHA_PTYPE_PLAIN:
		dissect_plain(tvb, pinfo, tree, mtree, ti, spi, seq);
		break;
	case PSAC_MNHA_PTYPE_IP:
	case PSAC_MNHA_PTYPE_MH:
		if (seq == 0) {
			expert_add_info(pinfo, ti, &ei_mnha_seq_zero);
		} else {
			si = seq_analyse(pinfo, spi, seq);
			if (si) {
				proto_item *sp = proto_tree_add_uint(mtree, hf_mnha_seq_prev, tvb, 4, 4, si->prev);

				proto_item_set_generated(sp);
				if (si->replay)
					expert_add_info_format(pinfo, sp, &ei_mnha_seq_replay,
							       "Sequence number %u already seen (highest %u): replay",
							       seq, si->prev);
				else if (si->gap)
					expert_add_info_format(pinfo, sp, &ei_mnha_seq_gap,
							       "Sequence number %u after %u: %u packet(s) missing",
							       seq, si->prev, seq - si->prev - 1);
			}
		}
		dissect_protected(tvb, pinfo, tree, mtree, ti, ptype, spi);
		break;
	default:
		expert_add_info_format(pinfo, pi, &ei_mnha_ptype, "Unknown PType %u", ptype);
		proto_tree_add_item(mtree, hf_mnha_payload, tvb, PSAC_MNHA_HDR_LEN, -1, ENC_NA);
		break;
	}
	return tvb_captured_length(tvb);
}

void
proto_register_mnha(void)
{
	const struct psac_mnha_suite *suite;
	unsigned int i;
	static hf_register_info hf[] = {
		{ &hf_mnha_ptype,
		  { "PType", "mnha.ptype", FT_UINT32, BASE_DEC,
		    VALS(mnha_ptype_vals), 0xf0000000, "Packet type", HFILL }},
		{ &hf_mnha_spi,
		  { "SPI", "mnha.spi", FT_UINT32, BASE_HEX,
		    NULL, PSAC_MNHA_SPI_MASK, "Security Parameter Index (28 bits)", HFILL }},
		{ &hf_mnha_seq,
		  { "Sequence number", "mnha.seq", FT_UINT32, BASE_DEC,
		    NULL, 0, NULL, HFILL }},
		{ &hf_mnha_seq_prev,
		  { "Highest earlier sequence number", "mnha.seq.prev", FT_UINT32, BASE_DEC,
		    NULL, 0, "Highest sequence number seen before on this SA and direction", HFILL }},
		{ &hf_mnha_payload,
		  { "Plaintext payload", "mnha.payload", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_mnha_encrypted,
		  { "Encrypted data", "mnha.encrypted", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_mnha_iv,
		  { "IV", "mnha.iv", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_mnha_icv,
		  { "ICV", "mnha.icv", FT_BYTES, BASE_NONE,
		    NULL, 0, "Integrity check value", HFILL }},
		{ &hf_mnha_icv_status,
		  { "ICV status", "mnha.icv.good", FT_BOOLEAN, BASE_NONE,
		    TFS(&tfs_icv), 0, NULL, HFILL }},
		{ &hf_mnha_decrypted,
		  { "Decrypted payload", "mnha.decrypted", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_mnha_padding,
		  { "Padding", "mnha.padding", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_mnha_pad_len,
		  { "Pad Length", "mnha.pad_len", FT_UINT8, BASE_DEC,
		    NULL, 0, NULL, HFILL }},
		{ &hf_mnha_next_header,
		  { "Next Header", "mnha.next_header", FT_UINT8, BASE_DEC | BASE_EXT_STRING,
		    &ipproto_val_ext, 0, NULL, HFILL }},
		{ &hf_mnha_suite,
		  { "Ciphersuite", "mnha.suite", FT_UINT16, BASE_HEX,
		    VALS(mnha_suite_vals), 0, "mip6-ciphersuite of the SA", HFILL }},
		{ &hf_mnha_direction,
		  { "Direction", "mnha.direction", FT_UINT8, BASE_DEC,
		    VALS(mnha_dir_vals), 0, "Whose keys decrypted the packet", HFILL }},
		{ &hf_mnha_sa_source,
		  { "SA from", "mnha.sa_source", FT_UINT8, BASE_DEC,
		    VALS(mnha_sa_source_vals), 0, NULL, HFILL }},
	};
	static gint *ett[] = { &ett_mnha, &ett_mnha_decrypted };
	static ei_register_info ei[] = {
		{ &ei_mnha_short,
		  { "mnha.short", PI_MALFORMED, PI_ERROR,
		    "Packet shorter than the MN-HA header", EXPFILL }},
		{ &ei_mnha_ptype,
		  { "mnha.ptype.unknown", PI_PROTOCOL, PI_WARN,
		    "Unknown PType", EXPFILL }},
		{ &ei_mnha_plain_hdr,
		  { "mnha.plain.nonzero", PI_PROTOCOL, PI_WARN,
		    "PType 0 needs SPI 0 and sequence number 0", EXPFILL }},
		{ &ei_mnha_seq_zero,
		  { "mnha.seq.zero", PI_PROTOCOL, PI_WARN,
		    "Sequence numbers start at 1", EXPFILL }},
		{ &ei_mnha_seq_replay,
		  { "mnha.seq.replay", PI_SEQUENCE, PI_WARN,
		    "Sequence number already seen", EXPFILL }},
		{ &ei_mnha_seq_gap,
		  { "mnha.seq.gap", PI_SEQUENCE, PI_NOTE,
		    "Sequence numbers missing", EXPFILL }},
		{ &ei_mnha_no_sa,
		  { "mnha.no_sa", PI_UNDECODED, PI_NOTE,
		    "No SA for this SPI", EXPFILL }},
		{ &ei_mnha_icv_bad,
		  { "mnha.icv.bad", PI_CHECKSUM, PI_ERROR,
		    "ICV does not verify with either direction's keys", EXPFILL }},
		{ &ei_mnha_icv_ok,
		  { "mnha.icv.ok", PI_CHECKSUM, PI_CHAT,
		    "ICV verified, payload decrypted", EXPFILL }},
		{ &ei_mnha_len,
		  { "mnha.bad_length", PI_MALFORMED, PI_ERROR,
		    "Length does not fit the ciphersuite", EXPFILL }},
		{ &ei_mnha_padding,
		  { "mnha.bad_padding", PI_MALFORMED, PI_WARN,
		    "Bad padding", EXPFILL }},
		{ &ei_mnha_nh,
		  { "mnha.next_header.mismatch", PI_PROTOCOL, PI_WARN,
		    "Next Header does not go with PType", EXPFILL }},
		{ &ei_mnha_inner,
		  { "mnha.inner.unknown", PI_MALFORMED, PI_WARN,
		    "Inner packet is not IP", EXPFILL }},
	};
	static uat_field_t fields[] = {
		UAT_FLD_CSTRING(mnha_sa, spi, "SPI", "28-bit SPI, hexadecimal"),
		UAT_FLD_CSTRING(mnha_sa, suite, "Suite",
				"mip6-ciphersuite, hexadecimal: 0002 NULL/HMAC-SHA1, 0003 NULL/AES-XCBC, "
				"000a 3DES/HMAC-SHA1, 002f AES-128-CBC/HMAC-SHA1, ffff AES-128-CBC/AES-XCBC, "
				"009c AES-128-GCM, 009d AES-256-GCM"),
		UAT_FLD_CSTRING(mnha_sa, mn_to_ha_ekey, "MN-to-HA ekey", "hex (GCM: key then 4-octet salt)"),
		UAT_FLD_CSTRING(mnha_sa, mn_to_ha_ikey, "MN-to-HA ikey", "hex (empty for GCM)"),
		UAT_FLD_CSTRING(mnha_sa, ha_to_mn_ekey, "HA-to-MN ekey", "hex (GCM: key then 4-octet salt)"),
		UAT_FLD_CSTRING(mnha_sa, ha_to_mn_ikey, "HA-to-MN ikey", "hex (empty for GCM)"),
		UAT_END_FIELDS
	};
	module_t *m;
	expert_module_t *em;
	uat_t *u;

	proto_mnha = proto_register_protocol("RFC 6618 MN-HA UDP encapsulation", "MN-HA", "mnha");
	/* the last entry stays { 0, NULL } */
	for (i = 0; i + 1 < array_length(mnha_suite_vals) &&
	     (suite = psac_mnha_suite_at(i)); i++) {
		mnha_suite_vals[i].value = suite->id;
		mnha_suite_vals[i].strptr = suite->desc;
	}
	proto_register_field_array(proto_mnha, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	em = expert_register_protocol(proto_mnha);
	expert_register_field_array(em, ei, array_length(ei));
	mnha_handle = register_dissector("mnha", dissect_mnha, proto_mnha);

	m = prefs_register_protocol(proto_mnha, NULL);
	u = uat_new("MN-HA SAs", sizeof(mnha_uat_t), "mnha_sa", TRUE, &uat_recs, &uat_nrecs,
		    UAT_AFFECTS_DISSECTION, NULL, mnha_uat_copy_cb, mnha_uat_update_cb,
		    mnha_uat_free_cb, mnha_uat_post_update_cb, mnha_uat_reset_cb, fields);
	prefs_register_uat_preference(m, "sa_table", "MN-HA SAs",
		"RFC 6618 SAs to decrypt MN-HA traffic with (SAs found in decrypted PSAC or MHAuth messages are added automatically)", u);
	register_init_routine(mnha_init);
	register_cleanup_routine(mnha_cleanup);
}

void
proto_reg_handoff_mnha(void)
{
	dissector_add_uint_with_preference("udp.port", PSAC_MNHA_UDP_PORT, mnha_handle);
	ip_handle = find_dissector("ip");
	ipv6_handle = find_dissector("ipv6");
	ip_proto_table = find_dissector_table("ip.proto");
}
