// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac saconf build: a SACONFIGURATION from options (PSK, key-id, counter,
 * xid, one or more SAs), written to a file, and its --keymat-out file.
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

struct sa_spec {
	struct psac_sa_params p;
	int have_peer, have_spi_in, have_spi_out, have_bits, have_integ;
	int have_proto;
	uint8_t keymat[PSAC_KEYMAT_MAX];
	size_t keymat_len;
	int have_keymat;
};


static void sa_defaults(struct sa_spec *s)
{
	memset(s, 0, sizeof(*s));
	s->p.protocol = PSAC_PROTO_ESP;
	s->p.mode = PSAC_MODE_TRANSPORT;
	s->p.key_prot_alg = PSAC_KEYPROT_PSK;
	s->p.encr_alg = PSAC_ENCR_AES_GCM_16;
	s->p.ulp = PSAC_ULP_ANY;
	s->p.lifetime = PSAC_LIFETIME_INFINITE;
}

/* the next SA inherits algorithms and selectors, not identity or keys */
static void sa_inherit(struct sa_spec *s, const struct sa_spec *prev)
{
	*s = *prev;
	memset(&s->p.peer, 0, sizeof(s->p.peer));
	s->p.spi_i2r = s->p.spi_r2i = 0;
	s->have_peer = s->have_spi_in = s->have_spi_out = 0;
	s->have_keymat = 0;
	s->keymat_len = 0;
}



static int finish_sa(struct sa_spec *s, unsigned int idx)
{
	size_t e, a;

	if (!s->have_peer)
		return usage_err("SA %u: --peer is required", idx);
	if (s->p.mode == PSAC_MODE_MNHA_UDP) {
		/* docs/wire-format.md: UDP, one 28-bit SPI, the HA's port */
		if (!s->have_proto)
			s->p.protocol = PSAC_PROTO_UDP;
		if (s->have_spi_in && !s->have_spi_out) {
			s->p.spi_r2i = s->p.spi_i2r;
			s->have_spi_out = 1;
		}
		if (!s->p.sport)
			s->p.sport = PSAC_MNHA_UDP_PORT;
		if (s->p.spi_i2r != s->p.spi_r2i ||
		    s->p.spi_i2r > PSAC_MNHA_SPI_MASK)
			psac_warn("SA %u: mode mnha-udp wants one SPI of at most 28 bits",
				  idx);
	}
	if (!s->have_spi_in || !s->have_spi_out)
		return usage_err("SA %u: --spi-in and --spi-out are required",
				 idx);
	if (!s->have_bits)
		s->p.encr_key_bits = psac_default_key_bits(s->p.encr_alg);
	if (!s->have_integ)
		s->p.integ_alg = psac_default_integ(s->p.encr_alg);
	if (s->p.mode != PSAC_MODE_MNHA_UDP &&
	    (s->p.spi_i2r < 256 || s->p.spi_r2i < 256))
		psac_warn("SA %u: SPIs 0..255 are reserved (RFC 4303)", idx);
	if (s->have_keymat)
		return 0;
	if (psac_keymat_layout(s->p.encr_alg, s->p.encr_key_bits,
			       s->p.integ_alg, &e, &a))
		return usage_err("SA %u: cannot size KEYMAT for encr %s (%u) %u bits with integ %s (%u); give --keymat",
				 idx, psac_encr_name(s->p.encr_alg),
				 s->p.encr_alg, s->p.encr_key_bits,
				 psac_integ_name(s->p.integ_alg),
				 s->p.integ_alg);
	s->keymat_len = 2 * (e + a);
	if (psac_random(s->keymat, s->keymat_len)) {
		psac_err("saconf: the random number generator failed");
		return PSAC_EXIT_FAIL;
	}
	return 0;
}

