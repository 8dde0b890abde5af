// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * RFC 6618 MN-HA UDP encapsulation header and trailer helpers.
 */
#include "mnha_hdr.h"

static_assert(sizeof(struct psac_mnha_hdr) == PSAC_MNHA_HDR_LEN,
	      "MN-HA header layout");

/**
 * psac_mnha_hdr_parse() - parse an MN-HA UDP encapsulation header
 * @buf: the UDP payload
 * @len: octets in @buf
 * @h: filled with PType, SPI and sequence number
 *
 * Reads the first PSAC_MNHA_HDR_LEN octets of @buf.
 *
 * Return: 0, -EBADMSG if @len is shorter than the header,
 * -EPROTONOSUPPORT for a PType other than 0, 1 and 8, -EINVAL if SPI or
 * sequence number are non-zero in PType 0 or zero in PType 1 or 8.
 */
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

/**
 * psac_mnha_hdr_build() - write an MN-HA UDP encapsulation header
 * @buf: PSAC_MNHA_HDR_LEN octets
 * @ptype: PType, 4 bits
 * @spi: SPI, 28 bits
 * @seq: sequence number
 *
 * Return: 0, or -EINVAL (nothing written) if @ptype does not fit 4 bits
 * or @spi does not fit 28 bits.
 */
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

/**
 * psac_mnha_nexthdr_ok() - whether a trailer's Next Header suits a PType
 * @ptype: PType of the packet
 * @next_hdr: Next Header from its trailer
 *
 * Return: true for 41 (IPv6) or 4 (IPv4) in PType 1 and for 135
 * (Mobility Header) in PType 8, false otherwise.
 */
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

/**
 * psac_mnha_trailer_check() - check the trailer of a decrypted packet
 * @buf: the end of the plaintext
 * @len: octets in @buf, which ends where the plaintext ends: from the
 *       trailer alone (Pad Length + 2 octets) up to the whole plaintext
 * @ptype: PType of the packet
 * @next_hdr: set to the trailer's Next Header on success
 *
 * Pad Length must fit in @buf, the padding must be 1, 2, 3, ... (the
 * RFC 4303 default) and Next Header must be allowed for @ptype
 * (psac_mnha_nexthdr_ok()).
 *
 * Return: the octets to trim from the end of the plaintext (Pad Length
 * + 2), -EBADMSG if @buf is short or inconsistent, -EPROTO for a Next
 * Header not allowed for @ptype.
 */
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
		.name		= "null-hmac-sha1",
		.desc		= "NULL + HMAC-SHA1-96",
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
		.name		= "null-aes-xcbc",
		.desc		= "NULL + AES-XCBC-96",
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
		.name		= "3des-hmac-sha1",
		.desc		= "3DES-CBC + HMAC-SHA1-96",
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
		.name		= "aes128-hmac-sha1",
		.desc		= "AES-128-CBC + HMAC-SHA1-96",
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
		.name		= "aes128-aes-xcbc",
		.desc		= "AES-128-CBC + AES-XCBC-96",
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
		.name		= "aes128-gcm",
		.desc		= "AES-128-GCM (ICV 16)",
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
		.name		= "aes256-gcm",
		.desc		= "AES-256-GCM (ICV 16)",
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

/**
 * psac_mnha_suite_get() - look up a ciphersuite by its identifier
 * @id: PSAC_MNHA_SUITE_*
 *
 * Return: the suite (static), or NULL if psac does not implement @id.
 */
const struct psac_mnha_suite *psac_mnha_suite_get(u16 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(psac_mnha_suites); i++)
		if (psac_mnha_suites[i].id == id)
			return &psac_mnha_suites[i];
	return NULL;
}

/**
 * psac_mnha_suite_at() - iterate over the ciphersuites
 * @i: index, from 0
 *
 * Return: the @i-th suite psac implements (static), or NULL past the
 * last one.
 */
const struct psac_mnha_suite *psac_mnha_suite_at(unsigned int i)
{
	return i < ARRAY_SIZE(psac_mnha_suites) ? &psac_mnha_suites[i] : NULL;
}

/**
 * psac_mnha_suite_by_name() - look up a ciphersuite by its name
 * @name: the suite's name ("aes128-gcm"), NUL-terminated
 *
 * Return: the suite (static), or NULL if no suite has that name.
 */
const struct psac_mnha_suite *psac_mnha_suite_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(psac_mnha_suites); i++)
		if (!strcmp(psac_mnha_suites[i].name, name))
			return &psac_mnha_suites[i];
	return NULL;
}

