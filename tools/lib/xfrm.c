// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: the requestor's side of a PSAC SA pair in XFRM, over
 * NETLINK_XFRM with libmnl.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/psac_wire.h>

#include "crypto.h"
#include "xfrm.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

#define REPLAY_WINDOW	32	/* as the kernel target sets it */

/* ---------------------------------------------------------------------- */
/* Builders                                                                */
/* ---------------------------------------------------------------------- */

void psac_xfrm_selector(const struct psac_xfrm_pair *pr, int outbound,
			struct xfrm_selector *sel)
{
	const struct psac_sa_params *p = &pr->p;
	uint16_t req_port = p->sport, tgt_port = p->dport;

	memset(sel, 0, sizeof(*sel));
	sel->family = AF_INET6;
	sel->prefixlen_s = 128;
	sel->prefixlen_d = 128;
	memcpy(&sel->saddr.in6, outbound ? &pr->local : &pr->peer, 16);
	memcpy(&sel->daddr.in6, outbound ? &pr->peer : &pr->local, 16);
	sel->proto = p->ulp;

	switch (p->ulp) {
	case PSAC_ULP_TCP:
	case PSAC_ULP_UDP:
		/* Src-Port is the requestor's port */
		if (!outbound) {
			uint16_t t = req_port;

			req_port = tgt_port;
			tgt_port = t;
		}
		sel->sport = htons(req_port);
		sel->sport_mask = req_port ? htons(0xffff) : 0;
		sel->dport = htons(tgt_port);
		sel->dport_mask = tgt_port ? htons(0xffff) : 0;
		break;
	case PSAC_ULP_ICMPV6:
		/* type in sport, code in dport, both directions */
		sel->sport = htons(p->sport);
		sel->sport_mask = p->sport ? htons(0xffff) : 0;
		sel->dport = htons(p->dport);
		sel->dport_mask = p->dport ? htons(0xffff) : 0;
		break;
	case PSAC_ULP_MH:
		/*
		 * MH type in sport (draft-ietf-mip6-ikev2-ipsec): Src-Port-or-
		 * Type is the type the requestor sends (BU), Dst-Port-or-Code
		 * the type the target sends back (BAck), docs/target.md.
		 */
		req_port = outbound ? p->sport : p->dport;
		sel->sport = htons(req_port);
		sel->sport_mask = req_port ? htons(0xffff) : 0;
		if (!outbound && !pr->in_mh_type_match) {
			sel->sport = 0;
			sel->sport_mask = 0;
		}
		break;
	default:
		break;
	}
}

static void lft_set(struct xfrm_lifetime_cfg *lft, uint32_t lifetime,
		    int soft)
{
	lft->soft_byte_limit = XFRM_INF;
	lft->hard_byte_limit = XFRM_INF;
	lft->soft_packet_limit = XFRM_INF;
	lft->hard_packet_limit = XFRM_INF;
	if (lifetime != PSAC_LIFETIME_INFINITE) {
		lft->hard_add_expires_seconds = lifetime;
		if (soft)
			lft->soft_add_expires_seconds = lifetime -
							lifetime / 10;
	}
}

static struct nlmsghdr *msg_start(void *buf, uint16_t type, uint16_t flags)
{
	struct nlmsghdr *nlh;

	memset(buf, 0, PSAC_XFRM_MSG_SIZE);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	return nlh;
}

