// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac target psk: pre-shared keys (add, del, list; never read back).
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
#include "genl_cmd.h"
#include "target.h"
#include "util.h"

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
		psac_wipe_free(tmp, size);
		return usage_err("psk add: --key is not hex (two digits per octet, optional 0x and ':' separators)");
	}
	if (n < PSAC_PSK_MIN_LEN || n > PSAC_PSK_MAX_LEN) {
		psac_wipe_free(tmp, size);
		psac_err("target psk add: --key has %ld octets; a PSK has %d to %d octets",
			 n, PSAC_PSK_MIN_LEN, PSAC_PSK_MAX_LEN);
		return PSAC_EXIT_FAIL;
	}
	memcpy(key, tmp, (size_t)n);
	*key_len = (size_t)n;
	psac_wipe_free(tmp, size);
	return PSAC_EXIT_OK;
}

int psac_tgt_psk_add(int argc, char **argv)
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

int psac_tgt_psk_del(int argc, char **argv)
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


static int psk_cb(const struct nlmsghdr *nlh, void *data)
{
	struct psac_json *jw = data;
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
		psac_json_obj_open(jw, NULL);
		psac_json_u64(jw, "key_id", key_id);
		if (realm[0])
			psac_json_str(jw, "realm", realm);
		if (have_rx)
			psac_json_u64(jw, "rx_counter", rx);
		if (have_tx)
			psac_json_u64(jw, "tx_counter", tx);
		psac_json_obj_close(jw);
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

int psac_tgt_psk_list(int argc, char **argv)
{
	int ret;

	if (!psac_tgt_no_args(argc, argv, "psk list", &ret))
		return ret;
	return psac_list_run(PSAC_CMD_PSK_GET, 0, 0, psk_cb, "target psk list");
}
