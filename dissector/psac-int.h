/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psac-int.h - declarations shared by the source files of psac.so.
 */
#ifndef PSAC_INT_H
#define PSAC_INT_H

#include <stdint.h>
#include <stddef.h>
#include <glib.h>

/* Registration, one pair per protocol. */
void proto_register_psac(void);
void proto_reg_handoff_psac(void);
void proto_register_dhcpike(void);
void proto_reg_handoff_dhcpike(void);
void proto_register_mhauth(void);
void proto_reg_handoff_mhauth(void);
void proto_register_mnha(void);
void proto_reg_handoff_mnha(void);

/* DHCP over IKEv2 (packet-dhcpike.c), driven by the psac postdissector so
 * that the DHCPv6 trees it adds get decorated in the same pass. */
struct tvbuff;
struct _packet_info;
struct _proto_node;
void dhcpike_postdissect(struct tvbuff *tvb, struct _packet_info *pinfo,
			 struct _proto_node *tree);
void dhcpike_add_wanted_hfids(GArray *wanted);

/* MN-HA SAs learned from decrypted key material (packet-mnha.c): a PSAC
 * OPTION_SA with mode 3, or an MHAuth-Done response. */
void psac_mnha_learn_from_keymat(struct _packet_info *pinfo, guint32 proto,
				 guint32 mode, guint32 spi, guint32 encr,
				 guint32 bits, guint32 integ, const guint8 *keymat,
				 int ek, int ik);

/* Deepest option nesting / dissection recursion the plugin follows. */
#define PSAC_MAX_DEPTH	8

#endif /* PSAC_INT_H */
