/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * packet-dhcpike.c - DHCP over IKEv2 (draft-richardson-ipsec-dhcp-over-ike).
 *
 * The IKEv2 dissector has no table for payload types: it shows payload 200
 * as opaque data.  The psac postdissector calls dhcpike_postdissect() on
 * every packet; it finds the isakmp.typepayload nodes of our payload type,
 * in clear or inside an SK payload that Wireshark's IKEv2 table decrypted
 * (the node then points into the decrypted data source), decodes the
 * 4-octet DHCP header and hands the DHCP message to the built-in DHCPv4 or
 * DHCPv6 dissector with the columns locked.
 *
 *   Next Payload(8) | C(1) RESERVED(7) | Payload Length(16) |
 *   DHCP-Version(8) | RESERVED(24) | DHCP message
 */
#include "config-psac.h"

#include <string.h>

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>

#include <linux/psac_wire.h>

#include "psac_compat.h"
#include "psac-int.h"

static int proto_dhcpike = -1;

static int hf_isakmp_typepayload = -1;

static int hf_dhcpike_version = -1;
static int hf_dhcpike_reserved = -1;
static int hf_dhcpike_msg_len = -1;
static int hf_dhcpike_notify = -1;

static gint ett_dhcpike = -1;

static expert_field ei_dhcpike_short = EI_INIT;
static expert_field ei_dhcpike_version = EI_INIT;
static expert_field ei_dhcpike_reserved = EI_INIT;
static expert_field ei_dhcpike_len = EI_INIT;

static dissector_handle_t dhcp_handle;
static dissector_handle_t dhcpv6_handle;

static guint pref_payload_type = PSAC_IKEV2_PAYLOAD_DHCP;
static guint pref_notify_type = PSAC_IKEV2_NOTIFY_DHCP_OVER_IKE;

static const value_string dhcpike_version_vals[] = {
	{ PSAC_IKEV2_DHCP_VERSION_4, "DHCPv4" },
	{ PSAC_IKEV2_DHCP_VERSION_6, "DHCPv6" },
	{ 0, NULL }
};

