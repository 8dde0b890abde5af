// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac target stats: the target role's counters.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "crypto.h"
#include "dhcp6msg.h"
#include "genl.h"
#include "genl_cmd.h"
#include "target.h"
#include "util.h"

static const struct {
	int attr;
	const char *text, *json;
} stat_names[] = {
	{ PSAC_TSTAT_A_RX, "rx", "rx" },
	{ PSAC_TSTAT_A_INSTALLED, "installed", "installed" },
	{ PSAC_TSTAT_A_DELETED, "deleted", "deleted" },
	{ PSAC_TSTAT_A_AUTH_FAIL, "auth-fail", "auth_fail" },
	{ PSAC_TSTAT_A_UNKNOWN_KEY, "unknown-key", "unknown_key" },
	{ PSAC_TSTAT_A_REPLAY, "replay", "replay" },
	{ PSAC_TSTAT_A_PARSE_ERR, "parse-error", "parse_error" },
	{ PSAC_TSTAT_A_UNWRAP_FAIL, "unwrap-fail", "unwrap_fail" },
	{ PSAC_TSTAT_A_REJECTED, "rejected", "rejected" },
	{ PSAC_TSTAT_A_INSTALL_FAIL, "install-fail", "install_fail" },
	{ PSAC_TSTAT_A_REPLIES, "replies", "replies" },
	{ PSAC_TSTAT_A_DROPPED, "dropped", "dropped" },
};

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[PSAC_TSTAT_A_MAX + 1];
	const struct nlattr *nest = psac_find_attr(nlh, PSAC_A_TARGET_STATS);
	struct psac_json j;
	unsigned int i;
	uint64_t v;

	(void)data;
	if (!nest || psac_parse_nest(nest, tb, PSAC_TSTAT_A_MAX)) {
		psac_err("target stats: the kernel sent no counters");
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	psac_json_init(&j, stdout, psac_opts.pretty);
	if (psac_opts.json)
		psac_json_obj_open(&j, NULL);
	for (i = 0; i < sizeof(stat_names) / sizeof(stat_names[0]); i++) {
		if (psac_get_u64(tb[stat_names[i].attr], &v))
			continue;
		if (psac_opts.json)
			psac_json_u64(&j, stat_names[i].json, v);
		else
			printf("%s %llu\n", stat_names[i].text,
			       (unsigned long long)v);
	}
	if (psac_opts.json)
		psac_json_obj_close(&j);
	return MNL_CB_OK;
}

int psac_tgt_stats(int argc, char **argv)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g;
	struct nlmsghdr *nlh;
	int ret;

	if (!psac_tgt_no_args(argc, argv, "stats", &ret))
		return ret;
	ret = psac_open_family(&g, "target stats");
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_TARGET_STATS_GET, 0);
	return psac_talk_close(&g, nlh, stats_cb, NULL, "target stats");
}
