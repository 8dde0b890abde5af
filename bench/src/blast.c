// SPDX-License-Identifier: GPL-2.0
/*
 * blast - the one packet injector and the sink of the psac benchmarks.
 *
 *   blast gen  --fmt mnha|esp|plain [--suite gcm|cbc] [--spi N] [--ekey HEX]
 *              [--ikey HEX] --isrc A --idst A [--dport N] --size N
 *              --count N [--seq0 N] --out FILE
 *   blast send --ifname IF --dmac MAC --src A --dst A [--oport N]
 *              --in FILE [--cpu N] [--batch N] [--pcap FILE]
 *   blast sink --port N [--cpu N] [--idle-ms N] [--max-s N] [--ready FILE]
 *   blast espsock [--port N]      a UDP_ENCAP_ESPINUDP socket until killed
 *   blast rate SINK_OUT SEND_OUT   the run's end-to-end rate (below)
 *   blast verify --fmt mnha|esp --suite S --spi N --ekey HEX [--ikey HEX]
 *              --in FILE          self-check of a gen file (see cmd_verify)
 *
 * gen encrypts --count inner IPv4/UDP packets of --size octets (the whole
 * inner IP packet) from --isrc to --idst:--dport (default 9000) once,
 * with sequence numbers seq0..seq0+count-1 (--seq0, default 1; a later
 * batch for an SA that already saw the earlier ones), and writes the UDP payloads to FILE:
 * RFC 6618 MN-HA PType 1 (--fmt mnha), ESP tunnel mode for ESP-in-UDP
 * (--fmt esp), or the inner packet itself for a plain UDP baseline
 * (--fmt plain, no outer encapsulation: the frame carries the inner IP
 * packet).  Suites: gcm = AES-128-GCM-16 (key 16 octets + 4 salt), cbc =
 * AES-128-CBC + HMAC-SHA1-96 (keys 16 and 20 octets).
 *
 * send wraps each payload in Ethernet/IPv4/UDP (port --oport, checksum 0)
 * and transmits them all, once, over AF_PACKET with PACKET_QDISC_BYPASS
 * and sendmmsg(); the sender's crypto cost is paid in gen, not here.
 * --oport 0 makes the frames plain ESP (IPv4 protocol 50, no UDP).  With
 * --pcap the frames go to a pcap file instead (no --ifname needed).
 *
 * send prints "sent N secs S pps R t0 T" (T: CLOCK_MONOTONIC of its
 * first frame; bench/src/udpgen.c prints the same line).
 *
 * sink counts UDP datagrams with recvmmsg() and prints
 *   pkts N bytes N secs S pps R first F last L
 * where S runs from the first (F) to the last (L) datagram; it stops after
 * --idle-ms without a datagram (default 1500) or --max-s (default 120).
 *
 * rate reads those two lines and prints
 *   pkts N secs E pps R sink_secs S sink_pps R2
 * with E from the sender's first frame to the sink's last datagram, R =
 * N / E: what the whole path delivered per second.  The sink's own
 * first-to-last rate (R2) is kept for reference; it overstates the rate
 * when a receiver queues packets and hands them over in a burst (async
 * crypto, backlog), which the end-to-end figure cannot.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <linux/if_packet.h>
#include <linux/udp.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "bench_common.h"

#ifndef PACKET_QDISC_BYPASS
#define PACKET_QDISC_BYPASS 20
#endif
#ifndef UDP_ENCAP_ESPINUDP
#define UDP_ENCAP_ESPINUDP 2
#endif

static void gen_inner(uint8_t *p, size_t size, struct in_addr s,
		      struct in_addr d, uint16_t dport, uint32_t id)
{
	size_t i;

	memset(p, 0, size);
	p[0] = 0x45;
	put16(p + 2, (uint16_t)size);
	put16(p + 4, (uint16_t)id);
	p[8] = 64;
	p[9] = IPPROTO_UDP;
	memcpy(p + 12, &s, 4);
	memcpy(p + 16, &d, 4);
	put16(p + 10, ip_csum(p, 20));
	put16(p + 20, 9001);
	put16(p + 22, dport);
	put16(p + 24, (uint16_t)(size - 20));
	/* UDP checksum 0: none, as IPv4 allows */
	put32(p + 28, id);
	for (i = 32; i < size; i++)
		p[i] = (uint8_t)i;
}

