// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac hac: one MHAuth exchange with a mobile node over TLS (the messages
 * are in the header of cmd_hac.c), the home agent's side of the SA into
 * the local mnha device or, with ha-remote, to a home agent's psac target
 * role over PSAC SACONFIGURATION, and what the HAC prints.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <openssl/x509.h>

#include "crypto.h"
#include "hac.h"
#include "provision.h"
#include "saconf_xchg.h"
#include "util.h"

/* event, then NULL-terminated name/value pairs; a NULL value is skipped */
void psac_hac_log(const char *event, ...)
{
	const char *k, *v;
	va_list ap;

	va_start(ap, event);
	if (psac_opts.json) {
		struct psac_json j;

		psac_json_init(&j, stdout, psac_opts.pretty);
		psac_json_obj_open(&j, NULL);
		psac_json_str(&j, "event", event);
		while ((k = va_arg(ap, const char *))) {
			char key[32];
			size_t i;

			v = va_arg(ap, const char *);
			if (!v)
				continue;
			snprintf(key, sizeof(key), "%s", k);
			for (i = 0; key[i]; i++)
				if (key[i] == '-')
					key[i] = '_';
			psac_json_str(&j, key, v);
		}
		psac_json_obj_close(&j);
	} else {
		fputs(event, stdout);
		while ((k = va_arg(ap, const char *))) {
			v = va_arg(ap, const char *);
			if (!v)
				continue;
			if (!strcmp(k, "reason"))
				printf(": %s", v);
			else
				printf(" %s %s", k, v);
		}
		putchar('\n');
	}
	va_end(ap);
	fflush(stdout);
}

/* ---------------------------------------------------------------------- */
/* ha-remote: the SA over PSAC SACONFIGURATION                             */
/* ---------------------------------------------------------------------- */

#define HAC_PUSH_WAIT_MS	7000
#define HAC_PUSH_RETRIES	2

struct push_ctx {
	struct hac *h;
	int done;
	uint16_t status;
	char text[160];
};

/* An authenticated reply with a fresh counter ends the exchange. */
static int push_reply(void *arg, const uint8_t *buf, size_t len,
		      const struct psac_msg *rep,
		      const struct sockaddr_in6 *from)
{
	struct push_ctx *pc = arg;
	struct hac *h = pc->h;
	const struct hac_config *c = &h->cfg;
	const struct psac_status *st = &rep->status;

	(void)from;
	if (!rep->auth.present || rep->auth.key_id != c->r_key_id ||
	    psac_msg_verify(buf, len, rep, c->r_psk, c->r_psk_len)) {
		if (psac_opts.verbose)
			fprintf(stderr, "psac: hac: ignoring a SACONFIGURATION-REPLY that does not verify\n");
		return 0;
	}
	if (h->r_rx_seen && rep->auth.counter <= h->r_rx_counter) {
		if (psac_opts.verbose)
			fprintf(stderr, "psac: hac: ignoring a replayed SACONFIGURATION-REPLY\n");
		return 0;
	}
	h->r_rx_seen = 1;
	h->r_rx_counter = rep->auth.counter;
	pc->done = 1;
	if (psac_saconf_reply_ok(rep)) {
		pc->status = PSAC_STATUS_SUCCESS;
		return 1;
	}
	/* the SA's own status says why; else the message's */
	if (rep->n_sa && rep->sa[0].status.present &&
	    rep->sa[0].status.code != PSAC_STATUS_SUCCESS)
		st = &rep->sa[0].status;
	pc->status = st->present ? st->code : PSAC_STATUS_UNSPEC_FAIL;
	snprintf(pc->text, sizeof(pc->text), "%.*s",
		 st->present ? (int)st->msg_len : 0, st->present ? st->msg : "");
	return 1;
}

/*
 * Pushes sa to the remote home agent (OPTION_SA mode 3; Lifetime 0 with
 * del: removes it).  0 when the target confirmed, -1 with why otherwise.
 */