struct nlmsghdr *psac_xfrm_msg_newsa(void *buf,
				     const struct psac_xfrm_pair *pr,
				     int outbound)
{
	const struct psac_sa_params *p = &pr->p;
	struct psac_xfrm_algs algs;
	struct xfrm_usersa_info *sa;
	struct nlmsghdr *nlh;
	const uint8_t *ke, *ka;
	size_t e, a;

	if (p->protocol != PSAC_PROTO_ESP ||
	    psac_keymat_layout(p->encr_alg, p->encr_key_bits, p->integ_alg,
			       &e, &a) ||
	    pr->keymat_len != 2 * (e + a) ||
	    psac_xfrm_algs(p->encr_alg, p->integ_alg, &algs))
		return NULL;
	/* KEYMAT = Ke(I2R) | Ka(I2R) | Ke(R2I) | Ka(R2I) */
	ke = pr->keymat + (outbound ? 0 : e + a);
	ka = ke + e;

	nlh = msg_start(buf, XFRM_MSG_NEWSA, NLM_F_CREATE | NLM_F_EXCL);
	sa = mnl_nlmsg_put_extra_header(nlh, sizeof(*sa));
	/*
	 * The state carries the policy's selector: release finds the
	 * policies through it.  The inbound MH selector is already any-type
	 * (psac_xfrm_selector), so the inbound state check never needs a
	 * decapsulated MH type.
	 */
	psac_xfrm_selector(pr, outbound, &sa->sel);
	memcpy(&sa->id.daddr.in6, outbound ? &pr->peer : &pr->local, 16);
	sa->id.spi = htonl(outbound ? p->spi_i2r : p->spi_r2i);
	sa->id.proto = IPPROTO_ESP;
	memcpy(&sa->saddr.in6, outbound ? &pr->local : &pr->peer, 16);
	lft_set(&sa->lft, p->lifetime, 1);
	sa->reqid = pr->reqid;
	sa->family = AF_INET6;
	sa->mode = p->mode == PSAC_MODE_TUNNEL ? XFRM_MODE_TUNNEL :
						 XFRM_MODE_TRANSPORT;
	sa->replay_window = REPLAY_WINDOW;

	if (algs.aead) {
		struct xfrm_algo_aead *al;
		size_t sz = sizeof(*al) + e;
		uint8_t tmp[sizeof(struct xfrm_algo_aead) + PSAC_KEYMAT_MAX];

		al = (struct xfrm_algo_aead *)tmp;
		memset(tmp, 0, sizeof(tmp));
		snprintf(al->alg_name, sizeof(al->alg_name), "%s", algs.enc);
		al->alg_key_len = (unsigned int)(e * 8);
		al->alg_icv_len = algs.icv_bits;
		memcpy(al->alg_key, ke, e);
		mnl_attr_put(nlh, XFRMA_ALG_AEAD, sz, al);
		psac_wipe(tmp, sizeof(tmp));
	} else {
		uint8_t tmp[sizeof(struct xfrm_algo_auth) + PSAC_KEYMAT_MAX];
		struct xfrm_algo_auth *au = (struct xfrm_algo_auth *)tmp;
		struct xfrm_algo *en = (struct xfrm_algo *)tmp;

		memset(tmp, 0, sizeof(tmp));
		snprintf(en->alg_name, sizeof(en->alg_name), "%s", algs.enc);
		en->alg_key_len = (unsigned int)(e * 8);
		memcpy(en->alg_key, ke, e);
		mnl_attr_put(nlh, XFRMA_ALG_CRYPT, sizeof(*en) + e, en);
		if (algs.auth) {
			memset(tmp, 0, sizeof(tmp));
			snprintf(au->alg_name, sizeof(au->alg_name), "%s",
				 algs.auth);
			au->alg_key_len = (unsigned int)(a * 8);
			au->alg_trunc_len = algs.trunc_bits;
			memcpy(au->alg_key, ka, a);
			mnl_attr_put(nlh, XFRMA_ALG_AUTH_TRUNC,
				     sizeof(*au) + a, au);
		}
		psac_wipe(tmp, sizeof(tmp));
	}
	return nlh;
}

struct nlmsghdr *psac_xfrm_msg_policy(void *buf,
				      const struct psac_xfrm_pair *pr,
				      int outbound, uint16_t type)
{
	struct xfrm_userpolicy_info *pol;
	struct xfrm_user_tmpl t;
	struct nlmsghdr *nlh;

	nlh = msg_start(buf, type, type == XFRM_MSG_NEWPOLICY ?
			NLM_F_CREATE | NLM_F_EXCL : NLM_F_CREATE);
	pol = mnl_nlmsg_put_extra_header(nlh, sizeof(*pol));
	psac_xfrm_selector(pr, outbound, &pol->sel);
	lft_set(&pol->lft, pr->p.lifetime, 0);
	pol->dir = outbound ? XFRM_POLICY_OUT : XFRM_POLICY_IN;
	pol->action = XFRM_POLICY_ALLOW;
	pol->share = XFRM_SHARE_ANY;

	memset(&t, 0, sizeof(t));
	t.id.proto = IPPROTO_ESP;
	t.family = AF_INET6;
	t.reqid = pr->reqid;
	t.share = XFRM_SHARE_ANY;
	t.aalgos = ~0U;
	t.ealgos = ~0U;
	t.calgos = ~0U;
	if (pr->p.mode == PSAC_MODE_TUNNEL) {
		t.mode = XFRM_MODE_TUNNEL;
		memcpy(&t.id.daddr.in6, outbound ? &pr->peer : &pr->local, 16);
		memcpy(&t.saddr.in6, outbound ? &pr->local : &pr->peer, 16);
	} else {
		t.mode = XFRM_MODE_TRANSPORT;
	}
	mnl_attr_put(nlh, XFRMA_TMPL, sizeof(t), &t);
	return nlh;
}

