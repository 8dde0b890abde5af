// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac server: what it prints, one line per event, as text or (--json)
 * JSON objects.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "server.h"

void psac_srv_log(const char *fmt, ...)
{
	va_list ap;

	if (psac_opts.json)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

void psac_srv_json_begin(struct psac_json *j, const char *event)
{
	psac_json_init(j, stdout, psac_opts.pretty);
	psac_json_obj_open(j, NULL);
	psac_json_str(j, "event", event);
}

void psac_srv_json_end(struct psac_json *j)
{
	psac_json_obj_close(j);
	fflush(stdout);
}

void psac_srv_log_ignored(const struct sockaddr_in6 *from, const char *why)
{
	char a[INET6_ADDRSTRLEN];

	psac_addr6_str(&from->sin6_addr, a);
	if (psac_opts.json) {
		struct psac_json j;

		psac_srv_json_begin(&j, "ignored");
		psac_json_str(&j, "from", a);
		psac_json_u64(&j, "port", ntohs(from->sin6_port));
		psac_json_str(&j, "reason", why);
		psac_srv_json_end(&j);
		return;
	}
	psac_srv_log("ignored datagram from [%s]:%u: %s", a, ntohs(from->sin6_port),
		     why);
}

void psac_srv_hexstr(const uint8_t *p, size_t len, char *out, size_t out_size)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 3 <= out_size; i++, n += 2)
		snprintf(out + n, 3, "%02x", p[i]);
	out[n] = '\0';
}

void psac_srv_log_slot(const struct exch *e, unsigned int i,
		       const struct psac_selection *sel, unsigned int nprop)
{
	const struct slot *s = &e->slots[i];
	char t[INET6_ADDRSTRLEN], params[160];

	psac_addr6_str(&s->target, t);
	if (psac_opts.json) {
		struct psac_json j;

		psac_srv_json_begin(&j, s->done ? "refused" : s->release ? "release" :
				    "selected");
		psac_json_u64(&j, "xid", e->xid);
		psac_json_u64(&j, "sa", i);
		psac_json_str(&j, "target", t);
		if (s->done) {
			psac_json_u64(&j, "status", s->status);
			psac_json_str(&j, "status_name",
				      psac_status_name(s->status));
			psac_json_str(&j, "message", s->msg);
		} else {
			if (sel)
				psac_json_u64(&j, "proposal", sel->index + 1);
			psac_json_u64(&j, "spi_i2r", s->p.spi_i2r);
			psac_json_u64(&j, "spi_r2i", s->p.spi_r2i);
			psac_json_u64(&j, "lifetime", s->p.lifetime);
		}
		psac_srv_json_end(&j);
		return;
	}
	if (s->done) {
		psac_srv_log("  xid 0x%06x sa %u target %s: refused: %s (%u) \"%s\"",
			     e->xid, i, t, psac_status_name(s->status), s->status,
			     s->msg);
		return;
	}
	if (s->release) {
		psac_srv_log("  xid 0x%06x sa %u target %s: release of spi-i2r 0x%08x spi-r2i 0x%08x",
			     e->xid, i, t, s->p.spi_i2r, s->p.spi_r2i);
		return;
	}
	psac_sa_params_str(&s->p, params, sizeof(params));
	psac_srv_log("  xid 0x%06x sa %u target %s: proposal %d of %u chosen: %s, spi-i2r 0x%08x spi-r2i 0x%08x",
		     e->xid, i, t, sel->index + 1, nprop, params, s->p.spi_i2r,
		     s->p.spi_r2i);
}
