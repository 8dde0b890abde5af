/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac hac (tools/hac/): the RFC 6618 Home Agent Controller, in three files:
 *   cmd_hac.c   the command: help, the certificate, the TLS server loop
 *   config.c    its configuration file (psac-hac.conf(5))
 *   exchange.c  one MHAuth exchange with a mobile node, the home agent's
 *               SA (local mnha device, or ha-remote over SACONFIGURATION),
 *               and the output
 */
#ifndef PSAC_TOOLS_HAC_H
#define PSAC_TOOLS_HAC_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/ssl.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "dhcp6msg.h"
#include "mhauth.h"
#include "mnha_sa.h"

#define HAC_MAX_SUITES	8
#define HAC_TIMEOUT_S	10

struct hac_mn {
	char *id;
	uint8_t psk[PSAC_PSK_MAX_LEN];
	size_t psk_len;
	struct psac_mnha_sa tmpl;	/* addresses, scope */
	uint16_t suites[HAC_MAX_SUITES];
	unsigned int n_suites;		/* 0: the global list */
	uint64_t validity, valid_until;
	int have_validity, have_until;
	struct hac_mn *next;
};

struct hac_config {
	struct in6_addr listen;
	uint16_t port, ha_port;
	char *cert, *key, *dev;
	struct in6_addr haa6;
	struct in_addr haa4;
	int have_haa6, have_haa4;
	uint16_t suites[HAC_MAX_SUITES];
	unsigned int n_suites;
	uint64_t validity;
	uint8_t scope;
	struct hac_mn *mns;
	unsigned int n_mns;
	/* ha-remote: push the SAs to a home agent's psac target role */
	int remote;
	struct in6_addr r_addr;
	uint16_t r_port;
	uint32_t r_key_id;
	uint8_t r_psk[PSAC_PSK_MAX_LEN];
	size_t r_psk_len;
	char r_realm[PSAC_REALM_MAX_LEN + 1];
};

struct hac {
	struct hac_config cfg;
	SSL_CTX *ctx;
	uint8_t cb[PSAC_MHAUTH_CB_MAX];
	size_t cb_len;
	uint32_t ifindex;
	int test_bad_auth;
	int no_install;
	/* ha-remote */
	int r_fd;
	uint8_t duid[PSAC_DUID_MAX_LEN];
	size_t duid_len;
	uint64_t r_tx_counter;
	int r_rx_seen;
	uint64_t r_rx_counter;
};

/* config.c: 0, or -1 with the reason in @err (the caller names the file) */
int psac_hac_config_load(struct hac_config *c, const char *path, char *err,
			 size_t errlen);
void psac_hac_config_free(struct hac_config *c);
struct hac_mn *psac_hac_find_mn(struct hac_config *c, const char *id);

/* exchange.c */
/* event, then NULL-terminated name/value pairs; a NULL value is skipped */
void psac_hac_log(const char *event, ...);
/* One exchange on an accepted TLS connection from @from. */
int psac_hac_exchange(struct hac *h, SSL *ssl, const char *from);

#endif /* PSAC_TOOLS_HAC_H */