struct nlmsghdr *psac_xfrm_msg_delsa(void *buf, const struct in6_addr *dst,
				     uint32_t spi, uint8_t proto)
{
	struct xfrm_usersa_id *id;
	struct nlmsghdr *nlh;

	nlh = msg_start(buf, XFRM_MSG_DELSA, 0);
	id = mnl_nlmsg_put_extra_header(nlh, sizeof(*id));
	memcpy(&id->daddr.in6, dst, 16);
	id->spi = htonl(spi);
	id->family = AF_INET6;
	id->proto = proto;
	return nlh;
}

struct nlmsghdr *psac_xfrm_msg_policy_id(void *buf, uint16_t type,
					 const struct xfrm_selector *sel,
					 uint8_t dir)
{
	struct xfrm_userpolicy_id *id;
	struct nlmsghdr *nlh;

	nlh = msg_start(buf, type, 0);
	id = mnl_nlmsg_put_extra_header(nlh, sizeof(*id));
	id->sel = *sel;
	id->dir = dir;
	return nlh;
}

void psac_xfrm_sel_str(const struct xfrm_selector *sel, char *buf,
		       size_t len)
{
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN], extra[64] = "";
	const char *u = psac_ulp_name(sel->proto);

	inet_ntop(AF_INET6, &sel->saddr.in6, s, sizeof(s));
	inet_ntop(AF_INET6, &sel->daddr.in6, d, sizeof(d));
	if (sel->proto == PSAC_ULP_ICMPV6) {
		if (sel->sport_mask)
			snprintf(extra, sizeof(extra), " type %u",
				 ntohs(sel->sport));
		if (sel->dport_mask)
			snprintf(extra + strlen(extra),
				 sizeof(extra) - strlen(extra), " code %u",
				 ntohs(sel->dport));
	} else if (sel->proto == PSAC_ULP_MH) {
		if (sel->sport_mask)
			snprintf(extra, sizeof(extra), " type %u",
				 ntohs(sel->sport));
	} else if (sel->proto) {
		if (sel->sport_mask)
			snprintf(extra, sizeof(extra), " sport %u",
				 ntohs(sel->sport));
		if (sel->dport_mask)
			snprintf(extra + strlen(extra),
				 sizeof(extra) - strlen(extra), " dport %u",
				 ntohs(sel->dport));
	}
	if (sel->proto)
		snprintf(buf, len, "src %s/%u dst %s/%u proto %s%s", s,
			 sel->prefixlen_s, d, sel->prefixlen_d,
			 u ? u : "?", extra);
	else
		snprintf(buf, len, "src %s/%u dst %s/%u", s, sel->prefixlen_s,
			 d, sel->prefixlen_d);
}

/* ---------------------------------------------------------------------- */
/* The socket                                                              */
/* ---------------------------------------------------------------------- */

