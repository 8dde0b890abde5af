// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * User-space runner for the shared psac test tables (the KUnit suites in
 * kmod/tests/ run the same cases).  TAP-style output, then the line
 * "N passed, N failed"; exits non-zero on any failure.
 */
#include <stdio.h>
#include <stdlib.h>

#include "replay_cases.h"
#include "mnha_hdr_cases.h"
#include "dhcp6_cases.h"

static unsigned int n_run, n_fail;

static void report(const char *suite, const char *name, int ret,
		   const char *msg)
{
	n_run++;
	if (ret) {
		n_fail++;
		printf("not ok %u - %s: %s\n# %s\n", n_run, suite, name, msg);
	} else {
		printf("ok %u - %s: %s\n", n_run, suite, name);
	}
	fflush(stdout);
}

#define RUN_TABLE(suite, table, fn, ...)				\
	do {								\
		unsigned int i_;					\
		for (i_ = 0; i_ < ARRAY_SIZE(table); i_++) {		\
			msg[0] = '\0';					\
			report(suite, table[i_].name,			\
			       fn(&table[i_], __VA_ARGS__), msg);	\
		}							\
	} while (0)

#define RUN_ONE(suite, name, call)					\
	do {								\
		msg[0] = '\0';						\
		report(suite, name, call, msg);				\
	} while (0)

int main(void)
{
	static struct psac_dhcp6_t_scratch scratch;
	static struct psac_replay w;
	static u8 seen[PSAC_RM_SEEN_LEN];
	static char msg[PSAC_T_MSG_LEN];

	RUN_TABLE("replay", psac_replay_cases, psac_replay_case_run, &w, msg);
	RUN_ONE("replay", "random walk against a model, from 1",
		psac_replay_model_run(&w, seen, 0, msg));
	RUN_ONE("replay", "random walk against a model, up to 2^32-1",
		psac_replay_model_run(&w, seen, PSAC_RM_LATE_START, msg));

	RUN_TABLE("mnha_hdr", psac_mh_parse_cases, psac_mh_parse_case_run,
		  msg);
	RUN_TABLE("mnha_hdr", psac_mh_build_cases, psac_mh_build_case_run,
		  msg);
	RUN_TABLE("mnha_hdr", psac_mh_trailer_cases,
		  psac_mh_trailer_case_run, msg);
	RUN_TABLE("mnha_hdr", psac_mh_suite_cases, psac_mh_suite_case_run,
		  msg);
	RUN_ONE("mnha_hdr", "suite table iteration and names, lookup misses, longest padding",
		psac_mh_misc_run(msg));

	RUN_TABLE("dhcp6", psac_iter_cases, psac_iter_case_run, msg);
	RUN_TABLE("dhcp6", psac_dhcp6_cases, psac_dhcp6_case_run, &scratch,
		  msg);
	RUN_TABLE("dhcp6", psac_val_cases, psac_val_case_run, msg);
	RUN_ONE("dhcp6", "OPTION_SA and AAD known answers",
		psac_dhcp6_kat_run(msg));
	RUN_ONE("dhcp6", "builders and parser round trip",
		psac_dhcp6_roundtrip_run(&scratch, msg));
	RUN_ONE("dhcp6", "every truncation rejected",
		psac_dhcp6_prefix_run(&scratch, msg));
	RUN_ONE("dhcp6", "every single-octet mutation survives",
		psac_dhcp6_mutate_run(&scratch, msg));
	RUN_ONE("dhcp6", "defaults, error strings and status names",
		psac_dhcp6_misc_run(msg));
	RUN_ONE("sa_alg", "transform table: key sizes, what psac.ko installs, names",
		psac_sa_alg_run(msg));

	printf("1..%u\n", n_run);
	printf("%u passed, %u failed\n", n_run - n_fail, n_fail);
	return n_fail ? EXIT_FAILURE : EXIT_SUCCESS;
}
