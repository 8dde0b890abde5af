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
#include "sa_opts.h"
#include "util.h"
#include "xfrm.h"

#define MSG_MAX		65535
#define MAX_TARGETS	PSAC_MSG_MAX_SAREQ
#define MAX_PROPS	PSAC_SAREQ_MAX_PARAMS
#define RT_FIRST_MS	1000	/* RFC 8415 INF_TIMEOUT */
#define RT_MAX_MS	8000

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

struct prop {
	struct psac_req_params r;
	int have_bits, have_integ;
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

/*
 * No supported kernel matches the MH type of inbound packets: 6.1 reads it
 * past the Mobility Header, 6.8+ decodes flows with the flow dissector
 * (kmod/compat.h, docs/target.md), so inbound MH policies match any type.
 */
static int kernel_in_mh_type_match(void)
{
	return 0;
}

static void a6(const struct in6_addr *a, char *buf)
{
	if (!inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN))
		strcpy(buf, "?");
}

static int elapsed_ms(long long t0)
{
	return (int)(psac_mono_ms() - t0);
}

/* ---------------------------------------------------------------------- */
/* Results                                                                 */
/* ---------------------------------------------------------------------- */

struct result {
	struct in6_addr target;
	uint16_t status;
	char msg[256];
	int granted;			/* key unwrapped, proposal matched */
	int proposal;
	struct psac_sa_params p;
	uint8_t keymat[PSAC_KEYMAT_MAX];
	size_t keymat_len;
	int installed;
	uint32_t reqid;
	struct psac_xfrm_report rep;
	char error[512];		/* local failure */
};

static int write_keymat_env(const char *path, const struct result *res,
			    unsigned int n, uint32_t xid,
			    const struct in6_addr *local)
{
	char *text = NULL, a[INET6_ADDRSTRLEN];
	size_t len = 0;
	unsigned int i;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f)
		return -ENOMEM;
	fprintf(f, "# psac request: keys of the Reply to xid 0x%06x (requestor's side)\n"
		   "# sh syntax; SPI_I2R is this host->target, SPI_R2I target->this host\n"
		   "PSAC_XID=0x%06x\nPSAC_NSA=%u\n", xid, xid, n);
	a6(local, a);
	for (i = 0; i < n; i++) {
		const struct result *r = &res[i];
		char t[INET6_ADDRSTRLEN];

		a6(&r->target, t);
		fprintf(f, "PSAC_SA%u_TARGET=%s\nPSAC_SA%u_LOCAL=%s\n", i, t, i,
			a);
		fprintf(f, "PSAC_SA%u_STATUS=%u\n", i, r->status);
		if (r->granted)
			psac_env_sa(f, i, &r->p, r->keymat, r->keymat_len);
	}
	return psac_write_secret_stream(f, &text, &len, path);
}

static const char *mode_word(uint8_t mode)
{
	return mode == PSAC_MODE_TUNNEL ? "tunnel" : "transport";
}

static void print_installed(const struct result *r, const struct in6_addr *local,
			    int in_mh)
{
	struct psac_xfrm_pair pr;
	struct xfrm_selector sel;
	char l[INET6_ADDRSTRLEN], t[INET6_ADDRSTRLEN], s[256];
	const char *verb = r->installed ? "installed" : "would install";

	memset(&pr, 0, sizeof(pr));
	pr.local = *local;
	pr.peer = r->target;
	pr.p = r->p;
	pr.reqid = r->reqid;
	pr.in_mh_type_match = in_mh;
	a6(local, l);
	a6(&r->target, t);
	printf("  %s state src %s dst %s proto esp spi 0x%08x reqid %u mode %s (outbound)\n",
	       verb, l, t, r->p.spi_i2r, r->reqid, mode_word(r->p.mode));
	printf("  %s state src %s dst %s proto esp spi 0x%08x reqid %u mode %s (inbound)\n",
	       verb, t, l, r->p.spi_r2i, r->reqid, mode_word(r->p.mode));
	psac_xfrm_selector(&pr, 1, &sel);
	psac_xfrm_sel_str(&sel, s, sizeof(s));
	printf("  %s policy %s dir out tmpl esp reqid %u mode %s\n", verb, s,
	       r->reqid, mode_word(r->p.mode));
	psac_xfrm_selector(&pr, 0, &sel);
	psac_xfrm_sel_str(&sel, s, sizeof(s));
	printf("  %s policy %s dir in tmpl esp reqid %u mode %s\n", verb, s,
	       r->reqid, mode_word(r->p.mode));
	if (r->installed && r->rep.old_reqid)
		printf("  replaced the pair with reqid %u (%u old state%s removed)\n",
		       r->rep.old_reqid, r->rep.replaced,
		       r->rep.replaced == 1 ? "" : "s");
}