static int cmd_gen(int argc, char **argv)
{
	static const struct option o[] = {
		{ "fmt", 1, NULL, 'f' }, { "suite", 1, NULL, 's' },
		{ "spi", 1, NULL, 'i' }, { "ekey", 1, NULL, 'e' },
		{ "ikey", 1, NULL, 'k' }, { "isrc", 1, NULL, 'S' },
		{ "idst", 1, NULL, 'D' }, { "dport", 1, NULL, 'p' },
		{ "size", 1, NULL, 'z' }, { "count", 1, NULL, 'c' },
		{ "out", 1, NULL, 'o' }, { "seq0", 1, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	const char *fmt = NULL, *suite = "gcm", *out = NULL;
	unsigned long spi = 0x100, count = 0, size = 0, seq0 = 1, n;
	uint8_t ekey[64] = { 0 }, ikey[64] = { 0 }, inner[2048], pkt[2048];
	struct in_addr is = { 0 }, id = { 0 };
	struct bench_sa sa;
	uint16_t dport = 9000;
	FILE *f;
	int c;
	double t0;

	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case 'f': fmt = optarg; break;
		case 's': suite = optarg; break;
		case 'i': spi = strtoul(optarg, NULL, 0); break;
		case 'e': hexkey(optarg, ekey, sizeof(ekey)); break;
		case 'k': hexkey(optarg, ikey, sizeof(ikey)); break;
		case 'S': if (inet_pton(AF_INET, optarg, &is) != 1) die("bad --isrc"); break;
		case 'D': if (inet_pton(AF_INET, optarg, &id) != 1) die("bad --idst"); break;
		case 'p': dport = (uint16_t)atoi(optarg); break;
		case 'z': size = strtoul(optarg, NULL, 0); break;
		case 'c': count = strtoul(optarg, NULL, 0); break;
		case 'o': out = optarg; break;
		case 'q': seq0 = strtoul(optarg, NULL, 0); break;
		default: die("usage: see bench/src/blast.c");
		}
	}
	if (!fmt || !out || size < 32 || size > 1500 || !count || !is.s_addr ||
	    !id.s_addr || !seq0 || seq0 + count - 1 > 0xffffffffUL)
		die("gen: --fmt, --isrc, --idst, --size (32..1500), --count, --out required");
	if (strcmp(fmt, "plain"))
		bench_sa_init(&sa, suite, !strcmp(fmt, "esp"), (uint32_t)spi,
			      ekey, ikey);
	f = fopen(out, "w");
	if (!f)
		die("gen: cannot open --out");
	t0 = now_s();
	for (n = seq0; n < seq0 + count; n++) {
		size_t len;
		uint16_t l16;

		gen_inner(inner, size, is, id, dport, (uint32_t)n);
		if (!strcmp(fmt, "plain")) {
			memcpy(pkt, inner, size);
			len = size;
		} else {
			len = bench_encap(&sa, (uint32_t)n, inner, size, pkt);
		}
		l16 = (uint16_t)len;
		if (fwrite(&l16, 2, 1, f) != 1 || fwrite(pkt, len, 1, f) != 1)
			die("gen: write failed");
	}
	if (fclose(f))
		die("gen: write failed");
	fprintf(stderr, "gen: %lu %s packets of %lu octets in %.2f s\n", count,
		fmt, size, now_s() - t0);
	return 0;
}

static void parse_mac(const char *s, uint8_t *m)
{
	unsigned int b[6];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != 6)
		die("bad MAC");
	for (i = 0; i < 6; i++)
		m[i] = (uint8_t)b[i];
}

/* Frames at buf + off[i] (the last one ends at @end) -> classic pcap. */
static int write_pcap(const char *path, const uint8_t *buf, const size_t *off,
		      size_t nf, size_t end)
{
	const uint32_t gh[6] = { 0xa1b2c3d4, 2 | 4 << 16, 0, 0, 65535, 1 };
	FILE *f = fopen(path, "w");
	size_t i;

	if (!f || fwrite(gh, sizeof(gh), 1, f) != 1)
		die("pcap: cannot write");
	for (i = 0; i < nf; i++) {
		uint32_t len = (uint32_t)((i + 1 < nf ? off[i + 1] : end) - off[i]);
		uint32_t rh[4] = { 1700000000 + (uint32_t)(i / 1000),
				   (uint32_t)(i % 1000) * 1000, len, len };

		if (fwrite(rh, sizeof(rh), 1, f) != 1 ||
		    fwrite(buf + off[i], len, 1, f) != 1)
			die("pcap: cannot write");
	}
	if (fclose(f))
		die("pcap: cannot write");
	printf("wrote %zu frames to %s\n", nf, path);
	return 0;
}

