// SPDX-License-Identifier: GPL-2.0
/*
 * mnhactl - a small command line over the psac MN-HA netlink commands, for
 * the VM selftests (the real CLI is `psac mnha ...` in tools/).  It speaks
 * netlink through the tools' own client, tools/lib/genl.c.
 *
 *   mnhactl dev set IFNAME [role ha|mn] [port N] [local6 ADDR] [local4 ADDR]
 *   mnhactl dev show [IFNAME]
 *   mnhactl sa add IFNAME spi N suite SUITE [ekey-mn2ha HEX] [ikey-mn2ha HEX]
 *           [ekey-ha2mn HEX] [ikey-ha2mn HEX] [hoa6 A] [hoa4 A]
 *           [hnp6 A/LEN] [hnp4 A/LEN] [haa6 A] [peer ADDR] [peer-port N]
 *           [scope 0|1] [valid-until SECS|+SECS] [tx-seq N] [replace]
 *   mnhactl sa del IFNAME spi N
 *   mnhactl sa show [IFNAME]
 *   mnhactl sa get IFNAME spi N FIELD      print one field of one SA
 *   mnhactl dev get IFNAME FIELD           print one field of a device
 *   mnhactl monitor [SECONDS] [COUNT]      print "mnha" multicast events
 *   mnhactl sa hexdump [IFNAME]            the raw SA dump messages in hex
 *
 * SUITE: a name of kmod/lib's suite table (null-hmac-sha1 ... aes256-gcm)
 * or a number.  Exit status 0 on success; the kernel's extack
 * message is printed on failure.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "genl.h"
#include "mnha_hdr.h"

static const char *want_field;	/* sa get / dev get */
static uint32_t want_spi;
static int found;

static const char *const state_names[] = { "active", "pending", "draining" };

static void die(const char *msg)
{
	fprintf(stderr, "mnhactl: %s\n", msg);
	exit(2);
}

static int usage(void)
{
	fprintf(stderr, "usage: see the header of selftests/src/mnhactl.c\n");
	return 2;
}

/* ---- netlink: the tools' client (tools/lib/genl.c) ------------------------- */

static struct psac_genl g;
static char req[PSAC_GENL_MSG_SIZE];

static void open_family(void)
{
	int err = psac_genl_open(&g, PSAC_GENL_NAME);

	if (err == -ENOENT)
		die("family psac not found (module not loaded?)");
	if (err)
		die(strerror(-err));
}

static struct nlmsghdr *psac_msg(uint8_t cmd, uint16_t flags)
{
	return psac_genl_msg(&g, req, cmd, flags);
}

/* Sends @nlh; on an error prints it with the kernel's extack message. */
static int talk(struct nlmsghdr *nlh, psac_genl_cb cb)
{
	char msg[512];
	int err = psac_genl_talk(&g, nlh, cb, NULL);

	if (err)
		fprintf(stderr, "mnhactl: %s\n",
			psac_genl_strerror(&g, err, msg, sizeof(msg)));
	return err;
}

/* ---- argument parsing --------------------------------------------------- */

