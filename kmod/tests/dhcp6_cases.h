/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * DHCPv6 / PSAC parser, builder and SA validation cases, shared by
 * dhcp6_kunit.c and the user-space runner.
 *
 * Parser inputs are written as small "programs" (struct psac_te) that
 * psac_te_build() turns into wire images: that keeps the tables readable
 * and lets malformed variants differ from valid ones in a single line.
 * The builders used there are checked octet by octet against literal
 * wire images in psac_dhcp6_kat_run().
 */
#ifndef _PSAC_DHCP6_CASES_H
#define _PSAC_DHCP6_CASES_H

#include "psac_test.h"
#include "dhcp6.h"
#include "mnha_hdr.h"

#ifdef __KERNEL__
#include <linux/slab.h>

static inline u8 *psac_t_dup(const u8 *p, size_t len)
{
	return kmemdup(p, len ? len : 1, GFP_KERNEL);
}

static inline void psac_t_free(u8 *p)
{
	kfree(p);
}
#else
#include <stdlib.h>

/* exactly @len octets so AddressSanitizer sees any overread */
static inline u8 *psac_t_dup(const u8 *p, size_t len)
{
	u8 *d = malloc(len ? len : 1);

	if (d && len)
		memcpy(d, p, len);
	return d;
}

static inline void psac_t_free(u8 *p)
{
	free(p);
}
#endif

#define PSAC_T_BUF_LEN	2048

struct psac_dhcp6_t_scratch {
	u8 buf[PSAC_T_BUF_LEN];
	u8 buf2[PSAC_T_BUF_LEN];
	struct psac_dhcp6_msg m;
	struct psac_dhcp6_msg m2;
};

/* ---- option iterator ---------------------------------------------------- */

struct psac_iter_case {
	const char *name;
	u8 buf[12];
	u8 len;
	unsigned int n;		/* options before the end or the error */
	u16 code[2];
	u16 olen[2];
	int ret;		/* final psac_opt_iter_next() result */
};

static const struct psac_iter_case psac_iter_cases[] = {
	{ "iter: empty buffer", { 0 }, 0, 0, { 0 }, { 0 }, 0 },
	{ "iter: one empty option", { 0, 1, 0, 0 }, 4, 1, { 1 }, { 0 }, 0 },
	{ "iter: two options",
	  { 0, 2, 0, 2, 0xaa, 0xbb, 0xff, 0x03, 0, 1, 0xcc }, 11,
	  2, { 2, 0xff03 }, { 2, 1 }, 0 },
	{ "iter: option fills the buffer exactly",
	  { 0, 9, 0, 4, 1, 2, 3, 4 }, 8, 1, { 9 }, { 4 }, 0 },
	{ "iter: 3 trailing octets", { 0, 1, 0, 0, 0, 2, 0 }, 7,
	  1, { 1 }, { 0 }, -PSAC_DHCP6_E_OPT_TRUNC },
	{ "iter: single octet", { 0 }, 1, 0, { 0 }, { 0 },
	  -PSAC_DHCP6_E_OPT_TRUNC },
	{ "iter: length one past the end", { 0, 1, 0, 3, 1, 2 }, 6,
	  0, { 0 }, { 0 }, -PSAC_DHCP6_E_OPT_OVERLONG },
	{ "iter: length 0xffff", { 0, 1, 0xff, 0xff, 1, 2, 3, 4 }, 8,
	  0, { 0 }, { 0 }, -PSAC_DHCP6_E_OPT_OVERLONG },
	{ "iter: good option then overlong one",
	  { 0, 5, 0, 1, 9, 0, 6, 0, 2, 1 }, 10, 1, { 5 }, { 1 },
	  -PSAC_DHCP6_E_OPT_OVERLONG },
};

static int psac_iter_case_run(const struct psac_iter_case *c, char *msg)
{
	struct psac_opt_iter it;
	struct psac_opt o;
	const u8 *buf, *next;
	unsigned int n = 0;
	int ret;

	buf = psac_t_dup(c->buf, c->len);
	if (!buf)
		return psac_t_fail(msg, "out of memory");
	next = buf;
	psac_opt_iter_init(&it, buf, c->len);
	while ((ret = psac_opt_iter_next(&it, &o)) > 0) {
		if (n >= c->n || o.code != c->code[n] || o.len != c->olen[n] ||
		    o.data != next + PSAC_DHCP6_OPT_HDR_LEN) {
			ret = psac_t_fail(msg, "option %u: code %u len %u",
					  n, o.code, o.len);
			goto out;
		}
		next = o.data + o.len;
		n++;
	}
	if (ret != c->ret || n != c->n) {
		ret = psac_t_fail(msg, "%u options then %d, want %u then %d",
				  n, ret, c->n, c->ret);
		goto out;
	}
	/* the end and errors are sticky */
	ret = psac_opt_iter_next(&it, &o);
	if (ret != c->ret) {
		ret = psac_t_fail(msg, "not sticky: %d", ret);
		goto out;
	}
	ret = 0;
out:
	psac_t_free((u8 *)buf);
	return ret;
}

/* ---- wire image programs ----------------------------------------------- */

enum psac_te_op {
	PSAC_TE_DONE,
	PSAC_TE_HDR,		/* a: msg-type, b: xid */
	PSAC_TE_OPT,		/* bare option header: c code, a length */
	PSAC_TE_FILL,		/* a octets of value b */
	PSAC_TE_DUID,		/* option c with an a-octet DUID */
	PSAC_TE_SA,		/* n OPTION_SA (code c or default): a key */
				/* octets, b lifetime, v SPI-I2R (+2 each) */
	PSAC_TE_SA_RAW,		/* OPTION_SA, option length a, */
				/* Protected-Key-Len b */
	PSAC_TE_AUTH,		/* a realm octets, b key id, v replay */
	PSAC_TE_AUTH_ALG,	/* protocol a >> 16, alg a >> 8, RDM a */
	PSAC_TE_STATUS,		/* a status code, b message octets */
	PSAC_TE_BEGIN,		/* container c (0: SA_LIST) */
	PSAC_TE_CLOSE,		/* end of the innermost container */
};

struct psac_te {
	u8 op;
	u8 n;
	u16 c;
	u32 a;
	u32 b;
	u64 v;
};

#define TE_HDR(t, x)	{ .op = PSAC_TE_HDR, .a = (t), .b = (x) }
#define TE_SAC(x)	TE_HDR(PSAC_DHCP6_MSG_SACONFIG, x)
#define TE_REP(x)	TE_HDR(PSAC_DHCP6_MSG_SACONFIG_REPLY, x)
#define TE_OPT(code, l)	{ .op = PSAC_TE_OPT, .c = (code), .a = (l) }
#define TE_FILL(l, val)	{ .op = PSAC_TE_FILL, .a = (l), .b = (val) }
#define TE_SERVERID(l)	{ .op = PSAC_TE_DUID, .c = PSAC_DHCP6_OPT_SERVERID, \
			  .a = (l) }
#define TE_CLIENTID(l)	{ .op = PSAC_TE_DUID, .c = PSAC_DHCP6_OPT_CLIENTID, \
			  .a = (l) }
#define TE_SA(k, l, s)	{ .op = PSAC_TE_SA, .n = 1, .a = (k), .b = (l), \
			  .v = (s) }
#define TE_SAS(cnt, k)	{ .op = PSAC_TE_SA, .n = (cnt), .a = (k), \
			  .b = 3600, .v = 0x1000 }
#define TE_SA_CODE(code, k) \
			{ .op = PSAC_TE_SA, .n = 1, .c = (code), .a = (k), \
			  .b = 3600, .v = 0x1000 }
#define TE_SA_RAW(l, k)	{ .op = PSAC_TE_SA_RAW, .a = (l), .b = (k) }
#define TE_AUTH(r, k, rep) \
			{ .op = PSAC_TE_AUTH, .a = (r), .b = (k), .v = (rep) }
#define TE_AUTH_ALG(p, al, r) \
			{ .op = PSAC_TE_AUTH_ALG, \
			  .a = (p) << 16 | (al) << 8 | (r) }
#define TE_STATUS(s, l)	{ .op = PSAC_TE_STATUS, .a = (s), .b = (l) }
#define TE_LIST		{ .op = PSAC_TE_BEGIN }
#define TE_BEGIN(code)	{ .op = PSAC_TE_BEGIN, .c = (code) }
#define TE_END		{ .op = PSAC_TE_CLOSE }

#define PSAC_T_SRV	TE_SERVERID(10)
#define PSAC_T_KEY0	0xa0	/* protected key octet j is 0xa0 + j */
#define PSAC_T_HMAC	0xcc

static const u8 psac_t_peer[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10
};

/* realm and status message octets; the NUL is never used */
static const u8 psac_t_text[] = "psac.example.org";
#define PSAC_T_TEXT_MAX	(sizeof(psac_t_text) - 1)

/* The SA every TE_SA writes: ESP transport AES-GCM-16/128, key for PSK. */
static void psac_t_sa_template(struct psac_dhcp6_sa *sa, u32 spi, u32 life,
			       u16 klen)
{
	memset(sa, 0, sizeof(*sa));
	memcpy(sa->peer_addr, psac_t_peer, sizeof(sa->peer_addr));
	sa->protocol = PSAC_PROTO_ESP;
	sa->mode = PSAC_MODE_TRANSPORT;
	sa->key_prot_alg = PSAC_KEYPROT_PSK;
	sa->encr_alg = PSAC_ENCR_AES_GCM_16;
	sa->encr_key_bits = 128;
	sa->integ_alg = PSAC_INTEG_NONE;
	sa->ulp = PSAC_ULP_UDP;
	sa->spi_i2r = spi;
	sa->spi_r2i = spi + 1;
	sa->lifetime = life;
	sa->dport_or_code = 53;
	sa->pkey_len = klen;
}

#define PSAC_TE_MAX_DEPTH	4