static int cmd_send(int argc, char **argv)
{
	static const struct option o[] = {
		{ "ifname", 1, NULL, 'I' }, { "dmac", 1, NULL, 'm' },
		{ "src", 1, NULL, 'S' }, { "dst", 1, NULL, 'D' },
		{ "oport", 1, NULL, 'p' }, { "in", 1, NULL, 'i' },
		{ "cpu", 1, NULL, 'c' }, { "batch", 1, NULL, 'b' },
		{ "pcap", 1, NULL, 'w' }, { NULL, 0, NULL, 0 },
	};
	const char *ifn = NULL, *in = NULL, *pcap = NULL;
	struct in_addr s = { 0 }, d = { 0 };
	uint8_t dmac[6] = { 0 }, *buf;
	int oport = -1, cpu = -1, batch = 64, c, fd, one = 1;
	size_t cap = 1 << 20, used = 0, nf = 0, i, sent = 0;
	struct sockaddr_ll ll = { .sll_family = AF_PACKET };
	struct mmsghdr *mm;
	struct iovec *iov;
	size_t *off;
	uint16_t l16;
	FILE *f;
	double t0, t1;

	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case 'I': ifn = optarg; break;
		case 'm': parse_mac(optarg, dmac); break;
		case 'S': if (inet_pton(AF_INET, optarg, &s) != 1) die("bad --src"); break;
		case 'D': if (inet_pton(AF_INET, optarg, &d) != 1) die("bad --dst"); break;
		case 'p': oport = atoi(optarg); break;
		case 'i': in = optarg; break;
		case 'c': cpu = atoi(optarg); break;
		case 'b': batch = atoi(optarg); break;
		case 'w': pcap = optarg; break;
		default: die("usage: see bench/src/blast.c");
		}
	}
	if ((!ifn && !pcap) || !in || batch < 1 || batch > 1024)
		die("send: --ifname, --dmac, --src, --dst, --in required");
	pin_cpu(cpu);
	f = fopen(in, "r");
	if (!f)
		die("send: cannot open --in");
	buf = malloc(cap);
	off = malloc(sizeof(*off) * (cap / 64));
	if (!buf || !off)
		die("out of memory");
	/* frames: Ethernet (14) + IPv4 (20) + [UDP (8)] + payload */
	while (fread(&l16, 2, 1, f) == 1) {
		size_t hl = 14 + (oport > 0 ? 28 : oport ? 0 : 20);
		size_t fl = hl + l16;
		uint8_t *p;

		if (used + fl > cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			off = realloc(off, sizeof(*off) * (cap / 64));
			if (!buf || !off)
				die("out of memory");
		}
		p = buf + used;
		if (fread(p + hl, l16, 1, f) != 1)
			die("send: short file");
		memcpy(p, dmac, 6);
		memcpy(p + 6, "\x02\x00\x00\x00\x00\x02", 6);
		put16(p + 12, ETHERTYPE_IP);
		if (oport < 0) {	/* plain: the payload is the IP packet */
			off[nf++] = used;
			used += fl;
			continue;
		}
		memset(p + 14, 0, 20);
		p[14] = 0x45;
		put16(p + 16, (uint16_t)(fl - 14));
		p[22] = 64;
		p[23] = oport ? IPPROTO_UDP : IPPROTO_ESP;
		memcpy(p + 26, &s, 4);
		memcpy(p + 30, &d, 4);
		put16(p + 24, ip_csum(p + 14, 20));
		if (!oport) {
			off[nf++] = used;
			used += fl;
			continue;
		}
		put16(p + 34, (uint16_t)oport);
		put16(p + 36, (uint16_t)oport);
		put16(p + 38, (uint16_t)(fl - 34));
		put16(p + 40, 0);
		off[nf++] = used;
		used += fl;
	}
	fclose(f);
	if (!nf)
		die("send: no packets");

	if (pcap)
		return write_pcap(pcap, buf, off, nf, used);
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0)
		die("send: AF_PACKET socket");
	if (setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)))
		die("send: PACKET_QDISC_BYPASS");
	ll.sll_ifindex = (int)if_nametoindex(ifn);
	ll.sll_protocol = htons(ETH_P_IP);
	if (!ll.sll_ifindex || bind(fd, (struct sockaddr *)&ll, sizeof(ll)))
		die("send: bind to --ifname");
	mm = calloc((size_t)batch, sizeof(*mm));
	iov = calloc((size_t)batch, sizeof(*iov));
	if (!mm || !iov)
		die("out of memory");
	t0 = now_s();
	for (i = 0; i < nf; i += (size_t)batch) {
		size_t k, n = nf - i < (size_t)batch ? nf - i : (size_t)batch;
		size_t done = 0;

		for (k = 0; k < n; k++) {
			size_t e = i + k + 1 < nf ? off[i + k + 1] : used;

			iov[k].iov_base = buf + off[i + k];
			iov[k].iov_len = e - off[i + k];
			mm[k].msg_hdr.msg_iov = &iov[k];
			mm[k].msg_hdr.msg_iovlen = 1;
		}
		while (done < n) {
			int r = sendmmsg(fd, mm + done, (unsigned int)(n - done), 0);

			if (r < 0) {
				if (errno == ENOBUFS || errno == EAGAIN) {
					sched_yield();
					continue;
				}
				die("send: sendmmsg");
			}
			done += (size_t)r;
		}
		sent += n;
	}
	t1 = now_s();
	printf("sent %zu secs %.3f pps %.0f t0 %.6f\n", sent, t1 - t0,
	       (double)sent / (t1 - t0), t0);
	return 0;
}