static unsigned long long num(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || end == s) {
		fprintf(stderr, "mnhactl: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static uint32_t ifindex_of(const char *name)
{
	unsigned int i = if_nametoindex(name);

	if (!i) {
		fprintf(stderr, "mnhactl: no device %s\n", name);
		exit(2);
	}
	return i;
}

static void put_addr(struct nlmsghdr *nlh, uint16_t type, const char *s,
		     int family)
{
	unsigned char a[16];

	if ((family == AF_INET6 || family == 0) &&
	    inet_pton(AF_INET6, s, a) == 1) {
		mnl_attr_put(nlh, type, 16, a);
		return;
	}
	if ((family == AF_INET || family == 0) &&
	    inet_pton(AF_INET, s, a) == 1) {
		mnl_attr_put(nlh, type, 4, a);
		return;
	}
	fprintf(stderr, "mnhactl: bad address '%s'\n", s);
	exit(2);
}

static void put_prefix(struct nlmsghdr *nlh, uint16_t type, uint16_t ltype,
		       char *s, int family)
{
	char *slash = strchr(s, '/');

	if (!slash)
		die("prefix needs /LEN");
	*slash = '\0';
	put_addr(nlh, type, s, family);
	mnl_attr_put_u8(nlh, ltype, (uint8_t)num(slash + 1));
}

static void put_hex(struct nlmsghdr *nlh, uint16_t type, const char *s)
{
	unsigned char k[64];
	size_t n = strlen(s), i;

	if (!strncmp(s, "0x", 2)) {
		s += 2;
		n -= 2;
	}
	if (n % 2 || n / 2 > sizeof(k))
		die("bad hex key");
	for (i = 0; i < n / 2; i++) {
		unsigned int b;

		if (sscanf(s + 2 * i, "%2x", &b) != 1)
			die("bad hex key");
		k[i] = (unsigned char)b;
	}
	mnl_attr_put(nlh, type, n / 2, k);
}

/* Suites by the names of kmod/lib's table, or by number. */
static uint16_t suite_id(const char *s)
{
	const struct psac_mnha_suite *suite = psac_mnha_suite_by_name(s);

	return suite ? suite->id : (uint16_t)num(s);
}

static const char *suite_name(uint16_t id)
{
	const struct psac_mnha_suite *suite = psac_mnha_suite_get(id);

	return suite ? suite->name : "?";
}

/* ---- output ----------------------------------------------------------- */

static const char *addr_str(const struct nlattr *a, char *out, size_t len)
{
	int fam = mnl_attr_get_payload_len(a) == 16 ? AF_INET6 : AF_INET;

	return inet_ntop(fam, mnl_attr_get_payload(a), out, (socklen_t)len);
}

struct field {
	int type;
	const char *name;
	char kind;	/* 1 u8, 2 u16, 4 u32, 8 u64, a addr, s string, S suite, T state, r role */
};

static const struct field sa_fields[] = {
	{ PSAC_MSA_A_SPI, "spi", 'x' },
	{ PSAC_MSA_A_SUITE, "suite", 'S' },
	{ PSAC_MSA_A_STATE, "state", 'T' },
	{ PSAC_MSA_A_SCOPE, "scope", '1' },
	{ PSAC_MSA_A_HOA6, "hoa6", 'a' },
	{ PSAC_MSA_A_HOA4, "hoa4", 'a' },
	{ PSAC_MSA_A_HNP6, "hnp6", 'a' },
	{ PSAC_MSA_A_HNP6_LEN, "hnp6-len", '1' },
	{ PSAC_MSA_A_HNP4, "hnp4", 'a' },
	{ PSAC_MSA_A_HNP4_LEN, "hnp4-len", '1' },
	{ PSAC_MSA_A_HAA6, "haa6", 'a' },
	{ PSAC_MSA_A_PEER_ADDR, "peer", 'a' },
	{ PSAC_MSA_A_PEER_PORT, "peer-port", '2' },
	{ PSAC_MSA_A_VALID_UNTIL, "valid-until", '8' },
	{ PSAC_MSA_A_TX_SEQ, "tx-seq", '4' },
	{ PSAC_MSA_A_RX_SEQ, "rx-seq", '4' },
	{ PSAC_MSA_A_RX_PACKETS, "rx-packets", '8' },
	{ PSAC_MSA_A_TX_PACKETS, "tx-packets", '8' },
	{ PSAC_MSA_A_DROP_AUTH, "drop-auth", '8' },
	{ PSAC_MSA_A_DROP_REPLAY, "drop-replay", '8' },
	{ PSAC_MSA_A_DROP_SOURCE, "drop-source", '8' },
	{ PSAC_MSA_A_DROP_BAD_LEN, "drop-bad-len", '8' },
	{ PSAC_MSA_A_DROP_PLAIN, "drop-plain", '8' },
	{ 0, NULL, 0 },
};

static const struct field dev_fields[] = {
	{ PSAC_MDEV_A_IFNAME, "ifname", 's' },
	{ PSAC_MDEV_A_ROLE, "role", 'r' },
	{ PSAC_MDEV_A_PORT, "port", '2' },
	{ PSAC_MDEV_A_LOCAL6, "local6", 'a' },
	{ PSAC_MDEV_A_LOCAL4, "local4", 'a' },
	{ PSAC_MDEV_A_SA_COUNT, "sa-count", '4' },
	{ PSAC_MDEV_A_DROP_NO_SA, "drop-no-sa", '8' },
	{ PSAC_MDEV_A_DROP_BAD_LEN, "drop-bad-len", '8' },
	{ PSAC_MDEV_A_DROP_AUTH, "drop-auth", '8' },
	{ PSAC_MDEV_A_DROP_REPLAY, "drop-replay", '8' },
	{ PSAC_MDEV_A_DROP_SOURCE, "drop-source", '8' },
	{ PSAC_MDEV_A_DROP_PLAIN, "drop-plain", '8' },
	{ PSAC_MDEV_A_TX_DROP_NO_SA, "tx-drop-no-sa", '8' },
	{ PSAC_MDEV_A_TX_DROP_NO_PEER, "tx-drop-no-peer", '8' },
	{ PSAC_MDEV_A_TX_DROP_SEQ, "tx-drop-seq", '8' },
	{ 0, NULL, 0 },
};

static void field_str(const struct field *f, const struct nlattr *a,
		      char *out, size_t len)
{
	switch (f->kind) {
	case '1':
		snprintf(out, len, "%u", mnl_attr_get_u8(a));
		break;
	case '2':
		snprintf(out, len, "%u", mnl_attr_get_u16(a));
		break;
	case '4':
		snprintf(out, len, "%u", mnl_attr_get_u32(a));
		break;
	case 'x':
		snprintf(out, len, "0x%x", mnl_attr_get_u32(a));
		break;
	case '8':
		snprintf(out, len, "%llu",
			 (unsigned long long)mnl_attr_get_u64(a));
		break;
	case 'a':
		addr_str(a, out, len);
		break;
	case 's':
		snprintf(out, len, "%s", mnl_attr_get_str(a));
		break;
	case 'S':
		snprintf(out, len, "%s", suite_name(mnl_attr_get_u16(a)));
		break;
	case 'T': {
		unsigned int s = mnl_attr_get_u8(a);

		snprintf(out, len, "%s", s < 3 ? state_names[s] : "?");
		break;
	}
	case 'r':
		snprintf(out, len, "%s",
			 mnl_attr_get_u8(a) == PSAC_MNHA_ROLE_MN ? "mn" : "ha");
		break;
	}
}

/* Prints a nest as "name value ..." or, with want_field, one value. */
static void print_nest(const struct nlattr *nest, const struct field *fields,
		       const char *prefix)
{
	const struct nlattr *a;
	char line[2048], v[128];
	size_t off;
	uint32_t spi = 0;
	const struct field *f;

	off = (size_t)snprintf(line, sizeof(line), "%s", prefix);
	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) == PSAC_MSA_A_SPI && fields == sa_fields)
			spi = mnl_attr_get_u32(a);
	}
	mnl_attr_for_each_nested(a, nest) {
		for (f = fields; f->name; f++) {
			if (f->type != mnl_attr_get_type(a))
				continue;
			field_str(f, a, v, sizeof(v));
			if (want_field) {
				if (!strcmp(want_field, f->name) &&
				    (fields != sa_fields || spi == want_spi)) {
					printf("%s\n", v);
					found = 1;
				}
			} else if (off < sizeof(line)) {
				off += (size_t)snprintf(line + off,
							sizeof(line) - off,
							" %s %s", f->name, v);
			}
		}
	}
	if (!want_field)
		printf("%s\n", line);
}

