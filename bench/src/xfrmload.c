// SPDX-License-Identifier: GPL-2.0
/*
 * xfrmload - installs SA pairs with NETLINK_XFRM directly, the way a
 * user-space daemon would (no ip(8) process, no text parsing), for the
 * provisioning benchmark.
 *
 *   xfrmload --local ADDR --peer ADDR FILE
 *
 * FILE: one pair per line, "SPI_I2R SPI_R2I KE_I2R KE_R2I DPORT" (GCM keys
 * as 0x + 20 octets hex).  Per pair, the objects psac.ko's target installs:
 * inbound and outbound transport-mode rfc4106(gcm(aes)) states (ICV 128,
 * hard lifetime 3600 s, soft 3240 s) and the in/out policies for UDP
 * DPORT between the two /128s.  Each message is acknowledged before the
 * next (NLM_F_ACK), as ip(8) does.  Prints "pairs N secs S".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench_common.h"

static int nl;
static uint32_t nlseq;

static void nl_talk(struct nlmsghdr *n)
{
	char buf[4096];
	struct nlmsghdr *r = (struct nlmsghdr *)buf;
	struct nlmsgerr *e;

	n->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	n->nlmsg_seq = ++nlseq;
	if (send(nl, n, n->nlmsg_len, 0) != (ssize_t)n->nlmsg_len)
		die("netlink send");
	for (;;) {
		ssize_t len = recv(nl, buf, sizeof(buf), 0);

		if (len < 0)
			die("netlink recv");
		if (r->nlmsg_seq != nlseq || r->nlmsg_type != NLMSG_ERROR)
			continue;
		e = NLMSG_DATA(r);
		if (e->error) {
			fprintf(stderr, "xfrmload: %s\n", strerror(-e->error));
			exit(1);
		}
		return;
	}
}

static void add_attr(struct nlmsghdr *n, uint16_t type, const void *d,
		     size_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)n + NLMSG_ALIGN(n->nlmsg_len));

	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	memcpy((char *)a + NLA_HDRLEN, d, len);
	n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static void sel6(struct xfrm_selector *s, const struct in6_addr *src,
		 const struct in6_addr *dst, uint16_t sport, uint16_t dport)
{
	memcpy(&s->saddr, src, 16);
	memcpy(&s->daddr, dst, 16);
	s->family = AF_INET6;
	s->prefixlen_s = s->prefixlen_d = 128;
	s->proto = IPPROTO_UDP;
	s->sport = htons(sport);
	s->sport_mask = sport ? 0xffff : 0;
	s->dport = htons(dport);
	s->dport_mask = dport ? 0xffff : 0;
}

static void add_sa(const struct in6_addr *src, const struct in6_addr *dst,
		   uint32_t spi, uint32_t reqid, const uint8_t *key)
{
	union {
		struct nlmsghdr n;
		char b[1024];
	} m;
	struct xfrm_usersa_info *sa;
	struct {
		struct xfrm_algo_aead a;
		uint8_t key[20];
	} alg;

	memset(&m, 0, sizeof(m));
	m.n.nlmsg_type = XFRM_MSG_NEWSA;
	m.n.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	m.n.nlmsg_len = NLMSG_LENGTH(sizeof(*sa));
	sa = NLMSG_DATA(&m.n);
	memcpy(&sa->saddr, src, 16);
	memcpy(&sa->id.daddr, dst, 16);
	sa->id.spi = htonl(spi);
	sa->id.proto = IPPROTO_ESP;
	sa->family = AF_INET6;
	sa->mode = XFRM_MODE_TRANSPORT;
	sa->reqid = reqid;
	sa->lft.soft_byte_limit = sa->lft.hard_byte_limit = XFRM_INF;
	sa->lft.soft_packet_limit = sa->lft.hard_packet_limit = XFRM_INF;
	sa->lft.soft_add_expires_seconds = 3240;
	sa->lft.hard_add_expires_seconds = 3600;
	memset(&alg, 0, sizeof(alg));
	strcpy(alg.a.alg_name, "rfc4106(gcm(aes))");
	alg.a.alg_key_len = 160;
	alg.a.alg_icv_len = 128;
	memcpy(alg.key, key, 20);
	add_attr(&m.n, XFRMA_ALG_AEAD, &alg, sizeof(alg));
	nl_talk(&m.n);
}

static void add_pol(const struct in6_addr *src, const struct in6_addr *dst,
		    uint8_t dir, uint16_t sport, uint16_t dport, uint32_t reqid)
{
	union {
		struct nlmsghdr n;
		char b[1024];
	} m;
	struct xfrm_userpolicy_info *p;
	struct xfrm_user_tmpl t;

	memset(&m, 0, sizeof(m));
	m.n.nlmsg_type = XFRM_MSG_NEWPOLICY;
	m.n.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	m.n.nlmsg_len = NLMSG_LENGTH(sizeof(*p));
	p = NLMSG_DATA(&m.n);
	sel6(&p->sel, src, dst, sport, dport);
	p->lft.soft_byte_limit = p->lft.hard_byte_limit = XFRM_INF;
	p->lft.soft_packet_limit = p->lft.hard_packet_limit = XFRM_INF;
	p->dir = dir;
	p->action = XFRM_POLICY_ALLOW;
	memset(&t, 0, sizeof(t));
	memcpy(&t.saddr, src, 16);
	memcpy(&t.id.daddr, dst, 16);
	t.id.proto = IPPROTO_ESP;
	t.family = AF_INET6;
	t.reqid = reqid;
	t.mode = XFRM_MODE_TRANSPORT;
	t.aalgos = t.ealgos = t.calgos = ~0u;
	add_attr(&m.n, XFRMA_TMPL, &t, sizeof(t));
	nl_talk(&m.n);
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct in6_addr local, peer;
	char ki[64], ko[64];
	unsigned long si, so, dp, n = 0;
	uint8_t kin[20], kout[20];
	FILE *f;
	double t0;

	if (argc != 6 || strcmp(argv[1], "--local") || strcmp(argv[3], "--peer") ||
	    inet_pton(AF_INET6, argv[2], &local) != 1 ||
	    inet_pton(AF_INET6, argv[4], &peer) != 1)
		die("usage: xfrmload --local ADDR --peer ADDR FILE");
	f = fopen(argv[5], "r");
	if (!f)
		die("cannot open FILE");
	nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_XFRM);
	if (nl < 0 || bind(nl, (struct sockaddr *)&sa, sizeof(sa)))
		die("NETLINK_XFRM socket");
	t0 = now_s();
	while (fscanf(f, "%lx %lx %63s %63s %lu", &si, &so, ki, ko, &dp) == 5) {
		uint32_t reqid = (uint32_t)(si & 0xfffff);

		if (strncmp(ki, "0x", 2) || strncmp(ko, "0x", 2) ||
		    hexkey(ki + 2, kin, 20) != 20 || hexkey(ko + 2, kout, 20) != 20)
			die("bad key in FILE");
		add_sa(&peer, &local, (uint32_t)si, reqid, kin);
		add_sa(&local, &peer, (uint32_t)so, reqid, kout);
		add_pol(&peer, &local, XFRM_POLICY_IN, 0, (uint16_t)dp, reqid);
		add_pol(&local, &peer, XFRM_POLICY_OUT, (uint16_t)dp, 0, reqid);
		n++;
	}
	fclose(f);
	printf("pairs %lu secs %.4f\n", n, now_s() - t0);
	return 0;
}
