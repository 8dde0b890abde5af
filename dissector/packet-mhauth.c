/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * packet-mhauth.c - RFC 6618 MHAuth container, carried in TLS between the
 * mobile node and the Home Agent Controller (TCP 7873 here, a preference):
 *
 *   Ver(3)=0 | Reserved(5) | Identifier(8) | Length(16) | Content
 *
 * Content is "name: value CRLF" headers ended by an empty line.  The six
 * pseudo-messages (Request/Response x MHAuth-Init/-Mid/-Done) are told
 * apart by direction (towards the HAC port = request), the Identifier
 * (1 = Init) and the headers (Done carries mip6-suitelist or status-code).
 * An MHAuth-Done response with MN-HA keys feeds the MN-HA SA table.
 */
#include "config-psac.h"

#include <string.h>

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/uat.h>
#include <epan/conversation.h>
#include <epan/proto_data.h>
#include <wsutil/report_message.h>
#include <epan/dissectors/packet-tcp.h>
#include <epan/dissectors/packet-tls.h>
#include <wsutil/str_util.h>
#include <epan/strutil.h>

#include <linux/psac_wire.h>

#include "psac_compat.h"
#include "psac-int.h"
#include "psac-mnha.h"
#include "psac-crypto.h"

void proto_register_mhauth(void);
void proto_reg_handoff_mhauth(void);

static int proto_mhauth = -1;

static int hf_mhauth_version = -1;
static int hf_mhauth_reserved = -1;
static int hf_mhauth_identifier = -1;
static int hf_mhauth_length = -1;
static int hf_mhauth_message = -1;
static int hf_mhauth_is_request = -1;
static int hf_mhauth_header = -1;
static int hf_mhauth_header_name = -1;
static int hf_mhauth_header_value = -1;
static int hf_mhauth_learned_spi = -1;
static int hf_mhauth_auth_status = -1;
static int hf_mhauth_cb = -1;
static int hf_mhauth_cb_source = -1;
static int hf_mhauth_cb_frame = -1;
static int hf_tls_certificate = -1;

static gint ett_mhauth = -1;
static gint ett_mhauth_header = -1;

static expert_field ei_mhauth_version = EI_INIT;
static expert_field ei_mhauth_reserved = EI_INIT;
static expert_field ei_mhauth_no_colon = EI_INIT;
static expert_field ei_mhauth_no_end = EI_INIT;
static expert_field ei_mhauth_unknown_header = EI_INIT;
static expert_field ei_mhauth_auth_not_last = EI_INIT;
static expert_field ei_mhauth_trailing = EI_INIT;
static expert_field ei_mhauth_status = EI_INIT;
static expert_field ei_mhauth_keys = EI_INIT;
static expert_field ei_mhauth_bad_value = EI_INIT;
static expert_field ei_mhauth_auth_ok = EI_INIT;
static expert_field ei_mhauth_auth_bad = EI_INIT;
static expert_field ei_mhauth_no_cb = EI_INIT;

static dissector_handle_t mhauth_handle;
static dissector_handle_t mhauth_cert_handle;
static psac_bool_t pref_desegment = TRUE;
static guint pref_tls_port = PSAC_HAC_TLS_PORT;
static guint current_tls_port;
static const char *pref_hac_cert_file = "";
static guint8 file_cb[64];
static int file_cb_len;

/* Headers of RFC 6618 section 6, each with a filterable field. */
enum {
	H_MN_ID, H_AUTH_METHOD, H_EAP_PAYLOAD, H_STATUS_CODE, H_AUTH, H_RETRY_AFTER,
	H_MN_RAND, H_HAC_RAND, H_MIP6_SPI, H_MN_TO_HA_IKEY, H_HA_TO_MN_IKEY,
	H_MN_TO_HA_EKEY, H_HA_TO_MN_EKEY, H_SA_VALIDITY_END, H_MIP6_SAS,
	H_CIPHERSUITE, H_SUITELIST, H_HAA_IP6, H_HAA_IP4, H_MIP6_PORT, H_IP6_HOA,
	H_IP4_HOA, H_IP6_HNP, H_IP4_HNP, H_DNS_IP6, H_DNS_IP4,
	H_COUNT
};

static const char *const header_names[H_COUNT] = {
	"mn-id", "auth-method", "eap-payload", "status-code", "auth", "retry-after",
	"mn-rand", "hac-rand", "mip6-spi", "mip6-mn-to-ha-ikey", "mip6-ha-to-mn-ikey",
	"mip6-mn-to-ha-ekey", "mip6-ha-to-mn-ekey", "mip6-sa-validity-end", "mip6-sas",
	"mip6-ciphersuite", "mip6-suitelist", "mip6-haa-ip6", "mip6-haa-ip4", "mip6-port",
	"mip6-ip6-hoa", "mip6-ip4-hoa", "mip6-ip6-hnp", "mip6-ip4-hnp", "dns-ip6", "dns-ip4",
};

