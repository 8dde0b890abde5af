// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac mn: the RFC 6618 mobile node's bootstrap.  A TLS client of the Home
 * Agent Controller ('psac hac'): verifies the HAC's certificate, runs the
 * MHAuth PSK exchange with channel binding, verifies the HAC's auth and
 * installs the MN-HA SA it was given into the local mnha device.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "mhauth.h"
#include "mnha_sa.h"
#include "util.h"

void help_mn(FILE *f)
{
	fputs(
"Usage: psac [-j] [-n NETNS] mn --hac ADDR[%IF] --mn-id ID --psk-file FILE\n"
"                 --ca FILE [--name NAME] [--port N] [--dev IFNAME]\n"
"                 [--suites SUITE,...] [--peer ADDR] [--timeout SECS]\n"
"                 [--no-install]\n"
"\n"
"The mobile node's side of RFC 6618 bootstrapping: connects to the Home\n"
"Agent Controller ('psac hac') over TLS, checks its certificate against\n"
"the CA file (and its name with --name), runs the MHAuth PSK exchange\n"
"(Init: mn-id, auth-method psk, mn-rand; Done: mn-id, both randoms,\n"
"mip6-suitelist, auth = HMAC-SHA256(PSK, \"MN\" | header lines | CB), CB\n"
"the RFC 5929 tls-server-endpoint hash of the certificate the HAC\n"
"presented), verifies the HAC's auth (label \"HAC\") and the randoms it\n"
"echoes, checks every SA header (SPI, suite, key lengths, addresses,\n"
"mip6-sa-validity-end in the future) and installs the SA into the local\n"
"mnha device (as 'psac mnha sa add ... replace': the peer is the home\n"
"agent address mip6-haa-ip6, else mip6-haa-ip4, port mip6-port).\n"
"Nothing is installed unless every check passed.\n"
"\n"
"Options:\n"
"  --hac ADDR[%IF]      the HAC's address (IPv6, IPv4 or a host name)\n"
"  --port N             its TCP port (default 7873)\n"
"  --mn-id ID           this mobile node's identity (mn-id)\n"
"  --psk-file FILE      the PSK shared with the HAC (hex text or raw,\n"
"                       16..64 octets)\n"
"  --ca FILE            CA certificate(s) (PEM) the HAC's certificate must\n"
"                       chain to\n"
"  --name NAME          the name (DNS SAN or CN) or IP address the HAC's\n"
"                       certificate must carry\n"
"  --dev IFNAME         the local mnha device (default mnha0; 'psac mnha\n"
"                       dev set IFNAME role mn')\n"
"  --suites SUITE,...   the suites offered, in preference order (default\n"
"                       every suite, GCM first); names as in 'psac help\n"
"                       mnha'\n"
"  --peer ADDR          send to ADDR instead of the home agent address\n"
"  --timeout SECS       connection and answer timeout (default 10)\n"
"  --no-install         run the exchange and print the SA, install nothing\n"
"The environment variable SSLKEYLOGFILE names a file the TLS secrets are\n"
"appended to (NSS key log format, for Wireshark).\n"
"\n"
"Output (one line; -j: a JSON object with the same names, '-' as '_'):\n"
"  installed DEV spi 0xSSSSSSS suite NAME [hoa ADDR] [hoa4 ADDR]\n"
"            [hnp P/L] [hnp4 P/L] peer ADDR port N scope 0|1\n"
"            valid-until T|never\n"
"('provisioned' instead of 'installed' with --no-install).\n"
"\n"
"Exit status:\n"
"  0  the SA is installed\n"
"  1  bad usage, unreadable files, the kernel refused the SA\n"
"  2  the kernel module is not loaded\n"
"  3  the HAC is unreachable or did not answer in time\n"
"  4  the HAC's certificate did not verify (CA, name, validity)\n"
"  5  the HAC refused: status-code 401 (wrong PSK), 404 (unknown mn-id),\n"
"     406 (no common suite), 410 (validity ended), 500 (home agent), ...\n"
"  6  the HAC's answer did not verify: bad auth value, randoms not echoed,\n"
"     malformed or unusable SA headers, SA validity already ended\n"
"\n"
"Example:\n"
"  psac mn --hac 2001:db8:1::1 --mn-id mn1@example.net --psk-file mn1.psk \\\n"
"          --ca ca.crt --name hac.example.net\n", f);
}

