// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink handlers of the MN-HA role: device configuration, SAs
 * (keys are write-only and never leave the kernel), counters and the
 * "mnha" multicast events.  Wired into the psac family by kmod/netlink.c.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/rtnetlink.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <linux/inetdevice.h>
#include <net/ipv6.h>
#include <net/ip.h>

#include "mnha.h"
#include "../psac.h"
#include "../compat.h"
#include "../netlink-gen.h"

/* The mnha device named by PSAC_A_IFINDEX, with a reference. */
static struct net_device *psac_mnha_dev_get(struct genl_info *info,
					    netdevice_tracker *tracker)
{
	struct net_device *dev;

	if (!info->attrs[PSAC_A_IFINDEX]) {
		NL_SET_ERR_MSG_MOD(info->extack, "missing ifindex");
		return ERR_PTR(-EINVAL);
	}
	dev = psac_netdev_get_by_index(genl_info_net(info),
				       nla_get_u32(info->attrs[PSAC_A_IFINDEX]),
				       tracker, GFP_KERNEL);
	if (!dev) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such device");
		return ERR_PTR(-ENODEV);
	}
	if (!psac_is_mnha_dev(dev)) {
		netdev_put(dev, tracker);
		NL_SET_ERR_MSG_MOD(info->extack, "not an mnha device");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return dev;
}

/* ---- devices ------------------------------------------------------------ */

static const int psac_mdev_drop_attr[PSAC_MNHA_DROP_MAX] = {
	[PSAC_MNHA_DROP_NO_SA] = PSAC_MDEV_A_DROP_NO_SA,
	[PSAC_MNHA_DROP_BAD_LEN] = PSAC_MDEV_A_DROP_BAD_LEN,
	[PSAC_MNHA_DROP_AUTH] = PSAC_MDEV_A_DROP_AUTH,
	[PSAC_MNHA_DROP_REPLAY] = PSAC_MDEV_A_DROP_REPLAY,
	[PSAC_MNHA_DROP_SOURCE] = PSAC_MDEV_A_DROP_SOURCE,
	[PSAC_MNHA_DROP_PLAIN] = PSAC_MDEV_A_DROP_PLAIN,
	[PSAC_MNHA_TX_DROP_NO_SA] = PSAC_MDEV_A_TX_DROP_NO_SA,
	[PSAC_MNHA_TX_DROP_NO_PEER] = PSAC_MDEV_A_TX_DROP_NO_PEER,
	[PSAC_MNHA_TX_DROP_SEQ] = PSAC_MDEV_A_TX_DROP_SEQ,
};

