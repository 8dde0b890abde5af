// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac saconf: build, inspect and send SACONFIGURATION messages.
 *
 * This is the provisioning server's side of docs/wire-format.md reduced to
 * what a test needs: write one authenticated SACONFIGURATION (with fresh
 * KEYMAT under the PSK) to a file, decode any PSAC message file, and send a
 * message file to a target server from UDP port 547, then print the
 * verified per-SA status of its SACONFIGURATION-REPLY.
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
#include "util.h"

#define MSG_MAX		65535
#define REC_TIMEOUT_MS	2000	/* RFC 8415 REC_TIMEOUT: retransmission */
/* Enterprise number 32473 is reserved for documentation (RFC 5612). */
#define DEFAULT_DUID_EN	32473

void help_saconf(FILE *f)
{
	fputs(
"Usage: psac saconf build --psk-file FILE --key-id N -o FILE\n"
"                         [--keymat-out FILE] [--counter C] [--xid X]\n"
"                         [--realm STRING] [--duid HEX]\n"
"                         SA [--next-sa SA]...\n"
"       psac saconf show FILE [--psk-file FILE] [--x25519-key FILE]\n"
"                         [--show-keys]\n"
"       psac saconf send FILE --to ADDR[%IFNAME] [--port N] [--from ADDR]\n"
"                         [--sport N] [--dev IFNAME] [--wait-reply SECS]\n"
"                         [--retries N] [--psk-file FILE]\n"
"\n"
"SA := --peer ADDR --spi-in SPI --spi-out SPI [--proto esp|ah|udp|N]\n"
"      [--mode transport|tunnel|mnha-udp|N] [--encr ALG] [--bits N]\n"
"      [--integ ALG] [--ulp PROTO] [--sport N | --type N]\n"
"      [--dport N | --code N] [--lifetime SECS|infinite] [--keymat HEX]\n"
"\n"
"Testing tools for the target-server role: they play the DHCPv6 server's\n"
"part of PSAC (docs/wire-format.md) towards a target server.\n"
"\n"
"build  writes one SACONFIGURATION: SERVERID, an OPTION_SA per SA pair with\n"
"       fresh random KEYMAT protected under the PSK (Key-Prot-Alg 2,\n"
"       AES-256-GCM with a KEK from HKDF-SHA256), and OPTION_AUTH (delayed,\n"
"       HMAC-SHA256, RDM 0) over the whole message.  The message is written\n"
"       to -o FILE ('-' for standard output); the KEYMAT, split per\n"
"       direction, goes to --keymat-out FILE (mode 0600) as sh variable\n"
"       assignments for installing the requestor's side with ip-xfrm(8):\n"
"         PSAC_NSA  PSAC_XID  PSAC_SA<i>_{PEER,SPI_I2R,SPI_R2I,KEYMAT,\n"
"         KE_I2R,KA_I2R,KE_R2I,KA_R2I,XFRM_ENC,XFRM_AEAD,XFRM_ICV,\n"
"         XFRM_AUTH,XFRM_TRUNC,...}\n"
"       Options:\n"
"         --psk-file FILE  the PSK (16..64 octets), as hex text or raw octets\n"
"         --key-id N       Key-ID naming the PSK at the target\n"
"         --counter C      64-bit replay counter (default: the current time\n"
"                          in nanoseconds, so later messages count higher)\n"
"         --xid X          24-bit transaction-id (default: random)\n"
"         --realm STRING   OPTION_AUTH realm (default: empty)\n"
"         --duid HEX       SERVERID DUID (default: a DUID-EN of this host)\n"
"       SA options, applying to the current SA pair (--next-sa starts the\n"
"       next one, which inherits everything but addresses, SPIs and KEYMAT):\n"
"         --peer ADDR      the requestor's address (Peer-Address as the\n"
"                          target sees it)\n"
"         --spi-in SPI     SPI-I2R: requestor -> target (target's inbound)\n"
"         --spi-out SPI    SPI-R2I: target -> requestor (target's outbound)\n"
"         --proto P        esp (default), ah, udp (MN-HA) or a number\n"
"         --mode M         transport (default), tunnel, mnha-udp or a number\n"
"         --encr ALG       aes-gcm-16 (default), aes-cbc, chacha20-poly1305,\n"
"                          3des, null, or an IKEv2 transform ID\n"
"         --bits N         encryption key bits (default 128 for AES, 256\n"
"                          for ChaCha20, 192 for 3DES, 0 for NULL)\n"
"         --integ ALG      none (AEAD), hmac-sha2-256-128 (default without\n"
"                          AEAD), hmac-sha1-96, aes-xcbc-96, or an ID\n"
"         --ulp PROTO      any (default), tcp, udp, icmpv6, mh or a number\n"
"         --sport N        source port, ICMPv6 type or MH type (--type)\n"
"         --dport N        destination port or ICMPv6 code (--code)\n"
"         --lifetime S     seconds, 'infinite' (default); 0 deletes the pair\n"
"         --keymat HEX     this KEYMAT instead of random octets (any length:\n"
"                          lets a test provoke the target's checks)\n"
"       An MN-HA SA (RFC 6618, docs/wire-format.md) is --mode mnha-udp:\n"
"       --peer is the mobile node's home address, --spi-in the 28-bit SPI\n"
"       (--spi-out defaults to it), --sport the home agent's MN-HA port\n"
"       (default 7872), --proto defaults to udp; --encr/--bits/--integ\n"
"       name the suite (aes-gcm-16 128|256 with integ none, aes-cbc 128,\n"
"       3des or null with hmac-sha1-96 or aes-xcbc-96) and KEYMAT is\n"
"       mn-to-ha ekey|ikey|ha-to-mn ekey|ikey (KE_I2R, KA_I2R, KE_R2I,\n"
"       KA_R2I in --keymat-out).\n"
"\n"
"show   decodes a PSAC message file (SACONFIGURATION, SACONFIGURATION-REPLY,\n"
"       Information-Request/Request with SA_REQUEST, Reply with SA_LIST).\n"
"       With --psk-file it verifies OPTION_AUTH; with --show-keys it also\n"
"       unwraps and prints KEYMAT (PSK copies with --psk-file, requestor\n"
"       copies with --x25519-key, the 32-octet private key).  Exit status 1\n"
"       if a verification or an unwrap fails.\n"
"\n"
"send   sends a message file over UDP/IPv6 from port 547 (--sport) to\n"
"       ADDR port 546 (--port).  With --wait-reply it waits up to SECS\n"
"       seconds for the SACONFIGURATION-REPLY with the same transaction-id,\n"
"       retransmitting every 2 s up to --retries times, verifies it with\n"
"       --psk-file and prints the status of the message and of every SA.\n"
"       Exit status: 0 all SAs accepted, 1 a failure status or a reply\n"
"       that does not verify, 3 no reply in time.  A link-local ADDR needs\n"
"       %IFNAME or --dev.  Binding port 547 needs root.\n"
"\n"
"Examples:\n"
"  psac saconf build --psk-file psk.hex --key-id 1 --counter 1 \\\n"
"       --peer 2001:db8::1 --spi-in 0x1000 --spi-out 0x2000 \\\n"
"       --encr aes-gcm-16 --bits 128 --ulp udp --dport 53 \\\n"
"       --keymat-out keys.env -o saconf.bin\n"
"  psac saconf show saconf.bin --psk-file psk.hex\n"
"  psac saconf send saconf.bin --to 2001:db8::53 --wait-reply 5 \\\n"
"       --psk-file psk.hex\n", f);
}

