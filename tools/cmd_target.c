// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac target: the target-server role of the kernel module
 * (docs/target.md): PSKs, configuration, installed SA pairs, counters and the
 * "target" multicast events.
 *
 *   PSAC_CMD_PSK_ADD/DEL/GET(dump)      psac target psk add/del/list
 *   PSAC_CMD_TARGET_CONFIG_GET/SET      psac target config [show|set]
 *   PSAC_CMD_TARGET_SA_GET(dump)/DEL    psac target sa [list|del]
 *   PSAC_CMD_TARGET_STATS_GET           psac target stats
 *   PSAC_CMD_TARGET_SA_NTF (group)      psac target monitor
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "dhcp6msg.h"
#include "genl.h"
#include "util.h"

void help_target(FILE *f)
{
	fputs(
"Usage: psac [-j|-p] [-n NETNS] target psk add ID (--key HEX | --key-file FILE)\n"
"                                         [--realm TEXT] [--replace]\n"
"       psac [-j|-p] [-n NETNS] target psk del ID\n"
"       psac [-j|-p] [-n NETNS] target psk list\n"
"       psac [-j|-p] [-n NETNS] target config show\n"
"       psac [-j|-p] [-n NETNS] target config set [enable | disable] [port N]\n"
"                                         [msg-saconfig N]\n"
"                                         [msg-saconfig-reply N]\n"
"                                         [opt-sa N] [opt-sa-list N]\n"
"       psac [-j|-p] [-n NETNS] target sa list\n"
"       psac [-j|-p] [-n NETNS] target sa del SPI\n"
"       psac [-j|-p] [-n NETNS] target stats\n"
"       psac [-j|-p] [-n NETNS] target monitor [--count N] [--timeout SECS]\n"
"\n"
"The target-server role of the psac kernel module (docs/target.md): it\n"
"receives SACONFIGURATION on UDP port 546, authenticates it with a PSK named\n"
"by Key-ID, unwraps the KEYMAT, installs the SA pair and its policies into\n"
"XFRM and answers with SACONFIGURATION-REPLY.  Everything acts on the\n"
"current network namespace (or the one given with -n) and needs\n"
"CAP_NET_ADMIN over it.  'ip xfrm state' and 'ip xfrm policy' show the\n"
"installed states.\n"
"\n"
"psk add ID  configure the PSK with Key-ID ID (0..4294967295) for\n"
"       OPTION_AUTH and the Key-Prot-Alg 2 key wrap (PSAC_CMD_PSK_ADD).\n"
"         --key HEX        the PSK as hex (optional 0x, ':' between octets);\n"
"                          it shows up in the process list and the shell\n"
"                          history: prefer --key-file\n"
"         --key-file FILE  the PSK file format of 'psac saconf build\n"
"                          --psk-file': hex text or, when it does not parse\n"
"                          as hex, the raw octets; '-' reads standard input\n"
"         --realm TEXT     the OPTION_AUTH realm (0..64 octets, default\n"
"                          empty): a SACONFIGURATION must carry exactly\n"
"                          this realm ('saconf build --realm'), and the\n"
"                          replies carry it too\n"
"         --replace        replace an existing PSK with the same Key-ID (its\n"
"                          replay counters are kept); without it adding an\n"
"                          existing Key-ID fails\n"
"       A PSK has 16 to 64 octets; the length is checked before the kernel\n"
"       is asked.  A PSK can never be read back.\n"
"\n"
"psk del ID  remove the PSK with Key-ID ID (PSAC_CMD_PSK_DEL).  SA pairs\n"
"       it installed stay until they expire or are deleted.\n"
"\n"
"psk list    one line per PSK (PSAC_CMD_PSK_GET dump), never the key;\n"
"       'psac target psk' alone does the same:\n"
"         key-id ID [realm TEXT] rx-counter N tx-counter N\n"
"       rx-counter is the highest OPTION_AUTH replay counter accepted from\n"
"       the server, tx-counter the last one used in a reply; the realm is\n"
"       left out when it is empty (non-printable octets show as '?').\n"
"\n"
"config show  the configuration (PSAC_CMD_TARGET_CONFIG_GET); 'psac target\n"
"       config' alone does the same:\n"
"         enabled yes|no          whether SACONFIGURATION is accepted\n"
"         port N                  UDP port listened on (default 546)\n"
"         msg-saconfig N          SACONFIGURATION message type (240)\n"
"         msg-saconfig-reply N    SACONFIGURATION-REPLY message type (241)\n"
"         opt-sa N                OPTION_SA code (65283)\n"
"         opt-sa-list N           OPTION_SA_LIST code (65284)\n"
"\n"
"config set  change any of the above (PSAC_CMD_TARGET_CONFIG_SET); what is\n"
"       not given keeps its value.  enable / disable switch the role on and\n"
"       off; port is 1..65535, message types 0..255, option codes\n"
"       0..65535.  The kernel refuses code points that clash with each\n"
"       other or with standard DHCPv6 codes.\n"
"\n"
"sa list     one line per installed SA pair (PSAC_CMD_TARGET_SA_GET dump);\n"
"       'psac target sa' and 'psac target' alone do the same:\n"
"         peer ADDR local ADDR spi-in 0xXXXXXXXX spi-out 0xXXXXXXXX\n"
"         proto esp|ah|udp|N mode transport|tunnel|mnha-udp|N\n"
"         encr ALG/BITS integ ALG ulp any|tcp|udp|icmpv6|mh|N sport N\n"
"         dport N lifetime S|infinite expires S|never server ADDR key-id N\n"
"       (on one line).  peer is the requestor, local this target, server the\n"
"       DHCPv6 server that provisioned the pair and key-id the PSK that\n"
"       authenticated it.  spi-in is SPI-I2R (requestor -> target), spi-out\n"
"       SPI-R2I.  ALG is aes-cbc, aes-gcm-16, chacha20-poly1305, null or 3des\n"
"       (or the IKEv2 transform ID); integ is none (AEAD), hmac-sha1-96,\n"
"       hmac-sha2-256-128 or aes-xcbc-96.  sport/dport hold the ICMPv6\n"
"       type/code for icmpv6 and the MH type (sport) for mh.  lifetime is as\n"
"       provisioned; expires counts the seconds left.\n"
"\n"
"sa del SPI  remove the SA pair whose inbound SPI (SPI-I2R, spi-in) is SPI,\n"
"       hex with 0x or decimal, together with its policies\n"
"       (PSAC_CMD_TARGET_SA_DEL); listeners see a 'removed' event.\n"
"\n"
"stats  the counters of the role (PSAC_CMD_TARGET_STATS_GET), one per line:\n"
"         rx            SACONFIGURATION messages received\n"
"         installed     SA pairs installed\n"
"         deleted       SA pairs removed\n"
"         auth-fail     messages with a bad or missing HMAC\n"
"         unknown-key   messages naming a Key-ID that is not configured\n"
"         replay        messages whose replay counter did not increase\n"
"         parse-error   malformed messages\n"
"         unwrap-fail   SAs whose key did not unwrap\n"
"         rejected      SAs refused by validation\n"
"         install-fail  SAs XFRM refused\n"
"         replies       SACONFIGURATION-REPLY messages sent\n"
"         dropped       messages dropped because the queue was full\n"
"\n"
"monitor  join the multicast group \"" PSAC_MCGRP_TARGET "\" and print one line per\n"
"       event (PSAC_CMD_TARGET_SA_NTF), flushing standard output after each:\n"
"         EVENT peer ADDR spi-in 0xXXXXXXXX spi-out 0xXXXXXXXX\n"
"       EVENT is installed, replaced, deleted (by a SACONFIGURATION with\n"
"       Lifetime 0), expired (hard lifetime reached) or removed (by\n"
"       'psac target sa del').\n"
"         --count N        exit with status 0 after N events\n"
"         --timeout SECS   exit with status 3 when SECS seconds have passed\n"
"                          (before N events, with --count)\n"
"       Without either it runs until interrupted.  With -v it says on\n"
"       standard error when it has joined the group.\n"
"\n"
"With -j (or -p) lists print a JSON array of objects, config and stats one\n"
"object, and monitor one object per line; field names are the text ones\n"
"with '-' turned into '_'.  SPIs, ports, counters and key-ids are numbers;\n"
"a PSK's realm is left out when empty; an SA's lifetime and expires are null\n"
"when infinite, and encr/integ/ulp/proto/mode are names with the numbers in\n"
"encr_alg, encr_key_bits, integ_alg, ulp_num, proto_num and mode_num.\n"
"\n"
"Commands and config keywords may be abbreviated to a unique prefix; as in\n"
"ip(8), 'show' is accepted for 'list' and 'delete' for 'del'.\n"
"\n"
"Exit status: 0 success, 1 failure (bad usage, the kernel refused), 2 module\n"
"not loaded, 3 monitor --timeout expired.\n"
"\n"
"Examples:\n"
"  (umask 077; openssl rand -hex 32 >/etc/psac/psk1.hex)\n"
"  psac target psk add 1 --key-file /etc/psac/psk1.hex --realm lab\n"
"  psac target psk add 1 --key-file new.hex --replace\n"
"  psac target psk list\n"
"  psac target config set enable port 546\n"
"  psac target config\n"
"  psac -j target sa list\n"
"  psac target sa del 0x1000\n"
"  psac -n blue target stats\n"
"  psac target monitor --count 1 --timeout 10 >events &\n"
"  psac saconf send saconf.bin --to 2001:db8::53 --wait-reply 5\n"
"  wait $! && cat events\n"
"    installed peer 2001:db8::1 spi-in 0x00001000 spi-out 0x00002000\n", f);
}

