// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Bounded DHCPv6 option iterator, the decoders of the PSAC options, the
 * SACONFIGURATION(-REPLY) parser and SA validation.  The writer and the
 * builders are in dhcp6_write.c.
 */
#include "dhcp6.h"
#include "mnha_hdr.h"

static_assert(sizeof(struct psac_sa_fixed) == PSAC_SA_FIXED_LEN,
	      "OPTION_SA fixed part layout");
static_assert(PSAC_SA_OFF(protected_key_len) == PSAC_SA_AAD_FIXED_LEN,
	      "AAD covers Peer-Address .. Dst-Port-or-Code");
static_assert(sizeof(struct psac_sa_req_params) == PSAC_SA_REQ_PARAMS_LEN,
	      "OPTION_SA_REQ_PARAMS layout");
static_assert(PSAC_DHCP6_E_MAX - PSAC_DHCP6_E_BASE < 64,
	      "error table size");

static const char * const psac_dhcp6_errstr[] = {
	[PSAC_DHCP6_E_SHORT - PSAC_DHCP6_E_BASE] =
		"message shorter than the DHCPv6 header",
	[PSAC_DHCP6_E_MSG_TYPE - PSAC_DHCP6_E_BASE] =
		"not a SACONFIGURATION or SACONFIGURATION-REPLY",
	[PSAC_DHCP6_E_OPT_TRUNC - PSAC_DHCP6_E_BASE] =
		"truncated option header",
	[PSAC_DHCP6_E_OPT_OVERLONG - PSAC_DHCP6_E_BASE] =
		"option length exceeds the enclosing data",
	[PSAC_DHCP6_E_DUP_SERVERID - PSAC_DHCP6_E_BASE] =
		"duplicate OPTION_SERVERID",
	[PSAC_DHCP6_E_DUP_CLIENTID - PSAC_DHCP6_E_BASE] =
		"duplicate OPTION_CLIENTID",
	[PSAC_DHCP6_E_DUP_AUTH - PSAC_DHCP6_E_BASE] =
		"duplicate OPTION_AUTH",
	[PSAC_DHCP6_E_DUP_STATUS - PSAC_DHCP6_E_BASE] =
		"duplicate OPTION_STATUS_CODE",
	[PSAC_DHCP6_E_DUP_SA_LIST - PSAC_DHCP6_E_BASE] =
		"duplicate OPTION_SA_LIST",
	[PSAC_DHCP6_E_BAD_DUID - PSAC_DHCP6_E_BASE] =
		"DUID length out of range",
	[PSAC_DHCP6_E_NO_SERVERID - PSAC_DHCP6_E_BASE] =
		"missing OPTION_SERVERID",
	[PSAC_DHCP6_E_NO_AUTH - PSAC_DHCP6_E_BASE] =
		"missing OPTION_AUTH",
	[PSAC_DHCP6_E_AUTH_LEN - PSAC_DHCP6_E_BASE] =
		"OPTION_AUTH too short",
	[PSAC_DHCP6_E_AUTH_ALG - PSAC_DHCP6_E_BASE] =
		"OPTION_AUTH protocol, algorithm or RDM not supported",
	[PSAC_DHCP6_E_STATUS_LEN - PSAC_DHCP6_E_BASE] =
		"OPTION_STATUS_CODE too short",
	[PSAC_DHCP6_E_SA_MISPLACED - PSAC_DHCP6_E_BASE] =
		"OPTION_SA out of place",
	[PSAC_DHCP6_E_OPT_MISPLACED - PSAC_DHCP6_E_BASE] =
		"option out of place",
	[PSAC_DHCP6_E_SA_SHORT - PSAC_DHCP6_E_BASE] =
		"OPTION_SA shorter than its fixed part",
	[PSAC_DHCP6_E_SA_KEY_LEN - PSAC_DHCP6_E_BASE] =
		"Protected-Key-Len inconsistent with option length",
	[PSAC_DHCP6_E_SA_NO_KEY - PSAC_DHCP6_E_BASE] =
		"OPTION_SA without protected key",
	[PSAC_DHCP6_E_TOO_MANY_SA - PSAC_DHCP6_E_BASE] =
		"too many OPTION_SA",
	[PSAC_DHCP6_E_NO_SA - PSAC_DHCP6_E_BASE] =
		"SACONFIGURATION without OPTION_SA",
	[PSAC_DHCP6_E_CFG - PSAC_DHCP6_E_BASE] =
		"unusable code point configuration",
	[PSAC_DHCP6_E_REQ_PARAMS_LEN - PSAC_DHCP6_E_BASE] =
		"OPTION_SA_REQ_PARAMS is not 24 octets",
};

