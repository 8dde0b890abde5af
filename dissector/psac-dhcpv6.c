/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psac-dhcpv6.c - the glue to Wireshark's DHCPv6 dissector: a
 * postdissector that finds the DHCPv6 messages and options in the tree,
 * names PSAC's messages (tree, Info column) and hands each PSAC option to
 * packet-psac.c.  Wireshark's DHCPv6 dissector has no table to register
 * message types or options in, hence the walk.
 */

#include "config-psac.h"

#include <string.h>

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>
#include <epan/proto_data.h>

#include <linux/psac_wire.h>

#include "psac_compat.h"
#include "psac-int.h"
#include "psac-dhcp6.h"

static int proto_psac = -1;

/* Fields of other dissectors we look for in the tree. */
static int proto_dhcpv6 = -1;
static int hf_dhcpv6_msgtype = -1;
static int hf_dhcpv6_option_type = -1;
static int hf_dhcpv6_option_type_str = -1;

/* Message */
static int hf_psac_msgtype = -1;
static int hf_psac_xid = -1;
static gint ett_psac = -1;
static expert_field ei_psac_no_auth = EI_INIT;
static dissector_handle_t psac_post_handle;
static psac_bool_t pref_rename_info = TRUE;

static void
fmt_msgtype(gchar *buf, guint32 v)
{
	const char *n = psac_msg_name(v);

	snprintf(buf, ITEM_LABEL_LENGTH, "%s (%u)", n ? n : "Unknown", v);
}

/* ------------------------------------------------------------------------ */
/* Postdissector                                                            */
/* ------------------------------------------------------------------------ */

/* Walk the tree, noting every DHCPv6 message and every DHCPv6 option node
 * together with the message it belongs to. */
static void
collect(proto_node *node, psac_msg_t *cur, wmem_array_t *msgs,
	wmem_array_t *opts, packet_info *pinfo, int depth)
{
	proto_node *child;

	if (depth > 64)
		return;
	for (child = node->first_child; child; child = child->next) {
		field_info *fi = child->finfo;
		psac_msg_t *sub = cur;

		if (fi && fi->hfinfo && fi->ds_tvb) {
			int id = fi->hfinfo->id;

			if (id == proto_dhcpv6 && fi->length >= PSAC_DHCP6_HDR_LEN) {
				sub = wmem_new0(pinfo->pool, psac_msg_t);
				sub->ds_tvb = fi->ds_tvb;
				sub->start = fi->start;
				sub->len = fi->length;
				sub->dhcpv6_item = child;
				sub->msgtype = -1;
				wmem_array_append(msgs, &sub, 1);
			} else if (id == hf_dhcpv6_msgtype && cur && cur->msgtype < 0) {
				cur->type_item = child;
				cur->msgtype = psac_tvb_get_u8(fi->ds_tvb, fi->start);
			} else if (id == hf_dhcpv6_option_type && cur) {
				psac_optref_t r = { child, cur };

				wmem_array_append(opts, &r, 1);
			}
		}
		if (child->first_child)
			collect(child, sub, msgs, opts, pinfo, depth + 1);
	}
}

static void
rename_info(packet_info *pinfo, guint msgtype, const char *name)
{
	const char *text;
	char *info, needle[32], *hit;

	if (!pref_rename_info || !pinfo->cinfo || !col_get_writable(pinfo->cinfo, COL_INFO))
		return;
	text = col_get_text(pinfo->cinfo, COL_INFO);
	if (!text)
		return;
	/* col_get_text() points into the column buffer we are about to rewrite. */
	info = wmem_strdup(pinfo->pool, text);
	snprintf(needle, sizeof(needle), "Message Type %u", msgtype);
	hit = strstr(info, needle);
	if (!hit)
		return;
	*hit = '\0';
	col_clear_fence(pinfo->cinfo, COL_INFO);
	col_add_fstr(pinfo->cinfo, COL_INFO, "%s%s%s", info, name, hit + strlen(needle));
}

/* Wireshark's packet list computes the columns without the DHCPv6 nodes
 * (no tree, or one without our wanted fields): name the messages from the
 * column text alone in DHCPv6 frames. */
