/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * packet-psac.c - PSAC (draft-madi-dhc-dhcpv6-psac) and certificate
 * provisioning options for DHCPv6.
 *
 * Wireshark has no table for DHCPv6 option codes, so this is a
 * postdissector: it finds the nodes the built-in DHCPv6 dissector left in
 * the tree (the dhcpv6 protocol item, dhcpv6.msgtype, dhcpv6.option.type)
 * and decodes the bodies of the PSAC options underneath them with psac.*
 * fields.  It asks for those nodes with set_postdissector_wanted_hfids(), so
 * they exist even when the tree is not visible (tshark -T fields, -Y).
 *
 * Wire formats: docs/wire-format.md section 1; code points: uapi/linux/psac_wire.h.
 */
#include "config-psac.h"

#include <string.h>

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>
#include <epan/column-utils.h>
#include <epan/to_str.h>
#include <epan/uat.h>
#include <epan/tfs.h>

#include <linux/psac_wire.h>
#include "sa_alg.h"
#include "dhcp6.h"

/* Field offsets from the uapi wire structs, relative to a local "off". */
#define SA_OFF(f)	(off + (int)offsetof(struct psac_sa_fixed, f))
#define RP_OFF(f)	(off + (int)offsetof(struct psac_sa_req_params, f))

#include "psac_compat.h"
#include "psac-int.h"
#include "psac-crypto.h"
#include "psac-dhcp6.h"

void proto_register_psac(void);
void proto_reg_handoff_psac(void);

static int proto_psac = -1;

/* Generic option header (nested options inside our containers) */
static int hf_psac_option = -1;
static int hf_psac_option_len = -1;
static int hf_psac_option_data = -1;

/* OPTION_CLIENT_PUBKEY */
static int hf_psac_pubkey_alg = -1;
static int hf_psac_pubkey_reserved = -1;
static int hf_psac_pubkey_key = -1;

/* Parameters shared by OPTION_SA_REQ_PARAMS and OPTION_SA */
static int hf_psac_protocol = -1;
static int hf_psac_mode = -1;
static int hf_psac_encr_alg = -1;
static int hf_psac_encr_key_bits = -1;
static int hf_psac_integ_alg = -1;
static int hf_psac_ulp = -1;
static int hf_psac_reserved = -1;
static int hf_psac_lifetime = -1;
static int hf_psac_sel_sport = -1;
static int hf_psac_sel_dport = -1;
static int hf_psac_sel_icmpv6_type = -1;
static int hf_psac_sel_icmpv6_code = -1;
static int hf_psac_sel_mh_type = -1;
static int hf_psac_sel_mh_type_back = -1;

/* OPTION_SA_REQ_PARAMS */
static int hf_psac_reqp_flags = -1;
static int hf_psac_reqp_flags_esn = -1;
static int hf_psac_reqp_flags_reserved = -1;
static int hf_psac_reqp_requestor_spi = -1;

/* OPTION_SA_REQUEST */
static int hf_psac_sareq_target = -1;

/* OPTION_SA */
static int hf_psac_sa_peer = -1;
static int hf_psac_sa_keyprot = -1;
static int hf_psac_sa_spi_i2r = -1;
static int hf_psac_sa_spi_r2i = -1;
static int hf_psac_sa_pkey_len = -1;
static int hf_psac_sa_pkey = -1;
static int hf_psac_sa_pkey_eph = -1;
static int hf_psac_sa_pkey_nonce = -1;
static int hf_psac_sa_pkey_ct = -1;
static int hf_psac_sa_pkey_tag = -1;
static int hf_psac_sa_keymat_len = -1;

/* OPTION_STATUS_CODE inside SA_LIST */
static int hf_psac_status_code = -1;
static int hf_psac_status_msg = -1;

/* OPTION_AUTH, delayed HMAC-SHA256 */
static int hf_psac_auth_replay = -1;
static int hf_psac_auth_realm = -1;
static int hf_psac_auth_key_id = -1;
static int hf_psac_auth_hmac = -1;

/* Certificate options */
static int hf_psac_certsrv_loc_type = -1;
static int hf_psac_certsrv_addr = -1;
static int hf_psac_certsrv_fqdn = -1;
static int hf_psac_certsrv_uri = -1;
static int hf_psac_certsrv_locator = -1;
static int hf_psac_cert_type = -1;
static int hf_psac_cert_reserved = -1;
static int hf_psac_cert_der = -1;

static gint ett_psac_option = -1;
static gint ett_psac_nested = -1;
static gint ett_psac_flags = -1;
static gint ett_psac_pkey = -1;
static gint ett_psac_cert = -1;

static expert_field ei_psac_bad_len = EI_INIT;
static expert_field ei_psac_trailing = EI_INIT;
static expert_field ei_psac_unknown = EI_INIT;
static expert_field ei_psac_misplaced = EI_INIT;
static expert_field ei_psac_reserved = EI_INIT;
static expert_field ei_psac_inconsistent = EI_INIT;
static expert_field ei_psac_depth = EI_INIT;
static expert_field ei_psac_lifetime_zero = EI_INIT;
static expert_field ei_psac_status = EI_INIT;
static expert_field ei_psac_auth_alg = EI_INIT;
static expert_field ei_psac_keymat_len = EI_INIT;

static dissector_table_t ber_syntax_table;

/* ------------------------------------------------------------------------ */
/* Preferences: every code point can be moved by the operator.              */
/* ------------------------------------------------------------------------ */

static guint pref_msg_saconfig = PSAC_DHCP6_MSG_SACONFIG;
static guint pref_msg_saconfig_reply = PSAC_DHCP6_MSG_SACONFIG_REPLY;
static guint pref_opt_client_pubkey = PSAC_OPT_CLIENT_PUBKEY;
static guint pref_opt_sa_req_params = PSAC_OPT_SA_REQ_PARAMS;
static guint pref_opt_sa_request = PSAC_OPT_SA_REQUEST;
static guint pref_opt_sa = PSAC_OPT_SA;
static guint pref_opt_sa_list = PSAC_OPT_SA_LIST;
static guint pref_opt_cert_server = PSAC_OPT_CERT_SERVER;
static guint pref_opt_certificate = PSAC_OPT_CERTIFICATE;

enum psac_opt_kind
psac_opt_kind(guint code)
{
	if (code == pref_opt_client_pubkey)	return OPT_CLIENT_PUBKEY;
	if (code == pref_opt_sa_req_params)	return OPT_SA_REQ_PARAMS;
	if (code == pref_opt_sa_request)	return OPT_SA_REQUEST;
	if (code == pref_opt_sa)		return OPT_SA;
	if (code == pref_opt_sa_list)		return OPT_SA_LIST;
	if (code == pref_opt_cert_server)	return OPT_CERT_SERVER;
	if (code == pref_opt_certificate)	return OPT_CERTIFICATE;
	if (code == PSAC_DHCP6_OPT_AUTH)	return OPT_AUTH;
	if (code == PSAC_DHCP6_OPT_STATUS_CODE)	return OPT_STATUS_CODE;
	return OPT_NONE;
}

const char *
psac_opt_kind_name(enum psac_opt_kind k)
{
	switch (k) {
	case OPT_CLIENT_PUBKEY:	return "Client Public Key";
	case OPT_SA_REQ_PARAMS:	return "Requestor's Parameters";
	case OPT_SA_REQUEST:	return "SA Request";
	case OPT_SA:		return "Security Association";
	case OPT_SA_LIST:	return "SA List";
	case OPT_CERT_SERVER:	return "Certificate Server";
	case OPT_CERTIFICATE:	return "Certificate";
	case OPT_AUTH:		return "Authentication";
	case OPT_STATUS_CODE:	return "Status Code";
	case OPT_NONE:		break;
	}
	return "Unknown";
}