/* Returns the image length, or -1 if the program is broken. */
static int psac_te_build(const struct psac_te *prog, unsigned int nprog,
			 u8 *buf, size_t room, size_t *hmac_off)
{
	size_t open[PSAC_TE_MAX_DEPTH], off = 0, need;
	unsigned int i, j, k, depth = 0;
	struct psac_dhcp6_sa sa;
	const struct psac_te *t;
	int ret;

	for (i = 0; i < nprog && prog[i].op != PSAC_TE_DONE; i++) {
		t = &prog[i];
		switch (t->op) {
		case PSAC_TE_HDR:
		case PSAC_TE_OPT:
		case PSAC_TE_BEGIN:
			need = 4;
			break;
		case PSAC_TE_FILL:
			need = t->a;
			break;
		case PSAC_TE_DUID:
		case PSAC_TE_SA_RAW:
			need = 4 + (size_t)t->a;
			break;
		default:
			need = 0;	/* the builders check room */
			break;
		}
		if (need > room - off)
			return -1;

		switch (t->op) {
		case PSAC_TE_HDR:
			psac_dhcp6_put_hdr(buf + off, (u8)t->a, t->b);
			off += 4;
			break;
		case PSAC_TE_OPT:
			psac_dhcp6_put_opt_hdr(buf + off, t->c, (u16)t->a);
			off += 4;
			break;
		case PSAC_TE_FILL:
			memset(buf + off, (int)t->b, t->a);
			off += t->a;
			break;
		case PSAC_TE_DUID:
			psac_dhcp6_put_opt_hdr(buf + off, t->c, (u16)t->a);
			for (j = 0; j < t->a; j++)
				buf[off + 4 + j] = (u8)(j + 1);
			off += 4 + t->a;
			break;
		case PSAC_TE_SA:
			for (k = 0; k < t->n; k++) {
				psac_t_sa_template(&sa, (u32)t->v + 2 * k,
						   t->b, (u16)t->a);
				ret = psac_dhcp6_put_sa(buf + off, room - off,
							t->c ? t->c : PSAC_OPT_SA,
							&sa);
				if (ret < 0)
					return -1;
				off += (size_t)ret;
				for (j = 0; j < t->a; j++)
					buf[off + j] = (u8)(PSAC_T_KEY0 + j);
				off += t->a;
			}
			break;
		case PSAC_TE_SA_RAW:
			psac_dhcp6_put_opt_hdr(buf + off, PSAC_OPT_SA,
					       (u16)t->a);
			off += 4;
			if (t->a >= PSAC_SA_FIXED_LEN) {
				psac_t_sa_template(&sa, 0x1000, 3600,
						   (u16)t->b);
				psac_dhcp6_put_sa_fixed(buf + off, &sa);
				memset(buf + off + PSAC_SA_FIXED_LEN, 0x11,
				       t->a - PSAC_SA_FIXED_LEN);
			} else {
				memset(buf + off, 0x11, t->a);
			}
			off += t->a;
			break;
		case PSAC_TE_AUTH:
		case PSAC_TE_AUTH_ALG:
			if (t->op == PSAC_TE_AUTH && t->a > PSAC_T_TEXT_MAX)
				return -1;
			ret = psac_dhcp6_put_auth(buf + off, room - off,
						  t->op == PSAC_TE_AUTH ?
						  t->v : 1, psac_t_text,
						  t->op == PSAC_TE_AUTH ?
						  (u16)t->a : 0, t->b);
			if (ret < 0)
				return -1;
			if (t->op == PSAC_TE_AUTH_ALG) {
				buf[off + 4] = (u8)(t->a >> 16);
				buf[off + 5] = (u8)(t->a >> 8);
				buf[off + 6] = (u8)t->a;
			}
			off += (size_t)ret;
			*hmac_off = off - PSAC_AUTH_HMAC_LEN;
			memset(buf + *hmac_off, PSAC_T_HMAC, PSAC_AUTH_HMAC_LEN);
			break;
		case PSAC_TE_STATUS:
			if (t->b > PSAC_T_TEXT_MAX)
				return -1;
			ret = psac_dhcp6_put_status(buf + off, room - off,
						    (u16)t->a, psac_t_text,
						    (u16)t->b);
			if (ret < 0)
				return -1;
			off += (size_t)ret;
			break;
		case PSAC_TE_BEGIN:
			if (depth == PSAC_TE_MAX_DEPTH)
				return -1;
			open[depth++] = off;
			psac_dhcp6_put_opt_hdr(buf + off,
					       t->c ? t->c : PSAC_OPT_SA_LIST, 0);
			off += 4;
			break;
		case PSAC_TE_CLOSE:
			if (!depth)
				return -1;
			depth--;
			psac_put_be16(buf + open[depth] + 2,
				      (u16)(off - open[depth] - 4));
			break;
		default:
			return -1;
		}
	}
	return depth ? -1 : (int)off;
}

/* ---- parser cases ------------------------------------------------------- */

enum psac_t_cfg_kind {
	PSAC_T_CFG_DEFAULT,
	PSAC_T_CFG_OPERATOR,	/* 200/201, OPTION_SA 300, SA_LIST 301 */
	PSAC_T_CFG_BROKEN,	/* OPTION_SA == OPTION_SA_LIST */
};

static void psac_t_cfg(u8 kind, struct psac_dhcp6_cfg *cfg)
{
	psac_dhcp6_cfg_default(cfg);
	if (kind == PSAC_T_CFG_OPERATOR) {
		cfg->msg_saconfig = 200;
		cfg->msg_saconfig_reply = 201;
		cfg->opt_sa = 300;
		cfg->opt_sa_list = 301;
	} else if (kind == PSAC_T_CFG_BROKEN) {
		cfg->opt_sa_list = cfg->opt_sa;
	}
}

/* What a successful parse must report. */
struct psac_dhcp6_expect {
	u8 msg_type;
	u32 xid;
	u16 serverid_len;
	u16 clientid_len;
	u32 key_id;
	u64 replay;
	u16 realm_len;
	bool has_status;
	u16 status;
	bool has_sa_list;
	unsigned int n_sa;
	unsigned int n_in_list;
	unsigned int n_with_status;
	u32 sa0_spi;
	u16 sa0_pkey_len;
	u32 sa0_lifetime;
	bool sa0_has_status;
	u16 sa0_status;
};

#define PSAC_TE_MAX	16

struct psac_dhcp6_case {
	const char *name;
	u8 cfg;
	struct psac_te prog[PSAC_TE_MAX];
	int ret;
	struct psac_dhcp6_expect e;
};

#define PSAC_T_SAC	PSAC_DHCP6_MSG_SACONFIG
#define PSAC_T_REP	PSAC_DHCP6_MSG_SACONFIG_REPLY
#define T_ERR(x)	(-PSAC_DHCP6_E_##x)

