// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The DHCPv6 writer with a sticky error and the encoders of the PSAC
 * options and messages; their decoders are in dhcp6.c.
 */
#include "dhcp6.h"

/* ---- builders ---------------------------------------------------------- */

/**
 * psac_dhcp6_put_hdr() - write a DHCPv6 message header
 * @buf: PSAC_DHCP6_HDR_LEN octets
 * @msg_type: message type
 * @xid: transaction-id; its low 24 bits are written
 */
void psac_dhcp6_put_hdr(u8 *buf, u8 msg_type, u32 xid)
{
	buf[0] = msg_type;
	buf[1] = (u8)(xid >> 16);
	buf[2] = (u8)(xid >> 8);
	buf[3] = (u8)xid;
}

/**
 * psac_dhcp6_put_opt_hdr() - write a DHCPv6 option header
 * @buf: PSAC_DHCP6_OPT_HDR_LEN octets
 * @code: option code
 * @len: option-len, the octets of data that follow the header
 */
void psac_dhcp6_put_opt_hdr(u8 *buf, u16 code, u16 len)
{
	psac_put_be16(buf, code);
	psac_put_be16(buf + 2, len);
}

/**
 * psac_dhcp6_put_sa_fixed() - write the fixed part of an OPTION_SA
 * @buf: PSAC_SA_FIXED_LEN (46) octets
 * @sa: the values, in host order; Protected-Key-Len is @sa->pkey_len
 *
 * The reserved octets are written as zero.
 */
void psac_dhcp6_put_sa_fixed(u8 *buf, const struct psac_dhcp6_sa *sa)
{
	memset(buf, 0, PSAC_SA_FIXED_LEN);
	memcpy(buf + PSAC_SA_OFF(peer_addr), sa->peer_addr,
	       sizeof(sa->peer_addr));
	buf[PSAC_SA_OFF(protocol)] = sa->protocol;
	buf[PSAC_SA_OFF(mode)] = sa->mode;
	buf[PSAC_SA_OFF(key_prot_alg)] = sa->key_prot_alg;
	psac_put_be16(buf + PSAC_SA_OFF(encr_alg), sa->encr_alg);
	psac_put_be16(buf + PSAC_SA_OFF(encr_key_bits), sa->encr_key_bits);
	psac_put_be16(buf + PSAC_SA_OFF(integ_alg), sa->integ_alg);
	buf[PSAC_SA_OFF(ulp)] = sa->ulp;
	psac_put_be32(buf + PSAC_SA_OFF(spi_i2r), sa->spi_i2r);
	psac_put_be32(buf + PSAC_SA_OFF(spi_r2i), sa->spi_r2i);
	psac_put_be32(buf + PSAC_SA_OFF(lifetime), sa->lifetime);
	psac_put_be16(buf + PSAC_SA_OFF(sport_or_type), sa->sport_or_type);
	psac_put_be16(buf + PSAC_SA_OFF(dport_or_code), sa->dport_or_code);
	psac_put_be16(buf + PSAC_SA_OFF(protected_key_len), sa->pkey_len);
}

/**
 * psac_wbuf_init() - start writing into a buffer
 * @w: the writer
 * @buf: where to write
 * @cap: octets available at @buf
 */
void psac_wbuf_init(struct psac_wbuf *w, u8 *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->len = 0;
	w->err = 0;
}

/**
 * psac_wbuf_put() - append octets
 * @w: the writer
 * @data: @len octets to copy, or NULL to append @len zero octets
 * @len: octets to append
 *
 * Once anything did not fit, @w->err is -EMSGSIZE and every further
 * write is ignored (sticky).
 *
 * Return: where the octets went, or NULL if they did not fit.
 */
