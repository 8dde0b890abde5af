// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac request: the requestor role of PSAC (docs/wire-format.md).
 *
 * Generates or loads an X25519 key, sends an Information-Request (or
 * Request) with CLIENTID, ORO{SA_LIST}, Elapsed Time, CLIENT_PUBKEY and one
 * SA_REQUEST{target, SA_REQ_PARAMS...} per target, waits for the Reply,
 * checks every granted SA against its proposals, unwraps the KEYMAT and
 * installs its side into XFRM over NETLINK_XFRM (xfrm.c): the outbound
 * I2R and inbound R2I states and both policies, selectors written from the
 * requestor's side.  --release hands a pair back: the server has the target
 * delete it (Lifetime 0) and the local states and policies go.
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
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "dhcp6msg.h"
#include "provision.h"
#include "request.h"
#include "sa_opts.h"
#include "util.h"
#include "xfrm.h"

void help_request(FILE *f)
{
	fputs(
"Usage: psac [-j] [-n NETNS] request --server ADDR[%IFNAME] --target ADDR\n"
"                  [--target ADDR]... [--key FILE] [--from ADDR]\n"
"                  [--dev IFNAME] [--port N] [--client-port N]\n"
"                  [--duid HEX] [--msg-request] [--timeout SECS]\n"
"                  [--no-install] [--reqid N] [--keymat-out FILE]\n"
"                  PROPOSAL [--or PROPOSAL]...\n"
"       psac [-j] [-n NETNS] request --release --spi SPI --server ADDR\n"
"                  --target ADDR [options as above]\n"
"\n"
"PROPOSAL := [--proto esp|N] [--mode transport|tunnel] [--encr ALG]\n"
"            [--bits N] [--integ ALG] [--ulp PROTO] [--sport N | --type N]\n"
"            [--dport N | --code N] [--lifetime SECS|infinite] [--spi SPI]\n"
"\n"
"The requestor role of PSAC (draft-madi-dhc-dhcpv6-psac,\n"
"docs/wire-format.md): ask a DHCPv6 server running 'psac server' for an IPsec\n"
"SA pair with a target server, and install this host's side of it.\n"
"\n"
"It sends an Information-Request from the address ESP will use (the\n"
"server puts the source address into the target's copy) and port 546 to\n"
"the server's port 547, with CLIENTID, ORO{SA_LIST}, Elapsed Time,\n"
"CLIENT_PUBKEY (X25519) and one SA_REQUEST per --target holding the\n"
"proposals in order of preference, retransmitted after 1, 2, 4, 8, 8...\n"
"seconds until the Reply comes or --timeout passes.  For every SA of the\n"
"Reply it prints the status; a granted SA must be one of the proposals\n"
"(same algorithms, key size, mode and selectors, no longer lifetime, the\n"
"asked target as Peer-Address); its KEYMAT is unwrapped with the private\n"
"key (X25519 + HKDF-SHA256 + AES-256-GCM bound to the SA parameters and\n"
"the transaction-id) and installed over NETLINK_XFRM, as 'ip xfrm' would:\n"
"  state  src LOCAL dst TARGET spi SPI-I2R   (outbound, Ke/Ka I2R)\n"
"  state  src TARGET dst LOCAL spi SPI-R2I   (inbound, Ke/Ka R2I)\n"
"  policy src LOCAL/128 dst TARGET/128 [proto P [sport S] [dport D]] dir out\n"
"  policy src TARGET/128 dst LOCAL/128 [proto P [sport D] [dport S]] dir in\n"
"with an ESP template and the pair's reqid, lifetimes as granted (the\n"
"kernel removes states and policies when they run out; soft expiry at\n"
"90%).  Selectors are written from the requestor's side: --sport is this\n"
"host's port, --dport the target's.  ICMPv6 type and code are --type and\n"
"--code, the Mobility Header type --type (Linux 6.8 and later cannot match\n"
"the MH type of inbound packets: the inbound policy then matches any MH\n"
"type).  The policies are installed with XFRM_MSG_UPDPOLICY: a pair with\n"
"the same selectors is replaced and its old states are removed.\n"
"\n"
"Options:\n"
"  --server ADDR[%IF]  the DHCPv6 server (unicast, or ff02::1:2%IFNAME)\n"
"  --target ADDR       a target server; repeat for several (one SA_REQUEST\n"
"                      each, the same proposals)\n"
"  --key FILE          the X25519 private key (32 octets, hex text or raw);\n"
"                      created (mode 0600) when FILE does not exist.\n"
"                      Default: a fresh key for this run only\n"
"  --from ADDR         the local address (default: the one the routing\n"
"                      table picks towards the first target)\n"
"  --dev IFNAME        bind to this interface\n"
"  --port N            the server's port (547)\n"
"  --client-port N     the local port (546; 0 = any)\n"
"  --duid HEX          the CLIENTID (default: DUID-EN 32473 with 8 octets\n"
"                      of SHA-256 of the public key)\n"
"  --msg-request       send a Request (3) instead of an Information-Request\n"
"  --timeout SECS      give up after SECS seconds (default 30: a server\n"
"                      retries an unanswering target for 18 s)\n"
"  --no-install        print (and --keymat-out) only, change nothing\n"
"  --reqid N           the reqid of the states and templates (default:\n"
"                      the pair's SPI-R2I)\n"
"  --keymat-out FILE   write the granted keys (mode 0600) as sh variable\n"
"                      assignments: PSAC_NSA, PSAC_XID and per SA\n"
"                      PSAC_SA<i>_{TARGET,LOCAL,STATUS,SPI_I2R,SPI_R2I,\n"
"                      MODE,ENCR,ENCR_BITS,INTEG,ULP_NUM,SPORT,DPORT,\n"
"                      LIFETIME,KEYMAT,KE_I2R,KA_I2R,KE_R2I,KA_R2I,\n"
"                      XFRM_ENC,XFRM_AEAD,XFRM_ICV,XFRM_AUTH,XFRM_TRUNC}\n"
"  --release           release the pair whose SPI-R2I is --spi: a proposal\n"
"                      with Lifetime 0 and Requestor-SPI SPI; the server\n"
"                      has the target delete its side, then the local\n"
"                      states and policies of that pair are removed\n"
"                      (whatever the server answered, unless --no-install)\n"
"Proposal options (as in 'psac saconf build'; --or starts the next\n"
"proposal, which inherits the previous one):\n"
"  --proto P           esp (default) or a number\n"
"  --mode M            transport (default) or tunnel\n"
"  --encr ALG          aes-gcm-16 (default), aes-cbc, chacha20-poly1305,\n"
"                      3des, null or an IKEv2 transform ID\n"
"  --bits N            key bits (default 128 for AES, 256 for ChaCha20)\n"
"  --integ ALG         none (AEAD), hmac-sha2-256-128 (default without\n"
"                      AEAD), hmac-sha1-96, aes-xcbc-96\n"
"  --ulp PROTO         any (default), tcp, udp, icmpv6, mh or a number\n"
"  --sport N, --type N this host's port; ICMPv6 or MH type\n"
"  --dport N, --code N the target's port; ICMPv6 code\n"
"  --lifetime S        seconds or 'infinite' (default: the server decides)\n"
"  --spi SPI           Requestor-SPI: the SPI-R2I wanted (default: any)\n"
"\n"
"Output, one line per item (with -j one JSON object):\n"
"  sa I target T: granted (proposal K): spi-i2r S spi-r2i S PARAMS\n"
"    installed state src A dst B proto esp spi S reqid R mode M (outbound)\n"
"    installed policy src A/128 dst B/128 ... dir out tmpl esp reqid R\n"
"  sa I target T: refused: STATUS (CODE) \"server's reason\"\n"
"  sa I target T: released spi-i2r S spi-r2i S\n"
"\n"
"The Reply is not authenticated (the draft gives the server no key of its\n"
"own); use PSAC on a link where the DHCPv6 server is trusted.  Keys are\n"
"never printed; installing needs CAP_NET_ADMIN.\n"
"\n"
"Exit status: 0 every SA granted (and installed), 1 a refusal, a grant that\n"
"does not match the proposals, an unwrap or install failure, bad usage,\n"
"3 no Reply within --timeout.\n"
"\n"
"Examples:\n"
"  psac request --server 2001:db8:1::2 --target 2001:db8:2::1 \\\n"
"       --encr aes-gcm-16 --bits 256 --ulp udp --dport 53 \\\n"
"       --or --encr aes-cbc --bits 128 --integ hmac-sha2-256-128\n"
"  psac request --release --spi 0x5e6f7a8b --server 2001:db8:1::2 \\\n"
"       --target 2001:db8:2::1\n", f);
}