int psac_xfrm_open(struct psac_xfrm *x)
{
	struct psac_genl *g = &x->g;
	int one = 1, ret;

	memset(x, 0, sizeof(*x));
	g->ext_miss_type = -1;
	snprintf(g->family, sizeof(g->family), "xfrm");
	g->buf = malloc(PSAC_GENL_BUF_SIZE);
	if (!g->buf)
		return -ENOMEM;
	g->nl = mnl_socket_open(NETLINK_XFRM);
	if (!g->nl) {
		ret = -errno;
		goto fail;
	}
	if (mnl_socket_bind(g->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		goto fail;
	}
	g->portid = mnl_socket_get_portid(g->nl);
	if (psac_random(&g->seq, sizeof(g->seq)))
		g->seq = 1;
	mnl_socket_setsockopt(g->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(g->nl, NETLINK_CAP_ACK, &one, sizeof(one));
	return 0;
fail:
	psac_xfrm_close(x);
	return ret;
}

void psac_xfrm_close(struct psac_xfrm *x)
{
	psac_genl_close(&x->g);
}

static int talk(struct psac_xfrm *x, struct nlmsghdr *nlh, psac_genl_cb cb,
		void *data, struct psac_xfrm_report *rep, const char *step)
{
	int ret = psac_genl_talk(&x->g, nlh, cb, data);

	if (ret && rep) {
		rep->step = step;
		rep->err = ret;
		snprintf(rep->ext_msg, sizeof(rep->ext_msg), "%s",
			 x->g.ext_msg);
	}
	return ret;
}

/* ---------------------------------------------------------------------- */
/* Dump of the states                                                      */
/* ---------------------------------------------------------------------- */

#define MAX_FOUND	64

struct found_sa {
	struct xfrm_selector sel;
	struct in6_addr saddr, daddr;
	uint32_t spi, reqid;
	uint8_t proto, mode;
};

struct sa_list {
	unsigned int n;
	struct found_sa sa[MAX_FOUND];
	/* filter */
	const struct in6_addr *a, *b;
};

static int addr_eq(const void *a, const void *b)
{
	return !memcmp(a, b, 16);
}

static int dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct sa_list *l = data;
	const struct xfrm_usersa_info *sa;
	struct found_sa *f;

	if (nlh->nlmsg_type != XFRM_MSG_NEWSA ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*sa)))
		return MNL_CB_OK;
	sa = mnl_nlmsg_get_payload(nlh);
	if (sa->family != AF_INET6 || sa->id.proto != IPPROTO_ESP)
		return MNL_CB_OK;
	if (!((addr_eq(&sa->saddr.in6, l->a) &&
	       addr_eq(&sa->id.daddr.in6, l->b)) ||
	      (addr_eq(&sa->saddr.in6, l->b) &&
	       addr_eq(&sa->id.daddr.in6, l->a))))
		return MNL_CB_OK;
	if (l->n >= MAX_FOUND)
		return MNL_CB_OK;
	f = &l->sa[l->n++];
	f->sel = sa->sel;
	memcpy(&f->saddr, &sa->saddr.in6, 16);
	memcpy(&f->daddr, &sa->id.daddr.in6, 16);
	f->spi = ntohl(sa->id.spi);
	f->reqid = sa->reqid;
	f->proto = sa->id.proto;
	f->mode = sa->mode;
	return MNL_CB_OK;
}

/* the ESP states between a and b */
static int dump_states(struct psac_xfrm *x, const struct in6_addr *a,
		       const struct in6_addr *b, struct sa_list *l,
		       struct psac_xfrm_report *rep)
{
	char buf[PSAC_XFRM_MSG_SIZE];
	struct nlmsghdr *nlh = msg_start(buf, XFRM_MSG_GETSA, NLM_F_DUMP);

	memset(l, 0, sizeof(*l));
	l->a = a;
	l->b = b;
	return talk(x, nlh, dump_cb, l, rep, "listing the XFRM states");
}

struct pol_reqid {
	int found;
	uint32_t reqid;
};

static int getpol_cb(const struct nlmsghdr *nlh, void *data)
{
	struct pol_reqid *r = data;
	const struct nlattr *a;

	if (nlh->nlmsg_type != XFRM_MSG_NEWPOLICY)
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(struct xfrm_userpolicy_info)) {
		if (mnl_attr_get_type(a) == XFRMA_TMPL &&
		    mnl_attr_get_payload_len(a) >=
		    sizeof(struct xfrm_user_tmpl)) {
			const struct xfrm_user_tmpl *t =
				mnl_attr_get_payload(a);

			r->found = 1;
			r->reqid = t->reqid;
		}
	}
	return MNL_CB_OK;
}

/* ---------------------------------------------------------------------- */
/* Install and release                                                     */
/* ---------------------------------------------------------------------- */

static void del_sa(struct psac_xfrm *x, const struct in6_addr *dst,
		   uint32_t spi)
{
	char buf[PSAC_XFRM_MSG_SIZE];

	talk(x, psac_xfrm_msg_delsa(buf, dst, spi, IPPROTO_ESP), NULL, NULL,
	     NULL, NULL);
}

static int del_policy(struct psac_xfrm *x, const struct xfrm_selector *sel,
		      uint8_t dir)
{
	char buf[PSAC_XFRM_MSG_SIZE];

	return talk(x, psac_xfrm_msg_policy_id(buf, XFRM_MSG_DELPOLICY, sel,
					       dir), NULL, NULL, NULL, NULL);
}

int psac_xfrm_install(struct psac_xfrm *x, const struct psac_xfrm_pair *pr,
		      struct psac_xfrm_report *rep)
{
	char buf[PSAC_XFRM_MSG_SIZE];
	struct xfrm_selector sel;
	struct pol_reqid old = { 0, 0 };
	struct nlmsghdr *nlh;
	struct sa_list *l;
	unsigned int i;
	int ret;