/* ---------------------------------------------------------------------- */
/* Shared helpers                                                          */
/* ---------------------------------------------------------------------- */

#define usage_err(...)	psac_usage_err("target", __VA_ARGS__)

/* No argument after the command word, or a request for help. */
static int no_args(int argc, char **argv, const char *what, int *ret)
{
	if (argc < 2)
		return 1;
	if (psac_is_help(argv[1])) {
		help_target(stdout);
		*ret = PSAC_EXIT_OK;
	} else {
		*ret = usage_err("%s: unexpected argument '%s'", what, argv[1]);
	}
	return 0;
}

static int get_in6(const struct nlattr *a, char *buf, size_t len)
{
	if (!a || mnl_attr_get_payload_len(a) != 16 ||
	    !inet_ntop(AF_INET6, mnl_attr_get_payload(a), buf,
		       (socklen_t)len)) {
		snprintf(buf, len, "?");
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* psk                                                                     */
/* ---------------------------------------------------------------------- */

enum { OPT_KEY = 256, OPT_KEY_FILE, OPT_REALM, OPT_REPLACE };

static int psk_len_err(const char *src)
{
	psac_err("target psk add: %s: a PSK has %d to %d octets", src,
		 PSAC_PSK_MIN_LEN, PSAC_PSK_MAX_LEN);
	return PSAC_EXIT_FAIL;
}

/* --key HEX: any length decodes, so the length message is the right one */
static int key_from_hex(const char *hex, uint8_t *key, size_t *key_len)
{
	size_t size = strlen(hex) / 2 + 1;
	uint8_t *tmp = malloc(size);
	long n;

	if (!tmp) {
		psac_err("target psk add: %s", strerror(ENOMEM));
		return PSAC_EXIT_FAIL;
	}
	n = psac_hex_decode(hex, tmp, size);
	if (n < 0) {
		psac_wipe(tmp, size);
		free(tmp);
		return usage_err("psk add: --key is not hex (two digits per octet, optional 0x and ':' separators)");
	}
	if (n < PSAC_PSK_MIN_LEN || n > PSAC_PSK_MAX_LEN) {
		psac_wipe(tmp, size);
		free(tmp);
		psac_err("target psk add: --key has %ld octets; a PSK has %d to %d octets",
			 n, PSAC_PSK_MIN_LEN, PSAC_PSK_MAX_LEN);
		return PSAC_EXIT_FAIL;
	}
	memcpy(key, tmp, (size_t)n);
	*key_len = (size_t)n;
	psac_wipe(tmp, size);
	free(tmp);
	return PSAC_EXIT_OK;
}

static int psk_add(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, OPT_KEY },
		{ "key-file", required_argument, NULL, OPT_KEY_FILE },
		{ "realm", required_argument, NULL, OPT_REALM },
		{ "replace", no_argument, NULL, OPT_REPLACE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *hex = NULL, *file = NULL, *realm = NULL;
	char buf[PSAC_GENL_MSG_SIZE];
	uint8_t key[PSAC_PSK_MAX_LEN];
	size_t key_len = 0;
	struct psac_genl g;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	uint32_t key_id;
	int c, replace = 0, ret;
	long n;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_KEY:
			hex = optarg;
			break;
		case OPT_KEY_FILE:
			file = optarg;
			break;
		case OPT_REALM:
			realm = optarg;
			if (strlen(realm) > PSAC_REALM_MAX_LEN)
				return usage_err("psk add: --realm longer than %d octets",
						 PSAC_REALM_MAX_LEN);
			break;
		case OPT_REPLACE:
			replace = 1;
			break;
		case 'h':
			help_target(stdout);
			return PSAC_EXIT_OK;
		default:
			return usage_err("bad option for 'target psk add'");
		}
	}
	if (optind >= argc)
		return usage_err("psk add needs a key-id");
	if (psac_parse_u32(argv[optind], &key_id))
		return usage_err("psk add: bad key-id '%s' (0..4294967295)",
				 argv[optind]);
	if (optind + 1 < argc)
		return usage_err("psk add: unexpected argument '%s'",
				 argv[optind + 1]);
	if (!hex == !file)
		return usage_err("psk add needs exactly one of --key and --key-file");

	if (hex) {
		ret = key_from_hex(hex, key, &key_len);
		if (ret)
			return ret;
	} else {
		n = psac_read_key_file(file, key, PSAC_PSK_MIN_LEN,
				       PSAC_PSK_MAX_LEN);
		if (n < 0)
			psac_wipe(key, sizeof(key));	/* a too short one */
		if (n == -EMSGSIZE)
			return psk_len_err(file);
		if (n < 0) {
			psac_err("target psk add: %s: %s", file,
				 strerror((int)-n));
			return PSAC_EXIT_FAIL;
		}
		key_len = (size_t)n;
	}

	ret = psac_open_family(&g, "target psk add");
	if (ret)
		goto out;
	/* The family refuses the ambiguous NLM_F_REPLACE/EXCL flags:
	 * replacing is asked with an attribute. */
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_PSK_ADD, 0);
	nest = mnl_attr_nest_start(nlh, PSAC_A_PSK);
	mnl_attr_put_u32(nlh, PSAC_PSK_A_KEY_ID, key_id);
	mnl_attr_put(nlh, PSAC_PSK_A_KEY, key_len, key);
	if (realm && *realm)
		mnl_attr_put(nlh, PSAC_PSK_A_REALM, strlen(realm), realm);
	if (replace)
		mnl_attr_put(nlh, PSAC_PSK_A_REPLACE, 0, NULL);
	mnl_attr_nest_end(nlh, nest);
	ret = psac_genl_talk(&g, nlh, NULL, NULL);
	psac_wipe(buf, sizeof(buf));
	if (ret) {
		int err = ret;

		ret = psac_genl_report(&g, "target psk add", err);
		if (err == -EEXIST && !replace)
			psac_err("key-id %u is configured; add --replace to change its key",
				 key_id);
	}
	psac_genl_close(&g);
