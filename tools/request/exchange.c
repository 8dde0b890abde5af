// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac request: the exchange with the server (retransmitted per RFC 8415's
 * Information-Request timers until its Reply) and what the Reply's SAs
 * become: unwrapped with the requestor's X25519 key, checked against the
 * proposals, installed into XFRM.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <sys/socket.h>

#include "provision.h"
#include "request.h"
#include "util.h"

int psac_req_kernel_in_mh_type_match(void)
{
	return 0;
}

static int elapsed_ms(long long t0)
{
	return (int)(psac_mono_ms() - t0);
}

/* Send the request until a Reply for it arrives: 0, or the exit code. */
int psac_req_exchange(struct req_ctx *c, uint8_t *rbuf, size_t *rlen,
		      struct psac_msg *rep)
{
	struct psac_req_params params[MAX_PROPS];
	struct psac_sareq_out reqs[MAX_TARGETS];
	struct sockaddr_in6 src;
	uint8_t *msg;
	size_t len, eoff;
	long long t0, next_tx;
	int fd = -1, one = 1, rt = RT_FIRST_MS, ret = PSAC_EXIT_FAIL;
	unsigned int i, sent = 0;
	char sa[INET6_ADDRSTRLEN];

	for (i = 0; i < c->nprops; i++)
		params[i] = c->props[i].r;
	for (i = 0; i < c->ntargets; i++) {
		reqs[i].target = c->targets[i];
		reqs[i].params = params;
		reqs[i].nparams = c->nprops;
	}
	msg = malloc(MSG_MAX);
	if (!msg)
		return PSAC_EXIT_FAIL;
	if (psac_build_sa_request(msg, MSG_MAX, &len, c->msg_type, c->xid,
				  c->duid, c->duid_len, c->pub, reqs,
				  c->ntargets)) {
		psac_err("request: cannot build the request");
		goto out;
	}
	/* Elapsed Time value: header, CLIENTID, ORO{1 code}, option header */
	eoff = PSAC_DHCP6_HDR_LEN + PSAC_DHCP6_OPT_HDR_LEN + c->duid_len +
	       PSAC_DHCP6_OPT_HDR_LEN + 2 + PSAC_DHCP6_OPT_HDR_LEN;

	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		psac_err("request: socket: %s", strerror(errno));
		goto out;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (c->dev && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, c->dev,
				 (socklen_t)strlen(c->dev) + 1) < 0) {
		psac_err("request: bind to device %s: %s", c->dev,
			 strerror(errno));
		goto out;
	}
	memset(&src, 0, sizeof(src));
	src.sin6_family = AF_INET6;
	src.sin6_addr = c->local;
	src.sin6_port = htons(c->cport);
	psac_addr6_str(&c->local, sa);
	if (bind(fd, (struct sockaddr *)&src, sizeof(src)) < 0) {
		psac_err("request: bind to [%s]:%u: %s%s", sa, c->cport,
			 strerror(errno),
			 errno == EACCES ? " (ports below 1024 need root; try --client-port 0)" :
			 errno == EADDRNOTAVAIL ? " (not an address of this host)" :
			 "");
		goto out;
	}

	t0 = psac_mono_ms();
	next_tx = t0;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct sockaddr_in6 from;
		socklen_t flen = sizeof(from);
		const char *why;
		long long now = psac_mono_ms();
		int left = (int)c->timeout_s * 1000 - elapsed_ms(t0), wait;
		ssize_t n;

		if (left <= 0)
			break;
		if (now >= next_tx) {
			int cs = (int)((now - t0) / 10);
			char dst[INET6_ADDRSTRLEN];

			if (cs > 0xffff)
				cs = 0xffff;
			if (eoff + 2 <= len) {
				msg[eoff] = (uint8_t)(cs >> 8);
				msg[eoff + 1] = (uint8_t)cs;
			}
			psac_addr6_str(&c->server.sin6_addr, dst);
			if (sendto(fd, msg, len, 0,
				   (struct sockaddr *)&c->server,
				   sizeof(c->server)) < 0)
				psac_warn("request: sending to [%s]:%u: %s", dst,
					  ntohs(c->server.sin6_port),
					  strerror(errno));
			else if (psac_opts.verbose)
				fprintf(stderr, "psac: sent %s xid 0x%06x (%zu octets) from [%s]:%u to [%s]:%u\n",
					psac_msg_type_name(c->msg_type), c->xid,
					len, sa, c->cport, dst,
					ntohs(c->server.sin6_port));
			sent++;
			next_tx = now + rt;
			rt = rt * 2 > RT_MAX_MS ? RT_MAX_MS : rt * 2;
		}
		wait = (int)(next_tx - now);
		if (wait > left)
			wait = left;
		if (wait < 0)
			wait = 0;
		if (poll(&pfd, 1, wait) <= 0)
			continue;
		n = recvfrom(fd, rbuf, MSG_MAX, 0, (struct sockaddr *)&from,
			     &flen);
		if (n < 0)
			continue;
		if (psac_msg_parse(rbuf, (size_t)n, rep, &why)) {
			if (psac_opts.verbose)
				fprintf(stderr, "psac: ignoring a malformed datagram: %s\n",
					why);
			continue;
		}
		if (rep->type != PSAC_DHCP6_MSG_REPLY || rep->xid != c->xid) {
			if (psac_opts.verbose)
				fprintf(stderr, "psac: ignoring %s xid 0x%06x\n",
					psac_msg_type_name(rep->type),
					rep->xid);
			continue;
		}
		if (psac_msg_check(rep, &why) ||
		    (rep->clientid && (rep->clientid_len != c->duid_len ||
				       memcmp(rep->clientid, c->duid,
					      c->duid_len)))) {
			if (psac_opts.verbose)
				fprintf(stderr, "psac: ignoring a Reply: %s\n",
					why ? why : "CLIENTID is not ours");
			continue;
		}
		*rlen = (size_t)n;
		ret = 0;
		goto out;
	}
	if (psac_opts.json)
		printf("{\"timeout\":true,\"xid\":%u,\"sent\":%u}\n", c->xid, sent);
	psac_addr6_str(&c->server.sin6_addr, sa);
	psac_err("request: no Reply from [%s]:%u within %u s (%u transmission%s)",
		 sa, ntohs(c->server.sin6_port), c->timeout_s, sent,
		 sent == 1 ? "" : "s");
	ret = PSAC_EXIT_TIMEOUT;