/**
 * psac_dhcp6_strerror() - name a parser error
 * @err: a PSAC_DHCP6_E_* code, negated or not, or 0
 *
 * Return: a static string: "success" for 0, "unknown error" for a value
 * that is no PSAC_DHCP6_E_* code.
 */
const char *psac_dhcp6_strerror(int err)
{
	unsigned int i;

	if (err == 0)
		return "success";
	if (err < 0)
		err = -err;
	if (err < PSAC_DHCP6_E_BASE || err >= PSAC_DHCP6_E_MAX)
		return "unknown error";
	i = (unsigned int)(err - PSAC_DHCP6_E_BASE);
	if (i >= ARRAY_SIZE(psac_dhcp6_errstr) || !psac_dhcp6_errstr[i])
		return "unknown error";
	return psac_dhcp6_errstr[i];
}

/**
 * psac_dhcp6_cfg_default() - set the default code points
 * @cfg: filled with the message types and option codes of psac_wire.h
 */
void psac_dhcp6_cfg_default(struct psac_dhcp6_cfg *cfg)
{
	cfg->msg_saconfig = PSAC_DHCP6_MSG_SACONFIG;
	cfg->msg_saconfig_reply = PSAC_DHCP6_MSG_SACONFIG_REPLY;
	cfg->opt_sa = PSAC_OPT_SA;
	cfg->opt_sa_list = PSAC_OPT_SA_LIST;
}

static bool psac_dhcp6_std_opt(u16 code)
{
	switch (code) {
	case PSAC_DHCP6_OPT_CLIENTID:
	case PSAC_DHCP6_OPT_SERVERID:
	case PSAC_DHCP6_OPT_AUTH:
	case PSAC_DHCP6_OPT_STATUS_CODE:
		return true;
	default:
		return false;
	}
}

/**
 * psac_dhcp6_cfg_check() - check that a code point configuration is usable
 * @cfg: the configuration
 *
 * The two message types must differ and lie above the assigned DHCPv6
 * message types (PSAC_DHCP6_MSG_LAST_ASSIGNED): an assigned type would
 * make the target steal ordinary DHCPv6 messages from a client on the
 * same host.  The two option codes must differ, be non-zero and not be
 * one of the standard options the parser interprets (CLIENTID, SERVERID,
 * AUTH, STATUS_CODE).
 *
 * Return: 0 if usable, else -PSAC_DHCP6_E_CFG.
 */
int psac_dhcp6_cfg_check(const struct psac_dhcp6_cfg *cfg)
{
	/*
	 * An assigned message type would make the target steal ordinary
	 * DHCPv6 messages from a client on the same host.
	 */
	if (cfg->msg_saconfig == cfg->msg_saconfig_reply ||
	    cfg->msg_saconfig <= PSAC_DHCP6_MSG_LAST_ASSIGNED ||
	    cfg->msg_saconfig_reply <= PSAC_DHCP6_MSG_LAST_ASSIGNED ||
	    cfg->opt_sa == cfg->opt_sa_list ||
	    !cfg->msg_saconfig || !cfg->msg_saconfig_reply ||
	    !cfg->opt_sa || !cfg->opt_sa_list ||
	    psac_dhcp6_std_opt(cfg->opt_sa) ||
	    psac_dhcp6_std_opt(cfg->opt_sa_list))
		return -PSAC_DHCP6_E_CFG;
	return 0;
}

/* ---- status codes ---------------------------------------------------- */