out:
	psac_wipe(key, sizeof(key));
	return ret;
}

static int psk_del(int argc, char **argv)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	uint32_t key_id;
	int ret;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_target(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc != 2)
		return usage_err("psk del needs exactly one key-id");
	if (psac_parse_u32(argv[1], &key_id))
		return usage_err("psk del: bad key-id '%s' (0..4294967295)",
				 argv[1]);
	ret = psac_open_family(&g, "target psk del");
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_PSK_DEL, 0);
	nest = mnl_attr_nest_start(nlh, PSAC_A_PSK);
	mnl_attr_put_u32(nlh, PSAC_PSK_A_KEY_ID, key_id);
	mnl_attr_nest_end(nlh, nest);
	return psac_talk_close(&g, nlh, NULL, NULL, "target psk del");
}

struct list_ctx {
	struct psac_json j;
};

static int psk_cb(const struct nlmsghdr *nlh, void *data)
{
	struct list_ctx *ctx = data;
	const struct nlattr *tb[PSAC_PSK_A_MAX + 1];
	const struct nlattr *nest = psac_find_attr(nlh, PSAC_A_PSK);
	char realm[PSAC_REALM_MAX_LEN + 1] = "";
	uint64_t rx = 0, tx = 0;
	uint32_t key_id;
	int have_rx, have_tx;

	if (!nest || psac_parse_nest(nest, tb, PSAC_PSK_A_MAX) ||
	    psac_get_u32(tb[PSAC_PSK_A_KEY_ID], &key_id)) {
		psac_warn("target psk list: skipping a malformed entry");
		return MNL_CB_OK;
	}
	if (tb[PSAC_PSK_A_REALM])
		psac_printable(mnl_attr_get_payload(tb[PSAC_PSK_A_REALM]),
			       mnl_attr_get_payload_len(tb[PSAC_PSK_A_REALM]),
			       realm, sizeof(realm));
	have_rx = !psac_get_u64(tb[PSAC_PSK_A_RX_COUNTER], &rx);
	have_tx = !psac_get_u64(tb[PSAC_PSK_A_TX_COUNTER], &tx);

	if (psac_opts.json) {
		psac_json_obj_open(&ctx->j, NULL);
		psac_json_u64(&ctx->j, "key_id", key_id);
		if (realm[0])
			psac_json_str(&ctx->j, "realm", realm);
		if (have_rx)
			psac_json_u64(&ctx->j, "rx_counter", rx);
		if (have_tx)
			psac_json_u64(&ctx->j, "tx_counter", tx);
		psac_json_obj_close(&ctx->j);
		return MNL_CB_OK;
	}
	printf("key-id %u", key_id);
	if (realm[0])
		printf(" realm %s", realm);
	if (have_rx)
		printf(" rx-counter %llu", (unsigned long long)rx);
	if (have_tx)
		printf(" tx-counter %llu", (unsigned long long)tx);
	putchar('\n');
	return MNL_CB_OK;
}

