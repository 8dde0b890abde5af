// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * RFC 6618 MN-HA UDP encapsulation header and trailer helpers.
 */
#include "mnha_hdr.h"

static_assert(sizeof(struct psac_mnha_hdr) == PSAC_MNHA_HDR_LEN,
	      "MN-HA header layout");

int psac_mnha_hdr_parse(const u8 *buf, size_t len,
			struct psac_mnha_hdr_info *h)
{
	u32 w;

	if (len < PSAC_MNHA_HDR_LEN)
		return -EBADMSG;

	w = psac_get_be32(buf + offsetof(struct psac_mnha_hdr, ptype_spi));
	h->ptype = (u8)(w >> PSAC_MNHA_PTYPE_SHIFT);
	h->spi = w & PSAC_MNHA_SPI_MASK;
	h->seq = psac_get_be32(buf + offsetof(struct psac_mnha_hdr, seq));

	switch (h->ptype) {
	case PSAC_MNHA_PTYPE_PLAIN:
		if (h->spi || h->seq)
			return -EINVAL;
		return 0;
	case PSAC_MNHA_PTYPE_IP:
	case PSAC_MNHA_PTYPE_MH:
		if (!h->spi || !h->seq)
			return -EINVAL;
		return 0;
	default:
		return -EPROTONOSUPPORT;
	}
}

int psac_mnha_hdr_build(u8 *buf, u8 ptype, u32 spi, u32 seq)
{
	if (ptype > (0xffffffffU >> PSAC_MNHA_PTYPE_SHIFT) ||
	    spi & ~PSAC_MNHA_SPI_MASK)
		return -EINVAL;

	psac_put_be32(buf + offsetof(struct psac_mnha_hdr, ptype_spi),
		      (u32)ptype << PSAC_MNHA_PTYPE_SHIFT | spi);
	psac_put_be32(buf + offsetof(struct psac_mnha_hdr, seq), seq);
	return 0;
}

bool psac_mnha_nexthdr_ok(u8 ptype, u8 next_hdr)
{
	switch (ptype) {
	case PSAC_MNHA_PTYPE_IP:
		return next_hdr == PSAC_MNHA_NH_IPV6 ||
		       next_hdr == PSAC_MNHA_NH_IPV4;
	case PSAC_MNHA_PTYPE_MH:
		return next_hdr == PSAC_MNHA_NH_MH;
	default:
		return false;
	}
}

int psac_mnha_trailer_check(const u8 *buf, size_t len, u8 ptype,
			    u8 *next_hdr)
{
	unsigned int pad_len, i;
	const u8 *pad;

	if (len < PSAC_MNHA_TRAILER_LEN)
		return -EBADMSG;

	pad_len = buf[len - 2];
	if (pad_len > len - PSAC_MNHA_TRAILER_LEN)
		return -EBADMSG;

	pad = buf + len - PSAC_MNHA_TRAILER_LEN - pad_len;
	for (i = 0; i < pad_len; i++)
		if (pad[i] != (u8)(i + 1))
			return -EBADMSG;

	if (!psac_mnha_nexthdr_ok(ptype, buf[len - 1]))
		return -EPROTO;

	*next_hdr = buf[len - 1];
	return (int)(pad_len + PSAC_MNHA_TRAILER_LEN);
}