/* RFC 8415's that a PSAC exchange meets, and PSAC's (docs/wire-format.md). */
static const struct psac_code_name psac_dhcp6_statuses[] = {
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
};

/**
 * psac_dhcp6_status_at() - iterate over the named status codes
 * @i: index, from 0
 *
 * Return: the @i-th code and its name (static), or NULL past the last.
 */
const struct psac_code_name *psac_dhcp6_status_at(unsigned int i)
{
	return i < ARRAY_SIZE(psac_dhcp6_statuses) ?
	       &psac_dhcp6_statuses[i] : NULL;
}

/**
 * psac_dhcp6_status_name() - the name of a status code
 * @code: OPTION_STATUS_CODE value
 *
 * Return: its name ("AuthFailed"), or NULL for a code psac does not name.
 */
const char *psac_dhcp6_status_name(u16 code)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(psac_dhcp6_statuses); i++)
		if (psac_dhcp6_statuses[i].code == code)
			return psac_dhcp6_statuses[i].name;
	return NULL;
}

/* ---- option iterator -------------------------------------------------- */

/**
 * psac_opt_iter_init() - start iterating over DHCPv6 options
 * @it: the iterator
 * @buf: the options: a message after its header, or an option's data
 * @len: octets in @buf
 *
 * @buf is not copied; it must stay valid and unchanged while @it is used.
 */
void psac_opt_iter_init(struct psac_opt_iter *it, const u8 *buf, size_t len)
{
	it->buf = buf;
	it->len = len;
	it->off = 0;
	it->err = 0;
}

/**
 * psac_opt_iter_next() - step to the next option
 * @it: the iterator, from psac_opt_iter_init()
 * @opt: filled with the option's code, length and data (pointing into the
 *       iterated buffer)
 *
 * Never reads beyond the buffer.  Errors are sticky: once one is
 * returned, every further call returns it again.
 *
 * Return: 1 with @opt filled, 0 at the end of the buffer,
 * -PSAC_DHCP6_E_OPT_TRUNC for a partial option header,
 * -PSAC_DHCP6_E_OPT_OVERLONG for an option length past the buffer.
 */
int psac_opt_iter_next(struct psac_opt_iter *it, struct psac_opt *opt)
{
	size_t left;
	u16 olen;

	if (it->err)
		return it->err;
	left = it->len - it->off;
	if (left == 0)
		return 0;
	if (left < PSAC_DHCP6_OPT_HDR_LEN) {
		it->err = -PSAC_DHCP6_E_OPT_TRUNC;
		return it->err;
	}
	olen = psac_get_be16(it->buf + it->off + 2);
	if (olen > left - PSAC_DHCP6_OPT_HDR_LEN) {
		it->err = -PSAC_DHCP6_E_OPT_OVERLONG;
		return it->err;
	}
	opt->code = psac_get_be16(it->buf + it->off);
	opt->len = olen;
	opt->data = it->buf + it->off + PSAC_DHCP6_OPT_HDR_LEN;
	it->off += PSAC_DHCP6_OPT_HDR_LEN + olen;
	return 1;
}

/* ---- element decoders ------------------------------------------------ */

/**
 * psac_dhcp6_get_status() - decode an OPTION_STATUS_CODE
 * @o: the option
 * @status: the status code
 * @msg: the status message, @msg_len octets inside @o, not NUL-terminated
 * @msg_len: octets in @msg
 *
 * Return: 0, or -PSAC_DHCP6_E_STATUS_LEN if @o is shorter than 2 octets.
 */
int psac_dhcp6_get_status(const struct psac_opt *o, u16 *status,
			  const u8 **msg, u16 *msg_len)
{
	if (o->len < 2)
		return -PSAC_DHCP6_E_STATUS_LEN;
	*status = psac_get_be16(o->data);
	*msg = o->data + 2;
	*msg_len = o->len - 2;
	return 0;
}

