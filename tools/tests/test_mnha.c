// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Tests of 'psac mnha' (cmd_mnha.c) without the kernel module: the generic
 * netlink calls are replaced at link time (-Wl,--wrap) by a fake that
 * records each request and answers with messages shaped after
 * uapi/linux/psac.h.  Checks the requests (commands, flags, nests,
 * attribute types and lengths), the key checks done before the kernel is
 * asked, and the text and JSON output byte for byte.  The device is "lo",
 * which exists everywhere; the round trip with the real module runs in the
 * VM selftests.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "../cmds.h"
#include "genl.h"
#include "util.h"
#include "fake_genl.h"

static uint32_t lo;


static void put_dev(struct nlmsghdr *nlh)
{
	struct nlattr *n;
	int i;

	mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, lo);
	n = mnl_attr_nest_start(nlh, PSAC_A_MNHA_DEV);
	mnl_attr_put_strz(nlh, PSAC_MDEV_A_IFNAME, "mnha0");
	mnl_attr_put_u8(nlh, PSAC_MDEV_A_ROLE, PSAC_MNHA_ROLE_HA);
	mnl_attr_put_u16(nlh, PSAC_MDEV_A_PORT, 7872);
	fake_put_addr(nlh, PSAC_MDEV_A_LOCAL6, AF_INET6, "2001:db8::1");
	mnl_attr_put_u32(nlh, PSAC_MDEV_A_SA_COUNT, 2);
	for (i = PSAC_MDEV_A_DROP_NO_SA; i <= PSAC_MDEV_A_TX_DROP_SEQ; i++)
		mnl_attr_put_u64(nlh, i, (uint64_t)i);
	mnl_attr_nest_end(nlh, n);
}

/* SA 0: AES-128-GCM, HoA + HNP, IPv6 peer, all counters; SA 1: NULL +
 * HMAC-SHA1, IPv4 HoA and peer, no valid-until, draining */
static void put_sa(struct nlmsghdr *nlh, int i)
{
	struct nlattr *n;

	mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, lo);
	n = mnl_attr_nest_start(nlh, PSAC_A_MNHA_SA);
	mnl_attr_put_u32(nlh, PSAC_MSA_A_SPI, i ? 0x0abcdef : 0x100);
	mnl_attr_put_u16(nlh, PSAC_MSA_A_SUITE, i ? PSAC_MNHA_SUITE_NULL_HMAC_SHA1 :
			 PSAC_MNHA_SUITE_AES128_GCM);
	mnl_attr_put_u8(nlh, PSAC_MSA_A_STATE, i ? PSAC_MNHA_SA_DRAINING :
			PSAC_MNHA_SA_ACTIVE);
	if (!i) {
		fake_put_addr(nlh, PSAC_MSA_A_HOA6, AF_INET6, "2001:db8:100::2");
		fake_put_addr(nlh, PSAC_MSA_A_HNP6, AF_INET6, "2001:db8:100::");
		mnl_attr_put_u8(nlh, PSAC_MSA_A_HNP6_LEN, 64);
		fake_put_addr(nlh, PSAC_MSA_A_PEER_ADDR, AF_INET6, "2001:db8:9::2");
		mnl_attr_put_u64(nlh, PSAC_MSA_A_VALID_UNTIL, 1700000000);
	} else {
		fake_put_addr(nlh, PSAC_MSA_A_HOA4, AF_INET, "10.1.0.2");
		fake_put_addr(nlh, PSAC_MSA_A_PEER_ADDR, AF_INET, "192.0.2.9");
	}
	mnl_attr_put_u16(nlh, PSAC_MSA_A_PEER_PORT, 7872);
	mnl_attr_put_u8(nlh, PSAC_MSA_A_SCOPE, i ? 0 : 1);
	mnl_attr_put_u32(nlh, PSAC_MSA_A_TX_SEQ, 10 + i);
	mnl_attr_put_u32(nlh, PSAC_MSA_A_RX_SEQ, 20 + i);
	mnl_attr_put_u64(nlh, PSAC_MSA_A_RX_PACKETS, 30);
	mnl_attr_put_u64(nlh, PSAC_MSA_A_TX_PACKETS, 40);
	mnl_attr_put_u64(nlh, PSAC_MSA_A_DROP_AUTH, 1);
	mnl_attr_put_u64(nlh, PSAC_MSA_A_DROP_REPLAY, 2);
	mnl_attr_put_u64(nlh, PSAC_MSA_A_DROP_SOURCE, 3);
	if (!i) {
		mnl_attr_put_u64(nlh, PSAC_MSA_A_DROP_BAD_LEN, 4);
		mnl_attr_put_u64(nlh, PSAC_MSA_A_DROP_PLAIN, 5);
	}
	mnl_attr_nest_end(nlh, n);
}

