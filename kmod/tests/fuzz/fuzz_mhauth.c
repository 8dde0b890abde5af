// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness: the RFC 6618 MHAuth container parser of the tools
 * (tools/lib/mhauth.c), which `psac hac` and `psac mn` run on what the TLS
 * peer sends: parse, header lookup, auth verification, the suite list and
 * the SA a Done response carries.
 */
#include <stdlib.h>

#include "mhauth.h"
#include "mnha_sa.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t psk[32] = { 7 };
	static struct psac_mhauth_msg m;
	static struct psac_mnha_sa sa;
	const char *why = NULL, *v;
	uint16_t ids[16];
	unsigned int i, n;
	char err[128];
	int ret;

	ret = psac_mhauth_parse(data, size, &m, &why);
	CHECK(ret == 0 || (ret == -1 && why));
	if (ret)
		return 0;
	CHECK(m.n <= PSAC_MHAUTH_MAX_HEADERS);
	CHECK(m.auth_idx >= -1 && m.auth_idx < (int)m.n);
	for (i = 0; i < m.n; i++)
		CHECK(m.name[i] && m.value[i] &&
		      psac_mhauth_get(&m, m.name[i]) != NULL);
	ret = psac_mhauth_verify(&m, psk, sizeof(psk), "mhauth", NULL, 0);
	CHECK(ret <= 0 && ret >= -3);
	v = psac_mhauth_get(&m, "mip6-suitelist");
	if (v) {
		ret = psac_mhauth_suitelist_parse(v, ids, 16, &n);
		CHECK(ret || n <= 16);
	}
	err[0] = 0;
	ret = psac_mhauth_sa_from_msg(&m, 1700000000, &sa, err, sizeof(err));
	CHECK(ret == 0 || (ret == -1 && err[0]));
	if (!ret)
		CHECK(sa.suite && sa.spi && !(sa.spi & ~PSAC_MNHA_SPI_MASK));
	return 0;
}