/**
 * psac_dhcp6_get_auth() - decode an OPTION_AUTH
 * @o: the option, inside the message @msg
 * @msg: the start of the message (for @a->hmac_off)
 * @a: filled with protocol, algorithm, RDM and replay value; for the
 *     delayed HMAC-SHA256 authentication psac uses also with realm,
 *     Key-ID and HMAC (@a->hmac NULL for any other protocol or algorithm)
 *
 * Judging the protocol, algorithm and RDM is the caller's.
 *
 * Return: 0, or -PSAC_DHCP6_E_AUTH_LEN if @o is shorter than its 11-octet
 * header, or than 47 octets for delayed HMAC-SHA256.
 */
int psac_dhcp6_get_auth(const struct psac_opt *o, const u8 *msg,
			struct psac_dhcp6_auth *a)
{
	const u8 *d = o->data;

	memset(a, 0, sizeof(*a));
	if (o->len < PSAC_AUTH_HDR_LEN)
		return -PSAC_DHCP6_E_AUTH_LEN;
	a->proto = d[0];
	a->alg = d[1];
	a->rdm = d[2];
	a->replay = psac_get_be64(d + 3);
	if (a->proto != PSAC_AUTH_PROTO_DELAYED ||
	    a->alg != PSAC_AUTH_ALG_HMAC_SHA256)
		return 0;
	if (o->len < PSAC_AUTH_MIN_LEN)
		return -PSAC_DHCP6_E_AUTH_LEN;
	a->realm = d + PSAC_AUTH_HDR_LEN;
	a->realm_len = o->len - PSAC_AUTH_MIN_LEN;
	a->key_id = psac_get_be32(a->realm + a->realm_len);
	a->hmac = a->realm + a->realm_len + PSAC_AUTH_KEYID_LEN;
	a->hmac_off = (size_t)(a->hmac - msg);
	return 0;
}

/**
 * psac_dhcp6_get_sa_fixed() - decode the fixed part of an OPTION_SA
 * @fixed: PSAC_SA_FIXED_LEN (46) octets
 * @sa: filled with the fields in host order, Protected-Key-Len in
 *      @sa->pkey_len and @sa->fixed; the other members are cleared
 */
void psac_dhcp6_get_sa_fixed(const u8 *fixed, struct psac_dhcp6_sa *sa)
{
	const u8 *d = fixed;

	memset(sa, 0, sizeof(*sa));
	memcpy(sa->peer_addr, d + PSAC_SA_OFF(peer_addr),
	       sizeof(sa->peer_addr));
	sa->protocol = d[PSAC_SA_OFF(protocol)];
	sa->mode = d[PSAC_SA_OFF(mode)];
	sa->key_prot_alg = d[PSAC_SA_OFF(key_prot_alg)];
	sa->encr_alg = psac_get_be16(d + PSAC_SA_OFF(encr_alg));
	sa->encr_key_bits = psac_get_be16(d + PSAC_SA_OFF(encr_key_bits));
	sa->integ_alg = psac_get_be16(d + PSAC_SA_OFF(integ_alg));
	sa->ulp = d[PSAC_SA_OFF(ulp)];
	sa->spi_i2r = psac_get_be32(d + PSAC_SA_OFF(spi_i2r));
	sa->spi_r2i = psac_get_be32(d + PSAC_SA_OFF(spi_r2i));
	sa->lifetime = psac_get_be32(d + PSAC_SA_OFF(lifetime));
	sa->sport_or_type = psac_get_be16(d + PSAC_SA_OFF(sport_or_type));
	sa->dport_or_code = psac_get_be16(d + PSAC_SA_OFF(dport_or_code));
	sa->pkey_len = psac_get_be16(d + PSAC_SA_OFF(protected_key_len));
	sa->fixed = fixed;
}

/**
 * psac_dhcp6_get_req_params() - decode an OPTION_SA_REQ_PARAMS
 * @o: the option
 * @r: filled with the fields in host order
 *
 * Return: 0, or -PSAC_DHCP6_E_REQ_PARAMS_LEN if @o is not 24 octets.
 */
int psac_dhcp6_get_req_params(const struct psac_opt *o,
			      struct psac_dhcp6_req_params *r)
{
	const u8 *d = o->data;