static const struct psac_dhcp6_case psac_dhcp6_cases[] = {
	/* valid messages */
	{ "minimal SACONFIGURATION", 0,
	  { TE_SAC(0x123456), PSAC_T_SRV, TE_SA(68, 3600, 0x1000),
	    TE_AUTH(0, 7, 1) }, 0,
	  { .msg_type = PSAC_T_SAC, .xid = 0x123456, .serverid_len = 10,
	    .key_id = 7, .replay = 1, .n_sa = 1, .sa0_spi = 0x1000,
	    .sa0_pkey_len = 68, .sa0_lifetime = 3600 } },
	{ "SA_LIST with two SAs, realm and CLIENTID", 0,
	  { TE_SAC(1), TE_CLIENTID(14), PSAC_T_SRV, TE_LIST,
	    TE_SA(4, 60, 0x2000), TE_SA(4, 60, 0x3000), TE_END,
	    TE_AUTH(5, 0xdeadbeef, 0x0102030405060708ULL) }, 0,
	  { .msg_type = PSAC_T_SAC, .xid = 1, .serverid_len = 10,
	    .clientid_len = 14, .key_id = 0xdeadbeef,
	    .replay = 0x0102030405060708ULL, .realm_len = 5,
	    .has_sa_list = true, .n_sa = 2, .n_in_list = 2,
	    .sa0_spi = 0x2000, .sa0_pkey_len = 4, .sa0_lifetime = 60 } },
	{ "top-level SA plus SA_LIST", 0,
	  { TE_SAC(2), PSAC_T_SRV, TE_SA(4, 3600, 0x1000), TE_LIST,
	    TE_SA(4, 3600, 0x5000), TE_END, TE_AUTH(0, 1, 2) }, 0,
	  { .msg_type = PSAC_T_SAC, .xid = 2, .serverid_len = 10,
	    .key_id = 1, .replay = 2, .has_sa_list = true, .n_sa = 2,
	    .n_in_list = 1, .sa0_spi = 0x1000, .sa0_pkey_len = 4,
	    .sa0_lifetime = 3600 } },
	{ "reply with per-SA status", 0,
	  { TE_REP(0xabcdef), PSAC_T_SRV, TE_CLIENTID(10), TE_STATUS(0, 7),
	    TE_LIST, TE_SA(0, 3600, 0x1000),
	    TE_STATUS(PSAC_STATUS_ALG_NOT_SUPPORTED, 0),
	    TE_SA(0, 3600, 0x1002), TE_END, TE_AUTH(0, 7, 9) }, 0,
	  { .msg_type = PSAC_T_REP, .xid = 0xabcdef, .serverid_len = 10,
	    .clientid_len = 10, .key_id = 7, .replay = 9, .has_status = true,
	    .status = PSAC_STATUS_SUCCESS, .has_sa_list = true, .n_sa = 2,
	    .n_in_list = 2, .n_with_status = 1, .sa0_spi = 0x1000,
	    .sa0_lifetime = 3600, .sa0_has_status = true,
	    .sa0_status = PSAC_STATUS_ALG_NOT_SUPPORTED } },
	{ "reply without SAs", 0,
	  { TE_REP(5), PSAC_T_SRV, TE_STATUS(PSAC_STATUS_AUTH_FAILED, 16),
	    TE_AUTH(16, 3, 4) }, 0,
	  { .msg_type = PSAC_T_REP, .xid = 5, .serverid_len = 10,
	    .key_id = 3, .replay = 4, .realm_len = 16, .has_status = true,
	    .status = PSAC_STATUS_AUTH_FAILED } },
	{ "reply with an empty SA_LIST", 0,
	  { TE_REP(6), PSAC_T_SRV, TE_LIST, TE_END, TE_AUTH(0, 3, 5) }, 0,
	  { .msg_type = PSAC_T_REP, .xid = 6, .serverid_len = 10,
	    .key_id = 3, .replay = 5, .has_sa_list = true } },
	{ "delete: lifetime 0 without key", 0,
	  { TE_SAC(3), PSAC_T_SRV, TE_SA(0, 0, 0x1000), TE_AUTH(0, 7, 2) },
	  0,
	  { .msg_type = PSAC_T_SAC, .xid = 3, .serverid_len = 10,
	    .key_id = 7, .replay = 2, .n_sa = 1, .sa0_spi = 0x1000 } },
	{ "unknown options are skipped", 0,
	  { TE_SAC(4), TE_OPT(0x1234, 3), TE_FILL(3, 0), PSAC_T_SRV,
	    TE_LIST, TE_OPT(0x4321, 0), TE_SA(4, 3600, 0x1000), TE_END,
	    TE_OPT(PSAC_OPT_SA_REQUEST, 0), TE_AUTH(0, 7, 3) }, 0,
	  { .msg_type = PSAC_T_SAC, .xid = 4, .serverid_len = 10,
	    .key_id = 7, .replay = 3, .has_sa_list = true, .n_sa = 1,
	    .n_in_list = 1, .sa0_spi = 0x1000, .sa0_pkey_len = 4,
	    .sa0_lifetime = 3600 } },
	{ "AUTH before the SAs", 0,
	  { TE_SAC(6), TE_AUTH(3, 2, 3), PSAC_T_SRV,
	    TE_SA(68, 3600, 0x1000) }, 0,
	  { .msg_type = PSAC_T_SAC, .xid = 6, .serverid_len = 10,
	    .key_id = 2, .replay = 3, .realm_len = 3, .n_sa = 1,
	    .sa0_spi = 0x1000, .sa0_pkey_len = 68, .sa0_lifetime = 3600 } },
	{ "16 SAs are the limit", 0,
	  { TE_SAC(7), PSAC_T_SRV, TE_SAS(16, 4), TE_AUTH(0, 1, 1) }, 0,
	  { .msg_type = PSAC_T_SAC, .xid = 7, .serverid_len = 10,
	    .key_id = 1, .replay = 1, .n_sa = 16, .sa0_spi = 0x1000,
	    .sa0_pkey_len = 4, .sa0_lifetime = 3600 } },
	{ "16 SAs split between top level and SA_LIST", 0,
	  { TE_SAC(8), PSAC_T_SRV, TE_SAS(8, 4), TE_LIST, TE_SAS(8, 4),
	    TE_END, TE_AUTH(0, 1, 1) }, 0,
	  { .msg_type = PSAC_T_SAC, .xid = 8, .serverid_len = 10,
	    .key_id = 1, .replay = 1, .has_sa_list = true, .n_sa = 16,
	    .n_in_list = 8, .sa0_spi = 0x1000, .sa0_pkey_len = 4,
	    .sa0_lifetime = 3600 } },
	{ "operator code points", PSAC_T_CFG_OPERATOR,
	  { TE_HDR(200, 9), PSAC_T_SRV, TE_SA_CODE(300, 4), TE_BEGIN(301),
	    TE_SA_CODE(300, 4), TE_END, TE_AUTH(0, 1, 1) }, 0,
	  { .msg_type = 200, .xid = 9, .serverid_len = 10, .key_id = 1,
	    .replay = 1, .has_sa_list = true, .n_sa = 2, .n_in_list = 1,
	    .sa0_spi = 0x1000, .sa0_pkey_len = 4, .sa0_lifetime = 3600 } },
	{ "default OPTION_SA is unknown under operator code points",
	  PSAC_T_CFG_OPERATOR,
	  { TE_HDR(201, 10), PSAC_T_SRV, TE_SA(4, 3600, 0x7000),
	    TE_BEGIN(301), TE_SA_CODE(300, 4), TE_END, TE_AUTH(0, 1, 1) },
	  0,
	  { .msg_type = 201, .xid = 10, .serverid_len = 10, .key_id = 1,
	    .replay = 1, .has_sa_list = true, .n_sa = 1, .n_in_list = 1,
	    .sa0_spi = 0x1000, .sa0_pkey_len = 4, .sa0_lifetime = 3600 } },
	{ "longest SERVERID, shortest CLIENTID", 0,
	  { TE_SAC(11), TE_SERVERID(130), TE_CLIENTID(3),
	    TE_SA(4, 1, 0x1000), TE_AUTH(0, 1, 1) }, 0,
	  { .msg_type = PSAC_T_SAC, .xid = 11, .serverid_len = 130,
	    .clientid_len = 3, .key_id = 1, .replay = 1, .n_sa = 1,
	    .sa0_spi = 0x1000, .sa0_pkey_len = 4, .sa0_lifetime = 1 } },

	/* header */
	{ "empty message", 0, { { 0 } }, T_ERR(SHORT) },
	{ "3-octet message", 0, { TE_FILL(3, PSAC_T_SAC) }, T_ERR(SHORT) },
	{ "Reply (7) is not a PSAC message", 0,
	  { TE_HDR(PSAC_DHCP6_MSG_REPLY, 1), PSAC_T_SRV,
	    TE_SA(4, 1, 0x1000), TE_AUTH(0, 1, 1) }, T_ERR(MSG_TYPE) },
	{ "default type under operator code points", PSAC_T_CFG_OPERATOR,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA_CODE(300, 4), TE_AUTH(0, 1, 1) },
	  T_ERR(MSG_TYPE) },
	{ "unusable code point configuration", PSAC_T_CFG_BROKEN,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA(4, 1, 0x1000), TE_AUTH(0, 1, 1) },
	  T_ERR(CFG) },

	/* option framing */
	{ "trailing partial option header", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA(4, 1, 0x1000), TE_AUTH(0, 1, 1),
	    TE_FILL(3, 0) }, T_ERR(OPT_TRUNC) },
	{ "option longer than the message", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA(4, 1, 0x1000), TE_AUTH(0, 1, 1),
	    TE_OPT(PSAC_DHCP6_OPT_CLIENTID, 10), TE_FILL(9, 0) },
	  T_ERR(OPT_OVERLONG) },
	{ "option length 0xffff", 0,
	  { TE_SAC(1), TE_OPT(PSAC_DHCP6_OPT_SERVERID, 0xffff),
	    TE_FILL(16, 0) }, T_ERR(OPT_OVERLONG) },
	{ "option overruns its SA_LIST", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_LIST, TE_OPT(PSAC_OPT_SA, 100),
	    TE_FILL(50, 0), TE_END, TE_FILL(60, 0), TE_AUTH(0, 1, 1) },
	  T_ERR(OPT_OVERLONG) },
	{ "partial option header inside SA_LIST", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_LIST, TE_SA(4, 1, 0x1000),
	    TE_FILL(2, 0), TE_END, TE_AUTH(0, 1, 1) }, T_ERR(OPT_TRUNC) },

	/* singletons */
	{ "duplicate SERVERID", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA(4, 1, 0x1000), PSAC_T_SRV,
	    TE_AUTH(0, 1, 1) }, T_ERR(DUP_SERVERID) },
	{ "duplicate CLIENTID", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_CLIENTID(8), TE_CLIENTID(8),
	    TE_SA(4, 1, 0x1000), TE_AUTH(0, 1, 1) }, T_ERR(DUP_CLIENTID) },
	{ "duplicate AUTH", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA(4, 1, 0x1000), TE_AUTH(0, 1, 1),
	    TE_AUTH(0, 1, 2) }, T_ERR(DUP_AUTH) },
	{ "duplicate top-level STATUS_CODE", 0,
	  { TE_REP(1), PSAC_T_SRV, TE_STATUS(0, 0), TE_STATUS(1, 0),
	    TE_AUTH(0, 1, 1) }, T_ERR(DUP_STATUS) },
	{ "duplicate SA_LIST", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_LIST, TE_SA(4, 1, 0x1000), TE_END,
	    TE_LIST, TE_END, TE_AUTH(0, 1, 1) }, T_ERR(DUP_SA_LIST) },
	{ "DUID of 2 octets", 0,
	  { TE_SAC(1), TE_SERVERID(2), TE_SA(4, 1, 0x1000),
	    TE_AUTH(0, 1, 1) }, T_ERR(BAD_DUID) },
	{ "DUID of 131 octets", 0,
	  { TE_SAC(1), TE_SERVERID(131), TE_SA(4, 1, 0x1000),
	    TE_AUTH(0, 1, 1) }, T_ERR(BAD_DUID) },
	{ "empty CLIENTID", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_CLIENTID(0), TE_SA(4, 1, 0x1000),
	    TE_AUTH(0, 1, 1) }, T_ERR(BAD_DUID) },
	{ "no SERVERID", 0,
	  { TE_SAC(1), TE_CLIENTID(10), TE_SA(4, 1, 0x1000),
	    TE_AUTH(0, 1, 1) }, T_ERR(NO_SERVERID) },
	{ "no AUTH", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA(4, 1, 0x1000) }, T_ERR(NO_AUTH) },
	{ "reply without AUTH", 0,
	  { TE_REP(1), PSAC_T_SRV, TE_STATUS(0, 0) }, T_ERR(NO_AUTH) },
	{ "SACONFIGURATION without SA", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_LIST, TE_END, TE_AUTH(0, 1, 1) },
	  T_ERR(NO_SA) },

	/* OPTION_AUTH and OPTION_STATUS_CODE contents */
	{ "AUTH of 46 octets", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA(4, 1, 0x1000),
	    TE_OPT(PSAC_DHCP6_OPT_AUTH, PSAC_AUTH_MIN_LEN - 1),
	    TE_FILL(PSAC_AUTH_MIN_LEN - 1, 2) }, T_ERR(AUTH_LEN) },
	{ "AUTH protocol 3 (reconfigure key)", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA(4, 1, 0x1000),
	    TE_AUTH_ALG(3, 2, 0) }, T_ERR(AUTH_ALG) },
	{ "AUTH algorithm 1 (HMAC-MD5)", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA(4, 1, 0x1000),
	    TE_AUTH_ALG(2, 1, 0) }, T_ERR(AUTH_ALG) },
	{ "AUTH RDM 1", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA(4, 1, 0x1000),
	    TE_AUTH_ALG(2, 2, 1) }, T_ERR(AUTH_ALG) },
	{ "STATUS_CODE of 1 octet", 0,
	  { TE_REP(1), PSAC_T_SRV, TE_OPT(PSAC_DHCP6_OPT_STATUS_CODE, 1),
	    TE_FILL(1, 0), TE_AUTH(0, 1, 1) }, T_ERR(STATUS_LEN) },
	{ "STATUS_CODE of 1 octet inside SA_LIST", 0,
	  { TE_REP(1), PSAC_T_SRV, TE_LIST, TE_SA(0, 1, 0x1000),
	    TE_OPT(PSAC_DHCP6_OPT_STATUS_CODE, 1), TE_FILL(1, 0), TE_END,
	    TE_AUTH(0, 1, 1) }, T_ERR(STATUS_LEN) },

	/* placement */
	{ "OPTION_SA at the top level of a reply", 0,
	  { TE_REP(1), PSAC_T_SRV, TE_SA(0, 1, 0x1000), TE_AUTH(0, 1, 1) },
	  T_ERR(SA_MISPLACED) },
	{ "SA_LIST inside SA_LIST", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_LIST, TE_LIST, TE_SA(4, 1, 0x1000),
	    TE_END, TE_END, TE_AUTH(0, 1, 1) }, T_ERR(OPT_MISPLACED) },
	{ "AUTH inside SA_LIST", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_LIST, TE_SA(4, 1, 0x1000),
	    TE_AUTH(0, 1, 1), TE_END }, T_ERR(OPT_MISPLACED) },
	{ "SERVERID inside SA_LIST", 0,
	  { TE_SAC(1), TE_LIST, PSAC_T_SRV, TE_SA(4, 1, 0x1000), TE_END,
	    TE_AUTH(0, 1, 1) }, T_ERR(OPT_MISPLACED) },
	{ "STATUS_CODE before any SA in SA_LIST", 0,
	  { TE_REP(1), PSAC_T_SRV, TE_LIST, TE_STATUS(0, 0),
	    TE_SA(0, 1, 0x1000), TE_END, TE_AUTH(0, 1, 1) },
	  T_ERR(OPT_MISPLACED) },
	{ "two STATUS_CODEs for one SA", 0,
	  { TE_REP(1), PSAC_T_SRV, TE_LIST, TE_SA(0, 1, 0x1000),
	    TE_STATUS(0, 0), TE_STATUS(0, 0), TE_END, TE_AUTH(0, 1, 1) },
	  T_ERR(DUP_STATUS) },

	/* OPTION_SA framing */
	{ "OPTION_SA of 45 octets", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA_RAW(PSAC_SA_FIXED_LEN - 1, 0),
	    TE_AUTH(0, 1, 1) }, T_ERR(SA_SHORT) },
	{ "empty OPTION_SA", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA_RAW(0, 0), TE_AUTH(0, 1, 1) },
	  T_ERR(SA_SHORT) },
	{ "Protected-Key-Len past the option", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA_RAW(PSAC_SA_FIXED_LEN + 4, 5),
	    TE_AUTH(0, 1, 1) }, T_ERR(SA_KEY_LEN) },
	{ "Protected-Key-Len short of the option", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA_RAW(PSAC_SA_FIXED_LEN + 4, 3),
	    TE_AUTH(0, 1, 1) }, T_ERR(SA_KEY_LEN) },
	{ "Protected-Key-Len 0xffff", 0,
	  { TE_SAC(1), PSAC_T_SRV,
	    TE_SA_RAW(PSAC_SA_FIXED_LEN + 4, 0xffff), TE_AUTH(0, 1, 1) },
	  T_ERR(SA_KEY_LEN) },
	{ "install without key", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SA(0, 3600, 0x1000),
	    TE_AUTH(0, 1, 1) }, T_ERR(SA_NO_KEY) },
	{ "install without key inside SA_LIST", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_LIST, TE_SA(0, 3600, 0x1000), TE_END,
	    TE_AUTH(0, 1, 1) }, T_ERR(SA_NO_KEY) },
	{ "17 SAs", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SAS(17, 4), TE_AUTH(0, 1, 1) },
	  T_ERR(TOO_MANY_SA) },
	{ "17 SAs across top level and SA_LIST", 0,
	  { TE_SAC(1), PSAC_T_SRV, TE_SAS(9, 4), TE_LIST, TE_SAS(8, 4),
	    TE_END, TE_AUTH(0, 1, 1) }, T_ERR(TOO_MANY_SA) },
};

