/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac saconf (tools/saconf/): SACONFIGURATION messages by hand, in four
 * files:
 *   cmd_saconf.c  the help, the dispatch and what the three share
 *   build.c       `saconf build`: a message from options, to a file
 *   show.c        `saconf show`: decode, verify, unwrap, print (text, JSON)
 *   send.c        `saconf send`: one exchange with a target over UDP
 */
#ifndef PSAC_TOOLS_SACONF_H
#define PSAC_TOOLS_SACONF_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp6msg.h"

#define MSG_MAX		65535
#define REC_TIMEOUT_MS	2000	/* RFC 8415 REC_TIMEOUT: retransmission */
/* Enterprise number 32473 is reserved for documentation (RFC 5612). */
#define DEFAULT_DUID_EN	32473

enum {
	OPT_PSK_FILE = 256, OPT_KEY_ID, OPT_COUNTER, OPT_XID, OPT_REALM,
	OPT_DUID, OPT_KEYMAT_OUT, OPT_NEXT_SA, OPT_PEER, OPT_SPI_IN,
	OPT_SPI_OUT, OPT_KEYMAT, OPT_SRC_PORT,
	OPT_X25519_KEY, OPT_SHOW_KEYS, OPT_TO, OPT_PORT, OPT_FROM, OPT_DEV,
	OPT_WAIT, OPT_RETRIES,
};

struct keys {
	const uint8_t *psk;
	size_t psk_len;
	const uint8_t *x25519;		/* private key */
	int show_keys;
};

/* per message: outcome of verification and unwrapping */
struct verdict {
	int auth;			/* 1 ok, 0 not checked, <0 -errno */
	int unwrap_fail;		/* number of SAs that failed */
};

#define usage_err(...)	psac_usage_err("saconf", __VA_ARGS__)

/* cmd_saconf.c */
int psac_saconf_load_psk(const char *path, uint8_t *psk, size_t *len);
void psac_saconf_addr_str(const void *a, char *buf, size_t len);

/* The subcommands: argv[0] is their name. */
int psac_saconf_build(int argc, char **argv);
int psac_saconf_show(int argc, char **argv);
int psac_saconf_send(int argc, char **argv);

/* show.c: one message, decoded, with what @k can verify and unwrap. */
void psac_saconf_print_msg(const uint8_t *buf, size_t len, const struct psac_msg *m,
			   const struct keys *k, struct verdict *vd,
			   const char *header);

#endif /* PSAC_TOOLS_SACONF_H */
