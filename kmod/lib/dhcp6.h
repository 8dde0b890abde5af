/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Bounded DHCPv6 option iteration and the PSAC SACONFIGURATION /
 * SACONFIGURATION-REPLY parser and builders
 * (draft-madi-dhc-dhcpv6-psac, docs/wire-format.md).
 *
 * The parser never copies: the result points into the caller's buffer,
 * which must stay unchanged while the result is used.  Multi-octet
 * values are converted to host order.
 */
#ifndef _PSAC_DHCP6_H
#define _PSAC_DHCP6_H

#include "psac_shim.h"
#include <linux/psac_wire.h>
#include "sa_alg.h"

/* Offsets of the wire structs of psac_wire.h, for kmod/lib's codec. */
#define PSAC_SA_OFF(f)	offsetof(struct psac_sa_fixed, f)
#define PSAC_RP_OFF(f)	offsetof(struct psac_sa_req_params, f)

/*
 * Parser errors, returned negated.  They start above every errno value so
 * they are never mistaken for one; psac_dhcp6_strerror() names them.
 */
enum psac_dhcp6_err {
	PSAC_DHCP6_E_BASE = 256,
	PSAC_DHCP6_E_SHORT = PSAC_DHCP6_E_BASE,	/* < 4-octet header */
	PSAC_DHCP6_E_MSG_TYPE,		/* not SACONFIGURATION(-REPLY) */
	PSAC_DHCP6_E_OPT_TRUNC,		/* partial option header */
	PSAC_DHCP6_E_OPT_OVERLONG,	/* option-len past the buffer */
	PSAC_DHCP6_E_DUP_SERVERID,
	PSAC_DHCP6_E_DUP_CLIENTID,
	PSAC_DHCP6_E_DUP_AUTH,
	PSAC_DHCP6_E_DUP_STATUS,
	PSAC_DHCP6_E_DUP_SA_LIST,
	PSAC_DHCP6_E_BAD_DUID,		/* DUID not 3..130 octets */
	PSAC_DHCP6_E_NO_SERVERID,
	PSAC_DHCP6_E_NO_AUTH,
	PSAC_DHCP6_E_AUTH_LEN,		/* shorter than 47 octets */
	PSAC_DHCP6_E_AUTH_ALG,		/* not delayed/HMAC-SHA256/counter */
	PSAC_DHCP6_E_STATUS_LEN,	/* shorter than 2 octets */
	PSAC_DHCP6_E_SA_MISPLACED,	/* OPTION_SA outside its places */
	PSAC_DHCP6_E_OPT_MISPLACED,	/* other option in the wrong place */
	PSAC_DHCP6_E_SA_SHORT,		/* shorter than the fixed part */
	PSAC_DHCP6_E_SA_KEY_LEN,	/* Protected-Key-Len != rest */
	PSAC_DHCP6_E_SA_NO_KEY,		/* empty key in an install */
	PSAC_DHCP6_E_TOO_MANY_SA,
	PSAC_DHCP6_E_NO_SA,		/* SACONFIGURATION without SA */
	PSAC_DHCP6_E_CFG,		/* unusable psac_dhcp6_cfg */
	PSAC_DHCP6_E_REQ_PARAMS_LEN,	/* SA_REQ_PARAMS not 24 octets */
	PSAC_DHCP6_E_MAX
};

const char *psac_dhcp6_strerror(int err);

/* Operator-changeable code points (defaults from psac_wire.h). */
struct psac_dhcp6_cfg {
	u8 msg_saconfig;
	u8 msg_saconfig_reply;
	u16 opt_sa;
	u16 opt_sa_list;
};

void psac_dhcp6_cfg_default(struct psac_dhcp6_cfg *cfg);

/* 0 if usable: distinct message types and option codes, no clash with
 * the standard options the parser interprets.
 */
int psac_dhcp6_cfg_check(const struct psac_dhcp6_cfg *cfg);

/* ---- status codes ------------------------------------------------------- */

struct psac_code_name {
	u16 code;
	const char *name;
};

/* The @i-th named status code, NULL past the last. */
const struct psac_code_name *psac_dhcp6_status_at(unsigned int i);
/* "AuthFailed", or NULL for a code psac does not name. */
const char *psac_dhcp6_status_name(u16 code);

/* ---- option iterator -------------------------------------------------- */

struct psac_opt_iter {
	const u8 *buf;
	size_t len;
	size_t off;
	int err;
};

struct psac_opt {
	u16 code;
	u16 len;
	const u8 *data;		/* @len octets, inside the iterated buffer */
};

void psac_opt_iter_init(struct psac_opt_iter *it, const u8 *buf, size_t len);

/*
 * Returns 1 and fills @opt, 0 at the end of the buffer, or
 * -PSAC_DHCP6_E_OPT_TRUNC / -PSAC_DHCP6_E_OPT_OVERLONG; errors are sticky.
 */
