// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac mn: the RFC 6618 mobile node's bootstrap.  A TLS client of the Home
 * Agent Controller ('psac hac'): verifies the HAC's certificate, runs the
 * MHAuth PSK exchange with channel binding, verifies the HAC's auth and
 * installs the MN-HA SA it was given into the local mnha device.  This file
 * is the command (help, options, what the exchange needs); mn.h says where
 * the rest is.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/ssl.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "mhauth.h"
#include "mn.h"
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


enum { OPT_HAC = 256, OPT_PORT, OPT_MNID, OPT_PSK, OPT_CA, OPT_NAME, OPT_DEV,
       OPT_SUITES, OPT_PEER, OPT_TIMEOUT, OPT_NOINSTALL };

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
	struct psac_mn_args a = { .dev = "mnha0", .port = PSAC_HAC_TLS_PORT,
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

				if (!s || a.n_suites >= MN_MAX_SUITES) {
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
	ret = psac_mn_run(&a, ctx, psk, (size_t)l, ifindex);
	SSL_CTX_free(ctx);
	psac_wipe(psk, sizeof(psk));
	return ret;
}
