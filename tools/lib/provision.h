/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: the requestor <-> DHCPv6 server half of PSAC
 * (docs/wire-format.md), shared by 'psac server' and 'psac request' and
 * kept free of sockets so the unit tests drive it directly:
 *
 *  - the server's configuration file and policy,
 *  - choosing the first acceptable SA_REQ_PARAMS proposal,
 *  - the SPI pairs the server has handed out (grants),
 *  - the Reply that answers every SA_REQUEST with a result,
 *  - the requestor's check that a granted SA is one it proposed.
 *
 * Wire convention fixed here (where the drafts are silent), the same one the
 * target uses in SACONFIGURATION-REPLY: the Reply to an Information-Request
 * or Request carrying SA_REQUEST options is SERVERID, CLIENTID, [top-level
 * STATUS_CODE], SA_LIST{ for every SA_REQUEST in order: OPTION_SA, then the
 * STATUS_CODE of that SA pair }.  A granted pair's OPTION_SA carries the
 * KEYMAT under the requestor's X25519 key (Key-Prot-Alg 1); a refused one is
 * an echo of the request (Peer-Address = the target, first proposal's
 * parameters, SPIs 0, Key-Prot-Alg 0, Protected-Key-Len 0).  A proposal
 * with Lifetime 0 asks to release the pair whose SPI-R2I is its
 * Requestor-SPI; the answer is that pair's OPTION_SA with Lifetime 0 and an
 * empty KEYMAT under the requestor's key.
 */
#ifndef PSAC_TOOLS_PROVISION_H
#define PSAC_TOOLS_PROVISION_H

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "dhcp6msg.h"

#define PSAC_SRV_MAX_TARGETS	64
#define PSAC_SRV_MAX_ALGS	32
#define PSAC_SRV_RETRIES	8	/* retransmissions after the first */
#define PSAC_SRV_INTERVAL_S	2	/* RFC 8415 REC_TIMEOUT */
#define PSAC_SRV_LIFETIME	3600
#define PSAC_SRV_SPI_MIN	0x00001000U
#define PSAC_SRV_SPI_MAX	0x7fffffffU
#define PSAC_ESP_SPI_MIN	256U	/* RFC 4303: 1..255 reserved */

/* Enterprise number 32473 is reserved for documentation (RFC 5612). */
#define PSAC_DUID_EN_DOC	32473

/* ---------------------------------------------------------------------- */
/* Server configuration                                                    */
/* ---------------------------------------------------------------------- */

struct psac_srv_encr {
	uint16_t alg;
	uint16_t bits;
};

struct psac_srv_policy {
	unsigned int n_encr;
	struct psac_srv_encr encr[PSAC_SRV_MAX_ALGS];
	unsigned int n_integ;
	uint16_t integ[PSAC_SRV_MAX_ALGS];	/* for non-AEAD encryption */
	uint32_t modes;			/* bit 1 << PSAC_MODE_* */
	uint32_t ulps[8];		/* 256-bit set of allowed ULPs */
	uint32_t lifetime_default;	/* given for a proposal of "infinite" */
	uint32_t lifetime_max;		/* cap on a finite proposal */
	uint32_t spi_min, spi_max;
};

struct psac_srv_target {
	struct in6_addr addr;
	uint16_t port;
	uint32_t key_id;
	uint8_t psk[PSAC_PSK_MAX_LEN];
	size_t psk_len;
	uint8_t realm[PSAC_REALM_MAX_LEN];
	size_t realm_len;
	unsigned int line;		/* in the configuration file */
	/* run time: highest replay counter of the target's replies */
	int rx_seen;
	uint64_t rx_counter;
};

struct psac_srv_config {
	struct in6_addr listen;		/* :: by default */
	uint16_t port;			/* 547 */
	char dev[IF_NAMESIZE];		/* "" = any */
	uint8_t duid[PSAC_DUID_MAX_LEN];
	size_t duid_len;		/* 0: psac_default_duid() */
	unsigned int retries;
	unsigned int interval_s;
	struct psac_srv_policy pol;
	unsigned int n_targets;
	struct psac_srv_target targets[PSAC_SRV_MAX_TARGETS];
};

/* Defaults: listen [::]:547, retries 8 every 2 s, the default policy. */
void psac_srv_config_init(struct psac_srv_config *c);

/*
 * Parse the configuration file text (NUL-terminated).  Relative psk-file
 * paths are taken relative to dir (NULL: the current directory).  On error
 * returns -1 with "line N: what is wrong" in err.
 */
int psac_srv_config_parse(struct psac_srv_config *c, const char *text,
			  const char *dir, char *err, size_t errlen);
/* The same for the file @path (psac_conf_load(): text, at most 1 MiB). */
int psac_srv_config_load(struct psac_srv_config *c, const char *path,
			 char *err, size_t errlen);

struct psac_srv_target *psac_srv_find_target(struct psac_srv_config *c,
					     const struct in6_addr *addr);

/* Wipe the PSKs. */
void psac_srv_config_wipe(struct psac_srv_config *c);

/* ---------------------------------------------------------------------- */
/* Proposal selection                                                      */
/* ---------------------------------------------------------------------- */

struct psac_selection {
	int index;			/* chosen proposal, -1 if none */
	uint16_t status;		/* PSAC_STATUS_SUCCESS or why none */
	char why[160];
	struct psac_sa_params p;	/* chosen parameters; peer and SPIs
					 * are the caller's */
	size_t keymat_len;
};