/* A dump printed as lines, or as one JSON array. */
static int list_dump(uint8_t cmd, psac_genl_cb cb, const char *what)
{
	struct list_ctx ctx;
	struct psac_genl g;
	int ret;

	ret = psac_open_family(&g, what);
	if (ret)
		return ret;
	memset(&ctx, 0, sizeof(ctx));
	psac_json_init(&ctx.j, stdout, psac_opts.pretty);
	if (psac_opts.json)
		psac_json_arr_open(&ctx.j, NULL);
	ret = psac_genl_dump(&g, cmd, cb, &ctx);
	if (psac_opts.json)
		psac_json_arr_close(&ctx.j);	/* valid JSON even on error */
	if (ret)
		ret = psac_genl_report(&g, what, ret);
	psac_genl_close(&g);
	return ret;
}

static int psk_list(int argc, char **argv)
{
	int ret;

	if (!no_args(argc, argv, "psk list", &ret))
		return ret;
	return list_dump(PSAC_CMD_PSK_GET, psk_cb, "target psk list");
}

/* ---------------------------------------------------------------------- */
/* config                                                                  */
/* ---------------------------------------------------------------------- */

/* One numeric setting: "name N", or JSON "name_with_underscores": N. */
static void cfg_num(struct psac_json *j, const struct nlattr *a,
		    enum mnl_attr_data_type type, const char *name)
{
	char key[32];
	unsigned int v;
	size_t i;