/**
 * psac_mnha_suite_find() - the suite of OPTION_SA transform IDs (mode 3)
 * @encr_alg: IKEv2 encryption transform ID
 * @encr_key_bits: key length in bits; 0 is accepted for the fixed-size
 *                 ciphers (NULL, 3DES)
 * @integ_alg: IKEv2 integrity transform ID (PSAC_INTEG_NONE for GCM)
 *
 * Return: the suite (static), or NULL if none matches.
 */
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

/**
 * psac_mnha_keymat_len() - KEYMAT length of a suite
 * @s: the suite
 *
 * KEYMAT is mn-to-ha ekey | ikey | ha-to-mn ekey | ikey.
 *
 * Return: the KEYMAT length in octets.
 */
unsigned int psac_mnha_keymat_len(const struct psac_mnha_suite *s)
{
	return 2U * (s->ekey_len + s->ikey_len);
}

/**
 * psac_mnha_pad_len() - padding for an inner packet
 * @s: the suite
 * @payload_len: octets of the inner packet
 *
 * Return: the padding octets (0 to block size - 1) that make payload,
 * padding, Pad Length and Next Header a multiple of the suite's block
 * size.
 */
unsigned int psac_mnha_pad_len(const struct psac_mnha_suite *s,
			       size_t payload_len)
{
	unsigned int b = s->block_len;
	unsigned int used = (unsigned int)
		((payload_len + PSAC_MNHA_TRAILER_LEN) % b);

	return used ? b - used : 0;
}

/**
 * psac_mnha_trailer_fill() - write padding, Pad Length and Next Header
 * @buf: @pad_len + 2 octets right after the inner packet
 * @pad_len: padding octets, at most PSAC_MNHA_PAD_MAX
 * @next_hdr: Next Header
 *
 * The padding is 1, 2, ..., @pad_len (the RFC 4303 default).
 */
void psac_mnha_trailer_fill(u8 *buf, unsigned int pad_len, u8 next_hdr)
{
	unsigned int i;

	for (i = 0; i < pad_len; i++)
		buf[i] = (u8)(i + 1);
	buf[pad_len] = (u8)pad_len;
	buf[pad_len + 1] = next_hdr;
}

/**
 * psac_mnha_encap_len() - UDP payload length of an encapsulated packet
 * @s: the suite
 * @payload_len: octets of the inner packet
 *
 * Return: header, IV, inner packet, padding, trailer and ICV in octets.
 */
size_t psac_mnha_encap_len(const struct psac_mnha_suite *s,
			   size_t payload_len)
{
	return PSAC_MNHA_HDR_LEN + s->iv_len + payload_len +
	       psac_mnha_pad_len(s, payload_len) + PSAC_MNHA_TRAILER_LEN +
	       s->icv_len;
}

/**
 * psac_mnha_headroom() - octets in front of the inner packet
 * @s: the suite
 *
 * Return: the header and IV length.
 */
unsigned int psac_mnha_headroom(const struct psac_mnha_suite *s)
{
	return PSAC_MNHA_HDR_LEN + s->iv_len;
}

/**
 * psac_mnha_max_tailroom() - most octets after the inner packet
 * @s: the suite
 *
 * Return: the longest padding (block size - 1), the trailer and the ICV.
 */
unsigned int psac_mnha_max_tailroom(const struct psac_mnha_suite *s)
{
	return s->block_len - 1U + PSAC_MNHA_TRAILER_LEN + s->icv_len;
}

/**
 * psac_mnha_max_overhead() - worst-case growth of an inner packet
 * @s: the suite
 *
 * Return: psac_mnha_headroom() + psac_mnha_max_tailroom(); the outer IP
 * and UDP headers are not included.
 */
unsigned int psac_mnha_max_overhead(const struct psac_mnha_suite *s)
{
	return psac_mnha_headroom(s) + psac_mnha_max_tailroom(s);
}

/**
 * psac_mnha_len_ok() - whether a protected UDP payload can be well formed
 * @s: the suite of the packet's SA
 * @len: UDP payload length of a PType 1 or 8 packet
 *
 * Return: true if @len leaves room for header, IV, trailer and ICV and
 * the ciphertext is a multiple of the suite's block size.
 */
bool psac_mnha_len_ok(const struct psac_mnha_suite *s, size_t len)
{
	size_t fixed = PSAC_MNHA_HDR_LEN + s->iv_len + s->icv_len;

	if (len < fixed + PSAC_MNHA_TRAILER_LEN)
		return false;
	return (len - fixed) % s->block_len == 0;
}
