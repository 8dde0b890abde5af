// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the wire layouts in uapi/linux/psac_wire.h have exactly the sizes
 * docs/wire-format.md and RFC 6618 give them, and the packed structures put
 * each field at its wire offset.
 */
#include <kunit/test.h>
#include <linux/stddef.h>
#include <linux/psac_wire.h>

static void psac_wire_sizes_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, sizeof(struct psac_sa_req_params),
			(size_t)PSAC_SA_REQ_PARAMS_LEN);
	KUNIT_EXPECT_EQ(test, sizeof(struct psac_sa_fixed),
			(size_t)PSAC_SA_FIXED_LEN);
	KUNIT_EXPECT_EQ(test, sizeof(struct psac_mnha_hdr),
			(size_t)PSAC_MNHA_HDR_LEN);
	KUNIT_EXPECT_EQ(test, sizeof(struct psac_mhauth_hdr),
			(size_t)PSAC_MHAUTH_HDR_LEN);
}

static void psac_wire_offsets_test(struct kunit *test)
{
	/* The AAD covers Peer-Address through Dst-Port-or-Code. */
	KUNIT_EXPECT_EQ(test, offsetof(struct psac_sa_fixed, protected_key_len),
			(size_t)PSAC_SA_AAD_FIXED_LEN);
	KUNIT_EXPECT_EQ(test, offsetof(struct psac_sa_fixed, spi_i2r), 28UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct psac_sa_req_params, requestor_spi),
			12UL);
	KUNIT_EXPECT_EQ(test, PSAC_AUTH_MIN_LEN, 47);
}

static struct kunit_case psac_wire_cases[] = {
	KUNIT_CASE(psac_wire_sizes_test),
	KUNIT_CASE(psac_wire_offsets_test),
	{}
};

static struct kunit_suite psac_wire_suite = {
	.name = "psac_wire",
	.test_cases = psac_wire_cases,
};

kunit_test_suites(&psac_wire_suite);

MODULE_LICENSE("GPL");