	memset(rep, 0, sizeof(*rep));
	/* a pair with the same selectors that this one replaces? */
	psac_xfrm_selector(pr, 1, &sel);
	nlh = psac_xfrm_msg_policy_id(buf, XFRM_MSG_GETPOLICY, &sel,
				      XFRM_POLICY_OUT);
	if (psac_genl_talk(&x->g, nlh, getpol_cb, &old))
		old.found = 0;

	nlh = psac_xfrm_msg_newsa(buf, pr, 1);
	if (!nlh) {
		rep->step = "building the outbound state";
		rep->err = -EINVAL;
		return -EINVAL;
	}
	ret = talk(x, nlh, NULL, NULL, rep, "adding the outbound state");
	psac_wipe(buf, sizeof(buf));
	if (ret)
		return ret;
	nlh = psac_xfrm_msg_newsa(buf, pr, 0);
	ret = talk(x, nlh, NULL, NULL, rep, "adding the inbound state");
	psac_wipe(buf, sizeof(buf));
	if (ret)
		goto del_out;
	nlh = psac_xfrm_msg_policy(buf, pr, 1, XFRM_MSG_UPDPOLICY);
	ret = talk(x, nlh, NULL, NULL, rep, "adding the outbound policy");
	if (ret)
		goto del_in;
	nlh = psac_xfrm_msg_policy(buf, pr, 0, XFRM_MSG_UPDPOLICY);
	ret = talk(x, nlh, NULL, NULL, rep, "adding the inbound policy");
	if (ret)
		goto del_pol;

	if (!old.found)
		return 0;
	/* the replaced pair's states go (the kernel target does the same) */
	rep->old_reqid = old.reqid;
	l = malloc(sizeof(*l));
	if (!l || dump_states(x, &pr->local, &pr->peer, l, NULL)) {
		free(l);
		return 0;
	}
	for (i = 0; i < l->n; i++) {
		const struct found_sa *f = &l->sa[i];

		if (f->reqid != old.reqid ||
		    (addr_eq(&f->daddr, &pr->peer) && f->spi == pr->p.spi_i2r) ||
		    (addr_eq(&f->daddr, &pr->local) && f->spi == pr->p.spi_r2i))
			continue;
		del_sa(x, &f->daddr, f->spi);
		rep->replaced++;
	}
	free(l);
	return 0;

del_pol:
	psac_xfrm_selector(pr, 1, &sel);
	del_policy(x, &sel, XFRM_POLICY_OUT);
del_in:
	del_sa(x, &pr->local, pr->p.spi_r2i);
del_out:
	del_sa(x, &pr->peer, pr->p.spi_i2r);
	return ret;
}

int psac_xfrm_release(struct psac_xfrm *x, const struct in6_addr *local,
		      const struct in6_addr *peer, uint32_t spi_r2i,
		      struct psac_xfrm_report *rep)
{
	const struct found_sa *in = NULL;
	char buf[PSAC_XFRM_MSG_SIZE];
	struct sa_list *l;
	unsigned int i;
	int ret;

	memset(rep, 0, sizeof(*rep));
	l = malloc(sizeof(*l));
	if (!l)
		return -ENOMEM;
	ret = dump_states(x, local, peer, l, rep);
	if (ret)
		goto out;
	for (i = 0; i < l->n; i++)
		if (addr_eq(&l->sa[i].daddr, local) &&
		    addr_eq(&l->sa[i].saddr, peer) && l->sa[i].spi == spi_r2i)
			in = &l->sa[i];
	if (!in) {
		rep->step = "finding the inbound state";
		rep->err = ret = -ENOENT;
		goto out;
	}
	rep->found_reqid = in->reqid;
	rep->found.spi_r2i = spi_r2i;
	for (i = 0; i < l->n; i++) {
		const struct found_sa *f = &l->sa[i];
		int out = addr_eq(&f->saddr, local);

		if (f->reqid != in->reqid)
			continue;
		if (out)
			rep->found.spi_i2r = f->spi;
		if (!del_policy(x, &f->sel, out ? XFRM_POLICY_OUT :
				XFRM_POLICY_IN))
			rep->policies++;
		ret = talk(x, psac_xfrm_msg_delsa(buf, &f->daddr, f->spi,
						  IPPROTO_ESP),
			   NULL, NULL, rep, "deleting a state");
		if (!ret)
			rep->states++;
	}
	ret = rep->states ? 0 : ret;
out:
	free(l);
	return ret;
}