static void print_json(const struct result *res, unsigned int n,
		       uint32_t xid, const char *server,
		       const struct in6_addr *local, int release)
{
	struct psac_json j;
	char a[INET6_ADDRSTRLEN];
	unsigned int i;

	psac_json_init(&j, stdout, psac_opts.pretty);
	psac_json_obj_open(&j, NULL);
	psac_json_str(&j, "server", server);
	a6(local, a);
	psac_json_str(&j, "local", a);
	psac_json_u64(&j, "xid", xid);
	psac_json_arr_open(&j, "sas");
	for (i = 0; i < n; i++) {
		const struct result *r = &res[i];

		a6(&r->target, a);
		psac_json_obj_open(&j, NULL);
		psac_json_str(&j, "target", a);
		psac_json_u64(&j, "status", r->status);
		psac_json_str(&j, "status_name", psac_status_name(r->status));
		psac_json_str(&j, "message", r->msg);
		psac_json_bool(&j, "granted", r->granted);
		if (r->granted || (release && r->p.spi_r2i)) {
			psac_json_u64(&j, "spi_i2r", r->p.spi_i2r);
			psac_json_u64(&j, "spi_r2i", r->p.spi_r2i);
		}
		if (r->granted) {
			psac_json_u64(&j, "proposal", (uint64_t)r->proposal + 1);
			psac_json_str(&j, "mode", psac_mode_name(r->p.mode));
			psac_json_str(&j, "encr", psac_encr_name(r->p.encr_alg));
			psac_json_u64(&j, "encr_key_bits", r->p.encr_key_bits);
			psac_json_str(&j, "integ",
				      psac_integ_name(r->p.integ_alg));
			psac_json_u64(&j, "ulp", r->p.ulp);
			psac_json_u64(&j, "sport", r->p.sport);
			psac_json_u64(&j, "dport", r->p.dport);
			if (r->p.lifetime == PSAC_LIFETIME_INFINITE)
				psac_json_null(&j, "lifetime");
			else
				psac_json_u64(&j, "lifetime", r->p.lifetime);
			psac_json_u64(&j, "reqid", r->reqid);
			psac_json_bool(&j, "installed", r->installed);
		}
		if (release) {
			psac_json_u64(&j, "states_removed", r->rep.states);
			psac_json_u64(&j, "policies_removed", r->rep.policies);
		}
		if (r->error[0])
			psac_json_str(&j, "error", r->error);
		psac_json_obj_close(&j);
	}
	psac_json_arr_close(&j);
	psac_json_obj_close(&j);
}

/* ---------------------------------------------------------------------- */

struct req_ctx {
	struct sockaddr_in6 server;
	struct in6_addr local;
	uint16_t cport;
	const char *dev;
	unsigned int ntargets;
	struct in6_addr targets[MAX_TARGETS];
	unsigned int nprops;
	struct prop props[MAX_PROPS];
	uint8_t priv[PSAC_X25519_KEY_LEN], pub[PSAC_X25519_KEY_LEN];
	uint8_t duid[PSAC_DUID_MAX_LEN];
	size_t duid_len;
	uint8_t msg_type;
	uint32_t timeout_s;
	uint32_t xid;
	int release;
};

/* Send the request until a Reply for it arrives: 0, or the exit code. */
static int exchange(struct req_ctx *c, uint8_t *rbuf, size_t *rlen,
		    struct psac_msg *rep)
{
	struct psac_req_params params[MAX_PROPS];
	struct psac_sareq_out reqs[MAX_TARGETS];
	struct sockaddr_in6 src;
	uint8_t *msg;
	size_t len, eoff;
	long long t0, next_tx;
	int fd = -1, one = 1, rt = RT_FIRST_MS, ret = PSAC_EXIT_FAIL;
	unsigned int i, sent = 0;
	char sa[INET6_ADDRSTRLEN];