/* One device message; under RTNL. */
static int psac_mnha_put_dev(struct sk_buff *skb, struct psac_mnha_dev *md,
			     u32 portid, u32 seq, int flags)
{
	struct nlattr *nest;
	void *hdr;
	int i;

	hdr = genlmsg_put(skb, portid, seq, &psac_genl_family, flags,
			  PSAC_CMD_MNHA_DEV_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, PSAC_A_IFINDEX, md->dev->ifindex))
		goto err;
	nest = nla_nest_start(skb, PSAC_A_MNHA_DEV);
	if (!nest ||
	    nla_put_string(skb, PSAC_MDEV_A_IFNAME, md->dev->name) ||
	    nla_put_u8(skb, PSAC_MDEV_A_ROLE, md->role) ||
	    nla_put_u16(skb, PSAC_MDEV_A_PORT, md->port) ||
	    (md->has_local6 &&
	     nla_put_in6_addr(skb, PSAC_MDEV_A_LOCAL6, &md->local6)) ||
	    (md->has_local4 &&
	     nla_put_in_addr(skb, PSAC_MDEV_A_LOCAL4, md->local4)) ||
	    nla_put_u32(skb, PSAC_MDEV_A_SA_COUNT, READ_ONCE(md->n_sas)))
		goto err;
	for (i = 0; i < PSAC_MNHA_DROP_MAX; i++) {
		if (!psac_mdev_drop_attr[i])
			continue;
		if (nla_put_u64_64bit(skb, psac_mdev_drop_attr[i],
				      atomic64_read(&md->drops[i]),
				      PSAC_MDEV_A_PAD))
			goto err;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
err:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/**
 * psac_nl_mnha_dev_set_doit() - PSAC_CMD_MNHA_DEV_SET: configure an mnha device
 * @skb: the request
 * @info: its attributes: PSAC_A_IFINDEX and PSAC_A_MNHA_DEV with any of
 *        ROLE, PORT, LOCAL6, LOCAL4 (an all-zero address unsets it)
 *
 * Attributes left out keep their value; see psac_mnha_reconfigure().
 *
 * Context: Process context.  Takes RTNL.
 *
 * Return: 0, -EINVAL (no ifindex), -ENODEV (no such device, or it is
 * being unregistered), -EOPNOTSUPP (not an mnha device), the error of
 * psac_mnha_reconfigure(), or the nest parser's error.
 */
int psac_nl_mnha_dev_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[PSAC_MDEV_A_MAX + 1];
	const struct in6_addr *local6;
	struct psac_mnha_dev *md;
	struct net_device *dev;
	netdevice_tracker tracker;
	struct in6_addr a6;
	const __be32 *local4;
	__be32 a4;
	u16 port;
	u8 role;
	int err;

	err = psac_nl_parse_nest(info, PSAC_A_MNHA_DEV, PSAC_MDEV_A_MAX,
				 psac_mdev_input_nl_policy, tb);
	if (err)
		return err;
	dev = psac_mnha_dev_get(info, &tracker);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	md = netdev_priv(dev);

	rtnl_lock();
	role = tb[PSAC_MDEV_A_ROLE] ? nla_get_u8(tb[PSAC_MDEV_A_ROLE]) :
				      md->role;
	port = tb[PSAC_MDEV_A_PORT] ? nla_get_u16(tb[PSAC_MDEV_A_PORT]) :
				      md->port;
	local6 = md->has_local6 ? &md->local6 : NULL;
	if (tb[PSAC_MDEV_A_LOCAL6]) {
		a6 = nla_get_in6_addr(tb[PSAC_MDEV_A_LOCAL6]);
		local6 = ipv6_addr_any(&a6) ? NULL : &a6;
	}
	local4 = md->has_local4 ? &md->local4 : NULL;
	if (tb[PSAC_MDEV_A_LOCAL4]) {
		a4 = nla_get_in_addr(tb[PSAC_MDEV_A_LOCAL4]);
		local4 = a4 ? &a4 : NULL;
	}
	if (dev->reg_state == NETREG_REGISTERED)
		err = psac_mnha_reconfigure(md, role, port, local6, local4,
					    info->extack);
	else
		err = -ENODEV;
	rtnl_unlock();
	netdev_put(dev, &tracker);
	return err;
}

/**
 * psac_nl_mnha_dev_get_doit() - PSAC_CMD_MNHA_DEV_GET: reply with one device
 * @skb: the request
 * @info: its attributes: PSAC_A_IFINDEX
 *
 * The reply carries the configuration, the SA count and the drop
 * counters.
 *
 * Context: Process context.  Takes RTNL.
 *
 * Return: the result of genlmsg_reply(), -EINVAL (no ifindex), -ENODEV,
 * -EOPNOTSUPP (not an mnha device), -ENOMEM or -EMSGSIZE.
 */
