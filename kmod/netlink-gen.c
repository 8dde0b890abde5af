// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	uapi/psac.yaml */
/* YNL-GEN kernel source */
/* To regenerate run: tools/net/ynl/ynl-regen.sh */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/psac.h>

/* Integer value ranges */
static const struct netlink_range_validation psac_msa_a_spi_range = {
	.min	= 1ULL,
	.max	= 268435455ULL,
};

/* Common nested types */
const struct nla_policy psac_mdev_input_nl_policy[PSAC_MDEV_A_LOCAL4 + 1] = {
	[PSAC_MDEV_A_ROLE] = NLA_POLICY_MAX(NLA_U8, 1),
	[PSAC_MDEV_A_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[PSAC_MDEV_A_LOCAL6] = NLA_POLICY_EXACT_LEN(16),
	[PSAC_MDEV_A_LOCAL4] = NLA_POLICY_EXACT_LEN(4),
};

const struct nla_policy psac_msa_input_nl_policy[PSAC_MSA_A_HAA6 + 1] = {
	[PSAC_MSA_A_SPI] = NLA_POLICY_FULL_RANGE(NLA_U32, &psac_msa_a_spi_range),
	[PSAC_MSA_A_SUITE] = { .type = NLA_U16, },
	[PSAC_MSA_A_EKEY_MN2HA] = NLA_POLICY_MAX_LEN(36),
	[PSAC_MSA_A_IKEY_MN2HA] = NLA_POLICY_MAX_LEN(36),
	[PSAC_MSA_A_EKEY_HA2MN] = NLA_POLICY_MAX_LEN(36),
	[PSAC_MSA_A_IKEY_HA2MN] = NLA_POLICY_MAX_LEN(36),
	[PSAC_MSA_A_HOA6] = NLA_POLICY_EXACT_LEN(16),
	[PSAC_MSA_A_HOA4] = NLA_POLICY_EXACT_LEN(4),
	[PSAC_MSA_A_HNP6] = NLA_POLICY_EXACT_LEN(16),
	[PSAC_MSA_A_HNP6_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[PSAC_MSA_A_HNP4] = NLA_POLICY_EXACT_LEN(4),
	[PSAC_MSA_A_HNP4_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, 32),
	[PSAC_MSA_A_PEER_ADDR] = NLA_POLICY_MAX_LEN(16),
	[PSAC_MSA_A_PEER_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[PSAC_MSA_A_SCOPE] = NLA_POLICY_MAX(NLA_U8, 1),
	[PSAC_MSA_A_VALID_UNTIL] = { .type = NLA_U64, },
	[PSAC_MSA_A_REPLACE] = { .type = NLA_FLAG, },
	[PSAC_MSA_A_TX_SEQ] = { .type = NLA_U32, },
	[PSAC_MSA_A_HAA6] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy psac_psk_input_nl_policy[PSAC_PSK_A_REPLACE + 1] = {
	[PSAC_PSK_A_KEY_ID] = { .type = NLA_U32, },
	[PSAC_PSK_A_KEY] = NLA_POLICY_MAX_LEN(PSAC_PSK_MAX_LEN),
	[PSAC_PSK_A_REALM] = NLA_POLICY_MAX_LEN(PSAC_REALM_MAX_LEN),
	[PSAC_PSK_A_REPLACE] = { .type = NLA_FLAG, },
};

const struct nla_policy psac_tcfg_nl_policy[PSAC_TCFG_A_OPT_SA_LIST + 1] = {
	[PSAC_TCFG_A_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[PSAC_TCFG_A_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[PSAC_TCFG_A_MSG_SACONFIG] = { .type = NLA_U8, },
	[PSAC_TCFG_A_MSG_SACONFIG_REPLY] = { .type = NLA_U8, },
	[PSAC_TCFG_A_OPT_SA] = { .type = NLA_U16, },
	[PSAC_TCFG_A_OPT_SA_LIST] = { .type = NLA_U16, },
};

const struct nla_policy psac_tsa_input_nl_policy[PSAC_TSA_A_SPI_IN + 1] = {
	[PSAC_TSA_A_SPI_IN] = { .type = NLA_U32, },
};

/* PSAC_CMD_PSK_ADD - do */
static const struct nla_policy psac_psk_add_nl_policy[PSAC_A_PSK + 1] = {
	[PSAC_A_PSK] = NLA_POLICY_NESTED(psac_psk_input_nl_policy),
};

/* PSAC_CMD_PSK_DEL - do */
static const struct nla_policy psac_psk_del_nl_policy[PSAC_A_PSK + 1] = {
	[PSAC_A_PSK] = NLA_POLICY_NESTED(psac_psk_input_nl_policy),
};

/* PSAC_CMD_TARGET_CONFIG_SET - do */
static const struct nla_policy psac_target_config_set_nl_policy[PSAC_A_TARGET_CONFIG + 1] = {
	[PSAC_A_TARGET_CONFIG] = NLA_POLICY_NESTED(psac_tcfg_nl_policy),
};

/* PSAC_CMD_TARGET_SA_DEL - do */
static const struct nla_policy psac_target_sa_del_nl_policy[PSAC_A_TARGET_SA + 1] = {
	[PSAC_A_TARGET_SA] = NLA_POLICY_NESTED(psac_tsa_input_nl_policy),
};

/* PSAC_CMD_MNHA_DEV_SET - do */
static const struct nla_policy psac_mnha_dev_set_nl_policy[PSAC_A_MNHA_DEV + 1] = {
	[PSAC_A_IFINDEX] = { .type = NLA_U32, },
	[PSAC_A_MNHA_DEV] = NLA_POLICY_NESTED(psac_mdev_input_nl_policy),
};

/* PSAC_CMD_MNHA_DEV_GET - do */
static const struct nla_policy psac_mnha_dev_get_nl_policy[PSAC_A_IFINDEX + 1] = {
	[PSAC_A_IFINDEX] = { .type = NLA_U32, },
};

/* PSAC_CMD_MNHA_SA_ADD - do */
static const struct nla_policy psac_mnha_sa_add_nl_policy[PSAC_A_MNHA_SA + 1] = {
	[PSAC_A_IFINDEX] = { .type = NLA_U32, },
	[PSAC_A_MNHA_SA] = NLA_POLICY_NESTED(psac_msa_input_nl_policy),
};

/* PSAC_CMD_MNHA_SA_DEL - do */
static const struct nla_policy psac_mnha_sa_del_nl_policy[PSAC_A_MNHA_SA + 1] = {
	[PSAC_A_IFINDEX] = { .type = NLA_U32, },
	[PSAC_A_MNHA_SA] = NLA_POLICY_NESTED(psac_msa_input_nl_policy),
};

/* PSAC_CMD_MNHA_SA_GET - dump */
static const struct nla_policy psac_mnha_sa_get_nl_policy[PSAC_A_IFINDEX + 1] = {
	[PSAC_A_IFINDEX] = { .type = NLA_U32, },
};

/* Ops table for psac */
const struct genl_split_ops psac_nl_ops[15] = {
	{
		.cmd	= PSAC_CMD_INFO_GET,
		.doit	= psac_nl_info_get_doit,
		.flags	= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= PSAC_CMD_PSK_ADD,
		.doit		= psac_nl_psk_add_doit,
		.policy		= psac_psk_add_nl_policy,
		.maxattr	= PSAC_A_PSK,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= PSAC_CMD_PSK_DEL,
		.doit		= psac_nl_psk_del_doit,
		.policy		= psac_psk_del_nl_policy,
		.maxattr	= PSAC_A_PSK,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd	= PSAC_CMD_PSK_GET,
		.dumpit	= psac_nl_psk_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= PSAC_CMD_TARGET_CONFIG_SET,
		.doit		= psac_nl_target_config_set_doit,
		.policy		= psac_target_config_set_nl_policy,
		.maxattr	= PSAC_A_TARGET_CONFIG,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd	= PSAC_CMD_TARGET_CONFIG_GET,
		.doit	= psac_nl_target_config_get_doit,
		.flags	= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd	= PSAC_CMD_TARGET_SA_GET,
		.dumpit	= psac_nl_target_sa_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= PSAC_CMD_TARGET_SA_DEL,
		.doit		= psac_nl_target_sa_del_doit,
		.policy		= psac_target_sa_del_nl_policy,
		.maxattr	= PSAC_A_TARGET_SA,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd	= PSAC_CMD_TARGET_STATS_GET,
		.doit	= psac_nl_target_stats_get_doit,
		.flags	= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= PSAC_CMD_MNHA_DEV_SET,
		.doit		= psac_nl_mnha_dev_set_doit,
		.policy		= psac_mnha_dev_set_nl_policy,
		.maxattr	= PSAC_A_MNHA_DEV,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= PSAC_CMD_MNHA_DEV_GET,
		.doit		= psac_nl_mnha_dev_get_doit,
		.policy		= psac_mnha_dev_get_nl_policy,
		.maxattr	= PSAC_A_IFINDEX,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd	= PSAC_CMD_MNHA_DEV_GET,
		.dumpit	= psac_nl_mnha_dev_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= PSAC_CMD_MNHA_SA_ADD,
		.doit		= psac_nl_mnha_sa_add_doit,
		.policy		= psac_mnha_sa_add_nl_policy,
		.maxattr	= PSAC_A_MNHA_SA,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= PSAC_CMD_MNHA_SA_DEL,
		.doit		= psac_nl_mnha_sa_del_doit,
		.policy		= psac_mnha_sa_del_nl_policy,
		.maxattr	= PSAC_A_MNHA_SA,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= PSAC_CMD_MNHA_SA_GET,
		.dumpit		= psac_nl_mnha_sa_get_dumpit,
		.policy		= psac_mnha_sa_get_nl_policy,
		.maxattr	= PSAC_A_IFINDEX,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
};

static const struct genl_multicast_group psac_nl_mcgrps[] = {
	[PSAC_NLGRP_TARGET] = { "target", },
	[PSAC_NLGRP_MNHA] = { "mnha", },
};