static int hf_mhauth_h[H_COUNT];

enum { M_INIT = 0, M_MID = 1, M_DONE = 2 };

static const value_string mhauth_msg_vals[] = {
	{ 0x10 | M_INIT, "MHAuth-Init Request" },
	{ 0x10 | M_MID,  "MHAuth-Mid Request" },
	{ 0x10 | M_DONE, "MHAuth-Done Request" },
	{ M_INIT,        "MHAuth-Init Response" },
	{ M_MID,         "MHAuth-Mid Response" },
	{ M_DONE,        "MHAuth-Done Response" },
	{ 0, NULL }
};

static int
header_index(const char *name)
{
	int i;

	for (i = 0; i < H_COUNT; i++)
		if (g_ascii_strcasecmp(name, header_names[i]) == 0)
			return i;
	return -1;
}

/* "009c", "0x009c" or "{00,9C}" */
static gboolean
parse_suite(const char *s, guint *suite)
{
	char buf[16];
	size_t n = 0;
	char *end;

	if (g_str_has_prefix(s, "0x") || g_str_has_prefix(s, "0X"))
		s += 2;
	for (; *s && n < sizeof(buf) - 1; s++) {
		if (*s == '{' || *s == '}' || *s == ',' || *s == ' ')
			continue;
		if (!g_ascii_isxdigit(*s))
			return FALSE;
		buf[n++] = *s;
	}
	if (n == 0 || *s)
		return FALSE;
	buf[n] = '\0';
	*suite = (guint)strtoul(buf, &end, 16);
	return *suite <= 0xffff;
}

static void
learn_keys(packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb, proto_item *ti,
	   char *const vals[H_COUNT])
{
	mnha_sa_t sa;
	guint suite;
	guint64 spi;
	char *end;
	int ek, ik;
	proto_item *pi;

	if (!vals[H_MIP6_SPI] || !vals[H_CIPHERSUITE])
		return;
	memset(&sa, 0, sizeof(sa));
	spi = g_ascii_strtoull(vals[H_MIP6_SPI], &end, 0);
	if (*end || spi == 0 || spi > PSAC_MNHA_SPI_MASK ||
	    !parse_suite(vals[H_CIPHERSUITE], &suite) ||
	    !mnha_suite_params(suite, &ek, &ik, NULL, NULL, NULL)) {
		expert_add_info_format(pinfo, ti, &ei_mhauth_keys,
				       "MN-HA SA parameters not usable (mip6-spi %s, mip6-ciphersuite %s)",
				       vals[H_MIP6_SPI], vals[H_CIPHERSUITE]);
		return;
	}
	if (ek && (!vals[H_MN_TO_HA_EKEY] || !vals[H_HA_TO_MN_EKEY] ||
		   !psac_hex_exact(vals[H_MN_TO_HA_EKEY], sa.ekey[0], ek) ||
		   !psac_hex_exact(vals[H_HA_TO_MN_EKEY], sa.ekey[1], ek))) {
		expert_add_info_format(pinfo, ti, &ei_mhauth_keys,
				       "Encryption keys missing or not %d hex octets", ek);
		return;
	}
	if (ik && (!vals[H_MN_TO_HA_IKEY] || !vals[H_HA_TO_MN_IKEY] ||
		   !psac_hex_exact(vals[H_MN_TO_HA_IKEY], sa.ikey[0], ik) ||
		   !psac_hex_exact(vals[H_HA_TO_MN_IKEY], sa.ikey[1], ik))) {
		expert_add_info_format(pinfo, ti, &ei_mhauth_keys,
				       "Integrity keys missing or not %d hex octets", ik);
		return;
	}
	sa.spi = (guint32)spi;
	sa.suite = suite;
	sa.source = MNHA_SA_FROM_MHAUTH;
	mnha_learn_sa(&sa);
	memset(&sa, 0, sizeof(sa));
	pi = proto_tree_add_uint(tree, hf_mhauth_learned_spi, tvb, 0, 0, (guint32)spi);
	proto_item_set_generated(pi);
}

/* ------------------------------------------------------------------------ */
/* PSK authentication: auth = HMAC-SHA256(PSK, "MN"|msg-octets|CB) from the  */
/* mobile node, "HAC"|... from the HAC; msg-octets are the raw header lines */
/* before the auth line, CB the tls-server-endpoint hash of the HAC cert.   */
/* ------------------------------------------------------------------------ */

