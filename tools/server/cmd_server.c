// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac server: the DHCPv6 server role of PSAC (docs/wire-format.md).
 *
 * One UDP/IPv6 socket on port 547 carries both sides: Information-Request /
 * Request with SA_REQUEST + CLIENT_PUBKEY from requestors, and the
 * SACONFIGURATION-REPLY of target servers to the SACONFIGURATION this
 * server sends them from the same port.  Per request: choose a proposal,
 * reserve SPIs, draw KEYMAT from the CSPRNG, send one authenticated
 * SACONFIGURATION per target (retransmitted with a fresh replay counter
 * until an authenticated reply arrives or the retries are spent), then
 * answer the requestor with a Reply whose SA_LIST has the key wrapped to
 * its X25519 key, or the per-SA status of a refusal.  Single-threaded, a
 * poll() loop with timers; several exchanges may be in flight
 * (exchange.c).  This file: the help, the configuration, the socket and
 * the loop.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "dhcp6msg.h"
#include "provision.h"
#include "run_opts.h"
#include "server.h"
#include "util.h"

void help_server(FILE *f)
{
	fputs(
"Usage: psac [-j] [-n NETNS] server -c FILE [--once | --count N]\n"
"                  [--timeout SECS] [--retries N] [--listen ADDR]\n"
"                  [--port N] [--dev IFNAME] [--ready FILE] [--check]\n"
"\n"
"The DHCPv6 server role of PSAC (draft-madi-dhc-dhcpv6-psac,\n"
"docs/wire-format.md).  It listens on UDP/IPv6 port 547 and answers an\n"
"Information-Request or Request that carries SA_REQUEST options and an\n"
"X25519 CLIENT_PUBKEY.  For every SA_REQUEST it\n"
"  1. looks up the target server in the configuration (NoSuchTarget if it\n"
"     is not there),\n"
"  2. takes the first SA_REQ_PARAMS proposal the policy accepts\n"
"     (AlgNotSupported or SAReqUnsupported if none),\n"
"  3. reserves an SPI pair (the proposal's Requestor-SPI for SPI-R2I when\n"
"     it is free) and draws the KEYMAT from the CSPRNG,\n"
"  4. sends the target one SACONFIGURATION (from port 547 to the target's\n"
"     port 546) with the SA pair under the target's PSK and OPTION_AUTH,\n"
"     and retransmits it every 2 s, each time with a new, higher replay\n"
"     counter, up to 8 times, until an authenticated SACONFIGURATION-REPLY\n"
"     arrives; a target that never answers makes the SA UnspecFail, a\n"
"     refusal passes the target's status code on,\n"
"  5. answers the requestor with a Reply: SERVERID, CLIENTID, STATUS_CODE\n"
"     and an SA_LIST holding, per SA_REQUEST in order, the OPTION_SA (the\n"
"     KEYMAT wrapped to the requestor's X25519 key, Key-Prot-Alg 1) or the\n"
"     echo of the request without key, followed by that SA's STATUS_CODE.\n"
"A proposal with Lifetime 0 releases the pair whose SPI-R2I is its\n"
"Requestor-SPI: the target gets a SACONFIGURATION with Lifetime 0.  The\n"
"requestor's address in the target's copy (Peer-Address) is the source\n"
"address of its request, which must therefore be the global address its\n"
"ESP traffic uses (a link-local source is refused with SAReqUnsupported;\n"
"loopback is accepted, for tests).  A retransmitted request (same client, same\n"
"transaction-id) does not start a second exchange: it is ignored while\n"
"the exchange runs and answered with the same Reply afterwards.  Keys\n"
"never appear in Advertise (Solicit is not answered).\n"
"\n"
"Options:\n"
"  -c, --config FILE  the configuration file (below); required\n"
"  --once             exit with status 0 after answering one request\n"
"  --count N          ... after answering N requests\n"
"  --timeout SECS     exit with status 3 after SECS seconds (before the\n"
"                     --once/--count requests were answered)\n"
"  --retries N        retransmissions of SACONFIGURATION (0..100),\n"
"                     overriding the file's 'retries'\n"
"  --listen ADDR, --port N, --dev IFNAME\n"
"                     override the file's 'listen' line\n"
"  --ready FILE       create FILE once the socket is bound (for scripts)\n"
"  --check            read and check the configuration, print it, exit\n"
"Without --once, --count or --timeout it runs until SIGINT or SIGTERM.\n"
"Binding port 547 needs root (CAP_NET_BIND_SERVICE).\n"
"\n"
"Configuration file: one statement per line, words separated by blanks,\n"
"'#' starts a comment, \"double quotes\" keep blanks in a word.\n"
"  listen ADDR|any [port N] [dev IFNAME]\n"
"         where to listen (default: any, port 547).  With dev the socket\n"
"         is bound to the interface and joins ff02::1:2 on it ('listen any\n"
"         dev IFNAME' receives requests sent to All_DHCP_Relay_Agents_and_\n"
"         Servers; a unicast ADDR only those sent to ADDR).\n"
"  server-duid HEX|auto\n"
"         the SERVERID (default auto: DUID-EN 32473 with 8 octets of\n"
"         SHA-256 of the host name, as 'psac saconf build').\n"
"  target ADDR key-id N psk-file FILE [realm TEXT] [port N]\n"
"         a target server: its address (global or ULA, the address the\n"
"         requestors' ESP traffic goes to and the one SACONFIGURATION is\n"
"         sent to), the PSK it knows by key-id N ('psac target psk add N\n"
"         --key-file FILE' on the target), the OPTION_AUTH realm (default\n"
"         empty) and its port (546).  FILE is the PSK file format of\n"
"         'psac saconf build': hex text or raw octets, 16..64 octets; a\n"
"         relative path is relative to the configuration file.\n"
"  allow encr ALG[/BITS]...\n"
"         encryption the server grants (default: aes-gcm-16/128\n"
"         aes-gcm-16/256 chacha20-poly1305 aes-cbc/128 aes-cbc/256).\n"
"         ALG: aes-gcm-16, aes-cbc, chacha20-poly1305, 3des, null or an\n"
"         IKEv2 ID; without /BITS any key size.  The first 'allow encr'\n"
"         line replaces the default list, later ones add to it; the same\n"
"         holds for the other kinds.\n"
"  allow integ ALG...\n"
"         integrity for non-AEAD encryption (default: hmac-sha2-256-128\n"
"         hmac-sha1-96; also aes-xcbc-96).  AEAD always goes with none.\n"
"  allow mode transport|tunnel...      (default: both)\n"
"  allow ulp any|tcp|udp|icmpv6|mh|N...  (default: those five)\n"
"  lifetime [default S|infinite] [max S|infinite]\n"
"         the lifetime granted for a proposal of \"infinite\" (default\n"
"         3600) and the cap on every lifetime (default infinite).\n"
"  spi-range MIN MAX\n"
"         SPIs the server draws (default 0x1000 0x7fffffff; MIN >= 256).\n"
"  retries N\n"
"         SACONFIGURATION retransmissions (default 8).\n"
"  retransmit-interval SECS\n"
"         time between transmissions (default 2).\n"
"\n"
"Log: one line per event on standard output (with -j one JSON object per\n"
"line, \"event\" naming it), flushed at once:\n"
"  request from [ADDR]:PORT xid X TYPE: N SA requests, client-id HEX\n"
"    xid X sa I target T: proposal K of N chosen: PARAMS, spi-i2r S spi-r2i S\n"
"    xid X sa I target T: refused: STATUS (CODE) \"why\"\n"
"  SACONFIGURATION to [T]:546 xid Y key-id K counter C: N SAs, transmission\n"
"    I of N\n"
"  SACONFIGURATION-REPLY from [T]:546 xid Y verified (counter C): STATUS\n"
"  SACONFIGURATION to [T]:546 xid Y: no authenticated reply after N\n"
"    transmissions\n"
"  reply to [ADDR]:PORT xid X: N of M SAs granted\n"
"    sa I target T: STATUS [spi-i2r S spi-r2i S lifetime L]\n"
"  ignored ...: why a datagram was not acted on\n"
"Errors go to standard error.\n"
"\n"
"Security: a SACONFIGURATION-REPLY only counts when its HMAC verifies\n"
"with the target's PSK and its replay counter grows, with one exception:\n"
"an unauthenticated reply whose status is AuthFailed ends the exchange at\n"
"once (the target could not verify us, so it could not sign with our\n"
"PSK); it can only make an SA fail, never succeed.\n"
"\n"
"Exit status: 0 --once/--count satisfied or a signal, 1 failure (bad\n"
"configuration, cannot bind), 3 --timeout expired.\n"
"\n"
"Example:\n"
"  cat >/etc/psac/server.conf <<EOF\n"
"  listen any\n"
"  target 2001:db8:2::1 key-id 7 psk-file dns1.psk realm lab\n"
"  allow encr aes-gcm-16/128 aes-gcm-16/256\n"
"  lifetime default 3600 max 86400\n"
"  EOF\n"
"  psac server -c /etc/psac/server.conf\n"
"  psac request --server 2001:db8:1::2 --target 2001:db8:2::1 \\\n"
"       --ulp udp --dport 53      # on the requestor\n", f);
}

