// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: DHCPv6 PSAC message builder and parser.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crypto.h"
#include "dhcp6msg.h"
#include "sa_alg.h"

/* ---------------------------------------------------------------------- */
/* Byte order helpers                                                      */
/* ---------------------------------------------------------------------- */

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

static void set16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void set32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

/* ---------------------------------------------------------------------- */
/* Writer                                                                  */
/* ---------------------------------------------------------------------- */

void psac_wbuf_init(struct psac_wbuf *w, uint8_t *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->len = 0;
	w->err = 0;
}

uint8_t *psac_put(struct psac_wbuf *w, const void *data, size_t len)
{
	uint8_t *p;

	if (w->err)
		return NULL;
	if (len > w->cap - w->len) {
		w->err = -EMSGSIZE;
		return NULL;
	}
	p = w->buf + w->len;
	if (data)
		memcpy(p, data, len);
	else
		memset(p, 0, len);
	w->len += len;
	return p;
}

void psac_put_u8(struct psac_wbuf *w, uint8_t v)
{
	psac_put(w, &v, 1);
}

void psac_put_u16(struct psac_wbuf *w, uint16_t v)
{
	uint8_t b[2];

	set16(b, v);
	psac_put(w, b, 2);
}

void psac_put_u32(struct psac_wbuf *w, uint32_t v)
{
	uint8_t b[4];

	set32(b, v);
	psac_put(w, b, 4);
}

void psac_put_u64(struct psac_wbuf *w, uint64_t v)
{
	psac_put_u32(w, (uint32_t)(v >> 32));
	psac_put_u32(w, (uint32_t)v);
}

void psac_put_hdr(struct psac_wbuf *w, uint8_t type, uint32_t xid)
{
	psac_put_u8(w, type);
	psac_put_u8(w, (xid >> 16) & 0xff);
	psac_put_u16(w, xid & 0xffff);
}

size_t psac_opt_begin(struct psac_wbuf *w, uint16_t code)
{
	size_t start = w->len;

	psac_put_u16(w, code);
	psac_put_u16(w, 0);
	return start;
}

void psac_opt_end(struct psac_wbuf *w, size_t start)
{
	size_t len;

	if (w->err)
		return;
	len = w->len - start - PSAC_DHCP6_OPT_HDR_LEN;
	if (len > 0xffff) {
		w->err = -EMSGSIZE;
		return;
	}
	set16(w->buf + start + 2, (uint16_t)len);
}

void psac_put_opt(struct psac_wbuf *w, uint16_t code, const void *data,
		  size_t len)
{
	size_t o = psac_opt_begin(w, code);

	psac_put(w, data, len);
	psac_opt_end(w, o);
}

void psac_put_status(struct psac_wbuf *w, uint16_t code, const char *msg)
{
	size_t o = psac_opt_begin(w, PSAC_DHCP6_OPT_STATUS_CODE);

	psac_put_u16(w, code);
	if (msg)
		psac_put(w, msg, strlen(msg));
	psac_opt_end(w, o);
}

/* ---------------------------------------------------------------------- */
/* OPTION_SA                                                               */
/* ---------------------------------------------------------------------- */

void psac_sa_params_pack(const struct psac_sa_params *p,
			 uint8_t out[PSAC_SA_AAD_FIXED_LEN])
{
	memcpy(out, &p->peer, 16);
	out[16] = p->protocol;
	out[17] = p->mode;
	out[18] = p->key_prot_alg;
	out[19] = 0;
	set16(out + 20, p->encr_alg);
	set16(out + 22, p->encr_key_bits);
	set16(out + 24, p->integ_alg);
	out[26] = p->ulp;
	out[27] = 0;
	set32(out + 28, p->spi_i2r);
	set32(out + 32, p->spi_r2i);
	set32(out + 36, p->lifetime);
	set16(out + 40, p->sport);
	set16(out + 42, p->dport);
}

void psac_sa_params_unpack(const uint8_t in[PSAC_SA_AAD_FIXED_LEN],
			   struct psac_sa_params *p)
{
	memcpy(&p->peer, in, 16);
	p->protocol = in[16];
	p->mode = in[17];
	p->key_prot_alg = in[18];
	p->encr_alg = get16(in + 20);
	p->encr_key_bits = get16(in + 22);
	p->integ_alg = get16(in + 24);
	p->ulp = in[26];
	p->spi_i2r = get32(in + 28);
	p->spi_r2i = get32(in + 32);
	p->lifetime = get32(in + 36);
	p->sport = get16(in + 40);
	p->dport = get16(in + 42);
}

void psac_sa_aad(const uint8_t fixed44[PSAC_SA_AAD_FIXED_LEN], uint32_t xid,
		 uint8_t aad[PSAC_SA_AAD_LEN])
{
	memcpy(aad, fixed44, PSAC_SA_AAD_FIXED_LEN);
	aad[44] = (xid >> 16) & 0xff;
	aad[45] = (xid >> 8) & 0xff;
	aad[46] = xid & 0xff;
}