int psac_nl_mnha_dev_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net_device *dev;
	netdevice_tracker tracker;
	struct sk_buff *msg;
	int err;

	dev = psac_mnha_dev_get(info, &tracker);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		netdev_put(dev, &tracker);
		return -ENOMEM;
	}
	rtnl_lock();
	err = psac_mnha_put_dev(msg, netdev_priv(dev), info->snd_portid,
				info->snd_seq, 0);
	rtnl_unlock();
	netdev_put(dev, &tracker);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/**
 * psac_nl_mnha_dev_get_dumpit() - PSAC_CMD_MNHA_DEV_GET dump: every mnha device
 * @skb: the reply being filled
 * @cb: the dump state; cb->args[0] counts the devices already sent
 *
 * The mnha devices of the requester's namespace, as for
 * psac_nl_mnha_dev_get_doit().
 *
 * Context: Process context.  Takes RTNL.
 *
 * Return: @skb->len (0 ends the dump).
 */
int psac_nl_mnha_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(cb->skb->sk);
	long idx = 0, start = cb->args[0];
	struct net_device *dev;

	rtnl_lock();
	for_each_netdev(net, dev) {
		if (!psac_is_mnha_dev(dev))
			continue;
		if (idx++ < start)
			continue;
		if (psac_mnha_put_dev(skb, netdev_priv(dev),
				      NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI))
			break;
		cb->args[0] = idx;
	}
	rtnl_unlock();
	return skb->len;
}

/* ---- SAs ---------------------------------------------------------------- */

static int psac_mnha_put_sa(struct sk_buff *skb, struct psac_mnha_sa *sa)
{
	struct psac_mnha_ep ep;
	struct nlattr *nest;
	u64 tx_seq;

	nest = nla_nest_start(skb, PSAC_A_MNHA_SA);
	if (!nest)
		return -EMSGSIZE;
	psac_mnha_ep_read(sa, &ep);
	tx_seq = atomic64_read(&sa->tx_seq);
	if (nla_put_u32(skb, PSAC_MSA_A_SPI, sa->spi) ||
	    nla_put_u16(skb, PSAC_MSA_A_SUITE, sa->suite->id) ||
	    nla_put_u8(skb, PSAC_MSA_A_STATE, READ_ONCE(sa->state)) ||
	    nla_put_u8(skb, PSAC_MSA_A_SCOPE, sa->scope) ||
	    (sa->has_hoa6 &&
	     nla_put_in6_addr(skb, PSAC_MSA_A_HOA6, &sa->hoa6)) ||
	    (sa->has_hoa4 && nla_put_in_addr(skb, PSAC_MSA_A_HOA4, sa->hoa4)) ||
	    (sa->has_hnp6 &&
	     (nla_put_in6_addr(skb, PSAC_MSA_A_HNP6, &sa->hnp6) ||
	      nla_put_u8(skb, PSAC_MSA_A_HNP6_LEN, sa->hnp6_len))) ||
	    (sa->has_hnp4 &&
	     (nla_put_in_addr(skb, PSAC_MSA_A_HNP4, sa->hnp4) ||
	      nla_put_u8(skb, PSAC_MSA_A_HNP4_LEN, sa->hnp4_len))) ||
	    (sa->has_haa6 &&
	     nla_put_in6_addr(skb, PSAC_MSA_A_HAA6, &sa->haa6)) ||
	    (ep.family == AF_INET6 &&
	     nla_put_in6_addr(skb, PSAC_MSA_A_PEER_ADDR, &ep.addr6)) ||
	    (ep.family == AF_INET &&
	     nla_put_in_addr(skb, PSAC_MSA_A_PEER_ADDR, ep.addr4)) ||
	    (ep.family && nla_put_u16(skb, PSAC_MSA_A_PEER_PORT,
				      ntohs(ep.port))) ||
	    (sa->valid_until &&
	     nla_put_u64_64bit(skb, PSAC_MSA_A_VALID_UNTIL, sa->valid_until,
			       PSAC_MSA_A_PAD)) ||
	    nla_put_u32(skb, PSAC_MSA_A_TX_SEQ, min_t(u64, tx_seq, U32_MAX)) ||
	    nla_put_u32(skb, PSAC_MSA_A_RX_SEQ,
			psac_replay_top(&sa->replay)) ||
	    nla_put_u64_64bit(skb, PSAC_MSA_A_RX_PACKETS,
			      atomic64_read(&sa->rx_packets), PSAC_MSA_A_PAD) ||
	    nla_put_u64_64bit(skb, PSAC_MSA_A_TX_PACKETS,
			      atomic64_read(&sa->tx_packets), PSAC_MSA_A_PAD) ||
	    nla_put_u64_64bit(skb, PSAC_MSA_A_DROP_AUTH,
			      atomic64_read(&sa->drop_auth), PSAC_MSA_A_PAD) ||
	    nla_put_u64_64bit(skb, PSAC_MSA_A_DROP_REPLAY,
			      atomic64_read(&sa->drop_replay), PSAC_MSA_A_PAD) ||
	    nla_put_u64_64bit(skb, PSAC_MSA_A_DROP_SOURCE,
			      atomic64_read(&sa->drop_source), PSAC_MSA_A_PAD) ||
	    nla_put_u64_64bit(skb, PSAC_MSA_A_DROP_BAD_LEN,
			      atomic64_read(&sa->drop_bad_len),
			      PSAC_MSA_A_PAD) ||
	    nla_put_u64_64bit(skb, PSAC_MSA_A_DROP_PLAIN,
			      atomic64_read(&sa->drop_plain), PSAC_MSA_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Key of one direction: exactly the suite's length, absent if none. */
static int psac_mnha_key(struct genl_info *info, struct nlattr *attr,
			 unsigned int len, const u8 **key)
{
	*key = NULL;
	if (!len) {
		if (attr && nla_len(attr)) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "this suite takes no such key");
			return -EINVAL;
		}
		return 0;
	}
	if (!attr || nla_len(attr) != len) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "a key is missing or has the wrong length for the suite");
		return -EINVAL;
	}
	*key = nla_data(attr);
	return 0;
}

