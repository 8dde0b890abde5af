// SPDX-License-Identifier: GPL-2.0
/*
 * uencap - a user-space RFC 6618 MN-HA sender, the transmit twin of udecap:
 * inner packets read from a tun device, encrypted with OpenSSL EVP
 * (AES-128-GCM or AES-128-CBC + HMAC-SHA1-96) and sent to the peer in UDP
 * (port 7872) with sendmmsg() in batches of up to BENCH_BATCH.
 *
 *   uencap --tun NAME --suite gcm|cbc --spi N --ekey HEX [--ikey HEX]
 *          --peer A [--port N] [--cpu N] [--ready FILE]
 *
 * Creates tun NAME (IFF_TUN | IFF_NO_PI), touches --ready, then serves
 * until SIGTERM/SIGINT, after which it prints "uencap tx N".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench_common.h"

static volatile sig_atomic_t stop;

static void on_sig(int s)
{
	(void)s;
	stop = 1;
}

int main(int argc, char **argv)
{
	static const struct option o[] = {
		{ "tun", 1, NULL, 't' }, { "suite", 1, NULL, 's' },
		{ "spi", 1, NULL, 'i' }, { "ekey", 1, NULL, 'e' },
		{ "ikey", 1, NULL, 'k' }, { "peer", 1, NULL, 'P' },
		{ "port", 1, NULL, 'p' }, { "cpu", 1, NULL, 'c' },
		{ "ready", 1, NULL, 'r' }, { NULL, 0, NULL, 0 },
	};
	static uint8_t in[2048], out[BENCH_BATCH][2048 + 64];
	struct sockaddr_in peer = { .sin_family = AF_INET, .sin_port = htons(7872) };
	struct sigaction sig = { .sa_handler = on_sig };
	struct mmsghdr mm[BENCH_BATCH];
	struct iovec iov[BENCH_BATCH];
	const char *tun = NULL, *suite = "gcm", *ready = NULL;
	uint8_t ekey[64] = { 0 }, ikey[64] = { 0 };
	unsigned long spi = 0, tx = 0;
	uint32_t seq = 0;
	int cpu = -1, c, fd, tfd, n;
	struct bench_sa sa;
	struct ifreq ifr;

	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case 't': tun = optarg; break;
		case 's': suite = optarg; break;
		case 'i': spi = strtoul(optarg, NULL, 0); break;
		case 'e': hexkey(optarg, ekey, sizeof(ekey)); break;
		case 'k': hexkey(optarg, ikey, sizeof(ikey)); break;
		case 'P':
			if (inet_pton(AF_INET, optarg, &peer.sin_addr) != 1)
				die("uencap: bad --peer");
			break;
		case 'p': peer.sin_port = htons((uint16_t)atoi(optarg)); break;
		case 'c': cpu = atoi(optarg); break;
		case 'r': ready = optarg; break;
		default: die("usage: see bench/src/uencap.c");
		}
	}
	if (!tun || !spi || !peer.sin_addr.s_addr || strlen(tun) >= IFNAMSIZ)
		die("uencap: --tun, --spi and --peer required");
	pin_cpu(cpu);
	bench_sa_init(&sa, suite, 0, (uint32_t)spi, ekey, ikey);
	tfd = open("/dev/net/tun", O_RDWR | O_NONBLOCK);
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	strcpy(ifr.ifr_name, tun);
	if (tfd < 0 || ioctl(tfd, TUNSETIFF, &ifr))
		die("uencap: tun");
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)	/* unconnected: ICMP errors do not fail the sends */
		die("uencap: socket");
	memset(mm, 0, sizeof(mm));
	for (n = 0; n < BENCH_BATCH; n++) {
		iov[n].iov_base = out[n];
		mm[n].msg_hdr.msg_iov = &iov[n];
		mm[n].msg_hdr.msg_iovlen = 1;
		mm[n].msg_hdr.msg_name = &peer;
		mm[n].msg_hdr.msg_namelen = sizeof(peer);
	}
	sigaction(SIGTERM, &sig, NULL);
	sigaction(SIGINT, &sig, NULL);
	if (ready) {
		FILE *f = fopen(ready, "w");

		if (f)
			fclose(f);
	}
	while (!stop) {
		struct pollfd p = { .fd = tfd, .events = POLLIN };

		/* read what the tun holds (up to a batch), then send it */
		for (n = 0; n < BENCH_BATCH; n++) {
			ssize_t r = read(tfd, in, sizeof(in));

			if (r <= 0)
				break;
			if ((in[0] >> 4) != 4) {	/* IPv4 only (no ND noise) */
				n--;
				continue;
			}
			iov[n].iov_len = bench_encap(&sa, ++seq, in, (size_t)r,
						     out[n]);
		}
		if (n) {
			int s = 0;

			while (s < n) {
				int r = sendmmsg(fd, mm + s, (unsigned int)(n - s), 0);

				if (r < 0) {
					if (errno == ENOBUFS || errno == EAGAIN ||
					    errno == ECONNREFUSED)
						continue;
					if (errno == EINTR && stop)
						break;
					die("uencap: sendmmsg");
				}
				s += r;
			}
			tx += (unsigned long)s;
			continue;
		}
		if (poll(&p, 1, 200) < 0 && errno != EINTR)
			die("uencap: poll");
	}
	printf("uencap tx %lu\n", tx);
	return 0;
}
