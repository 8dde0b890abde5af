// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac mnha: the RFC 6618 MN-HA UDP encapsulation devices of the kernel
 * module (docs/architecture.md, MN-HA datapath):
 *
 *   PSAC_CMD_MNHA_DEV_SET                psac mnha dev set
 *   PSAC_CMD_MNHA_DEV_GET (doit/dump)    psac mnha dev show
 *   PSAC_CMD_MNHA_SA_ADD/DEL             psac mnha sa add/del
 *   PSAC_CMD_MNHA_SA_GET (dump)          psac mnha sa list
 *   PSAC_CMD_MNHA_PEER_NTF/REKEY_NTF     psac mnha monitor
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "genl.h"
#include "mnha_sa.h"
#include "util.h"

void help_mnha(FILE *f)
{
	fputs(
"Usage: psac [-j|-p] [-n NETNS] mnha dev set DEV [role ha|mn] [port N]\n"
"                                            [local ADDR]\n"
"       psac [-j|-p] [-n NETNS] mnha dev show [DEV]\n"
"       psac [-j|-p] [-n NETNS] mnha sa add DEV spi SPI suite SUITE KEYS\n"
"                 [hoa ADDR] [hoa4 ADDR] [hnp PREFIX/LEN] [hnp4 PREFIX/LEN]\n"
"                 [peer ADDR] [port N] [haa ADDR] [scope 0|1]\n"
"                 [valid-until EPOCH|+SECS] [tx-seq N] [replace]\n"
"       psac [-j|-p] [-n NETNS] mnha sa del DEV spi SPI\n"
"       psac [-j|-p] [-n NETNS] mnha sa list [DEV]\n"
"       psac [-j|-p] [-n NETNS] mnha monitor [--count N] [--timeout SECS]\n"
"\n"
"KEYS := ekey-mn2ha HEX ikey-mn2ha HEX ekey-ha2mn HEX ikey-ha2mn HEX\n"
"      | keys-file FILE\n"
"\n"
"The MN-HA role of the psac kernel module: RFC 6618 UDP encapsulation of\n"
"Mobile IPv6 traffic between a mobile node (MN) and its home agent (HA)\n"
"through a point-to-point device created with\n"
"  ip link add mnha0 type mnha\n"
"Each device owns a UDP socket (port 7872 by default) and a table of\n"
"MN-HA SAs looked up by their 28-bit SPI.  Everything acts on the current\n"
"network namespace (or -n NETNS) and needs CAP_NET_ADMIN over it.\n"
"\n"
"dev set DEV  configure device DEV (PSAC_CMD_MNHA_DEV_SET); what is not\n"
"       given keeps its value:\n"
"         role ha|mn       home agent (MN->HA is inbound) or mobile node\n"
"         port N           the local UDP port (1..65535, default 7872)\n"
"         local ADDR       the local endpoint address, IPv6 (the HA, or the\n"
"                          MN's care-of address) or IPv4\n"
"\n"
"dev show [DEV]  one line per device (PSAC_CMD_MNHA_DEV_GET):\n"
"         DEV role ha|mn port N [local ADDR] [local4 ADDR] sas N\n"
"         rx-drop no-sa N bad-len N auth N replay N source N plain N\n"
"         tx-drop no-sa N no-peer N seq N\n"
"       (on one line; counters the module does not report are left out).\n"
"\n"
"sa add DEV  install an MN-HA SA (PSAC_CMD_MNHA_SA_ADD):\n"
"         spi SPI          the 28-bit SPI, 1..0x0fffffff (hex with 0x or\n"
"                          decimal), the same in both directions\n"
"         suite SUITE      the ciphersuite (mip6-ciphersuite):\n"
"                            null-hmac-sha1    (0x0002) ikeys 20\n"
"                            null-aes-xcbc     (0x0003) ikeys 16\n"
"                            3des-hmac-sha1    (0x000a) ekeys 24, ikeys 20\n"
"                            aes128-hmac-sha1  (0x002f) ekeys 16, ikeys 20\n"
"                            aes128-aes-xcbc   (0xffff) ekeys 16, ikeys 16\n"
"                            aes128-gcm        (0x009c) ekeys 20\n"
"                            aes256-gcm        (0x009d) ekeys 36\n"
"                          (octets; a GCM ekey is the key followed by the\n"
"                          4-octet salt and there is no ikey), or a number\n"
"         ekey-mn2ha HEX   encryption key MN->HA (mip6-mn-to-ha-ekey)\n"
"         ikey-mn2ha HEX   integrity key MN->HA (mip6-mn-to-ha-ikey)\n"
"         ekey-ha2mn HEX   encryption key HA->MN (mip6-ha-to-mn-ekey)\n"
"         ikey-ha2mn HEX   integrity key HA->MN (mip6-ha-to-mn-ikey)\n"
"         keys-file FILE   the keys from FILE instead of the command line\n"
"                          (where every user can read them): one key per\n"
"                          line, 'NAME HEX' or 'NAME: HEX' with the names\n"
"                          above or the RFC 6618 header names; '#' starts\n"
"                          a comment; '-' is standard input\n"
"         hoa ADDR         the MN's IPv6 home address (mip6-ip6-hoa)\n"
"         hoa4 ADDR        the MN's IPv4 home address (mip6-ip4-hoa)\n"
"         hnp PREFIX/LEN   IPv6 home network prefix (mip6-ip6-hnp), LEN\n"
"                          1..128\n"
"         hnp4 PREFIX/LEN  IPv4 home network prefix (mip6-ip4-hnp), LEN\n"
"                          1..32\n"
"         peer ADDR        the other end's address (IPv6 or IPv4); on the\n"
"                          HA it follows the MN's newest authenticated\n"
"                          packet (roaming)\n"
"         port N           the other end's UDP port\n"
"         haa ADDR         the HA's IPv6 address, for the IPv6 header of\n"
"                          Mobility Header packets (PType 8)\n"
"         scope 0|1        mip6-sas: 0 protects signalling only, 1 all\n"
"                          traffic (plaintext PType 0 is then dropped)\n"
"         valid-until T    mip6-sa-validity-end: seconds since the epoch,\n"
"                          or +SECS from now; 0 never expires\n"
"         tx-seq N         the first packet sent uses sequence number N+1\n"
"         replace          rekey: the new SA takes over the HoA of an\n"
"                          existing one (PSAC_MSA_A_REPLACE; the module\n"
"                          keeps the old one for receiving for a while)\n"
"       Key lengths are checked against the suite before the kernel is\n"
"       asked.  Keys can never be read back.\n"
"\n"
"sa del DEV spi SPI  remove an SA (PSAC_CMD_MNHA_SA_DEL).\n"
"\n"
"sa list [DEV]  one line per SA (PSAC_CMD_MNHA_SA_GET dump), never the keys:\n"
"         DEV spi 0xSSSSSSS suite NAME [state active|pending|draining]\n"
"         [hoa ADDR] [hoa4 ADDR] [hnp P/L] [hnp4 P/L] [haa ADDR]\n"
"         [peer [ADDR]:PORT] scope N valid-until T|never tx-seq N\n"
"         rx-seq N rx-packets N tx-packets N drop-auth N drop-replay N\n"
"         drop-source N [drop-bad-len N] [drop-plain N]\n"
"       (on one line); 'psac mnha sa' and 'psac mnha' alone do the same.\n"
"\n"
"monitor  join the multicast group \"" PSAC_MCGRP_MNHA "\" and print one line per event:\n"
"         peer-moved dev DEV spi 0xSSSSSSS peer [ADDR]:PORT\n"
"         rekey-needed dev DEV spi 0xSSSSSSS tx-seq N\n"
"         --count N        exit with status 0 after N events\n"
"         --timeout SECS   exit with status 3 when SECS seconds have passed\n"
"\n"
"With -j (or -p) lists print a JSON array of objects and monitor one\n"
"object per line; field names are the text ones with '-' turned into '_'.\n"
"Commands and keywords may be abbreviated to a unique prefix; 'show' is\n"
"accepted for 'list' and 'delete' for 'del'.\n"
"\n"
"Exit status: 0 success, 1 failure (bad usage, no such device, the kernel\n"
"refused), 2 module not loaded, 3 monitor --timeout expired.\n"
"\n"
"Examples:\n"
"  ip link add mnha0 type mnha\n"
"  psac mnha dev set mnha0 role ha port 7872 local 2001:db8::1\n"
"  psac mnha sa add mnha0 spi 0x100 suite aes128-gcm keys-file mn1.keys \\\n"
"       hoa 2001:db8:100::2 peer 2001:db8:9::2 port 7872 scope 1 \\\n"
"       valid-until +86400\n"
"  psac mnha sa list\n"
"  psac mnha sa del mnha0 spi 0x100\n", f);
}