int psac_opt_iter_next(struct psac_opt_iter *it, struct psac_opt *opt);

/* ---- parsed message ---------------------------------------------------- */

#define PSAC_DHCP6_MAX_SA	16
#define PSAC_DUID_MIN_LEN	3
#define PSAC_DUID_MAX_LEN	130

/* One OPTION_SA: the fixed part in host order. */
struct psac_dhcp6_sa {
	u8 peer_addr[16];
	u8 protocol;		/* PSAC_PROTO_* */
	u8 mode;		/* PSAC_MODE_* */
	u8 key_prot_alg;	/* PSAC_KEYPROT_* */
	u8 ulp;			/* PSAC_ULP_* */
	u16 encr_alg;
	u16 encr_key_bits;
	u16 integ_alg;
	u16 sport_or_type;
	u16 dport_or_code;
	u32 spi_i2r;
	u32 spi_r2i;
	u32 lifetime;
	u16 pkey_len;
	const u8 *pkey;		/* protected key material */
	const u8 *fixed;	/* the 46-octet fixed part (AAD source) */
	bool in_list;		/* carried inside OPTION_SA_LIST */
	/* an OPTION_STATUS_CODE that follows it inside OPTION_SA_LIST */
	bool has_status;
	u16 status;
	u16 status_msg_len;
	const u8 *status_msg;
};

struct psac_dhcp6_auth {
	u8 proto;
	u8 alg;
	u8 rdm;
	u64 replay;
	u32 key_id;
	u16 realm_len;
	const u8 *realm;
	const u8 *hmac;		/* PSAC_AUTH_HMAC_LEN octets */
	size_t hmac_off;	/* offset of the HMAC in the message */
};

struct psac_dhcp6_msg {
	u8 msg_type;
	u32 xid;		/* 24 bits */
	const u8 *serverid;
	u16 serverid_len;
	u16 clientid_len;
	const u8 *clientid;	/* NULL if absent */
	bool has_auth;		/* always true after a successful parse */
	bool has_status;	/* top-level OPTION_STATUS_CODE */
	bool has_sa_list;
	u16 status;
	u16 status_msg_len;
	const u8 *status_msg;
	struct psac_dhcp6_auth auth;
	unsigned int n_sa;
	struct psac_dhcp6_sa sa[PSAC_DHCP6_MAX_SA];
};

/* ---- element decoders -------------------------------------------------- */

/* OPTION_SA_REQ_PARAMS in host order. */
struct psac_dhcp6_req_params {
	u8 protocol;		/* PSAC_PROTO_* */
	u8 mode;		/* PSAC_MODE_* */
	u16 flags;		/* PSAC_SA_F_* */
	u16 encr_alg;
	u16 encr_key_bits;
	u16 integ_alg;
	u8 ulp;
	u32 requestor_spi;
	u32 lifetime;
	u16 sport_or_type;
	u16 dport_or_code;
};

/* 0 or -PSAC_DHCP6_E_STATUS_LEN; @msg points into @o. */
int psac_dhcp6_get_status(const struct psac_opt *o, u16 *status,
			  const u8 **msg, u16 *msg_len);

/*
 * Protocol, algorithm, RDM and replay value of any OPTION_AUTH; realm,
 * Key-ID and HMAC (hmac_off from @msg) only for delayed HMAC-SHA256
 * (a->hmac NULL otherwise).  0 or -PSAC_DHCP6_E_AUTH_LEN.
 */
int psac_dhcp6_get_auth(const struct psac_opt *o, const u8 *msg,
			struct psac_dhcp6_auth *a);

/* The 46-octet fixed part; the other members of @sa are cleared. */
void psac_dhcp6_get_sa_fixed(const u8 *fixed, struct psac_dhcp6_sa *sa);

/* 0 or -PSAC_DHCP6_E_REQ_PARAMS_LEN. */
int psac_dhcp6_get_req_params(const struct psac_opt *o,
			      struct psac_dhcp6_req_params *r);

/*
 * Parses a SACONFIGURATION or SACONFIGURATION-REPLY (message types from
 * @cfg).  Returns 0 or a negated PSAC_DHCP6_E_*.  Rules:
 * - SERVERID and AUTH are required; SERVERID, CLIENTID, AUTH, top-level
 *   STATUS_CODE and SA_LIST appear at most once;
 * - OPTION_SA sits at the top level of a SACONFIGURATION or inside an
 *   OPTION_SA_LIST, nowhere else; at most PSAC_DHCP6_MAX_SA in total;
 *   a SACONFIGURATION carries at least one;
 * - OPTION_SA_LIST holds OPTION_SA and OPTION_STATUS_CODE; a STATUS_CODE
 *   there is the status of the OPTION_SA right before it;
 * - Protected-Key-Len must account for exactly the rest of the option;
 *   in a SACONFIGURATION it may only be 0 for a delete (Lifetime 0);
 * - OPTION_AUTH must be protocol 2, algorithm 2 (HMAC-SHA256), RDM 0;
 * - unknown options are skipped.
 */
