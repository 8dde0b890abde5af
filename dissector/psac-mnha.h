/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psac-mnha.h - MN-HA SA table shared by packet-mnha.c, packet-mhauth.c and
 * psac-crypto.c (key chaining).
 */
#ifndef PSAC_MNHA_H
#define PSAC_MNHA_H

#include <glib.h>

enum {
	MNHA_SA_FROM_UAT = 0,
	MNHA_SA_FROM_PSAC = 1,
	MNHA_SA_FROM_MHAUTH = 2,
};

#define MNHA_KEY_MAX	36	/* AES-256 key and 4-octet salt */

typedef struct {
	guint32 spi;
	guint suite;		/* mip6-ciphersuite */
	int source;		/* MNHA_SA_FROM_* */
	guint8 ekey[2][MNHA_KEY_MAX];	/* [0] MN to HA, [1] HA to MN */
	guint8 ikey[2][20];
} mnha_sa_t;

gboolean mnha_suite_params(guint suite, int *ek, int *ik, int *iv, int *blk, int *icv);
void mnha_learn_sa(const mnha_sa_t *sa);

#endif /* PSAC_MNHA_H */
