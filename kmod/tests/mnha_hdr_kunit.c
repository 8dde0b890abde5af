// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * KUnit suite for the RFC 6618 MN-HA UDP encapsulation helpers
 * (lib/mnha_hdr.c).  The cases live in mnha_hdr_cases.h and also run in
 * user space.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/string.h>

#include "mnha_hdr_cases.h"

#define PSAC_MH_PARAM(tbl)						\
	static void tbl##_desc(const struct tbl##_case *c, char *desc)	\
	{								\
		strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);		\
	}								\
	KUNIT_ARRAY_PARAM(tbl, tbl##_cases, tbl##_desc)

PSAC_MH_PARAM(psac_mh_parse);
PSAC_MH_PARAM(psac_mh_build);
PSAC_MH_PARAM(psac_mh_trailer);
PSAC_MH_PARAM(psac_mh_suite);

static char *psac_mh_msg(struct kunit *test)
{
	char *msg = kunit_kzalloc(test, PSAC_T_MSG_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, msg);
	return msg;
}

static void psac_mh_parse_test(struct kunit *test)
{
	char *msg = psac_mh_msg(test);

	KUNIT_EXPECT_EQ_MSG(test,
			    psac_mh_parse_case_run(test->param_value, msg), 0,
			    "%s", msg);
}

static void psac_mh_build_test(struct kunit *test)
{
	char *msg = psac_mh_msg(test);

	KUNIT_EXPECT_EQ_MSG(test,
			    psac_mh_build_case_run(test->param_value, msg), 0,
			    "%s", msg);
}

static void psac_mh_trailer_test(struct kunit *test)
{
	char *msg = psac_mh_msg(test);

	KUNIT_EXPECT_EQ_MSG(test,
			    psac_mh_trailer_case_run(test->param_value, msg),
			    0, "%s", msg);
}

static void psac_mh_suite_test(struct kunit *test)
{
	char *msg = psac_mh_msg(test);

	KUNIT_EXPECT_EQ_MSG(test,
			    psac_mh_suite_case_run(test->param_value, msg), 0,
			    "%s", msg);
}

static void psac_mh_misc_test(struct kunit *test)
{
	char *msg = psac_mh_msg(test);

	KUNIT_EXPECT_EQ_MSG(test, psac_mh_misc_run(msg), 0, "%s", msg);
}

static struct kunit_case psac_mnha_hdr_test_cases[] = {
	KUNIT_CASE_PARAM(psac_mh_parse_test, psac_mh_parse_gen_params),
	KUNIT_CASE_PARAM(psac_mh_build_test, psac_mh_build_gen_params),
	KUNIT_CASE_PARAM(psac_mh_trailer_test, psac_mh_trailer_gen_params),
	KUNIT_CASE_PARAM(psac_mh_suite_test, psac_mh_suite_gen_params),
	KUNIT_CASE(psac_mh_misc_test),
	{}
};

static struct kunit_suite psac_mnha_hdr_test_suite = {
	.name = "psac_mnha_hdr",
	.test_cases = psac_mnha_hdr_test_cases,
};

kunit_test_suites(&psac_mnha_hdr_test_suite);

MODULE_LICENSE("Dual MIT/GPL");