	for (i = 0; i < c->nprops; i++)
		params[i] = c->props[i].r;
	for (i = 0; i < c->ntargets; i++) {
		reqs[i].target = c->targets[i];
		reqs[i].params = params;
		reqs[i].nparams = c->nprops;
	}
	msg = malloc(MSG_MAX);
	if (!msg)
		return PSAC_EXIT_FAIL;
	if (psac_build_sa_request(msg, MSG_MAX, &len, c->msg_type, c->xid,
				  c->duid, c->duid_len, c->pub, reqs,
				  c->ntargets)) {
		psac_err("request: cannot build the request");
		goto out;
	}
	/* Elapsed Time value: header, CLIENTID, ORO{1 code}, option header */
	eoff = PSAC_DHCP6_HDR_LEN + PSAC_DHCP6_OPT_HDR_LEN + c->duid_len +
	       PSAC_DHCP6_OPT_HDR_LEN + 2 + PSAC_DHCP6_OPT_HDR_LEN;

	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		psac_err("request: socket: %s", strerror(errno));
		goto out;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (c->dev && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, c->dev,
				 (socklen_t)strlen(c->dev) + 1) < 0) {
		psac_err("request: bind to device %s: %s", c->dev,
			 strerror(errno));
		goto out;
	}
	memset(&src, 0, sizeof(src));
	src.sin6_family = AF_INET6;
	src.sin6_addr = c->local;
	src.sin6_port = htons(c->cport);
	a6(&c->local, sa);
	if (bind(fd, (struct sockaddr *)&src, sizeof(src)) < 0) {
		psac_err("request: bind to [%s]:%u: %s%s", sa, c->cport,
			 strerror(errno),
			 errno == EACCES ? " (ports below 1024 need root; try --client-port 0)" :
			 errno == EADDRNOTAVAIL ? " (not an address of this host)" :
			 "");
		goto out;
	}

	t0 = psac_mono_ms();
	next_tx = t0;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct sockaddr_in6 from;
		socklen_t flen = sizeof(from);
		const char *why;
		long long now = psac_mono_ms();
		int left = (int)c->timeout_s * 1000 - elapsed_ms(t0), wait;
		ssize_t n;

		if (left <= 0)
			break;
		if (now >= next_tx) {
			int cs = (int)((now - t0) / 10);
			char dst[INET6_ADDRSTRLEN];

			if (cs > 0xffff)
				cs = 0xffff;
			if (eoff + 2 <= len) {
				msg[eoff] = (uint8_t)(cs >> 8);
				msg[eoff + 1] = (uint8_t)cs;
			}
			a6(&c->server.sin6_addr, dst);
			if (sendto(fd, msg, len, 0,
				   (struct sockaddr *)&c->server,
				   sizeof(c->server)) < 0)
				psac_warn("request: sending to [%s]:%u: %s", dst,
					  ntohs(c->server.sin6_port),
					  strerror(errno));
			else if (psac_opts.verbose)
				fprintf(stderr, "psac: sent %s xid 0x%06x (%zu octets) from [%s]:%u to [%s]:%u\n",
					psac_msg_type_name(c->msg_type), c->xid,
					len, sa, c->cport, dst,
					ntohs(c->server.sin6_port));
			sent++;
			next_tx = now + rt;
			rt = rt * 2 > RT_MAX_MS ? RT_MAX_MS : rt * 2;
		}
		wait = (int)(next_tx - now);
		if (wait > left)
			wait = left;
		if (wait < 0)
			wait = 0;
		if (poll(&pfd, 1, wait) <= 0)
			continue;
		n = recvfrom(fd, rbuf, MSG_MAX, 0, (struct sockaddr *)&from,
			     &flen);
		if (n < 0)
			continue;
		if (psac_msg_parse(rbuf, (size_t)n, rep, &why)) {
			if (psac_opts.verbose)
				fprintf(stderr, "psac: ignoring a malformed datagram: %s\n",
					why);
			continue;
		}
		if (rep->type != PSAC_DHCP6_MSG_REPLY || rep->xid != c->xid) {
			if (psac_opts.verbose)
				fprintf(stderr, "psac: ignoring %s xid 0x%06x\n",
					psac_msg_type_name(rep->type),
					rep->xid);
			continue;
		}
		if (psac_msg_check(rep, &why) ||
		    (rep->clientid && (rep->clientid_len != c->duid_len ||
				       memcmp(rep->clientid, c->duid,
					      c->duid_len)))) {
			if (psac_opts.verbose)
				fprintf(stderr, "psac: ignoring a Reply: %s\n",
					why ? why : "CLIENTID is not ours");
			continue;
		}
		*rlen = (size_t)n;
		ret = 0;
		goto out;
	}
	if (psac_opts.json)
		printf("{\"timeout\":true,\"xid\":%u,\"sent\":%u}\n", c->xid, sent);
	a6(&c->server.sin6_addr, sa);
	psac_err("request: no Reply from [%s]:%u within %u s (%u transmission%s)",
		 sa, ntohs(c->server.sin6_port), c->timeout_s, sent,
		 sent == 1 ? "" : "s");
	ret = PSAC_EXIT_TIMEOUT;
out:
	if (fd >= 0)
		close(fd);
	free(msg);
	return ret;
}