typedef struct {
	char *mn_id;
	char *psk;
	char *cb;
} mhauth_psk_t;

static mhauth_psk_t *psk_recs;
static guint psk_nrecs;

UAT_CSTRING_CB_DEF(mhauth_psk, mn_id, mhauth_psk_t)
UAT_CSTRING_CB_DEF(mhauth_psk, psk, mhauth_psk_t)
UAT_CSTRING_CB_DEF(mhauth_psk, cb, mhauth_psk_t)

static GByteArray *
hex_bytes(const char *s)
{
	GByteArray *b = g_byte_array_new();

	if (s && (g_str_has_prefix(s, "0x") || g_str_has_prefix(s, "0X")))
		s += 2;
	if (s && *s && !hex_str_to_bytes(s, b, FALSE)) {
		g_byte_array_free(b, TRUE);
		return NULL;
	}
	return b;
}

static void *
psk_copy_cb(void *dst, const void *src, size_t len _U_)
{
	const mhauth_psk_t *a = (const mhauth_psk_t *)src;
	mhauth_psk_t *d = (mhauth_psk_t *)dst;

	d->mn_id = g_strdup(a->mn_id);
	d->psk = g_strdup(a->psk);
	d->cb = g_strdup(a->cb);
	return d;
}

static psac_bool_t
psk_update_cb(void *r, char **err)
{
	mhauth_psk_t *rec = (mhauth_psk_t *)r;
	GByteArray *p = hex_bytes(rec->psk), *c = hex_bytes(rec->cb);
	gboolean ok = p && p->len > 0 && c;

	if (p) {
		psac_bytes_wipe_free(p);
	}
	if (c)
		g_byte_array_free(c, TRUE);
	if (!ok)
		*err = g_strdup("PSK must be hexadecimal octets, CB empty or hexadecimal octets");
	return ok;
}

static void
psk_free_cb(void *r)
{
	mhauth_psk_t *rec = (mhauth_psk_t *)r;

	g_free(rec->mn_id);
	if (rec->psk) {
		memset(rec->psk, 0, strlen(rec->psk));
		g_free(rec->psk);
	}
	g_free(rec->cb);
}

/*
 * Channel binding.  The HAC certificate of a TLS session is taken from the
 * session itself: a postdissector asks for tls.handshake.certificate (in
 * TLS 1.3 visible once the key log decrypts the handshake) and keeps the
 * tls-server-endpoint hash of the first certificate of each conversation,
 * the server's leaf.  Precedence: the CB column of the PSK table, the
 * session's certificate, the HAC certificate file preference.
 */
enum { CB_NONE, CB_TABLE, CB_SESSION, CB_FILE };

static const value_string mhauth_cb_source_vals[] = {
	{ CB_TABLE,	"PSK table" },
	{ CB_SESSION,	"HAC certificate in the TLS session" },
	{ CB_FILE,	"HAC certificate file preference" },
	{ 0, NULL }
};

typedef struct {
	guint32 cert_frame;
	int cb_len;
	guint8 cb[64];
} mhauth_conv_t;

static int
dissect_mhauth_cert_post(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
	GPtrArray *certs;
	field_info *fi;
	conversation_t *conv;
	mhauth_conv_t *cd;
	const guint8 *der;

	if (!tree || hf_tls_certificate < 0)
		return 0;
	certs = proto_get_finfo_ptr_array(tree, hf_tls_certificate);
	if (!certs || certs->len == 0)
		return 0;
	conv = find_conversation_pinfo(pinfo, 0);
	if (!conv)
		return 0;
	cd = (mhauth_conv_t *)conversation_get_proto_data(conv, proto_mhauth);
	if (cd && cd->cert_frame && cd->cert_frame != pinfo->num)
		return 0;	/* the server's certificate came first */
	fi = (field_info *)g_ptr_array_index(certs, 0);
	if (!fi->ds_tvb || fi->length <= 0 || !tvb_bytes_exist(fi->ds_tvb, fi->start, fi->length))
		return 0;
	if (!cd) {
		cd = wmem_new0(wmem_file_scope(), mhauth_conv_t);
		conversation_add_proto_data(conv, proto_mhauth, cd);
	}
	der = tvb_get_ptr(fi->ds_tvb, fi->start, fi->length);
	cd->cb_len = psac_cert_endpoint_hash(der, (size_t)fi->length, cd->cb);
	cd->cert_frame = cd->cb_len > 0 ? pinfo->num : 0;
	return 0;
}

