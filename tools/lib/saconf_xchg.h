/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: one SACONFIGURATION exchange with a target over UDP, shared
 * by 'psac saconf send' and 'psac hac' (ha-remote): send, retransmit every
 * interval (RFC 8415 REC_TIMEOUT) and wait for the SACONFIGURATION-REPLY
 * with the same transaction-id.
 */
#ifndef PSAC_TOOLS_SACONF_XCHG_H
#define PSAC_TOOLS_SACONF_XCHG_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6msg.h"

#define PSAC_XCHG_INTERVAL_MS	2000	/* RFC 8415 REC_TIMEOUT */
#define PSAC_XCHG_MSG_MAX	4096	/* a SACONFIGURATION we build */

struct psac_xchg {
	int fd;				/* a bound UDP socket */
	const struct sockaddr_in6 *dst;
	const uint8_t *msg;
	size_t len;
	uint32_t xid;
	unsigned int wait_ms;		/* overall; 0: send once, no wait */
	unsigned int retries;		/* retransmissions after the first */
	unsigned int interval_ms;	/* 0: PSAC_XCHG_INTERVAL_MS */
	/* after each transmission n (1, 2, ...); may be NULL */
	void (*sent)(void *arg, unsigned int n);
	/*
	 * A SACONFIGURATION-REPLY with our transaction-id (parsed in rep):
	 * return 1 when it ends the exchange, 0 to keep waiting.
	 */
	int (*reply)(void *arg, const uint8_t *buf, size_t len,
		     const struct psac_msg *rep,
		     const struct sockaddr_in6 *from);
	void *arg;
	unsigned int n_sent;		/* out: transmissions */
};

/*
 * 0 when reply() ended the exchange (or wait_ms is 0 and the message was
 * sent), -ETIMEDOUT, or the negative errno of sendto()/poll().
 */
int psac_saconf_xchg(struct psac_xchg *x);

/*
 * A UDP socket bound to src (and to dev when not NULL): the descriptor, or
 * -1 after an error message prefixed with what.
 */
int psac_saconf_socket(const struct sockaddr_in6 *src, const char *dev,
		       const char *what);

/* Every status in a SACONFIGURATION-REPLY (top, list, per SA) Success. */
int psac_saconf_reply_ok(const struct psac_msg *r);

#endif /* PSAC_TOOLS_SACONF_XCHG_H */