static int remote_push(struct hac *h, const struct psac_mnha_sa *sa, int del,
		       char *why, size_t whylen)
{
	const struct hac_config *c = &h->cfg;
	uint8_t keymat[PSAC_MNHA_KEYMAT_MAX], *msg;
	struct psac_auth_key key = {
		.key_id = c->r_key_id, .psk = c->r_psk,
		.psk_len = c->r_psk_len,
		.realm = (const uint8_t *)c->r_realm,
		.realm_len = strlen(c->r_realm),
	};
	struct push_ctx pc = { .h = h };
	struct psac_xchg x = { 0 };
	struct sockaddr_in6 dst;
	struct psac_sa_out out;
	uint64_t counter;
	const char *w;
	size_t len;
	int ret = -1, r;

	if (psac_mnha_sa_to_option(sa, c->ha_port, (uint64_t)time(NULL),
				   &out.p, keymat, &out.keymat_len, &w)) {
		snprintf(why, whylen, "cannot encode the SA: %s", w);
		return -1;
	}
	if (del)
		out.p.lifetime = 0;
	out.keymat = keymat;
	msg = malloc(PSAC_XCHG_MSG_MAX);
	if (!msg || psac_random(&x.xid, sizeof(x.xid))) {
		snprintf(why, whylen, "%s", strerror(ENOMEM));
		goto out;
	}
	x.xid &= 0xffffff;
	counter = psac_now_ns();
	if (counter <= h->r_tx_counter)
		counter = h->r_tx_counter + 1;
	h->r_tx_counter = counter;
	r = psac_build_saconfig(msg, PSAC_XCHG_MSG_MAX, &len, x.xid, h->duid,
				h->duid_len, &out, 1, &key, counter);
	if (r) {
		snprintf(why, whylen, "cannot build SACONFIGURATION: %s",
			 strerror(-r));
		goto out;
	}
	memset(&dst, 0, sizeof(dst));
	dst.sin6_family = AF_INET6;
	dst.sin6_addr = c->r_addr;
	dst.sin6_port = htons(c->r_port);
	x.fd = h->r_fd;
	x.dst = &dst;
	x.msg = msg;
	x.len = len;
	x.wait_ms = HAC_PUSH_WAIT_MS;
	x.retries = HAC_PUSH_RETRIES;
	x.reply = push_reply;
	x.arg = &pc;
	r = psac_saconf_xchg(&x);
	if (r == -ETIMEDOUT)
		snprintf(why, whylen, "no authenticated SACONFIGURATION-REPLY from the home agent (%u transmissions)",
			 x.n_sent);
	else if (r)
		snprintf(why, whylen, "SACONFIGURATION to the home agent: %s",
			 strerror(-r));
	else if (pc.status != PSAC_STATUS_SUCCESS)
		snprintf(why, whylen, "the home agent refused the SA: status %u%s%s%s",
			 pc.status, pc.text[0] ? " (" : "", pc.text,
			 pc.text[0] ? ")" : "");
	else
		ret = 0;
	psac_wipe(msg, len);
out:
	psac_wipe(keymat, sizeof(keymat));
	free(msg);
	return ret;
}

static int send_status(SSL *ssl, uint8_t id, unsigned int code)
{
	struct psac_mhauth_builder b;

	psac_mhauth_begin(&b, id);
	psac_mhauth_add(&b, "status-code", "%u", code);
	if (psac_mhauth_end(&b, NULL, 0, NULL, NULL, 0))
		return -1;
	return psac_mhauth_send(ssl, &b);
}

static void refuse(SSL *ssl, uint8_t id, unsigned int code, const char *mn,
		   const char *from, const char *detail)
{
	char s[8];

	snprintf(s, sizeof(s), "%u", code);
	send_status(ssl, id, code);
	psac_hac_log("refused", "mn-id", mn ? mn : "-", "from", from, "status", s,
		     "reason", detail ? detail : psac_mhauth_status_text(code),
		     NULL);
}

static int rand_hex_ok(const char *v, uint8_t out[PSAC_MHAUTH_RAND_LEN])
{
	return v && psac_hex_decode(v, out, PSAC_MHAUTH_RAND_LEN + 1) ==
		PSAC_MHAUTH_RAND_LEN;
}

static int same_rand(const char *v, const uint8_t want[PSAC_MHAUTH_RAND_LEN])
{
	uint8_t got[PSAC_MHAUTH_RAND_LEN];

	return rand_hex_ok(v, got) && !memcmp(got, want, sizeof(got));
}

