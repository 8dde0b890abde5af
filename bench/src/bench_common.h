/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the benchmark programs: byte helpers and one SA (AES-128-GCM or
 * AES-128-CBC + HMAC-SHA1-96) that builds and opens RFC 6618 MN-HA PType 1
 * or RFC 4303 ESP tunnel-mode payloads with OpenSSL.  The two formats differ
 * only in the first word: MN-HA has PType (4 bits) + SPI (28 bits), ESP a
 * 32-bit SPI; both then carry the sequence number, IV, ciphertext of
 * inner | padding | pad length | next header, and the ICV.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <netinet/in.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

static inline void die(const char *m)
{
	fprintf(stderr, "bench: %s\n", m);
	exit(2);
}

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint16_t ip_csum(const uint8_t *p, size_t len)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static inline size_t hexkey(const char *s, uint8_t *out, size_t max)
{
	size_t n = strlen(s), i;
	unsigned int b;

	if (n % 2 || n / 2 > max)
		die("bad hex key");
	for (i = 0; i < n / 2; i++) {
		if (sscanf(s + 2 * i, "%2x", &b) != 1)
			die("bad hex key");
		out[i] = (uint8_t)b;
	}
	return n / 2;
}

static inline double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static inline void pin_cpu(int cpu)
{
	cpu_set_t set;

	if (cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity");
}

#define BENCH_BATCH 64

/* A UDP socket on @port read with recvmmsg() into BENCH_BATCH buffers. */
struct bench_rx {
	struct mmsghdr mm[BENCH_BATCH];
	struct iovec iov[BENCH_BATCH];
	uint8_t buf[BENCH_BATCH][2048];
};

/* Returns the bound socket; creates the file @ready (if set) once bound. */
static inline int bench_rx_open(struct bench_rx *r, int port, const char *ready)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_DGRAM, 0), rcvbuf = 4 << 20, k;

	a.sin_port = htons((uint16_t)port);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)))
		die("UDP socket bind");
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	memset(r->mm, 0, sizeof(r->mm));
	for (k = 0; k < BENCH_BATCH; k++) {
		r->iov[k].iov_base = r->buf[k];
		r->iov[k].iov_len = sizeof(r->buf[k]);
		r->mm[k].msg_hdr.msg_iov = &r->iov[k];
		r->mm[k].msg_hdr.msg_iovlen = 1;
	}
	if (ready) {
		FILE *f = fopen(ready, "w");

		if (f)
			fclose(f);
	}
	return fd;
}

struct bench_sa {
	int gcm;		/* else CBC + HMAC-SHA1-96 */
	int esp;		/* else MN-HA PType 1 */
	uint32_t spi;
	uint8_t key[16], salt[4], ikey[20];
	EVP_CIPHER_CTX *enc, *dec;
	EVP_MAC_CTX *mac;
	uint64_t top, bitmap;	/* replay window (64) for bench_decap */
};

/* ekey: 20 octets for GCM (key + salt), 16 for CBC; ikey: 20 (CBC). */
static inline void bench_sa_init(struct bench_sa *sa, const char *suite,
				 int esp, uint32_t spi, const uint8_t *ekey,
				 const uint8_t *ikey)
{
	const EVP_CIPHER *c;

	memset(sa, 0, sizeof(*sa));
	if (!strcmp(suite, "gcm"))
		sa->gcm = 1;
	else if (strcmp(suite, "cbc"))
		die("suite: gcm or cbc");
	sa->esp = esp;
	sa->spi = spi;
	memcpy(sa->key, ekey, 16);
	memcpy(sa->salt, ekey + 16, 4);
	memcpy(sa->ikey, ikey, 20);
	c = sa->gcm ? EVP_aes_128_gcm() : EVP_aes_128_cbc();
	sa->enc = EVP_CIPHER_CTX_new();
	sa->dec = EVP_CIPHER_CTX_new();
	if (!sa->enc || !sa->dec ||
	    !EVP_EncryptInit_ex(sa->enc, c, NULL, sa->key, NULL) ||
	    !EVP_DecryptInit_ex(sa->dec, c, NULL, sa->key, NULL))
		die("EVP init");
	if (!sa->gcm) {
		EVP_MAC *m = EVP_MAC_fetch(NULL, "HMAC", NULL);
		OSSL_PARAM p[2] = {
			OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
							 (char *)"SHA1", 0),
			OSSL_PARAM_construct_end(),
		};

		sa->mac = m ? EVP_MAC_CTX_new(m) : NULL;
		if (!sa->mac || !EVP_MAC_init(sa->mac, sa->ikey, 20, p))
			die("HMAC init");
		EVP_MAC_free(m);
		EVP_CIPHER_CTX_set_padding(sa->enc, 0);
		EVP_CIPHER_CTX_set_padding(sa->dec, 0);
	}
}

static inline size_t bench_ivlen(const struct bench_sa *sa)
{
	return sa->gcm ? 8 : 16;
}

static inline size_t bench_icvlen(const struct bench_sa *sa)
{
	return sa->gcm ? 16 : 12;
}

