/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR MIT) */
/*
 * psac generic netlink ABI (family "psac", version 1).
 *
 * uapi/psac.yaml is the netlink spec of this header; `make check` verifies
 * that the two agree.  Every command needs CAP_NET_ADMIN in the user
 * namespace owning the network namespace (GENL_ADMIN_PERM) and acts on the
 * caller's network namespace.
 *
 * Attributes are grouped in nests per object; unknown attributes are
 * rejected (strict validation) so typos surface as extack errors.  The
 * family validates strictly, so the ambiguous nlmsg_flags NLM_F_REPLACE,
 * NLM_F_EXCL, NLM_F_CREATE and NLM_F_APPEND are refused: "replace" is an
 * attribute (PSAC_PSK_A_REPLACE, PSAC_MSA_A_REPLACE).
 */
#ifndef _UAPI_LINUX_PSAC_H
#define _UAPI_LINUX_PSAC_H

#define PSAC_GENL_NAME		"psac"
#define PSAC_GENL_VERSION	1

#define PSAC_MCGRP_TARGET	"target"	/* SA pair installed/deleted */
#define PSAC_MCGRP_MNHA		"mnha"		/* peer moved, rekey needed */

enum psac_cmd {
	PSAC_CMD_UNSPEC,
	PSAC_CMD_INFO_GET,		/* module version and features */

	/* Target-server role (PSAC -> XFRM) */
	PSAC_CMD_PSK_ADD,		/* PSAC_A_PSK{KEY_ID, KEY[, REALM]} */
	PSAC_CMD_PSK_DEL,		/* PSAC_A_PSK{KEY_ID} */
	PSAC_CMD_PSK_GET,		/* dump; never carries the key */
	PSAC_CMD_TARGET_CONFIG_SET,	/* PSAC_A_TARGET_CONFIG{...} */
	PSAC_CMD_TARGET_CONFIG_GET,
	PSAC_CMD_TARGET_SA_GET,		/* dump of installed SA pairs */
	PSAC_CMD_TARGET_SA_DEL,		/* PSAC_A_TARGET_SA{SPI_IN} */
	PSAC_CMD_TARGET_STATS_GET,
	PSAC_CMD_TARGET_SA_NTF,		/* multicast: installed or deleted */

	/* MN-HA role (RFC 6618 UDP encapsulation netdev) */
	PSAC_CMD_MNHA_DEV_SET,		/* PSAC_A_IFINDEX, PSAC_A_MNHA_DEV{} */
	PSAC_CMD_MNHA_DEV_GET,		/* doit or dump */
	PSAC_CMD_MNHA_SA_ADD,		/* PSAC_A_IFINDEX, PSAC_A_MNHA_SA{} */
	PSAC_CMD_MNHA_SA_DEL,
	PSAC_CMD_MNHA_SA_GET,		/* dump; never carries keys */
	PSAC_CMD_MNHA_PEER_NTF,		/* multicast: peer endpoint changed */
	PSAC_CMD_MNHA_REKEY_NTF,	/* multicast: sequence space running out */

	__PSAC_CMD_MAX,
	PSAC_CMD_MAX = __PSAC_CMD_MAX - 1
};

enum psac_attr {
	PSAC_A_UNSPEC,
	PSAC_A_PAD,
	PSAC_A_VERSION,			/* string: module version */
	PSAC_A_FEATURES,		/* u32: PSAC_FEAT_* */
	PSAC_A_PSK,			/* nest: psac_psk_attr */
	PSAC_A_TARGET_CONFIG,		/* nest: psac_tcfg_attr */
	PSAC_A_TARGET_SA,		/* nest: psac_tsa_attr */
	PSAC_A_TARGET_STATS,		/* nest: psac_tstat_attr */
	PSAC_A_IFINDEX,			/* u32 */
	PSAC_A_MNHA_DEV,		/* nest: psac_mdev_attr */
	PSAC_A_MNHA_SA,			/* nest: psac_msa_attr */
	PSAC_A_EVENT,			/* u8: PSAC_EVENT_* in notifications */

	__PSAC_A_MAX,
	PSAC_A_MAX = __PSAC_A_MAX - 1
};

#define PSAC_FEAT_TARGET	(1U << 0)
#define PSAC_FEAT_MNHA		(1U << 1)

enum psac_event {
	PSAC_EVENT_UNSPEC,
	PSAC_EVENT_INSTALLED,
	PSAC_EVENT_REPLACED,
	PSAC_EVENT_DELETED,		/* by SACONFIGURATION lifetime 0 */
	PSAC_EVENT_EXPIRED,		/* hard lifetime reached */
	PSAC_EVENT_REMOVED,		/* by PSAC_CMD_TARGET_SA_DEL */
	PSAC_EVENT_PEER_MOVED,
	PSAC_EVENT_REKEY_NEEDED,
};