/* 0 provisioned, 1 refused or failed */
int psac_hac_exchange(struct hac *h, SSL *ssl, const char *from)
{
	struct hac_config *c = &h->cfg;
	struct psac_mhauth_msg *m;
	struct psac_mhauth_builder *b;
	struct psac_mnha_sa *sa;
	struct hac_mn *mn = NULL;
	uint8_t mn_rand[PSAC_MHAUTH_RAND_LEN], hac_rand[PSAC_MHAUTH_RAND_LEN];
	uint16_t offered[32];
	unsigned int n_off, i, j;
	const uint16_t *pref;
	unsigned int n_pref;
	const char *v, *why;
	char spi_s[16], until_s[24], hoa_s[INET6_ADDRSTRLEN], rwhy[256];
	uint64_t now;
	int ret = 1, installed = 0, r, err, k;

	m = calloc(1, sizeof(*m));
	b = calloc(1, sizeof(*b));
	sa = calloc(1, sizeof(*sa));
	if (!m || !b || !sa)
		goto out;

	/* 1. Init */
	r = psac_mhauth_recv(ssl, m, &why);
	if (r) {
		if (r == -2)
			send_status(ssl, PSAC_MHAUTH_ID_INIT, PSAC_MHAUTH_BAD_REQUEST);
		psac_hac_log("failed", "from", from, "reason", why, NULL);
		goto out;
	}
	v = psac_mhauth_get(m, "mn-id");
	if (m->identifier != PSAC_MHAUTH_ID_INIT || !v ||
	    !psac_mhauth_get(m, "auth-method") ||
	    strcasecmp(psac_mhauth_get(m, "auth-method"), "psk") ||
	    !rand_hex_ok(psac_mhauth_get(m, "mn-rand"), mn_rand)) {
		refuse(ssl, m->identifier, PSAC_MHAUTH_BAD_REQUEST, v, from,
		       "Init request without Identifier 1, mn-id, auth-method psk and a 16-octet mn-rand");
		goto out;
	}
	mn = psac_hac_find_mn(c, v);
	if (!mn) {
		refuse(ssl, PSAC_MHAUTH_ID_INIT, PSAC_MHAUTH_UNKNOWN_MN, v, from,
		       NULL);
		goto out;
	}
	if (psac_random(hac_rand, sizeof(hac_rand)))
		goto out;
	psac_mhauth_begin(b, PSAC_MHAUTH_ID_INIT);
	psac_mhauth_add_hex(b, "hac-rand", hac_rand, sizeof(hac_rand));
	if (psac_mhauth_end(b, NULL, 0, NULL, NULL, 0) ||
	    psac_mhauth_send(ssl, b)) {
		psac_hac_log("failed", "mn-id", mn->id, "from", from, "reason",
			     "cannot send the Init response", NULL);
		goto out;
	}

	/* 2. Done request */
	r = psac_mhauth_recv(ssl, m, &why);
	if (r) {
		if (r == -2)
			refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_BAD_REQUEST,
			       mn->id, from, why);
		else
			psac_hac_log("failed", "mn-id", mn->id, "from", from,
				     "reason", why, NULL);
		goto out;
	}
	v = psac_mhauth_get(m, "mn-id");
	if (m->identifier != PSAC_MHAUTH_ID_DONE || !v || strcmp(v, mn->id) ||
	    !psac_mhauth_get(m, "mip6-suitelist")) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_BAD_REQUEST, mn->id,
		       from, "Done request without Identifier 2, the same mn-id and mip6-suitelist");
		goto out;
	}
	r = psac_mhauth_verify(m, mn->psk, mn->psk_len, "MN", h->cb, h->cb_len);
	if (r) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_AUTH_FAILED, mn->id,
		       from, r == -1 ? "no auth header" :
		       r == -2 ? "auth is not 32 hex octets" :
		       "auth does not verify (wrong PSK or another certificate)");
		goto out;
	}
	if (!same_rand(psac_mhauth_get(m, "mn-rand"), mn_rand) ||
	    !same_rand(psac_mhauth_get(m, "hac-rand"), hac_rand)) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_AUTH_FAILED, mn->id,
		       from, "mn-rand/hac-rand are not those of this exchange");
		goto out;
	}
	if (psac_mhauth_suitelist_parse(psac_mhauth_get(m, "mip6-suitelist"),
					offered, 32, &n_off)) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_BAD_REQUEST, mn->id,
		       from, "mip6-suitelist is malformed");
		goto out;
	}

	/* 3. policy */
	pref = mn->n_suites ? mn->suites : c->suites;
	n_pref = mn->n_suites ? mn->n_suites : c->n_suites;
	for (i = 0; i < n_pref && !sa->suite; i++)
		for (j = 0; j < n_off; j++)
			if (pref[i] == offered[j]) {
				sa->suite = psac_mnha_suite_get(pref[i]);
				break;
			}
	if (!sa->suite) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_NO_SUITE, mn->id,
		       from, NULL);
		goto out;
	}
	now = (uint64_t)time(NULL);
	if (mn->have_until) {
		sa->valid_until = mn->valid_until;
	} else {
		uint64_t val = mn->have_validity ? mn->validity : c->validity;

		sa->valid_until = val ? now + val : 0;
	}
	if (sa->valid_until && sa->valid_until <= now) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_EXPIRED, mn->id,
		       from, NULL);
		goto out;
	}
	sa->have_valid = sa->valid_until != 0;

	/* 4. the SA, the home agent's side */
	sa->hoa = mn->tmpl.hoa;
	sa->have_hoa = mn->tmpl.have_hoa;
	sa->hoa4 = mn->tmpl.hoa4;
	sa->have_hoa4 = mn->tmpl.have_hoa4;
	sa->hnp = mn->tmpl.hnp;
	sa->hnp_len = mn->tmpl.hnp_len;
	sa->have_hnp = mn->tmpl.have_hnp;
	sa->hnp4 = mn->tmpl.hnp4;
	sa->hnp4_len = mn->tmpl.hnp4_len;
	sa->have_hnp4 = mn->tmpl.have_hnp4;
	sa->scope = mn->tmpl.have_scope ? mn->tmpl.scope : c->scope;
	sa->have_scope = 1;
	sa->replace = 1;
	for (k = 0; k < PSAC_MNHA_N_KEYS; k++) {
		int is_e = k == PSAC_MNHA_EKEY_MN2HA || k == PSAC_MNHA_EKEY_HA2MN;
		size_t l = is_e ? sa->suite->ekey_len : sa->suite->ikey_len;

		if (!l)
			continue;
		if (psac_random(sa->key[k], l))
			goto out;
		sa->key_len[k] = l;
		sa->have_key[k] = 1;
	}
	for (i = 0; i < 8; i++) {
		do {
			if (psac_random(&sa->spi, sizeof(sa->spi)))
				goto out;
			sa->spi &= PSAC_MNHA_SPI_MASK;
		} while (!sa->spi);
		if (h->no_install) {
			r = 0;
			break;
		}
		if (c->remote) {
			r = remote_push(h, sa, 0, rwhy, sizeof(rwhy));
			break;
		}
		r = psac_mnha_sa_install(h->ifindex, sa, "hac: home agent SA",
					 &err);
		if (!r || err != -EEXIST)
			break;
	}
	if (r) {
		refuse(ssl, PSAC_MHAUTH_ID_DONE, PSAC_MHAUTH_HA_FAILED, mn->id,
		       from, c->remote ? rwhy : NULL);
		goto out;
	}
	installed = !h->no_install;

	/* 5. Done response */
	psac_mhauth_begin(b, PSAC_MHAUTH_ID_DONE);
	psac_mhauth_add(b, "status-code", "%u", PSAC_MHAUTH_OK);
	psac_mhauth_add(b, "mn-id", "%s", mn->id);
	psac_mhauth_add_hex(b, "mn-rand", mn_rand, sizeof(mn_rand));
	psac_mhauth_add_hex(b, "hac-rand", hac_rand, sizeof(hac_rand));
	psac_mhauth_add_sa(b, sa, c->have_haa6 ? &c->haa6 : NULL,
			   c->have_haa4 ? &c->haa4 : NULL, c->ha_port);
	if (h->test_bad_auth) {
		/* the auth of a message with one header more */
		psac_mhauth_add(b, "x-test", "1");
	}
	if (psac_mhauth_end(b, mn->psk, mn->psk_len, "HAC", h->cb, h->cb_len))
		goto out;
	if (h->test_bad_auth) {
		/* drop "x-test: 1\r\n" from before the auth line */
		uint8_t *p = memmem(b->buf, b->len, "x-test: 1\r\n", 11);
		size_t cl;

		memmove(p, p + 11, (size_t)(b->buf + b->len - (p + 11)));
		b->len -= 11;
		cl = b->len - PSAC_MHAUTH_HDR_LEN;
		b->buf[2] = (uint8_t)(cl >> 8);
		b->buf[3] = (uint8_t)cl;
	}
	if (psac_mhauth_send(ssl, b)) {
		psac_hac_log("failed", "mn-id", mn->id, "from", from, "reason",
			     "cannot send the Done response: the home agent's SA is removed",
			     NULL);
		goto out;
	}
	installed = 0;	/* handed over */
	snprintf(spi_s, sizeof(spi_s), "0x%07x", sa->spi);
	if (sa->valid_until)
		snprintf(until_s, sizeof(until_s), "%llu",
			 (unsigned long long)sa->valid_until);
	else
		snprintf(until_s, sizeof(until_s), "never");
	hoa_s[0] = '\0';
	if (sa->have_hoa)
		inet_ntop(AF_INET6, &sa->hoa, hoa_s, sizeof(hoa_s));
	else if (sa->have_hoa4)
		inet_ntop(AF_INET, &sa->hoa4, hoa_s, sizeof(hoa_s));
	psac_hac_log("provisioned", "mn-id", mn->id, "from", from, "spi", spi_s,
		     "suite", sa->suite->name, "hoa", hoa_s[0] ? hoa_s : NULL,
		     "valid-until", until_s, NULL);
	ret = 0;
out:
	if (installed && c->remote) {
		if (remote_push(h, sa, 1, rwhy, sizeof(rwhy)))
			psac_hac_log("failed", "mn-id", mn->id, "from", from,
				     "reason", rwhy, NULL);
	} else if (installed) {
		psac_mnha_sa_remove(h->ifindex, sa->spi, "hac: removing the SA");
	}
	psac_wipe_free(sa, sizeof(*sa));
	psac_wipe_free(b, sizeof(*b));
	psac_wipe_free(m, sizeof(*m));
	return ret;
}
