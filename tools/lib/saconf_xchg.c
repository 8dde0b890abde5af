// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: one SACONFIGURATION exchange (see saconf_xchg.h).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/psac_wire.h>

#include "saconf_xchg.h"
#include "util.h"

#define XCHG_BUF_MAX	65535

int psac_saconf_socket(const struct sockaddr_in6 *src, const char *dev,
		       const char *what)
{
	int fd, one = 1;

	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		psac_err("%s: socket: %s", what, strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (dev && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, dev,
			      (socklen_t)strlen(dev) + 1) < 0) {
		psac_err("%s: bind to device %s: %s", what, dev,
			 strerror(errno));
		close(fd);
		return -1;
	}
	if (bind(fd, (const struct sockaddr *)src, sizeof(*src)) < 0) {
		psac_err("%s: bind to port %u: %s%s", what,
			 ntohs(src->sin6_port), strerror(errno),
			 errno == EACCES ? " (ports below 1024 need root)" : "");
		close(fd);
		return -1;
	}
	return fd;
}

int psac_saconf_reply_ok(const struct psac_msg *r)
{
	unsigned int i;

	if (!r->status.present || r->status.code != PSAC_STATUS_SUCCESS)
		return 0;
	if (r->list_status.present &&
	    r->list_status.code != PSAC_STATUS_SUCCESS)
		return 0;
	for (i = 0; i < r->n_sa; i++)
		if (r->sa[i].status.present &&
		    r->sa[i].status.code != PSAC_STATUS_SUCCESS)
			return 0;
	return 1;
}

/* Waits up to the next transmission or the end: 1 done, 0 retransmit,
 * negative errno. */
static int xchg_wait(struct psac_xchg *x, long long t0, long long next_tx,
		     uint8_t *buf)
{
	struct pollfd pfd = { .fd = x->fd, .events = POLLIN };

	for (;;) {
		struct sockaddr_in6 from;
		socklen_t flen = sizeof(from);
		struct psac_msg rep;
		long long now = psac_mono_ms();
		long long left = t0 + x->wait_ms - now;
		const char *why;
		ssize_t n;
		int pr, timeout;

		if (left <= 0)
			return -ETIMEDOUT;
		if (next_tx >= 0 && next_tx - now <= 0)
			return 0;
		if (next_tx >= 0 && next_tx - now < left)
			left = next_tx - now;
		timeout = (int)left;
		pr = poll(&pfd, 1, timeout);
		if (pr < 0 && errno != EINTR)
			return -errno;
		if (pr <= 0)
			continue;
		n = recvfrom(x->fd, buf, XCHG_BUF_MAX, 0,
			     (struct sockaddr *)&from, &flen);
		if (n < 0)
			continue;
		if (psac_msg_parse(buf, (size_t)n, &rep, &why)) {
			if (psac_opts.verbose)
				fprintf(stderr, "psac: ignoring a malformed datagram: %s\n",
					why);
			continue;
		}
		if (rep.type != PSAC_DHCP6_MSG_SACONFIG_REPLY ||
		    rep.xid != x->xid) {
			if (psac_opts.verbose)
				fprintf(stderr, "psac: ignoring %s xid 0x%06x\n",
					psac_msg_type_name(rep.type), rep.xid);
			continue;
		}
		if (x->reply(x->arg, buf, (size_t)n, &rep, &from))
			return 1;
	}
}

int psac_saconf_xchg(struct psac_xchg *x)
{
	unsigned int interval = x->interval_ms ? x->interval_ms :
				PSAC_XCHG_INTERVAL_MS;
	long long t0 = psac_mono_ms();
	uint8_t *buf = NULL;
	int ret;

	x->n_sent = 0;
	if (x->wait_ms) {
		buf = malloc(XCHG_BUF_MAX);
		if (!buf)
			return -ENOMEM;
	}
	for (;;) {
		long long next_tx;

		if (sendto(x->fd, x->msg, x->len, 0,
			   (const struct sockaddr *)x->dst,
			   sizeof(*x->dst)) < 0) {
			ret = -errno;
			break;
		}
		x->n_sent++;
		if (x->sent)
			x->sent(x->arg, x->n_sent);
		if (!x->wait_ms) {
			ret = 0;
			break;
		}
		next_tx = x->n_sent <= x->retries ?
			  psac_mono_ms() + interval : -1;
		ret = xchg_wait(x, t0, next_tx, buf);
		if (ret) {
			if (ret == 1)
				ret = 0;
			break;
		}
	}
	free(buf);
	return ret;
}