static int psac_mnha_sa_fill(struct genl_info *info, struct nlattr **tb,
			     struct psac_mnha_sa *sa)
{
	struct nlattr *a;

	if (tb[PSAC_MSA_A_HOA6]) {
		sa->has_hoa6 = true;
		sa->hoa6 = nla_get_in6_addr(tb[PSAC_MSA_A_HOA6]);
	}
	if (tb[PSAC_MSA_A_HOA4]) {
		sa->has_hoa4 = true;
		sa->hoa4 = nla_get_in_addr(tb[PSAC_MSA_A_HOA4]);
	}
	if (!sa->has_hoa6 && !sa->has_hoa4) {
		NL_SET_ERR_MSG_MOD(info->extack, "an SA needs a home address");
		return -EINVAL;
	}
	if (!!tb[PSAC_MSA_A_HNP6] != !!tb[PSAC_MSA_A_HNP6_LEN] ||
	    !!tb[PSAC_MSA_A_HNP4] != !!tb[PSAC_MSA_A_HNP4_LEN]) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "a home network prefix needs its length");
		return -EINVAL;
	}
	if (tb[PSAC_MSA_A_HNP6]) {
		struct in6_addr p = nla_get_in6_addr(tb[PSAC_MSA_A_HNP6]);

		sa->has_hnp6 = true;
		sa->hnp6_len = nla_get_u8(tb[PSAC_MSA_A_HNP6_LEN]);
		ipv6_addr_prefix(&sa->hnp6, &p, sa->hnp6_len);
	}
	if (tb[PSAC_MSA_A_HNP4]) {
		sa->has_hnp4 = true;
		sa->hnp4_len = nla_get_u8(tb[PSAC_MSA_A_HNP4_LEN]);
		sa->hnp4 = nla_get_in_addr(tb[PSAC_MSA_A_HNP4]) &
			   inet_make_mask(sa->hnp4_len);
	}
	if (tb[PSAC_MSA_A_HAA6]) {
		sa->has_haa6 = true;
		sa->haa6 = nla_get_in6_addr(tb[PSAC_MSA_A_HAA6]);
	}

	a = tb[PSAC_MSA_A_PEER_ADDR];
	if (a) {
		if (nla_len(a) == sizeof(__be32)) {
			sa->ep.family = AF_INET;
			sa->ep.addr4 = nla_get_in_addr(a);
		} else if (nla_len(a) == sizeof(struct in6_addr)) {
			sa->ep.addr6 = nla_get_in6_addr(a);
			sa->ep.family = AF_INET6;
			if (ipv6_addr_v4mapped(&sa->ep.addr6)) {
				sa->ep.family = AF_INET;
				sa->ep.addr4 = sa->ep.addr6.s6_addr32[3];
			}
		} else {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "peer address must be 4 or 16 octets");
			return -EINVAL;
		}
		sa->ep.port = htons(tb[PSAC_MSA_A_PEER_PORT] ?
				    nla_get_u16(tb[PSAC_MSA_A_PEER_PORT]) :
				    PSAC_MNHA_UDP_PORT);
	} else if (tb[PSAC_MSA_A_PEER_PORT]) {
		NL_SET_ERR_MSG_MOD(info->extack, "peer port without address");
		return -EINVAL;
	}

	if (tb[PSAC_MSA_A_SCOPE])
		sa->scope = nla_get_u8(tb[PSAC_MSA_A_SCOPE]);
	if (tb[PSAC_MSA_A_VALID_UNTIL]) {
		sa->valid_until = nla_get_u64(tb[PSAC_MSA_A_VALID_UNTIL]);
		if (sa->valid_until &&
		    (time64_t)sa->valid_until <= ktime_get_real_seconds()) {
			NL_SET_ERR_MSG_MOD(info->extack, "validity already ended");
			return -EINVAL;
		}
	}
	if (tb[PSAC_MSA_A_TX_SEQ])
		atomic64_set(&sa->tx_seq, nla_get_u32(tb[PSAC_MSA_A_TX_SEQ]));
	return 0;
}

