// SPDX-License-Identifier: GPL-2.0
/*
 * mnhagen - RFC 6618 MN-HA UDP encapsulation packet generator for the
 * selftests, with its own crypto (OpenSSL), independent of the kernel's.
 *
 *   mnhagen [--to ADDR] [--port N] [--sport N] --suite S [--spi N]
 *           [--seq N] [--ekey HEX] [--ikey HEX] [--iv HEX] [--ptype 0|1|8]
 *           [--src A --dst A] [--payload N] [--count N] [--repeat N]
 *           [--tamper] [--truncate N] [--hex]
 *
 * The inner packet is an ICMP/ICMPv6 echo request from --src to --dst
 * (PType 0 and 1; IPv4 or IPv6 from the address syntax) or, with PType 8,
 * a Binding Update Mobility Header whose checksum uses --src -> --dst as
 * pseudo-header.  --ekey/--ikey are the keys of the sending direction.
 * --count sends sequence numbers seq, seq+1, ...; --repeat sends each
 * packet that many times (replays).  --tamper flips one ciphertext bit.
 * --hex prints each UDP payload in hex (and sends only with --to).
 * --truncate N cuts each UDP payload to N octets.
 * Suites: the names of kmod/lib's table (psac mnha --help lists them).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <linux/psac_wire.h>

#include "mnha_hdr.h"

/*
 * The suite's sizes come from the one table of kmod/lib (mnha_hdr.c);
 * the crypto is OpenSSL's, chosen here from the suite's transforms.
 */
struct suite {
	const struct psac_mnha_suite *p;
	int ekey, ikey, iv, icv, block;
	const char *cipher;	/* OpenSSL name, NULL for NULL encryption */
	int mac;		/* 1 HMAC-SHA1, 2 AES-XCBC, 0 GCM */
};

static int suite_init(struct suite *s, const char *name)
{
	const struct psac_mnha_suite *p = psac_mnha_suite_by_name(name);

	if (!p)
		return -1;
	s->p = p;
	s->ekey = p->ekey_len;
	s->ikey = p->ikey_len;
	s->iv = p->iv_len;
	s->icv = p->icv_len;
	s->block = p->block_len;
	switch (p->encr_alg) {
	case PSAC_ENCR_NULL:
		s->cipher = NULL;
		break;
	case PSAC_ENCR_3DES:
		s->cipher = "DES-EDE3-CBC";
		break;
	case PSAC_ENCR_AES_CBC:
		s->cipher = p->encr_key_bits == 256 ? "AES-256-CBC" : "AES-128-CBC";
		break;
	case PSAC_ENCR_AES_GCM_16:
		s->cipher = p->encr_key_bits == 256 ? "AES-256-GCM" : "AES-128-GCM";
		break;
	default:
		return -1;
	}
	switch (p->integ_alg) {
	case PSAC_INTEG_HMAC_SHA1_96:
		s->mac = 1;
		break;
	case PSAC_INTEG_AES_XCBC_96:
		s->mac = 2;
		break;
	case PSAC_INTEG_NONE:
		s->mac = 0;
		break;
	default:
		return -1;
	}
	return 0;
}

static void die(const char *m)
{
	fprintf(stderr, "mnhagen: %s\n", m);
	exit(2);
}