	if (!a || mnl_attr_validate(a, type) < 0)
		return;
	v = type == MNL_TYPE_U8 ? mnl_attr_get_u8(a) : mnl_attr_get_u16(a);
	if (!psac_opts.json) {
		printf("%s %u\n", name, v);
		return;
	}
	snprintf(key, sizeof(key), "%s", name);
	for (i = 0; key[i]; i++)
		if (key[i] == '-')
			key[i] = '_';
	psac_json_u64(j, key, v);
}

static int config_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[PSAC_TCFG_A_MAX + 1];
	const struct nlattr *nest = psac_find_attr(nlh, PSAC_A_TARGET_CONFIG);
	struct psac_json j;
	uint8_t enabled;

	(void)data;
	if (!nest || psac_parse_nest(nest, tb, PSAC_TCFG_A_MAX)) {
		psac_err("target config: the kernel sent no configuration");
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	psac_json_init(&j, stdout, psac_opts.pretty);
	if (psac_opts.json)
		psac_json_obj_open(&j, NULL);
	if (!psac_get_u8(tb[PSAC_TCFG_A_ENABLED], &enabled)) {
		if (psac_opts.json)
			psac_json_bool(&j, "enabled", enabled);
		else
			printf("enabled %s\n", enabled ? "yes" : "no");
	}
	cfg_num(&j, tb[PSAC_TCFG_A_PORT], MNL_TYPE_U16, "port");
	cfg_num(&j, tb[PSAC_TCFG_A_MSG_SACONFIG], MNL_TYPE_U8, "msg-saconfig");
	cfg_num(&j, tb[PSAC_TCFG_A_MSG_SACONFIG_REPLY], MNL_TYPE_U8,
		"msg-saconfig-reply");
	cfg_num(&j, tb[PSAC_TCFG_A_OPT_SA], MNL_TYPE_U16, "opt-sa");
	cfg_num(&j, tb[PSAC_TCFG_A_OPT_SA_LIST], MNL_TYPE_U16, "opt-sa-list");
	if (psac_opts.json)
		psac_json_obj_close(&j);
	return MNL_CB_OK;
}

static int config_show(int argc, char **argv)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g;
	struct nlmsghdr *nlh;
	int ret;

	if (!no_args(argc, argv, "config show", &ret))
		return ret;
	ret = psac_open_family(&g, "target config");
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_TARGET_CONFIG_GET, 0);
	return psac_talk_close(&g, nlh, config_cb, NULL, "target config");
}

enum { KW_ENABLE, KW_DISABLE, KW_PORT, KW_MSG, KW_MSG_REPLY, KW_OPT_SA,
       KW_OPT_SA_LIST };

static int config_set(int argc, char **argv)
{
	static const struct psac_word kws[] = {
		{ "enable", KW_ENABLE },
		{ "disable", KW_DISABLE },
		{ "port", KW_PORT },
		{ "msg-saconfig", KW_MSG },
		{ "msg-saconfig-reply", KW_MSG_REPLY },
		{ "opt-sa", KW_OPT_SA },
		{ "opt-sa-list", KW_OPT_SA_LIST },
	};
	struct {
		int have;
		uint16_t v;
	} set[KW_OPT_SA_LIST + 1];
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int i, kw, ret, any = 0;

	memset(set, 0, sizeof(set));
	for (i = 1; i < argc; i++) {
		uint64_t max, v;

		if (psac_is_help(argv[i])) {
			help_target(stdout);
			return PSAC_EXIT_OK;
		}
		kw = psac_find_word(kws, sizeof(kws) / sizeof(kws[0]), argv[i]);
		if (kw < 0)
			return usage_err("config set: %s keyword '%s'",
					 kw == -2 ? "ambiguous" : "unknown",
					 argv[i]);
		if (kw == KW_ENABLE || kw == KW_DISABLE) {
			if (set[KW_ENABLE].have || set[KW_DISABLE].have)
				return usage_err("config set: enable/disable given twice");
			set[kw].have = 1;
			any = 1;
			continue;
		}
		if (set[kw].have)
			return usage_err("config set: '%s' given twice",
					 kws[kw].name);
		if (++i >= argc)
			return usage_err("config set: '%s' needs a value",
					 kws[kw].name);
		max = (kw == KW_MSG || kw == KW_MSG_REPLY) ? 0xff : 0xffff;
		if (psac_parse_u64(argv[i], max, &v) ||
		    (kw == KW_PORT && !v))
			return usage_err("config set: bad %s '%s' (%s..%llu)",
					 kws[kw].name, argv[i],
					 kw == KW_PORT ? "1" : "0",
					 (unsigned long long)max);
		set[kw].have = 1;
		set[kw].v = (uint16_t)v;
		any = 1;
	}
	if (!any)
		return usage_err("config set needs at least one of enable, disable, port, msg-saconfig, msg-saconfig-reply, opt-sa, opt-sa-list");

	ret = psac_open_family(&g, "target config set");
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_TARGET_CONFIG_SET, 0);
	nest = mnl_attr_nest_start(nlh, PSAC_A_TARGET_CONFIG);
	if (set[KW_ENABLE].have || set[KW_DISABLE].have)
		mnl_attr_put_u8(nlh, PSAC_TCFG_A_ENABLED, set[KW_ENABLE].have);
	if (set[KW_PORT].have)
		mnl_attr_put_u16(nlh, PSAC_TCFG_A_PORT, set[KW_PORT].v);
	if (set[KW_MSG].have)
		mnl_attr_put_u8(nlh, PSAC_TCFG_A_MSG_SACONFIG,
				(uint8_t)set[KW_MSG].v);
	if (set[KW_MSG_REPLY].have)
		mnl_attr_put_u8(nlh, PSAC_TCFG_A_MSG_SACONFIG_REPLY,
				(uint8_t)set[KW_MSG_REPLY].v);
	if (set[KW_OPT_SA].have)
		mnl_attr_put_u16(nlh, PSAC_TCFG_A_OPT_SA, set[KW_OPT_SA].v);
	if (set[KW_OPT_SA_LIST].have)
		mnl_attr_put_u16(nlh, PSAC_TCFG_A_OPT_SA_LIST,
				 set[KW_OPT_SA_LIST].v);
	mnl_attr_nest_end(nlh, nest);
	return psac_talk_close(&g, nlh, NULL, NULL, "target config set");
}

