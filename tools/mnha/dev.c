// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac mnha dev: configure and show mnha devices.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "genl.h"
#include "genl_cmd.h"
#include "mnha.h"
#include "mnha_sa.h"
#include "util.h"

enum { KW_ROLE, KW_PORT, KW_LOCAL };

int psac_mha_dev_set(int argc, char **argv)
{
	static const struct psac_word kw[] = {
		{ "role", KW_ROLE }, { "port", KW_PORT }, { "local", KW_LOCAL },
	};
	char buf[PSAC_GENL_MSG_SIZE];
	struct in6_addr a6;
	struct in_addr a4;
	struct psac_genl g;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	uint32_t ifindex;
	uint16_t port = 0;
	int role = -1, have_port = 0, local_af = 0, i, ret;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_mnha(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc < 2)
		return usage_err("dev set needs a device");
	for (i = 2; i < argc; i += 2) {
		int k = psac_find_word(kw, 3, argv[i]);

		if (k == -2)
			return usage_err("dev set: ambiguous keyword '%s'", argv[i]);
		if (k < 0)
			return usage_err("dev set: unknown keyword '%s' (role, port, local)",
					 argv[i]);
		if (i + 1 >= argc)
			return usage_err("dev set: '%s' needs a value", argv[i]);
		switch (k) {
		case KW_ROLE:
			if (!strcmp(argv[i + 1], "ha"))
				role = PSAC_MNHA_ROLE_HA;
			else if (!strcmp(argv[i + 1], "mn"))
				role = PSAC_MNHA_ROLE_MN;
			else
				return usage_err("dev set: bad role '%s' (ha, mn)",
						 argv[i + 1]);
			break;
		case KW_PORT:
			if (psac_parse_u16(argv[i + 1], &port) || !port)
				return usage_err("dev set: bad port '%s' (1..65535)",
						 argv[i + 1]);
			have_port = 1;
			break;
		case KW_LOCAL:
			if (inet_pton(AF_INET6, argv[i + 1], &a6) == 1)
				local_af = AF_INET6;
			else if (inet_pton(AF_INET, argv[i + 1], &a4) == 1)
				local_af = AF_INET;
			else
				return usage_err("dev set: bad local address '%s'",
						 argv[i + 1]);
			break;
		}
	}
	if (role < 0 && !have_port && !local_af)
		return usage_err("dev set needs at least one of role, port, local");
	if (psac_mha_dev_index(argv[1], &ifindex, "dev set"))
		return PSAC_EXIT_FAIL;

	ret = psac_open_family(&g, "mnha dev set");
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_MNHA_DEV_SET, 0);
	mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, ifindex);
	nest = mnl_attr_nest_start(nlh, PSAC_A_MNHA_DEV);
	if (role >= 0)
		mnl_attr_put_u8(nlh, PSAC_MDEV_A_ROLE, (uint8_t)role);
	if (have_port)
		mnl_attr_put_u16(nlh, PSAC_MDEV_A_PORT, port);
	if (local_af == AF_INET6)
		mnl_attr_put(nlh, PSAC_MDEV_A_LOCAL6, sizeof(a6), &a6);
	else if (local_af == AF_INET)
		mnl_attr_put(nlh, PSAC_MDEV_A_LOCAL4, sizeof(a4), &a4);
	mnl_attr_nest_end(nlh, nest);
	return psac_talk_close(&g, nlh, NULL, NULL, "mnha dev set");
}

static const struct {
	int attr;
	const char *text, *json;
} dev_drops[] = {
	{ PSAC_MDEV_A_DROP_NO_SA, "no-sa", "rx_drop_no_sa" },
	{ PSAC_MDEV_A_DROP_BAD_LEN, "bad-len", "rx_drop_bad_len" },
	{ PSAC_MDEV_A_DROP_AUTH, "auth", "rx_drop_auth" },
	{ PSAC_MDEV_A_DROP_REPLAY, "replay", "rx_drop_replay" },
	{ PSAC_MDEV_A_DROP_SOURCE, "source", "rx_drop_source" },
	{ PSAC_MDEV_A_DROP_PLAIN, "plain", "rx_drop_plain" },
	{ PSAC_MDEV_A_TX_DROP_NO_SA, "no-sa", "tx_drop_no_sa" },
	{ PSAC_MDEV_A_TX_DROP_NO_PEER, "no-peer", "tx_drop_no_peer" },
	{ PSAC_MDEV_A_TX_DROP_SEQ, "seq", "tx_drop_seq" },
};

