// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: RFC 6618 MHAuth messages (see mhauth.h).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "crypto.h"
#include "mhauth.h"
#include "util.h"

const char *psac_mhauth_status_text(unsigned int code)
{
	switch (code) {
	case PSAC_MHAUTH_OK:
		return "success";
	case PSAC_MHAUTH_BAD_REQUEST:
		return "malformed request";
	case PSAC_MHAUTH_AUTH_FAILED:
		return "authentication failed (wrong PSK or bad auth value)";
	case PSAC_MHAUTH_UNKNOWN_MN:
		return "unknown mn-id";
	case PSAC_MHAUTH_NO_SUITE:
		return "no ciphersuite in common";
	case PSAC_MHAUTH_EXPIRED:
		return "the SA validity configured for this MN has ended";
	case PSAC_MHAUTH_HA_FAILED:
		return "the home agent refused the SA";
	}
	return "unknown status";
}

/* ---------------------------------------------------------------------- */
/* Building                                                                */
/* ---------------------------------------------------------------------- */

void psac_mhauth_begin(struct psac_mhauth_builder *b, uint8_t identifier)
{
	b->buf[0] = PSAC_MHAUTH_VERSION << 5;
	b->buf[1] = identifier;
	b->buf[2] = 0;
	b->buf[3] = 0;
	b->len = PSAC_MHAUTH_HDR_LEN;
	b->overflow = 0;
}

