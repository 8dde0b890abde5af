// SPDX-License-Identifier: GPL-2.0
/*
 * udecap - a user-space RFC 6618 MN-HA receiver (the design RFC 6618
 * section 4 says an implementation may use): one UDP socket read with
 * recvmmsg(), OpenSSL EVP for AES-128-GCM or AES-128-CBC + HMAC-SHA1-96,
 * a 64-packet replay window, and the inner packet written to a tun device.
 *
 *   udecap --tun NAME --suite gcm|cbc --spi N --ekey HEX [--ikey HEX]
 *          [--port N] [--cpu N] [--ready FILE]
 *
 * Creates tun NAME (IFF_TUN | IFF_NO_PI), then prints "ready" and serves
 * until SIGTERM/SIGINT, after which it prints
 *   udecap rx N ok N bad N
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <netinet/in.h>
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
		{ "ikey", 1, NULL, 'k' }, { "port", 1, NULL, 'p' },
		{ "cpu", 1, NULL, 'c' }, { "ready", 1, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	static struct bench_rx b;
	const char *tun = NULL, *suite = "gcm", *ready = NULL;
	uint8_t ekey[64] = { 0 }, ikey[64] = { 0 };
	unsigned long spi = 0, rx = 0, ok = 0, bad = 0;
	int port = 7872, cpu = -1, c, fd, tfd, k;
	struct sigaction sig = { .sa_handler = on_sig };
	struct ifreq ifr;
	struct bench_sa sa;

	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case 't': tun = optarg; break;
		case 's': suite = optarg; break;
		case 'i': spi = strtoul(optarg, NULL, 0); break;
		case 'e': hexkey(optarg, ekey, sizeof(ekey)); break;
		case 'k': hexkey(optarg, ikey, sizeof(ikey)); break;
		case 'p': port = atoi(optarg); break;
		case 'c': cpu = atoi(optarg); break;
		case 'r': ready = optarg; break;
		default: die("usage: see bench/src/udecap.c");
		}
	}
	if (!tun || !spi || strlen(tun) >= IFNAMSIZ)
		die("udecap: --tun and --spi required");
	pin_cpu(cpu);
	bench_sa_init(&sa, suite, 0, (uint32_t)spi, ekey, ikey);

	tfd = open("/dev/net/tun", O_RDWR);
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	strcpy(ifr.ifr_name, tun);
	if (tfd < 0 || ioctl(tfd, TUNSETIFF, &ifr))
		die("udecap: tun");
	sigaction(SIGTERM, &sig, NULL);
	sigaction(SIGINT, &sig, NULL);
	fd = bench_rx_open(&b, port, ready);
	while (!stop) {
		int r = recvmmsg(fd, b.mm, BENCH_BATCH, MSG_WAITFORONE, NULL);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			die("udecap: recvmmsg");
		}
		for (k = 0; k < r; k++) {
			uint8_t *inner;
			size_t n = bench_decap(&sa, b.buf[k], b.mm[k].msg_len,
					       &inner);

			rx++;
			if (!n || write(tfd, inner, n) != (ssize_t)n) {
				bad++;
				continue;
			}
			ok++;
		}
	}
	printf("udecap rx %lu ok %lu bad %lu\n", rx, ok, bad);
	return 0;
}