#define MN_EXIT_TLS		4
#define MN_EXIT_REFUSED		5
#define MN_EXIT_BADANSWER	6

enum { OPT_HAC = 256, OPT_PORT, OPT_MNID, OPT_PSK, OPT_CA, OPT_NAME, OPT_DEV,
       OPT_SUITES, OPT_PEER, OPT_TIMEOUT, OPT_NOINSTALL };

/* TCP connection with a timeout: the fd, or -1 (errno set). */
static int connect_to(const char *host, uint16_t port, unsigned int secs)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
	char p[8];
	int fd = -1, e = EHOSTUNREACH;

	snprintf(p, sizeof(p), "%u", port);
	if (getaddrinfo(host, p, &hints, &res)) {
		errno = EHOSTUNREACH;
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		struct pollfd pfd;
		socklen_t l = sizeof(e);

		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC |
			    SOCK_NONBLOCK, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) && errno != EINPROGRESS) {
			e = errno;
			close(fd);
			fd = -1;
			continue;
		}
		pfd.fd = fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, (int)secs * 1000) != 1) {
			e = ETIMEDOUT;
			close(fd);
			fd = -1;
			continue;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &l) || e) {
			close(fd);
			fd = -1;
			continue;
		}
		/* back to blocking I/O, bounded by socket timeouts */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		break;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		errno = e;
		return -1;
	}
	return fd;
}

static void print_sa(const char *dev, const struct psac_mnha_sa *sa,
		     int installed)
{
	char a[INET6_ADDRSTRLEN], pfx[INET6_ADDRSTRLEN + 4], peer[INET6_ADDRSTRLEN];
	char spi[16], until[24];

	snprintf(spi, sizeof(spi), "0x%07x", sa->spi);
	if (sa->have_valid)
		snprintf(until, sizeof(until), "%llu",
			 (unsigned long long)sa->valid_until);
	else
		snprintf(until, sizeof(until), "never");
	inet_ntop(sa->peer_af, sa->peer_af == AF_INET6 ? (void *)&sa->peer6 :
		  (void *)&sa->peer4, peer, sizeof(peer));
	if (psac_opts.json) {
		struct psac_json j;

		psac_json_init(&j, stdout, psac_opts.pretty);
		psac_json_obj_open(&j, NULL);
		psac_json_str(&j, "event", installed ? "installed" : "provisioned");
		psac_json_str(&j, "dev", dev);
		psac_json_str(&j, "spi", spi);
		psac_json_str(&j, "suite", sa->suite->name);
		if (sa->have_hoa) {
			inet_ntop(AF_INET6, &sa->hoa, a, sizeof(a));
			psac_json_str(&j, "hoa", a);
		}
		if (sa->have_hoa4) {
			inet_ntop(AF_INET, &sa->hoa4, a, sizeof(a));
			psac_json_str(&j, "hoa4", a);
		}
		if (sa->have_hnp) {
			inet_ntop(AF_INET6, &sa->hnp, a, sizeof(a));
			snprintf(pfx, sizeof(pfx), "%s/%u", a, sa->hnp_len);
			psac_json_str(&j, "hnp", pfx);
		}
		if (sa->have_hnp4) {
			inet_ntop(AF_INET, &sa->hnp4, a, sizeof(a));
			snprintf(pfx, sizeof(pfx), "%s/%u", a, sa->hnp4_len);
			psac_json_str(&j, "hnp4", pfx);
		}
		psac_json_str(&j, "peer", peer);
		psac_json_u64(&j, "port", sa->have_port ? sa->port : PSAC_MNHA_UDP_PORT);
		psac_json_u64(&j, "scope", sa->have_scope ? sa->scope : 1);
		psac_json_str(&j, "valid_until", until);
		psac_json_obj_close(&j);
		return;
	}
	printf("%s %s spi %s suite %s", installed ? "installed" : "provisioned",
	       dev, spi, sa->suite->name);
	if (sa->have_hoa) {
		inet_ntop(AF_INET6, &sa->hoa, a, sizeof(a));
		printf(" hoa %s", a);
	}
	if (sa->have_hoa4) {
		inet_ntop(AF_INET, &sa->hoa4, a, sizeof(a));
		printf(" hoa4 %s", a);
	}
	if (sa->have_hnp) {
		inet_ntop(AF_INET6, &sa->hnp, a, sizeof(a));
		printf(" hnp %s/%u", a, sa->hnp_len);
	}
	if (sa->have_hnp4) {
		inet_ntop(AF_INET, &sa->hnp4, a, sizeof(a));
		printf(" hnp4 %s/%u", a, sa->hnp4_len);
	}
	printf(" peer %s port %u scope %u valid-until %s\n", peer,
	       sa->have_port ? sa->port : PSAC_MNHA_UDP_PORT,
	       sa->have_scope ? sa->scope : 1, until);
}