u8 *psac_wbuf_put(struct psac_wbuf *w, const void *data, size_t len)
{
	u8 *p;

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

/**
 * psac_wbuf_u8() - append one octet
 * @w: the writer
 * @v: the value
 */
void psac_wbuf_u8(struct psac_wbuf *w, u8 v)
{
	psac_wbuf_put(w, &v, 1);
}

/**
 * psac_wbuf_u16() - append a 16-bit value, big-endian
 * @w: the writer
 * @v: the value
 */
void psac_wbuf_u16(struct psac_wbuf *w, u16 v)
{
	u8 *p = psac_wbuf_put(w, NULL, 2);

	if (p)
		psac_put_be16(p, v);
}

/**
 * psac_wbuf_u32() - append a 32-bit value, big-endian
 * @w: the writer
 * @v: the value
 */
void psac_wbuf_u32(struct psac_wbuf *w, u32 v)
{
	u8 *p = psac_wbuf_put(w, NULL, 4);

	if (p)
		psac_put_be32(p, v);
}

/**
 * psac_wbuf_u64() - append a 64-bit value, big-endian
 * @w: the writer
 * @v: the value
 */
void psac_wbuf_u64(struct psac_wbuf *w, u64 v)
{
	u8 *p = psac_wbuf_put(w, NULL, 8);

	if (p)
		psac_put_be64(p, v);
}

/**
 * psac_wbuf_hdr() - append a DHCPv6 message header
 * @w: the writer
 * @msg_type: message type
 * @xid: transaction-id; its low 24 bits are written
 */
void psac_wbuf_hdr(struct psac_wbuf *w, u8 msg_type, u32 xid)
{
	u8 *p = psac_wbuf_put(w, NULL, PSAC_DHCP6_HDR_LEN);

	if (p)
		psac_dhcp6_put_hdr(p, msg_type, xid);
}

/**
 * psac_wbuf_opt_begin() - append an option header, its length to come
 * @w: the writer
 * @code: option code
 *
 * Return: the option's offset, for psac_wbuf_opt_end().
 */
size_t psac_wbuf_opt_begin(struct psac_wbuf *w, u16 code)
{
	size_t start = w->len;

	psac_wbuf_u16(w, code);
	psac_wbuf_u16(w, 0);
	return start;
}

/**
 * psac_wbuf_opt_end() - set an option's length to what was written since
 * @w: the writer
 * @start: the option's offset, from psac_wbuf_opt_begin()
 *
 * An option longer than 65535 octets sets @w->err to -EMSGSIZE.
 */
void psac_wbuf_opt_end(struct psac_wbuf *w, size_t start)
{
	size_t len;

	if (w->err)
		return;
	len = w->len - start - PSAC_DHCP6_OPT_HDR_LEN;
	if (len > 0xffff) {
		w->err = -EMSGSIZE;
		return;
	}
	psac_put_be16(w->buf + start + 2, (u16)len);
}

/**
 * psac_wbuf_opt() - append a whole option
 * @w: the writer
 * @code: option code
 * @data: @len octets of option data (NULL: zeros)
 * @len: octets of option data
 */
void psac_wbuf_opt(struct psac_wbuf *w, u16 code, const void *data,
		   size_t len)
{
	size_t o = psac_wbuf_opt_begin(w, code);

	psac_wbuf_put(w, data, len);
	psac_wbuf_opt_end(w, o);
}

static void psac_wbuf_status_len(struct psac_wbuf *w, u16 status,
				 const void *msg, size_t msg_len)
{
	size_t o = psac_wbuf_opt_begin(w, PSAC_DHCP6_OPT_STATUS_CODE);

	psac_wbuf_u16(w, status);
	if (msg_len)
		psac_wbuf_put(w, msg, msg_len);
	psac_wbuf_opt_end(w, o);
}

/**
 * psac_wbuf_status() - append an OPTION_STATUS_CODE
 * @w: the writer
 * @status: status code
 * @text: status message, NUL-terminated, or NULL for none
 */
void psac_wbuf_status(struct psac_wbuf *w, u16 status, const char *text)
{
	psac_wbuf_status_len(w, status, text, text ? strlen(text) : 0);
}

/**
 * psac_wbuf_sa() - append an OPTION_SA header and fixed part
 * @w: the writer
 * @code: the OPTION_SA code in use
 * @sa: the fixed part's values; Protected-Key-Len is @sa->pkey_len
 *
 * The option length is 46 + @sa->pkey_len: the caller appends the
 * @sa->pkey_len octets of protected key right after.
 *
 * Return: where the fixed part went (the AAD's source), or NULL if it did
 * not fit.
 */
u8 *psac_wbuf_sa(struct psac_wbuf *w, u16 code,
		 const struct psac_dhcp6_sa *sa)
{
	size_t olen = (size_t)PSAC_SA_FIXED_LEN + sa->pkey_len;
	u8 *p;

	if (olen > 0xffff && !w->err)
		w->err = -EMSGSIZE;
	psac_wbuf_u16(w, code);
	psac_wbuf_u16(w, (u16)olen);
	p = psac_wbuf_put(w, NULL, PSAC_SA_FIXED_LEN);
	if (p)
		psac_dhcp6_put_sa_fixed(p, sa);
	return p;
}

/**
 * psac_wbuf_req_params() - append an OPTION_SA_REQ_PARAMS
 * @w: the writer
 * @r: the values, in host order
 */
void psac_wbuf_req_params(struct psac_wbuf *w,
			  const struct psac_dhcp6_req_params *r)
{
	u8 *d;

	psac_wbuf_u16(w, PSAC_OPT_SA_REQ_PARAMS);
	psac_wbuf_u16(w, PSAC_SA_REQ_PARAMS_LEN);
	d = psac_wbuf_put(w, NULL, PSAC_SA_REQ_PARAMS_LEN);
	if (!d)
		return;
	d[PSAC_RP_OFF(protocol)] = r->protocol;
	d[PSAC_RP_OFF(mode)] = r->mode;
	psac_put_be16(d + PSAC_RP_OFF(flags), r->flags);
	psac_put_be16(d + PSAC_RP_OFF(encr_alg), r->encr_alg);
	psac_put_be16(d + PSAC_RP_OFF(encr_key_bits), r->encr_key_bits);
	psac_put_be16(d + PSAC_RP_OFF(integ_alg), r->integ_alg);
	d[PSAC_RP_OFF(ulp)] = r->ulp;
	psac_put_be32(d + PSAC_RP_OFF(requestor_spi), r->requestor_spi);
	psac_put_be32(d + PSAC_RP_OFF(lifetime), r->lifetime);
	psac_put_be16(d + PSAC_RP_OFF(sport_or_type), r->sport_or_type);
	psac_put_be16(d + PSAC_RP_OFF(dport_or_code), r->dport_or_code);
}

/**
 * psac_wbuf_auth() - append an OPTION_AUTH with a zeroed HMAC
 * @w: the writer
 * @replay: replay detection value
 * @realm: the realm, @realm_len octets (may be NULL when 0)
 * @realm_len: octets in @realm
 * @key_id: the Key-ID
 *
 * Protocol 2, algorithm 2 (HMAC-SHA256), RDM 0 (monotonic counter).  The
 * HMAC is the last PSAC_AUTH_HMAC_LEN octets written, for the caller to
 * fill in once the message is complete.
 *
 * Return: the offset of the HMAC in the buffer (meaningful only while
 * @w->err is 0).
 */
size_t psac_wbuf_auth(struct psac_wbuf *w, u64 replay, const u8 *realm,
		      u16 realm_len, u32 key_id)
{
	size_t o = psac_wbuf_opt_begin(w, PSAC_DHCP6_OPT_AUTH), hmac_off;

	psac_wbuf_u8(w, PSAC_AUTH_PROTO_DELAYED);
	psac_wbuf_u8(w, PSAC_AUTH_ALG_HMAC_SHA256);
	psac_wbuf_u8(w, PSAC_AUTH_RDM_COUNTER);
	psac_wbuf_u64(w, replay);
	if (realm_len)
		psac_wbuf_put(w, realm, realm_len);
	psac_wbuf_u32(w, key_id);
	hmac_off = w->len;
	psac_wbuf_put(w, NULL, PSAC_AUTH_HMAC_LEN);
	psac_wbuf_opt_end(w, o);
	return hmac_off;
}

/*
 * The fixed-buffer forms the tests and fuzzers use: a writer on @buf,
 * after a check that the whole option fits, so that nothing is written
 * when it does not.
 */
static int psac_wbuf_result(const struct psac_wbuf *w)
{
	return w->err ? w->err : (int)w->len;
}

/**
 * psac_dhcp6_put_sa() - write an OPTION_SA header and fixed part
 * @buf: where the option starts
 * @room: octets available at @buf
 * @code: the OPTION_SA code in use
 * @sa: the fixed part's values
 *
 * psac_wbuf_sa() on @buf; the key of @sa->pkey_len octets must fit
 * @room as well.
 *
 * Return: the octets written (50), or -EMSGSIZE if the option with its
 * key does not fit @room or exceeds the 16-bit option length.
 */
int psac_dhcp6_put_sa(u8 *buf, size_t room, u16 code,
		      const struct psac_dhcp6_sa *sa)
{
	struct psac_wbuf w;

	if (room < PSAC_DHCP6_OPT_HDR_LEN + PSAC_SA_FIXED_LEN +
		   (size_t)sa->pkey_len)
		return -EMSGSIZE;
	psac_wbuf_init(&w, buf, room);
	psac_wbuf_sa(&w, code, sa);
	return psac_wbuf_result(&w);
}

/**
 * psac_dhcp6_put_auth() - write an OPTION_AUTH with a zeroed HMAC
 * @buf: where the option starts
 * @room: octets available at @buf
 * @replay: replay detection value
 * @realm: the realm, @realm_len octets (may be NULL when 0)
 * @realm_len: octets in @realm
 * @key_id: the Key-ID
 *
 * psac_wbuf_auth() on @buf.
 *
 * Return: the octets written, or -EMSGSIZE if the option does not fit
 * @room.
 */
int psac_dhcp6_put_auth(u8 *buf, size_t room, u64 replay,
			const u8 *realm, u16 realm_len, u32 key_id)
{
	struct psac_wbuf w;

	if (room < PSAC_DHCP6_OPT_HDR_LEN + PSAC_AUTH_MIN_LEN +
		   (size_t)realm_len)
		return -EMSGSIZE;
	psac_wbuf_init(&w, buf, room);
	psac_wbuf_auth(&w, replay, realm, realm_len, key_id);
	return psac_wbuf_result(&w);
}

/**
 * psac_dhcp6_put_status() - write an OPTION_STATUS_CODE
 * @buf: where the option starts
 * @room: octets available at @buf
 * @status: status code
 * @msg: status message, not NUL-terminated (may be NULL when @msg_len is 0)
 * @msg_len: octets in @msg
 *
 * Return: the octets written, or -EMSGSIZE if the option does not fit
 * @room.
 */
int psac_dhcp6_put_status(u8 *buf, size_t room, u16 status,
			  const u8 *msg, u16 msg_len)
{
	struct psac_wbuf w;

	if (room < PSAC_DHCP6_OPT_HDR_LEN + 2 + (size_t)msg_len)
		return -EMSGSIZE;
	psac_wbuf_init(&w, buf, room);
	psac_wbuf_status_len(&w, status, msg, msg_len);
	return psac_wbuf_result(&w);
}

/**
 * psac_sa_build_aad() - build the key-wrap AAD of an OPTION_SA
 * @aad: PSAC_SA_AAD_LEN octets
 * @fixed: the OPTION_SA fixed part, as on the wire
 * @xid: transaction-id of the message; its low 24 bits are used
 *
 * The AAD is the first 44 octets of the fixed part (Peer-Address ..
 * Dst-Port-or-Code, as on the wire) followed by the 3-octet
 * transaction-id.
 */
void psac_sa_build_aad(u8 *aad, const u8 *fixed, u32 xid)
{
	memcpy(aad, fixed, PSAC_SA_AAD_FIXED_LEN);
	aad[PSAC_SA_AAD_FIXED_LEN] = (u8)(xid >> 16);
	aad[PSAC_SA_AAD_FIXED_LEN + 1] = (u8)(xid >> 8);
	aad[PSAC_SA_AAD_FIXED_LEN + 2] = (u8)xid;
}
