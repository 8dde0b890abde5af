/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psac_compat.h - the few Wireshark API differences between 4.0, 4.2 and 4.4.
 *
 * Every version #if of the plugin lives here.  The plugin is built and
 * tested against Debian 12's wireshark-dev 4.0; the 4.2/4.4 branches follow
 * the upstream API changes (plugin_describe() in 4.4, field_info.value
 * turned into a pointer in 4.2).
 */
#ifndef PSAC_COMPAT_H
#define PSAC_COMPAT_H

#include <ws_version.h>

#define PSAC_WS_AT_LEAST(maj, min) \
	(WIRESHARK_VERSION_MAJOR > (maj) || \
	 (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

#if !PSAC_WS_AT_LEAST(4, 0)
#error "psac.so needs Wireshark 4.0 or newer"
#endif

/* wsutil/plugins.h is installed from 4.2 on; 4.0 has proto_register_plugin()
 * in epan/proto.h only. */
#if defined(__has_include)
# if __has_include(<wsutil/plugins.h>)
#  include <wsutil/plugins.h>
# endif
#endif

/* 4.4 asks plugins what they are (WS_PLUGIN_DESC_DISSECTOR). */
#if PSAC_WS_AT_LEAST(4, 4) && defined(WS_PLUGIN_DESC_DISSECTOR)
# define PSAC_HAVE_PLUGIN_DESCRIBE 1
#endif

#include <epan/ftypes/ftypes.h>

/* field_info.value: an embedded fvalue_t in 4.0, a pointer from 4.2 on. */
#if PSAC_WS_AT_LEAST(4, 2)
# define PSAC_FINFO_FVALUE(fi)	((fi)->value)
#else
# define PSAC_FINFO_FVALUE(fi)	(&(fi)->value)
#endif
#define PSAC_FINFO_UINT(fi)	fvalue_get_uinteger(PSAC_FINFO_FVALUE(fi))

/*
 * 4.4 renamed the guint8 tvb accessors (the old names are deprecated) and
 * turned the gboolean of boolean preferences and UAT update callbacks into
 * bool.
 */
#include <glib.h>
#if PSAC_WS_AT_LEAST(4, 4)
# include <stdbool.h>
typedef bool psac_bool_t;
# define psac_tvb_get_u8	tvb_get_uint8
# define psac_tvb_find_u8	tvb_find_uint8
#else
typedef gboolean psac_bool_t;
# define psac_tvb_get_u8	tvb_get_guint8
# define psac_tvb_find_u8	tvb_find_guint8
#endif

/* Version string the plugin reports. */
#ifndef PSAC_PLUGIN_VERSION
# define PSAC_PLUGIN_VERSION "0.1.0"
#endif

#endif /* PSAC_COMPAT_H */
