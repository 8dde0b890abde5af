/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac server (tools/server/): the state of the DHCPv6 server role, shared
 * by its files:
 *   cmd_server.c  the command: help, configuration, the socket, the loop
 *   exchange.c    one exchange: the request, a SACONFIGURATION per target,
 *                 their replies, retransmission, the Reply to the requestor
 *   log.c         what the server prints, as text or JSON lines
 * The configuration language and the policy are tools/lib/provision.c's.
 */
#ifndef PSAC_TOOLS_SERVER_H
#define PSAC_TOOLS_SERVER_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp6msg.h"
#include "provision.h"
#include "util.h"

#define MSG_MAX		65535
#define MAX_EXCH	16
#define MAX_SLOTS	PSAC_MSG_MAX_SAREQ
#define CACHE_N		8
#define CACHE_MS	60000

struct slot {
	struct in6_addr target;
	int tgt;			/* index in the targets, -1 */
	struct psac_sa_params echo;	/* refusal echo */
	struct psac_sa_params p;	/* target's copy: peer = requestor */
	uint8_t keymat[PSAC_KEYMAT_MAX];
	size_t keymat_len;
	struct psac_grant *grant;
	int release;
	int done;
	uint16_t status;
	char msg[160];
};

struct tx {
	int tgt;
	uint32_t xid;
	unsigned int sent;
	long long next_ms;
	int done;
	int last_errno;
	unsigned int n;
	unsigned int slot[MAX_SLOTS];
};

struct exch {
	int used;
	struct sockaddr_in6 from;
	uint8_t type;
	uint32_t xid;
	uint8_t clientid[PSAC_DUID_MAX_LEN];
	size_t clientid_len;
	uint8_t pub[PSAC_X25519_KEY_LEN];
	unsigned int nslots;
	struct slot slots[MAX_SLOTS];
	unsigned int ntx;
	struct tx tx[MAX_SLOTS];
};

struct cached {
	int used;
	struct sockaddr_in6 from;
	uint32_t xid;
	long long at_ms;
	size_t len;
	uint8_t *msg;
};

struct server {
	struct psac_srv_config cfg;
	struct psac_grants grants;
	struct exch ex[MAX_EXCH];
	struct cached cache[CACHE_N];
	unsigned int cache_next;
	int fd;
	uint8_t duid[PSAC_DUID_MAX_LEN];
	size_t duid_len;
	uint64_t counter;		/* last replay counter sent */
	unsigned int answered;
	uint8_t *buf;			/* MSG_MAX, receive */
	uint8_t *obuf;			/* MSG_MAX, send */
};

/* exchange.c */
void psac_srv_handle_datagram(struct server *sv,
			      const struct sockaddr_in6 *from,
			      const uint8_t *buf, size_t len);
/* Retransmit or give up; returns the next deadline (or -1). */
long long psac_srv_run_timers(struct server *sv);

/* log.c */
void psac_srv_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void psac_srv_json_begin(struct psac_json *j, const char *event);
void psac_srv_json_end(struct psac_json *j);
void psac_srv_log_ignored(const struct sockaddr_in6 *from, const char *why);
void psac_srv_hexstr(const uint8_t *p, size_t len, char *out, size_t out_size);
void psac_srv_log_slot(const struct exch *e, unsigned int i,
		       const struct psac_selection *sel, unsigned int nprop);

#endif /* PSAC_TOOLS_SERVER_H */
