/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: the RFC 6618 MHAuth container and its PSK authentication
 * (docs/wire-format.md section 3), shared by `psac hac` and `psac mn`.
 *
 *   Ver(3)=0 | Reserved(5) | Identifier(8) | Length(16) | Content
 *
 * Content: "name: value" CRLF lines, then one empty CRLF line.  With PSK
 * authentication the last header is
 *   auth: hex(HMAC-SHA256(PSK, label | msg-octets | CB))
 * label "MN" (mobile node) or "HAC", msg-octets the header lines before
 * the auth line, CB the RFC 5929 tls-server-endpoint hash of the HAC's
 * certificate.
 */
#ifndef PSAC_TOOLS_MHAUTH_H
#define PSAC_TOOLS_MHAUTH_H

#include <stddef.h>
#include <stdint.h>

#include <linux/psac_wire.h>

#include "mnha_sa.h"

#define PSAC_MHAUTH_ID_DONE	2	/* PSK flow: Init = 1, Done = 2 */
#define PSAC_MHAUTH_MAX_CONTENT	4096	/* we neither send nor accept more */
#define PSAC_MHAUTH_MAX_HEADERS	48
#define PSAC_MHAUTH_AUTH_LEN	32	/* HMAC-SHA256 */
#define PSAC_MHAUTH_CB_MAX	64	/* SHA-512 */
#define PSAC_MHAUTH_RAND_LEN	16	/* mn-rand, hac-rand octets */

/* status-code values used by psac hac (HTTP-like; RFC 6618 gives none) */
#define PSAC_MHAUTH_OK			200
#define PSAC_MHAUTH_BAD_REQUEST		400
#define PSAC_MHAUTH_AUTH_FAILED		401
#define PSAC_MHAUTH_UNKNOWN_MN		404
#define PSAC_MHAUTH_NO_SUITE		406
#define PSAC_MHAUTH_EXPIRED		410
#define PSAC_MHAUTH_HA_FAILED		500

const char *psac_mhauth_status_text(unsigned int code);

/* A message being built. */
struct psac_mhauth_builder {
	uint8_t buf[PSAC_MHAUTH_HDR_LEN + PSAC_MHAUTH_MAX_CONTENT];
	size_t len;
	int overflow;
};