/* Common part: option header, fixed part, room for the protected key. */
static int put_sa_wrapped(struct psac_wbuf *w, const struct psac_sa_params *p,
			  uint8_t keyprot, uint32_t xid,
			  const uint8_t *psk, size_t psk_len,
			  const uint8_t *rcpt_pub,
			  const uint8_t *keymat, size_t keymat_len)
{
	struct psac_sa_params q = *p;
	uint8_t aad[PSAC_SA_AAD_LEN];
	size_t plen, olen, o;
	uint8_t *fixed, *prot;
	int ret;

	if (keymat_len > PSAC_KEYMAT_MAX || (!keymat && keymat_len))
		return -EINVAL;
	plen = keyprot == PSAC_KEYPROT_PSK ?
	       PSAC_PSK_PROTECTED_LEN(keymat_len) :
	       PSAC_X25519_PROTECTED_LEN(keymat_len);
	q.key_prot_alg = keyprot;

	o = psac_opt_begin(w, PSAC_OPT_SA);
	fixed = psac_put(w, NULL, PSAC_SA_AAD_FIXED_LEN);
	psac_put_u16(w, (uint16_t)plen);
	prot = psac_put(w, NULL, plen);
	psac_opt_end(w, o);
	if (w->err)
		return w->err;

	psac_sa_params_pack(&q, fixed);
	psac_sa_aad(fixed, xid, aad);
	if (keyprot == PSAC_KEYPROT_PSK)
		ret = psac_keywrap_psk(psk, psk_len, aad, keymat, keymat_len,
				       NULL, prot, plen, &olen);
	else
		ret = psac_keywrap_x25519(rcpt_pub, aad, keymat, keymat_len,
					  NULL, NULL, prot, plen, &olen);
	if (!ret && olen != plen)
		ret = -EIO;
	if (ret)
		w->err = ret;
	return ret;
}

int psac_put_sa_psk(struct psac_wbuf *w, const struct psac_sa_params *p,
		    uint32_t xid, const uint8_t *psk, size_t psk_len,
		    const uint8_t *keymat, size_t keymat_len)
{
	if (!psk || !psk_len)
		return -EINVAL;
	return put_sa_wrapped(w, p, PSAC_KEYPROT_PSK, xid, psk, psk_len, NULL,
			      keymat, keymat_len);
}

int psac_put_sa_x25519(struct psac_wbuf *w, const struct psac_sa_params *p,
		       uint32_t xid, const uint8_t rcpt_pub[PSAC_X25519_KEY_LEN],
		       const uint8_t *keymat, size_t keymat_len)
{
	if (!rcpt_pub)
		return -EINVAL;
	return put_sa_wrapped(w, p, PSAC_KEYPROT_X25519, xid, NULL, 0,
			      rcpt_pub, keymat, keymat_len);
}

void psac_put_sa_echo(struct psac_wbuf *w, const struct psac_sa_params *p)
{
	size_t o = psac_opt_begin(w, PSAC_OPT_SA);
	uint8_t *fixed = psac_put(w, NULL, PSAC_SA_AAD_FIXED_LEN);

	if (fixed)
		psac_sa_params_pack(p, fixed);
	psac_put_u16(w, 0);
	psac_opt_end(w, o);
}

void psac_put_req_params(struct psac_wbuf *w, const struct psac_req_params *r)
{
	size_t o = psac_opt_begin(w, PSAC_OPT_SA_REQ_PARAMS);

	psac_put_u8(w, r->protocol);
	psac_put_u8(w, r->mode);
	psac_put_u16(w, r->flags);
	psac_put_u16(w, r->encr_alg);
	psac_put_u16(w, r->encr_key_bits);
	psac_put_u16(w, r->integ_alg);
	psac_put_u8(w, r->ulp);
	psac_put_u8(w, 0);
	psac_put_u32(w, r->requestor_spi);
	psac_put_u32(w, r->lifetime);
	psac_put_u16(w, r->sport);
	psac_put_u16(w, r->dport);
	psac_opt_end(w, o);
}

/* ---------------------------------------------------------------------- */
/* OPTION_AUTH                                                             */
/* ---------------------------------------------------------------------- */

size_t psac_put_auth(struct psac_wbuf *w, const struct psac_auth_key *key,
		     uint64_t counter)
{
	size_t o = psac_opt_begin(w, PSAC_DHCP6_OPT_AUTH), hmac_off;

	psac_put_u8(w, PSAC_AUTH_PROTO_DELAYED);
	psac_put_u8(w, PSAC_AUTH_ALG_HMAC_SHA256);
	psac_put_u8(w, PSAC_AUTH_RDM_COUNTER);
	psac_put_u64(w, counter);
	if (key->realm_len)
		psac_put(w, key->realm, key->realm_len);
	psac_put_u32(w, key->key_id);
	hmac_off = w->len;
	psac_put(w, NULL, PSAC_AUTH_HMAC_LEN);
	psac_opt_end(w, o);
	return hmac_off;
}

static int hmac_zeroed(const uint8_t *msg, size_t len, size_t hmac_off,
		       const uint8_t *psk, size_t psk_len,
		       uint8_t out[PSAC_AUTH_HMAC_LEN])
{
	uint8_t *copy;
	int ret;

	if (hmac_off + PSAC_AUTH_HMAC_LEN > len)
		return -EINVAL;
	copy = malloc(len);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, msg, len);
	memset(copy + hmac_off, 0, PSAC_AUTH_HMAC_LEN);
	ret = psac_hmac_sha256(psk, psk_len, copy, len, out);
	free(copy);
	return ret;
}

int psac_msg_sign(uint8_t *msg, size_t len, size_t hmac_off,
		  const uint8_t *psk, size_t psk_len)
{
	uint8_t mac[PSAC_AUTH_HMAC_LEN];
	int ret;

	if (!psk || !psk_len)
		return -EINVAL;
	ret = hmac_zeroed(msg, len, hmac_off, psk, psk_len, mac);
	if (!ret)
		memcpy(msg + hmac_off, mac, sizeof(mac));
	return ret;
}

/* ---------------------------------------------------------------------- */
/* Whole messages                                                          */
/* ---------------------------------------------------------------------- */