guint
psac_msg_type(gboolean reply)
{
	return reply ? pref_msg_saconfig_reply : pref_msg_saconfig;
}

const char *
psac_msg_name(guint msgtype)
{
	if (msgtype == pref_msg_saconfig)
		return "SACONFIGURATION";
	if (msgtype == pref_msg_saconfig_reply)
		return "SACONFIGURATION-REPLY";
	return NULL;
}

static void
fmt_option_code(gchar *buf, guint32 v)
{
	snprintf(buf, ITEM_LABEL_LENGTH, "%s (%u)", psac_opt_kind_name(psac_opt_kind(v)), v);
}



/* ------------------------------------------------------------------------ */
/* Value strings.  Project code points come from psac_wire.h; standard      */
/* IANA numbers (ICMPv6 types, DHCPv6 status codes 1-6) are written here.   */
/* ------------------------------------------------------------------------ */

static const value_string psac_pk_alg_vals[] = {
	{ PSAC_PK_ALG_X25519,	"X25519" },
	{ PSAC_PK_ALG_RSA,	"RSA (SubjectPublicKeyInfo, RSA-OAEP-SHA256)" },
	{ 0, NULL }
};



/* Filled from kmod/lib's tables (sa_alg.c) by proto_register_psac(). */
static value_string psac_encr_vals[16];
static value_string psac_integ_vals[16];
static value_string psac_protocol_vals[8];
static value_string psac_mode_vals[8];
static value_string psac_ulp_vals[8];
static value_string psac_keyprot_vals[8];



static const value_string psac_mh_type_vals[] = {
	{ PSAC_MH_TYPE_BRR,	"Binding Refresh Request" },
	{ PSAC_MH_TYPE_HOTI,	"Home Test Init" },
	{ PSAC_MH_TYPE_COTI,	"Care-of Test Init" },
	{ PSAC_MH_TYPE_HOT,	"Home Test" },
	{ PSAC_MH_TYPE_COT,	"Care-of Test" },
	{ PSAC_MH_TYPE_BU,	"Binding Update" },
	{ PSAC_MH_TYPE_BA,	"Binding Acknowledgement" },
	{ PSAC_MH_TYPE_BE,	"Binding Error" },
	{ 0, NULL }
};

/* IANA ICMPv6 "type" registry, the ones an SPD is likely to name. */
static const value_string psac_icmpv6_type_vals[] = {
	{   0, "Any" },
	{   1, "Destination Unreachable" },
	{   2, "Packet Too Big" },
	{   3, "Time Exceeded" },
	{   4, "Parameter Problem" },
	{ 128, "Echo Request" },
	{ 129, "Echo Reply" },
	{ 130, "Multicast Listener Query" },
	{ 131, "Multicast Listener Report" },
	{ 132, "Multicast Listener Done" },
	{ 133, "Router Solicitation" },
	{ 134, "Router Advertisement" },
	{ 135, "Neighbor Solicitation" },
	{ 136, "Neighbor Advertisement" },
	{ 137, "Redirect" },
	{ 143, "Multicast Listener Report v2" },
	{ 144, "Home Agent Address Discovery Request" },
	{ 145, "Home Agent Address Discovery Reply" },
	{ 146, "Mobile Prefix Solicitation" },
	{ 147, "Mobile Prefix Advertisement" },
	{ 148, "Certification Path Solicitation" },
	{ 149, "Certification Path Advertisement" },
	{ 0, NULL }
};

/* Filled from kmod/lib's status table by proto_register_psac(). */
static value_string psac_status_vals[24];

static const value_string psac_cert_loc_vals[] = {
	{ PSAC_CERT_LOC_IPV6,	"IPv6 address" },
	{ PSAC_CERT_LOC_FQDN,	"FQDN" },
	{ PSAC_CERT_LOC_URI,	"URI" },
	{ 0, NULL }
};

static const value_string psac_cert_type_vals[] = {
	{ PSAC_CERT_TYPE_X509V3, "X.509v3" },
	{ 0, NULL }
};


static void
fmt_lifetime(gchar *buf, guint32 v)
{
	if (v == PSAC_LIFETIME_INFINITE)
		snprintf(buf, ITEM_LABEL_LENGTH, "Infinity (0x%08x)", v);
	else if (v == 0)
		snprintf(buf, ITEM_LABEL_LENGTH, "0 (delete the SA pair)");
	else
		snprintf(buf, ITEM_LABEL_LENGTH, "%u seconds", v);
}

/* ------------------------------------------------------------------------ */
/* Per-message context                                                      */
/* ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
check_len(packet_info *pinfo, proto_item *item, const char *what,
	  int have, int want, gboolean exact)
{
	if (have < want || (exact && have != want)) {
		expert_add_info_format(pinfo, item, &ei_psac_bad_len,
				       "%s: length %d, %s %d", what, have,
				       exact ? "must be" : "needs at least", want);
		return FALSE;
	}
	return TRUE;
}

static void
check_known(packet_info *pinfo, proto_item *pi, guint32 v,
	    const value_string *vs, const char *what)
{
	if (!try_val_to_str(v, vs))
		expert_add_info_format(pinfo, pi, &ei_psac_unknown,
				       "Unknown %s %u", what, v);
}

static void
check_reserved(packet_info *pinfo, proto_item *pi, guint32 v)
{
	if (v != 0)
		expert_add_info(pinfo, pi, &ei_psac_reserved);
}

/* Selectors: ports, ICMPv6 type/code or MH type, by ULP. */
static void
add_selectors(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int off,
	      guint32 ulp)
{
	proto_item *pi;
	guint32 v;

	switch (ulp) {
	case PSAC_ULP_ICMPV6:
		pi = proto_tree_add_item_ret_uint(tree, hf_psac_sel_icmpv6_type,
						  tvb, off, 2, ENC_BIG_ENDIAN, &v);
		if (v > 255)
			expert_add_info_format(pinfo, pi, &ei_psac_inconsistent,
					       "ICMPv6 type %u does not fit in 8 bits", v);
		pi = proto_tree_add_item_ret_uint(tree, hf_psac_sel_icmpv6_code,
						  tvb, off + 2, 2, ENC_BIG_ENDIAN, &v);
		if (v > 255)
			expert_add_info_format(pinfo, pi, &ei_psac_inconsistent,
					       "ICMPv6 code %u does not fit in 8 bits", v);
		break;
	case PSAC_ULP_MH:
		pi = proto_tree_add_item_ret_uint(tree, hf_psac_sel_mh_type,
						  tvb, off, 2, ENC_BIG_ENDIAN, &v);
		if (v > 255)
			expert_add_info_format(pinfo, pi, &ei_psac_inconsistent,
					       "MH type %u does not fit in 8 bits", v);
		/* the MH type the target sends back (e.g. BAck for a BU) */
		pi = proto_tree_add_item_ret_uint(tree, hf_psac_sel_mh_type_back,
						  tvb, off + 2, 2, ENC_BIG_ENDIAN, &v);
		if (v > 255)
			expert_add_info_format(pinfo, pi, &ei_psac_inconsistent,
					       "MH type %u does not fit in 8 bits", v);
		break;
	default:
		proto_tree_add_item(tree, hf_psac_sel_sport, tvb, off, 2, ENC_BIG_ENDIAN);
		proto_tree_add_item(tree, hf_psac_sel_dport, tvb, off + 2, 2, ENC_BIG_ENDIAN);
		break;
	}
}