static int write_keymat_env(const char *path, const struct sa_spec *sas,
			    unsigned int n, uint32_t xid, uint64_t counter,
			    uint32_t key_id)
{
	char *text = NULL;
	size_t len = 0;
	unsigned int i;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f)
		return -ENOMEM;
	fprintf(f, "# psac saconf build: KEYMAT of SACONFIGURATION xid 0x%06x\n"
		   "# sh syntax; SPI_I2R is requestor->target, SPI_R2I target->requestor\n"
		   "PSAC_XID=0x%06x\nPSAC_COUNTER=%llu\nPSAC_KEY_ID=%u\nPSAC_NSA=%u\n",
		xid, xid, (unsigned long long)counter, key_id, n);
	for (i = 0; i < n; i++) {
		char addr[INET6_ADDRSTRLEN];

		psac_saconf_addr_str(&sas[i].p.peer, addr, sizeof(addr));
		fprintf(f, "PSAC_SA%u_PEER=%s\n", i, addr);
		psac_env_sa(f, i, &sas[i].p, sas[i].keymat, sas[i].keymat_len);
	}
	return psac_write_secret_stream(f, &text, &len, path);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static size_t default_duid(uint8_t *duid)
{
	char host[256] = "psac";
	uint8_t h[PSAC_SHA256_LEN];

	gethostname(host, sizeof(host) - 1);
	host[sizeof(host) - 1] = '\0';
	psac_sha256((const uint8_t *)host, strlen(host), h);
	duid[0] = 0;
	duid[1] = 2;	/* DUID-EN */
	duid[2] = (DEFAULT_DUID_EN >> 24) & 0xff;
	duid[3] = (DEFAULT_DUID_EN >> 16) & 0xff;
	duid[4] = (DEFAULT_DUID_EN >> 8) & 0xff;
	duid[5] = DEFAULT_DUID_EN & 0xff;
	memcpy(duid + 6, h, 8);
	return 14;
}


