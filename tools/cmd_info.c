// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac info: module version and features (PSAC_CMD_INFO_GET).
 */
#include <errno.h>
#include <string.h>

#include <linux/psac.h>

#include "cmds.h"
#include "genl.h"
#include "genl_cmd.h"
#include "util.h"

void help_info(FILE *f)
{
	fputs(
"Usage: psac [-j] [-n NETNS] info\n"
"\n"
"Show the version and the features of the psac kernel module as seen from\n"
"the current network namespace (or the one given with -n), using the\n"
"generic netlink family \"" PSAC_GENL_NAME "\" (PSAC_CMD_INFO_GET).  Requires\n"
"CAP_NET_ADMIN in the user namespace that owns the network namespace.\n"
"\n"
"Fields:\n"
"  version     module version string\n"
"  features    target  PSAC target-server role (SACONFIGURATION -> XFRM)\n"
"              mnha    RFC 6618 MN-HA UDP encapsulation netdev\n"
"  family      generic netlink family id and version, multicast groups\n"
"\n"
"Exit status: 0 success, 1 failure, 2 module not loaded.\n"
"\n"
"Examples:\n"
"  psac info\n"
"  psac -j -n blue info\n", f);
}

struct info {
	char version[128];
	int have_version;
	uint32_t features;
	int have_features;
};

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	struct info *in = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case PSAC_A_VERSION:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0) {
				snprintf(in->version, sizeof(in->version), "%s",
					 mnl_attr_get_str(a));
				in->have_version = 1;
			}
			break;
		case PSAC_A_FEATURES:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0) {
				in->features = mnl_attr_get_u32(a);
				in->have_features = 1;
			}
			break;
		}
	}
	return MNL_CB_OK;
}

static const struct {
	uint32_t bit;
	const char *name;
} feature_names[] = {
	{ PSAC_FEAT_TARGET, "target" },
	{ PSAC_FEAT_MNHA, "mnha" },
};

#define N_FEATURES (sizeof(feature_names) / sizeof(feature_names[0]))

static void print_text(const struct psac_genl *g, const struct info *in)
{
	uint32_t known = 0;
	unsigned int i;
	int any = 0;

	printf("version: %s\n", in->have_version ? in->version : "unknown");
	printf("features:");
	for (i = 0; i < N_FEATURES; i++) {
		known |= feature_names[i].bit;
		if (in->features & feature_names[i].bit) {
			printf(" %s", feature_names[i].name);
			any = 1;
		}
	}
	if (in->features & ~known) {
		printf(" 0x%x", in->features & ~known);
		any = 1;
	}
	printf("%s\n", any ? "" : " none");
	printf("family: %s id %u version %u", g->family, g->family_id,
	       g->family_version);
	if (g->n_grps) {
		printf(" groups");
		for (i = 0; i < g->n_grps; i++)
			printf(" %s(%u)", g->grps[i].name, g->grps[i].id);
	}
	putchar('\n');
	if (g->family_version != PSAC_GENL_VERSION)
		psac_warn("kernel family version %u, this tool speaks version %u",
			  g->family_version, PSAC_GENL_VERSION);
}

static void print_json(const struct psac_genl *g, const struct info *in)
{
	struct psac_json j;
	unsigned int i;

	psac_json_init(&j, stdout, psac_opts.pretty);
	psac_json_obj_open(&j, NULL);
	if (in->have_version)
		psac_json_str(&j, "version", in->version);
	else
		psac_json_null(&j, "version");
	psac_json_arr_open(&j, "features");
	for (i = 0; i < N_FEATURES; i++)
		if (in->features & feature_names[i].bit)
			psac_json_str(&j, NULL, feature_names[i].name);
	psac_json_arr_close(&j);
	psac_json_u64(&j, "features_mask", in->features);
	psac_json_obj_open(&j, "family");
	psac_json_str(&j, "name", g->family);
	psac_json_u64(&j, "id", g->family_id);
	psac_json_u64(&j, "version", g->family_version);
	psac_json_obj_open(&j, "groups");
	for (i = 0; i < g->n_grps; i++)
		psac_json_u64(&j, g->grps[i].name, g->grps[i].id);
	psac_json_obj_close(&j);
	psac_json_obj_close(&j);
	psac_json_str(&j, "tools_version", PSAC_TOOLS_VERSION);
	psac_json_obj_close(&j);
}

int cmd_info(int argc, char **argv)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct info in;
	struct psac_genl g;
	struct nlmsghdr *nlh;
	int ret;

	if (argc > 1) {
		if (!strcmp(argv[1], "help") || !strcmp(argv[1], "-h") ||
		    !strcmp(argv[1], "--help")) {
			help_info(stdout);
			return PSAC_EXIT_OK;
		}
		psac_err("info: unexpected argument '%s'; see 'psac help info'",
			 argv[1]);
		return PSAC_EXIT_FAIL;
	}

	ret = psac_genl_open(&g, PSAC_GENL_NAME);
	if (ret)
		return psac_genl_report(NULL, "info", ret);

	memset(&in, 0, sizeof(in));
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_INFO_GET, 0);
	ret = psac_genl_talk(&g, nlh, info_cb, &in);
	if (ret) {
		ret = psac_genl_report(&g, "info", ret);
		psac_genl_close(&g);
		return ret;
	}
	if (psac_opts.json)
		print_json(&g, &in);
	else
		print_text(&g, &in);
	psac_genl_close(&g);
	return PSAC_EXIT_OK;
}