static inline void bench_hmac(struct bench_sa *sa, const uint8_t *p,
			      size_t len, uint8_t *out)
{
	uint8_t md[20];
	size_t ml;

	if (!EVP_MAC_init(sa->mac, NULL, 0, NULL) ||
	    !EVP_MAC_update(sa->mac, p, len) ||
	    !EVP_MAC_final(sa->mac, md, &ml, sizeof(md)))
		die("HMAC");
	memcpy(out, md, 12);
}

/* Inner IPv4 packet -> payload (header, IV, ciphertext, ICV); returns its
 * length.  @out needs inner length + 64 octets.
 */
static inline size_t bench_encap(struct bench_sa *sa, uint32_t seq,
				 const uint8_t *in, size_t ilen, uint8_t *out)
{
	size_t ivl = bench_ivlen(sa), blk = sa->gcm ? 4 : 16, pad, plen, i;
	uint8_t *iv = out + 8, *ct = out + 8 + ivl, nonce[12];
	int l;

	put32(out, sa->esp ? sa->spi : (1u << 28 | (sa->spi & 0x0fffffff)));
	put32(out + 4, seq);
	memset(iv, 0, ivl);
	put32(iv + ivl - 4, seq);	/* unique per packet */
	pad = (blk - (ilen + 2) % blk) % blk;
	memcpy(ct, in, ilen);
	for (i = 0; i < pad; i++)
		ct[ilen + i] = (uint8_t)(i + 1);
	ct[ilen + pad] = (uint8_t)pad;
	ct[ilen + pad + 1] = 4;		/* IPv4 */
	plen = ilen + pad + 2;
	if (sa->gcm) {
		memcpy(nonce, sa->salt, 4);
		memcpy(nonce + 4, iv, 8);
		if (!EVP_EncryptInit_ex(sa->enc, NULL, NULL, NULL, nonce) ||
		    !EVP_EncryptUpdate(sa->enc, NULL, &l, out, 8) ||
		    !EVP_EncryptUpdate(sa->enc, ct, &l, ct, (int)plen) ||
		    !EVP_EncryptFinal_ex(sa->enc, ct + l, &l) ||
		    !EVP_CIPHER_CTX_ctrl(sa->enc, EVP_CTRL_GCM_GET_TAG, 16,
					 ct + plen))
			die("GCM encrypt");
		return 8 + ivl + plen + 16;
	}
	if (!EVP_EncryptInit_ex(sa->enc, NULL, NULL, NULL, iv) ||
	    !EVP_EncryptUpdate(sa->enc, ct, &l, ct, (int)plen))
		die("CBC encrypt");
	bench_hmac(sa, out, 8 + ivl + plen, ct + plen);
	return 8 + ivl + plen + 12;
}

/* Payload -> inner packet (pointer into @p, decrypted in place) and its
 * length, or 0 when it fails a check (SPI, replay, ICV, padding).
 */
static inline size_t bench_decap(struct bench_sa *sa, uint8_t *p, size_t len,
				 uint8_t **inner)
{
	size_t ivl = bench_ivlen(sa), icv = bench_icvlen(sa), clen, pad;
	uint32_t w0 = get32(p), seq;
	uint8_t *ct = p + 8 + ivl, nonce[12], tag[12];
	uint64_t diff;
	int l;

	if (len < 8 + ivl + icv + 2)
		return 0;
	clen = len - 8 - ivl - icv;
	if (w0 != (sa->esp ? sa->spi : (1u << 28 | sa->spi)))
		return 0;
	seq = get32(p + 4);
	if (!seq || (seq <= sa->top &&
		     (sa->top - seq >= 64 || sa->bitmap >> (sa->top - seq) & 1)))
		return 0;
	if (sa->gcm) {
		memcpy(nonce, sa->salt, 4);
		memcpy(nonce + 4, p + 8, 8);
		if (!EVP_DecryptInit_ex(sa->dec, NULL, NULL, NULL, nonce) ||
		    !EVP_DecryptUpdate(sa->dec, NULL, &l, p, 8) ||
		    !EVP_DecryptUpdate(sa->dec, ct, &l, ct, (int)clen) ||
		    !EVP_CIPHER_CTX_ctrl(sa->dec, EVP_CTRL_GCM_SET_TAG, 16,
					 ct + clen) ||
		    EVP_DecryptFinal_ex(sa->dec, ct + l, &l) <= 0)
			return 0;
	} else {
		if (clen % 16)
			return 0;
		bench_hmac(sa, p, 8 + ivl + clen, tag);
		if (CRYPTO_memcmp(tag, ct + clen, 12))
			return 0;
		if (!EVP_DecryptInit_ex(sa->dec, NULL, NULL, NULL, p + 8) ||
		    !EVP_DecryptUpdate(sa->dec, ct, &l, ct, (int)clen))
			return 0;
	}
	pad = ct[clen - 2];
	if (pad + 2 > clen)
		return 0;
	/* replay window advances only after authentication */
	if (seq > sa->top) {
		diff = seq - sa->top;
		sa->bitmap = diff >= 64 ? 1 : sa->bitmap << diff | 1;
		sa->top = seq;
	} else {
		sa->bitmap |= 1ull << (sa->top - seq);
	}
	*inner = ct;
	return clen - pad - 2;
}

#endif