/* ---------------------------------------------------------------------- */
/* Shared helpers                                                          */
/* ---------------------------------------------------------------------- */

#define usage_err(...)	psac_usage_err("saconf", __VA_ARGS__)

static int load_psk(const char *path, uint8_t *psk, size_t *len)
{
	long n = psac_read_key_file(path, psk, PSAC_PSK_MIN_LEN,
				    PSAC_PSK_MAX_LEN);

	if (n < 0) {
		if (n == -EMSGSIZE)
			psac_err("saconf: %s: a PSK has %d to %d octets", path,
				 PSAC_PSK_MIN_LEN, PSAC_PSK_MAX_LEN);
		else
			psac_err("saconf: %s: %s", path, strerror((int)-n));
		return -1;
	}
	*len = (size_t)n;
	return 0;
}

static void addr_str(const void *a, char *buf, size_t len)
{
	if (!inet_ntop(AF_INET6, a, buf, (socklen_t)len))
		snprintf(buf, len, "?");
}

/* ---------------------------------------------------------------------- */
/* build                                                                   */
/* ---------------------------------------------------------------------- */

struct sa_spec {
	struct psac_sa_params p;
	int have_peer, have_spi_in, have_spi_out, have_bits, have_integ;
	int have_proto;
	uint8_t keymat[PSAC_KEYMAT_MAX];
	size_t keymat_len;
	int have_keymat;
};

