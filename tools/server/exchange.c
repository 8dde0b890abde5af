// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac server: the exchanges.  A request from a requestor gets its
 * proposals chosen, SPIs reserved and KEYMAT drawn, one authenticated
 * SACONFIGURATION per target (retransmitted with a fresh replay counter
 * until an authenticated reply arrives or the retries are spent), then the
 * Reply with the SA_LIST wrapped to the requestor's key, or the per-SA
 * status of a refusal.  Several exchanges may be in flight; replies are
 * cached against retransmitted requests.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/psac_wire.h>

#include "crypto.h"
#include "server.h"

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
	psac_addr6_str(&tg->addr, a);
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

		psac_srv_json_begin(&j, "saconfig");
		psac_json_str(&j, "target", a);
		psac_json_u64(&j, "port", tg->port);
		psac_json_u64(&j, "xid", t->xid);
		psac_json_u64(&j, "key_id", tg->key_id);
		psac_json_u64(&j, "counter", counter);
		psac_json_u64(&j, "sas", t->n);
		psac_json_u64(&j, "transmission", t->sent);
		psac_json_u64(&j, "of", sv->cfg.retries + 1);
		psac_srv_json_end(&j);
		return;
	}
	psac_srv_log("SACONFIGURATION to [%s]:%u xid 0x%06x key-id %u counter %llu: %u SA%s, transmission %u of %u",
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

			psac_addr6_str(&rq->target, t);
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
		psac_srv_log_slot(e, i, s->done || s->release ? NULL : &sel,
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
	psac_addr6_str(&e->from.sin6_addr, a);
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

		psac_srv_json_begin(&j, "reply");
		psac_json_str(&j, "to", a);
		psac_json_u64(&j, "port", ntohs(e->from.sin6_port));
		psac_json_u64(&j, "xid", e->xid);
		psac_json_u64(&j, "granted", granted);
		psac_json_arr_open(&j, "sas");
		for (i = 0; i < e->nslots; i++) {
			const struct slot *s = &e->slots[i];

			psac_addr6_str(&s->target, t);
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
		psac_srv_json_end(&j);
	} else {
		psac_srv_log("reply to [%s]:%u xid 0x%06x: %s", a,
			     ntohs(e->from.sin6_port), e->xid, top_msg);
		for (i = 0; i < e->nslots; i++) {
			const struct slot *s = &e->slots[i];

			psac_addr6_str(&s->target, t);
			if (s->status == PSAC_STATUS_SUCCESS && s->release)
				psac_srv_log("  sa %u target %s: Success: released spi-i2r 0x%08x spi-r2i 0x%08x",
					     i, t, s->p.spi_i2r, s->p.spi_r2i);
			else if (s->status == PSAC_STATUS_SUCCESS)
				psac_srv_log("  sa %u target %s: Success spi-i2r 0x%08x spi-r2i 0x%08x lifetime %u",
					     i, t, s->p.spi_i2r, s->p.spi_r2i,
					     s->p.lifetime);
			else
				psac_srv_log("  sa %u target %s: %s (%u) \"%s\"", i, t,
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
		psac_srv_log_ignored(from, why);
		return;
	}
	if (!m->n_sareq) {
		psac_srv_log_ignored(from, "no SA_REQUEST: not a PSAC request");
		return;
	}
	if (m->serverid && (m->serverid_len != sv->duid_len ||
			    memcmp(m->serverid, sv->duid, sv->duid_len))) {
		psac_srv_log_ignored(from, "its SERVERID names another server");
		return;
	}
	for (i = 0; i < MAX_EXCH; i++) {
		if (sv->ex[i].used && same_client(&sv->ex[i].from, from) &&
		    sv->ex[i].xid == m->xid) {
			psac_srv_log_ignored(from, "a retransmission of a request being processed");
			return;
		}
	}
	for (i = 0; i < CACHE_N; i++) {
		struct cached *c = &sv->cache[i];

		if (c->used && c->xid == m->xid && same_client(&c->from, from) &&
		    now - c->at_ms < CACHE_MS) {
			sendto(sv->fd, c->msg, c->len, 0,
			       (const struct sockaddr *)from, sizeof(*from));
			psac_srv_log_ignored(from, "a retransmission of a request already answered: the same Reply sent again");
			return;
		}
	}
	for (i = 0; i < MAX_EXCH && !e; i++)
		if (!sv->ex[i].used)
			e = &sv->ex[i];
	if (!e) {
		psac_srv_log_ignored(from, "too many requests in progress");
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
		psac_srv_hexstr(m->clientid, m->clientid_len, cid, sizeof(cid));
	}
	if (m->pk_alg == PSAC_PK_ALG_X25519)
		memcpy(e->pub, m->pubkey, PSAC_X25519_KEY_LEN);

	psac_addr6_str(&from->sin6_addr, a);
	if (psac_opts.json) {
		struct psac_json j;

		psac_srv_json_begin(&j, "request");
		psac_json_str(&j, "from", a);
		psac_json_u64(&j, "port", ntohs(from->sin6_port));
		psac_json_u64(&j, "xid", m->xid);
		psac_json_str(&j, "type", psac_msg_type_name(m->type));
		psac_json_u64(&j, "sa_requests", m->n_sareq);
		if (m->clientid)
			psac_json_str(&j, "client_id", cid);
		psac_srv_json_end(&j);
	} else {
		psac_srv_log("request from [%s]:%u xid 0x%06x %s: %u SA request%s, client-id %s",
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
		psac_srv_log_ignored(from, why);
		return;
	}
	tg = &sv->cfg.targets[t->tgt];
	/* not psac_msg_check(): an unsigned AuthFailed must get through */
	if (!r->serverid || !r->status.present) {
		psac_srv_log_ignored(from, "SACONFIGURATION-REPLY without SERVERID or STATUS_CODE");
		return;
	}
	if (r->serverid_len != sv->duid_len ||
	    memcmp(r->serverid, sv->duid, sv->duid_len)) {
		psac_srv_log_ignored(from, "SACONFIGURATION-REPLY for another SERVERID");
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
		psac_srv_log_ignored(from, why);
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
		psac_srv_log_ignored(from, why);
		return;
	}
	if (verified) {
		tg->rx_seen = 1;
		tg->rx_counter = r->auth.counter;
	}
	t->done = 1;

	psac_addr6_str(&tg->addr, a);
	psac_printable(r->status.msg, r->status.msg_len, st, sizeof(st));
	if (psac_opts.json) {
		struct psac_json j;

		psac_srv_json_begin(&j, "saconfig_reply");
		psac_json_str(&j, "target", a);
		psac_json_u64(&j, "xid", r->xid);
		psac_json_bool(&j, "verified", verified);
		if (verified)
			psac_json_u64(&j, "counter", r->auth.counter);
		psac_json_u64(&j, "status", r->status.code);
		psac_json_str(&j, "status_name",
			      psac_status_name(r->status.code));
		psac_json_str(&j, "message", st);
		psac_srv_json_end(&j);
	} else if (verified) {
		psac_srv_log("SACONFIGURATION-REPLY from [%s]:%u xid 0x%06x verified (counter %llu): %s (%u) \"%s\"",
			     a, ntohs(from->sin6_port), r->xid,
			     (unsigned long long)r->auth.counter,
			     psac_status_name(r->status.code), r->status.code, st);
	} else {
		psac_srv_log("SACONFIGURATION-REPLY from [%s]:%u xid 0x%06x NOT authenticated: %s (%u) \"%s\": the target could not verify us (wrong PSK or key-id %u?)",
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

void psac_srv_handle_datagram(struct server *sv, const struct sockaddr_in6 *from,
			      const uint8_t *buf, size_t len)
{
	struct psac_msg *m = malloc(sizeof(*m));
	const char *why;
	char w[128];

	if (!m)
		return;
	if (psac_msg_parse(buf, len, m, &why)) {
		snprintf(w, sizeof(w), "malformed: %s", why);
		psac_srv_log_ignored(from, w);
	} else if (m->type == PSAC_DHCP6_MSG_INFO_REQUEST ||
		   m->type == PSAC_DHCP6_MSG_REQUEST) {
		handle_request(sv, from, m);
	} else if (m->type == PSAC_DHCP6_MSG_SACONFIG_REPLY) {
		handle_target_reply(sv, from, buf, len, m);
	} else {
		snprintf(w, sizeof(w), "%s (%u) is not answered",
			 psac_msg_type_name(m->type), m->type);
		psac_srv_log_ignored(from, w);
	}
	free(m);
}

/* Retransmit or give up; returns the next deadline (or -1). */
long long psac_srv_run_timers(struct server *sv)
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
			psac_addr6_str(&sv->cfg.targets[t->tgt].addr, a);
			if (psac_opts.json) {
				struct psac_json j;

				psac_srv_json_begin(&j, "saconfig_timeout");
				psac_json_str(&j, "target", a);
				psac_json_u64(&j, "xid", t->xid);
				psac_json_u64(&j, "transmissions", t->sent);
				psac_srv_json_end(&j);
			} else {
				psac_srv_log("SACONFIGURATION to [%s]:%u xid 0x%06x: no authenticated reply after %u transmission%s%s%s",
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
