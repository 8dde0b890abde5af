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
/* OPTION_SA                                                               */
/* ---------------------------------------------------------------------- */

/* The fixed part is kmod/lib's (psac_dhcp6_put_sa_fixed/_get_sa_fixed). */
static void sa_to_lib(const struct psac_sa_params *p, uint16_t pkey_len,
		      struct psac_dhcp6_sa *sa)
{
	memset(sa, 0, sizeof(*sa));
	memcpy(sa->peer_addr, &p->peer, sizeof(sa->peer_addr));
	sa->protocol = p->protocol;
	sa->mode = p->mode;
	sa->key_prot_alg = p->key_prot_alg;
	sa->encr_alg = p->encr_alg;
	sa->encr_key_bits = p->encr_key_bits;
	sa->integ_alg = p->integ_alg;
	sa->ulp = p->ulp;
	sa->spi_i2r = p->spi_i2r;
	sa->spi_r2i = p->spi_r2i;
	sa->lifetime = p->lifetime;
	sa->sport_or_type = p->sport;
	sa->dport_or_code = p->dport;
	sa->pkey_len = pkey_len;
}

static void sa_from_lib(const struct psac_dhcp6_sa *sa,
			struct psac_sa_params *p)
{
	memset(p, 0, sizeof(*p));
	memcpy(&p->peer, sa->peer_addr, sizeof(sa->peer_addr));
	p->protocol = sa->protocol;
	p->mode = sa->mode;
	p->key_prot_alg = sa->key_prot_alg;
	p->encr_alg = sa->encr_alg;
	p->encr_key_bits = sa->encr_key_bits;
	p->integ_alg = sa->integ_alg;
	p->ulp = sa->ulp;
	p->spi_i2r = sa->spi_i2r;
	p->spi_r2i = sa->spi_r2i;
	p->lifetime = sa->lifetime;
	p->sport = sa->sport_or_type;
	p->dport = sa->dport_or_code;
}

void psac_sa_params_pack(const struct psac_sa_params *p,
			 uint8_t out[PSAC_SA_AAD_FIXED_LEN])
{
	uint8_t fixed[PSAC_SA_FIXED_LEN];
	struct psac_dhcp6_sa sa;

	sa_to_lib(p, 0, &sa);
	psac_dhcp6_put_sa_fixed(fixed, &sa);
	memcpy(out, fixed, PSAC_SA_AAD_FIXED_LEN);
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
	struct psac_dhcp6_sa sa;
	uint8_t *fixed, *prot;
	size_t plen, olen;
	int ret;

	if (keymat_len > PSAC_KEYMAT_MAX || (!keymat && keymat_len))
		return -EINVAL;
	plen = keyprot == PSAC_KEYPROT_PSK ?
	       PSAC_PSK_PROTECTED_LEN(keymat_len) :
	       PSAC_X25519_PROTECTED_LEN(keymat_len);
	q.key_prot_alg = keyprot;

	sa_to_lib(&q, (uint16_t)plen, &sa);
	fixed = psac_wbuf_sa(w, PSAC_OPT_SA, &sa);
	prot = psac_wbuf_put(w, NULL, plen);
	if (w->err)
		return w->err;

	psac_sa_build_aad(aad, fixed, xid);
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
	struct psac_dhcp6_sa sa;

	sa_to_lib(p, 0, &sa);
	psac_wbuf_sa(w, PSAC_OPT_SA, &sa);
}

void psac_put_req_params(struct psac_wbuf *w, const struct psac_req_params *r)
{
	struct psac_dhcp6_req_params rp = {
		.protocol = r->protocol,
		.mode = r->mode,
		.flags = r->flags,
		.encr_alg = r->encr_alg,
		.encr_key_bits = r->encr_key_bits,
		.integ_alg = r->integ_alg,
		.ulp = r->ulp,
		.requestor_spi = r->requestor_spi,
		.lifetime = r->lifetime,
		.sport_or_type = r->sport,
		.dport_or_code = r->dport,
	};

	psac_wbuf_req_params(w, &rp);
}