enum {
	OPT_PSK_FILE = 256, OPT_KEY_ID, OPT_COUNTER, OPT_XID, OPT_REALM,
	OPT_DUID, OPT_KEYMAT_OUT, OPT_NEXT_SA, OPT_PEER, OPT_SPI_IN,
	OPT_SPI_OUT, OPT_KEYMAT, OPT_SRC_PORT,
	OPT_X25519_KEY, OPT_SHOW_KEYS, OPT_TO, OPT_PORT, OPT_FROM, OPT_DEV,
	OPT_WAIT, OPT_RETRIES,
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

		addr_str(&sas[i].p.peer, addr, sizeof(addr));
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


static int cmd_build(int argc, char **argv)
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

	if (load_psk(psk_file, psk, &psk_len))
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

/* ---------------------------------------------------------------------- */
/* Decoding and printing                                                   */
/* ---------------------------------------------------------------------- */

struct keys {
	const uint8_t *psk;
	size_t psk_len;
	const uint8_t *x25519;		/* private key */
	int show_keys;
};

/* per message: outcome of verification and unwrapping */
struct verdict {
	int auth;			/* 1 ok, 0 not checked, <0 -errno */
	int unwrap_fail;		/* number of SAs that failed */
};

static const char *auth_str(int auth)
{
	switch (auth) {
	case 1:
		return "verified";
	case 0:
		return "not verified (no --psk-file)";
	case -ENOKEY:
		return "absent";
	case -EPROTO:
		return "FAILED (not delayed/HMAC-SHA256/RDM 0)";
	case -EBADMSG:
		return "FAILED (HMAC mismatch)";
	default:
		return "FAILED";
	}
}

static void print_status_text(const char *prefix, const struct psac_status *st)
{
	char msg[512];

	psac_printable(st->msg, st->msg_len, msg, sizeof(msg));
	printf("%s%s (%u)%s%s%s\n", prefix, psac_status_name(st->code),
	       st->code, st->msg_len ? " \"" : "", msg,
	       st->msg_len ? "\"" : "");
}

static void json_status(struct psac_json *j, const char *key,
			const struct psac_status *st)
{
	psac_json_obj_open(j, key);
	psac_json_u64(j, "code", st->code);
	psac_json_str(j, "name", psac_status_name(st->code));
	{
		char msg[512];

		psac_printable(st->msg, st->msg_len, msg, sizeof(msg));
		psac_json_str(j, "message", msg);
	}
	psac_json_obj_close(j);
}

static void hexline(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02x", p[i]);
}

/* unwrap SA i if we have the key: 1 ok, 0 no key, <0 failure */
static int try_unwrap(const struct psac_msg *m, unsigned int i,
		      const struct keys *k, uint8_t *km, size_t *kl)
{
	const struct psac_sa_in *sa = &m->sa[i];
	int ret;

	if (!sa->prot_len)
		return 0;

	if (sa->p.key_prot_alg == PSAC_KEYPROT_PSK && k->psk)
		ret = psac_sa_unwrap_psk(m, i, k->psk, k->psk_len, km,
					 PSAC_KEYMAT_MAX, kl);
	else if (sa->p.key_prot_alg == PSAC_KEYPROT_X25519 && k->x25519)
		ret = psac_sa_unwrap_x25519(m, i, k->x25519, km,
					    PSAC_KEYMAT_MAX, kl);
	else
		return 0;
	return ret ? ret : 1;
}

static void print_sa_text(const struct psac_msg *m, unsigned int i,
			  const struct keys *k, struct verdict *vd)
{
	const struct psac_sa_in *sa = &m->sa[i];
	const struct psac_sa_params *p = &sa->p;
	const char *ulp = psac_ulp_name(p->ulp);
	uint8_t km[PSAC_KEYMAT_MAX];
	char addr[INET6_ADDRSTRLEN];
	size_t kl = 0;
	int u;

	addr_str(&p->peer, addr, sizeof(addr));
	printf("  sa %u: peer %s spi-i2r 0x%08x spi-r2i 0x%08x\n", i, addr,
	       p->spi_i2r, p->spi_r2i);
	printf("        proto %u mode %s encr %s (%u) bits %u integ %s (%u)\n",
	       p->protocol, psac_mode_name(p->mode),
	       psac_encr_name(p->encr_alg), p->encr_alg, p->encr_key_bits,
	       psac_integ_name(p->integ_alg), p->integ_alg);
	printf("        ulp %s%s%u sport/type %u dport/code %u lifetime ",
	       ulp ? ulp : "", ulp ? " " : "", p->ulp, p->sport, p->dport);
	if (p->lifetime == PSAC_LIFETIME_INFINITE)
		printf("infinite\n");
	else
		printf("%u%s\n", p->lifetime, p->lifetime ? "" : " (delete)");
	printf("        key-prot %s, protected key %u octets",
	       psac_keyprot_name(p->key_prot_alg), sa->prot_len);
	u = try_unwrap(m, i, k, km, &kl);
	if (u == 1) {
		printf(", unwraps to %zu octets of KEYMAT\n", kl);
		if (k->show_keys) {
			printf("        keymat ");
			hexline(km, kl);
			putchar('\n');
		}
	} else if (u < 0) {
		printf(", unwrap FAILED (%s)\n",
		       u == -EBADMSG ? "authentication" : strerror(-u));
		vd->unwrap_fail++;
	} else {
		putchar('\n');
	}
	psac_wipe(km, sizeof(km));
	if (sa->status.present)
		print_status_text("        status ", &sa->status);
}

static void json_sa(struct psac_json *j, const struct psac_msg *m,
		    unsigned int i, const struct keys *k, struct verdict *vd)
{
	const struct psac_sa_in *sa = &m->sa[i];
	const struct psac_sa_params *p = &sa->p;
	uint8_t km[PSAC_KEYMAT_MAX];
	char addr[INET6_ADDRSTRLEN];
	size_t kl = 0;
	int u;

	addr_str(&p->peer, addr, sizeof(addr));
	psac_json_obj_open(j, NULL);
	psac_json_str(j, "peer", addr);
	psac_json_u64(j, "spi_i2r", p->spi_i2r);
	psac_json_u64(j, "spi_r2i", p->spi_r2i);
	psac_json_u64(j, "protocol", p->protocol);
	psac_json_str(j, "mode", psac_mode_name(p->mode));
	psac_json_u64(j, "mode_num", p->mode);
	psac_json_str(j, "key_prot", psac_keyprot_name(p->key_prot_alg));
	psac_json_str(j, "encr", psac_encr_name(p->encr_alg));
	psac_json_u64(j, "encr_alg", p->encr_alg);
	psac_json_u64(j, "encr_key_bits", p->encr_key_bits);
	psac_json_str(j, "integ", psac_integ_name(p->integ_alg));
	psac_json_u64(j, "integ_alg", p->integ_alg);
	psac_json_u64(j, "ulp", p->ulp);
	psac_json_u64(j, "sport", p->sport);
	psac_json_u64(j, "dport", p->dport);
	psac_json_u64(j, "lifetime", p->lifetime);
	psac_json_u64(j, "protected_key_len", sa->prot_len);
	psac_json_bool(j, "in_sa_list", sa->in_list);
	u = try_unwrap(m, i, k, km, &kl);
	if (u == 1) {
		psac_json_str(j, "unwrap", "ok");
		psac_json_u64(j, "keymat_len", kl);
		if (k->show_keys)
			psac_json_hex(j, "keymat", km, kl);
	} else if (u < 0) {
		psac_json_str(j, "unwrap", "failed");
		vd->unwrap_fail++;
	}
	psac_wipe(km, sizeof(km));
	if (sa->status.present)
		json_status(j, "status", &sa->status);
	psac_json_obj_close(j);
}

static void print_msg(const uint8_t *buf, size_t len, const struct psac_msg *m,
		      const struct keys *k, struct verdict *vd,
		      const char *header)
{
	char realm[PSAC_REALM_MAX_LEN * 2 + 1], addr[INET6_ADDRSTRLEN];
	unsigned int i, q;

	vd->unwrap_fail = 0;
	if (!m->auth.present)
		vd->auth = -ENOKEY;
	else if (!k->psk)
		vd->auth = 0;
	else if (psac_msg_verify(buf, len, m, k->psk, k->psk_len) == 0)
		vd->auth = 1;
	else
		vd->auth = psac_msg_verify(buf, len, m, k->psk, k->psk_len);
	if (m->auth.present)
		psac_printable((const char *)m->auth.realm, m->auth.realm_len,
			       realm, sizeof(realm));

	if (psac_opts.json) {
		struct psac_json j;

		psac_json_init(&j, stdout, psac_opts.pretty);
		psac_json_obj_open(&j, NULL);
		if (header)
			psac_json_str(&j, "from", header);
		psac_json_str(&j, "type", psac_msg_type_name(m->type));
		psac_json_u64(&j, "msg_type", m->type);
		psac_json_u64(&j, "xid", m->xid);
		psac_json_u64(&j, "length", len);
		if (m->serverid)
			psac_json_hex(&j, "server_id", m->serverid,
				      m->serverid_len);
		if (m->clientid)
			psac_json_hex(&j, "client_id", m->clientid,
				      m->clientid_len);
		if (m->status.present)
			json_status(&j, "status", &m->status);
		if (m->auth.present) {
			psac_json_obj_open(&j, "auth");
			psac_json_u64(&j, "protocol", m->auth.proto);
			psac_json_u64(&j, "algorithm", m->auth.alg);
			psac_json_u64(&j, "rdm", m->auth.rdm);
			psac_json_u64(&j, "counter", m->auth.counter);
			psac_json_u64(&j, "key_id", m->auth.key_id);
			psac_json_str(&j, "realm", realm);
			if (vd->auth == 0)
				psac_json_null(&j, "verified");
			else
				psac_json_bool(&j, "verified", vd->auth == 1);
			psac_json_obj_close(&j);
		}
		if (m->has_pubkey) {
			psac_json_obj_open(&j, "client_pubkey");
			psac_json_u64(&j, "pk_alg", m->pk_alg);
			psac_json_hex(&j, "key", m->pubkey, m->pubkey_len);
			psac_json_obj_close(&j);
		}
		if (m->list_status.present)
			json_status(&j, "sa_list_status", &m->list_status);
		psac_json_arr_open(&j, "sas");
		for (i = 0; i < m->n_sa; i++)
			json_sa(&j, m, i, k, vd);
		psac_json_arr_close(&j);
		if (m->n_sareq) {
			psac_json_arr_open(&j, "sa_requests");
			for (i = 0; i < m->n_sareq; i++) {
				addr_str(&m->sareq[i].target, addr,
					 sizeof(addr));
				psac_json_obj_open(&j, NULL);
				psac_json_str(&j, "target", addr);
				psac_json_arr_open(&j, "params");
				for (q = 0; q < m->sareq[i].nparams; q++) {
					const struct psac_req_params *r =
						&m->sareq[i].params[q];

					psac_json_obj_open(&j, NULL);
					psac_json_u64(&j, "protocol", r->protocol);
					psac_json_u64(&j, "mode", r->mode);
					psac_json_u64(&j, "flags", r->flags);
					psac_json_str(&j, "encr", psac_encr_name(r->encr_alg));
					psac_json_u64(&j, "encr_key_bits", r->encr_key_bits);
					psac_json_str(&j, "integ", psac_integ_name(r->integ_alg));
					psac_json_u64(&j, "ulp", r->ulp);
					psac_json_u64(&j, "requestor_spi", r->requestor_spi);
					psac_json_u64(&j, "lifetime", r->lifetime);
					psac_json_u64(&j, "sport", r->sport);
					psac_json_u64(&j, "dport", r->dport);
					psac_json_obj_close(&j);
				}
				psac_json_arr_close(&j);
				psac_json_obj_close(&j);
			}
			psac_json_arr_close(&j);
		}
		psac_json_obj_close(&j);
		return;
	}

	if (header)
		printf("%s\n", header);
	printf("%s (%u) xid 0x%06x, %zu octets\n", psac_msg_type_name(m->type),
	       m->type, m->xid, len);
	if (m->serverid) {
		printf("  server-id ");
		hexline(m->serverid, m->serverid_len);
		putchar('\n');
	}
	if (m->clientid) {
		printf("  client-id ");
		hexline(m->clientid, m->clientid_len);
		putchar('\n');
	}
	if (m->status.present)
		print_status_text("  status ", &m->status);
	if (m->auth.present)
		printf("  auth protocol %u algorithm %u rdm %u counter %llu key-id %u realm \"%s\": %s\n",
		       m->auth.proto, m->auth.alg, m->auth.rdm,
		       (unsigned long long)m->auth.counter, m->auth.key_id,
		       realm, auth_str(vd->auth));
	else
		printf("  auth: none\n");
	if (m->has_pubkey) {
		printf("  client-pubkey alg %u ", m->pk_alg);
		hexline(m->pubkey, m->pubkey_len);
		putchar('\n');
	}
	for (i = 0; i < m->n_sareq; i++) {
		addr_str(&m->sareq[i].target, addr, sizeof(addr));
		printf("  sa-request %u: target %s\n", i, addr);
		for (q = 0; q < m->sareq[i].nparams; q++) {
			const struct psac_req_params *r = &m->sareq[i].params[q];

			printf("        proposal %u: proto %u mode %s flags 0x%04x encr %s bits %u integ %s ulp %u spi 0x%08x lifetime %u ports %u/%u\n",
			       q, r->protocol, psac_mode_name(r->mode),
			       r->flags, psac_encr_name(r->encr_alg),
			       r->encr_key_bits, psac_integ_name(r->integ_alg),
			       r->ulp, r->requestor_spi, r->lifetime,
			       r->sport, r->dport);
		}
	}
	if (m->list_status.present)
		print_status_text("  sa-list status ", &m->list_status);
	for (i = 0; i < m->n_sa; i++)
		print_sa_text(m, i, k, vd);
}

/* ---------------------------------------------------------------------- */
/* show                                                                    */
/* ---------------------------------------------------------------------- */

static int cmd_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "psk-file", required_argument, NULL, OPT_PSK_FILE },
		{ "x25519-key", required_argument, NULL, OPT_X25519_KEY },
		{ "show-keys", no_argument, NULL, OPT_SHOW_KEYS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *psk_file = NULL, *x_file = NULL, *file;
	uint8_t psk[PSAC_PSK_MAX_LEN], xkey[PSAC_X25519_KEY_LEN], *buf = NULL;
	struct keys k = { NULL, 0, NULL, 0 };
	struct psac_msg m;
	struct verdict vd;
	const char *why;
	size_t len, psk_len;
	int c, ret = PSAC_EXIT_FAIL;
	long n;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_PSK_FILE:
			psk_file = optarg;
			break;
		case OPT_X25519_KEY:
			x_file = optarg;
			break;
		case OPT_SHOW_KEYS:
			k.show_keys = 1;
			break;
		case 'h':
			help_saconf(stdout);
			return PSAC_EXIT_OK;
		default:
			return usage_err("bad option for 'saconf show'");
		}
	}
	if (optind + 1 != argc)
		return usage_err("show needs exactly one FILE");
	file = argv[optind];

	if (psk_file) {
		if (load_psk(psk_file, psk, &psk_len))
			return PSAC_EXIT_FAIL;
		k.psk = psk;
		k.psk_len = psk_len;
	}
	if (x_file) {
		n = psac_read_key_file(x_file, xkey, PSAC_X25519_KEY_LEN,
				       PSAC_X25519_KEY_LEN);
		if (n != PSAC_X25519_KEY_LEN) {
			psac_err("saconf: %s: not a 32-octet X25519 private key",
				 x_file);
			goto out;
		}
		k.x25519 = xkey;
	}
	c = psac_read_file(file, MSG_MAX, &buf, &len);
	if (c) {
		psac_err("saconf show: %s: %s", file, strerror(-c));
		goto out;
	}
	if (psac_msg_parse(buf, len, &m, &why)) {
		psac_err("saconf show: %s: malformed message: %s", file, why);
		goto out;
	}
	print_msg(buf, len, &m, &k, &vd, NULL);
	if (psac_msg_check(&m, &why))
		psac_warn("%s: %s", file, why);
	if (vd.auth < 0 && vd.auth != -ENOKEY)
		psac_err("saconf show: %s: authentication failed", file);
	else if (vd.unwrap_fail)
		psac_err("saconf show: %s: %d SA key(s) failed to unwrap",
			 file, vd.unwrap_fail);
	else
		ret = PSAC_EXIT_OK;