/* The CB of this conversation's TLS session or of the file preference. */
static int
session_cb(packet_info *pinfo, const guint8 **cb, guint32 *frame)
{
	conversation_t *conv = find_conversation_pinfo(pinfo, 0);
	mhauth_conv_t *cd = conv ? (mhauth_conv_t *)conversation_get_proto_data(conv, proto_mhauth)
				 : NULL;

	if (cd && cd->cb_len > 0 && cd->cert_frame <= pinfo->num) {
		*cb = cd->cb;
		*frame = cd->cert_frame;
		return CB_SESSION;
	}
	if (file_cb_len > 0) {
		*cb = file_cb;
		return CB_FILE;
	}
	return CB_NONE;
}

static gboolean
auth_matches(const mhauth_psk_t *rec, const guint8 *label, size_t llen,
	     const guint8 *msg, size_t mlen, const guint8 *want,
	     const guint8 *scb, int scb_len)
{
	GByteArray *psk = hex_bytes(rec->psk), *cb = hex_bytes(rec->cb);
	GByteArray *in = g_byte_array_new();
	guint8 mac[32];
	gboolean ok = FALSE;

	if (psk && cb) {
		g_byte_array_append(in, label, (guint)llen);
		g_byte_array_append(in, msg, (guint)mlen);
		if (cb->len)
			g_byte_array_append(in, cb->data, cb->len);
		else
			g_byte_array_append(in, scb, (guint)scb_len);
		ok = psac_hmac_sha256(psk->data, psk->len, in->data, in->len, mac) &&
		     memcmp(mac, want, sizeof(mac)) == 0;
	}
	if (psk) {
		psac_bytes_wipe_free(psk);
	}
	if (cb)
		g_byte_array_free(cb, TRUE);
	g_byte_array_free(in, TRUE);
	return ok;
}

static void
verify_auth(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_item *auth_item,
	    int auth_off, char *const vals[H_COUNT], gboolean request)
{
	const char *label = request ? "MN" : "HAC";
	const guint8 *msg;
	guint8 want[32];
	guint i, tried = 0, no_cb = 0;
	gboolean ok = FALSE;
	proto_item *pi;
	const guint8 *scb = NULL, *used_cb = NULL;
	guint32 cb_frame = 0;
	int ssrc, used_src = CB_NONE, scb_len = 0, used_len = 0;

	if (psk_nrecs == 0)
		return;
	ssrc = session_cb(pinfo, &scb, &cb_frame);
	if (ssrc == CB_SESSION) {
		conversation_t *conv = find_conversation_pinfo(pinfo, 0);

		scb_len = ((mhauth_conv_t *)conversation_get_proto_data(conv, proto_mhauth))->cb_len;
	} else if (ssrc == CB_FILE) {
		scb_len = file_cb_len;
	}
	if (!psac_hex_exact(vals[H_AUTH], want, sizeof(want))) {
		expert_add_info_format(pinfo, auth_item, &ei_mhauth_bad_value,
				       "auth is not 32 hexadecimal octets");
		return;
	}
	msg = tvb_get_ptr(tvb, PSAC_MHAUTH_HDR_LEN, auth_off - PSAC_MHAUTH_HDR_LEN);
	for (i = 0; i < psk_nrecs && !ok; i++) {
		const mhauth_psk_t *rec = &psk_recs[i];

		/* An entry for another MN is skipped when the message names its MN. */
		if (vals[H_MN_ID] && rec->mn_id && *rec->mn_id &&
		    g_ascii_strcasecmp(rec->mn_id, vals[H_MN_ID]) != 0)
			continue;
		if ((!rec->cb || !*rec->cb) && ssrc == CB_NONE) {
			no_cb++;
			continue;
		}
		tried++;
		ok = auth_matches(rec, (const guint8 *)label, strlen(label), msg,
				  auth_off - PSAC_MHAUTH_HDR_LEN, want, scb, scb_len);
		if (ok && rec->cb && *rec->cb) {
			used_src = CB_TABLE;
		} else if (ok) {
			used_src = ssrc;
			used_cb = scb;
			used_len = scb_len;
		}
	}
	if (!tried) {
		if (no_cb)
			expert_add_info_format(pinfo, auth_item, &ei_mhauth_no_cb,
					       "auth not checked: no channel binding (no HAC certificate in this "
					       "TLS session, none in the PSK table or the certificate file preference)");
		return;
	}
	pi = proto_tree_add_boolean(tree, hf_mhauth_auth_status, tvb, auth_off, 0, ok);
	proto_item_set_generated(pi);
	if (ok) {
		pi = proto_tree_add_uint(tree, hf_mhauth_cb_source, tvb, 0, 0, (guint32)used_src);
		proto_item_set_generated(pi);
	}
	/* the session/file CB that verified, or that was tried and failed */
	if (!ok && ssrc != CB_NONE) {
		used_cb = scb;
		used_len = scb_len;
	}
	if (used_cb) {
		pi = proto_tree_add_bytes_with_length(tree, hf_mhauth_cb, tvb, 0, 0, used_cb, used_len);
		proto_item_set_generated(pi);
	}
	if (cb_frame && (used_src == CB_SESSION || (!ok && ssrc == CB_SESSION))) {
		pi = proto_tree_add_uint(tree, hf_mhauth_cb_frame, tvb, 0, 0, cb_frame);
		proto_item_set_generated(pi);
	}
	if (ok)
		expert_add_info(pinfo, auth_item, &ei_mhauth_auth_ok);
	else
		expert_add_info_format(pinfo, auth_item, &ei_mhauth_auth_bad,
				       "auth does not verify with the configured PSK%s (%s label)",
				       tried > 1 ? "s" : "", label);
}

