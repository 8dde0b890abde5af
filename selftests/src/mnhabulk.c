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
 * batched (many messages per sendmsg, one ACK each: psac_genl_batch() of
 * the tools' netlink client); every ACK is checked and the first error
 * stops the program with its extack message.  Prints
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
#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "genl.h"

#define BATCH 64

static struct psac_genl g;
/* psac_genl_msg() clears PSAC_GENL_MSG_SIZE octets where a message starts */
static char sbuf[BATCH * 512 + PSAC_GENL_MSG_SIZE];

static void die(const char *msg)
{
	fprintf(stderr, "mnhabulk: %s\n", msg);
	exit(1);
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
	int inbatch = 0, del = 0, err;
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

	err = psac_genl_open(&g, PSAC_GENL_NAME);
	if (err)
		die(err == -ENOENT ? "family psac not found (module not loaded?)" :
		    strerror(-err));

	t0 = now();
	for (i = 0; i < count; i++) {
		uint32_t hoa = htonl(0x64400000u |
				     ((uint32_t)(first + i) & 0x3fffffu));
		struct nlattr *nest;

		nlh = psac_genl_msg(&g, sbuf + used, del ? PSAC_CMD_MNHA_SA_DEL :
				    PSAC_CMD_MNHA_SA_ADD, 0);
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
			err = psac_genl_batch(&g, sbuf, used);
			if (err) {
				char msg[512];

				fprintf(stderr, "mnhabulk: SA batch ending at SPI %lu: %s\n",
					first + i,
					psac_genl_strerror(&g, err, msg,
							   sizeof(msg)));
				return 1;
			}
			used = 0;
			inbatch = 0;
		}
	}
	secs = now() - t0;
	printf("%s %lu secs %.3f rate %.1f\n", del ? "removed" : "installed",
	       count, secs, secs > 0 ? count / secs : 0);
	psac_genl_close(&g);
	return 0;
}