static int check_duid(const uint8_t *duid, size_t len)
{
	return (!duid || len < 2 || len > PSAC_DUID_MAX_LEN) ? -EINVAL : 0;
}

static int check_key(const struct psac_auth_key *key)
{
	if (!key || !key->psk || !key->psk_len ||
	    (key->realm_len && !key->realm) ||
	    key->realm_len > 0xffff - PSAC_AUTH_MIN_LEN)
		return -EINVAL;
	return 0;
}

static int finish_signed(struct psac_wbuf *w, size_t hmac_off,
			 const struct psac_auth_key *key, size_t *len)
{
	int ret;

	if (w->err)
		return w->err;
	ret = psac_msg_sign(w->buf, w->len, hmac_off, key->psk, key->psk_len);
	if (!ret)
		*len = w->len;
	return ret;
}

int psac_build_saconfig(uint8_t *buf, size_t cap, size_t *len, uint32_t xid,
			const uint8_t *serverid, size_t serverid_len,
			const struct psac_sa_out *sas, unsigned int nsa,
			const struct psac_auth_key *key, uint64_t counter)
{
	struct psac_wbuf w;
	size_t hmac_off;
	unsigned int i;
	int ret;

	if (check_duid(serverid, serverid_len) || check_key(key) ||
	    !sas || !nsa || nsa > PSAC_MSG_MAX_SA || xid > 0xffffff)
		return -EINVAL;

	psac_wbuf_init(&w, buf, cap);
	psac_put_hdr(&w, PSAC_DHCP6_MSG_SACONFIG, xid);
	psac_put_opt(&w, PSAC_DHCP6_OPT_SERVERID, serverid, serverid_len);
	for (i = 0; i < nsa; i++) {
		ret = psac_put_sa_psk(&w, &sas[i].p, xid, key->psk,
				      key->psk_len, sas[i].keymat,
				      sas[i].keymat_len);
		if (ret)
			return ret;
	}
	hmac_off = psac_put_auth(&w, key, counter);
	return finish_signed(&w, hmac_off, key, len);
}

int psac_build_saconfig_reply(uint8_t *buf, size_t cap, size_t *len,
			      uint32_t xid,
			      const uint8_t *serverid, size_t serverid_len,
			      const uint8_t *clientid, size_t clientid_len,
			      uint16_t status, const char *status_msg,
			      const struct psac_sa_result *res,
			      unsigned int nres,
			      const struct psac_auth_key *key,
			      uint64_t counter)
{
	struct psac_wbuf w;
	size_t hmac_off, o;
	unsigned int i;

	if (check_duid(serverid, serverid_len) ||
	    check_duid(clientid, clientid_len) || check_key(key) ||
	    (nres && !res) || nres > PSAC_MSG_MAX_SA || xid > 0xffffff)
		return -EINVAL;

	psac_wbuf_init(&w, buf, cap);
	psac_put_hdr(&w, PSAC_DHCP6_MSG_SACONFIG_REPLY, xid);
	psac_put_opt(&w, PSAC_DHCP6_OPT_SERVERID, serverid, serverid_len);
	psac_put_opt(&w, PSAC_DHCP6_OPT_CLIENTID, clientid, clientid_len);
	psac_put_status(&w, status, status_msg);
	if (nres) {
		o = psac_opt_begin(&w, PSAC_OPT_SA_LIST);
		for (i = 0; i < nres; i++) {
			psac_put_sa_echo(&w, &res[i].p);
			psac_put_status(&w, res[i].status, res[i].msg);
		}
		psac_opt_end(&w, o);
	}
	hmac_off = psac_put_auth(&w, key, counter);
	return finish_signed(&w, hmac_off, key, len);
}

int psac_build_sa_request(uint8_t *buf, size_t cap, size_t *len,
			  uint8_t msg_type, uint32_t xid,
			  const uint8_t *clientid, size_t clientid_len,
			  const uint8_t pub[PSAC_X25519_KEY_LEN],
			  const struct psac_sareq_out *reqs, unsigned int nreq)
{
	struct psac_wbuf w;
	unsigned int i, j;
	size_t o;

	if (check_duid(clientid, clientid_len) || !pub ||
	    (nreq && !reqs) || nreq > PSAC_MSG_MAX_SAREQ || xid > 0xffffff ||
	    (msg_type != PSAC_DHCP6_MSG_INFO_REQUEST &&
	     msg_type != PSAC_DHCP6_MSG_REQUEST))
		return -EINVAL;

	psac_wbuf_init(&w, buf, cap);
	psac_put_hdr(&w, msg_type, xid);
	psac_put_opt(&w, PSAC_DHCP6_OPT_CLIENTID, clientid, clientid_len);
	o = psac_opt_begin(&w, PSAC_DHCP6_OPT_ORO);
	psac_put_u16(&w, PSAC_OPT_SA_LIST);
	psac_opt_end(&w, o);
	o = psac_opt_begin(&w, PSAC_DHCP6_OPT_ELAPSED_TIME);
	psac_put_u16(&w, 0);
	psac_opt_end(&w, o);
	o = psac_opt_begin(&w, PSAC_OPT_CLIENT_PUBKEY);
	psac_put_u8(&w, PSAC_PK_ALG_X25519);
	psac_put_u8(&w, 0);
	psac_put(&w, pub, PSAC_X25519_KEY_LEN);
	psac_opt_end(&w, o);
	for (i = 0; i < nreq; i++) {
		if (!reqs[i].nparams || !reqs[i].params ||
		    reqs[i].nparams > PSAC_SAREQ_MAX_PARAMS)
			return -EINVAL;
		o = psac_opt_begin(&w, PSAC_OPT_SA_REQUEST);
		psac_put(&w, &reqs[i].target, 16);
		for (j = 0; j < reqs[i].nparams; j++)
			psac_put_req_params(&w, &reqs[i].params[j]);
		psac_opt_end(&w, o);
	}
	if (w.err)
		return w.err;
	*len = w.len;
	return 0;
}