static int show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a, *nest = NULL;
	char prefix[64] = "", ifname[IF_NAMESIZE] = "?";
	const char *event = NULL;
	int is_sa = 0;

	(void)data;
	mnl_attr_for_each(a, nlh, sizeof(*g)) {
		switch (mnl_attr_get_type(a)) {
		case PSAC_A_IFINDEX:
			if (!if_indextoname(mnl_attr_get_u32(a), ifname))
				snprintf(ifname, sizeof(ifname), "if%u",
					 mnl_attr_get_u32(a));
			break;
		case PSAC_A_MNHA_SA:
			nest = a;
			is_sa = 1;
			break;
		case PSAC_A_MNHA_DEV:
			nest = a;
			break;
		case PSAC_A_EVENT:
			event = mnl_attr_get_u8(a) == PSAC_EVENT_PEER_MOVED ?
				"peer-moved" : mnl_attr_get_u8(a) ==
				PSAC_EVENT_REKEY_NEEDED ? "rekey-needed" :
				"event";
			break;
		}
	}
	if (!nest)
		return MNL_CB_OK;
	if (event)
		snprintf(prefix, sizeof(prefix), "%s dev %s", event, ifname);
	else if (is_sa)
		snprintf(prefix, sizeof(prefix), "dev %s", ifname);
	print_nest(nest, is_sa ? sa_fields : dev_fields, prefix);
	fflush(stdout);
	return MNL_CB_OK;
}