static int cmd_sink(int argc, char **argv)
{
	static const struct option o[] = {
		{ "port", 1, NULL, 'p' }, { "cpu", 1, NULL, 'c' },
		{ "idle-ms", 1, NULL, 'i' }, { "max-s", 1, NULL, 'm' },
		{ "ready", 1, NULL, 'r' }, { NULL, 0, NULL, 0 },
	};
	static struct bench_rx rx;
	int port = 9000, cpu = -1, idle = 1500, maxs = 120, c, fd, k;
	const char *ready = NULL;
	unsigned long long pkts = 0, bytes = 0;
	double first = 0, last = 0, start;

	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case 'p': port = atoi(optarg); break;
		case 'c': cpu = atoi(optarg); break;
		case 'i': idle = atoi(optarg); break;
		case 'm': maxs = atoi(optarg); break;
		case 'r': ready = optarg; break;
		default: die("usage: see bench/src/blast.c");
		}
	}
	pin_cpu(cpu);
	fd = bench_rx_open(&rx, port, ready);
	start = now_s();
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int r = poll(&p, 1, pkts ? idle : 1000);

		if (r < 0 && errno != EINTR)
			die("sink: poll");
		if (r <= 0) {
			if (pkts || now_s() - start > maxs)
				break;
			continue;
		}
		r = recvmmsg(fd, rx.mm, BENCH_BATCH, MSG_DONTWAIT, NULL);
		if (r <= 0)
			continue;
		last = now_s();
		if (!pkts)
			first = last;
		for (k = 0; k < r; k++)
			bytes += rx.mm[k].msg_len;
		pkts += (unsigned int)r;
		if (last - start > maxs)
			break;
	}
	printf("pkts %llu bytes %llu secs %.4f pps %.0f first %.6f last %.6f\n",
	       pkts, bytes, last - first,
	       pkts > 1 && last > first ? (double)(pkts - 1) / (last - first) : 0.0,
	       first, last);
	return 0;
}

/* The value after the word @key in the first line of @path, or -1. */
static double field_of(const char *path, const char *key)
{
	char line[512], *tok, *save = NULL;
	FILE *f = fopen(path, "r");
	double v = -1;

	if (!f)
		return -1;
	if (fgets(line, sizeof(line), f))
		for (tok = strtok_r(line, " \n", &save); tok;
		     tok = strtok_r(NULL, " \n", &save))
			if (!strcmp(tok, key)) {
				tok = strtok_r(NULL, " \n", &save);
				v = tok ? strtod(tok, NULL) : -1;
				break;
			}
	fclose(f);
	return v;
}