	if (o->len != PSAC_SA_REQ_PARAMS_LEN)
		return -PSAC_DHCP6_E_REQ_PARAMS_LEN;
	r->protocol = d[PSAC_RP_OFF(protocol)];
	r->mode = d[PSAC_RP_OFF(mode)];
	r->flags = psac_get_be16(d + PSAC_RP_OFF(flags));
	r->encr_alg = psac_get_be16(d + PSAC_RP_OFF(encr_alg));
	r->encr_key_bits = psac_get_be16(d + PSAC_RP_OFF(encr_key_bits));
	r->integ_alg = psac_get_be16(d + PSAC_RP_OFF(integ_alg));
	r->ulp = d[PSAC_RP_OFF(ulp)];
	r->requestor_spi = psac_get_be32(d + PSAC_RP_OFF(requestor_spi));
	r->lifetime = psac_get_be32(d + PSAC_RP_OFF(lifetime));
	r->sport_or_type = psac_get_be16(d + PSAC_RP_OFF(sport_or_type));
	r->dport_or_code = psac_get_be16(d + PSAC_RP_OFF(dport_or_code));
	return 0;
}

/* ---- parser ----------------------------------------------------------- */

struct psac_dhcp6_pctx {
	const struct psac_dhcp6_cfg *cfg;
	const u8 *msg;
	struct psac_dhcp6_msg *m;
	bool is_saconfig;
};

static int psac_dhcp6_parse_duid(const struct psac_opt *o, const u8 **p,
				 u16 *plen, int dup_err)
{
	if (*p)
		return dup_err;
	if (o->len < PSAC_DUID_MIN_LEN || o->len > PSAC_DUID_MAX_LEN)
		return -PSAC_DHCP6_E_BAD_DUID;
	*p = o->data;
	*plen = o->len;
	return 0;
}

static int psac_dhcp6_parse_auth(struct psac_dhcp6_pctx *c,
				 const struct psac_opt *o)
{
	struct psac_dhcp6_auth *a = &c->m->auth;
	int ret;

	if (c->m->has_auth)
		return -PSAC_DHCP6_E_DUP_AUTH;
	if (o->len < PSAC_AUTH_MIN_LEN)
		return -PSAC_DHCP6_E_AUTH_LEN;
	ret = psac_dhcp6_get_auth(o, c->msg, a);
	if (ret)
		return ret;
	if (!a->hmac || a->rdm != PSAC_AUTH_RDM_COUNTER)
		return -PSAC_DHCP6_E_AUTH_ALG;
	c->m->has_auth = true;
	return 0;
}

static int psac_dhcp6_parse_sa(struct psac_dhcp6_pctx *c,
			       const struct psac_opt *o, bool in_list)
{
	struct psac_dhcp6_sa *sa;
	const u8 *d = o->data;
	u16 pkl;

	if (o->len < PSAC_SA_FIXED_LEN)
		return -PSAC_DHCP6_E_SA_SHORT;
	pkl = psac_get_be16(d + PSAC_SA_OFF(protected_key_len));
	if (pkl != o->len - PSAC_SA_FIXED_LEN)
		return -PSAC_DHCP6_E_SA_KEY_LEN;
	if (c->m->n_sa >= PSAC_DHCP6_MAX_SA)
		return -PSAC_DHCP6_E_TOO_MANY_SA;

	sa = &c->m->sa[c->m->n_sa];
	psac_dhcp6_get_sa_fixed(d, sa);
	sa->pkey = d + PSAC_SA_FIXED_LEN;
	sa->in_list = in_list;

	/* an install needs key material; a delete (lifetime 0) does not */
	if (c->is_saconfig && pkl == 0 && sa->lifetime != 0)
		return -PSAC_DHCP6_E_SA_NO_KEY;

	c->m->n_sa++;
	return 0;
}

