/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: DHCPv6 message builder and parser for the PSAC messages and
 * options of docs/wire-format.md (SACONFIGURATION, SACONFIGURATION-REPLY,
 * Information-Request/Request with CLIENT_PUBKEY and SA_REQUEST, Reply with
 * SA_LIST) and the delayed HMAC-SHA256 OPTION_AUTH.
 *
 * The parser never trusts a length: every option is bounds-checked against
 * its container, and the parsed message points into the caller's buffer
 * (which must outlive it).
 *
 * Conventions this implementation fixes where the design is silent (kept in
 * one place so the kernel and dissector can match them):
 *  - SACONFIGURATION carries SERVERID, one OPTION_SA per SA pair (key under
 *    the PSK, always wrapped, even when KEYMAT is empty for a Lifetime-0
 *    delete) and OPTION_AUTH as the last option.
 *  - SACONFIGURATION-REPLY carries SERVERID (copied from the request),
 *    CLIENTID (the target's DUID), a top-level STATUS_CODE for the message,
 *    an SA_LIST holding, for every OPTION_SA of the request in order, an
 *    echo of that OPTION_SA's fixed part with Protected-Key-Len 0 followed
 *    by the STATUS_CODE for that SA pair, and OPTION_AUTH last.
 *  - A STATUS_CODE inside SA_LIST belongs to the OPTION_SA right before it;
 *    one before any OPTION_SA is a status for the list as a whole.
 */
#ifndef PSAC_TOOLS_DHCP6MSG_H
#define PSAC_TOOLS_DHCP6MSG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <netinet/in.h>

#include <linux/psac_wire.h>

#include "dhcp6.h"		/* kmod/lib: the wire codec */

/* RFC 8415 Elapsed Time: mandatory in Information-Request.  Not in
 * psac_wire.h (yet); the guard lets the uapi header take it over. */
#ifndef PSAC_DHCP6_OPT_ELAPSED_TIME
#define PSAC_DHCP6_OPT_ELAPSED_TIME	8
#endif

#define PSAC_MSG_MAX_SA		16	/* SAs in one message */
#define PSAC_MSG_MAX_SAREQ	8	/* SA_REQUEST options in one message */
#define PSAC_SAREQ_MAX_PARAMS	8	/* proposals in one SA_REQUEST */
#define PSAC_MSG_MAX_ORO	16

/* ---------------------------------------------------------------------- */
/* Host-order views of the wire structures                                 */
/* ---------------------------------------------------------------------- */

/* OPTION_SA fixed part (without Protected-Key-Len). */
struct psac_sa_params {
	struct in6_addr peer;
	uint8_t protocol;		/* PSAC_PROTO_* */
	uint8_t mode;			/* PSAC_MODE_* */
	uint8_t key_prot_alg;		/* PSAC_KEYPROT_* */
	uint16_t encr_alg;		/* PSAC_ENCR_* */
	uint16_t encr_key_bits;
	uint16_t integ_alg;		/* PSAC_INTEG_* */
	uint8_t ulp;			/* PSAC_ULP_* */
	uint32_t spi_i2r;
	uint32_t spi_r2i;
	uint32_t lifetime;
	uint16_t sport;			/* port, ICMPv6 type or MH type */
	uint16_t dport;			/* port or ICMPv6 code */
};

/* OPTION_SA_REQ_PARAMS */
struct psac_req_params {
	uint8_t protocol;
	uint8_t mode;
	uint16_t flags;			/* PSAC_SA_F_* */
	uint16_t encr_alg;
	uint16_t encr_key_bits;
	uint16_t integ_alg;
	uint8_t ulp;
	uint32_t requestor_spi;
	uint32_t lifetime;
	uint16_t sport;
	uint16_t dport;
};

/* An SA pair to put into a message: parameters plus plaintext KEYMAT. */
struct psac_sa_out {
	struct psac_sa_params p;
	const uint8_t *keymat;
	size_t keymat_len;
};

/* The per-SA result a target reports in SACONFIGURATION-REPLY. */
struct psac_sa_result {
	struct psac_sa_params p;
	uint16_t status;
	const char *msg;		/* may be NULL */
};

/* An SA_REQUEST to put into an Information-Request / Request. */
struct psac_sareq_out {
	struct in6_addr target;
	const struct psac_req_params *params;
	unsigned int nparams;
};

/* PSK that authenticates a message (OPTION_AUTH). */
struct psac_auth_key {
	uint32_t key_id;
	const uint8_t *psk;
	size_t psk_len;
	const uint8_t *realm;		/* may be NULL */
	size_t realm_len;
};

/* ---------------------------------------------------------------------- */
/* Parsed message                                                          */
/* ---------------------------------------------------------------------- */

struct psac_status {
	int present;
	uint16_t code;
	const char *msg;		/* not NUL-terminated */
	uint16_t msg_len;
};

struct psac_sa_in {
	struct psac_sa_params p;
	const uint8_t *fixed;		/* the 46 wire octets (AAD source) */
	const uint8_t *prot;		/* Protected Key Material */
	uint16_t prot_len;
	int in_list;			/* inside OPTION_SA_LIST */
	struct psac_status status;	/* SA_LIST: STATUS_CODE after it */
};

struct psac_sareq_in {
	struct in6_addr target;
	unsigned int nparams;
	struct psac_req_params params[PSAC_SAREQ_MAX_PARAMS];
};

struct psac_auth_in {
	int present;
	uint8_t proto, alg, rdm;
	uint64_t counter;
	const uint8_t *realm;
	uint16_t realm_len;
	uint32_t key_id;
	size_t hmac_off;		/* offset of the HMAC in the message */
};

struct psac_msg {
	uint8_t type;
	uint32_t xid;
	const uint8_t *serverid;
	uint16_t serverid_len;
	const uint8_t *clientid;
	uint16_t clientid_len;
	struct psac_status status;	/* top-level STATUS_CODE */
	struct psac_auth_in auth;
	int has_pubkey;
	uint8_t pk_alg;
	const uint8_t *pubkey;
	uint16_t pubkey_len;
	int has_elapsed;
	uint16_t elapsed;
	unsigned int n_oro;
	uint16_t oro[PSAC_MSG_MAX_ORO];
	int has_sa_list;
	struct psac_status list_status;	/* SA_LIST status before any SA */
	unsigned int n_sa;
	struct psac_sa_in sa[PSAC_MSG_MAX_SA];
	unsigned int n_sareq;
	struct psac_sareq_in sareq[PSAC_MSG_MAX_SAREQ];
};

/* ---------------------------------------------------------------------- */
/* Writing: kmod/lib's struct psac_wbuf and psac_wbuf_*() (dhcp6.h)       */
/* ---------------------------------------------------------------------- */

/* The 44 wire octets Peer-Address .. Dst-Port-or-Code. */
void psac_sa_params_pack(const struct psac_sa_params *p,
			 uint8_t out[PSAC_SA_AAD_FIXED_LEN]);

/* OPTION_SA with the key under the PSK / under the requestor's X25519 key;
 * p->key_prot_alg is overridden. */
int psac_put_sa_psk(struct psac_wbuf *w, const struct psac_sa_params *p,
		    uint32_t xid, const uint8_t *psk, size_t psk_len,
		    const uint8_t *keymat, size_t keymat_len);
int psac_put_sa_x25519(struct psac_wbuf *w, const struct psac_sa_params *p,
		       uint32_t xid, const uint8_t rcpt_pub[PSAC_X25519_KEY_LEN],
		       const uint8_t *keymat, size_t keymat_len);
/* OPTION_SA echo without key material (Protected-Key-Len 0). */
void psac_put_sa_echo(struct psac_wbuf *w, const struct psac_sa_params *p);
void psac_put_req_params(struct psac_wbuf *w, const struct psac_req_params *r);

/* OPTION_AUTH with a zero HMAC; returns the HMAC offset in the message. */
size_t psac_put_auth(struct psac_wbuf *w, const struct psac_auth_key *key,
		     uint64_t counter);
/* Fill in the HMAC at hmac_off over msg[0..len). */
int psac_msg_sign(uint8_t *msg, size_t len, size_t hmac_off,
		  const uint8_t *psk, size_t psk_len);

/* ---------------------------------------------------------------------- */
/* Whole messages.  Each returns 0 and sets *len, or a negative errno.     */
/* ---------------------------------------------------------------------- */

int psac_build_saconfig(uint8_t *buf, size_t cap, size_t *len, uint32_t xid,
			const uint8_t *serverid, size_t serverid_len,
			const struct psac_sa_out *sas, unsigned int nsa,
			const struct psac_auth_key *key, uint64_t counter);

int psac_build_saconfig_reply(uint8_t *buf, size_t cap, size_t *len,
			      uint32_t xid,
			      const uint8_t *serverid, size_t serverid_len,
			      const uint8_t *clientid, size_t clientid_len,
			      uint16_t status, const char *status_msg,
			      const struct psac_sa_result *res,
			      unsigned int nres,
			      const struct psac_auth_key *key,
			      uint64_t counter);

/* msg_type PSAC_DHCP6_MSG_INFO_REQUEST or PSAC_DHCP6_MSG_REQUEST. */
int psac_build_sa_request(uint8_t *buf, size_t cap, size_t *len,
			  uint8_t msg_type, uint32_t xid,
			  const uint8_t *clientid, size_t clientid_len,
			  const uint8_t pub[PSAC_X25519_KEY_LEN],
			  const struct psac_sareq_out *reqs, unsigned int nreq);

/* Reply with SA_LIST{SA (key under rcpt_pub)...}; status may be
 * PSAC_STATUS_SUCCESS with status_msg NULL to omit a STATUS_CODE. */
int psac_build_sa_reply(uint8_t *buf, size_t cap, size_t *len, uint32_t xid,
			const uint8_t *serverid, size_t serverid_len,
			const uint8_t *clientid, size_t clientid_len,
			const uint8_t rcpt_pub[PSAC_X25519_KEY_LEN],
			const struct psac_sa_out *sas, unsigned int nsa,
			uint16_t status, const char *status_msg);

/* ---------------------------------------------------------------------- */
/* Parsing and verification                                                */
/* ---------------------------------------------------------------------- */

/* Structural parse; *why explains a failure (static string). */
int psac_msg_parse(const uint8_t *buf, size_t len, struct psac_msg *m,
		   const char **why);

/* Mandatory options per message type (SACONFIG: SERVERID, AUTH, >= 1
 * OPTION_SA with Key-Prot-Alg PSK, no SA_LIST; SACONFIG-REPLY: SERVERID,
 * CLIENTID, STATUS_CODE, AUTH; Reply: SERVERID; Information-Request /
 * Request with SA_REQUEST: CLIENTID, CLIENT_PUBKEY X25519). */
int psac_msg_check(const struct psac_msg *m, const char **why);

/*
 * Verify OPTION_AUTH: delayed, HMAC-SHA256, RDM 0, HMAC over the message
 * with the HMAC field zeroed.  -ENOKEY no OPTION_AUTH, -EPROTO unsupported
 * protocol/algorithm/RDM, -EBADMSG HMAC mismatch.  Replay checking (the
 * counter must grow) is the caller's: m->auth.counter.
 */
int psac_msg_verify(const uint8_t *buf, size_t len, const struct psac_msg *m,
		    const uint8_t *psk, size_t psk_len);

int psac_sa_unwrap_psk(const struct psac_msg *m, unsigned int i,
		       const uint8_t *psk, size_t psk_len,
		       uint8_t *keymat, size_t keymat_size, size_t *keymat_len);
int psac_sa_unwrap_x25519(const struct psac_msg *m, unsigned int i,
			  const uint8_t priv[PSAC_X25519_KEY_LEN],
			  uint8_t *keymat, size_t keymat_size,
			  size_t *keymat_len);

/* ---------------------------------------------------------------------- */
/* Algorithms and names                                                    */
/* ---------------------------------------------------------------------- */

/*
 * Key lengths for one direction: enc_len includes the 4-octet salt of
 * AES-GCM / ChaCha20-Poly1305 (RFC 4106 / RFC 7634).  KEYMAT is
 * 2 * (enc_len + auth_len).  -EINVAL for an unsupported combination.
 */
int psac_keymat_layout(uint16_t encr_alg, uint16_t encr_key_bits,
		       uint16_t integ_alg, size_t *enc_len, size_t *auth_len);

struct psac_xfrm_algs {
	const char *enc;		/* "rfc4106(gcm(aes))", "cbc(aes)", ... */
	int aead;			/* enc is an AEAD: use "ip xfrm ... aead" */
	unsigned int icv_bits;		/* AEAD ICV length */
	const char *auth;		/* "hmac(sha256)", NULL for AEAD */
	unsigned int trunc_bits;	/* auth-trunc length */
};
int psac_xfrm_algs(uint16_t encr_alg, uint16_t integ_alg,
		   struct psac_xfrm_algs *out);

const char *psac_msg_type_name(uint8_t type);
const char *psac_encr_name(uint16_t id);
const char *psac_integ_name(uint16_t id);
const char *psac_status_name(uint16_t code);
const char *psac_mode_name(uint8_t mode);
const char *psac_keyprot_name(uint8_t alg);
const char *psac_ulp_name(uint8_t ulp);		/* NULL if unnamed */
const char *psac_proto_name(uint8_t proto);	/* NULL if unnamed */

/*
 * The sh-syntax key file lines of SA number @i (PSAC_SA<i>_SPI_I2R=...,
 * KEYMAT and its split, the XFRM algorithm names) that `saconf build
 * --keymat-out` and `request --keymat-out` share.
 */
void psac_env_sa(FILE *f, unsigned int i, const struct psac_sa_params *p,
		 const uint8_t *keymat, size_t keymat_len);
/* Name or decimal number to id; -1 if unknown. */
int psac_encr_from_name(const char *s);
int psac_integ_from_name(const char *s);
int psac_proto_from_name(const char *s);	/* name or number, -1 */
int psac_mode_from_name(const char *s);
int psac_ulp_from_name(const char *s);

/* Defaults for a proposal that names only its encryption algorithm: the
 * key size, and no integrity for AEAD else HMAC-SHA2-256-128. */
uint16_t psac_default_key_bits(uint16_t encr_alg);
uint16_t psac_default_integ(uint16_t encr_alg);

#endif /* PSAC_TOOLS_DHCP6MSG_H */
