/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psac_compat.h - the Wireshark API differences between 4.0, 4.2, 4.4 and 4.6.
 *
 * Every version #if of the plugin lives here; the .c files use one spelling,
 * the newest API's where a shim for the older versions reads naturally.
 * Built and tested against Wireshark 4.0 (Debian 12), 4.4 (Debian 13) and
 * 4.6 (Debian sid); the 4.2 branches follow the upstream API changes.
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

/*
 * 4.6 moved value_string from epan/ to wsutil/value_string.h and gave
 * val_to_str() the wmem scope of its result as first argument (before, it
 * was always the packet scope); 4.0-4.4 spell that val_to_str_wmem().
 */
#if PSAC_WS_AT_LEAST(4, 6)
# include <wsutil/value_string.h>
#else
# include <epan/value_string.h>
# define val_to_str(scope, val, vs, fmt)	val_to_str_wmem(scope, val, vs, fmt)
#endif

/*
 * No #if: 4.6's epan/proto.h no longer includes epan/tfs.h
 * (true_false_string, tfs_success_fail, ...), so the .c files that use it
 * include it themselves; it is there in 4.0 and 4.4 too.
 */

/*
 * 4.6 deprecated dissector_try_string() and dissector_try_string_new() for
 * dissector_try_string_with_data(); before, dissector_try_string_new() had
 * the same arguments (add_proto_name, data).
 */
#include <epan/packet.h>
#if !PSAC_WS_AT_LEAST(4, 6)
# define dissector_try_string_with_data	dissector_try_string_new
#endif

/* Version string the plugin reports. */
#ifndef PSAC_PLUGIN_VERSION
# define PSAC_PLUGIN_VERSION "0.1.0"
#endif

#endif /* PSAC_COMPAT_H */