static int psac_dhcp6_parse_list(struct psac_dhcp6_pctx *c,
				 const struct psac_opt *list)
{
	struct psac_dhcp6_sa *last = NULL;
	struct psac_opt_iter it;
	struct psac_opt o;
	int ret;

	if (c->m->has_sa_list)
		return -PSAC_DHCP6_E_DUP_SA_LIST;
	c->m->has_sa_list = true;

	psac_opt_iter_init(&it, list->data, list->len);
	while ((ret = psac_opt_iter_next(&it, &o)) > 0) {
		if (o.code == c->cfg->opt_sa) {
			ret = psac_dhcp6_parse_sa(c, &o, true);
			if (ret)
				return ret;
			last = &c->m->sa[c->m->n_sa - 1];
		} else if (o.code == PSAC_DHCP6_OPT_STATUS_CODE) {
			if (!last)
				return -PSAC_DHCP6_E_OPT_MISPLACED;
			if (last->has_status)
				return -PSAC_DHCP6_E_DUP_STATUS;
			ret = psac_dhcp6_get_status(&o, &last->status,
						    &last->status_msg,
						    &last->status_msg_len);
			if (ret)
				return ret;
			last->has_status = true;
		} else if (o.code == c->cfg->opt_sa_list ||
			   psac_dhcp6_std_opt(o.code)) {
			return -PSAC_DHCP6_E_OPT_MISPLACED;
		}
		/* anything else: unknown, skipped */
	}
	return ret;
}

static int psac_dhcp6_parse_top(struct psac_dhcp6_pctx *c,
				const struct psac_opt *o)
{
	struct psac_dhcp6_msg *m = c->m;
	int ret;

	if (o->code == c->cfg->opt_sa) {
		if (!c->is_saconfig)
			return -PSAC_DHCP6_E_SA_MISPLACED;
		return psac_dhcp6_parse_sa(c, o, false);
	}
	if (o->code == c->cfg->opt_sa_list)
		return psac_dhcp6_parse_list(c, o);

	switch (o->code) {
	case PSAC_DHCP6_OPT_SERVERID:
		return psac_dhcp6_parse_duid(o, &m->serverid, &m->serverid_len,
					     -PSAC_DHCP6_E_DUP_SERVERID);
	case PSAC_DHCP6_OPT_CLIENTID:
		return psac_dhcp6_parse_duid(o, &m->clientid, &m->clientid_len,
					     -PSAC_DHCP6_E_DUP_CLIENTID);
	case PSAC_DHCP6_OPT_AUTH:
		return psac_dhcp6_parse_auth(c, o);
	case PSAC_DHCP6_OPT_STATUS_CODE:
		if (m->has_status)
			return -PSAC_DHCP6_E_DUP_STATUS;
		ret = psac_dhcp6_get_status(o, &m->status, &m->status_msg,
					    &m->status_msg_len);
		if (ret)
			return ret;
		m->has_status = true;
		return 0;
	default:
		return 0;	/* unknown options are skipped */
	}
}

/**
 * psac_dhcp6_parse() - parse a SACONFIGURATION or SACONFIGURATION-REPLY
 * @cfg: code points: message types, OPTION_SA and OPTION_SA_LIST codes
 * @buf: the DHCPv6 message (the UDP payload)
 * @len: octets in @buf
 * @m: the result, zeroed first; it points into @buf (nothing is copied),
 *     which must stay unchanged while @m is used
 *
 * Rules:
 *
 * - SERVERID and AUTH are required; SERVERID, CLIENTID, AUTH, top-level
 *   STATUS_CODE and SA_LIST appear at most once; a DUID has 3 to 130
 *   octets;
 * - OPTION_SA sits at the top level of a SACONFIGURATION or inside an
 *   OPTION_SA_LIST, nowhere else; at most PSAC_DHCP6_MAX_SA in total;
 *   a SACONFIGURATION carries at least one;
 * - OPTION_SA_LIST holds OPTION_SA and OPTION_STATUS_CODE; a STATUS_CODE
 *   there is the status of the OPTION_SA right before it;
 * - Protected-Key-Len must account for exactly the rest of the option;
 *   in a SACONFIGURATION it may only be 0 for a delete (Lifetime 0);
 * - OPTION_AUTH must be protocol 2, algorithm 2 (HMAC-SHA256), RDM 0;
 * - unknown options are skipped.
 *
 * The HMAC is not checked here: @m->auth.hmac_off tells the caller where
 * it is.
 *
 * Return: 0, or a negated PSAC_DHCP6_E_* code (psac_dhcp6_strerror()
 * names it), -PSAC_DHCP6_E_CFG if @cfg is unusable.
 */