int __wrap_psac_genl_talk(struct psac_genl *g, struct nlmsghdr *req,
			  psac_genl_cb cb, void *data)
{
	const struct genlmsghdr *gh = mnl_nlmsg_get_payload(req);
	struct nlmsghdr *nlh;
	int i;

	if (fake_record(g, req))
		return fake_err;
	if (!cb)
		return 0;
	switch (gh->cmd) {
	case PSAC_CMD_MNHA_DEV_GET:
		nlh = fake_reply(gh->cmd);
		put_dev(nlh);
		cb(nlh, data);
		break;
	case PSAC_CMD_MNHA_SA_GET:
		for (i = 0; i < 2; i++) {
			nlh = fake_reply(gh->cmd);
			put_sa(nlh, i);
			cb(nlh, data);
		}
		break;
	}
	return 0;
}

int __wrap_psac_genl_recv_events(struct psac_genl *g, int timeout_ms,
				 psac_genl_cb cb, void *data)
{
	struct nlmsghdr *nlh;
	struct nlattr *n;

	(void)g;
	if (!fake_events) {
		fake_idle(timeout_ms);
		return 0;
	}
	fake_events--;
	/* a target event first: must be ignored */
	nlh = fake_reply(PSAC_CMD_TARGET_SA_NTF);
	cb(nlh, data);
	nlh = fake_reply(PSAC_CMD_MNHA_PEER_NTF);
	mnl_attr_put_u8(nlh, PSAC_A_EVENT, PSAC_EVENT_PEER_MOVED);
	mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, lo);
	n = mnl_attr_nest_start(nlh, PSAC_A_MNHA_SA);
	mnl_attr_put_u32(nlh, PSAC_MSA_A_SPI, 0x100);
	fake_put_addr(nlh, PSAC_MSA_A_PEER_ADDR, AF_INET6, "2001:db8:7::7");
	mnl_attr_put_u16(nlh, PSAC_MSA_A_PEER_PORT, 40000);
	mnl_attr_nest_end(nlh, n);
	cb(nlh, data);
	nlh = fake_reply(PSAC_CMD_MNHA_REKEY_NTF);
	mnl_attr_put_u8(nlh, PSAC_A_EVENT, PSAC_EVENT_REKEY_NEEDED);
	mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, lo);
	n = mnl_attr_nest_start(nlh, PSAC_A_MNHA_SA);
	mnl_attr_put_u32(nlh, PSAC_MSA_A_SPI, 0x100);
	mnl_attr_put_u32(nlh, PSAC_MSA_A_TX_SEQ, 0xfff00000);
	mnl_attr_nest_end(nlh, n);
	cb(nlh, data);
	return 3;
}

/* ---------------------------------------------------------------------- */

/* "psac [-j] mnha ARGS..." with stdout and stderr captured */
static void run(int json, const char *args)
{
	fake_run(cmd_mnha, "mnha", json, args);
}

static int n_top(void)
{
	const struct nlattr *a;
	int n = 0;

	mnl_attr_for_each(a, req(), sizeof(struct genlmsghdr))
		n++;
	return n;
}

static const struct nlattr *top(int type)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, req(), sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == type)
			return a;
	return NULL;
}

static int top_ifindex(uint32_t want)
{
	const struct nlattr *a = top(PSAC_A_IFINDEX);

	return a && mnl_attr_get_payload_len(a) == 4 &&
	       mnl_attr_get_u32(a) == want;
}

static const struct nlattr *nest(int type)
{
	const struct nlattr *a = top(type);

	return a && (a->nla_type & NLA_F_NESTED) ? a : NULL;
}