static int
dissect_mhauth_pdu(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
	proto_item *ti, *pi;
	proto_tree *mtree;
	guint32 ver, res, ident, clen;
	int off, end, nlines = 0, auth_line = -1, auth_off = -1;
	proto_item *auth_item = NULL;
	gboolean request, ended = FALSE;
	char *vals[H_COUNT];
	int stage, msg;

	memset(vals, 0, sizeof(vals));
	col_set_str(pinfo->cinfo, COL_PROTOCOL, "MHAuth");
	ti = proto_tree_add_item(tree, proto_mhauth, tvb, 0, -1, ENC_NA);
	mtree = proto_item_add_subtree(ti, ett_mhauth);

	pi = proto_tree_add_item_ret_uint(mtree, hf_mhauth_version, tvb, 0, 1, ENC_BIG_ENDIAN, &ver);
	if (ver != PSAC_MHAUTH_VERSION)
		expert_add_info_format(pinfo, pi, &ei_mhauth_version, "Version %u, RFC 6618 defines %u",
				       ver, PSAC_MHAUTH_VERSION);
	pi = proto_tree_add_item_ret_uint(mtree, hf_mhauth_reserved, tvb, 0, 1, ENC_BIG_ENDIAN, &res);
	if (res)
		expert_add_info(pinfo, pi, &ei_mhauth_reserved);
	proto_tree_add_item_ret_uint(mtree, hf_mhauth_identifier, tvb, 1, 1, ENC_BIG_ENDIAN, &ident);
	proto_tree_add_item_ret_uint(mtree, hf_mhauth_length, tvb, 2, 2, ENC_BIG_ENDIAN, &clen);

	off = PSAC_MHAUTH_HDR_LEN;
	end = PSAC_MHAUTH_HDR_LEN + (int)clen;
	while (off < end) {
		int eol, next, colon, llen;
		proto_item *hi;
		proto_tree *htree;
		char *name, *value;
		int idx;

		llen = tvb_find_line_end(tvb, off, end - off, &next, FALSE);
		eol = off + llen;
		if (llen == 0) {
			ended = TRUE;
			off = next;
			break;
		}
		nlines++;
		hi = proto_tree_add_item(mtree, hf_mhauth_header, tvb, off, next - off, ENC_UTF_8);
		htree = proto_item_add_subtree(hi, ett_mhauth_header);
		colon = psac_tvb_find_u8(tvb, off, llen, ':');
		if (colon < 0) {
			expert_add_info(pinfo, hi, &ei_mhauth_no_colon);
			off = next;
			continue;
		}
		name = (char *)tvb_get_string_enc(pinfo->pool, tvb, off, colon - off, ENC_UTF_8);
		proto_tree_add_item(htree, hf_mhauth_header_name, tvb, off, colon - off, ENC_UTF_8);
		colon++;
		while (colon < eol && psac_tvb_get_u8(tvb, colon) == ' ')
			colon++;
		value = (char *)tvb_get_string_enc(pinfo->pool, tvb, colon, eol - colon, ENC_UTF_8);
		proto_tree_add_item(htree, hf_mhauth_header_value, tvb, colon, eol - colon, ENC_UTF_8);
		idx = header_index(name);
		if (idx < 0) {
			expert_add_info_format(pinfo, hi, &ei_mhauth_unknown_header,
					       "Unknown header \"%s\"", name);
		} else {
			pi = proto_tree_add_item(mtree, hf_mhauth_h[idx], tvb, colon, eol - colon, ENC_UTF_8);
			vals[idx] = value;
			if (idx == H_AUTH && auth_line < 0) {
				auth_line = nlines;
				auth_off = off;
				auth_item = pi;
			}
		}
		if (auth_line > 0 && auth_line != nlines)
			expert_add_info(pinfo, hi, &ei_mhauth_auth_not_last);
		off = next;
	}
	if (!ended)
		expert_add_info(pinfo, ti, &ei_mhauth_no_end);
	else if (off < end)
		proto_tree_add_expert(mtree, pinfo, &ei_mhauth_trailing, tvb, off, end - off);

	/* Which of the six pseudo-messages */
	request = pinfo->destport == pref_tls_port ||
		  (pinfo->srcport != pref_tls_port && pinfo->destport < pinfo->srcport);
	if (ident == PSAC_MHAUTH_ID_INIT)
		stage = M_INIT;
	else if ((request && vals[H_SUITELIST]) || (!request && vals[H_STATUS_CODE]))
		stage = M_DONE;
	else
		stage = M_MID;
	msg = (request ? 0x10 : 0) | stage;
	pi = proto_tree_add_uint(mtree, hf_mhauth_message, tvb, 0, 0, (guint32)msg);
	proto_item_set_generated(pi);
	pi = proto_tree_add_boolean(mtree, hf_mhauth_is_request, tvb, 0, 0, request);
	proto_item_set_generated(pi);
	proto_item_append_text(ti, ", %s, Identifier %u",
			       val_to_str_const(msg, mhauth_msg_vals, "?"), ident);
	col_append_sep_fstr(pinfo->cinfo, COL_INFO, NULL, "%s (Id %u)",
			    val_to_str_const(msg, mhauth_msg_vals, "?"), ident);

	if (vals[H_STATUS_CODE]) {
		char *e;
		guint64 code = g_ascii_strtoull(vals[H_STATUS_CODE], &e, 10);

		if (*e)
			expert_add_info_format(pinfo, ti, &ei_mhauth_bad_value,
					       "status-code \"%s\" is not a number", vals[H_STATUS_CODE]);
		else if (code >= 300)
			expert_add_info_format(pinfo, ti, &ei_mhauth_status,
					       "status-code %" G_GUINT64_FORMAT, code);
	}
	if (auth_item)
		verify_auth(tvb, pinfo, mtree, auth_item, auth_off, vals, request);

	/* Key chaining: a Done response hands the MN-HA SA to the MN-HA decoder. */
	if (!request && stage == M_DONE && !PINFO_FD_VISITED(pinfo))
		learn_keys(pinfo, mtree, tvb, ti, vals);
	else if (!request && stage == M_DONE && vals[H_MIP6_SPI]) {
		char *e;
		guint64 spi = g_ascii_strtoull(vals[H_MIP6_SPI], &e, 0);

		if (!*e && spi && spi <= PSAC_MNHA_SPI_MASK) {
			pi = proto_tree_add_uint(mtree, hf_mhauth_learned_spi, tvb, 0, 0, (guint32)spi);
			proto_item_set_generated(pi);
		}
	}
	return tvb_captured_length(tvb);
}

