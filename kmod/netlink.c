// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink family "psac" (uapi/linux/psac.h).  Every operation acts on
 * the caller's network namespace and needs CAP_NET_ADMIN over the user
 * namespace that owns it (GENL_UNS_ADMIN_PERM, docs/architecture.md).
 *
 * The policies and the split ops are generated from uapi/psac.yaml into
 * netlink-gen.c (`make regen`); this file holds the family and the one
 * handler that belongs to no role.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <linux/psac.h>

#include "psac.h"
#include "compat.h"
#include "netlink-gen.h"

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

/**
 * psac_nl_info_get_doit() - PSAC_CMD_INFO_GET: the module version and roles
 * @skb: the request
 * @info: its (empty) attributes
 *
 * Context: Process context.
 *
 * Return: 0, -ENOMEM or -EMSGSIZE.
 */
int psac_nl_info_get_doit(struct sk_buff *skb, struct genl_info *info)
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

/*
 * ynl_gen_c.py makes the family struct only for the "genetlink" protocol
 * (psac.yaml is genetlink-legacy for its C names) and renders its group
 * table static: the groups are listed here, indexed by the generated
 * PSAC_NLGRP_*, named by uapi's PSAC_MCGRP_*; make check compares the two.
 */
static const struct genl_multicast_group psac_mcgrps[] = {
	[PSAC_NLGRP_TARGET] = { .name = PSAC_MCGRP_TARGET, },
	[PSAC_NLGRP_MNHA] = { .name = PSAC_MCGRP_MNHA, },
};

struct genl_family psac_genl_family __ro_after_init = {
	.name = PSAC_GENL_NAME,
	.version = PSAC_GENL_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	PSAC_GENL_OPS(psac_nl_ops),
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
	psac_genl_ops_init(&psac_genl_family, psac_nl_ops);
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