int psac_saconf_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "psk-file", required_argument, NULL, OPT_PSK_FILE },
		{ "key-id", required_argument, NULL, OPT_KEY_ID },
		{ "counter", required_argument, NULL, OPT_COUNTER },
		{ "xid", required_argument, NULL, OPT_XID },
		{ "realm", required_argument, NULL, OPT_REALM },
		{ "duid", required_argument, NULL, OPT_DUID },
		{ "output", required_argument, NULL, 'o' },
		{ "keymat-out", required_argument, NULL, OPT_KEYMAT_OUT },
		{ "next-sa", no_argument, NULL, OPT_NEXT_SA },
		{ "peer", required_argument, NULL, OPT_PEER },
		{ "spi-in", required_argument, NULL, OPT_SPI_IN },
		{ "spi-out", required_argument, NULL, OPT_SPI_OUT },
		PSAC_SA_LONGOPTS,
		{ "keymat", required_argument, NULL, OPT_KEYMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static struct sa_spec sas[PSAC_MSG_MAX_SA];
	struct psac_sa_out out[PSAC_MSG_MAX_SA];
	const char *psk_file = NULL, *output = NULL, *keymat_out = NULL;
	const char *realm = NULL;
	uint8_t psk[PSAC_PSK_MAX_LEN], duid[PSAC_DUID_MAX_LEN];
	uint8_t *msg = NULL;
	size_t psk_len = 0, duid_len = 0, msg_len = 0;
	uint32_t key_id = 0, xid = 0;
	uint64_t counter = 0;
	int have_key_id = 0, have_counter = 0, have_xid = 0;
	unsigned int n = 1, i;
	struct sa_spec *cur = &sas[0];
	struct psac_auth_key key;
	int c, v, ret = PSAC_EXIT_FAIL;
	uint64_t u;
	long l;

	sa_defaults(cur);
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		ret = psac_sa_opt("saconf", c, optarg, PSAC_SA_FIELDS(&cur->p));
		if (ret > 0)
			return ret;
		if (!ret) {
			/* what the options imply in an OPTION_SA */
			if (c == PSAC_SA_OPT_PROTO)
				cur->have_proto = 1;
			else if (c == PSAC_SA_OPT_BITS)
				cur->have_bits = 1;
			else if (c == PSAC_SA_OPT_INTEG)
				cur->have_integ = 1;
			else if (c == PSAC_SA_OPT_ENCR && !cur->have_integ)
				cur->p.integ_alg = 0;
			continue;
		}
		ret = PSAC_EXIT_FAIL;
		switch (c) {
		case OPT_PSK_FILE:
			psk_file = optarg;
			break;
		case OPT_KEY_ID:
			if (psac_parse_u32(optarg, &key_id))
				return usage_err("bad --key-id '%s'", optarg);
			have_key_id = 1;
			break;
		case OPT_COUNTER:
			if (psac_parse_u64(optarg, UINT64_MAX, &counter))
				return usage_err("bad --counter '%s'", optarg);
			have_counter = 1;
			break;
		case OPT_XID:
			if (psac_parse_u64(optarg, 0xffffff, &u))
				return usage_err("bad --xid '%s' (24 bits)",
						 optarg);
			xid = (uint32_t)u;
			have_xid = 1;
			break;
		case OPT_REALM:
			realm = optarg;
			if (strlen(realm) > PSAC_REALM_MAX_LEN)
				return usage_err("--realm longer than %d octets",
						 PSAC_REALM_MAX_LEN);
			break;
		case OPT_DUID:
			l = psac_hex_decode(optarg, duid, sizeof(duid));
			if (l < 2)
				return usage_err("bad --duid '%s' (hex, 2..130 octets)",
						 optarg);
			duid_len = (size_t)l;
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_KEYMAT_OUT:
			keymat_out = optarg;
			break;
		case OPT_NEXT_SA:
			if (n >= PSAC_MSG_MAX_SA)
				return usage_err("at most %d SAs", PSAC_MSG_MAX_SA);
			if ((ret = finish_sa(cur, n - 1)))
				return ret;
			sa_inherit(&sas[n], cur);
			cur = &sas[n++];
			ret = PSAC_EXIT_FAIL;
			break;
		case OPT_PEER:
			if (inet_pton(AF_INET6, optarg, &cur->p.peer) != 1)
				return usage_err("bad --peer '%s' (an IPv6 address)",
						 optarg);
			cur->have_peer = 1;
			break;
		case OPT_SPI_IN:
			if (psac_parse_u32(optarg, &cur->p.spi_i2r))
				return usage_err("bad --spi-in '%s'", optarg);
			cur->have_spi_in = 1;
			break;
		case OPT_SPI_OUT:
			if (psac_parse_u32(optarg, &cur->p.spi_r2i))
				return usage_err("bad --spi-out '%s'", optarg);
			cur->have_spi_out = 1;
			break;
		case OPT_KEYMAT:
			l = psac_hex_decode(optarg, cur->keymat,
					    sizeof(cur->keymat));
			if (l < 0)
				return usage_err("bad --keymat (hex, at most %d octets)",
						 PSAC_KEYMAT_MAX);
			cur->keymat_len = (size_t)l;
			cur->have_keymat = 1;
			break;
		case 'h':
			help_saconf(stdout);
			return PSAC_EXIT_OK;
		default:
			return usage_err("bad option for 'saconf build'");
		}
	}
	if (optind < argc)
		return usage_err("unexpected argument '%s'", argv[optind]);
	if (!psk_file || !have_key_id || !output)
		return usage_err("build needs --psk-file, --key-id and -o");
	if ((ret = finish_sa(cur, n - 1)))
		return ret;
	ret = PSAC_EXIT_FAIL;

	if (psac_saconf_load_psk(psk_file, psk, &psk_len))
		goto out;
	if (!have_counter)
		counter = now_ns();
	if (!have_xid) {
		uint8_t r[3];

		if (psac_random(r, sizeof(r)))
			goto out;
		xid = (uint32_t)r[0] << 16 | (uint32_t)r[1] << 8 | r[2];
	}
	if (!duid_len)
		duid_len = default_duid(duid);

	for (i = 0; i < n; i++) {
		out[i].p = sas[i].p;
		out[i].keymat = sas[i].keymat;
		out[i].keymat_len = sas[i].keymat_len;
	}
	key.key_id = key_id;
	key.psk = psk;
	key.psk_len = psk_len;
	key.realm = (const uint8_t *)realm;
	key.realm_len = realm ? strlen(realm) : 0;

	msg = malloc(MSG_MAX);
	if (!msg)
		goto out;
	v = psac_build_saconfig(msg, MSG_MAX, &msg_len, xid, duid, duid_len,
				out, n, &key, counter);
	if (v) {
		psac_err("saconf build: %s", strerror(-v));
		goto out;
	}
	if (keymat_out) {
		v = write_keymat_env(keymat_out, sas, n, xid, counter, key_id);
		if (v) {
			psac_err("saconf build: %s: %s", keymat_out,
				 strerror(-v));
			goto out;
		}
	}
	v = psac_write_file(output, msg, msg_len, 0644);
	if (v) {
		psac_err("saconf build: %s: %s", output, strerror(-v));
		goto out;
	}
	if (strcmp(output, "-")) {
		if (psac_opts.json) {
			struct psac_json j;

			psac_json_init(&j, stdout, psac_opts.pretty);
			psac_json_obj_open(&j, NULL);
			psac_json_str(&j, "file", output);
			psac_json_u64(&j, "length", msg_len);
			psac_json_u64(&j, "xid", xid);
			psac_json_u64(&j, "counter", counter);
			psac_json_u64(&j, "key_id", key_id);
			psac_json_u64(&j, "sas", n);
			psac_json_obj_close(&j);
		} else {
			printf("wrote %s: SACONFIGURATION xid 0x%06x, %u SA%s, key-id %u, counter %llu, %zu octets\n",
			       output, xid, n, n == 1 ? "" : "s", key_id,
			       (unsigned long long)counter, msg_len);
		}
	}
	ret = PSAC_EXIT_OK;
out:
	psac_wipe(psk, sizeof(psk));
	psac_wipe(sas, sizeof(sas));
	free(msg);
	return ret;
}