/* ---------------------------------------------------------------------- */
/* Helpers (as in cmd_target.c)                                            */
/* ---------------------------------------------------------------------- */

#define usage_err(...)	psac_usage_err("mnha", __VA_ARGS__)

/* binary in6_addr or in_addr attribute as text; "" when absent */
static int get_addr(const struct nlattr *a, char *buf, size_t len)
{
	uint16_t l;

	buf[0] = '\0';
	if (!a)
		return -1;
	l = mnl_attr_get_payload_len(a);
	if ((l != 16 && l != 4) ||
	    !inet_ntop(l == 16 ? AF_INET6 : AF_INET, mnl_attr_get_payload(a),
		       buf, (socklen_t)len)) {
		snprintf(buf, len, "?");
		return -1;
	}
	return 0;
}

/* DEV -> ifindex, with a useful message */
static int dev_index(const char *dev, uint32_t *ifindex, const char *what)
{
	if (strlen(dev) >= IF_NAMESIZE) {
		usage_err("%s: interface name '%s' too long", what, dev);
		return -1;
	}
	*ifindex = if_nametoindex(dev);
	if (!*ifindex) {
		psac_err("mnha %s: no device '%s' (create one with: ip link add %s type mnha)",
			 what, dev, dev);
		return -1;
	}
	return 0;
}

static void dev_name(uint32_t ifindex, const struct nlattr *ifname,
		     char *buf)
{
	if (ifname && mnl_attr_validate(ifname, MNL_TYPE_NUL_STRING) == 0) {
		snprintf(buf, IF_NAMESIZE, "%s", mnl_attr_get_str(ifname));
		return;
	}
	if (!ifindex || !if_indextoname(ifindex, buf))
		snprintf(buf, IF_NAMESIZE, "if%u", ifindex);
}

/* ---------------------------------------------------------------------- */
/* Suites                                                                  */
/* ---------------------------------------------------------------------- */

static const char *suite_name(uint16_t id, char *buf, size_t len)
{
	const struct psac_mnha_suite *s = psac_mnha_suite_get(id);

	if (s)
		return s->name;
	snprintf(buf, len, "0x%04x", id);
	return buf;
}

