/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * plugin.c - psac.so entry points for Wireshark's plugin loader.
 */
#include "config-psac.h"

#include <epan/packet.h>
#include <epan/proto.h>

#include "psac_compat.h"
#include "psac-int.h"

WS_DLL_PUBLIC_DEF const char plugin_version[] = PSAC_PLUGIN_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
#ifdef PSAC_HAVE_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);
#endif

static void
psac_register_all(void)
{
	proto_register_psac();
	proto_register_dhcpike();
	proto_register_mhauth();
	proto_register_mnha();
}

static void
psac_handoff_all(void)
{
	proto_reg_handoff_psac();
	proto_reg_handoff_dhcpike();
	proto_reg_handoff_mhauth();
	proto_reg_handoff_mnha();
}

void
plugin_register(void)
{
	static proto_plugin plug;

	plug.register_protoinfo = psac_register_all;
	plug.register_handoff = psac_handoff_all;
	proto_register_plugin(&plug);
}

#ifdef PSAC_HAVE_PLUGIN_DESCRIBE
uint32_t
plugin_describe(void)
{
	return WS_PLUGIN_DESC_DISSECTOR;
}
#endif