struct mn_args {
	const char *hac, *mn_id, *psk_file, *ca, *name, *dev, *peer;
	uint16_t port;
	uint16_t suites[16];
	unsigned int n_suites;
	uint32_t timeout;
	int no_install;
};

static int run(const struct mn_args *a, SSL_CTX *ctx, const uint8_t *psk,
	       size_t psk_len, uint32_t ifindex)
{
	struct psac_mhauth_builder *b = calloc(1, sizeof(*b));
	struct psac_mhauth_msg *m = calloc(1, sizeof(*m));
	struct psac_mnha_sa *sa = calloc(1, sizeof(*sa));
	uint8_t mn_rand[PSAC_MHAUTH_RAND_LEN], hac_rand[PSAC_MHAUTH_RAND_LEN + 1];
	uint8_t cb[PSAC_MHAUTH_CB_MAX], got[PSAC_MHAUTH_RAND_LEN + 1];
	char sl[160], e[256];
	unsigned char *der = NULL;
	const char *v, *why;
	X509 *x = NULL;
	SSL *ssl = NULL;
	int fd = -1, ret = PSAC_EXIT_FAIL, n, r;

	if (!b || !m || !sa)
		goto out;
	fd = connect_to(a->hac, a->port, a->timeout);
	if (fd < 0) {
		psac_err("mn: HAC %s port %u unreachable: %s", a->hac, a->port,
			 strerror(errno));
		ret = PSAC_EXIT_TIMEOUT;
		goto out;
	}
	psac_sock_timeouts(fd, a->timeout);
	ssl = SSL_new(ctx);
	if (!ssl || SSL_set_fd(ssl, fd) != 1)
		goto out;
	if (a->name) {
		struct in6_addr t6;
		struct in_addr t4;

		if (inet_pton(AF_INET6, a->name, &t6) == 1 ||
		    inet_pton(AF_INET, a->name, &t4) == 1)
			X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), a->name);
		else
			SSL_set1_host(ssl, a->name);
		if (!strchr(a->name, ':'))
			SSL_set_tlsext_host_name(ssl, a->name);
	}
	if (SSL_connect(ssl) != 1) {
		long vr = SSL_get_verify_result(ssl);

		if (vr != X509_V_OK) {
			psac_err("mn: the HAC's certificate did not verify: %s%s%s%s",
				 X509_verify_cert_error_string(vr),
				 a->name ? " (expected name " : "",
				 a->name ? a->name : "", a->name ? ")" : "");
			ret = MN_EXIT_TLS;
		} else {
			psac_err("mn: TLS handshake with %s failed: %s", a->hac,
				 psac_tls_error(e, sizeof(e), errno ?
						strerror(errno) : "closed"));
			ret = errno == EAGAIN ? PSAC_EXIT_TIMEOUT : PSAC_EXIT_FAIL;
		}
		goto out;
	}
	x = SSL_get1_peer_certificate(ssl);
	n = x ? i2d_X509(x, &der) : -1;
	if (n <= 0 || (n = psac_mhauth_cb(der, (size_t)n, cb)) < 0) {
		psac_err("mn: cannot compute tls-server-endpoint of the HAC's certificate");
		goto out;
	}

	/* Init */
	if (psac_random(mn_rand, sizeof(mn_rand)))
		goto out;
	psac_mhauth_begin(b, PSAC_MHAUTH_ID_INIT);
	psac_mhauth_add(b, "mn-id", "%s", a->mn_id);
	psac_mhauth_add(b, "auth-method", "psk");
	psac_mhauth_add_hex(b, "mn-rand", mn_rand, sizeof(mn_rand));
	if (psac_mhauth_end(b, NULL, 0, NULL, NULL, 0) || psac_mhauth_send(ssl, b)) {
		psac_err("mn: cannot send the Init request");
		goto out;
	}
	r = psac_mhauth_recv(ssl, m, &why);
	if (r) {
		psac_err("mn: Init response: %s", why);
		ret = r == -1 && !strcmp(why, "no answer in time") ?
			PSAC_EXIT_TIMEOUT : MN_EXIT_BADANSWER;
		goto out;
	}
	v = psac_mhauth_get(m, "status-code");
	if (v && strcmp(v, "200")) {
		psac_err("mn: the HAC refused mn-id %s: status-code %s (%s)",
			 a->mn_id, v, psac_mhauth_status_text((unsigned int)atoi(v)));
		ret = MN_EXIT_REFUSED;
		goto out;
	}
	if (m->identifier != PSAC_MHAUTH_ID_INIT ||
	    psac_hex_decode(psac_mhauth_get(m, "hac-rand") ?
			    psac_mhauth_get(m, "hac-rand") : "", hac_rand,
			    sizeof(hac_rand)) != PSAC_MHAUTH_RAND_LEN) {
		psac_err("mn: the Init response has no 16-octet hac-rand (Identifier %u)",
			 m->identifier);
		ret = MN_EXIT_BADANSWER;
		goto out;
	}

	/* Done */
	psac_mhauth_suitelist_str(a->suites, a->n_suites, sl, sizeof(sl));
	psac_mhauth_begin(b, PSAC_MHAUTH_ID_DONE);
	psac_mhauth_add(b, "mn-id", "%s", a->mn_id);
	psac_mhauth_add_hex(b, "mn-rand", mn_rand, sizeof(mn_rand));
	psac_mhauth_add_hex(b, "hac-rand", hac_rand, PSAC_MHAUTH_RAND_LEN);
	psac_mhauth_add(b, "mip6-suitelist", "%s", sl);
	if (psac_mhauth_end(b, psk, psk_len, "MN", cb, (size_t)n) ||
	    psac_mhauth_send(ssl, b)) {
		psac_err("mn: cannot send the Done request");
		goto out;
	}
	r = psac_mhauth_recv(ssl, m, &why);
	if (r) {
		psac_err("mn: Done response: %s", why);
		ret = r == -1 && !strcmp(why, "no answer in time") ?
			PSAC_EXIT_TIMEOUT : MN_EXIT_BADANSWER;
		goto out;
	}
	v = psac_mhauth_get(m, "status-code");
	if (!v || strcmp(v, "200")) {
		psac_err("mn: the HAC refused mn-id %s: status-code %s (%s)",
			 a->mn_id, v ? v : "missing",
			 v ? psac_mhauth_status_text((unsigned int)atoi(v)) :
			 "no status");
		ret = MN_EXIT_REFUSED;
		goto out;
	}
	ret = MN_EXIT_BADANSWER;
	if (m->identifier != PSAC_MHAUTH_ID_DONE) {
		psac_err("mn: the Done response has Identifier %u, not 2",
			 m->identifier);
		goto out;
	}
	r = psac_mhauth_verify(m, psk, psk_len, "HAC", cb, (size_t)n);
	if (r) {
		psac_err("mn: the HAC's auth %s: the answer is not from a HAC that knows the PSK; nothing installed",
			 r == -1 ? "is missing" : r == -2 ?
			 "is not 32 hex octets" : "does not verify");
		goto out;
	}
	if (psac_hex_decode(psac_mhauth_get(m, "mn-rand") ?
			    psac_mhauth_get(m, "mn-rand") : "", got,
			    sizeof(got)) != PSAC_MHAUTH_RAND_LEN ||
	    memcmp(got, mn_rand, sizeof(mn_rand)) ||
	    psac_hex_decode(psac_mhauth_get(m, "hac-rand") ?
			    psac_mhauth_get(m, "hac-rand") : "", got,
			    sizeof(got)) != PSAC_MHAUTH_RAND_LEN ||
	    memcmp(got, hac_rand, PSAC_MHAUTH_RAND_LEN)) {
		psac_err("mn: the Done response does not echo this exchange's mn-rand and hac-rand (replayed?); nothing installed");
		goto out;
	}
	if (psac_mhauth_sa_from_msg(m, (uint64_t)time(NULL), sa, e, sizeof(e))) {
		psac_err("mn: unusable SA from the HAC: %s; nothing installed", e);
		goto out;
	}
	if (a->peer) {
		if (inet_pton(AF_INET6, a->peer, &sa->peer6) == 1)
			sa->peer_af = AF_INET6;
		else if (inet_pton(AF_INET, a->peer, &sa->peer4) == 1)
			sa->peer_af = AF_INET;
	}
	sa->replace = 1;
	if (a->no_install) {
		print_sa(a->dev, sa, 0);
		ret = PSAC_EXIT_OK;
		goto out;
	}
	ret = psac_mnha_sa_install(ifindex, sa, "mn: installing the SA", NULL);
	if (!ret)
		print_sa(a->dev, sa, 1);