int psac_dhcp6_parse(const struct psac_dhcp6_cfg *cfg, const u8 *buf,
		     size_t len, struct psac_dhcp6_msg *m)
{
	struct psac_dhcp6_pctx c = { .cfg = cfg, .msg = buf, .m = m };
	struct psac_opt_iter it;
	struct psac_opt o;
	int ret;

	memset(m, 0, sizeof(*m));
	ret = psac_dhcp6_cfg_check(cfg);
	if (ret)
		return ret;
	if (len < PSAC_DHCP6_HDR_LEN)
		return -PSAC_DHCP6_E_SHORT;

	m->msg_type = buf[0];
	if (m->msg_type == cfg->msg_saconfig)
		c.is_saconfig = true;
	else if (m->msg_type != cfg->msg_saconfig_reply)
		return -PSAC_DHCP6_E_MSG_TYPE;
	m->xid = (u32)buf[1] << 16 | (u32)buf[2] << 8 | buf[3];

	psac_opt_iter_init(&it, buf + PSAC_DHCP6_HDR_LEN,
			   len - PSAC_DHCP6_HDR_LEN);
	while ((ret = psac_opt_iter_next(&it, &o)) > 0) {
		ret = psac_dhcp6_parse_top(&c, &o);
		if (ret)
			return ret;
	}
	if (ret)
		return ret;

	if (!m->serverid)
		return -PSAC_DHCP6_E_NO_SERVERID;
	if (!m->has_auth)
		return -PSAC_DHCP6_E_NO_AUTH;
	if (c.is_saconfig && m->n_sa == 0)
		return -PSAC_DHCP6_E_NO_SA;
	return 0;
}

/* ---- validation ------------------------------------------------------ */

#define PSAC_ESP_SPI_MIN	256U	/* RFC 4303: 1..255 reserved */

/* ESP transforms from the one table, limited to those psac.ko installs */
static int psac_sa_esp_algs(const struct psac_dhcp6_sa *sa,
			    struct psac_sa_alg *alg)
{
	if (psac_sa_alg_get(sa->encr_alg, sa->encr_key_bits, sa->integ_alg,
			    alg) || !alg->target)
		return PSAC_STATUS_ALG_NOT_SUPPORTED;
	return PSAC_STATUS_SUCCESS;
}

static bool psac_sa_esp_selectors_ok(const struct psac_dhcp6_sa *sa)
{
	switch (sa->ulp) {
	case PSAC_ULP_ANY:
		return !sa->sport_or_type && !sa->dport_or_code;
	case PSAC_ULP_TCP:
	case PSAC_ULP_UDP:
		return true;
	case PSAC_ULP_ICMPV6:
		return sa->sport_or_type <= 0xff && sa->dport_or_code <= 0xff;
	case PSAC_ULP_MH:
		/* MH type requestor->target, MH type target->requestor */
		return sa->sport_or_type <= 0xff && sa->dport_or_code <= 0xff;
	default:
		return false;
	}
}

static bool psac_sa_peer_ok(const u8 *a)
{
	unsigned int i;

	if (a[0] == 0xff)	/* multicast */
		return false;
	for (i = 0; i < 16; i++)
		if (a[i])
			return true;
	return false;		/* unspecified */
}