static int hex_cb(const struct nlmsghdr *nlh, void *data)
{
	const unsigned char *p = (const void *)nlh;
	uint32_t i;

	(void)data;
	for (i = 0; i < nlh->nlmsg_len; i++)
		printf("%02x", p[i]);
	printf("\n");
	return MNL_CB_OK;
}

/* ---- commands ------------------------------------------------------------ */

static int dev_set(int argc, char **argv)
{
	struct nlmsghdr *nlh = psac_msg(PSAC_CMD_MNHA_DEV_SET, 0);
	struct nlattr *nest;
	int i;

	if (argc < 1)
		return usage();
	mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, ifindex_of(argv[0]));
	nest = mnl_attr_nest_start(nlh, PSAC_A_MNHA_DEV);
	for (i = 1; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];

		if (!strcmp(k, "role"))
			mnl_attr_put_u8(nlh, PSAC_MDEV_A_ROLE,
					!strcmp(v, "mn") ? PSAC_MNHA_ROLE_MN :
					PSAC_MNHA_ROLE_HA);
		else if (!strcmp(k, "port"))
			mnl_attr_put_u16(nlh, PSAC_MDEV_A_PORT, (uint16_t)num(v));
		else if (!strcmp(k, "local6"))
			put_addr(nlh, PSAC_MDEV_A_LOCAL6, v, AF_INET6);
		else if (!strcmp(k, "local4"))
			put_addr(nlh, PSAC_MDEV_A_LOCAL4, v, AF_INET);
		else
			return usage();
	}
	if (i != argc)
		return usage();
	mnl_attr_nest_end(nlh, nest);
	return talk(nlh, NULL) ? 1 : 0;
}

static int dev_show(int argc, char **argv)
{
	struct nlmsghdr *nlh;

	if (argc >= 1) {
		nlh = psac_msg(PSAC_CMD_MNHA_DEV_GET, 0);
		mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, ifindex_of(argv[0]));
	} else {
		nlh = psac_msg(PSAC_CMD_MNHA_DEV_GET, NLM_F_DUMP);
	}
	return talk(nlh, show_cb) ? 1 : 0;
}

static int sa_add(int argc, char **argv)
{
	struct nlmsghdr *nlh = psac_msg(PSAC_CMD_MNHA_SA_ADD, 0);
	struct nlattr *nest;
	int i;

	if (argc < 1)
		return usage();
	mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, ifindex_of(argv[0]));
	nest = mnl_attr_nest_start(nlh, PSAC_A_MNHA_SA);
	for (i = 1; i < argc; i++) {
		const char *k = argv[i];
		char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(k, "replace")) {
			mnl_attr_put(nlh, PSAC_MSA_A_REPLACE, 0, NULL);
			continue;
		}
		if (!v)
			return usage();
		i++;
		if (!strcmp(k, "spi"))
			mnl_attr_put_u32(nlh, PSAC_MSA_A_SPI, (uint32_t)num(v));
		else if (!strcmp(k, "suite"))
			mnl_attr_put_u16(nlh, PSAC_MSA_A_SUITE, suite_id(v));
		else if (!strcmp(k, "ekey-mn2ha"))
			put_hex(nlh, PSAC_MSA_A_EKEY_MN2HA, v);
		else if (!strcmp(k, "ikey-mn2ha"))
			put_hex(nlh, PSAC_MSA_A_IKEY_MN2HA, v);
		else if (!strcmp(k, "ekey-ha2mn"))
			put_hex(nlh, PSAC_MSA_A_EKEY_HA2MN, v);
		else if (!strcmp(k, "ikey-ha2mn"))
			put_hex(nlh, PSAC_MSA_A_IKEY_HA2MN, v);
		else if (!strcmp(k, "hoa6"))
			put_addr(nlh, PSAC_MSA_A_HOA6, v, AF_INET6);
		else if (!strcmp(k, "hoa4"))
			put_addr(nlh, PSAC_MSA_A_HOA4, v, AF_INET);
		else if (!strcmp(k, "haa6"))
			put_addr(nlh, PSAC_MSA_A_HAA6, v, AF_INET6);
		else if (!strcmp(k, "hnp6"))
			put_prefix(nlh, PSAC_MSA_A_HNP6, PSAC_MSA_A_HNP6_LEN, v,
				   AF_INET6);
		else if (!strcmp(k, "hnp4"))
			put_prefix(nlh, PSAC_MSA_A_HNP4, PSAC_MSA_A_HNP4_LEN, v,
				   AF_INET);
		else if (!strcmp(k, "peer"))
			put_addr(nlh, PSAC_MSA_A_PEER_ADDR, v, 0);
		else if (!strcmp(k, "peer-port"))
			mnl_attr_put_u16(nlh, PSAC_MSA_A_PEER_PORT,
					 (uint16_t)num(v));
		else if (!strcmp(k, "scope"))
			mnl_attr_put_u8(nlh, PSAC_MSA_A_SCOPE, (uint8_t)num(v));
		else if (!strcmp(k, "valid-until"))
			mnl_attr_put_u64(nlh, PSAC_MSA_A_VALID_UNTIL,
					 v[0] == '+' ? (uint64_t)time(NULL) +
					 num(v + 1) : num(v));
		else if (!strcmp(k, "tx-seq"))
			mnl_attr_put_u32(nlh, PSAC_MSA_A_TX_SEQ, (uint32_t)num(v));
		else
			return usage();
	}
	mnl_attr_nest_end(nlh, nest);
	return talk(nlh, NULL) ? 1 : 0;
}

