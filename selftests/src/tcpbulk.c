// SPDX-License-Identifier: GPL-2.0
/*
 * tcpbulk - bulk TCP transfer with a verifiable pattern, for selftests.
 *
 *   tcpbulk recv PORT BYTES [TIMEOUT_S]   accept one connection, read and
 *                                         check BYTES octets, print "ok N"
 *   tcpbulk send ADDR PORT BYTES [PAUSE_MS]  connect and send BYTES octets
 *                                         (PAUSE_MS between 16 KiB chunks)
 *
 * Octet i of the stream is (i * 7 + i / 251) & 0xff.  Exit status 0 only
 * if every octet arrived intact.
 *
 * SIGTERM or SIGINT aborts the connection (SO_LINGER 0: a reset, and the
 * socket is gone at once).  A plain close would leave an orphan socket
 * retransmitting its FIN and unsent data for minutes when the path is
 * gone (a test removed the devices under traffic), and the orphan holds
 * its network namespace alive.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t conn_fd = -1;

static void on_term(int sig)
{
	struct linger l = { .l_onoff = 1, .l_linger = 0 };

	(void)sig;
	if (conn_fd >= 0) {
		setsockopt(conn_fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
		close(conn_fd);
	}
	_exit(1);
}

static unsigned char pat(unsigned long long i)
{
	return (unsigned char)((i * 7 + i / 251) & 0xff);
}

static int do_recv(int port, unsigned long long bytes, int timeout)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6,
				  .sin6_port = htons((unsigned short)port) };
	unsigned long long got = 0;
	unsigned char buf[65536];
	int fd, c, one = 1, zero = 0;
	struct pollfd p;

	fd = socket(AF_INET6, SOCK_STREAM, 0);
	if (fd < 0)
		return perror("socket"), 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	if (bind(fd, (void *)&a, sizeof(a)) || listen(fd, 1))
		return perror("bind/listen"), 1;
	p.fd = fd;
	p.events = POLLIN;
	if (poll(&p, 1, timeout * 1000) != 1)
		return fprintf(stderr, "tcpbulk: no connection\n"), 1;
	c = accept(fd, NULL, NULL);
	if (c < 0)
		return perror("accept"), 1;
	conn_fd = c;
	while (got < bytes) {
		ssize_t n, i;

		p.fd = c;
		if (poll(&p, 1, timeout * 1000) != 1) {
			fprintf(stderr, "tcpbulk: stalled at %llu\n", got);
			return 1;
		}
		n = read(c, buf, sizeof(buf));
		if (n <= 0) {
			fprintf(stderr, "tcpbulk: EOF at %llu\n", got);
			return 1;
		}
		for (i = 0; i < n; i++)
			if (buf[i] != pat(got + (unsigned long long)i)) {
				fprintf(stderr, "tcpbulk: corrupt at %llu\n",
					got + (unsigned long long)i);
				return 1;
			}
		got += (unsigned long long)n;
	}
	printf("ok %llu\n", got);
	close(c);
	close(fd);
	return 0;
}

static int do_send(const char *addr, int port, unsigned long long bytes,
		   int pause_ms)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6,
				   .sin6_port = htons((unsigned short)port) };
	struct sockaddr_in a4 = { .sin_family = AF_INET,
				  .sin_port = htons((unsigned short)port) };
	int v6 = inet_pton(AF_INET6, addr, &a6.sin6_addr) == 1, fd;
	unsigned long long sent = 0, i;
	unsigned char buf[16384];

	if (!v6 && inet_pton(AF_INET, addr, &a4.sin_addr) != 1)
		return fprintf(stderr, "tcpbulk: bad address\n"), 2;
	/* the receiver may still be starting: retry for 5 s */
	for (i = 0;; i++) {
		struct timespec ts = { 0, 100000000L };

		fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			return perror("socket"), 1;
		conn_fd = fd;
		if (!(v6 ? connect(fd, (void *)&a6, sizeof(a6)) :
			   connect(fd, (void *)&a4, sizeof(a4))))
			break;
		if (errno != ECONNREFUSED || i == 50)
			return perror("connect"), 1;
		conn_fd = -1;
		close(fd);
		nanosleep(&ts, NULL);
	}
	while (sent < bytes) {
		size_t n = bytes - sent < sizeof(buf) ? bytes - sent :
							 sizeof(buf);
		ssize_t w;

		for (i = 0; i < n; i++)
			buf[i] = pat(sent + i);
		w = write(fd, buf, n);
		if (w <= 0)
			return perror("write"), 1;
		sent += (unsigned long long)w;
		if (pause_ms) {
			struct timespec ts = { pause_ms / 1000,
					       (pause_ms % 1000) * 1000000L };

			nanosleep(&ts, NULL);
		}
	}
	shutdown(fd, SHUT_WR);
	/* wait for the peer to close: everything was read */
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_term };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (argc >= 4 && !strcmp(argv[1], "recv"))
		return do_recv(atoi(argv[2]), strtoull(argv[3], NULL, 0),
			       argc > 4 ? atoi(argv[4]) : 30);
	if (argc >= 5 && !strcmp(argv[1], "send"))
		return do_send(argv[2], atoi(argv[3]),
			       strtoull(argv[4], NULL, 0),
			       argc > 5 ? atoi(argv[5]) : 0);
	fprintf(stderr, "usage: tcpbulk recv PORT BYTES [TIMEOUT_S] | send ADDR PORT BYTES [PAUSE_MS]\n");
	return 2;
}