void psac_mhauth_begin(struct psac_mhauth_builder *b, uint8_t identifier);
/* One "name: value" CRLF line. */
void psac_mhauth_add(struct psac_mhauth_builder *b, const char *name,
		     const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void psac_mhauth_add_hex(struct psac_mhauth_builder *b, const char *name,
			 const uint8_t *v, size_t len);
/* IPv6 as eight 4-digit groups (no "::"), IPv4 dotted. */
void psac_mhauth_add_ip6(struct psac_mhauth_builder *b, const char *name,
			 const void *in6, int prefix_len);
void psac_mhauth_add_ip4(struct psac_mhauth_builder *b, const char *name,
			 const void *in4, int prefix_len);
/*
 * Close the message: with psk, add the auth line (label, cb), then the
 * empty line, and set Length.  0, or -1 when it did not fit.
 */
int psac_mhauth_end(struct psac_mhauth_builder *b, const uint8_t *psk,
		    size_t psk_len, const char *label, const uint8_t *cb,
		    size_t cb_len);

/* A parsed message; names and values point into text. */
struct psac_mhauth_msg {
	uint8_t version, reserved, identifier;
	unsigned int n;
	const char *name[PSAC_MHAUTH_MAX_HEADERS];
	const char *value[PSAC_MHAUTH_MAX_HEADERS];
	size_t signed_len;		/* octets before the auth line */
	int auth_idx;			/* index of "auth", -1 when absent */
	uint8_t content[PSAC_MHAUTH_MAX_CONTENT];
	size_t content_len;
	char text[PSAC_MHAUTH_MAX_CONTENT + PSAC_MHAUTH_MAX_HEADERS];
};

/*
 * Parse one whole message (header and exactly Length octets of content).
 * 0, or -1 with *why a static description of what is wrong: version not 0,
 * Length not matching, a line without CRLF or colon, an empty name, a
 * repeated header, a header after auth, no closing empty line, octets after
 * it, too many headers.
 */
int psac_mhauth_parse(const uint8_t *msg, size_t len,
		      struct psac_mhauth_msg *m, const char **why);
/* The value of header name (case-insensitive), or NULL. */
const char *psac_mhauth_get(const struct psac_mhauth_msg *m, const char *name);

/* auth = HMAC-SHA256(psk, label | octets | cb) */
int psac_mhauth_auth(const uint8_t *psk, size_t psk_len, const char *label,
		     const uint8_t *octets, size_t len, const uint8_t *cb,
		     size_t cb_len, uint8_t out[PSAC_MHAUTH_AUTH_LEN]);
/* 0 when the auth header verifies; -1 absent, -2 not 32 hex octets,
 * -3 wrong value. */
int psac_mhauth_verify(const struct psac_mhauth_msg *m, const uint8_t *psk,
		       size_t psk_len, const char *label, const uint8_t *cb,
		       size_t cb_len);

/*
 * RFC 5929 tls-server-endpoint of a DER certificate: the hash of the
 * certificate with the hash of its signature algorithm, SHA-256 when that
 * is MD5 or SHA-1 (or the signature has no separate hash, e.g. Ed25519).
 * The length, or -1.
 */
int psac_mhauth_cb(const uint8_t *der, size_t der_len,
		   uint8_t out[PSAC_MHAUTH_CB_MAX]);

/* mip6-suitelist "{00,9c} {00,2f}" <-> ids.  Parsing accepts "{00,9C}",
 * "0x009c", "009c" items separated by spaces or commas between braces. */
void psac_mhauth_suitelist_str(const uint16_t *ids, unsigned int n,
			       char *out, size_t size);
int psac_mhauth_suitelist_parse(const char *s, uint16_t *ids,
				unsigned int max, unsigned int *n);

/* The SA headers of an MHAuth-Done response (mip6-spi ... mip6-ip4-hnp),
 * from sa; haa6/haa4 (may be NULL) are the HA's addresses. */
void psac_mhauth_add_sa(struct psac_mhauth_builder *b,
			const struct psac_mnha_sa *sa, const void *haa6,
			const void *haa4, uint16_t port);

/*
 * The mobile node's SA from an MHAuth-Done response: every header checked
 * (SPI 1..0x0fffffff, a known suite, key lengths, addresses, mip6-sas 0|1,
 * port, mip6-sa-validity-end later than now).  The peer is mip6-haa-ip6
 * (else -ip4), also used as haa.  0, or -1 with a message in err.
 */
int psac_mhauth_sa_from_msg(const struct psac_mhauth_msg *m, uint64_t now,
			    struct psac_mnha_sa *sa, char *err, size_t errlen);

/* ---------------------------------------------------------------------- */
/* Over TLS (mhauth_tls.c, OpenSSL libssl)                                 */
/* ---------------------------------------------------------------------- */

struct ssl_ctx_st;
struct ssl_st;

/*
 * A TLS 1.2+ context for the HAC (server != 0) or the MN; when the
 * environment has SSLKEYLOGFILE, the session secrets are appended to that
 * file in the NSS key log format (for Wireshark).
 */
struct ssl_ctx_st *psac_tls_ctx(int server);
/* The OpenSSL error queue as one line (emptied), or fallback. */
const char *psac_tls_error(char *buf, size_t len, const char *fallback);
/* Send a finished message: 0 or -1. */
int psac_mhauth_send(struct ssl_st *ssl, const struct psac_mhauth_builder *b);
/*
 * Receive one message: 0; -1 the connection failed, closed or timed out
 * (*why says which); -2 the message is malformed (*why says how).
 */
int psac_mhauth_recv(struct ssl_st *ssl, struct psac_mhauth_msg *m,
		     const char **why);
/* Socket send/receive timeouts in seconds. */
int psac_sock_timeouts(int fd, unsigned int secs);

#endif /* PSAC_TOOLS_MHAUTH_H */
