// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: the options of the serving roles (run_opts.h).
 */
#include "run_opts.h"
#include "util.h"

int psac_run_opt(const char *object, int opt, const char *arg,
		 struct psac_run_opts *o)
{
	switch (opt) {
	case 'c':
		o->config = arg;
		return 0;
	case PSAC_RUN_OPT_ONCE:
		o->count = 1;
		return 0;
	case PSAC_RUN_OPT_COUNT:
		if (psac_parse_u32(arg, &o->count) || !o->count)
			return psac_usage_err(object, "bad --count '%s' (1..4294967295)",
					      arg);
		return 0;
	case PSAC_RUN_OPT_TIMEOUT:
		if (psac_parse_u32(arg, &o->timeout_s) || !o->timeout_s ||
		    o->timeout_s > 2000000)
			return psac_usage_err(object, "bad --timeout '%s' (1..2000000 seconds)",
					      arg);
		return 0;
	case PSAC_RUN_OPT_READY:
		o->ready = arg;
		return 0;
	case PSAC_RUN_OPT_CHECK:
		o->check = 1;
		return 0;
	}
	return -1;
}