#define usage_err(...)	psac_usage_err("server", __VA_ARGS__)

static volatile sig_atomic_t stop_sig;

static void on_signal(int sig)
{
	stop_sig = sig;
}

/* ---------------------------------------------------------------------- */
/* Setup                                                                   */
/* ---------------------------------------------------------------------- */

static int load_config(struct psac_srv_config *c, const char *path)
{
	char err[512];

	if (psac_srv_config_load(c, path, err, sizeof(err))) {
		psac_err("server: %s: %s", path, err);
		return -1;
	}
	return 0;
}

static void print_config(const struct server *sv)
{
	const struct psac_srv_config *c = &sv->cfg;
	const struct psac_srv_policy *p = &c->pol;
	char a[INET6_ADDRSTRLEN], d[2 * PSAC_DUID_MAX_LEN + 1];
	unsigned int i;

	psac_addr6_str(&c->listen, a);
	printf("listen %s port %u%s%s\n", a, c->port, c->dev[0] ? " dev " : "",
	       c->dev);
	psac_srv_hexstr(sv->duid, sv->duid_len, d, sizeof(d));
	printf("server-duid %s\n", d);
	printf("retries %u\nretransmit-interval %u\n", c->retries,
	       c->interval_s);
	for (i = 0; i < c->n_targets; i++) {
		const struct psac_srv_target *t = &c->targets[i];
		char realm[PSAC_REALM_MAX_LEN + 1];

		psac_addr6_str(&t->addr, a);
		psac_printable((const char *)t->realm, t->realm_len, realm,
			       sizeof(realm));
		printf("target %s key-id %u psk %zu-octets%s%s port %u\n", a,
		       t->key_id, t->psk_len, t->realm_len ? " realm " : "",
		       realm, t->port);
	}
	printf("allow encr");
	for (i = 0; i < p->n_encr; i++) {
		if (p->encr[i].bits == 0xffff)
			printf(" %s", psac_encr_name(p->encr[i].alg));
		else
			printf(" %s/%u", psac_encr_name(p->encr[i].alg),
			       p->encr[i].bits);
	}
	printf("\nallow integ");
	for (i = 0; i < p->n_integ; i++)
		printf(" %s", psac_integ_name(p->integ[i]));
	printf("\nallow mode%s%s\nallow ulp",
	       p->modes & (1U << PSAC_MODE_TRANSPORT) ? " transport" : "",
	       p->modes & (1U << PSAC_MODE_TUNNEL) ? " tunnel" : "");
	for (i = 0; i < 256; i++) {
		if (!(p->ulps[i / 32] & (1U << (i % 32))))
			continue;
		if (psac_ulp_name((uint8_t)i))
			printf(" %s", psac_ulp_name((uint8_t)i));
		else
			printf(" %u", i);
	}
	printf("\nlifetime default ");
	if (p->lifetime_default == PSAC_LIFETIME_INFINITE)
		printf("infinite");
	else
		printf("%u", p->lifetime_default);
	printf(" max ");
	if (p->lifetime_max == PSAC_LIFETIME_INFINITE)
		printf("infinite\n");
	else
		printf("%u\n", p->lifetime_max);
	printf("spi-range 0x%08x 0x%08x\n", p->spi_min, p->spi_max);
}

