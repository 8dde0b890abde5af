// SPDX-License-Identifier: GPL-2.0
/*
 * sartt - provisioning benchmark helpers.
 *
 *   sartt send --to ADDR [--port 546] [--sport 547] [--timeout-ms N] FILE...
 *       sends each SACONFIGURATION message FILE over UDP/IPv6, one at a
 *       time, and waits for the reply with the same transaction-id before
 *       the next; prints one line per message ("rtt_us N") and then
 *       "msgs N replies N secs S p50_us N p99_us N".  The target sends its
 *       reply after installing the SAs, so the round trip bounds the time
 *       from arrival to a usable SA pair (plus two veth hops).
 *   sartt time CMD [ARG...]
 *       runs CMD and prints "secs S" (its wall-clock time) on stderr;
 *       exits with CMD's status.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_common.h"

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int cmd_send(int argc, char **argv)
{
	static const struct option o[] = {
		{ "to", 1, NULL, 't' }, { "port", 1, NULL, 'p' },
		{ "sport", 1, NULL, 's' }, { "timeout-ms", 1, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	struct sockaddr_in6 d = { .sin6_family = AF_INET6 };
	struct sockaddr_in6 s = { .sin6_family = AF_INET6 };
	int port = 546, sport = 547, tmo = 5000, c, fd, i, n, got = 0;
	uint8_t msg[65536], rep[65536];
	double *rtt, t0, start;

	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case 't':
			if (inet_pton(AF_INET6, optarg, &d.sin6_addr) != 1)
				die("bad --to");
			break;
		case 'p': port = atoi(optarg); break;
		case 's': sport = atoi(optarg); break;
		case 'w': tmo = atoi(optarg); break;
		default: die("usage: see bench/src/sartt.c");
		}
	}
	n = argc - optind;
	if (n < 1)
		die("send: message files required");
	d.sin6_port = htons((uint16_t)port);
	s.sin6_port = htons((uint16_t)sport);
	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&s, sizeof(s)))
		die("send: socket/bind");
	rtt = calloc((size_t)n, sizeof(*rtt));
	if (!rtt)
		die("out of memory");
	start = now_s();
	for (i = 0; i < n; i++) {
		FILE *f = fopen(argv[optind + i], "r");
		size_t len;
		int done = 0;

		if (!f)
			die("send: cannot open a message file");
		len = fread(msg, 1, sizeof(msg), f);
		fclose(f);
		if (len < 4)
			die("send: short message");
		t0 = now_s();
		if (sendto(fd, msg, len, 0, (struct sockaddr *)&d, sizeof(d)) !=
		    (ssize_t)len)
			die("send: sendto");
		while (!done) {
			struct pollfd p = { .fd = fd, .events = POLLIN };
			int left = tmo - (int)((now_s() - t0) * 1000);
			ssize_t r;

			if (left <= 0 || poll(&p, 1, left) <= 0)
				break;
			r = recv(fd, rep, sizeof(rep), 0);
			/* the reply carries the message's transaction-id */
			if (r >= 4 && !memcmp(rep + 1, msg + 1, 3))
				done = 1;
		}
		if (!done) {
			fprintf(stderr, "sartt: no reply to %s\n", argv[optind + i]);
			continue;
		}
		rtt[got++] = now_s() - t0;
	}
	t0 = now_s() - start;
	qsort(rtt, (size_t)got, sizeof(*rtt), cmp_d);
	printf("msgs %d replies %d secs %.4f p50_us %.0f p99_us %.0f\n", n, got,
	       t0, got ? rtt[got / 2] * 1e6 : 0.0,
	       got ? rtt[(got * 99) / 100 < got ? (got * 99) / 100 : got - 1] * 1e6 : 0.0);
	return got == n ? 0 : 1;
}

static int cmd_time(int argc, char **argv)
{
	double t0 = now_s();
	pid_t pid;
	int st;

	if (argc < 3)
		die("time: command required");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		die("waitpid");
	fprintf(stderr, "secs %.4f\n", now_s() - t0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "send"))
		return cmd_send(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "time"))
		return cmd_time(argc, argv);
	die("usage: sartt send|time ...");
	return 2;
}