/* Algorithm sanity shared by REQ_PARAMS and SA. */
static void
check_algs(packet_info *pinfo, proto_item *item, guint proto, guint mode,
	   guint encr, guint bits, guint integ)
{
	const struct psac_encr *e = encr <= G_MAXUINT16 ? psac_encr_get((guint16)encr) : NULL;
	gboolean aead = e && e->aead;

	if (aead && integ != PSAC_INTEG_NONE)
		expert_add_info_format(pinfo, item, &ei_psac_inconsistent,
				       "AEAD cipher with a separate integrity algorithm");
	if (!aead && integ == PSAC_INTEG_NONE && encr != PSAC_ENCR_NULL && e)
		expert_add_info_format(pinfo, item, &ei_psac_inconsistent,
				       "Non-AEAD cipher without an integrity algorithm");
	if (encr == PSAC_ENCR_NULL && integ == PSAC_INTEG_NONE)
		expert_add_info_format(pinfo, item, &ei_psac_inconsistent,
				       "NULL encryption without integrity protects nothing");
	if (e && psac_encr_key_len(e, (guint16)bits) < 0)
		expert_add_info_format(pinfo, item, &ei_psac_inconsistent,
				       "Key size %u bits is not valid for %s", bits,
				       val_to_str_const(encr, psac_encr_vals, "?"));
	if ((mode == PSAC_MODE_MNHA_UDP) != (proto == PSAC_PROTO_UDP))
		expert_add_info_format(pinfo, item, &ei_psac_inconsistent,
				       "Protocol %u with mode %u: MN-HA UDP encapsulation needs protocol 17 and mode 3",
				       proto, mode);
}

/* ------------------------------------------------------------------------ */
/* Option bodies                                                            */
/* ------------------------------------------------------------------------ */

static void dissect_nested(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
			   proto_item *item, int off, int len, psac_msg_t *msg,
			   enum psac_opt_kind container, int depth);

static void
dissect_client_pubkey(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		      proto_item *item, int off, int len)
{
	proto_item *pi;
	guint32 alg, v;

	if (!check_len(pinfo, item, "Client Public Key", len, PSAC_PUBKEY_HDR_LEN, FALSE))
		return;
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_pubkey_alg, tvb, off, 1,
					  ENC_BIG_ENDIAN, &alg);
	check_known(pinfo, pi, alg, psac_pk_alg_vals, "public key algorithm");
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_pubkey_reserved, tvb,
					  off + 1, 1, ENC_BIG_ENDIAN, &v);
	check_reserved(pinfo, pi, v);
	off += PSAC_PUBKEY_HDR_LEN;
	len -= PSAC_PUBKEY_HDR_LEN;
	pi = proto_tree_add_item(tree, hf_psac_pubkey_key, tvb, off, len, ENC_NA);
	if (alg == PSAC_PK_ALG_X25519 && len != PSAC_X25519_KEY_LEN)
		expert_add_info_format(pinfo, pi, &ei_psac_bad_len,
				       "X25519 public key is %d octets, must be %d",
				       len, PSAC_X25519_KEY_LEN);
	else if (alg == PSAC_PK_ALG_RSA && len == 0)
		expert_add_info_format(pinfo, pi, &ei_psac_bad_len,
				       "Empty RSA public key");
}

static void
dissect_sa_req_params(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		      proto_item *item, int off, int len)
{
	static int * const flags[] = {
		&hf_psac_reqp_flags_esn,
		&hf_psac_reqp_flags_reserved,
		NULL
	};
	proto_item *pi;
	guint32 proto, mode, encr, bits, integ, ulp, v;

	if (!check_len(pinfo, item, "Requestor's Parameters", len,
		       PSAC_SA_REQ_PARAMS_LEN, TRUE))
		return;

	pi = proto_tree_add_item_ret_uint(tree, hf_psac_protocol, tvb, RP_OFF(protocol), 1, ENC_BIG_ENDIAN, &proto);
	check_known(pinfo, pi, proto, psac_protocol_vals, "protocol");
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_mode, tvb, RP_OFF(mode), 1, ENC_BIG_ENDIAN, &mode);
	check_known(pinfo, pi, mode, psac_mode_vals, "mode");
	pi = proto_tree_add_bitmask(tree, tvb, RP_OFF(flags), hf_psac_reqp_flags,
				    ett_psac_flags, flags, ENC_BIG_ENDIAN);
	if (tvb_get_ntohs(tvb, RP_OFF(flags)) & ~PSAC_SA_F_ESN)
		expert_add_info(pinfo, pi, &ei_psac_reserved);
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_encr_alg, tvb, RP_OFF(encr_alg), 2, ENC_BIG_ENDIAN, &encr);
	check_known(pinfo, pi, encr, psac_encr_vals, "encryption algorithm");
	proto_tree_add_item_ret_uint(tree, hf_psac_encr_key_bits, tvb, RP_OFF(encr_key_bits), 2, ENC_BIG_ENDIAN, &bits);
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_integ_alg, tvb, RP_OFF(integ_alg), 2, ENC_BIG_ENDIAN, &integ);
	check_known(pinfo, pi, integ, psac_integ_vals, "integrity algorithm");
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_ulp, tvb, RP_OFF(ulp), 1, ENC_BIG_ENDIAN, &ulp);
	check_known(pinfo, pi, ulp, psac_ulp_vals, "upper-layer protocol");
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_reserved, tvb, RP_OFF(reserved), 1, ENC_BIG_ENDIAN, &v);
	check_reserved(pinfo, pi, v);
	proto_tree_add_item(tree, hf_psac_reqp_requestor_spi, tvb, RP_OFF(requestor_spi), 4, ENC_BIG_ENDIAN);
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_lifetime, tvb, RP_OFF(lifetime), 4, ENC_BIG_ENDIAN, &v);
	if (v == 0)
		expert_add_info_format(pinfo, pi, &ei_psac_inconsistent,
				       "A requested SA with lifetime 0 would be deleted at once");
	add_selectors(tvb, pinfo, tree, RP_OFF(sport_or_type), ulp);
	check_algs(pinfo, item, proto, mode, encr, bits, integ);
	proto_item_append_text(item, ": %s %s %s/%u %s",
			       val_to_str_const(proto, psac_protocol_vals, "?"),
			       val_to_str_const(mode, psac_mode_vals, "?"),
			       val_to_str_const(encr, psac_encr_vals, "?"), bits,
			       val_to_str_const(integ, psac_integ_vals, "?"));
}

static void
dissect_sa_request(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		   proto_item *item, int off, int len, psac_msg_t *msg, int depth)
{
	if (!check_len(pinfo, item, "SA Request", len, PSAC_SA_REQUEST_HDR_LEN, FALSE))
		return;
	proto_tree_add_item(tree, hf_psac_sareq_target, tvb, off, 16, ENC_NA);
	proto_item_append_text(item, ": target %s", tvb_ip6_to_str(pinfo->pool, tvb, off));
	if (len == PSAC_SA_REQUEST_HDR_LEN)
		expert_add_info_format(pinfo, item, &ei_psac_bad_len,
				       "SA Request without Requestor's Parameters");
	dissect_nested(tvb, pinfo, tree, item, off + PSAC_SA_REQUEST_HDR_LEN,
		       len - PSAC_SA_REQUEST_HDR_LEN, msg, OPT_SA_REQUEST, depth + 1);
}