static int psac_dhcp6_expect_check(const struct psac_dhcp6_expect *e,
				   const struct psac_dhcp6_msg *m,
				   const u8 *p, size_t len, size_t hmac_off,
				   char *msg)
{
	const struct psac_dhcp6_sa *sa;
	unsigned int i, n_list = 0, n_status = 0, j;

	if (m->msg_type != e->msg_type || m->xid != e->xid)
		return psac_t_fail(msg, "type %u xid %#x", m->msg_type, m->xid);
	if (m->serverid_len != e->serverid_len || !m->serverid ||
	    m->clientid_len != e->clientid_len ||
	    !m->clientid != !e->clientid_len)
		return psac_t_fail(msg, "DUID lengths %u/%u", m->serverid_len,
				   m->clientid_len);
	if (!m->has_auth || m->auth.key_id != e->key_id ||
	    m->auth.replay != e->replay || m->auth.realm_len != e->realm_len)
		return psac_t_fail(msg, "auth key %#x replay %llu realm %u",
				   m->auth.key_id,
				   (unsigned long long)m->auth.replay,
				   m->auth.realm_len);
	if (m->auth.hmac_off != hmac_off || m->auth.hmac != p + hmac_off ||
	    m->auth.hmac[0] != PSAC_T_HMAC ||
	    (m->auth.realm_len &&
	     memcmp(m->auth.realm, psac_t_text, m->auth.realm_len)))
		return psac_t_fail(msg, "HMAC offset %zu, want %zu",
				   m->auth.hmac_off, hmac_off);
	if (m->has_status != e->has_status || m->status != e->status ||
	    m->has_sa_list != e->has_sa_list)
		return psac_t_fail(msg, "status %d/%u list %d", m->has_status,
				   m->status, m->has_sa_list);
	if (m->n_sa != e->n_sa)
		return psac_t_fail(msg, "%u SAs, want %u", m->n_sa, e->n_sa);

	for (i = 0; i < m->n_sa; i++) {
		sa = &m->sa[i];
		n_list += sa->in_list;
		n_status += sa->has_status;
		if (sa->fixed < p ||
		    sa->fixed + PSAC_SA_FIXED_LEN + sa->pkey_len > p + len ||
		    sa->pkey != sa->fixed + PSAC_SA_FIXED_LEN)
			return psac_t_fail(msg, "SA %u: pointers outside", i);
		if (memcmp(sa->peer_addr, psac_t_peer, 16) ||
		    sa->protocol != PSAC_PROTO_ESP ||
		    sa->mode != PSAC_MODE_TRANSPORT ||
		    sa->key_prot_alg != PSAC_KEYPROT_PSK ||
		    sa->encr_alg != PSAC_ENCR_AES_GCM_16 ||
		    sa->encr_key_bits != 128 ||
		    sa->integ_alg != PSAC_INTEG_NONE ||
		    sa->ulp != PSAC_ULP_UDP || sa->sport_or_type != 0 ||
		    sa->dport_or_code != 53 ||
		    sa->spi_r2i != sa->spi_i2r + 1)
			return psac_t_fail(msg, "SA %u: fixed part differs", i);
		for (j = 0; j < sa->pkey_len; j++)
			if (sa->pkey[j] != (u8)(PSAC_T_KEY0 + j))
				return psac_t_fail(msg, "SA %u: key octet %u",
						   i, j);
	}
	if (n_list != e->n_in_list || n_status != e->n_with_status)
		return psac_t_fail(msg, "%u SAs in list, %u with status",
				   n_list, n_status);
	if (!m->n_sa)
		return 0;
	sa = &m->sa[0];
	if (sa->spi_i2r != e->sa0_spi || sa->pkey_len != e->sa0_pkey_len ||
	    sa->lifetime != e->sa0_lifetime ||
	    sa->has_status != e->sa0_has_status ||
	    sa->status != e->sa0_status)
		return psac_t_fail(msg, "SA 0: spi %#x key %u life %u st %u",
				   sa->spi_i2r, sa->pkey_len, sa->lifetime,
				   sa->status);
	return 0;
}

static int psac_dhcp6_case_run(const struct psac_dhcp6_case *c,
			       struct psac_dhcp6_t_scratch *s, char *msg)
{
	struct psac_dhcp6_cfg cfg;
	size_t hmac_off = 0;
	int len, ret, res;
	u8 *p;

	psac_t_cfg(c->cfg, &cfg);
	len = psac_te_build(c->prog, PSAC_TE_MAX, s->buf, sizeof(s->buf),
			    &hmac_off);
	if (len < 0)
		return psac_t_fail(msg, "broken test program");
	p = psac_t_dup(s->buf, (size_t)len);
	if (!p)
		return psac_t_fail(msg, "out of memory");

	ret = psac_dhcp6_parse(&cfg, p, (size_t)len, &s->m);
	if (ret != c->ret)
		res = psac_t_fail(msg, "parse = %d (%s), want %d (%s)", ret,
				  psac_dhcp6_strerror(ret), c->ret,
				  psac_dhcp6_strerror(c->ret));
	else if (ret == 0)
		res = psac_dhcp6_expect_check(&c->e, &s->m, p, (size_t)len,
					      hmac_off, msg);
	else
		res = 0;
	psac_t_free(p);
	return res;
}

/* ---- SA validation cases ----------------------------------------------- */

enum psac_vt_field {
	PSAC_VT_NONE,
	PSAC_VT_SPI_I2R,
	PSAC_VT_SPI_R2I,
	PSAC_VT_LIFETIME,
	PSAC_VT_ULP,
	PSAC_VT_SPORT,
	PSAC_VT_DPORT,
	PSAC_VT_PEER_UNSPEC,
	PSAC_VT_PEER_MCAST,
};

struct psac_vt_tweak {
	u8 field;
	u32 val;
};

