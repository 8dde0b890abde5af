// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Tests of 'psac target' (cmd_target.c) without the kernel module: the
 * generic netlink calls are replaced at link time (-Wl,--wrap) by a fake
 * that records each request and answers with messages shaped like those of
 * kmod/target/nl.c.  Checks the requests against the kernel's policies
 * (commands, flags, nests, attribute types) and the text and JSON output
 * byte for byte; the real round trip runs in the VM selftests.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <linux/psac.h>

#include "../cmds.h"
#include "genl.h"
#include "util.h"
#include "fake_genl.h"

static int fake_k;		/* monitor: index of the next event */

/* Pair 0: AES-GCM-16/128 UDP 53, infinite; pair 1: AES-CBC/256 with
 * HMAC-SHA2-256-128, MH type 5, tunnel, 3600 s with 3599 left. */
static void put_pair(struct nlmsghdr *nlh, int i)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, PSAC_A_TARGET_SA);

	fake_put_addr(nlh, PSAC_TSA_A_PEER, AF_INET6,
		      i ? "2001:db8::2" : "2001:db8::1");
	fake_put_addr(nlh, PSAC_TSA_A_LOCAL, AF_INET6, "2001:db8::53");
	fake_put_addr(nlh, PSAC_TSA_A_SERVER, AF_INET6, "2001:db8::547");
	mnl_attr_put_u32(nlh, PSAC_TSA_A_KEY_ID, 7);
	mnl_attr_put_u32(nlh, PSAC_TSA_A_SPI_IN, 0x1000 + i);
	mnl_attr_put_u32(nlh, PSAC_TSA_A_SPI_OUT, 0xc0002000 + i);
	mnl_attr_put_u8(nlh, PSAC_TSA_A_PROTO, 50);
	mnl_attr_put_u8(nlh, PSAC_TSA_A_MODE, i ? 2 : 1);
	mnl_attr_put_u16(nlh, PSAC_TSA_A_ENCR_ALG, i ? 12 : 20);
	mnl_attr_put_u16(nlh, PSAC_TSA_A_ENCR_KEY_BITS, i ? 256 : 128);
	mnl_attr_put_u16(nlh, PSAC_TSA_A_INTEG_ALG, i ? 12 : 0);
	mnl_attr_put_u8(nlh, PSAC_TSA_A_ULP, i ? 135 : 17);
	mnl_attr_put_u16(nlh, PSAC_TSA_A_SPORT, i ? 5 : 0);
	mnl_attr_put_u16(nlh, PSAC_TSA_A_DPORT, i ? 0 : 53);
	mnl_attr_put_u32(nlh, PSAC_TSA_A_LIFETIME, i ? 3600 : 0xffffffffU);
	if (i)
		mnl_attr_put_u64(nlh, PSAC_TSA_A_EXPIRES, 3599);
	mnl_attr_nest_end(nlh, n);
}