#define N_DEV_DROPS (sizeof(dev_drops) / sizeof(dev_drops[0]))
#define N_RX_DROPS 6

static int dev_cb(const struct nlmsghdr *nlh, void *data)
{
	struct psac_json *jw = data;
	const struct nlattr *tb[PSAC_MDEV_A_MAX + 1];
	const struct nlattr *nest = psac_find_attr(nlh, PSAC_A_MNHA_DEV);
	char name[IF_NAMESIZE], l6[INET6_ADDRSTRLEN], l4[INET_ADDRSTRLEN];
	uint32_t ifindex = 0, sas = 0;
	uint16_t port = 0;
	uint8_t role = 0;
	int have_role, have_port, have_sas;
	unsigned int i;
	uint64_t v;

	if (!nest || psac_parse_nest(nest, tb, PSAC_MDEV_A_MAX)) {
		psac_warn("mnha dev show: skipping a malformed entry");
		return MNL_CB_OK;
	}
	psac_get_u32(psac_find_attr(nlh, PSAC_A_IFINDEX), &ifindex);
	psac_mha_dev_name(ifindex, tb[PSAC_MDEV_A_IFNAME], name);
	have_role = !psac_get_u8(tb[PSAC_MDEV_A_ROLE], &role);
	have_port = !psac_get_u16(tb[PSAC_MDEV_A_PORT], &port);
	have_sas = !psac_get_u32(tb[PSAC_MDEV_A_SA_COUNT], &sas);
	psac_mha_get_addr(tb[PSAC_MDEV_A_LOCAL6], l6, sizeof(l6));
	psac_mha_get_addr(tb[PSAC_MDEV_A_LOCAL4], l4, sizeof(l4));

	if (psac_opts.json) {
		struct psac_json *j = jw;

		psac_json_obj_open(j, NULL);
		psac_json_str(j, "dev", name);
		if (ifindex)
			psac_json_u64(j, "ifindex", ifindex);
		if (have_role)
			psac_json_str(j, "role", role == PSAC_MNHA_ROLE_MN ?
				      "mn" : "ha");
		if (have_port)
			psac_json_u64(j, "port", port);
		if (l6[0])
			psac_json_str(j, "local", l6);
		if (l4[0])
			psac_json_str(j, "local4", l4);
		if (have_sas)
			psac_json_u64(j, "sas", sas);
		for (i = 0; i < N_DEV_DROPS; i++)
			if (!psac_get_u64(tb[dev_drops[i].attr], &v))
				psac_json_u64(j, dev_drops[i].json, v);
		psac_json_obj_close(j);
		return MNL_CB_OK;
	}
	printf("%s", name);
	if (have_role)
		printf(" role %s", role == PSAC_MNHA_ROLE_MN ? "mn" : "ha");
	if (have_port)
		printf(" port %u", port);
	if (l6[0])
		printf(" local %s", l6);
	if (l4[0])
		printf(" local4 %s", l4);
	if (have_sas)
		printf(" sas %u", sas);
	{
		int rx = 0, tx = 0;

		for (i = 0; i < N_DEV_DROPS; i++) {
			if (psac_get_u64(tb[dev_drops[i].attr], &v))
				continue;
			if (i < N_RX_DROPS && !rx++)
				printf(" rx-drop");
			else if (i >= N_RX_DROPS && !tx++)
				printf(" tx-drop");
			printf(" %s %llu", dev_drops[i].text,
			       (unsigned long long)v);
		}
	}
	putchar('\n');
	return MNL_CB_OK;
}

int psac_mha_dev_show(int argc, char **argv)
{
	uint32_t ifindex = 0;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_mnha(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc > 2)
		return usage_err("dev show: unexpected argument '%s'", argv[2]);
	if (argc == 2 && psac_mha_dev_index(argv[1], &ifindex, "dev show"))
		return PSAC_EXIT_FAIL;
	return psac_list_run(PSAC_CMD_MNHA_DEV_GET, ifindex, ifindex != 0, dev_cb,
			"mnha dev show");
}
