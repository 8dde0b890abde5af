// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink family "psac" (uapi/linux/psac.h).  Every operation acts on
 * the caller's network namespace and needs CAP_NET_ADMIN over the user
 * namespace that owns it (GENL_UNS_ADMIN_PERM, docs/architecture.md).
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <linux/psac.h>

#include "psac.h"
#include "compat.h"

static const struct nla_policy psac_genl_policy[PSAC_A_MAX + 1] = {
	[PSAC_A_VERSION] = { .type = NLA_NUL_STRING },
	[PSAC_A_FEATURES] = { .type = NLA_U32 },
	[PSAC_A_PSK] = NLA_POLICY_NESTED(psac_psk_policy),
	[PSAC_A_TARGET_CONFIG] = NLA_POLICY_NESTED(psac_tcfg_policy),
	[PSAC_A_TARGET_SA] = NLA_POLICY_NESTED(psac_tsa_policy),
	[PSAC_A_TARGET_STATS] = { .type = NLA_REJECT },
	[PSAC_A_IFINDEX] = { .type = NLA_U32 },
	[PSAC_A_MNHA_DEV] = NLA_POLICY_NESTED(psac_mdev_policy),
	[PSAC_A_MNHA_SA] = NLA_POLICY_NESTED(psac_msa_policy),
	[PSAC_A_EVENT] = { .type = NLA_U8 },
};

/**
 * psac_nl_parse_nest() - parse the nest a command needs
 * @info: the request
 * @attr: the top-level attribute holding the nest (PSAC_A_*)
 * @maxtype: highest attribute type inside the nest
 * @policy: the nest's policy
 * @tb: filled with the nest's attributes, @maxtype + 1 entries
 *
 * A missing nest is reported through extack with the attribute that is
 * missing (NLMSGERR_ATTR_MISS_TYPE) and a message.
 *
 * Return: 0, -EINVAL if the nest is missing, or nla_parse_nested()'s error.
 */
int psac_nl_parse_nest(struct genl_info *info, int attr, int maxtype,
		       const struct nla_policy *policy, struct nlattr **tb)
{
	if (GENL_REQ_ATTR_CHECK(info, attr)) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "missing the attribute nest of this command");
		return -EINVAL;
	}
	return nla_parse_nested(tb, maxtype, info->attrs[attr], policy,
				info->extack);
}

static int psac_nl_info_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &psac_genl_family, 0,
				PSAC_CMD_INFO_GET);
	if (!hdr)
		goto nla_put_failure;

	if (nla_put_string(msg, PSAC_A_VERSION, PSAC_MODULE_VERSION) ||
	    nla_put_u32(msg, PSAC_A_FEATURES,
			PSAC_FEAT_TARGET | PSAC_FEAT_MNHA))
		goto nla_put_failure;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nla_put_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static const struct genl_ops psac_genl_ops[] = {
	{
		.cmd = PSAC_CMD_INFO_GET,
		.doit = psac_nl_info_get,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_PSK_ADD,
		.doit = psac_nl_psk_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_PSK_DEL,
		.doit = psac_nl_psk_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_PSK_GET,
		.dumpit = psac_nl_psk_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_TARGET_CONFIG_SET,
		.doit = psac_nl_tcfg_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_TARGET_CONFIG_GET,
		.doit = psac_nl_tcfg_get,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_TARGET_SA_GET,
		.dumpit = psac_nl_tsa_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_TARGET_SA_DEL,
		.doit = psac_nl_tsa_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_TARGET_STATS_GET,
		.doit = psac_nl_tstats_get,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_MNHA_DEV_SET,
		.doit = psac_nl_mnha_dev_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_MNHA_DEV_GET,
		.doit = psac_nl_mnha_dev_get,
		.dumpit = psac_nl_mnha_dev_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_MNHA_SA_ADD,
		.doit = psac_nl_mnha_sa_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_MNHA_SA_DEL,
		.doit = psac_nl_mnha_sa_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = PSAC_CMD_MNHA_SA_GET,
		.dumpit = psac_nl_mnha_sa_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group psac_mcgrps[] = {
	[PSAC_MCGRP_TARGET_IDX] = { .name = PSAC_MCGRP_TARGET, },
	[PSAC_MCGRP_MNHA_IDX] = { .name = PSAC_MCGRP_MNHA, },
};

struct genl_family psac_genl_family __ro_after_init = {
	.name = PSAC_GENL_NAME,
	.version = PSAC_GENL_VERSION,
	.maxattr = PSAC_A_MAX,
	.policy = psac_genl_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = psac_genl_ops,
	.n_ops = ARRAY_SIZE(psac_genl_ops),
	.resv_start_op = PSAC_CMD_INFO_GET,
	.mcgrps = psac_mcgrps,
	.n_mcgrps = ARRAY_SIZE(psac_mcgrps),
};

/**
 * psac_netlink_init() - register the "psac" generic netlink family
 *
 * Context: Module init.
 *
 * Return: 0, or the negative errno of genl_register_family().
 */
int __init psac_netlink_init(void)
{
	return genl_register_family(&psac_genl_family);
}

/**
 * psac_netlink_exit() - unregister the "psac" generic netlink family
 *
 * Context: Module exit.
 */
void psac_netlink_exit(void)
{
	genl_unregister_family(&psac_genl_family);
}