struct psac_val_case {
	const char *name;
	u8 protocol;
	u8 mode;
	u8 key_prot;
	u16 encr;
	u16 bits;
	u16 integ;
	u16 pkey_len;
	struct psac_vt_tweak tw[3];
	int status;
	unsigned int keymat;
	u8 ekey;
	u16 suite;
};

#define V_ESP		PSAC_PROTO_ESP
#define V_UDP		PSAC_PROTO_UDP
#define V_TRANS		PSAC_MODE_TRANSPORT
#define V_TUN		PSAC_MODE_TUNNEL
#define V_MNHA		PSAC_MODE_MNHA_UDP
#define V_PSK		PSAC_KEYPROT_PSK
#define V_X25519	PSAC_KEYPROT_X25519
#define V_RSA		PSAC_KEYPROT_RSA_OAEP
#define V_GCM		PSAC_ENCR_AES_GCM_16
#define V_CBC		PSAC_ENCR_AES_CBC
#define V_CHACHA	PSAC_ENCR_CHACHA20_POLY1305
#define V_3DES		PSAC_ENCR_3DES
#define V_NULL		PSAC_ENCR_NULL
#define V_NONE		PSAC_INTEG_NONE
#define V_SHA1		PSAC_INTEG_HMAC_SHA1_96
#define V_SHA256	PSAC_INTEG_HMAC_SHA2_256_128
#define V_XCBC		PSAC_INTEG_AES_XCBC_96
#define V_PK(km)		((km) + PSAC_KEYWRAP_PSK_OVERHEAD)
#define V_XK(km)		((km) + PSAC_KEYWRAP_X25519_OVERHEAD)
#define S_OK		PSAC_STATUS_SUCCESS
#define S_REQ		PSAC_STATUS_SA_REQ_UNSUPPORTED
#define S_ALG		PSAC_STATUS_ALG_NOT_SUPPORTED
#define S_KEY		PSAC_STATUS_KEY_PROT_FAILED
#define VT(f, v)	{ PSAC_VT_##f, (v) }

static const struct psac_val_case psac_val_cases[] = {
	/* ESP, accepted */
	{ "ESP AES-GCM-16/128, PSK", V_ESP, V_TRANS, V_PSK, V_GCM, 128,
	  V_NONE, V_PK(40), {}, S_OK, 40, 20 },
	{ "ESP AES-GCM-16/256, X25519", V_ESP, V_TRANS, V_X25519, V_GCM, 256,
	  V_NONE, V_XK(72), {}, S_OK, 72, 36 },
	{ "ESP AES-GCM-16/128 tunnel mode", V_ESP, V_TUN, V_PSK, V_GCM, 128,
	  V_NONE, V_PK(40), {}, S_OK, 40, 20 },
	{ "ESP AES-CBC/128 + HMAC-SHA2-256-128", V_ESP, V_TRANS, V_PSK, V_CBC,
	  128, V_SHA256, V_PK(96), {}, S_OK, 96, 16 },
	{ "ESP AES-CBC/256 + HMAC-SHA2-256-128", V_ESP, V_TUN, V_PSK, V_CBC,
	  256, V_SHA256, V_PK(128), {}, S_OK, 128, 32 },
	{ "ESP AES-CBC/128 + HMAC-SHA1-96", V_ESP, V_TRANS, V_PSK, V_CBC, 128,
	  V_SHA1, V_PK(72), {}, S_OK, 72, 16 },
	{ "ESP AES-CBC/256 + HMAC-SHA1-96", V_ESP, V_TRANS, V_X25519, V_CBC,
	  256, V_SHA1, V_XK(104), {}, S_OK, 104, 32 },
	{ "ESP ChaCha20-Poly1305/256", V_ESP, V_TRANS, V_PSK, V_CHACHA, 256,
	  V_NONE, V_PK(72), {}, S_OK, 72, 36 },
	{ "ESP ChaCha20-Poly1305 without key length", V_ESP, V_TRANS, V_PSK,
	  V_CHACHA, 0, V_NONE, V_PK(72), {}, S_OK, 72, 36 },
	{ "ESP key under RSA-OAEP", V_ESP, V_TRANS, V_RSA, V_GCM, 128, V_NONE,
	  256, {}, S_OK, 40, 20 },
	{ "ESP TCP port 53", V_ESP, V_TRANS, V_PSK, V_GCM, 128, V_NONE,
	  V_PK(40), { VT(ULP, PSAC_ULP_TCP), VT(DPORT, 53) }, S_OK, 40, 20 },
	{ "ESP ICMPv6 type 135 code 0", V_ESP, V_TRANS, V_PSK, V_GCM, 128,
	  V_NONE, V_PK(40), { VT(ULP, PSAC_ULP_ICMPV6), VT(SPORT, 135) },
	  S_OK, 40, 20 },
	{ "ESP MH type BU", V_ESP, V_TRANS, V_PSK, V_GCM, 128, V_NONE,
	  V_PK(40), { VT(ULP, PSAC_ULP_MH), VT(SPORT, PSAC_MH_TYPE_BU) },
	  S_OK, 40, 20 },
	{ "ESP MH types BU out, BAck back (RFC 4877 4.1)", V_ESP, V_TRANS,
	  V_PSK, V_GCM, 128, V_NONE, V_PK(40),
	  { VT(ULP, PSAC_ULP_MH), VT(SPORT, PSAC_MH_TYPE_BU),
	    VT(DPORT, PSAC_MH_TYPE_BA) }, S_OK, 40, 20 },
	{ "ESP delete without key", V_ESP, V_TRANS, V_PSK, V_GCM, 128,
	  V_NONE, 0, { VT(LIFETIME, 0) }, S_OK, 40, 20 },

	/* ESP, refused */
	{ "ESP GCM with an integrity algorithm", V_ESP, V_TRANS, V_PSK,
	  V_GCM, 128, V_SHA256, V_PK(104), {}, S_ALG },
	{ "ESP GCM/192", V_ESP, V_TRANS, V_PSK, V_GCM, 192, V_NONE, V_PK(56),
	  {}, S_ALG },
	{ "ESP ChaCha20-Poly1305/128", V_ESP, V_TRANS, V_PSK, V_CHACHA, 128,
	  V_NONE, V_PK(40), {}, S_ALG },
	{ "ESP AES-CBC without integrity", V_ESP, V_TRANS, V_PSK, V_CBC, 128,
	  V_NONE, V_PK(32), {}, S_ALG },
	{ "ESP AES-CBC with AES-XCBC-96", V_ESP, V_TRANS, V_PSK, V_CBC, 128,
	  V_XCBC, V_PK(64), {}, S_ALG },
	{ "ESP AES-CBC/192", V_ESP, V_TRANS, V_PSK, V_CBC, 192, V_SHA1,
	  V_PK(88), {}, S_ALG },
	{ "ESP 3DES", V_ESP, V_TRANS, V_PSK, V_3DES, 192, V_SHA1, V_PK(88), {},
	  S_ALG },
	{ "ESP NULL encryption", V_ESP, V_TRANS, V_PSK, V_NULL, 0, V_SHA1,
	  V_PK(40), {}, S_ALG },
	{ "AH", PSAC_PROTO_AH, V_TRANS, V_PSK, V_NULL, 0, V_SHA256, V_PK(64),
	  {}, S_REQ },
	{ "ESP in mode 3", V_ESP, V_MNHA, V_PSK, V_GCM, 128, V_NONE, V_PK(40),
	  {}, S_REQ },
	{ "ESP in mode 0", V_ESP, 0, V_PSK, V_GCM, 128, V_NONE, V_PK(40), {},
	  S_REQ },
	{ "UDP in transport mode", V_UDP, V_TRANS, V_PSK, V_GCM, 128, V_NONE,
	  V_PK(40), {}, S_REQ },
	{ "ESP SPI-I2R 255 is reserved", V_ESP, V_TRANS, V_PSK, V_GCM, 128,
	  V_NONE, V_PK(40), { VT(SPI_I2R, 255) }, S_REQ },
	{ "ESP SPI-R2I 0", V_ESP, V_TRANS, V_PSK, V_GCM, 128, V_NONE, V_PK(40),
	  { VT(SPI_R2I, 0) }, S_REQ },
	{ "ESP any protocol with a port", V_ESP, V_TRANS, V_PSK, V_GCM, 128,
	  V_NONE, V_PK(40), { VT(DPORT, 53) }, S_REQ },
	{ "ESP unknown upper-layer protocol", V_ESP, V_TRANS, V_PSK, V_GCM,
	  128, V_NONE, V_PK(40), { VT(ULP, 99) }, S_REQ },
	{ "ESP ICMPv6 type 256", V_ESP, V_TRANS, V_PSK, V_GCM, 128, V_NONE,
	  V_PK(40), { VT(ULP, PSAC_ULP_ICMPV6), VT(SPORT, 256) }, S_REQ },
	{ "ESP MH reply type 256", V_ESP, V_TRANS, V_PSK, V_GCM, 128,
	  V_NONE, V_PK(40), { VT(ULP, PSAC_ULP_MH), VT(DPORT, 256) }, S_REQ },
	{ "unspecified peer", V_ESP, V_TRANS, V_PSK, V_GCM, 128, V_NONE,
	  V_PK(40), { VT(PEER_UNSPEC, 0) }, S_REQ },
	{ "multicast peer", V_ESP, V_TRANS, V_PSK, V_GCM, 128, V_NONE,
	  V_PK(40), { VT(PEER_MCAST, 0) }, S_REQ },
	{ "PSK-protected key one octet short", V_ESP, V_TRANS, V_PSK, V_GCM,
	  128, V_NONE, V_PK(40) - 1, {}, S_KEY },
	{ "X25519 with the PSK overhead", V_ESP, V_TRANS, V_X25519, V_GCM,
	  128, V_NONE, V_PK(40), {}, S_KEY },
	{ "unknown key protection 9", V_ESP, V_TRANS, 9, V_GCM, 128, V_NONE,
	  V_PK(40), {}, S_KEY },
	{ "install without key", V_ESP, V_TRANS, V_PSK, V_GCM, 128, V_NONE,
	  0, {}, S_KEY },
	{ "delete with a malformed key", V_ESP, V_TRANS, V_PSK, V_GCM, 128,
	  V_NONE, 5, { VT(LIFETIME, 0) }, S_KEY },

	/* MN-HA UDP encapsulation (mode 3) */
	{ "MN-HA AES-128-CBC + HMAC-SHA1-96", V_UDP, V_MNHA, V_PSK, V_CBC,
	  128, V_SHA1, V_PK(72), {}, S_OK, 72, 16,
	  PSAC_MNHA_SUITE_AES128_HMAC_SHA1 },
	{ "MN-HA AES-128-CBC + AES-XCBC-96", V_UDP, V_MNHA, V_PSK, V_CBC, 128,
	  V_XCBC, V_PK(64), {}, S_OK, 64, 16, PSAC_MNHA_SUITE_AES128_AES_XCBC },
	{ "MN-HA NULL + HMAC-SHA1-96", V_UDP, V_MNHA, V_PSK, V_NULL, 0,
	  V_SHA1, V_PK(40), {}, S_OK, 40, 0, PSAC_MNHA_SUITE_NULL_HMAC_SHA1 },
	{ "MN-HA NULL + AES-XCBC-96", V_UDP, V_MNHA, V_PSK, V_NULL, 0,
	  V_XCBC, V_PK(32), {}, S_OK, 32, 0, PSAC_MNHA_SUITE_NULL_AES_XCBC },
	{ "MN-HA 3DES without key length", V_UDP, V_MNHA, V_PSK, V_3DES, 0,
	  V_SHA1, V_PK(88), {}, S_OK, 88, 24, PSAC_MNHA_SUITE_3DES_HMAC_SHA1 },
	{ "MN-HA 3DES/192", V_UDP, V_MNHA, V_X25519, V_3DES, 192, V_SHA1,
	  V_XK(88), {}, S_OK, 88, 24, PSAC_MNHA_SUITE_3DES_HMAC_SHA1 },
	{ "MN-HA AES-128-GCM", V_UDP, V_MNHA, V_PSK, V_GCM, 128, V_NONE,
	  V_PK(40), {}, S_OK, 40, 20, PSAC_MNHA_SUITE_AES128_GCM },
	{ "MN-HA AES-256-GCM", V_UDP, V_MNHA, V_PSK, V_GCM, 256, V_NONE,
	  V_PK(72), {}, S_OK, 72, 36, PSAC_MNHA_SUITE_AES256_GCM },
	{ "MN-HA SPIs differ", V_UDP, V_MNHA, V_PSK, V_GCM, 128, V_NONE,
	  V_PK(40), { VT(SPI_R2I, 0x124) }, S_REQ },
	{ "MN-HA SPI wider than 28 bits", V_UDP, V_MNHA, V_PSK, V_GCM, 128,
	  V_NONE, V_PK(40),
	  { VT(SPI_I2R, 0x10000000), VT(SPI_R2I, 0x10000000) }, S_REQ },
	{ "MN-HA SPI 0", V_UDP, V_MNHA, V_PSK, V_GCM, 128, V_NONE, V_PK(40),
	  { VT(SPI_I2R, 0), VT(SPI_R2I, 0) }, S_REQ },
	{ "MN-HA with an upper-layer selector", V_UDP, V_MNHA, V_PSK, V_GCM,
	  128, V_NONE, V_PK(40), { VT(ULP, PSAC_ULP_UDP) }, S_REQ },
	{ "MN-HA without UDP port", V_UDP, V_MNHA, V_PSK, V_GCM, 128, V_NONE,
	  V_PK(40), { VT(SPORT, 0) }, S_REQ },
	{ "MN-HA AES-256-CBC", V_UDP, V_MNHA, V_PSK, V_CBC, 256, V_SHA1,
	  V_PK(104), {}, S_ALG },
	{ "MN-HA ChaCha20-Poly1305", V_UDP, V_MNHA, V_PSK, V_CHACHA, 256,
	  V_NONE, V_PK(72), {}, S_ALG },
};

