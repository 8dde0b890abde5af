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
 * poll() loop with timers; several exchanges may be in flight.
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
#include "util.h"

#define MSG_MAX		65535
#define MAX_EXCH	16
#define MAX_SLOTS	PSAC_MSG_MAX_SAREQ
#define CACHE_N		8
#define CACHE_MS	60000

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

/* ---------------------------------------------------------------------- */
/* State                                                                   */
/* ---------------------------------------------------------------------- */

struct slot {
	struct in6_addr target;
	int tgt;			/* index in the targets, -1 */
	struct psac_sa_params echo;	/* refusal echo */
	struct psac_sa_params p;	/* target's copy: peer = requestor */
	uint8_t keymat[PSAC_KEYMAT_MAX];
	size_t keymat_len;
	struct psac_grant *grant;
	int release;
	int done;
	uint16_t status;
	char msg[160];
};

struct tx {
	int tgt;
	uint32_t xid;
	unsigned int sent;
	long long next_ms;
	int done;
	int last_errno;
	unsigned int n;
	unsigned int slot[MAX_SLOTS];
};

struct exch {
	int used;
	struct sockaddr_in6 from;
	uint8_t type;
	uint32_t xid;
	uint8_t clientid[PSAC_DUID_MAX_LEN];
	size_t clientid_len;
	uint8_t pub[PSAC_X25519_KEY_LEN];
	unsigned int nslots;
	struct slot slots[MAX_SLOTS];
	unsigned int ntx;
	struct tx tx[MAX_SLOTS];
};

struct cached {
	int used;
	struct sockaddr_in6 from;
	uint32_t xid;
	long long at_ms;
	size_t len;
	uint8_t *msg;
};

struct server {
	struct psac_srv_config cfg;
	struct psac_grants grants;
	struct exch ex[MAX_EXCH];
	struct cached cache[CACHE_N];
	unsigned int cache_next;
	int fd;
	uint8_t duid[PSAC_DUID_MAX_LEN];
	size_t duid_len;
	uint64_t counter;		/* last replay counter sent */
	unsigned int answered;
	uint8_t *buf;			/* MSG_MAX, receive */
	uint8_t *obuf;			/* MSG_MAX, send */
};

static volatile sig_atomic_t stop_sig;

static void on_signal(int sig)
{
	stop_sig = sig;
}

/* ---------------------------------------------------------------------- */
/* Log                                                                     */
/* ---------------------------------------------------------------------- */

static void a6(const struct in6_addr *a, char *buf)
{
	if (!inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN))
		strcpy(buf, "?");
}

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...)
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

static void json_begin(struct psac_json *j, const char *event)
{
	psac_json_init(j, stdout, psac_opts.pretty);
	psac_json_obj_open(j, NULL);
	psac_json_str(j, "event", event);
}

static void json_end(struct psac_json *j)
{
	psac_json_obj_close(j);
	fflush(stdout);
}

static void log_ignored(const struct sockaddr_in6 *from, const char *why)
{
	char a[INET6_ADDRSTRLEN];

	a6(&from->sin6_addr, a);
	if (psac_opts.json) {
		struct psac_json j;

		json_begin(&j, "ignored");
		psac_json_str(&j, "from", a);
		psac_json_u64(&j, "port", ntohs(from->sin6_port));
		psac_json_str(&j, "reason", why);
		json_end(&j);
		return;
	}
	logf_("ignored datagram from [%s]:%u: %s", a, ntohs(from->sin6_port),
	      why);
}

static void hexstr(const uint8_t *p, size_t len, char *out, size_t out_size)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 3 <= out_size; i++, n += 2)
		snprintf(out + n, 3, "%02x", p[i]);
	out[n] = '\0';
}