enum psac_psk_attr {
	PSAC_PSK_A_UNSPEC,
	PSAC_PSK_A_KEY_ID,		/* u32 */
	PSAC_PSK_A_KEY,			/* binary, 16..64 octets, write-only */
	PSAC_PSK_A_REALM,		/* binary, 0..64 octets */
	PSAC_PSK_A_RX_COUNTER,		/* u64: highest replay counter seen */
	PSAC_PSK_A_TX_COUNTER,		/* u64: last counter used in replies */
	PSAC_PSK_A_REPLACE,		/* flag: replace an existing key-id */

	__PSAC_PSK_A_MAX,
	PSAC_PSK_A_MAX = __PSAC_PSK_A_MAX - 1
};

#define PSAC_PSK_MIN_LEN	16
#define PSAC_PSK_MAX_LEN	64
#define PSAC_REALM_MAX_LEN	64

enum psac_tcfg_attr {
	PSAC_TCFG_A_UNSPEC,
	PSAC_TCFG_A_ENABLED,		/* u8: accept SACONFIGURATION */
	PSAC_TCFG_A_PORT,		/* u16: UDP port, default 546 */
	PSAC_TCFG_A_MSG_SACONFIG,	/* u8 */
	PSAC_TCFG_A_MSG_SACONFIG_REPLY,	/* u8 */
	PSAC_TCFG_A_OPT_SA,		/* u16 */
	PSAC_TCFG_A_OPT_SA_LIST,	/* u16 */

	__PSAC_TCFG_A_MAX,
	PSAC_TCFG_A_MAX = __PSAC_TCFG_A_MAX - 1
};

enum psac_tsa_attr {
	PSAC_TSA_A_UNSPEC,
	PSAC_TSA_A_PAD,
	PSAC_TSA_A_PEER,		/* binary in6_addr: requestor */
	PSAC_TSA_A_LOCAL,		/* binary in6_addr: this target */
	PSAC_TSA_A_SERVER,		/* binary in6_addr: provisioning server */
	PSAC_TSA_A_KEY_ID,		/* u32: PSK that authenticated it */
	PSAC_TSA_A_SPI_IN,		/* u32: I2R, host order */
	PSAC_TSA_A_SPI_OUT,		/* u32: R2I, host order */
	PSAC_TSA_A_PROTO,		/* u8 */
	PSAC_TSA_A_MODE,		/* u8 */
	PSAC_TSA_A_ENCR_ALG,		/* u16 */
	PSAC_TSA_A_ENCR_KEY_BITS,	/* u16 */
	PSAC_TSA_A_INTEG_ALG,		/* u16 */
	PSAC_TSA_A_ULP,			/* u8 */
	PSAC_TSA_A_SPORT,		/* u16: port, ICMPv6 type or MH type */
	PSAC_TSA_A_DPORT,		/* u16: port or ICMPv6 code */
	PSAC_TSA_A_LIFETIME,		/* u32: seconds as provisioned */
	PSAC_TSA_A_EXPIRES,		/* u64: seconds left, absent if infinite */

	__PSAC_TSA_A_MAX,
	PSAC_TSA_A_MAX = __PSAC_TSA_A_MAX - 1
};

enum psac_tstat_attr {
	PSAC_TSTAT_A_UNSPEC,
	PSAC_TSTAT_A_PAD,
	PSAC_TSTAT_A_RX,		/* u64: SACONFIGURATION received */
	PSAC_TSTAT_A_INSTALLED,		/* u64: SA pairs installed */
	PSAC_TSTAT_A_DELETED,		/* u64: SA pairs removed */
	PSAC_TSTAT_A_AUTH_FAIL,		/* u64: bad or missing HMAC */
	PSAC_TSTAT_A_UNKNOWN_KEY,	/* u64: Key-ID not configured */
	PSAC_TSTAT_A_REPLAY,		/* u64: counter not increasing */
	PSAC_TSTAT_A_PARSE_ERR,		/* u64: malformed messages */
	PSAC_TSTAT_A_UNWRAP_FAIL,	/* u64: key unwrap failed */
	PSAC_TSTAT_A_REJECTED,		/* u64: SAs refused by validation */
	PSAC_TSTAT_A_INSTALL_FAIL,	/* u64: XFRM refused the SA */
	PSAC_TSTAT_A_REPLIES,		/* u64: SACONFIGURATION-REPLY sent */
	PSAC_TSTAT_A_DROPPED,		/* u64: queue full, not processed */

	__PSAC_TSTAT_A_MAX,
	PSAC_TSTAT_A_MAX = __PSAC_TSTAT_A_MAX - 1
};

enum psac_mnha_role {
	PSAC_MNHA_ROLE_HA,		/* home agent: MN->HA is inbound */
	PSAC_MNHA_ROLE_MN,		/* mobile node: HA->MN is inbound */
};

/*
 * SA life cycle.  PSAC_MSA_A_REPLACE installs a new SA for an existing
 * HoA: on the mobile node it carries traffic at once; on the home agent it
 * is PENDING (accepted on receive) until the first authenticated packet
 * on it proves that the MN has it, then it carries traffic.  The SA it
 * replaced is DRAINING: still accepted on receive for
 * PSAC_MNHA_DRAIN_SECONDS, then removed.
 */