/* Status of result i of the Reply, and its message. */
static uint16_t result_status(const struct psac_msg *rep, unsigned int i,
			      char *msg, size_t len)
{
	const struct psac_status *st = NULL;

	if (i < rep->n_sa && rep->sa[i].status.present)
		st = &rep->sa[i].status;
	else if (rep->status.present)
		st = &rep->status;
	else if (rep->list_status.present)
		st = &rep->list_status;
	if (!st) {
		msg[0] = '\0';
		return i < rep->n_sa && rep->sa[i].prot_len ?
		       PSAC_STATUS_SUCCESS : PSAC_STATUS_UNSPEC_FAIL;
	}
	psac_printable(st->msg, st->msg_len, msg, len);
	return st->code;
}

static int process(struct req_ctx *c, const struct psac_msg *rep,
		   struct result *res, int install, uint32_t reqid_opt,
		   int have_reqid)
{
	struct psac_req_params params[MAX_PROPS];
	struct psac_xfrm x;
	int xopen = 0, fails = 0, in_mh = kernel_in_mh_type_match();
	unsigned int i;

	for (i = 0; i < c->nprops; i++)
		params[i] = c->props[i].r;
	if (rep->n_sa != c->ntargets)
		psac_warn("request: asked for %u SA%s, the Reply has %u",
			  c->ntargets, c->ntargets == 1 ? "" : "s", rep->n_sa);

	for (i = 0; i < c->ntargets; i++) {
		struct result *r = &res[i];
		const char *why;
		int ret;

		memset(r, 0, sizeof(*r));
		r->target = c->targets[i];
		if (i >= rep->n_sa) {
			r->status = rep->status.present &&
				    rep->status.code != PSAC_STATUS_SUCCESS ?
				    rep->status.code : PSAC_STATUS_UNSPEC_FAIL;
			snprintf(r->msg, sizeof(r->msg), "not in the Reply");
			fails++;
			continue;
		}
		r->status = result_status(rep, i, r->msg, sizeof(r->msg));
		r->p = rep->sa[i].p;
		if (r->status != PSAC_STATUS_SUCCESS) {
			fails++;
			continue;
		}
		if (c->release) {
			if (rep->sa[i].p.lifetime != 0 ||
			    rep->sa[i].p.spi_r2i != c->props[0].r.requestor_spi)
				snprintf(r->error, sizeof(r->error),
					 "the server answered the release with another SA");
			continue;
		}
		if (rep->sa[i].p.key_prot_alg != PSAC_KEYPROT_X25519 ||
		    !rep->sa[i].prot_len) {
			snprintf(r->error, sizeof(r->error),
				 "granted without a key under our X25519 key (Key-Prot-Alg %u)",
				 rep->sa[i].p.key_prot_alg);
			fails++;
			continue;
		}
		ret = psac_sa_unwrap_x25519(rep, i, c->priv, r->keymat,
					    sizeof(r->keymat), &r->keymat_len);
		if (ret) {
			snprintf(r->error, sizeof(r->error),
				 "the key does not unwrap with our private key (%s)",
				 ret == -EBADMSG ? "authentication failed" :
				 strerror(-ret));
			fails++;
			continue;
		}
		r->proposal = psac_req_match_grant(params, c->nprops,
						   &c->targets[i], &r->p,
						   r->keymat_len, &why);
		if (r->proposal < 0) {
			snprintf(r->error, sizeof(r->error),
				 "the grant is not what we asked for: %s", why);
			psac_wipe(r->keymat, sizeof(r->keymat));
			fails++;
			continue;
		}
		r->granted = 1;
		r->reqid = have_reqid ? reqid_opt : r->p.spi_r2i;
		if (!install)
			continue;
		if (!xopen) {
			ret = psac_xfrm_open(&x);
			if (ret) {
				snprintf(r->error, sizeof(r->error),
					 "cannot open NETLINK_XFRM: %s",
					 strerror(-ret));
				fails++;
				continue;
			}
			xopen = 1;
		}
		{
			struct psac_xfrm_pair pr;

			memset(&pr, 0, sizeof(pr));
			pr.local = c->local;
			pr.peer = r->target;
			pr.p = r->p;
			pr.keymat = r->keymat;
			pr.keymat_len = r->keymat_len;
			pr.reqid = r->reqid;
			pr.in_mh_type_match = in_mh;
			ret = psac_xfrm_install(&x, &pr, &r->rep);
		}
		if (ret) {
			snprintf(r->error, sizeof(r->error),
				 "XFRM refused: %s: %s%s%s%s", r->rep.step,
				 strerror(-ret), r->rep.ext_msg[0] ? " (" : "",
				 r->rep.ext_msg, r->rep.ext_msg[0] ? ")" : "");
			if (ret == -EPERM)
				strncat(r->error, "; installing needs CAP_NET_ADMIN",
					sizeof(r->error) - strlen(r->error) - 1);
			fails++;
			continue;
		}
		r->installed = 1;
	}

	/* --release: the local side goes whatever the server said */
	for (i = 0; c->release && install && i < c->ntargets; i++) {
		struct result *r = &res[i];
		int ret;

		if (!xopen) {
			ret = psac_xfrm_open(&x);
			if (ret) {
				snprintf(r->error, sizeof(r->error),
					 "cannot open NETLINK_XFRM: %s",
					 strerror(-ret));
				fails++;
				continue;
			}
			xopen = 1;
		}
		ret = psac_xfrm_release(&x, &c->local, &r->target,
					c->props[0].r.requestor_spi, &r->rep);
		if (ret && ret != -ENOENT) {
			snprintf(r->error, sizeof(r->error),
				 "removing the local side: %s: %s", r->rep.step,
				 strerror(-ret));
			fails++;
		} else if (ret == -ENOENT) {
			snprintf(r->error, sizeof(r->error),
				 "no local inbound state with spi 0x%08x from %s",
				 c->props[0].r.requestor_spi, "the target");
		}
		if (!r->p.spi_i2r)
			r->p.spi_i2r = r->rep.found.spi_i2r;
	}
	if (xopen)
		psac_xfrm_close(&x);
	return fails;
}