/* ---------------------------------------------------------------------- */
/* dev                                                                     */
/* ---------------------------------------------------------------------- */

enum { KW_ROLE, KW_PORT, KW_LOCAL };

static int dev_set(int argc, char **argv)
{
	static const struct psac_word kw[] = {
		{ "role", KW_ROLE }, { "port", KW_PORT }, { "local", KW_LOCAL },
	};
	char buf[PSAC_GENL_MSG_SIZE];
	struct in6_addr a6;
	struct in_addr a4;
	struct psac_genl g;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	uint32_t ifindex;
	uint16_t port = 0;
	int role = -1, have_port = 0, local_af = 0, i, ret;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_mnha(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc < 2)
		return usage_err("dev set needs a device");
	for (i = 2; i < argc; i += 2) {
		int k = psac_find_word(kw, 3, argv[i]);

		if (k == -2)
			return usage_err("dev set: ambiguous keyword '%s'", argv[i]);
		if (k < 0)
			return usage_err("dev set: unknown keyword '%s' (role, port, local)",
					 argv[i]);
		if (i + 1 >= argc)
			return usage_err("dev set: '%s' needs a value", argv[i]);
		switch (k) {
		case KW_ROLE:
			if (!strcmp(argv[i + 1], "ha"))
				role = PSAC_MNHA_ROLE_HA;
			else if (!strcmp(argv[i + 1], "mn"))
				role = PSAC_MNHA_ROLE_MN;
			else
				return usage_err("dev set: bad role '%s' (ha, mn)",
						 argv[i + 1]);
			break;
		case KW_PORT:
			if (psac_parse_u16(argv[i + 1], &port) || !port)
				return usage_err("dev set: bad port '%s' (1..65535)",
						 argv[i + 1]);
			have_port = 1;
			break;
		case KW_LOCAL:
			if (inet_pton(AF_INET6, argv[i + 1], &a6) == 1)
				local_af = AF_INET6;
			else if (inet_pton(AF_INET, argv[i + 1], &a4) == 1)
				local_af = AF_INET;
			else
				return usage_err("dev set: bad local address '%s'",
						 argv[i + 1]);
			break;
		}
	}
	if (role < 0 && !have_port && !local_af)
		return usage_err("dev set needs at least one of role, port, local");
	if (dev_index(argv[1], &ifindex, "dev set"))
		return PSAC_EXIT_FAIL;

	ret = psac_open_family(&g, "mnha dev set");
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_MNHA_DEV_SET, 0);
	mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, ifindex);
	nest = mnl_attr_nest_start(nlh, PSAC_A_MNHA_DEV);
	if (role >= 0)
		mnl_attr_put_u8(nlh, PSAC_MDEV_A_ROLE, (uint8_t)role);
	if (have_port)
		mnl_attr_put_u16(nlh, PSAC_MDEV_A_PORT, port);
	if (local_af == AF_INET6)
		mnl_attr_put(nlh, PSAC_MDEV_A_LOCAL6, sizeof(a6), &a6);
	else if (local_af == AF_INET)
		mnl_attr_put(nlh, PSAC_MDEV_A_LOCAL4, sizeof(a4), &a4);
	mnl_attr_nest_end(nlh, nest);
	return psac_talk_close(&g, nlh, NULL, NULL, "mnha dev set");
}

static const struct {
	int attr;
	const char *text, *json;
} dev_drops[] = {
	{ PSAC_MDEV_A_DROP_NO_SA, "no-sa", "rx_drop_no_sa" },
	{ PSAC_MDEV_A_DROP_BAD_LEN, "bad-len", "rx_drop_bad_len" },
	{ PSAC_MDEV_A_DROP_AUTH, "auth", "rx_drop_auth" },
	{ PSAC_MDEV_A_DROP_REPLAY, "replay", "rx_drop_replay" },
	{ PSAC_MDEV_A_DROP_SOURCE, "source", "rx_drop_source" },
	{ PSAC_MDEV_A_DROP_PLAIN, "plain", "rx_drop_plain" },
	{ PSAC_MDEV_A_TX_DROP_NO_SA, "no-sa", "tx_drop_no_sa" },
	{ PSAC_MDEV_A_TX_DROP_NO_PEER, "no-peer", "tx_drop_no_peer" },
	{ PSAC_MDEV_A_TX_DROP_SEQ, "seq", "tx_drop_seq" },
};

#define N_DEV_DROPS (sizeof(dev_drops) / sizeof(dev_drops[0]))
#define N_RX_DROPS 6