static void
rename_info_treeless(packet_info *pinfo)
{
	if (!proto_is_frame_protocol(pinfo->layers, "dhcpv6"))
		return;
	rename_info(pinfo, psac_msg_type(FALSE), "SACONFIGURATION");
	rename_info(pinfo, psac_msg_type(TRUE), "SACONFIGURATION-REPLY");
}

static void
decorate_message(packet_info *pinfo, psac_msg_t *msg)
{
	const char *name;
	proto_item *pi;
	proto_tree *ptree;

	if (msg->msgtype < 0)
		return;
	if (msg->msgtype == PSAC_DHCP6_MSG_RELAY_FORW ||
	    msg->msgtype == PSAC_DHCP6_MSG_RELAY_REPL) {
		msg->relay = TRUE;
		return;
	}
	msg->xid = tvb_get_ntoh24(msg->tvb, 1);
	name = psac_msg_name((guint)msg->msgtype);
	if (!name)
		return;
	if (msg->type_item)
		proto_item_set_text(msg->type_item, "Message type: %s (%d)", name, msg->msgtype);
	pi = proto_tree_add_item(msg->dhcpv6_item, proto_psac, msg->tvb, 0, msg->len, ENC_NA);
	proto_item_set_text(pi, "PSAC %s", name);
	ptree = proto_item_add_subtree(pi, ett_psac);
	pi = proto_tree_add_uint(ptree, hf_psac_msgtype, msg->tvb, 0, 1, (guint32)msg->msgtype);
	proto_item_set_generated(pi);
	pi = proto_tree_add_uint(ptree, hf_psac_xid, msg->tvb, 1, 3, msg->xid);
	proto_item_set_generated(pi);
	rename_info(pinfo, (guint)msg->msgtype, name);
}

static void
decorate_option(packet_info *pinfo, psac_optref_t *r)
{
	psac_msg_t *msg = r->msg;
	field_info *fi = r->node->finfo;
	proto_node *parent = r->node->parent;
	enum psac_opt_kind kind;
	guint32 code, len;
	int off;

	if (fi->ds_tvb != msg->ds_tvb || fi->start < msg->start ||
	    fi->start + PSAC_DHCP6_OPT_HDR_LEN > msg->start + msg->len)
		return;
	off = fi->start - msg->start;
	code = tvb_get_ntohs(msg->tvb, off);
	kind = psac_opt_kind(code);
	if (kind == OPT_NONE)
		return;
	if (kind == OPT_AUTH && msg->relay)
		return;
	len = tvb_get_ntohs(msg->tvb, off + 2);
	if (off + PSAC_DHCP6_OPT_HDR_LEN + (int)len > msg->len)
		return;		/* the DHCPv6 dissector stopped there too */
	/* A top-level Status Code is RFC 8415's, which the DHCPv6 dissector
	 * names; PSAC's own codes (65000 and up) get decoded here. */
	if (kind == OPT_STATUS_CODE &&
	    (len < 2 || tvb_get_ntohs(msg->tvb, off + PSAC_DHCP6_OPT_HDR_LEN) <
			PSAC_STATUS_SA_REQ_UNSUPPORTED))
		return;

	/* Name the option in the DHCPv6 tree ("DHCP option 65283" otherwise). */
	if (kind != OPT_AUTH) {
		if (parent && parent->finfo && parent->finfo->hfinfo &&
		    parent->finfo->hfinfo->id == hf_dhcpv6_option_type_str)
			proto_item_set_text(parent, "%s", psac_opt_kind_name(kind));
		proto_item_set_text(r->node, "Option: %s (%u)", psac_opt_kind_name(kind), code);
	}

	psac_dissect_option(pinfo, msg, parent, off, code, len, kind);
}

