// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac hac: the RFC 6618 Home Agent Controller.  A TLS server (TCP 7873
 * here) that runs the MHAuth PSK exchange with mobile nodes
 * (docs/wire-format.md section 3), draws the MN-HA SA from the CSPRNG,
 * installs the home agent's side into the local mnha device over generic
 * netlink and hands the mobile node its side in the MHAuth-Done response.
 *
 *   MN -> HAC  Init request  (1): mn-id, auth-method: psk, mn-rand
 *   HAC -> MN  Init response (1): hac-rand            (or status-code)
 *   MN -> HAC  Done request  (2): mn-id, mn-rand, hac-rand,
 *                                 mip6-suitelist, auth ("MN")
 *   HAC -> MN  Done response (2): status-code 200, mn-rand, hac-rand,
 *                                 mip6-* SA headers, auth ("HAC")
 *                                 (or status-code NNN without SA)
 *
 * This file: the help, the certificate and the TLS server loop; the
 * configuration is config.c's, the exchange exchange.c's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "hac.h"
#include "conf.h"
#include "crypto.h"
#include "mhauth.h"
#include "mnha_sa.h"
#include "provision.h"
#include "run_opts.h"
#include "saconf_xchg.h"
#include "util.h"

void help_hac(FILE *f)
{
	fputs(
"Usage: psac [-j] [-n NETNS] hac -c FILE [--once | --count N]\n"
"                  [--timeout SECS] [--ready FILE] [--check]\n"
"                  [--no-install] [--test-bad-auth]\n"
"\n"
"The Home Agent Controller (HAC) of RFC 6618: a TLS server that bootstraps\n"
"mobile nodes.  For each TLS connection (TCP port 7873 by default) it runs\n"
"the MHAuth PSK exchange (docs/wire-format.md section 3; 'psac mn' is the\n"
"client):\n"
"  1. Init request (Identifier 1) with mn-id, auth-method psk and mn-rand:\n"
"     an unknown mn-id is answered with status-code 404; otherwise the\n"
"     Init response carries hac-rand.\n"
"  2. Done request (Identifier 2) with mn-id, both randoms, mip6-suitelist\n"
"     and auth = HMAC-SHA256(PSK, \"MN\" | header lines | CB), CB the\n"
"     RFC 5929 tls-server-endpoint hash of the HAC certificate: a wrong\n"
"     value (wrong PSK) is answered with status-code 401.\n"
"  3. The first of the MN's allowed suites (configuration order) that the\n"
"     MN offers (406 if none); an SA validity that has already ended gives\n"
"     410.  The SPI (28 bits) and the four keys come from the CSPRNG.\n"
"  4. The home agent's side is installed into the local mnha device over\n"
"     generic netlink (as 'psac mnha sa add ... replace': a new bootstrap\n"
"     of the same MN rekeys it), or with ha-remote pushed to the home\n"
"     agent's psac target role in an authenticated SACONFIGURATION\n"
"     (OPTION_SA mode 3, docs/wire-format.md), retransmitted every 2 s up\n"
"     to 2 times, waiting up to 7 s for the authenticated reply; a\n"
"     refusal or no reply gives 500.\n"
"  5. Done response: status-code 200, the randoms, mip6-spi,\n"
"     mip6-ciphersuite, the keys, mip6-sa-validity-end, mip6-sas,\n"
"     mip6-haa-ip6/-ip4, mip6-port, the MN's home address(es) and prefixes,\n"
"     then auth with the label \"HAC\".  If it cannot be sent, the home\n"
"     agent's SA is removed again.\n"
"Error answers carry status-code and no auth.  Connections are served one\n"
"at a time, each bounded by a 10 s inactivity timeout.\n"
"\n"
"Options:\n"
"  -c, --config FILE  the configuration file (below); required\n"
"  --once             exit after one exchange (status 0 if the MN was\n"
"                     provisioned, 1 if not)\n"
"  --count N          exit after N exchanges (status 1 if any failed)\n"
"  --timeout SECS     exit with status 3 when SECS seconds passed before\n"
"                     the --once/--count exchanges\n"
"  --ready FILE       create FILE once the socket listens (for scripts)\n"
"  --check            read the configuration, the certificate and the key,\n"
"                     print a summary, exit\n"
"  --no-install       testing: run the exchanges without a home agent\n"
"                     (no device needed, nothing installed)\n"
"  --test-bad-auth    testing only: send a wrong auth value in the Done\n"
"                     response (the MN must refuse it)\n"
"Without --once, --count or --timeout it runs until SIGINT or SIGTERM.\n"
"The environment variable SSLKEYLOGFILE names a file the TLS secrets are\n"
"appended to (NSS key log format, for Wireshark).\n"
"\n"
"Configuration file: one statement per line, words separated by blanks,\n"
"'#' starts a comment, \"double quotes\" keep blanks in a word; a relative\n"
"FILE is relative to the configuration file.\n"
"  listen ADDR|any [port N]   where to listen (default any, port 7873)\n"
"  cert FILE                  the HAC certificate (PEM, may be followed by\n"
"                             its chain); required\n"
"  key FILE                   its private key (PEM); required\n"
"  dev IFNAME                 the home agent's mnha device (default mnha0;\n"
"                             set it up with 'psac mnha dev set IFNAME\n"
"                             role ha')\n"
"  ha-address ADDR            the home agent address given to the MNs\n"
"                             (mip6-haa-ip6, or mip6-haa-ip4 for an IPv4\n"
"                             ADDR; once per family); required\n"
"  ha-port N                  mip6-port (default 7872)\n"
"  ha-remote ADDR psk-file FILE key-id N [port N] [realm STRING]\n"
"                             the home agent is another host (or netns):\n"
"                             push the SAs to its psac target role at\n"
"                             [ADDR]:N (default 546) in SACONFIGURATION\n"
"                             authenticated with this PSK and Key-ID (as\n"
"                             set there with 'psac target psk add'); its\n"
"                             mnha device with role ha and port ha-port\n"
"                             gets them (dev is then unused).  OPTION_SA\n"
"                             carries one IPv6 home address per SA: every\n"
"                             mn needs hoa, no hoa4/hnp/hnp4, scope 1\n"
"  suites SUITE...            suites granted, in preference order (default\n"
"                             aes128-gcm aes256-gcm aes128-hmac-sha1);\n"
"                             SUITE as in 'psac help mnha'\n"
"  validity SECS              SA lifetime from the exchange (default 86400;\n"
"                             0: mip6-sa-validity-end not sent, no expiry)\n"
"  scope 0|1                  mip6-sas (default 1: all traffic)\n"
"  mn ID psk-file FILE [hoa ADDR] [hoa4 ADDR] [hnp PREFIX/LEN]\n"
"         [hnp4 PREFIX/LEN] [suites SUITE,SUITE...] [validity SECS]\n"
"         [valid-until EPOCH] [scope 0|1]\n"
"                             one mobile node: its mn-id, its PSK (the PSK\n"
"                             file format of 'psac saconf', 16..64 octets),\n"
"                             at least one home address or prefix, and\n"
"                             overrides of the defaults above (valid-until:\n"
"                             a fixed end of validity)\n"
"\n"
"Log: one line per event on standard output (-j: one JSON object per line\n"
"with \"event\"):\n"
"  listening [ADDR]:PORT dev IFNAME\n"
"  provisioned mn-id ID from ADDR spi 0xSSSSSSS suite NAME [hoa ADDR]\n"
"              valid-until T|never\n"
"  refused mn-id ID from ADDR status N (TEXT)   (with ha-remote, TEXT\n"
"                             gives the home agent's status code and text)\n"
"  failed from ADDR: REASON       (TLS handshake, timeouts, malformed)\n"
"\n"
"Exit status: 0 success, 1 failure (bad configuration, an exchange failed\n"
"with --once/--count), 2 module not loaded, 3 --timeout expired.\n"
"\n"
"Example configuration:\n"
"  listen any port 7873\n"
"  cert hac.crt\n"
"  key hac.key\n"
"  dev mnha0\n"
"  ha-address 2001:db8:1::1\n"
"  suites aes128-gcm aes128-hmac-sha1\n"
"  validity 3600\n"
"  mn mn1@example.net psk-file mn1.psk hoa 2001:db8:100::10 hoa4 10.100.0.10\n", f);
}