static int dev_cb(const struct nlmsghdr *nlh, void *data)
{
	struct psac_json *jw = data;
	const struct nlattr *tb[PSAC_MDEV_A_MAX + 1];
	const struct nlattr *nest = psac_find_attr(nlh, PSAC_A_MNHA_DEV);
	char name[IF_NAMESIZE], l6[INET6_ADDRSTRLEN], l4[INET_ADDRSTRLEN];
	uint32_t ifindex = 0, sas = 0;
	uint16_t port = 0;
	uint8_t role = 0;
	int have_role, have_port, have_sas;
	unsigned int i;
	uint64_t v;

	if (!nest || psac_parse_nest(nest, tb, PSAC_MDEV_A_MAX)) {
		psac_warn("mnha dev show: skipping a malformed entry");
		return MNL_CB_OK;
	}
	psac_get_u32(psac_find_attr(nlh, PSAC_A_IFINDEX), &ifindex);
	dev_name(ifindex, tb[PSAC_MDEV_A_IFNAME], name);
	have_role = !psac_get_u8(tb[PSAC_MDEV_A_ROLE], &role);
	have_port = !psac_get_u16(tb[PSAC_MDEV_A_PORT], &port);
	have_sas = !psac_get_u32(tb[PSAC_MDEV_A_SA_COUNT], &sas);
	get_addr(tb[PSAC_MDEV_A_LOCAL6], l6, sizeof(l6));
	get_addr(tb[PSAC_MDEV_A_LOCAL4], l4, sizeof(l4));

	if (psac_opts.json) {
		struct psac_json *j = jw;

		psac_json_obj_open(j, NULL);
		psac_json_str(j, "dev", name);
		if (ifindex)
			psac_json_u64(j, "ifindex", ifindex);
		if (have_role)
			psac_json_str(j, "role", role == PSAC_MNHA_ROLE_MN ?
				      "mn" : "ha");
		if (have_port)
			psac_json_u64(j, "port", port);
		if (l6[0])
			psac_json_str(j, "local", l6);
		if (l4[0])
			psac_json_str(j, "local4", l4);
		if (have_sas)
			psac_json_u64(j, "sas", sas);
		for (i = 0; i < N_DEV_DROPS; i++)
			if (!psac_get_u64(tb[dev_drops[i].attr], &v))
				psac_json_u64(j, dev_drops[i].json, v);
		psac_json_obj_close(j);
		return MNL_CB_OK;
	}
	printf("%s", name);
	if (have_role)
		printf(" role %s", role == PSAC_MNHA_ROLE_MN ? "mn" : "ha");
	if (have_port)
		printf(" port %u", port);
	if (l6[0])
		printf(" local %s", l6);
	if (l4[0])
		printf(" local4 %s", l4);
	if (have_sas)
		printf(" sas %u", sas);
	{
		int rx = 0, tx = 0;

		for (i = 0; i < N_DEV_DROPS; i++) {
			if (psac_get_u64(tb[dev_drops[i].attr], &v))
				continue;
			if (i < N_RX_DROPS && !rx++)
				printf(" rx-drop");
			else if (i >= N_RX_DROPS && !tx++)
				printf(" tx-drop");
			printf(" %s %llu", dev_drops[i].text,
			       (unsigned long long)v);
		}
	}
	putchar('\n');
	return MNL_CB_OK;
}

static int dev_show(int argc, char **argv)
{
	uint32_t ifindex = 0;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_mnha(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc > 2)
		return usage_err("dev show: unexpected argument '%s'", argv[2]);
	if (argc == 2 && dev_index(argv[1], &ifindex, "dev show"))
		return PSAC_EXIT_FAIL;
	return psac_list_run(PSAC_CMD_MNHA_DEV_GET, ifindex, ifindex != 0, dev_cb,
			"mnha dev show");
}

/* ---------------------------------------------------------------------- */
/* sa add / del                                                            */
/* ---------------------------------------------------------------------- */

#define N_KEYS PSAC_MNHA_N_KEYS
#define KEY_MAX PSAC_MNHA_KEY_MAX

static int set_key(struct psac_mnha_sa *k, int i, const char *hex,
		   const char *where)
{
	long n;

	if (k->have_key[i])
		return usage_err("sa add: %s given twice", psac_mnha_key_name(i));
	n = psac_hex_decode(hex, k->key[i], KEY_MAX);
	if (n < 0)
		return usage_err("sa add: %s%s is not hex of at most %d octets",
				 psac_mnha_key_name(i), where, KEY_MAX);
	k->key_len[i] = (size_t)n;
	k->have_key[i] = 1;
	return 0;
}

static int read_keys_file(struct psac_mnha_sa *k, const char *path)
{
	uint8_t *buf;
	char *text, *line, *nl;
	size_t len;
	unsigned int lineno = 0;
	int ret;

	ret = psac_read_file(path, 1 << 16, &buf, &len);
	if (ret) {
		psac_err("mnha sa add: %s: %s", path, strerror(-ret));
		return PSAC_EXIT_FAIL;
	}
	text = malloc(len + 1);
	if (!text) {
		psac_wipe(buf, len);
		free(buf);
		return PSAC_EXIT_FAIL;
	}
	memcpy(text, buf, len);
	text[len] = '\0';
	psac_wipe(buf, len);
	free(buf);
	ret = 0;
	for (line = text; line && !ret; line = nl) {
		char *name, *val, *end, where[64];
		int i;

		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		lineno++;
		name = line + strspn(line, " \t\r");
		if (!*name || *name == '#')
			continue;
		end = name + strcspn(name, " \t\r:");
		val = end + strspn(end, " \t\r:");
		*end = '\0';
		val[strcspn(val, " \t\r#")] = '\0';
		i = psac_mnha_key_index(name);
		if (i < 0) {
			psac_err("mnha sa add: %s line %u: unknown key '%s' (ekey-mn2ha, ikey-mn2ha, ekey-ha2mn, ikey-ha2mn or mip6-*-ekey/ikey)",
				 path, lineno, name);
			ret = PSAC_EXIT_FAIL;
			break;
		}
		snprintf(where, sizeof(where), " (%s line %u)", path, lineno);
		ret = set_key(k, i, val, where);
	}
	psac_wipe(text, len);
	free(text);
	return ret;
}

