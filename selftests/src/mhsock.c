// SPDX-License-Identifier: GPL-2.0
/*
 * mhsock - raw IPPROTO_MH socket for selftests (the kernel computes and
 * verifies the MH checksum of such sockets).
 *
 *   mhsock serve [TIMEOUT_S]       wait for a Binding Update, print
 *                                  "bu from ADDR seq N", answer with a
 *                                  Binding Acknowledgement
 *   mhsock bu HOA HA [TIMEOUT_S]   send a BU from HOA to HA, wait for the
 *                                  BA, print "ba from ADDR seq N"
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MH_BU 5
#define MH_BA 6

static int wait_mh(int fd, int type, int timeout, struct sockaddr_in6 *from,
		   unsigned char *mh)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	socklen_t fl;
	ssize_t n;

	for (;;) {
		if (poll(&p, 1, timeout * 1000) != 1)
			return fprintf(stderr, "mhsock: timeout\n"), -1;
		fl = sizeof(*from);
		n = recvfrom(fd, mh, 256, 0, (void *)from, &fl);
		if (n >= 8 && mh[2] == type)
			return (int)n;
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in6 from, a = { .sin6_family = AF_INET6 };
	unsigned char mh[256];
	char s[INET6_ADDRSTRLEN];
	int fd, n, timeout;

	fd = socket(AF_INET6, SOCK_RAW, 135);
	if (fd < 0)
		return perror("socket"), 1;
	if (argc >= 2 && !strcmp(argv[1], "serve")) {
		timeout = argc > 2 ? atoi(argv[2]) : 10;
		n = wait_mh(fd, MH_BU, timeout, &from, mh);
		if (n < 0)
			return 1;
		printf("bu from %s seq %u\n",
		       inet_ntop(AF_INET6, &from.sin6_addr, s, sizeof(s)),
		       mh[6] << 8 | mh[7]);
		fflush(stdout);
		/* BA: proto 59, len 1, type 6, reserved, checksum (the
		 * kernel's), status 0, flags 0, the BU's sequence number,
		 * lifetime, PadN(2)
		 */
		n = mh[6] << 8 | mh[7];
		memset(mh, 0, 16);
		mh[0] = 59;
		mh[1] = 1;
		mh[2] = MH_BA;
		mh[8] = (unsigned char)(n >> 8);
		mh[9] = (unsigned char)n;
		mh[11] = 0x10;
		mh[12] = 1;
		mh[13] = 2;
		if (sendto(fd, mh, 16, 0, (void *)&from, sizeof(from)) != 16)
			return perror("sendto"), 1;
		return 0;
	}
	if (argc >= 4 && !strcmp(argv[1], "bu")) {
		timeout = argc > 4 ? atoi(argv[4]) : 10;
		if (inet_pton(AF_INET6, argv[2], &a.sin6_addr) != 1 ||
		    bind(fd, (void *)&a, sizeof(a)))
			return perror("bind HoA"), 1;
		if (inet_pton(AF_INET6, argv[3], &a.sin6_addr) != 1)
			return fprintf(stderr, "bad HA\n"), 2;
		memset(mh, 0, 16);
		mh[0] = 59;
		mh[1] = 1;
		mh[2] = MH_BU;
		mh[6] = 0x12;		/* seq 0x1234 */
		mh[7] = 0x34;
		mh[8] = 0xc0;		/* A H */
		mh[11] = 0x10;
		mh[12] = 1;
		mh[13] = 2;
		if (sendto(fd, mh, 16, 0, (void *)&a, sizeof(a)) != 16)
			return perror("sendto"), 1;
		n = wait_mh(fd, MH_BA, timeout, &from, mh);
		if (n < 0)
			return 1;
		printf("ba from %s seq %u\n",
		       inet_ntop(AF_INET6, &from.sin6_addr, s, sizeof(s)),
		       mh[8] << 8 | mh[9]);
		return 0;
	}
	fprintf(stderr, "usage: mhsock serve [T] | bu HOA HA [T]\n");
	return 2;
}
