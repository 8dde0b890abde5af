/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR MIT) */
/*
 * psac on-the-wire constants and layouts: the one source of truth for the
 * kernel module, the tools, the tests and the Wireshark plugin.
 *
 * None of the drafts implemented here received IANA assignments; the values
 * below are this project's defaults (docs/code-points.md explains each).
 * Every component lets the operator override them at run time.
 *
 * All multi-octet fields are big-endian (network order).
 */
#ifndef _UAPI_LINUX_PSAC_WIRE_H
#define _UAPI_LINUX_PSAC_WIRE_H

#include <linux/types.h>

/* ---------------------------------------------------------------------- */
/* DHCPv6 (RFC 8415) basics used by PSAC                                  */
/* ---------------------------------------------------------------------- */

#define PSAC_DHCP6_CLIENT_PORT		546
#define PSAC_DHCP6_SERVER_PORT		547

#define PSAC_DHCP6_HDR_LEN		4	/* msg-type(8) transaction-id(24) */
#define PSAC_DHCP6_OPT_HDR_LEN		4	/* option-code(16) option-len(16) */
#define PSAC_DHCP6_XID_LEN		3

/* Standard DHCPv6 message types PSAC rides on. */
#define PSAC_DHCP6_MSG_SOLICIT		1
#define PSAC_DHCP6_MSG_ADVERTISE	2
#define PSAC_DHCP6_MSG_REQUEST		3
#define PSAC_DHCP6_MSG_REPLY		7
#define PSAC_DHCP6_MSG_INFO_REQUEST	11
#define PSAC_DHCP6_MSG_RELAY_FORW	12
#define PSAC_DHCP6_MSG_RELAY_REPL	13

/* DHCPv6 message types 1..37 are assigned: PSAC must never take them. */
#define PSAC_DHCP6_MSG_LAST_ASSIGNED	37

/* New message types (draft-madi-dhc-dhcpv6-psac), default code points. */
#define PSAC_DHCP6_MSG_SACONFIG		240
#define PSAC_DHCP6_MSG_SACONFIG_REPLY	241

/* Standard DHCPv6 options PSAC uses. */
#define PSAC_DHCP6_OPT_CLIENTID		1
#define PSAC_DHCP6_OPT_SERVERID		2
#define PSAC_DHCP6_OPT_IA_NA		3
#define PSAC_DHCP6_OPT_ORO		6
#define PSAC_DHCP6_OPT_ELAPSED_TIME	8
#define PSAC_DHCP6_OPT_AUTH		11
#define PSAC_DHCP6_OPT_STATUS_CODE	13
#define PSAC_DHCP6_OPT_RELAY_MSG	9
#define PSAC_DHCP6_OPT_INTERFACE_ID	18
#define PSAC_DHCP6_OPT_IA_PD		25
#define PSAC_DHCP6_OPT_IAPREFIX		26

/* New options, default code points (151-65535 are unassigned). */
#define PSAC_OPT_CLIENT_PUBKEY		65280	/* 0xff00 */
#define PSAC_OPT_SA_REQ_PARAMS		65281
#define PSAC_OPT_SA_REQUEST		65282
#define PSAC_OPT_SA			65283
#define PSAC_OPT_SA_LIST		65284
#define PSAC_OPT_CERT_SERVER		65285
#define PSAC_OPT_CERTIFICATE		65286

/* Status codes carried in OPTION_STATUS_CODE (13). */
#define PSAC_STATUS_SUCCESS		0
#define PSAC_STATUS_UNSPEC_FAIL		1
#define PSAC_STATUS_SA_REQ_UNSUPPORTED	65000
#define PSAC_STATUS_NO_SUCH_TARGET	65001
#define PSAC_STATUS_ALG_NOT_SUPPORTED	65002
#define PSAC_STATUS_KEY_PROT_FAILED	65003
#define PSAC_STATUS_AUTH_FAILED		65004
#define PSAC_STATUS_REPLAYED		65005

/* OPTION_CLIENT_PUBKEY: PK-Alg(8) Reserved(8) Public-Key */
#define PSAC_PUBKEY_HDR_LEN		2
#define PSAC_PK_ALG_X25519		1
#define PSAC_PK_ALG_RSA			2
#define PSAC_X25519_KEY_LEN		32

/* ---------------------------------------------------------------------- */
/* OPTION_SA_REQ_PARAMS (Requestor's Parameters), 24 octets               */
/* ---------------------------------------------------------------------- */

#define PSAC_SA_REQ_PARAMS_LEN		24