static void
handle_payload(packet_info *pinfo, proto_node *node)
{
	field_info *fi = node->finfo;
	tvbuff_t *ds = fi->ds_tvb;
	int off = fi->start;
	int plen, mlen;
	guint32 version, reserved;
	proto_item *ti, *pi;
	proto_tree *tree;
	tvbuff_t *ptvb, *mtvb;
	dissector_handle_t h;
	gboolean writable;

	if (!tvb_bytes_exist(ds, off, PSAC_IKEV2_GENERIC_HDR_LEN))
		return;
	plen = tvb_get_ntohs(ds, off + 2);
	if (plen < PSAC_IKEV2_GENERIC_HDR_LEN ||
	    tvb_reported_length_remaining(ds, off) < plen)
		return;		/* the IKEv2 dissector has flagged it */
	ptvb = tvb_new_subset_length(ds, off, plen);

	ti = proto_tree_add_item(node, proto_dhcpike, ptvb, 0, plen, ENC_NA);
	tree = proto_item_add_subtree(ti, ett_dhcpike);
	proto_item_set_text(node, "Payload: DHCP (%u)", pref_payload_type);
	if (plen < PSAC_IKEV2_GENERIC_HDR_LEN + PSAC_IKEV2_DHCP_HDR_LEN) {
		expert_add_info_format(pinfo, ti, &ei_dhcpike_short,
				       "DHCP payload of %d octets has no room for its %d-octet header",
				       plen, PSAC_IKEV2_GENERIC_HDR_LEN + PSAC_IKEV2_DHCP_HDR_LEN);
		return;
	}
	pi = proto_tree_add_item_ret_uint(tree, hf_dhcpike_version, ptvb, 4, 1,
					  ENC_BIG_ENDIAN, &version);
	switch (version) {
	case PSAC_IKEV2_DHCP_VERSION_4: h = dhcp_handle; break;
	case PSAC_IKEV2_DHCP_VERSION_6: h = dhcpv6_handle; break;
	default:
		h = NULL;
		expert_add_info_format(pinfo, pi, &ei_dhcpike_version,
				       "Unknown DHCP-Version %u", version);
		break;
	}
	pi = proto_tree_add_item_ret_uint(tree, hf_dhcpike_reserved, ptvb, 5, 3,
					  ENC_BIG_ENDIAN, &reserved);
	if (reserved)
		expert_add_info(pinfo, pi, &ei_dhcpike_reserved);
	mlen = plen - PSAC_IKEV2_GENERIC_HDR_LEN - PSAC_IKEV2_DHCP_HDR_LEN;
	pi = proto_tree_add_uint(tree, hf_dhcpike_msg_len, ptvb, 8, mlen, (guint32)mlen);
	proto_item_set_generated(pi);
	proto_item_append_text(ti, ", %s, %d octets",
			       val_to_str(pinfo->pool, version, dhcpike_version_vals, "version %u"), mlen);
	if ((version == PSAC_IKEV2_DHCP_VERSION_6 && mlen < PSAC_DHCP6_HDR_LEN) ||
	    (version == PSAC_IKEV2_DHCP_VERSION_4 && mlen < 236)) {
		expert_add_info_format(pinfo, pi, &ei_dhcpike_len,
				       "%d octets is too short for a %s message", mlen,
				       val_to_str_const(version, dhcpike_version_vals, "DHCP"));
		if (mlen == 0)
			return;
	}
	if (!h || mlen <= 0)
		return;

	mtvb = tvb_new_subset_length(ptvb, 8, mlen);
	/* Keep the ISAKMP columns: the DHCP dissectors clear and set them. */
	writable = pinfo->cinfo ? col_get_writable(pinfo->cinfo, -1) : FALSE;
	if (pinfo->cinfo)
		col_set_writable(pinfo->cinfo, -1, FALSE);
	TRY {
		call_dissector(h, mtvb, pinfo, tree);
	}
	CATCH_NONFATAL_ERRORS {
		show_exception(mtvb, pinfo, tree, EXCEPT_CODE, GET_MESSAGE);
	}
	ENDTRY;
	if (pinfo->cinfo)
		col_set_writable(pinfo->cinfo, -1, writable);
}

static void
handle_notify(packet_info *pinfo _U_, proto_node *node)
{
	field_info *fi = node->finfo;
	proto_item *pi;

	if (!tvb_bytes_exist(fi->ds_tvb, fi->start, 2) ||
	    tvb_get_ntohs(fi->ds_tvb, fi->start) != pref_notify_type)
		return;
	proto_item_append_text(node, " (DHCP_OVER_IKE_SUPPORTED)");
	/* The msgtype item has no subtree: add next to it, in the Notify payload. */
	pi = proto_tree_add_item(node->parent, hf_dhcpike_notify, fi->ds_tvb, fi->start, 2, ENC_NA);
	proto_item_set_generated(pi);
}

static void
collect(proto_node *node, wmem_array_t *pl, wmem_array_t *nt, int depth)
{
	proto_node *c;

	if (depth > 64)
		return;
	for (c = node->first_child; c; c = c->next) {
		field_info *fi = c->finfo;

		if (fi && fi->hfinfo && fi->ds_tvb) {
			if (fi->hfinfo->id == hf_isakmp_typepayload) {
				if (PSAC_FINFO_UINT(fi) == pref_payload_type)
					wmem_array_append(pl, &c, 1);
			} else if (fi->hfinfo->abbrev &&
				   strcmp(fi->hfinfo->abbrev, "isakmp.notify.msgtype") == 0 &&
				   fi->length == 2) {
				wmem_array_append(nt, &c, 1);
			}
		}
		if (c->first_child)
			collect(c, pl, nt, depth + 1);
	}
}