static int cmd_rate(int argc, char **argv)
{
	double pkts, spps, first, last, t0, e;

	if (argc != 3)
		die("usage: blast rate SINK_OUT SEND_OUT");
	pkts = field_of(argv[1], "pkts");
	spps = field_of(argv[1], "pps");
	first = field_of(argv[1], "first");
	last = field_of(argv[1], "last");
	t0 = field_of(argv[2], "t0");
	e = last - t0;
	if (pkts <= 0 || t0 <= 0 || e <= 0) {
		printf("pkts %.0f secs 0 pps 0 sink_secs 0 sink_pps 0\n",
		       pkts > 0 ? pkts : 0);
		return 0;
	}
	printf("pkts %.0f secs %.6f pps %.0f sink_secs %.6f sink_pps %.0f\n",
	       pkts, e, pkts / e, last - first, spps);
	return 0;
}

/*
 * Opens every payload of a gen file with the same SA (bench_decap) and
 * checks: each decrypts to an inner IPv4 packet of its own length whose
 * UDP payload starts with its sequence number; the same payload again is
 * a replay; one flipped ciphertext bit fails.  Ends with "N passed, N
 * failed".
 */
static int cmd_verify(int argc, char **argv)
{
	static const struct option o[] = {
		{ "fmt", 1, NULL, 'f' }, { "suite", 1, NULL, 's' },
		{ "spi", 1, NULL, 'i' }, { "ekey", 1, NULL, 'e' },
		{ "ikey", 1, NULL, 'k' }, { "in", 1, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *fmt = "mnha", *suite = "gcm", *in = NULL;
	uint8_t ekey[64] = { 0 }, ikey[64] = { 0 }, pkt[2048], copy[2048], *inner;
	unsigned long spi = 0x100, pass = 0, fail = 0, n = 0;
	struct bench_sa sa;
	uint16_t l16;
	FILE *f;
	int c;

	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case 'f': fmt = optarg; break;
		case 's': suite = optarg; break;
		case 'i': spi = strtoul(optarg, NULL, 0); break;
		case 'e': hexkey(optarg, ekey, sizeof(ekey)); break;
		case 'k': hexkey(optarg, ikey, sizeof(ikey)); break;
		case 'n': in = optarg; break;
		default: die("usage: see bench/src/blast.c");
		}
	}
	if (!in)
		die("verify: --in required");
	bench_sa_init(&sa, suite, !strcmp(fmt, "esp"), (uint32_t)spi, ekey, ikey);
	f = fopen(in, "r");
	if (!f)
		die("verify: cannot open --in");
	while (fread(&l16, 2, 1, f) == 1 && l16 <= sizeof(pkt) &&
	       fread(pkt, l16, 1, f) == 1) {
		size_t len;

		n++;
		memcpy(copy, pkt, l16);
		len = bench_decap(&sa, pkt, l16, &inner);
		if (len >= 32 && (size_t)(inner[2] << 8 | inner[3]) == len &&
		    get32(inner + 28) == n)
			pass++;
		else
			fail++;
		/* a replay of it, then (first packet only) a forgery */
		if (bench_decap(&sa, copy, l16, &inner))
			fail++;
		else
			pass++;
		if (n == 1) {
			copy[l16 - 20] ^= 1;
			sa.top = 0;
			sa.bitmap = 0;
			if (bench_decap(&sa, copy, l16, &inner))
				fail++;
			else
				pass++;
			sa.top = 1;
			sa.bitmap = 1;
		}
	}
	fclose(f);
	printf("verify: %lu packets\n%lu passed, %lu failed\n", n, pass, fail);
	return fail || !n;
}

static int cmd_espsock(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_DGRAM, 0), t = UDP_ENCAP_ESPINUDP;

	a.sin_port = htons(argc > 2 ? (uint16_t)atoi(argv[2]) : 4500);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    setsockopt(fd, IPPROTO_UDP, UDP_ENCAP, &t, sizeof(t)))
		die("espsock: socket/bind/UDP_ENCAP");
	for (;;)
		pause();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		die("usage: blast gen|send|sink|espsock|verify ...");
	signal(SIGPIPE, SIG_IGN);
	if (!strcmp(argv[1], "gen"))
		return cmd_gen(argc - 1, argv + 1);
	if (!strcmp(argv[1], "send"))
		return cmd_send(argc - 1, argv + 1);
	if (!strcmp(argv[1], "sink"))
		return cmd_sink(argc - 1, argv + 1);
	if (!strcmp(argv[1], "espsock"))
		return cmd_espsock(argc, argv);
	if (!strcmp(argv[1], "rate"))
		return cmd_rate(argc - 1, argv + 1);
	if (!strcmp(argv[1], "verify"))
		return cmd_verify(argc - 1, argv + 1);
	die("usage: blast gen|send|sink|espsock|verify ...");
	return 2;
}