int psac_dhcp6_parse(const struct psac_dhcp6_cfg *cfg, const u8 *buf,
		     size_t len, struct psac_dhcp6_msg *m);

/* ---- writer ------------------------------------------------------------ */

/*
 * A bounded writer with a sticky error: once something does not fit,
 * err is -EMSGSIZE and every further write is ignored, so a builder
 * checks once at the end.
 */
struct psac_wbuf {
	u8 *buf;
	size_t cap;
	size_t len;
	int err;
};

void psac_wbuf_init(struct psac_wbuf *w, u8 *buf, size_t cap);
/* NULL @data appends zeros; returns where the octets went or NULL. */
u8 *psac_wbuf_put(struct psac_wbuf *w, const void *data, size_t len);
void psac_wbuf_u8(struct psac_wbuf *w, u8 v);
void psac_wbuf_u16(struct psac_wbuf *w, u16 v);
void psac_wbuf_u32(struct psac_wbuf *w, u32 v);
void psac_wbuf_u64(struct psac_wbuf *w, u64 v);
void psac_wbuf_hdr(struct psac_wbuf *w, u8 msg_type, u32 xid);
/* An option whose length is set by _end from what was written since. */
size_t psac_wbuf_opt_begin(struct psac_wbuf *w, u16 code);
void psac_wbuf_opt_end(struct psac_wbuf *w, size_t start);
void psac_wbuf_opt(struct psac_wbuf *w, u16 code, const void *data,
		   size_t len);
/* @text NUL-terminated or NULL. */
void psac_wbuf_status(struct psac_wbuf *w, u16 status, const char *text);
/* Header and fixed part; the caller appends sa->pkey_len key octets. */
u8 *psac_wbuf_sa(struct psac_wbuf *w, u16 code,
		 const struct psac_dhcp6_sa *sa);
void psac_wbuf_req_params(struct psac_wbuf *w,
			  const struct psac_dhcp6_req_params *r);
/* Zeroed HMAC; returns its offset in the buffer. */
size_t psac_wbuf_auth(struct psac_wbuf *w, u64 replay, const u8 *realm,
		      u16 realm_len, u32 key_id);

/* ---- fixed-buffer builders ---------------------------------------------- */

/* msg-type and transaction-id: PSAC_DHCP6_HDR_LEN octets. */
void psac_dhcp6_put_hdr(u8 *buf, u8 msg_type, u32 xid);

/* Option header: PSAC_DHCP6_OPT_HDR_LEN octets. */
void psac_dhcp6_put_opt_hdr(u8 *buf, u16 code, u16 len);

/* The 46-octet OPTION_SA fixed part from @sa (reserved octets zero). */
void psac_dhcp6_put_sa_fixed(u8 *buf, const struct psac_dhcp6_sa *sa);

/*
 * OPTION_SA header (length 46 + @sa->pkey_len) and fixed part.  The
 * caller writes @sa->pkey_len octets of protected key right after.
 * Returns the octets written (50) or -EMSGSIZE if the option with its
 * key does not fit @room.
 */
int psac_dhcp6_put_sa(u8 *buf, size_t room, u16 code,
		      const struct psac_dhcp6_sa *sa);

/*
 * OPTION_AUTH with a zeroed HMAC; the HMAC is the last
 * PSAC_AUTH_HMAC_LEN octets written.  Returns the octets written or
 * -EMSGSIZE.
 */
int psac_dhcp6_put_auth(u8 *buf, size_t room, u64 replay,
			const u8 *realm, u16 realm_len, u32 key_id);

/* OPTION_STATUS_CODE.  Returns the octets written or -EMSGSIZE. */
int psac_dhcp6_put_status(u8 *buf, size_t room, u16 status,
			  const u8 *msg, u16 msg_len);

/*
 * Key-wrap AAD: the first 44 octets of the OPTION_SA fixed part
 * (Peer-Address .. Dst-Port-or-Code, as on the wire) followed by the
 * 3-octet transaction-id.  @aad holds PSAC_SA_AAD_LEN octets.
 */
void psac_sa_build_aad(u8 *aad, const u8 *fixed, u32 xid);

/* ---- validation ------------------------------------------------------ */

/*
 * Checks protocol/mode, algorithm/key-size combination, SPIs, selectors,
 * peer address and that Protected-Key-Len matches the key protection.
 * Returns PSAC_STATUS_SUCCESS and fills @alg, or the PSAC_STATUS_* code
 * to report: SA_REQ_UNSUPPORTED, ALG_NOT_SUPPORTED, KEY_PROT_FAILED.
 * A delete (Lifetime 0) may carry no key.
 */
int psac_dhcp6_sa_validate(const struct psac_dhcp6_sa *sa,
			   struct psac_sa_alg *alg);

#endif /* _PSAC_DHCP6_H */