#define usage_err(...)	psac_usage_err("request", __VA_ARGS__)

enum {
	OPT_SERVER = 256, OPT_TARGET, OPT_KEY, OPT_FROM, OPT_DEV, OPT_PORT,
	OPT_CPORT, OPT_DUID, OPT_MSGREQ, OPT_TIMEOUT, OPT_NOINSTALL,
	OPT_REQID, OPT_KEYMAT_OUT, OPT_RELEASE, OPT_OR, OPT_SPI,
};

static int finish_prop(struct prop *p, unsigned int idx, int release)
{
	size_t e, a;

	if (!p->have_bits)
		p->r.encr_key_bits = psac_default_key_bits(p->r.encr_alg);
	if (!p->have_integ)
		p->r.integ_alg = psac_default_integ(p->r.encr_alg);
	if (release)
		return 0;
	if (p->r.lifetime == 0)
		return usage_err("proposal %u: --lifetime 0 is --release", idx + 1);
	if (p->r.requestor_spi && p->r.requestor_spi < PSAC_ESP_SPI_MIN)
		return usage_err("proposal %u: --spi below 256 (reserved by RFC 4303)",
				 idx + 1);
	if (p->r.protocol == PSAC_PROTO_ESP &&
	    psac_keymat_layout(p->r.encr_alg, p->r.encr_key_bits,
			       p->r.integ_alg, &e, &a))
		return usage_err("proposal %u: %s with %u-bit keys and integrity %s is not an ESP transform psac knows",
				 idx + 1, psac_encr_name(p->r.encr_alg),
				 p->r.encr_key_bits,
				 psac_integ_name(p->r.integ_alg));
	return 0;
}


