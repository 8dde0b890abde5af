// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * KUnit suite for the DHCPv6 option iterator, the SACONFIGURATION parser,
 * its builders and SA validation (lib/dhcp6.c).  The cases live in
 * dhcp6_cases.h and also run in user space.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/string.h>

#include "dhcp6_cases.h"

#define PSAC_D6_PARAM(tbl)						\
	static void tbl##_desc(const struct tbl##_case *c, char *desc)	\
	{								\
		strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);		\
	}								\
	KUNIT_ARRAY_PARAM(tbl, tbl##_cases, tbl##_desc)

PSAC_D6_PARAM(psac_iter);
PSAC_D6_PARAM(psac_dhcp6);
PSAC_D6_PARAM(psac_val);

static char *psac_d6_msg(struct kunit *test)
{
	char *msg = kunit_kzalloc(test, PSAC_T_MSG_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, msg);
	return msg;
}

static struct psac_dhcp6_t_scratch *psac_d6_scratch(struct kunit *test)
{
	struct psac_dhcp6_t_scratch *s;

	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	return s;
}

static void psac_iter_test(struct kunit *test)
{
	char *msg = psac_d6_msg(test);

	KUNIT_EXPECT_EQ_MSG(test, psac_iter_case_run(test->param_value, msg),
			    0, "%s", msg);
}

static void psac_dhcp6_parse_test(struct kunit *test)
{
	struct psac_dhcp6_t_scratch *s = psac_d6_scratch(test);
	char *msg = psac_d6_msg(test);

	KUNIT_EXPECT_EQ_MSG(test,
			    psac_dhcp6_case_run(test->param_value, s, msg), 0,
			    "%s", msg);
}

static void psac_val_test(struct kunit *test)
{
	char *msg = psac_d6_msg(test);

	KUNIT_EXPECT_EQ_MSG(test, psac_val_case_run(test->param_value, msg),
			    0, "%s", msg);
}

static void psac_dhcp6_kat_test(struct kunit *test)
{
	char *msg = psac_d6_msg(test);

	KUNIT_EXPECT_EQ_MSG(test, psac_dhcp6_kat_run(msg), 0, "%s", msg);
}

static void psac_dhcp6_roundtrip_test(struct kunit *test)
{
	struct psac_dhcp6_t_scratch *s = psac_d6_scratch(test);
	char *msg = psac_d6_msg(test);

	KUNIT_EXPECT_EQ_MSG(test, psac_dhcp6_roundtrip_run(s, msg), 0,
			    "%s", msg);
}

static void psac_dhcp6_prefix_test(struct kunit *test)
{
	struct psac_dhcp6_t_scratch *s = psac_d6_scratch(test);
	char *msg = psac_d6_msg(test);

	KUNIT_EXPECT_EQ_MSG(test, psac_dhcp6_prefix_run(s, msg), 0, "%s",
			    msg);
}

static void psac_dhcp6_mutate_test(struct kunit *test)
{
	struct psac_dhcp6_t_scratch *s = psac_d6_scratch(test);
	char *msg = psac_d6_msg(test);

	KUNIT_EXPECT_EQ_MSG(test, psac_dhcp6_mutate_run(s, msg), 0, "%s",
			    msg);
}

static void psac_dhcp6_misc_test(struct kunit *test)
{
	char *msg = psac_d6_msg(test);

	KUNIT_EXPECT_EQ_MSG(test, psac_dhcp6_misc_run(msg), 0, "%s", msg);
}

static void psac_sa_alg_test(struct kunit *test)
{
	char *msg = psac_d6_msg(test);

	KUNIT_EXPECT_EQ_MSG(test, psac_sa_alg_run(msg), 0, "%s", msg);
}

static struct kunit_case psac_dhcp6_test_cases[] = {
	KUNIT_CASE_PARAM(psac_iter_test, psac_iter_gen_params),
	KUNIT_CASE_PARAM(psac_dhcp6_parse_test, psac_dhcp6_gen_params),
	KUNIT_CASE_PARAM(psac_val_test, psac_val_gen_params),
	KUNIT_CASE(psac_dhcp6_kat_test),
	KUNIT_CASE(psac_dhcp6_roundtrip_test),
	KUNIT_CASE(psac_dhcp6_prefix_test),
	KUNIT_CASE(psac_dhcp6_mutate_test),
	KUNIT_CASE(psac_dhcp6_misc_test),
	KUNIT_CASE(psac_sa_alg_test),
	{}
};

static struct kunit_suite psac_dhcp6_test_suite = {
	.name = "psac_dhcp6",
	.test_cases = psac_dhcp6_test_cases,
};

kunit_test_suites(&psac_dhcp6_test_suite);

MODULE_LICENSE("Dual MIT/GPL");