int psac_build_sa_reply(uint8_t *buf, size_t cap, size_t *len, uint32_t xid,
			const uint8_t *serverid, size_t serverid_len,
			const uint8_t *clientid, size_t clientid_len,
			const uint8_t rcpt_pub[PSAC_X25519_KEY_LEN],
			const struct psac_sa_out *sas, unsigned int nsa,
			uint16_t status, const char *status_msg)
{
	struct psac_wbuf w;
	unsigned int i;
	size_t o;
	int ret;

	if (check_duid(serverid, serverid_len) ||
	    check_duid(clientid, clientid_len) || (nsa && (!sas || !rcpt_pub)) ||
	    nsa > PSAC_MSG_MAX_SA || xid > 0xffffff)
		return -EINVAL;

	psac_wbuf_init(&w, buf, cap);
	psac_put_hdr(&w, PSAC_DHCP6_MSG_REPLY, xid);
	psac_put_opt(&w, PSAC_DHCP6_OPT_SERVERID, serverid, serverid_len);
	psac_put_opt(&w, PSAC_DHCP6_OPT_CLIENTID, clientid, clientid_len);
	if (status != PSAC_STATUS_SUCCESS || status_msg)
		psac_put_status(&w, status, status_msg);
	if (nsa) {
		o = psac_opt_begin(&w, PSAC_OPT_SA_LIST);
		for (i = 0; i < nsa; i++) {
			ret = psac_put_sa_x25519(&w, &sas[i].p, xid, rcpt_pub,
						 sas[i].keymat,
						 sas[i].keymat_len);
			if (ret)
				return ret;
		}
		psac_opt_end(&w, o);
	}
	if (w.err)
		return w.err;
	*len = w.len;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Parser                                                                  */
/* ---------------------------------------------------------------------- */

#define FAIL(msg) do { *why = (msg); return -EBADMSG; } while (0)

static int parse_status(const uint8_t *d, uint16_t len, struct psac_status *st,
			const char **why)
{
	if (st->present)
		FAIL("duplicate STATUS_CODE");
	if (len < 2)
		FAIL("STATUS_CODE shorter than 2 octets");
	st->present = 1;
	st->code = get16(d);
	st->msg = (const char *)d + 2;
	st->msg_len = len - 2;
	return 0;
}

static int parse_sa(struct psac_msg *m, const uint8_t *d, uint16_t len,
		    int in_list, const char **why)
{
	struct psac_sa_in *sa;
	uint16_t plen;

	if (len < PSAC_SA_FIXED_LEN)
		FAIL("OPTION_SA shorter than its 46-octet fixed part");
	plen = get16(d + PSAC_SA_AAD_FIXED_LEN);
	if (plen != len - PSAC_SA_FIXED_LEN)
		FAIL("OPTION_SA Protected-Key-Len does not match option length");
	if (m->n_sa >= PSAC_MSG_MAX_SA) {
		*why = "too many OPTION_SA";
		return -E2BIG;
	}
	sa = &m->sa[m->n_sa++];
	memset(sa, 0, sizeof(*sa));
	psac_sa_params_unpack(d, &sa->p);
	sa->fixed = d;
	sa->prot = d + PSAC_SA_FIXED_LEN;
	sa->prot_len = plen;
	sa->in_list = in_list;
	return 0;
}

static int parse_sareq(struct psac_msg *m, const uint8_t *d, uint16_t len,
		       const char **why)
{
	struct psac_sareq_in *rq;
	size_t off;

	if (len < PSAC_SA_REQUEST_HDR_LEN)
		FAIL("SA_REQUEST shorter than its target address");
	if (m->n_sareq >= PSAC_MSG_MAX_SAREQ) {
		*why = "too many SA_REQUEST";
		return -E2BIG;
	}
	rq = &m->sareq[m->n_sareq++];
	memset(rq, 0, sizeof(*rq));
	memcpy(&rq->target, d, 16);
	for (off = PSAC_SA_REQUEST_HDR_LEN; off < len;) {
		const uint8_t *o = d + off;
		struct psac_req_params *r;
		uint16_t code, olen;

		if (len - off < PSAC_DHCP6_OPT_HDR_LEN)
			FAIL("truncated option inside SA_REQUEST");
		code = get16(o);
		olen = get16(o + 2);
		if (olen > len - off - PSAC_DHCP6_OPT_HDR_LEN)
			FAIL("option inside SA_REQUEST overruns it");
		off += PSAC_DHCP6_OPT_HDR_LEN + olen;
		if (code != PSAC_OPT_SA_REQ_PARAMS)
			continue;
		if (olen != PSAC_SA_REQ_PARAMS_LEN)
			FAIL("SA_REQ_PARAMS length is not 24");
		if (rq->nparams >= PSAC_SAREQ_MAX_PARAMS) {
			*why = "too many SA_REQ_PARAMS";
			return -E2BIG;
		}
		o += PSAC_DHCP6_OPT_HDR_LEN;
		r = &rq->params[rq->nparams++];
		r->protocol = o[0];
		r->mode = o[1];
		r->flags = get16(o + 2);
		r->encr_alg = get16(o + 4);
		r->encr_key_bits = get16(o + 6);
		r->integ_alg = get16(o + 8);
		r->ulp = o[10];
		r->requestor_spi = get32(o + 12);
		r->lifetime = get32(o + 16);
		r->sport = get16(o + 20);
		r->dport = get16(o + 22);
	}
	if (!rq->nparams)
		FAIL("SA_REQUEST without SA_REQ_PARAMS");
	return 0;
}

static int parse_sa_list(struct psac_msg *m, const uint8_t *d, uint16_t len,
			 const char **why)
{
	struct psac_sa_in *last = NULL;
	size_t off;
	int ret;

	if (m->has_sa_list)
		FAIL("duplicate SA_LIST");
	m->has_sa_list = 1;
	for (off = 0; off < len;) {
		const uint8_t *o = d + off;
		uint16_t code, olen;

		if (len - off < PSAC_DHCP6_OPT_HDR_LEN)
			FAIL("truncated option inside SA_LIST");
		code = get16(o);
		olen = get16(o + 2);
		if (olen > len - off - PSAC_DHCP6_OPT_HDR_LEN)
			FAIL("option inside SA_LIST overruns it");
		off += PSAC_DHCP6_OPT_HDR_LEN + olen;
		o += PSAC_DHCP6_OPT_HDR_LEN;
		if (code == PSAC_OPT_SA) {
			ret = parse_sa(m, o, olen, 1, why);
			if (ret)
				return ret;
			last = &m->sa[m->n_sa - 1];
		} else if (code == PSAC_DHCP6_OPT_STATUS_CODE) {
			ret = parse_status(o, olen, last ? &last->status :
					   &m->list_status, why);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int parse_auth(struct psac_msg *m, const uint8_t *base,
		      const uint8_t *d, uint16_t len, const char **why)
{
	struct psac_auth_in *a = &m->auth;

	if (a->present)
		FAIL("duplicate OPTION_AUTH");
	if (len < PSAC_AUTH_HDR_LEN)
		FAIL("OPTION_AUTH shorter than 11 octets");
	a->present = 1;
	a->proto = d[0];
	a->alg = d[1];
	a->rdm = d[2];
	a->counter = get64(d + 3);
	if (a->proto != PSAC_AUTH_PROTO_DELAYED ||
	    a->alg != PSAC_AUTH_ALG_HMAC_SHA256)
		return 0;	/* foreign auth: the verifier rejects it */
	if (len < PSAC_AUTH_MIN_LEN)
		FAIL("OPTION_AUTH too short for Key-ID and HMAC-SHA256");
	a->realm = d + PSAC_AUTH_HDR_LEN;
	a->realm_len = len - PSAC_AUTH_MIN_LEN;
	a->key_id = get32(d + len - PSAC_AUTH_TRAILER_LEN);
	a->hmac_off = (size_t)(d + len - PSAC_AUTH_HMAC_LEN - base);
	return 0;
}

static int parse_duid(const uint8_t *d, uint16_t len, const uint8_t **out,
		      uint16_t *out_len, const char *name, const char **why)
{
	(void)name;
	if (*out)
		FAIL("duplicate CLIENTID/SERVERID");
	if (len < 2 || len > PSAC_DUID_MAX_LEN)
		FAIL("DUID length out of range (2..130)");
	*out = d;
	*out_len = len;
	return 0;
}

int psac_msg_parse(const uint8_t *buf, size_t len, struct psac_msg *m,
		   const char **why)
{
	const char *dummy;
	size_t off;
	int ret;

	if (!why)
		why = &dummy;
	*why = NULL;
	memset(m, 0, sizeof(*m));
	if (!buf || len < PSAC_DHCP6_HDR_LEN)
		FAIL("shorter than the DHCPv6 header");
	if (len > 0xffff)
		FAIL("longer than a UDP datagram");
	m->type = buf[0];
	if (m->type == PSAC_DHCP6_MSG_RELAY_FORW ||
	    m->type == PSAC_DHCP6_MSG_RELAY_REPL)
		FAIL("relay messages are not handled");
	m->xid = (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];

	for (off = PSAC_DHCP6_HDR_LEN; off < len;) {
		const uint8_t *o = buf + off;
		uint16_t code, olen;
		unsigned int i;

		if (len - off < PSAC_DHCP6_OPT_HDR_LEN)
			FAIL("truncated option header");
		code = get16(o);
		olen = get16(o + 2);
		if (olen > len - off - PSAC_DHCP6_OPT_HDR_LEN)
			FAIL("option overruns the message");
		off += PSAC_DHCP6_OPT_HDR_LEN + olen;
		o += PSAC_DHCP6_OPT_HDR_LEN;

		switch (code) {
		case PSAC_DHCP6_OPT_CLIENTID:
			ret = parse_duid(o, olen, &m->clientid,
					 &m->clientid_len, "CLIENTID", why);
			break;
		case PSAC_DHCP6_OPT_SERVERID:
			ret = parse_duid(o, olen, &m->serverid,
					 &m->serverid_len, "SERVERID", why);
			break;
		case PSAC_DHCP6_OPT_ORO:
			if (olen % 2)
				FAIL("ORO has an odd length");
			for (i = 0; i < olen / 2u &&
				    m->n_oro < PSAC_MSG_MAX_ORO; i++)
				m->oro[m->n_oro++] = get16(o + 2 * i);
			ret = 0;
			break;
		case PSAC_DHCP6_OPT_ELAPSED_TIME:
			if (olen != 2)
				FAIL("Elapsed Time length is not 2");
			m->has_elapsed = 1;
			m->elapsed = get16(o);
			ret = 0;
			break;
		case PSAC_DHCP6_OPT_AUTH:
			ret = parse_auth(m, buf, o, olen, why);
			break;
		case PSAC_DHCP6_OPT_STATUS_CODE:
			ret = parse_status(o, olen, &m->status, why);
			break;
		case PSAC_OPT_CLIENT_PUBKEY:
			if (m->has_pubkey)
				FAIL("duplicate CLIENT_PUBKEY");
			if (olen < PSAC_PUBKEY_HDR_LEN + 1)
				FAIL("CLIENT_PUBKEY too short");
			m->has_pubkey = 1;
			m->pk_alg = o[0];
			m->pubkey = o + PSAC_PUBKEY_HDR_LEN;
			m->pubkey_len = olen - PSAC_PUBKEY_HDR_LEN;
			if (m->pk_alg == PSAC_PK_ALG_X25519 &&
			    m->pubkey_len != PSAC_X25519_KEY_LEN)
				FAIL("X25519 CLIENT_PUBKEY is not 32 octets");
			ret = 0;
			break;
		case PSAC_OPT_SA_REQUEST:
			ret = parse_sareq(m, o, olen, why);
			break;
		case PSAC_OPT_SA:
			ret = parse_sa(m, o, olen, 0, why);
			break;
		case PSAC_OPT_SA_LIST:
			ret = parse_sa_list(m, o, olen, why);
			break;
		default:
			ret = 0;	/* unknown options are ignored */
			break;
		}
		if (ret)
			return ret;
	}
	return 0;
}

int psac_msg_check(const struct psac_msg *m, const char **why)
{
	const char *dummy;
	unsigned int i;

	if (!why)
		why = &dummy;
	switch (m->type) {
	case PSAC_DHCP6_MSG_SACONFIG:
		if (!m->serverid)
			FAIL("SACONFIGURATION without SERVERID");
		if (!m->auth.present)
			FAIL("SACONFIGURATION without OPTION_AUTH");
		if (m->has_sa_list)
			FAIL("SACONFIGURATION with SA_LIST");
		if (!m->n_sa)
			FAIL("SACONFIGURATION without OPTION_SA");
		for (i = 0; i < m->n_sa; i++)
			if (m->sa[i].p.key_prot_alg != PSAC_KEYPROT_PSK)
				FAIL("SACONFIGURATION OPTION_SA not under a PSK");
		return 0;
	case PSAC_DHCP6_MSG_SACONFIG_REPLY:
		if (!m->serverid || !m->clientid)
			FAIL("SACONFIGURATION-REPLY without SERVERID/CLIENTID");
		if (!m->status.present)
			FAIL("SACONFIGURATION-REPLY without STATUS_CODE");
		if (!m->auth.present)
			FAIL("SACONFIGURATION-REPLY without OPTION_AUTH");
		return 0;
	case PSAC_DHCP6_MSG_REPLY:
		if (!m->serverid)
			FAIL("Reply without SERVERID");
		return 0;
	case PSAC_DHCP6_MSG_INFO_REQUEST:
	case PSAC_DHCP6_MSG_REQUEST:
		if (m->n_sareq && !m->has_pubkey)
			FAIL("SA_REQUEST without CLIENT_PUBKEY");
		if (m->n_sareq && m->pk_alg != PSAC_PK_ALG_X25519 &&
		    m->pk_alg != PSAC_PK_ALG_RSA)
			FAIL("CLIENT_PUBKEY with an unknown PK-Alg");
		if (m->type == PSAC_DHCP6_MSG_REQUEST && !m->clientid)
			FAIL("Request without CLIENTID");
		return 0;
	default:
		return 0;
	}
}

int psac_msg_verify(const uint8_t *buf, size_t len, const struct psac_msg *m,
		    const uint8_t *psk, size_t psk_len)
{
	uint8_t mac[PSAC_AUTH_HMAC_LEN];
	int ret;

	if (!m->auth.present)
		return -ENOKEY;
	if (m->auth.proto != PSAC_AUTH_PROTO_DELAYED ||
	    m->auth.alg != PSAC_AUTH_ALG_HMAC_SHA256 ||
	    m->auth.rdm != PSAC_AUTH_RDM_COUNTER)
		return -EPROTO;
	if (!psk || !psk_len)
		return -EINVAL;
	ret = hmac_zeroed(buf, len, m->auth.hmac_off, psk, psk_len, mac);
	if (ret)
		return ret;
	ret = psac_memneq(mac, buf + m->auth.hmac_off, sizeof(mac)) ?
	      -EBADMSG : 0;
	psac_wipe(mac, sizeof(mac));
	return ret;
}

int psac_sa_unwrap_psk(const struct psac_msg *m, unsigned int i,
		       const uint8_t *psk, size_t psk_len,
		       uint8_t *keymat, size_t keymat_size, size_t *keymat_len)
{
	uint8_t aad[PSAC_SA_AAD_LEN];

	if (i >= m->n_sa)
		return -EINVAL;
	if (m->sa[i].p.key_prot_alg != PSAC_KEYPROT_PSK)
		return -EPROTO;
	psac_sa_aad(m->sa[i].fixed, m->xid, aad);
	return psac_keyunwrap_psk(psk, psk_len, aad, m->sa[i].prot,
				  m->sa[i].prot_len, keymat, keymat_size,
				  keymat_len);
}

int psac_sa_unwrap_x25519(const struct psac_msg *m, unsigned int i,
			  const uint8_t priv[PSAC_X25519_KEY_LEN],
			  uint8_t *keymat, size_t keymat_size,
			  size_t *keymat_len)
{
	uint8_t aad[PSAC_SA_AAD_LEN];

	if (i >= m->n_sa)
		return -EINVAL;
	if (m->sa[i].p.key_prot_alg != PSAC_KEYPROT_X25519)
		return -EPROTO;
	psac_sa_aad(m->sa[i].fixed, m->xid, aad);
	return psac_keyunwrap_x25519(priv, aad, m->sa[i].prot,
				     m->sa[i].prot_len, keymat, keymat_size,
				     keymat_len);
}

/* ---------------------------------------------------------------------- */
/* Algorithms and names                                                    */
/* ---------------------------------------------------------------------- */

/* The transforms are kmod/lib's table (sa_alg.c); these adapt it. */

int psac_keymat_layout(uint16_t encr_alg, uint16_t encr_key_bits,
		       uint16_t integ_alg, size_t *enc_len, size_t *auth_len)
{
	struct psac_sa_alg alg;

	if (psac_sa_alg_get(encr_alg, encr_key_bits, integ_alg, &alg))
		return -EINVAL;
	*enc_len = alg.ekey_len;
	*auth_len = alg.ikey_len;
	return 0;
}

int psac_xfrm_algs(uint16_t encr_alg, uint16_t integ_alg,
		   struct psac_xfrm_algs *out)
{
	const struct psac_encr *e = psac_encr_get(encr_alg);
	const struct psac_integ *a = psac_integ_get(integ_alg);

	memset(out, 0, sizeof(*out));
	if (!e || !a)
		return -EINVAL;
	out->enc = e->xfrm_name;
	out->aead = e->aead;
	out->icv_bits = e->icv_bits;
	out->auth = a->xfrm_name;
	out->trunc_bits = a->trunc_bits;
	return 0;
}

struct name_map {
	int id;
	const char *name;
};

static const struct name_map status_names[] = {
	{ PSAC_STATUS_SUCCESS, "Success" },
	{ PSAC_STATUS_UNSPEC_FAIL, "UnspecFail" },
	{ 2, "NoAddrsAvail" },
	{ 3, "NoBinding" },
	{ 4, "NotOnLink" },
	{ 5, "UseMulticast" },
	{ 6, "NoPrefixAvail" },
	{ PSAC_STATUS_SA_REQ_UNSUPPORTED, "SAReqUnsupported" },
	{ PSAC_STATUS_NO_SUCH_TARGET, "NoSuchTarget" },
	{ PSAC_STATUS_ALG_NOT_SUPPORTED, "AlgNotSupported" },
	{ PSAC_STATUS_KEY_PROT_FAILED, "KeyProtFailed" },
	{ PSAC_STATUS_AUTH_FAILED, "AuthFailed" },
	{ PSAC_STATUS_REPLAYED, "Replayed" },
	{ -1, NULL }
};

static const struct name_map msg_names[] = {
	{ PSAC_DHCP6_MSG_SOLICIT, "Solicit" },
	{ PSAC_DHCP6_MSG_ADVERTISE, "Advertise" },
	{ PSAC_DHCP6_MSG_REQUEST, "Request" },
	{ PSAC_DHCP6_MSG_REPLY, "Reply" },
	{ PSAC_DHCP6_MSG_INFO_REQUEST, "Information-Request" },
	{ PSAC_DHCP6_MSG_RELAY_FORW, "Relay-Forw" },
	{ PSAC_DHCP6_MSG_RELAY_REPL, "Relay-Repl" },
	{ PSAC_DHCP6_MSG_SACONFIG, "SACONFIGURATION" },
	{ PSAC_DHCP6_MSG_SACONFIG_REPLY, "SACONFIGURATION-REPLY" },
	{ -1, NULL }
};

static const struct name_map mode_names[] = {
	{ PSAC_MODE_TRANSPORT, "transport" },
	{ PSAC_MODE_TUNNEL, "tunnel" },
	{ PSAC_MODE_MNHA_UDP, "mnha-udp" },
	{ -1, NULL }
};

static const struct name_map keyprot_names[] = {
	{ PSAC_KEYPROT_X25519, "x25519" },
	{ PSAC_KEYPROT_PSK, "psk" },
	{ PSAC_KEYPROT_RSA_OAEP, "rsa-oaep" },
	{ 0, "none" },
	{ -1, NULL }
};

static const struct name_map ulp_names[] = {
	{ PSAC_ULP_ANY, "any" },
	{ PSAC_ULP_TCP, "tcp" },
	{ PSAC_ULP_UDP, "udp" },
	{ PSAC_ULP_ICMPV6, "icmpv6" },
	{ PSAC_ULP_MH, "mh" },
	{ -1, NULL }
};

static const char *lookup(const struct name_map *t, int id, const char *dflt)
{
	for (; t->name; t++)
		if (t->id == id)
			return t->name;
	return dflt;
}

static int rlookup(const struct name_map *t, const char *s, long max)
{
	char *end;
	long v;

	for (; t && t->name; t++)
		if (!strcasecmp(t->name, s))
			return t->id;
	if (!*s)
		return -1;
	v = strtol(s, &end, 0);
	if (*end || v < 0 || v > max)
		return -1;
	return (int)v;
}

const char *psac_msg_type_name(uint8_t type)
{
	return lookup(msg_names, type, "unknown");
}

const char *psac_encr_name(uint16_t id)
{
	const struct psac_encr *e = psac_encr_get(id);

	return e ? e->name : "unknown";
}

const char *psac_integ_name(uint16_t id)
{
	const struct psac_integ *a = psac_integ_get(id);

	return a ? a->name : "unknown";
}

const char *psac_status_name(uint16_t code)
{
	return lookup(status_names, code, "unknown");
}

const char *psac_mode_name(uint8_t mode)
{
	return lookup(mode_names, mode, "unknown");
}

const char *psac_keyprot_name(uint8_t alg)
{
	return lookup(keyprot_names, alg, "unknown");
}

const char *psac_ulp_name(uint8_t ulp)
{
	return lookup(ulp_names, ulp, NULL);
}

int psac_encr_from_name(const char *s)
{
	const struct psac_encr *e;
	unsigned int i;

	/* common aliases */
	if (!strcasecmp(s, "aes-gcm") || !strcasecmp(s, "gcm"))
		return PSAC_ENCR_AES_GCM_16;
	if (!strcasecmp(s, "chacha20"))
		return PSAC_ENCR_CHACHA20_POLY1305;
	for (i = 0; (e = psac_encr_at(i)); i++)
		if (!strcasecmp(s, e->name))
			return e->id;
	return rlookup(NULL, s, 0xffff);
}

int psac_integ_from_name(const char *s)
{
	const struct psac_integ *a;
	unsigned int i;

	if (!strcasecmp(s, "hmac-sha256-128") ||
	    !strcasecmp(s, "hmac-sha256"))
		return PSAC_INTEG_HMAC_SHA2_256_128;
	if (!strcasecmp(s, "hmac-sha1"))
		return PSAC_INTEG_HMAC_SHA1_96;
	for (i = 0; (a = psac_integ_at(i)); i++)
		if (!strcasecmp(s, a->name))
			return a->id;
	return rlookup(NULL, s, 0xffff);
}

int psac_mode_from_name(const char *s)
{
	return rlookup(mode_names, s, 0xff);
}

int psac_ulp_from_name(const char *s)
{
	if (!strcasecmp(s, "ipv6-icmp") || !strcasecmp(s, "icmp6"))
		return PSAC_ULP_ICMPV6;
	if (!strcasecmp(s, "ipv6-mh") || !strcasecmp(s, "mobility-header"))
		return PSAC_ULP_MH;
	return rlookup(ulp_names, s, 0xff);
}

uint16_t psac_default_key_bits(uint16_t encr_alg)
{
	const struct psac_encr *e = psac_encr_get(encr_alg);

	return e ? e->bits[0] : 128;
}

uint16_t psac_default_integ(uint16_t encr_alg)
{
	const struct psac_encr *e = psac_encr_get(encr_alg);

	return e && e->aead ? PSAC_INTEG_NONE : PSAC_INTEG_HMAC_SHA2_256_128;
}

static void env_hex(FILE *f, const char *name, unsigned int i,
		    const uint8_t *p, size_t len)
{
	size_t k;

	fprintf(f, "PSAC_SA%u_%s=", i, name);
	if (!len) {
		fputs("\"\"\n", f);
		return;
	}
	fputs("0x", f);
	for (k = 0; k < len; k++)
		fprintf(f, "%02x", p[k]);
	fputc('\n', f);
}

void psac_env_sa(FILE *f, unsigned int i, const struct psac_sa_params *p,
		 const uint8_t *keymat, size_t keymat_len)
{
	const char *ulp = psac_ulp_name(p->ulp);
	struct psac_xfrm_algs x;
	size_t e = 0, a = 0;

	fprintf(f, "PSAC_SA%u_SPI_I2R=0x%08x\n", i, p->spi_i2r);
	fprintf(f, "PSAC_SA%u_SPI_R2I=0x%08x\n", i, p->spi_r2i);
	fprintf(f, "PSAC_SA%u_PROTO=%u\n", i, p->protocol);
	fprintf(f, "PSAC_SA%u_MODE=%s\n", i, psac_mode_name(p->mode));
	fprintf(f, "PSAC_SA%u_ENCR=%s\n", i, psac_encr_name(p->encr_alg));
	fprintf(f, "PSAC_SA%u_ENCR_BITS=%u\n", i, p->encr_key_bits);
	fprintf(f, "PSAC_SA%u_INTEG=%s\n", i, psac_integ_name(p->integ_alg));
	fprintf(f, "PSAC_SA%u_ULP=%s\n", i, ulp ? ulp : "");
	fprintf(f, "PSAC_SA%u_ULP_NUM=%u\n", i, p->ulp);
	fprintf(f, "PSAC_SA%u_SPORT=%u\n", i, p->sport);
	fprintf(f, "PSAC_SA%u_DPORT=%u\n", i, p->dport);
	fprintf(f, "PSAC_SA%u_LIFETIME=%u\n", i, p->lifetime);
	env_hex(f, "KEYMAT", i, keymat, keymat_len);
	if (!psac_keymat_layout(p->encr_alg, p->encr_key_bits, p->integ_alg,
				&e, &a) && 2 * (e + a) == keymat_len) {
		env_hex(f, "KE_I2R", i, keymat, e);
		env_hex(f, "KA_I2R", i, keymat + e, a);
		env_hex(f, "KE_R2I", i, keymat + e + a, e);
		env_hex(f, "KA_R2I", i, keymat + 2 * e + a, a);
	}
	if (!psac_xfrm_algs(p->encr_alg, p->integ_alg, &x)) {
		fprintf(f, "PSAC_SA%u_XFRM_ENC='%s'\n", i, x.enc);
		fprintf(f, "PSAC_SA%u_XFRM_AEAD=%d\n", i, x.aead);
		fprintf(f, "PSAC_SA%u_XFRM_ICV=%u\n", i, x.icv_bits);
		fprintf(f, "PSAC_SA%u_XFRM_AUTH='%s'\n", i, x.auth ? x.auth : "");
		fprintf(f, "PSAC_SA%u_XFRM_TRUNC=%u\n", i, x.trunc_bits);
	}
}