/* server ADDR[%IF] */
static int parse_server(const char *s, const char *dev,
			struct sockaddr_in6 *sa, uint16_t port)
{
	char host[INET6_ADDRSTRLEN + IF_NAMESIZE + 2], *pct;

	memset(sa, 0, sizeof(*sa));
	sa->sin6_family = AF_INET6;
	sa->sin6_port = htons(port);
	snprintf(host, sizeof(host), "%s", s);
	pct = strchr(host, '%');
	if (pct)
		*pct++ = '\0';
	if (inet_pton(AF_INET6, host, &sa->sin6_addr) != 1)
		return -EINVAL;
	if (!pct)
		pct = (char *)dev;
	if (pct && (IN6_IS_ADDR_LINKLOCAL(&sa->sin6_addr) ||
		    IN6_IS_ADDR_MC_LINKLOCAL(&sa->sin6_addr))) {
		sa->sin6_scope_id = if_nametoindex(pct);
		if (!sa->sin6_scope_id)
			return -ENODEV;
	} else if (IN6_IS_ADDR_LINKLOCAL(&sa->sin6_addr) ||
		   IN6_IS_ADDR_MC_LINKLOCAL(&sa->sin6_addr)) {
		return -ENODEV;
	}
	return 0;
}

/* The source address the routing table picks towards dst. */
static int route_source(const struct in6_addr *dst, struct in6_addr *src)
{
	struct sockaddr_in6 sa, me;
	socklen_t len = sizeof(me);
	int fd, ret = 0;

	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sin6_family = AF_INET6;
	sa.sin6_addr = *dst;
	sa.sin6_port = htons(9);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&me, &len) < 0)
		ret = -errno;
	else
		*src = me.sin6_addr;
	close(fd);
	return ret;
}