static void psac_val_case_sa(const struct psac_val_case *c,
			     struct psac_dhcp6_sa *sa)
{
	unsigned int i;

	memset(sa, 0, sizeof(*sa));
	memcpy(sa->peer_addr, psac_t_peer, sizeof(sa->peer_addr));
	sa->protocol = c->protocol;
	sa->mode = c->mode;
	sa->key_prot_alg = c->key_prot;
	sa->encr_alg = c->encr;
	sa->encr_key_bits = c->bits;
	sa->integ_alg = c->integ;
	sa->pkey_len = c->pkey_len;
	sa->lifetime = 3600;
	if (c->mode == V_MNHA) {
		sa->spi_i2r = 0x123;
		sa->spi_r2i = 0x123;
		sa->sport_or_type = PSAC_MNHA_UDP_PORT;
	} else {
		sa->spi_i2r = 0x1000;
		sa->spi_r2i = 0x1001;
	}
	for (i = 0; i < ARRAY_SIZE(c->tw); i++) {
		switch (c->tw[i].field) {
		case PSAC_VT_SPI_I2R:
			sa->spi_i2r = c->tw[i].val;
			break;
		case PSAC_VT_SPI_R2I:
			sa->spi_r2i = c->tw[i].val;
			break;
		case PSAC_VT_LIFETIME:
			sa->lifetime = c->tw[i].val;
			break;
		case PSAC_VT_ULP:
			sa->ulp = (u8)c->tw[i].val;
			break;
		case PSAC_VT_SPORT:
			sa->sport_or_type = (u16)c->tw[i].val;
			break;
		case PSAC_VT_DPORT:
			sa->dport_or_code = (u16)c->tw[i].val;
			break;
		case PSAC_VT_PEER_UNSPEC:
			memset(sa->peer_addr, 0, sizeof(sa->peer_addr));
			break;
		case PSAC_VT_PEER_MCAST:
			sa->peer_addr[0] = 0xff;
			sa->peer_addr[1] = 0x02;
			break;
		default:
			break;
		}
	}
}

static int psac_val_case_run(const struct psac_val_case *c, char *msg)
{
	struct psac_dhcp6_sa sa;
	struct psac_sa_alg alg;
	int st;

	psac_val_case_sa(c, &sa);
	memset(&alg, 0x5a, sizeof(alg));
	st = psac_dhcp6_sa_validate(&sa, &alg);
	if (st != c->status)
		return psac_t_fail(msg, "status %d, want %d", st, c->status);
	if (st)
		return 0;
	if (alg.keymat_len != c->keymat || alg.ekey_len != c->ekey ||
	    alg.keymat_len != 2U * (alg.ekey_len + alg.ikey_len) ||
	    alg.keymat_len > PSAC_KEYMAT_MAX)
		return psac_t_fail(msg, "keymat %u ekey %u ikey %u",
				   alg.keymat_len, alg.ekey_len, alg.ikey_len);
	if ((alg.mnha ? alg.mnha->id : 0) != c->suite)
		return psac_t_fail(msg, "suite %#x, want %#x",
				   alg.mnha ? alg.mnha->id : 0, c->suite);
	if (c->protocol == V_ESP &&
	    !(alg.aead_name && !alg.enc_name && !alg.auth_name &&
	      !alg.ikey_len) &&
	    !(!alg.aead_name && alg.enc_name && alg.auth_name &&
	      alg.ikey_len))
		return psac_t_fail(msg, "inconsistent algorithm names");
	if (!alg.icv_bits || alg.icv_bits % 8)
		return psac_t_fail(msg, "ICV %u bits", alg.icv_bits);
	return 0;
}

/* ---- single tests -------------------------------------------------------- */

/* OPTION_SA fixed part and AAD against literal wire images. */
static int psac_dhcp6_kat_run(char *msg)
{
	static const u8 fixed[PSAC_SA_FIXED_LEN] = {
		0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,	/* peer */
		0x32, 0x02, 0x02, 0x00,		/* ESP tunnel PSK rsvd */
		0x00, 0x0c, 0x01, 0x00,		/* AES-CBC 256 */
		0x00, 0x0c, 0x87, 0x00,		/* SHA2-256-128 MH rsvd */
		0x00, 0x00, 0x12, 0x34,		/* SPI-I2R */
		0xfe, 0xdc, 0xba, 0x98,		/* SPI-R2I */
		0xff, 0xff, 0xff, 0xff,		/* lifetime */
		0x00, 0x05, 0x00, 0x00,		/* MH type BU */
		0x00, 0x9c,			/* 156 = V_PK(128) */
	};
	static const u8 aad_tail[PSAC_DHCP6_XID_LEN] = { 0xab, 0xcd, 0xef };
	u8 buf[PSAC_DHCP6_OPT_HDR_LEN + PSAC_SA_FIXED_LEN];
	u8 aad[PSAC_SA_AAD_LEN + 1];
	struct psac_dhcp6_sa sa;
	struct psac_sa_alg alg;
	int ret;

	memset(&sa, 0, sizeof(sa));
	memcpy(sa.peer_addr, psac_t_peer, sizeof(sa.peer_addr));
	sa.protocol = PSAC_PROTO_ESP;
	sa.mode = PSAC_MODE_TUNNEL;
	sa.key_prot_alg = PSAC_KEYPROT_PSK;
	sa.encr_alg = PSAC_ENCR_AES_CBC;
	sa.encr_key_bits = 256;
	sa.integ_alg = PSAC_INTEG_HMAC_SHA2_256_128;
	sa.ulp = PSAC_ULP_MH;
	sa.spi_i2r = 0x1234;
	sa.spi_r2i = 0xfedcba98;
	sa.lifetime = PSAC_LIFETIME_INFINITE;
	sa.sport_or_type = PSAC_MH_TYPE_BU;
	sa.pkey_len = V_PK(128);
	if (psac_dhcp6_sa_validate(&sa, &alg) != PSAC_STATUS_SUCCESS ||
	    alg.keymat_len != 128)
		return psac_t_fail(msg, "KAT SA not valid");

	ret = psac_dhcp6_put_sa(buf, sizeof(buf) + sa.pkey_len, PSAC_OPT_SA,
				&sa);
	if (ret != (int)sizeof(buf))
		return psac_t_fail(msg, "put_sa = %d", ret);
	if (psac_get_be16(buf) != PSAC_OPT_SA ||
	    psac_get_be16(buf + 2) != PSAC_SA_FIXED_LEN + sa.pkey_len)
		return psac_t_fail(msg, "OPTION_SA header wrong");
	if (memcmp(buf + PSAC_DHCP6_OPT_HDR_LEN, fixed, sizeof(fixed)))
		return psac_t_fail(msg, "OPTION_SA fixed part wrong");
	if (psac_dhcp6_put_sa(buf, sizeof(buf) + sa.pkey_len - 1,
			      PSAC_OPT_SA, &sa) != -EMSGSIZE)
		return psac_t_fail(msg, "put_sa ignores room");

	memset(aad, 0x77, sizeof(aad));
	psac_sa_build_aad(aad, fixed, 0xabcdef);
	if (memcmp(aad, fixed, PSAC_SA_AAD_FIXED_LEN) ||
	    memcmp(aad + PSAC_SA_AAD_FIXED_LEN, aad_tail, sizeof(aad_tail)) ||
	    aad[PSAC_SA_AAD_LEN] != 0x77)
		return psac_t_fail(msg, "AAD wrong");
	return 0;
}