out:
	psac_wipe(psk, sizeof(psk));
	psac_wipe(xkey, sizeof(xkey));
	free(buf);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* send                                                                    */
/* ---------------------------------------------------------------------- */

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

	addr_str(&from6->sin6_addr, faddr, sizeof(faddr));
	snprintf(hdr, sizeof(hdr), "reply from [%s]:%u", faddr,
		 ntohs(from6->sin6_port));
	print_msg(buf, n, rep, sc->k, &vd, hdr);
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

static int cmd_send(int argc, char **argv)
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
		if (load_psk(psk_file, psk, &psk_len))
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

	addr_str(&dst.sin6_addr, dstr, sizeof(dstr));
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

/* ---------------------------------------------------------------------- */

int cmd_saconf(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "build", cmd_build },
		{ "show", cmd_show },
		{ "send", cmd_send },
	};
	unsigned int i, found = 0, hits = 0;

	if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "--help")) {
		help_saconf(argc < 2 ? stderr : stdout);
		return argc < 2 ? PSAC_EXIT_FAIL : PSAC_EXIT_OK;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (!strcmp(argv[1], cmds[i].name)) {
			found = i;
			hits = 1;
			break;
		}
		if (psac_matches(argv[1], cmds[i].name)) {
			found = i;
			hits++;
		}
	}
	if (hits != 1)
		return usage_err("unknown or ambiguous command '%s'", argv[1]);
	optind = 0;
	return cmds[found].fn(argc - 1, argv + 1);
}