static int check_keys(const struct psac_mnha_sa *sa)
{
	const struct psac_mnha_suite *s = sa->suite;
	const char *why;
	int i;

	if (!psac_mnha_sa_check_keys(sa, &i, &why))
		return 0;
	if (!strcmp(why, "missing")) {
		int is_e = i == PSAC_MNHA_EKEY_MN2HA || i == PSAC_MNHA_EKEY_HA2MN;

		return usage_err("sa add: suite %s needs %s (%u octets)",
				 s->name, psac_mnha_key_name(i),
				 is_e ? s->ekey_len : s->ikey_len);
	}
	if (!strcmp(why, "wrong length")) {
		int is_e = i == PSAC_MNHA_EKEY_MN2HA || i == PSAC_MNHA_EKEY_HA2MN;

		psac_err("mnha sa add: %s has %zu octets; suite %s needs %u%s",
			 psac_mnha_key_name(i), sa->key_len[i], s->name,
			 is_e ? s->ekey_len : s->ikey_len,
			 s->ikey_len ? "" :
			 " (the AES key followed by the 4-octet salt)");
		return PSAC_EXIT_FAIL;
	}
	return usage_err("sa add: suite %s has no %s", s->name,
			 strstr(why, "encryption") ? "encryption key (ekey)" :
			 "integrity key (ikey)");
}

enum {
	SK_SPI, SK_SUITE, SK_EKEY_MN2HA, SK_IKEY_MN2HA, SK_EKEY_HA2MN,
	SK_IKEY_HA2MN, SK_KEYS_FILE, SK_HOA, SK_HOA4, SK_HNP, SK_HNP4, SK_PEER,
	SK_PORT, SK_HAA, SK_SCOPE, SK_VALID, SK_TXSEQ, SK_REPLACE,
};

static int sa_add(int argc, char **argv)
{
	static const struct psac_word kw[] = {
		{ "spi", SK_SPI }, { "suite", SK_SUITE },
		{ "ekey-mn2ha", SK_EKEY_MN2HA }, { "ikey-mn2ha", SK_IKEY_MN2HA },
		{ "ekey-ha2mn", SK_EKEY_HA2MN }, { "ikey-ha2mn", SK_IKEY_HA2MN },
		{ "keys-file", SK_KEYS_FILE }, { "hoa", SK_HOA },
		{ "hoa4", SK_HOA4 }, { "hnp", SK_HNP }, { "hnp4", SK_HNP4 },
		{ "peer", SK_PEER }, { "port", SK_PORT }, { "haa", SK_HAA },
		{ "scope", SK_SCOPE }, { "valid-until", SK_VALID },
		{ "tx-seq", SK_TXSEQ }, { "replace", SK_REPLACE },
	};
	struct psac_mnha_sa *sa;
	const char *keys_file = NULL;
	uint32_t ifindex;
	uint64_t u;
	int i, k, have_spi = 0, ret = PSAC_EXIT_FAIL;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_mnha(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc < 2)
		return usage_err("sa add needs a device");
	sa = calloc(1, sizeof(*sa));
	if (!sa)
		return PSAC_EXIT_FAIL;

	for (i = 2; i < argc; i++) {
		const char *v;

		k = psac_find_word(kw, sizeof(kw) / sizeof(kw[0]), argv[i]);
		if (k == -2) {
			usage_err("sa add: ambiguous keyword '%s'", argv[i]);
			goto out;
		}
		if (k < 0) {
			usage_err("sa add: unknown keyword '%s'", argv[i]);
			goto out;
		}
		if (k == SK_REPLACE) {
			sa->replace = 1;
			continue;
		}
		if (i + 1 >= argc) {
			usage_err("sa add: '%s' needs a value", argv[i]);
			goto out;
		}
		v = argv[++i];
		switch (k) {
		case SK_SPI:
			if (psac_parse_spi(v, 1, PSAC_MNHA_SPI_MASK, &sa->spi)) {
				usage_err("sa add: bad spi '%s' (1..0x0fffffff, 28 bits)",
					  v);
				goto out;
			}
			have_spi = 1;
			break;
		case SK_SUITE:
			sa->suite = psac_mnha_suite_parse(v);
			if (!sa->suite) {
				usage_err("sa add: unknown suite '%s' (null-hmac-sha1, null-aes-xcbc, 3des-hmac-sha1, aes128-hmac-sha1, aes128-aes-xcbc, aes128-gcm, aes256-gcm)",
					  v);
				goto out;
			}
			break;
		case SK_EKEY_MN2HA:
		case SK_IKEY_MN2HA:
		case SK_EKEY_HA2MN:
		case SK_IKEY_HA2MN:
			if (set_key(sa, k - SK_EKEY_MN2HA, v, ""))
				goto out;
			break;
		case SK_KEYS_FILE:
			keys_file = v;
			break;
		case SK_HOA:
			if (inet_pton(AF_INET6, v, &sa->hoa) != 1) {
				usage_err("sa add: bad hoa '%s' (an IPv6 address)", v);
				goto out;
			}
			sa->have_hoa = 1;
			break;
		case SK_HOA4:
			if (inet_pton(AF_INET, v, &sa->hoa4) != 1) {
				usage_err("sa add: bad hoa4 '%s' (an IPv4 address)", v);
				goto out;
			}
			sa->have_hoa4 = 1;
			break;
		case SK_HNP:
			if (psac_parse_prefix(v, AF_INET6, &sa->hnp, &sa->hnp_len)) {
				usage_err("sa add: bad hnp '%s' (IPv6 PREFIX/LEN)", v);
				goto out;
			}
			sa->have_hnp = 1;
			break;
		case SK_HNP4:
			if (psac_parse_prefix(v, AF_INET, &sa->hnp4, &sa->hnp4_len)) {
				usage_err("sa add: bad hnp4 '%s' (IPv4 PREFIX/LEN)", v);
				goto out;
			}
			sa->have_hnp4 = 1;
			break;
		case SK_PEER:
			if (inet_pton(AF_INET6, v, &sa->peer6) == 1)
				sa->peer_af = AF_INET6;
			else if (inet_pton(AF_INET, v, &sa->peer4) == 1)
				sa->peer_af = AF_INET;
			else {
				usage_err("sa add: bad peer '%s' (an IPv6 or IPv4 address)",
					  v);
				goto out;
			}
			break;
		case SK_PORT:
			if (psac_parse_u16(v, &sa->port) || !sa->port) {
				usage_err("sa add: bad port '%s' (1..65535)", v);
				goto out;
			}
			sa->have_port = 1;
			break;
		case SK_HAA:
			if (inet_pton(AF_INET6, v, &sa->haa) != 1) {
				usage_err("sa add: bad haa '%s' (an IPv6 address)", v);
				goto out;
			}
			sa->have_haa = 1;
			break;
		case SK_SCOPE:
			if (strcmp(v, "0") && strcmp(v, "1")) {
				usage_err("sa add: bad scope '%s' (0 signalling only, 1 all traffic)",
					  v);
				goto out;
			}
			sa->scope = (uint8_t)(v[0] - '0');
			sa->have_scope = 1;
			break;
		case SK_VALID:
			if (v[0] == '+') {
				if (psac_parse_u64(v + 1, 100ULL * 365 * 86400, &u)) {
					usage_err("sa add: bad valid-until '%s'", v);
					goto out;
				}
				sa->valid_until = (uint64_t)time(NULL) + u;
			} else if (psac_parse_u64(v, UINT64_MAX, &sa->valid_until)) {
				usage_err("sa add: bad valid-until '%s' (seconds since the epoch, +SECS or 0)",
					  v);
				goto out;
			}
			sa->have_valid = 1;
			break;
		case SK_TXSEQ:
			if (psac_parse_u32(v, &sa->tx_seq)) {
				usage_err("sa add: bad tx-seq '%s'", v);
				goto out;
			}
			sa->have_txseq = 1;
			break;
		}
	}
	if (!have_spi || !sa->suite) {
		usage_err("sa add needs spi and suite");
		goto out;
	}
	if (keys_file) {
		for (k = 0; k < N_KEYS; k++)
			if (sa->have_key[k]) {
				usage_err("sa add: keys-file and %s both given",
					  psac_mnha_key_name(k));
				goto out;
			}
		if (read_keys_file(sa, keys_file))
			goto out;
	}
	if (check_keys(sa))
		goto out;
	if (dev_index(argv[1], &ifindex, "sa add"))
		goto out;
	ret = psac_mnha_sa_install(ifindex, sa, "mnha sa add", NULL);
out:
	psac_wipe(sa, sizeof(*sa));
	free(sa);
	return ret;
}