/* ---------------------------------------------------------------------- */
/* sa                                                                      */
/* ---------------------------------------------------------------------- */

struct tsa {
	char peer[INET6_ADDRSTRLEN], local[INET6_ADDRSTRLEN];
	char server[INET6_ADDRSTRLEN];
	uint32_t key_id, spi_in, spi_out, lifetime;
	uint8_t proto, mode, ulp;
	uint16_t encr, bits, integ, sport, dport;
	uint64_t expires;
	int have_expires;
};

static int parse_tsa(const struct nlattr *nest, struct tsa *s)
{
	const struct nlattr *tb[PSAC_TSA_A_MAX + 1];

	memset(s, 0, sizeof(*s));
	s->lifetime = PSAC_LIFETIME_INFINITE;
	if (!nest || psac_parse_nest(nest, tb, PSAC_TSA_A_MAX) ||
	    psac_get_u32(tb[PSAC_TSA_A_SPI_IN], &s->spi_in) ||
	    psac_get_u32(tb[PSAC_TSA_A_SPI_OUT], &s->spi_out))
		return -1;
	get_in6(tb[PSAC_TSA_A_PEER], s->peer, sizeof(s->peer));
	get_in6(tb[PSAC_TSA_A_LOCAL], s->local, sizeof(s->local));
	get_in6(tb[PSAC_TSA_A_SERVER], s->server, sizeof(s->server));
	psac_get_u32(tb[PSAC_TSA_A_KEY_ID], &s->key_id);
	psac_get_u8(tb[PSAC_TSA_A_PROTO], &s->proto);
	psac_get_u8(tb[PSAC_TSA_A_MODE], &s->mode);
	psac_get_u16(tb[PSAC_TSA_A_ENCR_ALG], &s->encr);
	psac_get_u16(tb[PSAC_TSA_A_ENCR_KEY_BITS], &s->bits);
	psac_get_u16(tb[PSAC_TSA_A_INTEG_ALG], &s->integ);
	psac_get_u8(tb[PSAC_TSA_A_ULP], &s->ulp);
	psac_get_u16(tb[PSAC_TSA_A_SPORT], &s->sport);
	psac_get_u16(tb[PSAC_TSA_A_DPORT], &s->dport);
	psac_get_u32(tb[PSAC_TSA_A_LIFETIME], &s->lifetime);
	s->have_expires = !psac_get_u64(tb[PSAC_TSA_A_EXPIRES], &s->expires);
	return 0;
}

/* Names of the SA fields: a known name, else the decimal number. */
struct tsa_names {
	char proto[8], mode[16], encr[40], integ[24], ulp[8];
};

static void name_or_num(char *buf, size_t len, const char *name,
			unsigned int v)
{
	if (name && strcmp(name, "unknown"))
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%u", v);
}

static void tsa_names(const struct tsa *s, struct tsa_names *n)
{
	char encr[24];

	name_or_num(n->proto, sizeof(n->proto), psac_proto_name(s->proto),
		    s->proto);
	name_or_num(n->mode, sizeof(n->mode), psac_mode_name(s->mode),
		    s->mode);
	name_or_num(encr, sizeof(encr), psac_encr_name(s->encr), s->encr);
	snprintf(n->encr, sizeof(n->encr), "%s/%u", encr, s->bits);
	name_or_num(n->integ, sizeof(n->integ), psac_integ_name(s->integ),
		    s->integ);
	name_or_num(n->ulp, sizeof(n->ulp), psac_ulp_name(s->ulp), s->ulp);
}

