/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac request (tools/request/): the requestor role, in three files:
 *   cmd_request.c  the command: help, options, proposals, the key, the run
 *   exchange.c     the Information-Request (or Request) to the server until
 *                  its Reply, and the Reply's SAs: unwrapped, checked against
 *                  the proposals, installed into XFRM
 *   output.c       what it prints (text, JSON) and the --keymat-out file
 */
#ifndef PSAC_TOOLS_REQUEST_H
#define PSAC_TOOLS_REQUEST_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/psac_wire.h>

#include "crypto.h"
#include "dhcp6msg.h"
#include "xfrm.h"

#define MSG_MAX		65535
#define MAX_TARGETS	PSAC_MSG_MAX_SAREQ
#define MAX_PROPS	PSAC_SAREQ_MAX_PARAMS
#define RT_FIRST_MS	1000	/* RFC 8415 INF_TIMEOUT */
#define RT_MAX_MS	8000

struct prop {
	struct psac_req_params r;
	int have_bits, have_integ;
};

struct result {
	struct in6_addr target;
	uint16_t status;
	char msg[256];
	int granted;			/* key unwrapped, proposal matched */
	int proposal;
	struct psac_sa_params p;
	uint8_t keymat[PSAC_KEYMAT_MAX];
	size_t keymat_len;
	int installed;
	uint32_t reqid;
	struct psac_xfrm_report rep;
	char error[512];		/* local failure */
};

struct req_ctx {
	struct sockaddr_in6 server;
	struct in6_addr local;
	uint16_t cport;
	const char *dev;
	unsigned int ntargets;
	struct in6_addr targets[MAX_TARGETS];
	unsigned int nprops;
	struct prop props[MAX_PROPS];
	uint8_t priv[PSAC_X25519_KEY_LEN], pub[PSAC_X25519_KEY_LEN];
	uint8_t duid[PSAC_DUID_MAX_LEN];
	size_t duid_len;
	uint8_t msg_type;
	uint32_t timeout_s;
	uint32_t xid;
	int release;
};

/* exchange.c */
/* Send the request until a Reply for it arrives: 0, or the exit code. */
int psac_req_exchange(struct req_ctx *c, uint8_t *rbuf, size_t *rlen,
		      struct psac_msg *rep);
/* The Reply's SAs into @res (unwrapped, checked, installed): failures. */
int psac_req_process(struct req_ctx *c, const struct psac_msg *rep,
		     struct result *res, int install, uint32_t reqid_opt,
		     int have_reqid);
/*
 * No supported kernel matches the MH type of inbound packets: 6.1 reads it
 * past the Mobility Header, 6.8+ decodes flows with the flow dissector
 * (kmod/compat.h, docs/target.md), so inbound MH policies match any type.
 */
int psac_req_kernel_in_mh_type_match(void);

/* output.c */
int psac_req_write_keymat_env(const char *path, const struct result *res,
			      unsigned int n, uint32_t xid,
			      const struct in6_addr *local);
void psac_req_print_json(const struct result *res, unsigned int n,
			 uint32_t xid, const char *server,
			 const struct in6_addr *local, int release);
void psac_req_print_text(const struct req_ctx *c, const struct result *res,
			 int install);

#endif /* PSAC_TOOLS_REQUEST_H */