void
dhcpike_postdissect(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree)
{
	wmem_array_t *pl, *nt;
	guint i;

	if (!tree || hf_isakmp_typepayload < 0 || !proto_is_protocol_enabled(find_protocol_by_id(proto_dhcpike)))
		return;
	pl = wmem_array_new(pinfo->pool, sizeof(proto_node *));
	nt = wmem_array_new(pinfo->pool, sizeof(proto_node *));
	collect(tree, pl, nt, 0);
	for (i = 0; i < wmem_array_get_count(pl); i++) {
		proto_node *n = *(proto_node **)wmem_array_index(pl, i);

		TRY {
			handle_payload(pinfo, n);
		}
		CATCH_NONFATAL_ERRORS {
			show_exception(n->finfo->ds_tvb, pinfo, n, EXCEPT_CODE, GET_MESSAGE);
		}
		ENDTRY;
	}
	for (i = 0; i < wmem_array_get_count(nt); i++) {
		proto_node *n = *(proto_node **)wmem_array_index(nt, i);

		TRY {
			handle_notify(pinfo, n);
		}
		CATCH_NONFATAL_ERRORS {
		}
		ENDTRY;
	}
}

void
dhcpike_add_wanted_hfids(GArray *wanted)
{
	header_field_info *hfi;

	hf_isakmp_typepayload = proto_registrar_get_id_byname("isakmp.typepayload");
	if (hf_isakmp_typepayload >= 0)
		g_array_append_val(wanted, hf_isakmp_typepayload);
	for (hfi = proto_registrar_get_byname("isakmp.notify.msgtype"); hfi; hfi = hfi->same_name_next) {
		g_array_append_val(wanted, hfi->id);
	}
}

void
proto_register_dhcpike(void)
{
	static hf_register_info hf[] = {
		{ &hf_dhcpike_version,
		  { "DHCP-Version", "dhcpike.version", FT_UINT8, BASE_DEC,
		    VALS(dhcpike_version_vals), 0, NULL, HFILL }},
		{ &hf_dhcpike_reserved,
		  { "Reserved", "dhcpike.reserved", FT_UINT24, BASE_HEX,
		    NULL, 0, NULL, HFILL }},
		{ &hf_dhcpike_msg_len,
		  { "DHCP message length", "dhcpike.msg_len", FT_UINT16, BASE_DEC,
		    NULL, 0, NULL, HFILL }},
		{ &hf_dhcpike_notify,
		  { "DHCP_OVER_IKE_SUPPORTED", "dhcpike.notify.supported", FT_NONE, BASE_NONE,
		    NULL, 0, "The peer supports DHCP over IKEv2", HFILL }},
	};
	static gint *ett[] = { &ett_dhcpike };
	static ei_register_info ei[] = {
		{ &ei_dhcpike_short,
		  { "dhcpike.short", PI_MALFORMED, PI_ERROR,
		    "DHCP payload too short", EXPFILL }},
		{ &ei_dhcpike_version,
		  { "dhcpike.version.unknown", PI_PROTOCOL, PI_WARN,
		    "Unknown DHCP-Version", EXPFILL }},
		{ &ei_dhcpike_reserved,
		  { "dhcpike.reserved_not_zero", PI_PROTOCOL, PI_WARN,
		    "Reserved field is not zero", EXPFILL }},
		{ &ei_dhcpike_len,
		  { "dhcpike.msg_len.short", PI_MALFORMED, PI_WARN,
		    "DHCP message too short", EXPFILL }},
	};
	module_t *m;
	expert_module_t *em;

	proto_dhcpike = proto_register_protocol("DHCP over IKEv2", "DHCP-IKE", "dhcpike");
	proto_register_field_array(proto_dhcpike, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	em = expert_register_protocol(proto_dhcpike);
	expert_register_field_array(em, ei, array_length(ei));

	m = prefs_register_protocol(proto_dhcpike, NULL);
	prefs_register_uint_preference(m, "payload_type", "IKEv2 DHCP payload type",
		"IKEv2 payload type of the DHCP payload (private use range 128-255)", 10, &pref_payload_type);
	prefs_register_uint_preference(m, "notify_type", "DHCP_OVER_IKE_SUPPORTED notify type",
		"IKEv2 Notify message type signalling DHCP over IKE support", 10, &pref_notify_type);
}

void
proto_reg_handoff_dhcpike(void)
{
	dhcp_handle = find_dissector("dhcp");
	dhcpv6_handle = find_dissector("dhcpv6");
}