static void
dissect_sa(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
	   proto_item *item, int off, int len, psac_msg_t *msg)
{
	proto_item *pi, *kpi;
	proto_tree *ktree;
	guint32 proto, mode, keyprot, encr, bits, integ, ulp, v, spi_i2r, spi_r2i;
	guint32 lifetime, plen;
	int koff, want, overhead = -1;

	if (!check_len(pinfo, item, "Security Association", len, PSAC_SA_FIXED_LEN, FALSE))
		return;

	proto_tree_add_item(tree, hf_psac_sa_peer, tvb, SA_OFF(peer_addr), 16, ENC_NA);
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_protocol, tvb, SA_OFF(protocol), 1, ENC_BIG_ENDIAN, &proto);
	check_known(pinfo, pi, proto, psac_protocol_vals, "protocol");
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_mode, tvb, SA_OFF(mode), 1, ENC_BIG_ENDIAN, &mode);
	check_known(pinfo, pi, mode, psac_mode_vals, "mode");
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_sa_keyprot, tvb, SA_OFF(key_prot_alg), 1, ENC_BIG_ENDIAN, &keyprot);
	check_known(pinfo, pi, keyprot, psac_keyprot_vals, "key protection algorithm");
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_reserved, tvb, SA_OFF(reserved1), 1, ENC_BIG_ENDIAN, &v);
	check_reserved(pinfo, pi, v);
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_encr_alg, tvb, SA_OFF(encr_alg), 2, ENC_BIG_ENDIAN, &encr);
	check_known(pinfo, pi, encr, psac_encr_vals, "encryption algorithm");
	proto_tree_add_item_ret_uint(tree, hf_psac_encr_key_bits, tvb, SA_OFF(encr_key_bits), 2, ENC_BIG_ENDIAN, &bits);
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_integ_alg, tvb, SA_OFF(integ_alg), 2, ENC_BIG_ENDIAN, &integ);
	check_known(pinfo, pi, integ, psac_integ_vals, "integrity algorithm");
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_ulp, tvb, SA_OFF(ulp), 1, ENC_BIG_ENDIAN, &ulp);
	check_known(pinfo, pi, ulp, psac_ulp_vals, "upper-layer protocol");
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_reserved, tvb, SA_OFF(reserved2), 1, ENC_BIG_ENDIAN, &v);
	check_reserved(pinfo, pi, v);
	proto_tree_add_item_ret_uint(tree, hf_psac_sa_spi_i2r, tvb, SA_OFF(spi_i2r), 4, ENC_BIG_ENDIAN, &spi_i2r);
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_sa_spi_r2i, tvb, SA_OFF(spi_r2i), 4, ENC_BIG_ENDIAN, &spi_r2i);
	if (mode == PSAC_MODE_MNHA_UDP) {
		if (spi_i2r != spi_r2i)
			expert_add_info_format(pinfo, pi, &ei_psac_inconsistent,
					       "An MN-HA SA uses the same SPI in both directions");
		if ((spi_i2r & ~PSAC_MNHA_SPI_MASK) != 0)
			expert_add_info_format(pinfo, pi, &ei_psac_inconsistent,
					       "An MN-HA SPI has 28 bits");
	} else if (proto == PSAC_PROTO_ESP || proto == PSAC_PROTO_AH) {
		if (spi_i2r < 256 || spi_r2i < 256)
			expert_add_info_format(pinfo, pi, &ei_psac_inconsistent,
					       "SPI values 0-255 are reserved (RFC 4303)");
	}
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_lifetime, tvb, SA_OFF(lifetime), 4, ENC_BIG_ENDIAN, &lifetime);
	if (lifetime == 0)
		expert_add_info(pinfo, pi, &ei_psac_lifetime_zero);
	add_selectors(tvb, pinfo, tree, SA_OFF(sport_or_type), ulp);
	kpi = proto_tree_add_item_ret_uint(tree, hf_psac_sa_pkey_len, tvb, SA_OFF(protected_key_len), 2, ENC_BIG_ENDIAN, &plen);
	check_algs(pinfo, item, proto, mode, encr, bits, integ);
	proto_item_append_text(item, ": peer %s SPI 0x%08x/0x%08x %s/%u %s",
			       tvb_ip6_to_str(pinfo->pool, tvb, off), spi_i2r, spi_r2i,
			       val_to_str_const(encr, psac_encr_vals, "?"), bits,
			       val_to_str_const(integ, psac_integ_vals, "?"));

	koff = off + PSAC_SA_FIXED_LEN;
	if ((int)plen > len - PSAC_SA_FIXED_LEN) {
		expert_add_info_format(pinfo, kpi, &ei_psac_bad_len,
				       "Protected-Key-Len %u exceeds the %d octets left in the option",
				       plen, len - PSAC_SA_FIXED_LEN);
		plen = len - PSAC_SA_FIXED_LEN;
	} else if ((int)plen < len - PSAC_SA_FIXED_LEN) {
		proto_tree_add_expert_format(tree, pinfo, &ei_psac_trailing, tvb,
					     koff + plen, len - PSAC_SA_FIXED_LEN - plen,
					     "%d octets after the protected key",
					     len - PSAC_SA_FIXED_LEN - (int)plen);
	}
	if (plen == 0) {
		/* a SACONFIGURATION-REPLY echoes the SA without its keys */
		if (lifetime != 0 && !(msg && msg->msgtype >= 0 &&
				       (guint)msg->msgtype == pref_msg_saconfig_reply))
			expert_add_info_format(pinfo, kpi, &ei_psac_bad_len,
					       "SA without key material");
		return;
	}

	pi = proto_tree_add_item(tree, hf_psac_sa_pkey, tvb, koff, plen, ENC_NA);
	ktree = proto_item_add_subtree(pi, ett_psac_pkey);
	switch (keyprot) {
	case PSAC_KEYPROT_PSK:
		overhead = PSAC_KEYWRAP_PSK_OVERHEAD;
		if ((int)plen < overhead)
			break;
		proto_tree_add_item(ktree, hf_psac_sa_pkey_nonce, tvb, koff, PSAC_KEYWRAP_NONCE_LEN, ENC_NA);
		proto_tree_add_item(ktree, hf_psac_sa_pkey_ct, tvb, koff + PSAC_KEYWRAP_NONCE_LEN,
				    plen - overhead, ENC_NA);
		proto_tree_add_item(ktree, hf_psac_sa_pkey_tag, tvb, koff + plen - PSAC_KEYWRAP_TAG_LEN,
				    PSAC_KEYWRAP_TAG_LEN, ENC_NA);
		break;
	case PSAC_KEYPROT_X25519:
		overhead = PSAC_KEYWRAP_X25519_OVERHEAD;
		if ((int)plen < overhead)
			break;
		proto_tree_add_item(ktree, hf_psac_sa_pkey_eph, tvb, koff, PSAC_X25519_KEY_LEN, ENC_NA);
		proto_tree_add_item(ktree, hf_psac_sa_pkey_nonce, tvb, koff + PSAC_X25519_KEY_LEN,
				    PSAC_KEYWRAP_NONCE_LEN, ENC_NA);
		proto_tree_add_item(ktree, hf_psac_sa_pkey_ct, tvb,
				    koff + PSAC_X25519_KEY_LEN + PSAC_KEYWRAP_NONCE_LEN,
				    plen - overhead, ENC_NA);
		proto_tree_add_item(ktree, hf_psac_sa_pkey_tag, tvb, koff + plen - PSAC_KEYWRAP_TAG_LEN,
				    PSAC_KEYWRAP_TAG_LEN, ENC_NA);
		break;
	case PSAC_KEYPROT_RSA_OAEP:
		/* one RSAES-OAEP block, as long as the modulus */
		proto_tree_add_item(ktree, hf_psac_sa_pkey_ct, tvb, koff, plen, ENC_NA);
		break;
	default:
		break;
	}
	if (overhead >= 0 && (int)plen < overhead) {
		expert_add_info_format(pinfo, kpi, &ei_psac_bad_len,
				       "Protected key of %u octets is shorter than the %d octets of %s overhead",
				       plen, overhead, val_to_str_const(keyprot, psac_keyprot_vals, "?"));
		return;
	}
	want = psac_keymat_len(encr, bits, integ, NULL, NULL);
	if (overhead >= 0 && want >= 0 && (int)plen - overhead != want) {
		pi = proto_tree_add_uint(ktree, hf_psac_sa_keymat_len, tvb, koff, plen,
					 plen - overhead);
		proto_item_set_generated(pi);
		expert_add_info_format(pinfo, pi, &ei_psac_keymat_len,
				       "Key material is %d octets, %s/%u + %s needs %d",
				       (int)plen - overhead,
				       val_to_str_const(encr, psac_encr_vals, "?"), bits,
				       val_to_str_const(integ, psac_integ_vals, "?"), want);
	}

	/* Key chaining: unwrap with a configured PSK or X25519 private key. */
	if ((overhead >= 0 || keyprot == PSAC_KEYPROT_RSA_OAEP) && !msg->relay)
		psac_try_unwrap(tvb, pinfo, ktree, kpi, off, koff, plen, msg->xid, keyprot,
				encr, bits, integ, proto, mode, spi_i2r, spi_r2i);
}