static int open_socket(struct server *sv)
{
	const struct psac_srv_config *c = &sv->cfg;
	struct sockaddr_in6 sa;
	char a[INET6_ADDRSTRLEN];
	int one = 1;

	sv->fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sv->fd < 0) {
		psac_err("server: socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(sv->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (c->dev[0] && setsockopt(sv->fd, SOL_SOCKET, SO_BINDTODEVICE,
				    c->dev, (socklen_t)strlen(c->dev) + 1) < 0) {
		psac_err("server: bind to device %s: %s", c->dev,
			 strerror(errno));
		return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sin6_family = AF_INET6;
	sa.sin6_addr = c->listen;
	sa.sin6_port = htons(c->port);
	if (c->dev[0] && IN6_IS_ADDR_LINKLOCAL(&c->listen))
		sa.sin6_scope_id = if_nametoindex(c->dev);
	psac_addr6_str(&c->listen, a);
	if (bind(sv->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		psac_err("server: bind to [%s]:%u: %s%s", a, c->port,
			 strerror(errno),
			 errno == EACCES ? " (ports below 1024 need root)" :
			 errno == EADDRNOTAVAIL ? " (not an address of this host)" :
			 errno == EADDRINUSE ? " (another DHCPv6 server is running?)" :
			 "");
		return -1;
	}
	if (c->dev[0]) {
		struct ipv6_mreq mr;

		memset(&mr, 0, sizeof(mr));
		inet_pton(AF_INET6, "ff02::1:2", &mr.ipv6mr_multiaddr);
		mr.ipv6mr_interface = if_nametoindex(c->dev);
		if (!mr.ipv6mr_interface ||
		    setsockopt(sv->fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &mr,
			       sizeof(mr)) < 0)
			psac_warn("server: joining ff02::1:2 on %s: %s", c->dev,
				  strerror(errno));
	}
	return 0;
}

enum {
	OPT_RETRIES = 256, OPT_LISTEN, OPT_PORT, OPT_DEV,
};

int cmd_server(int argc, char **argv)
{
	static const struct option opts[] = {
		PSAC_RUN_LONGOPTS,
		{ "retries", required_argument, NULL, OPT_RETRIES },
		{ "listen", required_argument, NULL, OPT_LISTEN },
		{ "port", required_argument, NULL, OPT_PORT },
		{ "dev", required_argument, NULL, OPT_DEV },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct psac_run_opts run = { 0 };
	const char *listen = NULL, *dev = NULL;
	uint32_t retries = 0;
	int have_retries = 0, c, r, ret = PSAC_EXIT_FAIL;
	uint16_t port = 0;
	long long deadline = 0;
	struct sigaction sa;
	struct server *sv;
	unsigned int i;

	if (argc > 1 && !strcmp(argv[1], "help")) {
		help_server(stdout);
		return PSAC_EXIT_OK;
	}
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		r = psac_run_opt("server", c, optarg, &run);
		if (r > 0)
			return r;
		if (!r)
			continue;
		switch (c) {
		case OPT_RETRIES:
			if (psac_parse_u32(optarg, &retries) || retries > 100)
				return usage_err("bad --retries '%s' (0..100)",
						 optarg);
			have_retries = 1;
			break;
		case OPT_LISTEN:
			listen = optarg;
			break;
		case OPT_PORT:
			if (psac_parse_u16(optarg, &port) || !port)
				return usage_err("bad --port '%s' (1..65535)",
						 optarg);
			break;
		case OPT_DEV:
			dev = optarg;
			if (strlen(dev) >= IF_NAMESIZE)
				return usage_err("interface name '%s' too long",
						 dev);
			break;
		case 'h':
			help_server(stdout);
			return PSAC_EXIT_OK;
		default:
			return usage_err("bad option");
		}
	}
	if (optind < argc)
		return usage_err("unexpected argument '%s'", argv[optind]);
	if (!run.config)
		return usage_err("needs a configuration file (-c FILE)");

	sv = calloc(1, sizeof(*sv));
	if (!sv) {
		psac_err("server: %s", strerror(ENOMEM));
		return PSAC_EXIT_FAIL;
	}
	sv->fd = -1;
	psac_srv_config_init(&sv->cfg);
	if (load_config(&sv->cfg, run.config))
		goto out;
	if (listen) {
		if (!strcmp(listen, "any"))
			sv->cfg.listen = in6addr_any;
		else if (inet_pton(AF_INET6, listen, &sv->cfg.listen) != 1) {
			ret = usage_err("bad --listen '%s' (an IPv6 address or 'any')",
					listen);
			goto out;
		}
	}
	if (port)
		sv->cfg.port = port;
	if (dev)
		snprintf(sv->cfg.dev, sizeof(sv->cfg.dev), "%s", dev);
	if (have_retries)
		sv->cfg.retries = retries;
	if (sv->cfg.duid_len) {
		memcpy(sv->duid, sv->cfg.duid, sv->cfg.duid_len);
		sv->duid_len = sv->cfg.duid_len;
	} else {
		sv->duid_len = psac_default_duid(sv->duid);
	}
	if (run.check) {
		print_config(sv);
		ret = PSAC_EXIT_OK;
		goto out;
	}
	if (!sv->cfg.n_targets)
		psac_warn("server: %s configures no target: every request will get NoSuchTarget",
			  run.config);

	sv->buf = malloc(MSG_MAX);
	sv->obuf = malloc(MSG_MAX);
	if (!sv->buf || !sv->obuf)
		goto out;
	if (open_socket(sv))
		goto out;
	if (run.ready) {
		int fd = open(run.ready, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			      0644);

		if (fd >= 0)
			close(fd);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	stop_sig = 0;

	{
		char a[INET6_ADDRSTRLEN];

		psac_addr6_str(&sv->cfg.listen, a);
		if (psac_opts.json) {
			struct psac_json j;

			psac_srv_json_begin(&j, "listening");
			psac_json_str(&j, "address", a);
			psac_json_u64(&j, "port", sv->cfg.port);
			psac_json_u64(&j, "targets", sv->cfg.n_targets);
			psac_json_u64(&j, "retries", sv->cfg.retries);
			psac_srv_json_end(&j);
		} else {
			psac_srv_log("listening on [%s]:%u%s%s (%u target%s; SACONFIGURATION retransmitted every %u s up to %u times)",
				     a, sv->cfg.port, sv->cfg.dev[0] ? " dev " : "",
				     sv->cfg.dev, sv->cfg.n_targets,
				     sv->cfg.n_targets == 1 ? "" : "s",
				     sv->cfg.interval_s, sv->cfg.retries);
		}
	}
	if (run.timeout_s)
		deadline = psac_mono_ms() + (long long)run.timeout_s * 1000;

	for (;;) {
		struct pollfd pfd = { .fd = sv->fd, .events = POLLIN };
		long long next, now;
		int wait = -1, pr;

		if (run.count && sv->answered >= run.count) {
			ret = PSAC_EXIT_OK;
			break;
		}
		if (stop_sig) {
			psac_srv_log("stopping on signal %d", (int)stop_sig);
			ret = PSAC_EXIT_OK;
			break;
		}
		next = psac_srv_run_timers(sv);
		if (run.count && sv->answered >= run.count)
			continue;
		now = psac_mono_ms();
		if (deadline) {
			if (now >= deadline) {
				psac_err("server: --timeout %u s expired after %u answered request%s",
					 run.timeout_s, sv->answered,
					 sv->answered == 1 ? "" : "s");
				ret = PSAC_EXIT_TIMEOUT;
				break;
			}
			if (next < 0 || deadline < next)
				next = deadline;
		}
		if (next >= 0)
			wait = next > now ? (int)(next - now) : 0;
		pr = poll(&pfd, 1, wait);
		if (pr < 0) {
			if (errno == EINTR)
				continue;
			psac_err("server: poll: %s", strerror(errno));
			break;
		}
		if (pr > 0) {
			struct sockaddr_in6 from;
			socklen_t flen = sizeof(from);
			ssize_t n = recvfrom(sv->fd, sv->buf, MSG_MAX, 0,
					     (struct sockaddr *)&from, &flen);

			if (n >= 0 && flen == sizeof(from))
				psac_srv_handle_datagram(sv, &from, sv->buf, (size_t)n);
		}
	}
out:
	if (sv->fd >= 0)
		close(sv->fd);
	for (i = 0; i < MAX_EXCH; i++)
		psac_wipe(&sv->ex[i], sizeof(sv->ex[i]));
	for (i = 0; i < CACHE_N; i++)
		free(sv->cache[i].msg);
	psac_srv_config_wipe(&sv->cfg);
	free(sv->buf);
	free(sv->obuf);
	free(sv);
	return ret;
}