static void log_slot(const struct exch *e, unsigned int i,
		     const struct psac_selection *sel, unsigned int nprop)
{
	const struct slot *s = &e->slots[i];
	char t[INET6_ADDRSTRLEN], params[160];

	a6(&s->target, t);
	if (psac_opts.json) {
		struct psac_json j;

		json_begin(&j, s->done ? "refused" : s->release ? "release" :
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
		json_end(&j);
		return;
	}
	if (s->done) {
		logf_("  xid 0x%06x sa %u target %s: refused: %s (%u) \"%s\"",
		      e->xid, i, t, psac_status_name(s->status), s->status,
		      s->msg);
		return;
	}
	if (s->release) {
		logf_("  xid 0x%06x sa %u target %s: release of spi-i2r 0x%08x spi-r2i 0x%08x",
		      e->xid, i, t, s->p.spi_i2r, s->p.spi_r2i);
		return;
	}
	psac_sa_params_str(&s->p, params, sizeof(params));
	logf_("  xid 0x%06x sa %u target %s: proposal %d of %u chosen: %s, spi-i2r 0x%08x spi-r2i 0x%08x",
	      e->xid, i, t, sel->index + 1, nprop, params, s->p.spi_i2r,
	      s->p.spi_r2i);
}

/* ---------------------------------------------------------------------- */
/* Exchanges                                                               */
/* ---------------------------------------------------------------------- */

static void slot_fail(struct slot *s, uint16_t status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void slot_fail(struct slot *s, uint16_t status, const char *fmt, ...)
{
	va_list ap;

	s->done = 1;
	s->status = status;
	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof(s->msg), fmt, ap);
	va_end(ap);
	psac_wipe(s->keymat, sizeof(s->keymat));
	if (s->grant && !s->release)
		psac_grant_release(s->grant);
	s->grant = NULL;
}

static uint64_t next_counter(struct server *sv)
{
	uint64_t c = psac_now_ns();

	if (c <= sv->counter)
		c = sv->counter + 1;
	sv->counter = c;
	return c;
}

static int xid_in_use(const struct server *sv, uint32_t xid)
{
	unsigned int i, k;

	for (i = 0; i < MAX_EXCH; i++)
		for (k = 0; sv->ex[i].used && k < sv->ex[i].ntx; k++)
			if (sv->ex[i].tx[k].xid == xid)
				return 1;
	return 0;
}

static void send_tx(struct server *sv, struct exch *e, struct tx *t)
{
	struct psac_srv_target *tg = &sv->cfg.targets[t->tgt];
	struct psac_sa_out out[MAX_SLOTS];
	struct psac_auth_key key;
	struct sockaddr_in6 to;
	char a[INET6_ADDRSTRLEN];
	uint64_t counter = next_counter(sv);
	unsigned int i;
	size_t len;
	int ret;

	for (i = 0; i < t->n; i++) {
		struct slot *s = &e->slots[t->slot[i]];

		out[i].p = s->p;
		out[i].keymat = s->keymat;
		out[i].keymat_len = s->keymat_len;
	}
	key.key_id = tg->key_id;
	key.psk = tg->psk;
	key.psk_len = tg->psk_len;
	key.realm = tg->realm;
	key.realm_len = tg->realm_len;
	t->sent++;
	t->next_ms = psac_mono_ms() + (long long)sv->cfg.interval_s * 1000;
	a6(&tg->addr, a);
	ret = psac_build_saconfig(sv->obuf, MSG_MAX, &len, t->xid, sv->duid,
				  sv->duid_len, out, t->n, &key, counter);
	if (ret) {
		psac_err("server: building SACONFIGURATION for %s: %s", a,
			 strerror(-ret));
		t->last_errno = -ret;
		return;
	}
	memset(&to, 0, sizeof(to));
	to.sin6_family = AF_INET6;
	to.sin6_addr = tg->addr;
	to.sin6_port = htons(tg->port);
	if (sendto(sv->fd, sv->obuf, len, 0, (struct sockaddr *)&to,
		   sizeof(to)) < 0) {
		t->last_errno = errno;
		psac_err("server: SACONFIGURATION to [%s]:%u: %s", a, tg->port,
			 strerror(errno));
	}
	psac_wipe(sv->obuf, len);
	if (psac_opts.json) {
		struct psac_json j;

		json_begin(&j, "saconfig");
		psac_json_str(&j, "target", a);
		psac_json_u64(&j, "port", tg->port);
		psac_json_u64(&j, "xid", t->xid);
		psac_json_u64(&j, "key_id", tg->key_id);
		psac_json_u64(&j, "counter", counter);
		psac_json_u64(&j, "sas", t->n);
		psac_json_u64(&j, "transmission", t->sent);
		psac_json_u64(&j, "of", sv->cfg.retries + 1);
		json_end(&j);
		return;
	}
	logf_("SACONFIGURATION to [%s]:%u xid 0x%06x key-id %u counter %llu: %u SA%s, transmission %u of %u",
	      a, tg->port, t->xid, tg->key_id, (unsigned long long)counter,
	      t->n, t->n == 1 ? "" : "s", t->sent, sv->cfg.retries + 1);
}

static int addr_global(const struct in6_addr *a)
{
	return !IN6_IS_ADDR_UNSPECIFIED(a) && !IN6_IS_ADDR_LINKLOCAL(a) &&
	       !IN6_IS_ADDR_MULTICAST(a) && !IN6_IS_ADDR_LOOPBACK(a) &&
	       !IN6_IS_ADDR_V4MAPPED(a);
}

static void start_exchange(struct server *sv, struct exch *e,
			   const struct psac_msg *m)
{
	const struct in6_addr *req = &e->from.sin6_addr;
	int can_wrap = m->pk_alg == PSAC_PK_ALG_X25519;
	int loopback = IN6_IS_ADDR_LOOPBACK(req);
	unsigned int i, k;

	psac_grants_expire(&sv->grants, psac_mono_ms());
	for (i = 0; i < m->n_sareq && i < MAX_SLOTS; i++) {
		const struct psac_sareq_in *rq = &m->sareq[i];
		struct slot *s = &e->slots[i];
		struct psac_selection sel;
		struct psac_srv_target *tg;

		memset(s, 0, sizeof(*s));
		s->target = rq->target;
		s->tgt = -1;
		psac_sareq_echo(rq, &s->echo);
		e->nslots++;
		tg = psac_srv_find_target(&sv->cfg, &rq->target);
		if (!tg) {
			char t[INET6_ADDRSTRLEN];

			a6(&rq->target, t);
			slot_fail(s, PSAC_STATUS_NO_SUCH_TARGET,
				  "no target %s is configured", t);
		} else if (!can_wrap) {
			slot_fail(s, PSAC_STATUS_KEY_PROT_FAILED,
				  "only X25519 CLIENT_PUBKEY keys (PK-Alg 1) are supported");
		} else if (!addr_global(req) && !loopback) {
			slot_fail(s, PSAC_STATUS_SA_REQ_UNSUPPORTED,
				  "the request came from a link-local address: send it from the address the SA is for");
		} else if (rq->nparams && rq->params[0].lifetime == 0) {
			struct psac_grant *g;

			s->tgt = (int)(tg - sv->cfg.targets);
			g = psac_grants_find(&sv->grants, req, &rq->target,
					     rq->params[0].requestor_spi);
			if (!g) {
				slot_fail(s, PSAC_STATUS_UNSPEC_FAIL,
					  "release: no SA pair with spi-r2i 0x%08x was granted to this requestor",
					  rq->params[0].requestor_spi);
			} else {
				s->release = 1;
				s->grant = g;
				s->p = g->p;
				s->p.lifetime = 0;
				s->keymat_len = 0;
			}
		} else if (psac_srv_select(&sv->cfg.pol, rq, &sel)) {
			slot_fail(s, sel.status, "%s", sel.why);
		} else {
			s->tgt = (int)(tg - sv->cfg.targets);
			sel.p.peer = *req;
			s->grant = psac_grants_reserve(&sv->grants,
						       &sv->cfg.pol, req,
						       &rq->target, &sel.p,
						       rq->params[sel.index].requestor_spi);
			if (!s->grant) {
				slot_fail(s, PSAC_STATUS_UNSPEC_FAIL,
					  "no free SPI pair (too many SAs granted)");
			} else {
				s->p = s->grant->p;
				s->keymat_len = sel.keymat_len;
				if (psac_random(s->keymat, s->keymat_len))
					slot_fail(s, PSAC_STATUS_UNSPEC_FAIL,
						  "the random number generator failed");
			}
		}
		log_slot(e, i, s->done || s->release ? NULL : &sel,
			 rq->nparams);
	}

	/* one SACONFIGURATION per target */
	for (i = 0; i < e->nslots; i++) {
		struct slot *s = &e->slots[i];
		struct tx *t = NULL;

		if (s->done)
			continue;
		for (k = 0; k < e->ntx; k++)
			if (e->tx[k].tgt == s->tgt)
				t = &e->tx[k];
		if (!t) {
			uint32_t xid;
			uint8_t r[3];

			do {
				if (psac_random(r, sizeof(r)))
					r[0] = r[1] = r[2] = 0x5a;
				xid = (uint32_t)r[0] << 16 |
				      (uint32_t)r[1] << 8 | r[2];
			} while (xid_in_use(sv, xid));
			t = &e->tx[e->ntx++];
			memset(t, 0, sizeof(*t));
			t->tgt = s->tgt;
			t->xid = xid;
		}
		t->slot[t->n++] = i;
	}
	for (k = 0; k < e->ntx; k++)
		send_tx(sv, e, &e->tx[k]);
}

static void cache_reply(struct server *sv, const struct exch *e,
			const uint8_t *msg, size_t len)
{
	struct cached *c = &sv->cache[sv->cache_next++ % CACHE_N];

	free(c->msg);
	memset(c, 0, sizeof(*c));
	c->msg = malloc(len);
	if (!c->msg)
		return;
	memcpy(c->msg, msg, len);
	c->len = len;
	c->used = 1;
	c->from = e->from;
	c->xid = e->xid;
	c->at_ms = psac_mono_ms();
}

static int same_client(const struct sockaddr_in6 *a,
		       const struct sockaddr_in6 *b)
{
	return !memcmp(&a->sin6_addr, &b->sin6_addr, 16) &&
	       a->sin6_port == b->sin6_port;
}

static void finish_exchange(struct server *sv, struct exch *e)
{
	struct psac_sa_result_out res[MAX_SLOTS];
	char a[INET6_ADDRSTRLEN], t[INET6_ADDRSTRLEN], top_msg[64];
	unsigned int i, granted = 0;
	uint16_t top = PSAC_STATUS_SUCCESS;
	long long now = psac_mono_ms();
	size_t len;
	int ret;

	for (i = 0; i < e->nslots; i++) {
		struct slot *s = &e->slots[i];

		memset(&res[i], 0, sizeof(res[i]));
		res[i].status = s->status;
		res[i].msg = s->msg[0] ? s->msg : NULL;
		if (s->status == PSAC_STATUS_SUCCESS) {
			res[i].p = s->p;
			res[i].p.peer = s->target;	/* requestor's copy */
			res[i].with_key = 1;
			res[i].keymat = s->keymat;
			res[i].keymat_len = s->keymat_len;
			granted++;
			if (s->release) {
				psac_grant_release(s->grant);
			} else if (s->grant) {
				psac_grants_supersede(&sv->grants, s->grant);
				s->grant->confirmed = 1;
				s->grant->expires_ms =
					s->p.lifetime == PSAC_LIFETIME_INFINITE ?
					0 : now + (long long)s->p.lifetime * 1000;
			}
		} else {
			res[i].p = s->echo;
			if (top == PSAC_STATUS_SUCCESS)
				top = s->status;
		}
	}
	if (granted)
		top = PSAC_STATUS_SUCCESS;
	snprintf(top_msg, sizeof(top_msg), "%u of %u SA%s granted", granted,
		 e->nslots, e->nslots == 1 ? "" : "s");
	ret = psac_build_result_reply(sv->obuf, MSG_MAX, &len, e->xid,
				      sv->duid, sv->duid_len,
				      e->clientid_len ? e->clientid : NULL,
				      e->clientid_len, e->pub, res, e->nslots,
				      top, top_msg);
	for (i = 0; i < e->nslots; i++)
		psac_wipe(e->slots[i].keymat, sizeof(e->slots[i].keymat));
	a6(&e->from.sin6_addr, a);
	if (ret) {
		psac_err("server: building the Reply to [%s]: %s", a,
			 strerror(-ret));
	} else {
		if (sendto(sv->fd, sv->obuf, len, 0,
			   (struct sockaddr *)&e->from, sizeof(e->from)) < 0)
			psac_err("server: Reply to [%s]:%u: %s", a,
				 ntohs(e->from.sin6_port), strerror(errno));
		cache_reply(sv, e, sv->obuf, len);
	}

	if (psac_opts.json) {
		struct psac_json j;

		json_begin(&j, "reply");
		psac_json_str(&j, "to", a);
		psac_json_u64(&j, "port", ntohs(e->from.sin6_port));
		psac_json_u64(&j, "xid", e->xid);
		psac_json_u64(&j, "granted", granted);
		psac_json_arr_open(&j, "sas");
		for (i = 0; i < e->nslots; i++) {
			const struct slot *s = &e->slots[i];

			a6(&s->target, t);
			psac_json_obj_open(&j, NULL);
			psac_json_str(&j, "target", t);
			psac_json_u64(&j, "status", s->status);
			psac_json_str(&j, "status_name",
				      psac_status_name(s->status));
			if (s->msg[0])
				psac_json_str(&j, "message", s->msg);
			if (s->status == PSAC_STATUS_SUCCESS) {
				psac_json_u64(&j, "spi_i2r", s->p.spi_i2r);
				psac_json_u64(&j, "spi_r2i", s->p.spi_r2i);
				psac_json_u64(&j, "lifetime", s->p.lifetime);
			}
			psac_json_obj_close(&j);
		}
		psac_json_arr_close(&j);
		json_end(&j);
	} else {
		logf_("reply to [%s]:%u xid 0x%06x: %s", a,
		      ntohs(e->from.sin6_port), e->xid, top_msg);
		for (i = 0; i < e->nslots; i++) {
			const struct slot *s = &e->slots[i];

			a6(&s->target, t);
			if (s->status == PSAC_STATUS_SUCCESS && s->release)
				logf_("  sa %u target %s: Success: released spi-i2r 0x%08x spi-r2i 0x%08x",
				      i, t, s->p.spi_i2r, s->p.spi_r2i);
			else if (s->status == PSAC_STATUS_SUCCESS)
				logf_("  sa %u target %s: Success spi-i2r 0x%08x spi-r2i 0x%08x lifetime %u",
				      i, t, s->p.spi_i2r, s->p.spi_r2i,
				      s->p.lifetime);
			else
				logf_("  sa %u target %s: %s (%u) \"%s\"", i, t,
				      psac_status_name(s->status), s->status,
				      s->msg);
		}
	}
	memset(e, 0, sizeof(*e));
	sv->answered++;
}

static int exchange_done(const struct exch *e)
{
	unsigned int i;

	for (i = 0; i < e->nslots; i++)
		if (!e->slots[i].done)
			return 0;
	return 1;
}

static void handle_request(struct server *sv, const struct sockaddr_in6 *from,
			   const struct psac_msg *m)
{
	struct exch *e = NULL;
	char a[INET6_ADDRSTRLEN], cid[2 * 32 + 4] = "none";
	const char *why;
	long long now = psac_mono_ms();
	unsigned int i;

	if (psac_msg_check(m, &why)) {
		log_ignored(from, why);
		return;
	}
	if (!m->n_sareq) {
		log_ignored(from, "no SA_REQUEST: not a PSAC request");
		return;
	}
	if (m->serverid && (m->serverid_len != sv->duid_len ||
			    memcmp(m->serverid, sv->duid, sv->duid_len))) {
		log_ignored(from, "its SERVERID names another server");
		return;
	}
	for (i = 0; i < MAX_EXCH; i++) {
		if (sv->ex[i].used && same_client(&sv->ex[i].from, from) &&
		    sv->ex[i].xid == m->xid) {
			log_ignored(from, "a retransmission of a request being processed");
			return;
		}
	}
	for (i = 0; i < CACHE_N; i++) {
		struct cached *c = &sv->cache[i];

		if (c->used && c->xid == m->xid && same_client(&c->from, from) &&
		    now - c->at_ms < CACHE_MS) {
			sendto(sv->fd, c->msg, c->len, 0,
			       (const struct sockaddr *)from, sizeof(*from));
			log_ignored(from, "a retransmission of a request already answered: the same Reply sent again");
			return;
		}
	}
	for (i = 0; i < MAX_EXCH && !e; i++)
		if (!sv->ex[i].used)
			e = &sv->ex[i];
	if (!e) {
		log_ignored(from, "too many requests in progress");
		return;
	}
	memset(e, 0, sizeof(*e));
	e->used = 1;
	e->from = *from;
	e->type = m->type;
	e->xid = m->xid;
	if (m->clientid) {
		memcpy(e->clientid, m->clientid, m->clientid_len);
		e->clientid_len = m->clientid_len;
		hexstr(m->clientid, m->clientid_len, cid, sizeof(cid));
	}
	if (m->pk_alg == PSAC_PK_ALG_X25519)
		memcpy(e->pub, m->pubkey, PSAC_X25519_KEY_LEN);

	a6(&from->sin6_addr, a);
	if (psac_opts.json) {
		struct psac_json j;

		json_begin(&j, "request");
		psac_json_str(&j, "from", a);
		psac_json_u64(&j, "port", ntohs(from->sin6_port));
		psac_json_u64(&j, "xid", m->xid);
		psac_json_str(&j, "type", psac_msg_type_name(m->type));
		psac_json_u64(&j, "sa_requests", m->n_sareq);
		if (m->clientid)
			psac_json_str(&j, "client_id", cid);
		json_end(&j);
	} else {
		logf_("request from [%s]:%u xid 0x%06x %s: %u SA request%s, client-id %s",
		      a, ntohs(from->sin6_port), m->xid,
		      psac_msg_type_name(m->type), m->n_sareq,
		      m->n_sareq == 1 ? "" : "s", cid);
	}
	start_exchange(sv, e, m);
	if (exchange_done(e))
		finish_exchange(sv, e);
}

/* Status of SA k of a SACONFIGURATION in the target's reply */
static uint16_t reply_sa_status(const struct psac_msg *r, unsigned int k,
				const struct psac_sa_params *p,
				const char **msg, uint16_t *msg_len)
{
	if (k < r->n_sa && r->sa[k].p.spi_i2r == p->spi_i2r &&
	    r->sa[k].p.spi_r2i == p->spi_r2i && r->sa[k].status.present) {
		*msg = r->sa[k].status.msg;
		*msg_len = r->sa[k].status.msg_len;
		return r->sa[k].status.code;
	}
	*msg = r->status.msg;
	*msg_len = r->status.msg_len;
	return r->status.present ? r->status.code : PSAC_STATUS_UNSPEC_FAIL;
}

static void handle_target_reply(struct server *sv,
				const struct sockaddr_in6 *from,
				const uint8_t *buf, size_t len,
				const struct psac_msg *r)
{
	struct psac_srv_target *tg;
	struct exch *e = NULL;
	struct tx *t = NULL;
	char a[INET6_ADDRSTRLEN], st[256], why[200];
	unsigned int i, k;
	int ret, verified;

	for (i = 0; i < MAX_EXCH && !t; i++) {
		for (k = 0; sv->ex[i].used && k < sv->ex[i].ntx; k++) {
			struct tx *c = &sv->ex[i].tx[k];

			if (!c->done && c->xid == r->xid &&
			    !memcmp(&sv->cfg.targets[c->tgt].addr,
				    &from->sin6_addr, 16)) {
				e = &sv->ex[i];
				t = c;
				break;
			}
		}
	}
	if (!t) {
		snprintf(why, sizeof(why), "SACONFIGURATION-REPLY xid 0x%06x matches no SACONFIGURATION waiting for an answer (late or duplicate)",
			 r->xid);
		log_ignored(from, why);
		return;
	}
	tg = &sv->cfg.targets[t->tgt];
	/* not psac_msg_check(): an unsigned AuthFailed must get through */
	if (!r->serverid || !r->status.present) {
		log_ignored(from, "SACONFIGURATION-REPLY without SERVERID or STATUS_CODE");
		return;
	}
	if (r->serverid_len != sv->duid_len ||
	    memcmp(r->serverid, sv->duid, sv->duid_len)) {
		log_ignored(from, "SACONFIGURATION-REPLY for another SERVERID");
		return;
	}
	ret = psac_msg_verify(buf, len, r, tg->psk, tg->psk_len);
	if (!ret && r->auth.key_id != tg->key_id)
		ret = -EKEYREJECTED;
	verified = !ret;
	if (verified && tg->rx_seen && r->auth.counter <= tg->rx_counter) {
		snprintf(why, sizeof(why), "SACONFIGURATION-REPLY xid 0x%06x replayed: counter %llu not above %llu",
			 r->xid, (unsigned long long)r->auth.counter,
			 (unsigned long long)tg->rx_counter);
		log_ignored(from, why);
		return;
	}
	if (!verified && !(r->status.present &&
			   r->status.code == PSAC_STATUS_AUTH_FAILED)) {
		snprintf(why, sizeof(why), "SACONFIGURATION-REPLY xid 0x%06x does not verify with key-id %u (%s)",
			 r->xid, tg->key_id,
			 ret == -ENOKEY ? "no OPTION_AUTH" :
			 ret == -EKEYREJECTED ? "another Key-ID" :
			 ret == -EPROTO ? "not delayed HMAC-SHA256" :
			 "HMAC mismatch");
		log_ignored(from, why);
		return;
	}
	if (verified) {
		tg->rx_seen = 1;
		tg->rx_counter = r->auth.counter;
	}
	t->done = 1;

	a6(&tg->addr, a);
	psac_printable(r->status.msg, r->status.msg_len, st, sizeof(st));
	if (psac_opts.json) {
		struct psac_json j;

		json_begin(&j, "saconfig_reply");
		psac_json_str(&j, "target", a);
		psac_json_u64(&j, "xid", r->xid);
		psac_json_bool(&j, "verified", verified);
		if (verified)
			psac_json_u64(&j, "counter", r->auth.counter);
		psac_json_u64(&j, "status", r->status.code);
		psac_json_str(&j, "status_name",
			      psac_status_name(r->status.code));
		psac_json_str(&j, "message", st);
		json_end(&j);
	} else if (verified) {
		logf_("SACONFIGURATION-REPLY from [%s]:%u xid 0x%06x verified (counter %llu): %s (%u) \"%s\"",
		      a, ntohs(from->sin6_port), r->xid,
		      (unsigned long long)r->auth.counter,
		      psac_status_name(r->status.code), r->status.code, st);
	} else {
		logf_("SACONFIGURATION-REPLY from [%s]:%u xid 0x%06x NOT authenticated: %s (%u) \"%s\": the target could not verify us (wrong PSK or key-id %u?)",
		      a, ntohs(from->sin6_port), r->xid,
		      psac_status_name(r->status.code), r->status.code, st,
		      tg->key_id);
	}

	for (k = 0; k < t->n; k++) {
		struct slot *s = &e->slots[t->slot[k]];
		const char *m = NULL;
		uint16_t ml = 0, code;
		char txt[128];

		if (!verified) {
			slot_fail(s, PSAC_STATUS_AUTH_FAILED,
				  "target %s could not authenticate the server (wrong PSK or key-id %u?)",
				  a, tg->key_id);
			continue;
		}
		code = reply_sa_status(r, k, &s->p, &m, &ml);
		psac_printable(m ? m : "", ml, txt, sizeof(txt));
		if (code == PSAC_STATUS_SUCCESS) {
			s->done = 1;
			s->status = PSAC_STATUS_SUCCESS;
			snprintf(s->msg, sizeof(s->msg), "%s by target %s",
				 s->release ? "released" : "installed", a);
		} else {
			slot_fail(s, code, "target %s refused: %s", a,
				  txt[0] ? txt : psac_status_name(code));
		}
	}
	if (exchange_done(e))
		finish_exchange(sv, e);
}

static void handle_datagram(struct server *sv, const struct sockaddr_in6 *from,
			    const uint8_t *buf, size_t len)
{
	struct psac_msg *m = malloc(sizeof(*m));
	const char *why;
	char w[128];

	if (!m)
		return;
	if (psac_msg_parse(buf, len, m, &why)) {
		snprintf(w, sizeof(w), "malformed: %s", why);
		log_ignored(from, w);
	} else if (m->type == PSAC_DHCP6_MSG_INFO_REQUEST ||
		   m->type == PSAC_DHCP6_MSG_REQUEST) {
		handle_request(sv, from, m);
	} else if (m->type == PSAC_DHCP6_MSG_SACONFIG_REPLY) {
		handle_target_reply(sv, from, buf, len, m);
	} else {
		snprintf(w, sizeof(w), "%s (%u) is not answered",
			 psac_msg_type_name(m->type), m->type);
		log_ignored(from, w);
	}
	free(m);
}

/* Retransmit or give up; returns the next deadline (or -1). */
static long long run_timers(struct server *sv)
{
	long long now = psac_mono_ms(), next = -1;
	unsigned int i, k, s;

	for (i = 0; i < MAX_EXCH; i++) {
		struct exch *e = &sv->ex[i];

		for (k = 0; e->used && k < e->ntx; k++) {
			struct tx *t = &e->tx[k];
			char a[INET6_ADDRSTRLEN];

			if (t->done)
				continue;
			if (t->next_ms > now) {
				if (next < 0 || t->next_ms < next)
					next = t->next_ms;
				continue;
			}
			if (t->sent <= sv->cfg.retries) {
				send_tx(sv, e, t);
				if (next < 0 || t->next_ms < next)
					next = t->next_ms;
				continue;
			}
			t->done = 1;
			a6(&sv->cfg.targets[t->tgt].addr, a);
			if (psac_opts.json) {
				struct psac_json j;

				json_begin(&j, "saconfig_timeout");
				psac_json_str(&j, "target", a);
				psac_json_u64(&j, "xid", t->xid);
				psac_json_u64(&j, "transmissions", t->sent);
				json_end(&j);
			} else {
				logf_("SACONFIGURATION to [%s]:%u xid 0x%06x: no authenticated reply after %u transmission%s%s%s",
				      a, sv->cfg.targets[t->tgt].port, t->xid,
				      t->sent, t->sent == 1 ? "" : "s",
				      t->last_errno ? "; last error: " : "",
				      t->last_errno ? strerror(t->last_errno) :
				      "");
			}
			for (s = 0; s < t->n; s++)
				slot_fail(&e->slots[t->slot[s]],
					  PSAC_STATUS_UNSPEC_FAIL,
					  "target %s did not answer (%u SACONFIGURATION transmission%s over %u s)%s%s",
					  a, t->sent, t->sent == 1 ? "" : "s",
					  t->sent * sv->cfg.interval_s,
					  t->last_errno ? ": " : "",
					  t->last_errno ?
					  strerror(t->last_errno) : "");
			if (exchange_done(e))
				finish_exchange(sv, e);
		}
	}
	return next;
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

	a6(&c->listen, a);
	printf("listen %s port %u%s%s\n", a, c->port, c->dev[0] ? " dev " : "",
	       c->dev);
	hexstr(sv->duid, sv->duid_len, d, sizeof(d));
	printf("server-duid %s\n", d);
	printf("retries %u\nretransmit-interval %u\n", c->retries,
	       c->interval_s);
	for (i = 0; i < c->n_targets; i++) {
		const struct psac_srv_target *t = &c->targets[i];
		char realm[PSAC_REALM_MAX_LEN + 1];

		a6(&t->addr, a);
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
	a6(&c->listen, a);
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
	OPT_ONCE = 256, OPT_COUNT, OPT_TIMEOUT, OPT_RETRIES, OPT_LISTEN,
	OPT_PORT, OPT_DEV, OPT_READY, OPT_CHECK,
};

int cmd_server(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "once", no_argument, NULL, OPT_ONCE },
		{ "count", required_argument, NULL, OPT_COUNT },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "retries", required_argument, NULL, OPT_RETRIES },
		{ "listen", required_argument, NULL, OPT_LISTEN },
		{ "port", required_argument, NULL, OPT_PORT },
		{ "dev", required_argument, NULL, OPT_DEV },
		{ "ready", required_argument, NULL, OPT_READY },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *config = NULL, *listen = NULL, *dev = NULL, *ready = NULL;
	uint32_t count = 0, timeout_s = 0, retries = 0;
	int have_retries = 0, check = 0, c, ret = PSAC_EXIT_FAIL;
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
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case OPT_ONCE:
			count = 1;
			break;
		case OPT_COUNT:
			if (psac_parse_u32(optarg, &count) || !count)
				return usage_err("bad --count '%s' (1..4294967295)",
						 optarg);
			break;
		case OPT_TIMEOUT:
			if (psac_parse_u32(optarg, &timeout_s) || !timeout_s ||
			    timeout_s > 2000000)
				return usage_err("bad --timeout '%s' (1..2000000 seconds)",
						 optarg);
			break;
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
		case OPT_READY:
			ready = optarg;
			break;
		case OPT_CHECK:
			check = 1;
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
	if (!config)
		return usage_err("needs a configuration file (-c FILE)");

	sv = calloc(1, sizeof(*sv));
	if (!sv) {
		psac_err("server: %s", strerror(ENOMEM));
		return PSAC_EXIT_FAIL;
	}
	sv->fd = -1;
	psac_srv_config_init(&sv->cfg);
	if (load_config(&sv->cfg, config))
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
	if (check) {
		print_config(sv);
		ret = PSAC_EXIT_OK;
		goto out;
	}
	if (!sv->cfg.n_targets)
		psac_warn("server: %s configures no target: every request will get NoSuchTarget",
			  config);

	sv->buf = malloc(MSG_MAX);
	sv->obuf = malloc(MSG_MAX);
	if (!sv->buf || !sv->obuf)
		goto out;
	if (open_socket(sv))
		goto out;
	if (ready) {
		int fd = open(ready, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
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

		a6(&sv->cfg.listen, a);
		if (psac_opts.json) {
			struct psac_json j;

			json_begin(&j, "listening");
			psac_json_str(&j, "address", a);
			psac_json_u64(&j, "port", sv->cfg.port);
			psac_json_u64(&j, "targets", sv->cfg.n_targets);
			psac_json_u64(&j, "retries", sv->cfg.retries);
			json_end(&j);
		} else {
			logf_("listening on [%s]:%u%s%s (%u target%s; SACONFIGURATION retransmitted every %u s up to %u times)",
			      a, sv->cfg.port, sv->cfg.dev[0] ? " dev " : "",
			      sv->cfg.dev, sv->cfg.n_targets,
			      sv->cfg.n_targets == 1 ? "" : "s",
			      sv->cfg.interval_s, sv->cfg.retries);
		}
	}
	if (timeout_s)
		deadline = psac_mono_ms() + (long long)timeout_s * 1000;

	for (;;) {
		struct pollfd pfd = { .fd = sv->fd, .events = POLLIN };
		long long next, now;
		int wait = -1, pr;

		if (count && sv->answered >= count) {
			ret = PSAC_EXIT_OK;
			break;
		}
		if (stop_sig) {
			logf_("stopping on signal %d", (int)stop_sig);
			ret = PSAC_EXIT_OK;
			break;
		}
		next = run_timers(sv);
		if (count && sv->answered >= count)
			continue;
		now = psac_mono_ms();
		if (deadline) {
			if (now >= deadline) {
				psac_err("server: --timeout %u s expired after %u answered request%s",
					 timeout_s, sv->answered,
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
				handle_datagram(sv, &from, sv->buf, (size_t)n);
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