static int sa_del(int argc, char **argv)
{
	uint32_t spi, ifindex;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_mnha(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc != 4 || !psac_matches(argv[2], "spi"))
		return usage_err("sa del needs DEV spi SPI");
	if (psac_parse_spi(argv[3], 1, PSAC_MNHA_SPI_MASK, &spi))
		return usage_err("sa del: bad spi '%s' (1..0x0fffffff, 28 bits)",
				 argv[3]);
	if (dev_index(argv[1], &ifindex, "sa del"))
		return PSAC_EXIT_FAIL;
	return psac_mnha_sa_remove(ifindex, spi, "mnha sa del");
}

/* ---------------------------------------------------------------------- */
/* sa list                                                                 */
/* ---------------------------------------------------------------------- */

static const struct {
	int attr;
	int u64;
	const char *text, *json;
} sa_counters[] = {
	{ PSAC_MSA_A_TX_SEQ, 0, "tx-seq", "tx_seq" },
	{ PSAC_MSA_A_RX_SEQ, 0, "rx-seq", "rx_seq" },
	{ PSAC_MSA_A_RX_PACKETS, 1, "rx-packets", "rx_packets" },
	{ PSAC_MSA_A_TX_PACKETS, 1, "tx-packets", "tx_packets" },
	{ PSAC_MSA_A_DROP_AUTH, 1, "drop-auth", "drop_auth" },
	{ PSAC_MSA_A_DROP_REPLAY, 1, "drop-replay", "drop_replay" },
	{ PSAC_MSA_A_DROP_SOURCE, 1, "drop-source", "drop_source" },
	{ PSAC_MSA_A_DROP_BAD_LEN, 1, "drop-bad-len", "drop_bad_len" },
	{ PSAC_MSA_A_DROP_PLAIN, 1, "drop-plain", "drop_plain" },
};

#define N_SA_COUNTERS (sizeof(sa_counters) / sizeof(sa_counters[0]))

static const char *state_name(uint8_t s)
{
	switch (s) {
	case PSAC_MNHA_SA_ACTIVE:
		return "active";
	case PSAC_MNHA_SA_PENDING:
		return "pending";
	case PSAC_MNHA_SA_DRAINING:
		return "draining";
	}
	return NULL;
}