/* ---------------------------------------------------------------------- */
/* Server                                                                  */
/* ---------------------------------------------------------------------- */

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int load_cert(struct hac *h, char *err, size_t errlen)
{
	X509 *x;
	unsigned char *der = NULL;
	int len, n;

	h->ctx = psac_tls_ctx(1);
	if (!h->ctx) {
		snprintf(err, errlen, "cannot create the TLS context");
		return -1;
	}
	if (SSL_CTX_use_certificate_chain_file(h->ctx, h->cfg.cert) != 1) {
		char e[200];

		snprintf(err, errlen, "cert %s: %s", h->cfg.cert,
			 psac_tls_error(e, sizeof(e), "cannot load"));
		return -1;
	}
	if (SSL_CTX_use_PrivateKey_file(h->ctx, h->cfg.key, SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_check_private_key(h->ctx) != 1) {
		char e[200];

		snprintf(err, errlen, "key %s: %s", h->cfg.key,
			 psac_tls_error(e, sizeof(e),
					"does not match the certificate"));
		return -1;
	}
	x = SSL_CTX_get0_certificate(h->ctx);
	len = x ? i2d_X509(x, &der) : -1;
	if (len <= 0) {
		snprintf(err, errlen, "cert %s: cannot encode it", h->cfg.cert);
		return -1;
	}
	n = psac_mhauth_cb(der, (size_t)len, h->cb);
	OPENSSL_free(der);
	if (n < 0) {
		snprintf(err, errlen, "cert %s: cannot hash it (tls-server-endpoint)",
			 h->cfg.cert);
		return -1;
	}
	h->cb_len = (size_t)n;
	return 0;
}

static void print_check(const struct hac *h)
{
	const struct hac_config *c = &h->cfg;
	char a[INET6_ADDRSTRLEN], cb[2 * PSAC_MHAUTH_CB_MAX + 1], sl[128];
	const struct hac_mn *m;

	inet_ntop(AF_INET6, &c->listen, a, sizeof(a));
	printf("listen [%s]:%u dev %s ha-port %u\n", a, c->port, c->dev,
	       c->ha_port);
	if (c->have_haa6) {
		inet_ntop(AF_INET6, &c->haa6, a, sizeof(a));
		printf("ha-address %s\n", a);
	}
	if (c->have_haa4) {
		inet_ntop(AF_INET, &c->haa4, a, sizeof(a));
		printf("ha-address %s\n", a);
	}
	if (c->remote) {
		inet_ntop(AF_INET6, &c->r_addr, a, sizeof(a));
		printf("ha-remote [%s]:%u key-id %u psk %zu octets\n", a,
		       c->r_port, c->r_key_id, c->r_psk_len);
	}
	psac_hex_encode(h->cb, h->cb_len, cb);
	printf("cert %s tls-server-endpoint %s\n", c->cert, cb);
	psac_mhauth_suitelist_str(c->suites, c->n_suites, sl, sizeof(sl));
	printf("suites %s validity %llu scope %u\n", sl,
	       (unsigned long long)c->validity, c->scope);
	for (m = c->mns; m; m = m->next) {
		printf("mn %s psk %zu octets", m->id, m->psk_len);
		if (m->tmpl.have_hoa) {
			inet_ntop(AF_INET6, &m->tmpl.hoa, a, sizeof(a));
			printf(" hoa %s", a);
		}
		if (m->tmpl.have_hoa4) {
			inet_ntop(AF_INET, &m->tmpl.hoa4, a, sizeof(a));
			printf(" hoa4 %s", a);
		}
		if (m->n_suites) {
			psac_mhauth_suitelist_str(m->suites, m->n_suites, sl,
						  sizeof(sl));
			printf(" suites %s", sl);
		}
		putchar('\n');
	}
}

enum { OPT_BAD_AUTH = 256, OPT_NOINSTALL };

int cmd_hac(int argc, char **argv)
{
	static const struct option opts[] = {
		PSAC_RUN_LONGOPTS,
		{ "test-bad-auth", no_argument, NULL, OPT_BAD_AUTH },
		{ "no-install", no_argument, NULL, OPT_NOINSTALL },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct psac_run_opts run = { 0 };
	int bad_auth = 0, no_install = 0, c, r, fd = -1, one = 1, ret = PSAC_EXIT_FAIL;
	unsigned int served = 0, failed = 0;
	struct sockaddr_in6 sin6;
	long long deadline = 0;
	char err[512];
	struct hac *h;

	if (argc > 1 && !strcmp(argv[1], "help")) {
		help_hac(stdout);
		return PSAC_EXIT_OK;
	}
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		r = psac_run_opt("hac", c, optarg, &run);
		if (r > 0)
			return r;
		if (!r)
			continue;
		switch (c) {
		case OPT_BAD_AUTH:
			bad_auth = 1;
			break;
		case OPT_NOINSTALL:
			no_install = 1;
			break;
		case 'h':
			help_hac(stdout);
			return PSAC_EXIT_OK;
		default:
			fputs("Try 'psac help hac'.\n", stderr);
			return PSAC_EXIT_FAIL;
		}
	}
	if (optind < argc) {
		psac_err("hac: unexpected argument '%s'; see 'psac help hac'",
			 argv[optind]);
		return PSAC_EXIT_FAIL;
	}
	if (!run.config) {
		psac_err("hac needs -c FILE; see 'psac help hac'");
		return PSAC_EXIT_FAIL;
	}
	h = calloc(1, sizeof(*h));
	if (!h)
		return PSAC_EXIT_FAIL;
	h->r_fd = -1;
	h->test_bad_auth = bad_auth;
	h->no_install = no_install;
	if (psac_hac_config_load(&h->cfg, run.config, err, sizeof(err))) {
		psac_err("hac: %s: %s", run.config, err);
		free(h);
		return PSAC_EXIT_FAIL;
	}
	if (load_cert(h, err, sizeof(err))) {
		psac_err("hac: %s", err);
		goto out;
	}
	if (run.check) {
		print_check(h);
		ret = PSAC_EXIT_OK;
		goto out;
	}
	if (h->cfg.remote && !h->no_install) {
		struct sockaddr_in6 src = { .sin6_family = AF_INET6 };

		h->duid_len = psac_default_duid(h->duid);
		h->r_fd = psac_saconf_socket(&src, NULL, "hac: ha-remote");
		if (h->r_fd < 0)
			goto out;
	} else {
		h->ifindex = if_nametoindex(h->cfg.dev);
	}
	if (!h->ifindex && !h->no_install && !h->cfg.remote) {
		psac_err("hac: no device '%s' (create the home agent's with: ip link add %s type mnha; psac mnha dev set %s role ha)",
			 h->cfg.dev, h->cfg.dev, h->cfg.dev);
		goto out;
	}

	fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		psac_err("hac: socket: %s", strerror(errno));
		goto out;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_addr = h->cfg.listen;
	sin6.sin6_port = htons(h->cfg.port);
	if (bind(fd, (struct sockaddr *)&sin6, sizeof(sin6)) || listen(fd, 8)) {
		inet_ntop(AF_INET6, &h->cfg.listen, err, sizeof(err));
		psac_err("hac: cannot listen on [%s]:%u: %s", err, h->cfg.port,
			 strerror(errno));
		goto out;
	}
	{
		char a[INET6_ADDRSTRLEN], p[8];

		inet_ntop(AF_INET6, &h->cfg.listen, a, sizeof(a));
		snprintf(p, sizeof(p), "%u", h->cfg.port);
		if (psac_opts.json)
			psac_hac_log("listening", "address", a, "port", p, "dev",
				     h->cfg.dev, NULL);
		else
			printf("listening [%s]:%s dev %s\n", a, p, h->cfg.dev),
				fflush(stdout);
	}
	if (run.ready) {
		int rfd = open(run.ready, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			       0644);

		if (rfd < 0) {
			psac_err("hac: --ready %s: %s", run.ready, strerror(errno));
			goto out;
		}
		close(rfd);
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	if (run.timeout_s)
		deadline = psac_mono_ms() + 1000LL * run.timeout_s;
	ret = PSAC_EXIT_OK;
	while (!stop && (!run.count || served < run.count)) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct sockaddr_in6 peer;
		socklen_t plen = sizeof(peer);
		char from[INET6_ADDRSTRLEN + 8];
		int wait_ms = -1, cfd;
		SSL *ssl;

		if (deadline) {
			long long left = deadline - psac_mono_ms();

			if (left <= 0) {
				psac_err("hac: --timeout: %u of %u exchanges after %u s",
					 served, run.count, run.timeout_s);
				ret = PSAC_EXIT_TIMEOUT;
				break;
			}
			wait_ms = (int)(left > 1000 ? 1000 : left);
		}
		if (poll(&pfd, 1, wait_ms) <= 0)
			continue;
		cfd = accept4(fd, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC);
		if (cfd < 0)
			continue;
		inet_ntop(AF_INET6, &peer.sin6_addr, from, sizeof(from));
		psac_sock_timeouts(cfd, HAC_TIMEOUT_S);
		ssl = SSL_new(h->ctx);
		if (!ssl || SSL_set_fd(ssl, cfd) != 1) {
			SSL_free(ssl);
			close(cfd);
			continue;
		}
		served++;
		if (SSL_accept(ssl) != 1) {
			char e[200];

			psac_hac_log("failed", "from", from, "reason",
				     psac_tls_error(e, sizeof(e),
				     "TLS handshake failed"), NULL);
			failed++;
		} else {
			failed += (unsigned int)psac_hac_exchange(h, ssl, from);
			SSL_shutdown(ssl);
		}
		SSL_free(ssl);
		close(cfd);
	}
	if (ret == PSAC_EXIT_OK && run.count && failed)
		ret = PSAC_EXIT_FAIL;
out:
	if (fd >= 0)
		close(fd);
	if (h->r_fd >= 0)
		close(h->r_fd);
	SSL_CTX_free(h->ctx);
	psac_hac_config_free(&h->cfg);
	psac_wipe_free(h, sizeof(*h));
	return ret;
}