/* X25519 key: load, or create the file */
static int load_key(const char *path, uint8_t priv[PSAC_X25519_KEY_LEN],
		    uint8_t pub[PSAC_X25519_KEY_LEN], int *created)
{
	struct stat st;
	long n;
	int ret;

	*created = 0;
	if (!path)
		return psac_x25519_keygen(priv, pub) ? -EIO : 0;
	if (stat(path, &st) < 0 && errno == ENOENT) {
		char hex[2 * PSAC_X25519_KEY_LEN + 2];

		if (psac_x25519_keygen(priv, pub))
			return -EIO;
		psac_hex_encode(priv, PSAC_X25519_KEY_LEN, hex);
		strcat(hex, "\n");
		ret = psac_write_file(path, hex, strlen(hex), 0600);
		psac_wipe(hex, sizeof(hex));
		if (ret)
			return ret;
		*created = 1;
		return 0;
	}
	n = psac_read_key_file(path, priv, PSAC_X25519_KEY_LEN,
			       PSAC_X25519_KEY_LEN);
	if (n == -EMSGSIZE)
		return -EMSGSIZE;
	if (n < 0)
		return (int)n;
	return psac_x25519_public(priv, pub) ? -EIO : 0;
}

int cmd_request(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "server", required_argument, NULL, OPT_SERVER },
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "key", required_argument, NULL, OPT_KEY },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "dev", required_argument, NULL, OPT_DEV },
		{ "port", required_argument, NULL, OPT_PORT },
		{ "client-port", required_argument, NULL, OPT_CPORT },
		{ "duid", required_argument, NULL, OPT_DUID },
		{ "msg-request", no_argument, NULL, OPT_MSGREQ },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "no-install", no_argument, NULL, OPT_NOINSTALL },
		{ "reqid", required_argument, NULL, OPT_REQID },
		{ "keymat-out", required_argument, NULL, OPT_KEYMAT_OUT },
		{ "release", no_argument, NULL, OPT_RELEASE },
		{ "or", no_argument, NULL, OPT_OR },
		{ "next-proposal", no_argument, NULL, OPT_OR },
		PSAC_SA_LONGOPTS,
		{ "spi", required_argument, NULL, OPT_SPI },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *server = NULL, *key_file = NULL, *from = NULL;
	const char *keymat_out = NULL;
	uint16_t sport = PSAC_DHCP6_SERVER_PORT;
	uint32_t reqid = 0;
	int have_reqid = 0, install = 1, c, v, ret = PSAC_EXIT_FAIL;
	int created = 0;
	struct req_ctx *ctx;
	struct result *res = NULL;
	struct psac_msg *rep = NULL;
	uint8_t *rbuf = NULL;
	struct prop *cur;
	size_t rlen = 0;
	long l;

	if (argc > 1 && !strcmp(argv[1], "help")) {
		help_request(stdout);
		return PSAC_EXIT_OK;
	}
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return PSAC_EXIT_FAIL;
	ctx->cport = PSAC_DHCP6_CLIENT_PORT;
	ctx->msg_type = PSAC_DHCP6_MSG_INFO_REQUEST;
	ctx->timeout_s = 30;
	ctx->nprops = 1;
	cur = &ctx->props[0];
	cur->r.protocol = PSAC_PROTO_ESP;
	cur->r.mode = PSAC_MODE_TRANSPORT;
	cur->r.encr_alg = PSAC_ENCR_AES_GCM_16;
	cur->r.lifetime = PSAC_LIFETIME_INFINITE;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		ret = psac_sa_opt("request", c, optarg, PSAC_SA_FIELDS(&cur->r));
		if (ret > 0)
			goto out;
		if (!ret) {
			/* a new cipher brings its own default key size and integrity */
			if (c == PSAC_SA_OPT_ENCR)
				cur->have_bits = cur->have_integ = 0;
			else if (c == PSAC_SA_OPT_BITS)
				cur->have_bits = 1;
			else if (c == PSAC_SA_OPT_INTEG)
				cur->have_integ = 1;
			continue;
		}
		ret = PSAC_EXIT_FAIL;
		switch (c) {
		case OPT_SERVER:
			server = optarg;
			break;
		case OPT_TARGET:
			if (ctx->ntargets >= MAX_TARGETS) {
				ret = usage_err("at most %d targets", MAX_TARGETS);
				goto out;
			}
			if (inet_pton(AF_INET6, optarg,
				      &ctx->targets[ctx->ntargets]) != 1) {
				ret = usage_err("bad --target '%s' (an IPv6 address)",
						optarg);
				goto out;
			}
			ctx->ntargets++;
			break;
		case OPT_KEY:
			key_file = optarg;
			break;
		case OPT_FROM:
			from = optarg;
			break;
		case OPT_DEV:
			ctx->dev = optarg;
			break;
		case OPT_PORT:
			if (psac_parse_u16(optarg, &sport) || !sport) {
				ret = usage_err("bad --port '%s' (1..65535)", optarg);
				goto out;
			}
			break;
		case OPT_CPORT:
			if (psac_parse_u16(optarg, &ctx->cport)) {
				ret = usage_err("bad --client-port '%s' (0..65535)",
						optarg);
				goto out;
			}
			break;
		case OPT_DUID:
			l = psac_hex_decode(optarg, ctx->duid, sizeof(ctx->duid));
			if (l < 2) {
				ret = usage_err("bad --duid '%s' (hex, 2..130 octets)",
						optarg);
				goto out;
			}
			ctx->duid_len = (size_t)l;
			break;
		case OPT_MSGREQ:
			ctx->msg_type = PSAC_DHCP6_MSG_REQUEST;
			break;
		case OPT_TIMEOUT:
			if (psac_parse_u32(optarg, &ctx->timeout_s) ||
			    !ctx->timeout_s || ctx->timeout_s > 86400) {
				ret = usage_err("bad --timeout '%s' (1..86400 seconds)",
						optarg);
				goto out;
			}
			break;
		case OPT_NOINSTALL:
			install = 0;
			break;
		case OPT_REQID:
			if (psac_parse_u32(optarg, &reqid) || !reqid) {
				ret = usage_err("bad --reqid '%s' (1..4294967295)",
						optarg);
				goto out;
			}
			have_reqid = 1;
			break;
		case OPT_KEYMAT_OUT:
			keymat_out = optarg;
			break;
		case OPT_RELEASE:
			ctx->release = 1;
			break;
		case OPT_OR:
			if (ctx->nprops >= MAX_PROPS) {
				ret = usage_err("at most %d proposals", MAX_PROPS);
				goto out;
			}
			if ((ret = finish_prop(cur, ctx->nprops - 1, 0)))
				goto out;
			ctx->props[ctx->nprops] = *cur;
			cur = &ctx->props[ctx->nprops++];
			cur->r.requestor_spi = 0;
			ret = PSAC_EXIT_FAIL;
			break;
		case OPT_SPI:
			if (psac_parse_u32(optarg, &cur->r.requestor_spi)) {
				ret = usage_err("bad --spi '%s'", optarg);
				goto out;
			}
			break;
		case 'h':
			help_request(stdout);
			ret = PSAC_EXIT_OK;
			goto out;
		default:
			ret = usage_err("bad option");
			goto out;
		}
	}
	if (optind < argc) {
		ret = usage_err("unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (!server || !ctx->ntargets) {
		ret = usage_err("needs --server and --target");
		goto out;
	}
	if (ctx->release) {
		if (ctx->nprops != 1 || !cur->r.requestor_spi) {
			ret = usage_err("--release needs --spi SPI (the pair's SPI-R2I) and no --or");
			goto out;
		}
		cur->r.lifetime = 0;
	}
	if ((ret = finish_prop(cur, ctx->nprops - 1, ctx->release)))
		goto out;
	ret = PSAC_EXIT_FAIL;
	if (parse_server(server, ctx->dev, &ctx->server, sport)) {
		ret = usage_err("bad --server '%s' (IPv6 address; link-local and ff02::1:2 need %%IFNAME or --dev)",
				server);
		goto out;
	}
	if (from) {
		if (inet_pton(AF_INET6, from, &ctx->local) != 1) {
			ret = usage_err("bad --from '%s' (an IPv6 address)", from);
			goto out;
		}
	} else {
		v = route_source(&ctx->targets[0], &ctx->local);
		if (v) {
			char t[INET6_ADDRSTRLEN];

			psac_addr6_str(&ctx->targets[0], t);
			psac_err("request: no route to the target %s (%s); give --from",
				 t, strerror(-v));
			goto out;
		}
	}

	v = load_key(key_file, ctx->priv, ctx->pub, &created);
	if (v) {
		if (v == -EMSGSIZE)
			psac_err("request: %s: not a 32-octet X25519 private key",
				 key_file);
		else
			psac_err("request: %s: %s", key_file ? key_file : "key",
				 strerror(-v));
		goto out;
	}
	if (created && psac_opts.verbose)
		fprintf(stderr, "psac: created X25519 key %s\n", key_file);
	if (!ctx->duid_len)
		ctx->duid_len = psac_duid_en(ctx->duid, ctx->pub,
					     sizeof(ctx->pub));
	{
		uint8_t r[3];

		if (psac_random(r, sizeof(r))) {
			psac_err("request: the random number generator failed");
			goto out;
		}
		ctx->xid = (uint32_t)r[0] << 16 | (uint32_t)r[1] << 8 | r[2];
	}

	rbuf = malloc(MSG_MAX);
	rep = malloc(sizeof(*rep));
	res = calloc(MAX_TARGETS, sizeof(*res));
	if (!rbuf || !rep || !res)
		goto out;
	ret = psac_req_exchange(ctx, rbuf, &rlen, rep);
	if (ret)
		goto out;
	v = psac_req_process(ctx, rep, res, install, reqid, have_reqid);
	if (psac_opts.json)
		psac_req_print_json(res, ctx->ntargets, ctx->xid, server, &ctx->local,
				    ctx->release);
	else
		psac_req_print_text(ctx, res, install);
	if (psac_opts.json) {
		unsigned int i;

		for (i = 0; i < ctx->ntargets; i++) {
			char t[INET6_ADDRSTRLEN];

			psac_addr6_str(&res[i].target, t);
			if (res[i].error[0])
				psac_err("request: sa %u target %s: %s", i, t,
					 res[i].error);
		}
	}
	if (keymat_out && !ctx->release) {
		int w = psac_req_write_keymat_env(keymat_out, res, ctx->ntargets,
						  ctx->xid, &ctx->local);

		if (w) {
			psac_err("request: %s: %s", keymat_out, strerror(-w));
			v++;
		}
	}
	ret = v ? PSAC_EXIT_FAIL : PSAC_EXIT_OK;
out:
	if (res) {
		psac_wipe_free(res, MAX_TARGETS * sizeof(*res));
	}
	free(rep);
	free(rbuf);
	psac_wipe_free(ctx, sizeof(*ctx));
	return ret;
}