static void answer(uint8_t cmd, psac_genl_cb cb, void *data)
{
	struct nlmsghdr *nlh;
	struct nlattr *n;
	int i;

	switch (cmd) {
	case PSAC_CMD_PSK_GET:
		for (i = 0; i < 2; i++) {
			nlh = fake_reply(cmd);
			n = mnl_attr_nest_start(nlh, PSAC_A_PSK);
			mnl_attr_put_u32(nlh, PSAC_PSK_A_KEY_ID, 7 + i);
			if (!i)
				mnl_attr_put(nlh, PSAC_PSK_A_REALM, 3, "lab");
			mnl_attr_put_u64(nlh, PSAC_PSK_A_RX_COUNTER, i ? 0 : 100);
			mnl_attr_put_u64(nlh, PSAC_PSK_A_TX_COUNTER, i ? 0 : 5);
			mnl_attr_nest_end(nlh, n);
			cb(nlh, data);
		}
		break;
	case PSAC_CMD_TARGET_CONFIG_GET:
		nlh = fake_reply(cmd);
		n = mnl_attr_nest_start(nlh, PSAC_A_TARGET_CONFIG);
		mnl_attr_put_u8(nlh, PSAC_TCFG_A_ENABLED, 1);
		mnl_attr_put_u16(nlh, PSAC_TCFG_A_PORT, 546);
		mnl_attr_put_u8(nlh, PSAC_TCFG_A_MSG_SACONFIG, 240);
		mnl_attr_put_u8(nlh, PSAC_TCFG_A_MSG_SACONFIG_REPLY, 241);
		mnl_attr_put_u16(nlh, PSAC_TCFG_A_OPT_SA, 65283);
		mnl_attr_put_u16(nlh, PSAC_TCFG_A_OPT_SA_LIST, 65284);
		mnl_attr_nest_end(nlh, n);
		cb(nlh, data);
		break;
	case PSAC_CMD_TARGET_SA_GET:
		for (i = 0; i < 2; i++) {
			nlh = fake_reply(cmd);
			put_pair(nlh, i);
			cb(nlh, data);
		}
		break;
	case PSAC_CMD_TARGET_STATS_GET:
		nlh = fake_reply(cmd);
		n = mnl_attr_nest_start(nlh, PSAC_A_TARGET_STATS);
		for (i = PSAC_TSTAT_A_RX; i <= PSAC_TSTAT_A_DROPPED; i++)
			mnl_attr_put_u64(nlh, i, (uint64_t)i * 10);
		mnl_attr_nest_end(nlh, n);
		cb(nlh, data);
		break;
	}
}

int __wrap_psac_genl_talk(struct psac_genl *g, struct nlmsghdr *req,
			  psac_genl_cb cb, void *data)
{
	const struct genlmsghdr *gh = mnl_nlmsg_get_payload(req);

	if (fake_record(g, req))
		return fake_err;
	if (cb)
		answer(gh->cmd, cb, data);
	return 0;
}

int __wrap_psac_genl_recv_events(struct psac_genl *g, int timeout_ms,
				 psac_genl_cb cb, void *data)
{
	struct nlmsghdr *nlh;

	(void)g;
	if (!fake_events) {
		fake_idle(timeout_ms);
		return 0;
	}
	fake_events--;
	/* something else on the socket first: must be ignored */
	nlh = fake_reply(PSAC_CMD_MNHA_PEER_NTF);
	cb(nlh, data);
	nlh = fake_reply(PSAC_CMD_TARGET_SA_NTF);
	mnl_attr_put_u8(nlh, PSAC_A_EVENT,
			(uint8_t)(PSAC_EVENT_INSTALLED + fake_k));
	put_pair(nlh, fake_k & 1);
	fake_k++;
	cb(nlh, data);
	return 2;
}

/* ---------------------------------------------------------------------- */
/* Running a command                                                       */
/* ---------------------------------------------------------------------- */

/* "psac [-j] target ARGS..." with stdout and stderr captured */
static void run(int json, const char *args)
{
	fake_run(cmd_target, "target", json, args);
}

/* The one top-level attribute (a nest with NLA_F_NESTED) of the request. */
static const struct nlattr *req_nest(int type)
{
	const struct nlattr *a, *found = NULL;
	int n = 0;

	mnl_attr_for_each(a, req(), sizeof(struct genlmsghdr)) {
		n++;
		if (mnl_attr_get_type(a) == type &&
		    (a->nla_type & NLA_F_NESTED))
			found = a;
	}
	return n == 1 ? found : NULL;
}

/* ---------------------------------------------------------------------- */

static const char K16[] = "000102030405060708090a0b0c0d0e0f";

