// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness: the DHCPv6 message parser of the tools
 * (tools/lib/dhcp6msg.c on kmod/lib's codec), which `psac server`, `psac
 * request` and `psac saconf` run on network input: parse, per-type
 * checks, HMAC verification and key unwrapping, with invariants on what
 * parses.
 */
#include <stdlib.h>

#include "dhcp6msg.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int inside(const uint8_t *data, size_t size, const void *p, size_t n)
{
	const uint8_t *q = p;

	return q >= data && n <= size && q - data <= (ptrdiff_t)(size - n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t psk[32] = { 1, 2, 3 };
	static const uint8_t priv[PSAC_X25519_KEY_LEN] = { 0x40 };
	static struct psac_msg m;
	uint8_t keymat[PSAC_KEYMAT_MAX];
	const char *why = NULL;
	unsigned int i;
	size_t klen;
	int ret;

	ret = psac_msg_parse(data, size, &m, &why);
	CHECK(ret <= 0);
	if (ret) {
		CHECK(why != NULL);
		return 0;
	}
	CHECK(m.n_sa <= PSAC_MSG_MAX_SA && m.n_sareq <= PSAC_MSG_MAX_SAREQ &&
	      m.n_oro <= PSAC_MSG_MAX_ORO);
	CHECK(!m.serverid || inside(data, size, m.serverid, m.serverid_len));
	CHECK(!m.clientid || inside(data, size, m.clientid, m.clientid_len));
	CHECK(!m.has_pubkey || inside(data, size, m.pubkey, m.pubkey_len));
	CHECK(!m.status.present ||
	      inside(data, size, m.status.msg, m.status.msg_len));
	for (i = 0; i < m.n_sa; i++) {
		const struct psac_sa_in *sa = &m.sa[i];

		CHECK(inside(data, size, sa->fixed, PSAC_SA_FIXED_LEN));
		CHECK(sa->prot == sa->fixed + PSAC_SA_FIXED_LEN &&
		      inside(data, size, sa->prot, sa->prot_len));
		CHECK(!sa->status.present ||
		      inside(data, size, sa->status.msg, sa->status.msg_len));
		ret = psac_sa_unwrap_psk(&m, i, psk, sizeof(psk), keymat,
					 sizeof(keymat), &klen);
		CHECK(ret || klen <= sizeof(keymat));
		ret = psac_sa_unwrap_x25519(&m, i, priv, keymat,
					    sizeof(keymat), &klen);
		CHECK(ret || klen <= sizeof(keymat));
	}
	for (i = 0; i < m.n_sareq; i++)
		CHECK(m.sareq[i].nparams >= 1 &&
		      m.sareq[i].nparams <= PSAC_SAREQ_MAX_PARAMS);
	if (m.auth.present && m.auth.realm) {
		CHECK(inside(data, size, m.auth.realm, m.auth.realm_len));
		CHECK(m.auth.hmac_off + PSAC_AUTH_HMAC_LEN <= size);
	}
	ret = psac_msg_verify(data, size, &m, psk, sizeof(psk));
	CHECK(ret == 0 || ret == -ENOKEY || ret == -EPROTO ||
	      ret == -EBADMSG || ret == -EINVAL);
	why = NULL;
	ret = psac_msg_check(&m, &why);
	CHECK(ret <= 0 && (!ret || why));
	return 0;
}
