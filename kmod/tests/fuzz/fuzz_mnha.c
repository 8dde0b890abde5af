// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness: MN-HA UDP encapsulation header, trailer and size
 * helpers (kmod/lib/mnha_hdr.c).
 */
#include <stdlib.h>

#include "mnha_hdr.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define CHECK(x) do { if (!(x)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const struct psac_mnha_suite *s;
	struct psac_mnha_hdr_info h;
	u8 hdr[PSAC_MNHA_HDR_LEN];
	unsigned int pt;
	size_t enc;
	u8 nh;
	int ret;

	ret = psac_mnha_hdr_parse(data, size, &h);
	if (!ret) {
		CHECK(psac_mnha_hdr_build(hdr, h.ptype, h.spi, h.seq) == 0);
		CHECK(!memcmp(hdr, data, sizeof(hdr)));
	} else {
		CHECK(ret == -EBADMSG || ret == -EINVAL ||
		      ret == -EPROTONOSUPPORT);
	}

	for (pt = 0; pt < 16; pt++) {
		ret = psac_mnha_trailer_check(data, size, (u8)pt, &nh);
		if (ret > 0) {
			CHECK((size_t)ret <= size);
			CHECK(ret >= PSAC_MNHA_TRAILER_LEN);
			CHECK(psac_mnha_nexthdr_ok((u8)pt, nh));
		} else {
			CHECK(ret == -EBADMSG || ret == -EPROTO);
		}
	}

	if (size < 2)
		return 0;
	s = psac_mnha_suite_get(psac_get_be16(data));
	if (!s)
		return 0;
	CHECK(psac_mnha_suite_find(s->encr_alg, s->encr_key_bits,
				   s->integ_alg) == s);
	enc = psac_mnha_encap_len(s, size);
	CHECK(psac_mnha_len_ok(s, enc));
	CHECK(enc - size <= psac_mnha_max_overhead(s));
	CHECK((size + psac_mnha_pad_len(s, size) + PSAC_MNHA_TRAILER_LEN) %
	      s->block_len == 0);
	return 0;
}