static void tsa_json(struct psac_json *j, const struct tsa *s,
		     const char *event)
{
	struct tsa_names n;

	tsa_names(s, &n);
	psac_json_obj_open(j, NULL);
	if (event)
		psac_json_str(j, "event", event);
	psac_json_str(j, "peer", s->peer);
	psac_json_str(j, "local", s->local);
	psac_json_u64(j, "spi_in", s->spi_in);
	psac_json_u64(j, "spi_out", s->spi_out);
	psac_json_str(j, "proto", n.proto);
	psac_json_u64(j, "proto_num", s->proto);
	psac_json_str(j, "mode", n.mode);
	psac_json_u64(j, "mode_num", s->mode);
	psac_json_str(j, "encr", n.encr);
	psac_json_u64(j, "encr_alg", s->encr);
	psac_json_u64(j, "encr_key_bits", s->bits);
	psac_json_str(j, "integ", n.integ);
	psac_json_u64(j, "integ_alg", s->integ);
	psac_json_str(j, "ulp", n.ulp);
	psac_json_u64(j, "ulp_num", s->ulp);
	psac_json_u64(j, "sport", s->sport);
	psac_json_u64(j, "dport", s->dport);
	if (s->lifetime == PSAC_LIFETIME_INFINITE)
		psac_json_null(j, "lifetime");
	else
		psac_json_u64(j, "lifetime", s->lifetime);
	if (s->have_expires)
		psac_json_u64(j, "expires", s->expires);
	else
		psac_json_null(j, "expires");
	psac_json_str(j, "server", s->server);
	psac_json_u64(j, "key_id", s->key_id);
	psac_json_obj_close(j);
}

static void tsa_text(const struct tsa *s)
{
	struct tsa_names n;

	tsa_names(s, &n);
	printf("peer %s local %s spi-in 0x%08x spi-out 0x%08x proto %s mode %s encr %s integ %s ulp %s sport %u dport %u lifetime ",
	       s->peer, s->local, s->spi_in, s->spi_out, n.proto, n.mode,
	       n.encr, n.integ, n.ulp, s->sport, s->dport);
	if (s->lifetime == PSAC_LIFETIME_INFINITE)
		printf("infinite");
	else
		printf("%u", s->lifetime);
	if (s->have_expires)
		printf(" expires %llu", (unsigned long long)s->expires);
	else
		printf(" expires never");
	printf(" server %s key-id %u\n", s->server, s->key_id);
}

static int sa_cb(const struct nlmsghdr *nlh, void *data)
{
	struct list_ctx *ctx = data;
	struct tsa s;

	if (parse_tsa(psac_find_attr(nlh, PSAC_A_TARGET_SA), &s)) {
		psac_warn("target sa list: skipping a malformed entry");
		return MNL_CB_OK;
	}
	if (psac_opts.json)
		tsa_json(&ctx->j, &s, NULL);
	else
		tsa_text(&s);
	return MNL_CB_OK;
}

static int sa_list(int argc, char **argv)
{
	int ret;

	if (!no_args(argc, argv, "sa list", &ret))
		return ret;
	return list_dump(PSAC_CMD_TARGET_SA_GET, sa_cb, "target sa list");
}

static int sa_del(int argc, char **argv)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	uint32_t spi;
	int ret;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_target(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc != 2)
		return usage_err("sa del needs exactly one SPI (the inbound SPI-I2R)");
	if (psac_parse_spi(argv[1], 0, 0xffffffff, &spi))
		return usage_err("sa del: bad SPI '%s' (0x hex or decimal, 32 bits)",
				 argv[1]);
	ret = psac_open_family(&g, "target sa del");
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_TARGET_SA_DEL, 0);
	nest = mnl_attr_nest_start(nlh, PSAC_A_TARGET_SA);
	mnl_attr_put_u32(nlh, PSAC_TSA_A_SPI_IN, spi);
	mnl_attr_nest_end(nlh, nest);
	return psac_talk_close(&g, nlh, NULL, NULL, "target sa del");
}

/* ---------------------------------------------------------------------- */
/* stats                                                                   */
/* ---------------------------------------------------------------------- */