struct psac_sa_req_params {
	__u8	protocol;		/* PSAC_PROTO_* */
	__u8	mode;			/* PSAC_MODE_* */
	__be16	flags;			/* PSAC_SA_F_* */
	__be16	encr_alg;		/* PSAC_ENCR_* (IKEv2 transform IDs) */
	__be16	encr_key_bits;
	__be16	integ_alg;		/* PSAC_INTEG_* */
	__u8	ulp;			/* PSAC_ULP_* */
	__u8	reserved;
	__be32	requestor_spi;		/* requestor's inbound (R2I) SPI, 0 = any */
	__be32	lifetime;		/* seconds, PSAC_LIFETIME_INFINITE */
	__be16	sport_or_type;		/* port, ICMPv6 type or MH type */
	__be16	dport_or_code;		/* port or ICMPv6 code */
} __attribute__((packed));

#define PSAC_PROTO_UDP			17	/* MN-HA UDP encapsulation SA */
#define PSAC_PROTO_ESP			50
#define PSAC_PROTO_AH			51

#define PSAC_MODE_TRANSPORT		1
#define PSAC_MODE_TUNNEL		2
#define PSAC_MODE_MNHA_UDP		3	/* RFC 6618 UDP encapsulation */

#define PSAC_SA_F_ESN			0x8000

/* IKEv2 transform type 1 (encryption) IDs. */
#define PSAC_ENCR_3DES			3
#define PSAC_ENCR_NULL			11
#define PSAC_ENCR_AES_CBC		12
#define PSAC_ENCR_AES_GCM_16		20
#define PSAC_ENCR_CHACHA20_POLY1305	28

/* IKEv2 transform type 3 (integrity) IDs. */
#define PSAC_INTEG_NONE			0
#define PSAC_INTEG_HMAC_SHA1_96		2
#define PSAC_INTEG_AES_XCBC_96		5
#define PSAC_INTEG_HMAC_SHA2_256_128	12

/* Upper-layer protocol selectors. */
#define PSAC_ULP_ANY			0
#define PSAC_ULP_TCP			6
#define PSAC_ULP_UDP			17
#define PSAC_ULP_ICMPV6			58
#define PSAC_ULP_MH			135

#define PSAC_LIFETIME_INFINITE		0xffffffffU

/* ---------------------------------------------------------------------- */
/* OPTION_SA_REQUEST: Target-Server-Address(128) then REQ_PARAMS options  */
/* ---------------------------------------------------------------------- */

#define PSAC_SA_REQUEST_HDR_LEN		16

/* ---------------------------------------------------------------------- */
/* OPTION_SA: one bidirectional SA pair, 46-octet fixed part             */
/* ---------------------------------------------------------------------- */

#define PSAC_SA_FIXED_LEN		46
#define PSAC_SA_AAD_FIXED_LEN		44	/* Peer-Address .. Dst-Port */
#define PSAC_SA_AAD_LEN			(PSAC_SA_AAD_FIXED_LEN + PSAC_DHCP6_XID_LEN)

struct psac_sa_fixed {
	__u8	peer_addr[16];
	__u8	protocol;
	__u8	mode;
	__u8	key_prot_alg;		/* PSAC_KEYPROT_* */
	__u8	reserved1;
	__be16	encr_alg;
	__be16	encr_key_bits;
	__be16	integ_alg;
	__u8	ulp;
	__u8	reserved2;
	__be32	spi_i2r;		/* requestor -> target */
	__be32	spi_r2i;		/* target -> requestor */
	__be32	lifetime;
	__be16	sport_or_type;
	__be16	dport_or_code;
	__be16	protected_key_len;
	/* __u8 protected_key[]; */
} __attribute__((packed));

#define PSAC_KEYPROT_X25519		1	/* requestor copy */
#define PSAC_KEYPROT_PSK		2	/* target copy */
#define PSAC_KEYPROT_RSA_OAEP		3	/* requestor copy, optional */

/* Key protection, PSK (Key-Prot-Alg 2) */
#define PSAC_KEK_INFO_PSK		"psac kek v1"
#define PSAC_KEK_INFO_ECIES		"psac ecies v1"
#define PSAC_KEK_LEN			32	/* AES-256-GCM key */
#define PSAC_KEYWRAP_NONCE_LEN		12
#define PSAC_KEYWRAP_TAG_LEN		16
#define PSAC_KEYWRAP_PSK_OVERHEAD	(PSAC_KEYWRAP_NONCE_LEN + PSAC_KEYWRAP_TAG_LEN)
#define PSAC_KEYWRAP_X25519_OVERHEAD	(PSAC_X25519_KEY_LEN + PSAC_KEYWRAP_PSK_OVERHEAD)

/* Largest KEYMAT: 2 x (AES-256 + 4-octet salt or 32-octet HMAC key) x 2 */
#define PSAC_KEYMAT_MAX			160
#define PSAC_AES_GCM_SALT_LEN		4
#define PSAC_CHACHA_SALT_LEN		4

/* ---------------------------------------------------------------------- */
/* OPTION_AUTH (11), delayed authentication with HMAC-SHA256              */
/* ---------------------------------------------------------------------- */