/*
 * Choose the first acceptable proposal of an SA_REQUEST under pol: ESP,
 * an allowed mode and ULP with valid selectors, an allowed encryption
 * algorithm and key size, an allowed integrity algorithm (none with AEAD),
 * no flags.  The lifetime becomes pol->lifetime_default for "infinite" and
 * is capped at pol->lifetime_max.  Proposals with Lifetime 0 (release) are
 * not selectable.  Returns 0 when one was chosen, -1 otherwise with the
 * status (AlgNotSupported, or SAReqUnsupported when no proposal failed on
 * algorithms alone) and why naming the first proposal's problem.
 */
int psac_srv_select(const struct psac_srv_policy *pol,
		    const struct psac_sareq_in *rq, struct psac_selection *sel);

/* ---------------------------------------------------------------------- */
/* Grants: SPI pairs handed out                                            */
/* ---------------------------------------------------------------------- */

#define PSAC_MAX_GRANTS		256

struct psac_grant {
	int used;
	int confirmed;			/* the target installed it */
	struct in6_addr requestor, target;
	struct psac_sa_params p;	/* target's copy (peer = requestor) */
	long long expires_ms;		/* monotonic; 0 = never */
};

struct psac_grants {
	struct psac_grant g[PSAC_MAX_GRANTS];
};

/* Drop grants whose lifetime is over at now_ms. */
void psac_grants_expire(struct psac_grants *t, long long now_ms);

/*
 * Reserve an SPI pair for requestor <-> target in the pol range: SPI-I2R
 * unique among the target's grants, SPI-R2I among the requestor's.  want_r2i
 * (the proposal's Requestor-SPI) is honoured when it is at least 256 and
 * free.  p is copied (its SPIs are set).  Returns the grant or NULL when
 * the table is full or the range exhausted.
 */
struct psac_grant *psac_grants_reserve(struct psac_grants *t,
				       const struct psac_srv_policy *pol,
				       const struct in6_addr *requestor,
				       const struct in6_addr *target,
				       const struct psac_sa_params *p,
				       uint32_t want_r2i);

/* The confirmed grant with this SPI-R2I between the two, or NULL. */
struct psac_grant *psac_grants_find(struct psac_grants *t,
				    const struct in6_addr *requestor,
				    const struct in6_addr *target,
				    uint32_t spi_r2i);

void psac_grant_release(struct psac_grant *g);

/*
 * g was confirmed: release the other confirmed grants between the same
 * requestor and target with the same protocol, mode and selectors (the
 * target replaced those pairs by this one).  Returns how many.
 */
unsigned int psac_grants_supersede(struct psac_grants *t,
				   const struct psac_grant *g);

/* ---------------------------------------------------------------------- */
/* The Reply with one result per SA_REQUEST                                */
/* ---------------------------------------------------------------------- */

struct psac_sa_result_out {
	struct psac_sa_params p;	/* requestor's copy: peer = target */
	int with_key;			/* wrap keymat (may be empty) */
	const uint8_t *keymat;
	size_t keymat_len;
	uint16_t status;
	const char *msg;		/* may be NULL */
};

int psac_build_result_reply(uint8_t *buf, size_t cap, size_t *len,
			    uint32_t xid,
			    const uint8_t *serverid, size_t serverid_len,
			    const uint8_t *clientid, size_t clientid_len,
			    const uint8_t rcpt_pub[PSAC_X25519_KEY_LEN],
			    const struct psac_sa_result_out *res,
			    unsigned int nres, uint16_t status,
			    const char *status_msg);
/* (clientid NULL: no CLIENTID, for an Information-Request without one;
 * a STATUS_CODE is put when status is not Success or status_msg is set) */

/* The refusal echo of an SA_REQUEST: its target and first proposal. */
void psac_sareq_echo(const struct psac_sareq_in *rq,
		     struct psac_sa_params *p);

/* ---------------------------------------------------------------------- */
/* Requestor side                                                          */
/* ---------------------------------------------------------------------- */

/*
 * Is the SA the server granted one of the proposals we made for target?
 * Same protocol, mode, algorithms, key size, ULP and selectors as one
 * proposal, the Peer-Address is the target, SPIs of at least 256, a
 * lifetime not longer than asked (not 0), and a KEYMAT of the size the
 * algorithms need.  Returns the proposal index or -1 with *why set.
 */
int psac_req_match_grant(const struct psac_req_params *props, unsigned int n,
			 const struct in6_addr *target,
			 const struct psac_sa_params *got, size_t keymat_len,
			 const char **why);

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */
/* ---------------------------------------------------------------------- */

/* DUID-EN 32473 with 8 octets of SHA-256(seed). */
size_t psac_duid_en(uint8_t duid[PSAC_DUID_MAX_LEN], const void *seed,
		    size_t seed_len);
/* ... of the host name (the default SERVERID of 'psac saconf build'). */
size_t psac_default_duid(uint8_t duid[PSAC_DUID_MAX_LEN]);

/* CLOCK_REALTIME in nanoseconds (the default replay counter). */
uint64_t psac_now_ns(void);

/* "esp transport aes-gcm-16/128 integ none ulp udp sport 0 dport 53
 * lifetime 3600" */
void psac_sa_params_str(const struct psac_sa_params *p, char *buf,
			size_t len);
void psac_req_params_str(const struct psac_req_params *r, char *buf,
			 size_t len);

#endif /* PSAC_TOOLS_PROVISION_H */