static void
dissect_status_code(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		    proto_item *item, int off, int len)
{
	proto_item *pi;
	guint32 code;

	if (!check_len(pinfo, item, "Status Code", len, 2, FALSE))
		return;
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_status_code, tvb, off, 2, ENC_BIG_ENDIAN, &code);
	if (len > 2)
		proto_tree_add_item(tree, hf_psac_status_msg, tvb, off + 2, len - 2, ENC_UTF_8);
	proto_item_append_text(item, ": %s", val_to_str(pinfo->pool, code, psac_status_vals, "Status %u"));
	if (code != PSAC_STATUS_SUCCESS)
		expert_add_info_format(pinfo, pi, &ei_psac_status, "Status %s (%u)",
				       val_to_str_const(code, psac_status_vals, "Unknown"), code);
}

static void
dissect_sa_list(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		proto_item *item, int off, int len, psac_msg_t *msg, int depth)
{
	if (len == 0)
		proto_item_append_text(item, ": empty");
	dissect_nested(tvb, pinfo, tree, item, off, len, msg, OPT_SA_LIST, depth + 1);
}

/* DNS wire format without compression, as RFC 8415 section 10 asks. */
static char *
dns_wire_to_str(tvbuff_t *tvb, packet_info *pinfo, proto_item *item, int off, int len)
{
	wmem_strbuf_t *sb = wmem_strbuf_new(pinfo->pool, "");
	int end = off + len;

	while (off < end) {
		guint8 l = psac_tvb_get_u8(tvb, off);

		if (l == 0) {
			off++;
			if (off != end)
				expert_add_info_format(pinfo, item, &ei_psac_trailing,
						       "Data after the root label of the FQDN");
			return wmem_strbuf_finalize(sb);
		}
		if (l > 63 || off + 1 + l > end) {
			expert_add_info_format(pinfo, item, &ei_psac_bad_len,
					       "Bad label length %u in FQDN", l);
			break;
		}
		if (wmem_strbuf_get_len(sb))
			wmem_strbuf_append_c(sb, '.');
		wmem_strbuf_append(sb, tvb_format_text(pinfo->pool, tvb, off + 1, l));
		off += 1 + l;
	}
	if (off >= end && len > 0)
		expert_add_info_format(pinfo, item, &ei_psac_bad_len,
				       "FQDN does not end with the root label");
	return wmem_strbuf_finalize(sb);
}

static void
dissect_cert_server(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		    proto_item *item, int off, int len)
{
	proto_item *pi;
	guint32 type;
	char *s;

	if (!check_len(pinfo, item, "Certificate Server", len, 2, FALSE))
		return;
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_certsrv_loc_type, tvb, off, 1, ENC_BIG_ENDIAN, &type);
	off++;
	len--;
	switch (type) {
	case PSAC_CERT_LOC_IPV6:
		if (!check_len(pinfo, pi, "IPv6 locator", len, 16, TRUE))
			break;
		proto_tree_add_item(tree, hf_psac_certsrv_addr, tvb, off, 16, ENC_NA);
		proto_item_append_text(item, ": %s", tvb_ip6_to_str(pinfo->pool, tvb, off));
		break;
	case PSAC_CERT_LOC_FQDN:
		s = dns_wire_to_str(tvb, pinfo, pi, off, len);
		proto_tree_add_string(tree, hf_psac_certsrv_fqdn, tvb, off, len, s);
		proto_item_append_text(item, ": %s", s);
		break;
	case PSAC_CERT_LOC_URI:
		proto_tree_add_item_ret_display_string(tree, hf_psac_certsrv_uri, tvb, off, len,
						       ENC_UTF_8, pinfo->pool, &s);
		proto_item_append_text(item, ": %s", s);
		break;
	default:
		expert_add_info_format(pinfo, pi, &ei_psac_unknown, "Unknown locator type %u", type);
		proto_tree_add_item(tree, hf_psac_certsrv_locator, tvb, off, len, ENC_NA);
		break;
	}
}

static void
dissect_certificate(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		    proto_item *item, int off, int len)
{
	proto_item *pi;
	proto_tree *ctree;
	tvbuff_t *der;
	guint32 type, v;

	if (!check_len(pinfo, item, "Certificate", len, PSAC_CERTIFICATE_HDR_LEN + 1, FALSE))
		return;
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_cert_type, tvb, off, 1, ENC_BIG_ENDIAN, &type);
	check_known(pinfo, pi, type, psac_cert_type_vals, "certificate type");
	pi = proto_tree_add_item_ret_uint(tree, hf_psac_cert_reserved, tvb, off + 1, 1, ENC_BIG_ENDIAN, &v);
	check_reserved(pinfo, pi, v);
	off += PSAC_CERTIFICATE_HDR_LEN;
	len -= PSAC_CERTIFICATE_HDR_LEN;
	pi = proto_tree_add_item(tree, hf_psac_cert_der, tvb, off, len, ENC_NA);
	if (type != PSAC_CERT_TYPE_X509V3 || !ber_syntax_table)
		return;
	ctree = proto_item_add_subtree(pi, ett_psac_cert);
	der = tvb_new_subset_length(tvb, off, len);
	/* The X.509 dissector may throw on bad DER: keep it contained so the
	 * options after this one are still decoded. */
	TRY {
		dissector_try_string_with_data(ber_syntax_table, "Certificate", der, pinfo, ctree, TRUE, NULL);
	}
	CATCH_NONFATAL_ERRORS {
		show_exception(der, pinfo, ctree, EXCEPT_CODE, GET_MESSAGE);
	}
	ENDTRY;
}

