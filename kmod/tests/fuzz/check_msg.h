/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Invariants of a parsed SACONFIGURATION, shared by the DHCPv6 harnesses:
 * every pointer inside the input, the builders reproduce the wire image,
 * the SA validation answers one of its documented statuses.
 */
#ifndef PSAC_FUZZ_CHECK_MSG_H
#define PSAC_FUZZ_CHECK_MSG_H

#include <stdlib.h>

#include "dhcp6.h"
#include "mnha_hdr.h"

#define CHECK(x) do { if (!(x)) abort(); } while (0)

static void check_msg(const u8 *data, size_t size,
		      const struct psac_dhcp6_msg *m)
{
	const u8 *end = data + size;
	u8 fixed[PSAC_SA_FIXED_LEN], aad[PSAC_SA_AAD_LEN];
	struct psac_sa_alg alg;
	unsigned int i, j;
	int st;

	CHECK(m->n_sa <= PSAC_DHCP6_MAX_SA);
	CHECK(m->has_auth && m->serverid);
	CHECK(m->serverid >= data && m->serverid + m->serverid_len <= end);
	CHECK(!m->clientid ||
	      (m->clientid >= data && m->clientid + m->clientid_len <= end));
	CHECK(m->auth.hmac_off + PSAC_AUTH_HMAC_LEN <= size);
	CHECK(m->auth.hmac == data + m->auth.hmac_off);
	CHECK(m->auth.realm >= data);
	CHECK(m->auth.hmac ==
	      m->auth.realm + m->auth.realm_len + PSAC_AUTH_KEYID_LEN);
	CHECK(psac_get_be32(m->auth.hmac - PSAC_AUTH_KEYID_LEN) ==
	      m->auth.key_id);

	for (i = 0; i < m->n_sa; i++) {
		const struct psac_dhcp6_sa *sa = &m->sa[i];

		CHECK(sa->fixed >= data);
		CHECK(sa->pkey == sa->fixed + PSAC_SA_FIXED_LEN);
		CHECK(sa->pkey + sa->pkey_len <= end);
		/* the builder reproduces the wire image but reserved octets */
		psac_dhcp6_put_sa_fixed(fixed, sa);
		for (j = 0; j < PSAC_SA_FIXED_LEN; j++)
			if (j != offsetof(struct psac_sa_fixed, reserved1) &&
			    j != offsetof(struct psac_sa_fixed, reserved2))
				CHECK(fixed[j] == sa->fixed[j]);
		psac_sa_build_aad(aad, sa->fixed, m->xid);
		CHECK(!memcmp(aad, sa->fixed, PSAC_SA_AAD_FIXED_LEN));

		st = psac_dhcp6_sa_validate(sa, &alg);
		if (st == PSAC_STATUS_SUCCESS) {
			CHECK(alg.keymat_len <= PSAC_KEYMAT_MAX);
			CHECK(alg.keymat_len ==
			      2U * (alg.ekey_len + alg.ikey_len));
			CHECK(!alg.mnha == (sa->mode != PSAC_MODE_MNHA_UDP));
		} else {
			CHECK(st == PSAC_STATUS_SA_REQ_UNSUPPORTED ||
			      st == PSAC_STATUS_ALG_NOT_SUPPORTED ||
			      st == PSAC_STATUS_KEY_PROT_FAILED);
		}
	}
}

#endif
