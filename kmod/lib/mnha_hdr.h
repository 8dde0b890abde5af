/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * RFC 6618 MN-HA UDP encapsulation: header, trailer and per-suite sizes.
 *
 *   PType(4) | SPI(28) | Sequence(32) | [IV] | payload | padding |
 *   Pad Length(8) | Next Header(8) | ICV
 *
 * PType 0 carries a plain IP packet (SPI 0, sequence 0, no trailer).
 * PType 1 carries a protected IPv6 (next header 41) or IPv4 (4) packet,
 * PType 8 a protected Mobility Header without IP header (135).
 */
#ifndef _PSAC_MNHA_HDR_H
#define _PSAC_MNHA_HDR_H

#include "psac_shim.h"
#include <linux/psac_wire.h>

/* Inner protocols named by the trailer's Next Header. */
#define PSAC_MNHA_NH_IPV4	4
#define PSAC_MNHA_NH_IPV6	41
#define PSAC_MNHA_NH_MH		PSAC_IPPROTO_MH

#define PSAC_MNHA_PAD_MAX	255
#define PSAC_MNHA_TRAILER_MAX	(PSAC_MNHA_PAD_MAX + PSAC_MNHA_TRAILER_LEN)

struct psac_mnha_hdr_info {
	u8 ptype;
	u32 spi;		/* 28 bits */
	u32 seq;
};

/*
 * Parses the first PSAC_MNHA_HDR_LEN octets of @buf.  Returns 0, or
 * -EBADMSG if @len is too short, -EPROTONOSUPPORT for a PType other than
 * 0, 1 and 8, -EINVAL if SPI/sequence are non-zero in PType 0 or zero in
 * PType 1/8.
 */
int psac_mnha_hdr_parse(const u8 *buf, size_t len,
			struct psac_mnha_hdr_info *h);

/*
 * Writes the 8-octet header.  Returns 0, or -EINVAL for a PType that
 * does not fit 4 bits or an SPI that does not fit 28 bits.
 */
int psac_mnha_hdr_build(u8 *buf, u8 ptype, u32 spi, u32 seq);

/* Next Header values allowed for @ptype (41/4 for PType 1, 135 for 8). */
bool psac_mnha_nexthdr_ok(u8 ptype, u8 next_hdr);

/*
 * Checks the decrypted trailer at the end of @buf (@len octets: the
 * whole plaintext, or its last PSAC_MNHA_TRAILER_MAX octets if longer):
 * Pad Length fits, padding is 1, 2, 3, ... (RFC 4303 default), and Next
 * Header is allowed for @ptype.  Returns the number of octets to trim
 * from the end (Pad Length + 2) and stores Next Header in @next_hdr, or
 * -EBADMSG (short/inconsistent), -EPROTO (wrong next header).
 */
int psac_mnha_trailer_check(const u8 *buf, size_t len, u8 ptype,
			    u8 *next_hdr);

/* One ciphersuite (mip6-ciphersuite) and its sizes. */
struct psac_mnha_suite {
	u16 id;			/* PSAC_MNHA_SUITE_* */
	const char *name;	/* "aes128-gcm": configuration and output */
	const char *desc;	/* "AES-128-GCM (ICV 16)": for people */
	u16 encr_alg;		/* IKEv2 IDs used in OPTION_SA mode 3 */
	u16 encr_key_bits;
	u16 integ_alg;
	u8 ekey_len;		/* per direction, GCM: key + 4-octet salt */
	u8 ikey_len;		/* per direction, 0 for AEAD */
	u8 iv_len;
	u8 icv_len;
	u8 block_len;		/* padding alignment, at least 4 */
	bool aead;		/* GCM: no separate integrity key */
	const char *crypto_name;	/* kernel crypto API AEAD name */
};

/*
 * The one table of RFC 6618 ciphersuites psac implements: the module,
 * the tools, the selftest helpers and the Wireshark plugin all read it.
 */

/* NULL if @id is not a suite psac implements. */
const struct psac_mnha_suite *psac_mnha_suite_get(u16 id);

/* The @i-th suite, NULL past the last: for (i = 0; (s = ..._at(i)); i++) */
const struct psac_mnha_suite *psac_mnha_suite_at(unsigned int i);

/* NULL if no suite is called @name. */
const struct psac_mnha_suite *psac_mnha_suite_by_name(const char *name);

/*
 * Suite from OPTION_SA IKEv2 transform IDs (mode 3).  @encr_key_bits 0 is
 * accepted for the fixed-size ciphers (NULL, 3DES).  NULL if none.
 */
const struct psac_mnha_suite *psac_mnha_suite_find(u16 encr_alg,
						   u16 encr_key_bits,
						   u16 integ_alg);

/* KEYMAT length: mn-to-ha ekey | ikey | ha-to-mn ekey | ikey. */
unsigned int psac_mnha_keymat_len(const struct psac_mnha_suite *s);

/* Padding octets for @payload_len so payload|pad|2 is block aligned. */
unsigned int psac_mnha_pad_len(const struct psac_mnha_suite *s,
			       size_t payload_len);

/* Writes @pad_len padding octets 1, 2, ..., Pad Length, Next Header. */
void psac_mnha_trailer_fill(u8 *buf, unsigned int pad_len, u8 next_hdr);

/* UDP payload length for an inner packet of @payload_len octets. */
size_t psac_mnha_encap_len(const struct psac_mnha_suite *s,
			   size_t payload_len);

/* Octets in front of the inner packet: header and IV. */
unsigned int psac_mnha_headroom(const struct psac_mnha_suite *s);

/* Most octets after the inner packet: padding, trailer and ICV. */
unsigned int psac_mnha_max_tailroom(const struct psac_mnha_suite *s);

/* headroom + max tailroom: worst-case growth of an inner packet. */
unsigned int psac_mnha_max_overhead(const struct psac_mnha_suite *s);

/*
 * Whether a protected (PType 1/8) UDP payload of @len octets can be
 * well formed: room for header, IV, trailer and ICV, and a ciphertext
 * that is a multiple of the block size.
 */
bool psac_mnha_len_ok(const struct psac_mnha_suite *s, size_t len);

#endif /* _PSAC_MNHA_HDR_H */