struct msa {
	char dev[IF_NAMESIZE];
	uint32_t spi;
	uint16_t suite;
	int have_suite;
	char suite_buf[8];
	const char *suite_name;
	char state_buf[12];
	const char *state;
	char hoa[INET6_ADDRSTRLEN], hoa4[INET_ADDRSTRLEN];
	char hnp[INET6_ADDRSTRLEN + 4], hnp4[INET_ADDRSTRLEN + 4];
	char haa[INET6_ADDRSTRLEN], peer[INET6_ADDRSTRLEN];
	uint16_t peer_port;
	int have_peer_port, have_scope, have_valid;
	uint8_t scope;
	uint64_t valid;
	int have[N_SA_COUNTERS];
	uint64_t ctr[N_SA_COUNTERS];
};

static void prefix_str(const struct nlattr *a, const struct nlattr *len,
		       char *buf, size_t size)
{
	uint8_t l;

	if (get_addr(a, buf, size) || psac_get_u8(len, &l))
		return;
	snprintf(buf + strlen(buf), size - strlen(buf), "/%u", l);
}

static int parse_msa(const struct nlmsghdr *nlh, const struct nlattr *nest,
		     struct msa *s)
{
	const struct nlattr *tb[PSAC_MSA_A_MAX + 1];
	uint32_t ifindex = 0, v32;
	unsigned int i;
	uint8_t st;

	memset(s, 0, sizeof(*s));
	if (!nest || psac_parse_nest(nest, tb, PSAC_MSA_A_MAX) ||
	    psac_get_u32(tb[PSAC_MSA_A_SPI], &s->spi))
		return -1;
	psac_get_u32(psac_find_attr(nlh, PSAC_A_IFINDEX), &ifindex);
	dev_name(ifindex, NULL, s->dev);
	s->have_suite = !psac_get_u16(tb[PSAC_MSA_A_SUITE], &s->suite);
	s->suite_name = suite_name(s->suite, s->suite_buf,
				   sizeof(s->suite_buf));
	if (!psac_get_u8(tb[PSAC_MSA_A_STATE], &st)) {
		s->state = state_name(st);
		if (!s->state) {
			snprintf(s->state_buf, sizeof(s->state_buf), "%u", st);
			s->state = s->state_buf;
		}
	}
	get_addr(tb[PSAC_MSA_A_HOA6], s->hoa, sizeof(s->hoa));
	get_addr(tb[PSAC_MSA_A_HOA4], s->hoa4, sizeof(s->hoa4));
	prefix_str(tb[PSAC_MSA_A_HNP6], tb[PSAC_MSA_A_HNP6_LEN], s->hnp,
		   sizeof(s->hnp));
	prefix_str(tb[PSAC_MSA_A_HNP4], tb[PSAC_MSA_A_HNP4_LEN], s->hnp4,
		   sizeof(s->hnp4));
	get_addr(tb[PSAC_MSA_A_HAA6], s->haa, sizeof(s->haa));
	get_addr(tb[PSAC_MSA_A_PEER_ADDR], s->peer, sizeof(s->peer));
	s->have_peer_port = !psac_get_u16(tb[PSAC_MSA_A_PEER_PORT], &s->peer_port);
	s->have_scope = !psac_get_u8(tb[PSAC_MSA_A_SCOPE], &s->scope);
	s->have_valid = !psac_get_u64(tb[PSAC_MSA_A_VALID_UNTIL], &s->valid);
	for (i = 0; i < N_SA_COUNTERS; i++) {
		const struct nlattr *a = tb[sa_counters[i].attr];

		if (sa_counters[i].u64) {
			s->have[i] = !psac_get_u64(a, &s->ctr[i]);
		} else if (!psac_get_u32(a, &v32)) {
			s->have[i] = 1;
			s->ctr[i] = v32;
		}
	}
	return 0;
}

static void msa_text(const struct msa *s)
{
	unsigned int i;

	printf("%s spi 0x%07x suite %s", s->dev, s->spi, s->suite_name);
	if (s->state)
		printf(" state %s", s->state);
	if (s->hoa[0])
		printf(" hoa %s", s->hoa);
	if (s->hoa4[0])
		printf(" hoa4 %s", s->hoa4);
	if (s->hnp[0])
		printf(" hnp %s", s->hnp);
	if (s->hnp4[0])
		printf(" hnp4 %s", s->hnp4);
	if (s->haa[0])
		printf(" haa %s", s->haa);
	if (s->peer[0])
		printf(strchr(s->peer, ':') ? " peer [%s]" : " peer %s",
		       s->peer);
	if (s->peer[0] && s->have_peer_port)
		printf(":%u", s->peer_port);
	if (s->have_scope)
		printf(" scope %u", s->scope);
	if (s->have_valid && s->valid)
		printf(" valid-until %llu", (unsigned long long)s->valid);
	else
		printf(" valid-until never");
	for (i = 0; i < N_SA_COUNTERS; i++)
		if (s->have[i])
			printf(" %s %llu", sa_counters[i].text,
			       (unsigned long long)s->ctr[i]);
	putchar('\n');
}