/* Build a whole SACONFIGURATION with the builders and parse it back. */
static int psac_dhcp6_roundtrip_run(struct psac_dhcp6_t_scratch *s,
				    char *msg)
{
	static const u8 duid[] = { 0, 3, 0, 1, 2, 0, 0x5e, 0, 0x53, 1 };
	static const u8 realm[] = { 'r', 'e', 'a', 'l', 'm' };
	u8 *b = s->buf, aad1[PSAC_SA_AAD_LEN], aad2[PSAC_SA_AAD_LEN];
	struct psac_dhcp6_cfg cfg;
	struct psac_dhcp6_sa sa[2];
	size_t off, list, room = sizeof(s->buf);
	unsigned int i;
	int ret;

	psac_dhcp6_cfg_default(&cfg);
	psac_dhcp6_put_hdr(b, cfg.msg_saconfig, 0x010203);
	off = PSAC_DHCP6_HDR_LEN;
	psac_dhcp6_put_opt_hdr(b + off, PSAC_DHCP6_OPT_SERVERID, sizeof(duid));
	memcpy(b + off + 4, duid, sizeof(duid));
	off += 4 + sizeof(duid);
	list = off;
	off += 4;
	for (i = 0; i < 2; i++) {
		psac_t_sa_template(&sa[i], 0x4000 + 16 * i, 600 * (i + 1),
				   V_PK(40));
		ret = psac_dhcp6_put_sa(b + off, room - off, cfg.opt_sa, &sa[i]);
		if (ret != PSAC_DHCP6_OPT_HDR_LEN + PSAC_SA_FIXED_LEN)
			return psac_t_fail(msg, "put_sa = %d", ret);
		memset(b + off + ret, 0x30 + i, sa[i].pkey_len);
		off += (size_t)ret + sa[i].pkey_len;
	}
	psac_dhcp6_put_opt_hdr(b + list, cfg.opt_sa_list,
			       (u16)(off - list - 4));
	ret = psac_dhcp6_put_status(b + off, room - off, 0, realm,
				    sizeof(realm));
	if (ret != 4 + 2 + (int)sizeof(realm))
		return psac_t_fail(msg, "put_status = %d", ret);
	off += (size_t)ret;
	ret = psac_dhcp6_put_auth(b + off, room - off, 0x1122334455667788ULL,
				  realm, sizeof(realm), 0xcafe);
	if (ret != 4 + PSAC_AUTH_MIN_LEN + (int)sizeof(realm))
		return psac_t_fail(msg, "put_auth = %d", ret);
	off += (size_t)ret;
	if (psac_dhcp6_put_auth(b, PSAC_AUTH_MIN_LEN + 3, 0, NULL, 0, 0) !=
	    -EMSGSIZE ||
	    psac_dhcp6_put_status(b + off, 5, 0, NULL, 0) != -EMSGSIZE)
		return psac_t_fail(msg, "builders ignore room");

	ret = psac_dhcp6_parse(&cfg, b, off, &s->m);
	if (ret)
		return psac_t_fail(msg, "parse: %s", psac_dhcp6_strerror(ret));
	if (s->m.xid != 0x010203 || s->m.n_sa != 2 || !s->m.has_status ||
	    s->m.auth.key_id != 0xcafe || s->m.auth.realm_len != 5 ||
	    s->m.auth.replay != 0x1122334455667788ULL ||
	    s->m.auth.hmac_off != off - PSAC_AUTH_HMAC_LEN ||
	    memcmp(s->m.serverid, duid, sizeof(duid)))
		return psac_t_fail(msg, "message fields differ");
	for (i = 0; i < PSAC_AUTH_HMAC_LEN; i++)
		if (s->m.auth.hmac[i])
			return psac_t_fail(msg, "HMAC not zeroed");

	for (i = 0; i < 2; i++) {
		const struct psac_dhcp6_sa *p = &s->m.sa[i];

		if (!p->in_list || p->spi_i2r != sa[i].spi_i2r ||
		    p->spi_r2i != sa[i].spi_r2i ||
		    p->lifetime != sa[i].lifetime ||
		    p->pkey_len != sa[i].pkey_len || p->pkey[0] != 0x30 + i ||
		    memcmp(p->peer_addr, sa[i].peer_addr, 16))
			return psac_t_fail(msg, "SA %u differs", i);
		/* receiver's AAD from the wire == sender's from its fields */
		psac_dhcp6_put_sa_fixed(s->buf2, &sa[i]);
		psac_sa_build_aad(aad1, s->buf2, 0x010203);
		psac_sa_build_aad(aad2, p->fixed, s->m.xid);
		if (memcmp(aad1, aad2, sizeof(aad1)))
			return psac_t_fail(msg, "SA %u: AAD differs", i);
	}

	/* verification copy: zero the received HMAC at hmac_off */
	memcpy(s->buf2, b, off);
	memset(s->buf2 + off - PSAC_AUTH_HMAC_LEN, 0xcc, PSAC_AUTH_HMAC_LEN);
	ret = psac_dhcp6_parse(&cfg, s->buf2, off, &s->m2);
	if (ret || s->m2.auth.hmac_off != s->m.auth.hmac_off)
		return psac_t_fail(msg, "second parse failed");
	memset(s->buf2 + s->m2.auth.hmac_off, 0, PSAC_AUTH_HMAC_LEN);
	if (memcmp(s->buf2, b, off))
		return psac_t_fail(msg, "zeroing at hmac_off is not enough");
	return 0;
}

/* Every proper prefix of a valid message fails cleanly; no overreads. */
static int psac_dhcp6_prefix_run(struct psac_dhcp6_t_scratch *s, char *msg)
{
	static const struct psac_te prog[] = {
		TE_SAC(0x42), PSAC_T_SRV, TE_CLIENTID(4), TE_LIST,
		TE_SA(68, 3600, 0x1000), TE_SA(68, 3600, 0x2000), TE_END,
		TE_AUTH(4, 9, 9),
	};
	struct psac_dhcp6_cfg cfg;
	size_t hmac_off, l;
	int len, ret;
	u8 *p;

	psac_dhcp6_cfg_default(&cfg);
	len = psac_te_build(prog, ARRAY_SIZE(prog), s->buf, sizeof(s->buf),
			    &hmac_off);
	if (len <= 0)
		return psac_t_fail(msg, "broken test program");
	for (l = 0; l <= (size_t)len; l++) {
		p = psac_t_dup(s->buf, l);
		if (!p)
			return psac_t_fail(msg, "out of memory");
		ret = psac_dhcp6_parse(&cfg, p, l, &s->m);
		psac_t_free(p);
		if ((l == (size_t)len) != (ret == 0))
			return psac_t_fail(msg, "prefix %zu: %d", l, ret);
	}
	return 0;
}

/* Every octet of a valid message set to every value: no crash. */
static int psac_dhcp6_mutate_run(struct psac_dhcp6_t_scratch *s, char *msg)
{
	static const struct psac_te prog[] = {
		TE_SAC(0x42), PSAC_T_SRV, TE_STATUS(0, 2), TE_LIST,
		TE_SA(4, 3600, 0x1000), TE_END, TE_SA(0, 0, 0x2000),
		TE_AUTH(2, 9, 9),
	};
	struct psac_dhcp6_cfg cfg;
	unsigned int v, n_ok = 0;
	size_t hmac_off, i;
	int len;
	u8 *p;

	psac_dhcp6_cfg_default(&cfg);
	len = psac_te_build(prog, ARRAY_SIZE(prog), s->buf, sizeof(s->buf),
			    &hmac_off);
	if (len <= 0)
		return psac_t_fail(msg, "broken test program");
	p = psac_t_dup(s->buf, (size_t)len);
	if (!p)
		return psac_t_fail(msg, "out of memory");
	for (i = 0; i < (size_t)len; i++) {
		for (v = 0; v < 256; v++) {
			p[i] = (u8)v;
			if (psac_dhcp6_parse(&cfg, p, (size_t)len, &s->m) == 0)
				n_ok++;
			if (s->m.n_sa > PSAC_DHCP6_MAX_SA) {
				psac_t_free(p);
				return psac_t_fail(msg, "n_sa overflow");
			}
		}
		p[i] = s->buf[i];
	}
	psac_t_free(p);
	/* the original value of each octet parses, at least */
	if (n_ok < (unsigned int)len)
		return psac_t_fail(msg, "only %u variants parsed", n_ok);
	return 0;
}