enum psac_mnha_sa_state {
	PSAC_MNHA_SA_ACTIVE,
	PSAC_MNHA_SA_PENDING,
	PSAC_MNHA_SA_DRAINING,
};

#define PSAC_MNHA_DRAIN_SECONDS	30

enum psac_mdev_attr {
	PSAC_MDEV_A_UNSPEC,
	PSAC_MDEV_A_PAD,
	PSAC_MDEV_A_IFNAME,		/* string, in GET replies */
	PSAC_MDEV_A_ROLE,		/* u8: enum psac_mnha_role */
	PSAC_MDEV_A_PORT,		/* u16: local UDP port, default 7872 */
	PSAC_MDEV_A_LOCAL6,		/* binary in6_addr: HA (or MN CoA) */
	PSAC_MDEV_A_LOCAL4,		/* binary in_addr */
	PSAC_MDEV_A_SA_COUNT,		/* u32 */
	/* per-device drop counters (u64), read-only */
	PSAC_MDEV_A_DROP_NO_SA,		/* unknown or expired SPI/HoA */
	PSAC_MDEV_A_DROP_BAD_LEN,	/* malformed header, length, padding */
	PSAC_MDEV_A_DROP_AUTH,		/* ICV failures */
	PSAC_MDEV_A_DROP_REPLAY,	/* duplicate or too old */
	PSAC_MDEV_A_DROP_SOURCE,	/* inner address not the SA's HoA/HNP */
	PSAC_MDEV_A_DROP_PLAIN,		/* PType 0 where protection is required */
	PSAC_MDEV_A_TX_DROP_NO_SA,	/* no SA for the inner address */
	PSAC_MDEV_A_TX_DROP_NO_PEER,	/* SA has no peer endpoint yet */
	PSAC_MDEV_A_TX_DROP_SEQ,	/* sequence numbers exhausted */

	__PSAC_MDEV_A_MAX,
	PSAC_MDEV_A_MAX = __PSAC_MDEV_A_MAX - 1
};

enum psac_msa_attr {
	PSAC_MSA_A_UNSPEC,
	PSAC_MSA_A_PAD,
	PSAC_MSA_A_SPI,			/* u32: 28-bit SPI */
	PSAC_MSA_A_SUITE,		/* u16: PSAC_MNHA_SUITE_* */
	PSAC_MSA_A_EKEY_MN2HA,		/* binary, write-only */
	PSAC_MSA_A_IKEY_MN2HA,		/* binary, write-only */
	PSAC_MSA_A_EKEY_HA2MN,		/* binary, write-only */
	PSAC_MSA_A_IKEY_HA2MN,		/* binary, write-only */
	PSAC_MSA_A_HOA6,		/* binary in6_addr */
	PSAC_MSA_A_HOA4,		/* binary in_addr */
	PSAC_MSA_A_HNP6,		/* binary in6_addr */
	PSAC_MSA_A_HNP6_LEN,		/* u8 */
	PSAC_MSA_A_HNP4,		/* binary in_addr */
	PSAC_MSA_A_HNP4_LEN,		/* u8 */
	PSAC_MSA_A_PEER_ADDR,		/* binary, 4 or 16 octets */
	PSAC_MSA_A_PEER_PORT,		/* u16 */
	PSAC_MSA_A_SCOPE,		/* u8: mip6-sas, 0 signalling, 1 all */
	PSAC_MSA_A_VALID_UNTIL,		/* u64: CLOCK_REALTIME seconds, 0 none */
	PSAC_MSA_A_REPLACE,		/* flag: rekey an existing HoA's SA */
	PSAC_MSA_A_TX_SEQ,		/* u32: last sequence number sent (add: start) */
	PSAC_MSA_A_RX_SEQ,		/* u32: highest sequence accepted */
	PSAC_MSA_A_RX_PACKETS,		/* u64 */
	PSAC_MSA_A_TX_PACKETS,		/* u64 */
	PSAC_MSA_A_DROP_AUTH,		/* u64: ICV failures */
	PSAC_MSA_A_DROP_REPLAY,		/* u64 */
	PSAC_MSA_A_DROP_SOURCE,		/* u64: inner source not HoA/HNP */
	PSAC_MSA_A_DROP_BAD_LEN,	/* u64: bad length or padding */
	PSAC_MSA_A_DROP_PLAIN,		/* u64: PType 0 refused (scope 1) */
	PSAC_MSA_A_HAA6,		/* binary in6_addr: HA address (PType 8) */
	PSAC_MSA_A_STATE,		/* u8: enum psac_mnha_sa_state, read-only */

	__PSAC_MSA_A_MAX,
	PSAC_MSA_A_MAX = __PSAC_MSA_A_MAX - 1
};

#endif /* _UAPI_LINUX_PSAC_H */