static guint
get_mhauth_len(packet_info *pinfo _U_, tvbuff_t *tvb, int offset, void *data _U_)
{
	return PSAC_MHAUTH_HDR_LEN + tvb_get_ntohs(tvb, offset + 2);
}

static int
dissect_mhauth(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
	col_set_str(pinfo->cinfo, COL_PROTOCOL, "MHAuth");
	col_clear(pinfo->cinfo, COL_INFO);
	tcp_dissect_pdus(tvb, pinfo, tree, pref_desegment, PSAC_MHAUTH_HDR_LEN,
			 get_mhauth_len, dissect_mhauth_pdu, data);
	return tvb_captured_length(tvb);
}

void
proto_register_mhauth(void)
{
	static hf_register_info hf[] = {
		{ &hf_mhauth_version,
		  { "Version", "mhauth.version", FT_UINT8, BASE_DEC,
		    NULL, 0xe0, NULL, HFILL }},
		{ &hf_mhauth_reserved,
		  { "Reserved", "mhauth.reserved", FT_UINT8, BASE_HEX,
		    NULL, 0x1f, NULL, HFILL }},
		{ &hf_mhauth_identifier,
		  { "Identifier", "mhauth.identifier", FT_UINT8, BASE_DEC,
		    NULL, 0, NULL, HFILL }},
		{ &hf_mhauth_length,
		  { "Length", "mhauth.length", FT_UINT16, BASE_DEC,
		    NULL, 0, "Length of the content", HFILL }},
		{ &hf_mhauth_message,
		  { "Message", "mhauth.message", FT_UINT8, BASE_HEX,
		    VALS(mhauth_msg_vals), 0, "Pseudo-message of RFC 6618", HFILL }},
		{ &hf_mhauth_is_request,
		  { "Request", "mhauth.request", FT_BOOLEAN, BASE_NONE,
		    NULL, 0, "Sent by the mobile node to the HAC", HFILL }},
		{ &hf_mhauth_header,
		  { "Header", "mhauth.header", FT_STRING, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_mhauth_header_name,
		  { "Name", "mhauth.header.name", FT_STRING, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_mhauth_header_value,
		  { "Value", "mhauth.header.value", FT_STRING, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_mhauth_auth_status,
		  { "auth verified", "mhauth.auth.verified", FT_BOOLEAN, BASE_NONE,
		    NULL, 0, "auth HMAC checked with the configured PSK", HFILL }},
		{ &hf_mhauth_cb,
		  { "Channel binding", "mhauth.cb", FT_BYTES, BASE_NONE,
		    NULL, 0, "tls-server-endpoint hash of the HAC certificate (RFC 5929) used for auth", HFILL }},
		{ &hf_mhauth_cb_source,
		  { "Channel binding from", "mhauth.cb.source", FT_UINT8, BASE_DEC,
		    VALS(mhauth_cb_source_vals), 0, "Where the channel binding that verified auth came from", HFILL }},
		{ &hf_mhauth_cb_frame,
		  { "HAC certificate in frame", "mhauth.cb.frame", FT_FRAMENUM, BASE_NONE,
		    NULL, 0, "Frame of the TLS Certificate message the channel binding was computed from", HFILL }},
		{ &hf_mhauth_learned_spi,
		  { "MN-HA SA learned", "mhauth.learned_spi", FT_UINT32, BASE_HEX,
		    NULL, 0, "SPI of the MN-HA SA handed to the MN-HA decoder", HFILL }},
	};
	static gint *ett[] = { &ett_mhauth, &ett_mhauth_header };
	static ei_register_info ei[] = {
		{ &ei_mhauth_version,
		  { "mhauth.version.unknown", PI_PROTOCOL, PI_WARN,
		    "Unknown version", EXPFILL }},
		{ &ei_mhauth_reserved,
		  { "mhauth.reserved_not_zero", PI_PROTOCOL, PI_WARN,
		    "Reserved bits are not zero", EXPFILL }},
		{ &ei_mhauth_no_colon,
		  { "mhauth.header.no_colon", PI_MALFORMED, PI_ERROR,
		    "Header line without \"name: value\"", EXPFILL }},
		{ &ei_mhauth_no_end,
		  { "mhauth.no_empty_line", PI_MALFORMED, PI_ERROR,
		    "Content does not end with an empty line", EXPFILL }},
		{ &ei_mhauth_unknown_header,
		  { "mhauth.header.unknown", PI_PROTOCOL, PI_NOTE,
		    "Unknown header", EXPFILL }},
		{ &ei_mhauth_auth_not_last,
		  { "mhauth.auth.not_last", PI_PROTOCOL, PI_WARN,
		    "Header after the auth header (auth must come last)", EXPFILL }},
		{ &ei_mhauth_trailing,
		  { "mhauth.trailing_data", PI_MALFORMED, PI_WARN,
		    "Data after the empty line", EXPFILL }},
		{ &ei_mhauth_status,
		  { "mhauth.status.error", PI_RESPONSE_CODE, PI_NOTE,
		    "Error status", EXPFILL }},
		{ &ei_mhauth_keys,
		  { "mhauth.keys.unusable", PI_PROTOCOL, PI_WARN,
		    "MN-HA keys not usable", EXPFILL }},
		{ &ei_mhauth_bad_value,
		  { "mhauth.bad_value", PI_MALFORMED, PI_WARN,
		    "Bad header value", EXPFILL }},
		{ &ei_mhauth_auth_ok,
		  { "mhauth.auth.ok", PI_SECURITY, PI_CHAT,
		    "auth HMAC verified", EXPFILL }},
		{ &ei_mhauth_auth_bad,
		  { "mhauth.auth.bad", PI_SECURITY, PI_ERROR,
		    "auth HMAC does not verify", EXPFILL }},
		{ &ei_mhauth_no_cb,
		  { "mhauth.auth.no_cb", PI_SECURITY, PI_WARN,
		    "auth not checked: no channel binding", EXPFILL }},
	};
	static hf_register_info hfh[H_COUNT];
	static uat_field_t psk_fields[] = {
		UAT_FLD_CSTRING(mhauth_psk, mn_id, "mn-id", "mn-id the PSK belongs to (empty: any)"),
		UAT_FLD_CSTRING(mhauth_psk, psk, "PSK", "Pre-shared key, hexadecimal octets"),
		UAT_FLD_CSTRING(mhauth_psk, cb, "Channel binding",
				"tls-server-endpoint hash of the HAC certificate (RFC 5929), hexadecimal"),
		UAT_END_FIELDS
	};
	module_t *m;
	expert_module_t *em;
	uat_t *u;
	int i;

	proto_mhauth = proto_register_protocol("RFC 6618 MHAuth", "MHAuth", "mhauth");
	proto_register_field_array(proto_mhauth, hf, array_length(hf));

	for (i = 0; i < H_COUNT; i++) {
		char *abbrev = g_strdup_printf("mhauth.%s", header_names[i]);
		char *p;

		for (p = abbrev; *p; p++)
			if (*p == '-')
				*p = '_';
		hf_mhauth_h[i] = -1;
		hfh[i].p_id = &hf_mhauth_h[i];
		hfh[i].hfinfo.name = header_names[i];
		hfh[i].hfinfo.abbrev = abbrev;
		hfh[i].hfinfo.type = FT_STRING;
		hfh[i].hfinfo.display = BASE_NONE;
		hfh[i].hfinfo.strings = NULL;
		hfh[i].hfinfo.bitmask = 0;
		hfh[i].hfinfo.blurb = NULL;
		HFILL_INIT(hfh[i]);
	}
	proto_register_field_array(proto_mhauth, hfh, H_COUNT);
	proto_register_subtree_array(ett, array_length(ett));
	em = expert_register_protocol(proto_mhauth);
	expert_register_field_array(em, ei, array_length(ei));

	mhauth_handle = register_dissector("mhauth", dissect_mhauth, proto_mhauth);
	mhauth_cert_handle = create_dissector_handle(dissect_mhauth_cert_post, proto_mhauth);
	register_postdissector(mhauth_cert_handle);

	m = prefs_register_protocol(proto_mhauth, proto_reg_handoff_mhauth);
	prefs_register_uint_preference(m, "tls_port", "HAC TLS port",
		"TCP port of the Home Agent Controller; TLS on it is decoded as MHAuth", 10, &pref_tls_port);
	u = uat_new("MHAuth PSKs", sizeof(mhauth_psk_t), "mhauth_psk", TRUE, &psk_recs, &psk_nrecs,
		    UAT_AFFECTS_DISSECTION, NULL, psk_copy_cb, psk_update_cb, psk_free_cb,
		    NULL, NULL, psk_fields);
	prefs_register_uat_preference(m, "psk_table", "PSKs",
		"Mobile nodes' PSKs with the HAC's channel binding, to verify the auth header", u);
	prefs_register_filename_preference(m, "hac_cert_file", "HAC certificate file",
		"The HAC's certificate (PEM or DER): its tls-server-endpoint hash is the channel binding "
		"when the TLS session's own Certificate message is not in the capture", &pref_hac_cert_file, FALSE);
	prefs_register_bool_preference(m, "desegment", "Reassemble MHAuth messages spanning TCP segments",
		"Whether MHAuth messages that span TCP segments or TLS records are reassembled", &pref_desegment);
}

void
proto_reg_handoff_mhauth(void)
{
	static gboolean initialized = FALSE;

	if (!initialized) {
		dissector_add_for_decode_as("tcp.port", mhauth_handle);
		dissector_add_string("tls.alpn", "mhauth", mhauth_handle);
		initialized = TRUE;
	}
	/* only when the port changed: re-adding would override Decode As */
	if (current_tls_port != pref_tls_port) {
		if (current_tls_port)
			ssl_dissector_delete(current_tls_port, mhauth_handle);
		current_tls_port = pref_tls_port;
		if (current_tls_port)
			ssl_dissector_add(current_tls_port, mhauth_handle);
	}

	/* the HAC certificate of each TLS session, for the channel binding */
	hf_tls_certificate = proto_registrar_get_id_byname("tls.handshake.certificate");
	if (hf_tls_certificate >= 0) {
		GArray *wanted = g_array_new(FALSE, FALSE, sizeof(int));

		g_array_append_val(wanted, hf_tls_certificate);
		set_postdissector_wanted_hfids(mhauth_cert_handle, wanted);
	}

	/* the certificate file preference */
	file_cb_len = 0;
	if (pref_hac_cert_file && *pref_hac_cert_file) {
		char *err = NULL;
		GByteArray *der = psac_load_der_file(pref_hac_cert_file, &err);

		if (der) {
			file_cb_len = psac_cert_endpoint_hash(der->data, der->len, file_cb);
			if (file_cb_len <= 0) {
				file_cb_len = 0;
				report_failure("MHAuth: %s is not an X.509 certificate", pref_hac_cert_file);
			}
			g_byte_array_free(der, TRUE);
		} else {
			report_failure("MHAuth: HAC certificate file: %s", err);
			g_free(err);
		}
	}
}
