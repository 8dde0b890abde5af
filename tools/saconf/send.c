// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac saconf send: one SACONFIGURATION to a target over UDP, retransmitted
 * until its authenticated reply, which is printed as `saconf show` would.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "dhcp6msg.h"
#include "saconf_xchg.h"
#include "sa_opts.h"
#include "saconf.h"
#include "util.h"

static int parse_addr(const char *s, const char *dev, struct sockaddr_in6 *sa,
		      uint16_t port)
{
	char host[INET6_ADDRSTRLEN + IF_NAMESIZE + 2];
	char *pct;

	memset(sa, 0, sizeof(*sa));
	sa->sin6_family = AF_INET6;
	sa->sin6_port = htons(port);
	snprintf(host, sizeof(host), "%s", s);
	pct = strchr(host, '%');
	if (pct)
		*pct++ = '\0';
	if (inet_pton(AF_INET6, host, &sa->sin6_addr) != 1)
		return -EINVAL;
	if (pct) {
		uint32_t idx;

		sa->sin6_scope_id = if_nametoindex(pct);
		if (!sa->sin6_scope_id) {
			if (psac_parse_u32(pct, &idx))
				return -ENODEV;
			sa->sin6_scope_id = idx;
		}
	} else if (dev && (IN6_IS_ADDR_LINKLOCAL(&sa->sin6_addr) ||
			   IN6_IS_ADDR_MC_LINKLOCAL(&sa->sin6_addr))) {
		sa->sin6_scope_id = if_nametoindex(dev);
		if (!sa->sin6_scope_id)
			return -ENODEV;
	}
	return 0;
}

/* One 'saconf send': what the reply callback needs. */
struct send_ctx {
	const struct psac_msg *req;
	const struct keys *k;
	const char *dstr;
	uint16_t port, sport;
	size_t len;
	int ret;
};

static void send_sent(void *arg, unsigned int n)
{
	struct send_ctx *sc = arg;

	(void)n;
	if (psac_opts.verbose)
		fprintf(stderr, "psac: sent %s xid 0x%06x (%zu octets) to [%s]:%u from port %u\n",
			psac_msg_type_name(sc->req->type), sc->req->xid,
			sc->len, sc->dstr, sc->port, sc->sport);
}

static int send_reply(void *arg, const uint8_t *buf, size_t n,
		      const struct psac_msg *rep,
		      const struct sockaddr_in6 *from6)
{
	struct send_ctx *sc = arg;
	const struct psac_msg *req = sc->req;
	char hdr[INET6_ADDRSTRLEN + 64], faddr[INET6_ADDRSTRLEN];
	struct verdict vd;
	const char *why;

	psac_saconf_addr_str(&from6->sin6_addr, faddr, sizeof(faddr));
	snprintf(hdr, sizeof(hdr), "reply from [%s]:%u", faddr,
		 ntohs(from6->sin6_port));
	psac_saconf_print_msg(buf, n, rep, sc->k, &vd, hdr);
	if (psac_msg_check(rep, &why))
		psac_warn("reply: %s", why);
	if (req->serverid && rep->serverid &&
	    (rep->serverid_len != req->serverid_len ||
	     memcmp(rep->serverid, req->serverid, req->serverid_len)))
		psac_warn("reply SERVERID differs from ours");
	if (req->auth.present && rep->auth.present &&
	    rep->auth.key_id != req->auth.key_id)
		psac_warn("reply Key-ID %u, ours %u", rep->auth.key_id,
			  req->auth.key_id);
	if (req->n_sa != rep->n_sa)
		psac_warn("we sent %u SA(s), the reply reports %u", req->n_sa,
			  rep->n_sa);
	if (vd.auth < 0) {
		psac_err("saconf send: reply authentication %s",
			 vd.auth == -ENOKEY ? "missing" : "failed");
		sc->ret = PSAC_EXIT_FAIL;
	} else {
		if (vd.auth == 0)
			psac_warn("reply not verified (no --psk-file)");
		sc->ret = psac_saconf_reply_ok(rep) ? PSAC_EXIT_OK :
			  PSAC_EXIT_FAIL;
	}
	return 1;
}

