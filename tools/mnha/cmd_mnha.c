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
#include "mnha.h"
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

/* binary in6_addr or in_addr attribute as text; "" when absent */
int psac_mha_get_addr(const struct nlattr *a, char *buf, size_t len)
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
int psac_mha_dev_index(const char *dev, uint32_t *ifindex, const char *what)
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

void psac_mha_dev_name(uint32_t ifindex, const struct nlattr *ifname,
		       char *buf)
{
	if (ifname && mnl_attr_validate(ifname, MNL_TYPE_NUL_STRING) == 0) {
		snprintf(buf, IF_NAMESIZE, "%s", mnl_attr_get_str(ifname));
		return;
	}
	if (!ifindex || !if_indextoname(ifindex, buf))
		snprintf(buf, IF_NAMESIZE, "if%u", ifindex);
}

const char *psac_mha_suite_name(uint16_t id, char *buf, size_t len)
{
	const struct psac_mnha_suite *s = psac_mnha_suite_get(id);

	if (s)
		return s->name;
	snprintf(buf, len, "0x%04x", id);
	return buf;
}

static int cmd_dev(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "set", psac_mha_dev_set },
		{ "show", psac_mha_dev_show },
		{ "list", psac_mha_dev_show },
	};

	return psac_dispatch("mnha", help_mnha, t, PSAC_ARRAY_LEN(t), argc,
			     argv, psac_mha_dev_show, "dev");
}

static int cmd_sa(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "add", psac_mha_sa_add },
		{ "del", psac_mha_sa_del },
		{ "delete", psac_mha_sa_del },
		{ "list", psac_mha_sa_list },
		{ "show", psac_mha_sa_list },
	};

	return psac_dispatch("mnha", help_mnha, t, PSAC_ARRAY_LEN(t), argc,
			     argv, psac_mha_sa_list, "sa");
}

int cmd_mnha(int argc, char **argv)
{
	static const struct psac_subcmd t[] = {
		{ "dev", cmd_dev },
		{ "sa", cmd_sa },
		{ "monitor", psac_mha_monitor },
	};

	return psac_dispatch("mnha", help_mnha, t, PSAC_ARRAY_LEN(t), argc,
			     argv, psac_mha_sa_list, "mnha");
}