static const struct psac_mnha_suite psac_mnha_suites[] = {
	{
		.id		= PSAC_MNHA_SUITE_NULL_HMAC_SHA1,
		.encr_alg	= PSAC_ENCR_NULL,
		.encr_key_bits	= 0,
		.integ_alg	= PSAC_INTEG_HMAC_SHA1_96,
		.ekey_len	= 0,
		.ikey_len	= 20,
		.iv_len		= 0,
		.icv_len	= PSAC_MNHA_ICV_LEN_CBC,
		.block_len	= 4,
		.crypto_name	= "authenc(hmac(sha1),ecb(cipher_null))",
	},
	{
		.id		= PSAC_MNHA_SUITE_NULL_AES_XCBC,
		.encr_alg	= PSAC_ENCR_NULL,
		.encr_key_bits	= 0,
		.integ_alg	= PSAC_INTEG_AES_XCBC_96,
		.ekey_len	= 0,
		.ikey_len	= 16,
		.iv_len		= 0,
		.icv_len	= PSAC_MNHA_ICV_LEN_CBC,
		.block_len	= 4,
		.crypto_name	= "authenc(xcbc(aes),ecb(cipher_null))",
	},
	{
		.id		= PSAC_MNHA_SUITE_3DES_HMAC_SHA1,
		.encr_alg	= PSAC_ENCR_3DES,
		.encr_key_bits	= 192,
		.integ_alg	= PSAC_INTEG_HMAC_SHA1_96,
		.ekey_len	= 24,
		.ikey_len	= 20,
		.iv_len		= 8,
		.icv_len	= PSAC_MNHA_ICV_LEN_CBC,
		.block_len	= 8,
		.crypto_name	= "authenc(hmac(sha1),cbc(des3_ede))",
	},
	{
		.id		= PSAC_MNHA_SUITE_AES128_HMAC_SHA1,
		.encr_alg	= PSAC_ENCR_AES_CBC,
		.encr_key_bits	= 128,
		.integ_alg	= PSAC_INTEG_HMAC_SHA1_96,
		.ekey_len	= 16,
		.ikey_len	= 20,
		.iv_len		= 16,
		.icv_len	= PSAC_MNHA_ICV_LEN_CBC,
		.block_len	= 16,
		.crypto_name	= "authenc(hmac(sha1),cbc(aes))",
	},
	{
		.id		= PSAC_MNHA_SUITE_AES128_AES_XCBC,
		.encr_alg	= PSAC_ENCR_AES_CBC,
		.encr_key_bits	= 128,
		.integ_alg	= PSAC_INTEG_AES_XCBC_96,
		.ekey_len	= 16,
		.ikey_len	= 16,
		.iv_len		= 16,
		.icv_len	= PSAC_MNHA_ICV_LEN_CBC,
		.block_len	= 16,
		.crypto_name	= "authenc(xcbc(aes),cbc(aes))",
	},
	{
		.id		= PSAC_MNHA_SUITE_AES128_GCM,
		.encr_alg	= PSAC_ENCR_AES_GCM_16,
		.encr_key_bits	= 128,
		.integ_alg	= PSAC_INTEG_NONE,
		.ekey_len	= 16 + PSAC_AES_GCM_SALT_LEN,
		.ikey_len	= 0,
		.iv_len		= PSAC_MNHA_GCM_IV_LEN,
		.icv_len	= PSAC_MNHA_ICV_LEN_GCM,
		.block_len	= 4,
		.aead		= true,
		.crypto_name	= "rfc4106(gcm(aes))",
	},
	{
		.id		= PSAC_MNHA_SUITE_AES256_GCM,
		.encr_alg	= PSAC_ENCR_AES_GCM_16,
		.encr_key_bits	= 256,
		.integ_alg	= PSAC_INTEG_NONE,
		.ekey_len	= 32 + PSAC_AES_GCM_SALT_LEN,
		.ikey_len	= 0,
		.iv_len		= PSAC_MNHA_GCM_IV_LEN,
		.icv_len	= PSAC_MNHA_ICV_LEN_GCM,
		.block_len	= 4,
		.aead		= true,
		.crypto_name	= "rfc4106(gcm(aes))",
	},
};

const struct psac_mnha_suite *psac_mnha_suite_get(u16 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(psac_mnha_suites); i++)
		if (psac_mnha_suites[i].id == id)
			return &psac_mnha_suites[i];
	return NULL;
}

const struct psac_mnha_suite *psac_mnha_suite_find(u16 encr_alg,
						   u16 encr_key_bits,
						   u16 integ_alg)
{
	const struct psac_mnha_suite *s;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(psac_mnha_suites); i++) {
		s = &psac_mnha_suites[i];
		if (s->encr_alg != encr_alg || s->integ_alg != integ_alg)
			continue;
		if (s->encr_key_bits == encr_key_bits)
			return s;
		/* fixed-size ciphers may omit the key length */
		if (encr_key_bits == 0 && encr_alg == PSAC_ENCR_3DES)
			return s;
	}
	return NULL;
}

unsigned int psac_mnha_keymat_len(const struct psac_mnha_suite *s)
{
	return 2U * (s->ekey_len + s->ikey_len);
}

unsigned int psac_mnha_pad_len(const struct psac_mnha_suite *s,
			       size_t payload_len)
{
	unsigned int b = s->block_len;
	unsigned int used = (unsigned int)
		((payload_len + PSAC_MNHA_TRAILER_LEN) % b);

	return used ? b - used : 0;
}

void psac_mnha_trailer_fill(u8 *buf, unsigned int pad_len, u8 next_hdr)
{
	unsigned int i;

	for (i = 0; i < pad_len; i++)
		buf[i] = (u8)(i + 1);
	buf[pad_len] = (u8)pad_len;
	buf[pad_len + 1] = next_hdr;
}

size_t psac_mnha_encap_len(const struct psac_mnha_suite *s,
			   size_t payload_len)
{
	return PSAC_MNHA_HDR_LEN + s->iv_len + payload_len +
	       psac_mnha_pad_len(s, payload_len) + PSAC_MNHA_TRAILER_LEN +
	       s->icv_len;
}

unsigned int psac_mnha_headroom(const struct psac_mnha_suite *s)
{
	return PSAC_MNHA_HDR_LEN + s->iv_len;
}

unsigned int psac_mnha_max_tailroom(const struct psac_mnha_suite *s)
{
	return s->block_len - 1U + PSAC_MNHA_TRAILER_LEN + s->icv_len;
}

unsigned int psac_mnha_max_overhead(const struct psac_mnha_suite *s)
{
	return psac_mnha_headroom(s) + psac_mnha_max_tailroom(s);
}

bool psac_mnha_len_ok(const struct psac_mnha_suite *s, size_t len)
{
	size_t fixed = PSAC_MNHA_HDR_LEN + s->iv_len + s->icv_len;

	if (len < fixed + PSAC_MNHA_TRAILER_LEN)
		return false;
	return (len - fixed) % s->block_len == 0;
}
