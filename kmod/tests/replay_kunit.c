// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * KUnit suite for the RFC 6479 anti-replay window (lib/replay.c).
 * The cases live in replay_cases.h and also run in user space.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/string.h>

#include "replay_cases.h"

static void psac_replay_case_desc(const struct psac_replay_case *c,
				  char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(psac_replay, psac_replay_cases, psac_replay_case_desc);

static void psac_replay_table_test(struct kunit *test)
{
	const struct psac_replay_case *c = test->param_value;
	struct psac_replay *w;
	char *msg;

	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	msg = kunit_kzalloc(test, PSAC_T_MSG_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, w);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, msg);
	KUNIT_EXPECT_EQ_MSG(test, psac_replay_case_run(c, w, msg), 0,
			    "%s", msg);
}

static void psac_replay_model(struct kunit *test, u32 start)
{
	struct psac_replay *w;
	char *msg;
	u8 *seen;

	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	seen = kunit_kzalloc(test, PSAC_RM_SEEN_LEN, GFP_KERNEL);
	msg = kunit_kzalloc(test, PSAC_T_MSG_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, w);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, seen);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, msg);
	KUNIT_EXPECT_EQ_MSG(test, psac_replay_model_run(w, seen, start, msg),
			    0, "%s", msg);
}

static void psac_replay_model_test(struct kunit *test)
{
	psac_replay_model(test, 0);
}

static void psac_replay_model_end_test(struct kunit *test)
{
	psac_replay_model(test, PSAC_RM_LATE_START);
}

static struct kunit_case psac_replay_test_cases[] = {
	KUNIT_CASE_PARAM(psac_replay_table_test, psac_replay_gen_params),
	KUNIT_CASE(psac_replay_model_test),
	KUNIT_CASE(psac_replay_model_end_test),
	{}
};

static struct kunit_suite psac_replay_test_suite = {
	.name = "psac_replay",
	.test_cases = psac_replay_test_cases,
};

kunit_test_suites(&psac_replay_test_suite);

MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("KUnit tests for psac pure-C helpers");