/**
 * psac_nl_mnha_sa_add_doit() - PSAC_CMD_MNHA_SA_ADD: install an SA into a device
 * @skb: the request
 * @info: its attributes: PSAC_A_IFINDEX and PSAC_A_MNHA_SA with SPI,
 *        SUITE, the keys of both directions (exactly the suite's lengths),
 *        a home address and optionally HNP6/HNP4 with their lengths, HAA6,
 *        the peer, SCOPE, VALID_UNTIL, TX_SEQ and REPLACE
 *
 * The keys go only into the transforms.  See psac_mnha_sa_install() for
 * REPLACE.
 *
 * Context: Process context; may sleep (transform allocation).
 *
 * Return: 0, -EINVAL (attributes missing or inconsistent, validity
 * already ended), -EOPNOTSUPP (unknown suite, not an mnha device),
 * -ENODEV, -ENOMEM, the crypto API's error, the error of
 * psac_mnha_sa_install(), or the nest parser's error.
 */
int psac_nl_mnha_sa_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	const u8 *ekey_mn2ha, *ikey_mn2ha, *ekey_ha2mn, *ikey_ha2mn;
	struct nlattr *tb[PSAC_MSA_A_MAX + 1];
	const struct psac_mnha_suite *s;
	struct psac_mnha_dev *md;
	struct psac_mnha_sa *sa;
	struct net_device *dev;
	netdevice_tracker tracker;
	int err;

	err = psac_nl_parse_nest(info, PSAC_A_MNHA_SA, PSAC_MSA_A_MAX,
				 psac_msa_input_nl_policy, tb);
	if (err)
		return err;
	if (!tb[PSAC_MSA_A_SPI] || !tb[PSAC_MSA_A_SUITE]) {
		NL_SET_ERR_MSG_MOD(info->extack, "an SA needs an SPI and a suite");
		return -EINVAL;
	}
	s = psac_mnha_suite_get(nla_get_u16(tb[PSAC_MSA_A_SUITE]));
	if (!s) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[PSAC_MSA_A_SUITE],
				    "unknown ciphersuite");
		return -EOPNOTSUPP;
	}
	dev = psac_mnha_dev_get(info, &tracker);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	md = netdev_priv(dev);

	err = psac_mnha_key(info, tb[PSAC_MSA_A_EKEY_MN2HA], s->ekey_len,
			    &ekey_mn2ha) ?:
	      psac_mnha_key(info, tb[PSAC_MSA_A_IKEY_MN2HA], s->ikey_len,
			    &ikey_mn2ha) ?:
	      psac_mnha_key(info, tb[PSAC_MSA_A_EKEY_HA2MN], s->ekey_len,
			    &ekey_ha2mn) ?:
	      psac_mnha_key(info, tb[PSAC_MSA_A_IKEY_HA2MN], s->ikey_len,
			    &ikey_ha2mn);
	if (err)
		goto out_dev;

	sa = psac_mnha_sa_alloc(md);
	if (!sa) {
		err = -ENOMEM;
		goto out_dev;
	}
	sa->spi = nla_get_u32(tb[PSAC_MSA_A_SPI]);
	sa->suite = s;
	err = psac_mnha_sa_fill(info, tb, sa);
	if (err)
		goto out_sa;

	err = psac_mnha_sa_set_keys(sa, ekey_mn2ha, ikey_mn2ha, ekey_ha2mn,
				    ikey_ha2mn);
	if (err)
		goto out_crypto;

	err = psac_mnha_sa_install(md, sa, nla_get_flag(tb[PSAC_MSA_A_REPLACE]),
				   info->extack);
	if (err)
		goto out_sa;
	netdev_put(dev, &tracker);
	return 0;