out:
	if (ssl) {
		SSL_shutdown(ssl);
		SSL_free(ssl);
	}
	if (fd >= 0)
		close(fd);
	X509_free(x);
	OPENSSL_free(der);
	if (sa)
		psac_wipe(sa, sizeof(*sa));
	if (b)
		psac_wipe(b, sizeof(*b));
	if (m)
		psac_wipe(m, sizeof(*m));
	free(sa);
	free(b);
	free(m);
	return ret;
}

int cmd_mn(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "hac", required_argument, NULL, OPT_HAC },
		{ "port", required_argument, NULL, OPT_PORT },
		{ "mn-id", required_argument, NULL, OPT_MNID },
		{ "psk-file", required_argument, NULL, OPT_PSK },
		{ "ca", required_argument, NULL, OPT_CA },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "dev", required_argument, NULL, OPT_DEV },
		{ "suites", required_argument, NULL, OPT_SUITES },
		{ "peer", required_argument, NULL, OPT_PEER },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "no-install", no_argument, NULL, OPT_NOINSTALL },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct mn_args a = { .dev = "mnha0", .port = PSAC_HAC_TLS_PORT,
			     .timeout = 10 };
	uint8_t psk[PSAC_PSK_MAX_LEN];
	uint32_t ifindex = 0;
	SSL_CTX *ctx = NULL;
	unsigned int i;
	long l;
	int c, ret;

	if (argc > 1 && !strcmp(argv[1], "help")) {
		help_mn(stdout);
		return PSAC_EXIT_OK;
	}
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_HAC:
			a.hac = optarg;
			break;
		case OPT_PORT:
			if (psac_parse_u16(optarg, &a.port) || !a.port) {
				psac_err("mn: bad --port '%s'", optarg);
				return PSAC_EXIT_FAIL;
			}
			break;
		case OPT_MNID:
			a.mn_id = optarg;
			break;
		case OPT_PSK:
			a.psk_file = optarg;
			break;
		case OPT_CA:
			a.ca = optarg;
			break;
		case OPT_NAME:
			a.name = optarg;
			break;
		case OPT_DEV:
			a.dev = optarg;
			break;
		case OPT_SUITES: {
			char *copy = strdup(optarg), *tok, *save = NULL;

			a.n_suites = 0;
			for (tok = strtok_r(copy, ", ", &save); tok;
			     tok = strtok_r(NULL, ", ", &save)) {
				const struct psac_mnha_suite *s =
					psac_mnha_suite_parse(tok);

				if (!s || a.n_suites >= 16) {
					psac_err("mn: unknown suite '%s' in --suites (see 'psac help mnha')",
						 tok);
					free(copy);
					return PSAC_EXIT_FAIL;
				}
				a.suites[a.n_suites++] = s->id;
			}
			free(copy);
			break;
		}
		case OPT_PEER: {
			struct in6_addr t;

			if (inet_pton(AF_INET6, optarg, &t) != 1 &&
			    inet_pton(AF_INET, optarg, &t) != 1) {
				psac_err("mn: bad --peer '%s' (an IPv6 or IPv4 address)",
					 optarg);
				return PSAC_EXIT_FAIL;
			}
			a.peer = optarg;
			break;
		}
		case OPT_TIMEOUT:
			if (psac_parse_u32(optarg, &a.timeout) || !a.timeout ||
			    a.timeout > 3600) {
				psac_err("mn: bad --timeout '%s' (1..3600)", optarg);
				return PSAC_EXIT_FAIL;
			}
			break;
		case OPT_NOINSTALL:
			a.no_install = 1;
			break;
		case 'h':
			help_mn(stdout);
			return PSAC_EXIT_OK;
		default:
			fputs("Try 'psac help mn'.\n", stderr);
			return PSAC_EXIT_FAIL;
		}
	}
	if (optind < argc) {
		psac_err("mn: unexpected argument '%s'; see 'psac help mn'",
			 argv[optind]);
		return PSAC_EXIT_FAIL;
	}
	if (!a.hac || !a.mn_id || !a.psk_file || !a.ca) {
		psac_err("mn needs --hac, --mn-id, --psk-file and --ca; see 'psac help mn'");
		return PSAC_EXIT_FAIL;
	}
	if (!a.n_suites) {
		static const uint16_t def[] = {
			PSAC_MNHA_SUITE_AES128_GCM, PSAC_MNHA_SUITE_AES256_GCM,
			PSAC_MNHA_SUITE_AES128_HMAC_SHA1,
			PSAC_MNHA_SUITE_AES128_AES_XCBC,
			PSAC_MNHA_SUITE_3DES_HMAC_SHA1,
			PSAC_MNHA_SUITE_NULL_HMAC_SHA1,
			PSAC_MNHA_SUITE_NULL_AES_XCBC,
		};

		for (i = 0; i < sizeof(def) / sizeof(def[0]); i++)
			a.suites[a.n_suites++] = def[i];
	}
	l = psac_read_key_file(a.psk_file, psk, PSAC_PSK_MIN_LEN, PSAC_PSK_MAX_LEN);
	if (l < 0) {
		psac_err("mn: --psk-file %s: %s (want %d..%d octets)", a.psk_file,
			 l == -EINVAL ? "not a valid PSK" : strerror((int)-l),
			 PSAC_PSK_MIN_LEN, PSAC_PSK_MAX_LEN);
		return PSAC_EXIT_FAIL;
	}
	if (!a.no_install) {
		ifindex = if_nametoindex(a.dev);
		if (!ifindex) {
			psac_err("mn: no device '%s' (create it with: ip link add %s type mnha; psac mnha dev set %s role mn)",
				 a.dev, a.dev, a.dev);
			psac_wipe(psk, sizeof(psk));
			return PSAC_EXIT_FAIL;
		}
	}
	ctx = psac_tls_ctx(0);
	if (!ctx || SSL_CTX_load_verify_locations(ctx, a.ca, NULL) != 1) {
		char e[200];

		psac_err("mn: --ca %s: %s", a.ca,
			 psac_tls_error(e, sizeof(e), "cannot load"));
		SSL_CTX_free(ctx);
		psac_wipe(psk, sizeof(psk));
		return PSAC_EXIT_FAIL;
	}
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	signal(SIGPIPE, SIG_IGN);
	ret = run(&a, ctx, psk, (size_t)l, ifindex);
	SSL_CTX_free(ctx);
	psac_wipe(psk, sizeof(psk));
	return ret;
}
