// SPDX-License-Identifier: GPL-2.0
/*
 * udp - tiny UDP/IPv6+IPv4 test helper for the psac selftests (busybox nc
 * has no UDP mode).
 *
 *   udp send ADDR PORT [SPORT]    send standard input as one datagram
 *   udp recv PORT [TIMEOUT_S]     print the first datagram received, exit 1
 *                                 on timeout (default 5 s)
 *   udp count PORT SECONDS        count datagrams for SECONDS, print the count
 *   udp flood ADDR PORT N MS      send N numbered datagrams, one every MS ms
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: udp send ADDR PORT [SPORT] <data\n"
			"       udp recv PORT [TIMEOUT_S]\n"
			"       udp count PORT SECONDS\n"
			"       udp flood ADDR PORT N MS\n");
	return 2;
}

static int do_send(const char *addr, int port, int sport)
{
	struct sockaddr_in6 d6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in d4 = { .sin_family = AF_INET };
	char buf[65536];
	size_t len = 0;
	ssize_t n;
	int fd, v6 = strchr(addr, ':') != NULL;

	while (len < sizeof(buf) &&
	       (n = read(0, buf + len, sizeof(buf) - len)) > 0)
		len += (size_t)n;
	fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return perror("socket"), 1;
	if (sport) {
		struct sockaddr_in6 s6 = { .sin6_family = AF_INET6,
					   .sin6_port = htons(sport) };
		struct sockaddr_in s4 = { .sin_family = AF_INET,
					  .sin_port = htons(sport) };

		if (v6 ? bind(fd, (void *)&s6, sizeof(s6)) :
			 bind(fd, (void *)&s4, sizeof(s4)))
			return perror("bind"), 1;
	}
	if (v6) {
		d6.sin6_port = htons(port);
		if (inet_pton(AF_INET6, addr, &d6.sin6_addr) != 1)
			return usage();
		n = sendto(fd, buf, len, 0, (void *)&d6, sizeof(d6));
	} else {
		d4.sin_port = htons(port);
		if (inet_pton(AF_INET, addr, &d4.sin_addr) != 1)
			return usage();
		n = sendto(fd, buf, len, 0, (void *)&d4, sizeof(d4));
	}
	if (n < 0)
		return perror("sendto"), 1;
	return 0;
}

static int do_recv(int port, int timeout)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6,
				  .sin6_port = htons(port),
				  .sin6_addr = IN6ADDR_ANY_INIT };
	struct pollfd p;
	char buf[65536];
	int off = 0, fd;
	ssize_t n;

	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (fd < 0)
		return perror("socket"), 1;
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off));
	if (bind(fd, (void *)&a, sizeof(a)))
		return perror("bind"), 1;
	p.fd = fd;
	p.events = POLLIN;
	if (poll(&p, 1, timeout * 1000) != 1)
		return fprintf(stderr, "udp: nothing received\n"), 1;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < 0)
		return perror("recv"), 1;
	fwrite(buf, 1, (size_t)n, stdout);
	return 0;
}

static int bind_any(int port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6,
				  .sin6_port = htons(port),
				  .sin6_addr = IN6ADDR_ANY_INIT };
	int off = 0, fd = socket(AF_INET6, SOCK_DGRAM, 0);

	if (fd < 0)
		return perror("socket"), -1;
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off));
	if (bind(fd, (void *)&a, sizeof(a)))
		return perror("bind"), -1;
	return fd;
}

static int do_count(int port, int secs)
{
	struct pollfd p = { .events = POLLIN };
	char buf[2048];
	long n = 0;
	int left = secs * 1000;

	p.fd = bind_any(port);
	if (p.fd < 0)
		return 1;
	printf("ready\n");
	fflush(stdout);
	while (left > 0) {
		if (poll(&p, 1, 100) == 1 && recv(p.fd, buf, sizeof(buf), 0) >= 0)
			n++;
		else
			left -= 100;
	}
	printf("%ld\n", n);
	return 0;
}

static int do_flood(const char *addr, int port, int count, int ms)
{
	struct sockaddr_in6 d = { .sin6_family = AF_INET6,
				  .sin6_port = htons(port) };
	char buf[32];
	int i, fd, fails = 0;

	if (inet_pton(AF_INET6, addr, &d.sin6_addr) != 1)
		return usage();
	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (fd < 0)
		return perror("socket"), 1;
	for (i = 0; i < count; i++) {
		int len = snprintf(buf, sizeof(buf), "seq %d", i);

		if (sendto(fd, buf, len, 0, (void *)&d, sizeof(d)) < 0)
			fails++;
		usleep(ms * 1000);
	}
	printf("sent %d, send errors %d\n", count - fails, fails);
	return fails ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "send"))
		return do_send(argv[2], atoi(argv[3]),
			       argc > 4 ? atoi(argv[4]) : 0);
	if (argc == 4 && !strcmp(argv[1], "count"))
		return do_count(atoi(argv[2]), atoi(argv[3]));
	if (argc == 6 && !strcmp(argv[1], "flood"))
		return do_flood(argv[2], atoi(argv[3]), atoi(argv[4]),
				atoi(argv[5]));
	if (argc >= 3 && !strcmp(argv[1], "recv"))
		return do_recv(atoi(argv[2]), argc > 3 ? atoi(argv[3]) : 5);
	return usage();
}