out_crypto:
	NL_SET_ERR_MSG_MOD(info->extack,
			   "the kernel cannot set up this suite's transforms");
out_sa:
	psac_mnha_sa_put(sa);
out_dev:
	netdev_put(dev, &tracker);
	return err;
}

/**
 * psac_nl_mnha_sa_del_doit() - PSAC_CMD_MNHA_SA_DEL: remove an SA from a device
 * @skb: the request
 * @info: its attributes: PSAC_A_IFINDEX and PSAC_A_MNHA_SA with SPI
 *
 * See psac_mnha_sa_del().
 *
 * Context: Process context.
 *
 * Return: 0, -EINVAL (no ifindex or SPI), -ENODEV, -EOPNOTSUPP (not an
 * mnha device), -ENOENT (no SA with this SPI), or the nest parser's
 * error.
 */
int psac_nl_mnha_sa_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[PSAC_MSA_A_MAX + 1];
	struct net_device *dev;
	netdevice_tracker tracker;
	int err;

	err = psac_nl_parse_nest(info, PSAC_A_MNHA_SA, PSAC_MSA_A_MAX,
				 psac_msa_input_nl_policy, tb);
	if (err)
		return err;
	if (!tb[PSAC_MSA_A_SPI]) {
		NL_SET_ERR_MSG_MOD(info->extack, "missing SPI");
		return -EINVAL;
	}
	dev = psac_mnha_dev_get(info, &tracker);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	err = psac_mnha_sa_del(netdev_priv(dev),
			       nla_get_u32(tb[PSAC_MSA_A_SPI]), NULL);
	netdev_put(dev, &tracker);
	if (err)
		NL_SET_ERR_MSG_MOD(info->extack, "no SA with this SPI");
	return err;
}

/*
 * Where a dump of @md's SAs resumes: after the SA it ended with, found by
 * SPI and install generation, when that SA is still there; else after the
 * first @idx SAs.  Under sa_lock.
 */
