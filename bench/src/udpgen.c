// SPDX-License-Identifier: GPL-2.0
/*
 * udpgen - the local traffic source of the transmit benchmark: --count UDP
 * datagrams whose IPv4 packets are --size octets, to --dst:--port, as fast
 * as sendmmsg() takes them (one connected socket, batches of BENCH_BATCH).
 *
 *   udpgen --dst A --size N --count N [--port N] [--cpu N]
 *
 * Prints "sent N secs S pps R" (S from the first to the last sendmmsg).
 * Datagrams refused with ENOBUFS/EAGAIN are retried, so N = --count.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench_common.h"

int main(int argc, char **argv)
{
	static const struct option o[] = {
		{ "dst", 1, NULL, 'd' }, { "size", 1, NULL, 'z' },
		{ "count", 1, NULL, 'c' }, { "port", 1, NULL, 'p' },
		{ "cpu", 1, NULL, 'C' }, { NULL, 0, NULL, 0 },
	};
	static uint8_t payload[BENCH_BATCH][2048];
	struct mmsghdr mm[BENCH_BATCH];
	struct iovec iov[BENCH_BATCH];
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(9000) };
	unsigned long count = 0, size = 0, sent = 0, k;
	int c, fd, cpu = -1;
	double t0, secs;

	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (inet_pton(AF_INET, optarg, &a.sin_addr) != 1)
				die("udpgen: bad --dst");
			break;
		case 'z': size = strtoul(optarg, NULL, 0); break;
		case 'c': count = strtoul(optarg, NULL, 0); break;
		case 'p': a.sin_port = htons((uint16_t)atoi(optarg)); break;
		case 'C': cpu = atoi(optarg); break;
		default: die("usage: see bench/src/udpgen.c");
		}
	}
	if (!a.sin_addr.s_addr || size < 32 || size > 1500 || !count)
		die("udpgen: --dst, --size (32..1500) and --count required");
	pin_cpu(cpu);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)))
		die("udpgen: socket/connect");
	memset(mm, 0, sizeof(mm));
	for (k = 0; k < BENCH_BATCH; k++) {
		iov[k].iov_base = payload[k];
		iov[k].iov_len = size - 28;
		mm[k].msg_hdr.msg_iov = &iov[k];
		mm[k].msg_hdr.msg_iovlen = 1;
	}
	t0 = now_s();
	while (sent < count) {
		unsigned long n = count - sent < BENCH_BATCH ? count - sent :
				  BENCH_BATCH;
		int r;

		for (k = 0; k < n; k++)
			put32(payload[k], (uint32_t)(sent + k + 1));
		r = sendmmsg(fd, mm, (unsigned int)n, 0);
		if (r < 0) {
			if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR)
				continue;
			die("udpgen: sendmmsg");
		}
		sent += (unsigned long)r;
	}
	secs = now_s() - t0;
	printf("sent %lu secs %.4f pps %.0f t0 %.6f\n", sent, secs,
	       secs > 0 ? sent / secs : 0, t0);
	return 0;
}
