// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * A minimal user-space stand-in for the kernel target server, for the CLI
 * tests of 'psac saconf send': receive one SACONFIGURATION, verify it,
 * unwrap every SA, write the KEYMATs, answer with a SACONFIGURATION-REPLY.
 *
 *   fake_target --port P --psk-file F [--bind ADDR] [--ready FILE]
 *               [--keymat-out FILE] [--status CODE] [--drop N]
 *               [--timeout SECS] [--counter C] [--unsigned]
 *
 * --unsigned answers AuthFailed without OPTION_AUTH, as the kernel does for
 * a Key-ID it does not know.
 * --counter is the replay counter of the reply (default 1): a second run
 * against the same server needs a higher one.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "crypto.h"
#include "dhcp6msg.h"
#include "util.h"

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "bind", required_argument, NULL, 'b' },
		{ "psk-file", required_argument, NULL, 'k' },
		{ "ready", required_argument, NULL, 'r' },
		{ "keymat-out", required_argument, NULL, 'o' },
		{ "status", required_argument, NULL, 's' },
		{ "drop", required_argument, NULL, 'd' },
		{ "timeout", required_argument, NULL, 't' },
		{ "counter", required_argument, NULL, 'c' },
		{ "unsigned", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	static const uint8_t clientid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0x53, 1 };
	const char *bind_addr = "::1", *psk_file = NULL, *ready = NULL,
		   *kout = NULL;
	uint16_t port = 0, forced = 0;
	uint32_t drop = 0, timeout_s = 10;
	unsigned long long counter = 1;
	int unsigned_reply = 0;
	int have_forced = 0, c, fd, one = 1;
	uint8_t psk[64], buf[65536], rep[65536];
	struct psac_sa_result res[PSAC_MSG_MAX_SA];
	struct sockaddr_in6 sa, from;
	socklen_t flen;
	struct psac_msg m;
	struct psac_auth_key key;
	const char *why;
	long psk_len;
	ssize_t n;
	size_t rlen;
	FILE *ko = NULL;
	uint16_t top = 0;
	unsigned int i;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p': port = (uint16_t)atoi(optarg); break;
		case 'b': bind_addr = optarg; break;
		case 'k': psk_file = optarg; break;
		case 'r': ready = optarg; break;
		case 'o': kout = optarg; break;
		case 's': forced = (uint16_t)atoi(optarg); have_forced = 1; break;
		case 'd': drop = (uint32_t)atoi(optarg); break;
		case 't': timeout_s = (uint32_t)atoi(optarg); break;
		case 'c': counter = strtoull(optarg, NULL, 0); break;
		case 'u': unsigned_reply = 1; break;
		default: return 2;
		}
	}
	if (!port || !psk_file)
		return 2;
	psk_len = psac_read_key_file(psk_file, psk, 16, 64);
	if (psk_len < 0)
		return 2;

	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin6_family = AF_INET6;
	sa.sin6_port = htons(port);
	inet_pton(AF_INET6, bind_addr, &sa.sin6_addr);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("fake_target: bind");
		return 2;
	}
	if (ready) {
		FILE *f = fopen(ready, "w");

		if (f)
			fclose(f);
	}

	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };

		if (poll(&pfd, 1, (int)timeout_s * 1000) <= 0) {
			fprintf(stderr, "fake_target: timeout\n");
			return 3;
		}
		flen = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			     &flen);
		if (n < 0)
			return 2;
		if (drop) {
			drop--;
			printf("dropped one datagram\n");
			continue;
		}
		break;
	}

	if (psac_msg_parse(buf, (size_t)n, &m, &why) ||
	    psac_msg_check(&m, &why)) {
		printf("malformed: %s\n", why);
		return 1;
	}
	if (psac_msg_verify(buf, (size_t)n, &m, psk, (size_t)psk_len)) {
		printf("auth failed\n");
		top = PSAC_STATUS_AUTH_FAILED;
	}
	if (kout)
		ko = fopen(kout, "w");
	for (i = 0; i < m.n_sa; i++) {
		uint8_t km[PSAC_KEYMAT_MAX];
		size_t kl, k;

		res[i].p = m.sa[i].p;
		res[i].msg = NULL;
		res[i].status = top;
		if (!top && psac_sa_unwrap_psk(&m, i, psk, (size_t)psk_len,
					       km, sizeof(km), &kl)) {
			res[i].status = PSAC_STATUS_KEY_PROT_FAILED;
		} else if (!top && ko) {
			fprintf(ko, "sa%u 0x", i);
			for (k = 0; k < kl; k++)
				fprintf(ko, "%02x", km[k]);
			fputc('\n', ko);
		}
		if (have_forced)
			res[i].status = forced;
		if (res[i].status && !top)
			top = res[i].status;
		printf("sa %u spi-i2r 0x%08x status %u\n", i,
		       m.sa[i].p.spi_i2r, res[i].status);
	}
	if (ko)
		fclose(ko);

	if (unsigned_reply) {
		struct psac_wbuf w;

		psac_wbuf_init(&w, rep, sizeof(rep));
		psac_wbuf_hdr(&w, PSAC_DHCP6_MSG_SACONFIG_REPLY, m.xid);
		psac_wbuf_opt(&w, PSAC_DHCP6_OPT_SERVERID, m.serverid,
			     m.serverid_len);
		psac_wbuf_opt(&w, PSAC_DHCP6_OPT_CLIENTID, clientid,
			     sizeof(clientid));
		psac_wbuf_status(&w, PSAC_STATUS_AUTH_FAILED, "unknown Key-ID");
		if (sendto(fd, rep, w.len, 0, (struct sockaddr *)&from,
			   flen) < 0)
			return 2;
		printf("replied unsigned AuthFailed\n");
		return 0;
	}
	key.key_id = m.auth.key_id;
	key.psk = psk;
	key.psk_len = (size_t)psk_len;
	key.realm = m.auth.realm;
	key.realm_len = m.auth.realm_len;
	if (psac_build_saconfig_reply(rep, sizeof(rep), &rlen, m.xid,
				      m.serverid, m.serverid_len, clientid,
				      sizeof(clientid), top,
				      top ? "failed" : "all SAs installed",
				      res, m.n_sa, &key, counter))
		return 2;
	if (sendto(fd, rep, rlen, 0, (struct sockaddr *)&from, flen) < 0) {
		perror("fake_target: sendto");
		return 2;
	}
	printf("replied status %u\n", top);
	return 0;
}