out:
	if (fd >= 0)
		close(fd);
	free(msg);
	return ret;
}

/* Status of result i of the Reply, and its message. */
static uint16_t result_status(const struct psac_msg *rep, unsigned int i,
			      char *msg, size_t len)
{
	const struct psac_status *st = NULL;

	if (i < rep->n_sa && rep->sa[i].status.present)
		st = &rep->sa[i].status;
	else if (rep->status.present)
		st = &rep->status;
	else if (rep->list_status.present)
		st = &rep->list_status;
	if (!st) {
		msg[0] = '\0';
		return i < rep->n_sa && rep->sa[i].prot_len ?
		       PSAC_STATUS_SUCCESS : PSAC_STATUS_UNSPEC_FAIL;
	}
	psac_printable(st->msg, st->msg_len, msg, len);
	return st->code;
}

int psac_req_process(struct req_ctx *c, const struct psac_msg *rep,
		     struct result *res, int install, uint32_t reqid_opt,
		     int have_reqid)
{
	struct psac_req_params params[MAX_PROPS];
	struct psac_xfrm x;
	int xopen = 0, fails = 0, in_mh = psac_req_kernel_in_mh_type_match();
	unsigned int i;

	for (i = 0; i < c->nprops; i++)
		params[i] = c->props[i].r;
	if (rep->n_sa != c->ntargets)
		psac_warn("request: asked for %u SA%s, the Reply has %u",
			  c->ntargets, c->ntargets == 1 ? "" : "s", rep->n_sa);

	for (i = 0; i < c->ntargets; i++) {
		struct result *r = &res[i];
		const char *why;
		int ret;

		memset(r, 0, sizeof(*r));
		r->target = c->targets[i];
		if (i >= rep->n_sa) {
			r->status = rep->status.present &&
				    rep->status.code != PSAC_STATUS_SUCCESS ?
				    rep->status.code : PSAC_STATUS_UNSPEC_FAIL;
			snprintf(r->msg, sizeof(r->msg), "not in the Reply");
			fails++;
			continue;
		}
		r->status = result_status(rep, i, r->msg, sizeof(r->msg));
		r->p = rep->sa[i].p;
		if (r->status != PSAC_STATUS_SUCCESS) {
			fails++;
			continue;
		}
		if (c->release) {
			if (rep->sa[i].p.lifetime != 0 ||
			    rep->sa[i].p.spi_r2i != c->props[0].r.requestor_spi)
				snprintf(r->error, sizeof(r->error),
					 "the server answered the release with another SA");
			continue;
		}
		if (rep->sa[i].p.key_prot_alg != PSAC_KEYPROT_X25519 ||
		    !rep->sa[i].prot_len) {
			snprintf(r->error, sizeof(r->error),
				 "granted without a key under our X25519 key (Key-Prot-Alg %u)",
				 rep->sa[i].p.key_prot_alg);
			fails++;
			continue;
		}
		ret = psac_sa_unwrap_x25519(rep, i, c->priv, r->keymat,
					    sizeof(r->keymat), &r->keymat_len);
		if (ret) {
			snprintf(r->error, sizeof(r->error),
				 "the key does not unwrap with our private key (%s)",
				 ret == -EBADMSG ? "authentication failed" :
				 strerror(-ret));
			fails++;
			continue;
		}
		r->proposal = psac_req_match_grant(params, c->nprops,
						   &c->targets[i], &r->p,
						   r->keymat_len, &why);
		if (r->proposal < 0) {
			snprintf(r->error, sizeof(r->error),
				 "the grant is not what we asked for: %s", why);
			psac_wipe(r->keymat, sizeof(r->keymat));
			fails++;
			continue;
		}
		r->granted = 1;
		r->reqid = have_reqid ? reqid_opt : r->p.spi_r2i;
		if (!install)
			continue;
		if (!xopen) {
			ret = psac_xfrm_open(&x);
			if (ret) {
				snprintf(r->error, sizeof(r->error),
					 "cannot open NETLINK_XFRM: %s",
					 strerror(-ret));
				fails++;
				continue;
			}
			xopen = 1;
		}
		{
			struct psac_xfrm_pair pr;

			memset(&pr, 0, sizeof(pr));
			pr.local = c->local;
			pr.peer = r->target;
			pr.p = r->p;
			pr.keymat = r->keymat;
			pr.keymat_len = r->keymat_len;
			pr.reqid = r->reqid;
			pr.in_mh_type_match = in_mh;
			ret = psac_xfrm_install(&x, &pr, &r->rep);
		}
		if (ret) {
			snprintf(r->error, sizeof(r->error),
				 "XFRM refused: %s: %s%s%s%s", r->rep.step,
				 strerror(-ret), r->rep.ext_msg[0] ? " (" : "",
				 r->rep.ext_msg, r->rep.ext_msg[0] ? ")" : "");
			if (ret == -EPERM)
				strncat(r->error, "; installing needs CAP_NET_ADMIN",
					sizeof(r->error) - strlen(r->error) - 1);
			fails++;
			continue;
		}
		r->installed = 1;
	}

	/* --release: the local side goes whatever the server said */
	for (i = 0; c->release && install && i < c->ntargets; i++) {
		struct result *r = &res[i];
		int ret;

		if (!xopen) {
			ret = psac_xfrm_open(&x);
			if (ret) {
				snprintf(r->error, sizeof(r->error),
					 "cannot open NETLINK_XFRM: %s",
					 strerror(-ret));
				fails++;
				continue;
			}
			xopen = 1;
		}
		ret = psac_xfrm_release(&x, &c->local, &r->target,
					c->props[0].r.requestor_spi, &r->rep);
		if (ret && ret != -ENOENT) {
			snprintf(r->error, sizeof(r->error),
				 "removing the local side: %s: %s", r->rep.step,
				 strerror(-ret));
			fails++;
		} else if (ret == -ENOENT) {
			snprintf(r->error, sizeof(r->error),
				 "no local inbound state with spi 0x%08x from %s",
				 c->props[0].r.requestor_spi, "the target");
		}
		if (!r->p.spi_i2r)
			r->p.spi_i2r = r->rep.found.spi_i2r;
	}
	if (xopen)
		psac_xfrm_close(&x);
	return fails;
}