#define PSAC_AUTH_PROTO_DELAYED		2
#define PSAC_AUTH_ALG_HMAC_SHA256	2
#define PSAC_AUTH_RDM_COUNTER		0
#define PSAC_AUTH_HDR_LEN		11	/* proto alg rdm replay(64) */
#define PSAC_AUTH_KEYID_LEN		4
#define PSAC_AUTH_HMAC_LEN		32
/* Authentication Information = Realm(var) | Key-ID(32) | HMAC(256) */
#define PSAC_AUTH_TRAILER_LEN		(PSAC_AUTH_KEYID_LEN + PSAC_AUTH_HMAC_LEN)
#define PSAC_AUTH_MIN_LEN		(PSAC_AUTH_HDR_LEN + PSAC_AUTH_TRAILER_LEN)

/* ---------------------------------------------------------------------- */
/* Certificate provisioning options (DHCP-PD)                             */
/* ---------------------------------------------------------------------- */

#define PSAC_CERT_LOC_IPV6		1
#define PSAC_CERT_LOC_FQDN		2
#define PSAC_CERT_LOC_URI		3
#define PSAC_CERT_TYPE_X509V3		1
#define PSAC_CERTIFICATE_HDR_LEN	2	/* Cert-Type(8) Reserved(8) */

/* ---------------------------------------------------------------------- */
/* DHCP over IKEv2 (draft-richardson-ipsec-dhcp-over-ike)                 */
/* ---------------------------------------------------------------------- */

#define PSAC_IKEV2_PAYLOAD_DHCP		200
#define PSAC_IKEV2_NOTIFY_DHCP_OVER_IKE	40960
#define PSAC_IKEV2_GENERIC_HDR_LEN	4
#define PSAC_IKEV2_DHCP_HDR_LEN		4	/* DHCP-Version(8) RESERVED(24) */
#define PSAC_IKEV2_DHCP_VERSION_4	4
#define PSAC_IKEV2_DHCP_VERSION_6	6

/* ---------------------------------------------------------------------- */
/* RFC 6618 MHAuth container over TLS and MN-HA UDP encapsulation          */
/* ---------------------------------------------------------------------- */

#define PSAC_MNHA_UDP_PORT		7872	/* IANA mipv6tls */
#define PSAC_HAC_TLS_PORT		7873	/* not specified by RFC 6618 */

#define PSAC_MHAUTH_HDR_LEN		4	/* Ver(3) Res(5) Id(8) Length(16) */
#define PSAC_MHAUTH_VERSION		0
#define PSAC_MHAUTH_ID_INIT		1

struct psac_mhauth_hdr {
	__u8	ver_res;		/* version in the top 3 bits */
	__u8	identifier;
	__be16	length;			/* length of the content */
} __attribute__((packed));

/* MN-HA UDP encapsulation header: PType(4) SPI(28) | Sequence(32) */
#define PSAC_MNHA_HDR_LEN		8
#define PSAC_MNHA_PTYPE_SHIFT		28
#define PSAC_MNHA_SPI_MASK		0x0fffffffU
#define PSAC_MNHA_PTYPE_PLAIN		0	/* SPI 0, seq 0, plain IP */
#define PSAC_MNHA_PTYPE_IP		1	/* protected IPv6/IPv4 packet */
#define PSAC_MNHA_PTYPE_MH		8	/* protected MH, no IP header */
#define PSAC_MNHA_TRAILER_LEN		2	/* Pad Length(8) Next Header(8) */

struct psac_mnha_hdr {
	__be32	ptype_spi;
	__be32	seq;
} __attribute__((packed));

/* mip6-ciphersuite values (RFC 6618 section 8.1 + this project's GCM). */
#define PSAC_MNHA_SUITE_NULL_HMAC_SHA1		0x0002	/* NULL, HMAC-SHA1-96 */
#define PSAC_MNHA_SUITE_NULL_AES_XCBC		0x0003
#define PSAC_MNHA_SUITE_3DES_HMAC_SHA1		0x000a
#define PSAC_MNHA_SUITE_AES128_HMAC_SHA1	0x002f
#define PSAC_MNHA_SUITE_AES128_AES_XCBC		0xffff	/* see docs/code-points.md */
#define PSAC_MNHA_SUITE_AES128_GCM		0x009c
#define PSAC_MNHA_SUITE_AES256_GCM		0x009d

#define PSAC_MNHA_ICV_LEN_CBC		12
#define PSAC_MNHA_ICV_LEN_GCM		16
#define PSAC_MNHA_GCM_IV_LEN		8

/* Mobility Header (RFC 6275) */
#define PSAC_IPPROTO_MH			135
#define PSAC_MH_TYPE_BRR		0
#define PSAC_MH_TYPE_HOTI		1
#define PSAC_MH_TYPE_COTI		2
#define PSAC_MH_TYPE_HOT		3
#define PSAC_MH_TYPE_COT		4
#define PSAC_MH_TYPE_BU			5
#define PSAC_MH_TYPE_BA			6
#define PSAC_MH_TYPE_BE			7

#endif /* _UAPI_LINUX_PSAC_WIRE_H */
