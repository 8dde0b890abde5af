// SPDX-License-Identifier: GPL-2.0
/*
 * mh - send and receive Mobility Header (RFC 6275) and ICMPv6 messages over
 * raw sockets, for the psac SPD selftests.
 *
 *   mh send SRC DST TYPE          one 24-octet MH message of TYPE
 *   mh recv TIMEOUT_S             print "mh type N from ADDR" per message
 *   mh icmp6 SRC DST TYPE [CODE]  one ICMPv6 message of TYPE/CODE
 *   mh icmp6-recv TIMEOUT_S TYPE  print "icmp6 type N from ADDR" for TYPE
 *
 * The kernel computes the MH checksum (raw IPPROTO_MH sockets checksum at
 * offset 4) and the ICMPv6 checksum.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/icmp6.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define IPPROTO_MH_ 135

static int sock_bound(int proto, const char *src)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6 };
	int fd = socket(AF_INET6, SOCK_RAW, proto);

	if (fd < 0)
		return perror("socket"), -1;
	if (src) {
		if (inet_pton(AF_INET6, src, &a.sin6_addr) != 1 ||
		    bind(fd, (void *)&a, sizeof(a)))
			return perror("bind"), -1;
	}
	return fd;
}

static int send_to(int fd, const char *dst, const void *buf, size_t len)
{
	struct sockaddr_in6 d = { .sin6_family = AF_INET6 };

	if (inet_pton(AF_INET6, dst, &d.sin6_addr) != 1)
		return fprintf(stderr, "mh: bad address %s\n", dst), 1;
	if (sendto(fd, buf, len, 0, (void *)&d, sizeof(d)) < 0)
		return perror("sendto"), 1;
	return 0;
}

static int recv_loop(int fd, int timeout, int icmp_type)
{
	struct sockaddr_in6 from;
	char addr[INET6_ADDRSTRLEN];
	unsigned char buf[2048];
	time_t end = time(NULL) + timeout;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n = 0;

	while (time(NULL) < end) {
		socklen_t fl = sizeof(from);
		ssize_t r;

		if (poll(&p, 1, 200) != 1)
			continue;
		r = recvfrom(fd, buf, sizeof(buf), 0, (void *)&from, &fl);
		if (r < 1)
			continue;
		inet_ntop(AF_INET6, &from.sin6_addr, addr, sizeof(addr));
		if (icmp_type < 0 && r >= 3)
			printf("mh type %u from %s\n", buf[2], addr);
		else if (icmp_type >= 0 && buf[0] == icmp_type)
			printf("icmp6 type %u from %s\n", buf[0], addr);
		else
			continue;
		fflush(stdout);
		n++;
	}
	return n ? 0 : 1;
}

int main(int argc, char **argv)
{
	/* RFC 6275 fixed message data length per MH type 0..7 */
	static const unsigned char body[] = { 2, 10, 10, 18, 18, 6, 6, 18 };
	unsigned char m[24] = { 0 };
	unsigned int type, pad;
	int fd;

	if (argc == 5 && !strcmp(argv[1], "send")) {
		fd = sock_bound(IPPROTO_MH_, argv[2]);
		if (fd < 0)
			return 1;
		type = (unsigned int)atoi(argv[4]);
		m[0] = IPPROTO_NONE;	/* payload proto 59 */
		m[1] = 2;		/* (24 / 8) - 1 */
		m[2] = (unsigned char)type;
		/* message data zero, then a PadN option up to 24 octets */
		pad = 24 - 6 - (type < sizeof(body) ? body[type] : 18);
		if (pad >= 2) {
			m[24 - pad] = 1;
			m[24 - pad + 1] = (unsigned char)(pad - 2);
		}
		return send_to(fd, argv[3], m, sizeof(m));
	}
	if (argc == 3 && !strcmp(argv[1], "recv")) {
		fd = sock_bound(IPPROTO_MH_, NULL);
		return fd < 0 ? 1 : recv_loop(fd, atoi(argv[2]), -1);
	}
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "icmp6")) {
		fd = sock_bound(IPPROTO_ICMPV6, argv[2]);
		if (fd < 0)
			return 1;
		m[0] = (unsigned char)atoi(argv[4]);
		m[1] = argc == 6 ? (unsigned char)atoi(argv[5]) : 0;
		return send_to(fd, argv[3], m, 8);
	}
	if (argc == 4 && !strcmp(argv[1], "icmp6-recv")) {
		fd = sock_bound(IPPROTO_ICMPV6, NULL);
		return fd < 0 ? 1 : recv_loop(fd, atoi(argv[2]), atoi(argv[3]));
	}
	fprintf(stderr, "usage: mh send SRC DST TYPE | mh recv TIMEOUT\n"
			"       mh icmp6 SRC DST TYPE [CODE] | mh icmp6-recv TIMEOUT TYPE\n");
	return 2;
}
