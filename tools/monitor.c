// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: the event loop of `psac target monitor` and `psac mnha
 * monitor`.  A translation unit of its own, so that the tests' fake kernel
 * (-Wl,--wrap on the psac_genl_* calls) also stands behind it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "genl.h"
#include "util.h"

int psac_genl_monitor(struct psac_genl *g, const char *what,
		      const char *group, uint32_t count, uint32_t timeout_s,
		      psac_genl_cb cb, void *data, const uint32_t *seen)
{
	long long deadline = 0;
	int ret, lost = 0;

	ret = psac_genl_join(g, group);
	if (ret) {
		if (ret == -ENOENT)
			psac_err("%s: the module has no multicast group '%s'",
				 what, group);
		else
			psac_err("%s: joining group '%s': %s", what, group,
				 strerror(-ret));
		return PSAC_EXIT_FAIL;
	}
	if (psac_opts.verbose)
		fprintf(stderr, "psac: joined multicast group '%s'\n", group);
	if (timeout_s)
		deadline = psac_mono_ms() + (long long)timeout_s * 1000;

	for (;;) {
		int wait = -1;

		if (count && *seen >= count)
			return PSAC_EXIT_OK;
		if (deadline) {
			long long left = deadline - psac_mono_ms();

			if (left <= 0) {
				if (count)
					psac_err("%s: %u of %u event%s within %u s",
						 what, *seen, count,
						 count == 1 ? "" : "s", timeout_s);
				else if (psac_opts.verbose)
					fprintf(stderr, "psac: %u event%s in %u s\n",
						*seen, *seen == 1 ? "" : "s",
						timeout_s);
				return PSAC_EXIT_TIMEOUT;
			}
			wait = (int)left;
		}
		ret = psac_genl_recv_events(g, wait, cb, data);
		if (ret == -ENOBUFS) {
			/* the socket overflowed: say so once, keep going */
			if (!lost++)
				psac_warn("%s: events were lost (receive buffer overrun)",
					  what);
			continue;
		}
		if (ret < 0) {
			psac_err("%s: %s", what, strerror(-ret));
			return PSAC_EXIT_FAIL;
		}
	}
}
