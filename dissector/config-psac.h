/* SPDX-License-Identifier: GPL-2.0-or-later */
/* config-psac.h - included first by every source file of the plugin. */
#ifndef CONFIG_PSAC_H
#define CONFIG_PSAC_H

/* Wireshark's headers expect WS_LOG_DOMAIN to be set by the includer. */
#ifndef WS_LOG_DOMAIN
#define WS_LOG_DOMAIN "psac"
#endif

#endif
