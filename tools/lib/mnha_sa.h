/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: one MN-HA SA and its installation into an mnha device over
 * generic netlink (PSAC_CMD_MNHA_SA_ADD).  Shared by `psac mnha sa add`,
 * `psac hac` (the home agent's side) and `psac mn` (the mobile node's).
 */
#ifndef PSAC_TOOLS_MNHA_SA_H
#define PSAC_TOOLS_MNHA_SA_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "mnha_hdr.h"

/*
 * RFC 6618 ciphersuites (mip6-ciphersuite): the table of kmod/lib.
 * psac_mnha_suite_parse() takes a name ("aes128-gcm") or a number
 * ("0x009c"); NULL when unknown.
 */
const struct psac_mnha_suite *psac_mnha_suite_parse(const char *s);

/* The four keys, in this order everywhere. */
enum {
	PSAC_MNHA_EKEY_MN2HA, PSAC_MNHA_IKEY_MN2HA, PSAC_MNHA_EKEY_HA2MN,
	PSAC_MNHA_IKEY_HA2MN, PSAC_MNHA_N_KEYS
};
#define PSAC_MNHA_KEY_MAX	64

/* Short name ("ekey-mn2ha") and RFC 6618 header name ("mip6-mn-to-ha-ekey"). */
const char *psac_mnha_key_name(int k);
const char *psac_mnha_key_header(int k);
/* Either name, case-insensitive: the key index or -1. */
int psac_mnha_key_index(const char *name);

struct psac_mnha_sa {
	uint32_t spi;
	const struct psac_mnha_suite *suite;
	int have_key[PSAC_MNHA_N_KEYS];
	uint8_t key[PSAC_MNHA_N_KEYS][PSAC_MNHA_KEY_MAX];
	size_t key_len[PSAC_MNHA_N_KEYS];
	struct in6_addr hoa, hnp, haa, peer6;
	struct in_addr hoa4, hnp4, peer4;
	uint8_t hnp_len, hnp4_len, scope;
	uint16_t port;
	uint32_t tx_seq;
	uint64_t valid_until;		/* seconds since the epoch, 0 never */
	int peer_af;			/* 0, AF_INET6 or AF_INET */
	int have_hoa, have_hoa4, have_hnp, have_hnp4, have_haa, have_port;
	int have_scope, have_valid, have_txseq, replace;
};

/*
 * Check the keys against the suite: 0, or -1 with *why set to a static
 * message naming the key (*key_idx is the offending key or -1).
 */
int psac_mnha_sa_check_keys(const struct psac_mnha_sa *sa, int *key_idx,
			    const char **why);

/*
 * Install sa into the mnha device ifindex.  Errors are reported on stderr
 * prefixed with what (the kernel's extack text included); returns the exit
 * status (PSAC_EXIT_OK, _FAIL or _NOMODULE).  *err receives the negative
 * errno of the kernel's answer (0 on success) when err is not NULL.
 */
int psac_mnha_sa_install(uint32_t ifindex, const struct psac_mnha_sa *sa,
			 const char *what, int *err);

/* "PREFIX/LEN" of family af (LEN 1..128 or 1..32): 0 or -1. */
int psac_parse_prefix(const char *s, int af, void *addr, uint8_t *len);

/* Remove the SA spi from ifindex (PSAC_CMD_MNHA_SA_DEL); the exit status. */
int psac_mnha_sa_remove(uint32_t ifindex, uint32_t spi, const char *what);

/*
 * OPTION_SA mode 3 (docs/wire-format.md), how a HAC pushes an MN-HA SA to a
 * remote home agent: Protocol 17, Mode 3, the suite's IKEv2 IDs, SPI-I2R =
 * SPI-R2I = the SPI, Peer-Address = the home address, Src-Port = port,
 * ULP 0, Lifetime = seconds from now to valid_until (infinite without),
 * KEYMAT = mn-to-ha ekey | ikey | ha-to-mn ekey | ikey.
 */
struct psac_sa_params;
#define PSAC_MNHA_KEYMAT_MAX	(4 * PSAC_MNHA_KEY_MAX)

/*
 * Encodes sa (suite, spi, keys, hoa; no hoa4/hnp/hnp4, scope 1) for port at
 * time now (seconds since the epoch): 0, or -1 with *why.
 */
int psac_mnha_sa_to_option(const struct psac_mnha_sa *sa, uint16_t port,
			   uint64_t now, struct psac_sa_params *p,
			   uint8_t keymat[PSAC_MNHA_KEYMAT_MAX],
			   size_t *keymat_len, const char **why);
/* The inverse (what the home agent installs): 0, or -1 with *why. */
int psac_mnha_sa_from_option(const struct psac_sa_params *p,
			     const uint8_t *keymat, size_t keymat_len,
			     uint64_t now, struct psac_mnha_sa *sa,
			     const char **why);

#endif /* PSAC_TOOLS_MNHA_SA_H */