static void
dissect_auth(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
	     proto_item *item, int off, int len, psac_msg_t *msg)
{
	proto_item *pi;
	guint32 proto, alg, rdm, key_id;
	int realm_len, hmac_off;

	if (len < PSAC_AUTH_HDR_LEN)
		return;		/* the DHCPv6 dissector flags this one */
	proto = psac_tvb_get_u8(tvb, off);
	alg = psac_tvb_get_u8(tvb, off + 1);
	rdm = psac_tvb_get_u8(tvb, off + 2);
	if (proto != PSAC_AUTH_PROTO_DELAYED || alg != PSAC_AUTH_ALG_HMAC_SHA256) {
		if (msg->msgtype >= 0 && psac_msg_name((guint)msg->msgtype))
			expert_add_info_format(pinfo, item, &ei_psac_auth_alg,
					       "PSAC needs delayed authentication (protocol %u) with HMAC-SHA256 (algorithm %u), not %u/%u",
					       PSAC_AUTH_PROTO_DELAYED, PSAC_AUTH_ALG_HMAC_SHA256, proto, alg);
		return;
	}
	msg->has_auth = TRUE;
	proto_item_append_text(item, ": delayed HMAC-SHA256");
	pi = proto_tree_add_item(tree, hf_psac_auth_replay, tvb, off + 3, 8, ENC_BIG_ENDIAN);
	if (rdm != PSAC_AUTH_RDM_COUNTER)
		expert_add_info_format(pinfo, pi, &ei_psac_auth_alg,
				       "Replay detection method %u, PSAC uses %u (monotonic counter)",
				       rdm, PSAC_AUTH_RDM_COUNTER);
	if (!check_len(pinfo, item, "Delayed HMAC-SHA256 authentication", len,
		       PSAC_AUTH_MIN_LEN, FALSE))
		return;
	realm_len = len - PSAC_AUTH_MIN_LEN;
	off += PSAC_AUTH_HDR_LEN;
	proto_tree_add_item(tree, hf_psac_auth_realm, tvb, off, realm_len, ENC_UTF_8);
	proto_tree_add_item_ret_uint(tree, hf_psac_auth_key_id, tvb, off + realm_len,
				     PSAC_AUTH_KEYID_LEN, ENC_BIG_ENDIAN, &key_id);
	hmac_off = off + realm_len + PSAC_AUTH_KEYID_LEN;
	pi = proto_tree_add_item(tree, hf_psac_auth_hmac, tvb, hmac_off, PSAC_AUTH_HMAC_LEN, ENC_NA);
	proto_item_append_text(item, ", Key-ID 0x%08x", key_id);
	psac_verify_auth(msg->tvb, pinfo, tree, pi, key_id, hmac_off);
}

static void
dissect_option_body(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
		    proto_item *item, enum psac_opt_kind kind, int off, int len,
		    psac_msg_t *msg, enum psac_opt_kind container, int depth)
{
	switch (kind) {
	case OPT_CLIENT_PUBKEY:
		dissect_client_pubkey(tvb, pinfo, tree, item, off, len);
		break;
	case OPT_SA_REQ_PARAMS:
		if (container != OPT_SA_REQUEST)
			expert_add_info_format(pinfo, item, &ei_psac_misplaced,
					       "Requestor's Parameters belong inside an SA Request");
		dissect_sa_req_params(tvb, pinfo, tree, item, off, len);
		break;
	case OPT_SA_REQUEST:
		dissect_sa_request(tvb, pinfo, tree, item, off, len, msg, depth);
		break;
	case OPT_SA:
		dissect_sa(tvb, pinfo, tree, item, off, len, msg);
		break;
	case OPT_SA_LIST:
		dissect_sa_list(tvb, pinfo, tree, item, off, len, msg, depth);
		break;
	case OPT_CERT_SERVER:
		dissect_cert_server(tvb, pinfo, tree, item, off, len);
		break;
	case OPT_CERTIFICATE:
		dissect_certificate(tvb, pinfo, tree, item, off, len);
		break;
	case OPT_AUTH:
		dissect_auth(tvb, pinfo, tree, item, off, len, msg);
		break;
	case OPT_STATUS_CODE:
		dissect_status_code(tvb, pinfo, tree, item, off, len);
		break;
	case OPT_NONE:
		proto_tree_add_item(tree, hf_psac_option_data, tvb, off, len, ENC_NA);
		break;
	}
}

/* Options inside SA_REQUEST and SA_LIST (the DHCPv6 dissector does not
 * descend into options it does not know). */
static void
dissect_nested(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
	       proto_item *item, int off, int len, psac_msg_t *msg,
	       enum psac_opt_kind container, int depth)
{
	int end = off + len;

	if (depth > PSAC_MAX_DEPTH) {
		expert_add_info(pinfo, item, &ei_psac_depth);
		return;
	}
	while (end - off >= PSAC_DHCP6_OPT_HDR_LEN) {
		guint32 code = tvb_get_ntohs(tvb, off);
		guint32 olen = tvb_get_ntohs(tvb, off + 2);
		enum psac_opt_kind kind = psac_opt_kind(code);
		proto_item *oi, *pi;
		proto_tree *otree;
		int avail = end - off - PSAC_DHCP6_OPT_HDR_LEN;

		otree = proto_tree_add_subtree_format(tree, tvb, off,
				MIN((int)olen + PSAC_DHCP6_OPT_HDR_LEN, end - off),
				ett_psac_nested, &oi, "%s", psac_opt_kind_name(kind));
		proto_tree_add_item(otree, hf_psac_option, tvb, off, 2, ENC_BIG_ENDIAN);
		pi = proto_tree_add_item(otree, hf_psac_option_len, tvb, off + 2, 2, ENC_BIG_ENDIAN);
		if ((int)olen > avail) {
			expert_add_info_format(pinfo, pi, &ei_psac_bad_len,
					       "Option length %u exceeds the %d octets left in the %s",
					       olen, avail, psac_opt_kind_name(container));
			return;
		}
		if ((container == OPT_SA_REQUEST && kind != OPT_SA_REQ_PARAMS) ||
		    (container == OPT_SA_LIST && kind != OPT_SA && kind != OPT_STATUS_CODE))
			expert_add_info_format(pinfo, oi, &ei_psac_misplaced,
					       "Option %u is not expected inside %s",
					       code, psac_opt_kind_name(container));
		if (kind == OPT_NONE || kind == OPT_AUTH)
			proto_tree_add_item(otree, hf_psac_option_data, tvb,
					    off + PSAC_DHCP6_OPT_HDR_LEN, olen, ENC_NA);
		else
			dissect_option_body(tvb, pinfo, otree, oi, kind,
					    off + PSAC_DHCP6_OPT_HDR_LEN, olen, msg,
					    container, depth);
		off += PSAC_DHCP6_OPT_HDR_LEN + olen;
	}
	if (off < end)
		proto_tree_add_expert_format(tree, pinfo, &ei_psac_trailing, tvb, off, end - off,
					     "%d octets after the last option of the %s",
					     end - off, psac_opt_kind_name(container));
}

/* ------------------------------------------------------------------------ */
/* The entry of the DHCPv6 glue (psac-dhcpv6.c)                             */
/* ------------------------------------------------------------------------ */

/*
 * The PSAC item of one DHCPv6 option of msg (at off in msg->tvb, code and
 * len from its header) under parent: its header and its body.
 */
void
psac_dissect_option(packet_info *pinfo, psac_msg_t *msg, proto_tree *parent,
		    int off, guint32 code _U_, guint32 len, enum psac_opt_kind kind)
{
	proto_item *ti;
	proto_tree *tree;

	ti = proto_tree_add_item(parent, proto_psac, msg->tvb, off,
				 PSAC_DHCP6_OPT_HDR_LEN + len, ENC_NA);
	proto_item_set_text(ti, "PSAC %s", psac_opt_kind_name(kind));
	tree = proto_item_add_subtree(ti, ett_psac_option);
	if (kind != OPT_AUTH) {
		proto_tree_add_item(tree, hf_psac_option, msg->tvb, off, 2, ENC_BIG_ENDIAN);
		proto_tree_add_item(tree, hf_psac_option_len, msg->tvb, off + 2, 2, ENC_BIG_ENDIAN);
	}
	dissect_option_body(msg->tvb, pinfo, tree, ti, kind, off + PSAC_DHCP6_OPT_HDR_LEN,
			    len, msg, OPT_NONE, 0);
}

/* ------------------------------------------------------------------------ */
/* Registration                                                             */
/* ------------------------------------------------------------------------ */