int psac_saconf_send(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, OPT_TO },
		{ "port", required_argument, NULL, OPT_PORT },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "sport", required_argument, NULL, OPT_SRC_PORT },
		{ "dev", required_argument, NULL, OPT_DEV },
		{ "wait-reply", required_argument, NULL, OPT_WAIT },
		{ "retries", required_argument, NULL, OPT_RETRIES },
		{ "psk-file", required_argument, NULL, OPT_PSK_FILE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *to = NULL, *from = NULL, *dev = NULL, *psk_file = NULL;
	uint16_t port = PSAC_DHCP6_CLIENT_PORT, sport = PSAC_DHCP6_SERVER_PORT;
	uint32_t wait_s = 0, retries = 0;
	uint8_t psk[PSAC_PSK_MAX_LEN], *msg = NULL;
	struct keys k = { NULL, 0, NULL, 0 };
	struct sockaddr_in6 dst, src;
	struct psac_xchg x = { 0 };
	struct send_ctx sc;
	struct psac_msg req;
	size_t len, psk_len;
	const char *why;
	int c, fd = -1, ret = PSAC_EXIT_FAIL;
	char dstr[INET6_ADDRSTRLEN];

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_TO:
			to = optarg;
			break;
		case OPT_PORT:
			if (psac_parse_u16(optarg, &port) || !port)
				return usage_err("bad --port '%s'", optarg);
			break;
		case OPT_FROM:
			from = optarg;
			break;
		case OPT_SRC_PORT:
			if (psac_parse_u16(optarg, &sport))
				return usage_err("bad --sport '%s'", optarg);
			break;
		case OPT_DEV:
			dev = optarg;
			break;
		case OPT_WAIT:
			if (psac_parse_u32(optarg, &wait_s) || wait_s > 86400)
				return usage_err("bad --wait-reply '%s'", optarg);
			break;
		case OPT_RETRIES:
			if (psac_parse_u32(optarg, &retries) || retries > 100)
				return usage_err("bad --retries '%s'", optarg);
			break;
		case OPT_PSK_FILE:
			psk_file = optarg;
			break;
		case 'h':
			help_saconf(stdout);
			return PSAC_EXIT_OK;
		default:
			return usage_err("bad option for 'saconf send'");
		}
	}
	if (optind + 1 != argc)
		return usage_err("send needs exactly one FILE");
	if (!to)
		return usage_err("send needs --to ADDR");
	if (parse_addr(to, dev, &dst, port))
		return usage_err("bad --to '%s' (IPv6 address[%%ifname])", to);
	if (from) {
		if (parse_addr(from, dev, &src, sport))
			return usage_err("bad --from '%s'", from);
	} else {
		memset(&src, 0, sizeof(src));
		src.sin6_family = AF_INET6;
		src.sin6_addr = in6addr_any;
		src.sin6_port = htons(sport);
	}
	if (psk_file) {
		if (psac_saconf_load_psk(psk_file, psk, &psk_len))
			return PSAC_EXIT_FAIL;
		k.psk = psk;
		k.psk_len = psk_len;
	}

	c = psac_read_file(argv[optind], MSG_MAX, &msg, &len);
	if (c) {
		psac_err("saconf send: %s: %s", argv[optind], strerror(-c));
		goto out;
	}
	if (psac_msg_parse(msg, len, &req, &why)) {
		psac_err("saconf send: %s: malformed message: %s",
			 argv[optind], why);
		goto out;
	}
	if (req.type != PSAC_DHCP6_MSG_SACONFIG)
		psac_warn("%s is a %s, not a SACONFIGURATION", argv[optind],
			  psac_msg_type_name(req.type));

	fd = psac_saconf_socket(&src, dev, "saconf send");
	if (fd < 0)
		goto out;

	psac_saconf_addr_str(&dst.sin6_addr, dstr, sizeof(dstr));
	sc.req = &req;
	sc.k = &k;
	sc.dstr = dstr;
	sc.port = port;
	sc.sport = sport;
	sc.len = len;
	sc.ret = PSAC_EXIT_FAIL;
	x.fd = fd;
	x.dst = &dst;
	x.msg = msg;
	x.len = len;
	x.xid = req.xid;
	x.wait_ms = wait_s * 1000;
	x.retries = retries;
	x.interval_ms = REC_TIMEOUT_MS;
	x.sent = send_sent;
	x.reply = send_reply;
	x.arg = &sc;
	c = psac_saconf_xchg(&x);
	if (c == -ETIMEDOUT) {
		if (psac_opts.json)
			printf("{\"timeout\":true,\"xid\":%u,\"sent\":%u}\n",
			       req.xid, x.n_sent);
		psac_err("saconf send: no SACONFIGURATION-REPLY from [%s]:%u within %u s (%u transmission%s)",
			 dstr, port, wait_s, x.n_sent,
			 x.n_sent == 1 ? "" : "s");
		ret = PSAC_EXIT_TIMEOUT;
	} else if (c) {
		psac_err("saconf send: to [%s]:%u: %s", dstr, port,
			 strerror(-c));
	} else if (!wait_s) {
		if (psac_opts.json)
			printf("{\"sent\":true,\"type\":\"%s\",\"xid\":%u,\"length\":%zu,\"to\":\"%s\",\"port\":%u}\n",
			       psac_msg_type_name(req.type), req.xid, len,
			       dstr, port);
		else
			printf("sent %s xid 0x%06x, %zu octets to [%s]:%u\n",
			       psac_msg_type_name(req.type), req.xid, len,
			       dstr, port);
		ret = PSAC_EXIT_OK;
	} else {
		ret = sc.ret;
	}
out:
	if (fd >= 0)
		close(fd);
	psac_wipe(psk, sizeof(psk));
	free(msg);
	return ret;
}