/* Configuration defaults and error strings. */
static int psac_dhcp6_misc_run(char *msg)
{
	struct psac_dhcp6_cfg cfg;
	const char *a, *b;
	int i, j;

	psac_dhcp6_cfg_default(&cfg);
	if (cfg.msg_saconfig != PSAC_DHCP6_MSG_SACONFIG ||
	    cfg.msg_saconfig_reply != PSAC_DHCP6_MSG_SACONFIG_REPLY ||
	    cfg.opt_sa != PSAC_OPT_SA || cfg.opt_sa_list != PSAC_OPT_SA_LIST ||
	    psac_dhcp6_cfg_check(&cfg))
		return psac_t_fail(msg, "default configuration wrong");
	cfg.opt_sa = PSAC_DHCP6_OPT_AUTH;
	if (psac_dhcp6_cfg_check(&cfg) != -PSAC_DHCP6_E_CFG)
		return psac_t_fail(msg, "OPTION_SA = OPTION_AUTH accepted");
	psac_dhcp6_cfg_default(&cfg);
	cfg.msg_saconfig_reply = cfg.msg_saconfig;
	if (psac_dhcp6_cfg_check(&cfg) != -PSAC_DHCP6_E_CFG)
		return psac_t_fail(msg, "equal message types accepted");
	psac_dhcp6_cfg_default(&cfg);
	cfg.msg_saconfig = PSAC_DHCP6_MSG_REPLY;
	if (psac_dhcp6_cfg_check(&cfg) != -PSAC_DHCP6_E_CFG)
		return psac_t_fail(msg, "SACONFIGURATION = Reply (7) accepted");
	psac_dhcp6_cfg_default(&cfg);
	cfg.msg_saconfig_reply = PSAC_DHCP6_MSG_LAST_ASSIGNED;
	if (psac_dhcp6_cfg_check(&cfg) != -PSAC_DHCP6_E_CFG)
		return psac_t_fail(msg, "an assigned reply type accepted");
	cfg.msg_saconfig_reply = PSAC_DHCP6_MSG_LAST_ASSIGNED + 1;
	if (psac_dhcp6_cfg_check(&cfg))
		return psac_t_fail(msg, "first unassigned type refused");

	for (i = PSAC_DHCP6_E_BASE; i < PSAC_DHCP6_E_MAX; i++) {
		a = psac_dhcp6_strerror(-i);
		if (!a || !strcmp(a, "unknown error") ||
		    a != psac_dhcp6_strerror(i))
			return psac_t_fail(msg, "no string for %d", i);
		for (j = PSAC_DHCP6_E_BASE; j < i; j++) {
			b = psac_dhcp6_strerror(-j);
			if (!strcmp(a, b))
				return psac_t_fail(msg, "%d and %d share", i,
						   j);
		}
	}
	for (i = 0; psac_dhcp6_status_at(i); i++)
		if (psac_dhcp6_status_name(psac_dhcp6_status_at(i)->code) !=
		    psac_dhcp6_status_at(i)->name)
			return psac_t_fail(msg, "status %d not found again", i);
	if (i < 13 || psac_dhcp6_status_name(7) ||
	    strcmp(psac_dhcp6_status_name(PSAC_STATUS_AUTH_FAILED),
		   "AuthFailed"))
		return psac_t_fail(msg, "status names");
	if (strcmp(psac_dhcp6_strerror(0), "success") ||
	    strcmp(psac_dhcp6_strerror(-PSAC_DHCP6_E_MAX), "unknown error") ||
	    strcmp(psac_dhcp6_strerror(-EINVAL), "unknown error"))
		return psac_t_fail(msg, "strerror edge cases");
	return 0;
}

/* ---- the transform table (sa_alg.c) ---------------------------------- */

struct psac_alg_kat {
	u16 encr, bits, integ;
	int ret;
	u8 ekey_len, ikey_len;
	u16 icv_bits;
	bool target;
};

/* Key sizes from RFC 4106, 7634, 3602, 2451, 2404, 3566 and 4868. */
static const struct psac_alg_kat psac_alg_kats[] = {
	{ PSAC_ENCR_AES_GCM_16, 128, PSAC_INTEG_NONE, 0, 20, 0, 128, true },
	{ PSAC_ENCR_AES_GCM_16, 192, PSAC_INTEG_NONE, 0, 28, 0, 128, false },
	{ PSAC_ENCR_AES_GCM_16, 256, PSAC_INTEG_NONE, 0, 36, 0, 128, true },
	{ PSAC_ENCR_AES_GCM_16, 0, PSAC_INTEG_NONE, -EINVAL },
	{ PSAC_ENCR_AES_GCM_16, 128, PSAC_INTEG_HMAC_SHA1_96, -EINVAL },
	{ PSAC_ENCR_CHACHA20_POLY1305, 0, PSAC_INTEG_NONE, 0, 36, 0, 128,
	  true },
	{ PSAC_ENCR_CHACHA20_POLY1305, 256, PSAC_INTEG_NONE, 0, 36, 0, 128,
	  true },
	{ PSAC_ENCR_CHACHA20_POLY1305, 128, PSAC_INTEG_NONE, -EINVAL },
	{ PSAC_ENCR_AES_CBC, 128, PSAC_INTEG_HMAC_SHA2_256_128, 0, 16, 32, 128,
	  true },
	{ PSAC_ENCR_AES_CBC, 256, PSAC_INTEG_HMAC_SHA1_96, 0, 32, 20, 96,
	  true },
	{ PSAC_ENCR_AES_CBC, 192, PSAC_INTEG_HMAC_SHA1_96, 0, 24, 20, 96,
	  false },
	{ PSAC_ENCR_AES_CBC, 128, PSAC_INTEG_AES_XCBC_96, 0, 16, 16, 96,
	  false },
	{ PSAC_ENCR_AES_CBC, 128, PSAC_INTEG_NONE, -EINVAL },
	{ PSAC_ENCR_3DES, 0, PSAC_INTEG_HMAC_SHA1_96, 0, 24, 20, 96, false },
	{ PSAC_ENCR_3DES, 192, PSAC_INTEG_HMAC_SHA1_96, 0, 24, 20, 96, false },
	{ PSAC_ENCR_3DES, 128, PSAC_INTEG_HMAC_SHA1_96, -EINVAL },
	{ PSAC_ENCR_NULL, 0, PSAC_INTEG_HMAC_SHA2_256_128, 0, 0, 32, 128,
	  false },
	{ PSAC_ENCR_NULL, 0, PSAC_INTEG_NONE, -EINVAL },
	{ 99, 128, PSAC_INTEG_NONE, -EINVAL },
	{ PSAC_ENCR_AES_CBC, 128, 99, -EINVAL },
};

/* The named values of the SA's other fields: each table found again. */
static int psac_sa_codes_run(char *msg)
{
	static const struct {
		enum psac_sa_field field;
		u8 code;
		const char *name;
		unsigned int n;
	} kats[] = {
		{ PSAC_SA_FIELD_PROTO, PSAC_PROTO_ESP, "esp", 3 },
		{ PSAC_SA_FIELD_MODE, PSAC_MODE_TUNNEL, "tunnel", 3 },
		{ PSAC_SA_FIELD_ULP, PSAC_ULP_MH, "mh", 5 },
		{ PSAC_SA_FIELD_KEYPROT, PSAC_KEYPROT_RSA_OAEP, "rsa-oaep", 3 },
	};
	const struct psac_sa_code *c;
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(kats); i++) {
		c = psac_sa_code_get(kats[i].field, kats[i].code);
		if (!c || strcmp(c->name, kats[i].name) || !c->desc)
			return psac_t_fail(msg, "field %u: %u is not %s", i,
					   kats[i].code, kats[i].name);
		for (j = 0; (c = psac_sa_code_at(kats[i].field, j)); j++)
			if (psac_sa_code_get(kats[i].field, c->code) != c)
				return psac_t_fail(msg, "field %u: %s not found again",
						   i, c->name);
		if (j != kats[i].n)
			return psac_t_fail(msg, "field %u: %u values, want %u",
					   i, j, kats[i].n);
	}
	if (psac_sa_code_get(PSAC_SA_FIELD_MODE, 0) ||
	    psac_sa_code_get(PSAC_SA_FIELD_KEYPROT, 0) ||
	    psac_sa_code_at(PSAC_SA_FIELD_KEYPROT + 1, 0))
		return psac_t_fail(msg, "a value psac does not name is found");
	return 0;
}

static int psac_sa_alg_run(char *msg)
{
	const struct psac_encr *e;
	const struct psac_integ *a;
	struct psac_sa_alg alg;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(psac_alg_kats); i++) {
		const struct psac_alg_kat *k = &psac_alg_kats[i];

		memset(&alg, 0xa5, sizeof(alg));
		ret = psac_sa_alg_get(k->encr, k->bits, k->integ, &alg);
		if (ret != k->ret)
			return psac_t_fail(msg, "row %u: %d, want %d", i, ret,
					   k->ret);
		if (ret)
			continue;
		e = psac_encr_get(k->encr);
		if (psac_encr_key_len(e, k->bits) != k->ekey_len)
			return psac_t_fail(msg, "row %u: key length %d", i,
					   psac_encr_key_len(e, k->bits));
		if (alg.ekey_len != k->ekey_len ||
		    alg.ikey_len != k->ikey_len ||
		    alg.icv_bits != k->icv_bits || alg.target != k->target ||
		    alg.keymat_len != 2U * (k->ekey_len + k->ikey_len) ||
		    alg.mnha || !!alg.aead_name == !!alg.enc_name)
			return psac_t_fail(msg, "row %u: ekey %u ikey %u icv %u target %d",
					   i, alg.ekey_len, alg.ikey_len,
					   alg.icv_bits, alg.target);
	}
	for (i = 0; (e = psac_encr_at(i)); i++)
		if (psac_encr_get(e->id) != e ||
		    psac_encr_by_name(e->name) != e || !e->desc ||
		    !e->xfrm_name)
			return psac_t_fail(msg, "cipher %u not found again", i);
	for (i = 0; (a = psac_integ_at(i)); i++)
		if (psac_integ_get(a->id) != a ||
		    psac_integ_by_name(a->name) != a || !a->desc ||
		    !a->xfrm_name != (a->id == PSAC_INTEG_NONE))
			return psac_t_fail(msg, "integrity %u not found again",
					   i);
	if (psac_encr_key_len(psac_encr_get(PSAC_ENCR_AES_GCM_16), 0) != -EINVAL ||
	    psac_encr_key_len(psac_encr_get(PSAC_ENCR_AES_CBC), 100) != -EINVAL ||
	    psac_encr_key_len(psac_encr_get(PSAC_ENCR_NULL), 0) != 0)
		return psac_t_fail(msg, "key lengths outside the table");
	if (psac_encr_by_name("aes") || psac_integ_by_name("sha1"))
		return psac_t_fail(msg, "a name that is no transform's found");
	return psac_sa_codes_run(msg);
}

#undef T_ERR

#endif /* _PSAC_DHCP6_CASES_H */