static void print_text(const struct req_ctx *c, const struct result *res,
		       int install)
{
	int in_mh = kernel_in_mh_type_match();
	unsigned int i;

	for (i = 0; i < c->ntargets; i++) {
		const struct result *r = &res[i];
		char t[INET6_ADDRSTRLEN], params[200];

		a6(&r->target, t);
		if (r->status != PSAC_STATUS_SUCCESS) {
			printf("sa %u target %s: refused: %s (%u) \"%s\"\n", i, t,
			       psac_status_name(r->status), r->status, r->msg);
		} else if (c->release) {
			printf("sa %u target %s: released spi-i2r 0x%08x spi-r2i 0x%08x (server: %s)\n",
			       i, t, r->p.spi_i2r, c->props[0].r.requestor_spi,
			       r->msg[0] ? r->msg : "Success");
		} else if (r->granted) {
			psac_sa_params_str(&r->p, params, sizeof(params));
			printf("sa %u target %s: granted (proposal %d): spi-i2r 0x%08x spi-r2i 0x%08x %s\n",
			       i, t, r->proposal + 1, r->p.spi_i2r,
			       r->p.spi_r2i, params);
			if (r->installed || !install)
				print_installed(r, &c->local, in_mh);
		} else {
			printf("sa %u target %s: Success from the server, but not usable\n",
			       i, t);
		}
		if (c->release && install)
			printf("  removed %u state%s and %u polic%s\n",
			       r->rep.states, r->rep.states == 1 ? "" : "s",
			       r->rep.policies,
			       r->rep.policies == 1 ? "y" : "ies");
		if (r->error[0])
			psac_err("request: sa %u target %s: %s", i, t, r->error);
	}
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

			a6(&ctx->targets[0], t);
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
	ret = exchange(ctx, rbuf, &rlen, rep);
	if (ret)
		goto out;
	v = process(ctx, rep, res, install, reqid, have_reqid);
	if (psac_opts.json)
		print_json(res, ctx->ntargets, ctx->xid, server, &ctx->local,
			   ctx->release);
	else
		print_text(ctx, res, install);
	if (psac_opts.json) {
		unsigned int i;

		for (i = 0; i < ctx->ntargets; i++) {
			char t[INET6_ADDRSTRLEN];

			a6(&res[i].target, t);
			if (res[i].error[0])
				psac_err("request: sa %u target %s: %s", i, t,
					 res[i].error);
		}
	}
	if (keymat_out && !ctx->release) {
		int w = write_keymat_env(keymat_out, res, ctx->ntargets,
					 ctx->xid, &ctx->local);

		if (w) {
			psac_err("request: %s: %s", keymat_out, strerror(-w));
			v++;
		}
	}
	ret = v ? PSAC_EXIT_FAIL : PSAC_EXIT_OK;
out:
	if (res) {
		psac_wipe(res, MAX_TARGETS * sizeof(*res));
		free(res);
	}
	free(rep);
	free(rbuf);
	psac_wipe(ctx, sizeof(*ctx));
	free(ctx);
	return ret;
}
