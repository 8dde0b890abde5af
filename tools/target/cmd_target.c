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
#include "target.h"
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

/* No argument after the command word, or a request for help. */
int psac_tgt_no_args(int argc, char **argv, const char *what, int *ret)
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

int psac_tgt_get_in6(const struct nlattr *a, char *buf, size_t len)
{
	if (!a || mnl_attr_get_payload_len(a) != 16 ||
	    !inet_ntop(AF_INET6, mnl_attr_get_payload(a), buf,
		       (socklen_t)len)) {
		snprintf(buf, len, "?");
		return -1;
	}
	return 0;
}

static int cmd_psk(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "add", psac_tgt_psk_add },
		{ "del", psac_tgt_psk_del },
		{ "delete", psac_tgt_psk_del },
		{ "list", psac_tgt_psk_list },
		{ "show", psac_tgt_psk_list },
	};

	return psac_dispatch("target", help_target, t, PSAC_ARRAY_LEN(t), argc,
			     argv, psac_tgt_psk_list, "psk");
}

static int cmd_config(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "show", psac_tgt_config_show },
		{ "set", psac_tgt_config_set },
	};

	return psac_dispatch("target", help_target, t, PSAC_ARRAY_LEN(t), argc,
			     argv, psac_tgt_config_show, "config");
}

static int cmd_sa(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "list", psac_tgt_sa_list },
		{ "show", psac_tgt_sa_list },
		{ "del", psac_tgt_sa_del },
		{ "delete", psac_tgt_sa_del },
	};

	return psac_dispatch("target", help_target, t, PSAC_ARRAY_LEN(t), argc,
			     argv, psac_tgt_sa_list, "sa");
}

int cmd_target(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "psk", cmd_psk },
		{ "config", cmd_config },
		{ "sa", cmd_sa },
		{ "stats", psac_tgt_stats },
		{ "monitor", psac_tgt_monitor },
	};

	return psac_dispatch("target", help_target, t, PSAC_ARRAY_LEN(t), argc,
			     argv, psac_tgt_sa_list, "target");
}
