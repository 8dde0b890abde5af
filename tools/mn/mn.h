/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac mn (tools/mn/): the RFC 6618 mobile node's bootstrap, in three files:
 *   cmd_mn.c    the command: help, options, the PSK, the CA, the device
 *   exchange.c  the TLS connection to the HAC and the MHAuth PSK exchange
 *               (Init, Done), the checks of its answer, the SA install
 *   output.c    the line (or JSON object) printed for the SA
 */
#ifndef PSAC_TOOLS_MN_H
#define PSAC_TOOLS_MN_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/ssl.h>

#include "mnha_sa.h"

/* Exit statuses of psac mn beyond util.h's (psac help mn lists them). */
#define MN_EXIT_TLS		4	/* the HAC's certificate did not verify */
#define MN_EXIT_REFUSED		5	/* the HAC answered a status-code */
#define MN_EXIT_BADANSWER	6	/* the HAC's answer did not verify */

#define MN_MAX_SUITES		16

struct psac_mn_args {
	const char *hac, *mn_id, *psk_file, *ca, *name, *dev, *peer;
	uint16_t port;
	uint16_t suites[MN_MAX_SUITES];
	unsigned int n_suites;
	uint32_t timeout;
	int no_install;
};

/*
 * One bootstrap: connect to a->hac, run the exchange on ctx (verifying
 * the HAC against its CA), install the SA into ifindex (unless
 * a->no_install) and print it.  Returns the exit status.
 */
int psac_mn_run(const struct psac_mn_args *a, SSL_CTX *ctx,
		const uint8_t *psk, size_t psk_len, uint32_t ifindex);

/* The SA line (-j: a JSON object); installed: 0 for --no-install. */
void psac_mn_print_sa(const char *dev, const struct psac_mnha_sa *sa,
		      int installed);

#endif /* PSAC_TOOLS_MN_H */
