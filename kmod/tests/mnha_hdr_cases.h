/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * MN-HA UDP encapsulation header/trailer/suite cases, shared by
 * mnha_hdr_kunit.c and the user-space runner.
 */
#ifndef _PSAC_MNHA_HDR_CASES_H
#define _PSAC_MNHA_HDR_CASES_H

#include "psac_test.h"
#include "mnha_hdr.h"

/* ---- header parse ------------------------------------------------------ */

struct psac_mh_parse_case {
	const char *name;
	u8 buf[PSAC_MNHA_HDR_LEN];
	u8 len;
	int ret;
	u8 ptype;
	u32 spi;
	u32 seq;
};

static const struct psac_mh_parse_case psac_mh_parse_cases[] = {
	{ "PType 1, SPI 0x123, seq 1",
	  { 0x10, 0x00, 0x01, 0x23, 0x00, 0x00, 0x00, 0x01 }, 8,
	  0, PSAC_MNHA_PTYPE_IP, 0x123, 1 },
	{ "PType 8, largest SPI and seq",
	  { 0x8f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 8,
	  0, PSAC_MNHA_PTYPE_MH, 0x0fffffff, 0xffffffffU },
	{ "PType 0, plain packet",
	  { 0 }, 8, 0, PSAC_MNHA_PTYPE_PLAIN, 0, 0 },
	{ "PType 0 with an SPI",
	  { 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00 }, 8,
	  -EINVAL, 0, 1, 0 },
	{ "PType 0 with a sequence number",
	  { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07 }, 8,
	  -EINVAL, 0, 0, 7 },
	{ "PType 1 with SPI 0",
	  { 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 }, 8,
	  -EINVAL, 1, 0, 1 },
	{ "PType 8 with sequence 0",
	  { 0x80, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00 }, 8,
	  -EINVAL, 8, 5, 0 },
	{ "PType 2 is unknown",
	  { 0x20, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01 }, 8,
	  -EPROTONOSUPPORT, 2, 5, 1 },
	{ "PType 15 is unknown",
	  { 0xf0, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01 }, 8,
	  -EPROTONOSUPPORT, 15, 5, 1 },
	{ "7 octets are too short",
	  { 0x10, 0x00, 0x01, 0x23, 0x00, 0x00, 0x00 }, 7, -EBADMSG },
	{ "empty datagram",
	  { 0 }, 0, -EBADMSG },
};

static int psac_mh_parse_case_run(const struct psac_mh_parse_case *c,
				  char *msg)
{
	struct psac_mnha_hdr_info h = { 0 };
	int ret;

	ret = psac_mnha_hdr_parse(c->buf, c->len, &h);
	if (ret != c->ret)
		return psac_t_fail(msg, "parse = %d, want %d", ret, c->ret);
	if (c->len < PSAC_MNHA_HDR_LEN)
		return 0;
	if (h.ptype != c->ptype || h.spi != c->spi || h.seq != c->seq)
		return psac_t_fail(msg, "got ptype %u spi %#x seq %u",
				   h.ptype, h.spi, h.seq);
	return 0;
}

/* ---- header build ------------------------------------------------------ */

struct psac_mh_build_case {
	const char *name;
	u8 ptype;
	u32 spi;
	u32 seq;
	int ret;
	u8 buf[PSAC_MNHA_HDR_LEN];
};

static const struct psac_mh_build_case psac_mh_build_cases[] = {
	{ "build PType 1", PSAC_MNHA_PTYPE_IP, 0x123, 1, 0,
	  { 0x10, 0x00, 0x01, 0x23, 0x00, 0x00, 0x00, 0x01 } },
	{ "build PType 8, largest values", PSAC_MNHA_PTYPE_MH, 0x0fffffff,
	  0xffffffffU, 0,
	  { 0x8f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } },
	{ "build PType 0", PSAC_MNHA_PTYPE_PLAIN, 0, 0, 0, { 0 } },
	{ "build with a 29-bit SPI", PSAC_MNHA_PTYPE_IP, 0x10000000, 1,
	  -EINVAL },
	{ "build PType 16", 16, 1, 1, -EINVAL },
};

static int psac_mh_build_case_run(const struct psac_mh_build_case *c,
				  char *msg)
{
	u8 buf[PSAC_MNHA_HDR_LEN];
	struct psac_mnha_hdr_info h;
	int ret;

	memset(buf, 0xee, sizeof(buf));
	ret = psac_mnha_hdr_build(buf, c->ptype, c->spi, c->seq);
	if (ret != c->ret)
		return psac_t_fail(msg, "build = %d, want %d", ret, c->ret);
	if (ret)
		return 0;
	if (memcmp(buf, c->buf, sizeof(buf)))
		return psac_t_fail(msg, "wrong header octets");
	ret = psac_mnha_hdr_parse(buf, sizeof(buf), &h);
	if (ret || h.ptype != c->ptype || h.spi != c->spi || h.seq != c->seq)
		return psac_t_fail(msg, "round trip failed (%d)", ret);
	return 0;
}

/* ---- trailer ----------------------------------------------------------- */

struct psac_mh_trailer_case {
	const char *name;
	u8 buf[24];
	u8 len;
	u8 ptype;
	int ret;
	u8 next_hdr;
};

static const struct psac_mh_trailer_case psac_mh_trailer_cases[] = {
	{ "no padding, IPv6", { 0xaa, 0xbb, 0, 41 }, 4,
	  PSAC_MNHA_PTYPE_IP, 2, 41 },
	{ "3 octets of padding, IPv4", { 0xaa, 1, 2, 3, 3, 4 }, 6,
	  PSAC_MNHA_PTYPE_IP, 5, 4 },
	{ "Mobility Header in PType 8", { 0xaa, 0xbb, 1, 2, 2, 135 }, 6,
	  PSAC_MNHA_PTYPE_MH, 4, 135 },
	{ "15 octets of padding",
	  { 0xaa, 0xbb, 0xcc, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
	    14, 15, 15, 41 }, 20, PSAC_MNHA_PTYPE_IP, 17, 41 },
	{ "padding only, empty payload", { 1, 2, 2, 41 }, 4,
	  PSAC_MNHA_PTYPE_IP, 4, 41 },
	{ "MH next header in PType 1", { 0xaa, 0, 135 }, 3,
	  PSAC_MNHA_PTYPE_IP, -EPROTO },
	{ "IPv6 next header in PType 8", { 0xaa, 0, 41 }, 3,
	  PSAC_MNHA_PTYPE_MH, -EPROTO },
	{ "UDP next header in PType 1", { 0xaa, 0, 17 }, 3,
	  PSAC_MNHA_PTYPE_IP, -EPROTO },
	{ "PType 0 has no trailer", { 0xaa, 0, 41 }, 3,
	  PSAC_MNHA_PTYPE_PLAIN, -EPROTO },
	{ "padding 1, 2, 4", { 0xaa, 1, 2, 4, 3, 41 }, 6,
	  PSAC_MNHA_PTYPE_IP, -EBADMSG },
	{ "zero padding", { 0xaa, 0, 0, 2, 41 }, 5,
	  PSAC_MNHA_PTYPE_IP, -EBADMSG },
	{ "pad length beyond the data", { 1, 2, 3, 5, 41 }, 5,
	  PSAC_MNHA_PTYPE_IP, -EBADMSG },
	{ "single octet", { 41 }, 1, PSAC_MNHA_PTYPE_IP, -EBADMSG },
	{ "empty plaintext", { 0 }, 0, PSAC_MNHA_PTYPE_IP, -EBADMSG },
};

static int psac_mh_trailer_case_run(const struct psac_mh_trailer_case *c,
				    char *msg)
{
	u8 nh = 0xff;
	int ret;

	ret = psac_mnha_trailer_check(c->buf, c->len, c->ptype, &nh);
	if (ret != c->ret)
		return psac_t_fail(msg, "check = %d, want %d", ret, c->ret);
	if (ret > 0 && nh != c->next_hdr)
		return psac_t_fail(msg, "next header %u, want %u", nh,
				   c->next_hdr);
	return 0;
}

/* ---- suites and sizes --------------------------------------------------- */

struct psac_mh_suite_case {
	const char *name;
	u16 id;
	bool known;
	u16 encr_alg;
	u16 encr_key_bits;
	u16 integ_alg;
	u8 iv_len;
	u8 icv_len;
	u8 block_len;
	unsigned int keymat_len;
	unsigned int payload_len;
	unsigned int pad_len;
	unsigned int encap_len;
	const char *cname;	/* the suite's name in the table */
};

static const struct psac_mh_suite_case psac_mh_suite_cases[] = {
	{ "NULL + HMAC-SHA1-96", PSAC_MNHA_SUITE_NULL_HMAC_SHA1, true,
	  PSAC_ENCR_NULL, 0, PSAC_INTEG_HMAC_SHA1_96,
	  0, 12, 4, 40, 100, 2, 124,
	  "null-hmac-sha1" },
	{ "NULL + AES-XCBC-96", PSAC_MNHA_SUITE_NULL_AES_XCBC, true,
	  PSAC_ENCR_NULL, 0, PSAC_INTEG_AES_XCBC_96,
	  0, 12, 4, 32, 1, 1, 24,
	  "null-aes-xcbc" },
	{ "3DES-CBC + HMAC-SHA1-96", PSAC_MNHA_SUITE_3DES_HMAC_SHA1, true,
	  PSAC_ENCR_3DES, 192, PSAC_INTEG_HMAC_SHA1_96,
	  8, 12, 8, 88, 1280, 6, 1316,
	  "3des-hmac-sha1" },
	{ "AES-128-CBC + HMAC-SHA1-96", PSAC_MNHA_SUITE_AES128_HMAC_SHA1,
	  true, PSAC_ENCR_AES_CBC, 128, PSAC_INTEG_HMAC_SHA1_96,
	  16, 12, 16, 72, 1280, 14, 1332,
	  "aes128-hmac-sha1" },
	{ "AES-128-CBC + AES-XCBC-96", PSAC_MNHA_SUITE_AES128_AES_XCBC,
	  true, PSAC_ENCR_AES_CBC, 128, PSAC_INTEG_AES_XCBC_96,
	  16, 12, 16, 64, 14, 0, 52,
	  "aes128-aes-xcbc" },
	{ "AES-128-GCM", PSAC_MNHA_SUITE_AES128_GCM, true,
	  PSAC_ENCR_AES_GCM_16, 128, PSAC_INTEG_NONE,
	  8, 16, 4, 40, 1280, 2, 1316,
	  "aes128-gcm" },
	{ "AES-256-GCM", PSAC_MNHA_SUITE_AES256_GCM, true,
	  PSAC_ENCR_AES_GCM_16, 256, PSAC_INTEG_NONE,
	  8, 16, 4, 72, 0, 2, 36,
	  "aes256-gcm" },
	{ "suite 0x0001 is unknown", 0x0001, false },
	{ "suite 0x0000 is unknown", 0x0000, false },
};

static int psac_mh_suite_case_run(const struct psac_mh_suite_case *c,
				  char *msg)
{
	const struct psac_mnha_suite *s = psac_mnha_suite_get(c->id);
	u8 tail[PSAC_MNHA_TRAILER_MAX + 1];
	unsigned int pad, max;
	size_t enc;
	u8 nh;
	int ret;

	if (!c->known)
		return s ? psac_t_fail(msg, "unknown suite found") : 0;
	if (!s)
		return psac_t_fail(msg, "suite %#x not found", c->id);
	if (s->id != c->id || s->iv_len != c->iv_len ||
	    s->icv_len != c->icv_len || s->block_len != c->block_len)
		return psac_t_fail(msg, "suite sizes iv %u icv %u block %u",
				   s->iv_len, s->icv_len, s->block_len);
	if (s->aead != (c->integ_alg == PSAC_INTEG_NONE) ||
	    (s->aead && s->ikey_len) || !s->crypto_name)
		return psac_t_fail(msg, "AEAD flag or name inconsistent");
	if (psac_mnha_keymat_len(s) != c->keymat_len)
		return psac_t_fail(msg, "keymat %u, want %u",
				   psac_mnha_keymat_len(s), c->keymat_len);
	if (psac_mnha_suite_find(c->encr_alg, c->encr_key_bits,
				 c->integ_alg) != s)
		return psac_t_fail(msg, "lookup by IKEv2 IDs failed");
	if (!s->name || strcmp(s->name, c->cname) ||
	    psac_mnha_suite_by_name(c->cname) != s || !s->desc)
		return psac_t_fail(msg, "name %s, want %s", s->name, c->cname);

	pad = psac_mnha_pad_len(s, c->payload_len);
	if (pad != c->pad_len)
		return psac_t_fail(msg, "pad %u, want %u", pad, c->pad_len);
	enc = psac_mnha_encap_len(s, c->payload_len);
	if (enc != c->encap_len)
		return psac_t_fail(msg, "encap length %zu, want %u", enc,
				   c->encap_len);
	if (!psac_mnha_len_ok(s, enc) || psac_mnha_len_ok(s, enc - 1) ||
	    psac_mnha_len_ok(s, psac_mnha_headroom(s) + s->icv_len + 1))
		return psac_t_fail(msg, "length plausibility check wrong");
	max = psac_mnha_max_overhead(s);
	if (max != PSAC_MNHA_HDR_LEN + s->iv_len + s->block_len - 1U +
		   PSAC_MNHA_TRAILER_LEN + s->icv_len ||
	    enc - c->payload_len > max)
		return psac_t_fail(msg, "max overhead %u too small", max);

	/* the trailer we would send passes our own receive check */
	tail[0] = 0xaa;
	psac_mnha_trailer_fill(tail + 1, pad, PSAC_MNHA_NH_IPV6);
	ret = psac_mnha_trailer_check(tail, 1 + pad + PSAC_MNHA_TRAILER_LEN,
				      PSAC_MNHA_PTYPE_IP, &nh);
	if (ret != (int)(pad + PSAC_MNHA_TRAILER_LEN) ||
	    nh != PSAC_MNHA_NH_IPV6)
		return psac_t_fail(msg, "own trailer rejected (%d)", ret);
	return 0;
}

/* ---- odds and ends ------------------------------------------------------ */

/* Iteration, names, and IKEv2 IDs that are not suites. */
static int psac_mh_misc_run(char *msg)
{
	u8 tail[PSAC_MNHA_TRAILER_MAX + 8];
	const struct psac_mnha_suite *s;
	unsigned int i;
	u8 nh;
	int ret;

	/* the table as iterated: every suite once, by its id and name */
	for (i = 0; (s = psac_mnha_suite_at(i)); i++)
		if (psac_mnha_suite_get(s->id) != s ||
		    psac_mnha_suite_by_name(s->name) != s)
			return psac_t_fail(msg, "suite %u not found again", i);
	if (i != ARRAY_SIZE(psac_mh_suite_cases) - 2)
		return psac_t_fail(msg, "%u suites, the cases know %zu", i,
				   ARRAY_SIZE(psac_mh_suite_cases) - 2);
	if (psac_mnha_suite_by_name("aes128") ||
	    psac_mnha_suite_by_name(""))
		return psac_t_fail(msg, "a name that is no suite's found");

	s = psac_mnha_suite_find(PSAC_ENCR_3DES, 0, PSAC_INTEG_HMAC_SHA1_96);
	if (!s || s->id != PSAC_MNHA_SUITE_3DES_HMAC_SHA1)
		return psac_t_fail(msg, "3DES without key length not found");
	if (psac_mnha_suite_find(PSAC_ENCR_AES_CBC, 256,
				 PSAC_INTEG_HMAC_SHA1_96))
		return psac_t_fail(msg, "AES-256-CBC is no RFC 6618 suite");
	if (psac_mnha_suite_find(PSAC_ENCR_AES_GCM_16, 128,
				 PSAC_INTEG_HMAC_SHA1_96))
		return psac_t_fail(msg, "GCM with integrity accepted");
	if (psac_mnha_suite_find(PSAC_ENCR_AES_CBC, 0,
				 PSAC_INTEG_HMAC_SHA1_96))
		return psac_t_fail(msg, "AES-CBC without key length found");

	/* the longest padding RFC 4303 allows, given as the tail only */
	memset(tail, 0x55, sizeof(tail));
	psac_mnha_trailer_fill(tail + 8, PSAC_MNHA_PAD_MAX, PSAC_MNHA_NH_MH);
	ret = psac_mnha_trailer_check(tail, sizeof(tail),
				      PSAC_MNHA_PTYPE_MH, &nh);
	if (ret != PSAC_MNHA_TRAILER_MAX || nh != PSAC_MNHA_NH_MH)
		return psac_t_fail(msg, "255 octets of padding: %d", ret);
	ret = psac_mnha_trailer_check(tail + 8, PSAC_MNHA_TRAILER_MAX,
				      PSAC_MNHA_PTYPE_MH, &nh);
	if (ret != PSAC_MNHA_TRAILER_MAX)
		return psac_t_fail(msg, "tail-only check: %d", ret);
	for (i = 0; i < PSAC_MNHA_PAD_MAX; i++) {
		tail[8 + i] ^= 0x80;
		ret = psac_mnha_trailer_check(tail, sizeof(tail),
					      PSAC_MNHA_PTYPE_MH, &nh);
		tail[8 + i] ^= 0x80;
		if (ret != -EBADMSG)
			return psac_t_fail(msg, "bad pad octet %u: %d", i, ret);
	}
	return 0;
}

#endif /* _PSAC_MNHA_HDR_CASES_H */
