// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac target config: show and set the target configuration.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "dhcp6msg.h"
#include "genl.h"
#include "genl_cmd.h"
#include "target.h"
#include "util.h"

/* One numeric setting: "name N", or JSON "name_with_underscores": N. */
static void cfg_num(struct psac_json *j, const struct nlattr *a,
		    enum mnl_attr_data_type type, const char *name)
{
	char key[32];
	unsigned int v;
	size_t i;

	if (!a || mnl_attr_validate(a, type) < 0)
		return;
	v = type == MNL_TYPE_U8 ? mnl_attr_get_u8(a) : mnl_attr_get_u16(a);
	if (!psac_opts.json) {
		printf("%s %u\n", name, v);
		return;
	}
	snprintf(key, sizeof(key), "%s", name);
	for (i = 0; key[i]; i++)
		if (key[i] == '-')
			key[i] = '_';
	psac_json_u64(j, key, v);
}

static int config_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[PSAC_TCFG_A_MAX + 1];
	const struct nlattr *nest = psac_find_attr(nlh, PSAC_A_TARGET_CONFIG);
	struct psac_json j;
	uint8_t enabled;

	(void)data;
	if (!nest || psac_parse_nest(nest, tb, PSAC_TCFG_A_MAX)) {
		psac_err("target config: the kernel sent no configuration");
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	psac_json_init(&j, stdout, psac_opts.pretty);
	if (psac_opts.json)
		psac_json_obj_open(&j, NULL);
	if (!psac_get_u8(tb[PSAC_TCFG_A_ENABLED], &enabled)) {
		if (psac_opts.json)
			psac_json_bool(&j, "enabled", enabled);
		else
			printf("enabled %s\n", enabled ? "yes" : "no");
	}
	cfg_num(&j, tb[PSAC_TCFG_A_PORT], MNL_TYPE_U16, "port");
	cfg_num(&j, tb[PSAC_TCFG_A_MSG_SACONFIG], MNL_TYPE_U8, "msg-saconfig");
	cfg_num(&j, tb[PSAC_TCFG_A_MSG_SACONFIG_REPLY], MNL_TYPE_U8,
		"msg-saconfig-reply");
	cfg_num(&j, tb[PSAC_TCFG_A_OPT_SA], MNL_TYPE_U16, "opt-sa");
	cfg_num(&j, tb[PSAC_TCFG_A_OPT_SA_LIST], MNL_TYPE_U16, "opt-sa-list");
	if (psac_opts.json)
		psac_json_obj_close(&j);
	return MNL_CB_OK;
}

int psac_tgt_config_show(int argc, char **argv)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g;
	struct nlmsghdr *nlh;
	int ret;

	if (!psac_tgt_no_args(argc, argv, "config show", &ret))
		return ret;
	ret = psac_open_family(&g, "target config");
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_TARGET_CONFIG_GET, 0);
	return psac_talk_close(&g, nlh, config_cb, NULL, "target config");
}

enum { KW_ENABLE, KW_DISABLE, KW_PORT, KW_MSG, KW_MSG_REPLY, KW_OPT_SA,
       KW_OPT_SA_LIST };

int psac_tgt_config_set(int argc, char **argv)
{
	static const struct psac_word kws[] = {
		{ "enable", KW_ENABLE },
		{ "disable", KW_DISABLE },
		{ "port", KW_PORT },
		{ "msg-saconfig", KW_MSG },
		{ "msg-saconfig-reply", KW_MSG_REPLY },
		{ "opt-sa", KW_OPT_SA },
		{ "opt-sa-list", KW_OPT_SA_LIST },
	};
	struct {
		int have;
		uint16_t v;
	} set[KW_OPT_SA_LIST + 1];
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int i, kw, ret, any = 0;

	memset(set, 0, sizeof(set));
	for (i = 1; i < argc; i++) {
		uint64_t max, v;

		if (psac_is_help(argv[i])) {
			help_target(stdout);
			return PSAC_EXIT_OK;
		}
		kw = psac_find_word(kws, sizeof(kws) / sizeof(kws[0]), argv[i]);
		if (kw < 0)
			return usage_err("config set: %s keyword '%s'",
					 kw == -2 ? "ambiguous" : "unknown",
					 argv[i]);
		if (kw == KW_ENABLE || kw == KW_DISABLE) {
			if (set[KW_ENABLE].have || set[KW_DISABLE].have)
				return usage_err("config set: enable/disable given twice");
			set[kw].have = 1;
			any = 1;
			continue;
		}
		if (set[kw].have)
			return usage_err("config set: '%s' given twice",
					 kws[kw].name);
		if (++i >= argc)
			return usage_err("config set: '%s' needs a value",
					 kws[kw].name);
		max = (kw == KW_MSG || kw == KW_MSG_REPLY) ? 0xff : 0xffff;
		if (psac_parse_u64(argv[i], max, &v) ||
		    (kw == KW_PORT && !v))
			return usage_err("config set: bad %s '%s' (%s..%llu)",
					 kws[kw].name, argv[i],
					 kw == KW_PORT ? "1" : "0",
					 (unsigned long long)max);
		set[kw].have = 1;
		set[kw].v = (uint16_t)v;
		any = 1;
	}
	if (!any)
		return usage_err("config set needs at least one of enable, disable, port, msg-saconfig, msg-saconfig-reply, opt-sa, opt-sa-list");

	ret = psac_open_family(&g, "target config set");
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_TARGET_CONFIG_SET, 0);
	nest = mnl_attr_nest_start(nlh, PSAC_A_TARGET_CONFIG);
	if (set[KW_ENABLE].have || set[KW_DISABLE].have)
		mnl_attr_put_u8(nlh, PSAC_TCFG_A_ENABLED, set[KW_ENABLE].have);
	if (set[KW_PORT].have)
		mnl_attr_put_u16(nlh, PSAC_TCFG_A_PORT, set[KW_PORT].v);
	if (set[KW_MSG].have)
		mnl_attr_put_u8(nlh, PSAC_TCFG_A_MSG_SACONFIG,
				(uint8_t)set[KW_MSG].v);
	if (set[KW_MSG_REPLY].have)
		mnl_attr_put_u8(nlh, PSAC_TCFG_A_MSG_SACONFIG_REPLY,
				(uint8_t)set[KW_MSG_REPLY].v);
	if (set[KW_OPT_SA].have)
		mnl_attr_put_u16(nlh, PSAC_TCFG_A_OPT_SA, set[KW_OPT_SA].v);
	if (set[KW_OPT_SA_LIST].have)
		mnl_attr_put_u16(nlh, PSAC_TCFG_A_OPT_SA_LIST,
				 set[KW_OPT_SA_LIST].v);
	mnl_attr_nest_end(nlh, nest);
	return psac_talk_close(&g, nlh, NULL, NULL, "target config set");
}