static void test_requests(void)
{
	static const uint8_t key16[16] = {
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	};
	const struct nlattr *n;
	uint8_t key64[64];
	char args[512];
	int i;

	snprintf(args, sizeof(args), "psk add 7 --key %s --realm lab", K16);
	run(0, args);
	n = req_nest(PSAC_A_PSK);
	tap_ok(rc == 0 && req_cmd() == PSAC_CMD_PSK_ADD && nest_count(n) == 3 &&
	       n_u32(n, PSAC_PSK_A_KEY_ID, 7) &&
	       n_bin(n, PSAC_PSK_A_KEY, key16, 16) &&
	       n_bin(n, PSAC_PSK_A_REALM, "lab", 3),
	       "psk add: PSK_ADD with PSK{KEY_ID u32, KEY 16 octets, REALM}");
	tap_ok((req()->nlmsg_flags & (NLM_F_REPLACE | NLM_F_EXCL |
				      NLM_F_CREATE | NLM_F_APPEND)) == 0,
	       "psk add: none of the ambiguous NLM_F_ flags the family refuses");

	for (i = 0; i < 64; i++)
		key64[i] = (uint8_t)(0xc0 + i);
	strcpy(args, "psk add 4294967295 --replace --key 0x");
	for (i = 0; i < 64; i++)
		snprintf(args + strlen(args), 4, "%02x%s", key64[i],
			 i < 63 ? ":" : "");
	run(0, args);
	n = req_nest(PSAC_A_PSK);
	tap_ok(rc == 0 && nest_count(n) == 3 &&
	       n_u32(n, PSAC_PSK_A_KEY_ID, 0xffffffffU) &&
	       n_bin(n, PSAC_PSK_A_KEY, key64, 64) &&
	       n_bin(n, PSAC_PSK_A_REPLACE, "", 0) &&
	       (req()->nlmsg_flags & (NLM_F_REPLACE | NLM_F_EXCL)) == 0,
	       "psk add --replace with a 64-octet 0x..:.. key: REPLACE flag attribute, no realm");
	/* NLM_F_REPLACE | NLM_F_EXCL would read as NLM_F_DUMP */
	tap_ok((req()->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP,
	       "psk add is never mistaken for a dump");

	run(0, "psk add 7 --key 000102030405060708090a0b0c0d0e");
	tap_ok(rc == 1 && n_talk == 0 && strstr(err, "a PSK has 16 to 64 octets"),
	       "psk add with 15 octets: exit 1, no request");

	run(0, "psk del 9");
	n = req_nest(PSAC_A_PSK);
	tap_ok(rc == 0 && req_cmd() == PSAC_CMD_PSK_DEL && nest_count(n) == 1 &&
	       n_u32(n, PSAC_PSK_A_KEY_ID, 9),
	       "psk del: PSK_DEL with PSK{KEY_ID}");

	run(0, "sa del 0xc0001000");
	n = req_nest(PSAC_A_TARGET_SA);
	tap_ok(rc == 0 && req_cmd() == PSAC_CMD_TARGET_SA_DEL &&
	       nest_count(n) == 1 && n_u32(n, PSAC_TSA_A_SPI_IN, 0xc0001000),
	       "sa del 0x...: TARGET_SA_DEL with TARGET_SA{SPI_IN u32}");
	run(0, "sa d 0100");
	n = req_nest(PSAC_A_TARGET_SA);
	tap_ok(rc == 0 && n_u32(n, PSAC_TSA_A_SPI_IN, 100),
	       "sa d 0100: decimal (not octal) SPI 100");

	run(0, "config set disable port 547 msg-saconfig 200 msg-saconfig-reply 201 opt-sa 1000 opt-sa-list 1001");
	n = req_nest(PSAC_A_TARGET_CONFIG);
	tap_ok(rc == 0 && req_cmd() == PSAC_CMD_TARGET_CONFIG_SET &&
	       nest_count(n) == 6 && n_u8(n, PSAC_TCFG_A_ENABLED, 0) &&
	       n_u16(n, PSAC_TCFG_A_PORT, 547) &&
	       n_u8(n, PSAC_TCFG_A_MSG_SACONFIG, 200) &&
	       n_u8(n, PSAC_TCFG_A_MSG_SACONFIG_REPLY, 201) &&
	       n_u16(n, PSAC_TCFG_A_OPT_SA, 1000) &&
	       n_u16(n, PSAC_TCFG_A_OPT_SA_LIST, 1001),
	       "config set (all): TARGET_CONFIG_SET with u8/u16 attributes");
	run(0, "conf set en");
	n = req_nest(PSAC_A_TARGET_CONFIG);
	tap_ok(rc == 0 && nest_count(n) == 1 &&
	       n_u8(n, PSAC_TCFG_A_ENABLED, 1),
	       "conf set en: only ENABLED 1");

	run(0, "psk list");
	tap_ok(req_cmd() == PSAC_CMD_PSK_GET &&
	       (req()->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP &&
	       req()->nlmsg_len == NLMSG_HDRLEN + GENL_HDRLEN,
	       "psk list: a PSK_GET dump without attributes");
	run(0, "");
	tap_ok(req_cmd() == PSAC_CMD_TARGET_SA_GET &&
	       (req()->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP,
	       "'psac target' alone: a TARGET_SA_GET dump");
	run(0, "stats");
	tap_ok(req_cmd() == PSAC_CMD_TARGET_STATS_GET &&
	       !(req()->nlmsg_flags & NLM_F_DUMP),
	       "stats: TARGET_STATS_GET doit");
	run(0, "config");
	tap_ok(req_cmd() == PSAC_CMD_TARGET_CONFIG_GET &&
	       !(req()->nlmsg_flags & NLM_F_DUMP),
	       "config: TARGET_CONFIG_GET doit");
}

static void test_output(void)
{
	static const char sa_text[] =
"peer 2001:db8::1 local 2001:db8::53 spi-in 0x00001000 spi-out 0xc0002000 proto esp mode transport encr aes-gcm-16/128 integ none ulp udp sport 0 dport 53 lifetime infinite expires never server 2001:db8::547 key-id 7\n"
"peer 2001:db8::2 local 2001:db8::53 spi-in 0x00001001 spi-out 0xc0002001 proto esp mode tunnel encr aes-cbc/256 integ hmac-sha2-256-128 ulp mh sport 5 dport 0 lifetime 3600 expires 3599 server 2001:db8::547 key-id 7\n";
	static const char sa_json[] =
"[{\"peer\":\"2001:db8::1\",\"local\":\"2001:db8::53\",\"spi_in\":4096,\"spi_out\":3221233664,"
"\"proto\":\"esp\",\"proto_num\":50,\"mode\":\"transport\",\"mode_num\":1,"
"\"encr\":\"aes-gcm-16/128\",\"encr_alg\":20,\"encr_key_bits\":128,"
"\"integ\":\"none\",\"integ_alg\":0,\"ulp\":\"udp\",\"ulp_num\":17,"
"\"sport\":0,\"dport\":53,\"lifetime\":null,\"expires\":null,"
"\"server\":\"2001:db8::547\",\"key_id\":7},"
"{\"peer\":\"2001:db8::2\",\"local\":\"2001:db8::53\",\"spi_in\":4097,\"spi_out\":3221233665,"
"\"proto\":\"esp\",\"proto_num\":50,\"mode\":\"tunnel\",\"mode_num\":2,"
"\"encr\":\"aes-cbc/256\",\"encr_alg\":12,\"encr_key_bits\":256,"
"\"integ\":\"hmac-sha2-256-128\",\"integ_alg\":12,\"ulp\":\"mh\",\"ulp_num\":135,"
"\"sport\":5,\"dport\":0,\"lifetime\":3600,\"expires\":3599,"
"\"server\":\"2001:db8::547\",\"key_id\":7}]\n";

	run(0, "sa list");
	check_out("sa list: one line per pair, every field", 0, sa_text);
	run(0, "sa");
	check_out("'psac target sa' alone lists the pairs", 0, sa_text);
	run(0, "");
	check_out("'psac target' alone lists the pairs", 0, sa_text);
	run(1, "sa list");
	check_out("-j sa list: an array of objects", 0, sa_json);

	run(0, "psk list");
	check_out("psk list: key-id, realm (only when set), counters", 0,
		  "key-id 7 realm lab rx-counter 100 tx-counter 5\n"
		  "key-id 8 rx-counter 0 tx-counter 0\n");
	run(1, "psk list");
	check_out("-j psk list", 0,
		  "[{\"key_id\":7,\"realm\":\"lab\",\"rx_counter\":100,\"tx_counter\":5},"
		  "{\"key_id\":8,\"rx_counter\":0,\"tx_counter\":0}]\n");

	run(0, "config");
	check_out("config: six lines", 0,
		  "enabled yes\nport 546\nmsg-saconfig 240\n"
		  "msg-saconfig-reply 241\nopt-sa 65283\nopt-sa-list 65284\n");
	run(1, "config show");
	check_out("-j config show", 0,
		  "{\"enabled\":true,\"port\":546,\"msg_saconfig\":240,"
		  "\"msg_saconfig_reply\":241,\"opt_sa\":65283,"
		  "\"opt_sa_list\":65284}\n");

	run(0, "stats");
	check_out("stats: twelve counters in order", 0,
		  "rx 20\ninstalled 30\ndeleted 40\nauth-fail 50\n"
		  "unknown-key 60\nreplay 70\nparse-error 80\nunwrap-fail 90\n"
		  "rejected 100\ninstall-fail 110\nreplies 120\ndropped 130\n");
	run(1, "stats");
	check_out("-j stats", 0,
		  "{\"rx\":20,\"installed\":30,\"deleted\":40,\"auth_fail\":50,"
		  "\"unknown_key\":60,\"replay\":70,\"parse_error\":80,"
		  "\"unwrap_fail\":90,\"rejected\":100,\"install_fail\":110,"
		  "\"replies\":120,\"dropped\":130}\n");
}

static void test_monitor(void)
{
	fake_events = 6;
	fake_k = 0;
	run(0, "monitor --count 6");
	check_out("monitor --count 6: one line per event, others ignored", 0,
		  "installed peer 2001:db8::1 spi-in 0x00001000 spi-out 0xc0002000\n"
		  "replaced peer 2001:db8::2 spi-in 0x00001001 spi-out 0xc0002001\n"
		  "deleted peer 2001:db8::1 spi-in 0x00001000 spi-out 0xc0002000\n"
		  "expired peer 2001:db8::2 spi-in 0x00001001 spi-out 0xc0002001\n"
		  "removed peer 2001:db8::1 spi-in 0x00001000 spi-out 0xc0002000\n"
		  "event-6 peer 2001:db8::2 spi-in 0x00001001 spi-out 0xc0002001\n");
	tap_ok(!strcmp(joined, PSAC_MCGRP_TARGET),
	       "monitor joins the multicast group \"%s\"", PSAC_MCGRP_TARGET);

	fake_events = 1;
	fake_k = 0;
	run(1, "mon --count 1");
	tap_ok(rc == 0 && !strncmp(out, "{\"event\":\"installed\",\"peer\":", 28) &&
	       strstr(out, "\"spi_in\":4096") && strchr(out, '\n') ==
	       out + strlen(out) - 1,
	       "-j monitor: one JSON object per line with the event");

	fake_events = 1;
	run(0, "monitor --count 2 --timeout 1");
	tap_ok(rc == PSAC_EXIT_TIMEOUT && strstr(err, "1 of 2 events within 1 s"),
	       "monitor --timeout before --count events: exit 3 (%d)", rc);
	fake_events = 0;
}

static void test_errors(void)
{
	fake_err = -EEXIST;
	run(0, "psk add 7 --key 000102030405060708090a0b0c0d0e0f");
	tap_ok(rc == 1 && strstr(err, "target psk add: File exists: fake refusal") &&
	       strstr(err, "add --replace"),
	       "a kernel refusal: exit 1 with strerror, extack and a hint");
	fake_err = -ENOENT;	/* from the command: the family exists */
	run(0, "sa del 1");
	tap_ok(rc == 1 && strstr(err, "No such file or directory: fake refusal") &&
	       !strstr(err, "not loaded"),
	       "ENOENT from a command is not 'module not loaded'");
	fake_err = -EPERM;
	run(1, "psk list");
	tap_ok(rc == 1 && strstr(err, "needs CAP_NET_ADMIN") &&
	       !strcmp(out, "[]\n"),
	       "EPERM: CAP_NET_ADMIN hint; -j still prints valid JSON");
	fake_err = 0;

	fake_absent = 1;
	run(0, "stats");
	tap_ok(rc == PSAC_EXIT_NOMODULE && strstr(err, "kernel module not loaded") &&
	       !out[0], "family absent: exit 2, nothing on stdout");
	fake_absent = 0;
}

int main(void)
{
	test_requests();
	test_output();
	test_monitor();
	test_errors();
	return tap_done();
}