static int has_type(const struct nlattr *n, int type)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, n)
		if (mnl_attr_get_type(a) == type)
			return 1;
	return 0;
}

static int n_addr(const struct nlattr *n, int t, int af, const char *s)
{
	uint8_t want[16];
	uint16_t len = af == AF_INET6 ? 16 : 4;
	const struct nlattr *a = nest_get(n, t, len);

	inet_pton(af, s, want);
	return a && !memcmp(mnl_attr_get_payload(a), want, len);
}

static int n_hex(const struct nlattr *n, int t, const char *hex)
{
	uint8_t want[64];
	size_t len = strlen(hex) / 2, i;
	const struct nlattr *a;

	for (i = 0; i < len; i++)
		sscanf(hex + 2 * i, "%2hhx", &want[i]);
	a = nest_get(n, t, (uint16_t)len);
	return a && !memcmp(mnl_attr_get_payload(a), want, len);
}

#define K16 "00112233445566778899aabbccddeeff"
#define K20 "000102030405060708090a0b0c0d0e0f10111213"
#define K16B "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
#define K20B "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3"

static char tmpdir[] = "/tmp/psac-test-mnha.XXXXXX";

static void test_requests(void)
{
	const struct nlattr *n;
	char args[1024], path[256];
	FILE *f;
	int ok;

	run(0, "dev set lo role ha port 7872 local 2001:db8::1");
	n = nest(PSAC_A_MNHA_DEV);
	tap_ok(rc == 0 && req_cmd() == PSAC_CMD_MNHA_DEV_SET && n_top() == 2 &&
	       top_ifindex(lo) && nest_count(n) == 3 &&
	       n_u8(n, PSAC_MDEV_A_ROLE, PSAC_MNHA_ROLE_HA) &&
	       n_u16(n, PSAC_MDEV_A_PORT, 7872) &&
	       n_addr(n, PSAC_MDEV_A_LOCAL6, AF_INET6, "2001:db8::1"),
	       "dev set: DEV_SET with IFINDEX u32 and MNHA_DEV{ROLE u8, PORT u16, LOCAL6}");
	run(0, "dev set lo local 192.0.2.1 ro mn");
	n = nest(PSAC_A_MNHA_DEV);
	tap_ok(rc == 0 && nest_count(n) == 2 &&
	       n_u8(n, PSAC_MDEV_A_ROLE, PSAC_MNHA_ROLE_MN) &&
	       n_addr(n, PSAC_MDEV_A_LOCAL4, AF_INET, "192.0.2.1"),
	       "dev set with an IPv4 local address and 'ro' for role: LOCAL4, ROLE 1");
	run(0, "dev set lo");
	tap_ok(rc == 1 && !n_talk && strstr(err, "needs at least one of role, port, local"),
	       "dev set without settings: exit 1, no request");
	run(0, "dev set psac-nodev0 role ha");
	tap_ok(rc == 1 && !n_talk && strstr(err, "no device 'psac-nodev0' (create one with: ip link add psac-nodev0 type mnha)"),
	       "dev set on a missing device: exit 1 with the ip link hint");
	run(0, "dev set lo role foreign");
	tap_ok(rc == 1 && !n_talk && strstr(err, "bad role 'foreign'"),
	       "dev set with a bad role");

	snprintf(args, sizeof(args),
		 "sa add lo spi 0x1234567 suite aes128-hmac-sha1 ekey-mn2ha %s ikey-mn2ha %s ekey-ha2mn %s ikey-ha2mn %s hoa 2001:db8:100::2 hoa4 10.0.0.2 hnp 2001:db8:100::/64 hnp4 10.0.0.0/24 peer 2001:db8:9::2 port 7000 haa 2001:db8::1 scope 1 valid-until 1700000000 tx-seq 5 replace",
		 K16, K20, K16B, K20B);
	run(0, args);
	n = nest(PSAC_A_MNHA_SA);
	ok = rc == 0 && req_cmd() == PSAC_CMD_MNHA_SA_ADD && n_top() == 2 &&
	     top_ifindex(lo) && nest_count(n) == 19 &&
	     n_u32(n, PSAC_MSA_A_SPI, 0x1234567) &&
	     n_u16(n, PSAC_MSA_A_SUITE, PSAC_MNHA_SUITE_AES128_HMAC_SHA1) &&
	     n_hex(n, PSAC_MSA_A_EKEY_MN2HA, K16) &&
	     n_hex(n, PSAC_MSA_A_IKEY_MN2HA, K20) &&
	     n_hex(n, PSAC_MSA_A_EKEY_HA2MN, K16B) &&
	     n_hex(n, PSAC_MSA_A_IKEY_HA2MN, K20B);
	tap_ok(ok, "sa add: SA_ADD with IFINDEX, SPI u32, SUITE u16 and the four keys");
	tap_ok(n_addr(n, PSAC_MSA_A_HOA6, AF_INET6, "2001:db8:100::2") &&
	       n_addr(n, PSAC_MSA_A_HOA4, AF_INET, "10.0.0.2") &&
	       n_addr(n, PSAC_MSA_A_HNP6, AF_INET6, "2001:db8:100::") &&
	       n_u8(n, PSAC_MSA_A_HNP6_LEN, 64) &&
	       n_addr(n, PSAC_MSA_A_HNP4, AF_INET, "10.0.0.0") &&
	       n_u8(n, PSAC_MSA_A_HNP4_LEN, 24) &&
	       n_addr(n, PSAC_MSA_A_PEER_ADDR, AF_INET6, "2001:db8:9::2") &&
	       n_u16(n, PSAC_MSA_A_PEER_PORT, 7000) &&
	       n_addr(n, PSAC_MSA_A_HAA6, AF_INET6, "2001:db8::1") &&
	       n_u8(n, PSAC_MSA_A_SCOPE, 1) &&
	       n_u64(n, PSAC_MSA_A_VALID_UNTIL, 1700000000) &&
	       n_u32(n, PSAC_MSA_A_TX_SEQ, 5) &&
	       nest_get(n, PSAC_MSA_A_REPLACE, 0),
	       "sa add: HoA, HNP (address + length), peer, port, HA address, scope, valid-until u64, tx-seq, REPLACE flag");
	tap_ok((req()->nlmsg_flags & (NLM_F_REPLACE | NLM_F_EXCL |
				      NLM_F_CREATE | NLM_F_APPEND)) == 0,
	       "sa add replace: an attribute, never the NLM_F_REPLACE the family refuses");

	snprintf(path, sizeof(path), "%s/keys", tmpdir);
	f = fopen(path, "w");
	fprintf(f, "# MHAuth-Done response\nmip6-mn-to-ha-ekey: %s\n\n"
		   "  ekey-ha2mn   %s   # other direction\n", K20, K20B);
	fclose(f);
	snprintf(args, sizeof(args),
		 "sa add lo spi 256 suite aes128-gcm keys-file %s hoa 2001:db8:100::2 peer 192.0.2.9 valid-until +60",
		 path);
	run(0, args);
	n = nest(PSAC_A_MNHA_SA);
	{
		const struct nlattr *v = nest_get(n, PSAC_MSA_A_VALID_UNTIL, 8);
		uint64_t now = (uint64_t)time(NULL);

		tap_ok(rc == 0 && nest_count(n) == 7 &&
		       n_u32(n, PSAC_MSA_A_SPI, 256) &&
		       n_u16(n, PSAC_MSA_A_SUITE, PSAC_MNHA_SUITE_AES128_GCM) &&
		       n_hex(n, PSAC_MSA_A_EKEY_MN2HA, K20) &&
		       n_hex(n, PSAC_MSA_A_EKEY_HA2MN, K20B) &&
		       !has_type(n, PSAC_MSA_A_IKEY_MN2HA) &&
		       n_addr(n, PSAC_MSA_A_PEER_ADDR, AF_INET, "192.0.2.9") &&
		       v && mnl_attr_get_u64(v) >= now + 59 &&
		       mnl_attr_get_u64(v) <= now + 61 &&
		       !has_type(n, PSAC_MSA_A_REPLACE),
		       "sa add keys-file (RFC 6618 names, comments): GCM keys, no ikey; IPv4 peer 4 octets; valid-until +60");
	}
	snprintf(args, sizeof(args), "sa add lo spi 256 suite aes128-gcm keys-file %s ekey-mn2ha %s",
		 path, K20);
	run(0, args);
	tap_ok(rc == 1 && !n_talk && strstr(err, "keys-file and ekey-mn2ha both given"),
	       "keys-file together with a key on the command line refused");

	snprintf(args, sizeof(args), "sa add lo spi 256 suite aes128-gcm ekey-mn2ha %s ekey-ha2mn %s",
		 K16, K16);
	run(0, args);
	tap_ok(rc == 1 && !n_talk &&
	       strstr(err, "ekey-mn2ha has 16 octets; suite aes128-gcm needs 20 (the AES key followed by the 4-octet salt)"),
	       "GCM ekey without the salt: exit 1 before asking the kernel");
	snprintf(args, sizeof(args), "sa add lo spi 256 suite aes256-gcm ekey-mn2ha %s%s ekey-ha2mn %s%s ikey-mn2ha %s",
		 K16, K20, K16, K20, K20);
	run(0, args);
	tap_ok(rc == 1 && !n_talk && strstr(err, "suite aes256-gcm has no integrity key"),
	       "GCM with an ikey refused");
	snprintf(args, sizeof(args), "sa add lo spi 256 suite null-hmac-sha1 ikey-mn2ha %s", K20);
	run(0, args);
	tap_ok(rc == 1 && !n_talk && strstr(err, "needs ikey-ha2mn (20 octets)"),
	       "a missing key named with its length");
	snprintf(args, sizeof(args), "sa add lo spi 256 suite null-hmac-sha1 ikey-mn2ha %s ikey-ha2mn %s",
		 K20, K20B);
	run(0, args);
	n = nest(PSAC_A_MNHA_SA);
	tap_ok(rc == 0 && nest_count(n) == 4 &&
	       !has_type(n, PSAC_MSA_A_EKEY_MN2HA),
	       "NULL encryption: only the two ikeys");
	run(0, "sa add lo spi 0x10000000 suite aes128-gcm");
	tap_ok(rc == 1 && !n_talk && strstr(err, "bad spi '0x10000000' (1..0x0fffffff, 28 bits)"),
	       "a 29-bit SPI refused");
	run(0, "sa add lo spi 0 suite aes128-gcm");
	tap_ok(rc == 1 && !n_talk, "SPI 0 refused");
	run(0, "sa add lo spi 1 suite rot13");
	tap_ok(rc == 1 && !n_talk && strstr(err, "unknown suite 'rot13'"),
	       "an unknown suite refused");
	run(0, "sa add lo spi 1");
	tap_ok(rc == 1 && !n_talk && strstr(err, "needs spi and suite"),
	       "sa add without a suite");
	run(0, "sa add lo spi 1 suite aes128-gcm scope 2");
	tap_ok(rc == 1 && !n_talk && strstr(err, "bad scope '2'"), "scope 2 refused");
	run(0, "sa add lo spi 1 suite aes128-gcm hnp 2001:db8::/129");
	tap_ok(rc == 1 && !n_talk && strstr(err, "bad hnp"), "a /129 prefix refused");
	run(0, "sa add lo spi 1 suite aes128-gcm ekey-mn2ha xyz");
	tap_ok(rc == 1 && !n_talk && strstr(err, "is not hex"), "a key that is not hex");
	run(0, "sa add lo spi 1 suite 0x9c frob 1");
	tap_ok(rc == 1 && !n_talk && strstr(err, "unknown keyword 'frob'"),
	       "an unknown keyword");

	run(0, "sa del lo spi 0x100");
	n = nest(PSAC_A_MNHA_SA);
	tap_ok(rc == 0 && req_cmd() == PSAC_CMD_MNHA_SA_DEL && top_ifindex(lo) &&
	       nest_count(n) == 1 && n_u32(n, PSAC_MSA_A_SPI, 0x100),
	       "sa del: SA_DEL with IFINDEX and MNHA_SA{SPI}");
	run(0, "sa delete lo 0x100");
	tap_ok(rc == 1 && !n_talk && strstr(err, "sa del needs DEV spi SPI"),
	       "sa del without the spi keyword");

	run(0, "sa list");
	tap_ok(req_cmd() == PSAC_CMD_MNHA_SA_GET &&
	       (req()->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP && !n_top(),
	       "sa list: an SA_GET dump without attributes");
	run(0, "sa list lo");
	tap_ok(req_cmd() == PSAC_CMD_MNHA_SA_GET &&
	       (req()->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP && n_top() == 1 &&
	       top_ifindex(lo), "sa list DEV: the dump carries IFINDEX");
	run(0, "");
	tap_ok(req_cmd() == PSAC_CMD_MNHA_SA_GET, "'psac mnha' alone lists the SAs");
	run(0, "dev show");
	tap_ok(req_cmd() == PSAC_CMD_MNHA_DEV_GET &&
	       (req()->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP,
	       "dev show: a DEV_GET dump");
	run(0, "dev show lo");
	tap_ok(req_cmd() == PSAC_CMD_MNHA_DEV_GET &&
	       !(req()->nlmsg_flags & NLM_F_DUMP) && top_ifindex(lo),
	       "dev show DEV: a DEV_GET doit with IFINDEX");
}

static void test_output(void)
{
	static const char sa_text[] =
"lo spi 0x0000100 suite aes128-gcm state active hoa 2001:db8:100::2 hnp 2001:db8:100::/64 peer [2001:db8:9::2]:7872 scope 1 valid-until 1700000000 tx-seq 10 rx-seq 20 rx-packets 30 tx-packets 40 drop-auth 1 drop-replay 2 drop-source 3 drop-bad-len 4 drop-plain 5\n"
"lo spi 0x0abcdef suite null-hmac-sha1 state draining hoa4 10.1.0.2 peer 192.0.2.9:7872 scope 0 valid-until never tx-seq 11 rx-seq 21 rx-packets 30 tx-packets 40 drop-auth 1 drop-replay 2 drop-source 3\n";
	static const char sa_json[] =
"[{\"dev\":\"lo\",\"spi\":256,\"suite\":\"aes128-gcm\",\"suite_id\":156,\"state\":\"active\","
"\"hoa\":\"2001:db8:100::2\",\"hnp\":\"2001:db8:100::/64\",\"peer\":\"2001:db8:9::2\","
"\"peer_port\":7872,\"scope\":1,\"valid_until\":1700000000,\"tx_seq\":10,\"rx_seq\":20,"
"\"rx_packets\":30,\"tx_packets\":40,\"drop_auth\":1,\"drop_replay\":2,\"drop_source\":3,"
"\"drop_bad_len\":4,\"drop_plain\":5},"
"{\"dev\":\"lo\",\"spi\":11259375,\"suite\":\"null-hmac-sha1\",\"suite_id\":2,\"state\":\"draining\","
"\"hoa4\":\"10.1.0.2\",\"peer\":\"192.0.2.9\",\"peer_port\":7872,\"scope\":0,\"valid_until\":null,"
"\"tx_seq\":11,\"rx_seq\":21,\"rx_packets\":30,\"tx_packets\":40,\"drop_auth\":1,"
"\"drop_replay\":2,\"drop_source\":3}]\n";
	char want[1024];

	run(0, "sa list");
	check_out("sa list: one line per SA, keys never, counters", 0, sa_text);
	run(1, "sa show");
	check_out("-j sa show: an array of objects", 0, sa_json);

	snprintf(want, sizeof(want),
		 "mnha0 role ha port 7872 local 2001:db8::1 sas 2 rx-drop no-sa %d bad-len %d auth %d replay %d source %d plain %d tx-drop no-sa %d no-peer %d seq %d\n",
		 PSAC_MDEV_A_DROP_NO_SA, PSAC_MDEV_A_DROP_BAD_LEN,
		 PSAC_MDEV_A_DROP_AUTH, PSAC_MDEV_A_DROP_REPLAY,
		 PSAC_MDEV_A_DROP_SOURCE, PSAC_MDEV_A_DROP_PLAIN,
		 PSAC_MDEV_A_TX_DROP_NO_SA, PSAC_MDEV_A_TX_DROP_NO_PEER,
		 PSAC_MDEV_A_TX_DROP_SEQ);
	run(0, "dev show lo");
	check_out("dev show: role, port, local, SA count, drop counters", 0, want);
	snprintf(want, sizeof(want),
		 "[{\"dev\":\"mnha0\",\"ifindex\":%u,\"role\":\"ha\",\"port\":7872,\"local\":\"2001:db8::1\",\"sas\":2,"
		 "\"rx_drop_no_sa\":%d,\"rx_drop_bad_len\":%d,\"rx_drop_auth\":%d,\"rx_drop_replay\":%d,"
		 "\"rx_drop_source\":%d,\"rx_drop_plain\":%d,\"tx_drop_no_sa\":%d,\"tx_drop_no_peer\":%d,"
		 "\"tx_drop_seq\":%d}]\n", lo,
		 PSAC_MDEV_A_DROP_NO_SA, PSAC_MDEV_A_DROP_BAD_LEN,
		 PSAC_MDEV_A_DROP_AUTH, PSAC_MDEV_A_DROP_REPLAY,
		 PSAC_MDEV_A_DROP_SOURCE, PSAC_MDEV_A_DROP_PLAIN,
		 PSAC_MDEV_A_TX_DROP_NO_SA, PSAC_MDEV_A_TX_DROP_NO_PEER,
		 PSAC_MDEV_A_TX_DROP_SEQ);
	run(1, "dev");
	check_out("-j dev: JSON with the counters", 0, want);
}

static void test_monitor(void)
{
	fake_events = 1;
	run(0, "monitor --count 2");
	check_out("monitor --count 2: peer-moved and rekey-needed, target events ignored", 0,
		  "peer-moved dev lo spi 0x0000100 peer [2001:db8:7::7]:40000\n"
		  "rekey-needed dev lo spi 0x0000100 tx-seq 4293918720\n");
	tap_ok(!strcmp(joined, PSAC_MCGRP_MNHA),
	       "monitor joins the multicast group \"%s\"", PSAC_MCGRP_MNHA);
	fake_events = 1;
	run(1, "mon --count 1");
	tap_ok(rc == 0 && !strcmp(out, "{\"event\":\"peer_moved\",\"dev\":\"lo\",\"spi\":256,\"peer\":\"2001:db8:7::7\",\"peer_port\":40000}\n") &&
	       strchr(out, '\n') == out + strlen(out) - 1,
	       "-j monitor: one JSON object per line");
	fake_events = 0;
	run(0, "monitor --count 2 --timeout 1");
	tap_ok(rc == PSAC_EXIT_TIMEOUT && strstr(err, "0 of 2 events within 1 s"),
	       "monitor --timeout: exit 3");
	fake_events = 0;
}

static void test_errors(void)
{
	char args[512];

	fake_err = -EEXIST;
	snprintf(args, sizeof(args), "sa add lo spi 1 suite aes128-gcm ekey-mn2ha %s ekey-ha2mn %s",
		 K20, K20);
	run(0, args);
	tap_ok(rc == 1 && strstr(err, "mnha sa add: File exists: fake refusal") &&
	       strstr(err, "add 'replace' to rekey"),
	       "a kernel refusal: exit 1 with strerror, extack and a hint");
	fake_err = -EPERM;
	run(1, "sa list");
	tap_ok(rc == 1 && strstr(err, "needs CAP_NET_ADMIN") && !strcmp(out, "[]\n"),
	       "EPERM: CAP_NET_ADMIN hint; -j still prints valid JSON");
	fake_err = 0;
	fake_absent = 1;
	run(0, "dev show");
	tap_ok(rc == PSAC_EXIT_NOMODULE && strstr(err, "kernel module not loaded") &&
	       !out[0], "family absent: exit 2, nothing on stdout");
	fake_absent = 0;
	run(0, "frob");
	tap_ok(rc == 1 && strstr(err, "unknown mnha command 'frob'"), "unknown command");
	run(0, "sa frob");
	tap_ok(rc == 1 && strstr(err, "unknown sa command 'frob'"), "unknown sa command");
	run(0, "d");
	tap_ok(rc == 0 && req_cmd() == PSAC_CMD_MNHA_DEV_GET,
	       "'d' abbreviates dev");
}

int main(void)
{
	char cmd[300];

	lo = if_nametoindex("lo");
	if (!lo || !mkdtemp(tmpdir)) {
		fprintf(stderr, "no loopback device or no /tmp\n");
		return 2;
	}
	test_requests();
	test_output();
	test_monitor();
	test_errors();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd))
		tap_diag("could not remove %s", tmpdir);
	return tap_done();
}