/* A value_string of an SA field from kmod/lib's table; the last entry stays { 0, NULL }. */
static void
fill_sa_codes(value_string *vals, size_t n, enum psac_sa_field field)
{
	const struct psac_sa_code *c;
	unsigned int i;

	for (i = 0; i + 1 < n && (c = psac_sa_code_at(field, i)); i++) {
		vals[i].value = c->code;
		vals[i].strptr = c->desc;
	}
}

void
proto_register_psac(void)
{
	const struct psac_encr *encr;
	const struct psac_integ *integ;
	const struct psac_code_name *st;
	unsigned int i;
	static hf_register_info hf[] = {

		{ &hf_psac_option,
		  { "Option", "psac.option", FT_UINT16, BASE_CUSTOM,
		    CF_FUNC(fmt_option_code), 0, "DHCPv6 option code", HFILL }},
		{ &hf_psac_option_len,
		  { "Length", "psac.option.length", FT_UINT16, BASE_DEC,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_option_data,
		  { "Data", "psac.option.data", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},

		{ &hf_psac_pubkey_alg,
		  { "PK-Alg", "psac.pubkey.alg", FT_UINT8, BASE_DEC,
		    VALS(psac_pk_alg_vals), 0, "Public key algorithm", HFILL }},
		{ &hf_psac_pubkey_reserved,
		  { "Reserved", "psac.pubkey.reserved", FT_UINT8, BASE_HEX,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_pubkey_key,
		  { "Public Key", "psac.pubkey.key", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},

		{ &hf_psac_protocol,
		  { "Protocol", "psac.protocol", FT_UINT8, BASE_DEC,
		    VALS(psac_protocol_vals), 0, "IPsec protocol of the SA", HFILL }},
		{ &hf_psac_mode,
		  { "Mode", "psac.mode", FT_UINT8, BASE_DEC,
		    VALS(psac_mode_vals), 0, NULL, HFILL }},
		{ &hf_psac_encr_alg,
		  { "Encryption algorithm", "psac.encr.alg", FT_UINT16, BASE_DEC,
		    VALS(psac_encr_vals), 0, "IKEv2 transform type 1 ID", HFILL }},
		{ &hf_psac_encr_key_bits,
		  { "Encryption key bits", "psac.encr.key_bits", FT_UINT16, BASE_DEC,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_integ_alg,
		  { "Integrity algorithm", "psac.integ.alg", FT_UINT16, BASE_DEC,
		    VALS(psac_integ_vals), 0, "IKEv2 transform type 3 ID", HFILL }},
		{ &hf_psac_ulp,
		  { "Upper-layer protocol", "psac.ulp", FT_UINT8, BASE_DEC,
		    VALS(psac_ulp_vals), 0, "Traffic selector protocol", HFILL }},
		{ &hf_psac_reserved,
		  { "Reserved", "psac.reserved", FT_UINT8, BASE_HEX,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_lifetime,
		  { "Lifetime", "psac.lifetime", FT_UINT32, BASE_CUSTOM,
		    CF_FUNC(fmt_lifetime), 0, "SA lifetime in seconds", HFILL }},
		{ &hf_psac_sel_sport,
		  { "Source port", "psac.sel.sport", FT_UINT16, BASE_DEC,
		    NULL, 0, "Selector source port (0 = any)", HFILL }},
		{ &hf_psac_sel_dport,
		  { "Destination port", "psac.sel.dport", FT_UINT16, BASE_DEC,
		    NULL, 0, "Selector destination port (0 = any)", HFILL }},
		{ &hf_psac_sel_icmpv6_type,
		  { "ICMPv6 type", "psac.sel.icmpv6.type", FT_UINT16, BASE_DEC,
		    VALS(psac_icmpv6_type_vals), 0, "Selector ICMPv6 type", HFILL }},
		{ &hf_psac_sel_icmpv6_code,
		  { "ICMPv6 code", "psac.sel.icmpv6.code", FT_UINT16, BASE_DEC,
		    NULL, 0, "Selector ICMPv6 code", HFILL }},
		{ &hf_psac_sel_mh_type,
		  { "MH type", "psac.sel.mh_type", FT_UINT16, BASE_DEC,
		    VALS(psac_mh_type_vals), 0,
		    "Selector Mobility Header type sent by the requestor", HFILL }},
		{ &hf_psac_sel_mh_type_back,
		  { "MH type back", "psac.sel.mh_type_back", FT_UINT16, BASE_DEC,
		    VALS(psac_mh_type_vals), 0,
		    "Selector Mobility Header type the target sends back (0 = any)",
		    HFILL }},

		{ &hf_psac_reqp_flags,
		  { "Flags", "psac.reqparams.flags", FT_UINT16, BASE_HEX,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_reqp_flags_esn,
		  { "Extended Sequence Numbers", "psac.reqparams.flags.esn", FT_BOOLEAN, 16,
		    NULL, PSAC_SA_F_ESN, NULL, HFILL }},
		{ &hf_psac_reqp_flags_reserved,
		  { "Reserved", "psac.reqparams.flags.reserved", FT_UINT16, BASE_HEX,
		    NULL, (guint16)~PSAC_SA_F_ESN, NULL, HFILL }},
		{ &hf_psac_reqp_requestor_spi,
		  { "Requestor SPI", "psac.reqparams.requestor_spi", FT_UINT32, BASE_HEX,
		    NULL, 0, "SPI the requestor wants for its inbound (R2I) SA, 0 = any", HFILL }},

		{ &hf_psac_sareq_target,
		  { "Target server", "psac.sareq.target", FT_IPv6, BASE_NONE,
		    NULL, 0, NULL, HFILL }},

		{ &hf_psac_sa_peer,
		  { "Peer address", "psac.sa.peer", FT_IPv6, BASE_NONE,
		    NULL, 0, "The other end of the SA pair, from the receiver's view", HFILL }},
		{ &hf_psac_sa_keyprot,
		  { "Key protection", "psac.sa.keyprot", FT_UINT8, BASE_DEC,
		    VALS(psac_keyprot_vals), 0, "Key-Prot-Alg", HFILL }},
		{ &hf_psac_sa_spi_i2r,
		  { "SPI requestor to target", "psac.sa.spi_i2r", FT_UINT32, BASE_HEX,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_spi_r2i,
		  { "SPI target to requestor", "psac.sa.spi_r2i", FT_UINT32, BASE_HEX,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_pkey_len,
		  { "Protected key length", "psac.sa.pkey_len", FT_UINT16, BASE_DEC,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_pkey,
		  { "Protected key material", "psac.sa.pkey", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_pkey_eph,
		  { "Ephemeral public key", "psac.sa.pkey.eph", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_pkey_nonce,
		  { "Nonce", "psac.sa.pkey.nonce", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_pkey_ct,
		  { "Encrypted KEYMAT", "psac.sa.pkey.ciphertext", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_pkey_tag,
		  { "Tag", "psac.sa.pkey.tag", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_sa_keymat_len,
		  { "KEYMAT length", "psac.sa.keymat_len", FT_UINT16, BASE_DEC,
		    NULL, 0, NULL, HFILL }},

		{ &hf_psac_status_code,
		  { "Status code", "psac.status.code", FT_UINT16, BASE_DEC,
		    VALS(psac_status_vals), 0, NULL, HFILL }},
		{ &hf_psac_status_msg,
		  { "Status message", "psac.status.msg", FT_STRING, BASE_NONE,
		    NULL, 0, NULL, HFILL }},

		{ &hf_psac_auth_replay,
		  { "Replay counter", "psac.auth.replay", FT_UINT64, BASE_DEC,
		    NULL, 0, "Monotonic replay detection counter", HFILL }},
		{ &hf_psac_auth_realm,
		  { "Realm", "psac.auth.realm", FT_STRING, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_auth_key_id,
		  { "Key-ID", "psac.auth.key_id", FT_UINT32, BASE_HEX,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_auth_hmac,
		  { "HMAC-SHA256", "psac.auth.hmac", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},

		{ &hf_psac_certsrv_loc_type,
		  { "Locator type", "psac.certsrv.loc_type", FT_UINT8, BASE_DEC,
		    VALS(psac_cert_loc_vals), 0, NULL, HFILL }},
		{ &hf_psac_certsrv_addr,
		  { "Server address", "psac.certsrv.addr", FT_IPv6, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_certsrv_fqdn,
		  { "Server FQDN", "psac.certsrv.fqdn", FT_STRING, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_certsrv_uri,
		  { "Server URI", "psac.certsrv.uri", FT_STRING, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_certsrv_locator,
		  { "Locator", "psac.certsrv.locator", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_cert_type,
		  { "Cert-Type", "psac.cert.type", FT_UINT8, BASE_DEC,
		    VALS(psac_cert_type_vals), 0, NULL, HFILL }},
		{ &hf_psac_cert_reserved,
		  { "Reserved", "psac.cert.reserved", FT_UINT8, BASE_HEX,
		    NULL, 0, NULL, HFILL }},
		{ &hf_psac_cert_der,
		  { "Certificate (DER)", "psac.cert.der", FT_BYTES, BASE_NONE,
		    NULL, 0, NULL, HFILL }},
	};

	static gint *ett[] = {
		&ett_psac_option,
		&ett_psac_nested,
		&ett_psac_flags,
		&ett_psac_pkey,
		&ett_psac_cert,
	};

	static ei_register_info ei[] = {
		{ &ei_psac_bad_len,
		  { "psac.bad_length", PI_MALFORMED, PI_ERROR,
		    "Bad length", EXPFILL }},
		{ &ei_psac_trailing,
		  { "psac.trailing_data", PI_MALFORMED, PI_WARN,
		    "Trailing data", EXPFILL }},
		{ &ei_psac_unknown,
		  { "psac.unknown_value", PI_PROTOCOL, PI_WARN,
		    "Unknown value", EXPFILL }},
		{ &ei_psac_misplaced,
		  { "psac.misplaced_option", PI_PROTOCOL, PI_WARN,
		    "Option not expected here", EXPFILL }},
		{ &ei_psac_reserved,
		  { "psac.reserved_not_zero", PI_PROTOCOL, PI_WARN,
		    "Reserved field is not zero", EXPFILL }},
		{ &ei_psac_inconsistent,
		  { "psac.inconsistent", PI_PROTOCOL, PI_WARN,
		    "Inconsistent parameters", EXPFILL }},
		{ &ei_psac_depth,
		  { "psac.too_deep", PI_MALFORMED, PI_ERROR,
		    "Options nested too deeply", EXPFILL }},
		{ &ei_psac_lifetime_zero,
		  { "psac.sa.delete", PI_SEQUENCE, PI_NOTE,
		    "Lifetime 0: this SA pair is deleted", EXPFILL }},
		{ &ei_psac_status,
		  { "psac.status.error", PI_RESPONSE_CODE, PI_NOTE,
		    "Error status", EXPFILL }},
		{ &ei_psac_auth_alg,
		  { "psac.auth.unsupported", PI_SECURITY, PI_WARN,
		    "Authentication parameters PSAC does not use", EXPFILL }},
		{ &ei_psac_keymat_len,
		  { "psac.sa.keymat_len_mismatch", PI_PROTOCOL, PI_WARN,
		    "Key material length does not match the algorithms", EXPFILL }},
	};

	module_t *m;
	expert_module_t *em;

	proto_psac = proto_register_protocol("DHCPv6 Provisioning of Security Associations and Certificates",
					     "PSAC", "psac");
	/* the last entries stay { 0, NULL } */
	for (i = 0; i + 1 < array_length(psac_encr_vals) && (encr = psac_encr_at(i)); i++) {
		psac_encr_vals[i].value = encr->id;
		psac_encr_vals[i].strptr = encr->desc;
	}
	for (i = 0; i + 1 < array_length(psac_integ_vals) && (integ = psac_integ_at(i)); i++) {
		psac_integ_vals[i].value = integ->id;
		psac_integ_vals[i].strptr = integ->desc;
	}
	for (i = 0; i + 1 < array_length(psac_status_vals) && (st = psac_dhcp6_status_at(i)); i++) {
		psac_status_vals[i].value = st->code;
		psac_status_vals[i].strptr = st->name;
	}
	fill_sa_codes(psac_protocol_vals, array_length(psac_protocol_vals), PSAC_SA_FIELD_PROTO);
	fill_sa_codes(psac_mode_vals, array_length(psac_mode_vals), PSAC_SA_FIELD_MODE);
	fill_sa_codes(psac_ulp_vals, array_length(psac_ulp_vals), PSAC_SA_FIELD_ULP);
	fill_sa_codes(psac_keyprot_vals, array_length(psac_keyprot_vals), PSAC_SA_FIELD_KEYPROT);
	proto_register_field_array(proto_psac, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	em = expert_register_protocol(proto_psac);
	expert_register_field_array(em, ei, array_length(ei));
	psac_crypto_register(proto_psac, em);
	psac_dhcpv6_register(proto_psac, em);

	m = prefs_register_protocol(proto_psac, NULL);
	prefs_register_uint_preference(m, "msg_saconfig", "SACONFIGURATION message type",
		"DHCPv6 message type of SACONFIGURATION (unassigned by IANA)", 10, &pref_msg_saconfig);
	prefs_register_uint_preference(m, "msg_saconfig_reply", "SACONFIGURATION-REPLY message type",
		"DHCPv6 message type of SACONFIGURATION-REPLY (unassigned by IANA)", 10, &pref_msg_saconfig_reply);
	prefs_register_uint_preference(m, "opt_client_pubkey", "OPTION_CLIENT_PUBKEY code",
		"DHCPv6 option code of Client Public Key", 10, &pref_opt_client_pubkey);
	prefs_register_uint_preference(m, "opt_sa_req_params", "OPTION_SA_REQ_PARAMS code",
		"DHCPv6 option code of Requestor's Parameters", 10, &pref_opt_sa_req_params);
	prefs_register_uint_preference(m, "opt_sa_request", "OPTION_SA_REQUEST code",
		"DHCPv6 option code of SA Request", 10, &pref_opt_sa_request);
	prefs_register_uint_preference(m, "opt_sa", "OPTION_SA code",
		"DHCPv6 option code of Security Association", 10, &pref_opt_sa);
	prefs_register_uint_preference(m, "opt_sa_list", "OPTION_SA_LIST code",
		"DHCPv6 option code of SA List", 10, &pref_opt_sa_list);
	prefs_register_uint_preference(m, "opt_cert_server", "OPTION_CERT_SERVER code",
		"DHCPv6 option code of Certificate Server", 10, &pref_opt_cert_server);
	prefs_register_uint_preference(m, "opt_certificate", "OPTION_CERTIFICATE code",
		"DHCPv6 option code of Certificate", 10, &pref_opt_certificate);
	psac_dhcpv6_register_prefs(m);
	psac_crypto_register_prefs(m);
	psac_crypto_register_x25519(m);
	psac_crypto_register_rsa(m);
}

void
proto_reg_handoff_psac(void)
{
	ber_syntax_table = find_dissector_table("ber.syntax");
	psac_dhcpv6_handoff();
}
