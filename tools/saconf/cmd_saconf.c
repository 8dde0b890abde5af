// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac saconf: build, inspect and send SACONFIGURATION messages.
 *
 * This is the provisioning server's side of docs/wire-format.md reduced to
 * what a test needs: write one authenticated SACONFIGURATION (with fresh
 * KEYMAT under the PSK) to a file, decode any PSAC message file, and send a
 * message file to a target server from UDP port 547, then print the
 * verified per-SA status of its SACONFIGURATION-REPLY.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "dhcp6msg.h"
#include "saconf_xchg.h"
#include "sa_opts.h"
#include "saconf.h"
#include "util.h"

void help_saconf(FILE *f)
{
	fputs(
"Usage: psac saconf build --psk-file FILE --key-id N -o FILE\n"
"                         [--keymat-out FILE] [--counter C] [--xid X]\n"
"                         [--realm STRING] [--duid HEX]\n"
"                         SA [--next-sa SA]...\n"
"       psac saconf show FILE [--psk-file FILE] [--x25519-key FILE]\n"
"                         [--show-keys]\n"
"       psac saconf send FILE --to ADDR[%IFNAME] [--port N] [--from ADDR]\n"
"                         [--sport N] [--dev IFNAME] [--wait-reply SECS]\n"
"                         [--retries N] [--psk-file FILE]\n"
"\n"
"SA := --peer ADDR --spi-in SPI --spi-out SPI [--proto esp|ah|udp|N]\n"
"      [--mode transport|tunnel|mnha-udp|N] [--encr ALG] [--bits N]\n"
"      [--integ ALG] [--ulp PROTO] [--sport N | --type N]\n"
"      [--dport N | --code N] [--lifetime SECS|infinite] [--keymat HEX]\n"
"\n"
"Testing tools for the target-server role: they play the DHCPv6 server's\n"
"part of PSAC (docs/wire-format.md) towards a target server.\n"
"\n"
"build  writes one SACONFIGURATION: SERVERID, an OPTION_SA per SA pair with\n"
"       fresh random KEYMAT protected under the PSK (Key-Prot-Alg 2,\n"
"       AES-256-GCM with a KEK from HKDF-SHA256), and OPTION_AUTH (delayed,\n"
"       HMAC-SHA256, RDM 0) over the whole message.  The message is written\n"
"       to -o FILE ('-' for standard output); the KEYMAT, split per\n"
"       direction, goes to --keymat-out FILE (mode 0600) as sh variable\n"
"       assignments for installing the requestor's side with ip-xfrm(8):\n"
"         PSAC_NSA  PSAC_XID  PSAC_SA<i>_{PEER,SPI_I2R,SPI_R2I,KEYMAT,\n"
"         KE_I2R,KA_I2R,KE_R2I,KA_R2I,XFRM_ENC,XFRM_AEAD,XFRM_ICV,\n"
"         XFRM_AUTH,XFRM_TRUNC,...}\n"
"       Options:\n"
"         --psk-file FILE  the PSK (16..64 octets), as hex text or raw octets\n"
"         --key-id N       Key-ID naming the PSK at the target\n"
"         --counter C      64-bit replay counter (default: the current time\n"
"                          in nanoseconds, so later messages count higher)\n"
"         --xid X          24-bit transaction-id (default: random)\n"
"         --realm STRING   OPTION_AUTH realm (default: empty)\n"
"         --duid HEX       SERVERID DUID (default: a DUID-EN of this host)\n"
"       SA options, applying to the current SA pair (--next-sa starts the\n"
"       next one, which inherits everything but addresses, SPIs and KEYMAT):\n"
"         --peer ADDR      the requestor's address (Peer-Address as the\n"
"                          target sees it)\n"
"         --spi-in SPI     SPI-I2R: requestor -> target (target's inbound)\n"
"         --spi-out SPI    SPI-R2I: target -> requestor (target's outbound)\n"
"         --proto P        esp (default), ah, udp (MN-HA) or a number\n"
"         --mode M         transport (default), tunnel, mnha-udp or a number\n"
"         --encr ALG       aes-gcm-16 (default), aes-cbc, chacha20-poly1305,\n"
"                          3des, null, or an IKEv2 transform ID\n"
"         --bits N         encryption key bits (default 128 for AES, 256\n"
"                          for ChaCha20, 192 for 3DES, 0 for NULL)\n"
"         --integ ALG      none (AEAD), hmac-sha2-256-128 (default without\n"
"                          AEAD), hmac-sha1-96, aes-xcbc-96, or an ID\n"
"         --ulp PROTO      any (default), tcp, udp, icmpv6, mh or a number\n"
"         --sport N        source port, ICMPv6 type or MH type (--type)\n"
"         --dport N        destination port or ICMPv6 code (--code)\n"
"         --lifetime S     seconds, 'infinite' (default); 0 deletes the pair\n"
"         --keymat HEX     this KEYMAT instead of random octets (any length:\n"
"                          lets a test provoke the target's checks)\n"
"       An MN-HA SA (RFC 6618, docs/wire-format.md) is --mode mnha-udp:\n"
"       --peer is the mobile node's home address, --spi-in the 28-bit SPI\n"
"       (--spi-out defaults to it), --sport the home agent's MN-HA port\n"
"       (default 7872), --proto defaults to udp; --encr/--bits/--integ\n"
"       name the suite (aes-gcm-16 128|256 with integ none, aes-cbc 128,\n"
"       3des or null with hmac-sha1-96 or aes-xcbc-96) and KEYMAT is\n"
"       mn-to-ha ekey|ikey|ha-to-mn ekey|ikey (KE_I2R, KA_I2R, KE_R2I,\n"
"       KA_R2I in --keymat-out).\n"
"\n"
"show   decodes a PSAC message file (SACONFIGURATION, SACONFIGURATION-REPLY,\n"
"       Information-Request/Request with SA_REQUEST, Reply with SA_LIST).\n"
"       With --psk-file it verifies OPTION_AUTH; with --show-keys it also\n"
"       unwraps and prints KEYMAT (PSK copies with --psk-file, requestor\n"
"       copies with --x25519-key, the 32-octet private key).  Exit status 1\n"
"       if a verification or an unwrap fails.\n"
"\n"
"send   sends a message file over UDP/IPv6 from port 547 (--sport) to\n"
"       ADDR port 546 (--port).  With --wait-reply it waits up to SECS\n"
"       seconds for the SACONFIGURATION-REPLY with the same transaction-id,\n"
"       retransmitting every 2 s up to --retries times, verifies it with\n"
"       --psk-file and prints the status of the message and of every SA.\n"
"       Exit status: 0 all SAs accepted, 1 a failure status or a reply\n"
"       that does not verify, 3 no reply in time.  A link-local ADDR needs\n"
"       %IFNAME or --dev.  Binding port 547 needs root.\n"
"\n"
"Examples:\n"
"  psac saconf build --psk-file psk.hex --key-id 1 --counter 1 \\\n"
"       --peer 2001:db8::1 --spi-in 0x1000 --spi-out 0x2000 \\\n"
"       --encr aes-gcm-16 --bits 128 --ulp udp --dport 53 \\\n"
"       --keymat-out keys.env -o saconf.bin\n"
"  psac saconf show saconf.bin --psk-file psk.hex\n"
"  psac saconf send saconf.bin --to 2001:db8::53 --wait-reply 5 \\\n"
"       --psk-file psk.hex\n", f);
}

