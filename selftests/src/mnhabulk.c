// SPDX-License-Identifier: GPL-2.0
/*
 * mnhabulk - install or remove many MN-HA SAs quickly (scaling selftest
 * and benchmark).
 *
 *   mnhabulk IFNAME COUNT FIRST_SPI KEYHEX
 *   mnhabulk --del IFNAME COUNT FIRST_SPI
 *
 * Adds COUNT AES-128-GCM SAs (scope 1) to the mnha device IFNAME over the
 * psac generic netlink family, SPIs FIRST_SPI, FIRST_SPI+1, ..., each with
 * its own IPv4 home address in 100.64.0.0/10 (the low 22 bits of the SPI,
 * so later batches with higher SPIs do not collide) and the
 * key KEYHEX (20 octets: key + salt) in both directions.  Requests are
 * batched (many messages per sendmsg, one ACK each); every ACK is checked
 * and the first error stops the program with its extack message.  Prints
 * "installed N secs S rate R" on success.  With --del, removes the SAs
 * FIRST_SPI .. FIRST_SPI + COUNT - 1 (PSAC_CMD_MNHA_SA_DEL) and prints
 * "removed N secs S rate R".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/psac.h>
#include <linux/psac_wire.h>

#define BATCH 64

static struct mnl_socket *nl;
static uint16_t family_id;
static uint32_t seqno;
static char rbuf[1 << 16];
static char sbuf[BATCH * 512];

static void die(const char *msg)
{
	fprintf(stderr, "mnhabulk: %s\n", msg);
	exit(1);
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *a;

	(void)data;
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
			family_id = mnl_attr_get_u16(a);
	return MNL_CB_OK;
}

static struct nlmsghdr *put_msg(char *at, uint16_t type, uint8_t cmd,
				uint8_t version)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(at);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++seqno;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = version;
	return nlh;
}

/* Reads until `want` ACKs arrived; exits on the first error. */
static void read_acks(int want)
{
	while (want > 0) {
		ssize_t n = mnl_socket_recvfrom(nl, rbuf, sizeof(rbuf));
		const struct nlmsghdr *h = (void *)rbuf;
		int len = (int)n;

		if (n < 0)
			die("recvfrom");
		for (; mnl_nlmsg_ok(h, len); h = mnl_nlmsg_next(h, &len)) {
			const struct nlmsgerr *e;
			const struct nlattr *a;

			if (h->nlmsg_type != NLMSG_ERROR)
				continue;
			e = mnl_nlmsg_get_payload(h);
			if (e->error) {
				size_t off = sizeof(*e);

				if (!(h->nlmsg_flags & NLM_F_CAPPED))
					off += e->msg.nlmsg_len -
					       sizeof(struct nlmsghdr);
				if (h->nlmsg_flags & NLM_F_ACK_TLVS)
					mnl_attr_for_each(a, h, off)
						if (mnl_attr_get_type(a) ==
						    NLMSGERR_ATTR_MSG)
							fprintf(stderr, "kernel: %s\n",
								mnl_attr_get_str(a));
				fprintf(stderr, "mnhabulk: SA seq %u: %s\n",
					e->msg.nlmsg_seq, strerror(-e->error));
				exit(1);
			}
			want--;
		}
	}
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned char key[20];
	unsigned long count, first, i;
	unsigned int ifindex;
	struct nlmsghdr *nlh;
	size_t used = 0;
	int one = 1, inbatch = 0, del = 0;
	double t0, secs;

	if (argc == 5 && !strcmp(argv[1], "--del")) {
		del = 1;
		argv++;
		argc--;
	}
	if (argc != (del ? 4 : 5)) {
		fprintf(stderr, "usage: mnhabulk IFNAME COUNT FIRST_SPI KEYHEX\n"
			"       mnhabulk --del IFNAME COUNT FIRST_SPI\n");
		return 2;
	}
	ifindex = if_nametoindex(argv[1]);
	count = strtoul(argv[2], NULL, 0);
	first = strtoul(argv[3], NULL, 0);
	if (!ifindex || !count || count > (1UL << 22) || !first ||
	    first + count > (1UL << 22) ||
	    (!del && strlen(argv[4]) != 2 * sizeof(key)))
		die("bad arguments (device, count, first SPI, SPIs beyond 2^22 or not a 40-digit key)");
	for (i = 0; !del && i < sizeof(key); i++)
		if (sscanf(argv[4] + 2 * i, "%2hhx", &key[i]) != 1)
			die("bad key");

	nl = mnl_socket_open(NETLINK_GENERIC);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		die("netlink socket");
	mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	nlh = put_msg(sbuf, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, PSAC_GENL_NAME);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		die("sendto");
	while (!family_id) {
		ssize_t n = mnl_socket_recvfrom(nl, rbuf, sizeof(rbuf));

		if (n <= 0 || mnl_cb_run(rbuf, (size_t)n, 0, 0, family_cb,
					 NULL) < 0)
			die("family psac not found (module not loaded?)");
	}

	t0 = now();
	for (i = 0; i < count; i++) {
		uint32_t hoa = htonl(0x64400000u |
				     ((uint32_t)(first + i) & 0x3fffffu));
		struct nlattr *nest;

		nlh = put_msg(sbuf + used, family_id, del ? PSAC_CMD_MNHA_SA_DEL :
			      PSAC_CMD_MNHA_SA_ADD, PSAC_GENL_VERSION);
		mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, ifindex);
		nest = mnl_attr_nest_start(nlh, PSAC_A_MNHA_SA);
		mnl_attr_put_u32(nlh, PSAC_MSA_A_SPI, (uint32_t)(first + i));
		if (!del) {
			mnl_attr_put_u16(nlh, PSAC_MSA_A_SUITE,
					 PSAC_MNHA_SUITE_AES128_GCM);
			mnl_attr_put(nlh, PSAC_MSA_A_EKEY_MN2HA, sizeof(key),
				     key);
			mnl_attr_put(nlh, PSAC_MSA_A_EKEY_HA2MN, sizeof(key),
				     key);
			mnl_attr_put(nlh, PSAC_MSA_A_HOA4, 4, &hoa);
			mnl_attr_put_u8(nlh, PSAC_MSA_A_SCOPE, 1);
		}
		mnl_attr_nest_end(nlh, nest);
		used += NLMSG_ALIGN(nlh->nlmsg_len);
		if (++inbatch == BATCH || i + 1 == count) {
			if (mnl_socket_sendto(nl, sbuf, used) < 0)
				die("sendto");
			read_acks(inbatch);
			used = 0;
			inbatch = 0;
		}
	}
	secs = now() - t0;
	printf("%s %lu secs %.3f rate %.1f\n", del ? "removed" : "installed",
	       count, secs, secs > 0 ? count / secs : 0);
	mnl_socket_close(nl);
	return 0;
}
