/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	uapi/psac.yaml */
/* YNL-GEN kernel header */
/* To regenerate run: tools/net/ynl/ynl-regen.sh */

#ifndef _LINUX_PSAC_GEN_H
#define _LINUX_PSAC_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/psac.h>

/* Common nested types */
extern const struct nla_policy psac_mdev_input_nl_policy[PSAC_MDEV_A_LOCAL4 + 1];
extern const struct nla_policy psac_msa_input_nl_policy[PSAC_MSA_A_HAA6 + 1];
extern const struct nla_policy psac_psk_input_nl_policy[PSAC_PSK_A_REPLACE + 1];
extern const struct nla_policy psac_tcfg_nl_policy[PSAC_TCFG_A_OPT_SA_LIST + 1];
extern const struct nla_policy psac_tsa_input_nl_policy[PSAC_TSA_A_SPI_IN + 1];

/* Ops table for psac */
extern const struct genl_split_ops psac_nl_ops[15];

int psac_nl_info_get_doit(struct sk_buff *skb, struct genl_info *info);
int psac_nl_psk_add_doit(struct sk_buff *skb, struct genl_info *info);
int psac_nl_psk_del_doit(struct sk_buff *skb, struct genl_info *info);
int psac_nl_psk_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int psac_nl_target_config_set_doit(struct sk_buff *skb, struct genl_info *info);
int psac_nl_target_config_get_doit(struct sk_buff *skb, struct genl_info *info);
int psac_nl_target_sa_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb);
int psac_nl_target_sa_del_doit(struct sk_buff *skb, struct genl_info *info);
int psac_nl_target_stats_get_doit(struct sk_buff *skb, struct genl_info *info);
int psac_nl_mnha_dev_set_doit(struct sk_buff *skb, struct genl_info *info);
int psac_nl_mnha_dev_get_doit(struct sk_buff *skb, struct genl_info *info);
int psac_nl_mnha_dev_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb);
int psac_nl_mnha_sa_add_doit(struct sk_buff *skb, struct genl_info *info);
int psac_nl_mnha_sa_del_doit(struct sk_buff *skb, struct genl_info *info);
int psac_nl_mnha_sa_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);

enum {
	PSAC_NLGRP_TARGET,
	PSAC_NLGRP_MNHA,
};

#endif /* _LINUX_PSAC_GEN_H */