static struct psac_mnha_sa *psac_mnha_dump_resume(struct psac_mnha_dev *md,
						  long idx, u32 spi, u64 gen)
{
	struct psac_mnha_sa *sa;

	sa = psac_mnha_sa_locked_by_spi(md, spi);
	if (idx && sa && sa->gen == gen)
		return list_next_entry(sa, list);
	list_for_each_entry(sa, &md->sas, list)
		if (idx-- <= 0)
			break;
	return sa;
}

/**
 * psac_nl_mnha_sa_get_dumpit() - PSAC_CMD_MNHA_SA_GET dump: the SAs, without keys
 * @skb: the reply being filled
 * @cb: the dump state: cb->args[0]: devices done, [1]: SAs done in the
 *      current one, [2] and [3]: SPI and generation of the last SA sent
 *
 * Dump of the SAs of every mnha device of the namespace, or of the one
 * PSAC_A_IFINDEX names.  A device's SAs resume after the last SA sent
 * while that SA is still there, else after as many SAs as were sent.
 *
 * Context: Process context.  Takes RTNL and each device's sa_lock.
 *
 * Return: @skb->len (0 ends the dump).
 */
int psac_nl_mnha_sa_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = psac_genl_dump_attrs(cb);
	struct net *net = sock_net(cb->skb->sk);
	u32 only = 0;
	long ndev = 0;
	struct net_device *dev;

	if (attrs && attrs[PSAC_A_IFINDEX])
		only = nla_get_u32(attrs[PSAC_A_IFINDEX]);

	rtnl_lock();
	for_each_netdev(net, dev) {
		struct psac_mnha_dev *md = netdev_priv(dev);
		struct psac_mnha_sa *sa;
		bool full = false;

		if (!psac_is_mnha_dev(dev) || (only && dev->ifindex != only))
			continue;
		if (ndev++ < cb->args[0])
			continue;
		spin_lock_bh(&md->sa_lock);
		sa = psac_mnha_dump_resume(md, cb->args[1], cb->args[2],
					   cb->args[3]);
		list_for_each_entry_from(sa, &md->sas, list) {
			void *hdr;

			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq,
					  &psac_genl_family, NLM_F_MULTI,
					  PSAC_CMD_MNHA_SA_GET);
			if (!hdr ||
			    nla_put_u32(skb, PSAC_A_IFINDEX, dev->ifindex) ||
			    psac_mnha_put_sa(skb, sa)) {
				if (hdr)
					genlmsg_cancel(skb, hdr);
				full = true;
				break;
			}
			genlmsg_end(skb, hdr);
			cb->args[1]++;
			cb->args[2] = sa->spi;
			cb->args[3] = sa->gen;
		}
		spin_unlock_bh(&md->sa_lock);
		if (full)
			break;
		cb->args[0] = ndev;
		cb->args[1] = 0;
	}
	rtnl_unlock();
	return skb->len;
}

/**
 * psac_mnha_notify() - multicast an SA event to the "mnha" group
 * @sa: the SA the event is about
 * @cmd: PSAC_CMD_MNHA_PEER_NTF or PSAC_CMD_MNHA_REKEY_NTF
 * @event: PSAC_EVENT_*
 *
 * PEER_NTF / REKEY_NTF from the datapath: the device's ifindex, @event
 * and the SA (without keys).  Does nothing without listeners; an event
 * whose message cannot be allocated is lost.
 *
 * Context: May be called in atomic context (GFP_ATOMIC).
 */
void psac_mnha_notify(struct psac_mnha_sa *sa, u8 cmd, u8 event)
{
	struct net_device *dev = sa->md->dev;
	struct net *net = dev_net(dev);
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&psac_genl_family, net, PSAC_NLGRP_MNHA))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &psac_genl_family, 0, cmd);
	if (!hdr || nla_put_u32(msg, PSAC_A_IFINDEX, dev->ifindex) ||
	    nla_put_u8(msg, PSAC_A_EVENT, event) ||
	    psac_mnha_put_sa(msg, sa)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&psac_genl_family, net, msg, 0,
				PSAC_NLGRP_MNHA, GFP_ATOMIC);
}