int psac_saconf_load_psk(const char *path, uint8_t *psk, size_t *len)
{
	long n = psac_read_key_file(path, psk, PSAC_PSK_MIN_LEN,
				    PSAC_PSK_MAX_LEN);

	if (n < 0) {
		if (n == -EMSGSIZE)
			psac_err("saconf: %s: a PSK has %d to %d octets", path,
				 PSAC_PSK_MIN_LEN, PSAC_PSK_MAX_LEN);
		else
			psac_err("saconf: %s: %s", path, strerror((int)-n));
		return -1;
	}
	*len = (size_t)n;
	return 0;
}

void psac_saconf_addr_str(const void *a, char *buf, size_t len)
{
	if (!inet_ntop(AF_INET6, a, buf, (socklen_t)len))
		snprintf(buf, len, "?");
}

int cmd_saconf(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "build", psac_saconf_build },
		{ "show", psac_saconf_show },
		{ "send", psac_saconf_send },
	};
	unsigned int i, found = 0, hits = 0;

	if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "--help")) {
		help_saconf(argc < 2 ? stderr : stdout);
		return argc < 2 ? PSAC_EXIT_FAIL : PSAC_EXIT_OK;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (!strcmp(argv[1], cmds[i].name)) {
			found = i;
			hits = 1;
			break;
		}
		if (psac_matches(argv[1], cmds[i].name)) {
			found = i;
			hits++;
		}
	}
	if (hits != 1)
		return usage_err("unknown or ambiguous command '%s'", argv[1]);
	optind = 0;
	return cmds[found].fn(argc - 1, argv + 1);
}
