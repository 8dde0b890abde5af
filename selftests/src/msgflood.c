// SPDX-License-Identifier: GPL-2.0
/*
 * msgflood - send one UDP payload many times, fast (sendmmsg), with a
 * per-message counter written into it so that no two messages are equal.
 *
 *   msgflood --to ADDR [--port N] [--sport N] --count N [--vary OFF]
 *            [--batch N] FILE
 *
 * FILE is the payload (e.g. a SACONFIGURATION from `psac saconf build`).
 * --vary OFF overwrites the 4 octets at OFF (negative: from the end) with
 * the message number, big-endian: aimed at the HMAC field it turns a
 * valid message into N distinct messages with a bad HMAC.  Prints
 * `sent N, errors E, seconds S.SSS, rate R/s` and exits 1 on any error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_BATCH	256
#define MAX_MSG		2048

static void usage(void)
{
	fputs("usage: msgflood --to ADDR [--port N] [--sport N] --count N [--vary OFF] [--batch N] FILE\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	static unsigned char bufs[MAX_BATCH][MAX_MSG];
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "port", required_argument, NULL, 'p' },
		{ "sport", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'c' },
		{ "vary", required_argument, NULL, 'v' },
		{ "batch", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	struct mmsghdr msgs[MAX_BATCH];
	struct iovec iov[MAX_BATCH];
	struct sockaddr_in6 dst = { .sin6_family = AF_INET6 };
	struct sockaddr_in6 src = { .sin6_family = AF_INET6 };
	unsigned long count = 0, sent = 0, errors = 0, i;
	long vary = 0;
	int have_vary = 0, batch = 64, fd, c;
	struct timespec t0, t1;
	unsigned char msg[MAX_MSG];
	const char *to = NULL;
	size_t len;
	double secs;
	FILE *f;

	dst.sin6_port = htons(546);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			to = optarg;
			break;
		case 'p':
			dst.sin6_port = htons(atoi(optarg));
			break;
		case 's':
			src.sin6_port = htons(atoi(optarg));
			break;
		case 'c':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'v':
			vary = strtol(optarg, NULL, 0);
			have_vary = 1;
			break;
		case 'b':
			batch = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	if (!to || !count || optind != argc - 1 || batch < 1 || batch > MAX_BATCH)
		usage();
	if (inet_pton(AF_INET6, to, &dst.sin6_addr) != 1) {
		fprintf(stderr, "msgflood: bad IPv6 address %s\n", to);
		return 2;
	}
	f = fopen(argv[optind], "rb");
	if (!f) {
		perror(argv[optind]);
		return 2;
	}
	len = fread(msg, 1, sizeof(msg), f);
	fclose(f);
	if (!len || len == sizeof(msg)) {
		fprintf(stderr, "msgflood: payload must be 1..%zu octets\n",
			sizeof(msg) - 1);
		return 2;
	}
	if (have_vary && vary < 0)
		vary += (long)len;
	if (have_vary && (vary < 0 || (size_t)vary + 4 > len)) {
		fprintf(stderr, "msgflood: --vary outside the payload\n");
		return 2;
	}

	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&src, sizeof(src))) {
		perror("msgflood: socket");
		return 1;
	}
	memset(msgs, 0, sizeof(msgs));
	for (c = 0; c < batch; c++) {
		memcpy(bufs[c], msg, len);
		iov[c].iov_base = bufs[c];
		iov[c].iov_len = len;
		msgs[c].msg_hdr.msg_iov = &iov[c];
		msgs[c].msg_hdr.msg_iovlen = 1;
		msgs[c].msg_hdr.msg_name = &dst;
		msgs[c].msg_hdr.msg_namelen = sizeof(dst);
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < count; ) {
		unsigned int n = count - i < (unsigned long)batch ?
				 count - i : (unsigned int)batch;
		unsigned int k;
		int r;

		for (k = 0; k < n && have_vary; k++) {
			unsigned long v = i + k;

			bufs[k][vary] = v >> 24;
			bufs[k][vary + 1] = v >> 16;
			bufs[k][vary + 2] = v >> 8;
			bufs[k][vary + 3] = v;
		}
		r = sendmmsg(fd, msgs, n, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS || errno == EAGAIN) {
				errors++;
				usleep(1000);
				continue;
			}
			perror("msgflood: sendmmsg");
			return 1;
		}
		/* a short count: resend the rest of the batch next round */
		sent += r;
		i += r;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("sent %lu, errors %lu, seconds %.3f, rate %.0f/s\n", sent,
	       errors, secs, secs > 0 ? sent / secs : 0.0);
	return errors ? 1 : 0;
}