static int psac_sa_key_prot_ok(const struct psac_dhcp6_sa *sa,
			       unsigned int keymat_len)
{
	if (sa->lifetime == 0 && sa->pkey_len == 0)
		return PSAC_STATUS_SUCCESS;

	switch (sa->key_prot_alg) {
	case PSAC_KEYPROT_PSK:
		if (sa->pkey_len == keymat_len + PSAC_KEYWRAP_PSK_OVERHEAD)
			return PSAC_STATUS_SUCCESS;
		break;
	case PSAC_KEYPROT_X25519:
		if (sa->pkey_len == keymat_len + PSAC_KEYWRAP_X25519_OVERHEAD)
			return PSAC_STATUS_SUCCESS;
		break;
	case PSAC_KEYPROT_RSA_OAEP:
		/* the ciphertext has the modulus size, unknown here */
		if (sa->pkey_len)
			return PSAC_STATUS_SUCCESS;
		break;
	default:
		break;
	}
	return PSAC_STATUS_KEY_PROT_FAILED;
}

/**
 * psac_dhcp6_sa_validate() - check whether an OPTION_SA can be installed
 * @sa: the parsed OPTION_SA
 * @alg: filled on success with the algorithm names and key lengths
 *
 * Checks the peer address (neither unspecified nor multicast), protocol
 * and mode, the algorithm and key size combination, the SPIs, the
 * selectors and that Protected-Key-Len matches the key protection.  ESP
 * (transport or tunnel) takes the transforms sa_alg.c marks as installed
 * by psac.ko (AES-GCM-16 and AES-CBC of 128 or 256 bits,
 * ChaCha20-Poly1305; HMAC-SHA2-256-128 or HMAC-SHA1-96 with AES-CBC), and
 * SPIs of at least 256.  UDP mode 3 (MN-HA) takes a
 * suite psac_mnha_suite_find() knows, one non-zero 28-bit SPI for both
 * directions, ULP "any" and a non-zero Src-Port (the device port).  A
 * delete (Lifetime 0) may carry no key.
 *
 * Return: PSAC_STATUS_SUCCESS with @alg filled, or the status to report:
 * PSAC_STATUS_SA_REQ_UNSUPPORTED, PSAC_STATUS_ALG_NOT_SUPPORTED or
 * PSAC_STATUS_KEY_PROT_FAILED.
 */
int psac_dhcp6_sa_validate(const struct psac_dhcp6_sa *sa,
			   struct psac_sa_alg *alg)
{
	const struct psac_mnha_suite *s;
	struct psac_sa_alg a = { 0 };
	int ret;

	if (!psac_sa_peer_ok(sa->peer_addr))
		return PSAC_STATUS_SA_REQ_UNSUPPORTED;

	if (sa->protocol == PSAC_PROTO_ESP &&
	    (sa->mode == PSAC_MODE_TRANSPORT || sa->mode == PSAC_MODE_TUNNEL)) {
		ret = psac_sa_esp_algs(sa, &a);
		if (ret)
			return ret;
		if (sa->spi_i2r < PSAC_ESP_SPI_MIN ||
		    sa->spi_r2i < PSAC_ESP_SPI_MIN ||
		    !psac_sa_esp_selectors_ok(sa))
			return PSAC_STATUS_SA_REQ_UNSUPPORTED;
	} else if (sa->protocol == PSAC_PROTO_UDP &&
		   sa->mode == PSAC_MODE_MNHA_UDP) {
		s = psac_mnha_suite_find(sa->encr_alg, sa->encr_key_bits,
					 sa->integ_alg);
		if (!s)
			return PSAC_STATUS_ALG_NOT_SUPPORTED;
		if (!sa->spi_i2r || sa->spi_i2r != sa->spi_r2i ||
		    sa->spi_i2r & ~PSAC_MNHA_SPI_MASK ||
		    sa->ulp != PSAC_ULP_ANY || !sa->sport_or_type)
			return PSAC_STATUS_SA_REQ_UNSUPPORTED;
		a.ekey_len = s->ekey_len;
		a.ikey_len = s->ikey_len;
		a.icv_bits = (u16)(s->icv_len * 8);
		a.mnha = s;
	} else {
		return PSAC_STATUS_SA_REQ_UNSUPPORTED;
	}

	a.keymat_len = 2U * (a.ekey_len + a.ikey_len);
	ret = psac_sa_key_prot_ok(sa, a.keymat_len);
	if (ret)
		return ret;
	*alg = a;
	return PSAC_STATUS_SUCCESS;
}