static void msa_json(struct psac_json *j, const struct msa *s,
		     const char *event)
{
	unsigned int i;

	psac_json_obj_open(j, NULL);
	if (event)
		psac_json_str(j, "event", event);
	psac_json_str(j, "dev", s->dev);
	psac_json_u64(j, "spi", s->spi);
	if (s->have_suite) {
		psac_json_str(j, "suite", s->suite_name);
		psac_json_u64(j, "suite_id", s->suite);
	}
	if (s->state)
		psac_json_str(j, "state", s->state);
	if (s->hoa[0])
		psac_json_str(j, "hoa", s->hoa);
	if (s->hoa4[0])
		psac_json_str(j, "hoa4", s->hoa4);
	if (s->hnp[0])
		psac_json_str(j, "hnp", s->hnp);
	if (s->hnp4[0])
		psac_json_str(j, "hnp4", s->hnp4);
	if (s->haa[0])
		psac_json_str(j, "haa", s->haa);
	if (s->peer[0])
		psac_json_str(j, "peer", s->peer);
	if (s->have_peer_port)
		psac_json_u64(j, "peer_port", s->peer_port);
	if (s->have_scope)
		psac_json_u64(j, "scope", s->scope);
	if (s->have_valid && s->valid)
		psac_json_u64(j, "valid_until", s->valid);
	else if (!event)
		psac_json_null(j, "valid_until");
	for (i = 0; i < N_SA_COUNTERS; i++)
		if (s->have[i])
			psac_json_u64(j, sa_counters[i].json, s->ctr[i]);
	psac_json_obj_close(j);
}

static int sa_cb(const struct nlmsghdr *nlh, void *data)
{
	struct psac_json *jw = data;
	struct msa s;

	if (parse_msa(nlh, psac_find_attr(nlh, PSAC_A_MNHA_SA), &s)) {
		psac_warn("mnha sa list: skipping a malformed entry");
		return MNL_CB_OK;
	}
	if (psac_opts.json)
		msa_json(jw, &s, NULL);
	else
		msa_text(&s);
	return MNL_CB_OK;
}

static int sa_list(int argc, char **argv)
{
	uint32_t ifindex = 0;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_mnha(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc > 2)
		return usage_err("sa list: unexpected argument '%s'", argv[2]);
	if (argc == 2 && dev_index(argv[1], &ifindex, "sa list"))
		return PSAC_EXIT_FAIL;
	return psac_list_run(PSAC_CMD_MNHA_SA_GET, ifindex, 0, sa_cb,
			"mnha sa list");
}

/* ---------------------------------------------------------------------- */
/* monitor                                                                 */
/* ---------------------------------------------------------------------- */

struct mon_ctx {
	uint16_t family_id;
	uint32_t seen;
	uint32_t count;			/* stop printing after this many */
};

static int mon_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mon_ctx *m = data;
	const struct genlmsghdr *gh = mnl_nlmsg_get_payload(nlh);
	const char *ev;
	struct msa s;

	if (nlh->nlmsg_type != m->family_id ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*gh)) ||
	    (m->count && m->seen >= m->count))
		return MNL_CB_OK;
	if (gh->cmd == PSAC_CMD_MNHA_PEER_NTF)
		ev = "peer-moved";
	else if (gh->cmd == PSAC_CMD_MNHA_REKEY_NTF)
		ev = "rekey-needed";
	else
		return MNL_CB_OK;
	if (parse_msa(nlh, psac_find_attr(nlh, PSAC_A_MNHA_SA), &s)) {
		psac_warn("mnha monitor: ignoring a malformed notification");
		return MNL_CB_OK;
	}
	if (psac_opts.json) {
		struct psac_json j;
		char evj[16];

		snprintf(evj, sizeof(evj), "%s", ev);
		evj[strcspn(evj, "-")] = '_';
		psac_json_init(&j, stdout, psac_opts.pretty);
		msa_json(&j, &s, evj);
	} else if (gh->cmd == PSAC_CMD_MNHA_PEER_NTF) {
		printf("%s dev %s spi 0x%07x peer %s%s%s", ev, s.dev, s.spi,
		       strchr(s.peer, ':') ? "[" : "", s.peer[0] ? s.peer : "?",
		       strchr(s.peer, ':') ? "]" : "");
		if (s.have_peer_port)
			printf(":%u", s.peer_port);
		putchar('\n');
	} else {
		printf("%s dev %s spi 0x%07x tx-seq %llu\n", ev, s.dev, s.spi,
		       (unsigned long long)s.ctr[0]);
	}
	fflush(stdout);
	m->seen++;
	return MNL_CB_OK;
}

static int monitor(int argc, char **argv)
{
	uint32_t count, timeout_s;
	struct mon_ctx m;
	struct psac_genl g;
	int ret;

	if (psac_monitor_opts("mnha", help_mnha, argc, argv, &count, &timeout_s,
			      &ret))
		return ret;
	ret = psac_open_family(&g, "mnha monitor");
	if (ret)
		return ret;
	m.family_id = g.family_id;
	m.seen = 0;
	m.count = count;
	ret = psac_genl_monitor(&g, "mnha monitor", PSAC_MCGRP_MNHA, count, timeout_s, mon_cb,
				&m, &m.seen);
	psac_genl_close(&g);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* Dispatch                                                                */
/* ---------------------------------------------------------------------- */

static int cmd_dev(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "set", dev_set },
		{ "show", dev_show },
		{ "list", dev_show },
	};

	return psac_dispatch("mnha", help_mnha, t, PSAC_ARRAY_LEN(t), argc,
			     argv, dev_show, "dev");
}

static int cmd_sa(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "add", sa_add },
		{ "del", sa_del },
		{ "delete", sa_del },
		{ "list", sa_list },
		{ "show", sa_list },
	};

	return psac_dispatch("mnha", help_mnha, t, PSAC_ARRAY_LEN(t), argc,
			     argv, sa_list, "sa");
}

int cmd_mnha(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "dev", cmd_dev },
		{ "sa", cmd_sa },
		{ "monitor", monitor },
	};

	return psac_dispatch("mnha", help_mnha, t, PSAC_ARRAY_LEN(t), argc,
			     argv, sa_list, "mnha");
}