static int sa_del(int argc, char **argv)
{
	struct nlmsghdr *nlh = psac_msg(PSAC_CMD_MNHA_SA_DEL, 0);
	struct nlattr *nest;

	if (argc != 3 || strcmp(argv[1], "spi"))
		return usage();
	mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, ifindex_of(argv[0]));
	nest = mnl_attr_nest_start(nlh, PSAC_A_MNHA_SA);
	mnl_attr_put_u32(nlh, PSAC_MSA_A_SPI, (uint32_t)num(argv[2]));
	mnl_attr_nest_end(nlh, nest);
	return talk(nlh, NULL) ? 1 : 0;
}

static int sa_show(int argc, char **argv, mnl_cb_t cb)
{
	struct nlmsghdr *nlh = psac_msg(PSAC_CMD_MNHA_SA_GET, NLM_F_DUMP);

	if (argc >= 1)
		mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, ifindex_of(argv[0]));
	return talk(nlh, cb) ? 1 : 0;
}

static int monitor(int argc, char **argv)
{
	int secs = argc > 0 ? (int)num(argv[0]) : 10;
	int count = argc > 1 ? (int)num(argv[1]) : 0, n = 0;
	time_t end = time(NULL) + secs;

	if (psac_genl_join(&g, PSAC_MCGRP_MNHA))
		die("cannot join the mnha group");
	printf("listening\n");
	fflush(stdout);
	while (time(NULL) < end && (!count || n < count)) {
		int ret = psac_genl_recv_events(&g, 200, show_cb, NULL);

		if (ret > 0)
			n += ret;
	}
	return count && n < count ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	open_family();
	if (!strcmp(argv[1], "monitor"))
		return monitor(argc - 2, argv + 2);
	if (argc < 3)
		return usage();
	if (!strcmp(argv[1], "dev") && !strcmp(argv[2], "set"))
		return dev_set(argc - 3, argv + 3);
	if (!strcmp(argv[1], "dev") && !strcmp(argv[2], "show"))
		return dev_show(argc - 3, argv + 3);
	if (!strcmp(argv[1], "dev") && !strcmp(argv[2], "get") && argc == 5) {
		want_field = argv[4];
		dev_show(1, argv + 3);
		return found ? 0 : 1;
	}
	if (!strcmp(argv[1], "sa") && !strcmp(argv[2], "add"))
		return sa_add(argc - 3, argv + 3);
	if (!strcmp(argv[1], "sa") && !strcmp(argv[2], "del"))
		return sa_del(argc - 3, argv + 3);
	if (!strcmp(argv[1], "sa") && !strcmp(argv[2], "show"))
		return sa_show(argc - 3, argv + 3, show_cb);
	if (!strcmp(argv[1], "sa") && !strcmp(argv[2], "hexdump"))
		return sa_show(argc - 3, argv + 3, hex_cb);
	if (!strcmp(argv[1], "sa") && !strcmp(argv[2], "get") && argc == 7 &&
	    !strcmp(argv[4], "spi")) {
		want_spi = (uint32_t)num(argv[5]);
		want_field = argv[6];
		sa_show(1, argv + 3, show_cb);
		return found ? 0 : 1;
	}
	return usage();
}