static void put(struct psac_mhauth_builder *b, const char *s, size_t n)
{
	if (b->overflow || n > sizeof(b->buf) - b->len) {
		b->overflow = 1;
		return;
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
}

void psac_mhauth_add(struct psac_mhauth_builder *b, const char *name,
		     const char *fmt, ...)
{
	char line[PSAC_MHAUTH_MAX_CONTENT];
	va_list ap;
	int n, m;

	n = snprintf(line, sizeof(line), "%s: ", name);
	if (n < 0 || (size_t)n >= sizeof(line)) {
		b->overflow = 1;
		return;
	}
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	if (m < 0 || (size_t)(n + m) >= sizeof(line) - 2) {
		b->overflow = 1;
		return;
	}
	put(b, line, (size_t)(n + m));
	put(b, "\r\n", 2);
	psac_wipe(line, sizeof(line));
}

void psac_mhauth_add_hex(struct psac_mhauth_builder *b, const char *name,
			 const uint8_t *v, size_t len)
{
	char hex[2 * PSAC_MNHA_KEY_MAX + 2 * PSAC_MHAUTH_CB_MAX + 1];

	if (2 * len >= sizeof(hex)) {
		b->overflow = 1;
		return;
	}
	psac_hex_encode(v, len, hex);
	psac_mhauth_add(b, name, "%s", hex);
	psac_wipe(hex, sizeof(hex));
}

void psac_mhauth_add_ip6(struct psac_mhauth_builder *b, const char *name,
			 const void *in6, int prefix_len)
{
	const uint8_t *a = in6;
	char s[64];
	int i, n = 0;

	for (i = 0; i < 8; i++)
		n += snprintf(s + n, sizeof(s) - (size_t)n, "%s%02x%02x",
			      i ? ":" : "", a[2 * i], a[2 * i + 1]);
	if (prefix_len >= 0)
		snprintf(s + n, sizeof(s) - (size_t)n, "/%d", prefix_len);
	psac_mhauth_add(b, name, "%s", s);
}

void psac_mhauth_add_ip4(struct psac_mhauth_builder *b, const char *name,
			 const void *in4, int prefix_len)
{
	char s[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, in4, s, sizeof(s));
	if (prefix_len >= 0)
		psac_mhauth_add(b, name, "%s/%d", s, prefix_len);
	else
		psac_mhauth_add(b, name, "%s", s);
}

int psac_mhauth_auth(const uint8_t *psk, size_t psk_len, const char *label,
		     const uint8_t *octets, size_t len, const uint8_t *cb,
		     size_t cb_len, uint8_t out[PSAC_MHAUTH_AUTH_LEN])
{
	size_t ll = strlen(label), n = ll + len + cb_len;
	uint8_t *data = malloc(n ? n : 1);
	int ret;

	if (!data)
		return -ENOMEM;
	memcpy(data, label, ll);
	memcpy(data + ll, octets, len);
	if (cb_len)
		memcpy(data + ll + len, cb, cb_len);
	ret = psac_hmac_sha256(psk, psk_len, data, n, out);
	psac_wipe_free(data, n);
	return ret;
}

int psac_mhauth_end(struct psac_mhauth_builder *b, const uint8_t *psk,
		    size_t psk_len, const char *label, const uint8_t *cb,
		    size_t cb_len)
{
	size_t clen;

	if (psk && !b->overflow) {
		uint8_t mac[PSAC_MHAUTH_AUTH_LEN];

		if (psac_mhauth_auth(psk, psk_len, label,
				     b->buf + PSAC_MHAUTH_HDR_LEN,
				     b->len - PSAC_MHAUTH_HDR_LEN, cb, cb_len,
				     mac))
			return -1;
		psac_mhauth_add_hex(b, "auth", mac, sizeof(mac));
	}
	put(b, "\r\n", 2);
	if (b->overflow)
		return -1;
	clen = b->len - PSAC_MHAUTH_HDR_LEN;
	b->buf[2] = (uint8_t)(clen >> 8);
	b->buf[3] = (uint8_t)clen;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Parsing                                                                 */
/* ---------------------------------------------------------------------- */

int psac_mhauth_parse(const uint8_t *msg, size_t len,
		      struct psac_mhauth_msg *m, const char **why)
{
	size_t off = 0, clen, t = 0;
	int ended = 0;

	m->n = 0;
	m->auth_idx = -1;
	m->signed_len = 0;
	if (len < PSAC_MHAUTH_HDR_LEN) {
		*why = "shorter than the 4-octet container header";
		return -1;
	}
	m->version = msg[0] >> 5;
	m->reserved = msg[0] & 0x1f;
	m->identifier = msg[1];
	clen = (size_t)msg[2] << 8 | msg[3];
	if (m->version != PSAC_MHAUTH_VERSION) {
		*why = "version is not 0";
		return -1;
	}
	if (clen != len - PSAC_MHAUTH_HDR_LEN) {
		*why = "Length does not match the content";
		return -1;
	}
	if (clen > PSAC_MHAUTH_MAX_CONTENT) {
		*why = "content longer than 4096 octets";
		return -1;
	}
	memcpy(m->content, msg + PSAC_MHAUTH_HDR_LEN, clen);
	m->content_len = clen;
	while (off < clen) {
		const uint8_t *line = m->content + off, *crlf, *colon;
		size_t ll, nl, v;
		unsigned int i;

		crlf = memmem(line, clen - off, "\r\n", 2);
		if (!crlf) {
			*why = "a line does not end with CRLF";
			return -1;
		}
		ll = (size_t)(crlf - line);
		if (!ll) {
			ended = 1;
			off += 2;
			break;
		}
		if (m->auth_idx >= 0) {
			*why = "a header follows auth (auth must be last)";
			return -1;
		}
		for (i = 0; i < ll; i++)
			if ((line[i] < 0x20 && line[i] != '\t') || line[i] == 0x7f) {
				*why = "a control character (CR, LF, NUL...) inside a header line";
				return -1;
			}
		colon = memchr(line, ':', ll);
		if (!colon) {
			*why = "a header line without colon";
			return -1;
		}
		nl = (size_t)(colon - line);
		if (!nl) {
			*why = "a header with an empty name";
			return -1;
		}
		for (i = 0; i < nl; i++)
			if (!isgraph(line[i])) {
				*why = "a header name with a space or control character";
				return -1;
			}
		if (m->n >= PSAC_MHAUTH_MAX_HEADERS) {
			*why = "too many headers";
			return -1;
		}
		v = nl + 1;
		while (v < ll && (line[v] == ' ' || line[v] == '\t'))
			v++;
		memcpy(m->text + t, line, nl);
		m->text[t + nl] = '\0';
		m->name[m->n] = m->text + t;
		t += nl + 1;
		memcpy(m->text + t, line + v, ll - v);
		m->text[t + ll - v] = '\0';
		m->value[m->n] = m->text + t;
		t += ll - v + 1;
		for (i = 0; i < m->n; i++)
			if (!strcasecmp(m->name[i], m->name[m->n])) {
				*why = "a header appears twice";
				return -1;
			}
		if (!strcasecmp(m->name[m->n], "auth")) {
			m->auth_idx = (int)m->n;
			m->signed_len = off;
		}
		m->n++;
		off += ll + 2;
	}
	if (!ended) {
		*why = "no empty line ends the headers";
		return -1;
	}
	if (off != clen) {
		*why = "octets after the empty line";
		return -1;
	}
	return 0;
}

const char *psac_mhauth_get(const struct psac_mhauth_msg *m, const char *name)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (!strcasecmp(m->name[i], name))
			return m->value[i];
	return NULL;
}

int psac_mhauth_verify(const struct psac_mhauth_msg *m, const uint8_t *psk,
		       size_t psk_len, const char *label, const uint8_t *cb,
		       size_t cb_len)
{
	uint8_t got[PSAC_MHAUTH_AUTH_LEN + 1], want[PSAC_MHAUTH_AUTH_LEN];
	int ret;

	if (m->auth_idx < 0)
		return -1;
	if (psac_hex_decode(m->value[m->auth_idx], got, sizeof(got)) !=
	    PSAC_MHAUTH_AUTH_LEN)
		return -2;
	if (psac_mhauth_auth(psk, psk_len, label, m->content, m->signed_len,
			     cb, cb_len, want))
		return -3;
	ret = psac_memneq(got, want, sizeof(want)) ? -3 : 0;
	psac_wipe(want, sizeof(want));
	return ret;
}

int psac_mhauth_cb(const uint8_t *der, size_t der_len,
		   uint8_t out[PSAC_MHAUTH_CB_MAX])
{
	const unsigned char *p = der;
	const EVP_MD *md = NULL;
	unsigned int n = 0;
	int mdnid = NID_undef;
	X509 *x;

	x = d2i_X509(NULL, &p, (long)der_len);
	if (!x || p != der + der_len) {
		X509_free(x);
		return -1;
	}
	if (!X509_get_signature_info(x, &mdnid, NULL, NULL, NULL))
		mdnid = NID_undef;
	X509_free(x);
	if (mdnid != NID_undef && mdnid != NID_md5 && mdnid != NID_sha1 &&
	    mdnid != NID_md5_sha1)
		md = EVP_get_digestbynid(mdnid);
	if (!md)
		md = EVP_sha256();
	if (EVP_MD_get_size(md) > PSAC_MHAUTH_CB_MAX ||
	    !EVP_Digest(der, der_len, out, &n, md, NULL))
		return -1;
	return (int)n;
}

/* ---------------------------------------------------------------------- */
/* Suites and SA headers                                                   */
/* ---------------------------------------------------------------------- */

void psac_mhauth_suitelist_str(const uint16_t *ids, unsigned int n,
			       char *out, size_t size)
{
	size_t off = 0;
	unsigned int i;

	out[0] = '\0';
	for (i = 0; i < n && off + 9 < size; i++)
		off += (size_t)snprintf(out + off, size - off, "%s{%02x,%02x}",
					i ? " " : "", ids[i] >> 8, ids[i] & 0xff);
}

int psac_mhauth_suitelist_parse(const char *s, uint16_t *ids,
				unsigned int max, unsigned int *n)
{
	*n = 0;
	for (;;) {
		char hex[5];
		unsigned int k = 0;

		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		if (!*s)
			return *n ? 0 : -1;
		if (*s == '{') {
			s++;
			while (*s && *s != '}') {
				if (isxdigit((unsigned char)*s)) {
					if (k >= 4)
						return -1;
					hex[k++] = *s;
				} else if (*s != ',' && *s != ' ') {
					return -1;
				}
				s++;
			}
			if (*s != '}')
				return -1;
			s++;
		} else {
			if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
				s += 2;
			while (isxdigit((unsigned char)*s)) {
				if (k >= 4)
					return -1;
				hex[k++] = *s++;
			}
			if (*s && *s != ' ' && *s != '\t' && *s != ',')
				return -1;
		}
		if (k != 4 || *n >= max)
			return -1;
		hex[4] = '\0';
		ids[(*n)++] = (uint16_t)strtoul(hex, NULL, 16);
	}
}

void psac_mhauth_add_sa(struct psac_mhauth_builder *b,
			const struct psac_mnha_sa *sa, const void *haa6,
			const void *haa4, uint16_t port)
{
	int k;

	psac_mhauth_add(b, "mip6-spi", "0x%x", sa->spi);
	psac_mhauth_add(b, "mip6-ciphersuite", "{%02x,%02x}",
			sa->suite->id >> 8, sa->suite->id & 0xff);
	for (k = 0; k < PSAC_MNHA_N_KEYS; k++)
		if (sa->have_key[k] && sa->key_len[k])
			psac_mhauth_add_hex(b, psac_mnha_key_header(k),
					    sa->key[k], sa->key_len[k]);
	if (sa->have_valid && sa->valid_until)
		psac_mhauth_add(b, "mip6-sa-validity-end", "%llu",
				(unsigned long long)sa->valid_until);
	psac_mhauth_add(b, "mip6-sas", "%u", sa->have_scope ? sa->scope : 1);
	if (haa6)
		psac_mhauth_add_ip6(b, "mip6-haa-ip6", haa6, -1);
	if (haa4)
		psac_mhauth_add_ip4(b, "mip6-haa-ip4", haa4, -1);
	if (port)
		psac_mhauth_add(b, "mip6-port", "%u", port);
	if (sa->have_hoa)
		psac_mhauth_add_ip6(b, "mip6-ip6-hoa", &sa->hoa, -1);
	if (sa->have_hoa4)
		psac_mhauth_add_ip4(b, "mip6-ip4-hoa", &sa->hoa4, -1);
	if (sa->have_hnp)
		psac_mhauth_add_ip6(b, "mip6-ip6-hnp", &sa->hnp, sa->hnp_len);
	if (sa->have_hnp4)
		psac_mhauth_add_ip4(b, "mip6-ip4-hnp", &sa->hnp4, sa->hnp4_len);
}

static int serr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int serr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

int psac_mhauth_sa_from_msg(const struct psac_mhauth_msg *m, uint64_t now,
			    struct psac_mnha_sa *sa, char *err, size_t errlen)
{
	const char *v;
	uint16_t ids[2];
	unsigned int n;
	uint64_t u;
	int k;

	memset(sa, 0, sizeof(*sa));
	v = psac_mhauth_get(m, "mip6-spi");
	if (!v || psac_parse_u64(v, PSAC_MNHA_SPI_MASK, &u) || !u)
		return serr(err, errlen, "mip6-spi %s%s%s (want 1..0x0fffffff)",
			    v ? "'" : "missing", v ? v : "", v ? "' invalid" : "");
	sa->spi = (uint32_t)u;
	v = psac_mhauth_get(m, "mip6-ciphersuite");
	if (!v || psac_mhauth_suitelist_parse(v, ids, 2, &n) || n != 1)
		return serr(err, errlen, "mip6-ciphersuite missing or not one suite");
	sa->suite = psac_mnha_suite_get(ids[0]);
	if (!sa->suite)
		return serr(err, errlen, "mip6-ciphersuite %s is not a suite this node supports",
			    v);
	for (k = 0; k < PSAC_MNHA_N_KEYS; k++) {
		long l;

		v = psac_mhauth_get(m, psac_mnha_key_header(k));
		if (!v)
			continue;
		l = psac_hex_decode(v, sa->key[k], PSAC_MNHA_KEY_MAX);
		if (l < 0)
			return serr(err, errlen, "%s is not hex",
				    psac_mnha_key_header(k));
		sa->key_len[k] = (size_t)l;
		sa->have_key[k] = 1;
	}
	{
		const char *why;
		int bad;

		if (psac_mnha_sa_check_keys(sa, &bad, &why))
			return serr(err, errlen, "%s: %s for suite %s",
				    psac_mnha_key_header(bad), why,
				    sa->suite->name);
	}
	v = psac_mhauth_get(m, "mip6-sa-validity-end");
	if (v) {
		if (psac_parse_u64(v, UINT64_MAX, &u))
			return serr(err, errlen, "mip6-sa-validity-end '%s' is not seconds since the epoch",
				    v);
		if (u && u <= now)
			return serr(err, errlen, "the SA validity ended %llu s ago (mip6-sa-validity-end %llu)",
				    (unsigned long long)(now - u),
				    (unsigned long long)u);
		sa->valid_until = u;
		sa->have_valid = 1;
	}
	v = psac_mhauth_get(m, "mip6-sas");
	if (v) {
		if (strcmp(v, "0") && strcmp(v, "1"))
			return serr(err, errlen, "mip6-sas '%s' is not 0 or 1", v);
		sa->scope = (uint8_t)(v[0] - '0');
		sa->have_scope = 1;
	}
	v = psac_mhauth_get(m, "mip6-port");
	if (v) {
		if (psac_parse_u16(v, &sa->port) || !sa->port)
			return serr(err, errlen, "mip6-port '%s' is not 1..65535", v);
		sa->have_port = 1;
	}
	v = psac_mhauth_get(m, "mip6-haa-ip6");
	if (v) {
		if (inet_pton(AF_INET6, v, &sa->haa) != 1)
			return serr(err, errlen, "mip6-haa-ip6 '%s' is not an IPv6 address", v);
		sa->have_haa = 1;
		sa->peer6 = sa->haa;
		sa->peer_af = AF_INET6;
	}
	v = psac_mhauth_get(m, "mip6-haa-ip4");
	if (v) {
		struct in_addr a4;

		if (inet_pton(AF_INET, v, &a4) != 1)
			return serr(err, errlen, "mip6-haa-ip4 '%s' is not an IPv4 address", v);
		if (!sa->peer_af) {
			sa->peer4 = a4;
			sa->peer_af = AF_INET;
		}
	}
	if (!sa->peer_af)
		return serr(err, errlen, "no home agent address (mip6-haa-ip6 or mip6-haa-ip4)");
	v = psac_mhauth_get(m, "mip6-ip6-hoa");
	if (v) {
		if (inet_pton(AF_INET6, v, &sa->hoa) != 1)
			return serr(err, errlen, "mip6-ip6-hoa '%s' is not an IPv6 address", v);
		sa->have_hoa = 1;
	}
	v = psac_mhauth_get(m, "mip6-ip4-hoa");
	if (v) {
		if (inet_pton(AF_INET, v, &sa->hoa4) != 1)
			return serr(err, errlen, "mip6-ip4-hoa '%s' is not an IPv4 address", v);
		sa->have_hoa4 = 1;
	}
	v = psac_mhauth_get(m, "mip6-ip6-hnp");
	if (v) {
		if (psac_parse_prefix(v, AF_INET6, &sa->hnp, &sa->hnp_len))
			return serr(err, errlen, "mip6-ip6-hnp '%s' is not an IPv6 PREFIX/LEN", v);
		sa->have_hnp = 1;
	}
	v = psac_mhauth_get(m, "mip6-ip4-hnp");
	if (v) {
		if (psac_parse_prefix(v, AF_INET, &sa->hnp4, &sa->hnp4_len))
			return serr(err, errlen, "mip6-ip4-hnp '%s' is not an IPv4 PREFIX/LEN", v);
		sa->have_hnp4 = 1;
	}
	if (!sa->have_hoa && !sa->have_hoa4 && !sa->have_hnp && !sa->have_hnp4)
		return serr(err, errlen, "no home address or prefix (mip6-ip6-hoa, mip6-ip4-hoa, mip6-ip6-hnp, mip6-ip4-hnp)");
	return 0;
}
