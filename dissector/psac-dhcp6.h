/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psac-dhcp6.h - the PSAC DHCPv6 option decoder (packet-psac.c) as the
 * DHCPv6 glue (psac-dhcpv6.c) drives it.
 */
#ifndef PSAC_DHCP6_PLUGIN_H
#define PSAC_DHCP6_PLUGIN_H

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>

enum psac_opt_kind {
	OPT_NONE = 0,
	OPT_CLIENT_PUBKEY,
	OPT_SA_REQ_PARAMS,
	OPT_SA_REQUEST,
	OPT_SA,
	OPT_SA_LIST,
	OPT_CERT_SERVER,
	OPT_CERTIFICATE,
	OPT_AUTH,
	OPT_STATUS_CODE,
};

/* One DHCPv6 message of the frame, as the glue found it in the tree. */
typedef struct {
	tvbuff_t	*ds_tvb;	/* data source the DHCPv6 item points into */
	int		start;		/* message offset in ds_tvb */
	int		len;		/* message length */
	tvbuff_t	*tvb;		/* subset: the message */
	proto_item	*dhcpv6_item;
	proto_item	*type_item;
	int		msgtype;	/* -1 until seen */
	guint32		xid;
	gboolean	relay;
	gboolean	has_auth;
} psac_msg_t;

typedef struct {
	proto_node	*node;		/* the dhcpv6.option.type node */
	psac_msg_t	*msg;
} psac_optref_t;

/* packet-psac.c: what a code or message type is under the preferences */
enum psac_opt_kind psac_opt_kind(guint code);
const char *psac_opt_kind_name(enum psac_opt_kind k);
/* "SACONFIGURATION", "SACONFIGURATION-REPLY", or NULL */
const char *psac_msg_name(guint msgtype);
guint psac_msg_type(gboolean reply);
void psac_dissect_option(packet_info *pinfo, psac_msg_t *msg, proto_tree *parent,
			 int off, guint32 code, guint32 len, enum psac_opt_kind kind);

/* psac-dhcpv6.c */
void psac_dhcpv6_register(int proto, expert_module_t *em);
void psac_dhcpv6_register_prefs(module_t *m);
void psac_dhcpv6_handoff(void);

#endif /* PSAC_DHCP6_PLUGIN_H */