static int
dissect_psac_post(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
	wmem_array_t *msgs, *opts;
	guint i, n;

	if (!tree) {
		rename_info_treeless(pinfo);
		return 0;
	}

	/* DHCP carried in IKEv2 first: it adds DHCPv6 trees of its own. */
	dhcpike_postdissect(tvb, pinfo, tree);

	msgs = wmem_array_new(pinfo->pool, sizeof(psac_msg_t *));
	opts = wmem_array_new(pinfo->pool, sizeof(psac_optref_t));
	collect(tree, NULL, msgs, opts, pinfo, 0);

	n = wmem_array_get_count(msgs);
	if (n == 0)
		rename_info_treeless(pinfo);
	for (i = 0; i < n; i++) {
		psac_msg_t *msg = *(psac_msg_t **)wmem_array_index(msgs, i);

		TRY {
			msg->tvb = tvb_new_subset_length(msg->ds_tvb, msg->start, msg->len);
			decorate_message(pinfo, msg);
		}
		CATCH_NONFATAL_ERRORS {
			msg->tvb = NULL;
		}
		ENDTRY;
	}

	n = wmem_array_get_count(opts);
	for (i = 0; i < n; i++) {
		psac_optref_t *r = (psac_optref_t *)wmem_array_index(opts, i);

		if (!r->msg->tvb || r->msg->msgtype < 0)
			continue;
		TRY {
			decorate_option(pinfo, r);
		}
		CATCH_NONFATAL_ERRORS {
			show_exception(r->msg->tvb, pinfo, r->node->parent, EXCEPT_CODE, GET_MESSAGE);
		}
		ENDTRY;
	}

	/* SACONFIGURATION and its reply must be authenticated. */
	n = wmem_array_get_count(msgs);
	for (i = 0; i < n; i++) {
		psac_msg_t *msg = *(psac_msg_t **)wmem_array_index(msgs, i);

		if (msg->tvb && msg->msgtype >= 0 && psac_msg_name((guint)msg->msgtype) &&
		    !msg->has_auth)
			expert_add_info(pinfo, msg->type_item ? msg->type_item : msg->dhcpv6_item,
					&ei_psac_no_auth);
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Registration                                                             */
/* ------------------------------------------------------------------------ */

void
psac_dhcpv6_register(int proto, expert_module_t *em)
{
	static hf_register_info hf[] = {
		{ &hf_psac_msgtype,
		  { "Message type", "psac.msgtype", FT_UINT8, BASE_CUSTOM,
		    CF_FUNC(fmt_msgtype), 0, "PSAC DHCPv6 message type", HFILL }},
		{ &hf_psac_xid,
		  { "Transaction ID", "psac.xid", FT_UINT24, BASE_HEX,
		    NULL, 0, NULL, HFILL }},
	};
	static gint *ett[] = {
		&ett_psac,
	};
	static ei_register_info ei[] = {
		{ &ei_psac_no_auth,
		  { "psac.auth.missing", PI_SECURITY, PI_WARN,
		    "PSAC message without delayed HMAC-SHA256 authentication: a target server drops it", EXPFILL }},
	};

	proto_psac = proto;
	proto_register_field_array(proto, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert_register_field_array(em, ei, array_length(ei));
	psac_post_handle = create_dissector_handle(dissect_psac_post, proto);
	register_postdissector(psac_post_handle);
}

void
psac_dhcpv6_register_prefs(module_t *m)
{
	prefs_register_bool_preference(m, "rename_info", "Name PSAC messages in the Info column",
		"Replace \"Message Type 240\" with SACONFIGURATION in the Info column", &pref_rename_info);
}

static void
want_field(GArray *a, const char *name)
{
	header_field_info *hfi = proto_registrar_get_byname(name);

	/* Several fields may share one name (isakmp.notify.msgtype). */
	for (; hfi; hfi = hfi->same_name_next)
		g_array_append_val(a, hfi->id);
}

void
psac_dhcpv6_handoff(void)
{
	GArray *wanted = g_array_new(FALSE, FALSE, sizeof(int));

	proto_dhcpv6 = proto_get_id_by_filter_name("dhcpv6");
	hf_dhcpv6_msgtype = proto_registrar_get_id_byname("dhcpv6.msgtype");
	hf_dhcpv6_option_type = proto_registrar_get_id_byname("dhcpv6.option.type");
	hf_dhcpv6_option_type_str = proto_registrar_get_id_byname("dhcpv6.option.type_str");

	if (proto_dhcpv6 >= 0)
		g_array_append_val(wanted, proto_dhcpv6);
	want_field(wanted, "dhcpv6.msgtype");
	want_field(wanted, "dhcpv6.option.type");
	want_field(wanted, "dhcpv6.option.type_str");
	dhcpike_add_wanted_hfids(wanted);
	set_postdissector_wanted_hfids(psac_post_handle, wanted);
}