static const struct {
	int attr;
	const char *text, *json;
} stat_names[] = {
	{ PSAC_TSTAT_A_RX, "rx", "rx" },
	{ PSAC_TSTAT_A_INSTALLED, "installed", "installed" },
	{ PSAC_TSTAT_A_DELETED, "deleted", "deleted" },
	{ PSAC_TSTAT_A_AUTH_FAIL, "auth-fail", "auth_fail" },
	{ PSAC_TSTAT_A_UNKNOWN_KEY, "unknown-key", "unknown_key" },
	{ PSAC_TSTAT_A_REPLAY, "replay", "replay" },
	{ PSAC_TSTAT_A_PARSE_ERR, "parse-error", "parse_error" },
	{ PSAC_TSTAT_A_UNWRAP_FAIL, "unwrap-fail", "unwrap_fail" },
	{ PSAC_TSTAT_A_REJECTED, "rejected", "rejected" },
	{ PSAC_TSTAT_A_INSTALL_FAIL, "install-fail", "install_fail" },
	{ PSAC_TSTAT_A_REPLIES, "replies", "replies" },
	{ PSAC_TSTAT_A_DROPPED, "dropped", "dropped" },
};

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[PSAC_TSTAT_A_MAX + 1];
	const struct nlattr *nest = psac_find_attr(nlh, PSAC_A_TARGET_STATS);
	struct psac_json j;
	unsigned int i;
	uint64_t v;

	(void)data;
	if (!nest || psac_parse_nest(nest, tb, PSAC_TSTAT_A_MAX)) {
		psac_err("target stats: the kernel sent no counters");
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	psac_json_init(&j, stdout, psac_opts.pretty);
	if (psac_opts.json)
		psac_json_obj_open(&j, NULL);
	for (i = 0; i < sizeof(stat_names) / sizeof(stat_names[0]); i++) {
		if (psac_get_u64(tb[stat_names[i].attr], &v))
			continue;
		if (psac_opts.json)
			psac_json_u64(&j, stat_names[i].json, v);
		else
			printf("%s %llu\n", stat_names[i].text,
			       (unsigned long long)v);
	}
	if (psac_opts.json)
		psac_json_obj_close(&j);
	return MNL_CB_OK;
}

static int stats(int argc, char **argv)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g;
	struct nlmsghdr *nlh;
	int ret;

	if (!no_args(argc, argv, "stats", &ret))
		return ret;
	ret = psac_open_family(&g, "target stats");
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_TARGET_STATS_GET, 0);
	return psac_talk_close(&g, nlh, stats_cb, NULL, "target stats");
}

/* ---------------------------------------------------------------------- */
/* monitor                                                                 */
/* ---------------------------------------------------------------------- */

static const char *event_name(uint8_t ev)
{
	switch (ev) {
	case PSAC_EVENT_INSTALLED:
		return "installed";
	case PSAC_EVENT_REPLACED:
		return "replaced";
	case PSAC_EVENT_DELETED:
		return "deleted";
	case PSAC_EVENT_EXPIRED:
		return "expired";
	case PSAC_EVENT_REMOVED:
		return "removed";
	}
	return NULL;
}

struct mon_ctx {
	uint16_t family_id;
	uint32_t seen;
};

static int mon_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mon_ctx *m = data;
	const struct genlmsghdr *gh = mnl_nlmsg_get_payload(nlh);
	char evbuf[16];
	const char *ev;
	struct tsa s;
	uint8_t e;

	if (nlh->nlmsg_type != m->family_id ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*gh)) ||
	    gh->cmd != PSAC_CMD_TARGET_SA_NTF)
		return MNL_CB_OK;
	if (psac_get_u8(psac_find_attr(nlh, PSAC_A_EVENT), &e) ||
	    parse_tsa(psac_find_attr(nlh, PSAC_A_TARGET_SA), &s)) {
		psac_warn("target monitor: ignoring a malformed notification");
		return MNL_CB_OK;
	}
	ev = event_name(e);
	if (!ev) {
		snprintf(evbuf, sizeof(evbuf), "event-%u", e);
		ev = evbuf;
	}
	if (psac_opts.json) {
		struct psac_json j;

		psac_json_init(&j, stdout, psac_opts.pretty);
		tsa_json(&j, &s, ev);
	} else {
		printf("%s peer %s spi-in 0x%08x spi-out 0x%08x\n", ev, s.peer,
		       s.spi_in, s.spi_out);
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

	if (psac_monitor_opts("target", help_target, argc, argv, &count, &timeout_s,
			      &ret))
		return ret;
	ret = psac_open_family(&g, "target monitor");
	if (ret)
		return ret;
	m.family_id = g.family_id;
	m.seen = 0;
	ret = psac_genl_monitor(&g, "target monitor", PSAC_MCGRP_TARGET, count, timeout_s, mon_cb,
				&m, &m.seen);
	psac_genl_close(&g);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* Dispatch                                                                */
/* ---------------------------------------------------------------------- */

static int cmd_psk(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "add", psk_add },
		{ "del", psk_del },
		{ "delete", psk_del },
		{ "list", psk_list },
		{ "show", psk_list },
	};

	return psac_dispatch("target", help_target, t, PSAC_ARRAY_LEN(t), argc,
			     argv, psk_list, "psk");
}

static int cmd_config(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "show", config_show },
		{ "set", config_set },
	};

	return psac_dispatch("target", help_target, t, PSAC_ARRAY_LEN(t), argc,
			     argv, config_show, "config");
}

static int cmd_sa(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "list", sa_list },
		{ "show", sa_list },
		{ "del", sa_del },
		{ "delete", sa_del },
	};

	return psac_dispatch("target", help_target, t, PSAC_ARRAY_LEN(t), argc,
			     argv, sa_list, "sa");
}

int cmd_target(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "psk", cmd_psk },
		{ "config", cmd_config },
		{ "sa", cmd_sa },
		{ "stats", stats },
		{ "monitor", monitor },
	};

	return psac_dispatch("target", help_target, t, PSAC_ARRAY_LEN(t), argc,
			     argv, sa_list, "target");
}