static size_t hex(const char *s, uint8_t *out, size_t max)
{
	size_t n = strlen(s), i;

	if (!strncmp(s, "0x", 2)) {
		s += 2;
		n -= 2;
	}
	if (n % 2 || n / 2 > max)
		die("bad hex");
	for (i = 0; i < n / 2; i++) {
		unsigned int b;

		if (sscanf(s + 2 * i, "%2x", &b) != 1)
			die("bad hex");
		out[i] = (uint8_t)b;
	}
	return n / 2;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

/* ICMPv6 / MH checksum over the IPv6 pseudo-header. */
static uint16_t csum6(const uint8_t *src, const uint8_t *dst, uint8_t nh,
		      const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	uint8_t ph[8] = { 0 };

	sum = csum_add(sum, src, 16);
	sum = csum_add(sum, dst, 16);
	ph[0] = (uint8_t)(len >> 24);
	ph[1] = (uint8_t)(len >> 16);
	ph[2] = (uint8_t)(len >> 8);
	ph[3] = (uint8_t)len;
	ph[7] = nh;
	sum = csum_add(sum, ph, 8);
	return csum_fold(csum_add(sum, p, len));
}

/* The inner packet; returns its length and Next Header through @nh. */
static size_t build_inner(int ptype, const char *src, const char *dst,
			  size_t payload, uint16_t id, uint8_t *out, int *nh)
{
	uint8_t s6[16], d6[16], s4[4], d4[4];
	size_t i, len;
	uint16_t c;

	if (inet_pton(AF_INET6, src, s6) == 1) {
		if (inet_pton(AF_INET6, dst, d6) != 1)
			die("--src and --dst families differ");
		if (ptype == PSAC_MNHA_PTYPE_MH) {
			/* BU: proto 59, len 1, type 5, res, csum,
			 * seq, flags (A H), lifetime, PadN(2)
			 */
			uint8_t *mh = out;

			memset(mh, 0, 16);
			mh[0] = 59;
			mh[1] = 1;
			mh[2] = PSAC_MH_TYPE_BU;
			mh[6] = (uint8_t)(id >> 8);
			mh[7] = (uint8_t)id;
			mh[8] = 0xc0;
			mh[11] = 0x10;
			mh[12] = 1;	/* PadN */
			mh[13] = 2;
			c = csum6(s6, d6, PSAC_IPPROTO_MH, mh, 16);
			mh[4] = (uint8_t)(c >> 8);
			mh[5] = (uint8_t)c;
			*nh = PSAC_IPPROTO_MH;
			return 16;
		}
		len = 40 + 8 + payload;
		memset(out, 0, len);
		out[0] = 0x60;
		out[4] = (uint8_t)((len - 40) >> 8);
		out[5] = (uint8_t)(len - 40);
		out[6] = 58;
		out[7] = 64;
		memcpy(out + 8, s6, 16);
		memcpy(out + 24, d6, 16);
		out[40] = 128;		/* echo request */
		out[44] = (uint8_t)(id >> 8);
		out[45] = (uint8_t)id;
		out[47] = 1;
		for (i = 0; i < payload; i++)
			out[48 + i] = (uint8_t)i;
		c = csum6(s6, d6, 58, out + 40, len - 40);
		out[42] = (uint8_t)(c >> 8);
		out[43] = (uint8_t)c;
		*nh = 41;
		return len;
	}
	if (inet_pton(AF_INET, src, s4) != 1 || inet_pton(AF_INET, dst, d4) != 1)
		die("bad --src/--dst");
	len = 20 + 8 + payload;
	memset(out, 0, len);
	out[0] = 0x45;
	out[2] = (uint8_t)(len >> 8);
	out[3] = (uint8_t)len;
	out[4] = (uint8_t)(id >> 8);
	out[5] = (uint8_t)id;
	out[8] = 64;
	out[9] = 1;
	memcpy(out + 12, s4, 4);
	memcpy(out + 16, d4, 4);
	c = csum_fold(csum_add(0, out, 20));
	out[10] = (uint8_t)(c >> 8);
	out[11] = (uint8_t)c;
	out[20] = 8;
	out[24] = (uint8_t)(id >> 8);
	out[25] = (uint8_t)id;
	out[27] = 1;
	for (i = 0; i < payload; i++)
		out[28 + i] = (uint8_t)i;
	c = csum_fold(csum_add(0, out + 20, len - 20));
	out[22] = (uint8_t)(c >> 8);
	out[23] = (uint8_t)c;
	*nh = 4;
	return len;
}

static void aes_ecb(const uint8_t *key, const uint8_t *in, uint8_t *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int l;

	if (!c || !EVP_EncryptInit_ex(c, EVP_aes_128_ecb(), NULL, key, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(c, 0) ||
	    !EVP_EncryptUpdate(c, out, &l, in, 16))
		die("AES-ECB");
	EVP_CIPHER_CTX_free(c);
}

/* AES-XCBC-MAC (RFC 3566), full 16-octet output. */
static void xcbc(const uint8_t *k, const uint8_t *m, size_t len, uint8_t *out)
{
	uint8_t k1[16], k2[16], k3[16], c[16], e[16] = { 0 }, blk[16];
	size_t off = 0, i, n;

	memset(c, 1, 16);
	aes_ecb(k, c, k1);
	memset(c, 2, 16);
	aes_ecb(k, c, k2);
	memset(c, 3, 16);
	aes_ecb(k, c, k3);
	while (len - off > 16) {
		for (i = 0; i < 16; i++)
			blk[i] = m[off + i] ^ e[i];
		aes_ecb(k1, blk, e);
		off += 16;
	}
	n = len - off;
	memset(blk, 0, 16);
	memcpy(blk, m + off, n);
	if (n == 16) {
		for (i = 0; i < 16; i++)
			blk[i] ^= e[i] ^ k2[i];
	} else {
		blk[n] = 0x80;
		for (i = 0; i < 16; i++)
			blk[i] ^= e[i] ^ k3[i];
	}
	aes_ecb(k1, blk, out);
}

/* Builds the UDP payload; returns its length. */
static size_t encap(const struct suite *s, int ptype, uint32_t spi,
		    uint32_t seq, const uint8_t *ekey, const uint8_t *ikey,
		    const uint8_t *fixed_iv, int have_iv, const uint8_t *inner,
		    size_t ilen, int nh, uint8_t *out)
{
	size_t hlen = 8 + (size_t)s->iv, plen, pad, i;
	uint8_t *iv = out + 8, *pt = out + hlen, tag[20];
	unsigned int maclen;
	int l, l2;

	out[0] = (uint8_t)(ptype << 4 | (spi >> 24 & 0xf));
	out[1] = (uint8_t)(spi >> 16);
	out[2] = (uint8_t)(spi >> 8);
	out[3] = (uint8_t)spi;
	out[4] = (uint8_t)(seq >> 24);
	out[5] = (uint8_t)(seq >> 16);
	out[6] = (uint8_t)(seq >> 8);
	out[7] = (uint8_t)seq;
	if (ptype == PSAC_MNHA_PTYPE_PLAIN) {
		memset(out, 0, 8);
		memcpy(out + 8, inner, ilen);
		return 8 + ilen;
	}
	pad = (size_t)s->block - (ilen + 2) % (size_t)s->block;
	if (pad == (size_t)s->block)
		pad = 0;
	memcpy(pt, inner, ilen);
	for (i = 0; i < pad; i++)
		pt[ilen + i] = (uint8_t)(i + 1);
	pt[ilen + pad] = (uint8_t)pad;
	pt[ilen + pad + 1] = (uint8_t)nh;
	plen = ilen + pad + 2;

	if (s->iv) {
		if (have_iv)
			memcpy(iv, fixed_iv, (size_t)s->iv);
		else if (!s->mac)	/* GCM: the sequence number */
			for (i = 0; i < 8; i++)
				iv[i] = i < 4 ? 0 : (uint8_t)(seq >> (8 * (7 - i)));
		else if (RAND_bytes(iv, s->iv) != 1)
			die("RAND_bytes");
	}

	if (!s->mac) {
		int klen = s->ekey - 4;
		uint8_t nonce[12];
		EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();

		memcpy(nonce, ekey + klen, 4);
		memcpy(nonce + 4, iv, 8);
		if (!c ||
		    !EVP_EncryptInit_ex(c, EVP_get_cipherbyname(s->cipher), NULL,
					NULL, NULL) ||
		    !EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, 12, NULL) ||
		    !EVP_EncryptInit_ex(c, NULL, NULL, ekey, nonce) ||
		    !EVP_EncryptUpdate(c, NULL, &l, out, 8) ||
		    !EVP_EncryptUpdate(c, pt, &l, pt, (int)plen) ||
		    !EVP_EncryptFinal_ex(c, pt + l, &l2) ||
		    !EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, pt + plen))
			die("GCM");
		EVP_CIPHER_CTX_free(c);
		return hlen + plen + 16;
	}
	if (s->cipher) {
		EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();

		if (!c ||
		    !EVP_EncryptInit_ex(c, EVP_get_cipherbyname(s->cipher), NULL,
					ekey, iv) ||
		    !EVP_CIPHER_CTX_set_padding(c, 0) ||
		    !EVP_EncryptUpdate(c, pt, &l, pt, (int)plen) ||
		    !EVP_EncryptFinal_ex(c, pt + l, &l2))
			die("CBC");
		EVP_CIPHER_CTX_free(c);
	}
	if (s->mac == 1) {
		if (!HMAC(EVP_sha1(), ikey, s->ikey, out, hlen + plen, tag,
			  &maclen))
			die("HMAC");
	} else {
		xcbc(ikey, out, hlen + plen, tag);
	}
	memcpy(pt + plen, tag, 12);
	return hlen + plen + 12;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", 1, NULL, 't' }, { "port", 1, NULL, 'p' },
		{ "sport", 1, NULL, 'P' }, { "suite", 1, NULL, 's' },
		{ "spi", 1, NULL, 'i' }, { "seq", 1, NULL, 'q' },
		{ "ekey", 1, NULL, 'e' }, { "ikey", 1, NULL, 'k' },
		{ "iv", 1, NULL, 'v' }, { "ptype", 1, NULL, 'y' },
		{ "src", 1, NULL, 'S' }, { "dst", 1, NULL, 'D' },
		{ "payload", 1, NULL, 'l' }, { "count", 1, NULL, 'c' },
		{ "repeat", 1, NULL, 'r' }, { "tamper", 0, NULL, 'T' },
		{ "hex", 0, NULL, 'x' }, { "truncate", 1, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *to = NULL, *src = "2001:db8::1", *dst = "2001:db8::2";
	uint8_t ekey[64], ikey[64], fiv[16], inner[2048], pkt[2400];
	int port = PSAC_MNHA_UDP_PORT, sport = 0, ptype = 1, tamper = 0;
	int have_iv = 0, print = 0, fd = -1, nh, o, trunc = -1;
	unsigned long spi = 0x100, seq = 1, count = 1, repeat = 1, n, r;
	struct suite suite;
	const struct suite *s = NULL;
	size_t payload = 32, ilen, len, i;
	struct sockaddr_in6 d6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in d4 = { .sin_family = AF_INET };
	int v6 = 0;

	memset(ekey, 0, sizeof(ekey));
	memset(ikey, 0, sizeof(ikey));
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 't': to = optarg; break;
		case 'p': port = atoi(optarg); break;
		case 'P': sport = atoi(optarg); break;
		case 's':
			if (suite_init(&suite, optarg))
				die("unknown suite");
			s = &suite;
			break;
		case 'i': spi = strtoul(optarg, NULL, 0); break;
		case 'q': seq = strtoul(optarg, NULL, 0); break;
		case 'e': hex(optarg, ekey, sizeof(ekey)); break;
		case 'k': hex(optarg, ikey, sizeof(ikey)); break;
		case 'v': hex(optarg, fiv, sizeof(fiv)); have_iv = 1; break;
		case 'y': ptype = atoi(optarg); break;
		case 'S': src = optarg; break;
		case 'D': dst = optarg; break;
		case 'l': payload = strtoul(optarg, NULL, 0); break;
		case 'c': count = strtoul(optarg, NULL, 0); break;
		case 'r': repeat = strtoul(optarg, NULL, 0); break;
		case 'T': tamper = 1; break;
		case 'x': print = 1; break;
		case 'u': trunc = atoi(optarg); break;
		default: die("usage: see selftests/src/mnhagen.c");
		}
	}
	if (!s || payload > 1400)
		die("--suite required, --payload at most 1400");

	if (to) {
		v6 = inet_pton(AF_INET6, to, &d6.sin6_addr) == 1;
		if (!v6 && inet_pton(AF_INET, to, &d4.sin_addr) != 1)
			die("bad --to");
		d6.sin6_port = d4.sin_port = htons((uint16_t)port);
		fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);
		if (fd < 0)
			die("socket");
		if (sport) {
			struct sockaddr_in6 s6 = { .sin6_family = AF_INET6,
				.sin6_port = htons((uint16_t)sport) };
			struct sockaddr_in s4 = { .sin_family = AF_INET,
				.sin_port = htons((uint16_t)sport) };

			if (v6 ? bind(fd, (void *)&s6, sizeof(s6)) :
				 bind(fd, (void *)&s4, sizeof(s4)))
				die("bind");
		}
	}

	for (n = 0; n < count; n++) {
		ilen = build_inner(ptype, src, dst, payload, (uint16_t)(seq + n),
				   inner, &nh);
		len = encap(s, ptype, (uint32_t)spi, (uint32_t)(seq + n), ekey,
			    ikey, fiv, have_iv, inner, ilen, nh, pkt);
		if (tamper)
			pkt[len - (size_t)s->icv - 1] ^= 0x01;
		if (trunc >= 0 && (size_t)trunc < len)
			len = (size_t)trunc;
		if (print) {
			for (i = 0; i < len; i++)
				printf("%02x", pkt[i]);
			printf("\n");
		}
		for (r = 0; fd >= 0 && r < repeat; r++) {
			ssize_t w = v6 ? sendto(fd, pkt, len, 0, (void *)&d6,
						sizeof(d6)) :
					 sendto(fd, pkt, len, 0, (void *)&d4,
						sizeof(d4));

			if (w != (ssize_t)len)
				die("sendto");
		}
	}
	if (fd >= 0)
		close(fd);
	return 0;
}