/* ---------------------------------------------------------------------- */
/* OPTION_AUTH                                                             */
/* ---------------------------------------------------------------------- */

size_t psac_put_auth(struct psac_wbuf *w, const struct psac_auth_key *key,
		     uint64_t counter)
{
	return psac_wbuf_auth(w, counter, key->realm, (uint16_t)key->realm_len,
			      key->key_id);
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
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_SACONFIG, xid);
	psac_wbuf_opt(&w, PSAC_DHCP6_OPT_SERVERID, serverid, serverid_len);
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
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_SACONFIG_REPLY, xid);
	psac_wbuf_opt(&w, PSAC_DHCP6_OPT_SERVERID, serverid, serverid_len);
	psac_wbuf_opt(&w, PSAC_DHCP6_OPT_CLIENTID, clientid, clientid_len);
	psac_wbuf_status(&w, status, status_msg);
	if (nres) {
		o = psac_wbuf_opt_begin(&w, PSAC_OPT_SA_LIST);
		for (i = 0; i < nres; i++) {
			psac_put_sa_echo(&w, &res[i].p);
			psac_wbuf_status(&w, res[i].status, res[i].msg);
		}
		psac_wbuf_opt_end(&w, o);
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
	psac_wbuf_hdr(&w, msg_type, xid);
	psac_wbuf_opt(&w, PSAC_DHCP6_OPT_CLIENTID, clientid, clientid_len);
	o = psac_wbuf_opt_begin(&w, PSAC_DHCP6_OPT_ORO);
	psac_wbuf_u16(&w, PSAC_OPT_SA_LIST);
	psac_wbuf_opt_end(&w, o);
	o = psac_wbuf_opt_begin(&w, PSAC_DHCP6_OPT_ELAPSED_TIME);
	psac_wbuf_u16(&w, 0);
	psac_wbuf_opt_end(&w, o);
	o = psac_wbuf_opt_begin(&w, PSAC_OPT_CLIENT_PUBKEY);
	psac_wbuf_u8(&w, PSAC_PK_ALG_X25519);
	psac_wbuf_u8(&w, 0);
	psac_wbuf_put(&w, pub, PSAC_X25519_KEY_LEN);
	psac_wbuf_opt_end(&w, o);
	for (i = 0; i < nreq; i++) {
		if (!reqs[i].nparams || !reqs[i].params ||
		    reqs[i].nparams > PSAC_SAREQ_MAX_PARAMS)
			return -EINVAL;
		o = psac_wbuf_opt_begin(&w, PSAC_OPT_SA_REQUEST);
		psac_wbuf_put(&w, &reqs[i].target, 16);
		for (j = 0; j < reqs[i].nparams; j++)
			psac_put_req_params(&w, &reqs[i].params[j]);
		psac_wbuf_opt_end(&w, o);
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
	psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_REPLY, xid);
	psac_wbuf_opt(&w, PSAC_DHCP6_OPT_SERVERID, serverid, serverid_len);
	psac_wbuf_opt(&w, PSAC_DHCP6_OPT_CLIENTID, clientid, clientid_len);
	if (status != PSAC_STATUS_SUCCESS || status_msg)
		psac_wbuf_status(&w, status, status_msg);
	if (nsa) {
		o = psac_wbuf_opt_begin(&w, PSAC_OPT_SA_LIST);
		for (i = 0; i < nsa; i++) {
			ret = psac_put_sa_x25519(&w, &sas[i].p, xid, rcpt_pub,
						 sas[i].keymat,
						 sas[i].keymat_len);
			if (ret)
				return ret;
		}
		psac_wbuf_opt_end(&w, o);
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

/*
 * The options are walked with kmod/lib's iterator and decoded with its
 * element decoders; what may appear where, per message type, is ours.
 */

/* A decoder's or the iterator's error, in words. */
static int lib_fail(int err, const char **why)
{
	*why = psac_dhcp6_strerror(err);
	return -EBADMSG;
}

static int parse_status(const struct psac_opt *o, struct psac_status *st,
			const char **why)
{
	const uint8_t *msg;
	int ret;

	if (st->present)
		FAIL("duplicate STATUS_CODE");
	ret = psac_dhcp6_get_status(o, &st->code, &msg, &st->msg_len);
	if (ret)
		return lib_fail(ret, why);
	st->present = 1;
	st->msg = (const char *)msg;
	return 0;
}

static int parse_sa(struct psac_msg *m, const struct psac_opt *o,
		    int in_list, const char **why)
{
	struct psac_dhcp6_sa fixed;
	struct psac_sa_in *sa;

	if (o->len < PSAC_SA_FIXED_LEN)
		return lib_fail(-PSAC_DHCP6_E_SA_SHORT, why);
	psac_dhcp6_get_sa_fixed(o->data, &fixed);
	if (fixed.pkey_len != o->len - PSAC_SA_FIXED_LEN)
		return lib_fail(-PSAC_DHCP6_E_SA_KEY_LEN, why);
	if (m->n_sa >= PSAC_MSG_MAX_SA) {
		*why = "too many OPTION_SA";
		return -E2BIG;
	}
	sa = &m->sa[m->n_sa++];
	memset(sa, 0, sizeof(*sa));
	sa_from_lib(&fixed, &sa->p);
	sa->fixed = o->data;
	sa->prot = o->data + PSAC_SA_FIXED_LEN;
	sa->prot_len = fixed.pkey_len;
	sa->in_list = in_list;
	return 0;
}

static int parse_sareq(struct psac_msg *m, const struct psac_opt *req,
		       const char **why)
{
	struct psac_dhcp6_req_params rp;
	struct psac_sareq_in *rq;
	struct psac_opt_iter it;
	struct psac_opt o;
	int ret;

	if (req->len < PSAC_SA_REQUEST_HDR_LEN)
		FAIL("SA_REQUEST shorter than its target address");
	if (m->n_sareq >= PSAC_MSG_MAX_SAREQ) {
		*why = "too many SA_REQUEST";
		return -E2BIG;
	}
	rq = &m->sareq[m->n_sareq++];
	memset(rq, 0, sizeof(*rq));
	memcpy(&rq->target, req->data, sizeof(rq->target));
	psac_opt_iter_init(&it, req->data + PSAC_SA_REQUEST_HDR_LEN,
			   req->len - PSAC_SA_REQUEST_HDR_LEN);
	while ((ret = psac_opt_iter_next(&it, &o)) > 0) {
		struct psac_req_params *r;

		if (o.code != PSAC_OPT_SA_REQ_PARAMS)
			continue;
		ret = psac_dhcp6_get_req_params(&o, &rp);
		if (ret)
			return lib_fail(ret, why);
		if (rq->nparams >= PSAC_SAREQ_MAX_PARAMS) {
			*why = "too many SA_REQ_PARAMS";
			return -E2BIG;
		}
		r = &rq->params[rq->nparams++];
		r->protocol = rp.protocol;
		r->mode = rp.mode;
		r->flags = rp.flags;
		r->encr_alg = rp.encr_alg;
		r->encr_key_bits = rp.encr_key_bits;
		r->integ_alg = rp.integ_alg;
		r->ulp = rp.ulp;
		r->requestor_spi = rp.requestor_spi;
		r->lifetime = rp.lifetime;
		r->sport = rp.sport_or_type;
		r->dport = rp.dport_or_code;
	}
	if (ret < 0)
		return lib_fail(ret, why);
	if (!rq->nparams)
		FAIL("SA_REQUEST without SA_REQ_PARAMS");
	return 0;
}

static int parse_sa_list(struct psac_msg *m, const struct psac_opt *list,
			 const char **why)
{
	struct psac_sa_in *last = NULL;
	struct psac_opt_iter it;
	struct psac_opt o;
	int ret;

	if (m->has_sa_list)
		FAIL("duplicate SA_LIST");
	m->has_sa_list = 1;
	psac_opt_iter_init(&it, list->data, list->len);
	while ((ret = psac_opt_iter_next(&it, &o)) > 0) {
		if (o.code == PSAC_OPT_SA) {
			ret = parse_sa(m, &o, 1, why);
			if (ret)
				return ret;
			last = &m->sa[m->n_sa - 1];
		} else if (o.code == PSAC_DHCP6_OPT_STATUS_CODE) {
			ret = parse_status(&o, last ? &last->status :
					   &m->list_status, why);
			if (ret)
				return ret;
		}
	}
	return ret < 0 ? lib_fail(ret, why) : 0;
}

static int parse_auth(struct psac_msg *m, const uint8_t *base,
		      const struct psac_opt *o, const char **why)
{
	struct psac_auth_in *a = &m->auth;
	struct psac_dhcp6_auth got;
	int ret;

	if (a->present)
		FAIL("duplicate OPTION_AUTH");
	/* a foreign protocol or algorithm is the verifier's to refuse */
	ret = psac_dhcp6_get_auth(o, base, &got);
	if (ret)
		return lib_fail(ret, why);
	a->present = 1;
	a->proto = got.proto;
	a->alg = got.alg;
	a->rdm = got.rdm;
	a->counter = got.replay;
	if (got.hmac) {
		a->realm = got.realm;
		a->realm_len = got.realm_len;
		a->key_id = got.key_id;
		a->hmac_off = got.hmac_off;
	}
	return 0;
}

static int parse_duid(const struct psac_opt *o, const uint8_t **out,
		      uint16_t *out_len, const char **why)
{
	if (*out)
		FAIL("duplicate CLIENTID/SERVERID");
	if (o->len < 2 || o->len > PSAC_DUID_MAX_LEN)
		FAIL("DUID length out of range (2..130)");
	*out = o->data;
	*out_len = o->len;
	return 0;
}

static int parse_pubkey(struct psac_msg *m, const struct psac_opt *o,
			const char **why)
{
	if (m->has_pubkey)
		FAIL("duplicate CLIENT_PUBKEY");
	if (o->len < PSAC_PUBKEY_HDR_LEN + 1)
		FAIL("CLIENT_PUBKEY too short");
	m->has_pubkey = 1;
	m->pk_alg = o->data[0];
	m->pubkey = o->data + PSAC_PUBKEY_HDR_LEN;
	m->pubkey_len = o->len - PSAC_PUBKEY_HDR_LEN;
	if (m->pk_alg == PSAC_PK_ALG_X25519 &&
	    m->pubkey_len != PSAC_X25519_KEY_LEN)
		FAIL("X25519 CLIENT_PUBKEY is not 32 octets");
	return 0;
}

static int parse_opt(struct psac_msg *m, const uint8_t *buf,
		     const struct psac_opt *o, const char **why)
{
	unsigned int i;

	switch (o->code) {
	case PSAC_DHCP6_OPT_CLIENTID:
		return parse_duid(o, &m->clientid, &m->clientid_len, why);
	case PSAC_DHCP6_OPT_SERVERID:
		return parse_duid(o, &m->serverid, &m->serverid_len, why);
	case PSAC_DHCP6_OPT_ORO:
		if (o->len % 2)
			FAIL("ORO has an odd length");
		for (i = 0; i < o->len / 2u && m->n_oro < PSAC_MSG_MAX_ORO; i++)
			m->oro[m->n_oro++] = psac_get_be16(o->data + 2 * i);
		return 0;
	case PSAC_DHCP6_OPT_ELAPSED_TIME:
		if (o->len != 2)
			FAIL("Elapsed Time length is not 2");
		m->has_elapsed = 1;
		m->elapsed = psac_get_be16(o->data);
		return 0;
	case PSAC_DHCP6_OPT_AUTH:
		return parse_auth(m, buf, o, why);
	case PSAC_DHCP6_OPT_STATUS_CODE:
		return parse_status(o, &m->status, why);
	case PSAC_OPT_CLIENT_PUBKEY:
		return parse_pubkey(m, o, why);
	case PSAC_OPT_SA_REQUEST:
		return parse_sareq(m, o, why);
	case PSAC_OPT_SA:
		return parse_sa(m, o, 0, why);
	case PSAC_OPT_SA_LIST:
		return parse_sa_list(m, o, why);
	default:
		return 0;	/* unknown options are ignored */
	}
}

int psac_msg_parse(const uint8_t *buf, size_t len, struct psac_msg *m,
		   const char **why)
{
	struct psac_opt_iter it;
	const char *dummy;
	struct psac_opt o;
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
	m->xid = psac_get_be32(buf) & 0xffffff;

	psac_opt_iter_init(&it, buf + PSAC_DHCP6_HDR_LEN,
			   len - PSAC_DHCP6_HDR_LEN);
	while ((ret = psac_opt_iter_next(&it, &o)) > 0) {
		ret = parse_opt(m, buf, &o, why);
		if (ret)
			return ret;
	}
	return ret < 0 ? lib_fail(ret, why) : 0;
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
	psac_sa_build_aad(aad, m->sa[i].fixed, m->xid);
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
	psac_sa_build_aad(aad, m->sa[i].fixed, m->xid);
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

static const char *lookup(const struct name_map *t, int id, const char *dflt)
{
	for (; t->name; t++)
		if (t->id == id)
			return t->name;
	return dflt;
}

/* A number of at most @max. */
static int number(const char *s, long max)
{
	char *end;
	long v;

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
	const char *n = psac_dhcp6_status_name(code);

	return n ? n : "unknown";
}

const char *psac_mode_name(uint8_t mode)
{
	const struct psac_sa_code *c = psac_sa_code_get(PSAC_SA_FIELD_MODE, mode);

	return c ? c->name : "unknown";
}

const char *psac_keyprot_name(uint8_t alg)
{
	const struct psac_sa_code *c = psac_sa_code_get(PSAC_SA_FIELD_KEYPROT, alg);

	if (!alg)
		return "none";
	return c ? c->name : "unknown";
}

const char *psac_ulp_name(uint8_t ulp)
{
	const struct psac_sa_code *c = psac_sa_code_get(PSAC_SA_FIELD_ULP, ulp);

	return c ? c->name : NULL;
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
	return number(s, 0xffff);
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
	return number(s, 0xffff);
}

/* A value of @field by its name (any case) or number. */
static int code_from_name(enum psac_sa_field field, const char *s)
{
	const struct psac_sa_code *c;
	unsigned int i;

	for (i = 0; (c = psac_sa_code_at(field, i)); i++)
		if (!strcasecmp(c->name, s))
			return c->code;
	return number(s, 0xff);
}

const char *psac_proto_name(uint8_t proto)
{
	const struct psac_sa_code *c = psac_sa_code_get(PSAC_SA_FIELD_PROTO, proto);

	return c ? c->name : NULL;
}

int psac_proto_from_name(const char *s)
{
	return code_from_name(PSAC_SA_FIELD_PROTO, s);
}

int psac_mode_from_name(const char *s)
{
	return code_from_name(PSAC_SA_FIELD_MODE, s);
}

int psac_ulp_from_name(const char *s)
{
	if (!strcasecmp(s, "ipv6-icmp") || !strcasecmp(s, "icmp6"))
		return PSAC_ULP_ICMPV6;
	if (!strcasecmp(s, "ipv6-mh") || !strcasecmp(s, "mobility-header"))
		return PSAC_ULP_MH;
	return code_from_name(PSAC_SA_FIELD_ULP, s);
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
