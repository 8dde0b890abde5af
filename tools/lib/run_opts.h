/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: the options of a role that serves until told to stop, `psac
 * server` and `psac hac`: its configuration file, how many exchanges or
 * seconds to serve, the file that says it is ready, and --check.
 */
#ifndef PSAC_TOOLS_RUN_OPTS_H
#define PSAC_TOOLS_RUN_OPTS_H

#include <getopt.h>
#include <stdint.h>

enum psac_run_opt {
	PSAC_RUN_OPT_ONCE = 0x1100,
	PSAC_RUN_OPT_COUNT,
	PSAC_RUN_OPT_TIMEOUT,
	PSAC_RUN_OPT_READY,
	PSAC_RUN_OPT_CHECK,
};

/* Their getopt_long() entries ('c' is -c/--config). */
#define PSAC_RUN_LONGOPTS \
	{ "config", required_argument, NULL, 'c' }, \
	{ "once", no_argument, NULL, PSAC_RUN_OPT_ONCE }, \
	{ "count", required_argument, NULL, PSAC_RUN_OPT_COUNT }, \
	{ "timeout", required_argument, NULL, PSAC_RUN_OPT_TIMEOUT }, \
	{ "ready", required_argument, NULL, PSAC_RUN_OPT_READY }, \
	{ "check", no_argument, NULL, PSAC_RUN_OPT_CHECK }

struct psac_run_opts {
	const char *config;	/* -c FILE */
	const char *ready;	/* --ready FILE: written once serving */
	uint32_t count;		/* exchanges to serve, 0: no limit */
	uint32_t timeout_s;	/* seconds to serve, 0: no limit */
	int check;		/* check the configuration and exit */
};

/*
 * Parse option @opt with argument @arg into @o: 0 when set, -1 when @opt
 * is not one of these, else the exit status of a usage error already
 * printed for `psac @object`.
 */
int psac_run_opt(const char *object, int opt, const char *arg,
		 struct psac_run_opts *o);

#endif /* PSAC_TOOLS_RUN_OPTS_H */
